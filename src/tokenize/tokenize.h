/*
 * tokenize/tokenize.h -- sentences and tokens as byte spans into the body.
 */
#ifndef DL_TOKENIZE_H
#define DL_TOKENIZE_H

#include "core/doc.h"

/* Fills doc->toks and doc->sents from doc->article.body. */
dl_status dl_tokenize_text(dl_doc *doc);

/* A quotation between marks: its opening mark's token and where it ends:
 * the closing mark, the first token of a paragraph that does not open the
 * quote again (news writes quotes running over paragraphs that way), or
 * toks.n when the text ends first. */
typedef struct {
    size_t open, close;
} dl_qspan;

/* The next quotation at or after token *pos; advances *pos past it.
 * Returns 0 when there is none. */
int dl_quote_span_next(const dl_doc *doc, size_t *pos, dl_qspan *span);

/* Sets quoted[i] = 1 for every token inside a quotation, marks included
 * (quoted holds toks.n bytes, zeroed by the caller). */
void dl_mark_quoted(const dl_doc *doc, uint8_t *quoted);

#endif
