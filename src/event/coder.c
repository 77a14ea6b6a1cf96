/*
 * event/coder.c -- the event coder: CAMEO events from triggers read over
 * the dependency parse.
 *
 * Every trigger, from our lexicon (data/cameo/lexicon.tsv), from PETRARCH2's
 * CAMEO verbs imported into the same format (data/cameo/cameo2.tsv), or
 * from a dictionary a user brings (--dict), is matched the same way.  Per
 * sentence:
 *   1. discards: a discard phrase stops the sentence (or the story); a
 *      class discard ("beat" in a sentence about an election) stops the
 *      triggers of one class;
 *   2. units: the actor mentions of the actor stage (and, with users' actor
 *      dictionaries, their phrases), coordinated units forming a group;
 *   3. triggers: every verb or noun of a lexicon used as that part of
 *      speech; the most specific pattern of its class that matches around
 *      it gives the code, and its $ and + markers may give the actors;
 *   4. arguments (args.c): source and target from the parse;
 *   5. polarity: negated, hypothetical and failed acts are dropped, and an
 *      act that a refusal verb governs becomes a rejection (12x);
 *   6. the candidates are scored (cands.c) and the chosen ones become
 *      events, one per source and target pair.
 * Then, in direct quotations, what the speaker says another actor must do
 * becomes the speaker's demand of it (100), and PETRARCH's transformations
 * join verb pairs ("X said X attacked Y").
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors/dict.h"
#include "core/doc.h"
#include "dicts/petrarch.h"
#include "event/codebook.h"
#include "event/coder.h"
#include "event/event.h"
#include "quote/quote.h"

/* ---- parse helpers --------------------------------------------------------- */

const char *dl__coder_rel(const dl_cctx *cx, size_t i) {
    return cx->doc->deprel && cx->doc->deprel[i] ? cx->doc->deprel[i] : "";
}

int dl__coder_upos_is(const dl_cctx *cx, size_t i, const char *tag) {
    const dl_doc *doc = cx->doc;
    return doc->upos && doc->upos[i] && strcmp(doc->upos[i], tag) == 0;
}

int dl__coder_head(const dl_cctx *cx, size_t i) {
    if (!cx->doc->head) return -1;
    int h = cx->doc->head[i];
    return h >= (int)cx->s0 && h < (int)cx->s1 ? h : -1;
}

/* The first child of h whose relation starts with r ("nsubj" takes
 * "nsubj:pass"), after token from; -1 when none. */
int dl__coder_child_from(const dl_cctx *cx, size_t h, const char *r, size_t from) {
    if (!cx->doc->head) return -1;
    size_t rl = strlen(r);
    for (size_t i = from; i < cx->s1; i++)
        if (cx->doc->head[i] == (int)h && strncmp(dl__coder_rel(cx, i), r, rl) == 0 &&
            (dl__coder_rel(cx, i)[rl] == '\0' || dl__coder_rel(cx, i)[rl] == ':'))
            return (int)i;
    return -1;
}

int dl__coder_child(const dl_cctx *cx, size_t h, const char *r) {
    return dl__coder_child_from(cx, h, r, cx->s0);
}

/* The case word (preposition) of a nominal token, or NULL. */
const char *dl__coder_case_of(const dl_cctx *cx, size_t n) {
    int c = dl__coder_child(cx, n, "case");
    if (c < 0) c = dl__coder_child(cx, n, "mark");
    return c >= 0 ? cx->doc->toks.v[c].norm : NULL;
}

