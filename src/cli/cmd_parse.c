/*
 * cli/cmd_parse.c -- `dateline parse`: tag, lemmatise, parse and find the
 * entities of text, printing CoNLL-U (https://universaldependencies.org/format.html):
 * "# newdoc id" per input, "# sent_id" and "# text" per sentence (the text
 * is the forms joined as they were spaced, so it matches SpaceAfter=No),
 * LEMMA, UPOS, XPOS, FEATS, HEAD, DEPREL, and in MISC the entity label as
 * NE=B-PER (a name CorefUD's Entity= does not clash with) and SpaceAfter=No.
 * Input is what `code` takes (text, HTML, JSON records, JSON Lines, WARC,
 * directories: the article is extracted and tokenized here), pre-tokenized
 * CoNLL-U, or one sentence per line with tokens split on spaces.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/doc.h"
#include "core/strbuf.h"
#include "learn/corpus.h"
#include "learn/model.h"
#include "ner/ner.h"
#include "tag/tag.h"

static const char usage[] =
    "usage: dateline parse [options] [ARTICLE|DIR|-]...\n"
    "\n"
    "Tags, lemmatises and parses the article of each input and prints CoNLL-U on\n"
    "stdout: LEMMA, UPOS, XPOS, FEATS, head and relation per word, and in MISC\n"
    "entities (NE=B-PER) and SpaceAfter=No.  Inputs are those of 'dateline code'\n"
    "(text, HTML, JSON records, JSON Lines, WARC, directories).  With no ARTICLE,\n"
    "reads standard input.\n"
    "\n"
    "options:\n"
    "  -i, --input FMT    article (default: the inputs of 'dateline code'),\n"
    "                     conllu (pre-tokenized; the FORM column is read) or\n"
    "                     lines (one sentence per line, tokens split on spaces)\n"
    "  -f, --format FMT   the output format: conllu (the only one)\n"
    "      --no-ner       leave entities out\n"
    "      --data DIR     the data directory holding models/ (default: built-in)\n"
    DL_CLI_WALK_HELP
    "  -h, --help         show this help\n";

typedef struct {
    dl_tagger *tg;
    dl_lemmatizer *lem;   /* NULL: LEMMA and FEATS are "_" */
    dl_parser *ps;
    dl_ner *ner;
    dl_strbuf out;
    long sent_id;
    int failed;      /* article inputs that could not be read or parsed */
} parse_ctx;

/* One input's words: sentences as (first word, count) pairs, and whether a
 * space follows each word (NULL: every word but a sentence's last). */
typedef struct {
    const char *name;
    const dl_wordref *words;
    size_t n;
    const uint32_t (*sents)[2];
    size_t ns;
    const uint8_t *space_after;
} parse_input;

/* A form as one CoNLL-U field: tabs and line breaks become spaces. */
static void add_field(dl_strbuf *b, const char *s, size_t len) {
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        dl_strbuf_addc(b, ch == '\t' || ch == '\n' || ch == '\r' ? ' ' : ch);
    }
}

static void add_text_line(dl_strbuf *b, const parse_input *in, size_t w0, size_t m) {
    dl_strbuf_adds(b, "# text = ");
    for (size_t i = 0; i < m; i++) {
        add_field(b, in->words[w0 + i].s, in->words[w0 + i].len);
        if (i + 1 < m && (!in->space_after || in->space_after[w0 + i])) dl_strbuf_addc(b, ' ');
    }
    dl_strbuf_addc(b, '\n');
}

static void add_misc(dl_strbuf *b, uint8_t ent, int nospace) {
    if (!ent && !nospace) { dl_strbuf_adds(b, "_\n"); return; }
    if (ent)
        dl_strbuf_printf(b, "NE=%c-%s", ent % 2 ? 'B' : 'I', dl_ent_type_name((ent - 1) / 2));
    if (nospace) dl_strbuf_adds(b, ent ? "|SpaceAfter=No" : "SpaceAfter=No");
    dl_strbuf_addc(b, '\n');
}

