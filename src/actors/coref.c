/*
 * actors/coref.c -- small, explainable coreference for the actor stage.
 *
 *   surname   "Rashid" -> the person already named "Abdul Latif Rashid"
 *   title     "the Iraqi president" -> the last person with that title or
 *             role (and that country, when a demonym is given); an
 *             apposition ("Khamenei, the Leader of ...") binds directly
 *   pronoun   "he" -> the nearest earlier person who was the subject of a
 *             clause (a name followed by a verb, not after "by"/"with");
 *             "it", "its" -> an organisation or country, "they", "their" -> a
 *             group or organisation, named as a subject in the same or the
 *             previous sentence (not "it is", "it was reported")
 * Salience is recency: the last candidate wins.  No candidate, no link.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "actors/actors.h"
#include "tokenize/tokenize.h"

int dl__actors_by_surname(dl_actx *cx, size_t tok) {
    char key[256];
    snprintf(key, sizeof key, "s:%s", cx->doc->toks.v[tok].norm);
    int a = dl_map_get(&cx->by_key, key, strlen(key));
    if (a >= 0) return a;
    /* a family name written first: only when the next word is no name */
    if (tok + 1 < cx->doc->toks.n && (cx->doc->toks.v[tok + 1].flags & DL_TF_CAP)) return -1;
    key[0] = 'f';
    return dl_map_get(&cx->by_key, key, strlen(key));
}

/* Does the role name this office?  Whole words only, and not as the
 * office of a deputy: "President" is not in "Vice President" or
 * "Deputy President", nor "minister" in "administer". */
static int role_has(const char *role, const char *word) {
    if (!role || !word || !*word) return 0;
    size_t n = strlen(word);
    static const char *const lesser[] = {"vice ", "vice-", "deputy ", "assistant ", "under ", "under-"};
    for (const char *p = role; *p; p++) {
        if (strncasecmp(p, word, n) != 0) continue;
        if (p > role && isalnum((unsigned char)p[-1])) continue;
        if (isalnum((unsigned char)p[n])) continue;
        int deputy = 0;
        for (size_t k = 0; k < sizeof lesser / sizeof *lesser && !deputy; k++) {
            size_t l = strlen(lesser[k]);
            deputy = (size_t)(p - role) >= l && strncasecmp(p - l, lesser[k], l) == 0;
        }
        if (!deputy) return 1;
    }
    return 0;
}

int dl__actors_dict_surname(dl_actx *cx, size_t tok, const char *country,
                            const dl_dict_agent *title) {
    const struct dl_actor_dict *d = cx->dict;
    const char *w = cx->doc->toks.v[tok].norm;
    int best = -1, best_score = 0;
    for (int h = dl_map_get(&d->surnames, w, strlen(w)); h >= 0; h = d->hits.v[h].next) {
        const dl_dict_actor *a = &d->actors.v[d->hits.v[h].actor];
        if (country && a->country && strcmp(country, a->country) != 0) continue;
        const dl_dict_term *t = dl_dict_term_at(a, cx->date);
        int score = 1;
        /* the title names one of the person's offices, now or before ("President Obama") */
        int fits = 0;
        for (size_t k = 0; title && k < a->terms.n && !fits; k++) {
            const dl_dict_term *x = &a->terms.v[k];
            size_t cl = x->code ? strlen(x->code) : 0, sl = strlen(title->suffix);
            fits = role_has(x->role, title->word) ||
                   (sl && cl > sl && strcmp(x->code + cl - sl, title->suffix) == 0 && strcmp(title->suffix, "GOV") != 0);
        }
        if (fits) score += 2;
        if (t) score += 1;
        if (score > best_score) { best = d->hits.v[h].actor; best_score = score; }
    }
    /* a bare surname needs the person in office; after a title, the title
     * must fit the role ("District Attorney Vance" is not the Vice President) */
    return best_score >= (title ? 3 : 2) ? best : -1;
}

