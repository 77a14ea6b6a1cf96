/*
 * learn/gold.c -- the annotated articles the coders' models learn from, and
 * the perceptron that learns to choose among a decision's candidates (see
 * gold.h).  Training is deterministic: files in name order, seeded shuffles.
 */
#include "learn/gold.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "learn/linear.h"
#include "learn/train_util.h"

/* ---- gold files -------------------------------------------------------------- */

char *dl_gold_key(const char *s) {
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_utf8_fold(s, strlen(s), &b);
    char *f = dl_strbuf_detach(&b);
    if (!f) return NULL;
    char *w = f;
    for (char *r = f; *r; r++) {
        char c = *r == '\t' || *r == '\n' ? ' ' : *r;
        if (!(c == ' ' && (w == f || w[-1] == ' '))) *w++ = c;
    }
    *w = '\0';
    char *start = f;
    while (*start && strchr(" .,'\"", *start)) start++;
    size_t n = strlen(start);
    while (n && strchr(" .,'\"", start[n - 1])) n--;
    memmove(f, start, n);
    f[n] = '\0';
    return f;
}

int dl_gold_actor(const dl_gold_file *g, const char *name) {
    if (!name) return -1;
    char *k = dl_gold_key(name);
    int a = k ? dl_map_get(&g->alias, k, strlen(k)) : -1;
    free(k);
    return a;
}

/* The first actor to claim a name keeps it. */
static void add_alias(dl_gold_file *g, const char *name, int actor) {
    char *k = dl_gold_key(name);
    if (k && dl_map_get(&g->alias, k, strlen(k)) < 0) dl_map_put(&g->alias, k, strlen(k), actor);
    free(k);
}

dl_status dl_gold_open(const char *path, dl_gold_file *g, char *err, size_t errlen) {
    memset(g, 0, sizeof *g);
    dl_map_init(&g->alias);
    json_error_t je;
    g->root = json_load_file(path, 0, &je);
    if (!g->root) {
        snprintf(err, errlen, "%s:%d: %s", path, je.line, je.text);
        return DL_ERR_DATA;
    }
    const char *d = json_string_value(json_object_get(g->root, "date"));
    snprintf(g->date, sizeof g->date, "%s", d ? d : "");
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(g->root, "actors"), i, x) {
        const char *name = json_string_value(json_object_get(x, "name"));
        add_alias(g, name ? name : "", (int)i);
        size_t j;
        json_t *al;
        json_array_foreach(json_object_get(x, "aliases"), j, al)
            if (json_string_value(al)) add_alias(g, json_string_value(al), (int)i);
    }
    return DL_OK;
}

void dl_gold_close(dl_gold_file *g) {
    json_decref(g->root);
    dl_map_release(&g->alias);
    memset(g, 0, sizeof *g);
}

/* ---- the folder ---------------------------------------------------------------- */

