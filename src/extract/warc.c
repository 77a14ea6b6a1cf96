/*
 * extract/warc.c -- the streaming WARC reader (see warc.h).  A record is
 * read in three steps: read_header (the "WARC/1.x" line and named fields up
 * to the blank line, skipping junk before it), read_block (Content-Length
 * bytes, or skip them when too long), parse_http (status, headers, then
 * dechunk and inflate the entity body).
 */
#include "extract/warc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

enum {
    IOBUF = 1 << 16,
    MAX_HEADER = 1 << 16,     /* WARC or HTTP header block */
    MAX_FIELD = 4096          /* one stored field value */
};

struct dl__warc {
    dl__warc_read_fn read;
    void *ctx;
    size_t max_record;
    char io[IOBUF];
    size_t io_pos, io_end;
    uint64_t consumed;         /* stream offset of io[io_pos] */
    bool eof, failed;
    uint64_t junk;
    char *line;                /* MAX_HEADER + 1 */
    char *block;               /* the record's block, grown up to max_record */
    size_t block_cap;
    char *inflated;            /* the decoded payload when content-coded */
    size_t inflated_cap;
    char type[64], uri[MAX_FIELD], date[64], id[128], ctype[256], http_ctype[256];
    char err[160];
};

long dl__warc_mem_read(void *vctx, char *buf, size_t cap) {
    dl__warc_mem *m = vctx;
    size_t n = m->n - m->pos < cap ? m->n - m->pos : cap;
    memcpy(buf, m->s + m->pos, n);
    m->pos += n;
    return (long)n;
}

dl__warc *dl__warc_new(dl__warc_read_fn fn, void *ctx, size_t max_record) {
    dl__warc *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->read = fn;
    w->ctx = ctx;
    w->max_record = max_record ? max_record : DL_WARC_MAX_RECORD;
    w->line = malloc(MAX_HEADER + 1);
    if (!w->line) { free(w); return NULL; }
    return w;
}

void dl__warc_free(dl__warc *w) {
    if (!w) return;
    free(w->line);
    free(w->block);
    free(w->inflated);
    free(w);
}

const char *dl__warc_error(const dl__warc *w) { return w->err; }
uint64_t dl__warc_junk(const dl__warc *w) { return w->junk; }

static int fail(dl__warc *w, const char *msg) {
    snprintf(w->err, sizeof w->err, "%s", msg);
    w->failed = true;
    return -1;
}

/* ---- buffered input ------------------------------------------------------ */

static bool fill(dl__warc *w) {
    if (w->io_pos < w->io_end) return true;
    if (w->eof || w->failed) return false;
    long n = w->read(w->ctx, w->io, sizeof w->io);
    if (n < 0) { fail(w, "read error"); return false; }
    if (n == 0) { w->eof = true; return false; }
    w->io_pos = 0;
    w->io_end = (size_t)n;
    return true;
}

/* Reads one line (without its LF; a CR before it is dropped) into w->line,
 * keeping at most MAX_HEADER bytes of it.  Returns the line's full length,
 * or -1 at the end of the stream with nothing read. */
static long read_line(dl__warc *w, size_t *kept) {
    size_t k = 0, total = 0;
    bool any = false;
    while (fill(w)) {
        any = true;
        char *s = w->io + w->io_pos, *nl = memchr(s, '\n', w->io_end - w->io_pos);
        size_t n = nl ? (size_t)(nl - s) : w->io_end - w->io_pos;
        size_t take = n < MAX_HEADER - k ? n : MAX_HEADER - k;
        memcpy(w->line + k, s, take);
        k += take;
        total += n;
        w->io_pos += n + (nl != NULL);
        w->consumed += n + (nl != NULL);
        if (nl) break;
    }
    if (!any) return -1;
    if (k && w->line[k - 1] == '\r') k--, total--;
    w->line[k] = '\0';
    *kept = k;
    return (long)total;
}

/* Copies n bytes into dst (NULL: discards them); returns the count read. */
static size_t read_bytes(dl__warc *w, char *dst, size_t n) {
    size_t got = 0;
    while (got < n && fill(w)) {
        size_t avail = w->io_end - w->io_pos, take = n - got < avail ? n - got : avail;
        if (dst) memcpy(dst + got, w->io + w->io_pos, take);
        w->io_pos += take;
        w->consumed += take;
        got += take;
    }
    return got;
}

/* ---- the WARC header ------------------------------------------------------ */

static void copy_field(char *dst, size_t cap, const char *v) {
    while (*v == ' ' || *v == '\t') v++;
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t')) n--;
    if (n >= 2 && v[0] == '<' && v[n - 1] == '>') v++, n -= 2;   /* WARC/1.0's <uri> */
    if (n >= cap) n = cap - 1;
    memcpy(dst, v, n);
    dst[n] = '\0';
}

