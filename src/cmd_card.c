/*
 * cmd_card.c: one card, and what a student does to cards by hand:
 *   swot card ID                      the card as asked, its answer, its
 *                                     memory and every review of it
 *   swot suspend ID...|--search TEXT  never ask them (until unsuspended)
 *   swot unsuspend ID...|--search TEXT
 *   swot forget ID...                 back to new; the history is kept
 * An ID is a card's id ("weeping/cloze"), a note's ("weeping": all its
 * cards), either after "DECK:", or the row number `swot cards --json`
 * gives.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "swot/check.h"
#include "swot/clock.h"
#include "swot/cli.h"
#include "swot/learnday.h"
#include "swot/readiness.h"
#include "swot/settings.h"
#include "swot/textout.h"

static const char *const rating_names[] = {"", "again", "hard", "good", "easy"};

/* Every review of c with the recall FSRS predicted just before it. */
static void history(struct strbuf *sb, const struct store_review *r, size_t n,
		    const struct swot_settings *set)
{
	strbuf_addf(sb, "\n%zu %s\n", n, n == 1 ? "review" : "reviews");
	if (!n)
		return;
	strbuf_adds(sb, "  WHEN              GRADE  KIND      RECALL  INTERVAL  STABILITY\n");
	double s_prev = 0;
	int64_t t_prev = 0;
	for (size_t i = 0; i < n; i++) {
		char w[32], rec[8] = "-";
		clock_format(r[i].time, w, (int)sizeof w);
		if (s_prev > 0 && r[i].kind != STORE_LOG_DRILL) {
			double days = (double)learnday_between(t_prev, r[i].time, set->rollover_hour);
			snprintf(rec, sizeof rec, "%d%%",
				 textout_pct(fsrs_retrievability(&set->fsrs, days, s_prev)));
		}
		strbuf_addf(sb, "  %-16s  %-5s  %-8s  %6s  %7dd  %8.1fd\n", w,
			    r[i].rating >= 1 && r[i].rating <= 4 ? rating_names[r[i].rating] : "?",
			    store_log_kind_name(r[i].kind), rec, r[i].scheduled_days, r[i].stability);
		if (r[i].kind != STORE_LOG_DRILL) {
			s_prev = r[i].stability;
			t_prev = r[i].time;
		}
	}
}

static void show(struct strbuf *sb, const struct store_card *c,
		 const struct store_review *r, size_t n, const struct swot_settings *set,
		 int64_t now)
{
	char due[32];
	strbuf_addf(sb, "%s:%s (%s, %s)\n\n", c->deck_id, c->c.id,
		    deck_note_kind_name(c->c.kind), deck_card_type_name(c->c.type));
	textout_wrap(sb, c->c.prompt, 80, 0);
	strbuf_addc(sb, '\n');
	for (size_t i = 0; i < c->c.options.n; i++)
		strbuf_addf(sb, "  %zu. %s\n", i + 1, c->c.options.items[i]);
	struct strlist a = STRLIST_INIT;
	for (size_t i = 0; i < c->c.answers.n; i++)
		strlist_push(&a, c->c.answers.items[i]);
	char *answers = strlist_join(&a, " / ");
	strbuf_addf(sb, "answer: %s\n", answers);
	free(answers);
	strlist_release(&a);
	if (c->c.explain && *c->c.explain) {
		strbuf_adds(sb, "\n");
		textout_wrap(sb, c->c.explain, 80, 0);
		strbuf_addc(sb, '\n');
	}
	strbuf_addc(sb, '\n');
	if (c->f.state == FSRS_NEW) {
		strbuf_addf(sb, "new: not studied yet%s\n", c->suspended ? " (suspended)" : "");
	} else {
		clock_format(c->f.due, due, (int)sizeof due);
		strbuf_addf(sb,
			    "%s%s: due %s; stability %.1f days, difficulty %.1f;\n"
			    "recall now %d%%; %d %s, %d %s\n",
			    c->suspended ? "suspended, " : "",
			    c->f.state == FSRS_REVIEW ? "review" : "learning", due,
			    c->f.stability, c->f.difficulty,
			    textout_pct(readiness_card_at(&set->fsrs, &c->f, now, set->rollover_hour)),
			    c->f.reps, c->f.reps == 1 ? "review" : "reviews", c->f.lapses,
			    c->f.lapses == 1 ? "lapse" : "lapses");
	}
	history(sb, r, n, set);
}

