/*
 * learn/lm.c -- the averaged perceptron (Collins 2002; lazy averaging as in
 * Daume's "perceptron trick") over hashed features, and its freezing into
 * the quantised open-addressing table that the taggers run from.
 * Training rows are sparse: a feature holds only the classes it was updated
 * for, which keeps memory and the frozen model small.
 */
#include "learn/lm.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- frozen model --------------------------------------------------------- */

/* The slot of feature h in slots[nslot], or NULL when the model has no
 * weights for it. */
static inline const dl_lm_slot *find_slot(const dl_lm_slot *slots, uint32_t nslot, uint64_t h) {
    uint32_t fp = (uint32_t)(h >> 32), i = (uint32_t)(((h & 0xffffffffu) * nslot) >> 32);
    for (;;) {
        const dl_lm_slot *s = &slots[i];
        if (!s->ref) return NULL;
        if (s->fp == fp) return s;
        if (++i == nslot) i = 0;
    }
}

static inline void add_inline(const int16_t *book, uint32_t ref, int32_t *scores) {
    scores[(ref >> 24) & 0x7f] += book[(ref >> 16) & 0xff];
    scores[(ref >> 1) & 0x7f] += book[(ref >> 8) & 0xff];
}

static inline void add_dense(const int16_t *restrict row, uint32_t nclass, int32_t *restrict scores) {
    for (uint32_t c = 0; c < nclass; c++) scores[c] += row[c];
}

/* A row without escapes (the others are dense). */
static inline void add_sparse(const int16_t *book, const dl_lm_ent *e, uint32_t n, int32_t *scores) {
    for (uint32_t k = 0; k < n; k++) scores[e[k].cls] += book[e[k].code];
}

/* Adds a row of the run form (see dl_lm_run). */
static inline void add_row(const dl_lm *m, uint32_t ref, int32_t *scores) {
    if (ref & 0x80000000u)
        add_inline(m->book, ref, scores);
    else if (ref & 0xff)
        add_sparse(m->book, m->ents + (ref >> 8), ref & 0xff, scores);
    else
        add_dense(m->run.dense + (size_t)(ref >> 8) * m->nclass, m->nclass, scores);
}

/* Every lookup is a cache miss in a table of megabytes, and a row held
 * outside its slot a second, dependent one.  So: ask for the home slots a
 * few features ahead, find every slot first while asking for its row, and
 * add the rows after, when most have arrived (1.3 to 1.5 times faster
 * than one feature at a time on the bundled models). */
void dl_lm_score(const dl_lm *m, const uint64_t *feats, size_t n, int32_t *scores) {
    memset(scores, 0, m->nclass * sizeof *scores);
    enum { AHEAD = 8, BATCH = 64 };
    const dl_lm_slot *slots = m->run.slots;
    const dl_lm_ent *ents = m->ents;
    const int16_t *dense = m->run.dense;
    uint32_t nslot = m->nslot, nclass = m->nclass;
    uint32_t refs[BATCH];
    for (size_t i = 0; i < n && i < AHEAD; i++)
        __builtin_prefetch(&slots[((feats[i] & 0xffffffffu) * nslot) >> 32]);
    for (size_t b = 0; b < n; b += BATCH) {
        size_t e = b + BATCH < n ? b + BATCH : n, k = 0;
        for (size_t i = b; i < e; i++) {
            if (i + AHEAD < n)
                __builtin_prefetch(&slots[((feats[i + AHEAD] & 0xffffffffu) * nslot) >> 32]);
            const dl_lm_slot *s = find_slot(slots, nslot, feats[i]);
            if (!s) continue;
            uint32_t ref = s->ref;
            if (!(ref & 0x80000000u))
                __builtin_prefetch(ref & 0xff ? (const void *)(ents + (ref >> 8))
                                              : (const void *)(dense + (size_t)(ref >> 8) * nclass));
            refs[k++] = ref;
        }
        for (size_t j = 0; j < k; j++) add_row(m, refs[j], scores);
    }
}

/* ---- the run form ------------------------------------------------------------ */

/* A row goes dense when it holds at least one class in DENSE_SHARE, or
 * has an escaped weight: a dense row costs about one instruction a class
 * to add and two bytes a class to hold, an entry about six and two. */
#define DENSE_SHARE 3

static int has_escape(const dl_lm_ent *e, uint32_t n) {
    for (uint32_t k = 0; k < n; k++)
        if (e[k].code == DL_LM_ESCAPE) return 1;
    return 0;
}

