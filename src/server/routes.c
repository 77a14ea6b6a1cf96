/*
 * server/routes.c -- the API: the route table, one handler per route, and the
 * OpenAPI description made from the same table (docs/api.md).  Filters go
 * through query/ (dl_query_*: fixed SQL, bound parameters); the article
 * page's own statements are fixed text with the id bound.
 */
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/doc.h"
#include "query/query.h"
#include "server/server.h"
#include "store/store.h"

enum { DEFAULT_LIMIT = 50, MAX_LIMIT = 1000, MAX_AGG_LIMIT = 10000, MAX_DOWNLOAD = 100000 };
#define MAX_OFFSET 1000000000LL

/* ---- parameters ----------------------------------------------------------- */

/* A whole number in [lo, hi] from parameter name, else def.  On a bad value
 * replies 400 and returns 0. */
static int int_arg(dl__request *r, const char *name, long long lo, long long hi, long long def,
                   long long *out) {
    const char *s = dl__request_arg(r, name);
    *out = def;
    if (!s) return 1;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi || !isdigit((unsigned char)*s)) {
        dl__reply_error(r, 400, "bad_parameter",
                        "%s '%.100s' is not a whole number from %lld to %lld", name, s, lo, hi);
        return 0;
    }
    *out = v;
    return 1;
}

static int no_unknown_args(dl__request *r, const char *const *names) {
    const char *bad;
    if (!dl__request_unknown_arg(r, names, &bad)) return 1;
    dl__reply_error(r, 400, "bad_parameter", "unknown parameter '%.100s'", bad);
    return 0;
}

static const char *const event_params[] = {
    "actor", "dyad", "cameo", "root", "quad", "plover", "since", "until", "text", "issue",
    "article", "min_confidence", "level", "dated", "order", "limit", "offset", "period",
    "format", "total", "by", "dyads", NULL};

/* One of the words in names[] (NULL-ended) from parameter name, as its
 * index; def when absent.  On another value replies 400 and returns -1. */
static int word_arg(dl__request *r, const char *name, const char *const *names, int def) {
    const char *s = dl__request_arg(r, name);
    if (!s || !*s) return def;
    for (int i = 0; names[i]; i++)
        if (!strcmp(s, names[i])) return i;
    dl_strbuf list;
    dl_strbuf_init(&list);
    for (int i = 0; names[i]; i++) dl_strbuf_printf(&list, "%s%s", i ? ", " : "", names[i]);
    dl__reply_error(r, 400, "bad_parameter", "%s '%.100s' is not one of %s", name, s,
                    list.s ? list.s : "");
    dl_strbuf_release(&list);
    return -1;
}

/* A number from 0 to 1 from parameter name (0 when absent); 0 after a 400. */
static int unit_arg(dl__request *r, const char *name, double *out) {
    const char *s = dl__request_arg(r, name);
    *out = 0;
    if (!s || !*s) return 1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= 0 && v <= 1) || !(isdigit((unsigned char)*s) || *s == '.')) {
        dl__reply_error(r, 400, "bad_parameter", "%s '%.100s' is not a number from 0 to 1", name,
                        s);
        return 0;
    }
    *out = v;
    return 1;
}

static const char *const levels[] = {"actor", "country", NULL};
static const char *const orders[] = {"oldest", "newest", NULL};

/* level, order and the quote/article text filter, shared by every listing;
 * 0 after a 400 reply. */
static int view_args(dl__request *r, dl_query *q) {
    int level = word_arg(r, "level", levels, 0), order = word_arg(r, "order", orders, 0);
    if (level < 0 || order < 0) return 0;
    q->country_level = level;
    q->newest = order;
    return 1;
}

/* The event filters from the query string; 0 after a 400 reply. */
static int event_filters(dl__request *r, dl_query *q, long long max_limit, long long def_limit) {
    memset(q, 0, sizeof *q);
    long long quad, article, dated;
    q->actor = dl__request_arg(r, "actor");
    q->dyad = dl__request_arg(r, "dyad");
    q->cameo = dl__request_arg(r, "cameo");
    q->root = dl__request_arg(r, "root");
    q->plover = dl__request_arg(r, "plover");
    q->since = dl__request_arg(r, "since");
    q->until = dl__request_arg(r, "until");
    q->text = dl__request_arg(r, "text");
    q->issue = dl__request_arg(r, "issue");
    if (!int_arg(r, "quad", 1, 4, 0, &quad) || !int_arg(r, "article", 1, MAX_OFFSET, 0, &article) ||
        !int_arg(r, "limit", 1, max_limit, def_limit, &q->limit) ||
        !int_arg(r, "offset", 0, MAX_OFFSET, 0, &q->offset) ||
        !int_arg(r, "dated", 0, 1, 0, &dated) || !unit_arg(r, "min_confidence", &q->min_confidence) ||
        !view_args(r, q))
        return 0;
    q->quad = (int)quad;
    q->article = article;
    q->dated = (int)dated;
    return 1;
}

/* Replies 400 when one of the parameters names[] (NULL-ended) is given:
 * those of other routes that share this one's list. */
static int none_of(dl__request *r, const char *const *names, const char *route) {
    for (int i = 0; names[i]; i++)
        if (dl__request_arg(r, names[i])) {
            dl__reply_error(r, 400, "bad_parameter", "%s does not apply to %s", names[i], route);
            return 0;
        }
    return 1;
}

static int checked(dl__request *r, const dl_query *q, dl_query_kind kind) {
    char err[256];
    if (dl_query_check(q, kind, err, sizeof err) == DL_OK) return 1;
    dl__reply_error(r, 400, "bad_parameter", "%s", err);
    return 0;
}

/* ---- rows ------------------------------------------------------------------ */

/* Collects rows as a JSON array; one more than the page is asked for, to
 * tell whether there is a next page. */
typedef struct {
    dl__request *r;
    dl_strbuf *b;
    long long n, page;
    int more, timed_out;
} rows_ctx;

static int row_start(rows_ctx *c) {
    if (dl__server_now() > c->r->deadline) {
        c->timed_out = 1;
        return 1;
    }
    if (c->n == c->page) {
        c->more = 1;
        return 1;
    }
    if (c->n++) dl_strbuf_addc(c->b, ',');
    return 0;
}

static int add_json_row(rows_ctx *c, char *json) {
    if (!json) {
        c->b->oom = true;
        return 1;
    }
    dl_strbuf_adds(c->b, json);
    dl_free(json);
    return 0;
}

static int event_row(const dl_event_row *row, void *vctx) {
    rows_ctx *c = vctx;
    return row_start(c) || add_json_row(c, dl_query_event_json(row));
}

static int quote_row(const dl_quote_row *row, void *vctx) {
    rows_ctx *c = vctx;
    return row_start(c) || add_json_row(c, dl_query_quote_json(row));
}

static void put_value(dl_strbuf *b, const dl_store_value *v) {
    switch (v->type) {
    case DL_VAL_INT: dl_strbuf_printf(b, "%lld", v->i); break;
    case DL_VAL_REAL: dl_strbuf_printf(b, "%.10g", v->d); break;
    case DL_VAL_TEXT: dl__json_str(b, v->s); break;
    default: dl_strbuf_adds(b, "null");
    }
}

