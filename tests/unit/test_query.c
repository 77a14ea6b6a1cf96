/*
 * tests/unit/test_query.c -- query filters over a store of hand-built
 * documents: actor by name and code prefix, dyad, CAMEO prefix, dates,
 * article, limit/offset, quotes; hostile filter strings; and the table,
 * JSON Lines, CSV and TSV writers.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "harness.h"
#include "query/query.h"
#include "geo/geo.h"
#include "store/store.h"

static char tmpdir[256];
static char dbpath[512];
static dl_store *store;

/* ---- hand-built documents (as in test_store.c) ------------------------- */

static char *S(dl_doc *doc, const char *s) { return s ? dl_arena_strdup(&doc->arena, s) : NULL; }

static dl_doc *new_doc(const char *name, const char *url, const char *published,
                       const char *body) {
    dl_doc *doc = dl_doc_new();
    doc->name = S(doc, name);
    doc->article.url = S(doc, url);
    doc->article.title = S(doc, name);
    doc->article.published = S(doc, published);
    doc->article.body = S(doc, body);
    doc->article.body_len = strlen(body);
    for (size_t off = 0; off < doc->article.body_len;) {
        const char *end = strstr(body + off, ". ");
        size_t stop = end ? (size_t)(end - body) + 1 : doc->article.body_len;
        dl_sent *s = DL_VEC_PUSH(&doc->sents);
        s->off = (uint32_t)off;
        s->len = (uint32_t)(stop - off);
        off = end ? stop + 1 : doc->article.body_len;
    }
    return doc;
}

static int add_actor(dl_doc *doc, const char *name, const char *country, const char *code) {
    dl_actor *a = DL_VEC_PUSH(&doc->actors);
    a->id = dl_arena_printf(&doc->arena, "A%zu", doc->actors.n);
    a->name = S(doc, name);
    a->country = S(doc, country);
    a->code = S(doc, code);
    return (int)doc->actors.n - 1;
}

static void add_event(dl_doc *doc, int src, int tgt, const char *cameo, double gold,
                      const char *date, uint32_t sent) {
    dl_event *e = DL_VEC_PUSH(&doc->events);
    e->source = src;
    e->target = tgt;
    snprintf(e->cameo, sizeof e->cameo, "%s", cameo);
    e->goldstein = gold;
    e->quad = cameo[0] == '1' ? 3 : 1;
    e->plover = cameo[0] == '1' ? "ACCUSE" : "CONSULT";
    snprintf(e->date, sizeof e->date, "%s", date);
    e->place = -1;
    e->sent = sent;
    e->off = doc->sents.v[sent].off;
    e->len = 3;
    e->confidence = 0.75f;
    e->quote = -1;
}

static void add_quote(dl_doc *doc, int speaker, const char *who, const char *text, uint32_t sent) {
    dl_quote *q = DL_VEC_PUSH(&doc->quotes);
    q->speaker = speaker;
    q->speaker_text = S(doc, who);
    q->direct = 1;
    q->text = S(doc, text);
    q->off = doc->sents.v[sent].off;
    q->len = doc->sents.v[sent].len;
    q->sent = sent;
}

/*  id  date         source (code)               cameo  target (code)
 *   1  2023-04-29   Ali Khamenei (IRNGOV)       043    Abdul Latif Rashid (IRQGOV)
 *   2  2023-04-30*  Ali Khamenei (IRNGOV)       1011   Iraq (IRQ)
 *   3  2023-05-02   United States (USA)         120    Ali Khamenei (IRNGOV)
 *   4  2024-01-15*  Russia (RUS)                046    Ukraine (UKR)
 *   5  2024-02-10   O'Brien (-)                 051    100%_Party (-)
 *   (* the article's publication date; issues: 2 TROOPS,WITHDRAWAL,
 *   3 WITHDRAWAL, 5 A_B) */
static void fill_store(void) {
    static const char *troops[] = {"TROOPS", "WITHDRAWAL"}, *a_b[] = {"A_B"};
    dl_doc *a = new_doc("tehran.txt", "https://example.com/tehran", "2023-04-30T21:54",
                        "Ali Khamenei met Abdul Latif Rashid in Tehran. Khamenei told Iraq, "
                        "\"American troops must leave\". The United States rejected the demand.");
    int kh = add_actor(a, "Ali Khamenei", "IRN", "IRNGOV");
    int ra = add_actor(a, "Abdul Latif Rashid", "IRQ", "IRQGOV");
    int us = add_actor(a, "United States", "USA", "USA");
    int iq = add_actor(a, "Iraq", "IRQ", "IRQ");
    add_event(a, kh, ra, "043", 2.8, "2023-04-29", 0);
    add_event(a, kh, iq, "1011", -4.0, "", 1);
    add_event(a, us, kh, "120", -4.0, "2023-05-02", 2);
    a->events.v[1].issues = troops;
    a->events.v[1].n_issues = 2;
    a->events.v[2].issues = troops + 1;
    a->events.v[2].n_issues = 1;
    add_quote(a, kh, NULL, "American troops must leave.", 1);
    add_quote(a, -1, "an official", "the demand stands", 2);

    dl_doc *b = new_doc("istanbul.txt", NULL, "2024-01-15", "Russia and Ukraine held talks.");
    int ru = add_actor(b, "Russia", "RUS", "RUS");
    int ua = add_actor(b, "Ukraine", "UKR", "UKR");
    add_event(b, ru, ua, "046", 7.0, "", 0);

    dl_doc *c = new_doc("odd.txt", NULL, "2024-02-10", "O'Brien praised the 100%_Party.");
    int ob = add_actor(c, "O'Brien", NULL, NULL);
    int pa = add_actor(c, "100%_Party", NULL, NULL);
    add_event(c, ob, pa, "051", 3.4, "2024-02-10", 0);
    c->events.v[0].issues = a_b;
    c->events.v[0].n_issues = 1;

    dl_doc *docs[] = {a, b, c};
    for (int i = 0; i < 3; i++) {
        OK(dl_store_put(store, docs[i], NULL) == DL_OK, "%s", dl_store_errmsg(store));
        dl_doc_free(docs[i]);
    }
}

/* ---- counting rows -------------------------------------------------------- */

typedef struct {
    int n;
    long long ids[16];
} seen;

static int on_event(const dl_event_row *r, void *ctx) {
    seen *s = ctx;
    if (s->n < 16) s->ids[s->n] = r->id;
    s->n++;
    return 0;
}