static int goes_dense(const dl_lm *m, uint32_t ref) {
    uint32_t n = ref & 0xff;
    return n * DENSE_SHARE >= m->nclass || has_escape(m->ents + (ref >> 8), n);
}

/* Writes the row at e[0..n) into dense[nclass] (zeroed); dl_lm_view has
 * checked that it names each class once. */
static void fill_dense(const int16_t *book, const dl_lm_ent *e, uint32_t n, int16_t *dense) {
    for (uint32_t k = 0; k < n; k++) {
        if (e[k].code != DL_LM_ESCAPE) {
            dense[e[k].cls] = book[e[k].code];
        } else {
            dense[e[k].cls] = (int16_t)(uint16_t)(e[k + 1].cls | e[k + 1].code << 8);
            k++;
        }
    }
}

/* How many rows go dense. */
static size_t count_dense(const dl_lm *m) {
    size_t ndense = 0;
    for (uint32_t i = 0; i < m->nslot; i++) {
        uint32_t ref = m->slots[i].ref;
        ndense += ref && !(ref & 0x80000000u) && goes_dense(m, ref);
    }
    return ndense;
}

/* Builds m->run from m's slots and entries (checked: see dl_lm_view), of
 * which ndense rows go dense.  Rows that stay sparse keep their references
 * into m->ents. */
static dl_status build_run(dl_lm *m, size_t ndense) {
    size_t slot_bytes = (size_t)m->nslot * sizeof(dl_lm_slot);
    char *mem = calloc(1, slot_bytes + (ndense + 1) * m->nclass * sizeof(int16_t));
    if (!mem) return DL_ERR_NOMEM;
    dl_lm_run *r = &m->run;
    r->slots = memcpy(mem, m->slots, slot_bytes);
    r->dense = (int16_t *)(mem + slot_bytes);
    uint32_t nd = 1;   /* dense row 0 unused: no reference is 0 (empty) */
    for (uint32_t i = 0; i < m->nslot; i++) {
        uint32_t ref = m->slots[i].ref;
        if (!ref || (ref & 0x80000000u) || !goes_dense(m, ref)) continue;
        fill_dense(m->book, m->ents + (ref >> 8), ref & 0xff, r->dense + (size_t)nd * m->nclass);
        r->slots[i].ref = nd++ << 8;
    }
    return DL_OK;
}

typedef struct {
    uint32_t nclass, nslot, nent, reserved;
    int16_t book[256];
} lm_header;

size_t dl_lm_size(const dl_lm *m) {
    return sizeof(lm_header) + (size_t)m->nslot * sizeof(dl_lm_slot) +
           (size_t)m->nent * sizeof(dl_lm_ent);
}

void dl_lm_write(const dl_lm *m, void *buf) {
    lm_header h;
    memset(&h, 0, sizeof h);
    h.nclass = m->nclass;
    h.nslot = m->nslot;
    h.nent = m->nent;
    memcpy(h.book, m->book, sizeof h.book);
    char *p = buf;
    memcpy(p, &h, sizeof h);
    p += sizeof h;
    memcpy(p, m->slots, (size_t)m->nslot * sizeof(dl_lm_slot));
    p += (size_t)m->nslot * sizeof(dl_lm_slot);
    memcpy(p, m->ents, (size_t)m->nent * sizeof(dl_lm_ent));
}

dl_status dl_lm_view(const void *p, size_t len, dl_lm *out, char *err, size_t errlen) {
    memset(out, 0, sizeof *out);
    const lm_header *h = p;
    if (len < sizeof *h || (uintptr_t)p % 4) goto bad;
    if (!h->nclass || h->nclass > DL_LM_MAX_CLASSES || !h->nslot || h->nslot > (1u << 30) ||
        h->nent >= (1u << 23) || h->book[0] != 0)
        goto bad;
    if (len != sizeof *h + (size_t)h->nslot * sizeof(dl_lm_slot) + (size_t)h->nent * sizeof(dl_lm_ent))
        goto bad;
    const dl_lm_slot *slots = (const dl_lm_slot *)(h + 1);
    const dl_lm_ent *ents = (const dl_lm_ent *)(slots + h->nslot);
    size_t empty = 0, ndense = 0;
    /* seen[c] == i + 1: class c is in row i already (no clearing per row) */
    uint32_t seen[DL_LM_MAX_CLASSES + 1] = {0};
    for (uint32_t i = 0; i < h->nslot; i++) {
        uint32_t ref = slots[i].ref;
        if (!ref) { empty++; continue; }
        if (ref & 0x80000000u) {
            if (((ref >> 24) & 0x7f) >= h->nclass || ((ref >> 1) & 0x7f) >= h->nclass) goto bad;
            continue;
        }
        uint32_t off = ref >> 8, n = ref & 0xff;
        if (!n || (uint64_t)off + n > h->nent) goto bad;
        int escape = 0;
        for (uint32_t k = off; k < off + n; k++) {
            if (ents[k].cls >= h->nclass || seen[ents[k].cls] == i + 1) goto bad;  /* each class once */
            seen[ents[k].cls] = i + 1;
            if (ents[k].code == DL_LM_ESCAPE) {
                escape = 1;
                if (++k == off + n) goto bad;  /* escape past the row */
            }
        }
        ndense += escape || n * DENSE_SHARE >= h->nclass;   /* as goes_dense has it */
    }
    if (!empty) goto bad;  /* a lookup for an absent feature would never stop */
    out->nclass = h->nclass;
    out->nslot = h->nslot;
    out->nent = h->nent;
    out->book = h->book;
    out->slots = slots;
    out->ents = ents;
    if (build_run(out, ndense) != DL_OK) {
        if (err) snprintf(err, errlen, "out of memory");
        memset(out, 0, sizeof *out);
        return DL_ERR_NOMEM;
    }
    return DL_OK;
bad:
    if (err) snprintf(err, errlen, "malformed weight table");
    return DL_ERR_DATA;
}

