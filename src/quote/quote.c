/*
 * quote/quote.c -- direct quotations and reported speech, with speakers.
 *
 * Cues are the verbs and phrases of data/quotes/cues.tsv (quote/cues.c),
 * used as verbs (not "the claims"), not passive ("was claimed by").  Then,
 * in three passes:
 *   direct     text between quotation marks; its cue is the attribution
 *              after it ('..., he said') or before it in the sentence ('X
 *              said: "..."').  A quotation split by its attribution gives
 *              two quotes.  A quotation without attribution continues the
 *              speaker of the quote just before it, in its paragraph or
 *              the one before (cue null).  A quotation inside a reported
 *              clause ('he said the plan was "dead"') is no quote of its
 *              own: the clause is one indirect quote, marks included.
 *   reported   CUE [that] CLAUSE, by the cue's frame: the clause (the
 *              cue's ccomp in the parse, else the words after it), "told X
 *              (that) ...", "urged X to ...", "called X "...""; a trailing
 *              attribution ("CLAUSE, officials said."); "according to X".
 *   speakers   the subject of the cue in the parse (or of the verb it
 *              continues: "..., saying"), resolved to the actor mention
 *              that covers it or, inside it, the person, organisation or
 *              group it names ("a spokesman for the ministry" -> the
 *              ministry; "Some of the protesters" -> protesters); a place
 *              that only modifies the subject is no speaker ("One
 *              Washington-based trade expert").  A subject without an
 *              actor whose head is an agent word becomes an actor of its
 *              own (actors/speaker.h).  Without a parse, the nearest
 *              subject-like mention before the cue.
 *   choice     where other readings propose other speakers, the learned
 *              model (data/models/quotes.model) may choose one of them
 *              (choose_speakers); without it the rules' choice stands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors/speaker.h"
#include "core/doc.h"
#include "core/strbuf.h"
#include "learn/linear.h"
#include "quote/cues.h"
#include "quote/quote.h"
#include "tokenize/tokenize.h"

typedef struct {
    const dl_engine *eng;
    dl_doc *doc;
    const struct dl_cues *cues;
    uint8_t *quoted;     /* per token: inside quotation marks */
    int32_t *cue;        /* per token: the cue starting there, or -1 */
    uint8_t *cue_len;    /* its length in tokens */
    uint8_t *taken;      /* per token: a cue already attributed, or words already quoted */
} qctx;

/* ---- tokens ------------------------------------------------------------------ */

static int is_punct(const dl_doc *doc, size_t i, char c) {
    return i < doc->toks.n && doc->toks.v[i].kind == DL_TOK_PUNCT && doc->toks.v[i].len == 1 &&
           DL_SPAN_PTR(doc, doc->toks.v[i].off)[0] == c;
}

static int is_word(const dl_doc *doc, size_t i, const char *w) { return dl_tok_is(doc, i, w); }

static size_t sent_start(const dl_doc *doc, size_t tok) { return doc->sents.v[doc->toks.v[tok].sent].tok0; }

static size_t sent_end(const dl_doc *doc, size_t tok) {
    const dl_sent *s = &doc->sents.v[doc->toks.v[tok].sent];
    return s->tok0 + s->ntok;
}

static int upos_is(const dl_doc *doc, size_t i, const char *u) {
    return doc->upos && i < doc->toks.n && strcmp(doc->upos[i], u) == 0;
}

static const char *rel(const dl_doc *doc, size_t i) { return doc->deprel ? doc->deprel[i] : ""; }

static int rel_is(const dl_doc *doc, size_t i, const char *r) {
    const char *d = rel(doc, i);
    size_t n = strlen(r);
    return strncmp(d, r, n) == 0 && (d[n] == '\0' || d[n] == ':');
}

static long mention_at(const dl_doc *doc, size_t tok) {
    return doc->tok_mention && tok < doc->toks.n ? doc->tok_mention[tok] : -1;
}

static int actor_at(const dl_doc *doc, size_t tok) {
    long m = mention_at(doc, tok);
    return m >= 0 ? doc->mentions.v[m].actor : -1;
}

static const char *type_of(const dl_doc *doc, int actor) {
    return actor >= 0 && doc->actors.v[actor].type ? doc->actors.v[actor].type : "";
}

/* Is token d inside the parse subtree of token h (same sentence)? */
static int under(const dl_doc *doc, size_t d, size_t h) {
    for (int guard = 0; guard < 64; guard++) {
        if (d == h) return 1;
        if (doc->head[d] < 0) return 0;
        d = (size_t)doc->head[d];
    }
    return 0;
}

/* The first and last token of the subtree of h. */
static void subtree(const dl_doc *doc, size_t h, size_t *lo, size_t *hi) {
    size_t s0 = sent_start(doc, h), s1 = sent_end(doc, h);
    *lo = *hi = h;
    for (size_t k = s0; k < s1; k++)
        if (under(doc, k, h)) {
            if (k < *lo) *lo = k;
            if (k > *hi) *hi = k;
        }
}

/* The first child of h after token after (and after h) with relation r
 * ("conj"), or -1. */
static long child_after(const dl_doc *doc, size_t h, const char *r, long after) {
    size_t s1 = sent_end(doc, h);
    for (size_t k = (size_t)(after > (long)h ? after : (long)h) + 1; k < s1; k++)
        if (doc->head[k] == (int32_t)h && rel_is(doc, k, r)) return (long)k;
    return -1;
}

/* The child of h with relation r ("nsubj", "ccomp"), or -1. */
static long child(const dl_doc *doc, size_t h, const char *r) {
    if (!doc->head) return -1;
    size_t s0 = sent_start(doc, h), s1 = sent_end(doc, h);
    for (size_t k = s0; k < s1; k++)
        if (doc->head[k] == (int32_t)h && rel_is(doc, k, r)) return (long)k;
    return -1;
}

/* The clause a cue reports: its ccomp child, the last that is a verb (or
 * an adjective or auxiliary) when the parse gives several; -1 when none. */
static long clause_of(const dl_doc *doc, size_t c) {
    if (!doc->head) return -1;
    size_t s0 = sent_start(doc, c), s1 = sent_end(doc, c);
    long any = -1, verb = -1;
    for (size_t k = s0; k < s1; k++)
        if (doc->head[k] == (int32_t)c && rel_is(doc, k, "ccomp")) {
            if (any < 0) any = (long)k;
            if (upos_is(doc, k, "VERB") || upos_is(doc, k, "AUX") || upos_is(doc, k, "ADJ")) verb = (long)k;
        }
    return verb >= 0 ? verb : any;
}

/* ---- cues -------------------------------------------------------------------- */

static const char *const BE[] = {"is", "are", "was", "were", "be", "been", "being", NULL};

/* A cue used as a verb of speech: a verb (when tagged), not passive ("was
 * claimed by", "is said to"), not a noun ("the claims"). */
static int speech_verb(const qctx *q, size_t i, size_t len, const dl_cue *cue) {
    const dl_doc *doc = q->doc;
    if (cue->frame == DL_FRAME_ACCORDING) return 1;
    /* a phrasal cue before "that" is a verb whatever its tag ("Rother
     * points out that ...") */
    int phrasal = len > 1 && i + len < sent_end(doc, i) && is_word(doc, i + len, "that");
    if (doc->upos && !upos_is(doc, i, "VERB") && !phrasal) return 0;
    /* "the accused", "his statement": a noun after a determiner */
    if (i > 0 && dl_word_in(doc->toks.v[i - 1].norm, (const char *const[]){"the", "a", "an", "his", "her",
                                                                           "their", "its", "this", NULL}))
        return 0;
    size_t s0 = sent_start(doc, i);
    for (size_t k = i; k-- > s0 && k + 4 > i;) {
        if (dl_word_in(doc->toks.v[k].norm, BE)) return 0;
        /* "was widely reported", "was yesterday reported to have" */
        if (!upos_is(doc, k, "ADV") && !upos_is(doc, k, "PART") &&
            !dl_word_in(doc->toks.v[k].norm, (const char *const[]){"yesterday", "today", "also", "later",
                                                                  "earlier", "widely", "first", NULL}))
            break;
    }
    if (child(doc, i, "aux:pass") >= 0) return 0;
    /* "adding to a mounting series of problems" */
    if (strcmp(cue->lemma, "add") == 0 && i + 1 < sent_end(doc, i) && is_word(doc, i + 1, "to")) return 0;
    /* "accused criminals" is no speech; right after a quotation it is ('," wrote X') */
    int after_quote = i > 0 && (doc->toks.v[i - 1].kind == DL_TOK_QUOTE ||
                                (i > 1 && is_punct(doc, i - 1, ',') && doc->toks.v[i - 2].kind == DL_TOK_QUOTE));
    /* "..., stated Minister X": a finite form after a comma is no modifier */
    int finite = doc->xpos && doc->xpos[i] && (strcmp(doc->xpos[i], "VBD") == 0 || strcmp(doc->xpos[i], "VBZ") == 0);
    int inverted = finite && i > 0 && is_punct(doc, i - 1, ',');
    if (!after_quote && !phrasal && !inverted && doc->deprel && (rel_is(doc, i, "amod") || rel_is(doc, i, "compound")))
        return 0;
    return 1;
}

static void find_cues(qctx *q) {
    dl_doc *doc = q->doc;
    for (size_t i = 0; i < doc->toks.n; i++) {
        q->cue[i] = -1;
        if (q->quoted[i] || doc->toks.v[i].kind != DL_TOK_WORD) continue;
        size_t len;
        int c = dl_cues_match(q->cues, doc, i, sent_end(doc, i), &len);
        if (c < 0 || !speech_verb(q, i, len, &q->cues->cues.v[c])) continue;
        q->cue[i] = c;
        q->cue_len[i] = (uint8_t)len;
    }
}

static const dl_cue *cue_of(const qctx *q, size_t i) {
    return q->cue[i] >= 0 ? &q->cues->cues.v[q->cue[i]] : NULL;
}

/* ---- speakers ------------------------------------------------------------------ */

static int is_place(const dl_doc *doc, int actor) {
    const char *t = type_of(doc, actor);
    return strcmp(t, "GPE") == 0 || strcmp(t, "LOC") == 0;
}

/* Does the mention at m only modify the noun after it ("Washington-based
 * trade expert", "the Iranian foreign ministry spokesman")? */
static int modifier_mention(const dl_doc *doc, long m) {
    const dl_mention *x = &doc->mentions.v[m];
    size_t after = x->tok0 + x->ntok;
    if (after >= doc->toks.n || doc->toks.v[after].sent != x->sent) return 0;
    const dl_token *t = &doc->toks.v[after];
    if (t->len == 1 && DL_SPAN_PTR(doc, t->off)[0] == '-' && !(t->flags & DL_TF_SPACE)) return 1;
    return upos_is(doc, after, "NOUN") || (doc->upos && upos_is(doc, after, "ADJ") && after + 1 < doc->toks.n &&
                                           upos_is(doc, after + 1, "NOUN"));
}

/* Does the name have word (at least four letters) as one of its words? */
static int name_has_word(const char *name, const char *word) {
    size_t wl = strlen(word);
    for (const char *p = name; *p; p++)
        if ((p == name || p[-1] == ' ') && strncasecmp(p, word, wl) == 0 && (p[wl] == '\0' || p[wl] == ' '))
            return 1;
    return 0;
}

/* An organisation named before token tok with this word in its name ("the
 * agency", "the ministry"): the one most lately the subject of a clause,
 * else the one most lately named (a subject is what a text goes on about:
 * "The Court of Session is the highest civil court.  The only court above
 * it is the Supreme Court.  The court found ..." is the Court of Session);
 * -1 when none. */
static int org_named(const dl_doc *doc, const char *word, size_t tok) {
    if (strlen(word) < 4) return -1;
    int best = -1, best_subj = -1;
    uint32_t best_off = 0, subj_off = 0, off = doc->toks.v[tok].off;
    for (size_t m = 0; m < doc->mentions.n && doc->mentions.v[m].off < off; m++) {
        const dl_mention *x = &doc->mentions.v[m];
        int a = x->actor;
        if (a < 0 || strcmp(type_of(doc, a), "ORG") != 0 || !doc->actors.v[a].name ||
            !name_has_word(doc->actors.v[a].name, word))
            continue;
        if (best < 0 || x->off >= best_off) { best = a; best_off = x->off; }
        /* a name, not a definite noun the actor stage resolved already */
        if (x->kind == DL_MENTION_NAME && dl_actors_is_subject(doc, x) && (best_subj < 0 || x->off >= subj_off)) {
            best_subj = a;
            subj_off = x->off;
        }
    }
    return best_subj >= 0 ? best_subj : best;
}

static const char *const PREPS[] = {"with", "of", "by", "to", "for", "from", "about", "against",
                                    "between", "over", "on", "in", "at", "and", "or", "among", NULL};

/* Is the mention m inside a prepositional phrase: past its determiners,
 * possessives, adjectives and other names, a preposition before it ("of
 * the army's Western Mindanao Command")?  A person named right after
 * another name is the head of the phrase, not in it: "director of Amnesty
 * International Man-kei Tam". */
static int in_pp(const dl_doc *doc, long m, size_t s0) {
    size_t b = doc->mentions.v[m].tok0;
    int person = strcmp(type_of(doc, doc->mentions.v[m].actor), "PER") == 0;
    if (person && b > s0 && mention_at(doc, b - 1) >= 0 && mention_at(doc, b - 1) != m) return 0;
    while (b > s0) {
        const dl_token *t = &doc->toks.v[b - 1];
        if (dl_word_in(t->norm, PREPS)) return 1;
        if (dl_word_in(t->norm, (const char *const[]){"the", "a", "an", "its", "their", "his", "her", "'s", NULL}) ||
            upos_is(doc, b - 1, "ADJ") || mention_at(doc, b - 1) >= 0 ||
            (t->kind == DL_TOK_WORD && (t->flags & DL_TF_CAP) && b - 1 > s0)) {
            b--;
            continue;
        }
        return 0;
    }
    return 0;
}

