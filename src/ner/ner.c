/*
 * ner/ner.c -- named entities: a greedy left-to-right averaged perceptron
 * over BILOU labels (Ratinov & Roth 2009 found BILOU better than BIO) for
 * PER, ORG, LOC and MISC, trained on CoNLL-2003.  Features: word, normal
 * form, affixes 1-4, shapes, words and shapes +-2, the two previous labels,
 * whether the sentence is an all-caps headline, and a document memory (the
 * label most often given to the same word earlier in the document, Ratinov
 * & Roth's "extended prediction history").  Decoding only takes label
 * sequences that form well-nested spans.
 */
#include "ner/ner.h"

#include <stdlib.h>
#include <string.h>

#include "learn/cluster.h"
#include "learn/hash.h"
#include "learn/lm.h"
#include "learn/model.h"
#include "learn/u64map.h"
#include "learn/word.h"
#include "learn/train_util.h"

#define NCLASS 17   /* O, then B I L U for each of the 4 types */
#define PAD 2
#define MAXFEAT 96
#define GZ_MAXLEN 6   /* longest name in the gazetteer, in words */

enum { P_B = 0, P_I = 1, P_L = 2, P_U = 3 };

static const char *const TYPE_NAMES[DL_ENT_NTYPES] = {"PER", "ORG", "LOC", "MISC"};

const char *dl_ent_type_name(int type) {
    return type >= 0 && type < DL_ENT_NTYPES ? TYPE_NAMES[type] : "O";
}

/* A gazetteer: names (word sequences, by the words' normal forms) and the
 * entity types they are listed as, in an open-addressing table. */
typedef struct {
    uint32_t fp;     /* high 32 bits of the name's hash, | 1; 0 = empty */
    uint32_t types;  /* bit t: listed as type t */
} gz_slot;

/* What the features look up besides the weights: word classes and names. */
typedef struct {
    dl_clusters cl;
    const gz_slot *gz;   /* NULL: no gazetteer */
    uint32_t gz_mask;
} ner_lex;

struct dl_ner {
    dl_model *model;
    dl_lm lm;
    dl_lm lm2;       /* second pass (nslot 0 when absent) */
    int uses_tags;   /* trained with part-of-speech tags ("tags" section) */
    ner_lex lex;
};

static int cls_type(int y) { return y ? (y - 1) / 4 : -1; }
static int cls_part(int y) { return y ? (y - 1) % 4 : -1; }
static int cls_make(int type, int part) { return 1 + type * 4 + part; }

/* Whether label y may follow label prev (0 at the start); last: y ends the sentence. */
static int ner_valid(int prev, int y, int last) {
    int open = prev && (cls_part(prev) == P_B || cls_part(prev) == P_I);
    if (open) {
        if (!y || cls_type(y) != cls_type(prev)) return 0;
        return last ? cls_part(y) == P_L : (cls_part(y) == P_I || cls_part(y) == P_L);
    }
    if (!y) return 1;
    if (cls_part(y) == P_I || cls_part(y) == P_L) return 0;
    return !(last && cls_part(y) == P_B);
}

/* ---- sentences, document memory, features ------------------------------------ */

/* Per word: its classes and its place in gazetteer names. */
typedef struct {
    uint16_t cf, cc;      /* fine and coarse class */
    uint64_t gz;          /* sum over types t of 5^t * (0 none, 1 B, 2 I, 3 L, 4 U) */
    uint8_t gzt[DL_ENT_NTYPES];
} nword;

typedef struct {
    dl_word_atoms *w;     /* n + 2*PAD, padded */
    nword *x;             /* n + 2*PAD, padded like w */
    const ner_lex *lex;   /* NULL: no classes, no gazetteer */
    size_t n;
    int caps_sent;        /* every word with letters is upper case */
    const uint64_t *tags; /* tag atoms of the n words, or NULL */
    const uint8_t *first; /* second pass: the first pass's labels of the words */
    const uint64_t *agg;  /* second pass: the first pass's majority label for
                             each word's form over the whole document */
} nsent;

typedef struct {
    dl_u64map map;        /* norm atom -> row */
    uint32_t (*counts)[5];
    size_t cap;
} doc_memory;

static void memory_clear(doc_memory *m) {
    dl_u64map_release(&m->map);
    free(m->counts);
    memset(m, 0, sizeof *m);
}

static uint64_t memory_get(const doc_memory *m, uint64_t norm) {
    long k = dl_u64map_get(&m->map, norm);
    if (k < 0) return 0;
    int best = 0;
    for (int j = 1; j < 5; j++)
        if (m->counts[k][j] > m->counts[k][best]) best = j;
    return (uint64_t)best + 1;
}

static void memory_add(doc_memory *m, uint64_t norm, int type) {
    long k = dl_u64map_put(&m->map, norm, NULL);
    if (k < 0) return;
    if ((size_t)k >= m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 256;
        uint32_t(*c)[5] = realloc(m->counts, nc * sizeof *c);
        if (!c) return;
        memset(c + m->cap, 0, (nc - m->cap) * sizeof *c);
        m->counts = c;
        m->cap = nc;
    }
    m->counts[k][type + 1]++;
}

/* Remembers the labels of the sentence's capitalised words. */
static void memory_learn(doc_memory *m, const nsent *s, const uint8_t *y) {
    for (size_t i = 0; i < s->n; i++) {
        const dl_word_atoms *a = &s->w[PAD + i];
        if (a->flags & DL_W_CAP) memory_add(m, a->norm, cls_type(y[i]));
    }
}

/* The key of a name's hash: its low 4 bits are cleared, for the builder
 * keeps the entity type there while it sorts (gz_build). */
static const gz_slot *gz_find(const ner_lex *lx, uint64_t h) {
    h &= ~(uint64_t)0xf;
    uint32_t fp = (uint32_t)(h >> 32) | 1, i = (uint32_t)h & lx->gz_mask;
    while (lx->gz[i].fp) {
        if (lx->gz[i].fp == fp) return &lx->gz[i];
        i = (i + 1) & lx->gz_mask;
    }
    return NULL;
}

/* The hash of a name: its words' normal forms in order. */
static uint64_t gz_step(uint64_t h, uint64_t norm) { return dl_hash_mix(h, norm); }
#define GZ_SEED 0x47415a45ULL

/* Word classes of the sentence's words, and for each entity type the
 * longest listed names, left to right, as B/I/L/U marks. */
