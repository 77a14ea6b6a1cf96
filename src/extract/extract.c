/* extract/extract.c -- placeholder until the extractor lands: body = source. */
#include "core/doc.h"

dl_status dl_extract_run(dl_engine *eng, dl_doc *doc) {
    (void)eng;
    doc->article.body = doc->src;
    doc->article.body_len = doc->src_len;
    doc->article.language = "en";
    return DL_OK;
}
