/*
 * actors/dict.h -- the actor dictionaries under data/actors/: countries
 * (names, demonyms, capitals), places, organisations, dated office-holders
 * and agent/title words.  Formats: data/actors/README.md.
 */
#ifndef DL_ACTORS_DICT_H
#define DL_ACTORS_DICT_H

#include <stddef.h>
#include <stdint.h>

#include "dateline.h"

struct dl_actor_dict;

dl_status dl_dict_load(const char *dir, struct dl_actor_dict **out, char *err, size_t errlen);
void dl_dict_free(struct dl_actor_dict *d);

#endif
