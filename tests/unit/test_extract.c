/*
 * tests/unit/test_extract.c -- the extract stage: the seed scrape against
 * its gold fields, other text layouts, JSON records, HTML pages (JSON-LD,
 * OpenGraph, boilerplate), bad input, hostile input, languages, and the
 * date, dateline, byline and furniture helpers.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/doc.h"
#include "extract/extract.h"
#include "harness.h"

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) { free(b); b = NULL; }
    fclose(f);
    if (b) { b[n] = '\0'; *len = (size_t)n; }
    return b;
}

/* Runs the stage over bytes; *st gets its status.  Caller frees the doc. */
static dl_doc *run_bytes(const char *name, const char *s, size_t n, dl_input_kind kind, dl_status *st) {
    dl_doc *doc = dl_doc_new();
    *st = dl_doc_set_source(doc, name, s, n, kind);
    if (*st == DL_OK) *st = dl_extract_run(NULL, doc);
    return doc;
}

static dl_doc *run_str(const char *s, dl_input_kind kind, dl_status *st) {
    return run_bytes("inline", s, strlen(s), kind, st);
}

static dl_doc *run_file(const char *path, dl_input_kind kind, dl_status *st) {
    size_t n = 0;
    char *b = read_file(path, &n);
    OK(b != NULL, "cannot read %s", path);
    if (!b) { *st = DL_ERR_IO; return dl_doc_new(); }
    dl_doc *doc = run_bytes(path, b, n, kind, st);
    free(b);
    return doc;
}

#define DATA(f) DL_TEST_DATA "/extract/" f

static bool contains(const char *hay, const char *needle) { return hay && strstr(hay, needle); }

static bool starts(const char *s, const char *p) { return s && strncmp(s, p, strlen(p)) == 0; }

static bool ends(const char *s, const char *p) {
    size_t a = s ? strlen(s) : 0, b = strlen(p);
    return s && a >= b && strcmp(s + a - b, p) == 0;
}

/* Body invariants: NUL-terminated at body_len, paragraphs split by exactly
 * "\n\n", no white space at either end. */
static void check_body(const dl_doc *doc) {
    const dl_article *a = &doc->article;
    OK(a->body != NULL, "no body");
    if (!a->body) return;
    INT_EQ(strlen(a->body), a->body_len);
    OK(!strstr(a->body, "\n\n\n"), "three newlines in body");
    for (const char *p = a->body; (p = strchr(p, '\n')); p += 2)
        OK(p[1] == '\n', "single newline at %td", p - a->body);
    OK(a->body_len > 0 && a->body[0] != ' ' && a->body[0] != '\n' && a->body[a->body_len - 1] != ' ' &&
           a->body[a->body_len - 1] != '\n',
       "body has white space at an end");
}

/* Exactly one error diagnostic, naming the file and holding what. */
static void check_error(const dl_doc *doc, dl_status st, const char *name, const char *what) {
    INT_EQ(st, DL_ERR_INPUT);
    int errors = 0;
    for (size_t i = 0; i < doc->diags.n; i++)
        if (doc->diags.v[i].severity == DL_DIAG_ERROR) errors++;
    INT_EQ(errors, 1);
    const char *msg = dl_doc_error(doc);
    OK(msg && strncmp(msg, name, strlen(name)) == 0, "message does not name the file: %s", msg ? msg : "(null)");
    OK(contains(msg, what), "message \"%s\" lacks \"%s\"", msg ? msg : "(null)", what);
}

/* ---- the seed -------------------------------------------------------------- */

static void test_seed(void) {
    dl_status st;
    if (!dl_test_need(DL_SHARED "/seed/000_8b56783a122f561b.txt")) return;
    dl_doc *doc = run_file(DL_SHARED "/seed/000_8b56783a122f561b.txt", DL_INPUT_AUTO, &st);
    INT_EQ(st, DL_OK);
    const dl_article *a = &doc->article;
    STR_EQ(a->title, "Not Even a Single American Soldier");
    STR_EQ(a->subtitle, "Why the presence of America in Iraq is harmful for Iraqis and others?");
    INT_EQ(a->n_authors, 1);
    if (a->n_authors) STR_EQ(a->authors[0], "Faramarz Kuhpayeh");
    STR_EQ(a->published, "2023-04-30T21:54");
    STR_EQ(a->dateline, "Tehran");
    STR_EQ(a->language, "en");
    OK(starts(a->body, "Ayatollah Seyed Ali Khamenei, the Leader of the Islamic Revolution, reiterated"),
       "body starts %.60s", a->body);
    OK(ends(a->body, "especially in their fight against terrorism."), "body ends wrong");
    OK(!contains(a->body, "Leave a Comment"), "furniture in body");
    OK(!contains(a->body, "By Faramarz Kuhpayeh"), "byline in body");
    OK(!contains(a->body, "April 30, 2023 - 21:54"), "date in body");
    OK(!contains(a->body, "TEHRAN"), "dateline in body");
    /* one paragraph per line even without blank lines between */
    OK(contains(a->body, "he said.\n\nAyatollah Khamenei also praised"), "lines not split into paragraphs");
    check_body(doc);
    dl_doc_free(doc);
}

/* ---- other text layouts ------------------------------------------------------ */

static void test_reuters_layout(void) {
    dl_status st;
    dl_doc *doc = run_file(DATA("reuters.txt"), DL_INPUT_TEXT, &st);
    INT_EQ(st, DL_OK);
    const dl_article *a = &doc->article;
    STR_EQ(a->title, "Iran and Iraq agree to tighten border security");
    STR_EQ(a->subtitle, NULL);
    INT_EQ(a->n_authors, 2);
    if (a->n_authors == 2) {
        STR_EQ(a->authors[0], "Jane Doe");
        STR_EQ(a->authors[1], "John Roe");
    }
    OK(starts(a->published, "2023-05-02T21:54"), "published %s", a->published);
    STR_EQ(a->published, "2023-05-02T21:54-04:00");
    STR_EQ(a->dateline, "Baghdad");
    OK(starts(a->body, "Iraq and Iran agreed on Tuesday"), "body starts %.40s", a->body);
    /* the agency's credit line is furniture, like the byline */
    OK(ends(a->body, "Fuad Hussein told reporters."), "body ends wrong");
    OK(!contains(a->body, "Editing by"), "credit line kept");
    OK(!contains(a->body, "Share this"), "share line kept");
    OK(!contains(a->body, "Related:"), "related line kept");
    OK(!contains(a->body, "Follow us"), "follow line kept");
    OK(!contains(a->body, "Advertisement"), "ad label kept");
    OK(!contains(a->body, "Reuters. All rights"), "copyright kept");
    check_body(doc);
    dl_doc_free(doc);
}

