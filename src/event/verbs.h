/*
 * event/verbs.h -- the verb-pattern dictionary (data/cameo/verbs.txt) that
 * maps words of a clause to CAMEO codes.  Format and matching: verbs.c.
 */
#ifndef DL_EVENT_VERBS_H
#define DL_EVENT_VERBS_H

#include <stddef.h>

#include "dateline.h"

struct dl_codebook;
struct dl_verbs;

dl_status dl_verbs_load(const char *path, const struct dl_codebook *cb, struct dl_verbs **out,
                        char *err, size_t errlen);
void dl_verbs_free(struct dl_verbs *v);

#endif
