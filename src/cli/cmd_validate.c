/*
 * cli/cmd_validate.c -- `dateline validate`: score the engine against
 * PETRARCH2's unit-test records (PETR.UnitTest.records.xml, single_test.xml).
 * Each active record's <Text> is coded and the set of (source, target, code)
 * triples compared with its <EventCoding>s; the format is described in
 * shared/data/petrarch2/README.md, "Validation records".
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlversion.h>

#include "cli/cli.h"
#include "core/doc.h"

static const char usage[] =
    "usage: dateline validate --petrarch RECORDS.xml [options]\n"
    "\n"
    "Codes the text of each PETRARCH2 validation record (sentence=\"true\" or\n"
    "valid=\"true\") and compares the (source, target, code) triples with the\n"
    "record's <EventCoding>s.  Prints exact records per category, event\n"
    "precision and recall, and last the share of records coded exactly.\n"
    "\n"
    "options:\n"
    "      --petrarch FILE  the records (e.g. PETR.UnitTest.records.xml)\n"
    "      --dict DIR       load the dictionaries the records' <Environment>\n"
    "                       names from DIR (default: the built-in ones)\n"
    "      --data DIR       dictionaries and codebooks (default: the built-in data/)\n"
    "      --category CAT   only the records of category CAT\n"
    "  -v, --verbose        print each record not coded exactly\n"
    "  -h, --help           show this help\n";

/* The <Environment> elements naming dictionary files, in loading order. */
static const char *const dict_elements[] = {"Verbfile", "Actorfile", "Agentfile",
                                            "Discardfile", NULL};
#define MAX_DICTS 4

/* Longest piece of a record's text shown by --verbose (bytes). */
#define SHOW_TEXT 100

/* ---- sets of (source, target, code) triples ---------------------------- */

typedef struct {
    char *src, *tgt, *code;
} triple;

typedef struct {
    triple *v;
    size_t n, cap;
} tset;

static char *dup_code(const char *s) {
    return strdup(s && *s ? s : "---");
}

static int tset_add(tset *s, const char *src, const char *tgt, const char *code) {
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 8;
        triple *v = realloc(s->v, cap * sizeof *v);
        if (!v) return -1;
        s->v = v;
        s->cap = cap;
    }
    triple *t = &s->v[s->n];
    t->src = dup_code(src);
    t->tgt = dup_code(tgt);
    t->code = dup_code(code);
    if (!t->src || !t->tgt || !t->code) {
        free(t->src), free(t->tgt), free(t->code);
        return -1;
    }
    s->n++;
    return 0;
}

static void tset_clear(tset *s) {
    for (size_t i = 0; i < s->n; i++) free(s->v[i].src), free(s->v[i].tgt), free(s->v[i].code);
    s->n = 0;
}

static int triple_cmp(const void *pa, const void *pb) {
    const triple *a = pa, *b = pb;
    int c = strcmp(a->src, b->src);
    if (!c) c = strcmp(a->tgt, b->tgt);
    if (!c) c = strcmp(a->code, b->code);
    return c;
}

/* Sorts the set and drops repeated triples. */
static void tset_normalize(tset *s) {
    if (s->n < 2) return;
    qsort(s->v, s->n, sizeof *s->v, triple_cmp);
    size_t k = 1;
    for (size_t i = 1; i < s->n; i++) {
        if (triple_cmp(&s->v[i], &s->v[k - 1])) s->v[k++] = s->v[i];
        else free(s->v[i].src), free(s->v[i].tgt), free(s->v[i].code);
    }
    s->n = k;
}

/* Triples in both normalized sets. */
static size_t tset_common(const tset *a, const tset *b) {
    size_t i = 0, j = 0, n = 0;
    while (i < a->n && j < b->n) {
        int c = triple_cmp(&a->v[i], &b->v[j]);
        if (c == 0) n++;
        if (c <= 0) i++;
        if (c >= 0) j++;
    }
    return n;
}

