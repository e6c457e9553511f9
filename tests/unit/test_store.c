/*
 * test_store.c: the store: reading cards back.
 *
 * Rows are written with plain SQL through the store's own handle (this test
 * sees store_int.h), so reading is tested apart from importing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store_int.h"
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

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_cards();
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	free(cmd);
	return test_done();
}
