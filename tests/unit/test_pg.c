/*
 * tests/unit/test_pg.c -- the PostgreSQL store against the SQLite one.
 * Needs DATELINE_TEST_PG (a postgresql:// URL of a database it may create
 * schemas in; .ci/run starts a server and sets it); without it the test
 * skips.  Each run works in fresh schemas (search_path set in the URL) and
 * drops them at the end.
 *
 *   - the same articles, coded by the engine, go into SQLite and PostgreSQL;
 *     every query, hostile filter and aggregate answers the same rows
 *   - idempotence: storing again changes nothing; read-only opens refuse
 *     writes
 *   - two ingesters at once (two processes storing the same articles in the
 *     same order, so that they race for each one) leave no duplicate
 *     article or actor, and store each article once
 */
#include <libpq-fe.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/doc.h"
#include "core/strbuf.h"
#include "harness.h"
#include "query/query.h"
#include "store/store.h"

static const char *base_url;
static char schema[64], url[2048], conc_url[2048];
static PGconn *admin;
static dl_engine *eng;

/* base_url with search_path set to sch. */
static void schema_url(char *out, size_t n, const char *sch) {
    snprintf(out, n, "%s%coptions=-c%%20search_path%%3D%s", base_url,
             strchr(base_url, '?') ? '&' : '?', sch);
}

static void quiet(void *arg, const char *msg) {
    (void)arg;
    (void)msg;
}

static int admin_exec(const char *sql) {
    PGresult *r = PQexec(admin, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok) fprintf(stderr, "test_pg: %s: %s", sql, PQerrorMessage(admin));
    PQclear(r);
    return ok;
}

static long long admin_count(const char *sql) {
    PGresult *r = PQexec(admin, sql);
    long long v = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1
                      ? atoll(PQgetvalue(r, 0, 0))
                      : -1;
    if (v < 0) fprintf(stderr, "test_pg: %s: %s", sql, PQerrorMessage(admin));
    PQclear(r);
    return v;
}

/* ---- articles ---------------------------------------------------------------- */

/* The seed first (long, many actors and quotes) when the shared data sets
 * are there, else an article of our own that restates an act. */
static const char *inputs[] = {
    DL_SHARED "/seed/000_8b56783a122f561b.txt",
    DL_TEST_DATA "/../../examples/2015-07-14-vienna-nuclear-deal.txt",
    DL_TEST_DATA "/../../examples/2018-06-12-singapore-summit.txt",
    DL_TEST_DATA "/../../examples/2020-09-15-abraham-accords.txt",
    DL_TEST_DATA "/../../examples/2022-02-24-ukraine-invasion.txt",
};
enum { N_INPUTS = sizeof inputs / sizeof *inputs, N_VARIANTS = 4 };

static char *texts[N_INPUTS];

static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    dl_strbuf b;
    dl_strbuf_init(&b);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) dl_strbuf_add(&b, buf, n);
    fclose(f);
    return dl_strbuf_detach(&b);
}

/* Codes input i; variant k > 0 starts with another line so that its text differs.
 * Returns the document or NULL. */
static dl_doc *code(int i, int k) {
    dl_doc *doc = dl_doc_new();
    dl_strbuf b;
    dl_strbuf_init(&b);
    if (k) dl_strbuf_printf(&b, "Update %d: ", k);   /* a new title line, so a new article */
    dl_strbuf_adds(&b, texts[i]);
    char name[64];
    snprintf(name, sizeof name, "input-%d-%d.txt", i, k);
    dl_status st = dl_doc_set_source(doc, name, b.s, b.len, DL_INPUT_TEXT);
    if (st == DL_OK) dl_doc_set_default_date(doc, "2024-01-01");
    if (st == DL_OK) st = dl_doc_run(eng, doc);
    dl_strbuf_release(&b);
    if (st != DL_OK) {
        dl_doc_free(doc);
        return NULL;
    }
    return doc;
}

/* ---- rows as text ----------------------------------------------------------------- */

