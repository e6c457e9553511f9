/*
 * store_card.c: reading cards back out of the store, content and schedule
 * together, for the session, the queue and the reports.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>


/* A card's text as it may be printed: a database written before lint
 * refused control characters may hold some, and they must never reach
 * the terminal as escape sequences. */
static char *column_visible(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t ? visible_dup(t, 1) : NULL;
}

static char *column_str(sqlite3_stmt *st, int i)
{
	char *s = column_visible(st, i);
	return s ? s : xstrdup("");
}

static void column_list(sqlite3_stmt *st, int i, struct strlist *l)
{
	strlist_init(l);
	strlist_split(l, (const char *)sqlite3_column_text(st, i), STORE_LIST_SEP);
	for (size_t k = 0; k < l->n; k++) {
		char *v = visible_dup(l->items[k], 1);
		free(l->items[k]);
		l->items[k] = v;
	}
}

/* Reads the row st stands on (selected with STORE_SQL_CARD_COLUMNS) into c. */
void store_column_fsrs(sqlite3_stmt *st, int col, struct fsrs_card *f)
{
	int state = sqlite3_column_int(st, col);
	*f = (struct fsrs_card){
		.state = state >= FSRS_NEW && state <= FSRS_RELEARNING
				 ? (enum fsrs_state)state
				 : FSRS_NEW,
		.step = sqlite3_column_int(st, col + 1),
		.stability = sqlite3_column_double(st, col + 2),
		.difficulty = sqlite3_column_double(st, col + 3),
		.due = sqlite3_column_int64(st, col + 4),
		.last_review = sqlite3_column_int64(st, col + 5),
		.scheduled_days = sqlite3_column_int(st, col + 6),
		.reps = sqlite3_column_int(st, col + 7),
		.lapses = sqlite3_column_int(st, col + 8),
	};
}

static int read_card(struct store *s, sqlite3_stmt *st, struct store_card *c,
		     struct swot_err *err)
{
	memset(c, 0, sizeof *c);
	const char *kind = (const char *)sqlite3_column_text(st, 5);
	const char *type = (const char *)sqlite3_column_text(st, 6);
	int k = deck_note_kind_from_name(kind);
	int t = deck_card_type_from_name(type);
	if (k < 0 || t < 0)
		return swot_err_set(err, SWOT_EDB,
				    "card %lld has an unknown kind or type (%s, %s) in %s",
				    (long long)sqlite3_column_int64(st, 0),
				    kind ? kind : "null", type ? type : "null", s->path);

	c->id = sqlite3_column_int64(st, 0);
	c->deck_id = column_str(st, 1);
	c->c.id = column_str(st, 2);
	c->c.note_id = column_str(st, 3);
	c->c.variant = column_str(st, 4);
	c->c.kind = (enum deck_note_kind)k;
	c->c.type = (enum deck_card_type)t;
	c->c.prompt = column_str(st, 7);
	c->c.explain = column_visible(st, 8);
	column_list(st, 9, &c->c.answers);
	column_list(st, 10, &c->c.accept);
	column_list(st, 11, &c->c.options);
	c->c.correct = sqlite3_column_int(st, 12);
	column_list(st, 13, &c->c.tags);
	column_list(st, 14, &c->c.themes);
	c->c.hash = (uint64_t)sqlite3_column_int64(st, 15);

	store_column_fsrs(st, 16, &c->f);
	c->buried_until = sqlite3_column_int64(st, 25);
	c->retired = sqlite3_column_int(st, 26);
	c->position = sqlite3_column_int(st, 27);
	c->suspended = sqlite3_column_int(st, 28);
	return SWOT_OK;
}

void store_card_release(struct store_card *c)
{
	if (!c)
		return;
	free(c->deck_id);
	free(c->c.id);
	free(c->c.note_id);
	free(c->c.variant);
	free(c->c.prompt);
	free(c->c.explain);
	strlist_release(&c->c.answers);
	strlist_release(&c->c.accept);
	strlist_release(&c->c.options);
	strlist_release(&c->c.tags);
	strlist_release(&c->c.themes);
	memset(c, 0, sizeof *c);
}

void store_cards_free(struct store_card *cards, size_t n)
{
	if (!cards)
		return;
	for (size_t i = 0; i < n; i++)
		store_card_release(&cards[i]);
	free(cards);
}

