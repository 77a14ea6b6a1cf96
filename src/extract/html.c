/*
 * extract/html.c -- HTML pages: parses with libxml2's HTML parser (recovery
 * on, no network, no entities beyond HTML's), reads the metadata (JSON-LD
 * NewsArticle and friends, OpenGraph and Twitter cards, <meta> names,
 * <time datetime>, <html lang>, <link rel=canonical>, the visible byline)
 * and takes the body from JSON-LD articleBody or from the DOM (dom.c).
 *
 * Charset: the bytes arrive already repaired to UTF-8 (dl_doc_set_source),
 * so <meta charset> is ignored here; converting a page from its declared
 * charset belongs to the reader of raw bytes, before the document exists
 * (extract/charset.h, called by the CLI's input walker).
 */
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/extract.h"
#include "extract/html.h"

/* ---- truncation ---------------------------------------------------------- */

typedef struct {
    size_t last_lt, last_gt;          /* last '<' and '>' (SIZE_MAX when none) */
    size_t open_comment, close_comment;
    size_t open_script, close_script, open_style, close_style;
    bool end_body, end_html, start_page;
} markup_ends;

static bool prefix_ci(const char *s, size_t n, size_t i, const char *p) {
    return dl__has_prefix(s + i, n - i, p);
}

/* One pass over the bytes recording where markup last opens and closes. */
static void scan_markup(const char *s, size_t n, markup_ends *m) {
    memset(m, 0xff, offsetof(markup_ends, end_body));
    m->end_body = m->end_html = m->start_page = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '>') {
            m->last_gt = i;
            if (i >= 2 && s[i - 1] == '-' && s[i - 2] == '-') m->close_comment = i;
        } else if (c == '<') {
            m->last_lt = i;
            if (prefix_ci(s, n, i, "<!--")) m->open_comment = i;
            else if (prefix_ci(s, n, i, "<script")) m->open_script = i;
            else if (prefix_ci(s, n, i, "</script")) m->close_script = i;
            else if (prefix_ci(s, n, i, "<style")) m->open_style = i;
            else if (prefix_ci(s, n, i, "</style")) m->close_style = i;
            else if (prefix_ci(s, n, i, "</body")) m->end_body = true;
            else if (prefix_ci(s, n, i, "</html")) m->end_html = true;
            else if (prefix_ci(s, n, i, "<html") || prefix_ci(s, n, i, "<body") ||
                     prefix_ci(s, n, i, "<!doctype"))
                m->start_page = true;
        }
    }
}

static bool after(size_t open, size_t close) {
    return open != SIZE_MAX && (close == SIZE_MAX || open > close);
}

/* What the page ends inside of ("a tag", "a comment", ...), or NULL.  A
 * page that closes </body> or </html> is complete whatever follows. */
static const char *ends_inside(const char *s, size_t n, const markup_ends *m) {
    if (m->end_body || m->end_html) return NULL;
    if (after(m->open_comment, m->close_comment)) return "a comment";
    if (after(m->open_script, m->close_script)) return "a <script> element";
    if (after(m->open_style, m->close_style)) return "a <style> element";
    if (after(m->last_lt, m->last_gt)) {
        char c = m->last_lt + 1 < n ? s[m->last_lt + 1] : '\0';
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!' || c == '\0')
            return "a tag";
    }
    return NULL;
}

/* ---- metadata ------------------------------------------------------------ */

/* Sources in order of trust. */
enum { P_LD, P_OG, P_META, P_DOM, NPRIO };

typedef struct {
    char *title[NPRIO], *subtitle[NPRIO], *published[NPRIO], *url[NPRIO], *site[NPRIO];
    char *lang[NPRIO];
    char *created;         /* itemprop dateCreated: after every published, before modified */
    char *modified;
    char *ld_body;
    char *authors_ld[8];
    size_t n_ld;
    char *authors_meta[4];
    size_t n_meta;
    char *byline;          /* visible byline text */
    char *title_tag;       /* <title> in <head> */
    size_t budget;         /* nodes text_of may still visit */
    bool ld_found;         /* an article object was read */
} meta;

static void slot(dl_doc *doc, char **s, const char *v) {
    if (!*s && v) *s = dl__clean(doc, v, strlen(v), true);
}

