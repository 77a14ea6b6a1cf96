/*
 * event/xform.c -- PETRARCH's transformations over the verbs a sentence
 * coded: an outer verb and the verb of the clause it governs become one
 * event ("a says a attacked b" -> a b 015; "a wants to attack b" -> 138).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "event/coder.h"

/* Is verb i inside the clause of verb o (its ccomp or xcomp, two steps
 * at most): "X said [Y attacked Z]", "X wants [to attack Z]"? */
static int embedded(const dl_cctx *cx, size_t i, size_t o) {
    size_t k = i;
    for (int hop = 0; hop < 2; hop++) {
        const char *r = dl__coder_rel(cx, k);
        if (strcmp(r, "ccomp") != 0 && strcmp(r, "xcomp") != 0) return 0;
        int up = dl__coder_head(cx, k);
        if (up < 0) return 0;
        if ((size_t)up == o) return 1;
        k = (size_t)up;
    }
    return 0;
}

static int same_actor(const dl_cctx *cx, int g1, int g2) {
    if (g1 == g2) return 1;
    if (g1 < 0 || g2 < 0 || !cx->groups.v[g1].nu || !cx->groups.v[g2].nu) return 0;
    return strcmp(cx->units.v[cx->groups.v[g1].u0].code, cx->units.v[cx->groups.v[g2].u0].code) == 0;
}

/* Binds variable v to group g: letters bind once (and must agree after),
 * '.' wants an actor, '_' wants none. */
static int bind(const dl_cctx *cx, int vars[26], char v, int g) {
    if (v == '_') return g < 0;
    if (v == '.') return g >= 0;
    int *slot = &vars[(tolower((unsigned char)v) - 'a') % 26];
    if (g < 0) return 0;
    if (*slot >= 0) return same_actor(cx, *slot, g);
    *slot = g;
    return 1;
}

static int var_group(const int vars[26], char v) {
    return isalpha((unsigned char)v) ? vars[(tolower((unsigned char)v) - 'a') % 26] : -1;
}

static int verb_named(const dl_vocc *o, const char *name) {
    return strcmp(name, "Q") == 0 || strcmp(o->pd->blocks.v[o->block].name, name) == 0;
}

/* Does rule t turn outer verb o and inner verb i into one event?  Sets the
 * result's source, target and code. */
static int transform_matches(const dl_cctx *cx, const dl_ptransform *t, const dl_vocc *o, const dl_vocc *i,
                             int *sg, int *tg, const char **code) {
    if (!verb_named(o, t->out_verb) || !verb_named(i, t->in_verb) || !embedded(cx, i->h, o->h)) return 0;
    int vars[26];
    for (int k = 0; k < 26; k++) vars[k] = -1;
    int inner_src = i->own_subject ? i->sg : -1;
    if (!bind(cx, vars, t->outer_src, o->sg) || !bind(cx, vars, t->in_src, inner_src) ||
        !bind(cx, vars, t->in_tgt, i->tg))
        return 0;
    *sg = var_group(vars, t->res_src);
    *tg = var_group(vars, t->res_tgt);
    *code = strcmp(t->code, "Q") == 0 ? i->active : t->code;
    return *sg >= 0 && *tg >= 0;
}

/* Drops the events whose mask is set, keeping the rest in order. */
static void drop_events(dl_cctx *cx, const unsigned char *drop) {
    dl_doc *doc = cx->doc;
    size_t w = 0;
    for (size_t e = 0; e < doc->events.n; e++)
        if (!drop[e]) doc->events.v[w++] = doc->events.v[e];
    doc->events.n = w;
}

/* Applies the first rule that fits each (outer, inner) pair of the
 * sentence's verbs, from the lexicon of the outer verb: both verbs' events
 * give way to the rule's event. */
dl_status dl__coder_transform(dl_cctx *cx) {
    if (cx->occs.n < 2 || !cx->doc->head) return DL_OK;
    unsigned char *drop = calloc(cx->doc->events.n + 1, 1);
    if (!drop) return DL_ERR_NOMEM;
    struct { int sg, tg; const char *code, *rule; size_t v0, v1; const struct dl_pdict *pd; } made[16];
    size_t nmade = 0;
    for (size_t a = 0; a < cx->occs.n; a++)
        for (size_t b = 0; b < cx->occs.n && nmade < 16; b++) {
            const dl_vocc *o = &cx->occs.v[a], *i = &cx->occs.v[b];
            if (a == b || o->pd != i->pd) continue;
            const struct dl_pdict *pd = o->pd;
            for (size_t k = 0; k < pd->transforms.n; k++) {
                int sg, tg;
                const char *code;
                if (!transform_matches(cx, &pd->transforms.v[k], o, i, &sg, &tg, &code)) continue;
                for (size_t e = o->ev0; e < o->ev1; e++) drop[e] = 1;
                for (size_t e = i->ev0; e < i->ev1; e++) drop[e] = 1;
                made[nmade].sg = sg;
                made[nmade].tg = tg;
                made[nmade].code = code;
                made[nmade].rule = pd->transforms.v[k].rule;
                made[nmade].v0 = o->v0 < i->v0 ? o->v0 : i->v0;
                made[nmade].v1 = o->v1 > i->v1 ? o->v1 : i->v1;
                made[nmade].pd = pd;
                nmade++;
                break;
            }
        }
    drop_events(cx, drop);
    free(drop);
    for (size_t m = 0; m < nmade; m++) {
        dl_trigger tr = {.pd = made[m].pd, .v0 = made[m].v0, .v1 = made[m].v1, .rule = made[m].rule};
        dl__coder_emit(cx, &tr, made[m].code, made[m].sg, made[m].tg, 0, 0.7f);
    }
    return DL_OK;
}
