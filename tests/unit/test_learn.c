/*
 * tests/unit/test_learn.c -- the learning core: the averaged perceptron
 * learns a small separable problem, frozen models score like the trained
 * ones, model files round-trip, and damaged files are refused cleanly.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "learn/gold.h"
#include "learn/hash.h"
#include "learn/linear.h"
#include "learn/lm.h"
#include "learn/model.h"

/* Three classes; each example has a class word and a noise word. */
static size_t example(int i, uint64_t *f, int *y) {
    static const char *const words[3] = {"apple", "brick", "cloud"};
    *y = i % 3;
    f[0] = dl_feat1(1, dl_hash_bytes(words[*y], strlen(words[*y])));
    f[1] = dl_feat1(2, (uint64_t)(i % 7));
    f[2] = dl_feat1(3, 1);  /* bias */
    return 3;
}

static dl_ap *train_toy(void) {
    dl_ap *ap = dl_ap_new(3);
    for (int epoch = 0; epoch < 5; epoch++)
        for (int i = 0; i < 60; i++) {
            uint64_t f[3];
            int y;
            size_t n = example(i, f, &y);
            float s[3] = {0};
            dl_ap_score(ap, f, n, s);
            int g = s[1] > s[0] ? 1 : 0;
            if (s[2] > s[g]) g = 2;
            dl_ap_update(ap, f, n, y, g);
            dl_ap_tick(ap);
        }
    return ap;
}

static int lm_predict(const dl_lm *m, const uint64_t *f, size_t n) {
    int32_t s[3];
    dl_lm_score(m, f, n, s);
    int g = s[1] > s[0] ? 1 : 0;
    return s[2] > s[g] ? 2 : g;
}

static void test_perceptron_separable(void) {
    dl_ap *ap = train_toy();
    OK(ap != NULL, "dl_ap_new");
    dl_lm lm;
    INT_EQ(dl_ap_freeze(ap, 1, &lm), DL_OK);
    int right = 0;
    for (int i = 0; i < 60; i++) {
        uint64_t f[3];
        int y;
        size_t n = example(i, f, &y);
        right += lm_predict(&lm, f, n) == y;
    }
    INT_EQ(right, 60);
    size_t rows, ents;
    dl_ap_stats(ap, &rows, &ents);
    OK(rows > 0 && ents >= rows, "rows %zu ents %zu", rows, ents);
    dl_lm_release(&lm);
    dl_ap_free(ap);
}

static char *tmp_path(const char *tag) {
    static char buf[256];
    snprintf(buf, sizeof buf, "/tmp/dl_test_learn_%d_%s.model", (int)getpid(), tag);
    return buf;
}

static int write_toy_model(const char *path, const char *kind) {
    dl_ap *ap = train_toy();
    dl_lm lm;
    dl_ap_freeze(ap, 1, &lm);
    dl_model_writer w;
    dl_model_writer_init(&w, kind);
    dl_model_writer_add(&w, "names", "a\0bb\0ccc", 9);
    size_t n = dl_lm_size(&lm);
    char *buf = malloc(n);
    dl_lm_write(&lm, buf);
    dl_model_writer_add(&w, "weights", buf, n);
    char err[256];
    int st = dl_model_writer_save(&w, path, err, sizeof err);
    free(buf);
    dl_model_writer_release(&w);
    dl_lm_release(&lm);
    dl_ap_free(ap);
    return st;
}

static void test_model_roundtrip(void) {
    const char *path = tmp_path("rt");
    INT_EQ(write_toy_model(path, "toy"), DL_OK);
    dl_model *m;
    char err[256] = "";
    INT_EQ(dl_model_open(path, "toy", &m, err, sizeof err), DL_OK);
    if (!m) return;
    STR_EQ(dl_model_kind(m), "toy");
    size_t len;
    const void *p = dl_model_section(m, "names", &len);
    INT_EQ(len, 9);
    const char **names;
    size_t nn;
    INT_EQ(dl_model_names(p, len, &names, &nn), DL_OK);
    INT_EQ(nn, 3);
    if (nn == 3) STR_EQ(names[2], "ccc");
    free(names);
    OK(dl_model_section(m, "absent", &len) == NULL, "absent section");
    p = dl_model_section(m, "weights", &len);
    dl_lm lm;
    INT_EQ(dl_lm_view(p, len, &lm, err, sizeof err), DL_OK);
    int right = 0;
    for (int i = 0; i < 60; i++) {
        uint64_t f[3];
        int y;
        size_t n = example(i, f, &y);
        right += lm_predict(&lm, f, n) == y;
    }
    INT_EQ(right, 60);
    dl_lm_release(&lm);
    dl_model_close(m);
    /* the wrong kind is refused */
    m = NULL;
    OK(dl_model_open(path, "ner", &m, err, sizeof err) == DL_ERR_DATA, "kind check");
    OK(strstr(err, "another kind") != NULL, "message: %s", err);
    remove(path);
}