void dl_lm_release(dl_lm *m) {
    if (!m) return;
    free(m->own);
    free(m->run.slots);
    memset(m, 0, sizeof *m);
}

/* ---- averaged perceptron ---------------------------------------------------- */

typedef struct {
    float w;        /* current weight */
    uint16_t cls;
    uint32_t ts;    /* clock at the last change of w */
    double tot;     /* sum of w over the ticks up to ts */
} ap_ent;

typedef struct {
    uint32_t n, cap;
    ap_ent *e;
} ap_row;

struct dl_ap {
    uint32_t nclass;
    uint32_t clock;
    uint64_t *keys;   /* open addressing; 0 = empty */
    uint32_t *vals;   /* row index */
    size_t cap, used;
    ap_row *rows;
    size_t nrows, rows_cap;
};

static uint64_t key_of(uint64_t h) { return h ? h : 1; }

dl_ap *dl_ap_new(uint32_t nclass) {
    dl_ap *ap = calloc(1, sizeof *ap);
    if (!ap) return NULL;
    ap->nclass = nclass;
    ap->cap = 1u << 16;
    ap->keys = calloc(ap->cap, sizeof *ap->keys);
    ap->vals = calloc(ap->cap, sizeof *ap->vals);
    if (!ap->keys || !ap->vals) { dl_ap_free(ap); return NULL; }
    return ap;
}

void dl_ap_free(dl_ap *ap) {
    if (!ap) return;
    for (size_t i = 0; i < ap->nrows; i++) free(ap->rows[i].e);
    free(ap->rows);
    free(ap->keys);
    free(ap->vals);
    free(ap);
}

static ap_row *find_row(const dl_ap *ap, uint64_t h) {
    uint64_t k = key_of(h);
    size_t mask = ap->cap - 1, i = (size_t)k & mask;
    while (ap->keys[i]) {
        if (ap->keys[i] == k) return &ap->rows[ap->vals[i]];
        i = (i + 1) & mask;
    }
    return NULL;
}

static int grow_map(dl_ap *ap) {
    size_t ncap = ap->cap * 2, mask = ncap - 1;
    uint64_t *keys = calloc(ncap, sizeof *keys);
    uint32_t *vals = calloc(ncap, sizeof *vals);
    if (!keys || !vals) { free(keys); free(vals); return -1; }
    for (size_t j = 0; j < ap->cap; j++) {
        if (!ap->keys[j]) continue;
        size_t i = (size_t)ap->keys[j] & mask;
        while (keys[i]) i = (i + 1) & mask;
        keys[i] = ap->keys[j];
        vals[i] = ap->vals[j];
    }
    free(ap->keys);
    free(ap->vals);
    ap->keys = keys;
    ap->vals = vals;
    ap->cap = ncap;
    return 0;
}

static ap_row *get_row(dl_ap *ap, uint64_t h) {
    ap_row *r = find_row(ap, h);
    if (r) return r;
    if ((ap->used + 1) * 2 > ap->cap && grow_map(ap)) return NULL;
    if (ap->nrows == ap->rows_cap) {
        size_t nc = ap->rows_cap ? ap->rows_cap * 2 : 4096;
        ap_row *nr = realloc(ap->rows, nc * sizeof *nr);
        if (!nr) return NULL;
        ap->rows = nr;
        ap->rows_cap = nc;
    }
    uint64_t k = key_of(h);
    size_t mask = ap->cap - 1, i = (size_t)k & mask;
    while (ap->keys[i]) i = (i + 1) & mask;
    ap->keys[i] = k;
    ap->vals[i] = (uint32_t)ap->nrows;
    ap->used++;
    r = &ap->rows[ap->nrows++];
    memset(r, 0, sizeof *r);
    return r;
}

