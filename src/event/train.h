/*
 * event/train.h -- learning the event coder's choices from hand-annotated
 * articles (`dateline train events`).
 */
#ifndef DL_EVENT_TRAIN_H
#define DL_EVENT_TRAIN_H

#include <stdio.h>

#include "dateline.h"

typedef struct {
    const char *gold_dir;   /* NN.gold.json beside NN.txt (or NN.html) */
    const char *split;      /* "train" (NN not divisible by 3), "dev" (divisible), "all" */
    int fold, folds;        /* folds > 1: leave out the split's articles i with i % folds == fold */
    const char *out;        /* the model to write */
    int epochs;             /* passes over the training decisions */
    double prior;           /* the weight the rules' choice starts with (and "no event" where they code none) */
    unsigned long long seed;/* shuffle seed */
    int runs;               /* perceptrons trained on different shuffles, averaged (0 = 1) */
    FILE *log;              /* progress lines, or NULL */
} dl_event_train_opts;

/* Codes every article of the split with the engine's rules (eng must have
 * no event model), aligns each trigger's candidates with the gold events
 * of its sentence, trains the averaged perceptron and writes the model.
 * Errors name the file ("FILE: problem"). */
dl_status dl_event_train(dl_engine *eng, const dl_event_train_opts *o, char *err, size_t errlen);

#endif
