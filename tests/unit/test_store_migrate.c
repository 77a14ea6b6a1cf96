/*
 * tests/unit/test_store_migrate.c -- schema upgrades, from version 1 (no
 * inputs table: the one that lets a rerun of an ingest skip stored inputs
 * before coding), from version 2 (no events.n_sentences: how many
 * sentences state an event, one event per act), from version 3 (no
 * events.issues: the issues users' issue dictionaries give an event), from
 * version 4 (no global ids, PLOVER modes, places or fetch dates), from
 * version 5 (no event_days: the per-day summary the dashboard reads),
 * from version 6 (no unstored_inputs: the inputs ingest failed or left
 * out, which `dateline status` counts) and from version 7 (unstored_inputs
 * keyed by input hash alone, so inputs of the same bytes made one row).  A
 * store of any of them with articles in it is upgraded in place by the next
 * read-write open, keeps its rows (old events count one sentence and carry
 * no issues), ends with the same schema as a new store, and stores the new
 * data from then on; a read-only open of an old store refuses and says how
 * to upgrade.  SQLite always; PostgreSQL too when DATELINE_TEST_PG is set
 * (in schemas of its own, dropped after).
 */
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/doc.h"
#include "core/render.h"
#include "core/strbuf.h"
#include "harness.h"
#include "store/store.h"

static dl_engine *eng;

static const char *const inputs[] = {
    DL_TEST_DATA "/../../examples/2015-07-14-vienna-nuclear-deal.txt",
    DL_TEST_DATA "/../../examples/2018-06-12-singapore-summit.txt",
    DL_TEST_DATA "/../../examples/2020-09-15-abraham-accords.txt",
    DL_TEST_DATA "/store/restated.txt",   /* restates an act: an event of 3 sentences */
};
enum { N_INPUTS = sizeof inputs / sizeof *inputs };

/* Codes input i; *hash is the input hash an ingest would record. */
static dl_doc *code(int i, char hash[65]) {
    FILE *f = fopen(inputs[i], "rb");
    if (!f) return NULL;
    dl_strbuf b;
    dl_strbuf_init(&b);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) dl_strbuf_add(&b, buf, n);
    fclose(f);
    dl__store_input_hash(DL_INPUT_TEXT, "", b.s, b.len, hash);
    dl_doc *doc = dl_doc_new();
    dl_status st = dl_doc_set_source(doc, inputs[i], b.s, b.len, DL_INPUT_TEXT);
    if (st == DL_OK) st = dl_doc_run(eng, doc);
    dl_strbuf_release(&b);
    if (st != DL_OK) {
        dl_doc_free(doc);
        return NULL;
    }
    return doc;
}

static int count_row(const dl_store_value *cols, int ncol, void *ctx) {
    if (ncol > 0) *(long long *)ctx = cols[0].i;
    return 0;
}

/* One number from the store through its own select (either backend). */
static long long store_count(dl_store *st, const char *sql) {
    long long v = -1;
    if (dl__store_select(st, sql, NULL, 0, count_row, &v) != DL_OK) return -1;
    return v;
}

/* The sentences that state doc's events, summed, and the most for one. */
static long long support_sum(const dl_doc *doc, long long *most) {
    long long sum = 0;
    *most = 0;
    for (size_t i = 0; i < doc->events.n; i++) {
        long long n = dl_event_support(&doc->events.v[i]);
        sum += n;
        if (n > *most) *most = n;
    }
    return sum;
}

/* A read-only open (dateline query) of a store at an old version refuses
 * it and says what to do. */
static void check_readonly_refuses(const char *url, const char *label, int version) {
    char err[1024], want[64];
    dl_store *st = NULL;
    OK(dl_store_open_readonly(url, &st, err, sizeof err) == DL_ERR_DB, "%s: read-only v%d opened",
       label, version);
    snprintf(want, sizeof want, "schema version %d", version);
    OK(strstr(err, want) && strstr(err, "dateline ingest"), "%s: message: %s", label, err);
    dl_store_close(st);
}

/* From version 1, with the checks both backends share: url names a fresh,
 * empty store. */
