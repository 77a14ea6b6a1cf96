/*
 * cli/cmd_status.c -- `dateline status`: what a corpus run has stored so
 * far: articles, events, quotes, actors and recorded inputs, the time of
 * the last store, the inputs that failed or were left out, and with
 * --shards N the same per shard of an `ingest --shard I/N` job array.
 *
 * The shard of a stored input is computed from its recorded input hash
 * (inputs.input_hash), exactly as ingest --shard chose it.  An article
 * reached by inputs of several shards (the same text twice in the corpus)
 * counts in the shard of its smallest input hash, so the shards' articles
 * add up to the stored articles that have an input.  Inputs that ingest
 * met and did not store are in unstored_inputs (schema version 7; one row
 * per input hash and name since version 8), failed (unreadable, corrupt,
 * not coded, not storable) or skipped (not in English, of no input kind,
 * ...), with their input hash, so they are counted per shard alike; one
 * the walk could not read has no bytes to hash and is keyed by a hash of
 * its name, which places it in one shard although every task of the array
 * meets it (and any task that reads it whole later drops it).  Inputs
 * stored before and skipped by a rerun are not recorded as such: they are
 * in inputs.  --failed and --skipped list the unstored_inputs rows.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"

static const char usage[] =
    "usage: dateline status --db PATH|URL [--shards N] [--failed] [--skipped]\n"
    "\n"
    "Prints what the database holds: articles, events, quotes, actors, the raw\n"
    "inputs ingest recorded (a rerun skips those), when the last was stored, and\n"
    "the inputs ingest did not store: failed (unreadable, corrupt, not coded) or\n"
    "skipped (not in English, of no input kind, ...); a rerun that stores one\n"
    "clears it.  With --shards N, the same per shard of\n"
    "`dateline ingest --shard I/N`.  --failed and --skipped then list those\n"
    "inputs, one a line: shard (with --shards), when it was recorded, and\n"
    "NAME: REASON as ingest reported it.\n"
    "\n"
    "options:\n"
    "      --db PATH      the database: a file path, sqlite:PATH or postgresql://...\n"
    "      --shards N     count per shard of N (1 to 100000)\n"
    "      --failed       list the failed inputs with their errors\n"
    "      --skipped      list the skipped inputs with why they were left out\n"
    "  -h, --help         show this help\n";

typedef struct {
    long long inputs, articles, events, quotes, failed, skipped;
} shard_counts;

typedef struct {
    shard_counts *shards;
    unsigned n;
    long long last_article;   /* the article of the previous row; rows come by article */
} shard_walk;

static int one_int(const dl_store_value *cols, int ncol, void *ctx) {
    long long *v = ctx;
    if (ncol > 0 && cols[0].type == DL_VAL_INT) *v = cols[0].i;
    else if (ncol > 0 && cols[0].type == DL_VAL_TEXT) *v = strtoll(cols[0].s, NULL, 10);
    return 0;
}

static int one_text(const dl_store_value *cols, int ncol, void *ctx) {
    char *out = ctx;
    if (ncol > 0 && cols[0].type == DL_VAL_TEXT) snprintf(out, 64, "%s", cols[0].s);
    return 0;
}

static long long as_int(const dl_store_value *v) {
    return v->type == DL_VAL_INT ? v->i : v->type == DL_VAL_TEXT ? strtoll(v->s, NULL, 10) : 0;
}

/* One inputs row: hash, article id, the article's events and quotes. */
static int shard_row(const dl_store_value *cols, int ncol, void *ctx) {
    shard_walk *w = ctx;
    if (ncol < 4 || cols[0].type != DL_VAL_TEXT || strlen(cols[0].s) < 16) return 0;
    shard_counts *c = &w->shards[dl_cli_shard_of(cols[0].s, w->n)];
    long long article = as_int(&cols[1]);
    c->inputs++;
    if (article != w->last_article) {   /* the article's first input: smallest hash */
        c->articles++;
        c->events += as_int(&cols[2]);
        c->quotes += as_int(&cols[3]);
        w->last_article = article;
    }
    return 0;
}

