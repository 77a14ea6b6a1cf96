/*
 * event/event.h -- what the files of the event stage share: dates and
 * places of events (date.c), the coder (coder.c) and the merging of
 * restated acts (event.c).
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

/* One event per act (issue 5), run once the events are coded: events of
 * the same act -- the same source and target (actor, or code when there is
 * no actor), CAMEO code and date -- become one, placed where the act's first
 * event was, keeping the earliest sentence's text, span, rule and quote,
 * the highest confidence, and every sentence that states it in
 * dl_event.support.  Other events keep their order. */
dl_status dl__event_merge(dl_doc *doc);

/* Gives each event the issues of its sentences (issues.c). */
dl_status dl__event_issues(dl_engine *eng, dl_doc *doc);

#endif