/* Prints one input's sentences. */
static int emit(parse_ctx *c, const parse_input *in) {
    size_t n = in->n;
    uint16_t *tags = malloc((n + 1) * sizeof *tags);
    uint64_t *atoms = calloc(n + 1, sizeof *atoms);
    int *heads = malloc((n + 1) * sizeof *heads);
    const char **rels = malloc((n + 1) * sizeof *rels);
    uint8_t *ents = calloc(n + 1, 1);
    /* per word of the sentence being printed: lemma, FEATS, XPOS, head */
    char *lembuf = malloc((n + 1) * 256);
    const char **lemmas = malloc((n + 1) * sizeof *lemmas), **feats = malloc((n + 1) * sizeof *feats);
    const char **xpos = malloc((n + 1) * sizeof *xpos);
    int32_t *head = malloc((n + 1) * sizeof *head);
    int rc = DL_EXIT_OK;
    if (!tags || !atoms || !heads || !rels || !ents || !lembuf || !lemmas || !feats || !xpos || !head) {
        rc = DL_EXIT_FAIL;
        goto done;
    }
    for (size_t k = 0; k < in->ns; k++) {
        size_t w0 = in->sents[k][0], m = in->sents[k][1];
        if (dl_tagger_tag(c->tg, in->words + w0, m, tags + w0) != DL_OK) { rc = DL_EXIT_FAIL; goto done; }
        for (size_t i = 0; i < m; i++) atoms[w0 + i] = dl_tagger_atom(c->tg, tags[w0 + i]);
    }
    if (c->ner && dl_ner_tag_words(c->ner, in->words, n, in->sents, in->ns, atoms, ents) != DL_OK) {
        rc = DL_EXIT_FAIL;
        goto done;
    }
    dl_strbuf_adds(&c->out, "# newdoc id = ");
    add_field(&c->out, in->name, strlen(in->name));
    dl_strbuf_addc(&c->out, '\n');
    for (size_t k = 0; k < in->ns; k++) {
        size_t w0 = in->sents[k][0], m = in->sents[k][1];
        if (dl_parser_parse(c->ps, in->words + w0, atoms + w0, m, heads + w0, rels + w0) != DL_OK) {
            rc = DL_EXIT_FAIL;
            goto done;
        }
        for (size_t i = 0; i < m; i++) {  /* lemmas and FEATS, then the FEATS the parse decides */
            size_t j = w0 + i;
            lemmas[i] = "_";
            feats[i] = "";
            xpos[i] = dl_tagger_xpos(c->tg, tags[j]);
            head[i] = heads[j] - 1;
            if (c->lem) {
                char *b = lembuf + i * 256;
                dl_lemmatizer_lemma(c->lem, in->words[j].s, in->words[j].len, atoms[j], b, 256, &feats[i]);
                lemmas[i] = b;
            }
        }
        if (c->lem) {
            dl_syntax syn = {.n = m, .xpos = xpos, .head = head, .deprel = rels + w0, .lemma = lemmas,
                             .feats = feats};
            dl_lemmatizer_refine(c->lem, NULL, &syn);
        }
        dl_strbuf_printf(&c->out, "# sent_id = %ld\n", ++c->sent_id);
        add_text_line(&c->out, in, w0, m);
        for (size_t i = 0; i < m; i++) {
            size_t j = w0 + i;
            const dl_wordref *w = &in->words[j];
            dl_strbuf_printf(&c->out, "%zu\t", i + 1);
            add_field(&c->out, w->s, w->len);
            dl_strbuf_addc(&c->out, '\t');
            add_field(&c->out, lemmas[i], strlen(lemmas[i]));
            dl_strbuf_printf(&c->out, "\t%s\t%s\t%s\t%d\t%s\t_\t", dl_tagger_upos(c->tg, tags[j]),
                             xpos[i], feats[i][0] ? feats[i] : "_", heads[j], rels[j]);
            int nospace = in->space_after ? !in->space_after[j] : 0;
            add_misc(&c->out, ents[j], nospace);
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
    free(lembuf);
    free(lemmas);
    free(feats);
    free(xpos);
    free(head);
    return rc;
}

/* An article input: the extract and tokenize stages make the body, its
 * sentences and tokens. */
static int parse_article(parse_ctx *c, const dl_input *in) {
    dl_doc *doc = dl_doc_new();
    if (!doc) return DL_EXIT_FAIL;
    int rc = DL_EXIT_FAIL;
    const char *name = in->name;
    if (dl_cli_load(doc, in, NULL) != DL_OK || dl_extract_run(NULL, doc) != DL_OK) {
        const char *msg = dl_doc_error(doc);
        fprintf(stderr, "dateline parse: %s\n", msg ? msg : name);
        dl_doc_free(doc);
        return DL_EXIT_FAIL;
    }
    if (dl_tokenize_run(NULL, doc) != DL_OK) goto done;
    size_t n = doc->toks.n, ns = doc->sents.n;
    dl_wordref *words = malloc((n + 1) * sizeof *words);
    uint8_t *space = malloc(n + 1);
    uint32_t(*sents)[2] = malloc((ns + 1) * sizeof *sents);
    if (words && sents && space) {
        for (size_t i = 0; i < n; i++) {
            words[i].s = DL_SPAN_PTR(doc, doc->toks.v[i].off);
            words[i].len = doc->toks.v[i].len;
            /* a space follows unless the next token touches this one */
            space[i] = i + 1 == n || (doc->toks.v[i + 1].flags & DL_TF_SPACE) ||
                       doc->toks.v[i + 1].off > doc->toks.v[i].off + doc->toks.v[i].len;
        }
        for (size_t k = 0; k < ns; k++) {
            sents[k][0] = doc->sents.v[k].tok0;
            sents[k][1] = doc->sents.v[k].ntok;
        }
        parse_input words_in = {name, words, n, (const uint32_t(*)[2])sents, ns, space};
        rc = emit(c, &words_in);
    }
    free(words);
    free(space);
    free(sents);
done:
    if (rc != DL_EXIT_OK) fprintf(stderr, "dateline parse: %s: cannot tokenize\n", name);
    dl_doc_free(doc);
    return rc;
}

/* One sentence per line, tokens split on spaces and tabs. */
static int parse_lines(parse_ctx *c, const char *name, char *bytes, size_t len) {
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
    parse_input in = {name, words, n, (const uint32_t(*)[2])sents, ns, NULL};
    int rc = emit(c, &in);
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
    uint8_t *space = malloc(n + 1);
    uint32_t(*sents)[2] = malloc((ns + 1) * sizeof *sents);
    int rc = DL_EXIT_FAIL;
    if (words && sents && space) {
        for (size_t i = 0; i < n; i++) {
            words[i] = (dl_wordref){corp.toks.v[i].form, corp.toks.v[i].len};
            space[i] = !corp.toks.v[i].nospace;
        }
        for (size_t k = 0; k < ns; k++) {
            sents[k][0] = corp.sents.v[k].tok0;
            sents[k][1] = corp.sents.v[k].ntok;
        }
        parse_input in = {path, words, n, (const uint32_t(*)[2])sents, ns, space};
        rc = emit(c, &in);
    }
    free(words);
    free(space);
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

static int parse_one(const dl_input *in, void *ctx) {
    parse_ctx *c = ctx;
    if (parse_article(c, in) != DL_EXIT_OK) c->failed++;
    return 0;
}

int cmd_parse(int argc, char **argv) {
    static const struct option longopts[] = {
        {"input", required_argument, NULL, 'i'}, {"format", required_argument, NULL, 'f'},
        {"no-ner", no_argument, NULL, 'N'},
        {"data", required_argument, NULL, 'D'},   {"help", no_argument, NULL, 'h'},
        DL_CLI_WALK_LONGOPTS,                     {NULL, 0, NULL, 0}};
    dl_walk_options wo = {0};
    int format = 0, no_ner = 0, ch;
    const char *dir = NULL;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "i:f:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'i':
            if (!strcmp(optarg, "article")) format = 0;
            else if (!strcmp(optarg, "conllu")) format = 1;
            else if (!strcmp(optarg, "lines")) format = 2;
            else return dl_cli_usage_error("parse", "unknown input '%s' (article, conllu, lines)", optarg);
            break;
        case 'f':
            if (strcmp(optarg, "conllu") != 0)
                return dl_cli_usage_error("parse", "unknown format '%s' (conllu; --input names "
                                          "the input's)", optarg);
            break;
        case 'N': no_ner = 1; break;
        case 'D': dir = optarg; break;
        case DL_CLI_OPT_MAX_INPUT:
        case DL_CLI_OPT_FOLLOW_LINKS:
            if (dl_cli_walk_option(&wo, "parse", ch, optarg) != DL_EXIT_OK) return DL_EXIT_USAGE;
            break;
        case 'h': fputs(usage, stdout); return DL_EXIT_OK;
        default: return dl_cli_usage_error("parse", "bad option");
        }
    }
    parse_ctx c = {0};
    char path[4096], err[1024] = "";
    dl_status st = dl_tagger_load(dl_model_default_path(dir, "pos", path, sizeof path), &c.tg, err, sizeof err);
    if (st == DL_OK)
        st = dl_parser_load(dl_model_default_path(dir, "parse", path, sizeof path), &c.ps, err, sizeof err);
    /* the lemma model is optional: without it LEMMA and FEATS stay "_" */
    if (st == DL_OK && access(dl_model_default_path(dir, "lemma", path, sizeof path), F_OK) == 0)
        st = dl_lemmatizer_load(path, &c.lem, err, sizeof err);
    if (st == DL_OK && !no_ner)
        st = dl_ner_load(dl_model_default_path(dir, "ner", path, sizeof path), &c.ner, err, sizeof err);
    if (st != DL_OK) {
        fprintf(stderr, "dateline parse: %s\n", err[0] ? err : dl_strerror(st));
        dl_tagger_free(c.tg);
        dl_parser_free(c.ps);
        dl_lemmatizer_free(c.lem);
        return DL_EXIT_FAIL;
    }
    dl_strbuf_init(&c.out);
    char *stdin_path[] = {"-"};
    char **paths = optind < argc ? argv + optind : stdin_path;
    int npaths = optind < argc ? argc - optind : 1, failed = 0;
    if (format == 0) {
        int walk_failed = 0;
        dl_inputs_walk(&wo, paths, npaths, parse_one, &c, &walk_failed);
        failed = c.failed || walk_failed;
    }
    for (int i = 0; format != 0 && i < npaths; i++) {
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
        failed |= parse_lines(&c, p, bytes, len) != DL_EXIT_OK;
        free(bytes);
    }
    fwrite(c.out.s ? c.out.s : "", 1, c.out.len, stdout);
    dl_strbuf_release(&c.out);
    dl_tagger_free(c.tg);
    dl_parser_free(c.ps);
    dl_lemmatizer_free(c.lem);
    dl_ner_free(c.ner);
    return failed ? DL_EXIT_FAIL : DL_EXIT_OK;
}
