/*
 * tag/parse.c -- labelled dependency parsing: a greedy arc-eager
 * transition system (Nivre 2003) over tagged sentences, scored by an
 * averaged perceptron with the feature set of Zhang & Nivre (2011, "rich
 * non-local features": distance, valency, second-order children, label
 * sets) plus copies of the tag templates over UPOS alone, which tagging
 * errors disturb less (+0.4 UAS on EWT), trained with the dynamic oracle of
 * Goldberg & Nivre (2012) so that it learns to recover from its own
 * mistakes.  Relations are the UD English EWT ones, subtypes included.  One
 * root per sentence is enforced: only one right-arc from ROOT, and words
 * left without a head at the end attach to the root word.
 */
#include <stdlib.h>
#include <string.h>

#include "learn/hash.h"
#include "learn/lm.h"
#include "learn/model.h"
#include "learn/u64map.h"
#include "learn/word.h"
#include "tag/tag.h"
#include "tag/tag_impl.h"
#include "learn/train_util.h"

#define MAXFEAT 112
#define MAXLAB 120
enum { T_SH = 0, T_RE = 1, T_LA = 2 };   /* LA l = 2 + l, RA l = 2 + L + l */

struct dl_parser {
    dl_model *model;
    dl_lm lm;
    const char **labels;
    size_t nlab;
    int lab_root, lab_punct, lab_dep;
    const uint32_t *vocab;   /* fingerprints of known words; 0 = empty */
    uint32_t vocab_mask;
    const uint64_t *umap;    /* (tag atom, UPOS atom) pairs sorted by tag atom */
    size_t nu;
    dl_clusters cl;          /* word classes, into the model (slots NULL when none) */
};

/* Words seen fewer times in training share one atom, so the lexical
 * features keep to words the weights can say something about. */
#define VOCAB_MIN_COUNT 2u
#define UNK_ATOM 0x554e4b574f5244ULL

/* ---- configurations ------------------------------------------------------------ */

typedef struct {
    int n;                /* words 1..n; 0 is ROOT */
    const uint64_t *W;    /* word atoms, [0] = ROOT */
    const uint64_t *T;    /* tag atoms */
    const uint64_t *U;    /* UPOS atoms: the coarse tag, for sparse templates */
    const uint64_t *C, *K;  /* fine and coarse word classes (learn/cluster.h) */
    int *stack, sp, b;
    int *head, *lab;      /* -1 = none */
    int *lc1, *lc2, *rc1, *rc2;  /* leftmost two and rightmost two children */
    int *vl, *vr;         /* left and right valency */
    uint64_t *sl, *sr;    /* label sets of left and right children */
    int root_child;
} pconf;

/* One malloc for every array of a sentence of n words. */
static int *conf_alloc(pconf *c, int n) {
    size_t m = (size_t)n + 2;
    int *mem = malloc(m * (10 * sizeof(int) + 2 * sizeof(uint64_t)));
    if (!mem) return NULL;
    c->stack = mem;
    c->head = mem + m;
    c->lab = mem + 2 * m;
    c->lc1 = mem + 3 * m;
    c->lc2 = mem + 4 * m;
    c->rc1 = mem + 5 * m;
    c->rc2 = mem + 6 * m;
    c->vl = mem + 7 * m;
    c->vr = mem + 8 * m;
    c->sl = (uint64_t *)(mem + 10 * m);
    c->sr = c->sl + m;
    return mem;
}

static void conf_init(pconf *c, int n, const uint64_t *W, const uint64_t *T, const uint64_t *U,
                      const uint64_t *C, const uint64_t *K) {
    c->n = n;
    c->W = W;
    c->T = T;
    c->U = U;
    c->C = C;
    c->K = K;
    size_t m = (size_t)n + 2;
    for (size_t i = 0; i < m; i++) {
        c->head[i] = c->lab[i] = c->lc1[i] = c->lc2[i] = c->rc1[i] = c->rc2[i] = -1;
        c->vl[i] = c->vr[i] = 0;
        c->sl[i] = c->sr[i] = 0;
    }
    c->stack[0] = 0;
    c->sp = 1;
    c->b = 1;
    c->root_child = -1;
}

static void add_arc(pconf *c, int h, int d, int l) {
    c->head[d] = h;
    c->lab[d] = l;
    if (d < h) {
        if (c->lc1[h] < 0 || d < c->lc1[h]) { c->lc2[h] = c->lc1[h]; c->lc1[h] = d; }
        else if (c->lc2[h] < 0 || d < c->lc2[h]) c->lc2[h] = d;
        c->vl[h]++;
        c->sl[h] |= 1ULL << (l & 63);
    } else {
        if (c->rc1[h] < 0 || d > c->rc1[h]) { c->rc2[h] = c->rc1[h]; c->rc1[h] = d; }
        else if (c->rc2[h] < 0 || d > c->rc2[h]) c->rc2[h] = d;
        c->vr[h]++;
        c->sr[h] |= 1ULL << (l & 63);
    }
    if (h == 0) c->root_child = d;
}

static int valid(const pconf *c, int move) {
    int s0 = c->stack[c->sp - 1], more = c->b <= c->n;
    switch (move) {
    case T_SH: return more;
    case T_RE: return s0 != 0 && c->head[s0] >= 0;
    case T_LA: return more && s0 != 0 && c->head[s0] < 0;
    default: return more && (s0 != 0 || c->root_child < 0);  /* RA */
    }
}

static int move_of(int cls, int nlab) {
    return cls < 2 ? cls : cls < 2 + nlab ? T_LA : 3;
}

