/*
 * store_review.c: what the queue reads and what answering writes.
 *
 * The queue never loads a deck: it walks index ranges of the card table
 * (card_schedule for learning and reviews, card_new_order for new cards)
 * and stops as soon as it has what the day allows.  Each answer is one
 * transaction holding both the card's new state and its review row.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

static const char *const scan_sql[] = {
	[STORE_SCAN_LEARNING] =
		"SELECT c.id, c.note_id, c.due, c.state, c.position FROM card c "
		"WHERE c.deck_id = (SELECT id FROM deck WHERE slug = ?1) "
		"AND c.retired = 0 AND c.suspended = 0 AND c.state IN (1, 3) AND c.due < ?3 "
		"AND c.buried_until <= ?2 ORDER BY c.due, c.id",
	[STORE_SCAN_REVIEW] =
		"SELECT c.id, c.note_id, c.due, c.state, c.position FROM card c "
		"WHERE c.deck_id = (SELECT id FROM deck WHERE slug = ?1) "
		"AND c.retired = 0 AND c.suspended = 0 AND c.state = 2 AND c.due < ?3 "
		"AND c.buried_until <= ?2 ORDER BY c.due, c.id",
	[STORE_SCAN_NEW] =
		"SELECT c.id, c.note_id, c.due, c.state, c.position FROM card c "
		"WHERE c.deck_id = (SELECT id FROM deck WHERE slug = ?1) "
		"AND c.retired = 0 AND c.suspended = 0 AND c.state = 0 "
		"AND c.buried_until <= ?2 ORDER BY c.position, c.id",
};

int store_queue_scan(struct store *s, const char *deck,
		     enum store_queue_scan kind, int64_t today, int64_t before,
		     store_queue_fn fn, void *ctx, struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(s, scan_sql[kind], &st, err);
	if (rc)
		return rc;
	store_bind_text(st, 1, deck);
	sqlite3_bind_int64(st, 2, today);
	sqlite3_bind_int64(st, 3, before);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_queue_row row = {
			.card_id = sqlite3_column_int64(st, 0),
			.note_id = sqlite3_column_int64(st, 1),
			.due = sqlite3_column_int64(st, 2),
			.state = (enum fsrs_state)sqlite3_column_int(st, 3),
			.position = sqlite3_column_int(st, 4),
		};
		if (fn(ctx, &row))
			break;
	}
	return store_rows_end(s, st, step, rc, "cannot read today's cards", err);
}

int store_answered_since(struct store *s, const char *deck, int64_t since,
			 store_answered_fn fn, void *ctx, struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	/* CROSS JOIN keeps review outermost: today's rows by review_time,
	 * never a walk over every card of a deck */
	int rc = store_prepare(
		s,
		"SELECT r.card_id, c.note_id, r.state_before, r.kind = 'review', d.slug "
		"FROM review r CROSS JOIN card c ON c.id = r.card_id "
		"CROSS JOIN deck d ON d.id = c.deck_id "
		"WHERE r.time >= ?2 AND r.kind != 'drill' "
		"AND (?1 IS NULL OR d.slug = ?1) "
		"ORDER BY r.time, r.id",
		&st, err);
	if (rc)
		return rc;
	store_bind_text(st, 1, deck);
	sqlite3_bind_int64(st, 2, since);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_answered_row row = {
			.card_id = sqlite3_column_int64(st, 0),
			.note_id = sqlite3_column_int64(st, 1),
			.state_before = (enum fsrs_state)sqlite3_column_int(st, 2),
			.is_review = sqlite3_column_int(st, 3),
			.deck = (const char *)sqlite3_column_text(st, 4),
		};
		fn(ctx, &row);
	}
	return store_rows_end(s, st, step, rc, "cannot read today's answers", err);
}

