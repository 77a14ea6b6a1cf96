/*
 * query/query.c -- dl_query filters -> one parameterised SELECT over the
 * events or quotes table -> typed rows.  The SQL is assembled from the fixed
 * fragments below; user values only ever travel as bound parameters.
 * Events carry their actors' names and codes, so no filter needs a join
 * (docs/schema.md); the join to articles only fetches the article's URL.
 */
#include "query/query.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/doc.h"
#include "core/strbuf.h"
#include "store/store.h"

/* ---- checking filters ----------------------------------------------------- */

static int all_digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i])) return 0;
    return 1;
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a plausible month and day. */
static int valid_date(const char *s) {
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10) return 0;
    if (!all_digits(s, 4)) return 0;
    if (n >= 7) {
        if (s[4] != '-' || !all_digits(s + 5, 2)) return 0;
        int m = (s[5] - '0') * 10 + (s[6] - '0');
        if (m < 1 || m > 12) return 0;
    }
    return n < 10 || dl_ymd_valid(s);
}

static int blank(const char *s) {
    while (*s && isspace((unsigned char)*s)) s++;
    return *s == '\0';
}

dl_status dl_query_check(const dl_query *q, dl_query_kind kind, char *err, size_t errlen) {
    char dummy[8];
    if (!err || !errlen) { err = dummy; errlen = sizeof dummy; }
    err[0] = '\0';
#define BAD(...) return (snprintf(err, errlen, __VA_ARGS__), DL_ERR_USAGE)
    if (q->actor && blank(q->actor)) BAD("actor is empty");
    if (q->dyad) {
        const char *colon = strchr(q->dyad, ':');
        if (!colon || strchr(colon + 1, ':'))
            BAD("dyad '%.100s' needs one ':' (SOURCE:TARGET)", q->dyad);
        if (blank(colon + 1) && strspn(q->dyad, " \t") == (size_t)(colon - q->dyad))
            BAD("dyad '%.100s' names neither side", q->dyad);
    }
    if (q->cameo) {
        size_t n = strlen(q->cameo);
        if (n < 2 || n > 4 || !all_digits(q->cameo, n))
            BAD("cameo '%.100s' is not a CAMEO code prefix (2-4 digits, e.g. 04 or 043)",
                q->cameo);
    }
    if (q->since && !valid_date(q->since))
        BAD("since '%.100s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", q->since);
    if (q->until && !valid_date(q->until))
        BAD("until '%.100s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", q->until);
    if (q->limit < 0) BAD("limit %lld is negative", q->limit);
    if (q->offset < 0) BAD("offset %lld is negative", q->offset);
    if (q->article < 0) BAD("article id %lld is negative", q->article);
    if (q->quad < 0 || q->quad > 4) BAD("quad %d is not a quad class (1-4)", q->quad);
    if (q->root && (strlen(q->root) != 2 || !all_digits(q->root, 2)))
        BAD("root '%.100s' is not a CAMEO root (two digits, e.g. 04)", q->root);
    if (q->plover && blank(q->plover)) BAD("plover is empty");
    if (q->text && blank(q->text)) BAD("text is empty");
    if (q->issue && blank(q->issue)) BAD("issue is empty");
    if (q->issue && strchr(q->issue, ','))
        BAD("issue '%.100s' is not one issue code (no ',')", q->issue);
    if (kind == DL_QUERY_QUOTES) {
        static const char *const events_only[] = {"dyad", "cameo", "quad", "root", "plover",
                                                  "text", "issue"};
        const int set[] = {!!q->dyad, !!q->cameo, !!q->quad, !!q->root, !!q->plover, !!q->text,
                           !!q->issue};
        for (int i = 0; i < 7; i++)
            if (set[i]) BAD("%s does not apply to quotes", events_only[i]);
    }
#undef BAD
    return DL_OK;
}

/* ---- building the statement ------------------------------------------------ */

enum { MAX_PARAMS = 32 };  /* the most a query binds is 23 */

/* A statement under construction: fixed SQL text plus its parameters.
 * Strings made here (patterns, bounds) live in the arena. */
typedef struct {
    dl_strbuf sql;
    dl_store_value params[MAX_PARAMS];
    int n;
    int nconds;   /* conditions so far: the first opens WHERE, the rest AND */
    int oom;
    dl_arena arena;
} builder;

