/*
 * learn/u64map.h -- an open-addressing map from 64-bit hashes to dense
 * indexes 0..n-1, for counting during training (words, classes, labels).
 */
#ifndef DL_LEARN_U64MAP_H
#define DL_LEARN_U64MAP_H

#include <stdint.h>
#include <stdlib.h>

typedef struct {
    uint64_t *keys;   /* 0 = empty (key 0 is stored as 1) */
    uint32_t *vals;
    size_t cap, n;
} dl_u64map;

static inline void dl_u64map_release(dl_u64map *m) {
    free(m->keys);
    free(m->vals);
    m->keys = NULL;
    m->vals = NULL;
    m->cap = m->n = 0;
}

/* The index of key, or -1. */
static inline long dl_u64map_get(const dl_u64map *m, uint64_t key) {
    if (!m->cap) return -1;
    key = key ? key : 1;
    size_t mask = m->cap - 1, i = (size_t)(key ^ key >> 29) & mask;
    while (m->keys[i]) {
        if (m->keys[i] == key) return m->vals[i];
        i = (i + 1) & mask;
    }
    return -1;
}

/* The index of key, adding it as index n when new; -1 when out of memory.
 * *added (if not NULL) says whether it was new. */
static inline long dl_u64map_put(dl_u64map *m, uint64_t key, int *added) {
    key = key ? key : 1;
    if (added) *added = 0;
    if ((m->n + 1) * 2 > m->cap) {
        size_t ncap = m->cap ? m->cap * 2 : 1024, mask = ncap - 1;
        uint64_t *k = calloc(ncap, sizeof *k);
        uint32_t *v = calloc(ncap, sizeof *v);
        if (!k || !v) { free(k); free(v); return -1; }
        for (size_t j = 0; j < m->cap; j++) {
            if (!m->keys[j]) continue;
            size_t i = (size_t)(m->keys[j] ^ m->keys[j] >> 29) & mask;
            while (k[i]) i = (i + 1) & mask;
            k[i] = m->keys[j];
            v[i] = m->vals[j];
        }
        free(m->keys);
        free(m->vals);
        m->keys = k;
        m->vals = v;
        m->cap = ncap;
    }
    size_t mask = m->cap - 1, i = (size_t)(key ^ key >> 29) & mask;
    while (m->keys[i]) {
        if (m->keys[i] == key) return m->vals[i];
        i = (i + 1) & mask;
    }
    m->keys[i] = key;
    m->vals[i] = (uint32_t)m->n;
    if (added) *added = 1;
    return (long)m->n++;
}

#endif
