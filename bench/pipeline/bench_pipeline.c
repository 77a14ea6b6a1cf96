/*
 * bench/pipeline/bench_pipeline.c -- per-stage speed of the pipeline in one
 * process: the same articles run through growing prefixes of the stages
 * (extract+tokenize, +nlp, +actors, +quotes, +events), so each stage's cost and
 * the quote stage's share (issue 6: no measurable loss of speed) are read
 * as ratios of runs on the same machine at the same time.
 *
 *   bench_pipeline ROUNDS FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/doc.h"

typedef struct { char *bytes; size_t len; } text;

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

/* Runs the first `stages` stages over every text `rounds` times. */
static double run(dl_engine *eng, const text *texts, int n, int rounds, int stages, size_t *tokens) {
    dl_doc *doc = dl_doc_new();
    *tokens = 0;
    double t0 = now();
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < n; i++) {
            dl_doc_reset(doc);
            dl_doc_set_default_date(doc, "2023-01-01");
            dl_doc_set_source(doc, "bench", texts[i].bytes, texts[i].len, DL_INPUT_AUTO);
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

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: bench_pipeline ROUNDS FILE...\n");
        return 2;
    }
    int rounds = atoi(argv[1]), n = argc - 2;
    text *texts = calloc((size_t)n, sizeof *texts);
    size_t bytes = 0;
    for (int i = 0; i < n; i++) {
        texts[i] = read_file(argv[i + 2]);
        bytes += texts[i].len;
    }
    dl_engine *eng;
    char err[512];
    if (dl_engine_open(NULL, &eng, err, sizeof err) != DL_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
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
    printf("nlp_stage_tokens_per_second=%.0f\n", (double)tokens / (secs[2] - secs[1]));
    printf("articles_per_second=%.0f\n", (double)n * rounds / secs[5]);
    printf("words_per_article=%.0f\n", (double)tokens / ((double)n * rounds));
    dl_engine_close(eng);
    for (int i = 0; i < n; i++) free(texts[i].bytes);
    free(texts);
    return 0;
}