static void slot_date(dl_doc *doc, char **s, const char *v) {
    char iso[DL__DATE_MAX];
    if (!*s && v && (dl__parse_compact_date(v, strlen(v), iso) ||
                     dl__parse_date(v, strlen(v), false, iso, NULL)))
        *s = dl_arena_strdup(&doc->arena, iso);
}

/* Does the space-separated token list (itemprop="datePublished
 * dateCreated", class="date published") hold word? */
static bool has_token(const char *list, const char *word) {
    size_t n = strlen(word);
    for (const char *p = list; p && *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n') p++;
        size_t k = strcspn(p, " \t\n");
        if (k == n && strncasecmp(p, word, n) == 0) return true;
        p += k;
    }
    return false;
}

/* Nodes node_text may visit per page, in all: nested empty bylines or
 * headings would otherwise cost the square of the page's depth. */
enum { TEXT_BUDGET = 200000 };

/* Text of n's subtree (scripts and styles left out), at most cap bytes;
 * *budget counts the nodes visited down. */
static void node_text(xmlNode *top, dl_strbuf *out, size_t cap, size_t *budget) {
    xmlNode *n = top;
    while (n && out->len < cap && *budget > 0) {
        (*budget)--;
        bool descend = false;
        if (n->type == XML_ELEMENT_NODE) {
            const char *name = (const char *)n->name;
            descend = !(name && (strcmp(name, "script") == 0 || strcmp(name, "style") == 0));
            if (n != top && name && (strcmp(name, "br") == 0 || strcmp(name, "p") == 0 ||
                                     strcmp(name, "div") == 0 || strcmp(name, "li") == 0))
                dl_strbuf_addc(out, ' ');
        } else if (n->type == XML_TEXT_NODE && n->content) {
            dl__append_collapsed(out, (const char *)n->content, strlen((const char *)n->content));
        }
        if (descend && n->children) { n = n->children; continue; }
        while (n != top && !n->next) n = n->parent;
        if (n == top) break;
        n = n->next;
    }
}

static char *text_of(dl_doc *doc, meta *m, xmlNode *n, size_t cap) {
    dl_strbuf b;
    dl_strbuf_init(&b);
    node_text(n, &b, cap, &m->budget);
    char *r = b.s ? dl__clean(doc, b.s, b.len, false) : NULL;
    dl_strbuf_release(&b);
    return r;
}

/* ---- JSON-LD ------------------------------------------------------------- */

static bool ld_is_article(json_t *o) {
    static const char *const types[] = {
        "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
        "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting",
        "LiveBlogPosting", "Report", "SatiricalArticle", "TechArticle", "ScholarlyArticle",
        "AdvertiserContentArticle", "SocialMediaPosting", "DiscussionForumPosting", NULL};
    json_t *t = json_object_get(o, "@type");
    for (size_t k = 0; k < (json_is_array(t) ? json_array_size(t) : 1); k++) {
        json_t *e = json_is_array(t) ? json_array_get(t, k) : t;
        if (!json_is_string(e)) continue;
        const char *v = json_string_value(e);
        const char *slash = strrchr(v, '/');   /* "http://schema.org/NewsArticle" */
        if (slash) v = slash + 1;
        for (size_t i = 0; types[i]; i++)
            if (strcmp(v, types[i]) == 0) return true;
    }
    return false;
}

/* Types whose datePublished is the page's when no article object says it:
 * MedicalWebPage, WebPage, ClaimReview (fact checks). */
static bool ld_is_page(json_t *o) {
    json_t *t = json_object_get(o, "@type");
    if (json_is_array(t)) t = json_array_get(t, 0);
    if (!json_is_string(t)) return false;
    const char *v = json_string_value(t);
    size_t n = strlen(v);
    return strcmp(v, "ClaimReview") == 0 || (n >= 7 && strcmp(v + n - 7, "WebPage") == 0);
}