static void lex_prepare(nsent *s) {
    nword *x = s->x + PAD;
    for (size_t i = 0; i < s->n; i++) {
        memset(&x[i], 0, sizeof x[i]);
        x[i].cf = x[i].cc = DL_CLUSTER_NONE;
    }
    if (!s->lex) return;
    for (size_t i = 0; i < s->n; i++) dl_clusters_get(&s->lex->cl, s->w[PAD + i].norm, &x[i].cf, &x[i].cc);
    if (!s->lex->gz) return;
    size_t next[DL_ENT_NTYPES] = {0};   /* first word each type may still mark */
    for (size_t i = 0; i < s->n; i++) {
        size_t best[DL_ENT_NTYPES] = {0};
        uint64_t h = GZ_SEED;
        for (size_t len = 1; len <= GZ_MAXLEN && i + len <= s->n; len++) {
            h = gz_step(h, s->w[PAD + i + len - 1].norm);
            const gz_slot *g = gz_find(s->lex, h);
            if (!g) continue;
            for (int t = 0; t < DL_ENT_NTYPES; t++)
                if (g->types >> t & 1) best[t] = len;
        }
        for (int t = 0; t < DL_ENT_NTYPES; t++) {
            if (!best[t] || i < next[t]) continue;
            for (size_t j = i; j < i + best[t]; j++)
                x[j].gzt[t] = best[t] == 1 ? 4 : j == i ? 1 : j + 1 == i + best[t] ? 3 : 2;
            next[t] = i + best[t];
        }
    }
    for (size_t i = 0; i < s->n; i++) {
        uint64_t g = 0;
        for (int t = DL_ENT_NTYPES - 1; t >= 0; t--) g = g * 5 + x[i].gzt[t];
        x[i].gz = g;
    }
}

/* The padding words around a sentence of s->n words, and their marks. */
static void set_pads(nsent *s) {
    static const dl_word_atoms start = {.raw = 0x5354, .norm = 0x5354, .shape = 0x5354, .sshape = 0x5354};
    static const dl_word_atoms end = {.raw = 0x454e, .norm = 0x454e, .shape = 0x454e, .sshape = 0x454e};
    for (size_t k = 0; k < PAD; k++) {
        s->w[k] = start;
        s->w[PAD + s->n + k] = end;
        memset(&s->x[k], 0, sizeof s->x[k]);
        memset(&s->x[PAD + s->n + k], 0, sizeof s->x[k]);
        s->x[k].cf = s->x[k].cc = 0xfff0;
        s->x[PAD + s->n + k].cf = s->x[PAD + s->n + k].cc = 0xfff1;
    }
}

static void sent_prepare(nsent *s, const dl_wordref *words, size_t n, const uint64_t *tags) {
    s->n = n;
    s->tags = tags;
    s->first = NULL;
    s->agg = NULL;
    int letters = 0, lower = 0;
    set_pads(s);
    for (size_t i = 0; i < n; i++) {
        dl_word_atoms_make(words[i].s, words[i].len, &s->w[PAD + i]);
        uint32_t fl = s->w[PAD + i].flags;
        if (fl & DL_W_ALPHA) letters++;
        if (fl & DL_W_LOWER) lower++;
    }
    s->caps_sent = letters > 1 && !lower;
    lex_prepare(s);
}

static size_t ner_feats(const nsent *s, size_t i, int y1, int y2, uint64_t mem, uint64_t *f) {
    const dl_word_atoms *c = &s->w[PAD + i], *p1 = c - 1, *p2 = c - 2, *n1 = c + 1, *n2 = c + 2;
    uint64_t Y1 = (uint64_t)y1 + 3, Y2 = (uint64_t)y2 + 3, caps = (uint64_t)s->caps_sent;
    size_t k = 0;
    f[k++] = dl_feat1(1, 1);
    f[k++] = dl_feat2(2, c->raw, caps);
    f[k++] = dl_feat1(3, c->norm);
    for (int j = 0; j < 4; j++) {
        f[k++] = dl_feat1(4 + j, c->pre[j]);
        f[k++] = dl_feat1(8 + j, c->suf[j]);
    }
    f[k++] = dl_feat2(12, c->shape, caps);
    f[k++] = dl_feat1(13, Y1);
    f[k++] = dl_feat2(14, Y1, Y2);
    f[k++] = dl_feat2(15, Y1, c->norm);
    f[k++] = dl_feat2(16, Y1, c->shape);
    f[k++] = dl_feat1(17, p1->norm);
    f[k++] = dl_feat1(18, n1->norm);
    f[k++] = dl_feat1(19, p2->norm);
    f[k++] = dl_feat1(20, n2->norm);
    f[k++] = dl_feat2(21, p1->raw, caps);
    f[k++] = dl_feat2(22, n1->raw, caps);
    f[k++] = dl_feat2(23, p1->shape, caps);
    f[k++] = dl_feat2(24, n1->shape, caps);
    f[k++] = dl_feat3(25, p1->sshape, c->sshape, n1->sshape);
    f[k++] = dl_feat2(26, c->norm, n1->norm);
    f[k++] = dl_feat2(27, p1->norm, c->norm);
    f[k++] = dl_feat1(28, c->flags);
    f[k++] = dl_feat2(29, p1->flags, n1->flags);
    f[k++] = dl_feat3(30, i == 0, c->shape, caps);
    f[k++] = dl_feat2(31, i == 0, c->norm);
    f[k++] = dl_feat1(32, p1->suf[2]);
    f[k++] = dl_feat1(33, n1->suf[2]);
    f[k++] = dl_feat1(34, mem);
    f[k++] = dl_feat2(35, mem, c->shape);
    f[k++] = dl_feat2(36, mem, Y1);
    f[k++] = dl_feat2(37, Y1, n1->norm);
    f[k++] = dl_feat2(38, n1->norm, n2->norm);
    f[k++] = dl_feat2(39, p2->norm, p1->norm);
    f[k++] = dl_feat2(40, c->sshape, caps);
    f[k++] = dl_feat2(41, n1->pre[1], n1->shape);
    const nword *xc = &s->x[PAD + i], *xp = xc - 1, *xn = xc + 1;
    if (s->lex && s->lex->cl.slots) {
        f[k++] = dl_feat1(42, xc->cf);
        f[k++] = dl_feat1(43, xc->cc);
        f[k++] = dl_feat1(44, xp->cf);
        f[k++] = dl_feat1(45, xn->cf);
        f[k++] = dl_feat2(46, xc->cf, c->shape);
        f[k++] = dl_feat3(47, xp->cc, xc->cc, xn->cc);
    }
    if (s->lex && s->lex->gz) {
        f[k++] = dl_feat2(50, xc->gz, caps);
        f[k++] = dl_feat1(51, xp->gz);
        f[k++] = dl_feat1(52, xn->gz);
        f[k++] = dl_feat2(53, xc->gz, c->shape);
        for (int t = 0; t < DL_ENT_NTYPES; t++) f[k++] = dl_feat2(54, (uint64_t)t, xc->gzt[t]);
    }
    if (s->tags) {
        uint64_t t0 = s->tags[i], tp = i ? s->tags[i - 1] : 1, tn = i + 1 < s->n ? s->tags[i + 1] : 2;
        f[k++] = dl_feat1(60, t0);
        f[k++] = dl_feat1(61, tp);
        f[k++] = dl_feat1(62, tn);
        f[k++] = dl_feat2(63, t0, tn);
        f[k++] = dl_feat2(64, tp, t0);
        f[k++] = dl_feat3(65, t0, c->shape, caps);
        f[k++] = dl_feat2(66, Y1, t0);
    }
    if (s->first) {
        uint64_t F0 = (uint64_t)s->first[i] + 3, Fp = i ? (uint64_t)s->first[i - 1] + 3 : 1;
        uint64_t Fn = i + 1 < s->n ? (uint64_t)s->first[i + 1] + 3 : 2;
        uint64_t Fn2 = i + 2 < s->n ? (uint64_t)s->first[i + 2] + 3 : 2;
        uint64_t A = s->agg[i], An = i + 1 < s->n ? s->agg[i + 1] : 99;
        f[k++] = dl_feat1(70, F0);
        f[k++] = dl_feat1(71, Fn);
        f[k++] = dl_feat2(72, F0, Fn);
        f[k++] = dl_feat2(73, Y1, F0);
        f[k++] = dl_feat2(74, Fn, Fn2);
        f[k++] = dl_feat2(75, Fp, F0);
        f[k++] = dl_feat1(76, A);
        f[k++] = dl_feat2(77, A, c->shape);
        f[k++] = dl_feat2(78, A, F0);
        f[k++] = dl_feat2(79, A, An);
    }
    return k;
}