/* Runs a query with up to two bound values giving one count. */
static int count_query(struct store *s, const char *sql, const char *text,
		       int64_t value, size_t *n, struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(s, sql, &st, err);
	if (rc)
		return rc;
	store_bind_text(st, 1, text);
	sqlite3_bind_int64(st, 2, value);
	if (sqlite3_step(st) == SQLITE_ROW)
		*n = (size_t)sqlite3_column_int64(st, 0);
	else
		rc = store_db_error(s, err, "cannot count cards");
	sqlite3_finalize(st);
	return rc;
}

int store_count_new(struct store *s, const char *deck, size_t *n,
		    struct swot_err *err)
{
	return count_query(s,
			   "SELECT count(*) FROM card WHERE deck_id = "
			   "(SELECT id FROM deck WHERE slug = ?1) "
			   "AND retired = 0 AND suspended = 0 AND state = 0",
			   deck, 0, n, err);
}

int store_count_due(struct store *s, const char *deck, int64_t before,
		    size_t *n, struct swot_err *err)
{
	/* deck_id IN (...) lets card_schedule serve each deck's range */
	return count_query(s,
			   "SELECT count(*) FROM card WHERE deck_id IN "
			   "(SELECT id FROM deck WHERE ?1 IS NULL OR slug = ?1) "
			   "AND retired = 0 AND suspended = 0 AND state IN (1, 2, 3) "
			   "AND due < ?2",
			   deck, before, n, err);
}

/* Appends every row's first column (text) to out. */
static int list_query(struct store *s, const char *sql, const char *text,
		      struct strlist *out, int split, struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(s, sql, &st, err);
	if (rc)
		return rc;
	store_bind_text(st, 1, text);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		if (!v || !*v)
			continue;
		if (split)
			strlist_split(out, v, STORE_LIST_SEP);
		else
			strlist_push(out, v);
	}
	return store_rows_end(s, st, step, rc, "cannot read the database", err);
}

int store_deck_tags(struct store *s, const char *deck, struct strlist *out,
		    struct swot_err *err)
{
	struct strlist all = STRLIST_INIT;
	int rc = list_query(s,
			    "SELECT DISTINCT tags FROM card WHERE retired = 0 AND deck_id = "
			    "(SELECT id FROM deck WHERE slug = ?1) UNION "
			    "SELECT DISTINCT themes FROM card WHERE retired = 0 AND deck_id = "
			    "(SELECT id FROM deck WHERE slug = ?1)",
			    deck, &all, 1, err);
	for (size_t i = 0; !rc && i < all.n; i++)
		if (!strlist_has(out, all.items[i]))
			strlist_push(out, all.items[i]);
	strlist_release(&all);
	return rc;
}

int store_deck_slugs(struct store *s, struct strlist *out,
		     struct swot_err *err)
{
	return list_query(s, "SELECT slug FROM deck WHERE ?1 IS NULL ORDER BY slug",
			  NULL, out, 0, err);
}

int store_live_deck_slugs(struct store *s, struct strlist *out, struct swot_err *err)
{
	/* an index probe a deck: no card is read, whatever their number */
	return list_query(s,
			  "SELECT slug FROM deck d WHERE ?1 IS NULL AND EXISTS "
			  "(SELECT 1 FROM card c WHERE c.deck_id = d.id AND c.retired = 0) "
			  "ORDER BY slug",
			  NULL, out, 0, err);
}

int store_character_names(struct store *s, const char *deck,
			  struct strlist *out, struct swot_err *err)
{
	/* name and aliases as one list column, so one walk gives both */
	return list_query(s,
			  "SELECT n.name || CASE WHEN n.aliases = '' THEN '' "
			  "ELSE char(31) || n.aliases END FROM note n "
			  "JOIN deck d ON d.id = n.deck_id WHERE d.slug = ?1 "
			  "AND n.kind = 'character' AND n.retired = 0 "
			  "AND n.name IS NOT NULL ORDER BY n.id",
			  deck, out, 1, err);
}

static const char *answer_kind(const struct store_answer *a)
{
	return store_log_kind_name(store_log_kind_for(a->drill, a->state_before));
}

