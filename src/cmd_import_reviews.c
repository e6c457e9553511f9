/*
 * cmd_import_reviews.c: `swot import-reviews FILE.csv [--json]`: a review
 * history in the FSRS-standard CSV (what export-reviews writes) attached to
 * swot's cards, each card's memory state recomputed by replaying it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "swot/cli.h"
#include "swot/settings.h"

#define REVLOG_MAX_BYTES ((size_t)1 << 30)

static void print_counts(const char *path, const struct store_history_counts *c,
			 int json)
{
	if (json) {
		printf("{\"rows\": %zu, \"added\": %zu, \"present\": %zu, "
		       "\"not_answers\": %zu, \"unknown\": %zu, \"unknown_cards\": %zu, "
		       "\"cards\": %zu}\n",
		       c->rows, c->added, c->present, c->not_answers, c->unknown,
		       c->unknown_cards, c->cards);
		return;
	}
	printf("%s: %zu row%s\n", path, c->rows, c->rows == 1 ? "" : "s");
	printf("  added    %6zu answer%s to %zu card%s (their memory states "
	       "recomputed from their history)\n",
	       c->added, c->added == 1 ? "" : "s", c->cards, c->cards == 1 ? "" : "s");
	if (c->present)
		printf("  present  %6zu already in the review log, not added again\n",
		       c->present);
	if (c->unknown)
		printf("  unknown  %6zu answer%s to %zu card%s swot does not have: "
		       "not imported\n",
		       c->unknown, c->unknown == 1 ? "" : "s", c->unknown_cards,
		       c->unknown_cards == 1 ? "" : "s");
	if (c->not_answers)
		printf("  skipped  %6zu manual reschedule%s (no answer given)\n",
		       c->not_answers, c->not_answers == 1 ? "" : "s");
}

int cmd_import_reviews(int argc, char **argv, struct cli *cli)
{
	const char *path;
	int json = 0, rc;
	struct swot_err err = {0};
	struct revlog log = {0};
	struct store_history_counts counts;
	char *text = NULL;
	size_t len;
	struct settings_replay k = {0};

	const struct cli_opt opts[] = {OPT_BOOL("--json", &json), OPT_END()};
	if ((rc = cli_parse_options(cli, &argc, argv, opts, 1)) != CLI_GO_ON)
		return rc;
	if (!argc)
		return cli_usage_error(cli, "which file? (a review log CSV)");
	path = argv[0];
	if (read_file(path, REVLOG_MAX_BYTES, &text, &len, &err) ||
	    revlog_parse_csv(text, len, path, &log, &err)) {
		cli_error("%s", err.msg);
		free(text);
		return SWOT_EXIT_FAIL;
	}
	free(text);
	if ((rc = cli_open_store(cli, &k.s))) {
		revlog_free(&log);
		return rc;
	}
	if (store_import_history(k.s, log.rows, log.n, settings_replay, &k, &counts, &err)) {
		cli_error("%s: %s (nothing imported)", path, err.msg);
		rc = SWOT_EXIT_FAIL;
	} else {
		print_counts(path, &counts, json);
	}
	settings_replay_release(&k);
	revlog_free(&log);
	return rc;
}
