/*
 * actors/actors.h -- what the files of the actor stage share: the working
 * state of one run (dl_actx) and the coreference steps in coref.c.
 */
#ifndef DL_ACTORS_H
#define DL_ACTORS_H

#include "actors/dict.h"
#include "core/doc.h"
#include "core/map.h"

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
    dl_map by_key;                  /* "d:ENTRY", "a:phrase", "p:Name" -> actor */
    DL_VEC(char *) titles;          /* per actor: "|ayatollah|leader|" */
    DL_VEC(dl_title_note) title_notes;
    uint8_t *quoted;                /* per token: inside quotation marks (coref) */
    int32_t *ent_at;                /* per token: the entity starting there, or -1 */
} dl_actx;

/* The document actor for dictionary entry (created on first use). */
int dl__actors_from_dict(dl_actx *cx, int entry);
void dl__actors_add_title(dl_actx *cx, int actor, const char *word);

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
