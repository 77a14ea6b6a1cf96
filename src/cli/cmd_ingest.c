/*
 * cli/cmd_ingest.c -- `dateline ingest`: code articles with the whole
 * pipeline and store each one (one transaction per article) in a database.
 * Articles already stored are skipped; a failing article is reported and
 * the run goes on.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/doc.h"

static const char usage[] =
    "usage: dateline ingest --db PATH [options] ARTICLE|DIR|-...\n"
    "\n"
    "Codes each article (plain text, HTML, a JSON record, or JSON Lines with one\n"
    "record per line; directories are walked) and stores it with its actors,\n"
    "quotes and events in the database, creating the database when missing.\n"
    "An article already stored (same title and text, or same URL) is skipped.\n"
    "Ends with a summary on stderr; exits 1 when any input failed.\n"
    "\n"
    "options:\n"
    "      --db PATH      the database: a file path or sqlite:PATH (required)\n"
    "  -d, --date DATE    publication date (YYYY-MM-DD) for inputs that have none\n"
    "      --data DIR     dictionaries and codebooks (default: the built-in data/)\n"
    "  -h, --help         show this help\n";

typedef struct {
    dl_engine *eng;
    dl_store *store;
    dl_doc *doc;
    const char *date;
    long stored, dup, failed;       /* articles */
    long events, quotes, actors;    /* rows added with the new articles */
} ingest_ctx;

static int ingest_one(const dl_input *in, void *vctx) {
    ingest_ctx *c = vctx;
    dl_doc_reset(c->doc);
    if (c->date) dl_doc_set_default_date(c->doc, c->date);
    dl_status st = dl_doc_set_source(c->doc, in->name, in->bytes, in->len, in->kind);
    if (st == DL_OK) st = dl_doc_run(c->eng, c->doc);
    if (st != DL_OK) {
        const char *msg = dl_doc_error(c->doc);
        if (msg) fprintf(stderr, "dateline: %s\n", msg);
        else fprintf(stderr, "dateline: %s: %s\n", in->name, dl_strerror(st));
        c->failed++;
        return 0;
    }
    int was_new = 0;
    if (dl_store_put(c->store, c->doc, &was_new) != DL_OK) {
        fprintf(stderr, "dateline: %s\n", dl_store_errmsg(c->store));
        c->failed++;
        return 0;
    }
    if (!was_new) {
        c->dup++;
        return 0;
    }
    c->stored++;
    c->events += (long)c->doc->events.n;
    c->quotes += (long)c->doc->quotes.n;
    c->actors += (long)c->doc->actors.n;
    return 0;
}

/* "YYYY-MM-DD", the only form --date takes. */
static int valid_day(const char *s) {
    if (strlen(s) != 10) return 0;
    for (int i = 0; i < 10; i++)
        if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return 0;
    return 1;
}

int cmd_ingest(int argc, char **argv) {
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'b'},   {"date", required_argument, NULL, 'd'},
        {"data", required_argument, NULL, 'D'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    ingest_ctx c = {0};
    dl_engine_options opts = {0};
    const char *db = NULL;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'b': db = optarg; break;
        case 'd':
            if (!valid_day(optarg))
                return dl_cli_usage_error("ingest", "date '%s' is not YYYY-MM-DD", optarg);
            c.date = optarg;
            break;
        case 'D': opts.data_dir = optarg; break;
        case 'h': fputs(usage, stdout); return DL_EXIT_OK;
        default: return dl_cli_usage_error("ingest", "bad option");
        }
    }
    if (!db) return dl_cli_usage_error("ingest", "no database given (--db PATH)");
    if (optind >= argc) return dl_cli_usage_error("ingest", "no article given (use - for stdin)");

    char err[1024];
    dl_status st = dl_store_open(db, &c.store, err, sizeof err);
    if (st != DL_OK) {
        fprintf(stderr, "dateline ingest: %s\n", err[0] ? err : dl_strerror(st));
        return DL_EXIT_FAIL;
    }
    if ((st = dl_engine_open(&opts, &c.eng, err, sizeof err)) != DL_OK) {
        fprintf(stderr, "dateline ingest: %s\n", err[0] ? err : dl_strerror(st));
        dl_store_close(c.store);
        return DL_EXIT_FAIL;
    }
    c.doc = dl_doc_new();
    int walk_failed = 0, oom = !c.doc;
    if (oom) fprintf(stderr, "dateline ingest: out of memory\n");
    else dl_inputs_walk(argv + optind, argc - optind, ingest_one, &c, &walk_failed);
    c.failed += walk_failed;
    fprintf(stderr, "ingested %ld articles (%ld already stored, %ld failed): %ld events, "
            "%ld quotes, %ld actors\n", c.stored, c.dup, c.failed, c.events, c.quotes, c.actors);
    dl_doc_free(c.doc);
    dl_engine_close(c.eng);
    dl_store_close(c.store);
    return (c.failed || oom) ? DL_EXIT_FAIL : DL_EXIT_OK;
}
