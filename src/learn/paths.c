/*
 * learn/paths.c -- where the bundled models live: DIR/models/KIND.model,
 * DIR being the caller's choice, $DATELINE_DATA, or the built-in data/.
 */
#include <stdio.h>
#include <stdlib.h>

#include "learn/model.h"

const char *dl_model_default_path(const char *data_dir, const char *kind, char *buf, size_t cap) {
    const char *dir = data_dir;
    if (!dir) dir = getenv("DATELINE_DATA");
    if (!dir || !*dir) dir = DL_DATA_DIR;
    snprintf(buf, cap, "%s/models/%s.model", dir, kind);
    return buf;
}
