/*
 * query/query.h -- filters over stored events and quotes, shared by the CLI
 * (`dateline query`) and the HTTP API.  A dl_query holds the filters; the
 * dl_query_* calls turn them into one parameterised statement (SQL text is
 * fixed, every user value is a bound parameter) and hand back rows through
 * a callback.  The writers print rows as a table, JSON Lines, CSV or TSV.
 */
#ifndef DL_QUERY_QUERY_H
#define DL_QUERY_QUERY_H

#include <stdio.h>

#include "dateline.h"
#include "store/store.h"

typedef enum { DL_QUERY_EVENTS = 0, DL_QUERY_QUOTES, DL_QUERY_ARTICLES } dl_query_kind;

/* Filters; a NULL string or a zero number means "any".  Strings are
 * borrowed for the duration of the call. */
typedef struct {
    /* An actor: its name, as whole words in any case ("khamenei" matches "Ali
     * Khamenei"), or a CAMEO code prefix ("IRN" matches IRN and IRNGOV).
     * Events match on source or target; quotes on the speaker. */
    const char *actor;
    const char *dyad;     /* "X:Y": source matches X and target Y; one side may be empty */
    const char *cameo;    /* event code prefix, 2-4 digits: "04" (root), "043" */
    const char *since;    /* "YYYY[-MM[-DD]]", inclusive, on the event date or else */
    const char *until;    /*   the article's publication date; until covers its period */
    long long article;    /* article id */
    long long limit;      /* at most this many rows */
    long long offset;     /* skip this many rows first */
    /* events only */
    int quad;             /* quad class 1-4 */
    const char *root;     /* CAMEO root, two digits: "04" */
    const char *plover;   /* PLOVER event type, any case: "CONSULT" */
    const char *text;     /* events: words that must all occur in the event's
                             sentence (full-text search; "word*" matches a
                             prefix); quotes: words of the quote, as a phrase
                             in any ASCII case; articles: words of the title */
    const char *issue;    /* an issue code the event carries, whole, any ASCII
                             case: "FAMINE" (not "FAM") */
    double min_confidence; /* events coded with at least this confidence (0..1) */
    /* Country level: actor and dyad name a country or organisation, matched
     * whole against the events' country-level sides (DL__STORE_COUNTRY_SIDE:
     * USAGOV is USA, IGOWSTNAT stays), and aggregates group by those sides. */
    int country_level;
    /* Country level only: any of these dyads, "A:B,C:D" (at most 16), each
     * side whole, as the overview asks for the months of its top dyads. */
    const char *dyads;
    int dated;            /* only events with a date (theirs or their article's) */
    int newest;           /* newest first (undated still last) */
} dl_query;

/* One stored event.  Strings are NULL when unknown and valid only during the
 * callback. */
typedef struct {
    long long id, article_id;
    const char *date;       /* the event's date, else its article's publication date */
    const char *published;  /* the article's publication day (YYYY-MM-DD), NULL when unknown */
    const char *source_code, *source_name, *source_country;
    const char *target_code, *target_name, *target_country;
    const char *cameo, *root;
    int quad;
    double goldstein;
    const char *plover;
    const char *place;      /* place name */
    double confidence;
    const char *rule;
    const char *article;    /* the article's URL, else its input name */
    const char *sentence;   /* the (first) sentence that states the event */
    long long n_sentences;  /* how many sentences of the article state it */
    const char *issues;     /* its issue codes joined by ',', NULL when none */
    const char *plover_mode;        /* PLOVER mode, NULL when none */
    long long global_id;            /* stable event id (--format gdelt's GLOBALEVENTID); 0 when
                                       stored before schema 5 */
    long long article_global_id;    /* the article's stable id, 0 likewise */
    const char *place_country;      /* the place's country (gazetteer), NULL when unknown */
    int has_place_geo;              /* place_lat and place_lon hold its coordinates */
    double place_lat, place_lon;
} dl_event_row;

typedef struct {
    long long id, article_id;
    const char *date;       /* the article's publication date */
    const char *speaker_code, *speaker_name, *speaker_country;
    const char *kind;       /* "direct" or "indirect" */
    const char *cue;
    const char *text;
    const char *article;
    const char *sentence;
} dl_quote_row;

/* One stored article, as the article list shows it. */
typedef struct {
    long long id;
    const char *title, *published, *url, *site;   /* url: the URL, else the input name */
    long long events, quotes;
} dl_article_row;

/* Return non-zero to stop. */
typedef int (*dl_event_fn)(const dl_event_row *row, void *ctx);
typedef int (*dl_quote_fn)(const dl_quote_row *row, void *ctx);
typedef int (*dl_article_fn)(const dl_article_row *row, void *ctx);

/* Checks the filters without touching a store.  Returns DL_OK, or
 * DL_ERR_USAGE with a message naming the bad filter in err. */
dl_status dl_query_check(const dl_query *q, dl_query_kind kind, char *err, size_t errlen);

/* Runs the query, calling fn per row in date order.  On failure returns a
 * negative code; the message is dl_store_errmsg(st). */
dl_status dl_query_events(dl_store *st, const dl_query *q, dl_event_fn fn, void *ctx);
dl_status dl_query_quotes(dl_store *st, const dl_query *q, dl_quote_fn fn, void *ctx);
/* Articles, newest first by publication date (undated last); filters: text
 * (words of the title), since, until. */
