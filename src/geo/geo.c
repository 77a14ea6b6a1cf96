/*
 * geo/geo.c -- the geo stage: each actor that is a place (GPE, LOC) and
 * each event's place (event/date.c: "in Baghdad") resolved in the
 * gazetteer to a country or city with coordinates, for the JSON "geo"
 * fields and GDELT's Actor1Geo / Actor2Geo / ActionGeo columns.  Runs after
 * the event stage; adds doc->actor_geo and dl_event.geo, changes nothing
 * else.
 */
#include <string.h>

#include "core/doc.h"
#include "geo/geo.h"

static int is_place(const dl_actor *a) {
    return a->type && (strcmp(a->type, "GPE") == 0 || strcmp(a->type, "LOC") == 0);
}

/* The gazetteer entry an actor stands for: its name in its country, else
 * the country itself when the actor is one (its code is its country's). */
static const dl_geo_place *actor_place(const struct dl_gazetteer *g, const dl_actor *a) {
    if (!is_place(a)) return NULL;
    const dl_geo_place *p = dl_gazetteer_find(g, a->name, a->country);
    if (!p && a->country && a->code && strcmp(a->code, a->country) == 0)
        p = dl_gazetteer_country(g, a->country);
    return p;
}

dl_status dl_geo_run(dl_engine *eng, dl_doc *doc) {
    const struct dl_gazetteer *g = eng ? eng->gazetteer : NULL;
    if (!g || !doc->actors.n) return DL_OK;
    doc->actor_geo = dl_arena_alloc(&doc->arena, doc->actors.n * sizeof *doc->actor_geo);
    if (!doc->actor_geo) return DL_ERR_NOMEM;
    for (size_t i = 0; i < doc->actors.n; i++) doc->actor_geo[i] = actor_place(g, &doc->actors.v[i]);
    for (size_t i = 0; i < doc->events.n; i++) {
        dl_event *e = &doc->events.v[i];
        if (e->place >= 0 && (size_t)e->place < doc->actors.n) e->geo = doc->actor_geo[e->place];
    }
    return DL_OK;
}
