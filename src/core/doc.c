/*
 * core/doc.c -- the document's life cycle, its diagnostics and invariants,
 * and the pipeline that runs every stage over it.
 */
#include "core/doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/utf8.h"

const char *dl_strerror(dl_status st) {
    switch (st) {
    case DL_OK: return "ok";
    case DL_ERR_NOMEM: return "out of memory";
    case DL_ERR_IO: return "cannot read or write a file";
    case DL_ERR_INPUT: return "input holds no article";
    case DL_ERR_DATA: return "malformed data file";
    case DL_ERR_DB: return "store error";
    case DL_ERR_USAGE: return "invalid argument";
    case DL_ERR_NOTFOUND: return "not found";
    }
    return "unknown error";
}

const char *dl_version(void) { return DL_VERSION_STRING; }

void dl_free(void *p) { free(p); }

dl_doc *dl_doc_new(void) {
    dl_doc *doc = calloc(1, sizeof *doc);
    if (doc) dl_arena_init(&doc->arena);
    return doc;
}

void dl_doc_reset(dl_doc *doc) {
    if (!doc) return;
    DL_VEC_FREE(&doc->sents);
    DL_VEC_FREE(&doc->toks);
    DL_VEC_FREE(&doc->ents);
    DL_VEC_FREE(&doc->mentions);
    DL_VEC_FREE(&doc->actors);
    DL_VEC_FREE(&doc->quotes);
    DL_VEC_FREE(&doc->events);
    DL_VEC_FREE(&doc->diags);
    dl_arena_release(&doc->arena);
    memset(doc, 0, sizeof *doc);
    dl_arena_init(&doc->arena);
}

void dl_doc_free(dl_doc *doc) {
    if (!doc) return;
    dl_doc_reset(doc);
    free(doc);
}

void dl_doc_diag(dl_doc *doc, const char *stage, dl_severity sev, int64_t offset,
                 const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dl_diag *d = DL_VEC_PUSH(&doc->diags);
    if (!d) return;
    d->stage = stage;
    d->severity = (uint8_t)sev;
    d->offset = offset;
    d->message = dl_arena_strdup(&doc->arena, msg);
}

const char *dl_doc_error(const dl_doc *doc) {
    const dl_diag *worst = NULL;
    for (size_t i = 0; i < doc->diags.n; i++)
        if (!worst || doc->diags.v[i].severity > worst->severity) worst = &doc->diags.v[i];
    return worst ? worst->message : NULL;
}

/* True when the first 8 KiB look like binary data rather than text: NUL
 * bytes or many C0 control characters (tab, CR, LF and FF excepted). */
static int looks_binary(const char *s, size_t n) {
    size_t m = n < 8192 ? n : 8192, ctl = 0;
    for (size_t i = 0; i < m; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0) return 1;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ctl++;
    }
    return m && ctl * 20 > m;
}

dl_status dl_doc_set_source(dl_doc *doc, const char *name, const char *bytes, size_t len,
                            dl_input_kind kind) {
    if (!doc || (!bytes && len)) return DL_ERR_USAGE;
    if (looks_binary(bytes, len)) {
        doc->name = dl_arena_strdup(&doc->arena, name ? name : "-");
        dl_doc_diag(doc, "input", DL_DIAG_ERROR, 0, "%s: binary data, not an article",
                    doc->name ? doc->name : "-");
        return DL_ERR_INPUT;
    }
    dl_strbuf b;
    dl_strbuf_init(&b);
    long long first_bad;
    size_t bad = dl_utf8_repair(bytes, len, &b, &first_bad);
    if (b.oom) { dl_strbuf_release(&b); return DL_ERR_NOMEM; }
    doc->name = dl_arena_strdup(&doc->arena, name ? name : "-");
    doc->src = dl_arena_strndup(&doc->arena, b.s ? b.s : "", b.len);
    doc->src_len = b.len;
    dl_strbuf_release(&b);
    if (!doc->src || !doc->name) return DL_ERR_NOMEM;
    doc->input_kind = (uint8_t)kind;
    if (bad)
        dl_doc_diag(doc, "input", DL_DIAG_WARNING, first_bad,
                    "%s: byte %lld: invalid UTF-8 (%zu sequence%s replaced with U+FFFD)",
                    doc->name, first_bad, bad, bad == 1 ? "" : "s");
    return DL_OK;
}

static int is_iso_date(const char *s) {
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) { if (s[i] != '-') return 0; }
        else if (s[i] < '0' || s[i] > '9') return 0;
    }
    return 1;
}

int dl_ymd_valid(const char *s) {
    if (!s || strlen(s) != 10 || !is_iso_date(s)) return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1000 || m < 1 || m > 12 || d < 1) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

void dl_doc_set_default_date(dl_doc *doc, const char *iso_date) {
    doc->default_date[0] = '\0';
    if (iso_date && strlen(iso_date) >= 10 && is_iso_date(iso_date)) {
        memcpy(doc->default_date, iso_date, 10);
        doc->default_date[10] = '\0';
    }
}

