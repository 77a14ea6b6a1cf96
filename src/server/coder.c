/*
 * server/coder.c -- the bounded queue that codes POSTed articles for
 * `dateline serve`: a few threads take jobs in order; a job that finds the
 * queue full is refused at once (the caller answers 503 with Retry-After),
 * so a burst of writes costs a fixed amount of memory and CPU and the
 * request threads never wait behind the coding.
 */
#include <pthread.h>
#include <stdlib.h>

#include "server/server.h"

struct dl__coder {
    pthread_mutex_t mu;
    pthread_cond_t work;       /* a job was queued, or stop */
    dl__job *head, *tail;      /* waiting jobs, oldest first */
    unsigned waiting, cap;
    int stop;
    pthread_t *threads;
    unsigned nthreads;
};

static void *coder_main(void *arg) {
    dl__coder *c = arg;
    pthread_mutex_lock(&c->mu);
    for (;;) {
        while (!c->stop && !c->head) pthread_cond_wait(&c->work, &c->mu);
        if (c->stop) break;
        dl__job *job = c->head;
        c->head = job->next;
        if (!c->head) c->tail = NULL;
        c->waiting--;
        pthread_mutex_unlock(&c->mu);
        job->run(job);
        job->done(job, 0);
        pthread_mutex_lock(&c->mu);
    }
    pthread_mutex_unlock(&c->mu);
    return NULL;
}

dl__coder *dl__coder_new(unsigned threads, unsigned queue) {
    dl__coder *c = calloc(1, sizeof *c);
    if (!c || !(c->threads = calloc(threads ? threads : 1, sizeof *c->threads))) {
        free(c);
        return NULL;
    }
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->work, NULL);
    c->cap = queue;
    for (; c->nthreads < threads; c->nthreads++)
        if (pthread_create(&c->threads[c->nthreads], NULL, coder_main, c) != 0) break;
    if (c->nthreads < threads) {
        dl__coder_free(c);
        return NULL;
    }
    return c;
}

int dl__coder_submit(dl__coder *c, dl__job *job) {
    pthread_mutex_lock(&c->mu);
    int ok = !c->stop && c->waiting < c->cap;
    if (ok) {
        job->next = NULL;
        if (c->tail) c->tail->next = job;
        else c->head = job;
        c->tail = job;
        c->waiting++;
        pthread_cond_signal(&c->work);
    }
    pthread_mutex_unlock(&c->mu);
    return ok;
}

void dl__coder_free(dl__coder *c) {
    if (!c) return;
    pthread_mutex_lock(&c->mu);
    c->stop = 1;
    dl__job *left = c->head;
    c->head = c->tail = NULL;
    c->waiting = 0;
    pthread_cond_broadcast(&c->work);
    pthread_mutex_unlock(&c->mu);
    for (unsigned i = 0; i < c->nthreads; i++) pthread_join(c->threads[i], NULL);
    while (left) {
        dl__job *next = left->next;
        left->done(left, 1);
        left = next;
    }
    pthread_cond_destroy(&c->work);
    pthread_mutex_destroy(&c->mu);
    free(c->threads);
    free(c);
}
