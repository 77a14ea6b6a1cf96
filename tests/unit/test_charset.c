/*
 * tests/unit/test_charset.c -- raw bytes -> UTF-8 (extract/charset.c): each
 * step of the order of trust (BOM, HTTP header, <meta>, detection), wrong
 * declarations, and the converted page through the extractor.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/doc.h"
#include "extract/charset.h"
#include "harness.h"

static bool contains(const char *hay, const char *needle) { return hay && strstr(hay, needle); }

/* Converts, then extracts; returns the doc (caller frees), NULL on failure. */
static dl_doc *convert_extract(const char *bytes, size_t len, const char *http, dl_charset_info *info,
                               dl_status *st) {
    char *u8 = NULL;
    size_t n = 0;
    *st = dl__charset_to_utf8(bytes, len, http, &u8, &n, info);
    OK(*st == DL_OK, "charset_to_utf8 gave %d", *st);
    if (*st != DL_OK) return NULL;
    OK(u8 && strlen(u8) == n, "output not NUL-terminated at its length");
    dl_doc *doc = dl_doc_new();
    *st = dl_doc_set_source(doc, "page.html", u8, n, DL_INPUT_HTML);
    if (*st == DL_OK) *st = dl_extract_run(NULL, doc);
    free(u8);
    return doc;
}

#define PARA "<p>Le pr\xE9sident a re\xE7u mardi le ministre des affaires \xE9trang\xE8res, qui lui a " \
             "pr\xE9sent\xE9 le plan de paix pour la r\xE9gion et l\x92" "accord sign\xE9 \x93hier\x94.</p>"

/* windows-1252 bytes, declared by <meta charset>: curly quotes come out right */
static void test_meta_windows1252(void) {
    const char *page = "<html><head><meta charset=\"windows-1252\"><title>x</title></head><body>" PARA
                       "</body></html>";
    dl_charset_info info;
    dl_status st;
    dl_doc *doc = convert_extract(page, strlen(page), NULL, &info, &st);
    INT_EQ(st, DL_OK);
    INT_EQ(info.source, DL_CHARSET_META);
    STR_EQ(info.charset, "windows-1252");
    OK(contains(doc->article.body, "Le pr\xC3\xA9sident a re\xC3\xA7u"), "body %s", doc->article.body);
    OK(contains(doc->article.body, "l\xE2\x80\x99" "accord"), "no U+2019 in %s", doc->article.body);
    OK(contains(doc->article.body, "\xE2\x80\x9Chier\xE2\x80\x9D"), "no curly quotes in %s", doc->article.body);
    OK(!contains(doc->article.body, "\xEF\xBF\xBD"), "U+FFFD in %s", doc->article.body);
    dl_doc_free(doc);
    /* the http-equiv form, unquoted, after a comment that mentions charset=utf-8 */
    const char *page2 = "<html><head><!-- <meta charset=utf-8> --><META HTTP-EQUIV=Content-Type "
                        "CONTENT='text/html; charset=ISO-8859-1'></head><body>" PARA "</body></html>";
    doc = convert_extract(page2, strlen(page2), NULL, &info, &st);
    INT_EQ(st, DL_OK);
    INT_EQ(info.source, DL_CHARSET_META);
    STR_EQ(info.charset, "windows-1252");   /* WHATWG: latin1 labels mean windows-1252 */
    OK(contains(doc->article.body, "l\xE2\x80\x99" "accord"), "body %s", doc->article.body);
    dl_doc_free(doc);
}

/* Latin-1 bytes under a meta that says UTF-8: detection overrules it */
static void test_wrong_meta(void) {
    const char *page = "<html><head><meta charset=\"utf-8\"></head><body>" PARA "</body></html>";
    dl_charset_info info;
    dl_status st;
    dl_doc *doc = convert_extract(page, strlen(page), NULL, &info, &st);
    INT_EQ(st, DL_OK);
    INT_EQ(info.source, DL_CHARSET_DETECTED);
    STR_EQ(info.declared, "utf-8");
    STR_EQ(info.charset, "windows-1252");
    OK(contains(doc->article.body, "Le pr\xC3\xA9sident"), "body %s", doc->article.body);
    OK(!contains(doc->article.body, "\xEF\xBF\xBD"), "U+FFFD in %s", doc->article.body);
    dl_doc_free(doc);
    /* UTF-8 bytes under a Latin-1 meta: kept as UTF-8 */
    const char *u8 = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Le pr\xC3\xA9sident a "
                     "re\xC3\xA7u mardi le ministre des affaires \xC3\xA9trang\xC3\xA8res.</p></body></html>";
    doc = convert_extract(u8, strlen(u8), NULL, &info, &st);
    INT_EQ(st, DL_OK);
    INT_EQ(info.source, DL_CHARSET_DETECTED);
    STR_EQ(info.charset, "utf-8");
    OK(contains(doc->article.body, "Le pr\xC3\xA9sident a re\xC3\xA7u"), "body %s", doc->article.body);
    dl_doc_free(doc);
    /* an unknown label falls through to detection */
    const char *bogus = "<meta charset=\"x-no-such-charset\"><p>caf\xE9 cr\xE8me</p>";
    char *out;
    size_t n;
    INT_EQ(dl__charset_to_utf8(bogus, strlen(bogus), NULL, &out, &n, &info), DL_OK);
    STR_EQ(info.declared, "x-no-such-charset");
    STR_EQ(info.charset, "windows-1252");
    OK(contains(out, "caf\xC3\xA9 cr\xC3\xA8me"), "out %s", out);
    free(out);
}

