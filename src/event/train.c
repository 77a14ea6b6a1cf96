/*
 * event/train.c -- `dateline train events`: the event model learned from
 * hand-annotated articles.
 *
 * Each article is coded with the rules alone while the coder logs, for
 * every trigger, its candidates (doc->cand_log).  A candidate is right when
 * it states a gold event of the same sentence: the code in the gold event's
 * codes or root, and source and target the gold actors (by name or alias),
 * or at least actors of their countries; a gold side without an actor
 * wants none.  The best candidate of each trigger, or "no event" when none
 * is right, is what the averaged perceptron learns to choose.  Optional
 * gold events are real events and count as right too.  Training is
 * deterministic: files in name order, a seeded shuffle.
 */
#include "event/train.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "core/map.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "learn/hash.h"
#include "learn/linear.h"
#include "learn/train_util.h"

/* ---- gold files ---------------------------------------------------------------- */

typedef struct {
    char *name;
    char *country;   /* alpha-3, upper case, or NULL */
    int person;      /* type PER */
    int place;       /* type GPE: the country's own bodies stand for it */
} gactor;

typedef struct {
    int src, tgt;    /* gold actor indexes, -1 for none */
    int optional;
    char codes[16][8];
    size_t ncodes;
    char *sentence;  /* folded */
    char *contains;  /* folded */
    int symmetric;
} gevent;

typedef struct {
    DL_VEC(gactor) actors;
    DL_VEC(gevent) events;
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

static void gold_free(gold *g) {
    for (size_t i = 0; i < g->actors.n; i++) { free(g->actors.v[i].name); free(g->actors.v[i].country); }
    for (size_t i = 0; i < g->events.n; i++) { free(g->events.v[i].sentence); free(g->events.v[i].contains); }
    DL_VEC_FREE(&g->actors);
    DL_VEC_FREE(&g->events);
    dl_map_release(&g->alias);
}

static void add_alias(gold *g, const char *name, int actor) {
    char *k = fold_key(name);
    if (k && dl_map_get(&g->alias, k, strlen(k)) < 0) dl_map_put(&g->alias, k, strlen(k), actor);
    free(k);
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
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(root, "actors"), i, x) {
        gactor *a = DL_VEC_PUSH(&g->actors);
        if (!a) break;
        const char *name = json_string_value(json_object_get(x, "name"));
        const char *country = json_string_value(json_object_get(x, "country"));
        const char *code = json_string_value(json_object_get(x, "code"));
        a->name = strdup(name ? name : "");
        a->country = country ? strdup(country) : code && strlen(code) >= 3 ? strndup(code, 3) : NULL;
        const char *type = json_string_value(json_object_get(x, "type"));
        a->person = type && strcmp(type, "PER") == 0;
        a->place = type && strcmp(type, "GPE") == 0;
        add_alias(g, a->name, (int)(g->actors.n - 1));
        size_t j;
        json_t *al;
        json_array_foreach(json_object_get(x, "aliases"), j, al)
            if (json_string_value(al)) add_alias(g, json_string_value(al), (int)(g->actors.n - 1));
    }
    json_array_foreach(json_object_get(root, "events"), i, x) {
        gevent *e = DL_VEC_PUSH(&g->events);
        if (!e) break;
        memset(e, 0, sizeof *e);
        e->src = gold_actor(g, json_string_value(json_object_get(x, "source")));
        e->tgt = gold_actor(g, json_string_value(json_object_get(x, "target")));
        if (json_string_value(json_object_get(x, "source")) && e->src < 0) e->src = -2;   /* unknown name */
        if (json_string_value(json_object_get(x, "target")) && e->tgt < 0) e->tgt = -2;
        const char *c = json_string_value(json_object_get(x, "cameo"));
        snprintf(e->codes[e->ncodes++], 8, "%s", c ? c : "");
        size_t j;
        json_t *ac;
        json_array_foreach(json_object_get(x, "accept_cameo"), j, ac)
            if (json_string_value(ac) && e->ncodes < 16) snprintf(e->codes[e->ncodes++], 8, "%s", json_string_value(ac));
        const char *sent = json_string_value(json_object_get(x, "sentence"));
        const char *cont = json_string_value(json_object_get(x, "sentence_contains"));
        e->sentence = sent ? fold_key(sent) : NULL;
        e->contains = cont ? fold_key(cont) : NULL;
        e->symmetric = json_is_true(json_object_get(x, "symmetric"));
        e->optional = json_is_true(json_object_get(x, "optional"));
    }
    json_decref(root);
    return DL_OK;
}

/* ---- alignment ------------------------------------------------------------------- */