/* The actor of a noun phrase [lo, hi] that names a speaker: its first
 * actor mention not inside a prepositional phrase (the head comes first:
 * "Arnel dela Vega of the army's ... Command"), else its first mention ("a
 * spokesman for the ministry" is the ministry, "Some of the protesters"
 * the protesters).  Places that only modify a noun ("Washington-based
 * trade expert") and titles without a person are skipped; so are words of
 * a relative or adverbial clause when the parse is known. */
static int np_actor(const qctx *q, size_t lo, size_t hi, long head) {
    const dl_doc *doc = q->doc;
    size_t s0 = sent_start(doc, lo);
    int first = -1, head_np = -1;
    for (size_t k = lo; k <= hi; k++) {
        long x = mention_at(doc, k);
        if (x < 0 || q->quoted[k] || doc->mentions.v[x].tok0 != k) continue;
        int a = doc->mentions.v[x].actor;
        if (a < 0 || (is_place(doc, a) && modifier_mention(doc, x))) continue;
        if (head >= 0 && doc->head) {
            size_t mh = doc->mentions.v[x].tok0 + doc->mentions.v[x].ntok - 1;
            int inner = 0;
            for (size_t d = mh; d != (size_t)head && doc->head[d] >= 0 && !inner; d = (size_t)doc->head[d])
                inner = (rel_is(doc, d, "acl") && !(is_word(doc, d, "named") || is_word(doc, d, "called"))) ||
                        rel_is(doc, d, "advcl");
            if (inner) continue;
        }
        if (!in_pp(doc, x, s0)) {
            /* "Israeli Prime Minister Benjamin Netanyahu": the person, not the country before */
            if (strcmp(type_of(doc, a), "PER") == 0) return a;
            if (head_np < 0) head_np = a;
        }
        if (first < 0) first = a;
    }
    return head_np >= 0 ? head_np : first;
}

/* Words for what someone issued: "a statement from the presidency", "the
 * government statement said". */
static const char *const PAPERS[] = {"statement", "statements", "report", "reports", "letter", "complaint",
                                     "release", "communique", "account", "accounts", "announcement", "filing", "email", "e-mail",
                                     "memo", "summary", "message", NULL};

/* The issuer of a paper that heads a subject: the name or agent word that
 * modifies it ("the ministry statement", "a police report", "the
 * government's statement") or the name it comes from ("an email from
 * Burkhardt & Associates"); -1 when none. */
static int paper_issuer(qctx *q, size_t h) {
    dl_doc *doc = q->doc;
    if (!dl_word_in(doc->toks.v[h].norm, PAPERS)) return -1;
    for (long k = child(doc, h, "nmod"); k >= 0; k = child_after(doc, h, "nmod", k)) {
        long c = child(doc, (size_t)k, "case");
        int a = actor_at(doc, (size_t)k);
        if (c >= 0 && (is_word(doc, (size_t)c, "from") || is_word(doc, (size_t)c, "by")) && a >= 0) return a;
    }
    for (size_t k = sent_start(doc, h); k < h; k++) {
        if (doc->head[k] != (int32_t)h || !(rel_is(doc, k, "compound") || rel_is(doc, k, "nmod:poss"))) continue;
        int a = actor_at(doc, k);
        if (a >= 0) return a;
        if (upos_is(doc, k, "NOUN")) {
            size_t t0 = k;
            while (t0 > 0 && doc->head[t0 - 1] == (int32_t)k && rel_is(doc, t0 - 1, "det")) t0--;
            /* "the court's summary": the court named before */
            if (is_word(doc, t0, "the") && (a = org_named(doc, doc->toks.v[k].norm, k)) >= 0) return a;
            a = dl_actors_add_speaker(q->eng, doc, t0, k + 1, k);
            if (a >= 0) return a;
        }
    }
    return -1;
}

static const char *const SPOKES[] = {"spokesman", "spokeswoman", "spokesperson", "spokespeople",
                                     "spokesmen", "representative", NULL};

/* The organisation that was the subject of a clause in the two sentences
 * before token h ("The task force released a statement. A spokesperson
 * told ..."), or -1. */
static int org_just_named(const dl_doc *doc, size_t h) {
    uint32_t sent = doc->toks.v[h].sent;
    for (size_t m = doc->mentions.n; m-- > 0;) {
        const dl_mention *x = &doc->mentions.v[m];
        if (x->sent >= sent) continue;
        if (x->sent + 2 < sent) break;
        size_t last = x->tok0 + x->ntok - 1;
        if (x->actor >= 0 && strcmp(type_of(doc, x->actor), "ORG") == 0 && rel_is(doc, last, "nsubj"))
            return x->actor;
    }
    return -1;
}

/* "a ministry spokesman": an unnamed spokesperson is the organisation he
 * speaks for, when one named before has the word before him in its name;
 * -1 when none. */
static int spokesman_body(const qctx *q, size_t lo, size_t h) {
    const dl_doc *doc = q->doc;
    if (h == 0 || h - 1 < lo || !dl_word_in(doc->toks.v[h].norm, SPOKES)) return -1;
    if (!upos_is(doc, h - 1, "NOUN") && !upos_is(doc, h - 1, "PROPN")) return -1;
    return org_named(doc, doc->toks.v[h - 1].norm, h);
}

/* The actor a parse subject (head h) names: the mention covering h, or one
 * inside the subject (np_actor); else an organisation the head word names
 * ("the agency"); else a new actor for an agent noun ("a source close to
 * the talks", "one Washington-based trade expert"). */
static int resolve_subject(qctx *q, size_t h, size_t *w0, size_t *w1) {
    dl_doc *doc = q->doc;
    size_t lo, hi;
    subtree(doc, h, &lo, &hi);
    *w0 = lo;
    *w1 = hi + 1;
    long m = mention_at(doc, h);
    if (m >= 0) {
        int a = doc->mentions.v[m].actor;
        if (a >= 0 && !(is_place(doc, a) && modifier_mention(doc, m))) return a;
        if (doc->mentions.v[m].kind == DL_MENTION_PRONOUN) return a;
    }
    int a = np_actor(q, lo, hi, (long)h);
    if (a >= 0) return a;
    if ((a = paper_issuer(q, h)) >= 0) return a;
    if (upos_is(doc, h, "NOUN") || upos_is(doc, h, "PROPN")) {
        if (is_word(doc, lo, "the") || is_word(doc, lo, "its") || is_word(doc, lo, "their")) {
            a = org_named(doc, doc->toks.v[h].norm, h);
            if (a >= 0) return a;
            /* "the ministry" with nothing named before refers to someone unknown */
            const char *w = doc->toks.v[h].norm;
            if (!upos_is(doc, h, "PROPN") && w[strlen(w) - 1] != 's') return -1;
        }
        /* "A spokesperson told ...": the organisation just named speaks */
        if (hi == h && lo + 1 == h && dl_word_in(doc->toks.v[h].norm, SPOKES)) {
            a = org_just_named(doc, h);
            if (a >= 0) return a;
        }
        /* a speaker with no actor yet: "a Senate aide", "one trade expert",
         * "a source close to the talks" */
        if ((a = spokesman_body(q, lo, h)) >= 0) return a;
        size_t end = h + 1;
        if (end <= hi && (is_word(doc, end, "close") || is_word(doc, end, "familiar")))
            while (end <= hi && !q->quoted[end] && !is_punct(doc, end, ',')) end++;
        return dl_actors_add_speaker(q->eng, doc, lo, end, h);
    }
    return -1;
}

/* The subject of verb v in the parse, climbing to the verb it continues
 * ("called ... and said", "..., saying"); relative pronouns stand for the
 * noun their clause modifies ("the IRGC, which declared").  -1 when none. */
static long subject_of(const dl_doc *doc, size_t v) {
    if (!doc->head) return -1;
    for (int climb = 0; climb < 3; climb++) {
        long s = child(doc, v, "nsubj");
        if (s >= 0 && !rel_is(doc, (size_t)s, "nsubj:pass")) {
            if (dl_word_in(doc->toks.v[s].norm, (const char *const[]){"which", "who", "that", NULL}) &&
                rel_is(doc, v, "acl") && doc->head[v] >= 0)
                return doc->head[v];
            return s;
        }
        if (doc->head[v] < 0) return -1;
        /* "X released a statement saying ...": the one who issued the paper */
        size_t h = (size_t)doc->head[v];
        if (rel_is(doc, v, "acl") && dl_word_in(doc->toks.v[h].norm, PAPERS) && rel_is(doc, h, "obj") &&
            doc->head[h] >= 0) {
            v = (size_t)doc->head[h];
            continue;
        }
        if (!(rel_is(doc, v, "conj") || rel_is(doc, v, "advcl") || rel_is(doc, v, "xcomp") ||
              rel_is(doc, v, "parataxis")))
            return -1;
        v = h;
    }
    return -1;
}

/* The person a speaker noun ending before j is introduced by: "a
 * protester named Katya", "a protester using the pseudonym Katya". */
static int introduced_name(const dl_doc *doc, size_t j) {
    if (j >= doc->toks.n) return -1;   /* the noun ends the text */
    size_t e = sent_end(doc, j);
    for (size_t k = j; k < e && k < j + 4; k++) {
        if (!(is_word(doc, k, "named") || is_word(doc, k, "called") || is_word(doc, k, "pseudonym"))) continue;
        int a = k + 1 < e ? actor_at(doc, k + 1) : -1;
        return a >= 0 && strcmp(type_of(doc, a), "PER") == 0 ? a : -1;
    }
    return -1;
}

/* By word order: the noun phrase before cue c, back to a verb, a clause
 * mark or punctuation, past a parenthetical (", the Leader of ..., said")
 * and a few adverbs ("also", "has"); its actor (np_actor), or a name in
 * the parenthetical ("The Senate Minority Leader, Chuck Schumer, said").
 * Without one, a name right after the cue ("said Khamenei"), unless the
 * cue takes an addressee ("told AFP"). */
static int speaker_by_order(qctx *q, size_t c) {
    static const char *const between[] = {"also", "has", "have", "had", "later", "then", "again", "previously",
                                          "further", "separately", "reportedly", "publicly", "once", NULL};
    const dl_doc *doc = q->doc;
    size_t s0 = sent_start(doc, c), i = c;
    /* "X pointed to the talks, saying ...": the subject of the sentence's verb */
    size_t nl = strlen(doc->toks.v[c].norm);
    if (c > s0 + 2 && is_punct(doc, c - 1, ',') && nl > 4 && strcmp(doc->toks.v[c].norm + nl - 3, "ing") == 0) {
        size_t v = s0;
        while (v < c && !(upos_is(doc, v, "VERB") && mention_at(doc, v) < 0) && !q->quoted[v]) v++;
        if (v > s0 && v < c) {
            int a = np_actor(q, s0, v - 1, -1);
            if (a >= 0) return a;
        }
    }
    while (i > s0 && dl_word_in(doc->toks.v[i - 1].norm, between)) i--;
    int paren = -1, relative = 0;
    if (i > s0 + 1 && is_punct(doc, i - 1, ',')) {
        size_t p = i - 1;
        while (p > s0 && !is_punct(doc, p - 1, ',') && !q->quoted[p - 1]) p--;
        if (p > s0 && is_punct(doc, p - 1, ',')) {
            paren = np_actor(q, p, i - 2, -1);
            if (paren >= 0 && strcmp(type_of(doc, paren), "PER") != 0) paren = -1;
            /* "Israeli settlers, who form part of Netanyahu's constituency, said" */
            relative = dl_word_in(doc->toks.v[p].norm, (const char *const[]){"who", "which", "whose", NULL});
            if (relative) paren = -1;
            i = p - 1;
        } else {
            i--;
        }
    }
    size_t k = i;
    while (k > s0) {
        const dl_token *t = &doc->toks.v[k - 1];
        if (q->quoted[k - 1] || t->kind == DL_TOK_QUOTE) break;
        if (t->kind == DL_TOK_PUNCT && !(t->len == 1 && DL_SPAN_PTR(doc, t->off)[0] == '-') &&
            !dl_tok_is(doc, k - 1, "'s") && mention_at(doc, k - 1) < 0)
            break;
        if ((upos_is(doc, k - 1, "VERB") || upos_is(doc, k - 1, "AUX") || upos_is(doc, k - 1, "SCONJ")) &&
            mention_at(doc, k - 1) < 0)
            break;
        if (dl_word_in(t->norm, (const char *const[]){"that", "but", "while", "when", "as", NULL})) break;
        k--;
    }
    int a = k < i ? np_actor(q, k, i - 1, -1) : -1;
    if (a >= 0 && strcmp(type_of(doc, a), "PER") == 0) return a;
    if (paren >= 0) return paren;
    if (a >= 0) return a;
    /* the same, with no actor named: a group of people ("Farmers, who ..., said") */
    if (relative && k < i && upos_is(doc, i - 1, "NOUN")) {
        a = dl_actors_add_speaker(q->eng, q->doc, k, i, i - 1);
        if (a >= 0) return a;
    }
    const dl_cue *cue = cue_of(q, c);
    if (cue && cue->frame == DL_FRAME_TELL) return -1;
    /* a speaker after the cue only in an inverted attribution ('"...," said X',
     * '..., stated X'); "reported that President Trump's ..." is content */
    int inverted = !relative && c > s0 && (doc->toks.v[c - 1].kind == DL_TOK_QUOTE || is_punct(doc, c - 1, ',') ||
                              (c > s0 + 1 && is_punct(doc, c - 1, ',') && doc->toks.v[c - 2].kind == DL_TOK_QUOTE));
    if (!inverted) return -1;
    size_t e = sent_end(doc, c);
    for (size_t j = c + q->cue_len[c]; j < e && j < c + q->cue_len[c] + 4; j++) {
        if (q->quoted[j]) break;
        int x = actor_at(doc, j);
        if (x >= 0 && !is_place(doc, x)) return x;
    }
    /* '"...," said one resident, who ...': a speaker noun after the cue */
    size_t j0 = c + q->cue_len[c], j = j0;
    while (j < e && j < j0 + 5 && doc->toks.v[j].kind == DL_TOK_WORD && !q->quoted[j] &&
           !(doc->toks.v[j].flags & DL_TF_CAP) && !is_word(doc, j, "who") && !is_word(doc, j, "that") &&
           !upos_is(doc, j, "VERB") && !upos_is(doc, j, "ADP"))
        j++;
    if (j > j0 && j < e && upos_is(doc, j - 1, "NOUN")) {
        int named = introduced_name(doc, j);
        if (named >= 0) return named;
    }
    if (j > j0 && (j == e || doc->toks.v[j].kind == DL_TOK_PUNCT || is_word(doc, j, "who")) &&
        upos_is(doc, j - 1, "NOUN"))
        return dl_actors_add_speaker(q->eng, q->doc, j0, j, j - 1);
    return -1;
}