static long file_size(const char *path) {
    FILE *fp = fopen(path, "rb");
    if (!fp) return -1;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fclose(fp);
    return n;
}

static void flip_byte(const char *path, long at) {
    FILE *fp = fopen(path, "r+b");
    fseek(fp, at, SEEK_SET);
    int c = fgetc(fp);
    fseek(fp, at, SEEK_SET);
    fputc(c ^ 0x5a, fp);
    fclose(fp);
}

static void test_model_corrupt(void) {
    const char *path = tmp_path("bad");
    char err[256] = "";
    dl_model *m = NULL;
    /* a flipped byte in the weights */
    write_toy_model(path, "toy");
    long n = file_size(path);
    flip_byte(path, n - 3);
    INT_EQ(dl_model_open(path, NULL, &m, err, sizeof err), DL_ERR_DATA);
    OK(m == NULL && strstr(err, "checksum") != NULL, "message: %s", err);
    OK(strstr(err, path) != NULL, "message names the file: %s", err);
    /* truncated */
    write_toy_model(path, "toy");
    OK(truncate(path, n / 2) == 0, "truncate");
    INT_EQ(dl_model_open(path, NULL, &m, err, sizeof err), DL_ERR_DATA);
    OK(strstr(err, "size mismatch") != NULL, "message: %s", err);
    OK(truncate(path, 10) == 0, "truncate");
    INT_EQ(dl_model_open(path, NULL, &m, err, sizeof err), DL_ERR_DATA);
    OK(strstr(err, "too short") != NULL, "message: %s", err);
    /* not a model at all */
    FILE *fp = fopen(path, "wb");
    for (int i = 0; i < 200; i++) fputs("hello ", fp);
    fclose(fp);
    INT_EQ(dl_model_open(path, NULL, &m, err, sizeof err), DL_ERR_DATA);
    OK(strstr(err, "bad magic") != NULL, "message: %s", err);
    /* missing */
    remove(path);
    INT_EQ(dl_model_open(path, NULL, &m, err, sizeof err), DL_ERR_IO);
    /* every truncation point is refused without a crash */
    write_toy_model(path, "toy");
    for (long cut = 0; cut < n; cut += n / 97 + 1) {
        OK(truncate(path, cut) == 0, "truncate");
        OK(dl_model_open(path, NULL, &m, err, sizeof err) != DL_OK, "cut at %ld accepted", cut);
        write_toy_model(path, "toy");
    }
    remove(path);
}

static void test_lm_view_checks(void) {
    dl_ap *ap = train_toy();
    dl_lm lm;
    dl_ap_freeze(ap, 1, &lm);
    size_t n = dl_lm_size(&lm);
    char *buf = malloc(n);
    dl_lm_write(&lm, buf);
    dl_lm v;
    char err[128];
    INT_EQ(dl_lm_view(buf, n, &v, err, sizeof err), DL_OK);
    dl_lm_release(&v);
    INT_EQ(dl_lm_view(buf, n - 4, &v, err, sizeof err), DL_ERR_DATA);
    /* a reference past the entries, then an inline class out of range */
    dl_lm_slot *slots = (dl_lm_slot *)(buf + n - lm.nent * sizeof(dl_lm_ent)) - lm.nslot;
    uint32_t i = 0;
    while (i < lm.nslot && !slots[i].ref) i++;
    OK(i < lm.nslot, "a used slot");
    uint32_t keep = slots[i].ref;
    slots[i].ref = 0x00ffff01u;
    INT_EQ(dl_lm_view(buf, n, &v, err, sizeof err), DL_ERR_DATA);
    slots[i].ref = DL_LM_INLINE(100, 1, 0, 1);
    INT_EQ(dl_lm_view(buf, n, &v, err, sizeof err), DL_ERR_DATA);
    slots[i].ref = keep;
    INT_EQ(dl_lm_view(buf, n, &v, err, sizeof err), DL_OK);
    dl_lm_release(&v);
    /* a row of entries names each class once (rows share classes: the
     * model above has many that do) */
    const dl_lm_ent *ents = (const dl_lm_ent *)(buf + n - lm.nent * sizeof(dl_lm_ent));
    uint32_t r = 0;
    while (r < lm.nslot && !((slots[r].ref & 0x80000000u) == 0 && (slots[r].ref & 0xff) >= 2 &&
                             ents[slots[r].ref >> 8].code != DL_LM_ESCAPE))
        r++;
    OK(r < lm.nslot, "the toy model has a row of two entries");
    if (r < lm.nslot) {
        dl_lm_ent *row = (dl_lm_ent *)ents + (slots[r].ref >> 8);
        uint8_t cls = row[1].cls;
        row[1].cls = row[0].cls;
        INT_EQ(dl_lm_view(buf, n, &v, err, sizeof err), DL_ERR_DATA);
        row[1].cls = cls;
        INT_EQ(dl_lm_view(buf, n, &v, err, sizeof err), DL_OK);
        dl_lm_release(&v);
    }
    free(buf);
    dl_lm_release(&lm);
    dl_ap_free(ap);
}