static const char *ld_str(json_t *o, const char *key) {
    json_t *v = json_object_get(o, key);
    if (json_is_array(v) && json_array_size(v) > 0) v = json_array_get(v, 0);
    if (json_is_object(v)) {
        json_t *id = json_object_get(v, "@id");
        json_t *name = json_object_get(v, "name");
        v = json_is_string(name) ? name : id;
    }
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void ld_author(dl_doc *doc, meta *m, json_t *a) {
    if (json_is_object(a)) {
        json_t *t = json_object_get(a, "@type");
        if (json_is_string(t) && strcmp(json_string_value(t), "Organization") == 0) return;
        a = json_object_get(a, "name");
    }
    if (json_is_string(a) && m->n_ld < sizeof m->authors_ld / sizeof *m->authors_ld) {
        char *c = dl__clean(doc, json_string_value(a), json_string_length(a), true);
        if (c) m->authors_ld[m->n_ld++] = c;
    }
}

static void ld_take(dl_doc *doc, meta *m, json_t *o) {
    m->ld_found = true;
    const char *v;
    if ((v = ld_str(o, "headline")) || (v = ld_str(o, "name"))) slot(doc, &m->title[P_LD], v);
    if ((v = ld_str(o, "alternativeHeadline"))) slot(doc, &m->subtitle[P_LD], v);
    if ((v = ld_str(o, "description"))) slot(doc, &m->subtitle[P_OG], v);
    if ((v = ld_str(o, "datePublished")) || (v = ld_str(o, "dateCreated")))
        slot_date(doc, &m->published[P_LD], v);
    if ((v = ld_str(o, "dateModified"))) slot_date(doc, &m->modified, v);
    if ((v = ld_str(o, "url")) || (v = ld_str(o, "mainEntityOfPage"))) slot(doc, &m->url[P_LD], v);
    if ((v = ld_str(o, "publisher"))) slot(doc, &m->site[P_LD], v);
    if ((v = ld_str(o, "inLanguage"))) slot(doc, &m->lang[P_LD], v);
    json_t *body = json_object_get(o, "articleBody");
    if (json_is_string(body) && !m->ld_body && json_string_length(body) > 0) {
        dl_strbuf b;
        dl_strbuf_init(&b);
        dl__html_unescape(&b, json_string_value(body), json_string_length(body));
        if (b.s) m->ld_body = dl_arena_strndup(&doc->arena, b.s, b.len);
        dl_strbuf_release(&b);
    }
    json_t *a = json_object_get(o, "author");
    if (!a) a = json_object_get(o, "creator");
    if (m->n_ld == 0) {
        if (json_is_array(a)) {
            size_t i;
            json_t *e;
            json_array_foreach(a, i, e) ld_author(doc, m, e);
        } else if (a) {
            ld_author(doc, m, a);
        }
    }
}

/* Looks for article objects in a JSON-LD value, through arrays, @graph
 * and mainEntity; depth-capped. */
static void ld_visit(dl_doc *doc, meta *m, json_t *v, int depth) {
    if (depth > 6 || !v) return;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) ld_visit(doc, m, e, depth + 1);
        return;
    }
    if (!json_is_object(v)) return;
    if (ld_is_article(v) && (!m->ld_found || (!m->ld_body && json_object_get(v, "articleBody"))))
        ld_take(doc, m, v);
    else if (ld_is_page(v))   /* a WebPage or ClaimReview: its date alone */
        slot_date(doc, &m->published[P_META], ld_str(v, "datePublished"));
    ld_visit(doc, m, json_object_get(v, "@graph"), depth + 1);
    ld_visit(doc, m, json_object_get(v, "mainEntity"), depth + 1);
}

