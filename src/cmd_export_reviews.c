/*
 * cmd_export_reviews.c: `swot export-reviews [DECK]`: the review log as the
 * FSRS-standard CSV (card_id,review_time,review_rating,review_state,
 * review_duration) that fsrs-rs and its optimizer read, on stdout.
 */
#include <stdio.h>

#include "swot/cli.h"

static int print_row(void *ctx, const struct store_export_row *r)
{
	FILE *out = ctx;
	fprintf(out, "%lld,%lld,%d,%d,%lld\n", (long long)r->card_id,
		(long long)r->time_ms, r->rating, r->state,
		(long long)r->duration_ms);
	return ferror(out);
}

int cmd_export_reviews(int argc, char **argv, struct cli *cli)
{
	struct store *s;
	struct swot_err err = {0};
	int rc;

	const struct cli_opt opts[] = {OPT_END()};
	if ((rc = cli_parse_options(cli, &argc, argv, opts, 1)) != CLI_GO_ON)
		return rc;
	const char *deck = argc ? argv[0] : NULL;
	if ((rc = cli_open_store(cli, &s)))
		return rc;
	if (deck && store_deck_check(s, deck, &err)) {
		cli_error("%s", err.msg);
		return SWOT_EXIT_FAIL;
	}
	printf("card_id,review_time,review_rating,review_state,review_duration\n");
	if (store_export_reviews(s, deck, print_row, stdout, &err)) {
		cli_error("%s", err.msg);
		return SWOT_EXIT_FAIL;
	}
	return SWOT_EXIT_OK;
}
