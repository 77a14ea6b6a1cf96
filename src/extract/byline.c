/*
 * extract/byline.c -- author names from bylines ("By Jane Doe and John Roe,
 * Reuters", "Jane Doe | Staff Writer", "Author: Jane Doe") and from meta
 * tags.  A name is 1-6 words, each capitalised or a name particle ("de",
 * "van", "al"); roles ("Staff Writer") and site or agency names are dropped.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "core/utf8.h"
#include "extract/extract.h"

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

/* Does the ASCII word w occur in s[0..n) as a whole word (case-insensitive)? */
static bool has_word(const char *s, size_t n, const char *w) {
    size_t m = strlen(w);
    for (size_t i = 0; i + m <= n; i++) {
        if (i > 0 && (((unsigned char)s[i - 1] >= 0x80) || (s[i - 1] >= 'a' && s[i - 1] <= 'z') ||
                      (s[i - 1] >= 'A' && s[i - 1] <= 'Z')))
            continue;
        size_t k = 0;
        while (k < m && lower(s[i + k]) == w[k]) k++;
        if (k < m) continue;
        char after = i + m < n ? s[i + m] : ' ';
        if ((after >= 'a' && after <= 'z') || (after >= 'A' && after <= 'Z') ||
            (unsigned char)after >= 0x80)
            continue;
        return true;
    }
    return false;
}

static bool has_any(const char *s, size_t n, const char *const *words) {
    for (size_t i = 0; words[i]; i++)
        if (has_word(s, n, words[i])) return true;
    return false;
}

/* Job titles that follow a name in a byline. */
static const char *const roles[] = {
    "writer", "reporter", "correspondent", "editor", "contributor", "columnist", "staff",
    "chief", "analyst", "producer", "photographer", "journalist", "desk", "newsroom",
    "freelance", "contributing", "special to", "for the", "senior", "intern", "fellow",
    "bureau", "team", "opinion", "guest", "commentator", "updated", "published", "posted",
    NULL,
};

/* Words that make a byline segment a publication or agency, not a person. */
static const char *const sites[] = {
    "news", "times", "post", "press", "agency", "agencies", "media", "network", "service",
    "wire", "wires", "herald", "journal", "tribune", "daily", "online", "reuters", "ap", "afp",
    "bloomberg", "cnn", "bbc", "xinhua", "tass", "irna", "ians", "pti", "upi", "dpa", "efe",
    "ansa", "kyodo", "yonhap", "jazeera", "tasnim", "mehr", "isna", "anadolu", "sputnik",
    "interfax", "guardian", "gazette", "telegraph", "chronicle", "globe", "observer",
    "magazine", "com", "org", "net", "radio", "tv", "television", "channel", "report",
    "newspaper", "staff", "editorial", "board", "bulletin", "international", "world", "web",
    "digital", "com", "inc", "ltd", "group", NULL,
};

/* Lower-case words allowed inside a name. */
static const char *const particles[] = {
    "de", "da", "di", "do", "dos", "das", "del", "della", "der", "den", "van", "von", "al",
    "el", "bin", "bint", "ibn", "la", "le", "du", "y", "ter", "ten", "st", "zu", "abu", "ben",
    "e", NULL,
};

static bool is_particle(const char *s, size_t n) {
    for (size_t i = 0; particles[i]; i++)
        if (strlen(particles[i]) == n && dl__has_prefix(s, n, particles[i])) return true;
    return false;
}

/* Capitalised words that open headlines, never names. */
static const char *const not_first[] = {
    "the", "a", "an", "this", "that", "these", "those", "any", "all", "our", "my", "his", "her",
    "their", "its", "no", "one", "some", "every", "more", "most", "how", "why", "what", "when",
    "where", "who", "after", "before", "in", "on", "at", "from", "with", "for", "as", "if",
    "not", "far", "way", "land", "sea", "air", "design", "default", NULL,
};

/* Checks the shape of a person's name; counts its words into *words. */
static bool name_shape(const char *s, size_t n, size_t *words) {
    size_t w = 0, i = 0, long_words = 0;
    if (n == 0 || n > 64) return false;
    {
        size_t f = 0;
        while (f < n && s[f] != ' ') f++;
        for (size_t k = 0; not_first[k]; k++)
            if (strlen(not_first[k]) == f && dl__has_prefix(s, f, not_first[k])) return false;
    }
    while (i < n) {
        while (i < n && s[i] == ' ') i++;
        if (i >= n) break;
        size_t start = i;
        while (i < n && s[i] != ' ') i++;
        size_t len = i - start;
        w++;
        size_t j = start;
        int32_t cp = dl_utf8_next(s, n, &j);
        if (dl_cp_is_alpha(cp)) {
            bool lowercase = (int32_t)utf8proc_toupper(cp) != cp;
            /* "al-Sadr", "bin-Salman": a particle joined by a hyphen */
            const char *dash = memchr(s + start, '-', len);
            size_t plen = dash ? (size_t)(dash - (s + start)) : len;
            if (lowercase && !is_particle(s + start, plen)) return false;
        } else if (!(cp == '(' || cp == '\'' || cp == 0x2018)) {
            return false;
        }
        for (size_t k = start; k < i; k++) {
            char c = s[k];
            if ((c >= '0' && c <= '9') || c == '@' || c == '/' || c == ':' || c == '=' || c == '#' ||
                c == '?' || c == '!' || c == '"' || c == ';')
                return false;
        }
        if (len >= 2) long_words++;
    }
    *words = w;
    return w >= 2 && w <= 6 && long_words >= 1;
}