static void test_date_first(void) {
    dl_status st;
    dl_doc *doc = run_file(DATA("date_first.txt"), DL_INPUT_AUTO, &st);
    INT_EQ(st, DL_OK);
    const dl_article *a = &doc->article;
    STR_EQ(a->title, "UN Security Council meets on Sudan fighting");
    STR_EQ(a->published, "2023-04-30");   /* the published line wins over "Updated" */
    INT_EQ(a->n_authors, 1);
    if (a->n_authors) STR_EQ(a->authors[0], "Jane Doe");
    STR_EQ(a->dateline, "United Nations");
    OK(starts(a->body, "The U.N. Security Council held"), "body starts %.40s", a->body);
    OK(ends(a->body, "called for urgent talks."), "trailing comments kept");
    check_body(doc);
    dl_doc_free(doc);
}

static void test_kyiv(void) {
    dl_status st;
    dl_doc *doc = run_file(DATA("kyiv.txt"), DL_INPUT_AUTO, &st);
    INT_EQ(st, DL_OK);
    const dl_article *a = &doc->article;
    STR_EQ(a->title, "Ukraine says it shot down 15 Russian drones overnight");
    STR_EQ(a->published, "2023-04-30");
    OK(starts(a->dateline, "Kyiv"), "dateline %s", a->dateline);
    OK(starts(a->body, "Ukraine's air force said"), "body starts %.40s", a->body);
    OK(!contains(a->body, "Tags:") && !contains(a->body, "Most Read") && !contains(a->body, "repelled"),
       "trailing furniture kept");
    check_body(doc);
    dl_doc_free(doc);
}

static void test_beirut(void) {
    dl_status st;
    dl_doc *doc = run_file(DATA("beirut.txt"), DL_INPUT_AUTO, &st);
    INT_EQ(st, DL_OK);
    const dl_article *a = &doc->article;
    STR_EQ(a->published, "2023-04-30");
    INT_EQ(a->n_authors, 1);
    if (a->n_authors) STR_EQ(a->authors[0], "Jane Doe");
    STR_EQ(a->dateline, "Beirut");
    OK(starts(a->body, "Lebanon's parliament failed"), "body starts %.40s", a->body);
    check_body(doc);
    dl_doc_free(doc);
}

static void test_body_only(void) {
    dl_status st;
    dl_doc *doc = run_file(DATA("body_only.txt"), DL_INPUT_AUTO, &st);
    INT_EQ(st, DL_OK);
    const dl_article *a = &doc->article;
    STR_EQ(a->title, NULL);
    STR_EQ(a->subtitle, NULL);
    INT_EQ(a->n_authors, 0);
    STR_EQ(a->dateline, NULL);
    OK(starts(a->body, "The foreign ministers of Saudi Arabia"), "body starts %.40s", a->body);
    OK(contains(a->body, "state media said.\n\nThe two ministers"), "paragraph per line");
    check_body(doc);
    dl_doc_free(doc);
}

/* Regression: a first line ending in a closing quote after a period is
 * prose, not a headline (tests/spec/quotes.txt lost its quote). */
static void test_quote_first(void) {
    dl_status st;
    dl_doc *doc = run_str("\"We will not leave,\" the Iraqi president said, \"until the last bases are "
                          "handed over to our army.\"\nAbdul Latif Rashid spoke in Baghdad.\n",
                          DL_INPUT_TEXT, &st);
    INT_EQ(st, DL_OK);
    STR_EQ(doc->article.title, NULL);
    OK(starts(doc->article.body, "\"We will not leave,\""), "body %s", doc->article.body);
    dl_doc_free(doc);
    /* a few replacement characters in a short text are no reason to refuse it */
    doc = run_str("Iran criticized Iraq \xff\xfe on Monday.\n", DL_INPUT_AUTO, &st);
    INT_EQ(st, DL_OK);
    dl_doc_free(doc);
}

static void test_headline_body(void) {
    dl_status st;
    dl_doc *doc = run_file(DATA("headline_body.txt"), DL_INPUT_AUTO, &st);
    INT_EQ(st, DL_OK);
    STR_EQ(doc->article.title, "Saudi and Iranian ministers meet in Beijing");
    STR_EQ(doc->article.subtitle, NULL);
    OK(starts(doc->article.body, "The foreign ministers"), "body starts %.40s", doc->article.body);
    check_body(doc);
    dl_doc_free(doc);
}

/* Wire copy: a headline ending in a period, a byline, and the dateline
 * with its date on a line of its own. */
