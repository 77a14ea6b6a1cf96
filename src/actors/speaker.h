/*
 * actors/speaker.h -- what later stages may ask of the actor stage.
 */
#ifndef DL_ACTORS_SPEAKER_H
#define DL_ACTORS_SPEAKER_H

#include <stddef.h>

#include "core/doc.h"

/* An actor for a speaker the actor stage left without one: the noun phrase
 * at tokens [t0, t1) whose head word (at head) is an agent or title ("One
 * Washington-based trade expert" -> "Washington-based trade expert", of
 * the article's home country).  Adds its mention (doc->tok_mention stays
 * in step).  Returns the actor, or -1 when the head is no agent word. */
int dl_actors_add_speaker(const dl_engine *eng, dl_doc *doc, size_t t0, size_t t1, size_t head);

/* Is mention x the subject of a clause: a word of it heads a subject
 * outside the mention ("the Court of Session in Scotland issued")? */
int dl_actors_is_subject(const dl_doc *doc, const dl_mention *x);

#endif
