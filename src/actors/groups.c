/*
 * actors/groups.c -- the article's home country, and the groups analysts
 * record as actors: "the government", "police", "security forces",
 * "protesters", "officials", "a source close to the talks".
 *
 * The home country is the dateline's country (when the text names it, or
 * names no country at all), else the country the text names most (country
 * names, demonyms, places, dictionary people and organisations).  A group
 * without a country of its own belongs to the country after it ("police in Hong Kong", "the government of Ukraine"),
 * else to the home country.  Groups of the state (a GOV, MIL, COP, LEG or
 * JUD agent) are named with their country's adjective ("Hong Kong police",
 * "Iranian security forces"); other groups as the text names them
 * ("protesters", "industry experts", "insurgent source").  A definite
 * description ("the court", "the party") of an organisation already named
 * refers to it; "the Trump administration" is the administration of the
 * person just named.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <strings.h>

#include "actors/actors.h"
#include "actors/speaker.h"
#include "core/strbuf.h"
#include "core/utf8.h"

/* ---- the home country ------------------------------------------------------ */

static int country_entry(const dl_actx *cx, const char *code) {
    return code && *code ? dl_map_get(&cx->dict->country_index, code, strlen(code)) : -1;
}

/* The country entry of the place a dateline names ("HANOI, Vietnam"). */
static int dateline_country(const dl_actx *cx) {
    const char *dl = cx->doc->article.dateline;
    if (!dl || !*dl) return -1;
    char part[128], key[512];
    snprintf(part, sizeof part, "%s", dl);
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            char *comma = strchr(part, ',');
            if (!comma) break;
            *comma = '\0';
        }
        if (!dl_dict_key(part, key, sizeof key)) continue;
        for (int h = dl_dict_find(cx->dict, key, strlen(key)); h >= 0; h = cx->dict->hits.v[h].next) {
            int e = country_entry(cx, cx->dict->actors.v[cx->dict->hits.v[h].actor].country);
            if (e >= 0) return e;
        }
    }
    return -1;
}

static int is_abbreviation(const dl_doc *doc, size_t i, size_t len) {
    const dl_token *a = &doc->toks.v[i], *b = &doc->toks.v[i + len - 1];
    size_t n = b->off + b->len - a->off;
    const char *p = DL_SPAN_PTR(doc, a->off);
    if (n > 6) return 0;
    for (size_t k = 0; k < n; k++)
        if (!((p[k] >= 'A' && p[k] <= 'Z') || p[k] == '.')) return 0;
    return 1;
}

/* A demonym as written ("Philippine") and how often, for one country. */
typedef struct {
    int entry;
    char *text;
    int count;
} form;

/* Counts the demonym at tokens [i, i+len) for country e; plural forms
 * ("Filipinos") name people, not the adjective, and are left out. */
static void add_form(form **v, size_t *n, size_t *cap, int e, const dl_doc *doc, size_t i, size_t len) {
    const dl_token *a = &doc->toks.v[i], *b = &doc->toks.v[i + len - 1];
    size_t tl = b->off + b->len - a->off;
    const char *t = DL_SPAN_PTR(doc, a->off);
    /* plurals and people nouns ("Filipinos", "Hong Konger") are no adjectives */
    if (tl < 3 || t[tl - 1] == 's' || (t[tl - 2] == 'e' && t[tl - 1] == 'r') || (doc->toks.v[i].flags & DL_TF_ALLCAP))
        return;
    for (size_t k = 0; k < *n; k++)
        if ((*v)[k].entry == e && strlen((*v)[k].text) == tl && memcmp((*v)[k].text, t, tl) == 0) {
            (*v)[k].count++;
            return;
        }
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        form *nv = realloc(*v, nc * sizeof *nv);
        if (!nv) return;
        *v = nv;
        *cap = nc;
    }
    char *copy = malloc(tl + 1);
    if (!copy) return;
    memcpy(copy, t, tl);
    copy[tl] = '\0';
    (*v)[(*n)++] = (form){e, copy, 1};
}

