/*
 * learn/cluster.c -- word classes by the exchange algorithm over bigram
 * counts (Martin, Liermann & Ney 1998), in the one-sided "predictive" form
 * of Uszkoreit & Brants (2008): a word's class should predict it from the
 * word before, so the objective is sum over (previous word v, class c) of
 * N(v,c) log N(v,c) minus sum over c of N(c) log N(c).  Each pass takes the
 * words by falling frequency, moves each to the class that raises the
 * objective most, and stops early when no word moves.  Deterministic.
 */
#include "learn/cluster.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "learn/corpus.h"
#include "learn/hash.h"
#include "learn/u64map.h"
#include "learn/word.h"

/* ---- the table in a model ------------------------------------------------------ */

dl_status dl_clusters_view(const void *p, size_t len, dl_clusters *out) {
    memset(out, 0, sizeof *out);
    uint32_t nslot = 0;
    if (len >= 8) memcpy(&nslot, p, 4);
    if (len < 8 || !nslot || (nslot & (nslot - 1)) || len != 8 + (size_t)nslot * sizeof(dl_cluster_slot))
        return DL_ERR_DATA;
    const dl_cluster_slot *s = (const dl_cluster_slot *)((const char *)p + 8);
    size_t empty = 0;
    for (uint32_t i = 0; i < nslot; i++) empty += !s[i].fp;
    if (!empty) return DL_ERR_DATA;
    out->slots = s;
    out->mask = nslot - 1;
    return DL_OK;
}

dl_status dl_clusters_section(const char *path, dl_strbuf *out, char *err, size_t errlen) {
    FILE *fp = fopen(path, "r");
    if (!fp) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return DL_ERR_IO;
    }
    DL_VEC(dl_cluster_slot) rows = {0};
    DL_VEC(uint64_t) keys = {0};
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    dl_status st = DL_OK;
    while (getline(&line, &cap, fp) >= 0) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n') continue;
        char *t1 = strchr(line, '\t');
        char *end;
        long fine = -1, coarse = -1;
        if (t1) fine = strtol(t1 + 1, &end, 10);
        if (t1 && *end == '\t') coarse = strtol(end + 1, &end, 10);
        if (!t1 || fine < 0 || fine >= DL_CLUSTER_NONE || coarse < 0 || coarse >= DL_CLUSTER_NONE) {
            snprintf(err, errlen, "%s:%ld: expected 'word TAB fine TAB coarse TAB count'", path, lineno);
            st = DL_ERR_DATA;
            break;
        }
        dl_cluster_slot *r = DL_VEC_PUSH(&rows);
        uint64_t *k = DL_VEC_PUSH(&keys);
        if (!r || !k) { st = DL_ERR_NOMEM; break; }
        *k = dl_hash_bytes(line, (size_t)(t1 - line));
        r->fine = (uint16_t)fine;
        r->coarse = (uint16_t)coarse;
    }
    free(line);
    fclose(fp);
    if (st == DL_OK) {
        uint32_t nslot = 1024;
        while (nslot < rows.n * 2) nslot *= 2;
        dl_cluster_slot *slots = calloc(nslot, sizeof *slots);
        if (!slots) st = DL_ERR_NOMEM;
        for (size_t j = 0; slots && j < rows.n; j++) {
            uint32_t f = (uint32_t)(keys.v[j] >> 32) | 1, i = (uint32_t)keys.v[j] & (nslot - 1);
            while (slots[i].fp && slots[i].fp != f) i = (i + 1) & (nslot - 1);
            if (slots[i].fp) continue;  /* repeated word or clash: the first row holds */
            slots[i] = rows.v[j];
            slots[i].fp = f;
        }
        if (slots) {
            uint32_t hdr[2] = {nslot, 0};
            dl_strbuf_add(out, (const char *)hdr, sizeof hdr);
            dl_strbuf_add(out, (const char *)slots, nslot * sizeof *slots);
            if (out->oom) st = DL_ERR_NOMEM;
        }
        free(slots);
    }
    if (st == DL_ERR_NOMEM) snprintf(err, errlen, "%s: out of memory", path);
    DL_VEC_FREE(&rows);
    DL_VEC_FREE(&keys);
    return st;
}

/* ---- reading the text ------------------------------------------------------------ */

typedef struct {
    dl_u64map ids;            /* norm hash -> word id */
    DL_VEC(char *) words;     /* normal forms */
    DL_VEC(uint32_t) count;
    DL_VEC(uint32_t) stream;  /* word ids, SENT_BREAK between sentences */
} text;

#define SENT_BREAK 0xffffffffu