static void check_upgrade_v1(const char *url, const char *label) {
    char err[1024], hash[N_INPUTS][65];
    dl_doc *docs[N_INPUTS];
    for (int i = 0; i < N_INPUTS; i++) {
        docs[i] = code(i, hash[i]);
        OK(docs[i] != NULL, "%s: cannot code %s", label, inputs[i]);
        if (!docs[i]) return;
    }

    /* a version-1 store holding two articles */
    dl_store *st = NULL;
    OK(dl__store_open(url, DL_STORE_OPEN_AT_VERSION(1), &st, err, sizeof err) == DL_OK,
       "%s: open at version 1: %s", label, err);
    if (!st) return;
    int was_new = 0, found = 1;
    for (int i = 0; i < 2; i++) {
        OK(dl__store_put_input(st, docs[i], hash[i], &was_new) == DL_OK, "%s: put on v1: %s",
           label, dl_store_errmsg(st));
        INT_EQ(was_new, 1);
    }
    OK(dl__store_has_input(st, hash[0], &found) != DL_OK, "%s: a v1 store has no inputs table",
       label);
    long long events = store_count(st, "SELECT count(*) FROM events");
    long long actors = store_count(st, "SELECT count(*) FROM actors");
    OK(events > 0 && actors > 0, "%s: v1 rows stored (%lld events, %lld actors)", label, events,
       actors);
    dl_store_close(st);

    check_readonly_refuses(url, label, 1);

    /* the next read-write open upgrades it in place */
    st = NULL;
    OK(dl_store_open(url, &st, err, sizeof err) == DL_OK, "%s: upgrade: %s", label, err);
    if (!st) return;
    INT_EQ(store_count(st, "SELECT count(*) FROM articles"), 2);
    INT_EQ(store_count(st, "SELECT count(*) FROM events"), events);
    INT_EQ(store_count(st, "SELECT count(*) FROM actors"), actors);
    INT_EQ(store_count(st, "SELECT count(*) FROM inputs"), 0);
    INT_EQ(store_count(st, "SELECT count(*) FROM events WHERE n_sentences = 1"), events);

    /* an article stored before the upgrade: found again, its input recorded */
    OK(dl__store_put_input(st, docs[0], hash[0], &was_new) == DL_OK, "%s: %s", label,
       dl_store_errmsg(st));
    INT_EQ(was_new, 0);
    OK(dl__store_has_input(st, hash[0], &found) == DL_OK && found, "%s: old input recorded",
       label);
    /* a new one: stored with its input */
    OK(dl__store_put_input(st, docs[2], hash[2], &was_new) == DL_OK, "%s: %s", label,
       dl_store_errmsg(st));
    INT_EQ(was_new, 1);
    OK(dl__store_has_input(st, hash[2], &found) == DL_OK && found, "%s: new input recorded",
       label);
    OK(dl__store_has_input(st, hash[1], &found) == DL_OK && !found, "%s: unseen input", label);
    INT_EQ(store_count(st, "SELECT count(*) FROM inputs"), 2);
    INT_EQ(store_count(st, "SELECT count(*) FROM inputs i JOIN articles a ON a.id = i.article_id"),
           2);
    /* dl_store_put (no input) stays as it was */
    OK(dl_store_put(st, docs[1], &was_new) == DL_OK && was_new == 0, "%s: put again", label);
    INT_EQ(store_count(st, "SELECT count(*) FROM inputs"), 2);
    dl_store_close(st);

    /* read-only opens work now */
    st = NULL;
    OK(dl_store_open_readonly(url, &st, err, sizeof err) == DL_OK, "%s: read-only: %s", label,
       err);
    dl_store_close(st);
    for (int i = 0; i < N_INPUTS; i++) dl_doc_free(docs[i]);
}

/* From version 2: events stored before count one sentence each, events
 * stored after count theirs.  url names a fresh, empty store. */