/* ---- named-feature linear models ------------------------------------------ */

/* Two choices the features tell apart: the perceptron learns them, the
 * average is what it keeps, and the text file gives the same scores back. */
static void test_linear_learns_and_roundtrips(void) {
    dl_linear *m = dl_linear_new();
    const char *yes[] = {"bias", "lemma=accuse", "t.how=obj"};
    const char *no[] = {"bias", "lemma=say", "t.how=none"};
    for (int epoch = 0; epoch < 5; epoch++) {
        for (int k = 0; k < 2; k++) {
            const char *const *right = k ? no : yes, *const *wrong = k ? yes : no;
            /* the right answer must outscore the other */
            if (dl_linear_score(m, right, 3) <= dl_linear_score(m, wrong, 3)) {
                OK(dl_linear_update(m, right, 3, 1) == DL_OK, "update");
                OK(dl_linear_update(m, wrong, 3, -1) == DL_OK, "update");
            }
            dl_linear_tick(m);
        }
    }
    dl_linear_average(m);
    double y = dl_linear_score(m, yes, 3), n = dl_linear_score(m, no, 3);
    OK(y != n, "the averaged model tells them apart (%g, %g)", y, n);
    OK(dl_linear_size(m) == 4, "bias cancels out: %zu features weigh", dl_linear_size(m));
    char path[128], err[256] = "";
    snprintf(path, sizeof path, "/tmp/dl-test-linear-%d.model", (int)getpid());
    OK(dl_linear_save(m, path, "a test model\nsecond line", err, sizeof err) == DL_OK, "save: %s", err);
    dl_linear *back = NULL;
    OK(dl_linear_load(path, &back, err, sizeof err) == DL_OK, "load: %s", err);
    if (back) {
        OK(fabs(dl_linear_score(back, yes, 3) - y) < 1e-3 && fabs(dl_linear_score(back, no, 3) - n) < 1e-3,
           "the file gives the same scores");
        const char *unknown[] = {"never seen"};
        OK(dl_linear_score(back, unknown, 1) == 0, "an unknown feature weighs nothing");
    }
    FILE *fp = fopen(path, "r");
    char line[256] = "";
    OK(fp && fgets(line, sizeof line, fp) && strcmp(line, "# a test model\n") == 0, "header first: %s", line);
    if (fp) fclose(fp);
    unlink(path);
    dl_linear_free(back);
    dl_linear_free(m);
}

/* The mean of two models is their sum at half weight: scores average,
 * and a feature of one alone keeps half its weight. */
