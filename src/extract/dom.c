/*
 * extract/dom.c -- the article body of an HTML page, from the DOM.  The
 * content scoring follows Mozilla Readability (Readability.js 0.6): every
 * paragraph scores 1 + commas + length/100 and passes the score to five
 * levels of ancestors; the best container, discounted by its link density,
 * is taken with its strong siblings and cleaned of link lists and widgets.
 * Every walk is iterative (pointer chasing over parent/next links), so the
 * depth of the DOM costs no stack.
 */
#include <libxml/HTMLparser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "extract/html.h"

/* ---- tags ---------------------------------------------------------------- */

enum {
    T_OTHER, T_INLINE, T_BLOCK, T_SKIP, T_P, T_DIV, T_SECTION, T_ARTICLE, T_MAIN, T_BODY,
    T_PRE, T_TD, T_TH, T_TR, T_TABLE, T_BLOCKQUOTE, T_UL, T_OL, T_LI, T_DL, T_DT, T_DD,
    T_H1, T_H2, T_H3, T_H4, T_H5, T_H6, T_A, T_BR, T_HR, T_IMG, T_FORM, T_FIELDSET,
    T_ADDRESS, T_SPAN, T_FONT, T_CENTER,
    /* skipped, but counted for the cleaning rules */
    T_INPUT, T_EMBED,
};

static const struct { const char *name; uint8_t tag; } tags[] = {
    {"p", T_P}, {"div", T_DIV}, {"section", T_SECTION}, {"article", T_ARTICLE},
    {"main", T_MAIN}, {"body", T_BODY}, {"pre", T_PRE}, {"td", T_TD}, {"th", T_TH},
    {"tr", T_TR}, {"table", T_TABLE}, {"blockquote", T_BLOCKQUOTE}, {"ul", T_UL},
    {"ol", T_OL}, {"li", T_LI}, {"dl", T_DL}, {"dt", T_DT}, {"dd", T_DD}, {"h1", T_H1},
    {"h2", T_H2}, {"h3", T_H3}, {"h4", T_H4}, {"h5", T_H5}, {"h6", T_H6}, {"a", T_A},
    {"br", T_BR}, {"hr", T_HR}, {"img", T_IMG}, {"form", T_FORM}, {"fieldset", T_FIELDSET},
    {"address", T_ADDRESS}, {"span", T_SPAN}, {"font", T_FONT}, {"center", T_CENTER},
    {"input", T_INPUT}, {"textarea", T_INPUT}, {"select", T_INPUT}, {"button", T_INPUT},
    {"iframe", T_EMBED}, {"embed", T_EMBED}, {"object", T_EMBED}, {"video", T_EMBED},
    {"audio", T_EMBED},
    /* never article text */
    {"script", T_SKIP}, {"style", T_SKIP}, {"noscript", T_SKIP}, {"template", T_SKIP},
    {"svg", T_SKIP}, {"math", T_SKIP}, {"canvas", T_SKIP}, {"nav", T_SKIP},
    {"footer", T_SKIP}, {"aside", T_SKIP}, {"figure", T_SKIP}, {"figcaption", T_SKIP},
    {"picture", T_SKIP}, {"map", T_SKIP}, {"head", T_SKIP}, {"title", T_SKIP},
    {"meta", T_SKIP}, {"link", T_SKIP}, {"dialog", T_SKIP}, {"header", T_SKIP},
    {"option", T_SKIP}, {"label", T_SKIP}, {"menu", T_SKIP}, {"source", T_SKIP},
    {"track", T_SKIP}, {"param", T_SKIP}, {"applet", T_SKIP}, {"frame", T_SKIP},
    {"frameset", T_SKIP}, {"caption", T_SKIP},
    /* other blocks */
    {"html", T_BLOCK}, {"tbody", T_BLOCK}, {"thead", T_BLOCK}, {"tfoot", T_BLOCK},
    {"details", T_BLOCK}, {"summary", T_BLOCK}, {"hgroup", T_BLOCK},
};

static uint8_t tag_of(const xmlNode *n) {
    const char *name = (const char *)n->name;
    if (!name) return T_OTHER;
    for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
        if (strcmp(tags[i].name, name) == 0) return tags[i].tag;
    return T_INLINE;
}