static void apply(pconf *c, int cls, int nlab) {
    int s0 = c->stack[c->sp - 1];
    if (cls == T_SH) c->stack[c->sp++] = c->b++;
    else if (cls == T_RE) c->sp--;
    else if (cls < 2 + nlab) { add_arc(c, c->b, s0, cls - 2); c->sp--; }
    else { add_arc(c, s0, c->b, cls - 2 - nlab); c->stack[c->sp++] = c->b++; }
}

/* Words left without a head attach to the root word (or become it). */
static void finish(pconf *c, int lab_root, int lab_punct, int lab_dep, const uint8_t *is_punct) {
    for (int i = 1; i <= c->n; i++) {
        if (c->head[i] >= 0) continue;
        if (c->root_child < 0) add_arc(c, 0, i, lab_root);
        else add_arc(c, c->root_child, i, is_punct && is_punct[i] ? lab_punct : lab_dep);
    }
    for (int i = 1; i <= c->n; i++)
        if (c->head[i] == 0) c->lab[i] = lab_root;
}

/* ---- features ------------------------------------------------------------------ */

#define NONE_ATOM 0x4e4f4e45ULL

static size_t parse_feats(const pconf *c, uint64_t *f) {
    int n = c->n;
    int s0 = c->stack[c->sp - 1], s1 = c->sp > 1 ? c->stack[c->sp - 2] : -1;
    int n0 = c->b <= n ? c->b : -1, n1 = c->b + 1 <= n ? c->b + 1 : -1;
    int n2 = c->b + 2 <= n ? c->b + 2 : -1;
    int s0h = s0 > 0 ? c->head[s0] : -1;
    int s0h2 = s0h > 0 ? c->head[s0h] : -1;
    int s0l = c->lc1[s0], s0l2 = c->lc2[s0], s0r = c->rc1[s0], s0r2 = c->rc2[s0];
    int n0l = n0 > 0 ? c->lc1[n0] : -1, n0l2 = n0 > 0 ? c->lc2[n0] : -1;
#define W(i) ((i) < 0 ? NONE_ATOM : c->W[i])
#define T(i) ((i) < 0 ? NONE_ATOM : c->T[i])
#define L(i) ((i) < 0 ? 1ULL : (uint64_t)(c->lab[i] + 3))
#define U(i) ((i) < 0 ? NONE_ATOM : c->U[i])
    uint64_t s0w = W(s0), s0p = T(s0), n0w = W(n0), n0p = T(n0), n1w = W(n1), n1p = T(n1);
    uint64_t n2w = W(n2), n2p = T(n2);
    uint64_t d = n0 < 0 ? 0 : s0 == 0 ? 99 : (uint64_t)(n0 - s0 < 8 ? n0 - s0 : 8);
    uint64_t s0vr = (uint64_t)c->vr[s0], s0vl = (uint64_t)c->vl[s0];
    uint64_t n0vl = n0 > 0 ? (uint64_t)c->vl[n0] : 0;
    uint64_t s0sr = c->sr[s0], s0sl = c->sl[s0], n0sl = n0 > 0 ? c->sl[n0] : 0;
    size_t k = 0;
    /* single words */
    f[k++] = dl_feat2(100, s0w, s0p);
    f[k++] = dl_feat1(101, s0w);
    f[k++] = dl_feat1(102, s0p);
    f[k++] = dl_feat2(103, n0w, n0p);
    f[k++] = dl_feat1(104, n0w);
    f[k++] = dl_feat1(105, n0p);
    f[k++] = dl_feat2(106, n1w, n1p);
    f[k++] = dl_feat1(107, n1w);
    f[k++] = dl_feat1(108, n1p);
    f[k++] = dl_feat2(109, n2w, n2p);
    f[k++] = dl_feat1(110, n2w);
    f[k++] = dl_feat1(111, n2p);
    /* pairs */
    f[k++] = dl_feat3(112, dl_hash_mix(s0w, s0p), n0w, n0p);
    f[k++] = dl_feat3(113, s0w, s0p, n0w);
    f[k++] = dl_feat3(114, s0w, n0w, n0p);
    f[k++] = dl_feat3(115, s0w, s0p, n0p);
    f[k++] = dl_feat3(116, s0p, n0w, n0p);
    f[k++] = dl_feat2(117, s0w, n0w);
    f[k++] = dl_feat2(118, s0p, n0p);
    f[k++] = dl_feat2(119, n0p, n1p);
    /* three words */
    f[k++] = dl_feat3(120, n0p, n1p, n2p);
    f[k++] = dl_feat3(121, s0p, n0p, n1p);
    f[k++] = dl_feat3(122, T(s0h), s0p, n0p);
    f[k++] = dl_feat3(123, s0p, T(s0l), n0p);
    f[k++] = dl_feat3(124, s0p, T(s0r), n0p);
    f[k++] = dl_feat3(125, s0p, n0p, T(n0l));
    /* distance (word x distance, word x valency and word x label set, in
     * Zhang & Nivre's set, only grew the model on EWT: dropped) */
    f[k++] = dl_feat2(127, s0p, d);
    f[k++] = dl_feat2(129, n0p, d);
    f[k++] = dl_feat3(131, s0p, n0p, d);
    /* valency */
    f[k++] = dl_feat2(133, s0p, s0vr);
    f[k++] = dl_feat2(135, s0p, s0vl);
    f[k++] = dl_feat2(137, n0p, n0vl);
    /* second order */
    f[k++] = dl_feat1(138, W(s0h));
    f[k++] = dl_feat1(139, T(s0h));
    f[k++] = dl_feat1(140, L(s0));
    f[k++] = dl_feat1(141, W(s0l));
    f[k++] = dl_feat1(142, T(s0l));
    f[k++] = dl_feat1(143, L(s0l));
    f[k++] = dl_feat1(144, W(s0r));
    f[k++] = dl_feat1(145, T(s0r));
    f[k++] = dl_feat1(146, L(s0r));
    f[k++] = dl_feat1(147, W(n0l));
    f[k++] = dl_feat1(148, T(n0l));
    f[k++] = dl_feat1(149, L(n0l));
    /* third order */
    f[k++] = dl_feat1(150, W(s0h2));
    f[k++] = dl_feat1(151, T(s0h2));
    f[k++] = dl_feat1(152, L(s0h));
    f[k++] = dl_feat1(153, W(s0l2));
    f[k++] = dl_feat1(154, T(s0l2));
    f[k++] = dl_feat1(155, L(s0l2));
    f[k++] = dl_feat1(156, W(s0r2));
    f[k++] = dl_feat1(157, T(s0r2));
    f[k++] = dl_feat1(158, L(s0r2));
    f[k++] = dl_feat1(159, W(n0l2));
    f[k++] = dl_feat1(160, T(n0l2));
    f[k++] = dl_feat1(161, L(n0l2));
    f[k++] = dl_feat3(162, s0p, T(s0l), T(s0l2));
    f[k++] = dl_feat3(163, s0p, T(s0r), T(s0r2));
    f[k++] = dl_feat3(164, s0p, T(s0h), T(s0h2));
    f[k++] = dl_feat3(165, n0p, T(n0l), T(n0l2));
    /* label sets */
    f[k++] = dl_feat2(167, s0p, s0sr);
    f[k++] = dl_feat2(169, s0p, s0sl);
    f[k++] = dl_feat2(171, n0p, n0sl);
    /* the second stack word, and whether s0 has its head */
    f[k++] = dl_feat2(172, W(s1), T(s1));
    f[k++] = dl_feat3(173, T(s1), s0p, n0p);
    f[k++] = dl_feat3(174, (uint64_t)(s0h >= 0 || s0 == 0), s0p, n0p);
    f[k++] = dl_feat1(175, 1);
    /* the same contexts over coarse tags, which tagging errors disturb less */
    uint64_t s0u = U(s0), n0u = U(n0), n1u = U(n1);
    f[k++] = dl_feat2(180, s0u, n0u);
    f[k++] = dl_feat2(181, n0u, n1u);
    f[k++] = dl_feat3(182, n0u, n1u, U(n2));
    f[k++] = dl_feat3(183, s0u, n0u, n1u);
    f[k++] = dl_feat3(184, U(s0h), s0u, n0u);
    f[k++] = dl_feat3(185, s0u, U(s0l), n0u);
    f[k++] = dl_feat3(186, s0u, U(s0r), n0u);
    f[k++] = dl_feat3(187, s0u, n0u, U(n0l));
    f[k++] = dl_feat2(188, s0w, n0u);
    f[k++] = dl_feat2(189, s0u, n0w);
    f[k++] = dl_feat3(190, s0u, n0u, d);
    /* word classes in place of words (Koo, Carreras & Collins 2008), when
     * the model has them */
    if (!c->C) goto done;
#define C(i) ((i) < 0 ? NONE_ATOM : c->C[i])
#define K(i) ((i) < 0 ? NONE_ATOM : c->K[i])
    uint64_t s0c = C(s0), n0c = C(n0);
    f[k++] = dl_feat1(200, s0c);
    f[k++] = dl_feat1(201, n0c);
    f[k++] = dl_feat1(202, C(n1));
    f[k++] = dl_feat2(203, s0c, n0c);
    f[k++] = dl_feat2(204, s0c, n0p);
    f[k++] = dl_feat2(205, s0p, n0c);
    f[k++] = dl_feat3(206, K(s0), K(n0), d);
    f[k++] = dl_feat3(207, K(s0h), s0u, n0u);
    f[k++] = dl_feat3(208, s0u, n0u, K(n1));
    f[k++] = dl_feat2(209, K(s0l), K(s0));
    f[k++] = dl_feat2(210, K(s0r), K(s0));
    f[k++] = dl_feat3(211, n0c, n0p, T(n0l));
#undef C
#undef K
done:
#undef U
#undef W
#undef T
#undef L
    return k;
}