static void check_upgrade_v2(const char *url, const char *label) {
    char err[1024], hash[N_INPUTS][65];
    dl_doc *docs[N_INPUTS];
    for (int i = 0; i < N_INPUTS; i++) {
        docs[i] = code(i, hash[i]);
        OK(docs[i] != NULL, "%s: cannot code %s", label, inputs[i]);
        if (!docs[i]) return;
    }
    long long most, sum = support_sum(docs[3], &most);
    OK(most > 1, "%s: restated.txt restates an act (%lld sentences at most)", label, most);

    /* a version-2 store holding two examples, their inputs recorded */
    dl_store *st = NULL;
    OK(dl__store_open(url, DL_STORE_OPEN_AT_VERSION(2), &st, err, sizeof err) == DL_OK,
       "%s: open at version 2: %s", label, err);
    if (!st) return;
    int was_new = 0, found = 0;
    for (int i = 0; i < 2; i++) {
        OK(dl__store_put_input(st, docs[i], hash[i], &was_new) == DL_OK, "%s: put on v2: %s",
           label, dl_store_errmsg(st));
        INT_EQ(was_new, 1);
    }
    OK(dl__store_has_input(st, hash[1], &found) == DL_OK && found, "%s: v2 input", label);
    OK(store_count(st, "SELECT count(*) FROM events WHERE n_sentences > 0") == -1,
       "%s: a v2 store has no n_sentences", label);
    long long events = store_count(st, "SELECT count(*) FROM events");
    INT_EQ(events, docs[0]->events.n + docs[1]->events.n);
    dl_store_close(st);
    check_readonly_refuses(url, label, 2);

    /* the next read-write open upgrades it: old events count one sentence */
    st = NULL;
    OK(dl_store_open(url, &st, err, sizeof err) == DL_OK, "%s: upgrade: %s", label, err);
    if (!st) return;
    INT_EQ(store_count(st, "SELECT count(*) FROM articles"), 2);
    INT_EQ(store_count(st, "SELECT count(*) FROM inputs"), 2);
    INT_EQ(store_count(st, "SELECT count(*) FROM events WHERE n_sentences = 1"), events);
    OK(dl__store_put_input(st, docs[0], hash[0], &was_new) == DL_OK && !was_new,
       "%s: stored before: %s", label, dl_store_errmsg(st));

    /* events stored now count their sentences */
    OK(dl__store_put_input(st, docs[3], hash[3], &was_new) == DL_OK && was_new, "%s: %s", label,
       dl_store_errmsg(st));
    INT_EQ(store_count(st, "SELECT count(*) FROM events"), events + (long long)docs[3]->events.n);
    INT_EQ(store_count(st, "SELECT sum(n_sentences) FROM events WHERE article_id = "
                           "(SELECT max(id) FROM articles)"), sum);
    INT_EQ(store_count(st, "SELECT max(n_sentences) FROM events"), most);
    dl_store_close(st);

    st = NULL;
    OK(dl_store_open_readonly(url, &st, err, sizeof err) == DL_OK, "%s: read-only: %s", label,
       err);
    dl_store_close(st);
    for (int i = 0; i < N_INPUTS; i++) dl_doc_free(docs[i]);
}

/* Gives doc's first event two issues, as an issue dictionary would. */
static void set_issues(dl_doc *doc) {
    static const char *issues[] = {"FAMINE", "GRAIN"};
    if (!doc->events.n) return;
    doc->events.v[0].issues = issues;
    doc->events.v[0].n_issues = 2;
}

/* From version 3: events stored before carry no issues (NULL), events
 * stored after carry theirs.  url names a fresh, empty store. */
static void check_upgrade_v3(const char *url, const char *label) {
    char err[1024], hash[N_INPUTS][65];
    dl_doc *docs[N_INPUTS];
    for (int i = 0; i < N_INPUTS; i++) {
        docs[i] = code(i, hash[i]);
        OK(docs[i] != NULL, "%s: cannot code %s", label, inputs[i]);
        if (!docs[i]) return;
        set_issues(docs[i]);
    }
    long long most, sum = support_sum(docs[3], &most);

    /* a version-3 store holding two examples: their issues are not kept */
    dl_store *st = NULL;
    OK(dl__store_open(url, DL_STORE_OPEN_AT_VERSION(3), &st, err, sizeof err) == DL_OK,
       "%s: open at version 3: %s", label, err);
    if (!st) return;
    int was_new = 0;
    for (int i = 0; i < 2; i++) {
        OK(dl__store_put_input(st, docs[i], hash[i], &was_new) == DL_OK, "%s: put on v3: %s",
           label, dl_store_errmsg(st));
        INT_EQ(was_new, 1);
    }
    OK(store_count(st, "SELECT count(*) FROM events WHERE issues IS NULL") == -1,
       "%s: a v3 store has no issues", label);
    long long events = store_count(st, "SELECT count(*) FROM events");
    INT_EQ(events, docs[0]->events.n + docs[1]->events.n);
    INT_EQ(store_count(st, "SELECT max(n_sentences) FROM events") > 0, 1);
    dl_store_close(st);
    check_readonly_refuses(url, label, 3);

    /* the next read-write open upgrades it: old events carry no issues */
    st = NULL;
    OK(dl_store_open(url, &st, err, sizeof err) == DL_OK, "%s: upgrade: %s", label, err);
    if (!st) return;
    INT_EQ(store_count(st, "SELECT count(*) FROM articles"), 2);
    INT_EQ(store_count(st, "SELECT count(*) FROM inputs"), 2);
    INT_EQ(store_count(st, "SELECT count(*) FROM events WHERE issues IS NULL"), events);

    /* events stored now carry theirs, and their sentences as before */
    OK(dl__store_put_input(st, docs[3], hash[3], &was_new) == DL_OK && was_new, "%s: %s", label,
       dl_store_errmsg(st));
    INT_EQ(store_count(st, "SELECT count(*) FROM events WHERE issues = 'FAMINE,GRAIN'"), 1);
    INT_EQ(store_count(st, "SELECT count(*) FROM events WHERE issues IS NULL"),
           events + (long long)docs[3]->events.n - 1);
    INT_EQ(store_count(st, "SELECT sum(n_sentences) FROM events WHERE article_id = "
                           "(SELECT max(id) FROM articles)"), sum);
    dl_store_close(st);

    st = NULL;
    OK(dl_store_open_readonly(url, &st, err, sizeof err) == DL_OK, "%s: read-only: %s", label,
       err);
    dl_store_close(st);
    for (int i = 0; i < N_INPUTS; i++) dl_doc_free(docs[i]);
}

