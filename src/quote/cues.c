/*
 * quote/cues.c -- loads data/quotes/cues.tsv:
 *
 *   cue  forms  bare  frame
 *   say  say;says;said;saying  yes  clause
 *
 * Forms are matched on the tokens as the tokenizer folds them; errors name
 * the file and line.
 */
#include "quote/cues.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors/dict.h"
#include "core/tsv.h"

static dl_status fail(char *err, size_t errlen, const char *path, size_t line, const char *msg,
                      const char *what) {
    snprintf(err, errlen, "%s:%zu: %s%s%s", path, line, msg, what ? ": " : "", what ? what : "");
    return DL_ERR_DATA;
}

static int frame_of(const char *s) {
    static const char *const names[] = {"clause", "tell", "object", "label", "according", NULL};
    for (int i = 0; names[i]; i++)
        if (strcmp(s, names[i]) == 0) return i + 1;
    return 0;
}

static dl_status add_form(struct dl_cues *c, const char *form, int cue) {
    char key[256];
    size_t ntok = dl_dict_key(form, key, sizeof key);
    if (!ntok) return DL_ERR_DATA;
    if (dl_map_put(&c->forms, key, strlen(key), cue) != 0) return DL_ERR_NOMEM;
    for (size_t k = 0; key[k]; k++)
        if (key[k] == ' ' && dl_map_put(&c->prefixes, key, k, 1) != 0) return DL_ERR_NOMEM;
    if (ntok > c->max_tokens) c->max_tokens = ntok;
    return DL_OK;
}

static dl_status load_row(struct dl_cues *c, char **f, size_t nf, const char *path, size_t line,
                          char *err, size_t errlen) {
    if (nf < 4) return fail(err, errlen, path, line, "expected cue, forms, bare, frame", NULL);
    int frame = frame_of(f[3]);
    if (!frame) return fail(err, errlen, path, line, "frame must be clause, tell, object, label or according", f[3]);
    if (strcmp(f[2], "yes") != 0 && strcmp(f[2], "no") != 0)
        return fail(err, errlen, path, line, "bare must be yes or no", f[2]);
    dl_cue *cue = DL_VEC_PUSH(&c->cues);
    if (!cue || !(cue->lemma = strdup(f[0]))) return DL_ERR_NOMEM;
    cue->bare = (uint8_t)(strcmp(f[2], "yes") == 0);
    cue->frame = (uint8_t)frame;
    char *copy = strdup(f[1]), *save = NULL;
    if (!copy) return DL_ERR_NOMEM;
    dl_status st = DL_OK;
    for (char *p = strtok_r(copy, ";", &save); p && st == DL_OK; p = strtok_r(NULL, ";", &save))
        if (*p) st = add_form(c, p, (int)(c->cues.n - 1));
    free(copy);
    if (st == DL_ERR_DATA) return fail(err, errlen, path, line, "a form has no words", f[1]);
    return st;
}

dl_status dl_cues_load(const char *path, struct dl_cues **out, char *err, size_t errlen) {
    *out = NULL;
    struct dl_cues *c = calloc(1, sizeof *c);
    if (!c) return DL_ERR_NOMEM;
    dl_tsv tsv;
    dl_status st = dl_tsv_open(&tsv, path, err, errlen);
    if (st != DL_OK) { free(c); return st; }
    char **f;
    size_t nf;
    while (st == DL_OK && dl_tsv_next(&tsv, &f, &nf) == DL_OK)
        st = load_row(c, f, nf, path, tsv.line, err, errlen);
    dl_tsv_close(&tsv);
    if (st == DL_ERR_NOMEM) snprintf(err, errlen, "%s: out of memory", path);
    if (st != DL_OK) { dl_cues_free(c); return st; }
    *out = c;
    return DL_OK;
}

void dl_cues_free(struct dl_cues *c) {
    if (!c) return;
    for (size_t i = 0; i < c->cues.n; i++) free(c->cues.v[i].lemma);
    DL_VEC_FREE(&c->cues);
    dl_map_release(&c->forms);
    dl_map_release(&c->prefixes);
    free(c);
}

int dl_cues_match(const struct dl_cues *c, const dl_doc *doc, size_t i, size_t end, size_t *len) {
    char key[256];
    size_t kl = 0;
    int found = -1;
    for (size_t n = 1; n <= c->max_tokens && i + n <= end; n++) {
        const char *w = doc->toks.v[i + n - 1].norm;
        size_t wl = strlen(w);
        if (kl + wl + 2 > sizeof key) break;
        if (n > 1) key[kl++] = ' ';
        memcpy(key + kl, w, wl);
        kl += wl;
        int cue = dl_map_get(&c->forms, key, kl);
        if (cue >= 0) { found = cue; *len = n; }
        if (dl_map_get(&c->prefixes, key, kl) < 0) break;
    }
    return found;
}
