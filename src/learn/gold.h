/*
 * learn/gold.h -- what the trainers of the coders' models share (`dateline
 * train events`, `dateline train quotes`): the hand-annotated articles of a
 * gold folder (NN.gold.json beside NN.txt or NN.html, as ../shared/news-dev
 * has them), their actors' names as the scorer matches them, and the
 * averaged perceptron that learns to pick one candidate of each decision.
 */
#ifndef DL_LEARN_GOLD_H
#define DL_LEARN_GOLD_H

#include <jansson.h>
#include <stdio.h>

#include "core/map.h"
#include "core/strbuf.h"
#include "core/vec.h"
#include "dateline.h"
#include "learn/linear.h"

#define DL_GOLD_MAX_DIRS 8

/* How a model is trained from gold folders (`dateline train events`,
 * `dateline train quotes`). */
typedef struct {
    const char *gold_dirs[DL_GOLD_MAX_DIRS]; /* NN.gold.json beside NN.txt (or NN.html) */
    size_t ngold;
    const char *split;      /* "train" (NN not divisible by 3, or not a number), "dev" (divisible), "all" */
    int fold, folds;        /* folds > 1: leave out the first folder's split articles i with i % folds == fold */
    const char *out;        /* the model to write */
    int epochs;             /* passes over the training decisions */
    double prior;           /* the weight the rules' choice starts with */
    unsigned long long seed;/* shuffle seed */
    int runs;               /* perceptrons trained on different shuffles, averaged (0 = 1) */
    FILE *log;              /* progress lines, or NULL */
} dl_gold_train_opts;

/* The scorer's key of a name or a sentence (score_gold.py): folded, white
 * space squeezed, outer " .,'\"" stripped.  The caller frees it. */
char *dl_gold_key(const char *s);

/* A gold file: its JSON, its date, and its actors' names and aliases. */
typedef struct {
    json_t *root;
    char date[11];   /* "" when the file gives none */
    dl_map alias;    /* key of a name or alias -> index in root's "actors" */
} dl_gold_file;

dl_status dl_gold_open(const char *path, dl_gold_file *g, char *err, size_t errlen);
void dl_gold_close(dl_gold_file *g);
/* The actor a name stands for (by name or alias), -1 for none. */
int dl_gold_actor(const dl_gold_file *g, const char *name);

/* The article names of dir (NN of NN.gold.json), sorted, of the split
 * ("train": NN not divisible by 3, "dev": divisible, "all"), leaving out,
 * when folds > 1, the split's articles i with i % folds == fold. */
dl_status dl_gold_list(const char *dir, const char *split, int fold, int folds, char ***names, size_t *n,
                       char *err, size_t errlen);
void dl_gold_list_free(char **names, size_t n);

/* An article of a training run: its folder and its name. */
typedef struct {
    const char *dir;   /* borrowed from the options */
    char *name;
} dl_gold_article;

/* The articles of o's split, folder after folder, each sorted; the folds
 * leave out articles of the first folder only. */
dl_status dl_gold_articles(const dl_gold_train_opts *o, dl_gold_article **out, size_t *n, char *err,
                           size_t errlen);
void dl_gold_articles_free(dl_gold_article *a, size_t n);
/* o's folders joined by " + ", as a model's header names them. */
void dl_gold_dirs_text(const dl_gold_train_opts *o, char *buf, size_t cap);

/* Reads dir/name.txt, or dir/name.html, into text; the path read into
 * path (cap bytes). */
dl_status dl_gold_text(const char *dir, const char *name, dl_strbuf *text, char *path, size_t cap, char *err,
                       size_t errlen);

/* ---- choosing one candidate: the averaged perceptron ------------------------- */

typedef struct {
    const char **feats;
    size_t n;
} dl_featset;

typedef struct {
    dl_featset *cands;   /* owned by the decision vector */
    size_t n;
    size_t first;        /* candidates before it are never chosen */
    size_t gold;         /* the right one */
} dl_choice;

typedef DL_VEC(dl_choice) dl_choice_vec;

typedef struct {
    int epochs;
    unsigned long long seed;
    int runs;                 /* averaged over runs seeds seed, seed + 1000003, ... (0 = 1) */
    const char **prior;       /* features the perceptron starts at weight prior_weight */
    size_t nprior;
    double prior_weight;
    FILE *log;                /* "epoch E: W of N decisions wrong" lines, or NULL */
} dl_choice_opts;

/* Appends a decision of n candidates (their feature lists are borrowed). */
dl_status dl_choice_add(dl_choice_vec *v, size_t n, size_t first, size_t gold);
void dl_choice_free(dl_choice_vec *v);
/* The best candidate of d under m (ties: the earliest). */
size_t dl_choice_best(const dl_linear *m, const dl_choice *d);
/* Trains the averaged perceptron over the decisions into m (empty);
 * *right counts the decisions it then gets right. */
dl_status dl_choice_train(dl_linear *m, const dl_choice_vec *v, const dl_choice_opts *o, size_t *right);

#endif
