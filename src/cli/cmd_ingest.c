/* cli/cmd_ingest.c -- placeholder until the store lands */
#include <stdio.h>
#include "cli/cli.h"
int cmd_ingest(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "dateline ingest: not built yet\n"); return DL_EXIT_FAIL; }
