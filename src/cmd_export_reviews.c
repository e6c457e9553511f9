/*
 * cmd_export_reviews.c: `swot export-reviews [DECK]`: the review log as the
 * FSRS-standard CSV (card_id,review_time,review_rating,review_state,
 * review_duration) that fsrs-rs and its optimizer read, on stdout.
 */
#include <stdint.h>
#include <stdio.h>

#include "swot/cli.h"

/* The FSRS review_state of a row: 1 learning, 2 review, 3 relearning,
 * 4 drill (what FSRS tools call cram). */
static int review_state(enum store_log_kind kind)
{
	switch (kind) {
	case STORE_LOG_LEARN: return 1;
	case STORE_LOG_REVIEW: return 2;
	case STORE_LOG_RELEARN: return 3;
	case STORE_LOG_DRILL: break;
	}
	return 4;
}

struct export {
	FILE *out;
	int started;
};

/* The header goes out with the first row (or after an empty walk), so an
 * unknown deck prints nothing on stdout. */
static void header(struct export *x)
{
	if (!x->started)
		fputs("card_id,review_time,review_rating,review_state,review_duration\n", x->out);
	x->started = 1;
}

static int print_row(void *ctx, const struct store_log_row *r)
{
	struct export *x = ctx;
	header(x);
	fprintf(x->out, "%lld,%lld,%d,%d,%lld\n", (long long)r->card_id,
		(long long)r->time * 1000, r->rating, review_state(r->kind),
		(long long)r->duration_ms);
	return ferror(x->out);
}

int cmd_export_reviews(int argc, char **argv, struct cli *cli)
{
	struct store *s;
	struct swot_err err = {0};
	struct export x = {stdout, 0};
	int rc;

	const struct cli_opt opts[] = {OPT_END()};
	if ((rc = cli_parse_options(cli, &argc, argv, opts, 1)) != CLI_GO_ON)
		return rc;
	const char *deck = argc ? argv[0] : NULL;
	if ((rc = cli_open_store(cli, &s)))
		return rc;
	if (store_review_walk(s, deck, INT64_MIN, print_row, &x, &err))
		return cli_fail(&err);
	header(&x);
	return SWOT_EXIT_OK;
}