static int on_quote(const dl_quote_row *r, void *ctx) {
    seen *s = ctx;
    if (s->n < 16) s->ids[s->n] = r->id;
    s->n++;
    return 0;
}

static int events(const dl_query *q) {
    seen s = {0};
    dl_status rc = dl_query_events(store, q, on_event, &s);
    OK(rc == DL_OK, "query: %s", dl_store_errmsg(store));
    return rc == DL_OK ? s.n : -1;
}

static int quotes(const dl_query *q) {
    seen s = {0};
    dl_status rc = dl_query_quotes(store, q, on_quote, &s);
    OK(rc == DL_OK, "quotes: %s", dl_store_errmsg(store));
    return rc == DL_OK ? s.n : -1;
}

static int by_actor(const char *actor) { return events(&(dl_query){.actor = actor}); }
static int by_dyad(const char *dyad) { return events(&(dl_query){.dyad = dyad}); }
static int by_cameo(const char *cameo) { return events(&(dl_query){.cameo = cameo}); }
static int by_dates(const char *since, const char *until) {
    return events(&(dl_query){.since = since, .until = until});
}

/* ---- tests ---------------------------------------------------------------- */

static void test_all_in_date_order(void) {
    seen s = {0};
    OK(dl_query_events(store, &(dl_query){0}, on_event, &s) == DL_OK, "%s",
       dl_store_errmsg(store));
    INT_EQ(s.n, 5);
    for (int i = 0; i < 5; i++) INT_EQ(s.ids[i], i + 1);
}

static void test_actor_by_name(void) {
    INT_EQ(by_actor("Ali Khamenei"), 3);
    INT_EQ(by_actor("khamenei"), 3);          /* a whole word, any case */
    INT_EQ(by_actor("  KHAMENEI "), 3);
    INT_EQ(by_actor("ali \t khamenei"), 3);     /* white space runs are one space */
    INT_EQ(by_actor("Kham"), 0);              /* not part of a word */
    INT_EQ(by_actor("Latif Rashid"), 1);
    INT_EQ(by_actor("united states"), 1);
    INT_EQ(by_actor("Iraq"), 1);              /* the name, not Rashid's code */
    INT_EQ(by_actor("o'brien"), 1);
    INT_EQ(by_actor("100%_party"), 1);        /* LIKE wildcards taken literally */
    INT_EQ(by_actor("nobody"), 0);
}

static void test_actor_by_code(void) {
    INT_EQ(by_actor("IRN"), 3);
    INT_EQ(by_actor("IRNGOV"), 3);
    INT_EQ(by_actor("irngov"), 3);
    INT_EQ(by_actor("IRQ"), 2);               /* IRQGOV and IRQ */
    INT_EQ(by_actor("IRQGOV"), 1);
    INT_EQ(by_actor("USA"), 1);
    INT_EQ(by_actor("RUS"), 1);
    INT_EQ(by_actor("IRNMIL"), 0);
}

static void test_dyad(void) {
    INT_EQ(by_dyad("IRN:IRQ"), 2);
    INT_EQ(by_dyad("IRN:IRQGOV"), 1);
    INT_EQ(by_dyad("USA:IRN"), 1);
    INT_EQ(by_dyad("IRN:USA"), 0);
    INT_EQ(by_dyad("khamenei:iraq"), 1);
    INT_EQ(by_dyad(":UKR"), 1);
    INT_EQ(by_dyad("Russia:"), 1);
    INT_EQ(by_dyad("IRN: "), 2);
    INT_EQ(events(&(dl_query){.dyad = "IRN:IRQ", .actor = "Rashid"}), 1);
}

static void test_cameo(void) {
    INT_EQ(by_cameo("04"), 2);                /* 043 and 046 */
    INT_EQ(by_cameo("043"), 1);
    INT_EQ(by_cameo("0431"), 0);
    INT_EQ(by_cameo("10"), 1);
    INT_EQ(by_cameo("1011"), 1);
    INT_EQ(by_cameo("12"), 1);
    INT_EQ(by_cameo("01"), 0);
    INT_EQ(events(&(dl_query){.cameo = "04", .actor = "IRN"}), 1);
}

static void test_dates(void) {
    INT_EQ(by_dates("2023-04-30", NULL), 4);  /* event 2 by its article's date */
    INT_EQ(by_dates(NULL, "2023-04-30"), 2);
    INT_EQ(by_dates("2023-04-30", "2023-04-30"), 1);
    INT_EQ(by_dates("2023-05", "2023-05"), 1);
    INT_EQ(by_dates("2023", "2023"), 3);
    INT_EQ(by_dates("2024", NULL), 2);
    INT_EQ(by_dates(NULL, "2023-04-28"), 0);
    INT_EQ(by_dates("2025-01-01", NULL), 0);
    INT_EQ(events(&(dl_query){.since = "2023", .actor = "USA"}), 1);
}

static void test_article_limit_offset(void) {
    INT_EQ(events(&(dl_query){.article = 1}), 3);
    INT_EQ(events(&(dl_query){.article = 2}), 1);
    INT_EQ(events(&(dl_query){.article = 99}), 0);
    INT_EQ(events(&(dl_query){.limit = 2}), 2);
    INT_EQ(events(&(dl_query){.offset = 3}), 2);
    INT_EQ(events(&(dl_query){.limit = 1, .offset = 4}), 1);
    INT_EQ(events(&(dl_query){.offset = 5}), 0);
    seen s = {0};
    dl_query_events(store, &(dl_query){.limit = 2, .offset = 1}, on_event, &s);
    INT_EQ(s.ids[0], 2);
    INT_EQ(s.ids[1], 3);
}

/* An issue matches as a whole code of the list, in any case; LIKE's
 * wildcards in the value are plain characters. */
static void test_issue(void) {
    INT_EQ(events(&(dl_query){.issue = "TROOPS"}), 1);
    INT_EQ(events(&(dl_query){.issue = "WITHDRAWAL"}), 2);     /* second of two, and alone */
    INT_EQ(events(&(dl_query){.issue = "withdrawal"}), 2);
    INT_EQ(events(&(dl_query){.issue = "TROOP"}), 0);          /* not a part of a code */
    INT_EQ(events(&(dl_query){.issue = "ROOPS"}), 0);
    INT_EQ(events(&(dl_query){.issue = "A_B"}), 1);
    INT_EQ(events(&(dl_query){.issue = "AXB"}), 0);
    INT_EQ(events(&(dl_query){.issue = "A%"}), 0);
    INT_EQ(events(&(dl_query){.issue = "WITHDRAWAL", .actor = "USA"}), 1);
    seen s = {0};
    dl_query_events(store, &(dl_query){.issue = "TROOPS"}, on_event, &s);
    INT_EQ(s.ids[0], 2);
}