/* Does the phrase at t follow "to" or "with" ("Speaking to Agence
 * France-Presse, the president ... said")?  A parse that makes it the
 * subject has taken the one spoken to for the speaker. */
static int addressee(const dl_doc *doc, size_t t) {
    long m = mention_at(doc, t);
    size_t t0 = m >= 0 ? doc->mentions.v[m].tok0 : t;
    if (m < 0 && t > 0 && is_word(doc, t - 1, "the")) t0 = t - 1;
    return t0 > sent_start(doc, t) && (is_word(doc, t0 - 1, "to") || is_word(doc, t0 - 1, "with"));
}

/* "Bolivia's public defender's office said", "Austria's interior minister
 * said": the noun phrase before cue c is a body or an official that a name
 * only owns, and the phrase is the speaker (an actor when its head is an
 * agent word, else *text).  A spokesman is folded into the one he speaks
 * for ("Netanyahu's spokesman said" is Netanyahu's).  The phrase starts
 * after s0 (the sentence's start, or the comma of a trailing attribution).
 * 0 when the phrase is not of that form. */
static int possessed_speaker(qctx *q, size_t c, size_t s0, int *actor, char **text) {
    dl_doc *doc = q->doc;
    size_t h = c;
    long subj = subject_of(doc, c);
    if (subj >= 0 && (size_t)subj < c && (size_t)subj > s0 + 1) {
        h = (size_t)subj;   /* "... office said X, but added Y": the subject of both */
    } else {
        while (h > s0 && dl_word_in(doc->toks.v[h - 1].norm, (const char *const[]){"also", "has", "have", "had", NULL}))
            h--;
        if (h <= s0 + 2) return 0;
        h--;
    }
    if (!upos_is(doc, h, "NOUN") || mention_at(doc, h) >= 0 || q->quoted[h] ||
        dl_word_in(doc->toks.v[h].norm, SPOKES) || dl_word_in(doc->toks.v[h].norm, PAPERS))
        return 0;
    size_t k = h;
    while (k > s0 && !q->quoted[k - 1] && mention_at(doc, k - 1) < 0 &&
           (upos_is(doc, k - 1, "NOUN") || upos_is(doc, k - 1, "ADJ") || dl_tok_is(doc, k - 1, "'s")))
        k--;
    if (k == h || !dl_tok_is(doc, k, "'s") || k == s0) return 0;
    long m = mention_at(doc, k - 1);
    if (m < 0 || doc->mentions.v[m].kind == DL_MENTION_PRONOUN) return 0;
    size_t t0 = doc->mentions.v[m].tok0;
    *actor = dl_actors_add_speaker(q->eng, doc, t0, h + 1, h);
    if (*actor < 0) {
        const dl_token *a = &doc->toks.v[t0], *b = &doc->toks.v[h];
        *text = dl_arena_strndup(&doc->arena, DL_SPAN_PTR(doc, a->off), b->off + b->len - a->off);
    }
    return 1;
}

/* "The three-judge court found ...": the actor stage took a definite noun
 * for the organisation with that word last named; a speaker is the one
 * last named as a subject (org_named).  Other mentions keep actor a. */
static int definite_referent(const qctx *q, long m, int a) {
    const dl_doc *doc = q->doc;
    const dl_mention *x = &doc->mentions.v[m];
    if (x->kind != DL_MENTION_AGENT || x->tok0 == 0 || !is_word(doc, x->tok0 - 1, "the") ||
        strcmp(type_of(doc, a), "ORG") != 0)
        return a;
    int b = org_named(doc, doc->toks.v[x->tok0 + x->ntok - 1].norm, x->tok0);
    return b >= 0 ? b : a;
}

/* The speaker of cue c: an actor, or -1 (and *text the words that name it).
 * The parse's subject wins when a name covers its head; else the speaker by
 * word order; else whatever the parse's subject names. */
static int speaker_of(qctx *q, size_t c, char **text) {
    dl_doc *doc = q->doc;
    *text = NULL;
    /* "Reuters quoted a police chief as saying": the one quoted */
    size_t s0 = sent_start(doc, c);
    if (c > s0 + 2 && is_word(doc, c - 1, "as")) {
        for (size_t k = c - 1; k-- > s0 && k + 24 > c;) {
            if (!dl_word_in(doc->toks.v[k].norm, (const char *const[]){"quoted", "quotes", "quoting", "cited",
                                                                        "cites", "citing", NULL}))
                continue;
            int a = np_actor(q, k + 1, c - 2, -1);
            if (a >= 0) return a;
            /* 'quotes a "Senate aide" as saying': the words inside the marks */
            size_t h = c - 2, t0 = k + 1;
            while (h > t0 && doc->toks.v[h].kind == DL_TOK_QUOTE) h--;
            while (t0 < h && (doc->toks.v[t0].kind == DL_TOK_QUOTE || upos_is(doc, t0, "DET"))) t0++;
            if (upos_is(doc, h, "NOUN")) return dl_actors_add_speaker(q->eng, doc, t0, h + 1, h);
            break;
        }
    }
    long s = subject_of(doc, c);
    if (s >= 0 && q->quoted[s]) s = -1;
    if (s >= 0 && addressee(doc, (size_t)s)) s = -1;
    if (s >= 0) {
        long m = mention_at(doc, (size_t)s);
        if (m >= 0 && doc->mentions.v[m].kind == DL_MENTION_PRONOUN) return doc->mentions.v[m].actor;
        int a = m >= 0 ? doc->mentions.v[m].actor : -1;
        if (a >= 0) a = definite_referent(q, m, a);
        /* a subject inside "of the army's ... Command" is a misparse of the
         * phrase's head: word order decides */
        if (a >= 0 && !(is_place(doc, a) && modifier_mention(doc, m)) && !in_pp(doc, m, s0)) {
            /* "AARP Policy Director John Rother concedes": the person that
             * ends the subject's phrase heads it */
            int p = c > s0 ? actor_at(doc, c - 1) : -1;
            if (strcmp(type_of(doc, a), "PER") != 0 && p >= 0 && strcmp(type_of(doc, p), "PER") == 0 &&
                under(doc, c - 1, (size_t)s))
                return p;
            return a;
        }
    }
    int a = -1;
    if (possessed_speaker(q, c, sent_start(doc, c), &a, text)) return a;
    a = speaker_by_order(q, c);
    if (a >= 0) return a;
    if (s >= 0) {
        size_t w0, w1;
        a = resolve_subject(q, (size_t)s, &w0, &w1);
        if (a >= 0) return a;
        /* "The statement, which was obtained by Variety,": the phrase, not its clause */
        for (size_t k = (size_t)s + 1; k < w1; k++)
            if (is_punct(doc, k, ',')) w1 = k;
        if (w1 > w0 && w1 - w0 <= 10) {
            const dl_token *a0 = &doc->toks.v[w0], *b0 = &doc->toks.v[w1 - 1];
            *text = dl_arena_strndup(&doc->arena, DL_SPAN_PTR(doc, a0->off), b0->off + b0->len - a0->off);
        }
    }
    return -1;
}

/* ---- quote records ---------------------------------------------------------- */

static dl_quote *new_quote(dl_doc *doc, int direct, size_t t0, size_t t1) {
    dl_quote *qt = DL_VEC_PUSH(&doc->quotes);
    if (!qt) return NULL;
    const dl_token *a = &doc->toks.v[t0], *b = &doc->toks.v[t1 - 1];
    qt->direct = (uint8_t)direct;
    qt->speaker = -1;
    qt->off = a->off;
    qt->len = b->off + b->len - a->off;
    qt->sent = a->sent;
    return qt;
}

/* A reported quote over tokens [t0, t1), its text as written. */
static dl_quote *reported_quote(dl_doc *doc, size_t t0, size_t t1) {
    dl_quote *qt = new_quote(doc, 0, t0, t1);
    if (qt) qt->text = dl_arena_strndup(&doc->arena, DL_SPAN_PTR(doc, qt->off), qt->len);
    return qt;
}

static void set_cue(qctx *q, dl_quote *qt, size_t c) {
    dl_doc *doc = q->doc;
    const dl_token *a = &doc->toks.v[c], *b = &doc->toks.v[c + (q->cue_len[c] ? q->cue_len[c] : 1) - 1];
    qt->cue = dl_arena_strndup(&doc->arena, DL_SPAN_PTR(doc, a->off), b->off + b->len - a->off);
    qt->cue_off = a->off;
}

/* The one word of verb v as the quote's cue: a verb that introduces a
 * quotation without being a cue of the lexicon ('X rejected this argument:
 * "..."', 'X thanked "..."'). */
static void verb_as_cue(dl_doc *doc, dl_quote *qt, size_t v) {
    const dl_token *t = &doc->toks.v[v];
    qt->cue = dl_arena_strndup(&doc->arena, DL_SPAN_PTR(doc, t->off), t->len);
    qt->cue_off = t->off;
}

static void attribute(qctx *q, dl_quote *qt, size_t c) {
    set_cue(q, qt, c);
    char *text = NULL;
    qt->speaker = speaker_of(q, c, &text);
    if (qt->speaker < 0) qt->speaker_text = text;
    q->taken[c] = 1;
}

/* ---- direct quotations ----------------------------------------------------------- */

static int worth_quoting(const dl_doc *doc, size_t open, size_t close) {
    size_t words = 0;
    for (size_t i = open + 1; i < close; i++) words += doc->toks.v[i].kind == DL_TOK_WORD;
    if (words >= 6) return 1;
    const dl_token *last = &doc->toks.v[close - 1];
    char c = DL_SPAN_PTR(doc, last->off)[0];
    return words >= 2 && last->kind == DL_TOK_PUNCT && (c == ',' || c == '.' || c == '?' || c == '!');
}

/* The text inside the marks, paragraph breaks as spaces. */
static char *inner_text(const dl_doc *doc, size_t open, size_t close) {
    dl_strbuf b;
    dl_strbuf_init(&b);
    size_t last = 0;
    for (size_t k = open + 1; k < close; k++) {
        const dl_token *t = &doc->toks.v[k];
        if (t->kind == DL_TOK_QUOTE) continue;
        if (b.len && t->off > last) dl_strbuf_addc(&b, ' ');
        dl_strbuf_add(&b, DL_SPAN_PTR(doc, t->off), t->len);
        last = t->off + t->len;
    }
    char *s = dl_arena_strndup((dl_arena *)&doc->arena, b.s ? b.s : "", b.len);
    dl_strbuf_release(&b);
    return s;
}

/* The cue of an attribution after a closing mark: '..., he said', 'said
 * Khamenei', 'Rashid added on Monday'.  It must follow at once (past a
 * comma) in the quote's sentence, or open the next one in lower case
 * ('"...." he said.'); a new sentence naming someone before a cue and a new
 * quotation attributes that quotation instead.  Returns 0 when none. */
static size_t attribution_after(const qctx *q, size_t close) {
    const dl_doc *doc = q->doc;
    if (close >= doc->toks.n || doc->toks.v[close].kind != DL_TOK_QUOTE || (doc->toks.v[close].flags & DL_TF_PARA))
        return 0;   /* a quotation running on into the next paragraph */
    size_t i = close + 1;
    if (i >= doc->toks.n) return 0;
    if (is_punct(doc, i, ',')) i++;
    if (i >= doc->toks.n) return 0;
    size_t end = sent_end(doc, i);
    int new_sent = doc->toks.v[i].sent != doc->toks.v[close].sent;
    if (new_sent && (doc->toks.v[i].flags & DL_TF_PARA)) return 0;
    for (size_t k = i; k < end && k < i + 16; k++) {   /* long titles: "Hong Kong director of ... Man-kei Tam said" */
        if (doc->toks.v[k].kind == DL_TOK_QUOTE || q->quoted[k]) return 0;
        /* 'quotes a "Senate aide" as saying: ...': the one quoted, not a quotation's attribution */
        if (q->cue[k] >= 0 && k > i && is_word(doc, k - 1, "as")) return 0;
        if (q->cue[k] >= 0) {
            /* "Nancy Pelosi, the Speaker, said "..."": the next quotation's */
            for (size_t j = k + 1; j < end && j < k + 6; j++)
                if (doc->toks.v[j].kind == DL_TOK_QUOTE && (doc->toks.v[j].flags & DL_TF_QOPEN) && new_sent) return 0;
            if (new_sent && k > i && (doc->toks.v[i].flags & DL_TF_CAP) && mention_at(doc, i) >= 0 &&
                doc->mentions.v[mention_at(doc, i)].kind != DL_MENTION_PRONOUN)
                return 0;
            /* in a sentence of its own the attribution says nothing more:
             * 'He also claimed that ...' is a statement of its own */
            if (new_sent) {
                size_t r = k + q->cue_len[k];
                while (r < end && doc->toks.v[r].kind == DL_TOK_WORD && !is_word(doc, r, "that") &&
                       !upos_is(doc, r, "VERB") && r < k + 6)
                    r++;
                if (r < end - 1) return 0;
            }
            return k;
        }
        if (is_punct(doc, k, '.') || is_punct(doc, k, ';')) return 0;
    }
    return 0;
}

/* The cue of an attribution before an opening mark in its sentence: 'X
 * said: "..."', 'X told reporters, "..."'. */
