/*
 * cli/cmd_quotes.c -- `dateline quotes`: the stored quotations by speaker,
 * a shorthand for `dateline query --quotes` with --speaker for --actor.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
    "usage: dateline quotes --db PATH|URL [--speaker X] [--since D] [--until D]\n"
    "                       [--article ID] [--limit N] [--format table|json|csv|tsv]\n"
    "\n"
    "Lists stored quotations (direct and reported) with their speakers.\n"
    "--speaker matches a name (whole words, any case) or an actor code prefix.\n"
    "The database is a file path, sqlite:PATH or postgresql://...; the other\n"
    "options are those of `dateline query`.\n";

int cmd_quotes(int argc, char **argv) {
    char **args = calloc((size_t)argc + 2, sizeof *args);
    if (!args) return DL_EXIT_FAIL;
    int n = 0;
    args[n++] = "query";
    args[n++] = "--quotes";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage, stdout);
            free(args);
            return DL_EXIT_OK;
        }
        if (!strcmp(argv[i], "--speaker")) args[n++] = "--actor";
        else if (!strncmp(argv[i], "--speaker=", 10)) {
            static char buf[1024];
            snprintf(buf, sizeof buf, "--actor=%s", argv[i] + 10);
            args[n++] = buf;
        } else args[n++] = argv[i];
    }
    int rc = cmd_query(n, args);
    free(args);
    return rc;
}
