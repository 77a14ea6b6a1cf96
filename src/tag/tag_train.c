/*
 * tag/tag_train.c -- training the part-of-speech tagger from a CoNLL-U
 * treebank: joint UPOS|XPOS classes, a tag dictionary, then perceptron
 * epochs over the shuffled sentences; after each epoch the averaged,
 * quantised model is built in memory, loaded the way a file is, scored on
 * the dev set, and the best epoch is written out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learn/hash.h"
#include "learn/lm.h"
#include "learn/model.h"
#include "learn/u64map.h"
#include "learn/word.h"
#include "tag/tag.h"
#include "tag/tag_impl.h"
#include "learn/train_util.h"

/* Every word seen in training has a dictionary entry; training itself sees
 * jackknifed entries (see build_tagdict), so rare words do not teach the
 * model to trust an ambiguity class that is just the gold tag. */
#define TD_MIN_COUNT 1u
#define TD_FIXED_COUNT 20      /* Honnibal's thresholds for a fixed tag */
#define TD_FIXED_SHARE 0.995

typedef struct {
    size_t nclass;
    char names[DL_LM_MAX_CLASSES][48];
    uint64_t hash[DL_LM_MAX_CLASSES];
    size_t count[DL_LM_MAX_CLASSES];
} class_set;

static void joint_name(const dl_ctok *t, char *buf, size_t cap) {
    snprintf(buf, cap, "%s|%s", t->upos, t->xpos);
}

static int class_find(const class_set *cs, uint64_t h) {
    for (size_t i = 0; i < cs->nclass; i++)
        if (cs->hash[i] == h) return (int)i;
    return -1;
}

/* Collects the classes, most frequent first. */
static dl_status build_classes(const dl_corpus *c, class_set *cs) {
    class_set tmp;
    memset(&tmp, 0, sizeof tmp);
    for (size_t i = 0; i < c->toks.n; i++) {
        char name[48];
        joint_name(&c->toks.v[i], name, sizeof name);
        uint64_t h = dl_hash_bytes(name, strlen(name));
        int k = class_find(&tmp, h);
        if (k < 0) {
            if (tmp.nclass == DL_LM_MAX_CLASSES) return DL_ERR_DATA;
            k = (int)tmp.nclass++;
            snprintf(tmp.names[k], sizeof tmp.names[k], "%s", name);
            tmp.hash[k] = h;
        }
        tmp.count[k]++;
    }
    size_t order[DL_LM_MAX_CLASSES];
    for (size_t i = 0; i < tmp.nclass; i++) order[i] = i;
    for (size_t i = 1; i < tmp.nclass; i++)  /* insertion sort, stable */
        for (size_t j = i; j > 0 && tmp.count[order[j]] > tmp.count[order[j - 1]]; j--) {
            size_t x = order[j];
            order[j] = order[j - 1];
            order[j - 1] = x;
        }
    memset(cs, 0, sizeof *cs);
    cs->nclass = tmp.nclass;
    for (size_t i = 0; i < tmp.nclass; i++) {
        memcpy(cs->names[i], tmp.names[order[i]], sizeof cs->names[i]);
        cs->hash[i] = tmp.hash[order[i]];
        cs->count[i] = tmp.count[order[i]];
    }
    return DL_OK;
}

/* ---- the tag dictionary -------------------------------------------------------- */

typedef struct {
    dl_u64map keys;
    uint32_t *counts;   /* nclass per key */
    uint8_t *is_raw;
    size_t cap;
} td_counts;

static int td_add(td_counts *tc, uint64_t key, int raw, int cls, size_t nclass) {
    int added;
    long k = dl_u64map_put(&tc->keys, key, &added);
    if (k < 0) return -1;
    if ((size_t)k >= tc->cap) {
        size_t nc = tc->cap ? tc->cap * 2 : 4096;
        uint32_t *c = realloc(tc->counts, nc * nclass * sizeof *c);
        uint8_t *r = realloc(tc->is_raw, nc);
        if (!c || !r) { free(c ? c : tc->counts); free(r ? r : tc->is_raw); tc->counts = NULL; tc->is_raw = NULL; return -1; }
        memset(c + tc->cap * nclass, 0, (nc - tc->cap) * nclass * sizeof *c);
        tc->counts = c;
        tc->is_raw = r;
        tc->cap = nc;
    }
    tc->is_raw[k] = (uint8_t)raw;
    tc->counts[(size_t)k * nclass + (size_t)cls]++;
    return 0;
}