static int code_fits(const gevent *e, const char *code) {
    for (size_t i = 0; i < e->ncodes; i++)
        if (strcmp(e->codes[i], code) == 0) return 1;
    return strlen(code) >= 2 && strncmp(e->codes[0], code, 2) == 0;
}

static const char *actor_country(const dl_actor *a) {
    if (a->country) return a->country;
    return a->code && strlen(a->code) >= 3 ? a->code : NULL;
}

/* How well our actors stand for gold actor ga on one side: 2 the actor
 * itself, 1 an actor of its country, 0 not at all.  A gold side without
 * an actor wants none (2), accepts any (1).  As the scorer has it, a
 * country is also stood for by its own bodies and groups ("the Iraqi
 * government" for Iraq: 2), but not by its people ("the Iraqi minister": 1);
 * an actor of ours that names another gold actor is read as that one. */
static int side_fit(const dl_doc *doc, const gold *g, int ga, const int *ours, size_t n) {
    if (ga == -1) return n == 0 ? 2 : 1;
    if (ga < -1 || n == 0) return 0;
    int best = 0;
    const gactor *want = &g->actors.v[ga];
    const char *gc = want->country;
    for (size_t i = 0; i < n; i++) {
        const dl_actor *a = &doc->actors.v[ours[i]];
        int named = gold_actor(g, a->name);
        if (named == ga) return 2;
        const char *oc = named >= 0 ? g->actors.v[named].country : actor_country(a);
        int person = named >= 0 ? g->actors.v[named].person : a->type && strcmp(a->type, "PER") == 0;
        if (!gc || !oc || strncmp(gc, oc, 3) != 0) continue;
        if (want->place && !person) return 2;
        best = 1;
    }
    return best;
}

static int cand_fit(const dl_doc *doc, const gold *g, const gevent *e, const dl_logged_cand *c) {
    const int *src = c->src, *tgt = c->tgt;
    size_t ns = c->nsrc, nt = c->ntgt;
    if (c->compound) { tgt = c->src; nt = c->nsrc; }
    int s = side_fit(doc, g, e->src, src, ns), t = side_fit(doc, g, e->tgt, tgt, nt);
    int q = s < t ? s : t;
    if (e->symmetric || c->compound) {
        int s2 = side_fit(doc, g, e->src, tgt, nt), t2 = side_fit(doc, g, e->tgt, src, ns);
        int q2 = s2 < t2 ? s2 : t2;
        if (q2 > q) q = q2;
    }
    return q;
}

/* The sentence's text, folded. */
static char *sentence_key(const dl_doc *doc, uint32_t s) {
    const dl_sent *se = &doc->sents.v[s];
    char *tmp = strndup(DL_SPAN_PTR(doc, se->off), se->len);
    char *k = tmp ? fold_key(tmp) : NULL;
    free(tmp);
    return k;
}

static int same_sentence(const char *ours, const gevent *e) {
    if (!ours || !*ours) return 0;
    if (e->sentence && *e->sentence && (strstr(e->sentence, ours) || strstr(ours, e->sentence))) return 1;
    return e->contains && *e->contains && strstr(ours, e->contains) != NULL;
}

/* One training decision: the features of each candidate ([0] "no event")
 * and the index of the right one. */
typedef struct {
    const dl_logged_cand *cands;
    size_t n;
    size_t gold;
} decision;
typedef DL_VEC(decision) decision_vec;

/* What the candidates could reach, over the required gold events. */
typedef struct {
    size_t required, triggered, reachable;
} coverage;

static void count_coverage(const dl_doc *doc, const gold *g, const dl_cand_log *log, coverage *cov) {
    for (size_t e = 0; e < g->events.n; e++) {
        const gevent *ge = &g->events.v[e];
        if (ge->optional) continue;
        cov->required++;
        int trig = 0, reach = 0;
        for (size_t i = 0; i < log->sets.n && !reach; i++) {
            const dl_logged_set *ls = &log->sets.v[i];
            if (!code_fits(ge, ls->code)) continue;
            char *sk = sentence_key(doc, ls->sent);
            if (same_sentence(sk, ge)) {
                trig = 1;
                for (size_t c = 1; c <= ls->ncand && !reach; c++) reach = cand_fit(doc, g, ge, &ls->cands[c]) > 0;
            }
            free(sk);
        }
        cov->triggered += trig;
        cov->reachable += reach;
        if (getenv("DATELINE_DEBUG_TRAIN") && !reach) {
            fprintf(stderr, "%s %s %s > %s: %s | codes here:", trig ? "UNREACHED" : "UNTRIGGERED", ge->codes[0],
                    ge->src >= 0 ? g->actors.v[ge->src].name : "-", ge->tgt >= 0 ? g->actors.v[ge->tgt].name : "-",
                    ge->contains ? ge->contains : "");
            for (size_t i = 0; i < log->sets.n; i++) {
                char *sk = sentence_key(doc, log->sets.v[i].sent);
                if (same_sentence(sk, ge)) fprintf(stderr, " %s", log->sets.v[i].code);
                free(sk);
            }
            fprintf(stderr, "\n");
        }
    }
}

