/*
 * test_queue.c: today's queue with a fixed clock: daily limits (counting
 * what was answered earlier today), ordering (learning first, reviews and
 * new cards interleaved), siblings, buried cards, the day's rollover, and
 * learning cards that come back in the same session.
 *
 * Cards get their schedules the way the session gives them: through
 * store_record_answer, so the review log agrees with the cards.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "swot/deck.h"
#include "swot/learnday.h"
#include "swot/progress.h"
#include "swot/queue.h"
#include "swot/readiness.h"
#include "swot/store.h"
#include "testhelp.h"

#define ROLLOVER 4

static char tmpdir[] = "/tmp/swot-test-queue-XXXXXX";
static struct queue_limits limits = {.new_per_day = 20, .reviews_per_day = 200};

static int get_limits(void *ctx, const char *deck, struct queue_limits *out,
		      struct swot_err *err)
{
	(void)ctx;
	(void)deck;
	(void)err;
	*out = limits;
	return 0;
}

/* 2026-03-02 (a Monday) at hh:mm, local time (TZ=Europe/London). */
static int64_t at(int day_offset, int hh, int mm)
{
	int64_t day = learnday_of(1772452800, 0) + day_offset; /* 2026-03-02 12:00Z */
	return learnday_start(day, 0) + hh * 3600 + mm * 60;
}

/* A deck of `n_free` typed cards f1..fN, one character (two sibling
 * cards) and one quote (three sibling cards). */
static char *deck_json(int n_free)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "{\"swot_deck\": 1, \"id\": \"q\", \"title\": \"Q\","
			 "\"characters\": [{\"id\": \"kathy\", \"name\": \"Kathy H.\","
			 "\"summary\": \"The narrator.\"},"
			 "{\"id\": \"ruth\", \"name\": \"Ruth\", \"summary\": \"A friend.\"}],"
			 "\"themes\": [{\"id\": \"memory\", \"name\": \"Memory\", \"summary\": \"m\"},"
			 "{\"id\": \"hope\", \"name\": \"Hope\", \"summary\": \"h\"}],"
			 "\"quotes\": [{\"id\": \"weeping\", \"text\": \"I was weeping.\","
			 "\"speaker\": \"kathy\", \"themes\": [\"memory\"], \"gaps\": [\"weeping\"]}],"
			 "\"cards\": [");
	for (int i = 1; i <= n_free; i++)
		strbuf_addf(&sb, "%s{\"id\": \"f%d\", \"type\": \"typed\", \"prompt\": \"p%d\","
				 " \"answer\": \"a%d\"}",
			    i > 1 ? "," : "", i, i, i);
	strbuf_adds(&sb, "]}");
	return strbuf_detach(&sb);
}

/* A second deck "r" of n typed cards r1..rN. */
static void import_r(struct store *s, int n, int64_t when)
{
	struct strbuf sb = STRBUF_INIT;
	struct swot_err err = {0};
	struct deck_problems p;
	deck_problems_init(&p);
	strbuf_adds(&sb, "{\"swot_deck\": 1, \"id\": \"r\", \"title\": \"R\", \"cards\": [");
	for (int i = 1; i <= n; i++)
		strbuf_addf(&sb, "%s{\"id\": \"r%d\", \"type\": \"typed\", \"prompt\": \"p\","
				 " \"answer\": \"a\"}", i > 1 ? "," : "", i);
	strbuf_adds(&sb, "]}");
	struct deck *d = deck_load_buffer("r.json", sb.buf, sb.len, &p);
	struct store_import_counts counts = {0};
	CHECK("deck r loads and imports",
	      d && store_import(s, &d, 1, when, &counts, &err) == 0);
	store_import_counts_release(&counts);
	deck_free(d);
	deck_problems_release(&p);
	strbuf_release(&sb);
}

