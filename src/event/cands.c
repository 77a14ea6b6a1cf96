/*
 * event/cands.c -- choosing among a trigger's candidate events, and making
 * the events.
 *
 * The rules (args.c) propose groups as the source and the target in
 * several ways (the parse subject, the "by" agent, the object, the nearest
 * group before the trigger, the speaker of the quotation ...).  Every pair
 * of proposals is a candidate, and so is "no event".  A linear model
 * learned from annotated articles (data/models/events.model, `dateline
 * train events`) scores each candidate by its features and the best one
 * wins; without a model the rules' own choice does.
 *
 * An event is made per pair of the chosen groups' units (coordinated
 * actors give one each), with the doc actors of dictionary units made on
 * first use, codes on the event's date (office-holders change codes with
 * their terms), date, place and the quotation it stands in.
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
#include "learn/linear.h"
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

/* Is a a country itself: a place whose code is its country's ("IRN")? */
static int bare_country(const dl_actor *a) {
    return a->type && strcmp(a->type, "GPE") == 0 && a->country && a->code && strcmp(a->code, a->country) == 0;
}

static int is_country_of(const dl_doc *doc, int gpe, int person) {
    if (gpe < 0 || person < 0 || gpe == person) return 0;
    const dl_actor *g = &doc->actors.v[gpe], *p = &doc->actors.v[person];
    return bare_country(g) && p->country && strcmp(g->country, p->country) == 0 && p->code && p->type &&
           strcmp(p->type, "PER") == 0;
}

static int already_coded(const dl_doc *doc, int src, int tgt, const char *code, uint32_t sent) {
    for (size_t i = doc->events.n; i-- > 0;) {
        const dl_event *e = &doc->events.v[i];
        if (e->sent != sent) break;
        if (e->source == src && e->target == tgt && strncmp(e->cameo, code, 2) == 0) return 1;
    }
    return 0;
}

/* A usable event code: 2-4 digits and an optional letter ("174K"). */
static int valid_code(const char *c) {
    size_t d = 0;
    while (isdigit((unsigned char)c[d])) d++;
    if (d < 2 || d > 4) return 0;
    return c[d] == '\0' || (isupper((unsigned char)c[d]) && c[d + 1] == '\0');
}

/* Is tgt a body of the state that src, a country, is ("United States" ->
 * "American forces", "Iran" -> "Iranian government")?  A country does not
 * act on its own government or forces; it may on its people ("Iran
 * arrested Iranian protesters"). */
static int own_state_body(const dl_doc *doc, int src, int tgt) {
    static const char *const state[] = {"GOV", "MIL", "COP", "LEG", "JUD", NULL};
    if (src < 0 || tgt < 0 || src == tgt) return 0;
    const dl_actor *c = &doc->actors.v[src], *b = &doc->actors.v[tgt];
    if (!bare_country(c) || !b->code || strncmp(b->code, c->code, 3)) return 0;
    for (size_t i = 0; state[i]; i++)
        if (dl__coder_has_segment(b->code, state[i])) return 1;
    return 0;
}