int store_deck_check(struct store *s, const char *deck, struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(s, "SELECT 1 FROM deck WHERE slug = ?1", &st, err);
	if (rc)
		return rc;
	store_bind_text(st, 1, deck);
	int step = sqlite3_step(st);
	sqlite3_finalize(st);
	if (step == SQLITE_ROW)
		return SWOT_OK;
	if (step != SQLITE_DONE)
		return store_db_error(s, err, "cannot look up a deck");

	/* Name the decks there are, so a typo is easy to fix. */
	struct strbuf names = STRBUF_INIT;
	if ((rc = store_prepare(s, "SELECT slug FROM deck ORDER BY slug", &st, err)))
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (names.len)
			strbuf_adds(&names, ", ");
		strbuf_adds(&names, (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		strbuf_release(&names);
		return store_db_error(s, err, "cannot list the decks");
	}
	if (names.len)
		rc = swot_err_set(err, SWOT_ENOTFOUND,
				  "no deck \"%s\" (the decks are: %s)", deck,
				  strbuf_str(&names));
	else
		rc = swot_err_set(err, SWOT_ENOTFOUND,
				  "no deck \"%s\": no deck has been imported yet "
				  "(see 'swot import')",
				  deck);
	strbuf_release(&names);
	return rc;
}

/* One card's answers, gathered from the log walk that runs beside the
 * card walk: log is the statement, pending whether it stands on a row
 * not yet taken (the first answer of a later card). */
struct log_merge {
	sqlite3_stmt *st;
	int step, pending;
	struct store_memory_row *rows;
	size_t n, alloc;
};

/* Takes the answers to card id into m->rows; returns whether the log
 * stopped on an error. */
static int log_take(struct log_merge *m, int64_t id)
{
	m->n = 0;
	while (m->step == SQLITE_ROW) {
		if (!m->pending) {
			m->step = sqlite3_step(m->st);
			m->pending = m->step == SQLITE_ROW;
			continue;
		}
		if (sqlite3_column_int64(m->st, 0) != id)
			break;
		ALLOC_GROW(m->rows, m->n + 1, m->alloc);
		m->rows[m->n++] = (struct store_memory_row){
			.card_id = id,
			.time = sqlite3_column_int64(m->st, 1),
			.rating = sqlite3_column_int(m->st, 2),
			.kind = store_log_kind_of((const char *)sqlite3_column_text(m->st, 3)),
			.stability = sqlite3_column_double(m->st, 4),
		};
		m->pending = 0;
	}
	return m->step != SQLITE_ROW && m->step != SQLITE_DONE;
}

int store_cards_walk(struct store *s, const char *deck, store_card_fn fn, void *ctx,
		     struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	struct store_card c = {0};
	int rc, step;

	if (deck && (rc = store_deck_check(s, deck, err)))
		return rc;
	if ((rc = store_prepare(s, STORE_SQL_CARDS_WALK, &st, err)))
		return rc;
	store_bind_text(st, 1, deck);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = read_card(s, st, &c, err)))
			break;
		rc = fn(ctx, &c);
		store_card_release(&c);
		if (rc)
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_db_error(s, err, "cannot read cards");
	store_card_release(&c);
	sqlite3_finalize(st);
	return rc;
}

struct collect {
	struct store_card *cards;
	size_t n, alloc;
};

static int collect_card(void *ctx, struct store_card *c)
{
	struct collect *x = ctx;
	ALLOC_GROW(x->cards, x->n + 1, x->alloc);
	x->cards[x->n++] = *c; /* what c owns moves to the array */
	memset(c, 0, sizeof *c);
	return 0;
}

int store_cards_load(struct store *s, const char *deck,
		     struct store_card **out, size_t *n, struct swot_err *err)
{
	struct collect x = {0};
	int rc = store_cards_walk(s, deck, collect_card, &x, err);
	if (rc) {
		store_cards_free(x.cards, x.n);
		x.cards = NULL;
		x.n = 0;
	}
	*out = x.cards;
	*n = x.n;
	return rc;
}

/* What store_cards_walk_brief reuses from row to row, so that a walk of
 * any length makes no allocation per card. */
struct brief_scratch {
	struct strbuf raw, key, note, tags, themes;
	struct strlist tag_list, theme_list; /* items point into tags, themes */
	size_t *offsets;
	size_t alloc;
};

/* Splits column i (items joined by STORE_LIST_SEP) into l as
 * column_list does, each item written visibly into buf; l's items point
 * into buf, and both are overwritten by the next row. */
static void column_list_view(sqlite3_stmt *st, int i, struct brief_scratch *b,
			     struct strbuf *buf, struct strlist *l)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	size_t n = 0;
	strbuf_reset(&b->raw);
	strbuf_reset(buf);
	if (t && *t) {
		strbuf_adds(&b->raw, t);
		for (char *p = b->raw.buf, *e;; p = e + 1) {
			ALLOC_GROW(b->offsets, n + 1, b->alloc);
			b->offsets[n++] = buf->len;
			if ((e = strchr(p, STORE_LIST_SEP)))
				*e = '\0';
			strbuf_add_visible(buf, p, 1);
			strbuf_add(buf, "", 1); /* the item's NUL, inside buf */
			if (!e)
				break;
		}
	}
	ALLOC_GROW(l->items, n ? n : 1, l->alloc);
	for (size_t k = 0; k < n; k++)
		l->items[k] = buf->buf + b->offsets[k];
	l->n = n;
}