static bool is_block(uint8_t t) {
    switch (t) {
    case T_BLOCK: case T_P: case T_DIV: case T_SECTION: case T_ARTICLE: case T_MAIN:
    case T_BODY: case T_PRE: case T_TR: case T_TABLE: case T_BLOCKQUOTE: case T_UL:
    case T_OL: case T_LI: case T_DL: case T_DT: case T_DD: case T_H1: case T_H2: case T_H3:
    case T_H4: case T_H5: case T_H6: case T_BR: case T_HR: case T_FORM: case T_FIELDSET:
    case T_ADDRESS: case T_CENTER:
        return true;
    default:
        return false;
    }
}


/* ---- attributes ---------------------------------------------------------- */

const char *dl__attr(const xmlNode *n, const char *name) {
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (a->name && strcmp((const char *)a->name, name) == 0) {
            const xmlNode *c = a->children;
            if (c && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
                return (const char *)c->content;
            return "";
        }
    }
    return NULL;
}

/* The lower-cased "class id" of n into buf (cut to cap - 1 bytes). */
static size_t class_id(const xmlNode *n, char *buf, size_t cap) {
    size_t k = 0;
    const char *parts[2] = {dl__attr(n, "class"), dl__attr(n, "id")};
    for (int p = 0; p < 2; p++) {
        if (!parts[p]) continue;
        if (k && k + 1 < cap) buf[k++] = ' ';
        for (const char *s = parts[p]; *s && k + 1 < cap; s++)
            buf[k++] = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
    }
    buf[k] = '\0';
    return k;
}

/* Does kw occur in s at a word start (after the start, ' ', '-', '_')? */
static bool kw_at_start(const char *s, const char *kw) {
    for (const char *p = strstr(s, kw); p; p = strstr(p + 1, kw))
        if (p == s || p[-1] == ' ' || p[-1] == '-' || p[-1] == '_') return true;
    return false;
}

/* Is kw a whole token (between start/end, ' ', '-', '_')? */
static bool kw_token(const char *s, const char *kw) {
    size_t m = strlen(kw);
    for (const char *p = strstr(s, kw); p; p = strstr(p + 1, kw)) {
        bool a = p == s || p[-1] == ' ' || p[-1] == '-' || p[-1] == '_';
        char e = p[m];
        bool b = e == '\0' || e == ' ' || e == '-' || e == '_';
        if (a && b) return true;
    }
    return false;
}

/* Class and id words of page furniture whose subtree is never article
 * text (matched at a word start: "share-bar", "related_links"). */
static const char *const junk_words[] = {
    "comment", "share", "sharing", "social", "related", "recommend", "newsletter",
    "subscribe", "promo", "cookie", "consent", "gdpr", "advert", "sponsor", "outbrain",
    "taboola", "popup", "modal", "breadcrumb", "pagination", "byline", "caption", "disqus",
    "most-read", "mostread", "most-popular", "mostpopular", "read-more", "readmore",
    "also-read", "more-stories", "trending", "signup", "sign-up", "paywall", "skip-link",
    "sr-only", "visually-hidden", "screen-reader", "toolbar", "tag-list", "taglist",
    "author-bio", "author-info", "about-author", "further-reading", "next-article",
    "prev-next", "dateline-", "timestamp", "published-date", "article-date", "post-date",
    "post-meta", "entry-meta", "article-meta", "meta-data", "print-", "adslot", "ad-slot",
    "adunit", "ad-unit", "ad-container", "ad-wrap", "ad-box", "dfp", "gpt-ad", "in-article-ad",
    "hidden", "nocontent", "noprint", "inline-ad", "lede-image", "credit", "photo-credit",
    "image-credit", "video-player", "player", "slideshow", "gallery", "rating", "poll",
    "login", "masthead", "navbar", "navigation", "menu", "sidebar", "footer", "header",
    NULL,
};

/* Whole class tokens that mark advertisements. */
static const char *const junk_tokens[] = {"ad", "ads", "advertisement", "nav", "tags", "share",
                                          "social", "hide", "d-none", "cta", NULL};

