/*
 * store_stats.c: the queries behind swot stats, readiness and report:
 * the review log, a deck's themes and its title, and the deck summaries.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

static const char *const log_kind_names[] = {
	[STORE_LOG_LEARN] = "learn",
	[STORE_LOG_REVIEW] = "review",
	[STORE_LOG_RELEARN] = "relearn",
	[STORE_LOG_DRILL] = "drill",
};

const char *store_log_kind_name(enum store_log_kind k)
{
	return (unsigned)k <= STORE_LOG_DRILL ? log_kind_names[k] : "review";
}

enum store_log_kind store_log_kind_of(const char *k)
{
	/* the commonest first: the walks read this for every answer */
	if (!k || !strcmp(k, log_kind_names[STORE_LOG_REVIEW]))
		return STORE_LOG_REVIEW;
	if (!strcmp(k, log_kind_names[STORE_LOG_LEARN]))
		return STORE_LOG_LEARN;
	if (!strcmp(k, log_kind_names[STORE_LOG_RELEARN]))
		return STORE_LOG_RELEARN;
	return STORE_LOG_DRILL;
}

enum store_log_kind store_log_kind_for(int drill, enum fsrs_state before)
{
	if (drill)
		return STORE_LOG_DRILL;
	if (before == FSRS_REVIEW)
		return STORE_LOG_REVIEW;
	return before == FSRS_RELEARNING ? STORE_LOG_RELEARN : STORE_LOG_LEARN;
}

int store_review_walk(struct store *s, const char *deck, int64_t since,
		      store_log_fn fn, void *ctx, struct swot_err *err)
{
	sqlite3_stmt *st;
	int rc, step;

	if (deck && (rc = store_deck_check(s, deck, err)))
		return rc;
	rc = store_prepare(s,
			   !deck ? STORE_SQL_REVIEW_WALK
			   : since == INT64_MIN ? STORE_SQL_REVIEW_WALK_DECK
						: STORE_SQL_REVIEW_RECENT_DECK,
			   &st, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, since);
	if (deck)
		store_bind_text(st, 2, deck);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_log_row r = {
			.card_id = sqlite3_column_int64(st, 0),
			.time = sqlite3_column_int64(st, 1),
			.rating = sqlite3_column_int(st, 2),
			.kind = store_log_kind_of((const char *)sqlite3_column_text(st, 3)),
			.state_before = sqlite3_column_int(st, 4),
			.duration_ms = sqlite3_column_int64(st, 5),
		};
		if (fn(ctx, &r))
			break;
	}
	return store_rows_end(s, st, step, rc, "cannot read the review log", err);
}

int store_deck_themes(struct store *s, const char *deck, struct strlist *ids,
		      struct strlist *names, struct swot_err *err)
{
	sqlite3_stmt *st;
	int rc, step;
	if ((rc = store_deck_check(s, deck, err)))
		return rc;
	rc = store_prepare(s,
			   "SELECT n.key, n.name FROM note n JOIN deck d ON d.id = n.deck_id "
			   "WHERE d.slug = ?1 AND n.kind = 'theme' AND n.retired = 0 "
			   "ORDER BY n.id",
			   &st, err);
	if (rc)
		return rc;
	store_bind_text(st, 1, deck);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		strlist_push(ids, key ? key : "");
		strlist_push(names, name ? name : (key ? key : ""));
	}
	return store_rows_end(s, st, step, rc, "cannot read the deck's themes", err);
}

int store_deck_title(struct store *s, const char *deck, char **title,
		     struct swot_err *err)
{
	sqlite3_stmt *st;
	int rc = store_prepare(s, "SELECT title FROM deck WHERE slug = ?1", &st, err);
	if (rc)
		return rc;
	store_bind_text(st, 1, deck);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*title = store_column_dup(st, 0);
	else if (step != SQLITE_DONE)
		rc = store_db_error(s, err, "cannot read the deck");
	sqlite3_finalize(st);
	if (step == SQLITE_DONE)
		rc = store_deck_check(s, deck, err);
	return rc;
}

/* ---- the deck summaries of swot decks ---- */

static void deck_info_release(struct store_deck_info *d)
{
	free(d->id);
	free(d->title);
	free(d->version);
	free(d->source);
}

/* Adds count cards of d in (retired, state), suspended of them set
 * aside, to d's counts. */
static void count_cards(struct store_deck_info *d, int retired, int state,
			size_t count, size_t suspended)
{
	if (retired) {
		d->n_retired += count;
		return;
	}
	d->total += count;
	d->n_suspended += suspended;
	size_t asked = count - suspended;
	switch (state) {
	case FSRS_NEW: d->n_new += asked; break;
	case FSRS_LEARNING: d->n_learning += asked; break;
	case FSRS_REVIEW: d->n_review += asked; break;
	case FSRS_RELEARNING: d->n_relearning += asked; break;
	}
}

