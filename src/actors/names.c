/*
 * actors/names.c -- the boundaries of names the dictionaries do not hold
 * whole.
 *
 * A name chunk is a run of capitalised words, with particles ("al",
 * "bin"), initials ("R."), hyphenated parts ("Hoi-kwan", "France-Presse",
 * "CNDD-FDD"), "&", a ", Jr." suffix, and -- after a head word or a title
 * -- connectors with more capitalised words ("Court of Session", "League
 * for the Defence of Human Rights", "Minister of Information ...").  The
 * words before the first connector are the chunk's first segment.  A
 * chunk is then
 *   an organisation   its first segment ends with a head word (names.tsv):
 *                     "Indonesian National Police", "Abu Dhabi TV",
 *                     "Armed Forces of the Philippines"; country and code
 *                     from a dictionary name before or after ("of the
 *                     Philippines") and the head's role
 *   a person          after its last title: "Senate Minority Whip Dick
 *                     Durbin", "Manhattan District Attorney Cyrus R. Vance,
 *                     Jr.", "Minister of Information Moammar al-Eryani";
 *                     the words before the name are the role
 *   a title alone     "Lord President of the Court of Session", "Senate
 *                     Minority Leader": a title mention for coreference;
 *                     the organisation in its tail is read on its own
 * and anything else is left to the other recognisers.
 */
#include <stdio.h>
#include <string.h>

#include "actors/actors.h"

static const char *const PARTICLES[] = {"al", "el", "bin", "ibn", "abu", "de", "da", "del", "van",
                                        "von", "la", "le", "di", "bint", "dos", "das", "ben", "dela",
                                        "der", "den", "du", "des", "ter", "ul", NULL};

/* Lower-case parts after a hyphen that make an adjective, not a name:
 * "Washington-based", "Iran-backed", "U.S.-led". */
static const char *const ADJ_PARTS[] = {"led", "run", "era", "wide", "made", "held", "born", "old",
                                        "year", "day", "week", "type", "like", "free", "based",
                                        "backed", "owned", "linked", "style", NULL};

static int is_hyphen(const dl_doc *doc, size_t j) {
    const dl_token *t = &doc->toks.v[j];
    return t->len == 1 && DL_SPAN_PTR(doc, t->off)[0] == '-' && !(t->flags & DL_TF_SPACE);
}

/* A hyphen at j joining the word before to a part of the name after it:
 * a capitalised word ("France-Presse") or a short syllable ("Jae-in",
 * "Hoi-kwan"). */
static int joins_name(const dl_doc *doc, size_t j, size_t end) {
    if (j + 1 >= end || !is_hyphen(doc, j)) return 0;
    const dl_token *n = &doc->toks.v[j + 1];
    if (n->kind != DL_TOK_WORD || (n->flags & DL_TF_SPACE)) return 0;
    if (n->flags & DL_TF_CAP) return 1;
    return n->len <= 4 && !dl_word_in(n->norm, ADJ_PARTS);
}

static int is_jr(const dl_doc *doc, size_t j) {
    static const char *const sfx[] = {"jr.", "jr", "sr.", "sr", NULL};
    return j < doc->toks.n && dl_word_in(doc->toks.v[j].norm, sfx);
}

size_t dl__names_end(const dl_doc *doc, size_t i, size_t end) {
    size_t j = i;
    while (j < end) {
        if (dl__actors_is_cap(doc, j)) { j++; continue; }
        if (j == i) break;
        if (joins_name(doc, j, end)) { j += 2; continue; }
        int particle = dl_word_in(doc->toks.v[j].norm, PARTICLES);
        if (particle && j + 1 < end && dl__actors_is_cap(doc, j + 1)) { j++; continue; }
        /* "el-Sisi", "al-Sudani": a particle joined by a hyphen to a name */
        if (particle && j + 2 < end && is_hyphen(doc, j + 1) && !(doc->toks.v[j + 2].flags & DL_TF_SPACE) &&
            dl__actors_is_cap(doc, j + 2)) {
            j += 3;
            continue;
        }
        /* "Cyrus R. Vance, Jr." */
        if (doc->toks.v[j].norm[0] == ',' && j + 1 < end && is_jr(doc, j + 1)) { j += 2; continue; }
        break;
    }
    return j;
}

/* ---- chunks ---------------------------------------------------------------- */