static void test_wire_dateline_line(void) {
    dl_status st;
    dl_doc *doc = run_str("Norway and Chile sign fisheries accord.\n\nMaria Lund\n\nOSLO 2001-03-14\n\n"
                          "Norway and Chile signed a fisheries accord on Wednesday, the foreign ministry said.\n\n"
                          "The accord covers salmon farming.\n",
                          DL_INPUT_AUTO, &st);
    INT_EQ(st, DL_OK);
    const dl_article *a = &doc->article;
    STR_EQ(a->title, "Norway and Chile sign fisheries accord.");
    STR_EQ(a->published, "2001-03-14");
    STR_EQ(a->dateline, "Oslo");
    INT_EQ((int)a->n_authors, 1);
    if (a->n_authors == 1) STR_EQ(a->authors[0], "Maria Lund");
    OK(starts(a->body, "Norway and Chile signed"), "body starts %.40s", a->body);
    check_body(doc);
    dl_doc_free(doc);
    /* with a region; no byline */
    doc = run_str("Talks resume in Chechnya.\n\nNOVYE ATAGI, Russia 1996-08-22\n\nThe talks resumed.\n", DL_INPUT_AUTO, &st);
    STR_EQ(doc->article.title, "Talks resume in Chechnya.");
    STR_EQ(doc->article.published, "1996-08-22");
    OK(starts(doc->article.dateline, "Novye Atagi"), "dateline %s", doc->article.dateline);
    dl_doc_free(doc);
    /* a sentence that ends in a period, with no date line after it, is body */
    doc = run_str("The ministers met in Oslo.\n\nThey signed an accord.\n", DL_INPUT_AUTO, &st);
    STR_EQ(doc->article.title, NULL);
    OK(starts(doc->article.body, "The ministers met"), "body starts %.40s", doc->article.body);
    dl_doc_free(doc);
    /* a place and a date inside a sentence are no dateline line */
    doc = run_str("Oslo talks\n\nOSLO 2001-03-14 was the day the talks began.\n", DL_INPUT_AUTO, &st);
    STR_EQ(doc->article.dateline, NULL);
    dl_doc_free(doc);
}

static void test_wrapped(void) {
    dl_status st;
    dl_doc *doc = run_file(DATA("wrapped.txt"), DL_INPUT_AUTO, &st);
    INT_EQ(st, DL_OK);
    const dl_article *a = &doc->article;
    STR_EQ(a->dateline, "Ankara");
    OK(contains(a->body, "in an election that could end"), "hard-wrapped lines not joined");
    OK(contains(a->body, "main challenger.\n\nPolling stations"), "blocks are paragraphs");
    check_body(doc);
    dl_doc_free(doc);
}

/* ---- JSON records ------------------------------------------------------------ */

static void test_json_record(void) {
    dl_status st;
    dl_doc *doc = run_file(DATA("record.json"), DL_INPUT_AUTO, &st);
    INT_EQ(st, DL_OK);
    const dl_article *a = &doc->article;
    STR_EQ(a->title, "Record title wins");
    STR_EQ(a->published, "2023-04-30");
    STR_EQ(a->url, "https://example.org/a");
    INT_EQ(a->n_authors, 2);
    if (a->n_authors == 2) {
        STR_EQ(a->authors[0], "Jane Doe");
        STR_EQ(a->authors[1], "John Roe");
    }
    STR_EQ(a->dateline, "Tehran");
    OK(starts(a->body, "Iran's foreign minister said"), "body starts %.40s", a->body);
    check_body(doc);
    dl_doc_free(doc);
}

static void test_json_html(void) {
    dl_status st;
    dl_doc *doc = run_file(DATA("record_html.json"), DL_INPUT_JSON, &st);
    INT_EQ(st, DL_OK);
    const dl_article *a = &doc->article;
    STR_EQ(a->title, "Kenya floods kill dozens");
    STR_EQ(a->published, "2023-05-03T10:00:00Z");
    INT_EQ(a->n_authors, 1);
    STR_EQ(a->dateline, "Nairobi");
    OK(starts(a->body, "Floods in western Kenya"), "body starts %.40s", a->body);
    check_body(doc);
    dl_doc_free(doc);
}

static void test_json_invalid(void) {
    dl_status st;
    dl_doc *doc = run_file(DATA("bad.json"), DL_INPUT_JSON, &st);
    check_error(doc, st, DATA("bad.json"), "invalid JSON at line 1 column");
    dl_doc_free(doc);
    /* AUTO: '{' then '"' is a JSON record too */
    doc = run_str("{\"text\": [1, 2", DL_INPUT_AUTO, &st);
    check_error(doc, st, "inline", "invalid JSON at line");
    dl_doc_free(doc);
    doc = run_str("{\"title\": \"no body\"}", DL_INPUT_JSON, &st);
    check_error(doc, st, "inline", "no \"text\" or \"html\"");
    dl_doc_free(doc);
    doc = run_str("[1, 2, 3]", DL_INPUT_JSON, &st);
    check_error(doc, st, "inline", "not an object");
    dl_doc_free(doc);
}

/* ---- HTML pages -------------------------------------------------------------- */

static void test_html_jsonld(void) {
    dl_status st;
    dl_doc *doc = run_file(DATA("jsonld.html"), DL_INPUT_AUTO, &st);
    INT_EQ(st, DL_OK);
    const dl_article *a = &doc->article;
    STR_EQ(a->title, "Iran and Saudi Arabia restore diplomatic ties");
    STR_EQ(a->subtitle, "A deal brokered by China ends a seven-year rift");
    INT_EQ(a->n_authors, 2);
    STR_EQ(a->published, "2023-03-10T14:05:00+03:00");
    STR_EQ(a->url, "https://example.com/world/iran-saudi-ties");
    STR_EQ(a->site, "World Wire");
    STR_EQ(a->language, "en");
    STR_EQ(a->dateline, "Riyadh");
    /* articleBody is longer than the DOM's teaser, so it is the body */
    OK(starts(a->body, "Iran and Saudi Arabia agreed on Friday to re-establish relations and reopen"),
       "body starts %.60s", a->body);
    OK(contains(a->body, "rivals.\n\nThe agreement"), "articleBody paragraphs lost");
    OK(!contains(a->body, "Copyright") && !contains(a->body, "Home"), "furniture in body");
    check_body(doc);
    dl_doc_free(doc);
}

static void test_html_opengraph(void) {
    dl_status st;
    dl_doc *doc = run_file(DATA("opengraph.html"), DL_INPUT_HTML, &st);
    INT_EQ(st, DL_OK);
    const dl_article *a = &doc->article;
    STR_EQ(a->title, "Sudan ceasefire collapses as fighting resumes in Khartoum");
    STR_EQ(a->subtitle, "Residents report heavy gunfire hours after the truce began");
    STR_EQ(a->site, "Daily Planet");
    STR_EQ(a->url, "https://planet.example/sudan-ceasefire");
    STR_EQ(a->published, "2023-04-25T08:30:00Z");
    INT_EQ(a->n_authors, 1);
    if (a->n_authors) STR_EQ(a->authors[0], "Lois Lane");
    STR_EQ(a->dateline, "Khartoum");
    OK(starts(a->body, "A ceasefire between Sudan's army"), "body starts %.40s", a->body);
    OK(!contains(a->body, "By Lois Lane") && !contains(a->body, "April 25, 2023"), "byline or date in body");
    OK(ends(a->body, "thousands have fled the city."), "body ends wrong");
    check_body(doc);
    dl_doc_free(doc);
}