/* ---- decoding -------------------------------------------------------------------- */

static int best_valid_i32(const pconf *c, const int32_t *s, int nclass, int nlab) {
    int best = -1;
    for (int k = 0; k < nclass; k++)
        if (valid(c, move_of(k, nlab)) && (best < 0 || s[k] > s[best])) best = k;
    return best;
}

static uint64_t norm_hash(const char *s, size_t len) {
    char buf[256];
    size_t n = dl_word_norm(s, len, buf, sizeof buf);
    return dl_hash_bytes(buf, n);
}

static int vocab_has(const uint32_t *vocab, uint32_t mask, uint64_t h) {
    uint32_t fp = (uint32_t)(h >> 32) | 1, i = (uint32_t)h & mask;
    for (uint32_t probes = 0; probes <= mask && vocab[i]; probes++) {   /* each slot once */
        if (vocab[i] == fp) return 1;
        i = (i + 1) & mask;
    }
    return 0;
}

/* The UPOS atom of a tag atom (the tag atom itself when unknown). */
static uint64_t upos_atom(const uint64_t *umap, size_t nu, uint64_t tag) {
    size_t lo = 0, hi = nu;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (umap[2 * mid] < tag) lo = mid + 1;
        else hi = mid;
    }
    return lo < nu && umap[2 * lo] == tag ? umap[2 * lo + 1] : tag;
}