/* A row as an object whose keys are names[0..n). */
static void put_object(dl_strbuf *b, const char *const *names, const dl_store_value *vals, int n) {
    dl_strbuf_addc(b, '{');
    for (int i = 0; i < n; i++) {
        if (i) dl_strbuf_addc(b, ',');
        dl__json_str(b, names[i]);
        dl_strbuf_addc(b, ':');
        put_value(b, &vals[i]);
    }
    dl_strbuf_addc(b, '}');
}

static int agg_row(const dl_agg_row *row, void *vctx) {
    rows_ctx *c = vctx;
    if (row_start(c)) return 1;
    put_object(c->b, row->names, row->vals, row->ncol);
    return 0;
}

/* Ends a listing: {"KEY":[rows],"paging":{...}} or an error reply. */
static void finish_list(dl__request *r, dl_status st, rows_ctx *c, const dl_query *q,
                        dl_strbuf *b) {
    if (c->timed_out) {
        dl__reply_error(r, 504, NULL, "the request took longer than the time limit");
        return;
    }
    if (st != DL_OK && !c->more) {
        dl__reply_error(r, st == DL_ERR_USAGE ? 400 : 500, NULL, "%s",
                        dl_store_errmsg(dl__request_store(r)));
        return;
    }
    dl_strbuf_printf(b, "],\"paging\":{\"limit\":%lld,\"offset\":%lld,\"count\":%lld,"
                        "\"more\":%s,\"next_offset\":",
                     c->page, q->offset, c->n, c->more ? "true" : "false");
    if (c->more) dl_strbuf_printf(b, "%lld", q->offset + c->n);
    else dl_strbuf_adds(b, "null");
    dl_strbuf_adds(b, "}}");
    if (b->oom) dl__reply_error(r, 503, NULL, "out of memory");
    else dl__reply_json(r, 200, b->s);
}

/* ---- GET /api/events, /api/quotes, /api/actors, /api/speakers, /api/timeline */

/* The download formats of format=, the writer's format, media type and
 * file name of each; "json" (the default) is the paged JSON object. */
static const char *const formats[] = {"json", "csv", "jsonl", "gdelt", NULL};
static const struct {
    dl_out_format format;
    const char *type, *disposition;
} downloads[] = {
    {DL_OUT_JSON, NULL, NULL},
    {DL_OUT_CSV, "text/csv; charset=utf-8", "attachment; filename=\"events.csv\""},
    {DL_OUT_JSON, "application/x-ndjson; charset=utf-8",
     "attachment; filename=\"events.jsonl\""},
    {DL_OUT_TSV, "text/tab-separated-values; charset=utf-8",
     "attachment; filename=\"events.gdelt.tsv\""},
};

typedef struct {
    dl_query_writer w;
    dl__request *r;
    int gdelt, timed_out;
} download_ctx;

static int download_row(const dl_event_row *row, void *vctx) {
    download_ctx *d = vctx;
    if (dl__server_now() > d->r->deadline) {
        d->timed_out = 1;
        return 1;
    }
    return d->gdelt ? dl_query_write_gdelt(row, &d->w) : dl_query_write_event(row, &d->w);
}

/* Every event the filters select (up to limit, default and at most
 * MAX_DOWNLOAD) written by the CLI's writers: CSV with its header, JSON
 * Lines, or GDELT rows.  The body is text, not JSON: it goes out as
 * written, with its own media type. */
static void download_events(dl__request *r, dl_query *q, int fmt) {
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    if (!fp) {
        dl__reply_error(r, 503, NULL, "out of memory");
        return;
    }
    download_ctx d = {.r = r, .gdelt = fmt == 3};
    char added[16] = "";
    if (d.gdelt) {   /* no header; DATEADDED is the time of the download */
        time_t now = time(NULL);
        struct tm tm;
        if (gmtime_r(&now, &tm)) strftime(added, sizeof added, "%Y%m%d%H%M%S", &tm);
        d.w = (dl_query_writer){.fp = fp, .format = DL_OUT_TSV, .date_added = added};
        dl__server_gdelt_tables(r->srv, &d.w.parts, &d.w.gazetteer);
    } else dl_query_writer_begin(&d.w, fp, downloads[fmt].format, DL_QUERY_EVENTS);
    dl_status st = dl_query_events(dl__request_store(r), q, download_row, &d);
    int bad = ferror(fp);
    if (fclose(fp) != 0) bad = 1;
    if (d.timed_out) dl__reply_error(r, 504, NULL, "the request took longer than the time limit");
    else if (st != DL_OK) dl__reply_error(r, 500, NULL, "%s", dl_store_errmsg(dl__request_store(r)));
    else if (bad || !text) dl__reply_error(r, 503, NULL, "out of memory");
    else {
        r->status = 200;
        r->content_type = downloads[fmt].type;
        r->extra_header = "Content-Disposition";
        r->extra_value = downloads[fmt].disposition;
        dl_strbuf_clear(&r->out);
        dl_strbuf_add(&r->out, text, len);
    }
    free(text);
}

static void get_events(dl__request *r) {
    dl_query q;
    static const char *const others[] = {"period", "total", "by", "dyads", NULL};
    int fmt = word_arg(r, "format", formats, 0);
    if (fmt < 0 || !no_unknown_args(r, event_params) ||
        !event_filters(r, &q, fmt ? MAX_DOWNLOAD : MAX_LIMIT, fmt ? MAX_DOWNLOAD : DEFAULT_LIMIT) ||
        !none_of(r, others, "/api/events"))
        return;
    if (!checked(r, &q, DL_QUERY_EVENTS)) return;
    if (fmt) {
        download_events(r, &q, fmt);
        return;
    }
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_strbuf_adds(&b, "{\"events\":[");
    rows_ctx c = {.r = r, .b = &b, .page = q.limit};
    q.limit++;
    dl_status st = dl_query_events(dl__request_store(r), &q, event_row, &c);
    q.limit--;
    finish_list(r, st, &c, &q, &b);
    dl_strbuf_release(&b);
}

static const char *const quote_params[] = {"speaker", "text", "since", "until", "article",
                                           "order", "limit", "offset", NULL};

/* The quote filters from the query string; 0 after a 400 reply. */
static int quote_filters(dl__request *r, dl_query *q) {
    long long article;
    memset(q, 0, sizeof *q);
    if (!no_unknown_args(r, quote_params)) return 0;
    q->actor = dl__request_arg(r, "speaker");
    q->text = dl__request_arg(r, "text");
    q->since = dl__request_arg(r, "since");
    q->until = dl__request_arg(r, "until");
    int order = word_arg(r, "order", orders, 0);
    if (order < 0 || !int_arg(r, "article", 1, MAX_OFFSET, 0, &article) ||
        !int_arg(r, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT, &q->limit) ||
        !int_arg(r, "offset", 0, MAX_OFFSET, 0, &q->offset))
        return 0;
    q->article = article;
    q->newest = order;
    return 1;
}

