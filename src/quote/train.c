/*
 * quote/train.c -- `dateline train quotes`: the speaker model learned from
 * hand-annotated articles.
 *
 * Each article is coded with the rules alone while the quote stage logs,
 * for every quote with several candidate speakers, each candidate's actor
 * and features (doc->speaker_log).  As the scorer (score_gold.py) counts
 * it, a quote is right when its words share 80% of their tokens (F1) with
 * a gold quote's and its speaker's name is one of that gold speaker's
 * names or aliases.  A quote that matches no gold quote, or whose
 * candidates name none of the matching quotes' speakers, teaches nothing;
 * otherwise the right candidate (the rules' own when it is right) is what
 * the averaged perceptron learns to choose.  Deterministic: files in name
 * order, seeded shuffles.
 */
#include "quote/train.h"

#include <ctype.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "core/map.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "learn/linear.h"
#include "learn/train_util.h"

/* ---- gold files ---------------------------------------------------------------- */

typedef struct {
    char *text;
    int speaker;     /* gold actor index, -1 when unknown */
} gquote;

typedef struct {
    size_t nactors;
    DL_VEC(gquote) quotes;
    dl_map alias;    /* folded name or alias -> actor */
} gold;

/* The scorer's key: folded, white space squeezed, outer " .,'\"" stripped. */
static char *fold_key(const char *s) {
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_utf8_fold(s, strlen(s), &b);
    char *f = dl_strbuf_detach(&b);
    if (!f) return NULL;
    char *w = f;
    for (char *r = f; *r; r++) {
        char c = *r == '\t' || *r == '\n' ? ' ' : *r;
        if (!(c == ' ' && (w == f || w[-1] == ' '))) *w++ = c;
    }
    *w = '\0';
    char *start = f;
    while (*start && strchr(" .,'\"", *start)) start++;
    size_t n = strlen(start);
    while (n && strchr(" .,'\"", start[n - 1])) n--;
    memmove(f, start, n);
    f[n] = '\0';
    return f;
}

static int gold_actor(const gold *g, const char *name) {
    if (!name) return -1;
    char *k = fold_key(name);
    int a = k ? dl_map_get(&g->alias, k, strlen(k)) : -1;
    free(k);
    return a;
}

static void add_alias(gold *g, const char *name, int actor) {
    char *k = fold_key(name);
    if (k && dl_map_get(&g->alias, k, strlen(k)) < 0) dl_map_put(&g->alias, k, strlen(k), actor);
    free(k);
}

static void gold_free(gold *g) {
    for (size_t i = 0; i < g->quotes.n; i++) free(g->quotes.v[i].text);
    DL_VEC_FREE(&g->quotes);
    dl_map_release(&g->alias);
}

/* The gold quote's speaker: the actor of that very name (the scorer
 * compares names), -1 when none has it. */
static int speaker_index(json_t *actors, const gold *g, const char *name) {
    if (!name) return -1;
    size_t i;
    json_t *x;
    json_array_foreach(actors, i, x) {
        const char *n = json_string_value(json_object_get(x, "name"));
        if (n && strcmp(n, name) == 0) return (int)i;
    }
    (void)g;
    return -1;
}

static dl_status gold_read(const char *path, gold *g, char *date, char *err, size_t errlen) {
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root) {
        snprintf(err, errlen, "%s:%d: %s", path, je.line, je.text);
        return DL_ERR_DATA;
    }
    const char *d = json_string_value(json_object_get(root, "date"));
    snprintf(date, 11, "%s", d ? d : "");
    json_t *actors = json_object_get(root, "actors"), *x;
    size_t i;
    json_array_foreach(actors, i, x) {
        const char *name = json_string_value(json_object_get(x, "name"));
        add_alias(g, name ? name : "", (int)i);
        size_t j;
        json_t *al;
        json_array_foreach(json_object_get(x, "aliases"), j, al)
            if (json_string_value(al)) add_alias(g, json_string_value(al), (int)i);
        g->nactors++;
    }
    json_array_foreach(json_object_get(root, "quotes"), i, x) {
        const char *text = json_string_value(json_object_get(x, "text"));
        gquote *q = text ? DL_VEC_PUSH(&g->quotes) : NULL;
        if (!q) continue;
        q->text = strdup(text);
        q->speaker = speaker_index(actors, g, json_string_value(json_object_get(x, "speaker")));
    }
    json_decref(root);
    return DL_OK;
}

/* ---- matching quotes as the scorer does ------------------------------------------- */

/* The words of s (runs of letters, digits, '_' and non-ASCII), folded,
 * into *out, pointing into *buf; how many.  The caller frees both. */
static int word_byte(unsigned char c) { return isalnum(c) || c == '_' || c >= 0x80; }

