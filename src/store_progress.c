/*
 * store_progress.c: what a progress file says about the student beyond
 * the cards: their random id, the characters of a deck and who speaks
 * each quote, and the review log with the memory after each answer.
 */
#include "store_int.h"

#include <stdlib.h>

int store_student_id(struct store *s, char **out, struct swot_err *err)
{
	sqlite3_stmt *st;
	*out = NULL;
	int rc = store_prepare(s, "SELECT key FROM student WHERE id = 1", &st, err);
	if (rc)
		return rc;
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*out = store_column_dup(st, 0);
	else if (step == SQLITE_DONE)
		rc = swot_err_set(err, SWOT_EDB, "%s has no student id", s->path);
	else
		rc = store_db_error(s, err, "cannot read the student id");
	sqlite3_finalize(st);
	if (!rc && !*out)
		rc = swot_err_set(err, SWOT_EDB, "%s has an empty student id", s->path);
	return rc;
}

/* Appends column 0 and 1 of each row of st (bound by the caller) to a
 * and b; what names the rows in an error. */
static int read_pairs(struct store *s, sqlite3_stmt *st, struct strlist *a,
		      struct strlist *b, const char *what, struct swot_err *err)
{
	int step, rc = SWOT_OK;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *x = (const char *)sqlite3_column_text(st, 0);
		const char *y = (const char *)sqlite3_column_text(st, 1);
		strlist_push(a, x ? x : "");
		strlist_push(b, y ? y : (x ? x : ""));
	}
	return store_rows_end(s, st, step, rc, what, err);
}

int store_deck_characters(struct store *s, const char *deck, struct strlist *ids,
			  struct strlist *names, struct swot_err *err)
{
	sqlite3_stmt *st;
	int rc;
	if ((rc = store_deck_check(s, deck, err)))
		return rc;
	rc = store_prepare(s,
			   "SELECT n.key, n.name FROM note n JOIN deck d ON d.id = n.deck_id "
			   "WHERE d.slug = ?1 AND n.kind = 'character' AND n.retired = 0 "
			   "ORDER BY n.id",
			   &st, err);
	if (rc)
		return rc;
	store_bind_text(st, 1, deck);
	return read_pairs(s, st, ids, names, "cannot read the deck's characters", err);
}

int store_quote_speakers(struct store *s, const char *deck, struct strlist *quotes,
			 struct strlist *speakers, struct swot_err *err)
{
	sqlite3_stmt *st;
	int rc;
	if ((rc = store_deck_check(s, deck, err)))
		return rc;
	rc = store_prepare(s, STORE_SQL_QUOTE_SPEAKERS, &st, err);
	if (rc)
		return rc;
	store_bind_text(st, 1, deck);
	return read_pairs(s, st, quotes, speakers, "cannot read the quotes' speakers", err);
}

int store_card_memory_log(struct store *s, const char *deck,
			  int (*fn)(void *ctx, const struct store_memory_row *r),
			  void *ctx, struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if ((rc = store_deck_check(s, deck, err)))
		return rc;
	rc = store_prepare(s,
			   "SELECT r.card_id, r.time, r.rating, r.kind, r.stability "
			   "FROM review r JOIN card c ON c.id = r.card_id "
			   "JOIN deck d ON d.id = c.deck_id "
			   "WHERE d.slug = ?1 AND c.retired = 0 "
			   "ORDER BY r.card_id, r.time, r.id",
			   &st, err);
	if (rc)
		return rc;
	store_bind_text(st, 1, deck);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_memory_row r = {
			.card_id = sqlite3_column_int64(st, 0),
			.time = sqlite3_column_int64(st, 1),
			.rating = sqlite3_column_int(st, 2),
			.kind = store_log_kind_of((const char *)sqlite3_column_text(st, 3)),
			.stability = sqlite3_column_double(st, 4),
		};
		if ((rc = fn(ctx, &r)))
			break;
	}
	return store_rows_end(s, st, step, rc, "cannot read the review log", err);
}
