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

#endif
