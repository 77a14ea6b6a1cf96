/*
 * quote/train.h -- learning the quote stage's choice of speakers from
 * hand-annotated articles (`dateline train quotes`).
 */
#ifndef DL_QUOTE_TRAIN_H
#define DL_QUOTE_TRAIN_H

#include <stdio.h>

#include "dateline.h"

typedef struct {
    const char *gold_dir;   /* NN.gold.json beside NN.txt (or NN.html) */
    const char *split;      /* "train" (NN not divisible by 3), "dev" (divisible), "all" */
    int fold, folds;        /* folds > 1: leave out the split's articles i with i % folds == fold */
    const char *out;        /* the model to write */
    int epochs;             /* passes over the training decisions */
    double prior;           /* the weight the rules' choice starts with */
    unsigned long long seed;/* shuffle seed */
    int runs;               /* perceptrons trained on different shuffles, averaged (0 = 1) */
    FILE *log;              /* progress lines, or NULL */
} dl_quote_train_opts;

/* Codes every article of the split with the rules (eng must have no quote
 * model), aligns each quote's candidate speakers with the gold quotes of
 * the same words, trains the averaged perceptron and writes the model.
 * Errors name the file ("FILE: problem"). */
dl_status dl_quote_train(dl_engine *eng, const dl_quote_train_opts *o, char *err, size_t errlen);

#endif
