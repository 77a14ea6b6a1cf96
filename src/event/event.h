/*
 * event/event.h -- what the files of the event stage share: dates and
 * places of events (date.c).
 */
#ifndef DL_EVENT_H
#define DL_EVENT_H

#include "core/doc.h"

/* The date a sentence gives its event, in out[11]: an explicit date
 * ("April 29", "29 April 2023"), a weekday or "yesterday" resolved against
 * pub ("YYYY-MM-DD"), a year ("in 2020", "the 2020 assassination"); else
 * story (the article's own event date), else pub, else "". */
void dl__event_date(const dl_doc *doc, uint32_t sent, const char *pub, const char *story, char out[11]);

/* The article's story date: the first date its opening sentences give,
 * else "" (callers fall back to the publication date). */
void dl__event_story_date(const dl_doc *doc, const char *pub, char out[11]);

/* The place of a sentence's event: a place or country after "in"/"at", or -1. */
int dl__event_place(const dl_doc *doc, uint32_t sent);

/* Codes the document with the users' TABARI/PETRARCH dictionaries
 * (engine->pdict), when they hold verbs (pcoder.c). */
dl_status dl__pcoder_run(dl_engine *eng, dl_doc *doc);

#endif
