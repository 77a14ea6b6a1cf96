/*
 * extract/charset.c -- raw bytes -> UTF-8 (see charset.h for the order of
 * trust).  Three steps, each a function: find a label (bom, http_label,
 * dl__charset_meta), check it against the bytes (utf8_stats), convert
 * (convert, with iconv; undecodable bytes become U+FFFD).
 */
#include "extract/charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/strbuf.h"

enum { META_SCAN = 4096 };

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static bool is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* Copies s[0..n) lower-cased and trimmed of space and quotes into out. */
static int copy_label(const char *s, size_t n, char *out, size_t outlen) {
    while (n && (is_space((unsigned char)*s) || *s == '"' || *s == '\'')) s++, n--;
    while (n && (is_space((unsigned char)s[n - 1]) || s[n - 1] == '"' || s[n - 1] == '\'')) n--;
    if (!n || n >= outlen) return 0;
    for (size_t i = 0; i < n; i++) out[i] = (char)lower((unsigned char)s[i]);
    out[n] = '\0';
    return 1;
}

/* "charset=X" inside s[0..n) (a Content-Type value or a meta content). */
static int find_charset_param(const char *s, size_t n, char *out, size_t outlen) {
    for (size_t i = 0; i + 7 < n; i++) {
        if (strncasecmp(s + i, "charset", 7) != 0) continue;
        size_t j = i + 7;
        while (j < n && is_space((unsigned char)s[j])) j++;
        if (j >= n || s[j] != '=') continue;
        j++;
        while (j < n && is_space((unsigned char)s[j])) j++;
        size_t k = j;
        if (k < n && (s[k] == '"' || s[k] == '\'')) {
            char q = s[k++];
            j = k;
            while (k < n && s[k] != q) k++;
        } else {
            while (k < n && s[k] != ';' && s[k] != ',' && !is_space((unsigned char)s[k])) k++;
        }
        return copy_label(s + j, k - j, out, outlen);
    }
    return 0;
}

int dl__charset_param(const char *content_type, char *out, size_t outlen) {
    if (!content_type) return 0;
    return find_charset_param(content_type, strlen(content_type), out, outlen);
}

int dl__content_type_is_html(const char *ct) {
    if (!ct) return 0;
    while (is_space((unsigned char)*ct)) ct++;
    return strncasecmp(ct, "text/html", 9) == 0 || strncasecmp(ct, "application/xhtml+xml", 21) == 0;
}

/* ---- <meta> prescan ------------------------------------------------------ */

typedef struct {
    const char *s;
    size_t n;
} span;

/* Reads one attribute at s[*i]; returns 0 at the tag's end. */
static int next_attr(const char *s, size_t n, size_t *i, span *name, span *value) {
    size_t k = *i;
    while (k < n && (is_space((unsigned char)s[k]) || s[k] == '/')) k++;
    if (k >= n || s[k] == '>') { *i = k; return 0; }
    size_t a = k;
    while (k < n && s[k] != '=' && s[k] != '>' && s[k] != '/' && !is_space((unsigned char)s[k])) k++;
    *name = (span){s + a, k - a};
    *value = (span){"", 0};
    size_t m = k;
    while (m < n && is_space((unsigned char)s[m])) m++;
    if (m < n && s[m] == '=') {
        m++;
        while (m < n && is_space((unsigned char)s[m])) m++;
        if (m < n && (s[m] == '"' || s[m] == '\'')) {
            char q = s[m++];
            size_t v = m;
            while (m < n && s[m] != q) m++;
            *value = (span){s + v, m - v};
            if (m < n) m++;
        } else {
            size_t v = m;
            while (m < n && s[m] != '>' && !is_space((unsigned char)s[m])) m++;
            *value = (span){s + v, m - v};
        }
        k = m;
    }
    if (k == a) k++;   /* a stray '=' */
    *i = k;
    return 1;
}

static bool span_is(span sp, const char *w) {
    return sp.n == strlen(w) && strncasecmp(sp.s, w, sp.n) == 0;
}

int dl__charset_meta(const char *s, size_t n, char *out, size_t outlen) {
    if (n > META_SCAN) n = META_SCAN;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '<') continue;
        if (i + 4 <= n && memcmp(s + i, "<!--", 4) == 0) {
            size_t j = i + 4;
            while (j + 3 <= n && memcmp(s + j, "-->", 3) != 0) j++;
            i = j + 2;
            continue;
        }
        if (i + 5 >= n || strncasecmp(s + i + 1, "meta", 4) != 0 ||
            !(is_space((unsigned char)s[i + 5]) || s[i + 5] == '/'))
            continue;
        size_t k = i + 5;
        span name, value, charset = {NULL, 0}, content = {NULL, 0};
        bool http_ct = false;
        while (next_attr(s, n, &k, &name, &value)) {
            if (span_is(name, "charset") && !charset.s) charset = value;
            else if (span_is(name, "content") && !content.s) content = value;
            else if (span_is(name, "http-equiv") && span_is(value, "content-type")) http_ct = true;
        }
        if (charset.s && copy_label(charset.s, charset.n, out, outlen)) return 1;
        if (http_ct && content.s && find_charset_param(content.s, content.n, out, outlen)) return 1;
        i = k;
    }
    return 0;
}