static size_t attribution_before(const qctx *q, size_t open) {
    const dl_doc *doc = q->doc;
    size_t s0 = sent_start(doc, open);
    for (size_t k = open; k-- > s0 && k + 16 > open;) {
        if (q->quoted[k]) return 0;
        if (q->cue[k] >= 0 && !q->taken[k]) return k;
    }
    return 0;
}

/* Is the quotation at open part of a reported clause ('said the plan was
 * "dead"')?  Words of the clause stand between the cue and the mark. */
static int inside_clause(const qctx *q, size_t open, size_t cue) {
    const dl_doc *doc = q->doc;
    const dl_cue *c = cue_of(q, cue);
    if (!c || c->frame == DL_FRAME_ACCORDING) return 0;
    size_t k = cue + q->cue_len[cue];
    if (c->frame == DL_FRAME_LABEL || c->frame == DL_FRAME_OBJECT) return k < open;
    /* time words, the addressee and "that" do not count */
    static const char *const skip[] = {"on", "in", "at", "that", "to", "reporters", "journalists",
                                       "the", "a", "press", "media", "friday", "monday", "tuesday",
                                       "wednesday", "thursday", "saturday", "sunday", "yesterday",
                                       "today", "earlier", "later", "this", "week", "statement",
                                       "interview", "conference", "news", "briefing", NULL};
    /* 'said via Twitter: "..."', 'said, "..."': the quotation is what was said */
    if (open > 0 && (is_punct(doc, open - 1, ':') || is_punct(doc, open - 1, ','))) return 0;
    int words = 0, verb = !doc->upos;
    for (; k < open; k++) {
        const dl_token *t = &doc->toks.v[k];
        if (t->kind == DL_TOK_PUNCT) continue;
        if (!dl_word_in(t->norm, skip) && mention_at(doc, k) < 0) words++;
        verb |= upos_is(doc, k, "VERB") || upos_is(doc, k, "AUX");
    }
    /* a clause of the reporter's own words: 'said the United States is "..."' */
    if (!verb) return 0;
    if (c->frame == DL_FRAME_TELL) return words > 1;
    return words > 0;
}

#define PENDING (-2)

/* A quotation without attribution continues the speaker of the quote just
 * before it, in its paragraph or the one before; quotes are in text order. */
static void continuations(dl_doc *doc) {
    for (size_t i = 0; i < doc->quotes.n; i++) {
        dl_quote *x = &doc->quotes.v[i];
        if (x->speaker != PENDING) continue;
        x->speaker = -1;
        if (i == 0) continue;
        const dl_quote *prev = &doc->quotes.v[i - 1];
        uint32_t para = doc->sents.v[x->sent].para, pp = doc->sents.v[prev->sent].para;
        if (pp == para || pp + 1 == para) {
            x->speaker = prev->speaker;
            x->speaker_text = prev->speaker_text;
        }
    }
}

/* Is quoted token j inside a quotation of three words or fewer, a label or
 * scare quote ('justified the strike as "defensive"')? */
static int in_short_quotation(const qctx *q, size_t j) {
    const dl_doc *doc = q->doc;
    size_t a = j, b = j, words = 0;
    while (a > 0 && q->quoted[a - 1]) a--;
    while (b + 1 < doc->toks.n && q->quoted[b + 1]) b++;
    for (size_t k = a; k <= b; k++) words += doc->toks.v[k].kind == DL_TOK_WORD;
    return words <= 3;
}

/* The verb of the clause that a colon before a quotation ends: the last
 * verb before it in the sentence, outside quotations (a scare quote in the
 * clause is part of it); 0 when none. */
static size_t colon_verb(const qctx *q, size_t colon) {
    const dl_doc *doc = q->doc;
    if (!doc->upos) return 0;
    size_t s0 = sent_start(doc, colon);
    /* the sentence's main verb, past a relative clause ("the ministry
     * justified the strike, which was approved by X, as defensive: ...") */
    for (size_t k = s0; k < colon && doc->head; k++)
        if (doc->head[k] < 0 && upos_is(doc, k, "VERB") && !q->quoted[k] && mention_at(doc, k) < 0) {
            int inside = 0;
            for (size_t j = k + 1; j < colon; j++) inside |= q->quoted[j] && !in_short_quotation(q, j);
            if (!inside && subject_of(doc, k) >= 0) return k;
        }
    for (size_t k = colon; k-- > s0;) {
        if (q->quoted[k] && !in_short_quotation(q, k)) return 0;
        if (q->quoted[k]) continue;
        /* not the verb of a relative clause ("the strike, which was approved by X,") */
        if (upos_is(doc, k, "VERB") && mention_at(doc, k) < 0 && !rel_is(doc, k, "acl")) return k;
    }
    return 0;
}

/* The verb before the opening mark that the quotation depends on, when it
 * has a subject ('X thanked "the police ..."', 'X called it "a witch
 * hunt"'); 0 when none. */
static size_t governing_verb(const qctx *q, size_t open, size_t close) {
    const dl_doc *doc = q->doc;
    if (!doc->head || !doc->upos) return 0;
    size_t s0 = sent_start(doc, open);
    for (size_t k = open + 1; k < close; k++) {
        long h = doc->head[k];
        if (h < 0 || ((size_t)h > open && (size_t)h < close)) continue;
        if ((size_t)h >= open || (size_t)h < s0 || q->quoted[h] || !upos_is(doc, (size_t)h, "VERB")) return 0;
        long s = subject_of(doc, (size_t)h);
        if (s < 0 || q->quoted[s] || (size_t)s >= open) return 0;
        return (size_t)h;
    }
    return 0;
}

/* Quotations in text order, one per paragraph: a quotation that runs on
 * into the next paragraph (reopened there) is read as one quote per
 * paragraph, the later ones continuing the first. */
typedef struct {
    size_t pos;          /* for dl_quote_span_next */
    dl_qspan rest;       /* what is left of a span cut at a paragraph */
    int have_rest;
} pieces;

static int next_piece(const dl_doc *doc, pieces *it, dl_qspan *out) {
    dl_qspan sp;
    if (it->have_rest) {
        sp = it->rest;
        it->have_rest = 0;
    } else if (!dl_quote_span_next(doc, &it->pos, &sp)) {
        return 0;
    }
    for (size_t k = sp.open + 1; k < sp.close; k++)
        if ((doc->toks.v[k].flags & DL_TF_PARA) && doc->toks.v[k].kind == DL_TOK_QUOTE) {
            it->rest = (dl_qspan){k, sp.close};
            it->have_rest = 1;
            sp.close = k;
            break;
        }
    *out = sp;
    return 1;
}

/* 'The administration has "corrected an historic injustice", Netanyahu
 * said.': a quotation inside a clause that the attribution after it
 * reports is a mixed quote, the whole clause reported speech.  Makes it and
 * returns 1; 0 when the quotation opens its sentence or follows a colon. */
static int mixed_before_attribution(qctx *q, size_t open, size_t close, size_t cue) {
    dl_doc *doc = q->doc;
    size_t s0 = sent_start(doc, open);
    if (open < s0 + 2 || doc->toks.v[open - 1].kind != DL_TOK_WORD || close >= doc->toks.n ||
        doc->toks.v[cue].sent != doc->toks.v[open].sent)
        return 0;
    for (size_t k = s0; k < open; k++)
        if (q->taken[k] || q->quoted[k] || q->cue[k] >= 0) return 0;
    /* 'X suffered "two deep wounds" in the attack according to Y': the
     * clause up to the cue, and its source, are according_to's */
    if (cue_of(q, cue)->frame == DL_FRAME_ACCORDING) return 1;
    dl_quote *qt = reported_quote(doc, s0, close + 1);
    if (!qt) return 1;
    attribute(q, qt, cue);
    for (size_t k = s0; k <= close; k++) q->taken[k] = 1;
    return 1;
}

static void direct_quotes(qctx *q) {
    dl_doc *doc = q->doc;
    pieces it = {0};
    dl_qspan sp, next;
    int have_next = next_piece(doc, &it, &next);
    while (have_next) {
        sp = next;
        have_next = next_piece(doc, &it, &next);
        size_t open = sp.open, close = sp.close;
        size_t before = attribution_before(q, open);
        size_t cue = close < doc->toks.n ? attribution_after(q, close) : 0;
        /* 'X said, "...", adding that ...': a cue after the quotation with a
         * clause of its own is a statement of its own, not the attribution */
        if (cue && before && cue + q->cue_len[cue] < sent_end(doc, cue) && is_word(doc, cue + q->cue_len[cue], "that"))
            cue = 0;
        if (cue && !before && mixed_before_attribution(q, open, close, cue)) continue;
        if (!worth_quoting(doc, open, close)) continue;
        if (before && inside_clause(q, open, before)) continue;   /* a mixed quote: reported speech */
        if (!cue) cue = before;
        dl_quote *qt = new_quote(doc, 1, open + 1, close > open + 1 ? close : open + 2);
        if (!qt) return;
        qt->text = inner_text(doc, open, close);
        for (size_t k = open; k <= close && k < doc->toks.n; k++) q->taken[k] = 1;
        if (cue) {
            attribute(q, qt, cue);
            /* '"...," he said, "...": the second piece, the same speaker */
            if (have_next && cue > close && next.open > cue && next.open <= cue + q->cue_len[cue] + 5 &&
                doc->toks.v[next.open].sent == doc->toks.v[cue].sent && worth_quoting(doc, next.open, next.close)) {
                int spk = doc->quotes.v[doc->quotes.n - 1].speaker;
                char *spk_text = doc->quotes.v[doc->quotes.n - 1].speaker_text;
                dl_quote *q2 = new_quote(doc, 1, next.open + 1, next.close > next.open + 1 ? next.close : next.open + 2);
                if (!q2) return;
                q2->text = inner_text(doc, next.open, next.close);
                q2->speaker = spk;
                q2->speaker_text = spk_text;
                for (size_t k = next.open; k <= next.close && k < doc->toks.n; k++) q->taken[k] = 1;
                have_next = next_piece(doc, &it, &next);
            }
        } else if (open > 1 && is_punct(doc, open - 1, ':') && actor_at(doc, open - 2) >= 0 &&
                   !is_place(doc, actor_at(doc, open - 2))) {
            /* 'Secretary of the Air Force James Roche: "..."' (emails, transcripts, posts) */
            qt->speaker = actor_at(doc, open - 2);
        } else if (open > 1 && is_punct(doc, open - 1, ':') && (cue = colon_verb(q, open - 1))) {
            /* 'The judge rejected this argument: "..."', 'In his message, he
             * praised him: "..."': the clause before the colon introduces it */
            char *text = NULL;
            qt->speaker = speaker_of(q, cue, &text);
            qt->speaker_text = text;
            verb_as_cue(doc, qt, cue);
            if (qt->speaker < 0 && !text) qt->speaker = PENDING;
        } else if ((cue = governing_verb(q, open, close))) {
            /* 'The mayor, Sadiq Khan, thanked "the police ..."': the quotation
             * is what the subject of its verb said */
            char *text = NULL;
            int a = speaker_of(q, cue, &text);
            qt->speaker = a >= 0 && !is_place(doc, a) ? a : PENDING;
            if (qt->speaker >= 0) verb_as_cue(doc, qt, cue);
        } else {
            qt->speaker = PENDING;   /* continues the speaker before it (continuations) */
        }
    }
}

/* ---- reported speech ------------------------------------------------------------ */

/* Trims trailing punctuation, except a closing mark whose opener is inside. */
static size_t trim_end(const dl_doc *doc, size_t c0, size_t c1) {
    while (c1 > c0) {
        const dl_token *t = &doc->toks.v[c1 - 1];
        if (t->kind == DL_TOK_QUOTE && (t->flags & DL_TF_QCLOSE)) {
            int opened = 0;
            for (size_t k = c0; k < c1 - 1; k++) opened ^= doc->toks.v[k].kind == DL_TOK_QUOTE;
            if (opened) break;
        }
        if (t->kind != DL_TOK_PUNCT && t->kind != DL_TOK_QUOTE) break;
        c1--;
    }
    return c1;
}

static size_t content_start(const qctx *q, size_t c, size_t end);
static int clause_starts(const dl_doc *doc, size_t i, size_t end);
static const char *const MODAL_WORDS[] = {"may", "might", "can", "could", "will", "would", "should", "must",
                                          "shall", NULL};

/* The end of reported content that starts at c0: the sentence end, before
 * ", according to ..." and before a trailing ", he said". */
static size_t content_end(const qctx *q, size_t c0, size_t end) {
    const dl_doc *doc = q->doc;
    for (size_t k = c0; k < end; k++) {
        /* "... "lousy" and said he would ...", "... and several said ...", "...,
         * but added ...": the next statement begins ("he can and may declare
         * an emergency" is one) */
        if ((is_word(doc, k, "and") || is_word(doc, k, "but")) && k > c0 && !q->quoted[k] &&
            !(k + 1 < end && dl_word_in(doc->toks.v[k + 1].norm, MODAL_WORDS))) {
            for (size_t j = k + 1; j < end && j < k + 4; j++)
                if (q->cue[j] >= 0 && !q->quoted[j] && cue_of(q, j)->frame != DL_FRAME_ACCORDING &&
                    content_start(q, j, end))
                    return trim_end(doc, c0, k);
        }
        /* "..., while the Arab League ...", "..., having been annexed ...": the
         * statement ends, another begins */
        static const char *const turn[] = {"while", "whereas", "although", "though", "having", "citing", NULL};
        if (is_punct(doc, k, ',') && k > c0 + 2 && k + 1 < end && !q->quoted[k] &&
            dl_word_in(doc->toks.v[k + 1].norm, turn))
            return trim_end(doc, c0, k);
        /* "..., but Democrats also plan ...": a clause with its own subject is
         * the writer's ("..., but failed to do so" goes on) */
        if (is_punct(doc, k, ',') && k > c0 + 2 && k + 2 < end && !q->quoted[k] && is_word(doc, k + 1, "but") &&
            clause_starts(doc, k + 2, end))
            return trim_end(doc, c0, k);
        /* "..., insisting she was ...", "..., adding that ..." */
        if (is_punct(doc, k, ',') && k > c0 && k + 1 < end && q->cue[k + 1] >= 0 && !q->quoted[k + 1])
            return trim_end(doc, c0, k);
        if (is_punct(doc, k, ',') && k + 1 < end && is_word(doc, k + 1, "according")) return trim_end(doc, c0, k);
        if (is_punct(doc, k, ',') && k + 3 < end) {
            /* ", he added", ", the ministry said." closing the sentence */
            for (size_t j = k + 1; j < end && j < k + 6; j++)
                if (q->cue[j] >= 0 && !q->quoted[j]) {
                    size_t r = j + q->cue_len[j];
                    while (r < end && doc->toks.v[r].kind == DL_TOK_WORD && r < j + 5) r++;
                    if (r >= end - 1) return trim_end(doc, c0, k);
                }
        }
    }
    return trim_end(doc, c0, end);
}