/* What a dictionary entry says from class counts cnt (less sub, when not
 * NULL): its ambiguity class and fixed tag.  Returns 0 when the word is too
 * rare to have an entry. */
static int td_entry(const uint32_t *cnt, const uint32_t *sub, size_t nclass, int raw,
                    uint32_t *amb_out, uint16_t *fixed) {
    uint32_t tot = 0, top = 0, c[DL_LM_MAX_CLASSES];
    size_t best = 0;
    for (size_t x = 0; x < nclass; x++) {
        c[x] = cnt[x] - (sub ? sub[x] : 0);
        tot += c[x];
        if (c[x] > top) { top = c[x]; best = x; }
    }
    if (tot < TD_MIN_COUNT) return 0;
    uint64_t amb = 0x414d42;
    for (size_t x = 0; x < nclass; x++)
        if (c[x] && c[x] * 100 >= tot) amb = dl_hash_mix(amb, x + 1);
    *amb_out = (uint32_t)amb | 1;
    *fixed = DL__NO_TAG;
    if (raw && tot >= TD_FIXED_COUNT && top >= TD_FIXED_SHARE * tot) *fixed = (uint16_t)best;
    return 1;
}

static void td_counts_release(td_counts *tc) {
    dl_u64map_release(&tc->keys);
    free(tc->counts);
    free(tc->is_raw);
    memset(tc, 0, sizeof *tc);
}

#define FOLDS 10

/* Builds the "tagdict" section (4-byte slot count, 4 bytes padding, slots)
 * from all of c, and for each training token the entry it would get from
 * the other nine tenths of the sentences (jackknifing), so that training
 * sees ambiguity classes as unreliable as those of unseen text. */
static dl_status build_tagdict(const dl_corpus *c, const uint16_t *gold, size_t nclass,
                               dl_strbuf *out, uint64_t *tok_amb, uint16_t *tok_fixed) {
    td_counts tc, fc;
    memset(&tc, 0, sizeof tc);
    memset(&fc, 0, sizeof fc);
    dl_word_atoms *atoms = malloc((c->toks.n + 1) * sizeof *atoms);
    dl__td_slot *slots = NULL;
    dl_status st = DL_ERR_NOMEM;
    if (!atoms) goto done;
    for (size_t i = 0; i < c->toks.n; i++) {
        dl_word_atoms_make(c->toks.v[i].form, c->toks.v[i].len, &atoms[i]);
        if (td_add(&tc, dl__td_key_raw(&atoms[i]), 1, gold[i], nclass) ||
            td_add(&tc, dl__td_key_norm(&atoms[i]), 0, gold[i], nclass))
            goto done;
    }
    size_t kept = 0;
    for (size_t j = 0; j < tc.keys.cap; j++) {
        uint32_t amb;
        uint16_t fixed;
        if (tc.keys.keys[j] &&
            td_entry(tc.counts + (size_t)tc.keys.vals[j] * nclass, NULL, nclass, 1, &amb, &fixed))
            kept++;
    }
    uint32_t nslot = 1024;
    while (nslot * 7 < kept * 10) nslot *= 2;
    slots = calloc(nslot, sizeof *slots);
    if (!slots) goto done;
    for (size_t j = 0; j < tc.keys.cap; j++) {
        if (!tc.keys.keys[j]) continue;
        uint64_t key = tc.keys.keys[j];
        size_t k = tc.keys.vals[j];
        uint32_t amb;
        uint16_t fixed;
        if (!td_entry(tc.counts + k * nclass, NULL, nclass, tc.is_raw[k], &amb, &fixed)) continue;
        uint32_t i = (uint32_t)key & (nslot - 1);
        while (slots[i].amb) i = (i + 1) & (nslot - 1);
        slots[i].fp = (uint32_t)(key >> 32);
        slots[i].amb = amb;
        slots[i].fixed = fixed;
    }
    uint32_t hdr[2] = {nslot, 0};
    dl_strbuf_add(out, (const char *)hdr, sizeof hdr);
    dl_strbuf_add(out, (const char *)slots, nslot * sizeof *slots);
    if (out->oom) goto done;

    for (int f = 0; f < FOLDS; f++) {
        for (size_t si = (size_t)f; si < c->sents.n; si += FOLDS)
            for (uint32_t i = c->sents.v[si].tok0; i < c->sents.v[si].tok0 + c->sents.v[si].ntok; i++)
                if (td_add(&fc, dl__td_key_raw(&atoms[i]), 1, gold[i], nclass) ||
                    td_add(&fc, dl__td_key_norm(&atoms[i]), 0, gold[i], nclass))
                    goto done;
        for (size_t si = (size_t)f; si < c->sents.n; si += FOLDS)
            for (uint32_t i = c->sents.v[si].tok0; i < c->sents.v[si].tok0 + c->sents.v[si].ntok; i++) {
                uint64_t kr = dl__td_key_raw(&atoms[i]), kn = dl__td_key_norm(&atoms[i]);
                uint32_t amb;
                uint16_t fixed;
                long a = dl_u64map_get(&tc.keys, kr), b = dl_u64map_get(&fc.keys, kr);
                if (td_entry(tc.counts + (size_t)a * nclass, fc.counts + (size_t)b * nclass, nclass, 1,
                             &amb, &fixed)) {
                    tok_amb[i] = amb;
                    tok_fixed[i] = fixed;
                    continue;
                }
                a = dl_u64map_get(&tc.keys, kn);
                b = dl_u64map_get(&fc.keys, kn);
                tok_fixed[i] = DL__NO_TAG;
                if (td_entry(tc.counts + (size_t)a * nclass, fc.counts + (size_t)b * nclass, nclass, 0,
                             &amb, &fixed))
                    tok_amb[i] = (uint64_t)amb << 1;
                else
                    tok_amb[i] = DL__AMB_UNKNOWN;
            }
        td_counts_release(&fc);
    }
    st = DL_OK;
done:
    free(slots);
    free(atoms);
    td_counts_release(&tc);
    td_counts_release(&fc);
    return st;
}

