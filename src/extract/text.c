/*
 * extract/text.c -- plain-text scrapes: a header of byline, headline, date
 * and dek lines in any order, then the body (the first paragraph may open
 * with a dateline), then site furniture.  Paragraphs are separated by blank
 * lines or are one per line; hard-wrapped text (every line short, most not
 * ending a sentence) is joined back within blank-line blocks.
 * Layout reference: ../shared/seed/000_8b56783a122f561b.txt.
 */
#include <string.h>

#include "core/utf8.h"
#include "extract/extract.h"

typedef dl__line tline;

/* A cursor over the trimmed, non-blank lines of the text.  The body is
 * read line by line from it, so memory stays proportional to the text
 * however many lines it has. */
typedef struct {
    const char *s;
    size_t n, pos;
} cursor;

/* The next non-blank line into *out; *blank tells whether a blank line
 * (or the start of the text) came before it.  False at the end. */
static bool next_line(cursor *c, tline *out, bool *blank) {
    bool b = c->pos == 0;
    while (c->pos < c->n) {
        const char *nl = memchr(c->s + c->pos, '\n', c->n - c->pos);
        size_t end = nl ? (size_t)(nl - c->s) : c->n;
        size_t len = end - c->pos;
        const char *t = dl__trim(c->s + c->pos, &len);
        c->pos = end + 1;
        if (len) {
            *out = (tline){t, len};
            if (blank) *blank = b;
            return true;
        }
        b = true;
    }
    return false;
}

/* The first lines, where the header is: HEAD_LINES of them, with the
 * cursor position before each so the body can start at any of them. */
enum { HEAD_LINES = 20 };

typedef struct {
    tline v[HEAD_LINES];
    size_t at[HEAD_LINES + 1];   /* cursor position before line i; at[n] after the last */
    size_t n;
} tlines;

static void read_head(cursor *c, tlines *out) {
    out->n = 0;
    out->at[0] = c->pos;
    while (out->n < HEAD_LINES && next_line(c, &out->v[out->n], NULL)) {
        out->n++;
        out->at[out->n] = c->pos;
    }
}

/* ---- line shapes --------------------------------------------------------- */

static size_t count_words(const char *s, size_t n) {
    size_t w = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool sp = s[i] == ' ' || s[i] == '\t';
        if (!sp && !in) w++;
        in = !sp;
    }
    return w;
}

/* Number of sentence ends inside the line (". X", "? X", "! X"). */
static size_t inner_sentences(const char *s, size_t n) {
    size_t k = 0;
    for (size_t i = 1; i + 2 < n; i++) {
        if ((s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i + 1] == ' ' && s[i + 2] >= 'A' &&
            s[i + 2] <= 'Z') {
            /* "Mr. Smith", "U.S. President": a short word before the period */
            size_t w = i;
            while (w > 0 && s[w - 1] != ' ') w--;
            if (s[i] == '.' && i - w <= 3) continue;
            k++;
        }
    }
    return k;
}

static bool ends_sentence(const char *s, size_t n) {
    if (n == 0) return false;
    char c = s[n - 1];
    if (c == '"' || c == '\'' || c == ')') c = n > 1 ? s[n - 2] : c;
    /* closing curly quotes (U+201D, U+2019) */
    if (n >= 4 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
        ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99))
        c = s[n - 4];
    return c == '.' || c == '!' || c == '?' || c == ':' || c == ';';
}

/* Starts with an upper-case letter, a digit or a quotation mark? */
static bool starts_capital(const char *s, size_t n) {
    size_t i = 0;
    int32_t cp = dl_utf8_next(s, n, &i);
    return dl_cp_is_upper(cp) || dl_cp_is_digit(cp) || dl_cp_is_dquote(cp) || dl_cp_is_squote(cp) ||
           (dl_cp_is_alpha(cp) && !dl_cp_is_upper(cp) && cp > 0x2FF);
}

