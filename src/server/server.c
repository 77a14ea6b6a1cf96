/*
 * server/server.c -- the libmicrohttpd daemon behind `dateline serve`.  A
 * pool of request threads (--threads) serves the connections; per request:
 *
 *     rate limit (per client address)  -> 429                (guard.c)
 *     body size (Content-Length), token of a write  -> 413, 401, 403
 *     route: /api/... to routes.c, anything else to the dashboard's files
 *     a POST's coding goes to the coder queue (coder.c), the connection
 *       suspended until it is done  -> 503 with Retry-After when full
 *     reply with the common headers (CSP, nosniff, no-store for the API)
 *
 * Connections are limited in all and per address (libmicrohttpd), and each
 * phase of a request has --timeout seconds however slowly it trickles
 * (guard.c, swept by the main thread).  Each thread takes a store handle
 * of its own for a request: SQLite in WAL mode reads on all of them at once.
 */
#include <arpa/inet.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "core/utf8.h"
#include "geo/geo.h"
#include "server/server.h"
#include "store/store.h"

/* The Content-Security-Policy of API replies (JSON: nothing may load) and of
 * the dashboard (its own scripts, styles and API only).  The one hash is the
 * rule Cytoscape.js inserts as a <style> element,
 * ".__________cytoscape_container { position: relative; }". */
static const char csp_api[] = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
static const char csp_web[] =
    "default-src 'none'; script-src 'self'; "
    "style-src 'self' 'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'";

struct dl__server {
    dl_server_options opts;
    struct MHD_Daemon *daemon;
    dl_engine *eng;           /* loaded when writes are on */
    /* the tables GDELT downloads read when there is no engine (writes off) */
    struct dl_code_parts *code_parts;
    struct dl_gazetteer *gazetteer;
    dl__guard *guard;
    dl__coder *coder;         /* codes POSTed articles; NULL when writes are off */
    /* store handles, one per thread that may hold one at a time */
    pthread_mutex_t store_mu;
    pthread_cond_t store_freed;
    dl_store **stores;
    unsigned char *store_busy;
    unsigned nstores;
};

/* A request handed to the coder threads (dl__request_defer). */
typedef struct {
    dl__job job;              /* first: what coder.c sees */
    dl__server *srv;
    struct MHD_Connection *conn;
    dl__request r;            /* the request; work() fills in its reply */
    dl__work_fn work;
    double queued;            /* when it was queued */
    int rejected;             /* the queue was full */
    int cancelled;            /* the server stopped before a coder took it */
    max_align_t arg[];        /* the work's argument */
} deferred;

/* Per-connection state between libmicrohttpd's calls for one request. */
typedef struct {
    dl_strbuf body;
    int too_big;
    deferred *job;            /* handed to the coders, until its reply is sent */
} conn_state;

double dl__server_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

dl_engine *dl__server_engine(dl__server *srv) { return srv->eng; }

void dl__server_gdelt_tables(dl__server *srv, const struct dl_code_parts **parts,
                             const struct dl_gazetteer **gazetteer) {
    *parts = srv->eng ? srv->eng->code_parts : srv->code_parts;
    *gazetteer = srv->eng ? srv->eng->gazetteer : srv->gazetteer;
}

/* ---- store handles ----------------------------------------------------------- */

dl_store *dl__request_store(dl__request *r) {
    if (r->store) return r->store;
    dl__server *srv = r->srv;
    pthread_mutex_lock(&srv->store_mu);
    for (;;) {
        for (unsigned i = 0; i < srv->nstores && !r->store; i++)
            if (!srv->store_busy[i]) {
                srv->store_busy[i] = 1;
                r->store = srv->stores[i];
            }
        if (r->store) break;
        /* only when there are fewer handles than threads (":memory:") */
        pthread_cond_wait(&srv->store_freed, &srv->store_mu);
    }
    pthread_mutex_unlock(&srv->store_mu);
    return r->store;
}

static void request_release_store(dl__request *r) {
    if (!r->store) return;
    dl__server *srv = r->srv;
    pthread_mutex_lock(&srv->store_mu);
    for (unsigned i = 0; i < srv->nstores; i++)
        if (srv->stores[i] == r->store) srv->store_busy[i] = 0;
    pthread_cond_signal(&srv->store_freed);
    pthread_mutex_unlock(&srv->store_mu);
    r->store = NULL;
}