static struct store *fresh_store(const char *name, int n_free)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	struct store *s = NULL;
	struct swot_err err = {0};
	struct deck_problems p;
	deck_problems_init(&p);
	char *json = deck_json(n_free);
	struct deck *d = deck_load_buffer("q.json", json, strlen(json), &p);
	if (!d)
		for (size_t i = 0; i < p.lines.n; i++)
			printf("# %s\n", p.lines.items[i]);
	CHECKF(d != NULL, "%s: the test deck loads", name);
	CHECKF(store_open(path, &s, &err) == 0, "%s: open (%.200s)", name, err.msg);
	struct store_import_counts counts = {0};
	if (d && s)
		CHECKF(store_import(s, &d, 1, at(-30, 12, 0), &counts, &err) == 0,
		       "%s: import (%.200s)", name, err.msg);
	store_import_counts_release(&counts);
	deck_free(d);
	deck_problems_release(&p);
	free(json);
	free(path);
	return s;
}

/* The row id of the card with stable id key. */
static int64_t card_id(struct store *s, const char *key)
{
	struct store_card *cards;
	size_t n;
	int64_t id = 0;
	struct swot_err err;
	if (store_cards_load(s, NULL, &cards, &n, &err))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(cards[i].c.id, key))
			id = cards[i].id;
	store_cards_free(cards, n);
	return id;
}

/* Schedules an answer to the state the test chose. */
static int set_state(void *ctx, const struct fsrs_card *current,
		     struct fsrs_card *after, struct store_answer *a,
		     struct swot_err *err)
{
	(void)current;
	(void)err;
	*after = *(const struct fsrs_card *)ctx;
	a->stability = after->stability;
	a->difficulty = after->difficulty;
	return 0;
}

/* Records an answer at time t leaving the card in `state`, due at due. */
static void answer(struct store *s, const char *key, int64_t t,
		   enum fsrs_state before, enum fsrs_state state, int64_t due)
{
	struct swot_err err = {0};
	struct fsrs_card f = {.state = state, .stability = 3, .difficulty = 5,
			      .due = due, .last_review = t, .reps = 1};
	struct fsrs_card was, now;
	struct store_answer a = {.card_id = card_id(s, key), .time = t,
				 .rating = FSRS_GOOD};
	int64_t rid;
	if (store_record_answer(s, &a, set_state, &f, &was, &now, &rid, &err))
		printf("not ok - answer %s (%s)\n", key, err.msg), test_failed++;
	else if (was.state != before)
		printf("not ok - answer %s: the card was in state %d, not %d\n", key,
		       (int)was.state, (int)before), test_failed++;
}

/* The queue of deck (NULL: every deck) at now drained into a string of
 * stable ids, "f1 f2 ...". */
static char *drain_deck(struct store *s, const char *deck, int64_t now)
{
	struct queue q;
	struct swot_err err = {0};
	struct strbuf sb = STRBUF_INIT;
	if (queue_build(&q, s, deck, now, ROLLOVER, get_limits, NULL, &err)) {
		printf("# queue_build: %s\n", err.msg);
		return xstrdup("(error)");
	}
	struct queue_entry e;
	while (queue_next(&q, now, &e, &err) == 1) {
		struct store_card c;
		if (store_card_get(s, e.card_id, &c, &err))
			break;
		if (sb.len)
			strbuf_addc(&sb, ' ');
		strbuf_adds(&sb, c.c.id);
		store_card_release(&c);
	}
	queue_release(&q);
	return strbuf_detach(&sb);
}

static char *drain(struct store *s, int64_t now)
{
	return drain_deck(s, "q", now);
}

#define CHECK_QUEUE(name, s, now, want)                                      \
	do {                                                                 \
		char *got_ = drain(s, now);                                  \
		CHECK_STR(name, got_, want);                                 \
		free(got_);                                                  \
	} while (0)