static void tset_print(const tset *s) {
    putchar('{');
    for (size_t i = 0; i < s->n; i++)
        printf("%s%s %s %s", i ? ", " : "", s->v[i].src, s->v[i].tgt, s->v[i].code);
    putchar('}');
}

/* ---- XML helpers --------------------------------------------------------- */

/* The first element child of n named name, or NULL. */
static xmlNode *child(xmlNode *n, const char *name) {
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name)) return c;
    return NULL;
}

/* An attribute's value (caller frees with xmlFree), or NULL. */
static char *attr(xmlNode *n, const char *name) {
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static int attr_is(xmlNode *n, const char *name, const char *value) {
    char *v = attr(n, name);
    int yes = v && !strcasecmp(v, value);
    xmlFree(v);
    return yes;
}

/* An element's text with whitespace runs made one space and the ends trimmed
 * (the records break their sentences over lines); caller frees with xmlFree. */
static char *element_text(xmlNode *n) {
    char *s = n ? (char *)xmlNodeGetContent(n) : NULL;
    if (!s) return NULL;
    size_t k = 0;
    for (const char *p = s; *p; p++) {
        if (!isspace((unsigned char)*p)) s[k++] = *p;
        else if (k && !isspace((unsigned char)p[1]) && p[1]) s[k++] = ' ';
    }
    s[k] = '\0';
    return s;
}

/* The first error libxml2 reports while reading the records: later ones
 * ("Premature end of data") usually follow from it. */
typedef struct {
    int seen;
    int line;
    char message[256];
} xml_error;

/* libxml2 2.12 made the handler's error argument const. */
#if LIBXML_VERSION >= 21200
#define XML_ERROR_ARG const xmlError
#else
#define XML_ERROR_ARG xmlError
#endif

static void keep_first_error(void *ctx, XML_ERROR_ARG *e) {
    xml_error *first = ctx;
    if (first->seen || !e || e->level < XML_ERR_ERROR) return;
    first->seen = 1;
    first->line = e->line;
    snprintf(first->message, sizeof first->message, "%s", e->message ? e->message : "cannot parse XML");
    size_t n = strlen(first->message);
    while (n > 0 && isspace((unsigned char)first->message[n - 1])) first->message[--n] = '\0';
    for (char *p = first->message; *p; p++)   /* one line: "... encoding !\nBytes: ..." */
        if (*p == '\n') *p = ' ';
}

/* Can path be opened for reading?  If not, says so on stderr. */
static int readable(const char *path) {
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "dateline validate: cannot read '%s': %s\n", path, strerror(errno));
        return 0;
    }
    fclose(fp);
    return 1;
}

static xmlDoc *read_records(const char *path) {
    if (!readable(path)) return NULL;
    xml_error first = {0};
    xmlSetStructuredErrorFunc(&first, keep_first_error);
    xmlDoc *xd = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!xd)
        fprintf(stderr, "dateline validate: %s:%d: %s\n", path, first.line,
                first.seen ? first.message : "cannot parse XML");
    return xd;
}

/* The <Sentences> element under the <Validation> root, or NULL with a message. */
static xmlNode *find_sentences(xmlDoc *xd, const char *path) {
    xmlNode *root = xmlDocGetRootElement(xd);
    if (!root || strcmp((const char *)root->name, "Validation")) {
        fprintf(stderr, "dateline validate: %s:%ld: the root element is not <Validation>\n", path,
                root ? xmlGetLineNo(root) : 0L);
        return NULL;
    }
    xmlNode *sents = child(root, "Sentences");
    if (!sents)
        fprintf(stderr, "dateline validate: %s:%ld: no <Sentences> in <Validation>\n", path,
                xmlGetLineNo(root));
    return sents;
}

