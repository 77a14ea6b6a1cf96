/*
 * event/args.c -- who did what to whom, read from the parse: the source and
 * the target of a trigger, its polarity, and the speaker of the quotation
 * it stands in.
 *
 *   source  the pattern's $; else the subject (nsubj, csubj; through xcomp,
 *           conj and participle clauses; the antecedent of a relative
 *           clause; the "by" agent of a passive); for a noun, its possessor,
 *           a demonym or compound, or "by/from X"; inside a quotation,
 *           "I" and "we", a missing subject and the speaker's own country
 *           stand for the speaker
 *   target  the pattern's +; else the passive subject, the object, a
 *           prepositional object (not a place or time: "in", "at",
 *           "during"), or for a noun its "of/on/against/to/with" phrase
 *   a noun phrase without a unit of its own stands for the actor its
 *           possessive, demonym or "of" phrase names ("China's ambassador",
 *           "Iranian officials", "officials of the ministry")
 *   polarity  negated acts are dropped; hypothetical material acts (a modal,
 *           "if", a verb of intent above them) are dropped; an act that
 *           "refuse", "decline" or "reject" governs becomes a rejection;
 *           "fail to" and "deny" drop the act they govern; "urge Y to X"
 *           leaves X to the appeal
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "event/codebook.h"
#include "event/coder.h"
#include "event/event.h"
#include "quote/quote.h"

#define rel dl__coder_rel
#define child dl__coder_child
#define head_of dl__coder_head

enum { VIA_NONE = 0, VIA_HEAD, VIA_MOD, VIA_OF, VIA_LIGHT };

static const char *norm(const dl_cctx *cx, size_t i) { return cx->doc->toks.v[i].norm; }

/* ---- noun phrases ----------------------------------------------------------- */

static const char *const SOURCE_PREPS[] = {"of", "from", "in", NULL};
static const char *const QUANTIFIERS[] = {"one", "some", "many", "most", "all", "each", "several", "none",
                                          "two", "three", "members", "head", "leader", "chief", NULL};

/* The group the noun phrase headed by token h stands for, without its
 * conjuncts; *via says how (VIA_HEAD: the phrase names it; VIA_MOD: a
 * possessive, demonym or compound; VIA_OF: an "of/from/in" phrase).  -1
 * when none. */
static int np_group1(dl_cctx *cx, size_t h, int depth, int *via) {
    int g = cx->group_in[h - cx->s0];
    if (g >= 0) { *via = VIA_HEAD; return g; }
    if (depth > 2 || !cx->doc->head) return -1;
    static const char *const mods[] = {"appos", "flat", "compound", "nmod:desc", "amod", "nmod:poss", NULL};
    for (int m = 0; mods[m]; m++)
        for (int c = child(cx, h, mods[m]); c >= 0; c = dl__coder_child_from(cx, h, mods[m], (size_t)c + 1)) {
            int v;
            int x = np_group1(cx, (size_t)c, depth + 1, &v);
            if (x >= 0) { *via = VIA_MOD; return x; }
        }
    for (int c = child(cx, h, "nmod"); c >= 0; c = dl__coder_child_from(cx, h, "nmod", (size_t)c + 1)) {
        const char *cs = dl__coder_case_of(cx, (size_t)c);
        if (!cs || !dl_word_in(cs, SOURCE_PREPS)) continue;
        /* "officials in Beijing" yes; "the ambassador to Britain" no */
        int v;
        int x = np_group1(cx, (size_t)c, depth + 1, &v);
        if (x >= 0) { *via = dl_word_in(norm(cx, h), QUANTIFIERS) ? VIA_HEAD : VIA_OF; return x; }
    }
    return -1;
}

/* One group joining groups a and b (units copied), or a when b adds none. */
static int join_groups(dl_cctx *cx, int a, int b) {
    if (a < 0) return b;
    if (b < 0 || a == b) return a;
    dl_group ga = cx->groups.v[a], gb = cx->groups.v[b];
    dl_group joined = {.t0 = ga.t0 < gb.t0 ? ga.t0 : gb.t0, .t1 = ga.t1 > gb.t1 ? ga.t1 : gb.t1,
                       .u0 = cx->units.n, .nu = 0};
    const dl_group *parts[2] = {&ga, &gb};
    for (int p = 0; p < 2; p++)
        for (size_t k = 0; k < parts[p]->nu; k++) {
            dl_unit u = cx->units.v[parts[p]->u0 + k];
            int dup = 0;
            for (size_t j = joined.u0; j < cx->units.n && !dup; j++)
                dup = cx->units.v[j].actor >= 0 && cx->units.v[j].actor == u.actor;
            if (dup) continue;
            dl_unit *slot = DL_VEC_PUSH(&cx->units);
            if (!slot) return a;
            *slot = u;
            joined.nu++;
        }
    dl_group *slot = DL_VEC_PUSH(&cx->groups);
    if (!slot) return a;
    *slot = joined;
    return (int)(cx->groups.n - 1);
}

/* The group of the noun phrase headed by h with its conjuncts ("Egypt,
 * Greece and Cyprus"; "the OIC head, Pope Francis and a spokesperson for
 * Duterte"), as one group. */
static int np_group(dl_cctx *cx, size_t h, int depth, int *via) {
    int g = np_group1(cx, h, depth, via);
    if (!cx->doc->head) return g;
    for (int c = child(cx, h, "conj"); c >= 0; c = dl__coder_child_from(cx, h, "conj", (size_t)c + 1)) {
        int v;
        int x = np_group(cx, (size_t)c, depth + 1, &v);
        if (x >= 0 && !(g >= 0 && cx->groups.v[g].t0 <= cx->groups.v[x].t0 && cx->groups.v[x].t1 <= cx->groups.v[g].t1))
            g = join_groups(cx, g, x);
        if (g >= 0 && *via == VIA_NONE) *via = v;
    }
    return g;
}

/* Do groups a and b stand for the same actor ("Khamenei ... his")? */
static int same_group_actor(const dl_cctx *cx, int a, int b) {
    if (a < 0 || b < 0) return 0;
    if (a == b) return 1;
    int x = cx->units.v[cx->groups.v[a].u0].actor, y = cx->units.v[cx->groups.v[b].u0].actor;
    return x >= 0 && x == y;
}

/* The target phrase of a noun: "sanctions on Iran", "the assassination of
 * X", "talks with Y", or the object phrase's own modifiers. */
static const char *const TARGET_PREPS[] = {"of", "on", "against", "to", "with", "toward", "towards",
                                           "over", "for", "into", "at", "upon", "between", NULL};

static int noun_target(dl_cctx *cx, size_t n, int skip_group, int depth) {
    for (int c = child(cx, n, "nmod"); c >= 0; c = dl__coder_child_from(cx, n, "nmod", (size_t)c + 1)) {
        const char *cs = dl__coder_case_of(cx, (size_t)c);
        int v, g;
        if (cs && dl_word_in(cs, TARGET_PREPS) && (g = np_group(cx, (size_t)c, 1, &v)) >= 0 &&
            !same_group_actor(cx, g, skip_group))
            return g;
        /* "delay US$400 million in military aid to Ukraine", "talks in
         * Beijing between Iran and Saudi Arabia" */
        if (depth < 2 && (g = noun_target(cx, (size_t)c, skip_group, depth + 1)) >= 0) return g;
    }
    return -1;
}

/* The first conjunct of noun n ("invasion" of "the invasion and
 * occupation"), or -1 when n is no later conjunct of a noun. */
static int conj_head(const dl_cctx *cx, size_t n) {
    int up = head_of(cx, n);
    return up >= 0 && strcmp(rel(cx, n), "conj") == 0 && dl__coder_upos_is(cx, (size_t)up, "NOUN") ? up : -1;
}

/* The target of a noun trigger that names none, from the later nouns it is
 * conjoined with: "the criticism and condemnation of Russia". */
static int conj_target(dl_cctx *cx, size_t n, int skip_group) {
    for (int c = child(cx, n, "conj"); c >= 0; c = dl__coder_child_from(cx, n, "conj", (size_t)c + 1)) {
        int g = dl__coder_upos_is(cx, (size_t)c, "NOUN") ? noun_target(cx, (size_t)c, skip_group, 0) : -1;
        if (g >= 0) return g;
    }
    return -1;
}

/* ---- subjects ----------------------------------------------------------------- */

static const char *const RELATIVE_PRONOUNS[] = {"who", "which", "that", "whom", "whose", NULL};
static const char *const FIRST_PERSON[] = {"i", "we", "us", "me", NULL};

static int ends_with(const char *w, const char *suffix) {
    size_t n = strlen(w), k = strlen(suffix);
    return n > k && strcmp(w + n - k, suffix) == 0;
}

/* The subject token of verb v: its own, else that of the clause it is an
 * xcomp, conj or participle clause of; for a relative clause whose subject
 * is the relative pronoun, the noun it modifies.  *passive is set when the
 * subject is v's own passive subject; *antecedent_passive when v is a
 * passive participle modifying a noun ("the attack, claimed by X").
 * Returns -1 when there is none. */
static const char *r_of(const dl_cctx *cx, size_t k) { return rel(cx, k); }

