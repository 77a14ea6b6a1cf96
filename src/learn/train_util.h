/*
 * learn/train_util.h -- small helpers the trainers share (tag/, ner/):
 * a monotonic clock, a seeded shuffle, writing a finished model image.
 */
#ifndef DL_LEARN_TRAIN_UTIL_H
#define DL_LEARN_TRAIN_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "dateline.h"

double dl__now(void);
/* Fisher-Yates with the splitmix64 stream in *state. */
void dl__shuffle(uint32_t *v, size_t n, uint64_t *state);
int dl__argmax_f(const float *s, size_t n);
/* Writes bytes to path through a temporary file and a rename. */
dl_status dl__write_file(const char *path, const void *bytes, size_t len, char *err, size_t errlen);

#endif
