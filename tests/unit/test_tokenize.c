/*
 * test_tokenize.c -- tokens and sentences on the cases news text throws at
 * a splitter: abbreviations, initials, numbers, clitics, quotes that run
 * over sentences, paragraphs without blank lines.
 */
#include "core/doc.h"
#include "harness.h"
#include "tokenize/tokenize.h"

static dl_doc *tokenize(const char *text) {
    dl_doc *doc = dl_doc_new();
    dl_doc_set_source(doc, "test", text, strlen(text), DL_INPUT_TEXT);
    doc->article.body = doc->src;
    doc->article.body_len = doc->src_len;
    OK(dl_tokenize_text(doc) == DL_OK, "tokenize failed");
    OK(dl_doc_check(doc) == NULL, "doc check: %s", dl_doc_check(doc));
    return doc;
}

/* Token i's text as a C string (static buffer). */
static const char *tok(const dl_doc *doc, size_t i) {
    static char buf[256];
    if (i >= doc->toks.n) return "(none)";
    snprintf(buf, sizeof buf, "%.*s", (int)doc->toks.v[i].len, doc->article.body + doc->toks.v[i].off);
    return buf;
}

static const char *sent(const dl_doc *doc, size_t i) {
    static char buf[1024];
    if (i >= doc->sents.n) return "(none)";
    snprintf(buf, sizeof buf, "%.*s", (int)doc->sents.v[i].len, doc->article.body + doc->sents.v[i].off);
    return buf;
}

static void test_abbreviations(void) {
    dl_doc *d = tokenize("Gen. Qassem Soleimani met Dr. Smith in the U.S. on Jan. 3. The talks ended.");
    INT_EQ(d->sents.n, 2);
    STR_EQ(tok(d, 0), "Gen.");
    STR_EQ(sent(d, 1), "The talks ended.");
    dl_doc_free(d);
}

static void test_abbreviation_ends_sentence(void) {
    dl_doc *d = tokenize("Iran called for the withdrawal of forces from the U.S. The U.S. refused.");
    INT_EQ(d->sents.n, 2);
    STR_EQ(sent(d, 1), "The U.S. refused.");
    dl_doc_free(d);
}

static void test_initials_and_numbers(void) {
    dl_doc *d = tokenize("J. R. Smith paid $1,500.75 at 21:54 in the 1990s.");
    INT_EQ(d->sents.n, 1);
    STR_EQ(tok(d, 0), "J.");
    STR_EQ(tok(d, 1), "R.");
    STR_EQ(tok(d, 4), "$");
    STR_EQ(tok(d, 5), "1,500.75");
    STR_EQ(tok(d, 7), "21:54");
    STR_EQ(tok(d, 10), "1990s");
    dl_doc_free(d);
}

static void test_clitics(void) {
    dl_doc *d = tokenize("Iran\xE2\x80\x99s leader didn't say it's over.");
    STR_EQ(tok(d, 0), "Iran");
    STR_EQ(tok(d, 1), "\xE2\x80\x99s");
    STR_EQ(d->toks.v[1].norm, "'s");
    STR_EQ(tok(d, 3), "did");
    STR_EQ(tok(d, 4), "n't");
    STR_EQ(tok(d, 7), "'s");
    dl_doc_free(d);
}

static void test_quotes_over_sentences(void) {
    dl_doc *d = tokenize("He said. \xE2\x80\x9CThe U.S. is not a friend. They are not loyal.\" Then he left.");
    INT_EQ(d->sents.n, 4);
    STR_EQ(sent(d, 2), "They are not loyal.\"");
    /* the opening curly and the closing straight mark get their sides */
    int opens = 0, closes = 0;
    for (size_t i = 0; i < d->toks.n; i++) {
        opens += (d->toks.v[i].flags & DL_TF_QOPEN) != 0;
        closes += (d->toks.v[i].flags & DL_TF_QCLOSE) != 0;
    }
    INT_EQ(opens, 1);
    INT_EQ(closes, 1);
    dl_doc_free(d);
}

static void test_comma_inside_quote_keeps_sentence(void) {
    dl_doc *d = tokenize("\"We will stay,\" he said, \"until the end.\"");
    INT_EQ(d->sents.n, 1);
    dl_doc_free(d);
}

static void test_paragraphs_without_blank_lines(void) {
    dl_doc *d = tokenize("First paragraph ends here.\nSecond one starts here\nand wraps here.\n\nThird.");
    INT_EQ(d->sents.n, 3);
    INT_EQ(d->sents.v[0].para, 0);
    INT_EQ(d->sents.v[1].para, 1);
    STR_EQ(sent(d, 1), "Second one starts here\nand wraps here.");
    INT_EQ(d->sents.v[2].para, 2);
    dl_doc_free(d);
}

