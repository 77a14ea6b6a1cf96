/*
 * store/sqlite.c -- the SQLite backend: one file, WAL journal, foreign keys
 * on, schema version in PRAGMA user_version (docs/schema.md).  dl_store_put
 * writes one article with its actors, mentions, quotes and events in one
 * transaction; any failure rolls the whole article back.
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/render.h"
#include "core/strbuf.h"
#include "store/store.h"

/* ---- schema ------------------------------------------------------------- */

/* migrations[v] takes a database from schema version v to v + 1.  A new
 * version appends a script; published scripts never change. */
static const char *const migrations[DL_STORE_SCHEMA_VERSION] = {
    /* 0 -> 1 */
    "CREATE TABLE articles (\n"
    "  id           INTEGER PRIMARY KEY,\n"
    "  content_hash TEXT NOT NULL UNIQUE,\n"
    "  url          TEXT UNIQUE,\n"
    "  source       TEXT,\n"
    "  site         TEXT,\n"
    "  title        TEXT,\n"
    "  subtitle     TEXT,\n"
    "  authors      TEXT NOT NULL DEFAULT '[]',\n"
    "  published    TEXT,\n"
    "  dateline     TEXT,\n"
    "  language     TEXT,\n"
    "  body         TEXT NOT NULL,\n"
    "  coded_at     TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE actors (\n"
    "  id         INTEGER PRIMARY KEY,\n"
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
    "  local_id   TEXT NOT NULL,\n"
    "  name       TEXT NOT NULL,\n"
    "  type       TEXT,\n"
    "  country    TEXT,\n"
    "  code       TEXT,\n"
    "  role       TEXT,\n"
    "  UNIQUE (article_id, local_id)\n"
    ");\n"
    "CREATE INDEX actors_code ON actors(code);\n"
    "CREATE TABLE mentions (\n"
    "  actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,\n"
    "  start    INTEGER NOT NULL,\n"
    "  \"end\"    INTEGER NOT NULL,\n"
    "  kind     TEXT\n"
    ");\n"
    "CREATE INDEX mentions_actor ON mentions(actor_id);\n"
    "CREATE TABLE quotes (\n"
    "  id               INTEGER PRIMARY KEY,\n"
    "  article_id       INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
    "  speaker_actor_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,\n"
    "  speaker_name     TEXT,\n"
    "  speaker_code     TEXT,\n"
    "  speaker_country  TEXT,\n"
    "  kind             TEXT NOT NULL CHECK (kind IN ('direct', 'indirect')),\n"
    "  text             TEXT,\n"
    "  cue              TEXT,\n"
    "  start            INTEGER,\n"
    "  \"end\"            INTEGER,\n"
    "  sentence         TEXT,\n"
    "  published        TEXT\n"
    ");\n"
    "CREATE INDEX quotes_article ON quotes(article_id);\n"
    "CREATE INDEX quotes_speaker ON quotes(speaker_actor_id);\n"
    "CREATE INDEX quotes_speaker_code ON quotes(speaker_code);\n"
    "CREATE INDEX quotes_published ON quotes(published);\n"
    "CREATE TABLE events (\n"
    "  id              INTEGER PRIMARY KEY,\n"
    "  article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
    "  source_actor_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,\n"
    "  target_actor_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,\n"
    "  source_code     TEXT,\n"
    "  source_name     TEXT,\n"
    "  source_country  TEXT,\n"
    "  target_code     TEXT,\n"
    "  target_name     TEXT,\n"
    "  target_country  TEXT,\n"
    "  cameo           TEXT NOT NULL,\n"
    "  root            TEXT NOT NULL,\n"
    "  quad            INTEGER,\n"
    "  goldstein       REAL,\n"
    "  plover          TEXT,\n"
    "  date            TEXT,\n"
    "  published       TEXT,\n"
    "  place           TEXT,\n"
    "  sentence        TEXT,\n"
    "  start           INTEGER,\n"
    "  \"end\"           INTEGER,\n"
    "  rule            TEXT,\n"
    "  confidence      REAL,\n"
    "  quote_id        INTEGER REFERENCES quotes(id) ON DELETE SET NULL\n"
    ");\n"
    "CREATE INDEX events_article ON events(article_id);\n"
    "CREATE INDEX events_day ON events(coalesce(date, published));\n"
    "CREATE INDEX events_cameo ON events(cameo);\n"
    "CREATE INDEX events_source_code ON events(source_code);\n"
    "CREATE INDEX events_target_code ON events(target_code);\n"
    "CREATE INDEX events_source_actor ON events(source_actor_id);\n"
    "CREATE INDEX events_target_actor ON events(target_actor_id);\n"
    "CREATE INDEX events_quote ON events(quote_id);\n"
    /* full-text search over event sentences (`query --text`); an external
     * content table, kept in step with events by triggers */
    "CREATE VIRTUAL TABLE events_fts USING fts5(sentence, content='events',"
    " content_rowid='id', tokenize='unicode61 remove_diacritics 2');\n"
    "CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN\n"
    "  INSERT INTO events_fts(rowid, sentence) VALUES (new.id, new.sentence);\n"
    "END;\n"
    "CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN\n"
    "  INSERT INTO events_fts(events_fts, rowid, sentence)\n"
    "    VALUES ('delete', old.id, old.sentence);\n"
    "END;\n"
    "CREATE TRIGGER events_fts_update AFTER UPDATE OF sentence ON events BEGIN\n"
    "  INSERT INTO events_fts(events_fts, rowid, sentence)\n"
    "    VALUES ('delete', old.id, old.sentence);\n"
    "  INSERT INTO events_fts(rowid, sentence) VALUES (new.id, new.sentence);\n"
    "END;\n",
    /* 1 -> 2: the raw inputs an ingest has stored, so a rerun skips them
     * before coding */
    "CREATE TABLE inputs (\n"
    "  input_hash TEXT PRIMARY KEY,\n"
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
    "  stored_at  TEXT NOT NULL\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX inputs_article ON inputs(article_id);\n",
    /* 2 -> 3: how many sentences state each event (one event per act,
     * issue 5); events stored before stand for one sentence each */
    "ALTER TABLE events ADD COLUMN n_sentences INTEGER NOT NULL DEFAULT 1;\n",
    /* 3 -> 4: the issues users' issue dictionaries give each event, codes
     * joined by ',' (NULL when none, as for events stored before) */
    "ALTER TABLE events ADD COLUMN issues TEXT;\n",
    /* 4 -> 5 (issue 12): each event's stable id (the GLOBALEVENTID of
     * --format gdelt), PLOVER mode and place resolved in the gazetteer
     * (country, coordinates); the article's fetch date (WARC-Date).  NULL
     * for rows stored before. */
    "ALTER TABLE events ADD COLUMN global_id INTEGER;\n"
    "ALTER TABLE events ADD COLUMN plover_mode TEXT;\n"
    "ALTER TABLE events ADD COLUMN place_country TEXT;\n"
    "ALTER TABLE events ADD COLUMN place_lat REAL;\n"
    "ALTER TABLE events ADD COLUMN place_lon REAL;\n"
    "ALTER TABLE articles ADD COLUMN fetched TEXT;\n"
    "ALTER TABLE articles ADD COLUMN global_id INTEGER;\n"
    "CREATE INDEX events_global_id ON events(global_id);\n",
    /* 5 -> 6: events and Goldstein sums per day, quad class, root and
     * country-level dyad, kept by triggers, so the dashboard's overview,
     * country network and timelines read a few thousand rows instead of
     * every event (issue 14); articles by publication date */
    "CREATE TABLE event_days (\n"
    "  day       TEXT NOT NULL,\n"
    "  quad      INTEGER NOT NULL,\n"
    "  root      TEXT NOT NULL,\n"
    "  source    TEXT NOT NULL,\n"
    "  target    TEXT NOT NULL,\n"
    "  events    INTEGER NOT NULL,\n"
    "  goldstein REAL NOT NULL,\n"
    "  PRIMARY KEY (day, quad, root, source, target)\n"
    ") WITHOUT ROWID;\n"
    /* covering: dyads, countries and a dyad's days read the index alone */
    "CREATE INDEX event_days_dyad ON event_days(source, target, events, goldstein);\n"
    "INSERT INTO event_days SELECT " DL__STORE_EVENT_DAY_KEY("e") ", count(*),"
    " coalesce(sum(e.goldstein), 0) FROM events e GROUP BY 1, 2, 3, 4, 5;\n"
    "CREATE TRIGGER event_days_insert AFTER INSERT ON events BEGIN\n"
    "  INSERT INTO event_days VALUES (" DL__STORE_EVENT_DAY_KEY("new") ", 1,"
    " coalesce(new.goldstein, 0))\n"
    "  ON CONFLICT DO UPDATE SET events = events + 1, goldstein = goldstein + excluded.goldstein;\n"
    "END;\n"
    "CREATE TRIGGER event_days_delete AFTER DELETE ON events BEGIN\n"
    "  UPDATE event_days SET events = events - 1, goldstein = goldstein - coalesce(old.goldstein, 0)\n"
    "    WHERE (day, quad, root, source, target) = (" DL__STORE_EVENT_DAY_KEY("old") ");\n"
    "  DELETE FROM event_days WHERE events <= 0\n"
    "    AND (day, quad, root, source, target) = (" DL__STORE_EVENT_DAY_KEY("old") ");\n"
    "END;\n"
    "CREATE TRIGGER event_days_update AFTER UPDATE OF date, published, quad, root, goldstein,"
    " source_code, source_country, target_code, target_country ON events BEGIN\n"
    "  UPDATE event_days SET events = events - 1, goldstein = goldstein - coalesce(old.goldstein, 0)\n"
    "    WHERE (day, quad, root, source, target) = (" DL__STORE_EVENT_DAY_KEY("old") ");\n"
    "  DELETE FROM event_days WHERE events <= 0\n"
    "    AND (day, quad, root, source, target) = (" DL__STORE_EVENT_DAY_KEY("old") ");\n"
    "  INSERT INTO event_days VALUES (" DL__STORE_EVENT_DAY_KEY("new") ", 1,"
    " coalesce(new.goldstein, 0))\n"
    "  ON CONFLICT DO UPDATE SET events = events + 1, goldstein = goldstein + excluded.goldstein;\n"
    "END;\n"
    "CREATE INDEX articles_published ON articles(published);\n",
    /* 6 -> 7 (issue 15): the raw inputs an ingest met and did not store,
     * failed or left out, so that `dateline status` counts them in all and
     * per shard; storing the input deletes its row */
    "CREATE TABLE unstored_inputs (\n"
    "  input_hash  TEXT PRIMARY KEY,\n"
    "  name        TEXT NOT NULL,\n"
    "  outcome     TEXT NOT NULL CHECK (outcome IN ('failed', 'skipped')),\n"
    "  reason      TEXT NOT NULL,\n"
    "  recorded_at TEXT NOT NULL\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX unstored_inputs_name ON unstored_inputs(name);\n",
    /* 7 -> 8: unstored_inputs keyed by input hash and name, so that inputs
     * of the same bytes (two empty files, a bad JSON Lines record twice)
     * are each counted and listed, as ingest reports each; the rows of
     * version 7 are kept */
    "CREATE TABLE unstored_inputs_v8 (\n"
    "  input_hash  TEXT NOT NULL,\n"
    "  name        TEXT NOT NULL,\n"
    "  outcome     TEXT NOT NULL CHECK (outcome IN ('failed', 'skipped')),\n"
    "  reason      TEXT NOT NULL,\n"
    "  recorded_at TEXT NOT NULL,\n"
    "  PRIMARY KEY (input_hash, name)\n"
    ") WITHOUT ROWID;\n"
    "INSERT INTO unstored_inputs_v8 SELECT input_hash, name, outcome, reason, recorded_at"
    " FROM unstored_inputs;\n"
    "DROP TABLE unstored_inputs;\n"
    "ALTER TABLE unstored_inputs_v8 RENAME TO unstored_inputs;\n"
    "CREATE INDEX unstored_inputs_name ON unstored_inputs(name);\n",
};