static void test_new_limit_and_siblings(void)
{
	struct store *s = fresh_store("new.db", 6);
	if (!s)
		return;
	limits = (struct queue_limits){.new_per_day = 4, .reviews_per_day = 200};
	/* deck order; kathy/describe, weeping/speaker and weeping/theme are
	 * siblings of cards before them */
	CHECK_QUEUE("new cards in deck order, one card per note, up to the limit",
		    s, at(0, 10, 0), "kathy/who ruth/who memory/quotes hope/quotes");
	limits.new_per_day = 20;
	CHECK_QUEUE("siblings never share a day", s, at(0, 10, 0),
		    "kathy/who ruth/who memory/quotes hope/quotes weeping/cloze "
		    "f1/card f2/card f3/card f4/card f5/card f6/card");

	/* Two introduced this morning: they count against today's limit, and
	 * kathy/describe answered today keeps kathy/who away. */
	limits.new_per_day = 4;
	answer(s, "kathy/describe", at(0, 9, 0), FSRS_NEW, FSRS_REVIEW, at(3, 9, 0));
	answer(s, "weeping/theme", at(0, 9, 1), FSRS_NEW, FSRS_REVIEW, at(3, 9, 0));
	CHECK_QUEUE("new cards introduced today count against the limit", s,
		    at(0, 10, 0), "ruth/who memory/quotes");
	CHECK_QUEUE("and still count at 03:59 the next morning", s,
		    at(1, 3, 59), "ruth/who memory/quotes");
	CHECK_QUEUE("at the rollover hour a new day begins", s, at(1, 4, 0),
		    "kathy/who ruth/who memory/quotes hope/quotes");
	store_close(s);
}

static void test_reviews(void)
{
	struct store *s = fresh_store("reviews.db", 8);
	if (!s)
		return;
	limits = (struct queue_limits){.new_per_day = 0, .reviews_per_day = 3};
	/* f1..f5 reviews due at different times: f5 oldest */
	for (int i = 1; i <= 5; i++) {
		char key[32];
		snprintf(key, sizeof key, "f%d/card", i);
		answer(s, key, at(-10, 9, i), FSRS_NEW, FSRS_REVIEW, at(-i, 12, 0));
	}
	answer(s, "f6/card", at(-10, 9, 6), FSRS_NEW, FSRS_REVIEW, at(0, 23, 0));
	answer(s, "f7/card", at(-10, 9, 7), FSRS_NEW, FSRS_REVIEW, at(1, 5, 0));
	CHECK_QUEUE("reviews oldest due first, capped per day", s, at(0, 10, 0),
		    "f5/card f4/card f3/card");
	limits.reviews_per_day = 200;
	CHECK_QUEUE("reviews due by the end of the learning day, not after", s,
		    at(0, 10, 0), "f5/card f4/card f3/card f2/card f1/card f6/card");
	CHECK_QUEUE("before the rollover, the end of the day is 04:00", s,
		    at(1, 2, 0), "f5/card f4/card f3/card f2/card f1/card f6/card");

	/* Two reviews answered today use up the cap. */
	limits.reviews_per_day = 3;
	answer(s, "f5/card", at(0, 9, 0), FSRS_REVIEW, FSRS_REVIEW, at(20, 9, 0));
	answer(s, "f4/card", at(0, 9, 1), FSRS_REVIEW, FSRS_REVIEW, at(20, 9, 0));
	CHECK_QUEUE("reviews answered today count against the cap", s, at(0, 10, 0),
		    "f3/card");

	/* interleaving: 4 reviews and 2 new cards */
	limits = (struct queue_limits){.new_per_day = 2, .reviews_per_day = 4};
	CHECK_QUEUE("reviews and new cards interleave", s, at(1, 10, 0),
		    "f3/card kathy/who f2/card f1/card ruth/who f6/card");
	store_close(s);
}