static int best_valid(const int32_t *si, const float *sf, int prev, int last) {
    int best = -1;
    for (int y = 0; y < NCLASS; y++) {
        if (!ner_valid(prev, y, last)) continue;
        if (best < 0 || (si ? si[y] > si[best] : sf[y] > sf[best])) best = y;
    }
    return best;
}

/* Labels one sentence with the frozen model. */
static void decode(const dl_lm *lm, const nsent *s, const doc_memory *mem, uint8_t *y) {
    uint64_t f[MAXFEAT];
    int32_t scores[NCLASS];
    int y1 = 0, y2 = 0;
    for (size_t i = 0; i < s->n; i++) {
        size_t nf = ner_feats(s, i, y1, y2, memory_get(mem, s->w[PAD + i].norm), f);
        dl_lm_score(lm, f, nf, scores);
        int b = best_valid(scores, NULL, y1, i + 1 == s->n);
        y[i] = (uint8_t)b;
        y2 = y1;
        y1 = b;
    }
}

/* BILOU -> BIO codes of ner.h (0 O, 1+2t B, 2+2t I). */
static uint8_t to_bio(int y) {
    if (!y) return 0;
    int t = cls_type(y), p = cls_part(y);
    return (uint8_t)(p == P_B || p == P_U ? 1 + 2 * t : 2 + 2 * t);
}

int dl_ner_uses_tags(const dl_ner *m) { return m->uses_tags; }

/* The first pass's majority label type for each word of the document (by
 * normal form, over capitalised occurrences): agg[i], 0 when none.  a: the
 * atoms of the document's words. */
static void aggregate_atoms(const dl_word_atoms *a, size_t nwords, const uint8_t *first, uint64_t *agg) {
    doc_memory all;
    memset(&all, 0, sizeof all);
    for (size_t i = 0; i < nwords; i++)
        if (a[i].flags & DL_W_CAP) memory_add(&all, a[i].norm, cls_type(first[i]));
    for (size_t i = 0; i < nwords; i++) agg[i] = memory_get(&all, a[i].norm);
    memory_clear(&all);
}

/* The same from the words (training, where no atoms are kept). */
static dl_status doc_aggregate(const dl_wordref *words, size_t nwords, const uint8_t *first,
                               uint64_t *agg) {
    dl_word_atoms *a = malloc((nwords + 1) * sizeof *a);
    if (!a) return DL_ERR_NOMEM;
    for (size_t i = 0; i < nwords; i++) dl_word_atoms_make(words[i].s, words[i].len, &a[i]);
    aggregate_atoms(a, nwords, first, agg);
    free(a);
    return DL_OK;
}

/* Keeps a prepared sentence's atoms and marks (words w0.. of the
 * document), and brings them back for the second pass, which would
 * otherwise compute them again. */
static void sent_keep(const nsent *s, dl_word_atoms *a, nword *x, uint8_t *caps) {
    memcpy(a, s->w + PAD, s->n * sizeof *a);
    memcpy(x, s->x + PAD, s->n * sizeof *x);
    *caps = (uint8_t)s->caps_sent;
}

static void sent_restore(nsent *s, const dl_word_atoms *a, const nword *x, size_t n, uint8_t caps,
                         const uint64_t *tags) {
    s->n = n;
    s->tags = tags;
    s->first = NULL;
    s->agg = NULL;
    memcpy(s->w + PAD, a, n * sizeof *a);
    memcpy(s->x + PAD, x, n * sizeof *x);
    set_pads(s);
    s->caps_sent = caps;
}

/* Labels a document (BILOU classes in y) with lm; with lm2, a second pass
 * over the first pass's labels.  tags may be NULL. */
