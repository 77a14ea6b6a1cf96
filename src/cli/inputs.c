/*
 * cli/inputs.c -- turns command-line paths into article inputs: files,
 * directories (recursively, in name order), "-" for stdin, JSON Lines files
 * one record per line, WARC files one HTML response per article (with its
 * URL, fetch date and HTTP Content-Type), gzip-compressed files
 * transparently.  HTML is converted to UTF-8 from its charset here
 * (extract/charset.h), before it becomes a document.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <jansson.h>
#include <zlib.h>

#include "cli/cli.h"
#include "core/doc.h"
#include "core/strbuf.h"
#include "extract/charset.h"
#include "extract/warc.h"

/* Opens a file or "-" (stdin); gzip data is inflated by zlib (gzread also
 * passes plain files through unchanged). */
static gzFile open_input(const char *path) {
    return strcmp(path, "-") == 0 ? gzdopen(0, "rb") : gzopen(path, "rb");
}

/* Reads the rest of a stream onto out. */
static int read_rest(gzFile gz, dl_strbuf *out) {
    char buf[65536];
    int n;
    while ((n = gzread(gz, buf, sizeof buf)) > 0) dl_strbuf_add(out, buf, (size_t)n);
    int errnum = 0;
    if (n < 0) gzerror(gz, &errnum);
    if (n < 0 || out->oom) {
        errno = out->oom ? ENOMEM : EIO;
        return -1;
    }
    return 0;
}

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static dl_input_kind kind_for(const char *path) {
    char name[4096];
    snprintf(name, sizeof name, "%s", path);
    if (ends_with(name, ".gz")) name[strlen(name) - 3] = '\0';
    if (ends_with(name, ".html") || ends_with(name, ".htm") || ends_with(name, ".xhtml"))
        return DL_INPUT_HTML;
    if (ends_with(name, ".json")) return DL_INPUT_JSON;
    if (ends_with(name, ".txt")) return DL_INPUT_TEXT;
    return DL_INPUT_AUTO;
}

static int is_jsonl(const char *path) {
    return ends_with(path, ".jsonl") || ends_with(path, ".ndjson") ||
           ends_with(path, ".jsonl.gz") || ends_with(path, ".ndjson.gz");
}

static int is_warc(const char *path) {
    return ends_with(path, ".warc") || ends_with(path, ".warc.gz");
}

/* The kinds of file a directory walk takes; others are coded only when
 * named on the command line (a README in a folder of articles is not one). */
static int known_kind(const char *path) {
    return kind_for(path) != DL_INPUT_AUTO || is_jsonl(path) || is_warc(path);
}

/* Reads from gz onto b until b holds a newline followed by a non-blank
 * byte, or the stream ends, or b holds DL_INPUT_MAX_LINE bytes.  Returns
 * what gzread last returned (< 0 on a read error). */