const char *dl__server_token(dl__server *srv) {
    return srv->opts.token && *srv->opts.token ? srv->opts.token : NULL;
}

const char *dl__request_arg(dl__request *r, const char *name) {
    const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
    return v && *v ? v : NULL;   /* an empty parameter means "any" */
}

const char *dl__request_header(dl__request *r, const char *name) {
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

typedef struct {
    const char *const *names;
    const char *bad;
} arg_check;

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value) {
    (void)kind;
    (void)value;
    arg_check *c = cls;
    for (const char *const *n = c->names; *n; n++)
        if (!strcmp(key, *n)) return MHD_YES;
    c->bad = key;
    return MHD_NO;
}

int dl__request_unknown_arg(dl__request *r, const char *const *names, const char **bad) {
    arg_check c = {names, NULL};
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, check_arg, &c);
    *bad = c.bad;
    return c.bad != NULL;
}

/* Non-zero when every query parameter (name and value) is valid UTF-8. */
static enum MHD_Result utf8_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *value) {
    (void)kind;
    int *ok = cls;
    dl_strbuf tmp;
    dl_strbuf_init(&tmp);
    if (dl_utf8_repair(key, strlen(key), &tmp, NULL) ||
        (value && dl_utf8_repair(value, strlen(value), &tmp, NULL)))
        *ok = 0;
    dl_strbuf_release(&tmp);
    return *ok ? MHD_YES : MHD_NO;
}

/* ---- rate limit ------------------------------------------------------------ */


/* ---- replies ------------------------------------------------------------- */

static enum MHD_Result send_reply(struct MHD_Connection *conn, dl__request *r, int api) {
    if (r->out.oom) {
        dl_strbuf_release(&r->out);
        dl_strbuf_init(&r->out);
        dl__reply_error(r, 503, NULL, "out of memory");
    }
    size_t len = r->out.len;
    char *bytes = dl_strbuf_detach(&r->out);
    struct MHD_Response *resp =
        bytes ? MHD_create_response_from_buffer(len, bytes, MHD_RESPMEM_MUST_FREE)
              : MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!resp) {
        free(bytes);
        return MHD_NO;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                            r->content_type ? r->content_type : "application/json");
    MHD_add_response_header(resp, "Content-Security-Policy", api ? csp_api : csp_web);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
                            r->cacheable ? "public, max-age=300" : "no-store");
    if (r->extra_header) MHD_add_response_header(resp, r->extra_header, r->extra_value);
    enum MHD_Result ret = MHD_queue_response(conn, r->status ? r->status : 500, resp);
    MHD_destroy_response(resp);
    return ret;
}

static void request_init(dl__request *r, dl__server *srv, struct MHD_Connection *conn,
                         const char *method, const char *url) {
    memset(r, 0, sizeof *r);
    r->srv = srv;
    r->conn = conn;
    r->method = method;
    r->path = url;
    r->deadline = dl__server_now() + srv->opts.timeout;
    dl_strbuf_init(&r->out);
}

/* The dashboard: GET or HEAD of an embedded file. */
static void serve_file(dl__request *r) {
    if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD")) {
        r->extra_header = "Allow";
        r->extra_value = "GET, HEAD";
        dl__reply_error(r, 405, NULL, "method %s is not allowed here", r->method);
        return;
    }
    size_t len;
    const char *ctype;
    const unsigned char *bytes = dl__web_file(r->path, &len, &ctype);
    if (!bytes) {
        dl__reply_error(r, 404, NULL, "no page at this address");
        return;
    }
    r->status = 200;
    r->content_type = ctype;
    r->cacheable = strcmp(r->path, "/") && strcmp(r->path, "/index.html");
    dl_strbuf_add(&r->out, (const char *)bytes, len);
}

