/*
 * store_card_ctl.c: what a student does to cards by hand: find them by
 * what they are called, suspend and unsuspend them, forget them, and read
 * one card's history.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

int store_cards_find(struct store *s, const char *id, int64_t **ids, size_t *n,
		     struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	const char *colon = strchr(id, ':');
	char *deck = colon ? xstrndup(id, (size_t)(colon - id)) : NULL;
	const char *key = colon ? colon + 1 : id;
	size_t alloc = 0;
	int rc, step;
	*ids = NULL;
	*n = 0;
	/* a row id, a card's key or a note's key, in the deck if one is named:
	 * each looked up through its index (one OR across them read every
	 * card of every deck) */
	rc = store_prepare(s,
			   "SELECT c.id FROM card c JOIN deck d ON d.id = c.deck_id "
			   "WHERE c.retired = 0 AND (?2 IS NULL OR d.slug = ?2) AND c.id IN ("
			   " SELECT id FROM card WHERE deck_id IN (SELECT id FROM deck) "
			   "  AND key = ?1"
			   " UNION ALL SELECT k.id FROM note n JOIN card k ON k.note_id = n.id "
			   "  WHERE n.deck_id IN (SELECT id FROM deck) "
			   "  AND n.kind IN ('character', 'theme', 'quote', 'card') AND n.key = ?1"
			   " UNION ALL SELECT id FROM card WHERE id = CAST(?1 AS INTEGER) "
			   "  AND CAST(id AS TEXT) = ?1) "
			   "ORDER BY d.slug, c.position, c.id",
			   &st, err);
	if (rc)
		goto out;
	store_bind_text(st, 1, key);
	store_bind_text(st, 2, deck);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(*ids, *n + 1, alloc);
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (step != SQLITE_DONE)
		rc = store_db_error(s, err, "cannot look up cards");
	else if (!*n)
		rc = swot_err_set(err, SWOT_ENOTFOUND,
				  "no card \"%s\" (a card is named by its id, e.g. "
				  "weeping/cloze, or DECK:ID; 'swot cards' lists them)",
				  id);
out:
	sqlite3_finalize(st);
	free(deck);
	if (rc) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return rc;
}

/* Runs sql (?1 bound to each id) for every id in one transaction; *changed
 * (may be NULL) gets the rows changed. */
static int each_card(struct store *s, const char *sql, const int64_t *ids, size_t n,
		     size_t *changed, struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = store_begin(s, err);
	if (rc)
		return rc;
	if ((rc = store_prepare(s, sql, &st, err)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, ids[i]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = store_db_error(s, err, "cannot change the card");
			goto out;
		}
		if (changed)
			*changed += (size_t)sqlite3_changes(s->db);
	}
out:
	return store_end(s, st, rc, err);
}

int store_cards_suspend(struct store *s, const int64_t *ids, size_t n, int suspended,
			size_t *changed, struct swot_err *err)
{
	*changed = 0;
	return each_card(s,
			 suspended ? "UPDATE card SET suspended = 1 WHERE id = ?1 AND suspended = 0"
				   : "UPDATE card SET suspended = 0 WHERE id = ?1 AND suspended = 1",
			 ids, n, changed, err);
}

int store_cards_forget(struct store *s, const int64_t *ids, size_t n,
		       struct swot_err *err)
{
	return each_card(s,
			 "UPDATE card SET state = 0, step = 0, stability = 0, difficulty = 0, "
			 "due = 0, last_review = 0, scheduled_days = 0, reps = 0, lapses = 0, "
			 "buried_until = 0, suspended = 0 WHERE id = ?1",
			 ids, n, NULL, err);
}

int store_card_reviews(struct store *s, int64_t id, struct store_review **out,
		       size_t *n, struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int step;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(s,
			       "SELECT time, rating, kind, elapsed_days, scheduled_days, "
			       "stability, difficulty, duration_ms FROM review "
			       "WHERE card_id = ?1 ORDER BY time, id",
			       &st, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(*out, *n + 1, alloc);
		(*out)[(*n)++] = (struct store_review){
			.time = sqlite3_column_int64(st, 0),
			.rating = sqlite3_column_int(st, 1),
			.kind = store_log_kind_of((const char *)sqlite3_column_text(st, 2)),
			.elapsed_days = sqlite3_column_int(st, 3),
			.scheduled_days = sqlite3_column_int(st, 4),
			.stability = sqlite3_column_double(st, 5),
			.difficulty = sqlite3_column_double(st, 6),
			.duration_ms = sqlite3_column_int64(st, 7),
		};
	}
	if (step != SQLITE_DONE) {
		rc = store_db_error(s, err, "cannot read the card's history");
		free(*out);
		*out = NULL;
		*n = 0;
	}
	sqlite3_finalize(st);
	return rc;
}
