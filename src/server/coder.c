/*
 * server/coder.c -- the bounded queue that codes POSTed articles for
 * `dateline serve`: a few threads take jobs in order; a job that finds the
 * queue full is refused at once (the caller answers 503 with Retry-After),
 * so a burst of writes costs a fixed amount of memory and CPU and the
 * request threads never wait behind the coding.
 */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "server/server.h"

struct dl__coder {
    pthread_mutex_t mu;
    pthread_cond_t work;       /* a job was queued, or stop */
    pthread_cond_t idle;       /* a job ended */
    dl__job *head, *tail;      /* waiting jobs, oldest first */
    unsigned waiting, cap;
    unsigned running;          /* jobs being run */
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
        c->running++;
        pthread_mutex_unlock(&c->mu);
        job->run(job);
        job->done(job, 0);
        pthread_mutex_lock(&c->mu);
        c->running--;
        pthread_cond_broadcast(&c->idle);
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
    pthread_cond_init(&c->idle, NULL);
    c->cap = queue;
    for (; c->nthreads < threads; c->nthreads++)
        if (pthread_create(&c->threads[c->nthreads], NULL, coder_main, c) != 0) break;
    if (c->nthreads < threads) {
        dl__coder_stop(c, 0);
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

int dl__coder_stop(dl__coder *c, double grace) {
    if (!c) return 1;
    pthread_mutex_lock(&c->mu);
    c->stop = 1;
    dl__job *left = c->head;
    c->head = c->tail = NULL;
    c->waiting = 0;
    pthread_cond_broadcast(&c->work);
    pthread_mutex_unlock(&c->mu);
    while (left) {
        dl__job *next = left->next;
        left->done(left, 1);
        left = next;
    }
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += (time_t)grace;
    until.tv_nsec += (long)((grace - (double)(time_t)grace) * 1e9);
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&c->mu);
    while (c->running && pthread_cond_timedwait(&c->idle, &c->mu, &until) == 0) {}
    int stopped = c->running == 0;
    pthread_mutex_unlock(&c->mu);
    return stopped;
}

void dl__coder_free(dl__coder *c) {
    if (!c) return;
    for (unsigned i = 0; i < c->nthreads; i++) pthread_join(c->threads[i], NULL);
    pthread_cond_destroy(&c->idle);
    pthread_cond_destroy(&c->work);
    pthread_mutex_destroy(&c->mu);
    free(c->threads);
    free(c);
}
