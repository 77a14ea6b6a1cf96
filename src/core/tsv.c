/* core/tsv.c -- line reader for data files; see tsv.h. */
#include "core/tsv.h"

#include <stdlib.h>
#include <string.h>

#include "core/file.h"

dl_status dl_tsv_open(dl_tsv *t, const char *path, char *err, size_t errlen) {
    memset(t, 0, sizeof *t);
    const char *why;
    t->fp = dl_file_fopen_regular(path, &why);
    if (!t->fp) {
        snprintf(err, errlen, "%s: cannot open: %s", path, why);
        return DL_ERR_IO;
    }
    return DL_OK;
}

dl_status dl_tsv_next(dl_tsv *t, char ***fields, size_t *nfields) {
    ssize_t n;
    while ((n = getline(&t->line_buf, &t->line_cap, t->fp)) >= 0) {
        t->line++;
        char *s = t->line_buf;
        while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r')) s[--n] = '\0';
        if (n == 0 || s[0] == '#') continue;
        size_t nf = 0;
        t->fields[nf++] = s;
        for (char *p = s; *p; p++)
            if (*p == '\t') {
                *p = '\0';
                if (nf < DL_TSV_MAX_FIELDS) t->fields[nf++] = p + 1;
            }
        *fields = t->fields;
        *nfields = nf;
        return DL_OK;
    }
    return DL_ERR_NOTFOUND;
}

void dl_tsv_close(dl_tsv *t) {
    if (t->fp) fclose(t->fp);
    free(t->line_buf);
    memset(t, 0, sizeof *t);
}