/* ---- training ------------------------------------------------------------------- */

/* The training view of a "wordnet" section: every word looked up. */
static void set_wordnet(dl_tagger *view, const dl_strbuf *wn) {
    if (!wn->len) return;
    view->wn = (const uint32_t *)(wn->s + 8);
    view->wn_mask = ((const uint32_t *)wn->s)[0] - 1;
    view->wn_all = 1;
}

static dl_status make_image(const class_set *cs, const dl_strbuf *td, const dl_strbuf *cl,
                            const dl_strbuf *wn, const dl_lm *lm, const dl_lm *lm2, void **img,
                            size_t *len) {
    dl_model_writer w;
    dl_model_writer_init(&w, "pos");
    dl_strbuf names;
    dl_strbuf_init(&names);
    for (size_t i = 0; i < cs->nclass; i++)
        dl_strbuf_add(&names, cs->names[i], strlen(cs->names[i]) + 1);
    dl_model_writer_add(&w, "classes", names.s, names.len);
    dl_model_writer_add(&w, "tagdict", td->s, td->len);
    if (cl->len) dl_model_writer_add(&w, "clusters", cl->s, cl->len);
    if (wn->len) dl_model_writer_add(&w, "wordnet", wn->s, wn->len);
    dl_status st = DL_ERR_NOMEM;
    for (int k = 0; k < 2; k++) {
        const dl_lm *m = k ? lm2 : lm;
        if (!m) continue;
        size_t n = dl_lm_size(m);
        char *buf = malloc(n);
        if (!buf) goto done;
        dl_lm_write(m, buf);
        void *ok = dl_model_writer_add(&w, k ? "weights2" : "weights", buf, n);
        free(buf);
        if (!ok) goto done;
    }
    st = dl_model_writer_bytes(&w, img, len);
done:
    dl_strbuf_release(&names);
    dl_model_writer_release(&w);
    return st;
}

typedef struct {
    const dl_corpus *c;
    const uint16_t *gold;
    const uint64_t *tok_amb;    /* jackknifed dictionary entries per token */
    const uint16_t *tok_fixed;
    const dl_tagger *view;      /* the dictionary, for dl__tag_prepare */
    size_t nclass;
    dl__tword *w;
    dl_wordref *words;
} tctx;

static void load_sentence(tctx *x, const dl_csent *se) {
    const dl_ctok *tk = &x->c->toks.v[se->tok0];
    for (size_t i = 0; i < se->ntok; i++) {
        x->words[i].s = tk[i].form;
        x->words[i].len = tk[i].len;
    }
    dl__tag_prepare(x->view, x->words, se->ntok, x->w);
    for (size_t i = 0; i < se->ntok; i++) {
        x->w[DL__PAD + i].amb = x->tok_amb[se->tok0 + i];
        x->w[DL__PAD + i].fixed = x->tok_fixed[se->tok0 + i];
    }
}