/* One unstored_inputs row: hash, outcome. */
static int unstored_row(const dl_store_value *cols, int ncol, void *ctx) {
    shard_walk *w = ctx;
    if (ncol < 2 || cols[0].type != DL_VAL_TEXT || strlen(cols[0].s) < 16 ||
        cols[1].type != DL_VAL_TEXT)
        return 0;
    shard_counts *c = &w->shards[dl_cli_shard_of(cols[0].s, w->n)];
    if (strcmp(cols[1].s, "failed") == 0) c->failed++;
    else c->skipped++;
    return 0;
}

static int count(dl_store *st, const char *sql, long long *out) {
    *out = 0;
    if (dl__store_select(st, sql, NULL, 0, one_int, out) != DL_OK) {
        fprintf(stderr, "dateline status: %s\n", dl_store_errmsg(st));
        return -1;
    }
    return 0;
}

static int print_shards(dl_store *st, unsigned n) {
    shard_walk w = {calloc(n, sizeof(shard_counts)), n, -1};
    if (!w.shards) {
        fprintf(stderr, "dateline status: out of memory\n");
        return -1;
    }
    dl_status rc = dl__store_select(
        st,
        "SELECT i.input_hash, i.article_id,"
        " (SELECT count(*) FROM events e WHERE e.article_id = i.article_id),"
        " (SELECT count(*) FROM quotes q WHERE q.article_id = i.article_id)"
        " FROM inputs i ORDER BY i.article_id, i.input_hash",
        NULL, 0, shard_row, &w);
    if (rc == DL_OK)
        rc = dl__store_select(st, "SELECT input_hash, outcome FROM unstored_inputs", NULL, 0,
                              unstored_row, &w);
    if (rc != DL_OK) {
        fprintf(stderr, "dateline status: %s\n", dl_store_errmsg(st));
        free(w.shards);
        return -1;
    }
    printf("%-8s %10s %10s %10s %10s %10s %10s\n", "shard", "inputs", "articles", "events",
           "quotes", "failed", "skipped");
    for (unsigned i = 0; i < n; i++) {
        const shard_counts *c = &w.shards[i];
        printf("%u/%-6u %10lld %10lld %10lld %10lld %10lld %10lld\n", i, n, c->inputs,
               c->articles, c->events, c->quotes, c->failed, c->skipped);
    }
    free(w.shards);
    return 0;
}

/* Prints s with each control character as \xNN, so that a name or a
 * reason holding a newline (a file may be named so) keeps to its line. */
static void put_clean(const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) printf("\\x%02x", *p);
        else putchar(*p);
    }
}

typedef struct {
    unsigned nshards;   /* 0: no shard column */
    long long n;
} unstored_list;

/* One unstored_inputs row: hash, name, reason, time recorded.  Stops the
 * statement when stdout fails (a closed pipe, a full disk). */
static int list_row(const dl_store_value *cols, int ncol, void *ctx) {
    unstored_list *l = ctx;
    if (ncol < 4 || cols[0].type != DL_VAL_TEXT || cols[1].type != DL_VAL_TEXT ||
        cols[2].type != DL_VAL_TEXT)
        return 0;
    fputs("  ", stdout);
    if (l->nshards && strlen(cols[0].s) >= 16)
        printf("%u/%-6u ", dl_cli_shard_of(cols[0].s, l->nshards), l->nshards);
    else if (l->nshards)
        printf("%-8s ", "?");
    printf("%s  ", cols[3].type == DL_VAL_TEXT ? cols[3].s : "-");
    put_clean(cols[1].s);
    fputs(": ", stdout);
    put_clean(cols[2].s);
    putchar('\n');
    l->n++;
    return ferror(stdout) != 0;
}

/* Lists the unstored inputs of one outcome ("failed" or "skipped") by name. */
static int print_unstored(dl_store *st, const char *outcome, unsigned nshards) {
    unstored_list l = {nshards, 0};
    dl_store_value v = {.type = DL_VAL_TEXT, .s = outcome};
    printf("%s inputs:\n", outcome);
    if (dl__store_select(st, "SELECT input_hash, name, reason, recorded_at FROM unstored_inputs"
                         " WHERE outcome = ? ORDER BY name, input_hash", &v, 1, list_row,
                         &l) != DL_OK) {
        fprintf(stderr, "dateline status: %s\n", dl_store_errmsg(st));
        return -1;
    }
    if (!l.n) puts("  none");
    return 0;
}