static void test_quotes(void) {
    INT_EQ(quotes(&(dl_query){0}), 2);
    INT_EQ(quotes(&(dl_query){.actor = "khamenei"}), 1);
    INT_EQ(quotes(&(dl_query){.actor = "IRN"}), 1);
    INT_EQ(quotes(&(dl_query){.actor = "official"}), 1);   /* a speaker with no actor */
    INT_EQ(quotes(&(dl_query){.actor = "USA"}), 0);
    INT_EQ(quotes(&(dl_query){.since = "2024"}), 0);
    INT_EQ(quotes(&(dl_query){.until = "2023-04"}), 2);
    INT_EQ(quotes(&(dl_query){.article = 2}), 0);
}

/* User strings are bound, never spliced into SQL: they match nothing and
 * break nothing. */
static void test_hostile_filters(void) {
    static const char *const evil[] = {
        "x' OR 1=1 --", "x\" OR 1=1 --", "'; DROP TABLE events; --", "%", "_", "%%", "\\",
        "IRN' OR '1'='1", ") OR (1=1", "\xff\xfe", "IRN\xf4\x8f\xbf\xbf",
    };
    for (size_t i = 0; i < sizeof evil / sizeof *evil; i++) {
        INT_EQ(by_actor(evil[i]), 0);
        INT_EQ(events(&(dl_query){.issue = evil[i]}), 0);
        INT_EQ(quotes(&(dl_query){.actor = evil[i]}), 0);
        char dyad[64];
        snprintf(dyad, sizeof dyad, "%s:%s", "IRN", evil[i]);
        if (!strchr(evil[i], ':')) INT_EQ(by_dyad(dyad), 0);
    }
    INT_EQ(events(&(dl_query){0}), 5);        /* everything still there */
    INT_EQ(quotes(&(dl_query){0}), 2);
}

static void expect_usage(const dl_query *q, dl_query_kind kind, const char *want) {
    char err[256];
    dl_status rc = dl_query_check(q, kind, err, sizeof err);
    INT_EQ(rc, DL_ERR_USAGE);
    OK(strstr(err, want) != NULL, "'%s' should mention '%s'", err, want);
}

static void test_bad_filters(void) {
    expect_usage(&(dl_query){.dyad = "IRN"}, DL_QUERY_EVENTS, "dyad 'IRN'");
    expect_usage(&(dl_query){.dyad = "A:B:C"}, DL_QUERY_EVENTS, "one ':'");
    expect_usage(&(dl_query){.dyad = " : "}, DL_QUERY_EVENTS, "neither side");
    expect_usage(&(dl_query){.cameo = "4"}, DL_QUERY_EVENTS, "cameo '4'");
    expect_usage(&(dl_query){.cameo = "04' --"}, DL_QUERY_EVENTS, "cameo");
    expect_usage(&(dl_query){.since = "yesterday"}, DL_QUERY_EVENTS, "since 'yesterday'");
    expect_usage(&(dl_query){.until = "2023-13-01"}, DL_QUERY_EVENTS, "until '2023-13-01'");
    expect_usage(&(dl_query){.until = "2023-1-1"}, DL_QUERY_EVENTS, "until");
    expect_usage(&(dl_query){.actor = " "}, DL_QUERY_EVENTS, "actor is empty");
    expect_usage(&(dl_query){.limit = -1}, DL_QUERY_EVENTS, "limit");
    expect_usage(&(dl_query){.dyad = "A:B"}, DL_QUERY_QUOTES, "quotes");
    expect_usage(&(dl_query){.cameo = "04"}, DL_QUERY_QUOTES, "quotes");
    expect_usage(&(dl_query){.issue = " "}, DL_QUERY_EVENTS, "issue is empty");
    expect_usage(&(dl_query){.issue = "A,B"}, DL_QUERY_EVENTS, "issue 'A,B' is not one issue code");
    expect_usage(&(dl_query){.issue = "A"}, DL_QUERY_QUOTES, "issue does not apply to quotes");
    /* the query calls check too, and report through the store */
    seen s = {0};
    INT_EQ(dl_query_events(store, &(dl_query){.cameo = "x"}, on_event, &s), DL_ERR_USAGE);
    OK(strstr(dl_store_errmsg(store), "cameo 'x'") != NULL, "%s", dl_store_errmsg(store));
    INT_EQ(s.n, 0);
    char err[64];
    INT_EQ(dl_query_check(&(dl_query){.actor = "IRN", .dyad = "A:B", .cameo = "04",
                                       .since = "2023", .until = "2023-04-30", .limit = 3},
                          DL_QUERY_EVENTS, err, sizeof err), DL_OK);
}

static int stop_after_one(const dl_event_row *r, void *ctx) {
    (void)r;
    (*(int *)ctx)++;
    return 1;
}

static void test_callback_stops(void) {
    int n = 0;
    OK(dl_query_events(store, &(dl_query){0}, stop_after_one, &n) == DL_OK, "stop is not failure");
    INT_EQ(n, 1);
}

/* ---- writers ---------------------------------------------------------------- */

/* Runs an events (or quotes) query through a writer into a string. */
static char *render(dl_out_format fmt, dl_query_kind kind, const dl_query *q) {
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    dl_query_writer w;
    dl_query_writer_begin(&w, fp, fmt, kind);
    if (kind == DL_QUERY_EVENTS) dl_query_events(store, q, dl_query_write_event, &w);
    else dl_query_quotes(store, q, dl_query_write_quote, &w);
    fclose(fp);
    return buf;
}

static int lines(const char *s) {
    int n = 0;
    for (; *s; s++) n += *s == '\n';
    return n;
}

static void test_format_parse(void) {
    dl_out_format f;
    OK(dl_out_format_parse("csv", &f) == 0 && f == DL_OUT_CSV, "csv");
    OK(dl_out_format_parse("table", &f) == 0 && f == DL_OUT_TABLE, "table");
    OK(dl_out_format_parse("xml", &f) != 0, "xml is not a format");
    OK(dl_out_format_parse(NULL, &f) != 0, "NULL is not a format");
}

