/*
 * cli/cmd_parse.c -- `dateline parse`: tag, parse and find the entities of
 * text, printing CoNLL-U (https://universaldependencies.org/format.html)
 * with the entity labels in MISC as Entity=B-PER.  Input is raw text
 * (tokenized by the tokenize stage), pre-tokenized CoNLL-U, or one
 * sentence per line with tokens split on spaces.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/doc.h"
#include "core/strbuf.h"
#include "learn/corpus.h"
#include "learn/model.h"
#include "ner/ner.h"
#include "tag/tag.h"

static const char usage[] =
    "usage: dateline parse [options] [FILE|-]...\n"
    "\n"
    "Tags and parses each input and prints CoNLL-U on stdout: UPOS, XPOS, head\n"
    "and relation per word, and entities in MISC (Entity=B-PER).  With no FILE,\n"
    "reads standard input.\n"
    "\n"
    "options:\n"
    "  -f, --format FMT   input format: text (default: raw text, tokenized here),\n"
    "                     conllu (pre-tokenized; the FORM column is read) or\n"
    "                     lines (one sentence per line, tokens split on spaces)\n"
    "      --no-ner       leave entities out\n"
    "      --data DIR     the data directory holding models/ (default: built-in)\n"
    "  -h, --help         show this help\n";

typedef struct {
    dl_tagger *tg;
    dl_parser *ps;
    dl_ner *ner;
    dl_strbuf out;
    long sent_id;
} parse_ctx;

/* Prints one document's sentences; words[i] are the tokens, sents pairs,
 * texts[k] the sentence as written (NULL: the tokens joined by spaces). */
static int emit(parse_ctx *c, const dl_wordref *words, size_t n, const uint32_t (*sents)[2],
                size_t ns, const dl_wordref *texts) {
    uint16_t *tags = malloc((n + 1) * sizeof *tags);
    uint64_t *atoms = calloc(n + 1, sizeof *atoms);
    int *heads = malloc((n + 1) * sizeof *heads);
    const char **rels = malloc((n + 1) * sizeof *rels);
    uint8_t *ents = calloc(n + 1, 1);
    int rc = DL_EXIT_OK;
    if (!tags || !atoms || !heads || !rels || !ents) { rc = DL_EXIT_FAIL; goto done; }
    for (size_t k = 0; k < ns; k++) {
        size_t w0 = sents[k][0], m = sents[k][1];
        if (dl_tagger_tag(c->tg, words + w0, m, tags + w0) != DL_OK) { rc = DL_EXIT_FAIL; goto done; }
        for (size_t i = 0; i < m; i++) atoms[w0 + i] = dl_tagger_atom(c->tg, tags[w0 + i]);
    }
    if (c->ner && dl_ner_tag_words(c->ner, words, n, sents, ns, atoms, ents) != DL_OK) {
        rc = DL_EXIT_FAIL;
        goto done;
    }
    for (size_t k = 0; k < ns; k++) {
        size_t w0 = sents[k][0], m = sents[k][1];
        if (dl_parser_parse(c->ps, words + w0, atoms + w0, m, heads + w0, rels + w0) != DL_OK) {
            rc = DL_EXIT_FAIL;
            goto done;
        }
        dl_strbuf_printf(&c->out, "# sent_id = %ld\n# text = ", ++c->sent_id);
        if (texts) {
            for (uint32_t i = 0; i < texts[k].len; i++) {  /* one line: breaks become spaces */
                char ch = texts[k].s[i];
                dl_strbuf_addc(&c->out, ch == '\n' || ch == '\r' ? ' ' : ch);
            }
        } else {
            for (size_t i = 0; i < m; i++) {
                if (i) dl_strbuf_addc(&c->out, ' ');
                dl_strbuf_add(&c->out, words[w0 + i].s, words[w0 + i].len);
            }
        }
        dl_strbuf_addc(&c->out, '\n');
        for (size_t i = 0; i < m; i++) {
            size_t j = w0 + i;
            dl_strbuf_printf(&c->out, "%zu\t%.*s\t_\t%s\t%s\t_\t%d\t%s\t_\t", i + 1,
                             (int)words[j].len, words[j].s, dl_tagger_upos(c->tg, tags[j]),
                             dl_tagger_xpos(c->tg, tags[j]), heads[j], rels[j]);
            if (ents[j])
                dl_strbuf_printf(&c->out, "Entity=%c-%s\n", ents[j] % 2 ? 'B' : 'I',
                                 dl_ent_type_name((ents[j] - 1) / 2));
            else
                dl_strbuf_adds(&c->out, c->ner ? "Entity=O\n" : "_\n");
        }
        dl_strbuf_addc(&c->out, '\n');
        if (c->out.len > 1 << 16) {
            fwrite(c->out.s, 1, c->out.len, stdout);
            dl_strbuf_clear(&c->out);
        }
    }
done:
    free(tags);
    free(atoms);
    free(heads);
    free(rels);
    free(ents);
    return rc;
}

