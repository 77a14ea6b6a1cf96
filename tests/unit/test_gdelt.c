/*
 * tests/unit/test_gdelt.c -- `--format gdelt` (issue 12) column by column
 * against the GDELT Event Codebook V2.0: the 61 names in their order (here
 * and in docs/gdelt-events.sql), and each column's value for sentences of
 * our own; the gazetteer on places of our own ("in Baghdad" -> IRQ,
 * 33.34, 44.40); the global ids stable and distinct; and the rows the
 * API's format=gdelt downloads write from the store: those of `code` but
 * for what the store does not keep (one writer, geo/gdelt.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "core/render.h"
#include "core/strbuf.h"
#include "geo/geo.h"
#include "harness.h"
#include "query/query.h"
#include "store/store.h"

/* The GDELT 2.0 event table, in order (Event Codebook V2.0, 2015; GDELT's
 * BigQuery schema names column 2 SQLDATE). */
static const char *const names[61] = {
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL"};

static dl_engine *eng;

static int col(const char *name) {
    for (int i = 0; i < 61; i++)
        if (!strcmp(names[i], name)) return i;
    return -1;
}

/* Codes text (published on date) and splits row `row` of its GDELT output
 * into f[61]; returns the number of fields of that row (0 when no row). */
static int code_row(const char *name, const char *text, const char *date, int row, char *f[61],
                    char **keep, dl_doc **out_doc) {
    dl_doc *doc = dl_doc_new();
    dl_doc_set_default_date(doc, date);
    if (dl_doc_set_source(doc, name, text, strlen(text), DL_INPUT_TEXT) != DL_OK ||
        dl_doc_run(eng, doc) != DL_OK) {
        dl_doc_free(doc);
        return 0;
    }
    char *out = dl_doc_to_gdelt(eng, doc, "20240308121320");
    *keep = out;
    *out_doc = doc;
    char *line = out;
    for (int r = 0; r < row && line; r++) {
        line = strchr(line, '\n');
        if (line) line++;
    }
    if (!line || !*line) return 0;
    char *nl = strchr(line, '\n');
    if (nl) *nl = '\0';
    int n = 0;
    for (char *p = line;; ) {
        char *tab = strchr(p, '\t');
        if (n < 61) f[n] = p;
        n++;
        if (!tab) break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

#define COL_EQ(f, name, want)                                                   \
    do {                                                                        \
        int c_ = col(name);                                                     \
        OK(c_ >= 0 && strcmp((f)[c_], (want)) == 0, "%s (column %d): got \"%s\", want \"%s\"", \
           name, c_ + 1, c_ >= 0 ? (f)[c_] : "?", want);                        \
    } while (0)

static void test_names_and_schema(void) {
    FILE *fp = fopen(DL_TEST_DATA "/../../docs/gdelt-events.sql", "r");
    OK(fp != NULL, "docs/gdelt-events.sql is missing");
    if (!fp) return;
    char line[256];
    int k = 0;
    while (fgets(line, sizeof line, fp)) {
        char word[64];
        if (line[0] != ' ' || sscanf(line, " %63s", word) != 1) continue;
        OK(k < 61 && strcmp(word, names[k]) == 0, "schema column %d: %s, want %s", k + 1, word,
           k < 61 ? names[k] : "(none)");
        k++;
    }
    fclose(fp);
    INT_EQ(k, 61);
}

/* "Iran condemned Israel in Baghdad on Monday": every column. */
static void test_columns(void) {
    char *f[61] = {0}, *keep = NULL;
    dl_doc *doc = NULL;
    const char *text = "Iran condemned Israel in Baghdad on Monday, officials said.\n";
    int n = code_row("own.txt", text, "2024-03-06", 0, f, &keep, &doc);
    INT_EQ(n, 61);
    if (n != 61) { free(keep); dl_doc_free(doc); return; }
    uint64_t ids[8];
    dl__event_global_ids(doc, dl__article_global_id(doc), ids);
    char id[32];
    snprintf(id, sizeof id, "%llu", (unsigned long long)ids[0]);
    COL_EQ(f, "GLOBALEVENTID", id);
    COL_EQ(f, "SQLDATE", "20240304");   /* "on Monday" before Wednesday 6 March */
    COL_EQ(f, "MonthYear", "202403");
    COL_EQ(f, "Year", "2024");
    COL_EQ(f, "FractionDate", "2024.1753");   /* 2024 + (2 * 30 + 4) / 365 */
    COL_EQ(f, "Actor1Code", "IRN");
    COL_EQ(f, "Actor1Name", "Iran");
    COL_EQ(f, "Actor1CountryCode", "IRN");
    static const char *const empty1[] = {"Actor1KnownGroupCode", "Actor1EthnicCode",
        "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
        "Actor1Type3Code", "Actor2KnownGroupCode", "Actor2EthnicCode", "Actor2Religion1Code",
        "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
        "AvgTone", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code", "Actor2Geo_ADM1Code",
        "Actor2Geo_ADM2Code", "ActionGeo_ADM2Code", NULL};
    for (int i = 0; empty1[i]; i++) COL_EQ(f, empty1[i], "");
    COL_EQ(f, "Actor2Code", "ISR");
    COL_EQ(f, "Actor2Name", "Israel");
    COL_EQ(f, "Actor2CountryCode", "ISR");
    COL_EQ(f, "IsRootEvent", "1");
    COL_EQ(f, "EventCode", "111");
    COL_EQ(f, "EventBaseCode", "111");
    COL_EQ(f, "EventRootCode", "11");
    COL_EQ(f, "QuadClass", "3");
    COL_EQ(f, "GoldsteinScale", "-2.0");
    COL_EQ(f, "NumMentions", "1");
    COL_EQ(f, "NumSources", "1");
    COL_EQ(f, "NumArticles", "1");
    /* the actors are countries: country-level geo, FIPS codes */
    COL_EQ(f, "Actor1Geo_Type", "1");
    COL_EQ(f, "Actor1Geo_FullName", "Iran");
    COL_EQ(f, "Actor1Geo_CountryCode", "IR");
    COL_EQ(f, "Actor1Geo_FeatureID", "IR");
    COL_EQ(f, "Actor2Geo_Type", "1");
    COL_EQ(f, "Actor2Geo_CountryCode", "IS");
    /* the place: Baghdad, a city outside the US */
    COL_EQ(f, "ActionGeo_Type", "4");
    COL_EQ(f, "ActionGeo_FullName", "Baghdad, Baghdad, Iraq");
    COL_EQ(f, "ActionGeo_CountryCode", "IZ");
    COL_EQ(f, "ActionGeo_ADM1Code", "IZ07");
    OK(fabs(atof(f[col("ActionGeo_Lat")]) - 33.34) < 0.01, "lat %s", f[col("ActionGeo_Lat")]);
    OK(fabs(atof(f[col("ActionGeo_Long")]) - 44.40) < 0.01, "lon %s", f[col("ActionGeo_Long")]);
    COL_EQ(f, "ActionGeo_FeatureID", "98182");   /* GeoNames id of Baghdad */
    COL_EQ(f, "DATEADDED", "20240308121320");
    COL_EQ(f, "SOURCEURL", "own.txt");
    free(keep);
    dl_doc_free(doc);
}

/* Codes split into their parts: USAGOV, IGOWSTNAT (NATO); a later
 * paragraph is not the root; a second sentence counts a mention. */
static void test_code_parts(void) {
    char *f[61] = {0}, *keep = NULL;
    dl_doc *doc = NULL;
    const char *text = "Talks Resume\n\nMarch 4, 2024\n\nThe weather was mild in the capital on Monday.\n\n"
                       "The talks, which had stalled for "
                       "months, were due to resume. Officials said the mood was calm.\n\n"
                       "NATO Secretary-General Jens Stoltenberg criticized Russia. "
                       "NATO Secretary-General Jens Stoltenberg criticized Russia again.\n";
    int n = code_row("parts.txt", text, "2024-03-04", 0, f, &keep, &doc);
    INT_EQ(n, 61);
    if (n == 61) {
        COL_EQ(f, "Actor1Code", "IGOWSTNAT");
        COL_EQ(f, "Actor1CountryCode", "WST");
        COL_EQ(f, "Actor1KnownGroupCode", "NAT");
        COL_EQ(f, "Actor1Type1Code", "IGO");
        COL_EQ(f, "Actor2Code", "RUS");
        COL_EQ(f, "EventCode", "111");
        COL_EQ(f, "IsRootEvent", "0");
        COL_EQ(f, "NumMentions", "2");
        COL_EQ(f, "ActionGeo_Type", "0");   /* no place stated */
        COL_EQ(f, "ActionGeo_FullName", "");
        COL_EQ(f, "ActionGeo_Lat", "");
    }
    free(keep);
    dl_doc_free(doc);
    keep = NULL;
    doc = NULL;
    n = code_row("gov.txt", "U.S. President Joe Biden condemned Russia in Kyiv.\n", "2023-02-20", 0,
                 f, &keep, &doc);
    INT_EQ(n, 61);
    if (n == 61) {
        COL_EQ(f, "Actor1Code", "USAGOV");
        COL_EQ(f, "Actor1CountryCode", "USA");
        COL_EQ(f, "Actor1Type1Code", "GOV");
        COL_EQ(f, "Actor1Geo_Type", "0");   /* a person is not a place */
        COL_EQ(f, "ActionGeo_FullName", "Kyiv, Kyiv City, Ukraine");
        COL_EQ(f, "ActionGeo_CountryCode", "UP");
        COL_EQ(f, "SQLDATE", "20230220");
        COL_EQ(f, "FractionDate", "2023.1370");   /* 2023 + (1 * 30 + 20) / 365 */
    }
    free(keep);
    dl_doc_free(doc);
}

/* The gazetteer on names of our own. */
static void test_gazetteer(void) {
    const struct dl_gazetteer *g = eng->gazetteer;
    OK(g != NULL, "no gazetteer in data/geo");
    if (!g) return;
    const dl_geo_place *p = dl_gazetteer_find(g, "Baghdad", NULL);
    OK(p && !strcmp(p->country, "IRQ") && fabs(p->lat - 33.34) < 0.01 && fabs(p->lon - 44.40) < 0.01,
       "Baghdad");
    p = dl_gazetteer_find(g, "baghdad", "IRQ");
    OK(p && p->geonameid == 98182, "any case, in its country");
    p = dl_gazetteer_find(g, "S\xc3\xa3o Paulo", NULL);
    OK(p && !strcmp(p->country, "BRA"), "accents");
    p = dl_gazetteer_find(g, "Sao Paulo", NULL);
    OK(p && !strcmp(p->country, "BRA"), "accents left out");
    p = dl_gazetteer_find(g, "Washington", NULL);
    OK(p && !strcmp(p->country, "USA") && p->type == 3, "the most populous Washington: %s",
       p ? p->full : "(none)");
    p = dl_gazetteer_find(g, "Washington", "GBR");
    OK(p && !strcmp(p->country, "GBR") && p->type == 4, "Washington in Britain");
    p = dl_gazetteer_find(g, "Iraq", NULL);
    OK(p && p->type == 1 && !strcmp(p->fips, "IZ") && p->geonameid == 0, "a country");
    OK(dl_gazetteer_find(g, "Nowhereville Upon Nothing", NULL) == NULL, "unknown name");
    OK(dl_gazetteer_country(g, "UKR") && !strcmp(dl_gazetteer_country(g, "UKR")->fips, "UP"),
       "country by code");
}

/* The ids: the same on a second run, and different for another article. */
static void test_ids(void) {
    char *f[61], *k1 = NULL, *k2 = NULL, *k3 = NULL;
    dl_doc *d1 = NULL, *d2 = NULL, *d3 = NULL;
    const char *text = "Iran condemned Israel in Baghdad on Monday, officials said.\n";
    code_row("a.txt", text, "2024-03-06", 0, f, &k1, &d1);
    code_row("b/a.txt", text, "2024-03-06", 0, f, &k2, &d2);
    code_row("c.txt", "Iran condemned Israel in Baghdad on Monday.\n", "2024-03-06", 0, f, &k3, &d3);
    OK(d1 && d2 && d3, "coded");
    if (d1 && d2 && d3) {
        /* the same title and body under another name: the same ids */
        INT_EQ(dl__article_global_id(d1), dl__article_global_id(d2));
        OK(dl__article_global_id(d1) != dl__article_global_id(d3), "another body, another id");
        OK(dl__article_global_id(d1) < (1ULL << 53), "ids fit a double");
        d1->article.url = dl_arena_strdup(&d1->arena, "https://example.org/a");
        OK(dl__article_global_id(d1) != dl__article_global_id(d2), "a URL names the article");
    }
    free(k1); free(k2); free(k3);
    dl_doc_free(d1); dl_doc_free(d2); dl_doc_free(d3);
}

/* Splits the lines of text into rows of 61 fields, keyed by their first
 * (GLOBALEVENTID); text is cut in place.  Returns the number of rows. */
typedef struct {
    char *f[61];
} gdelt_row;

static int split_rows(char *text, gdelt_row *rows, int max) {
    int n = 0;
    for (char *line = text; line && *line && n < max;) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = '\0';
        int k = 0;
        for (char *p = line; k < 61;) {
            rows[n].f[k++] = p;
            char *tab = strchr(p, '\t');
            if (!tab) break;
            *tab = '\0';
            p = tab + 1;
        }
        if (k == 61) n++;
        line = nl ? nl + 1 : NULL;
    }
    return n;
}

/* The API's rows from the store against `code`'s rows of the same
 * articles: every column the same, but IsRootEvent (0: not stored) and
 * the actors' geo columns, which the store fills only for an actor coded
 * as its bare country (where `code` has a place there, they agree). */
static void test_stored_rows(void) {
    static const char *const texts[][3] = {
        {"own.txt", "Iran condemned Israel in Baghdad on Monday, officials said.\n", "2024-03-06"},
        {"gov.txt", "U.S. President Joe Biden condemned Russia in Kyiv.\n", "2023-02-20"},
        {"nato.txt", "NATO Secretary-General Jens Stoltenberg criticized Russia. NATO Secretary-General "
                     "Jens Stoltenberg criticized Russia again.\n", "2024-03-04"},
    };
    enum { NT = sizeof texts / sizeof *texts };
    char dir[] = "/tmp/dl-gdelt-XXXXXX", db[64], err[512];
    if (!mkdtemp(dir)) { OK(0, "mkdtemp"); return; }
    snprintf(db, sizeof db, "%s/events.db", dir);
    dl_store *st = NULL;
    OK(dl_store_open(db, &st, err, sizeof err) == DL_OK, "%s", err);
    if (!st) return;
    dl_strbuf coded;
    dl_strbuf_init(&coded);
    size_t nevents = 0;
    for (int i = 0; i < NT + 1; i++) {
        dl_doc *doc = dl_doc_new();
        dl_strbuf page;
        dl_strbuf_init(&page);
        const char *name = i < NT ? texts[i][0] : DL_TEST_DATA "/../../examples/2022-02-24-ukraine-invasion.txt";
        if (i < NT) {
            dl_strbuf_adds(&page, texts[i][1]);
            dl_doc_set_default_date(doc, texts[i][2]);
        } else {
            FILE *fp = fopen(name, "rb");
            if (fp) { dl_strbuf_add_file(&page, fp, 1 << 20); fclose(fp); }
        }
        OK(dl_doc_set_source(doc, name, page.s ? page.s : "", page.len, DL_INPUT_TEXT) == DL_OK &&
           dl_doc_run(eng, doc) == DL_OK, "%s coded", name);
        char *rows = dl_doc_to_gdelt(eng, doc, "20240308121320");
        dl_strbuf_adds(&coded, rows ? rows : "");
        dl_free(rows);
        nevents += doc->events.n;
        OK(dl_store_put(st, doc, NULL) == DL_OK, "%s stored: %s", name, dl_store_errmsg(st));
        dl_strbuf_release(&page);
        dl_doc_free(doc);
    }
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    dl_query_writer w = {.fp = fp, .parts = eng->code_parts, .gazetteer = eng->gazetteer,
                         .date_added = "20240308121320"};
    OK(dl_query_events(st, &(dl_query){.limit = 1000}, dl_query_write_gdelt, &w) == DL_OK, "query");
    fclose(fp);
    INT_EQ(w.rows, (long long)nevents);
    OK(nevents > 5, "%zu events", nevents);

    static gdelt_row want[256], got[256];
    int nw = split_rows(coded.s ? coded.s : (char *)"", want, 256), ng = split_rows(text, got, 256);
    INT_EQ(nw, (int)nevents);
    INT_EQ(ng, (int)nevents);
    int places = 0;
    for (int i = 0; i < nw; i++) {
        const gdelt_row *g = NULL;
        for (int j = 0; j < ng && !g; j++)
            if (!strcmp(got[j].f[0], want[i].f[0])) g = &got[j];
        OK(g != NULL, "event %s is in the download", want[i].f[0]);
        if (!g) continue;
        for (int c = 0; c < 61; c++) {
            if (c == col("IsRootEvent")) {
                COL_EQ(g->f, "IsRootEvent", "0");
                continue;
            }
            int actor_geo = c >= col("Actor1Geo_Type") && c < col("ActionGeo_Type");
            int side = actor_geo ? (c < col("Actor2Geo_Type") ? col("Actor1Geo_Type") : col("Actor2Geo_Type")) : 0;
            if (actor_geo && !strcmp(want[i].f[side], "0")) continue;   /* not a place in `code` */
            places += actor_geo && c == side;
            OK(!strcmp(g->f[c], want[i].f[c]), "event %s, %s: stored \"%s\", coded \"%s\"",
               want[i].f[0], names[c], g->f[c], want[i].f[c]);
        }
    }
    OK(places > 0, "actors that are places compared (%d)", places);
    free(text);
    dl_strbuf_release(&coded);
    dl_store_close(st);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    OK(system(cmd) == 0, "rm %s", dir);
}

int main(void) {
    char err[512];
    if (dl_engine_open(NULL, &eng, err, sizeof err) != DL_OK) {
        fprintf(stderr, "test_gdelt: %s\n", err);
        return 1;
    }
    RUN(test_names_and_schema);
    RUN(test_columns);
    RUN(test_code_parts);
    RUN(test_gazetteer);
    RUN(test_ids);
    RUN(test_stored_rows);
    dl_engine_close(eng);
    return dl_test_report();
}