int cmd_card(int argc, char **argv, struct cli *cli)
{
	struct store *s;
	struct swot_err err = {0};
	const struct cli_opt opts[] = {OPT_END()};
	int rc = cli_parse_options(cli, &argc, argv, opts, 1);
	if (rc != CLI_GO_ON)
		return rc;
	if (argc != 1)
		return cli_usage_error(cli, "name the card");
	if ((rc = cli_open_store(cli, &s)))
		return rc;
	int64_t *ids = NULL;
	size_t n = 0;
	if (store_cards_find(s, argv[0], &ids, &n, &err))
		return cli_fail(&err);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n && !rc; i++) {
		struct store_card c;
		struct store_review *r = NULL;
		size_t n_r = 0;
		struct swot_settings set;
		if (store_card_get(s, ids[i], &c, &err)) {
			rc = cli_fail(&err);
			break;
		}
		if (settings_load(s, c.deck_id, &set, &err) ||
		    store_card_reviews(s, ids[i], &r, &n_r, &err)) {
			rc = cli_fail(&err);
		} else {
			if (i)
				strbuf_adds(&sb, "\n");
			show(&sb, &c, r, n_r, &set, cli->now);
		}
		free(r);
		store_card_release(&c);
	}
	fputs(strbuf_str(&sb), stdout);
	strbuf_release(&sb);
	free(ids);
	return rc;
}

/* The cards named by argv[0..argc), or those whose text holds search. */
/* The ids of the cards whose question or an answer holds a text. */
struct found {
	const char *needle; /* folded as the answer check folds */
	int64_t *ids;
	size_t n, alloc;
};

static int holds_folded(const char *s, const char *needle)
{
	char *f = check_normalize(s);
	int hit = needle && f && strstr(f, needle);
	free(f);
	return hit;
}

static int find_card(void *ctx, struct store_card *c)
{
	struct found *x = ctx;
	int hit = holds_folded(c->c.prompt, x->needle);
	for (size_t k = 0; !hit && k < c->c.answers.n; k++)
		hit = holds_folded(c->c.answers.items[k], x->needle);
	if (hit) {
		ALLOC_GROW(x->ids, x->n + 1, x->alloc);
		x->ids[x->n++] = c->id;
	}
	return 0;
}

static int named_cards(struct cli *cli, struct store *s, int argc, char **argv,
		       const char *search, int64_t **ids, size_t *n)
{
	struct swot_err err = {0};
	struct found x = {0};
	*ids = NULL;
	*n = 0;
	for (int i = 0; i < argc; i++) {
		int64_t *found;
		size_t n_found;
		if (store_cards_find(s, argv[i], &found, &n_found, &err)) {
			free(x.ids);
			return cli_fail(&err);
		}
		ALLOC_GROW(x.ids, x.n + n_found, x.alloc);
		memcpy(x.ids + x.n, found, n_found * sizeof *found);
		x.n += n_found;
		free(found);
	}
	char *needle = search ? check_normalize(search) : NULL;
	x.needle = needle;
	int rc = search ? store_cards_walk(s, NULL, find_card, &x, &err) : 0;
	free(needle);
	if (rc) {
		free(x.ids);
		return cli_fail(&err);
	}
	if (search && !x.n) {
		cli_error("no card holds \"%s\"", search);
		return SWOT_EXIT_FAIL;
	}
	*ids = x.ids;
	*n = x.n;
	(void)cli;
	return SWOT_EXIT_OK;
}

/* suspend, unsuspend (suspended 0) and forget (suspended -1). */
static int card_control(int argc, char **argv, struct cli *cli, int suspended)
{
	struct store *s;
	struct swot_err err = {0};
	const char *search = NULL;
	const struct cli_opt opts[] = {OPT_STRING("--search", &search), OPT_END()};
	const struct cli_opt forget_opts[] = {OPT_END()};
	int rc = cli_parse_options(cli, &argc, argv, suspended < 0 ? forget_opts : opts,
				   CLI_ANY_ARGS);
	if (rc != CLI_GO_ON)
		return rc;
	if (!argc && !search)
		return cli_usage_error(cli, "name the cards");
	if ((rc = cli_open_store(cli, &s)))
		return rc;
	int64_t *ids;
	size_t n, changed = 0;
	if ((rc = named_cards(cli, s, argc, argv, search, &ids, &n)))
		return rc;
	if (suspended < 0 ? store_cards_forget(s, ids, n, &err)
			  : store_cards_suspend(s, ids, n, suspended, &changed, &err)) {
		rc = cli_fail(&err);
	} else if (suspended < 0) {
		printf("%zu %s forgotten: new again (the history is kept)\n", n,
		       n == 1 ? "card" : "cards");
	} else {
		printf("%zu %s %s", changed, changed == 1 ? "card" : "cards",
		       suspended ? "suspended: never asked until 'swot unsuspend'"
				 : "unsuspended: asked again when due");
		if (changed < n)
			printf(" (%zu already %s)", n - changed,
			       suspended ? "suspended" : "not suspended");
		printf("\n");
	}
	free(ids);
	return rc;
}

int cmd_suspend(int argc, char **argv, struct cli *cli)
{
	return card_control(argc, argv, cli, 1);
}

int cmd_unsuspend(int argc, char **argv, struct cli *cli)
{
	return card_control(argc, argv, cli, 0);
}

int cmd_forget(int argc, char **argv, struct cli *cli)
{
	return card_control(argc, argv, cli, -1);
}