static void param(builder *b, dl_store_value v) {
    if (b->n < MAX_PARAMS) b->params[b->n++] = v;
    else b->oom = 1;
}

static void param_text(builder *b, const char *s) {
    if (!s) b->oom = 1;   /* an arena string that could not be made */
    param(b, (dl_store_value){.type = DL_VAL_TEXT, .s = s});
}

static void param_int(builder *b, long long v) {
    param(b, (dl_store_value){.type = DL_VAL_INT, .i = v});
}

/* Opens the next condition: " WHERE " for the first, " AND " after. */
static void next_cond(builder *b) {
    dl_strbuf_adds(&b->sql, b->nconds++ ? " AND " : " WHERE ");
}

static void cond(builder *b, const char *sql) {
    next_cond(b);
    dl_strbuf_adds(&b->sql, sql);
}

/* A string above every string that starts with prefix: prefix followed by
 * U+10FFFF, the last code point.  "prefix <= x < upper" is an
 * index-friendly "x starts with prefix". */
static const char *upper_bound(builder *b, const char *prefix) {
    return dl_arena_printf(&b->arena, "%s\xf4\x8f\xbf\xbf", prefix);
}

/* s[0..n) upper-cased, as a code prefix. */
static const char *code_prefix(builder *b, const char *s, size_t n) {
    char *out = dl_arena_strndup(&b->arena, s, n);
    for (char *p = out; p && *p; p++) *p = (char)toupper((unsigned char)*p);
    return out;
}

/* A LIKE pattern "% words %" that finds the lower-cased words as whole words
 * in " name ": runs of white space become one space, LIKE's own wildcards in
 * the value are escaped with '\'. */
static const char *name_pattern(builder *b, const char *s, size_t n) {
    dl_strbuf p;
    dl_strbuf_init(&p);
    dl_strbuf_adds(&p, "% ");
    for (size_t i = 0; i < n; i++) {
        if (isspace((unsigned char)s[i])) {
            if (p.len && p.s[p.len - 1] != ' ') dl_strbuf_addc(&p, ' ');
            continue;
        }
        char c = (char)tolower((unsigned char)s[i]);
        if (c == '%' || c == '_' || c == '\\') dl_strbuf_addc(&p, '\\');
        dl_strbuf_addc(&p, c);
    }
    dl_strbuf_adds(&p, " %");
    const char *out = p.oom ? NULL : dl_arena_strndup(&b->arena, p.s, p.len);
    dl_strbuf_release(&p);
    return out;
}

/* One side (source, target, speaker) matching an actor value: a code prefix
 * or whole words of the name.  col is a fixed column prefix, never input. */
static void actor_cond(builder *b, const char *col, const char *s, size_t n) {
    while (n && isspace((unsigned char)*s)) s++, n--;
    while (n && isspace((unsigned char)s[n - 1])) n--;
    char sql[256];
    snprintf(sql, sizeof sql,
             "((%s_code >= ? AND %s_code < ?) OR ' ' || lower(%s_name) || ' ' LIKE ? ESCAPE '\\')",
             col, col, col);
    dl_strbuf_adds(&b->sql, sql);
    const char *code = code_prefix(b, s, n);
    param_text(b, code);
    param_text(b, code ? upper_bound(b, code) : NULL);
    param_text(b, name_pattern(b, s, n));
}

static void where_actor(builder *b, const char *col, const char *value) {
    next_cond(b);
    actor_cond(b, col, value, strlen(value));
}

static void where_either(builder *b, const char *value) {
    next_cond(b);
    dl_strbuf_adds(&b->sql, "(");
    actor_cond(b, "e.source", value, strlen(value));
    dl_strbuf_adds(&b->sql, " OR ");
    actor_cond(b, "e.target", value, strlen(value));
    dl_strbuf_adds(&b->sql, ")");
}

static void where_dyad(builder *b, const char *dyad) {
    const char *colon = strchr(dyad, ':');
    const char *tgt = colon + 1;
    if (strspn(dyad, " \t") < (size_t)(colon - dyad)) {
        next_cond(b);
        actor_cond(b, "e.source", dyad, (size_t)(colon - dyad));
    }
    if (!blank(tgt)) where_actor(b, "e.target", tgt);
}

