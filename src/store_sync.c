/*
 * store_sync.c: what swot sync reads from the store and the marks it
 * keeps of what a school's server already has (schema/0009_sync.sql).
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

void store_sync_state_release(struct store_sync_state *st)
{
	free(st->server);
	memset(st, 0, sizeof *st);
}

int store_sync_get(struct store *s, struct store_sync_state *out,
		   struct swot_err *err)
{
	sqlite3_stmt *st;
	memset(out, 0, sizeof *out);
	int rc = store_prepare(s, "SELECT server, reviews_sent, undone, synced_at "
			       "FROM sync WHERE id = 1", &st, err);
	if (rc)
		return rc;
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		out->server = store_column_dup(st, 0);
		out->reviews_sent = sqlite3_column_int64(st, 1);
		out->undone = sqlite3_column_int64(st, 2);
		out->synced_at = sqlite3_column_int64(st, 3);
	}
	return store_rows_end(s, st, step, rc, "cannot read what was synced", err);
}

int store_sync_mark(struct store *s, const char *server, int64_t reviews_sent,
		    int64_t undone, int64_t now, struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if ((rc = store_begin(s, err)))
		return rc;
	/* a new server starts from nothing; an undo since the log was read
	 * keeps the mark where the undo left it */
	rc = store_prepare(s,
			   "INSERT INTO sync (id, server, reviews_sent, undone, synced_at) "
			   "VALUES (1, ?1, ?2, ?3, ?4) ON CONFLICT (id) DO UPDATE SET "
			   "reviews_sent = CASE WHEN server <> ?1 THEN ?2 "
			   "  WHEN undone = ?3 THEN max(reviews_sent, ?2) "
			   "  ELSE reviews_sent END, "
			   "server = ?1, synced_at = ?4",
			   &st, err);
	if (rc)
		goto out;
	store_bind_text(st, 1, server);
	sqlite3_bind_int64(st, 2, reviews_sent);
	sqlite3_bind_int64(st, 3, undone);
	sqlite3_bind_int64(st, 4, now);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = store_db_error(s, err, "cannot record the sync");
		goto out;
	}
	rc = store_commit(s, err);
out:
	sqlite3_finalize(st);
	if (rc)
		store_rollback(s);
	return rc;
}

int store_sync_reviews(struct store *s, int64_t after,
		       int (*fn)(void *ctx, const struct store_sync_review *r),
		       void *ctx, struct swot_err *err)
{
	sqlite3_stmt *st;
	int rc = store_prepare(s,
			       "SELECT r.id, d.slug, c.key, r.time, r.rating, r.kind, "
			       "r.state_before, r.elapsed_days, r.scheduled_days, "
			       "r.stability, r.difficulty, r.duration_ms "
			       "FROM review r JOIN card c ON c.id = r.card_id "
			       "JOIN deck d ON d.id = c.deck_id WHERE r.id > ?1 ORDER BY r.id",
			       &st, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, after);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_sync_review r = {
			.id = sqlite3_column_int64(st, 0),
			.deck = (const char *)sqlite3_column_text(st, 1),
			.card = (const char *)sqlite3_column_text(st, 2),
			.time = sqlite3_column_int64(st, 3),
			.rating = sqlite3_column_int(st, 4),
			.kind = (const char *)sqlite3_column_text(st, 5),
			.state_before = sqlite3_column_int(st, 6),
			.elapsed_days = sqlite3_column_int(st, 7),
			.scheduled_days = sqlite3_column_int(st, 8),
			.stability = sqlite3_column_double(st, 9),
			.difficulty = sqlite3_column_double(st, 10),
			.duration_ms = sqlite3_column_int64(st, 11),
		};
		if ((rc = fn(ctx, &r)))
			break;
	}
	return store_rows_end(s, st, step, rc, "cannot read the review log", err);
}

int store_sync_cards(struct store *s,
		     int (*fn)(void *ctx, const struct store_sync_card *c),
		     void *ctx, struct swot_err *err)
{
	sqlite3_stmt *st;
	int rc = store_prepare(s,
			       "SELECT d.slug, c.key, c.state, c.step, c.stability, "
			       "c.difficulty, c.due, c.last_review, c.scheduled_days, "
			       "c.reps, c.lapses FROM card c JOIN deck d ON d.id = c.deck_id "
			       "WHERE c.retired = 0 ORDER BY d.slug, c.key",
			       &st, err);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_sync_card c = {
			.deck = (const char *)sqlite3_column_text(st, 0),
			.card = (const char *)sqlite3_column_text(st, 1),
		};
		store_column_fsrs(st, 2, &c.f);
		if ((rc = fn(ctx, &c)))
			break;
	}
	return store_rows_end(s, st, step, rc, "cannot read the cards", err);
}

int store_sync_deck_version(struct store *s, const char *cls, const char *deck,
			    int *version, struct swot_err *err)
{
	sqlite3_stmt *st;
	*version = 0;
	int rc = store_prepare(s, "SELECT version FROM sync_deck WHERE class = ?1 AND "
			       "deck = ?2", &st, err);
	if (rc)
		return rc;
	store_bind_text(st, 1, cls);
	store_bind_text(st, 2, deck);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	return store_rows_end(s, st, step, rc, "cannot read the decks received", err);
}

int store_sync_deck_set(struct store *s, const char *cls, const char *deck,
			int version, struct swot_err *err)
{
	sqlite3_stmt *st;
	int rc = store_prepare(s, "INSERT INTO sync_deck (class, deck, version) "
			       "VALUES (?1, ?2, ?3) ON CONFLICT (class, deck) DO UPDATE "
			       "SET version = excluded.version", &st, err);
	if (rc)
		return rc;
	store_bind_text(st, 1, cls);
	store_bind_text(st, 2, deck);
	sqlite3_bind_int(st, 3, version);
	return store_step_done(s, st, "cannot record the deck received", err);
}