static void get_quotes(dl__request *r) {
    dl_query q;
    if (!quote_filters(r, &q) || !checked(r, &q, DL_QUERY_QUOTES)) return;
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_strbuf_adds(&b, "{\"quotes\":[");
    rows_ctx c = {.r = r, .b = &b, .page = q.limit};
    q.limit++;
    dl_status st = dl_query_quotes(dl__request_store(r), &q, quote_row, &c);
    q.limit--;
    finish_list(r, st, &c, &q, &b);
    dl_strbuf_release(&b);
}

static void run_agg(dl__request *r, dl_query *q, dl_agg agg, const char *key) {
    if (!checked(r, q, dl_agg_kind(agg))) return;
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_strbuf_printf(&b, "{\"%s\":[", key);
    rows_ctx c = {.r = r, .b = &b, .page = q->limit};
    q->limit++;
    dl_status st = dl_query_aggregate(dl__request_store(r), q, agg, agg_row, &c);
    q->limit--;
    finish_list(r, st, &c, q, &b);
    dl_strbuf_release(&b);
}

/* An aggregate route over the event filters: key names its rows. */
static void event_agg(dl__request *r, dl_agg agg, const char *key, const char *route) {
    dl_query q;
    static const char *const others[] = {"period", "total", "format", "order", "dyads", NULL};
    static const char *const by[] = {"by", NULL};
    if (!no_unknown_args(r, event_params) || !event_filters(r, &q, MAX_LIMIT, DEFAULT_LIMIT) ||
        !none_of(r, others, route) || (agg != DL_AGG_TOP_ACTORS && agg != DL_AGG_TOP_CODES &&
                                       !none_of(r, by, route)))
        return;
    run_agg(r, &q, agg, key);
}

static void get_actors(dl__request *r) {
    static const char *const groups[] = {"name", "code", NULL};
    int by = word_arg(r, "by", groups, 0);
    if (by < 0) return;
    event_agg(r, by ? DL_AGG_TOP_CODES : DL_AGG_TOP_ACTORS, "actors", "/api/actors");
}

static void get_dyads(dl__request *r) { event_agg(r, DL_AGG_DYADS, "dyads", "/api/dyads"); }

static void get_speakers(dl__request *r) {
    dl_query q;
    if (!quote_filters(r, &q)) return;
    q.newest = 0;
    run_agg(r, &q, DL_AGG_TOP_SPEAKERS, "speakers");
}

static const char *const periods[] = {"week", "day", "month", NULL};
static const dl_agg period_aggs[] = {DL_AGG_WEEK, DL_AGG_DAY, DL_AGG_MONTH};

static void get_timeline(dl__request *r) {
    dl_query q;
    static const char *const others[] = {"format", "order", "by", NULL};
    long long total;
    if (!no_unknown_args(r, event_params) ||
        !event_filters(r, &q, MAX_AGG_LIMIT, MAX_AGG_LIMIT) || !none_of(r, others, "/api/timeline") ||
        !int_arg(r, "total", 0, 1, 0, &total))
        return;
    int period = word_arg(r, "period", periods, 0);
    if (period < 0) return;
    q.dyads = dl__request_arg(r, "dyads");
    dl_agg agg = period_aggs[period];
    run_agg(r, &q, total ? dl_agg_total(agg) : agg, "rows");
}

/* ---- GET /api/overview -------------------------------------------------------- */

/* Appends "key":[rows] of one aggregate, at most limit rows; skip_null
 * leaves out a row whose first column is NULL and counts its events
 * (column events_col) into *nulls. */
typedef struct {
    dl_strbuf *b;
    int n, skip_null, events_col;
    long long nulls;
} section_ctx;

static int section_row(const dl_agg_row *row, void *vctx) {
    section_ctx *c = vctx;
    if (c->skip_null && row->vals[0].type == DL_VAL_NULL) {
        c->nulls += row->vals[c->events_col].i;
        return 0;
    }
    if (c->n++) dl_strbuf_addc(c->b, ',');
    put_object(c->b, row->names, row->vals, row->ncol);
    return 0;
}

static dl_status section(dl__request *r, dl_strbuf *b, const char *key, dl_query *q, dl_agg agg,
                         long long limit, section_ctx *c) {
    c->b = b;
    c->n = 0;
    dl_strbuf_printf(b, "%s\"%s\":[", key[0] == '{' ? "{" : ",", key[0] == '{' ? key + 1 : key);
    q->limit = limit;
    dl_status st = dl_query_aggregate(dl__request_store(r), q, agg, section_row, c);
    dl_strbuf_addc(b, ']');
    return st;
}

/* The overview's dyads and countries come from one pass over every pair of
 * country-level sides (DL_AGG_PAIRS): the dyads are the pairs with both
 * sides known, the countries the sums of each side.  The dyads' monthly
 * trends are a second call, /api/timeline?dyads=...: the page shows the
 * rest first. */
typedef struct {
    char source[64], target[64];
    long long events, cooperation, conflict;
    double goldstein;
} pair;

typedef struct {
    pair *v;
    size_t n, cap;
    int oom;
} pairs;

/* A new zeroed pair at the end of ps, NULL when memory runs out. */
static pair *pair_add(pairs *ps, const char *source, const char *target) {
    if (ps->n == ps->cap) {
        size_t cap = ps->cap ? 2 * ps->cap : 256;
        pair *v = realloc(ps->v, cap * sizeof *v);
        if (!v) {
            ps->oom = 1;
            return NULL;
        }
        ps->v = v;
        ps->cap = cap;
    }
    pair *p = &ps->v[ps->n++];
    memset(p, 0, sizeof *p);
    snprintf(p->source, sizeof p->source, "%s", source ? source : "");
    snprintf(p->target, sizeof p->target, "%s", target ? target : "");
    return p;
}

static int pair_row(const dl_agg_row *row, void *vctx) {
    const dl_store_value *c = row->vals;
    pair *p = pair_add(vctx, c[0].s, c[1].s);
    if (!p) return 1;
    p->events = c[2].i;
    p->cooperation = c[3].i;
    p->conflict = c[4].i;
    p->goldstein = c[5].type == DL_VAL_REAL ? c[5].d : (double)c[5].i;
    return 0;
}

static double round1(double v) { return round(v * 10) / 10; }

/* Most events first, then the sides in byte order (as DL_AGG_DYADS and
 * DL_AGG_TOP_ACTORS order them). */
static int by_events(const void *a, const void *b) {
    const pair *x = *(pair *const *)a, *y = *(pair *const *)b;
    if (x->events != y->events) return x->events > y->events ? -1 : 1;
    int c = strcmp(x->source, y->source);
    return c ? c : strcmp(x->target, y->target);
}

/* "countries":[{"name","code","events","goldstein"}]: every known side
 * with the events it is source or target of.  A side's sums gather in a
 * pair whose source is the side (target ""). */
