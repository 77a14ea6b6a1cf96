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
#include "core/strbuf.h"

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

/* The tables of data_dir that GDELT rows read besides the events: the
 * actor code parts (cameo/actor_codes.tsv) and the gazetteer (geo/), each
 * left NULL when the folder has none.  dl_engine_open loads them so, and
 * so does a reader of stored events that has no engine (a server that
 * only reads). */
dl_status dl__geo_tables_load(const char *data_dir, struct dl_code_parts **parts,
                              struct dl_gazetteer **gazetteer, char *err, size_t errlen);

/* ---- GDELT 2.0 event rows (gdelt.c) -------------------------------------- */

/* One side of an event as a GDELT row reads it. */
typedef struct {
    const char *code;          /* CAMEO actor code; NULL when none */
    const char *name;
    const char *country;       /* the actor's country (alpha-3): CountryCode when the code names none */
    const dl_geo_place *geo;   /* the place the actor is, NULL when it is none */
} dl__gdelt_actor;

/* One event as a GDELT row reads it, from a coded document
 * (dl_doc_to_gdelt) or a stored event (query/gdelt.c). */
typedef struct {
    uint64_t id;               /* GLOBALEVENTID */
    const char *day;           /* YYYY-MM-DD (YYYY-MM or YYYY: from its first day); NULL or "" undated */
    dl__gdelt_actor actor[2];  /* source, target */
    int is_root;               /* stated in the body's first paragraph */
    const char *cameo;
    int quad;
    double goldstein;
    unsigned mentions;         /* the article's sentences that state it (0 counts as 1) */
    const dl_geo_place *action; /* the event's place, NULL when unknown */
    const char *date_added;    /* DATEADDED, YYYYMMDDHHMMSS; NULL leaves it empty */
    const char *url;           /* SOURCEURL */
} dl__gdelt_event;

/* Appends e to b as one row: 61 columns and a newline.  parts files the
 * actor codes' 3-letter parts (NULL: none is known, and CountryCode is the
 * actor's country). */
void dl__geo_gdelt_row(dl_strbuf *b, const struct dl_code_parts *parts, const dl__gdelt_event *e);

#endif
