/*
 * event/pcoder.c -- codes events with dictionaries users bring in the
 * TABARI/PETRARCH formats (dicts/petrarch.h), over our own parse.
 *
 * Per sentence:
 *   1. discards: a sentence (or story) discard phrase stops coding;
 *   2. actor units: noun chunks (from the tagger) whose words hold actor
 *      and agent phrases compose codes ("Arnor security officials" ARN+GOV,
 *      "the government of Gondor" GON+GOV, "Lawmakers in Fornost and
 *      Gondor" FORLEG and GONLEG); units joined by "and" or commas form a
 *      group, a compound actor;
 *   3. verbs: every verb form of the dictionary tagged as a verb;
 *   4. source: the group of the verb's subject (through xcomp and conj
 *      heads to the clause that has one; "by" agents of passives);
 *      target: the first group after the verb inside its subtree;
 *   5. the most specific pattern of the verb's block that matches (words
 *      before and after the verb in order, '_' for adjacent words, synsets,
 *      $ + % markers) gives the code; "[a:b]" codes a for source->target
 *      and b for target->source.
 * Events need a source and a target with different codes, as PETRARCH's
 * default (require_dyad) has it.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "dicts/petrarch.h"
#include "event/codebook.h"
#include "event/event.h"

#define MAX_UNIT_CODE 64

typedef struct {
    uint32_t t0, t1;          /* tokens [t0, t1) of its chunk */
    char code[MAX_UNIT_CODE];
    char base[DL_PCODE_MAX];  /* the actor's own code, without agents */
    char pre[MAX_UNIT_CODE], post[MAX_UNIT_CODE]; /* its agents' codes, before and after */
    int actor;                /* doc actor index, made on first use, -1 before */
    uint8_t has_actor;        /* 0: agents only ("officials" -> ---GOV) */
} unit;

typedef struct {
    uint32_t t0, t1;          /* the span of its units */
    size_t u0, nu;            /* into the unit table: units u0 .. u0+nu-1 */
} group;

/* A verb the sentence codes, kept for transformations. */
typedef struct {
    size_t h, v0, v1;         /* its inflected word; its tokens */
    int block;
    int sg, tg;               /* source and target groups, -1 when none */
    int own_subject;          /* the parse gives it a subject of its own */
    char active[8];           /* its code */
    size_t ev0, ev1;          /* the events it made: doc->events[ev0, ev1) */
} vocc;

typedef struct {
    dl_engine *eng;
    dl_doc *doc;
    const struct dl_pdict *pd;
    int32_t date;             /* YYYYMMDD of the event date */
    char pub[11], story[11];
    size_t s0, s1;            /* the sentence's tokens */
    int *span_kind;           /* per token of the sentence: 0, DL_PH_ACTOR, DL_PH_AGENT */
    int *span_index;          /* actor or agent index, for the span's first token */
    int *span_len;            /* tokens of the span starting here, 0 inside or outside */
    int *sub_max;             /* per token: the last token of its subtree */
    int *sub_min;
    DL_VEC(unit) units;
    DL_VEC(group) groups;
    int *group_at;            /* per token: the group starting here, else -1 */
    int *group_end;           /* per token: the group ending here, else -1 */
    size_t steps;             /* pattern matching budget */
    uint8_t *discard;         /* per sentence: 0, 1 sentence discard, 2 story discard */
    DL_VEC(vocc) occs;        /* the sentence's coded verbs */
} pctx;

static int tok_upos_is(const pctx *cx, size_t i, const char *tag) {
    const dl_doc *doc = cx->doc;
    return doc->upos && doc->upos[i] && strcmp(doc->upos[i], tag) == 0;
}

/* ---- phrases ----------------------------------------------------------- */

/* The longest dictionary phrase starting at token i (within the sentence):
 * its first hit, and its length in *len. */
static int phrase_at(const pctx *cx, size_t i, size_t *len) {
    char key[1024];
    size_t klen = 0;
    int best = -1;
    *len = 0;
    for (size_t n = 1; n <= cx->pd->max_phrase && i + n <= cx->s1; n++) {
        const char *w = cx->doc->toks.v[i + n - 1].norm;
        size_t wl = strlen(w);
        if (n > 1 && strcmp(w, "_") == 0) continue;   /* "Dol_Amroth": '_' joins words, as in the dictionaries */
        if (klen + wl + 2 > sizeof key) break;
        if (n > 1) key[klen++] = ' ';
        memcpy(key + klen, w, wl);
        klen += wl;
        int h = dl_map_get(&cx->pd->phrases, key, klen);
        if (h >= 0) { best = h; *len = n; }
    }
    return best;
}

/* 1 sentence discard, 2 story discard, 0 none. */
static int discard_in(pctx *cx) {
    int found = 0;
    for (size_t i = cx->s0; i < cx->s1; i++) {
        size_t len;
        for (int h = phrase_at(cx, i, &len); h >= 0; h = cx->pd->hits.v[h].next) {
            const dl_phit *hit = &cx->pd->hits.v[h];
            if (hit->kind == DL_PH_STORYDISCARD) return 2;
            if (hit->kind == DL_PH_DISCARD) found = 1;
        }
    }
    return found;
}