static void push_event(dl_cctx *cx, const dl_trigger *tr, const char *code, dl_unit *s, dl_unit *t,
                       float confidence) {
    dl_doc *doc = cx->doc;
    if (!valid_code(code)) return;
    /* filling in for our lexicon, users' dictionaries name both actors,
     * different ones, and code no plain statement */
    if (!cx->dict_only && tr->pd == cx->eng->pdict &&
        (!s || !t || !s->has_actor || !t->has_actor || strcmp(s->code, t->code) == 0 ||
         (code[0] == '0' && code[1] == '1' && !strchr("568", code[2]))))
        return;
    if (cx->dict_only && (!s || !t || strcmp(s->code, t->code) == 0)) return;
    int src = s ? unit_actor(cx, s) : -1, tgt = t ? unit_actor(cx, t) : -1;
    if (src < 0 && tgt < 0) return;
    if (src == tgt || is_country_of(doc, tgt, src) || own_state_body(doc, src, tgt)) return;
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
    e->plover_mode = c ? c->plover_mode : NULL;
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

/* ---- features ------------------------------------------------------------------ */

static const char *const ARG_NAMES[DL_ARG_NBITS] = {"rule", "pattern", "subj", "agent", "passubj", "obj",
                                                   "obl", "nounmod", "nounof", "speaker", "before",
                                                   "after", "outer"};

/* The first proposing method of a side, by the order of ARG_NAMES. */
static const char *how(int flags) {
    for (int b = 0; b < DL_ARG_NBITS; b++)
        if (flags & (1 << b)) return ARG_NAMES[b];
    return "any";
}

static const char *group_type(const dl_cctx *cx, int g) {
    if (g < 0) return "none";
    const dl_unit *u = &cx->units.v[cx->groups.v[g].u0];
    if (u->actor < 0) return u->has_actor ? "dict" : "agents";
    const dl_actor *a = &cx->doc->actors.v[u->actor];
    if (u->mention == DL_MENTION_PRONOUN) return "pron";
    if (u->mention == DL_MENTION_AGENT) return "agent";
    if (u->mention == DL_MENTION_TITLE) return "title";
    /* a city or region is where an act happens more often than who acts */
    if (a->entry >= 0 && cx->eng->dict && cx->eng->dict->actors.v[a->entry].kind == DL_DICT_PLACE) return "place";
    return a->type ? a->type : "x";
}

static const char *group_country(const dl_cctx *cx, int g) {
    if (g < 0) return NULL;
    const dl_unit *u = &cx->units.v[cx->groups.v[g].u0];
    if (u->actor < 0) return NULL;
    return cx->doc->actors.v[u->actor].country;
}

/* Where a group stands from the trigger: before, after, elsewhere. */
static const char *side_of(const dl_cctx *cx, const dl_cset *s, int g) {
    if (g < 0) return "none";
    const dl_group *x = &cx->groups.v[g];
    if (x->t0 == x->t1) return "away";
    if (x->t1 <= s->tr->v0) return s->tr->v0 - x->t1 <= 3 ? "justbefore" : "before";
    if (x->t0 >= s->tr->v1) return x->t0 - s->tr->v1 <= 3 ? "justafter" : "after";
    return "inside";
}

/* The path of relations from the group's head up to the trigger, at
 * most three steps ("nsubj", "obl>nmod"), else "far" or "none". */
static void path_to(const dl_cctx *cx, const dl_cset *s, int g, char *out, size_t cap) {
    snprintf(out, cap, "%s", g < 0 ? "none" : "far");
    if (g < 0 || !cx->doc->head) return;
    const dl_unit *u = &cx->units.v[cx->groups.v[g].u0];
    if (u->t0 == u->t1) { snprintf(out, cap, "away"); return; }
    size_t h = dl_span_head(cx->doc, u->t0, u->t1);
    char buf[96] = "";
    size_t k = h;
    for (int step = 0; step < 3; step++) {
        const char *r = dl__coder_rel(cx, k);
        size_t n = strlen(buf);
        snprintf(buf + n, sizeof buf - n, "%s%s", step ? "<" : "", r);
        int up = dl__coder_head(cx, k);
        if (up < 0) return;
        if ((size_t)up == s->tr->head) { snprintf(out, cap, "%s", buf); return; }
        k = (size_t)up;
    }
}

/* How far a group stands from the trigger: tokens between, and whether a
 * clause edge (punctuation, a relative or subordinating word) lies there. */
static void distance(const dl_cctx *cx, const dl_cset *s, int g, int *dist, int *edge) {
    const dl_group *x = &cx->groups.v[g];
    *dist = *edge = 0;
    if (x->t0 == x->t1) return;
    size_t a = x->t1 <= s->tr->v0 ? x->t1 : s->tr->v1, b = x->t1 <= s->tr->v0 ? s->tr->v0 : x->t0;
    static const char *const words[] = {"that", "which", "who", "because", "while", "when", "after",
                                        "before", "although", "but", NULL};
    for (size_t k = a; k < b; k++) {
        const dl_token *t = &cx->doc->toks.v[k];
        if ((t->kind == DL_TOK_PUNCT && strchr(",;:()", cx->doc->article.body[t->off])) || t->kind == DL_TOK_QUOTE ||
            dl_word_in(t->norm, words))
            *edge = 1;
    }
    *dist = b > a ? (int)(b - a) : 0;
}

static void side_features(const dl_cctx *cx, const dl_cset *s, dl_feats *f, const char *side, int g,
                          int flags, int root) {
    if (g < 0) {
        dl_featbuf_add(f, "%s.none", side);
        dl_featbuf_add(f, "%s.none&r=%02d", side, root);
        return;
    }
    const char *h = how(flags);
    char path[100];
    path_to(cx, s, g, path, sizeof path);
    dl_featbuf_add(f, "%s.path=%s", side, path);
    dl_featbuf_add(f, "%s.how=%s", side, h);
    dl_featbuf_add(f, "%s.how=%s&r=%02d", side, h, root);
    dl_featbuf_add(f, "%s.type=%s", side, group_type(cx, g));
    dl_featbuf_add(f, "%s.pos=%s", side, side_of(cx, s, g));
    dl_featbuf_add(f, "%s.how=%s&pos=%s", side, h, side_of(cx, s, g));
    for (int b = 1; b < DL_ARG_NBITS; b++)
        if (flags & (1 << b)) dl_featbuf_add(f, "%s.by=%s", side, ARG_NAMES[b]);
    int dist, edge;
    distance(cx, s, g, &dist, &edge);
    dl_featbuf_add(f, "%s.dist=%d", side, dist <= 2 ? 0 : dist <= 6 ? 1 : dist <= 12 ? 2 : 3);
    if (edge) dl_featbuf_add(f, "%s.edge&how=%s", side, h);
    if (!group_country(cx, g)) dl_featbuf_add(f, "%s.nocountry", side);
    if (cx->groups.v[g].nu > 1) dl_featbuf_add(f, "%s.many", side);
}

void dl__cands_features(const dl_cctx *cx, const dl_cset *s, int c, dl_feats *f) {
    const dl_trigger *tr = s->tr;
    int root = dl__code_root(s->code);
    const char *lex = tr->prio == DL_PRIO_OURS ? "ours" : tr->prio == DL_PRIO_USERS ? "users" : "cameo2";
    f->n = f->used = 0;
    if (c < 0) {   /* no event */
        dl_featbuf_add(f, "null");
        dl_featbuf_add(f, "null&r=%02d", root);
        dl_featbuf_add(f, "null&lex=%s&spec=%d", lex, tr->nlit > 2 ? 2 : tr->nlit);
        dl_featbuf_add(f, "null&%s", tr->noun ? "noun" : "verb");
        for (int b = 0; b < DL_CTX_NBITS; b++)
            if (s->ctx & (1u << b)) dl_featbuf_add(f, "null&ctx=%d", b);
        if (s->ctx & DL_CTX_ACCUSE) dl_featbuf_add(f, "null&accuse&act=%.2s", tr->code);
        return;
    }
    const dl_cand *k = &s->v[c];
    int sf = k->sg >= 0 ? s->sflags[k->sg] : 0, tf = k->tg >= 0 ? s->tflags[k->tg] : 0;
    side_features(cx, s, f, "s", k->sg, sf, root);
    side_features(cx, s, f, "t", k->tg, tf, root);
    dl_featbuf_add(f, "pair=%s&%s", how(sf), how(tf));
    dl_featbuf_add(f, "types=%s&%s", group_type(cx, k->sg), group_type(cx, k->tg));
    dl_featbuf_add(f, "r=%02d&t=%s", root, k->tg < 0 ? "none" : "some");
    const char *sc = group_country(cx, k->sg), *tc = group_country(cx, k->tg);
    if (sc && tc) dl_featbuf_add(f, "%scountry&r=%02d", strcmp(sc, tc) ? "other" : "same", root);
    if (c == s->rule) dl_featbuf_add(f, "rulepick");
    if (s->ctx & DL_CTX_DIRECT) dl_featbuf_add(f, "direct&s=%s", how(sf));
    if (s->ctx & DL_CTX_REPORTED) dl_featbuf_add(f, "reported&s=%s", how(sf));
    if (s->ctx & DL_CTX_SUBJ_NOBODY) dl_featbuf_add(f, "subjnobody&s=%s", how(sf));
    if (s->ctx & DL_CTX_ACCUSE) {
        dl_featbuf_add(f, "accuse&act=%.2s", tr->code);
        dl_featbuf_add(f, "accuse&%s", s->ctx & DL_CTX_DIRECT ? "direct" : "reported");
    }
}

/* ---- deciding --------------------------------------------------------------------- */

/* The doc actors of a group's units into out (at most cap); how many. */
static size_t group_actors(dl_cctx *cx, int g, int *out, size_t cap) {
    if (g < 0) return 0;
    const dl_group *x = &cx->groups.v[g];
    size_t n = 0;
    for (size_t k = 0; k < x->nu && n < cap; k++) {
        int a = unit_actor(cx, &cx->units.v[x->u0 + k]);
        if (a >= 0) out[n++] = a;
    }
    return n;
}

/* Records the set for `dateline train events` (doc->cand_log). */
static int clean_rule(const dl_cctx *cx, const dl_cset *s);

static void record(dl_cctx *cx, const dl_cset *s) {
    dl_cand_log *log = cx->doc->cand_log;
    dl_logged_set *ls = DL_VEC_PUSH(&log->sets);
    if (!ls) return;
    memset(ls, 0, sizeof *ls);
    ls->sent = cx->sent;
    snprintf(ls->code, sizeof ls->code, "%s", s->code);
    ls->rule = s->rule;
    ls->clean = clean_rule(cx, s);
    ls->ncand = s->n;
    ls->cands = dl_arena_alloc(&log->arena, (s->n + 1) * sizeof *ls->cands);
    if (!ls->cands) { log->sets.n--; return; }
    dl_feats f;
    for (int c = -1; c < (int)s->n; c++) {
        dl_logged_cand *lc = &ls->cands[c + 1];
        memset(lc, 0, sizeof *lc);
        dl__cands_features(cx, s, c, &f);
        lc->feats = dl_arena_alloc(&log->arena, (f.n + 1) * sizeof *lc->feats);
        if (!lc->feats) continue;
        for (size_t i = 0; i < f.n; i++) lc->feats[i] = dl_arena_strdup(&log->arena, f.v[i]);
        lc->nfeats = f.n;
        if (c < 0) continue;
        lc->nsrc = group_actors(cx, s->v[c].sg, lc->src, DL_LOG_ACTORS);
        lc->ntgt = group_actors(cx, s->v[c].tg, lc->tgt, DL_LOG_ACTORS);
        lc->compound = s->compound && s->v[c].tg < 0;
    }
}

/* Is the rules' candidate one the parse states plainly: a subject (or
 * pattern, or agent) and an object (or pattern, passive subject, or the
 * noun's own phrase), both named actors of known countries? */
/* Is group g a named actor: a person, or a country, organisation or group
 * of people we know the country or the code of? */
static int clean_side(const dl_cctx *cx, int g) {
    const dl_unit *u = &cx->units.v[cx->groups.v[g].u0];
    if (u->actor < 0 || u->mention == DL_MENTION_PRONOUN || !u->mention) return 0;
    const dl_actor *a = &cx->doc->actors.v[u->actor];
    int named = a->type && (strcmp(a->type, "GPE") == 0 || strcmp(a->type, "ORG") == 0 ||
                            strcmp(a->type, "NORP") == 0);
    return a->type && (strcmp(a->type, "PER") == 0 || (named && (a->country || a->code)));
}

static int clean_rule(const dl_cctx *cx, const dl_cset *s) {
    if (s->rule < 0) return 0;
    const dl_cand *k = &s->v[s->rule];
    int sf = k->sg >= 0 ? s->sflags[k->sg] : 0, tf = k->tg >= 0 ? s->tflags[k->tg] : 0;
    int among = k->sg < 0 && k->tg >= 0 && s->compound && s->tr->noun && cx->groups.v[k->tg].nu >= 2;
    /* "the assassination of X": a violent act a noun names, and its victim */
    int root = dl__code_root(s->code);
    int violent = k->sg < 0 && k->tg >= 0 && s->tr->noun && (tf & DL_ARG_NOUNOF) && root >= 18;
    /* "was hit by drone strikes": a violent act on a named victim in the
     * passive; "was claimed by X": the agent of an act with no object */
    int victim = k->sg < 0 && k->tg >= 0 && (tf & DL_ARG_PASSUBJ) && root >= 18;
    int agent_only = k->sg >= 0 && k->tg < 0 && (sf & DL_ARG_AGENT) && !s->tr->need_target;
    if (agent_only) return clean_side(cx, k->sg);
    /* "X called for an investigation": an appeal or demand that its
     * pattern names, by its subject, to nobody the sentence names (an
     * appeal with an object asks someone we do not know: "invited
     * architects to ...") */
    int by_subject = (sf & DL_ARG_SUBJ) && s->tr->nlit > 0 &&
                     (root != 2 || dl__coder_child(cx, s->tr->head, "obj") < 0);
    int by_owner = s->tr->noun && (sf & DL_ARG_NOUNMOD);   /* "the protesters' demands" */
    int open_appeal = k->sg >= 0 && k->tg < 0 && !s->tr->need_target && (by_subject || by_owner) &&
                      (root == 1 || root == 2 || root == 10) && !(s->ctx & (DL_CTX_HEDGED | DL_CTX_INTENT));
    if (open_appeal) return clean_side(cx, k->sg);
    if (k->sg < 0 && !among && !violent && !victim) return 0;
    if (k->sg >= 0 && !(sf & (DL_ARG_SUBJ | DL_ARG_PATTERN | DL_ARG_AGENT | DL_ARG_NOUNMOD | DL_ARG_OUTER |
                                        DL_ARG_SPEAKER)))
        return 0;
    if (k->tg >= 0 && !(tf & (DL_ARG_OBJ | DL_ARG_PATTERN | DL_ARG_PASSUBJ | DL_ARG_NOUNOF | DL_ARG_OBL))) return 0;
    if (k->tg < 0 && !(s->compound && cx->groups.v[k->sg].nu >= 2)) return 0;
    return (k->sg < 0 || clean_side(cx, k->sg)) && (k->tg < 0 || clean_side(cx, k->tg));
}

int dl__cands_decide(dl_cctx *cx, dl_cset *s) {
    if (cx->doc->cand_log) record(cx, s);
    const dl_linear *m = cx->eng->event_model;
    int best = s->rule;
    /* the model weighs what the parse leaves open; a plain statement of
     * the parse is the rules' */
    if (m && !cx->dict_only && !clean_rule(cx, s)) {
        dl_feats f;
        dl__cands_features(cx, s, -1, &f);
        double top = dl_linear_score(m, f.v, f.n);
        best = -1;
        for (size_t c = 0; c < s->n; c++) {
            dl__cands_features(cx, s, (int)c, &f);
            double sc = dl_linear_score(m, f.v, f.n);

            if (sc > top) { top = sc; best = (int)c; }
        }
    }
    if (cx->debug) {
        fprintf(stderr, "  set code %s: %zu candidates, rule %d, chosen %d:", s->code, s->n, s->rule, best);
        for (size_t c = 0; c < s->n; c++) fprintf(stderr, " (%d,%d)", s->v[c].sg, s->v[c].tg);
        fprintf(stderr, "\n");
    }
    if (best < 0) return -1;
    const dl_cand *k = &s->v[best];
    int sg = k->sg, tg = k->tg, compound = 0;
    if (s->compound && tg < 0 && sg >= 0 && cx->groups.v[sg].nu >= 2) compound = 1;
    if (s->compound && sg < 0 && tg >= 0 && cx->groups.v[tg].nu >= 2 && s->tr->noun) {
        sg = tg;   /* "the meeting of Cyprus, Greece and Israel": among them */
        tg = -1;
        compound = 1;
    }
    dl__coder_emit(cx, s->tr, s->code, sg, tg, compound, best == s->rule ? 0.8f : 0.6f);
    return best;
}
