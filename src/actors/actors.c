/*
 * actors/actors.c -- tokens -> mentions -> actors.
 *
 * Names are found by walking each sentence's tokens against the dictionary
 * phrase index (longest match first).  Around the names:
 *   demonym + agent       "Iraqi parliament", "American troops"   -> agent actor (IRQLEG)
 *   [demonym] title Name  "Iraqi President Abdul Latif Rashid"    -> the person
 *   the [demonym] title   "the ayatollah", "the Iraqi president"  -> resolved later
 *   Surname               "Rashid" after the full name appeared   -> the person
 *   Name chunks           "Court of Session", "Senate Minority Whip Dick Durbin" (names.c)
 *   agent without country "the government", "riot police"        -> a group (groups.c)
 *   he / she / his / her, they / it ...                            -> resolved later
 * Once the text is read, the home country is chosen and the groups get
 * their actors (groups.c); titles and pronouns are then resolved by
 * coreference (coref.c): titles to the last person who carried that title
 * or role, pronouns to the last person (or group) that was the subject of
 * a clause.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors/actors.h"
#include "actors/dict.h"
#include "core/doc.h"
#include "core/strbuf.h"
#include "core/utf8.h"

#define KEY_MAX DL_KEY_MAX

/* ---- keys over tokens ---------------------------------------------------- */

/* The folded key of tokens [i, i+n): their norms joined by single spaces. */
size_t dl__actors_key(const dl_doc *doc, size_t i, size_t n, char *key) {
    size_t len = 0;
    for (size_t k = i; k < i + n; k++) {
        const char *w = doc->toks.v[k].norm;
        size_t wl = strlen(w);
        if (len + wl + 2 > KEY_MAX) return 0;
        if (k > i) key[len++] = ' ';
        memcpy(key + len, w, wl);
        len += wl;
    }
    key[len] = '\0';
    return len;
}

void dl__actors_join(char *out, size_t cap, const char *a, const char *b) {
    size_t n = 0;
    for (const char *p = a; *p && n + 1 < cap; p++) out[n++] = *p;
    if (n + 1 < cap && *a && *b) out[n++] = ' ';
    for (const char *p = b; *p && n + 1 < cap; p++) out[n++] = *p;
    out[n] = '\0';
}

void dl__actors_name_key(char *key, size_t cap, const char *prefix, const char *name) {
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_strbuf_adds(&b, prefix);
    dl_utf8_fold(name, strlen(name), &b);
    size_t n = b.len < cap - 1 ? b.len : cap - 1;
    if (b.s) memcpy(key, b.s, n);
    key[n] = '\0';
    dl_strbuf_release(&b);
}

int dl__actors_is_cap(const dl_doc *doc, size_t i) {
    const dl_token *t = &doc->toks.v[i];
    return t->kind == DL_TOK_WORD && (t->flags & DL_TF_CAP);
}
#define is_cap_word dl__actors_is_cap

void dl__actors_text(const dl_doc *doc, size_t t0, size_t t1, char *buf, size_t cap) {
    size_t len = 0;
    buf[0] = '\0';
    for (size_t k = t0; k < t1; k++) {
        const dl_token *t = &doc->toks.v[k];
        int space = k > t0 && (t->flags & DL_TF_SPACE);
        if (len + t->len + 2 > cap) break;
        if (space) buf[len++] = ' ';
        memcpy(buf + len, DL_SPAN_PTR(doc, t->off), t->len);
        len += t->len;
    }
    buf[len] = '\0';
}

static int is_lower_word(const dl_doc *doc, size_t i) {
    const dl_token *t = &doc->toks.v[i];
    return t->kind == DL_TOK_WORD && !(t->flags & DL_TF_CAP);
}

/* ---- the stage's working state ------------------------------------------ */

static int hit_accepts(const dl_actx *cx, const dl_dict_hit *h, size_t i, size_t n) {
    const dl_doc *doc = cx->doc;
    const dl_token *first = &doc->toks.v[i];
    if (h->exact) {
        const dl_token *last = &doc->toks.v[i + n - 1];
        size_t len = last->off + last->len - first->off;
        return len == strlen(h->exact) && memcmp(DL_SPAN_PTR(doc, first->off), h->exact, len) == 0;
    }
    return (first->flags & DL_TF_CAP) != 0;
}

/* Longest dictionary phrase at token i (not past end): the hit and its
 * length in tokens, preferring names over demonyms.  The key grows a token
 * at a time and stops when no phrase starts with it. */
int dl__actors_phrase(const dl_actx *cx, size_t i, size_t end, size_t *len) {
    const struct dl_actor_dict *d = cx->dict;
    char key[KEY_MAX];
    size_t maxn = end - i < d->max_phrase ? end - i : d->max_phrase, kl = 0;
    int found = -1;
    for (size_t n = 1; n <= maxn; n++) {
        const char *w = cx->doc->toks.v[i + n - 1].norm;
        size_t wl = strlen(w);
        if (kl + wl + 2 > KEY_MAX) break;
        if (n > 1) key[kl++] = ' ';
        memcpy(key + kl, w, wl);
        kl += wl;
        int best = -1;
        for (int h = dl_dict_find(d, key, kl); h >= 0; h = d->hits.v[h].next) {
            const dl_dict_hit *hit = &d->hits.v[h];
            if (!hit_accepts(cx, hit, i, n)) continue;
            if (best < 0 || (hit->how == DL_HIT_NAME && d->hits.v[best].how != DL_HIT_NAME)) best = h;
        }
        if (best >= 0) { found = best; *len = n; }
        if (dl_map_get(&d->prefixes, key, kl) < 0) break;
    }
    return found;
}

/* Longest agent or title phrase at i (up to 3 tokens); -1 when none. */
int dl__actors_agent(const dl_actx *cx, size_t i, size_t end, size_t *len) {
    char key[KEY_MAX];
    for (size_t n = end - i < 3 ? end - i : 3; n >= 1; n--) {
        size_t kl = dl__actors_key(cx->doc, i, n, key);
        int a = kl ? dl_map_get(&cx->dict->agent_index, key, kl) : -1;
        if (a >= 0) { *len = n; return a; }
    }
    return -1;
}