void dl__coref_note_title(dl_actx *cx, size_t mention, const dl_dict_agent *title,
                          const char *country) {
    dl_title_note *n = DL_VEC_PUSH(&cx->title_notes);
    if (!n) return;
    n->mention = mention;
    n->title = title;
    n->country = country;
}

static int is_person(const dl_doc *doc, int actor) {
    return actor >= 0 && doc->actors.v[actor].type && strcmp(doc->actors.v[actor].type, "PER") == 0;
}

/* Does the actor carry this title (seen in the text) or role (dictionary)? */
static int has_title(const dl_actx *cx, int actor, const char *word) {
    const char *seen = cx->titles.v[actor];
    char needle[128];
    snprintf(needle, sizeof needle, "|%s|", word);
    if (seen && strstr(seen, needle)) return 1;
    return role_has(cx->doc->actors.v[actor].role, word);
}

/* The one dictionary person who held this title in this country on the
 * article's date ("the Iraqi president" in 2023 is Abdul Latif Rashid);
 * -1 without a date or when several did ("the Iraqi minister"). */
static int office_holder(const dl_actx *cx, const char *country, const dl_dict_agent *title) {
    if (!cx->date[0]) return -1;
    int exact = -1, partial = -1, n_exact = 0, n_partial = 0;
    for (size_t i = 0; i < cx->dict->actors.n; i++) {
        const dl_dict_actor *a = &cx->dict->actors.v[i];
        if (a->kind != DL_DICT_PERSON || !a->country || strcmp(a->country, country) != 0) continue;
        const dl_dict_term *t = dl_dict_term_at(a, cx->date);
        if (!t || !role_has(t->role, title->word)) continue;
        /* the office itself ("President") before one that has the word
         * ("President of the Kurdistan Region") */
        if (strcasecmp(t->role, title->word) == 0) { exact = (int)i; n_exact++; }
        else { partial = (int)i; n_partial++; }
    }
    if (n_exact) return n_exact == 1 ? exact : -1;
    return n_partial == 1 ? partial : -1;
}

/* "the Japanese ambassador" whom the text never names: an official of that
 * country, an actor of his own ("Japanese ambassador", JPNGOV), listed only
 * when he speaks or acts. */
static void unnamed_official(dl_actx *cx, const dl_title_note *note) {
    dl_doc *doc = cx->doc;
    if (!note->country) return;
    const dl_mention *m = &doc->mentions.v[note->mention];
    size_t t0 = m->tok0, t1 = m->tok0 + m->ntok;
    /* "Hong Kong director of Amnesty International Man-kei Tam": the title
     * of the person named right after it */
    for (size_t k = note->mention + 1; k < doc->mentions.n && doc->mentions.v[k].tok0 < t1 + 8; k++) {
        const dl_mention *x = &doc->mentions.v[k];
        if (x->sent != m->sent) break;
        int verb = 0;
        for (size_t j = t1; j < x->tok0 && doc->upos; j++)
            verb |= strcmp(doc->upos[j], "VERB") == 0 || strcmp(doc->upos[j], "AUX") == 0 || doc->toks.v[j].norm[0] == ',';
        if (verb) break;
        if (is_person(doc, x->actor)) return;
    }
    int entry = office_holder(cx, note->country, note->title);
    if (entry >= 0) {
        int a = dl__actors_from_dict(cx, entry);
        if (a >= 0) doc->mentions.v[note->mention].actor = a;
        return;
    }
    if (t0 + 1 < t1 && dl_word_in(doc->toks.v[t0].norm, (const char *const[]){"the", "his", "her", NULL})) t0++;
    char name[DL_KEY_MAX], key[DL_KEY_MAX + 8], code[32];
    dl__actors_text(doc, t0, t1, name, sizeof name);
    dl__actors_name_key(key, sizeof key, "a:", name);
    snprintf(code, sizeof code, "%s%s", note->country, note->title->suffix);
    int a = dl__actors_push(cx, key, name, "PER", note->country, code, NULL, -1, 0);
    if (a < 0) return;
    doc->actors.v[a].passing = 1;
    doc->mentions.v[note->mention].actor = a;
    dl__actors_add_title(cx, a, note->title->word);
}