/* "dir/name", or NULL when memory runs out; caller frees. */
static char *join_path(const char *dir, const char *name) {
    size_t len = strlen(dir) + strlen(name) + 2;
    char *p = malloc(len);
    if (p) snprintf(p, len, "%s/%s", dir, name);
    return p;
}

/* Fills paths (NULL-terminated, MAX_DICTS + 1 slots) with DIR/NAME for each
 * dictionary file the <Environment> names.  Returns -1 with a message when a
 * file cannot be read. */
static int dict_paths(xmlDoc *xd, const char *path, const char *dir, char **paths) {
    xmlNode *env = child(xmlDocGetRootElement(xd), "Environment");
    size_t n = 0;
    int rc = 0;
    for (size_t i = 0; dict_elements[i] && rc == 0; i++) {
        char *name = element_text(child(env, dict_elements[i]));
        if (name && *name) {
            paths[n] = join_path(dir, name);
            if (!paths[n]) fprintf(stderr, "dateline validate: out of memory\n");
            rc = paths[n] && readable(paths[n]) ? 0 : -1;
            n++;
        }
        xmlFree(name);
    }
    if (rc == 0 && n == 0)
        fprintf(stderr, "dateline validate: %s: <Environment> names no dictionary files\n", path);
    return rc;
}

/* ---- scoring ------------------------------------------------------------- */

typedef struct {
    char *name;
    int exact, total;
} category;

typedef struct {
    dl_engine *eng;
    dl_doc *doc;
    const char *path;        /* the records file, for messages */
    const char *only;        /* --category, or NULL */
    int verbose;
    category *cats;          /* in order of first appearance */
    size_t ncats;
    int exact, total;        /* records */
    int err_exact, err_total;   /* records expecting error="..." */
    long tp, got, expected;     /* events */
    int failed;              /* records the engine could not run */
    tset want, have;         /* the current record's sets */
} validate_ctx;

static category *find_category(validate_ctx *c, const char *name) {
    for (size_t i = 0; i < c->ncats; i++)
        if (!strcmp(c->cats[i].name, name)) return &c->cats[i];
    category *v = realloc(c->cats, (c->ncats + 1) * sizeof *v);
    if (!v) return NULL;
    c->cats = v;
    category *cat = &c->cats[c->ncats];
    cat->name = strdup(name);
    cat->exact = cat->total = 0;
    if (!cat->name) return NULL;
    c->ncats++;
    return cat;
}

/* Reads the record's expected triples into c->want; returns 1 when the record
 * expects an error (error="..."), -1 when memory runs out. */
static int read_expected(validate_ctx *c, xmlNode *rec) {
    int is_error = 0, rc = 0;
    for (xmlNode *e = rec->children; e && rc == 0; e = e->next) {
        if (e->type != XML_ELEMENT_NODE || strcmp((const char *)e->name, "EventCoding")) continue;
        char *src = attr(e, "sourcecode"), *tgt = attr(e, "targetcode"), *code = attr(e, "eventcode");
        char *err = attr(e, "error");
        if (code && *code) rc = tset_add(&c->want, src, tgt, code);
        if (err) is_error = 1;
        xmlFree(src), xmlFree(tgt), xmlFree(code), xmlFree(err);
    }
    tset_normalize(&c->want);
    return rc ? rc : is_error;
}

/* The record's date "YYYYMMDD" as "YYYY-MM-DD" in out[11]; "" when malformed. */
static void record_date(xmlNode *rec, char out[11]) {
    char *d = attr(rec, "date");
    out[0] = '\0';
    if (d && strlen(d) == 8 && strspn(d, "0123456789") == 8)
        snprintf(out, 11, "%.4s-%.2s-%.2s", d, d + 4, d + 6);
    xmlFree(d);
}

/* Codes the text and reads the events into c->have.  A text the engine does
 * not take as an article (DL_ERR_INPUT) has no events. */
