/*
 * event/event.c -- sentences + actors + quotes -> CAMEO events.
 *
 * For every token that anchors a verb pattern (verbs.c), the pattern is
 * matched around it; the target comes from the pattern's $T slot, the
 * source from the clause subject before the trigger (names, titles and
 * pronouns as the actor stage resolved them), or from the speaker when the
 * sentence is inside a quotation.  Negated triggers ("did not meet") and,
 * for material acts, intentions ("efforts to expel") are not acts.
 * Codes, Goldstein scores, quad classes and PLOVER types come from the
 * codebook (data/cameo/events.tsv); reference: CAMEO manual 1.1b3.
 * Last, the sentences that restate one act are merged into one event that
 * lists them all (issue 5).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "actors/dict.h"
#include "event/codebook.h"
#include "event/event.h"
#include "event/verbs.h"
#include "dicts/petrarch.h"
#include "quote/quote.h"

typedef struct {
    dl_engine *eng;
    dl_doc *doc;
    int *mention_at;     /* per token: the mention starting there, else -1 */
    int *mention_end;    /* per token: the mention ending there, else -1 */
    int counterpart;     /* the article's most named country, for implicit targets */
    char story_date[11];
    char pub_date[11];
} ectx;

static int is_stop_punct(const dl_token *t, const char *body) {
    if (t->kind == DL_TOK_QUOTE) return 1;
    if (t->kind != DL_TOK_PUNCT) return 0;
    char c = body[t->off];
    return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' || c == ')';
}

static const char *const POSSESSIVES[] = {"his", "her", "its", "their", NULL};
static const char *const RELATIVES[] = {"who", "which", "that", "whom", NULL};

/* ---- pattern matching ------------------------------------------------------ */

typedef struct {
    size_t start, end;   /* tokens [start, end) the trigger covers */
    size_t anchor;       /* the token that anchored the pattern */
    int target;          /* mention index, -1 when none */
    int target_first;    /* the target slot came before the anchor */
} match;

static int el_matches(const dl_pattern_el *el, const char *norm) {
    for (char **w = el->words; *w; w++)
        if (strcmp(*w, norm) == 0) return 1;
    return 0;
}

/* A target mention starting within a short window at j: skips the noun
 * phrase words before it ("the assistance and support of the Iranian
 * government"), never crossing punctuation or a new clause. */
static int target_forward(const ectx *cx, size_t j, size_t end, int last) {
    static const char *const stops[] = {"that", "who", "which", "because", "but", "while", "to",
                                        "after", "before", "when", "if", "from", "for", "in",
                                        "on", "at", "with", "by", "against", "about", "over",
                                        "into", "during", "despite", NULL};
    const dl_doc *doc = cx->doc;
    size_t limit = last ? 8 : 1;
    int adjective = -1;   /* "his Saudi counterpart X": the country if no name follows */
    for (size_t k = j; k < end && k < j + limit + 1; k++) {
        if (cx->mention_at[k] >= 0) {
            const dl_mention *m = &doc->mentions.v[cx->mention_at[k]];
            int possessive = m->kind == DL_MENTION_PRONOUN && dl_word_in(doc->toks.v[k].norm, POSSESSIVES);
            size_t after = m->tok0 + m->ntok;
            int modifier = m->kind == DL_MENTION_DEMONYM && last && after < end &&
                           doc->toks.v[after].kind == DL_TOK_WORD;
            if (m->actor >= 0 && !possessive && !modifier) return cx->mention_at[k];
            if (modifier && adjective < 0) adjective = cx->mention_at[k];
            if (possessive || modifier) continue;
        }
        const dl_token *t = &doc->toks.v[k];
        if (is_stop_punct(t, doc->article.body) || dl_word_in(t->norm, stops)) return adjective;
        if (!last && !(dl_tok_is(doc, k, "the") || dl_tok_is(doc, k, "a"))) return -1;
    }
    return adjective;
}