static int put_countries(dl_strbuf *b, const pairs *ps) {
    pairs sides = {0};
    /* each event counts once for its source and once for its target */
    for (size_t i = 0; i < ps->n && !sides.oom; i++)
        for (int k = 0; k < 2; k++) {
            const char *side = k ? ps->v[i].target : ps->v[i].source;
            if (!*side) continue;
            size_t j = 0;
            while (j < sides.n && strcmp(sides.v[j].source, side)) j++;
            if (j == sides.n && !pair_add(&sides, side, "")) break;
            sides.v[j].events += ps->v[i].events;
            sides.v[j].goldstein += ps->v[i].goldstein;
        }
    pair **order = sides.n ? malloc(sides.n * sizeof *order) : NULL;
    for (size_t i = 0; order && i < sides.n; i++) order[i] = &sides.v[i];
    if (order) qsort(order, sides.n, sizeof *order, by_events);
    dl_strbuf_adds(b, ",\"countries\":[");
    for (size_t i = 0; order && i < sides.n; i++) {
        static const char *const names[] = {"name", "code", "events", "goldstein"};
        dl_store_value v[4] = {{.type = DL_VAL_TEXT, .s = order[i]->source},
                               {.type = DL_VAL_TEXT, .s = order[i]->source},
                               {.type = DL_VAL_INT, .i = order[i]->events},
                               {.type = DL_VAL_REAL, .d = round1(order[i]->goldstein)}};
        if (i) dl_strbuf_addc(b, ',');
        put_object(b, names, v, 4);
    }
    dl_strbuf_addc(b, ']');
    int ok = !sides.oom && (order || !sides.n);
    free(sides.v);
    free(order);
    return ok;
}

/* "dyads":[...]: the n busiest dyads with both sides known. */
static int put_dyads(dl_strbuf *b, const pairs *ps, long long n) {
    pair **top = ps->n ? malloc(ps->n * sizeof *top) : NULL;
    size_t ntop = 0;
    for (size_t i = 0; top && i < ps->n; i++)
        if (ps->v[i].source[0] && ps->v[i].target[0]) top[ntop++] = &ps->v[i];
    if (top) qsort(top, ntop, sizeof *top, by_events);
    if (ntop > (size_t)n) ntop = (size_t)n;
    dl_strbuf_adds(b, ",\"dyads\":[");
    for (size_t i = 0; i < ntop; i++) {
        const pair *p = top[i];
        static const char *const names[] = {"source", "target", "events", "cooperation",
                                            "conflict", "goldstein"};
        dl_store_value v[6] = {{.type = DL_VAL_TEXT, .s = p->source},
                               {.type = DL_VAL_TEXT, .s = p->target},
                               {.type = DL_VAL_INT, .i = p->events},
                               {.type = DL_VAL_INT, .i = p->cooperation},
                               {.type = DL_VAL_INT, .i = p->conflict},
                               {.type = DL_VAL_REAL, .d = round1(p->goldstein)}};
        if (i) dl_strbuf_addc(b, ',');
        put_object(b, names, v, 6);
    }
    dl_strbuf_addc(b, ']');
    free(top);
    return top || !ps->n;
}

/* The dashboard's first page in one reply, at the country level: events
 * per week by quad class, the undated count, the top dyads, and every
 * country and organisation by its events.  Each part reads event_days
 * (dl_query_aggregate), so the reply does not grow with the number of
 * events. */
static void get_overview(dl__request *r) {
    static const char *const names[] = {"since", "until", "root", "quad", "dyads", NULL};
    if (!no_unknown_args(r, names)) return;
    dl_query q = {.country_level = 1};
    long long quad, ndyads;
    q.since = dl__request_arg(r, "since");
    q.until = dl__request_arg(r, "until");
    q.root = dl__request_arg(r, "root");
    if (!int_arg(r, "quad", 1, 4, 0, &quad) || !int_arg(r, "dyads", 1, 50, 10, &ndyads)) return;
    q.quad = (int)quad;
    if (!checked(r, &q, DL_QUERY_EVENTS)) return;
    dl_strbuf b;
    dl_strbuf_init(&b);
    section_ctx weeks = {.skip_null = 1, .events_col = 1};
    dl_status st = section(r, &b, "{weeks", &q, DL_AGG_TOTAL_WEEK, 0, &weeks);
    pairs ps = {0};
    q.limit = 0;
    if (st == DL_OK) st = dl_query_aggregate(dl__request_store(r), &q, DL_AGG_PAIRS, pair_row, &ps);
    if (st == DL_OK && (ps.oom || !put_countries(&b, &ps) || !put_dyads(&b, &ps, ndyads)))
        b.oom = true;
    free(ps.v);
    dl_strbuf_printf(&b, ",\"undated\":%lld}", weeks.nulls);
    if (st != DL_OK)
        dl__reply_error(r, 500, NULL, "%s", dl_store_errmsg(dl__request_store(r)));
    else if (b.oom) dl__reply_error(r, 503, NULL, "out of memory");
    else dl__reply_json(r, 200, b.s);
    dl_strbuf_release(&b);
}

/* ---- GET /api/articles and /api/articles/{id} -------------------------------- */

typedef struct {
    dl_strbuf *b;
    const char *const *names;
    int n;        /* rows so far */
    int authors;  /* column holding the authors' JSON array, else -1 */
} obj_ctx;

/* The authors column holds a JSON array written by the store; it is parsed
 * and written again so that the reply is valid JSON whatever the cell holds. */
static void put_authors(dl_strbuf *b, const char *s) {
    json_t *a = s ? json_loads(s, 0, NULL) : NULL;
    char *out = a && json_is_array(a) ? json_dumps(a, JSON_COMPACT) : NULL;
    dl_strbuf_adds(b, out ? out : "[]");
    free(out);
    json_decref(a);
}

static int obj_row(const dl_store_value *cols, int ncol, void *vctx) {
    obj_ctx *c = vctx;
    if (c->n++) dl_strbuf_addc(c->b, ',');
    dl_strbuf_addc(c->b, '{');
    for (int i = 0; i < ncol && c->names[i]; i++) {
        if (i) dl_strbuf_addc(c->b, ',');
        dl__json_str(c->b, c->names[i]);
        dl_strbuf_addc(c->b, ':');
        if (i == c->authors) put_authors(c->b, cols[i].s);
        else put_value(c->b, &cols[i]);
    }
    dl_strbuf_addc(c->b, '}');
    return 0;
}

/* Runs a fixed statement with one integer parameter, appending its rows as
 * objects keyed by names[] (as many names as the statement has columns). */
static dl_status select_objects(dl__request *r, dl_strbuf *b, const char *sql,
                                const char *const *names, long long id, int authors, int *nrows) {
    dl_store_value p[2] = {{.type = DL_VAL_INT, .i = id}, {.type = DL_VAL_INT, .i = 0}};
    obj_ctx c = {b, names, 0, authors};
    int np = 0;
    for (const char *s = sql; *s; s++) np += *s == '?';
    dl_status st = dl__store_select(dl__request_store(r), sql, p, np, obj_row, &c);
    if (nrows) *nrows = c.n;
    return st;
}

static const char *const article_cols[] = {"id", "url", "source", "site", "title", "subtitle",
                                           "authors", "published", "dateline", "language",
                                           "body", "coded_at", NULL};
static const char article_sql[] =
    "SELECT id, url, source, site, title, subtitle, authors, published, dateline, language,"
    " body, coded_at FROM articles WHERE id = ?";
static const char *const actor_cols[] = {"id", "local_id", "name", "type", "country",
                                         "code", "role", NULL};
static const char actor_sql[] =
    "SELECT id, local_id, name, type, country, code, role FROM actors"
    " WHERE article_id = ? ORDER BY id";
