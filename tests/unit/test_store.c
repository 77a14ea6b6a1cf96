/*
 * tests/unit/test_store.c -- the SQLite store: schema creation, the rows a
 * put writes, idempotence, clear errors for bad paths, and that a failing
 * put leaves earlier articles intact.  Documents are built by hand so the
 * test does not depend on the pipeline's stages.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/doc.h"
#include "harness.h"
#include "store/store.h"

static char tmpdir[256];

static const char *tmp_path(const char *name) {
    static char buf[4][512];
    static int i;
    char *p = buf[i++ % 4];
    snprintf(p, 512, "%s/%s", tmpdir, name);
    return p;
}

/* ---- hand-built documents --------------------------------------------- */

static char *S(dl_doc *doc, const char *s) { return s ? dl_arena_strdup(&doc->arena, s) : NULL; }

/* Sentences are split at ". " so events and quotes can point at them. */
static dl_doc *new_doc(const char *name, const char *url, const char *title,
                       const char *published, const char *body) {
    dl_doc *doc = dl_doc_new();
    doc->name = S(doc, name);
    dl_article *a = &doc->article;
    a->url = S(doc, url);
    a->title = S(doc, title);
    a->published = S(doc, published);
    a->language = S(doc, "en");
    a->body = S(doc, body);
    a->body_len = strlen(body);
    a->n_authors = 2;
    a->authors = dl_arena_alloc(&doc->arena, 2 * sizeof *a->authors);
    a->authors[0] = S(doc, "Jane Roe");
    a->authors[1] = S(doc, "John \"Jack\" Doe");
    for (size_t off = 0; off < a->body_len;) {
        const char *end = strstr(body + off, ". ");
        size_t stop = end ? (size_t)(end - body) + 1 : a->body_len;
        dl_sent *s = DL_VEC_PUSH(&doc->sents);
        s->off = (uint32_t)off;
        s->len = (uint32_t)(stop - off);
        off = end ? stop + 1 : a->body_len;
    }
    return doc;
}

static int add_actor(dl_doc *doc, const char *id, const char *name, const char *country,
                     const char *code) {
    dl_actor *a = DL_VEC_PUSH(&doc->actors);
    a->id = S(doc, id);
    a->name = S(doc, name);
    a->type = S(doc, "PER");
    a->country = S(doc, country);
    a->code = S(doc, code);
    a->entry = -1;
    int idx = (int)doc->actors.n - 1;
    const char *at = strstr(doc->article.body, name);
    if (at) {
        dl_mention *m = DL_VEC_PUSH(&doc->mentions);
        m->off = (uint32_t)(at - doc->article.body);
        m->len = (uint32_t)strlen(name);
        m->actor = idx;
        m->kind = DL_MENTION_NAME;
    }
    return idx;
}

static void add_event(dl_doc *doc, int src, int tgt, const char *cameo, double gold,
                      const char *date, uint32_t sent) {
    dl_event *e = DL_VEC_PUSH(&doc->events);
    e->source = src;
    e->target = tgt;
    snprintf(e->cameo, sizeof e->cameo, "%s", cameo);
    e->goldstein = gold;
    e->quad = 1;
    e->plover = "CONSULT";
    snprintf(e->date, sizeof e->date, "%s", date);
    e->place = -1;
    e->sent = sent;
    e->off = doc->sents.v[sent].off;
    e->len = 4;
    e->rule = "test rule";
    e->confidence = 0.8f;
    e->quote = -1;
}

static void add_quote(dl_doc *doc, int speaker, const char *who, const char *text, uint32_t sent) {
    dl_quote *q = DL_VEC_PUSH(&doc->quotes);
    q->speaker = speaker;
    q->speaker_text = S(doc, who);
    q->direct = speaker >= 0;
    q->text = S(doc, text);
    q->off = doc->sents.v[sent].off;
    q->len = doc->sents.v[sent].len;
    q->cue = S(doc, "said");
    q->sent = sent;
}