static int read_head(gzFile gz, dl_strbuf *b) {
    char chunk[65536];
    int n = 1;
    while (b->len < DL_INPUT_MAX_LINE && !b->oom) {
        const char *nl = b->s ? memchr(b->s, '\n', b->len) : NULL;
        if (nl) {
            const char *p = nl;
            while (p < b->s + b->len && (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t')) p++;
            if (p < b->s + b->len) break;
        }
        if ((n = gzread(gz, chunk, sizeof chunk)) <= 0) break;
        dl_strbuf_add(b, chunk, (size_t)n);
    }
    return n;
}

/* JSON Lines by content: the first line is a JSON object by itself and the
 * next non-blank line opens another.  (One object spread over lines, or
 * alone, is a JSON record.) */
static int looks_jsonl(const dl_strbuf *b) {
    const char *s = b->s, *end = b->s + b->len;
    if (!s) return 0;
    const char *p = s;
    if (end - p >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB) p += 3;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) p++;
    const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
    if (!nl || *p != '{') return 0;
    const char *q = nl;
    while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')) q++;
    if (q >= end || *q != '{') return 0;
    json_error_t err;
    json_t *o = json_loadb(p, (size_t)(nl - p), 0, &err);
    int one = json_is_object(o);
    json_decref(o);
    return one;
}

/* One line of a JSON Lines stream as it is read: the bytes kept so far
 * (at most DL_INPUT_MAX_LINE) and whether the line ran over. */
typedef struct {
    const char *path;
    dl_input_fn fn;
    void *ctx;
    int *failed;
    size_t line;       /* 1-based number of the line being read */
    dl_strbuf buf;
    int too_long;
} jsonl_reader;

/* Hands a finished line over (blank lines are skipped); returns the
 * callback's value. */
static int jsonl_line(jsonl_reader *r) {
    char name[4200];
    int rc = 0;
    snprintf(name, sizeof name, "%s:%zu", r->path, r->line);
    if (r->too_long) {
        fprintf(stderr, "dateline: %s: line longer than %d bytes, skipped\n", name,
                DL_INPUT_MAX_LINE);
        (*r->failed)++;
    } else {
        const char *s = r->buf.s ? r->buf.s : "";
        size_t n = r->buf.len, k = 0;
        while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r')) k++;
        if (k < n) {
            dl_input in = {name, s, n, DL_INPUT_JSON, NULL, NULL, NULL};
            rc = r->fn(&in, r->ctx);
        }
    }
    dl_strbuf_clear(&r->buf);
    r->too_long = 0;
    r->line++;
    return rc;
}

/* Streams a JSON Lines file (gzip or plain, or stdin) one line at a time:
 * memory stays at one line, at most DL_INPUT_MAX_LINE bytes, whatever the
 * file's size.  An over-long line is reported as path:LINE and skipped.
 * head holds the first bytes of the stream when they were read already
 * (by the sniffing of walk_path), else NULL. */
static int stream_jsonl(gzFile gz, const char *path, const dl_strbuf *head, dl_input_fn fn,
                        void *ctx, int *failed) {
    jsonl_reader r = {path, fn, ctx, failed, 1, {0}, 0};
    dl_strbuf_init(&r.buf);
    char chunk[65536];
    int n = 1, rc = 0, oom = 0, first = head && head->len;
    while (!rc && !oom && (first || (n = gzread(gz, chunk, sizeof chunk)) > 0)) {
        const char *p = first ? head->s : chunk, *end = first ? head->s + head->len : chunk + n;
        first = 0;
        while (!rc && p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t len = (size_t)((nl ? nl : end) - p);
            if (!r.too_long && r.buf.len + len > DL_INPUT_MAX_LINE) {
                r.too_long = 1;
                dl_strbuf_clear(&r.buf);
            }
            if (!r.too_long) dl_strbuf_add(&r.buf, p, len);
            if (r.buf.oom) {
                fprintf(stderr, "dateline: %s:%zu: out of memory\n", path, r.line);
                (*failed)++;
                oom = 1;
                break;
            }
            if (!nl) break;
            rc = jsonl_line(&r);
            p = nl + 1;
        }
    }
    if (!rc && !oom && (r.buf.len || r.too_long)) rc = jsonl_line(&r);   /* no final newline */
    if (n < 0 && !rc && !oom) {
        int errnum = 0;
        const char *msg = gzerror(gz, &errnum);
        fprintf(stderr, "dateline: %s:%zu: cannot read: %s\n", path, r.line,
                errnum == Z_ERRNO ? strerror(errno) : msg);
        (*failed)++;
    }
    dl_strbuf_release(&r.buf);
    return rc;
}

static int walk_jsonl(const char *path, dl_input_fn fn, void *ctx, int *failed) {
    gzFile gz = open_input(path);
    if (!gz) {
        fprintf(stderr, "dateline: %s: cannot read: %s\n", path, strerror(errno ? errno : ENOMEM));
        (*failed)++;
        return 0;
    }
    gzbuffer(gz, 1 << 17);
    int rc = stream_jsonl(gz, path, NULL, fn, ctx, failed);
    gzclose(gz);
    return rc;
}

/* ---- charsets and WARC ---------------------------------------------------- */

/* Is the input HTML (or UTF-16 with a BOM), whose charset must be read? */
static int wants_charset(const dl_input *in) {
    const unsigned char *s = (const unsigned char *)in->bytes;
    size_t n = in->len, i = 0;
    if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) return 1;
    if (in->kind == DL_INPUT_HTML) return 1;
    if (in->kind != DL_INPUT_AUTO) return 0;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) i = 3;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
    return i < n && s[i] == '<';
}

