/*
 * server/server.h -- `dateline serve`: the HTTP API and the dashboard over one
 * store (docs/api.md).  server.c owns the libmicrohttpd daemon, the store
 * handles and the common headers; guard.c the limits one client must not
 * get past (rate, connections, the whole-request deadline); coder.c the
 * bounded queue that codes POSTed articles; routes.c maps method and path
 * to a handler and describes itself as OpenAPI 3; json.c builds replies.
 *
 * Threads: libmicrohttpd's pool (--threads) reads requests and runs the
 * handlers; a POST's coding is handed to the coder threads (--coders), so
 * reads never wait behind it.  Each thread takes its own store handle for
 * a request; the engine is shared read-only.
 */
#ifndef DL_SERVER_SERVER_H
#define DL_SERVER_SERVER_H

#include <stddef.h>

#include "core/strbuf.h"
#include "dateline.h"

/* What `dateline serve` was asked for; zero fields take the defaults. */
typedef struct {
    const char *db;          /* store URL (required) */
    const char *host;        /* address to bind: NULL is 127.0.0.1 */
    unsigned port;           /* 0: a free port chosen by the system */
    const char *token;       /* bearer token for writes; NULL or "": writes refused */
    const char *data_dir;    /* engine data (NULL: the default) */
    const char *const *dict_paths; /* users' TABARI/PETRARCH dictionaries, or NULL */
    int dict_only;           /* code with those alone (dl_engine_options) */
    size_t max_body;         /* request body limit in bytes (default 2 MiB) */
    unsigned rate;           /* requests per minute per client address (default 600) */
    unsigned timeout;        /* seconds a request may take, from its first byte (default 10) */
    unsigned threads;        /* request threads (default 4) */
    unsigned coders;         /* threads coding POSTed articles (default 2) */
    unsigned queue;          /* POSTs waiting for a coder before 503 (default 8) */
    unsigned max_connections;  /* open connections in all (default 256) */
    unsigned max_per_address;  /* open connections per client address (default 16) */
} dl_server_options;

enum {
    DL_SERVER_MAX_BODY = 2 * 1024 * 1024, DL_SERVER_RATE = 600, DL_SERVER_TIMEOUT = 10,
    DL_SERVER_THREADS = 4, DL_SERVER_CODERS = 2, DL_SERVER_QUEUE = 8,
    DL_SERVER_MAX_CONNECTIONS = 256, DL_SERVER_MAX_PER_ADDRESS = 16,
    DL_SERVER_STOP_GRACE = 5   /* seconds a stop waits for articles being coded */
};

/* Serves until SIGINT or SIGTERM, printing "listening on http://HOST:PORT/"
 * to stderr once the socket is bound.  Returns DL_OK after a clean stop, or
 * a negative code with a message in err. */
dl_status dl_server_run(const dl_server_options *opts, char *err, size_t errlen);

/* ---- internal: shared by server.c, routes.c and json.c ------------------ */

typedef struct dl__server dl__server;

/* One request as a handler sees it, and the reply it fills in. */
typedef struct {
    dl__server *srv;
    void *conn;              /* struct MHD_Connection * */
    const char *method;
    const char *path;
    const char *id;          /* the {id} segment of the route, else NULL */
    size_t id_len;
    const char *body;        /* the request body (POST), NUL-terminated */
    size_t body_len;
    double deadline;         /* monotonic seconds after which to give up */
    dl_store *store;         /* taken on the first dl__request_store(), given back after */
    void *deferred;          /* set by dl__request_defer: the reply comes later */
    /* the reply */
    unsigned status;
    dl_strbuf out;
    const char *content_type;
    const char *extra_header, *extra_value;  /* e.g. WWW-Authenticate */
    int cacheable;           /* static files: may be cached for a while */
} dl__request;

typedef void (*dl__handler)(dl__request *r);

typedef struct {
    const char *method;      /* "GET", "POST" */
    const char *path;        /* "/api/events", "/api/articles/{id}" */
    dl__handler handler;
    const char *summary;
} dl__route;

/* The API routes (not the dashboard's files), n in *n. */
const dl__route *dl__server_routes(size_t *n);

/* The OpenAPI 3 description of the routes, as JSON text; caller frees with
 * free().  NULL only when memory runs out. */
char *dl__server_openapi(void);

/* Finds the route for method and path.  Returns it, or NULL with *status
 * 404 (no such path) or 405 (path known, method not; *allow gets the
 * methods). */
const dl__route *dl__server_match(const char *method, const char *path, const char **id,
                                  size_t *id_len, unsigned *status, const char **allow);

/* Replies: a JSON document (text made by the caller, escaped here) or the
 * error object {"error":{"code":...,"message":...}}. */
