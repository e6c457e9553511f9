/* placeholder until the command lands */
#include "swot/cli.h"

int cmd_import(int argc, char **argv, struct cli *cli)
{
	(void)argc;
	(void)cli;
	cli_error("%s: not available in this build", argv[0]);
	return SWOT_EXIT_FAIL;
}

int cli_import_shipped(struct cli *cli, struct store *s, FILE *out)
{
	(void)cli;
	(void)s;
	(void)out;
	return SWOT_EXIT_OK;
}