static void serve_api(dl__request *r) {
    const char *allow = NULL;
    unsigned status = 0;
    const char *method = strcmp(r->method, "HEAD") ? r->method : "GET";
    const dl__route *rt = dl__server_match(method, r->path, &r->id, &r->id_len, &status, &allow);
    if (!rt) {
        if (status == 405) {
            r->extra_header = "Allow";
            r->extra_value = allow;
            dl__reply_error(r, 405, NULL, "method %s is not allowed on this path", r->method);
        } else {
            dl__reply_error(r, 404, NULL, "no API endpoint at this path (see /api/openapi.json)");
        }
        return;
    }
    int ok = 1;
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, utf8_arg, &ok);
    if (!ok) {
        dl__reply_error(r, 400, NULL, "a query parameter is not valid UTF-8");
        return;
    }
    rt->handler(r);
    if (!r->status && !r->deferred) dl__reply_error(r, 500, NULL, "the handler gave no reply");
}

static int is_api(const char *url) {
    return !strcmp(url, "/api") || !strncmp(url, "/api/", 5);
}

/* ---- deferred work: the coder queue ---------------------------------------------- */

static void deferred_run(dl__job *job) {
    deferred *d = (deferred *)job;
    if (dl__server_now() - d->queued > d->srv->opts.timeout) {
        /* its client has waited the whole time limit: say so, code nothing */
        d->r.extra_header = "Retry-After";
        d->r.extra_value = "5";
        dl__reply_error(&d->r, 503, "busy", "the server was too busy to code the article in time");
    } else {
        d->work(&d->r, d->arg);
        if (!d->r.status) dl__reply_error(&d->r, 500, NULL, "the handler gave no reply");
    }
    request_release_store(&d->r);
}

/* On a coder thread (or at stop): the reply is ready; libmicrohttpd calls
 * on_request again for the connection, which sends it. */
static void deferred_done(dl__job *job, int cancelled) {
    deferred *d = (deferred *)job;
    d->cancelled = cancelled;
    MHD_resume_connection(d->conn);
}

int dl__request_defer(dl__request *r, dl__work_fn work, const void *arg, size_t argsize) {
    deferred *d = calloc(1, sizeof *d + argsize);
    if (!d) {
        dl__reply_error(r, 503, NULL, "out of memory");
        return 0;
    }
    d->job.run = deferred_run;
    d->job.done = deferred_done;
    d->srv = r->srv;
    d->conn = r->conn;
    d->r = *r;
    d->r.store = NULL;
    dl_strbuf_init(&d->r.out);
    d->work = work;
    if (argsize) memcpy(d->arg, arg, argsize);
    r->deferred = d;
    return 1;
}

/* Suspends the connection and queues its job (in that order, so that the
 * coder's resume always finds it suspended).  A full queue resumes it at
 * once, to answer 503. */
static void defer_start(dl__server *srv, struct MHD_Connection *conn, conn_state *cs,
                        deferred *d) {
    cs->job = d;
    d->queued = dl__server_now();
    MHD_suspend_connection(conn);
    if (!srv->coder || !dl__coder_submit(srv->coder, &d->job)) {
        d->rejected = 1;
        MHD_resume_connection(conn);
    }
}

/* The resumed call: sends the job's reply (or the 503 of a full queue). */
static enum MHD_Result defer_finish(struct MHD_Connection *conn, conn_state *cs) {
    deferred *d = cs->job;
    cs->job = NULL;
    if (d->rejected || d->cancelled) {
        dl_strbuf_release(&d->r.out);
        dl_strbuf_init(&d->r.out);
        d->r.extra_header = "Retry-After";
        d->r.extra_value = "5";
        if (d->rejected)
            dl__reply_error(&d->r, 503, "busy", "every coder is busy and the queue is full "
                            "(%u waiting); try again shortly", d->srv->opts.queue);
        else dl__reply_error(&d->r, 503, "stopping", "the server is stopping");
    }
    enum MHD_Result ret = send_reply(conn, &d->r, 1);
    dl_strbuf_release(&d->r.out);
    free(d);
    return ret;
}

/* ---- requests -------------------------------------------------------------------- */

