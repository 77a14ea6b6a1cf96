/*
 * learn/hash.h -- feature hashing for the linear models.  A feature is a
 * template number combined with one or more 64-bit atoms (word, tag, shape
 * hashes); the result indexes the model's hashed table.  FNV-1a for bytes,
 * a splitmix64 finaliser for mixing so that the low bits are well spread.
 */
#ifndef DL_LEARN_HASH_H
#define DL_LEARN_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "core/map.h"   /* dl_hash_bytes: FNV-1a */

static inline uint64_t dl_hash_fin(uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* Combines a running hash with one more atom. */
static inline uint64_t dl_hash_mix(uint64_t h, uint64_t atom) {
    return dl_hash_fin(h ^ (atom + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)));
}

/* Feature hashes for templates of one, two and three atoms. */
static inline uint64_t dl_feat1(uint32_t tmpl, uint64_t a) {
    return dl_hash_mix((uint64_t)tmpl * 0x9e3779b97f4a7c15ULL, a);
}
static inline uint64_t dl_feat2(uint32_t tmpl, uint64_t a, uint64_t b) {
    return dl_hash_mix(dl_feat1(tmpl, a), b);
}
static inline uint64_t dl_feat3(uint32_t tmpl, uint64_t a, uint64_t b, uint64_t c) {
    return dl_hash_mix(dl_feat2(tmpl, a, b), c);
}

/* A deterministic random stream (splitmix64) for shuffles and exploration. */
static inline uint64_t dl_rand_next(uint64_t *state) {
    *state += 0x9e3779b97f4a7c15ULL;
    return dl_hash_fin(*state);
}

#endif
