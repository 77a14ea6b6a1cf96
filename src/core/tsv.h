/*
 * core/tsv.h -- reading the project's plain-text data files: one record per
 * line, fields separated by TABs, '#' lines and blank lines skipped.  The
 * line number is kept for "file:line: message" errors.
 */
#ifndef DL_CORE_TSV_H
#define DL_CORE_TSV_H

#include <stddef.h>
#include <stdio.h>

#include "dateline.h"

#define DL_TSV_MAX_FIELDS 32

typedef struct {
    FILE *fp;
    char *line_buf;
    size_t line_cap;
    size_t line;                    /* 1-based number of the line just read */
    char *fields[DL_TSV_MAX_FIELDS];
} dl_tsv;

dl_status dl_tsv_open(dl_tsv *t, const char *path, char *err, size_t errlen);
/* The next record's fields (valid until the next call).  Returns DL_OK, or
 * DL_ERR_NOTFOUND at the end of the file. */
dl_status dl_tsv_next(dl_tsv *t, char ***fields, size_t *nfields);
void dl_tsv_close(dl_tsv *t);

#endif
