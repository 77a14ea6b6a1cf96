/*
 * actors/actors.h -- what the files of the actor stage share: the working
 * state of one run (dl_actx), the helpers that add actors and mentions,
 * the name recognisers (names.c), group actors and the article's home
 * country (groups.c) and the coreference steps (coref.c).
 */
#ifndef DL_ACTORS_H
#define DL_ACTORS_H

#include "actors/dict.h"
#include "core/doc.h"
#include "core/map.h"

#define DL_KEY_MAX 512

/* A title mention waiting for coreference: "the Iraqi president". */
typedef struct {
    size_t mention;
    const dl_dict_agent *title;
    const char *country;   /* from its demonym, or NULL */
} dl_title_note;

typedef struct {
    dl_doc *doc;
    const struct dl_actor_dict *dict;
    char date[11];                  /* publication date, for office terms */
    char home[4];                   /* the article's home country, "" when unknown */
    int home_entry;                 /* its dictionary entry, or -1 */
    const char *home_adj;           /* the words naming its agents ("Iranian", "U.S."), or NULL */
    dl_map by_key;                  /* "d:ENTRY", "a:phrase", "p:Name" -> actor */
    DL_VEC(char *) titles;          /* per actor: "|ayatollah|leader|" */
    DL_VEC(dl_title_note) title_notes;
    uint8_t *quoted;                /* per token: inside quotation marks (coref) */
    int32_t *ent_at;                /* per token: the entity starting there, or -1 */
} dl_actx;

/* ---- actors.c: actors, mentions, dictionary matches -------------------- */

int dl__actors_push(dl_actx *cx, const char *key, const char *name, const char *type,
                    const char *country, const char *code, const char *role, int entry,
                    uint8_t gender);
/* The document actor for dictionary entry (created on first use). */
int dl__actors_from_dict(dl_actx *cx, int entry);
void dl__actors_add_title(dl_actx *cx, int actor, const char *word);
void dl__actors_mention(dl_actx *cx, size_t t0, size_t t1, int actor, dl_mention_kind kind);
/* Longest dictionary phrase at i (not past end): the hit, or -1. */
int dl__actors_phrase(const dl_actx *cx, size_t i, size_t end, size_t *len);
/* Longest agent or title phrase at i (up to 3 tokens), or -1. */
int dl__actors_agent(const dl_actx *cx, size_t i, size_t end, size_t *len);
/* The text of tokens [t0, t1) in buf, words joined as written. */
void dl__actors_text(const dl_doc *doc, size_t t0, size_t t1, char *buf, size_t cap);
/* out = a + " " + b, cut to cap. */
void dl__actors_join(char *out, size_t cap, const char *a, const char *b);
/* key = prefix + the folded name, cut to cap. */
void dl__actors_name_key(char *key, size_t cap, const char *prefix, const char *name);
/* The folded key of tokens [i, i+n) in key[DL_KEY_MAX]; its length, 0 when too long. */
size_t dl__actors_key(const dl_doc *doc, size_t i, size_t n, char *key);
int dl__actors_is_cap(const dl_doc *doc, size_t i);
/* A person the dictionaries do not know, named after a title: the code is
 * the country's with suffix, or with the title's role when suffix is NULL
 * ("" for none: a company's or a party's officer). */
int dl__actors_stranger(dl_actx *cx, size_t t0, size_t t1, const char *country,
                        const dl_dict_agent *title, const char *suffix, const char *role);

/* A person's name at [j, nend) after a title: the dictionary name, a
 * surname of a person already named, a dictionary surname, or a stranger
 * (of the institution before the title: "White House spokesman ..."). */
int dl__actors_person(dl_actx *cx, size_t j, size_t nend, const char *country,
                      const dl_dict_agent *title, const dl_actor *institution, const char *role);
/* Function words that are never names ("the", "in", "monday"). */
int dl__actors_not_name(const dl_doc *doc, size_t i);

/* ---- names.c: boundaries of names ------------------------------------ */

/* The end of a person's name starting at i: capitalised words, with
 * particles (al, bin, de) and hyphenated parts ("Hoi-kwan") inside. */
size_t dl__names_end(const dl_doc *doc, size_t i, size_t end);
/* Is token j a names.tsv word of class cls (DL_NAME_* bits)? */
int dl__names_has_class(const dl_actx *cx, size_t j, int cls);
/* A capitalised name at i the dictionaries do not hold whole: an
 * organisation ("Court of Session", "Indonesian National Police") or a
 * person after titles ("Senate Minority Whip Dick Durbin").  Returns the
 * tokens consumed, 0 when it is neither. */
size_t dl__names_scan(dl_actx *cx, size_t i, size_t end);

/* ---- groups.c: the home country and group actors ---------------------- */

/* Picks the home country before the scan: the dateline's country, else the
 * most-named country (names, demonyms, places). */
void dl__groups_home(dl_actx *cx);
/* A group named by an agent at i without a country before it ("the
 * government", "riot police", "a source close to the talks"): its actor,
 * of the home country or of a country after it ("police in Hong Kong").
 * Returns the tokens consumed, 0 when none. */
size_t dl__groups_scan(dl_actx *cx, size_t i, size_t end);
/* The words naming a country's agents: "Iranian", "U.S.", "Hong Kong". */
const char *dl__groups_adjective(const dl_actx *cx, int country_entry);

/* ---- coref.c ---------------------------------------------------------------- */

/* A person already in the document whose surname is token tok, or -1. */
int dl__actors_by_surname(dl_actx *cx, size_t tok);
/* A dictionary person with surname tok, fitting country and title, or -1. */
int dl__actors_dict_surname(dl_actx *cx, size_t tok, const char *country,
                            const dl_dict_agent *title);

void dl__coref_note_title(dl_actx *cx, size_t mention, const dl_dict_agent *title,
                          const char *country);
/* Resolves title and pronoun mentions, in text order. */
void dl__coref_resolve(dl_actx *cx);

#endif
