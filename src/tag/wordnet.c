/*
 * tag/wordnet.c -- what WordNet 3.0 (Debian wordnet-base) says a word the
 * tag dictionary has never seen can be: a lemma of a noun, verb, adjective
 * or adverb, or an inflected form of one, found by WordNet's own morphy
 * detachment rules ("-ies" -> "-y", "-ed" -> "-e" or "", ...) and exception
 * lists ("sped" -> "speed").  The tagger takes the readings as features of
 * unknown words, where its suffix features alone guess.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learn/hash.h"
#include "learn/u64map.h"
#include "tag/tag_impl.h"

static uint64_t wn_key(const char *s, size_t len) { return dl_hash_mix(dl_hash_bytes(s, len), 0x574e); }

static uint16_t wn_get(const dl_tagger *t, const char *s, size_t len) {
    uint64_t h = wn_key(s, len);
    uint32_t fp = (uint32_t)(h >> 32) | 1, i = (uint32_t)h & t->wn_mask;
    while (t->wn[2 * i]) {
        if (t->wn[2 * i] == fp) return (uint16_t)t->wn[2 * i + 1];
        i = (i + 1) & t->wn_mask;
    }
    return 0;
}

/* Morphy's detachment rules: a suffix, its replacement, the class the
 * base must be a lemma of, and the reading the word then has. */
static const struct {
    const char *suf, *rep;
    uint16_t need, gives;
} RULES[] = {
    {"s", "", DL__WN_N, DL__WN_NNS},     {"ses", "s", DL__WN_N, DL__WN_NNS},
    {"xes", "x", DL__WN_N, DL__WN_NNS},  {"zes", "z", DL__WN_N, DL__WN_NNS},
    {"ches", "ch", DL__WN_N, DL__WN_NNS}, {"shes", "sh", DL__WN_N, DL__WN_NNS},
    {"men", "man", DL__WN_N, DL__WN_NNS}, {"ies", "y", DL__WN_N, DL__WN_NNS},
    {"s", "", DL__WN_V, DL__WN_VBZ},     {"ies", "y", DL__WN_V, DL__WN_VBZ},
    {"es", "e", DL__WN_V, DL__WN_VBZ},   {"es", "", DL__WN_V, DL__WN_VBZ},
    {"ed", "e", DL__WN_V, DL__WN_VBD},   {"ed", "", DL__WN_V, DL__WN_VBD},
    {"ied", "y", DL__WN_V, DL__WN_VBD},
    {"ing", "e", DL__WN_V, DL__WN_VBG},  {"ing", "", DL__WN_V, DL__WN_VBG},
    {"er", "", DL__WN_A, DL__WN_JJR},    {"est", "", DL__WN_A, DL__WN_JJR},
    {"er", "e", DL__WN_A, DL__WN_JJR},   {"est", "e", DL__WN_A, DL__WN_JJR},
    {"ier", "y", DL__WN_A, DL__WN_JJR},  {"iest", "y", DL__WN_A, DL__WN_JJR},
};

uint16_t dl__tag_wordnet(const dl_tagger *t, const char *s, size_t len) {
    if (!t->wn || len < 2 || len > 64) return DL__WN_SEEN;
    uint16_t m = wn_get(t, s, len);
    char buf[80];
    for (size_t r = 0; r < sizeof RULES / sizeof *RULES; r++) {
        size_t sl = strlen(RULES[r].suf), rl = strlen(RULES[r].rep);
        if (len <= sl + 1 || memcmp(s + len - sl, RULES[r].suf, sl)) continue;
        memcpy(buf, s, len - sl);
        memcpy(buf + len - sl, RULES[r].rep, rl);
        if (wn_get(t, buf, len - sl + rl) & RULES[r].need) m |= RULES[r].gives;
        /* doubled consonants: "stopped", "stopping" */
        if ((RULES[r].gives & (DL__WN_VBD | DL__WN_VBG)) && !rl && len - sl >= 3 &&
            s[len - sl - 1] == s[len - sl - 2] && (wn_get(t, s, len - sl - 1) & DL__WN_V))
            m |= RULES[r].gives;
    }
    return (uint16_t)(m | DL__WN_SEEN);
}