dl_status dl_query_articles(dl_store *st, const dl_query *q, dl_article_fn fn, void *ctx);

/* ---- aggregates ----------------------------------------------------------- */

typedef enum {
    DL_AGG_NONE = 0,      /* rows, not an aggregate */
    DL_AGG_DAY,       /* events per day and dyad: count and Goldstein sum */
    DL_AGG_WEEK,          /*   ... per ISO week, named by its Monday */
    DL_AGG_MONTH,         /*   ... per month */
    DL_AGG_TOP_ACTORS,    /* actors by the number of events they take part in */
    DL_AGG_TOP_SPEAKERS,  /* speakers by the number of quotes (quote filters) */
    DL_AGG_TOTAL_DAY,     /* all events per day: count per quad class, Goldstein sum */
    DL_AGG_TOTAL_WEEK,    /*   ... per ISO week */
    DL_AGG_TOTAL_MONTH,   /*   ... per month */
    DL_AGG_DYADS,         /* dyads by the number of events, with Goldstein sums */
    DL_AGG_TOP_CODES,     /* actor codes by the number of events they take part
                             in: read from the code indexes alone */
    DL_AGG_PAIRS          /* every (source, target) pair, sides that are unknown
                             included, in byte order, Goldstein sums unrounded:
                             the overview's dyads and countries in one pass */
} dl_agg;

/* One aggregate row: ncol values named by dl_agg_columns(); valid only
 * during the callback. */
typedef struct {
    int ncol;
    const char *const *names;
    const dl_store_value *vals;
} dl_agg_row;

typedef int (*dl_agg_fn)(const dl_agg_row *row, void *ctx);

/* "day", "week", "month" (for --count-by) or "actors", "speakers", "dyads",
 * "codes" (for --top); returns -1 for anything else.  The period aggregates put the
 * undated events in one last row whose period is NULL. */
int dl_agg_parse_period(const char *name, dl_agg *out);
int dl_agg_parse_top(const char *name, dl_agg *out);

/* The kind of rows an aggregate filters (speakers filter quotes). */
dl_query_kind dl_agg_kind(dl_agg agg);

/* The column names of an aggregate's rows; *ncol gets their number. */
const char *const *dl_agg_columns(dl_agg agg, int *ncol);

/* The per-period aggregate over all dyads (DL_AGG_TOTAL_*) of a per-dyad
 * one (DL_AGG_DAY...); DL_AGG_NONE for anything else. */
dl_agg dl_agg_total(dl_agg per_dyad);

/* Runs an aggregate over the rows the filters select; q->limit and
 * q->offset count aggregate rows.  When every filter is one the event_days
 * table keeps (country-level sides, dates, quad, root) the aggregate reads
 * it instead of the events: the same rows, without a scan of every event. */
dl_status dl_query_aggregate(dl_store *st, const dl_query *q, dl_agg agg, dl_agg_fn fn,
                             void *ctx);

/* ---- output ------------------------------------------------------------- */

typedef enum { DL_OUT_TABLE = 0, DL_OUT_JSON, DL_OUT_CSV, DL_OUT_TSV } dl_out_format;

/* "table", "json", "csv" or "tsv"; returns -1 for anything else. */
int dl_out_format_parse(const char *name, dl_out_format *out);

typedef struct {
    FILE *fp;
    dl_out_format format;
    dl_query_kind kind;
    dl_agg agg;           /* DL_AGG_NONE unless writing aggregate rows */
    long long rows;       /* rows written so far */
    /* GDELT rows only (dl_query_write_gdelt): the actor code parts and the
     * gazetteer that fill the actor and geo columns (NULL: only what the
     * store keeps), and DATEADDED (NULL: empty) */
    const struct dl_code_parts *parts;
    const struct dl_gazetteer *gazetteer;
    const char *date_added;
} dl_query_writer;

/* Prepares w and prints the header line (table, CSV, TSV). */
void dl_query_writer_begin(dl_query_writer *w, FILE *fp, dl_out_format format,
                           dl_query_kind kind);
/* Row callbacks: pass them to dl_query_events / dl_query_quotes with the
 * writer as ctx. */
int dl_query_write_event(const dl_event_row *row, void *writer);
int dl_query_write_quote(const dl_quote_row *row, void *writer);

/* The same for aggregate rows: begin prints the header of agg's columns. */
void dl_query_writer_begin_agg(dl_query_writer *w, FILE *fp, dl_out_format format, dl_agg agg);
int dl_query_write_agg(const dl_agg_row *row, void *writer);

/* A row callback that writes each event as a line of the GDELT 2.0 event
 * table (61 tab-separated columns, no header), with a dl_query_writer as
 * ctx (its format is not read): the rows `dateline code --format gdelt`
 * writes, made from what the store keeps (src/query/gdelt.c,
 * docs/output.md). */
int dl_query_write_gdelt(const dl_event_row *row, void *writer);

/* One row as a compact JSON object (no newline); caller frees with dl_free().
 * NULL only when memory runs out. */
char *dl_query_event_json(const dl_event_row *row);
char *dl_query_quote_json(const dl_quote_row *row);

/* The TSV header for quote rows, with its newline (events use
 * dl_tsv_header()). */
const char *dl_query_quote_tsv_header(void);

#endif
