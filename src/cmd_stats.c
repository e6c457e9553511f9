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

#define STATS_USAGE "stats [DECK] [--json] [--ascii]"

int cmd_stats(int argc, char **argv, struct cli *cli)
{
	const char *deck = NULL;
	int json = 0, ascii = 0, rc;
	struct store *s = NULL;
	struct store_card *cards = NULL;
	struct store_log_row *rows = NULL;
	size_t n = 0, n_rows = 0;
	char *title = NULL;
	struct progress_conf set;
	struct swot_err err = {0};
	struct strbuf sb = STRBUF_INIT;
	struct stats st;

	const struct cli_option opts[] = {
		{"--ascii", &ascii, NULL},
		{"--json", &json, NULL},
		{NULL, NULL, NULL},
	};
	int n_args;
	if ((rc = cli_parse(argc, argv, opts, &deck, 1, &n_args, STATS_USAGE)) >= 0)
		return rc;
	if ((rc = cli_open_store(cli, &s)))
		return rc;
	if (deck && store_deck_title(s, deck, &title, &err))
		goto fail;
	if (progress_conf_load(s, deck, &set, &err) ||
	    store_cards_load(s, deck, &cards, &n, &err) ||
	    store_review_log(s, deck, 0, &rows, &n_rows, &err))
		goto fail;
	stats_compute(&st, cards, n, rows, n_rows, cli->now, set.rollover_hour);
	if (json) {
		stats_json(&sb, &st, deck, set.rollover_hour);
		strbuf_addc(&sb, '\n');
	} else {
		stats_text(&sb, &st, title ? title : "all decks", set.rollover_hour, ascii);
	}
	fputs(strbuf_str(&sb), stdout);
	goto out;
fail:
	cli_error("%s", err.msg);
	rc = SWOT_EXIT_FAIL;
out:
	strbuf_release(&sb);
	free(title);
	free(rows);
	store_cards_free(cards, n);
	store_close(s);
	return rc;
}