/* UTF-16 with a BOM (both orders), and without one */
static void test_utf16(void) {
    const char *text = "<html><head><meta charset=\"windows-1252\"></head><body><p>Le pr\xC3\xA9sident "
                       "a re\xC3\xA7u mardi le ministre des affaires \xC3\xA9trang\xC3\xA8res, qui lui a "
                       "pr\xC3\xA9sent\xC3\xA9 le plan de paix \xE2\x80\x94 pour la r\xC3\xA9gion.</p></body></html>";
    /* encode to UTF-16 by hand (BMP only) */
    for (int order = 0; order < 3; order++) {   /* LE+BOM, BE+BOM, LE without BOM */
        size_t n = strlen(text), k = 0;
        unsigned char *b = malloc(2 * n + 2);
        if (order < 2) { b[k++] = order == 0 ? 0xFF : 0xFE; b[k++] = order == 0 ? 0xFE : 0xFF; }
        for (size_t i = 0; i < n;) {
            unsigned c = (unsigned char)text[i];
            unsigned cp;
            if (c < 0x80) cp = c, i += 1;
            else if (c < 0xE0) cp = ((c & 0x1F) << 6) | (text[i + 1] & 0x3F), i += 2;
            else cp = ((c & 0x0F) << 12) | ((text[i + 1] & 0x3F) << 6) | (text[i + 2] & 0x3F), i += 3;
            if (order == 1) { b[k++] = (unsigned char)(cp >> 8); b[k++] = (unsigned char)cp; }
            else { b[k++] = (unsigned char)cp; b[k++] = (unsigned char)(cp >> 8); }
        }
        dl_charset_info info;
        dl_status st;
        /* the BOM outranks the HTTP header and the meta */
        dl_doc *doc = convert_extract((const char *)b, k, "text/html; charset=iso-8859-1", &info, &st);
        INT_EQ(st, DL_OK);
        if (order < 2) INT_EQ(info.source, DL_CHARSET_BOM);
        STR_EQ(info.charset, order == 1 ? "utf-16be" : "utf-16le");
        if (order == 2) INT_EQ(info.source, DL_CHARSET_DETECTED);   /* NULs overrule the header */
        OK(contains(doc->article.body, "Le pr\xC3\xA9sident a re\xC3\xA7u"), "order %d body %s", order,
           doc->article.body);
        OK(contains(doc->article.body, "\xE2\x80\x94"), "em dash lost (order %d)", order);
        dl_doc_free(doc);
        free(b);
    }
}

/* The HTTP header outranks the meta: ISO-8859-7 Greek under a windows-1252 meta */
static void test_http_wins(void) {
    /* "Ο πρωθυπουργός" ... in ISO-8859-7 */
    const char *page = "<html><head><meta charset=\"windows-1252\"></head><body><p>\xCF \xF0\xF1\xF9\xE8"
                       "\xF5\xF0\xEF\xF5\xF1\xE3\xFC\xF2 \xDC\xEB\xE5\xE3\xE5 \xF3\xF4\xEF \xEA\xE1\xE8"
                       "\xE7\xEC\xE5\xF1\xE9\xED\xFC \xEA\xE1\xE9 \xF3\xF4\xEF \xE2\xF5\xE8\xFC \xF4\xE7\xF2 "
                       "\xE8\xDC\xEB\xE1\xF3\xF3\xE1\xF2 \xEC\xE5 \xF4\xEF\xF5\xF2 \xF5\xF0\xEF\xF5\xF1\xE3"
                       "\xEF\xFD\xF2.</p></body></html>";
    dl_charset_info info;
    dl_status st;
    dl_doc *doc = convert_extract(page, strlen(page), "text/html; charset=\"ISO-8859-7\"", &info, &st);
    INT_EQ(st, DL_OK);
    INT_EQ(info.source, DL_CHARSET_HTTP);
    STR_EQ(info.charset, "iso-8859-7");
    OK(contains(doc->article.body, "\xCE\x9F \xCF\x80\xCF\x81\xCF\x89\xCE\xB8"), "body %s", doc->article.body);
    STR_EQ(doc->article.language, "el");
    dl_doc_free(doc);
    /* without the header the meta is honoured */
    char *out;
    size_t n;
    INT_EQ(dl__charset_to_utf8(page, strlen(page), "text/html", &out, &n, &info), DL_OK);
    INT_EQ(info.source, DL_CHARSET_META);
    STR_EQ(info.charset, "windows-1252");
    free(out);
}