void dl__groups_home(dl_actx *cx) {
    const struct dl_actor_dict *d = cx->dict;
    const dl_doc *doc = cx->doc;
    int *count = calloc(d->actors.n + 1, sizeof *count);
    int *abbr = calloc(d->actors.n + 1, sizeof *abbr);
    int *demonym = calloc(d->actors.n + 1, sizeof *demonym);
    size_t *first = calloc(d->actors.n + 1, sizeof *first);
    const char **abbr_text = calloc(d->actors.n + 1, sizeof *abbr_text);
    DL_VEC(form) forms = {0};   /* demonyms as written, per country */
    if (!count || !abbr || !demonym || !first || !abbr_text) goto done;
    for (size_t s = 0; s < doc->sents.n; s++) {
        size_t i = doc->sents.v[s].tok0, end = i + doc->sents.v[s].ntok;
        while (i < end) {
            size_t len;
            int h = dl__actors_phrase(cx, i, end, &len);
            if (h < 0) { i++; continue; }
            const dl_dict_hit *hit = &d->hits.v[h];
            const dl_dict_actor *da = &d->actors.v[hit->actor];
            int e = country_entry(cx, da->country);
            /* a person counts for the country he serves: not a NATO chief's nationality */
            if (da->kind == DL_DICT_PERSON) {
                const char *code = dl_dict_code_at(da, cx->date, NULL);
                if (!code || !da->country || strncmp(code, da->country, 3) != 0) e = -1;
            }
            if (e >= 0) {
                if (!count[e]++) first[e] = i;
                if (hit->actor == e && hit->how == DL_HIT_DEMONYM) {
                    demonym[e]++;
                    add_form(&forms.v, &forms.n, &forms.cap, e, doc, i, len);
                }
                else if (hit->actor == e && is_abbreviation(doc, i, len)) {
                    abbr[e]++;
                    const dl_token *a = &doc->toks.v[i], *b = &doc->toks.v[i + len - 1];
                    abbr_text[e] = dl_arena_strndup(&cx->doc->arena, DL_SPAN_PTR(doc, a->off), b->off + b->len - a->off);
                }
            }
            i += len;
        }
    }
    /* the dateline's country, unless the text never names it and names
     * others: a wire filed from a bureau abroad ("PARIS -- Algerian forces
     * killed ...") is about the country it names */
    int best = dateline_country(cx);
    if (best >= 0 && !count[best]) {
        int named = 0;
        for (size_t e = 0; e < d->actors.n && !named; e++) named = count[e] > 0;
        if (named) best = -1;
    }
    if (best < 0)
        for (size_t e = 0; e < d->actors.n; e++)
            if (count[e] && (best < 0 || count[e] > count[best] || (count[e] == count[best] && first[e] < first[best])))
                best = (int)e;
    if (best < 0) goto done;
    cx->home_entry = best;
    snprintf(cx->home, sizeof cx->home, "%s", d->actors.v[best].country);
    /* an article that writes "U.S." more than "American" names its agents so */
    if (abbr[best] && abbr[best] >= demonym[best]) {
        cx->home_adj = abbr_text[best];
    } else {
        /* the adjective the article itself uses: "Philippine", not "Filipino" */
        const form *top = NULL;
        for (size_t k = 0; k < forms.n; k++)
            if (forms.v[k].entry == best && (!top || forms.v[k].count > top->count)) top = &forms.v[k];
        if (top) cx->home_adj = dl_arena_strndup(&cx->doc->arena, top->text, strlen(top->text));
    }
done:
    for (size_t k = 0; k < forms.n; k++) free(forms.v[k].text);
    free(forms.v);
    free(count);
    free(abbr);
    free(demonym);
    free(first);
    free(abbr_text);
}

static int ends_with(const char *s, const char *tail) {
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

const char *dl__groups_adjective(const dl_actx *cx, int entry) {
    if (entry == cx->home_entry && cx->home_adj) return cx->home_adj;
    const dl_dict_actor *c = &cx->dict->actors.v[entry];
    /* "Iranian"; a people noun is no adjective ("Hongkonger", "New Zealander") */
    if (c->kind == DL_DICT_COUNTRY && c->demonym && !ends_with(c->demonym, "er")) return c->demonym;
    return c->name;
}

/* ---- groups ---------------------------------------------------------------- */

static const char *const DETERMINERS[] = {"a", "an", "the", "one", "another", "some", "several",
                                          "many", "two", "three", "their", "its", "his", "her",
                                          "our", "other", "senior", NULL};

static const char *const INDEFINITE[] = {"a", "an", "one", "another", NULL};

static const char *const STATE_ROLES[] = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "GOVMIL", NULL};

/* A word that can modify the group's agent: "riot", "health", "local",
 * "anonymous"; not a verb, a number or a function word. */
static int modifier_ok(const dl_actx *cx, size_t k) {
    const dl_doc *doc = cx->doc;
    const dl_token *t = &doc->toks.v[k];
    int opener = k == doc->sents.v[t->sent].tok0;
    if (t->kind != DL_TOK_WORD || ((t->flags & DL_TF_CAP) && !opener) || dl__actors_not_name(doc, k)) return 0;
    if (dl_word_in(t->norm, DETERMINERS)) return 0;
    if (!doc->upos) return 1;
    const char *u = doc->upos[k];
    return strcmp(u, "ADJ") == 0 || strcmp(u, "NOUN") == 0;
}

static int is_word(const dl_doc *doc, size_t k, const char *w) { return dl_tok_is(doc, k, w); }

/* "State and federal election officials", "local and state police": two
 * modifiers joined by "and" before the agent (the first may be a
 * capitalised sentence opener). */
static int joined_modifiers(const dl_actx *cx, size_t k, size_t end) {
    const dl_doc *doc = cx->doc;
    size_t len;
    if (k + 2 >= end || !(is_word(doc, k + 1, "and") || is_word(doc, k + 1, "or")) || !modifier_ok(cx, k + 2) ||
        dl__actors_agent(cx, k + 2, end, &len) >= 0)
        return 0;
    int opener = k == doc->sents.v[doc->toks.v[k].sent].tok0;
    return modifier_ok(cx, k) || (opener && doc->upos && strcmp(doc->upos[k], "PROPN") == 0 &&
                                  !dl__actors_not_name(doc, k));
}