static dl_status code_text(validate_ctx *c, const char *id, const char *text, const char *date) {
    dl_doc_reset(c->doc);
    dl_status st = dl_doc_set_source(c->doc, id, text, strlen(text), DL_INPUT_TEXT);
    dl_doc_set_default_date(c->doc, date);
    if (st == DL_OK) st = dl_doc_run(c->eng, c->doc);
    if (st == DL_ERR_INPUT) return DL_OK;
    for (size_t i = 0; st == DL_OK && i < c->doc->events.n; i++) {
        const dl_event *ev = &c->doc->events.v[i];
        if (tset_add(&c->have, ev->source_code, ev->target_code, ev->cameo)) st = DL_ERR_NOMEM;
    }
    tset_normalize(&c->have);
    return st;
}

static void print_miss(const validate_ctx *c, const char *id, const char *cat, const char *text) {
    printf("MISS %s [%s]: expected ", id, cat);
    tset_print(&c->want);
    printf(" got ");
    tset_print(&c->have);
    int n = (int)strlen(text);
    if (n > SHOW_TEXT) {
        n = SHOW_TEXT;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) n--;   /* whole UTF-8 characters */
    }
    printf("\n    %.*s%s\n", n, text, text[n] ? "..." : "");
}

/* Adds one coded record to the counts; returns 1 when it is exact. */
static int tally(validate_ctx *c, category *cat, int is_error) {
    size_t tp = tset_common(&c->want, &c->have);
    int exact = tp == c->want.n && tp == c->have.n;
    c->tp += (long)tp;
    c->got += (long)c->have.n;
    c->expected += (long)c->want.n;
    c->total++, cat->total++;
    c->exact += exact, cat->exact += exact;
    if (is_error) c->err_total++, c->err_exact += exact;
    return exact;
}

/* Codes one record and adds it to the counts; returns -1 when the engine
 * failed on it. */
static int code_record(validate_ctx *c, xmlNode *rec, const char *id, const char *cname) {
    char date[11];
    record_date(rec, date);
    char *text = element_text(child(rec, "Text"));
    if (!text || !*text)
        fprintf(stderr, "dateline validate: %s:%ld: record %s has no text\n", c->path,
                xmlGetLineNo(rec), id);
    tset_clear(&c->want);
    tset_clear(&c->have);
    int is_error = read_expected(c, rec);
    category *cat = find_category(c, cname);
    dl_status st = DL_ERR_NOMEM;
    if (is_error >= 0 && cat) st = code_text(c, id, text ? text : "", date);
    if (st == DL_OK && !tally(c, cat, is_error) && c->verbose)
        print_miss(c, id, cname, text ? text : "");
    if (st != DL_OK) {
        const char *msg = st == DL_ERR_NOMEM ? NULL : dl_doc_error(c->doc);
        fprintf(stderr, "dateline validate: %s:%ld: record %s: %s\n", c->path, xmlGetLineNo(rec),
                id, msg ? msg : dl_strerror(st));
    }
    xmlFree(text);
    return st == DL_OK ? 0 : -1;
}

/* Scores one <Sentence> if it is active and in the category asked for. */
static int score_record(validate_ctx *c, xmlNode *rec) {
    if (!attr_is(rec, "sentence", "true") && !attr_is(rec, "valid", "true")) return 0;
    char *id = attr(rec, "id"), *cname = attr(rec, "category");
    int rc = 0;
    if (!c->only || !strcmp(c->only, cname ? cname : "-"))
        rc = code_record(c, rec, id ? id : "-", cname ? cname : "-");
    xmlFree(id), xmlFree(cname);
    return rc;
}

static double ratio(long a, long b) {
    return b ? (double)a / (double)b : 0.0;
}