/* Does a clause start at i: a name, a pronoun, a determiner, or a noun
 * followed by an auxiliary ("said talks would resume")? */
static int clause_starts(const dl_doc *doc, size_t i, size_t end) {
    static const char *const starters[] = {"the", "a", "an", "it", "he", "she", "they", "we", "i",
                                           "this", "there", "his", "her", "their", "its", "some",
                                           "no", "all", "only", "more", "several", NULL};
    static const char *const aux[] = {"would", "will", "is", "are", "was", "were", "has", "have",
                                      "had", "could", "should", "can", "may", "must", "might", NULL};
    if (i >= end || doc->toks.v[i].kind == DL_TOK_PUNCT) return 0;
    const dl_token *t = &doc->toks.v[i];
    if (t->kind == DL_TOK_NUM) return 1;
    if (t->kind == DL_TOK_QUOTE) return 1;
    if ((t->flags & DL_TF_CAP) || dl_word_in(t->norm, starters)) return 1;
    for (size_t k = i + 1; k < end && k <= i + 3; k++)
        if (dl_word_in(doc->toks.v[k].norm, aux)) return 1;
    return 0;
}

/* Past time and place words after a cue: "said on Tuesday", "said late on
 * Monday", "said in a statement". */
static size_t skip_adverbials(const dl_doc *doc, size_t i, size_t end) {
    static const char *const when[] = {"on", "late", "early", "earlier", "later", "yesterday", "today",
                                       "tonight", "last", "this", "in", "at", "during", "also", NULL};
    for (int guard = 0; guard < 3 && i < end && dl_word_in(doc->toks.v[i].norm, when); guard++) {
        size_t k = i + 1;
        while (k < end && k < i + 5 && doc->toks.v[k].kind == DL_TOK_WORD && !is_word(doc, k, "that") &&
               !is_word(doc, k, "it") && !(doc->toks.v[k].flags & DL_TF_CAP) && !is_word(doc, k, "the"))
            k++;
        if (k < end && is_word(doc, k, "the")) {   /* "in the statement", "at the briefing" */
            size_t j = k + 1;
            while (j < end && j < k + 4 && doc->toks.v[j].kind == DL_TOK_WORD && !is_word(doc, j, "that") &&
                   !(doc->toks.v[j].flags & DL_TF_CAP))
                j++;
            if (j < end && is_word(doc, j, "that")) k = j;
            else if (j < end && is_punct(doc, j, ',')) k = j + 1;
        }
        /* "in an email to The Associated Press that", "in a letter to Reuters that" */
        if (k < end && k > i + 1 && is_word(doc, k - 1, "to") && (doc->toks.v[k].flags & DL_TF_CAP)) {
            size_t j = k;
            while (j < end && j < k + 6 && doc->toks.v[j].kind == DL_TOK_WORD && !is_word(doc, j, "that") &&
                   (doc->toks.v[j].flags & DL_TF_CAP || is_word(doc, j, "of")))
                j++;
            if (j < end && is_word(doc, j, "that")) k = j;
        }
        if (k < end && (doc->toks.v[k].flags & DL_TF_CAP) && k < i + 5 &&
            (dl_word_in(doc->toks.v[k].norm, (const char *const[]){"monday", "tuesday", "wednesday", "thursday",
                                                                  "friday", "saturday", "sunday", NULL})))
            k++;
        if (k == i) break;
        i = k;
        if (i < end && is_punct(doc, i, ',')) i++;
    }
    return i;
}

static int is_day(const dl_doc *doc, size_t k) {
    static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                       "sunday", "yesterday", "today", "tonight", NULL};
    return k < doc->toks.n && dl_word_in(doc->toks.v[k].norm, days);
}

/* The first word after a cue past its time and place words: "said on
 * Monday", "said Thursday night", "said in a statement". */
static size_t past_adverbials(const dl_doc *doc, size_t i, size_t end) {
    static const char *const part[] = {"morning", "afternoon", "evening", "night", NULL};
    i = skip_adverbials(doc, i, end);
    while (i < end && is_day(doc, i)) {
        i++;
        if (i < end && dl_word_in(doc->toks.v[i].norm, part)) i++;
        if (i < end && is_punct(doc, i, ',')) i++;
    }
    return i;
}

/* A clause reported without "that" begins with the noun phrase right after
 * the cue: where the parse starts it later, inside that noun phrase ("said
 * current tensions between the two countries were ..." parsed with
 * "countries" the subject), the words before are the subject's, not the
 * cue's.  A clause opened by "that" or "whether" starts there. */
static size_t clause_from_cue(const qctx *q, size_t c, size_t lo, size_t end) {
    const dl_doc *doc = q->doc;
    if (cue_of(q, c)->frame != DL_FRAME_CLAUSE) return lo;
    size_t a = past_adverbials(doc, c + q->cue_len[c], end);
    if (a >= lo || q->quoted[a] || is_word(doc, a, "that")) return lo;
    if (upos_is(doc, a - 1, "ADP")) return lo;   /* "said on Facebook on Tuesday ...": a place the cue names */
    if (is_word(doc, lo - 1, "that") || is_word(doc, lo - 1, "whether") || is_word(doc, lo - 1, "if")) return lo;
    if (!(upos_is(doc, a, "DET") || upos_is(doc, a, "NOUN") || upos_is(doc, a, "PROPN") || upos_is(doc, a, "ADJ") ||
          upos_is(doc, a, "NUM")))
        return lo;
    for (size_t k = a; k < lo; k++)
        if (q->quoted[k] || q->cue[k] >= 0 || (doc->head[k] == (int32_t)c && rel_is(doc, k, "nsubj"))) return lo;
    return a;
}

/* The start of the content after cue c, by its frame; 0 when it has none
 * (a noun phrase: "stressed the importance of unity"). */
static size_t content_start(const qctx *q, size_t c, size_t end) {
    const dl_doc *doc = q->doc;
    const dl_cue *cue = cue_of(q, c);
    size_t i = c + q->cue_len[c];
    if (i >= end) return 0;
    /* the parse names the clause */
    long cc = clause_of(doc, c);
    if (cc >= 0 && (size_t)cc > c && cue->frame != DL_FRAME_LABEL) {
        size_t lo, hi;
        subtree(doc, (size_t)cc, &lo, &hi);
        /* a clause without its subject, the subject parsed as the cue's
         * object ("said the decision to advise the Queen "was unlawful""): the
         * object belongs to the clause */
        long ob = child(doc, c, "obj");
        if (ob > (long)c && (size_t)ob < lo && child(doc, (size_t)cc, "nsubj") < 0 &&
            child(doc, (size_t)cc, "nsubj:pass") < 0) {
            size_t olo, ohi;
            subtree(doc, (size_t)ob, &olo, &ohi);
            if (olo > c && ohi < lo + 2) lo = olo;
        }
        /* a clause without its subject ("... the gun laws should be changed"
         * misparsed): the noun phrase before it belongs to it */
        /* "confirmed that two suspects were arrested" with "suspects" tagged
         * a verb: a "that" right after the cue opens the whole clause */
        if (is_word(doc, i, "that") && lo > i + 1) lo = i + 1;
        if (upos_is(doc, lo, "AUX") || upos_is(doc, lo, "VERB"))
            while (lo > c + 1 && (upos_is(doc, lo - 1, "NOUN") || upos_is(doc, lo - 1, "PROPN") ||
                                  upos_is(doc, lo - 1, "DET") || upos_is(doc, lo - 1, "ADJ") ||
                                  upos_is(doc, lo - 1, "NUM") || upos_is(doc, lo - 1, "PRON")))
                lo--;
        if (lo > c) {
            /* "said at a press conference yesterday the gun laws should ...":
             * words before the clause's "that" or subject are the cue's */
            size_t that = 0;
            for (size_t k = lo; k < (size_t)cc && !that; k++)
                if (is_word(doc, k, "that") && doc->head[k] == (int32_t)cc) that = k + 1;
            long sj = child(doc, (size_t)cc, "nsubj");
            if (that) lo = that;
            else if (sj >= 0 && (size_t)sj > lo) {
                size_t slo, shi;
                subtree(doc, (size_t)sj, &slo, &shi);
                if (slo > lo && slo < (size_t)cc) lo = slo;
            }
            if (is_word(doc, lo, "that") || is_word(doc, lo, "if") || is_word(doc, lo, "whether")) lo++;
            lo = clause_from_cue(q, c, lo, end);
            if (lo < end) return lo;
        }
    }
    if (cue->frame == DL_FRAME_TELL) {
        /* "told reporters (that)", "told the BBC (that)" */
        if (is_word(doc, i, "the") && mention_at(doc, i) < 0) i++;
        long m = mention_at(doc, i);
        if (m >= 0) i = doc->mentions.v[m].tok0 + doc->mentions.v[m].ntok;
        else if (i < end && doc->toks.v[i].kind == DL_TOK_WORD) {
            i++;   /* "told reporters", "told a news conference" */
            while (i < end && upos_is(doc, i, "NOUN") && i < c + 5) i++;
        }
        i = skip_adverbials(doc, i, end);
        if (is_word(doc, i, "that")) return i + 1;
        return clause_starts(doc, i, end) && !upos_is(doc, i, "ADP") ? i : 0;
    }
    if (cue->frame == DL_FRAME_OBJECT) {
        if (is_word(doc, i, "that")) return i + 1;
        /* "accused Israel of ...", "urged Iran to ...", "warned Washington against ..."
         * (an object first: "asked not to be named" is no statement) */
        if (is_word(doc, i, "not") || is_word(doc, i, "to")) return 0;
        for (size_t k = i + 1; k < end && k < i + 9; k++) {
            if (is_word(doc, k, "that")) break;
            if (mention_at(doc, k) >= 0) continue;   /* "the Court for the Southern District" */
            if (is_word(doc, k, "of") || is_word(doc, k, "to") || is_word(doc, k, "against") ||
                is_word(doc, k, "for") || is_word(doc, k, "not"))
                return doc->toks.v[i].kind == DL_TOK_WORD ? i : 0;
            if (doc->toks.v[k].kind == DL_TOK_PUNCT) return 0;
        }
        if (!cue->bare) return 0;
    }
    if (cue->frame == DL_FRAME_LABEL) {
        /* "called for the bill to be dropped", "called on X to ...": with a verb
         * ("called for U.S. withdrawal" is an appeal, not a statement) */
        if (is_word(doc, i, "for") || is_word(doc, i, "on")) {
            int verb = !doc->upos;
            for (size_t k = i + 1; k < end && !verb; k++) verb = upos_is(doc, k, "VERB") || upos_is(doc, k, "AUX");
            return verb && i + 1 < end ? i + 1 : 0;
        }
        /* "called the deal "lousy"", "described the attacks as ...": a quoted or "as" label */
        for (size_t k = i; k < end && k < i + 14; k++)
            if ((doc->toks.v[k].kind == DL_TOK_QUOTE && (doc->toks.v[k].flags & DL_TF_QOPEN)) ||
                (is_word(doc, k, "as") && k > i))
                return i;
        return 0;
    }
    /* "vowed to keep fighting", "pledged to ...": the promise */
    if (is_word(doc, i, "to") && i + 1 < end && upos_is(doc, i + 1, "VERB") &&
        dl_word_in(cue->lemma, (const char *const[]){"vow", "pledge", "promise", NULL}))
        return i;
    /* "stressed his support for ...", "underlined ... rights", "reiterated the
     * UK's position that ...": with no clause after it, the object the verb
     * stresses is the statement (the gold's convention) */
    if (doc->head && dl_word_in(cue->lemma, (const char *const[]){"stress", "underline", "reiterate", "emphasise", NULL}) &&
        !is_word(doc, i, "that")) {
        long ob = child(doc, c, "obj");
        if (ob >= 0 && (size_t)ob > c) {
            size_t lo, hi;
            subtree(doc, (size_t)ob, &lo, &hi);
            /* "reiterated this position in a meeting ...": an object that
             * refers back says nothing of its own */
            if (lo == i && !q->quoted[lo] && !(doc->xpos && doc->xpos[lo] && strcmp(doc->xpos[lo], "PRP") == 0) &&
                !dl_word_in(doc->toks.v[lo].norm, (const char *const[]){"this", "that", "these", "those", "it", NULL}))
                return lo;
        }
    }
    /* "announced the cause of death as ...": what is announced */
    if (doc->head && strcmp(cue->lemma, "announce") == 0) {
        long ob = child(doc, c, "obj");
        if (ob >= 0 && (size_t)ob > c) {
            size_t lo, hi;
            subtree(doc, (size_t)ob, &lo, &hi);
            if (lo > c && !q->quoted[lo]) return lo;
        }
    }
    i = skip_adverbials(doc, i, end);
    if (i >= end) return 0;
    if (is_word(doc, i, "that")) return i + 1 < end ? i + 1 : 0;
    /* "said in a statement that ..." */
    for (size_t k = i; k < end && k < i + 8; k++) {
        if (q->quoted[k] || doc->toks.v[k].kind == DL_TOK_PUNCT) break;
        if (is_word(doc, k, "that") && (upos_is(doc, i, "ADP") || !doc->upos)) return k + 1;
    }
    if (!clause_starts(doc, i, end)) return 0;
    if (!doc->head) return cue->bare ? i : 0;
    /* the parse saw no clause, but a finite verb follows the noun phrase:
     * "warned the delayed transition process could be a threat" */
    for (size_t k = i + 1; k < end && k < i + 9; k++) {
        if (doc->toks.v[k].kind == DL_TOK_PUNCT || q->quoted[k] || is_word(doc, k, "to")) break;
        /* an auxiliary, or a finite verb after the noun phrase ("saying Iraq devotes ...") */
        int finite = upos_is(doc, k, "AUX") ||
                     (doc->xpos && doc->xpos[k] && upos_is(doc, k, "VERB") &&
                      (strcmp(doc->xpos[k], "VBZ") == 0 || strcmp(doc->xpos[k], "VBD") == 0 ||
                       strcmp(doc->xpos[k], "VBP") == 0));
        if (finite && !is_word(doc, k - 1, "who") && !is_word(doc, k - 1, "which") && !is_word(doc, k - 1, "that"))
            return i;
    }
    return 0;
}

