/*
 * cmd_drill.c: swot drill DECK [--tag T] [--type K] [-n N]: extra practice,
 * weakest cards first, logged as drill and leaving the schedule alone.
 */
#include <string.h>

#include "swot/cli.h"
#include "swot/session.h"

int cmd_drill(int argc, char **argv, struct cli *cli)
{
	int64_t started = session_clock_ns();
	struct session_opts o = {.drill = 1};
	int limit = 0;
	const struct cli_opt opts[] = {
		OPT_STRING("--tag", &o.tag),
		OPT_STRING("--type", &o.kind),
		OPT_INT("-n", &limit, 1, 100000),
		OPT_END(),
	};
	int rc = cli_parse_options(cli, &argc, argv, opts, CLI_ANY_ARGS);
	if (rc != CLI_GO_ON)
		return rc;
	if (o.kind && strcmp(o.kind, "quote") && strcmp(o.kind, "character") &&
	    strcmp(o.kind, "theme") && strcmp(o.kind, "card"))
		return cli_usage_error(cli, "--type %s: expected quote, character, theme "
					    "or card", o.kind);
	if (argc > 1)
		return cli_usage_error(cli, "one deck at a time ('%s' and '%s')", argv[0],
				       argv[1]);
	if (!argc)
		return cli_usage_error(cli, "say which deck to drill (see 'swot decks')");
	o.deck = argv[0];
	o.limit = (size_t)limit;
	return cli_run_session(cli, &o, started);
}