static int event_line(const dl_event_row *r, void *ctx) {
    char *j = dl_query_event_json(r);
    dl_strbuf_adds(ctx, j ? j : "(oom)");
    dl_strbuf_addc(ctx, '\n');
    dl_free(j);
    return 0;
}

static int quote_line(const dl_quote_row *r, void *ctx) {
    char *j = dl_query_quote_json(r);
    dl_strbuf_adds(ctx, j ? j : "(oom)");
    dl_strbuf_addc(ctx, '\n');
    dl_free(j);
    return 0;
}

static int agg_line(const dl_agg_row *r, void *ctx) {
    for (int i = 0; i < r->ncol; i++) {
        const dl_store_value *v = &r->vals[i];
        if (i) dl_strbuf_addc(ctx, '|');
        switch (v->type) {
        case DL_VAL_INT: dl_strbuf_printf(ctx, "%lld", v->i); break;
        case DL_VAL_REAL: dl_strbuf_printf(ctx, "%.6g", v->d); break;
        case DL_VAL_TEXT: dl_strbuf_adds(ctx, v->s); break;
        default: dl_strbuf_adds(ctx, "NULL");
        }
    }
    dl_strbuf_addc(ctx, '\n');
    return 0;
}

static int cmp_lines(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of b->s in sorted order (NULLs sort first in SQLite, last in
 * PostgreSQL; rows are compared as sets where that can matter). */
static void sort_lines(dl_strbuf *b) {
    if (!b->len) return;
    size_t n = 0;
    for (size_t i = 0; i < b->len; i++) n += b->s[i] == '\n';
    char **lines = calloc(n, sizeof *lines);
    char *copy = strdup(b->s);
    size_t k = 0;
    for (char *save = NULL, *l = strtok_r(copy, "\n", &save); l && k < n;
         l = strtok_r(NULL, "\n", &save))
        lines[k++] = l;
    qsort(lines, k, sizeof *lines, cmp_lines);
    dl_strbuf_clear(b);
    for (size_t i = 0; i < k; i++) {
        dl_strbuf_adds(b, lines[i]);
        dl_strbuf_addc(b, '\n');
    }
    free(lines);
    free(copy);
}

typedef struct {
    const char *what;
    dl_query q;
    dl_query_kind kind;
    dl_agg agg;
    int ordered;   /* compare in order, not as sets */
} probe;

/* Runs p on st; the rows as text in out.  Returns the status. */
static dl_status run_probe(dl_store *st, const probe *p, dl_strbuf *out) {
    dl_status rc;
    if (p->agg) rc = dl_query_aggregate(st, &p->q, p->agg, agg_line, out);
    else if (p->kind == DL_QUERY_QUOTES) rc = dl_query_quotes(st, &p->q, quote_line, out);
    else rc = dl_query_events(st, &p->q, event_line, out);
    if (!p->ordered) sort_lines(out);
    return rc;
}

/* Gives doc's first events issues, as an issue dictionary would; one in
 * lower case, which issue filters match in any case on both backends. */
static void set_issues(dl_doc *doc) {
    static const char *two[] = {"FAMINE", "GRAIN"}, *one[] = {"grain"};
    static const char **lists[] = {two, one};
    static const uint32_t counts[] = {2, 1};
    for (size_t i = 0; i < 2 && i < doc->events.n; i++) {
        doc->events.v[i].issues = lists[i];
        doc->events.v[i].n_issues = counts[i];
    }
}

static void test_same_answers(void) {
    dl_store *sq = NULL, *pq = NULL;
    char err[1024];
    char path[256];
    snprintf(path, sizeof path, "/tmp/dl_test_pg_%d.db", (int)getpid());
    unlink(path);
    OK(dl_store_open(path, &sq, err, sizeof err) == DL_OK, "sqlite: %s", err);
    OK(dl_store_open(url, &pq, err, sizeof err) == DL_OK, "postgres: %s", err);
    if (!sq || !pq) goto done;
    long events = 0;
    for (int i = 0; i < N_INPUTS; i++) {
        dl_doc *doc = code(i, 0);
        OK(doc != NULL, "coding input %d", i);
        if (!doc) continue;
        set_issues(doc);
        events += (long)doc->events.n;
        int new1 = 0, new2 = 0;
        OK(dl_store_put(sq, doc, &new1) == DL_OK, "%s", dl_store_errmsg(sq));
        OK(dl_store_put(pq, doc, &new2) == DL_OK, "%s", dl_store_errmsg(pq));
        INT_EQ(new1, 1);
        INT_EQ(new2, 1);
        /* storing again changes nothing */
        OK(dl_store_put(pq, doc, &new2) == DL_OK, "%s", dl_store_errmsg(pq));
        INT_EQ(new2, 0);
        dl_doc_free(doc);
    }
    OK(events > 10, "%ld events coded", events);

    static const probe probes[] = {
        {"all events", {0}, DL_QUERY_EVENTS, 0, 0},
        {"actor by name", {.actor = "khamenei"}, DL_QUERY_EVENTS, 0, 1},
        {"actor by code prefix", {.actor = "IRN"}, DL_QUERY_EVENTS, 0, 1},
        {"actor by lower-case code", {.actor = "usa"}, DL_QUERY_EVENTS, 0, 0},
        {"dyad", {.dyad = "IRNGOV:USA"}, DL_QUERY_EVENTS, 0, 1},
        {"dyad target only", {.dyad = ":RUS"}, DL_QUERY_EVENTS, 0, 0},
        {"cameo prefix", {.cameo = "04"}, DL_QUERY_EVENTS, 0, 0},
        {"root", {.root = "19"}, DL_QUERY_EVENTS, 0, 0},
        {"quad", {.quad = 4}, DL_QUERY_EVENTS, 0, 0},
        {"plover", {.plover = "consult"}, DL_QUERY_EVENTS, 0, 0},
        {"since", {.since = "2020"}, DL_QUERY_EVENTS, 0, 0},
        {"until month", {.until = "2020-09"}, DL_QUERY_EVENTS, 0, 0},
        {"date range", {.since = "2018-06-12", .until = "2023-04"}, DL_QUERY_EVENTS, 0, 0},
        {"text", {.text = "attacked"}, DL_QUERY_EVENTS, 0, 0},
        {"text prefix", {.text = "withdr*"}, DL_QUERY_EVENTS, 0, 0},
        {"text two words", {.text = "Iran Iraq"}, DL_QUERY_EVENTS, 0, 0},
        {"article", {.article = 2}, DL_QUERY_EVENTS, 0, 1},
        {"limit offset", {.actor = "IRNGOV", .limit = 3, .offset = 2}, DL_QUERY_EVENTS, 0, 1},
        {"hostile actor", {.actor = "' OR 1=1 --"}, DL_QUERY_EVENTS, 0, 1},
        {"hostile dyad", {.dyad = "<script>:%"}, DL_QUERY_EVENTS, 0, 1},
        {"hostile plover", {.plover = "x'); DROP TABLE events; --"}, DL_QUERY_EVENTS, 0, 1},
        {"hostile text", {.text = "\" OR NEAR(a b) col:x '"}, DL_QUERY_EVENTS, 0, 1},
        {"like wildcards", {.actor = "%"}, DL_QUERY_EVENTS, 0, 1},
        {"issue", {.issue = "Grain"}, DL_QUERY_EVENTS, 0, 0},
        {"issue, a part of a code", {.issue = "GRA"}, DL_QUERY_EVENTS, 0, 0},
        {"hostile issue", {.issue = "%' OR 1=1 --"}, DL_QUERY_EVENTS, 0, 1},
        {"issue per month", {.issue = "famine"}, DL_QUERY_EVENTS, DL_AGG_MONTH, 0},
        {"all quotes", {0}, DL_QUERY_QUOTES, 0, 0},
        {"quotes by speaker", {.actor = "khamenei"}, DL_QUERY_QUOTES, 0, 1},
        {"quotes since", {.since = "2022"}, DL_QUERY_QUOTES, 0, 0},
        {"hostile speaker", {.actor = "' OR ''='"}, DL_QUERY_QUOTES, 0, 1},
        {"per day", {0}, DL_QUERY_EVENTS, DL_AGG_DAY, 0},
        /* from 2021: SQLite's date() reads a year alone ("2020") as a
         * Julian day number, so such an event gets a bogus week there */
        {"per week", {.since = "2021"}, DL_QUERY_EVENTS, DL_AGG_WEEK, 0},
        {"per month of a dyad", {.dyad = "IRNGOV:"}, DL_QUERY_EVENTS, DL_AGG_MONTH, 0},
        {"top actors", {.limit = 100}, DL_QUERY_EVENTS, DL_AGG_TOP_ACTORS, 0},
        {"top speakers", {.limit = 100}, DL_QUERY_QUOTES, DL_AGG_TOP_SPEAKERS, 0},
        /* issue 14: the country level, event_days (a table on SQLite, a
         * view on PostgreSQL), the new filters and aggregates */
        {"per week, every date", {0}, DL_QUERY_EVENTS, DL_AGG_WEEK, 0},
        {"country level actor", {.actor = "usa", .country_level = 1}, DL_QUERY_EVENTS, 0, 1},
        {"country level dyad", {.dyad = "IRN:IRQ", .country_level = 1}, DL_QUERY_EVENTS, 0, 1},
        {"min confidence", {.min_confidence = 0.85}, DL_QUERY_EVENTS, 0, 0},
        {"dated, newest first", {.dated = 1, .newest = 1}, DL_QUERY_EVENTS, 0, 1},
        {"oldest first, undated last", {0}, DL_QUERY_EVENTS, 0, 1},
        {"cameo list", {.cameo = "04,111"}, DL_QUERY_EVENTS, 0, 0},
        {"quotes by words", {.text = "troops"}, DL_QUERY_QUOTES, 0, 0},
        {"totals per week", {0}, DL_QUERY_EVENTS, DL_AGG_TOTAL_WEEK, 1},
        {"totals per month of an actor", {.actor = "IRN"}, DL_QUERY_EVENTS, DL_AGG_TOTAL_MONTH, 1},
        {"totals per day of a root", {.root = "04", .country_level = 1}, DL_QUERY_EVENTS,
         DL_AGG_TOTAL_DAY, 1},
        {"dyads of countries", {.country_level = 1, .limit = 100}, DL_QUERY_EVENTS, DL_AGG_DYADS, 0},
        {"dyads of actors", {.limit = 100}, DL_QUERY_EVENTS, DL_AGG_DYADS, 0},
        {"countries", {.country_level = 1, .limit = 100}, DL_QUERY_EVENTS, DL_AGG_TOP_ACTORS, 0},
        {"months of a country dyad", {.country_level = 1, .dyad = "USA:RUS"}, DL_QUERY_EVENTS,
         DL_AGG_MONTH, 1},
        {"top codes", {.limit = 100}, DL_QUERY_EVENTS, DL_AGG_TOP_CODES, 0},
        {"months of a list of dyads", {.country_level = 1, .dyads = "IRN:IRQ,IRQ:IRN,USA:RUS"},
         DL_QUERY_EVENTS, DL_AGG_MONTH, 0},
    };
    for (size_t i = 0; i < sizeof probes / sizeof *probes; i++) {
        dl_strbuf a, b;
        dl_strbuf_init(&a);
        dl_strbuf_init(&b);
        dl_status r1 = run_probe(sq, &probes[i], &a);
        dl_status r2 = run_probe(pq, &probes[i], &b);
        OK(r1 == DL_OK, "%s on sqlite: %s", probes[i].what, dl_store_errmsg(sq));
        OK(r2 == DL_OK, "%s on postgres: %s", probes[i].what, dl_store_errmsg(pq));
        OK(a.len == b.len && (!a.len || !strcmp(a.s, b.s)),
           "%s differs:\nsqlite:\n%s\npostgres:\n%s", probes[i].what, a.s ? a.s : "",
           b.s ? b.s : "");
        dl_strbuf_release(&a);
        dl_strbuf_release(&b);
    }
    /* the non-empty answers really are non-empty */
    dl_strbuf t;
    dl_strbuf_init(&t);
    OK(run_probe(pq, &probes[13], &t) == DL_OK && t.len > 0, "text search finds attacked");
    dl_strbuf_clear(&t);
    OK(run_probe(pq, &probes[23], &t) == DL_OK && t.s && strstr(t.s, "\"issues\":[\"grain\"]"),
       "issue filter finds grain in any case");
    dl_strbuf_release(&t);

    /* a read-only open refuses writes */
    dl_store *ro = NULL;
    OK(dl_store_open_readonly(url, &ro, err, sizeof err) == DL_OK, "read-only: %s", err);
    if (ro) {
        dl_doc *doc = code(0, 1);
        int was_new = 1;
        OK(doc && dl_store_put(ro, doc, &was_new) == DL_ERR_USAGE, "read-only put refused");
        INT_EQ(was_new, 0);
        dl_doc_free(doc);
        dl_store_close(ro);
    }
done:
    dl_store_close(sq);
    dl_store_close(pq);
    unlink(path);
}

static void test_readonly_empty_and_bad_url(void) {
    char err[1024], empty[2048];
    dl_store *st = NULL;
    char sch[80];
    snprintf(sch, sizeof sch, "%s_empty", schema);
    char sql[160];
    snprintf(sql, sizeof sql, "CREATE SCHEMA %s", sch);
    admin_exec(sql);
    schema_url(empty, sizeof empty, sch);
    OK(dl_store_open_readonly(empty, &st, err, sizeof err) == DL_ERR_DB, "empty schema read-only");
    OK(strstr(err, "no dateline store") != NULL, "message: %s", err);
    OK(st == NULL, "no handle");
    snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", sch);
    admin_exec(sql);
    OK(dl_store_open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", &st, err,
                     sizeof err) == DL_ERR_DB, "unreachable server");
    OK(strstr(err, "cannot open PostgreSQL database") != NULL, "message: %s", err);
}