/* "CONTENT, officials said." / "CONTENT, the ministry said on Monday.": an
 * attribution closing the sentence makes the words before the comma the
 * content.  Returns 1 when it took the cue. */
/* "CONTENT, stated Minister Moammar al-Eryani, ...": the cue right after a
 * comma, its speaker after it. */
static int inverted_attribution(qctx *q, size_t c, size_t end) {
    dl_doc *doc = q->doc;
    size_t s0 = sent_start(doc, c);
    if (c < s0 + 4 || !is_punct(doc, c - 1, ',') || q->quoted[c - 2]) return 0;
    /* the speaker follows at once, past title words, and ends the clause */
    int speaker = -1;
    size_t j = c + q->cue_len[c];
    for (; j < end && j < c + q->cue_len[c] + 8 && speaker < 0; j++) {
        int a = actor_at(doc, j);
        if (a >= 0 && !is_place(doc, a)) {
            speaker = a;
            break;
        }
        if (!(doc->toks.v[j].flags & DL_TF_CAP) && !is_word(doc, j, "the") && !is_word(doc, j, "of")) return 0;
    }
    if (speaker < 0) return 0;
    long m = mention_at(doc, j);
    size_t after = doc->mentions.v[m].tok0 + doc->mentions.v[m].ntok;
    /* "said The We Company's recently named executive chair Marcelo Claure":
     * the person the possessive leads to */
    for (size_t k = after + 1; k < end && k < after + 8 && dl_tok_is(doc, after, "'s"); k++) {
        int a = actor_at(doc, k);
        if (a >= 0 && strcmp(type_of(doc, a), "PER") == 0) {
            speaker = a;
            m = mention_at(doc, k);
            after = doc->mentions.v[m].tok0 + doc->mentions.v[m].ntok;
            break;
        }
        if (doc->toks.v[k].kind != DL_TOK_WORD) break;
    }
    /* past the speaker a comma, the end, or for a person "in an email to staff" */
    int person = strcmp(type_of(doc, speaker), "PER") == 0;
    int adverbial = after + 1 < end && (is_word(doc, after, "in") || is_word(doc, after, "on")) &&
                    (dl_word_in(doc->toks.v[after + 1].norm, (const char *const[]){"a", "an", "the", "his", "her", NULL}) ||
                     is_day(doc, after + 1));
    if (after < end - 1 && !is_punct(doc, after, ',') && !(person && adverbial)) return 0;
    for (size_t k = s0; k < c - 1; k++)
        if (q->taken[k]) return 0;
    size_t c1 = trim_end(doc, s0, c - 1);
    if (c1 < s0 + 3) return 0;
    dl_quote *qt = reported_quote(doc, s0, c1);
    if (!qt) return 1;
    set_cue(q, qt, c);
    qt->speaker = speaker;
    q->taken[c] = 1;
    for (size_t k = s0; k < c1; k++) q->taken[k] = 1;
    return 1;
}

static int trailing_attribution(qctx *q, size_t c, size_t end) {
    dl_doc *doc = q->doc;
    size_t s0 = sent_start(doc, c);
    size_t k = c + q->cue_len[c];
    /* after the cue only "on Monday", "in a statement", "late on Friday" (or
     * the addressee of "told"): no object ("maintain forces in ...") */
    if (k < end - 1 && doc->upos && cue_of(q, c)->frame != DL_FRAME_TELL &&
        !(upos_is(doc, k, "ADP") || upos_is(doc, k, "ADV") || is_day(doc, k)))
        return 0;
    while (k < end && k < c + 10) {
        long m = mention_at(doc, k);
        if (m >= 0 && doc->mentions.v[m].tok0 == k) {   /* "told Agence France-Presse" */
            k += doc->mentions.v[m].ntok;
            continue;
        }
        if (doc->toks.v[k].kind != DL_TOK_WORD) break;
        if (upos_is(doc, k, "VERB")) return 0;
        k++;
    }
    /* "..., the minister said on Tuesday, after years of debate.": an
     * adverbial after the attribution */
    static const char *const adverbial[] = {"after", "before", "following", "amid", "despite", "as", "when",
                                            "while", "during", "since", NULL};
    int tail = k + 1 < end - 1 && is_punct(doc, k, ',') && dl_word_in(doc->toks.v[k + 1].norm, adverbial);
    if (!tail && (k != end - 1 || !(is_punct(doc, k, '.') || is_punct(doc, k, '!')))) return 0;
    size_t comma = c;
    while (comma > s0 && c - comma < 10 && !is_punct(doc, comma - 1, ',')) comma--;
    if (comma <= s0 + 3 || !is_punct(doc, comma - 1, ',') || q->quoted[comma - 2] || comma == c) return 0;
    /* between the comma and the cue: the speaker alone ("with the U.S.
     * continuing to maintain" is no attribution) */
    for (size_t j = comma; j < c && doc->upos; j++)
        if (upos_is(doc, j, "VERB") || (j == comma && upos_is(doc, j, "ADP")) || upos_is(doc, j, "SCONJ")) return 0;
    for (size_t j = s0; j < comma; j++)
        if (q->taken[j]) return 0;
    size_t c1 = trim_end(doc, s0, comma - 1);
    if (c1 < s0 + 3) return 0;
    dl_quote *qt = reported_quote(doc, s0, c1);
    if (!qt) return 1;
    attribute(q, qt, c);
    /* the speaker stands between the comma and the cue, whatever the parse
     * says (an official a name owns is the official) */
    int between = -1;
    char *owned_text = NULL;
    if (possessed_speaker(q, c, comma, &between, &owned_text)) {
        qt->speaker = between;
        qt->speaker_text = owned_text;
        between = -1;
        comma = c;   /* nothing left to look at */
    }
    for (size_t j = comma; j < c && between < 0; j++) {
        long m = mention_at(doc, j);
        if (m >= 0 && doc->mentions.v[m].actor >= 0 && !(is_place(doc, doc->mentions.v[m].actor) && modifier_mention(doc, m)))
            between = doc->mentions.v[m].actor;
    }
    /* "..., executives of both companies announced": a speaker noun there */
    for (size_t j = comma; j < c && j < comma + 6 && between < 0 && comma < c; j++)
        if (upos_is(doc, j, "NOUN") && mention_at(doc, j) < 0 && !q->quoted[j]) {
            between = spokesman_body(q, comma, c - 1);
            if (between < 0) between = dl_actors_add_speaker(q->eng, doc, comma, c, j);
        }
    if (between >= 0) {
        qt->speaker = between;
        qt->speaker_text = NULL;
    }
    for (size_t j = s0; j < c1; j++) q->taken[j] = 1;
    return 1;
}

/* "the mayor's office", "the ministry's legal department": a phrase
 * [np0, np1) that ends in a body a name owns names the body, an actor
 * when its head is an agent word, else *text; -1 (and no text) when the
 * phrase is not of that form. */
static int owned_body(qctx *q, size_t np0, size_t np1, char **text) {
    dl_doc *doc = q->doc;
    if (np1 < np0 + 3) return -1;
    size_t h = np1 - 1, k = h;
    if (!upos_is(doc, h, "NOUN") || mention_at(doc, h) >= 0) return -1;
    while (k > np0 && (upos_is(doc, k - 1, "NOUN") || upos_is(doc, k - 1, "ADJ")) && mention_at(doc, k - 1) < 0) k--;
    if (k < np0 + 2 || !dl_tok_is(doc, k - 1, "'s") || mention_at(doc, k - 2) < 0) return -1;
    size_t t0 = doc->mentions.v[mention_at(doc, k - 2)].tok0;
    if (t0 > np0 && is_word(doc, t0 - 1, "the")) t0--;
    int a = dl_actors_add_speaker(q->eng, doc, t0, h + 1, h);
    if (a < 0) {
        const dl_token *x = &doc->toks.v[t0], *y = &doc->toks.v[h];
        *text = dl_arena_strndup(&doc->arena, DL_SPAN_PTR(doc, x->off), y->off + y->len - x->off);
    }
    return a;
}

/* The speaker an "according to" phrase [np0, np1) names: the one a report
 * cites ("a report citing the mayor's office"), the issuer of a paper ("a
 * statement from the presidency", "a whistle-blower complaint"), else the
 * person it names before anyone else ("According to New Zealand Prime
 * Minister Jacinda Ardern"), else its last noun ("a local police source").
 * -1 when none, and *text the words that name it. */
static int according_speaker(qctx *q, size_t np0, size_t np1, char **text) {
    dl_doc *doc = q->doc;
    *text = NULL;
    for (size_t k = np0; k + 1 < np1; k++)
        if (is_word(doc, k, "citing") || is_word(doc, k, "quoting")) np0 = k + 1;
    /* "eyewitness accounts corroborated by video footage": a modifying
     * clause that names no one is not the source's name */
    for (size_t k = np0 + 1; k < np1; k++) {
        if (!(upos_is(doc, k, "VERB") || is_word(doc, k, "who") || is_word(doc, k, "which")) || mention_at(doc, k) >= 0)
            continue;
        int named = 0;
        for (size_t j = k; j < np1; j++) named |= actor_at(doc, j) >= 0;
        if (!named) np1 = k;
        break;
    }
    size_t sp1 = np1;   /* the end of the words naming the speaker */
    for (size_t k = np0; k < np1; k++) {
        if (!dl_word_in(doc->toks.v[k].norm, PAPERS)) continue;
        if (k + 2 < np1 && (is_word(doc, k + 1, "from") || is_word(doc, k + 1, "by") || is_word(doc, k + 1, "of"))) {
            np0 = k + 2;
        } else if (k + 1 == np1 && k > np0 && upos_is(doc, k - 1, "NOUN") && mention_at(doc, k - 1) < 0) {
            size_t m0 = k - 1;
            while (m0 > np0 && (upos_is(doc, m0 - 1, "NOUN") || is_punct(doc, m0 - 1, '-'))) m0--;
            np0 = m0;
            sp1 = k;
        }
        break;
    }
    int speaker = owned_body(q, np0, sp1, text);
    if (speaker >= 0 || *text) return speaker;
    static const char *const ranks[] = {"PER", "ORG", "NORP", "GPE", NULL};
    for (int r = 0; ranks[r] && speaker < 0; r++)
        for (size_t k = np0; k < sp1 && speaker < 0; k++) {
            int a = actor_at(doc, k);
            if (a >= 0 && strcmp(type_of(doc, a), ranks[r]) == 0) speaker = a;
        }
    if (speaker < 0 && sp1 > np0) {
        size_t h = sp1 - 1;
        while (h > np0 && !upos_is(doc, h, "NOUN")) h--;
        if (upos_is(doc, h, "NOUN")) speaker = dl_actors_add_speaker(q->eng, doc, np0, h + 1, h);
    }
    if (speaker < 0 && sp1 > np0) {
        const dl_token *a = &doc->toks.v[np0], *b = &doc->toks.v[sp1 - 1];
        *text = dl_arena_strndup(&doc->arena, DL_SPAN_PTR(doc, a->off), b->off + b->len - a->off);
    }
    return speaker;
}

/* Where the phrase [np0, np1) of "according to" names two sources ("witness
 * accounts and authorities"), the "and" between them; 0 when none (or it
 * is inside a name). */
static size_t according_and(const dl_doc *doc, size_t np0, size_t np1) {
    for (size_t k = np0 + 1; k + 1 < np1; k++)
        if ((is_word(doc, k, "and") || is_word(doc, k, "or")) && mention_at(doc, k) < 0) return k;
    return 0;
}

/* "According to X, CONTENT." / "CONTENT, according to X.": X the speaker
 * (according_speaker); "according to X and Y" is a statement of each. */