static void test_tsv(void) {
    char *out = render(DL_OUT_TSV, DL_QUERY_EVENTS, &(dl_query){0});
    OK(strncmp(out, dl_tsv_header(), strlen(dl_tsv_header())) == 0, "TSV starts with the header");
    INT_EQ(lines(out), 6);
    /* every row has as many fields as the header */
    int tabs_header = 0;
    for (const char *p = dl_tsv_header(); *p; p++) tabs_header += *p == '\t';
    const char *row = strchr(out, '\n') + 1;
    int tabs = 0;
    for (const char *p = row; *p && *p != '\n'; p++) tabs += *p == '\t';
    INT_EQ(tabs, tabs_header);
    OK(strstr(out, "1\t2023-04-29\tIRNGOV\tAli Khamenei\tIRN\tIRQGOV\tAbdul Latif Rashid\tIRQ\t"
                   "043\t04\t1\t2.8\tCONSULT\t\t0.75\t\thttps://example.com/tehran\t"
                   "Ali Khamenei met Abdul Latif Rashid in Tehran.\t1\t\t"), "row 1:\n%s", out);
    free(out);
    out = render(DL_OUT_TSV, DL_QUERY_QUOTES, &(dl_query){0});
    OK(strncmp(out, "quote_id\tdate\t", 14) == 0, "quotes header");
    INT_EQ(lines(out), 3);
    free(out);
}

static void test_csv(void) {
    char *out = render(DL_OUT_CSV, DL_QUERY_EVENTS, &(dl_query){.cameo = "1011"});
    OK(strncmp(out, "event_id,date,source_code,", 26) == 0, "CSV header:\n%s", out);
    INT_EQ(lines(out), 2);
    /* the sentence holds a comma and quotes: quoted, quotes doubled */
    OK(strstr(out, ",\"Khamenei told Iraq, \"\"American troops must leave\"\".\",1,"
                   "\"TROOPS,WITHDRAWAL\",") != NULL,
       "quoted field:\n%s", out);
    free(out);
}

static void test_json_lines(void) {
    char *out = render(DL_OUT_JSON, DL_QUERY_EVENTS, &(dl_query){.actor = "IRN"});
    INT_EQ(lines(out), 3);
    json_error_t jerr;
    json_t *o = json_loadb(out, strchr(out, '\n') - out, 0, &jerr);
    OK(o != NULL, "first line parses: %s", jerr.text);
    STR_EQ(json_string_value(json_object_get(o, "cameo")), "043");
    STR_EQ(json_string_value(json_object_get(o, "source_name")), "Ali Khamenei");
    STR_EQ(json_string_value(json_object_get(o, "date")), "2023-04-29");
    OK(json_real_value(json_object_get(o, "goldstein")) == 2.8, "goldstein 2.8");
    OK(json_real_value(json_object_get(o, "confidence")) == 0.75, "confidence 0.75");
    INT_EQ(json_integer_value(json_object_get(o, "article_id")), 1);
    INT_EQ(json_integer_value(json_object_get(o, "n_sentences")), 1);
    json_t *issues = json_object_get(o, "issues");
    OK(json_is_array(issues) && !json_array_size(issues), "no issues is []");
    OK(strstr(out, "\"issues\":[\"TROOPS\",\"WITHDRAWAL\"]") != NULL, "issues listed:\n%s", out);
    OK(json_is_null(json_object_get(o, "place")), "no place is null");
    OK(strstr(out, "\"goldstein\":2.8,") != NULL, "short numbers:\n%s", out);
    json_decref(o);
    free(out);
    out = render(DL_OUT_JSON, DL_QUERY_QUOTES, &(dl_query){0});
    INT_EQ(lines(out), 2);
    OK(strstr(out, "\"speaker_name\":\"an official\"") != NULL, "%s", out);
    free(out);
}

static void test_table(void) {
    char *out = render(DL_OUT_TABLE, DL_QUERY_EVENTS, &(dl_query){0});
    INT_EQ(lines(out), 6);
    OK(strncmp(out, "DATE        SOURCE", 18) == 0, "header:\n%s", out);
    /* columns line up: CAMEO starts at the same place in every line */
    const char *line = out;
    size_t col = strstr(out, "CAMEO") - out;
    for (int i = 0; i < 6; i++) {
        const char *nl = strchr(line, '\n');
        if (!nl) break;
        OK((size_t)(nl - line) > col, "line %d is long enough", i);
        if (i == 2) OK(strncmp(line + col, "1011", 4) == 0, "cameo column: %.40s", line + col);
        line = nl + 1;
    }
    OK(strstr(out, "2023-04-29  Ali Khamenei            043    Abdul Latif Rashid        2.8  "
                   "Ali Khamenei met Abdul Latif Rashid in Tehran.\n") != NULL,
       "row 1:\n%s", out);
    OK(strstr(out, "Khamenei told Iraq, \"American troops must leave\".\n") != NULL,
       "row 2 ends with its own sentence:\n%s", out);
    free(out);
    out = render(DL_OUT_TABLE, DL_QUERY_QUOTES, &(dl_query){0});
    OK(strncmp(out, "DATE        SPEAKER", 19) == 0, "quotes header:\n%s", out);
    INT_EQ(lines(out), 3);
    free(out);
}

static void test_table_cuts_long_text(void) {
    dl_doc *d = new_doc("long.txt", NULL, "2024-03-01",
                        "Représentants of the Organisation für Sicherheit und Zusammenarbeit in "
                        "Europa met Mr. Ünal and the delegates for a very long meeting today.");
    int a = add_actor(d, "Organisation für Sicherheit und Zusammenarbeit in Europa", NULL, "IGO");
    int b = add_actor(d, "Ünal", "TUR", "TUR");
    add_event(d, a, b, "040", 1.0, "", 0);
    OK(dl_store_put(store, d, NULL) == DL_OK, "%s", dl_store_errmsg(store));
    dl_doc_free(d);
    char *out = render(DL_OUT_TABLE, DL_QUERY_EVENTS, &(dl_query){.actor = "IGO"});
    OK(strstr(out, "2024-03-01  Organisation für Si...  040    Ünal                      1.0  "
                   "Représentants of the Organisation für Sicherheit und Zusa...\n") != NULL,
       "cut at 22 and 60 characters, not bytes:\n%s", out);
    free(out);
}

/* ---- stretch filters and aggregates ------------------------------------------ */