/* Matches elements [e, n) forward from token j; sets *end and the target. */
static int match_forward(const ectx *cx, const dl_pattern *p, size_t e, size_t j, size_t end,
                         match *mt) {
    const dl_doc *doc = cx->doc;
    if (e == p->n_els) { mt->end = j; return 1; }
    const dl_pattern_el *el = &p->els[e];
    switch (el->kind) {
    case DL_EL_WORDS:
        return j < end && el_matches(el, doc->toks.v[j].norm) && match_forward(cx, p, e + 1, j + 1, end, mt);
    case DL_EL_GAP:
        for (size_t g = 0; g <= 4 && j + g <= end; g++) {
            if (g > 0 && is_stop_punct(&doc->toks.v[j + g - 1], doc->article.body)) break;
            if (match_forward(cx, p, e + 1, j + g, end, mt)) return 1;
        }
        return 0;
    case DL_EL_TARGET: {
        int m = target_forward(cx, j, end, e + 1 == p->n_els);
        if (m < 0) return 0;
        const dl_mention *x = &doc->mentions.v[m];
        int saved = mt->target;
        mt->target = m;
        if (match_forward(cx, p, e + 1, x->tok0 + x->ntok, end, mt)) return 1;
        mt->target = saved;
        return 0;
    }
    }
    return 0;
}

/* Matches elements before the anchor backward: only "$T" directly before
 * and literal words are supported there. */
static int match_backward(const ectx *cx, const dl_pattern *p, size_t s0, size_t i, match *mt) {
    const dl_doc *doc = cx->doc;
    size_t j = i;
    for (size_t e = p->anchor; e-- > 0;) {
        const dl_pattern_el *el = &p->els[e];
        if (j <= s0) return 0;
        if (el->kind == DL_EL_WORDS) {
            if (!el_matches(el, doc->toks.v[j - 1].norm)) return 0;
            j--;
        } else if (el->kind == DL_EL_TARGET) {
            int m = cx->mention_end[j - 1];
            if (m < 0 || doc->mentions.v[m].actor < 0) return 0;
            mt->target = m;
            mt->target_first = 1;
            j = doc->mentions.v[m].tok0;
        } else {
            return 0;
        }
    }
    mt->start = j;
    return 1;
}

/* ---- sources ---------------------------------------------------------------- */

static const char *const PREPS[] = {"with", "of", "by", "to", "for", "from", "about", "against",
                                    "between", "over", "on", "in", "at", "into", "toward",
                                    "towards", "during", "under", "than", NULL};
static const char *const CLAUSE_STOPS[] = {"because", "although", "though", "whereas", "while",
                                           "since", "if", "unless", NULL};

/* The subject before token i, back to token s0: the nearest actor mention
 * that is not inside a prepositional phrase, not a possessive, and not in
 * an earlier clause. */
/* Is the token a past-tense verb form ("thanked", "praised") whose object
 * the following mention would be? */
static int verb_before(const dl_token *t) {
    size_t n = strlen(t->norm);
    return t->kind == DL_TOK_WORD && !(t->flags & DL_TF_CAP) && n > 3 &&
           strcmp(t->norm + n - 2, "ed") == 0;
}

/* Is the relative pronoun at rel the subject of the verb at i ("that has
 * seized"): only auxiliaries and adverbs stand between them? */
static int relative_subject(const dl_doc *doc, size_t rel, size_t i) {
    static const char *const aux[] = {"has", "have", "had", "is", "are", "was", "were", "will",
                                      "would", "also", "reportedly", "allegedly", "then", "later",
                                      "repeatedly", "recently", "been", "be", NULL};
    if (i == rel + 1) return 1;
    for (size_t k = rel + 1; k < i; k++)
        if (!dl_word_in(doc->toks.v[k].norm, aux)) return 0;
    return 1;
}