/* The date filters on a date expression (fixed text). */
static void where_dates(builder *b, const char *expr, const dl_query *q) {
    char sql[128];
    if (q->since) {
        snprintf(sql, sizeof sql, "%s >= ?", expr);
        cond(b, sql);
        param_text(b, q->since);
    }
    if (q->until) {
        snprintf(sql, sizeof sql, "%s < ?", expr);
        cond(b, sql);
        param_text(b, upper_bound(b, q->until));
    }
}

static void order_limit(builder *b, const char *order, const dl_query *q) {
    dl_strbuf_adds(&b->sql, order);
    dl_strbuf_adds(&b->sql, " LIMIT ? OFFSET ?");
    param_int(b, q->limit > 0 ? q->limit : (long long)(~0ULL >> 1));
    param_int(b, q->offset);
}

static void builder_init(builder *b) {
    memset(b, 0, sizeof *b);
    dl_strbuf_init(&b->sql);
    dl_arena_init(&b->arena);
}

static void builder_release(builder *b) {
    dl_strbuf_release(&b->sql);
    dl_arena_release(&b->arena);
}

static dl_status run(dl_store *st, builder *b, dl_store_row_fn fn, void *ctx) {
    dl_status ret;
    if (b->oom || b->sql.oom) ret = dl__store_fail(st, DL_ERR_NOMEM, "query: out of memory");
    else ret = dl__store_select(st, b->sql.s, b->params, b->n, fn, ctx);
    builder_release(b);
    return ret;
}

/* ---- events --------------------------------------------------------------- */

#define EVENT_DAY "coalesce(e.date, e.published)"

enum { EC_ID, EC_ARTICLE_ID, EC_DATE, EC_SRC_CODE, EC_SRC_NAME, EC_SRC_COUNTRY, EC_TGT_CODE,
       EC_TGT_NAME, EC_TGT_COUNTRY, EC_CAMEO, EC_ROOT, EC_QUAD, EC_GOLDSTEIN, EC_PLOVER,
       EC_PLACE, EC_CONFIDENCE, EC_RULE, EC_ARTICLE, EC_SENTENCE, EC_N_SENTENCES, EC_ISSUES,
       EC_PLOVER_MODE, EC_GLOBAL_ID, EC_ARTICLE_GLOBAL_ID, EC_PLACE_COUNTRY, EC_PLACE_LAT,
       EC_PLACE_LON, EC_N };

static const char event_select[] =
    "SELECT e.id, e.article_id, " EVENT_DAY ", e.source_code, e.source_name, e.source_country,"
    " e.target_code, e.target_name, e.target_country, e.cameo, e.root, e.quad, e.goldstein,"
    " e.plover, e.place, e.confidence, e.rule, coalesce(a.url, a.source), e.sentence,"
    " e.n_sentences, e.issues, e.plover_mode, e.global_id, a.global_id, e.place_country,"
    " e.place_lat, e.place_lon FROM events e JOIN articles a ON a.id = e.article_id";

typedef struct {
    dl_event_fn fn;
    dl_quote_fn qfn;
    void *ctx;
} row_ctx;

static int event_row(const dl_store_value *c, int ncol, void *vctx) {
    if (ncol < EC_N) return 1;
    row_ctx *rc = vctx;
    dl_event_row r = {
        .id = c[EC_ID].i,
        .article_id = c[EC_ARTICLE_ID].i,
        .date = c[EC_DATE].s,
        .source_code = c[EC_SRC_CODE].s,
        .source_name = c[EC_SRC_NAME].s,
        .source_country = c[EC_SRC_COUNTRY].s,
        .target_code = c[EC_TGT_CODE].s,
        .target_name = c[EC_TGT_NAME].s,
        .target_country = c[EC_TGT_COUNTRY].s,
        .cameo = c[EC_CAMEO].s,
        .root = c[EC_ROOT].s,
        .quad = (int)c[EC_QUAD].i,
        .goldstein = c[EC_GOLDSTEIN].d,
        .plover = c[EC_PLOVER].s,
        .place = c[EC_PLACE].s,
        .confidence = c[EC_CONFIDENCE].d,
        .rule = c[EC_RULE].s,
        .article = c[EC_ARTICLE].s,
        .sentence = c[EC_SENTENCE].s,
        .n_sentences = c[EC_N_SENTENCES].i,
        .issues = c[EC_ISSUES].s,
        .plover_mode = c[EC_PLOVER_MODE].s,
        .global_id = c[EC_GLOBAL_ID].i,
        .article_global_id = c[EC_ARTICLE_GLOBAL_ID].i,
        .place_country = c[EC_PLACE_COUNTRY].s,
        .has_place_geo = c[EC_PLACE_LAT].type != DL_VAL_NULL,
        .place_lat = c[EC_PLACE_LAT].d,
        .place_lon = c[EC_PLACE_LON].d,
    };
    return rc->fn(&r, rc->ctx);
}