/* ---- actors --------------------------------------------------------------- */

/* The Arabic article of a surname ("al-Eryani", "el-Sisi"), written in
 * either case: the tokenizer splits it off ("al" "-" "Eryani"). */
static int is_name_article(const char *w) {
    static const char *const art[] = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", NULL};
    return dl_word_in(w, art);
}

/* The length of the article and hyphen that begin surname s, or 0. */
static size_t article_len(const char *s) {
    const char *h = strchr(s, '-');
    if (!h || h == s || h - s > 3 || !isupper((unsigned char)h[1])) return 0;
    char w[4] = {0};
    for (size_t k = 0; k < (size_t)(h - s); k++) w[k] = (char)tolower((unsigned char)s[k]);
    return is_name_article(w) ? (size_t)(h - s) + 1 : 0;
}

/* "Jr.", "Sr.", "II", "III": after the surname. */
static int is_name_suffix(const char *w) {
    static const char *const sfx[] = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", NULL};
    return dl_word_in(w, sfx);
}

int dl__actors_push(dl_actx *cx, const char *key, const char *name, const char *type,
                      const char *country, const char *code, const char *role, int entry,
                      uint8_t gender) {
    dl_doc *doc = cx->doc;
    int idx = dl_map_get(&cx->by_key, key, strlen(key));
    if (idx >= 0) return idx;
    dl_actor *a = DL_VEC_PUSH(&doc->actors);
    char **titles = DL_VEC_PUSH(&cx->titles);
    if (!a || !titles) return -1;
    idx = (int)(doc->actors.n - 1);
    a->id = dl_arena_printf(&doc->arena, "A%d", idx + 1);
    a->name = dl_arena_strdup(&doc->arena, name);
    a->type = dl_arena_strdup(&doc->arena, type);
    a->country = dl_arena_strdup(&doc->arena, country);
    a->code = dl_arena_strdup(&doc->arena, code);
    a->role = dl_arena_strdup(&doc->arena, role);
    a->entry = entry;
    a->gender = gender;
    if (dl_map_put(&cx->by_key, key, strlen(key), idx) != 0) return -1;
    if (strcmp(type, "PER") == 0) {
        /* index the surname, folded as the tokenizer folds it ("Vance" of "Cyrus R. Vance Jr.") */
        const char *sp = strrchr(name, ' ');
        const char *last = sp ? sp + 1 : name;
        size_t last_len = strlen(last);
        if (sp && sp > name && is_name_suffix(last)) {
            const char *q = sp;
            while (q > name && q[-1] != ' ') q--;
            last_len = (size_t)(sp - q);
            last = q;
        }
        dl_strbuf skey;
        dl_strbuf_init(&skey);
        dl_strbuf_adds(&skey, "s:");
        dl_utf8_fold(last, last_len, &skey);
        int bad = skey.oom || dl_map_put(&cx->by_key, skey.s, skey.len, idx) != 0;
        /* "Moammar al-Eryani" is "Eryani" too, the token after the article */
        size_t art = article_len(last);
        if (art && art < last_len) {
            dl_strbuf_clear(&skey);
            dl_strbuf_adds(&skey, "s:");
            dl_utf8_fold(last + art, last_len - art, &skey);
            bad |= skey.oom || dl_map_put(&cx->by_key, skey.s, skey.len, idx) != 0;
        }
        /* the first word too, for names written family name first ("Wang Yi" -> "Wang") */
        if (sp) {
            dl_strbuf_clear(&skey);
            dl_strbuf_adds(&skey, "f:");
            dl_utf8_fold(name, (size_t)(strchr(name, ' ') - name), &skey);
            bad |= skey.oom || dl_map_put(&cx->by_key, skey.s, skey.len, idx) != 0;
        }
        dl_strbuf_release(&skey);
        if (bad) return -1;
    }
    return idx;
}

int dl__actors_from_dict(dl_actx *cx, int entry) {
    const dl_dict_actor *da = &cx->dict->actors.v[entry];
    char key[32];
    snprintf(key, sizeof key, "d:%d", entry);
    const char *role;
    const char *code = dl_dict_code_at(da, cx->date, &role);
    return dl__actors_push(cx, key, da->name, da->type, da->country, code, role, entry, da->gender);
}

/* The code of a role of a country: "IRQ" + "LEG"; NULL without a country
 * (a bare "GOV" says nothing). */
static const char *role_code(char *buf, size_t cap, const char *country, const char *suffix) {
    if (!country || !*country) return NULL;
    snprintf(buf, cap, "%s%s", country, suffix ? suffix : "");
    return buf;
}

/* An agent of a country or place: "Iraqi parliament" -> IRQLEG, "Omsk
 * hospital" -> RUSHLH.  Named as written, except that a possessive
 * becomes the country's adjective ("Iran's government" -> "Iranian
 * government"). */
static int actor_for_agent(dl_actx *cx, int entry, size_t t0, size_t t1, size_t agent0,
                           const dl_dict_agent *ag) {
    const dl_doc *doc = cx->doc;
    const dl_dict_actor *c = &cx->dict->actors.v[entry];
    char name[KEY_MAX], key[KEY_MAX + 8], code[32], rest[KEY_MAX];
    int possessive = agent0 > t0 && dl_tok_is(doc, agent0 - 1, "'s");
    if (possessive) {
        char owner[KEY_MAX];
        if (c->kind == DL_DICT_COUNTRY) snprintf(owner, sizeof owner, "%s", dl__groups_adjective(cx, entry));
        else dl__actors_text(doc, t0, agent0 - 1, owner, sizeof owner);
        dl__actors_text(doc, agent0, t1, rest, sizeof rest);
        dl__actors_join(name, sizeof name, owner, rest);
    } else {
        dl__actors_text(doc, t0, t1, name, sizeof name);
    }
    dl__actors_name_key(key, sizeof key, "a:", name);
    const char *country = c->country;
    const char *base = c->kind == DL_DICT_COUNTRY || !c->code ? country : c->code;
    /* a region without a country: its region code ("European officials" -> EURGOV) */
    if (!country && c->code) base = c->code;
    int a = dl__actors_push(cx, key, name, ag->type, country, role_code(code, sizeof code, base, ag->suffix),
                            NULL, -1, 0);
    /* groups of people are listed only when they speak or act */
    if (a >= 0 && strcmp(ag->type, "NORP") == 0) cx->doc->actors.v[a].passing = 1;
    return a;
}

