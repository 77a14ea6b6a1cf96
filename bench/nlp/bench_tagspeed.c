/*
 * bench/nlp/bench_tagspeed.c TEXTFILE ROUNDS -- dateline's tokenizer and
 * tagger over a raw text, timed in-process (the same text wink.mjs reads).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/doc.h"
#include "tag/tag.h"

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
    if (dl_engine_open(NULL, &eng, err, sizeof err) != DL_OK || !eng->tagger) {
        fprintf(stderr, "engine: %s\n", err);
        return 1;
    }
    int rounds = atoi(argv[2]);
    size_t tokens = 0;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int r = 0; r < rounds; r++) {
        dl_doc *doc = dl_doc_new();
        dl_doc_set_source(doc, "bench", buf, len, DL_INPUT_TEXT);
        doc->article.body = doc->src;   /* raw text: no extraction */
        doc->article.body_len = doc->src_len;
        dl_tokenize_run(eng, doc);
        dl_syntax syn;
        dl_tagger_run(eng->tagger, doc, &syn);
        tokens += doc->toks.n;
        dl_doc_free(doc);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double secs = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    printf("dateline_tokens=%zu\n", tokens / (size_t)rounds);
    printf("dateline_tokens_per_s=%.0f\n", (double)tokens / secs);
    dl_engine_close(eng);
    free(buf);
    return 0;
}