static int subject_tok(dl_cctx *cx, size_t v, int *passive, int *participle) {
    *passive = *participle = 0;
    size_t k = v;
    for (int hop = 0; hop < 6; hop++) {
        int s = -1;   /* of several subjects (a parse error), the one naming an actor */
        for (int c = child(cx, k, "nsubj"); c >= 0; c = dl__coder_child_from(cx, k, "nsubj", (size_t)c + 1)) {
            int via;
            if (s < 0) s = c;
            if (np_group(cx, (size_t)c, 0, &via) >= 0) { s = c; break; }
        }
        if (s < 0) s = child(cx, k, "csubj");
        const char *r = rel(cx, k);
        int up = head_of(cx, k);
        if (s >= 0 && dl_word_in(norm(cx, (size_t)s), RELATIVE_PRONOUNS) && strcmp(r_of(cx, k), "acl:relcl")) {
            /* "X, who visited Iran" parsed as a conjunct: the noun before */
            size_t b = (size_t)s;
            if (b > cx->s0 && cx->doc->toks.v[b - 1].norm[0] == ',') b--;
            if (b > cx->s0 && cx->group_in[b - 1 - cx->s0] >= 0) return (int)b - 1;
        }
        if (s >= 0) {
            /* "Turkey is under sanctions and was condemned": the subject of a
             * passive conjunct is its target too */
            if (k == v || child(cx, v, "aux:pass") >= 0)
                *passive = strcmp(rel(cx, (size_t)s), "nsubj:pass") == 0 || child(cx, v, "aux:pass") >= 0;
            if (dl_word_in(norm(cx, (size_t)s), RELATIVE_PRONOUNS) && strcmp(r, "acl:relcl") == 0 && up >= 0)
                return up;
            return s;
        }
        if (up < 0) break;
        if (strcmp(r, "acl") == 0 && k == v) {
            /* "an attack claimed by X": passive; "forces attacking the city",
             * "Iraqi efforts to expel": active, the noun's */
            int mark = child(cx, k, "mark");
            int infinitive = mark >= 0 && dl_tok_is(cx->doc, (size_t)mark, "to");
            if (!infinitive && !ends_with(norm(cx, k), "ing")) { *passive = 1; *participle = 1; }
            return up;
        }
        if (strcmp(r, "xcomp") == 0) {
            /* "made the U.S. withdraw", "urged Iran to negotiate": the object of
             * the verb above is the subject */
            int o = child(cx, (size_t)up, "obj");
            if (o < 0) o = child(cx, (size_t)up, "iobj");
            if (o >= 0) return o;
        }
        if (strcmp(r, "xcomp") && strncmp(r, "conj", 4) && strcmp(r, "advcl")) break;
        /* "after being shot": a passive gerund has no subject of its own */
        int pass_aux = child(cx, k, "aux:pass");
        int gerund = pass_aux >= 0 && dl_tok_is(cx->doc, (size_t)pass_aux, "being");
        if (strcmp(r, "advcl") == 0 && !ends_with(norm(cx, k), "ing") && !gerund &&
            child(cx, k, "mark") >= 0)
            break;   /* "after Turkey signed ...": a clause of its own */
        k = (size_t)up;
    }
    return -1;
}

/* The "by" agent of passive verb v ("was condemned by X", "was condemned
 * in a statement by X"), or -1. */
static int by_agent(dl_cctx *cx, size_t v) {
    for (int c = child(cx, v, "obl"); c >= 0; c = dl__coder_child_from(cx, v, "obl", (size_t)c + 1)) {
        const char *cs = dl__coder_case_of(cx, (size_t)c);
        int x, via;
        if (cs && strcmp(cs, "by") == 0 && (x = np_group(cx, (size_t)c, 0, &via)) >= 0) return x;
        for (int n = child(cx, (size_t)c, "nmod"); n >= 0; n = dl__coder_child_from(cx, (size_t)c, "nmod", (size_t)n + 1)) {
            const char *ns = dl__coder_case_of(cx, (size_t)n);
            if (ns && strcmp(ns, "by") == 0 && (x = np_group(cx, (size_t)n, 0, &via)) >= 0) return x;
        }
    }
    return -1;
}

/* The subject of the clause that governs v's clause ("X reiterated the
 * position that troops should leave": X), for patterns whose target is v's
 * own subject. */
static int outer_subject(dl_cctx *cx, size_t v, int not_group) {
    size_t k = v;
    for (int hop = 0; hop < 4; hop++) {
        int up = head_of(cx, k);
        if (up < 0) return -1;
        k = (size_t)up;
        int s = child(cx, k, "nsubj");
        int via;
        int g = s >= 0 ? np_group(cx, (size_t)s, 0, &via) : -1;
        if (g >= 0 && g != not_group) return g;
    }
    return -1;
}

/* ---- objects ------------------------------------------------------------------- */

/* Prepositions of place and time: their phrases are where and when, not whom. */
static const char *const CIRCUMSTANCE[] = {"in", "at", "near", "during", "after", "before", "since",
                                           "until", "amid", "despite", "as", "like", "because", "throughout",
                                           "within", "outside", "inside", "across", "around", "via", NULL};

/* The target of verb v when the pattern names none: its object (or what
 * the object's "of/on/against" phrase names), indirect object, or a
 * prepositional object; then the first group below it within three steps. */
static int verb_target(dl_cctx *cx, size_t v, int sg) {
    int via, g;
    static const char *const objs[] = {"obj", "iobj", NULL};
    for (int o = 0; objs[o]; o++) {
        int c = child(cx, v, objs[o]);
        if (c < 0) continue;
        if ((g = np_group(cx, (size_t)c, 0, &via)) >= 0 && !same_group_actor(cx, g, sg)) return g;
        if ((g = noun_target(cx, (size_t)c, sg, 0)) >= 0) return g;
    }
    for (int c = child(cx, v, "obl"); c >= 0; c = dl__coder_child_from(cx, v, "obl", (size_t)c + 1)) {
        const char *cs = dl__coder_case_of(cx, (size_t)c);
        if (cs && (dl_word_in(cs, CIRCUMSTANCE) || strcmp(cs, "by") == 0)) continue;
        if ((g = np_group(cx, (size_t)c, 0, &via)) >= 0 && !same_group_actor(cx, g, sg)) return g;
    }
    return -1;
}

/* ---- polarity ------------------------------------------------------------------- */

static const char *const NEGATIONS[] = {"not", "n't", "never", "no", "neither", "nor", NULL};
static const char *const HEDGES[] = {"may", "might", "could", "would", "should", "can", "must", "will",
                                     "'ll", "shall", "wo", "ca", NULL};

/* Does a negation word modify token h ("not", "never"; "no", "neither"
 * on a noun)? */
static int negation_on(const dl_cctx *cx, size_t h) {
    for (size_t i = cx->s0; i < cx->s1; i++) {
        if (cx->doc->head[i] != (int)h) continue;
        const char *r = rel(cx, i);
        if ((strcmp(r, "advmod") == 0 || strcmp(r, "det") == 0 || strcmp(r, "neg") == 0 ||
             strcmp(r, "cc:preconj") == 0) && dl_word_in(norm(cx, i), NEGATIONS))
            return 1;
    }
    return 0;
}

/* Is verb v negated, or is its subject nobody: "neither France nor Germany
 * endorsed it", "no country condemned it"? */
int dl__coder_negated(const dl_cctx *cx, size_t v) {
    if (negation_on(cx, v)) return 1;
    int s = child(cx, v, "nsubj");
    return s >= 0 && negation_on(cx, (size_t)s);
}

/* Is v's clause a condition ("if", "unless")? */
static int conditional(const dl_cctx *cx, size_t v) {
    int m = child(cx, v, "mark");
    return m >= 0 && (dl_tok_is(cx->doc, (size_t)m, "if") || dl_tok_is(cx->doc, (size_t)m, "unless"));
}

static int hedged(const dl_cctx *cx, size_t v) {
    for (size_t i = cx->s0; i < cx->s1; i++)
        if (cx->doc->head[i] == (int)v && strcmp(rel(cx, i), "aux") == 0 && dl_word_in(norm(cx, i), HEDGES))
            return 1;
    return conditional(cx, v);
}

/* Does token v stand in a relative clause that says what a proposal
 * would or could do ("a proposed law that would allow China to extradite
 * people accused of crimes", "a bill which could impose sanctions")?  Its
 * acts are only possible, and nobody's yet. */
static int proposed_act(const dl_cctx *cx, size_t v) {
    static const char *const PROPOSALS[] = {"law", "laws", "bill", "bills", "proposal", "proposals", "plan",
                                            "plans", "amendment", "amendments", "change", "changes",
                                            "measure", "measures", "deal", "legislation", "draft",
                                            "resolution", "motion", "reform", "reforms", "rule", "rules",
                                            NULL};
    size_t k = v;
    for (int hop = 0; hop < 10; hop++) {
        int up = head_of(cx, k);
        if (up < 0) return 0;
        /* the noun the clause follows, too: the parse may attach it higher
         * ("weeks of protests against a law that would ...") */
        size_t first = (size_t)cx->sub_min[k - cx->s0];
        int follows = first > cx->s0 && dl_word_in(norm(cx, first - 1), PROPOSALS);
        if (strncmp(rel(cx, k), "acl", 3) == 0 && (dl_word_in(norm(cx, (size_t)up), PROPOSALS) || follows) &&
            hedged(cx, k))
            return 1;
        k = (size_t)up;
    }
    return 0;
}

/* What a verb above the trigger's clause does to it. */
typedef enum {
    GOV_NONE = 0,
    GOV_REFUSE,    /* refuse/decline/reject to X: a rejection */
    GOV_DROP,      /* fail to X, deny that X, urge Y to X: X is not an act */
    GOV_INTENT,    /* plan/want/agree/offer to X: X is only intended */
    GOV_ORDER,     /* order Y to X: X is the orderer's act */
    GOV_THREAT     /* threaten to X, a threat to X: the threat of X (13x) */
} gov_kind;

