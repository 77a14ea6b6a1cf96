/*
 * quote/quote.c -- direct quotations and reported speech, with speakers.
 *
 * Direct: text between quotation marks of any style (a curly opener may
 * close with a straight mark), over several sentences, and over paragraphs
 * when the next paragraph opens a quote again; pieces split by an
 * attribution ('"We will stay," he said, "until ..."') are joined.  Short
 * quoted fragments without final punctuation are scare quotes or titles and
 * are left alone.
 * Reported: SPEAKER CUE [that] CLAUSE ("Khamenei noted that ...", "He said
 * Iraq ...", "..., saying Iraq ..."), and "according to SPEAKER".
 * Speakers are the actor mentions the actor stage resolved (names, titles,
 * pronouns); a quote without attribution in its sentence takes the speaker
 * of the speech act just before it.
 */
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "core/strbuf.h"
#include "quote/quote.h"
#include "tokenize/tokenize.h"

/* Verbs of saying.  "strong" ones introduce a clause without "that"
 * ("he said Iraq has ..."); the others need "that" before the content. */
static const struct { const char *word; int strong; } CUES[] = {
    {"said", 1}, {"says", 1}, {"saying", 1}, {"say", 1}, {"told", 1}, {"tells", 1},
    {"added", 1}, {"adding", 1}, {"asserted", 0}, {"asserts", 0}, {"noted", 0}, {"notes", 0},
    {"noting", 0}, {"stressed", 0}, {"stresses", 0}, {"stressing", 0}, {"emphasized", 0},
    {"emphasised", 0}, {"emphasizes", 0}, {"emphasizing", 0}, {"underlined", 0},
    {"underscored", 0}, {"underscoring", 0}, {"reiterated", 0}, {"warned", 0}, {"warns", 0},
    {"urged", 0}, {"urges", 0}, {"accused", 0}, {"accuses", 0}, {"stated", 0}, {"states", 0}, {"declared", 0}, {"announced", 0},
    {"insisted", 0}, {"argued", 0}, {"claimed", 0}, {"explained", 0}, {"believes", 0},
    {"maintained", 0}, {"acknowledged", 0}, {"admitted", 0}, {"confirmed", 0},
    {"denied", 0}, {"suggested", 0}, {"indicated", 0}, {"contended", 0}, {"remarked", 0},
    {"asked", 0}, {"wrote", 0}, {"replied", 1}, {"continued", 0}, {"observed", 0},
    {"predicted", 0}, {"promised", 0}, {"vowed", 0}, {"pledged", 0}, {"recalled", 0},
    {"affirmed", 0}, {"reaffirmed", 0}, {"highlighted", 0}, {"mentioned", 0}, {"pointed", 0},
    {"concluded", 0}, {"proclaimed", 0}, {"tweeted", 1}, {"posted", 0}, {"explains", 0},
    {"expressed", 0}, {"hoped", 0}, {NULL, 0}};

static int cue_strength(const char *w) {
    for (int i = 0; CUES[i].word; i++)
        if (strcmp(CUES[i].word, w) == 0) return CUES[i].strong ? 2 : 1;
    return 0;
}

static int is_punct(const dl_doc *doc, size_t i, char c) {
    return i < doc->toks.n && doc->toks.v[i].kind == DL_TOK_PUNCT && doc->toks.v[i].len == 1 &&
           DL_SPAN_PTR(doc, doc->toks.v[i].off)[0] == c;
}

static size_t sent_end(const dl_doc *doc, size_t tok) {
    const dl_sent *s = &doc->sents.v[doc->toks.v[tok].sent];
    return s->tok0 + s->ntok;
}

/* The actor mention covering token tok, or -1. */
static long mention_at(const dl_doc *doc, size_t tok) {
    return doc->tok_mention && tok < doc->toks.n ? doc->tok_mention[tok] : -1;
}

/* ---- quote records --------------------------------------------------------- */

static dl_quote *new_quote(dl_doc *doc, int direct, size_t t0, size_t t1) {
    dl_quote *q = DL_VEC_PUSH(&doc->quotes);
    if (!q) return NULL;
    const dl_token *a = &doc->toks.v[t0], *b = &doc->toks.v[t1 - 1];
    q->direct = (uint8_t)direct;
    q->speaker = -1;
    q->off = a->off;
    q->len = b->off + b->len - a->off;
    q->sent = a->sent;
    return q;
}

