/*
 * cli/cmd_eval.c -- `dateline eval KIND`: score a model on annotated data
 * and print the figures as NAME=VALUE lines (UPOS=, XPOS=, UAS=, LAS=, P=,
 * R=, F1=, tokens/s=) for scripts such as bench/nlp/run.sh.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "learn/corpus.h"
#include "learn/model.h"
#include "ner/ner.h"
#include "tag/tag.h"
#include "learn/train_util.h"

static const char usage[] =
    "usage: dateline eval KIND --test FILE [--model MODEL] [options]\n"
    "\n"
    "Scores a model on gold-tokenized data and prints NAME=VALUE lines.\n"
    "  pos     UPOS= XPOS= accuracy (CoNLL-U)\n"
    "  parse   UAS= LAS= (CoNLL-U), with tags from the pos model\n"
    "  lemma   LEMMA= FEATS= accuracy (CoNLL-U), with tags from the pos model\n"
    "          (and FEATS refined by the parse model's trees)\n"
    "  ner     P= R= F1= over exact entity spans and types (CoNLL-2003 or\n"
    "          Universal NER IOB2)\n"
    "tokens/s= counts the model's own work (and tagging where it needs tags).\n"
    "\n"
    "options:\n"
    "  -t, --test FILE     the annotated data\n"
    "  -m, --model MODEL   the model (default: data/models/KIND.model)\n"
    "      --tagger MODEL  parse, and ner models trained with tags: the tagger\n"
    "                      (default: data/models/pos.model)\n"
    "      --gold-tags     parse, lemma: use the file's tags instead of the tagger's\n"
    "      --data DIR      the data directory holding models/\n"
    "  -h, --help          show this help\n";

int cmd_eval(int argc, char **argv) {
    static const struct option longopts[] = {
        {"test", required_argument, NULL, 't'},   {"model", required_argument, NULL, 'm'},
        {"tagger", required_argument, NULL, 'T'}, {"gold-tags", no_argument, NULL, 'G'},
        {"data", required_argument, NULL, 'D'},   {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *test_path = NULL, *model = NULL, *tagger_path = NULL, *dir = NULL;
    int gold_tags = 0, ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "t:m:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 't': test_path = optarg; break;
        case 'm': model = optarg; break;
        case 'T': tagger_path = optarg; break;
        case 'G': gold_tags = 1; break;
        case 'D': dir = optarg; break;
        case 'h': fputs(usage, stdout); return DL_EXIT_OK;
        default: return dl_cli_usage_error("eval", "bad option");
        }
    }
    if (optind + 1 != argc)
        return dl_cli_usage_error("eval", "expected one KIND (pos, parse, lemma, ner)");
    const char *kind = argv[optind];
    int k = !strcmp(kind, "pos") ? 1 : !strcmp(kind, "parse") ? 2 : !strcmp(kind, "ner") ? 3
          : !strcmp(kind, "lemma") ? 4 : 0;
    if (!k) return dl_cli_usage_error("eval", "unknown kind '%s' (pos, parse, lemma, ner)", kind);
    if (!test_path) return dl_cli_usage_error("eval", "--test FILE is required");
    char mpath[4096], tpath[4096], err[1024] = "";
    dl_model_default_path(dir, kind, mpath, sizeof mpath);
    dl_model_default_path(dir, "pos", tpath, sizeof tpath);
    if (!model) model = mpath;
    if (!tagger_path) tagger_path = tpath;

    dl_corpus test;
    dl_status st = dl_corpus_load(test_path, &test, err, sizeof err);
    if (st != DL_OK) {
        fprintf(stderr, "dateline eval: %s\n", err);
        return DL_EXIT_FAIL;
    }
    dl_tagger *tg = NULL;
    dl_parser *ps = NULL;
    dl_ner *ner = NULL;
    dl_lemmatizer *lem = NULL;
    double t0 = dl__now();
    if (k == 1 || ((k == 2 || k == 4) && !gold_tags))
        st = dl_tagger_load(k == 1 ? model : tagger_path, &tg, err, sizeof err);
    if (st == DL_OK && k == 4) st = dl_lemmatizer_load(model, &lem, err, sizeof err);
    char ppath[4096];
    if (st == DL_OK && k == 4 && tg &&
        access(dl_model_default_path(dir, "parse", ppath, sizeof ppath), F_OK) == 0)
        st = dl_parser_load(ppath, &ps, err, sizeof err);   /* FEATS the parse decides */
    if (st == DL_OK && k == 2) st = dl_parser_load(model, &ps, err, sizeof err);
    if (st == DL_OK && k == 3) st = dl_ner_load(model, &ner, err, sizeof err);
    if (st == DL_OK && k == 3 && dl_ner_uses_tags(ner)) st = dl_tagger_load(tagger_path, &tg, err, sizeof err);
    double load_ms = (dl__now() - t0) * 1000;
    if (st == DL_OK) {
        printf("sentences=%zu\ntokens=%zu\nload_ms=%.1f\n", test.sents.n, test.toks.n, load_ms);
        if (k == 1) {
            dl_tag_scores s;
            st = dl_tagger_eval(tg, &test, &s);
            printf("UPOS=%.2f\nXPOS=%.2f\ntokens/s=%.0f\n", s.upos, s.xpos,
                   (double)s.tokens / (s.seconds > 0 ? s.seconds : 1e-9));
        } else if (k == 2) {
            dl_tag_scores s;
            st = dl_parser_eval(ps, tg, &test, &s);
            printf("UAS=%.2f\nLAS=%.2f\n", s.uas, s.las);
            if (tg) printf("UPOS=%.2f\nXPOS=%.2f\n", s.upos, s.xpos);
            printf("tokens/s=%.0f\n", (double)s.tokens / (s.seconds > 0 ? s.seconds : 1e-9));
        } else if (k == 4) {
            dl_lemma_scores s;
            st = dl_lemmatizer_eval(lem, tg, ps, &test, &s);
            printf("LEMMA=%.2f\nFEATS=%.2f\n", s.lemma, s.feats);
            if (tg) printf("UPOS=%.2f\n", s.upos);
            printf("tokens/s=%.0f\n", (double)s.tokens / (s.seconds > 0 ? s.seconds : 1e-9));
        } else {
            dl_ner_scores s;
            st = dl_ner_eval(ner, tg, &test, &s);
            printf("P=%.2f\nR=%.2f\nF1=%.2f\nentities=%zu\ntokens/s=%.0f\n", s.p, s.r, s.f1,
                   s.gold, (double)s.tokens / (s.seconds > 0 ? s.seconds : 1e-9));
            if (s.no_misc) printf("misc=dropped (the test set has none)\n");
        }
    }
    if (st != DL_OK) fprintf(stderr, "dateline eval: %s\n", err[0] ? err : dl_strerror(st));
    dl_tagger_free(tg);
    dl_parser_free(ps);
    dl_ner_free(ner);
    dl_lemmatizer_free(lem);
    dl_corpus_release(&test);
    return st == DL_OK ? DL_EXIT_OK : DL_EXIT_FAIL;
}
