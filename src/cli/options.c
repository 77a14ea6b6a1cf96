/*
 * cli/options.c -- option values more than one subcommand takes: --date.
 */
#include "cli/cli.h"
#include "core/doc.h"

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