static bool has_kw(const char *ci, const char *const *list, bool token) {
    for (size_t i = 0; list[i]; i++)
        if (token ? kw_token(ci, list[i]) : kw_at_start(ci, list[i])) return true;
    return false;
}

/* "comment" inside "commentary" or "comments-count" headers: commentary
 * is an article genre, not a comment thread. */
/* Words that mark furniture wherever they occur in a class name
 * ("newsCaption", "articleByline", "footerNewsletter"). */
static const char *const junk_anywhere[] = {"caption", "byline", "newsletter", "advert", "outbrain",
                                            "taboola", "breadcrumb", "disqus", "cookie", NULL};

static bool junk_class(const char *ci) {
    if (!ci[0]) return false;
    if (strstr(ci, "commentary") || strstr(ci, "article-body") || strstr(ci, "articlebody") ||
        strstr(ci, "story-body") || strstr(ci, "post-body") || strstr(ci, "entry-content") ||
        strstr(ci, "article-content") || strstr(ci, "main-content"))
        return false;
    for (size_t i = 0; junk_anywhere[i]; i++)
        if (strstr(ci, junk_anywhere[i])) return true;
    return has_kw(ci, junk_words, false) || has_kw(ci, junk_tokens, true);
}

static const char *const positive_words[] = {"article", "body", "content", "entry", "hentry",
                                             "h-entry", "main", "page", "post", "text", "blog",
                                             "story", NULL};
static const char *const negative_words[] = {
    "hidden", "banner", "combx", "contact", "foot", "footnote", "masthead", "media", "meta",
    "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper",
    "sponsor", "shopping", "tags", "tool", "widget", "nav", "menu", "comment", "aside",
    "header", "teaser", NULL};

static int class_weight(const char *ci) {
    if (!ci[0]) return 0;
    int w = 0;
    for (size_t i = 0; negative_words[i]; i++)
        if (strstr(ci, negative_words[i])) { w -= 25; break; }
    for (size_t i = 0; positive_words[i]; i++)
        if (strstr(ci, positive_words[i])) { w += 25; break; }
    return w;
}

/* Hidden by markup: hidden attribute, display:none, aria-hidden. */
static bool hidden(const xmlNode *n) {
    if (dl__attr(n, "hidden")) return true;
    const char *ah = dl__attr(n, "aria-hidden");
    if (ah && strcmp(ah, "true") == 0) return true;
    const char *st = dl__attr(n, "style");
    if (st) {
        char buf[256];
        size_t k = 0;
        for (const char *s = st; *s && k + 1 < sizeof buf; s++)
            if (*s != ' ') buf[k++] = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
        buf[k] = '\0';
        if (strstr(buf, "display:none") || strstr(buf, "visibility:hidden")) return true;
    }
    return false;
}

/* ---- the node table ------------------------------------------------------ */

enum { F_CAND = 1, F_INA = 2, F_BODYPROP = 4 };

typedef struct {
    xmlNode *node;
    int32_t parent;
    uint8_t tag, flags;
    int16_t weight;
    uint32_t text, link, commas;    /* non-space characters in the subtree */
    uint32_t own, own_commas;       /* in direct text children */
    uint32_t n_p, n_img, n_li, n_input, n_embed, n_block, li_text, n_child;
    float score;
    float inner;                    /* best candidate score in the subtree */
} ninfo;

typedef struct {
    ninfo *v;
    size_t n, cap;
    bool relaxed;   /* keep class-named furniture (second try) */
    bool oom;
} dom;

static int idx_of(const xmlNode *n) { return n && n->_private ? (int)(intptr_t)n->_private - 1 : -1; }

static int add_node(dom *d, xmlNode *node, int parent, uint8_t tag) {
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 1024;
        ninfo *v = realloc(d->v, cap * sizeof *v);
        if (!v) { d->oom = true; return -1; }
        d->v = v;
        d->cap = cap;
    }
    ninfo *x = &d->v[d->n];
    memset(x, 0, sizeof *x);
    x->node = node;
    x->parent = parent;
    x->tag = tag;
    node->_private = (void *)(intptr_t)(d->n + 1);
    return (int)d->n++;
}

