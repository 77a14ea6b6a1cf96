/*
 * core/utf8.c -- UTF-8 repair and folding.  Validation follows RFC 3629
 * (no overlongs, no surrogates, nothing above U+10FFFF) via utf8proc_iterate.
 */
#include "core/utf8.h"

#include <utf8proc.h>

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

size_t dl_utf8_repair(const char *s, size_t n, dl_strbuf *out, long long *first_bad) {
    size_t bad = 0, i = 0;
    if (first_bad) *first_bad = -1;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x01 && c < 0x80) {
            size_t j = i;
            while (j < n && (unsigned char)s[j] >= 0x01 && (unsigned char)s[j] < 0x80) j++;
            dl_strbuf_add(out, s + i, j - i);
            i = j;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                (utf8proc_ssize_t)(n - i), &cp);
        if (len <= 0 || cp == 0) {
            if (first_bad && *first_bad < 0) *first_bad = (long long)i;
            dl_strbuf_add(out, REPLACEMENT, 3);
            bad++;
            i++;
            continue;
        }
        dl_strbuf_add(out, s + i, (size_t)len);
        i += (size_t)len;
    }
    return bad;
}

int32_t dl_utf8_next(const char *s, size_t n, size_t *i) {
    if (*i >= n) return -1;
    unsigned char c = (unsigned char)s[*i];
    if (c < 0x80) { (*i)++; return c; }
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + *i,
                                            (utf8proc_ssize_t)(n - *i), &cp);
    if (len <= 0) { (*i)++; return 0xFFFD; }
    *i += (size_t)len;
    return cp;
}

static void add_cp(dl_strbuf *out, int32_t cp) {
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t k = utf8proc_encode_char(cp, buf);
    dl_strbuf_add(out, (const char *)buf, (size_t)k);
}

/* A non-ASCII letter in lower case without its marks: "Ğ" -> "g", "é" -> "e",
 * so names match whether or not a text keeps the diacritics. */
static void fold_letter(dl_strbuf *out, int32_t cp) {
    utf8proc_int32_t parts[8];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, parts, 8,
                                                 UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD,
                                                 &last);
    if (n <= 0 || n > 8) { add_cp(out, utf8proc_tolower(cp)); return; }
    for (utf8proc_ssize_t i = 0; i < n; i++) add_cp(out, parts[i]);
}

void dl_utf8_fold(const char *s, size_t n, dl_strbuf *out) {
    size_t i = 0;
    while (i < n) {
        int32_t cp = dl_utf8_next(s, n, &i);
        if (cp < 0x80) { dl_strbuf_addc(out, (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp)); continue; }
        if (dl_cp_is_squote(cp)) dl_strbuf_addc(out, '\'');
        else if (dl_cp_is_dquote(cp)) dl_strbuf_addc(out, '"');
        else if (dl_cp_is_dash(cp)) dl_strbuf_addc(out, '-');
        else if (dl_cp_is_space(cp)) dl_strbuf_addc(out, ' ');
        else fold_letter(out, cp);
    }
}

int dl_cp_is_alpha(int32_t cp) {
    if (cp < 0x80) return (cp | 32) >= 'a' && (cp | 32) <= 'z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
}

int dl_cp_is_upper(int32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

int dl_cp_is_digit(int32_t cp) {
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

int dl_cp_is_space(int32_t cp) {
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v') return 1;
    if (cp < 0x80) return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP ||
           cp == 0x200B || cp == 0xFEFF;
}

int dl_cp_is_dquote(int32_t cp) {
    return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F ||
           cp == 0x00AB || cp == 0x00BB || cp == 0x2033;
}

int dl_cp_is_squote(int32_t cp) {
    return cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x2032;
}

int dl_cp_is_dash(int32_t cp) {
    return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x2012 || cp == 0x2013 ||
           cp == 0x2014 || cp == 0x2015 || cp == 0x2212;
}
