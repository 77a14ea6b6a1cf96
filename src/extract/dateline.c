/*
 * extract/dateline.c -- the dateline that opens a news story: a place in
 * capitals ("TEHRAN –", "UNITED NATIONS (AP) —"), optionally a region, a
 * date and an agency ("BAGHDAD, April 29 (Reuters) -", "KYIV, Ukraine —"),
 * or a capitalised place with a colon ("Beirut:").  The place is returned
 * title-cased; the whole prefix is cut from the body.
 */
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "core/utf8.h"
#include "extract/extract.h"

typedef struct {
    size_t start, end;   /* bytes of the words in s */
    int words;
    bool caps;           /* every letter upper case */
} run;

static bool is_lower_cp(int32_t cp) { return dl_cp_is_alpha(cp) && (int32_t)utf8proc_toupper(cp) != cp; }

/* Reads place words from s[*i]: letters, '.', '\'', '-' inside words,
 * separated by single spaces; stops before ',', '(', a dash or ':'. */
static bool place_run(const char *s, size_t n, size_t *i, run *r, int max_words) {
    size_t k = *i;
    r->start = k;
    r->words = 0;
    r->caps = true;
    size_t letters = 0;
    while (k < n && r->words < max_words + 1) {
        size_t w = k, nlet = 0;
        bool first = true, word_caps = true;
        while (k < n) {
            size_t at = k;
            int32_t cp = dl_utf8_next(s, n, &k);
            if (dl_cp_is_alpha(cp)) {
                if (first && is_lower_cp(cp)) { k = at; break; }
                if (is_lower_cp(cp)) word_caps = false;
                nlet++;
                first = false;
            } else if ((cp == '.' || cp == '\'' || cp == 0x2019 || cp == '-') && !first) {
                /* inside or closing a word; a hyphen must be followed by a letter */
                if (cp == '-' && !(k < n && s[k] != ' ' && s[k] != '-')) { k = at; break; }
            } else {
                k = at;
                break;
            }
        }
        if (k == w || nlet == 0) { k = w; break; }
        r->words++;
        letters += nlet;
        if (!word_caps) r->caps = false;
        r->end = k;
        /* one space to the next word, which must start upper case */
        if (k + 1 < n && s[k] == ' ') {
            size_t j = k + 1;
            int32_t cp = dl_utf8_next(s, n, &j);
            if (dl_cp_is_alpha(cp) && !is_lower_cp(cp)) { k++; continue; }
        }
        break;
    }
    if (r->words == 0 || r->words > max_words || letters < 2) return false;
    *i = r->end;
    return true;
}

/* Skips spaces; returns the new index. */
static size_t spaces(const char *s, size_t n, size_t i) {
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0) return spaces(s, n, i + 2);
    return i;
}

/* Length of a dash separator at s[i] ("-", "--", "–", "—", "―"), else 0. */
static size_t dash_at(const char *s, size_t n, size_t i) {
    if (s[i] == '-') return i + 1 < n && s[i + 1] == '-' ? 2 : 1;
    if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] >= 0x93 && (unsigned char)s[i + 2] <= 0x95)
        return 3;
    return 0;
}

/* "(Reuters)", "(AP)", "(IRNA)": a short capitalised parenthetical. */
static size_t agency_at(const char *s, size_t n, size_t i) {
    if (i >= n || s[i] != '(') return 0;
    size_t k = i + 1;
    if (k >= n || !((s[k] >= 'A' && s[k] <= 'Z') || (unsigned char)s[k] >= 0x80)) return 0;
    while (k < n && k - i < 40 && s[k] != ')' && s[k] != '(' && s[k] != '\n') k++;
    if (k >= n || s[k] != ')') return 0;
    return k + 1 - i;
}

/* ", April 29" or ", April 29, 2023" or ", 29 April": a date without a
 * year is common in wire datelines. */
static size_t short_date_at(const char *s, size_t n, size_t i) {
    static const char *const months[] = {
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan.", "feb.", "aug.", "sept.", "sep.", "oct.",
        "nov.", "dec.", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov",
        "dec", NULL,
    };
    size_t k = i;
    bool day_first = k < n && s[k] >= '0' && s[k] <= '9';
    if (day_first) {
        while (k < n && s[k] >= '0' && s[k] <= '9') k++;
        k = spaces(s, n, k);
    }
    size_t m = 0;
    for (size_t j = 0; months[j]; j++) {
        size_t len = strlen(months[j]);
        if (dl__has_prefix(s + k, n - k, months[j]) &&
            (k + len >= n || !((s[k + len] | 32) >= 'a' && (s[k + len] | 32) <= 'z'))) {
            m = len;
            break;
        }
    }
    if (!m) return 0;
    k += m;
    if (!day_first) {
        k = spaces(s, n, k);
        size_t d = k;
        while (k < n && s[k] >= '0' && s[k] <= '9') k++;
        if (k == d || k - d > 2) return 0;
    }
    /* an optional year */
    size_t y = spaces(s, n, k < n && s[k] == ',' ? k + 1 : k);
    size_t e = y;
    while (e < n && s[e] >= '0' && s[e] <= '9') e++;
    if (e - y == 4) k = e;
    return k - i;
}