/* Codes every input into docs (their input hashes in hash) and stores
 * the first two in the fresh store url at schema version v, where the
 * query lacks must fail (a table or column v does not have yet); then
 * checks that a read-only open refuses it.  Returns the events stored, or
 * -1 with docs[] freed. */
static long long make_old_store(const char *url, const char *label, int v, const char *lacks,
                                dl_doc *docs[N_INPUTS], char hash[N_INPUTS][65]) {
    char err[1024];
    long long events = -1;
    dl_store *st = NULL;
    for (int i = 0; i < N_INPUTS; i++) docs[i] = NULL;
    for (int i = 0; i < N_INPUTS; i++) {
        docs[i] = code(i, hash[i]);
        OK(docs[i] != NULL, "%s: cannot code %s", label, inputs[i]);
        if (!docs[i]) goto done;
    }
    OK(dl__store_open(url, DL_STORE_OPEN_AT_VERSION(v), &st, err, sizeof err) == DL_OK,
       "%s: open at version %d: %s", label, v, err);
    if (!st) goto done;
    int was_new = 0;
    for (int i = 0; i < 2; i++)
        OK(dl__store_put_input(st, docs[i], hash[i], &was_new) == DL_OK && was_new,
           "%s: put on v%d: %s", label, v, dl_store_errmsg(st));
    if (lacks) OK(store_count(st, lacks) == -1, "%s: a v%d store fails %s", label, v, lacks);
    events = store_count(st, "SELECT count(*) FROM events");
    OK(events > 0, "%s: events stored", label);
    dl_store_close(st);
    check_readonly_refuses(url, label, v);
done:
    if (events <= 0)
        for (int i = 0; i < N_INPUTS; i++) dl_doc_free(docs[i]);
    return events > 0 ? events : -1;
}

/* Whether event_days agrees with the events table, day by day and root by
 * root: the number of (day, root) pairs where they differ. */
static const char event_days_disagree[] =
    "SELECT count(*) FROM (SELECT coalesce(date, published, '') AS day, root, count(*) AS n"
    " FROM events GROUP BY 1, 2) e FULL JOIN (SELECT day, root, sum(events) AS n"
    " FROM event_days GROUP BY 1, 2) d ON d.day = e.day AND d.root = e.root"
    " WHERE e.n IS NULL OR d.n IS NULL OR e.n <> d.n";

/* From version 4 (issue 12): rows stored before have no global ids, PLOVER
 * modes, place coordinates or fetch dates (NULL); rows stored after have
 * them, and the ids are those of the JSON output.  The same open goes on to
 * version 6, so event_days counts the old events and the new.  url names a
 * fresh, empty store. */
static void check_upgrade_v4(const char *url, const char *label) {
    char err[1024], hash[N_INPUTS][65];
    dl_doc *docs[N_INPUTS];
    long long events = make_old_store(url, label, 4, "SELECT count(*) FROM events WHERE global_id "
                                      "IS NULL UNION ALL SELECT count(*) FROM event_days", docs, hash);
    if (events < 0) return;
    dl_store *st = NULL;
    OK(dl_store_open(url, &st, err, sizeof err) == DL_OK, "%s: upgrade: %s", label, err);
    if (st) {
        INT_EQ(store_count(st, "SELECT count(*) FROM events WHERE global_id IS NULL AND "
                               "plover_mode IS NULL AND place_lat IS NULL"), events);
        INT_EQ(store_count(st, "SELECT count(*) FROM articles WHERE global_id IS NULL AND "
                               "fetched IS NULL"), 2);
        INT_EQ(store_count(st, "SELECT sum(events) FROM event_days"), events);
        INT_EQ(store_count(st, event_days_disagree), 0);
        /* an article stored now: its events' ids are those the renderers give */
        dl_doc *d = docs[2];
        int was_new = 0;
        d->article.fetched = dl_arena_strdup(&d->arena, "2026-11-29T10:00:00Z");
        OK(dl__store_put_input(st, d, hash[2], &was_new) == DL_OK && was_new, "%s: %s", label,
           dl_store_errmsg(st));
        uint64_t ids[64];
        size_t n = d->events.n < 64 ? d->events.n : 64;
        dl__event_global_ids(d, dl__article_global_id(d), ids);
        char sql[200];
        for (size_t i = 0; i < n; i++) {
            snprintf(sql, sizeof sql, "SELECT count(*) FROM events WHERE global_id = %llu",
                     (unsigned long long)ids[i]);
            INT_EQ(store_count(st, sql), 1);
        }
        INT_EQ(store_count(st, "SELECT count(*) FROM events WHERE plover_mode IS NOT NULL") > 0, 1);
        snprintf(sql, sizeof sql, "SELECT count(*) FROM articles WHERE global_id = %llu AND "
                 "fetched = '2026-11-29T10:00:00Z'", (unsigned long long)dl__article_global_id(d));
        INT_EQ(store_count(st, sql), 1);
        INT_EQ(store_count(st, "SELECT sum(events) FROM event_days"), events + (long long)d->events.n);
        INT_EQ(store_count(st, event_days_disagree), 0);
        dl_store_close(st);
    }
    for (int i = 0; i < N_INPUTS; i++) dl_doc_free(docs[i]);
}

