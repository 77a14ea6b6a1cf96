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

enum { MAX_CAMEO = 16 };  /* codes in one cameo list (the longest PLOVER mode has 13) */

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
        int items = 0;
        for (const char *p = q->cameo;; p++) {
            size_t n = strcspn(p, ",");
            if (n < 2 || n > 4 || !all_digits(p, n) || ++items > MAX_CAMEO)
                BAD("cameo '%.100s' is not a CAMEO code prefix (2-4 digits, e.g. 04 or 043) "
                    "or a list of at most %d joined by ','", q->cameo, MAX_CAMEO);
            p += n;
            if (!*p) break;
        }
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
    if (q->dyads) {
        if (!q->country_level) BAD("a list of dyads needs the country level");
        int items = 0;
        for (const char *p = q->dyads;; p++) {
            size_t n = strcspn(p, ",");
            const char *colon = memchr(p, ':', n);
            if (!colon || colon == p || colon + 1 == p + n || memchr(colon + 1, ':', (size_t)(p + n - colon - 1)) ||
                ++items > MAX_CAMEO)
                BAD("dyads '%.100s' is not a list of at most %d SOURCE:TARGET joined by ','",
                    q->dyads, MAX_CAMEO);
            p += n;
            if (!*p) break;
        }
    }
    if (!(q->min_confidence >= 0 && q->min_confidence <= 1))
        BAD("min_confidence %g is not from 0 to 1", q->min_confidence);
    if (kind != DL_QUERY_EVENTS) {
        static const char *const events_only[] = {"dyad", "cameo", "quad", "root", "plover",
                                                  "issue", "min_confidence", "level", "dated"};
        const int set[] = {!!q->dyad, !!q->cameo, !!q->quad, !!q->root, !!q->plover,
                           !!q->issue, q->min_confidence > 0, q->country_level, q->dated};
        for (int i = 0; i < 9; i++)
            if (set[i])
                BAD("%s does not apply to %s", events_only[i],
                    kind == DL_QUERY_QUOTES ? "quotes" : "articles");
        if (kind == DL_QUERY_ARTICLES && (q->actor || q->article))
            BAD("%s does not apply to articles", q->actor ? "actor" : "article");
    }
#undef BAD
    return DL_OK;
}

/* ---- building the statement ------------------------------------------------ */

enum { MAX_PARAMS = 64 };  /* the most a query binds is 56 (16 cameo codes) */

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

/* Where the events come from: the events table, or the event_days
 * summary (one row per day, quad, root and country-level dyad, with its
 * number of events).  Each field is a fixed SQL expression. */
typedef struct {
    const char *from;
    const char *day;             /* the day, NULL when undated */
    const char *dated;           /* a condition: the day is known */
    const char *quad, *root;
    const char *source, *target; /* the sides at the level asked for */
    const char *n;               /* events a row stands for */
    const char *gold;            /* their Goldstein sum */
    const char *gold_sum;        /* round(sum(gold), 1), as the dialect of postgres.c knows it */
    int days;                    /* event_days */
} source;

#define EVENT_DAY "coalesce(e.date, e.published)"
#define COUNTRY_SOURCE DL__STORE_COUNTRY_SIDE("e", "source")
#define COUNTRY_TARGET DL__STORE_COUNTRY_SIDE("e", "target")
#define DYAD_SIDE(s) "coalesce(nullif(e." s "_code, ''), e." s "_name)"

static const source events_actor = {
    " FROM events e", EVENT_DAY, EVENT_DAY " IS NOT NULL", "e.quad", "e.root",
    DYAD_SIDE("source"), DYAD_SIDE("target"), "1", "e.goldstein", "round(sum(e.goldstein), 1)", 0};
static const source events_country = {
    " FROM events e", EVENT_DAY, EVENT_DAY " IS NOT NULL", "e.quad", "e.root",
    COUNTRY_SOURCE, COUNTRY_TARGET, "1", "e.goldstein", "round(sum(e.goldstein), 1)", 0};
static const source event_days = {
    " FROM event_days d", "nullif(d.day, '')", "d.day <> ''", "d.quad", "d.root", "d.source",
    "d.target", "d.events", "d.goldstein", "round(sum(d.goldstein), 1)", 1};