/* Words that open a paragraph with a colon or dash but are not places. */
static const char *const not_places[] = {
    "update", "updated", "editor", "note", "warning", "exclusive", "breaking", "analysis",
    "opinion", "watch", "video", "photos", "photo", "live", "comment", "review", "explainer",
    "factbox", "interview", "correction", "advertisement", "related", "summary", "background",
    "context", "read", "listen", "source", "sources", "image", "caption", "audio", "also",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "q", "a", "i", "the", "this", "it", "he", "she", "we", "they", "but", "and",
    "so", "yes", "no", "now", "first", "second", "third", "here", "there", "what", "why",
    "how", "who", "when", "where", "answer", "question", "quote", "story", "transcript",
    "disclaimer", "disclosure", "reporting", "edited", "translated", NULL,
};

static bool not_a_place(const char *s, size_t n) {
    size_t w = 0;
    while (w < n && s[w] != ' ') w++;
    for (size_t i = 0; not_places[i]; i++)
        if (strlen(not_places[i]) == w && dl__has_prefix(s, w, not_places[i])) return true;
    return false;
}

/* Title-cases s[0..n) into the arena: "UNITED NATIONS" -> "United
 * Nations"; words with inner periods ("D.C.", "U.S.") keep their case. */
static char *title_case(dl_doc *doc, const char *s, size_t n) {
    dl_strbuf b;
    dl_strbuf_init(&b);
    size_t i = 0;
    while (i < n) {
        size_t w = i;
        while (i < n && s[i] != ' ' && s[i] != '-') i++;
        size_t len = i - w;
        const char *dot = memchr(s + w, '.', len);
        bool abbr = dot && (size_t)(dot - (s + w)) + 1 < len;  /* D.C. */
        size_t k = w;
        bool first = true;
        while (k < i) {
            size_t at = k;
            int32_t cp = dl_utf8_next(s, n, &k);
            if (!first && !abbr && dl_cp_is_alpha(cp)) cp = utf8proc_tolower(cp);
            /* "McALLEN" stays odd but harmless; apostrophes keep the next letter's case */
            uint8_t enc[4];
            utf8proc_ssize_t m = utf8proc_encode_char(cp, enc);
            if (m <= 0) dl_strbuf_add(&b, s + at, k - at);
            else dl_strbuf_add(&b, (const char *)enc, (size_t)m);
            if (dl_cp_is_alpha(cp)) first = false;
        }
        if (i < n) dl_strbuf_addc(&b, s[i++]);
    }
    char *out = !b.oom && b.s ? dl_arena_strndup(&doc->arena, b.s, b.len)
                              : dl_arena_strndup(&doc->arena, s, n);
    dl_strbuf_release(&b);
    return out;
}

bool dl__dateline_line(dl_doc *doc, const char *s, size_t n, char date[DL__DATE_MAX], char **place) {
    size_t i = spaces(s, n, 0);
    run p = {0}, region = {0};
    if (!place_run(s, n, &i, &p, 5) || !p.caps || not_a_place(s + p.start, p.end - p.start)) return false;
    size_t end = p.end;
    if (i < n && s[i] == ',') {
        size_t k = spaces(s, n, i + 1);
        if (!place_run(s, n, &k, &region, 3)) return false;
        end = region.end;
        i = k;
    }
    size_t k = spaces(s, n, i);
    if (k == i || k >= n || s[k] < '0' || s[k] > '9') return false;   /* the date follows a space */
    size_t used = 0;
    if (!dl__parse_date(s + k, n - k, true, date, &used) || spaces(s, n, k + used) != n) return false;
    if (place) *place = title_case(doc, s + p.start, end - p.start);
    return true;
}

size_t dl__dateline(dl_doc *doc, const char *s, size_t n, char **place) {
    *place = NULL;
    size_t i = spaces(s, n, 0);
    run p = {0}, region = {0};
    bool have_place = false, have_region = false, have_date = false, have_agency = false;
    if (i < n && s[i] != '(') {
        if (!place_run(s, n, &i, &p, 5)) return 0;
        have_place = true;
        if (not_a_place(s + p.start, p.end - p.start)) return 0;
    }
    /* ", Region" and / or ", Month Day" */
    for (int rounds = 0; rounds < 2 && i < n && s[i] == ','; rounds++) {
        size_t k = spaces(s, n, i + 1);
        size_t d = short_date_at(s, n, k);
        if (d) {
            have_date = true;
            i = k + d;
            continue;
        }
        if (!have_region && !have_date && place_run(s, n, &k, &region, 3) &&
            !not_a_place(s + region.start, region.end - region.start)) {
            have_region = true;
            i = k;
            continue;
        }
        break;
    }
    size_t k = spaces(s, n, i);
    size_t ag = agency_at(s, n, k);
    if (ag) {
        have_agency = true;
        i = k + ag;
        k = spaces(s, n, i);
    }
    /* the separator */
    bool colon = false;
    size_t d = k < n ? dash_at(s, n, k) : 0;
    if (d) {
        if (d == 1 && k == i && !have_agency) return 0;  /* "KYIV-based" */
        k += d;
    } else if (k < n && s[k] == ':' && k == i && have_place && !have_agency) {
        colon = true;
        k++;
    } else {
        return 0;
    }
    size_t body = spaces(s, n, k);
    if (body >= n) return 0;
    if (body == k && d == 1) return 0;
    {
        size_t j = body;
        int32_t cp = dl_utf8_next(s, n, &j);
        if (is_lower_cp(cp)) return 0;
    }
    if (have_place && !p.caps) {
        /* a capitalised place needs more evidence than a dash */
        bool ok = have_agency || have_date || (colon && p.words <= 3) ||
                  (have_region && d && p.words <= 3);
        if (!ok) return 0;
    }
    if (!have_place && !have_agency) return 0;
    if (have_place) {
        size_t end = have_region ? region.end : p.end;
        *place = title_case(doc, s + p.start, end - p.start);
    }
    return body;
}