/* Three sentences, four actors, three events, two quotes, four mentions. */
static dl_doc *doc_tehran(void) {
    dl_doc *doc = new_doc("tehran.txt", "https://example.com/tehran", "Leader meets Rashid",
                          "2023-04-30T21:54",
                          "Ali Khamenei met Abdul Latif Rashid in Tehran. Khamenei told Iraq that "
                          "American troops must leave. The United States rejected the demand.");
    int kh = add_actor(doc, "A1", "Ali Khamenei", "IRN", "IRNGOV");
    int ra = add_actor(doc, "A2", "Abdul Latif Rashid", "IRQ", "IRQGOV");
    int us = add_actor(doc, "A3", "United States", "USA", "USA");
    int iq = add_actor(doc, "A4", "Iraq", "IRQ", "IRQ");
    add_event(doc, kh, ra, "043", 2.8, "2023-04-29", 0);
    add_event(doc, kh, iq, "1011", -4.0, "", 1);
    add_event(doc, us, kh, "120", -4.0, "2023-05-02", 2);
    add_quote(doc, kh, NULL, "American troops must leave", 1);
    add_quote(doc, -1, "an official", "the demand stands", 2);
    return doc;
}

static dl_doc *doc_istanbul(void) {
    dl_doc *doc = new_doc("istanbul.txt", NULL, "Talks in Istanbul", "2024-01-15",
                          "Russia and Ukraine held talks in Istanbul.");
    int ru = add_actor(doc, "A1", "Russia", "RUS", "RUS");
    int ua = add_actor(doc, "A2", "Ukraine", "UKR", "UKR");
    add_event(doc, ru, ua, "046", 7.0, "", 0);
    return doc;
}

/* ---- looking at the file directly --------------------------------------- */

static long long scalar(const char *db, const char *sql) {
    sqlite3 *h;
    long long v = -1;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *s;
        if (sqlite3_prepare_v2(h, sql, -1, &s, NULL) == SQLITE_OK) {
            if (sqlite3_step(s) == SQLITE_ROW) v = sqlite3_column_int64(s, 0);
            sqlite3_finalize(s);
        } else {
            fprintf(stderr, "scalar: %s: %s\n", sql, sqlite3_errmsg(h));
        }
    }
    sqlite3_close(h);
    return v;
}

/* The first column of the first row as text, in a static buffer. */
static const char *text(const char *db, const char *sql) {
    static char buf[1024];
    sqlite3 *h;
    strcpy(buf, "(none)");
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *s;
        if (sqlite3_prepare_v2(h, sql, -1, &s, NULL) == SQLITE_OK) {
            if (sqlite3_step(s) == SQLITE_ROW) {
                const unsigned char *t = sqlite3_column_text(s, 0);
                snprintf(buf, sizeof buf, "%s", t ? (const char *)t : "(null)");
            }
            sqlite3_finalize(s);
        }
    }
    sqlite3_close(h);
    return buf;
}

static void exec_sql(const char *db, const char *sql) {
    sqlite3 *h;
    char *err = NULL;
    OK(sqlite3_open(db, &h) == SQLITE_OK, "open %s", db);
    sqlite3_busy_timeout(h, 2000);
    int rc = sqlite3_exec(h, sql, NULL, NULL, &err);
    OK(rc == SQLITE_OK, "%s: %s", sql, err ? err : "");
    sqlite3_free(err);
    sqlite3_close(h);
}

static long long count(const char *db, const char *table) {
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    return scalar(db, sql);
}

static void expect_counts(const char *db, long long articles, long long actors,
                          long long mentions, long long events, long long quotes) {
    INT_EQ(count(db, "articles"), articles);
    INT_EQ(count(db, "actors"), actors);
    INT_EQ(count(db, "mentions"), mentions);
    INT_EQ(count(db, "events"), events);
    INT_EQ(count(db, "quotes"), quotes);
}

static dl_store *open_ok(const char *url) {
    dl_store *st = NULL;
    char err[512];
    dl_status rc = dl_store_open(url, &st, err, sizeof err);
    OK(rc == DL_OK && st, "open %s: %s", url, err);
    return st;
}

static int put(dl_store *st, dl_doc *doc) {
    int was_new = -1;
    dl_status rc = dl_store_put(st, doc, &was_new);
    OK(rc == DL_OK, "put %s: %s", doc->name, dl_store_errmsg(st));
    return was_new;
}

/* ---- tests ---------------------------------------------------------------- */