/* A headline: short, a few words, no final period or comma. */
static bool is_headline(const char *s, size_t n) {
    if (n < 6 || n > 200) return false;
    size_t w = count_words(s, n);
    if (w < 2 || w > 30) return false;
    /* the last character before closing quotes and brackets */
    size_t e = n;
    while (e > 0) {
        unsigned char c = (unsigned char)s[e - 1];
        if (c == '"' || c == '\'' || c == ')') { e--; continue; }
        if (e >= 3 && c >= 0x98 && c <= 0x9D && (unsigned char)s[e - 2] == 0x80 &&
            (unsigned char)s[e - 3] == 0xE2) { e -= 3; continue; }   /* curly quotes */
        break;
    }
    char last = e ? s[e - 1] : '.';
    if (last == '.' || last == ',' || last == ';' || last == ':' || last == '-') return false;
    if (!starts_capital(s, n)) return false;
    size_t letters, nonspace;
    dl__count_letters(s, n, &letters, &nonspace, NULL);
    return letters * 10 >= nonspace * 6;
}

/* A section label or breadcrumb before the headline: "World", "Politics",
 * "Home > World > Middle East". */
static bool is_kicker(const char *s, size_t n) {
    if (n > 80) return false;
    if (memchr(s, '>', n) || dl__find(s, n, "\xc2\xbb") || dl__find(s, n, " / ")) return true;
    return count_words(s, n) <= 3 && !ends_sentence(s, n) && n <= 30;
}

/* ---- the header ---------------------------------------------------------- */

typedef struct {
    dl_doc *doc;
    const tlines *L;
    size_t body;           /* index of the first body line */
    int title, dek;        /* line indexes, -1 when none */
    bool sep_after_title;  /* a byline or date line came after the title */
    bool wire_dateline;    /* a dateline line came: the body follows it */
    char published[DL__DATE_MAX];
    char updated[DL__DATE_MAX];
} header;

/* Is line i a date line, or a wire dateline alone on its line ("JERUSALEM
 * 1996-08-22")? */
static bool dated_line(header *h, size_t i) {
    char date[DL__DATE_MAX];
    bool upd;
    if (i >= h->L->n) return false;
    const tline *t = &h->L->v[i];
    return dl__date_line(t->s, t->n, date, &upd) || dl__dateline_line(h->doc, t->s, t->n, date, NULL);
}

/* Is line i a byline, a date line, a wire dateline line, or a name standing
 * before a date?  If so, records what it holds. */
static bool take_meta_line(header *h, size_t i) {
    const tline *t = &h->L->v[i];
    char date[DL__DATE_MAX] = "";
    bool upd;
    if (dl__date_line(t->s, t->n, date, &upd)) {
        char *slot = upd ? h->updated : h->published;
        if (!slot[0]) memcpy(slot, date, DL__DATE_MAX);
        return true;
    }
    char *place = NULL;
    if (dl__dateline_line(h->doc, t->s, t->n, date, &place)) {
        if (!h->doc->article.dateline) h->doc->article.dateline = place;
        if (!h->published[0]) memcpy(h->published, date, DL__DATE_MAX);
        h->wire_dateline = true;
        return true;
    }
    if (t->n <= 160 && !ends_sentence(t->s, t->n) &&
        dl__byline(h->doc, t->s, t->n, true, h->published) >= 0)
        return true;
    /* "Jane Doe" alone on a line, next to a date line */
    if (h->title >= 0 && h->doc->article.n_authors == 0 && dl__looks_like_name(t->s, t->n)) {
        bool before = dated_line(h, i + 1);
        bool after = i > 0 && (size_t)h->title != i - 1 && dated_line(h, i - 1);
        if ((before || after) && dl__add_author(h->doc, t->s, t->n)) return true;
    }
    return false;
}

static bool is_meta_line(header *h, size_t i) {
    const tline *t = &h->L->v[i];
    char date[DL__DATE_MAX];
    bool upd;
    if (dl__date_line(t->s, t->n, date, &upd)) return true;
    /* a byline marker, tested without adding names */
    if (t->n > 160 || ends_sentence(t->s, t->n)) return false;
    size_t k = 0;
    while (k < t->n && (t->s[k] == ' ')) k++;
    return dl__has_prefix(t->s + k, t->n - k, "by ") || dl__has_prefix(t->s + k, t->n - k, "author");
}

/* A dek: one sentence between the headline and the body, a question or a
 * short line, never a dateline paragraph. */