/* Marks actor and agent phrases, longest first, left to right. */
static void mark_spans(pctx *cx) {
    for (size_t i = cx->s0; i < cx->s1;) {
        size_t len;
        int h = phrase_at(cx, i, &len), kind = 0, index = -1;
        for (; h >= 0; h = cx->pd->hits.v[h].next) {
            const dl_phit *hit = &cx->pd->hits.v[h];
            if (hit->kind == DL_PH_ACTOR) { kind = DL_PH_ACTOR; index = hit->index; break; }
            if (hit->kind == DL_PH_AGENT && !kind) { kind = DL_PH_AGENT; index = hit->index; }
        }
        if (!kind) { i++; continue; }
        size_t r = i - cx->s0;
        cx->span_kind[r] = kind;
        cx->span_index[r] = index;
        cx->span_len[r] = (int)len;
        for (size_t k = 1; k < len; k++) cx->span_kind[r + k] = -1;   /* inside a span */
        i += len;
    }
}

/* ---- units and groups --------------------------------------------------- */

static const char *const POSS_PRONOUNS[] = {"his", "her", "its", "their", "our", "my", "your", NULL};

static int nominal(const pctx *cx, size_t i) {
    size_t r = i - cx->s0;
    if (cx->span_kind[r]) return 1;
    const dl_token *t = &cx->doc->toks.v[i];
    if (i > cx->s0 && i + 1 < cx->s1 && tok_upos_is(cx, i - 1, "ADJ") && tok_upos_is(cx, i + 1, "ADJ") &&
        (strcmp(t->norm, "and") == 0 || strcmp(t->norm, "or") == 0 || strcmp(t->norm, ",") == 0))
        return 1;   /* "awful and evil minister": one noun phrase */
    if (t->kind == DL_TOK_NUM) return 1;
    if (t->kind != DL_TOK_WORD) return 0;
    if (!cx->doc->upos) return 1;
    if (tok_upos_is(cx, i, "PROPN") || tok_upos_is(cx, i, "NOUN") || tok_upos_is(cx, i, "ADJ") ||
        tok_upos_is(cx, i, "NUM") || tok_upos_is(cx, i, "DET"))
        return 1;
    if (strcmp(t->norm, "'s") == 0 || strcmp(t->norm, "'") == 0) return 1;
    return dl_word_in(t->norm, POSS_PRONOUNS);
}

/* Does code already hold part as one of its three-letter segments? */
static int has_segment(const char *code, const char *part) {
    size_t n = strlen(code), p = strlen(part);
    for (size_t i = 0; i + p <= n; i += 3)
        if (strncmp(code + i, part, p) == 0) return 1;
    return 0;
}

/* Appends the agents' codes to pre (prefix agents) and post, each once. */
static void agent_codes(const dl_pagent *const *agents, size_t nag, char pre[MAX_UNIT_CODE],
                        char post[MAX_UNIT_CODE]) {
    pre[0] = post[0] = '\0';
    for (size_t k = 0; k < nag; k++) {
        char *dst = agents[k]->prefix ? pre : post;
        if (strstr(dst, agents[k]->code)) continue;
        size_t len = strlen(dst);
        snprintf(dst + len, MAX_UNIT_CODE - len, "%s", agents[k]->code);
    }
}

/* pre + actor + post, leaving out agent codes the actor's code already
 * holds ("USAGOV" + "GOV" stays "USAGOV"). */
static void compose(char out[MAX_UNIT_CODE], const char *actor, const char *pre, const char *post) {
    char p[MAX_UNIT_CODE], q[MAX_UNIT_CODE];
    snprintf(p, sizeof p, "%s", has_segment(actor, pre) ? "" : pre);
    snprintf(q, sizeof q, "%s", *post && has_segment(actor, post) ? "" : post);
    snprintf(out, MAX_UNIT_CODE, "%.20s%.20s%.20s", p, actor, q);
}

static dl_status push_unit(pctx *cx, size_t t0, size_t t1, const char *base, const char *pre,
                           const char *post, int has_actor) {
    unit *u = DL_VEC_PUSH(&cx->units);
    if (!u) return DL_ERR_NOMEM;
    memset(u, 0, sizeof *u);
    u->t0 = (uint32_t)t0;
    u->t1 = (uint32_t)t1;
    compose(u->code, base, pre, post);
    snprintf(u->base, sizeof u->base, "%s", base);
    snprintf(u->pre, sizeof u->pre, "%s", pre);
    snprintf(u->post, sizeof u->post, "%s", post);
    u->actor = -1;
    u->has_actor = (uint8_t)has_actor;
    return DL_OK;
}

/* The units of one chunk [t0, t1). */
static dl_status chunk_units(pctx *cx, size_t t0, size_t t1) {
    const dl_pagent *agents[16];
    size_t nag = 0;
    const char *code = NULL;   /* a chunk's first actor is its head */
    for (size_t i = t0; i < t1; i++) {
        size_t r = i - cx->s0;
        if (cx->span_kind[r] == DL_PH_AGENT && nag < 16) agents[nag++] = &cx->pd->agents.v[cx->span_index[r]];
        if (cx->span_kind[r] == DL_PH_ACTOR && !code) code = dl_pdict_code_at(cx->pd, cx->span_index[r], cx->date);
    }
    if (!code && !nag) return DL_OK;
    char pre[MAX_UNIT_CODE], post[MAX_UNIT_CODE];
    agent_codes(agents, nag, pre, post);
    if (!code) return push_unit(cx, t0, t1, "---", pre, post, 0);
    /* "FRO/BIL/SAM": one phrase, several actors */
    char list[MAX_UNIT_CODE * 2];
    snprintf(list, sizeof list, "%s", code);
    char *save = NULL;
    for (char *one = strtok_r(list, "/", &save); one; one = strtok_r(NULL, "/", &save)) {
        dl_status st = push_unit(cx, t0, t1, one, pre, post, 1);
        if (st != DL_OK) return st;
    }
    return DL_OK;
}

