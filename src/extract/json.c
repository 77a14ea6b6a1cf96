/*
 * extract/json.c -- one JSON record: {"text": ...} or {"html": ...} goes
 * through the text or HTML path; then the record's own fields ("title",
 * "date"/"published", "url", "authors"/"author", "subtitle", "site",
 * "language") replace what the page gave.
 */
#include <jansson.h>
#include <string.h>

#include "extract/extract.h"

bool dl__extract_looks_json(const char *s, size_t n) {
    size_t i = 0;
    if (i >= n || s[i] != '{') return false;
    i++;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    return i < n && (s[i] == '"' || s[i] == '}');
}

/* The first string field among names, or NULL. */
static const char *field(json_t *o, const char *const *names, size_t *len) {
    for (size_t i = 0; names[i]; i++) {
        json_t *v = json_object_get(o, names[i]);
        if (json_is_string(v)) {
            *len = json_string_length(v);
            return json_string_value(v);
        }
    }
    return NULL;
}

/* Sets *slot from the record, replacing the page's value. */
static void override(dl_doc *doc, char **slot, json_t *o, const char *const *names) {
    size_t len;
    const char *v = field(o, names, &len);
    if (!v) return;
    char *c = dl__clean(doc, v, len, true);
    if (c) *slot = c;
}

static void override_date(dl_doc *doc, json_t *o) {
    static const char *const names[] = {"published", "date", "datePublished", "published_at",
                                        "pubdate", "publish_date", NULL};
    size_t len;
    const char *v = field(o, names, &len);
    if (!v) return;
    char iso[DL__DATE_MAX];
    if (dl__parse_date(v, len, false, iso, NULL)) {
        doc->article.published = dl_arena_strdup(&doc->arena, iso);
    } else {
        dl_doc_diag(doc, "extract", DL_DIAG_WARNING, -1, "%s: cannot parse date '%.60s' in record",
                    doc->name, v);
    }
}

/* "authors": ["Jane Doe", {"name": "John Roe"}] or "author": "Jane Doe". */
static void override_authors(dl_doc *doc, json_t *o) {
    json_t *v = json_object_get(o, "authors");
    if (!v) v = json_object_get(o, "author");
    if (!v || json_is_null(v)) return;
    dl_article *a = &doc->article;
    size_t before = a->n_authors;
    char **saved = a->authors;
    a->n_authors = 0;
    a->authors = NULL;
    if (json_is_string(v)) {
        dl__byline(doc, json_string_value(v), json_string_length(v), false, NULL);
    } else if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) {
            if (json_is_object(e)) e = json_object_get(e, "name");
            if (json_is_string(e)) dl__add_author(doc, json_string_value(e), json_string_length(e));
        }
    } else if (json_is_object(v)) {
        json_t *e = json_object_get(v, "name");
        if (json_is_string(e)) dl__add_author(doc, json_string_value(e), json_string_length(e));
    }
    if (a->n_authors == 0 && !(json_is_array(v) && json_array_size(v) == 0)) {
        /* nothing usable: keep what the page said */
        a->n_authors = before;
        a->authors = saved;
    }
}

dl_status dl__extract_json(dl_doc *doc, const char *s, size_t n) {
    json_error_t err;
    json_t *root = json_loadb(s, n, 0, &err);
    if (!root)
        return dl__extract_fail(doc, err.position, "invalid JSON at line %d column %d: %s", err.line,
                                err.column, err.text);
    if (!json_is_object(root)) {
        json_decref(root);
        return dl__extract_fail(doc, 0, "JSON record is not an object");
    }
    static const char *const html_names[] = {"html", "raw_html", "page", NULL};
    static const char *const text_names[] = {"text", "body", "content", "articleBody",
                                             "article", NULL};
    size_t len;
    const char *html = field(root, html_names, &len);
    dl_status st;
    if (html) {
        st = dl__extract_html(doc, html, len, 0);
    } else {
        const char *text = field(root, text_names, &len);
        if (!text) {
            json_decref(root);
            return dl__extract_fail(doc, 0, "JSON record has no \"text\" or \"html\" field");
        }
        size_t m = len;
        const char *t = dl__trim(text, &m);
        if (m == 0) {
            json_decref(root);
            return dl__extract_fail(doc, 0, "empty input (the record's text is empty)");
        }
        st = t[0] == '<' ? dl__extract_html(doc, text, len, 0) : dl__extract_text(doc, text, len);
    }
    if (st == DL_OK) {
        dl_article *a = &doc->article;
        static const char *const title[] = {"title", "headline", NULL};
        static const char *const sub[] = {"subtitle", "dek", "description", NULL};
        static const char *const url[] = {"url", "link", NULL};
        static const char *const site[] = {"site", "source", "site_name", "publisher", NULL};
        static const char *const lang[] = {"language", "lang", NULL};
        override(doc, &a->title, root, title);
        override(doc, &a->subtitle, root, sub);
        override(doc, &a->url, root, url);
        override(doc, &a->site, root, site);
        override(doc, &a->language, root, lang);
        override_date(doc, root);
        override_authors(doc, root);
    }
    json_decref(root);
    return st;
}