/* From version 5 (issue 14): event_days is made from the events stored
 * before, and kept in step by every event stored after; the global ids
 * stored at version 5 stay.  url names a fresh, empty store. */
static void check_upgrade_v5(const char *url, const char *label) {
    char err[1024], hash[N_INPUTS][65];
    dl_doc *docs[N_INPUTS];
    long long events = make_old_store(url, label, 5, "SELECT count(*) FROM event_days", docs, hash);
    if (events < 0) return;
    dl_store *st = NULL;
    OK(dl_store_open(url, &st, err, sizeof err) == DL_OK, "%s: upgrade: %s", label, err);
    if (st) {
        INT_EQ(store_count(st, "SELECT count(*) FROM events WHERE global_id IS NOT NULL"), events);
        INT_EQ(store_count(st, "SELECT sum(events) FROM event_days"), events);
        INT_EQ(store_count(st, event_days_disagree), 0);
        /* events stored now are counted as they come */
        int was_new = 0;
        OK(dl__store_put_input(st, docs[3], hash[3], &was_new) == DL_OK && was_new, "%s: %s", label,
           dl_store_errmsg(st));
        INT_EQ(store_count(st, "SELECT sum(events) FROM event_days"),
               events + (long long)docs[3]->events.n);
        INT_EQ(store_count(st, event_days_disagree), 0);
        dl_store_close(st);
    }
    for (int i = 0; i < N_INPUTS; i++) dl_doc_free(docs[i]);
}

/* Opens the old store at url with the current version, which upgrades it,
 * and checks that the two articles of make_old_store and their events came
 * through. */
static dl_store *open_upgraded(const char *url, const char *label, long long events) {
    char err[1024];
    dl_store *st = NULL;
    OK(dl_store_open(url, &st, err, sizeof err) == DL_OK, "%s: upgrade: %s", label, err);
    if (!st) return NULL;
    INT_EQ(store_count(st, "SELECT count(*) FROM articles"), 2);
    INT_EQ(store_count(st, "SELECT count(*) FROM inputs"), 2);
    INT_EQ(store_count(st, "SELECT count(*) FROM events"), events);
    return st;
}

static long long unstored(dl_store *st, const char *outcome) {
    dl_store_value v = {.type = DL_VAL_TEXT, .s = outcome};
    long long n = -1;
    if (dl__store_select(st, "SELECT count(*) FROM unstored_inputs WHERE outcome = ?", &v, 1,
                         count_row, &n) != DL_OK)
        return -1;
    return n;
}

/* The reason recorded for the input named name ("" when none). */
static int text_row(const dl_store_value *cols, int ncol, void *ctx) {
    if (ncol > 0 && cols[0].type == DL_VAL_TEXT) snprintf(ctx, 128, "%s", cols[0].s);
    return 0;
}
static const char *reason_of(dl_store *st, const char *name, char out[128]) {
    dl_store_value v = {.type = DL_VAL_TEXT, .s = name};
    out[0] = '\0';
    dl__store_select(st, "SELECT reason FROM unstored_inputs WHERE name = ?", &v, 1, text_row, out);
    return out;
}

/* From version 6 (issue 15): a store opened at version 6 records no
 * unstored inputs (there is no table for them); the upgrade keeps every row
 * and adds the table, which then holds one row per input ingest did not
 * store, however often it is recorded, replaced by a later version of the
 * input under the same name, and deleted when the input, or an input of
 * that name, is stored.  url names a fresh, empty store. */