/* Hands an input to fn, HTML converted to UTF-8 from its charset first. */
static int call_html(const dl_input *in, dl_input_fn fn, void *ctx, int *failed) {
    if (!wants_charset(in)) return fn(in, ctx);
    char *u8;
    size_t n;
    if (dl__charset_to_utf8(in->bytes, in->len, in->content_type, &u8, &n, NULL) != DL_OK) {
        fprintf(stderr, "dateline: %s: out of memory\n", in->name);
        (*failed)++;
        return 0;
    }
    dl_input conv = *in;
    conv.bytes = u8;
    conv.len = n;
    int rc = fn(&conv, ctx);
    free(u8);
    return rc;
}

static long gz_read(void *ctx, char *buf, size_t cap) {
    return gzread((gzFile)ctx, buf, (unsigned)(cap > (1u << 30) ? (1u << 30) : cap));
}

/* What a WARC file held besides the articles. */
typedef struct {
    long html, other_type, non_http, status, non_html, oversize, truncated, coding;
} warc_counts;

/* Does a payload without a Content-Type look like an HTML page? */
static int sniff_html(const char *s, size_t n) {
    size_t i = 0;
    if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB) i = 3;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
    if (i >= n || s[i] != '<') return 0;
    size_t m = n - i < 1024 ? n - i : 1024;
    for (size_t k = i; k + 5 <= i + m; k++)
        if (strncasecmp(s + k, "<html", 5) == 0 || strncasecmp(s + k, "<body", 5) == 0) return 1;
    return 0;
}

/* Streams a WARC (or .warc.gz, one gzip member per record or one for all):
 * one input per response record of HTTP status 200 whose payload is HTML,
 * named by its WARC-Target-URI; other records are counted and reported in
 * one line.  Memory holds one record (see extract/warc.h). */
static int walk_warc(const char *path, dl_input_fn fn, void *ctx, int *failed) {
    gzFile gz = gzopen(path, "rb");
    dl__warc *w = gz ? dl__warc_new(gz_read, gz, 0) : NULL;
    if (!w) {
        fprintf(stderr, "dateline: %s: cannot read: %s\n", path, strerror(errno ? errno : ENOMEM));
        (*failed)++;
        if (gz) gzclose(gz);
        return 0;
    }
    gzbuffer(gz, 1 << 17);
    warc_counts c = {0};
    dl__warc_record r;
    int got, rc = 0;
    char name[4200];
    while (!rc && (got = dl__warc_next(w, &r)) > 0) {
        if (strcmp(r.type, "response") != 0) { c.other_type++; continue; }
        if (r.oversize) { c.oversize++; continue; }
        if (r.truncated) { c.truncated++; continue; }
        if (r.undecodable) { c.coding++; continue; }
        if (!r.http_status) { c.non_http++; continue; }
        if (r.http_status != 200) { c.status++; continue; }
        if (r.http_content_type ? !dl__content_type_is_html(r.http_content_type)
                                : !sniff_html(r.payload, r.payload_len)) {
            c.non_html++;
            continue;
        }
        c.html++;
        if (r.target_uri) snprintf(name, sizeof name, "%s", r.target_uri);
        else snprintf(name, sizeof name, "%s@%llu", path, (unsigned long long)r.offset);
        dl_input in = {name, r.payload, r.payload_len, DL_INPUT_HTML, r.target_uri, r.date,
                       r.http_content_type};
        rc = call_html(&in, fn, ctx, failed);
    }
    if (!rc && got < 0) {
        int errnum = 0;
        const char *msg = gzerror(gz, &errnum);
        fprintf(stderr, "dateline: %s: cannot read: %s\n", path,
                errnum == Z_ERRNO ? strerror(errno) : errnum ? msg : dl__warc_error(w));
        (*failed)++;
    }
    fprintf(stderr, "dateline: %s: %ld HTML responses; skipped %ld other records (requests, "
            "metadata, ...), %ld non-200, %ld non-HTML, %ld not HTTP, %ld too large, %ld truncated, "
            "%ld undecodable", path, c.html, c.other_type, c.status, c.non_html, c.non_http,
            c.oversize, c.truncated, c.coding);
    if (dl__warc_junk(w)) fprintf(stderr, ", %llu bytes of junk", (unsigned long long)dl__warc_junk(w));
    fputc('\n', stderr);
    dl__warc_free(w);
    gzclose(gz);
    return rc;
}

