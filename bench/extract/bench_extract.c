/*
 * bench/extract/bench_extract.c -- runs the extract stage over the article-
 * extraction benchmark (../shared/data/article-extraction: html/<id>.html.gz)
 * and writes {"<id>": {"articleBody": ...}} for tools/extraction_eval.py.
 * Prints pages and megabytes per second to stderr.
 *
 *     bench_extract IDS.txt HTML_DIR OUT.json
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "core/doc.h"

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
    if (argc != 4) {
        fprintf(stderr, "usage: bench_extract IDS.txt HTML_DIR OUT.json\n");
        return 2;
    }
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
        dl_doc_reset(doc);
        clock_t t0 = clock();
        dl_status st = dl_doc_set_source(doc, id, page, len, DL_INPUT_HTML);
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
    fprintf(stderr, "%zu pages (%zu failed), %.1f MB, %.2f s: %.0f pages/s, %.1f MB/s\n", pages, failed,
            (double)bytes / 1e6, secs, secs > 0 ? (double)pages / secs : 0.0,
            secs > 0 ? (double)bytes / 1e6 / secs : 0.0);
    return 0;
}