/* Counts non-space characters and commas of a text node. */
static void count_text(const char *s, uint32_t *chars, uint32_t *commas) {
    uint32_t c = 0, k = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p <= ' ' || (*p & 0xC0) == 0x80) continue;
        if (*p == 0xC2 && p[1] == 0xA0) continue;   /* NBSP */
        c++;
        if (*p == ',') k++;
        else if (*p == 0xEF && p[1] == 0xBC && p[2] == 0x8C) k++;   /* U+FF0C */
        else if (*p == 0xD8 && p[1] == 0x8C) k++;                   /* Arabic comma */
    }
    *chars = c;
    *commas = k;
}

/* Should the walk leave out element n (and its subtree)? */
static bool leave_out(dom *d, xmlNode *n, uint8_t tag, char *ci) {
    if (tag == T_SKIP || tag == T_INPUT || tag == T_EMBED) return true;
    if (hidden(n)) return true;
    if (d->relaxed || tag == T_BODY || tag == T_ARTICLE || tag == T_MAIN || tag == T_BLOCK)
        return false;
    const char *ip = dl__attr(n, "itemprop");
    if (ip && strstr(ip, "articleBody")) return false;
    return junk_class(ci);
}

/* Pass 1: records every kept element under root in document order. */
static void build(dom *d, xmlNode *root) {
    xmlNode *n = root;
    char ci[256];
    while (n) {
        bool descend = false;
        if (n->type == XML_ELEMENT_NODE) {
            n->_private = NULL;
            uint8_t tag = tag_of(n);
            int parent = n == root ? -1 : idx_of(n->parent);
            class_id(n, ci, sizeof ci);
            if (leave_out(d, n, tag, ci)) {
                if (parent >= 0 && tag == T_INPUT) d->v[parent].n_input++;
                if (parent >= 0 && tag == T_EMBED) d->v[parent].n_embed++;
            } else {
                int i = add_node(d, n, parent, tag);
                if (i < 0) return;
                ninfo *x = &d->v[i];
                x->weight = (int16_t)class_weight(ci);
                if (tag == T_A || (parent >= 0 && (d->v[parent].flags & F_INA))) x->flags |= F_INA;
                const char *ip = dl__attr(n, "itemprop");
                if (ip && strstr(ip, "articleBody")) x->flags |= F_BODYPROP;
                if (tag == T_P) x->n_p = 1;
                if (tag == T_IMG) x->n_img = 1;
                if (tag == T_LI) x->n_li = 1;
                descend = true;
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content &&
                   n != root) {
            int p = idx_of(n->parent);
            if (p >= 0) {
                uint32_t c, k;
                count_text((const char *)n->content, &c, &k);
                ninfo *x = &d->v[p];
                x->own += c;
                x->own_commas += k;
                if (x->flags & F_INA) x->link += c;
            }
        }
        if (descend && n->children) { n = n->children; continue; }
        while (n != root && !n->next) n = n->parent;
        if (n == root) break;
        n = n->next;
    }
}

/* Sums subtree counts bottom-up: in document order, every descendant of
 * i comes after i, so a reverse sweep sees each node complete. */
static void sum_up(dom *d) {
    for (size_t i = 0; i < d->n; i++) {
        d->v[i].text += d->v[i].own;
        d->v[i].commas += d->v[i].own_commas;
    }
    for (size_t i = d->n; i-- > 0;) {
        ninfo *x = &d->v[i];
        if (x->tag == T_LI) x->li_text = x->text;
        if (x->parent < 0) continue;
        ninfo *p = &d->v[x->parent];
        p->text += x->text;
        p->link += x->link;
        p->commas += x->commas;
        p->n_p += x->n_p;
        p->n_img += x->n_img;
        p->n_li += x->n_li;
        p->n_input += x->n_input;
        p->n_embed += x->n_embed;
        p->li_text += x->li_text;
        p->n_child++;
        if (is_block(x->tag)) p->n_block++;
    }
}

static float link_density(const ninfo *x) { return x->text ? (float)x->link / (float)x->text : 0.0f; }

static void init_candidate(ninfo *x) {
    if (x->flags & F_CAND) return;
    x->flags |= F_CAND;
    float s = 0;
    switch (x->tag) {
    case T_DIV: s = 5; break;
    case T_PRE: case T_TD: case T_BLOCKQUOTE: s = 3; break;
    case T_ADDRESS: case T_OL: case T_UL: case T_DL: case T_DD: case T_DT: case T_LI:
    case T_FORM: s = -3; break;
    case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6: case T_TH: s = -5; break;
    default: break;
    }
    x->score = s + x->weight;
}

/* Pass 2: paragraphs give their score to five levels of ancestors. */
static void score(dom *d) {
    for (size_t i = 0; i < d->n; i++) {
        ninfo *x = &d->v[i];
        uint32_t len, commas;
        switch (x->tag) {
        case T_P: case T_PRE: case T_TD:
            len = x->text; commas = x->commas; break;
        case T_DIV: case T_SECTION: case T_ARTICLE: case T_SPAN: case T_FONT: case T_CENTER:
            /* a div without block children reads as a paragraph; loose text
             * in a div with blocks counts as its own paragraph */
            if (x->n_block == 0 && (x->tag == T_DIV || x->tag == T_SECTION || x->tag == T_ARTICLE)) {
                len = x->text; commas = x->commas;
            } else {
                len = x->own; commas = x->own_commas;
            }
            break;
        default:
            continue;
        }
        if (len < 25 || (x->flags & F_INA)) continue;
        float s = 1.0f + (float)commas + (float)(len / 100 < 3 ? len / 100 : 3);
        int a = x->parent;
        if ((x->tag == T_DIV || x->tag == T_SECTION || x->tag == T_ARTICLE || x->tag == T_SPAN ||
             x->tag == T_FONT || x->tag == T_CENTER) && x->n_block > 0) {
            a = (int)i;   /* loose text scores its own element */
        }
        for (int level = 0; a >= 0 && level < 5; level++, a = d->v[a].parent) {
            init_candidate(&d->v[a]);
            float div = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
            d->v[a].score += s / div;
        }
    }
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].flags & F_CAND) d->v[i].score *= 1.0f - link_density(&d->v[i]);
    for (size_t i = d->n; i-- > 0;) {
        ninfo *x = &d->v[i];
        if ((x->flags & F_CAND) && x->score > x->inner) x->inner = x->score;
        if (x->parent >= 0 && x->inner > d->v[x->parent].inner) d->v[x->parent].inner = x->inner;
    }
}

