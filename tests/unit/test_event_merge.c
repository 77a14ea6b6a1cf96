/*
 * tests/unit/test_event_merge.c -- one event per act (issue 5): events
 * made by hand, as the coders would leave them, merged by dl__event_merge.
 * The same source, target, code and date is one event listing every
 * sentence that states it; another date, code or party stays apart; sides
 * without an actor compare by code; the earliest sentence speaks for the
 * act even when a later coder added it; dl_doc_check holds after.
 */
#include "core/doc.h"
#include "event/event.h"
#include "harness.h"

enum { N_SENTS = 6 };

/* A body of N_SENTS sentences "Sentence N." and three actors. */
static dl_doc *new_doc(void) {
    dl_doc *doc = dl_doc_new();
    static const char body[] =
        "Sentence 0. Sentence 1. Sentence 2. Sentence 3. Sentence 4. Sentence 5.";
    doc->article.body = dl_arena_strdup(&doc->arena, body);
    doc->article.body_len = strlen(body);
    for (uint32_t i = 0; i < N_SENTS; i++) {
        dl_sent *s = DL_VEC_PUSH(&doc->sents);
        s->off = i * 12;
        s->len = 11;
    }
    static const char *const names[] = {"Iran", "Iraq", "Syria"};
    for (int i = 0; i < 3; i++) {
        dl_actor *a = DL_VEC_PUSH(&doc->actors);
        a->name = dl_arena_strdup(&doc->arena, names[i]);
        a->entry = -1;
    }
    return doc;
}

/* An event of sentence sent; src_code/tgt_code name sides without an actor. */
static dl_event *add(dl_doc *doc, int src, int tgt, const char *cameo, const char *date,
                     uint32_t sent, float confidence) {
    dl_event *e = DL_VEC_PUSH(&doc->events);
    e->source = src;
    e->target = tgt;
    snprintf(e->cameo, sizeof e->cameo, "%s", cameo);
    snprintf(e->date, sizeof e->date, "%s", date);
    e->place = -1;
    e->sent = sent;
    e->off = doc->sents.v[sent].off;
    e->len = 8;
    e->rule = "verbs.txt:1";
    e->confidence = confidence;
    e->quote = -1;
    return e;
}