static void *conn_guard_ctx(struct MHD_Connection *conn) {
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

/* The first call, with the headers only: what can be refused before the
 * body is read.  Returns 1 when it replied. */
static int refuse_early(dl__server *srv, struct MHD_Connection *conn, const char *url,
                        const char *method, enum MHD_Result *ret) {
    dl__request r;
    char addr[DL_ADDR_LEN];
    dl__guard_client_addr(conn, addr);
    request_init(&r, srv, conn, method, url);
    if (!dl__guard_rate_take(srv->guard, addr)) {
        r.extra_header = "Retry-After";
        r.extra_value = "60";
        dl__reply_error(&r, 429, NULL, "too many requests from %s (limit %u per minute)", addr,
                        srv->opts.rate);
    } else {
        const char *cl =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > srv->opts.max_body) {
            dl__reply_error(&r, 413, NULL, "the request body is larger than %zu bytes",
                            srv->opts.max_body);
        } else if (is_api(url) && strcmp(method, "GET") && strcmp(method, "HEAD")) {
            /* a write: its token is checked before its body is read */
            const char *allow, *id;
            size_t id_len;
            unsigned status;
            const dl__route *rt = dl__server_match(method, url, &id, &id_len, &status, &allow);
            if (rt && !strcmp(rt->method, "POST")) dl__request_authorized(&r);
        }
    }
    if (!r.status) {
        dl_strbuf_release(&r.out);
        return 0;
    }
    *ret = send_reply(conn, &r, 1);
    return 1;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
    (void)version;
    dl__server *srv = cls;
    conn_state *cs = *con_cls;
    enum MHD_Result ret;
    if (!cs) {
        cs = calloc(1, sizeof *cs);
        if (!cs) return MHD_NO;
        dl_strbuf_init(&cs->body);
        *con_cls = cs;
        return refuse_early(srv, conn, url, method, &ret) ? ret : MHD_YES;
    }
    if (cs->job) {
        ret = defer_finish(conn, cs);
        dl__guard_busy(srv->guard, conn_guard_ctx(conn), 0);
        return ret;
    }
    if (*upload_data_size) {
        if (!cs->too_big && cs->body.len + *upload_data_size > srv->opts.max_body)
            cs->too_big = 1;
        if (!cs->too_big) dl_strbuf_add(&cs->body, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    dl__request r;
    request_init(&r, srv, conn, method, url);
    if (cs->too_big) {
        dl__reply_error(&r, 413, NULL, "the request body is larger than %zu bytes",
                        srv->opts.max_body);
        return send_reply(conn, &r, 1);
    }
    if (cs->body.oom) {
        dl__reply_error(&r, 503, NULL, "out of memory");
        return send_reply(conn, &r, 1);
    }
    r.body = cs->body.s ? cs->body.s : "";
    r.body_len = cs->body.len;
    void *gctx = conn_guard_ctx(conn);
    dl__guard_busy(srv->guard, gctx, 1);
    int api = is_api(url);
    if (api) serve_api(&r);
    else serve_file(&r);
    request_release_store(&r);
    if (r.deferred) {
        dl_strbuf_release(&r.out);
        defer_start(srv, conn, cs, r.deferred);
        return MHD_YES;
    }
    ret = send_reply(conn, &r, api);
    dl__guard_busy(srv->guard, gctx, 0);
    return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
    (void)toe;
    dl__server *srv = cls;
    dl__guard_busy(srv->guard, conn_guard_ctx(conn), 0);   /* the next request's time starts */
    conn_state *cs = *con_cls;
    if (!cs) return;
    dl_strbuf_release(&cs->body);
    if (cs->job) {   /* resumed, but the connection died before its reply went */
        dl_strbuf_release(&cs->job->r.out);
        free(cs->job);
    }
    free(cs);
    *con_cls = NULL;
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe) {
    dl__server *srv = cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) dl__guard_open(srv->guard, conn, socket_context);
    else dl__guard_close(srv->guard, socket_context);
}

/* ---- running ------------------------------------------------------------- */

static int ignore_row(const dl_store_value *cols, int ncol, void *ctx) {
    (void)cols;
    (void)ncol;
    (void)ctx;
    return 0;
}

/* The time limit for each statement where the store can enforce one:
 * PostgreSQL's statement_timeout (a slower statement fails and the request
 * answers 500 with the server's message).  SQLite has no such setting; the
 * statement fails there and is ignored, and handlers check r->deadline per
 * row instead. */
static void limit_statements(dl__server *srv, dl_store *store) {
    char ms[32];
    snprintf(ms, sizeof ms, "%u", srv->opts.timeout * 1000u);
    dl_store_value v = {.type = DL_VAL_TEXT, .s = ms};
    dl__store_select(store, "SELECT set_config('statement_timeout', ?, false)", &v, 1,
                     ignore_row, NULL);
}

static void options_defaults(dl_server_options *o) {
    if (!o->host) o->host = "127.0.0.1";
    if (!o->max_body) o->max_body = DL_SERVER_MAX_BODY;
    if (!o->timeout) o->timeout = DL_SERVER_TIMEOUT;
    if (!o->threads) o->threads = DL_SERVER_THREADS;
    if (!o->coders) o->coders = DL_SERVER_CODERS;
    if (!o->queue) o->queue = DL_SERVER_QUEUE;
    if (!o->max_connections) o->max_connections = DL_SERVER_MAX_CONNECTIONS;
    if (!o->max_per_address) o->max_per_address = DL_SERVER_MAX_PER_ADDRESS;
    if (o->max_connections < o->threads) o->max_connections = o->threads;
}

/* Opens the store handles: one per request thread and coder, or one only
 * for an in-memory database (each handle would be a database of its own).
 * Without a token the server never writes, so the store is opened
 * read-only: a read-only file or mount serves as well as any. */
static dl_status open_stores(dl__server *srv, char *err, size_t errlen) {
    int writes = dl__server_token(srv) != NULL;
    unsigned n = srv->opts.threads + (writes ? srv->opts.coders : 0);
    if (!strcmp(srv->opts.db, ":memory:") || !strcmp(srv->opts.db, "sqlite::memory:")) n = 1;
    srv->stores = calloc(n, sizeof *srv->stores);
    srv->store_busy = calloc(n, 1);
    if (!srv->stores || !srv->store_busy) {
        snprintf(err, errlen, "out of memory");
        return DL_ERR_NOMEM;
    }
    for (; srv->nstores < n; srv->nstores++) {
        dl_store **st = &srv->stores[srv->nstores];
        dl_status rc = writes ? dl_store_open(srv->opts.db, st, err, errlen)
                              : dl_store_open_readonly(srv->opts.db, st, err, errlen);
        if (rc != DL_OK) return rc;
        limit_statements(srv, *st);
    }
    return DL_OK;
}

static void server_free(dl__server *srv) {
    dl__coder_stop(srv->coder, 0);
    dl__coder_free(srv->coder);
    if (srv->daemon) MHD_stop_daemon(srv->daemon);
    dl__guard_free(srv->guard);
    dl_engine_close(srv->eng);
    dl_code_parts_free(srv->code_parts);
    dl_gazetteer_free(srv->gazetteer);
    for (unsigned i = 0; i < srv->nstores; i++) dl_store_close(srv->stores[i]);
    free(srv->stores);
    free(srv->store_busy);
    pthread_cond_destroy(&srv->store_freed);
    pthread_mutex_destroy(&srv->store_mu);
    free(srv);
}

static struct MHD_Daemon *start_daemon(dl__server *srv, struct sockaddr_in *sin) {
    return MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_ALLOW_SUSPEND_RESUME, 0, NULL, NULL,
        on_request, srv,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)sin,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)srv->opts.threads,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)srv->opts.timeout,
        /* Hard caps, only to bound memory: guard.c keeps to the limits by
         * closing the stalest connection as a new one opens.  A closed
         * connection counts here until its pool thread reaps it, which can
         * lag on a loaded machine, so the per-address cap is as high as the
         * global one: a lower one refused fresh clients of an address whose
         * attackers had been closed but not yet reaped. */
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)(srv->opts.max_connections + srv->opts.max_per_address),
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)(srv->opts.max_connections + srv->opts.max_per_address),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, srv,
        MHD_OPTION_END);
}

