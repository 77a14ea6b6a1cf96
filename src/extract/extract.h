/*
 * extract/extract.h -- what the extractor's files share.  extract.c sniffs
 * the input and dispatches to text.c (plain-text scrapes), html.c + dom.c
 * (HTML pages) or json.c (JSON records); the helpers below (body, dates,
 * bylines, datelines, furniture, language) are used by all three.
 */
#ifndef DL_EXTRACT_EXTRACT_H
#define DL_EXTRACT_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/doc.h"
#include "core/strbuf.h"

/* ---- entry points per input kind (each fills doc->article) -------------- */

/* Plain text: byline, headline, date, dek, dateline, paragraphs, furniture. */
dl_status dl__extract_text(dl_doc *doc, const char *s, size_t n);
/* An HTML page; base is the byte offset of s in doc->src (for messages). */
dl_status dl__extract_html(dl_doc *doc, const char *s, size_t n, size_t base);
/* One JSON record {"text"|"html", "title", "date", "url", "authors"}. */
dl_status dl__extract_json(dl_doc *doc, const char *s, size_t n);
/* True when s starts like a JSON object ('{' then '"' or '}'). */
bool dl__extract_looks_json(const char *s, size_t n);

/* Records the one error diagnostic of a failed extraction ("NAME: msg")
 * and returns DL_ERR_INPUT. */
