/* cli/cmd_query.c -- placeholder until the store lands */
#include <stdio.h>
#include "cli/cli.h"
int cmd_query(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "dateline query: not built yet\n"); return DL_EXIT_FAIL; }
