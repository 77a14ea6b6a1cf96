/*
 * cli/cli.h -- what the subcommands share: the command table entry, option
 * helpers, and the input walker that turns files, directories, stdin and
 * JSON Lines into one article source at a time.
 */
#ifndef DL_CLI_H
#define DL_CLI_H

#include <stddef.h>

#include "dateline.h"

/* Exit codes: 0 ok, 1 some input or operation failed, 2 usage. */
enum { DL_EXIT_OK = 0, DL_EXIT_FAIL = 1, DL_EXIT_USAGE = 2 };

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} dl_command;

int cmd_code(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_quotes(int argc, char **argv);
int cmd_codebook(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_parse(int argc, char **argv);

/* Prints "dateline CMD: message" to stderr plus a hint; returns DL_EXIT_USAGE. */
int dl_cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* One article's raw input, as the walker hands it over. */
typedef struct {
    const char *name;      /* "path", "path:LINE" for JSON Lines, "-" for stdin */
    const char *bytes;
    size_t len;
    dl_input_kind kind;
} dl_input;

/* Called once per article; returns 0 to go on, non-zero to stop the walk. */
typedef int (*dl_input_fn)(const dl_input *in, void *ctx);

/* Walks paths (files, directories recursively in name order, "-" for
 * stdin).  .jsonl/.ndjson files give one input per non-blank line; .gz files
 * are decompressed.  An unreadable path prints one error line naming it and
 * counts in *failed; the walk goes on.  Returns the callback's non-zero
 * value if it stopped the walk, else 0. */
int dl_inputs_walk(char **paths, int npaths, dl_input_fn fn, void *ctx, int *failed);

#endif
