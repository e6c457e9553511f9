/*
 * store_history.c: review histories brought in from elsewhere, and the
 * replay that makes each card's schedule follow from its history.
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The statements an import reuses for every row. */
struct hist_stmts {
	sqlite3_stmt *deck_of, *exists, *insert, *history, *update, *update_memory,
		*card_state;
};

static void hist_finalize(struct hist_stmts *h)
{
	sqlite3_finalize(h->deck_of);
	sqlite3_finalize(h->exists);
	sqlite3_finalize(h->insert);
	sqlite3_finalize(h->history);
	sqlite3_finalize(h->update);
	sqlite3_finalize(h->update_memory);
	sqlite3_finalize(h->card_state);
}

static int hist_prepare(struct store *s, struct hist_stmts *h,
			struct swot_err *err)
{
	int rc;
	if ((rc = store_prepare(s, "SELECT d.slug FROM card c JOIN deck d "
				   "ON d.id = c.deck_id WHERE c.id = ?1",
				&h->deck_of, err)) ||
	    (rc = store_prepare(s, "SELECT count(*) FROM review WHERE card_id = ?1 "
				   "AND time = ?2 AND rating = ?3 "
				   "AND (kind = 'drill') = ?4",
				&h->exists, err)) ||
	    /* what the answer did is filled in by the replay */
	    (rc = store_prepare(s, "INSERT INTO review (card_id, time, rating, "
				   "kind, state_before, elapsed_days, scheduled_days, "
				   "stability, difficulty, duration_ms) "
				   "VALUES (?1, ?2, ?3, ?4, 0, 0, 0, 0, 0, ?5)",
				&h->insert, err)) ||
	    (rc = store_prepare(s, "SELECT id, time, rating, kind, state_before, "
				   "elapsed_days, scheduled_days, stability, difficulty "
				   "FROM review WHERE card_id = ?1 ORDER BY time, id",
				&h->history, err)) ||
	    (rc = store_prepare(s, "UPDATE review SET kind = ?1, state_before = ?2, "
				   "elapsed_days = ?3, scheduled_days = ?4, "
				   "stability = ?5, difficulty = ?6 WHERE id = ?7",
				&h->update, err)) ||
	    /* kind and state_before left alone: review_time, the
	     * history walks' index, keeps its entries */
	    (rc = store_prepare(s, "UPDATE review SET elapsed_days = ?3, "
				   "scheduled_days = ?4, stability = ?5, difficulty = ?6 "
				   "WHERE id = ?7",
				&h->update_memory, err)) ||
	    (rc = store_card_state_prepare(s, &h->card_state, err)))
		return rc;
	return SWOT_OK;
}