static dl_status label_doc(const dl_lm *lm, const dl_lm *lm2, const ner_lex *lex, const dl_wordref *words,
                           size_t nwords, const uint32_t (*sents)[2], size_t nsents,
                           const uint64_t *tags, uint8_t *y) {
    size_t maxn = 1;
    for (size_t k = 0; k < nsents; k++) {
        if ((size_t)sents[k][0] + sents[k][1] > nwords) return DL_ERR_USAGE;
        if (sents[k][1] > maxn) maxn = sents[k][1];
    }
    nsent s;
    s.w = malloc((maxn + 2 * PAD) * sizeof *s.w);
    s.x = malloc((maxn + 2 * PAD) * sizeof *s.x);
    s.lex = lex;
    uint8_t *first = lm2 ? calloc(nwords + 1, 1) : NULL;
    uint64_t *agg = lm2 ? calloc(nwords + 1, sizeof *agg) : NULL;
    dl_word_atoms *atoms = lm2 ? malloc((nwords + 1) * sizeof *atoms) : NULL;
    nword *marks = lm2 ? malloc((nwords + 1) * sizeof *marks) : NULL;
    uint8_t *caps = lm2 ? malloc(nsents + 1) : NULL;
    doc_memory mem;
    memset(&mem, 0, sizeof mem);
    dl_status st = DL_ERR_NOMEM;
    if (!s.w || !s.x || (lm2 && (!first || !agg || !atoms || !marks || !caps))) goto done;
    memset(y, 0, nwords);
    uint8_t *out = lm2 ? first : y;
    for (size_t k = 0; k < nsents; k++) {
        sent_prepare(&s, words + sents[k][0], sents[k][1], tags ? tags + sents[k][0] : NULL);
        decode(lm, &s, &mem, out + sents[k][0]);
        memory_learn(&mem, &s, out + sents[k][0]);
        if (lm2) sent_keep(&s, atoms + sents[k][0], marks + sents[k][0], &caps[k]);
    }
    if (lm2 && nsents) {
        /* words between sentences (none from the callers here) keep no atoms */
        for (size_t k = 0, w = 0; k < nsents; w = sents[k][0] + sents[k][1], k++)
            for (; w < sents[k][0]; w++) memset(&atoms[w], 0, sizeof atoms[w]);
        aggregate_atoms(atoms, sents[nsents - 1][0] + sents[nsents - 1][1], first, agg);
        memory_clear(&mem);
        for (size_t k = 0; k < nsents; k++) {
            sent_restore(&s, atoms + sents[k][0], marks + sents[k][0], sents[k][1], caps[k],
                         tags ? tags + sents[k][0] : NULL);
            s.first = first + sents[k][0];
            s.agg = agg + sents[k][0];
            decode(lm2, &s, &mem, y + sents[k][0]);
            memory_learn(&mem, &s, y + sents[k][0]);
        }
    }
    st = DL_OK;
done:
    memory_clear(&mem);
    free(s.w);
    free(s.x);
    free(first);
    free(agg);
    free(atoms);
    free(marks);
    free(caps);
    return st;
}

dl_status dl_ner_tag_words(const dl_ner *m, const dl_wordref *words, size_t nwords,
                           const uint32_t (*sents)[2], size_t nsents, const uint64_t *tag_atoms,
                           uint8_t *labels) {
    dl_status st = label_doc(&m->lm, m->lm2.nslot ? &m->lm2 : NULL, &m->lex, words, nwords, sents, nsents,
                             m->uses_tags ? tag_atoms : NULL, labels);
    if (st != DL_OK) return st;
    for (size_t i = 0; i < nwords; i++) labels[i] = to_bio(labels[i]);
    return DL_OK;
}

dl_status dl_ner_find(const dl_ner *m, dl_doc *doc, const dl_syntax *syn, dl_entities *out) {
    memset(out, 0, sizeof *out);
    size_t n = doc->toks.n, ns = doc->sents.n;
    dl_wordref *words = malloc((n + 1) * sizeof *words);
    uint32_t(*sents)[2] = malloc((ns + 1) * sizeof *sents);
    uint8_t *labels = malloc(n + 1);
    dl_status st = DL_ERR_NOMEM;
    if (!words || !sents || !labels) goto done;
    for (size_t i = 0; i < n; i++) {
        words[i].s = DL_SPAN_PTR(doc, doc->toks.v[i].off);
        words[i].len = doc->toks.v[i].len;
    }
    for (size_t k = 0; k < ns; k++) {
        sents[k][0] = doc->sents.v[k].tok0;
        sents[k][1] = doc->sents.v[k].ntok;
    }
    const uint64_t *atoms = syn && syn->tag_atom && syn->n == n ? syn->tag_atom : NULL;
    if ((st = dl_ner_tag_words(m, words, n, (const uint32_t(*)[2])sents, ns, atoms, labels)) != DL_OK)
        goto done;
    size_t count = 0;
    for (size_t i = 0; i < n; i++) count += labels[i] && labels[i] % 2 == 1;
    out->v = dl_arena_alloc(&doc->arena, (count + 1) * sizeof *out->v);
    if (!out->v) { st = DL_ERR_NOMEM; goto done; }
    for (size_t i = 0; i < n; i++) {
        if (!labels[i] || labels[i] % 2 == 0) continue;
        size_t j = i + 1;
        while (j < n && labels[j] == labels[i] + 1 && doc->toks.v[j].sent == doc->toks.v[i].sent) j++;
        dl_entity *e = &out->v[out->n++];
        e->tok0 = (uint32_t)i;
        e->ntok = (uint32_t)(j - i);
        e->off = doc->toks.v[i].off;
        e->len = doc->toks.v[j - 1].off + doc->toks.v[j - 1].len - e->off;
        e->sent = doc->toks.v[i].sent;
        e->type = (uint8_t)((labels[i] - 1) / 2);
    }
    st = DL_OK;
done:
    free(words);
    free(sents);
    free(labels);
    return st;
}

/* ---- loading ------------------------------------------------------------------ */

void dl_ner_free(dl_ner *m) {
    if (!m) return;
    dl_lm_release(&m->lm);
    dl_lm_release(&m->lm2);
    dl_model_close(m->model);
    free(m);
}

/* A "gazetteer" section: 4-byte slot count (a power of two), 4 bytes of
 * padding, the slots. */
static dl_status gz_view(const void *p, size_t len, ner_lex *lx) {
    uint32_t nslot = 0;
    if (len >= 8) memcpy(&nslot, p, 4);
    if (len < 8 || !nslot || (nslot & (nslot - 1)) || len != 8 + (size_t)nslot * sizeof(gz_slot))
        return DL_ERR_DATA;
    const gz_slot *g = (const gz_slot *)((const char *)p + 8);
    size_t empty = 0;
    for (uint32_t i = 0; i < nslot; i++) {
        if (!g[i].fp) empty++;
        else if (!g[i].types || g[i].types >> DL_ENT_NTYPES) return DL_ERR_DATA;
    }
    if (!empty) return DL_ERR_DATA;
    lx->gz = g;
    lx->gz_mask = nslot - 1;
    return DL_OK;
}

static dl_status ner_from_model(dl_model *model, dl_ner **out, char *err, size_t errlen) {
    *out = NULL;
    dl_ner *m = calloc(1, sizeof *m);
    if (!m) { dl_model_close(model); return DL_ERR_NOMEM; }
    m->model = model;
    size_t len, len2;
    const void *sec = dl_model_section(model, "weights", &len);
    char tmp[128];
    m->uses_tags = dl_model_section(model, "tags", &len) != NULL;
    sec = dl_model_section(model, "weights", &len);
    if (!sec || dl_lm_view(sec, len, &m->lm, tmp, sizeof tmp) != DL_OK || m->lm.nclass != NCLASS) {
        if (err) snprintf(err, errlen, "%s: missing or malformed 'weights' section", dl_model_path(model));
        dl_ner_free(m);
        return DL_ERR_DATA;
    }
    sec = dl_model_section(model, "weights2", &len);
    if (sec && (dl_lm_view(sec, len, &m->lm2, tmp, sizeof tmp) != DL_OK || m->lm2.nclass != NCLASS)) {
        if (err) snprintf(err, errlen, "%s: malformed 'weights2' section", dl_model_path(model));
        dl_ner_free(m);
        return DL_ERR_DATA;
    }
    sec = dl_model_section(model, "clusters", &len);
    const void *gz = dl_model_section(model, "gazetteer", &len2);
    if ((sec && dl_clusters_view(sec, len, &m->lex.cl) != DL_OK) ||
        (gz && gz_view(gz, len2, &m->lex) != DL_OK)) {
        if (err) snprintf(err, errlen, "%s: malformed 'clusters' or 'gazetteer' section", dl_model_path(model));
        dl_ner_free(m);
        return DL_ERR_DATA;
    }
    *out = m;
    return DL_OK;
}

