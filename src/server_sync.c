/*
 * server_sync.c: a student's side of the server: answers, card states and
 * progress documents up (as the login's own rows: the server fills in
 * student = current_user and its policies refuse anything else), the
 * decks of the login's classes down.  Rows go up in batches, each batch
 * one statement over arrays (unnest), so a thousand answers are one round
 * trip, not a thousand.
 */
#include "server_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int64_t server_review_id(const char *deck, const char *card, int64_t time, int rating)
{
	char tail[48];
	uint64_t h = fnv1a(FNV1A_INIT, deck, strlen(deck) + 1);
	h = fnv1a(h, card, strlen(card) + 1);
	snprintf(tail, sizeof tail, "%lld/%d", (long long)time, rating);
	h = fnv1a(h, tail, strlen(tail));
	/* mixed, and positive: PostgreSQL's bigint is signed */
	return (int64_t)(splitmix64_mix(h) >> 1);
}

/* Array literals being built, one per column, for one statement. */
struct columns {
	struct strbuf col[12];
	int n;
	size_t rows;
};

static void columns_init(struct columns *c, int n)
{
	memset(c, 0, sizeof *c);
	c->n = n;
	for (int i = 0; i < n; i++)
		strbuf_init(&c->col[i]);
}

static void columns_release(struct columns *c)
{
	for (int i = 0; i < c->n; i++)
		strbuf_release(&c->col[i]);
}

/* Starts the next element of column i. */
static struct strbuf *next(struct columns *c, int i)
{
	strbuf_addc(&c->col[i], c->col[i].len ? ',' : '{');
	return &c->col[i];
}

static void add_int(struct columns *c, int i, int64_t v)
{
	strbuf_addf(next(c, i), "%lld", (long long)v);
}

static void add_real(struct columns *c, int i, double v)
{
	strbuf_addf(next(c, i), "%.17g", v);
}

static void add_text(struct columns *c, int i, const char *s)
{
	server_array_text(&c->col[i], s);
}

/* Runs sql with the columns as its parameters $1..$n; *affected gets the
 * rows it inserted or changed.  Empties the columns. */
static int flush(struct server *s, struct columns *c, const char *sql, const char *what,
		 size_t *affected, struct swot_err *err)
{
	const char *vals[12];
	int rc = SWOT_OK;
	if (c->rows) {
		for (int i = 0; i < c->n; i++) {
			strbuf_addc(&c->col[i], '}');
			vals[i] = c->col[i].buf;
		}
		PGresult *res = server_query(s, sql, c->n, vals, what, err);
		if (res) {
			*affected += (size_t)strtoull(PQcmdTuples(res), NULL, 10);
			PQclear(res);
		} else {
			rc = err ? err->code : SWOT_EDB;
		}
	}
	for (int i = 0; i < c->n; i++)
		strbuf_reset(&c->col[i]);
	c->rows = 0;
	return rc;
}

static const char reviews_sql[] =
	"INSERT INTO swot.reviews (id, deck, card, time, rating, kind, state_before, "
	"elapsed_days, scheduled_days, stability, difficulty, duration_ms) "
	"SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], "
	"$5::smallint[], $6::text[], $7::smallint[], $8::integer[], $9::integer[], "
	"$10::float8[], $11::float8[], $12::bigint[]) "
	"ON CONFLICT (student, id) DO NOTHING";

int server_put_reviews(struct server *s, const struct server_review *r, size_t n,
		       size_t *added, struct swot_err *err)
{
	struct columns c;
	int rc = SWOT_OK;
	columns_init(&c, 12);
	for (size_t i = 0; i < n && !rc; i++) {
		add_int(&c, 0, r[i].id);
		add_text(&c, 1, r[i].deck);
		add_text(&c, 2, r[i].card);
		add_int(&c, 3, r[i].time);
		add_int(&c, 4, r[i].rating);
		add_text(&c, 5, r[i].kind);
		add_int(&c, 6, r[i].state_before);
		add_int(&c, 7, r[i].elapsed_days);
		add_int(&c, 8, r[i].scheduled_days);
		add_real(&c, 9, r[i].stability);
		add_real(&c, 10, r[i].difficulty);
		add_int(&c, 11, r[i].duration_ms);
		if (++c.rows == SERVER_BATCH || i + 1 == n)
			rc = flush(s, &c, reviews_sql, "cannot upload reviews", added, err);
	}
	columns_release(&c);
	return rc;
}