static const dl_name_word *word_at(const dl_actx *cx, size_t j) {
    return dl_dict_name_word(cx->dict, cx->doc->toks.v[j].norm);
}

int dl__names_has_class(const dl_actx *cx, size_t j, int cls) {
    const dl_name_word *w = word_at(cx, j);
    return w && (w->cls & cls);
}

/* Does a title end at token j (exclusive)?  Tries titles of one to three
 * words ending there. */
static int title_ends(const dl_actx *cx, size_t from, size_t j) {
    for (size_t n = 1; n <= 3 && n <= j - from; n++) {
        size_t len;
        int ag = dl__actors_agent(cx, j - n, j, &len);
        if (ag >= 0 && len == n && cx->dict->agents.v[ag].title) return 1;
    }
    return 0;
}

typedef struct {
    size_t t0, t1;     /* tokens */
    size_t seg_end;    /* end of the first segment, before the first connector */
} chunk;

static int is_connector(const dl_doc *doc, size_t j) {
    static const char *const conn[] = {"of", "for", "on", "and", "&", NULL};
    return dl_word_in(doc->toks.v[j].norm, conn);
}

/* The dictionary entry named at the start of tokens [i, end) and its
 * length, or -1. */
static int entry_at(const dl_actx *cx, size_t i, size_t end, size_t *len) {
    int h = i < end ? dl__actors_phrase(cx, i, end, len) : -1;
    return h >= 0 ? cx->dict->hits.v[h].actor : -1;
}

static int is_month(const dl_doc *doc, size_t j) {
    static const char *const months[] = {"january", "february", "march", "april", "may", "june", "july",
                                         "august", "september", "october", "november", "december", NULL};
    return dl_word_in(doc->toks.v[j].norm, months);
}

static size_t chunk_at(const dl_actx *cx, size_t i, size_t end, chunk *c) {
    const dl_doc *doc = cx->doc;
    size_t j = i;
    int tail = 0;
    c->t0 = i;
    c->seg_end = 0;
    while (j < end) {
        size_t k = dl__names_end(doc, j, end);
        if (k == j) break;
        j = k;
        /* "the Ombudsman's Office": a title's possessive inside a name ending in a head */
        if (j + 1 < end && dl_tok_is(doc, j, "'s") && title_ends(cx, i, j) && dl__actors_is_cap(doc, j + 1)) {
            size_t e2 = dl__names_end(doc, j + 1, end);
            if (e2 > j + 1 && dl__names_has_class(cx, e2 - 1, DL_NAME_HEAD)) {
                j = e2;
                continue;
            }
        }
        if (j >= end || !is_connector(doc, j)) break;
        size_t q = j + 1;
        if (q < end && dl_tok_is(doc, q, "the")) q++;
        if (q >= end || !dl__actors_is_cap(doc, q) || dl__actors_not_name(doc, q) || is_month(doc, q)) break;
        const char *w = doc->toks.v[j].norm;
        int ok, coord = strcmp(w, "and") == 0 || strcmp(w, "&") == 0;
        size_t dl;
        /* "the International Court of Justice and the UN Security Council": two names */
        if (coord && (q > j + 1 || (entry_at(cx, i, end, &dl) >= 0 && i + dl == j))) break;
        if (strcmp(w, "&") == 0) ok = 1;
        else if (strcmp(w, "and") == 0) ok = tail;
        else ok = tail || dl__names_has_class(cx, j - 1, DL_NAME_HEAD) || title_ends(cx, i, j);
        if (!ok) break;
        if (!tail && strcmp(w, "&") != 0) {
            c->seg_end = j;
            tail = 1;
        }
        j = q;
    }
    c->t1 = j;
    if (!c->seg_end) c->seg_end = j;
    return j;
}

/* ---- organisations --------------------------------------------------------- */

static const char *const STATE_ROLES[] = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "GOVMIL", NULL};

/* An organisation named by chunk c.  Its country and base code come from a
 * dictionary name at its start ("Indonesian", "UN") or in its tail ("of the
 * Philippines"); its role from the first head word with one ("Police" COP). */