void dl_ap_score(const dl_ap *ap, const uint64_t *feats, size_t n, float *scores) {
    for (size_t i = 0; i < n; i++) {
        const ap_row *r = find_row(ap, feats[i]);
        if (!r) continue;
        for (uint32_t k = 0; k < r->n; k++) scores[r->e[k].cls] += r->e[k].w;
    }
}

static int bump(dl_ap *ap, ap_row *r, int cls, float delta) {
    ap_ent *e = NULL;
    for (uint32_t k = 0; k < r->n; k++)
        if (r->e[k].cls == cls) { e = &r->e[k]; break; }
    if (!e) {
        if (r->n == r->cap) {
            uint32_t nc = r->cap ? r->cap * 2 : 2;
            ap_ent *ne = realloc(r->e, nc * sizeof *ne);
            if (!ne) return -1;
            r->e = ne;
            r->cap = nc;
        }
        e = &r->e[r->n++];
        memset(e, 0, sizeof *e);
        e->cls = (uint16_t)cls;
        e->ts = ap->clock;
    }
    e->tot += (double)(ap->clock - e->ts) * e->w;
    e->ts = ap->clock;
    e->w += delta;
    return 0;
}

dl_status dl_ap_update(dl_ap *ap, const uint64_t *feats, size_t n, int truth, int guess) {
    if (truth == guess) return DL_OK;
    for (size_t i = 0; i < n; i++) {
        ap_row *r = get_row(ap, feats[i]);
        if (!r || bump(ap, r, truth, 1.0f) || bump(ap, r, guess, -1.0f)) return DL_ERR_NOMEM;
    }
    return DL_OK;
}

void dl_ap_tick(dl_ap *ap) { ap->clock++; }

void dl_ap_stats(const dl_ap *ap, size_t *rows, size_t *ents) {
    size_t ne = 0;
    for (size_t i = 0; i < ap->nrows; i++) ne += ap->rows[i].n;
    *rows = ap->nrows;
    *ents = ne;
}

static double avg_of(const dl_ap *ap, const ap_ent *e) {
    double clock = ap->clock ? ap->clock : 1;
    return (e->tot + (double)(ap->clock - e->ts) * e->w) / clock;
}

/* The row keys in slot order, so rows can be found from their index. */
static uint64_t *keys_by_row(const dl_ap *ap) {
    uint64_t *k = malloc((ap->nrows ? ap->nrows : 1) * sizeof *k);
    if (!k) return NULL;
    for (size_t i = 0; i < ap->cap; i++)
        if (ap->keys[i]) k[ap->vals[i]] = ap->keys[i];
    return k;
}

/* Weight codes: 127 levels each side of zero, evenly spaced in
 * log(1 + |w| / unit) up to the largest weight; relative error under 4%. */
typedef struct {
    double unit, step;
    int16_t book[256];
} codebook;

static void book_init(codebook *b, double maxabs) {
    memset(b, 0, sizeof *b);
    b->unit = maxabs > 0 ? maxabs / 32767.0 : 1.0;
    b->step = log1p(32767.0) / 127.0;
    for (int k = 1; k <= 127; k++) {
        double v = expm1(k * b->step);
        if (v > 32767) v = 32767;
        b->book[k] = (int16_t)lround(v);         /* codes 1..127 positive */
        b->book[127 + k] = (int16_t)-lround(v);  /* codes 128..254 negative */
    }
}

/* The code of w, or DL_LM_ESCAPE when |w| is above the escape cut. */
static uint8_t book_code(const codebook *b, double w, double esc) {
    double q = fabs(w) / b->unit;
    if (q > esc) return DL_LM_ESCAPE;
    long k = lround(log1p(q) / b->step);
    if (k < 1) k = 1;
    if (k > 127) k = 127;
    return (uint8_t)(w >= 0 ? k : 127 + k);
}