static int stem_in(const char *w, const char *const *stems) {
    for (size_t i = 0; stems[i]; i++) {
        size_t n = strlen(stems[i]);
        if (strncmp(w, stems[i], n) == 0 && strlen(w) <= n + 3) return 1;
    }
    return 0;
}

/* What the noun an infinitive modifies does to it: "Japan's refusal to
 * apologise" is a rejection, "a failure to act" no act, "efforts to
 * expel", "a plan to attack" only intended. */
static gov_kind noun_governor(const dl_cctx *cx, int g, int *gov) {
    static const char *const refusal[] = {"refusal", "refusals", NULL};
    static const char *const failure[] = {"failure", "failures", NULL};
    static const char *const threat[] = {"threat", "threats", NULL};
    if (g < 0) return GOV_INTENT;
    const char *w = norm(cx, (size_t)g);
    if (dl_word_in(w, failure)) return GOV_DROP;
    if (dl_word_in(w, threat)) { *gov = g; return GOV_THREAT; }
    if (!dl_word_in(w, refusal)) return GOV_INTENT;
    *gov = g;
    return GOV_REFUSE;
}

/* Who does the refusing or ordering of verb or noun gov: its subject, or
 * the noun's owner ("Japan's refusal"); -1 when none. */
static int governor_subject(dl_cctx *cx, size_t gov) {
    int gp, gpart, gs = subject_tok(cx, gov, &gp, &gpart);
    if (gs >= 0) return gp ? -1 : gs;
    return child(cx, gov, "nmod:poss");
}

/* The first of the verbs conjoined with v: "urged them to assist the army
 * and deny ...", where "deny" shares what "assist" is governed by. */
static size_t first_conjunct(const dl_cctx *cx, size_t v) {
    for (int hop = 0; hop < 6 && strcmp(rel(cx, v), "conj") == 0; hop++) {
        int h = head_of(cx, v);
        if (h < 0 || !dl__coder_upos_is(cx, (size_t)h, "VERB")) break;
        v = (size_t)h;
    }
    return v;
}

/* Verbs by which one refuses, or threatens, to do what their clause says. */
static const char *const REFUSE[] = {"refus", "declin", "reject", "rebuff", "spurn", NULL};
static const char *const THREATEN[] = {"threat", "threaten", NULL};

static gov_kind governor(const dl_cctx *cx, size_t v, int *gov) {
    static const char *const drop[] = {"fail", "denied", "deny", "denies", "urg", "ask", "call", "press",
                                       "encourag", "invit", "warn", "demand", "appeal", "told",
                                       "tell", "pleaded", "plead", "begg", "begs", "request", NULL};
    static const char *const intent[] = {"plan", "want", "intend", "seek", "sought", "hope", "tri", "try",
                                         "aim", "vow", "pledg", "promis", "agree", "offer", "propos",
                                         "prepar", "expect", "consider", "wish", "would", "decid",
                                         "attempt", "mean", "need", "prepare", "go", "going",
                                         "like", "ready", "able", "set", "due", "likely", "work",
                                         "make", "made", "help", "striv", "struggl", "effort", "bid",
                                         "willing", "eager", NULL};
    static const char *const order[] = {"order", "direct", "instruct", "command", NULL};
    *gov = -1;
    v = first_conjunct(cx, v);
    const char *r = rel(cx, v);
    int mark = child(cx, v, "mark");
    if (strcmp(r, "acl") == 0 && mark >= 0 && dl_tok_is(cx->doc, (size_t)mark, "to"))
        return noun_governor(cx, head_of(cx, v), gov);
    /* "Japan's refusal to formally apologise" parsed as a clause of the
     * main verb: the noun right before the infinitive's "to" */
    if (mark >= 0 && (size_t)mark > cx->s0 && dl_tok_is(cx->doc, (size_t)mark, "to") &&
        dl__coder_upos_is(cx, (size_t)mark - 1, "NOUN")) {
        gov_kind k = noun_governor(cx, mark - 1, gov);
        if (k != GOV_INTENT) return k;
    }
    if (strncmp(r, "csubj", 5) == 0 || (strncmp(r, "nsubj", 5) == 0 && ends_with(norm(cx, v), "ing")))
        return GOV_INTENT;   /* "expelling U.S. forces is a strategic goal": an act named, not done */
    if (strcmp(r, "xcomp") && strcmp(r, "ccomp") && strcmp(r, "advcl")) return GOV_NONE;
    int g = head_of(cx, v);
    if (g < 0) return GOV_NONE;
    *gov = g;
    const char *w = norm(cx, (size_t)g);
    int infinitive = mark >= 0 && dl_tok_is(cx->doc, (size_t)mark, "to");
    if (strcmp(r, "xcomp") == 0 || infinitive) {
        /* "a bill that would allow China to extradite ...": only possible */
        static const char *const allow[] = {"allow", "enabl", "permit", "let", NULL};
        if (stem_in(w, allow) && hedged(cx, (size_t)g)) return GOV_DROP;
        if (stem_in(w, REFUSE)) return GOV_REFUSE;
        if (stem_in(w, THREATEN)) return GOV_THREAT;
        if (stem_in(w, order)) return GOV_ORDER;
        /* (begging, not beginning: "began to withdraw" is done) */
        if (stem_in(w, drop) || strcmp(w, "beg") == 0) return GOV_DROP;
        if (stem_in(w, intent)) return GOV_INTENT;
        return GOV_NONE;
    }
    if (strcmp(r, "ccomp") == 0 && (strcmp(w, "denied") == 0 || strcmp(w, "deny") == 0 || strcmp(w, "denies") == 0))
        return GOV_DROP;
    return GOV_NONE;
}

/* What governs a noun of an act through the light verb whose object it
 * is: "willing to hold talks" (intended), "refused to open negotiations"
 * (refused), "urged them to hold talks" (dropped).  GOV_NONE when the noun
 * is no such object. */
static gov_kind noun_light_governor(const dl_cctx *cx, size_t n, int *gov) {
    static const char *const light[] = {"hold", "held", "have", "had", "start", "begin", "began", "begun",
                                        "open", "enter", "conduct", "attend", "join", "launch", "stage",
                                        "carry", "make", "made", NULL};
    *gov = -1;
    int h = head_of(cx, n);
    if (h < 0 || strcmp(rel(cx, n), "obj") || !dl__coder_upos_is(cx, (size_t)h, "VERB")) return GOV_NONE;
    if (!stem_in(norm(cx, (size_t)h), light)) return GOV_NONE;
    return governor(cx, (size_t)h, gov);
}

/* The rejection that refusing an act of code c is (CAMEO 12x). */
static const char *refusal_code(const char *c) {
    if (strncmp(c, "04", 2) == 0) return "125";
    if (strncmp(c, "06", 2) == 0) return "121";
    if (strncmp(c, "07", 2) == 0) return "122";
    if (strncmp(c, "08", 2) == 0) return "124";
    return "120";
}

/* The code of the first entry of map whose act code c begins with; NULL
 * when none (map ends with {NULL, NULL}; longer prefixes come first). */
typedef struct { const char *act, *said; } code_map;
static const char *mapped_code(const code_map *map, const char *c) {
    for (size_t i = 0; map[i].act; i++)
        if (strncmp(c, map[i].act, strlen(map[i].act)) == 0) return map[i].said;
    return NULL;
}

/* The intent (CAMEO 03x) that stating one will do the cooperative act c
 * is, of the act's own kind ("will send aid" 033, "will free the
 * hostages" 0353); NULL when the act has no intent code. */
static const char *intent_of(const char *c) {
    static const code_map map[] = {
        {"045", "039"}, {"04", "036"}, {"05", "032"},
        {"061", "0311"}, {"062", "0312"}, {"063", "0313"}, {"064", "0314"}, {"06", "031"},
        {"071", "0331"}, {"072", "0332"}, {"073", "0333"}, {"074", "0334"}, {"07", "033"},
        {"081", "0351"}, {"082", "0352"}, {"0831", "0341"}, {"0832", "0342"}, {"0833", "0343"},
        {"0834", "0344"}, {"083", "034"}, {"084", "0353"}, {"085", "0354"}, {"086", "0355"},
        {"087", "0356"}, {"08", "035"}, {NULL, NULL}};
    return mapped_code(map, c);
}

/* The threat (CAMEO 13x) that stating one will do the hostile act c is
 * ("will attack" 138, "will impose sanctions" 1312); NULL when none. */
static const char *threat_of(const char *c) {
    static const code_map map[] = {
        {"161", "1313"}, {"162", "1311"}, {"163", "1312"}, {"164", "134"}, {"165", "135"}, {"166", "136"},
        {"16", "131"}, {"1721", "1321"}, {"1722", "1322"}, {"1723", "1323"}, {"1724", "1324"},
        {"172", "132"}, {"17", "137"}, {"18", "138"}, {"191", "1381"}, {"192", "1382"}, {"19", "1384"},
        {"204", "1385"}, {"20", "138"}, {NULL, NULL}};
    return mapped_code(map, c);
}

/* The intent to cooperate that wanting or offering to do a cooperative act
 * states (CAMEO 03x: "wants to meet X" 036, "offered to help" 033); NULL
 * when the act has no intent code of its own.  Only for verbs by which the
 * actor states an intent, not for forecasts ("is expected to meet"). */
