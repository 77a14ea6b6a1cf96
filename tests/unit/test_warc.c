/*
 * tests/unit/test_warc.c -- the streaming WARC reader (extract/warc.c): the
 * real Wget WARC in ../shared/data/warc, hand-made records (chunked, gzip,
 * non-200, junk, missing or lying Content-Length, oversize, truncated), and
 * hostile input under a time bound.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "core/doc.h"
#include "core/strbuf.h"
#include "extract/charset.h"
#include "extract/warc.h"
#include "harness.h"

static long gz_read(void *ctx, char *buf, size_t cap) { return gzread((gzFile)ctx, buf, (unsigned)cap); }

/* The real file: 1 warcinfo, 22 request, 22 response (20 articles, the
 * index, robots.txt), 2 resource, 1 metadata. */
static void test_real_warc(void) {
    const char *path = DL_SHARED "/data/warc/news-sample.warc.gz";
    if (!dl_test_need(path)) return;
    gzFile gz = gzopen(path, "rb");
    OK(gz != NULL, "cannot open %s", path);
    if (!gz) return;
    dl__warc *w = dl__warc_new(gz_read, gz, 0);
    dl__warc_record r;
    int warcinfo = 0, request = 0, response = 0, resource = 0, metadata = 0, html = 0, ok200 = 0, rc;
    int articles_ok = 0;
    while ((rc = dl__warc_next(w, &r)) > 0) {
        if (!strcmp(r.type, "warcinfo")) warcinfo++;
        else if (!strcmp(r.type, "request")) request++;
        else if (!strcmp(r.type, "resource")) resource++;
        else if (!strcmp(r.type, "metadata")) metadata++;
        else if (!strcmp(r.type, "response")) {
            response++;
            OK(r.target_uri && !strncmp(r.target_uri, "http://127.0.0.1:", 17), "uri %s",
               r.target_uri ? r.target_uri : "(null)");
            OK(r.date && !strncmp(r.date, "2026-11-29T", 11), "date %s", r.date ? r.date : "(null)");
            OK(!r.truncated && !r.oversize && !r.undecodable, "flags");
            OK(r.payload[r.payload_len] == '\0', "payload not NUL-terminated");
            if (r.http_status == 200) ok200++;
            if (dl__content_type_is_html(r.http_content_type)) {
                html++;
                /* through charset and extraction: an article page gives a body */
                char *u8;
                size_t n;
                INT_EQ(dl__charset_to_utf8(r.payload, r.payload_len, r.http_content_type, &u8, &n, NULL),
                       DL_OK);
                dl_doc *doc = dl_doc_new();
                dl_status st = dl_doc_set_source(doc, r.target_uri, u8, n, DL_INPUT_HTML);
                if (st == DL_OK) st = dl_extract_run(NULL, doc);
                if (st == DL_OK && doc->article.body_len > 500) articles_ok++;
                dl_doc_free(doc);
                free(u8);
            }
        }
        OK(!r.truncated, "truncated %s record", r.type);
    }
    INT_EQ(rc, 0);
    INT_EQ(warcinfo, 1);
    INT_EQ(request, 22);
    INT_EQ(response, 22);
    INT_EQ(resource, 2);
    INT_EQ(metadata, 1);
    INT_EQ(ok200, 22);
    INT_EQ(html, 21);   /* 20 articles and the index; robots.txt is text/plain */
    OK(articles_ok >= 20, "only %d article bodies", articles_ok);
    INT_EQ(dl__warc_junk(w), 0);
    dl__warc_free(w);
    gzclose(gz);
}

/* ---- hand-made records ------------------------------------------------------ */

static void add_record(dl_strbuf *b, const char *type, const char *uri, const char *block, size_t n,
                       const char *eol) {
    dl_strbuf_printf(b, "WARC/1.1%sWARC-Type: %s%s", eol, type, eol);
    if (uri) dl_strbuf_printf(b, "WARC-Target-URI: %s%s", uri, eol);
    dl_strbuf_printf(b, "WARC-Date: 2024-05-01T12:34:56Z%sContent-Type: application/http; msgtype=%s%s",
                     eol, strcmp(type, "request") ? "response" : "request", eol);
    dl_strbuf_printf(b, "Content-Length: %zu%s%s", n, eol, eol);
    dl_strbuf_add(b, block, n);
    dl_strbuf_printf(b, "%s%s", eol, eol);
}

static size_t gzip_bytes(const char *s, size_t n, char *out, size_t cap) {
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
    z.next_in = (Bytef *)s;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    size_t m = cap - z.avail_out;
    deflateEnd(&z);
    return m;
}

static const char PAGE[] = "<html><head><title>Talks</title></head><body><article><p>BAGHDAD - Iraq's "
                           "prime minister met tribal leaders on Monday, his office said.</p></article>"
                           "</body></html>";