static void set_cue(dl_doc *doc, dl_quote *q, size_t tok) {
    const dl_token *t = &doc->toks.v[tok];
    q->cue = dl_arena_strndup(&doc->arena, DL_SPAN_PTR(doc, t->off), t->len);
    q->cue_off = t->off;
}

/* The speaker before a cue: the nearest mention before it in the sentence
 * that is not inside a prepositional phrase or a quotation. */
/* Is mention x the subject of the clause that reaches cue: directly before
 * it, or followed by a verb-like word (not a preposition), not itself the
 * object of a verb before it? */
static int looks_like_subject(const dl_doc *doc, const dl_mention *x, size_t cue) {
    static const char *const preps[] = {"for", "of", "in", "on", "at", "with", "to", "from", "by",
                                        "and", "as", "over", "about", NULL};
    size_t after = x->tok0 + x->ntok;
    if (after == cue) return 1;
    if (x->tok0 > 0) {
        const dl_token *b = &doc->toks.v[x->tok0 - 1];
        /* after a lower-case verb ("thanked Germany") it is an object */
        size_t bl = strlen(b->norm);
        if (b->kind == DL_TOK_WORD && !(b->flags & DL_TF_CAP) && bl > 3 &&
            strcmp(b->norm + bl - 2, "ed") == 0)
            return 0;
    }
    if (after >= doc->toks.n) return 0;
    const dl_token *t = &doc->toks.v[after];
    if (t->norm[0] == ',') return 1;   /* "Khamenei, the Leader ..., said" */
    if (t->kind != DL_TOK_WORD || (t->flags & DL_TF_CAP)) return 0;
    if (dl_word_in(t->norm, preps)) return 0;
    return 1;
}

static long speaker_before(const dl_doc *doc, size_t cue, const uint8_t *quoted) {
    static const char *const preps[] = {"with", "of", "by", "to", "for", "from", "about", "against",
                                        "between", "over", "on", "in", NULL};
    size_t s0 = doc->sents.v[doc->toks.v[cue].sent].tok0;
    long fallback = -1;
    for (size_t i = cue; i-- > s0;) {
        if (quoted[i]) continue;
        long m = mention_at(doc, i);
        if (m < 0 || doc->mentions.v[m].actor < 0) continue;
        const dl_mention *x = &doc->mentions.v[m];
        size_t b = x->tok0;   /* the word before the mention, past a determiner */
        if (b > s0 && (dl_tok_is(doc, b - 1, "the") || dl_tok_is(doc, b - 1, "a"))) b--;
        int in_pp = 0;
        in_pp = b > s0 && dl_word_in(doc->toks.v[b - 1].norm, preps);
        /* "a spokesman for the State Department": the department speaks */
        static const char *const voices[] = {"spokesman", "spokeswoman", "spokesperson", "official",
                                             "officials", "envoy", "representative", "ambassador",
                                             "minister", "statement", NULL};
        int voice = 0;
        voice = b >= s0 + 2 && dl_word_in(doc->toks.v[b - 2].norm, voices);
        if (in_pp && voice && (dl_tok_is(doc, b - 1, "for") || dl_tok_is(doc, b - 1, "of")) &&
            !dl_tok_is(doc, b - 2, "statement"))
            return m;
        if (in_pp) { i = x->tok0; continue; }
        const dl_actor *a = &doc->actors.v[x->actor];
        if (a->type && (strcmp(a->type, "PER") == 0 || strcmp(a->type, "ORG") == 0 ||
                        strcmp(a->type, "NORP") == 0 || strcmp(a->type, "GPE") == 0)) {
            /* "Zelensky thanked Germany ... and urged": the object is no speaker */
            if (looks_like_subject(doc, x, cue)) return m;
            if (fallback < 0) fallback = m;
        }
        i = x->tok0;
    }
    return fallback;
}

static char *speaker_words(dl_doc *doc, size_t cue, const uint8_t *quoted);

/* ---- direct quotations ----------------------------------------------------- */

/* Attribution after a closing mark: ', he said', 'said Khamenei',
 * 'Rashid added'.  Returns the cue token (and the mention) or 0. */