/* A side at the country level: the value upper-cased, whole. */
static void country_cond(builder *b, const char *expr, const char *s, size_t n) {
    while (n && isspace((unsigned char)*s)) s++, n--;
    while (n && isspace((unsigned char)s[n - 1])) n--;
    dl_strbuf_printf(&b->sql, "%s = ?", expr);
    param_text(b, code_prefix(b, s, n));
}

static void where_either_country(builder *b, const source *src, const char *value) {
    next_cond(b);
    dl_strbuf_addc(&b->sql, '(');
    country_cond(b, src->source, value, strlen(value));
    dl_strbuf_adds(&b->sql, " OR ");
    country_cond(b, src->target, value, strlen(value));
    dl_strbuf_addc(&b->sql, ')');
}

/* Any of the dyads of a list "A:B,C:D", sides whole (the country level). */
static void where_dyads(builder *b, const source *src, const char *list) {
    next_cond(b);
    dl_strbuf_addc(&b->sql, '(');
    for (const char *p = list;; p++) {
        size_t n = strcspn(p, ",");
        const char *colon = memchr(p, ':', n);
        dl_strbuf_adds(&b->sql, p == list ? "(" : " OR (");
        country_cond(b, src->source, p, (size_t)(colon - p));
        dl_strbuf_adds(&b->sql, " AND ");
        country_cond(b, src->target, colon + 1, (size_t)(p + n - colon - 1));
        dl_strbuf_addc(&b->sql, ')');
        p += n;
        if (!*p) break;
    }
    dl_strbuf_addc(&b->sql, ')');
}

