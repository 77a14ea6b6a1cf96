/*
 * learn/paths.c -- where the bundled models live: DIR/models/KIND.model,
 * DIR being the caller's choice or the data directory core/datadir.c finds.
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/doc.h"
#include "learn/model.h"

const char *dl_model_default_path(const char *data_dir, const char *kind, char *buf, size_t cap) {
    char dir[4096];
    dl__data_dir(data_dir, dir, sizeof dir);
    snprintf(buf, cap, "%s/models/%s.model", dir, kind);
    return buf;
}
