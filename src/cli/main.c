/*
 * cli/main.c -- the dateline command: a table of subcommands, each in its
 * own cmd_<name>.c returning the exit code (0 ok, 1 failed, 2 usage).
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const dl_command commands[] = {
    {"code", cmd_code, "code articles into JSON or TSV on stdout"},
    {"ingest", cmd_ingest, "code articles and store them in a database"},
    {"status", cmd_status, "count what a corpus run has stored, in all and per shard"},
    {"query", cmd_query, "list stored events by actor, dyad, code and date"},
    {"quotes", cmd_quotes, "list stored quotations by speaker"},
    {"codebook", cmd_codebook, "print and search the CAMEO codebook"},
    {"serve", cmd_serve, "serve the store as a JSON API and a dashboard over HTTP"},
    {"train", cmd_train, "train a tagger, parser or entity model"},
    {"eval", cmd_eval, "score a tagger, parser or entity model"},
    {"parse", cmd_parse, "tag and parse text into CoNLL-U"},
    {"extract", cmd_extract, "print the article of each page (title, authors, date, body) as JSON"},
    {"validate", cmd_validate, "score the engine against PETRARCH2 validation records"},
    {"info", cmd_info, "print the version, the data directory in use and its files' checksums"},
};

static void print_help(FILE *fp) {
    fprintf(fp,
            "usage: dateline [--version] [--help] COMMAND [ARGS]\n"
            "\n"
            "Turns political news into event data: articles, actors, CAMEO events, quotes.\n"
            "\n"
            "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(fp, "\nRun 'dateline COMMAND --help' for a command's options.\n");
}

int dl_cli_usage_error(const char *cmd, const char *fmt, ...) {
    va_list ap;
    fprintf(stderr, "dateline %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\ntry 'dateline %s --help'\n", cmd);
    return DL_EXIT_USAGE;
}

int main(int argc, char **argv) {
    /* a write past the file size limit (ulimit -f) then fails with EFBIG,
     * which the command reports, instead of killing it without a word */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        print_help(stderr);
        return DL_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
        print_help(stdout);
        return DL_EXIT_OK;
    }
    if (!strcmp(name, "--version") || !strcmp(name, "version")) {
        printf("dateline %s\n", dl_version());
        return DL_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(name, commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "dateline: '%s' is not a command\ntry 'dateline --help'\n", name);
    return DL_EXIT_USAGE;
}