void dl_doc_pub_date(const dl_doc *doc, char out[11]) {
    const char *p = doc->article.published;
    if (p && strlen(p) >= 10 && is_iso_date(p)) {
        memcpy(out, p, 10);
        out[10] = '\0';
    } else {
        memcpy(out, doc->default_date, 11);
    }
}

const char *dl_tok_feat(const dl_doc *doc, size_t i, const char *name, char *buf, size_t cap) {
    if (!doc->feats || i >= doc->toks.n || !doc->feats[i] || !cap) return NULL;
    size_t nl = strlen(name);
    for (const char *p = doc->feats[i]; *p;) {
        const char *end = strchr(p, '|');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > nl && p[nl] == '=' && !memcmp(p, name, nl)) {
            size_t v = len - nl - 1 < cap - 1 ? len - nl - 1 : cap - 1;
            memcpy(buf, p + nl + 1, v);
            buf[v] = '\0';
            return buf;
        }
        p += len + (end != NULL);
    }
    return NULL;
}

/* An event's supporting sentences: none (sent alone), or from sent on,
 * ascending without repeats, each a sentence of the document. */
static const char *support_check(const dl_doc *doc, const dl_event *e) {
    if (!e->n_support) return e->support ? "event support without a count" : NULL;
    if (!e->support) return "event support count without sentences";
    if (e->support[0] != e->sent) return "event support does not start at its sentence";
    for (uint32_t k = 1; k < e->n_support; k++)
        if (e->support[k] <= e->support[k - 1]) return "event support out of order";
    if (e->support[e->n_support - 1] >= doc->sents.n) return "event support out of range";
    return NULL;
}

const char *dl_doc_check(const dl_doc *doc) {
    size_t blen = doc->article.body_len;
    uint32_t prev = 0;
    for (size_t i = 0; i < doc->toks.n; i++) {
        const dl_token *t = &doc->toks.v[i];
        if ((size_t)t->off + t->len > blen) return "token out of bounds";
        if (t->off < prev) return "tokens out of order";
        if (t->sent >= doc->sents.n) return "token sentence index out of range";
        prev = t->off + t->len;
    }
    for (size_t i = 0; i < doc->sents.n; i++) {
        const dl_sent *s = &doc->sents.v[i];
        if ((size_t)s->off + s->len > blen) return "sentence out of bounds";
        if ((size_t)s->tok0 + s->ntok > doc->toks.n) return "sentence tokens out of range";
    }
    for (size_t i = 0; i < doc->mentions.n; i++) {
        const dl_mention *m = &doc->mentions.v[i];
        if ((size_t)m->off + m->len > blen) return "mention out of bounds";
        if (m->actor >= (int)doc->actors.n) return "mention actor out of range";
    }
    for (size_t i = 0; i < doc->events.n; i++) {
        const dl_event *e = &doc->events.v[i];
        if (e->source >= (int)doc->actors.n || e->target >= (int)doc->actors.n)
            return "event actor out of range";
        if (e->sent >= doc->sents.n) return "event sentence out of range";
        if (!e->cameo[0]) return "event without a CAMEO code";
        const char *why = support_check(doc, e);
        if (why) return why;
    }
    for (size_t i = 0; i < doc->quotes.n; i++) {
        const dl_quote *q = &doc->quotes.v[i];
        if (q->speaker >= (int)doc->actors.n) return "quote speaker out of range";
        if ((size_t)q->off + q->len > blen) return "quote out of bounds";
    }
    return NULL;
}

int dl_doc_actor_listed(const dl_doc *doc, int i) {
    if (i < 0 || (size_t)i >= doc->actors.n) return 0;
    if (!doc->actors.v[i].passing) return 1;
    for (size_t k = 0; k < doc->quotes.n; k++)
        if (doc->quotes.v[k].speaker == i) return 1;
    for (size_t k = 0; k < doc->events.n; k++)
        if (doc->events.v[k].source == i || doc->events.v[k].target == i) return 1;
    return 0;
}

dl_status dl_doc_run(dl_engine *eng, dl_doc *doc) {
    if (!eng || !doc || !doc->src) return DL_ERR_USAGE;
    dl_status st = dl_extract_run(eng, doc);
    if (st != DL_OK) return st;
    if ((st = dl_tokenize_run(eng, doc)) != DL_OK) return st;
    int english = !doc->article.language || strcmp(doc->article.language, "en") == 0;
    if (!english) {
        dl_doc_diag(doc, "language", DL_DIAG_INFO, -1,
                    "%s: language '%s' is not coded (English only)", doc->name,
                    doc->article.language);
        return DL_OK;
    }
    if ((st = dl_nlp_run(eng, doc)) != DL_OK) return st;
    if ((st = dl_actors_run(eng, doc)) != DL_OK) return st;
    if ((st = dl_quote_run(eng, doc)) != DL_OK) return st;
    if ((st = dl_event_run(eng, doc)) != DL_OK) return st;
    return dl_geo_run(eng, doc);
}