static int subject_mention(const ectx *cx, size_t i, size_t s0, int skip_mention, int rel_ok) {
    const dl_doc *doc = cx->doc;
    int object = -1;   /* "X praised Y and criticized Z": Y only when nothing better */
    for (size_t k = i; k-- > s0;) {
        const dl_token *t = &doc->toks.v[k];
        if (dl_word_in(t->norm, CLAUSE_STOPS)) return object;
        if (rel_ok && dl_word_in(t->norm, RELATIVES) && relative_subject(doc, k, i)) {
            /* "the group that has seized ...": the subject is the noun the
             * relative pronoun stands for, when it is an actor, else none */
            size_t b = k;
            if (b > s0 && doc->toks.v[b - 1].norm[0] == ',') b--;
            int m = b > s0 ? cx->mention_end[b - 1] : -1;
            return m >= 0 && doc->mentions.v[m].actor >= 0 ? m : -1;
        }
        int m = cx->mention_end[k];
        if (m < 0 || m == skip_mention) continue;
        const dl_mention *x = &doc->mentions.v[m];
        k = x->tok0 < k ? x->tok0 : k;
        if (x->actor < 0) continue;
        if (x->kind == DL_MENTION_PRONOUN && dl_word_in(doc->toks.v[x->tok0].norm, POSSESSIVES)) continue;
        size_t after = x->tok0 + x->ntok;
        if (after < doc->toks.n && doc->toks.v[after].norm[0] == '\'') {
            /* "Iran's position that ..." is no subject, but "Iraq's national
             * security advisor met ..." acts for Iraq: a short noun phrase
             * between the possessive and the verb */
            size_t w = after + 1;
            while (w < i && w < after + 5 && doc->toks.v[w].kind == DL_TOK_WORD &&
                   !(doc->toks.v[w].flags & DL_TF_CAP) && cx->mention_at[w] < 0)
                w++;
            if (rel_ok && w == i && w > after + 1) return m;
            continue;
        }
        size_t b = x->tok0;   /* the word before, past a determiner: "at the White House" */
        if (b > s0 && (dl_tok_is(doc, b - 1, "the") || dl_tok_is(doc, b - 1, "a"))) b--;
        if (b > s0 && dl_word_in(doc->toks.v[b - 1].norm, PREPS)) continue;
        size_t rel = after < doc->toks.n && doc->toks.v[after].norm[0] == ',' ? after + 1 : after;
        int antecedent = dl_tok_is(doc, rel, "who") || dl_tok_is(doc, rel, "which");
        if (!antecedent && x->tok0 > s0 && verb_before(&doc->toks.v[x->tok0 - 1]) && x->tok0 + 1 < i) {
            if (object < 0) object = m;
            continue;
        }
        return m;
    }
    return object;
}

static int subject_before(const ectx *cx, size_t i, size_t s0, int skip_mention) {
    int m = subject_mention(cx, i, s0, skip_mention, 1);
    return m >= 0 ? cx->doc->mentions.v[m].actor : -1;
}

/* The mentions coordinated with mention m ("Iran and Iraq", "the UAE and
 * Bahrain", "X, Y and Z"), m first, walking forward or backward.  Returns
 * how many were written to out. */
static size_t coordinated(const ectx *cx, int m, int forward, int *out, size_t cap) {
    const dl_doc *doc = cx->doc;
    size_t n = 0;
    out[n++] = m;
    while (n < cap) {
        const dl_mention *x = &doc->mentions.v[m];
        int next = -1;
        if (forward) {
            size_t k = x->tok0 + x->ntok;
            if (k < doc->toks.n && doc->toks.v[k].norm[0] == ',') k++;
            if (!dl_tok_is(doc, k, "and") && k == x->tok0 + x->ntok) break;
            if (dl_tok_is(doc, k, "and")) k++;
            if (dl_tok_is(doc, k, "the")) k++;
            /* titles before the next name: "and Swedish Prime Minister Ulf Kristersson" */
            for (size_t t = 0; t < 4 && k < doc->toks.n && cx->mention_at[k] < 0 &&
                               (doc->toks.v[k].flags & DL_TF_CAP) && doc->toks.v[k].sent == x->sent;
                 t++)
                k++;
            if (k < doc->toks.n && doc->toks.v[k].sent == x->sent) next = cx->mention_at[k];
        } else {
            if (x->tok0 < 2) break;
            size_t k = x->tok0 - 1;
            if (dl_tok_is(doc, k, "the") && k > 0) k--;
            if (!dl_tok_is(doc, k, "and") && doc->toks.v[k].norm[0] != ',') break;
            if (k > 0 && doc->toks.v[k - 1].norm[0] == ',') k--;
            if (k > 0 && doc->toks.v[k - 1].sent == x->sent) next = cx->mention_end[k - 1];
        }
        if (next < 0 || doc->mentions.v[next].actor < 0 ||
            doc->mentions.v[next].kind == DL_MENTION_PRONOUN)
            break;
        out[n++] = next;
        m = next;
    }
    return n;
}

