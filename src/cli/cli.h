/*
 * cli/cli.h -- what the subcommands share: the command table entry, option
 * helpers, and the input walker that turns files, directories, stdin and
 * JSON Lines into one article source at a time.
 */
#ifndef DL_CLI_H
#define DL_CLI_H

#include <stddef.h>

#include "dateline.h"
#include "learn/gold.h"

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
int cmd_train_quotes(int argc, char **argv);

/* `dateline train events` and `train quotes`: their options and run
 * (cli/train_gold.c). */
typedef struct {
    const char *command;      /* "train events" */
    const char *usage;        /* the --help text */
    double prior;             /* the default --prior */
    dl_engine_options engine; /* the engine to code with (without the model trained) */
    int quote_options;        /* --quote-model and --no-quote-model are accepted */
    dl_status (*train)(dl_engine *eng, const dl_gold_train_opts *o, char *err, size_t errlen);
} dl_cli_gold_trainer;
int dl_cli_train_gold(const dl_cli_gold_trainer *t, int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_status(int argc, char **argv);

/* Prints "dateline CMD: message" to stderr plus a hint; returns DL_EXIT_USAGE. */
int dl_cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Checks a --date value: a calendar day YYYY-MM-DD.  Sets *out and returns
 * DL_EXIT_OK, or prints a usage error naming the value and returns
 * DL_EXIT_USAGE. */
int dl_cli_date_arg(const char *cmd, const char *value, const char **out);

/* --shard I/N (issue 15): an input belongs to shard I of N when the first
 * 64 bits of its input hash (dl__store_input_hash: SHA-256 over its kind,
 * --date, WARC date and URL, and bytes) are I modulo N.  The split depends
 * on the content alone, not on paths, order or machine, so the tasks of a
 * job array partition a corpus exactly and a rerun codes the same part. */
#define DL_CLI_MAX_SHARDS 100000
typedef struct {
    unsigned index, count;   /* count 0: no sharding */
} dl_cli_shard;
/* Parses "I/N" into *out; DL_EXIT_USAGE after a usage message when bad. */
int dl_cli_shard_arg(const char *cmd, const char *value, dl_cli_shard *out);
/* The first 64 bits of a hex hash. */
unsigned long long dl_cli_hash64(const char hash[65]);
/* The shard (0..n-1) of an input whose hex input hash is hash: its first
 * 64 bits modulo n. */
unsigned dl_cli_shard_of(const char hash[65], unsigned n);
struct dl_input_s;
/* The input hash ingest records (dl__store_input_hash) of in, coded with
 * the default date date (may be NULL), in out[65]: what --shard splits by. */
void dl_cli_input_hash(const struct dl_input_s *in, const char *date, char out[65]);
/* The key of an input the walk could not read, which has no bytes to hash
 * (a corrupt gzip, an unreadable file, a file of no input kind): the input
 * hash of kind 255, no date, over its name, in out[65]. */
void dl_cli_unread_hash(const char *name, char out[65]);

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
typedef struct dl_input_s {
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

/* The largest article the walker reads, counted after decompression, and
 * the longest JSON Lines record (bytes).  A longer input is reported as
 * "path: larger than N bytes" and skipped; reading stops at the bound. */
#define DL_INPUT_MAX_BYTES ((size_t)64 << 20)
#define DL_INPUT_MAX_LINE ((size_t)16 << 20)

/* How the walker reads; zero fields take the defaults. */
typedef struct {
    size_t max_bytes;     /* per article; 0: DL_INPUT_MAX_BYTES.  A JSON Lines
                             record takes at most min(max_bytes, DL_INPUT_MAX_LINE) */
    int follow_links;     /* walk into directories reached by symbolic links */
    /* Called before reading an input that is not a regular file (stdin, a
     * FIFO, a device named on the command line), which may block: a caller
     * holding uncoded or uncommitted work finishes it first.  May be NULL. */
    void (*before_stream)(void *ctx);
    /* Called for each input the walk meets but does not hand over: one it
     * could not read (failed = 1: what *failed counts) or one it leaves
     * out (failed = 0: a file of no input kind in a directory, a FIFO or
     * device, a link to a directory not followed, a directory too deep, a
     * WARC response too large, truncated or undecodable).  name is as the
     * error line gives it, reason the message without the name.  May be
     * NULL. */
    void (*not_read)(const char *name, int failed, const char *reason, void *ctx);
    /* Called for each file and directory read to its end without an error
     * of its own (its articles may still fail), so that what not_read said
     * of it before can be forgotten.  May be NULL. */
    void (*read_ok)(const char *path, void *ctx);
} dl_walk_options;

/* --max-input-bytes N and --follow-links, for the commands that walk inputs. */
enum { DL_CLI_OPT_MAX_INPUT = 0x1000, DL_CLI_OPT_FOLLOW_LINKS };
#define DL_CLI_WALK_LONGOPTS \
    {"max-input-bytes", required_argument, NULL, DL_CLI_OPT_MAX_INPUT}, \
    {"follow-links", no_argument, NULL, DL_CLI_OPT_FOLLOW_LINKS}
#define DL_CLI_WALK_HELP \
    "      --max-input-bytes N  largest article read, counted after decompression\n" \
    "                     (default 64M; K, M and G suffixes); a JSON Lines record\n" \
    "                     takes at most 16M of it.  A larger input is an error\n" \
    "      --follow-links walk into directories reached by symbolic links (each\n" \
    "                     directory once); without it they are skipped\n"
/* Handles one of those options (ch is getopt's value); DL_EXIT_USAGE after
 * a usage message when the value is bad. */
int dl_cli_walk_option(dl_walk_options *o, const char *cmd, int ch, const char *arg);

/* Called once per article; returns 0 to go on, non-zero to stop the walk. */
typedef int (*dl_input_fn)(const dl_input *in, void *ctx);

/* Walks paths (files, directories recursively in name order, "-" for
 * stdin) with options o (NULL: the defaults).  In a directory only regular
 * files of the known input kinds are read (.txt, .html, .htm, .xhtml,
 * .json, .jsonl, .ndjson, .warc and their .gz; one line on stderr counts
 * the files left out); FIFOs, sockets and devices are skipped with a
 * warning, and so are symbolic links to directories unless
 * o->follow_links; a directory is walked once however it is reached, so
 * link loops end.  Anything named on the command line is read whatever its
 * name and type.  .jsonl/.ndjson files, and any input whose first two
 * lines are JSON objects, give one input per non-blank line, read as a stream
 * (memory holds one line, never the file); .warc/.warc.gz files give one
 * input per HTML response (status 200) with its url, fetch_date and
 * content_type, read as a stream, and end with one line on stderr counting
 * the records skipped; HTML is converted to UTF-8 from its charset; .gz
 * files are decompressed, and a truncated or corrupt one is a gzip error
 * naming the file and the offset.  An unreadable or oversized input prints
 * one error line naming it and counts in *failed; the walk goes on.  Each
 * input failed or left out goes to o->not_read too.
 * Returns the callback's non-zero value if it stopped the walk, else 0. */
int dl_inputs_walk(const dl_walk_options *o, char **paths, int npaths, dl_input_fn fn, void *ctx,
                   int *failed);

#endif