static void test_root_quad_plover(void) {
    INT_EQ(events(&(dl_query){.root = "04"}), 2);
    INT_EQ(events(&(dl_query){.root = "10"}), 1);
    INT_EQ(events(&(dl_query){.root = "19"}), 0);
    INT_EQ(events(&(dl_query){.quad = 3}), 2);
    INT_EQ(events(&(dl_query){.quad = 1}), 3);
    INT_EQ(events(&(dl_query){.quad = 4}), 0);
    INT_EQ(events(&(dl_query){.plover = "consult"}), 3);
    INT_EQ(events(&(dl_query){.plover = "ACCUSE"}), 2);
    INT_EQ(events(&(dl_query){.plover = "x' OR 1=1 --"}), 0);
    INT_EQ(events(&(dl_query){.quad = 3, .actor = "USA"}), 1);
    expect_usage(&(dl_query){.quad = 5}, DL_QUERY_EVENTS, "quad 5");
    expect_usage(&(dl_query){.root = "4"}, DL_QUERY_EVENTS, "root '4'");
    expect_usage(&(dl_query){.root = "043"}, DL_QUERY_EVENTS, "root");
    expect_usage(&(dl_query){.quad = 1}, DL_QUERY_QUOTES, "quad does not apply to quotes");
    expect_usage(&(dl_query){.dated = 1}, DL_QUERY_QUOTES, "dated does not apply to quotes");
    expect_usage(&(dl_query){.country_level = 1}, DL_QUERY_QUOTES, "level does not apply to quotes");
    expect_usage(&(dl_query){.actor = "x"}, DL_QUERY_ARTICLES, "actor does not apply to articles");
    expect_usage(&(dl_query){.min_confidence = 1.5}, DL_QUERY_EVENTS, "min_confidence 1.5");
    expect_usage(&(dl_query){.cameo = "04,"}, DL_QUERY_EVENTS, "cameo '04,'");
    expect_usage(&(dl_query){.cameo = "01,02,03,04,05,06,07,08,09,10,11,12,13,14,15,16,17"},
                 DL_QUERY_EVENTS, "at most 16");
    expect_usage(&(dl_query){.text = "  "}, DL_QUERY_EVENTS, "text is empty");
}

static int by_text(const char *text) { return events(&(dl_query){.text = text}); }

static void test_full_text(void) {
    INT_EQ(by_text("troops"), 1);
    INT_EQ(by_text("Khamenei"), 2);          /* sentences 1 and 2 of the first article */
    INT_EQ(by_text("KHAMENEI tehran"), 1);   /* every word */
    INT_EQ(by_text("united states"), 1);
    INT_EQ(by_text("unit*"), 1);             /* a prefix */
    INT_EQ(by_text("uni"), 0);
    INT_EQ(by_text("khamenei ukraine"), 0);
    INT_EQ(events(&(dl_query){.text = "khamenei", .cameo = "04"}), 1);
    /* FTS5 syntax in the input is taken as words, never as operators */
    INT_EQ(by_text("and"), 1);               /* "Russia and Ukraine" */
    INT_EQ(by_text("russia OR khamenei"), 0);
    INT_EQ(by_text("NEAR(russia ukraine)"), 0);
    INT_EQ(by_text("x\" OR 1=1 --"), 0);
    INT_EQ(by_text("\""), 0);
    INT_EQ(by_text("*"), 0);
    INT_EQ(by_text("sentence:russia"), 0);
    INT_EQ(by_text("'; DROP TABLE events; --"), 0);
    INT_EQ(events(&(dl_query){0}), 5);
}

typedef struct {
    int n;
    char rows[16][128];
} agg_seen;

static int on_agg(const dl_agg_row *r, void *ctx) {
    agg_seen *a = ctx;
    if (a->n >= 16) return 1;
    char *p = a->rows[a->n++];
    size_t left = sizeof a->rows[0];
    for (int i = 0; i < r->ncol; i++) {
        const dl_store_value *v = &r->vals[i];
        int w = v->type == DL_VAL_INT    ? snprintf(p, left, "%s%lld", i ? "|" : "", v->i)
                : v->type == DL_VAL_REAL ? snprintf(p, left, "%s%.1f", i ? "|" : "", v->d)
                : v->type == DL_VAL_TEXT ? snprintf(p, left, "%s%s", i ? "|" : "", v->s)
                                         : snprintf(p, left, "%sNULL", i ? "|" : "");
        p += w;
        left -= (size_t)w;
    }
    return 0;
}

static agg_seen aggregate(dl_agg agg, const dl_query *q) {
    agg_seen a = {0};
    dl_status rc = dl_query_aggregate(store, q, agg, on_agg, &a);
    OK(rc == DL_OK, "aggregate: %s", dl_store_errmsg(store));
    return a;
}

/* A fifth article, dated 2025, where one dyad repeats within a week. */
static void add_dyad_article(void) {
    dl_doc *d = new_doc("dyads.txt", NULL, "2025-06-01",
                        "Alpha met Beta. Alpha praised Beta. Alpha accused Beta. "
                        "Beta thanked Alpha.");
    int al = add_actor(d, "Alpha", "AAA", "AAA");
    int be = add_actor(d, "Beta", "BBB", "BBB");
    add_event(d, al, be, "040", 1.5, "2025-06-02", 0);   /* Monday */
    add_event(d, al, be, "051", 2.0, "2025-06-08", 1);   /* Sunday, same week */
    add_event(d, al, be, "112", -3.0, "2025-07-01", 2);
    add_event(d, be, al, "051", 4.0, "2025-06-03", 3);
    OK(dl_store_put(store, d, NULL) == DL_OK, "%s", dl_store_errmsg(store));
    dl_doc_free(d);
}