static void ld_script(dl_doc *doc, meta *m, xmlNode *script) {
    dl_strbuf b;
    dl_strbuf_init(&b);
    for (xmlNode *c = script->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            dl_strbuf_adds(&b, (const char *)c->content);
    if (b.s) {
        /* raw control characters inside strings are common and invalid JSON */
        for (size_t i = 0; i < b.len; i++)
            if ((unsigned char)b.s[i] < 0x20) b.s[i] = ' ';
        size_t start = 0;
        while (start < b.len && b.s[start] != '{' && b.s[start] != '[') start++;
        json_error_t err;
        json_t *root = start < b.len ? json_loadb(b.s + start, b.len - start,
                                                  JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, &err)
                                     : NULL;
        if (root) ld_visit(doc, m, root, 0);
        json_decref(root);
    }
    dl_strbuf_release(&b);
}

/* ---- the metadata walk --------------------------------------------------- */

static bool name_is(const xmlNode *n, const char *name) {
    return n->name && strcmp((const char *)n->name, name) == 0;
}

static bool ci_eq(const char *a, const char *b) { return a && strcasecmp(a, b) == 0; }

static void meta_tag(dl_doc *doc, meta *m, xmlNode *n) {
    /* <meta property="article:published" itemprop="datePublished
     * dateCreated" content="..."> (NYT): the itemprop list says what it is */
    const char *ip = dl__attr(n, "itemprop");
    if (ip && has_token(ip, "datePublished"))
        slot_date(doc, &m->published[P_META], dl__attr(n, "content"));
    else if (ip && has_token(ip, "dateCreated"))
        slot_date(doc, &m->created, dl__attr(n, "content"));
    const char *key = dl__attr(n, "property");
    if (!key) key = dl__attr(n, "name");
    if (!key) key = dl__attr(n, "itemprop");
    if (!key) key = dl__attr(n, "http-equiv");
    const char *v = dl__attr(n, "content");
    if (!key || !v || !v[0]) return;
    static const char *const date_names[] = {
        "date", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date",
        "dc.date", "dc.date.issued", "dc.date.created", "dcterms.created", "dcterms.date",
        "sailthru.date", "parsely-pub-date", "article.published", "article_date_original",
        "og:published_time", "datepublished", "citation_publication_date", "originalpublicationdate",
        "cxenseparse:recs:publishtime", "rnews:datepublished", "dc.date.published", "pdate",
        "displaydate", "ptime", "release_date", NULL};
    if (ci_eq(key, "og:title")) slot(doc, &m->title[P_OG], v);
    else if (ci_eq(key, "twitter:title")) slot(doc, &m->title[P_META], v);
    else if (ci_eq(key, "og:description")) slot(doc, &m->subtitle[P_OG], v);
    else if (ci_eq(key, "description") || ci_eq(key, "twitter:description"))
        slot(doc, &m->subtitle[P_META], v);
    else if (ci_eq(key, "article:published_time") || ci_eq(key, "og:article:published_time") ||
             ci_eq(key, "article:published"))
        slot_date(doc, &m->published[P_OG], v);
    else if (ci_eq(key, "article:modified_time") || ci_eq(key, "og:updated_time") ||
             ci_eq(key, "datemodified") || ci_eq(key, "last-modified"))
        slot_date(doc, &m->modified, v);
    else if (ci_eq(key, "og:url")) slot(doc, &m->url[P_OG], v);
    else if (ci_eq(key, "og:site_name")) slot(doc, &m->site[P_OG], v);
    else if (ci_eq(key, "application-name") || ci_eq(key, "publisher"))
        slot(doc, &m->site[P_META], v);
    else if (ci_eq(key, "og:locale") || ci_eq(key, "content-language") || ci_eq(key, "language") ||
             ci_eq(key, "dc.language"))
        slot(doc, &m->lang[P_OG], v);
    else if (ci_eq(key, "author") || ci_eq(key, "article:author") || ci_eq(key, "byl") ||
             ci_eq(key, "parsely-author") || ci_eq(key, "sailthru.author") ||
             ci_eq(key, "dc.creator") || ci_eq(key, "citation_author") || ci_eq(key, "twitter:creator")) {
        bool url = strstr(v, "://") || v[0] == '@';
        if (!url && m->n_meta < sizeof m->authors_meta / sizeof *m->authors_meta) {
            char *c = dl__clean(doc, v, strlen(v), true);
            if (c) m->authors_meta[m->n_meta++] = c;
        }
    } else {
        for (size_t i = 0; date_names[i]; i++)
            if (ci_eq(key, date_names[i])) { slot_date(doc, &m->published[P_META], v); break; }
    }
}

/* Class or id naming a byline ("byline", "author-name", "article-author"). */
static bool byline_class(const xmlNode *n) {
    const char *parts[2] = {dl__attr(n, "class"), dl__attr(n, "id")};
    for (int p = 0; p < 2; p++) {
        if (!parts[p]) continue;
        char buf[128];
        size_t k = 0;
        for (const char *s = parts[p]; *s && k + 1 < sizeof buf; s++)
            buf[k++] = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
        buf[k] = '\0';
        if (strstr(buf, "byline") || strstr(buf, "author-name") || strstr(buf, "authorname") ||
            strstr(buf, "article-author") || strstr(buf, "story-author") || strstr(buf, "by-author"))
            return true;
    }
    return false;
}

/* Does a class name the publication date ("published_date", "datetime",
 * "ws-press__container__date")?  Update and comment dates are not it. */
static bool date_class(const xmlNode *n) {
    const char *c = dl__attr(n, "class");
    if (!c) return false;
    static const char *const words[] = {"published_date", "published-date", "publish-date",
                                        "pubdate", "datetime", "date-published", "post-date",
                                        "entry-date", "article-date", "story-date", NULL};
    for (size_t i = 0; words[i]; i++)
        if (has_token(c, words[i])) return true;
    size_t len = strlen(c);   /* BEM: block__date */
    return len > 6 && len < 64 && strcmp(c + len - 6, "__date") == 0;
}

static void element(dl_doc *doc, meta *m, xmlNode *n, bool *in_head_title) {
    const char *ip = dl__attr(n, "itemprop");
    if (name_is(n, "html")) {
        const char *l = dl__attr(n, "lang");
        if (l && l[0]) slot(doc, &m->lang[P_DOM], l);
    } else if (name_is(n, "meta")) {
        meta_tag(doc, m, n);
    } else if (name_is(n, "link")) {
        const char *rel = dl__attr(n, "rel");
        if (ci_eq(rel, "canonical")) slot(doc, &m->url[P_META], dl__attr(n, "href"));
    } else if (name_is(n, "title")) {
        if (!*in_head_title && n->parent && name_is(n->parent, "head")) {
            *in_head_title = true;
            m->title_tag = text_of(doc, m, n, 1000);
        }
    } else if (name_is(n, "script")) {
        const char *type = dl__attr(n, "type");
        if (type && strstr(type, "ld+json")) ld_script(doc, m, n);
    } else if (name_is(n, "time")) {
        const char *dt = dl__attr(n, "datetime");
        if (dt && ((ip && strstr(ip, "datePublished")) || dl__attr(n, "pubdate")))
            slot_date(doc, &m->published[P_META], dt);
        else if (dt)
            slot_date(doc, &m->published[P_DOM], dt);
    } else if (name_is(n, "h1")) {
        if (!m->title[P_DOM]) m->title[P_DOM] = text_of(doc, m, n, 1000);
    }
    if (ip && has_token(ip, "datePublished") && !name_is(n, "meta") && !name_is(n, "time")) {
        const char *v = dl__attr(n, "content");
        char *t = v ? NULL : text_of(doc, m, n, 200);
        slot_date(doc, &m->published[P_META], v ? v : t);
    } else if (!m->published[P_DOM] && !name_is(n, "meta") && date_class(n)) {
        /* <span class="datetime">Monday, November 18, 2019</span>,
         * <input class="published_date" value="2019-11-19 02:24:47"> */
        const char *v = dl__attr(n, "value");
        if (!v) v = dl__attr(n, "datetime");
        char *t = v ? NULL : text_of(doc, m, n, 200);
        if (v || (t && strlen(t) <= 80)) slot_date(doc, &m->published[P_DOM], v ? v : t);
    }
    if (!m->byline && !name_is(n, "meta") && !name_is(n, "link") &&
        ((ip && strcmp(ip, "author") == 0) || ci_eq(dl__attr(n, "rel"), "author") || byline_class(n))) {
        char *t = text_of(doc, m, n, 400);
        if (t && strlen(t) <= 200) m->byline = t;
    }
}

/* Walks the whole page once (iteratively) for its metadata. */
static void read_meta(dl_doc *doc, xmlDoc *d, meta *m) {
    xmlNode *root = xmlDocGetRootElement(d), *n = root;
    bool head_title = false;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) element(doc, m, n, &head_title);
        bool descend = n->type == XML_ELEMENT_NODE && n->children && !name_is(n, "script") &&
                       !name_is(n, "style");
        if (descend) { n = n->children; continue; }
        while (n != root && !n->next) n = n->parent;
        if (n == root) break;
        n = n->next;
    }
}