/* Steps st once; 1 for a row, 0 when done, else the error. */
static int step_row(struct store *s, sqlite3_stmt *st, const char *what,
		    struct swot_err *err)
{
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		return 1;
	if (step == SQLITE_DONE)
		return 0;
	return store_db_error(s, err, what);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Sorts ids and drops repeats; returns the new count. */
static size_t uniq_ids(int64_t *ids, size_t n)
{
	size_t k = 0;
	qsort(ids, n, sizeof *ids, cmp_i64);
	for (size_t i = 0; i < n; i++)
		if (!k || ids[k - 1] != ids[i])
			ids[k++] = ids[i];
	return k;
}

/* What makes two answers the same: card, second, rating, drill or not;
 * with the row's place in the file. */
struct answer_key {
	int64_t k[4];
	size_t row;
};

static int cmp_key(const void *pa, const void *pb)
{
	const struct answer_key *a = pa, *b = pb;
	for (int i = 0; i < 4; i++)
		if (a->k[i] != b->k[i])
			return (a->k[i] > b->k[i]) - (a->k[i] < b->k[i]);
	return (a->row > b->row) - (a->row < b->row);
}

/* occ[i]: how many rows before row i are the same answer, so that a file
 * holding one answer twice (two answers in one second) adds both, and a
 * re-import adds neither.  The caller frees. */
static size_t *occurrences(const struct revlog_row *rows, size_t n)
{
	struct answer_key *keys = xmalloc((n ? n : 1) * sizeof *keys);
	size_t *occ = xmalloc((n ? n : 1) * sizeof *occ);
	for (size_t i = 0; i < n; i++)
		keys[i] = (struct answer_key){
			{rows[i].card_id, rows[i].time_ms / 1000, rows[i].rating,
			 rows[i].state == REVLOG_FILTERED},
			i};
	qsort(keys, n, sizeof *keys, cmp_key);
	for (size_t i = 0; i < n; i++)
		occ[keys[i].row] = i && !memcmp(keys[i].k, keys[i - 1].k, sizeof keys[i].k)
					   ? occ[keys[i - 1].row] + 1
					   : 0;
	free(keys);
	return occ;
}

/* Adds one row (an answer to a known card) unless the log holds it already:
 * occ earlier rows of the file are the same answer. */
static int add_row(struct store *s, struct hist_stmts *h,
		   const struct revlog_row *r, size_t occ, int *added,
		   struct swot_err *err)
{
	int64_t t = r->time_ms / 1000;
	int rc;
	sqlite3_reset(h->exists);
	sqlite3_bind_int64(h->exists, 1, r->card_id);
	sqlite3_bind_int64(h->exists, 2, t);
	sqlite3_bind_int(h->exists, 3, r->rating);
	sqlite3_bind_int(h->exists, 4, r->state == REVLOG_FILTERED);
	if ((rc = step_row(s, h->exists, "cannot read the review log", err)) < 0)
		return rc;
	*added = (size_t)sqlite3_column_int64(h->exists, 0) <= occ;
	if (!*added)
		return SWOT_OK;
	sqlite3_reset(h->insert);
	sqlite3_bind_int64(h->insert, 1, r->card_id);
	sqlite3_bind_int64(h->insert, 2, t);
	sqlite3_bind_int(h->insert, 3, r->rating);
	store_bind_text(h->insert, 4,
			r->state == REVLOG_FILTERED ? "drill" : "review");
	sqlite3_bind_int64(h->insert, 5, r->duration_ms);
	if (sqlite3_step(h->insert) != SQLITE_DONE)
		return store_db_error(s, err, "cannot add an answer to the review log");
	return SWOT_OK;
}

/* The deck of card id into *deck (owned), or NULL when there is no such
 * card. */
static int deck_of(struct store *s, struct hist_stmts *h, int64_t id,
		   char **deck, struct swot_err *err)
{
	sqlite3_reset(h->deck_of);
	sqlite3_bind_int64(h->deck_of, 1, id);
	int rc = step_row(s, h->deck_of, "cannot read a card", err);
	*deck = rc == 1 ? store_column_dup(h->deck_of, 0) : NULL;
	return rc < 0 ? rc : SWOT_OK;
}

static const char *kind_of(const struct history_answer *a)
{
	return store_log_kind_name(store_log_kind_for(a->drill, a->state_before));
}

/* An answer as the log holds it: its row, its kind and what it did. */
struct logged {
	int64_t id;
	enum store_log_kind kind;
	struct history_answer was;
};

/* Writes back what each answer of the replay did, where it differs from
 * what the log holds: most often only the memory columns (new weights
 * change no answer's kind), and nothing at all for a card whose history
 * the new setting leaves as it was. */
static int write_outcomes(struct store *s, struct hist_stmts *h,
			  const struct history_answer *a, const struct logged *l,
			  size_t n, struct swot_err *err)
{
	for (size_t i = 0; i < n; i++) {
		const struct history_answer *w = &l[i].was;
		int same_kind = store_log_kind_for(a[i].drill, a[i].state_before) ==
					l[i].kind &&
				a[i].state_before == w->state_before;
		if (same_kind && a[i].elapsed_days == w->elapsed_days &&
		    a[i].scheduled_days == w->scheduled_days &&
		    a[i].stability == w->stability && a[i].difficulty == w->difficulty)
			continue;
		sqlite3_stmt *st = same_kind ? h->update_memory : h->update;
		sqlite3_reset(st);
		if (!same_kind) {
			store_bind_text(st, 1, kind_of(&a[i]));
			sqlite3_bind_int(st, 2, (int)a[i].state_before);
		}
		sqlite3_bind_int(st, 3, a[i].elapsed_days);
		sqlite3_bind_int(st, 4, a[i].scheduled_days);
		sqlite3_bind_double(st, 5, a[i].stability);
		sqlite3_bind_double(st, 6, a[i].difficulty);
		sqlite3_bind_int64(st, 7, l[i].id);
		if (sqlite3_step(st) != SQLITE_DONE)
			return store_db_error(s, err, "cannot update the review log");
	}
	return SWOT_OK;
}

/* Reads card id's history (h->history bound) into *a and *l (n of each;
 * the caller frees both). */
static int read_history(struct store *s, struct hist_stmts *h, struct history_answer **a,
			struct logged **l, size_t *n, struct swot_err *err)
{
	size_t cap = 0, cap_l = 0;
	int rc;
	sqlite3_stmt *st = h->history;
	*n = 0;
	while ((rc = step_row(s, st, "cannot read the review log", err)) == 1) {
		ALLOC_GROW(*a, *n + 1, cap);
		ALLOC_GROW(*l, *n + 1, cap_l);
		const char *kind = (const char *)sqlite3_column_text(st, 3);
		(*a)[*n] = (struct history_answer){
			.time = sqlite3_column_int64(st, 1),
			.rating = (enum fsrs_rating)sqlite3_column_int(st, 2),
			.drill = kind && !strcmp(kind, "drill"),
		};
		(*l)[*n] = (struct logged){
			sqlite3_column_int64(st, 0), store_log_kind_of(kind),
			{.drill = (*a)[*n].drill,
			 .state_before = (enum fsrs_state)sqlite3_column_int(st, 4),
			 .elapsed_days = sqlite3_column_int(st, 5),
			 .scheduled_days = sqlite3_column_int(st, 6),
			 .stability = sqlite3_column_double(st, 7),
			 .difficulty = sqlite3_column_double(st, 8)}};
		(*n)++;
	}
	return rc;
}

/* Replays card id's whole history and writes the outcome. */
static int replay_card(struct store *s, struct hist_stmts *h, int64_t id,
		       store_replay_fn replay, void *ctx, struct swot_err *err)
{
	struct history_answer *a = NULL;
	struct logged *l = NULL;
	size_t n = 0;
	char *deck = NULL;
	struct fsrs_card card;
	int rc;

	if ((rc = deck_of(s, h, id, &deck, err)))
		return rc;
	sqlite3_reset(h->history);
	sqlite3_bind_int64(h->history, 1, id);
	if (!(rc = read_history(s, h, &a, &l, &n, err)) &&
	    !(rc = replay(ctx, deck, id, a, n, &card, err)) &&
	    !(rc = write_outcomes(s, h, a, l, n, err)) && card.reps > 0)
		rc = store_card_state_write(s, h->card_state, id, &card, err);
	free(a);
	free(l);
	free(deck);
	return rc;
}

/* Adds the rows, collecting the cards that gained answers in *touched. */
static int add_rows(struct store *s, struct hist_stmts *h,
		    const struct revlog_row *rows, size_t n, int64_t *touched,
		    size_t *n_touched, struct store_history_counts *c,
		    struct swot_err *err)
{
	int64_t *unknown = xmalloc((n ? n : 1) * sizeof *unknown);
	size_t *occ = occurrences(rows, n);
	int64_t last_known = 0, last_unknown = 0;
	int have_known = 0, have_unknown = 0, rc = SWOT_OK;
	*n_touched = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		const struct revlog_row *r = &rows[i];
		int known, added = 0;
		if (!revlog_is_answer(r)) {
			c->not_answers++;
			continue;
		}
		if (have_known && r->card_id == last_known) {
			known = 1;
		} else if (have_unknown && r->card_id == last_unknown) {
			known = 0;
		} else {
			char *deck;
			if ((rc = deck_of(s, h, r->card_id, &deck, err)))
				break;
			known = deck != NULL;
			free(deck);
			if (known) {
				last_known = r->card_id;
				have_known = 1;
			} else {
				last_unknown = r->card_id;
				have_unknown = 1;
			}
		}
		if (!known) {
			unknown[c->unknown++] = r->card_id;
			continue;
		}
		if ((rc = add_row(s, h, r, occ[i], &added, err)))
			break;
		if (added) {
			c->added++;
			touched[(*n_touched)++] = r->card_id;
		} else {
			c->present++;
		}
	}
	c->unknown_cards = uniq_ids(unknown, c->unknown);
	free(unknown);
	free(occ);
	return rc;
}

