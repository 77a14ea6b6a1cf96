/*
 * cli/cmd_serve.c -- `dateline serve`: the HTTP API and the dashboard over
 * one store, until SIGINT or SIGTERM.  The server itself is src/server/;
 * the endpoints are described in docs/api.md.
 */
#include <errno.h>
#include <getopt.h>
#include <stddef.h>
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
    "                       (created when missing if writes are on; without a token it\n"
    "                       is only read, so a read-only file serves)\n"
    "  -p, --port N         TCP port (default 8080; 0 picks a free one, printed on stderr)\n"
    "      --host ADDR      IPv4 address to listen on (default 127.0.0.1)\n"
    "      --token T        bearer token for writes (default: $DATELINE_TOKEN)\n"
    "      --max-body N     largest request body in bytes (default 2097152)\n"
    "      --rate N         requests per minute per client address (default 600, 0: no limit)\n"
    "      --timeout S      seconds to send a request, and to read the reply, however\n"
    "                       slowly the bytes come (default 10)\n"
    "      --threads N      request threads (default 4)\n"
    "      --coders N       threads coding POSTed articles (default 2)\n"
    "      --queue N        POSTs waiting for a coder before 503 (default 8)\n"
    "      --max-connections N   open connections in all (default 256)\n"
    "      --max-per-address N   open connections per client address (default 16)\n"
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
    enum { O_DB = 256, O_HOST, O_TOKEN, O_MAX_BODY, O_RATE, O_TIMEOUT, O_DATA, O_DICT, O_DICT_ONLY,
           O_THREADS, O_CODERS, O_QUEUE, O_MAX_CONN, O_MAX_ADDR };
    static const struct option longopts[] = {
        {"db", required_argument, NULL, O_DB},       {"port", required_argument, NULL, 'p'},
        {"host", required_argument, NULL, O_HOST},   {"token", required_argument, NULL, O_TOKEN},
        {"max-body", required_argument, NULL, O_MAX_BODY},
        {"rate", required_argument, NULL, O_RATE},
        {"timeout", required_argument, NULL, O_TIMEOUT},
        {"data", required_argument, NULL, O_DATA},   {"help", no_argument, NULL, 'h'},
        {"dict", required_argument, NULL, O_DICT},   {"dict-only", no_argument, NULL, O_DICT_ONLY},
        {"threads", required_argument, NULL, O_THREADS},
        {"coders", required_argument, NULL, O_CODERS},
        {"queue", required_argument, NULL, O_QUEUE},
        {"max-connections", required_argument, NULL, O_MAX_CONN},
        {"max-per-address", required_argument, NULL, O_MAX_ADDR},
        {NULL, 0, NULL, 0}};
    /* the counts: option, field, largest value */
    static const struct { int opt; size_t off; long long max; const char *name; } counts[] = {
        {O_THREADS, offsetof(dl_server_options, threads), 64, "threads"},
        {O_CODERS, offsetof(dl_server_options, coders), 64, "coders"},
        {O_QUEUE, offsetof(dl_server_options, queue), 100000, "queue"},
        {O_MAX_CONN, offsetof(dl_server_options, max_connections), 100000, "max-connections"},
        {O_MAX_ADDR, offsetof(dl_server_options, max_per_address), 100000, "max-per-address"},
    };
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
        case O_THREADS: case O_CODERS: case O_QUEUE: case O_MAX_CONN: case O_MAX_ADDR:
            for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
                if (counts[i].opt != ch) continue;
                if ((v = number(optarg, 1, counts[i].max)) < 0)
                    return dl_cli_usage_error("serve", "%s '%s' is not 1-%lld", counts[i].name,
                                              optarg, counts[i].max);
                *(unsigned *)(void *)((char *)&o + counts[i].off) = (unsigned)v;
            }
            break;
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
