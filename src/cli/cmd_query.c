/*
 * cli/cmd_query.c -- `dateline query`: list stored events (or quotes)
 * filtered by actor, dyad, CAMEO code and date, as a table, JSON Lines, CSV
 * or TSV.  The filters and their SQL live in query/, shared with the API.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "query/query.h"

static const char usage[] =
    "usage: dateline query --db PATH|URL [options]\n"
    "\n"
    "Prints the stored events that match every filter given, oldest first;\n"
    "with --quotes, prints quotes instead; with --count-by or --top, counts them.\n"
    "\n"
    "options:\n"
    "      --db PATH|URL    the database: a file path, sqlite:PATH or postgresql://...\n"
    "                       (required)\n"
    "  -a, --actor X        source or target (speaker with --quotes) is X: a name,\n"
    "                       as whole words in any case, or a code prefix (IRN, IRNGOV)\n"
    "      --dyad X:Y       source matches X and target matches Y (either may be empty)\n"
    "  -c, --cameo CODE     CAMEO code prefix: 04 (a root) or 043\n"
    "      --since DATE     on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD): the event's\n"
    "                       date, else its article's publication date\n"
    "      --until DATE     on or before DATE (a month or year includes all of it)\n"
    "      --article ID     only the article with this id\n"
    "      --root CC        CAMEO root code, two digits: 04\n"
    "      --quad N         quad class: 1 verbal cooperation, 2 material cooperation,\n"
    "                       3 verbal conflict, 4 material conflict\n"
    "      --plover TYPE    PLOVER event type, e.g. CONSULT\n"
    "  -t, --text WORDS     every word occurs in the event's sentence (word* for a prefix)\n"
    "      --issue CODE     the event carries this issue code, whole, in any case: FAMINE\n"
    "                       (users' issue dictionaries, ingest --dict)\n"
    "  -n, --limit N        at most N rows\n"
    "      --offset N       skip the first N rows\n"
    "  -q, --quotes         list quotes instead of events (only --actor, --text,\n"
    "                       --since, --until and --article apply; --actor is the\n"
    "                       speaker, --text words of the quote as a phrase)\n"
    "      --count-by P     events per P (day, week or month) and dyad: all, of\n"
    "                       cooperation (quad 1-2) and of conflict (3-4), and their\n"
    "                       Goldstein sum; undated events in a last row\n"
    "      --top WHAT       actors (name and code) or codes by events, dyads by\n"
    "                       events, or speakers by quotes (default --limit 10)\n"
    "  -f, --format FMT     table (default), json (one object per line), csv, or tsv\n"
    "  -h, --help           show this help\n";

/* A non-negative whole number, or -1. */
static long long parse_count(const char *s) {
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    return (errno || end == s || *end || v < 0) ? -1 : v;
}

