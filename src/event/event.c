/* event/event.c -- placeholder */
#include "core/doc.h"
#include "event/verbs.h"
#include <stdlib.h>
struct dl_verbs { int unused; };
dl_status dl_verbs_load(const char *path, const struct dl_codebook *cb, struct dl_verbs **out, char *err, size_t errlen) {
    (void)path; (void)cb; (void)err; (void)errlen; *out = calloc(1, sizeof **out); return *out ? DL_OK : DL_ERR_NOMEM; }
void dl_verbs_free(struct dl_verbs *v) { free(v); }
dl_status dl_event_run(dl_engine *eng, dl_doc *doc) { (void)eng; (void)doc; return DL_OK; }