static void resolve_title(dl_actx *cx, const dl_title_note *note) {
    dl_doc *doc = cx->doc;
    dl_mention *m = &doc->mentions.v[note->mention];
    /* apposition: "NAME, the Leader of ..." */
    if (note->mention > 0 && m->tok0 > 0) {
        const dl_mention *prev = &doc->mentions.v[note->mention - 1];
        const dl_token *comma = &doc->toks.v[m->tok0 - 1];
        if (prev->tok0 + prev->ntok == m->tok0 - 1 && comma->norm[0] == ',' && is_person(doc, prev->actor)) {
            m->actor = prev->actor;
            dl__actors_add_title(cx, prev->actor, note->title->word);
            return;
        }
    }
    for (size_t k = note->mention; k-- > 0;) {
        int a = doc->mentions.v[k].actor;
        if (!is_person(doc, a)) continue;
        if (note->country && doc->actors.v[a].country && strcmp(note->country, doc->actors.v[a].country) != 0)
            continue;
        if (has_title(cx, a, note->title->word)) {
            m->actor = a;
            return;
        }
    }
    /* '"...," the Iraqi president said. ... Abdul Latif Rashid ...': the
     * person named later in the article, when no one before fits */
    for (size_t k = note->mention + 1; k < doc->mentions.n; k++) {
        int a = doc->mentions.v[k].actor;
        if (!is_person(doc, a) || doc->mentions.v[k].kind == DL_MENTION_PRONOUN) continue;
        if (note->country && doc->actors.v[a].country && strcmp(note->country, doc->actors.v[a].country) != 0)
            continue;
        if (has_title(cx, a, note->title->word)) {
            m->actor = a;
            return;
        }
    }
    unnamed_official(cx, note);
}

/* A person mention that looks like a clause subject: not after a
 * preposition, and followed by a word (or an adverb and a word). */
static int is_subject(const dl_doc *doc, const dl_mention *m) {
    static const char *const preps[] = {"by", "with", "of", "to", "for", "from", "on", "at", "about",
                                        "and", "against", "between", "over", NULL};
    if (m->tok0 > 0) {
        const char *before = doc->toks.v[m->tok0 - 1].norm;
        for (int i = 0; preps[i]; i++)
            if (strcmp(before, preps[i]) == 0) return 0;
    }
    /* '"...," said Delfin Lorenzana': the speaker of an inverted attribution */
    static const char *const says[] = {"said", "says", "added", "told", "stated", "wrote", "tweeted", NULL};
    if (m->tok0 > 0 && dl_word_in(doc->toks.v[m->tok0 - 1].norm, says)) return 1;
    size_t after = m->tok0 + m->ntok;
    if (after >= doc->toks.n || doc->toks.v[after].sent != m->sent) return 0;
    const dl_token *t = &doc->toks.v[after];
    if (t->norm[0] == '\'') return 0; /* "Saddam's time" is no subject */
    /* "Dedi Prasetyo, a spokesperson for ..., confirmed": a sentence's first name before an apposition */
    if (t->norm[0] == ',' && m->tok0 <= doc->sents.v[m->sent].tok0 + 2) return 1;
    return t->kind == DL_TOK_WORD && !(t->flags & DL_TF_CAP);
}

/* Does relation r attach a phrase inside its clause: an object, or a
 * phrase with a preposition ("in conflict against it")? */
static int clause_internal(const char *r) {
    return r && (strcmp(r, "obj") == 0 || strcmp(r, "iobj") == 0 || strncmp(r, "obl", 3) == 0 ||
                 (strncmp(r, "nmod", 4) == 0 && strcmp(r, "nmod:poss") != 0));
}

