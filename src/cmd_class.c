#include "swot/cli.h"
int cmd_class(int argc, char **argv, struct cli *cli)
{
	(void)argc; (void)argv; (void)cli;
	return 1;
}