static void test_records(void) {
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_strbuf_adds(&b, "garbage before the first record\r\n\r\n");
    /* 1: plain 200 HTML */
    char block[4096];
    int n = snprintf(block, sizeof block, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                     "Content-Length: %zu\r\n\r\n%s", strlen(PAGE), PAGE);
    add_record(&b, "response", "<https://example.org/a>", block, (size_t)n, "\r\n");
    /* 2: a request */
    add_record(&b, "request", "https://example.org/a", "GET /a HTTP/1.1\r\n\r\n", 19, "\r\n");
    /* 3: chunked, then gzip, latin-1 header, LF line ends */
    char gz[4096];
    size_t gzn = gzip_bytes(PAGE, strlen(PAGE), gz, sizeof gz);
    dl_strbuf c;
    dl_strbuf_init(&c);
    dl_strbuf_adds(&c, "HTTP/1.1 200 OK\nContent-Type: text/html;charset=ISO-8859-1\nTransfer-Encoding: chunked\n"
                       "Content-Encoding: gzip\n\n");
    size_t half = gzn / 2;
    dl_strbuf_printf(&c, "%zx\r\n", half);
    dl_strbuf_add(&c, gz, half);
    dl_strbuf_printf(&c, "\r\n%zx;ext=1\r\n", gzn - half);
    dl_strbuf_add(&c, gz + half, gzn - half);
    dl_strbuf_adds(&c, "\r\n0\r\n\r\n");
    add_record(&b, "response", "https://example.org/b", c.s, c.len, "\n");
    dl_strbuf_release(&c);
    /* 4: a 404, HTTP/2 style */
    n = snprintf(block, sizeof block, "HTTP/2 404\r\ncontent-type: text/html\r\n\r\n<html>no</html>");
    add_record(&b, "response", "https://example.org/c", block, (size_t)n, "\r\n");
    /* 5: junk between records, then brotli (undecodable) */
    dl_strbuf_adds(&b, "\x01\x02 junk line\n");
    n = snprintf(block, sizeof block, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxyz");
    add_record(&b, "response", "https://example.org/d", block, (size_t)n, "\r\n");
    /* 6: no Content-Length: flagged truncated, the next record still read */
    dl_strbuf_adds(&b, "WARC/1.0\r\nWARC-Type: response\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<html></html>\r\n\r\n");
    /* 7: oversize (max_record 2048) */
    char big[3000];
    memset(big, 'x', sizeof big);
    memcpy(big, "HTTP/1.1 200 OK\r\n\r\n", 19);
    add_record(&b, "response", "https://example.org/big", big, sizeof big, "\r\n");
    /* 8: a resource record that is not HTTP */
    dl_strbuf_adds(&b, "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n");
    /* 9: truncated at the end of the stream */
    dl_strbuf_adds(&b, "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 500\r\n\r\n"
                       "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>cut");

    dl__warc_mem m = {b.s, b.len, 0};
    dl__warc *w = dl__warc_new(dl__warc_mem_read, &m, 2048);
    dl__warc_record r;

    INT_EQ(dl__warc_next(w, &r), 1);   /* 1 */
    STR_EQ(r.type, "response");
    STR_EQ(r.target_uri, "https://example.org/a");
    STR_EQ(r.date, "2024-05-01T12:34:56Z");
    INT_EQ(r.http_status, 200);
    STR_EQ(r.http_content_type, "text/html; charset=utf-8");
    STR_EQ(r.payload, PAGE);
    INT_EQ(r.payload_len, strlen(PAGE));
    OK(dl__warc_junk(w) > 0, "junk not counted");

    INT_EQ(dl__warc_next(w, &r), 1);   /* 2 */
    STR_EQ(r.type, "request");
    INT_EQ(r.http_status, 0);

    INT_EQ(dl__warc_next(w, &r), 1);   /* 3 */
    STR_EQ(r.target_uri, "https://example.org/b");
    INT_EQ(r.http_status, 200);
    OK(!r.undecodable, "gzip not decoded");
    STR_EQ(r.http_content_type, "text/html;charset=ISO-8859-1");
    INT_EQ(r.payload_len, strlen(PAGE));
    STR_EQ(r.payload, PAGE);

    INT_EQ(dl__warc_next(w, &r), 1);   /* 4 */
    INT_EQ(r.http_status, 404);
    STR_EQ(r.http_content_type, "text/html");
    STR_EQ(r.payload, "<html>no</html>");

    uint64_t junk = dl__warc_junk(w);
    INT_EQ(dl__warc_next(w, &r), 1);   /* 5 */
    OK(dl__warc_junk(w) > junk, "junk between records not counted");
    STR_EQ(r.target_uri, "https://example.org/d");
    OK(r.undecodable, "brotli not flagged");
    INT_EQ(r.payload_len, 0);
    STR_EQ(r.payload, "");   /* found by fuzz_warc: was the undecoded bytes, unterminated at 0 */

    INT_EQ(dl__warc_next(w, &r), 1);   /* 6 */
    OK(r.truncated, "missing Content-Length not flagged");

    INT_EQ(dl__warc_next(w, &r), 1);   /* 7 */
    STR_EQ(r.target_uri, "https://example.org/big");
    OK(r.oversize, "oversize not flagged");
    INT_EQ(r.payload_len, 0);

    INT_EQ(dl__warc_next(w, &r), 1);   /* 8 */
    STR_EQ(r.type, "resource");
    STR_EQ(r.payload, "hello");

    INT_EQ(dl__warc_next(w, &r), 1);   /* 9 */
    OK(r.truncated, "cut record not flagged");
    OK(r.payload_len < 500, "payload %zu", r.payload_len);

    INT_EQ(dl__warc_next(w, &r), 0);
    INT_EQ(dl__warc_next(w, &r), 0);
    dl__warc_free(w);
    dl_strbuf_release(&b);
    dl__warc_free(NULL);
}

static long failing_read(void *ctx, char *buf, size_t cap) {
    int *calls = ctx;
    if ((*calls)++ == 0) {
        const char *s = "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 100\r\n\r\nHTTP";
        size_t n = strlen(s) < cap ? strlen(s) : cap;
        memcpy(buf, s, n);
        return (long)n;
    }
    return -1;
}

static void test_read_error(void) {
    int calls = 0;
    dl__warc *w = dl__warc_new(failing_read, &calls, 0);
    dl__warc_record r;
    INT_EQ(dl__warc_next(w, &r), -1);
    STR_EQ(dl__warc_error(w), "read error");
    INT_EQ(dl__warc_next(w, &r), -1);
    dl__warc_free(w);
}

/* Hostile streams end quickly: random bytes, endless headers, a lying
 * Content-Length, a 10 MB line, thousands of empty records. */
static void test_hostile(void) {
    size_t n = 10u << 20;
    char *s = malloc(n);
    uint32_t x = 99;
    for (int v = 0; v < 5; v++) {
        size_t len = n;
        if (v == 0) for (size_t i = 0; i < n; i++) { x = x * 1103515245u + 12345u; s[i] = (char)(x >> 16); }
        if (v == 1) { len = 0; while (len + 20 < n) { memcpy(s + len, "WARC/1.0\r\nA: b\r\n", 16); len += 16; } }
        if (v == 2) len = (size_t)sprintf(s, "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999999999\r\n\r\nHTTP/1.1 200 OK\r\n");
        if (v == 3) { memcpy(s, "WARC/1.0\r\n", 10); memset(s + 10, 'a', n - 10); }
        if (v == 4) { len = 0; while (len + 60 < n) { memcpy(s + len, "WARC/1.0\r\nContent-Length: 0\r\n\r\n", 31); len += 31; } }
        dl__warc_mem m = {s, len, 0};
        dl__warc *w = dl__warc_new(dl__warc_mem_read, &m, 1 << 20);
        dl__warc_record r;
        long records = 0, bad = 0;
        int rc;
        while ((rc = dl__warc_next(w, &r)) > 0) {
            bad += !r.payload || r.payload[r.payload_len] != '\0';
            records++;
        }
        INT_EQ(bad, 0);
        INT_EQ(rc, 0);
        if (v == 4) OK(records > 300000, "only %ld empty records", records);
        dl__warc_free(w);
    }
    free(s);
}

/* Replays fuzz/corpus/warc through the reader. */
static void test_fuzz_corpus(void) {
    const char *dir = DL_TEST_DATA "/../../fuzz/corpus/warc";
    DIR *d = opendir(dir);
    OK(d != NULL, "cannot open %s", dir);
    if (!d) return;
    int files = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        dl_strbuf b;
        dl_strbuf_init(&b);
        char buf[4096];
        size_t k;
        while ((k = fread(buf, 1, sizeof buf, f)) > 0) dl_strbuf_add(&b, buf, k);
        fclose(f);
        dl__warc_mem m = {b.s ? b.s : "", b.len, 0};
        dl__warc *w = dl__warc_new(dl__warc_mem_read, &m, 1 << 20);
        dl__warc_record r;
        int rc;
        while ((rc = dl__warc_next(w, &r)) > 0) {}
        OK(rc == 0, "%s: %d", e->d_name, rc);
        dl__warc_free(w);
        dl_strbuf_release(&b);
        files++;
    }
    closedir(d);
    OK(files >= 5, "only %d corpus files", files);
}

int main(void) {
    RUN(test_real_warc);
    RUN(test_records);
    RUN(test_read_error);
    RUN(test_hostile);
    RUN(test_fuzz_corpus);
    return dl_test_report();
}