/* Title-cases an ALL-CAPS name in place ("JANE DOE" -> "Jane Doe"). */
static void fix_caps(char *s) {
    size_t n = strlen(s), upper = 0, lowerc = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 'A' && s[i] <= 'Z') upper++;
        if (s[i] >= 'a' && s[i] <= 'z') lowerc++;
    }
    if (lowerc || upper < 3) return;
    bool start = true;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z' && !start) s[i] = (char)(c - 'A' + 'a');
        start = !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (unsigned char)c >= 0x80 ||
                  c == '\'');
    }
}

/* Strips "By", a trailing "in Kyiv" / "at the UN", parentheticals and
 * stray punctuation from s[0..*n). */
static const char *strip_name(const char *s, size_t *n) {
    s = dl__trim(s, n);
    static const char *const lead[] = {"by ", "by:", "and ", "& ", "written by ", "author:",
                                       "authors:", "reporting by ", "words by ", "story by ",
                                       "text by ", "von ", "par ", "por ", NULL};
    for (bool again = true; again;) {
        again = false;
        for (size_t i = 0; lead[i]; i++) {
            size_t m = strlen(lead[i]);
            if (*n > m && dl__has_prefix(s, *n, lead[i])) {
                s += m;
                *n -= m;
                s = dl__trim(s, n);
                again = true;
            }
        }
    }
    /* a parenthetical or a place after the name */
    for (size_t i = 0; i < *n; i++) {
        if (s[i] == '(' && i > 0) { *n = i; break; }
        if (i > 0 && s[i - 1] == ' ' && (dl__has_prefix(s + i, *n - i, "in ") ||
                                         dl__has_prefix(s + i, *n - i, "at ") ||
                                         dl__has_prefix(s + i, *n - i, "for ") ||
                                         dl__has_prefix(s + i, *n - i, "with ")) &&
            i + 3 < *n) {
            *n = i;
            break;
        }
    }
    s = dl__trim(s, n);
    while (*n && strchr(".,;:-|*", s[*n - 1])) (*n)--;
    while (*n && strchr(".,;:-|*", s[0])) { s++; (*n)--; }
    return dl__trim(s, n);
}

bool dl__looks_like_name(const char *s, size_t n) {
    size_t words;
    s = dl__trim(s, &n);
    return name_shape(s, n, &words) && words <= 4 && !has_any(s, n, sites) && !has_any(s, n, roles);
}

bool dl__add_author(dl_doc *doc, const char *s, size_t n) {
    s = strip_name(s, &n);
    size_t words;
    if (!name_shape(s, n, &words)) return false;
    if (has_any(s, n, sites) || has_any(s, n, roles)) return false;
    char *name = dl__clean(doc, s, n, true);
    if (!name) return false;
    fix_caps(name);
    dl_article *a = &doc->article;
    for (size_t i = 0; i < a->n_authors; i++)
        if (strcasecmp(a->authors[i], name) == 0) return false;
    if (a->n_authors >= 16) return false;
    char **v = dl_arena_alloc(&doc->arena, (a->n_authors + 1) * sizeof *v);
    if (!v) return false;
    if (a->n_authors) memcpy(v, a->authors, a->n_authors * sizeof *v);
    v[a->n_authors++] = name;
    a->authors = v;
    return true;
}

/* Splits a name list on ",", ";", " and ", " & " and adds each name. */
static int add_names(dl_doc *doc, const char *s, size_t n) {
    int added = 0;
    size_t i = 0, start = 0;
    while (i <= n) {
        size_t cut = 0;
        if (i == n) cut = 0;
        else if (s[i] == ',' || s[i] == ';') cut = 1;
        else if (s[i] == ' ' && (dl__has_prefix(s + i, n - i, " and ") ||
                                 dl__has_prefix(s + i, n - i, " und ") ||
                                 dl__has_prefix(s + i, n - i, " et ")))
            cut = 5 - (s[i + 1] == 'e' || s[i + 1] == 'E' ? 1 : 0);
        else if (s[i] == ' ' && dl__has_prefix(s + i, n - i, " & "))
            cut = 3;
        else if (s[i] == ' ' && dl__has_prefix(s + i, n - i, " y "))
            cut = 3;
        if (i == n || cut) {
            if (i > start && dl__add_author(doc, s + start, i - start)) added++;
            if (i == n) break;
            i += cut;
            start = i;
            continue;
        }
        i++;
    }
    return added;
}