/* Roles a title gives that belong to the state of the article when the
 * text names no other: a judge, a senator, a police superintendent. */
static int state_role(const char *suffix) {
    static const char *const roles[] = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "GOVMIL", NULL};
    return suffix && dl_word_in(suffix, roles);
}

int dl__actors_stranger(dl_actx *cx, size_t t0, size_t t1, const char *country,
                        const dl_dict_agent *title, const char *suffix, const char *role) {
    const dl_doc *doc = cx->doc;
    char name[KEY_MAX], key[KEY_MAX + 8], code[32];
    dl__actors_text(doc, t0, t1, name, sizeof name);
    /* "Cyrus R. Vance, Jr.": the comma is no part of the name */
    char *comma = strstr(name, ", Jr");
    if (!comma) comma = strstr(name, ", Sr");
    if (comma) memmove(comma, comma + 1, strlen(comma));
    snprintf(key, sizeof key, "p:%s", name);
    if (!suffix) suffix = title ? title->suffix : "";   /* "" : the title gives no role */
    /* a judge, senator or minister without a country serves the home country */
    int assumed = !country && state_role(suffix) && cx->home[0];
    if (assumed) country = cx->home;
    char rolebuf[96] = "";
    if (role) {
        snprintf(rolebuf, sizeof rolebuf, "%s", role);
    } else if (title) {
        snprintf(rolebuf, sizeof rolebuf, "%s", title->word);
        if (rolebuf[0] >= 'a' && rolebuf[0] <= 'z') rolebuf[0] = (char)(rolebuf[0] - 32);
    }
    /* "Kanaani said ... Nasser Kanaani": the person named by the surname
     * alone before gets the full name (one actor, its canonical name) */
    const char *sp = strrchr(name, ' ');
    if (sp && dl_map_get(&cx->by_key, key, strlen(key)) < 0) {
        char skey[KEY_MAX + 8];
        dl__actors_name_key(skey, sizeof skey, "p:", sp + 1);
        int prior = dl_map_get(&cx->by_key, skey, strlen(skey));
        dl_actor *pa = prior >= 0 ? &cx->doc->actors.v[prior] : NULL;
        if (pa && pa->entry < 0 && !strchr(pa->name, ' ') && strcmp(pa->name, sp + 1) == 0) {
            pa->name = dl_arena_strdup(&cx->doc->arena, name);
            if (!pa->code) pa->code = dl_arena_strdup(&cx->doc->arena, role_code(code, sizeof code, country, suffix));
            if (!pa->country && country) pa->country = dl_arena_strdup(&cx->doc->arena, country);
            if (!pa->role && rolebuf[0]) pa->role = dl_arena_strdup(&cx->doc->arena, rolebuf);
            if (dl_map_put(&cx->by_key, key, strlen(key), prior) != 0) return -1;
            return prior;
        }
    }
    int a = dl__actors_push(cx, key, name, "PER", country, role_code(code, sizeof code, country, suffix),
                            rolebuf[0] ? rolebuf : NULL, -1, 0);
    if (a >= 0 && assumed) cx->doc->actors.v[a].country_assumed = 1;
    return a;
}

/* Remembers that actor was called by this title ("ayatollah", "leader"). */
void dl__actors_add_title(dl_actx *cx, int actor, const char *word) {
    if (actor < 0 || !word) return;
    char **slot = &cx->titles.v[actor];
    char needle[128];
    snprintf(needle, sizeof needle, "|%s|", word);
    if (*slot && strstr(*slot, needle)) return;
    *slot = dl_arena_printf(&cx->doc->arena, "%s%s|", *slot ? *slot : "|", word);
}

void dl__actors_mention(dl_actx *cx, size_t t0, size_t t1, int actor, dl_mention_kind kind) {
    dl_doc *doc = cx->doc;
    dl_mention *m = DL_VEC_PUSH(&doc->mentions);
    if (!m) return;
    const dl_token *a = &doc->toks.v[t0], *b = &doc->toks.v[t1 - 1];
    m->tok0 = (uint32_t)t0;
    m->ntok = (uint32_t)(t1 - t0);
    m->off = a->off;
    m->len = b->off + b->len - a->off;
    m->sent = a->sent;
    m->actor = actor;
    m->kind = (uint8_t)kind;
    if (actor >= 0) {
        dl_actor *ac = &doc->actors.v[actor];
        if (!ac->n_mentions++) ac->first_off = a->off;
    }
}

/* Function words that begin sentences and are never part of a name. */
static const char *const NOT_NAMES[] = {
    "the", "a", "an", "in", "on", "at", "but", "and", "or", "if", "as", "for", "with", "by",
    "this", "that", "these", "those", "he", "she", "it", "they", "we", "i", "you", "his",
    "her", "their", "its", "our", "when", "while", "after", "before", "since", "also",
    "meanwhile", "however", "there", "here", "last", "next", "on", "no", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "mr.", "mrs.", "ms.", NULL};

/* ---- recognisers, one per pattern ---------------------------------------- */

static int doc_is_suffix(const dl_doc *doc, size_t i) {
    static const char *const sfx[] = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv", NULL};
    return dl_word_in(doc->toks.v[i].norm, sfx);
}