static void test_count_by(void) {
    add_dyad_article();
    dl_query q = {.since = "2025"};
    agg_seen a = aggregate(DL_AGG_WEEK, &q);
    INT_EQ(a.n, 3);
    STR_EQ(a.rows[0], "2025-06-02|AAA|BBB|2|2|0|3.5");
    STR_EQ(a.rows[1], "2025-06-02|BBB|AAA|1|1|0|4.0");
    STR_EQ(a.rows[2], "2025-06-30|AAA|BBB|1|0|1|-3.0");
    a = aggregate(DL_AGG_MONTH, &q);
    INT_EQ(a.n, 3);
    STR_EQ(a.rows[0], "2025-06|AAA|BBB|2|2|0|3.5");
    STR_EQ(a.rows[2], "2025-07|AAA|BBB|1|0|1|-3.0");
    a = aggregate(DL_AGG_DAY, &q);
    INT_EQ(a.n, 4);
    STR_EQ(a.rows[1], "2025-06-03|BBB|AAA|1|1|0|4.0");
    a = aggregate(DL_AGG_MONTH, &(dl_query){.since = "2025", .dyad = "BBB:"});
    INT_EQ(a.n, 1);
    a = aggregate(DL_AGG_MONTH, &(dl_query){.until = "2023"});
    INT_EQ(a.n, 3);                           /* actors without codes group by name */
    a = aggregate(DL_AGG_MONTH, &(dl_query){.since = "2024-02", .until = "2024-02"});
    INT_EQ(a.n, 1);
    STR_EQ(a.rows[0], "2024-02|O'Brien|100%_Party|1|1|0|3.4");
    a = aggregate(DL_AGG_MONTH, &(dl_query){.since = "2025", .limit = 1, .offset = 1});
    INT_EQ(a.n, 1);
    STR_EQ(a.rows[0], "2025-06|BBB|AAA|1|1|0|4.0");
}

static void test_top(void) {
    agg_seen a = aggregate(DL_AGG_TOP_ACTORS, &(dl_query){.since = "2025"});
    INT_EQ(a.n, 2);
    STR_EQ(a.rows[0], "Alpha|AAA|4|4.5");
    STR_EQ(a.rows[1], "Beta|BBB|4|4.5");
    a = aggregate(DL_AGG_TOP_ACTORS, &(dl_query){.until = "2023", .limit = 1});
    INT_EQ(a.n, 1);
    STR_EQ(a.rows[0], "Ali Khamenei|IRNGOV|3|-5.2");
    a = aggregate(DL_AGG_TOP_SPEAKERS, &(dl_query){0});
    INT_EQ(a.n, 2);
    STR_EQ(a.rows[0], "Ali Khamenei|IRNGOV|1");
    STR_EQ(a.rows[1], "an official|NULL|1");
    a = aggregate(DL_AGG_TOP_SPEAKERS, &(dl_query){.actor = "x' OR 1=1 --"});
    INT_EQ(a.n, 0);
    /* speakers are filtered as quotes: event filters do not apply */
    INT_EQ(dl_query_aggregate(store, &(dl_query){.cameo = "04"}, DL_AGG_TOP_SPEAKERS, on_agg,
                              &a), DL_ERR_USAGE);
    INT_EQ(dl_query_aggregate(store, &(dl_query){0}, (dl_agg)99, on_agg, &a), DL_ERR_USAGE);
    dl_agg g;
    OK(dl_agg_parse_period("week", &g) == 0 && g == DL_AGG_WEEK, "week");
    OK(dl_agg_parse_period("actors", &g) != 0, "actors is not a period");
    OK(dl_agg_parse_top("speakers", &g) == 0 && g == DL_AGG_TOP_SPEAKERS, "speakers");
    OK(dl_agg_parse_top("day", &g) != 0, "day is not a top list");
    INT_EQ(dl_agg_kind(DL_AGG_TOP_SPEAKERS), DL_QUERY_QUOTES);
}

static void test_agg_writers(void) {
    dl_query q = {.since = "2025"};
    const dl_out_format fmts[] = {DL_OUT_TABLE, DL_OUT_JSON, DL_OUT_CSV, DL_OUT_TSV};
    const char *const want[] = {
        "PERIOD      SOURCE                  TARGET                     EVENTS  COOPERATION   CONFLICT"
        "  GOLDSTEIN\n"
        "2025-06     AAA                     BBB                             2          2          0"
        "        3.5\n",
        "{\"period\":\"2025-06\",\"source\":\"AAA\",\"target\":\"BBB\",\"events\":2,"
        "\"cooperation\":2,\"conflict\":0,\"goldstein\":3.5}\n",
        "period,source,target,events,cooperation,conflict,goldstein\n2025-06,AAA,BBB,2,2,0,3.5\n",
        "period\tsource\ttarget\tevents\tcooperation\tconflict\tgoldstein\n"
        "2025-06\tAAA\tBBB\t2\t2\t0\t3.5\n"};
    for (int i = 0; i < 4; i++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *fp = open_memstream(&buf, &len);
        dl_query_writer w;
        dl_query_writer_begin_agg(&w, fp, fmts[i], DL_AGG_MONTH);
        dl_query_aggregate(store, &q, DL_AGG_MONTH, dl_query_write_agg, &w);
        fclose(fp);
        OK(strncmp(buf, want[i], strlen(want[i])) == 0, "format %d:\n%s", i, buf);
        INT_EQ(w.rows, 3);
        free(buf);
    }
}

/* ---- country level, event_days, new filters (issue 14) ---------------------- */