/* Until SIGINT or SIGTERM: every quarter of a second, connections past the
 * time limit are closed. */
static int wait_for_signal(dl__server *srv, const sigset_t *sigs) {
    for (;;) {
        struct timespec tick = {0, 250 * 1000 * 1000};
        int sig = sigtimedwait(sigs, NULL, &tick);
        if (sig > 0) return sig;
        dl__guard_sweep(srv->guard);
    }
}

dl_status dl_server_run(const dl_server_options *opts, char *err, size_t errlen) {
    char dummy[8];
    if (!err || !errlen) { err = dummy; errlen = sizeof dummy; }
    err[0] = '\0';
    if (!opts || !opts->db) {
        snprintf(err, errlen, "no database given");
        return DL_ERR_USAGE;
    }
    dl__server *srv = calloc(1, sizeof *srv);
    if (!srv) {
        snprintf(err, errlen, "out of memory");
        return DL_ERR_NOMEM;
    }
    pthread_mutex_init(&srv->store_mu, NULL);
    pthread_cond_init(&srv->store_freed, NULL);
    srv->opts = *opts;
    options_defaults(&srv->opts);

    struct sockaddr_in sin;
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_port = htons((uint16_t)srv->opts.port);
    if (inet_pton(AF_INET, srv->opts.host, &sin.sin_addr) != 1) {
        snprintf(err, errlen, "host '%s' is not an IPv4 address", srv->opts.host);
        server_free(srv);
        return DL_ERR_USAGE;
    }
    srv->guard = dl__guard_new(srv->opts.rate, srv->opts.timeout, srv->opts.max_connections,
                               srv->opts.max_per_address);
    dl_status st = srv->guard ? DL_OK : DL_ERR_NOMEM;
    /* libraries with lazy global set-up do it here, before any thread */
    xmlInitParser();
    json_object_seed(0);
    if (st == DL_OK) st = open_stores(srv, err, errlen);
    if (st == DL_OK && dl__server_token(srv)) {
        dl_engine_options eo = {.data_dir = srv->opts.data_dir, .dict_paths = srv->opts.dict_paths,
                                .dict_only = srv->opts.dict_only};
        st = dl_engine_open(&eo, &srv->eng, err, errlen);
        if (st == DL_OK && !(srv->coder = dl__coder_new(srv->opts.coders, srv->opts.queue))) {
            snprintf(err, errlen, "cannot start the coder threads");
            st = DL_ERR_NOMEM;
        }
    } else if (st == DL_OK) {
        /* no engine: GDELT downloads still split codes and find places */
        char dir[4096];
        dl__data_dir(srv->opts.data_dir, dir, sizeof dir);
        st = dl__geo_tables_load(dir, &srv->code_parts, &srv->gazetteer, err, errlen);
    }
    if (st != DL_OK) {
        if (!err[0]) snprintf(err, errlen, "%s", dl_strerror(st));
        server_free(srv);
        return st;
    }

    /* SIGINT and SIGTERM are taken by sigtimedwait below, in this thread
     * only; the daemon's threads inherit the mask. */
    sigset_t sigs, old;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, &old);
    signal(SIGPIPE, SIG_IGN);

    if (!(srv->daemon = start_daemon(srv, &sin))) {
        snprintf(err, errlen, "cannot listen on %s:%u (in use, or not allowed)",
                 srv->opts.host, srv->opts.port);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        server_free(srv);
        return DL_ERR_IO;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = di ? di->port : srv->opts.port;
    fprintf(stderr, "dateline serve: listening on http://%s:%u/ (writes %s)\n", srv->opts.host,
            port, dl__server_token(srv) ? "need the token" : "disabled");
    fflush(stderr);

    int sig = wait_for_signal(srv, &sigs);
    fprintf(stderr, "dateline serve: stopping (signal %d)\n", sig);
    /* the waiting POSTs answer 503; those being coded get a few seconds to
     * end.  One that does not is left to the process's exit: its
     * connection is still suspended, and libmicrohttpd must not be stopped
     * with one (nor the engine and stores freed under it). */
    if (!dl__coder_stop(srv->coder, DL_SERVER_STOP_GRACE)) {
        fprintf(stderr, "dateline serve: stopped while an article was being coded; it is dropped\n");
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        return DL_OK;
    }
    server_free(srv);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return DL_OK;
}