static bool is_dek(header *h, size_t i) {
    const tline *t = &h->L->v[i];
    if (t->n > 400 || t->n < 10 || inner_sentences(t->s, t->n) > 0) return false;
    char *place;
    if (dl__dateline(h->doc, t->s, t->n, &place)) return false;
    if (i + 1 >= h->L->n) return false;   /* the body must follow */
    const tline *next = &h->L->v[i + 1];
    if (dl__dateline(h->doc, next->s, next->n, &place)) return true;
    if (is_meta_line(h, i + 1)) return true;
    char last = t->s[t->n - 1];
    if (last == '?' && t->n <= 300) return true;
    if (!ends_sentence(t->s, t->n) && t->n <= 200 && count_words(t->s, t->n) >= 4) return true;
    if (h->sep_after_title && t->n <= 120) return true;
    return false;
}

/* A headline that ends in a period, as wire copy prints them ("Israel plays
 * down fears of war with Syria."): one sentence, with a date line or a
 * byline and a date line after it. */
static bool headline_with_period(header *h, size_t i) {
    const tline *t = &h->L->v[i];
    if (t->n < 2 || t->s[t->n - 1] != '.' || t->s[t->n - 2] == '.' || inner_sentences(t->s, t->n) > 0 ||
        !is_headline(t->s, t->n - 1))
        return false;
    if (dated_line(h, i + 1)) return true;
    return i + 2 < h->L->n && dl__looks_like_name(h->L->v[i + 1].s, h->L->v[i + 1].n) && dated_line(h, i + 2);
}

/* Reads the header lines; sets h->body to the first body line. */
static void read_header(header *h) {
    const tlines *L = h->L;
    size_t limit = L->n < 16 ? L->n : 16;
    size_t i = 0;
    for (; i < limit; i++) {
        const tline *t = &L->v[i];
        if (dl__is_furniture(t->s, t->n)) continue;
        if (take_meta_line(h, i)) {
            if (h->title >= 0) h->sep_after_title = true;
            continue;
        }
        char *place;
        if (dl__dateline(h->doc, t->s, t->n, &place)) break;
        if (h->title < 0) {
            if (is_kicker(t->s, t->n) && i + 1 < L->n && is_headline(L->v[i + 1].s, L->v[i + 1].n))
                continue;
            if ((is_headline(t->s, t->n) || headline_with_period(h, i)) && i + 1 < L->n) {
                h->title = (int)i;
                continue;
            }
            break;
        }
        if (h->dek < 0 && !h->wire_dateline && is_dek(h, i)) {
            h->dek = (int)i;
            continue;
        }
        break;
    }
    h->body = i;
}

/* ---- the body ------------------------------------------------------------ */

/* Hard-wrapped text: lines of at most ~100 bytes, most of them continuing
 * on the next line without a blank line between. */
static bool hard_wrapped(cursor c) {
    size_t lines = 0, joined = 0, open = 0, longest = 0;
    tline t;
    bool blank;
    while (lines < 400 && next_line(&c, &t, &blank)) {
        if (t.n > longest) longest = t.n;
        if (!blank && lines > 0) joined++;
        if (!ends_sentence(t.s, t.n)) open++;
        lines++;
    }
    return lines >= 6 && longest <= 100 && joined * 2 >= lines && open * 5 >= lines * 2;
}

/* After an end marker: are the (up to 200) lines that follow short ones,
 * link lists, tags, share buttons, rather than more article?  last_len is
 * the length of the text's last line. */
static bool junk_follows(size_t long_lines, size_t total, size_t last_len) {
    return long_lines == 0 || (total > 0 && long_lines * 4 < total && last_len < 160);
}

static bool is_long_line(const char *s, size_t n) { return n > 160 && ends_sentence(s, n); }

static bool only_junk_after(const dl__line *v, size_t n, size_t i) {
    size_t long_lines = 0, total = 0;
    for (size_t k = i + 1; k < n && total < 200; k++, total++)
        if (is_long_line(v[k].s, v[k].n)) long_lines++;
    return junk_follows(long_lines, total, n ? v[n - 1].n : 0);
}