static int root_of(const char *code) { return (code[0] - '0') * 10 + (code[1] - '0'); }

/* Verbal acts (statements, appeals, intents, consultations, criticism...),
 * which a speaker performs by saying them. */
static int is_verbal(const char *code) {
    int r = root_of(code);
    return (r >= 1 && r <= 5) || (r >= 10 && r <= 14);
}

static int is_material(const char *code) { return !is_verbal(code); }

static int is_country_of(const dl_doc *doc, int gpe, int person) {
    if (gpe < 0 || person < 0) return 0;
    const dl_actor *g = &doc->actors.v[gpe], *p = &doc->actors.v[person];
    return g->type && strcmp(g->type, "GPE") == 0 && g->country && p->country &&
           strcmp(g->country, p->country) == 0 && g->code && p->code && strcmp(g->code, g->country) == 0;
}

/* ---- negation and modality ------------------------------------------------- */

static int negated(const dl_doc *doc, size_t start, size_t s0) {
    static const char *const neg[] = {"not", "n't", "never", "no", "neither", "nor", NULL};
    for (size_t k = start; k-- > s0 && k + 3 >= start;)
        if (dl_word_in(doc->toks.v[k].norm, neg)) return 1;
    return 0;
}

static int intended_only(const dl_doc *doc, size_t start, size_t s0) {
    static const char *const heads[] = {"efforts", "effort", "attempts", "attempt", "plan", "plans",
                                        "planned", "bid", "want", "wants", "wanted", "seek",
                                        "seeks", "sought", "try", "tries", "tried", "trying",
                                        "aim", "aims", "hope", "hopes", "refused", "failed",
                                        "threatened", "threatens", "vowed", "pledged", "urge",
                                        "urged", "urges", "urging", "ask", "asked", "asks",
                                        "call", "called", "calls", "demand", "demanded",
                                        "demands", "ready", "prepared", "intends", "intend",
                                        "proposed", "offered", "decided", "agreed", NULL};
    static const char *const modals[] = {"may", "might", "could", "would", "should", "will",
                                         "must", "can", NULL};
    if (start > s0 && dl_word_in(doc->toks.v[start - 1].norm, modals)) return 1;
    if (start >= s0 + 2 && dl_tok_is(doc, start - 1, "to")) {
        for (size_t k = start - 1; k-- > s0 && k + 6 >= start;)
            if (dl_word_in(doc->toks.v[k].norm, heads)) return 1;
    }
    return 0;
}

/* "praised them for their hospitality in welcoming pilgrims": a gerund
 * after a preposition describes, it does not report an act of its own;
 * neither does a participle inside a compound ("Israeli-occupied"). */
static int adjunct_gerund(const dl_doc *doc, size_t start, size_t s0) {
    if (start > s0 && doc->toks.v[start - 1].norm[0] == '-' && doc->toks.v[start - 1].len == 1 &&
        !(doc->toks.v[start].flags & DL_TF_SPACE))
        return 1;
    static const char *const preps[] = {"in", "for", "by", "after", "before", "while", "without",
                                        "despite", "of", NULL};
    const char *w = doc->toks.v[start].norm;
    size_t n = strlen(w);
    return start > s0 && n > 4 && strcmp(w + n - 3, "ing") == 0 &&
           dl_word_in(doc->toks.v[start - 1].norm, preps);
}

/* ---- events ----------------------------------------------------------------- */

static int already_coded(const dl_doc *doc, int src, int tgt, const char *code, uint32_t sent) {
    for (size_t i = 0; i < doc->events.n; i++) {
        const dl_event *e = &doc->events.v[i];
        if (e->source == src && e->target == tgt && e->sent == sent && strncmp(e->cameo, code, 2) == 0)
            return 1;
    }
    return 0;
}

/* An actor's code on the event's date: office-holders change codes with
 * their terms (a president before and after office). */