/* The word's atom (UNK_ATOM when rare in training) and its class atoms. */
static uint64_t word_atom(const uint32_t *vocab, uint32_t mask, const dl_clusters *cl, const char *s,
                          size_t len, uint64_t *fine, uint64_t *coarse) {
    uint64_t h = norm_hash(s, len);
    uint16_t f, k;
    dl_clusters_get(cl, h, &f, &k);
    *fine = 0x434c00000000ULL | f;
    *coarse = 0x4b4c00000000ULL | k;
    return !vocab || vocab_has(vocab, mask, h) ? h : UNK_ATOM;
}

dl_status dl_parser_parse(const dl_parser *p, const dl_wordref *words, const uint64_t *tag_atoms,
                          size_t n, int *heads, const char **rels) {
    pconf c;
    uint64_t *atoms = malloc((n + 1) * 5 * sizeof *atoms);
    uint8_t *punct = calloc(n + 2, 1);
    int *mem = conf_alloc(&c, (int)n);
    if (!atoms || !mem || !punct) { free(atoms); free(mem); free(punct); return DL_ERR_NOMEM; }
    uint64_t *W = atoms, *T = atoms + n + 1, *U = atoms + 2 * (n + 1);
    uint64_t *C = atoms + 3 * (n + 1), *K = atoms + 4 * (n + 1);
    W[0] = T[0] = U[0] = C[0] = K[0] = 0x524f4f54;
    for (size_t i = 0; i < n; i++) {
        W[i + 1] = word_atom(p->vocab, p->vocab_mask, &p->cl, words[i].s, words[i].len, &C[i + 1], &K[i + 1]);
        T[i + 1] = tag_atoms[i];
        U[i + 1] = upos_atom(p->umap, p->nu, tag_atoms[i]);
        int alnum = 0;
        for (uint32_t j = 0; j < words[i].len; j++) {
            unsigned char ch = (unsigned char)words[i].s[j];
            if (ch >= 128 || (ch >= '0' && ch <= '9') || ((ch | 32) >= 'a' && (ch | 32) <= 'z')) alnum = 1;
        }
        punct[i + 1] = (uint8_t)!alnum;
    }
    conf_init(&c, (int)n, W, T, U, p->cl.slots ? C : NULL, K);
    int nlab = (int)p->nlab, nclass = 2 + 2 * nlab;
    uint64_t f[MAXFEAT];
    int32_t scores[DL_LM_MAX_CLASSES + 1];
    while (c.b <= c.n) {
        size_t nf = parse_feats(&c, f);
        dl_lm_score(&p->lm, f, nf, scores);
        apply(&c, best_valid_i32(&c, scores, nclass, nlab), nlab);
    }
    finish(&c, p->lab_root, p->lab_punct, p->lab_dep, punct);
    for (size_t i = 0; i < n; i++) {
        heads[i] = c.head[i + 1];
        rels[i] = p->labels[c.lab[i + 1]];
    }
    free(atoms);
    free(mem);
    free(punct);
    return DL_OK;
}

dl_status dl_parser_run(const dl_parser *p, dl_doc *doc, dl_syntax *syn) {
    if (!syn->tag_atom || syn->n != doc->toks.n) return DL_ERR_USAGE;
    size_t maxn = 1;
    for (size_t s = 0; s < doc->sents.n; s++)
        if (doc->sents.v[s].ntok > maxn) maxn = doc->sents.v[s].ntok;
    dl_wordref *words = malloc(maxn * sizeof *words);
    int *heads = malloc(maxn * sizeof *heads);
    if (!words || !heads) { free(words); free(heads); return DL_ERR_NOMEM; }
    dl_status st = DL_OK;
    for (size_t s = 0; s < doc->sents.n && st == DL_OK; s++) {
        const dl_sent *se = &doc->sents.v[s];
        if ((size_t)se->tok0 + se->ntok > syn->n) { st = DL_ERR_INPUT; break; }
        for (uint32_t i = 0; i < se->ntok; i++) {
            const dl_token *t = &doc->toks.v[se->tok0 + i];
            words[i].s = DL_SPAN_PTR(doc, t->off);
            words[i].len = t->len;
        }
        st = dl_parser_parse(p, words, syn->tag_atom + se->tok0, se->ntok, heads,
                             syn->deprel + se->tok0);
        for (uint32_t i = 0; i < se->ntok && st == DL_OK; i++)
            syn->head[se->tok0 + i] = heads[i] ? (int32_t)(se->tok0 + (uint32_t)heads[i] - 1) : -1;
    }
    free(words);
    free(heads);
    return st;
}

/* ---- loading ---------------------------------------------------------------------- */

void dl_parser_free(dl_parser *p) {
    if (!p) return;
    free(p->labels);
    dl_lm_release(&p->lm);
    dl_model_close(p->model);
    free(p);
}

static int label_index(const char **labels, size_t n, const char *name) {
    for (size_t i = 0; i < n; i++)
        if (!strcmp(labels[i], name)) return (int)i;
    return -1;
}