/* One perceptron epoch over the sentences listed in sents; the second
 * pass when first (first-pass tags of every token) is not NULL. */
static dl_status train_epoch(tctx *x, dl_ap *ap, const uint32_t *sents, size_t nsents,
                             const uint16_t *first, size_t *right, size_t *total) {
    for (size_t si = 0; si < nsents; si++) {
        const dl_csent *se = &x->c->sents.v[sents[si]];
        const uint16_t *g = x->gold + se->tok0;
        load_sentence(x, se);
        int t1 = -1, t2 = -2;
        for (size_t i = 0; i < se->ntok; i++) {
            int tag = x->w[DL__PAD + i].fixed;
            if (tag == DL__NO_TAG) {
                uint64_t f[DL__TAG_MAXFEAT2];
                float scores[DL_LM_MAX_CLASSES + 1] = {0};
                size_t nf = first ? dl__tag_feats2(x->w, i, se->ntok, t1, t2, first + se->tok0, f)
                                  : dl__tag_feats(x->w, i, t1, t2, f);
                dl_ap_score(ap, f, nf, scores);
                tag = dl__argmax_f(scores, x->nclass);
                if (dl_ap_update(ap, f, nf, g[i], tag) != DL_OK) return DL_ERR_NOMEM;
                dl_ap_tick(ap);
            }
            *right += tag == g[i];
            (*total)++;
            t2 = t1;
            t1 = tag;
        }
    }
    return DL_OK;
}

#define JACK_FOLDS 5

/* First-pass tags for every training token from models that did not see
 * its sentence, so the second pass learns how far to trust them. */
static dl_status jackknife(tctx *x, int epochs, int prune, uint64_t seed, uint16_t *first) {
    const dl_corpus *c = x->c;
    uint32_t *list = malloc((c->sents.n + 1) * sizeof *list);
    if (!list) return DL_ERR_NOMEM;
    dl_status st = DL_OK;
    for (int k = 0; k < JACK_FOLDS && st == DL_OK; k++) {
        size_t n = 0;
        for (size_t si = 0; si < c->sents.n; si++)
            if (si % JACK_FOLDS != (size_t)k) list[n++] = (uint32_t)si;
        dl_ap *ap = dl_ap_new((uint32_t)x->nclass);
        if (!ap) { st = DL_ERR_NOMEM; break; }
        uint64_t rng = seed + (uint64_t)k;
        size_t right = 0, total = 0;
        for (int e = 0; e < epochs && st == DL_OK; e++) {
            dl__shuffle(list, n, &rng);
            st = train_epoch(x, ap, list, n, NULL, &right, &total);
        }
        dl_lm lm;
        if (st == DL_OK) st = dl_ap_freeze(ap, prune, &lm);
        dl_ap_free(ap);
        if (st != DL_OK) break;
        for (size_t si = (size_t)k; si < c->sents.n; si += JACK_FOLDS) {
            load_sentence(x, &c->sents.v[si]);
            dl__tag_decode_pass(&lm, x->nclass, x->w, c->sents.v[si].ntok, NULL,
                                first + c->sents.v[si].tok0);
        }
        dl_lm_release(&lm);
    }
    free(list);
    return st;
}

/* Loads a model image the way a file is loaded and scores it on dev. */
static dl_status score_image(const void *img, size_t len, const dl_corpus *dev, dl_tag_scores *sc,
                             char *err, size_t errlen) {
    dl_model *m;
    dl_tagger *tg;
    memset(sc, 0, sizeof *sc);
    dl_status st = dl_model_open_mem(img, len, "(trained tagger)", "pos", &m, err, errlen);
    if (st == DL_OK) st = dl__tagger_from_model(m, &tg, err, errlen);
    if (st != DL_OK) return st;
    if (dev) st = dl_tagger_eval(tg, dev, sc);
    dl_tagger_free(tg);
    return st;
}