dl_status dl_ner_load(const char *path, dl_ner **out, char *err, size_t errlen) {
    dl_model *m;
    *out = NULL;
    dl_status st = dl_model_open(path, "ner", &m, err, errlen);
    if (st != DL_OK) return st;
    return ner_from_model(m, out, err, errlen);
}

/* ---- gold labels and scoring ----------------------------------------------------- */

static int type_of(const char *tag) {
    if (strlen(tag) < 3 || tag[1] != '-') return -1;
    for (int t = 0; t < DL_ENT_NTYPES; t++)
        if (!strcmp(tag + 2, TYPE_NAMES[t])) return t;
    return -1;
}

/* IOB1/IOB2 tags of one sentence -> BIO codes (an I- after another type or
 * after O starts an entity, as conlleval reads them). */
static void gold_bio(const dl_ctok *tk, size_t n, uint8_t *bio) {
    int prev = -1;
    for (size_t i = 0; i < n; i++) {
        int t = type_of(tk[i].ner);
        if (t < 0) { bio[i] = 0; prev = -1; continue; }
        int begin = tk[i].ner[0] == 'B' || prev != t;
        bio[i] = (uint8_t)(begin ? 1 + 2 * t : 2 + 2 * t);
        prev = t;
    }
}

/* BIO codes -> BILOU classes. */
static void bio_to_bilou(const uint8_t *bio, size_t n, uint8_t *y) {
    for (size_t i = 0; i < n; i++) {
        if (!bio[i]) { y[i] = 0; continue; }
        int t = (bio[i] - 1) / 2, begin = bio[i] % 2 == 1;
        int cont = i + 1 < n && bio[i + 1] == 2 + 2 * t;
        y[i] = (uint8_t)cls_make(t, begin ? (cont ? P_B : P_U) : (cont ? P_I : P_L));
    }
}

/* Counts spans of a and b (BIO codes) and the exact matches. */
static void count_spans(const uint8_t *gold, const uint8_t *pred, size_t n, size_t *ng, size_t *np,
                        size_t *nc) {
    for (size_t i = 0; i < n; i++) {
        size_t gj = i, pj = i;
        int gs = gold[i] && gold[i] % 2 == 1, ps = pred[i] && pred[i] % 2 == 1;
        if (gs) { gj = i + 1; while (gj < n && gold[gj] == gold[i] + 1) gj++; (*ng)++; }
        if (ps) { pj = i + 1; while (pj < n && pred[pj] == pred[i] + 1) pj++; (*np)++; }
        if (gs && ps && gold[i] == pred[i] && gj == pj) (*nc)++;
    }
}

/* Tag atoms for every word of c from tagger (sentence by sentence). */
static dl_status corpus_tags(const dl_tagger *tagger, const dl_corpus *c, uint64_t *atoms) {
    size_t maxn = 1;
    for (size_t k = 0; k < c->sents.n; k++)
        if (c->sents.v[k].ntok > maxn) maxn = c->sents.v[k].ntok;
    dl_wordref *w = malloc(maxn * sizeof *w);
    uint16_t *tags = malloc(maxn * sizeof *tags);
    if (!w || !tags) { free(w); free(tags); return DL_ERR_NOMEM; }
    for (size_t k = 0; k < c->sents.n; k++) {
        const dl_csent *se = &c->sents.v[k];
        for (size_t i = 0; i < se->ntok; i++)
            w[i] = (dl_wordref){c->toks.v[se->tok0 + i].form, c->toks.v[se->tok0 + i].len};
        dl_tagger_tag(tagger, w, se->ntok, tags);
        for (size_t i = 0; i < se->ntok; i++) atoms[se->tok0 + i] = dl_tagger_atom(tagger, tags[i]);
    }
    free(w);
    free(tags);
    return DL_OK;
}

dl_status dl_ner_eval(const dl_ner *m, const dl_tagger *tagger, const dl_corpus *test,
                      dl_ner_scores *s) {
    memset(s, 0, sizeof *s);
    size_t n = test->toks.n, ns = test->sents.n;
    dl_wordref *words = malloc((n + 1) * sizeof *words);
    uint32_t(*sents)[2] = malloc((ns + 1) * sizeof *sents);
    uint8_t *pred = malloc(n + 1), *gold = malloc(n + 1);
    uint64_t *atoms = m->uses_tags && tagger ? malloc((n + 1) * sizeof *atoms) : NULL;
    dl_status st = DL_ERR_NOMEM;
    if (!words || !sents || !pred || !gold || (m->uses_tags && tagger && !atoms)) goto done;
    for (size_t i = 0; i < n; i++) {
        words[i].s = test->toks.v[i].form;
        words[i].len = test->toks.v[i].len;
    }
    for (size_t k = 0; k < ns; k++) {
        sents[k][0] = test->sents.v[k].tok0;
        sents[k][1] = test->sents.v[k].ntok;
        gold_bio(&test->toks.v[sents[k][0]], sents[k][1], gold + sents[k][0]);
    }
    /* one call per document, so the document memory resets between them */
    double t0 = dl__now();
    if (atoms && (st = corpus_tags(tagger, test, atoms)) != DL_OK) goto done;
    for (size_t k = 0; k < ns;) {
        size_t e = k + 1;
        while (e < ns && test->sents.v[e].doc == test->sents.v[k].doc) e++;
        size_t w0 = sents[k][0], wn = sents[e - 1][0] + sents[e - 1][1] - w0;
        uint32_t(*ds)[2] = malloc((e - k) * sizeof *ds);
        if (!ds) goto done;
        for (size_t j = k; j < e; j++) {
            ds[j - k][0] = (uint32_t)(sents[j][0] - w0);
            ds[j - k][1] = sents[j][1];
        }
        st = dl_ner_tag_words(m, words + w0, wn, (const uint32_t(*)[2])ds, e - k,
                              atoms ? atoms + w0 : NULL, pred + w0);
        free(ds);
        if (st != DL_OK) goto done;
        k = e;
    }
    s->seconds = dl__now() - t0;
    /* A test set without MISC (Universal NER: PER, ORG, LOC) is scored on
     * the types it has: MISC predictions are dropped, not counted wrong. */
    size_t misc = 0;
    for (size_t i = 0; i < n; i++) misc += gold[i] && (gold[i] - 1) / 2 == DL_ENT_MISC;
    s->no_misc = misc == 0;
    for (size_t i = 0; s->no_misc && i < n; i++)
        if (pred[i] && (pred[i] - 1) / 2 == DL_ENT_MISC) pred[i] = 0;
    for (size_t k = 0; k < ns; k++)
        count_spans(gold + sents[k][0], pred + sents[k][0], sents[k][1], &s->gold, &s->pred,
                    &s->correct);
    s->tokens = n;
    s->p = s->pred ? 100.0 * (double)s->correct / (double)s->pred : 0;
    s->r = s->gold ? 100.0 * (double)s->correct / (double)s->gold : 0;
    s->f1 = s->p + s->r > 0 ? 2 * s->p * s->r / (s->p + s->r) : 0;
    st = DL_OK;
done:
    free(words);
    free(sents);
    free(pred);
    free(gold);
    free(atoms);
    return st;
}