/* The counts in all: articles, events, ..., the inputs not stored. */
static int print_totals(dl_store *st) {
    long long articles, events, quotes, actors, inputs, with_input, failed, skipped;
    char last[64] = "";
    if (count(st, "SELECT count(*) FROM articles", &articles) ||
        count(st, "SELECT count(*) FROM events", &events) ||
        count(st, "SELECT count(*) FROM quotes", &quotes) ||
        count(st, "SELECT count(*) FROM actors", &actors) ||
        count(st, "SELECT count(*) FROM inputs", &inputs) ||
        count(st, "SELECT count(DISTINCT article_id) FROM inputs", &with_input) ||
        count(st, "SELECT count(*) FROM unstored_inputs WHERE outcome = 'failed'", &failed) ||
        count(st, "SELECT count(*) FROM unstored_inputs WHERE outcome = 'skipped'", &skipped))
        return -1;
    if (dl__store_select(st, "SELECT max(stored_at) FROM inputs", NULL, 0, one_text, last) !=
        DL_OK) {
        fprintf(stderr, "dateline status: %s\n", dl_store_errmsg(st));
        return -1;
    }
    printf("articles %lld\nevents   %lld\nquotes   %lld\nactors   %lld\n", articles, events,
           quotes, actors);
    printf("inputs   %lld (giving %lld articles; %lld articles stored without an input "
           "record)\n", inputs, with_input, articles - with_input);
    printf("failed   %lld (inputs that could not be read, coded or stored; a rerun tries "
           "them again)\n", failed);
    printf("skipped  %lld (inputs left out: not in English, of no input kind, ...)\n", skipped);
    printf("last stored %s\n", last[0] ? last : "never");
    return 0;
}

int cmd_status(int argc, char **argv) {
    enum { OPT_FAILED = 256, OPT_SKIPPED };
    static const struct option longopts[] = {{"db", required_argument, NULL, 'b'},
                                             {"shards", required_argument, NULL, 's'},
                                             {"failed", no_argument, NULL, OPT_FAILED},
                                             {"skipped", no_argument, NULL, OPT_SKIPPED},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    const char *db = NULL;
    unsigned nshards = 0;
    int list_failed = 0, list_skipped = 0;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'b': db = optarg; break;
        case 's': {
            char spec[64];
            dl_cli_shard sh;
            snprintf(spec, sizeof spec, "0/%s", optarg);
            if (strchr(optarg, '/') || dl_cli_shard_arg("status", spec, &sh) != DL_EXIT_OK)
                return dl_cli_usage_error("status", "--shards '%.40s' is not a number from 1 "
                                          "to %d", optarg, DL_CLI_MAX_SHARDS);
            nshards = sh.count;
            break;
        }
        case OPT_FAILED: list_failed = 1; break;
        case OPT_SKIPPED: list_skipped = 1; break;
        case 'h': fputs(usage, stdout); return DL_EXIT_OK;
        default: return dl_cli_usage_error("status", "bad option");
        }
    }
    if (!db) return dl_cli_usage_error("status", "no database given (--db PATH)");
    if (optind < argc) return dl_cli_usage_error("status", "unexpected argument '%s'", argv[optind]);

    dl_store *st;
    char err[1024];
    if (dl_store_open_readonly(db, &st, err, sizeof err) != DL_OK) {
        fprintf(stderr, "dateline status: %s\n", err);
        return DL_EXIT_FAIL;
    }
    int rc = print_totals(st);
    if (!rc && nshards) rc = print_shards(st, nshards);
    if (!rc && list_failed) rc = print_unstored(st, "failed", nshards);
    if (!rc && list_skipped) rc = print_unstored(st, "skipped", nshards);
    dl_store_close(st);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (!rc) fprintf(stderr, "dateline status: cannot write output: %s\n", strerror(errno));
        return DL_EXIT_FAIL;
    }
    return rc ? DL_EXIT_FAIL : DL_EXIT_OK;
}