/* The right candidate of a set: one stating a gold event of its sentence
 * (the actors themselves preferred to actors of their countries), else one
 * restating a gold event of another sentence with its very actors (the
 * scorer counts restatements as neither right nor wrong).  0 ("no event")
 * when none is right; -1 when the set teaches nothing: a candidate fits a
 * gold event elsewhere only by countries. */
static long right_candidate(const dl_doc *doc, const gold *g, const dl_logged_set *ls) {
    char *sk = sentence_key(doc, ls->sent);
    int best_q = 0, elsewhere = 0, loose = 0;
    size_t best = 0, best_else = 0;
    for (size_t e = 0; e < g->events.n; e++) {
        const gevent *ge = &g->events.v[e];
        if (!code_fits(ge, ls->code)) continue;
        int here = same_sentence(sk, ge);
        for (size_t c = 1; c <= ls->ncand; c++) {
            int q = cand_fit(doc, g, ge, &ls->cands[c]);
            int is_rule = (int)c - 1 == ls->rule;
            if (here) {
                if (q > best_q || (q == best_q && q > 0 && is_rule)) { best_q = q; best = c; }
            } else if (q == 2 && (!elsewhere || is_rule)) {
                elsewhere = 1;
                best_else = c;
            } else if (q == 1) {
                loose = 1;
            }
        }
    }
    free(sk);
    if (best_q > 0) return (long)best;
    if (elsewhere) return (long)best_else;
    return loose ? -1 : 0;
}