static size_t org_name(dl_actx *cx, const chunk *c) {
    const dl_doc *doc = cx->doc;
    size_t len = 0, k = c->t0;
    int e = entry_at(cx, c->t0, c->seg_end, &len);
    if (e >= 0) k += len;
    else {
        /* "of the Philippines", "of New York" */
        for (size_t j = c->seg_end; j < c->t1 && e < 0; j++)
            if (j > c->seg_end && dl__actors_is_cap(doc, j) && !dl__actors_is_cap(doc, j - 1))
                e = entry_at(cx, j, c->t1, &len);
    }
    const char *suffix = "";
    for (size_t j = k; j < c->seg_end; j++) {
        const dl_name_word *w = word_at(cx, j);
        if (w && (w->cls & DL_NAME_HEAD) && w->suffix[0]) { suffix = w->suffix; break; }
    }
    const dl_dict_actor *base = e >= 0 ? &cx->dict->actors.v[e] : NULL;
    const char *country = base ? base->country : NULL;
    const char *root = base && base->kind == DL_DICT_ORG && base->code ? base->code : country;
    int assumed = !root && dl_word_in(suffix, STATE_ROLES) && cx->home[0];
    if (assumed) root = country = cx->home;
    char name[DL_KEY_MAX], key[DL_KEY_MAX + 8], code[48];
    dl__actors_text(doc, c->t0, c->t1, name, sizeof name);
    dl__actors_name_key(key, sizeof key, "a:", name);
    const char *cd = NULL;
    if (root) {
        /* an organisation's own code already holds its role ("IGOUNO") */
        snprintf(code, sizeof code, "%s%s", root, base && base->kind == DL_DICT_ORG ? "" : suffix);
        cd = code;
    }
    int actor = dl__actors_push(cx, key, name, "ORG", country, cd, NULL, -1, 0);
    if (actor < 0) return 0;
    if (assumed) doc->actors.v[actor].country_assumed = 1;
    dl__actors_mention(cx, c->t0, c->t1, actor, DL_MENTION_NAME);
    return c->t1 - c->t0;
}

/* ---- people after titles ----------------------------------------------------- */

/* The start of the person's name after the title that ends at te: past a
 * tail ("of Information", "of the United States") when the chunk has
 * one there.  Fills *country when the tail names a country. */
static size_t after_title(const dl_actx *cx, const chunk *c, size_t te, const char **country) {
    const dl_doc *doc = cx->doc;
    if (te != c->seg_end || te >= c->t1) return te;
    size_t j = te + 1;
    if (dl_tok_is(doc, j, "the")) j++;
    size_t len;
    int e = entry_at(cx, j, c->t1, &len);
    if (e >= 0 && cx->dict->actors.v[e].kind != DL_DICT_PERSON) {
        if (cx->dict->actors.v[e].country) *country = cx->dict->actors.v[e].country;
        return j + len;
    }
    size_t p = j;
    while (j < c->t1 && (dl__names_has_class(cx, j, DL_NAME_PORTFOLIO) || is_connector(doc, j))) j++;
    /* "Leader of the Islamic Revolution": what follows names the office, not the person */
    return j > p ? j : c->t1;
}

/* A PER entity of the recognizer ending at t1 and starting in [from, t1). */
static size_t entity_start(const dl_actx *cx, size_t from, size_t t1) {
    if (!cx->ent_at) return t1;
    for (size_t j = from; j < t1; j++) {
        int e = cx->ent_at[j];
        if (e < 0) continue;
        const dl_ent *x = &cx->doc->ents.v[e];
        if (strcmp(x->type, "PER") == 0 && x->tok0 + x->ntok == t1) return j;
    }
    return t1;
}