int dl__actors_person(dl_actx *cx, size_t j, size_t nend, const char *country,
                      const dl_dict_agent *title, const dl_actor *institution, const char *role) {
    size_t len;
    int h = dl__actors_phrase(cx, j, nend, &len);
    if (h >= 0 && len == nend - j) {
        const dl_dict_actor *da = &cx->dict->actors.v[cx->dict->hits.v[h].actor];
        if (da->kind == DL_DICT_PERSON) return dl__actors_from_dict(cx, cx->dict->hits.v[h].actor);
    }
    size_t sur = nend - 1;   /* the surname, before a "Jr." */
    while (sur > j && (doc_is_suffix(cx->doc, sur) || cx->doc->toks.v[sur].norm[0] == ',')) sur--;
    int known = dl__actors_by_surname(cx, sur);
    if (known >= 0) return known;
    int entry = dl__actors_dict_surname(cx, sur, country, title);
    if (entry >= 0) return dl__actors_from_dict(cx, entry);
    if (institution && institution->code && institution->country &&
        strncmp(institution->code, institution->country, strlen(institution->country)) == 0) {
        /* "White House spokesman John Kirby": he speaks for USAGOV */
        /* a party's leader ("Labour leader Jeremy Corbyn") has no state role */
        const char *suffix = institution->code + strlen(institution->country);
        return dl__actors_stranger(cx, j, nend, institution->country, title, suffix, role);
    }
    if (institution) {
        /* "Acme Corp. vice-president Tom Reyes": the title is the company's, not the state's */
        return dl__actors_stranger(cx, j, nend, institution->country, title, "", role);
    }
    return dl__actors_stranger(cx, j, nend, country, title, NULL, role);
}

/* A plural title before a list of names: "Representatives Eliot Engel,
 * Adam Schiff, and Elijah Cummings", "Senators Chuck Schumer and Dick
 * Durbin": each name is a person with the title.  The names start at j;
 * returns the tokens consumed from i, 0 when no name of two words or more
 * follows (a bare "Democrats Say" is no list). */
static size_t titled_list(dl_actx *cx, size_t i, size_t j, size_t end, const char *country,
                          const dl_dict_agent *title) {
    const dl_doc *doc = cx->doc;
    /* the loader stores a plural form right after its singular (dict.c) */
    if (title > cx->dict->agents.v && !title[-1].plural) title--;
    size_t done = 0;
    while (j < end && is_cap_word(doc, j) && !dl_word_in(doc->toks.v[j].norm, NOT_NAMES)) {
        size_t nend = dl__names_end(doc, j, end);
        if (nend - j < 2) break;
        int actor = dl__actors_person(cx, j, nend, country, title, NULL, NULL);
        if (actor < 0) break;
        dl__actors_add_title(cx, actor, title->word);
        dl__actors_mention(cx, j, nend, actor, DL_MENTION_NAME);
        done = nend;
        size_t k = nend;
        if (k < end && doc->toks.v[k].norm[0] == ',') k++;
        if (k < end && dl_tok_is(doc, k, "and")) k++;
        if (k == nend) break;
        j = k;
    }
    return done ? done - i : 0;
}

/* [the] [Demonym] Title [Name]: a person named with a title, or a title
 * alone to resolve later.  Returns tokens consumed, 0 when no match. */
static size_t title_pattern(dl_actx *cx, size_t i, size_t end, int country_entry, size_t country_t0) {
    const dl_doc *doc = cx->doc;
    size_t tl;
    int ag = dl__actors_agent(cx, i, end, &tl);
    if (ag < 0 || !cx->dict->agents.v[ag].title) return 0;
    const dl_dict_agent *title = &cx->dict->agents.v[ag];
    size_t j = i + tl;
    const char *country = country_entry >= 0 ? cx->dict->actors.v[country_entry].country : NULL;
    size_t start = i;
    if (country_entry >= 0 && country_t0 < i) start = country_t0;
    if (j < end && is_cap_word(doc, j) && !title->plural && !dl_word_in(doc->toks.v[j].norm, NOT_NAMES)) {
        size_t nend = dl__names_end(doc, j, end);
        const dl_actor *institution = NULL;
        if (country_entry < 0 && i > 0 && doc->mentions.n) {
            const dl_mention *last = &doc->mentions.v[doc->mentions.n - 1];
            if (last->tok0 + last->ntok == i && last->actor >= 0) {
                const dl_actor *a = &doc->actors.v[last->actor];
                if (a->type && strcmp(a->type, "ORG") == 0) institution = a;
            }
        }
        int actor = dl__actors_person(cx, j, nend, country, title, institution, NULL);
        if (actor < 0) return 0;
        /* "US president Trump" names the country too (its actor, no mention) */
        if (country_entry >= 0) dl__actors_from_dict(cx, country_entry);
        dl__actors_add_title(cx, actor, title->word);
        dl__actors_mention(cx, j, nend, actor, DL_MENTION_NAME);
        return nend - i;
    }
    if (j < end && is_cap_word(doc, j) && title->plural) return titled_list(cx, i, j, end, country, title);
    /* "the [Iraqi] president": a title that refers back */
    size_t det = start;
    if (det > 0 && (dl_tok_is(doc, det - 1, "the") || dl_tok_is(doc, det - 1, "his") || dl_tok_is(doc, det - 1, "her")))
        det--;
    else if (country_entry < 0)
        return 0;
    if (title->plural) return 0;
    dl_mention *m = NULL;
    dl__actors_mention(cx, det, j, -1, DL_MENTION_TITLE);
    m = &cx->doc->mentions.v[cx->doc->mentions.n - 1];
    dl__coref_note_title(cx, cx->doc->mentions.n - 1, title, country);
    (void)m;
    return j - i;
}

/* Demonym [adjectives] agent: "Iraqi political factions"; a country or
 * place name (len tokens) directly before an agent: "U.S. forces",
 * "Ukraine's air force", "Omsk hospital".  Agents in a row make one:
 * "Iranian government officials".  named: the country is written by its
 * name, not a demonym, and is an actor of its own too. */
static size_t agent_pattern(dl_actx *cx, size_t i, size_t len, size_t end, int entry, int max_adj, int named) {
    const dl_doc *doc = cx->doc;
    size_t j = i + len;
    if (j + 1 < end && dl_tok_is(doc, j, "'s")) j++;   /* "Ukraine's air force" */
    size_t agent0 = j;
    for (int adj = 0; adj <= max_adj && j < end; adj++) {
        size_t al;
        int ag = dl__actors_agent(cx, j, end, &al);
        if (ag >= 0 && !cx->dict->agents.v[ag].title) {
            size_t e = j + al, more;
            int next;
            while (e < end && (next = dl__actors_agent(cx, e, end, &more)) >= 0 &&
                   !cx->dict->agents.v[next].title) {
                ag = next;
                e += more;
            }
            int actor = actor_for_agent(cx, entry, i, e, agent0, &cx->dict->agents.v[ag]);
            if (actor < 0) return 0;
            /* "Russia's foreign ministry", "UK parliament" name the country too */
            if (named && cx->dict->actors.v[entry].kind == DL_DICT_COUNTRY && dl__actors_from_dict(cx, entry) < 0)
                return 0;
            dl__actors_mention(cx, i, e, actor, DL_MENTION_AGENT);
            return e - i;
        }
        if (!is_lower_word(doc, j)) break;
        j++;
    }
    return 0;
}