/* ---- training --------------------------------------------------------------------- */

/* ---- the gazetteer from an actors folder (data/actors) ----------------------------- */

typedef DL_VEC(uint64_t) gz_keys;

/* Adds one name (words split at spaces) of type t to the key list. */
static int gz_add_name(gz_keys *keys, const char *name, size_t len, int t) {
    uint64_t h = GZ_SEED;
    size_t words = 0, i = 0;
    while (i < len) {
        while (i < len && name[i] == ' ') i++;
        size_t b = i;
        while (i < len && name[i] != ' ') i++;
        if (i == b) break;
        dl_word_atoms a;
        dl_word_atoms_make(name + b, i - b, &a);
        h = gz_step(h, a.norm);
        words++;
    }
    if (!words || words > GZ_MAXLEN) return 0;
    uint64_t *k = DL_VEC_PUSH(keys);
    if (!k) return -1;
    *k = (h & ~(uint64_t)0xf) | (uint64_t)t;   /* the type rides in the low bits until the table is built */
    return 0;
}

/* Each file of the folder, and which columns hold names of which type:
 * a column of ';'-separated aliases counts as names too. */
static const struct {
    const char *file;
    int cols[3];   /* column numbers from 0, -1 = none */
    int types[3];
} GZ_FILES[] = {
    {"countries.tsv", {1, 2, 3}, {DL_ENT_LOC, DL_ENT_LOC, DL_ENT_MISC}},   /* name, aliases, demonyms */
    {"countries.tsv", {4, -1, -1}, {DL_ENT_LOC, 0, 0}},                    /* capital */
    {"places.tsv", {0, 4, -1}, {DL_ENT_LOC, DL_ENT_LOC, 0}},
    {"organizations.tsv", {0, 4, -1}, {DL_ENT_ORG, DL_ENT_ORG, 0}},
    {"people.tsv", {0, 7, -1}, {DL_ENT_PER, DL_ENT_PER, 0}},
};

static dl_status gz_read_file(const char *dir, size_t fi, gz_keys *keys, char *err, size_t errlen) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, GZ_FILES[fi].file);
    FILE *fp = fopen(path, "r");
    if (!fp) {
        snprintf(err, errlen, "%s: cannot open", path);
        return DL_ERR_IO;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    dl_status st = DL_OK;
    while (st == DL_OK && (got = getline(&line, &cap, fp)) >= 0) {
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r')) line[--got] = '\0';
        if (!got || line[0] == '#') continue;
        char *col[12];
        int nc = 0;
        for (char *p = line; nc < 12;) {
            col[nc++] = p;
            char *tab = strchr(p, '\t');
            if (!tab) break;
            *tab = '\0';
            p = tab + 1;
        }
        for (int c = 0; c < 3 && st == DL_OK; c++) {
            int k = GZ_FILES[fi].cols[c];
            if (k < 0 || k >= nc) continue;
            for (char *p = col[k]; *p && st == DL_OK;) {
                char *semi = strchr(p, ';');
                size_t len = semi ? (size_t)(semi - p) : strlen(p);
                if (gz_add_name(keys, p, len, GZ_FILES[fi].types[c])) st = DL_ERR_NOMEM;
                p += len + (semi != NULL);
            }
        }
    }
    free(line);
    fclose(fp);
    return st;
}