static void test_country_level(void) {
    INT_EQ(events(&(dl_query){.actor = "USA", .country_level = 1, .until = "2023"}), 1);
    INT_EQ(events(&(dl_query){.actor = "irn", .country_level = 1, .until = "2023"}), 3);
    /* a code is not a country: IRNGOV folds into IRN */
    INT_EQ(events(&(dl_query){.actor = "IRNGOV", .country_level = 1}), 0);
    INT_EQ(events(&(dl_query){.dyad = "IRN:IRQ", .country_level = 1}), 2);
    INT_EQ(events(&(dl_query){.dyad = ":IRN", .country_level = 1}), 1);
    /* the dyads at country level: IRNGOV and IRQGOV are IRN and IRQ */
    agg_seen a = aggregate(DL_AGG_DYADS, &(dl_query){.country_level = 1, .until = "2023"});
    INT_EQ(a.n, 2);
    STR_EQ(a.rows[0], "IRN|IRQ|2|1|1|-1.2");
    STR_EQ(a.rows[1], "USA|IRN|1|0|1|-4.0");
    /* a list of dyads, the sides whole */
    INT_EQ(events(&(dl_query){.dyads = "IRN:IRQ,USA:IRN", .country_level = 1, .until = "2023"}), 3);
    INT_EQ(events(&(dl_query){.dyads = "IRQ:IRN,USA:IRN", .country_level = 1, .until = "2023"}), 1);
    a = aggregate(DL_AGG_MONTH, &(dl_query){.dyads = "USA:IRN", .country_level = 1});
    INT_EQ(a.n, 1);
    STR_EQ(a.rows[0], "2023-05|USA|IRN|1|0|1|-4.0");
    expect_usage(&(dl_query){.dyads = "IRN:IRQ"}, DL_QUERY_EVENTS, "needs the country level");
    expect_usage(&(dl_query){.dyads = "IRN:IRQ,IRN", .country_level = 1}, DL_QUERY_EVENTS,
                 "dyads 'IRN:IRQ,IRN'");
    expect_usage(&(dl_query){.dyads = ":IRQ", .country_level = 1}, DL_QUERY_EVENTS, "dyads ':IRQ'");
    /* actors without a country or organisation code have no country side */
    a = aggregate(DL_AGG_DYADS, &(dl_query){.country_level = 1, .since = "2024-02", .until = "2024-02"});
    INT_EQ(a.n, 0);
    a = aggregate(DL_AGG_DYADS, &(dl_query){.since = "2024-02", .until = "2024-02"});
    INT_EQ(a.n, 1);
    STR_EQ(a.rows[0], "O'Brien|100%_Party|1|1|0|3.4");
    /* actor codes by events, from the code indexes */
    a = aggregate(DL_AGG_TOP_CODES, &(dl_query){.until = "2023"});
    INT_EQ(a.n, 4);
    STR_EQ(a.rows[0], "IRNGOV|3");
    STR_EQ(a.rows[1], "IRQ|1");
    STR_EQ(a.rows[3], "USA|1");
    a = aggregate(DL_AGG_TOP_CODES, &(dl_query){.until = "2023", .cameo = "12"});
    INT_EQ(a.n, 2);
    STR_EQ(a.rows[0], "IRNGOV|1");
    STR_EQ(a.rows[1], "USA|1");
}

/* Every aggregate event_days can answer gives the rows the events table
 * gives (a min_confidence every event passes sends the same query there). */
static void test_event_days_agree(void) {
    const dl_agg aggs[] = {DL_AGG_DAY, DL_AGG_WEEK, DL_AGG_MONTH, DL_AGG_TOTAL_DAY,
                           DL_AGG_TOTAL_WEEK, DL_AGG_TOTAL_MONTH, DL_AGG_DYADS,
                           DL_AGG_TOP_ACTORS};
    const dl_query qs[] = {
        {.country_level = 1},
        {.country_level = 1, .since = "2023-05", .until = "2025-06"},
        {.country_level = 1, .actor = "IRN"},
        {.country_level = 1, .dyad = "AAA:BBB", .quad = 1},
        {.country_level = 1, .root = "05"},
        {.country_level = 1, .cameo = "11", .dated = 1},
        {.country_level = 1, .dyads = "IRN:IRQ,AAA:BBB,USA:IRN"},
        {.until = "2024"},   /* actor level: the totals only */
    };
    for (size_t i = 0; i < sizeof aggs / sizeof *aggs; i++)
        for (size_t k = 0; k < sizeof qs / sizeof *qs; k++) {
            if (!qs[k].country_level && aggs[i] < DL_AGG_TOTAL_DAY) continue;
            if (!qs[k].country_level && aggs[i] > DL_AGG_TOTAL_MONTH) continue;
            dl_query direct = qs[k];
            direct.min_confidence = 0.01;
            agg_seen a = aggregate(aggs[i], &qs[k]), b = aggregate(aggs[i], &direct);
            OK(a.n == b.n, "aggregate %d, query %zu: %d rows from event_days, %d from events",
               aggs[i], k, a.n, b.n);
            for (int r = 0; r < a.n && r < b.n; r++)
                OK(!strcmp(a.rows[r], b.rows[r]), "aggregate %d, query %zu, row %d: %s vs %s",
                   aggs[i], k, r, a.rows[r], b.rows[r]);
        }
    agg_seen t = aggregate(DL_AGG_TOTAL_MONTH, &(dl_query){.until = "2024"});
    OK(t.n >= 3, "%d months", t.n);
    STR_EQ(t.rows[0], "2023-04|2|1|0|1|0|-1.2");   /* quads 1 and 3 */
}

static long long first_id(const dl_query *q) {
    seen s = {0};
    dl_query_events(store, q, on_event, &s);
    return s.n ? s.ids[0] : -1;
}

static long long last_id(const dl_query *q) {
    seen s = {0};
    dl_query_events(store, q, on_event, &s);
    return s.n ? s.ids[s.n < 16 ? s.n - 1 : 15] : -1;
}

static void test_undated_last(void) {
    int before = events(&(dl_query){0});
    dl_doc *d = new_doc("undated.txt", NULL, NULL, "Alpha met Beta.");
    int al = add_actor(d, "Alpha", "AAA", "AAA");
    int be = add_actor(d, "Beta", "BBB", "BBB");
    add_event(d, al, be, "040", 1.0, "", 0);
    OK(dl_store_put(store, d, NULL) == DL_OK, "%s", dl_store_errmsg(store));
    dl_doc_free(d);
    INT_EQ(events(&(dl_query){0}), before + 1);
    long long undated = last_id(&(dl_query){.actor = "AAA"});
    OK(undated > 0, "the undated event is listed");
    INT_EQ(last_id(&(dl_query){.actor = "AAA", .newest = 1}), undated);   /* last both ways */
    INT_EQ(events(&(dl_query){.dated = 1}), before);
    INT_EQ(first_id(&(dl_query){.newest = 1, .until = "2023"}), 3);
    INT_EQ(first_id(&(dl_query){.until = "2023"}), 1);
    /* aggregates put the undated in one last row whose period is NULL */
    agg_seen a = aggregate(DL_AGG_TOTAL_WEEK, &(dl_query){.actor = "AAA", .country_level = 1});
    OK(a.n >= 2 && !strncmp(a.rows[a.n - 1], "NULL|1|", 7), "undated row last: %s",
       a.n ? a.rows[a.n - 1] : "");
}

static void test_confidence_and_cameo_list(void) {
    int all = events(&(dl_query){0});
    INT_EQ(events(&(dl_query){.min_confidence = 0.75}), all);   /* stored 0.75 */
    INT_EQ(events(&(dl_query){.min_confidence = 0.8}), 0);
    INT_EQ(events(&(dl_query){.cameo = "043,120", .until = "2023"}), 2);
    INT_EQ(events(&(dl_query){.cameo = "043,120,04", .until = "2023"}), 2);
    INT_EQ(events(&(dl_query){.cameo = "046,051", .until = "2024"}), 2);
}

