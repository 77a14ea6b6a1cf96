/*
 * extract/extract.c -- the extract stage: doc->src (repaired UTF-8) ->
 * doc->article (title, subtitle, authors, published, dateline, language,
 * url, site, body).  Sniffs the input kind, runs the text, HTML or JSON
 * path, then checks that an article came out and detects its language.
 * Bad input gives one error diagnostic naming the file and DL_ERR_INPUT.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "extract/extract.h"

dl_status dl__extract_fail(dl_doc *doc, int64_t offset, const char *fmt, ...) {
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dl_doc_diag(doc, "extract", DL_DIAG_ERROR, offset, "%s: %s", doc->name ? doc->name : "-", msg);
    return DL_ERR_INPUT;
}

/* Skips a UTF-8 byte-order mark and white space; returns the offset. */
static size_t skip_lead(const char *s, size_t n) {
    size_t i = 0;
    if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF)
        i = 3;
    size_t rest = n - i;
    const char *t = dl__trim(s + i, &rest);
    return rest ? (size_t)(t - s) : n;
}

static dl_input_kind sniff(const char *s, size_t n) {
    if (n && s[0] == '<') return DL_INPUT_HTML;
    if (dl__extract_looks_json(s, n)) return DL_INPUT_JSON;
    return DL_INPUT_TEXT;
}

/* The body must be readable text: letters, not symbols or U+FFFD. */
static dl_status check_body(dl_doc *doc) {
    const dl_article *a = &doc->article;
    if (!a->body || a->body_len == 0) return dl__extract_fail(doc, -1, "no article text");
    size_t letters, nonspace, bad;
    dl__count_letters(a->body, a->body_len, &letters, &nonspace, &bad);
    if (bad * 4 > nonspace || letters * 10 < nonspace * 3)
        return dl__extract_fail(doc, -1, "no readable text (%zu%% letters; binary or wrong encoding?)",
                                nonspace ? letters * 100 / nonspace : 0);
    return DL_OK;
}

dl_status dl_extract_run(dl_engine *eng, dl_doc *doc) {
    (void)eng;
    if (!doc || !doc->src) return DL_ERR_USAGE;
    const char *s = doc->src;
    size_t n = doc->src_len;
    size_t lead = skip_lead(s, n);
    if (lead >= n) return dl__extract_fail(doc, 0, "empty input");
    dl_input_kind kind = (dl_input_kind)doc->input_kind;
    if (kind == DL_INPUT_AUTO) kind = sniff(s + lead, n - lead);
    dl_status st;
    switch (kind) {
    case DL_INPUT_HTML: st = dl__extract_html(doc, s, n, 0); break;
    case DL_INPUT_JSON: st = dl__extract_json(doc, s + lead, n - lead); break;
    default: st = dl__extract_text(doc, s + lead, n - lead); break;
    }
    if (st == DL_ERR_NOMEM) return st;
    if (st != DL_OK) return st;
    if ((st = check_body(doc)) != DL_OK) return st;
    dl_article *a = &doc->article;
    a->language = (char *)dl__detect_language(a->body, a->body_len, a->language);
    char iso[DL__DATE_MAX];
    if (!a->published && dl__url_date(a->url, iso))   /* /2019/11/18/ in the URL */
        a->published = dl_arena_strdup(&doc->arena, iso);
    if (!a->published && doc->default_date[0])
        a->published = dl_arena_strdup(&doc->arena, doc->default_date);
    return DL_OK;
}
