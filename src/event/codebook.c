/*
 * event/codebook.c -- loads data/cameo/events.tsv:
 *   code <TAB> name <TAB> goldstein <TAB> quad <TAB> plover_type <TAB> plover_mode
 * '#' starts a comment line.  Errors name the file and line.
 */
#include "event/codebook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tsv.h"

static int cmp_code(const void *a, const void *b) {
    return strcmp(((const dl_cameo *)a)->code, ((const dl_cameo *)b)->code);
}

static int valid_code(const char *s) {
    size_t n = strlen(s);
    if (n < 2 || n > 4) return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

static dl_status add_row(struct dl_codebook *cb, char **f, size_t nf, const char *path,
                         size_t line, char *err, size_t errlen) {
    if (nf < 4) {
        snprintf(err, errlen, "%s:%zu: expected at least 4 tab-separated fields, got %zu", path,
                 line, nf);
        return DL_ERR_DATA;
    }
    if (!valid_code(f[0])) {
        snprintf(err, errlen, "%s:%zu: '%s' is not a CAMEO code", path, line, f[0]);
        return DL_ERR_DATA;
    }
    char *end;
    double g = strtod(f[2], &end);
    if (end == f[2] || *end || g < -10 || g > 10) {
        snprintf(err, errlen, "%s:%zu: Goldstein score '%s' is not a number in -10..10", path,
                 line, f[2]);
        return DL_ERR_DATA;
    }
    int quad = atoi(f[3]);
    if (quad < 0 || quad > 4) {
        snprintf(err, errlen, "%s:%zu: quad class '%s' is not 0..4", path, line, f[3]);
        return DL_ERR_DATA;
    }
    dl_cameo *v = realloc(cb->v, (cb->n + 1) * sizeof *v);
    if (!v) return DL_ERR_NOMEM;
    cb->v = v;
    dl_cameo *c = &cb->v[cb->n++];
    memset(c, 0, sizeof *c);
    snprintf(c->code, sizeof c->code, "%s", f[0]);
    c->name = strdup(f[1]);
    c->goldstein = g;
    c->quad = quad;
    c->plover = strdup(nf > 4 ? f[4] : "");
    c->plover_mode = strdup(nf > 5 ? f[5] : "");
    if (!c->name || !c->plover || !c->plover_mode) return DL_ERR_NOMEM;
    return DL_OK;
}

dl_status dl_codebook_load(const char *path, struct dl_codebook **out, char *err, size_t errlen) {
    *out = NULL;
    struct dl_codebook *cb = calloc(1, sizeof *cb);
    if (!cb) return DL_ERR_NOMEM;
    dl_tsv tsv;
    dl_status st = dl_tsv_open(&tsv, path, err, errlen);
    if (st != DL_OK) { free(cb); return st; }
    char **f;
    size_t nf;
    while ((st = dl_tsv_next(&tsv, &f, &nf)) == DL_OK) {
        st = add_row(cb, f, nf, path, tsv.line, err, errlen);
        if (st != DL_OK) break;
    }
    dl_tsv_close(&tsv);
    if (st != DL_OK && st != DL_ERR_NOTFOUND) { dl_codebook_free(cb); return st; }
    if (cb->n) qsort(cb->v, cb->n, sizeof *cb->v, cmp_code);   /* an empty file has no table */
    for (size_t i = 1; i < cb->n; i++)
        if (strcmp(cb->v[i - 1].code, cb->v[i].code) == 0) {
            snprintf(err, errlen, "%s: CAMEO code %s is listed twice", path, cb->v[i].code);
            dl_codebook_free(cb);
            return DL_ERR_DATA;
        }
    *out = cb;
    return DL_OK;
}

void dl_codebook_free(struct dl_codebook *cb) {
    if (!cb) return;
    for (size_t i = 0; i < cb->n; i++) {
        free(cb->v[i].name);
        free(cb->v[i].plover);
        free(cb->v[i].plover_mode);
    }
    free(cb->v);
    free(cb);
}

const dl_cameo *dl_codebook_find(const struct dl_codebook *cb, const char *code) {
    if (!cb || !code) return NULL;
    dl_cameo key;
    snprintf(key.code, sizeof key.code, "%s", code);
    return bsearch(&key, cb->v, cb->n, sizeof *cb->v, cmp_code);
}