/* Reads up to the blank line after a "WARC/" line; returns 1, 0 at the end
 * of the stream, -1 on a read error.  *length gets Content-Length or -1. */
static int read_header(dl__warc *w, dl__warc_record *rec, long long *length) {
    size_t k;
    long n;
    for (;;) {   /* blank lines between records, then junk up to "WARC/" */
        uint64_t at = w->consumed;
        if ((n = read_line(w, &k)) < 0) return w->failed ? -1 : 0;
        if (k >= 6 && memcmp(w->line, "WARC/", 5) == 0) { rec->offset = at; break; }
        if (n > 0) w->junk += (uint64_t)n + 1;
    }
    w->type[0] = w->uri[0] = w->date[0] = w->id[0] = w->ctype[0] = '\0';
    *length = -1;
    size_t header = 0;
    while ((n = read_line(w, &k)) > 0) {
        header += (size_t)n;
        if (header > MAX_HEADER) continue;   /* keep reading to the blank line */
        char *colon = strchr(w->line, ':');
        if (!colon) continue;
        *colon = '\0';
        const char *name = w->line, *v = colon + 1;
        if (!strcasecmp(name, "WARC-Type")) copy_field(w->type, sizeof w->type, v);
        else if (!strcasecmp(name, "WARC-Target-URI")) copy_field(w->uri, sizeof w->uri, v);
        else if (!strcasecmp(name, "WARC-Date")) copy_field(w->date, sizeof w->date, v);
        else if (!strcasecmp(name, "WARC-Record-ID")) copy_field(w->id, sizeof w->id, v);
        else if (!strcasecmp(name, "Content-Type")) copy_field(w->ctype, sizeof w->ctype, v);
        else if (!strcasecmp(name, "Content-Length")) {
            char *end;
            while (*v == ' ' || *v == '\t') v++;
            long long len = strtoll(v, &end, 10);
            while (*end == ' ' || *end == '\t') end++;
            if (end != v && *end == '\0' && len >= 0) *length = len;
        }
    }
    if (w->failed) return -1;
    return 1;
}

/* ---- the HTTP message in a response block --------------------------------- */

/* Undoes chunked transfer coding in place; returns the new length. */
static size_t dechunk(char *s, size_t n) {
    size_t in = 0, out = 0;
    while (in < n) {
        size_t e = in;
        while (e < n && s[e] != '\n') e++;
        if (e >= n) break;
        char *end;
        unsigned long long size = strtoull(s + in, &end, 16);
        if (end == s + in) break;
        in = e + 1;
        if (size == 0) break;
        if (size > n - in) size = n - in;   /* a cut chunk: keep what is there */
        memmove(s + out, s + in, (size_t)size);
        out += (size_t)size;
        in += (size_t)size;
        if (in < n && s[in] == '\r') in++;
        if (in < n && s[in] == '\n') in++;
    }
    return out;
}

/* Inflates gzip or zlib/raw deflate data into w->inflated; false on error. */
static bool inflate_payload(dl__warc *w, const char *s, size_t n, bool gzip, size_t *outlen) {
    for (int attempt = 0; attempt < 2; attempt++) {
        z_stream z;
        memset(&z, 0, sizeof z);
        /* gzip; else zlib then raw deflate (servers send both as "deflate") */
        int bits = gzip ? 15 + 32 : attempt == 0 ? 15 : -15;
        if (inflateInit2(&z, bits) != Z_OK) return false;
        z.next_in = (Bytef *)s;
        z.avail_in = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
        size_t out = 0;
        int rc = Z_OK;
        while (rc == Z_OK) {
            if (out == w->inflated_cap) {
                if (w->inflated_cap >= w->max_record) break;
                size_t cap = w->inflated_cap ? w->inflated_cap * 2 : 1 << 16;
                if (cap > w->max_record) cap = w->max_record;
                char *p = realloc(w->inflated, cap + 1);
                if (!p) break;
                w->inflated = p;
                w->inflated_cap = cap;
            }
            z.next_out = (Bytef *)w->inflated + out;
            z.avail_out = (uInt)(w->inflated_cap - out);
            rc = inflate(&z, Z_NO_FLUSH);
            out = w->inflated_cap - z.avail_out;
        }
        inflateEnd(&z);
        if ((rc == Z_STREAM_END || (rc == Z_BUF_ERROR && out > 0)) && w->inflated) {
            w->inflated[out] = '\0';
            *outlen = out;
            return true;
        }
        if (gzip) return false;
    }
    return false;
}

/* Is token one of the comma-separated words of v (case-insensitive)? */
static bool token_in(const char *v, const char *token) {
    size_t t = strlen(token);
    for (const char *p = v; *p; p++) {
        if (strncasecmp(p, token, t) != 0) continue;
        bool start = p == v || p[-1] == ' ' || p[-1] == ',' || p[-1] == '\t';
        bool end = p[t] == '\0' || p[t] == ' ' || p[t] == ',' || p[t] == ';' || p[t] == '\t';
        if (start && end) return true;
    }
    return false;
}