int store_card_state_prepare(struct store *s, sqlite3_stmt **st, struct swot_err *err)
{
	return store_prepare(s,
			     "UPDATE card SET state = ?1, step = ?2, stability = ?3, "
			     "difficulty = ?4, due = ?5, last_review = ?6, "
			     "scheduled_days = ?7, reps = ?8, lapses = ?9 WHERE id = ?10",
			     st, err);
}

int store_card_state_write(struct store *s, sqlite3_stmt *st, int64_t id,
			   const struct fsrs_card *f, struct swot_err *err)
{
	sqlite3_reset(st);
	sqlite3_bind_int(st, 1, (int)f->state);
	sqlite3_bind_int(st, 2, f->step);
	sqlite3_bind_double(st, 3, f->stability);
	sqlite3_bind_double(st, 4, f->difficulty);
	sqlite3_bind_int64(st, 5, f->due);
	sqlite3_bind_int64(st, 6, f->last_review);
	sqlite3_bind_int(st, 7, f->scheduled_days);
	sqlite3_bind_int(st, 8, f->reps);
	sqlite3_bind_int(st, 9, f->lapses);
	sqlite3_bind_int64(st, 10, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_db_error(s, err, "cannot save the card's schedule");
	if (sqlite3_changes(s->db) != 1)
		return swot_err_set(err, SWOT_ENOTFOUND, "no card with id %lld in %s",
				    (long long)id, s->path);
	return SWOT_OK;
}

int store_write_card_state(struct store *s, int64_t id,
			   const struct fsrs_card *f, struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = store_card_state_prepare(s, &st, err);
	if (!rc)
		rc = store_card_state_write(s, st, id, f, err);
	sqlite3_finalize(st);
	return rc;
}

/* The FSRS columns of card id into *f. */
static int read_card_state(struct store *s, int64_t id, struct fsrs_card *f,
			   struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(
		s,
		"SELECT state, step, stability, difficulty, due, last_review, "
		"scheduled_days, reps, lapses FROM card WHERE id = ?1",
		&st, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		int state = sqlite3_column_int(st, 0);
		f->state = state >= FSRS_NEW && state <= FSRS_RELEARNING
				   ? (enum fsrs_state)state
				   : FSRS_NEW;
		f->step = sqlite3_column_int(st, 1);
		f->stability = sqlite3_column_double(st, 2);
		f->difficulty = sqlite3_column_double(st, 3);
		f->due = sqlite3_column_int64(st, 4);
		f->last_review = sqlite3_column_int64(st, 5);
		f->scheduled_days = sqlite3_column_int(st, 6);
		f->reps = sqlite3_column_int(st, 7);
		f->lapses = sqlite3_column_int(st, 8);
	} else if (step == SQLITE_DONE) {
		rc = swot_err_set(err, SWOT_ENOTFOUND, "no card with id %lld in %s",
				  (long long)id, s->path);
	} else {
		rc = store_db_error(s, err, "cannot read a card's schedule");
	}
	sqlite3_finalize(st);
	return rc;
}

/* Runs sql, one statement with the card's id as ?1. */
static int card_exec(struct store *s, const char *sql, int64_t id, struct swot_err *err)
{
	sqlite3_stmt *st;
	int rc = store_prepare(s, sql, &st, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	return store_step_done(s, st, "cannot change the card", err);
}

/* Whether the card has a review of a's kind at a's time already. */
static int review_exists(struct store *s, const struct store_answer *a, int *found,
			 struct swot_err *err)
{
	sqlite3_stmt *st;
	int rc = store_prepare(s, "SELECT 1 FROM review WHERE card_id = ?1 AND time = ?2 "
				  "AND (kind = 'drill') = ?3",
			       &st, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, a->card_id);
	sqlite3_bind_int64(st, 2, a->time);
	sqlite3_bind_int(st, 3, a->drill != 0);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*found = 1;
	return store_rows_end(s, st, step, rc, "cannot read the review log", err);
}

int store_record_answer(struct store *s, struct store_answer *a,
			store_schedule_fn schedule, void *ctx,
			struct fsrs_card *before, struct fsrs_card *after,
			int64_t *review_id, struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = store_begin(s, err);
	if (rc)
		return rc;
	if (review_id)
		*review_id = 0;
	if (a->replay) {
		int found = 0;
		if ((rc = review_exists(s, a, &found, err)))
			goto out;
		if (found)
			goto out;
	}
	if ((rc = read_card_state(s, a->card_id, before, err)))
		goto out;
	a->state_before = before->state;
	if ((rc = schedule(ctx, before, after, a, err)))
		goto out;
	if ((rc = store_prepare(
		     s,
		     "INSERT INTO review (card_id, time, rating, kind, state_before, "
		     "elapsed_days, scheduled_days, stability, difficulty, duration_ms) "
		     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
		     &st, err)))
		goto out;
	sqlite3_bind_int64(st, 1, a->card_id);
	sqlite3_bind_int64(st, 2, a->time);
	sqlite3_bind_int(st, 3, (int)a->rating);
	store_bind_text(st, 4, answer_kind(a));
	sqlite3_bind_int(st, 5, (int)a->state_before);
	sqlite3_bind_int(st, 6, a->elapsed_days);
	sqlite3_bind_int(st, 7, a->scheduled_days);
	sqlite3_bind_double(st, 8, a->stability);
	sqlite3_bind_double(st, 9, a->difficulty);
	sqlite3_bind_int64(st, 10, a->duration_ms);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = store_db_error(s, err, "cannot save the answer");
		goto out;
	}
	if (review_id)
		*review_id = sqlite3_last_insert_rowid(s->db);
	if (!a->drill && (rc = store_write_card_state(s, a->card_id, after, err)))
		goto out;
	/* a leech: the lapse that brings it to leech_lapses sets it aside */
	a->suspended = !a->drill && a->leech_lapses > 0 && after->lapses >= a->leech_lapses &&
		       before->lapses < a->leech_lapses;
	if (a->suspended &&
	    (rc = card_exec(s, "UPDATE card SET suspended = 1 WHERE id = ?1", a->card_id, err)))
		goto out;
out:
	return store_end(s, st, rc, err);
}

int store_undo_answer(struct store *s, int64_t card_id, int64_t review_id,
		      const struct fsrs_card *before, struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = store_begin(s, err);
	if (rc)
		return rc;
	if (before) {
		/* Putting the state back would wipe out an answer another swot
		 * gave the card since, leaving its review row behind. */
		if ((rc = store_prepare(s, "SELECT 1 FROM review WHERE card_id = ?1 "
					   "AND id > ?2 AND kind != 'drill' LIMIT 1",
					&st, err)))
			goto out;
		sqlite3_bind_int64(st, 1, card_id);
		sqlite3_bind_int64(st, 2, review_id);
		int step = sqlite3_step(st);
		sqlite3_finalize(st);
		st = NULL;
		if (step == SQLITE_ROW) {
			rc = swot_err_set(err, SWOT_EINVAL,
					  "cannot undo: the card was answered again since, "
					  "by another swot on %s",
					  s->path);
			goto out;
		}
		if (step != SQLITE_DONE) {
			rc = store_db_error(s, err, "cannot undo the answer");
			goto out;
		}
	}
	if ((rc = store_prepare(s, "DELETE FROM review WHERE id = ?1 AND card_id = ?2",
				&st, err)))
		goto out;
	sqlite3_bind_int64(st, 1, review_id);
	sqlite3_bind_int64(st, 2, card_id);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = store_db_error(s, err, "cannot undo the answer");
		goto out;
	}
	if (sqlite3_changes(s->db) != 1) {
		rc = swot_err_set(err, SWOT_ENOTFOUND,
				  "the answer to undo is no longer in %s", s->path);
		goto out;
	}
	/* the card was being asked, so not suspended: if the answer made it a
	 * leech, undoing it brings it back */
	if (before && ((rc = store_write_card_state(s, card_id, before, err)) ||
		       (rc = card_exec(s, "UPDATE card SET suspended = 0 WHERE id = ?1",
				       card_id, err))))
		goto out;
out:
	return store_end(s, st, rc, err);
}