/* The event's supporting sentences as "0,2". */
static const char *support_text(const dl_event *e) {
    static char buf[64];
    size_t n = 0;
    buf[0] = '\0';
    for (uint32_t k = 0; k < e->n_support && n < sizeof buf - 12; k++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%u", k ? "," : "", e->support[k]);
    return buf;
}

static void merge(dl_doc *doc) {
    INT_EQ(dl__event_merge(doc), DL_OK);
    const char *why = dl_doc_check(doc);
    OK(why == NULL, "dl_doc_check: %s", why);
}

/* Two sentences stating one act give one event with both. */
static void test_restated_act(void) {
    dl_doc *doc = new_doc();
    add(doc, 0, 1, "111", "2023-04-29", 0, 0.7f)->quote = 3;
    add(doc, 0, 1, "111", "2023-04-29", 2, 0.9f);
    merge(doc);
    INT_EQ(doc->events.n, 1);
    const dl_event *e = &doc->events.v[0];
    INT_EQ(e->n_support, 2);
    STR_EQ(support_text(e), "0,2");
    INT_EQ(e->sent, 0);
    INT_EQ(e->off, doc->sents.v[0].off);
    INT_EQ(e->quote, 3);   /* the first sentence's quote */
    OK(e->confidence > 0.89f, "the highest confidence: %f", e->confidence);
    INT_EQ(dl_event_support(e), 2);
    dl_doc_free(doc);
}

/* Another date, code or target is another act. */
static void test_distinct_acts(void) {
    dl_doc *doc = new_doc();
    add(doc, 0, 1, "111", "2023-04-29", 0, 0.9f);
    add(doc, 0, 1, "111", "2023-04-28", 1, 0.9f);   /* another date */
    add(doc, 0, 1, "051", "2023-04-29", 2, 0.9f);   /* another code */
    add(doc, 0, 2, "111", "2023-04-29", 3, 0.9f);   /* another target */
    add(doc, 1, 0, "111", "2023-04-29", 4, 0.9f);   /* the other way round */
    add(doc, 0, 1, "1112", "2023-04-29", 5, 0.9f);  /* a sub-code */
    merge(doc);
    INT_EQ(doc->events.n, 6);
    for (size_t i = 0; i < doc->events.n; i++) {
        INT_EQ(doc->events.v[i].sent, i);   /* in their order */
        INT_EQ(doc->events.v[i].n_support, 1);
    }
    dl_doc_free(doc);
}

/* The merged event stands where the act's first event stood; the others
 * keep their order; a sentence coded twice counts once. */
static void test_order_and_repeats(void) {
    dl_doc *doc = new_doc();
    add(doc, 0, 1, "111", "2023-04-29", 1, 0.9f);
    add(doc, 0, 2, "040", "2023-04-29", 2, 0.9f);
    add(doc, 0, 1, "111", "2023-04-29", 1, 0.9f);   /* the same sentence again */
    add(doc, 2, 0, "040", "2023-04-29", 3, 0.9f);
    add(doc, 0, 1, "111", "2023-04-29", 4, 0.9f);
    merge(doc);
    INT_EQ(doc->events.n, 3);
    STR_EQ(doc->events.v[0].cameo, "111");
    STR_EQ(support_text(&doc->events.v[0]), "1,4");
    STR_EQ(doc->events.v[1].cameo, "040");
    INT_EQ(doc->events.v[1].target, 2);
    INT_EQ(doc->events.v[2].source, 2);
    dl_doc_free(doc);
}

/* An event a later coder added for an earlier sentence (the users'
 * dictionaries fill sentences ours left) speaks for the act. */
static void test_earliest_sentence_speaks(void) {
    dl_doc *doc = new_doc();
    add(doc, 0, 1, "111", "2023-04-29", 4, 0.9f)->rule = "ours";
    add(doc, 0, 1, "111", "2023-04-29", 1, 0.5f)->rule = "theirs";
    merge(doc);
    INT_EQ(doc->events.n, 1);
    const dl_event *e = &doc->events.v[0];
    INT_EQ(e->sent, 1);
    STR_EQ(e->rule, "theirs");
    STR_EQ(support_text(e), "1,4");
    OK(e->confidence > 0.89f, "the highest confidence: %f", e->confidence);
    dl_doc_free(doc);
}

/* Sides without an actor are the same side when their codes are. */
static void test_sides_by_code(void) {
    dl_doc *doc = new_doc();
    add(doc, -1, 1, "186", "2020", 0, 0.7f)->source_code = "IRQMIL";
    add(doc, -1, 1, "186", "2020", 1, 0.7f)->source_code = "IRQMIL";
    add(doc, -1, 1, "186", "2020", 2, 0.7f)->source_code = "IRNMIL";
    add(doc, -1, 1, "186", "2020", 3, 0.7f);   /* no actor, no code */
    add(doc, -1, 1, "186", "2020", 4, 0.7f);
    add(doc, 0, 1, "186", "2020", 5, 0.7f)->source_code = "IRQMIL";   /* an actor */
    merge(doc);
    INT_EQ(doc->events.n, 4);
    STR_EQ(support_text(&doc->events.v[0]), "0,1");
    STR_EQ(support_text(&doc->events.v[1]), "2");
    STR_EQ(support_text(&doc->events.v[2]), "3,4");
    STR_EQ(support_text(&doc->events.v[3]), "5");
    dl_doc_free(doc);
}

static void test_no_events(void) {
    dl_doc *doc = new_doc();
    merge(doc);
    INT_EQ(doc->events.n, 0);
    dl_doc_free(doc);
}

/* dl_doc_check refuses support lists that break the invariants. */
static void test_check(void) {
    dl_doc *doc = new_doc();
    dl_event *e = add(doc, 0, 1, "111", "2023-04-29", 1, 0.9f);
    OK(dl_doc_check(doc) == NULL, "an event without support is sound");
    uint32_t sup[3] = {1, 3, 5};
    e->support = sup;
    e->n_support = 3;
    OK(dl_doc_check(doc) == NULL, "sound support");
    sup[0] = 0;
    OK(dl_doc_check(doc) != NULL, "support not starting at sent");
    sup[0] = 1;
    sup[2] = 3;
    OK(dl_doc_check(doc) != NULL, "a repeated sentence");
    sup[2] = N_SENTS;
    OK(dl_doc_check(doc) != NULL, "a sentence out of range");
    e->n_support = 0;
    OK(dl_doc_check(doc) != NULL, "sentences without a count");
    e->support = NULL;
    e->n_support = 2;
    OK(dl_doc_check(doc) != NULL, "a count without sentences");
    e->n_support = 0;
    dl_doc_free(doc);
}

int main(void) {
    RUN(test_restated_act);
    RUN(test_distinct_acts);
    RUN(test_order_and_repeats);
    RUN(test_earliest_sentence_speaks);
    RUN(test_sides_by_code);
    RUN(test_no_events);
    RUN(test_check);
    return dl_test_report();
}