static void parse_http(dl__warc *w, dl__warc_record *rec, char *b, size_t n) {
    size_t e = 0;
    while (e < n && b[e] != '\n') e++;
    int status = 0;
    if (e >= 10 && e < n && memcmp(b, "HTTP/", 5) == 0) {   /* "HTTP/2 200" and longer */
        const char *sp = memchr(b, ' ', e);
        if (sp && (size_t)(sp - b) + 4 <= e && sp[1] >= '1' && sp[1] <= '5' && sp[2] >= '0' &&
            sp[2] <= '9' && sp[3] >= '0' && sp[3] <= '9')
            status = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0');
    }
    if (!status) return;   /* not an HTTP response: the block is the payload */
    bool chunked = false, gzip = false, deflate = false, other = false;
    w->http_ctype[0] = '\0';
    size_t i = e + 1;
    for (;;) {
        if (i >= n) break;
        size_t le = i;
        while (le < n && b[le] != '\n') le++;
        size_t len = le - i;
        if (len && b[i + len - 1] == '\r') len--;
        if (len == 0) { i = le + 1; break; }
        if (len < MAX_FIELD) {
            char line[MAX_FIELD];
            memcpy(line, b + i, len);
            line[len] = '\0';
            char *colon = strchr(line, ':');
            if (colon) {
                *colon = '\0';
                const char *v = colon + 1;
                if (!strcasecmp(line, "Content-Type") && !w->http_ctype[0])
                    copy_field(w->http_ctype, sizeof w->http_ctype, v);
                else if (!strcasecmp(line, "Transfer-Encoding")) chunked = token_in(v, "chunked");
                else if (!strcasecmp(line, "Content-Encoding")) {
                    gzip = token_in(v, "gzip") || token_in(v, "x-gzip");
                    deflate = token_in(v, "deflate");
                    other = !gzip && !deflate && !token_in(v, "identity") && strspn(v, " \t") != strlen(v);
                }
            }
        }
        i = le + 1;
    }
    if (i > n) i = n;
    rec->http_status = status;
    rec->http_content_type = w->http_ctype[0] ? w->http_ctype : NULL;
    char *p = b + i;
    size_t pn = n - i;
    if (chunked) pn = dechunk(p, pn);
    p[pn] = '\0';
    const char *payload = p;
    if (other) {
        rec->undecodable = true;
        payload = "", pn = 0;
    } else if (gzip || deflate) {
        size_t out = 0;
        if (inflate_payload(w, p, pn, gzip, &out)) {
            payload = w->inflated;
            pn = out;
        } else {
            rec->undecodable = true;
            payload = "", pn = 0;
        }
    }
    rec->payload = payload;
    rec->payload_len = pn;
}

/* ---- records -------------------------------------------------------------- */

int dl__warc_next(dl__warc *w, dl__warc_record *rec) {
    memset(rec, 0, sizeof *rec);
    if (w->failed) return -1;
    long long length;
    int rc = read_header(w, rec, &length);
    if (rc <= 0) return rc;
    rec->type = w->type;
    rec->target_uri = w->uri[0] ? w->uri : NULL;
    rec->date = w->date[0] ? w->date : NULL;
    rec->record_id = w->id[0] ? w->id : NULL;
    rec->content_type = w->ctype[0] ? w->ctype : NULL;
    rec->payload = "";
    if (length < 0) {          /* no usable Content-Length: the next "WARC/" line resyncs */
        rec->truncated = true;
        return 1;
    }
    rec->length = (uint64_t)length;
    if ((uint64_t)length > w->max_record) {
        rec->oversize = true;
        uint64_t left = (uint64_t)length;
        while (left) {
            size_t step = left > (1u << 30) ? (1u << 30) : (size_t)left;
            size_t got = read_bytes(w, NULL, step);
            left -= got;
            if (got < step) { rec->truncated = true; break; }
        }
        return w->failed ? -1 : 1;
    }
    size_t len = (size_t)length;
    if (len + 1 > w->block_cap) {
        size_t cap = w->block_cap ? w->block_cap : 1 << 16;
        while (cap < len + 1) cap *= 2;
        char *p = realloc(w->block, cap);
        if (!p) return fail(w, "out of memory");
        w->block = p;
        w->block_cap = cap;
    }
    size_t got = read_bytes(w, w->block, len);
    if (w->failed) return -1;
    if (got < len) rec->truncated = true;
    w->block[got] = '\0';
    rec->payload = w->block;
    rec->payload_len = got;
    bool http = rec->content_type ? strncasecmp(rec->content_type, "application/http", 16) == 0
                                  : got >= 5 && memcmp(w->block, "HTTP/", 5) == 0;
    if (http && strcmp(w->type, "response") == 0) parse_http(w, rec, w->block, got);
    return 1;
}