/* No label at all: valid UTF-8 stays, anything else is windows-1252 */
static void test_detection(void) {
    char *out;
    size_t n;
    dl_charset_info info;
    const char *u8 = "<p>caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D</p>";
    INT_EQ(dl__charset_to_utf8(u8, strlen(u8), NULL, &out, &n, &info), DL_OK);
    STR_EQ(info.charset, "utf-8");
    INT_EQ(info.source, DL_CHARSET_DETECTED);
    STR_EQ(out, u8);
    free(out);
    const char *cp = "<p>caf\xE9 \x93quoted\x94 \x80 5</p>";
    INT_EQ(dl__charset_to_utf8(cp, strlen(cp), NULL, &out, &n, &info), DL_OK);
    STR_EQ(info.charset, "windows-1252");
    STR_EQ(out, "<p>caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC 5</p>");
    free(out);
    /* empty input, NULL input */
    INT_EQ(dl__charset_to_utf8("", 0, NULL, &out, &n, NULL), DL_OK);
    INT_EQ(n, 0);
    OK(out && out[0] == '\0', "empty output not empty");
    free(out);
    INT_EQ(dl__charset_to_utf8(NULL, 0, NULL, &out, &n, NULL), DL_OK);
    free(out);
    INT_EQ(dl__charset_to_utf8(NULL, 3, NULL, &out, &n, NULL), DL_ERR_USAGE);
}

static void test_helpers(void) {
    char cs[32];
    OK(dl__charset_param("text/html; charset=UTF-8", cs, sizeof cs), "param");
    STR_EQ(cs, "utf-8");
    OK(dl__charset_param("text/html;charset=\"Shift_JIS\"; foo=bar", cs, sizeof cs), "quoted param");
    STR_EQ(cs, "shift_jis");
    OK(!dl__charset_param("text/html", cs, sizeof cs), "no param");
    OK(!dl__charset_param(NULL, cs, sizeof cs), "NULL");
    OK(!dl__charset_param("text/html; charset=", cs, sizeof cs), "empty param");
    OK(dl__content_type_is_html("text/html; charset=utf-8"), "html");
    OK(dl__content_type_is_html(" Application/XHTML+XML"), "xhtml");
    OK(!dl__content_type_is_html("text/plain"), "plain");
    OK(!dl__content_type_is_html(NULL), "NULL type");
    /* meta past the first 4 KB is not read */
    char page[6000];
    memset(page, ' ', sizeof page);
    memcpy(page + 5000, "<meta charset=koi8-r>", 21);
    OK(!dl__charset_meta(page, sizeof page, cs, sizeof cs), "meta beyond 4 KB");
    OK(dl__charset_meta("<meta/charset=koi8-r >", 22, cs, sizeof cs), "meta/");
    STR_EQ(cs, "koi8-r");
    /* hostile meta tags: unterminated quotes and tags */
    const char *const bad[] = {"<meta charset=\"", "<meta", "<meta ", "<meta charset", "<meta =\"x\" ",
                               "<meta http-equiv=content-type content=\"charset", "<!--", "<meta charset=''>"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        cs[0] = '\0';
        dl__charset_meta(bad[i], strlen(bad[i]), cs, sizeof cs);
    }
    OK(1, "hostile meta tags");
}

/* Wrong declarations and junk never crash and stay linear: random bytes
 * under every label, and 10 MB of Latin-1 under a UTF-8 meta. */
static void test_hostile(void) {
    static const char *const labels[] = {NULL, "text/html; charset=utf-8", "text/html; charset=utf-16",
                                         "text/html; charset=shift_jis", "text/html; charset=iso-2022-jp",
                                         "text/html; charset=utf-16be", "text/html; charset=utf-32",
                                         "text/html; charset=euc-kr", "text/html; charset=gb18030"};
    unsigned char junk[4099];
    uint32_t x = 7;
    for (size_t l = 0; l < sizeof labels / sizeof *labels; l++) {
        for (int round = 0; round < 20; round++) {
            size_t n = 1 + (size_t)round * 200;
            for (size_t i = 0; i < n; i++) { x = x * 1103515245u + 12345u; junk[i] = (unsigned char)(x >> 16); }
            char *out = NULL;
            size_t m = 0;
            INT_EQ(dl__charset_to_utf8((const char *)junk, n, labels[l], &out, &m, NULL), DL_OK);
            OK(out && strlen(out) <= m, "output length");
            free(out);
        }
    }
    size_t n = 10u << 20;
    char *big = malloc(n);
    const char *head = "<html><head><meta charset=utf-8></head><body><p>";
    memcpy(big, head, strlen(head));
    for (size_t i = strlen(head); i < n; i++) big[i] = "caf\xE9 na\xEFve "[i % 11];
    char *out;
    size_t m;
    dl_charset_info info;
    INT_EQ(dl__charset_to_utf8(big, n, NULL, &out, &m, &info), DL_OK);
    STR_EQ(info.charset, "windows-1252");
    OK(m > n, "grew: %zu", m);
    free(out);
    free(big);
}

int main(void) {
    RUN(test_meta_windows1252);
    RUN(test_wrong_meta);
    RUN(test_utf16);
    RUN(test_http_wins);
    RUN(test_detection);
    RUN(test_helpers);
    RUN(test_hostile);
    return dl_test_report();
}
