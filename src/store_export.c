/*
 * store_export.c: the review log in the shape FSRS tools read.
 */
#include "store_int.h"

#include <string.h>

int store_export_reviews(struct store *s, const char *deck,
			 int (*fn)(void *ctx, const struct store_export_row *r),
			 void *ctx, struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if (deck && (rc = store_deck_check(s, deck, err)))
		return rc;
	rc = store_prepare(s,
		"SELECT r.card_id, r.time, r.rating, r.kind, r.duration_ms"
		"  FROM review r JOIN card c ON c.id = r.card_id"
		"  JOIN deck d ON d.id = c.deck_id"
		" WHERE ?1 IS NULL OR d.slug = ?1"
		" ORDER BY r.time, r.id", &st, err);
	if (rc)
		return rc;
	store_bind_text(st, 1, deck);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 3);
		struct store_export_row r = {
			.card_id = sqlite3_column_int64(st, 0),
			.time_ms = sqlite3_column_int64(st, 1) * 1000,
			.rating = sqlite3_column_int(st, 2),
			.state = !strcmp(kind, "learn")    ? 1
				 : !strcmp(kind, "review") ? 2
				 : !strcmp(kind, "relearn") ? 3
							    : 4,
			.duration_ms = sqlite3_column_int64(st, 4),
		};
		if (fn(ctx, &r))
			goto out;
	}
	if (step != SQLITE_DONE)
		rc = store_db_error(s, err, "cannot read the review log");
out:
	sqlite3_finalize(st);
	return rc;
}