static size_t attribution_after(const dl_doc *doc, size_t close, long *mention) {
    size_t end = sent_end(doc, close), i = close + 1;
    if (i < doc->toks.n && doc->toks.v[i].sent != doc->toks.v[close].sent) end = sent_end(doc, i);
    if (is_punct(doc, i, ',')) i++;
    for (size_t k = i; k < end && k < i + 12; k++) {
        if (doc->toks.v[k].kind == DL_TOK_QUOTE) break;
        if (cue_strength(doc->toks.v[k].norm)) {
            /* the speaker: the mention nearest before the cue ("Iraqi President
             * Rashid said"), else the first after it ("said Khamenei") */
            long m = -1;
            for (size_t j = k; j-- > i && m < 0;) {
                m = mention_at(doc, j);
                if (m >= 0 && doc->mentions.v[m].actor < 0 && doc->mentions.v[m].kind != DL_MENTION_PRONOUN) m = -1;
            }
            for (size_t j = k + 1; j < k + 5 && j < end && m < 0; j++) {
                m = mention_at(doc, j);
                if (m >= 0 && doc->mentions.v[m].actor < 0 && doc->mentions.v[m].kind != DL_MENTION_PRONOUN) m = -1;
            }
            *mention = m;
            return k;
        }
    }
    return 0;
}

/* Attribution before an opening mark in the same sentence: 'Khamenei said:' */
static size_t attribution_before(const dl_doc *doc, size_t open, long *mention, const uint8_t *quoted) {
    size_t s0 = doc->sents.v[doc->toks.v[open].sent].tok0;
    for (size_t k = open; k-- > s0 && k + 8 > open;) {
        if (quoted[k]) break;
        if (cue_strength(doc->toks.v[k].norm)) {
            *mention = speaker_before(doc, k, quoted);
            return k;
        }
    }
    return 0;
}

static int worth_quoting(const dl_doc *doc, size_t open, size_t close) {
    size_t words = 0;
    for (size_t i = open + 1; i < close; i++) words += doc->toks.v[i].kind == DL_TOK_WORD;
    if (words >= 6) return 1;
    const dl_token *last = &doc->toks.v[close - 1];
    char c = DL_SPAN_PTR(doc, last->off)[0];
    return words >= 2 && last->kind == DL_TOK_PUNCT && (c == ',' || c == '.' || c == '?' || c == '!');
}

/* The document's quotations in text order (tokenize.h gives the rules). */
static size_t find_spans(const dl_doc *doc, dl_qspan *spans, size_t cap) {
    size_t n = 0, pos = 0;
    while (n < cap && dl_quote_span_next(doc, &pos, &spans[n])) n++;
    return n;
}

/* Appends the body text of tokens (a, b) exclusive to the buffer. */
static void add_text(const dl_doc *doc, dl_strbuf *b, size_t a, size_t z) {
    if (z <= a + 1) return;
    const dl_token *first = &doc->toks.v[a + 1], *last = &doc->toks.v[z - 1];
    size_t i = first->off, end = last->off + last->len;
    if (b->len) dl_strbuf_addc(b, ' ');
    /* paragraph breaks inside a running quote become spaces; interior
     * quotation marks of a continued paragraph are dropped */
    for (size_t k = a + 1; k < z; k++) {
        const dl_token *t = &doc->toks.v[k];
        if (t->kind == DL_TOK_QUOTE) continue;
        if (t->off > i) dl_strbuf_addc(b, ' ');
        dl_strbuf_add(b, DL_SPAN_PTR(doc, t->off), t->len);
        i = t->off + t->len;
    }
    (void)end;
}

/* The speech act (quote) nearest before offset off, if it lies at most two
 * sentences before sentence sent; else NULL. */
static const dl_quote *previous_speech(const dl_doc *doc, uint32_t off, uint32_t sent) {
    const dl_quote *best = NULL;
    for (size_t i = 0; i < doc->quotes.n; i++) {
        const dl_quote *q = &doc->quotes.v[i];
        if (q->off < off && (!best || q->off > best->off)) best = q;
    }
    return best && best->sent + 2 >= sent ? best : NULL;
}