static void test_html_junk(void) {
    dl_status st;
    dl_doc *doc = run_file(DATA("junk.html"), DL_INPUT_AUTO, &st);
    INT_EQ(st, DL_OK);
    const dl_article *a = &doc->article;
    STR_EQ(a->title, "Pakistan court orders release of Imran Khan");
    STR_EQ(a->dateline, "Islamabad");
    OK(starts(a->body, "Pakistan's Supreme Court on Thursday"), "body starts %.40s", a->body);
    OK(contains(a->body, "\"Your arrest was invalid"), "body paragraph lost");
    OK(ends(a->body, "favouring the former prime minister."), "body ends wrong");
    static const char *const junk[] = {
        "Subscribe", "Sport", "cookies", "Share on", "file photo", "Advertisement",
        "storm army headquarters", "Internet services", "Great article", "Most read",
        "Markets rally", "Privacy", "Copyright", "tracking", "color: red",
    };
    for (size_t i = 0; i < sizeof junk / sizeof *junk; i++)
        OK(!contains(a->body, junk[i]), "junk \"%s\" in body", junk[i]);
    check_body(doc);
    dl_doc_free(doc);
}

static void test_html_sniff(void) {
    /* a BOM and white space before the markup; AUTO still finds HTML */
    const char *page = "\xEF\xBB\xBF  \n<!DOCTYPE html><html lang=\"fr\"><body><article><p>Le gouvernement a "
                       "annonc\xC3\xA9 mardi un plan pour la r\xC3\xA9novation des \xC3\xA9" "coles, qui sera "
                       "pr\xC3\xA9sent\xC3\xA9 au conseil des ministres la semaine prochaine par le "
                       "ministre de l'\xC3\x89" "ducation.</p></article></body></html>";
    dl_status st;
    dl_doc *doc = run_str(page, DL_INPUT_AUTO, &st);
    INT_EQ(st, DL_OK);
    STR_EQ(doc->article.language, "fr");
    OK(starts(doc->article.body, "Le gouvernement"), "body %s", doc->article.body);
    OK(!contains(doc->article.body, "<"), "markup in body");
    dl_doc_free(doc);
}

static void test_charset(void) {
    /* a page that claims Latin-1 but arrives as UTF-8: the text stays as is */
    const char *page = "<html><head><meta charset=\"iso-8859-1\"><meta http-equiv=\"Content-Type\" "
                       "content=\"text/html; charset=windows-1252\"></head><body><p>Le pr\xC3\xA9sident "
                       "a re\xC3\xA7u mardi le ministre des affaires \xC3\xA9trang\xC3\xA8res, qui lui a "
                       "pr\xC3\xA9sent\xC3\xA9 le plan de paix pour la r\xC3\xA9gion.</p></body></html>";
    dl_status st;
    dl_doc *doc = run_str(page, DL_INPUT_HTML, &st);
    INT_EQ(st, DL_OK);
    OK(contains(doc->article.body, "Le pr\xC3\xA9sident a re\xC3\xA7u"), "body %s", doc->article.body);
    dl_doc_free(doc);
    /* Windows-1252 bytes in a "UTF-8" text: repaired, with a warning, no crash */
    const char *cp1252 = "The minister\x92s visit to Paris was \x93" "a success\x94, officials said on "
                         "Monday after talks that lasted for most of the day.";
    doc = run_str(cp1252, DL_INPUT_AUTO, &st);
    INT_EQ(st, DL_OK);
    OK(contains(doc->article.body, "\xEF\xBF\xBD"), "no U+FFFD in %s", doc->article.body);
    dl_doc_free(doc);
}

/* ---- bad and hostile input ---------------------------------------------------- */

static void test_empty(void) {
    dl_status st;
    dl_doc *doc = run_str("", DL_INPUT_AUTO, &st);
    check_error(doc, st, "inline", "empty input");
    dl_doc_free(doc);
    doc = run_str(" \n\t\r\n  \n", DL_INPUT_TEXT, &st);
    check_error(doc, st, "inline", "empty input");
    dl_doc_free(doc);
    doc = run_str("\xC2\xA0\xE2\x80\x83\n", DL_INPUT_HTML, &st);   /* NBSP, em space */
    check_error(doc, st, "inline", "empty input");
    dl_doc_free(doc);
}

static void test_binary(void) {
    /* control bytes: the source reader refuses them */
    char junk[4096];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (char)(x >> 16);
    }
    dl_status st;
    dl_doc *doc = run_bytes("junk.bin", junk, sizeof junk, DL_INPUT_AUTO, &st);
    INT_EQ(st, DL_ERR_INPUT);
    OK(dl_doc_error(doc) != NULL, "no diagnostic for binary input");
    dl_doc_free(doc);
    /* high bytes only: repaired to U+FFFD, then refused as unreadable */
    for (size_t i = 0; i < sizeof junk; i++) junk[i] = (char)(0x80 | (junk[i] & 0x7F));
    doc = run_bytes("junk.bin", junk, sizeof junk, DL_INPUT_AUTO, &st);
    check_error(doc, st, "junk.bin", "no readable text");
    dl_doc_free(doc);
    /* symbols and digits, no words */
    doc = run_str("#### 1234 5678 %%%% &&&& **** (((( )))) 9999 ---- ++++", DL_INPUT_TEXT, &st);
    check_error(doc, st, "inline", "no readable text");
    dl_doc_free(doc);
}

