/*
 * tag/tagger.c -- part-of-speech tagging: a greedy left-to-right averaged
 * perceptron over joint UPOS|XPOS classes (UD English EWT), after
 * Collins (2002) and Honnibal's "A good part-of-speech tagger in about 200
 * lines of Python".  Features: the word, its normal form, affixes 1-4,
 * shape, the two previous tags, words +-2, the tag dictionary's ambiguity
 * class of this and the next two words (a cheap look-ahead), and the word
 * classes (learn/cluster.h) of this and the neighbouring words.
 * Frequent unambiguous words take their dictionary tag without scoring.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "learn/hash.h"
#include "learn/lm.h"
#include "learn/model.h"
#include "learn/word.h"
#include "tag/tag.h"
#include "tag/tag_impl.h"

#define NO_TAG DL__NO_TAG
#define PAD DL__PAD
#define MAXFEAT DL__TAG_MAXFEAT2
#define CL_PRESENT 0xfff0   /* w[0].cf: the tagger has word classes */
#define CL_ABSENT 0xfff2

/* ---- the tag dictionary -------------------------------------------------- */

typedef dl__td_slot td_slot;

uint64_t dl__td_key_raw(const dl_word_atoms *a) { return dl_hash_mix(a->raw, 0x7261); }
uint64_t dl__td_key_norm(const dl_word_atoms *a) { return dl_hash_mix(a->norm, 0x6e6f); }

static const td_slot *td_find(const dl_tagger *t, uint64_t key) {
    if (!t->td) return NULL;
    uint32_t fp = (uint32_t)(key >> 32), i = (uint32_t)key & t->td_mask;
    for (uint32_t probes = 0; probes <= t->td_mask && t->td[i].amb; probes++) {   /* each slot once */
        if (t->td[i].fp == fp) return &t->td[i];
        i = (i + 1) & t->td_mask;
    }
    return NULL;
}

/* ---- sentence preparation and features ------------------------------------ */

void dl__tag_prepare(const dl_tagger *t, const dl_wordref *words, size_t n, dl__tword *w) {
    static const dl__tword start = {.a = {.raw = 0x5354415254, .norm = 0x5354415254,
                                           .shape = 0x5354, .sshape = 0x5354},
                                     .amb = 0x5354, .fixed = NO_TAG, .cf = 0xfff0, .cc = 0xfff0};
    static const dl__tword end = {.a = {.raw = 0x454e44, .norm = 0x454e44, .shape = 0x454e,
                                         .sshape = 0x454e},
                                   .amb = 0x454e, .fixed = NO_TAG, .cf = 0xfff1, .cc = 0xfff1};
    for (size_t k = 0; k < PAD; k++) {
        w[k] = start;
        w[PAD + n + k] = end;
    }
    w[0].cf = t->cl.slots ? CL_PRESENT : CL_ABSENT;
    for (size_t i = 0; i < n; i++) {
        dl__tword *x = &w[PAD + i];
        dl_word_atoms_make(words[i].s, words[i].len, &x->a);
        dl_clusters_get(&t->cl, x->a.norm, &x->cf, &x->cc);
        x->fixed = NO_TAG;
        x->wn = 0;
        const td_slot *s = td_find(t, dl__td_key_raw(&x->a));
        if (s) {
            x->amb = s->amb;
            x->fixed = s->fixed;
        } else if ((s = td_find(t, dl__td_key_norm(&x->a)))) {
            x->amb = (uint64_t)s->amb << 1;
        } else {
            x->amb = DL__AMB_UNKNOWN;
        }
        if (t->wn && (t->wn_all || x->amb == DL__AMB_UNKNOWN)) {
            char low[72];
            size_t m = dl_word_norm(words[i].s, words[i].len, low, sizeof low);
            x->wn = m < sizeof low - 1 ? dl__tag_wordnet(t, low, m) : DL__WN_SEEN;
        }
    }
}

