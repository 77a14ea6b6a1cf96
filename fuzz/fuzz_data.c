/*
 * fuzz/fuzz_data.c -- the data-file parsers: the input becomes one of the
 * dictionary files (chosen by the first byte) next to the bundled others,
 * and the engine is opened.  It must fail with a message or load, never
 * crash or leak.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/doc.h"

static char dir[64];

/* Copies a file, its first max_lines lines when max_lines > 0 (the
 * gazetteer's 25,000 places would slow every run down). */
static void copy_head(const char *from, const char *to, long max_lines) {
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    int c;
    long lines = 0;
    while (in && out && (c = fgetc(in)) != EOF && (max_lines <= 0 || lines < max_lines)) {
        fputc(c, out);
        lines += c == '\n';
    }
    if (in) fclose(in);
    if (out) fclose(out);
}

static void copy_file(const char *from, const char *to) {
    copy_head(from, to, strstr(from, "geo/places.tsv") ? 300 : 0);
}

static const char *const FILES[] = {"actors/countries.tsv", "actors/places.tsv",
                                    "actors/organizations.tsv", "actors/people.tsv",
                                    "actors/agents.tsv", "cameo/events.tsv", "cameo/verbs.txt",
                                    "cameo/actor_codes.tsv", "geo/places.tsv", "geo/countries.tsv",
                                    "actors/names.tsv", "quotes/cues.tsv"};
#define NFILES (sizeof FILES / sizeof *FILES)

/* Removes the directory setup() made (libFuzzer ends with exit()). */
static void cleanup(void) {
    char path[256];
    for (size_t i = 0; i < NFILES; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, FILES[i]);
        remove(path);
    }
    snprintf(path, sizeof path, "%s/actors", dir);
    rmdir(path);
    snprintf(path, sizeof path, "%s/cameo", dir);
    rmdir(path);
    rmdir(dir);
}

static void setup(void) {
    /* in memory where there is a tmpfs: on ext4, closing a file that was
     * truncated and rewritten starts its writeback, which made each run
     * wait for the disk (5 runs/s) */
    struct stat sb;
    const char *base = stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) ? "/dev/shm" : "/tmp";
    snprintf(dir, sizeof dir, "%s/dl-fuzz-data-%d", base, (int)getpid());
    char path[256], from[4096];
    snprintf(path, sizeof path, "%s/actors", dir);
    mkdir(dir, 0700);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/cameo", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/geo", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/quotes", dir);
    mkdir(path, 0700);
    for (size_t i = 0; i < NFILES; i++) {
        snprintf(from, sizeof from, "%s/%s", DL_DATA_DIR, FILES[i]);
        snprintf(path, sizeof path, "%s/%s", dir, FILES[i]);
        copy_file(from, path);
    }
    atexit(cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!dir[0]) setup();
    if (size < 1) return 0;
    const char *name = FILES[data[0] % NFILES];
    char path[256], from[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    snprintf(from, sizeof from, "%s/%s", DL_DATA_DIR, name);
    FILE *fp = fopen(path, "wb");
    if (!fp) return 0;
    fwrite(data + 1, 1, size - 1, fp);
    fclose(fp);
    dl_engine_options opts = {.data_dir = dir, .no_models = 1};   /* the tables, not the models */
    dl_engine *eng = NULL;
    char err[512];
    if (dl_engine_open(&opts, &eng, err, sizeof err) == DL_OK) dl_engine_close(eng);
    else if (!err[0]) abort();   /* a failure must say why */
    copy_file(from, path);
    return 0;
}
