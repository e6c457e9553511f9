/*
 * cmd_stats.c: swot stats [DECK] [--json] [--ascii]: today's answers,
 * cards by state, retention, the forecast, a heatmap and the streak.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "swot/cli.h"
#include "swot/progress.h"
#include "swot/stats.h"

int cmd_stats(int argc, char **argv, struct cli *cli)
{
	const char *deck = NULL;
	int json = 0, ascii = 0, rc;
	struct store *s = NULL;
	char *title = NULL;
	int rollover_hour = 0;
	struct swot_err err = {0};
	struct strbuf sb = STRBUF_INIT;
	struct stats st;

	const struct cli_opt opts[] = {
		OPT_BOOL("--ascii", &ascii),
		OPT_BOOL("--json", &json),
		OPT_END(),
	};
	if ((rc = cli_parse_options(cli, &argc, argv, opts, 1)) != CLI_GO_ON)
		return rc;
	deck = argc ? argv[0] : NULL;
	if ((rc = cli_open_store(cli, &s)))
		return rc;
	if (deck && store_deck_title(s, deck, &title, &err))
		goto fail;
	if (progress_stats(s, deck, cli->now, &st, &rollover_hour, &err))
		goto fail;
	if (json) {
		stats_json(&sb, &st, deck, rollover_hour);
		strbuf_addc(&sb, '\n');
	} else {
		stats_text(&sb, &st, title ? title : "all decks", rollover_hour, ascii);
	}
	fputs(strbuf_str(&sb), stdout);
	goto out;
fail:
	cli_error("%s", err.msg);
	rc = SWOT_EXIT_FAIL;
out:
	strbuf_release(&sb);
	free(title);
	return rc;
}
