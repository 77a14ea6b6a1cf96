/*
 * event/cands.c -- events from a trigger's source and target groups: one
 * event per pair of their units (coordinated actors give one each), with
 * the doc actors of dictionary units made on first use, codes on the
 * event's date (office-holders change codes with their terms), date,
 * place and the quotation it stands in.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors/dict.h"
#include "core/doc.h"
#include "event/codebook.h"
#include "event/coder.h"
#include "event/event.h"
#include "quote/quote.h"

/* The doc actor of a unit, made for a dictionary unit on first use. */
static int unit_actor(dl_cctx *cx, dl_unit *u) {
    if (u->actor >= 0) return u->actor;
    dl_doc *doc = cx->doc;
    const dl_token *a = &doc->toks.v[u->t0], *b = &doc->toks.v[u->t1 - 1];
    char *name = dl_arena_strndup(&doc->arena, doc->article.body + a->off, b->off + b->len - a->off);
    for (size_t i = 0; i < doc->actors.n; i++) {
        const dl_actor *x = &doc->actors.v[i];
        if (x->code && strcmp(x->code, u->code) == 0 && x->name && name && strcmp(x->name, name) == 0)
            return u->actor = (int)i;
    }
    dl_actor *x = DL_VEC_PUSH(&doc->actors);
    if (!x) return -1;
    memset(x, 0, sizeof *x);
    int idx = (int)(doc->actors.n - 1);
    x->id = dl_arena_printf(&doc->arena, "A%d", idx + 1);
    x->name = name;
    x->type = dl_arena_strdup(&doc->arena, u->has_actor ? "ORG" : "NORP");
    x->code = dl_arena_strdup(&doc->arena, u->code);
    if (u->has_actor && strlen(u->code) >= 3) x->country = dl_arena_strndup(&doc->arena, u->code, 3);
    x->entry = -1;
    x->n_mentions = 1;
    x->first_off = a->off;
    return u->actor = idx;
}

/* An actor's code on the event's date: office-holders change codes with
 * their terms (a president before and after office). */
static const char *code_on(const dl_cctx *cx, int actor, const char *date) {
    if (actor < 0) return NULL;
    const dl_actor *a = &cx->doc->actors.v[actor];
    if (a->entry < 0 || strlen(date) < 4 || !cx->eng->dict) return a->code;
    const dl_dict_actor *da = &cx->eng->dict->actors.v[a->entry];
    if (!da->terms.n) return a->code;
    char day[11];
    snprintf(day, sizeof day, "%s", date);
    if (strlen(day) == 4) memcpy(day + 4, "-07-01", 7);       /* a year: its middle */
    else if (strlen(day) == 7) memcpy(day + 7, "-15", 4);     /* a month: its middle */
    const dl_dict_term *t = dl_dict_term_at(da, day);
    return t && t->code ? t->code : da->code ? da->code : da->country;
}

static int is_country_of(const dl_doc *doc, int gpe, int person) {
    if (gpe < 0 || person < 0 || gpe == person) return 0;
    const dl_actor *g = &doc->actors.v[gpe], *p = &doc->actors.v[person];
    return g->type && strcmp(g->type, "GPE") == 0 && g->country && p->country &&
           strcmp(g->country, p->country) == 0 && g->code && p->code && strcmp(g->code, g->country) == 0 &&
           p->type && strcmp(p->type, "PER") == 0;
}

static int already_coded(const dl_doc *doc, int src, int tgt, const char *code, uint32_t sent) {
    for (size_t i = doc->events.n; i-- > 0;) {
        const dl_event *e = &doc->events.v[i];
        if (e->sent != sent) break;
        if (e->source == src && e->target == tgt && strncmp(e->cameo, code, 2) == 0) return 1;
    }
    return 0;
}

static void push_event(dl_cctx *cx, const dl_trigger *tr, const char *code, dl_unit *s, dl_unit *t,
                       float confidence) {
    dl_doc *doc = cx->doc;
    /* filling in for our lexicon, users' dictionaries name both actors */
    if (!cx->dict_only && tr->pd == cx->eng->pdict && (!s || !t || !s->has_actor || !t->has_actor)) return;
    if (cx->dict_only && (!s || !t || strcmp(s->code, t->code) == 0)) return;
    int src = s ? unit_actor(cx, s) : -1, tgt = t ? unit_actor(cx, t) : -1;
    if (src < 0 && tgt < 0) return;
    if (src == tgt || is_country_of(doc, tgt, src)) return;
    if (already_coded(doc, src, tgt, code, cx->sent)) return;
    const dl_cameo *c = cx->eng->codebook ? dl_codebook_find(cx->eng->codebook, code) : NULL;
    if (!c && cx->eng->codebook && !cx->dict_only) return;
    dl_event *e = DL_VEC_PUSH(&doc->events);
    if (!e) return;
    memset(e, 0, sizeof *e);
    e->source = src;
    e->target = tgt;
    snprintf(e->cameo, sizeof e->cameo, "%s", code);
    e->goldstein = c ? c->goldstein : 0;
    e->quad = c ? c->quad : 0;
    e->plover = c ? c->plover : NULL;
    e->sent = cx->sent;
    e->off = doc->toks.v[tr->v0].off;
    const dl_token *last = &doc->toks.v[tr->v1 - 1];
    e->len = last->off + last->len - e->off;
    e->rule = tr->rule;
    long q = dl_quote_at(doc, tr->v0);
    e->quote = (int)q;
    e->confidence = confidence;
    dl__event_date(doc, cx->sent, cx->pub, cx->story, e->date);
    e->place = dl__event_place(doc, cx->sent);
    e->source_code = src >= 0 ? code_on(cx, src, e->date) : NULL;
    e->target_code = tgt >= 0 ? code_on(cx, tgt, e->date) : NULL;
    if (cx->dict_only) {
        e->source_code = s->code[0] ? dl_arena_strdup(&doc->arena, s->code) : e->source_code;
        e->target_code = t->code[0] ? dl_arena_strdup(&doc->arena, t->code) : e->target_code;
    }
}

void dl__coder_emit(dl_cctx *cx, const dl_trigger *tr, const char *code, int sg, int tg, int compound,
                    float confidence) {
    const dl_group *S = sg >= 0 ? &cx->groups.v[sg] : NULL;
    const dl_group *T = tg >= 0 ? &cx->groups.v[tg] : NULL;
    if (compound && S) {
        for (size_t a = 0; a < S->nu; a++)
            for (size_t b = 0; b < S->nu; b++)
                if (a != b) push_event(cx, tr, code, &cx->units.v[S->u0 + a], &cx->units.v[S->u0 + b], confidence);
        return;
    }
    if ((tr->pflags & DL_PPAT_BETWEEN) && T && T->nu >= 2) {
        /* "talks between X and Y": X and Y are the parties */
        push_event(cx, tr, code, &cx->units.v[T->u0], &cx->units.v[T->u0 + 1], confidence);
        return;
    }
    size_t ns = S ? S->nu : 1, nt = T ? T->nu : 1;
    for (size_t a = 0; a < ns; a++)
        for (size_t b = 0; b < nt; b++)
            push_event(cx, tr, code, S ? &cx->units.v[S->u0 + a] : NULL, T ? &cx->units.v[T->u0 + b] : NULL,
                       confidence);
}