/* Is a an ancestor of i within MAX_CLIMB levels?  The cap keeps pages
 * nested a million deep linear. */
enum { MAX_CLIMB = 100 };

static bool is_ancestor(const dom *d, int a, int i) {
    int steps = 0;
    for (int k = d->v[i].parent; k >= 0 && steps < MAX_CLIMB; k = d->v[k].parent, steps++)
        if (k == a) return true;
    return false;
}

/* The best container, moved up when its parent holds more of the text. */
static int pick_top(dom *d) {
    enum { NTOP = 5 };
    int top[NTOP];
    int ntop = 0;
    for (size_t i = 0; i < d->n; i++) {
        if (!(d->v[i].flags & F_CAND)) continue;
        int k;
        if (ntop < NTOP) {
            k = ntop++;
        } else {
            k = NTOP - 1;
            if (d->v[top[k]].score >= d->v[i].score) continue;
        }
        top[k] = (int)i;
        while (k > 0 && d->v[top[k - 1]].score < d->v[top[k]].score) {
            int t = top[k]; top[k] = top[k - 1]; top[k - 1] = t;
            k--;
        }
    }
    if (ntop == 0) return 0;
    int best = top[0];
    /* three close runners-up inside one ancestor: take the ancestor */
    int alts[NTOP], nalt = 0;
    for (int k = 1; k < ntop; k++)
        if (d->v[top[k]].score / d->v[best].score >= 0.75f) alts[nalt++] = top[k];
    if (nalt >= 3) {
        int steps = 0;
        for (int a = d->v[best].parent; a >= 0 && d->v[a].tag != T_BODY && steps < MAX_CLIMB;
             a = d->v[a].parent, steps++) {
            int inside = 0;
            for (int k = 0; k < nalt; k++)
                if (is_ancestor(d, a, alts[k])) inside++;
            if (inside >= 3) { best = a; break; }
        }
    }
    init_candidate(&d->v[best]);
    /* climb while the parents' scores rise */
    float last = d->v[best].score;
    float threshold = last / 3;
    for (int p = d->v[best].parent; p >= 0 && d->v[p].tag != T_BODY; p = d->v[p].parent) {
        if (!(d->v[p].flags & F_CAND)) continue;
        if (d->v[p].score < threshold) break;
        if (d->v[p].score > last) { best = p; break; }
        last = d->v[p].score;
    }
    /* [itemprop=articleBody] marks the body: take it when the best
     * container lies inside it, or beside it with less text */
    int prop = -1;
    for (size_t i = 0; i < d->n; i++)
        if ((d->v[i].flags & F_BODYPROP) && d->v[i].text >= 200 && (prop < 0 || d->v[i].text > d->v[prop].text))
            prop = (int)i;
    if (prop >= 0 && prop != best && link_density(&d->v[prop]) < 0.3f) {
        if (is_ancestor(d, prop, best) || (!is_ancestor(d, best, prop) && d->v[prop].text * 2 >= d->v[best].text)) {
            best = prop;
            init_candidate(&d->v[best]);
        }
    }
    /* an only child stands for its parent */
    while (d->v[best].parent >= 0 && d->v[d->v[best].parent].tag != T_BODY &&
           d->v[d->v[best].parent].n_child == 1)
        best = d->v[best].parent;
    return best;
}

