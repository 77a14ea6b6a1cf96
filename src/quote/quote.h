/*
 * quote/quote.h -- the quote stage: direct quotations and reported speech.
 */
#ifndef DL_QUOTE_H
#define DL_QUOTE_H

#include "core/doc.h"

/* The quote whose content covers token tok, or -1 (used by the event
 * stage: an event stated inside a quote is the speaker's). */
long dl_quote_at(const dl_doc *doc, size_t tok);

#endif
