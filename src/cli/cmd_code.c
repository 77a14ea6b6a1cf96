/*
 * cli/cmd_code.c -- `dateline code`: run the whole pipeline over articles
 * and print one JSON object per article (JSON Lines) or TSV event rows.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

static const char usage[] =
    "usage: dateline code [options] [ARTICLE|DIR|-]...\n"
    "\n"
    "Codes each article (plain text, HTML, a JSON record, or JSON Lines with one\n"
    "record per line) and prints one JSON object per article on stdout.\n"
    "With no ARTICLE, reads standard input.\n"
    "\n"
    "options:\n"
    "  -f, --format FMT   json (default, one line per article), pretty, tsv, or\n"
    "                     gdelt (the 61 columns of the GDELT 2.0 event table, no\n"
    "                     header; DATEADDED is now, or $SOURCE_DATE_EPOCH)\n"
    "  -d, --date DATE    publication date (YYYY-MM-DD) for inputs that have none\n"
    "      --shard I/N    code only shard I (0..N-1) of N, as `ingest --shard` splits\n"
    "      --no-body      leave the article body out of the JSON\n"
    "      --data DIR     dictionaries and codebooks (default: the built-in data/)\n"
    "      --rules-only   events and speakers chosen by the rules, not the learned\n"
    "                     models\n"
    "      --event-model FILE  the event model to use (default data/models/events.model)\n"
    "      --quote-model FILE  the speaker model to use (default data/models/quotes.model)\n"
    "      --no-quote-model  speakers chosen by the rules, events by the event model\n"
    DL_CLI_DICT_HELP
    DL_CLI_WALK_HELP
    "  -h, --help         show this help\n";

typedef struct {
    dl_engine *eng;
    dl_doc *doc;
    int format;        /* 0 json, 1 pretty, 2 tsv, 3 gdelt */
    char date_added[16];   /* GDELT's DATEADDED, YYYYMMDDHHMMSS UTC */
    int json_flags;
    const char *date;
    int failed;
    int done;
    int skipped;       /* articles not coded: not English */
    dl_cli_shard shard;    /* count 0: every input */
} code_ctx;

static int code_one(const dl_input *in, void *vctx) {
    code_ctx *c = vctx;
    if (c->shard.count) {
        char hash[65];
        dl_cli_input_hash(in, c->date, hash);
        if (dl_cli_shard_of(hash, c->shard.count) != c->shard.index) return 0;
    }
    dl_doc_reset(c->doc);
    dl_status st = dl_cli_load(c->doc, in, c->date);
    if (st == DL_OK) st = dl_doc_run(c->eng, c->doc);
    if (st == DL_OK && dl_cli_uncoded_language(c->doc)) c->skipped++;
    if (st != DL_OK) {
        const char *msg = dl_doc_error(c->doc);
        if (msg) fprintf(stderr, "dateline: %s\n", msg);
        else fprintf(stderr, "dateline: %s: %s\n", in->name, dl_strerror(st));
        c->failed++;
        return 0;
    }
    char *out = c->format == 2 ? dl_doc_to_tsv(c->doc)
              : c->format == 3 ? dl_doc_to_gdelt(c->eng, c->doc, c->date_added)
                               : dl_doc_to_json(c->doc, c->json_flags);
    if (!out) {
        fprintf(stderr, "dateline: %s: out of memory\n", in->name);
        c->failed++;
        return 0;
    }
    fputs(out, stdout);
    if (c->format < 2) fputc('\n', stdout);
    dl_free(out);
    c->done++;
    return 0;
}

int cmd_code(int argc, char **argv) {
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'}, {"date", required_argument, NULL, 'd'},
        {"no-body", no_argument, NULL, 'B'},      {"data", required_argument, NULL, 'D'},
        {"dict", required_argument, NULL, 'P'}, {"dict-only", no_argument, NULL, 'O'},
        {"rules-only", no_argument, NULL, 'R'}, {"event-model", required_argument, NULL, 'M'},
        {"quote-model", required_argument, NULL, 'Q'},
        {"no-quote-model", no_argument, NULL, 'N'},
        {"help", no_argument, NULL, 'h'},         {"shard", required_argument, NULL, 'S'},
        DL_CLI_WALK_LONGOPTS,
        {NULL, 0, NULL, 0}};
    code_ctx c = {0};
    dl_walk_options wo = {0};
    dl_engine_options opts = {0};
    dl_cli_dicts dicts = {0};
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "f:d:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'f':
            if (!strcmp(optarg, "json")) c.format = 0;
            else if (!strcmp(optarg, "pretty")) c.format = 1;
            else if (!strcmp(optarg, "tsv")) c.format = 2;
            else if (!strcmp(optarg, "gdelt")) c.format = 3;
            else return dl_cli_usage_error("code", "unknown format '%s' (json, pretty, tsv, gdelt)", optarg);
            break;
        case 'd':
            if (dl_cli_date_arg("code", optarg, &c.date) != DL_EXIT_OK) return DL_EXIT_USAGE;
            break;
        case 'B': c.json_flags |= DL_JSON_NO_BODY; break;
        case 'S':
            if (dl_cli_shard_arg("code", optarg, &c.shard) != DL_EXIT_OK) return DL_EXIT_USAGE;
            break;
        case 'D': opts.data_dir = optarg; break;
        case 'O': dicts.only = 1; break;
        case 'R': opts.rules_only = 1; break;
        case 'M': opts.event_model = optarg; break;
        case 'Q': opts.quote_model = optarg; break;
        case 'N': opts.no_quote_model = 1; break;
        case 'P':
            if (dl_cli_add_dict(&dicts, "code", optarg) != DL_EXIT_OK) return DL_EXIT_USAGE;
            break;
        case DL_CLI_OPT_MAX_INPUT:
        case DL_CLI_OPT_FOLLOW_LINKS:
            if (dl_cli_walk_option(&wo, "code", ch, optarg) != DL_EXIT_OK) return DL_EXIT_USAGE;
            break;
        case 'h': fputs(usage, stdout); return DL_EXIT_OK;
        default: return dl_cli_usage_error("code", "bad option");
        }
    }
    if (c.format == 1) c.json_flags |= DL_JSON_PRETTY;
    /* one DATEADDED for the run; SOURCE_DATE_EPOCH makes it reproducible */
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    time_t now = epoch && *epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm)) strftime(c.date_added, sizeof c.date_added, "%Y%m%d%H%M%S", &tm);
    char err[512];
    dl_cli_dict_options(&dicts, &opts);
    dl_status st = dl_engine_open(&opts, &c.eng, err, sizeof err);
    if (st != DL_OK) {
        fprintf(stderr, "dateline code: %s\n", err[0] ? err : dl_strerror(st));
        return DL_EXIT_FAIL;
    }
    dl_cli_dict_warnings("code", c.eng);
    c.doc = dl_doc_new();
    if (c.format == 2) fputs(dl_tsv_header(), stdout);
    char *stdin_path[] = {"-"};
    int walk_failed = 0;
    if (optind < argc) dl_inputs_walk(&wo, argv + optind, argc - optind, code_one, &c, &walk_failed);
    else dl_inputs_walk(&wo, stdin_path, 1, code_one, &c, &walk_failed);
    if (c.skipped)
        fprintf(stderr, "dateline code: %d articles, %d not coded (not English), %d failed\n",
                c.done, c.skipped, c.failed + walk_failed);
    dl_doc_free(c.doc);
    dl_engine_close(c.eng);
    return (c.failed || walk_failed) ? DL_EXIT_FAIL : DL_EXIT_OK;
}