/* Raw text: the tokenize stage makes the sentences and tokens. */
static int parse_text(parse_ctx *c, const char *name, const char *bytes, size_t len) {
    dl_doc *doc = dl_doc_new();
    if (!doc) return DL_EXIT_FAIL;
    int rc = DL_EXIT_FAIL;
    if (dl_doc_set_source(doc, name, bytes, len, DL_INPUT_TEXT) != DL_OK) goto done;
    doc->article.body = doc->src;
    doc->article.body_len = doc->src_len;
    if (dl_tokenize_run(NULL, doc) != DL_OK) goto done;
    size_t n = doc->toks.n, ns = doc->sents.n;
    dl_wordref *words = malloc((n + 1) * sizeof *words);
    dl_wordref *texts = malloc((ns + 1) * sizeof *texts);
    uint32_t(*sents)[2] = malloc((ns + 1) * sizeof *sents);
    if (words && sents && texts) {
        for (size_t i = 0; i < n; i++) {
            words[i].s = DL_SPAN_PTR(doc, doc->toks.v[i].off);
            words[i].len = doc->toks.v[i].len;
        }
        for (size_t k = 0; k < ns; k++) {
            sents[k][0] = doc->sents.v[k].tok0;
            sents[k][1] = doc->sents.v[k].ntok;
            texts[k].s = DL_SPAN_PTR(doc, doc->sents.v[k].off);
            texts[k].len = doc->sents.v[k].len;
        }
        rc = emit(c, words, n, (const uint32_t(*)[2])sents, ns, texts);
    }
    free(words);
    free(texts);
    free(sents);
done:
    if (rc != DL_EXIT_OK) fprintf(stderr, "dateline parse: %s: cannot tokenize\n", name);
    dl_doc_free(doc);
    return rc;
}

