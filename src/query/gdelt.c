/*
 * query/gdelt.c -- stored events as rows of the GDELT 2.0 event table, for
 * the API's format=gdelt downloads: each stored event becomes the
 * dl__gdelt_event that geo/gdelt.c writes, the one writer of GDELT rows
 * (`code --format gdelt` uses it too).  What the store does not keep is
 * left out: IsRootEvent is 0 (where in the article the event stands is not
 * stored), an actor's geo columns are filled only for an actor coded as a
 * bare country (the store keeps no actor types), and the places come from
 * the gazetteer by name and country as the geo stage found them.
 * docs/output.md lists the columns.
 */
#include <stdio.h>
#include <string.h>

#include "core/strbuf.h"
#include "geo/geo.h"
#include "query/query.h"

/* The gazetteer entry of a place stored with its name and country: the
 * place of that name in that country, else the country; NULL when there is
 * no country (the geo stage found none) or no gazetteer. */
static const dl_geo_place *stored_place(const struct dl_gazetteer *g, const char *name,
                                        const char *country) {
    if (!g || !country || !*country) return NULL;
    const dl_geo_place *p = name && *name ? dl_gazetteer_find(g, name, country) : NULL;
    return p ? p : dl_gazetteer_country(g, country);
}

/* A side of a stored event.  Only a side coded as its bare country (IRQ:
 * "Iraq", "Baghdad") can be a place actor: its place is looked up. */
static dl__gdelt_actor stored_actor(const struct dl_gazetteer *g, const char *code,
                                    const char *name, const char *country) {
    dl__gdelt_actor a = {code, name, country, NULL};
    if (code && country && !strcmp(code, country)) a.geo = stored_place(g, name, country);
    return a;
}

int dl_query_write_gdelt(const dl_event_row *r, void *vw) {
    dl_query_writer *w = vw;
    /* the event's own date when it is a whole day, else the article's */
    const char *day = r->date;
    if ((!day || strlen(day) < 10) && r->published && strlen(r->published) >= 10) day = r->published;
    dl__gdelt_event e = {
        /* the stable id; the store's row id for events stored before schema 5 */
        .id = (uint64_t)(r->global_id ? r->global_id : r->id),
        .day = day,
        .actor = {stored_actor(w->gazetteer, r->source_code, r->source_name, r->source_country),
                  stored_actor(w->gazetteer, r->target_code, r->target_name, r->target_country)},
        .cameo = r->cameo,
        .quad = r->quad,
        .goldstein = r->goldstein,
        .mentions = r->n_sentences > 0 ? (unsigned)r->n_sentences : 1,
        .action = r->place_country ? stored_place(w->gazetteer, r->place, r->place_country) : NULL,
        .date_added = w->date_added,
        .url = r->article,
    };
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl__geo_gdelt_row(&b, w->parts, &e);
    if (b.oom) return 1;
    fwrite(b.s, 1, b.len, w->fp);
    dl_strbuf_release(&b);
    w->rows++;
    return ferror(w->fp) ? 1 : 0;
}