static size_t words_of(const char *s, char **buf, char ***out) {
    *out = NULL;
    dl_strbuf b;
    dl_strbuf_init(&b);
    dl_utf8_fold(s ? s : "", s ? strlen(s) : 0, &b);
    *buf = dl_strbuf_detach(&b);
    if (!*buf) return 0;
    size_t n = 0, cap = strlen(*buf) / 2 + 1;
    char **v = malloc(cap * sizeof *v);
    if (!v) return 0;
    for (char *p = *buf; *p;) {
        if (!word_byte((unsigned char)*p)) { *p++ = '\0'; continue; }
        v[n++] = p;
        while (*p && word_byte((unsigned char)*p)) p++;
    }
    *out = v;
    return n;
}

static int by_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The F1 of the two texts' word tokens, counted with repeats. */
static double token_f1(const char *a, const char *b) {
    char *ba = NULL, *bb = NULL, **wa, **wb;
    size_t na = words_of(a, &ba, &wa), nb = words_of(b, &bb, &wb);
    double f = 0;
    if (na && nb) {
        qsort(wa, na, sizeof *wa, by_str);
        qsort(wb, nb, sizeof *wb, by_str);
        size_t common = 0;
        for (size_t i = 0, j = 0; i < na && j < nb;) {
            int c = strcmp(wa[i], wb[j]);
            if (c == 0) { common++; i++; j++; }
            else if (c < 0) i++;
            else j++;
        }
        double p = (double)common / (double)na, r = (double)common / (double)nb;
        f = common ? 2 * p * r / (p + r) : 0;
    }
    free(ba); free(bb); free(wa); free(wb);
    return f;
}

/* ---- aligning the logged quotes ------------------------------------------------------ */

typedef struct {
    const dl_logged_speaker *cands;
    size_t n;
    size_t gold;
} decision;
typedef DL_VEC(decision) decision_vec;

/* What the decisions could reach. */
typedef struct {
    size_t quotes;      /* logged quotes */
    size_t matched;     /* ... whose words are a gold quote's */
    size_t reachable;   /* ... with a candidate the gold's speaker */
    size_t rule_right;  /* ... where the rules' choice is */
} coverage;

/* The gold actor a candidate names, as the scorer reads the output. */
static int cand_gold(const dl_doc *doc, const gold *g, const dl_logged_speaker *c) {
    if (c->actor >= 0) return gold_actor(g, doc->actors.v[c->actor].name);
    return gold_actor(g, c->text);
}

/* A quote whose rules' speaker is wrong, on stderr. */
static void debug_quote(const dl_doc *doc, const gold *g, const dl_logged_quote *lq, long best) {
    fprintf(stderr, "%s %.70s |", best < 0 ? "UNREACHED" : "OVERRULE", lq->quote);
    for (size_t c = 0; c < lq->ncand; c++) {
        const dl_logged_speaker *ls = &lq->cands[c];
        fprintf(stderr, " [%s%s]", ls->actor >= 0 ? doc->actors.v[ls->actor].name : ls->text ? ls->text : "-",
                (long)c == best ? "*" : "");
        for (size_t f = 0; f < ls->nfeats; f++)
            if (strncmp(ls->feats[f], "by=", 3) == 0 && !strchr(ls->feats[f], '&')) fprintf(stderr, " %s", ls->feats[f] + 3);
    }
    for (size_t i = 0; i < g->quotes.n; i++)
        if (token_f1(lq->quote, g->quotes.v[i].text) >= 0.8) fprintf(stderr, " | gold %d", g->quotes.v[i].speaker);
    fprintf(stderr, "\n");
}

/* The right candidate of a logged quote: the rules' when it names the
 * speaker of a gold quote of the same words, else the first that does;
 * -1 when none does or no gold quote has these words. */
static long right_candidate(const dl_doc *doc, const gold *g, const dl_logged_quote *lq, coverage *cov) {
    int matched = 0;
    long best = -1;
    for (size_t i = 0; i < g->quotes.n; i++) {
        const gquote *gq = &g->quotes.v[i];
        if (token_f1(lq->quote, gq->text) < 0.8) continue;
        matched = 1;
        if (gq->speaker < 0) continue;
        for (size_t c = 0; c < lq->ncand; c++)
            if (cand_gold(doc, g, &lq->cands[c]) == gq->speaker && (best < 0 || (long)c < best)) best = (long)c;
    }
    cov->matched += matched;
    cov->reachable += best >= 0;
    cov->rule_right += best == 0;
    if (getenv("DATELINE_DEBUG_TRAIN") && matched && best != 0) debug_quote(doc, g, lq, best);
    return best;
}