/* ---- resolving the fields ------------------------------------------------- */

static char *first(char *const *v) {
    for (int i = 0; i < NPRIO; i++)
        if (v[i]) return v[i];
    return NULL;
}

/* "Headline | Site" or "Headline - Site": cuts the site part. */
static char *strip_site(dl_doc *doc, char *t, const char *site) {
    if (!t) return t;
    static const char *const seps[] = {" | ", " - ", " \xe2\x80\x94 ", " \xe2\x80\x93 ", " :: ",
                                       " \xc2\xbb ", " \xe2\x80\xa2 ", NULL};
    for (size_t i = 0; seps[i]; i++) {
        char *p = NULL, *q = t;
        while ((q = strstr(q, seps[i]))) { p = q; q++; }
        if (!p) continue;
        const char *tail = p + strlen(seps[i]);
        size_t head = (size_t)(p - t);
        size_t words = 1;
        for (const char *s = tail; *s; s++) words += *s == ' ';
        bool is_site = site && strcasecmp(tail, site) == 0;
        if (is_site || (words <= 4 && head > strlen(tail) * 2 && head > 20))
            return dl_arena_strndup(&doc->arena, t, head);
    }
    return t;
}

/* "en-US" -> "en" (arena). */
static char *lang_code(dl_doc *doc, const char *l) {
    if (!l) return NULL;
    size_t k = 0;
    char buf[8];
    while (l[k] && k < 3 && ((l[k] >= 'a' && l[k] <= 'z') || (l[k] >= 'A' && l[k] <= 'Z'))) {
        buf[k] = l[k] >= 'A' && l[k] <= 'Z' ? (char)(l[k] - 'A' + 'a') : l[k];
        k++;
    }
    if (k < 2) return NULL;
    buf[k] = '\0';
    return dl_arena_strdup(&doc->arena, buf);
}