/* ---- cleaning and rendering ---------------------------------------------- */

/* Readability's conditional cleaning of tables, lists and divs. */
static bool junk_block(const dom *d, int i) {
    const ninfo *x = &d->v[i];
    switch (x->tag) {
    case T_TABLE: case T_UL: case T_OL: case T_DIV: case T_SECTION: case T_FORM:
    case T_FIELDSET: case T_DL:
        break;
    case T_H1: case T_H2: case T_H3:
        return x->weight < 0 || link_density(x) > 0.33f;
    default:
        return false;
    }
    float sc = (x->flags & F_CAND) ? x->score : 0;
    if ((float)x->weight + sc < 0) return true;
    bool list = x->tag == T_UL || x->tag == T_OL || x->tag == T_DL ||
                (x->text && (float)x->li_text / (float)x->text > 0.9f);
    float ld = link_density(x);
    if (list && ld > 0.5f) return true;   /* a list of links, however long */
    if (x->commas >= 10) return false;
    int p = (int)x->n_p, img = (int)x->n_img, li = (int)x->n_li - 100, input = (int)x->n_input;
    if (img > 1 && (float)p / (float)img < 0.5f) return true;
    if (!list && li > p) return true;
    if (input > p / 3) return true;
    if (!list && x->text < 25 && (img == 0 || img > 2) && ld > 0) return true;
    if (!list && x->weight < 25 && ld > 0.2f) return true;
    if (x->weight >= 25 && ld > 0.5f) return true;
    if ((x->n_embed == 1 && x->text < 75) || x->n_embed > 1) return true;
    if (list && ld > 0.5f) return true;
    return false;
}

typedef struct {
    dl_strbuf out;    /* paragraphs, one per line */
    dl_strbuf para;   /* the paragraph being collected */
} render;

static void flush(render *r) {
    size_t n = r->para.len;
    const char *s = r->para.s ? dl__trim(r->para.s, &n) : NULL;
    if (s && n) {
        if (r->out.len) dl_strbuf_addc(&r->out, '\n');
        dl_strbuf_add(&r->out, s, n);
    }
    dl_strbuf_clear(&r->para);
}

