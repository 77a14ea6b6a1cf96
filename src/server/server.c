/*
 * server/server.c -- the libmicrohttpd daemon behind `dateline serve`.
 * One internal polling thread serves every request in turn; per request:
 *
 *     rate limit (per client address)  -> 429
 *     body size (Content-Length, then the bytes read)  -> 413
 *     route: /api/... to routes.c, anything else to the dashboard's files
 *     reply with the common headers (CSP, nosniff, no-store for the API)
 *
 * Idle or slow connections are closed after the request time limit
 * (MHD_OPTION_CONNECTION_TIMEOUT); handlers check r->deadline while they
 * read rows.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "core/utf8.h"
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

enum { RATE_SLOTS = 1024, RATE_PROBE = 8 };

/* One client address's token bucket: capacity opts.rate, refilled at
 * opts.rate per minute. */
typedef struct {
    char addr[INET6_ADDRSTRLEN];
    double tokens;
    double last;   /* dl__server_now() of the last request; 0 = free slot */
} rate_slot;

struct dl__server {
    dl_server_options opts;
    struct MHD_Daemon *daemon;
    dl_store *store;
    dl_engine *eng;           /* loaded when writes are on */
    rate_slot rates[RATE_SLOTS];
};

/* Per-connection state between libmicrohttpd's calls for one request. */
typedef struct {
    dl_strbuf body;
    int too_big;
} conn_state;

double dl__server_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

dl_store *dl__server_store(dl__server *srv) { return srv->store; }
dl_engine *dl__server_engine(dl__server *srv) { return srv->eng; }

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

static void client_addr(struct MHD_Connection *conn, char out[INET6_ADDRSTRLEN]) {
    snprintf(out, INET6_ADDRSTRLEN, "?");
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr) return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
                  INET6_ADDRSTRLEN);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
                  INET6_ADDRSTRLEN);
}

/* Takes one token from the client's bucket; returns 0 when it is empty.  A
 * full table reuses the least recently seen of the probed slots. */
static int rate_take(dl__server *srv, const char *addr, double now) {
    if (!srv->opts.rate) return 1;
    unsigned h = 2166136261u;
    for (const char *p = addr; *p; p++) h = (h ^ (unsigned char)*p) * 16777619u;
    rate_slot *slot = NULL, *oldest = NULL;
    for (unsigned i = 0; i < RATE_PROBE; i++) {
        rate_slot *s = &srv->rates[(h + i) % RATE_SLOTS];
        if (s->last && !strcmp(s->addr, addr)) { slot = s; break; }
        if (!oldest || s->last < oldest->last) oldest = s;
    }
    double cap = srv->opts.rate;
    if (!slot) {
        slot = oldest;
        snprintf(slot->addr, sizeof slot->addr, "%s", addr);
        slot->tokens = cap;
        slot->last = now;
    }
    slot->tokens += (now - slot->last) * cap / 60.0;
    if (slot->tokens > cap) slot->tokens = cap;
    slot->last = now;
    if (slot->tokens < 1.0) return 0;
    slot->tokens -= 1.0;
    return 1;
}

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
    if (!r->status) dl__reply_error(r, 500, NULL, "the handler gave no reply");
}

