/*
 * quote/train.h -- learning the quote stage's choice of speakers from
 * hand-annotated articles (`dateline train quotes`).
 */
#ifndef DL_QUOTE_TRAIN_H
#define DL_QUOTE_TRAIN_H

#include "dateline.h"
#include "learn/gold.h"

typedef dl_gold_train_opts dl_quote_train_opts;

/* Codes every article of the split with the rules (eng must have no quote
 * model), aligns each quote's candidate speakers with the gold quotes of
 * the same words, trains the averaged perceptron and writes the model.
 * Errors name the file ("FILE: problem"). */
dl_status dl_quote_train(dl_engine *eng, const dl_quote_train_opts *o, char *err, size_t errlen);

#endif
