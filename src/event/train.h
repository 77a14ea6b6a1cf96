/*
 * event/train.h -- learning the event coder's choices from hand-annotated
 * articles (`dateline train events`).
 */
#ifndef DL_EVENT_TRAIN_H
#define DL_EVENT_TRAIN_H

#include "dateline.h"
#include "learn/gold.h"

typedef dl_gold_train_opts dl_event_train_opts;

/* Codes every article of the split with the engine's rules (eng must have
 * no event model), aligns each trigger's candidates with the gold events
 * of its sentence, trains the averaged perceptron and writes the model.
 * Errors name the file ("FILE: problem"). */
dl_status dl_event_train(dl_engine *eng, const dl_event_train_opts *o, char *err, size_t errlen);

#endif