static const char states_sql[] =
	"INSERT INTO swot.card_states AS o (deck, card, state, stability, difficulty, "
	"due, last_review, reps, lapses) "
	"SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[], $4::float8[], "
	"$5::float8[], $6::bigint[], $7::bigint[], $8::integer[], $9::integer[]) "
	"ON CONFLICT (student, deck, card) DO UPDATE SET state = excluded.state, "
	"stability = excluded.stability, difficulty = excluded.difficulty, "
	"due = excluded.due, last_review = excluded.last_review, reps = excluded.reps, "
	"lapses = excluded.lapses, updated_at = now() "
	"WHERE (o.state, o.stability, o.difficulty, o.due, o.last_review, o.reps, o.lapses) "
	"IS DISTINCT FROM (excluded.state, excluded.stability, excluded.difficulty, "
	"excluded.due, excluded.last_review, excluded.reps, excluded.lapses)";

int server_put_card_states(struct server *s, const struct server_card_state *c,
			   size_t n, size_t *changed, struct swot_err *err)
{
	struct columns col;
	int rc = SWOT_OK;
	columns_init(&col, 9);
	for (size_t i = 0; i < n && !rc; i++) {
		add_text(&col, 0, c[i].deck);
		add_text(&col, 1, c[i].card);
		add_int(&col, 2, c[i].state);
		add_real(&col, 3, c[i].stability);
		add_real(&col, 4, c[i].difficulty);
		add_int(&col, 5, c[i].due);
		add_int(&col, 6, c[i].last_review);
		add_int(&col, 7, c[i].reps);
		add_int(&col, 8, c[i].lapses);
		if (++col.rows == SERVER_BATCH || i + 1 == n)
			rc = flush(s, &col, states_sql, "cannot upload card states", changed,
				   err);
	}
	columns_release(&col);
	return rc;
}

int server_put_progress(struct server *s, const char *deck, const char *doc,
			const char *progress_id, struct swot_err *err)
{
	const char *vals[] = {deck, doc, progress_id};
	int rc = server_run(s,
			    "INSERT INTO swot.progress AS o (deck, doc) VALUES ($1, $2::json) "
			    "ON CONFLICT (student, deck) DO UPDATE SET doc = excluded.doc, "
			    "synced_at = now()",
			    2, vals, "cannot upload the progress", err);
	if (rc || !progress_id)
		return rc;
	return server_run(s, "UPDATE swot.students SET progress_id = $1 "
			  "WHERE login = current_user AND progress_id IS DISTINCT FROM $1",
			  1, vals + 2, "cannot record the student's id", err);
}

int server_student_name(struct server *s, char **name, struct swot_err *err)
{
	PGresult *res = server_query(s, "SELECT name FROM swot.students "
				     "WHERE login = current_user", 0, NULL,
				     "cannot read the student's name", err);
	if (!res)
		return err ? err->code : SWOT_EDB;
	int found = PQntuples(res) > 0;
	*name = found ? xstrdup(PQgetvalue(res, 0, 0)) : NULL;
	PQclear(res);
	if (!found)
		return swot_err_set(err, SWOT_ENOTFOUND,
				    "%s is not a student's login on %s (ask for one: swot "
				    "server add-student)", s->user, s->where);
	return SWOT_OK;
}

void server_decks_free(struct server_deck *d, size_t n)
{
	for (size_t i = 0; d && i < n; i++) {
		free(d[i].cls);
		free(d[i].deck);
		free(d[i].doc);
	}
	free(d);
}

int server_decks(struct server *s, struct server_deck **out, size_t *n,
		 struct swot_err *err)
{
	*out = NULL;
	*n = 0;
	PGresult *res = server_query(s, "SELECT class, deck, max(version) FROM swot.decks "
				     "GROUP BY class, deck ORDER BY class, deck", 0, NULL,
				     "cannot list the class's decks", err);
	if (!res)
		return err ? err->code : SWOT_EDB;
	size_t rows = (size_t)PQntuples(res);
	struct server_deck *d = xcalloc(rows ? rows : 1, sizeof *d);
	for (size_t i = 0; i < rows; i++) {
		d[i].cls = xstrdup(PQgetvalue(res, (int)i, 0));
		d[i].deck = xstrdup(PQgetvalue(res, (int)i, 1));
		d[i].version = atoi(PQgetvalue(res, (int)i, 2));
	}
	PQclear(res);
	*out = d;
	*n = rows;
	return SWOT_OK;
}

int server_deck_fetch(struct server *s, struct server_deck *d, struct swot_err *err)
{
	char version[16];
	snprintf(version, sizeof version, "%d", d->version);
	const char *vals[] = {d->cls, d->deck, version};
	PGresult *res = server_query(s, "SELECT doc::text FROM swot.decks WHERE class = $1 "
				     "AND deck = $2 AND version = $3::integer", 3, vals,
				     "cannot download a deck", err);
	if (!res)
		return err ? err->code : SWOT_EDB;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return swot_err_set(err, SWOT_ENOTFOUND, "deck %s of class %s is gone",
				    d->deck, d->cls);
	}
	free(d->doc);
	d->len = (size_t)PQgetlength(res, 0, 0);
	d->doc = xstrndup(PQgetvalue(res, 0, 0), d->len);
	PQclear(res);
	return SWOT_OK;
}
