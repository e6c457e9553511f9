/*
 * store_stats.c: the queries behind swot stats, readiness and report:
 * the review log, a deck's themes and its title.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

static enum store_log_kind log_kind(const char *k)
{
	if (!k || !strcmp(k, "review"))
		return STORE_LOG_REVIEW;
	if (!strcmp(k, "learn"))
		return STORE_LOG_LEARN;
	if (!strcmp(k, "relearn"))
		return STORE_LOG_RELEARN;
	return STORE_LOG_DRILL;
}

int store_review_log(struct store *s, const char *deck, int64_t since,
		     struct store_log_row **out, size_t *n, struct swot_err *err)
{
	sqlite3_stmt *st;
	struct store_log_row *v = NULL;
	size_t len = 0, alloc = 0;
	int rc, step;

	*out = NULL;
	*n = 0;
	if (deck && (rc = store_deck_check(s, deck, err)))
		return rc;
	rc = store_prepare(s,
			   "SELECT r.card_id, r.time, r.rating, r.kind, r.state_before, "
			   "r.duration_ms FROM review r "
			   "JOIN card c ON c.id = r.card_id "
			   "JOIN deck d ON d.id = c.deck_id "
			   "WHERE r.time >= ?1 AND (?2 IS NULL OR d.slug = ?2) "
			   "ORDER BY r.time, r.id",
			   &st, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, since);
	store_bind_text(st, 2, deck);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(v, len + 1, alloc);
		struct store_log_row *r = &v[len++];
		r->card_id = sqlite3_column_int64(st, 0);
		r->time = sqlite3_column_int64(st, 1);
		r->rating = sqlite3_column_int(st, 2);
		r->kind = log_kind((const char *)sqlite3_column_text(st, 3));
		r->state_before = sqlite3_column_int(st, 4);
		r->duration_ms = sqlite3_column_int64(st, 5);
	}
	if (step != SQLITE_DONE) {
		rc = store_db_error(s, err, "cannot read the review log");
		free(v);
		v = NULL;
		len = 0;
	}
	sqlite3_finalize(st);
	*out = v;
	*n = len;
	return rc;
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
	if (step != SQLITE_DONE)
		rc = store_db_error(s, err, "cannot read the deck's themes");
	sqlite3_finalize(st);
	return rc;
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