static int in_split(const char *name, const char *split) {
    if (strcmp(split, "all") == 0) return 1;
    char *end;
    long n = strtol(name, &end, 10);
    if (end == name) return strcmp(split, "train") == 0;
    return strcmp(split, "dev") == 0 ? n % 3 == 0 : n % 3 != 0;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

typedef DL_VEC(char *) name_vec;

/* Every NN of dir's NN.gold.json, sorted, into v. */
static dl_status list_all(DIR *dir, name_vec *v) {
    for (struct dirent *e; (e = readdir(dir));) {
        size_t len = strlen(e->d_name);
        if (len <= 10 || strcmp(e->d_name + len - 10, ".gold.json") != 0) continue;
        char *base = strndup(e->d_name, len - 10);
        char **slot = base ? DL_VEC_PUSH(v) : NULL;
        if (!slot) { free(base); return DL_ERR_NOMEM; }
        *slot = base;
    }
    if (v->n) qsort(v->v, v->n, sizeof *v->v, by_name);
    return DL_OK;
}

dl_status dl_gold_list(const char *dir_name, const char *split, int fold, int folds, char ***names, size_t *n,
                       char *err, size_t errlen) {
    *names = NULL;
    *n = 0;
    DIR *dir = opendir(dir_name);
    if (!dir) { snprintf(err, errlen, "%s: cannot open directory", dir_name); return DL_ERR_IO; }
    name_vec all = {0};
    dl_status st = list_all(dir, &all);
    closedir(dir);
    size_t kept = 0, in = 0;
    for (size_t i = 0; i < all.n; i++) {
        int keep = st == DL_OK && in_split(all.v[i], split);
        if (keep && folds > 1 && (int)(in++ % (size_t)folds) == fold) keep = 0;
        if (keep) all.v[kept++] = all.v[i];
        else free(all.v[i]);
    }
    if (st != DL_OK) { free(all.v); snprintf(err, errlen, "out of memory"); return st; }
    *names = all.v;
    *n = kept;
    return DL_OK;
}

void dl_gold_list_free(char **names, size_t n) {
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
}

dl_status dl_gold_articles(const dl_gold_train_opts *o, dl_gold_article **out, size_t *n, char *err,
                           size_t errlen) {
    DL_VEC(dl_gold_article) all = {0};
    dl_status st = DL_OK;
    for (size_t d = 0; d < o->ngold && st == DL_OK; d++) {
        char **names;
        size_t nn;
        /* folds are of the first folder: the others add to every fold's training */
        st = dl_gold_list(o->gold_dirs[d], o->split, o->fold, d ? 0 : o->folds, &names, &nn, err, errlen);
        for (size_t i = 0; i < nn; i++) {
            dl_gold_article *a = st == DL_OK ? DL_VEC_PUSH(&all) : NULL;
            if (!a) { st = DL_ERR_NOMEM; free(names[i]); continue; }
            *a = (dl_gold_article){o->gold_dirs[d], names[i]};
        }
        free(names);
    }
    if (st != DL_OK) {
        dl_gold_articles_free(all.v, all.n);
        if (st == DL_ERR_NOMEM) snprintf(err, errlen, "out of memory");
        *out = NULL;
        *n = 0;
        return st;
    }
    *out = all.v;
    *n = all.n;
    return DL_OK;
}

void dl_gold_articles_free(dl_gold_article *a, size_t n) {
    for (size_t i = 0; i < n; i++) free(a[i].name);
    free(a);
}

void dl_gold_dirs_text(const dl_gold_train_opts *o, char *buf, size_t cap) {
    size_t at = 0;
    buf[0] = '\0';
    for (size_t d = 0; d < o->ngold && at < cap; d++) {
        int w = snprintf(buf + at, cap - at, "%s%s", d ? " + " : "", o->gold_dirs[d]);
        if (w < 0) break;
        at += (size_t)w;
    }
}

/* An article's text, read up to 64 MiB (the inputs' bound). */
static dl_status read_text(const char *path, dl_strbuf *b) {
    const size_t max = (size_t)64 << 20;
    FILE *fp = fopen(path, "rb");
    if (!fp) return DL_ERR_IO;
    size_t start = b->len;
    int bad = dl_strbuf_add_file(b, fp, max);
    fclose(fp);
    if (!bad && b->len - start > max) return DL_ERR_DATA;
    return bad ? (b->oom ? DL_ERR_NOMEM : DL_ERR_IO) : DL_OK;
}

dl_status dl_gold_text(const char *dir, const char *name, dl_strbuf *text, char *path, size_t cap, char *err,
                       size_t errlen) {
    snprintf(path, cap, "%s/%s.txt", dir, name);
    dl_status st = read_text(path, text);
    if (st == DL_ERR_IO) {
        snprintf(path, cap, "%s/%s.html", dir, name);
        dl_strbuf_clear(text);
        st = read_text(path, text);
    }
    if (st != DL_OK) snprintf(err, errlen, "%s/%s.txt: cannot read", dir, name);
    return st;
}

/* ---- choosing one candidate -------------------------------------------------------- */

dl_status dl_choice_add(dl_choice_vec *v, size_t n, size_t first, size_t gold) {
    dl_featset *cands = calloc(n ? n : 1, sizeof *cands);
    dl_choice *d = cands ? DL_VEC_PUSH(v) : NULL;
    if (!d) { free(cands); return DL_ERR_NOMEM; }
    *d = (dl_choice){cands, n, first, gold};
    return DL_OK;
}

void dl_choice_free(dl_choice_vec *v) {
    for (size_t i = 0; i < v->n; i++) free(v->v[i].cands);
    DL_VEC_FREE(v);
}

size_t dl_choice_best(const dl_linear *m, const dl_choice *d) {
    size_t best = d->first;
    double top = 0;
    for (size_t c = d->first; c < d->n; c++) {
        double s = dl_linear_score(m, d->cands[c].feats, d->cands[c].n);
        if (c == d->first || s > top) { top = s; best = c; }
    }
    return best;
}

/* One averaged perceptron over the decisions in a seeded order. */
static dl_status train_run(dl_linear *m, const dl_choice_vec *v, uint32_t *order, const dl_choice_opts *o,
                           uint64_t seed) {
    dl_status st = DL_OK;
    /* the rules' choice is where learning starts: the perceptron moves away
     * from it only where the annotations say so */
    if (o->prior_weight != 0) st = dl_linear_update(m, o->prior, o->nprior, o->prior_weight);
    for (int ep = 0; st == DL_OK && ep < o->epochs; ep++) {
        for (size_t i = 0; i < v->n; i++) order[i] = (uint32_t)i;
        dl__shuffle(order, v->n, &seed);
        size_t wrong = 0;
        for (size_t k = 0; k < v->n && st == DL_OK; k++) {
            const dl_choice *d = &v->v[order[k]];
            size_t guess = dl_choice_best(m, d);
            if (guess != d->gold) {
                wrong++;
                st = dl_linear_update(m, d->cands[d->gold].feats, d->cands[d->gold].n, 1.0);
                if (st == DL_OK) st = dl_linear_update(m, d->cands[guess].feats, d->cands[guess].n, -1.0);
            }
            dl_linear_tick(m);
        }
        if (o->log) fprintf(o->log, "epoch %d: %zu of %zu decisions wrong\n", ep + 1, wrong, v->n);
    }
    if (st == DL_OK) dl_linear_average(m);
    return st;
}

dl_status dl_choice_train(dl_linear *m, const dl_choice_vec *v, const dl_choice_opts *o, size_t *right) {
    int runs = o->runs > 0 ? o->runs : 1;
    uint32_t *order = malloc((v->n + 1) * sizeof *order);
    dl_status st = order ? DL_OK : DL_ERR_NOMEM;
    /* several runs over different shuffles, averaged: 40 articles give few
     * decisions, and one order alone moves the figures by a few points */
    for (int r = 0; r < runs && st == DL_OK; r++) {
        dl_linear *one = dl_linear_new();
        if (!one) { st = DL_ERR_NOMEM; break; }
        st = train_run(one, v, order, o, o->seed + (uint64_t)r * 1000003u);
        if (st == DL_OK) st = dl_linear_add_scaled(m, one, 1.0 / runs);
        dl_linear_free(one);
    }
    *right = 0;
    for (size_t k = 0; st == DL_OK && k < v->n; k++) *right += dl_choice_best(m, &v->v[k]) == v->v[k].gold;
    free(order);
    return st;
}
