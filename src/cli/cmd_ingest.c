/*
 * cli/cmd_ingest.c -- `dateline ingest`: code articles with the whole
 * pipeline and store each one (one transaction per article) in a database.
 *
 * Three roles, in the manner of a pipeline with a bounded ring between them:
 *
 *   main thread   walks the inputs; skips an input whose raw hash the store
 *                 already records (a rerun after an interruption codes
 *                 nothing twice); copies the rest into the ring; and, as
 *                 the writer, stores coded articles in input order
 *   N workers     each take the next input from the ring and code it into
 *                 the slot's own dl_doc; the dl_engine is shared read-only
 *
 * The ring has 4 * N slots, each owning one dl_doc and one input's bytes,
 * so memory is bounded whatever the corpus size.  Storing in input order
 * makes the stored ids the same for any --jobs.  Articles already stored
 * are skipped; a failing article is reported and the run goes on.  Each
 * input that failed or was left out (not English, of no input kind, ...)
 * is recorded in the store's unstored_inputs, for `dateline status`; the
 * input's later storing deletes its row, and so does reading whole a file
 * that could not be read before.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/doc.h"
#include "store/store.h"

static const char usage[] =
    "usage: dateline ingest --db PATH|URL [options] ARTICLE|DIR|-...\n"
    "\n"
    "Codes each article (plain text, HTML, a JSON record, or JSON Lines with one\n"
    "record per line; directories are walked) and stores it with its actors,\n"
    "quotes and events in the database, creating the database when missing.\n"
    "An article already stored (same title and text, or same URL) is skipped;\n"
    "an input stored by an earlier run (same bytes) is skipped before coding,\n"
    "so a run interrupted at any point is resumed by running it again.\n"
    "Shows progress when stderr is a terminal; ends with a summary on stderr;\n"
    "exits 1 when any input failed.  The inputs that failed or were left out (not\n"
    "in English, of no input kind, ...) are recorded in the database for\n"
    "`dateline status`, until a rerun stores them.\n"
    "\n"
    "options:\n"
    "      --db PATH      the database: a file path, sqlite:PATH or postgresql://...\n"
    "                     (required)\n"
    "  -d, --date DATE    publication date (YYYY-MM-DD) for inputs that have none\n"
    "  -j, --jobs N       coding threads (default: the number of cores)\n"
    "      --batch N      commit after N articles (default 256) or a quarter of a\n"
    "                     second, whichever comes first\n"
    "      --shard I/N    code only shard I (0..N-1) of N: the inputs whose content\n"
    "                     hash is I modulo N, so that N processes (a Slurm job\n"
    "                     array) share a corpus exactly; see docs/scale.md\n"
    "      --data DIR     dictionaries and codebooks (default: the built-in data/)\n"
    DL_CLI_DICT_HELP
    DL_CLI_WALK_HELP
    "  -h, --help         show this help\n";

enum { SLOT_FREE, SLOT_QUEUED, SLOT_DONE };

/* One input on its way from the walker through a worker to the writer. */
typedef struct {
    int state;             /* SLOT_*; guarded by ingest.mu */
    dl_input in;           /* the input; its strings are owned copies */
    char hash[65];         /* dl__store_input_hash of the input */
    dl_doc *doc;           /* the slot's own document, reused */
    dl_status st;          /* what coding gave */
    long long nbytes;      /* input bytes, for the ETA */
} slot;

