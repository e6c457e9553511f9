/*
 * cmd_review.c: swot review [DECK]: today's cards at the prompt.
 */
#include "swot/cli.h"
#include "swot/session.h"

int cmd_review(int argc, char **argv, struct cli *cli)
{
	int64_t started = session_clock_ns();
	struct session_opts o = {0};
	const struct cli_opt opts[] = {OPT_END()};
	int rc = cli_parse_options(cli, &argc, argv, opts, CLI_ANY_ARGS);
	if (rc != CLI_GO_ON)
		return rc;
	if (argc > 1)
		return cli_usage_error(cli, "one deck at a time ('%s' and '%s')", argv[0],
				       argv[1]);
	o.deck = argc ? argv[0] : NULL;
	rc = cli_run_session(cli, &o, started);
	if (rc == SWOT_EXIT_OK)
		cli_sync_after_review(cli);
	return rc;
}