static int is_link_word(const pctx *cx, size_t i) {
    const dl_token *t = &cx->doc->toks.v[i];
    if (t->kind == DL_TOK_PUNCT) return cx->doc->article.body[t->off] == ',';
    return strcmp(t->norm, "and") == 0 || strcmp(t->norm, "or") == 0 || strcmp(t->norm, "nor") == 0;
}

/* Chunks -> units -> groups (units joined by "and", "or" or commas). */
static dl_status build_units(pctx *cx) {
    for (size_t i = cx->s0; i < cx->s1;) {
        if (!nominal(cx, i)) { i++; continue; }
        size_t j = i;
        while (j < cx->s1 && nominal(cx, j)) {
            size_t r = j - cx->s0;
            j += cx->span_len[r] > 0 ? (size_t)cx->span_len[r] : 1;
        }
        if (j > cx->s1) j = cx->s1;
        dl_status st = chunk_units(cx, i, j);
        if (st != DL_OK) return st;
        i = j;
    }
    /* groups: consecutive units whose chunks are separated only by link words */
    for (size_t u = 0; u < cx->units.n;) {
        group *g = DL_VEC_PUSH(&cx->groups);
        if (!g) return DL_ERR_NOMEM;
        g->u0 = u;
        g->nu = 0;
        g->t0 = cx->units.v[u].t0;
        size_t v = u;
        while (v < cx->units.n) {
            const unit *x = &cx->units.v[v];
            if (v > u) {
                const unit *prev = &cx->units.v[v - 1];
                int linked = x->t0 == prev->t0;   /* same chunk */
                if (!linked && x->t0 > prev->t1) {
                    linked = 1;
                    for (size_t k = prev->t1; k < x->t0 && linked; k++) linked = is_link_word(cx, k);
                }
                if (!linked) break;
            }
            g->t1 = x->t1;
            g->nu++;
            v++;
        }
        u = v;
    }
    return DL_OK;
}

/* "officials of X", "lawmakers in X and Y", "Ithilen and the government of
 * Gondor": the agents-only units that end a group, followed by of/in/from
 * and a group with actors, lend their agents to its actors; the two groups
 * become one. */
static void link_agents(pctx *cx) {
    static const char *const LINKS[] = {"of", "in", "from", NULL};
    for (size_t g = 0; g + 1 < cx->groups.n; g++) {
        group a = cx->groups.v[g], b = cx->groups.v[g + 1];
        size_t run = 0;   /* trailing agents-only units of a */
        while (run < a.nu && !cx->units.v[a.u0 + a.nu - 1 - run].has_actor) run++;
        if (!run) continue;
        size_t gap = a.t1;
        if (!(gap + 1 == b.t0 || (gap + 2 == b.t0 && dl_tok_is(cx->doc, gap + 1, "the"))) ||
            gap >= cx->s1 || !dl_word_in(cx->doc->toks.v[gap].norm, LINKS))
            continue;
        int any_actor = 0;
        for (size_t k = 0; k < b.nu; k++) any_actor |= cx->units.v[b.u0 + k].has_actor;
        if (!any_actor) continue;
        size_t start = cx->units.n;
        for (size_t k = 0; k + run < a.nu; k++) {   /* a's actors stay */
            unit keep = cx->units.v[a.u0 + k];
            unit *slot = DL_VEC_PUSH(&cx->units);
            if (slot) *slot = keep;
        }
        for (size_t k = 0; k < b.nu; k++) {   /* GON + (---)GOV -> GONGOV, for each */
            for (size_t m = a.nu - run; m < a.nu; m++) {
                unit base = cx->units.v[b.u0 + k], ag = cx->units.v[a.u0 + m];
                char pre[2 * MAX_UNIT_CODE], post[2 * MAX_UNIT_CODE];
                snprintf(pre, sizeof pre, "%s%s", ag.pre, base.pre);
                snprintf(post, sizeof post, "%s%s", base.post, ag.post);
                compose(base.code, base.base, pre, post);
                unit *slot = DL_VEC_PUSH(&cx->units);
                if (slot) *slot = base;
            }
        }
        group *ga = &cx->groups.v[g];
        ga->u0 = start;
        ga->nu = cx->units.n - start;
        ga->t1 = b.t1;
        cx->groups.v[g + 1].nu = 0;
    }
}

/* "Danish media and government": an agents-only unit right after an actor
 * in a group shares that actor. */
static void share_actors(pctx *cx) {
    for (size_t g = 0; g < cx->groups.n; g++) {
        const group *x = &cx->groups.v[g];
        for (size_t k = 1; k < x->nu; k++) {
            unit *u = &cx->units.v[x->u0 + k];
            const unit *prev = &cx->units.v[x->u0 + k - 1];
            if (u->has_actor || !prev->has_actor) continue;
            memcpy(u->base, prev->base, sizeof u->base);
            compose(u->code, u->base, u->pre, u->post);
            u->has_actor = 1;
        }
    }
}

static void index_groups(pctx *cx) {
    for (size_t i = 0; i < cx->s1 - cx->s0; i++) cx->group_at[i] = cx->group_end[i] = -1;
    for (size_t g = 0; g < cx->groups.n; g++) {
        const group *x = &cx->groups.v[g];
        if (!x->nu) continue;
        if (cx->group_at[x->t0 - cx->s0] < 0) cx->group_at[x->t0 - cx->s0] = (int)g;
        cx->group_end[x->t1 - 1 - cx->s0] = (int)g;
    }
}

/* The group whose span holds token i, or -1. */
static int group_holding(const pctx *cx, size_t i) {
    for (size_t g = 0; g < cx->groups.n; g++) {
        const group *x = &cx->groups.v[g];
        if (x->nu && i >= x->t0 && i < x->t1) return (int)g;
    }
    return -1;
}

