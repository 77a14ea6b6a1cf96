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
#define DL_STORE_SCHEMA_VERSION 8

enum { DL_STORE_OPEN_READONLY = 1 };  /* never create, write or migrate */
/* Open flag for tests: create or migrate the schema only up to version v
 * (0 < v <= DL_STORE_SCHEMA_VERSION), e.g. to make a version-1 file.  A
 * store opened so writes what version v holds: no inputs when v < 2, no
 * events.n_sentences when v < 3, no events.issues when v < 4, no global ids,
 * PLOVER modes, places or fetch dates when v < 5, no event_days when v < 6,
 * no unstored_inputs when v < 7, one unstored_inputs row per input hash
 * (not per hash and name) when v < 8. */
#define DL_STORE_OPEN_AT_VERSION(v) ((v) << 8)
#define DL_STORE_OPEN_TARGET(flags) \
    ((flags) >> 8 > 0 && (flags) >> 8 < DL_STORE_SCHEMA_VERSION ? (flags) >> 8 \
                                                                 : DL_STORE_SCHEMA_VERSION)

/* One side of an event at the country level, as SQL over a row alias t and
 * a side s (source or target): an international or non-governmental
 * organisation keeps its code (IGOWSTNAT), any other actor becomes its
 * country (USAGOV -> USA), and an actor with neither gives ''.  One text
 * for the event_days table (sqlite.c, postgres.c) and the country-level
 * filters (query.c), so they always agree. */
#define DL__STORE_COUNTRY_SIDE(t, s)                                                   \
    "(CASE WHEN substr(" t "." s "_code, 1, 3) IN ('IGO', 'NGO', 'IMG', 'MNC') THEN " t \
    "." s "_code WHEN " t "." s "_country <> '' THEN " t "." s "_country ELSE '' END)"

/* The key columns of an event_days row made from an events row t. */
#define DL__STORE_EVENT_DAY_KEY(t)                                                     \
    "coalesce(" t ".date, " t ".published, ''), coalesce(" t ".quad, 0), " t ".root, " \
    DL__STORE_COUNTRY_SIDE(t, "source") ", " DL__STORE_COUNTRY_SIDE(t, "target")

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
    /* input_hash (may be NULL) is recorded in the inputs table in the
     * article's transaction, whether the article is new or stored before,
     * and the unstored_inputs rows of that hash or of the doc's name are
     * deleted in it. */
    dl_status (*put)(dl_store *st, const dl_doc *doc, const char *input_hash, int *was_new);
    /* See dl__store_put_unstored; outcome is "failed" or "skipped". */
    dl_status (*put_unstored)(dl_store *st, const char *input_hash, const char *name,
                              const char *outcome, const char *reason);
    /* See dl__store_drop_unstored. */
    dl_status (*drop_unstored)(dl_store *st, const char *input_hash);
    /* Runs one read-only statement.  sql is built by the caller from fixed
     * text only, with '?' for each of the nparams values. */
    dl_status (*select)(dl_store *st, const char *sql, const dl_store_value *params,
                        int nparams, dl_store_row_fn fn, void *ctx);
    /* Optional (NULL: each put is its own transaction).  begin = 1 opens a
     * transaction that later puts join, each as a savepoint (an article is
     * stored whole or not at all); begin = 0 commits it. */
    dl_status (*batch)(dl_store *st, int begin);
} dl_store_ops;

struct dl_store {
    const dl_store_ops *ops;
    char errmsg[1024];  /* the last failure, "" when none */
    int broken;         /* a write failed for want of room (disk full, file too large)
                           or of the device (I/O error, lost connection): later writes
                           will fail the same way, so a bulk writer should stop */
};

/* Formats the store's error message; returns code so callers can write
 * `return dl__store_fail(st, DL_ERR_DB, "...")`. */
dl_status dl__store_fail(dl_store *st, dl_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* dl_store_open() with DL_STORE_OPEN_* flags. */
dl_status dl__store_open(const char *url, int flags, dl_store **out, char *err, size_t errlen);

/* dl_store_put() that also records input_hash, the hex SHA-256 of the raw
 * input the document was coded from (see dl__store_input_hash), in the
 * inputs table in the same transaction: a rerun of an ingest finds it with
 * dl__store_has_input() and skips the input without coding it. */
dl_status dl__store_put_input(dl_store *st, const dl_doc *doc, const char *input_hash,
                              int *was_new);
/* Groups the puts that follow into one transaction, until
 * dl__store_batch_commit(): far fewer commits for a bulk ingest, on backends
 * with one writer at a time (SQLite; a no-op elsewhere).  Each put is still
 * atomic (a savepoint), and a crash loses at most the uncommitted batch,
 * whose inputs are then not recorded, so a rerun stores them.  A failed
 * commit stores none of the batch and returns DL_ERR_DB. */
dl_status dl__store_batch_begin(dl_store *st);
dl_status dl__store_batch_commit(dl_store *st);

/* Records that ingest met the raw input input_hash, named name (a path,
 * "path:LINE", a WARC record's URL), and did not store it: it failed
 * (failed = 1: unreadable, corrupt, not coded, not storable) or was left
 * out (failed = 0: not in English, of no input kind, ...); reason says why,
 * as the error message does, without the name.  One row per input hash
 * and name (inputs of the same bytes under two names are two rows): a rerun
 * replaces it (and the row of an earlier version of the input under the
 * same name) instead of adding one, and storing the input, or another
 * input of that name, deletes it (dl__store_put_input).  A no-op on a store
 * opened at a version before 7. */
dl_status dl__store_put_unstored(dl_store *st, const char *input_hash, const char *name,
                                 int failed, const char *reason);
/* Deletes the unstored_inputs row of input_hash, if any: ingest read the
 * file it stands for whole this time.  A no-op before version 7. */
dl_status dl__store_drop_unstored(dl_store *st, const char *input_hash);

/* *found is 1 when input_hash is recorded in the store, else 0. */
dl_status dl__store_has_input(dl_store *st, const char *input_hash, int *found);
/* The hash of one raw input: SHA-256 over the input kind, the default date
 * given to the document ("" for none), a NUL byte and the bytes, in out[65]. */
void dl__store_input_hash(int kind, const char *date, const void *bytes, size_t len,
                          char out[65]);

/* Runs a statement through the backend (see dl_store_ops.select). */
dl_status dl__store_select(dl_store *st, const char *sql, const dl_store_value *params,
                           int nparams, dl_store_row_fn fn, void *ctx);

/* The content hash of an article: hex SHA-256 of the title, one NUL byte and
 * the body, in out[65]. */
void dl__store_content_hash(const dl_article *a, char out[65]);
/* Hex SHA-256 of data[0..n) in out[65]. */
void dl__sha256_hex(const void *data, size_t n, char out[65]);

extern const dl_store_ops dl__sqlite_ops;


/* Helpers both backends use (store.c). */
/* The time now, UTC, as YYYY-MM-DDTHH:MM:SSZ, in out[32]. */
void dl__store_utc_now(char out[32]);
const char *dl__store_doc_name(const dl_doc *doc);
/* What dl_doc_check leaves out but the stored rows rely on; NULL when sound. */
const char *dl__store_unstorable(const dl_doc *doc);
const dl_actor *dl__store_actor_at(const dl_doc *doc, int i);
/* "name", "demonym", "agent", "title", "pronoun" for a dl_mention_kind. */
const char *dl__store_mention_kind(uint8_t k);

#endif
