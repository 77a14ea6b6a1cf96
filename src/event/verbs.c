/*
 * event/verbs.c -- loads the verb-pattern dictionary; format in verbs.h.
 * Every code must be in the codebook; errors name the file and line.
 */
#include "event/verbs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tsv.h"
#include "event/codebook.h"

/* Regular inflections of a verb: praise -> praises praised praising;
 * call -> calls called calling; deny -> denies denied denying. */
size_t dl_verb_inflect(const char *w, char out[4][64]) {
    size_t n = strlen(w);
    if (n == 0 || n > 50) return 0;
    snprintf(out[0], 64, "%s", w);
    char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
    int vowel_prev = prev && strchr("aeiou", prev);
    if (last == 'e') {
        snprintf(out[1], 64, "%ss", w);
        snprintf(out[2], 64, "%sd", w);
        snprintf(out[3], 64, "%.*sing", (int)(n - 1), w);
    } else if (last == 'y' && !vowel_prev) {
        snprintf(out[1], 64, "%.*sies", (int)(n - 1), w);
        snprintf(out[2], 64, "%.*sied", (int)(n - 1), w);
        snprintf(out[3], 64, "%sing", w);
    } else if (last == 's' || last == 'x' || last == 'h' || last == 'z') {
        snprintf(out[1], 64, "%ses", w);
        snprintf(out[2], 64, "%sed", w);
        snprintf(out[3], 64, "%sing", w);
    } else {
        snprintf(out[1], 64, "%ss", w);
        snprintf(out[2], 64, "%sed", w);
        snprintf(out[3], 64, "%sing", w);
    }
    return 4;
}

static dl_status bad(char *err, size_t errlen, const char *path, size_t line, const char *msg,
                     const char *what) {
    snprintf(err, errlen, "%s:%zu: %s '%s'", path, line, msg, what);
    return DL_ERR_DATA;
}

/* Parses one word element: "a|b|c+" into a NULL-terminated list. */
static char **parse_words(const char *spec) {
    size_t cap = 8, n = 0;
    char **words = malloc(cap * sizeof *words);
    char *copy = strdup(spec), *save = NULL;
    if (!words || !copy) { free(words); free(copy); return NULL; }
    for (char *w = strtok_r(copy, "|", &save); w; w = strtok_r(NULL, "|", &save)) {
        char forms[4][64];
        size_t nf = 1, len = strlen(w);
        if (len > 1 && w[len - 1] == '+') {
            w[len - 1] = '\0';
            nf = dl_verb_inflect(w, forms);
        } else {
            snprintf(forms[0], 64, "%s", w);
        }
        for (size_t f = 0; f < nf; f++) {
            if (n + 2 > cap) {
                cap *= 2;
                char **nw = realloc(words, cap * sizeof *words);
                if (!nw) break;
                words = nw;
            }
            words[n++] = strdup(forms[f]);
        }
    }
    words[n] = NULL;
    free(copy);
    return words;
}

static int parse_flags(const char *s) {
    int flags = 0;
    if (strstr(s, "implicit")) flags |= DL_VF_IMPLICIT;
    if (strstr(s, "nominal")) flags |= DL_VF_NOMINAL;
    if (strstr(s, "continue")) flags |= DL_VF_CONTINUE;
    if (strstr(s, "between")) flags |= DL_VF_BETWEEN;
    return flags;
}

static dl_status index_pattern(struct dl_verbs *v, int pi) {
    const dl_pattern *p = &v->patterns.v[pi];
    for (char **w = p->els[p->anchor].words; *w; w++) {
        dl_anchor *a = DL_VEC_PUSH(&v->anchors);
        if (!a) return DL_ERR_NOMEM;
        a->pattern = pi;
        a->next = dl_map_get(&v->by_word, *w, strlen(*w));
        if (dl_map_put(&v->by_word, *w, strlen(*w), (int)(v->anchors.n - 1)) != 0) return DL_ERR_NOMEM;
    }
    return DL_OK;
}

