/*
 * server/guard.c -- what keeps one client from stopping `dateline serve`:
 *
 *   rate       a token bucket per client address (429 beyond it)
 *   deadline   every connection is in one phase at a time: receiving a
 *              request, in a handler, or sending the reply.  Receiving and
 *              sending each have --timeout seconds in all, however slowly
 *              the bytes trickle (libmicrohttpd's own timeout restarts with
 *              every byte, so 32 connections sending one byte every 2 s held
 *              every slot of an address for as long as they liked); a
 *              connection past it is shut down.  Handlers bound themselves
 *              (r->deadline, the coder queue).
 *
 *   limits     connections in all and per address: a new connection over
 *              a limit closes the one of its address (or of all) that has
 *              waited longest for its request to arrive, so a trickling
 *              attacker cannot keep new clients out.  libmicrohttpd's own
 *              limits are set above these as hard caps (dl_server_run).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "server/server.h"

enum { RATE_SLOTS = 1024, RATE_PROBE = 8 };

/* One client address's token bucket: capacity rate, refilled at rate per
 * minute. */
typedef struct {
    char addr[DL_ADDR_LEN];
    double tokens;
    double last;   /* dl__server_now() of the last request; 0 = free slot */
} rate_slot;

/* One open connection, from libmicrohttpd's STARTED notification to its
 * CLOSED one (which comes before the socket is closed, so the sweep never
 * shuts a reused descriptor down). */
typedef struct conn_info {
    struct conn_info *prev, *next;
    int fd;
    char addr[DL_ADDR_LEN];
    double since;   /* start of the current phase */
    int busy;       /* in a handler or in the coder queue: no deadline */
    int shut;       /* shut down by the sweep */
} conn_info;

struct dl__guard {
    unsigned rate, timeout, max_connections, max_per_address;
    pthread_mutex_t mu;          /* guards everything below */
    rate_slot rates[RATE_SLOTS];
    conn_info *conns;
};

dl__guard *dl__guard_new(unsigned rate, unsigned timeout, unsigned max_connections,
                         unsigned max_per_address) {
    dl__guard *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    g->rate = rate;
    g->timeout = timeout;
    g->max_connections = max_connections;
    g->max_per_address = max_per_address;
    pthread_mutex_init(&g->mu, NULL);
    return g;
}

void dl__guard_free(dl__guard *g) {
    if (!g) return;
    while (g->conns) {   /* the daemon is stopped: none is left in use */
        conn_info *c = g->conns;
        g->conns = c->next;
        free(c);
    }
    pthread_mutex_destroy(&g->mu);
    free(g);
}

/* ---- rate ------------------------------------------------------------------ */

/* The bucket of addr; a full table reuses the least recently seen of the
 * probed slots.  Called with the lock held. */
static rate_slot *rate_slot_of(dl__guard *g, const char *addr, double now) {
    unsigned h = 2166136261u;
    for (const char *p = addr; *p; p++) h = (h ^ (unsigned char)*p) * 16777619u;
    rate_slot *oldest = NULL;
    for (unsigned i = 0; i < RATE_PROBE; i++) {
        rate_slot *s = &g->rates[(h + i) % RATE_SLOTS];
        if (s->last && !strcmp(s->addr, addr)) return s;
        if (!oldest || s->last < oldest->last) oldest = s;
    }
    snprintf(oldest->addr, sizeof oldest->addr, "%s", addr);
    oldest->tokens = g->rate;
    oldest->last = now;
    return oldest;
}

int dl__guard_rate_take(dl__guard *g, const char *addr) {
    if (!g->rate) return 1;
    double now = dl__server_now(), cap = g->rate;
    pthread_mutex_lock(&g->mu);
    rate_slot *s = rate_slot_of(g, addr, now);
    s->tokens += (now - s->last) * cap / 60.0;
    if (s->tokens > cap) s->tokens = cap;
    s->last = now;
    int ok = s->tokens >= 1.0;
    if (ok) s->tokens -= 1.0;
    pthread_mutex_unlock(&g->mu);
    return ok;
}

/* ---- connections ------------------------------------------------------------- */

void dl__guard_client_addr(void *conn, char out[DL_ADDR_LEN]) {
    snprintf(out, DL_ADDR_LEN, "?");
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr) return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
                  DL_ADDR_LEN);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
                  DL_ADDR_LEN);
}

static void shut(conn_info *c) {
    shutdown(c->fd, SHUT_RDWR);   /* libmicrohttpd sees the end of the stream and closes it */
    c->shut = 1;
}

/* Makes room for one more connection (of addr when addr is not NULL):
 * when limit or more are open, closes the one that has waited longest
 * for its request.  Called with the lock held. */
static void make_room(dl__guard *g, const char *addr, unsigned limit) {
    unsigned open = 0;
    conn_info *stalest = NULL;
    for (conn_info *c = g->conns; c; c = c->next) {
        if (c->shut || (addr && strcmp(c->addr, addr))) continue;
        open++;
        if (!c->busy && c->fd >= 0 && (!stalest || c->since < stalest->since)) stalest = c;
    }
    if (open >= limit && stalest) shut(stalest);
}

void dl__guard_open(dl__guard *g, void *conn, void **ctx) {
    conn_info *c = calloc(1, sizeof *c);
    if (!c) return;   /* not tracked: libmicrohttpd's idle timeout and hard caps still apply */
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    c->fd = ci ? ci->connect_fd : -1;
    c->since = dl__server_now();
    dl__guard_client_addr(conn, c->addr);
    pthread_mutex_lock(&g->mu);
    make_room(g, c->addr, g->max_per_address);
    make_room(g, NULL, g->max_connections);
    c->next = g->conns;
    if (g->conns) g->conns->prev = c;
    g->conns = c;
    pthread_mutex_unlock(&g->mu);
    *ctx = c;
}

void dl__guard_close(dl__guard *g, void **ctx) {
    conn_info *c = *ctx;
    if (!c) return;
    pthread_mutex_lock(&g->mu);
    if (c->prev) c->prev->next = c->next;
    else g->conns = c->next;
    if (c->next) c->next->prev = c->prev;
    pthread_mutex_unlock(&g->mu);
    free(c);
    *ctx = NULL;
}

void dl__guard_busy(dl__guard *g, void *ctx, int busy) {
    conn_info *c = ctx;
    if (!c) return;
    pthread_mutex_lock(&g->mu);
    c->busy = busy;
    c->since = dl__server_now();
    pthread_mutex_unlock(&g->mu);
}

int dl__guard_sweep(dl__guard *g) {
    double now = dl__server_now();
    int closed = 0;
    pthread_mutex_lock(&g->mu);
    for (conn_info *c = g->conns; c; c = c->next) {
        if (c->busy || c->shut || c->fd < 0 || now - c->since <= g->timeout) continue;
        shut(c);
        closed++;
    }
    pthread_mutex_unlock(&g->mu);
    return closed;
}
