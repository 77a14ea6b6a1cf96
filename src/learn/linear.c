/*
 * learn/linear.c -- named-feature linear models; see linear.h.
 *
 * Weights live in arrays indexed through a string map.  Averaging is lazy:
 * each weight keeps the sum of its past values up to the tick it last
 * changed, so an update costs O(features) however long training runs.
 */
#include "learn/linear.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "core/map.h"
#include "core/strbuf.h"
#include "learn/train_util.h"

struct dl_linear {
    dl_map index;       /* feature -> slot */
    char **names;       /* per slot: the feature (owned) */
    double *w;          /* current weight */
    double *sum;        /* sum of the weight over ticks [0, stamp) */
    long *stamp;        /* tick of the last change */
    size_t n, cap;
    long ticks;
};

dl_linear *dl_linear_new(void) {
    dl_linear *m = calloc(1, sizeof *m);
    if (m) dl_map_init(&m->index);
    return m;
}

void dl_linear_free(dl_linear *m) {
    if (!m) return;
    for (size_t i = 0; i < m->n; i++) free(m->names[i]);
    free(m->names);
    free(m->w);
    free(m->sum);
    free(m->stamp);
    dl_map_release(&m->index);
    free(m);
}

static int grow(dl_linear *m) {
    size_t cap = m->cap ? m->cap * 2 : 256;
    char **names = realloc(m->names, cap * sizeof *names);
    if (!names) return -1;
    m->names = names;
    double *w = realloc(m->w, cap * sizeof *w);
    if (!w) return -1;
    m->w = w;
    double *sum = realloc(m->sum, cap * sizeof *sum);
    if (!sum) return -1;
    m->sum = sum;
    long *stamp = realloc(m->stamp, cap * sizeof *stamp);
    if (!stamp) return -1;
    m->stamp = stamp;
    m->cap = cap;
    return 0;
}

/* The slot of a feature, made when create is set; -1 when absent or out
 * of memory. */
static int slot_of(dl_linear *m, const char *f, int create) {
    size_t len = strlen(f);
    int i = dl_map_get(&m->index, f, len);
    if (i >= 0 || !create) return i;
    if (m->n == m->cap && grow(m) != 0) return -1;
    char *name = strdup(f);
    if (!name) return -1;
    if (dl_map_put(&m->index, f, len, (int)m->n) != 0) { free(name); return -1; }
    m->names[m->n] = name;
    m->w[m->n] = m->sum[m->n] = 0;
    m->stamp[m->n] = m->ticks;
    return (int)m->n++;
}

double dl_linear_score(const dl_linear *m, const char *const *feats, size_t n) {
    double s = 0;
    for (size_t i = 0; i < n; i++) {
        int k = dl_map_get(&m->index, feats[i], strlen(feats[i]));
        if (k >= 0) s += m->w[k];
    }
    return s;
}

dl_status dl_linear_update(dl_linear *m, const char *const *feats, size_t n, double delta) {
    for (size_t i = 0; i < n; i++) {
        int k = slot_of(m, feats[i], 1);
        if (k < 0) return DL_ERR_NOMEM;
        m->sum[k] += m->w[k] * (double)(m->ticks - m->stamp[k]);
        m->stamp[k] = m->ticks;
        m->w[k] += delta;
    }
    return DL_OK;
}

void dl_linear_tick(dl_linear *m) { m->ticks++; }

void dl_linear_average(dl_linear *m) {
    if (m->ticks <= 0) return;
    for (size_t k = 0; k < m->n; k++) {
        double total = m->sum[k] + m->w[k] * (double)(m->ticks - m->stamp[k]);
        m->w[k] = total / (double)m->ticks;
        m->sum[k] = 0;
        m->stamp[k] = 0;
    }
    m->ticks = 0;
}

dl_status dl_linear_add_scaled(dl_linear *dst, const dl_linear *src, double k) {
    for (size_t i = 0; i < src->n; i++) {
        int j = slot_of(dst, src->names[i], 1);
        if (j < 0) return DL_ERR_NOMEM;
        dst->w[j] += k * src->w[i];
    }
    return DL_OK;
}

size_t dl_linear_size(const dl_linear *m) {
    size_t n = 0;
    for (size_t k = 0; k < m->n; k++) n += fabs(m->w[k]) >= 5e-5;
    return n;
}

typedef struct {
    const char *name;
    double w;
} entry;

