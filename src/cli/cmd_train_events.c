/*
 * cli/cmd_train_events.c -- `dateline train events`: the event coder's
 * learned choices, trained from hand-annotated articles (event/train.c).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "event/train.h"

static const char usage[] =
    "usage: dateline train events --gold DIR [--split train|dev|all] -o MODEL [options]\n"
    "\n"
    "Codes every article NN.txt of DIR with its NN.gold.json's date, using the\n"
    "coder's rules alone, and trains the model that chooses among each trigger's\n"
    "candidate events (or none) from the gold events of the same sentence.\n"
    "The quotes' speakers are chosen as `dateline code` does, with the quote model\n"
    "(data/models/quotes.model): train that first (`dateline train quotes`).\n"
    "The split follows ../shared/news-dev: NN divisible by 3 is dev, the rest train.\n"
    "\n"
    "options:\n"
    "  -g, --gold DIR      the annotated articles\n"
    "      --split NAME    train (default), dev or all\n"
    "      --leave-out I/K leave out the split's articles i (in name order) with\n"
    "                      i % K == I, for cross-validation\n"
    "  -o, --output MODEL  where to write the model (plain text)\n"
    "  -e, --epochs N      passes over the decisions (default 5)\n"
    "  -s, --seed N        shuffle seed (default 1)\n"
    "      --runs N        average N perceptrons trained on different shuffles\n"
    "                      (seeds S, S+1000003, ...; default 10)\n"
    "      --prior W       the weight the rules' own choice starts with (default 8)\n"
    "      --quote-model FILE  the quote model to code with (default\n"
    "                      data/models/quotes.model, when present)\n"
    "      --no-quote-model  code with the rules' speakers\n"
    "      --data DIR      dictionaries and codebooks (default: the built-in data/)\n"
    "  -q, --quiet         no progress lines on stderr\n"
    "  -h, --help          show this help\n";

/* The whole of s as an integer in [lo, hi], else -1. */
static int int_in(const char *s, long lo, long hi) {
    char *end;
    long n = strtol(s, &end, 10);
    return *s && !*end && n >= lo && n <= hi ? (int)n : -1;
}

int cmd_train_events(int argc, char **argv) {
    static const struct option longopts[] = {
        {"gold", required_argument, NULL, 'g'},   {"split", required_argument, NULL, 'S'},
        {"output", required_argument, NULL, 'o'}, {"epochs", required_argument, NULL, 'e'},
        {"seed", required_argument, NULL, 's'},   {"data", required_argument, NULL, 'D'},
        {"quiet", no_argument, NULL, 'q'},        {"help", no_argument, NULL, 'h'},
        {"leave-out", required_argument, NULL, 'L'}, {"prior", required_argument, NULL, 'P'},
        {"runs", required_argument, NULL, 'R'},   {"quote-model", required_argument, NULL, 'Q'},
        {"no-quote-model", no_argument, NULL, 'N'},
        {NULL, 0, NULL, 0}};
    dl_event_train_opts o = {.split = "train", .epochs = 5, .seed = 1, .runs = 10, .prior = 8, .log = stderr};
    dl_engine_options eo = {.no_event_model = 1};
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "g:o:e:s:qh", longopts, NULL)) != -1) {
        switch (ch) {
        case 'g': o.gold_dir = optarg; break;
        case 'S':
            if (strcmp(optarg, "train") && strcmp(optarg, "dev") && strcmp(optarg, "all"))
                return dl_cli_usage_error("train events", "--split is train, dev or all, not '%s'", optarg);
            o.split = optarg;
            break;
        case 'o': o.out = optarg; break;
        case 'L':
            if (sscanf(optarg, "%d/%d", &o.fold, &o.folds) != 2 || o.folds < 2 || o.fold < 0 || o.fold >= o.folds)
                return dl_cli_usage_error("train events", "--leave-out wants I/K with 0 <= I < K, not '%s'", optarg);
            break;
        case 'e':
            if ((o.epochs = int_in(optarg, 1, 1000)) < 0) return dl_cli_usage_error("train events", "bad --epochs '%s'", optarg);
            break;
        case 's': o.seed = strtoull(optarg, NULL, 10); break;
        case 'R':
            if ((o.runs = int_in(optarg, 1, 100)) < 0) return dl_cli_usage_error("train events", "bad --runs '%s'", optarg);
            break;
        case 'P': {
            char *end;
            o.prior = strtod(optarg, &end);
            if (*end || o.prior < 0 || o.prior > 100) return dl_cli_usage_error("train events", "bad --prior '%s'", optarg);
            break;
        }
        case 'D': eo.data_dir = optarg; break;
        case 'Q': eo.quote_model = optarg; break;
        case 'N': eo.no_quote_model = 1; break;
        case 'q': o.log = NULL; break;
        case 'h': fputs(usage, stdout); return DL_EXIT_OK;
        default: return dl_cli_usage_error("train events", "bad option");
        }
    }
    if (optind < argc) return dl_cli_usage_error("train events", "unexpected argument '%s'", argv[optind]);
    if (!o.gold_dir || !o.out) return dl_cli_usage_error("train events", "--gold and -o are required");
    char err[512] = "";
    dl_engine *eng;
    dl_status st = dl_engine_open(&eo, &eng, err, sizeof err);
    if (st == DL_OK) {
        st = dl_event_train(eng, &o, err, sizeof err);
        dl_engine_close(eng);
    }
    if (st != DL_OK) {
        fprintf(stderr, "dateline train events: %s\n", err[0] ? err : dl_strerror(st));
        return st == DL_ERR_USAGE ? DL_EXIT_USAGE : DL_EXIT_FAIL;
    }
    return DL_EXIT_OK;
}
