/*
 * extract/furniture.c -- site furniture in scraped text: share buttons,
 * comment prompts, "Related:" lists, advertisement labels, follow-us lines
 * and copyright notices.  Lines are matched case-insensitively on their
 * start; only short lines qualify, so prose that merely mentions "share" or
 * "comments" is kept.
 */
#include <string.h>

#include "extract/extract.h"

/* Short lines that are furniture wherever they appear.  An entry ending in
 * '*' matches any line starting with it; the others must be the whole line
 * (trailing punctuation and counts aside). */
static const char *const furniture[] = {
    "advertisement", "advertisements", "advertising", "sponsored", "sponsored content",
    "ad", "ads", "story continues below advertisement", "continue reading below*",
    "article continues below*", "story continues below*", "scroll to continue*",
    "share", "share this", "share this:", "share this article*", "share this story*",
    "share on *", "share via *", "share article", "tweet", "email", "e-mail", "print",
    "print this*", "whatsapp", "facebook", "twitter", "linkedin", "reddit", "telegram",
    "pinterest", "copy link", "copy link*", "click to share*", "click here*", "subscribe",
    "subscribe now*", "subscribe to *", "sign up*", "newsletter*", "follow us*", "follow @*",
    "like us on *", "join us on *", "leave a comment*", "leave a reply*", "post a comment*",
    "add a comment*", "comments", "comment", "show comments*", "view comments*",
    "read comments*", "no comments*", "be the first to comment*", "related", "related:*",
    "related articles*", "related stories*", "related news*", "related content*",
    "related posts*", "related coverage*", "read more", "read more:*", "see more:*", "don't miss", "don\xe2\x80\x99t miss",
    "read next:*", "watch more:*", "more:*", "also read:*", "read also:*", "related:*", "see also:*", "read more about*",
    "read also*", "also read*", "see also*", "more:*", "more from *", "more on this*",
    "more stories*", "you may also like*", "you might also like*", "recommended*",
    "most read*", "most popular*", "trending*", "top stories*", "latest news*",
    "skip to *", "back to top*", "menu", "home", "loading...", "loading", "tags:*", "tags",
    "topics:*", "filed under*", "categories:*", "category:*", "keywords:*", "photo:*", "photo credit*", "image:*",
    "image credit*", "getty images", "file photo*", "listen to this article*",
    "listen to article*", "reading time*", "estimated reading time*", "min read", "minute read",
    "minutes read", "time to read*", "audio*", "watch:*", "watch video*", "video:*", "play video*",
    "download the app*", "get the app*", "open in app*", "report an error*",
    "report a correction*", "send us your feedback*", "we want to hear from you*",
    "join the conversation*", "have your say*", "your email address will not be published*",
    "required fields are marked*", "this article was originally published*",
    "enable javascript*", "please enable javascript*", "cookies*", "we use cookies*",
    "accept cookies*", "accept all*", "log in", "login", "sign in", "register", "next article*",
    "previous article*", "next story*", "previous story*", "prev", "next", "up next*",
    "reporting by *", "additional reporting by *", "writing by *", "editing by *",
    "compiled by *", "(reporting by *",
    NULL,
};

/* Lines that open the trailing furniture: after them, the article is over. */
static const char *const end_markers[] = {
    "leave a comment*", "leave a reply*", "post a comment*", "add a comment*", "comments",
    "comments:*", "show comments*", "view comments*", "be the first to comment*",
    "join the conversation*", "related", "related:*", "related articles*", "related stories*",
    "related news*", "related content*", "related posts*", "related coverage*",
    "you may also like*", "you might also like*", "more from *", "more stories*",
    "recommended*", "most read*", "most popular*", "trending*", "top stories*",
    "latest news*", "tags:*", "tags", "topics:*", "filed under*", "share this*",
    "follow us*", "about the author*",
    "sign up for *", "subscribe to our*", "newsletter*", "read next*", "up next*",
    "next article*", "previous article*", "your email address will not be published*",
    NULL,
};

/* Strips trailing ":", ".", "!", "|", counts like "(12)" and arrows. */
static size_t core_len(const char *s, size_t n) {
    while (n && (strchr(":.!|>»)(0123456789 ", s[n - 1]) || (unsigned char)s[n - 1] >= 0x80)) {
        if ((unsigned char)s[n - 1] >= 0x80) {
            /* drop a trailing » or → (multi-byte symbols), keep letters */
            size_t j = n - 1;
            while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80) j--;
            unsigned char c = (unsigned char)s[j];
            bool symbol = (c == 0xC2 && n - j == 2 && (unsigned char)s[j + 1] == 0xBB) ||
                          (c == 0xE2 && n - j == 3 && (unsigned char)s[j + 1] >= 0x80 &&
                           (unsigned char)s[j + 1] <= 0x9F);
            if (!symbol) break;
            n = j;
            continue;
        }
        n--;
    }
    return n;
}

/* Case-insensitive comparison of s[0..m) with the ASCII pattern p. */
static bool eq_prefix(const char *s, const char *p, size_t m) {
    for (size_t k = 0; k < m; k++) {
        char a = s[k];
        if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
        if (a != p[k]) return false;
    }
    return true;
}

/* Copyright notices end in a period and may be long; they always match
 * ("Copyright 2023 ...", "(c) 2023 ...", "All rights reserved."). */
static bool copyright(const char *s, size_t n) {
    if (n > 240) return false;
    if (dl__has_prefix(s, n, "\xc2\xa9") || dl__has_prefix(s, n, "all rights reserved")) return true;
    if (!dl__has_prefix(s, n, "copyright") && !dl__has_prefix(s, n, "(c) ")) return false;
    for (size_t i = 0; i + 4 <= n; i++) {
        if (s[i] >= '1' && s[i] <= '2' && s[i + 1] >= '0' && s[i + 1] <= '9' && s[i + 2] >= '0' &&
            s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9')
            return true;
    }
    return dl__find(s, n, "\xc2\xa9") != NULL || dl__find(s, n, "ights reserved") != NULL;
}

/* Counts space-separated words. */
static size_t words(const char *s, size_t n) {
    size_t w = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool sp = s[i] == ' ';
        if (!sp && !in) w++;
        in = !sp;
    }
    return w;
}

static bool matches(const char *const *table, const char *s, size_t n) {
    s = dl__trim(s, &n);
    if (n == 0) return false;
    if (copyright(s, n)) return true;
    if (n > 120) return false;
    size_t core = core_len(s, n);
    /* a prefix pattern only takes lines that read like labels, not prose */
    bool sentence = n > 80 || ((s[n - 1] == '.' || s[n - 1] == '?' || s[n - 1] == '"') &&
                                words(s, n) > 8);
    for (size_t i = 0; table[i]; i++) {
        size_t m = strlen(table[i]);
        if (table[i][m - 1] == '*') {
            /* "Read more: <headline>" is a label whatever follows the colon */
            bool label = m >= 2 && table[i][m - 2] == ':' && n <= 200;
            if ((!sentence || label) && m - 1 <= n && eq_prefix(s, table[i], m - 1)) return true;
        } else if (core == m && eq_prefix(s, table[i], m)) {
            return true;
        }
    }
    return false;
}

bool dl__is_furniture(const char *s, size_t n) {
    return matches(furniture, s, n);
}

bool dl__is_end_marker(const char *s, size_t n) {
    return matches(end_markers, s, n);
}
