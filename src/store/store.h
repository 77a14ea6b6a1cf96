/*
 * store/store.h -- what every store backend provides.  dl_store_open() picks
 * a backend by the URL's scheme; each backend embeds struct dl_store first in
 * its own handle and fills in a dl_store_ops table.  query/ runs its
 * statements through the `select` method, so filters are written once.
 */
#ifndef DL_STORE_STORE_H
#define DL_STORE_STORE_H

#include <stdint.h>

#include "core/doc.h"

/* The schema version kept in the database (PRAGMA user_version for SQLite);
 * docs/schema.md describes it. */
#define DL_STORE_SCHEMA_VERSION 1

enum { DL_STORE_OPEN_READONLY = 1 };  /* never create, write or migrate */

/* A statement parameter or a result column. */
typedef enum { DL_VAL_NULL = 0, DL_VAL_INT, DL_VAL_REAL, DL_VAL_TEXT } dl_val_type;

typedef struct {
    dl_val_type type;
    long long i;      /* DL_VAL_INT */
    double d;         /* DL_VAL_REAL */
    const char *s;    /* DL_VAL_TEXT, NUL-terminated; borrowed */
} dl_store_value;

/* Called once per result row; cols are valid only during the call.  A
 * non-zero return stops the statement. */
typedef int (*dl_store_row_fn)(const dl_store_value *cols, int ncol, void *ctx);

typedef struct dl_store_ops {
    const char *name;  /* "sqlite", ... */
    /* target is the URL without its scheme.  On failure writes a message
     * naming target into err and leaves *out NULL. */
    dl_status (*open)(const char *target, int flags, dl_store **out, char *err,
                      size_t errlen);
    void (*close)(dl_store *st);
    dl_status (*put)(dl_store *st, const dl_doc *doc, int *was_new);
    /* Runs one read-only statement.  sql is built by the caller from fixed
     * text only, with '?' for each of the nparams values. */
    dl_status (*select)(dl_store *st, const char *sql, const dl_store_value *params,
                        int nparams, dl_store_row_fn fn, void *ctx);
} dl_store_ops;

struct dl_store {
    const dl_store_ops *ops;
    char errmsg[1024];  /* the last failure, "" when none */
};

/* Formats the store's error message; returns code so callers can write
 * `return dl__store_fail(st, DL_ERR_DB, "...")`. */
dl_status dl__store_fail(dl_store *st, dl_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Runs a statement through the backend (see dl_store_ops.select). */
dl_status dl__store_select(dl_store *st, const char *sql, const dl_store_value *params,
                           int nparams, dl_store_row_fn fn, void *ctx);

/* The content hash of an article: hex SHA-256 of the title, one NUL byte and
 * the body, in out[65]. */
void dl__store_content_hash(const dl_article *a, char out[65]);
/* Hex SHA-256 of data[0..n) in out[65]. */
void dl__sha256_hex(const void *data, size_t n, char out[65]);

extern const dl_store_ops dl__sqlite_ops;

#endif