int cmd_query(int argc, char **argv) {
    enum { O_DB = 256, O_DYAD, O_SINCE, O_UNTIL, O_ARTICLE, O_OFFSET, O_ROOT, O_QUAD, O_PLOVER,
           O_COUNT_BY, O_TOP, O_ISSUE };
    static const struct option longopts[] = {
        {"db", required_argument, NULL, O_DB},         {"actor", required_argument, NULL, 'a'},
        {"dyad", required_argument, NULL, O_DYAD},     {"cameo", required_argument, NULL, 'c'},
        {"since", required_argument, NULL, O_SINCE},   {"until", required_argument, NULL, O_UNTIL},
        {"article", required_argument, NULL, O_ARTICLE}, {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, O_OFFSET}, {"quotes", no_argument, NULL, 'q'},
        {"format", required_argument, NULL, 'f'},      {"help", no_argument, NULL, 'h'},
        {"root", required_argument, NULL, O_ROOT},     {"quad", required_argument, NULL, O_QUAD},
        {"plover", required_argument, NULL, O_PLOVER}, {"text", required_argument, NULL, 't'},
        {"count-by", required_argument, NULL, O_COUNT_BY}, {"top", required_argument, NULL, O_TOP},
        {"issue", required_argument, NULL, O_ISSUE},
        {NULL, 0, NULL, 0}};
    dl_query q = {0};
    dl_out_format format = DL_OUT_TABLE;
    dl_query_kind kind = DL_QUERY_EVENTS;
    dl_agg agg = DL_AGG_NONE;
    const char *agg_opt = NULL;   /* the option that chose agg, for messages */
    const char *db = NULL;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "a:c:n:qf:t:h", longopts, NULL)) != -1) {
        switch (ch) {
        case O_DB: db = optarg; break;
        case 'a': q.actor = optarg; break;
        case O_DYAD: q.dyad = optarg; break;
        case 'c': q.cameo = optarg; break;
        case O_SINCE: q.since = optarg; break;
        case O_UNTIL: q.until = optarg; break;
        case O_ARTICLE:
            if ((q.article = parse_count(optarg)) <= 0)
                return dl_cli_usage_error("query", "article id '%s' is not a positive number",
                                          optarg);
            break;
        case 'n':
            if ((q.limit = parse_count(optarg)) <= 0)
                return dl_cli_usage_error("query", "limit '%s' is not a positive number", optarg);
            break;
        case O_OFFSET:
            if ((q.offset = parse_count(optarg)) < 0)
                return dl_cli_usage_error("query", "offset '%s' is not a number", optarg);
            break;
        case 'q': kind = DL_QUERY_QUOTES; break;
        case O_ROOT: q.root = optarg; break;
        case O_QUAD: {
            long long quad = parse_count(optarg);
            if (quad < 1 || quad > 4)
                return dl_cli_usage_error("query", "quad '%s' is not 1, 2, 3 or 4", optarg);
            q.quad = (int)quad;
            break;
        }
        case O_PLOVER: q.plover = optarg; break;
        case 't': q.text = optarg; break;
        case O_ISSUE: q.issue = optarg; break;
        case O_COUNT_BY:
        case O_TOP:
            if (agg_opt)
                return dl_cli_usage_error("query", "give one of --count-by and --top");
            agg_opt = ch == O_TOP ? "--top" : "--count-by";
            if ((ch == O_TOP ? dl_agg_parse_top(optarg, &agg)
                             : dl_agg_parse_period(optarg, &agg)) != 0)
                return dl_cli_usage_error("query", "%s takes %s, not '%s'", agg_opt,
                                          ch == O_TOP ? "actors or speakers" : "day, week or month",
                                          optarg);
            break;
        case 'f':
            if (dl_out_format_parse(optarg, &format) != 0)
                return dl_cli_usage_error("query", "unknown format '%s' (table, json, csv, tsv)",
                                          optarg);
            break;
        case 'h': fputs(usage, stdout); return DL_EXIT_OK;
        default: return dl_cli_usage_error("query", "bad option");
        }
    }
    if (optind < argc) return dl_cli_usage_error("query", "unexpected argument '%s'", argv[optind]);
    if (!db) return dl_cli_usage_error("query", "no database given (--db PATH)");
    if (agg && kind == DL_QUERY_QUOTES && dl_agg_kind(agg) != DL_QUERY_QUOTES)
        return dl_cli_usage_error("query", "%s counts events; drop --quotes", agg_opt);
    if (agg) kind = dl_agg_kind(agg);
    if (agg >= DL_AGG_TOP_ACTORS && !q.limit) q.limit = 10;
    char err[1024];
    if (dl_query_check(&q, kind, err, sizeof err) != DL_OK)
        return dl_cli_usage_error("query", "%s", err);

    dl_store *st;
    dl_status rc = dl_store_open_readonly(db, &st, err, sizeof err);
    if (rc != DL_OK) {
        fprintf(stderr, "dateline query: %s\n", err[0] ? err : dl_strerror(rc));
        return DL_EXIT_FAIL;
    }
    dl_query_writer w;
    if (agg) {
        dl_query_writer_begin_agg(&w, stdout, format, agg);
        rc = dl_query_aggregate(st, &q, agg, dl_query_write_agg, &w);
    } else {
        dl_query_writer_begin(&w, stdout, format, kind);
        rc = kind == DL_QUERY_QUOTES ? dl_query_quotes(st, &q, dl_query_write_quote, &w)
                                     : dl_query_events(st, &q, dl_query_write_event, &w);
    }
    if (rc != DL_OK) fprintf(stderr, "dateline query: %s\n", dl_store_errmsg(st));
    dl_store_close(st);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (rc == DL_OK) fprintf(stderr, "dateline query: cannot write output: %s\n",
                                 strerror(errno));
        return DL_EXIT_FAIL;
    }
    return rc == DL_OK ? DL_EXIT_OK : DL_EXIT_FAIL;
}
