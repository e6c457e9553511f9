/*
 * cmd_stats.c: swot stats [DECK] [--json] [--ascii]: today's answers,
 * cards by state, retention, the forecast, a heatmap and the streak.
 */
#include <stdlib.h>

#include "swot/cli.h"
#include "swot/progress.h"
#include "swot/stats.h"

static int show_stats(struct store *s, const struct cli_view *v, int64_t now,
		      struct strbuf *sb, struct swot_err *err)
{
	char *title = NULL;
	int rollover_hour = 0, rc = 0;
	struct stats st;
	if ((v->deck && (rc = store_deck_title(s, v->deck, &title, err))) ||
	    (rc = progress_stats(s, v->deck, now, &st, &rollover_hour, err)))
		goto out;
	if (v->json) {
		stats_json(sb, &st, v->deck, rollover_hour);
		strbuf_addc(sb, '\n');
	} else {
		stats_text(sb, &st, title ? title : "all decks", rollover_hour, v->ascii);
	}
out:
	free(title);
	return rc;
}

int cmd_stats(int argc, char **argv, struct cli *cli)
{
	return cli_show(cli, argc, argv, show_stats);
}