static void direct_quotes(dl_doc *doc, const uint8_t *quoted) {
    dl_qspan spans[1024];
    size_t n = find_spans(doc, spans, sizeof spans / sizeof *spans);
    for (size_t k = 0; k < n; k++) {
        size_t open = spans[k].open, close = spans[k].close;
        if (!worth_quoting(doc, open, close)) continue;
        dl_strbuf text;
        dl_strbuf_init(&text);
        add_text(doc, &text, open, close);
        size_t last_close = close;
        long mention = -1;
        size_t cue = close < doc->toks.n ? attribution_after(doc, close, &mention) : 0;
        /* a split quote: '"...," he said, "..."' */
        while (cue && k + 1 < n && spans[k + 1].open > cue && spans[k + 1].open <= cue + 4 &&
               doc->toks.v[spans[k + 1].open].sent == doc->toks.v[cue].sent) {
            k++;
            add_text(doc, &text, spans[k].open, spans[k].close);
            last_close = spans[k].close;
        }
        if (!cue) cue = attribution_before(doc, open, &mention, quoted);
        const dl_quote *prev = cue ? NULL : previous_speech(doc, doc->toks.v[open].off, doc->toks.v[open].sent);
        int prev_speaker = prev ? prev->speaker : -1;
        char *prev_cue = prev ? prev->cue : NULL;
        uint32_t prev_cue_off = prev ? prev->cue_off : 0;
        dl_quote *q = new_quote(doc, 1, open + 1, last_close > open + 1 ? last_close : open + 2);
        if (!q) { dl_strbuf_release(&text); return; }
        q->text = dl_arena_strndup(&doc->arena, text.s ? text.s : "", text.len);
        dl_strbuf_release(&text);
        if (cue) {
            set_cue(doc, q, cue);
            if (mention >= 0) q->speaker = doc->mentions.v[mention].actor;
            else if (cue > last_close) q->speaker_text = speaker_words(doc, cue, quoted);
        } else {
            /* no attribution: the speaker of the speech act just before */
            q->speaker = prev_speaker;
            q->cue = prev_cue;
            q->cue_off = prev_cue_off;
        }
    }
}

/* ---- reported speech ------------------------------------------------------- */

static const char *const STOP_AFTER[] = {"according", NULL};

/* The content of reported speech after a cue: skip "that", a told-object,
 * or a short prepositional phrase ("said in a statement that"). */
static size_t content_start(const dl_doc *doc, size_t cue, size_t end, int strength) {
    size_t i = cue + 1;
    if (strcmp(doc->toks.v[cue].norm, "pointed") == 0) {
        if (!dl_tok_is(doc, i, "out")) return 0;
        i++;
    }
    if (strcmp(doc->toks.v[cue].norm, "told") == 0 || strcmp(doc->toks.v[cue].norm, "tells") == 0) {
        long m = mention_at(doc, i);
        if (m >= 0) i = doc->mentions.v[m].tok0 + doc->mentions.v[m].ntok;
        else if (i < end && doc->toks.v[i].kind == DL_TOK_WORD) i++;   /* "told reporters" */
    }
    /* "accused Israel of ...", "urged Iran to ...", "warned Washington against ...":
     * the content is the object and what it is accused of or urged to do */
    static const char *const object_cues[] = {"accused", "accuses", "urged", "urges", "warned",
                                              "warns", NULL};
    if (dl_word_in(doc->toks.v[cue].norm, object_cues)) {
        for (size_t k = i + 1; k < end && k < i + 7; k++) {
            if (dl_tok_is(doc, k, "that")) break;
            if (dl_tok_is(doc, k, "of") || dl_tok_is(doc, k, "to") || dl_tok_is(doc, k, "against"))
                return doc->toks.v[i].kind == DL_TOK_WORD ? i : 0;
            if (doc->toks.v[k].kind == DL_TOK_PUNCT) return 0;
        }
    }
    for (size_t k = i; k < end && k < i + 8; k++)
        if (dl_tok_is(doc, k, "that")) {
            static const char *const pp_words[] = {"in", "on", "at", "during", "to", NULL};
            int pp = i < end && dl_word_in(doc->toks.v[i].norm, pp_words);
            if (k == i || pp) return k + 1;
            break;
        }
    if (strength < 2) return 0;
    /* "said on Tuesday it had ...", "said late on Monday the talks ..." */
    static const char *const when[] = {"on", "late", "early", "earlier", "later", "yesterday",
                                       "today", "tonight", "last", "this", "in", NULL};
    for (int guard = 0; guard < 2 && i < end; guard++) {
        int skip = 0;
        skip = dl_word_in(doc->toks.v[i].norm, when);
        if (!skip) break;
        size_t k = i + 1;
        while (k < end && k < i + 4 && (doc->toks.v[k].flags & DL_TF_CAP) == 0 &&
               doc->toks.v[k].kind == DL_TOK_WORD && !dl_tok_is(doc, k, "it") && !dl_tok_is(doc, k, "the"))
            k++;
        if (k < end && (doc->toks.v[k].flags & DL_TF_CAP) && k < i + 4) k++;   /* "on Tuesday" */
        if (k >= end || k == i) break;
        i = k;
    }
    if (i >= end || doc->toks.v[i].kind != DL_TOK_WORD) return 0;
    /* a clause must follow: a name, a pronoun, a determiner */
    const dl_token *t = &doc->toks.v[i];
    static const char *const starters[] = {"the", "a", "an", "it", "he", "she", "they", "we", "i",
                                           "this", "there", "his", "her", "their", "its", NULL};
    if (t->flags & DL_TF_CAP) return i;
    if (dl_word_in(t->norm, starters)) return i;
    /* a bare noun subject: "said talks would resume" */
    static const char *const aux[] = {"would", "will", "is", "are", "was", "were", "has", "have",
                                      "had", "could", "should", "can", "may", "must", "might", NULL};
    for (size_t k = i + 1; k < end && k <= i + 3; k++)
        if (dl_word_in(doc->toks.v[k].norm, aux)) return i;
    return 0;
}