static void test_truncated(void) {
    dl_status st;
    dl_doc *doc = run_file(DATA("truncated.html"), DL_INPUT_AUTO, &st);
    check_error(doc, st, DATA("truncated.html"), "truncated HTML page (ends at byte 123");
    dl_doc_free(doc);
    /* ends inside a tag, a comment, a script */
    static const char *const cut[] = {
        "<html><head><title>x</title></head><body><p>Some words here</p><div cla",
        "<html><body><p>Some words here.</p><!-- a comment that never ",
        "<html><body><p>Some words here.</p><script>var a = 1;",
    };
    static const char *const where[] = {"inside a tag", "inside a comment", "inside a <script>"};
    for (size_t i = 0; i < 3; i++) {
        doc = run_str(cut[i], DL_INPUT_HTML, &st);
        check_error(doc, st, "inline", where[i]);
        dl_doc_free(doc);
    }
}

static void test_no_text_html(void) {
    dl_status st;
    dl_doc *doc = run_file(DATA("no_text.html"), DL_INPUT_AUTO, &st);
    check_error(doc, st, DATA("no_text.html"), "no article text in HTML page");
    dl_doc_free(doc);
}

static void test_deep_nesting(void) {
    enum { DEPTH = 100000 };
    const char *para = "<p>BAGHDAD - Iraq's prime minister met tribal leaders on Monday to discuss "
                       "security in the western province of Anbar, his office said in a statement.</p>";
    size_t cap = DEPTH * 11 + strlen(para) + 64, k = 0;
    char *s = malloc(cap);
    k += (size_t)sprintf(s, "<html><body>");
    for (int i = 0; i < DEPTH; i++) { memcpy(s + k, "<div>", 5); k += 5; }
    memcpy(s + k, para, strlen(para));
    k += strlen(para);
    for (int i = 0; i < DEPTH; i++) { memcpy(s + k, "</div>", 6); k += 6; }
    k += (size_t)sprintf(s + k, "</body></html>");
    dl_status st;
    dl_doc *doc = run_bytes("deep.html", s, k, DL_INPUT_AUTO, &st);
    INT_EQ(st, DL_OK);
    STR_EQ(doc->article.dateline, "Baghdad");
    OK(starts(doc->article.body, "Iraq's prime minister met"), "body %.40s", doc->article.body);
    dl_doc_free(doc);
    /* deep nests of empty bylines and headings, and paragraphs at every
     * level: all of it must stay linear */
    static const char *const opens[] = {"<div class=\"byline\"><h1>", "<div><p>Iran, Iraq, Syria, Turkey and Jordan met.</p>"};
    for (int v = 0; v < 2; v++) {
        size_t ol = strlen(opens[v]);
        char *s2 = malloc((DEPTH / 4) * ol + strlen(para) + 64);
        k = (size_t)sprintf(s2, "<html><body>");
        for (int i = 0; i < DEPTH / 4; i++) { memcpy(s2 + k, opens[v], ol); k += ol; }
        k += (size_t)sprintf(s2 + k, "%s</body></html>", para);
        doc = run_bytes("deep2.html", s2, k, DL_INPUT_HTML, &st);
        free(s2);
        OK(st == DL_OK || st == DL_ERR_INPUT, "deep variant %d gave %d", v, st);
        dl_doc_free(doc);
    }
    /* unclosed tags nest without end; must not crash either */
    k = 0;
    for (int i = 0; i < DEPTH && k + 16 < cap; i++) { memcpy(s + k, "<span><b>", 9); k += 9; }
    doc = run_bytes("unclosed.html", s, k, DL_INPUT_HTML, &st);
    OK(st == DL_ERR_INPUT, "unclosed tags without text gave %d", st);
    dl_doc_free(doc);
    free(s);
}

static void test_huge_line(void) {
    /* 10 MB on one line, no newline: one paragraph, quickly */
    size_t n = 10u << 20;
    char *s = malloc(n);
    const char *w = "The minister said the talks would continue. ";
    size_t wl = strlen(w);
    for (size_t i = 0; i < n; i++) s[i] = w[i % wl];
    dl_status st;
    dl_doc *doc = run_bytes("huge.txt", s, n, DL_INPUT_AUTO, &st);
    INT_EQ(st, DL_OK);
    OK(doc->article.body_len > n - 64, "body lost text: %zu", doc->article.body_len);
    dl_doc_free(doc);
    /* the same as one HTML paragraph */
    memcpy(s, "<html><body><p>", 15);
    doc = run_bytes("huge.html", s, n, DL_INPUT_HTML, &st);
    OK(st == DL_OK || st == DL_ERR_INPUT, "huge HTML gave %d", st);
    dl_doc_free(doc);
    free(s);
}

/* Replays the fuzz corpus: every input must finish without a crash, and a
 * success must leave a sound body (sqlite's fuzzcheck does the same). */
static void test_fuzz_corpus(void) {
    const char *dir = DL_TEST_DATA "/../../fuzz/corpus/extract";
    DIR *d = opendir(dir);
    OK(d != NULL, "cannot open %s", dir);
    if (!d) return;
    int files = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t n = 0;
        char *b = read_file(path, &n);
        if (!b || n == 0) { free(b); continue; }
        dl_status st;
        dl_doc *doc = run_bytes(e->d_name, b + 1, n - 1, (dl_input_kind)((unsigned char)b[0] % 4), &st);
        OK(st == DL_OK || st == DL_ERR_INPUT, "%s: status %d", e->d_name, st);
        if (st == DL_OK) check_body(doc);
        else OK(dl_doc_error(doc) != NULL, "%s: failure without a diagnostic", e->d_name);
        dl_doc_free(doc);
        free(b);
        files++;
    }
    closedir(d);
    OK(files >= 10, "only %d corpus files", files);
}

static void test_default_date(void) {
    dl_doc *doc = dl_doc_new();
    dl_doc_set_default_date(doc, "2023-05-01");
    const char *s = "The talks ended without agreement, officials said on Monday.";
    OK(dl_doc_set_source(doc, "d.txt", s, strlen(s), DL_INPUT_TEXT) == DL_OK, "set_source");
    INT_EQ(dl_extract_run(NULL, doc), DL_OK);
    STR_EQ(doc->article.published, "2023-05-01");
    dl_doc_free(doc);
}