static const char *const mention_cols[] = {"actor_id", "start", "end", "kind", NULL};
static const char mention_sql[] =
    "SELECT m.actor_id, m.start, m.\"end\", m.kind FROM mentions m"
    " JOIN actors a ON a.id = m.actor_id WHERE a.article_id = ? ORDER BY m.start, m.actor_id";
static const char *const event_cols[] = {
    "event_id", "cameo", "root", "quad", "goldstein", "plover", "source_actor_id",
    "target_actor_id", "source_name", "source_code", "target_name", "target_code", "date",
    "place", "sentence", "start", "end", "confidence", "quote_id", "n_sentences", "plover_mode",
    "global_id", "place_country", "place_lat", "place_lon", NULL};
static const char event_sql[] =
    "SELECT id, cameo, root, quad, goldstein, plover, source_actor_id, target_actor_id,"
    " source_name, source_code, target_name, target_code, coalesce(date, published), place,"
    " sentence, start, \"end\", confidence, quote_id, n_sentences, plover_mode, global_id,"
    " place_country, place_lat, place_lon FROM events"
    " WHERE article_id = ? ORDER BY start, id";
static const char *const quote_cols[] = {"quote_id", "kind", "speaker_actor_id", "speaker_name",
                                         "speaker_code", "cue", "text", "start", "end",
                                         "sentence", NULL};
static const char quote_sql[] =
    "SELECT id, kind, speaker_actor_id, speaker_name, speaker_code, cue, text, start, \"end\","
    " sentence FROM quotes WHERE article_id = ? ORDER BY start, id";

static void get_article(dl__request *r) {
    static const char *const none[] = {NULL};
    if (!no_unknown_args(r, none)) return;
    long long id = 0;
    int digits = r->id_len > 0 && r->id_len <= 12;
    for (size_t i = 0; digits && i < r->id_len; i++) {
        if (!isdigit((unsigned char)r->id[i])) digits = 0;
        else id = id * 10 + (r->id[i] - '0');
    }
    if (!digits || id <= 0) {
        dl__reply_error(r, 400, "bad_parameter", "article id '%.*s' is not a positive number",
                        (int)(r->id_len > 100 ? 100 : r->id_len), r->id);
        return;
    }
    dl_strbuf b;
    dl_strbuf_init(&b);
    int found = 0;
    dl_strbuf_adds(&b, "{\"article\":");
    dl_status st = select_objects(r, &b, article_sql, article_cols, id, 6, &found);
    static const struct { const char *key, *sql; const char *const *cols; } parts[] = {
        {"actors", actor_sql, actor_cols},
        {"mentions", mention_sql, mention_cols},
        {"events", event_sql, event_cols},
        {"quotes", quote_sql, quote_cols},
    };
    for (size_t i = 0; st == DL_OK && found && i < sizeof parts / sizeof *parts; i++) {
        dl_strbuf_printf(&b, ",\"%s\":[", parts[i].key);
        st = select_objects(r, &b, parts[i].sql, parts[i].cols, id, -1, NULL);
        dl_strbuf_addc(&b, ']');
    }
    dl_strbuf_addc(&b, '}');
    if (st != DL_OK)
        dl__reply_error(r, 500, NULL, "%s", dl_store_errmsg(dl__request_store(r)));
    else if (!found) dl__reply_error(r, 404, NULL, "no article with id %lld", id);
    else if (b.oom) dl__reply_error(r, 503, NULL, "out of memory");
    else dl__reply_json(r, 200, b.s);
    dl_strbuf_release(&b);
}

static const char *const list_cols[] = {"id", "title", "published", "url", "site", "events",
                                        "quotes"};

static int list_row(const dl_article_row *a, void *vctx) {
    rows_ctx *c = vctx;
    if (row_start(c)) return 1;
    dl_store_value v[7] = {
        {.type = DL_VAL_INT, .i = a->id},
        {.type = a->title ? DL_VAL_TEXT : DL_VAL_NULL, .s = a->title},
        {.type = a->published ? DL_VAL_TEXT : DL_VAL_NULL, .s = a->published},
        {.type = a->url ? DL_VAL_TEXT : DL_VAL_NULL, .s = a->url},
        {.type = a->site ? DL_VAL_TEXT : DL_VAL_NULL, .s = a->site},
        {.type = DL_VAL_INT, .i = a->events},
        {.type = DL_VAL_INT, .i = a->quotes},
    };
    put_object(c->b, list_cols, v, 7);
    return 0;
}

static void list_articles(dl__request *r) {
    static const char *const names[] = {"text", "since", "until", "limit", "offset", NULL};
    dl_query q = {0};
    if (!no_unknown_args(r, names) || !int_arg(r, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT, &q.limit) ||
        !int_arg(r, "offset", 0, MAX_OFFSET, 0, &q.offset))
        return;
    q.text = dl__request_arg(r, "text");
    q.since = dl__request_arg(r, "since");
    q.until = dl__request_arg(r, "until");
    if (!checked(r, &q, DL_QUERY_ARTICLES)) return;
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_strbuf_adds(&b, "{\"articles\":[");
    rows_ctx c = {.r = r, .b = &b, .page = q.limit};
    q.limit++;
    dl_status st = dl_query_articles(dl__request_store(r), &q, list_row, &c);
    q.limit--;
    finish_list(r, st, &c, &q, &b);
    dl_strbuf_release(&b);
}

/* ---- POST /api/articles --------------------------------------------------------- */

/* Compares without an early exit, so the time taken tells nothing of where
 * a wrong token differs. */
static int same_token(const char *a, const char *b) {
    size_t na = strlen(a), nb = strlen(b);
    unsigned char d = (unsigned char)(na != nb);
    for (size_t i = 0; i < na; i++) d |= (unsigned char)(a[i] ^ b[i % (nb ? nb : 1)]);
    return d == 0;
}

int dl__request_authorized(dl__request *r) {
    const char *token = dl__server_token(r->srv);
    if (!token) {
        dl__reply_error(r, 403, "writes_disabled",
                        "writes are disabled: start the server with --token or DATELINE_TOKEN");
        return 0;
    }
    const char *auth = dl__request_header(r, "Authorization");
    if (!auth || strncasecmp(auth, "Bearer ", 7) != 0) {
        r->extra_header = "WWW-Authenticate";
        r->extra_value = "Bearer realm=\"dateline\"";
        dl__reply_error(r, 401, NULL, "this endpoint needs 'Authorization: Bearer TOKEN'");
        return 0;
    }
    const char *given = auth + 7;
    while (*given == ' ') given++;
    if (!same_token(given, token)) {
        dl__reply_error(r, 403, "bad_token", "the token is not valid");
        return 0;
    }
    return 1;
}