static size_t titled_person(dl_actx *cx, const chunk *c) {
    const dl_doc *doc = cx->doc;
    const struct dl_actor_dict *d = cx->dict;
    size_t k = c->t0, len = 0;
    const char *country = NULL;
    const dl_actor *institution = NULL;
    int e = entry_at(cx, k, c->seg_end, &len);
    size_t prefix = 0;   /* tokens of a country, place or organisation before the title */
    if (e >= 0 && d->actors.v[e].kind != DL_DICT_PERSON) {
        const dl_dict_actor *da = &d->actors.v[e];
        country = da->country;
        if (da->kind == DL_DICT_ORG) {
            int a = dl__actors_from_dict(cx, e);
            if (a >= 0) institution = &doc->actors.v[a];
        }
        k += len;
        prefix = len;
    }
    /* the last title in the first segment */
    const dl_dict_agent *title = NULL;
    size_t te = 0, ts = 0;
    for (size_t j = k; j < c->seg_end; j++) {
        int ag = dl__actors_agent(cx, j, c->seg_end, &len);
        if (ag >= 0 && d->agents.v[ag].title && !d->agents.v[ag].plural) {
            title = &d->agents.v[ag];
            ts = j;
            te = j + len;
            j = te - 1;
        }
    }
    if (!title) return 0;
    size_t ns = after_title(cx, c, te, &country);
    char role[96];
    dl__actors_text(doc, k, ns > te && ns <= c->t1 ? ns : te, role, sizeof role);
    /* nothing but an organisation after the title: a title that refers to
     * someone ("Lord President of the Court of Session", "Senate Minority
     * Leader"), unless the words before the title are a person's name
     * ("Martin Luther King") */
    int org_rest = 0;
    for (size_t j = ns; j < c->t1; j++) org_rest |= is_connector(doc, j) || dl__names_has_class(cx, j, DL_NAME_HEAD);
    int name_before = ts > k && cx->ent_at && cx->ent_at[k] >= 0 &&
                      strcmp(doc->ents.v[cx->ent_at[k]].type, "PER") == 0;
    if ((ns >= c->t1 || org_rest) && !name_before) {
        size_t det = c->t0;
        if (det > 0 && dl_tok_is(doc, det - 1, "the")) det--;
        dl__actors_mention(cx, det, te, -1, DL_MENTION_TITLE);
        dl__coref_note_title(cx, doc->mentions.n - 1, title, country);
        /* "... of the Court of Session": the tail is read on its own */
        if (te < c->t1) {
            size_t q = te + 1;
            if (dl_tok_is(doc, q, "the")) q++;
            return q - c->t0;
        }
        return c->t1 - c->t0;
    }
    if (ns >= c->t1 || org_rest) return 0;
    /* a long rest after a title's tail: the recognizer's person, else two words */
    size_t words = 0;
    for (size_t j = ns; j < c->t1; j++) words += dl__actors_is_cap(doc, j);
    size_t p = ns > te && words > 2 ? entity_start(cx, ns, c->t1) : c->t1;
    if (p < c->t1) {
        ns = p;   /* "... for Acquisition Marvin Sambur": the recognizer's person */
    } else if (ns > te && words > 3) {
        /* the last two capitalised words */
            for (size_t j = c->t1, seen = 0; j-- > ns && seen < 2;)
                if (dl__actors_is_cap(doc, j) && ++seen == 2) ns = j;
    }
    for (size_t j = ns; j < c->t1; j++)
        if (dl__names_has_class(cx, j, DL_NAME_HEAD) && !dl_word_in(doc->toks.v[j].norm, PARTICLES)) return 0;
    if (!dl__actors_is_cap(doc, ns)) return 0;
    for (size_t j = ns; j < c->t1; j++)
        if (dl__actors_not_name(doc, j)) return 0;   /* "Chair In Global Islamic Politics" */
    int actor = dl__actors_person(cx, ns, c->t1, country, title, institution, role);
    if (actor < 0) return 0;
    /* "United States President Donald Trump" names the country too: its
     * actor, without a mention of its own (the words are the person's title,
     * no party to what the person does) */
    if (prefix) dl__actors_from_dict(cx, e);
    dl__actors_add_title(cx, actor, title->word);
    dl__actors_mention(cx, ns, c->t1, actor, DL_MENTION_NAME);
    return c->t1 - c->t0;
}

/* ---- the recogniser ---------------------------------------------------------- */

size_t dl__names_scan(dl_actx *cx, size_t i, size_t end) {
    const dl_doc *doc = cx->doc;
    if (!dl__actors_is_cap(doc, i) || dl__actors_not_name(doc, i)) return 0;
    chunk c;
    chunk_at(cx, i, end, &c);
    if (c.t1 - c.t0 < 2) return 0;
    /* the dictionary holds the chunk whole (or more of it) */
    size_t len;
    if (entry_at(cx, i, end, &len) >= 0 && len >= c.t1 - c.t0) return 0;
    /* an organisation: its first segment ends with a head word, and it is
     * more than the head alone ("Police said" is a group, not a name) */
    if (dl__names_has_class(cx, c.seg_end - 1, DL_NAME_HEAD) && (c.seg_end - c.t0 >= 2 || c.t1 > c.seg_end) &&
        !title_ends(cx, c.t0, c.seg_end))
        return org_name(cx, &c);
    return titled_person(cx, &c);
}
