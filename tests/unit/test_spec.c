/*
 * test_spec.c -- runs the examples in tests/spec/ (every .txt file) through the whole
 * pipeline with the bundled data, in cmark's spec style:
 *
 *     ### a name for the example
 *     article text, one or more lines
 *     .
 *     event 042|Abdul Latif Rashid|Iran        must be found
 *     !event 111|Iran|Iraq                      must not be found
 *     quote direct|Ali Khamenei|The U.S. is not anyone's friend
 *     actor Iraqi parliament|ORG|IRQLEG
 *     actor Donald Trump|PER|USAGOV|President     with its role ("-" when none)
 *     codes 111|IGOWSTNAT|RUS                   actor codes on the event's date
 *     support 111|Iran|Iraq|2|0,2               the sentences that state it (count|indexes)
 *
 * Lines compare against the pipeline's items rendered the same way
 * (quote text by prefix, typographic quotes folded).  An example may start
 * with "date: YYYY-MM-DD" to set the publication date.
 */
#include <dirent.h>

#include "core/doc.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "harness.h"

static dl_engine *engine;

static const char *actor_name(const dl_doc *doc, int i) {
    return i >= 0 ? doc->actors.v[i].name : "-";
}

/* Folds quotes, dashes and case, and squeezes spaces, for comparisons. */
static char *fold(const char *s) {
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_utf8_fold(s, strlen(s), &b);
    char *f = dl_strbuf_detach(&b);
    char *w = f;
    for (char *r = f; *r; r++)
        if (!(*r == ' ' && (w == f || w[-1] == ' '))) *w++ = *r;
    while (w > f && w[-1] == ' ') w--;
    *w = '\0';
    return f;
}

/* Renders every item of the document as spec lines, '\n'-separated, folded. */
static char *render(const dl_doc *doc) {
    dl_strbuf b;
    dl_strbuf_init(&b);
    for (size_t i = 0; i < doc->actors.n; i++) {
        const dl_actor *a = &doc->actors.v[i];
        dl_strbuf_printf(&b, "actor %s|%s|%s|%s\n", a->name, a->type ? a->type : "-", a->code ? a->code : "-",
                         a->role ? a->role : "-");
    }
    for (size_t i = 0; i < doc->quotes.n; i++) {
        const dl_quote *q = &doc->quotes.v[i];
        dl_strbuf_printf(&b, "quote %s|%s|%s\n", q->direct ? "direct" : "indirect",
                         q->speaker >= 0 ? actor_name(doc, q->speaker) : "-", q->text ? q->text : "");
    }
    for (size_t i = 0; i < doc->events.n; i++) {
        const dl_event *e = &doc->events.v[i];
        dl_strbuf_printf(&b, "event %s|%s|%s\n", e->cameo, actor_name(doc, e->source), actor_name(doc, e->target));
        if (e->date[0]) dl_strbuf_printf(&b, "date %s|%s\n", e->cameo, e->date);
        dl_strbuf_printf(&b, "codes %s|%s|%s\n", e->cameo, e->source_code ? e->source_code : "-",
                         e->target_code ? e->target_code : "-");
        dl_strbuf_printf(&b, "support %s|%s|%s|%u|", e->cameo, actor_name(doc, e->source),
                         actor_name(doc, e->target), (unsigned)dl_event_support(e));
        for (uint32_t k = 0; k < dl_event_support(e); k++)
            dl_strbuf_printf(&b, "%s%u", k ? "," : "", e->n_support ? e->support[k] : e->sent);
        dl_strbuf_addc(&b, '\n');
    }
    char *raw = dl_strbuf_detach(&b);
    char *f = fold(raw);
    free(raw);
    return f;
}

/* Is want (folded) the start of some rendered line? */
static int found(const char *rendered, const char *want) {
    size_t n = strlen(want);
    for (const char *p = rendered; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len >= n && strncmp(p, want, n) == 0) return 1;
        p = nl ? nl + 1 : NULL;
    }
    return 0;
}

static void run_example(const char *file, const char *name, const char *text, const char *date,
                        char *expect) {
    dl_doc *doc = dl_doc_new();
    dl_doc_set_source(doc, name, text, strlen(text), DL_INPUT_TEXT);
    if (date[0]) dl_doc_set_default_date(doc, date);
    dl_status st = dl_doc_run(engine, doc);
    OK(st == DL_OK, "%s: %s: pipeline failed: %s", file, name, dl_strerror(st));
    OK(dl_doc_check(doc) == NULL, "%s: %s: %s", file, name, dl_doc_check(doc));
    char *rendered = render(doc);
    char *save = NULL;
    for (char *line = strtok_r(expect, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        int negate = line[0] == '!';
        char *want = fold(line + negate);
        if (!*want) { free(want); continue; }
        int has = found(rendered, want);
        OK(negate ? !has : has, "%s: %s: %s '%s'\n  got:\n%s", file, name,
           negate ? "unexpected" : "missing", want, rendered);
        free(want);
    }
    free(rendered);
    dl_doc_free(doc);
}

static void run_file(const char *path) {
    FILE *fp = fopen(path, "r");
    OK(fp != NULL, "cannot open %s", path);
    if (!fp) return;
    dl_strbuf text, expect;
    dl_strbuf_init(&text);
    dl_strbuf_init(&expect);
    char name[256] = "", date[16] = "", *line = NULL;
    size_t cap = 0;
    int in_expect = 0;
    ssize_t n;
    for (;;) {
        n = getline(&line, &cap, fp);
        int header = n >= 0 && strncmp(line, "### ", 4) == 0;
        if ((n < 0 || header) && name[0]) {
            run_example(path, name, text.s ? text.s : "", date, expect.s ? expect.s : (char[]){0});
            dl_strbuf_clear(&text);
            dl_strbuf_clear(&expect);
            date[0] = '\0';
        }
        if (n < 0) break;
        if (header) {
            snprintf(name, sizeof name, "%s", line + 4);
            name[strcspn(name, "\n")] = '\0';
            in_expect = 0;
        } else if (!in_expect && strcmp(line, ".\n") == 0) {
            in_expect = 1;
        } else if (in_expect) {
            dl_strbuf_adds(&expect, line);
        } else if (name[0] && !text.len && strncmp(line, "date: ", 6) == 0) {
            snprintf(date, sizeof date, "%.10s", line + 6);
        } else if (name[0]) {
            dl_strbuf_adds(&text, line);
        }
    }
    free(line);
    dl_strbuf_release(&text);
    dl_strbuf_release(&expect);
    fclose(fp);
}

int main(void) {
    char err[512];
    dl_status st = dl_engine_open(NULL, &engine, err, sizeof err);
    OK(st == DL_OK, "engine: %s", err);
    if (st != DL_OK) return dl_test_report();
    const char *dir = DL_TEST_SPEC;
    DIR *d = opendir(dir);
    OK(d != NULL, "no spec dir %s", dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0) continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        run_file(path);
    }
    if (d) closedir(d);
    dl_engine_close(engine);
    return dl_test_report();
}
