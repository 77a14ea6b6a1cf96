/*
 * learn/corpus.c -- reading CoNLL-U (https://universaldependencies.org/format.html)
 * and CoNLL-2003 column files into one sentence/token table.
 */
#include "learn/corpus.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void end_sentence(dl_corpus *c, uint32_t *tok0) {
    if (c->toks.n > *tok0) {
        dl_csent *s = DL_VEC_PUSH(&c->sents);
        if (s) {
            s->tok0 = *tok0;
            s->ntok = (uint32_t)(c->toks.n - *tok0);
            s->doc = c->ndocs ? c->ndocs - 1 : 0;
        }
    }
    *tok0 = (uint32_t)c->toks.n;
}

/* Splits line at sep into at most max fields; returns the count. */
static int split(char *line, char sep, char **f, int max) {
    int n = 0;
    char *p = line;
    while (n < max) {
        f[n++] = p;
        char *q = strchr(p, sep);
        if (!q) break;
        *q = '\0';
        p = q + 1;
    }
    return n;
}

static int tabs(const char *line) {
    int n = 0;
    for (; *line; line++) n += *line == '\t';
    return n;
}

static int is_word_id(const char *id) {
    if (!*id) return 0;
    for (const char *p = id; *p; p++)
        if (*p < '0' || *p > '9') return 0;
    return 1;
}

dl_status dl_corpus_load(const char *path, dl_corpus *c, char *err, size_t errlen) {
    memset(c, 0, sizeof *c);
    dl_arena_init(&c->arena);
    return dl_corpus_load_more(path, c, err, errlen);
}

dl_status dl_corpus_load_more(const char *path, dl_corpus *c, char *err, size_t errlen) {
    if (c->sents.n) c->ndocs = c->sents.v[c->sents.n - 1].doc + 1;
    FILE *fp = fopen(path, "r");
    if (!fp) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return DL_ERR_IO;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0;
    int format = 0;  /* 1 conllu, 2 conll2003, 3 universal ner */
    int mwt_end = 0, mwt_nospace = 0;  /* the multiword token being read */
    uint32_t tok0 = (uint32_t)c->toks.n;
    dl_status st = DL_OK;
    while ((got = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r')) line[--got] = '\0';
        if (got == 0) { end_sentence(c, &tok0); mwt_end = 0; continue; }
        if (format == 0 && line[0] != '#') format = !strchr(line, '\t') ? 2 : tabs(line) == 4 ? 3 : 1;
        if (line[0] == '#' && format != 2) {
            if (!strncmp(line, "# newdoc", 8)) {
                end_sentence(c, &tok0);
                c->ndocs++;
            }
            continue;
        }
        if (format == 3) {
            char *f[5];
            if (split(line, '\t', f, 5) != 5) {
                snprintf(err, errlen, "%s:%ld: expected 5 tab-separated columns", path, lineno);
                st = DL_ERR_DATA;
                break;
            }
            dl_ctok *t = DL_VEC_PUSH(&c->toks);
            if (!t) { st = DL_ERR_NOMEM; break; }
            memset(t, 0, sizeof *t);
            t->form = dl_arena_strdup(&c->arena, f[1]);
            t->len = (uint32_t)strlen(f[1]);
            t->upos = t->xpos = t->deprel = t->lemma = "";
            t->feats = "_";
            t->head = -1;
            t->ner = dl_arena_strdup(&c->arena, f[2]);
            if (!t->form || !t->ner) { st = DL_ERR_NOMEM; break; }
        } else if (format == 1) {
            char *f[10];
            if (split(line, '\t', f, 10) != 10) {
                snprintf(err, errlen, "%s:%ld: expected 10 tab-separated columns", path, lineno);
                st = DL_ERR_DATA;
                break;
            }
            if (!is_word_id(f[0])) {  /* multiword range or empty node */
                char *dash = strchr(f[0], '-');
                if (dash) {
                    mwt_end = atoi(dash + 1);
                    mwt_nospace = strstr(f[9], "SpaceAfter=No") != NULL;
                }
                continue;
            }
            dl_ctok *t = DL_VEC_PUSH(&c->toks);
            if (!t) { st = DL_ERR_NOMEM; break; }
            t->form = dl_arena_strdup(&c->arena, f[1]);
            t->len = (uint32_t)strlen(f[1]);
            t->upos = dl_arena_strdup(&c->arena, f[3]);
            t->xpos = dl_arena_strdup(&c->arena, f[4]);
            t->head = is_word_id(f[6]) ? atoi(f[6]) : -1;
            t->deprel = dl_arena_strdup(&c->arena, f[7]);
            t->lemma = dl_arena_strdup(&c->arena, f[2]);
            t->feats = dl_arena_strdup(&c->arena, f[5]);
            t->ner = "";
            int id = atoi(f[0]);
            t->nospace = id < mwt_end || (id == mwt_end ? mwt_nospace : strstr(f[9], "SpaceAfter=No") != NULL);
            if (!t->form || !t->upos || !t->xpos || !t->deprel || !t->lemma || !t->feats) {
                st = DL_ERR_NOMEM;
                break;
            }
        } else {
            char *f[8];
            int n = split(line, ' ', f, 8);
            if (!strcmp(f[0], "-DOCSTART-")) {
                end_sentence(c, &tok0);
                c->ndocs++;
                continue;
            }
            if (n < 2) {
                snprintf(err, errlen, "%s:%ld: expected 'token ... tag'", path, lineno);
                st = DL_ERR_DATA;
                break;
            }
            dl_ctok *t = DL_VEC_PUSH(&c->toks);
            if (!t) { st = DL_ERR_NOMEM; break; }
            t->form = dl_arena_strdup(&c->arena, f[0]);
            t->len = (uint32_t)strlen(f[0]);
            t->upos = "";
            t->xpos = n >= 3 ? dl_arena_strdup(&c->arena, f[1]) : "";
            t->head = -1;
            t->deprel = t->lemma = "";
            t->feats = "_";
            t->ner = dl_arena_strdup(&c->arena, f[n - 1]);
            if (!t->form || !t->xpos || !t->ner) { st = DL_ERR_NOMEM; break; }
        }
    }
    if (st == DL_OK) end_sentence(c, &tok0);
    free(line);
    fclose(fp);
    if (st == DL_ERR_NOMEM) snprintf(err, errlen, "%s: out of memory", path);
    if (st != DL_OK) dl_corpus_release(c);
    return st;
}

void dl_corpus_release(dl_corpus *c) {
    DL_VEC_FREE(&c->toks);
    DL_VEC_FREE(&c->sents);
    dl_arena_release(&c->arena);
}