/* The country a following "in X" / "of X" names, or -1; *entry gets X's
 * dictionary entry. */
static int country_after(const dl_actx *cx, size_t e, size_t end, int *entry) {
    const dl_doc *doc = cx->doc;
    if (e + 1 >= end || !(is_word(doc, e, "in") || is_word(doc, e, "of"))) return -1;
    size_t j = e + 1, len;
    if (is_word(doc, j, "the")) j++;
    int h = j < end ? dl__actors_phrase(cx, j, end, &len) : -1;
    if (h < 0) return -1;
    const dl_dict_actor *a = &cx->dict->actors.v[cx->dict->hits.v[h].actor];
    if (a->kind != DL_DICT_COUNTRY && a->kind != DL_DICT_PLACE) return -1;
    int c = country_entry(cx, a->country);
    if (c >= 0) *entry = cx->dict->hits.v[h].actor;
    return c;
}

static const char *const POSSESSIVES[] = {"its", "their", NULL};

/* "the U.S. withdrew its forces": the country of the last mention before
 * the possessive in its sentence, or -1. */
static int owner_country(const dl_actx *cx, size_t pos) {
    const dl_doc *doc = cx->doc;
    uint32_t sent = doc->toks.v[pos].sent;
    for (size_t m = doc->mentions.n; m-- > 0;) {
        const dl_mention *x = &doc->mentions.v[m];
        if (x->sent != sent) break;
        if (x->actor < 0) continue;
        const dl_actor *a = &doc->actors.v[x->actor];
        if (a->type && strcmp(a->type, "PER") != 0 && a->country) return country_entry(cx, a->country);
    }
    return -1;
}

/* The country of an agent mention ending just before "and" at pos. */
static int coordinated_country(const dl_actx *cx, size_t pos) {
    const dl_doc *doc = cx->doc;
    if (!doc->mentions.n) return -1;
    const dl_mention *m = &doc->mentions.v[doc->mentions.n - 1];
    if (m->tok0 + m->ntok != pos || m->actor < 0 || m->kind != DL_MENTION_AGENT) return -1;
    return country_entry(cx, doc->actors.v[m->actor].country);
}

/* "a source close to the talks", "officials familiar with the matter":
 * the end of that tail, or e when there is none. */
static size_t speaker_tail(const dl_doc *doc, size_t e, size_t end) {
    if (!((is_word(doc, e, "close") && is_word(doc, e + 1, "to")) ||
          (is_word(doc, e, "familiar") && is_word(doc, e + 1, "with"))))
        return e;
    size_t j = e + 2, stop = j + 5;
    while (j < end && j < stop && doc->toks.v[j].kind == DL_TOK_WORD) {
        if (doc->upos && (strcmp(doc->upos[j], "VERB") == 0 || strcmp(doc->upos[j], "AUX") == 0)) break;
        j++;
    }
    return j > e + 2 ? j : e;
}

/* Does the actor's code end in this role ("USAMED" in "MED")? */
static int code_has_role(const dl_actor *x, const char *role) {
    size_t cl = x->code ? strlen(x->code) : 0, rl = strlen(role);
    return rl && cl >= rl && strcmp(x->code + cl - rl, role) == 0;
}

/* The organisation named last before token pos whose code has this role:
 * "the newspaper" is the paper just named, "the company" the firm.  State
 * roles are left out: "the government" is no ministry named before it. */
static int role_named_before(const dl_actx *cx, const char *role, const char *country, size_t pos) {
    const dl_doc *doc = cx->doc;
    if (!role[0] || dl_word_in(role, STATE_ROLES)) return -1;
    for (size_t m = doc->mentions.n; m-- > 0;) {
        const dl_mention *x = &doc->mentions.v[m];
        if (x->tok0 >= pos || x->actor < 0) continue;
        if (doc->toks.v[pos].sent > x->sent + 3) break;
        const dl_actor *a = &doc->actors.v[x->actor];
        if (!a->type || strcmp(a->type, "ORG") != 0 || !code_has_role(a, role)) continue;
        if (country && a->country && strcmp(country, a->country) != 0) continue;
        return x->actor;
    }
    return -1;
}

int dl_actors_is_subject(const dl_doc *doc, const dl_mention *x) {
    if (!doc->head || !doc->deprel) return 0;
    for (size_t k = x->tok0; k < x->tok0 + x->ntok; k++) {
        const char *r = doc->deprel[k];
        int32_t h = doc->head[k];
        if (strncmp(r, "nsubj", 5) == 0 && (r[5] == '\0' || r[5] == ':') &&
            (h < (int32_t)x->tok0 || h >= (int32_t)(x->tok0 + x->ntok)))
            return 1;
    }
    return 0;
}

/* Does the organisation's name have word as one of its words (folded)? */
static int org_has_word(const dl_actor *x, const char *word, const char *country) {
    if (!x->type || strcmp(x->type, "ORG") != 0) return 0;
    if (country && x->country && strcmp(country, x->country) != 0) return 0;
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_utf8_fold(x->name, strlen(x->name), &b);
    int hit = 0;
    size_t wl = strlen(word);
    for (const char *p = b.s ? strstr(b.s, word) : NULL; p && !hit; p = strstr(p + 1, word))
        hit = (p == b.s || p[-1] == ' ') && (p[wl] == '\0' || p[wl] == ' ');
    dl_strbuf_release(&b);
    return hit;
}