static const char *intent_code(const dl_cctx *cx, int gov, const char *c) {
    static const char *const says[] = {"want", "wish", "hope", "plan", "intend", "seek", "sought", "vow",
                                       "pledg", "promis", "offer", "propos", "agree", "aim", "ready", "willing",
                                       "eager", "prepar", NULL};
    if (gov < 0 || !stem_in(norm(cx, (size_t)gov), says)) return NULL;
    return intent_of(c);
}

/* Is gov a verb by which one vows what its clause says ("vowed to
 * attack", "pledged to fight on"): vowing a hostile act threatens it. */
static int vowed(const dl_cctx *cx, int gov) {
    static const char *const vow[] = {"vow", "pledg", "promis", "swear", "swore", "sworn", NULL};
    return gov >= 0 && stem_in(norm(cx, (size_t)gov), vow);
}

/* Does the only modal on v say what will be ("will", "would"), not what
 * may or must be? */
static int future_only(const dl_cctx *cx, size_t v) {
    static const char *const future[] = {"will", "would", "'ll", "wo", NULL};
    int seen = 0;
    for (size_t i = cx->s0; i < cx->s1; i++) {
        if (cx->doc->head[i] != (int)v || strcmp(rel(cx, i), "aux")) continue;
        if (!dl_word_in(norm(cx, i), HEDGES)) continue;
        if (!dl_word_in(norm(cx, i), future)) return 0;
        seen = 1;
    }
    return seen && !conditional(cx, v);
}

static int is_country_of(const dl_doc *doc, int gpe, int person);
static int group_actor(const dl_cctx *cx, int g);

/* Is the subject token subj a pronoun by which the speaker of quote q
 * names himself: "I" or "we" in his own words; "he", "she" (a person) or
 * "it", "they" (a body) in words reported of him? */
static int speaker_pronoun(const dl_cctx *cx, const dl_quote *q, size_t subj) {
    static const char *const first[] = {"i", "we", NULL}, *const person[] = {"he", "she", NULL},
                             *const body[] = {"it", "they", "we", NULL};
    const char *w = norm(cx, subj), *type = cx->doc->actors.v[q->speaker].type;
    if (q->direct) return dl_word_in(w, first);
    return dl_word_in(w, type && strcmp(type, "PER") == 0 ? person : body);
}

/* Is v the main verb of the words of quote q: the clause a speech verb
 * outside them reports, or the root of a quotation? */
static int quote_main_verb(const dl_cctx *cx, long q, size_t v) {
    v = first_conjunct(cx, v);
    int h = head_of(cx, v);
    if (h < 0) return cx->doc->quotes.v[q].direct;
    return strcmp(rel(cx, v), "ccomp") == 0 && dl_quote_at(cx->doc, (size_t)h) != q;
}

/* A material act that the speaker of the reported or quoted words says he
 * himself will do ("Britain said it would give aid", "'We will strike
 * back,' he said") is his intent (03x) or threat (13x); NULL when the act
 * is another's, only possible, or of no such kind.  The act must be what
 * the words state, not a clause below them ("said whether it will
 * benefit"), and its doer the speaker: his pronoun, his name or his
 * country. */
static const char *announced_code(dl_cctx *cx, size_t v, const char *c) {
    long q = dl_quote_at(cx->doc, v);
    if (q < 0 || !future_only(cx, v) || !quote_main_verb(cx, q, v)) return NULL;
    const dl_quote *qt = &cx->doc->quotes.v[q];
    if (qt->speaker < 0) return NULL;
    int passive, participle, subj = subject_tok(cx, v, &passive, &participle);
    if (subj < 0 || passive || participle) return NULL;
    if (!speaker_pronoun(cx, qt, (size_t)subj)) {
        int via, a = group_actor(cx, np_group(cx, (size_t)subj, 0, &via));
        if (a != qt->speaker && !is_country_of(cx->doc, a, qt->speaker)) return NULL;
    }
    const char *said = intent_of(c);
    return said ? said : threat_of(c);
}

/* The refusal that not yielding is ("did not accede to the demands",
 * "would not release the prisoners"): CAMEO 124 and the 12x of its kind. */
static const char *refusal_to_yield(const char *c) {
    static const struct { const char *yield, *refuse; } map[] = {
        {"081", "1241"}, {"082", "1242"}, {"083", "123"}, {"084", "1243"}, {"085", "1244"},
        {"086", "1245"}, {"087", "1246"}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strncmp(c, map[i].yield, 3) == 0) return map[i].refuse;
    return "124";
}

static int is_material(const dl_cctx *cx, const char *code) {
    const dl_cameo *c = cx->eng->codebook ? dl_codebook_find(cx->eng->codebook, code) : NULL;
    if (c) return c->quad == 2 || c->quad == 4;
    int root = dl__code_root(code);
    return (root >= 6 && root <= 9) || root >= 15;
}

/* A gerund after a preposition is not an act of its own ("praised them for
 * welcoming pilgrims", "accused X of attacking Y"). */
static int adjunct_gerund(const dl_cctx *cx, size_t v) {
    if (!ends_with(norm(cx, v), "ing")) return 0;
    int m = child(cx, v, "mark");
    if (m < 0) m = child(cx, v, "case");
    return m >= 0 && !dl_tok_is(cx->doc, (size_t)m, "to");
}

/* ---- quotations ----------------------------------------------------------------- */

static int is_country_of(const dl_doc *doc, int gpe, int person) {
    if (gpe < 0 || person < 0) return 0;
    const dl_actor *g = &doc->actors.v[gpe], *p = &doc->actors.v[person];
    return g->type && strcmp(g->type, "GPE") == 0 && g->country && p->country &&
           strcmp(g->country, p->country) == 0 && g->code && p->code && strcmp(g->code, g->country) == 0 &&
           gpe != person;
}

static int group_actor(const dl_cctx *cx, int g) {
    return g >= 0 && cx->groups.v[g].nu == 1 ? cx->units.v[cx->groups.v[g].u0].actor : -1;
}

/* ---- coding one trigger ------------------------------------------------------------ */

static int clause_edge(const dl_cctx *cx, size_t k);

/* All groups from token i to the end of its clause, as one group: "from
 * OIC head X, Pope Francis, and a spokesperson for Y" (commas, "and" and
 * brackets do not end it; a verb, a relative word or ";" do). */
static int groups_to_clause_end(dl_cctx *cx, size_t i) {
    int g = -1;
    for (size_t k = i; k < cx->s1; k++) {
        const dl_token *t = &cx->doc->toks.v[k];
        int list_mark = t->kind == DL_TOK_PUNCT && strchr(",()", cx->doc->article.body[t->off]);
        if ((clause_edge(cx, k) && !list_mark) || dl__coder_upos_is(cx, k, "VERB")) break;
        int x = cx->group_at[k - cx->s0];
        if (x >= 0) g = join_groups(cx, g, x);
    }
    /* the same join made before (the rules and the proposals both ask) */
    for (int e = 0; g >= 0 && e < g; e++) {
        const dl_group *a = &cx->groups.v[e], *b = &cx->groups.v[g];
        if (a->t0 == b->t0 && a->t1 == b->t1 && a->nu == b->nu && a->nu > 1) return e;
    }
    return g;
}

/* "Statements of condemnation have come from X", "attributions of
 * responsibility were made by X", "condolences were offered by X": a light
 * verb after the noun's phrase, whose "from" or "by" names the one the act
 * comes from (read in word order: the parse of these seldom holds). */
static int light_verb_source(dl_cctx *cx, size_t n, int *via) {
    static const char *const LIGHT[] = {"come", "came", "made", "make", "issu", "express", "voic", "offer",
                                        "sent", "send", "pour", "arriv", "echo", NULL};
    for (size_t k = n + 1; k < cx->s1 && k < n + 8; k++) {
        if (clause_edge(cx, k)) return -1;
        if (!dl__coder_upos_is(cx, k, "VERB")) continue;
        if (!stem_in(norm(cx, k), LIGHT)) return -1;
        size_t p = k + 1;
        while (p < cx->s1 && dl__coder_upos_is(cx, p, "ADV")) p++;
        if (p >= cx->s1 || !(dl_tok_is(cx->doc, p, "from") || dl_tok_is(cx->doc, p, "by"))) return -1;
        int g = groups_to_clause_end(cx, p + 1);
        if (g >= 0) *via = VIA_LIGHT;
        return g;
    }
    return -1;
}

/* The source of a noun trigger: possessor, demonym or compound ("Beijing's
 * demands", "U.S. sanctions"), "by/from X"; else the subject of a light
 * verb it is the object of ("made a plea", "expressed condolences"), the
 * "from X" or "by X" of a verb it is the subject of ("condemnation came
 * from X", "the accusations were echoed by X"), or that of a light verb
 * after it in word order.  Those of a verb it is the subject of are the
 * act's agent (*via VIA_LIGHT): a named one with no target is the rules'
 * plain choice. */