/* ---- syntax ------------------------------------------------------------- */

static void subtree_spans(pctx *cx) {
    const dl_doc *doc = cx->doc;
    size_t n = cx->s1 - cx->s0;
    for (size_t i = 0; i < n; i++) cx->sub_min[i] = cx->sub_max[i] = (int)(cx->s0 + i);
    if (!doc->head) return;
    for (size_t i = cx->s0; i < cx->s1; i++) {
        int h = doc->head[i];
        for (size_t guard = 0; h >= (int)cx->s0 && h < (int)cx->s1 && guard < n; guard++) {
            size_t r = (size_t)h - cx->s0;
            if ((int)i < cx->sub_min[r]) cx->sub_min[r] = (int)i;
            if ((int)i > cx->sub_max[r]) cx->sub_max[r] = (int)i;
            h = doc->head[h];
        }
    }
}

static const char *rel(const pctx *cx, size_t i) {
    return cx->doc->deprel && cx->doc->deprel[i] ? cx->doc->deprel[i] : "";
}

/* The child of h with relation r (prefix match, "nsubj" takes "nsubj:pass"). */
static int child(const pctx *cx, size_t h, const char *r) {
    if (!cx->doc->head) return -1;
    for (size_t i = cx->s0; i < cx->s1; i++)
        if (cx->doc->head[i] == (int)h && strncmp(rel(cx, i), r, strlen(r)) == 0) return (int)i;
    return -1;
}

/* The group of the first unit inside token span [a, b]. */
static int group_in(const pctx *cx, int a, int b) {
    for (int i = a; i <= b && i >= 0 && (size_t)i < cx->s1; i++) {
        int g = group_holding(cx, (size_t)i);
        if (g >= 0) return g;
    }
    return -1;
}

static const char *const CLAUSAL[] = {"ccomp", "advcl", "acl", "acl:relcl", "xcomp", "csubj",
                                      "parataxis", NULL};

/* How many steps up the parse lead from token t to h (0 when t is h)
 * without crossing a clause boundary; -1 when h is not reached within
 * max steps. */
static int steps_up(const pctx *cx, size_t t, size_t h, size_t max) {
    size_t k = t;
    for (size_t step = 0; step <= max; step++) {
        if (k == h) return (int)step;
        if (dl_word_in(rel(cx, k), CLAUSAL)) return -1;
        int up = cx->doc->head[k];
        if (up < (int)cx->s0 || up >= (int)cx->s1) return -1;
        k = (size_t)up;
    }
    return -1;
}

/* Is token t in the phrase headed by h, with no clause boundary between? */
static int in_phrase(const pctx *cx, size_t t, size_t h) {
    return steps_up(cx, t, h, cx->s1 - cx->s0) >= 0;
}

/* The actors of the noun phrase headed by h ("Ithilen's sheep and goats of
 * Gondor": ITH and GON) as one group: a group of the phrase, or a new one
 * joining several.  -1 when the phrase names none. */
static int phrase_group(pctx *cx, size_t h) {
    size_t r = h - cx->s0;
    int found[8], n = 0;
    for (size_t g = 0; g < cx->groups.n && n < 8; g++) {
        const group *x = &cx->groups.v[g];
        if (!x->nu || (int)x->t0 < cx->sub_min[r] || (int)x->t0 > cx->sub_max[r]) continue;
        int inside = 0;
        for (size_t t = x->t0; t < x->t1 && !inside; t++) inside = in_phrase(cx, t, h);
        if (inside) found[n++] = (int)g;
    }
    if (n <= 1) return n ? found[0] : group_in(cx, cx->sub_min[r], cx->sub_max[r]);
    group joined = {.t0 = cx->groups.v[found[0]].t0, .t1 = cx->groups.v[found[n - 1]].t1,
                    .u0 = cx->units.n, .nu = 0};
    for (int i = 0; i < n; i++) {
        group x = cx->groups.v[found[i]];
        for (size_t k = 0; k < x.nu; k++) {
            unit u = cx->units.v[x.u0 + k];
            unit *slot = DL_VEC_PUSH(&cx->units);
            if (slot) { *slot = u; joined.nu++; }
        }
    }
    group *slot = DL_VEC_PUSH(&cx->groups);
    if (!slot) return found[0];
    *slot = joined;
    return (int)(cx->groups.n - 1);
}

/* The subject group of verb h: its own subject, else the subject of the
 * clause it is an xcomp or conj of.  *passive is set for nsubj:pass
 * subjects. */
static int subject_group(pctx *cx, size_t h, int *passive) {
    *passive = 0;
    size_t v = h;
    for (int hop = 0; hop < 6; hop++) {
        int s = child(cx, v, "nsubj");
        if (s < 0) s = child(cx, v, "csubj");
        if (s >= 0) {
            *passive = strcmp(rel(cx, (size_t)s), "nsubj:pass") == 0 && v == h;
            return phrase_group(cx, (size_t)s);
        }
        const char *r = rel(cx, v);
        int up = cx->doc->head ? cx->doc->head[v] : -1;
        if (up < (int)cx->s0 || up >= (int)cx->s1) break;
        if (strcmp(r, "xcomp") && strncmp(r, "conj", 4)) break;
        v = (size_t)up;
    }
    return -1;
}

/* The group of a "by X" agent of passive verb h, or -1. */
static int by_agent(const pctx *cx, size_t h) {
    if (!cx->doc->head) return -1;
    for (size_t i = cx->s0; i < cx->s1; i++) {
        if (cx->doc->head[i] != (int)h || strncmp(rel(cx, i), "obl", 3) != 0) continue;
        int c = child(cx, i, "case");
        if (c >= 0 && dl_tok_is(cx->doc, (size_t)c, "by")) {
            size_t r = i - cx->s0;
            return group_in(cx, cx->sub_min[r], cx->sub_max[r]);
        }
    }
    return -1;
}