/* The input kind from the Content-Type; 0 after a 400/415 reply. */
static int body_kind(dl__request *r, dl_input_kind *kind) {
    const char *ct = dl__request_header(r, "Content-Type");
    if (!ct || !strncasecmp(ct, "text/plain", 10)) *kind = DL_INPUT_TEXT;
    else if (!strncasecmp(ct, "text/html", 9) || !strncasecmp(ct, "application/xhtml+xml", 21))
        *kind = DL_INPUT_HTML;
    else if (!strncasecmp(ct, "application/json", 16)) *kind = DL_INPUT_JSON;
    else {
        dl__reply_error(r, 415, NULL,
                        "send text/plain, text/html or application/json, not '%.100s'", ct);
        return 0;
    }
    if (*kind != DL_INPUT_JSON) return 1;
    json_error_t jerr;
    json_t *doc = json_loadb(r->body, r->body_len, 0, &jerr);
    if (!doc) {
        dl__reply_error(r, 400, "bad_json", "the body is not JSON: %s (line %d, column %d)",
                        jerr.text, jerr.line, jerr.column);
        return 0;
    }
    int ok = json_is_object(doc) && (json_is_string(json_object_get(doc, "text")) ||
                                     json_is_string(json_object_get(doc, "html")));
    json_decref(doc);
    if (!ok) {
        dl__reply_error(r, 400, "bad_json",
                        "the body must be an object with a \"text\" or \"html\" string");
        return 0;
    }
    return 1;
}

typedef struct {
    long long id;
} id_ctx;

static int id_row(const dl_store_value *cols, int ncol, void *vctx) {
    id_ctx *c = vctx;
    if (ncol >= 1 && cols[0].type == DL_VAL_INT) c->id = cols[0].i;
    return 1;
}

/* What post_article checked, for the coder thread. */
typedef struct {
    dl_input_kind kind;
    char date[11];      /* "" when none given */
} post_args;

/* On a coder thread: codes the body and stores it. */
static void code_article(dl__request *r, void *arg) {
    const post_args *a = arg;
    dl_doc *doc = dl_doc_new();
    if (!doc) {
        dl__reply_error(r, 503, NULL, "out of memory");
        return;
    }
    if (a->date[0]) dl_doc_set_default_date(doc, a->date);
    dl_status st = dl_doc_set_source(doc, "api", r->body, r->body_len, a->kind);
    if (st == DL_OK) st = dl_doc_run(dl__server_engine(r->srv), doc);
    if (st != DL_OK) {
        const char *msg = dl_doc_error(doc);
        dl__reply_error(r, 422, "not_an_article", "%s", msg ? msg : dl_strerror(st));
        dl_doc_free(doc);
        return;
    }
    dl_store *store = dl__request_store(r);
    int was_new = 0;
    if (dl_store_put(store, doc, &was_new) != DL_OK) {
        dl__reply_error(r, 500, "store_failed", "%s", dl_store_errmsg(store));
        dl_doc_free(doc);
        return;
    }
    char hash[65];
    dl__store_content_hash(&doc->article, hash);
    dl_store_value p[2] = {{.type = DL_VAL_TEXT, .s = hash},
                           {.type = doc->article.url ? DL_VAL_TEXT : DL_VAL_NULL,
                            .s = doc->article.url}};
    id_ctx ic = {0};
    dl__store_select(store, "SELECT id FROM articles WHERE content_hash = ? OR url = ? ORDER BY id",
                     p, 2, id_row, &ic);
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_strbuf_printf(&b, "{\"id\":%lld,\"new\":%s,\"actors\":%zu,\"events\":%zu,\"quotes\":%zu,"
                         "\"href\":\"/api/articles/%lld\"}",
                     ic.id, was_new ? "true" : "false", was_new ? doc->actors.n : 0,
                     was_new ? doc->events.n : 0, was_new ? doc->quotes.n : 0, ic.id);
    dl__reply_json(r, was_new ? 201 : 200, b.s ? b.s : "{}");
    dl_strbuf_release(&b);
    dl_doc_free(doc);
}

/* Checks the request on the request thread, then queues the coding. */
static void post_article(dl__request *r) {
    static const char *const names[] = {"date", NULL};
    if (!no_unknown_args(r, names) || !dl__request_authorized(r)) return;
    post_args a = {0};
    if (!body_kind(r, &a.kind)) return;
    if (!r->body_len) {
        dl__reply_error(r, 400, "empty_body", "the body holds no article");
        return;
    }
    const char *date = dl__request_arg(r, "date");
    if (date) {
        dl_query dq = {.since = date};
        if (strlen(date) != 10 || !checked(r, &dq, DL_QUERY_EVENTS)) {
            if (!r->status)
                dl__reply_error(r, 400, "bad_parameter", "date '%.100s' is not YYYY-MM-DD", date);
            return;
        }
        memcpy(a.date, date, 11);
    }
    dl__request_defer(r, code_article, &a, sizeof a);
}

/* ---- GET /api/openapi.json ---------------------------------------------------- */

static void get_openapi(dl__request *r) {
    char *doc = dl__server_openapi();
    if (!doc) dl__reply_error(r, 503, NULL, "out of memory");
    else dl__reply_json(r, 200, doc);
    free(doc);
}

/* ---- the table ------------------------------------------------------------------ */

static const dl__route routes[] = {
    {"GET", "/api/events", get_events, "Events matching every filter, oldest first"},
    {"GET", "/api/timeline", get_timeline,
     "Events and Goldstein sums per period (day, week, month) and dyad"},
    {"GET", "/api/actors", get_actors, "Actors by the number of events they take part in"},
    {"GET", "/api/dyads", get_dyads,
     "Dyads by the number of events, with cooperation, conflict and Goldstein sums"},
    {"GET", "/api/overview", get_overview,
     "Events per week by quad class, top dyads, events per country"},
    {"GET", "/api/quotes", get_quotes, "Quotes, oldest first, by speaker and words"},
    {"GET", "/api/speakers", get_speakers, "Speakers by the number of quotes"},
    {"GET", "/api/articles", list_articles, "Stored articles, newest first, by words of the title"},
    {"POST", "/api/articles", post_article, "Code an article (text, HTML or JSON) and store it"},
    {"GET", "/api/articles/{id}", get_article,
     "One article with its text, actors, mentions, events and quotes"},
    {"GET", "/api/openapi.json", get_openapi, "This description (OpenAPI 3)"},
};

const dl__route *dl__server_routes(size_t *n) {
    *n = sizeof routes / sizeof *routes;
    return routes;
}

/* Matches one path against a pattern; {id} takes one non-empty segment. */
static int path_match(const char *pattern, const char *path, const char **id, size_t *id_len) {
    const char *brace = strchr(pattern, '{');
    if (!brace) return !strcmp(pattern, path);
    size_t pre = (size_t)(brace - pattern);
    if (strncmp(pattern, path, pre) != 0) return 0;
    const char *seg = path + pre;
    size_t n = strcspn(seg, "/");
    const char *after = strchr(brace, '}') + 1;
    if (!n || strcmp(seg + n, after) != 0) return 0;
    *id = seg;
    *id_len = n;
    return 1;
}

const dl__route *dl__server_match(const char *method, const char *path, const char **id,
                                  size_t *id_len, unsigned *status, const char **allow) {
    static const char *const allows[] = {"GET, HEAD", "POST", "GET, HEAD, POST"};
    int methods = 0;   /* 1 GET, 2 POST */
    *id = NULL;
    *id_len = 0;
    for (size_t i = 0; i < sizeof routes / sizeof *routes; i++) {
        const char *rid;
        size_t rlen;
        if (!path_match(routes[i].path, path, &rid, &rlen)) continue;
        if (!strcmp(routes[i].method, method)) {
            *id = strchr(routes[i].path, '{') ? rid : NULL;
            *id_len = *id ? rlen : 0;
            return &routes[i];
        }
        methods |= strcmp(routes[i].method, "GET") ? 2 : 1;
    }
    *status = methods ? 405 : 404;
    *allow = methods ? allows[methods - 1] : NULL;
    return NULL;
}

