/*
 * cli/inputs.c -- turns command-line paths into article inputs: files,
 * directories (recursively, in name order), "-" for stdin, JSON Lines files
 * one record per line, WARC files one HTML response per article (with its
 * URL, fetch date and HTTP Content-Type), gzip-compressed files
 * transparently.  HTML is converted to UTF-8 from its charset here
 * (extract/charset.h), before it becomes a document.
 *
 * A directory walk takes only the known input kinds (known_kind: .txt,
 * .html, .json, .jsonl, .warc, ... and their .gz) and names what it left
 * out; a file named on the command line is read whatever its name, and
 * JSON Lines are known by content too (issue 12).
 *
 * Hostile inputs (issue 13): reading stops one byte past max_bytes,
 * counted after inflating; a gzip stream cut short or corrupt is an error
 * of its own; a directory gives regular files only, its links to
 * directories are followed only when asked, and no directory is walked
 * twice, so every walk ends.
 */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "cli/cli.h"
#include "core/doc.h"
#include "core/strbuf.h"
#include "extract/charset.h"
#include "extract/warc.h"

typedef struct {
    dev_t dev;
    ino_t ino;
} dir_id;

/* The state of one walk: its options, the callback, and the directories
 * already walked (device and inode), so that however a directory is
 * reached (a link to ".", two links to each other, a bind mount) it is
 * read once and the walk ends. */
typedef struct {
    size_t max_bytes, max_line;
    int follow_links;
    void (*before_stream)(void *ctx);
    void (*not_read)(const char *name, int failed, const char *reason, void *ctx);
    void (*read_ok)(const char *path, void *ctx);
    dl_input_fn fn;
    void *ctx;
    int *failed;
    dir_id *seen;          /* open addressing; ino 0 marks a free slot */
    size_t nseen, capseen;
} walker;

/* Prints "dateline: PATH: message", counts a failed input and hands it to
 * not_read. */
static void input_error(walker *w, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void input_error(walker *w, const char *path, const char *fmt, ...) {
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "dateline: %s: %s\n", path, msg);
    (*w->failed)++;
    if (w->not_read) w->not_read(path, 1, msg, w->ctx);
}

/* An input left out: handed to not_read (the caller says so on stderr). */
static void left_out(walker *w, const char *name, const char *why) {
    if (w->not_read) w->not_read(name, 0, why, w->ctx);
}

/* A file or directory read to its end without an error of its own. */
static void read_whole(walker *w, const char *path) {
    if (w->read_ok) w->read_ok(path, w->ctx);
}

static gzFile open_gz(const char *path) {
    gzFile gz = strcmp(path, "-") == 0 ? gzdopen(dup(0), "rb") : gzopen(path, "rb");
    if (gz) gzbuffer(gz, 1 << 17);
    return gz;
}

/* After the last gzread (which returned n: 0 at the end, -1 on error):
 * returns 0 when the stream ended cleanly, else prints the error, naming
 * path and where it happened, and returns -1.  zlib reports a member cut
 * short only through gzerror (Z_BUF_ERROR), gzread just ends. */
static int gz_report(walker *w, gzFile gz, const char *path, int n) {
    int errnum = 0;
    const char *msg = gzerror(gz, &errnum);
    if (n >= 0 && errnum == Z_OK) return 0;
    if (errnum == Z_ERRNO || errnum == Z_OK) {
        input_error(w, path, "cannot read: %s", strerror(errno ? errno : EIO));
        return -1;
    }
    const char *colon = strstr(msg, ": ");   /* zlib's message opens with its own name of the file */
    if (colon && (msg[0] == '<' || !strncmp(msg, path, (size_t)(colon - msg)))) msg = colon + 2;
    if (errnum == Z_MEM_ERROR) input_error(w, path, "out of memory");
    else
        input_error(w, path, "gzip: %s at byte %lld of the compressed file (%lld bytes inflated)",
                    msg, (long long)gzoffset(gz), (long long)gztell(gz));
    return -1;
}