/* Is group g an argument of verb h: some token of it three steps or fewer
 * below h, with no clause boundary on the way ("addressed issues of
 * interest, including the presence of X" is not an act toward X)? */
static int argument_of(const pctx *cx, int g, size_t h) {
    if (!cx->doc->head) return 1;
    const group *x = &cx->groups.v[g];
    for (size_t t = x->t0; t < x->t1; t++)
        if (steps_up(cx, t, h, 3) > 0) return 1;
    return 0;
}

/* The nearest group ending before token i (when the parse gives none). */
static int group_before(const pctx *cx, size_t i) {
    for (size_t k = i; k > cx->s0; k--) {
        int g = cx->group_end[k - 1 - cx->s0];
        if (g >= 0) return g;
    }
    return -1;
}

/* The first group starting in [from, to]. */
static int group_after(const pctx *cx, size_t from, size_t to) {
    for (size_t k = from; k <= to && k < cx->s1; k++) {
        int g = cx->group_at[k - cx->s0];
        if (g >= 0) return g;
    }
    return -1;
}

/* ---- patterns ------------------------------------------------------------ */

typedef struct {
    int source, target;   /* groups the $ and + markers took, -1 when none */
    int compound;
} pmatch;

/* Do the n tokens from pos spell key ("wire tapped", space-separated)? */
static int tokens_spell(const dl_doc *doc, size_t pos, size_t n, const char *key) {
    const char *k = key;
    for (size_t i = 0; i < n; i++) {
        const char *w = doc->toks.v[pos + i].norm;
        size_t wl = strlen(w);
        if (strncmp(k, w, wl) != 0 || (k[wl] != ' ' && k[wl] != '\0')) return 0;
        k += wl;
        if (*k == ' ') k++;
        else if (i + 1 < n) return 0;
    }
    return *k == '\0';
}

/* The tokens a member of set covers from pos, 0 when none matches. */
static int set_len_forward(const pctx *cx, const dl_psynset *set, size_t pos, size_t end) {
    for (size_t m = 0; m < set->members.n; m++) {
        const dl_pmember *mb = &set->members.v[m];
        if (pos + mb->ntok <= end && tokens_spell(cx->doc, pos, mb->ntok, mb->key)) return mb->ntok;
    }
    return 0;
}

/* A $ or + marker takes group g (or fails when g < 0): sets the match's
 * source or target and returns the tokens the group covers, else -1. */
static int take_group(const pctx *cx, const dl_pel *e, int g, pmatch *m) {
    if (g < 0) return -1;
    if (e->kind == DL_PE_SOURCE) m->source = g; else m->target = g;
    return (int)(cx->groups.v[g].t1 - cx->groups.v[g].t0);
}

/* Does element e match at pos going forward?  Returns tokens taken, -1 if
 * not; markers set the match's groups. */
static int el_forward(const pctx *cx, const dl_pel *e, size_t pos, size_t end, pmatch *m) {
    switch (e->kind) {
    case DL_PE_WORD:
        return pos < end && strcmp(cx->doc->toks.v[pos].norm, e->word) == 0 ? 1 : -1;
    case DL_PE_SET: {
        int n = pos < end ? set_len_forward(cx, &cx->pd->synsets.v[e->set], pos, end) : 0;
        return n > 0 ? n : -1;
    }
    case DL_PE_SOURCE: case DL_PE_TARGET: case DL_PE_COMPOUND:
        return take_group(cx, e, pos < end ? cx->group_at[pos - cx->s0] : -1, m);
    default:
        return 0;
    }
}

static int match_post(pctx *cx, const dl_pel *els, size_t n, size_t pos, size_t end, pmatch *m) {
    if (n == 0) return 1;
    if (++cx->steps > 20000) return 0;
    if (els[0].kind == DL_PE_SKIP) {   /* skip the next noun phrase */
        size_t p = pos;
        while (p < end && !nominal(cx, p)) p++;
        if (p == end) p = pos;
        while (p < end && nominal(cx, p)) p++;
        return match_post(cx, els + 1, n - 1, p, end, m);
    }
    for (size_t p = pos; p <= end; p++) {
        pmatch saved = *m;
        int took = el_forward(cx, &els[0], p, end, m);
        if (took >= 0 && (n == 1 || match_post(cx, els + 1, n - 1, p + (size_t)took, end, m))) return 1;
        *m = saved;
        if (els[0].joined) break;
    }
    return 0;
}

/* Element e ending just before pos (going backward): tokens taken or -1. */
static int el_backward(const pctx *cx, const dl_pel *e, size_t pos, pmatch *m) {
    if (pos <= cx->s0) return e->kind == DL_PE_SKIP ? 0 : -1;
    switch (e->kind) {
    case DL_PE_WORD:
        return strcmp(cx->doc->toks.v[pos - 1].norm, e->word) == 0 ? 1 : -1;
    case DL_PE_SET: {
        const dl_psynset *set = &cx->pd->synsets.v[e->set];
        for (size_t n = 1; n <= 8 && n <= pos - cx->s0; n++)
            if (set_len_forward(cx, set, pos - n, pos) == (int)n) return (int)n;
        return -1;
    }
    case DL_PE_SOURCE: case DL_PE_TARGET:
        return take_group(cx, e, cx->group_end[pos - 1 - cx->s0], m);
    default:
        return 0;
    }
}