/* An organisation already named whose name has the agent's last word
 * ("the court" -> "Court of Session"), of the country given (or none): the
 * last one named.  (The quote stage prefers the one last named as a
 * subject for speakers; here that choice, retrained, cost the event coder
 * more than it gave.) */
static int named_before(const dl_actx *cx, const char *word, const char *country) {
    const dl_doc *doc = cx->doc;
    for (size_t a = doc->actors.n; a-- > 0;)
        if (org_has_word(&doc->actors.v[a], word, country)) return (int)a;
    return -1;
}

/* Is word the head noun of the organisation's name: its last word, or the
 * word before its first "of" ("Department of Justice")?  Names of places
 * ("White House", "Revenue Tower") are not referred to by their head. */
static int org_head_is(const dl_actor *x, const char *word) {
    static const char *const SITES[] = {"house", "palace", "hall", "tower", "building", "street", "square",
                                        "post", "centre", "center", "home", NULL};
    if (!x->type || strcmp(x->type, "ORG") != 0 || !x->name || dl_word_in(word, SITES)) return 0;
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_utf8_fold(x->name, strlen(x->name), &b);
    int hit = 0;
    if (b.s) {
        const char *of = strstr(b.s, " of ");
        size_t end = of ? (size_t)(of - b.s) : b.len;
        size_t start = end;
        while (start > 0 && b.s[start - 1] != ' ') start--;
        hit = end - start == strlen(word) && strncmp(b.s + start, word, end - start) == 0;
    }
    dl_strbuf_release(&b);
    return hit;
}

/* Links the word at token i to the actor of the last name, in its
 * sentence or the three before, that fits (word: token i's); 1 when
 * linked (the word's one token), else 0. */
typedef int (*name_fits)(const dl_actor *a, const char *word);

static size_t link_to_named(dl_actx *cx, size_t i, name_fits fits) {
    dl_doc *doc = cx->doc;
    const dl_token *t = &doc->toks.v[i];
    for (size_t m = doc->mentions.n; m-- > 0;) {
        const dl_mention *x = &doc->mentions.v[m];
        if (t->sent > x->sent + 3) break;
        if (x->actor < 0 || x->kind != DL_MENTION_NAME || !fits(&doc->actors.v[x->actor], t->norm)) continue;
        dl__actors_mention(cx, i, i + 1, x->actor, DL_MENTION_AGENT);
        return 1;
    }
    return 0;
}

/* Words for any organisation: "the body", "the group" is the one named last. */
static const char *const ORG_WORDS[] = {"body", "organisation", "organization", "group", "bloc", "alliance",
                                        NULL};

/* May "the body" or "the group" stand for actor x: an organisation other
 * than a news medium (the source of a report, not its subject)? */
static int any_org(const dl_actor *x) {
    return x->type && strcmp(x->type, "ORG") == 0 && !(x->code && strstr(x->code, "MED"));
}

/* "the council": the organisation whose name it heads; "the body", "the
 * group": that, or any organisation (news media aside). */
static int fits_org_head(const dl_actor *a, const char *word) { return org_head_is(a, word); }
static int fits_any_org(const dl_actor *a, const char *word) { return org_head_is(a, word) || any_org(a); }

/* "The council later accused ...": a definite common noun that is the head
 * of an organisation named in the last few sentences stands for it; a word
 * for any organisation, for the one named last ("the group that ..."
 * introduces another). */
static size_t definite_org(dl_actx *cx, size_t i, size_t end) {
    dl_doc *doc = cx->doc;
    const dl_token *t = &doc->toks.v[i];
    if (i == 0 || !is_word(doc, i - 1, "the") || (t->flags & DL_TF_CAP) || !doc->upos ||
        strcmp(doc->upos[i], "NOUN") != 0)
        return 0;
    if (i + 1 < end && (strcmp(doc->upos[i + 1], "NOUN") == 0 || is_word(doc, i + 1, "of"))) return 0;
    int generic = dl_word_in(t->norm, ORG_WORDS) && !(i + 1 < end && is_word(doc, i + 1, "that"));
    return link_to_named(cx, i, generic ? fits_any_org : fits_org_head);
}

/* "Police arrested the accused": a definite word for a private person in
 * a story of crime or conflict stands for the person last named, in the
 * last three sentences, who holds no office (an office-holder is called
 * by the office, "the minister", so one named since is passed over). */
static const char *const PRIVATE_ROLES[] = {"accused", "suspect", "gunman", "attacker", "assailant", "shooter",
                                            "bomber", "killer", "defendant", "perpetrator", "hostage",
                                            "detainee", NULL};

/* A person of no office: one holding an office is called by it. */
static int fits_private_person(const dl_actor *a, const char *word) {
    (void)word;
    return a->type && strcmp(a->type, "PER") == 0 && !a->code && !a->role;
}

