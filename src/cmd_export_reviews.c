/*
 * cmd_export_reviews.c: `swot export-reviews [DECK]`: the review log as the
 * FSRS-standard CSV (card_id,review_time,review_rating,review_state,
 * review_duration) that fsrs-rs and its optimizer read, on stdout.
 */
#include <stdio.h>

#include "swot/cli.h"

#define CSV_HEADER "card_id,review_time,review_rating,review_state,review_duration\n"

/* The CSV being written: the header goes out with the first row (or at
 * the end of an empty log), so an unknown deck prints nothing. */
struct csv_out {
	FILE *f;
	int header;
};

static int print_row(void *ctx, const struct store_export_row *r)
{
	struct csv_out *out = ctx;
	if (!out->header++)
		fputs(CSV_HEADER, out->f);
	fprintf(out->f, "%lld,%lld,%d,%d,%lld\n", (long long)r->card_id,
		(long long)r->time_ms, r->rating, r->state,
		(long long)r->duration_ms);
	return ferror(out->f);
}

int cmd_export_reviews(int argc, char **argv, struct cli *cli)
{
	struct store *s;
	struct swot_err err = {0};
	struct csv_out out = {stdout, 0};
	int rc;

	const struct cli_opt opts[] = {OPT_END()};
	if ((rc = cli_parse_options(cli, &argc, argv, opts, 1)) != CLI_GO_ON)
		return rc;
	if ((rc = cli_open_store(cli, &s)))
		return rc;
	/* the store refuses an unknown deck, naming the ones there are */
	if (store_export_reviews(s, argc ? argv[0] : NULL, print_row, &out, &err)) {
		cli_error("%s", err.msg);
		return SWOT_EXIT_FAIL;
	}
	if (!out.header)
		fputs(CSV_HEADER, stdout);
	return SWOT_EXIT_OK;
}
