/*
 * cli/train_gold.c -- the options `dateline train events` and `dateline
 * train quotes` share: a gold folder, its split and folds, the perceptron's
 * epochs, seed, runs and prior, and the engine to code with.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* The whole of s as an integer in [lo, hi], else -1. */
static int int_in(const char *s, long lo, long hi) {
    char *end;
    long n = strtol(s, &end, 10);
    return *s && !*end && n >= lo && n <= hi ? (int)n : -1;
}

/* One option into o or eo; 0, or the exit code of a usage error. */
static int one_option(const dl_cli_gold_trainer *t, int ch, dl_gold_train_opts *o, dl_engine_options *eo) {
    const char *cmd = t->command;
    switch (ch) {
    case 'g':
        if (o->ngold == DL_GOLD_MAX_DIRS) return dl_cli_usage_error(cmd, "at most %d --gold folders", DL_GOLD_MAX_DIRS);
        o->gold_dirs[o->ngold++] = optarg;
        return 0;
    case 'S':
        if (strcmp(optarg, "train") && strcmp(optarg, "dev") && strcmp(optarg, "all"))
            return dl_cli_usage_error(cmd, "--split is train, dev or all, not '%s'", optarg);
        o->split = optarg;
        return 0;
    case 'o': o->out = optarg; return 0;
    case 'L':
        if (sscanf(optarg, "%d/%d", &o->fold, &o->folds) != 2 || o->folds < 2 || o->fold < 0 || o->fold >= o->folds)
            return dl_cli_usage_error(cmd, "--leave-out wants I/K with 0 <= I < K, not '%s'", optarg);
        return 0;
    case 'e':
        if ((o->epochs = int_in(optarg, 1, 1000)) < 0) return dl_cli_usage_error(cmd, "bad --epochs '%s'", optarg);
        return 0;
    case 's': o->seed = strtoull(optarg, NULL, 10); return 0;
    case 'R':
        if ((o->runs = int_in(optarg, 1, 100)) < 0) return dl_cli_usage_error(cmd, "bad --runs '%s'", optarg);
        return 0;
    case 'P': {
        char *end;
        o->prior = strtod(optarg, &end);
        if (*end || o->prior < 0 || o->prior > 100) return dl_cli_usage_error(cmd, "bad --prior '%s'", optarg);
        return 0;
    }
    case 'D': eo->data_dir = optarg; return 0;
    case 'Q':
        if (!t->quote_options) break;
        eo->quote_model = optarg;
        return 0;
    case 'N':
        if (!t->quote_options) break;
        eo->no_quote_model = 1;
        return 0;
    case 'q': o->log = NULL; return 0;
    default: break;
    }
    return dl_cli_usage_error(cmd, "bad option");
}

int dl_cli_train_gold(const dl_cli_gold_trainer *t, int argc, char **argv) {
    static const struct option longopts[] = {
        {"gold", required_argument, NULL, 'g'},   {"split", required_argument, NULL, 'S'},
        {"output", required_argument, NULL, 'o'}, {"epochs", required_argument, NULL, 'e'},
        {"seed", required_argument, NULL, 's'},   {"data", required_argument, NULL, 'D'},
        {"quiet", no_argument, NULL, 'q'},        {"help", no_argument, NULL, 'h'},
        {"leave-out", required_argument, NULL, 'L'}, {"prior", required_argument, NULL, 'P'},
        {"runs", required_argument, NULL, 'R'},   {"quote-model", required_argument, NULL, 'Q'},
        {"no-quote-model", no_argument, NULL, 'N'}, {NULL, 0, NULL, 0}};
    dl_gold_train_opts o = {.split = "train", .epochs = 5, .seed = 1, .runs = 10, .prior = t->prior, .log = stderr};
    dl_engine_options eo = t->engine;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "g:o:e:s:qh", longopts, NULL)) != -1) {
        if (ch == 'h') { fputs(t->usage, stdout); return DL_EXIT_OK; }
        int rc = one_option(t, ch, &o, &eo);
        if (rc) return rc;
    }
    if (optind < argc) return dl_cli_usage_error(t->command, "unexpected argument '%s'", argv[optind]);
    if (!o.ngold || !o.out) return dl_cli_usage_error(t->command, "--gold and -o are required");
    char err[512] = "";
    dl_engine *eng;
    dl_status st = dl_engine_open(&eo, &eng, err, sizeof err);
    if (st == DL_OK) {
        st = t->train(eng, &o, err, sizeof err);
        dl_engine_close(eng);
    }
    if (st != DL_OK) {
        fprintf(stderr, "dateline %s: %s\n", t->command, err[0] ? err : dl_strerror(st));
        return st == DL_ERR_USAGE ? DL_EXIT_USAGE : DL_EXIT_FAIL;
    }
    return DL_EXIT_OK;
}