static void align(const dl_doc *doc, const gold *g, const dl_speaker_log *log, size_t from, decision_vec *out,
                  coverage *cov) {
    for (size_t i = from; i < log->quotes.n; i++) {
        const dl_logged_quote *lq = &log->quotes.v[i];
        cov->quotes++;
        long r = right_candidate(doc, g, lq, cov);
        if (r < 0) continue;
        decision *d = DL_VEC_PUSH(out);
        if (!d) return;
        d->cands = lq->cands;
        d->n = lq->ncand;
        d->gold = (size_t)r;
    }
}

/* ---- the run ---------------------------------------------------------------------------- */

static int in_split(const char *name, const char *split) {
    if (strcmp(split, "all") == 0) return 1;
    char *end;
    long n = strtol(name, &end, 10);
    if (end == name) return strcmp(split, "train") == 0;
    return strcmp(split, "dev") == 0 ? n % 3 == 0 : n % 3 != 0;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* An article's text, read up to 64 MiB (the inputs' bound). */
static dl_status read_text(const char *path, dl_strbuf *b) {
    const size_t max = (size_t)64 << 20;
    FILE *fp = fopen(path, "rb");
    if (!fp) return DL_ERR_IO;
    size_t start = b->len;
    int bad = dl_strbuf_add_file(b, fp, max);
    fclose(fp);
    if (!bad && b->len - start > max) return DL_ERR_DATA;
    return bad ? (b->oom ? DL_ERR_NOMEM : DL_ERR_IO) : DL_OK;
}

/* Codes one article, its quote stage logging into log, and aligns what
 * it logged. */
static dl_status code_article(dl_engine *eng, const char *dir, const char *name, dl_speaker_log *log,
                              decision_vec *decisions, coverage *cov, char *err, size_t errlen) {
    char path[4096], date[11];
    gold g = {0};
    dl_map_init(&g.alias);
    snprintf(path, sizeof path, "%s/%s.gold.json", dir, name);
    dl_status st = gold_read(path, &g, date, err, errlen);
    dl_strbuf text;
    dl_strbuf_init(&text);
    if (st == DL_OK) {
        snprintf(path, sizeof path, "%s/%s.txt", dir, name);
        st = read_text(path, &text);
        if (st == DL_ERR_IO) {
            snprintf(path, sizeof path, "%s/%s.html", dir, name);
            dl_strbuf_clear(&text);
            st = read_text(path, &text);
        }
        if (st != DL_OK) snprintf(err, errlen, "%s/%s.txt: cannot read", dir, name);
    }
    dl_doc *doc = NULL;
    if (st == DL_OK && !(doc = dl_doc_new())) st = DL_ERR_NOMEM;
    if (st == DL_OK) st = dl_doc_set_source(doc, path, text.s ? text.s : "", text.len, DL_INPUT_AUTO);
    size_t from = log->quotes.n;
    if (st == DL_OK) {
        if (date[0]) dl_doc_set_default_date(doc, date);
        doc->speaker_log = log;
        st = dl_doc_run(eng, doc);
        doc->speaker_log = NULL;
        if (st != DL_OK) snprintf(err, errlen, "%s: %s", path, dl_strerror(st));
    }
    if (st == DL_OK) align(doc, &g, log, from, decisions, cov);
    dl_strbuf_release(&text);
    gold_free(&g);
    dl_doc_free(doc);
    return st;
}

/* As the quote stage chooses (quote.c, best_speaker): never nobody. */
static size_t argmax(const dl_linear *m, const decision *d) {
    size_t c0 = d->cands[0].actor < 0 && !d->cands[0].text ? 1 : 0, best = c0;
    double top = 0;
    for (size_t c = c0; c < d->n; c++) {
        double s = dl_linear_score(m, d->cands[c].feats, d->cands[c].nfeats);
        if (c == c0 || s > top) { top = s; best = c; }
    }
    return best;
}

/* One averaged perceptron over the decisions in a seeded order. */
static dl_status train_run(dl_linear *m, const decision_vec *decisions, uint32_t *order,
                           const dl_quote_train_opts *o, uint64_t seed) {
    dl_status st = DL_OK;
    /* the rules' choice is where learning starts: the perceptron moves away
     * from it only where the annotations say so */
    if (o->prior != 0) {
        const char *prior[] = {"rulepick"};
        st = dl_linear_update(m, prior, 1, o->prior);
    }
    for (int ep = 0; st == DL_OK && ep < o->epochs; ep++) {
        for (size_t i = 0; i < decisions->n; i++) order[i] = (uint32_t)i;
        dl__shuffle(order, decisions->n, &seed);
        size_t wrong = 0;
        for (size_t k = 0; k < decisions->n && st == DL_OK; k++) {
            const decision *d = &decisions->v[order[k]];
            size_t guess = argmax(m, d);
            if (guess != d->gold) {
                wrong++;
                st = dl_linear_update(m, d->cands[d->gold].feats, d->cands[d->gold].nfeats, 1.0);
                if (st == DL_OK) st = dl_linear_update(m, d->cands[guess].feats, d->cands[guess].nfeats, -1.0);
            }
            dl_linear_tick(m);
        }
        if (o->log) fprintf(o->log, "epoch %d: %zu of %zu decisions wrong\n", ep + 1, wrong, decisions->n);
    }
    if (st == DL_OK) dl_linear_average(m);
    return st;
}

