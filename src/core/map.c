/* core/map.c -- open-addressing string map; see map.h. */
#include "core/map.h"

#include <stdlib.h>
#include <string.h>

void dl_map_init(dl_map *m) { memset(m, 0, sizeof *m); }

void dl_map_release(dl_map *m) {
    for (size_t i = 0; i < m->cap; i++) free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    free(m->lens);
    dl_map_init(m);
}

static size_t find_slot(char *const *keys, const uint32_t *lens, size_t cap, const char *key,
                        size_t klen) {
    size_t i = (size_t)dl_hash_bytes(key, klen) & (cap - 1);
    while (keys[i] && !(lens[i] == klen && memcmp(keys[i], key, klen) == 0))
        i = (i + 1) & (cap - 1);
    return i;
}

static int grow(dl_map *m) {
    size_t cap = m->cap ? m->cap * 2 : 64;
    char **keys = calloc(cap, sizeof *keys);
    int *vals = calloc(cap, sizeof *vals);
    uint32_t *lens = calloc(cap, sizeof *lens);
    if (!keys || !vals || !lens) { free(keys); free(vals); free(lens); return -1; }
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i]) {
            size_t j = find_slot(keys, lens, cap, m->keys[i], m->lens[i]);
            keys[j] = m->keys[i];
            vals[j] = m->vals[i];
            lens[j] = m->lens[i];
        }
    free(m->keys);
    free(m->vals);
    free(m->lens);
    m->keys = keys;
    m->vals = vals;
    m->lens = lens;
    m->cap = cap;
    return 0;
}

int dl_map_put(dl_map *m, const char *key, size_t klen, int val) {
    if (klen > UINT32_MAX) return -1;
    if ((m->n + 1) * 2 > m->cap && grow(m) != 0) return -1;
    size_t i = find_slot(m->keys, m->lens, m->cap, key, klen);
    if (!m->keys[i]) {
        char *k = malloc(klen + 1);
        if (!k) return -1;
        memcpy(k, key, klen);
        k[klen] = '\0';
        m->keys[i] = k;
        m->lens[i] = (uint32_t)klen;
        m->n++;
    }
    m->vals[i] = val;
    return 0;
}

int dl_map_get(const dl_map *m, const char *key, size_t klen) {
    if (!m->cap) return -1;
    size_t i = find_slot(m->keys, m->lens, m->cap, key, klen);
    return m->keys[i] ? m->vals[i] : -1;
}
