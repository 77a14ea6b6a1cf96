/*
 * cli/cmd_train.c -- `dateline train KIND`: train a tagger (pos), a
 * dependency parser (parse) or an entity recogniser (ner) from annotated
 * files and write the model.  Single-threaded and deterministic (--seed).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "learn/cluster.h"
#include "learn/corpus.h"
#include "ner/ner.h"
#include "tag/tag.h"
#include "learn/train_util.h"

static const char usage[] =
    "usage: dateline train KIND --train FILE... [--dev FILE] -o MODEL [options]\n"
    "\n"
    "Trains a model and writes it to MODEL.  KIND is one of\n"
    "  pos     part-of-speech tagger (UPOS and XPOS) from CoNLL-U\n"
    "  parse   dependency parser from CoNLL-U (tags from --tagger)\n"
    "  lemma   lemma and FEATS table from CoNLL-U (LEMMA, FEATS columns)\n"
    "  clusters  word classes from the words of any of these or raw text\n"
    "          (tokenized here), written as TSV for --clusters\n"
    "  ner     entity recogniser (PER, ORG, LOC, MISC) from CoNLL-2003 columns\n"
    "          or Universal NER IOB2 files\n"
    "  events  the event coder's choices, from gold annotations (see\n"
    "          `dateline train events --help`)\n"
    "  quotes  the quote stage's choice of speakers, from gold annotations\n"
    "          (see `dateline train quotes --help`; train it before events)\n"
    "The epoch that scores best on --dev is kept.\n"
    "\n"
    "options:\n"
    "  -t, --train FILE    training data (repeat to train on several files)\n"
    "  -d, --dev FILE      development data (model selection)\n"
    "  -o, --output MODEL  where to write the model\n"
    "  -e, --epochs N      passes over the training data (default: 12 pos, 15 parse, 15 ner)\n"
    "  -p, --prune N       drop quantised weights below N (default 1)\n"
    "  -s, --seed N        shuffle seed (default 1)\n"
    "      --tagger MODEL  parse: tag dev data with this model and train on\n"
    "                      jackknifed predicted tags (default: gold tags);\n"
    "                      ner: use this tagger's tags as features\n"
    "      --clusters TSV  pos, parse, ner: word classes as features\n"
    "      --gazetteer DIR ner: name lists (an actors folder, data/actors) as features\n"
    "      --lexicon DIR   lemma, pos (and parse, for its training tags): WordNet's\n"
    "                      files (/usr/share/wordnet, Debian wordnet-base): known\n"
    "                      lemmas and irregular forms, readings of unknown words\n"
    "      --classes N[,M] clusters: fine and coarse class counts (default 256,32)\n"
    "      --min-count N   clusters: words seen fewer times get no class (default 3)\n"
    "      --keep-last     keep the last epoch, not the best on --dev (for a\n"
    "                      final model trained on train and dev together)\n"
    "  -q, --quiet         no progress lines on stderr\n"
    "  -h, --help          show this help\n";

int cmd_train(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "events") == 0) return cmd_train_events(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "quotes") == 0) return cmd_train_quotes(argc - 1, argv + 1);
    static const struct option longopts[] = {
        {"train", required_argument, NULL, 't'}, {"dev", required_argument, NULL, 'd'},
        {"output", required_argument, NULL, 'o'}, {"epochs", required_argument, NULL, 'e'},
        {"prune", required_argument, NULL, 'p'},  {"seed", required_argument, NULL, 's'},
        {"tagger", required_argument, NULL, 'T'}, {"quiet", no_argument, NULL, 'q'},
        {"keep-last", no_argument, NULL, 'L'},   {"clusters", required_argument, NULL, 'C'},
        {"gazetteer", required_argument, NULL, 'G'}, {"classes", required_argument, NULL, 'K'},
        {"min-count", required_argument, NULL, 'M'}, {"lexicon", required_argument, NULL, 'X'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
    const char *train_paths[64], *dev_path = NULL, *out = NULL;
    dl_cluster_opts co = {.fine = 256, .coarse = 32, .min_count = 3, .iters = 0, .log = stderr};
    int ntrain = 0;
    dl_train_opts o = {.epochs = 0, .prune = 1, .seed = 1, .log = stderr};
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "t:d:o:e:p:s:qh", longopts, NULL)) != -1) {
        switch (ch) {
        case 't':
            if (ntrain == 64) return dl_cli_usage_error("train", "at most 64 --train files");
            train_paths[ntrain++] = optarg;
            break;
        case 'L': o.keep_last = 1; break;
        case 'd': dev_path = optarg; break;
        case 'o': out = optarg; break;
        case 'e': o.epochs = atoi(optarg); break;
        case 'p': o.prune = atoi(optarg); break;
        case 's': o.seed = strtoull(optarg, NULL, 10); break;
        case 'T': o.tagger_path = optarg; break;
        case 'C': o.clusters_path = optarg; break;
        case 'G': o.gazetteer_dir = optarg; break;
        case 'K':
            if (sscanf(optarg, "%d,%d", &co.fine, &co.coarse) < 1 || co.fine < 2 || co.fine > 4096 ||
                co.coarse < 2 || co.coarse > 4096)
                return dl_cli_usage_error("train", "--classes takes N or N,M between 2 and 4096");
            break;
        case 'M': co.min_count = atoi(optarg); break;
        case 'X': o.lexicon_dir = optarg; break;
        case 'q': o.log = NULL; break;
        case 'h': fputs(usage, stdout); return DL_EXIT_OK;
        default: return dl_cli_usage_error("train", "bad option");
        }
    }
    if (optind + 1 != argc)
        return dl_cli_usage_error("train", "expected one KIND (pos, parse, lemma, ner)");
    const char *kind = argv[optind];
    int k = !strcmp(kind, "pos") ? 1 : !strcmp(kind, "parse") ? 2 : !strcmp(kind, "ner") ? 3
          : !strcmp(kind, "lemma") ? 4 : !strcmp(kind, "clusters") ? 5 : 0;
    if (!k) return dl_cli_usage_error("train", "unknown kind '%s' (pos, parse, lemma, ner, clusters)", kind);
    if (!ntrain) return dl_cli_usage_error("train", "--train FILE is required");
    if (!out) return dl_cli_usage_error("train", "-o MODEL is required");
    char err[1024] = "";
    if (k == 5) {
        co.iters = o.epochs > 0 ? o.epochs : 20;
        co.log = o.log;
        dl_status cs = dl_clusters_train(train_paths, ntrain, &co, out, err, sizeof err);
        if (cs != DL_OK) fprintf(stderr, "dateline train: %s\n", err[0] ? err : dl_strerror(cs));
        return cs == DL_OK ? DL_EXIT_OK : DL_EXIT_FAIL;
    }
    if (o.epochs <= 0) o.epochs = k == 1 ? 12 : 15;

    dl_corpus train, dev;
    int have_dev = 0;
    dl_status st = dl_corpus_load(train_paths[0], &train, err, sizeof err);
    for (int i = 1; i < ntrain && st == DL_OK; i++) {
        st = dl_corpus_load_more(train_paths[i], &train, err, sizeof err);
        if (st != DL_OK) dl_corpus_release(&train);
    }
    if (st == DL_OK && dev_path) {
        st = dl_corpus_load(dev_path, &dev, err, sizeof err);
        have_dev = st == DL_OK;
        if (st != DL_OK) dl_corpus_release(&train);
    }
    if (st != DL_OK) {
        fprintf(stderr, "dateline train: %s\n", err);
        return DL_EXIT_FAIL;
    }
    double t0 = dl__now();
    if (k == 1) st = dl_tagger_train(&train, have_dev ? &dev : NULL, &o, out, err, sizeof err);
    else if (k == 2) st = dl_parser_train(&train, have_dev ? &dev : NULL, &o, out, err, sizeof err);
    else if (k == 4) st = dl_lemmatizer_train(&train, &o, out, err, sizeof err);
    else st = dl_ner_train(&train, have_dev ? &dev : NULL, &o, out, err, sizeof err);
    if (st == DL_OK && o.log) fprintf(o.log, "wrote %s in %.1fs\n", out, dl__now() - t0);
    if (st != DL_OK) fprintf(stderr, "dateline train: %s\n", err[0] ? err : dl_strerror(st));
    dl_corpus_release(&train);
    if (have_dev) dl_corpus_release(&dev);
    return st == DL_OK ? DL_EXIT_OK : DL_EXIT_FAIL;
}