/* ---- building the section ------------------------------------------------------- */

typedef struct {
    dl_u64map keys;
    DL_VEC(uint16_t) mask;
    DL_VEC(uint64_t) order;   /* keys in insertion order */
} wn_build;

static int wn_add(wn_build *b, const char *s, size_t len, uint16_t bits) {
    int added;
    uint64_t k = wn_key(s, len);
    long i = dl_u64map_put(&b->keys, k, &added);
    if (i < 0) return -1;
    if (added) {
        uint16_t *m = DL_VEC_PUSH(&b->mask);
        uint64_t *o = DL_VEC_PUSH(&b->order);
        if (!m || !o) return -1;
        *o = k;
    }
    b->mask.v[i] |= bits;
    return 0;
}

/* Lower-cases ASCII in place; returns 0 for words with '_' (phrases). */
static int plain_word(char *w) {
    for (char *p = w; *p; p++) {
        if (*p == '_') return 0;
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);
    }
    return 1;
}

dl_status dl__tag_wordnet_section(const char *dir, dl_strbuf *out, char *err, size_t errlen) {
    static const char *const idx[4] = {"noun", "verb", "adj", "adv"};
    static const uint16_t lemma_bit[4] = {DL__WN_N, DL__WN_V, DL__WN_A, DL__WN_R};
    static const uint16_t exc_bit[4] = {DL__WN_NNS, DL__WN_VBD, DL__WN_JJR, DL__WN_JJR};
    wn_build b;
    memset(&b, 0, sizeof b);
    dl_status st = DL_OK;
    for (int f = 0; f < 8 && st == DL_OK; f++) {
        char path[4096], line[4096];
        snprintf(path, sizeof path, f < 4 ? "%s/index.%s" : "%s/%s.exc", dir, idx[f % 4]);
        FILE *fp = fopen(path, "r");
        if (!fp) {
            snprintf(err, errlen, "%s: cannot open (Debian wordnet-base)", path);
            st = DL_ERR_IO;
            break;
        }
        while (st == DL_OK && fgets(line, sizeof line, fp)) {
            if (line[0] == ' ') continue;   /* licence header */
            char *sp = strchr(line, ' ');
            if (!sp) continue;
            *sp = '\0';
            if (!plain_word(line)) continue;
            if (wn_add(&b, line, strlen(line), f < 4 ? lemma_bit[f] : exc_bit[f % 4])) st = DL_ERR_NOMEM;
        }
        fclose(fp);
    }
    if (st == DL_OK) {
        uint32_t nslot = 1024;
        while (nslot < b.order.n * 2) nslot *= 2;
        uint32_t *slots = calloc((size_t)nslot * 2, sizeof *slots);
        if (!slots) st = DL_ERR_NOMEM;
        for (size_t j = 0; slots && j < b.order.n; j++) {
            uint64_t h = b.order.v[j];
            uint32_t fp = (uint32_t)(h >> 32) | 1, i = (uint32_t)h & (nslot - 1);
            while (slots[2 * i] && slots[2 * i] != fp) i = (i + 1) & (nslot - 1);
            slots[2 * i] = fp;
            slots[2 * i + 1] |= b.mask.v[dl_u64map_get(&b.keys, h)];
        }
        uint32_t hdr[2] = {nslot, 0};
        dl_strbuf_add(out, (const char *)hdr, sizeof hdr);
        if (slots) dl_strbuf_add(out, (const char *)slots, (size_t)nslot * 8);
        if (out->oom) st = DL_ERR_NOMEM;
        free(slots);
    }
    if (st == DL_ERR_NOMEM) snprintf(err, errlen, "out of memory");
    dl_u64map_release(&b.keys);
    DL_VEC_FREE(&b.mask);
    DL_VEC_FREE(&b.order);
    return st;
}
