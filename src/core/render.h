/*
 * core/render.h -- pieces of the JSON renderer that other outputs reuse
 * (`dateline extract` prints the article object alone).
 */
#ifndef DL_CORE_RENDER_H
#define DL_CORE_RENDER_H

#include <jansson.h>

#include "core/doc.h"

/* The "article" object of dl_doc_to_json() (DL_JSON_NO_BODY honoured);
 * the caller owns the reference. */
json_t *dl__article_json(const dl_doc *doc, int flags);

#endif