/* Features of word i (0-based) given the two previous tags. */
size_t dl__tag_feats(const dl__tword *w, size_t i, int t1, int t2, uint64_t *f) {
    const dl__tword *c = &w[PAD + i], *p1 = c - 1, *p2 = c - 2, *n1 = c + 1, *n2 = c + 2;
    uint64_t T1 = (uint64_t)(t1 + 3), T2 = (uint64_t)(t2 + 3);
    size_t k = 0;
    f[k++] = dl_feat1(1, 1);
    f[k++] = dl_feat1(2, c->a.norm);
    f[k++] = dl_feat1(3, c->a.raw);
    for (int j = 0; j < 4; j++) {
        f[k++] = dl_feat1(4 + j, c->a.suf[j]);
        f[k++] = dl_feat1(8 + j, c->a.pre[j]);
    }
    f[k++] = dl_feat1(12, c->a.shape);
    f[k++] = dl_feat1(13, T1);
    f[k++] = dl_feat2(14, T2, T1);
    f[k++] = dl_feat2(15, T1, c->a.norm);
    f[k++] = dl_feat1(16, p1->a.norm);
    f[k++] = dl_feat1(17, n1->a.norm);
    f[k++] = dl_feat1(18, p2->a.norm);
    f[k++] = dl_feat1(19, n2->a.norm);
    f[k++] = dl_feat1(20, p1->a.suf[2]);
    f[k++] = dl_feat1(21, n1->a.suf[2]);
    f[k++] = dl_feat1(22, p1->a.shape);
    f[k++] = dl_feat1(23, n1->a.shape);
    f[k++] = dl_feat1(24, c->amb);
    f[k++] = dl_feat1(25, n1->amb);
    f[k++] = dl_feat1(26, n2->amb);
    f[k++] = dl_feat2(27, c->amb, n1->amb);
    f[k++] = dl_feat2(28, T1, c->amb);
    f[k++] = dl_feat2(29, c->a.norm, n1->a.norm);
    f[k++] = dl_feat2(30, p1->a.norm, c->a.norm);
    f[k++] = dl_feat2(31, T1, n1->a.norm);
    f[k++] = dl_feat2(32, i == 0, c->a.shape);
    f[k++] = dl_feat2(33, n1->amb, c->a.norm);
    f[k++] = dl_feat1(34, c->a.flags);
    f[k++] = dl_feat3(35, T1, c->amb, n1->amb);
    f[k++] = dl_feat2(36, T1, c->a.suf[2]);
    f[k++] = dl_feat1(37, n1->a.suf[1]);
    f[k++] = dl_feat2(38, n1->a.norm, n2->a.norm);
    f[k++] = dl_feat2(60, p1->a.norm, n1->a.norm);
    f[k++] = dl_feat3(61, T2, T1, c->a.norm);
    f[k++] = dl_feat2(62, c->a.pre[1], c->a.suf[2]);
    f[k++] = dl_feat2(63, n1->amb, n2->amb);
    f[k++] = dl_feat2(64, c->a.norm, n2->a.norm);
    f[k++] = dl_feat1(65, p1->amb);
    f[k++] = dl_feat2(66, c->a.shape, n1->a.norm);
    f[k++] = dl_feat2(67, T1, c->a.suf[3]);
    /* what WordNet says an unknown word can be */
    if (c->amb == DL__AMB_UNKNOWN && c->wn) {
        f[k++] = dl_feat1(70, c->wn);
        f[k++] = dl_feat2(71, c->wn, c->a.suf[1]);
        f[k++] = dl_feat2(72, T1, c->wn);
        f[k++] = dl_feat2(73, c->wn, c->a.shape);
    }
    /* word classes (learn/cluster.h), when the model has them (the start
     * padding says so, see dl__tag_prepare) */
    if (w[0].cf != CL_PRESENT) return k;
    f[k++] = dl_feat1(50, c->cf);
    f[k++] = dl_feat1(51, c->cc);
    f[k++] = dl_feat1(52, n1->cf);
    f[k++] = dl_feat1(53, p1->cf);
    f[k++] = dl_feat2(54, c->cc, n1->cc);
    f[k++] = dl_feat2(55, T1, c->cf);
    f[k++] = dl_feat2(56, c->cf, c->a.suf[1]);
    return k;
}

int dl__argmax_i32(const int32_t *s, size_t n) {
    int best = 0;
    for (size_t i = 1; i < n; i++)
        if (s[i] > s[best]) best = (int)i;
    return best;
}