/* ---- labels --------------------------------------------------------------- */

/* A WHATWG label -> the iconv name; NULL when iconv does not know it. */
static const char *iconv_name(const char *label, char *buf, size_t buflen) {
    static const struct { const char *label, *name; } aliases[] = {
        {"utf-8", "UTF-8"},           {"utf8", "UTF-8"},
        {"unicode-1-1-utf-8", "UTF-8"}, {"x-unicode20utf8", "UTF-8"},
        {"iso-8859-1", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"},
        {"iso_8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"},
        {"l1", "WINDOWS-1252"},       {"us-ascii", "WINDOWS-1252"},
        {"ascii", "WINDOWS-1252"},    {"ansi_x3.4-1968", "WINDOWS-1252"},
        {"cp1252", "WINDOWS-1252"},   {"x-cp1252", "WINDOWS-1252"},
        {"windows-1252", "WINDOWS-1252"}, {"cp819", "WINDOWS-1252"},
        {"iso-8859-9", "WINDOWS-1254"}, {"latin5", "WINDOWS-1254"},
        {"iso-8859-11", "WINDOWS-874"}, {"tis-620", "WINDOWS-874"},
        {"utf-16", "UTF-16LE"},       {"utf-16le", "UTF-16LE"},
        {"utf-16be", "UTF-16BE"},     {"unicode", "UTF-16LE"},
        {"gb2312", "GBK"},            {"x-gbk", "GBK"},
        {"gbk", "GBK"},               {"chinese", "GBK"},
        {"shift_jis", "CP932"},       {"shift-jis", "CP932"},
        {"sjis", "CP932"},            {"x-sjis", "CP932"},
        {"ms_kanji", "CP932"},        {"windows-31j", "CP932"},
        {"euc-kr", "CP949"},          {"ks_c_5601-1987", "CP949"},
        {"big5", "BIG5-HKSCS"},       {"x-mac-roman", "MACINTOSH"},
    };
    for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
        if (strcmp(label, aliases[i].label) == 0) return aliases[i].name;
    size_t n = strlen(label);
    if (n == 0 || n >= buflen) return NULL;
    for (size_t i = 0; i < n; i++) {
        char c = label[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
            return NULL;
        buf[i] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
    }
    buf[n] = '\0';
    iconv_t cd = iconv_open("UTF-8", buf);
    if (cd == (iconv_t)-1) return NULL;
    iconv_close(cd);
    return buf;
}

static bool is_utf8(const char *name) { return strcmp(name, "UTF-8") == 0; }
static bool is_utf16(const char *name) { return strncmp(name, "UTF-16", 6) == 0 || strncmp(name, "UTF-32", 6) == 0; }

/* ---- detection ------------------------------------------------------------ */

/* Counts valid multi-byte UTF-8 sequences and invalid bytes. */
static void utf8_stats(const unsigned char *s, size_t n, size_t *multi, size_t *invalid) {
    size_t m = 0, bad = 0, i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) { i++; continue; }
        size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        bool ok = len && i + len <= n;
        for (size_t k = 1; ok && k < len; k++) ok = (s[i + k] & 0xC0) == 0x80;
        if (ok && len == 3) {
            unsigned c1 = s[i + 1];
            if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) ok = false;
        }
        if (ok && len == 4) {
            unsigned c1 = s[i + 1];
            if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)) ok = false;
        }
        if (ok) { m++; i += len; }
        else { bad++; i++; }
    }
    *multi = m;
    *invalid = bad;
}

/* UTF-8 unless invalid bytes are more than a stray few. */
static bool mostly_utf8(size_t multi, size_t invalid) { return invalid == 0 || multi >= 4 * invalid; }

/* BOM-less UTF-16: ASCII text leaves a NUL in every other byte. */
static const char *sniff_utf16(const unsigned char *s, size_t n) {
    size_t m = n < 1024 ? n & ~(size_t)1 : 1024, zero_even = 0, zero_odd = 0;
    if (m < 8) return NULL;
    for (size_t i = 0; i < m; i += 2) {
        zero_even += s[i] == 0;
        zero_odd += s[i + 1] == 0;
    }
    size_t pairs = m / 2;
    if (zero_odd * 10 >= pairs * 4 && zero_even * 20 < pairs) return "UTF-16LE";
    if (zero_even * 10 >= pairs * 4 && zero_odd * 20 < pairs) return "UTF-16BE";
    return NULL;
}