/* Hedging words between "the" and the role: "the alleged gunman". */
static const char *const ALLEGED[] = {"alleged", "suspected", "accused", "presumed", NULL};

static size_t definite_person(dl_actx *cx, size_t i) {
    dl_doc *doc = cx->doc;
    const dl_token *t = &doc->toks.v[i];
    size_t d = i >= 2 && dl_word_in(doc->toks.v[i - 1].norm, ALLEGED) ? i - 1 : i;
    if (d == 0 || !is_word(doc, d - 1, "the") || (t->flags & DL_TF_CAP) || !dl_word_in(t->norm, PRIVATE_ROLES))
        return 0;
    return link_to_named(cx, i, fits_private_person);
}

/* "Trump administration", "Smith government": the government of the
 * person whose mention ends just before i (or before "'s"). */
static int leader_group(dl_actx *cx, size_t i, size_t e, const dl_dict_agent *ag) {
    static const char *const govs[] = {"administration", "government", "regime", "cabinet", NULL};
    dl_doc *doc = cx->doc;
    int gov = dl_word_in(doc->toks.v[e - 1].norm, govs);
    /* "Navalny's associates", "Trump's lawyers": people of a person */
    int people = strcmp(ag->type, "NORP") == 0 && ag->plural;
    if ((!gov && !people) || !doc->mentions.n || i == 0) return -1;
    const dl_mention *m = &doc->mentions.v[doc->mentions.n - 1];
    size_t at = m->tok0 + m->ntok;
    int possessive = at + 1 == i && is_word(doc, at, "'s");
    if (!(possessive || (gov && at == i))) return -1;
    if (m->actor < 0) return -1;
    const dl_actor *p = &doc->actors.v[m->actor];
    if (!p->type || strcmp(p->type, "PER") != 0) return -1;
    const char *sp = strrchr(p->name, ' ');
    char name[DL_KEY_MAX], key[DL_KEY_MAX + 8], code[32], words[DL_KEY_MAX], owner[DL_KEY_MAX];
    dl__actors_text(doc, i, e, words, sizeof words);
    snprintf(owner, sizeof owner, "%s%s", sp ? sp + 1 : p->name, gov ? "" : "'s");
    dl__actors_join(name, sizeof name, owner, words);
    dl__actors_name_key(key, sizeof key, "a:", name);
    const char *cd = NULL;
    if (p->country) {
        snprintf(code, sizeof code, "%s%s", p->country, ag->suffix);
        cd = code;
    }
    int a = dl__actors_push(cx, key, name, gov ? "ORG" : "NORP", p->country, cd, NULL, -1, 0);
    if (a >= 0 && !gov) doc->actors.v[a].passing = 1;
    return a;
}

/* Groups of people are listed only when they speak or act (dl_actor.passing). */
static int passing(dl_actx *cx, int actor) {
    if (actor >= 0 && strcmp(cx->doc->actors.v[actor].type, "NORP") == 0) cx->doc->actors.v[actor].passing = 1;
    return actor;
}

/* The president or prime minister of country whom the article names (a
 * dictionary person in that office on the date), or NULL. */
static const dl_actor *head_of(const dl_actx *cx, const char *country) {
    const dl_doc *doc = cx->doc;
    for (size_t a = 0; a < doc->actors.n; a++) {
        const dl_actor *x = &doc->actors.v[a];
        if (x->entry < 0 || !x->role || !x->country || strcmp(x->country, country) != 0) continue;
        if (strcmp(x->role, "President") == 0 || strcmp(x->role, "Prime Minister") == 0) return x;
    }
    return NULL;
}

static int make_group(dl_actx *cx, size_t t0, size_t t1, const dl_dict_agent *ag, int centry,
                      int place_entry) {
    const dl_doc *doc = cx->doc;
    char words[DL_KEY_MAX], name[DL_KEY_MAX], key[DL_KEY_MAX + 8], code[32];
    dl__actors_text(doc, t0, t1, words, sizeof words);
    if (words[0] >= 'A' && words[0] <= 'Z' && !(doc->toks.v[t0].flags & DL_TF_ALLCAP))
        words[0] = (char)(words[0] - 'A' + 'a');   /* "Police said" at a sentence start */
    const char *country = centry >= 0 ? cx->dict->actors.v[centry].country : NULL;
    /* bodies of the state take their country's adjective and the agent's own
     * word, so "the provisional government" and "recent governments" are one
     * "Austrian government"; people are named as written */
    if (strcmp(ag->type, "ORG") == 0 && dl_word_in(ag->suffix, STATE_ROLES) && (centry >= 0 || place_entry >= 0)) {
        int named = place_entry >= 0 ? place_entry : centry;
        dl__actors_join(name, sizeof name, dl__groups_adjective(cx, named), ag->singular);
    } else {
        snprintf(name, sizeof name, "%s", words);
    }
    dl__actors_name_key(key, sizeof key, "a:", name);
    const char *cd = NULL;
    if (country) {
        snprintf(code, sizeof code, "%s%s", country, ag->suffix);
        cd = code;
    }
    /* "the administration" of a country whose president the article names:
     * "Trump administration" */
    const dl_actor *leader = strcmp(words, "administration") == 0 && country ? head_of(cx, country) : NULL;
    if (leader) {
        const char *sp = strrchr(leader->name, ' ');
        dl__actors_join(name, sizeof name, sp ? sp + 1 : leader->name, words);
        dl__actors_name_key(key, sizeof key, "a:", name);
    }
    return passing(cx, dl__actors_push(cx, key, name, ag->type, country, cd, NULL, -1, 0));
}

