/*
 * tests/unit/test_ner.c -- the bundled entity model: "Barack Obama" is a
 * person and "Paris" a location; spans line up with the text; word-level
 * labels are well nested.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "harness.h"
#include "ner/ner.h"
#include "tag/tag.h"

#define MODELS DL_TEST_DATA "/../../data/models"

static dl_ner *ner;
static dl_tagger *tg;

static dl_status find(dl_doc *doc, dl_entities *e) {
    dl_syntax syn;
    dl_status st = dl_tagger_run(tg, doc, &syn);
    return st == DL_OK ? dl_ner_find(ner, doc, &syn, e) : st;
}

static dl_doc *doc_of(const char *text) {
    dl_doc *doc = dl_doc_new();
    dl_doc_set_source(doc, "test", text, strlen(text), DL_INPUT_TEXT);
    doc->article.body = doc->src;
    doc->article.body_len = doc->src_len;
    dl_tokenize_run(NULL, doc);
    return doc;
}

static int has_entity(const dl_doc *doc, const dl_entities *e, const char *text, int type) {
    for (size_t k = 0; k < e->n; k++)
        if (e->v[k].type == type && e->v[k].len == strlen(text) &&
            !memcmp(DL_SPAN_PTR(doc, e->v[k].off), text, e->v[k].len))
            return 1;
    return 0;
}

static void test_obama_paris(void) {
    dl_doc *doc = doc_of("Barack Obama visited Paris on Tuesday.");
    dl_entities e;
    INT_EQ(find(doc, &e), DL_OK);
    OK(has_entity(doc, &e, "Barack Obama", DL_ENT_PER), "Barack Obama as PER");
    OK(has_entity(doc, &e, "Paris", DL_ENT_LOC), "Paris as LOC");
    INT_EQ(e.n, 2);
    dl_doc_free(doc);
}

static void test_news_sentence(void) {
    dl_doc *doc = doc_of("Angela Merkel met officials from the European Union in Brussels on Monday.");
    dl_entities e;
    INT_EQ(find(doc, &e), DL_OK);
    OK(has_entity(doc, &e, "Angela Merkel", DL_ENT_PER), "Angela Merkel as PER");
    OK(has_entity(doc, &e, "European Union", DL_ENT_ORG), "European Union as ORG");
    OK(has_entity(doc, &e, "Brussels", DL_ENT_LOC), "Brussels as LOC");
    for (size_t k = 0; k < e.n; k++) {
        OK(e.v[k].ntok >= 1 && e.v[k].tok0 + e.v[k].ntok <= doc->toks.n, "entity %zu tokens", k);
        STR_EQ(dl_ent_type_name(e.v[k].type) != NULL ? "ok" : NULL, "ok");
    }
    dl_doc_free(doc);
}

/* Names the actor lists hold (data/actors, the model's gazetteer) that
 * the training text never had. */
static void test_gazetteer_names(void) {
    dl_doc *doc = doc_of("Abdul Ghani Baradar arrived in Doha on Monday.");
    dl_entities e;
    INT_EQ(find(doc, &e), DL_OK);
    OK(has_entity(doc, &e, "Abdul Ghani Baradar", DL_ENT_PER), "Abdul Ghani Baradar as PER");
    OK(has_entity(doc, &e, "Doha", DL_ENT_LOC), "Doha as LOC");
    dl_doc_free(doc);
}

static void test_words_api(void) {
    static const char *const w[] = {"UN", "chief", "Ban", "Ki-moon", "arrived", "in", "Nairobi", "."};
    dl_wordref words[8];
    for (int i = 0; i < 8; i++) words[i] = (dl_wordref){w[i], (uint32_t)strlen(w[i])};
    const uint32_t sents[1][2] = {{0, 8}};
    uint8_t labels[8];
    uint16_t tags[8];
    uint64_t atoms[8];
    dl_tagger_tag(tg, words, 8, tags);
    for (int i = 0; i < 8; i++) atoms[i] = dl_tagger_atom(tg, tags[i]);
    INT_EQ(dl_ner_tag_words(ner, words, 8, sents, 1, atoms, labels), DL_OK);
    /* an I- label only continues an entity of its own type */
    for (int i = 0; i < 8; i++)
        if (labels[i] && labels[i] % 2 == 0) OK(i > 0 && (labels[i - 1] == labels[i] || labels[i - 1] == labels[i] - 1), "label %d", i);
    OK(labels[6] == 1 + 2 * DL_ENT_LOC, "Nairobi as B-LOC, got %d", labels[6]);
    const uint32_t bad[1][2] = {{4, 8}};
    INT_EQ(dl_ner_tag_words(ner, words, 8, bad, 1, NULL, labels), DL_ERR_USAGE);
    /* without tags the model still runs (on fewer features) */
    INT_EQ(dl_ner_tag_words(ner, words, 8, sents, 1, NULL, labels), DL_OK);
}

int main(void) {
    char err[512] = "";
    if (dl_ner_load(MODELS "/ner.model", &ner, err, sizeof err) != DL_OK ||
        dl_tagger_load(MODELS "/pos.model", &tg, err, sizeof err) != DL_OK) {
        fprintf(stderr, "cannot load the bundled model: %s\n", err);
        return 1;
    }
    RUN(test_obama_paris);
    RUN(test_news_sentence);
    RUN(test_gazetteer_names);
    RUN(test_words_api);
    dl_ner_free(ner);
    dl_tagger_free(tg);
    return dl_test_report();
}