/* ---- OpenAPI -------------------------------------------------------------------- */

typedef struct {
    const char *name, *in, *type, *description;
} param_doc;

static const param_doc filter_docs[] = {
    {"actor", "query", "string",
     "Source or target: a CAMEO code prefix (IRN, IRNGOV) or whole words of the name"},
    {"dyad", "query", "string", "SOURCE:TARGET, each side as actor; one side may be empty"},
    {"cameo", "query", "string", "CAMEO event code prefix, 2-4 digits (04, 043)"},
    {"root", "query", "string", "CAMEO root code, two digits"},
    {"quad", "query", "integer", "Quad class 1-4"},
    {"plover", "query", "string", "PLOVER event type (CONSULT)"},
    {"since", "query", "string", "On or after this date: YYYY, YYYY-MM or YYYY-MM-DD"},
    {"until", "query", "string", "On or before this date (a month or year includes all of it)"},
    {"text", "query", "string",
     "Words that all occur in the event's sentence (word* for a prefix)"},
    {"issue", "query", "string",
     "An issue code the event carries (users' issue dictionaries), whole, any case: FAMINE"},
    {"article", "query", "integer", "Only this article's rows"},
    {"min_confidence", "query", "number", "Events coded with at least this confidence, 0..1"},
    {"level", "query", "string",
     "actor (default) or country: actor and dyad name countries or organisations (USAGOV is "
     "USA), and aggregates group by them"},
    {"dated", "query", "integer", "1: only events with a date"},
};

static const param_doc event_list_docs[] = {
    {"order", "query", "string", "oldest (default) or newest first; undated events come last"},
    {"format", "query", "string",
     "json (default: a page), or a download of every event the filters select (up to limit, "
     "default and at most 100000): csv, jsonl (JSON Lines) or gdelt (GDELT 2.0 event rows)"},
};

static const param_doc page_docs[] = {
    {"limit", "query", "integer", "Rows per page (default 50, at most 1000)"},
    {"offset", "query", "integer", "Rows to skip"},
};

static const param_doc article_docs[] = {
    {"text", "query", "string", "Words of the title, as a phrase, any case"},
    {"since", "query", "string", "Published on or after this date"},
    {"until", "query", "string", "Published on or before this date"},
};

static const param_doc overview_docs[] = {
    {"since", "query", "string", "On or after this date"},
    {"until", "query", "string", "On or before this date"},
    {"root", "query", "string", "CAMEO root code, two digits"},
    {"quad", "query", "integer", "Quad class 1-4"},
    {"dyads", "query", "integer", "How many top dyads (default 10, at most 50)"},
};

static const param_doc quote_docs[] = {
    {"speaker", "query", "string", "The speaker: a CAMEO code prefix or whole words of the name"},
    {"text", "query", "string", "Words of the quote, as a phrase, any case"},
    {"order", "query", "string", "oldest (default) or newest first"},
    {"since", "query", "string", "On or after this date"},
    {"until", "query", "string", "On or before this date"},
    {"article", "query", "integer", "Only this article's quotes"},
};

/* The fields of an event row (dl_query_event_json), for the Event schema;
 * test_server.c checks that the two agree. */
static const struct {
    const char *name, *type, *description;
    int nullable;
} event_fields[] = {
    {"event_id", "integer", "The event's id", 0},
    {"date", "string", "The event's date, else its article's publication date", 1},
    {"source_code", "string", "The source actor's CAMEO code on the event's date", 1},
    {"source_name", "string", "The source actor's name", 1},
    {"source_country", "string", "The source actor's country (ISO 3166 alpha-3)", 1},
    {"target_code", "string", "The target actor's CAMEO code on the event's date", 1},
    {"target_name", "string", "The target actor's name", 1},
    {"target_country", "string", "The target actor's country (ISO 3166 alpha-3)", 1},
    {"cameo", "string", "CAMEO event code (043)", 0},
    {"root", "string", "Its two-digit root (04)", 0},
    {"quad", "integer", "Quad class 1-4", 0},
    {"goldstein", "number", "Goldstein scale, -10..10", 0},
    {"plover", "string", "PLOVER event type", 1},
    {"place", "string", "Where it happened", 1},
    {"confidence", "number", "0..1", 0},
    {"rule", "string", "The verb pattern that coded it", 1},
    {"article", "string", "The article's URL, else its input name", 1},
    {"article_id", "integer", "The article's id (/api/articles/{id})", 0},
    {"sentence", "string", "The first sentence that states it", 1},
    {"n_sentences", "integer", "How many sentences of the article state this act", 0},
    {"issues", "array", "The issue codes its sentences name (users' issue dictionaries); [] "
                        "when none", 0},
    {"plover_mode", "string", "PLOVER mode of the event type (data/cameo/events.tsv)", 1},
    {"global_id", "integer", "Stable id of the event, the same on every run (GDELT's "
                             "GLOBALEVENTID); null for events stored before schema 5", 1},
    {"article_global_id", "integer", "Stable id of its article; null likewise", 1},
    {"place_country", "string", "The place's country (ISO 3166 alpha-3), from the gazetteer", 1},
    {"place_lat", "number", "The place's latitude (GeoNames)", 1},
    {"place_lon", "number", "The place's longitude (GeoNames)", 1},
};

/* One field's schema; an array is one of strings. */
static json_t *field_schema(size_t i) {
    json_t *f = json_pack("{s:s, s:b, s:s}", "type", event_fields[i].type, "nullable",
                          event_fields[i].nullable, "description", event_fields[i].description);
    if (f && !strcmp(event_fields[i].type, "array"))
        json_object_set_new(f, "items", json_pack("{s:s}", "type", "string"));
    return f;
}

static json_t *event_schema(void) {
    json_t *props = json_object();
    for (size_t i = 0; i < sizeof event_fields / sizeof *event_fields; i++)
        json_object_set_new(props, event_fields[i].name, field_schema(i));
    return json_pack("{s:s, s:o}", "type", "object", "properties", props);
}

static void add_params(json_t *arr, const param_doc *d, size_t n) {
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:b, s:s, s:{s:s}}", "name", d[i].name,
                                             "in", d[i].in, "required", 0, "description",
                                             d[i].description, "schema", "type", d[i].type));
}

static json_t *error_response(const char *what) {
    return json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", what, "content",
                     "application/json", "schema", "$ref", "#/components/schemas/Error");
}