/* A full-text query that finds every word of text: each word becomes a
 * quoted FTS5 string (quotes doubled), so no operator or syntax in the
 * input takes effect; a trailing '*' asks for a prefix. */
static const char *fts_words(builder *b, const char *text) {
    dl_strbuf f;
    dl_strbuf_init(&f);
    for (const char *p = text; *p;) {
        while (*p && isspace((unsigned char)*p)) p++;
        const char *w = p;
        while (*p && !isspace((unsigned char)*p)) p++;
        size_t n = (size_t)(p - w);
        if (!n) break;
        int prefix = n > 1 && w[n - 1] == '*';
        if (prefix) n--;
        if (f.len) dl_strbuf_addc(&f, ' ');
        dl_strbuf_addc(&f, '"');
        for (size_t i = 0; i < n; i++) {
            if (w[i] == '"') dl_strbuf_addc(&f, '"');
            dl_strbuf_addc(&f, w[i]);
        }
        dl_strbuf_adds(&f, prefix ? "\"*" : "\"");
    }
    const char *out = f.oom ? NULL : dl_arena_strndup(&b->arena, f.s ? f.s : "", f.len);
    dl_strbuf_release(&f);
    return out;
}

/* A LIKE pattern "%,CODE,%" that finds the upper-cased code as one whole
 * item of ",A,B,": LIKE's wildcards in the value are escaped with '\'. */
static const char *issue_pattern(builder *b, const char *code) {
    dl_strbuf p;
    dl_strbuf_init(&p);
    dl_strbuf_adds(&p, "%,");
    for (const char *s = code; *s; s++) {
        if (*s == '%' || *s == '_' || *s == '\\') dl_strbuf_addc(&p, '\\');
        dl_strbuf_addc(&p, (char)toupper((unsigned char)*s));
    }
    dl_strbuf_adds(&p, ",%");
    const char *out = p.oom ? NULL : dl_arena_strndup(&b->arena, p.s, p.len);
    dl_strbuf_release(&p);
    return out;
}

/* The WHERE conditions of an event query; e is the events table. */
static void event_filters(builder *b, const dl_query *q) {
    if (q->actor) where_either(b, q->actor);
    if (q->dyad) where_dyad(b, q->dyad);
    if (q->cameo) {
        cond(b, "e.cameo >= ? AND e.cameo < ?");
        param_text(b, q->cameo);
        param_text(b, upper_bound(b, q->cameo));
    }
    if (q->root) {
        cond(b, "e.root = ?");
        param_text(b, q->root);
    }
    if (q->quad) {
        cond(b, "e.quad = ?");
        param_int(b, q->quad);
    }
    if (q->plover) {
        cond(b, "e.plover = ?");
        param_text(b, code_prefix(b, q->plover, strlen(q->plover)));
    }
    if (q->text) {
        cond(b, "e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)");
        param_text(b, fts_words(b, q->text));
    }
    if (q->issue) {
        /* upper() on both sides: the same ASCII case-folding whether LIKE
         * ignores case (SQLite) or not (PostgreSQL) */
        cond(b, "',' || upper(e.issues) || ',' LIKE ? ESCAPE '\\'");
        param_text(b, issue_pattern(b, q->issue));
    }
    where_dates(b, EVENT_DAY, q);
    if (q->article) {
        cond(b, "e.article_id = ?");
        param_int(b, q->article);
    }
}

/* The WHERE conditions of a quote query; q is the quotes table. */
static void quote_filters(builder *b, const dl_query *q) {
    if (q->actor) where_actor(b, "q.speaker", q->actor);
    where_dates(b, "q.published", q);
    if (q->article) {
        cond(b, "q.article_id = ?");
        param_int(b, q->article);
    }
}