/* Features of the second pass: the first pass's tags to the right. */
size_t dl__tag_feats2(const dl__tword *w, size_t i, size_t n, int t1, int t2,
                      const uint16_t *first, uint64_t *f) {
    size_t k = dl__tag_feats(w, i, t1, t2, f);
    const dl__tword *c = &w[PAD + i];
    uint64_t T1 = (uint64_t)(t1 + 3);
    uint64_t R0 = (uint64_t)first[i] + 3;
    uint64_t R1 = i + 1 < n ? (uint64_t)first[i + 1] + 3 : 1;
    uint64_t R2 = i + 2 < n ? (uint64_t)first[i + 2] + 3 : 1;
    f[k++] = dl_feat1(40, R0);
    f[k++] = dl_feat1(41, R1);
    f[k++] = dl_feat2(42, R1, R2);
    f[k++] = dl_feat2(43, T1, R1);
    f[k++] = dl_feat2(44, c->a.norm, R1);
    f[k++] = dl_feat3(45, T1, R0, R1);
    f[k++] = dl_feat2(46, c->amb, R1);
    f[k++] = dl_feat2(47, c->a.suf[2], R1);
    return k;
}

void dl__tag_decode_pass(const dl_lm *lm, size_t nclass, const dl__tword *w, size_t n,
                         const uint16_t *first, uint16_t *tags) {
    uint64_t f[MAXFEAT];
    int32_t scores[DL_LM_MAX_CLASSES + 1];
    int t1 = -1, t2 = -2;
    for (size_t i = 0; i < n; i++) {
        int tag = w[PAD + i].fixed;
        if (tag == NO_TAG) {
            size_t nf = first ? dl__tag_feats2(w, i, n, t1, t2, first, f)
                              : dl__tag_feats(w, i, t1, t2, f);
            dl_lm_score(lm, f, nf, scores);
            tag = dl__argmax_i32(scores, nclass);
        }
        tags[i] = (uint16_t)tag;
        t2 = t1;
        t1 = tag;
    }
}

/* Tags left to right; with a second model, again with the first pass's
 * tags of the next words as features. */
dl_status dl__tag_decode(const dl_tagger *t, const dl__tword *w, size_t n, uint16_t *tags) {
    if (!t->lm2.nslot) {
        dl__tag_decode_pass(&t->lm, t->nclass, w, n, NULL, tags);
        return DL_OK;
    }
    uint16_t buf[128] = {0};  /* zeroed: gcc -O3 cannot see decode_pass fills it */
    uint16_t *first = n <= 128 ? buf : malloc(n * sizeof *first);
    if (!first) return DL_ERR_NOMEM;
    dl__tag_decode_pass(&t->lm, t->nclass, w, n, NULL, first);
    dl__tag_decode_pass(&t->lm2, t->nclass, w, n, first, tags);
    if (first != buf) free(first);
    return DL_OK;
}

dl_status dl_tagger_tag(const dl_tagger *t, const dl_wordref *words, size_t n, uint16_t *tags) {
    dl__tword buf[64 + 2 * PAD];
    dl__tword *w = n <= 64 ? buf : malloc((n + 2 * PAD) * sizeof *w);
    if (!w) return DL_ERR_NOMEM;
    dl__tag_prepare(t, words, n, w);
    dl_status st = dl__tag_decode(t, w, n, tags);
    if (w != buf) free(w);
    return st;
}

size_t dl_tagger_nclass(const dl_tagger *t) { return t->nclass; }
const char *dl_tagger_upos(const dl_tagger *t, uint16_t tag) {
    return tag < t->nclass ? t->upos[tag] : "X";
}
const char *dl_tagger_xpos(const dl_tagger *t, uint16_t tag) {
    return tag < t->nclass ? t->xpos[tag] : "_";
}
uint64_t dl_tagger_atom(const dl_tagger *t, uint16_t tag) {
    return tag < t->nclass ? t->atom[tag] : 0;
}