static dl_status add_pattern(struct dl_verbs *v, const struct dl_codebook *cb, char **f, size_t nf,
                             const char *path, size_t line, char *err, size_t errlen) {
    if (nf < 2) return bad(err, errlen, path, line, "expected CODE<TAB>PATTERN, got", f[0]);
    int flags = nf > 2 ? parse_flags(f[2]) : 0;
    if (strcmp(f[0], "=") == 0) flags |= DL_VF_CONTINUE;
    else if (!dl_codebook_find(cb, f[0]))
        return bad(err, errlen, path, line, "not a CAMEO code in the codebook:", f[0]);
    dl_pattern *p = DL_VEC_PUSH(&v->patterns);
    if (!p) return DL_ERR_NOMEM;
    snprintf(p->code, sizeof p->code, "%s", f[0]);
    p->flags = flags;
    p->rule = malloc(64);
    if (!p->rule) return DL_ERR_NOMEM;
    const char *base = strrchr(path, '/');
    snprintf(p->rule, 64, "%s:%zu", base ? base + 1 : path, line);
    char *copy = strdup(f[1]), *save = NULL;
    if (!copy) return DL_ERR_NOMEM;
    size_t cap = 0;
    int anchored = 0;
    dl_status st = DL_OK;
    for (char *tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        if (p->n_els == cap) {
            cap = cap ? cap * 2 : 8;
            dl_pattern_el *ne = realloc(p->els, cap * sizeof *ne);
            if (!ne) { st = DL_ERR_NOMEM; break; }
            p->els = ne;
        }
        dl_pattern_el *el = &p->els[p->n_els++];
        memset(el, 0, sizeof *el);
        if (strcmp(tok, "*") == 0) el->kind = DL_EL_GAP;
        else if (strcmp(tok, "$T") == 0) el->kind = DL_EL_TARGET;
        else if (tok[0] == '$') { st = bad(err, errlen, path, line, "unknown slot", tok); break; }
        else {
            el->kind = DL_EL_WORDS;
            el->words = parse_words(tok);
            if (!el->words) { st = DL_ERR_NOMEM; break; }
            if (!anchored) { p->anchor = p->n_els - 1; anchored = 1; }
        }
    }
    free(copy);
    if (st != DL_OK) return st;
    if (!anchored) return bad(err, errlen, path, line, "pattern has no word", f[1]);
    return index_pattern(v, (int)(v->patterns.n - 1));
}

dl_status dl_verbs_load(const char *path, const struct dl_codebook *cb, struct dl_verbs **out,
                        char *err, size_t errlen) {
    *out = NULL;
    struct dl_verbs *v = calloc(1, sizeof *v);
    if (!v) return DL_ERR_NOMEM;
    dl_tsv tsv;
    dl_status st = dl_tsv_open(&tsv, path, err, errlen);
    if (st != DL_OK) { free(v); return st; }
    char **f;
    size_t nf;
    while (st == DL_OK && dl_tsv_next(&tsv, &f, &nf) == DL_OK)
        st = add_pattern(v, cb, f, nf, path, tsv.line, err, errlen);
    dl_tsv_close(&tsv);
    if (st != DL_OK) {
        if (st == DL_ERR_NOMEM) snprintf(err, errlen, "%s: out of memory", path);
        dl_verbs_free(v);
        return st;
    }
    *out = v;
    return DL_OK;
}

void dl_verbs_free(struct dl_verbs *v) {
    if (!v) return;
    for (size_t i = 0; i < v->patterns.n; i++) {
        dl_pattern *p = &v->patterns.v[i];
        for (size_t e = 0; e < p->n_els; e++) {
            if (!p->els[e].words) continue;
            for (char **w = p->els[e].words; *w; w++) free(*w);
            free(p->els[e].words);
        }
        free(p->els);
        free(p->rule);
    }
    DL_VEC_FREE(&v->patterns);
    DL_VEC_FREE(&v->anchors);
    dl_map_release(&v->by_word);
    free(v);
}

int dl_verbs_first(const struct dl_verbs *v, const char *word) {
    return dl_map_get(&v->by_word, word, strlen(word));
}
