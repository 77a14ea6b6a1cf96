/*
 * store/store.c -- the public dl_store calls: pick a backend from the URL
 * ("sqlite:PATH" or a bare path for SQLite, "postgresql://..." or
 * "postgres://..." for PostgreSQL) and dispatch through its dl_store_ops.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/store.h"

extern const dl_store_ops dl__postgres_ops;   /* store/postgres.c */

static int has_prefix(const char *s, const char *prefix) {
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static dl_status open_url(const char *url, int flags, dl_store **out, char *err,
                          size_t errlen) {
    char dummy[8];
    if (!err || !errlen) { err = dummy; errlen = sizeof dummy; }
    err[0] = '\0';
    if (!out) return DL_ERR_USAGE;
    *out = NULL;
    if (!url || !*url) {
        snprintf(err, errlen, "no database given");
        return DL_ERR_USAGE;
    }
    if (has_prefix(url, "postgresql:") || has_prefix(url, "postgres:"))
        return dl__postgres_ops.open(url, flags, out, err, errlen);   /* libpq reads the URL */
    const char *target = has_prefix(url, "sqlite:") ? url + strlen("sqlite:") : url;
    if (!*target) {
        snprintf(err, errlen, "cannot open database '%s': no file name after 'sqlite:'", url);
        return DL_ERR_USAGE;
    }
    return dl__sqlite_ops.open(target, flags, out, err, errlen);
}

dl_status dl__store_open(const char *url, int flags, dl_store **out, char *err, size_t errlen) {
    return open_url(url, flags, out, err, errlen);
}

dl_status dl_store_open(const char *url, dl_store **out, char *err, size_t errlen) {
    return open_url(url, 0, out, err, errlen);
}

dl_status dl_store_open_readonly(const char *url, dl_store **out, char *err, size_t errlen) {
    return open_url(url, DL_STORE_OPEN_READONLY, out, err, errlen);
}

void dl_store_close(dl_store *st) {
    if (st) st->ops->close(st);
}

dl_status dl_store_put(dl_store *st, const dl_doc *doc, int *was_new) {
    return dl__store_put_input(st, doc, NULL, was_new);
}

dl_status dl__store_put_input(dl_store *st, const dl_doc *doc, const char *input_hash,
                              int *was_new) {
    int dummy;
    if (!was_new) was_new = &dummy;
    *was_new = 0;
    if (!st) return DL_ERR_USAGE;
    if (!doc) return dl__store_fail(st, DL_ERR_USAGE, "no document to store");
    st->errmsg[0] = '\0';
    return st->ops->put(st, doc, input_hash, was_new);
}

dl_status dl__store_put_unstored(dl_store *st, const char *input_hash, const char *name,
                                 int failed, const char *reason) {
    if (!st) return DL_ERR_USAGE;
    if (!input_hash || !name || !reason)
        return dl__store_fail(st, DL_ERR_USAGE, "no input hash, name or reason to record");
    st->errmsg[0] = '\0';
    return st->ops->put_unstored(st, input_hash, name, failed ? "failed" : "skipped", reason);
}

dl_status dl__store_drop_unstored(dl_store *st, const char *input_hash) {
    if (!st) return DL_ERR_USAGE;
    if (!input_hash) return dl__store_fail(st, DL_ERR_USAGE, "no input hash to drop");
    st->errmsg[0] = '\0';
    return st->ops->drop_unstored(st, input_hash);
}

dl_status dl__store_batch_begin(dl_store *st) {
    if (!st) return DL_ERR_USAGE;
    st->errmsg[0] = '\0';
    return st->ops->batch ? st->ops->batch(st, 1) : DL_OK;
}

dl_status dl__store_batch_commit(dl_store *st) {
    if (!st) return DL_ERR_USAGE;
    st->errmsg[0] = '\0';
    return st->ops->batch ? st->ops->batch(st, 0) : DL_OK;
}

static int found_row(const dl_store_value *cols, int ncol, void *ctx) {
    (void)cols;
    (void)ncol;
    *(int *)ctx = 1;
    return 1;
}

dl_status dl__store_has_input(dl_store *st, const char *input_hash, int *found) {
    *found = 0;
    if (!st || !input_hash) return DL_ERR_USAGE;
    dl_store_value v = {.type = DL_VAL_TEXT, .s = input_hash};
    return dl__store_select(st, "SELECT 1 FROM inputs WHERE input_hash = ?", &v, 1, found_row,
                            found);
}

const char *dl_store_errmsg(const dl_store *st) {
    if (!st) return "no store";
    return st->errmsg;
}

dl_status dl__store_fail(dl_store *st, dl_status code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->errmsg, sizeof st->errmsg, fmt, ap);
    va_end(ap);
    return code;
}

dl_status dl__store_select(dl_store *st, const char *sql, const dl_store_value *params,
                           int nparams, dl_store_row_fn fn, void *ctx) {
    st->errmsg[0] = '\0';
    return st->ops->select(st, sql, params, nparams, fn, ctx);
}

/* ---- helpers both backends use ------------------------------------------- */

void dl__store_utc_now(char out[32]) {
    time_t t = time(NULL);
    struct tm tm;
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
}

const char *dl__store_doc_name(const dl_doc *doc) {
    if (doc->name) return doc->name;
    return doc->article.url ? doc->article.url : "article";
}

static int blank(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' && s[i] != '\f')
            return 0;
    return 1;
}

const char *dl__store_unstorable(const dl_doc *doc) {
    const dl_article *a = &doc->article;
    if (!a->body || blank(a->body, a->body_len)) return "the article has no text";
    const char *why = dl_doc_check(doc);
    if (why) return why;
    for (size_t i = 0; i < doc->actors.n; i++)
        if (!doc->actors.v[i].id || !doc->actors.v[i].name) return "an actor has no id or name";
    for (size_t i = 0; i < doc->events.n; i++) {
        const dl_event *e = &doc->events.v[i];
        if (e->place >= (int)doc->actors.n) return "event place out of range";
        if (e->quote >= (int)doc->quotes.n) return "event quote out of range";
        if ((size_t)e->off + e->len > a->body_len) return "event span out of bounds";
    }
    return NULL;
}

const dl_actor *dl__store_actor_at(const dl_doc *doc, int i) {
    return i >= 0 && (size_t)i < doc->actors.n ? &doc->actors.v[i] : NULL;
}

const char *dl__store_mention_kind(uint8_t k) {
    static const char *const names[] = {NULL, "name", "demonym", "agent", "title", "pronoun"};
    return k < sizeof names / sizeof *names ? names[k] : NULL;
}
