/* quote/quote.c -- placeholder */
#include "core/doc.h"
dl_status dl_quote_run(dl_engine *eng, dl_doc *doc) { (void)eng; (void)doc; return DL_OK; }