static bool only_junk_ahead(cursor c, size_t last_len) {
    size_t long_lines = 0, total = 0;
    tline t;
    while (total < 200 && next_line(&c, &t, NULL)) {
        total++;
        if (is_long_line(t.s, t.n)) long_lines++;
    }
    return junk_follows(long_lines, total, last_len);
}

typedef struct {
    dl_doc *doc;
    dl__para_buf *pb;
    bool first;   /* no paragraph taken yet: a dateline may open it */
} body_state;

/* Takes one paragraph: furniture is dropped, a dateline cut from the first. */
static void body_para(body_state *b, const char *s, size_t len) {
    s = dl__trim(s, &len);
    if (!len || dl__is_furniture(s, len)) return;
    if (b->first) {
        char *place = NULL;
        size_t cut = dl__dateline(b->doc, s, len, &place);
        if (cut) {
            if (place && !b->doc->article.dateline) b->doc->article.dateline = place;
            s += cut;
            len -= cut;
        }
        b->first = false;
    }
    dl__para_add(b->pb, s, len);
}

void dl__body_lines(dl_doc *doc, const dl__line *v, size_t n, dl__para_buf *pb) {
    body_state b = {doc, pb, true};
    for (size_t i = 0; i < n; i++) {
        size_t len = v[i].n;
        const char *s = len ? dl__trim(v[i].s, &len) : v[i].s;
        if (!len) continue;
        if (dl__is_end_marker(s, len) && only_junk_after(v, n, i)) break;
        body_para(&b, s, len);
    }
}

/* Length of the last non-blank line of s. */
static size_t last_line_len(const char *s, size_t n) {
    size_t end = n;
    for (;;) {
        size_t start = end;
        while (start > 0 && s[start - 1] != '\n') start--;
        size_t len = end - start;
        dl__trim(s + start, &len);
        if (len || start == 0) return len;
        end = start - 1;
    }
}

/* Reads the body from cursor c to the end: one paragraph per line, or per
 * blank-line block when the text is hard-wrapped. */
static dl_status read_body(dl_doc *doc, cursor c, dl__para_buf *pb) {
    body_state b = {doc, pb, true};
    size_t last_len = last_line_len(c.s, c.n);
    bool wrap = hard_wrapped(c);
    dl_strbuf block;
    dl_strbuf_init(&block);
    tline t;
    bool blank;
    while (next_line(&c, &t, &blank)) {
        if (wrap && !blank && block.len) {
            dl_strbuf_addc(&block, ' ');
            dl_strbuf_add(&block, t.s, t.n);
            continue;
        }
        if (block.len) {
            body_para(&b, block.s, block.len);
            dl_strbuf_clear(&block);
        }
        if (dl__is_end_marker(t.s, t.n) && only_junk_ahead(c, last_len)) break;
        if (wrap) dl_strbuf_add(&block, t.s, t.n);
        else body_para(&b, t.s, t.n);
    }
    if (block.len) body_para(&b, block.s, block.len);
    dl_status st = block.oom || pb->buf.oom ? DL_ERR_NOMEM : DL_OK;
    dl_strbuf_release(&block);
    return st;
}

dl_status dl__extract_text(dl_doc *doc, const char *s, size_t n) {
    cursor c = {s, n, 0};
    tlines L;
    read_head(&c, &L);
    header h = {doc, &L, 0, -1, -1, false, false, "", ""};
    read_header(&h);
    dl_article *a = &doc->article;
    if (h.title >= 0) dl__set_field(doc, &a->title, L.v[h.title].s, L.v[h.title].n, false);
    if (h.dek >= 0) dl__set_field(doc, &a->subtitle, L.v[h.dek].s, L.v[h.dek].n, false);
    const char *date = h.published[0] ? h.published : h.updated[0] ? h.updated : NULL;
    if (date && !a->published) a->published = dl_arena_strdup(&doc->arena, date);
    dl__para_buf pb;
    dl__para_init(&pb);
    cursor body = {s, n, L.at[h.body]};
    dl_status st = read_body(doc, body, &pb);
    if (st == DL_OK) st = dl__para_finish(&pb, doc);
    dl__para_release(&pb);
    return st;
}
