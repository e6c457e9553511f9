/* placeholder until the command lands */
#include "swot/cli.h"

int cmd_test_fsrs(int argc, char **argv, struct cli *cli)
{
	(void)argc;
	(void)cli;
	cli_error("%s: not available in this build", argv[0]);
	return SWOT_EXIT_FAIL;
}