int store_card_bury(struct store *s, int64_t card_id, int64_t until,
		    struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(s, "UPDATE card SET buried_until = ?1 WHERE id = ?2",
			       &st, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, until);
	sqlite3_bind_int64(st, 2, card_id);
	return store_step_done(s, st, "cannot skip the card", err);
}

int store_drill_cards(struct store *s, const char *deck, const char *tag,
		      const char *kind, struct store_drill_row **out,
		      size_t *n, struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	struct store_drill_row *rows = NULL;
	size_t len = 0, alloc = 0;
	int rc, step;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(
		     s,
		     "SELECT c.id, c.state, c.stability, c.last_review, c.note_id FROM card c "
		     "JOIN note n ON n.id = c.note_id "
		     "WHERE c.deck_id = (SELECT id FROM deck WHERE slug = ?1) "
		     "AND c.retired = 0 AND c.suspended = 0 AND (?3 IS NULL OR n.kind = ?3) "
		     "AND (?2 IS NULL "
		     "  OR instr(char(31) || c.tags || char(31), char(31) || ?2 || char(31)) "
		     "  OR instr(char(31) || c.themes || char(31), char(31) || ?2 || char(31))) "
		     "ORDER BY c.position, c.id",
		     &st, err)))
		return rc;
	store_bind_text(st, 1, deck);
	store_bind_text(st, 2, tag);
	store_bind_text(st, 3, kind);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(rows, len + 1, alloc);
		rows[len++] = (struct store_drill_row){
			.card_id = sqlite3_column_int64(st, 0),
			.state = (enum fsrs_state)sqlite3_column_int(st, 1),
			.stability = sqlite3_column_double(st, 2),
			.last_review = sqlite3_column_int64(st, 3),
			.note_id = sqlite3_column_int64(st, 4),
		};
	}
	if (step != SQLITE_DONE) {
		rc = store_db_error(s, err, "cannot read the cards to drill");
		free(rows);
		goto out;
	}
	*out = rows;
	*n = len;
