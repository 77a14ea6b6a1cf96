/*
 * bench/pipeline/bench_pipeline.c -- per-stage speed of the pipeline in one
 * process: the same articles run through growing prefixes of the stages
 * (extract+tokenize, +nlp, +actors, +quotes, +events), so each stage's cost and
 * the quote stage's share (issue 6: no measurable loss of speed) are read
 * as ratios of runs on the same machine at the same time.  A FILE ending in
 * .jsonl holds one article (a JSON record) a line.  ROUNDS 0 only counts:
 * extract+tokenize once, then articles, English articles, words (spaces
 * apart) and tokens of the bodies (articles600.sh reads these).
 *
 *   bench_pipeline ROUNDS FILE...
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/doc.h"

typedef struct { char *bytes; size_t len; dl_input_kind kind; } text;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static text read_file(const char *path) {
    text t = {0};
    FILE *fp = fopen(path, "rb");
    if (!fp) { perror(path); exit(2); }
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    t.bytes = malloc((size_t)n + 1);
    t.len = fread(t.bytes, 1, (size_t)n, fp);
    fclose(fp);
    return t;
}

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Adds the articles of one file to *texts: the file, or each line of a .jsonl. */
static void add_file(const char *path, text **texts, int *n, int *cap) {
    text whole = read_file(path);
    int jsonl = ends_with(path, ".jsonl");
    char *p = whole.bytes, *end = whole.bytes + whole.len;
    while (p < end) {
        char *eol = jsonl ? memchr(p, '\n', (size_t)(end - p)) : NULL;
        size_t len = (size_t)((eol ? eol : end) - p);
        if (len) {
            if (*n == *cap) *texts = realloc(*texts, (size_t)(*cap = *cap ? 2 * *cap : 64) * sizeof **texts);
            text *t = &(*texts)[(*n)++];
            t->bytes = malloc(len + 1);
            memcpy(t->bytes, p, len);
            t->bytes[len] = 0;
            t->len = len;
            t->kind = jsonl ? DL_INPUT_JSON : DL_INPUT_AUTO;
        }
        p += len + 1;
    }
    free(whole.bytes);
}

static size_t count_words(const char *s) {
    size_t words = 0;
    for (int in = 0; *s; s++) {
        int space = isspace((unsigned char)*s);
        words += !space && !in;
        in = !space;
    }
    return words;
}

/* ROUNDS 0: the corpus's size as the pipeline sees it. */
static void count(dl_engine *eng, const text *texts, int n) {
    dl_doc *doc = dl_doc_new();
    size_t english = 0, words = 0, tokens = 0;
    for (int i = 0; i < n; i++) {
        dl_doc_reset(doc);
        dl_doc_set_default_date(doc, "2023-01-01");
        dl_doc_set_source(doc, "bench", texts[i].bytes, texts[i].len, texts[i].kind);
        if (dl_extract_run(eng, doc) != DL_OK) continue;
        dl_tokenize_run(eng, doc);
        english += doc->article.language && strcmp(doc->article.language, "en") == 0;
        words += doc->article.body ? count_words(doc->article.body) : 0;
        tokens += doc->toks.n;
    }
    printf("articles=%d\nenglish_articles=%zu\nwords=%zu\ntokens=%zu\n", n, english, words, tokens);
    dl_doc_free(doc);
}

/* Runs the first `stages` stages over every text `rounds` times. */
static double run(dl_engine *eng, const text *texts, int n, int rounds, int stages, size_t *tokens) {
    dl_doc *doc = dl_doc_new();
    *tokens = 0;
    double t0 = now();
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < n; i++) {
            dl_doc_reset(doc);
            dl_doc_set_default_date(doc, "2023-01-01");
            dl_doc_set_source(doc, "bench", texts[i].bytes, texts[i].len, texts[i].kind);
            if (dl_extract_run(eng, doc) != DL_OK) continue;
            dl_tokenize_run(eng, doc);
            *tokens += doc->toks.n;
            if (stages >= 2) dl_nlp_run(eng, doc);
            if (stages >= 3) dl_actors_run(eng, doc);
            if (stages >= 4) dl_quote_run(eng, doc);
            if (stages >= 5) dl_event_run(eng, doc);
        }
    double dt = now() - t0;
    dl_doc_free(doc);
    return dt;
}

/* ROUNDS > 0: articles/s, MB/s and tokens/s of each prefix of the stages. */
static void time_stages(dl_engine *eng, const text *texts, int n, int rounds, size_t bytes) {
    static const char *names[] = {"", "extract+tokenize", "+nlp (tag, parse, ner)", "+actors",
                                  "+quotes", "+events (all)"};
    double secs[6] = {0};
    size_t tokens = 0;
    run(eng, texts, n, 1, 5, &tokens); /* warm-up */
    for (int st = 1; st <= 5; st++) {
        secs[st] = run(eng, texts, n, rounds, st, &tokens);
        double arts = (double)n * rounds;
        printf("%-24s %8.0f articles/s %8.2f MB/s %10.0f tokens/s\n", names[st], arts / secs[st],
               (double)bytes * rounds / 1e6 / secs[st], (double)tokens / secs[st]);
    }
    printf("quote_stage_share=%.1f%%\n", 100.0 * (secs[4] - secs[3]) / secs[5]);
    printf("nlp_stage_share=%.1f%%\n", 100.0 * (secs[2] - secs[1]) / secs[5]);
    printf("nlp_stage_tokens_per_second=%.0f\n", (double)tokens / (secs[2] - secs[1]));
    printf("articles_per_second=%.0f\n", (double)n * rounds / secs[5]);
    printf("tokens_per_article=%.0f\n", (double)tokens / ((double)n * rounds));
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: bench_pipeline ROUNDS FILE...\n");
        return 2;
    }
    int rounds = atoi(argv[1]), n = 0, cap = 0;
    text *texts = NULL;
    size_t bytes = 0;
    for (int i = 2; i < argc; i++) add_file(argv[i], &texts, &n, &cap);
    for (int i = 0; i < n; i++) bytes += texts[i].len;
    dl_engine *eng;
    char err[512];
    if (dl_engine_open(NULL, &eng, err, sizeof err) != DL_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    if (rounds > 0)
        time_stages(eng, texts, n, rounds, bytes);
    else
        count(eng, texts, n);
    dl_engine_close(eng);
    for (int i = 0; i < n; i++) free(texts[i].bytes);
    free(texts);
    return 0;
}
