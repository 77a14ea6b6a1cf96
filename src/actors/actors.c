/* actors/actors.c -- placeholder */
#include "core/doc.h"
#include "actors/dict.h"
#include <stdlib.h>
struct dl_actor_dict { int unused; };
dl_status dl_dict_load(const char *dir, struct dl_actor_dict **out, char *err, size_t errlen) {
    (void)dir; (void)err; (void)errlen; *out = calloc(1, sizeof **out); return *out ? DL_OK : DL_ERR_NOMEM; }
void dl_dict_free(struct dl_actor_dict *d) { free(d); }
dl_status dl_actors_run(dl_engine *eng, dl_doc *doc) { (void)eng; (void)doc; return DL_OK; }