void dl__reply_json(dl__request *r, unsigned status, const char *json);
void dl__reply_error(dl__request *r, unsigned status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Appends s as a JSON string (quoted, escaped; NULL gives null). */
void dl__json_str(dl_strbuf *b, const char *s);
/* Appends s[0..n) as a JSON string. */
void dl__json_strn(dl_strbuf *b, const char *s, size_t n);

/* The short error code for an HTTP status: "bad_request", "not_found"... */
const char *dl__status_code(unsigned status);

/* What the handlers need from the server. */
dl_store *dl__request_store(dl__request *r);      /* this thread's handle, for this request */
dl_engine *dl__server_engine(dl__server *srv);   /* NULL when writes are off */
struct dl_code_parts;   /* geo/geo.h */
struct dl_gazetteer;
/* The actor code parts and gazetteer of GDELT downloads (the engine's, or
 * the server's own when writes are off); either may be NULL. */
void dl__server_gdelt_tables(dl__server *srv, const struct dl_code_parts **parts,
                             const struct dl_gazetteer **gazetteer);
const char *dl__server_token(dl__server *srv);   /* NULL when writes are off */
const char *dl__request_arg(dl__request *r, const char *name);  /* query parameter */
const char *dl__request_header(dl__request *r, const char *name);
/* Non-zero when a query parameter other than those in names[] (NULL-ended)
 * was given; *bad gets its name. */
int dl__request_unknown_arg(dl__request *r, const char *const *names, const char **bad);

/* Hands the rest of the request to a coder thread: work(r, arg) runs there
 * with a copy of arg (argsize bytes) and fills in r's reply, which is sent
 * when it returns; the handler returns at once without a reply.  When the
 * coder queue is full the reply is 503 with Retry-After.  Returns 0 (after
 * a 503 reply) only when memory runs out. */
typedef void (*dl__work_fn)(dl__request *r, void *arg);
int dl__request_defer(dl__request *r, dl__work_fn work, const void *arg, size_t argsize);

/* Checks the bearer token of a write; replies 401 or 403 and returns 0 when
 * it is refused (routes.c). */
int dl__request_authorized(dl__request *r);

/* Monotonic time in seconds. */
double dl__server_now(void);

/* The dashboard's files (web/, embedded at build time): the bytes of path
 * ("/" is "/index.html"), or NULL.  *ctype gets the media type. */
const unsigned char *dl__web_file(const char *path, size_t *len, const char **ctype);

/* ---- internal: guard.c ---------------------------------------------------- */

typedef struct dl__guard dl__guard;

/* The rate limiter and the open connections; NULL when memory runs out. */
dl__guard *dl__guard_new(unsigned rate, unsigned timeout, unsigned max_connections,
                         unsigned max_per_address);
void dl__guard_free(dl__guard *g);
/* A connection's client address as text ("?" when unknown). */
enum { DL_ADDR_LEN = 48 };
void dl__guard_client_addr(void *conn, char out[DL_ADDR_LEN]);
/* Takes one request from addr's token bucket; 0 when it is empty. */
int dl__guard_rate_take(dl__guard *g, const char *addr);
/* libmicrohttpd's connection notifications, STARTED and CLOSED; *ctx is
 * the connection's socket context.  A new connection over a limit (in
 * all, or of its address) makes room by closing the connection that has
 * waited longest for its request (the one an attacker trickles), so that
 * new clients are served while the attack lasts. */
void dl__guard_open(dl__guard *g, void *conn, void **ctx);
void dl__guard_close(dl__guard *g, void **ctx);
/* The request on a connection is in a handler (busy) or is not: the
 * deadline does not run while the server works, and starts again for
 * sending the reply and then for the next request. */
void dl__guard_busy(dl__guard *g, void *ctx, int busy);
/* Closes every connection whose current phase (receiving a request, or
 * sending a reply) has lasted longer than the timeout, however it trickles
 * bytes.  Returns how many were closed. */
int dl__guard_sweep(dl__guard *g);

/* ---- internal: coder.c ------------------------------------------------------ */

typedef struct dl__coder dl__coder;

/* One piece of work for the coder threads, embedded first in the caller's
 * own job struct. */
typedef struct dl__job dl__job;
struct dl__job {
    void (*run)(dl__job *job);                  /* on a coder thread */
    void (*done)(dl__job *job, int cancelled);  /* after run, or instead of it at stop */
    dl__job *next;
};

/* Starts threads coder threads and a queue of up to queue waiting jobs;
 * NULL when they cannot be started. */
dl__coder *dl__coder_new(unsigned threads, unsigned queue);
/* Queues a job; 0 when the queue is full (or stopping). */
int dl__coder_submit(dl__coder *c, dl__job *job);
/* Stops taking jobs, calls done(job, 1) for the waiting ones, and waits up
 * to grace seconds for the running ones (an article cannot be stopped
 * half coded).  Returns 1 when none is left running.  NULL: 1. */
int dl__coder_stop(dl__coder *c, double grace);
/* Joins the threads (after dl__coder_stop returned 1) and frees.  NULL is
 * a no-op. */
void dl__coder_free(dl__coder *c);

#endif
