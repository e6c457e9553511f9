/*
 * server_class.c: a teacher's side of the server: publishing a deck to a
 * class, and reading a class for its report, one query per part (the
 * students, their progress documents, their answers), each an index
 * range: a class of thirty is three round trips, not ninety.  What a
 * login may see is PostgreSQL's to decide (row-level security): these
 * queries ask for the classes named and find only the ones the login
 * may read.
 */
#include "server_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int server_publish(struct server *s, const char *cls, const char *deck,
		   const char *doc, int *version, struct swot_err *err)
{
	const char *vals[] = {cls, deck, doc};
	char what[300];
	snprintf(what, sizeof what, "cannot publish %s to class %s", deck, cls);
	/* the next version of what the login can see of this deck: a
	 * teacher sees all of their own class's, and no one else's class
	 * accepts the row (the policy teacher_publish) */
	PGresult *res = server_query(s,
		"INSERT INTO swot.decks (class, deck, version, doc) "
		"SELECT $1, $2, coalesce(max(version), 0) + 1, $3::json FROM swot.decks "
		"WHERE class = $1 AND deck = $2 RETURNING version",
		3, vals, what, err);
	if (!res && err && err->code == SWOT_EDB) {
		char *msg = xstrdup(err->msg);
		swot_err_set(err, SWOT_EDB, "%s (only the teacher of class %s, if there is "
			     "one, may publish to it)", msg, cls);
		free(msg);
	}
	if (!res)
		return err ? err->code : SWOT_EDB;
	*version = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	return SWOT_OK;
}

void server_members_free(struct server_member *m, size_t n)
{
	for (size_t i = 0; m && i < n; i++) {
		free(m[i].login);
		free(m[i].name);
	}
	free(m);
}

/* Logins as one bound array parameter (a new string). */
static char *text_array(const char *const *v, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++)
		server_array_text(&sb, v[i]);
	strbuf_adds(&sb, sb.len ? "}" : "{}");
	return strbuf_detach(&sb);
}

/* The first of cls[0..n) that no row of res (column 0) names, or NULL. */
static const char *missing_class(PGresult *res, const char *const *cls, size_t n)
{
	int rows = PQntuples(res);
	for (size_t k = 0; k < n; k++) {
		int r = 0;
		while (r < rows && strcmp(PQgetvalue(res, r, 0), cls[k]))
			r++;
		if (r == rows)
			return cls[k];
	}
	return NULL;
}

int server_class_members(struct server *s, const char *const *cls, size_t n,
			 struct server_member **out, size_t *n_out, struct swot_err *err)
{
	char *arr = n ? text_array(cls, n) : NULL;
	const char *vals[] = {arr};
	*out = NULL;
	*n_out = 0;
	/* an empty class is still a row, so a class seen is told from one not */
	PGresult *res = server_query(s,
		"SELECT c.name, s.login, s.name FROM swot.classes c "
		"LEFT JOIN swot.members m ON m.class = c.name "
		"LEFT JOIN swot.students s ON s.login = m.student "
		"WHERE $1::text[] IS NULL OR c.name = ANY($1::text[]) "
		"ORDER BY s.login, c.name",
		1, vals, "cannot read the class", err);
	free(arr);
	if (!res)
		return err ? err->code : SWOT_EDB;
	const char *gone = missing_class(res, cls, n);
	int rc = SWOT_OK;
	if (gone) {
		rc = swot_err_set(err, SWOT_ENOTFOUND,
				  "no class %s that %s may read on %s (a teacher sees only "
				  "the classes they teach)", gone, s->user, s->where);
	} else if (!PQntuples(res)) {
		rc = swot_err_set(err, SWOT_ENOTFOUND, "no class that %s may read on %s",
				  s->user, s->where);
	}
	int rows = rc ? 0 : PQntuples(res);
	struct server_member *m = xcalloc(rows ? (size_t)rows : 1, sizeof *m);
	size_t k = 0;
	for (int r = 0; r < rows; r++) {
		const char *login = PQgetvalue(res, r, 1);
		/* empty classes, and a student of two classes asked for */
		if (PQgetisnull(res, r, 1) || (k && !strcmp(m[k - 1].login, login)))
			continue;
		m[k].login = xstrdup(login);
		m[k++].name = xstrdup(PQgetvalue(res, r, 2));
	}
	PQclear(res);
	*out = m;
	*n_out = k;
	return rc;
}

