/*
 * extract/body.c -- the article body as paragraphs joined by "\n\n", and the
 * small string helpers every input path shares: white-space collapsing,
 * trimming, HTML character references, first-source-wins field setting.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "extract/extract.h"

/* ---- white space -------------------------------------------------------- */

/* Length of the white-space character at s[i] (ASCII white space, U+00A0,
 * U+2000..U+200A, U+2028/9, U+202F, U+205F, U+3000), else 0. */
static size_t space_at(const char *s, size_t n, size_t i) {
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) return 2;
    if (c == 0xE2 && i + 2 < n) {
        unsigned char c1 = (unsigned char)s[i + 1], c2 = (unsigned char)s[i + 2];
        if (c1 == 0x80 && (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF)) return 3;
        if (c1 == 0x81 && c2 == 0x9F) return 3;
    }
    if (c == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x80)
        return 3;
    return 0;
}

/* Length of an invisible character at s[i] (U+200B..U+200D, U+2060,
 * U+FEFF, U+00AD soft hyphen) that is dropped outright, else 0. */
static size_t invisible_at(const char *s, size_t n, size_t i) {
    unsigned char c = (unsigned char)s[i];
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xAD) return 2;
    if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80) {
        unsigned char c2 = (unsigned char)s[i + 2];
        if (c2 >= 0x8B && c2 <= 0x8D) return 3;
    }
    if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x81 && (unsigned char)s[i + 2] == 0xA0)
        return 3;
    if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBB && (unsigned char)s[i + 2] == 0xBF)
        return 3;
    return 0;
}

const char *dl__trim(const char *s, size_t *n) {
    size_t a = 0, b = *n, k;
    while (a < b && ((k = space_at(s, b, a)) || (k = invisible_at(s, b, a)))) a += k;
    while (b > a) {
        /* step back over one character and test it */
        size_t j = b - 1;
        while (j > a && ((unsigned char)s[j] & 0xC0) == 0x80) j--;
        if (space_at(s, b, j) == b - j || invisible_at(s, b, j) == b - j) b = j;
        else break;
    }
    *n = b - a;
    return s + a;
}

void dl__append_collapsed(dl_strbuf *out, const char *s, size_t n) {
    bool space = out->len == 0 || out->s[out->len - 1] == ' ' || out->s[out->len - 1] == '\n';
    size_t i = 0, run = 0;
    while (i < n) {
        size_t k = space_at(s, n, i);
        if (k) {
            if (!space) { dl_strbuf_addc(out, ' '); space = true; }
            i += k;
            continue;
        }
        if ((k = invisible_at(s, n, i))) { i += k; continue; }
        /* copy a run of ordinary bytes at once */
        run = i + 1;
        while (run < n && !space_at(s, n, run) && !invisible_at(s, n, run) && s[run] != '\0') run++;
        if (s[i] != '\0') dl_strbuf_add(out, s + i, run - i);
        space = false;
        i = run;
    }
}

const char *dl__find(const char *s, size_t n, const char *needle) {
    size_t m = strlen(needle);
    if (m == 0) return s;
    for (size_t i = 0; i + m <= n; i++) {
        const char *p = memchr(s + i, needle[0], n - i - m + 1);
        if (!p) return NULL;
        i = (size_t)(p - s);
        if (memcmp(p, needle, m) == 0) return p;
    }
    return NULL;
}

bool dl__has_prefix(const char *s, size_t n, const char *p) {
    size_t m = strlen(p);
    if (m > n) return false;
    for (size_t i = 0; i < m; i++) {
        char a = s[i], b = p[i];
        if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z') b = (char)(b - 'A' + 'a');
        if (a != b) return false;
    }
    return true;
}

void dl__count_letters(const char *s, size_t n, size_t *letters, size_t *nonspace,
                       size_t *replacement) {
    size_t i = 0, l = 0, ns = 0, r = 0;
    while (i < n) {
        int32_t cp = dl_utf8_next(s, n, &i);
        if (dl_cp_is_space(cp)) continue;
        ns++;
        if (cp == 0xFFFD) r++;
        else if (dl_cp_is_alpha(cp)) l++;
    }
    *letters = l;
    *nonspace = ns;
    if (replacement) *replacement = r;
}

/* ---- HTML character references ------------------------------------------ */

static const struct { const char *name; uint32_t cp; } entities[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
    {"apos", '\''},    {"nbsp", 0xA0},    {"rsquo", 0x2019}, {"lsquo", 0x2018},
    {"rdquo", 0x201D}, {"ldquo", 0x201C}, {"ndash", 0x2013}, {"mdash", 0x2014},
    {"hellip", 0x2026}, {"copy", 0xA9},   {"reg", 0xAE},     {"trade", 0x2122},
    {"laquo", 0xAB},   {"raquo", 0xBB},   {"eacute", 0xE9},  {"egrave", 0xE8},
    {"aacute", 0xE1},  {"agrave", 0xE0},  {"iacute", 0xED},  {"oacute", 0xF3},
    {"uacute", 0xFA},  {"ntilde", 0xF1},  {"ccedil", 0xE7},  {"uuml", 0xFC},
    {"ouml", 0xF6},    {"auml", 0xE4},    {"szlig", 0xDF},   {"bull", 0x2022},
    {"middot", 0xB7},  {"shy", 0xAD},     {"thinsp", 0x2009}, {"ensp", 0x2002},
    {"emsp", 0x2003},  {"zwj", 0x200D},   {"zwnj", 0x200C},  {"euro", 0x20AC},
    {"pound", 0xA3},   {"deg", 0xB0},     {"times", 0xD7},   {"sbquo", 0x201A},
    {"bdquo", 0x201E},
};