static const char *code_on(const ectx *cx, int actor, const char *date) {
    if (actor < 0) return NULL;
    const dl_actor *a = &cx->doc->actors.v[actor];
    if (a->entry < 0 || strlen(date) < 4) return a->code;
    const dl_dict_actor *da = &cx->eng->dict->actors.v[a->entry];
    char day[11];
    snprintf(day, sizeof day, "%s", date);
    if (strlen(day) == 4) memcpy(day + 4, "-07-01", 7);       /* a year: its middle */
    else if (strlen(day) == 7) memcpy(day + 7, "-15", 4);     /* a month: its middle */
    const dl_dict_term *t = dl_dict_term_at(da, day);
    return t && t->code ? t->code : a->code;
}

static void push_event(ectx *cx, const dl_pattern *p, const char *code, int src, int tgt,
                       const match *mt, long quote) {
    dl_doc *doc = cx->doc;
    uint32_t sent = doc->toks.v[mt->start].sent;
    if (already_coded(doc, src, tgt, code, sent)) return;
    const dl_cameo *c = dl_codebook_find(cx->eng->codebook, code);
    dl_event *e = DL_VEC_PUSH(&doc->events);
    if (!e) return;
    e->source = src;
    e->target = tgt;
    snprintf(e->cameo, sizeof e->cameo, "%s", code);
    e->goldstein = c ? c->goldstein : 0;
    e->quad = c ? c->quad : 0;
    e->plover = c ? c->plover : NULL;
    e->plover_mode = c ? c->plover_mode : NULL;
    e->sent = sent;
    e->off = doc->toks.v[mt->start].off;
    const dl_token *last = &doc->toks.v[mt->end - 1];
    e->len = last->off + last->len - e->off;
    e->rule = p->rule;
    e->quote = (int)quote;
    e->confidence = (float)(0.5 + (src >= 0 ? 0.2 : 0) + (mt->target >= 0 ? 0.2 : 0) - (quote >= 0 ? 0.1 : 0));
    dl__event_date(doc, sent, cx->pub_date, cx->story_date, e->date);
    e->place = dl__event_place(doc, sent);
    e->source_code = code_on(cx, src, e->date);
    e->target_code = code_on(cx, tgt, e->date);
}

/* The previous event within two sentences, for "in this regard". */
static const dl_event *previous_event(const dl_doc *doc, uint32_t sent) {
    if (!doc->events.n) return NULL;
    const dl_event *e = &doc->events.v[doc->events.n - 1];
    return e->sent + 2 >= sent ? e : NULL;
}

/* One (source, target) pair of a matched pattern: the speaker's rules, the
 * implicit counterpart, and the checks that the pair is an event. */
static void code_pair(ectx *cx, const dl_pattern *p, const char *code, int src, int tgt,
                      const match *mt, long q, const dl_quote *quote) {
    dl_doc *doc = cx->doc;
    if (quote && quote->speaker >= 0 && is_verbal(code)) {
        /* a speaker's own country acting in his words is the speaker's act */
        if (src < 0 || is_country_of(doc, src, quote->speaker)) src = quote->speaker;
    }
    if (src < 0 && !(p->flags & DL_VF_NOMINAL)) return;
    if (tgt < 0 && (p->flags & DL_VF_IMPLICIT)) {
        tgt = cx->counterpart;
        if (src >= 0 && tgt >= 0 && doc->actors.v[src].country && doc->actors.v[tgt].country &&
            strcmp(doc->actors.v[src].country, doc->actors.v[tgt].country) == 0)
            tgt = -1;
    }
    if (tgt < 0 || tgt == src || is_country_of(doc, tgt, src)) return;
    push_event(cx, p, code, src, tgt, mt, q);
}

/* The actor of the mention covering token t, or -1. */
static int actor_at(const dl_doc *doc, size_t t) {
    if (!doc->tok_mention || t >= doc->toks.n || doc->tok_mention[t] < 0) return -1;
    const dl_mention *m = &doc->mentions.v[doc->tok_mention[t]];
    return m->kind == DL_MENTION_PRONOUN && dl_word_in(doc->toks.v[t].norm, POSSESSIVES) ? -1 : m->actor;
}

/* A passive trigger in the parse ("Iran was attacked by Israel"): the
 * passive subject is the target, the "by" phrase the source.  Returns 1
 * when the clause is passive (coded or not), 0 to code it as active. */