static void test_learning_and_bury(void)
{
	struct store *s = fresh_store("learning.db", 3);
	struct swot_err err = {0};
	if (!s)
		return;
	limits = (struct queue_limits){.new_per_day = 2, .reviews_per_day = 200};
	int64_t now = at(0, 10, 0);
	answer(s, "f3/card", at(0, 9, 0), FSRS_NEW, FSRS_LEARNING, at(0, 9, 50));
	answer(s, "f2/card", at(0, 9, 1), FSRS_NEW, FSRS_LEARNING, at(0, 10, 15));
	CHECK_QUEUE("a due learning card comes first; one due soon comes last", s,
		    now, "f3/card f2/card");
	CHECK_QUEUE("one due later than the learn-ahead waits", s, at(0, 9, 25),
		    "");

	/* :skip buries until tomorrow */
	CHECK("bury", store_card_bury(s, card_id(s, "f3/card"),
				      learnday_of(now, ROLLOVER) + 1, &err) == 0);
	CHECK_QUEUE("a buried card is hidden today", s, now, "f2/card");
	CHECK_QUEUE("and back the next learning day", s, at(1, 10, 0),
		    "f3/card f2/card kathy/who ruth/who");

	/* in a session: a card answered Again comes back once due */
	struct queue q;
	struct queue_entry e, e2;
	limits.new_per_day = 4;
	int64_t t = at(1, 10, 0);
	CHECK("build", queue_build(&q, s, "q", t, ROLLOVER, get_limits, NULL, &err) == 0);
	CHECK("first: the learning card due", queue_next(&q, t, &e, &err) == 1 &&
						     e.card_id == card_id(s, "f3/card"));
	queue_answered(&q, &e, FSRS_LEARNING, t + 60, t);
	size_t l, r, f;
	queue_counts(&q, &l, &r, &f);
	CHECK("counts: learning 2, new 4", l == 2 && r == 0 && f == 4);
	CHECK("next: not the card just answered", queue_next(&q, t + 10, &e2, &err) == 1 &&
							   e2.card_id != e.card_id);
	CHECK("after its minute it comes back first", queue_next(&q, t + 61, &e2, &err) == 1 &&
							      e2.card_id == e.card_id);
	/* undo puts it back in front */
	queue_undo(&q, &e2);
	CHECK("undo: the card is asked again next", queue_next(&q, t + 62, &e2, &err) == 1 &&
							  e2.card_id == e.card_id);
	queue_answered(&q, &e2, FSRS_REVIEW, t + 86400 * 3, t + 62);
	int n = 0;
	while (queue_next(&q, t + 62, &e2, &err) == 1) {
		n++;
		queue_answered(&q, &e2, FSRS_REVIEW, t + 86400 * 3, t + 62);
	}
	CHECK("a graduated card does not come back", n == 4);
	queue_release(&q);

	/* the day rolls over during a session */
	CHECK("build late", queue_build(&q, s, "q", at(2, 3, 50), ROLLOVER, get_limits,
					 NULL, &err) == 0);
	while (queue_next(&q, at(2, 3, 50), &e, &err) == 1)
		;
	CHECK("after the rollover the queue fills again",
	      queue_next(&q, at(2, 4, 1), &e, &err) == 1);
	queue_release(&q);

	/* readiness summed from the index equals the sum over loaded cards,
	 * with reviews on several learning days, either side of a rollover */
	answer(s, "f1/card", at(-5, 3, 59), FSRS_NEW, FSRS_REVIEW, at(9, 9, 0));
	answer(s, "ruth/who", at(-5, 4, 0), FSRS_NEW, FSRS_REVIEW, at(9, 9, 0));
	answer(s, "hope/quotes", at(-12, 23, 0), FSRS_NEW, FSRS_RELEARNING, at(1, 9, 0));
	struct fsrs_params p;
	fsrs_params_default(&p);
	struct store_card *cards;
	size_t n_cards = 0, tallied_n = 0;
	double want = 0, got = -1;
	int64_t exam = at(40, 9, 0);
	if (store_cards_load(s, "q", &cards, &n_cards, &err) == 0) {
		for (size_t i = 0; i < n_cards; i++)
			want += readiness_card_at(&p, &cards[i].f, exam, ROLLOVER);
		store_cards_free(cards, n_cards);
	}
	CHECK("progress_tally", progress_tally(s, "q", &p, exam, ROLLOVER, &got,
					       &tallied_n, &err) == 0);
	CHECKF(tallied_n == n_cards && got > 0 && got - want < 1e-9 && want - got < 1e-9,
	       "readiness from the index: %zu cards, %.6f (loading every card: %.6f)",
	       tallied_n, got, want);
	store_close(s);
}