/* Reads the row st stands on (selected with STORE_SQL_CARDS_BRIEF) into
 * c, its strings in b. */
static int read_brief(struct store *s, sqlite3_stmt *st, struct brief_scratch *b,
		      struct store_card_brief *c, struct swot_err *err)
{
	const char *kind = (const char *)sqlite3_column_text(st, 2);
	const char *type = (const char *)sqlite3_column_text(st, 17);
	int k = deck_note_kind_from_name(kind), t = deck_card_type_from_name(type);
	if (k < 0 || t < 0)
		return swot_err_set(err, SWOT_EDB,
				    "card %lld has an unknown kind or type (%s, %s) in %s",
				    (long long)sqlite3_column_int64(st, 0),
				    kind ? kind : "null", type ? type : "null", s->path);
	const char *key = (const char *)sqlite3_column_text(st, 1);
	const char *note = (const char *)sqlite3_column_text(st, 16);
	strbuf_reset(&b->key);
	strbuf_add_visible(&b->key, key ? key : "", 1);
	strbuf_reset(&b->note);
	strbuf_add_visible(&b->note, note ? note : "", 1);
	column_list_view(st, 3, b, &b->tags, &b->tag_list);
	column_list_view(st, 4, b, &b->themes, &b->theme_list);
	*c = (struct store_card_brief){
		.id = sqlite3_column_int64(st, 0),
		.key = strbuf_str(&b->key),
		.note = strbuf_str(&b->note),
		.kind = (enum deck_note_kind)k,
		.type = (enum deck_card_type)t,
		.tags = &b->tag_list,
		.themes = &b->theme_list,
		.position = sqlite3_column_int(st, 14),
		.hash = (uint64_t)sqlite3_column_int64(st, 15),
	};
	store_column_fsrs(st, 5, &c->f);
	return SWOT_OK;
}

static void brief_scratch_release(struct brief_scratch *b)
{
	strbuf_release(&b->raw);
	strbuf_release(&b->key);
	strbuf_release(&b->note);
	strbuf_release(&b->tags);
	strbuf_release(&b->themes);
	free(b->tag_list.items); /* the items are views into tags and themes */
	free(b->theme_list.items);
	free(b->offsets);
}

/* store_cards_walk_brief, and with with_log each card's answers read
 * beside the cards (STORE_SQL_CARDS_LOG, in the same order). */
static int walk_brief(struct store *s, const char *deck, int with_log, store_brief_fn fn,
		      void *ctx, struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	struct brief_scratch b = {0};
	struct log_merge m = {.step = SQLITE_ROW};
	struct store_card_brief c;
	int rc, step = SQLITE_DONE;

	if ((rc = store_deck_check(s, deck, err)) ||
	    (rc = store_prepare(s, STORE_SQL_CARDS_BRIEF, &st, err)))
		return rc;
	store_bind_text(st, 1, deck);
	if (with_log && (rc = store_prepare(s, STORE_SQL_CARDS_LOG, &m.st, err)))
		goto out;
	if (m.st)
		store_bind_text(m.st, 1, deck);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = read_brief(s, st, &b, &c, err)))
			break;
		if (m.st && log_take(&m, c.id)) {
			rc = store_db_error(s, err, "cannot read the review log");
			break;
		}
		c.log = m.rows;
		c.n_log = m.n;
		if ((rc = fn(ctx, &c)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_db_error(s, err, "cannot read cards");
out:
	sqlite3_finalize(m.st);
	sqlite3_finalize(st);
	free(m.rows);
	brief_scratch_release(&b);
	return rc;
}

int store_cards_walk_brief(struct store *s, const char *deck, store_brief_fn fn,
			   void *ctx, struct swot_err *err)
{
	return walk_brief(s, deck, 0, fn, ctx, err);
}

int store_cards_walk_log(struct store *s, const char *deck, store_brief_fn fn, void *ctx,
			 struct swot_err *err)
{
	return walk_brief(s, deck, 1, fn, ctx, err);
}

int store_card_get(struct store *s, int64_t id, struct store_card *out,
		   struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(s, STORE_SQL_CARD_COLUMNS "FROM card c JOIN deck d ON d.id = c.deck_id "
				  "JOIN note n ON n.id = c.note_id WHERE c.id = ?1", &st, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		rc = read_card(s, st, out, err);
	else if (step == SQLITE_DONE)
		rc = swot_err_set(err, SWOT_ENOTFOUND, "no card with id %lld",
				  (long long)id);
	else
		rc = store_db_error(s, err, "cannot read a card");
	sqlite3_finalize(st);
	return rc;
}
