/*
 * tokenize/tokenize.h -- sentences and tokens as byte spans into the body.
 */
#ifndef DL_TOKENIZE_H
#define DL_TOKENIZE_H

#include "core/doc.h"

/* Fills doc->toks and doc->sents from doc->article.body. */
dl_status dl_tokenize_text(dl_doc *doc);

#endif
