/*
 * learn/linear.h -- a linear model over named features, for the decisions
 * of the coders (is this candidate an event, which speaker said this):
 * small, so it is kept as a plain text file a user can read, diff and edit,
 * one "feature<TAB>weight" line each, sorted by feature name.
 *
 * Training is the averaged perceptron (Collins 2002): every decision adds
 * the features of the right answer and subtracts those of the one chosen;
 * the saved weights are the averages over all decisions, computed lazily.
 * A feature is any string ("lemma=accuse", "path=nsubj", "bias").
 */
#ifndef DL_LEARN_LINEAR_H
#define DL_LEARN_LINEAR_H

#include <stddef.h>

#include "dateline.h"

typedef struct dl_linear dl_linear;

dl_linear *dl_linear_new(void);
void dl_linear_free(dl_linear *m);

/* The sum of the weights of the n features (unknown features weigh 0). */
double dl_linear_score(const dl_linear *m, const char *const *feats, size_t n);

/* Adds delta to the weight of each feature (a perceptron step: +1 for the
 * right answer's features, -1 for the wrong guess's). */
dl_status dl_linear_update(dl_linear *m, const char *const *feats, size_t n, double delta);

/* Counts one training decision, for the averages; call once per decision. */
void dl_linear_tick(dl_linear *m);

/* Replaces the weights by their averages over the decisions so far (after
 * training, before saving or scoring). */
void dl_linear_average(dl_linear *m);

/* Adds k times src's weights to dst's (src averaged first): the mean of
 * several models trained on different orders is their sum at k = 1/n. */
dl_status dl_linear_add_scaled(dl_linear *dst, const dl_linear *src, double k);

/* Number of features with a non-zero weight. */
size_t dl_linear_size(const dl_linear *m);

/* Writes the non-zero weights, sorted by feature, after the header lines
 * (each written as a "# " comment).  Through a temporary file and a rename. */
dl_status dl_linear_save(const dl_linear *m, const char *path, const char *header, char *err,
                         size_t errlen);

/* Reads a model written by dl_linear_save ('#' lines are comments).  A
 * malformed line fails with "PATH:LINE: problem" in err. */
dl_status dl_linear_load(const char *path, dl_linear **out, char *err, size_t errlen);
dl_status dl_linear_parse(const char *text, size_t len, const char *name, dl_linear **out, char *err,
                          size_t errlen);

/* A candidate's features, formatted into a fixed buffer: what the coders
 * score with the model above.  Features past the room are dropped. */
#define DL_FEATBUF_MAX 64
typedef struct {
    const char *v[DL_FEATBUF_MAX];
    size_t n;
    char pool[3072];
    size_t used;
} dl_featbuf;

/* Appends one feature, printf-style. */
void dl_featbuf_add(dl_featbuf *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