typedef struct {
    dl_engine *eng;        /* shared, read-only */
    dl_store *store;       /* main thread only */
    const char *date;
    int jobs;
    int batch;             /* articles per commit at most */
    dl_walk_options walk;
    dl_cli_shard shard;    /* count 0: every input */

    slot *slots;
    size_t cap;
    pthread_mutex_t mu;
    pthread_cond_t work;   /* a slot was queued, or stop */
    pthread_cond_t done;   /* a slot was coded */
    unsigned long long submitted, taken, stored_seq;   /* sequence numbers */
    int stop;

    /* counts, main thread only */
    long stored, dup, skipped, failed;
    long uncoded;          /* not English: counted, not stored */
    long other_shard;      /* inputs of the other shards: not coded */
    long events, quotes, actors;
    int oom;
    int broken;            /* the store takes no more writes (disk full...): stop */
    long lost;             /* articles coded but not stored after that */

    /* the open batch (dl__store_batch_begin): its counts join the ones
     * above when it commits */
    int in_batch;
    double batch_t0;
    long b_stored, b_dup, b_events, b_quotes, b_actors;

    /* the first 64 bits of the hashes of the failed inputs recorded before
     * this run, sorted: a file or directory the walk now reads whole drops
     * the row keyed by its name (dl_cli_unread_hash) when it is among them */
    unsigned long long *failed_before;
    size_t n_failed_before, cap_failed_before;

    /* progress on a terminal */
    int tty;
    double t0, last_draw;
    long long bytes_total;  /* -1 when unknown */
    long long bytes_done;
} ingest;

static double now_sec(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- workers -------------------------------------------------------------- */

static void code_slot(ingest *g, slot *s) {
    dl_doc_reset(s->doc);
    s->st = dl_cli_load(s->doc, &s->in, g->date);
    if (s->st == DL_OK) s->st = dl_doc_run(g->eng, s->doc);
}

/* Frees a slot's copy of its input. */
static void slot_clear(slot *s) {
    free((char *)s->in.name);
    free((char *)s->in.bytes);
    free((char *)s->in.url);
    free((char *)s->in.fetch_date);
    free((char *)s->in.content_type);
    memset(&s->in, 0, sizeof s->in);
}

static char *dup_opt(const char *s, int *oom) {
    char *d = s ? strdup(s) : NULL;
    if (s && !d) *oom = 1;
    return d;
}

/* Copies in into the slot; 0 when memory ran out. */
static int slot_fill(slot *s, const dl_input *in) {
    int oom = 0;
    char *bytes = malloc(in->len ? in->len : 1);
    if (bytes) memcpy(bytes, in->bytes, in->len);
    s->in.name = dup_opt(in->name, &oom);
    s->in.bytes = bytes;
    s->in.len = in->len;
    s->in.kind = in->kind;
    s->in.url = dup_opt(in->url, &oom);
    s->in.fetch_date = dup_opt(in->fetch_date, &oom);
    s->in.content_type = dup_opt(in->content_type, &oom);
    if (!oom && bytes) return 1;
    slot_clear(s);
    return 0;
}

static void *worker(void *arg) {
    ingest *g = arg;
    pthread_mutex_lock(&g->mu);
    for (;;) {
        while (!g->stop && g->taken == g->submitted) pthread_cond_wait(&g->work, &g->mu);
        if (g->taken == g->submitted) break;   /* stop, and nothing left */
        slot *s = &g->slots[g->taken++ % g->cap];
        pthread_mutex_unlock(&g->mu);
        code_slot(g, s);
        pthread_mutex_lock(&g->mu);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&g->done);
    }
    pthread_mutex_unlock(&g->mu);
    return NULL;
}

/* ---- progress ----------------------------------------------------------- */