/* ---- languages ------------------------------------------------------------------ */

static void test_french(void) {
    dl_status st;
    dl_doc *doc = run_file(DATA("french.txt"), DL_INPUT_AUTO, &st);
    INT_EQ(st, DL_OK);
    STR_EQ(doc->article.language, "fr");
    STR_EQ(doc->article.dateline, "Paris");
    OK(starts(doc->article.body, "Le président de la République"), "body %.40s", doc->article.body);
    dl_doc_free(doc);
}

static void test_languages(void) {
    static const struct { const char *text, *code; } cases[] = {
        {"Die Regierung hat am Montag angek\xC3\xBCndigt, dass sie die Hilfe f\xC3\xBCr die Ukraine "
         "aufstocken wird. Der Kanzler sagte, es sei nicht die Zeit, sich zur\xC3\xBC" "ckzuziehen, und "
         "die Partner in der EU m\xC3\xBCssten mehr tun.", "de"},
        {"El gobierno anunci\xC3\xB3 el lunes que aumentar\xC3\xA1 la ayuda a los agricultores "
         "afectados por la sequ\xC3\xAD" "a, y el ministro dijo que las medidas se aplicar\xC3\xA1n en "
         "todo el pa\xC3\xADs durante el pr\xC3\xB3ximo a\xC3\xB1o para los que m\xC3\xA1s lo necesitan.", "es"},
        {"\xD0\x9F\xD1\x80\xD0\xB5\xD0\xB7\xD0\xB8\xD0\xB4\xD0\xB5\xD0\xBD\xD1\x82 \xD0\xBF\xD1\x80\xD0\xBE"
         "\xD0\xB2\xD1\x91\xD0\xBB \xD0\xB2\xD1\x81\xD1\x82\xD1\x80\xD0\xB5\xD1\x87\xD1\x83 \xD1\x81 "
         "\xD0\xBC\xD0\xB8\xD0\xBD\xD0\xB8\xD1\x81\xD1\x82\xD1\x80\xD0\xB0\xD0\xBC\xD0\xB8 \xD0\xB2 "
         "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB5.", "ru"},
        {"\xD9\x82\xD8\xA7\xD9\x84 \xD8\xA7\xD9\x84\xD8\xB1\xD8\xA6\xD9\x8A\xD8\xB3 \xD8\xA5\xD9\x86 "
         "\xD8\xA7\xD9\x84\xD9\x85\xD8\xAD\xD8\xA7\xD8\xAF\xD8\xAB\xD8\xA7\xD8\xAA \xD8\xB3\xD8\xAA"
         "\xD8\xB3\xD8\xAA\xD9\x85\xD8\xB1 \xD9\x81\xD9\x8A \xD8\xA7\xD9\x84\xD8\xA3\xD8\xB3\xD8\xA8"
         "\xD9\x88\xD8\xB9 \xD8\xA7\xD9\x84\xD9\x85\xD9\x82\xD8\xA8\xD9\x84.", "ar"},
        {"\xE5\x9B\xBD\xE5\x8A\xA1\xE9\x99\xA2\xE6\x80\xBB\xE7\x90\x86\xE5\x91\xA8\xE4\xB8\x80\xE5\x9C\xA8"
         "\xE5\x8C\x97\xE4\xBA\xAC\xE4\xBC\x9A\xE8\xA7\x81\xE4\xBA\x86\xE6\x9D\xA5\xE8\xAE\xBF\xE7\x9A\x84"
         "\xE5\xA4\x96\xE5\x9B\xBD\xE9\xA2\x86\xE5\xAF\xBC\xE4\xBA\xBA\xE3\x80\x82", "zh"},
        {"The minister said on Monday that the government would not raise taxes this year, and that "
         "the budget would be presented to parliament in the spring.", "en"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        dl_status st;
        dl_doc *doc = run_str(cases[i].text, DL_INPUT_TEXT, &st);
        INT_EQ(st, DL_OK);
        STR_EQ(doc->article.language, cases[i].code);
        dl_doc_free(doc);
    }
    /* a hint the text agrees with is kept; a short text keeps the hint */
    STR_EQ(dl__detect_language("Ok.", 3, "sv"), "sv");
    STR_EQ(dl__detect_language("the of and to in is that for it was on with", 43, "fr"), "fr");
}

/* ---- helpers ---------------------------------------------------------------------- */

static void test_dates(void) {
    static const struct { const char *in, *out; } cases[] = {
        {"April 30, 2023 - 21:54", "2023-04-30T21:54"},
        {"2023-04-30", "2023-04-30"},
        {"2023-04-30T21:54:07Z", "2023-04-30T21:54:07Z"},
        {"2023-04-30T21:54:07.123+0330", "2023-04-30T21:54:07+03:30"},
        {"2023-04-30 21:54", "2023-04-30T21:54"},
        {"30 April 2023", "2023-04-30"},
        {"30th of April, 2023", "2023-04-30"},
        {"Apr. 30, 2023 9:54 PM ET", "2023-04-30T21:54-04:00"},
        {"Jan. 5, 2023 9:54 a.m. ET", "2023-01-05T09:54-05:00"},
        {"2023/04/30", "2023-04-30"},
        {"Sunday, April 30, 2023", "2023-04-30"},
        {"Sun 30 Apr 2023 21.54 BST", "2023-04-30T21:54+01:00"},
        {"30.04.2023", "2023-04-30"},
        {"4/30/2023", "2023-04-30"},
        {"Updated 9:54 PM ET, Sun April 30, 2023", "2023-04-30T21:54-04:00"},
        {"12:05 GMT, 1 May 2023", "2023-05-01T12:05Z"},
        {"30 avril 2023", "2023-04-30"},
        {"30 de abril de 2023", "2023-04-30"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[DL__DATE_MAX] = "";
        bool ok = dl__parse_date(cases[i].in, strlen(cases[i].in), false, out, NULL);
        OK(ok, "no date in \"%s\"", cases[i].in);
        STR_EQ(out, cases[i].out);
    }
    static const char *const bad[] = {"February 30, 2023", "2023-13-01", "no date here",
                                      "in 1234 cases", "9:54 PM", "April 2023"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char out[DL__DATE_MAX] = "";
        OK(!dl__parse_date(bad[i], strlen(bad[i]), false, out, NULL), "date \"%s\" in \"%s\"", out, bad[i]);
    }
    /* date lines */
    char out[DL__DATE_MAX];
    bool upd;
    OK(dl__date_line("Published: April 30, 2023 | Updated May 1, 2023", 47, out, &upd) && !upd, "published line");
    STR_EQ(out, "2023-04-30");
    OK(dl__date_line("Last updated on 1 May 2023", 26, out, &upd) && upd, "updated line");
    const char *sentence = "April 30, 2023 was the day the parliament finally voted on the long-awaited bill.";
    OK(!dl__date_line(sentence, strlen(sentence), out, &upd), "sentence taken as a date line");
}

static void test_datelines(void) {
    static const struct { const char *in, *place, *rest; } cases[] = {
        {"TEHRAN \xE2\x80\x93 Ayatollah Khamenei said", "Tehran", "Ayatollah"},
        {"WASHINGTON (Reuters) - The Senate voted", "Washington", "The Senate"},
        {"BAGHDAD, April 29 (Reuters) - Iraq said", "Baghdad", "Iraq said"},
        {"KYIV, Ukraine \xE2\x80\x94 Russia launched", "Kyiv, Ukraine", "Russia"},
        {"UNITED NATIONS (AP) \xE2\x80\x94 The council met", "United Nations", "The council"},
        {"Beirut: Lebanon's parliament met", "Beirut", "Lebanon's"},
        {"ST. LOUIS (AP) -- Police said", "St. Louis", "Police"},
        {"WASHINGTON, D.C. - Officials said", "Washington, D.C.", "Officials"},
        {"(Reuters) - Shares fell", NULL, "Shares"},
    };
    dl_doc *doc = dl_doc_new();
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *place = NULL;
        size_t cut = dl__dateline(doc, cases[i].in, strlen(cases[i].in), &place);
        OK(cut > 0, "no dateline in \"%s\"", cases[i].in);
        STR_EQ(place, cases[i].place);
        OK(cut > 0 && starts(cases[i].in + cut, cases[i].rest), "rest of \"%s\" is \"%s\"", cases[i].in,
           cases[i].in + cut);
    }
    static const char *const none[] = {
        "Iran and Iraq - two neighbours - met on Monday.", "The U.S.-led coalition said",
        "Update: the talks resumed", "NATO-led forces said", "Iran \xE2\x80\x93 a country of 85 million \xE2\x80\x93 said",
        "He said: \"We will stay.\"",
    };
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        char *place = NULL;
        OK(dl__dateline(doc, none[i], strlen(none[i]), &place) == 0, "dateline found in \"%s\"", none[i]);
    }
    dl_doc_free(doc);
}