static void check_upgrade_v6(const char *url, const char *label) {
    char err[1024], hash[N_INPUTS][65], why[128];
    dl_doc *docs[N_INPUTS];
    long long events =
        make_old_store(url, label, 6, "SELECT count(*) FROM unstored_inputs", docs, hash);
    if (events < 0) return;
    static const char other[] = "00000000000000000000000000000000000000000000000000000000000000aa";
    static const char other2[] = "00000000000000000000000000000000000000000000000000000000000000bb";
    dl_store *st = NULL;
    OK(dl__store_open(url, DL_STORE_OPEN_AT_VERSION(6), &st, err, sizeof err) == DL_OK,
       "%s: open at version 6: %s", label, err);
    if (st) {
        OK(dl__store_put_unstored(st, hash[2], inputs[2], 1, "bad") == DL_OK,
           "%s: recording on v6 is a no-op: %s", label, dl_store_errmsg(st));
        INT_EQ(store_count(st, "SELECT count(*) FROM unstored_inputs"), -1);
        dl_store_close(st);
    }
    st = open_upgraded(url, label, events);
    if (st) {
        INT_EQ(store_count(st, "SELECT sum(events) FROM event_days"), events);
        INT_EQ(store_count(st, "SELECT count(*) FROM unstored_inputs"), 0);

        /* recorded twice: one row; recorded again with another outcome: replaced */
        for (int k = 0; k < 2; k++)
            OK(dl__store_put_unstored(st, hash[2], inputs[2], 1, "invalid JSON at line 2") ==
                   DL_OK, "%s: record: %s", label, dl_store_errmsg(st));
        INT_EQ(unstored(st, "failed"), 1);
        OK(strcmp(reason_of(st, inputs[2], why), "invalid JSON at line 2") == 0, "%s: %s", label,
           why);
        OK(dl__store_put_unstored(st, hash[2], inputs[2], 0, "not in English (fr)") == DL_OK,
           "%s: %s", label, dl_store_errmsg(st));
        INT_EQ(unstored(st, "failed"), 0);
        INT_EQ(unstored(st, "skipped"), 1);
        /* a later version of input 3 (other bytes, same name) replaces the earlier */
        OK(dl__store_put_unstored(st, other, inputs[3], 1, "gzip: unexpected end of file") ==
               DL_OK, "%s: %s", label, dl_store_errmsg(st));
        OK(dl__store_put_unstored(st, other2, inputs[3], 1, "cannot read: Permission denied") ==
               DL_OK, "%s: %s", label, dl_store_errmsg(st));
        INT_EQ(store_count(st, "SELECT count(*) FROM unstored_inputs"), 2);
        OK(strcmp(reason_of(st, inputs[3], why), "cannot read: Permission denied") == 0, "%s: %s",
           label, why);
        /* dropped by hash (the file it stands for was read whole): only that row */
        OK(dl__store_put_unstored(st, other, "corpus.warc.gz", 1, "gzip: invalid block type") ==
               DL_OK, "%s: %s", label, dl_store_errmsg(st));
        INT_EQ(store_count(st, "SELECT count(*) FROM unstored_inputs"), 3);
        OK(dl__store_drop_unstored(st, other) == DL_OK, "%s: drop: %s", label,
           dl_store_errmsg(st));
        OK(dl__store_drop_unstored(st, other) == DL_OK, "%s: drop again: %s", label,
           dl_store_errmsg(st));
        INT_EQ(store_count(st, "SELECT count(*) FROM unstored_inputs"), 2);
        /* refused: no reason */
        OK(dl__store_put_unstored(st, other, inputs[3], 1, NULL) == DL_ERR_USAGE, "%s: no reason",
           label);

        /* storing the input deletes its row; storing the fixed input 3 (its
         * own hash) deletes the row of its name */
        int was_new = 0;
        OK(dl__store_put_input(st, docs[2], hash[2], &was_new) == DL_OK && was_new, "%s: %s",
           label, dl_store_errmsg(st));
        INT_EQ(unstored(st, "skipped"), 0);
        INT_EQ(unstored(st, "failed"), 1);
        OK(dl__store_put_input(st, docs[3], hash[3], &was_new) == DL_OK && was_new, "%s: %s",
           label, dl_store_errmsg(st));
        INT_EQ(store_count(st, "SELECT count(*) FROM unstored_inputs"), 0);
        /* an input that gives an article stored before clears its row too */
        OK(dl__store_put_unstored(st, other, "elsewhere.txt", 1, "empty input") == DL_OK,
           "%s: %s", label, dl_store_errmsg(st));
        OK(dl__store_put_input(st, docs[0], other, &was_new) == DL_OK && !was_new, "%s: %s",
           label, dl_store_errmsg(st));
        INT_EQ(store_count(st, "SELECT count(*) FROM unstored_inputs"), 0);
        INT_EQ(store_count(st, "SELECT count(*) FROM inputs"), 5);
        dl_store_close(st);
    }
    st = NULL;
    OK(dl_store_open_readonly(url, &st, err, sizeof err) == DL_OK, "%s: read-only: %s", label,
       err);
    if (st) {
        OK(dl__store_put_unstored(st, other, "x.txt", 1, "bad") == DL_ERR_USAGE &&
               dl__store_drop_unstored(st, other) == DL_ERR_USAGE,
           "%s: a read-only store records and drops nothing", label);
        dl_store_close(st);
    }
    for (int i = 0; i < N_INPUTS; i++) dl_doc_free(docs[i]);
}

