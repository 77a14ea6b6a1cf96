/*
 * cli/cmd_codebook.c -- `dateline codebook`: print and search the CAMEO
 * codebook the engine codes with (data/cameo/events.tsv) and the actor code
 * parts (data/cameo/actor_codes.tsv).
 */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "core/doc.h"
#include "core/tsv.h"
#include "event/codebook.h"

static const char usage[] =
    "usage: dateline codebook [--actors] [--data DIR] [SEARCH...]\n"
    "\n"
    "Prints the CAMEO event codes (code, Goldstein score, quad class, PLOVER type,\n"
    "name), or with --actors the CAMEO actor code parts (code, kind, name).\n"
    "SEARCH keeps the rows whose code starts with it or whose name contains\n"
    "every SEARCH word, in any case: `dateline codebook 04`, `dateline codebook\n"
    "demand withdrawal`, `dateline codebook --actors GOV`.\n"
    "\n"
    "options:\n"
    "      --actors      actor code parts instead of event codes\n"
    "      --data DIR    dictionaries and codebooks (default: the built-in data/)\n"
    "  -h, --help        show this help\n";

/* Does a word of hay start with needle (any case)? */
static int contains_nocase(const char *hay, const char *needle) {
    size_t n = strlen(needle);
    for (const char *p = hay; *p; p++)
        if ((p == hay || !isalnum((unsigned char)p[-1])) && strncasecmp(p, needle, n) == 0) return 1;
    return n == 0;
}

/* Does the row match: code prefix, or every word found in the name? */
static int matches(const char *code, const char *name, char **words, int nwords) {
    if (nwords == 0) return 1;
    if (nwords == 1 && strncasecmp(code, words[0], strlen(words[0])) == 0) return 1;
    for (int i = 0; i < nwords; i++)
        if (!contains_nocase(name, words[i])) return 0;
    return 1;
}

static int print_events(const dl_engine *eng, char **words, int nwords) {
    const struct dl_codebook *cb = eng->codebook;
    int shown = 0;
    for (size_t i = 0; i < cb->n; i++) {
        const dl_cameo *c = &cb->v[i];
        if (!matches(c->code, c->name, words, nwords)) continue;
        if (!shown++) printf("%-5s %6s %4s  %-10s %s\n", "code", "gold", "quad", "plover", "name");
        printf("%-5s %6.1f %4d  %-10s %s\n", c->code, c->goldstein, c->quad, c->plover, c->name);
    }
    return shown;
}

static int print_actor_codes(const char *data_dir, char **words, int nwords, int *failed) {
    char path[4096], err[512];
    snprintf(path, sizeof path, "%s/cameo/actor_codes.tsv", data_dir);
    dl_tsv tsv;
    if (dl_tsv_open(&tsv, path, err, sizeof err) != DL_OK) {
        fprintf(stderr, "dateline codebook: %s\n", err);
        *failed = 1;
        return 0;
    }
    char **f;
    size_t nf;
    int shown = 0;
    while (dl_tsv_next(&tsv, &f, &nf) == DL_OK) {
        if (nf < 3 || !matches(f[0], f[2], words, nwords)) continue;
        if (!shown++) printf("%-10s %-10s %s\n", "code", "kind", "name");
        printf("%-10s %-10s %s\n", f[0], f[1], f[2]);
    }
    dl_tsv_close(&tsv);
    return shown;
}

int cmd_codebook(int argc, char **argv) {
    static const struct option longopts[] = {{"actors", no_argument, NULL, 'a'},
                                              {"data", required_argument, NULL, 'D'},
                                              {"help", no_argument, NULL, 'h'},
                                              {NULL, 0, NULL, 0}};
    dl_engine_options opts = {0};
    int actors = 0, ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'a': actors = 1; break;
        case 'D': opts.data_dir = optarg; break;
        case 'h': fputs(usage, stdout); return DL_EXIT_OK;
        default: return dl_cli_usage_error("codebook", "bad option");
        }
    }
    dl_engine *eng;
    char err[512];
    opts.no_models = 1;   /* the codebook needs no tagger or parser */
    dl_status st = dl_engine_open(&opts, &eng, err, sizeof err);
    if (st != DL_OK) {
        fprintf(stderr, "dateline codebook: %s\n", err[0] ? err : dl_strerror(st));
        return DL_EXIT_FAIL;
    }
    int failed = 0;
    int shown = actors ? print_actor_codes(eng->data_dir, argv + optind, argc - optind, &failed)
                       : print_events(eng, argv + optind, argc - optind);
    dl_engine_close(eng);
    if (failed) return DL_EXIT_FAIL;
    if (!shown) {
        fprintf(stderr, "dateline codebook: no code matches\n");
        return DL_EXIT_FAIL;
    }
    return DL_EXIT_OK;
}