static void test_sha256(void) {
    char hex[65];
    dl__sha256_hex("abc", 3, hex);
    STR_EQ(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    dl__sha256_hex("", 0, hex);
    STR_EQ(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";  /* two blocks */
    dl__sha256_hex(m, strlen(m), hex);
    STR_EQ(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char big[1000];
    memset(big, 'a', sizeof big);
    dl__sha256_hex(big, sizeof big, hex);
    STR_EQ(hex, "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

static void test_open_creates_schema(void) {
    const char *db = tmp_path("schema.db");
    dl_store *st = open_ok(db);
    dl_store_close(st);
    INT_EQ(scalar(db, "PRAGMA user_version"), DL_STORE_SCHEMA_VERSION);
    STR_EQ(text(db, "PRAGMA journal_mode"), "wal");
    INT_EQ(scalar(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                      "('articles', 'actors', 'mentions', 'events', 'quotes')"), 5);
    INT_EQ(scalar(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = "
                      "'events_day'"), 1);
    /* opening again keeps the schema; "sqlite:" names the same file */
    char url[600];
    snprintf(url, sizeof url, "sqlite:%s", db);
    st = open_ok(url);
    dl_store_close(st);
    INT_EQ(scalar(db, "PRAGMA user_version"), DL_STORE_SCHEMA_VERSION);
    expect_counts(db, 0, 0, 0, 0, 0);
    dl_store_close(NULL);   /* a no-op */
}

static void test_put_stores_values(void) {
    const char *db = tmp_path("values.db");
    dl_store *st = open_ok(db);
    dl_doc *doc = doc_tehran();
    /* the meeting is stated again in the third sentence (one event per act) */
    static uint32_t support[] = {0, 2};
    doc->events.v[0].support = support;
    doc->events.v[0].n_support = 2;
    static const char *issues[] = {"FAMINE", "GRAIN"};   /* users' issue dictionaries */
    doc->events.v[0].issues = issues;
    doc->events.v[0].n_issues = 2;
    OK(dl_doc_check(doc) == NULL, "fixture is sound: %s", dl_doc_check(doc));
    INT_EQ(put(st, doc), 1);
    dl_store_close(st);
    expect_counts(db, 1, 4, 4, 3, 2);

    char hash[65];
    dl__store_content_hash(&doc->article, hash);
    STR_EQ(text(db, "SELECT content_hash FROM articles"), hash);
    STR_EQ(text(db, "SELECT url FROM articles"), "https://example.com/tehran");
    STR_EQ(text(db, "SELECT source FROM articles"), "tehran.txt");
    STR_EQ(text(db, "SELECT title FROM articles"), "Leader meets Rashid");
    STR_EQ(text(db, "SELECT authors FROM articles"), "[\"Jane Roe\",\"John \\\"Jack\\\" Doe\"]");
    STR_EQ(text(db, "SELECT json_extract(authors, '$[1]') FROM articles"), "John \"Jack\" Doe");
    STR_EQ(text(db, "SELECT published FROM articles"), "2023-04-30T21:54");
    STR_EQ(text(db, "SELECT language FROM articles"), "en");
    STR_EQ(text(db, "SELECT body = '" "Ali Khamenei met Abdul Latif Rashid in Tehran. Khamenei "
                    "told Iraq that American troops must leave. The United States rejected the "
                    "demand.' FROM articles"), "1");
    INT_EQ(scalar(db, "SELECT length(coded_at) FROM articles"), 20);

    STR_EQ(text(db, "SELECT name FROM actors WHERE local_id = 'A2'"), "Abdul Latif Rashid");
    STR_EQ(text(db, "SELECT code FROM actors WHERE local_id = 'A1'"), "IRNGOV");
    STR_EQ(text(db, "SELECT country FROM actors WHERE local_id = 'A3'"), "USA");
    STR_EQ(text(db, "SELECT role FROM actors WHERE local_id = 'A3'"), "(null)");
    INT_EQ(scalar(db, "SELECT m.start FROM mentions m JOIN actors a ON a.id = m.actor_id "
                      "WHERE a.local_id = 'A2'"), 17);
    INT_EQ(scalar(db, "SELECT m.\"end\" FROM mentions m JOIN actors a ON a.id = m.actor_id "
                      "WHERE a.local_id = 'A2'"), 35);
    STR_EQ(text(db, "SELECT kind FROM mentions LIMIT 1"), "name");

    /* events carry the actors' names and codes and point at their rows */
    STR_EQ(text(db, "SELECT source_name || '|' || source_code || '|' || source_country || '|' "
                    "|| target_name || '|' || target_code || '|' || target_country FROM events "
                    "WHERE cameo = '043'"),
           "Ali Khamenei|IRNGOV|IRN|Abdul Latif Rashid|IRQGOV|IRQ");
    INT_EQ(scalar(db, "SELECT count(*) FROM events e JOIN actors a ON a.id = e.source_actor_id "
                      "AND a.local_id = 'A1'"), 2);
    STR_EQ(text(db, "SELECT root FROM events WHERE cameo = '1011'"), "10");
    STR_EQ(text(db, "SELECT goldstein FROM events WHERE cameo = '043'"), "2.8");
    STR_EQ(text(db, "SELECT confidence FROM events WHERE cameo = '043'"), "0.8");
    INT_EQ(scalar(db, "SELECT quad FROM events WHERE cameo = '043'"), 1);
    STR_EQ(text(db, "SELECT plover FROM events WHERE cameo = '043'"), "CONSULT");
    STR_EQ(text(db, "SELECT date FROM events WHERE cameo = '043'"), "2023-04-29");
    STR_EQ(text(db, "SELECT date FROM events WHERE cameo = '1011'"), "(null)");
    STR_EQ(text(db, "SELECT published FROM events WHERE cameo = '1011'"), "2023-04-30");
    STR_EQ(text(db, "SELECT sentence FROM events WHERE cameo = '120'"),
           "The United States rejected the demand.");
    INT_EQ(scalar(db, "SELECT start FROM events WHERE cameo = '1011'"), 47);
    INT_EQ(scalar(db, "SELECT \"end\" FROM events WHERE cameo = '1011'"), 51);
    STR_EQ(text(db, "SELECT rule FROM events WHERE cameo = '120'"), "test rule");
    STR_EQ(text(db, "SELECT place FROM events WHERE cameo = '120'"), "(null)");
    INT_EQ(scalar(db, "SELECT n_sentences FROM events WHERE cameo = '043'"), 2);
    INT_EQ(scalar(db, "SELECT n_sentences FROM events WHERE cameo = '120'"), 1);   /* unset: 1 */
    STR_EQ(text(db, "SELECT issues FROM events WHERE cameo = '043'"), "FAMINE,GRAIN");
    INT_EQ(scalar(db, "SELECT count(*) FROM events WHERE cameo <> '043' AND issues IS NULL"),
           (long long)doc->events.n - 1);   /* none: NULL */

    STR_EQ(text(db, "SELECT speaker_name || '|' || speaker_code || '|' || kind || '|' || text "
                    "FROM quotes WHERE speaker_actor_id IS NOT NULL"),
           "Ali Khamenei|IRNGOV|direct|American troops must leave");
    STR_EQ(text(db, "SELECT speaker_name || '|' || kind FROM quotes WHERE speaker_actor_id IS "
                    "NULL"), "an official|indirect");
    STR_EQ(text(db, "SELECT cue FROM quotes LIMIT 1"), "said");
    STR_EQ(text(db, "SELECT published FROM quotes LIMIT 1"), "2023-04-30");
    INT_EQ(scalar(db, "PRAGMA foreign_key_check"), -1);   /* no rows: every reference holds */
    dl_doc_free(doc);
}

static void test_put_twice_changes_nothing(void) {
    const char *db = tmp_path("twice.db");
    dl_store *st = open_ok(db);
    dl_doc *doc = doc_tehran();
    INT_EQ(put(st, doc), 1);
    INT_EQ(put(st, doc), 0);
    expect_counts(db, 1, 4, 4, 3, 2);
    long long first_id = scalar(db, "SELECT max(id) FROM articles");

    /* same URL, other text: the same article fetched again */
    dl_doc *same_url = new_doc("other-name.html", "https://example.com/tehran", "New title",
                               "2023-05-01", "A rewritten body.");
    INT_EQ(put(st, same_url), 0);
    /* same title and body under another name and no URL */
    dl_doc *same_text = doc_tehran();
    same_text->name = S(same_text, "copy.txt");
    same_text->article.url = NULL;
    INT_EQ(put(st, same_text), 0);
    expect_counts(db, 1, 4, 4, 3, 2);
    INT_EQ(scalar(db, "SELECT max(id) FROM articles"), first_id);

    /* was_new may be NULL; a new article still goes in */
    dl_doc *other = doc_istanbul();
    OK(dl_store_put(st, other, NULL) == DL_OK, "%s", dl_store_errmsg(st));
    STR_EQ(dl_store_errmsg(st), "");
    expect_counts(db, 2, 6, 6, 4, 2);
    dl_store_close(st);

    /* and after reopening */
    st = open_ok(db);
    INT_EQ(put(st, doc), 0);
    INT_EQ(put(st, other), 0);
    dl_store_close(st);
    expect_counts(db, 2, 6, 6, 4, 2);
    dl_doc_free(doc);
    dl_doc_free(same_url);
    dl_doc_free(same_text);
    dl_doc_free(other);
}

static void expect_open_fails(const char *url, const char *want_in_msg) {
    dl_store *st = (dl_store *)1;
    char err[512] = "x";
    dl_status rc = dl_store_open(url, &st, err, sizeof err);
    OK(rc != DL_OK, "opening %s should fail", url);
    OK(st == NULL, "out is NULL on failure");
    OK(strstr(err, want_in_msg) != NULL, "message '%s' should contain '%s'", err, want_in_msg);
}

static void test_bad_paths(void) {
    expect_open_fails("/nonexistent-dir/sub/x.db", "'/nonexistent-dir/sub/x.db'");
    expect_open_fails("/nonexistent-dir/sub/x.db", "No such file or directory");
    expect_open_fails(tmpdir, tmpdir);   /* a directory */
    const char *junk = tmp_path("junk.db");
    FILE *fp = fopen(junk, "w");
    fputs("this is not a database, just some text that is long enough to look like a header "
          "and then some more words so sqlite reads a whole page of it................",
          fp);
    fclose(fp);
    expect_open_fails(junk, junk);
    expect_open_fails(junk, "not a database");
    const char *other = tmp_path("other.db");
    exec_sql(other, "CREATE TABLE notes (x TEXT)");
    expect_open_fails(other, "not a dateline database");
    exec_sql(other, "PRAGMA user_version = 99");
    expect_open_fails(other, "schema version 99");
    expect_open_fails("postgresql://localhost/events", "PostgreSQL");
    expect_open_fails("sqlite:", "no file name");
    expect_open_fails("", "no database");

    /* read-only opening never creates a file */
    dl_store *st;
    char err[512];
    const char *missing = tmp_path("missing.db");
    OK(dl_store_open_readonly(missing, &st, err, sizeof err) != DL_OK, "missing file");
    OK(strstr(err, missing) != NULL, "message names the path: %s", err);
    OK(access(missing, F_OK) != 0, "no file was created");
    /* NULL err is allowed */
    OK(dl_store_open("/nonexistent-dir/x.db", &st, NULL, 0) != DL_OK, "fails without err");
}

static void test_failed_put_keeps_earlier(void) {
    const char *db = tmp_path("rollback.db");
    dl_store *st = open_ok(db);
    dl_doc *a = doc_tehran(), *b = doc_istanbul();
    INT_EQ(put(st, a), 1);
    /* make the third kind of insert fail, after B's article and actors went in */
    exec_sql(db, "CREATE TRIGGER boom BEFORE INSERT ON events "
                 "BEGIN SELECT RAISE(ABORT, 'events are switched off'); END");
    int was_new = -1;
    dl_status rc = dl_store_put(st, b, &was_new);
    INT_EQ(rc, DL_ERR_DB);
    INT_EQ(was_new, 0);
    const char *msg = dl_store_errmsg(st);
    OK(strstr(msg, "istanbul.txt") && strstr(msg, db) && strstr(msg, "switched off"),
       "message names article, database and cause: %s", msg);
    expect_counts(db, 1, 4, 4, 3, 2);
    INT_EQ(scalar(db, "SELECT count(*) FROM actors WHERE name = 'Russia'"), 0);
    /* the store is still usable, and B goes in once the cause is gone */
    exec_sql(db, "DROP TRIGGER boom");
    INT_EQ(put(st, b), 1);
    expect_counts(db, 2, 6, 6, 4, 2);
    dl_store_close(st);

    /* a read-only store refuses to write and changes nothing */
    dl_store *ro;
    char err[512];
    OK(dl_store_open_readonly(db, &ro, err, sizeof err) == DL_OK, "%s", err);
    dl_doc *c = new_doc("c.txt", NULL, "C", "2024-02-02", "Something else entirely.");
    rc = dl_store_put(ro, c, &was_new);
    OK(rc != DL_OK, "read-only put fails");
    OK(strstr(dl_store_errmsg(ro), "read-only") != NULL, "%s", dl_store_errmsg(ro));
    dl_store_close(ro);
    expect_counts(db, 2, 6, 6, 4, 2);
    dl_doc_free(a);
    dl_doc_free(b);
    dl_doc_free(c);
}

static void test_unstorable_docs(void) {
    const char *db = tmp_path("unstorable.db");
    dl_store *st = open_ok(db);
    dl_doc *empty = new_doc("empty.txt", NULL, NULL, NULL, "");
    INT_EQ(dl_store_put(st, empty, NULL), DL_ERR_INPUT);
    OK(strstr(dl_store_errmsg(st), "empty.txt") && strstr(dl_store_errmsg(st), "no text"), "%s",
       dl_store_errmsg(st));
    dl_doc *blank = new_doc("blank.txt", NULL, "Title", NULL, " \n\n\t ");
    INT_EQ(dl_store_put(st, blank, NULL), DL_ERR_INPUT);
    dl_doc *broken = doc_istanbul();
    broken->events.v[0].target = 7;   /* no such actor */
    INT_EQ(dl_store_put(st, broken, NULL), DL_ERR_INPUT);
    OK(strstr(dl_store_errmsg(st), "out of range") != NULL, "%s", dl_store_errmsg(st));
    INT_EQ(dl_store_put(st, NULL, NULL), DL_ERR_USAGE);
    INT_EQ(dl_store_put(NULL, broken, NULL), DL_ERR_USAGE);
    dl_store_close(st);
    expect_counts(db, 0, 0, 0, 0, 0);

    /* a document without actors, events or quotes is still an article */
    st = open_ok(db);
    dl_doc *plain = new_doc("plain.txt", NULL, NULL, NULL, "Nothing happened today.");
    INT_EQ(put(st, plain), 1);
    dl_store_close(st);
    expect_counts(db, 1, 0, 0, 0, 0);
    STR_EQ(text(db, "SELECT authors FROM articles"), "[\"Jane Roe\",\"John \\\"Jack\\\" Doe\"]");
    dl_doc_free(empty);
    dl_doc_free(blank);
    dl_doc_free(broken);
    dl_doc_free(plain);
}

/* Deleting an article takes its rows with it (ON DELETE CASCADE). */
static void test_delete_cascades(void) {
    const char *db = tmp_path("cascade.db");
    dl_store *st = open_ok(db);
    dl_doc *a = doc_tehran(), *b = doc_istanbul();
    put(st, a);
    put(st, b);
    dl_store_close(st);
    INT_EQ(scalar(db, "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'khamenei'"), 2);
    exec_sql(db, "PRAGMA foreign_keys = ON; DELETE FROM articles WHERE source = 'tehran.txt'");
    expect_counts(db, 1, 2, 2, 1, 0);
    /* the full-text index follows the events table */
    INT_EQ(scalar(db, "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'khamenei'"), 0);
    INT_EQ(scalar(db, "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'istanbul'"), 1);
    exec_sql(db, "INSERT INTO events_fts(events_fts) VALUES ('integrity-check')");
    dl_doc_free(a);
    dl_doc_free(b);
}

static void test_memory_store(void) {
    dl_store *st = open_ok(":memory:");
    dl_doc *a = doc_tehran();
    INT_EQ(put(st, a), 1);
    INT_EQ(put(st, a), 0);
    dl_store_close(st);
    dl_doc_free(a);
}

static void cleanup(void) {
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmpdir);
}

int main(void) {
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/dl-store-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(test_sha256);
    RUN(test_open_creates_schema);
    RUN(test_put_stores_values);
    RUN(test_put_twice_changes_nothing);
    RUN(test_bad_paths);
    RUN(test_failed_put_keeps_earlier);
    RUN(test_unstorable_docs);
    RUN(test_delete_cascades);
    RUN(test_memory_store);
    cleanup();
    return dl_test_report();
}