static void align(const dl_doc *doc, const gold *g, const dl_cand_log *log, decision_vec *out,
                  size_t *positives) {
    for (size_t i = 0; i < log->sets.n; i++) {
        const dl_logged_set *ls = &log->sets.v[i];
        long r = right_candidate(doc, g, ls);
        if (getenv("DATELINE_DEBUG_TRAIN") && r == 0 && ls->rule >= 0) {
            const dl_sent *se = &doc->sents.v[ls->sent];
            const dl_logged_cand *c = &ls->cands[ls->rule + 1];
            fprintf(stderr, "RULE-NULL %s %s -> %s :: %.*s\n", ls->code,
                    c->nsrc ? doc->actors.v[c->src[0]].name : "-", c->ntgt ? doc->actors.v[c->tgt[0]].name : "-",
                    (int)(se->len > 150 ? 150 : se->len), DL_SPAN_PTR(doc, se->off));
        }
        if (r < 0) continue;
        size_t best = (size_t)r;
        decision *d = DL_VEC_PUSH(out);
        if (!d) return;
        d->cands = ls->cands;
        d->n = ls->ncand + 1;
        d->gold = best;
        *positives += best != 0;
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

/* Codes one article and aligns its candidates; the doc and log are kept
 * (their features are the training data). */
static dl_status code_article(dl_engine *eng, const char *dir, const char *name, dl_cand_log *log,
                              decision_vec *decisions, size_t *positives, coverage *cov, char *err,
                              size_t errlen) {
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
    if (st == DL_OK) {
        if (date[0]) dl_doc_set_default_date(doc, date);
        doc->cand_log = log;
        st = dl_doc_run(eng, doc);
        doc->cand_log = NULL;
        if (st != DL_OK) snprintf(err, errlen, "%s: %s", path, dl_strerror(st));
    }
    if (st == DL_OK) {
        align(doc, &g, log, decisions, positives);
        count_coverage(doc, &g, log, cov);
    }
    dl_strbuf_release(&text);
    gold_free(&g);
    dl_doc_free(doc);
    return st;
}

static size_t argmax(const dl_linear *m, const decision *d) {
    size_t best = 0;
    double top = 0;
    for (size_t c = 0; c < d->n; c++) {
        double s = dl_linear_score(m, d->cands[c].feats, d->cands[c].nfeats);
        if (c == 0 || s > top) { top = s; best = c; }
    }
    return best;
}

/* One averaged perceptron over the decisions in a seeded order. */
static dl_status train_run(dl_linear *m, const decision_vec *decisions, uint32_t *order,
                           const dl_event_train_opts *o, uint64_t seed) {
    dl_status st = DL_OK;
    /* the rules' choice is where learning starts: the perceptron moves away
     * from it only where the annotations say so */
    if (o->prior != 0) {
        const char *prior[] = {"rulepick", "null&ctx=6"};
        st = dl_linear_update(m, prior, 2, o->prior);
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
        if (o->log)
            fprintf(o->log, "epoch %d: %zu of %zu decisions wrong\n", ep + 1, wrong, decisions->n);
    }
    if (st == DL_OK) dl_linear_average(m);
    return st;
}

dl_status dl_event_train(dl_engine *eng, const dl_event_train_opts *o, char *err, size_t errlen) {
    if (eng->event_model) {
        snprintf(err, errlen, "the engine must code with its rules alone to train");
        return DL_ERR_USAGE;
    }
    DIR *dir = opendir(o->gold_dir);
    if (!dir) { snprintf(err, errlen, "%s: cannot open directory", o->gold_dir); return DL_ERR_IO; }
    DL_VEC(char *) names = {0};
    for (struct dirent *e; (e = readdir(dir));) {
        size_t n = strlen(e->d_name);
        if (n <= 10 || strcmp(e->d_name + n - 10, ".gold.json") != 0) continue;
        char *base = strndup(e->d_name, n - 10);
        char **slot = base ? DL_VEC_PUSH(&names) : NULL;
        if (!slot) { free(base); continue; }
        *slot = base;
    }
    closedir(dir);
    if (names.n) qsort(names.v, names.n, sizeof *names.v, by_name);
    dl_status st = DL_OK;
    DL_VEC(dl_cand_log *) logs = {0};
    decision_vec decisions = {0};
    size_t positives = 0, articles = 0;
    coverage cov = {0};
    size_t in = 0;
    for (size_t i = 0; i < names.n && st == DL_OK; i++) {
        if (!in_split(names.v[i], o->split)) continue;
        if (o->folds > 1 && (int)(in++ % (size_t)o->folds) == o->fold) continue;
        dl_cand_log *log = calloc(1, sizeof *log);
        if (log) dl_arena_init(&log->arena);
        dl_cand_log **ls = log ? DL_VEC_PUSH(&logs) : NULL;
        if (!ls) { free(log); st = DL_ERR_NOMEM; break; }
        *ls = log;
        st = code_article(eng, o->gold_dir, names.v[i], log, &decisions, &positives, &cov, err, errlen);
        articles++;
    }
    if (st == DL_OK && !decisions.n) {
        snprintf(err, errlen, "%s: no article of split '%s' gave a candidate", o->gold_dir, o->split);
        st = DL_ERR_INPUT;
    }
    int runs = o->runs > 0 ? o->runs : 1;
    dl_linear *m = st == DL_OK ? dl_linear_new() : NULL;
    if (st == DL_OK && !m) st = DL_ERR_NOMEM;
    uint32_t *order = st == DL_OK ? malloc(decisions.n * sizeof *order) : NULL;
    if (st == DL_OK && !order) st = DL_ERR_NOMEM;
    /* several runs over different shuffles, averaged: 40 articles give few
     * decisions, and one order alone moves the figures by a few points */
    for (int r = 0; r < runs && st == DL_OK; r++) {
        dl_linear *one = dl_linear_new();
        if (!one) { st = DL_ERR_NOMEM; break; }
        st = train_run(one, &decisions, order, o, o->seed + (uint64_t)r * 1000003u);
        if (st == DL_OK) st = dl_linear_add_scaled(m, one, 1.0 / runs);
        dl_linear_free(one);
    }
    if (st == DL_OK) {
        size_t right = 0;
        for (size_t k = 0; k < decisions.n; k++) right += argmax(m, &decisions.v[k]) == decisions.v[k].gold;
        char header[1024];
        snprintf(header, sizeof header,
                 "dateline event model: averaged perceptron over the event coder's candidates\n"
                 "trained by `dateline train events --split %s --epochs %d --seed %llu --runs %d --prior %g` on %zu articles of %s\n"
                 "%zu decisions (%zu with a right candidate); %zu chosen right after training\n"
                 "required gold events %zu: %zu in a sentence with a trigger of their code, %zu with a right candidate\n"
                 "feature<TAB>weight; see src/event/cands.c for the features",
                 o->split, o->epochs, o->seed, runs, o->prior, articles, o->gold_dir, decisions.n, positives, right,
                 cov.required, cov.triggered, cov.reachable);
        if (o->log) fprintf(o->log, "%s\n", header);
        st = dl_linear_save(m, o->out, header, err, errlen);
    }
    free(order);
    dl_linear_free(m);
    DL_VEC_FREE(&decisions);
    for (size_t i = 0; i < logs.n; i++) {
        dl_arena_release(&logs.v[i]->arena);
        DL_VEC_FREE(&logs.v[i]->sets);
        free(logs.v[i]);
    }
    DL_VEC_FREE(&logs);
    for (size_t i = 0; i < names.n; i++) free(names.v[i]);
    DL_VEC_FREE(&names);
    return st;
}