static const char *const PRONOUNS[] = {"he", "she", "his", "her", "him", "it", "its", "they", "their",
                                       "them", NULL};

int dl__actors_not_name(const dl_doc *doc, size_t i) {
    return dl_word_in(doc->toks.v[i].norm, NOT_NAMES);
}

/* A name that names no actor: one ending in a concept word without an
 * organisation's head before it ("Brexit", "Presidential Election", "Kospi
 * Index", but "Party of God"), or one word ending in "-ism" ("Marxism"). */
static int names_no_actor(const dl_actx *cx, size_t t0, size_t t1) {
    const dl_token *last = &cx->doc->toks.v[t1 - 1];
    if (t1 == t0 + 1 && last->len > 4 && strcmp(last->norm + strlen(last->norm) - 3, "ism") == 0) return 1;
    if (!dl__names_has_class(cx, t1 - 1, DL_NAME_CONCEPT)) return 0;
    for (size_t k = t0; k + 1 < t1; k++)
        if (dl__names_has_class(cx, k, DL_NAME_HEAD)) return 0;
    return 1;
}

/* A person's name the recognizer found that is an office, not a name: it
 * ends in a title with the office's scope after it ("Advocacy Director for
 * the Middle East", but "Kevin King and ..."), holds a function word ("Chair In
 * Global Islamic Politics"), or is all portfolio words ("Human Rights" of
 * "High Commissioner for Human Rights"). */
static int office_words(const dl_actx *cx, size_t t0, size_t t1) {
    const dl_doc *doc = cx->doc;
    size_t len;
    int ag = dl__actors_agent(cx, t1 - 1, t1, &len);
    static const char *const scope[] = {"for", "of", "at", NULL};
    if (t1 > t0 + 1 && ag >= 0 && cx->dict->agents.v[ag].title && t1 < doc->toks.n &&
        dl_word_in(doc->toks.v[t1].norm, scope))
        return 1;
    int portfolio = 1;
    for (size_t k = t0; k < t1; k++) {
        if (k > t0 && doc->toks.v[k].kind == DL_TOK_WORD && dl_word_in(doc->toks.v[k].norm, NOT_NAMES)) return 1;
        portfolio &= dl__names_has_class(cx, k, DL_NAME_PORTFOLIO);
    }
    return portfolio;
}

static const char *const SAY_WORDS[] = {"said", "says", "told", "added", "stated", "noted",
                                        "stressed", "warned", "wrote", "tweeted", NULL};

/* "of the army's Western Mindanao Command said": an affiliation from token
 * i ("of", "from", "at" and a noun phrase, no verb) and a verb of saying
 * right after it. */
static int say_after_affiliation(const dl_doc *doc, size_t i, size_t end) {
    if (!(dl_tok_is(doc, i, "of") || dl_tok_is(doc, i, "from") || dl_tok_is(doc, i, "at"))) return 0;
    for (size_t k = i + 1; k < end && k < i + 10; k++) {
        if (dl_word_in(doc->toks.v[k].norm, SAY_WORDS)) return k > i + 1;
        const char *u = doc->upos ? doc->upos[k] : "X";
        if (strcmp(u, "VERB") == 0 || strcmp(u, "AUX") == 0 || strcmp(u, "PRON") == 0 ||
            (doc->toks.v[k].kind == DL_TOK_PUNCT && !dl_tok_is(doc, k, "'s") && !dl_tok_is(doc, k, "-")))
            return 0;
    }
    return 0;
}

/* "the United Nations High Commissioner for Human Rights said": an office
 * of the dictionary organisation that opens the title mention ending at
 * the "for" before the scope [i, nend); an actor of its own, of the
 * organisation's country and code, named in full (the title mention
 * becomes its name).  Returns the tokens of the scope, 0 when the words
 * before are not of that form. */
static size_t org_office(dl_actx *cx, size_t i, size_t nend) {
    dl_doc *doc = cx->doc;
    if (!doc->mentions.n) return 0;
    dl_mention *m = &doc->mentions.v[doc->mentions.n - 1];
    if (m->kind != DL_MENTION_TITLE || m->tok0 + m->ntok + 1 != i) return 0;
    size_t k = m->tok0 + (dl_tok_is(doc, m->tok0, "the") ? 1 : 0), len;
    int h = dl__actors_phrase(cx, k, i - 1, &len);
    if (h < 0 || k + len >= i - 1) return 0;
    int entry = cx->dict->hits.v[h].actor;
    if (cx->dict->actors.v[entry].kind != DL_DICT_ORG) return 0;
    int org = dl__actors_from_dict(cx, entry);
    if (org < 0) return 0;
    char name[KEY_MAX], key[KEY_MAX + 8];
    dl__actors_text(doc, k, nend, name, sizeof name);
    snprintf(key, sizeof key, "o:%s", name);
    const dl_actor *o = &doc->actors.v[org];
    int actor = dl__actors_push(cx, key, name, "ORG", o->country, o->code, NULL, -1, 0);
    if (actor < 0) return 0;
    const dl_token *a = &doc->toks.v[k], *b = &doc->toks.v[nend - 1];
    m->tok0 = (uint32_t)k;
    m->ntok = (uint32_t)(nend - k);
    m->off = a->off;
    m->len = b->off + b->len - a->off;
    m->kind = DL_MENTION_NAME;
    m->actor = actor;
    dl_actor *ac = &doc->actors.v[actor];
    if (!ac->n_mentions++) ac->first_off = a->off;
    return nend - i;
}

