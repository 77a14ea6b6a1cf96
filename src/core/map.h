/*
 * core/map.h -- a string -> int hash map (open addressing, FNV-1a), for the
 * dictionaries loaded at engine open.  Keys are copied; values are ints,
 * typically indexes into a table the caller owns.
 */
#ifndef DL_CORE_MAP_H
#define DL_CORE_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    char **keys;     /* NULL for an empty slot */
    int *vals;
    uint32_t *lens;  /* key lengths, so probes compare without strlen */
    size_t cap;      /* power of two */
    size_t n;
} dl_map;

void dl_map_init(dl_map *m);
void dl_map_release(dl_map *m);
/* Sets key -> val (replacing).  Returns 0, or -1 when memory runs out. */
int dl_map_put(dl_map *m, const char *key, size_t klen, int val);
/* The value for key, or -1. */
int dl_map_get(const dl_map *m, const char *key, size_t klen);

/* FNV-1a over n bytes; inline because feature hashing (learn/) calls it
 * per feature. */
static inline uint64_t dl_hash_bytes(const void *p, size_t n) {
    const unsigned char *s = p;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

#endif
