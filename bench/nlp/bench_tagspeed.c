/*
 * bench/nlp/bench_tagspeed.c TEXTFILE ROUNDS -- dateline's tokenizer and
 * tagger over a raw text, timed in-process (the same text wink.mjs reads),
 * then the whole nlp stage (tokenize, tag, lemmas and FEATS, parse, NER:
 * dl_nlp_run, as `dateline code` runs it), and the peak resident memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "core/doc.h"
#include "tag/tag.h"

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Tokens/s of ROUNDS passes over the text: tagging only, or the whole stage. */
static double run(dl_engine *eng, const char *buf, size_t len, int rounds, int whole, size_t *ntok) {
    size_t tokens = 0;
    double t0 = now();
    for (int r = 0; r < rounds; r++) {
        dl_doc *doc = dl_doc_new();
        dl_doc_set_source(doc, "bench", buf, len, DL_INPUT_TEXT);
        doc->article.body = doc->src;   /* raw text: no extraction */
        doc->article.body_len = doc->src_len;
        dl_tokenize_run(eng, doc);
        if (whole) {
            dl_nlp_run(eng, doc);
        } else {
            dl_syntax syn;
            dl_tagger_run(eng->tagger, doc, &syn);
        }
        tokens += doc->toks.n;
        dl_doc_free(doc);
    }
    *ntok = tokens / (size_t)rounds;
    return (double)tokens / (now() - t0);
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: bench_tagspeed TEXTFILE ROUNDS\n"); return 2; }
    FILE *fp = fopen(argv[1], "rb");
    if (!fp) { perror(argv[1]); return 2; }
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t len = fread(buf, 1, (size_t)n, fp);
    fclose(fp);
    dl_engine *eng;
    char err[512];
    double t0 = now();
    if (dl_engine_open(NULL, &eng, err, sizeof err) != DL_OK || !eng->tagger) {
        fprintf(stderr, "engine: %s\n", err);
        return 1;
    }
    double open_ms = (now() - t0) * 1000;
    int rounds = atoi(argv[2]);
    size_t tokens;
    double tag = run(eng, buf, len, rounds, 0, &tokens);
    printf("dateline_tokens=%zu\n", tokens);
    printf("dateline_tokens_per_s=%.0f\n", tag);
    double all = run(eng, buf, len, rounds, 1, &tokens);
    printf("dateline_nlp_tokens_per_s=%.0f\n", all);
    printf("dateline_engine_open_ms=%.1f\n", open_ms);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("dateline_max_rss_mb=%.1f\n", (double)ru.ru_maxrss / 1024.0);
    dl_engine_close(eng);
    free(buf);
    return 0;
}