static int noun_source(dl_cctx *cx, size_t n, int *via, int *inverted) {
    /* "X faced criticism", "came under sanctions": X is what the act is aimed at */
    static const char *const undergo[] = {"face", "faces", "faced", "facing", "receive", "receives",
                                          "received", "receiving", "draw", "draws", "drew", "drawn",
                                          "drawing", "attract", "attracts", "attracted", "suffer",
                                          "suffers", "suffered", "endure", "endured", "under", NULL};
    *inverted = 0;
    size_t trigger = n;
    int predicate = child(cx, n, "cop") >= 0;   /* "X is not Iraq's friend": Iraq does nothing */
    static const char *const mods[] = {"nmod:poss", "compound", "amod", NULL};
    int first = conj_head(cx, n);   /* "the Japanese invasion and occupation": the modifiers are shared */
    for (int pass = 0; pass < 2 && !predicate; pass++) {
        size_t h = pass ? (size_t)first : n;
        if (pass && first < 0) break;
        for (int m = 0; mods[m]; m++)
            for (int c = child(cx, h, mods[m]); c >= 0; c = dl__coder_child_from(cx, h, mods[m], (size_t)c + 1)) {
                int v, g = np_group(cx, (size_t)c, 1, &v);
                if (g >= 0) { *via = VIA_MOD; return g; }
            }
    }
    for (int c = child(cx, n, "nmod"); c >= 0; c = dl__coder_child_from(cx, n, "nmod", (size_t)c + 1)) {
        const char *cs = dl__coder_case_of(cx, (size_t)c);
        int v, g;
        if (cs && (strcmp(cs, "by") == 0 || strcmp(cs, "from") == 0) && (g = np_group(cx, (size_t)c, 1, &v)) >= 0) {
            *via = VIA_OF;
            return g;
        }
    }
    if (predicate) {
        /* "X is in conflict with Y", "X and Y are at war": the subject of a
         * predicate "in" or "at" the act is its party */
        const char *cs = dl__coder_case_of(cx, n);
        int passive, participle, s = cs && (strcmp(cs, "in") == 0 || strcmp(cs, "at") == 0)
                                         ? subject_tok(cx, n, &passive, &participle)
                                         : -1;
        int v, g = s >= 0 ? np_group(cx, (size_t)s, 0, &v) : -1;
        if (g >= 0) { *via = VIA_OF; return g; }
    }
    if (first >= 0) n = (size_t)first;   /* "expressed condolences and support": the first's verb */
    int up = head_of(cx, n);
    const char *r = rel(cx, n);
    /* "statements of condemnation": the noun it specifies stands in for it */
    if (up >= 0 && strcmp(r, "nmod") == 0 && dl__coder_upos_is(cx, (size_t)up, "NOUN")) {
        n = (size_t)up;
        r = rel(cx, n);
        up = head_of(cx, n);
    }
    if (up < 0) return light_verb_source(cx, trigger, via);
    if (strcmp(r, "obj") == 0) {
        int passive, participle, s = subject_tok(cx, (size_t)up, &passive, &participle);
        int v, g = s >= 0 && !passive ? np_group(cx, (size_t)s, 0, &v) : -1;
        if (g >= 0) {
            *via = VIA_OF;
            *inverted = dl_word_in(norm(cx, (size_t)up), undergo);
            return g;
        }
    }
    if (strncmp(r, "obl", 3) == 0 || strcmp(r, "advcl") == 0) {
        /* "underlined it in a meeting with X", "during talks with Y": the
         * subject of the verb is the noun's */
        int passive, participle, s = subject_tok(cx, (size_t)up, &passive, &participle);
        int v, g = s >= 0 && !passive ? np_group(cx, (size_t)s, 0, &v) : -1;
        if (g >= 0) { *via = VIA_OF; return g; }
    }
    if (strncmp(r, "nsubj", 5) == 0) {
        int g = by_agent(cx, (size_t)up);
        if (g >= 0) { *via = VIA_LIGHT; return g; }
        for (int c = child(cx, (size_t)up, "obl"); c >= 0; c = dl__coder_child_from(cx, (size_t)up, "obl", (size_t)c + 1)) {
            const char *cs = dl__coder_case_of(cx, (size_t)c);
            int v;
            if (cs && strcmp(cs, "from") == 0 && (g = np_group(cx, (size_t)c, 0, &v)) >= 0) { *via = VIA_LIGHT; return g; }
        }
    }
    return light_verb_source(cx, trigger, via);
}

/* "Turkey is already under EU sanctions", "came under attack": the subject
 * of the clause a noun stands under is its target. */
static int under_target(dl_cctx *cx, size_t n) {
    const char *cs = dl__coder_case_of(cx, n);
    int up = head_of(cx, n);
    if (!cs || strcmp(cs, "under") != 0) return -1;
    int s = child(cx, n, "nsubj");   /* a copula clause: the noun is its head */
    if (s < 0 && up >= 0) s = child(cx, (size_t)up, "nsubj");
    int via;
    return s >= 0 ? np_group(cx, (size_t)s, 0, &via) : -1;
}

/* "Similar attributions of responsibility were made by X", "such
 * condemnations": an act like the one just coded (two sentences back at
 * most, the same root) is aimed at its target. */
static int similar_target(dl_cctx *cx, size_t n, const char *code) {
    static const char *const LIKE[] = {"similar", "such", "same", "identical", NULL};
    int like = 0;
    for (size_t i = cx->s0; i < cx->s1 && !like; i++)
        like = cx->doc->head[i] == (int)n && dl_word_in(norm(cx, i), LIKE) &&
               (strcmp(rel(cx, i), "amod") == 0 || strcmp(rel(cx, i), "det") == 0);
    if (!like) return -1;
    const dl_doc *doc = cx->doc;
    for (size_t e = doc->events.n; e-- > 0;) {
        const dl_event *ev = &doc->events.v[e];
        if (ev->sent + 2 < cx->sent) break;
        if (ev->target >= 0 && strncmp(ev->cameo, code, 2) == 0) return dl__coder_actor_group(cx, ev->target);
    }
    return -1;
}

static int event_trigger_at(dl_cctx *cx, size_t t, dl_trigger *tr);

/* Is the noun at n the object or subject of a verb that is a trigger of
 * its own?  Then that verb codes the act ("imposed sanctions on Iran"). */
static int verb_codes_noun(dl_cctx *cx, size_t n) {
    /* "imposed sanctions", "called for a withdrawal", "demanded the release
     * of": the act the noun names is the verb's, or only what it asks for;
     * and when the verb's own act is dropped ("urged leaders to impose
     * sanctions"), the noun does not code it in its stead */
    size_t k = n;
    for (int hop = 0; hop < 2; hop++) {
        int up = head_of(cx, k);
        if (up < 0) return 0;
        const char *r = rel(cx, k);
        if (strcmp(r, "obj") && strncmp(r, "nsubj", 5) && strncmp(r, "obl", 3) && strncmp(r, "nmod", 4))
            return 0;
        const dl_token *t = &cx->doc->toks.v[up];
        for (size_t e = cx->doc->events.n; e-- > 0;) {
            const dl_event *ev = &cx->doc->events.v[e];
            if (ev->sent != cx->sent) break;
            if (ev->off <= t->off && t->off < ev->off + ev->len) return 1;
        }
        dl_trigger vt;
        if (strcmp(r, "obj") == 0 && dl__coder_upos_is(cx, (size_t)up, "VERB") && event_trigger_at(cx, (size_t)up, &vt) &&
            !vt.noun)
            return 1;
        k = (size_t)up;
    }
    return 0;
}

/* Is the code one the annotation guidelines leave to quotes?  A plain,
 * optimistic, pessimistic or policy statement is a quote, not an event;
 * claims, denials and condolences are events. */
static int statement_only(const char *code) {
    static const char *const codes[] = {"010", "011", "012", "013", "014", "017", "019", NULL};
    return dl_word_in(code, codes);
}

/* ---- candidates ---------------------------------------------------------------- */

/* The groups the rules propose as sources and targets, and how. */
typedef struct {
    size_t ng0;          /* groups when proposing began */
    int *sflags, *tflags;/* per group (allocated for every group at the end) */
    size_t cap;
    int speaker_group;
    struct { int g, side, flag; } v[48];
    size_t n;
} proposal;

static void propose(proposal *p, int g, int side, int flag) {
    if (g < 0 || p->n == sizeof p->v / sizeof *p->v) return;
    p->v[p->n].g = g;
    p->v[p->n].side = side;
    p->v[p->n].flag = flag;
    p->n++;
}

/* Does token k end a clause for the word-order fallbacks: punctuation, a
 * quotation mark, a relative pronoun or a subordinating word? */
static int clause_edge(const dl_cctx *cx, size_t k) {
    static const char *const words[] = {"that", "which", "who", "whom", "because", "while", "when",
                                        "after", "before", "although", "if", NULL};
    const dl_token *t = &cx->doc->toks.v[k];
    if (t->kind == DL_TOK_QUOTE) return 1;
    if (t->kind == DL_TOK_PUNCT && strchr(".,;:!?()", cx->doc->article.body[t->off])) return 1;
    return dl_word_in(t->norm, words);
}

/* The nearest group ending before token i in its clause, or -1: what word
 * order says when the parse does not. */
static int group_before(const dl_cctx *cx, size_t i) {
    for (size_t k = i; k > cx->s0 && i - k < 10; k--) {
        int g = cx->group_end[k - 1 - cx->s0];
        if (g >= 0) return g;
        if (clause_edge(cx, k - 1)) return -1;
    }
    return -1;
}

/* The first group starting after token i in its clause, within a few
 * words ("met with Syrian President Bashar al-Assad"), or -1. */
static int group_after(const dl_cctx *cx, size_t i) {
    for (size_t k = i; k < cx->s1 && k < i + 8; k++) {
        int g = cx->group_at[k - cx->s0];
        if (g >= 0) return g;
        if (clause_edge(cx, k) || (k > i && dl__coder_upos_is(cx, k, "VERB"))) return -1;
    }
    return -1;
}