dl_status dl_cli_load(dl_doc *doc, const dl_input *in, const char *date) {
    if (date) dl_doc_set_default_date(doc, date);
    dl_status st = dl_doc_set_source(doc, in->name, in->bytes, in->len, in->kind);
    if (st == DL_OK && in->url && !(doc->article.url = dl_arena_strdup(&doc->arena, in->url)))
        st = DL_ERR_NOMEM;
    /* the fetch date is kept as such: an op-ed fetched years later is not
     * published then, and must not anchor its "on Tuesday" */
    if (st == DL_OK && in->fetch_date &&
        !(doc->article.fetched = dl_arena_strdup(&doc->arena, in->fetch_date)))
        st = DL_ERR_NOMEM;
    return st;
}

const char *dl_cli_uncoded_language(const dl_doc *doc) {
    const char *l = doc->article.language;
    return l && strcmp(l, "en") != 0 ? l : NULL;
}

static int walk_path(const char *path, dl_input_fn fn, void *ctx, int *failed, int depth);

static int name_cmp(const struct dirent **a, const struct dirent **b) {
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int walk_dir(const char *path, dl_input_fn fn, void *ctx, int *failed, int depth) {
    struct dirent **names;
    int n = scandir(path, &names, NULL, name_cmp);
    if (n < 0) {
        fprintf(stderr, "dateline: %s: cannot read directory: %s\n", path, strerror(errno));
        (*failed)++;
        return 0;
    }
    int rc = 0, skipped = 0;
    char first_skipped[256] = "";
    for (int i = 0; i < n; i++) {
        const char *d = names[i]->d_name;
        if (!rc && d[0] != '.') {
            size_t len = strlen(path) + strlen(d) + 2;
            char *child = malloc(len);
            if (child) {
                size_t plen = strlen(path);
                while (plen > 1 && path[plen - 1] == '/') plen--;
                snprintf(child, len, "%.*s/%s", (int)plen, path, d);
                struct stat st;
                if (stat(child, &st) == 0 && !S_ISDIR(st.st_mode) && !known_kind(child)) {
                    if (!skipped++) snprintf(first_skipped, sizeof first_skipped, "%s", d);
                } else {
                    rc = walk_path(child, fn, ctx, failed, depth + 1);
                }
                free(child);
            }
        }
        free(names[i]);
    }
    free(names);
    if (skipped)
        fprintf(stderr, "dateline: %s: %d file%s of no input kind left out (%s%s); name a file "
                "to code it\n", path, skipped, skipped == 1 ? "" : "s", first_skipped,
                skipped > 1 ? ", ..." : "");
    return rc;
}

static int walk_path(const char *path, dl_input_fn fn, void *ctx, int *failed, int depth) {
    struct stat st;
    if (strcmp(path, "-") != 0) {
        if (stat(path, &st) != 0) {
            fprintf(stderr, "dateline: %s: cannot open: %s\n", path, strerror(errno));
            (*failed)++;
            return 0;
        }
        if (S_ISDIR(st.st_mode)) {
            if (depth > 64) return 0;
            return walk_dir(path, fn, ctx, failed, depth);
        }
    }
    if (is_jsonl(path)) return walk_jsonl(path, fn, ctx, failed);
    if (is_warc(path)) return walk_warc(path, fn, ctx, failed);
    dl_input_kind kind = kind_for(path);
    gzFile gz = open_input(path);
    dl_strbuf b;
    dl_strbuf_init(&b);
    int rc = 0;
    /* JSON Lines by content (stdin, or a file not named .jsonl): its first
     * bytes decide, and the rest streams */
    if (gz && kind != DL_INPUT_HTML && read_head(gz, &b) >= 0 && !b.oom && looks_jsonl(&b)) {
        rc = stream_jsonl(gz, path, &b, fn, ctx, failed);
        dl_strbuf_release(&b);
        gzclose(gz);
        return rc;
    }
    if (!gz || read_rest(gz, &b) != 0) {
        fprintf(stderr, "dateline: %s: cannot read: %s\n", path, strerror(errno ? errno : EIO));
        (*failed)++;
        dl_strbuf_release(&b);
        if (gz) gzclose(gz);
        return 0;
    }
    gzclose(gz);
    dl_input in = {path, b.s ? b.s : "", b.len, kind, NULL, NULL, NULL};
    rc = call_html(&in, fn, ctx, failed);
    dl_strbuf_release(&b);
    return rc;
}

int dl_inputs_walk(char **paths, int npaths, dl_input_fn fn, void *ctx, int *failed) {
    for (int i = 0; i < npaths; i++) {
        int rc = walk_path(paths[i], fn, ctx, failed, 0);
        if (rc) return rc;
    }
    return 0;
}
