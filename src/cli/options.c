/*
 * cli/options.c -- option values more than one subcommand takes: --date,
 * --shard.
 */
#include <string.h>

#include <stdio.h>

#include "cli/cli.h"
#include "core/doc.h"
#include "store/store.h"

int dl_cli_date_arg(const char *cmd, const char *value, const char **out) {
    if (!dl_ymd_valid(value)) {
        size_t n = 0;
        while (value[n] && n < 10 && ((value[n] >= '0' && value[n] <= '9') || value[n] == '-')) n++;
        if (n == 10 && !value[n])
            return dl_cli_usage_error(cmd, "--date '%.40s' is no day of the calendar", value);
        return dl_cli_usage_error(cmd, "--date '%.40s' is not a date in the form YYYY-MM-DD "
                                  "(e.g. 2024-03-15)", value);
    }
    *out = value;
    return DL_EXIT_OK;
}

/* ---- --shard I/N ---------------------------------------------------------- */

static int parse_uint(const char *s, const char *end, unsigned *out) {
    unsigned long v = 0;
    if (s == end || end - s > 9) return -1;
    for (const char *p = s; p < end; p++) {
        if (*p < '0' || *p > '9') return -1;
        v = v * 10 + (unsigned long)(*p - '0');
    }
    *out = (unsigned)v;
    return 0;
}

int dl_cli_shard_arg(const char *cmd, const char *value, dl_cli_shard *out) {
    const char *slash = strchr(value, '/');
    unsigned i, n;
    if (!slash || parse_uint(value, slash, &i) || parse_uint(slash + 1, slash + strlen(slash), &n))
        return dl_cli_usage_error(cmd, "--shard '%.40s' is not I/N (e.g. 0/8: the first of "
                                  "8 shards)", value);
    if (n < 1 || n > DL_CLI_MAX_SHARDS)
        return dl_cli_usage_error(cmd, "--shard '%.40s': N must be from 1 to %d", value,
                                  DL_CLI_MAX_SHARDS);
    if (i >= n)
        return dl_cli_usage_error(cmd, "--shard '%.40s': I must be from 0 to N-1 (%u)", value,
                                  n - 1);
    out->index = i;
    out->count = n;
    return DL_EXIT_OK;
}

void dl_cli_input_hash(const dl_input *in, const char *date, char out[65]) {
    /* what the coding depends on besides the bytes: the dates and URL */
    char extra[1024];
    snprintf(extra, sizeof extra, "%s|%s|%s", date ? date : "",
             in->fetch_date ? in->fetch_date : "", in->url ? in->url : "");
    dl__store_input_hash(in->kind, extra, in->bytes, in->len, out);
}

void dl_cli_unread_hash(const char *name, char out[65]) {
    dl__store_input_hash(255, NULL, name, strlen(name), out);
}

unsigned long long dl_cli_hash64(const char hash[65]) {
    unsigned long long v = 0;
    for (int k = 0; k < 16; k++) {
        char c = hash[k];
        unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                   : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) : 0;
        v = v << 4 | d;
    }
    return v;
}

unsigned dl_cli_shard_of(const char hash[65], unsigned n) {
    return n ? (unsigned)(dl_cli_hash64(hash) % n) : 0;
}