dl_status dl_tagger_run(const dl_tagger *t, dl_doc *doc, dl_syntax *syn) {
    size_t n = doc->toks.n;
    memset(syn, 0, sizeof *syn);
    syn->n = n;
    dl_arena *a = &doc->arena;
    syn->tag = dl_arena_alloc(a, (n + 1) * sizeof *syn->tag);
    syn->upos = dl_arena_alloc(a, (n + 1) * sizeof *syn->upos);
    syn->xpos = dl_arena_alloc(a, (n + 1) * sizeof *syn->xpos);
    syn->tag_atom = dl_arena_alloc(a, (n + 1) * sizeof *syn->tag_atom);
    syn->head = dl_arena_alloc(a, (n + 1) * sizeof *syn->head);
    syn->deprel = dl_arena_alloc(a, (n + 1) * sizeof *syn->deprel);
    dl_wordref *words = malloc((n + 1) * sizeof *words);
    if (!syn->tag || !syn->upos || !syn->xpos || !syn->tag_atom || !syn->head || !syn->deprel ||
        !words) {
        free(words);
        return DL_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        words[i].s = DL_SPAN_PTR(doc, doc->toks.v[i].off);
        words[i].len = doc->toks.v[i].len;
        syn->head[i] = -1;
    }
    dl_status st = DL_OK;
    for (size_t s = 0; s < doc->sents.n && st == DL_OK; s++) {
        const dl_sent *se = &doc->sents.v[s];
        if ((size_t)se->tok0 + se->ntok > n) { st = DL_ERR_INPUT; break; }
        st = dl_tagger_tag(t, words + se->tok0, se->ntok, syn->tag + se->tok0);
    }
    for (size_t i = 0; i < n; i++) {
        syn->upos[i] = dl_tagger_upos(t, syn->tag[i]);
        syn->xpos[i] = dl_tagger_xpos(t, syn->tag[i]);
        syn->tag_atom[i] = dl_tagger_atom(t, syn->tag[i]);
    }
    free(words);
    return st;
}

/* ---- loading ----------------------------------------------------------------- */

void dl_tagger_free(dl_tagger *t) {
    if (!t) return;
    free(t->names);
    free(t->upos);
    free(t->xpos);
    free(t->atom);
    free(t->split);
    dl_lm_release(&t->lm);
    dl_lm_release(&t->lm2);
    dl_model_close(t->model);
    free(t);
}

static dl_status bad(dl_tagger *t, const char *path, const char *what, char *err, size_t errlen) {
    if (err) snprintf(err, errlen, "%s: %s", path, what);
    dl_tagger_free(t);
    return DL_ERR_DATA;
}