/* Byline markers that open a line. */
static const char *const markers[] = {
    "by ", "by:", "written by ", "words by ", "story by ", "reported by ", "text by ",
    "author:", "authors:", "author ", "byline:", "von ", "par ", "por ", "door ", NULL,
};

static size_t marker_len(const char *s, size_t n) {
    for (size_t i = 0; markers[i]; i++) {
        size_t m = strlen(markers[i]);
        if (n > m && dl__has_prefix(s, n, markers[i])) {
            /* "By" must be followed by a capitalised word, not "by the way" */
            size_t j = m;
            while (j < n && s[j] == ' ') j++;
            if (j < n && s[j] >= 'a' && s[j] <= 'z') return 0;
            return m;
        }
    }
    return 0;
}

/* Length of the segment separator at s[i] ("|", "•", "·", " - ", " – ",
 * " — "), else 0. */
static size_t separator_at(const char *s, size_t n, size_t i) {
    if (s[i] == '|') return 1;
    if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xB7) return 2;
    if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0xA2)
        return 3;
    if (s[i] == ' ' && i + 2 < n && s[i + 1] == '-' && s[i + 2] == ' ') return 3;
    if (s[i] == ' ' && i + 4 < n && (unsigned char)s[i + 1] == 0xE2 &&
        (unsigned char)s[i + 2] == 0x80 &&
        ((unsigned char)s[i + 3] == 0x93 || (unsigned char)s[i + 3] == 0x94) && s[i + 4] == ' ')
        return 5;
    return 0;
}

int dl__byline(dl_doc *doc, const char *s, size_t n, bool strict, char date[DL__DATE_MAX]) {
    s = dl__trim(s, &n);
    if (n == 0 || n > 240) return -1;
    /* split into segments */
    enum { MAXSEG = 8 };
    struct { const char *s; size_t n; } seg[MAXSEG];
    size_t nseg = 0, start = 0;
    for (size_t i = 0; i <= n && nseg < MAXSEG; i++) {
        size_t k = i < n ? separator_at(s, n, i) : 0;
        if (i == n || k) {
            size_t len = i - start;
            const char *p = dl__trim(s + start, &len);
            if (len) { seg[nseg].s = p; seg[nseg].n = len; nseg++; }
            if (i == n) break;
            i += k - 1;
            start = i + 1;
        }
    }
    if (nseg == 0) return -1;
    /* classify the segments: marked names, roles, dates, other */
    bool marked = false;
    int name_seg = -1;
    for (size_t k = 0; k < nseg; k++) {
        char d[DL__DATE_MAX];
        bool upd;
        if (dl__date_line(seg[k].s, seg[k].n, d, &upd)) {
            if (date && !date[0] && !upd) memcpy(date, d, DL__DATE_MAX);
            seg[k].n = 0;
            if (k > 0) marked = true;
            continue;
        }
        size_t m = marker_len(seg[k].s, seg[k].n);
        if (m) {
            marked = true;
            if (name_seg < 0) name_seg = (int)k;
        } else if (has_any(seg[k].s, seg[k].n, roles) && seg[k].n < 60) {
            marked = true;
            /* "Jane Doe, Staff Writer": the name before the comma */
            const char *comma = memchr(seg[k].s, ',', seg[k].n);
            if (comma && name_seg < 0 && !has_any(seg[k].s, (size_t)(comma - seg[k].s), roles)) {
                seg[k].n = (size_t)(comma - seg[k].s);
                name_seg = (int)k;
            } else {
                seg[k].n = 0;
            }
        }
    }
    if (strict && !marked) return -1;
    int added = 0;
    for (size_t k = 0; k < nseg; k++) {
        if (!seg[k].n) continue;
        if (strict && name_seg >= 0 && (int)k != name_seg) continue;
        size_t words;
        size_t m = seg[k].n;
        const char *p = strip_name(seg[k].s, &m);
        /* a segment without a marker must look like a name list */
        if (strict && (int)k != name_seg && !name_shape(p, m, &words)) continue;
        added += add_names(doc, seg[k].s, seg[k].n);
        if (strict && name_seg < 0) break;  /* first name-like segment only */
    }
    if (strict && !added && name_seg < 0) return -1;
    return added;
}