dl_status dl_tagger_train(const dl_corpus *train, const dl_corpus *dev, const dl_train_opts *o,
                          const char *out_path, char *err, size_t errlen) {
    class_set *cs = calloc(1, sizeof *cs);
    const size_t ntok = train->toks.n;
    uint16_t *gold = malloc((ntok + 1) * sizeof *gold);
    uint16_t *first = malloc((ntok + 1) * sizeof *first);
    uint64_t *tok_amb = malloc((ntok + 1) * sizeof *tok_amb);
    uint16_t *tok_fixed = malloc((ntok + 1) * sizeof *tok_fixed);
    uint32_t *order = malloc((train->sents.n + 1) * sizeof *order);
    dl_strbuf td, cl, wn;
    dl_strbuf_init(&td);
    dl_strbuf_init(&cl);
    dl_strbuf_init(&wn);
    dl_ap *ap = NULL;
    dl_lm best1 = {0};
    void *best_img = NULL;
    size_t best_len = 0;
    double best_acc = -1;
    int best_epoch = 0, best_pass = 0;
    tctx x = {0};
    dl_status st = DL_ERR_NOMEM;
    if (!cs || !gold || !first || !tok_amb || !tok_fixed || !order) goto done;
    if ((st = build_classes(train, cs)) != DL_OK) {
        snprintf(err, errlen, "more than %d tag classes", DL_LM_MAX_CLASSES);
        goto done;
    }
    for (size_t i = 0; i < ntok; i++) {
        char name[48];
        joint_name(&train->toks.v[i], name, sizeof name);
        gold[i] = (uint16_t)class_find(cs, dl_hash_bytes(name, strlen(name)));
    }
    if ((st = build_tagdict(train, gold, cs->nclass, &td, tok_amb, tok_fixed)) != DL_OK) goto done;
    if (o->clusters_path && (st = dl_clusters_section(o->clusters_path, &cl, err, errlen)) != DL_OK)
        goto done;
    dl_tagger view;
    memset(&view, 0, sizeof view);
    view.nclass = cs->nclass;
    view.td = (const dl__td_slot *)(td.s + 8);
    view.td_mask = ((const uint32_t *)td.s)[0] - 1;
    if (cl.len) dl_clusters_view(cl.s, cl.len, &view.cl);
    if (o->lexicon_dir && (st = dl__tag_wordnet_section(o->lexicon_dir, &wn, err, errlen)) != DL_OK)
        goto done;
    set_wordnet(&view, &wn);

    size_t maxn = 1;
    for (size_t i = 0; i < train->sents.n; i++)
        if (train->sents.v[i].ntok > maxn) maxn = train->sents.v[i].ntok;
    x = (tctx){train, gold, tok_amb, tok_fixed, &view, cs->nclass,
               malloc((maxn + 2 * DL__PAD) * sizeof *x.w), malloc(maxn * sizeof *x.words)};
    st = DL_ERR_NOMEM;
    if (!x.w || !x.words) goto done;
    for (size_t i = 0; i < train->sents.n; i++) order[i] = (uint32_t)i;

    for (int pass = 1; pass <= 2; pass++) {
        uint64_t rng = o->seed;
        if (pass == 2) {
            double t0 = dl__now();
            if ((st = jackknife(&x, best_epoch, o->prune, o->seed, first)) != DL_OK) goto done;
            size_t right = 0;
            for (size_t i = 0; i < ntok; i++) right += first[i] == gold[i];
            if (o->log)
                fprintf(o->log, "jackknifed first pass: %.2f%% on train, %.1fs\n",
                        100.0 * (double)right / (double)(ntok ? ntok : 1), dl__now() - t0);
        }
        if (!(ap = dl_ap_new((uint32_t)cs->nclass))) { st = DL_ERR_NOMEM; goto done; }
        for (int epoch = 1; epoch <= o->epochs; epoch++) {
            double t0 = dl__now();
            size_t right = 0, total = 0;
            dl__shuffle(order, train->sents.n, &rng);
            if ((st = train_epoch(&x, ap, order, train->sents.n, pass == 2 ? first : NULL, &right,
                                  &total)) != DL_OK)
                goto done;
            dl_lm lm;
            void *img = NULL;
            size_t len = 0;
            if ((st = dl_ap_freeze(ap, o->prune, &lm)) != DL_OK) goto done;
            st = pass == 1 ? make_image(cs, &td, &cl, &wn, &lm, NULL, &img, &len)
                           : make_image(cs, &td, &cl, &wn, &best1, &lm, &img, &len);
            dl_tag_scores sc;
            if (st == DL_OK) st = score_image(img, len, dev, &sc, err, errlen);
            if (st != DL_OK) {
                dl_lm_release(&lm);
                free(img);
                goto done;
            }
            double acc = dev && !o->keep_last ? sc.upos + sc.xpos : (double)(pass * 1000 + epoch);
            if (o->log)
                fprintf(o->log, "pass %d epoch %d: train %.2f%% dev UPOS=%.2f XPOS=%.2f size=%.2fMB %.1fs\n",
                        pass, epoch, 100.0 * (double)right / (double)(total ? total : 1), sc.upos,
                        sc.xpos, (double)len / 1e6, dl__now() - t0);
            if (pass == 1 && acc > best_acc) {
                dl_lm_release(&best1);
                best1 = lm;
                memset(&lm, 0, sizeof lm);
            }
            dl_lm_release(&lm);
            if (acc > best_acc) {
                free(best_img);
                best_img = img;
                best_len = len;
                best_acc = acc;
                best_epoch = epoch;
                best_pass = pass;
            } else {
                free(img);
            }
        }
        dl_ap_free(ap);
        ap = NULL;
        if (o->log) fprintf(o->log, "best so far: pass %d epoch %d\n", best_pass, best_epoch);
        if (pass == 1 && best_epoch < 2) best_epoch = 2;
    }
    st = dl__write_file(out_path, best_img, best_len, err, errlen);
done:
    if (st == DL_ERR_NOMEM && err && !err[0]) snprintf(err, errlen, "out of memory");
    free(best_img);
    dl_lm_release(&best1);
    dl_ap_free(ap);
    free(x.w);
    free(x.words);
    free(order);
    dl_strbuf_release(&td);
    dl_strbuf_release(&cl);
    dl_strbuf_release(&wn);
    free(cs);
    free(gold);
    free(first);
    free(tok_amb);
    free(tok_fixed);
    return st;
}

