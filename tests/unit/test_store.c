/*
 * test_store.c: the store: migrations (fresh and upgrade), importing decks
 * (new, updated, unchanged, retired, revived, history kept), deck summaries
 * and reading cards back.
 *
 * Decks are built in memory here, so the store is tested apart from the
 * deck loader.  Rows are checked (and some written) with plain SQL through
 * the store's own handle: this test sees store_int.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_int.h"
#include "swot/embedded.h"
#include "testhelp.h"

static char tmpdir[] = "/tmp/swot-test-store-XXXXXX";

static char *db_path(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static void sql(struct store *s, const char *text)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, text, NULL, NULL, &msg) != SQLITE_OK) {
		printf("not ok - sql: %s (%s)\n", msg, text);
		test_failed++;
		sqlite3_free(msg);
	}
}

static void test_cards(void)
{
	char *path = db_path("cards.db");
	struct store *s = NULL;
	struct swot_err err = {0};
	CHECK("cards: open a fresh store", store_open(path, &s, &err) == 0);
	if (!s)
		goto out;
	sql(s, "INSERT INTO deck (id, slug, title, imported_at) VALUES "
	       "(1, 'nlmg', 'Never Let Me Go', 1), (2, 'abc', 'ABC', 1);"
	       "INSERT INTO note (id, deck_id, kind, key, name) VALUES "
	       "(1, 1, 'quote', 'weeping', NULL), (2, 1, 'card', 'nobel', NULL),"
	       "(3, 2, 'character', 'kathy', 'Kathy H.');"
	       "INSERT INTO card (id, deck_id, note_id, key, variant, type, prompt,"
	       " answers, accept, options, correct, explain, tags, themes, hash,"
	       " position, retired, state, step, stability, difficulty, due,"
	       " last_review, scheduled_days, reps, lapses, buried_until) VALUES "
	       "(10, 1, 1, 'weeping/cloze', 'cloze', 'cloze', 'for an {{a}} and {{b}}',"
	       " 'a' || char(31) || 'b', '', '', 0, 'she weeps', '',"
	       " 'memory' || char(31) || 'humanity', -5, 2, 0, 2, 0, 12.5, 4.25,"
	       " 1000, 900, 3, 4, 1, 7),"
	       "(11, 1, 2, 'nobel/card', 'card', 'choice', 'When?', '', '',"
	       " '2005' || char(31) || '2017' || char(31) || '2020', 1, NULL,"
	       " 'context', '', 42, 1, 0, 0, 0, 0, 0, 50, 0, 0, 0, 0, 0),"
	       "(12, 1, 2, 'old/card', 'card', 'basic', 'gone', 'x', '', '', 0,"
	       " NULL, '', '', 1, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),"
	       "(13, 2, 3, 'kathy/who', 'who', 'who', 'Who narrates?', 'Kathy H.',"
	       " 'Kathy' || char(31) || 'Kath', '', 0, NULL, '', '', 7, 0, 0,"
	       " 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);");

	struct store_card *cards = NULL;
	size_t n = 0;
	int rc = store_cards_load(s, "nlmg", &cards, &n, &err);
	CHECK("cards: load one deck", rc == 0);
	CHECK("cards: the retired card is left out", n == 2);
	if (n == 2) {
		CHECK("cards: in position order", cards[0].id == 11 && cards[1].id == 10);
		struct store_card *q = &cards[1];
		CHECK_STR("cards: deck slug", q->deck_id, "nlmg");
		CHECK_STR("cards: stable id", q->c.id, "weeping/cloze");
		CHECK_STR("cards: note id", q->c.note_id, "weeping");
		CHECK_STR("cards: variant", q->c.variant, "cloze");
		CHECK("cards: kind and type", q->c.kind == NOTE_QUOTE &&
						      q->c.type == CARD_CLOZE);
		CHECK_STR("cards: explain", q->c.explain, "she weeps");
		CHECK("cards: answers split at U+001F", q->c.answers.n == 2 &&
			      !strcmp(q->c.answers.items[1], "b"));
		CHECK("cards: empty list is empty", q->c.accept.n == 0 &&
							   q->c.tags.n == 0);
		CHECK("cards: themes", q->c.themes.n == 2 &&
					       !strcmp(q->c.themes.items[0], "memory"));
		CHECK("cards: hash keeps all 64 bits", q->c.hash == (uint64_t)-5);
		CHECK("cards: fsrs state", q->f.state == FSRS_REVIEW &&
						   q->f.stability == 12.5 &&
						   q->f.difficulty == 4.25 &&
						   q->f.due == 1000 &&
						   q->f.last_review == 900 &&
						   q->f.scheduled_days == 3 &&
						   q->f.reps == 4 && q->f.lapses == 1);
		CHECK("cards: buried, position", q->buried_until == 7 &&
							 q->position == 2 && !q->retired);
		struct store_card *c = &cards[0];
		CHECK("cards: choice options and correct",
		      c->c.type == CARD_CHOICE && c->c.options.n == 3 &&
			      c->c.correct == 1 && !strcmp(c->c.options.items[1], "2017"));
		CHECK("cards: null explain stays NULL", c->c.explain == NULL);
		CHECK("cards: tags", c->c.tags.n == 1 && !strcmp(c->c.tags.items[0], "context"));
	}
	store_cards_free(cards, n);

	rc = store_cards_load(s, NULL, &cards, &n, &err);
	CHECK("cards: load every deck", rc == 0 && n == 3);
	if (n == 3)
		CHECK("cards: deck then position order",
		      !strcmp(cards[0].deck_id, "abc") && cards[1].id == 11 &&
			      cards[2].id == 10);
	store_cards_free(cards, n);

	rc = store_cards_load(s, "nlgm", &cards, &n, &err);
	CHECK("cards: unknown deck is ENOTFOUND", rc == SWOT_ENOTFOUND && n == 0 &&
							  cards == NULL);
	CHECK("cards: message names the decks there are",
	      strstr(err.msg, "\"nlgm\"") && strstr(err.msg, "abc, nlmg"));

	CHECK("deck check: a deck that exists", store_deck_check(s, "abc", &err) == 0);
	CHECK("deck check: one that does not",
	      store_deck_check(s, "x", &err) == SWOT_ENOTFOUND);

	struct store_card one;
	rc = store_card_get(s, 12, &one, &err);
	CHECK("get: a retired card by id", rc == 0 && one.retired == 1 &&
						   !strcmp(one.c.id, "old/card") &&
						   one.c.answers.n == 1);
	if (rc == 0)
		store_card_release(&one);
	rc = store_card_get(s, 13, &one, &err);
	CHECK("get: a who card with aliases", rc == 0 && one.c.type == CARD_WHO &&
						      one.c.kind == NOTE_CHARACTER &&
						      one.c.accept.n == 2);
	if (rc == 0)
		store_card_release(&one);
	rc = store_card_get(s, 99, &one, &err);
	CHECK("get: a missing card is ENOTFOUND", rc == SWOT_ENOTFOUND);
	store_close(s);

	/* An empty store says so. */
	char *path2 = db_path("empty.db");
	s = NULL;
	if (store_open(path2, &s, &err) == 0) {
		rc = store_deck_check(s, "x", &err);
		CHECK("deck check: empty store points at import",
		      rc == SWOT_ENOTFOUND && strstr(err.msg, "swot import"));
		store_close(s);
	}
	free(path2);