/* Takes ownership of m. */
dl_status dl__tagger_from_model(dl_model *m, dl_tagger **out, char *err, size_t errlen) {
    *out = NULL;
    const char *path = dl_model_path(m);
    dl_tagger *t = calloc(1, sizeof *t);
    if (!t) { dl_model_close(m); return DL_ERR_NOMEM; }
    t->model = m;
    size_t len;
    const void *p = dl_model_section(m, "classes", &len);
    if (dl_model_names(p, len, &t->names, &t->nclass) != DL_OK || !t->nclass ||
        t->nclass > DL_LM_MAX_CLASSES)
        return bad(t, path, "missing or malformed 'classes' section", err, errlen);
    t->upos = calloc(t->nclass, sizeof *t->upos);
    t->xpos = calloc(t->nclass, sizeof *t->xpos);
    t->atom = calloc(t->nclass, sizeof *t->atom);
    t->split = malloc(len);
    if (!t->upos || !t->xpos || !t->atom || !t->split) return bad(t, path, "out of memory", err, errlen);
    memcpy(t->split, p, len);
    for (size_t i = 0; i < t->nclass; i++) {
        char *name = t->split + (t->names[i] - (const char *)p);
        t->atom[i] = dl_hash_bytes(name, strlen(name));
        char *bar = strchr(name, '|');
        if (!bar) return bad(t, path, "tag class without '|'", err, errlen);
        *bar = '\0';
        t->upos[i] = name;
        t->xpos[i] = bar + 1;
    }
    p = dl_model_section(m, "weights", &len);
    char why[128];
    if (!p || dl_lm_view(p, len, &t->lm, why, sizeof why) != DL_OK || t->lm.nclass != t->nclass)
        return bad(t, path, "missing or malformed 'weights' section", err, errlen);
    p = dl_model_section(m, "weights2", &len);
    if (p && (dl_lm_view(p, len, &t->lm2, why, sizeof why) != DL_OK || t->lm2.nclass != t->nclass))
        return bad(t, path, "malformed 'weights2' section", err, errlen);
    p = dl_model_section(m, "clusters", &len);
    if (p && dl_clusters_view(p, len, &t->cl) != DL_OK)
        return bad(t, path, "malformed 'clusters' section", err, errlen);
    p = dl_model_section(m, "wordnet", &len);
    if (p) {
        uint32_t nw = 0;
        if (len >= 8) memcpy(&nw, p, 4);
        if (len < 8 || !nw || (nw & (nw - 1)) || len != 8 + (size_t)nw * 8)
            return bad(t, path, "malformed 'wordnet' section", err, errlen);
        const uint32_t *wn = (const uint32_t *)((const char *)p + 8);
        size_t empty = 0;
        for (uint32_t i = 0; i < nw; i++) empty += !wn[2 * i];
        if (!empty) return bad(t, path, "malformed 'wordnet' section", err, errlen);
        t->wn = wn;
        t->wn_mask = nw - 1;
    }
    p = dl_model_section(m, "tagdict", &len);
    if (p) {
        uint32_t nslot;
        if (len < 8) return bad(t, path, "malformed 'tagdict' section", err, errlen);
        memcpy(&nslot, p, 4);
        if (!nslot || (nslot & (nslot - 1)) || len != 8 + (size_t)nslot * sizeof(td_slot))
            return bad(t, path, "malformed 'tagdict' section", err, errlen);
        const td_slot *td = (const td_slot *)((const char *)p + 8);
        size_t empty = 0;
        for (uint32_t i = 0; i < nslot; i++) {
            if (!td[i].amb) empty++;
            else if (td[i].fixed != NO_TAG && td[i].fixed >= t->nclass)
                return bad(t, path, "malformed 'tagdict' section", err, errlen);
        }
        if (!empty) return bad(t, path, "malformed 'tagdict' section", err, errlen);
        t->td = td;
        t->td_mask = nslot - 1;
    }
    *out = t;
    return DL_OK;
}

dl_status dl_tagger_load(const char *path, dl_tagger **out, char *err, size_t errlen) {
    dl_model *m;
    *out = NULL;
    dl_status st = dl_model_open(path, "pos", &m, err, errlen);
    if (st != DL_OK) return st;
    return dl__tagger_from_model(m, out, err, errlen);
}

/* ---- evaluation -------------------------------------------------------------------- */

dl_status dl_tagger_eval(const dl_tagger *t, const dl_corpus *test, dl_tag_scores *s) {
    memset(s, 0, sizeof *s);
    size_t maxn = 1;
    for (size_t i = 0; i < test->sents.n; i++)
        if (test->sents.v[i].ntok > maxn) maxn = test->sents.v[i].ntok;
    dl_wordref *words = malloc(maxn * sizeof *words);
    uint16_t *tags = malloc(maxn * sizeof *tags);
    if (!words || !tags) { free(words); free(tags); return DL_ERR_NOMEM; }
    size_t up = 0, xp = 0;
    double secs = 0;
    for (size_t si = 0; si < test->sents.n; si++) {
        const dl_csent *se = &test->sents.v[si];
        const dl_ctok *tk = &test->toks.v[se->tok0];
        for (size_t i = 0; i < se->ntok; i++) {
            words[i].s = tk[i].form;
            words[i].len = tk[i].len;
        }
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        dl_tagger_tag(t, words, se->ntok, tags);
        clock_gettime(CLOCK_MONOTONIC, &b);
        secs += (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) * 1e-9;
        for (size_t i = 0; i < se->ntok; i++) {
            up += !strcmp(t->upos[tags[i]], tk[i].upos);
            xp += !strcmp(t->xpos[tags[i]], tk[i].xpos);
        }
        s->tokens += se->ntok;
    }
    s->sents = test->sents.n;
    s->upos = s->tokens ? 100.0 * (double)up / (double)s->tokens : 0;
    s->xpos = s->tokens ? 100.0 * (double)xp / (double)s->tokens : 0;
    s->seconds = secs;
    free(words);
    free(tags);
    return DL_OK;
}