/* "Senate aide", "White House official": a group of the organisation named
 * from token o0, its words up to t1, of the organisation's country and code. */
static int org_group(dl_actx *cx, const dl_actor *org, size_t o0, size_t t1, const dl_dict_agent *ag) {
    char name[DL_KEY_MAX], key[DL_KEY_MAX + 8];
    dl__actors_text(cx->doc, o0, t1, name, sizeof name);
    dl__actors_name_key(key, sizeof key, "a:", name);
    return passing(cx, dl__actors_push(cx, key, name, ag->type, org->country, org->code, NULL, -1, 0));
}

/* The one dictionary organisation of country whose code is that
 * country's role and whose name holds word: "congress" -> "United States
 * Congress"; -1 when there is none or more than one ("court"). */
static int dict_body(const dl_actx *cx, const char *country, const char *suffix, const char *word) {
    char code[32];
    snprintf(code, sizeof code, "%s%s", country, suffix);
    int found = -1;
    for (size_t e = 0; e < cx->dict->actors.n; e++) {
        const dl_dict_actor *x = &cx->dict->actors.v[e];
        if (x->kind != DL_DICT_ORG || !x->country || strcmp(x->country, country) != 0) continue;
        const char *c = dl_dict_code_at(x, cx->date, NULL);
        if (!c || strcmp(c, code) != 0) continue;
        char key[DL_KEY_MAX];
        if (dl_dict_key(x->name, key, sizeof key) == 0) continue;
        int hit = 0;
        for (const char *p = strstr(key, word); p && !hit; p = strstr(p + 1, word))
            hit = (p == key || p[-1] == ' ') && (p[strlen(word)] == '\0' || p[strlen(word)] == ' ');
        if (!hit) continue;
        if (found >= 0) return -1;
        found = (int)e;
    }
    return found;
}

/* "Congress", "Parliament" written alone: the home country's body of that
 * name, the one in the dictionary ("United States Congress") or one named
 * as written; -1 when the word is no body of the state. */
static int state_body(dl_actx *cx, size_t i, size_t end) {
    const dl_doc *doc = cx->doc;
    size_t len;
    int ag = dl__actors_agent(cx, i, end, &len);
    if (ag < 0 || len != 1 || cx->home_entry < 0) return -1;
    const dl_dict_agent *agent = &cx->dict->agents.v[ag];
    const char *country = cx->dict->actors.v[cx->home_entry].country;
    if (agent->title || agent->plural || strcmp(agent->type, "ORG") != 0 || !dl_word_in(agent->suffix, STATE_ROLES) ||
        !country)
        return -1;
    int actor = named_before(cx, doc->toks.v[i].norm, country);
    if (actor >= 0) return actor;
    int e = dict_body(cx, country, agent->suffix, doc->toks.v[i].norm);
    if (e >= 0) return dl__actors_from_dict(cx, e);
    char name[DL_KEY_MAX], key[DL_KEY_MAX + 8], code[32];
    dl__actors_text(doc, i, i + 1, name, sizeof name);
    dl__actors_name_key(key, sizeof key, "a:", name);
    snprintf(code, sizeof code, "%s%s", country, agent->suffix);
    return dl__actors_push(cx, key, name, "ORG", country, code, NULL, -1, 0);
}

/* A capitalised word alone inside a sentence that names a body: "the
 * Court", "the House" (the organisation named before with that word), or
 * a body of the state (state_body).  Not a word of a longer name, a
 * modifier ("Government officials") or someone's ("Ben Ali's Presidency"). */
static size_t institution(dl_actx *cx, size_t i, size_t end) {
    dl_doc *doc = cx->doc;
    if (i + 1 < end && (dl__actors_is_cap(doc, i + 1) || (doc->upos && strcmp(doc->upos[i + 1], "NOUN") == 0)))
        return 0;
    if (dl__actors_is_cap(doc, i - 1) || dl_tok_is(doc, i - 1, "'s")) return 0;
    int actor = is_word(doc, i - 1, "the") ? named_before(cx, doc->toks.v[i].norm, NULL) : -1;
    if (actor < 0) actor = state_body(cx, i, end);
    if (actor < 0) return 0;
    dl__actors_mention(cx, i, i + 1, actor, DL_MENTION_NAME);
    return 1;
}