static void fmt_duration(double sec, char *out, size_t n) {
    long s = sec < 0 ? 0 : (long)(sec + 0.5);
    if (s >= 3600) snprintf(out, n, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else snprintf(out, n, "%ld:%02ld", s / 60, s % 60);
}

/* Redraws the progress line at most four times a second (force: now). */
static void draw_progress(ingest *g, int force) {
    if (!g->tty) return;
    double t = now_sec();
    if (!force && t - g->last_draw < 0.25) return;
    g->last_draw = t;
    double el = t - g->t0;
    long done = g->stored + g->dup + g->skipped + g->failed + g->uncoded + g->b_stored + g->b_dup;
    char eta[64] = "";
    if (g->bytes_total > 0 && g->bytes_done > 0 && g->bytes_done <= g->bytes_total && el > 0) {
        char d[32];
        fmt_duration(el * (double)(g->bytes_total - g->bytes_done) / (double)g->bytes_done, d,
                     sizeof d);
        snprintf(eta, sizeof eta, ", %.0f%%, ETA %s",
                 100.0 * (double)g->bytes_done / (double)g->bytes_total, d);
    }
    fprintf(stderr, "\r\033[K%ld articles (%ld new, %ld already stored, %ld errors), %.0f/s%s",
            done, g->stored + g->b_stored, g->dup + g->b_dup + g->skipped, g->failed, el > 0 ? (double)done / el : 0.0,
            eta);
    fflush(stderr);
}

/* Clears the progress line before a message or the summary. */
static void clear_progress(ingest *g) {
    if (g->tty && g->last_draw > 0) fputs("\r\033[K", stderr);
}

/* The bytes under a path (regular files, directories walked); -1 when a
 * size cannot be known beforehand (stdin, gzip, a pipe, a symbolic link,
 * which the walk may not follow and which may loop). */
static long long size_of(const char *path, int depth) {
    struct stat st;
    if (strcmp(path, "-") == 0 || lstat(path, &st) != 0) return -1;
    if (S_ISREG(st.st_mode)) {
        size_t n = strlen(path);
        return n > 3 && strcmp(path + n - 3, ".gz") == 0 ? -1 : (long long)st.st_size;
    }
    if (!S_ISDIR(st.st_mode) || depth > 64) return -1;
    struct dirent **names;
    int n = scandir(path, &names, NULL, NULL);
    if (n < 0) return -1;
    long long total = 0;
    for (int i = 0; i < n; i++) {
        const char *d = names[i]->d_name;
        if (total >= 0 && d[0] != '.') {
            size_t len = strlen(path) + strlen(d) + 2;
            char *child = malloc(len);
            long long sub = -1;
            if (child) {
                snprintf(child, len, "%s/%s", path, d);
                sub = size_of(child, depth + 1);
                free(child);
            }
            total = sub < 0 ? -1 : total + sub;
        }
        free(names[i]);
    }
    free(names);
    return total;
}

/* ---- the writer (main thread) --------------------------------------------- */

/* A batch commits after this many articles (--batch) or this many seconds,
 * so a kill loses little work and other processes wait little for the lock. */
enum { BATCH_ARTICLES = 256 };
#define BATCH_SECONDS 0.25

/* After a failed write: when the store can take no more (disk full, file
 * size limit, I/O error), says so once and stops the run; the batches
 * committed before are kept. */
static void note_broken(ingest *g) {
    if (g->broken || !g->store->broken) return;
    g->broken = 1;
    clear_progress(g);
    fprintf(stderr, "dateline ingest: stopping: the database takes no more writes (%s); "
            "what was committed before is kept, and running the same command again resumes "
            "once there is room\n", dl_store_errmsg(g->store));
}

/* Commits the open batch and counts its articles (as failed when the
 * commit fails: none of them is stored). */
static void commit_batch(ingest *g) {
    long n = g->b_stored + g->b_dup;
    if (g->in_batch && dl__store_batch_commit(g->store) != DL_OK) {
        if (!g->store->broken) {   /* else note_broken says it, once */
            clear_progress(g);
            fprintf(stderr, "dateline: %s (%ld articles)\n", dl_store_errmsg(g->store), n);
        }
        g->failed += n;
        note_broken(g);
    } else {
        g->stored += g->b_stored;
        g->dup += g->b_dup;
        g->events += g->b_events;
        g->quotes += g->b_quotes;
        g->actors += g->b_actors;
    }
    g->in_batch = 0;
    g->b_stored = g->b_dup = g->b_events = g->b_quotes = g->b_actors = 0;
}

static int batch_due(const ingest *g) {
    return g->in_batch &&
           (g->b_stored + g->b_dup >= g->batch || now_sec() - g->batch_t0 >= BATCH_SECONDS);
}

/* ---- the failures of earlier runs ------------------------------------------ */

/* At most this many are kept (32 MiB); rows past it go when their input is
 * stored, as any other. */
#define MAX_FAILED_BEFORE "4194304"

static int cmp_u64(const void *a, const void *b) {
    unsigned long long x = *(const unsigned long long *)a, y = *(const unsigned long long *)b;
    return x < y ? -1 : x > y;
}

static int failed_row(const dl_store_value *cols, int ncol, void *ctx) {
    ingest *g = ctx;
    if (ncol < 1 || cols[0].type != DL_VAL_TEXT || strlen(cols[0].s) < 16) return 0;
    if (g->n_failed_before == g->cap_failed_before) {
        size_t cap = g->cap_failed_before ? 2 * g->cap_failed_before : 256;
        unsigned long long *v = realloc(g->failed_before, cap * sizeof *v);
        if (!v) return 1;   /* the rest go when stored */
        g->failed_before = v;
        g->cap_failed_before = cap;
    }
    g->failed_before[g->n_failed_before++] = dl_cli_hash64(cols[0].s);
    return 0;
}

/* Reads the failed inputs recorded before into g->failed_before. */
static void load_failed_before(ingest *g) {
    if (dl__store_select(g->store, "SELECT input_hash FROM unstored_inputs WHERE outcome = "
                         "'failed' LIMIT " MAX_FAILED_BEFORE, NULL, 0, failed_row, g) != DL_OK)
        fprintf(stderr, "dateline: %s\n", dl_store_errmsg(g->store));
    if (g->n_failed_before)
        qsort(g->failed_before, g->n_failed_before, sizeof *g->failed_before, cmp_u64);
}

/* ---- recording what is not stored ----------------------------------------- */

/* Records an input met and not stored (dl__store_put_unstored), so that
 * `dateline status` counts it; the input itself was reported already. */
static void record_unstored(ingest *g, const char *hash, const char *name, int failed,
                            const char *reason) {
    if (g->broken) return;
    if (dl__store_put_unstored(g->store, hash, name, failed, reason) == DL_OK) return;
    if (!g->store->broken) {   /* else note_broken says it, once */
        clear_progress(g);
        fprintf(stderr, "dateline: %s\n", dl_store_errmsg(g->store));
    }
    note_broken(g);
}

/* msg without a leading "name: ", which the unstored row has apart. */
static const char *without_name(const char *msg, const char *name) {
    size_t n = strlen(name);
    return strncmp(msg, name, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ' ? msg + n + 2 : msg;
}

/* The walker's report of an input it did not hand over (unreadable, of no
 * input kind, ...): it has no bytes to hash, so its row is keyed by its
 * name, and every task of a sharded run that meets it records the same
 * row. */
static void walk_not_read(const char *name, int failed, const char *reason, void *vctx) {
    ingest *g = vctx;
    char hash[65];
    dl_cli_unread_hash(name, hash);
    record_unstored(g, hash, name, failed, reason);
}

/* The walker's report of a file or directory read whole: a failure to read
 * it recorded before (a corrupt gzip since replaced, a WARC file unreadable
 * then) no longer holds, whichever shard its articles are in. */
static void walk_read_ok(const char *path, void *vctx) {
    ingest *g = vctx;
    if (!g->n_failed_before || g->broken) return;
    char hash[65];
    dl_cli_unread_hash(path, hash);
    unsigned long long key = dl_cli_hash64(hash);
    if (!bsearch(&key, g->failed_before, g->n_failed_before, sizeof key, cmp_u64)) return;
    if (dl__store_drop_unstored(g->store, hash) == DL_OK) return;
    if (!g->store->broken) {
        clear_progress(g);
        fprintf(stderr, "dateline: %s\n", dl_store_errmsg(g->store));
    }
    note_broken(g);
}

static void begin_batch(ingest *g) {
    if (!g->in_batch && dl__store_batch_begin(g->store) == DL_OK) {
        g->in_batch = 1;
        g->batch_t0 = now_sec();
    }
}

static void store_slot(ingest *g, slot *s) {
    if (g->broken) {   /* coded before the store broke: not stored, not reported one by one */
        g->lost++;
        return;
    }
    begin_batch(g);   /* the input's rows, stored or unstored, join the batch */
    if (s->st != DL_OK) {
        const char *msg = dl_doc_error(s->doc);
        clear_progress(g);
        if (msg) fprintf(stderr, "dateline: %s\n", msg);
        else fprintf(stderr, "dateline: %s: %s\n", s->in.name, dl_strerror(s->st));
        g->failed++;
        record_unstored(g, s->hash, s->in.name, 1,
                        msg ? without_name(msg, s->in.name) : dl_strerror(s->st));
        return;
    }
    const char *lang = dl_cli_uncoded_language(s->doc);
    if (lang) {   /* not English: not coded, not stored */
        char why[96];
        snprintf(why, sizeof why, "not in English (%.60s)", lang);
        g->uncoded++;
        record_unstored(g, s->hash, s->in.name, 0, why);
        return;
    }
    int was_new = 0;
    if (dl__store_put_input(g->store, s->doc, s->hash, &was_new) != DL_OK) {
        if (g->store->broken) {
            g->lost++;
            if (g->in_batch) commit_batch(g);   /* the batch so far, if there is room */
            note_broken(g);
            return;
        }
        clear_progress(g);
        fprintf(stderr, "dateline: %s\n", dl_store_errmsg(g->store));
        g->failed++;
        char why[1024];   /* a copy: recording clears the store's message */
        snprintf(why, sizeof why, "%s", dl_store_errmsg(g->store));
        record_unstored(g, s->hash, s->in.name, 1, why);
        return;
    }
    if (!was_new) {
        g->b_dup++;
    } else {
        g->b_stored++;
        g->b_events += (long)s->doc->events.n;
        g->b_quotes += (long)s->doc->quotes.n;
        g->b_actors += (long)s->doc->actors.n;
    }
    if (!g->in_batch) commit_batch(g);   /* no batch: the put was its own transaction */
}

/* Stores the next slot in input order; waits for its worker when block.
 * Returns 1 when a slot was stored. */
static int store_next(ingest *g, int block) {
    pthread_mutex_lock(&g->mu);
    if (g->stored_seq == g->submitted) {
        pthread_mutex_unlock(&g->mu);
        return 0;
    }
    slot *s = &g->slots[g->stored_seq % g->cap];
    while (block && s->state != SLOT_DONE) {
        if (!g->in_batch) {
            pthread_cond_wait(&g->done, &g->mu);
            continue;
        }
        /* waiting for a worker: the open batch commits when it is due */
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 50 * 1000 * 1000;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&g->done, &g->mu, &until);
        if (s->state != SLOT_DONE && batch_due(g)) {
            pthread_mutex_unlock(&g->mu);
            commit_batch(g);
            pthread_mutex_lock(&g->mu);
        }
    }
    int ready = s->state == SLOT_DONE;
    pthread_mutex_unlock(&g->mu);
    if (!ready) return 0;
    store_slot(g, s);
    g->bytes_done += s->nbytes;
    if (batch_due(g)) commit_batch(g);
    slot_clear(s);
    pthread_mutex_lock(&g->mu);
    s->state = SLOT_FREE;
    g->stored_seq++;
    pthread_mutex_unlock(&g->mu);
    draw_progress(g, 0);
    return 1;
}

/* The walker's callback: skip, or queue for coding. */
static int submit(const dl_input *in, void *vctx) {
    ingest *g = vctx;
    long long nbytes = (long long)in->len + 1;   /* counted for the ETA once stored */
    char hash[65];
    int found = 0;
    dl_cli_input_hash(in, g->date, hash);
    if (g->shard.count && dl_cli_shard_of(hash, g->shard.count) != g->shard.index) {
        g->bytes_done += nbytes;
        g->other_shard++;
        return 0;
    }
    if (dl__store_has_input(g->store, hash, &found) != DL_OK) {
        clear_progress(g);
        fprintf(stderr, "dateline: %s\n", dl_store_errmsg(g->store));
        found = 0;   /* code it; put will tell whether it is stored */
    }
    if (found) {
        g->bytes_done += nbytes;
        g->skipped++;
        draw_progress(g, 0);
        return 0;
    }
    /* a free slot: the oldest one is stored when the ring is full */
    while (g->submitted - g->stored_seq >= g->cap) store_next(g, 1);
    slot *s = &g->slots[g->submitted % g->cap];
    if (!slot_fill(s, in)) {
        g->oom = 1;
        return 1;
    }
    memcpy(s->hash, hash, sizeof hash);
    s->nbytes = nbytes;
    pthread_mutex_lock(&g->mu);
    s->state = SLOT_QUEUED;
    g->submitted++;
    pthread_cond_signal(&g->work);
    pthread_mutex_unlock(&g->mu);
    while (store_next(g, 0)) {}
    return g->broken;
}

/* Before a read that may block (a FIFO, stdin): everything queued so far
 * is coded, stored and committed, so that what was read is in the store
 * for as long as the read waits. */
static void finish_stored(void *vctx) {
    ingest *g = vctx;
    while (store_next(g, 1)) {}
    commit_batch(g);
}

/* ---- the command ------------------------------------------------------- */

static int default_jobs(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

/* Codes and stores every input with g->jobs workers; 0 when the threads
 * could not be started. */
static int run_pipeline(ingest *g, char **paths, int npaths, int *walk_failed) {
    g->cap = (size_t)g->jobs * 4;
    g->slots = calloc(g->cap, sizeof *g->slots);
    pthread_t *threads = calloc((size_t)g->jobs, sizeof *threads);
    int ok = g->slots && threads;
    for (size_t i = 0; ok && i < g->cap; i++) ok = (g->slots[i].doc = dl_doc_new()) != NULL;
    pthread_mutex_init(&g->mu, NULL);
    pthread_cond_init(&g->work, NULL);
    pthread_cond_init(&g->done, NULL);
    int started = 0;
    for (; ok && started < g->jobs; started++)
        if (pthread_create(&threads[started], NULL, worker, g) != 0) break;
    g->walk.before_stream = finish_stored;
    g->walk.not_read = walk_not_read;
    g->walk.read_ok = walk_read_ok;
    if (ok && started > 0) dl_inputs_walk(&g->walk, paths, npaths, submit, g, walk_failed);
    while (store_next(g, 1)) {}
    commit_batch(g);
    pthread_mutex_lock(&g->mu);
    g->stop = 1;
    pthread_cond_broadcast(&g->work);
    pthread_mutex_unlock(&g->mu);
    for (int i = 0; i < started; i++) pthread_join(threads[i], NULL);
    pthread_cond_destroy(&g->done);
    pthread_cond_destroy(&g->work);
    pthread_mutex_destroy(&g->mu);
    for (size_t i = 0; g->slots && i < g->cap; i++) {
        dl_doc_free(g->slots[i].doc);
        slot_clear(&g->slots[i]);
    }
    free(g->slots);
    free(threads);
    return ok && started > 0;
}

/* The whole of s as a number from 1 to max, else -1. */
static int count_arg(const char *s, long max) {
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    return errno || *end || end == s || n < 1 || n > max ? -1 : (int)n;
}

int cmd_ingest(int argc, char **argv) {
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'b'},   {"date", required_argument, NULL, 'd'},
        {"data", required_argument, NULL, 'D'}, {"jobs", required_argument, NULL, 'j'},
        {"dict", required_argument, NULL, 'P'}, {"dict-only", no_argument, NULL, 'O'},
        {"help", no_argument, NULL, 'h'},       {"shard", required_argument, NULL, 'S'},
        {"batch", required_argument, NULL, 'B'}, DL_CLI_WALK_LONGOPTS,
        {NULL, 0, NULL, 0}};
    ingest g = {0};
    dl_cli_dicts dicts = {0};
    dl_engine_options opts = {0};
    const char *db = NULL;
    int ch;
    g.jobs = default_jobs();
    g.batch = BATCH_ARTICLES;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "d:j:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'b': db = optarg; break;
        case 'd':
            if (dl_cli_date_arg("ingest", optarg, &g.date) != DL_EXIT_OK) return DL_EXIT_USAGE;
            break;
        case 'j':
            if ((g.jobs = count_arg(optarg, 256)) < 0)
                return dl_cli_usage_error("ingest", "--jobs '%s' is not a number from 1 to 256", optarg);
            break;
        case 'B':
            if ((g.batch = count_arg(optarg, 100000)) < 0)
                return dl_cli_usage_error("ingest", "--batch '%s' is not a number from 1 to 100000", optarg);
            break;
        case 'S':
            if (dl_cli_shard_arg("ingest", optarg, &g.shard) != DL_EXIT_OK) return DL_EXIT_USAGE;
            break;
        case 'D': opts.data_dir = optarg; break;
        case 'O': dicts.only = 1; break;
        case 'P':
            if (dl_cli_add_dict(&dicts, "ingest", optarg) != DL_EXIT_OK) return DL_EXIT_USAGE;
            break;
        case DL_CLI_OPT_MAX_INPUT:
        case DL_CLI_OPT_FOLLOW_LINKS:
            if (dl_cli_walk_option(&g.walk, "ingest", ch, optarg) != DL_EXIT_OK)
                return DL_EXIT_USAGE;
            break;
        case 'h': fputs(usage, stdout); return DL_EXIT_OK;
        default: return dl_cli_usage_error("ingest", "bad option");
        }
    }
    if (!db) return dl_cli_usage_error("ingest", "no database given (--db PATH)");
    if (optind >= argc) return dl_cli_usage_error("ingest", "no article given (use - for stdin)");

    char err[1024];
    dl_status st = dl_store_open(db, &g.store, err, sizeof err);
    if (st != DL_OK) {
        fprintf(stderr, "dateline ingest: %s\n", err[0] ? err : dl_strerror(st));
        return DL_EXIT_FAIL;
    }
    load_failed_before(&g);
    dl_cli_dict_options(&dicts, &opts);
    if ((st = dl_engine_open(&opts, &g.eng, err, sizeof err)) != DL_OK) {
        fprintf(stderr, "dateline ingest: %s\n", err[0] ? err : dl_strerror(st));
        dl_store_close(g.store);
        free(g.failed_before);
        return DL_EXIT_FAIL;
    }
    dl_cli_dict_warnings("ingest", g.eng);
    /* libraries with lazy global set-up do it here, before any thread */
    xmlInitParser();
    json_object_seed(0);

    g.t0 = now_sec();
    g.tty = isatty(2);
    g.bytes_total = g.tty ? 0 : -1;
    for (int i = optind; g.bytes_total >= 0 && i < argc; i++) {
        long long n = size_of(argv[i], 0);
        g.bytes_total = n < 0 ? -1 : g.bytes_total + n;
    }
    int walk_failed = 0;
    if (!run_pipeline(&g, argv + optind, argc - optind, &walk_failed)) g.oom = 1;
    if (g.oom) fprintf(stderr, "dateline ingest: out of memory\n");
    g.failed += walk_failed + g.lost;
    double el = now_sec() - g.t0;
    long total = g.stored + g.dup + g.skipped + g.failed + g.uncoded;
    if (g.tty) {
        draw_progress(&g, 1);
        fputc('\n', stderr);
    }
    fprintf(stderr, "ingested %ld articles (%ld already stored, %ld failed): %ld events, "
            "%ld quotes, %ld actors; %ld stored inputs skipped before coding; %ld not in "
            "English, skipped; %.1f s, %.0f inputs/s, %d jobs\n", g.stored, g.dup + g.skipped,
            g.failed, g.events, g.quotes, g.actors, g.skipped, g.uncoded, el,
            el > 0 ? (double)total / el : 0.0, g.jobs);
    if (g.shard.count)
        fprintf(stderr, "shard %u/%u: %ld inputs of the other shards left out\n", g.shard.index,
                g.shard.count, g.other_shard);
    dl_engine_close(g.eng);
    dl_store_close(g.store);
    free(g.failed_before);
    return (g.failed || g.oom || g.broken) ? DL_EXIT_FAIL : DL_EXIT_OK;
}
