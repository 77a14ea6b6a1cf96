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

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "core/strbuf.h"
#include "learn/gold.h"
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
    dl_gold_file f;  /* names and aliases */
    DL_VEC(gactor) actors;
    DL_VEC(gevent) events;
} gold;

static int gold_actor(const gold *g, const char *name) { return dl_gold_actor(&g->f, name); }

static void gold_free(gold *g) {
    for (size_t i = 0; i < g->actors.n; i++) { free(g->actors.v[i].name); free(g->actors.v[i].country); }
    for (size_t i = 0; i < g->events.n; i++) { free(g->events.v[i].sentence); free(g->events.v[i].contains); }
    DL_VEC_FREE(&g->actors);
    DL_VEC_FREE(&g->events);
    dl_gold_close(&g->f);
}

static dl_status gold_read(const char *path, gold *g, char *err, size_t errlen) {
    dl_status st = dl_gold_open(path, &g->f, err, errlen);
    if (st != DL_OK) return st;
    json_t *root = g->f.root;
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
        e->sentence = sent ? dl_gold_key(sent) : NULL;
        e->contains = cont ? dl_gold_key(cont) : NULL;
        e->symmetric = json_is_true(json_object_get(x, "symmetric"));
        e->optional = json_is_true(json_object_get(x, "optional"));
    }
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
    char *k = tmp ? dl_gold_key(tmp) : NULL;
    free(tmp);
    return k;
}

static int same_sentence(const char *ours, const gevent *e) {
    if (!ours || !*ours) return 0;
    if (e->sentence && *e->sentence && (strstr(e->sentence, ours) || strstr(ours, e->sentence))) return 1;
    return e->contains && *e->contains && strstr(ours, e->contains) != NULL;
}

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

/* One training decision per set with a right candidate ([0] is "no
 * event"), into out. */
static dl_status align(const dl_doc *doc, const gold *g, const dl_cand_log *log, dl_choice_vec *out,
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
        if (dl_choice_add(out, ls->ncand + 1, 0, (size_t)r) != DL_OK) return DL_ERR_NOMEM;
        dl_choice *d = &out->v[out->n - 1];
        for (size_t c = 0; c <= ls->ncand; c++) d->cands[c] = (dl_featset){ls->cands[c].feats, ls->cands[c].nfeats};
        *positives += r != 0;
    }
    return DL_OK;
}

/* ---- the run ---------------------------------------------------------------------------- */

/* Codes one article and aligns its candidates; the doc and log are kept
 * (their features are the training data). */
static dl_status code_article(dl_engine *eng, const char *dir, const char *name, dl_cand_log *log,
                              dl_choice_vec *decisions, size_t *positives, coverage *cov, char *err,
                              size_t errlen) {
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
    if (st == DL_OK) {
        if (g.f.date[0]) dl_doc_set_default_date(doc, g.f.date);
        doc->cand_log = log;
        st = dl_doc_run(eng, doc);
        doc->cand_log = NULL;
        if (st != DL_OK) snprintf(err, errlen, "%s: %s", path, dl_strerror(st));
    }
    if (st == DL_OK) st = align(doc, &g, log, decisions, positives);
    if (st == DL_OK) count_coverage(doc, &g, log, cov);
    dl_strbuf_release(&text);
    gold_free(&g);
    dl_doc_free(doc);
    return st;
}

dl_status dl_event_train(dl_engine *eng, const dl_event_train_opts *o, char *err, size_t errlen) {
    if (eng->event_model) {
        snprintf(err, errlen, "the engine must code with its rules alone to train");
        return DL_ERR_USAGE;
    }
    dl_gold_article *arts;
    size_t narts;
    char dirs[2048];
    dl_gold_dirs_text(o, dirs, sizeof dirs);
    dl_status st = dl_gold_articles(o, &arts, &narts, err, errlen);
    DL_VEC(dl_cand_log *) logs = {0};
    dl_choice_vec decisions = {0};
    size_t positives = 0, articles = 0;
    coverage cov = {0};
    for (size_t i = 0; i < narts && st == DL_OK; i++) {
        dl_cand_log *log = calloc(1, sizeof *log);
        if (log) dl_arena_init(&log->arena);
        dl_cand_log **ls = log ? DL_VEC_PUSH(&logs) : NULL;
        if (!ls) { free(log); st = DL_ERR_NOMEM; break; }
        *ls = log;
        st = code_article(eng, arts[i].dir, arts[i].name, log, &decisions, &positives, &cov, err, errlen);
        articles++;
    }
    if (st == DL_OK && !decisions.n) {
        snprintf(err, errlen, "%s: no article of split '%s' gave a candidate", dirs, o->split);
        st = DL_ERR_INPUT;
    }
    const char *prior[] = {"rulepick", "null&ctx=6"};
    dl_choice_opts co = {o->epochs, o->seed, o->runs, prior, 2, o->prior, o->log};
    dl_linear *m = st == DL_OK ? dl_linear_new() : NULL;
    if (st == DL_OK && !m) st = DL_ERR_NOMEM;
    size_t right = 0;
    if (st == DL_OK) st = dl_choice_train(m, &decisions, &co, &right);
    if (st == DL_OK) {
        char header[4096];
        snprintf(header, sizeof header,
                 "dateline event model: averaged perceptron over the event coder's candidates\n"
                 "trained by `dateline train events --split %s --epochs %d --seed %llu --runs %d --prior %g` on %zu articles of %s\n"
                 "%zu decisions (%zu with a right candidate); %zu chosen right after training\n"
                 "required gold events %zu: %zu in a sentence with a trigger of their code, %zu with a right candidate\n"
                 "feature<TAB>weight; see src/event/cands.c for the features",
                 o->split, o->epochs, o->seed, o->runs > 0 ? o->runs : 1, o->prior, articles, dirs,
                 decisions.n, positives, right, cov.required, cov.triggered, cov.reachable);
        if (o->log) fprintf(o->log, "%s\n", header);
        st = dl_linear_save(m, o->out, header, err, errlen);
    }
    dl_linear_free(m);
    dl_choice_free(&decisions);
    for (size_t i = 0; i < logs.n; i++) {
        dl_arena_release(&logs.v[i]->arena);
        DL_VEC_FREE(&logs.v[i]->sets);
        free(logs.v[i]);
    }
    DL_VEC_FREE(&logs);
    dl_gold_articles_free(arts, narts);
    return st;
}