static dl_status checked(dl_store *st, const dl_query *q, dl_query_kind kind) {
    char err[256];
    if (dl_query_check(q, kind, err, sizeof err) != DL_OK)
        return dl__store_fail(st, DL_ERR_USAGE, "%s", err);
    return DL_OK;
}

dl_status dl_query_events(dl_store *st, const dl_query *q, dl_event_fn fn, void *ctx) {
    if (!st || !q || !fn) return DL_ERR_USAGE;
    dl_status ret = checked(st, q, DL_QUERY_EVENTS);
    if (ret != DL_OK) return ret;
    builder b;
    builder_init(&b);
    dl_strbuf_adds(&b.sql, event_select);
    event_filters(&b, q);
    order_limit(&b, " ORDER BY " EVENT_DAY ", e.id", q);
    row_ctx rc = {.fn = fn, .ctx = ctx};
    return run(st, &b, event_row, &rc);
}

/* ---- quotes --------------------------------------------------------------- */

enum { QC_ID, QC_ARTICLE_ID, QC_DATE, QC_SPK_CODE, QC_SPK_NAME, QC_SPK_COUNTRY, QC_KIND, QC_CUE,
       QC_TEXT, QC_ARTICLE, QC_SENTENCE, QC_N };

static const char quote_select[] =
    "SELECT q.id, q.article_id, q.published, q.speaker_code, q.speaker_name,"
    " q.speaker_country, q.kind, q.cue, q.text, coalesce(a.url, a.source), q.sentence"
    " FROM quotes q JOIN articles a ON a.id = q.article_id";

static int quote_row(const dl_store_value *c, int ncol, void *vctx) {
    if (ncol < QC_N) return 1;
    row_ctx *rc = vctx;
    dl_quote_row r = {
        .id = c[QC_ID].i,
        .article_id = c[QC_ARTICLE_ID].i,
        .date = c[QC_DATE].s,
        .speaker_code = c[QC_SPK_CODE].s,
        .speaker_name = c[QC_SPK_NAME].s,
        .speaker_country = c[QC_SPK_COUNTRY].s,
        .kind = c[QC_KIND].s,
        .cue = c[QC_CUE].s,
        .text = c[QC_TEXT].s,
        .article = c[QC_ARTICLE].s,
        .sentence = c[QC_SENTENCE].s,
    };
    return rc->qfn(&r, rc->ctx);
}

dl_status dl_query_quotes(dl_store *st, const dl_query *q, dl_quote_fn fn, void *ctx) {
    if (!st || !q || !fn) return DL_ERR_USAGE;
    dl_status ret = checked(st, q, DL_QUERY_QUOTES);
    if (ret != DL_OK) return ret;
    builder b;
    builder_init(&b);
    dl_strbuf_adds(&b.sql, quote_select);
    quote_filters(&b, q);
    order_limit(&b, " ORDER BY q.published, q.id", q);
    row_ctx rc = {.qfn = fn, .ctx = ctx};
    return run(st, &b, quote_row, &rc);
}

/* ---- aggregates ------------------------------------------------------------- */

/* Each aggregate: its columns, the SELECT before the filters, and the tail
 * after them.  The period of an event is its day (see EVENT_DAY); partial
 * dates too short for the period fall into a NULL period.  A week is named
 * by its Monday ('weekday 0' moves to the Sunday on or after). */
#define DYAD_SIDE(s) "coalesce(nullif(e." s "_code, ''), e." s "_name)"
#define DYAD_SELECT(period)                                                              \
    "SELECT " period ", " DYAD_SIDE("source") ", " DYAD_SIDE("target")                   \
    ", count(*), round(sum(e.goldstein), 1) FROM events e"
#define DYAD_TAIL " GROUP BY 1, 2, 3 ORDER BY 1, 4 DESC, 2, 3"

static const char *const dyad_cols[] = {"period", "source", "target", "events", "goldstein"};
static const char *const actor_cols[] = {"name", "code", "events", "goldstein"};
static const char *const speaker_cols[] = {"name", "code", "quotes"};