/* With every deck: each deck's own limits, reviews merged oldest first. */
static void test_every_deck(void)
{
	struct store *s = fresh_store("decks.db", 2);
	if (!s)
		return;
	import_r(s, 3, at(-30, 12, 0));
	limits = (struct queue_limits){.new_per_day = 2, .reviews_per_day = 200};
	answer(s, "f1/card", at(-10, 9, 0), FSRS_NEW, FSRS_REVIEW, at(-2, 12, 0));
	answer(s, "r1/card", at(-10, 9, 1), FSRS_NEW, FSRS_REVIEW, at(-3, 12, 0));
	answer(s, "r2/card", at(-10, 9, 2), FSRS_NEW, FSRS_REVIEW, at(-1, 12, 0));
	char *got = drain_deck(s, NULL, at(0, 10, 0));
	CHECK_STR("every deck: reviews of all decks oldest first, new cards per deck", got,
		  "r1/card kathy/who f1/card ruth/who r2/card r3/card");
	free(got);
	got = drain_deck(s, "r", at(0, 10, 0));
	CHECK_STR("one deck: only its cards", got, "r1/card r3/card r2/card");
	free(got);
	struct queue q;
	struct swot_err err = {0};
	CHECK("an unknown deck is named",
	      queue_build(&q, s, "nope", at(0, 10, 0), ROLLOVER, get_limits, NULL, &err) ==
			      SWOT_ENOTFOUND &&
		      strstr(err.msg, "nope"));
	store_close(s);
}

/* A drill round: the weakest first (lowest retrievability now, then new
 * cards), one card per note, at most the limit. */
static void test_drill_round(void)
{
	struct fsrs_params p;
	fsrs_params_default(&p);
	int64_t now = at(10, 12, 0), day = 86400;
	/* card, note, state, stability, last review */
	struct store_drill_row rows[] = {
		{1, 10, FSRS_REVIEW, 30.0, now - 2 * day}, /* well known */
		{2, 11, FSRS_NEW, 0, 0},
		{3, 12, FSRS_REVIEW, 2.0, now - 9 * day},  /* weakest */
		{4, 12, FSRS_REVIEW, 20.0, now - 1 * day}, /* its note's other card */
		{5, 13, FSRS_REVIEW, 5.0, now - 5 * day},
		{6, 14, FSRS_NEW, 0, 0},
	};
	struct queue q;
	struct queue_entry e;
	struct swot_err err = {0};
	int64_t got[8];
	size_t n = 0;
	queue_init_drill(&q, rows, 6, &p, now, 10);
	while (n < 8 && queue_next(&q, now, &e, &err) == 1)
		got[n++] = e.card_id;
	queue_release(&q);
	CHECK("a drill round asks one card per note", n == 5);
	CHECK("the weakest card comes first, then the next weakest",
	      n == 5 && got[0] == 3 && got[1] == 5 && got[2] == 1);
	CHECK("new cards come last, by card id", n == 5 && got[3] == 2 && got[4] == 6);

	queue_init_drill(&q, rows, 6, &p, now, 2);
	n = 0;
	while (n < 8 && queue_next(&q, now, &e, &err) == 1)
		got[n++] = e.card_id;
	queue_release(&q);
	CHECK("a drill round stops at its limit", n == 2 && got[0] == 3 && got[1] == 5);

	queue_init_drill(&q, rows, 0, &p, now, 10);
	CHECK("no cards make an empty round", queue_next(&q, now, &e, &err) == 0);
	queue_release(&q);
}

int main(void)
{
	test_plan(47);
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_new_limit_and_siblings();
	test_reviews();
	test_learning_and_bury();
	test_every_deck();
	test_drill_round();
	char *cmd = xasprintf("rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	free(cmd);
	return test_done();
}