static int passive_clause(ectx *cx, const dl_pattern *p, const char *code, const match *mt, long q,
                          const dl_quote *quote) {
    const dl_doc *doc = cx->doc;
    if (!doc->head || !doc->deprel || mt->target_first) return 0;
    const dl_sent *s = &doc->sents.v[doc->toks.v[mt->anchor].sent];
    int tgt = -1, src = -1, passive = 0;
    for (size_t t = s->tok0; t < s->tok0 + s->ntok; t++) {
        if (doc->head[t] != (int32_t)mt->anchor || !doc->deprel[t]) continue;
        if (strcmp(doc->deprel[t], "nsubj:pass") == 0) {
            passive = 1;
            tgt = actor_at(doc, t);
        } else if (strncmp(doc->deprel[t], "obl", 3) == 0) {
            for (size_t c = s->tok0; c < t; c++)
                if (doc->head[c] == (int32_t)t && dl_tok_is(doc, c, "by")) src = actor_at(doc, t);
        }
    }
    if (!passive) return 0;
    if (tgt >= 0 && (src >= 0 || (p->flags & DL_VF_NOMINAL)))
        code_pair(cx, p, code, src, tgt, mt, q, quote);
    return 1;
}

static void code_match(ectx *cx, const dl_pattern *p, match *mt, size_t s0) {
    dl_doc *doc = cx->doc;
    const char *code = p->code;
    long q = dl_quote_at(doc, mt->start);
    const dl_quote *quote = q >= 0 ? &doc->quotes.v[q] : NULL;
    size_t clause0 = s0;
    if (quote && !quote->direct) {
        /* reported speech: the clause starts where the content starts */
        for (size_t k = s0; k < mt->start; k++)
            if (doc->toks.v[k].off >= quote->off) { clause0 = k; break; }
    }
    if (p->flags & DL_VF_CONTINUE) {
        const dl_event *prev = previous_event(doc, doc->toks.v[mt->start].sent);
        if (!prev) return;
        code = prev->cameo;
        mt->target = -1;
        int src = subject_before(cx, mt->start, clause0, -1);
        if (src < 0 || src == prev->target) return;
        int tgt = prev->target;
        push_event(cx, p, code, src, tgt, mt, q);
        return;
    }
    if (negated(doc, mt->start, s0) || adjunct_gerund(doc, mt->start, s0)) return;
    if (is_material(code) && intended_only(doc, mt->start, s0)) return;
    if (passive_clause(cx, p, code, mt, q, quote)) return;
    int srcs[8], tgts[8];
    size_t nsrc = 0, ntgt = 0;
    int src_m = -1;
    if (p->flags & DL_VF_NOMINAL)
        srcs[nsrc++] = -1; /* "the assassination of X": the noun does not say by whom */
    else if (mt->target_first && quote)
        srcs[nsrc++] = quote->speaker;
    else
        src_m = subject_mention(cx, mt->start, mt->target_first ? s0 : clause0, mt->target,
                                !mt->target_first);
    if (src_m >= 0) {
        int ms[8];
        size_t k = coordinated(cx, src_m, 0, ms, 8);
        for (size_t i = 0; i < k; i++) srcs[nsrc++] = doc->mentions.v[ms[i]].actor;
    }
    if (!nsrc) srcs[nsrc++] = -1;
    if (mt->target >= 0) {
        int ms[8];
        size_t k = mt->target_first ? 1 : coordinated(cx, mt->target, 1, ms, 8);
        if (mt->target_first) ms[0] = mt->target;
        for (size_t i = 0; i < k; i++) tgts[ntgt++] = doc->mentions.v[ms[i]].actor;
    } else {
        tgts[ntgt++] = -1;
    }
    if ((p->flags & DL_VF_BETWEEN) && ntgt >= 2) {
        /* "talks between X and Y": X and Y are the parties */
        code_pair(cx, p, code, tgts[0], tgts[1], mt, q, quote);
        return;
    }
    if (mt->target < 0 && (p->flags & DL_VF_IMPLICIT) && nsrc >= 2) {
        /* "Iran and Saudi Arabia agreed to restore relations": with each other */
        for (size_t i = 0; i < nsrc; i++)
            for (size_t j = 0; j < nsrc; j++)
                if (i != j) code_pair(cx, p, code, srcs[i], srcs[j], mt, q, quote);
        return;
    }
    for (size_t i = 0; i < nsrc; i++)
        for (size_t j = 0; j < ntgt; j++) code_pair(cx, p, code, srcs[i], tgts[j], mt, q, quote);
}

