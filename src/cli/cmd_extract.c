/*
 * cli/cmd_extract.c -- `dateline extract`: the extract stage alone.  Prints
 * each page's article (title, subtitle, authors, published, dateline,
 * language, url, site, body) as one JSON object per line, for users who only
 * want extraction.  Inputs are walked like `dateline code`'s: HTML in any
 * charset, .gz, JSON Lines, WARC.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/render.h"
#include "core/doc.h"

static const char usage[] =
    "usage: dateline extract [options] [PAGE|DIR|-]...\n"
    "\n"
    "Extracts the article from each page (HTML in any charset, plain text, a JSON\n"
    "record, JSON Lines, or a WARC file with one page per HTML response) and prints\n"
    "one JSON object per article on stdout: source, url, site, title, subtitle,\n"
    "authors, published, fetched, dateline, language, body.  With no PAGE, reads\n"
    "standard input.  A page with no article prints one error line on stderr; the\n"
    "exit status is then 1.\n"
    "\n"
    "options:\n"
    "  -p, --pretty       indent the JSON\n"
    "  -d, --date DATE    publication date (YYYY-MM-DD) for pages that have none\n"
    "      --no-body      leave the body out\n"
    DL_CLI_WALK_HELP
    "  -h, --help         show this help\n";

typedef struct {
    dl_doc *doc;
    const char *date;
    size_t json_flags;
    int no_body;
    int done, failed;
} extract_ctx;

static int extract_one(const dl_input *in, void *vctx) {
    extract_ctx *c = vctx;
    dl_doc_reset(c->doc);
    dl_status st = dl_cli_load(c->doc, in, c->date);
    if (st == DL_OK) st = dl_extract_run(NULL, c->doc);
    if (st != DL_OK) {
        const char *msg = dl_doc_error(c->doc);
        if (msg) fprintf(stderr, "dateline: %s\n", msg);
        else fprintf(stderr, "dateline: %s: %s\n", in->name, dl_strerror(st));
        c->failed++;
        return 0;
    }
    json_t *o = dl__article_json(c->doc, c->no_body ? DL_JSON_NO_BODY : 0);
    char *s = o ? json_dumps(o, c->json_flags) : NULL;
    json_decref(o);
    if (!s) {
        fprintf(stderr, "dateline: %s: out of memory\n", in->name);
        c->failed++;
        return 0;
    }
    fputs(s, stdout);
    fputc('\n', stdout);
    free(s);
    c->done++;
    return 0;
}

int cmd_extract(int argc, char **argv) {
    static const struct option longopts[] = {
        {"pretty", no_argument, NULL, 'p'}, {"date", required_argument, NULL, 'd'},
        {"no-body", no_argument, NULL, 'B'}, {"help", no_argument, NULL, 'h'},
        DL_CLI_WALK_LONGOPTS,               {NULL, 0, NULL, 0}};
    extract_ctx c = {0};
    dl_walk_options wo = {0};
    int ch, pretty = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "pd:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'p': pretty = 1; break;
        case 'd':
            if (dl_cli_date_arg("extract", optarg, &c.date) != DL_EXIT_OK) return DL_EXIT_USAGE;
            break;
        case 'B': c.no_body = 1; break;
        case DL_CLI_OPT_MAX_INPUT:
        case DL_CLI_OPT_FOLLOW_LINKS:
            if (dl_cli_walk_option(&wo, "extract", ch, optarg) != DL_EXIT_OK) return DL_EXIT_USAGE;
            break;
        case 'h': fputs(usage, stdout); return DL_EXIT_OK;
        default: return dl_cli_usage_error("extract", "bad option");
        }
    }
    c.json_flags = JSON_PRESERVE_ORDER | (pretty ? JSON_INDENT(2) : JSON_COMPACT);
    if (!(c.doc = dl_doc_new())) {
        fprintf(stderr, "dateline extract: out of memory\n");
        return DL_EXIT_FAIL;
    }
    char *stdin_path[] = {"-"};
    int walk_failed = 0;
    if (optind < argc)
        dl_inputs_walk(&wo, argv + optind, argc - optind, extract_one, &c, &walk_failed);
    else dl_inputs_walk(&wo, stdin_path, 1, extract_one, &c, &walk_failed);
    dl_doc_free(c.doc);
    return (c.failed || walk_failed) ? DL_EXIT_FAIL : DL_EXIT_OK;
}
