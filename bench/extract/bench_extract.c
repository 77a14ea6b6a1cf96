/*
 * bench/extract/bench_extract.c -- runs the extract stage over the article-
 * extraction benchmark (../shared/data/article-extraction: html/<id>.html.gz)
 * and writes {"<id>": {"articleBody": ...}} for tools/extraction_eval.py.
 * Each page goes the CLI's way: charset to UTF-8 (extract/charset.h), then
 * the extract stage.  Prints pages and megabytes per second to stderr (CPU
 * time of conversion and extraction; reading and gunzipping left out).
 *
 *     bench_extract IDS.txt HTML_DIR OUT.json [REPEAT]
 *
 * REPEAT (default 1) extracts every page that many times for the timing;
 * the figure is the mean over all runs.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "core/doc.h"
#include "extract/charset.h"

/* Reads a gzip file (or a plain one) whole; caller frees. */
static char *read_gz(const char *path, size_t *len) {
    gzFile f = gzopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            char *nb = realloc(b, cap);
            if (!nb) { free(b); gzclose(f); return NULL; }
            b = nb;
        }
        int r = gzread(f, b + n, (unsigned)(cap - n));
        if (r <= 0) break;
        n += (size_t)r;
    }
    gzclose(f);
    *len = n;
    return b;
}

int main(int argc, char **argv) {
    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: bench_extract IDS.txt HTML_DIR OUT.json [REPEAT]\n");
        return 2;
    }
    int repeat = argc == 5 ? atoi(argv[4]) : 1;
    if (repeat < 1) repeat = 1;
    FILE *ids = fopen(argv[1], "r");
    if (!ids) { perror(argv[1]); return 1; }
    json_t *out = json_object();
    char id[256], path[4096];
    size_t pages = 0, bytes = 0, failed = 0;
    double secs = 0;
    dl_doc *doc = dl_doc_new();
    while (fscanf(ids, "%255s", id) == 1) {
        snprintf(path, sizeof path, "%s/%s.html.gz", argv[2], id);
        size_t len = 0;
        char *page = read_gz(path, &len);
        if (!page) { fprintf(stderr, "%s: cannot read\n", path); failed++; continue; }
        /* the extra runs REPEAT asks for (timed; the output is the last run's) */
        for (int r = 1; r < repeat; r++) {
            clock_t t1 = clock();
            char *v = NULL;
            size_t vn = 0;
            dl_doc_reset(doc);
            if (dl__charset_to_utf8(page, len, NULL, &v, &vn, NULL) == DL_OK &&
                dl_doc_set_source(doc, id, v, vn, DL_INPUT_HTML) == DL_OK)
                dl_extract_run(NULL, doc);
            free(v);
            secs += (double)(clock() - t1) / CLOCKS_PER_SEC;
        }
        dl_doc_reset(doc);
        clock_t t0 = clock();
        /* as the CLI reads a page: charset to UTF-8, then the extract stage */
        char *u8 = NULL;
        size_t n8 = 0;
        dl_status st = dl__charset_to_utf8(page, len, NULL, &u8, &n8, NULL);
        if (st == DL_OK) st = dl_doc_set_source(doc, id, u8, n8, DL_INPUT_HTML);
        free(u8);
        if (st == DL_OK) st = dl_extract_run(NULL, doc);
        secs += (double)(clock() - t0) / CLOCKS_PER_SEC;
        const char *body = st == DL_OK && doc->article.body ? doc->article.body : "";
        if (st != DL_OK) {
            const char *msg = dl_doc_error(doc);
            fprintf(stderr, "%s\n", msg ? msg : dl_strerror(st));
            failed++;
        }
        json_object_set_new(out, id, json_pack("{s:s}", "articleBody", body));
        pages++;
        bytes += len;
        free(page);
    }
    fclose(ids);
    dl_doc_free(doc);
    if (json_dump_file(out, argv[3], JSON_INDENT(1)) != 0) { perror(argv[3]); return 1; }
    json_decref(out);
    double runs = (double)pages * repeat;
    fprintf(stderr, "%zu pages (%zu failed), %.1f MB, %d runs, %.2f s: %.0f pages/s, %.1f MB/s\n", pages,
            failed, (double)bytes / 1e6, repeat, secs, secs > 0 ? runs / secs : 0.0,
            secs > 0 ? (double)bytes * repeat / 1e6 / secs : 0.0);
    return 0;
}
