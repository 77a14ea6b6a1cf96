/*
 * cli/cmd_train_quotes.c -- `dateline train quotes`: the quote stage's
 * learned choice of speakers, trained from hand-annotated articles
 * (quote/train.c).
 */
#include "cli/cli.h"
#include "quote/train.h"

static const char usage[] =
    "usage: dateline train quotes --gold DIR [--split train|dev|all] -o MODEL [options]\n"
    "\n"
    "Codes every article NN.txt of DIR with its NN.gold.json's date, using the\n"
    "rules alone, and trains the model that chooses among each quote's candidate\n"
    "speakers from the gold quotes of the same words (data/models/quotes.model).\n"
    "The split follows ../shared/news-dev: NN divisible by 3 is dev, the rest train\n"
    "(names that are no number, as data/gold/extra's, are train).\n"
    "Train this model before the event model: `train events` codes with it.\n"
    "\n"
    "options:\n"
    "  -g, --gold DIR      the annotated articles; give it again for more folders\n"
    "                      (up to 8), read in the order given\n"
    "      --split NAME    train (default), dev or all\n"
    "      --leave-out I/K leave out the split's articles i (in name order) with\n"
    "                      i % K == I, for cross-validation (of the first folder;\n"
    "                      the others train every fold)\n"
    "  -o, --output MODEL  where to write the model (plain text)\n"
    "  -e, --epochs N      passes over the decisions (default 5)\n"
    "  -s, --seed N        shuffle seed (default 1)\n"
    "      --runs N        average N perceptrons trained on different shuffles\n"
    "                      (seeds S, S+1000003, ...; default 10)\n"
    "      --prior W       the weight the rules' own choice starts with (default 2)\n"
    "      --data DIR      dictionaries and codebooks (default: the built-in data/)\n"
    "  -q, --quiet         no progress lines on stderr\n"
    "  -h, --help          show this help\n";

int cmd_train_quotes(int argc, char **argv) {
    static const dl_cli_gold_trainer t = {"train quotes", usage, 2, {.rules_only = 1}, 0, dl_quote_train};
    return dl_cli_train_gold(&t, argc, argv);
}