out:
	sqlite3_finalize(st);
	return rc;
}

int store_card_states(struct store *s, const char *deck, store_state_fn fn,
		      void *ctx, size_t *n_live, struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc, step;
	*n_live = 0;
	rc = store_prepare(s, deck ? STORE_SQL_CARD_STATES_DECK : STORE_SQL_CARD_STATES,
			   &st, err);
	if (rc)
		return rc;
	if (deck)
		store_bind_text(st, 1, deck);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct fsrs_card f = {
			.state = (enum fsrs_state)sqlite3_column_int(st, 0),
			.due = sqlite3_column_int64(st, 1),
			.last_review = sqlite3_column_int64(st, 2),
			.stability = sqlite3_column_double(st, 3),
		};
		++*n_live;
		if (fn(ctx, &f, sqlite3_column_int(st, 4)))
			break;
	}
	return store_rows_end(s, st, step, rc, "cannot read the cards' schedules", err);
}

/* Keeps count of the frames in the write-ahead log; as the hook, it
 * also stops SQLite checkpointing on its own in the middle of a commit. */
static int wal_hook(void *ctx, sqlite3 *db, const char *name, int frames)
{
	(void)db;
	(void)name;
	((struct store *)ctx)->wal_frames = frames;
	return SQLITE_OK;
}

void store_defer_checkpoints(struct store *s)
{
	sqlite3_wal_hook(s->db, wal_hook, s);
}

void store_idle(struct store *s)
{
	if (s->wal_frames < STORE_IDLE_CHECKPOINT_FRAMES)
		return;
	int log = 0, done = 0;
	if (sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log,
				      &done) == SQLITE_OK && done >= log)
		s->wal_frames = 0;
}