static void add_proposals(dl_cctx *cx, const dl_trigger *tr, size_t v, int subj, int passive, int gov,
                          int gk, int speaker, int sg, int tg, proposal *p) {
    int via;
    propose(p, sg, 0, DL_ARG_RULE);
    propose(p, tg, 1, DL_ARG_RULE);
    propose(p, tr->msrc, 0, DL_ARG_PATTERN);
    propose(p, tr->mtgt, 1, DL_ARG_PATTERN);
    if (tr->noun) {
        int inverted = 0, g = noun_source(cx, v, &via, &inverted);
        propose(p, g, inverted, via == VIA_LIGHT ? DL_ARG_AGENT : DL_ARG_NOUNMOD);
        propose(p, noun_target(cx, v, -1, 0), 1, DL_ARG_NOUNOF);
        propose(p, conj_target(cx, v, -1), 1, DL_ARG_NOUNOF);
        propose(p, similar_target(cx, v, tr->code), 1, DL_ARG_NOUNOF);
    } else {
        int g = subj >= 0 ? np_group(cx, (size_t)subj, 0, &via) : -1;
        propose(p, g, passive ? 1 : 0, passive ? DL_ARG_PASSUBJ : DL_ARG_SUBJ);
        if (tr->adj && subj >= 0) propose(p, noun_target(cx, (size_t)subj, -1, 0), 1, DL_ARG_PASSUBJ);
        if (passive && !tr->adj) propose(p, by_agent(cx, v), 0, DL_ARG_AGENT);
        static const char *const objs[] = {"obj", "iobj", NULL};
        for (int o = 0; objs[o]; o++) {
            int c = child(cx, v, objs[o]);
            if (c < 0) continue;
            propose(p, np_group(cx, (size_t)c, 0, &via), 1, DL_ARG_OBJ);
            propose(p, noun_target(cx, (size_t)c, -1, 0), 1, DL_ARG_OBJ);
        }
        for (int c = child(cx, v, "obl"); c >= 0; c = dl__coder_child_from(cx, v, "obl", (size_t)c + 1)) {
            const char *cs = dl__coder_case_of(cx, (size_t)c);
            if (cs && strcmp(cs, "by") == 0) continue;
            propose(p, np_group(cx, (size_t)c, 0, &via), 1, DL_ARG_OBL);
        }
        propose(p, outer_subject(cx, v, -1), 0, DL_ARG_OUTER);
        if (gov >= 0 && (gk == GOV_ORDER || gk == GOV_REFUSE || gk == GOV_THREAT)) {
            int gs = governor_subject(cx, (size_t)gov);
            if (gs >= 0) propose(p, np_group(cx, (size_t)gs, 0, &via), 0, DL_ARG_OUTER);
        }
    }
    propose(p, group_before(cx, tr->v0), 0, DL_ARG_BEFORE);
    propose(p, group_after(cx, tr->v1), 1, DL_ARG_AFTER);
    p->speaker_group = speaker >= 0 && !cx->dict_only ? dl__coder_actor_group(cx, speaker) : -1;
    propose(p, p->speaker_group, 0, DL_ARG_SPEAKER);
}

/* The candidate pairs: every proposed source with every proposed target
 * (and none), and, in short sentences, every group on either side. */
/* May source group a and target group b (-1: none) state an event of this
 * trigger?  A class that wants a target has one (or a compound source
 * acting among itself); a verbal act, an act in the active voice, and any
 * act a noun names but a violent one, has its actor. */
static int pair_ok(const dl_cctx *cx, const dl_trigger *tr, const char *code, int passive, int mutual, int a,
                   int b) {
    if (a < 0 && b < 0) return 0;
    int root = dl__code_root(code);
    int compound = b < 0 && a >= 0 && cx->groups.v[a].nu >= 2 && mutual;
    int among = a < 0 && b >= 0 && cx->groups.v[b].nu >= 2 && mutual && tr->noun;
    if (tr->need_target && b < 0 && !compound && !among) return 0;
    if (a < 0 && !among && (!is_material(cx, code) || (!tr->noun && !passive) || (tr->noun && root < 18)))
        return 0;
    return 1;
}

/* Is token k an article or modifier opening a noun phrase ("a hospital
 * spokesperson", "the senior Iraqi official")? */
static int np_modifier(const dl_cctx *cx, size_t k) {
    if (dl_tok_is(cx->doc, k, "the") || dl_tok_is(cx->doc, k, "a") || dl_tok_is(cx->doc, k, "an")) return 1;
    if (!cx->doc->upos) return 0;
    const char *r = dl__coder_rel(cx, k);
    return strcmp(r, "det") == 0 || strcmp(r, "amod") == 0 || strcmp(r, "compound") == 0 ||
           strcmp(r, "nummod") == 0;
}

/* Are all the units of group g news media (a MED segment: "Reuters",
 * "Agence France-Presse")? */
static int media_group(const dl_cctx *cx, const dl_group *x) {
    if (x->nu == 0) return 0;
    for (size_t k = 0; k < x->nu; k++)
        if (!dl__coder_has_segment(cx->units.v[x->u0 + k].code, "MED")) return 0;
    return 1;
}

static int not_a_party(const dl_cctx *cx, int g);

/* The group a quote's speaker is given when the sentence has none of its
 * own (dl__coder_actor_group): is the speaker named in this sentence as
 * no party ("..., according to a senior opposition official")? */
static int speaker_not_a_party(const dl_cctx *cx, int g) {
    const dl_group *x = &cx->groups.v[g];
    int actor = cx->units.v[x->u0].actor;
    if (x->nu != 1 || actor < 0) return 0;
    for (size_t h = 0; h < cx->groups.n; h++) {
        const dl_group *y = &cx->groups.v[h];
        if ((int)h == g || y->t0 == y->t1 || y->nu != 1 || cx->units.v[y->u0].actor != actor) continue;
        if (not_a_party(cx, (int)h)) return 1;
    }
    return 0;
}

/* Is group g the source of a report ("according to The Guardian"), a
 * news medium spoken to ("speaking to Agence France-Presse", "in an
 * interview with CNN") or a reference point ("since Jordan"), not a party
 * to the act? */
static int not_a_party(const dl_cctx *cx, int g) {
    const dl_group *x = &cx->groups.v[g];
    if (x->t0 == x->t1 && x->t0 == cx->s0) return speaker_not_a_party(cx, g);
    if (x->t0 == x->t1 || x->t0 < cx->s0 + 2) return 0;
    size_t t = x->t0;
    while (t > cx->s0 + 2 && np_modifier(cx, t - 1)) t--;
    if (dl_tok_is(cx->doc, t - 1, "to") && dl_tok_is(cx->doc, t - 2, "according")) return 1;
    if ((dl_tok_is(cx->doc, t - 1, "to") || dl_tok_is(cx->doc, t - 1, "with")) && media_group(cx, x)) return 1;
    /* "the first to normalize relations since Jordan": a point in time */
    return dl_tok_is(cx->doc, x->t0 - 1, "since");
}

/* A set's per-group source and target flags, zeroed, in one block that
 * starts at s->sflags (free that); -1 when out of memory. */
static int alloc_side_flags(const dl_cctx *cx, dl_cset *s) {
    size_t ng = cx->groups.n;
    s->sflags = calloc(2 * ng + 2, sizeof *s->sflags);
    if (!s->sflags) return -1;
    s->tflags = s->sflags + ng + 1;
    return 0;
}

static dl_status make_candidates(dl_cctx *cx, dl_cset *s, proposal *p, int rule_ok, int sg, int tg,
                                 int passive) {
    size_t ng = cx->groups.n;
    if (alloc_side_flags(cx, s) < 0) return DL_ERR_NOMEM;
    p->sflags = s->sflags;
    p->tflags = s->tflags;
    for (size_t i = 0; i < p->n; i++) (p->v[i].side ? p->tflags : p->sflags)[p->v[i].g] |= p->v[i].flag;
    int any = ng <= 10 && !s->tr->noun;
    /* "the group that has seized parts of Iraq": a relative clause whose
     * noun names no actor has no source elsewhere in the sentence */
    int sourceless = (s->ctx & DL_CTX_SUBJ_NOBODY) && strcmp(rel(cx, s->tr->head), "acl:relcl") == 0;
    for (int a = -1; a < (int)ng; a++) {
        if (a >= 0 && sourceless) break;
        if (a >= 0 && !p->sflags[a] && !(any && cx->groups.v[a].nu)) continue;
        if (a >= 0 && (not_a_party(cx, a) || dl__coder_is_place(cx, a))) continue;
        for (int b = -1; b < (int)ng; b++) {
            if (b >= 0 && !p->tflags[b] && !(any && cx->groups.v[b].nu)) continue;
            if (b >= 0 && (not_a_party(cx, b) || dl__coder_is_place(cx, b))) continue;
            if (a == b || s->n == DL_MAX_CANDS || !pair_ok(cx, s->tr, s->code, passive, s->compound, a, b)) continue;
            if (a >= 0 && b >= 0 && cx->units.v[cx->groups.v[a].u0].actor >= 0 &&
                cx->units.v[cx->groups.v[a].u0].actor == cx->units.v[cx->groups.v[b].u0].actor)
                continue;
            if (a == sg && b == tg && rule_ok) s->rule = (int)s->n;
            s->v[s->n].sg = a;
            s->v[s->n].tg = b;
            s->n++;
        }
    }
    return DL_OK;
}

static int group_actor(const dl_cctx *cx, int g);

/* "the authorities have chosen to suppress protests," Tam said: a speaker
 * who reports another's act of force accuses him (the guidelines code a
 * statement that carries an accusation, 112).  The one candidate, speaker
 * -> the act's source, is left to the model: the rules do not accuse. */