static int is_api(const char *url) {
    return !strcmp(url, "/api") || !strncmp(url, "/api/", 5);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
    (void)version;
    dl__server *srv = cls;
    conn_state *cs = *con_cls;
    dl__request r;
    if (!cs) {
        /* first call: headers only */
        cs = calloc(1, sizeof *cs);
        if (!cs) return MHD_NO;
        dl_strbuf_init(&cs->body);
        *con_cls = cs;
        char addr[INET6_ADDRSTRLEN];
        client_addr(conn, addr);
        if (!rate_take(srv, addr, dl__server_now())) {
            request_init(&r, srv, conn, method, url);
            r.extra_header = "Retry-After";
            r.extra_value = "60";
            dl__reply_error(&r, 429, NULL, "too many requests from %s (limit %u per minute)",
                            addr, srv->opts.rate);
            return send_reply(conn, &r, 1);
        }
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > srv->opts.max_body) {
            request_init(&r, srv, conn, method, url);
            dl__reply_error(&r, 413, NULL, "the request body is larger than %zu bytes",
                            srv->opts.max_body);
            return send_reply(conn, &r, 1);
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (!cs->too_big && cs->body.len + *upload_data_size > srv->opts.max_body)
            cs->too_big = 1;
        if (!cs->too_big) dl_strbuf_add(&cs->body, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
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
    int api = is_api(url);
    if (api) serve_api(&r);
    else serve_file(&r);
    return send_reply(conn, &r, api);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
    (void)cls;
    (void)conn;
    (void)toe;
    conn_state *cs = *con_cls;
    if (!cs) return;
    dl_strbuf_release(&cs->body);
    free(cs);
    *con_cls = NULL;
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
static void limit_statements(dl__server *srv) {
    char ms[32];
    snprintf(ms, sizeof ms, "%u", srv->opts.timeout * 1000u);
    dl_store_value v = {.type = DL_VAL_TEXT, .s = ms};
    dl__store_select(srv->store, "SELECT set_config('statement_timeout', ?, false)", &v, 1,
                     ignore_row, NULL);
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
    srv->opts = *opts;
    if (!srv->opts.host) srv->opts.host = "127.0.0.1";
    if (!srv->opts.max_body) srv->opts.max_body = DL_SERVER_MAX_BODY;
    if (!srv->opts.timeout) srv->opts.timeout = DL_SERVER_TIMEOUT;

    struct sockaddr_in sin;
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_port = htons((uint16_t)srv->opts.port);
    if (inet_pton(AF_INET, srv->opts.host, &sin.sin_addr) != 1) {
        snprintf(err, errlen, "host '%s' is not an IPv4 address", srv->opts.host);
        free(srv);
        return DL_ERR_USAGE;
    }
    dl_status st = dl_store_open(srv->opts.db, &srv->store, err, errlen);
    if (st == DL_OK && dl__server_token(srv)) {
        dl_engine_options eo = {.data_dir = srv->opts.data_dir, .dict_paths = srv->opts.dict_paths,
                                .dict_only = srv->opts.dict_only};
        st = dl_engine_open(&eo, &srv->eng, err, errlen);
    }
    if (st == DL_OK) limit_statements(srv);
    if (st != DL_OK) {
        if (!err[0]) snprintf(err, errlen, "%s", dl_strerror(st));
        dl_store_close(srv->store);
        free(srv);
        return st;
    }

    /* SIGINT and SIGTERM are taken by sigwait below, in this thread only;
     * the daemon's thread inherits the mask. */
    sigset_t sigs, old;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, &old);
    signal(SIGPIPE, SIG_IGN);

    srv->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO, 0, NULL, NULL, on_request, srv,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)srv->opts.timeout,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)128,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)32,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
        MHD_OPTION_END);
    if (!srv->daemon) {
        snprintf(err, errlen, "cannot listen on %s:%u (in use, or not allowed)",
                 srv->opts.host, srv->opts.port);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        dl_engine_close(srv->eng);
        dl_store_close(srv->store);
        free(srv);
        return DL_ERR_IO;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = di ? di->port : srv->opts.port;
    fprintf(stderr, "dateline serve: listening on http://%s:%u/ (writes %s)\n", srv->opts.host,
            port, dl__server_token(srv) ? "need the token" : "disabled");
    fflush(stderr);

    int sig = 0;
    sigwait(&sigs, &sig);
    fprintf(stderr, "dateline serve: stopping (signal %d)\n", sig);
    MHD_stop_daemon(srv->daemon);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    dl_engine_close(srv->eng);
    dl_store_close(srv->store);
    free(srv);
    return DL_OK;
}
