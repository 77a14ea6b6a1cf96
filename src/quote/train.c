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
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "learn/gold.h"
#include "learn/linear.h"
#include "learn/train_util.h"

/* ---- gold files ---------------------------------------------------------------- */

typedef struct {
    char *text;
    int speaker;     /* gold actor index, -1 when unknown */
} gquote;

typedef struct {
    dl_gold_file f;  /* names and aliases */
    DL_VEC(gquote) quotes;
} gold;

static int gold_actor(const gold *g, const char *name) { return dl_gold_actor(&g->f, name); }

static void gold_free(gold *g) {
    for (size_t i = 0; i < g->quotes.n; i++) free(g->quotes.v[i].text);
    DL_VEC_FREE(&g->quotes);
    dl_gold_close(&g->f);
}

/* The gold quote's speaker: the actor of that very name (the scorer
 * compares names), -1 when none has it. */
static int speaker_index(json_t *actors, const char *name) {
    if (!name) return -1;
    size_t i;
    json_t *x;
    json_array_foreach(actors, i, x) {
        const char *n = json_string_value(json_object_get(x, "name"));
        if (n && strcmp(n, name) == 0) return (int)i;
    }
    return -1;
}

static dl_status gold_read(const char *path, gold *g, char *err, size_t errlen) {
    dl_status st = dl_gold_open(path, &g->f, err, errlen);
    if (st != DL_OK) return st;
    json_t *actors = json_object_get(g->f.root, "actors"), *x;
    size_t i;
    json_array_foreach(json_object_get(g->f.root, "quotes"), i, x) {
        const char *text = json_string_value(json_object_get(x, "text"));
        gquote *q = text ? DL_VEC_PUSH(&g->quotes) : NULL;
        if (!q) continue;
        q->text = strdup(text);
        q->speaker = speaker_index(actors, json_string_value(json_object_get(x, "speaker")));
    }
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

/* One training decision per logged quote with a right candidate; as the
 * quote stage chooses (quote.c, best_speaker), never nobody. */
static dl_status align(const dl_doc *doc, const gold *g, const dl_speaker_log *log, size_t from,
                       dl_choice_vec *out, coverage *cov) {
    for (size_t i = from; i < log->quotes.n; i++) {
        const dl_logged_quote *lq = &log->quotes.v[i];
        cov->quotes++;
        long r = right_candidate(doc, g, lq, cov);
        if (r < 0) continue;
        size_t first = lq->cands[0].actor < 0 && !lq->cands[0].text ? 1 : 0;
        if (dl_choice_add(out, lq->ncand, first, (size_t)r) != DL_OK) return DL_ERR_NOMEM;
        dl_choice *d = &out->v[out->n - 1];
        for (size_t c = 0; c < lq->ncand; c++) d->cands[c] = (dl_featset){lq->cands[c].feats, lq->cands[c].nfeats};
    }
    return DL_OK;
}

/* ---- the run ---------------------------------------------------------------------------- */

/* Codes one article, its quote stage logging into log, and aligns what
 * it logged. */
static dl_status code_article(dl_engine *eng, const char *dir, const char *name, dl_speaker_log *log,
                              dl_choice_vec *decisions, coverage *cov, char *err, size_t errlen) {
    char path[4096];
    gold g = {0};
    snprintf(path, sizeof path, "%s/%s.gold.json", dir, name);
    dl_status st = gold_read(path, &g, err, errlen);
    dl_strbuf text;
    dl_strbuf_init(&text);
    if (st == DL_OK) st = dl_gold_text(dir, name, &text, path, sizeof path, err, errlen);
    dl_doc *doc = NULL;
    if (st == DL_OK && !(doc = dl_doc_new())) st = DL_ERR_NOMEM;
    if (st == DL_OK) st = dl_doc_set_source(doc, path, text.s ? text.s : "", text.len, DL_INPUT_AUTO);
    size_t from = log->quotes.n;
    if (st == DL_OK) {
        if (g.f.date[0]) dl_doc_set_default_date(doc, g.f.date);
        doc->speaker_log = log;
        st = dl_doc_run(eng, doc);
        doc->speaker_log = NULL;
        if (st != DL_OK) snprintf(err, errlen, "%s: %s", path, dl_strerror(st));
    }
    if (st == DL_OK) st = align(doc, &g, log, from, decisions, cov);
    dl_strbuf_release(&text);
    gold_free(&g);
    dl_doc_free(doc);
    return st;
}

static dl_status train_and_save(const dl_choice_vec *decisions, const dl_quote_train_opts *o, const char *dirs,
                                size_t articles,
                                const coverage *cov, char *err, size_t errlen) {
    const char *prior[] = {"rulepick"};
    dl_choice_opts co = {o->epochs, o->seed, o->runs, prior, 1, o->prior, o->log};
    dl_linear *m = dl_linear_new();
    size_t right = 0;
    dl_status st = m ? dl_choice_train(m, decisions, &co, &right) : DL_ERR_NOMEM;
    if (st == DL_OK) {
        char header[4096];
        snprintf(header, sizeof header,
                 "dateline quote model: averaged perceptron over the quote stage's candidate speakers\n"
                 "trained by `dateline train quotes --split %s --epochs %d --seed %llu --runs %d --prior %g` on %zu articles of %s\n"
                 "%zu quotes with several candidates, %zu with the words of a gold quote, %zu with its speaker among them (the rules' in %zu); %zu chosen right after training\n"
                 "feature<TAB>weight; see src/quote/quote.c for the features",
                 o->split, o->epochs, o->seed, o->runs > 0 ? o->runs : 1, o->prior, articles, dirs,
                 cov->quotes, cov->matched, cov->reachable, cov->rule_right, right);
        if (o->log) fprintf(o->log, "%s\n", header);
        st = dl_linear_save(m, o->out, header, err, errlen);
    }
    dl_linear_free(m);
    return st;
}

dl_status dl_quote_train(dl_engine *eng, const dl_quote_train_opts *o, char *err, size_t errlen) {
    if (eng->quote_model) {
        snprintf(err, errlen, "the engine must choose speakers with its rules alone to train");
        return DL_ERR_USAGE;
    }
    dl_gold_article *arts;
    size_t narts;
    char dirs[2048];
    dl_gold_dirs_text(o, dirs, sizeof dirs);
    dl_status st = dl_gold_articles(o, &arts, &narts, err, errlen);
    dl_speaker_log log = {0};
    dl_arena_init(&log.arena);
    dl_choice_vec decisions = {0};
    coverage cov = {0};
    size_t articles = 0;
    for (size_t i = 0; i < narts && st == DL_OK; i++) {
        st = code_article(eng, arts[i].dir, arts[i].name, &log, &decisions, &cov, err, errlen);
        articles++;
    }
    if (st == DL_OK && !decisions.n) {
        snprintf(err, errlen, "%s: no article of split '%s' gave a quote to learn from", dirs, o->split);
        st = DL_ERR_INPUT;
    }
    if (st == DL_OK) st = train_and_save(&decisions, o, dirs, articles, &cov, err, errlen);
    dl_choice_free(&decisions);
    DL_VEC_FREE(&log.quotes);
    dl_arena_release(&log.arena);
    dl_gold_articles_free(arts, narts);
    return st;
}