static void test_quote_text(void) {
    INT_EQ(quotes(&(dl_query){.text = "troops must"}), 1);
    INT_EQ(quotes(&(dl_query){.text = "  TROOPS   must "}), 1);
    INT_EQ(quotes(&(dl_query){.text = "must troops"}), 0);   /* a phrase, in order */
    INT_EQ(quotes(&(dl_query){.text = "100%"}), 0);          /* LIKE's wildcards are text */
    INT_EQ(quotes(&(dl_query){.text = "_"}), 0);
    INT_EQ(quotes(&(dl_query){.text = "demand", .actor = "official"}), 1);
}

typedef struct {
    int n;
    char titles[16][64];
} articles_seen;

static int on_article(const dl_article_row *r, void *ctx) {
    articles_seen *a = ctx;
    if (a->n < 16) snprintf(a->titles[a->n], sizeof a->titles[0], "%s|%lld|%lld", r->title, r->events, r->quotes);
    a->n++;
    return 0;
}

static articles_seen articles(const dl_query *q) {
    articles_seen a = {0};
    OK(dl_query_articles(store, q, on_article, &a) == DL_OK, "%s", dl_store_errmsg(store));
    return a;
}

static void test_articles(void) {
    articles_seen a = articles(&(dl_query){0});
    OK(a.n >= 5, "%d articles", a.n);
    STR_EQ(a.titles[0], "dyads.txt|4|0");               /* newest first: 2025-06-01 */
    STR_EQ(a.titles[a.n - 1], "undated.txt|1|0");       /* undated last */
    a = articles(&(dl_query){.text = "TEHRAN"});
    INT_EQ(a.n, 1);
    STR_EQ(a.titles[0], "tehran.txt|3|2");
    a = articles(&(dl_query){.since = "2024", .until = "2024"});
    OK(a.n >= 2, "%d articles of 2024", a.n);
    for (int i = 0; i < a.n && i < 16; i++)
        OK(strcmp(a.titles[i], "tehran.txt|3|2") && strcmp(a.titles[i], "dyads.txt|4|0"),
           "%s is not of 2024", a.titles[i]);
    a = articles(&(dl_query){.text = "%"});
    INT_EQ(a.n, 0);
}

/* Writes the first event as a GDELT row and keeps its stable id. */
typedef struct {
    dl_query_writer w;
    long long global_id;
} gdelt_ctx;

static int gdelt_one(const dl_event_row *r, void *ctx) {
    gdelt_ctx *g = ctx;
    g->global_id = r->global_id;
    dl_query_write_gdelt(r, &g->w);
    return 1;
}

/* Splits a line at TABs into fields[] (at most 64); returns their number. */
static int split_tabs(char *line, char **fields) {
    int n = 0;
    for (char *p = line; n < 64;) {
        fields[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab) break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

static void test_gdelt(void) {
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    /* the tables `code --format gdelt` reads: code parts and gazetteer */
    struct dl_code_parts *parts = NULL;
    struct dl_gazetteer *gaz = NULL;
    char err[256];
    OK(dl__geo_tables_load(DL_TEST_DATA "/../../data", &parts, &gaz, err, sizeof err) == DL_OK &&
       parts && gaz, "tables: %s", err);
    gdelt_ctx g = {.w = {.fp = fp, .parts = parts, .gazetteer = gaz, .date_added = "20240308121320"}};
    dl_query_events(store, &(dl_query){.cameo = "043"}, gdelt_one, &g);
    fclose(fp);
    dl_code_parts_free(parts);
    dl_gazetteer_free(gaz);
    OK(len > 0 && buf[len - 1] == '\n', "one line");
    buf[len - 1] = '\0';
    char *f[64];
    INT_EQ(split_tabs(buf, f), 61);
    STR_EQ(f[4], "2023.3260");   /* 2023 + (3 * 30 + 29) / 365 */
    char id[32];
    snprintf(id, sizeof id, "%lld", g.global_id);
    OK(g.global_id > 0, "the event has a stable id");
    STR_EQ(f[0], id);            /* GLOBALEVENTID: the stable id, as `code` gives it */
    STR_EQ(f[1], "20230429");
    STR_EQ(f[2], "202304");
    STR_EQ(f[3], "2023");
    STR_EQ(f[5], "IRNGOV");
    STR_EQ(f[6], "Ali Khamenei");
    STR_EQ(f[7], "IRN");
    STR_EQ(f[12], "GOV");
    STR_EQ(f[15], "IRQGOV");
    STR_EQ(f[17], "IRQ");
    STR_EQ(f[26], "043");
    STR_EQ(f[27], "043");
    STR_EQ(f[28], "04");
    STR_EQ(f[29], "1");
    STR_EQ(f[30], "2.8");
    STR_EQ(f[31], "1");
    STR_EQ(f[25], "0");          /* IsRootEvent: the paragraph is not stored */
    STR_EQ(f[35], "0");          /* Actor1Geo_Type: Khamenei (IRNGOV) is not a place */
    STR_EQ(f[59], "20240308121320");
    STR_EQ(f[60], "https://example.com/tehran");
    free(buf);
}

int main(void) {
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/dl-query-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(dbpath, sizeof dbpath, "%s/q.db", tmpdir);
    char err[512];
    if (dl_store_open(dbpath, &store, err, sizeof err) != DL_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    fill_store();
    RUN(test_all_in_date_order);
    RUN(test_actor_by_name);
    RUN(test_actor_by_code);
    RUN(test_dyad);
    RUN(test_cameo);
    RUN(test_dates);
    RUN(test_article_limit_offset);
    RUN(test_issue);
    RUN(test_quotes);
    RUN(test_hostile_filters);
    RUN(test_bad_filters);
    RUN(test_callback_stops);
    RUN(test_format_parse);
    RUN(test_tsv);
    RUN(test_csv);
    RUN(test_json_lines);
    RUN(test_table);
    RUN(test_root_quad_plover);
    RUN(test_full_text);
    RUN(test_count_by);
    RUN(test_top);
    RUN(test_agg_writers);
    RUN(test_table_cuts_long_text);
    RUN(test_country_level);
    RUN(test_event_days_agree);
    RUN(test_confidence_and_cameo_list);
    RUN(test_quote_text);
    RUN(test_gdelt);
    RUN(test_undated_last);
    RUN(test_articles);
    dl_store_close(store);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmpdir);
    return dl_test_report();
}