static void propose_accusation(dl_cctx *cx, const dl_trigger *tr, const char *code, int speaker, int sg,
                               uint32_t ctx) {
    int root = dl__code_root(code);
    int spk = speaker >= 0 ? dl__coder_actor_group(cx, speaker) : -1;
    if (root < 17 || spk < 0 || sg < 0 || sg == spk || group_actor(cx, sg) == speaker) return;
    if (not_a_party(cx, sg)) return;
    dl_cset set = {.tr = tr, .speaker_group = spk, .rule = -1, .ctx = ctx | DL_CTX_ACCUSE, .n = 1};
    if (alloc_side_flags(cx, &set) < 0) return;
    snprintf(set.code, sizeof set.code, "112");
    set.sflags[spk] = DL_ARG_SPEAKER;
    set.tflags[sg] = DL_ARG_SUBJ;
    set.v[0] = (dl_cand){.sg = spk, .tg = sg};
    dl__cands_decide(cx, &set);
    free(set.sflags);
}

/* ---- verbs that hand their act to another trigger --------------------------------- */

static int event_trigger_at(dl_cctx *cx, size_t t, dl_trigger *tr) {
    if (!dl__coder_trigger_at(cx, t, tr) || !tr->code[0] || strcmp(tr->code, "---") == 0 ||
        strcmp(tr->code, "=") == 0)
        return 0;
    return !(tr->prio == DL_PRIO_CAMEO2 && tr->nlit == 0);
}

/* "refused to negotiate with X", "threatened to attack X": the act refused
 * or threatened is coded, as a rejection or a threat, by the verb it
 * governs; the refusing or threatening verb codes none. */
static int governs_an_act(dl_cctx *cx, size_t v) {
    int threat = stem_in(norm(cx, v), THREATEN);
    if (!threat && !stem_in(norm(cx, v), REFUSE)) return 0;
    int x = child(cx, v, "xcomp");
    dl_trigger inner;
    if (x < 0 || !event_trigger_at(cx, (size_t)x, &inner) || inner.noun) return 0;
    return !threat || threat_of(inner.code) != NULL;
}

/* "hit by drone strikes", "a bombing struck the cathedral": a strike
 * verb whose agent or subject names the weapon takes the weapon's code. */
static void weapon_code(dl_cctx *cx, size_t v, int subj, int passive, char code[8]) {
    int root = dl__code_root(code);
    if (root != 18 && root != 19) return;
    int w = -1;
    if (passive) {
        for (int c = child(cx, v, "obl"); c >= 0 && w < 0; c = dl__coder_child_from(cx, v, "obl", (size_t)c + 1)) {
            const char *cs = dl__coder_case_of(cx, (size_t)c);
            if (cs && strcmp(cs, "by") == 0) w = c;
        }
    } else {
        w = subj;
    }
    if (w < 0 || cx->group_in[w - (int)cx->s0] >= 0) return;
    /* the noun's form may start a word or two before it: "drone strikes" */
    for (size_t t = (size_t)w >= cx->s0 + 2 ? (size_t)w - 2 : cx->s0; t <= (size_t)w; t++) {
        dl_trigger weapon;
        if (!event_trigger_at(cx, t, &weapon) || !weapon.noun || weapon.v1 != (size_t)w + 1) continue;
        int wr = dl__code_root(weapon.code);
        if (wr >= 18 && wr <= 20) snprintf(code, 8, "%s", weapon.code);
        return;
    }
}

/* ---- an act that refers back ---------------------------------------------------- */

/* "The parliament passed a bill in this regard": the act of the event just
 * coded (two sentences back at most), now by this subject, toward the
 * same target. */
static dl_status continue_act(dl_cctx *cx, dl_trigger *tr) {
    dl_doc *doc = cx->doc;
    if (!doc->events.n || !doc->head) return DL_OK;
    const dl_event *prev = &doc->events.v[doc->events.n - 1];
    if (prev->sent + 2 < cx->sent || prev->target < 0) return DL_OK;
    int passive, participle, via;
    int s = subject_tok(cx, tr->head, &passive, &participle);
    int sg = s >= 0 && !passive ? np_group(cx, (size_t)s, 0, &via) : -1;
    if (sg < 0 || group_actor(cx, sg) == prev->target) return DL_OK;
    char code[8];
    snprintf(code, sizeof code, "%s", prev->cameo);
    int tg = dl__coder_actor_group(cx, prev->target);
    snprintf(tr->code, sizeof tr->code, "%s", code);
    dl__coder_emit(cx, tr, code, sg, tg, 0, 0.6f);
    return DL_OK;
}

/* Does the clause have a subject of its own, a noun phrase that names no
 * actor ("the militant group that has seized", "the weather")?  Then an
 * actor elsewhere in the sentence is seldom its source. */
static int subject_names_nobody(dl_cctx *cx, int subj, int passive, int participle) {
    if (subj < 0 || passive || participle) return 0;
    const dl_token *t = &cx->doc->toks.v[subj];
    if (t->kind != DL_TOK_WORD || dl_word_in(t->norm, FIRST_PERSON)) return 0;
    int via;
    return np_group(cx, (size_t)subj, 0, &via) < 0;
}

/* ---- as PETRARCH would (--dict-only) ------------------------------------------- */

/* The subject group of verb h the way PETRARCH reads it: its own subject,
 * else that of the clause it is an xcomp or conj of; *passive for its own
 * nsubj:pass. */
static int petrarch_subject(dl_cctx *cx, size_t h, int *passive) {
    *passive = 0;
    size_t k = h;
    for (int hop = 0; hop < 6; hop++) {
        int s = child(cx, k, "nsubj");
        if (s < 0) s = child(cx, k, "csubj");
        int via;
        if (s >= 0) {
            *passive = strcmp(rel(cx, (size_t)s), "nsubj:pass") == 0 && k == h;
            return np_group(cx, (size_t)s, 0, &via);
        }
        const char *r = rel(cx, k);
        int up = head_of(cx, k);
        if (up < 0 || (strcmp(r, "xcomp") && strncmp(r, "conj", 4))) break;
        k = (size_t)up;
    }
    return -1;
}

/* The users' verbs, read as PETRARCH reads them: no polarity, the
 * subject (or the nearest actor before), the first actor after the verb
 * in its phrase, a two-way code with a compound subject coding among its
 * members. */
static dl_status petrarch_code(dl_cctx *cx, dl_trigger *tr) {
    dl_doc *doc = cx->doc;
    size_t h = tr->head;
    size_t post_end = (size_t)cx->sub_max[h - cx->s0] + 1;
    if (post_end <= tr->v1) post_end = cx->s1;
    int passive = 0;
    int sg = tr->msrc >= 0 ? tr->msrc : petrarch_subject(cx, h, &passive);
    int tg = tr->mtgt;
    if (passive && tr->msrc < 0) {
        int agent = by_agent(cx, h);
        if (agent >= 0) { tg = tg >= 0 ? tg : sg; sg = agent; }
        else passive = 0;
    }
    for (size_t k = tr->v0; sg < 0 && k > cx->s0; k--) sg = cx->group_end[k - 1 - cx->s0];
    for (size_t k = tr->v1; tg < 0 && !passive && k < post_end && k < cx->s1; k++) tg = cx->group_at[k - cx->s0];
    dl_vocc *o = DL_VEC_PUSH(&cx->occs);
    if (o) {
        *o = (dl_vocc){.h = h, .v0 = tr->v0, .v1 = tr->v1, .pd = tr->pd,
                       .block = tr->pd->verbs.v[tr->form].block, .sg = sg, .tg = tg,
                       .own_subject = child(cx, h, "nsubj") >= 0 || child(cx, h, "csubj") >= 0,
                       .ev0 = doc->events.n, .ev1 = doc->events.n};
        snprintf(o->active, sizeof o->active, "%s", tr->code);
    }
    if (sg < 0 || sg == tg) return DL_OK;
    int compound = tr->compound;
    if (compound && cx->groups.v[sg].nu < 2) return DL_OK;
    if (tg < 0 && *tr->code && *tr->passive && cx->groups.v[sg].nu >= 2) compound = 1;
    if (*tr->code) dl__coder_emit(cx, tr, tr->code, sg, tg, compound, 0.7f);
    if (*tr->passive && tg >= 0 && !compound) dl__coder_emit(cx, tr, tr->passive, tg, sg, 0, 0.7f);
    if (o) cx->occs.v[cx->occs.n - 1].ev1 = doc->events.n;
    return DL_OK;
}

