/*
 * server/server.h -- `dateline serve`: the HTTP API and the dashboard over one
 * store (docs/api.md).  server.c owns the libmicrohttpd daemon, the limits
 * (body size, rate, time) and the common headers; routes.c maps method and
 * path to a handler and describes itself as OpenAPI 3; json.c builds replies.
 *
 * Requests are served one at a time by libmicrohttpd's internal polling
 * thread, so the store and the engine are never used by two threads at once.
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
    unsigned timeout;        /* seconds a request may take (default 10) */
} dl_server_options;

enum { DL_SERVER_MAX_BODY = 2 * 1024 * 1024, DL_SERVER_RATE = 600, DL_SERVER_TIMEOUT = 10 };

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
dl_store *dl__server_store(dl__server *srv);
dl_engine *dl__server_engine(dl__server *srv);   /* NULL when writes are off */
const char *dl__server_token(dl__server *srv);   /* NULL when writes are off */
const char *dl__request_arg(dl__request *r, const char *name);  /* query parameter */
const char *dl__request_header(dl__request *r, const char *name);
/* Non-zero when a query parameter other than those in names[] (NULL-ended)
 * was given; *bad gets its name. */
int dl__request_unknown_arg(dl__request *r, const char *const *names, const char **bad);

/* Monotonic time in seconds. */
double dl__server_now(void);

/* The dashboard's files (web/, embedded at build time): the bytes of path
 * ("/" is "/index.html"), or NULL.  *ctype gets the media type. */
const unsigned char *dl__web_file(const char *path, size_t *len, const char **ctype);

#endif