static int add_word(text *t, const char *s, size_t len) {
    char norm[256];
    size_t n = dl_word_norm(s, len, norm, sizeof norm);
    int added;
    long id = dl_u64map_put(&t->ids, dl_hash_bytes(norm, n), &added);
    if (id < 0) return -1;
    if (added) {
        char **w = DL_VEC_PUSH(&t->words);
        uint32_t *c = DL_VEC_PUSH(&t->count);
        if (!w || !c || !(*w = strndup(norm, n))) return -1;
    }
    t->count.v[id]++;
    uint32_t *x = DL_VEC_PUSH(&t->stream);
    if (!x) return -1;
    *x = (uint32_t)id;
    return 0;
}

static int add_break(text *t) {
    uint32_t *x = DL_VEC_PUSH(&t->stream);
    if (!x) return -1;
    *x = SENT_BREAK;
    return 0;
}

/* Whether a file is annotated (CoNLL-U, CoNLL-2003, Universal NER) rather
 * than raw text: its first line is a comment, a -DOCSTART- or has a tab. */
static int is_annotated(const char *path) {
    FILE *fp = fopen(path, "r");
    if (!fp) return 0;
    char line[512] = "";
    int yes = fgets(line, sizeof line, fp) &&
              (line[0] == '#' || !strncmp(line, "-DOCSTART-", 10) || strchr(line, '\t'));
    fclose(fp);
    return yes;
}

/* Tokenizes bytes as one document and adds its sentences. */
static dl_status add_raw(text *t, const char *name, const char *bytes, size_t len) {
    dl_doc *doc = dl_doc_new();
    dl_status st = DL_ERR_NOMEM;
    if (doc && dl_doc_set_source(doc, name, bytes, len, DL_INPUT_TEXT) == DL_OK) {
        doc->article.body = doc->src;
        doc->article.body_len = doc->src_len;
        st = dl_tokenize_run(NULL, doc);
        for (size_t s = 0; st == DL_OK && s < doc->sents.n; s++) {
            const dl_sent *se = &doc->sents.v[s];
            for (uint32_t i = se->tok0; i < se->tok0 + se->ntok; i++)
                if (add_word(t, DL_SPAN_PTR(doc, doc->toks.v[i].off), doc->toks.v[i].len)) st = DL_ERR_NOMEM;
            if (add_break(t)) st = DL_ERR_NOMEM;
        }
    }
    dl_doc_free(doc);
    return st;
}

/* Raw text, in pieces of about CHUNK bytes cut at paragraph breaks (the
 * tokenize stage codes at most 2 MB of a document). */
#define CHUNK (512u * 1024)

/* A raw text file is read whole, up to this bound. */
#define MAX_RAW_BYTES ((size_t)4 << 30)

static dl_status read_raw(text *t, const char *path, char *err, size_t errlen) {
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return DL_ERR_IO;
    }
    dl_strbuf b;
    dl_strbuf_init(&b);
    int bad = dl_strbuf_add_file(&b, fp, MAX_RAW_BYTES);
    fclose(fp);
    dl_status st = bad ? DL_ERR_IO : DL_OK;
    if (!bad && b.len > MAX_RAW_BYTES) {
        dl_strbuf_release(&b);
        snprintf(err, errlen, "%s: larger than %zu GiB of raw text", path, MAX_RAW_BYTES >> 30);
        return DL_ERR_DATA;
    }
    for (size_t at = 0; st == DL_OK && at < b.len;) {
        size_t end = at + CHUNK < b.len ? at + CHUNK : b.len;
        const char *para = end < b.len ? strstr(b.s + end, "\n\n") : NULL;
        end = para ? (size_t)(para - b.s) + 2 : b.len;
        st = add_raw(t, path, b.s + at, end - at);
        at = end;
    }
    if (st != DL_OK) snprintf(err, errlen, "%s: cannot read or tokenize", path);
    dl_strbuf_release(&b);
    return st;
}

static dl_status read_corpus(text *t, const char *path, char *err, size_t errlen) {
    dl_corpus c;
    dl_status st = dl_corpus_load(path, &c, err, errlen);
    if (st != DL_OK) return st;
    for (size_t s = 0; s < c.sents.n && st == DL_OK; s++) {
        const dl_csent *se = &c.sents.v[s];
        for (uint32_t i = se->tok0; i < se->tok0 + se->ntok; i++)
            if (add_word(t, c.toks.v[i].form, c.toks.v[i].len)) st = DL_ERR_NOMEM;
        if (add_break(t)) st = DL_ERR_NOMEM;
    }
    dl_corpus_release(&c);
    if (st == DL_ERR_NOMEM) snprintf(err, errlen, "%s: out of memory", path);
    return st;
}

