/*
 * extract/html.h -- what html.c (page metadata) and dom.c (body) share:
 * the libxml2-facing helpers.
 */
#ifndef DL_EXTRACT_HTML_H
#define DL_EXTRACT_HTML_H

#include <libxml/tree.h>

#include "core/strbuf.h"
#include "dateline.h"

/* The value of attribute name on n (libxml2's storage), NULL when absent. */
const char *dl__attr(const xmlNode *n, const char *name);

/* The main content of the page as paragraphs, one per line, into *out
 * (initialised here; the caller releases it).  Empty when none is found. */
dl_status dl__dom_body(xmlDoc *doc, dl_strbuf *out);

#endif