/* sql run with $1 the logins as a text array and $2 deck (NULL: none). */
static PGresult *query_logins(struct server *s, const char *sql,
			      const char *const *logins, size_t n, const char *deck,
			      const char *what, struct swot_err *err)
{
	char *arr = text_array(logins, n);
	const char *vals[] = {arr, deck};
	PGresult *res = server_query(s, sql, 2, vals, what, err);
	free(arr);
	return res;
}

int server_class_progress(struct server *s, const char *const *logins, size_t n,
			  const char *deck,
			  int (*fn)(void *ctx, const char *login, const char *doc,
				    size_t len),
			  void *ctx, struct swot_err *err)
{
	PGresult *res = query_logins(s,
		"SELECT student, doc::text FROM swot.progress "
		"WHERE student = ANY($1::text[]) AND ($2::text IS NULL OR deck = $2) "
		"ORDER BY student, deck",
		logins, n, deck, "cannot read the students' progress", err);
	if (!res)
		return err ? err->code : SWOT_EDB;
	int rc = SWOT_OK;
	for (int r = 0; r < PQntuples(res) && !rc; r++)
		rc = fn(ctx, PQgetvalue(res, r, 0), PQgetvalue(res, r, 1),
			(size_t)PQgetlength(res, r, 1));
	PQclear(res);
	return rc;
}

/* Reads n answers "time rating kind stability ..." into a; -1 when the
 * text is not that. */
static int parse_answers(const char *text, size_t n, struct server_answer *a)
{
	char *end;
	for (size_t i = 0; i < n; i++) {
		a[i].time = strtoll(text, &end, 10);
		a[i].rating = (int)strtol(end, &end, 10);
		a[i].kind = (int)strtol(end, &end, 10);
		a[i].stability = strtod(end, &end);
		if (end == text || a[i].rating < 1 || a[i].rating > 4 || a[i].kind < 1 ||
		    a[i].kind > 4)
			return -1;
		text = end;
	}
	return 0;
}

int server_class_reviews(struct server *s, const char *const *logins, size_t n,
			 const char *deck,
			 int (*fn)(void *ctx, const char *login, const char *card,
				   const struct server_answer *a, size_t n),
			 void *ctx, struct swot_err *err)
{
	/* a row per card, not per answer: a tenth of the rows to send and
	 * read, each card's log in one string the server orders.  Student by
	 * student (LATERAL): each one range of reviews_report, already in
	 * card order, rather than one sort of the whole class's answers */
	PGresult *res = query_logins(s,
		"SELECT s.login, r.card, r.n, r.log FROM unnest($1::text[]) AS s (login) "
		"CROSS JOIN LATERAL (SELECT card, count(*) AS n, string_agg(concat_ws(' ', "
		"time, rating, CASE kind WHEN 'learn' THEN 1 WHEN 'review' THEN 2 "
		"WHEN 'relearn' THEN 3 ELSE 4 END, stability), ' ' ORDER BY time) AS log "
		"FROM swot.reviews WHERE student = s.login AND deck = $2 GROUP BY card) r",
		logins, n, deck, "cannot read the students' answers", err);
	if (!res)
		return err ? err->code : SWOT_EDB;
	struct server_answer *a = NULL;
	size_t alloc = 0;
	int rc = SWOT_OK;
	for (int r = 0; r < PQntuples(res) && !rc; r++) {
		size_t k = (size_t)strtoull(PQgetvalue(res, r, 2), NULL, 10);
		ALLOC_GROW(a, k, alloc);
		if (parse_answers(PQgetvalue(res, r, 3), k, a))
			rc = swot_err_set(err, SWOT_EDB, "the server's answers to %s are "
					  "not numbers", PQgetvalue(res, r, 1));
		else
			rc = fn(ctx, PQgetvalue(res, r, 0), PQgetvalue(res, r, 1), a, k);
	}
	free(a);
	PQclear(res);
	return rc;
}