static void print_report(const validate_ctx *c) {
    for (size_t i = 0; i < c->ncats; i++)
        printf("%-12s %d/%d\n", c->cats[i].name, c->cats[i].exact, c->cats[i].total);
    printf("error records: %d/%d exact (an expected error counts as no events)\n", c->err_exact,
           c->err_total);
    double p = ratio(c->tp, c->got), r = ratio(c->tp, c->expected);
    printf("events: precision %.3f  recall %.3f  F1 %.3f (%ld/%ld, %ld/%ld)\n", p, r,
           p + r > 0 ? 2 * p * r / (p + r) : 0.0, c->tp, c->got, c->tp, c->expected);
    printf("records exact: %d/%d = %.1f%%\n", c->exact, c->total,
           100.0 * ratio(c->exact, c->total));
}

static void run_records(validate_ctx *c, xmlNode *sents) {
    for (xmlNode *rec = sents->children; rec; rec = rec->next)
        if (rec->type == XML_ELEMENT_NODE && !strcmp((const char *)rec->name, "Sentence"))
            if (score_record(c, rec)) c->failed++;
}

static void ctx_release(validate_ctx *c) {
    tset_clear(&c->want), tset_clear(&c->have);
    free(c->want.v), free(c->have.v);
    for (size_t i = 0; i < c->ncats; i++) free(c->cats[i].name);
    free(c->cats);
    dl_doc_free(c->doc);
    dl_engine_close(c->eng);
}

/* Opens the engine, scores every record and prints the report. */
static int validate(validate_ctx *c, xmlDoc *xd, xmlNode *sents, const char *dict,
                    const char *data) {
    char *paths[MAX_DICTS + 1] = {0};
    dl_engine_options opts = {.data_dir = data};
    int rc = DL_EXIT_FAIL;
    if (dict) {
        if (dict_paths(xd, c->path, dict, paths)) goto done;
        opts.dict_paths = (const char *const *)paths;
        opts.dict_only = 1;   /* code as PETRARCH would: their verbs alone */
    }
    char err[512] = "";
    dl_status st = dl_engine_open(&opts, &c->eng, err, sizeof err);
    if (st != DL_OK) {
        fprintf(stderr, "dateline validate: %s\n", err[0] ? err : dl_strerror(st));
        goto done;
    }
    c->doc = dl_doc_new();
    if (!c->doc) {
        fprintf(stderr, "dateline validate: out of memory\n");
        goto done;
    }
    run_records(c, sents);
    if (c->only && !c->total)
        fprintf(stderr, "dateline validate: no active records of category '%s'\n", c->only);
    print_report(c);
    rc = c->failed ? DL_EXIT_FAIL : DL_EXIT_OK;
done:
    for (size_t i = 0; i < MAX_DICTS; i++) free(paths[i]);
    return rc;
}

int cmd_validate(int argc, char **argv) {
    static const struct option longopts[] = {
        {"petrarch", required_argument, NULL, 'P'}, {"dict", required_argument, NULL, 'k'},
        {"data", required_argument, NULL, 'D'},     {"category", required_argument, NULL, 'c'},
        {"verbose", no_argument, NULL, 'v'},        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    validate_ctx c = {0};
    const char *dict = NULL, *data = NULL;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
        switch (ch) {
        case 'P': c.path = optarg; break;
        case 'k': dict = optarg; break;
        case 'D': data = optarg; break;
        case 'c': c.only = optarg; break;
        case 'v': c.verbose = 1; break;
        case 'h': fputs(usage, stdout); return DL_EXIT_OK;
        default: return dl_cli_usage_error("validate", "bad option");
        }
    }
    if (optind < argc) return dl_cli_usage_error("validate", "unexpected argument '%s'", argv[optind]);
    if (!c.path) return dl_cli_usage_error("validate", "--petrarch RECORDS.xml is required");

    xmlDoc *xd = read_records(c.path);
    if (!xd) return DL_EXIT_FAIL;
    xmlNode *sents = find_sentences(xd, c.path);
    int rc = sents ? validate(&c, xd, sents, dict, data) : DL_EXIT_FAIL;
    ctx_release(&c);
    xmlFreeDoc(xd);
    return rc;
}