static int match_pre(pctx *cx, const dl_pel *els, size_t n, size_t pos, pmatch *m) {
    if (n == 0) return 1;
    if (++cx->steps > 20000) return 0;
    if (els[0].kind == DL_PE_SKIP) return match_pre(cx, els + 1, n - 1, pos, m);
    if (els[0].kind == DL_PE_COMPOUND) { m->compound = 1; return match_pre(cx, els + 1, n - 1, pos, m); }
    for (size_t p = pos; p > cx->s0; p--) {
        pmatch saved = *m;
        int took = el_backward(cx, &els[0], p, m);
        if (took >= 0 && (size_t)took <= p - cx->s0 &&
            (n == 1 || match_pre(cx, els + 1, n - 1, p - (size_t)took, m)))
            return 1;
        *m = saved;
        if (els[0].joined) break;
    }
    return 0;
}

/* ---- events --------------------------------------------------------------- */

/* A usable event code: 2-4 digits and an optional letter ("174K"). */
static int valid_code(const char *c) {
    size_t d = 0;
    while (isdigit((unsigned char)c[d])) d++;
    if (d < 2 || d > 4) return 0;
    return c[d] == '\0' || (isupper((unsigned char)c[d]) && c[d + 1] == '\0');
}

static int unit_actor(pctx *cx, unit *u) {
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
    if (u->has_actor && strlen(u->code) >= 3)
        x->country = dl_arena_strndup(&doc->arena, u->code, 3);
    x->entry = -1;
    x->n_mentions = 1;
    x->first_off = a->off;
    return u->actor = idx;
}

static void emit(pctx *cx, unit *s, unit *t, const char *code, size_t v0, size_t v1, const char *rule) {
    if (!valid_code(code) || strcmp(s->code, t->code) == 0) return;
    /* filling gaps after our own coder: named actors only, no "---GOV" */
    if (!cx->eng->dict_only && (!s->has_actor || !t->has_actor)) return;
    dl_doc *doc = cx->doc;
    uint32_t sent = doc->toks.v[v0].sent;
    for (size_t i = 0; i < doc->events.n; i++) {
        const dl_event *e = &doc->events.v[i];
        if (e->sent == sent && strcmp(e->cameo, code) == 0 && e->source_code &&
            strcmp(e->source_code, s->code) == 0 && e->target_code && strcmp(e->target_code, t->code) == 0)
            return;
    }
    int src = unit_actor(cx, s), tgt = unit_actor(cx, t);
    dl_event *e = DL_VEC_PUSH(&doc->events);
    if (!e) return;
    memset(e, 0, sizeof *e);
    e->source = src;
    e->target = tgt;
    snprintf(e->cameo, sizeof e->cameo, "%s", code);
    const dl_cameo *c = cx->eng->codebook ? dl_codebook_find(cx->eng->codebook, code) : NULL;
    e->goldstein = c ? c->goldstein : 0;
    e->quad = c ? c->quad : 0;
    e->plover = c ? c->plover : NULL;
    e->plover_mode = c ? c->plover_mode : NULL;
    e->sent = sent;
    e->off = doc->toks.v[v0].off;
    const dl_token *last = &doc->toks.v[v1 - 1];
    e->len = last->off + last->len - e->off;
    e->rule = rule;
    e->quote = -1;
    e->confidence = 0.7f;
    dl__event_date(doc, sent, cx->pub, cx->story, e->date);
    e->place = -1;
    e->source_code = src >= 0 ? doc->actors.v[src].code : s->code;
    e->target_code = tgt >= 0 ? doc->actors.v[tgt].code : t->code;
}

/* Events between every source unit and every target unit. */
static void emit_pairs(pctx *cx, int sg, int tg, const char *active, const char *passive,
                       int compound, size_t v0, size_t v1, const char *rule) {
    const group *S = &cx->groups.v[sg];
    if (compound) {
        for (size_t a = 0; a < S->nu; a++)
            for (size_t b = 0; b < S->nu; b++)
                if (a != b)
                    emit(cx, &cx->units.v[S->u0 + a], &cx->units.v[S->u0 + b], *active ? active : passive, v0, v1, rule);
        return;
    }
    if (tg < 0) return;
    const group *T = &cx->groups.v[tg];
    for (size_t a = 0; a < S->nu; a++)
        for (size_t b = 0; b < T->nu; b++) {
            unit *s = &cx->units.v[S->u0 + a], *t = &cx->units.v[T->u0 + b];
            if (*active) emit(cx, s, t, active, v0, v1, rule);
            if (*passive) emit(cx, t, s, passive, v0, v1, rule);
        }
}

static const char *const MODALS[] = {"will", "would", "can", "could", "may", "might", "shall",
                                     "should", "must", "to", "did", "does", "do", NULL};

/* Is the form [a, b) with its inflected word at head used as a verb?  The
 * tagger says so, or a modal or "to" stands right before it ("will
 * abandon" tagged as an adverb), or another of its words is a verb ("wire
 * tap" with "wire" the verb). */
static int verb_like(const pctx *cx, size_t a, size_t b, size_t head) {
    if (!cx->doc->upos || tok_upos_is(cx, head, "VERB")) return 1;
    for (size_t k = a; k < b; k++)
        if (k != head && tok_upos_is(cx, k, "VERB")) return 1;
    size_t k = a;
    while (k > cx->s0 && (dl_tok_is(cx->doc, k - 1, "not") || dl_tok_is(cx->doc, k - 1, "n't") ||
                          tok_upos_is(cx, k - 1, "ADV")))
        k--;
    return k > cx->s0 && dl_word_in(cx->doc->toks.v[k - 1].norm, MODALS) &&
           !tok_upos_is(cx, head, "NOUN") && !tok_upos_is(cx, head, "PROPN");
}