/* ---- the handle and its statements -------------------------------------- */

enum { S_BEGIN, S_COMMIT, S_ROLLBACK, S_SAVEPOINT, S_RELEASE, S_ROLLBACK_TO, S_FIND, S_ARTICLE, S_ACTOR, S_MENTION, S_QUOTE,
       S_EVENT, S_EVENT_V4, S_EVENT_V3, S_EVENT_V2, S_INPUT, S_FETCHED, S_UNSTORED,
       S_UNSTORED_V7, S_UNSTORED_RENAMED, S_UNSTORED_CLEAR, S_UNSTORED_DROP, N_STMT };

/* The events columns of schema version 2; version 3 adds n_sentences,
 * version 4 issues, version 5 global_id, plover_mode and the place's
 * country and coordinates. */
#define EVENT_COLS_V2 \
    "article_id, source_actor_id, target_actor_id, source_code, source_name, source_country," \
    " target_code, target_name, target_country, cameo, root, quad, goldstein, plover, date," \
    " published, place, sentence, start, \"end\", rule, confidence, quote_id"
#define EVENT_VALUES_V2 "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?"

static const char *const stmt_sql[N_STMT] = {
    [S_BEGIN] = "BEGIN IMMEDIATE",
    [S_COMMIT] = "COMMIT",
    [S_ROLLBACK] = "ROLLBACK",
    [S_SAVEPOINT] = "SAVEPOINT article",
    [S_RELEASE] = "RELEASE article",
    [S_ROLLBACK_TO] = "ROLLBACK TO article",
    [S_FIND] = "SELECT id FROM articles WHERE content_hash = ?1 OR url = ?2 LIMIT 1",
    [S_ARTICLE] = "INSERT INTO articles (content_hash, url, source, site, title, subtitle,"
                  " authors, published, dateline, language, body, coded_at)"
                  " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    [S_ACTOR] = "INSERT INTO actors (article_id, local_id, name, type, country, code, role)"
                " VALUES (?,?,?,?,?,?,?)",
    [S_MENTION] = "INSERT INTO mentions (actor_id, start, \"end\", kind) VALUES (?,?,?,?)",
    [S_QUOTE] = "INSERT INTO quotes (article_id, speaker_actor_id, speaker_name, speaker_code,"
                " speaker_country, kind, text, cue, start, \"end\", sentence, published)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    [S_EVENT] = "INSERT INTO events (" EVENT_COLS_V2 ", n_sentences, issues, global_id,"
                " plover_mode, place_country, place_lat, place_lon)"
                " VALUES (" EVENT_VALUES_V2 ",?,?,?,?,?,?,?)",
    [S_EVENT_V4] = "INSERT INTO events (" EVENT_COLS_V2 ", n_sentences, issues)"
                   " VALUES (" EVENT_VALUES_V2 ",?,?)",
    [S_EVENT_V3] = "INSERT INTO events (" EVENT_COLS_V2 ", n_sentences)"
                   " VALUES (" EVENT_VALUES_V2 ",?)",
    [S_EVENT_V2] = "INSERT INTO events (" EVENT_COLS_V2 ") VALUES (" EVENT_VALUES_V2 ")",
    [S_INPUT] = "INSERT OR IGNORE INTO inputs (input_hash, article_id, stored_at) VALUES (?,?,?)",
    [S_FETCHED] = "UPDATE articles SET fetched = ?1, global_id = ?2 WHERE id = ?3",
    [S_UNSTORED] = "INSERT INTO unstored_inputs (input_hash, name, outcome, reason, recorded_at)"
                   " VALUES (?,?,?,?,?) ON CONFLICT (input_hash, name) DO UPDATE SET"
                   " outcome = excluded.outcome, reason = excluded.reason,"
                   " recorded_at = excluded.recorded_at",
    /* version 7: one row per input hash, named after the last input met */
    [S_UNSTORED_V7] = "INSERT INTO unstored_inputs (input_hash, name, outcome, reason,"
                      " recorded_at) VALUES (?,?,?,?,?) ON CONFLICT (input_hash) DO UPDATE SET"
                      " name = excluded.name, outcome = excluded.outcome,"
                      " reason = excluded.reason, recorded_at = excluded.recorded_at",
    /* the row of another version of the input: the same name, other bytes */
    [S_UNSTORED_RENAMED] = "DELETE FROM unstored_inputs WHERE name = ?1 AND input_hash <> ?2",
    [S_UNSTORED_CLEAR] = "DELETE FROM unstored_inputs WHERE input_hash = ?1 OR name = ?2",
    [S_UNSTORED_DROP] = "DELETE FROM unstored_inputs WHERE input_hash = ?1",
};

typedef struct {
    dl_store base;               /* first: the public handle */
    sqlite3 *db;
    char *path;                  /* for messages */
    int readonly;
    int target;                  /* the schema version to create or migrate to */
    int batch;                   /* a batch transaction is open (sq_batch) */
    sqlite3_stmt *stmt[N_STMT];  /* prepared on the first put */
} sq_store;

static sq_store *sq(dl_store *st) { return (sq_store *)st; }

static int is_memory(const char *path) { return strcmp(path, ":memory:") == 0; }

/* Runs SQL text that takes no parameters (pragmas, schema scripts). */
static int exec(sqlite3 *db, const char *sql) { return sqlite3_exec(db, sql, NULL, NULL, NULL); }

/* The database's message.  SQLite's last OS error is added only when the
 * database file itself cannot be reached (a missing directory says why,
 * not only "unable to open database file"; for a file that exists it is
 * most often a stray errno from its -wal or -shm file), and to a write's
 * I/O error ("File too large", "No space left on device"). */
static void db_message(sqlite3 *db, const char *path, int rc, char *out, size_t n) {
    const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    struct stat sb;
    int sys = db ? sqlite3_system_errno(db) : 0;
    if ((rc & 0xff) == SQLITE_CANTOPEN && path && !is_memory(path) && stat(path, &sb) != 0)
        snprintf(out, n, "%s (%s)", msg, strerror(errno));
    else if (((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_FULL) && sys)
        snprintf(out, n, "%s (%s)", msg, strerror(sys));   /* "disk I/O error": which one */
    else snprintf(out, n, "%s", msg);
}

static int query_int(sqlite3 *db, const char *sql, int *out) {
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK) return rc;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int(s, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(s);
    return rc;
}

/* Brings the schema to DL_STORE_SCHEMA_VERSION, or explains why it cannot.
 * The version is read again under the write lock so two processes opening
 * a new file at once migrate it once. */
static dl_status check_schema(sq_store *s, char *err, size_t errlen) {
    char msg[512];
    int version = 0, ntables = 0, rc;
    if ((rc = query_int(s->db, "PRAGMA user_version", &version)) != SQLITE_OK ||
        (rc = query_int(s->db, "SELECT count(*) FROM sqlite_master", &ntables)) != SQLITE_OK)
        goto db_fail;
    if (version == 0 && ntables > 0) {
        snprintf(err, errlen,
                 "'%s' is not a dateline database (it has tables but no schema version)", s->path);
        return DL_ERR_DB;
    }
    if (version > DL_STORE_SCHEMA_VERSION) {
        snprintf(err, errlen, "database '%s' has schema version %d; this dateline knows %d",
                 s->path, version, DL_STORE_SCHEMA_VERSION);
        return DL_ERR_DB;
    }
    if (version >= s->target) return DL_OK;
    if (s->readonly) {
        if (version == 0)
            snprintf(err, errlen, "'%s' is not a dateline database (it is empty)", s->path);
        else
            snprintf(err, errlen, "database '%s' has schema version %d; run 'dateline ingest' to "
                     "upgrade it to %d", s->path, version, DL_STORE_SCHEMA_VERSION);
        return DL_ERR_DB;
    }
    if ((rc = exec(s->db, "BEGIN IMMEDIATE")) != SQLITE_OK) goto db_fail;
    if ((rc = query_int(s->db, "PRAGMA user_version", &version)) != SQLITE_OK) goto rollback;
    for (; version < s->target; version++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", version + 1);
        if ((rc = exec(s->db, migrations[version])) != SQLITE_OK) goto rollback;
        if ((rc = exec(s->db, pragma)) != SQLITE_OK) goto rollback;
    }
    if ((rc = exec(s->db, "COMMIT")) != SQLITE_OK) goto rollback;
    return DL_OK;
rollback:
    db_message(s->db, s->path, rc, msg, sizeof msg);
    exec(s->db, "ROLLBACK");
    snprintf(err, errlen, "cannot create the schema in '%s': %s", s->path, msg);
    return DL_ERR_DB;
db_fail:
    db_message(s->db, s->path, rc, msg, sizeof msg);
    snprintf(err, errlen, "cannot open database '%s': %s", s->path, msg);
    return DL_ERR_DB;
}

static void sq_close(dl_store *st) {
    sq_store *s = sq(st);
    for (int i = 0; i < N_STMT; i++) sqlite3_finalize(s->stmt[i]);
    sqlite3_close_v2(s->db);
    free(s->path);
    free(s);
}

/* "file:PATH?immutable=1", PATH percent-encoded; caller frees. */
static char *immutable_uri(const char *path) {
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_strbuf_adds(&b, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/._-~", *p))
            dl_strbuf_addc(&b, (char)*p);
        else dl_strbuf_printf(&b, "%%%02X", *p);
    }
    dl_strbuf_adds(&b, "?immutable=1");
    return dl_strbuf_detach(&b);
}

/* Opens s->db and sets the connection up; immutable opens the file as
 * SQLite's immutable=1 URI.  A read-only open reads the schema table at
 * once: that first read is what needs the WAL index (the -shm file). */
static int connect_db(sq_store *s, int immutable) {
    int oflags = s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    char *uri = immutable ? immutable_uri(s->path) : NULL;
    if (immutable && !uri) return SQLITE_NOMEM;
    int rc = sqlite3_open_v2(uri ? uri : s->path, &s->db, oflags | (uri ? SQLITE_OPEN_URI : 0), NULL);
    free(uri);
    if (rc == SQLITE_OK) {
        sqlite3_extended_result_codes(s->db, 1);
        sqlite3_busy_timeout(s->db, 5000);
        rc = exec(s->db, "PRAGMA foreign_keys = ON");
    }
    /* WAL lets queries read while an ingest writes; NORMAL sync is durable
     * across application crashes, which is what a re-runnable ingest needs. */
    if (rc == SQLITE_OK && !s->readonly) rc = exec(s->db, "PRAGMA journal_mode = WAL");
    if (rc == SQLITE_OK && !s->readonly) rc = exec(s->db, "PRAGMA synchronous = NORMAL");
    int ntables;
    if (rc == SQLITE_OK && s->readonly)
        rc = query_int(s->db, "SELECT count(*) FROM sqlite_master", &ntables);
    return rc;
}

static int is_write_refused(int rc) {
    return (rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN;
}

/* Does path have a -wal file with commits in it? */
static int has_wal(const char *path) {
    char wal[4200];
    struct stat sb;
    snprintf(wal, sizeof wal, "%s-wal", path);
    return stat(wal, &sb) == 0 && sb.st_size > 0;
}

static dl_status sq_open(const char *path, int flags, dl_store **out, char *err, size_t errlen) {
    sq_store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        snprintf(err, errlen, "cannot open database '%s': out of memory", path);
        return DL_ERR_NOMEM;
    }
    s->base.ops = &dl__sqlite_ops;
    s->readonly = (flags & DL_STORE_OPEN_READONLY) != 0;
    s->target = DL_STORE_OPEN_TARGET(flags);
    struct stat sb;
    if (s->readonly && !is_memory(path) && stat(path, &sb) != 0) {
        snprintf(err, errlen, "cannot open database '%s': %s", path, strerror(errno));
        sq_close(&s->base);
        return DL_ERR_IO;
    }
    int rc = connect_db(s, 0);
    /* A WAL database in a read-only file, directory or mount: reading it
     * needs a -shm file that cannot be made there.  Opened immutable, SQLite
     * reads the database file alone, which holds every commit unless a
     * writer left a -wal behind (then refused: it would read old data). */
    if (s->readonly && !is_memory(path) && is_write_refused(rc)) {
        if (has_wal(path)) {
            snprintf(err, errlen, "cannot read database '%s': it is read-only and its write-ahead "
                     "log '%s-wal' holds commits that cannot be read without writing (copy both "
                     "files somewhere writable)", path, path);
            sq_close(&s->base);
            return DL_ERR_DB;
        }
        sqlite3_close_v2(s->db);
        s->db = NULL;
        rc = connect_db(s, 1);
    }
    if (rc != SQLITE_OK) {
        char msg[512];
        db_message(s->db, s->path, rc, msg, sizeof msg);
        if (!s->readonly && (rc & 0xff) == SQLITE_READONLY)
            snprintf(err, errlen, "cannot write to database '%s': the file, its directory or its "
                     "file system is read-only (%s); 'query' and 'serve' without a token only "
                     "read it", path, msg);
        else snprintf(err, errlen, "cannot open database '%s': %s", path, msg);
        sq_close(&s->base);
        return DL_ERR_DB;
    }
    dl_status st = check_schema(s, err, errlen);
    if (st != DL_OK) {
        sq_close(&s->base);
        return st;
    }
    *out = &s->base;
    return DL_OK;
}

/* ---- put ------------------------------------------------------------------ */

/* Binding helpers: a NULL string or an empty optional field binds SQL NULL.
 * Strings are SQLITE_STATIC: every statement is reset and its bindings
 * cleared before the bound memory can go away (see step_done). */
static int bind_text(sqlite3_stmt *s, int i, const char *v) {
    return v ? sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(s, i);
}
static int bind_textn(sqlite3_stmt *s, int i, const char *v, size_t n) {
    return v ? sqlite3_bind_text(s, i, v, (int)n, SQLITE_STATIC) : sqlite3_bind_null(s, i);
}
static int bind_opt(sqlite3_stmt *s, int i, const char *v) {
    return bind_text(s, i, v && *v ? v : NULL);
}
static int bind_id(sqlite3_stmt *s, int i, long long id) {
    return id > 0 ? sqlite3_bind_int64(s, i, id) : sqlite3_bind_null(s, i);
}

/* Steps a write statement once and makes it reusable. */
static int step_done(sqlite3_stmt *s) {
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* The event INSERT of a store at schema version v. */
static int event_stmt(int v) {
    return v >= 5 ? S_EVENT : v == 4 ? S_EVENT_V4 : v == 3 ? S_EVENT_V3 : S_EVENT_V2;
}

/* Does a store at schema version v lack statement i's table or columns? */
static int stmt_unknown(int i, int v) {
    int event = i == S_EVENT || i == S_EVENT_V4 || i == S_EVENT_V3 || i == S_EVENT_V2;
    int unstored = i == S_UNSTORED || i == S_UNSTORED_V7 || i == S_UNSTORED_RENAMED ||
                   i == S_UNSTORED_CLEAR || i == S_UNSTORED_DROP;
    return (i == S_INPUT && v < 2) || (i == S_FETCHED && v < 5) || (unstored && v < 7) ||
           (event && i != event_stmt(v)) || (i == S_UNSTORED && v < 8) ||
           (i == S_UNSTORED_V7 && v >= 8);
}

static int prepare_all(sq_store *s) {
    for (int i = 0; i < N_STMT; i++) {
        if (s->stmt[i] || stmt_unknown(i, s->target)) continue;
        int rc = sqlite3_prepare_v3(s->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                                    &s->stmt[i], NULL);
        if (rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
}

static int put_article(sq_store *s, const dl_doc *doc, const char *hash, long long *id) {
    const dl_article *a = &doc->article;
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < a->n_authors; i++)
        json_array_append_new(arr, json_string(a->authors[i] ? a->authors[i] : ""));
    char *authors = arr ? json_dumps(arr, JSON_COMPACT) : NULL;
    json_decref(arr);
    if (!authors) return SQLITE_NOMEM;
    char now[32];
    dl__store_utc_now(now);
    sqlite3_stmt *st = s->stmt[S_ARTICLE];
    bind_text(st, 1, hash);
    bind_opt(st, 2, a->url);
    bind_text(st, 3, doc->name);
    bind_opt(st, 4, a->site);
    bind_text(st, 5, a->title);
    bind_text(st, 6, a->subtitle);
    bind_text(st, 7, authors);
    bind_opt(st, 8, a->published);
    bind_opt(st, 9, a->dateline);
    bind_opt(st, 10, a->language);
    bind_textn(st, 11, a->body, a->body_len);
    bind_text(st, 12, now);
    int rc = step_done(st);
    free(authors);
    *id = sqlite3_last_insert_rowid(s->db);
    if (rc == SQLITE_OK && s->target >= 5) {   /* the columns of version 5 */
        bind_opt(s->stmt[S_FETCHED], 1, a->fetched);
        sqlite3_bind_int64(s->stmt[S_FETCHED], 2, (sqlite3_int64)dl__article_global_id(doc));
        sqlite3_bind_int64(s->stmt[S_FETCHED], 3, *id);
        rc = step_done(s->stmt[S_FETCHED]);
    }
    return rc;
}

static int put_actors(sq_store *s, const dl_doc *doc, long long article, long long *ids) {
    int rc = SQLITE_OK;
    for (size_t i = 0; rc == SQLITE_OK && i < doc->actors.n; i++) {
        const dl_actor *a = &doc->actors.v[i];
        sqlite3_stmt *st = s->stmt[S_ACTOR];
        sqlite3_bind_int64(st, 1, article);
        bind_text(st, 2, a->id);
        bind_text(st, 3, a->name);
        bind_opt(st, 4, a->type);
        bind_opt(st, 5, a->country);
        bind_opt(st, 6, a->code);
        bind_opt(st, 7, a->role);
        rc = step_done(st);
        ids[i] = sqlite3_last_insert_rowid(s->db);
    }
    for (size_t i = 0; rc == SQLITE_OK && i < doc->mentions.n; i++) {
        const dl_mention *m = &doc->mentions.v[i];
        if (m->actor < 0) continue;   /* unresolved mentions belong to no actor */
        sqlite3_stmt *st = s->stmt[S_MENTION];
        sqlite3_bind_int64(st, 1, ids[m->actor]);
        sqlite3_bind_int64(st, 2, m->off);
        sqlite3_bind_int64(st, 3, (long long)m->off + m->len);
        bind_text(st, 4, dl__store_mention_kind(m->kind));
        rc = step_done(st);
    }
    return rc;
}

static int bind_sentence(sqlite3_stmt *st, int i, const dl_doc *doc, uint32_t sent) {
    if (sent >= doc->sents.n) return sqlite3_bind_null(st, i);
    const dl_sent *s = &doc->sents.v[sent];
    return bind_textn(st, i, DL_SPAN_PTR(doc, s->off), s->len);
}

static int put_quotes(sq_store *s, const dl_doc *doc, long long article, const long long *actor_ids,
                      const char *pub, long long *ids) {
    int rc = SQLITE_OK;
    for (size_t i = 0; rc == SQLITE_OK && i < doc->quotes.n; i++) {
        const dl_quote *q = &doc->quotes.v[i];
        const dl_actor *a = dl__store_actor_at(doc, q->speaker);
        sqlite3_stmt *st = s->stmt[S_QUOTE];
        sqlite3_bind_int64(st, 1, article);
        bind_id(st, 2, a ? actor_ids[q->speaker] : 0);
        bind_text(st, 3, a ? a->name : q->speaker_text);
        bind_opt(st, 4, a ? a->code : NULL);
        bind_opt(st, 5, a ? a->country : NULL);
        bind_text(st, 6, q->direct ? "direct" : "indirect");
        bind_text(st, 7, q->text);
        bind_text(st, 8, q->cue);
        sqlite3_bind_int64(st, 9, q->off);
        sqlite3_bind_int64(st, 10, (long long)q->off + q->len);
        bind_sentence(st, 11, doc, q->sent);
        bind_opt(st, 12, pub);
        rc = step_done(st);
        ids[i] = sqlite3_last_insert_rowid(s->db);
    }
    return rc;
}

/* Binds an event side: actor row id, then code (as of the event's date),
 * name and country copied from the actor so queries filter events without
 * joins. */
static void bind_side(sqlite3_stmt *st, int id_col, int col, const dl_doc *doc, int actor,
                      const char *code, const long long *actor_ids) {
    const dl_actor *a = dl__store_actor_at(doc, actor);
    bind_id(st, id_col, a ? actor_ids[actor] : 0);
    bind_opt(st, col, code ? code : a ? a->code : NULL);
    bind_text(st, col + 1, a ? a->name : NULL);
    bind_opt(st, col + 2, a ? a->country : NULL);
}

/* Binds the event's issues joined by ',' (NULL when none); b holds the
 * text until the statement has run. */
static int bind_issues(sqlite3_stmt *st, int col, dl_strbuf *b, const dl_event *e) {
    dl_strbuf_clear(b);
    dl__event_issues_add(b, e);
    if (b->oom) return SQLITE_NOMEM;
    return bind_textn(st, col, b->len ? b->s : NULL, b->len);
}

static int put_events(sq_store *s, const dl_doc *doc, long long article, const long long *actor_ids,
                      const long long *quote_ids, const char *pub) {
    int rc = SQLITE_OK;
    int v3 = s->target >= 3, v4 = s->target >= 4, v5 = s->target >= 5;
    uint64_t *gids = doc->events.n ? malloc(doc->events.n * sizeof *gids) : NULL;
    if (doc->events.n && !gids) return SQLITE_NOMEM;
    dl__event_global_ids(doc, dl__article_global_id(doc), gids);
    dl_strbuf issues;
    dl_strbuf_init(&issues);
    for (size_t i = 0; rc == SQLITE_OK && i < doc->events.n; i++) {
        const dl_event *e = &doc->events.v[i];
        sqlite3_stmt *st = s->stmt[event_stmt(s->target)];
        size_t clen = strnlen(e->cameo, sizeof e->cameo), dlen = strnlen(e->date, sizeof e->date);
        const dl_actor *place = dl__store_actor_at(doc, e->place);
        sqlite3_bind_int64(st, 1, article);
        bind_side(st, 2, 4, doc, e->source, e->source_code, actor_ids);
        bind_side(st, 3, 7, doc, e->target, e->target_code, actor_ids);
        bind_textn(st, 10, e->cameo, clen);
        bind_textn(st, 11, e->cameo, clen < 2 ? clen : 2);
        sqlite3_bind_int(st, 12, e->quad);
        sqlite3_bind_double(st, 13, e->goldstein);
        bind_opt(st, 14, e->plover);
        if (dlen) bind_textn(st, 15, e->date, dlen);
        bind_opt(st, 16, pub);
        bind_text(st, 17, place ? place->name : NULL);
        bind_sentence(st, 18, doc, e->sent);
        sqlite3_bind_int64(st, 19, e->off);
        sqlite3_bind_int64(st, 20, (long long)e->off + e->len);
        bind_text(st, 21, e->rule);
        /* 0.8f is 0.800000011920929 as a double; four places are plenty */
        sqlite3_bind_double(st, 22, round(e->confidence * 10000.0) / 10000.0);
        bind_id(st, 23, e->quote >= 0 ? quote_ids[e->quote] : 0);
        if (v3) sqlite3_bind_int64(st, 24, dl_event_support(e));
        if (v4) rc = bind_issues(st, 25, &issues, e);
        if (v5) {
            sqlite3_bind_int64(st, 26, (sqlite3_int64)gids[i]);
            bind_opt(st, 27, e->plover_mode);
            if (e->geo) {
                bind_text(st, 28, e->geo->country);
                sqlite3_bind_double(st, 29, e->geo->lat);
                sqlite3_bind_double(st, 30, e->geo->lon);
            }
        }
        if (rc == SQLITE_OK) rc = step_done(st);
        else sqlite3_clear_bindings(st);
    }
    dl_strbuf_release(&issues);
    free(gids);
    return rc;
}

/* Looks the article up by content hash or URL; *id is 0 when new. */
static int find_article(sq_store *s, const char *hash, const char *url, long long *id) {
    sqlite3_stmt *st = s->stmt[S_FIND];
    bind_text(st, 1, hash);
    bind_opt(st, 2, url);
    int rc = sqlite3_step(st);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Records that the raw input input_hash, named name, gave article (stored
 * now or before), so a rerun skips the input before coding it; the input
 * is no longer unstored. */
static int put_input(sq_store *s, const char *input_hash, const char *name, long long article) {
    if (!input_hash || s->target < 2) return SQLITE_OK;
    char now[32];
    dl__store_utc_now(now);
    sqlite3_stmt *st = s->stmt[S_INPUT];
    bind_text(st, 1, input_hash);
    sqlite3_bind_int64(st, 2, article);
    bind_text(st, 3, now);
    int rc = step_done(st);
    if (rc != SQLITE_OK || s->target < 7) return rc;
    bind_text(s->stmt[S_UNSTORED_CLEAR], 1, input_hash);
    bind_text(s->stmt[S_UNSTORED_CLEAR], 2, name);
    return step_done(s->stmt[S_UNSTORED_CLEAR]);
}

/* The body of the transaction; returns an SQLite code. */
static int put_rows(sq_store *s, const dl_doc *doc, const char *hash, const char *input_hash,
                    int *was_new) {
    const char *name = dl__store_doc_name(doc);
    long long article;
    int rc = find_article(s, hash, doc->article.url, &article);
    if (rc != SQLITE_OK) return rc;
    if (article) return put_input(s, input_hash, name, article);
    char pub[11];
    dl_doc_pub_date(doc, pub);
    size_t n = doc->actors.n + doc->quotes.n;
    long long *ids = calloc(n ? n : 1, sizeof *ids);
    if (!ids) return SQLITE_NOMEM;
    long long *actor_ids = ids, *quote_ids = ids + doc->actors.n;
    if ((rc = put_article(s, doc, hash, &article)) == SQLITE_OK &&
        (rc = put_actors(s, doc, article, actor_ids)) == SQLITE_OK &&
        (rc = put_quotes(s, doc, article, actor_ids, pub, quote_ids)) == SQLITE_OK &&
        (rc = put_events(s, doc, article, actor_ids, quote_ids, pub)) == SQLITE_OK)
        rc = put_input(s, input_hash, name, article);
    free(ids);
    if (rc == SQLITE_OK) *was_new = 1;
    return rc;
}

/* Notes a write failure that later writes will meet too. */
static void note_broken(sq_store *s, int rc) {
    if ((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR) s->base.broken = 1;
}

/* Records a database failure on the handle: "cannot VERB 'NAME' in 'FILE': ...". */
static dl_status write_failed(sq_store *s, int rc, const char *verb, const char *name) {
    char msg[512];
    note_broken(s, rc);
    db_message(s->db, s->path, rc, msg, sizeof msg);
    return dl__store_fail(&s->base, DL_ERR_DB, "cannot %s '%s' in '%s': %s", verb, name, s->path,
                          msg);
}

/* Opens the write of one unit (an article, an unstored input): inside a
 * batch a savepoint, so that the unit is written whole or not at all and
 * the batch's transaction commits whole units only; else a transaction. */
static dl_status unit_begin(sq_store *s, const char *verb, const char *name) {
    if (s->batch && sqlite3_get_autocommit(s->db))   /* SQLite rolled the batch back */
        return dl__store_fail(&s->base, DL_ERR_DB, "cannot %s '%s' in '%s': the batch's "
                              "transaction was rolled back", verb, name, s->path);
    int rc = prepare_all(s);
    if (rc == SQLITE_OK) rc = step_done(s->stmt[s->batch ? S_SAVEPOINT : S_BEGIN]);
    return rc == SQLITE_OK ? DL_OK : write_failed(s, rc, verb, name);
}

/* Ends the unit unit_begin opened: kept when rc, what its statements gave,
 * is SQLITE_OK and it commits; else undone whole. */
static dl_status unit_end(sq_store *s, int rc, const char *verb, const char *name) {
    if (rc == SQLITE_OK) rc = step_done(s->stmt[s->batch ? S_RELEASE : S_COMMIT]);
    if (rc == SQLITE_OK) return DL_OK;
    dl_status ret = write_failed(s, rc, verb, name);   /* before ROLLBACK replaces the message */
    if (!sqlite3_get_autocommit(s->db)) {
        if (s->batch) {
            step_done(s->stmt[S_ROLLBACK_TO]);
            step_done(s->stmt[S_RELEASE]);
        } else {
            step_done(s->stmt[S_ROLLBACK]);
        }
    }
    return ret;
}

static dl_status sq_put(dl_store *st, const dl_doc *doc, const char *input_hash, int *was_new) {
    sq_store *s = sq(st);
    const char *name = dl__store_doc_name(doc);
    if (s->readonly)
        return dl__store_fail(st, DL_ERR_USAGE,
                              "cannot store '%s': database '%s' is open read-only", name, s->path);
    const char *why = dl__store_unstorable(doc);
    if (why) return dl__store_fail(st, DL_ERR_INPUT, "cannot store '%s': %s", name, why);
    char hash[65];
    dl__store_content_hash(&doc->article, hash);
    dl_status ret = unit_begin(s, "store", name);
    if (ret != DL_OK) return ret;
    ret = unit_end(s, put_rows(s, doc, hash, input_hash, was_new), "store", name);
    if (ret != DL_OK) *was_new = 0;
    return ret;
}

/* One row per unstored input, by hash and name: the row of an earlier
 * version of it (the same name, other bytes) goes, and a rerun replaces
 * its own row. */
static dl_status sq_put_unstored(dl_store *st, const char *input_hash, const char *name,
                                 const char *outcome, const char *reason) {
    sq_store *s = sq(st);
    if (s->readonly)
        return dl__store_fail(st, DL_ERR_USAGE,
                              "cannot record '%s': database '%s' is open read-only", name, s->path);
    if (s->target < 7) return DL_OK;
    dl_status ret = unit_begin(s, "record", name);
    if (ret != DL_OK) return ret;
    char now[32];
    dl__store_utc_now(now);
    bind_text(s->stmt[S_UNSTORED_RENAMED], 1, name);
    bind_text(s->stmt[S_UNSTORED_RENAMED], 2, input_hash);
    int rc = step_done(s->stmt[S_UNSTORED_RENAMED]);
    if (rc == SQLITE_OK) {
        sqlite3_stmt *q = s->stmt[s->target >= 8 ? S_UNSTORED : S_UNSTORED_V7];
        bind_text(q, 1, input_hash);
        bind_text(q, 2, name);
        bind_text(q, 3, outcome);
        bind_text(q, 4, reason);
        bind_text(q, 5, now);
        rc = step_done(q);
    }
    return unit_end(s, rc, "record", name);
}

/* One statement: atomic by itself, and inside a batch part of it. */
static dl_status sq_drop_unstored(dl_store *st, const char *input_hash) {
    sq_store *s = sq(st);
    if (s->readonly)
        return dl__store_fail(st, DL_ERR_USAGE, "cannot drop an unstored input: database '%s' "
                              "is open read-only", s->path);
    if (s->target < 7) return DL_OK;
    int rc = prepare_all(s);
    if (rc == SQLITE_OK) {
        bind_text(s->stmt[S_UNSTORED_DROP], 1, input_hash);
        rc = step_done(s->stmt[S_UNSTORED_DROP]);
    }
    return rc == SQLITE_OK ? DL_OK : write_failed(s, rc, "drop", input_hash);
}

/* Opens (begin) or commits a transaction around many puts.  When SQLite
 * had to roll the whole transaction back after a failed put, the commit
 * fails and says so: the batch's articles are not stored. */
static dl_status sq_batch(dl_store *st, int begin) {
    sq_store *s = sq(st);
    char msg[512];
    if (s->readonly) return DL_OK;
    int rc = SQLITE_OK;
    if (begin) {
        if (s->batch || !sqlite3_get_autocommit(s->db)) return DL_OK;
        if ((rc = prepare_all(s)) == SQLITE_OK) rc = step_done(s->stmt[S_BEGIN]);
        if (rc == SQLITE_OK) s->batch = 1;
    } else {
        if (!s->batch) return DL_OK;
        s->batch = 0;
        if (sqlite3_get_autocommit(s->db))
            return dl__store_fail(st, DL_ERR_DB, "cannot store a batch of articles in '%s': "
                                  "its transaction was rolled back", s->path);
        rc = step_done(s->stmt[S_COMMIT]);
        if (rc != SQLITE_OK) {
            note_broken(s, rc);
            db_message(s->db, s->path, rc, msg, sizeof msg);
            step_done(s->stmt[S_ROLLBACK]);
            return dl__store_fail(st, DL_ERR_DB, "cannot store a batch of articles in '%s': %s",
                                  s->path, msg);
        }
        return DL_OK;
    }
    if (rc == SQLITE_OK) return DL_OK;
    note_broken(s, rc);
    db_message(s->db, s->path, rc, msg, sizeof msg);
    return dl__store_fail(st, DL_ERR_DB, "cannot begin a transaction in '%s': %s", s->path, msg);
}

/* ---- select --------------------------------------------------------------- */

enum { MAX_COLS = 64 };

static int bind_value(sqlite3_stmt *st, int i, const dl_store_value *v) {
    switch (v->type) {
    case DL_VAL_INT: return sqlite3_bind_int64(st, i, v->i);
    case DL_VAL_REAL: return sqlite3_bind_double(st, i, v->d);
    case DL_VAL_TEXT: return bind_text(st, i, v->s);
    case DL_VAL_NULL: break;
    }
    return sqlite3_bind_null(st, i);
}

static void read_row(sqlite3_stmt *st, dl_store_value *cols, int n) {
    for (int i = 0; i < n; i++) {
        dl_store_value *c = &cols[i];
        memset(c, 0, sizeof *c);
        switch (sqlite3_column_type(st, i)) {
        case SQLITE_INTEGER:
            c->type = DL_VAL_INT;
            c->i = sqlite3_column_int64(st, i);
            c->d = (double)c->i;
            break;
        case SQLITE_FLOAT:
            c->type = DL_VAL_REAL;
            c->d = sqlite3_column_double(st, i);
            c->i = (long long)c->d;
            break;
        case SQLITE_NULL: c->type = DL_VAL_NULL; break;
        default:
            c->type = DL_VAL_TEXT;
            c->s = (const char *)sqlite3_column_text(st, i);
            break;
        }
    }
}

static dl_status sq_select(dl_store *base, const char *sql, const dl_store_value *params,
                           int nparams, dl_store_row_fn fn, void *ctx) {
    sq_store *s = sq(base);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    for (int i = 0; rc == SQLITE_OK && i < nparams; i++) rc = bind_value(st, i + 1, &params[i]);
    int ncol = rc == SQLITE_OK ? sqlite3_column_count(st) : 0;
    if (ncol > MAX_COLS) ncol = MAX_COLS;
    dl_store_value cols[MAX_COLS];
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        read_row(st, cols, ncol);
        rc = fn(cols, ncol, ctx) ? SQLITE_DONE : SQLITE_OK;
    }
    dl_status ret = DL_OK;
    if (rc != SQLITE_DONE) {
        char msg[512];
        db_message(s->db, s->path, rc, msg, sizeof msg);
        ret = dl__store_fail(base, DL_ERR_DB, "cannot query '%s': %s", s->path, msg);
    }
    sqlite3_finalize(st);
    return ret;
}

const dl_store_ops dl__sqlite_ops = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .put = sq_put,
    .put_unstored = sq_put_unstored,
    .drop_unstored = sq_drop_unstored,
    .select = sq_select,
    .batch = sq_batch,
};