/* One sentence per line, tokens split on spaces and tabs. */
static int parse_lines(parse_ctx *c, char *bytes, size_t len) {
    size_t cap = len / 2 + 2;
    dl_wordref *words = malloc(cap * sizeof *words);
    uint32_t(*sents)[2] = malloc(cap * sizeof *sents);
    if (!words || !sents) { free(words); free(sents); return DL_EXIT_FAIL; }
    size_t n = 0, ns = 0, i = 0;
    while (i < len) {
        uint32_t w0 = (uint32_t)n;
        while (i < len && bytes[i] != '\n') {
            while (i < len && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r')) i++;
            size_t s = i;
            while (i < len && bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r' && bytes[i] != '\n') i++;
            if (i > s) words[n++] = (dl_wordref){bytes + s, (uint32_t)(i - s)};
        }
        i++;
        if (n > w0) {
            sents[ns][0] = w0;
            sents[ns][1] = (uint32_t)(n - w0);
            ns++;
        }
    }
    int rc = emit(c, words, n, (const uint32_t(*)[2])sents, ns, NULL);
    free(words);
    free(sents);
    return rc;
}

static int parse_conllu(parse_ctx *c, const char *path) {
    dl_corpus corp;
    char err[512];
    if (dl_corpus_load(path, &corp, err, sizeof err) != DL_OK) {
        fprintf(stderr, "dateline parse: %s\n", err);
        return DL_EXIT_FAIL;
    }
    size_t n = corp.toks.n, ns = corp.sents.n;
    dl_wordref *words = malloc((n + 1) * sizeof *words);
    uint32_t(*sents)[2] = malloc((ns + 1) * sizeof *sents);
    int rc = DL_EXIT_FAIL;
    if (words && sents) {
        for (size_t i = 0; i < n; i++) words[i] = (dl_wordref){corp.toks.v[i].form, corp.toks.v[i].len};
        for (size_t k = 0; k < ns; k++) {
            sents[k][0] = corp.sents.v[k].tok0;
            sents[k][1] = corp.sents.v[k].ntok;
        }
        rc = emit(c, words, n, (const uint32_t(*)[2])sents, ns, NULL);
    }
    free(words);
    free(sents);
    dl_corpus_release(&corp);
    return rc;
}

/* The text of path ("-": stdin), at most DL_INPUT_MAX_BYTES; NULL after
 * an error line. */
static char *read_all(const char *path, size_t *len) {
    FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!fp) {
        fprintf(stderr, "dateline parse: cannot read '%s': %s\n", path, strerror(errno));
        return NULL;
    }
    dl_strbuf b;
    dl_strbuf_init(&b);
    int bad = dl_strbuf_add_file(&b, fp, DL_INPUT_MAX_BYTES);
    if (fp != stdin) fclose(fp);
    if (bad || b.len > DL_INPUT_MAX_BYTES) {
        if (bad) fprintf(stderr, "dateline parse: cannot read '%s': %s\n", path,
                         b.oom ? "out of memory" : "read error");
        else fprintf(stderr, "dateline parse: '%s' is larger than %zu bytes\n", path,
                     DL_INPUT_MAX_BYTES);
        dl_strbuf_release(&b);
        return NULL;
    }
    *len = b.len;
    return dl_strbuf_detach(&b);
}

int cmd_parse(int argc, char **argv) {
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'}, {"no-ner", no_argument, NULL, 'N'},
        {"data", required_argument, NULL, 'D'},   {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int format = 0, no_ner = 0, ch;
    const char *dir = NULL;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'f':
            if (!strcmp(optarg, "text")) format = 0;
            else if (!strcmp(optarg, "conllu")) format = 1;
            else if (!strcmp(optarg, "lines")) format = 2;
            else return dl_cli_usage_error("parse", "unknown format '%s' (text, conllu, lines)", optarg);
            break;
        case 'N': no_ner = 1; break;
        case 'D': dir = optarg; break;
        case 'h': fputs(usage, stdout); return DL_EXIT_OK;
        default: return dl_cli_usage_error("parse", "bad option");
        }
    }
    parse_ctx c = {0};
    char path[4096], err[1024] = "";
    dl_status st = dl_tagger_load(dl_model_default_path(dir, "pos", path, sizeof path), &c.tg, err, sizeof err);
    if (st == DL_OK)
        st = dl_parser_load(dl_model_default_path(dir, "parse", path, sizeof path), &c.ps, err, sizeof err);
    if (st == DL_OK && !no_ner)
        st = dl_ner_load(dl_model_default_path(dir, "ner", path, sizeof path), &c.ner, err, sizeof err);
    if (st != DL_OK) {
        fprintf(stderr, "dateline parse: %s\n", err[0] ? err : dl_strerror(st));
        dl_tagger_free(c.tg);
        dl_parser_free(c.ps);
        return DL_EXIT_FAIL;
    }
    dl_strbuf_init(&c.out);
    char *stdin_path[] = {"-"};
    char **paths = optind < argc ? argv + optind : stdin_path;
    int npaths = optind < argc ? argc - optind : 1, failed = 0;
    for (int i = 0; i < npaths; i++) {
        const char *p = paths[i];
        if (format == 1) {
            failed |= parse_conllu(&c, strcmp(p, "-") ? p : "/dev/stdin") != DL_EXIT_OK;
            continue;
        }
        size_t len = 0;
        char *bytes = read_all(p, &len);
        if (!bytes) {
            failed = 1;
            continue;
        }
        failed |= (format == 0 ? parse_text(&c, p, bytes, len) : parse_lines(&c, bytes, len)) != DL_EXIT_OK;
        free(bytes);
    }
    fwrite(c.out.s ? c.out.s : "", 1, c.out.len, stdout);
    dl_strbuf_release(&c.out);
    dl_tagger_free(c.tg);
    dl_parser_free(c.ps);
    dl_ner_free(c.ner);
    return failed ? DL_EXIT_FAIL : DL_EXIT_OK;
}
