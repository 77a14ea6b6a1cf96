/*
 * tests/unit/test_tag.c -- the bundled tagger and parser: expected tags on
 * a few sentences, a well-formed tree (one root, no cycles, heads inside
 * the sentence) for every sentence of a sample, and the document API.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "harness.h"
#include "learn/corpus.h"
#include "tag/tag.h"

#define MODELS DL_TEST_DATA "/../../data/models"

static dl_tagger *tg;
static dl_parser *ps;

static size_t split(char *s, dl_wordref *w, size_t cap) {
    size_t n = 0;
    for (char *tok = strtok(s, " "); tok && n < cap; tok = strtok(NULL, " "))
        w[n++] = (dl_wordref){tok, (uint32_t)strlen(tok)};
    return n;
}

static void expect_upos(const char *sentence, const char *want) {
    char s[512], w2[512];
    dl_wordref words[64];
    uint16_t tags[64];
    snprintf(s, sizeof s, "%s", sentence);
    size_t n = split(s, words, 64);
    INT_EQ(dl_tagger_tag(tg, words, n, tags), DL_OK);
    w2[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i) strcat(w2, " ");
        strcat(w2, dl_tagger_upos(tg, tags[i]));
    }
    STR_EQ(w2, want);
}

static void test_tagger_sentences(void) {
    expect_upos("The cat sat on the mat .", "DET NOUN VERB ADP DET NOUN PUNCT");
    expect_upos("She did n't like the new rules .", "PRON AUX PART VERB DET ADJ NOUN PUNCT");
    expect_upos("I will call you tomorrow", "PRON AUX VERB PRON NOUN");
    expect_upos("The president of France visited Berlin .", "DET NOUN ADP PROPN VERB PROPN PUNCT");
    /* XPOS come with the UPOS */
    char s[] = "He runs quickly .";
    dl_wordref words[8];
    uint16_t tags[8];
    size_t n = split(s, words, 8);
    dl_tagger_tag(tg, words, n, tags);
    STR_EQ(dl_tagger_xpos(tg, tags[1]), "VBZ");
    STR_EQ(dl_tagger_xpos(tg, tags[2]), "RB");
}

/* Heads are 0 (root) or 1..n; exactly one root; following heads from any
 * word reaches the root without a cycle. */
static int well_formed(const int *heads, size_t n) {
    int roots = 0;
    for (size_t i = 0; i < n; i++) {
        if (heads[i] < 0 || heads[i] > (int)n || heads[i] == (int)i + 1) return 0;
        roots += heads[i] == 0;
    }
    if (roots != 1) return 0;
    for (size_t i = 0; i < n; i++) {
        int h = (int)i + 1;
        for (size_t steps = 0; h != 0; steps++) {
            if (steps > n) return 0;
            h = heads[h - 1];
        }
    }
    return 1;
}

static void parse_check(dl_wordref *words, size_t n) {
    uint16_t *tags = malloc((n + 1) * sizeof *tags);
    uint64_t *atoms = malloc((n + 1) * sizeof *atoms);
    int *heads = malloc((n + 1) * sizeof *heads);
    const char **rels = malloc((n + 1) * sizeof *rels);
    dl_tagger_tag(tg, words, n, tags);
    for (size_t i = 0; i < n; i++) atoms[i] = dl_tagger_atom(tg, tags[i]);
    INT_EQ(dl_parser_parse(ps, words, atoms, n, heads, rels), DL_OK);
    OK(well_formed(heads, n), "tree of %zu words is not well formed", n);
    for (size_t i = 0; i < n; i++) {
        OK(rels[i] && rels[i][0], "relation of word %zu", i);
        if (heads[i] == 0) STR_EQ(rels[i], "root");
    }
    free(tags);
    free(atoms);
    free(heads);
    free(rels);
}

static void test_parser_trees(void) {
    static const char *const sample[] = {
        "The cat sat on the mat .",
        "Iran 's foreign minister said on Tuesday that talks with the United States had failed .",
        "Protesters gathered outside the parliament in Kiev , demanding the resignation of the government .",
        "Yes .",
        ", , , ; ; ( )",
        "He said : \" We will not negotiate , \" and left .",
        "the the the the the the the the the the the the the the the the the the the the",
        "x",
    };
    for (size_t k = 0; k < sizeof sample / sizeof *sample; k++) {
        char s[512];
        dl_wordref words[64];
        snprintf(s, sizeof s, "%s", sample[k]);
        parse_check(words, split(s, words, 64));
    }
    /* the first sentences of the UD EWT test set, when the shared data is there */
    dl_corpus c;
    char err[256];
    if (!dl_test_need(DL_SHARED "/data/ud-ewt/en_ewt-ud-test.conllu")) return;
    if (dl_corpus_load(DL_SHARED "/data/ud-ewt/en_ewt-ud-test.conllu", &c, err, sizeof err) != DL_OK) {
        OK(0, "%s", err);
        return;
    }
    for (size_t si = 0; si < c.sents.n && si < 300; si++) {
        dl_wordref words[256];
        size_t n = c.sents.v[si].ntok < 256 ? c.sents.v[si].ntok : 256;
        for (size_t i = 0; i < n; i++)
            words[i] = (dl_wordref){c.toks.v[c.sents.v[si].tok0 + i].form,
                                    c.toks.v[c.sents.v[si].tok0 + i].len};
        parse_check(words, n);
    }
    dl_corpus_release(&c);
}