/* How specific a pattern is: its literal words. */
static size_t literal_words(const dl_pattern *p) {
    size_t n = 0;
    for (size_t e = 0; e < p->n_els; e++) n += p->els[e].kind == DL_EL_WORDS;
    return n;
}

/* Every token is tried as the anchor of its patterns; of those that match,
 * the most specific codes the event (as PETRARCH prefers the longest
 * pattern), so "welcomed X to Riyadh" is not also "welcomed X". */
static void code_sentence(ectx *cx, size_t s) {
    dl_doc *doc = cx->doc;
    const struct dl_verbs *v = cx->eng->verbs;
    size_t s0 = doc->sents.v[s].tok0, end = s0 + doc->sents.v[s].ntok;
    for (size_t i = s0; i < end; i++) {
        const dl_pattern *best = NULL, *simple = NULL;
        match best_mt = {0}, simple_mt = {0};
        for (int a = dl_verbs_first(v, doc->toks.v[i].norm); a >= 0; a = v->anchors.v[a].next) {
            const dl_pattern *p = &v->patterns.v[v->anchors.v[a].pattern];
            match mt = {i, i + 1, i, -1, 0};
            if (!match_backward(cx, p, s0, i, &mt)) continue;
            if (!match_forward(cx, p, p->anchor + 1, i + 1, end, &mt)) {
                /* "VERB $T" without its object may be passive: "was attacked by X" */
                if (p->anchor == 0 && p->n_els == 2 && p->els[1].kind == DL_EL_TARGET && !simple) {
                    simple = p;
                    simple_mt = mt;
                }
                continue;
            }
            if (!best || literal_words(p) > literal_words(best) ||
                (literal_words(p) == literal_words(best) && p < best)) {
                best = p;
                best_mt = mt;
            }
        }
        if (best) {
            code_match(cx, best, &best_mt, s0);
        } else if (simple && !negated(doc, simple_mt.start, s0) &&
                   !(is_material(simple->code) && intended_only(doc, simple_mt.start, s0))) {
            long q = dl_quote_at(doc, simple_mt.start);
            passive_clause(cx, simple, simple->code, &simple_mt, q, q >= 0 ? &doc->quotes.v[q] : NULL);
        }
    }
}

/* The country named most often: the other party of an article's events
 * when a sentence leaves its target unsaid. */
static int most_named_country(const dl_doc *doc) {
    int best = -1;
    for (size_t i = 0; i < doc->actors.n; i++) {
        const dl_actor *a = &doc->actors.v[i];
        if (!a->type || strcmp(a->type, "GPE") != 0 || !a->code || !a->country ||
            strcmp(a->code, a->country) != 0)
            continue;
        if (best < 0 || a->n_mentions > doc->actors.v[best].n_mentions) best = (int)i;
    }
    return best;
}

/* Codes every sentence with our verbs, the users' verbs filling the
 * sentences ours leave, or with the users' verbs alone (--dict-only). */
static dl_status code_events(dl_engine *eng, dl_doc *doc) {
    if (eng && eng->pdict && eng->pdict->verbs.n && eng->dict_only) return dl__pcoder_run(eng, doc);
    if (!eng || !eng->verbs || !doc->toks.n) return DL_OK;
    ectx cx = {eng, doc, NULL, NULL, -1, "", ""};
    cx.mention_at = malloc(doc->toks.n * sizeof *cx.mention_at);
    cx.mention_end = malloc(doc->toks.n * sizeof *cx.mention_end);
    if (!cx.mention_at || !cx.mention_end) {
        free(cx.mention_at);
        free(cx.mention_end);
        return DL_ERR_NOMEM;
    }
    for (size_t i = 0; i < doc->toks.n; i++) cx.mention_at[i] = cx.mention_end[i] = -1;
    for (size_t m = 0; m < doc->mentions.n; m++) {
        const dl_mention *x = &doc->mentions.v[m];
        cx.mention_at[x->tok0] = (int)m;
        cx.mention_end[x->tok0 + x->ntok - 1] = (int)m;
    }
    cx.counterpart = most_named_country(doc);
    dl_doc_pub_date(doc, cx.pub_date);
    dl__event_story_date(doc, cx.pub_date, cx.story_date);
    for (size_t s = 0; s < doc->sents.n; s++) code_sentence(&cx, s);
    free(cx.mention_at);
    free(cx.mention_end);
    return eng->pdict && eng->pdict->verbs.n ? dl__pcoder_run(eng, doc) : DL_OK;
}