static void resolve(dl_doc *doc, meta *m) {
    dl_article *a = &doc->article;
    a->site = first(m->site);
    char *title = m->title[P_LD] ? m->title[P_LD] : m->title[P_OG] ? strip_site(doc, m->title[P_OG], a->site)
                : m->title[P_DOM] ? m->title[P_DOM]
                : m->title[P_META] ? strip_site(doc, m->title[P_META], a->site)
                                   : strip_site(doc, m->title_tag, a->site);
    a->title = title;
    a->subtitle = first(m->subtitle);
    if (a->subtitle && a->title && strcasecmp(a->subtitle, a->title) == 0) a->subtitle = NULL;
    if (a->subtitle && strlen(a->subtitle) > 320) a->subtitle = NULL;   /* a teaser, not a dek */
    a->published = first(m->published);
    if (!a->published) a->published = m->created;
    if (!a->published) a->published = m->modified;
    char iso[DL__DATE_MAX];   /* the canonical URL's date, even when a WARC gave the URL */
    if (!a->published && dl__url_date(first(m->url), iso))
        a->published = dl_arena_strdup(&doc->arena, iso);
    if (!a->url) a->url = first(m->url);   /* a URL the input came with (WARC) wins */
    /* <html lang> first, then meta, then JSON-LD */
    char *l = m->lang[P_DOM] ? m->lang[P_DOM] : m->lang[P_OG] ? m->lang[P_OG] : m->lang[P_LD];
    a->language = lang_code(doc, l);
    for (size_t i = 0; i < m->n_ld; i++) dl__byline(doc, m->authors_ld[i], strlen(m->authors_ld[i]), false, NULL);
    for (size_t i = 0; a->n_authors == 0 && i < m->n_meta; i++)
        dl__byline(doc, m->authors_meta[i], strlen(m->authors_meta[i]), false, NULL);
    if (a->n_authors == 0 && m->byline) {
        if (dl__byline(doc, m->byline, strlen(m->byline), true, NULL) <= 0)
            dl__byline(doc, m->byline, strlen(m->byline), false, NULL);
    }
}

/* ---- the body ------------------------------------------------------------- */

/* Splits text into paragraphs at newlines (runs of them). */
static size_t split_paras(const char *s, size_t n, dl__line **out) {
    size_t cap = 16, k = 0;
    dl__line *v = malloc(cap * sizeof *v);
    if (!v) return 0;
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - s) : n;
        size_t len = end - i;
        const char *t = dl__trim(s + i, &len);
        if (len) {
            if (k == cap) {
                cap *= 2;
                dl__line *w = realloc(v, cap * sizeof *w);
                if (!w) break;
                v = w;
            }
            v[k++] = (dl__line){t, len};
        }
        i = end + 1;
    }
    *out = v;
    return k;
}

