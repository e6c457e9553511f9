/*
 * cmd_review.c: swot review [DECK]: today's cards at the prompt.
 */
#include <stdlib.h>
#include <string.h>

#include "swot/cli.h"
#include "swot/lineinput.h"
#include "swot/session.h"

static const char usage[] = "review [DECK]";

/* The readline history of a database: next to it; caller frees. */
static char *history_path(const char *db)
{
	return xasprintf("%s.history", db);
}

int cli_run_session(struct cli *cli, struct session_opts *o, int64_t started)
{
	struct store *s;
	struct swot_err err = {0};
	int rc = cli_open_store(cli, &s);
	if (rc)
		return rc;
	char *hist = history_path(cli->db_path);
	struct lineinput *li = lineinput_new(stdin, stdout, -1, hist);
	const char *timings = getenv("SWOT_TIMINGS");
	o->store = s;
	o->now = cli->now;
	o->color = cli->color && lineinput_interactive(li); /* none from a pipe */
	o->out = stdout;
	o->in = li;
	o->timings_path = timings && *timings ? timings : NULL;
	o->started_ns = started;
	if (session_run(o, NULL, &err)) {
		cli_error("%s", err.msg);
		rc = SWOT_EXIT_FAIL;
	}
	lineinput_free(li);
	free(hist);
	store_close(s);
	return rc;
}

int cmd_review(int argc, char **argv, struct cli *cli)
{
	int64_t started = session_clock_ns();
	struct session_opts o = {0};
	for (int i = 1; i < argc; i++) {
		if (cli_is_help(argv[i]))
			return cli_help(usage);
		if (argv[i][0] == '-' && argv[i][1]) {
			cli_error("review: unknown option %s", argv[i]);
			return cli_usage(usage);
		}
		if (o.deck) {
			cli_error("review: one deck at a time ('%s' and '%s')", o.deck,
				  argv[i]);
			return cli_usage(usage);
		}
		o.deck = argv[i];
	}
	return cli_run_session(cli, &o, started);
}