/* ---- one event per act ----------------------------------------------------- */

/* One side of an act: the same actor, or, for sides without an actor (-1),
 * the same code. */
static int side_cmp(int a, const char *a_code, int b, const char *b_code) {
    if (a != b) return a < b ? -1 : 1;
    if (a >= 0) return 0;
    return strcmp(a_code ? a_code : "", b_code ? b_code : "");
}

/* Orders events by act: source, target, CAMEO code, date. */
static int act_cmp(const dl_event *a, const dl_event *b) {
    int c = side_cmp(a->source, a->source_code, b->source, b->source_code);
    if (!c) c = side_cmp(a->target, a->target_code, b->target, b->target_code);
    if (!c) c = strcmp(a->cameo, b->cameo);
    if (!c) c = strcmp(a->date, b->date);
    return c;
}

/* qsort order of event pointers: by act, then sentence, then position. */
static int by_act(const void *pa, const void *pb) {
    const dl_event *a = *(const dl_event *const *)pa, *b = *(const dl_event *const *)pb;
    int c = act_cmp(a, b);
    if (!c && a->sent != b->sent) c = a->sent < b->sent ? -1 : 1;
    if (!c && a != b) c = a < b ? -1 : 1;
    return c;
}

/* The events g[0..n) of one act, sorted by sentence, as one event: the
 * earliest sentence's (text, span, rule, quote, place), the highest
 * confidence and every sentence once, in sup (room for n).  Returns the
 * position of the act's first event, where the merged event goes. */
static size_t merge_act(const dl_doc *doc, const dl_event *const *g, size_t n, uint32_t *sup,
                        dl_event *out) {
    *out = *g[0];
    out->support = sup;
    out->n_support = 0;
    size_t first = (size_t)(g[0] - doc->events.v);
    for (size_t i = 0; i < n; i++) {
        if (g[i]->confidence > out->confidence) out->confidence = g[i]->confidence;
        if (!out->n_support || sup[out->n_support - 1] != g[i]->sent)
            sup[out->n_support++] = g[i]->sent;
        size_t pos = (size_t)(g[i] - doc->events.v);
        if (pos < first) first = pos;
    }
    return first;
}

dl_status dl__event_merge(dl_doc *doc) {
    size_t n = doc->events.n;
    if (!n) return DL_OK;
    const dl_event **by = malloc(n * sizeof *by);
    unsigned char *keep = calloc(n, 1);
    uint32_t *sup = dl_arena_alloc(&doc->arena, n * sizeof *sup);
    if (!by || !keep || !sup) {
        free(by);
        free(keep);
        return DL_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) by[i] = &doc->events.v[i];
    qsort(by, n, sizeof *by, by_act);
    for (size_t g = 0, end; g < n; g = end) {
        end = g + 1;
        while (end < n && act_cmp(by[g], by[end]) == 0) end++;
        dl_event merged;
        size_t pos = merge_act(doc, by + g, end - g, sup + g, &merged);
        doc->events.v[pos] = merged;   /* no other act reads this slot */
        keep[pos] = 1;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (keep[i]) doc->events.v[k++] = doc->events.v[i];
    doc->events.n = k;
    free(by);
    free(keep);
    return DL_OK;
}

dl_status dl_event_run(dl_engine *eng, dl_doc *doc) {
    dl_status st = code_events(eng, doc);
    if (st == DL_OK) st = dl__event_merge(doc);
    return st == DL_OK ? dl__event_issues(eng, doc) : st;
}
