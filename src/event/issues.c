/*
 * event/issues.c -- the issues users' dictionaries name (PETRARCH's
 * Phoenix.IssueCoding.txt format, dicts/petrarch.h): each event gets the
 * issues of the sentences that state it ("REFUGEES", "NUCLEAR_WEAPONS").
 * A sentence's phrases are matched longest first; an ignore phrase ("~a
 * head start") covers its words so they name no issue.
 */
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "dicts/petrarch.h"
#include "event/event.h"

/* The issue (or DL_PISSUE_IGNORE) of the longest phrase at token i, -1 when
 * none; *len gets its length in tokens. */
static int issue_at(const struct dl_pdict *pd, const dl_doc *doc, size_t i, size_t end, size_t *len) {
    char key[1024];
    size_t klen = 0;
    int best = -1;
    *len = 0;
    for (size_t n = 1; n <= pd->max_issue_phrase && i + n <= end; n++) {
        const char *w = doc->toks.v[i + n - 1].norm;
        size_t wl = strlen(w);
        if (klen + wl + 2 > sizeof key) break;
        if (n > 1) key[klen++] = ' ';
        memcpy(key + klen, w, wl);
        klen += wl;
        int v = dl_map_get(&pd->issue_phrases, key, klen);
        if (v != -1) { best = v; *len = n; }
    }
    return best;
}

/* Adds issue to the list unless it is there; returns the new count. */
static uint32_t add_once(const char **list, uint32_t n, uint32_t cap, const char *issue) {
    for (uint32_t k = 0; k < n; k++)
        if (strcmp(list[k], issue) == 0) return n;
    if (n < cap) list[n++] = issue;
    return n;
}

/* The issues sentence s names, into list (engine-owned strings). */
static uint32_t sentence_issues(const struct dl_pdict *pd, const dl_doc *doc, uint32_t s,
                                const char **list, uint32_t n, uint32_t cap) {
    const dl_sent *se = &doc->sents.v[s];
    size_t end = se->tok0 + se->ntok;
    for (size_t i = se->tok0; i < end;) {
        size_t len;
        int v = issue_at(pd, doc, i, end, &len);
        if (v >= 0) n = add_once(list, n, cap, pd->issues.v[v].code);
        i += len ? len : 1;
    }
    return n;
}

dl_status dl__event_issues(dl_engine *eng, dl_doc *doc) {
    const struct dl_pdict *pd = eng ? eng->pdict : NULL;
    if (!pd || !pd->issues.n) return DL_OK;
    enum { CAP = 32 };
    for (size_t i = 0; i < doc->events.n; i++) {
        dl_event *e = &doc->events.v[i];
        const char *list[CAP];
        uint32_t n = 0;
        if (!e->n_support) n = sentence_issues(pd, doc, e->sent, list, n, CAP);
        for (uint32_t k = 0; k < e->n_support; k++) n = sentence_issues(pd, doc, e->support[k], list, n, CAP);
        if (!n) continue;
        e->issues = dl_arena_alloc(&doc->arena, n * sizeof *e->issues);
        if (!e->issues) return DL_ERR_NOMEM;
        memcpy(e->issues, list, n * sizeof *list);
        e->n_issues = n;
    }
    return DL_OK;
}