/* Renders the subtree of d->v[root] as paragraphs. */
static void render_node(const dom *d, int root, render *r) {
    xmlNode *top = d->v[root].node, *n = top;
    while (n) {
        bool descend = false;
        if (n->type == XML_ELEMENT_NODE) {
            int i = idx_of(n);
            if (i >= 0 && (n == top || !junk_block(d, i))) {
                uint8_t t = d->v[i].tag;
                if (is_block(t)) flush(r);
                else if (t == T_TD || t == T_TH) dl_strbuf_addc(&r->para, ' ');
                descend = true;
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
            dl__append_collapsed(&r->para, (const char *)n->content, strlen((const char *)n->content));
        }
        if (descend && n->children) { n = n->children; continue; }
        /* leaving n (and the ancestors we climb out of) */
        for (;;) {
            if (n->type == XML_ELEMENT_NODE) {
                int i = idx_of(n);
                if (i >= 0 && is_block(d->v[i].tag)) flush(r);
            }
            if (n == top || n->next) break;
            n = n->parent;
        }
        if (n == top) break;
        n = n->next;
    }
    flush(r);
}

/* Siblings of the top container that belong to the article. */
static bool keep_sibling(const dom *d, int top, int s) {
    const ninfo *x = &d->v[s], *t = &d->v[top];
    /* a container climbed to (an only child's parent) scores little
     * itself: compare the best scores inside instead */
    float ts = t->inner > t->score ? t->inner : t->score;
    float threshold = ts * 0.2f > 10.0f ? ts * 0.2f : 10.0f;
    float bonus = 0;
    const char *ca = dl__attr(x->node, "class"), *cb = dl__attr(t->node, "class");
    if (ca && cb && ca[0] && strcmp(ca, cb) == 0) bonus = ts * 0.2f;
    float xs = x->inner > x->score ? x->inner : x->score;
    if ((x->flags & F_CAND || x->inner > 0) && xs + bonus >= threshold) return true;
    if (x->tag == T_P) {
        float ld = link_density(x);
        if (x->text > 80 && ld < 0.25f) return true;
        if (x->text > 0 && x->text <= 80 && ld == 0.0f) {
            /* a short paragraph that ends a sentence */
            xmlNode *last = x->node->last;
            if (last && last->type == XML_TEXT_NODE && last->content) {
                size_t m = strlen((const char *)last->content);
                const char *e = dl__trim((const char *)last->content, &m);
                if (m && e[m - 1] == '.') return true;
            }
        }
    }
    return false;
}

static size_t extract(dom *d, xmlNode *root, render *r) {
    d->n = 0;
    build(d, root);
    if (d->oom || d->n == 0) return 0;
    sum_up(d);
    score(d);
    int top = pick_top(d);
    int parent = d->v[top].parent;
    if (parent < 0 || d->v[top].tag == T_BODY) {
        render_node(d, top, r);
    } else {
        for (xmlNode *c = d->v[parent].node->children; c; c = c->next) {
            int s = idx_of(c);
            if (c->type != XML_ELEMENT_NODE || s < 0) continue;
            if (s == top || keep_sibling(d, top, s)) render_node(d, s, r);
        }
    }
    return r->out.len;
}

dl_status dl__dom_body(xmlDoc *doc, dl_strbuf *out) {
    dl_strbuf_init(out);
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root) return DL_OK;
    /* start at <body> when there is one */
    for (xmlNode *c = root->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && c->name && strcmp((const char *)c->name, "body") == 0) {
            root = c;
            break;
        }
    dom d = {0};
    render r = {0};
    dl_strbuf_init(&r.out);
    dl_strbuf_init(&r.para);
    size_t len = extract(&d, root, &r);
    if (len < 250 && !d.oom) {
        /* little text: try again keeping class-named furniture */
        render r2 = {0};
        dl_strbuf_init(&r2.out);
        dl_strbuf_init(&r2.para);
        d.relaxed = true;
        size_t len2 = extract(&d, root, &r2);
        if (len2 > len * 2) {
            dl_strbuf_release(&r.out);
            r.out = r2.out;
        } else {
            dl_strbuf_release(&r2.out);
        }
        dl_strbuf_release(&r2.para);
    }
    dl_status st = d.oom || r.out.oom ? DL_ERR_NOMEM : DL_OK;
    free(d.v);
    dl_strbuf_release(&r.para);
    *out = r.out;
    return st;
}