/* The verb form starting at token i (longest), or -1; *end gets its end. */
static int verb_at(const pctx *cx, size_t i, size_t *end) {
    const dl_doc *doc = cx->doc;
    const char *w = doc->toks.v[i].norm;
    int best = -1;
    size_t best_n = 0;
    for (int v = dl_map_get(&cx->pd->verb_index, w, strlen(w)); v >= 0; v = cx->pd->verbs.v[v].next) {
        const dl_pverb *pv = &cx->pd->verbs.v[v];
        if (i + pv->ntok > cx->s1 || pv->ntok <= best_n) continue;
        if (!tokens_spell(doc, i, pv->ntok, pv->key)) continue;
        if (!verb_like(cx, i, i + pv->ntok, i + pv->head)) continue;
        best = v;
        best_n = pv->ntok;
    }
    *end = i + best_n;
    return best;
}

static void code_verb(pctx *cx, int vi, size_t v0, size_t v1) {
    const dl_pverb *pv = &cx->pd->verbs.v[vi];
    const dl_pblock *b = &cx->pd->blocks.v[pv->block];
    size_t h = v0 + pv->head;
    size_t post_end = (size_t)cx->sub_max[h - cx->s0] + 1;
    if (post_end <= v1) post_end = cx->s1;   /* a verb the parse left bare: the rest of the sentence */
    /* the most specific matching pattern */
    const dl_ppattern *best = NULL;
    pmatch bm = {-1, -1, 0};
    for (size_t k = 0; k < b->npat; k++) {
        const dl_ppattern *p = &cx->pd->patterns.v[b->pat0 + k];
        if (best && p->nlit <= best->nlit) continue;
        pmatch m = {-1, -1, 0};
        cx->steps = 0;
        if (!match_pre(cx, p->pre, p->npre, v0, &m)) continue;
        if (!match_post(cx, p->post, p->npost, v1, post_end, &m)) continue;
        best = p;
        bm = m;
    }
    const char *active = best ? best->active : pv->has_code ? pv->active : b->active;
    const char *passive = best ? best->passive : pv->has_code ? pv->passive : b->passive;
    const char *rule = best ? best->rule : pv->rule;
    int passive_voice = 0;
    int sg = bm.source >= 0 ? bm.source : subject_group(cx, h, &passive_voice);
    int tg = bm.target;
    if (passive_voice && bm.source < 0) {
        int agent = by_agent(cx, h);
        if (agent >= 0) { tg = tg >= 0 ? tg : sg; sg = agent; }
        else passive_voice = 0;
    }
    /* no subject in the parse: the nearest actor before, unless our own
     * coder ran first (then theirs only fills gaps, conservatively) */
    if (sg < 0 && cx->eng->dict_only) sg = group_before(cx, v0);
    if (tg < 0 && !passive_voice) {
        tg = group_after(cx, v1, post_end - 1);
        /* filling gaps after our own coder: only the verb's own arguments */
        if (tg >= 0 && !cx->eng->dict_only && !argument_of(cx, tg, h)) return;
    }
    vocc *o = DL_VEC_PUSH(&cx->occs);
    if (o) {
        *o = (vocc){.h = h, .v0 = v0, .v1 = v1, .block = pv->block, .sg = sg, .tg = tg,
                    .own_subject = child(cx, h, "nsubj") >= 0 || child(cx, h, "csubj") >= 0,
                    .ev0 = cx->doc->events.n, .ev1 = cx->doc->events.n};
        snprintf(o->active, sizeof o->active, "%s", active);
    }
    if (sg < 0 || sg == tg) return;
    if (bm.compound && cx->groups.v[sg].nu < 2) return;
    /* "Gondor and Osgiliath renewed ties": a two-way code with a compound
     * subject and no object is an act between the members */
    if (tg < 0 && *active && *passive && cx->groups.v[sg].nu >= 2) bm.compound = 1;
    emit_pairs(cx, sg, tg, active, passive, bm.compound, v0, v1, rule);
    if (o) cx->occs.v[cx->occs.n - 1].ev1 = cx->doc->events.n;
}

/* ---- transformations -------------------------------------------------------- */

/* Is verb i inside the clause of verb o (its ccomp or xcomp, two steps
 * at most): "X said [Y attacked Z]", "X wants [to attack Z]"? */
static int embedded(const pctx *cx, size_t i, size_t o) {
    size_t k = i;
    for (int hop = 0; hop < 2; hop++) {
        const char *r = rel(cx, k);
        if (strcmp(r, "ccomp") != 0 && strcmp(r, "xcomp") != 0) return 0;
        int up = cx->doc->head[k];
        if (up < (int)cx->s0 || up >= (int)cx->s1) return 0;
        if ((size_t)up == o) return 1;
        k = (size_t)up;
    }
    return 0;
}

static int same_actor(const pctx *cx, int g1, int g2) {
    if (g1 == g2) return 1;
    if (g1 < 0 || g2 < 0 || !cx->groups.v[g1].nu || !cx->groups.v[g2].nu) return 0;
    return strcmp(cx->units.v[cx->groups.v[g1].u0].code, cx->units.v[cx->groups.v[g2].u0].code) == 0;
}

/* Binds variable v to group g: letters bind once (and must agree after),
 * '.' wants an actor, '_' wants none. */