static int by_name(const void *a, const void *b) {
    return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

dl_status dl_linear_save(const dl_linear *m, const char *path, const char *header, char *err,
                         size_t errlen) {
    entry *order = malloc((m->n + 1) * sizeof *order);
    if (!order) return DL_ERR_NOMEM;
    size_t n = 0;
    for (size_t k = 0; k < m->n; k++)
        if (fabs(m->w[k]) >= 5e-5) order[n++] = (entry){m->names[k], m->w[k]};
    qsort(order, n, sizeof *order, by_name);
    dl_strbuf b;
    dl_strbuf_init(&b);
    for (const char *p = header; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        dl_strbuf_adds(&b, "# ");
        dl_strbuf_add(&b, p, len);
        dl_strbuf_addc(&b, '\n');
        p += len + (nl ? 1 : 0);
    }
    for (size_t i = 0; i < n; i++) dl_strbuf_printf(&b, "%s\t%.4f\n", order[i].name, order[i].w);
    free(order);
    dl_status st = b.oom ? DL_ERR_NOMEM : dl__write_file(path, b.s ? b.s : "", b.len, err, errlen);
    dl_strbuf_release(&b);
    return st;
}

dl_status dl_linear_parse(const char *text, size_t len, const char *name, dl_linear **out, char *err,
                          size_t errlen) {
    *out = NULL;
    dl_linear *m = dl_linear_new();
    if (!m) return DL_ERR_NOMEM;
    size_t line = 0;
    for (const char *p = text, *end = text + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        line++;
        const char *next = nl ? nl + 1 : end;
        if (n == 0 || p[0] == '#') { p = next; continue; }
        const char *tab = memchr(p, '\t', n);
        char buf[512], num[64];
        size_t fl = tab ? (size_t)(tab - p) : 0, wl = tab ? n - fl - 1 : 0;
        if (!tab || fl == 0 || fl >= sizeof buf || wl == 0 || wl >= sizeof num) {
            snprintf(err, errlen, "%s:%zu: expected FEATURE<TAB>WEIGHT", name, line);
            dl_linear_free(m);
            return DL_ERR_DATA;
        }
        memcpy(buf, p, fl);
        buf[fl] = '\0';
        memcpy(num, tab + 1, wl);
        num[wl] = '\0';
        char *stop;
        errno = 0;
        double w = strtod(num, &stop);
        if (*stop || errno || !isfinite(w)) {
            snprintf(err, errlen, "%s:%zu: bad weight '%s'", name, line, num);
            dl_linear_free(m);
            return DL_ERR_DATA;
        }
        int k = slot_of(m, buf, 1);
        if (k < 0) { dl_linear_free(m); return DL_ERR_NOMEM; }
        m->w[k] = w;
        p = next;
    }
    *out = m;
    return DL_OK;
}

/* A linear model (events.model, quotes.model) is a data file: a regular file (core/file.h), read up
 * to this bound (the bundled one is 16 KB). */
#define MAX_LINEAR_BYTES ((size_t)256 << 20)

dl_status dl_linear_load(const char *path, dl_linear **out, char *err, size_t errlen) {
    *out = NULL;
    const char *why;
    FILE *fp = dl_file_fopen_regular(path, &why);
    if (!fp) { snprintf(err, errlen, "%s: cannot open: %s", path, why); return DL_ERR_IO; }
    dl_strbuf text;
    dl_strbuf_init(&text);
    int bad = dl_strbuf_add_file(&text, fp, MAX_LINEAR_BYTES);
    fclose(fp);
    dl_status st;
    if (bad) {
        st = text.oom ? DL_ERR_NOMEM : DL_ERR_IO;
        if (!text.oom) snprintf(err, errlen, "%s: read error", path);
    } else if (text.len > MAX_LINEAR_BYTES) {
        snprintf(err, errlen, "%s: larger than %zu MiB: not a linear model", path,
                 MAX_LINEAR_BYTES >> 20);
        st = DL_ERR_DATA;
    } else {
        st = dl_linear_parse(text.s ? text.s : "", text.len, path, out, err, errlen);
    }
    dl_strbuf_release(&text);
    return st;
}

/* ---- feature buffers ---------------------------------------------------------- */

void dl_featbuf_add(dl_featbuf *f, const char *fmt, ...) {
    if (f->n == DL_FEATBUF_MAX || f->used + 2 >= sizeof f->pool) return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(f->pool + f->used, sizeof f->pool - f->used, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof f->pool - f->used) return;
    f->v[f->n++] = f->pool + f->used;
    f->used += (size_t)n + 1;
}
