/*
 * learn/lm.h -- linear models over hashed sparse features: the averaged
 * perceptron that trains them (dl_ap) and the frozen, quantised form that
 * runs them (dl_lm), read in place from a model file's bytes.
 *
 * A frozen model is an open-addressing table of slots.  A feature's 64-bit
 * hash picks the home slot with its low 32 bits; the slot keeps the high 32
 * bits as a fingerprint and either the row itself (up to two class weights,
 * packed into the reference) or where its entries start.  Weights are 8-bit
 * codes into a table spaced evenly in log(1+|w|), so a row entry costs two
 * bytes and a small row none; the few large weights, whose 4% coding error
 * would swamp ordinary ones, escape to exact 16-bit values.  Scores are int32 sums; only their
 * order matters.  Scoring runs from a decoded copy made at load (dl_lm_run),
 * which trades a few MB for about half the instructions.
 */
#ifndef DL_LEARN_LM_H
#define DL_LEARN_LM_H

#include <stddef.h>
#include <stdint.h>

#include "dateline.h"

#define DL_LM_MAX_CLASSES 255
#define DL_LM_INLINE_CLASSES 128   /* rows inline only when classes fit 7 bits */

typedef struct {
    uint32_t fp;   /* high 32 bits of the feature hash */
    uint32_t ref;  /* 0 empty; bit 31 set: inline row, else entries offset << 8 | count */
} dl_lm_slot;

/* Inline row: bit 31, class a in bits 30..24, code a 23..16, code b
 * 15..8, class b 7..1 (code 0 weighs nothing, for one-entry rows). */
#define DL_LM_INLINE(ca, qa, cb, qb) \
    (0x80000000u | (uint32_t)(ca) << 24 | (uint32_t)(qa) << 16 | (uint32_t)(qb) << 8 | (uint32_t)(cb) << 1)

typedef struct {
    uint8_t cls;
    uint8_t code;  /* weight = book[code]; DL_LM_ESCAPE: the next entry's two
                      bytes hold the exact int16 weight (little-endian) */
} dl_lm_ent;

#define DL_LM_ESCAPE 255

/* The form dl_lm_score runs from, built from the file's form when a model
 * is viewed or frozen: a copy of the slot table (the same slots, so the
 * same lookups) in which a row holding a sizeable share of the classes, or
 * an escaped weight, becomes a dense row of every class (reference index
 * << 8, count 0), added without looking at classes or codes.  Inline rows
 * and the other rows keep their references. */
typedef struct {
    dl_lm_slot *slots;
    int16_t *dense;           /* nclass weights a row; row 0 unused */
} dl_lm_run;

typedef struct {
    uint32_t nclass;
    uint32_t nslot;           /* any size; a feature's home is (low32 * nslot) >> 32 */
    uint32_t nent;
    const int16_t *book;      /* 256 weights; book[0] = 0 */
    const dl_lm_slot *slots;  /* borrowed (the model's bytes) or owned (own != NULL) */
    const dl_lm_ent *ents;
    void *own;                /* malloc'd block holding all three when built in memory */
    dl_lm_run run;            /* always owned: one malloc'd block at run.slots */
} dl_lm;

/* scores[nclass] = sum of the features' weights. */
void dl_lm_score(const dl_lm *m, const uint64_t *feats, size_t n, int32_t *scores);

/* Serialised size of m, and its bytes (header, slots, entries) into buf. */
size_t dl_lm_size(const dl_lm *m);
void dl_lm_write(const dl_lm *m, void *buf);
/* Views a serialised model in place (p must stay mapped and 4-aligned);
 * checks every slot's reference and class, and builds the run form, which
 * out owns (dl_lm_release).  DL_ERR_DATA with a message, or DL_ERR_NOMEM. */
dl_status dl_lm_view(const void *p, size_t len, dl_lm *out, char *err, size_t errlen);
void dl_lm_release(dl_lm *m);

/* ---- training: the averaged perceptron ---------------------------------- */

typedef struct dl_ap dl_ap;

dl_ap *dl_ap_new(uint32_t nclass);
void dl_ap_free(dl_ap *ap);
/* scores[nclass] += current (not averaged) weights of the features. */
void dl_ap_score(const dl_ap *ap, const uint64_t *feats, size_t n, float *scores);
/* Moves the weights toward truth and away from guess (no-op if equal). */
dl_status dl_ap_update(dl_ap *ap, const uint64_t *feats, size_t n, int truth, int guess);
/* Counts one training decision (for the average); call once per decision. */
void dl_ap_tick(dl_ap *ap);
/* The averaged weights, quantised; entries whose magnitude is below prune
 * (in units of 1/32767 of the largest weight) are dropped.  out is owned:
 * dl_lm_release. */
dl_status dl_ap_freeze(const dl_ap *ap, int prune, dl_lm *out);
/* Number of feature rows and class entries held. */
void dl_ap_stats(const dl_ap *ap, size_t *rows, size_t *ents);

#endif
