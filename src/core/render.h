/*
 * core/render.h -- pieces of the JSON renderer that other outputs reuse
 * (`dateline extract` prints the article object alone; TSV rows and the
 * store join an event's issues alike).
 */
#ifndef DL_CORE_RENDER_H
#define DL_CORE_RENDER_H

#include <jansson.h>

#include "core/doc.h"
#include "core/strbuf.h"

/* The "article" object of dl_doc_to_json() (DL_JSON_NO_BODY honoured);
 * the caller owns the reference. */
json_t *dl__article_json(const dl_doc *doc, int flags);

/* Appends the event's issue codes joined by ',' ("FAMINE,GRAIN") to b, as
 * TSV rows and the store's events.issues hold them; nothing when it has
 * none. */
void dl__event_issues_add(dl_strbuf *b, const dl_event *e);

/* Stable ids (issue 12), below 2^53 so that JSON readers keep them exact:
 * an article's from its URL, else its title and body; an event's from its
 * article's and what it is (code, actors, date, sentence, span).  The same
 * article and event give the same id on every run and machine. */
uint64_t dl__article_global_id(const dl_doc *doc);
/* ids[i] for every event of doc (doc->events.n of them), distinct within
 * the document; article is dl__article_global_id(doc). */
void dl__event_global_ids(const dl_doc *doc, uint64_t article, uint64_t *ids);

/* The geo object of a place ({"type", "name", "full_name", "country",
 * "fips", "adm1", "lat", "lon", "geonames_id"}), or JSON null. */
json_t *dl__geo_json(const dl_geo_place *p);

#endif