static dl_status parser_from_model(dl_model *m, dl_parser **out, char *err, size_t errlen) {
    *out = NULL;
    dl_parser *p = calloc(1, sizeof *p);
    if (!p) { dl_model_close(m); return DL_ERR_NOMEM; }
    p->model = m;
    size_t len;
    const void *sec = dl_model_section(m, "labels", &len);
    const char *why = NULL;
    char tmp[128];
    if (dl_model_names(sec, len, &p->labels, &p->nlab) != DL_OK || !p->nlab || p->nlab > MAXLAB ||
        2 + 2 * p->nlab > DL_LM_MAX_CLASSES)
        why = "missing or malformed 'labels' section";
    else if ((p->lab_root = label_index(p->labels, p->nlab, "root")) < 0 ||
             (p->lab_punct = label_index(p->labels, p->nlab, "punct")) < 0 ||
             (p->lab_dep = label_index(p->labels, p->nlab, "dep")) < 0)
        why = "labels lack root, punct or dep";
    else if (!(sec = dl_model_section(m, "weights", &len)) ||
             dl_lm_view(sec, len, &p->lm, tmp, sizeof tmp) != DL_OK ||
             p->lm.nclass != 2 + 2 * p->nlab)
        why = "missing or malformed 'weights' section";
    else if ((sec = dl_model_section(m, "vocab", &len))) {
        uint32_t nslot;
        memcpy(&nslot, sec, len >= 4 ? 4 : 0);
        if (len < 8 || !nslot || (nslot & (nslot - 1)) || len != 8 + (size_t)nslot * 4) {
            why = "malformed 'vocab' section";
        } else {
            p->vocab = (const uint32_t *)((const char *)sec + 8);
            p->vocab_mask = nslot - 1;
            size_t empty = 0;
            for (uint32_t i = 0; i < nslot; i++) empty += !p->vocab[i];
            if (!empty) why = "malformed 'vocab' section";
        }
    }
    if (!why && (sec = dl_model_section(m, "clusters", &len)) && dl_clusters_view(sec, len, &p->cl) != DL_OK)
        why = "malformed 'clusters' section";
    if (!why && (sec = dl_model_section(m, "upos", &len))) {
        p->umap = sec;
        p->nu = len / 16;
        if (len % 16) why = "malformed 'upos' section";
        for (size_t i = 1; !why && i < p->nu; i++)
            if (p->umap[2 * i - 2] >= p->umap[2 * i]) why = "malformed 'upos' section";
    }
    if (why) {
        if (err) snprintf(err, errlen, "%s: %s", dl_model_path(m), why);
        dl_parser_free(p);
        return DL_ERR_DATA;
    }
    *out = p;
    return DL_OK;
}

dl_status dl_parser_load(const char *path, dl_parser **out, char *err, size_t errlen) {
    dl_model *m;
    *out = NULL;
    dl_status st = dl_model_open(path, "parse", &m, err, errlen);
    if (st != DL_OK) return st;
    return parser_from_model(m, out, err, errlen);
}

/* ---- evaluation ------------------------------------------------------------------- */

static uint64_t gold_tag_atom(const dl_ctok *t) {
    char name[64];
    int n = snprintf(name, sizeof name, "%s|%s", t->upos, t->xpos);
    return dl_hash_bytes(name, n < (int)sizeof name ? (size_t)n : sizeof name - 1);
}

dl_status dl_parser_eval(const dl_parser *p, const dl_tagger *t, const dl_corpus *test,
                         dl_tag_scores *s) {
    memset(s, 0, sizeof *s);
    size_t maxn = 1;
    for (size_t i = 0; i < test->sents.n; i++)
        if (test->sents.v[i].ntok > maxn) maxn = test->sents.v[i].ntok;
    dl_wordref *words = malloc(maxn * sizeof *words);
    uint64_t *atoms = malloc(maxn * sizeof *atoms);
    uint16_t *tags = malloc(maxn * sizeof *tags);
    int *heads = malloc(maxn * sizeof *heads);
    const char **rels = malloc(maxn * sizeof *rels);
    if (!words || !atoms || !tags || !heads || !rels) {
        free(words); free(atoms); free(tags); free(heads); free(rels);
        return DL_ERR_NOMEM;
    }
    size_t ua = 0, la = 0, up = 0, xp = 0;
    double secs = 0;
    for (size_t si = 0; si < test->sents.n; si++) {
        const dl_csent *se = &test->sents.v[si];
        const dl_ctok *tk = &test->toks.v[se->tok0];
        for (size_t i = 0; i < se->ntok; i++) {
            words[i].s = tk[i].form;
            words[i].len = tk[i].len;
        }
        double t0 = dl__now();
        if (t) {
            dl_tagger_tag(t, words, se->ntok, tags);
            for (size_t i = 0; i < se->ntok; i++) atoms[i] = dl_tagger_atom(t, tags[i]);
        } else {
            for (size_t i = 0; i < se->ntok; i++) atoms[i] = gold_tag_atom(&tk[i]);
        }
        dl_parser_parse(p, words, atoms, se->ntok, heads, rels);
        secs += dl__now() - t0;
        for (size_t i = 0; i < se->ntok; i++) {
            if (heads[i] == tk[i].head) {
                ua++;
                la += !strcmp(rels[i], tk[i].deprel);
            }
            if (t) {
                up += !strcmp(dl_tagger_upos(t, tags[i]), tk[i].upos);
                xp += !strcmp(dl_tagger_xpos(t, tags[i]), tk[i].xpos);
            }
        }
        s->tokens += se->ntok;
    }
    double tot = s->tokens ? (double)s->tokens : 1;
    s->sents = test->sents.n;
    s->uas = 100.0 * (double)ua / tot;
    s->las = 100.0 * (double)la / tot;
    s->upos = 100.0 * (double)up / tot;
    s->xpos = 100.0 * (double)xp / tot;
    s->seconds = secs;
    free(words); free(atoms); free(tags); free(heads); free(rels);
    return DL_OK;
}

/* ---- training ---------------------------------------------------------------------- */

/* The dynamic oracle's costs (Goldberg & Nivre 2012, arc-eager): how many
 * gold arcs, still reachable, each move makes unreachable.  gh/gl: gold head
 * and label of every word (gh[0] = -1).  cost[cls] for valid classes. */