/* A capitalised name the dictionaries do not know, with the evidence that
 * it names someone: an apposition with a title ("Nasser Kanaani, the
 * spokesman ..."), a verb of saying right after it ("Hossein Salami
 * said") or after an affiliation ("Arnel dela Vega of the army's Western
 * Mindanao Command said").  Names with organisation words become
 * organisations. */
static size_t stranger_pattern(dl_actx *cx, size_t i, size_t end) {
    const dl_doc *doc = cx->doc;
    if (dl_word_in(doc->toks.v[i].norm, NOT_NAMES)) return 0;
    size_t nend = dl__names_end(doc, i, end);
    if (nend - i < 2 || nend - i > 5 || nend >= end) return 0;
    for (size_t k = i; k < nend; k++)
        if (doc->toks.v[k].kind == DL_TOK_WORD && dl_word_in(doc->toks.v[k].norm, NOT_NAMES)) return 0;
    /* "High Commissioner for Human Rights said": the office's scope */
    if (i > 0 && dl_tok_is(doc, i - 1, "for") && office_words(cx, i, nend)) return org_office(cx, i, nend);
    int is_org = 0;
    for (size_t k = i; k < nend; k++) is_org |= dl__names_has_class(cx, k, DL_NAME_HEAD);
    const dl_dict_agent *title = NULL;
    const char *country = NULL, *suffix = NULL;
    if (doc->toks.v[nend].norm[0] == ',' && !is_org) {
        size_t j = nend + 1;
        if (j < end && (dl_tok_is(doc, j, "the") || dl_tok_is(doc, j, "a") || dl_tok_is(doc, j, "an"))) j++;
        size_t len;
        int h = j < end ? dl__actors_phrase(cx, j, end, &len) : -1;
        if (h >= 0 && cx->dict->actors.v[cx->dict->hits.v[h].actor].kind == DL_DICT_COUNTRY) {
            country = cx->dict->actors.v[cx->dict->hits.v[h].actor].country;
            j += len;
        }
        /* the title may follow a few words: "the foreign ministry spokesman" */
        for (size_t k = j; k < end && k < j + 4 && !title; k++) {
            if (doc->toks.v[k].kind != DL_TOK_WORD) break;
            int ag = dl__actors_agent(cx, k, end, &len);
            if (ag >= 0 && cx->dict->agents.v[ag].title) title = &cx->dict->agents.v[ag];
            else if (ag >= 0) suffix = cx->dict->agents.v[ag].suffix;   /* "foreign ministry" */
        }
        if (!title) return 0;
    } else if (!dl_word_in(doc->toks.v[nend].norm, SAY_WORDS) && !(!is_org && say_after_affiliation(doc, nend, end))) {
        return 0;
    }
    int actor;
    if (is_org) {
        const dl_token *a = &doc->toks.v[i], *b = &doc->toks.v[nend - 1];
        char name[KEY_MAX], key[KEY_MAX + 8];
        snprintf(name, sizeof name, "%.*s", (int)(b->off + b->len - a->off), DL_SPAN_PTR(doc, a->off));
        snprintf(key, sizeof key, "o:%s", name);
        actor = dl__actors_push(cx, key, name, "ORG", NULL, NULL, NULL, -1, 0);
    } else {
        actor = dl__actors_stranger(cx, i, nend, country, title, suffix, NULL);
        if (title) dl__actors_add_title(cx, actor, title->word);
    }
    if (actor < 0) return 0;
    dl__actors_mention(cx, i, nend, actor, DL_MENTION_NAME);
    return nend - i;
}

/* An age in apposition at token i ("Sudesh Amman, 20, was"): what it
 * follows is a person, whatever the recognizer said. */
static int age_follows(const dl_doc *doc, size_t i, size_t end) {
    if (i + 2 >= end || !dl_tok_is(doc, i, ",") || doc->toks.v[i + 1].kind != DL_TOK_NUM) return 0;
    const dl_token *n = &doc->toks.v[i + 1];
    if (n->len > 3) return 0;
    for (size_t k = 0; k < n->len; k++)
        if (DL_SPAN_PTR(doc, n->off)[k] < '0' || DL_SPAN_PTR(doc, n->off)[k] > '9') return 0;
    return dl_tok_is(doc, i + 2, ",");
}

/* A name the recognizer found (PER, ORG, LOC) that no dictionary knows.
 * Miscellaneous entities (nationalities, events) are left out, and so is a
 * one-word entity opening a sentence (too often a capitalised common word). */