/* Same text, ignoring case and white space? */
static bool same_text(const char *a, size_t na, const char *b) {
    size_t i = 0, j = 0, nb = strlen(b);
    while (i < na && j < nb) {
        if (a[i] == ' ') { i++; continue; }
        if (b[j] == ' ') { j++; continue; }
        char x = a[i], y = b[j];
        if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = (char)(y - 'A' + 'a');
        if (x != y) return false;
        i++;
        j++;
    }
    while (i < na && a[i] == ' ') i++;
    while (j < nb && b[j] == ' ') j++;
    return i == na && j == nb;
}

/* Lower-cases s[0..n) without its white space into buf[cap]. */
static size_t squeeze(const char *s, size_t n, char *buf, size_t cap) {
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        char c = s[i];
        if (c == ' ') continue;
        buf[k++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    buf[k] = '\0';
    return k;
}

/* Does paragraph s repeat the title, or hold it with a site name around? */
static bool is_title(const char *s, size_t n, const char *title) {
    if (!title) return false;
    if (same_text(s, n, title)) return true;
    char a[512], b[512];
    size_t na = squeeze(s, n, a, sizeof a), nb = squeeze(title, strlen(title), b, sizeof b);
    if (na < 16 || nb < 16 || na >= sizeof a - 1 || nb >= sizeof b - 1) return false;
    return (na > nb && na < nb * 2 && strstr(a, b)) || (nb > na && nb < na * 2 && strstr(b, a));
}

/* A paragraph of the article proper: long, or a full sentence. */
static bool is_prose(const char *s, size_t n) {
    size_t words = 1;
    for (size_t i = 0; i < n; i++) words += s[i] == ' ';
    return n >= 150 || (words >= 10 && (s[n - 1] == '.' || s[n - 1] == '"'));
}

/* Marks the headline, byline, date and furniture lines among those that
 * open the extracted text (before its first prose paragraph), keeping what
 * they say; marked lines get n = 0. */
static void strip_lead(dl_doc *doc, dl__line *p, size_t n) {
    dl_article *a = &doc->article;
    for (size_t k = 0; k < n && k < 10; k++) {
        const char *s = p[k].s;
        size_t len = p[k].n;
        if (is_prose(s, len)) break;
        char date[DL__DATE_MAX] = "";
        bool upd, drop = false;
        if (is_title(s, len, a->title) || (a->subtitle && same_text(s, len, a->subtitle))) {
            drop = true;
        } else if (dl__date_line(s, len, date, &upd)) {
            if (!a->published) a->published = dl_arena_strdup(&doc->arena, date);
            drop = true;
        } else if (len < 160) {
            size_t before = a->n_authors;
            int r = dl__byline(doc, s, len, true, date);
            if (before) a->n_authors = before;   /* metadata named them already */
            if (r >= 0) {
                if (date[0] && !a->published) a->published = dl_arena_strdup(&doc->arena, date);
                drop = true;
            }
        }
        if (!drop && dl__is_furniture(s, len)) drop = true;
        if (drop) p[k].n = 0;
    }
}

/* JSON-LD articleBody may hold markup: tags become paragraph breaks. */
static void strip_tags(const char *s, dl_strbuf *out) {
    for (const char *p = s; *p;) {
        if (*p == '<') {
            const char *e = strchr(p, '>');
            if (!e) break;
            bool block = dl__has_prefix(p, (size_t)(e - p), "<p") || dl__has_prefix(p, (size_t)(e - p), "</p") ||
                         dl__has_prefix(p, (size_t)(e - p), "<br") || dl__has_prefix(p, (size_t)(e - p), "<h") ||
                         dl__has_prefix(p, (size_t)(e - p), "</h") || dl__has_prefix(p, (size_t)(e - p), "<li") ||
                         dl__has_prefix(p, (size_t)(e - p), "<div") || dl__has_prefix(p, (size_t)(e - p), "</div");
            dl_strbuf_addc(out, block ? '\n' : ' ');
            p = e + 1;
        } else {
            const char *lt = strchr(p, '<');
            size_t m = lt ? (size_t)(lt - p) : strlen(p);
            dl_strbuf_add(out, p, m);
            p += m;
        }
    }
}

/* Body text: JSON-LD articleBody when it is long and not a teaser of the
 * DOM text, else the DOM's. */
static dl_status choose_body(dl_doc *doc, xmlDoc *d, meta *m, dl_strbuf *text) {
    dl_strbuf dom;
    dl_status st = dl__dom_body(d, &dom);
    if (st != DL_OK) { dl_strbuf_release(&dom); return st; }
    if (m->ld_body) {
        dl_strbuf ld;
        dl_strbuf_init(&ld);
        if (strchr(m->ld_body, '<')) strip_tags(m->ld_body, &ld);
        else dl_strbuf_adds(&ld, m->ld_body);
        size_t letters, nonspace;
        dl__count_letters(ld.s ? ld.s : "", ld.len, &letters, &nonspace, NULL);
        size_t dom_letters, dom_nonspace;
        dl__count_letters(dom.s ? dom.s : "", dom.len, &dom_letters, &dom_nonspace, NULL);
        if ((nonspace >= 200 && nonspace * 10 >= dom_nonspace * 7) || nonspace > dom_nonspace * 3 / 2) {
            dl_strbuf_release(&dom);
            *text = ld;
            return DL_OK;
        }
        dl_strbuf_release(&ld);
    }
    *text = dom;
    return DL_OK;
}

static dl_status html_body(dl_doc *doc, xmlDoc *d, meta *m, dl__para_buf *pb) {
    dl_strbuf text;
    dl_status st = choose_body(doc, d, m, &text);
    if (st != DL_OK) { dl_strbuf_release(&text); return st; }
    dl__line *paras = NULL;
    size_t n = text.s ? split_paras(text.s, text.len, &paras) : 0;
    strip_lead(doc, paras, n);
    dl__body_lines(doc, paras, n, pb);
    free(paras);
    dl_strbuf_release(&text);
    /* a dek repeated as the lede is no dek */
    dl_article *a = &doc->article;
    if (a->subtitle && pb->buf.s) {
        size_t sl = strlen(a->subtitle);
        if (sl <= pb->buf.len && same_text(pb->buf.s, sl, a->subtitle)) a->subtitle = NULL;
        else if (sl > 40 && strncmp(pb->buf.s, a->subtitle, 40) == 0) a->subtitle = NULL;
    }
    return pb->buf.oom ? DL_ERR_NOMEM : DL_OK;
}

dl_status dl__extract_html(dl_doc *doc, const char *s, size_t n, size_t base) {
    if (n > INT_MAX) return dl__extract_fail(doc, 0, "HTML page too large (%zu bytes)", n);
    markup_ends ends;
    scan_markup(s, n, &ends);
    const char *inside = ends_inside(s, n, &ends);
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
               HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
    xmlDoc *d = htmlReadMemory(s, (int)n, NULL, "UTF-8", opts);
    if (!d || !xmlDocGetRootElement(d)) {
        if (d) xmlFreeDoc(d);
        if (inside)
            return dl__extract_fail(doc, (int64_t)(base + n), "truncated HTML page (ends at byte %zu, inside %s)",
                                    base + n, inside);
        return dl__extract_fail(doc, (int64_t)base, "cannot parse HTML page");
    }
    meta m;
    memset(&m, 0, sizeof m);
    m.budget = TEXT_BUDGET;
    read_meta(doc, d, &m);
    resolve(doc, &m);
    dl__para_buf pb;
    dl__para_init(&pb);
    dl_status st = html_body(doc, d, &m, &pb);
    xmlFreeDoc(d);
    if (st == DL_OK) st = dl__para_finish(&pb, doc);
    dl__para_release(&pb);
    if (st != DL_OK) return st;
    /* truncated: stops inside markup, or a whole page without its end tags;
     * with little text the article is lost, with enough it is kept */
    bool unclosed = ends.start_page && !ends.end_body && !ends.end_html;
    size_t len = doc->article.body_len;
    if ((inside || unclosed) && len < 1000)
        return dl__extract_fail(doc, (int64_t)(base + n), "truncated HTML page (ends at byte %zu%s%s)",
                                base + n, inside ? ", inside " : "", inside ? inside : "");
    if (inside || unclosed)
        dl_doc_diag(doc, "extract", DL_DIAG_WARNING, (int64_t)(base + n),
                    "%s: HTML page ends at byte %zu without its end tags; the text may be incomplete",
                    doc->name, base + n);
    if (len == 0) return dl__extract_fail(doc, (int64_t)base, "no article text in HTML page");
    return DL_OK;
}