static void oracle_costs(const pconf *c, const int *gh, const int *gl, int nlab, int *cost) {
    int s0 = c->stack[c->sp - 1], b = c->b, n = c->n;
    int la = 0, ra = 0, re = 0, sh = 0;
    for (int k = b; k <= n; k++) {
        if (gh[k] == s0) { la++; re++; }
        if (k > b && gh[s0] == k) la++;
        if (k > b && gh[b] == k) ra++;
    }
    for (int j = 0; j < c->sp; j++) {
        int k = c->stack[j];
        if (c->head[k] < 0 && gh[k] == b) { ra++; sh++; }
        if (gh[b] == k) {
            sh++;
            if (k != s0) ra++;
        }
    }
    cost[T_SH] = sh;
    cost[T_RE] = re;
    for (int l = 0; l < nlab; l++) {
        cost[2 + l] = la + (gh[s0] == b && l != gl[s0]);
        cost[2 + nlab + l] = ra + (gh[b] == s0 && l != gl[b]);
    }
}

typedef struct {
    char names[MAXLAB][32];
    size_t count[MAXLAB];
    int n;
} label_set;

static int label_find_add(label_set *ls, const char *name, int add) {
    for (int i = 0; i < ls->n; i++)
        if (!strcmp(ls->names[i], name)) return i;
    if (!add || ls->n == MAXLAB) return -1;
    snprintf(ls->names[ls->n], sizeof ls->names[0], "%s", name);
    return ls->n++;
}

static dl_status make_parse_image(const label_set *ls, const dl_strbuf *vocab, const dl_strbuf *cl,
                                  const uint64_t *umap, size_t nu, const dl_lm *lm, void **img,
                                  size_t *len) {
    dl_model_writer w;
    dl_model_writer_init(&w, "parse");
    dl_model_writer_add(&w, "vocab", vocab->s, vocab->len);
    if (cl->len) dl_model_writer_add(&w, "clusters", cl->s, cl->len);
    dl_model_writer_add(&w, "upos", umap, nu * 16);
    dl_strbuf names;
    dl_strbuf_init(&names);
    for (int i = 0; i < ls->n; i++) dl_strbuf_add(&names, ls->names[i], strlen(ls->names[i]) + 1);
    dl_model_writer_add(&w, "labels", names.s, names.len);
    size_t n = dl_lm_size(lm);
    char *buf = malloc(n);
    dl_status st = DL_ERR_NOMEM;
    if (buf) {
        dl_lm_write(lm, buf);
        if (dl_model_writer_add(&w, "weights", buf, n)) st = dl_model_writer_bytes(&w, img, len);
        free(buf);
    }
    dl_strbuf_release(&names);
    dl_model_writer_release(&w);
    return st;
}

/* Tag atoms for every token of c: from the tagger, or gold when NULL. */
static dl_status corpus_tag_atoms(const dl_corpus *c, const dl_tagger *t, uint64_t *atoms) {
    if (!t) {
        for (size_t i = 0; i < c->toks.n; i++) atoms[i] = gold_tag_atom(&c->toks.v[i]);
        return DL_OK;
    }
    size_t maxn = 1;
    for (size_t i = 0; i < c->sents.n; i++)
        if (c->sents.v[i].ntok > maxn) maxn = c->sents.v[i].ntok;
    dl_wordref *words = malloc(maxn * sizeof *words);
    uint16_t *tags = malloc(maxn * sizeof *tags);
    if (!words || !tags) { free(words); free(tags); return DL_ERR_NOMEM; }
    for (size_t si = 0; si < c->sents.n; si++) {
        const dl_csent *se = &c->sents.v[si];
        for (size_t i = 0; i < se->ntok; i++) {
            words[i].s = c->toks.v[se->tok0 + i].form;
            words[i].len = c->toks.v[se->tok0 + i].len;
        }
        dl_tagger_tag(t, words, se->ntok, tags);
        for (size_t i = 0; i < se->ntok; i++) atoms[se->tok0 + i] = dl_tagger_atom(t, tags[i]);
    }
    free(words);
    free(tags);
    return DL_OK;
}

/* The "vocab" section: slot count (power of two), padding, fingerprints of
 * the normal forms seen at least VOCAB_MIN_COUNT times. */
static dl_status build_vocab(const dl_corpus *c, dl_strbuf *out) {
    dl_u64map m;
    memset(&m, 0, sizeof m);
    uint32_t *counts = calloc(c->toks.n + 1, sizeof *counts);
    if (!counts) return DL_ERR_NOMEM;
    for (size_t i = 0; i < c->toks.n; i++) {
        long k = dl_u64map_put(&m, norm_hash(c->toks.v[i].form, c->toks.v[i].len), NULL);
        if (k < 0) { free(counts); dl_u64map_release(&m); return DL_ERR_NOMEM; }
        counts[k]++;
    }
    size_t kept = 0;
    for (size_t k = 0; k < m.n; k++) kept += counts[k] >= VOCAB_MIN_COUNT;
    uint32_t nslot = 1024;
    while (nslot < kept * 2) nslot *= 2;
    uint32_t *slots = calloc(nslot, sizeof *slots);
    if (!slots) { free(counts); dl_u64map_release(&m); return DL_ERR_NOMEM; }
    for (size_t j = 0; j < m.cap; j++) {
        if (!m.keys[j] || counts[m.vals[j]] < VOCAB_MIN_COUNT) continue;
        uint64_t h = m.keys[j];
        uint32_t i = (uint32_t)h & (nslot - 1);
        while (slots[i]) i = (i + 1) & (nslot - 1);
        slots[i] = (uint32_t)(h >> 32) | 1;
    }
    uint32_t hdr[2] = {nslot, 0};
    dl_strbuf_add(out, (const char *)hdr, sizeof hdr);
    dl_strbuf_add(out, (const char *)slots, nslot * sizeof *slots);
    free(slots);
    free(counts);
    dl_u64map_release(&m);
    return out->oom ? DL_ERR_NOMEM : DL_OK;
}