dl_status dl__coder_code_trigger(dl_cctx *cx, dl_trigger *tr) {
    dl_doc *doc = cx->doc;
    /* the users' verbs are read the way they were written for: as PETRARCH */
    if (cx->dict_only || tr->prio == DL_PRIO_USERS) return doc->head ? petrarch_code(cx, tr) : DL_OK;
    if (strcmp(tr->code, "=") == 0) return continue_act(cx, tr);
    char code[8];
    snprintf(code, sizeof code, "%s", tr->code);
    size_t v = tr->head;
    if (!doc->head) return DL_OK;
    /* PETRARCH2's CAMEO verbs code through their patterns only: their bare
     * verb codes are too broad read over our parse (12 right of 139 on the
     * train split) */
    int silent = tr->prio == DL_PRIO_CAMEO2 && tr->nlit == 0 && !cx->dict_only;
    int has_active = code[0] && strcmp(code, "---") != 0 && !statement_only(code) && !silent;
    int has_passive = tr->passive[0] && strcmp(tr->passive, "---") != 0 && !silent;

    /* polarity: a negated act is none, but not yielding is refusing to */
    if (dl__coder_negated(cx, v)) {
        if (strncmp(code, "08", 2) != 0 || tr->noun) return DL_OK;
        snprintf(code, sizeof code, "%s", refusal_to_yield(code));
    }
    if (!tr->noun && adjunct_gerund(cx, v)) return DL_OK;
    if (proposed_act(cx, v)) return DL_OK;
    int gov = -1;
    gov_kind gk = tr->npre_lit ? GOV_NONE : tr->noun ? noun_light_governor(cx, v, &gov) : governor(cx, v, &gov);
    if (gk == GOV_DROP) return DL_OK;
    const char *intended = gk == GOV_INTENT ? intent_code(cx, gov, code) : NULL;
    if (intended) snprintf(code, sizeof code, "%s", intended);
    else if (gk == GOV_INTENT && vowed(cx, gov) && threat_of(code)) snprintf(code, sizeof code, "%s", threat_of(code));
    else if (gk == GOV_INTENT && is_material(cx, code)) return DL_OK;
    if (gk == GOV_REFUSE) snprintf(code, sizeof code, "%s", refusal_code(code));
    if (gk == GOV_THREAT) {   /* "threatened to kill him": 138; threatening to help is none */
        const char *threat = threat_of(code);
        if (!threat) return DL_OK;
        snprintf(code, sizeof code, "%s", threat);
    }
    const char *announced = NULL;   /* "said it would give aid": an intent (03x) or threat (13x) */
    if (!tr->noun && is_material(cx, code) && hedged(cx, v) && gk != GOV_REFUSE) {
        announced = gk == GOV_NONE ? announced_code(cx, v, code) : NULL;
        if (!announced) return DL_OK;
        snprintf(code, sizeof code, "%s", announced);
        if (cx->debug) fprintf(stderr, "  announced: %s\n", code);
    }
    if (tr->noun && verb_codes_noun(cx, v)) return DL_OK;

    if (!tr->noun && governs_an_act(cx, v)) return DL_OK;

    /* arguments */
    int via_s = VIA_NONE, sg = tr->msrc, tg = tr->mtgt, passive = 0, participle = 0;
    int subj = -1;
    if (tr->noun) {
        int inverted = 0;
        if (sg < 0) sg = noun_source(cx, v, &via_s, &inverted);
        if (inverted) { if (tg < 0) tg = sg; sg = -1; }
        if (tg < 0) tg = noun_target(cx, v, sg, 0);
        if (tg < 0) tg = conj_target(cx, v, sg);
        if (tg < 0) tg = under_target(cx, v);
        if (tg < 0) tg = similar_target(cx, v, code);
    } else {
        subj = subject_tok(cx, v, &passive, &participle);
        if (tr->adj) passive = 1;   /* "the murder is unacceptable": what is judged is the target */
        if (sg < 0 && subj >= 0) {
            if (participle) {
                if (tg < 0) tg = np_group(cx, (size_t)subj, 0, &via_s);
            } else {
                int g = np_group(cx, (size_t)subj, 0, &via_s);
                /* "the sanctions imposed by the US are illegal": the US */
                if (g < 0 && tr->adj) g = noun_target(cx, (size_t)subj, -1, 0);
                if (passive) { if (tg < 0) tg = g; }
                else sg = g;
            }
        }
        if (passive && tr->msrc < 0 && !tr->adj) {
            sg = by_agent(cx, v);
            if (sg < 0 && tr->passive[0] && !has_active) sg = -1;
        }
        weapon_code(cx, v, subj, passive, code);
        if (gk == GOV_ORDER || gk == GOV_REFUSE || gk == GOV_THREAT) {
            int gs = governor_subject(cx, (size_t)gov);
            int g = gs >= 0 ? np_group(cx, (size_t)gs, 0, &via_s) : -1;
            if (g >= 0) sg = g;
        }
        if (tg < 0 && !passive) tg = verb_target(cx, v, sg);
        /* a parse that lost the clause: word order */
        if (sg < 0 && !passive && subj < 0) sg = group_before(cx, tr->v0);
        if (tg < 0 && !passive && tr->nlit > 0) tg = group_after(cx, tr->v1);
        if (tg == sg && tr->mtgt < 0) tg = -1;
    }
    if (sg >= 0 && sg == tg) {
        if (tr->mtgt >= 0) sg = outer_subject(cx, v, tg);
        else tg = -1;
    }
    if (dl__coder_is_place(cx, sg)) sg = -1;
    if (dl__coder_is_place(cx, tg)) tg = -1;

    /* inside a quotation the speaker speaks for "I" and "we", for an
     * unsaid subject and for his own country */
    long q = dl_quote_at(doc, tr->v0);
    int speaker = q >= 0 ? doc->quotes.v[q].speaker : -1;
    int clause_sg = sg;   /* who the clause says acted, before the speaker stands in */
    if (speaker >= 0 && !cx->dict_only) {
        int first_person = subj >= 0 && !passive && dl_word_in(norm(cx, (size_t)subj), FIRST_PERSON);
        /* (a speaker whose country is only assumed, "officials said", does not
         * speak for the country the clause names) */
        int own_country = is_country_of(doc, group_actor(cx, sg), speaker) && !is_material(cx, code) &&
                          !doc->actors.v[speaker].country_assumed;
        if (first_person || own_country || (sg < 0 && (!passive || tr->adj) && !is_material(cx, code))) {
            int g = dl__coder_actor_group(cx, speaker);
            if (g >= 0 && g != tg && group_actor(cx, tg) != speaker) sg = g;
        }
    }
    if (announced && speaker >= 0) {   /* the doer named again or by a pronoun is the speaker */
        int g = dl__coder_actor_group(cx, speaker);
        if (g >= 0 && g != tg) sg = g;
    }
    if (sg < 0 && cx->dict_only) {
        for (size_t k = tr->v0; k > cx->s0 && sg < 0; k--) sg = cx->group_end[k - 1 - cx->s0];
    }

    /* the implicit other party: "agreed to expand cooperation" is with the
     * article's most named country, or its next when that is the source's */
    if (tg < 0 && (tr->pflags & DL_PPAT_IMPLICIT) && !(sg >= 0 && cx->groups.v[sg].nu >= 2)) {
        int sa = group_actor(cx, sg);
        const char *sc = sa >= 0 ? doc->actors.v[sa].country : NULL;
        for (int k = 0; k < 2 && tg < 0; k++) {
            int c = cx->counterpart[k];
            if (c < 0) break;
            const char *cc = doc->actors.v[c].country;
            if (!(sc && cc && strcmp(sc, cc) == 0)) tg = dl__coder_actor_group(cx, c);
            if (!sc) break;     /* an unknown source: only the first */
        }
    }

    dl_vocc *o = tr->noun ? NULL : DL_VEC_PUSH(&cx->occs);
    if (o) {
        *o = (dl_vocc){.h = v, .v0 = tr->v0, .v1 = tr->v1, .pd = tr->pd,
                       .block = tr->pd->verbs.v[tr->form].block, .sg = sg, .tg = tg,
                       .own_subject = child(cx, v, "nsubj") >= 0 || child(cx, v, "csubj") >= 0,
                       .ev0 = doc->events.n, .ev1 = doc->events.n};
        snprintf(o->active, sizeof o->active, "%s", code);
    }
    int root = dl__code_root(code);
    int mutual = has_passive || (root >= 3 && root <= 6) || tr->compound;

    /* the rules' choice: is it an event? */
    int rule_ok = has_active && pair_ok(cx, tr, code, passive, mutual, sg, tg);
    int rule_compound = tg < 0 && sg >= 0 && cx->groups.v[sg].nu >= 2 && mutual;

    if (cx->debug) fprintf(stderr, "  rules: source %d target %d ok %d\n", sg, tg, rule_ok);
    if (has_active) {
        proposal pr = {0};
        pr.ng0 = cx->groups.n;
        add_proposals(cx, tr, v, subj, passive, gov, gk, speaker, sg, tg, &pr);
        dl_cset set = {.tr = tr, .compound = mutual, .speaker_group = pr.speaker_group, .rule = -1};
        snprintf(set.code, sizeof set.code, "%s", code);
        set.ctx = (q >= 0 ? (doc->quotes.v[q].direct ? DL_CTX_DIRECT : DL_CTX_REPORTED) : 0) |
                  (hedged(cx, v) && !announced ? DL_CTX_HEDGED : 0) | (gk == GOV_REFUSE ? DL_CTX_REFUSAL : 0) |
                  (gk == GOV_INTENT || gk == GOV_THREAT || announced ? DL_CTX_INTENT : 0) | (passive ? DL_CTX_PASSIVE : 0) |
                  (rule_ok ? 0 : DL_CTX_RULE_NONE) | (cx->sent < 3 ? DL_CTX_FIRST : 0) |
                  (subject_names_nobody(cx, subj, passive, participle) ? DL_CTX_SUBJ_NOBODY : 0);
        if (make_candidates(cx, &set, &pr, rule_ok, sg, tg, passive) == DL_OK) dl__cands_decide(cx, &set);
        free(pr.sflags);
        if (q >= 0 && clause_sg == sg) propose_accusation(cx, tr, code, speaker, sg, set.ctx);
    }
    if (rule_ok && has_passive && tg >= 0 && !rule_compound) dl__coder_emit(cx, tr, tr->passive, tg, sg, 0, 0.7f);
    if (o) cx->occs.v[cx->occs.n - 1].ev1 = doc->events.n;
    return DL_OK;
}