static size_t entity_pattern(dl_actx *cx, size_t i, size_t end) {
    const dl_doc *doc = cx->doc;
    if (!cx->ent_at || dl_word_in(doc->toks.v[i].norm, NOT_NAMES)) return 0;
    /* a person's name the recognizer cut short ("Thubhani" of "Faisal
     * al-Thubhani", "Yolanda Yu Hoi" of "Yolanda Yu Hoi-kwan") is the
     * whole run of name words around it */
    size_t run = dl__names_end(doc, i, end);
    int ei = -1;
    for (size_t k = i; ei < 0 && k < run; k++)
        if (cx->ent_at[k] >= 0 && strcmp(doc->ents.v[cx->ent_at[k]].type, "PER") == 0) ei = cx->ent_at[k];
    if (ei < 0) ei = cx->ent_at[i];
    if (ei < 0) return 0;
    const dl_ent *e = &doc->ents.v[ei];
    size_t nend = e->tok0 + e->ntok;
    if (nend > end || strcmp(e->type, "MISC") == 0) return 0;
    if (strcmp(e->type, "PER") == 0 && run > i + 1 && run <= i + 5) {
        if (run > nend || e->tok0 > i) nend = run > nend ? run : nend;
    } else if (e->tok0 != i) {
        return 0;
    }
    /* a span the recognizer ran past the name ("Vega of the army", "Cde
     * [comrade] Robert", "Manhattan district") ends where the name does;
     * the run of name words from i is the name's (particles included) */
    for (size_t k = i + 1; k < nend; k++) {
        const dl_token *t = &doc->toks.v[k];
        if (k < run) continue;   /* name words: "Abdullah al-Jahafi" */
        if (t->kind == DL_TOK_WORD && (t->flags & DL_TF_CAP)) continue;
        if (t->kind == DL_TOK_NUM) continue;
        static const char *const inner[] = {"of", "for", "and", "the", "&", "de", "al", "bin", "-", ".", NULL};
        if (dl_word_in(t->norm, inner) && k + 1 < nend && (doc->toks.v[k + 1].flags & DL_TF_CAP)) continue;
        if (t->norm[0] == '-' && k + 1 < nend) continue;
        nend = k;
        break;
    }
    while (nend > i && !(doc->toks.v[nend - 1].flags & DL_TF_CAP) && doc->toks.v[nend - 1].kind != DL_TOK_NUM) nend--;
    if (nend <= i) return 0;
    size_t ntok = nend - i;
    if (ntok == 1 && i == doc->sents.v[e->sent].tok0) return 0;
    /* a name starts with a proper noun ("Many Iraqi" does not), unless the
     * recognizer found a person of two or more capitalised words inside the
     * sentence whose first the tagger read as an adjective or a noun and the
     * dictionaries do not know ("WikiLeaks co-founder Julian Assange") */
    if (doc->upos && strcmp(doc->upos[i], "PROPN") != 0) {
        size_t dlen;
        int person = strcmp(e->type, "PER") == 0 && ntok >= 2 && i > doc->sents.v[e->sent].tok0 &&
                     (!strcmp(doc->upos[i], "ADJ") || !strcmp(doc->upos[i], "NOUN")) &&
                     dl__actors_phrase(cx, i, i + 1, &dlen) < 0;   /* not "Republican Kevin McCarthy" */
        for (size_t k = i; person && k < nend; k++)
            person = doc->toks.v[k].kind == DL_TOK_WORD && (doc->toks.v[k].flags & DL_TF_CAP);
        if (!person) return 0;
    }
    /* a lone word before a common noun is a modifier: "a Shiite cleric" */
    if (ntok == 1 && nend < end && doc->toks.v[nend].kind == DL_TOK_WORD &&
        !(doc->toks.v[nend].flags & DL_TF_CAP))
        return 0;
    char name[KEY_MAX], key[KEY_MAX + 8];
    dl__actors_text(doc, i, nend, name, sizeof name);
    const char *type = strcmp(e->type, "PER") == 0 ? "PER" : strcmp(e->type, "ORG") == 0 ? "ORG" : "LOC";
    if (age_follows(doc, nend, end)) type = "PER";
    /* an idea, an event or a thing, or a person made of office words: the
     * words are read, no actor made */
    if (names_no_actor(cx, i, nend) || (strcmp(type, "PER") == 0 && office_words(cx, i, nend))) return ntok;
    /* two or three capitals alone are too often a unit, a time zone or a
     * state ("UTC", "LNG", "AZ"); a hyphenated pair of places an adjective
     * ("Sino-Japanese", "Asia-Pacific") */
    if (ntok == 1 && (doc->toks.v[i].flags & DL_TF_ALLCAP) && doc->toks.v[i].len <= 3) return 0;
    if (strcmp(type, "LOC") == 0 && nend == i + 3 && doc->toks.v[i + 1].norm[0] == '-') return 0;
    if (strcmp(type, "PER") == 0) {
        int actor = dl__actors_stranger(cx, i, nend, NULL, NULL, NULL, NULL);
        if (actor < 0) return 0;
        dl__actors_mention(cx, i, nend, actor, DL_MENTION_NAME);
        return nend - i;
    }
    snprintf(key, sizeof key, "e:%s", name);
    int actor = dl__actors_push(cx, key, name, type, NULL, NULL, NULL, -1, 0);
    if (actor < 0) return 0;
    dl__actors_mention(cx, i, nend, actor, DL_MENTION_NAME);
    return nend - i;
}

/* "a university student named Wong", "a protester called Katya", "a
 * protester using the pseudonym Katya": the name a person is introduced
 * by. */
static size_t named_pattern(dl_actx *cx, size_t i, size_t end) {
    const dl_doc *doc = cx->doc;
    if (i < 2 || dl_word_in(doc->toks.v[i].norm, NOT_NAMES)) return 0;
    int named = (dl_tok_is(doc, i - 1, "named") || dl_tok_is(doc, i - 1, "called")) &&
                !(doc->upos && strcmp(doc->upos[i - 2], "NOUN") != 0);
    if (!named && !dl_tok_is(doc, i - 1, "pseudonym")) return 0;
    size_t nend = dl__names_end(doc, i, end);
    if (nend - i > 3) return 0;
    int actor = dl__actors_stranger(cx, i, nend, NULL, NULL, NULL, NULL);
    if (actor < 0) return 0;
    dl__actors_mention(cx, i, nend, actor, DL_MENTION_NAME);
    return nend - i;
}

/* A surname alone of a dictionary person in office on the date, where the
 * recognizer sees a person or a verb of saying follows: "Trump said". */
static size_t surname_pattern(dl_actx *cx, size_t i, size_t end) {
    const dl_doc *doc = cx->doc;
    if (dl__names_end(doc, i, end) != i + 1 || dl_word_in(doc->toks.v[i].norm, NOT_NAMES)) return 0;
    int per = 0;
    for (size_t k = i + 1; cx->ent_at && k-- > 0 && k + 3 > i;) {
        int e = cx->ent_at[k];
        if (e >= 0 && doc->ents.v[e].tok0 + doc->ents.v[e].ntok > i) per = strcmp(doc->ents.v[e].type, "PER") == 0;
        if (e >= 0) break;
    }
    if (!per && !(i + 1 < end && dl_word_in(doc->toks.v[i + 1].norm, SAY_WORDS))) return 0;
    int entry = dl__actors_dict_surname(cx, i, NULL, NULL);
    if (entry < 0) return 0;
    int actor = dl__actors_from_dict(cx, entry);
    if (actor < 0) return 0;
    dl__actors_mention(cx, i, i + 1, actor, DL_MENTION_NAME);
    return 1;
}