/* ---- conversion ----------------------------------------------------------- */

/* Converts with iconv; each undecodable unit becomes U+FFFD. */
static dl_status convert(const char *from, const char *s, size_t n, dl_strbuf *out, size_t *replaced) {
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) return DL_ERR_USAGE;
    size_t unit = is_utf16(from) ? (from[4] == '3' ? 4 : 2) : 1;
    char buf[16384];
    char *in = (char *)s;
    size_t left = n;
    while (left && !out->oom) {
        char *o = buf;
        size_t room = sizeof buf;
        size_t r = iconv(cd, &in, &left, &o, &room);
        dl_strbuf_add(out, buf, (size_t)(o - buf));
        if (r != (size_t)-1) break;
        if (errno == E2BIG) continue;
        /* EILSEQ: a bad unit; EINVAL: a cut sequence at the end */
        dl_strbuf_add(out, "\xEF\xBF\xBD", 3);
        (*replaced)++;
        size_t skip = errno == EINVAL ? left : (unit < left ? unit : left);
        in += skip;
        left -= skip;
        iconv(cd, NULL, NULL, NULL, NULL);   /* reset the shift state */
    }
    char *o = buf;
    size_t room = sizeof buf;
    iconv(cd, NULL, NULL, &o, &room);
    dl_strbuf_add(out, buf, (size_t)(o - buf));
    iconv_close(cd);
    return out->oom ? DL_ERR_NOMEM : DL_OK;
}

static void set_charset(dl_charset_info *info, const char *name) {
    size_t i = 0;
    for (; name[i] && i + 1 < sizeof info->charset; i++) info->charset[i] = (char)lower((unsigned char)name[i]);
    info->charset[i] = '\0';
}

dl_status dl__charset_to_utf8(const char *bytes, size_t len, const char *http_content_type,
                              char **out, size_t *outlen, dl_charset_info *info) {
    dl_charset_info dummy;
    if (!info) info = &dummy;
    memset(info, 0, sizeof *info);
    if (!out || !outlen || (!bytes && len)) return DL_ERR_USAGE;
    *out = NULL;
    *outlen = 0;
    if (!bytes) bytes = "";
    const unsigned char *u = (const unsigned char *)bytes;

    /* 1. a byte-order mark */
    const char *name = NULL;
    size_t skip = 0;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) name = "UTF-8";
    else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) name = "UTF-16LE", skip = 2;
    else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) name = "UTF-16BE", skip = 2;
    if (name) info->source = DL_CHARSET_BOM;

    /* 2. the HTTP header, 3. a <meta> tag */
    char label[64], buf[64];
    if (!name) {
        int from_http = dl__charset_param(http_content_type, label, sizeof label);
        if (from_http || dl__charset_meta(bytes, len, label, sizeof label)) {
            name = iconv_name(label, buf, sizeof buf);
            info->source = from_http ? DL_CHARSET_HTTP : DL_CHARSET_META;
            if (!name) snprintf(info->declared, sizeof info->declared, "%s", label);
            /* an ASCII-compatible page cannot declare UTF-16 in a <meta> */
            else if (is_utf16(name) && !from_http) name = "UTF-8";
        }
    }

    /* 4. check the label against the bytes, or detect */
    if (!name || (info->source != DL_CHARSET_BOM && !is_utf16(name))) {
        size_t multi, invalid;
        utf8_stats(u, len, &multi, &invalid);
        const char *utf16 = sniff_utf16(u, len);   /* NULs: no ASCII-based label fits */
        const char *guess = utf16 ? utf16 : mostly_utf8(multi, invalid) ? "UTF-8" : "WINDOWS-1252";
        bool contradicts = name && (utf16 || (is_utf8(name) && !mostly_utf8(multi, invalid)) ||
                                    (!is_utf8(name) && multi > 0 && invalid == 0));
        if (contradicts) snprintf(info->declared, sizeof info->declared, "%s", label);
        if (!name || contradicts) {
            name = guess;
            info->source = DL_CHARSET_DETECTED;
        }
    }
    set_charset(info, name);

    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_status st = DL_OK;
    if (is_utf8(name)) dl_strbuf_add(&b, bytes, len);   /* dl_doc_set_source repairs */
    else if ((st = convert(name, bytes + skip, len - skip, &b, &info->replaced)) == DL_ERR_USAGE) {
        dl_strbuf_clear(&b);   /* iconv lacks the charset: pass the bytes on */
        dl_strbuf_add(&b, bytes, len);
        st = DL_OK;
    }
    if (st == DL_OK && b.oom) st = DL_ERR_NOMEM;
    if (st != DL_OK) {
        dl_strbuf_release(&b);
        return st;
    }
    *outlen = b.len;
    *out = dl_strbuf_detach(&b);
    if (!*out) *out = calloc(1, 1);
    return *out ? DL_OK : DL_ERR_NOMEM;
}