size_t dl__groups_scan(dl_actx *cx, size_t i, size_t end) {
    dl_doc *doc = cx->doc;
    const struct dl_actor_dict *d = cx->dict;
    if (doc->toks.v[i].kind != DL_TOK_WORD) return 0;
    size_t linked = definite_org(cx, i, end);
    if (!linked) linked = definite_person(cx, i);
    if (linked) return linked;
    int opener = i == doc->sents.v[doc->toks.v[i].sent].tok0;
    if ((doc->toks.v[i].flags & DL_TF_CAP) && !(doc->toks.v[i].flags & DL_TF_ALLCAP) && !opener) {
        size_t n = institution(cx, i, end);
        if (n) return n;
    }
    /* capitalised only at the start of a sentence ("Police said ...") */
    if ((doc->toks.v[i].flags & DL_TF_CAP) && !opener) return 0;
    /* [modifiers] agent [agent]: "riot police", "local police source" */
    size_t k = i, al = 0, most = i + 4;
    int ag = -1;
    for (; k < end && k < most; k++) {
        ag = dl__actors_agent(cx, k, end, &al);
        if (ag >= 0) break;
        if (joined_modifiers(cx, k, end)) {
            k++;
            most += 2;
            continue;
        }
        /* capitalised only as the sentence's first word ("Security sources said") */
        int first = k == doc->sents.v[doc->toks.v[k].sent].tok0;
        if (((doc->toks.v[k].flags & DL_TF_CAP) && !first) || !modifier_ok(cx, k)) return 0;
    }
    if (ag < 0 || d->agents.v[ag].title) return 0;
    size_t e = k + al, more;
    int next;
    while (e < end && (next = dl__actors_agent(cx, e, end, &more)) >= 0 && !d->agents.v[next].title) {
        ag = next;
        e += more;
    }
    const dl_dict_agent *agent = &d->agents.v[ag];
    /* "a university student named Wong": the person, not a group */
    if (e + 1 < end && (is_word(doc, e, "named") || is_word(doc, e, "called")) &&
        (doc->toks.v[e + 1].flags & DL_TF_CAP))
        return 0;
    /* the agent modifies a noun after it: "police station", "government website" */
    if (e < end && doc->upos && strcmp(doc->upos[e], "NOUN") == 0 && !(doc->toks.v[e].flags & DL_TF_CAP))
        return 0;
    int det = i > 0 && dl_word_in(doc->toks.v[i - 1].norm, DETERMINERS);
    int the = i > 0 && is_word(doc, i - 1, "the");
    /* "a Senate aide", "Pentagon officials": of the organisation just named */
    const dl_actor *org = NULL;
    size_t org0 = i;
    if (doc->mentions.n) {
        const dl_mention *m = &doc->mentions.v[doc->mentions.n - 1];
        if (m->tok0 + m->ntok == i && m->actor >= 0 && doc->actors.v[m->actor].type &&
            strcmp(doc->actors.v[m->actor].type, "ORG") == 0) {
            org = &doc->actors.v[m->actor];
            org0 = m->tok0;
        }
    }
    size_t before = org ? org0 : i;
    int indefinite = before > 0 && dl_word_in(doc->toks.v[before - 1].norm, INDEFINITE);
    int actor = leader_group(cx, i, e, agent);
    /* "the Iraqi government and administration": one body named twice */
    if (actor < 0 && i > 1 && doc->mentions.n && (is_word(doc, i - 1, "and") || is_word(doc, i - 1, "or"))) {
        const dl_mention *m = &doc->mentions.v[doc->mentions.n - 1];
        const dl_actor *a = m->actor >= 0 ? &doc->actors.v[m->actor] : NULL;
        size_t cl = a && a->code ? strlen(a->code) : 0, sl = strlen(agent->suffix);
        if (a && m->tok0 + m->ntok == i - 1 && m->kind == DL_MENTION_AGENT && sl && cl > sl &&
            strcmp(a->code + cl - sl, agent->suffix) == 0 && a->type && strcmp(a->type, agent->type) == 0)
            actor = m->actor;
    }
    if (actor < 0) {
        int place = -1;
        int centry = country_after(cx, e, end, &place);
        /* "diplomats from many countries": of no one country */
        int foreign = centry < 0 && e < end && (is_word(doc, e, "from") || is_word(doc, e, "across"));
        if (centry < 0 && i > 0 && dl_word_in(doc->toks.v[i - 1].norm, POSSESSIVES))
            centry = owner_country(cx, i - 1);
        /* "the Iraqi government and administration": the country of the agent before */
        if (centry < 0 && i > 1 && (is_word(doc, i - 1, "and") || is_word(doc, i - 1, "or")))
            centry = coordinated_country(cx, i - 1);
        /* troops and forces belong to the country the sentence names before them
         * ("The U.S. maintains a number of troops") */
        if (centry < 0 && strstr(agent->suffix, "MIL")) centry = owner_country(cx, i);
        int assumed = centry < 0 && !foreign && cx->home_entry >= 0;
        if (assumed) centry = cx->home_entry;
        const char *head = doc->toks.v[e - 1].norm;
        /* "the court", "the party": an organisation already named */
        if (the || (!det && agent->plural))
            actor = named_before(cx, head, centry >= 0 ? d->actors.v[centry].country : NULL);
        if (actor < 0 && the)
            actor = role_named_before(cx, agent->suffix, assumed ? NULL : centry >= 0 ? d->actors.v[centry].country : NULL, i);
        if (actor < 0) {
            const dl_name_word *w = dl_dict_name_word(d, head);
            if (!w || !(w->cls & DL_NAME_GROUP)) return 0;
            /* a person is a group of one only when indefinite: "a source", "an
             * official" ("the official" refers back; "chief diplomat" is a title) */
            if (!agent->plural && strcmp(agent->type, "NORP") == 0 && !indefinite) return 0;
            size_t t1 = speaker_tail(doc, e, end);
            actor = org ? org_group(cx, org, org0, t1, agent) : make_group(cx, i, t1, agent, centry, place);
            if (actor < 0) return 0;
            if (assumed && !org) doc->actors.v[actor].country_assumed = 1;
            dl__actors_mention(cx, i, t1, actor, DL_MENTION_AGENT);
            return t1 - i;
        }
    }
    if (actor < 0) return 0;
    dl__actors_mention(cx, i, e, actor, DL_MENTION_AGENT);
    return e - i;
}