dl_status dl_ap_freeze(const dl_ap *ap, int prune, dl_lm *out) {
    memset(out, 0, sizeof *out);
    double maxabs = 0;
    for (size_t i = 0; i < ap->nrows; i++)
        for (uint32_t k = 0; k < ap->rows[i].n; k++) {
            double a = fabs(avg_of(ap, &ap->rows[i].e[k]));
            if (a > maxabs) maxabs = a;
        }
    codebook cb;
    book_init(&cb, maxabs);
    if (prune < 1) prune = 1;
    double cut = (prune - 0.5) * cb.unit;
    /* Escape weights above 8 times the median magnitude (in units). */
    size_t hist[128] = {0}, total = 0;
    for (size_t i = 0; i < ap->nrows; i++)
        for (uint32_t k = 0; k < ap->rows[i].n; k++) {
            double w = avg_of(ap, &ap->rows[i].e[k]);
            if (fabs(w) < cut) continue;
            uint8_t c = book_code(&cb, w, 1e300);
            hist[c > 127 ? c - 127 : c]++;
            total++;
        }
    size_t acc = 0;
    int med = 1;
    while (med < 127 && (acc += hist[med]) * 2 < total) med++;
    double esc = 8.0 * expm1(med * cb.step);
    int can_inline = ap->nclass <= DL_LM_INLINE_CLASSES;
    /* First pass: count what survives. */
    size_t nrows = 0, nent = 0;
    for (size_t i = 0; i < ap->nrows; i++) {
        size_t kept = 0, escaped = 0;
        for (uint32_t k = 0; k < ap->rows[i].n; k++) {
            double w = avg_of(ap, &ap->rows[i].e[k]);
            if (fabs(w) < cut) continue;
            kept++;
            escaped += book_code(&cb, w, esc) == DL_LM_ESCAPE;
        }
        if (kept) nrows++;
        if (kept > 2 || escaped || (kept && !can_inline)) nent += kept + escaped;
    }
    if (nent >= (1u << 23)) return DL_ERR_USAGE;
    size_t nslot = nrows * 10 / 7 + 64;  /* load at most 0.7 */
    size_t bytes = sizeof cb.book + nslot * sizeof(dl_lm_slot) + (nent ? nent : 1) * sizeof(dl_lm_ent);
    char *mem = calloc(1, bytes);
    uint64_t *keys = keys_by_row(ap);
    if (!mem || !keys) { free(mem); free(keys); return DL_ERR_NOMEM; }
    int16_t *book = (int16_t *)mem;
    memcpy(book, cb.book, sizeof cb.book);
    dl_lm_slot *slots = (dl_lm_slot *)(mem + sizeof cb.book);
    dl_lm_ent *ents = (dl_lm_ent *)(mem + sizeof cb.book + nslot * sizeof(dl_lm_slot));
    uint32_t off = 0;
    for (size_t i = 0; i < ap->nrows; i++) {
        dl_lm_ent row[2 * DL_LM_MAX_CLASSES + 2];
        uint32_t n = 0, escaped = 0;
        for (uint32_t k = 0; k < ap->rows[i].n; k++) {
            double w = avg_of(ap, &ap->rows[i].e[k]);
            if (fabs(w) < cut) continue;
            row[n].cls = (uint8_t)ap->rows[i].e[k].cls;
            row[n].code = book_code(&cb, w, esc);
            if (row[n].code == DL_LM_ESCAPE) {
                long q = lround(w / cb.unit);
                uint16_t v = (uint16_t)(int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
                n++;
                row[n].cls = (uint8_t)(v & 0xff);
                row[n].code = (uint8_t)(v >> 8);
                escaped++;
            }
            n++;
        }
        if (!n) continue;
        if (n > 255) { free(mem); free(keys); return DL_ERR_USAGE; }  /* not below 128 classes */
        uint32_t ref;
        if (can_inline && n <= 2 && !escaped) {
            ref = n == 2 ? DL_LM_INLINE(row[0].cls, row[0].code, row[1].cls, row[1].code)
                         : DL_LM_INLINE(row[0].cls, row[0].code, row[0].cls, 0);
        } else {
            memcpy(ents + off, row, n * sizeof *row);
            ref = off << 8 | n;
            off += n;
        }
        uint64_t h = keys[i];
        size_t j = (size_t)(((h & 0xffffffffu) * nslot) >> 32);
        while (slots[j].ref)
            if (++j == nslot) j = 0;
        slots[j].fp = (uint32_t)(h >> 32);
        slots[j].ref = ref;
    }
    free(keys);
    out->nclass = ap->nclass;
    out->nslot = (uint32_t)nslot;
    out->nent = off;
    out->book = book;
    out->slots = slots;
    out->ents = ents;
    out->own = mem;
    if (build_run(out, count_dense(out)) != DL_OK) {
        dl_lm_release(out);
        return DL_ERR_NOMEM;
    }
    return DL_OK;
}