/* ---- the exchange algorithm ------------------------------------------------------ */

typedef struct {
    uint32_t v, n;   /* previous word (or context id), bigram count */
} pred;

typedef struct {
    size_t nw;             /* clustered words 0..nw-1 (by falling frequency) */
    size_t nctx;           /* contexts: the nw words, then "rare", then "start" */
    uint32_t *wcount;      /* per clustered word */
    pred *preds;           /* every word's predecessors, grouped */
    size_t *pred0;         /* nw + 1 offsets into preds */
} bigrams;

static double xlogx(double x) { return x > 0 ? x * log(x) : 0; }

/* Moves words between k classes; cls[w] in, out. */
static void exchange(const bigrams *g, int k, int iters, uint32_t *cls, FILE *log, const char *what) {
    int32_t *M = calloc(g->nctx * (size_t)k, sizeof *M);  /* context x class counts */
    double *N = calloc((size_t)k, sizeof *N);
    double *delta = malloc((size_t)k * sizeof *delta);
    if (!M || !N || !delta) { free(M); free(N); free(delta); return; }
    for (size_t w = 0; w < g->nw; w++) {
        N[cls[w]] += g->wcount[w];
        for (size_t j = g->pred0[w]; j < g->pred0[w + 1]; j++)
            M[(size_t)g->preds[j].v * (size_t)k + cls[w]] += (int32_t)g->preds[j].n;
    }
    for (int it = 0; it < iters; it++) {
        size_t moved = 0;
        for (size_t w = 0; w < g->nw; w++) {
            uint32_t a = cls[w];
            double nw = g->wcount[w];
            for (size_t j = g->pred0[w]; j < g->pred0[w + 1]; j++)
                M[(size_t)g->preds[j].v * (size_t)k + a] -= (int32_t)g->preds[j].n;
            N[a] -= nw;
            for (int c = 0; c < k; c++) delta[c] = xlogx(N[c]) - xlogx(N[c] + nw);
            for (size_t j = g->pred0[w]; j < g->pred0[w + 1]; j++) {
                const int32_t *row = M + (size_t)g->preds[j].v * (size_t)k;
                double n = g->preds[j].n;
                for (int c = 0; c < k; c++)
                    if (row[c]) delta[c] += xlogx(row[c] + n) - xlogx(row[c]);
                    else delta[c] += xlogx(n);
            }
            uint32_t b = a;
            for (int c = 0; c < k; c++)
                if (delta[c] > delta[b] + 1e-9) b = (uint32_t)c;
            for (size_t j = g->pred0[w]; j < g->pred0[w + 1]; j++)
                M[(size_t)g->preds[j].v * (size_t)k + b] += (int32_t)g->preds[j].n;
            N[b] += nw;
            cls[w] = b;
            moved += b != a;
        }
        if (log) fprintf(log, "%s pass %d: %zu words moved\n", what, it + 1, moved);
        if (!moved) break;
    }
    free(M);
    free(N);
    free(delta);
}

static const text *sort_text;
static int by_count(const void *x, const void *y) {
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    uint32_t ca = sort_text->count.v[a], cb = sort_text->count.v[b];
    if (ca != cb) return ca > cb ? -1 : 1;
    return strcmp(sort_text->words.v[a], sort_text->words.v[b]);
}