static void add_cp(dl_strbuf *out, uint32_t cp) {
    char b[4];
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        dl_strbuf_addc(out, (char)cp);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6)); b[1] = (char)(0x80 | (cp & 0x3F));
        dl_strbuf_add(out, b, 2);
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12)); b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        dl_strbuf_add(out, b, 3);
    } else {
        b[0] = (char)(0xF0 | (cp >> 18)); b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[3] = (char)(0x80 | (cp & 0x3F));
        dl_strbuf_add(out, b, 4);
    }
}

/* Decodes the reference at s[i] == '&'; returns bytes consumed, 0 if none. */
static size_t entity_at(const char *s, size_t n, size_t i, dl_strbuf *out) {
    size_t j = i + 1;
    if (j < n && s[j] == '#') {
        uint32_t cp = 0;
        bool hex = j + 1 < n && (s[j + 1] == 'x' || s[j + 1] == 'X');
        size_t k = j + (hex ? 2 : 1), start = k;
        while (k < n && k - start < 8) {
            char c = s[k];
            int d = c >= '0' && c <= '9' ? c - '0'
                  : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) break;
            cp = cp * (hex ? 16 : 10) + (uint32_t)d;
            k++;
        }
        if (k == start) return 0;
        if (k < n && s[k] == ';') k++;
        add_cp(out, cp);
        return k - i;
    }
    size_t k = j;
    while (k < n && k - j < 10 && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))) k++;
    if (k == j || k >= n || s[k] != ';') return 0;
    for (size_t e = 0; e < sizeof entities / sizeof *entities; e++) {
        if (strlen(entities[e].name) == k - j && memcmp(entities[e].name, s + j, k - j) == 0) {
            add_cp(out, entities[e].cp);
            return k + 1 - i;
        }
    }
    return 0;
}

void dl__html_unescape(dl_strbuf *out, const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        const char *amp = memchr(s + i, '&', n - i);
        size_t stop = amp ? (size_t)(amp - s) : n;
        dl_strbuf_add(out, s + i, stop - i);
        i = stop;
        if (i >= n) break;
        size_t k = entity_at(s, n, i, out);
        if (k) i += k;
        else dl_strbuf_addc(out, s[i++]);
    }
}

/* ---- fields -------------------------------------------------------------- */

char *dl__clean(dl_doc *doc, const char *s, size_t n, bool decode) {
    if (!s) return NULL;
    dl_strbuf raw, out;
    dl_strbuf_init(&raw);
    dl_strbuf_init(&out);
    if (decode && memchr(s, '&', n)) {
        dl__html_unescape(&raw, s, n);
        if (raw.s) { s = raw.s; n = raw.len; }
    }
    dl__append_collapsed(&out, s, n);
    char *r = NULL;
    size_t m = out.len;
    const char *t = out.s ? dl__trim(out.s, &m) : NULL;
    if (t && m) r = dl_arena_strndup(&doc->arena, t, m);
    dl_strbuf_release(&raw);
    dl_strbuf_release(&out);
    return r;
}

void dl__set_field(dl_doc *doc, char **field, const char *s, size_t n, bool decode) {
    if (*field || !s) return;
    *field = dl__clean(doc, s, n, decode);
}

/* ---- paragraphs ---------------------------------------------------------- */

void dl__para_init(dl__para_buf *pb) {
    dl_strbuf_init(&pb->buf);
    pb->n_paras = 0;
}

void dl__para_release(dl__para_buf *pb) { dl_strbuf_release(&pb->buf); }

void dl__para_add(dl__para_buf *pb, const char *s, size_t n) {
    size_t mark = pb->buf.len;
    if (pb->n_paras) dl_strbuf_add(&pb->buf, "\n\n", 2);
    size_t start = pb->buf.len;
    dl__append_collapsed(&pb->buf, s, n);
    /* drop the trailing space the collapse may have left */
    while (pb->buf.len > start && pb->buf.s[pb->buf.len - 1] == ' ') pb->buf.len--;
    if (pb->buf.len == start) {
        pb->buf.len = mark;
    } else {
        pb->n_paras++;
    }
    if (pb->buf.s) pb->buf.s[pb->buf.len] = '\0';
}

dl_status dl__para_finish(dl__para_buf *pb, dl_doc *doc) {
    if (pb->buf.oom) return DL_ERR_NOMEM;
    char *body = dl_arena_strndup(&doc->arena, pb->buf.s ? pb->buf.s : "", pb->buf.len);
    if (!body) return DL_ERR_NOMEM;
    doc->article.body = body;
    doc->article.body_len = pb->buf.len;
    return DL_OK;
}
