/*
 * store_exam.c: the exam date of each deck (table exam).
 */
#include "store_int.h"

#include <stdlib.h>

/* The row id of deck into *id, or SWOT_ENOTFOUND naming the deck. */
static int deck_rowid(struct store *s, const char *deck, int64_t *id,
		      struct swot_err *err)
{
	sqlite3_stmt *st;
	int rc = store_prepare(s, "SELECT id FROM deck WHERE slug = ?1", &st, err);
	if (rc)
		return rc;
	store_bind_text(st, 1, deck);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (step == SQLITE_DONE)
		rc = store_deck_check(s, deck, err); /* names the decks there are */
	else
		rc = store_db_error(s, err, "cannot look up the deck");
	sqlite3_finalize(st);
	return rc;
}

/* Runs one statement with the deck's row id as ?1 and at as ?2 (when
 * it has one), in its
 * own transaction; *changes gets the rows it changed. */
static int exam_write(struct store *s, const char *sql, const char *deck,
		      int64_t at, int *changes, struct swot_err *err)
{
	int64_t id;
	sqlite3_stmt *st = NULL;
	int rc = store_begin(s, err);
	if (rc)
		return rc;
	if ((rc = deck_rowid(s, deck, &id, err)))
		goto out;
	if ((rc = store_prepare(s, sql, &st, err)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, at);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = store_db_error(s, err, "cannot write the exam date");
		goto out;
	}
	if (changes)
		*changes = sqlite3_changes(s->db);
out:
	return store_end(s, st, rc, err);
}

int store_exam_set(struct store *s, const char *deck, int64_t at,
		   struct swot_err *err)
{
	return exam_write(s,
			  "INSERT INTO exam (deck_id, at) VALUES (?1, ?2) "
			  "ON CONFLICT (deck_id) DO UPDATE SET at = excluded.at",
			  deck, at, NULL, err);
}

int store_exam_clear(struct store *s, const char *deck, int *cleared,
		     struct swot_err *err)
{
	int changes = 0;
	int rc = exam_write(s, "DELETE FROM exam WHERE deck_id = ?1",
			    deck, 0, &changes, err);
	if (!rc && cleared)
		*cleared = changes > 0;
	return rc;
}

int store_exam_get(struct store *s, const char *deck, int64_t *at, int *found,
		   struct swot_err *err)
{
	int64_t id;
	sqlite3_stmt *st;
	int rc = deck_rowid(s, deck, &id, err);
	if (rc)
		return rc;
	if ((rc = store_prepare(s, "SELECT at FROM exam WHERE deck_id = ?1", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	*found = step == SQLITE_ROW;
	if (*found)
		*at = sqlite3_column_int64(st, 0);
	return store_rows_end(s, st, step, rc, "cannot read the exam date", err);
}

int store_exam_list(struct store *s, struct store_exam **out, size_t *n,
		    struct swot_err *err)
{
	sqlite3_stmt *st;
	struct store_exam *v = NULL;
	size_t len = 0, alloc = 0;
	int rc = store_prepare(s,
			       "SELECT deck.slug, deck.title, exam.at FROM exam "
			       "JOIN deck ON deck.id = exam.deck_id "
			       "ORDER BY exam.at, deck.slug",
			       &st, err);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(v, len + 1, alloc);
		v[len].deck_id = store_column_dup(st, 0);
		v[len].title = store_column_dup(st, 1);
		v[len].at = sqlite3_column_int64(st, 2);
		len++;
	}
	if (step != SQLITE_DONE) {
		rc = store_db_error(s, err, "cannot list the exams");
		store_exams_free(v, len);
		v = NULL;
		len = 0;
	}
	sqlite3_finalize(st);
	*out = v;
	*n = len;
	return rc;
}

void store_exams_free(struct store_exam *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(e[i].deck_id);
		free(e[i].title);
	}
	free(e);
}