static int pred_cmp(const void *x, const void *y) {
    const uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

/* The bigrams of the clustered words (those seen min_count times), words
 * renumbered by falling frequency; rank[word id] = new number or -1. */
static dl_status build_bigrams(const text *t, int min_count, bigrams *g, uint32_t **order_out) {
    size_t nv = t->words.n;
    uint32_t *order = malloc((nv + 1) * sizeof *order);
    uint32_t *rank = malloc((nv + 1) * sizeof *rank);
    if (!order || !rank) { free(order); free(rank); return DL_ERR_NOMEM; }
    for (size_t i = 0; i < nv; i++) order[i] = (uint32_t)i;
    sort_text = t;
    qsort(order, nv, sizeof *order, by_count);
    size_t nw = 0;
    while (nw < nv && t->count.v[order[nw]] >= (uint32_t)min_count) nw++;
    for (size_t i = 0; i < nv; i++) rank[order[i]] = i < nw ? (uint32_t)i : (uint32_t)nw;
    /* (word << 32 | previous) for every bigram whose second word is clustered */
    DL_VEC(uint64_t) pairs = {0};
    uint32_t prev = (uint32_t)nw + 1;  /* "start" */
    for (size_t i = 0; i < t->stream.n; i++) {
        uint32_t x = t->stream.v[i];
        if (x == SENT_BREAK) { prev = (uint32_t)nw + 1; continue; }
        uint32_t r = rank[x];
        if (r < nw) {
            uint64_t *p = DL_VEC_PUSH(&pairs);
            if (!p) { free(order); free(rank); DL_VEC_FREE(&pairs); return DL_ERR_NOMEM; }
            *p = (uint64_t)r << 32 | prev;
        }
        prev = r;
    }
    qsort(pairs.v, pairs.n, sizeof *pairs.v, pred_cmp);
    g->nw = nw;
    g->nctx = nw + 2;
    g->wcount = calloc(nw + 1, sizeof *g->wcount);
    g->pred0 = calloc(nw + 2, sizeof *g->pred0);
    g->preds = malloc((pairs.n + 1) * sizeof *g->preds);
    if (!g->wcount || !g->pred0 || !g->preds) {
        free(order); free(rank); DL_VEC_FREE(&pairs);
        return DL_ERR_NOMEM;
    }
    size_t np = 0;
    for (size_t i = 0; i < pairs.n; i++) {
        uint32_t w = (uint32_t)(pairs.v[i] >> 32), v = (uint32_t)pairs.v[i];
        g->wcount[w]++;
        if (np && g->preds[np - 1].v == v && (uint32_t)(pairs.v[i - 1] >> 32) == w) {
            g->preds[np - 1].n++;
            continue;
        }
        g->preds[np].v = v;
        g->preds[np].n = 1;
        g->pred0[w + 1] = ++np;
    }
    for (size_t w = 1; w <= nw; w++)
        if (g->pred0[w] < g->pred0[w - 1]) g->pred0[w] = g->pred0[w - 1];
    DL_VEC_FREE(&pairs);
    free(rank);
    *order_out = order;
    return DL_OK;
}

dl_status dl_clusters_train(const char *const *paths, int npaths, const dl_cluster_opts *o,
                            const char *out_path, char *err, size_t errlen) {
    text t;
    memset(&t, 0, sizeof t);
    bigrams g;
    memset(&g, 0, sizeof g);
    uint32_t *order = NULL, *fine = NULL, *coarse = NULL;
    dl_status st = DL_OK;
    for (int i = 0; i < npaths && st == DL_OK; i++)
        st = is_annotated(paths[i]) ? read_corpus(&t, paths[i], err, errlen)
                                    : read_raw(&t, paths[i], err, errlen);
    if (st != DL_OK) goto done;
    if ((st = build_bigrams(&t, o->min_count, &g, &order)) != DL_OK) goto done;
    if (o->log)
        fprintf(o->log, "%zu tokens, %zu word types, %zu clustered (seen %d times or more)\n",
                t.stream.n, t.words.n, g.nw, o->min_count);
    fine = malloc((g.nw + 1) * sizeof *fine);
    coarse = malloc((g.nw + 1) * sizeof *coarse);
    st = DL_ERR_NOMEM;
    if (!fine || !coarse) goto done;
    for (size_t w = 0; w < g.nw; w++) {  /* the most frequent words start in classes of their own */
        fine[w] = (uint32_t)(w % (size_t)o->fine);
        coarse[w] = (uint32_t)(w % (size_t)o->coarse);
    }
    exchange(&g, o->fine, o->iters, fine, o->log, "fine");
    exchange(&g, o->coarse, o->iters, coarse, o->log, "coarse");
    FILE *fp = fopen(out_path, "w");
    if (!fp) {
        snprintf(err, errlen, "%s: %s", out_path, strerror(errno));
        st = DL_ERR_IO;
        goto done;
    }
    fprintf(fp, "# word\tfine\tcoarse\tcount -- made by `dateline train clusters` (%d and %d classes,"
                " words seen %d times or more); see data/models/README.md\n",
            o->fine, o->coarse, o->min_count);
    for (size_t w = 0; w < g.nw; w++)
        fprintf(fp, "%s\t%u\t%u\t%u\n", t.words.v[order[w]], fine[w], coarse[w], t.count.v[order[w]]);
    st = fclose(fp) ? DL_ERR_IO : DL_OK;
    if (st != DL_OK) snprintf(err, errlen, "%s: %s", out_path, strerror(errno));
done:
    if (st == DL_ERR_NOMEM && !err[0]) snprintf(err, errlen, "out of memory");
    for (size_t i = 0; i < t.words.n; i++) free(t.words.v[i]);
    DL_VEC_FREE(&t.words);
    DL_VEC_FREE(&t.count);
    DL_VEC_FREE(&t.stream);
    dl_u64map_release(&t.ids);
    free(g.wcount);
    free(g.preds);
    free(g.pred0);
    free(order);
    free(fine);
    free(coarse);
    return st;
}
