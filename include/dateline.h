/*
 * dateline.h -- the public interface of libdateline.
 *
 * dateline turns a news page or text into an article, its actors, the events
 * between them (CAMEO codes) and the quotations they made.  The one-call path:
 *
 *     dl_engine *eng;  char err[256];
 *     dl_engine_open(NULL, &eng, err, sizeof err);      // loads data/ once
 *     dl_doc *doc = dl_doc_new();
 *     dl_doc_set_source(doc, "a.txt", bytes, len, DL_INPUT_AUTO);
 *     dl_doc_run(eng, doc);                              // every stage
 *     char *json = dl_doc_to_json(doc, 0);               // caller frees with dl_free()
 *     dl_doc_free(doc);  dl_engine_close(eng);
 *
 * Struct layouts are private (src/core/doc.h); callers hold opaque pointers.
 * Every _free/_close accepts NULL.
 */
#ifndef DATELINE_H
#define DATELINE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The shared library exports these calls and nothing else. */
#if defined(__GNUC__)
#pragma GCC visibility push(default)
#endif

/* ---- status codes ------------------------------------------------------ */

typedef enum {
    DL_OK = 0,
    DL_ERR_NOMEM = -1,  /* an allocation failed */
    DL_ERR_IO = -2,     /* a file could not be read or written */
    DL_ERR_INPUT = -3,  /* the input is not an article (empty, binary, truncated) */
    DL_ERR_DATA = -4,   /* a dictionary or codebook line is malformed */
    DL_ERR_DB = -5,     /* the store refused an operation */
    DL_ERR_USAGE = -6,  /* a caller passed an invalid argument */
    DL_ERR_NOTFOUND = -7
} dl_status;

/* Static English text for a status code; never NULL. */
const char *dl_strerror(dl_status st);

/* The library version, "MAJOR.MINOR.PATCH". */
const char *dl_version(void);

/* Frees memory the library handed to the caller (JSON strings, rows). */
void dl_free(void *p);

/* ---- engine: dictionaries and codebooks, loaded once, read-only -------- */

typedef struct dl_engine dl_engine;

typedef struct {
    const char *data_dir;  /* NULL: $DATELINE_DATA, else the built-in path */
    /* NULL, or a NULL-terminated list of TABARI/PETRARCH dictionary files
     * (verbs, actors, agents, discards) or directories holding them, used
     * next to data/; the kind of a file comes from its name.  See
     * docs/dictionaries.md. */
    const char *const *dict_paths;
    /* 0: our verb patterns code first and the users' verbs code the
     * sentences ours left without an event; 1: the users' verbs alone code
     * events, as PETRARCH would (what `dateline validate` uses). */
    int dict_only;
    /* 1: do not load the statistical models (tagger, parser, entity
     * recognizer), for callers that only read the codebook or the
     * dictionaries; dl_doc_run then codes without them. */
    int no_models;
    /* 1: the rules choose the events and the quotes' speakers, not the
     * learned models (data/models/events.model, quotes.model); for
     * comparisons and for `dateline train quotes`. */
    int rules_only;
    /* NULL, or the event model to load instead of data/models/events.model. */
    const char *event_model;
    /* 1: the event coder's rules alone, the quote model still loaded (for
     * `dateline train events`, whose events must see the speakers the
     * engine gives). */
    int no_event_model;
    /* NULL, or the quote model to load instead of data/models/quotes.model. */
    const char *quote_model;
    /* 1: the rules alone choose the speakers, the event model still loaded. */
    int no_quote_model;
} dl_engine_options;

/* Loads data/.  On failure returns a negative code and writes a message
 * naming the file and line into err (if err is not NULL). */
dl_status dl_engine_open(const dl_engine_options *opts, dl_engine **out,
                         char *err, size_t errlen);
void dl_engine_close(dl_engine *eng);

/* What loading users' dictionaries (dict_paths) skipped: one line each,
 * "FILE:LINE: message (line skipped)", the first 20 of them, then a count
 * line when there were more.  NULL when nothing was skipped.  Owned by the
 * engine. */
const char *dl_engine_warnings(const dl_engine *eng);

/* ---- documents: one per page ------------------------------------------- */

typedef struct dl_doc dl_doc;

typedef enum {
    DL_INPUT_AUTO = 0,  /* sniff: HTML, a JSON record, or plain text */
    DL_INPUT_TEXT,      /* a plain-text scrape or bare article text */
    DL_INPUT_HTML,      /* an HTML page */
    DL_INPUT_JSON       /* one JSON record {"text"|"html", "title", "date", "url"} */
} dl_input_kind;