/* From version 7: inputs of the same bytes under two names (two empty
 * files) made one row, named after the last; the upgrade keeps the rows,
 * and each such input has a row of its own from then on, until the bytes
 * are stored.  url names a fresh, empty store. */
static void check_upgrade_v7(const char *url, const char *label) {
    char err[1024], hash[N_INPUTS][65], why[128];
    dl_doc *docs[N_INPUTS];
    long long events = make_old_store(url, label, 7, NULL, docs, hash);
    if (events < 0) return;
    static const char other[] = "00000000000000000000000000000000000000000000000000000000000000aa";
    dl_store *st = NULL;
    OK(dl__store_open(url, DL_STORE_OPEN_AT_VERSION(7), &st, err, sizeof err) == DL_OK,
       "%s: open at version 7: %s", label, err);
    if (st) {
        OK(dl__store_put_unstored(st, hash[2], "a.txt", 1, "empty input") == DL_OK &&
               dl__store_put_unstored(st, hash[2], "b.txt", 1, "empty input") == DL_OK &&
               dl__store_put_unstored(st, other, "c.json", 1, "invalid JSON at line 2") == DL_OK,
           "%s: record on v7: %s", label, dl_store_errmsg(st));
        INT_EQ(store_count(st, "SELECT count(*) FROM unstored_inputs"), 2);
        dl_store_close(st);
    }
    st = open_upgraded(url, label, events);
    if (st) {
        INT_EQ(unstored(st, "failed"), 2);
        OK(strcmp(reason_of(st, "b.txt", why), "empty input") == 0 &&
               strcmp(reason_of(st, "c.json", why), "invalid JSON at line 2") == 0,
           "%s: the rows of version 7 are kept: %s", label, why);
        /* the same bytes under another name: a row of its own, once */
        for (int k = 0; k < 2; k++)
            OK(dl__store_put_unstored(st, hash[2], "a.txt", 1, "empty input") == DL_OK,
               "%s: record: %s", label, dl_store_errmsg(st));
        INT_EQ(unstored(st, "failed"), 3);
        /* the bytes stored: both rows go */
        int was_new = 0;
        OK(dl__store_put_input(st, docs[2], hash[2], &was_new) == DL_OK && was_new, "%s: %s",
           label, dl_store_errmsg(st));
        INT_EQ(unstored(st, "failed"), 1);
        OK(strcmp(reason_of(st, "c.json", why), "invalid JSON at line 2") == 0, "%s: %s", label,
           why);
        dl_store_close(st);
    }
    for (int i = 0; i < N_INPUTS; i++) dl_doc_free(docs[i]);
}

/* ---- SQLite --------------------------------------------------------------- */