static void where_dyad(builder *b, const source *src, const dl_query *q) {
    const char *dyad = q->dyad;
    const char *colon = strchr(dyad, ':');
    const char *tgt = colon + 1;
    if (strspn(dyad, " \t") < (size_t)(colon - dyad)) {
        next_cond(b);
        if (q->country_level) country_cond(b, src->source, dyad, (size_t)(colon - dyad));
        else actor_cond(b, "e.source", dyad, (size_t)(colon - dyad));
    }
    if (blank(tgt)) return;
    next_cond(b);
    if (q->country_level) country_cond(b, src->target, tgt, strlen(tgt));
    else actor_cond(b, "e.target", tgt, strlen(tgt));
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
        /* event_days keeps an undated day as '', which sorts before any date */
        snprintf(sql, sizeof sql, "%s < ?%s", expr,
                 strcmp(expr, "d.day") ? "" : " AND d.day <> ''");
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

enum { EC_ID, EC_ARTICLE_ID, EC_DATE, EC_SRC_CODE, EC_SRC_NAME, EC_SRC_COUNTRY, EC_TGT_CODE,
       EC_TGT_NAME, EC_TGT_COUNTRY, EC_CAMEO, EC_ROOT, EC_QUAD, EC_GOLDSTEIN, EC_PLOVER,
       EC_PLACE, EC_CONFIDENCE, EC_RULE, EC_ARTICLE, EC_SENTENCE, EC_N_SENTENCES, EC_ISSUES,
       EC_PLOVER_MODE, EC_GLOBAL_ID, EC_ARTICLE_GLOBAL_ID, EC_PLACE_COUNTRY, EC_PLACE_LAT,
       EC_PLACE_LON, EC_PUBLISHED, EC_N };

static const char event_select[] =
    "SELECT e.id, e.article_id, " EVENT_DAY ", e.source_code, e.source_name, e.source_country,"
    " e.target_code, e.target_name, e.target_country, e.cameo, e.root, e.quad, e.goldstein,"
    " e.plover, e.place, e.confidence, e.rule, coalesce(a.url, a.source), e.sentence,"
    " e.n_sentences, e.issues, e.plover_mode, e.global_id, a.global_id, e.place_country,"
    " e.place_lat, e.place_lon, e.published FROM events e JOIN articles a ON a.id = e.article_id";

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
        .published = c[EC_PUBLISHED].s,
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

/* Codes that start with one of the prefixes of a list "04,0231". */
static void where_cameo(builder *b, const char *list) {
    next_cond(b);
    dl_strbuf_addc(&b->sql, '(');
    for (const char *p = list;; p++) {
        size_t n = strcspn(p, ",");
        const char *code = dl_arena_strndup(&b->arena, p, n);
        dl_strbuf_adds(&b->sql, p == list ? "" : " OR ");
        dl_strbuf_adds(&b->sql, "(e.cameo >= ? AND e.cameo < ?)");
        param_text(b, code);
        param_text(b, code ? upper_bound(b, code) : NULL);
        p += n;
        if (!*p) break;
    }
    dl_strbuf_addc(&b->sql, ')');
}

/* The WHERE conditions of an event query over src: the events table, or
 * event_days for the filters it keeps (see days_can_answer). */
static void event_filters(builder *b, const source *src, const dl_query *q) {
    if (q->actor && q->country_level) where_either_country(b, src, q->actor);
    else if (q->actor) where_either(b, q->actor);
    if (q->dyad) where_dyad(b, src, q);
    if (q->dyads) where_dyads(b, src, q->dyads);
    if (src->days) {
        if (q->cameo) {   /* a root: days_can_answer takes no longer code */
            cond(b, "d.root = ?");
            param_text(b, q->cameo);
        }
        if (q->root) {
            cond(b, "d.root = ?");
            param_text(b, q->root);
        }
        if (q->quad) {
            cond(b, "d.quad = ?");
            param_int(b, q->quad);
        }
        if (q->dated) cond(b, src->dated);
        where_dates(b, "d.day", q);
        return;
    }
    if (q->cameo) where_cameo(b, q->cameo);
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
    if (q->min_confidence > 0) {
        cond(b, "e.confidence >= ?");
        param(b, (dl_store_value){.type = DL_VAL_REAL, .d = q->min_confidence});
    }
    if (q->dated) cond(b, src->dated);
    where_dates(b, EVENT_DAY, q);
    if (q->article) {
        cond(b, "e.article_id = ?");
        param_int(b, q->article);
    }
}

/* A LIKE pattern "%words%" for a phrase in any ASCII case: runs of white
 * space become one space, LIKE's wildcards escaped with '\'. */
static const char *phrase_pattern(builder *b, const char *s) {
    const char *p = name_pattern(b, s, strlen(s));   /* "% words %" */
    char *out = p ? dl_arena_strndup(&b->arena, p + 1, strlen(p) - 2) : NULL;
    if (out) out[0] = out[strlen(out) - 1] = '%';
    return out;
}

/* The WHERE conditions of a quote query; q is the quotes table. */
static void quote_filters(builder *b, const dl_query *q) {
    if (q->actor) where_actor(b, "q.speaker", q->actor);
    if (q->text) {
        cond(b, "lower(q.text) LIKE ? ESCAPE '\\'");
        param_text(b, phrase_pattern(b, q->text));
    }
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
    event_filters(&b, q->country_level ? &events_country : &events_actor, q);
    order_limit(&b, q->newest ? " ORDER BY " EVENT_DAY " DESC NULLS LAST, e.id DESC"
                              : " ORDER BY " EVENT_DAY " NULLS LAST, e.id", q);
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
    order_limit(&b, q->newest ? " ORDER BY q.published DESC NULLS LAST, q.id DESC"
                              : " ORDER BY q.published NULLS LAST, q.id", q);
    row_ctx rc = {.qfn = fn, .ctx = ctx};
    return run(st, &b, quote_row, &rc);
}

/* ---- articles --------------------------------------------------------------- */

enum { AC_ID, AC_TITLE, AC_PUBLISHED, AC_URL, AC_SITE, AC_EVENTS, AC_QUOTES, AC_N };

static const char article_select[] =
    "SELECT a.id, a.title, a.published, coalesce(a.url, a.source), a.site,"
    " (SELECT count(*) FROM events e WHERE e.article_id = a.id),"
    " (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) FROM articles a";

typedef struct {
    dl_article_fn fn;
    void *ctx;
} article_ctx;

static int article_row(const dl_store_value *c, int ncol, void *vctx) {
    if (ncol < AC_N) return 1;
    article_ctx *ac = vctx;
    dl_article_row r = {c[AC_ID].i,  c[AC_TITLE].s,  c[AC_PUBLISHED].s, c[AC_URL].s,
                        c[AC_SITE].s, c[AC_EVENTS].i, c[AC_QUOTES].i};
    return ac->fn(&r, ac->ctx);
}

dl_status dl_query_articles(dl_store *st, const dl_query *q, dl_article_fn fn, void *ctx) {
    if (!st || !q || !fn) return DL_ERR_USAGE;
    dl_status ret = checked(st, q, DL_QUERY_ARTICLES);
    if (ret != DL_OK) return ret;
    builder b;
    builder_init(&b);
    dl_strbuf_adds(&b.sql, article_select);
    if (q->text) {
        cond(&b, "lower(a.title) LIKE ? ESCAPE '\\'");
        param_text(&b, phrase_pattern(&b, q->text));
    }
    where_dates(&b, "a.published", q);
    order_limit(&b, " ORDER BY a.published DESC NULLS LAST, a.id DESC", q);
    article_ctx ac = {fn, ctx};
    return run(st, &b, article_row, &ac);
}

/* ---- aggregates ------------------------------------------------------------- */

/* The columns of each aggregate.  Per period and dyad, and per period over
 * all dyads, the events are also split by quad class: cooperation is quad
 * 1 and 2, conflict 3 and 4.  A week is named by its Monday ('weekday 0'
 * moves to the Sunday on or after); dates too short for the period (2023-04
 * by day) fall into the undated row, whose period is NULL. */
static const char *const dyad_cols[] = {"period", "source", "target", "events",
                                        "cooperation", "conflict", "goldstein"};
static const char *const total_cols[] = {"period", "events", "quad1", "quad2",
                                         "quad3", "quad4", "goldstein"};
static const char *const pair_cols[] = {"source", "target", "events", "cooperation",
                                        "conflict", "goldstein"};
static const char *const actor_cols[] = {"name", "code", "events", "goldstein"};
static const char *const speaker_cols[] = {"name", "code", "quotes"};
static const char *const code_cols[] = {"code", "events"};

typedef enum { P_NONE, P_DAY, P_WEEK, P_MONTH } period;

static const struct {
    const char *name;
    const char *const *cols;
    int ncol;
    dl_query_kind kind;
    period per;
} aggs[] = {
    [DL_AGG_DAY] = {"day", dyad_cols, 7, DL_QUERY_EVENTS, P_DAY},
    [DL_AGG_WEEK] = {"week", dyad_cols, 7, DL_QUERY_EVENTS, P_WEEK},
    [DL_AGG_MONTH] = {"month", dyad_cols, 7, DL_QUERY_EVENTS, P_MONTH},
    [DL_AGG_TOP_ACTORS] = {"actors", actor_cols, 4, DL_QUERY_EVENTS, P_NONE},
    [DL_AGG_TOP_SPEAKERS] = {"speakers", speaker_cols, 3, DL_QUERY_QUOTES, P_NONE},
    [DL_AGG_TOTAL_DAY] = {"total-day", total_cols, 7, DL_QUERY_EVENTS, P_DAY},
    [DL_AGG_TOTAL_WEEK] = {"total-week", total_cols, 7, DL_QUERY_EVENTS, P_WEEK},
    [DL_AGG_TOTAL_MONTH] = {"total-month", total_cols, 7, DL_QUERY_EVENTS, P_MONTH},
    [DL_AGG_DYADS] = {"dyads", pair_cols, 6, DL_QUERY_EVENTS, P_NONE},
    [DL_AGG_TOP_CODES] = {"codes", code_cols, 2, DL_QUERY_EVENTS, P_NONE},
    [DL_AGG_PAIRS] = {"pairs", pair_cols, 6, DL_QUERY_EVENTS, P_NONE},
};

static int valid_agg(dl_agg agg) { return agg >= DL_AGG_DAY && agg <= DL_AGG_PAIRS; }

static int parse_agg(const char *name, const dl_agg *names, int n, dl_agg *out) {
    for (int i = 0; name && i < n; i++)
        if (!strcmp(name, aggs[names[i]].name)) {
            *out = names[i];
            return 0;
        }
    return -1;
}

int dl_agg_parse_period(const char *name, dl_agg *out) {
    static const dl_agg periods[] = {DL_AGG_DAY, DL_AGG_WEEK, DL_AGG_MONTH};
    return parse_agg(name, periods, 3, out);
}

int dl_agg_parse_top(const char *name, dl_agg *out) {
    static const dl_agg tops[] = {DL_AGG_TOP_ACTORS, DL_AGG_TOP_SPEAKERS, DL_AGG_DYADS,
                                  DL_AGG_TOP_CODES};
    return parse_agg(name, tops, 4, out);
}

dl_agg dl_agg_total(dl_agg per_dyad) {
    switch (per_dyad) {
    case DL_AGG_DAY: return DL_AGG_TOTAL_DAY;
    case DL_AGG_WEEK: return DL_AGG_TOTAL_WEEK;
    case DL_AGG_MONTH: return DL_AGG_TOTAL_MONTH;
    default: return DL_AGG_NONE;
    }
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

/* Whether event_days holds what the aggregate needs: its filters are
 * dates, quad, root (or a two-digit CAMEO prefix) and, at the country
 * level, sides; it groups by period or country-level sides. */
static int days_can_answer(const dl_query *q, dl_agg agg) {
    if (q->text || q->plover || q->issue || q->article || q->min_confidence > 0) return 0;
    if (q->cameo && strlen(q->cameo) != 2) return 0;
    if (agg == DL_AGG_TOP_CODES) return 0;
    int by_sides = agg != DL_AGG_TOTAL_DAY && agg != DL_AGG_TOTAL_WEEK &&
                   agg != DL_AGG_TOTAL_MONTH;
    if (!q->country_level && (by_sides || q->actor || q->dyad)) return 0;
    return 1;
}

/* The period of a day (an SQL expression) as SQL into buf. */
static const char *period_expr(const char *day, period per, char *buf, size_t n) {
    switch (per) {
    case P_DAY:
        snprintf(buf, n, "CASE WHEN length(%s) >= 10 THEN substr(%s, 1, 10) END", day, day);
        break;
    case P_WEEK:   /* date() would read a bare year as a Julian day number */
        snprintf(buf, n, "CASE WHEN length(%s) >= 10 THEN date(%s, 'weekday 0', '-6 days') END",
                 day, day);
        break;
    case P_MONTH:
        snprintf(buf, n, "CASE WHEN length(%s) >= 7 THEN substr(%s, 1, 7) END", day, day);
        break;
    case P_NONE: buf[0] = '\0'; break;
    }
    return buf;
}

/* sum(n) over the rows whose quad is in the list, 0 when none. */
static void quad_sum(builder *b, const source *src, const char *quads) {
    dl_strbuf_printf(&b->sql, ", coalesce(sum(CASE WHEN %s IN (%s) THEN %s END), 0)", src->quad,
                     quads, src->n);
}

/* The SELECT list and FROM of an aggregate; *tail gets its GROUP BY and
 * ORDER BY, *where a fixed condition (or NULL). */
static void agg_select(builder *b, dl_agg agg, const source *src, const char **where,
                       const char **tail) {
    char per[256];
    period_expr(src->days ? "d.day" : EVENT_DAY, aggs[agg].per, per, sizeof per);
    const char *nonempty = src->days || src == &events_country
                               ? "%s <> '' AND %s <> ''" : "%s IS NOT NULL AND %s IS NOT NULL";
    *where = NULL;
    switch (agg) {
    case DL_AGG_DAY:
    case DL_AGG_WEEK:
    case DL_AGG_MONTH:
        dl_strbuf_printf(&b->sql, "SELECT %s, %s, %s, sum(%s)", per, src->source, src->target,
                         src->n);
        quad_sum(b, src, "1, 2");
        quad_sum(b, src, "3, 4");
        dl_strbuf_printf(&b->sql, ", %s%s", src->gold_sum, src->from);
        *tail = " GROUP BY 1, 2, 3 ORDER BY 1 NULLS LAST, 4 DESC, 2, 3";
        break;
    case DL_AGG_TOTAL_DAY:
    case DL_AGG_TOTAL_WEEK:
    case DL_AGG_TOTAL_MONTH:
        if (src->days) {
            /* event_days is ordered by day: sum each day first (no sort), so
             * that the period is worked out once a day, not once a row */
            period_expr("t.day", aggs[agg].per, per, sizeof per);
            dl_strbuf_printf(&b->sql, "SELECT %s, CAST(sum(t.n) AS BIGINT)", per);
            for (int quad = 1; quad <= 4; quad++)
                dl_strbuf_printf(&b->sql, ", CAST(sum(t.q%d) AS BIGINT)", quad);
            dl_strbuf_adds(&b->sql, ", round(sum(t.g), 1) FROM (SELECT d.day AS day,"
                                    " sum(d.events) AS n");
            for (int quad = 1; quad <= 4; quad++) {
                char one[4];
                snprintf(one, sizeof one, "%d", quad);
                quad_sum(b, src, one);
                dl_strbuf_printf(&b->sql, " AS q%d", quad);
            }
            dl_strbuf_printf(&b->sql, ", sum(d.goldstein) AS g%s", src->from);
            *tail = " GROUP BY d.day) t GROUP BY 1 ORDER BY 1 NULLS LAST";
            break;
        }
        dl_strbuf_printf(&b->sql, "SELECT %s, sum(%s)", per, src->n);
        for (int quad = 1; quad <= 4; quad++) {
            char one[4];
            snprintf(one, sizeof one, "%d", quad);
            quad_sum(b, src, one);
        }
        dl_strbuf_printf(&b->sql, ", %s%s", src->gold_sum, src->from);
        *tail = " GROUP BY 1 ORDER BY 1 NULLS LAST";
        break;
    case DL_AGG_DYADS:
    case DL_AGG_PAIRS:
        dl_strbuf_printf(&b->sql, "SELECT %s, %s, sum(%s)", src->source, src->target, src->n);
        quad_sum(b, src, "1, 2");
        quad_sum(b, src, "3, 4");
        dl_strbuf_printf(&b->sql, ", %s%s%s%s", agg == DL_AGG_PAIRS ? "sum(" : src->gold_sum,
                         agg == DL_AGG_PAIRS ? src->gold : "", agg == DL_AGG_PAIRS ? ")" : "",
                         src->from);
        if (agg == DL_AGG_PAIRS) {
            *tail = " GROUP BY 1, 2 ORDER BY 1, 2";
            break;
        }
        next_cond(b);
        dl_strbuf_printf(&b->sql, nonempty, src->source, src->target);
        *tail = " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2";
        break;
    case DL_AGG_TOP_ACTORS:
        /* each event counts once for its source and once for its target */
        if (src == &events_actor) {
            dl_strbuf_adds(&b->sql,
                           "SELECT CASE s.side WHEN 0 THEN e.source_name ELSE e.target_name END,"
                           " CASE s.side WHEN 0 THEN e.source_code ELSE e.target_code END,"
                           " count(*), round(sum(e.goldstein), 1)");
            *where = "CASE s.side WHEN 0 THEN e.source_name ELSE e.target_name END IS NOT NULL";
        } else {
            dl_strbuf_printf(&b->sql,
                             "SELECT CASE s.side WHEN 0 THEN %s ELSE %s END,"
                             " CASE s.side WHEN 0 THEN %s ELSE %s END, sum(%s), %s",
                             src->source, src->target, src->source, src->target, src->n,
                             src->gold_sum);
        }
        dl_strbuf_printf(&b->sql, "%s CROSS JOIN (SELECT 0 AS side UNION ALL SELECT 1) s",
                         src->from);
        if (src != &events_actor) {
            next_cond(b);
            dl_strbuf_printf(&b->sql, "CASE s.side WHEN 0 THEN %s ELSE %s END <> ''",
                             src->source, src->target);
        }
        *tail = " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2";
        break;
    default:
        *tail = "";
        break;
    }
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
    const char *where = NULL, *tail = "";
    if (agg == DL_AGG_TOP_SPEAKERS) {
        dl_strbuf_adds(&b.sql, "SELECT q.speaker_name, q.speaker_code, count(*) FROM quotes q");
        cond(&b, "q.speaker_name IS NOT NULL");
        quote_filters(&b, q);
        tail = " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2";
    } else if (agg == DL_AGG_TOP_CODES) {
        /* each side counted on its own index: without other filters SQLite
         * reads the two code indexes and never a row of events */
        dl_strbuf_adds(&b.sql, "SELECT c.code, CAST(sum(c.n) AS BIGINT) FROM (SELECT e.source_code AS code,"
                               " count(*) AS n FROM events e");
        cond(&b, "e.source_code IS NOT NULL");
        event_filters(&b, &events_actor, q);
        dl_strbuf_adds(&b.sql, " GROUP BY 1 UNION ALL SELECT e.target_code, count(*) FROM events e");
        b.nconds = 0;
        cond(&b, "e.target_code IS NOT NULL");
        event_filters(&b, &events_actor, q);
        dl_strbuf_adds(&b.sql, " GROUP BY 1) c");
        tail = " GROUP BY 1 ORDER BY 2 DESC, 1";
    } else {
        const source *src = days_can_answer(q, agg) ? &event_days
                            : q->country_level      ? &events_country
                                                    : &events_actor;
        agg_select(&b, agg, src, &where, &tail);
        if (where) cond(&b, where);
        event_filters(&b, src, q);
    }
    order_limit(&b, tail, q);
    agg_ctx a = {agg, fn, ctx};
    return run(st, &b, agg_row, &a);
}
