/*
 * event/codebook.h -- the CAMEO event codebook: every code with its name,
 * Goldstein score, quad class and PLOVER mapping, read from
 * data/cameo/events.tsv.
 */
#ifndef DL_EVENT_CODEBOOK_H
#define DL_EVENT_CODEBOOK_H

#include <stddef.h>

#include "dateline.h"

typedef struct {
    char code[8];        /* "0256" */
    char *name;          /* "Appeal for de-escalation of military engagement" */
    double goldstein;    /* -10 .. +10 */
    int quad;            /* 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict */
    char *plover;        /* PLOVER event type, e.g. "DEMAND" */
    char *plover_mode;   /* PLOVER mode or "" */
} dl_cameo;

struct dl_codebook {
    dl_cameo *v;         /* sorted by code */
    size_t n;
};

dl_status dl_codebook_load(const char *path, struct dl_codebook **out, char *err, size_t errlen);
void dl_codebook_free(struct dl_codebook *cb);
/* The entry for code, or NULL. */
const dl_cameo *dl_codebook_find(const struct dl_codebook *cb, const char *code);

#endif
