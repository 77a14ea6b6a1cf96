/*
 * geo/geo.h -- the gazetteer (data/geo/: GeoNames cities and countries, see
 * data/geo/README.md) and the CAMEO actor code parts
 * (data/cameo/actor_codes.tsv), loaded once with the engine.  The geo stage
 * (geo.c) resolves event places and place actors to gazetteer entries.
 */
#ifndef DL_GEO_GEO_H
#define DL_GEO_GEO_H

#include <stddef.h>

#include "core/doc.h"
#include "core/arena.h"
#include "core/map.h"

struct dl_gazetteer {
    dl_geo_place *places;     /* cities, then countries */
    int *next;                /* per place: the next place of the same folded name, -1 */
    size_t n;
    dl_map by_name;           /* folded name -> first place */
    dl_map by_country;        /* ISO alpha-3 -> its country entry */
    dl_arena arena;           /* every string the places point into */
};

/* Loads DIR/places.tsv and DIR/countries.tsv; DL_ERR_NOTFOUND (and *out
 * NULL) when the folder has no gazetteer. */
dl_status dl_gazetteer_load(const char *dir, struct dl_gazetteer **out, char *err, size_t errlen);
void dl_gazetteer_free(struct dl_gazetteer *g);
/* The place named name (any case, accents ignored), in country (alpha-3)
 * when that is given: the country of that name first, else the most
 * populous city.  NULL when there is none. */
const dl_geo_place *dl_gazetteer_find(const struct dl_gazetteer *g, const char *name,
                                      const char *country);
/* The country entry of an alpha-3 code, or NULL. */
const dl_geo_place *dl_gazetteer_country(const struct dl_gazetteer *g, const char *iso3);

/* ---- CAMEO actor code parts ---------------------------------------------- */

enum { DL_PART_COUNTRY = 1, DL_PART_GROUP, DL_PART_RELIGION, DL_PART_ROLE, DL_PART_ETHNIC };

struct dl_code_parts {
    dl_map kinds;             /* 3-letter code -> DL_PART_* */
};

dl_status dl_code_parts_load(const char *path, struct dl_code_parts **out, char *err, size_t errlen);
void dl_code_parts_free(struct dl_code_parts *p);
/* The kind of the 3-letter part at s, 0 when unknown. */
int dl_code_part_kind(const struct dl_code_parts *p, const char *s);

#endif