/* Is candidate c the subject of the clause that pronoun m is an object or
 * prepositional phrase of?  "Rashid praised him", "the council is in
 * conflict against it": a pronoun never stands for its own clause's
 * subject (a reflexive would), so it is someone named before.  A
 * possessive may ("the council defended its record"). */
static int subject_of_own_clause(const dl_doc *doc, const dl_mention *m, const dl_mention *c) {
    if (!doc->head || !doc->deprel || c->sent != m->sent || !m->ntok || !c->ntok) return 0;
    size_t p = m->tok0;
    if (!clause_internal(doc->deprel[p])) return 0;
    int32_t top = doc->head[p];
    for (int up = 0; up < 4 && top >= 0 && clause_internal(doc->deprel[top]); up++) top = doc->head[top];
    size_t h = dl_span_head(doc, c->tok0, c->tok0 + c->ntok);
    const char *cr = doc->deprel[h];
    return cr && strncmp(cr, "nsubj", 5) == 0 && strcmp(cr, "nsubj:pass") != 0 && doc->head[h] == top;
}

/* ---- it, its, they, their: organisations, countries and groups ----------- */

static int is_thing_pronoun(const char *w) {
    static const char *const ps[] = {"it", "its", "they", "their", "them", NULL};
    return dl_word_in(w, ps);
}

/* "it is", "it was reported", "it seems": no referent. */
static int expletive(const dl_doc *doc, size_t tok) {
    static const char *const verbs[] = {"is", "was", "'s", "are", "were", "be", "been", "being", "seems",
                                        "seemed", "appears", "appeared", "remains", "remained", "means",
                                        "matters", "takes", "took", "became", "becomes", "looks", NULL};
    if (!dl_tok_is(doc, tok, "it")) return 0;
    size_t k = tok + 1;
    if (k < doc->toks.n && (dl_tok_is(doc, k, "has") || dl_tok_is(doc, k, "had")) && dl_tok_is(doc, k + 1, "been"))
        return 1;
    return k >= doc->toks.n || dl_word_in(doc->toks.v[k].norm, verbs);
}

static int thing_fits(const dl_actx *cx, const dl_mention *m, int actor) {
    const dl_doc *doc = cx->doc;
    const dl_actor *a = &doc->actors.v[actor];
    if (!a->type || strcmp(a->type, "PER") == 0) return 0;
    const char *w = doc->toks.v[m->tok0].norm;
    int singular = w[0] == 'i';
    if (singular) {
        /* an organisation, or a country (not a city) */
        if (strcmp(a->type, "ORG") == 0) return 1;
        return strcmp(a->type, "GPE") == 0 && a->entry >= 0 && cx->dict->actors.v[a->entry].kind == DL_DICT_COUNTRY;
    }
    return strcmp(a->type, "NORP") == 0 || strcmp(a->type, "ORG") == 0;
}

/* Is mention m a verb's object in the parse ("Israel sent Syria a
 * message")?  Then it is no subject, whatever word follows it. */
static int parsed_object(const dl_doc *doc, const dl_mention *m) {
    if (!doc->head || !doc->deprel || !m->ntok) return 0;
    const char *r = doc->deprel[dl_span_head(doc, m->tok0, m->tok0 + m->ntok)];
    return r && (strcmp(r, "obj") == 0 || strcmp(r, "iobj") == 0);
}

/* "it"/"its" -> the organisation or country last named as a subject, in its
 * sentence or the one before; "they"/"their" -> the group or organisation
 * last named there.  Names inside quotations do not count, and a pronoun
 * inside one is the speaker's and left alone. */