/* Reads the rest of an open file or stream onto out, inflating gzip data
 * (gzread passes other bytes through unchanged), and stops one byte past
 * the bound, counting what out already holds.  Returns 0, or -1 after
 * printing why. */
static int read_rest(walker *w, gzFile gz, const char *path, dl_strbuf *out) {
    char buf[65536];
    int n;
    for (;;) {
        size_t room = w->max_bytes - out->len + 1;
        n = gzread(gz, buf, room < sizeof buf ? (unsigned)room : (unsigned)sizeof buf);
        if (n <= 0) break;
        dl_strbuf_add(out, buf, (size_t)n);
        if (out->oom || out->len > w->max_bytes) break;
    }
    int rc = 0;
    if (out->oom) {
        input_error(w, path, "out of memory");
        rc = -1;
    } else if (out->len > w->max_bytes) {
        input_error(w, path, "larger than %zu bytes%s, not read further (--max-input-bytes)",
                    w->max_bytes, gzdirect(gz) ? "" : " inflated");
        rc = -1;
    } else {
        rc = gz_report(w, gz, path, n);
    }
    return rc;
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
 * byte, or the stream ends, or b holds w->max_line bytes.  Returns what
 * gzread last returned (< 0 on a read error, which read_rest reports). */
static int read_head(walker *w, gzFile gz, dl_strbuf *b) {
    char chunk[65536];
    int n = 1;
    while (b->len < w->max_line && !b->oom) {
        const char *nl = b->s ? memchr(b->s, '\n', b->len) : NULL;
        if (nl) {
            const char *p = nl;
            while (p < b->s + b->len && (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t')) p++;
            if (p < b->s + b->len) break;
        }
        size_t room = w->max_line - b->len;
        if ((n = gzread(gz, chunk, room < sizeof chunk ? (unsigned)room : (unsigned)sizeof chunk)) <= 0)
            break;
        dl_strbuf_add(b, chunk, (size_t)n);
    }
    return n;
}

/* JSON Lines by content: the first line is a JSON object by itself and the
 * next non-blank line opens another.  (One object spread over lines, or
 * alone, is a JSON record.) */
static int looks_jsonl(const dl_strbuf *b) {
    if (!b->s) return 0;
    const char *s = b->s, *end = b->s + b->len;
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
 * (at most w->max_line) and whether the line ran over. */
typedef struct {
    walker *w;
    const char *path;
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
        input_error(r->w, name, "line longer than %zu bytes, skipped", r->w->max_line);
    } else {
        const char *s = r->buf.s ? r->buf.s : "";
        size_t n = r->buf.len, k = 0;
        while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r')) k++;
        if (k < n) {
            dl_input in = {name, s, n, DL_INPUT_JSON, NULL, NULL, NULL};
            rc = r->w->fn(&in, r->w->ctx);
        }
    }
    dl_strbuf_clear(&r->buf);
    r->too_long = 0;
    r->line++;
    return rc;
}

/* Streams a JSON Lines file (gzip or plain, or stdin) one line at a time:
 * memory stays at one line, at most w->max_line bytes, whatever the file's
 * size.  An over-long line is reported as path:LINE and skipped; a gzip
 * stream cut short is a gzip error at its last line, which is not coded.
 * head holds the first bytes of the stream when they were read already
 * (by the sniffing of walk_path), else NULL. */
static int stream_jsonl(walker *w, gzFile gz, const char *path, const dl_strbuf *head) {
    jsonl_reader r = {w, path, 1, {0}, 0};
    dl_strbuf_init(&r.buf);
    char chunk[65536];
    int n = 0, rc = 0, oom = 0, first = head && head->len;
    while (!rc && !oom && (first || (n = gzread(gz, chunk, sizeof chunk)) > 0)) {
        const char *p = first ? head->s : chunk, *end = first ? head->s + head->len : chunk + n;
        first = 0;
        while (!rc && p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t len = (size_t)((nl ? nl : end) - p);
            if (!r.too_long && r.buf.len + len > w->max_line) {
                r.too_long = 1;
                dl_strbuf_clear(&r.buf);
            }
            if (!r.too_long) dl_strbuf_add(&r.buf, p, len);
            if (r.buf.oom) {
                char name[4200];
                snprintf(name, sizeof name, "%s:%zu", path, r.line);
                input_error(w, name, "out of memory");
                oom = 1;
                break;
            }
            if (!nl) break;
            rc = jsonl_line(&r);
            p = nl + 1;
        }
    }
    if (!rc && !oom) {
        char name[4200];
        snprintf(name, sizeof name, "%s:%zu", path, r.line);
        if (gz_report(w, gz, name, n) == 0) {
            read_whole(w, path);
            if (r.buf.len || r.too_long) rc = jsonl_line(&r);   /* the last line had no newline */
        }
    }
    dl_strbuf_release(&r.buf);
    return rc;
}

static int walk_jsonl(walker *w, const char *path) {
    gzFile gz = open_gz(path);
    if (!gz) {
        input_error(w, path, "cannot read: %s", strerror(errno ? errno : ENOMEM));
        return 0;
    }
    int rc = stream_jsonl(w, gz, path, NULL);
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
static int call_html(walker *w, const dl_input *in) {
    if (!wants_charset(in)) return w->fn(in, w->ctx);
    char *u8;
    size_t n;
    if (dl__charset_to_utf8(in->bytes, in->len, in->content_type, &u8, &n, NULL) != DL_OK) {
        input_error(w, in->name, "out of memory");
        return 0;
    }
    dl_input conv = *in;
    conv.bytes = u8;
    conv.len = n;
    int rc = w->fn(&conv, w->ctx);
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
static int walk_warc(walker *w, const char *path) {
    gzFile gz = open_gz(path);
    dl__warc *wr = gz ? dl__warc_new(gz_read, gz, w->max_bytes) : NULL;
    if (!wr) {
        input_error(w, path, "cannot read: %s", strerror(errno ? errno : ENOMEM));
        if (gz) gzclose(gz);
        return 0;
    }
    warc_counts c = {0};
    dl__warc_record r;
    int got = 0, rc = 0;
    char name[4200];
    while (!rc && (got = dl__warc_next(wr, &r)) > 0) {
        if (strcmp(r.type, "response") != 0) { c.other_type++; continue; }
        if (r.target_uri) snprintf(name, sizeof name, "%s", r.target_uri);
        else snprintf(name, sizeof name, "%s@%llu", path, (unsigned long long)r.offset);
        /* a response that may be an article but cannot be read: left out */
        const char *lost = r.oversize ? "a WARC response too large"
                         : r.truncated ? "a WARC response truncated"
                         : r.undecodable ? "a WARC response of an undecodable content coding"
                         : NULL;
        if (lost) {
            if (r.oversize) c.oversize++;
            else if (r.truncated) c.truncated++;
            else c.coding++;
            left_out(w, name, lost);
            continue;
        }
        if (!r.http_status) { c.non_http++; continue; }
        if (r.http_status != 200) { c.status++; continue; }
        if (r.http_content_type ? !dl__content_type_is_html(r.http_content_type)
                                : !sniff_html(r.payload, r.payload_len)) {
            c.non_html++;
            continue;
        }
        c.html++;
        dl_input in = {name, r.payload, r.payload_len, DL_INPUT_HTML, r.target_uri, r.date,
                       r.http_content_type};
        rc = call_html(w, &in);
    }
    if (!rc && gz_report(w, gz, path, 0) == 0) {
        if (got < 0) input_error(w, path, "cannot read: %s", dl__warc_error(wr));
        else read_whole(w, path);
    }
    fprintf(stderr, "dateline: %s: %ld HTML responses; skipped %ld other records (requests, "
            "metadata, ...), %ld non-200, %ld non-HTML, %ld not HTTP, %ld too large, %ld truncated, "
            "%ld undecodable", path, c.html, c.other_type, c.status, c.non_html, c.non_http,
            c.oversize, c.truncated, c.coding);
    if (dl__warc_junk(wr)) fprintf(stderr, ", %llu bytes of junk", (unsigned long long)dl__warc_junk(wr));
    fputc('\n', stderr);
    dl__warc_free(wr);
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

/* ---- the walk ------------------------------------------------------------ */

/* The slot of id in set[cap]: where it is, or the free slot it would take. */
static size_t seen_slot(const dir_id *set, size_t cap, dir_id id) {
    size_t h = ((size_t)id.dev * 0x9E3779B97F4A7C15u) ^ ((size_t)id.ino * 0xff51afd7ed558ccdu);
    size_t i = h % cap;
    while (set[i].ino && (set[i].dev != id.dev || set[i].ino != id.ino)) i = (i + 1) % cap;
    return i;
}

/* Records directory (dev, ino) as walked; 0 when it already was, or when
 * memory ran out (the walk then goes no deeper rather than risk a loop). */
static int first_visit(walker *w, dev_t dev, ino_t ino) {
    dir_id id = {dev, ino ? ino : 1};
    if (w->capseen && w->seen[seen_slot(w->seen, w->capseen, id)].ino) return 0;
    if (2 * (w->nseen + 1) > w->capseen) {
        size_t cap = w->capseen ? 2 * w->capseen : 64;
        dir_id *grown = calloc(cap, sizeof *grown);
        if (!grown) return 0;
        for (size_t i = 0; i < w->capseen; i++)
            if (w->seen[i].ino) grown[seen_slot(grown, cap, w->seen[i])] = w->seen[i];
        free(w->seen);
        w->seen = grown;
        w->capseen = cap;
    }
    w->seen[seen_slot(w->seen, w->capseen, id)] = id;
    w->nseen++;
    return 1;
}

static const char *file_type(mode_t m) {
    return S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" : S_ISCHR(m) ? "a character device"
         : S_ISBLK(m) ? "a block device" : "not a regular file";
}

/* Says that path is left out, and why, and hands it to not_read. */
static void warn_skip(walker *w, const char *path, const char *why, const char *what) {
    fprintf(stderr, "dateline: warning: %s: %s, %s\n", path, why, what);
    left_out(w, path, why);
}

static int walk_path(walker *w, const char *path, int depth, int named);


static int name_cmp(const struct dirent **a, const struct dirent **b) {
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int walk_dir(walker *w, const char *path, int depth) {
    struct dirent **names;
    int n = scandir(path, &names, NULL, name_cmp);
    if (n < 0) {
        input_error(w, path, "cannot read directory: %s", strerror(errno));
        return 0;
    }
    read_whole(w, path);
    int rc = 0, skipped = 0;
    char first_skipped[256] = "";
    size_t plen = strlen(path);
    while (plen > 1 && path[plen - 1] == '/') plen--;
    for (int i = 0; i < n; i++) {
        const char *d = names[i]->d_name;
        if (!rc && d[0] != '.') {
            size_t len = plen + strlen(d) + 2;
            char *child = malloc(len);
            if (child) {
                snprintf(child, len, "%.*s/%s", (int)plen, path, d);
                struct stat st;
                if (stat(child, &st) == 0 && !S_ISDIR(st.st_mode) && !known_kind(child)) {
                    if (!skipped++) snprintf(first_skipped, sizeof first_skipped, "%s", d);
                    left_out(w, child, "no input kind");
                } else {
                    rc = walk_path(w, child, depth + 1, 0);
                }
                free(child);
            } else {
                input_error(w, path, "out of memory");
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

/* The type of what path names, as the walk sees it: a path found in a
 * directory is not followed when it is a link to a directory (unless
 * follow_links) and is skipped unless it is a regular file.  Returns 0 to
 * read it with *st filled in, else 1 (skipped) after saying why. */
static int admit(walker *w, const char *path, int named, struct stat *st) {
    if (named ? stat(path, st) != 0 : lstat(path, st) != 0) {
        input_error(w, path, "cannot open: %s", strerror(errno));
        return 1;
    }
    if (named) return 0;
    int link = S_ISLNK(st->st_mode);
    if (link && stat(path, st) != 0) {
        input_error(w, path, "cannot open: %s (a symbolic link)", strerror(errno));
        return 1;
    }
    if (S_ISDIR(st->st_mode) && link && !w->follow_links) {
        warn_skip(w, path, "a symbolic link to a directory", "not followed (see --follow-links)");
        return 1;
    }
    if (!S_ISDIR(st->st_mode) && !S_ISREG(st->st_mode)) {
        warn_skip(w, path, file_type(st->st_mode), "skipped");
        return 1;
    }
    return 0;
}

static int walk_path(walker *w, const char *path, int depth, int named) {
    struct stat st;
    int stream = strcmp(path, "-") == 0;
    if (!stream) {
        if (admit(w, path, named, &st)) return 0;
        if (S_ISDIR(st.st_mode)) {
            if (depth > 64) {
                warn_skip(w, path, "more than 64 directories deep", "skipped");
                return 0;
            }
            if (!first_visit(w, st.st_dev, st.st_ino)) {   /* read already: nothing left out */
                fprintf(stderr, "dateline: warning: %s: a directory already walked, skipped\n",
                        path);
                return 0;
            }
            return walk_dir(w, path, depth);
        }
        stream = !S_ISREG(st.st_mode);
    }
    if (stream && w->before_stream) w->before_stream(w->ctx);
    if (is_jsonl(path)) return walk_jsonl(w, path);
    if (is_warc(path)) return walk_warc(w, path);
    gzFile gz = open_gz(path);
    if (!gz) {
        input_error(w, path, "cannot read: %s", strerror(errno ? errno : ENOMEM));
        return 0;
    }
    dl_input_kind kind = kind_for(path);
    dl_strbuf b;
    dl_strbuf_init(&b);
    int rc = 0;
    /* JSON Lines by content (stdin, or a file not named .jsonl): its first
     * bytes decide, and the rest streams */
    if (kind != DL_INPUT_HTML && read_head(w, gz, &b) >= 0 && !b.oom && looks_jsonl(&b)) {
        rc = stream_jsonl(w, gz, path, &b);
    } else if (read_rest(w, gz, path, &b) == 0) {
        read_whole(w, path);
        dl_input in = {path, b.s ? b.s : "", b.len, kind, NULL, NULL, NULL};
        rc = call_html(w, &in);
    }
    dl_strbuf_release(&b);
    gzclose(gz);
    return rc;
}

/* A byte count: digits with an optional K, M or G (powers of 1024). */
static int parse_size(const char *s, size_t *out) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *s == '-') return -1;
    int shift = 0;
    if (*end == 'k' || *end == 'K') shift = 10;
    else if (*end == 'm' || *end == 'M') shift = 20;
    else if (*end == 'g' || *end == 'G') shift = 30;
    if (shift) end++;
    if (*end || v == 0 || v > (1ULL << 40) >> shift) return -1;
    *out = (size_t)(v << shift);
    return 0;
}

int dl_cli_walk_option(dl_walk_options *o, const char *cmd, int ch, const char *arg) {
    if (ch == DL_CLI_OPT_FOLLOW_LINKS) {
        o->follow_links = 1;
        return DL_EXIT_OK;
    }
    if (parse_size(arg, &o->max_bytes) != 0)
        return dl_cli_usage_error(cmd, "--max-input-bytes '%s' is not a size from 1 to 1T "
                                  "(e.g. 65536, 64M)", arg);
    return DL_EXIT_OK;
}

int dl_inputs_walk(const dl_walk_options *o, char **paths, int npaths, dl_input_fn fn, void *ctx,
                   int *failed) {
    static const dl_walk_options defaults = {0};
    if (!o) o = &defaults;
    walker w = {.max_bytes = o->max_bytes ? o->max_bytes : DL_INPUT_MAX_BYTES,
                .follow_links = o->follow_links, .before_stream = o->before_stream,
                .not_read = o->not_read, .read_ok = o->read_ok,
                .fn = fn, .ctx = ctx, .failed = failed};
    w.max_line = w.max_bytes < DL_INPUT_MAX_LINE ? w.max_bytes : DL_INPUT_MAX_LINE;
    int rc = 0;
    for (int i = 0; !rc && i < npaths; i++) rc = walk_path(&w, paths[i], 0, 1);
    free(w.seen);
    return rc;
}