static int bind(const pctx *cx, int vars[26], char v, int g) {
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

static int verb_named(const pctx *cx, const vocc *o, const char *name) {
    return strcmp(name, "Q") == 0 || strcmp(cx->pd->blocks.v[o->block].name, name) == 0;
}

/* Does rule t turn outer verb o and inner verb i into one event?  Sets the
 * result's source, target and code. */
static int transform_matches(const pctx *cx, const dl_ptransform *t, const vocc *o, const vocc *i, int *sg,
                             int *tg, const char **code) {
    if (!verb_named(cx, o, t->out_verb) || !verb_named(cx, i, t->in_verb) || !embedded(cx, i->h, o->h))
        return 0;
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

/* Drops the events of occurrences whose mask is set, keeping the rest in order. */
static void drop_events(pctx *cx, const unsigned char *drop) {
    dl_doc *doc = cx->doc;
    size_t w = 0;
    for (size_t e = 0; e < doc->events.n; e++)
        if (!drop[e]) doc->events.v[w++] = doc->events.v[e];
    doc->events.n = w;
}

/* Applies the first rule that fits each (outer, inner) pair of the
 * sentence's verbs: both verbs' events give way to the rule's event. */
static dl_status transform_sentence(pctx *cx) {
    const struct dl_pdict *pd = cx->pd;
    if (!pd->transforms.n || cx->occs.n < 2 || !cx->doc->head) return DL_OK;
    unsigned char *drop = calloc(cx->doc->events.n + 1, 1);
    if (!drop) return DL_ERR_NOMEM;
    struct { int sg, tg; const char *code, *rule; size_t v0, v1; } made[16];
    size_t nmade = 0;
    for (size_t a = 0; a < cx->occs.n; a++)
        for (size_t b = 0; b < cx->occs.n && nmade < 16; b++) {
            const vocc *o = &cx->occs.v[a], *i = &cx->occs.v[b];
            if (a == b) continue;
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
                nmade++;
                break;
            }
        }
    drop_events(cx, drop);
    free(drop);
    for (size_t m = 0; m < nmade; m++)
        emit_pairs(cx, made[m].sg, made[m].tg, made[m].code, "", 0, made[m].v0, made[m].v1, made[m].rule);
    return DL_OK;
}

static dl_status code_sentence(pctx *cx, size_t s) {
    const dl_sent *se = &cx->doc->sents.v[s];
    cx->s0 = se->tok0;
    cx->s1 = se->tok0 + se->ntok;
    size_t n = se->ntok;
    if (n == 0) return DL_OK;
    for (size_t i = 0; i < n; i++) cx->span_kind[i] = cx->span_index[i] = cx->span_len[i] = 0;
    cx->units.n = 0;
    cx->groups.n = 0;
    if (cx->discard[s]) return DL_OK;
    mark_spans(cx);
    dl_status st = build_units(cx);
    if (st != DL_OK) return st;
    link_agents(cx);
    share_actors(cx);
    index_groups(cx);
    subtree_spans(cx);
    cx->occs.n = 0;
    for (size_t i = cx->s0; i < cx->s1; i++) {
        size_t end;
        int v = verb_at(cx, i, &end);
        if (v < 0) continue;
        code_verb(cx, v, i, end);
    }
    return transform_sentence(cx);
}

/* Finds each sentence's discards (cx->discard); true when one discards the
 * whole story. */
static int story_discarded(pctx *cx) {
    int story = 0;
    for (size_t s = 0; s < cx->doc->sents.n; s++) {
        cx->s0 = cx->doc->sents.v[s].tok0;
        cx->s1 = cx->s0 + cx->doc->sents.v[s].ntok;
        cx->discard[s] = (uint8_t)discard_in(cx);
        story |= cx->discard[s] == 2;
    }
    return story;
}

static int sentence_has_event(const dl_doc *doc, size_t n, size_t s) {
    for (size_t i = 0; i < n; i++)
        if (doc->events.v[i].sent == s) return 1;
    return 0;
}

static int32_t date_number(const char *iso) {
    int y = 0, m = 7, d = 1;
    if (sscanf(iso, "%d-%d-%d", &y, &m, &d) < 1) return 0;
    return y * 10000 + m * 100 + d;
}

dl_status dl__pcoder_run(dl_engine *eng, dl_doc *doc) {
    const struct dl_pdict *pd = eng->pdict;
    if (!pd || !pd->verbs.n || !doc->toks.n) return DL_OK;
    pctx cx = {.eng = eng, .doc = doc, .pd = pd};
    dl_doc_pub_date(doc, cx.pub);
    dl__event_story_date(doc, cx.pub, cx.story);
    cx.date = date_number(cx.story[0] ? cx.story : cx.pub);
    size_t maxn = 0;
    for (size_t s = 0; s < doc->sents.n; s++)
        if (doc->sents.v[s].ntok > maxn) maxn = doc->sents.v[s].ntok;
    int *mem = calloc(maxn * 7 + 1, sizeof *mem);
    cx.discard = calloc(doc->sents.n + 1, 1);
    if (!mem || !cx.discard) { free(mem); free(cx.discard); return DL_ERR_NOMEM; }
    cx.span_kind = mem;
    cx.span_index = mem + maxn;
    cx.span_len = mem + 2 * maxn;
    cx.sub_max = mem + 3 * maxn;
    cx.sub_min = mem + 4 * maxn;
    cx.group_at = mem + 5 * maxn;
    cx.group_end = mem + 6 * maxn;
    dl_status st = DL_OK;
    /* with our own coder in front, theirs codes the sentences ours left */
    size_t ours = doc->events.n;
    if (!story_discarded(&cx))
        for (size_t s = 0; s < doc->sents.n && st == DL_OK; s++)
            if (!sentence_has_event(doc, ours, s)) st = code_sentence(&cx, s);
    DL_VEC_FREE(&cx.units);
    DL_VEC_FREE(&cx.groups);
    DL_VEC_FREE(&cx.occs);
    free(cx.discard);
    free(mem);
    return st;
}
