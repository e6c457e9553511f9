/*
 * cmd_drill.c: swot drill DECK [--tag T] [--type K] [-n N]: extra practice,
 * weakest cards first, logged as drill and leaving the schedule alone.
 */
#include <stdlib.h>
#include <string.h>

#include "swot/cli.h"
#include "swot/session.h"

static const char usage[] =
	"drill DECK [--tag T] [--type quote|character|theme|card] [-n N]";

int cmd_drill(int argc, char **argv, struct cli *cli)
{
	int64_t started = session_clock_ns();
	struct session_opts o = {.drill = 1};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (cli_is_help(a))
			return cli_help(usage);
		if (!strcmp(a, "--tag") || !strcmp(a, "--type") || !strcmp(a, "-n")) {
			if (!v) {
				cli_error("%s needs a value", a);
				return cli_usage(usage);
			}
			i++;
			if (!strcmp(a, "--tag")) {
				o.tag = v;
			} else if (!strcmp(a, "--type")) {
				if (strcmp(v, "quote") && strcmp(v, "character") &&
				    strcmp(v, "theme") && strcmp(v, "card")) {
					cli_error("--type %s: expected quote, character, "
						  "theme or card", v);
					return SWOT_EXIT_USAGE;
				}
				o.kind = v;
			} else {
				char *end;
				long n = strtol(v, &end, 10);
				if (*end || n < 1 || n > 100000) {
					cli_error("-n %s: expected a number of cards from 1 "
						  "to 100000", v);
					return SWOT_EXIT_USAGE;
				}
				o.limit = (size_t)n;
			}
		} else if (a[0] == '-' && a[1]) {
			cli_error("drill: unknown option %s", a);
			return cli_usage(usage);
		} else if (o.deck) {
			cli_error("drill: one deck at a time ('%s' and '%s')", o.deck, a);
			return cli_usage(usage);
		} else {
			o.deck = a;
		}
	}
	if (!o.deck) {
		cli_error("drill: say which deck to drill (see 'swot decks')");
		return cli_usage(usage);
	}
	return cli_run_session(cli, &o, started);
}