static void test_document(void) {
    static const char text[] =
        "Iran's foreign minister met his Turkish counterpart in Ankara on Monday. "
        "They discussed trade.\n\nNo agreement was announced.";
    dl_doc *doc = dl_doc_new();
    dl_doc_set_source(doc, "test", text, sizeof text - 1, DL_INPUT_TEXT);
    doc->article.body = doc->src;
    doc->article.body_len = doc->src_len;
    INT_EQ(dl_tokenize_run(NULL, doc), DL_OK);
    OK(doc->sents.n >= 2, "%zu sentences", doc->sents.n);
    dl_syntax syn;
    INT_EQ(dl_tagger_run(tg, doc, &syn), DL_OK);
    INT_EQ(dl_parser_run(ps, doc, &syn), DL_OK);
    INT_EQ(syn.n, doc->toks.n);
    for (size_t s = 0; s < doc->sents.n; s++) {
        const dl_sent *se = &doc->sents.v[s];
        int heads[128];
        for (uint32_t i = 0; i < se->ntok && i < 128; i++) {
            int32_t h = syn.head[se->tok0 + i];
            OK(h == -1 || (h >= (int32_t)se->tok0 && h < (int32_t)(se->tok0 + se->ntok)),
               "head %d outside sentence %zu", h, s);
            heads[i] = h < 0 ? 0 : h - (int32_t)se->tok0 + 1;
        }
        OK(well_formed(heads, se->ntok), "sentence %zu", s);
    }
    for (size_t i = 0; i < syn.n; i++) OK(syn.upos[i] && syn.xpos[i] && syn.deprel[i], "token %zu", i);
    STR_EQ(dl_doc_check(doc), NULL);
    dl_doc_free(doc);
}

/* Empty sentences, a 20 kB word, invalid UTF-8 and a long run-on
 * sentence: no crash, and still one tree. */
static void test_hostile_input(void) {
    uint16_t tags[1];
    int heads[1];
    const char *rels[1];
    uint64_t atoms[1] = {0};
    INT_EQ(dl_tagger_tag(tg, NULL, 0, tags), DL_OK);
    INT_EQ(dl_parser_parse(ps, NULL, atoms, 0, heads, rels), DL_OK);
    size_t big = 20000;
    char *w = malloc(big);
    for (size_t i = 0; i < big; i++) w[i] = (char)(i % 7 ? 0xC3 + (i % 3) : 'a');
    dl_wordref words[3] = {{"\xff\xfe", 2}, {w, (uint32_t)big}, {"\xe2\x80", 2}};
    parse_check(words, 3);
    free(w);
    size_t n = 3000;
    dl_wordref *many = malloc(n * sizeof *many);
    for (size_t i = 0; i < n; i++) many[i] = (dl_wordref){i % 5 ? "and" : "war", 3};
    parse_check(many, n);
    free(many);
}

static void test_bad_model(void) {
    dl_tagger *t = NULL;
    char err[512] = "";
    OK(dl_tagger_load(MODELS "/ner.model", &t, err, sizeof err) == DL_ERR_DATA && !t,
       "a NER model is not a tagger");
    OK(strstr(err, "another kind") != NULL, "message: %s", err);
    OK(dl_tagger_load(MODELS "/absent.model", &t, err, sizeof err) == DL_ERR_IO, "missing file");
}

int main(void) {
    char err[512] = "";
    if (dl_tagger_load(MODELS "/pos.model", &tg, err, sizeof err) != DL_OK ||
        dl_parser_load(MODELS "/parse.model", &ps, err, sizeof err) != DL_OK) {
        fprintf(stderr, "cannot load the bundled models: %s\n", err);
        return 1;
    }
    RUN(test_tagger_sentences);
    RUN(test_parser_trees);
    RUN(test_document);
    RUN(test_hostile_input);
    RUN(test_bad_model);
    dl_tagger_free(tg);
    dl_parser_free(ps);
    return dl_test_report();
}