static int u64_less(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The "gazetteer" section from the name lists of an actors folder. */
static dl_status gz_build(const char *dir, dl_strbuf *out, char *err, size_t errlen) {
    gz_keys keys = {0};
    dl_status st = DL_OK;
    for (size_t fi = 0; fi < sizeof GZ_FILES / sizeof *GZ_FILES && st == DL_OK; fi++)
        st = gz_read_file(dir, fi, &keys, err, errlen);
    if (st == DL_OK) {
        qsort(keys.v, keys.n, sizeof *keys.v, u64_less);
        uint32_t nslot = 1024;
        while (nslot < keys.n * 2) nslot *= 2;
        gz_slot *slots = calloc(nslot, sizeof *slots);
        if (!slots) st = DL_ERR_NOMEM;
        for (size_t j = 0; slots && j < keys.n; j++) {
            uint64_t h = keys.v[j] & ~(uint64_t)0xf;
            uint32_t fp = (uint32_t)(h >> 32) | 1, i = (uint32_t)h & (nslot - 1);
            while (slots[i].fp && slots[i].fp != fp) i = (i + 1) & (nslot - 1);
            slots[i].fp = fp;
            slots[i].types |= 1u << (keys.v[j] & 0xf);
        }
        if (slots) {
            uint32_t hdr[2] = {nslot, 0};
            dl_strbuf_add(out, (const char *)hdr, sizeof hdr);
            dl_strbuf_add(out, (const char *)slots, nslot * sizeof *slots);
            if (out->oom) st = DL_ERR_NOMEM;
        }
        free(slots);
    }
    DL_VEC_FREE(&keys);
    return st;
}

static dl_status make_ner_image(const dl_lm *lm, const dl_lm *lm2, int uses_tags, const dl_strbuf *cl,
                                const dl_strbuf *gz, void **img, size_t *len) {
    dl_model_writer w;
    dl_model_writer_init(&w, "ner");
    static const char names[] = "O\0PER\0ORG\0LOC\0MISC";
    dl_model_writer_add(&w, "types", names, sizeof names);
    if (uses_tags) dl_model_writer_add(&w, "tags", "pos", 4);
    if (cl->len) dl_model_writer_add(&w, "clusters", cl->s, cl->len);
    if (gz->len) dl_model_writer_add(&w, "gazetteer", gz->s, gz->len);
    dl_status st = DL_ERR_NOMEM;
    for (int k = 0; k < 2; k++) {
        const dl_lm *m = k ? lm2 : lm;
        if (!m) continue;
        size_t n = dl_lm_size(m);
        char *buf = malloc(n);
        if (!buf) goto done;
        dl_lm_write(m, buf);
        void *ok = dl_model_writer_add(&w, k ? "weights2" : "weights", buf, n);
        free(buf);
        if (!ok) goto done;
    }
    st = dl_model_writer_bytes(&w, img, len);
done:
    dl_model_writer_release(&w);
    return st;
}

typedef struct {
    const dl_corpus *c;
    const dl_wordref *words;
    const uint8_t *gold;      /* BILOU per word */
    const uint64_t *tags;     /* per word, or NULL */
    const uint32_t *docs;     /* first sentence of each document; docs[ndocs] = nsents */
    size_t ndocs;
    uint32_t (*sents)[2];     /* (first word, count) of every sentence */
    nsent s;
    uint8_t *pred;
} ntrain;

/* One perceptron epoch over the documents in order[0..n); the second pass
 * when first (first-pass labels per word) and agg are given. */
static dl_status ner_epoch(ntrain *x, dl_ap *ap, const uint32_t *order, size_t n,
                           const uint8_t *first, const uint64_t *agg, size_t *right,
                           size_t *total) {
    doc_memory mem;
    memset(&mem, 0, sizeof mem);
    for (size_t di = 0; di < n; di++) {
        memory_clear(&mem);
        for (uint32_t k = x->docs[order[di]]; k < x->docs[order[di] + 1]; k++) {
            uint32_t w0 = x->sents[k][0];
            const uint8_t *g = x->gold + w0;
            uint8_t *y = x->pred + w0;
            sent_prepare(&x->s, x->words + w0, x->sents[k][1], x->tags ? x->tags + w0 : NULL);
            if (first) {
                x->s.first = first + w0;
                x->s.agg = agg + w0;
            }
            int y1 = 0, y2 = 0;
            for (size_t i = 0; i < x->s.n; i++) {
                uint64_t f[MAXFEAT];
                float scores[NCLASS] = {0};
                size_t nf = ner_feats(&x->s, i, y1, y2, memory_get(&mem, x->s.w[PAD + i].norm), f);
                dl_ap_score(ap, f, nf, scores);
                int b = best_valid(NULL, scores, y1, i + 1 == x->s.n);
                if (b != g[i] && dl_ap_update(ap, f, nf, g[i], b) != DL_OK) {
                    memory_clear(&mem);
                    return DL_ERR_NOMEM;
                }
                dl_ap_tick(ap);
                *right += b == g[i];
                (*total)++;
                y[i] = (uint8_t)b;
                y2 = y1;
                y1 = b;
            }
            memory_learn(&mem, &x->s, y);
        }
    }
    memory_clear(&mem);
    return DL_OK;
}

/* The words and sentences of document d as label_doc wants them. */
static void doc_span(const ntrain *x, size_t d, size_t *w0, size_t *nw, size_t *s0, size_t *ns) {
    *s0 = x->docs[d];
    *ns = x->docs[d + 1] - x->docs[d];
    *w0 = x->sents[*s0][0];
    size_t last = x->docs[d + 1] - 1;
    *nw = x->sents[last][0] + x->sents[last][1] - *w0;
}

#define NER_FOLDS 5

/* First-pass labels of every training word from models that did not see
 * its document, and the document aggregates over them. */
static dl_status ner_jackknife(ntrain *x, int epochs, int prune, uint64_t seed, uint8_t *first,
                               uint64_t *agg) {
    uint32_t *list = malloc((x->ndocs + 1) * sizeof *list);
    uint32_t(*rel)[2] = malloc((x->c->sents.n + 1) * sizeof *rel);
    if (!list || !rel) { free(list); free(rel); return DL_ERR_NOMEM; }
    dl_status st = DL_OK;
    for (int k = 0; k < NER_FOLDS && st == DL_OK; k++) {
        size_t n = 0;
        for (size_t d = 0; d < x->ndocs; d++)
            if (d % NER_FOLDS != (size_t)k) list[n++] = (uint32_t)d;
        dl_ap *ap = dl_ap_new(NCLASS);
        if (!ap) { st = DL_ERR_NOMEM; break; }
        uint64_t rng = seed + (uint64_t)k;
        size_t right = 0, total = 0;
        for (int e = 0; e < epochs && st == DL_OK; e++) {
            dl__shuffle(list, n, &rng);
            st = ner_epoch(x, ap, list, n, NULL, NULL, &right, &total);
        }
        dl_lm lm;
        if (st == DL_OK) st = dl_ap_freeze(ap, prune, &lm);
        dl_ap_free(ap);
        if (st != DL_OK) break;
        for (size_t d = (size_t)k; d < x->ndocs && st == DL_OK; d += NER_FOLDS) {
            size_t w0, nw, s0, ns;
            doc_span(x, d, &w0, &nw, &s0, &ns);
            for (size_t j = 0; j < ns; j++) {
                rel[j][0] = (uint32_t)(x->sents[s0 + j][0] - w0);
                rel[j][1] = x->sents[s0 + j][1];
            }
            st = label_doc(&lm, NULL, x->s.lex, x->words + w0, nw, (const uint32_t(*)[2])rel, ns,
                           x->tags ? x->tags + w0 : NULL, first + w0);
            if (st == DL_OK)
                st = doc_aggregate(x->words + w0, nw, first + w0, agg + w0);
        }
        dl_lm_release(&lm);
    }
    free(list);
    free(rel);
    return st;
}

dl_status dl_ner_train(const dl_corpus *train, const dl_corpus *dev, const dl_train_opts *o,
                       const char *out_path, char *err, size_t errlen) {
    size_t n = train->toks.n, ns = train->sents.n;
    ntrain x;
    memset(&x, 0, sizeof x);
    uint8_t *gold = malloc(n + 1), *bio = malloc(n + 1), *pred = malloc(n + 1), *first = malloc(n + 1);
    uint64_t *agg = malloc((n + 1) * sizeof *agg);
    uint32_t *docs = malloc((ns + 2) * sizeof *docs);
    uint32_t *order = malloc((ns + 1) * sizeof *order);
    dl_wordref *words = malloc((n + 1) * sizeof *words);
    uint32_t(*sents)[2] = malloc((ns + 1) * sizeof *sents);
    size_t maxn = 1;
    for (size_t k = 0; k < ns; k++)
        if (train->sents.v[k].ntok > maxn) maxn = train->sents.v[k].ntok;
    x.s.w = malloc((maxn + 2 * PAD) * sizeof *x.s.w);
    x.s.x = malloc((maxn + 2 * PAD) * sizeof *x.s.x);
    dl_strbuf cl, gz;
    dl_strbuf_init(&cl);
    dl_strbuf_init(&gz);
    ner_lex lex;
    memset(&lex, 0, sizeof lex);
    dl_ap *ap = NULL;
    dl_lm best1;
    memset(&best1, 0, sizeof best1);
    void *best_img = NULL;
    size_t best_len = 0;
    double best = -1;
    int best_epoch = 0, best_pass = 0;
    dl_tagger *tagger = NULL;
    uint64_t *atoms = NULL;
    dl_status st = DL_ERR_NOMEM;
    if (!gold || !bio || !pred || !first || !agg || !docs || !order || !words || !sents || !x.s.w ||
        !x.s.x)
        goto done;
    if (o->clusters_path && (st = dl_clusters_section(o->clusters_path, &cl, err, errlen)) != DL_OK)
        goto done;
    if (o->gazetteer_dir && (st = gz_build(o->gazetteer_dir, &gz, err, errlen)) != DL_OK) goto done;
    if (cl.len) dl_clusters_view(cl.s, cl.len, &lex.cl);
    if (gz.len) gz_view(gz.s, gz.len, &lex);
    x.s.lex = &lex;
    st = DL_ERR_NOMEM;
    if (o->tagger_path) {
        if ((st = dl_tagger_load(o->tagger_path, &tagger, err, errlen)) != DL_OK) goto done;
        st = DL_ERR_NOMEM;
        if (!(atoms = malloc((n + 1) * sizeof *atoms)) || corpus_tags(tagger, train, atoms) != DL_OK)
            goto done;
    }
    size_t ndocs = 0;
    for (size_t k = 0; k < ns; k++) {
        const dl_csent *se = &train->sents.v[k];
        gold_bio(&train->toks.v[se->tok0], se->ntok, bio + se->tok0);
        bio_to_bilou(bio + se->tok0, se->ntok, gold + se->tok0);
        if (k == 0 || se->doc != train->sents.v[k - 1].doc) docs[ndocs++] = (uint32_t)k;
        sents[k][0] = se->tok0;
        sents[k][1] = se->ntok;
    }
    docs[ndocs] = (uint32_t)ns;
    for (size_t i = 0; i < n; i++) words[i] = (dl_wordref){train->toks.v[i].form, train->toks.v[i].len};
    x.c = train;
    x.words = words;
    x.gold = gold;
    x.tags = atoms;
    x.docs = docs;
    x.ndocs = ndocs;
    x.sents = sents;
    x.pred = pred;

    for (int pass = 1; pass <= 2; pass++) {
        if (pass == 2) {
            double t0 = dl__now();
            if ((st = ner_jackknife(&x, best_epoch, o->prune, o->seed, first, agg)) != DL_OK) goto done;
            size_t right = 0;
            for (size_t i = 0; i < n; i++) right += first[i] == gold[i];
            if (o->log)
                fprintf(o->log, "jackknifed first pass: %.2f%% of words right, %.1fs\n",
                        100.0 * (double)right / (double)(n ? n : 1), dl__now() - t0);
        }
        if (!(ap = dl_ap_new(NCLASS))) { st = DL_ERR_NOMEM; goto done; }
        for (size_t d = 0; d < ndocs; d++) order[d] = (uint32_t)d;
        uint64_t rng = o->seed;
        for (int epoch = 1; epoch <= o->epochs; epoch++) {
            double t0 = dl__now();
            size_t right = 0, total = 0;
            dl__shuffle(order, ndocs, &rng);
            if ((st = ner_epoch(&x, ap, order, ndocs, pass == 2 ? first : NULL, agg, &right, &total)) != DL_OK)
                goto done;
            dl_lm lm;
            void *img = NULL;
            size_t len = 0;
            if ((st = dl_ap_freeze(ap, o->prune, &lm)) != DL_OK) goto done;
            st = pass == 1 ? make_ner_image(&lm, NULL, tagger != NULL, &cl, &gz, &img, &len)
                           : make_ner_image(&best1, &lm, tagger != NULL, &cl, &gz, &img, &len);
            if (st != DL_OK) { dl_lm_release(&lm); goto done; }
            dl_ner_scores sc = {0};
            if (dev) {
                dl_model *m;
                dl_ner *ner;
                if ((st = dl_model_open_mem(img, len, "(trained ner)", "ner", &m, err, errlen)) != DL_OK ||
                    (st = ner_from_model(m, &ner, err, errlen)) != DL_OK) {
                    dl_lm_release(&lm);
                    free(img);
                    goto done;
                }
                dl_ner_eval(ner, tagger, dev, &sc);
                dl_ner_free(ner);
            }
            double score = dev && !o->keep_last ? sc.f1 : (double)(pass * 1000 + epoch);
            if (o->log)
                fprintf(o->log, "pass %d epoch %d: train %.2f%% dev P=%.2f R=%.2f F1=%.2f size=%.2fMB %.1fs\n",
                        pass, epoch, 100.0 * (double)right / (double)(total ? total : 1), sc.p, sc.r,
                        sc.f1, (double)len / 1e6, dl__now() - t0);
            if (pass == 1 && score > best) {
                dl_lm_release(&best1);
                best1 = lm;
                memset(&lm, 0, sizeof lm);
            }
            dl_lm_release(&lm);
            if (score > best) {
                free(best_img);
                best_img = img;
                best_len = len;
                best = score;
                best_epoch = epoch;
                best_pass = pass;
            } else {
                free(img);
            }
        }
        dl_ap_free(ap);
        ap = NULL;
        if (o->log) fprintf(o->log, "best so far: pass %d epoch %d\n", best_pass, best_epoch);
        if (pass == 1 && best_epoch < 2) best_epoch = 2;
    }
    st = dl__write_file(out_path, best_img, best_len, err, errlen);
done:
    if (st == DL_ERR_NOMEM && err && !err[0]) snprintf(err, errlen, "out of memory");
    free(best_img);
    dl_lm_release(&best1);
    dl_ap_free(ap);
    dl_tagger_free(tagger);
    free(atoms);
    free(x.s.w);
    free(x.s.x);
    dl_strbuf_release(&cl);
    dl_strbuf_release(&gz);
    free(gold);
    free(bio);
    free(pred);
    free(first);
    free(agg);
    free(docs);
    free(order);
    free(words);
    free(sents);
    return st;
}
