/*
 * fuzz/fuzz_model.c -- model files: the first byte picks the kind (pos,
 * lemma, parse, ner), the rest is cut at "\n--\n" into the sections that
 * kind reads, in order; they are packed into a container with its right
 * checksum (so the bytes reach the section checks, not the CRC), loaded,
 * and when the loader takes them, run over a short sentence.  A model must
 * be refused with a message or work, never crash or read out of bounds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "learn/model.h"
#include "ner/ner.h"
#include "tag/tag.h"

static const char *const KINDS[4] = {"pos", "lemma", "parse", "ner"};
static const char *const SECTIONS[4][6] = {
    {"classes", "tagdict", "weights", "weights2", "clusters", "wordnet"},
    {"rules", "feats", "lexicon", "known", "wclasses", NULL},
    {"labels", "vocab", "upos", "weights", "clusters", NULL},
    {"types", "tags", "weights", "weights2", "clusters", "gazetteer"},
};

static const dl_wordref WORDS[5] = {{"Rebels", 6}, {"attacked", 8}, {"Kabul", 5}, {"yesterday", 9}, {".", 1}};

static void run(int kind, const char *path, char *err) {
    uint64_t atoms[5] = {1, 2, 3, 4, 5};
    if (kind == 0) {
        dl_tagger *t;
        if (dl_tagger_load(path, &t, err, 256) != DL_OK) return;
        uint16_t tags[5];
        dl_tagger_tag(t, WORDS, 5, tags);
        dl_tagger_free(t);
    } else if (kind == 1) {
        dl_lemmatizer *l;
        if (dl_lemmatizer_load(path, &l, err, 256) != DL_OK) return;
        char buf[32];
        const char *feats;
        for (int i = 0; i < 5; i++) dl_lemmatizer_lemma(l, WORDS[i].s, WORDS[i].len, atoms[i], buf, sizeof buf, &feats);
        dl_lemmatizer_free(l);
    } else if (kind == 2) {
        dl_parser *p;
        if (dl_parser_load(path, &p, err, 256) != DL_OK) return;
        int heads[5];
        const char *rels[5];
        dl_parser_parse(p, WORDS, atoms, 5, heads, rels);
        dl_parser_free(p);
    } else {
        dl_ner *m;
        if (dl_ner_load(path, &m, err, 256) != DL_OK) return;
        const uint32_t sents[1][2] = {{0, 5}};
        uint8_t labels[5];
        dl_ner_tag_words(m, WORDS, 5, sents, 1, atoms, labels);
        dl_ner_free(m);
    }
}

/* The next "\n--\n" in [p, end), or NULL. */
static const char *find_cut(const char *p, const char *end) {
    for (; end - p >= 4; p++)
        if (!memcmp(p, "\n--\n", 4)) return p;
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    int kind = data[0] % 4;
    dl_model_writer w;
    dl_model_writer_init(&w, KINDS[kind]);
    const char *p = (const char *)data + 1, *end = (const char *)data + size;
    for (int k = 0; k < 6 && SECTIONS[kind][k] && p <= end; k++) {
        const char *cut = find_cut(p, end);
        size_t len = cut ? (size_t)(cut - p) : (size_t)(end - p);
        dl_model_writer_add(&w, SECTIONS[kind][k], p, len);
        p += len + 4;
    }
    void *img;
    size_t len;
    if (dl_model_writer_bytes(&w, &img, &len) == DL_OK) {
        char path[64], err[256];
        snprintf(path, sizeof path, "/tmp/dl-fuzz-model-%d.model", (int)getpid());
        FILE *fp = fopen(path, "wb");
        if (fp) {
            fwrite(img, 1, len, fp);
            fclose(fp);
            run(kind, path, err);
            remove(path);
        }
        free(img);
    }
    dl_model_writer_release(&w);
    return 0;
}
