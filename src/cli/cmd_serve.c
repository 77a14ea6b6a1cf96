/*
 * cli/cmd_serve.c -- `dateline serve`: the HTTP API and the dashboard over
 * one store, until SIGINT or SIGTERM.  The server itself is src/server/;
 * the endpoints are described in docs/api.md.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "server/server.h"

static const char usage[] =
    "usage: dateline serve --db PATH|URL [options]\n"
    "\n"
    "Serves the store's events, actors, quotes and articles as JSON under /api/\n"
    "(described at /api/openapi.json) and the dashboard at /, on 127.0.0.1.\n"
    "POST /api/articles codes and stores an article; it needs the header\n"
    "'Authorization: Bearer TOKEN', and is refused when no token is set.\n"
    "Stops on SIGINT or SIGTERM.\n"
    "\n"
    "options:\n"
    "      --db PATH|URL    the database: a file path, sqlite:PATH or postgresql://...\n"
    "                       (created when missing)\n"
    "  -p, --port N         TCP port (default 8080; 0 picks a free one, printed on stderr)\n"
    "      --host ADDR      IPv4 address to listen on (default 127.0.0.1)\n"
    "      --token T        bearer token for writes (default: $DATELINE_TOKEN)\n"
    "      --max-body N     largest request body in bytes (default 2097152)\n"
    "      --rate N         requests per minute per client address (default 600, 0: no limit)\n"
    "      --timeout S      seconds a request may take (default 10)\n"
    "      --data DIR       dictionaries and codebooks (default: the built-in data/)\n"
    "      --dict PATH      TABARI/PETRARCH dictionaries for POSTed articles (repeatable;\n"
    "                       see `dateline code --help`); --dict-only codes with them alone\n"
    "  -h, --help           show this help\n";

/* A whole number in [lo, hi], or -1. */
static long long number(const char *s, long long lo, long long hi) {
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    return (errno || end == s || *end || v < lo || v > hi) ? -1 : v;
}

int cmd_serve(int argc, char **argv) {
    enum { O_DB = 256, O_HOST, O_TOKEN, O_MAX_BODY, O_RATE, O_TIMEOUT, O_DATA, O_DICT, O_DICT_ONLY };
    static const struct option longopts[] = {
        {"db", required_argument, NULL, O_DB},       {"port", required_argument, NULL, 'p'},
        {"host", required_argument, NULL, O_HOST},   {"token", required_argument, NULL, O_TOKEN},
        {"max-body", required_argument, NULL, O_MAX_BODY},
        {"rate", required_argument, NULL, O_RATE},
        {"timeout", required_argument, NULL, O_TIMEOUT},
        {"data", required_argument, NULL, O_DATA},   {"help", no_argument, NULL, 'h'},
        {"dict", required_argument, NULL, O_DICT},   {"dict-only", no_argument, NULL, O_DICT_ONLY},
        {NULL, 0, NULL, 0}};
    dl_server_options o = {.port = 8080, .rate = DL_SERVER_RATE};
    dl_cli_dicts dicts = {0};
    long long v;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "p:h", longopts, NULL)) != -1) {
        switch (ch) {
        case O_DB: o.db = optarg; break;
        case 'p':
            if ((v = number(optarg, 0, 65535)) < 0)
                return dl_cli_usage_error("serve", "port '%s' is not 0-65535", optarg);
            o.port = (unsigned)v;
            break;
        case O_HOST: o.host = optarg; break;
        case O_TOKEN: o.token = optarg; break;
        case O_MAX_BODY:
            if ((v = number(optarg, 1, 1LL << 30)) < 0)
                return dl_cli_usage_error("serve", "max-body '%s' is not 1 to 2^30 bytes", optarg);
            o.max_body = (size_t)v;
            break;
        case O_RATE:
            if ((v = number(optarg, 0, 1000000)) < 0)
                return dl_cli_usage_error("serve", "rate '%s' is not a number", optarg);
            o.rate = (unsigned)v;
            break;
        case O_TIMEOUT:
            if ((v = number(optarg, 1, 3600)) < 0)
                return dl_cli_usage_error("serve", "timeout '%s' is not 1-3600 seconds", optarg);
            o.timeout = (unsigned)v;
            break;
        case O_DATA: o.data_dir = optarg; break;
        case O_DICT:
            if (dl_cli_add_dict(&dicts, "serve", optarg) != DL_EXIT_OK) return DL_EXIT_USAGE;
            break;
        case O_DICT_ONLY: dicts.only = 1; break;
        case 'h': fputs(usage, stdout); return DL_EXIT_OK;
        default: return dl_cli_usage_error("serve", "bad option");
        }
    }
    if (optind < argc) return dl_cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
    if (!o.db) return dl_cli_usage_error("serve", "no database given (--db PATH)");
    if (!o.token) o.token = getenv("DATELINE_TOKEN");
    o.dict_paths = dicts.n ? dicts.paths : NULL;
    o.dict_only = dicts.only;
    char err[1024];
    dl_status st = dl_server_run(&o, err, sizeof err);
    if (st != DL_OK) {
        fprintf(stderr, "dateline serve: %s\n", err[0] ? err : dl_strerror(st));
        return st == DL_ERR_USAGE ? DL_EXIT_USAGE : DL_EXIT_FAIL;
    }
    return DL_EXIT_OK;
}