static void subtree_spans(dl_cctx *cx) {
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

/* ---- units and groups ------------------------------------------------------ */

static const char *const POSS_PRONOUNS[] = {"his", "her", "its", "their", "our", "my", "your", NULL};

static int nominal(const dl_cctx *cx, size_t i) {
    size_t r = i - cx->s0;
    if (cx->span_kind[r]) return 1;
    const dl_token *t = &cx->doc->toks.v[i];
    if (i > cx->s0 && i + 1 < cx->s1 && dl__coder_upos_is(cx, i - 1, "ADJ") &&
        dl__coder_upos_is(cx, i + 1, "ADJ") &&
        (strcmp(t->norm, "and") == 0 || strcmp(t->norm, "or") == 0 || strcmp(t->norm, ",") == 0))
        return 1;   /* "awful and evil minister": one noun phrase */
    if (t->kind == DL_TOK_NUM) return 1;
    if (t->kind != DL_TOK_WORD) return 0;
    if (!cx->doc->upos) return 1;
    if (dl__coder_upos_is(cx, i, "PROPN") || dl__coder_upos_is(cx, i, "NOUN") ||
        dl__coder_upos_is(cx, i, "ADJ") || dl__coder_upos_is(cx, i, "NUM") || dl__coder_upos_is(cx, i, "DET"))
        return 1;
    if (strcmp(t->norm, "'s") == 0 || strcmp(t->norm, "'") == 0) return 1;
    return dl_word_in(t->norm, POSS_PRONOUNS);
}

/* Does code hold part as one of its three-letter segments? */
int dl__coder_has_segment(const char *code, const char *part) {
    size_t n = strlen(code), p = strlen(part);
    for (size_t i = 0; i + p <= n; i += 3)
        if (strncmp(code + i, part, p) == 0) return 1;
    return 0;
}

/* Appends the agents' codes to pre (prefix agents) and post, each once. */
static void agent_codes(const dl_pagent *const *agents, size_t nag, char pre[DL_UNIT_CODE],
                        char post[DL_UNIT_CODE]) {
    pre[0] = post[0] = '\0';
    for (size_t k = 0; k < nag; k++) {
        char *dst = agents[k]->prefix ? pre : post;
        if (strstr(dst, agents[k]->code)) continue;
        size_t len = strlen(dst);
        snprintf(dst + len, DL_UNIT_CODE - len, "%s", agents[k]->code);
    }
}

/* pre + actor + post, leaving out agent codes the actor's code already
 * holds ("USAGOV" + "GOV" stays "USAGOV"). */
static void compose(char out[DL_UNIT_CODE], const char *actor, const char *pre, const char *post) {
    char p[DL_UNIT_CODE], q[DL_UNIT_CODE];
    snprintf(p, sizeof p, "%s", dl__coder_has_segment(actor, pre) ? "" : pre);
    snprintf(q, sizeof q, "%s", *post && dl__coder_has_segment(actor, post) ? "" : post);
    snprintf(out, DL_UNIT_CODE, "%.20s%.20s%.20s", p, actor, q);
}

static dl_unit *new_unit(dl_cctx *cx, size_t t0, size_t t1) {
    dl_unit *u = DL_VEC_PUSH(&cx->units);
    if (!u) return NULL;
    memset(u, 0, sizeof *u);
    u->t0 = (uint32_t)t0;
    u->t1 = (uint32_t)t1;
    u->actor = -1;
    return u;
}

static dl_status push_dict_unit(dl_cctx *cx, size_t t0, size_t t1, const char *base, const char *pre,
                                const char *post, int has_actor) {
    dl_unit *u = new_unit(cx, t0, t1);
    if (!u) return DL_ERR_NOMEM;
    compose(u->code, base, pre, post);
    snprintf(u->base, sizeof u->base, "%s", base);
    snprintf(u->pre, sizeof u->pre, "%s", pre);
    snprintf(u->post, sizeof u->post, "%s", post);
    u->has_actor = (uint8_t)has_actor;
    return DL_OK;
}

/* The 1-based phrase lookup of the users' actor dictionary at token i:
 * the longest phrase, its first hit, its length in *len. */
static int phrase_at(const dl_cctx *cx, const struct dl_pdict *pd, size_t i, size_t *len) {
    char key[1024];
    size_t klen = 0;
    int best = -1;
    *len = 0;
    for (size_t n = 1; n <= pd->max_phrase && i + n <= cx->s1; n++) {
        const char *w = cx->doc->toks.v[i + n - 1].norm;
        size_t wl = strlen(w);
        if (n > 1 && strcmp(w, "_") == 0) continue;   /* "Dol_Amroth": '_' joins words */
        if (klen + wl + 2 > sizeof key) break;
        if (n > 1) key[klen++] = ' ';
        memcpy(key + klen, w, wl);
        klen += wl;
        int h = dl_map_get(&pd->phrases, key, klen);
        if (h >= 0) { best = h; *len = n; }
    }
    return best;
}

/* Marks the users' actor and agent phrases, longest first, left to right,
 * on tokens no mention of ours covers. */
static void mark_spans(dl_cctx *cx) {
    const struct dl_pdict *pd = cx->actor_pd;
    for (size_t i = cx->s0; i < cx->s1;) {
        size_t len;
        int h = phrase_at(cx, pd, i, &len), kind = 0, index = -1;
        for (; h >= 0; h = pd->hits.v[h].next) {
            const dl_phit *hit = &pd->hits.v[h];
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

/* The dictionary units of one noun chunk [t0, t1). */
static dl_status chunk_units(dl_cctx *cx, size_t t0, size_t t1) {
    const struct dl_pdict *pd = cx->actor_pd;
    const dl_pagent *agents[16];
    size_t nag = 0;
    const char *code = NULL;   /* a chunk's first actor is its head */
    for (size_t i = t0; i < t1; i++) {
        size_t r = i - cx->s0;
        if (cx->span_kind[r] == DL_PH_AGENT && nag < 16) agents[nag++] = &pd->agents.v[cx->span_index[r]];
        if (cx->span_kind[r] == DL_PH_ACTOR && !code) code = dl_pdict_code_at(pd, cx->span_index[r], cx->date);
    }
    if (!code && !nag) return DL_OK;
    char pre[DL_UNIT_CODE], post[DL_UNIT_CODE];
    agent_codes(agents, nag, pre, post);
    if (!code) return push_dict_unit(cx, t0, t1, "---", pre, post, 0);
    /* "FRO/BIL/SAM": one phrase, several actors */
    char list[DL_UNIT_CODE * 2];
    snprintf(list, sizeof list, "%s", code);
    char *save = NULL;
    for (char *one = strtok_r(list, "/", &save); one; one = strtok_r(NULL, "/", &save)) {
        dl_status st = push_dict_unit(cx, t0, t1, one, pre, post, 1);
        if (st != DL_OK) return st;
    }
    return DL_OK;
}

static dl_status dict_units(dl_cctx *cx) {
    for (size_t i = cx->s0; i < cx->s1;) {
        if (!nominal(cx, i) || cx->mention_unit[i - cx->s0] >= 0) { i++; continue; }
        size_t j = i;
        while (j < cx->s1 && nominal(cx, j) && cx->mention_unit[j - cx->s0] < 0) {
            size_t r = j - cx->s0;
            j += cx->span_len[r] > 0 ? (size_t)cx->span_len[r] : 1;
        }
        if (j > cx->s1) j = cx->s1;
        dl_status st = chunk_units(cx, i, j);
        if (st != DL_OK) return st;
        i = j;
    }
    return DL_OK;
}

/* Does a users' actor phrase cover a token of [t0, t1)? */
static int user_actor_over(const dl_cctx *cx, size_t t0, size_t t1) {
    if (!cx->actor_pd) return 0;
    for (size_t t = t0; t < t1; t++) {
        size_t k = t;
        while (k > cx->s0 && cx->span_kind[k - cx->s0] == -1) k--;   /* inside a span: its start */
        if (cx->span_kind[k - cx->s0] == DL_PH_ACTOR) return 1;
    }
    return 0;
}

/* Where a person's unit starts: at the title written before the name
 * ("U.S. Secretary of State John Kerry", "Iranian Foreign Minister ..."),
 * so that a parse that hangs the name off the title ("met Secretary ...")
 * still finds the person.  Capitalised proper nouns and adjectives, "of"
 * between them, at most six words, none of another mention. */
static size_t title_start(const dl_cctx *cx, const dl_mention *x) {
    const dl_doc *doc = cx->doc;
    const dl_actor *a = &doc->actors.v[x->actor];
    size_t t0 = x->tok0;
    if (!doc->upos || !a->type || strcmp(a->type, "PER") != 0 || x->kind != DL_MENTION_NAME) return t0;
    while (t0 > cx->s0 && x->tok0 - t0 < 6 && cx->mention_unit[t0 - 1 - cx->s0] < 0) {
        const dl_token *t = &doc->toks.v[t0 - 1];
        int word = (t->flags & DL_TF_CAP) && (dl__coder_upos_is(cx, t0 - 1, "PROPN") ||
                                              dl__coder_upos_is(cx, t0 - 1, "ADJ"));
        int of = dl_tok_is(doc, t0 - 1, "of") && t0 - 1 > cx->s0 && (doc->toks.v[t0 - 2].flags & DL_TF_CAP);
        if (!word && !of) break;
        t0--;
    }
    return t0;
}

/* Our actor stage's mentions in the sentence become units (pronouns that
 * coreference resolved included); where a users' dictionary names an
 * actor that ours knows only from the entity recognizer, theirs wins. */
static dl_status mention_units(dl_cctx *cx) {
    const dl_doc *doc = cx->doc;
    for (size_t m = 0; m < doc->mentions.n; m++) {
        const dl_mention *x = &doc->mentions.v[m];
        if (x->tok0 < cx->s0 || x->tok0 >= cx->s1 || x->actor < 0) continue;
        const dl_actor *ac = &doc->actors.v[x->actor];
        if (ac->entry < 0 && !ac->code && user_actor_over(cx, x->tok0, x->tok0 + x->ntok)) continue;
        dl_unit *u = new_unit(cx, title_start(cx, x), x->tok0 + x->ntok);
        if (!u) return DL_ERR_NOMEM;
        u->actor = x->actor;
        u->has_actor = 1;
        u->mention = (uint8_t)(x->kind ? x->kind : 1);
        snprintf(u->code, sizeof u->code, "%s", ac->code ? ac->code : ac->country ? ac->country : "");
        for (size_t t = u->t0; t < x->tok0 + x->ntok; t++)
            cx->mention_unit[t - cx->s0] = (int)(cx->units.n - 1);
    }
    return DL_OK;
}

static int by_start(const void *a, const void *b) {
    const dl_unit *x = a, *y = b;
    if (x->t0 != y->t0) return x->t0 < y->t0 ? -1 : 1;
    return (x->t1 > y->t1) - (x->t1 < y->t1);
}

static int is_link_word(const dl_cctx *cx, size_t i) {
    const dl_token *t = &cx->doc->toks.v[i];
    if (t->kind == DL_TOK_PUNCT) return cx->doc->article.body[t->off] == ',';
    return strcmp(t->norm, "and") == 0 || strcmp(t->norm, "or") == 0 || strcmp(t->norm, "nor") == 0 ||
           strcmp(t->norm, "the") == 0 || strcmp(t->norm, "both") == 0;
}

/* Two units written as one word with a hyphen between them ("US-China
 * talks", "the Russia-Ukraine war"): the two parties of a noun. */
static int hyphen_pair(const dl_cctx *cx, const dl_unit *a, const dl_unit *b) {
    if (b->t0 != a->t1 + 1 || !a->mention || !b->mention) return 0;
    const dl_token *l = &cx->doc->toks.v[a->t1 - 1], *h = &cx->doc->toks.v[a->t1], *r = &cx->doc->toks.v[b->t0];
    const char *body = cx->doc->article.body;
    int dash = (h->len == 1 && body[h->off] == '-') ||
               (h->len == 3 && strncmp(body + h->off, "\xe2\x80\x93", 3) == 0);   /* an en dash */
    return dash && l->off + l->len == h->off && h->off + h->len == r->off;
}

/* Is unit x, after a comma alone, an appositive rather than a conjunct
 * ("the mayor of London, Sadiq Khan": Sadiq Khan is the mayor, not a
 * second actor beside London)?  The parse says so by the relation of the
 * unit's head word. */
static int appositive_unit(const dl_cctx *cx, const dl_unit *x) {
    if (!cx->doc->head || x->t0 >= x->t1) return 0;
    for (size_t t = x->t0; t < x->t1; t++) {
        int up = cx->doc->head[t];
        if (up >= (int)x->t0 && up < (int)x->t1) continue;
        return strcmp(dl__coder_rel(cx, t), "appos") == 0;
    }
    return 0;
}

/* Consecutive units whose spans are separated only by link words ("Egypt,
 * Greece and Cyprus") form a group, a compound actor; an appositive after
 * a comma does not join. */
static dl_status build_groups(dl_cctx *cx) {
    for (size_t u = 0; u < cx->units.n;) {
        dl_group *g = DL_VEC_PUSH(&cx->groups);
        if (!g) return DL_ERR_NOMEM;
        g->u0 = u;
        g->nu = 0;
        g->t0 = cx->units.v[u].t0;
        size_t v = u;
        while (v < cx->units.n) {
            const dl_unit *x = &cx->units.v[v];
            if (v > u) {
                const dl_unit *prev = &cx->units.v[v - 1];
                int linked = x->t0 == prev->t0 || hyphen_pair(cx, prev, x);   /* same chunk, "US-China" */
                if (!linked && x->t0 > prev->t1) {
                    int and_seen = 0, conjunction = 0;
                    linked = 1;
                    for (size_t k = prev->t1; k < x->t0 && linked; k++) {
                        linked = is_link_word(cx, k);
                        and_seen |= !dl_tok_is(cx->doc, k, "the");
                        conjunction |= linked && cx->doc->toks.v[k].kind != DL_TOK_PUNCT && !dl_tok_is(cx->doc, k, "the");
                    }
                    linked &= and_seen;
                    if (linked && !conjunction && appositive_unit(cx, x)) linked = 0;
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

/* "officials of X", "lawmakers in X and Y": the agents-only dictionary
 * units that end a group, followed by of/in/from and a group with actors,
 * lend their agents to its actors; the two groups become one. */
static void link_agents(dl_cctx *cx) {
    static const char *const LINKS[] = {"of", "in", "from", NULL};
    for (size_t g = 0; g + 1 < cx->groups.n; g++) {
        dl_group a = cx->groups.v[g], b = cx->groups.v[g + 1];
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
            dl_unit keep = cx->units.v[a.u0 + k];
            dl_unit *slot = DL_VEC_PUSH(&cx->units);
            if (slot) *slot = keep;
        }
        for (size_t k = 0; k < b.nu; k++) {   /* GON + (---)GOV -> GONGOV, for each */
            for (size_t m = a.nu - run; m < a.nu; m++) {
                dl_unit base = cx->units.v[b.u0 + k], ag = cx->units.v[a.u0 + m];
                char pre[2 * DL_UNIT_CODE], post[2 * DL_UNIT_CODE];
                snprintf(pre, sizeof pre, "%s%s", ag.pre, base.pre);
                snprintf(post, sizeof post, "%s%s", base.post, ag.post);
                compose(base.code, base.base, pre, post);
                base.actor = -1;
                dl_unit *slot = DL_VEC_PUSH(&cx->units);
                if (slot) *slot = base;
            }
        }
        dl_group *ga = &cx->groups.v[g];
        ga->u0 = start;
        ga->nu = cx->units.n - start;
        ga->t1 = b.t1;
        cx->groups.v[g + 1].nu = 0;
    }
}

/* "Danish media and government": an agents-only unit right after an actor
 * in a group shares that actor. */
static void share_actors(dl_cctx *cx) {
    for (size_t g = 0; g < cx->groups.n; g++) {
        const dl_group *x = &cx->groups.v[g];
        for (size_t k = 1; k < x->nu; k++) {
            dl_unit *u = &cx->units.v[x->u0 + k];
            const dl_unit *prev = &cx->units.v[x->u0 + k - 1];
            if (u->has_actor || !prev->has_actor || u->mention) continue;
            memcpy(u->base, prev->base, sizeof u->base);
            compose(u->code, u->base, u->pre, u->post);
            u->has_actor = 1;
        }
    }
}

static void index_groups(dl_cctx *cx) {
    for (size_t i = 0; i < cx->s1 - cx->s0; i++) cx->group_at[i] = cx->group_end[i] = cx->group_in[i] = -1;
    for (size_t g = 0; g < cx->groups.n; g++) {
        const dl_group *x = &cx->groups.v[g];
        if (!x->nu) continue;
        if (cx->group_at[x->t0 - cx->s0] < 0) cx->group_at[x->t0 - cx->s0] = (int)g;
        cx->group_end[x->t1 - 1 - cx->s0] = (int)g;
        for (size_t k = 0; k < x->nu; k++) {
            const dl_unit *u = &cx->units.v[x->u0 + k];
            for (size_t t = u->t0; t < u->t1; t++)
                if (cx->group_in[t - cx->s0] < 0) cx->group_in[t - cx->s0] = (int)g;
        }
    }
}

static dl_status build_units(dl_cctx *cx) {
    size_t n = cx->s1 - cx->s0;
    for (size_t i = 0; i < n; i++) {
        cx->span_kind[i] = cx->span_index[i] = cx->span_len[i] = 0;
        cx->mention_unit[i] = -1;
    }
    cx->units.n = 0;
    cx->groups.n = 0;
    dl_status st = DL_OK;
    int users = cx->actor_pd && cx->actor_pd->phrases.n;
    if (users) mark_spans(cx);
    if (!cx->dict_only) st = mention_units(cx);
    if (st == DL_OK && users) st = dict_units(cx);
    if (st != DL_OK) return st;
    if (cx->units.n > 1) qsort(cx->units.v, cx->units.n, sizeof *cx->units.v, by_start);
    if ((st = build_groups(cx)) != DL_OK) return st;
    link_agents(cx);
    share_actors(cx);
    index_groups(cx);
    return DL_OK;
}

/* A group of one unit standing for an actor that the sentence does not
 * name there (the speaker of a quote, the article's counterpart). */
int dl__coder_actor_group(dl_cctx *cx, int actor) {
    if (actor < 0) return -1;
    for (size_t g = 0; g < cx->groups.n; g++) {
        const dl_group *x = &cx->groups.v[g];
        if (x->nu == 1 && x->t0 == x->t1 && cx->units.v[x->u0].actor == actor) return (int)g;
    }
    dl_unit *u = new_unit(cx, cx->s0, cx->s0);
    if (!u) return -1;
    const dl_actor *a = &cx->doc->actors.v[actor];
    u->actor = actor;
    u->has_actor = 1;
    u->mention = DL_MENTION_NAME;
    snprintf(u->code, sizeof u->code, "%s", a->code ? a->code : a->country ? a->country : "");
    dl_group *g = DL_VEC_PUSH(&cx->groups);
    if (!g) return -1;
    g->t0 = g->t1 = (uint32_t)cx->s0;
    g->u0 = cx->units.n - 1;
    g->nu = 1;
    return (int)(cx->groups.n - 1);
}

/* Does group g stand in a phrase of place: "in/at/near/outside ... X",
 * also through "of" and compounds ("in the neighborhood of X", "at X
 * International Airport")? */
int dl__coder_locative(const dl_cctx *cx, int g) {
    static const char *const LOCATIVE[] = {"in", "at", "near", "outside", "inside", "across", "around",
                                           "within", "throughout", "beside", "along", NULL};
    if (g < 0 || !cx->doc->head) return 0;
    const dl_group *x = &cx->groups.v[g];
    if (x->t0 == x->t1) return 0;
    size_t h = dl_span_head(cx->doc, x->t0, x->t1);
    for (int step = 0; step < 3; step++) {
        const char *cs = dl__coder_case_of(cx, h);
        if (cs && dl_word_in(cs, LOCATIVE)) return 1;
        const char *r = dl__coder_rel(cx, h);
        if (!(cs && strcmp(cs, "of") == 0) && strcmp(r, "compound") && strcmp(r, "flat")) return 0;
        int up = dl__coder_head(cx, h);
        if (up < 0) return 0;
        h = (size_t)up;
    }
    return 0;
}

/* Is group g a place: are all its units actors typed as a location or a
 * facility (a street, a building, a region), or cities of the dictionary
 * or actors of no code or country named in a phrase of place ("met in
 * Athens", "the shooting in Al Noor Mosque")?  ("Washington said" is an
 * actor; "in Washington" is where.)
 * A place is where an act happens, not who does it or to whom (the train
 * split's gold events name a place as a party 3 times of 1,100 sides). */
int dl__coder_is_place(const dl_cctx *cx, int g) {
    if (g < 0) return 0;
    const dl_group *x = &cx->groups.v[g];
    int places = 1, codeless = 1, cities = 1;
    for (size_t k = 0; k < x->nu; k++) {
        const dl_unit *u = &cx->units.v[x->u0 + k];
        const dl_actor *a = u->actor >= 0 ? &cx->doc->actors.v[u->actor] : NULL;
        if (!a || !a->type || (strcmp(a->type, "LOC") && strcmp(a->type, "FAC"))) places = 0;
        if (u->code[0]) codeless = 0;
        if (!a || a->entry < 0 || !cx->eng->dict || cx->eng->dict->actors.v[a->entry].kind != DL_DICT_PLACE)
            cities = 0;
    }
    return x->nu > 0 && (places || ((codeless || cities) && dl__coder_locative(cx, g)));
}

/* ---- patterns ----------------------------------------------------------------- */

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

/* The tokens the longest member of set covers from pos, 0 when none
 * matches: one lookup per member length. */
static int set_len_forward(const dl_cctx *cx, const dl_psynset *set, size_t pos, size_t end) {
    char key[512];
    size_t kl = 0;
    int found = 0;
    for (size_t n = 1; n <= set->max_ntok && pos + n <= end; n++) {
        const char *w = cx->doc->toks.v[pos + n - 1].norm;
        size_t wl = strlen(w);
        if (kl + wl + 2 > sizeof key) break;
        if (n > 1) key[kl++] = ' ';
        memcpy(key + kl, w, wl);
        kl += wl;
        if (dl_map_get(&set->index, key, kl) >= 0) found = (int)n;
    }
    return found;
}

/* A $ or + marker takes group g (or fails when g < 0): sets the match's
 * source or target and returns the tokens the group covers, else -1. */
static int take_group(const dl_cctx *cx, const dl_pel *e, int g, pmatch *m) {
    if (g < 0) return -1;
    if (e->kind == DL_PE_SOURCE) m->source = g; else m->target = g;
    return (int)(cx->groups.v[g].t1 - cx->groups.v[g].t0);
}

/* Does element e match at pos going forward?  Returns tokens taken, -1 if
 * not; markers set the match's groups. */
static int el_forward(const dl_cctx *cx, const dl_pel *e, size_t pos, size_t end, pmatch *m) {
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

static int match_post(dl_cctx *cx, const dl_pel *els, size_t n, size_t pos, size_t end, pmatch *m) {
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
static int el_backward(const dl_cctx *cx, const dl_pel *e, size_t pos, pmatch *m) {
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

static int match_pre(dl_cctx *cx, const dl_pel *els, size_t n, size_t pos, size_t start, pmatch *m) {
    if (n == 0) return 1;
    if (++cx->steps > 20000) return 0;
    if (els[0].kind == DL_PE_SKIP) return match_pre(cx, els + 1, n - 1, pos, start, m);
    if (els[0].kind == DL_PE_COMPOUND) { m->compound = 1; return match_pre(cx, els + 1, n - 1, pos, start, m); }
    for (size_t p = pos; p > start; p--) {
        pmatch saved = *m;
        int took = el_backward(cx, &els[0], p, m);
        if (took >= 0 && (size_t)took <= p - start &&
            (n == 1 || match_pre(cx, els + 1, n - 1, p - (size_t)took, start, m)))
            return 1;
        *m = saved;
        if (els[0].joined) break;
    }
    return 0;
}

/* ---- triggers ------------------------------------------------------------------- */

static const char *const MODALS[] = {"will", "would", "can", "could", "may", "might", "shall",
                                     "should", "must", "to", "did", "does", "do", NULL};

/* Is the form [a, b) with its inflected word at head used as a verb?  The
 * tagger says so, or a modal or "to" stands right before it ("will
 * abandon" tagged as an adverb), or another of its words is a verb ("wire
 * tap" with "wire" the verb).  A participle modifying a noun ("occupied
 * land") is an adjective, not an act. */
static int verb_like(const dl_cctx *cx, size_t a, size_t b, size_t head) {
    /* "the accused", "the wounded": a participle after an article names
     * people, not an act (the actor stage may have linked it to one) */
    if (cx->mention_unit[head - cx->s0] >= 0) return 0;
    if (a > cx->s0 && head == a && dl_tok_is(cx->doc, a - 1, "the")) return 0;
    if (!cx->doc->upos) return 1;
    const char *r = dl__coder_rel(cx, head);
    if (strcmp(r, "amod") == 0 || strcmp(r, "compound") == 0) return 0;
    if (dl__coder_upos_is(cx, head, "VERB")) return 1;
    for (size_t k = a; k < b; k++)
        if (k != head && dl__coder_upos_is(cx, k, "VERB")) return 1;
    size_t k = a;
    while (k > cx->s0 && (dl_tok_is(cx->doc, k - 1, "not") || dl_tok_is(cx->doc, k - 1, "n't") ||
                          dl__coder_upos_is(cx, k - 1, "ADV")))
        k--;
    return k > cx->s0 && dl_word_in(cx->doc->toks.v[k - 1].norm, MODALS) &&
           !dl__coder_upos_is(cx, head, "NOUN") && !dl__coder_upos_is(cx, head, "PROPN");
}

/* Is the noun trigger at head a noun here? */
static int noun_like(const dl_cctx *cx, size_t head) {
    /* a word of an actor's name is no act: "the opposition party" */
    if (cx->mention_unit[head - cx->s0] >= 0) return 0;
    if (!cx->doc->upos) return 1;
    if (dl__coder_upos_is(cx, head, "NOUN")) return 1;
    /* a capitalised noun opening a headline-like sentence is tagged PROPN */
    return dl__coder_upos_is(cx, head, "PROPN") && !(cx->doc->toks.v[head].flags & DL_TF_ALLCAP) &&
           cx->mention_unit[head - cx->s0] < 0;
}

/* Is the adjective trigger at head said of something, with a copula: "the
 * murder is unacceptable"?  Not before a noun ("an unacceptable delay"
 * names no act); "called the move illegal" is the verb's pattern. */
static int adj_like(const dl_cctx *cx, size_t head) {
    if (!cx->doc->upos || !dl__coder_upos_is(cx, head, "ADJ")) return 0;
    return dl__coder_child(cx, head, "cop") >= 0;
}

/* Does lexicon form pv stand at token i, used as its part of speech? */
static int form_fits(const dl_cctx *cx, const dl_pverb *pv, size_t i) {
    if (i + pv->ntok > cx->s1 || !tokens_spell(cx->doc, i, pv->ntok, pv->key)) return 0;
    if (pv->noun == 2) return adj_like(cx, i + pv->head);
    return pv->noun ? noun_like(cx, i + pv->head) : verb_like(cx, i, i + pv->ntok, i + pv->head);
}

/* The end of a trigger's phrase, past the words right after it that the
 * parse could attach nowhere ("dep"): "calling it "null and void"" where
 * "null" hangs from the main verb. */
static size_t past_loose_words(const dl_cctx *cx, size_t end) {
    while (end < cx->s1) {
        size_t k = end;
        while (k < cx->s1 && cx->doc->toks.v[k].kind == DL_TOK_QUOTE) k++;
        if (k == cx->s1 || strcmp(dl__coder_rel(cx, k), "dep") != 0) break;
        end = (size_t)cx->sub_max[k - cx->s0] + 1;
    }
    return end;
}

/* The most specific pattern of the form's class that matches around it;
 * fills the trigger. */
static void best_pattern(dl_cctx *cx, const struct dl_pdict *pd, int vi, size_t v0, size_t v1,
                         dl_trigger *tr) {
    const dl_pverb *pv = &pd->verbs.v[vi];
    const dl_pblock *b = &pd->blocks.v[pv->block];
    size_t h = v0 + pv->head;
    size_t post_end = (size_t)cx->sub_max[h - cx->s0] + 1;
    size_t pre_start = (size_t)cx->sub_min[h - cx->s0];
    if (post_end <= v1) post_end = cx->s1;   /* a verb the parse left bare: the rest of the sentence */
    else post_end = past_loose_words(cx, post_end);
    /* the clause a verb reports has triggers of its own: "stated there is
     * no evidence to support ..." is no statement of support */
    int reported = pv->noun ? -1 : dl__coder_child_from(cx, h, "ccomp", v1);
    if (reported >= 0 && (size_t)reported < post_end) post_end = (size_t)reported;
    if (pre_start > cx->s0 && pv->noun != 1) pre_start = cx->s0;   /* subjects stand outside a verb's subtree */
    const dl_ppattern *best = NULL;
    pmatch bm = {-1, -1, 0};
    cx->pd = pd;
    for (size_t k = 0; k < b->npat; k++) {
        const dl_ppattern *p = &pd->patterns.v[b->pat0 + k];
        if (best && p->nlit <= best->nlit) continue;
        if (p->needs && dl_map_get(&cx->words, p->needs, strlen(p->needs)) < 0) continue;
        pmatch m = {-1, -1, 0};
        cx->steps = 0;
        if (!match_pre(cx, p->pre, p->npre, v0, pre_start, &m)) continue;
        if (!match_post(cx, p->post, p->npost, v1, post_end, &m)) continue;
        best = p;
        bm = m;
    }
    memset(tr, 0, sizeof *tr);
    tr->pd = pd;
    tr->form = vi;
    tr->v0 = v0;
    tr->v1 = v1;
    tr->head = h;
    tr->noun = pv->noun == 1;
    tr->adj = pv->noun == 2;
    tr->prio = pv->prio;
    tr->nlit = best ? best->nlit : 0;
    tr->npre_lit = best ? best->npre_lit : 0;
    tr->need_target = b->need_target;
    tr->pflags = best ? best->flags : 0;
    const char *active = best ? best->active : pv->has_code ? pv->active : b->active;
    const char *passive = best ? best->passive : pv->has_code ? pv->passive : b->passive;
    snprintf(tr->code, sizeof tr->code, "%s", active);
    snprintf(tr->passive, sizeof tr->passive, "%s", passive);
    tr->rule = best ? best->rule : pv->rule;
    tr->msrc = bm.source;
    tr->mtgt = bm.target;
    tr->compound = bm.compound;
}

/* Is this trigger's code one that makes an event? */
static int codes_event(const char *code) {
    size_t d = 0;
    while (isdigit((unsigned char)code[d])) d++;
    if (d < 2 || d > 4) return 0;
    if (!(code[d] == '\0' || (isupper((unsigned char)code[d]) && code[d + 1] == '\0'))) return 0;
    return strcmp(code, "010") != 0;   /* a plain statement is a quote, not an event */
}

/* How specific a trigger is: the literal words of its pattern, the words
 * of a multi-word form beyond the first, and a bonus for the lexicon: ours
 * is written for news, so PETRARCH2's CAMEO verbs must match two words
 * more to override it (a bare "---" of ours is a decision, not a gap). */
static int specificity(const dl_trigger *t) {
    int bonus = t->prio == DL_PRIO_OURS ? 2 : t->prio == DL_PRIO_USERS ? 1 : 0;
    return 2 * (t->nlit + (int)(t->v1 - t->v0) - 1 + bonus);
}

/* Does trigger a beat trigger b?  The more specific, then the lexicon of
 * higher priority, then the one that codes an event. */
static int beats(const dl_trigger *a, const dl_trigger *b) {
    int sa = specificity(a), sb = specificity(b);
    if (sa != sb) return sa > sb;
    if (a->prio != b->prio) return a->prio > b->prio;
    return codes_event(a->code) && !codes_event(b->code);
}

/* A one-word verb of the lexicon that token i inflects as its lemma says,
 * where the lexicon lists no such form ("sought" of "seek"). */
static int lemma_fits(const dl_cctx *cx, const dl_pverb *pv, size_t i) {
    return pv->ntok == 1 && !pv->noun && cx->doc->lemma && strcmp(pv->key, cx->doc->lemma[i]) == 0 &&
           dl__coder_upos_is(cx, i, "VERB") && verb_like(cx, i, i + 1, i);
}

/* The best trigger at token i of the lexicon forms indexed under key,
 * into *out (found: *out holds one already); by_lemma: the forms that
 * the token's lemma names (lemma_fits), else those it spells (form_fits). */
static int best_form(dl_cctx *cx, size_t i, const char *key, int by_lemma, dl_trigger *out, int found) {
    for (size_t l = 0; l < cx->nlex; l++) {
        const struct dl_pdict *pd = cx->lex[l];
        for (int v = dl_map_get(&pd->verb_index, key, strlen(key)); v >= 0; v = pd->verbs.v[v].next) {
            const dl_pverb *pv = &pd->verbs.v[v];
            if (!(by_lemma ? lemma_fits(cx, pv, i) : form_fits(cx, pv, i))) continue;
            dl_trigger tr;
            best_pattern(cx, pd, v, i, i + pv->ntok, &tr);
            if (!found || beats(&tr, out)) { *out = tr; found = 1; }
        }
    }
    return found;
}

/* Verbs whose intransitive use has the undergoer as subject: "the
 * crowds dispersed" is no one dispersing them. */
static const char *const ERGATIVE[] = {"disperse", "scatter", "dissolve", NULL};

/* Is verb trigger tr used intransitively, its subject undergoing it: no
 * object, no passive, no object clause ("the crowds dispersed")? */
static int undergoer_use(const dl_cctx *cx, const dl_trigger *tr) {
    if (tr->noun || tr->adj || !cx->doc->upos || !cx->doc->lemma) return 0;
    size_t h = tr->head;
    if (!dl_word_in(cx->doc->lemma[h], ERGATIVE)) return 0;
    if (strcmp(dl__coder_rel(cx, h), "amod") == 0 || strcmp(dl__coder_rel(cx, h), "acl") == 0) return 0;
    return dl__coder_child(cx, h, "obj") < 0 && dl__coder_child(cx, h, "aux:pass") < 0 &&
           dl__coder_child(cx, h, "nsubj:pass") < 0 && dl__coder_child(cx, h, "ccomp") < 0 &&
           dl__coder_child(cx, h, "nsubj") >= 0;
}

/* The trigger at token i: the best of every lexicon form standing there,
 * else of the forms its lemma names.  Returns 0 when none does. */
int dl__coder_trigger_at(dl_cctx *cx, size_t i, dl_trigger *out) {
    const char *w = cx->doc->toks.v[i].norm, *lemma = cx->doc->lemma ? cx->doc->lemma[i] : NULL;
    int found = best_form(cx, i, w, 0, out, 0);
    if (!found && lemma && strcmp(lemma, w) != 0) found = best_form(cx, i, lemma, 1, out, 0);
    return found && !undergoer_use(cx, out);
}

/* ---- discards --------------------------------------------------------------------- */

/* What the discards of lexicon pd say of sentence s: 2 the story is
 * discarded, 1 the sentence, 0 neither. */
static int discard_in(const dl_cctx *cx, const struct dl_pdict *pd) {
    int found = 0;
    for (size_t i = cx->s0; i < cx->s1; i++) {
        size_t len;
        for (int h = phrase_at(cx, pd, i, &len); h >= 0; h = pd->hits.v[h].next) {
            const dl_phit *hit = &pd->hits.v[h];
            if (hit->kind == DL_PH_STORYDISCARD) return 2;
            if (hit->kind == DL_PH_DISCARD) found = 1;
        }
    }
    return found;
}

static int has_phrase(const dl_cctx *cx, const char *key, size_t ntok) {
    for (size_t i = cx->s0; i + ntok <= cx->s1; i++)
        if (tokens_spell(cx->doc, i, ntok, key)) return 1;
    return 0;
}

static int is_number(const dl_token *t) {
    return t->kind == DL_TOK_NUM && t->len <= 3;
}

static int is_capitalised(const dl_doc *doc, size_t i) {
    const dl_token *t = &doc->toks.v[i];
    return t->kind == DL_TOK_WORD && isupper((unsigned char)*DL_SPAN_PTR(doc, t->off));
}

/* The line score that opens a game summary: "Wild 4, Sabres 1: ...",
 * "Blue Jackets 5, Canadiens 2 (OT): ...".  Team names of one to three
 * capitalised words, the first at the start of the sentence. */
static int has_line_score(const dl_cctx *cx) {
    const dl_doc *doc = cx->doc;
    size_t i = cx->s0, n = 0;
    while (i < cx->s1 && n < 3 && is_capitalised(doc, i)) i++, n++;
    if (n == 0 || i + 1 >= cx->s1 || !is_number(&doc->toks.v[i]) || strcmp(doc->toks.v[i + 1].norm, ",") != 0)
        return 0;
    i += 2;
    n = 0;
    while (i < cx->s1 && n < 3 && is_capitalised(doc, i)) i++, n++;
    if (n == 0 || i + 1 >= cx->s1 || !is_number(&doc->toks.v[i])) return 0;
    const char *after = doc->toks.v[i + 1].norm;
    return strcmp(after, ":") == 0 || strcmp(after, "(") == 0;
}

/* A sports result in the sentence: "2-0", "3–1", "2 - 1", "Wild 4, Sabres 1:". */
static int has_score(const dl_cctx *cx) {
    const dl_doc *doc = cx->doc;
    if (has_line_score(cx)) return 1;
    for (size_t i = cx->s0; i < cx->s1; i++) {
        const dl_token *t = &doc->toks.v[i];
        if (t->kind == DL_TOK_NUM) {
            const char *p = DL_SPAN_PTR(doc, t->off), *e = p + t->len;
            while (p < e && *p >= '0' && *p <= '9') p++;
            if (p < e && p > DL_SPAN_PTR(doc, t->off) && (*p == '-' || (unsigned char)*p == 0xe2) && p + 1 < e)
                return 1;
        }
        if (i + 2 < cx->s1 && is_number(t) && is_number(&doc->toks.v[i + 2]) &&
            (doc->toks.v[i + 1].norm[0] == '-'))
            return 1;
    }
    return 0;
}

/* Does a class discard of the trigger's lexicon stop it in this sentence
 * ("beat" where the sentence speaks of an election or a match)? */
static int class_discarded(const dl_cctx *cx, const dl_trigger *tr) {
    const struct dl_pdict *pd = tr->pd;
    if (!pd->class_discards.n) return 0;
    const char *cls = pd->blocks.v[pd->verbs.v[tr->form].block].name;
    for (size_t k = 0; k < pd->class_discards.n; k++) {
        const dl_pclass_discard *d = &pd->class_discards.v[k];
        if (strcmp(d->cls, cls) != 0) continue;
        if (!d->key ? has_score(cx) : has_phrase(cx, d->key, d->ntok)) return 1;
    }
    return 0;
}

/* ---- the run --------------------------------------------------------------------------- */

/* One pass of the triggers of lexicons lex[0..n) over the sentence. */
/* Does the sentence name an actor we recognised and coded ourselves (not
 * only the users' phrases)? */
static int names_our_actor(const dl_cctx *cx) {
    for (size_t i = 0; i < cx->units.n; i++) {
        const dl_unit *u = &cx->units.v[i];
        if (u->mention && u->t0 < u->t1 && u->code[0]) return 1;
    }
    return 0;
}

/* "The authorities must end this crackdown," said X: in a direct quotation,
 * what the speaker says another actor must do is the speaker's demand of
 * it (CAMEO 100), whatever the act. */
static void quoted_demands(dl_cctx *cx) {
    static const char *const NOT_ACTORS[] = {"i", "we", "you", "it", "this", "that", "there", "they", NULL};
    const dl_doc *doc = cx->doc;
    if (!doc->head || cx->dict_only || !cx->lex[0]) return;
    for (size_t i = cx->s0; i < cx->s1; i++) {
        int must = -1;
        for (size_t c = cx->s0; c < cx->s1; c++)
            if (doc->head[c] == (int)i && dl_tok_is(doc, c, "must") && strcmp(dl__coder_rel(cx, c), "aux") == 0)
                must = (int)c;
        if (must < 0 || dl__coder_negated(cx, i)) continue;
        long q = dl_quote_at(doc, i);
        if (q < 0 || !doc->quotes.v[q].direct || doc->quotes.v[q].speaker < 0) continue;
        int subj = dl__coder_child(cx, i, "nsubj");
        if (subj < 0 || dl_word_in(doc->toks.v[subj].norm, NOT_ACTORS)) continue;
        int tg = cx->group_in[(size_t)subj - cx->s0];
        if (tg < 0) continue;
        int sg = dl__coder_actor_group(cx, doc->quotes.v[q].speaker);
        if (sg < 0 || cx->units.v[cx->groups.v[tg].u0].actor == doc->quotes.v[q].speaker) continue;
        dl_trigger tr = {.pd = cx->lex[0], .v0 = (size_t)must, .v1 = (size_t)must + 1, .rule = "coder:quoted-must"};
        dl__coder_emit(cx, &tr, "100", sg, tg, 0, 0.6f);
    }
}

static dl_status code_pass(dl_cctx *cx, const struct dl_pdict *const *lex, size_t n) {
    dl_status st = build_units(cx);
    if (st != DL_OK) return st;
    subtree_spans(cx);
    cx->occs.n = 0;
    const struct dl_pdict *all[2] = {cx->lex[0], cx->lex[1]};
    size_t nall = cx->nlex;
    memmove(cx->lex, lex, n * sizeof *lex);
    cx->nlex = n;
    for (size_t i = cx->s0; i < cx->s1 && st == DL_OK; i++) {
        dl_trigger tr;
        if (!dl__coder_trigger_at(cx, i, &tr)) continue;
        if (cx->debug)
            fprintf(stderr, "trigger %s [%s] class %s code %s/%s nlit %d prio %d msrc %d mtgt %d rule %s\n",
                    cx->doc->toks.v[i].norm, tr.noun ? "noun" : "verb",
                    tr.pd->blocks.v[tr.pd->verbs.v[tr.form].block].name, tr.code, tr.passive, tr.nlit,
                    tr.prio, tr.msrc, tr.mtgt, tr.rule);
        if (class_discarded(cx, &tr)) continue;
        /* a trigger of ours weighed the sentence, whatever it decided,
         * when the sentence names an actor we know */
        if (codes_event(tr.code) && !(tr.prio == DL_PRIO_CAMEO2 && tr.nlit == 0) && names_our_actor(cx))
            cx->weighed++;
        st = dl__coder_code_trigger(cx, &tr);
        if (tr.v1 > i + 1) i = tr.v1 - 1;
    }
    memcpy(cx->lex, all, sizeof all);
    cx->nlex = nall;
    if (st == DL_OK && n && lex[0] == cx->eng->lexicon) quoted_demands(cx);
    return st == DL_OK ? dl__coder_transform(cx) : st;
}

/* Our lexicon codes the sentence over our actors; a users' dictionary
 * codes the sentences it left without an event, over our actors and
 * theirs (their phrases winning over names ours only guessed).  With
 * --dict-only theirs alone code, over their actors alone. */
/* The sentence's words, for patterns to check before they are matched. */
static dl_status index_words(dl_cctx *cx) {
    dl_map_release(&cx->words);
    dl_map_init(&cx->words);
    for (size_t i = cx->s0; i < cx->s1; i++) {
        const char *w = cx->doc->toks.v[i].norm;
        if (dl_map_put(&cx->words, w, strlen(w), 1) != 0) return DL_ERR_NOMEM;
    }
    return DL_OK;
}

static dl_status code_sentence(dl_cctx *cx, size_t s) {
    const dl_sent *se = &cx->doc->sents.v[s];
    cx->s0 = se->tok0;
    cx->s1 = se->tok0 + se->ntok;
    cx->sent = (uint32_t)s;
    if (se->ntok == 0 || cx->discard[s]) return DL_OK;
    if (cx->debug) {
        const dl_token *first = &cx->doc->toks.v[se->tok0], *last = first + se->ntok - 1;
        fprintf(stderr, "sentence %zu: %.*s\n", s, (int)(last->off + last->len - first->off),
                cx->doc->article.body + first->off);
    }
    if (index_words(cx) != DL_OK) return DL_ERR_NOMEM;
    const struct dl_pdict *lexicons[2] = {cx->lex[0], cx->nlex > 1 ? cx->lex[1] : NULL};
    const struct dl_pdict *users = cx->actor_pd;
    if (cx->dict_only) return code_pass(cx, lexicons, 1);
    size_t before = cx->doc->events.n;
    cx->actor_pd = NULL;
    cx->weighed = 0;
    dl_status st = code_pass(cx, lexicons, 1);
    cx->actor_pd = users;
    /* ours left it: no event, and no act of ours weighed and turned down */
    if (st == DL_OK && lexicons[1] && cx->doc->events.n == before && !cx->weighed)
        st = code_pass(cx, lexicons + 1, 1);
    return st;
}

/* Finds each sentence's discards (cx->discard); true when one discards the
 * whole story. */
static int story_discarded(dl_cctx *cx) {
    int story = 0;
    for (size_t s = 0; s < cx->doc->sents.n; s++) {
        cx->s0 = cx->doc->sents.v[s].tok0;
        cx->s1 = cx->s0 + cx->doc->sents.v[s].ntok;
        for (size_t l = 0; l < cx->nlex; l++) {
            int d = discard_in(cx, cx->lex[l]);
            if (d > cx->discard[s]) cx->discard[s] = (uint8_t)d;
        }
        story |= cx->discard[s] == 2;
    }
    return story;
}

static int32_t date_number(const char *iso) {
    int y = 0, m = 7, d = 1;
    if (sscanf(iso, "%d-%d-%d", &y, &m, &d) < 1) return 0;
    return y * 10000 + m * 100 + d;
}

/* The country named most often: the other party of an article's events
 * when a sentence leaves its target unsaid. */
/* The article's two most named countries, best first (-1 when none). */
static void most_named_countries(const dl_doc *doc, int best[2]) {
    best[0] = best[1] = -1;
    for (size_t i = 0; i < doc->actors.n; i++) {
        const dl_actor *a = &doc->actors.v[i];
        if (!a->type || strcmp(a->type, "GPE") != 0 || !a->code || !a->country ||
            strcmp(a->code, a->country) != 0)
            continue;
        if (best[0] < 0 || a->n_mentions > doc->actors.v[best[0]].n_mentions) {
            best[1] = best[0];
            best[0] = (int)i;
        } else if (best[1] < 0 || a->n_mentions > doc->actors.v[best[1]].n_mentions) {
            best[1] = (int)i;
        }
    }
}

dl_status dl__coder_run(dl_engine *eng, dl_doc *doc) {
    if (!doc->toks.n) return DL_OK;
    dl_cctx cx = {.eng = eng, .doc = doc};
    cx.dict_only = eng->dict_only && eng->pdict && eng->pdict->verbs.n;
    if (!cx.dict_only && eng->lexicon) cx.lex[cx.nlex++] = eng->lexicon;
    if (eng->pdict && eng->pdict->verbs.n) cx.lex[cx.nlex++] = eng->pdict;
    if (!cx.nlex) return DL_OK;
    cx.actor_pd = eng->pdict;
    cx.debug = getenv("DATELINE_DEBUG_CODER") != NULL;
    dl_doc_pub_date(doc, cx.pub);
    dl__event_story_date(doc, cx.pub, cx.story);
    cx.date = date_number(cx.story[0] ? cx.story : cx.pub);
    most_named_countries(doc, cx.counterpart);
    size_t maxn = 0;
    for (size_t s = 0; s < doc->sents.n; s++)
        if (doc->sents.v[s].ntok > maxn) maxn = doc->sents.v[s].ntok;
    int *mem = calloc(maxn * 9 + 1, sizeof *mem);
    cx.discard = calloc(doc->sents.n + 1, 1);
    if (!mem || !cx.discard) { free(mem); free(cx.discard); return DL_ERR_NOMEM; }
    cx.span_kind = mem;
    cx.span_index = mem + maxn;
    cx.span_len = mem + 2 * maxn;
    cx.sub_max = mem + 3 * maxn;
    cx.sub_min = mem + 4 * maxn;
    cx.group_at = mem + 5 * maxn;
    cx.group_end = mem + 6 * maxn;
    cx.group_in = mem + 7 * maxn;
    cx.mention_unit = mem + 8 * maxn;
    dl_status st = DL_OK;
    if (!story_discarded(&cx))
        for (size_t s = 0; s < doc->sents.n && st == DL_OK; s++) st = code_sentence(&cx, s);
    DL_VEC_FREE(&cx.units);
    DL_VEC_FREE(&cx.groups);
    DL_VEC_FREE(&cx.occs);
    dl_map_release(&cx.words);
    free(cx.discard);
    free(mem);
    return st;
}