dl_status dl__extract_fail(dl_doc *doc, int64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- body.c: paragraphs and strings ------------------------------------- */

/* Paragraph accumulator: each added piece becomes one paragraph with its
 * white space collapsed; paragraphs are joined by exactly "\n\n". */
typedef struct {
    dl_strbuf buf;
    size_t n_paras;
} dl__para_buf;

void dl__para_init(dl__para_buf *pb);
void dl__para_release(dl__para_buf *pb);
/* Adds s[0..n) as one paragraph (nothing when it is only white space). */
void dl__para_add(dl__para_buf *pb, const char *s, size_t n);
/* Moves the paragraphs into doc->article.body (arena); DL_ERR_NOMEM on OOM. */
dl_status dl__para_finish(dl__para_buf *pb, dl_doc *doc);

/* Appends s[0..n) to out with runs of white space (including U+00A0 and
 * other Unicode spaces, and newlines) folded to one ASCII space; leading
 * space is dropped when out is empty or ends in a space. */
void dl__append_collapsed(dl_strbuf *out, const char *s, size_t n);
/* An arena copy of s[0..n) with white space collapsed and trimmed; HTML
 * entities are decoded when decode is set.  NULL when nothing is left. */
char *dl__clean(dl_doc *doc, const char *s, size_t n, bool decode);
/* Sets *field to the cleaned s when *field is still NULL (first source
 * wins) and the cleaned value is not empty. */
void dl__set_field(dl_doc *doc, char **field, const char *s, size_t n, bool decode);
/* Decodes HTML character references (&amp; &#8217; &rsquo; ...) into out. */
void dl__html_unescape(dl_strbuf *out, const char *s, size_t n);
/* Trims ASCII and Unicode white space from both ends of s[0..*n); returns
 * the new start. */
const char *dl__trim(const char *s, size_t *n);
/* The first occurrence of needle in s[0..n), or NULL. */
const char *dl__find(const char *s, size_t n, const char *needle);
/* Case-insensitive ASCII prefix test: does s[0..n) start with p? */
bool dl__has_prefix(const char *s, size_t n, const char *p);
/* Counts Unicode letters and non-space characters in s[0..n). */
void dl__count_letters(const char *s, size_t n, size_t *letters, size_t *nonspace,
                       size_t *replacement);

/* ---- date.c ------------------------------------------------------------- */

enum { DL__DATE_MAX = 40 };

/* Parses the first date in s[0..n) (ISO 8601, "April 30, 2023 - 21:54",
 * "30 April 2023", "Apr. 30, 2023 9:54 PM ET", "2023/04/30", "Sunday,
 * April 30, 2023", ...) into out as "YYYY-MM-DD[THH:MM[:SS][zone]]".  When
 * used is not NULL it gets the bytes consumed from s (to the end of the
 * time and zone).  Only leading white space and weekday names may come
 * before the date when anchored is set.  Returns false when there is none. */
bool dl__parse_date(const char *s, size_t n, bool anchored, char out[DL__DATE_MAX],
                    size_t *used);

/* A date written as digits alone, the whole of s: 20191118 or
 * 20191118050008, as pdate/ptime metas have it. */
bool dl__parse_compact_date(const char *s, size_t n, char out[DL__DATE_MAX]);

/* The date in a URL's path: /2019/11/18/, /2019/nov/18/, /2019-11-18/,
 * /20191118/ or a segment ending -20191115.  False when there is none. */
bool dl__url_date(const char *url, char out[DL__DATE_MAX]);

/* Is the whole line a date line ("Published: April 30, 2023 - 21:54",
 * "Updated 9:54 PM ET, Sun April 30, 2023")?  On success writes the date
 * and sets *updated when the line is labelled as an update. */
bool dl__date_line(const char *s, size_t n, char out[DL__DATE_MAX], bool *updated);

/* ---- byline.c ----------------------------------------------------------- */

/* Parses a byline ("By Jane Doe and John Roe, Reuters", "Jane Doe | Staff
 * Writer", "Author: Jane Doe") and adds the names to doc->article.authors.
 * With strict set the line must be marked as a byline ("By", "Author:", a
 * role word); otherwise s is taken to hold names (meta tags, JSON).  A date
 * inside the byline goes to *date (when not NULL).  Returns the number of
 * names added, or -1 when the line is not a byline. */
int dl__byline(dl_doc *doc, const char *s, size_t n, bool strict, char date[DL__DATE_MAX]);
/* Adds one author name after cleaning (drops "By", roles, site names);
 * duplicates are ignored.  Returns true when a name was added. */
bool dl__add_author(dl_doc *doc, const char *s, size_t n);

/* Is s[0..n) shaped like a person's name ("Jane Doe", "Ali al-Sadr")? */
bool dl__looks_like_name(const char *s, size_t n);

/* ---- dateline.c --------------------------------------------------------- */

/* Recognises a dateline at the start of a paragraph ("TEHRAN –",
 * "WASHINGTON (Reuters) -", "BAGHDAD, April 29 (Reuters) -", "KYIV, Ukraine
 * —", "UNITED NATIONS (AP) —", "Beirut:").  Returns the number of bytes the
 * dateline takes (including the dash and following space), 0 when there is
 * none; *place gets the title-cased place (arena) or NULL. */
size_t dl__dateline(dl_doc *doc, const char *s, size_t n, char **place);
/* A wire dateline on a line of its own: a place in capitals, optionally
 * ", Region", then a date ("JERUSALEM 1996-08-22", "NOVYE ATAGI, Russia
 * 1996-08-22")?  Puts the date in date and, when place is not NULL, the
 * title-cased place (the doc's arena) in *place. */
bool dl__dateline_line(dl_doc *doc, const char *s, size_t n, char date[DL__DATE_MAX], char **place);

/* ---- furniture.c -------------------------------------------------------- */

/* Is the line site furniture ("Advertisement", "Share this", "Leave a
 * Comment", "Follow us on ...", copyright lines)? */
bool dl__is_furniture(const char *s, size_t n);
/* Does the line open the trailing furniture ("Related:", "Comments",
 * "Leave a Comment", "Tags:", "More from ...") after which the article
 * has ended? */
bool dl__is_end_marker(const char *s, size_t n);

/* ---- lang.c ------------------------------------------------------------- */

/* The language of s[0..n) as an ISO 639-1 code (static string), from
 * scripts and stopword ratios; hint (e.g. <html lang>) is kept when the
 * text agrees or is too short to tell.  Never NULL ("en" by default). */
const char *dl__detect_language(const char *s, size_t n, const char *hint);

/* ---- text.c helpers used by the other paths ----------------------------- */

typedef struct {
    const char *s;
    size_t n;
} dl__line;

/* Adds paragraphs to pb: strips the dateline from the first one (setting
 * doc->article.dateline), drops furniture lines, and stops at an end
 * marker ("Related:", "Leave a Comment") when only short lines follow. */
void dl__body_lines(dl_doc *doc, const dl__line *lines, size_t n, dl__para_buf *pb);

#endif