static void test_linear_mean_of_models(void) {
    dl_linear *a = NULL, *b = NULL, *mean = dl_linear_new();
    char err[256] = "";
    const char *ta = "x\t2\ny\t-1\n", *tb = "x\t4\nz\t3\n";
    OK(dl_linear_parse(ta, strlen(ta), "a", &a, err, sizeof err) == DL_OK, "a: %s", err);
    OK(dl_linear_parse(tb, strlen(tb), "b", &b, err, sizeof err) == DL_OK, "b: %s", err);
    if (a && b && mean) {
        OK(dl_linear_add_scaled(mean, a, 0.5) == DL_OK && dl_linear_add_scaled(mean, b, 0.5) == DL_OK, "add");
        const char *x[] = {"x"}, *y[] = {"y"}, *z[] = {"z"}, *all[] = {"x", "y", "z"};
        OK(fabs(dl_linear_score(mean, x, 1) - 3) < 1e-9, "x: %g", dl_linear_score(mean, x, 1));
        OK(fabs(dl_linear_score(mean, y, 1) + 0.5) < 1e-9, "y: %g", dl_linear_score(mean, y, 1));
        OK(fabs(dl_linear_score(mean, z, 1) - 1.5) < 1e-9, "z: %g", dl_linear_score(mean, z, 1));
        OK(fabs(dl_linear_score(mean, all, 3) - (dl_linear_score(a, all, 3) + dl_linear_score(b, all, 3)) / 2) < 1e-9,
           "the mean's score is the mean of the scores");
        OK(dl_linear_size(mean) == 3, "three features weigh: %zu", dl_linear_size(mean));
    }
    dl_linear_free(a);
    dl_linear_free(b);
    dl_linear_free(mean);
}

static void test_linear_bad_files(void) {
    dl_linear *m = NULL;
    char err[256] = "";
    const char *bad[][2] = {{"a\t1\nb 2\n", "m:2: expected FEATURE<TAB>WEIGHT"},
                            {"a\tlots\n", "m:1: bad weight 'lots'"},
                            {"a\tnan\n", "m:1: bad weight 'nan'"},
                            {"\t1\n", "m:1: expected FEATURE<TAB>WEIGHT"}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        err[0] = '\0';
        OK(dl_linear_parse(bad[i][0], strlen(bad[i][0]), "m", &m, err, sizeof err) == DL_ERR_DATA && !m,
           "refused: %s", bad[i][1]);
        OK(strstr(err, bad[i][1]) != NULL, "error '%s' lacks '%s'", err, bad[i][1]);
    }
    const char *good = "# comment\n\nx=1\t-0.5\n";
    OK(dl_linear_parse(good, strlen(good), "m", &m, err, sizeof err) == DL_OK && m, "comments and blank lines");
    const char *x[] = {"x=1"};
    OK(m && dl_linear_score(m, x, 1) == -0.5, "weight read");
    dl_linear_free(m);
    OK(dl_linear_load("/nonexistent/m.model", &m, err, sizeof err) == DL_ERR_IO && strstr(err, "cannot open"),
       "a missing file: %s", err);
}

/* ---- the trainers' shared part (learn/gold.c) -------------------------------- */