static size_t content_end(const dl_doc *doc, size_t start, size_t end) {
    for (size_t k = start; k < end; k++) {
        if (is_punct(doc, k, ',') && k + 1 < end) {
            if (dl_word_in(doc->toks.v[k + 1].norm, STOP_AFTER)) return k;
        }
        if (doc->toks.v[k].kind == DL_TOK_QUOTE) return k;
    }
    while (end > start && doc->toks.v[end - 1].kind == DL_TOK_PUNCT) end--;
    return end;
}

/* The words naming an unknown speaker before a cue ("officials", "a source
 * close to the talks"): back to the previous punctuation, at most 8 words. */
static char *speaker_words(dl_doc *doc, size_t cue, const uint8_t *quoted) {
    size_t s0 = doc->sents.v[doc->toks.v[cue].sent].tok0, k = cue;
    while (k > s0 && cue - k < 8) {
        const dl_token *t = &doc->toks.v[k - 1];
        if (quoted[k - 1] || t->kind == DL_TOK_PUNCT || t->kind == DL_TOK_QUOTE) break;
        k--;
    }
    /* drop auxiliaries between the speaker and the cue ("have been") */
    size_t e = cue;
    static const char *const aux[] = {"has", "have", "had", "been", "was", "were", "is", "are",
                                      "also", "later", "again", "then", "had", "previously", NULL};
    for (int changed = 1; changed && e > k;) {
        changed = 0;
        if (dl_word_in(doc->toks.v[e - 1].norm, aux)) { e--; changed = 1; }
    }
    if (e <= k) return NULL;
    const dl_token *a = &doc->toks.v[k], *b = &doc->toks.v[e - 1];
    return dl_arena_strndup(&doc->arena, DL_SPAN_PTR(doc, a->off), b->off + b->len - a->off);
}

/* "..., according to X" and "According to X, ...": X said the rest. */
static void according_to(dl_doc *doc, const uint8_t *quoted) {
    for (size_t i = 0; i + 2 < doc->toks.n; i++) {
        if (quoted[i] || !dl_tok_is(doc, i, "according") || !dl_tok_is(doc, i + 1, "to")) continue;
        const dl_sent *s = &doc->sents.v[doc->toks.v[i].sent];
        size_t s0 = s->tok0, end = s0 + s->ntok;
        int taken = 0;   /* "X said that ..., according to a readout": X's already */
        for (size_t k = 0; k < doc->quotes.n; k++) taken |= doc->quotes.v[k].sent == doc->toks.v[i].sent;
        if (taken) continue;
        long m = mention_at(doc, i + 2);
        size_t c0, c1;
        if (i == s0) {          /* According to X, CONTENT. */
            c0 = i + 2;
            while (c0 < end && !is_punct(doc, c0, ',')) c0++;
            c0++;
            c1 = end;
            while (c1 > c0 && doc->toks.v[c1 - 1].kind == DL_TOK_PUNCT) c1--;
        } else {                /* CONTENT, according to X. */
            c0 = s0;
            c1 = i > s0 && is_punct(doc, i - 1, ',') ? i - 1 : i;
        }
        if (c1 < c0 + 3 || c1 > end) continue;
        dl_quote *q = new_quote(doc, 0, c0, c1);
        if (!q) return;
        q->text = dl_arena_strndup(&doc->arena, DL_SPAN_PTR(doc, q->off), q->len);
        set_cue(doc, q, i);
        q->cue = dl_arena_strdup(&doc->arena, "according to");
        if (m >= 0 && doc->mentions.v[m].actor >= 0) q->speaker = doc->mentions.v[m].actor;
        else {
            size_t k = i + 2;
            while (k < end && !is_punct(doc, k, ',') && !is_punct(doc, k, '.')) k++;
            if (k > i + 2) {
                const dl_token *a = &doc->toks.v[i + 2], *b = &doc->toks.v[k - 1];
                q->speaker_text = dl_arena_strndup(&doc->arena, DL_SPAN_PTR(doc, a->off), b->off + b->len - a->off);
            }
        }
    }
}