static const struct {
    const char *name;
    const char *const *cols;
    int ncol;
    dl_query_kind kind;
    const char *select, *where, *tail;   /* where: a fixed condition or NULL */
} aggs[] = {
    [DL_AGG_DAY] = {"day", dyad_cols, 5, DL_QUERY_EVENTS,
                    DYAD_SELECT("CASE WHEN length(" EVENT_DAY ") >= 10 THEN substr(" EVENT_DAY
                                ", 1, 10) END"), NULL, DYAD_TAIL},
    [DL_AGG_WEEK] = {"week", dyad_cols, 5, DL_QUERY_EVENTS,
                     DYAD_SELECT("date(" EVENT_DAY ", 'weekday 0', '-6 days')"), NULL, DYAD_TAIL},
    [DL_AGG_MONTH] = {"month", dyad_cols, 5, DL_QUERY_EVENTS,
                      DYAD_SELECT("CASE WHEN length(" EVENT_DAY ") >= 7 THEN substr(" EVENT_DAY
                                  ", 1, 7) END"), NULL, DYAD_TAIL},
    /* each event counts once for its source and once for its target */
    [DL_AGG_TOP_ACTORS] = {"actors", actor_cols, 4, DL_QUERY_EVENTS,
                           "SELECT CASE s.side WHEN 0 THEN e.source_name ELSE e.target_name END,"
                           " CASE s.side WHEN 0 THEN e.source_code ELSE e.target_code END,"
                           " count(*), round(sum(e.goldstein), 1)"
                           " FROM events e CROSS JOIN (SELECT 0 AS side UNION ALL SELECT 1) s",
                           "CASE s.side WHEN 0 THEN e.source_name ELSE e.target_name END"
                           " IS NOT NULL",
                           " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2"},
    [DL_AGG_TOP_SPEAKERS] = {"speakers", speaker_cols, 3, DL_QUERY_QUOTES,
                             "SELECT q.speaker_name, q.speaker_code, count(*) FROM quotes q",
                             "q.speaker_name IS NOT NULL", " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2"},
};

static int valid_agg(dl_agg agg) { return agg >= DL_AGG_DAY && agg <= DL_AGG_TOP_SPEAKERS; }

static int parse_agg(const char *name, dl_agg first, dl_agg last, dl_agg *out) {
    for (int a = first; name && a <= (int)last; a++)
        if (!strcmp(name, aggs[a].name)) {
            *out = (dl_agg)a;
            return 0;
        }
    return -1;
}

int dl_agg_parse_period(const char *name, dl_agg *out) {
    return parse_agg(name, DL_AGG_DAY, DL_AGG_MONTH, out);
}

int dl_agg_parse_top(const char *name, dl_agg *out) {
    return parse_agg(name, DL_AGG_TOP_ACTORS, DL_AGG_TOP_SPEAKERS, out);
}

dl_query_kind dl_agg_kind(dl_agg agg) {
    return valid_agg(agg) ? aggs[agg].kind : DL_QUERY_EVENTS;
}

const char *const *dl_agg_columns(dl_agg agg, int *ncol) {
    if (!valid_agg(agg)) {
        *ncol = 0;
        return NULL;
    }
    *ncol = aggs[agg].ncol;
    return aggs[agg].cols;
}

typedef struct {
    dl_agg agg;
    dl_agg_fn fn;
    void *ctx;
} agg_ctx;

static int agg_row(const dl_store_value *c, int ncol, void *vctx) {
    agg_ctx *a = vctx;
    if (ncol < aggs[a->agg].ncol) return 1;
    dl_agg_row r = {aggs[a->agg].ncol, aggs[a->agg].cols, c};
    return a->fn(&r, a->ctx);
}

dl_status dl_query_aggregate(dl_store *st, const dl_query *q, dl_agg agg, dl_agg_fn fn,
                             void *ctx) {
    if (!st || !q || !fn) return DL_ERR_USAGE;
    if (!valid_agg(agg)) return dl__store_fail(st, DL_ERR_USAGE, "unknown aggregate %d", agg);
    dl_status ret = checked(st, q, aggs[agg].kind);
    if (ret != DL_OK) return ret;
    builder b;
    builder_init(&b);
    dl_strbuf_adds(&b.sql, aggs[agg].select);
    if (aggs[agg].where) cond(&b, aggs[agg].where);
    if (aggs[agg].kind == DL_QUERY_EVENTS) event_filters(&b, q);
    else quote_filters(&b, q);
    order_limit(&b, aggs[agg].tail, q);
    agg_ctx a = {agg, fn, ctx};
    return run(st, &b, agg_row, &a);
}
