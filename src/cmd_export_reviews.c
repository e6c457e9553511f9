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
	const char *usage = "export-reviews [DECK]";
	struct store *s;
	struct swot_err err = {0};
	int rc;

	const struct cli_option opts[] = {{NULL, NULL, NULL}};
	const char *deck = NULL;
	int n_args;
	if ((rc = cli_parse(argc, argv, opts, &deck, 1, &n_args, usage)) >= 0)
		return rc;
	if ((rc = cli_open_store(cli, &s)))
		return rc;
	if (deck && store_deck_check(s, deck, &err)) {
		cli_error("%s", err.msg);
		store_close(s);
		return SWOT_EXIT_FAIL;
	}
	printf("card_id,review_time,review_rating,review_state,review_duration\n");
	if (store_export_reviews(s, deck, print_row, stdout, &err)) {
		cli_error("%s", err.msg);
		rc = SWOT_EXIT_FAIL;
	} else if (fflush(stdout) || ferror(stdout)) {
		cli_error("cannot write the review log to standard output");
		rc = SWOT_EXIT_FAIL;
	}
	store_close(s);
	return rc;
}