static void test_gold_key_and_list(void) {
    char *k = dl_gold_key("  \"The  Iraqi\tGovernment.\" ");
    STR_EQ(k, "the iraqi government");
    free(k);
    char dir[] = "/tmp/dl_gold_XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    const char *names[] = {"01", "02", "03", "04", "05", "06", "07"};
    char path[256];
    for (size_t i = 0; i < 7; i++) {
        snprintf(path, sizeof path, "%s/%s.gold.json", dir, names[i]);
        FILE *f = fopen(path, "w");
        fputs("{\"date\": \"2020-01-02\", \"actors\": [{\"name\": \"Iraq\", \"aliases\": [\"the Iraqis\"]}]}", f);
        fclose(f);
    }
    char **v, err[256];
    size_t n;
    INT_EQ(dl_gold_list(dir, "dev", 0, 0, &v, &n, err, sizeof err), DL_OK);
    INT_EQ((int)n, 2);   /* 03 and 06 */
    if (n == 2) { STR_EQ(v[0], "03"); STR_EQ(v[1], "06"); }
    dl_gold_list_free(v, n);
    /* train: 01 02 04 05 07; fold 1 of 2 leaves out the 2nd and 4th */
    INT_EQ(dl_gold_list(dir, "train", 1, 2, &v, &n, err, sizeof err), DL_OK);
    INT_EQ((int)n, 3);
    if (n == 3) { STR_EQ(v[0], "01"); STR_EQ(v[1], "04"); STR_EQ(v[2], "07"); }
    dl_gold_list_free(v, n);
    snprintf(path, sizeof path, "%s/01.gold.json", dir);
    dl_gold_file g;
    INT_EQ(dl_gold_open(path, &g, err, sizeof err), DL_OK);
    STR_EQ(g.date, "2020-01-02");
    INT_EQ(dl_gold_actor(&g, "THE IRAQIS"), 0);
    INT_EQ(dl_gold_actor(&g, "Iran"), -1);
    dl_gold_close(&g);
    /* two folders: the second's names that are no number are all train */
    char dir2[] = "/tmp/dl_gold2_XXXXXX";
    OK(mkdtemp(dir2) != NULL, "mkdtemp");
    snprintf(path, sizeof path, "%s/c009.gold.json", dir2);
    FILE *f = fopen(path, "w");
    fputs("{}", f);
    fclose(f);
    dl_gold_train_opts o = {.gold_dirs = {dir, dir2}, .ngold = 2, .split = "train"};
    dl_gold_article *arts;
    INT_EQ(dl_gold_articles(&o, &arts, &n, err, sizeof err), DL_OK);
    INT_EQ((int)n, 6);   /* 01 02 04 05 07 of dir, then c009 */
    if (n == 6) {
        OK(arts[0].dir == dir && strcmp(arts[0].name, "01") == 0, "first of the first folder");
        OK(arts[5].dir == dir2 && strcmp(arts[5].name, "c009") == 0, "the second folder follows");
    }
    dl_gold_articles_free(arts, n);
    o.fold = 1, o.folds = 2;   /* 02 05 of dir are left out, not c009 */
    INT_EQ(dl_gold_articles(&o, &arts, &n, err, sizeof err), DL_OK);
    INT_EQ((int)n, 4);
    if (n == 4) OK(strcmp(arts[3].name, "c009") == 0, "the second folder is not folded");
    dl_gold_articles_free(arts, n);
    o.fold = o.folds = 0;
    o.split = "dev";
    INT_EQ(dl_gold_articles(&o, &arts, &n, err, sizeof err), DL_OK);
    INT_EQ((int)n, 2);   /* 03 06: c009 is no dev article */
    dl_gold_articles_free(arts, n);
    char dirs[64];
    o.ngold = 1;
    dl_gold_dirs_text(&o, dirs, sizeof dirs);
    STR_EQ(dirs, dir);
    o.ngold = 2;
    dl_gold_dirs_text(&o, dirs, 12);
    INT_EQ((int)strlen(dirs), 11);   /* cut to the buffer */
    remove(path);
    rmdir(dir2);
    o.gold_dirs[1] = "/nonexistent/gold";
    OK(dl_gold_articles(&o, &arts, &n, err, sizeof err) == DL_ERR_IO && !arts && !n && strstr(err, "cannot open"),
       "a missing second folder: %s", err);
    for (size_t i = 0; i < 7; i++) {
        snprintf(path, sizeof path, "%s/%s.gold.json", dir, names[i]);
        remove(path);
    }
    rmdir(dir);
    OK(dl_gold_list(dir, "all", 0, 0, &v, &n, err, sizeof err) == DL_ERR_IO && strstr(err, "cannot open"),
       "a missing folder: %s", err);
}

/* Two candidates told apart by one feature; a "first" of 1 never picks 0. */
static void test_choice_learns(void) {
    static const char *a[] = {"bias", "good"}, *b[] = {"bias", "bad"};
    dl_choice_vec v = {0};
    for (int i = 0; i < 6; i++) {
        OK(dl_choice_add(&v, 2, 0, (size_t)(i % 2)) == DL_OK, "add");
        dl_choice *d = &v.v[v.n - 1];
        d->cands[i % 2] = (dl_featset){a, 2};
        d->cands[1 - i % 2] = (dl_featset){b, 2};
    }
    dl_choice_opts o = {3, 1, 2, NULL, 0, 0, NULL};
    dl_linear *m = dl_linear_new(), *m2 = dl_linear_new();
    size_t right = 0, right2 = 0;
    INT_EQ(dl_choice_train(m, &v, &o, &right), DL_OK);
    INT_EQ((int)right, 6);
    INT_EQ(dl_choice_train(m2, &v, &o, &right2), DL_OK);
    const char *good[] = {"good"};
    OK(dl_linear_score(m, good, 1) > 0 && dl_linear_score(m, good, 1) == dl_linear_score(m2, good, 1),
       "deterministic and learned");
    v.v[0].first = 1;
    INT_EQ((int)dl_choice_best(m, &v.v[0]), 1);
    dl_linear_free(m);
    dl_linear_free(m2);
    dl_choice_free(&v);
}

int main(void) {
    RUN(test_perceptron_separable);
    RUN(test_linear_learns_and_roundtrips);
    RUN(test_linear_bad_files);
    RUN(test_linear_mean_of_models);
    RUN(test_model_roundtrip);
    RUN(test_model_corrupt);
    RUN(test_lm_view_checks);
    RUN(test_gold_key_and_list);
    RUN(test_choice_learns);
    return dl_test_report();
}
