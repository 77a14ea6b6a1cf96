/*
 * fuzz/fuzz_query.c -- the query filters (query/), as the API and the CLI
 * take them from users.  The input is lines "name=value" (actor, dyad,
 * dyads, cameo, root, plover, since, until, text, issue, quad,
 * min_confidence) after a first byte whose bits pick the kind (events,
 * quotes, articles or an aggregate), the country level, dated, newest
 * first and a limit.  A
 * filter that dl_query_check accepts must run without a store error on a
 * small in-memory store, whichever table answers it (events or
 * event_days), and every writer must take its rows.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "query/query.h"
#include "store/store.h"

static void check(int ok) {
    if (!ok) abort();
}

static dl_store *store;

static char *S(dl_doc *doc, const char *s) { return dl_arena_strdup(&doc->arena, s); }

static int actor(dl_doc *doc, const char *name, const char *country, const char *code) {
    dl_actor *a = DL_VEC_PUSH(&doc->actors);
    a->id = dl_arena_printf(&doc->arena, "A%zu", doc->actors.n);
    a->name = S(doc, name);
    a->country = country ? S(doc, country) : NULL;
    a->code = code ? S(doc, code) : NULL;
    return (int)doc->actors.n - 1;
}

static void event(dl_doc *doc, int src, int tgt, const char *cameo, int quad, const char *date) {
    dl_event *e = DL_VEC_PUSH(&doc->events);
    e->source = src;
    e->target = tgt;
    snprintf(e->cameo, sizeof e->cameo, "%s", cameo);
    e->quad = quad;
    e->goldstein = quad <= 2 ? 3.0 : -5.0;
    e->plover = quad <= 2 ? "CONSULT" : "ACCUSE";
    snprintf(e->date, sizeof e->date, "%s", date);
    e->place = -1;
    e->off = 0;
    e->len = 4;
    e->confidence = 0.8f;
    e->quote = -1;
}

/* Two articles: one dated, one not; actors of a country, an organisation
 * and a name alone; a quote. */
static void fill(void) {
    static const char body[] = "Iran met Iraq. NATO accused Russia. Someone said \"no\".";
    for (int i = 0; i < 2; i++) {
        dl_doc *d = dl_doc_new();
        d->name = S(d, i ? "b.txt" : "a.txt");
        d->article.title = S(d, i ? "Talks in Tehran" : "NATO and Russia");
        d->article.published = i ? NULL : S(d, "2023-04-30");
        d->article.body = S(d, body);
        d->article.body_len = strlen(body);
        dl_sent *s = DL_VEC_PUSH(&d->sents);
        s->off = 0;
        s->len = (uint32_t)strlen(body);
        int ir = actor(d, "Iran", "IRN", "IRNGOV"), iq = actor(d, "Iraq", "IRQ", "IRQ");
        int na = actor(d, "Jens Stoltenberg", "NOR", "IGOWSTNAT"), ru = actor(d, "Russia", "RUS", "RUS");
        int x = actor(d, "Someone", NULL, NULL);
        event(d, ir, iq, "040", 1, i ? "" : "2023-04-29");
        event(d, na, ru, "111", 3, i ? "2019" : "2023-04");
        event(d, x, ru, "1823", 4, "");
        dl_quote *q = DL_VEC_PUSH(&d->quotes);
        q->speaker = x;
        q->direct = 1;
        q->text = S(d, "no 100% _maybe_");
        q->off = 0;
        q->len = 4;
        check(dl_store_put(store, d, NULL) == DL_OK);
        dl_doc_free(d);
    }
}

static int on_event(const dl_event_row *r, void *ctx) {
    FILE *fp = ctx;
    static const dl_out_format fmts[] = {DL_OUT_TABLE, DL_OUT_JSON, DL_OUT_CSV, DL_OUT_TSV};
    for (int i = 0; i < 4; i++) {
        dl_query_writer w;
        dl_query_writer_begin(&w, fp, fmts[i], DL_QUERY_EVENTS);
        dl_query_write_event(r, &w);
    }
    dl_query_writer g = {.fp = fp, .parts = NULL, .gazetteer = NULL};
    dl_query_write_gdelt(r, &g);
    return 0;
}

static int on_quote(const dl_quote_row *r, void *ctx) {
    char *j = dl_query_quote_json(r);
    fputs(j ? j : "", ctx);
    dl_free(j);
    return 0;
}

static int on_article(const dl_article_row *r, void *ctx) {
    fprintf(ctx, "%lld %s\n", r->id, r->title ? r->title : "");
    return 0;
}

static int on_agg(const dl_agg_row *r, void *ctx) {
    dl_query_writer w;
    dl_query_writer_begin_agg(&w, ctx, DL_OUT_CSV, DL_AGG_DYADS);
    w.agg = DL_AGG_DYADS;
    return dl_query_write_agg(r, &w);
}

/* Points the field named by line[0..eq) at its value. */
static void set_field(dl_query *q, char *line) {
    char *eq = strchr(line, '=');
    if (!eq) return;
    *eq = '\0';
    const char *v = eq + 1;
    static const char *const names[] = {"actor", "dyad", "cameo", "root", "plover",
                                        "since", "until", "text", "issue", "dyads"};
    const char **fields[] = {&q->actor, &q->dyad, &q->cameo, &q->root, &q->plover,
                             &q->since, &q->until, &q->text, &q->issue, &q->dyads};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(line, names[i])) *fields[i] = v;
    if (!strcmp(line, "quad")) q->quad = atoi(v);
    if (!strcmp(line, "min_confidence")) q->min_confidence = atof(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1 || size > 4096) return 0;
    if (!store) {
        char err[256];
        check(dl_store_open(":memory:", &store, err, sizeof err) == DL_OK);
        fill();
    }
    uint8_t flags = data[0];
    char *text = malloc(size);
    if (!text) return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    dl_query q = {.country_level = flags >> 4 & 1, .dated = flags >> 5 & 1,
                  .newest = flags >> 6 & 1, .limit = flags >> 7 ? 2 : 0};
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        set_field(&q, line);
    }
    static const dl_agg aggs[] = {DL_AGG_DAY, DL_AGG_WEEK, DL_AGG_MONTH, DL_AGG_TOP_ACTORS,
                                  DL_AGG_TOTAL_DAY, DL_AGG_TOTAL_WEEK, DL_AGG_TOTAL_MONTH,
                                  DL_AGG_DYADS, DL_AGG_TOP_CODES, DL_AGG_TOP_SPEAKERS};
    int pick = flags & 15;
    dl_query_kind kind = pick == 0 ? DL_QUERY_EVENTS
                         : pick == 1 ? DL_QUERY_QUOTES
                         : pick == 2 ? DL_QUERY_ARTICLES
                                     : dl_agg_kind(aggs[(pick - 3) % 10]);
    char err[256];
    char *out = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&out, &len);
    if (fp && dl_query_check(&q, kind, err, sizeof err) == DL_OK) {
        dl_status st;
        if (pick == 0) st = dl_query_events(store, &q, on_event, fp);
        else if (pick == 1) st = dl_query_quotes(store, &q, on_quote, fp);
        else if (pick == 2) st = dl_query_articles(store, &q, on_article, fp);
        else st = dl_query_aggregate(store, &q, aggs[(pick - 3) % 10], on_agg, fp);
        check(st == DL_OK);   /* an accepted filter is valid SQL with its values bound */
    }
    if (fp) fclose(fp);
    free(out);
    free(text);
    return 0;
}