/* ---- two ingesters at once ---------------------------------------------------------- */

/* A child: stores every variant of every input once the parent lets it go;
 * exits with the number it stored (255 on failure). */
static void ingester(int go_fd) {
    dl_store *st = NULL;
    char err[1024];
    if (dl_store_open(conc_url, &st, err, sizeof err) != DL_OK) {
        fprintf(stderr, "ingester: %s\n", err);
        _exit(255);
    }
    char c;
    if (read(go_fd, &c, 1) < 0) _exit(255);
    int stored = 0, n = N_INPUTS * N_VARIANTS;
    for (int j = 0; j < n; j++) {
        dl_doc *doc = code(j / N_VARIANTS, j % N_VARIANTS);
        int was_new = 0;
        if (!doc || dl_store_put(st, doc, &was_new) != DL_OK) {
            fprintf(stderr, "ingester: %s\n", dl_store_errmsg(st));
            _exit(255);
        }
        stored += was_new;
        dl_doc_free(doc);
    }
    dl_store_close(st);
    _exit(stored);
}

static void test_two_ingesters(void) {
    char sch[80], sql[200], err[1024];
    snprintf(sch, sizeof sch, "%s_conc", schema);
    snprintf(sql, sizeof sql, "CREATE SCHEMA %s", sch);
    OK(admin_exec(sql), "create schema");
    schema_url(conc_url, sizeof conc_url, sch);
    /* the schema is created by the first open: let both race for it too */
    long long want_actors = 0, want_events = 0;
    for (int x = 0; x < N_INPUTS * N_VARIANTS; x++) {
        dl_doc *doc = code(x / N_VARIANTS, x % N_VARIANTS);
        OK(doc != NULL, "coding %d", x);
        if (!doc) continue;
        want_actors += (long long)doc->actors.n;
        want_events += (long long)doc->events.n;
        dl_doc_free(doc);
    }
    int go[2];
    OK(pipe(go) == 0, "pipe");
    fflush(NULL);
    pid_t kids[2];
    for (int k = 0; k < 2; k++) {
        kids[k] = fork();
        if (kids[k] == 0) {
            close(go[1]);
            ingester(go[0]);
        }
    }
    close(go[0]);
    usleep(200 * 1000);
    close(go[1]);   /* both read EOF and start */
    int stored = 0, ok = 1;
    for (int k = 0; k < 2; k++) {
        int status = 0;
        if (kids[k] < 0 || waitpid(kids[k], &status, 0) < 0 || !WIFEXITED(status) ||
            WEXITSTATUS(status) == 255)
            ok = 0;
        else stored += WEXITSTATUS(status);
    }
    OK(ok, "both ingesters finished");
    INT_EQ(stored, N_INPUTS * N_VARIANTS);

    snprintf(sql, sizeof sql, "SET search_path = %s", sch);
    admin_exec(sql);
    INT_EQ(admin_count("SELECT count(*) FROM articles"), N_INPUTS * N_VARIANTS);
    INT_EQ(admin_count("SELECT count(*) FROM (SELECT content_hash FROM articles GROUP BY 1"
                       " HAVING count(*) > 1) d"), 0);
    INT_EQ(admin_count("SELECT count(*) FROM (SELECT source FROM articles GROUP BY 1"
                       " HAVING count(*) > 1) d"), 0);
    INT_EQ(admin_count("SELECT count(*) FROM actors"), want_actors);
    INT_EQ(admin_count("SELECT count(*) FROM (SELECT article_id, local_id FROM actors"
                       " GROUP BY 1, 2 HAVING count(*) > 1) d"), 0);
    INT_EQ(admin_count("SELECT count(*) FROM events"), want_events);
    INT_EQ(admin_count("SELECT count(*) FROM dateline_schema"), 1);
    /* an insert that lost a race still took an id: the gaps count the races */
    printf("test_pg: two ingesters raced for %lld of %d articles\n",
           admin_count("SELECT max(id) - count(*) FROM articles"), N_INPUTS * N_VARIANTS);
    admin_exec("SET search_path = public");
    (void)err;
}