static void test_bylines(void) {
    static const struct { const char *in; int n; const char *a, *b; } cases[] = {
        {"By Faramarz Kuhpayeh", 1, "Faramarz Kuhpayeh", NULL},
        {"By Jane Doe and John Roe, Reuters", 2, "Jane Doe", "John Roe"},
        {"Jane Doe | Staff Writer", 1, "Jane Doe", NULL},
        {"BY JANE DOE", 1, "Jane Doe", NULL},
        {"By Jane Doe in Kyiv", 1, "Jane Doe", NULL},
        {"Author: Ali al-Sadr", 1, "Ali al-Sadr", NULL},
        {"By Jane Doe, Associated Press | April 30, 2023", 1, "Jane Doe", NULL},
        {"Written by Maria de la Cruz", 1, "Maria de la Cruz", NULL},
        {"By Reuters", 0, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        dl_doc *doc = dl_doc_new();
        char date[DL__DATE_MAX] = "";
        int r = dl__byline(doc, cases[i].in, strlen(cases[i].in), true, date);
        INT_EQ(r, cases[i].n);
        INT_EQ(doc->article.n_authors, cases[i].n);
        if (doc->article.n_authors >= 1) STR_EQ(doc->article.authors[0], cases[i].a);
        if (doc->article.n_authors >= 2) STR_EQ(doc->article.authors[1], cases[i].b);
        dl_doc_free(doc);
    }
    static const char *const none[] = {"By the time the troops arrived, the city had fallen.",
                                       "By The Numbers: Iran's Oil Exports", "Iran Slams US Presence",
                                       "Not Even a Single American Soldier"};
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        dl_doc *doc = dl_doc_new();
        int r = dl__byline(doc, none[i], strlen(none[i]), true, NULL);
        OK(r <= 0 && doc->article.n_authors == 0, "byline found in \"%s\"", none[i]);
        dl_doc_free(doc);
    }
}