int store_import_history(struct store *s, const struct revlog_row *rows,
			 size_t n, store_replay_fn replay, void *ctx,
			 struct store_history_counts *counts,
			 struct swot_err *err)
{
	struct hist_stmts h = {0};
	int64_t *touched = xmalloc((n ? n : 1) * sizeof *touched);
	size_t n_touched = 0;
	int rc;

	memset(counts, 0, sizeof *counts);
	counts->rows = n;
	if ((rc = store_begin(s, err))) {
		free(touched);
		return rc;
	}
	if ((rc = hist_prepare(s, &h, err)) ||
	    (rc = add_rows(s, &h, rows, n, touched, &n_touched, counts, err)))
		goto out;
	n_touched = uniq_ids(touched, n_touched);
	for (size_t i = 0; i < n_touched && !rc; i++)
		rc = replay_card(s, &h, touched[i], replay, ctx, err);
	counts->cards = n_touched;
	if (!rc)
		rc = store_commit(s, err);
out:
	hist_finalize(&h);
	free(touched);
	if (rc)
		store_rollback(s);
	return rc;
}

/* The cards of deck (every deck when NULL) that have answers, in *ids
 * (the caller frees). */
static int cards_with_history(struct store *s, const char *deck, int64_t **ids,
			      size_t *n, struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc = store_prepare(s, "SELECT DISTINCT r.card_id FROM review r "
				  "JOIN card c ON c.id = r.card_id JOIN deck d ON "
				  "d.id = c.deck_id WHERE ?1 IS NULL OR d.slug = ?1 "
				  "ORDER BY r.card_id", &st, err);
	*ids = NULL;
	*n = 0;
	if (rc)
		return rc;
	store_bind_text(st, 1, deck);
	while ((rc = step_row(s, st, "cannot read the review log", err)) == 1) {
		ALLOC_GROW(*ids, *n + 1, alloc);
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return rc;
}

static int set_one(struct store *s, const char *scope, const char *key,
		   const char *value, struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(s, "INSERT INTO setting (scope, key, value) "
				  "VALUES (?1, ?2, ?3) ON CONFLICT (scope, key) "
				  "DO UPDATE SET value = excluded.value", &st, err);
	if (rc)
		return rc;
	store_bind_text(st, 1, scope);
	store_bind_text(st, 2, key);
	store_bind_text(st, 3, value);
	return store_step_done(s, st, "cannot save the setting", err);
}

int store_set_and_replay(struct store *s, const char *scope, const char *key,
			 const char *value, const char *deck,
			 store_replay_fn replay, void *ctx, size_t *n_cards,
			 struct swot_err *err)
{
	struct hist_stmts h = {0};
	int64_t *ids = NULL, cache;
	size_t n = 0;
	int rc;
	*n_cards = 0;
	if (deck && (rc = store_deck_check(s, deck, err)))
		return rc;
	if ((rc = store_begin(s, err)))
		return rc;
	store_cache_for_rewrite(s, &cache);
	if (!(rc = set_one(s, scope, key, value, err)) &&
	    !(rc = hist_prepare(s, &h, err)) &&
	    !(rc = cards_with_history(s, deck, &ids, &n, err)))
		for (size_t i = 0; i < n && !rc; i++)
			rc = replay_card(s, &h, ids[i], replay, ctx, err);
	hist_finalize(&h);
	free(ids);
	if (!rc)
		rc = store_commit(s, err);
	if (rc)
		store_rollback(s);
	else
		*n_cards = n;
	store_cache_restore(s, cache);
	return rc;
}

int store_card_id_by_key(struct store *s, const char *key, int64_t *id,
			 struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(s, "SELECT id FROM card WHERE key = ?1 ORDER BY id LIMIT 1",
			       &st, err);
	*id = 0;
	if (rc)
		return rc;
	store_bind_text(st, 1, key);
	rc = step_row(s, st, "cannot read a card", err);
	if (rc == 1)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc < 0 ? rc : SWOT_OK;
}