int main(void) {
    base_url = getenv("DATELINE_TEST_PG");
    if (!base_url || !*base_url) {
        printf("test_pg: DATELINE_TEST_PG is not set; skipping\n");
        printf("0 passed, 0 failed, 1 skipped\n");
        return DL_TEST_SKIP_CODE;
    }
    admin = PQconnectdb(base_url);
    if (PQstatus(admin) != CONNECTION_OK) {
        fprintf(stderr, "test_pg: cannot connect to DATELINE_TEST_PG: %s", PQerrorMessage(admin));
        PQfinish(admin);
        printf("0 passed, 1 failed\n");
        return 1;
    }
    PQsetNoticeProcessor(admin, quiet, NULL);
    snprintf(schema, sizeof schema, "dl_test_%d", (int)getpid());
    char sql[200];
    snprintf(sql, sizeof sql, "CREATE SCHEMA %s", schema);
    OK(admin_exec(sql), "create schema");
    schema_url(url, sizeof url, schema);

    char err[256];
    if (access(inputs[0], R_OK) != 0) inputs[0] = DL_TEST_DATA "/store/restated.txt";
    OK(dl_engine_open(NULL, &eng, err, sizeof err) == DL_OK, "engine: %s", err);
    for (int i = 0; i < N_INPUTS; i++) {
        texts[i] = slurp(inputs[i]);
        OK(texts[i] != NULL, "cannot read %s", inputs[i]);
    }
    int have = eng != NULL;
    for (int i = 0; i < N_INPUTS; i++) have = have && texts[i];
    if (have) {
        RUN(test_same_answers);
        RUN(test_readonly_empty_and_bad_url);
        RUN(test_two_ingesters);
    }

    snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", schema);
    admin_exec(sql);
    snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s_conc CASCADE", schema);
    admin_exec(sql);
    PQfinish(admin);
    for (int i = 0; i < N_INPUTS; i++) free(texts[i]);
    dl_engine_close(eng);
    return dl_test_report();
}