static void test_furniture(void) {
    static const char *const yes[] = {"Leave a Comment", "Share this:", "Related:", "Advertisement",
                                      "Follow us on Twitter", "Comments (12)",
                                      "\xC2\xA9 2023 Tehran Times. All rights reserved.",
                                      "Copyright 2023 Reuters"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        OK(dl__is_furniture(yes[i], strlen(yes[i])), "\"%s\" not furniture", yes[i]);
    static const char *const no[] = {
        "Share prices fell sharply on Monday after the central bank raised interest rates again.",
        "Comments by the minister drew criticism from opposition lawmakers in parliament.",
        "Related talks are expected next week.", "Copyright law is being reformed."};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        OK(!dl__is_furniture(no[i], strlen(no[i])), "\"%s\" taken as furniture", no[i]);
}

/* ---- issue 12: where pages state their dates ------------------------------ */

static void test_url_dates(void) {
    static const struct { const char *url, *out; } cases[] = {
        {"https://www.nytimes.com/2019/11/19/opinion/republicans.html", "2019-11-19"},
        {"https://www.politifact.com/w/statements/2019/nov/18/david-mckinley/what/", "2019-11-18"},
        {"https://example.org/news/2019-11-18/story", "2019-11-18"},
        {"https://www.quantamagazine.org/tuft-cells-set-off-immune-responses-20191115/", "2019-11-15"},
        {"https://example.org/20191118/story.html", "2019-11-18"},
        {"https://example.org/story/2019/11/19/4244754002/", "2019-11-19"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[DL__DATE_MAX] = "";
        OK(dl__url_date(cases[i].url, out), "no date in %s", cases[i].url);
        STR_EQ(out, cases[i].out);
    }
    static const char *const none[] = {
        "https://example.org/story/4244754002/",          /* an id, not a date */
        "https://example.org/2019/13/40/story",           /* no such day */
        "https://example.org/milan-design-week-2018/",    /* a year alone */
        "https://2019.example.org/11/18/x",               /* the host is not the path */
        "https://example.org/a?d=2019/11/18",             /* nor the query */
        NULL};
    for (size_t i = 0; none[i]; i++) {
        char out[DL__DATE_MAX] = "";
        OK(!dl__url_date(none[i], out), "a date (%s) in %s", out, none[i]);
    }
    char out[DL__DATE_MAX] = "";
    OK(dl__parse_compact_date("20191118", 8, out), "pdate");
    STR_EQ(out, "2019-11-18");
    OK(dl__parse_compact_date("20191118050008", 14, out), "ptime");
    STR_EQ(out, "2019-11-18T05:00:08");
    OK(!dl__parse_compact_date("20191318", 8, out), "month 13");
    OK(!dl__parse_compact_date("4244754002", 10, out), "an id");
}

/* One page per way of stating the date; each gives its day. */
static void test_page_dates(void) {
    static const struct { const char *html, *want; } pages[] = {
        /* NYT: a property the lists miss, an itemprop token list */
        {"<html><head><meta property=\"article:published\" itemprop=\"datePublished dateCreated\" "
         "content=\"2019-11-19T11:00:09.000Z\"></head><body><p>Text.</p></body></html>", "2019-11-19"},
        {"<html><head><meta name=\"pdate\" content=\"20191118\"></head><body><p>Text.</p></body></html>",
         "2019-11-18"},
        /* datePublished wins over dateCreated wherever they stand */
        {"<html><head><meta itemprop=\"dateCreated\" content=\"2018-09-25T20:52:55+03:00\">"
         "<meta itemprop=\"datePublished\" content=\"2018-09-24T16:45:00+03:00\"></head>"
         "<body><p>Text.</p></body></html>", "2018-09-24"},
        {"<html><body><input class=\"published_date\" type=\"hidden\" value=\"2019-11-19 02:24:47\">"
         "<p>Text.</p></body></html>", "2019-11-19"},
        {"<html><body><h3 class=\"byline\">by Jeff Foust<br><span class=\"datetime\">Monday, "
         "November 18, 2019</span></h3><p>Text.</p></body></html>", "2019-11-18"},
        {"<html><head><script type=\"application/ld+json\">{\"@type\":\"MedicalWebPage\","
         "\"datePublished\":\"2019-11-14T08:00:00.000Z\"}</script></head><body><p>Text.</p></body></html>",
         "2019-11-14"},
        {"<html><head><script type=\"application/ld+json\">{\"@type\":\"ClaimReview\","
         "\"datePublished\":\"2019-11-18T10:15:00+00:00\"}</script></head><body><p>Text.</p></body></html>",
         "2019-11-18"},
        {"<html><head><link rel=\"canonical\" href=\"https://www.usatoday.com/story/news/2019/11/19/"
         "guards/4082679002/\"></head><body><p>Text.</p></body></html>", "2019-11-19"},
    };
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        dl_status st;
        dl_doc *doc = run_str(pages[i].html, DL_INPUT_HTML, &st);
        const char *p = doc->article.published;
        OK(p && strncmp(p, pages[i].want, 10) == 0, "page %zu: published %s, want %s", i,
           p ? p : "(none)", pages[i].want);
        dl_doc_free(doc);
    }
    /* a JSON record with a URL only */
    dl_status st;
    dl_doc *doc = run_str("{\"text\": \"Iran condemned Israel on Monday, officials said.\", "
                          "\"url\": \"https://example.org/2024/03/04/iran\"}", DL_INPUT_JSON, &st);
    STR_EQ(doc->article.published, "2024-03-04");
    dl_doc_free(doc);
    /* a fetch date is kept apart: no publication date from it */
    static const char page[] = "<html><body><p>Iran condemned Israel on Tuesday.</p></body></html>";
    doc = dl_doc_new();
    dl_doc_set_source(doc, "warc", page, strlen(page), DL_INPUT_HTML);
    doc->article.fetched = dl_arena_strdup(&doc->arena, "2026-11-29T10:00:00Z");
    dl_extract_run(NULL, doc);
    STR_EQ(doc->article.published, NULL);
    STR_EQ(doc->article.fetched, "2026-11-29T10:00:00Z");
    dl_doc_free(doc);
}

int main(void) {
    RUN(test_seed);
    RUN(test_reuters_layout);
    RUN(test_date_first);
    RUN(test_kyiv);
    RUN(test_beirut);
    RUN(test_body_only);
    RUN(test_quote_first);
    RUN(test_headline_body);
    RUN(test_wire_dateline_line);
    RUN(test_wrapped);
    RUN(test_json_record);
    RUN(test_json_html);
    RUN(test_json_invalid);
    RUN(test_html_jsonld);
    RUN(test_html_opengraph);
    RUN(test_html_junk);
    RUN(test_html_sniff);
    RUN(test_charset);
    RUN(test_empty);
    RUN(test_binary);
    RUN(test_truncated);
    RUN(test_no_text_html);
    RUN(test_deep_nesting);
    RUN(test_huge_line);
    RUN(test_fuzz_corpus);
    RUN(test_default_date);
    RUN(test_french);
    RUN(test_languages);
    RUN(test_dates);
    RUN(test_url_dates);
    RUN(test_page_dates);
    RUN(test_datelines);
    RUN(test_bylines);
    RUN(test_furniture);
    return dl_test_report();
}