static void according_to(qctx *q, size_t i) {
    dl_doc *doc = q->doc;
    size_t s0 = sent_start(doc, i), end = sent_end(doc, i);
    size_t np0 = i + q->cue_len[i], np1 = np0;
    /* "an agreement, according to which ...": a relative, no source */
    if (np0 < end && dl_word_in(doc->toks.v[np0].norm, (const char *const[]){"which", "whom", "whose", NULL})) return;
    while (np1 < end && !is_punct(doc, np1, ',') && !is_punct(doc, np1, '.') && !q->quoted[np1]) np1++;
    /* "... and according to the ministry he died at ...": no comma after the
     * phrase; the subject of the clause after it starts the content */
    int split = 0;
    for (size_t k = np0 + 1; k < np1 && doc->head && np1 + 1 >= end; k++) {
        if (!rel_is(doc, k, "nsubj") || doc->head[k] <= (int32_t)k) continue;
        size_t lo, hi;
        subtree(doc, k, &lo, &hi);
        if (lo > np0 + 1 && !q->quoted[lo]) {
            np1 = lo;
            split = 1;
        }
        break;
    }
    size_t c0, c1;
    /* "On Sunday, according to witnesses, a man ...": a short opening and a
     * clause after the phrase make the clause the content */
    int opening = i == s0 || (i == s0 + 1 && doc->toks.v[s0].kind == DL_TOK_PUNCT);
    if (!opening && i > s0 && is_punct(doc, i - 1, ',') && np1 < end && is_punct(doc, np1, ',') &&
        end - np1 > 5) {
        int verb_before = 0;
        for (size_t k = s0; k < i; k++) verb_before |= upos_is(doc, k, "VERB") || upos_is(doc, k, "AUX");
        opening = !verb_before;
    }
    if (split) {
        c0 = np1;
        c1 = trim_end(doc, c0, end);
    } else if (opening) {
        c0 = np1 + 1;
        c1 = trim_end(doc, c0, end);
    } else {
        c0 = s0;
        c1 = trim_end(doc, s0, i);
    }
    if (c1 < c0 + 3 || c1 > end) return;
    for (size_t j = c0; j < c1; j++)
        if (q->taken[j] && !q->quoted[j]) return;   /* already someone's clause */
    size_t and = according_and(doc, np0, np1);
    size_t parts[3] = {np0, and ? and : np1, np1};
    for (int p = 0; p < (and ? 2 : 1); p++) {
        dl_quote *qt = reported_quote(doc, c0, c1);
        if (!qt) return;
        set_cue(q, qt, i);
        qt->speaker = according_speaker(q, p ? parts[1] + 1 : parts[0], parts[p + 1], &qt->speaker_text);
    }
    for (size_t j = c0; j < c1; j++) q->taken[j] = 1;
}

/* Does the sentence before cue c hold a cue that names an addressee or a
 * target ("asked X to leave", "told X", "accused X of") and none that
 * reports a clause?  Then a trailing "..., an official said." reports it
 * all: the earlier verb is what was said, not a saying of its own. */
static int object_cue_before(const qctx *q, size_t c) {
    int seen = 0;
    for (size_t k = sent_start(q->doc, c); k < c; k++) {
        const dl_cue *cue = cue_of(q, k);
        if (!cue || q->quoted[k]) continue;
        if (cue->frame == DL_FRAME_CLAUSE || cue->frame == DL_FRAME_ACCORDING) return 0;
        seen = 1;
    }
    return seen;
}

static void reported_speech(qctx *q) {
    dl_doc *doc = q->doc;
    for (size_t i = 0; i < doc->toks.n; i++) {   /* the trailing attributions those cues stand under */
        const dl_cue *cue = cue_of(q, i);
        if (cue && !q->taken[i] && cue->frame == DL_FRAME_CLAUSE && object_cue_before(q, i))
            trailing_attribution(q, i, sent_end(doc, i));
    }
    for (size_t i = 0; i < doc->toks.n; i++) {
        const dl_cue *cue = cue_of(q, i);
        if (!cue || q->taken[i]) continue;
        size_t end = sent_end(doc, i);
        if (cue->frame == DL_FRAME_ACCORDING) { according_to(q, i); continue; }
        if (trailing_attribution(q, i, end) || inverted_attribution(q, i, end)) continue;
        size_t c0 = content_start(q, i, end);
        if (!c0 || c0 >= end || q->taken[c0]) continue;
        /* a quotation right after the cue is a direct quote, already read */
        if (doc->toks.v[c0].kind == DL_TOK_QUOTE && q->taken[c0]) continue;
        size_t c1 = content_end(q, c0, end);
        /* the clause of the parse ends where its subtree does, when another
         * cue follows ("..., adding ...") */
        long cc = clause_of(doc, i);
        if (cc >= 0 && (size_t)cc > i) {
            size_t lo, hi;
            subtree(doc, (size_t)cc, &lo, &hi);
            int cue_after = 0;
            for (size_t k = hi + 1; k < c1; k++)
                cue_after |= q->cue[k] >= 0 && !q->quoted[k] && doc->head[k] >= 0 &&
                             ((size_t)doc->head[k] == i || doc->head[k] == doc->head[i]) &&
                             !dl_word_in(doc->toks.v[k - 1].norm, MODAL_WORDS);   /* "can and may declare" */
            /* "While X concedes that ..., price indexing is ...": the cue of
             * a subordinate clause reports no more than its own clause */
            long mk = child(doc, i, "mark");
            int subordinate = mk >= 0 && (size_t)mk < i &&
                              dl_word_in(doc->toks.v[mk].norm, (const char *const[]){"while", "although", "though",
                                                                                    "whereas", "because", "if", NULL});
            if ((cue_after || subordinate) && hi + 1 > c0 && hi + 1 < c1) {
                size_t t = trim_end(doc, c0, hi + 1);
                /* keep a quotation the clause opened */
                int open = 0;
                for (size_t k = c0; k < t; k++) open ^= doc->toks.v[k].kind == DL_TOK_QUOTE;
                if (!open && t > c0) c1 = t;
            }
        }
        if (c1 < c0 + 2) continue;
        dl_quote *qt = reported_quote(doc, c0, c1);
        if (!qt) return;
        attribute(q, qt, i);
        for (size_t j = c0; j < c1; j++) q->taken[j] = 1;
    }
}

/* The token whose bytes start at off, or -1 (tokens are in text order). */
static long tok_of_off(const dl_doc *doc, uint32_t off) {
    size_t lo = 0, hi = doc->toks.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->toks.v[mid].off < off) lo = mid + 1;
        else hi = mid;
    }
    return lo < doc->toks.n && doc->toks.v[lo].off == off ? (long)lo : -1;
}

/* Is there an "and" or "or" between tokens a and b?  Two subjects the
 * parse gave one verb without one are a misparse ("X of the navy's
 * Baltic Fleet Command said"). */
static int conjoined_between(const dl_doc *doc, size_t a, size_t b) {
    if (a > b) { size_t t = a; a = b; b = t; }
    for (size_t k = a + 1; k < b; k++)
        if (is_word(doc, k, "and") || is_word(doc, k, "or")) return 1;
    return 0;
}

/* Can token k be inside a plain noun phrase ("the Yemeni government")? */
static int np_word(const dl_doc *doc, size_t k) {
    return upos_is(doc, k, "DET") || upos_is(doc, k, "ADJ") || upos_is(doc, k, "NOUN") ||
           upos_is(doc, k, "PROPN") || upos_is(doc, k, "NUM") || dl_tok_is(doc, k, "'s");
}

/* The first token of the plain noun phrase whose head is h, past "both"
 * and "either" ("Both the council ..."). */
static size_t np_start(const dl_doc *doc, size_t h) {
    size_t s0 = sent_start(doc, h), lo = h;
    while (lo > s0 && np_word(doc, lo - 1) && !is_word(doc, lo - 1, "and") && !is_word(doc, lo - 1, "or")) lo--;
    while (lo < h && dl_word_in(doc->toks.v[lo].norm, (const char *const[]){"both", "either", "neither", NULL}))
        lo++;
    return lo;
}

/* The actor of one conjunct with head h: the mention there or in its noun
 * phrase; with create, also the organisation a definite noun refers to
 * ("the council") or a new actor for an agent noun ("analysts"). */
static int conjunct_actor(qctx *q, size_t h, int create) {
    dl_doc *doc = q->doc;
    long m = mention_at(doc, h);
    if (m >= 0) {
        int a = doc->mentions.v[m].actor;
        return a >= 0 && !(is_place(doc, a) && modifier_mention(doc, m)) ? a : -1;
    }
    size_t lo = np_start(doc, h);
    int a = np_actor(q, lo, h, -1);
    if (a >= 0 || !create || !upos_is(doc, h, "NOUN")) return a;
    if (is_word(doc, lo, "the")) return org_named(doc, doc->toks.v[h].norm, h);
    return dl_actors_add_speaker(q->eng, doc, lo, h + 1, h);
}

/* The heads of conjoined noun phrases right before cue c, by word order
 * when the parse gave the cue no subject ("Both the council and the
 * government called for ..."): the last noun of each part.  Returns their
 * number, 0 when there are not two. */
static int order_conjuncts(const qctx *q, size_t c, long *heads, int max) {
    const dl_doc *doc = q->doc;
    size_t s0 = sent_start(doc, c);
    int n = 0;
    long last = -1;
    for (size_t k = c; k > s0 && n < max; k--) {
        size_t t = k - 1;
        if (q->quoted[t]) break;
        if (is_word(doc, t, "and") || is_word(doc, t, "or")) {
            if (last < 0) return 0;
            heads[n++] = last;
            last = -1;
            continue;
        }
        if (!np_word(doc, t)) break;
        if (last < 0 && (upos_is(doc, t, "NOUN") || upos_is(doc, t, "PROPN"))) last = (long)t;
    }
    if (last >= 0 && n > 0 && n < max) heads[n++] = last;
    return n > 1 ? n : 0;
}

/* The heads of the subject of cue c and its conjuncts (all attached to the
 * first), and a second subject of the cue the parse gave for a conjunct;
 * by word order when the parse has no subject.  Returns their number. */
static int subject_heads(const qctx *q, size_t c, long *heads, int max) {
    const dl_doc *doc = q->doc;
    long subj = subject_of(doc, c);
    if (subj < 0) return order_conjuncts(q, c, heads, max);
    int nh = 0;
    for (long h = subj; h >= 0 && nh < max - 2; h = child_after(doc, (size_t)subj, "conj", h)) heads[nh++] = h;
    for (size_t k = sent_start(doc, c); k < c && doc->head[subj] == (int32_t)c && nh < max; k++)
        if ((long)k != subj && doc->head[k] == (int32_t)c && rel_is(doc, k, "nsubj") &&
            !rel_is(doc, k, "nsubj:pass") && conjoined_between(doc, (size_t)subj, k))
            heads[nh++] = (long)k;
    return nh;
}

/* "The United Nations and the European Union stressed ...": one statement
 * of each conjoined subject, so a quote whose speaker heads or joins such a
 * subject is copied for each other actor in it. */
static void conjoined_speakers(qctx *q) {
    dl_doc *doc = q->doc;
    if (!doc->head) return;
    size_t n0 = doc->quotes.n;
    for (size_t i = 0; i < n0; i++) {
        if (doc->quotes.v[i].speaker < 0 || !doc->quotes.v[i].cue) continue;
        /* the cue stands in the quote's sentence or the next */
        long c = tok_of_off(doc, doc->quotes.v[i].cue_off);
        if (c < 0 || doc->toks.v[c].sent < doc->quotes.v[i].sent || doc->toks.v[c].sent > doc->quotes.v[i].sent + 1)
            continue;
        long heads[10];
        int nh = subject_heads(q, (size_t)c, heads, 10), has_speaker = 0;
        for (int hi = 0; hi < nh; hi++) has_speaker |= conjunct_actor(q, (size_t)heads[hi], 0) == doc->quotes.v[i].speaker;
        if (!has_speaker) continue;
        int actors[8], na = 0;
        for (int hi = 0; hi < nh && na < 8; hi++) {
            int a = conjunct_actor(q, (size_t)heads[hi], 1), seen = a < 0;
            for (int k = 0; k < na; k++) seen |= actors[k] == a;
            if (!seen) actors[na++] = a;
        }
        for (int k = 0; k < na; k++) {
            if (actors[k] == doc->quotes.v[i].speaker) continue;
            dl_quote *copy = DL_VEC_PUSH(&doc->quotes);
            if (!copy) return;
            *copy = doc->quotes.v[i];
            copy->speaker = actors[k];
            copy->speaker_text = NULL;
        }
    }
}

/* ---- the learned speaker choice ------------------------------------------------- */

/* Where the rules leave several plausible speakers, a linear model learned
 * from annotated articles (data/models/quotes.model, `dateline train
 * quotes`) may choose another than the rules'.  The candidates are the
 * rules' choice and the actors other readings propose: the parse subject
 * of the cue, the nearest name before it (and the nearest person), the
 * first name after it, the speaker of the quote before, the last person of
 * the sentences before, the organisation a spokesperson speaks for.  Only
 * actors already found are proposed: choosing makes none. */

enum { BY_RULE, BY_SUBJ, BY_BEFORE, BY_PERSON, BY_AFTER, BY_PREV, BY_CONTEXT, BY_SPOKES, BY_SENT, BY_N };
static const char *const BY_NAMES[BY_N] = {"rule", "subj", "before", "person", "after", "prev", "context", "spokes",
                                          "sent"};

#define MAX_SPEAKERS 12

typedef struct {
    int actor;          /* -1: none (the rules' choice only) */
    const char *text;   /* the rules' words for a speaker without an actor */
    unsigned by;        /* 1 << BY_* of every proposer */
    long tok;           /* a token of its mention near the cue, -1 */
} spk_cand;

typedef struct {
    spk_cand v[MAX_SPEAKERS];
    size_t n;
    size_t cue;         /* the cue's first token */
    int prev;           /* the speaker of the quote before, -1 */
    const dl_quote *qt;
} spk_set;

static void propose(spk_set *s, int actor, int by, long tok) {
    if (actor < 0) return;
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].actor == actor) {
            s->v[i].by |= 1u << by;
            if (s->v[i].tok < 0) s->v[i].tok = tok;
            return;
        }
    if (s->n < MAX_SPEAKERS) s->v[s->n++] = (spk_cand){actor, NULL, 1u << by, tok};
}

/* A usable speaker mention at token k: an actor outside quotation marks,
 * not a place that only modifies a noun. */
static int speaker_mention(const qctx *q, size_t k) {
    long m = mention_at(q->doc, k);
    if (m < 0 || q->quoted[k]) return -1;
    int a = q->doc->mentions.v[m].actor;
    return a >= 0 && !(is_place(q->doc, a) && modifier_mention(q->doc, m)) ? a : -1;
}

/* The mention of actor a nearest the cue in its sentence, or -1. */
static long near_mention(const qctx *q, int a, size_t cue) {
    size_t s0 = sent_start(q->doc, cue), s1 = sent_end(q->doc, cue);
    long best = -1;
    size_t best_d = 0;
    for (size_t k = s0; k < s1; k++) {
        if (actor_at(q->doc, k) != a) continue;
        size_t d = k < cue ? cue - k : k - cue;
        if (best < 0 || d < best_d) { best = (long)k; best_d = d; }
    }
    return best;
}

