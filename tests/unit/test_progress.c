/*
 * test_progress.c: what the progress commands load about a deck from a
 * real database: its cards, exam and readiness in one call, the quick
 * readiness sum that the session header keeps up to date (which must
 * agree with the full computation), the decks a report covers, and an
 * unknown deck.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "swot/deck.h"
#include "swot/progress.h"
#include "swot/store.h"
#include "testhelp.h"

#define DAY 86400

static int64_t now = INT64_C(1768402800); /* 2026-01-14 15:00 UTC */

static int good(void *ctx, const struct fsrs_card *current, struct fsrs_card *after,
		struct store_answer *a, struct swot_err *err)
{
	const struct fsrs_params *p = ctx;
	struct fsrs_log log;
	(void)err;
	fsrs_next(p, current, a->time, 0, a->rating, 1, after, &log);
	a->scheduled_days = after->scheduled_days;
	a->stability = after->stability;
	a->difficulty = after->difficulty;
	return 0;
}

static int import(struct store *s, const char *id, int n)
{
	struct strbuf sb = STRBUF_INIT;
	struct deck_problems p;
	struct swot_err err = {0};
	deck_problems_init(&p);
	strbuf_addf(&sb, "{\"swot_deck\": 1, \"id\": \"%s\", \"title\": \"Deck %s\", \"cards\": [", id, id);
	for (int i = 1; i <= n; i++)
		strbuf_addf(&sb, "%s{\"id\": \"f%d\", \"type\": \"typed\", \"prompt\": \"p%d\","
				 " \"answer\": \"a%d\"}", i > 1 ? "," : "", i, i, i);
	strbuf_adds(&sb, "]}");
	struct deck *d = deck_load_buffer("x.json", sb.buf, sb.len, &p);
	struct store_import_counts c = {0};
	int rc = d ? store_import(s, &d, 1, now - 30 * DAY, &c, &err) : -1;
	store_import_counts_release(&c);
	deck_free(d);
	deck_problems_release(&p);
	strbuf_release(&sb);
	return rc;
}

int main(void)
{
	test_plan(13);
	char dir[] = "/tmp/swot-test-progress-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	char *path = xasprintf("%s/p.db", dir);
	struct store *s = NULL;
	struct swot_err err = {0};
	CHECK("two decks are imported", store_open(path, &s, &err) == 0 &&
	      import(s, "alpha", 6) == 0 && import(s, "beta", 2) == 0);
	if (!s)
		return test_done();

	/* four of alpha's six cards answered over the last weeks */
	struct fsrs_params p;
	fsrs_params_default(&p);
	struct progress_deck pd = {0};
	struct store_card *cards = NULL;
	size_t n_cards = 0;
	int ok = progress_load(s, "alpha", now, &pd, &err) == 0 && pd.r.total == 6 &&
		 store_cards_load(s, "alpha", &cards, &n_cards, &err) == 0 && n_cards == 6;
	for (size_t i = 0; ok && i < 4; i++) {
		struct store_answer a = {.card_id = cards[i].id,
					 .time = now - (int64_t)(20 - 4 * i) * DAY,
					 .rating = i == 3 ? FSRS_AGAIN : FSRS_GOOD};
		struct fsrs_card before, after;
		int64_t rid;
		ok = store_record_answer(s, &a, good, &p, &before, &after, &rid, &err) == 0;
	}
	store_cards_free(cards, n_cards);
	progress_release(&pd);
	CHECK("answers are recorded", ok);
	CHECK("an exam is set", store_exam_set(s, "alpha", now + 10 * DAY, &err) == 0);

	memset(&pd, 0, sizeof pd);
	CHECK("the deck loads with its cards, title and exam",
	      progress_load(s, "alpha", now, &pd, &err) == 0 && pd.r.total == 6 &&
	      !strcmp(pd.title, "Deck alpha") && pd.exam_at == now + 10 * DAY);
	CHECK("its readiness is for the exam, 4 of 6 cards studied",
	      pd.r.has_exam && pd.r.studied == 4 && pd.r.total == 6);
	/* only the cards it names are loaded, whole, to be shown as asked */
	ok = pd.r.n_weakest == 4 && pd.n_cards == 4;
	for (size_t i = 0; ok && i < pd.r.n_weakest; i++) {
		const struct store_card *c = &pd.cards[pd.r.weakest[i].index];
		ok = c->c.prompt && c->c.prompt[0] == 'p' && c->f.state != FSRS_NEW;
	}
	CHECK("the four cards studied are the weakest, with their prompts", ok);
	double quick = -1;
	int64_t exam_at = 0;
	CHECK("the quick readiness sum runs",
	      progress_readiness(s, "alpha", now, &quick, &exam_at, &err) == 0);
	CHECKF(fabs(quick - pd.r.mean) < 1e-9 && exam_at == pd.exam_at,
	       "and agrees with the full computation (%.6f and %.6f)", quick, pd.r.mean);
	progress_release(&pd);

	struct strlist slugs = STRLIST_INIT;
	CHECK("a report on every deck covers both, in order",
	      progress_deck_slugs(s, NULL, &slugs, &err) == 0 && slugs.n == 2 &&
	      !strcmp(slugs.items[0], "alpha") && !strcmp(slugs.items[1], "beta"));
	strlist_release(&slugs);
	struct stats st;
	int hour = -1;
	CHECK("the stats of every deck count 8 cards, 4 of them new",
	      progress_stats(s, NULL, now, &st, &hour, &err) == 0 && st.n_total == 8 &&
	      st.n_new == 4 && hour >= 0);
	memset(&pd, 0, sizeof pd);
	CHECK("an unknown deck is not found",
	      progress_load(s, "gamma", now, &pd, &err) == SWOT_ENOTFOUND);
	progress_release(&pd);
	CHECK("and the message names it", strstr(err.msg, "gamma") != NULL);
	size_t retired = 0;
	CHECK("a report on every deck leaves out a removed one",
	      store_deck_remove(s, "beta", &retired, &err) == 0 &&
	      progress_deck_slugs(s, NULL, &slugs, &err) == 0 && slugs.n == 1 &&
	      !strcmp(slugs.items[0], "alpha"));
	strlist_release(&slugs);

	store_close(s);
	char *cmd = xasprintf("rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	free(cmd);
	free(path);
	return test_done();
}
