/*
 * fuzz/fuzz_pdict.c -- the TABARI/PETRARCH dictionary reader (dicts/).
 * The first byte picks the kind of file (low two bits: verbs, actors,
 * agents, discards; bit 6: issues instead), strict mode (bit 2) and a
 * second read of the same text (bit 3, as if two files held it); the rest
 * is the text.  Parsing
 * must fail with a message or succeed, and what it built must hold
 * together: every index in bounds, every code a string.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dicts/petrarch.h"

static const dl_pfile_kind KINDS[] = {DL_PF_VERBS, DL_PF_ACTORS, DL_PF_AGENTS, DL_PF_DISCARDS};

static void check(int ok) {
    if (!ok) abort();
}

static void check_hits(const struct dl_pdict *pd) {
    for (size_t i = 0; i < pd->phrases.cap; i++) {
        if (!pd->phrases.keys[i]) continue;
        int steps = 0;
        for (int h = pd->phrases.vals[i]; h >= 0; h = pd->hits.v[h].next) {
            check((size_t)h < pd->hits.n && steps++ < (int)pd->hits.n);
            const dl_phit *hit = &pd->hits.v[h];
            check(hit->ntok > 0 && hit->ntok <= pd->max_phrase);
            if (hit->kind == DL_PH_ACTOR) check((size_t)hit->index < pd->actors.n);
            if (hit->kind == DL_PH_AGENT) check((size_t)hit->index < pd->agents.n);
        }
    }
}

static void check_issues(const struct dl_pdict *pd) {
    for (size_t i = 0; i < pd->issue_phrases.cap; i++) {
        if (!pd->issue_phrases.keys[i]) continue;
        int v = pd->issue_phrases.vals[i];
        check(v == DL_PISSUE_IGNORE || (v >= 0 && (size_t)v < pd->issues.n));
    }
    for (size_t i = 0; i < pd->issues.n; i++) check(pd->issues.v[i].code[0] != '\0');
}

static void check_actors(const struct dl_pdict *pd) {
    static const int32_t dates[] = {19000101, 19950601, 20300101};
    for (size_t a = 0; a < pd->actors.n; a++) {
        check(pd->actors.v[a].code0 + pd->actors.v[a].ncodes <= pd->codes.n);
        for (size_t d = 0; d < sizeof dates / sizeof *dates; d++) {
            const char *code = dl_pdict_code_at(pd, (int)a, dates[d]);
            check(!code || strlen(code) < DL_PCODE_MAX);
        }
    }
}

static void check_elements(const struct dl_pdict *pd, const dl_pel *els, size_t n) {
    for (size_t e = 0; e < n; e++) {
        if (els[e].kind == DL_PE_SET) check(els[e].set >= 0 && (size_t)els[e].set < pd->synsets.n);
        if (els[e].kind == DL_PE_WORD) check(els[e].word && els[e].word[0]);
    }
}

static void check_verbs(const struct dl_pdict *pd) {
    for (size_t b = 0; b < pd->blocks.n; b++)
        check(pd->blocks.v[b].pat0 + pd->blocks.v[b].npat <= pd->patterns.n);
    for (size_t p = 0; p < pd->patterns.n; p++) {
        check_elements(pd, pd->patterns.v[p].pre, pd->patterns.v[p].npre);
        check_elements(pd, pd->patterns.v[p].post, pd->patterns.v[p].npost);
    }
    for (size_t v = 0; v < pd->verbs.n; v++) {
        const dl_pverb *pv = &pd->verbs.v[v];
        check(pv->block >= 0 && (size_t)pv->block < pd->blocks.n);
        check(pv->ntok > 0 && pv->head < pv->ntok);
        const char *sp = strchr(pv->key, ' ');
        size_t first = sp ? (size_t)(sp - pv->key) : strlen(pv->key);
        int found = 0;
        for (int k = dl_map_get(&pd->verb_index, pv->key, first); k >= 0 && !found; k = pd->verbs.v[k].next)
            found = (size_t)k == v;
        check(found);
    }
    for (size_t s = 0; s < pd->synsets.n; s++)
        check(dl_map_get(&pd->synset_index, pd->synsets.v[s].name, strlen(pd->synsets.v[s].name)) == (int)s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    struct dl_pdict *pd = dl_pdict_new();
    if (!pd) return 0;
    pd->strict = (data[0] >> 2) & 1;
    int passes = data[0] & 8 ? 2 : 1;
    const char *text = (const char *)data + 1;
    char err[512] = "";
    dl_status st = DL_OK;
    for (int i = 0; i < passes && st == DL_OK; i++)
        st = dl_pdict_parse(pd, data[0] & 0x40 ? DL_PF_ISSUES : KINDS[data[0] & 3], "fuzz.txt", text,
                            size - 1, err, sizeof err);
    if (st == DL_OK) st = dl_pdict_finish(pd, err, sizeof err);
    if (st != DL_OK && !err[0]) abort();   /* a failure must say why */
    check(pd->warnings_len == (pd->warnings ? strlen(pd->warnings) : 0));
    check_hits(pd);
    check_issues(pd);
    check_actors(pd);
    check_verbs(pd);
    dl_pdict_free(pd);
    return 0;
}