/* "CONTENT, officials said." / "CONTENT, the ministry said on Monday.": an
 * attribution closing the sentence makes the part before the comma the
 * content.  Returns 1 when it took the cue. */
static int trailing_attribution(dl_doc *doc, size_t cue, size_t end, const uint8_t *quoted) {
    size_t s0 = doc->sents.v[doc->toks.v[cue].sent].tok0;
    /* after the cue: at most "on Monday" / "in a statement" before the period */
    size_t k = cue + 1;
    while (k < end && doc->toks.v[k].kind == DL_TOK_WORD && k < cue + 5) k++;
    if (k != end - 1 || doc->toks.v[k].kind != DL_TOK_PUNCT || doc->toks.v[k].norm[0] != '.') return 0;
    /* before the cue: ", SPEAKER" with at most six words */
    size_t comma = cue;
    while (comma > s0 && cue - comma < 8 && !is_punct(doc, comma - 1, ',')) comma--;
    if (comma <= s0 + 3 || !is_punct(doc, comma - 1, ',') || quoted[comma - 2]) return 0;
    if (comma == cue) return 0;
    long m = -1;
    for (size_t j = comma; j < cue && m < 0; j++) {
        m = mention_at(doc, j);
        if (m >= 0 && doc->mentions.v[m].actor < 0) m = -1;
    }
    dl_quote *q = new_quote(doc, 0, s0, comma - 1);
    if (!q) return 1;
    q->text = dl_arena_strndup(&doc->arena, DL_SPAN_PTR(doc, q->off), q->len);
    set_cue(doc, q, cue);
    if (m >= 0) q->speaker = doc->mentions.v[m].actor;
    else q->speaker_text = speaker_words(doc, cue, quoted);
    return 1;
}

static void reported_speech(dl_doc *doc, const uint8_t *quoted) {
    for (size_t i = 0; i < doc->toks.n; i++) {
        if (quoted[i]) continue;
        int strength = cue_strength(doc->toks.v[i].norm);
        if (!strength) continue;
        size_t end = sent_end(doc, i);
        if (trailing_attribution(doc, i, end, quoted)) continue;
        size_t c0 = content_start(doc, i, end, strength);
        if (!c0 || c0 >= end || quoted[c0]) continue;
        size_t c1 = content_end(doc, c0, end);
        if (c1 < c0 + 3) continue;
        long m = speaker_before(doc, i, quoted);
        dl_quote *q = new_quote(doc, 0, c0, c1);
        if (!q) return;
        q->text = dl_arena_strndup(&doc->arena, DL_SPAN_PTR(doc, q->off), q->len);
        set_cue(doc, q, i);
        if (m >= 0) q->speaker = doc->mentions.v[m].actor;
        else q->speaker_text = speaker_words(doc, i, quoted);
        i = c1;
    }
}

/* Orders quotes by position so direct and reported speech interleave as in
 * the text. */
static int by_offset(const void *a, const void *b) {
    const dl_quote *x = a, *y = b;
    return (x->off > y->off) - (x->off < y->off);
}

dl_status dl_quote_run(dl_engine *eng, dl_doc *doc) {
    (void)eng;
    if (!doc->toks.n) return DL_OK;
    uint8_t *quoted = calloc(doc->toks.n, 1);
    if (!quoted) return DL_ERR_NOMEM;
    dl_mark_quoted(doc, quoted);
    /* reported speech first, so an unattributed quote can take the speaker of
     * the statement just before it */
    reported_speech(doc, quoted);
    according_to(doc, quoted);
    direct_quotes(doc, quoted);
    if (doc->quotes.n) qsort(doc->quotes.v, doc->quotes.n, sizeof *doc->quotes.v, by_offset);
    free(quoted);
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
