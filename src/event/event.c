/*
 * event/event.c -- the event stage: sentences + actors + quotes -> CAMEO
 * events.  The coder (coder.c) finds them; here the sentences that restate
 * one act are merged into one event that lists them all (issue 5), and the
 * events get the issues their sentences name (issues.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "event/coder.h"
#include "event/event.h"

/* ---- one event per act ----------------------------------------------------- */

/* One side of an act: the same actor, or, for sides without an actor (-1),
 * the same code. */
static int side_cmp(int a, const char *a_code, int b, const char *b_code) {
    if (a != b) return a < b ? -1 : 1;
    if (a >= 0) return 0;
    return strcmp(a_code ? a_code : "", b_code ? b_code : "");
}

/* Orders events by act: source, target, CAMEO code, date. */
static int act_cmp(const dl_event *a, const dl_event *b) {
    int c = side_cmp(a->source, a->source_code, b->source, b->source_code);
    if (!c) c = side_cmp(a->target, a->target_code, b->target, b->target_code);
    if (!c) c = strcmp(a->cameo, b->cameo);
    if (!c) c = strcmp(a->date, b->date);
    return c;
}

/* qsort order of event pointers: by act, then sentence, then position. */
static int by_act(const void *pa, const void *pb) {
    const dl_event *a = *(const dl_event *const *)pa, *b = *(const dl_event *const *)pb;
    int c = act_cmp(a, b);
    if (!c && a->sent != b->sent) c = a->sent < b->sent ? -1 : 1;
    if (!c && a != b) c = a < b ? -1 : 1;
    return c;
}

/* The events g[0..n) of one act, sorted by sentence, as one event: the
 * earliest sentence's (text, span, rule, quote, place), the highest
 * confidence and every sentence once, in sup (room for n).  Returns the
 * position of the act's first event, where the merged event goes. */
static size_t merge_act(const dl_doc *doc, const dl_event *const *g, size_t n, uint32_t *sup,
                        dl_event *out) {
    *out = *g[0];
    out->support = sup;
    out->n_support = 0;
    size_t first = (size_t)(g[0] - doc->events.v);
    for (size_t i = 0; i < n; i++) {
        if (g[i]->confidence > out->confidence) out->confidence = g[i]->confidence;
        if (!out->n_support || sup[out->n_support - 1] != g[i]->sent)
            sup[out->n_support++] = g[i]->sent;
        size_t pos = (size_t)(g[i] - doc->events.v);
        if (pos < first) first = pos;
    }
    return first;
}

dl_status dl__event_merge(dl_doc *doc) {
    size_t n = doc->events.n;
    if (!n) return DL_OK;
    const dl_event **by = malloc(n * sizeof *by);
    unsigned char *keep = calloc(n, 1);
    uint32_t *sup = dl_arena_alloc(&doc->arena, n * sizeof *sup);
    if (!by || !keep || !sup) {
        free(by);
        free(keep);
        return DL_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) by[i] = &doc->events.v[i];
    qsort(by, n, sizeof *by, by_act);
    for (size_t g = 0, end; g < n; g = end) {
        end = g + 1;
        while (end < n && act_cmp(by[g], by[end]) == 0) end++;
        dl_event merged;
        size_t pos = merge_act(doc, by + g, end - g, sup + g, &merged);
        doc->events.v[pos] = merged;   /* no other act reads this slot */
        keep[pos] = 1;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (keep[i]) doc->events.v[k++] = doc->events.v[i];
    doc->events.n = k;
    free(by);
    free(keep);
    return DL_OK;
}

dl_status dl_event_run(dl_engine *eng, dl_doc *doc) {
    dl_status st = eng ? dl__coder_run(eng, doc) : DL_OK;
    if (st == DL_OK) st = dl__event_merge(doc);
    return st == DL_OK ? dl__event_issues(eng, doc) : st;
}