static long long sq_scalar(sqlite3 *db, const char *sql) {
    sqlite3_stmt *s;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* The schema as text: every table, index and trigger with its SQL. */
static char *schema_text(const char *path) {
    sqlite3 *db;
    dl_strbuf b;
    dl_strbuf_init(&b);
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *s;
        if (sqlite3_prepare_v2(db, "SELECT type, name, coalesce(sql, '') FROM sqlite_master"
                                   " ORDER BY type, name", -1, &s, NULL) == SQLITE_OK)
            while (sqlite3_step(s) == SQLITE_ROW)
                dl_strbuf_printf(&b, "%s %s %s\n", sqlite3_column_text(s, 0),
                                 sqlite3_column_text(s, 1), sqlite3_column_text(s, 2));
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    return dl_strbuf_detach(&b);
}

/* The old versions a store is upgraded from, and the checks of each. */
static const struct {
    int version;
    void (*check)(const char *url, const char *label);
    const char *missing;   /* what the old schema lacks, as a count query */
} olds[] = {
    {1, check_upgrade_v1, "SELECT count(*) FROM sqlite_master WHERE name = 'inputs'"},
    {2, check_upgrade_v2, "SELECT count(*) FROM pragma_table_info('events') WHERE name = "
                          "'n_sentences'"},
    {3, check_upgrade_v3, "SELECT count(*) FROM pragma_table_info('events') WHERE name = "
                          "'issues'"},
    {4, check_upgrade_v4, "SELECT count(*) FROM pragma_table_info('events') WHERE name = "
                          "'global_id'"},
    {5, check_upgrade_v5, "SELECT count(*) FROM sqlite_master WHERE name = 'event_days'"},
    {6, check_upgrade_v6, "SELECT count(*) FROM sqlite_master WHERE name = 'unstored_inputs'"},
    {7, check_upgrade_v7, "SELECT count(*) FROM pragma_index_list('unstored_inputs') l,"
                          " pragma_index_info(l.name) i WHERE l.origin = 'pk' AND i.name = 'name'"},
};
enum { N_OLDS = sizeof olds / sizeof *olds };

static void test_sqlite(void) {
    char dir[] = "/tmp/dl-migrate-XXXXXX";
    if (!mkdtemp(dir)) {
        OK(0, "mkdtemp");
        return;
    }
    char fresh[300], err[512];
    snprintf(fresh, sizeof fresh, "%s/new.db", dir);
    dl_store *st = NULL;
    OK(dl_store_open(fresh, &st, err, sizeof err) == DL_OK, "%s", err);
    dl_store_close(st);
    char *want = schema_text(fresh);
    for (int i = 0; i < N_OLDS; i++) {
        char old[300], label[32];
        snprintf(old, sizeof old, "%s/v%d.db", dir, olds[i].version);
        snprintf(label, sizeof label, "sqlite from v%d", olds[i].version);

        /* an old file, checked from outside */
        st = NULL;
        OK(dl__store_open(old, DL_STORE_OPEN_AT_VERSION(olds[i].version), &st, err,
                          sizeof err) == DL_OK, "%s: %s", label, err);
        dl_store_close(st);
        sqlite3 *db;
        if (sqlite3_open(old, &db) == SQLITE_OK) {
            INT_EQ(sq_scalar(db, "PRAGMA user_version"), olds[i].version);
            INT_EQ(sq_scalar(db, olds[i].missing), 0);
        }
        sqlite3_close(db);

        olds[i].check(old, label);
        if (sqlite3_open(old, &db) == SQLITE_OK) {
            INT_EQ(sq_scalar(db, "PRAGMA user_version"), DL_STORE_SCHEMA_VERSION);
            INT_EQ(sq_scalar(db, olds[i].missing), 1);
            INT_EQ(sq_scalar(db, "PRAGMA foreign_key_check") == -1, 1);   /* no violation rows */
            OK(sq_scalar(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check "
                             "= 'ok'") == 1, "%s: integrity_check", label);
        }
        sqlite3_close(db);

        /* the upgraded file has the schema of a file made new */
        char *got = schema_text(old);
        OK(got && want && strcmp(got, want) == 0,
           "%s: schemas differ:\n--- upgraded\n%s--- new\n%s", label, got, want);
        free(got);
    }
    free(want);

    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    OK(system(cmd) == 0, "rm %s", dir);
}

/* ---- PostgreSQL ------------------------------------------------------------- */

/* Runs one upgrade check in a schema of its own, dropped after. */
static void pg_upgrade(PGconn *admin, const char *base, int i) {
    char schema[64], sql[256], url[2048], label[32], version[16];
    snprintf(schema, sizeof schema, "dl_migrate_%ld_v%d", (long)getpid(), olds[i].version);
    snprintf(label, sizeof label, "postgresql from v%d", olds[i].version);
    snprintf(sql, sizeof sql, "CREATE SCHEMA %s", schema);
    PQclear(PQexec(admin, sql));
    snprintf(url, sizeof url, "%s%coptions=-c%%20search_path%%3D%s", base,
             strchr(base, '?') ? '&' : '?', schema);
    olds[i].check(url, label);
    snprintf(sql, sizeof sql, "SELECT max(version) FROM %s.dateline_schema", schema);
    snprintf(version, sizeof version, "%d", DL_STORE_SCHEMA_VERSION);
    PGresult *r = PQexec(admin, sql);
    OK(PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 &&
           strcmp(PQgetvalue(r, 0, 0), version) == 0, "%s: version after upgrade", label);
    PQclear(r);
    PQclear(PQexec(admin, "SET client_min_messages = warning"));
    snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", schema);
    PQclear(PQexec(admin, sql));
}

static void test_postgres(void) {
    const char *base = getenv("DATELINE_TEST_PG");
    if (!base || !*base) {
        printf("skip: PostgreSQL (DATELINE_TEST_PG is not set)\n");
        return;
    }
    PGconn *admin = PQconnectdb(base);
    if (PQstatus(admin) != CONNECTION_OK) {
        OK(0, "cannot connect to %s", base);
        PQfinish(admin);
        return;
    }
    for (int i = 0; i < N_OLDS; i++) pg_upgrade(admin, base, i);
    PQfinish(admin);
}

int main(void) {
    char err[512];
    if (dl_engine_open(NULL, &eng, err, sizeof err) != DL_OK) {
        fprintf(stderr, "test_store_migrate: %s\n", err);
        return 1;
    }
    RUN(test_sqlite);
    RUN(test_postgres);
    dl_engine_close(eng);
    return dl_test_report();
}