/* The cards of each deck counted by (retired, state) in one pass over
 * card_memory, a handful of rows, added to v's decks (rows[i] the row id
 * of v[i]). */
static int deck_counts(struct store *s, struct store_deck_info *v, const int64_t *rows,
		       size_t n, struct swot_err *err)
{
	sqlite3_stmt *st;
	int step, rc = store_prepare(s, STORE_SQL_DECK_COUNTS, &st, err);
	if (rc)
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t deck = sqlite3_column_int64(st, 0);
		for (size_t i = 0; i < n; i++)
			if (rows[i] == deck)
				count_cards(&v[i], sqlite3_column_int(st, 1) != 0,
					    sqlite3_column_int(st, 2),
					    (size_t)sqlite3_column_int64(st, 3),
					    (size_t)sqlite3_column_int64(st, 4));
	}
	return store_rows_end(s, st, step, 0, "cannot count the decks' cards", err);
}

/* The decks' own rows, by slug, into *v and their row ids into *rows. */
static int deck_rows(struct store *s, struct store_deck_info **v, int64_t **rows,
		     size_t *n, struct swot_err *err)
{
	sqlite3_stmt *st;
	size_t alloc = 0, ralloc = 0;
	int step, rc = store_prepare(
		s,
		"SELECT d.id, d.slug, d.title, d.version, d.source, "
		" coalesce((SELECT max(l.time) FROM import_log l WHERE l.deck_id = d.id),"
		"  d.imported_at) FROM deck d ORDER BY d.slug",
		&st, err);
	if (rc)
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(*v, *n + 1, alloc);
		ALLOC_GROW(*rows, *n + 1, ralloc);
		struct store_deck_info *d = &(*v)[*n];
		memset(d, 0, sizeof *d);
		(*rows)[*n] = sqlite3_column_int64(st, 0);
		d->id = store_column_dup(st, 1);
		d->title = store_column_dup(st, 2);
		d->version = store_column_dup(st, 3);
		d->source = store_column_dup(st, 4);
		d->updated_at = sqlite3_column_int64(st, 5);
		++*n;
	}
	return store_rows_end(s, st, step, 0, "cannot list the decks", err);
}

int store_list_decks(struct store *s, struct store_deck_info **out, size_t *n,
		     struct swot_err *err)
{
	struct store_deck_info *v = NULL;
	int64_t *rows = NULL;
	size_t len = 0, k = 0;

	*out = NULL;
	*n = 0;
	int rc = deck_rows(s, &v, &rows, &len, err);
	if (!rc)
		rc = deck_counts(s, v, rows, len, err);
	free(rows);
	if (rc) {
		store_deck_info_free(v, len);
		return rc;
	}
	for (size_t i = 0; i < len; i++) { /* a removed deck has no live card */
		if (v[i].total)
			v[k++] = v[i];
		else
			deck_info_release(&v[i]);
	}
	*out = v;
	*n = k;
	return SWOT_OK;
}

void store_deck_info_free(struct store_deck_info *d, size_t n)
{
	if (!d)
		return;
	for (size_t i = 0; i < n; i++)
		deck_info_release(&d[i]);
	free(d);
}

int store_deck_remove(struct store *s, const char *deck, size_t *n,
		      struct swot_err *err)
{
	static const char *const sql[] = {
		"UPDATE card SET retired = 1 WHERE retired = 0 AND deck_id = "
		"(SELECT id FROM deck WHERE slug = ?1)",
		"UPDATE note SET retired = 1 WHERE retired = 0 AND deck_id = "
		"(SELECT id FROM deck WHERE slug = ?1)",
	};
	int64_t cache;
	int rc;
	*n = 0;
	if ((rc = store_deck_check(s, deck, err)) || (rc = store_begin(s, err)))
		return rc;
	/* every card row of the deck changes, and four indexes with it */
	store_cache_for_rewrite(s, &cache);
	for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
		sqlite3_stmt *st;
		if ((rc = store_prepare(s, sql[i], &st, err)))
			goto fail;
		store_bind_text(st, 1, deck);
		int step = sqlite3_step(st);
		sqlite3_finalize(st);
		if (step != SQLITE_DONE) {
			rc = store_db_error(s, err, "cannot remove the deck");
			goto fail;
		}
		if (i == 0)
			*n = (size_t)sqlite3_changes(s->db);
	}
	rc = store_commit(s, err);
	store_cache_restore(s, cache);
	return rc;
fail:
	store_rollback(s);
	store_cache_restore(s, cache);
	return rc;
}