dl_status dl__tagger_jackknife_atoms(const dl_corpus *train, int epochs, uint64_t seed,
                                     const char *clusters_path, const char *lexicon_dir,
                                     uint64_t *atoms) {
    class_set *cs = calloc(1, sizeof *cs);
    const size_t ntok = train->toks.n;
    uint16_t *gold = malloc((ntok + 1) * sizeof *gold);
    uint16_t *first = malloc((ntok + 1) * sizeof *first);
    uint64_t *tok_amb = malloc((ntok + 1) * sizeof *tok_amb);
    uint16_t *tok_fixed = malloc((ntok + 1) * sizeof *tok_fixed);
    dl_strbuf td, cl, wn;
    dl_strbuf_init(&td);
    dl_strbuf_init(&cl);
    dl_strbuf_init(&wn);
    tctx x = {0};
    dl_status st = DL_ERR_NOMEM;
    if (!cs || !gold || !first || !tok_amb || !tok_fixed) goto done;
    if ((st = build_classes(train, cs)) != DL_OK) goto done;
    for (size_t i = 0; i < ntok; i++) {
        char name[48];
        joint_name(&train->toks.v[i], name, sizeof name);
        gold[i] = (uint16_t)class_find(cs, dl_hash_bytes(name, strlen(name)));
    }
    if ((st = build_tagdict(train, gold, cs->nclass, &td, tok_amb, tok_fixed)) != DL_OK) goto done;
    dl_tagger view;
    memset(&view, 0, sizeof view);
    view.nclass = cs->nclass;
    view.td = (const dl__td_slot *)(td.s + 8);
    view.td_mask = ((const uint32_t *)td.s)[0] - 1;
    char err[256];
    if (clusters_path && (st = dl_clusters_section(clusters_path, &cl, err, sizeof err)) != DL_OK)
        goto done;
    if (cl.len) dl_clusters_view(cl.s, cl.len, &view.cl);
    if (lexicon_dir && (st = dl__tag_wordnet_section(lexicon_dir, &wn, err, sizeof err)) != DL_OK)
        goto done;
    set_wordnet(&view, &wn);
    size_t maxn = 1;
    for (size_t i = 0; i < train->sents.n; i++)
        if (train->sents.v[i].ntok > maxn) maxn = train->sents.v[i].ntok;
    x = (tctx){train, gold, tok_amb, tok_fixed, &view, cs->nclass,
               malloc((maxn + 2 * DL__PAD) * sizeof *x.w), malloc(maxn * sizeof *x.words)};
    st = DL_ERR_NOMEM;
    if (!x.w || !x.words) goto done;
    if ((st = jackknife(&x, epochs, 1, seed, first)) != DL_OK) goto done;
    for (size_t i = 0; i < ntok; i++)
        atoms[i] = dl_hash_bytes(cs->names[first[i]], strlen(cs->names[first[i]]));
done:
    free(x.w);
    free(x.words);
    dl_strbuf_release(&td);
    dl_strbuf_release(&cl);
    dl_strbuf_release(&wn);
    free(cs);
    free(gold);
    free(first);
    free(tok_amb);
    free(tok_fixed);
    return st;
}