/* ---- speakers the quote stage finds ---------------------------------------- */

/* Inserts a mention of actor over [t0, t1) in text order and re-indexes
 * doc->tok_mention. */
static int insert_mention(dl_doc *doc, size_t t0, size_t t1, int actor) {
    if (!DL_VEC_PUSH(&doc->mentions)) return -1;
    size_t at = doc->mentions.n - 1;
    while (at > 0 && doc->mentions.v[at - 1].tok0 > t0) at--;
    memmove(&doc->mentions.v[at + 1], &doc->mentions.v[at], (doc->mentions.n - 1 - at) * sizeof *doc->mentions.v);
    dl_mention *m = &doc->mentions.v[at];
    const dl_token *a = &doc->toks.v[t0], *b = &doc->toks.v[t1 - 1];
    *m = (dl_mention){(uint32_t)t0, (uint32_t)(t1 - t0), a->off, b->off + b->len - a->off, a->sent, actor,
                      DL_MENTION_AGENT};
    dl_actor *ac = &doc->actors.v[actor];
    if (!ac->n_mentions++ || a->off < ac->first_off) ac->first_off = a->off;
    if (doc->tok_mention) {
        for (size_t i = 0; i < doc->toks.n; i++) doc->tok_mention[i] = -1;
        for (size_t k = 0; k < doc->mentions.n; k++)
            for (size_t t = doc->mentions.v[k].tok0; t < doc->mentions.v[k].tok0 + doc->mentions.v[k].ntok; t++)
                doc->tok_mention[t] = (int32_t)k;
    }
    return 0;
}

int dl_actors_add_speaker(const dl_engine *eng, dl_doc *doc, size_t t0, size_t t1, size_t head) {
    if (!eng || !eng->dict || head >= doc->toks.n || t0 >= t1 || t1 > doc->toks.n) return -1;
    dl_actx cx = {0};
    cx.doc = doc;
    cx.dict = eng->dict;
    cx.home_entry = country_entry(&cx, doc->home_country);
    snprintf(cx.home, sizeof cx.home, "%s", doc->home_country);
    size_t len;
    int ag = -1;
    /* the agent phrase that ends at the head ("police source", "expert") */
    for (size_t k = head + 1; k-- > t0 && k + 3 > head && ag < 0;) {
        int a = dl__actors_agent(&cx, k, head + 1, &len);
        if (a >= 0 && k + len == head + 1) ag = a;
    }
    if (ag < 0) return -1;
    const dl_dict_agent *agent = &cx.dict->agents.v[ag];
    /* a subtree the parse began at a comma or quotation mark: the words only */
    while (t0 < head && (doc->toks.v[t0].kind != DL_TOK_WORD || dl_word_in(doc->toks.v[t0].norm, DETERMINERS))) t0++;
    for (size_t k = t0; k < t1; k++)
        if (doc->tok_mention && doc->tok_mention[k] >= 0 && k >= head) return -1;
    char name[DL_KEY_MAX], code[32];
    dl__actors_text(doc, t0, t1, name, sizeof name);
    if (name[0] >= 'A' && name[0] <= 'Z' && !(doc->toks.v[t0].flags & DL_TF_ALLCAP) &&
        t0 == doc->sents.v[doc->toks.v[t0].sent].tok0)
        name[0] = (char)(name[0] - 'A' + 'a');
    int actor = -1;
    for (size_t a = 0; a < doc->actors.n && actor < 0; a++)
        if (strcasecmp(doc->actors.v[a].name, name) == 0) actor = (int)a;
    if (actor < 0) {
        const char *country = cx.home[0] ? cx.home : NULL;
        const char *cd = NULL;
        if (country) {
            snprintf(code, sizeof code, "%s%s", country, agent->suffix);
            cd = code;
        }
        char key[DL_KEY_MAX + 8];
        dl__actors_name_key(key, sizeof key, "q:", name);
        actor = dl__actors_push(&cx, key, name, strcmp(agent->type, "ORG") == 0 ? "ORG" : "NORP", country, cd,
                                NULL, -1, 0);
        DL_VEC_FREE(&cx.titles);
        dl_map_release(&cx.by_key);
        if (actor < 0) return -1;
        doc->actors.v[actor].passing = 1;
        doc->actors.v[actor].country_assumed = country != NULL;
    }
    return insert_mention(doc, t0, t1, actor) == 0 ? actor : -1;
}