static void test_hyphens_and_dashes(void) {
    dl_doc *d = tokenize("TEHRAN \xE2\x80\x93 an eight-year war");
    STR_EQ(tok(d, 1), "\xE2\x80\x93");
    STR_EQ(d->toks.v[1].norm, "-");
    STR_EQ(tok(d, 3), "eight");
    STR_EQ(tok(d, 4), "-");
    OK(d->toks.v[0].flags & DL_TF_ALLCAP, "TEHRAN is all caps");
    dl_doc_free(d);
}

static void test_accents_fold(void) {
    dl_doc *d = tokenize("Erdo\xC4\x9F" "an met \xC3\x89" "douard in Bogot\xC3\xA1.");
    STR_EQ(d->toks.v[0].norm, "erdogan");
    STR_EQ(d->toks.v[2].norm, "edouard");
    STR_EQ(d->toks.v[4].norm, "bogota");
    dl_doc_free(d);
}

static void test_empty_and_junk(void) {
    dl_doc *d = tokenize("");
    INT_EQ(d->toks.n, 0);
    INT_EQ(d->sents.n, 0);
    dl_doc_free(d);
    d = tokenize("\xFF\xFE\x80 ... !!! \xE2\x80\x9C");
    OK(d->sents.n >= 1, "junk still tokenizes");
    dl_doc_free(d);
}

static void test_non_ascii_digits_progress(void) {
    /* regression: an Arabic-Indic digit is a digit to Unicode but not to the
     * number scanner, which once made no progress (found by fuzz_pipeline) */
    dl_doc *d = tokenize("Pres\xD9\xA3ident \xD9\xA3\xD9\xA4 Putin.");
    OK(d->toks.n >= 4 && d->toks.n < 12, "tokens %zu", d->toks.n);
    dl_doc_free(d);
}

static void test_web_text_tokens(void) {
    /* UD English EWT conventions for the web text news pages quote */
    dl_doc *d = tokenize("See http://www.gulf-news.com/a?id=9. Mail jo@ex.org or call 646-2600 by e-mail :) "
                         "Guaranty.doc was sent in '67!!! He cannot.");
    STR_EQ(tok(d, 1), "http://www.gulf-news.com/a?id=9");
    STR_EQ(tok(d, 2), ".");
    STR_EQ(tok(d, 4), "jo@ex.org");
    STR_EQ(tok(d, 7), "646-2600");
    STR_EQ(tok(d, 9), "e-mail");
    STR_EQ(tok(d, 10), ":)");
    STR_EQ(tok(d, 11), "Guaranty.doc");
    STR_EQ(tok(d, 15), "'67");
    STR_EQ(tok(d, 16), "!!!");
    STR_EQ(tok(d, 18), "can");
    STR_EQ(tok(d, 19), "not");
    dl_doc_free(d);
    d = tokenize("A 5-3 vote b/c of the 80's, said Edison@ENRON.");
    STR_EQ(tok(d, 1), "5");
    STR_EQ(tok(d, 2), "-");
    STR_EQ(tok(d, 5), "b/c");
    STR_EQ(tok(d, 8), "80's");
    STR_EQ(tok(d, 11), "Edison@ENRON");
    dl_doc_free(d);
}

static void test_long_line(void) {
    size_t n = 2 * 1000 * 1000;
    char *big = malloc(n + 1);
    for (size_t i = 0; i < n; i++) big[i] = (i % 7 == 6) ? ' ' : 'a';
    big[n] = '\0';
    dl_doc *d = tokenize(big);
    OK(d->toks.n > 250000, "tokens %zu", d->toks.n);
    INT_EQ(d->sents.n, 1);
    dl_doc_free(d);
    free(big);
}

int main(void) {
    RUN(test_abbreviations);
    RUN(test_abbreviation_ends_sentence);
    RUN(test_initials_and_numbers);
    RUN(test_clitics);
    RUN(test_quotes_over_sentences);
    RUN(test_comma_inside_quote_keeps_sentence);
    RUN(test_paragraphs_without_blank_lines);
    RUN(test_hyphens_and_dashes);
    RUN(test_accents_fold);
    RUN(test_empty_and_junk);
    RUN(test_non_ascii_digits_progress);
    RUN(test_web_text_tokens);
    RUN(test_long_line);
    return dl_test_report();
}