static void propose_around(const qctx *q, spk_set *s) {
    const dl_doc *doc = q->doc;
    size_t c = s->cue, s0 = sent_start(doc, c), e = sent_end(doc, c);
    int before = 0, person = 0;
    for (size_t k = c; k-- > s0 && !(before && person);) {
        int a = speaker_mention(q, k);
        if (a < 0) continue;
        if (!before) { propose(s, a, BY_BEFORE, (long)k); before = 1; }
        if (!person && strcmp(type_of(doc, a), "PER") == 0) { propose(s, a, BY_PERSON, (long)k); person = 1; }
    }
    size_t j0 = c + (q->cue_len[c] ? q->cue_len[c] : 1);
    for (size_t k = j0; k < e && k < j0 + 8; k++) {
        int a = speaker_mention(q, k);
        if (a >= 0) { propose(s, a, BY_AFTER, (long)k); break; }
    }
    /* any other name of the sentence */
    for (size_t k = s0; k < e; k++) {
        int a = speaker_mention(q, k);
        if (a >= 0 && !is_place(doc, a)) propose(s, a, BY_SENT, (long)k);
    }
    /* the last person of the two sentences before */
    uint32_t sent = doc->toks.v[c].sent;
    for (size_t k = s0; k-- > 0;) {
        if (doc->toks.v[k].sent + 2 < sent) break;
        int a = speaker_mention(q, k);
        if (a >= 0 && strcmp(type_of(doc, a), "PER") == 0) { propose(s, a, BY_CONTEXT, (long)k); break; }
    }
}

static void propose_subject(const qctx *q, spk_set *s) {
    const dl_doc *doc = q->doc;
    long sj = subject_of(doc, s->cue);
    if (sj < 0 || q->quoted[sj]) return;
    int a = speaker_mention(q, (size_t)sj);
    if (a < 0) {
        size_t lo, hi;
        subtree(doc, (size_t)sj, &lo, &hi);
        a = np_actor(q, lo, hi, sj);
    }
    propose(s, a, BY_SUBJ, sj);
    if (dl_word_in(doc->toks.v[sj].norm, SPOKES)) propose(s, org_just_named(doc, (size_t)sj), BY_SPOKES, -1);
}

/* The speaker of the nearest quote before quote i (in text order) in its
 * paragraph or the one before, or -1. */
static int previous_speaker(const dl_doc *doc, size_t i) {
    uint32_t para = doc->sents.v[doc->quotes.v[i].sent].para;
    for (size_t k = i; k-- > 0;) {
        const dl_quote *p = &doc->quotes.v[k];
        if (doc->sents.v[p->sent].para + 1 < para) return -1;
        if (p->speaker >= 0) return p->speaker;
    }
    return -1;
}

static void gather(const qctx *q, size_t i, size_t cue, spk_set *s) {
    const dl_quote *qt = &q->doc->quotes.v[i];
    s->n = 0;
    s->cue = cue;
    s->qt = qt;
    s->v[s->n++] = (spk_cand){qt->speaker, qt->speaker < 0 ? qt->speaker_text : NULL, 1u << BY_RULE,
                              qt->speaker >= 0 ? near_mention(q, qt->speaker, cue) : -1};
    propose_subject(q, s);
    propose_around(q, s);
    s->prev = previous_speaker(q->doc, i);
    propose(s, s->prev, BY_PREV, -1);
}

/* features */

typedef dl_featbuf spk_feats;

static const char *frame_name(const qctx *q, size_t cue) {
    static const char *const names[] = {"none", "clause", "tell", "object", "label", "according"};
    const dl_cue *c = cue_of(q, cue);
    return c && c->frame <= DL_FRAME_ACCORDING ? names[c->frame] : "verb";
}

static const char *cand_type(const dl_doc *doc, const spk_cand *c) {
    if (c->actor < 0) return c->text ? "words" : "nobody";
    const char *t = type_of(doc, c->actor);
    return *t ? t : "x";
}

static const char *mention_kind(const dl_doc *doc, long tok) {
    static const char *const kinds[] = {"?", "name", "demonym", "agent", "title", "pronoun"};
    long m = tok >= 0 ? mention_at(doc, (size_t)tok) : -1;
    if (m < 0) return "far";
    uint8_t k = doc->mentions.v[m].kind;
    return k <= DL_MENTION_PRONOUN ? kinds[k] : "?";
}

/* The head of the mention at tok: its token whose parse head is outside. */
static size_t mention_head(const dl_doc *doc, size_t tok) {
    long m = mention_at(doc, tok);
    if (m < 0 || !doc->head) return tok;
    const dl_mention *x = &doc->mentions.v[m];
    return dl_span_head(doc, x->tok0, x->tok0 + x->ntok);
}

/* Where the mention stands from the cue, and whether a clause edge (a
 * comma, a colon, a mark, a relative word) lies between. */
static void place_features(const qctx *q, const spk_set *s, const spk_cand *c, const char *first, spk_feats *f) {
    const dl_doc *doc = q->doc;
    if (c->tok < 0) { dl_featbuf_add(f, "pos=away&by=%s", first); return; }
    size_t t = (size_t)c->tok, cue = s->cue;
    if (doc->toks.v[t].sent != doc->toks.v[cue].sent) { dl_featbuf_add(f, "pos=othersent&by=%s", first); return; }
    size_t a = t < cue ? t + 1 : cue + 1, b = t < cue ? cue : t;
    int edge = 0;
    for (size_t k = a; k < b; k++)
        edge |= doc->toks.v[k].kind == DL_TOK_QUOTE || is_punct(doc, k, ',') || is_punct(doc, k, ':') ||
                is_punct(doc, k, ';') || dl_word_in(doc->toks.v[k].norm, (const char *const[]){"who", "which", "that", NULL});
    size_t d = b - a;
    const char *pos = t < cue ? "before" : "after";
    dl_featbuf_add(f, "pos=%s&dist=%d", pos, d <= 1 ? 0 : d <= 4 ? 1 : d <= 10 ? 2 : 3);
    dl_featbuf_add(f, "pos=%s&by=%s", pos, first);
    if (edge) dl_featbuf_add(f, "edge&pos=%s&by=%s", pos, first);
    if (q->quoted[t]) dl_featbuf_add(f, "inquote");
    if (doc->head) {
        size_t h = mention_head(doc, t);
        char r[16];
        snprintf(r, sizeof r, "%.*s", (int)strcspn(rel(doc, h), ":"), rel(doc, h));
        dl_featbuf_add(f, "rel=%s&tocue=%d", r, doc->head[h] == (int32_t)cue);
    }
}

static void speaker_features(const qctx *q, const spk_set *s, size_t ci, spk_feats *f) {
    const dl_doc *doc = q->doc;
    const spk_cand *c = &s->v[ci];
    const char *d = s->qt->direct ? "direct" : "reported", *fr = frame_name(q, s->cue);
    const char *type = cand_type(doc, c), *first = "rule";
    int nby = 0;
    f->n = f->used = 0;
    for (int b = 0; b < BY_N; b++) {
        if (!(c->by & (1u << b))) continue;
        if (!nby++) first = BY_NAMES[b];
        dl_featbuf_add(f, "by=%s", BY_NAMES[b]);
        dl_featbuf_add(f, "by=%s&%s", BY_NAMES[b], d);
        dl_featbuf_add(f, "by=%s&frame=%s", BY_NAMES[b], fr);
        dl_featbuf_add(f, "by=%s&type=%s", BY_NAMES[b], type);
    }
    dl_featbuf_add(f, "nby=%d", nby > 3 ? 3 : nby);
    if (c->by & (1u << BY_RULE)) {
        dl_featbuf_add(f, "rulepick");
        dl_featbuf_add(f, "rulepick&n=%d", s->n > 4 ? 4 : (int)s->n);
    }
    dl_featbuf_add(f, "type=%s", type);
    dl_featbuf_add(f, "type=%s&%s", type, d);
    dl_featbuf_add(f, "kind=%s", mention_kind(doc, c->tok));
    if (c->actor >= 0) {
        const dl_actor *a = &doc->actors.v[c->actor];
        dl_featbuf_add(f, "mentions=%d", a->n_mentions <= 1 ? 1 : a->n_mentions <= 3 ? 2 : 3);
        if (a->passing) dl_featbuf_add(f, "passing");
        if (c->actor == s->prev) dl_featbuf_add(f, "spokebefore&%s", d);
    }
    place_features(q, s, c, first, f);
}

static void log_speakers(qctx *q, const spk_set *s) {
    dl_speaker_log *log = q->doc->speaker_log;
    dl_logged_quote *lq = DL_VEC_PUSH(&log->quotes);
    if (!lq) return;
    lq->quote = s->qt->text;
    lq->ncand = s->n;
    lq->cands = dl_arena_alloc(&log->arena, s->n * sizeof *lq->cands);
    if (!lq->cands) { log->quotes.n--; return; }
    spk_feats f;
    for (size_t c = 0; c < s->n; c++) {
        dl_logged_speaker *ls = &lq->cands[c];
        speaker_features(q, s, c, &f);
        ls->actor = s->v[c].actor;
        ls->text = s->v[c].text ? dl_arena_strdup(&log->arena, s->v[c].text) : NULL;
        ls->feats = dl_arena_alloc(&log->arena, (f.n + 1) * sizeof *ls->feats);
        ls->nfeats = 0;
        if (!ls->feats) continue;
        for (size_t i = 0; i < f.n; i++) ls->feats[i] = dl_arena_strdup(&log->arena, f.v[i]);
        ls->nfeats = f.n;
    }
}

/* The candidate the model scores best; the rules' choice on a tie, and
 * never nobody when someone is proposed (a quote without a speaker is
 * wrong whatever its words). */
static size_t best_speaker(const qctx *q, const spk_set *s) {
    const dl_linear *m = q->eng->quote_model;
    spk_feats f;
    size_t c0 = s->v[0].actor < 0 && !s->v[0].text ? 1 : 0, best = c0;
    double top = 0;
    for (size_t c = c0; c < s->n; c++) {
        speaker_features(q, s, c, &f);
        double sc = dl_linear_score(m, f.v, f.n);
        if (c == c0 || sc > top) { top = sc; best = c; }
    }
    return best;
}

/* Does another quote have the same words (two speakers the rules named:
 * "according to X and Y")?  Quotes are in text order: such a quote is a
 * neighbour of the same offset. */
static int shared_text(const dl_doc *doc, size_t i) {
    const dl_quote *x = &doc->quotes.v[i];
    for (size_t k = i; k-- > 0 && doc->quotes.v[k].off == x->off;)
        if (doc->quotes.v[k].len == x->len) return 1;
    for (size_t k = i + 1; k < doc->quotes.n && doc->quotes.v[k].off == x->off; k++)
        if (doc->quotes.v[k].len == x->len) return 1;
    return 0;
}

/* Lets the model choose each attributed quote's speaker among the
 * candidates (quotes in text order); a quotation that took its speaker
 * from it ('"...," he said, "..."') follows. */
static void choose_speakers(qctx *q) {
    dl_doc *doc = q->doc;
    if (!q->eng->quote_model && !doc->speaker_log) return;
    for (size_t i = 0; i < doc->quotes.n; i++) {
        dl_quote *qt = &doc->quotes.v[i];
        if (!qt->cue || qt->speaker == PENDING || shared_text(doc, i)) continue;
        long cue = tok_of_off(doc, qt->cue_off);
        if (cue < 0) continue;
        spk_set s;
        gather(q, i, (size_t)cue, &s);
        if (s.n < 2) continue;
        if (doc->speaker_log) log_speakers(q, &s);
        if (!q->eng->quote_model) continue;
        size_t b = best_speaker(q, &s);
        if (b == 0) continue;
        int old = qt->speaker;
        qt->speaker = s.v[b].actor;
        qt->speaker_text = NULL;
        for (size_t k = i + 1; k < doc->quotes.n && !doc->quotes.v[k].cue && doc->quotes.v[k].speaker == old &&
                               old >= 0 && doc->quotes.v[k].sent <= qt->sent + 1;
             k++)
            doc->quotes.v[k].speaker = qt->speaker;
    }
}

/* Orders quotes by position so direct and reported speech interleave as in
 * the text. */
static int by_offset(const void *a, const void *b) {
    const dl_quote *x = a, *y = b;
    return (x->off > y->off) - (x->off < y->off);
}

dl_status dl_quote_run(dl_engine *eng, dl_doc *doc) {
    if (!doc->toks.n || !eng || !eng->cues) return DL_OK;
    size_t n = doc->toks.n;
    qctx q = {eng, doc, eng->cues, calloc(n + 1, 1), calloc(n + 1, sizeof(int32_t)), calloc(n + 1, 1),
              calloc(n + 1, 1)};
    if (!q.quoted || !q.cue || !q.cue_len || !q.taken) {
        free(q.quoted); free(q.cue); free(q.cue_len); free(q.taken);
        return DL_ERR_NOMEM;
    }
    dl_mark_quoted(doc, q.quoted);
    find_cues(&q);
    /* quotations first (a mixed quote is left to reported speech), then
     * reported speech, then the speakers of continued quotations */
    direct_quotes(&q);
    reported_speech(&q);
    if (doc->quotes.n) qsort(doc->quotes.v, doc->quotes.n, sizeof *doc->quotes.v, by_offset);
    choose_speakers(&q);
    conjoined_speakers(&q);
    if (doc->quotes.n) qsort(doc->quotes.v, doc->quotes.n, sizeof *doc->quotes.v, by_offset);
    continuations(doc);
    free(q.quoted);
    free(q.cue);
    free(q.cue_len);
    free(q.taken);
    return DL_OK;
}

long dl_quote_at(const dl_doc *doc, size_t tok) {
    if (tok >= doc->toks.n) return -1;
    uint32_t off = doc->toks.v[tok].off;
    for (size_t i = 0; i < doc->quotes.n; i++) {
        const dl_quote *q = &doc->quotes.v[i];
        if (off >= q->off && off < q->off + q->len) return (long)i;
    }
    return -1;
}