static void resolve_thing(dl_actx *cx, size_t mi) {
    dl_doc *doc = cx->doc;
    dl_mention *m = &doc->mentions.v[mi];
    if (cx->quoted[m->tok0] || expletive(doc, m->tok0)) return;
    int fallback = -1, barred = -1;   /* barred: the actor of the pronoun's own clause's subject */
    for (size_t k = mi; k-- > 0;) {
        const dl_mention *c = &doc->mentions.v[k];
        if (m->sent > c->sent + 1) break;
        if (c->actor < 0 || c->kind == DL_MENTION_PRONOUN || cx->quoted[c->tok0]) continue;
        if (c->kind == DL_MENTION_DEMONYM || !thing_fits(cx, m, c->actor)) continue;
        if (subject_of_own_clause(doc, m, c)) barred = c->actor;
        if (c->actor == barred) continue;
        if ((is_subject(doc, c) && !parsed_object(doc, c)) || c->tok0 == doc->sents.v[c->sent].tok0) {
            m->actor = c->actor;
            return;
        }
        if (fallback < 0 && c->sent == m->sent) fallback = c->actor;
    }
    m->actor = fallback;
}

static int pronoun_fits(const dl_doc *doc, const dl_mention *m, int actor) {
    const char *w = doc->toks.v[m->tok0].norm;
    int female = strcmp(w, "she") == 0 || strcmp(w, "her") == 0;
    uint8_t g = doc->actors.v[actor].gender;
    return !g || (female ? g == 'f' : g == 'm');
}

static void resolve_pronoun(dl_actx *cx, size_t mi) {
    dl_doc *doc = cx->doc;
    dl_mention *m = &doc->mentions.v[mi];
    int fallback = -1, barred = -1;
    uint32_t sent = m->sent;
    for (size_t k = mi; k-- > 0;) {
        const dl_mention *c = &doc->mentions.v[k];
        if (m->sent > c->sent + 6) break;
        if (c->kind == DL_MENTION_PRONOUN || !is_person(doc, c->actor) || !pronoun_fits(doc, m, c->actor))
            continue;
        if (cx->quoted[c->tok0] && !cx->quoted[m->tok0]) continue; /* names inside a quote */
        if (subject_of_own_clause(doc, m, c)) barred = c->actor;
        if (c->actor == barred) continue;
        if (fallback < 0) fallback = c->actor;
        if (c->sent != sent) {
            /* the earliest subject of the nearest sentence with one */
            int subj = -1;
            for (size_t q = k + 1; q-- > 0 && doc->mentions.v[q].sent == c->sent;)
                if (is_person(doc, doc->mentions.v[q].actor) && is_subject(doc, &doc->mentions.v[q]) &&
                    pronoun_fits(doc, m, doc->mentions.v[q].actor) && doc->mentions.v[q].actor != barred)
                    subj = doc->mentions.v[q].actor;
            if (subj >= 0) { m->actor = subj; return; }
            sent = c->sent;
        } else if (is_subject(doc, c)) {
            m->actor = c->actor;
            return;
        }
    }
    m->actor = fallback;
}

void dl__coref_resolve(dl_actx *cx) {
    dl_doc *doc = cx->doc;
    cx->quoted = calloc(doc->toks.n + 1, 1);
    if (!cx->quoted) return;
    dl_mark_quoted(doc, cx->quoted);
    size_t note = 0;
    for (size_t i = 0; i < doc->mentions.n; i++) {
        dl_mention *m = &doc->mentions.v[i];
        if (m->kind == DL_MENTION_TITLE) {
            while (note < cx->title_notes.n && cx->title_notes.v[note].mention < i) note++;
            if (note < cx->title_notes.n && cx->title_notes.v[note].mention == i)
                resolve_title(cx, &cx->title_notes.v[note]);
        } else if (m->kind == DL_MENTION_PRONOUN) {
            if (is_thing_pronoun(doc->toks.v[m->tok0].norm)) resolve_thing(cx, i);
            else resolve_pronoun(cx, i);
        }
        if (m->actor >= 0 && m->kind >= DL_MENTION_TITLE) {
            dl_actor *a = &doc->actors.v[m->actor];
            if (!a->n_mentions++) a->first_off = m->off;
        }
    }
    free(cx->quoted);
    cx->quoted = NULL;
}
