/*
 * ner/stage.c -- the nlp stage of the pipeline: part-of-speech tags, lemmas
 * and FEATS, the dependency parse and named entities for every sentence,
 * with the models
 * under data/models/ (trained by `dateline train`; see data/models/README.md).
 * Each model is optional: a data directory without it skips that layer.
 */
#include <stdio.h>
#include <sys/stat.h>

#include "core/doc.h"
#include "ner/ner.h"
#include "tag/tag.h"

static int exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

dl_status dl_nlp_load(dl_engine *eng, char *err, size_t errlen) {
    char path[4096];
    dl_status st = DL_OK;
    snprintf(path, sizeof path, "%s/models/pos.model", eng->data_dir);
    if (exists(path)) st = dl_tagger_load(path, &eng->tagger, err, errlen);
    snprintf(path, sizeof path, "%s/models/lemma.model", eng->data_dir);
    if (st == DL_OK && eng->tagger && exists(path))
        st = dl_lemmatizer_load(path, &eng->lemmatizer, err, errlen);
    snprintf(path, sizeof path, "%s/models/parse.model", eng->data_dir);
    if (st == DL_OK && eng->tagger && exists(path)) st = dl_parser_load(path, &eng->parser, err, errlen);
    snprintf(path, sizeof path, "%s/models/ner.model", eng->data_dir);
    if (st == DL_OK && exists(path)) st = dl_ner_load(path, &eng->ner, err, errlen);
    return st;
}

void dl_nlp_free(dl_engine *eng) {
    dl_ner_free(eng->ner);
    dl_parser_free(eng->parser);
    dl_lemmatizer_free(eng->lemmatizer);
    dl_tagger_free(eng->tagger);
    eng->ner = NULL;
    eng->lemmatizer = NULL;
    eng->parser = NULL;
    eng->tagger = NULL;
}

dl_status dl_nlp_run(dl_engine *eng, dl_doc *doc) {
    if (!eng || !doc->toks.n) return DL_OK;
    dl_syntax syn = {0};
    dl_status st = DL_OK;
    if (eng->tagger) {
        if ((st = dl_tagger_run(eng->tagger, doc, &syn)) != DL_OK) return st;
        doc->upos = syn.upos;
        doc->xpos = syn.xpos;
        if (eng->lemmatizer) {
            if ((st = dl_lemmatizer_run(eng->lemmatizer, doc, &syn)) != DL_OK) return st;
            doc->lemma = syn.lemma;
            doc->feats = syn.feats;
        }
        if (eng->parser) {
            if ((st = dl_parser_run(eng->parser, doc, &syn)) != DL_OK) return st;
            doc->head = syn.head;
            doc->deprel = syn.deprel;
            if (eng->lemmatizer && (st = dl_lemmatizer_refine(eng->lemmatizer, doc, &syn)) != DL_OK)
                return st;
        }
    }
    if (eng->ner) {
        dl_entities ents = {0};
        const dl_syntax *use = eng->tagger && dl_ner_uses_tags(eng->ner) ? &syn : NULL;
        if ((st = dl_ner_find(eng->ner, doc, use, &ents)) != DL_OK) return st;
        for (size_t i = 0; i < ents.n; i++) {
            dl_ent *e = DL_VEC_PUSH(&doc->ents);
            if (!e) return DL_ERR_NOMEM;
            e->tok0 = ents.v[i].tok0;
            e->ntok = ents.v[i].ntok;
            e->off = ents.v[i].off;
            e->len = ents.v[i].len;
            e->sent = ents.v[i].sent;
            e->type = dl_ent_type_name(ents.v[i].type);
        }
    }
    return DL_OK;
}