out:
	free(path);
}

/* One integer from a query, or -1. */
static long long sql_int(struct store *s, const char *text)
{
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_prepare_v2(s->db, text, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* ---- decks built in memory ---- */

static void tcard(struct deck *d, enum deck_note_kind kind, const char *note,
		  const char *variant, enum deck_card_type type,
		  const char *prompt, const char *answer)
{
	d->cards = xrealloc(d->cards, (d->n_cards + 1) * sizeof *d->cards);
	struct deck_card *c = &d->cards[d->n_cards++];
	memset(c, 0, sizeof *c);
	c->id = xasprintf("%s/%s", note, variant);
	c->note_id = xstrdup(note);
	c->variant = xstrdup(variant);
	c->kind = kind;
	c->type = type;
	c->prompt = xstrdup(prompt);
	if (answer)
		strlist_push(&c->answers, answer);
}

static struct deck_card *tfind(struct deck *d, const char *id)
{
	for (size_t i = 0; i < d->n_cards; i++)
		if (!strcmp(d->cards[i].id, id))
			return &d->cards[i];
	return NULL;
}

static void tcard_free(struct deck_card *c)
{
	free(c->id);
	free(c->note_id);
	free(c->variant);
	free(c->prompt);
	free(c->explain);
	strlist_release(&c->answers);
	strlist_release(&c->accept);
	strlist_release(&c->options);
	strlist_release(&c->tags);
	strlist_release(&c->themes);
}

static void tremove(struct deck *d, const char *id)
{
	struct deck_card *c = tfind(d, id);
	if (!c)
		return;
	tcard_free(c);
	size_t i = (size_t)(c - d->cards);
	memmove(c, c + 1, (d->n_cards - i - 1) * sizeof *c);
	d->n_cards--;
}

/* A small deck: Kathy (who, describe), one quote (cloze, speaker), one
 * free card. */
static struct deck *tdeck(const char *id)
{
	struct deck *d = xcalloc(1, sizeof *d);
	d->path = xasprintf("%s.json", id);
	d->id = xstrdup(id);
	d->title = xstrdup("Never Let Me Go");
	d->version = xstrdup("1");
	d->characters = xcalloc(1, sizeof *d->characters);
	d->n_characters = 1;
	d->characters[0].id = xstrdup("kathy");
	d->characters[0].name = xstrdup("Kathy H.");
	strlist_push(&d->characters[0].aliases, "Kathy");
	d->quotes = xcalloc(1, sizeof *d->quotes);
	d->n_quotes = 1;
	d->quotes[0].id = xstrdup("weeping");
	tcard(d, NOTE_CHARACTER, "kathy", "who", CARD_WHO, "Who narrates?", "Kathy H.");
	strlist_push(&d->cards[0].accept, "Kathy");
	tcard(d, NOTE_CHARACTER, "kathy", "describe", CARD_BASIC, "Kathy H.", "The narrator");
	tcard(d, NOTE_QUOTE, "weeping", "cloze", CARD_CLOZE, "an {{altogether different}} reason",
	      "altogether different");
	strlist_push(&d->cards[2].themes, "humanity");
	tcard(d, NOTE_QUOTE, "weeping", "speaker", CARD_WHO, "Who says it?", "Madame");
	tcard(d, NOTE_CARD, "nobel", "card", CARD_TYPED, "Nobel year?", "2017");
	strlist_push(&d->cards[4].tags, "context");
	return d;
}

static void tdeck_free(struct deck *d)
{
	for (size_t i = 0; i < d->n_cards; i++)
		tcard_free(&d->cards[i]);
	free(d->cards);
	for (size_t i = 0; i < d->n_characters; i++) {
		free(d->characters[i].id);
		free(d->characters[i].name);
		strlist_release(&d->characters[i].aliases);
	}
	free(d->characters);
	for (size_t i = 0; i < d->n_quotes; i++) {
		free(d->quotes[i].id);
		free(d->quotes[i].text);
	}
	free(d->quotes);
	for (size_t i = 0; i < d->n_themes; i++) {
		free(d->themes[i].id);
		free(d->themes[i].name);
		free(d->themes[i].summary);
	}
	free(d->themes);
	free(d->path);
	free(d->id);
	free(d->title);
	free(d->version);
	free(d);
}

/* The content hash, as the deck loader fills it: every field the card
 * shows or is placed by. */
static uint64_t tlist_hash(uint64_t h, const struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		h = fnv1a(h, l->items[i], strlen(l->items[i]) + 1);
	return fnv1a(h, "\x1e", 1);
}

/* The note hash, as the deck loader fills it: the note's own fields (here
 * a character's name and aliases, a theme's name and summary, a quote's
 * text; a free card's is its card's), never 0. */
static uint64_t tnote_hash(const struct deck *d, const struct deck_card *c)
{
	uint64_t h = fnv1a(FNV1A_INIT, c->note_id, strlen(c->note_id) + 1);
	const char *a = NULL, *b = NULL;
	const struct strlist *l = NULL;
	for (size_t i = 0; i < d->n_characters && c->kind == NOTE_CHARACTER; i++)
		if (!strcmp(d->characters[i].id, c->note_id)) {
			a = d->characters[i].name;
			l = &d->characters[i].aliases;
		}
	for (size_t i = 0; i < d->n_themes && c->kind == NOTE_THEME; i++)
		if (!strcmp(d->themes[i].id, c->note_id)) {
			a = d->themes[i].name;
			b = d->themes[i].summary;
		}
	for (size_t i = 0; i < d->n_quotes && c->kind == NOTE_QUOTE; i++)
		if (!strcmp(d->quotes[i].id, c->note_id))
			a = d->quotes[i].text;
	if (c->kind == NOTE_CARD)
		h = fnv1a(h, &c->hash, sizeof c->hash);
	h = a ? fnv1a(h, a, strlen(a) + 1) : fnv1a(h, "", 1);
	h = b ? fnv1a(h, b, strlen(b) + 1) : fnv1a(h, "", 1);
	if (l)
		h = tlist_hash(h, l);
	return h ? h : 1;
}

static void trehash(struct deck *d)
{
	for (size_t i = 0; i < d->n_cards; i++) {
		struct deck_card *c = &d->cards[i];
		uint64_t h = fnv1a(FNV1A_INIT, &c->type, sizeof c->type);
		h = fnv1a(h, c->prompt, strlen(c->prompt) + 1);
		h = c->explain ? fnv1a(h, c->explain, strlen(c->explain) + 1) : fnv1a(h, "", 1);
		h = tlist_hash(h, &c->answers);
		h = tlist_hash(h, &c->accept);
		h = tlist_hash(h, &c->options);
		h = fnv1a(h, &c->correct, sizeof c->correct);
		h = tlist_hash(h, &c->tags);
		c->hash = tlist_hash(h, &c->themes);
		c->note_hash = tnote_hash(d, c);
	}
}

static int timport(struct store *s, struct deck *d, int64_t now,
		   struct store_import_counts *c)
{
	struct swot_err err = {0};
	struct deck *decks[] = {d};
	trehash(d);
	int rc = store_import(s, decks, 1, now, c, &err);
	if (rc)
		printf("# import: %s\n", err.msg);
	return rc;
}

#define COUNTS(c, nw, up, un, re, rv)                                         \
	((c).new_cards == (nw) && (c).updated == (up) && (c).unchanged == (un) && \
	 (c).retired == (re) && (c).revived == (rv))

static void test_import(void)
{
	char *path = db_path("import.db");
	struct store *s = NULL;
	struct swot_err err = {0};
	struct store_import_counts c;
	if (store_open(path, &s, &err)) {
		CHECK("import: open", 0);
		free(path);
		return;
	}
	int empty = 0;
	store_is_empty(s, &empty, &err);
	CHECK("import: a fresh store is empty", empty == 1);

	struct deck *d = tdeck("nlmg");
	CHECK("import: first import", timport(s, d, 1000, &c) == 0);
	CHECK("import: all new", COUNTS(c, 5, 0, 0, 0, 0) && c.created_deck &&
					 !strcmp(c.deck_id, "nlmg"));
	store_import_counts_release(&c);
	store_is_empty(s, &empty, &err);
	CHECK("import: the store is no longer empty", empty == 0);
	CHECK("import: notes stored (character, quote, free card)",
	      sql_int(s, "SELECT count(*) FROM note") == 3);
	CHECK("import: character name and aliases",
	      sql_int(s, "SELECT count(*) FROM note WHERE kind = 'character' AND "
			 "name = 'Kathy H.' AND aliases = 'Kathy'") == 1);
	CHECK("import: new cards are New, due now, in deck order",
	      sql_int(s, "SELECT count(*) FROM card WHERE state = 0 AND due = 1000") == 5 &&
		      sql_int(s, "SELECT position FROM card WHERE key = 'nobel/card'") == 4);
	CHECK("import: one log row", sql_int(s, "SELECT count(*) FROM import_log") == 1);
	CHECK("import: foreign keys are on again afterwards",
	      sql_int(s, "PRAGMA foreign_keys") == 1);
	CHECK("import: CHECK constraints hold again afterwards",
	      sqlite3_exec(s->db, "UPDATE card SET type = 'bogus' WHERE id = 1",
			   NULL, NULL, NULL) == SQLITE_CONSTRAINT_CHECK);

	/* Read back what was imported. */
	struct store_card *cards;
	size_t n;
	if (store_cards_load(s, "nlmg", &cards, &n, &err) == 0) {
		CHECK("import: cards read back in order", n == 5 &&
				  !strcmp(cards[0].c.id, "kathy/who") &&
				  cards[0].c.accept.n == 1 &&
				  !strcmp(cards[2].c.themes.items[0], "humanity") &&
				  !strcmp(cards[4].c.tags.items[0], "context"));
		store_cards_free(cards, n);
	} else {
		CHECK("import: cards read back", 0);
	}

	CHECK("import: second import", timport(s, d, 2000, &c) == 0);
	CHECK("import: second import all unchanged", COUNTS(c, 0, 0, 5, 0, 0) &&
							     !c.created_deck);
	store_import_counts_release(&c);
	CHECK("import: an import that changes nothing writes nothing",
	      sql_int(s, "SELECT count(*) FROM import_log") == 1 &&
		      sql_int(s, "SELECT imported_at FROM deck") == 1000);

	/* The student has reviewed the quote's cloze card. */
	sql(s, "UPDATE card SET state = 2, stability = 9.5, reps = 3, due = 5000, "
	       "last_review = 1500 WHERE key = 'weeping/cloze';"
	       "INSERT INTO review (card_id, time, rating, kind, state_before,"
	       " elapsed_days, scheduled_days, stability, difficulty, duration_ms)"
	       " SELECT id, 1500, 3, 'review', 2, 1, 9, 9.5, 5, 4000 FROM card"
	       " WHERE key IN ('weeping/cloze', 'nobel/card');");

	/* Edit the quote's text: both its cards change. */
	d->quotes[0].text = xstrdup("for an altogether different reason");
	struct deck_card *cl = tfind(d, "weeping/cloze");
	free(cl->prompt);
	cl->prompt = xstrdup("for an {{altogether different}} reason");
	struct deck_card *sp = tfind(d, "weeping/speaker");
	free(sp->prompt);
	sp->prompt = xstrdup("Who says it, and why?");
	CHECK("edit: import", timport(s, d, 3000, &c) == 0);
	CHECK("edit: two cards of one note updated",
	      COUNTS(c, 0, 2, 3, 0, 0) && c.notes_updated == 1);
	store_import_counts_release(&c);
	CHECK("edit: text updated",
	      sql_int(s, "SELECT count(*) FROM card WHERE key = 'weeping/cloze' AND "
			 "prompt LIKE 'for an%'") == 1);
	CHECK("edit: schedule kept",
	      sql_int(s, "SELECT count(*) FROM card WHERE key = 'weeping/cloze' AND "
			 "state = 2 AND stability = 9.5 AND reps = 3 AND due = 5000") == 1);
	CHECK("edit: history kept",
	      sql_int(s, "SELECT count(*) FROM review r JOIN card c ON c.id = r.card_id "
			 "WHERE c.key = 'weeping/cloze'") == 1);
	CHECK("edit: logged with its counts",
	      sql_int(s, "SELECT count(*) FROM import_log WHERE time = 3000 AND "
			 "updated = 2 AND unchanged = 3") == 1);

	/* A tag is content too. */
	strlist_push(&tfind(d, "nobel/card")->tags, "author");
	CHECK("tags: import", timport(s, d, 3100, &c) == 0);
	CHECK("tags: a changed tag updates the card", COUNTS(c, 0, 1, 4, 0, 0));
	store_import_counts_release(&c);

	/* A renamed character updates its note. */
	free(d->characters[0].name);
	d->characters[0].name = xstrdup("Kathy");
	CHECK("rename: import", timport(s, d, 3200, &c) == 0);
	CHECK("rename: note updated, cards unchanged",
	      COUNTS(c, 0, 0, 5, 0, 0) && c.notes_updated == 1 &&
		      sql_int(s, "SELECT count(*) FROM note WHERE name = 'Kathy'") == 1);
	store_import_counts_release(&c);

	/* Remove the free card: retired, history kept. */
	tremove(d, "nobel/card");
	CHECK("retire: import", timport(s, d, 4000, &c) == 0);
	CHECK("retire: one retired", COUNTS(c, 0, 0, 4, 1, 0));
	store_import_counts_release(&c);
	CHECK("retire: card kept, marked retired, note too",
	      sql_int(s, "SELECT retired FROM card WHERE key = 'nobel/card'") == 1 &&
		      sql_int(s, "SELECT retired FROM note WHERE key = 'nobel'") == 1);
	CHECK("retire: history kept",
	      sql_int(s, "SELECT count(*) FROM review r JOIN card c ON c.id = r.card_id "
			 "WHERE c.key = 'nobel/card'") == 1);
	if (store_cards_load(s, "nlmg", &cards, &n, &err) == 0) {
		CHECK("retire: a retired card is not loaded", n == 4);
		store_cards_free(cards, n);
	}
	CHECK("retire: importing again retires nothing more",
	      timport(s, d, 4100, &c) == 0 && COUNTS(c, 0, 0, 4, 0, 0));
	store_import_counts_release(&c);

	/* Bring it back: revived with its history and row. */
	long long old_id = sql_int(s, "SELECT id FROM card WHERE key = 'nobel/card'");
	tcard(d, NOTE_CARD, "nobel", "card", CARD_TYPED, "Nobel year?", "2017");
	CHECK("revive: import", timport(s, d, 5000, &c) == 0);
	CHECK("revive: one revived", COUNTS(c, 0, 0, 4, 0, 1));
	store_import_counts_release(&c);
	CHECK("revive: same row, live again, content back, history kept",
	      sql_int(s, "SELECT id FROM card WHERE key = 'nobel/card' AND retired = 0 "
			 "AND tags = '' AND answers = '2017'") == old_id &&
		      sql_int(s, "SELECT retired FROM note WHERE key = 'nobel'") == 0 &&
		      sql_int(s, "SELECT count(*) FROM review WHERE card_id = "
				 "(SELECT id FROM card WHERE key = 'nobel/card')") == 1);

	/* A new card in the middle shifts the ones after it. */
	tcard(d, NOTE_CARD, "genre", "card", CARD_CHOICE, "Genre?", NULL);
	struct deck_card *g = &d->cards[d->n_cards - 1];
	strlist_push(&g->options, "dystopia");
	strlist_push(&g->options, "romance");
	g->correct = 0;
	CHECK("add: import", timport(s, d, 6000, &c) == 0);
	CHECK("add: one new", COUNTS(c, 1, 0, 5, 0, 0));
	store_import_counts_release(&c);
	CHECK("add: choice options stored with U+001F",
	      sql_int(s, "SELECT count(*) FROM card WHERE key = 'genre/card' AND "
			 "options = 'dystopia' || char(31) || 'romance'") == 1);

	/* Put the last card first: every card moves, none changes. */
	struct deck_card last = d->cards[d->n_cards - 1];
	memmove(d->cards + 1, d->cards, (d->n_cards - 1) * sizeof *d->cards);
	d->cards[0] = last;
	CHECK("reorder: import", timport(s, d, 6500, &c) == 0);
	CHECK("reorder: nothing new or updated", COUNTS(c, 0, 0, 6, 0, 0));
	store_import_counts_release(&c);
	CHECK("reorder: positions follow the deck",
	      sql_int(s, "SELECT position FROM card WHERE key = 'genre/card'") == 0 &&
		      sql_int(s, "SELECT position FROM card WHERE key = 'kathy/who'") == 1 &&
		      sql_int(s, "SELECT count(*) FROM import_log WHERE time = 6500") == 1);
	CHECK("reorder: again, all unchanged and nothing written",
	      timport(s, d, 6600, &c) == 0 && COUNTS(c, 0, 0, 6, 0, 0) &&
		      sql_int(s, "SELECT count(*) FROM import_log WHERE time = 6600") == 0);
	store_import_counts_release(&c);

	/* A second deck in the same run, and the summaries. */
	struct deck *e = tdeck("abc");
	struct deck *both[] = {d, e};
	struct store_import_counts two[2];
	trehash(e);
	CHECK("two decks: import", store_import(s, both, 2, 7000, two, &err) == 0);
	CHECK("two decks: counts per deck", COUNTS(two[0], 0, 0, 6, 0, 0) &&
						    COUNTS(two[1], 5, 0, 0, 0, 0) &&
						    two[1].created_deck);
	store_import_counts_release(&two[0]);
	store_import_counts_release(&two[1]);

	struct store_deck_info *info;
	size_t ni;
	CHECK("list: ok", store_list_decks(s, &info, &ni, &err) == 0);
	if (ni == 2) {
		CHECK_STR("list: by id", info[0].id, "abc");
		struct store_deck_info *x = &info[1];
		CHECK("list: nlmg counts by state", x->n_new == 5 && x->n_review == 1 &&
							    x->n_learning == 0 &&
							    x->n_relearning == 0 &&
							    x->total == 6 && x->n_retired == 0);
		CHECK("list: updated is the last import that changed it",
		      x->updated_at == 6500 && info[0].updated_at == 7000);
		CHECK_STR("list: title", x->title, "Never Let Me Go");
		CHECK_STR("list: source", x->source, "nlmg.json");
	} else {
		CHECK("list: two decks", 0);
	}
	store_deck_info_free(info, ni);

	CHECK("import: every reference holds",
	      sql_int(s, "SELECT count(*) FROM pragma_foreign_key_check") == 0 &&
		      sql_int(s, "SELECT count(*) FROM card c LEFT JOIN note n ON "
				 "n.id = c.note_id AND n.deck_id = c.deck_id "
				 "WHERE n.id IS NULL") == 0);

	/* Failures write nothing. */
	long long cards_before = sql_int(s, "SELECT count(*) FROM card");
	struct deck *same[] = {d, d};
	int rc = store_import(s, same, 2, 8000, two, &err);
	CHECK("fail: the same deck twice is refused", rc == SWOT_EINVAL &&
							      strstr(err.msg, "\"nlmg\""));
	struct deck *f = tdeck("broken");
	tcard(f, NOTE_CARD, "dup", "card", CARD_BASIC, "a", "b");
	tcard(f, NOTE_CARD, "dup", "card", CARD_BASIC, "a", "b");
	struct deck *withf[] = {e, f};
	free(tfind(e, "kathy/who")->prompt);
	tfind(e, "kathy/who")->prompt = xstrdup("changed");
	trehash(e);
	trehash(f);
	rc = store_import(s, withf, 2, 8000, two, &err);
	CHECK("fail: a failing deck fails the whole import", rc != 0);
	CHECK("fail: nothing written, not even the good deck",
	      sql_int(s, "SELECT count(*) FROM card") == cards_before &&
		      sql_int(s, "SELECT count(*) FROM deck") == 2 &&
		      sql_int(s, "SELECT count(*) FROM card WHERE prompt = 'changed'") == 0);
	CHECK("fail: counts hold nothing", two[0].deck_id == NULL && two[1].deck_id == NULL);
	tdeck_free(f);
	tdeck_free(e);
	tdeck_free(d);
	store_close(s);
	free(path);
}

/* A theme's card lists its quotes: editing a quote updates that card too,
 * but the note updated is the quote alone. */
static void test_note_hash(void)
{
	char *path = db_path("notehash.db");
	struct store *s = NULL;
	struct swot_err err = {0};
	struct store_import_counts c;
	if (store_open(path, &s, &err)) {
		CHECK("note hash: open", 0);
		free(path);
		return;
	}
	struct deck *d = xcalloc(1, sizeof *d);
	d->path = xstrdup("themed.json");
	d->id = xstrdup("themed");
	d->title = xstrdup("Themed");
	d->version = xstrdup("1");
	d->themes = xcalloc(1, sizeof *d->themes);
	d->n_themes = 1;
	d->themes[0].id = xstrdup("memory");
	d->themes[0].name = xstrdup("Memory");
	d->themes[0].summary = xstrdup("Kathy looks back.");
	d->quotes = xcalloc(2, sizeof *d->quotes);
	d->n_quotes = 2;
	d->quotes[0].id = xstrdup("weeping");
	d->quotes[0].text = xstrdup("I was weeping");
	d->quotes[1].id = xstrdup("gallery");
	d->quotes[1].text = xstrdup("the Gallery");
	tcard(d, NOTE_THEME, "memory", "quotes", CARD_BASIC, "Theme: Memory",
	      "Kathy looks back.\n- \"I was weeping\"\n- \"the Gallery\"");
	tcard(d, NOTE_QUOTE, "weeping", "cloze", CARD_CLOZE, "I was {{weeping}}", "weeping");
	tcard(d, NOTE_QUOTE, "gallery", "cloze", CARD_CLOZE, "the {{Gallery}}", "Gallery");
	CHECK("note hash: first import", timport(s, d, 1000, &c) == 0 &&
						 COUNTS(c, 3, 0, 0, 0, 0));
	store_import_counts_release(&c);
	CHECK("note hash: stored with each note",
	      sql_int(s, "SELECT count(*) FROM note WHERE hash != 0") == 3);
	sql(s, "UPDATE card SET state = 2, stability = 4.5, reps = 1 WHERE key = 'weeping/cloze';"
	       "INSERT INTO review (card_id, time, rating, kind, state_before,"
	       " elapsed_days, scheduled_days, stability, difficulty, duration_ms)"
	       " SELECT id, 1500, 3, 'review', 2, 1, 4, 4.5, 5, 2000 FROM card"
	       " WHERE key IN ('weeping/cloze', 'memory/quotes');");
	long long theme_hash = sql_int(s, "SELECT hash FROM note WHERE key = 'memory'");

	/* Edit the quote's text: its card and the theme's card change. */
	free(d->quotes[0].text);
	d->quotes[0].text = xstrdup("I was crying");
	struct deck_card *k = tfind(d, "weeping/cloze");
	free(k->prompt);
	k->prompt = xstrdup("I was {{crying}}");
	free(k->answers.items[0]);
	k->answers.items[0] = xstrdup("crying");
	k = tfind(d, "memory/quotes");
	free(k->answers.items[0]);
	k->answers.items[0] = xstrdup("Kathy looks back.\n- \"I was crying\"\n- \"the Gallery\"");
	CHECK("note hash: edit imports", timport(s, d, 2000, &c) == 0);
	CHECK("note hash: both changed cards updated, the theme's among them",
	      COUNTS(c, 0, 2, 1, 0, 0) &&
		      sql_int(s, "SELECT count(*) FROM card WHERE key = 'memory/quotes' AND "
				 "answers LIKE '%crying%'") == 1);
	CHECK("note hash: one note updated, the quote", c.notes_updated == 1 &&
		      sql_int(s, "SELECT hash FROM note WHERE key = 'memory'") == theme_hash);
	store_import_counts_release(&c);
	CHECK("note hash: schedule and history kept",
	      sql_int(s, "SELECT count(*) FROM card WHERE key = 'weeping/cloze' AND "
			 "state = 2 AND stability = 4.5 AND reps = 1") == 1 &&
		      sql_int(s, "SELECT count(*) FROM review r JOIN card c ON c.id = r.card_id "
				 "WHERE c.key IN ('weeping/cloze', 'memory/quotes')") == 2);

	/* Notes stored before notes had a hash: filled in, not counted... */
	sql(s, "UPDATE note SET hash = 0");
	long long logs = sql_int(s, "SELECT count(*) FROM import_log");
	CHECK("no hash yet: import", timport(s, d, 3000, &c) == 0);
	CHECK("no hash yet: nothing updated, no note counted",
	      COUNTS(c, 0, 0, 3, 0, 0) && c.notes_updated == 0);
	store_import_counts_release(&c);
	CHECK("no hash yet: hashes filled in, nothing logged",
	      sql_int(s, "SELECT count(*) FROM note WHERE hash = 0") == 0 &&
		      sql_int(s, "SELECT hash FROM note WHERE key = 'memory'") == theme_hash &&
		      sql_int(s, "SELECT count(*) FROM import_log") == logs);

	/* ...unless their cards changed too: then counted by their cards. */
	sql(s, "UPDATE note SET hash = 0");
	free(d->quotes[0].text);
	d->quotes[0].text = xstrdup("I was weeping");
	k = tfind(d, "weeping/cloze");
	free(k->prompt);
	k->prompt = xstrdup("I was {{weeping}}");
	k = tfind(d, "memory/quotes");
	free(k->answers.items[0]);
	k->answers.items[0] = xstrdup("Kathy looks back.\n- \"I was weeping\"\n- \"the Gallery\"");
	CHECK("no hash yet, edited: import", timport(s, d, 4000, &c) == 0);
	CHECK("no hash yet, edited: notes counted by their updated cards",
	      COUNTS(c, 0, 2, 1, 0, 0) && c.notes_updated == 2 &&
		      sql_int(s, "SELECT count(*) FROM note WHERE hash = 0") == 0);
	store_import_counts_release(&c);

	/* A theme's own edit counts the theme. */
	free(d->themes[0].summary);
	d->themes[0].summary = xstrdup("Kathy remembers.");
	k = tfind(d, "memory/quotes");
	free(k->answers.items[0]);
	k->answers.items[0] = xstrdup("Kathy remembers.\n- \"I was weeping\"\n- \"the Gallery\"");
	CHECK("theme edit: import", timport(s, d, 5000, &c) == 0);
	CHECK("theme edit: its card and note updated",
	      COUNTS(c, 0, 1, 2, 0, 0) && c.notes_updated == 1);
	store_import_counts_release(&c);
	tdeck_free(d);
	store_close(s);
	free(path);
}

static int file_exists(const char *p)
{
	struct stat sb;
	return stat(p, &sb) == 0;
}

static char *file_bytes(const char *p, size_t *len)
{
	char *buf = NULL;
	if (read_file(p, 1u << 26, &buf, len, NULL))
		return NULL;
	return buf;
}

/* A database as the first swot wrote it, holding a reviewed card. */
static int make_v1(const char *path)
{
	sqlite3 *db;
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	int rc = sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA application_id = 1937207156;",
			      NULL, NULL, NULL);
	rc |= sqlite3_exec(db, embedded_migrations[0].data, NULL, NULL, NULL);
	rc |= sqlite3_exec(db,
			   "PRAGMA user_version = 1;"
			   "INSERT INTO deck (id, slug, title, imported_at) VALUES (1, 'old', 'Old', 10);"
			   "INSERT INTO note (id, deck_id, kind, key) VALUES (1, 1, 'card', 'q');"
			   "INSERT INTO card (id, deck_id, note_id, key, variant, type, prompt,"
			   " answers, hash, position, state, stability, due)"
			   " VALUES (1, 1, 1, 'q/card', 'card', 'basic', 'Q?', 'A', 77, 0, 2, 3.5, 99);"
			   "INSERT INTO review (card_id, time, rating, kind, state_before, elapsed_days,"
			   " scheduled_days, stability, difficulty, duration_ms)"
			   " VALUES (1, 50, 3, 'learn', 0, 0, 3, 3.5, 5, 1200);"
			   "INSERT INTO setting VALUES ('', 'new-per-day', '15');",
			   NULL, NULL, NULL);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

static void test_migrations(void)
{
	struct swot_err err = {0};
	struct store *s = NULL;
	CHECK("schema version counts the migrations",
	      store_schema_version() == (int)embedded_migrations_count &&
		      store_schema_version() >= 2);

	char *fresh = db_path("sub/dir/fresh.db");
	CHECK("fresh: open creates the folders and the database",
	      store_open(fresh, &s, &err) == 0 && file_exists(fresh));
	if (s) {
		CHECK("fresh: at the latest version",
		      sql_int(s, "PRAGMA user_version") == store_schema_version());
		CHECK("fresh: every table there",
		      sql_int(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
				 "name IN ('deck', 'note', 'card', 'review', 'setting', "
				 "'exam', 'import_log')") == 7);
		CHECK("fresh: 16 KiB pages", sql_int(s, "PRAGMA page_size") == 16384);
		CHECK("fresh: WAL and foreign keys",
		      sql_int(s, "PRAGMA foreign_keys") == 1 &&
			      sql_int(s, "SELECT journal_mode = 'wal' FROM pragma_journal_mode") == 1);
		store_close(s);
		s = NULL;
	}
	char *fbak = xasprintf("%s.bak-v0", fresh);
	CHECK("fresh: no copy of an empty database", !file_exists(fbak));
	free(fbak);

	char *old = db_path("v1.db");
	CHECK("upgrade: a version-1 database with data", make_v1(old) == 0);
	CHECK("upgrade: opens", store_open(old, &s, &err) == 0);
	if (s) {
		CHECK("upgrade: now at the latest version",
		      sql_int(s, "PRAGMA user_version") == store_schema_version());
		CHECK("upgrade: data kept",
		      sql_int(s, "SELECT count(*) FROM card WHERE key = 'q/card' AND "
				 "state = 2 AND stability = 3.5") == 1 &&
			      sql_int(s, "SELECT count(*) FROM review") == 1 &&
			      sql_int(s, "SELECT count(*) FROM setting") == 1);
		CHECK("upgrade: the page size is the file's own",
		      sql_int(s, "PRAGMA page_size") == 4096);
		CHECK("upgrade: notes have a hash, 0 until their next import",
		      sql_int(s, "SELECT count(*) FROM note WHERE hash = 0") == 1);
		CHECK("upgrade: the import log is there and empty",
		      sql_int(s, "SELECT count(*) FROM import_log") == 0);
		struct store_deck_info *info;
		size_t n;
		if (store_list_decks(s, &info, &n, &err) == 0) {
			CHECK("upgrade: updated falls back to imported_at",
			      n == 1 && info[0].updated_at == 10 && info[0].n_review == 1);
			store_deck_info_free(info, n);
		}
		store_close(s);
		s = NULL;
	}
	char *bak = xasprintf("%s.bak-v1", old);
	CHECK("upgrade: a copy was kept", file_exists(bak));
	sqlite3 *db;
	if (sqlite3_open_v2(bak, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
		sqlite3_stmt *st;
		int v = -1, cards = -1;
		if (sqlite3_prepare_v2(db, "SELECT (SELECT user_version FROM pragma_user_version),"
				       " (SELECT count(*) FROM card)", -1, &st, NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW) {
				v = sqlite3_column_int(st, 0);
				cards = sqlite3_column_int(st, 1);
			}
			sqlite3_finalize(st);
		}
		CHECK("upgrade: the copy is the version-1 database", v == 1 && cards == 1);
	}
	sqlite3_close(db);
	free(bak);

	/* From a newer swot: refused, untouched. */
	char *newer = db_path("newer.db");
	if (sqlite3_open(newer, &db) == SQLITE_OK) {
		sqlite3_exec(db, "PRAGMA application_id = 1937207156; CREATE TABLE x (a);"
				 " PRAGMA user_version = 99;", NULL, NULL, NULL);
		sqlite3_close(db);
	}
	size_t len0 = 0, len1 = 0;
	char *before = file_bytes(newer, &len0);
	int rc = store_open(newer, &s, &err);
	CHECK("newer: refused", rc == SWOT_ENEWER && s == NULL);
	CHECK("newer: the message says to upgrade swot",
	      strstr(err.msg, "newer swot") && strstr(err.msg, "99"));
	char *after = file_bytes(newer, &len1);
	CHECK("newer: the file is byte for byte as before",
	      before && after && len0 == len1 && !memcmp(before, after, len0));
	free(before);
	free(after);
	free(newer);

	/* Not a swot database at all. */
	char *other = db_path("other.db");
	if (sqlite3_open(other, &db) == SQLITE_OK) {
		sqlite3_exec(db, "PRAGMA application_id = 42; CREATE TABLE x (a);", NULL, NULL, NULL);
		sqlite3_close(db);
	}
	rc = store_open(other, &s, &err);
	CHECK("other: not a swot database", rc == SWOT_EDB && strstr(err.msg, "not a swot"));
	free(other);
	free(old);
	free(fresh);
}

int main(void)
{
	test_plan(116);
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_migrations();
	test_cards();
	test_import();
	test_note_hash();
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	free(cmd);
	return test_done();
}
