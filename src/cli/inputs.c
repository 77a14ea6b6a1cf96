/*
 * cli/inputs.c -- turns command-line paths into article inputs: files,
 * directories (recursively, in name order), "-" for stdin, JSON Lines files
 * one record per line, gzip-compressed files transparently.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "cli/cli.h"
#include "core/strbuf.h"

/* Reads a whole file or stream; gzip data is inflated by zlib (gzread also
 * passes plain files through unchanged). */
static int read_all(const char *path, dl_strbuf *out) {
    gzFile gz = strcmp(path, "-") == 0 ? gzdopen(0, "rb") : gzopen(path, "rb");
    if (!gz) return -1;
    char buf[65536];
    int n;
    while ((n = gzread(gz, buf, sizeof buf)) > 0) dl_strbuf_add(out, buf, (size_t)n);
    int errnum = 0;
    if (n < 0) gzerror(gz, &errnum);
    gzclose(gz);
    if (n < 0 || out->oom) {
        errno = out->oom ? ENOMEM : EIO;
        return -1;
    }
    return 0;
}

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static dl_input_kind kind_for(const char *path) {
    char name[4096];
    snprintf(name, sizeof name, "%s", path);
    if (ends_with(name, ".gz")) name[strlen(name) - 3] = '\0';
    if (ends_with(name, ".html") || ends_with(name, ".htm") || ends_with(name, ".xhtml"))
        return DL_INPUT_HTML;
    if (ends_with(name, ".json")) return DL_INPUT_JSON;
    if (ends_with(name, ".txt")) return DL_INPUT_TEXT;
    return DL_INPUT_AUTO;
}

static int is_jsonl(const char *path) {
    return ends_with(path, ".jsonl") || ends_with(path, ".ndjson") ||
           ends_with(path, ".jsonl.gz") || ends_with(path, ".ndjson.gz");
}

static int walk_jsonl(const char *path, const dl_strbuf *b, dl_input_fn fn, void *ctx) {
    size_t line = 0, i = 0;
    char name[4200];
    while (i < b->len) {
        size_t j = i;
        while (j < b->len && b->s[j] != '\n') j++;
        line++;
        size_t k = i;
        while (k < j && (b->s[k] == ' ' || b->s[k] == '\t' || b->s[k] == '\r')) k++;
        if (k < j) {
            snprintf(name, sizeof name, "%s:%zu", path, line);
            dl_input in = {name, b->s + i, j - i, DL_INPUT_JSON};
            int rc = fn(&in, ctx);
            if (rc) return rc;
        }
        i = j + 1;
    }
    return 0;
}

static int walk_path(const char *path, dl_input_fn fn, void *ctx, int *failed, int depth);

static int name_cmp(const struct dirent **a, const struct dirent **b) {
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int walk_dir(const char *path, dl_input_fn fn, void *ctx, int *failed, int depth) {
    struct dirent **names;
    int n = scandir(path, &names, NULL, name_cmp);
    if (n < 0) {
        fprintf(stderr, "dateline: %s: cannot read directory: %s\n", path, strerror(errno));
        (*failed)++;
        return 0;
    }
    int rc = 0;
    for (int i = 0; i < n; i++) {
        const char *d = names[i]->d_name;
        if (!rc && d[0] != '.') {
            size_t len = strlen(path) + strlen(d) + 2;
            char *child = malloc(len);
            if (child) {
                size_t plen = strlen(path);
                while (plen > 1 && path[plen - 1] == '/') plen--;
                snprintf(child, len, "%.*s/%s", (int)plen, path, d);
                rc = walk_path(child, fn, ctx, failed, depth + 1);
                free(child);
            }
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

static int walk_path(const char *path, dl_input_fn fn, void *ctx, int *failed, int depth) {
    struct stat st;
    if (strcmp(path, "-") != 0) {
        if (stat(path, &st) != 0) {
            fprintf(stderr, "dateline: %s: cannot open: %s\n", path, strerror(errno));
            (*failed)++;
            return 0;
        }
        if (S_ISDIR(st.st_mode)) {
            if (depth > 64) return 0;
            return walk_dir(path, fn, ctx, failed, depth);
        }
    }
    dl_strbuf b;
    dl_strbuf_init(&b);
    if (read_all(path, &b) != 0) {
        fprintf(stderr, "dateline: %s: cannot read: %s\n", path, strerror(errno));
        (*failed)++;
        dl_strbuf_release(&b);
        return 0;
    }
    int rc;
    if (is_jsonl(path)) {
        rc = walk_jsonl(path, &b, fn, ctx);
    } else {
        dl_input in = {path, b.s ? b.s : "", b.len, kind_for(path)};
        rc = fn(&in, ctx);
    }
    dl_strbuf_release(&b);
    return rc;
}

int dl_inputs_walk(char **paths, int npaths, dl_input_fn fn, void *ctx, int *failed) {
    for (int i = 0; i < npaths; i++) {
        int rc = walk_path(paths[i], fn, ctx, failed, 0);
        if (rc) return rc;
    }
    return 0;
}