/* The person named before whose surname token i is, or -1. */
static int surname_of(dl_actx *cx, size_t i) {
    char key[KEY_MAX + 8];
    snprintf(key, sizeof key, "s:%s", cx->doc->toks.v[i].norm);
    return dl__actors_is_cap(cx->doc, i) ? dl_map_get(&cx->by_key, key, strlen(key)) : -1;
}

/* "al-Eryani", "Al-Eryani": the article, hyphen and surname of a person
 * named before; the tokens it covers (3), else 0. */
static size_t article_surname(dl_actx *cx, size_t i, size_t end) {
    const dl_doc *doc = cx->doc;
    if (i + 2 >= end || !is_name_article(doc->toks.v[i].norm) || (doc->toks.v[i + 1].flags & DL_TF_SPACE) ||
        strcmp(doc->toks.v[i + 1].norm, "-") != 0 || (doc->toks.v[i + 2].flags & DL_TF_SPACE) ||
        !is_cap_word(doc, i + 2))
        return 0;
    int known = dl__actors_by_surname(cx, i + 2);
    if (known < 0 || !doc->actors.v[known].type || strcmp(doc->actors.v[known].type, "PER") != 0) return 0;
    dl__actors_mention(cx, i, i + 3, known, DL_MENTION_NAME);
    return 3;
}

static size_t scan_at(dl_actx *cx, size_t i, size_t end) {
    const dl_doc *doc = cx->doc;
    const struct dl_actor_dict *d = cx->dict;
    size_t n;
    if ((n = article_surname(cx, i, end))) return n;
    if ((n = dl__names_scan(cx, i, end))) return n;
    if ((n = title_pattern(cx, i, end, -1, i))) return n;
    size_t len;
    int h = dl__actors_phrase(cx, i, end, &len);
    if (h >= 0) {
        const dl_dict_hit *hit = &d->hits.v[h];
        const dl_dict_actor *da = &d->actors.v[hit->actor];
        /* "Sudesh Amman ... Amman said": the surname of a person named before
         * wins over a city of that name */
        int person = len == 1 && da->kind == DL_DICT_PLACE ? surname_of(cx, i) : -1;
        if (person >= 0) {
            dl__actors_mention(cx, i, i + 1, person, DL_MENTION_NAME);
            return 1;
        }
        if (da->kind == DL_DICT_COUNTRY) {
            /* "Iraqi political factions", "U.S. forces", "U.S. Secretary of State John Kerry" */
            int max_adj = hit->how == DL_HIT_DEMONYM ? 2 : 0;
            if ((n = agent_pattern(cx, i, len, end, hit->actor, max_adj, hit->how == DL_HIT_NAME))) return n;
            if (i + len < end && (n = title_pattern(cx, i + len, end, hit->actor, i))) return len + n;
        } else if (da->kind == DL_DICT_PLACE && (da->country || da->code)) {
            /* "Omsk hospital", "European officials" ("Tehran Officials said" is two phrases) */
            if (i + len < end && !is_cap_word(doc, i + len) && (n = agent_pattern(cx, i, len, end, hit->actor, hit->how == DL_HIT_DEMONYM ? 2 : 0, 0))) return n;
        }
        int actor = dl__actors_from_dict(cx, hit->actor);
        dl__actors_mention(cx, i, i + len, actor, hit->how == DL_HIT_DEMONYM ? DL_MENTION_DEMONYM : DL_MENTION_NAME);
        return len;
    }
    if (is_cap_word(doc, i)) {
        int known = dl__actors_by_surname(cx, i);
        if (known >= 0) {
            dl__actors_mention(cx, i, i + 1, known, DL_MENTION_NAME);
            return 1;
        }
        if ((n = stranger_pattern(cx, i, end))) return n;
        if ((n = named_pattern(cx, i, end))) return n;
        if ((n = surname_pattern(cx, i, end))) return n;
        if ((n = entity_pattern(cx, i, end))) return n;
    }
    if ((n = dl__groups_scan(cx, i, end))) return n;
    if (dl_word_in(doc->toks.v[i].norm, PRONOUNS)) dl__actors_mention(cx, i, i + 1, -1, DL_MENTION_PRONOUN);
    return 1;
}

/* Fills doc->tok_mention: for each token, the mention that covers it. */
static void index_mentions(dl_doc *doc) {
    doc->tok_mention = dl_arena_alloc(&doc->arena, (doc->toks.n + 1) * sizeof *doc->tok_mention);
    if (!doc->tok_mention) return;
    for (size_t i = 0; i < doc->toks.n; i++) doc->tok_mention[i] = -1;
    for (size_t m = 0; m < doc->mentions.n; m++) {
        const dl_mention *x = &doc->mentions.v[m];
        for (size_t t = x->tok0; t < x->tok0 + x->ntok; t++) doc->tok_mention[t] = (int32_t)m;
    }
}

dl_status dl_actors_run(dl_engine *eng, dl_doc *doc) {
    if (!eng || !eng->dict) return DL_OK;
    dl_actx cx = {0};
    cx.doc = doc;
    cx.dict = eng->dict;
    dl_doc_pub_date(doc, cx.date);
    cx.home_entry = -1;
    dl_map_init(&cx.by_key);
    if (doc->ents.n) {
        cx.ent_at = dl_arena_alloc(&doc->arena, doc->toks.n * sizeof *cx.ent_at);
        if (cx.ent_at) {
            for (size_t i = 0; i < doc->toks.n; i++) cx.ent_at[i] = -1;
            for (size_t e = 0; e < doc->ents.n; e++) cx.ent_at[doc->ents.v[e].tok0] = (int32_t)e;
        }
    }
    dl__groups_home(&cx);
    memcpy(doc->home_country, cx.home, sizeof doc->home_country);
    for (size_t s = 0; s < doc->sents.n; s++) {
        size_t i = doc->sents.v[s].tok0, end = i + doc->sents.v[s].ntok;
        while (i < end) i += scan_at(&cx, i, end);
    }
    dl__coref_resolve(&cx);
    index_mentions(doc);
    dl_map_release(&cx.by_key);
    DL_VEC_FREE(&cx.titles);
    DL_VEC_FREE(&cx.title_notes);
    return DL_OK;
}
