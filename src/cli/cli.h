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
int cmd_train_events(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_info(int argc, char **argv);

/* Prints "dateline CMD: message" to stderr plus a hint; returns DL_EXIT_USAGE. */
int dl_cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Checks a --date value: a calendar day YYYY-MM-DD.  Sets *out and returns
 * DL_EXIT_OK, or prints a usage error naming the value and returns
 * DL_EXIT_USAGE. */
int dl_cli_date_arg(const char *cmd, const char *value, const char **out);

/* --dict PATH (repeatable) and --dict-only, for the engine options. */
#define DL_CLI_MAX_DICTS 16
typedef struct {
    const char *paths[DL_CLI_MAX_DICTS + 1];   /* NULL-terminated */
    size_t n;
    int only;
} dl_cli_dicts;

/* Adds a --dict path; a usage error (DL_EXIT_USAGE) past the limit. */
int dl_cli_add_dict(dl_cli_dicts *d, const char *cmd, const char *path);
void dl_cli_dict_options(const dl_cli_dicts *d, dl_engine_options *opts);
/* Prints the lines the dictionaries' loading skipped, if any, to stderr. */
void dl_cli_dict_warnings(const char *cmd, const dl_engine *eng);

#define DL_CLI_DICT_HELP \
    "      --dict PATH    a TABARI/PETRARCH dictionary (verbs, actors, agents or\n" \
    "                     discards, by file name) or a directory of them; repeatable.\n" \
    "                     Their verbs code the sentences ours leave uncoded\n" \
    "      --dict-only    code events with the --dict verbs alone, as PETRARCH would\n"

/* One article's raw input, as the walker hands it over. */
typedef struct {
    const char *name;      /* "path", "path:LINE" for JSON Lines, "-" for stdin */
    const char *bytes;
    size_t len;
    dl_input_kind kind;
    const char *url;           /* WARC-Target-URI: the article's URL, or NULL */
    const char *fetch_date;    /* WARC-Date ("2024-05-01T12:00:00Z"), or NULL */
    const char *content_type;  /* the HTTP Content-Type header, or NULL */
} dl_input;

/* Loads an input into a reset doc: its default date (date, which may be
 * NULL), its bytes, its URL and its fetch date (article.fetched). */
dl_status dl_cli_load(dl_doc *doc, const dl_input *in, const char *date);
/* The language of an article the pipeline did not code (not English), or
 * NULL when it was coded; the commands count these as skipped. */
const char *dl_cli_uncoded_language(const dl_doc *doc);

/* The longest JSON Lines record the walker takes (bytes); a longer line is
 * reported as "path:LINE: line longer than ..." and skipped. */
#define DL_INPUT_MAX_LINE (16 << 20)

/* Called once per article; returns 0 to go on, non-zero to stop the walk. */
typedef int (*dl_input_fn)(const dl_input *in, void *ctx);

/* Walks paths (files, directories recursively in name order, "-" for
 * stdin).  .jsonl/.ndjson files give one input per non-blank line, read as
 * a stream (memory holds one line, never the file); .warc/.warc.gz files
 * give one input per HTML response (status 200) with its url, fetch_date
 * and content_type, read as a stream, and end with one line on stderr
 * counting the records skipped; HTML is converted to UTF-8 from its
 * charset; .gz files are decompressed.  An unreadable path prints one
 * error line naming it and counts in *failed; the walk goes on.  Returns the callback's non-zero
 * value if it stopped the walk, else 0. */
int dl_inputs_walk(char **paths, int npaths, dl_input_fn fn, void *ctx, int *failed);

#endif
