/*
 * cli/cmd_info.c -- `dateline info`: the version, the data directory in use
 * and how it was found, and each data file the engine loads with its size
 * and SHA-256 (the models' checksums, to compare with data/models/README.md).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/doc.h"
#include "core/file.h"
#include "core/strbuf.h"
#include "geo/geo.h"
#include "store/store.h"

static const char usage[] =
    "usage: dateline info [--data DIR]\n"
    "\n"
    "Prints the version, the data directory in use and how it was found\n"
    "(--data, $DATELINE_DATA, next to the installed program or library, or the\n"
    "source tree for a program of the build tree), and each data file with its\n"
    "size and SHA-256.\n"
    "\n"
    "options:\n"
    "      --data DIR     the data directory to describe\n"
    "  -h, --help         show this help\n";

/* The files the engine reads, relative to the data directory. */
static const char *const files[] = {
    "cameo/events.tsv", "cameo/verbs.txt", "cameo/actor_codes.tsv", "actors/countries.tsv",
    "actors/places.tsv", "actors/organizations.tsv", "actors/people.tsv", "actors/agents.tsv",
    "models/pos.model", "models/parse.model", "models/ner.model", "geo/places.tsv",
    "geo/countries.tsv", NULL};

/* Data files are hashed whole, up to this bound (the largest, pos.model,
 * is 13 MB). */
#define MAX_DATA_BYTES ((size_t)1 << 30)

/* One file's line: name, size, SHA-256; "missing" when it is not there,
 * and why it is not read when it is not a regular file. */
static int describe(const char *dir, const char *name) {
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    const char *why;
    FILE *fp = dl_file_fopen_regular(path, &why);
    if (!fp) {
        printf("  %-26s %s\n", name, access(path, F_OK) == 0 ? why : "missing");
        return 0;
    }
    dl_strbuf b;
    dl_strbuf_init(&b);
    int bad = dl_strbuf_add_file(&b, fp, MAX_DATA_BYTES);
    fclose(fp);
    if (bad || b.len > MAX_DATA_BYTES) {
        printf("  %-26s %s\n", name, bad ? "unreadable" : "larger than 1 GiB");
        dl_strbuf_release(&b);
        return 0;
    }
    char hex[65];
    dl__sha256_hex(b.s ? b.s : "", b.len, hex);
    printf("  %-26s %10zu bytes  sha256 %s\n", name, b.len, hex);
    dl_strbuf_release(&b);
    return 1;
}

int cmd_info(int argc, char **argv) {
    static const struct option longopts[] = {
        {"data", required_argument, NULL, 'D'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    const char *data = NULL;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'D': data = optarg; break;
        case 'h': fputs(usage, stdout); return DL_EXIT_OK;
        default: return dl_cli_usage_error("info", "bad option");
        }
    }
    if (optind < argc) return dl_cli_usage_error("info", "no arguments wanted, got '%s'", argv[optind]);
    char dir[4096];
    const char *how = dl__data_dir(data, dir, sizeof dir);
    printf("dateline %s\n", dl_version());
    printf("store schema: %d\n", DL_STORE_SCHEMA_VERSION);
    printf("data: %s (%s)\n", dir, how);
    int found = 0;
    for (size_t i = 0; files[i]; i++) found += describe(dir, files[i]);
    dl_engine_options opts = {.data_dir = dir};
    dl_engine *eng;
    char err[512];
    dl_status st = dl_engine_open(&opts, &eng, err, sizeof err);
    if (st != DL_OK) {
        printf("engine: cannot open: %s\n", err[0] ? err : dl_strerror(st));
        return DL_EXIT_FAIL;
    }
    printf("engine: opens; models: %s%s%s; gazetteer: %zu places\n", eng->tagger ? "pos " : "",
           eng->parser ? "parse " : "", eng->ner ? "ner" : "",
           eng->gazetteer ? eng->gazetteer->n : (size_t)0);
    dl_engine_close(eng);
    return found ? DL_EXIT_OK : DL_EXIT_FAIL;
}