/* The split's article names (NN of NN.gold.json), sorted, into *names. */
static dl_status list_articles(const char *dir_name, char ***names, size_t *n, char *err, size_t errlen) {
    DIR *dir = opendir(dir_name);
    *names = NULL;
    *n = 0;
    if (!dir) { snprintf(err, errlen, "%s: cannot open directory", dir_name); return DL_ERR_IO; }
    DL_VEC(char *) v = {0};
    dl_status st = DL_OK;
    for (struct dirent *e; (e = readdir(dir));) {
        size_t len = strlen(e->d_name);
        if (len <= 10 || strcmp(e->d_name + len - 10, ".gold.json") != 0) continue;
        char *base = strndup(e->d_name, len - 10);
        char **slot = base ? DL_VEC_PUSH(&v) : NULL;
        if (!slot) { free(base); st = DL_ERR_NOMEM; break; }
        *slot = base;
    }
    closedir(dir);
    if (v.n) qsort(v.v, v.n, sizeof *v.v, by_name);
    *names = v.v;
    *n = v.n;
    return st;
}

static dl_status train_and_save(const decision_vec *decisions, const dl_quote_train_opts *o, size_t articles,
                                const coverage *cov, char *err, size_t errlen) {
    int runs = o->runs > 0 ? o->runs : 1;
    dl_linear *m = dl_linear_new();
    uint32_t *order = malloc((decisions->n + 1) * sizeof *order);
    dl_status st = m && order ? DL_OK : DL_ERR_NOMEM;
    /* several runs over different shuffles, averaged, as for the event model */
    for (int r = 0; r < runs && st == DL_OK; r++) {
        dl_linear *one = dl_linear_new();
        if (!one) { st = DL_ERR_NOMEM; break; }
        st = train_run(one, decisions, order, o, o->seed + (uint64_t)r * 1000003u);
        if (st == DL_OK) st = dl_linear_add_scaled(m, one, 1.0 / runs);
        dl_linear_free(one);
    }
    if (st == DL_OK) {
        size_t right = 0;
        for (size_t k = 0; k < decisions->n; k++) right += argmax(m, &decisions->v[k]) == decisions->v[k].gold;
        char header[1024];
        snprintf(header, sizeof header,
                 "dateline quote model: averaged perceptron over the quote stage's candidate speakers\n"
                 "trained by `dateline train quotes --split %s --epochs %d --seed %llu --runs %d --prior %g` on %zu articles of %s\n"
                 "%zu quotes with several candidates, %zu with the words of a gold quote, %zu with its speaker among them (the rules' in %zu); %zu chosen right after training\n"
                 "feature<TAB>weight; see src/quote/quote.c for the features",
                 o->split, o->epochs, o->seed, runs, o->prior, articles, o->gold_dir, cov->quotes, cov->matched,
                 cov->reachable, cov->rule_right, right);
        if (o->log) fprintf(o->log, "%s\n", header);
        st = dl_linear_save(m, o->out, header, err, errlen);
    }
    free(order);
    dl_linear_free(m);
    return st;
}

dl_status dl_quote_train(dl_engine *eng, const dl_quote_train_opts *o, char *err, size_t errlen) {
    if (eng->quote_model) {
        snprintf(err, errlen, "the engine must choose speakers with its rules alone to train");
        return DL_ERR_USAGE;
    }
    char **names;
    size_t nnames;
    dl_status st = list_articles(o->gold_dir, &names, &nnames, err, errlen);
    dl_speaker_log log = {0};
    dl_arena_init(&log.arena);
    decision_vec decisions = {0};
    coverage cov = {0};
    size_t in = 0, articles = 0;
    for (size_t i = 0; i < nnames && st == DL_OK; i++) {
        if (!in_split(names[i], o->split)) continue;
        if (o->folds > 1 && (int)(in++ % (size_t)o->folds) == o->fold) continue;
        st = code_article(eng, o->gold_dir, names[i], &log, &decisions, &cov, err, errlen);
        articles++;
    }
    if (st == DL_OK && !decisions.n) {
        snprintf(err, errlen, "%s: no article of split '%s' gave a quote to learn from", o->gold_dir, o->split);
        st = DL_ERR_INPUT;
    }
    if (st == DL_OK) st = train_and_save(&decisions, o, articles, &cov, err, errlen);
    DL_VEC_FREE(&decisions);
    DL_VEC_FREE(&log.quotes);
    dl_arena_release(&log.arena);
    for (size_t i = 0; i < nnames; i++) free(names[i]);
    free(names);
    return st;
}