dl_doc *dl_doc_new(void);
void dl_doc_free(dl_doc *doc);
/* Forgets everything the document holds so it can take the next page. */
void dl_doc_reset(dl_doc *doc);

/* Gives the document its raw bytes (copied).  name is a file name or URL used
 * in messages.  The bytes need not be valid UTF-8: invalid sequences are
 * replaced with U+FFFD and a warning is recorded. */
dl_status dl_doc_set_source(dl_doc *doc, const char *name, const char *bytes,
                            size_t len, dl_input_kind kind);
/* The publication date ("YYYY-MM-DD") to assume when the input has none. */
void dl_doc_set_default_date(dl_doc *doc, const char *iso_date);

/* Runs every stage: extract, tokenize, actors, quotes, events.  Returns
 * DL_ERR_INPUT (with a diagnostic) when the input holds no article. */
dl_status dl_doc_run(dl_engine *eng, dl_doc *doc);

/* The most severe diagnostic's message, or NULL when there is none. */
const char *dl_doc_error(const dl_doc *doc);

/* ---- rendering ---------------------------------------------------------- */

enum {
    DL_JSON_PRETTY = 1,  /* indent the output */
    DL_JSON_NO_BODY = 2  /* leave article.body out */
};

/* The document as one JSON object (see docs/output.md).  Caller frees with
 * dl_free().  NULL only when memory runs out. */
char *dl_doc_to_json(const dl_doc *doc, int flags);

/* The document's events as TSV rows (no header), GDELT-like columns.
 * Caller frees with dl_free(). */
char *dl_doc_to_tsv(const dl_doc *doc);
/* The TSV header line, with its newline. */
const char *dl_tsv_header(void);

/* The document's events as rows of the GDELT 2.0 event table: the 61
 * columns of the GDELT Event Codebook V2.0 in their order, tab-separated,
 * no header (docs/output.md; docs/gdelt-events.sql is the table).
 * GLOBALEVENTID is stable: the same article (URL, else title and body) and
 * event give the same id on every run.  date_added is the DATEADDED column
 * (YYYYMMDDHHMMSS, UTC).  eng gives the actor code parts and may be NULL
 * (the code columns are then left empty).  Caller frees with dl_free(). */
char *dl_doc_to_gdelt(const dl_engine *eng, const dl_doc *doc, const char *date_added);

/* ---- store: coded articles in a database (begin store section) ---------
 *
 *     dl_store *st;  char err[256];  int was_new;
 *     if (dl_store_open("events.db", &st, err, sizeof err) != DL_OK) die(err);
 *     dl_store_put(st, doc, &was_new);      // after dl_doc_run(); one transaction
 *     dl_store_close(st);
 *
 * Tables, columns and the schema version: docs/schema.md.  A store handle
 * is used by one thread at a time; several processes may share one file. */

typedef struct dl_store dl_store;

/* Opens (creating it and its schema when missing) the store at url: a file
 * path, "sqlite:PATH", or "postgresql://..." (a libpq connection URI) for a
 * PostgreSQL database with the same schema.  On failure returns a
 * negative code, leaves *out NULL and writes a message naming the path into
 * err (if err is not NULL).  Close with dl_store_close(). */
dl_status dl_store_open(const char *url, dl_store **out, char *err, size_t errlen);

/* Opens an existing store for reading only (queries): never creates the file
 * nor changes its schema; fails when the file is missing or is not a dateline
 * store of this schema version. */
dl_status dl_store_open_readonly(const char *url, dl_store **out, char *err, size_t errlen);

void dl_store_close(dl_store *st);

/* Stores a coded document: its article, actors, mentions, quotes and events,
 * in one transaction.  Idempotent: when an article with the same content
 * (title and body) or the same URL is already stored, nothing changes and
 * *was_new is 0; otherwise *was_new is 1.  was_new may be NULL.  On failure
 * nothing of this document is stored, earlier ones stay intact, and
 * dl_store_errmsg() names the document and the database.  Returns
 * DL_ERR_INPUT for a document with no article text or broken invariants
 * (dl_doc_check), DL_ERR_USAGE on a store opened read-only, DL_ERR_DB when
 * the database refuses. */
dl_status dl_store_put(dl_store *st, const dl_doc *doc, int *was_new);

/* The message of the store's last failure ("" after a success); owned by
 * the store, valid until its next call. */
const char *dl_store_errmsg(const dl_store *st);

/* ---- (end store section) ------------------------------------------------ */

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif
#endif /* DATELINE_H */