static json_t *operation(const dl__route *rt) {
    json_t *op = json_pack("{s:s, s:s, s:[], s:{}}", "summary", rt->summary, "operationId", "",
                           "parameters", "responses");
    char opid[64];
    snprintf(opid, sizeof opid, "%s%s", !strcmp(rt->method, "GET") ? "get" : "post",
             rt->path + 4);
    for (char *p = opid; *p; p++)
        if (!isalnum((unsigned char)*p)) *p = '_';
    json_object_set_new(op, "operationId", json_string(opid));
    json_t *params = json_object_get(op, "parameters");
    json_t *resp = json_object_get(op, "responses");
    json_object_set_new(resp, "200", json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", "OK",
                                               "content", "application/json", "schema",
                                               "type", "object"));
    json_object_set_new(resp, "400", error_response("A bad parameter or body"));
    json_object_set_new(resp, "429", error_response("Too many requests from this client"));
    if (!strcmp(rt->path, "/api/events"))
        json_object_set_new(resp, "200", json_pack("{s:s, s:{s:{s:{s:s, s:{s:{s:s, s:{s:s}}, "
                                                   "s:{s:s}}}}}}",
                                                   "description", "OK", "content",
                                                   "application/json", "schema", "type", "object",
                                                   "properties", "events", "type", "array", "items",
                                                   "$ref", "#/components/schemas/Event", "paging",
                                                   "type", "object"));
    if (!strcmp(rt->path, "/api/events") || !strcmp(rt->path, "/api/actors") ||
        !strcmp(rt->path, "/api/timeline") || !strcmp(rt->path, "/api/dyads")) {
        add_params(params, filter_docs, sizeof filter_docs / sizeof *filter_docs);
        if (!strcmp(rt->path, "/api/events"))
            add_params(params, event_list_docs, sizeof event_list_docs / sizeof *event_list_docs);
        if (!strcmp(rt->path, "/api/actors"))
            json_array_append_new(params,
                                  json_pack("{s:s, s:s, s:b, s:s, s:{s:s}}", "name", "by", "in",
                                            "query", "required", 0, "description",
                                            "name (default: rows of name and code, with "
                                            "Goldstein sums) or code (rows of code and events, "
                                            "read from the code indexes: fast on a large store)",
                                            "schema", "type", "string"));
        if (!strcmp(rt->path, "/api/timeline")) {
            json_array_append_new(params,
                                  json_pack("{s:s, s:s, s:b, s:s, s:{s:s}}", "name", "total",
                                            "in", "query", "required", 0, "description",
                                            "1: one row per period over all dyads, with the "
                                            "events of each quad class",
                                            "schema", "type", "integer"));
            json_array_append_new(params,
                                  json_pack("{s:s, s:s, s:b, s:s, s:{s:s}}", "name", "dyads",
                                            "in", "query", "required", 0, "description",
                                            "With level=country: any of these dyads, "
                                            "SOURCE:TARGET joined by ',' (at most 16)",
                                            "schema", "type", "string"));
            json_array_append_new(params,
                                  json_pack("{s:s, s:s, s:b, s:s, s:{s:s, s:[s,s,s]}}", "name",
                                            "period", "in", "query", "required", 0,
                                            "description", "day, week (default) or month",
                                            "schema", "type", "string", "enum", "day", "week",
                                            "month"));
        }
        add_params(params, page_docs, 2);
    } else if (!strcmp(rt->path, "/api/quotes") || !strcmp(rt->path, "/api/speakers")) {
        add_params(params, quote_docs, sizeof quote_docs / sizeof *quote_docs);
        add_params(params, page_docs, 2);
    } else if (!strcmp(rt->path, "/api/articles") && !strcmp(rt->method, "GET")) {
        add_params(params, article_docs, sizeof article_docs / sizeof *article_docs);
        add_params(params, page_docs, 2);
    } else if (!strcmp(rt->path, "/api/overview")) {
        add_params(params, overview_docs, sizeof overview_docs / sizeof *overview_docs);
    } else if (!strcmp(rt->path, "/api/articles/{id}")) {
        json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:s, s:{s:s}}", "name", "id",
                                                "in", "path", "required", 1, "description",
                                                "The article's id", "schema", "type", "integer"));
        json_object_set_new(resp, "404", error_response("No article with this id"));
    } else if (!strcmp(rt->method, "POST")) {
        json_array_append_new(params,
                              json_pack("{s:s, s:s, s:b, s:s, s:{s:s}}", "name", "date", "in",
                                        "query", "required", 0, "description",
                                        "Publication date (YYYY-MM-DD) when the article has none",
                                        "schema", "type", "string"));
        json_object_set_new(
            op, "requestBody",
            json_pack("{s:b, s:{s:{s:{s:s}}, s:{s:{s:s}}, s:{s:{s:s, s:{s:{s:s}, s:{s:s}, "
                      "s:{s:s}, s:{s:s}, s:{s:s}}}}}}",
                      "required", 1, "content", "text/plain", "schema", "type", "string",
                      "text/html", "schema", "type", "string", "application/json", "schema",
                      "type", "object", "properties", "text", "type", "string", "html", "type",
                      "string", "title", "type", "string", "date", "type", "string", "url",
                      "type", "string"));
        json_object_set_new(op, "security", json_pack("[{s:[]}]", "bearer"));
        json_object_del(resp, "200");
        json_object_set_new(resp, "200", json_pack("{s:s}", "description",
                                                   "Already stored: the existing article's id"));
        json_object_set_new(resp, "201", json_pack("{s:s}", "description", "Coded and stored"));
        json_object_set_new(resp, "401", error_response("No bearer token"));
        json_object_set_new(resp, "403", error_response("Wrong token, or writes disabled"));
        json_object_set_new(resp, "413", error_response("The body is too large"));
        json_object_set_new(resp, "415", error_response("Not text, HTML or JSON"));
        json_object_set_new(resp, "422", error_response("The body holds no article"));
    }
    if (json_array_size(params) == 0) json_object_del(op, "parameters");
    return op;
}

char *dl__server_openapi(void) {
    json_t *doc = json_pack(
        "{s:s, s:{s:s, s:s, s:s}, s:{}, s:{s:{s:{s:s, s:s}}, s:{s:{s:s, s:[s], s:{s:{s:s, "
        "s:[s,s], s:{s:{s:s}, s:{s:s}}}}}}}}",
        "openapi", "3.0.3", "info", "title", "dateline API", "version", dl_version(),
        "description", "Political event data coded by dateline: events (CAMEO), actors, quotes "
                       "and the articles they come from. Errors are {\"error\":{\"code\","
                       "\"message\"}}.",
        "paths", "components", "securitySchemes", "bearer", "type", "http", "scheme", "bearer",
        "schemas", "Error", "type", "object", "required", "error", "properties", "error",
        "type", "object", "required", "code", "message", "properties", "code", "type",
        "string", "message", "type", "string");
    if (!doc) return NULL;
    json_object_set_new(json_object_get(json_object_get(doc, "components"), "schemas"), "Event",
                        event_schema());
    json_t *paths = json_object_get(doc, "paths");
    for (size_t i = 0; i < sizeof routes / sizeof *routes; i++) {
        json_t *item = json_object_get(paths, routes[i].path);
        if (!item) {
            item = json_object();
            json_object_set_new(paths, routes[i].path, item);
        }
        char method[8];
        snprintf(method, sizeof method, "%s", routes[i].method);
        for (char *p = method; *p; p++) *p = (char)tolower((unsigned char)*p);
        json_object_set_new(item, method, operation(&routes[i]));
    }
    char *out = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(doc);
    return out;
}
