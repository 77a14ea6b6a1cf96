/*
 * tests/unit/test_tag.c -- the bundled tagger, lemmatiser and parser:
 * expected tags and lemmas on a few sentences, a well-formed tree (one root,
 * no cycles, heads inside the sentence) for every sentence of a sample, and
 * the document API (lemma and FEATS layers, dl_lemma_is, dl_tok_feat).
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
static dl_lemmatizer *lm;

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

/* Tags the sentence and checks the lemma (and, when want_feats is not
 * NULL, the FEATS) of word k. */
static void expect_lemma(const char *sentence, size_t k, const char *want, const char *want_feats) {
    char s[512], buf[64];
    dl_wordref words[64];
    uint16_t tags[64];
    snprintf(s, sizeof s, "%s", sentence);
    size_t n = split(s, words, 64);
    INT_EQ(dl_tagger_tag(tg, words, n, tags), DL_OK);
    const char *feats = NULL;
    size_t len = dl_lemmatizer_lemma(lm, words[k].s, words[k].len, dl_tagger_atom(tg, tags[k]), buf,
                                     sizeof buf, &feats);
    INT_EQ(len, strlen(want));
    STR_EQ(buf, want);
    if (want_feats) STR_EQ(feats, want_feats);
}

static void test_lemmas(void) {
    /* the word's own FEATS; agreement with the subject comes with the parse */
    expect_lemma("Rebels attacked the town on Monday .", 1, "attack",
                 "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin");
    expect_lemma("Rebels attacked the town on Monday .", 0, "rebel", "Number=Plur");
    expect_lemma("The talks were suspended .", 2, "be", NULL);
    expect_lemma("They did n't agree .", 2, "not", "Polarity=Neg");
    expect_lemma("Iran 's ministers met .", 0, "Iran", "Number=Sing");
    expect_lemma("Police arrested 3,500 protesters .", 2, "3500", NULL);
    expect_lemma("The army shelled the village .", 2, "shell", NULL);
    expect_lemma("She threw the ball .", 1, "throw", NULL);
    expect_lemma("They are negotiating a ceasefire .", 2, "negotiate", NULL);
    /* a word the training data never had takes a suffix rule */
    expect_lemma("The rebels blorpified the town .", 2, "blorpify", NULL);
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
    INT_EQ(dl_lemmatizer_run(lm, doc, &syn), DL_OK);
    INT_EQ(dl_lemmatizer_refine(lm, doc, &syn), DL_OK);
    for (size_t i = 0; i < syn.n; i++) OK(syn.lemma[i] && syn.lemma[i][0] && syn.feats[i], "token %zu", i);
    doc->lemma = syn.lemma;
    doc->feats = syn.feats;
    size_t met = 4;   /* Iran 's foreign minister met */
    STR_EQ(syn.lemma[met], "meet");
    OK(dl_lemma_is(doc, met, "meet"), "dl_lemma_is");
    OK(!dl_lemma_is(doc, met, "met"), "dl_lemma_is on the form");
    OK(!dl_lemma_is(doc, doc->toks.n, "meet"), "dl_lemma_is past the end");
    char v[16];
    STR_EQ(dl_tok_feat(doc, met, "Tense", v, sizeof v), "Past");
    STR_EQ(dl_tok_feat(doc, met, "VerbForm", v, sizeof v), "Fin");
    STR_EQ(dl_tok_feat(doc, met, "Voice", v, sizeof v), NULL);
    STR_EQ(dl_tok_feat(doc, met, "Tens", v, sizeof v), NULL);
    STR_EQ(dl_doc_check(doc), NULL);
    dl_doc_free(doc);
}

/* Perfect participles, imperatives and agreement get their FEATS from the parse. */
static void test_feats_from_parse(void) {
    static const char text[] = "The talks had failed. Call me tomorrow.";
    dl_doc *doc = dl_doc_new();
    dl_doc_set_source(doc, "test", text, sizeof text - 1, DL_INPUT_TEXT);
    doc->article.body = doc->src;
    doc->article.body_len = doc->src_len;
    INT_EQ(dl_tokenize_run(NULL, doc), DL_OK);
    dl_syntax syn;
    INT_EQ(dl_tagger_run(tg, doc, &syn), DL_OK);
    INT_EQ(dl_lemmatizer_run(lm, doc, &syn), DL_OK);
    INT_EQ(dl_parser_run(ps, doc, &syn), DL_OK);
    INT_EQ(dl_lemmatizer_refine(lm, doc, &syn), DL_OK);
    STR_EQ(syn.feats[3], "Tense=Past|VerbForm=Part");   /* failed */
    STR_EQ(syn.feats[2], "Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin");  /* had: the talks */
    STR_EQ(syn.feats[5], "Mood=Imp|VerbForm=Fin");      /* Call */
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
    /* a lemma longer than the buffer is cut, NUL-terminated */
    char small[8];
    size_t len = dl_lemmatizer_lemma(lm, "internationalisations", 21, dl_tagger_atom(tg, 0), small,
                                     sizeof small, NULL);
    OK(len < sizeof small && small[len] == '\0', "cut lemma %zu", len);
    len = dl_lemmatizer_lemma(lm, "", 0, dl_tagger_atom(tg, 0), small, sizeof small, NULL);
    INT_EQ(len, 0);
}

static void test_bad_model(void) {
    dl_tagger *t = NULL;
    char err[512] = "";
    OK(dl_tagger_load(MODELS "/ner.model", &t, err, sizeof err) == DL_ERR_DATA && !t,
       "a NER model is not a tagger");
    OK(strstr(err, "another kind") != NULL, "message: %s", err);
    OK(dl_tagger_load(MODELS "/absent.model", &t, err, sizeof err) == DL_ERR_IO, "missing file");
    dl_lemmatizer *l = NULL;
    OK(dl_lemmatizer_load(MODELS "/pos.model", &l, err, sizeof err) == DL_ERR_DATA && !l,
       "a tagger is not a lemmatiser");
}

int main(void) {
    char err[512] = "";
    if (dl_tagger_load(MODELS "/pos.model", &tg, err, sizeof err) != DL_OK ||
        dl_parser_load(MODELS "/parse.model", &ps, err, sizeof err) != DL_OK ||
        dl_lemmatizer_load(MODELS "/lemma.model", &lm, err, sizeof err) != DL_OK) {
        fprintf(stderr, "cannot load the bundled models: %s\n", err);
        return 1;
    }
    RUN(test_tagger_sentences);
    RUN(test_lemmas);
    RUN(test_parser_trees);
    RUN(test_document);
    RUN(test_feats_from_parse);
    RUN(test_hostile_input);
    RUN(test_bad_model);
    dl_tagger_free(tg);
    dl_parser_free(ps);
    dl_lemmatizer_free(lm);
    return dl_test_report();
}