static int pair_cmp(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The "upos" section: (tag atom, UPOS atom) for every tag class of c,
 * sorted by tag atom. */
static dl_status build_upos_map(const dl_corpus *c, uint64_t **out, size_t *n) {
    size_t cap = 64, k = 0;
    uint64_t *v = malloc(cap * 2 * sizeof *v);
    if (!v) return DL_ERR_NOMEM;
    for (size_t i = 0; i < c->toks.n; i++) {
        uint64_t t = gold_tag_atom(&c->toks.v[i]);
        size_t j = 0;
        while (j < k && v[2 * j] != t) j++;
        if (j < k) continue;
        if (k == cap) {
            uint64_t *nv = realloc(v, cap * 4 * sizeof *v);
            if (!nv) { free(v); return DL_ERR_NOMEM; }
            v = nv;
            cap *= 2;
        }
        v[2 * k] = t;
        v[2 * k + 1] = dl_hash_mix(dl_hash_bytes(c->toks.v[i].upos, strlen(c->toks.v[i].upos)), 0x55);
        k++;
    }
    qsort(v, k, 2 * sizeof *v, pair_cmp);
    *out = v;
    *n = k;
    return DL_OK;
}

typedef struct {
    const dl_corpus *c;
    const uint64_t *tag_atoms;   /* per corpus token */
    const int *gl;               /* gold label per corpus token */
    int nlab;
    const uint32_t *vocab;
    uint32_t vocab_mask;
    const uint64_t *umap;
    size_t nu;
    uint64_t *W, *T, *U, *C, *K; /* per sentence, [0] = ROOT */
    dl_clusters cl;
    int *gh, *ghl;
    pconf conf;
} ptrain;

static dl_status parse_epoch(ptrain *x, dl_ap *ap, const uint32_t *order, size_t nsents,
                             int explore, uint64_t *rng, size_t *right, size_t *total) {
    int nlab = x->nlab, nclass = 2 + 2 * nlab;
    uint64_t f[MAXFEAT];
    float scores[DL_LM_MAX_CLASSES + 1];
    int cost[DL_LM_MAX_CLASSES + 1];
    for (size_t si = 0; si < nsents; si++) {
        const dl_csent *se = &x->c->sents.v[order[si]];
        const dl_ctok *tk = &x->c->toks.v[se->tok0];
        int n = (int)se->ntok;
        x->W[0] = x->T[0] = x->U[0] = x->C[0] = x->K[0] = 0x524f4f54;
        x->gh[0] = -1;
        x->ghl[0] = -1;
        int ok = 1;
        for (int i = 0; i < n; i++) {
            x->W[i + 1] = word_atom(x->vocab, x->vocab_mask, &x->cl, tk[i].form, tk[i].len, &x->C[i + 1],
                                    &x->K[i + 1]);
            x->T[i + 1] = x->tag_atoms[se->tok0 + (size_t)i];
            x->U[i + 1] = upos_atom(x->umap, x->nu, x->T[i + 1]);
            x->gh[i + 1] = tk[i].head;
            x->ghl[i + 1] = x->gl[se->tok0 + (size_t)i];
            if (tk[i].head < 0 || tk[i].head > n) ok = 0;
        }
        if (!ok) continue;
        pconf *c = &x->conf;
        conf_init(c, n, x->W, x->T, x->U, x->cl.slots ? x->C : NULL, x->K);
        while (c->b <= c->n) {
            size_t nf = parse_feats(c, f);
            memset(scores, 0, sizeof scores);
            dl_ap_score(ap, f, nf, scores);
            oracle_costs(c, x->gh, x->ghl, nlab, cost);
            int pred = -1, gold = -1, mincost = 1 << 30;
            for (int k = 0; k < nclass; k++) {
                if (!valid(c, move_of(k, nlab))) continue;
                if (pred < 0 || scores[k] > scores[pred]) pred = k;
                if (cost[k] < mincost) mincost = cost[k];
            }
            for (int k = 0; k < nclass; k++)
                if (valid(c, move_of(k, nlab)) && cost[k] == mincost &&
                    (gold < 0 || scores[k] > scores[gold]))
                    gold = k;
            if (cost[pred] > mincost) {
                if (dl_ap_update(ap, f, nf, gold, pred) != DL_OK) return DL_ERR_NOMEM;
            } else {
                (*right)++;
            }
            (*total)++;
            dl_ap_tick(ap);
            int next = explore && dl_rand_next(rng) % 100 < 90 ? pred : gold;
            apply(c, next, nlab);
        }
    }
    return DL_OK;
}

dl_status dl_parser_train(const dl_corpus *train, const dl_corpus *dev, const dl_train_opts *o,
                          const char *out_path, char *err, size_t errlen) {
    label_set *ls = calloc(1, sizeof *ls);
    uint64_t *atoms = malloc((train->toks.n + 1) * sizeof *atoms);
    int *gl = malloc((train->toks.n + 1) * sizeof *gl);
    uint32_t *order = malloc((train->sents.n + 1) * sizeof *order);
    dl_tagger *tagger = NULL;
    dl_ap *ap = NULL;
    void *best_img = NULL;
    size_t best_len = 0;
    double best = -1;
    int best_epoch = 0;
    int *confmem = NULL;
    dl_strbuf vocab, cl;
    dl_strbuf_init(&vocab);
    dl_strbuf_init(&cl);
    uint64_t *umap = NULL;
    size_t nu = 0;
    ptrain x;
    memset(&x, 0, sizeof x);
    dl_status st = DL_ERR_NOMEM;
    if (!ls || !atoms || !gl || !order) goto done;
    /* Labels, most frequent first; root, punct and dep always present. */
    for (size_t i = 0; i < train->toks.n; i++) {
        int k = label_find_add(ls, train->toks.v[i].deprel, 1);
        if (k < 0) {
            snprintf(err, errlen, "more than %d relation labels", MAXLAB);
            st = DL_ERR_DATA;
            goto done;
        }
        ls->count[k]++;
    }
    label_find_add(ls, "root", 1);
    label_find_add(ls, "punct", 1);
    label_find_add(ls, "dep", 1);
    if (2 + 2 * ls->n > DL_LM_MAX_CLASSES) {
        snprintf(err, errlen, "too many relation labels (%d)", ls->n);
        st = DL_ERR_DATA;
        goto done;
    }
    for (size_t i = 0; i < train->toks.n; i++) gl[i] = label_find_add(ls, train->toks.v[i].deprel, 0);
    if ((st = build_vocab(train, &vocab)) != DL_OK) goto done;
    if (o->clusters_path && (st = dl_clusters_section(o->clusters_path, &cl, err, errlen)) != DL_OK)
        goto done;
    if (cl.len) dl_clusters_view(cl.s, cl.len, &x.cl);
    if ((st = build_upos_map(train, &umap, &nu)) != DL_OK) goto done;
    x.umap = umap;
    x.nu = nu;
    x.vocab = (const uint32_t *)(vocab.s + 8);
    x.vocab_mask = ((const uint32_t *)vocab.s)[0] - 1;
    if (o->tagger_path && (st = dl_tagger_load(o->tagger_path, &tagger, err, errlen)) != DL_OK)
        goto done;
    if (tagger) {
        double t0 = dl__now();
        if ((st = dl__tagger_jackknife_atoms(train, 8, o->seed, o->clusters_path, o->lexicon_dir, atoms)) != DL_OK) goto done;
        if (o->log) fprintf(o->log, "jackknifed training tags in %.1fs\n", dl__now() - t0);
    } else if ((st = corpus_tag_atoms(train, NULL, atoms)) != DL_OK) {
        goto done;
    }
    size_t maxn = 1;
    for (size_t i = 0; i < train->sents.n; i++)
        if (train->sents.v[i].ntok > maxn) maxn = train->sents.v[i].ntok;
    x.c = train;
    x.tag_atoms = atoms;
    x.gl = gl;
    x.nlab = ls->n;
    x.W = malloc((maxn + 1) * sizeof *x.W);
    x.T = malloc((maxn + 1) * sizeof *x.T);
    x.U = malloc((maxn + 1) * sizeof *x.U);
    x.C = malloc((maxn + 1) * sizeof *x.C);
    x.K = malloc((maxn + 1) * sizeof *x.K);
    x.gh = malloc((maxn + 1) * sizeof *x.gh);
    x.ghl = malloc((maxn + 1) * sizeof *x.ghl);
    confmem = conf_alloc(&x.conf, (int)maxn);
    ap = dl_ap_new((uint32_t)(2 + 2 * ls->n));
    st = DL_ERR_NOMEM;
    if (!x.W || !x.T || !x.U || !x.C || !x.K || !x.gh || !x.ghl || !confmem || !ap) goto done;
    for (size_t i = 0; i < train->sents.n; i++) order[i] = (uint32_t)i;
    uint64_t rng = o->seed, xrng = o->seed ^ 0x6578706c;
    for (int epoch = 1; epoch <= o->epochs; epoch++) {
        double t0 = dl__now();
        size_t right = 0, total = 0;
        dl__shuffle(order, train->sents.n, &rng);
        if ((st = parse_epoch(&x, ap, order, train->sents.n, epoch > 1, &xrng, &right, &total)) != DL_OK)
            goto done;
        dl_lm lm;
        void *img = NULL;
        size_t len = 0;
        if ((st = dl_ap_freeze(ap, o->prune, &lm)) != DL_OK) goto done;
        st = make_parse_image(ls, &vocab, &cl, umap, nu, &lm, &img, &len);
        dl_lm_release(&lm);
        if (st != DL_OK) goto done;
        dl_tag_scores sc = {0};
        if (dev) {
            dl_model *m;
            dl_parser *ps;
            if ((st = dl_model_open_mem(img, len, "(trained parser)", "parse", &m, err, errlen)) != DL_OK ||
                (st = parser_from_model(m, &ps, err, errlen)) != DL_OK) {
                free(img);
                goto done;
            }
            dl_parser_eval(ps, tagger, dev, &sc);
            dl_parser_free(ps);
        }
        double score = dev && !o->keep_last ? sc.uas + sc.las : (double)epoch;
        if (o->log)
            fprintf(o->log, "epoch %d: train %.2f%% dev UAS=%.2f LAS=%.2f size=%.2fMB %.1fs\n", epoch,
                    100.0 * (double)right / (double)(total ? total : 1), sc.uas, sc.las,
                    (double)len / 1e6, dl__now() - t0);
        if (score > best) {
            free(best_img);
            best_img = img;
            best_len = len;
            best = score;
            best_epoch = epoch;
        } else {
            free(img);
        }
    }
    if (o->log) fprintf(o->log, "best epoch %d\n", best_epoch);
    st = dl__write_file(out_path, best_img, best_len, err, errlen);
done:
    if (st == DL_ERR_NOMEM && err && !err[0]) snprintf(err, errlen, "out of memory");
    free(best_img);
    dl_ap_free(ap);
    dl_tagger_free(tagger);
    free(confmem);
    dl_strbuf_release(&vocab);
    free(x.W);
    free(x.T);
    free(x.U);
    free(x.C);
    free(x.K);
    dl_strbuf_release(&cl);
    free(umap);
    free(x.gh);
    free(x.ghl);
    free(ls);
    free(atoms);
    free(gl);
    free(order);
    return st;
}
