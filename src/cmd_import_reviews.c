/*
 * cmd_import_reviews.c: `swot import-reviews FILE [--json]`: a review
 * history attached to swot's cards, each card's memory state recomputed by
 * replaying it.  FILE is the FSRS-standard CSV (what export-reviews
 * writes), or an Anki package (.apkg, .colpkg) whose review log goes to
 * the cards swot made of its notes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "swot/anki.h"
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

/* Anki's review log being turned into rows for swot's cards. */
struct anki_rows {
	struct store *s;
	struct revlog *out;
	size_t alloc;
	struct swot_err *err;
};

/* One row of Anki's log, on the card swot's Anki converter made of its
 * note ("anki-<note id>/card", from the note's first card, ordinal 0).
 * The other cards of a note (a cloze's c2, a reversed card) and notes
 * swot does not have keep Anki's card id, negated: no swot card has it,
 * so they are counted as reviews of cards swot does not have. */
static int anki_row(void *ctx, const struct anki_review *r)
{
	struct anki_rows *k = ctx;
	int64_t id = 0;
	if (r->ord == 0 && r->note_id) {
		char key[64];
		snprintf(key, sizeof key, "anki-%lld/card", (long long)r->note_id);
		if (store_card_id_by_key(k->s, key, &id, k->err))
			return -1;
	}
	ALLOC_GROW(k->out->rows, k->out->n + 1, k->alloc);
	k->out->rows[k->out->n++] = (struct revlog_row){
		.card_id = id ? id : -(r->card_id > 0 ? r->card_id : 1),
		.time_ms = r->id,
		.rating = r->ease >= 0 && r->ease <= 4 ? r->ease : 0,
		/* Anki's revlog type + 1, as the CSV has it; a filtered-deck
		 * review that did not reschedule (factor 0) is cram: drill */
		.state = r->type == 3 && r->factor != 0 ? REVLOG_REVIEW : r->type + 1,
		.duration_ms = r->time_ms,
	};
	return 0;
}

/* Reads the review log of an Anki package into *out. */
static int read_anki(struct store *s, const char *path, struct revlog *out,
		     struct swot_err *err)
{
	struct anki_package *p;
	struct anki_rows k = {s, out, 0, err};
	int rc = anki_open(path, &p, err);
	if (rc)
		return rc;
	rc = anki_each_review(p, anki_row, &k, err);
	anki_close(p);
	return rc ? (rc < 0 ? rc : SWOT_EDB) : SWOT_OK;
}

static int is_anki(const char *path)
{
	size_t n = strlen(path);
	return (n > 5 && !strcmp(path + n - 5, ".apkg")) ||
	       (n > 7 && !strcmp(path + n - 7, ".colpkg"));
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
		return cli_usage_error(cli, "which file? (a review log CSV, or an "
					    "Anki .apkg or .colpkg)");
	path = argv[0];
	if (!is_anki(path) &&
	    (read_file(path, REVLOG_MAX_BYTES, &text, &len, &err) ||
	     revlog_parse_csv(text, len, path, &log, &err))) {
		cli_error("%s", err.msg);
		free(text);
		return SWOT_EXIT_FAIL;
	}
	free(text);
	if ((rc = cli_open_store(cli, &k.s))) {
		revlog_free(&log);
		return rc;
	}
	if (is_anki(path) && read_anki(k.s, path, &log, &err)) {
		cli_error("%s", err.msg);
		revlog_free(&log);
		return SWOT_EXIT_FAIL;
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
