/*
 * cmd_optimize.c: `swot optimize [DECK] [--json] [--apply]` fits the FSRS-6
 * weights to the review log (every deck, or one deck) and applies them on
 * request; `swot optimize --reviews FILE.csv [--rollover-hour H]
 * [--utc-offset MINUTES] [--json]` fits a review-log CSV with no database,
 * and `--evaluate W` scores given weights on it instead.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "swot/cli.h"
#include "swot/fsrs_optimize.h"
#include "swot/learnday.h"
#include "swot/settings.h"

#define REVLOG_MAX_BYTES ((size_t)1 << 30)

/* What a run found, for printing. */
struct outcome {
	const char *source;     /* "all decks", a deck id or a file */
	size_t n_answers;
	struct fsrs_fit fit;
	struct fsrs_metrics before, after;
	const double *before_w; /* the weights "before" scores */
	double seconds;     /* everything: items, both evaluations, the fit */
	double fit_seconds; /* the fit alone */
	int evaluate_only;
};

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *fit_name(enum fsrs_fit_kind k)
{
	return k == FSRS_FIT_TRAINED	? "trained"
	       : k == FSRS_FIT_PRETRAINED ? "pretrained"
					  : "too-little";
}

static void json_weights(struct strbuf *sb, const double *w)
{
	strbuf_addc(sb, '[');
	for (int i = 0; i < FSRS_N_WEIGHTS; i++)
		strbuf_addf(sb, "%s%.6g", i ? ", " : "", w[i]);
	strbuf_addc(sb, ']');
}

static void json_metrics(struct strbuf *sb, const struct fsrs_metrics *m)
{
	strbuf_addf(sb, "{\"log_loss\": %.6f, \"rmse_bins\": %.6f}", m->log_loss,
		    m->rmse_bins);
}

static void print_json(const struct outcome *o)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "{\"reviews\": %zu, \"items\": %zu", o->n_answers,
		    o->fit.n_items);
	if (o->evaluate_only) {
		strbuf_adds(&sb, ", \"parameters\": ");
		json_weights(&sb, o->before_w);
		strbuf_adds(&sb, ", \"metrics\": ");
		json_metrics(&sb, &o->before);
	} else {
		strbuf_addf(&sb, ", \"train_items\": %zu, \"fit\": \"%s\", "
				 "\"iterations\": %d, \"parameters\": ",
			    o->fit.n_train, fit_name(o->fit.kind), o->fit.iterations);
		json_weights(&sb, o->fit.w);
		strbuf_adds(&sb, ", \"before\": ");
		json_metrics(&sb, &o->before);
		strbuf_adds(&sb, ", \"after\": ");
		json_metrics(&sb, &o->after);
	}
	strbuf_addf(&sb, ", \"seconds\": %.4f", o->seconds);
	if (!o->evaluate_only)
		strbuf_addf(&sb, ", \"fit_seconds\": %.4f", o->fit_seconds);
	strbuf_adds(&sb, "}\n");
	fputs(strbuf_str(&sb), stdout);
	strbuf_release(&sb);
}

static void print_text(const struct outcome *o, const char *current)
{
	if (o->evaluate_only) {
		printf("%s: %zu answers, %zu predictions scored\n", o->source,
		       o->n_answers, o->fit.n_items);
		printf("                   log loss  RMSE (bins)\n");
		printf("  %-15s %9.4f  %10.4f\n", current, o->before.log_loss,
		       o->before.rmse_bins);
		return;
	}
	printf("%s: %zu answers, %zu predictions to score (%zu to train on)\n",
	       o->source, o->n_answers, o->fit.n_items, o->fit.n_train);
	if (o->fit.kind == FSRS_FIT_TOO_LITTLE) {
		printf("Too little history to fit: it takes at least 8 answers each "
		       "given on a later day than the card's answer before (rare "
		       "first intervals aside); the weights stay as they are.\n");
		return;
	}
	printf("                   log loss  RMSE (bins)\n");
	printf("  %-15s %9.4f  %10.4f\n", current, o->before.log_loss, o->before.rmse_bins);
	printf("  %-15s %9.4f  %10.4f\n", "fitted weights", o->after.log_loss,
	       o->after.rmse_bins);
	printf("fitted weights%s:\n ", o->fit.kind == FSRS_FIT_PRETRAINED
					      ? " (only the initial stabilities: under "
						"64 answers to train on)"
					      : "");
	for (int i = 0; i < FSRS_N_WEIGHTS; i++)
		printf(" %.4f%s", o->fit.w[i], i == 10 ? "\n " : "");
	printf("\n(fitted in %.2f s)\n", o->seconds);
}

/* Fits (or with ev, scores ev) and fills o's metrics and time. */
static int run_fit(const struct fsrs_opt_review *r, size_t n,
		   const struct fsrs_opt_config *c, const double *current,
		   const double *ev, struct outcome *o, struct swot_err *err)
{
	struct fsrs_dataset *d;
	double t0 = now_seconds();
	if (fsrs_dataset_build(r, n, &d, err))
		return SWOT_EINVAL;
	o->n_answers = n;
	o->before_w = ev ? ev : current;
	fsrs_evaluate(d, o->before_w, &o->before);
	if (ev) {
		o->evaluate_only = 1;
		o->fit.n_items = fsrs_dataset_items(d);
	} else {
		double t1 = now_seconds();
		fsrs_fit(d, c, &o->fit);
		o->fit_seconds = now_seconds() - t1;
		fsrs_evaluate(d, o->fit.w, &o->after);
	}
	o->seconds = now_seconds() - t0;
	fsrs_dataset_free(d);
	return SWOT_OK;
}

/* Parses 21 weights separated by commas or spaces. */
static int parse_weights(struct cli *cli, const char *v, double *w)
{
	const char *p = v;
	int n = 0;
	while (*p) {
		char *end;
		while (*p == ',' || *p == ' ')
			p++;
		if (!*p)
			break;
		double x = strtod(p, &end);
		if (end == p || !isfinite(x) || n == FSRS_N_WEIGHTS)
			break;
		w[n++] = x;
		p = end;
	}
	if (*p || n != FSRS_N_WEIGHTS) {
		return cli_usage_error(cli, "--evaluate needs 21 numbers (FSRS-6 "
					    "weights), separated by commas or spaces");
	}
	return 0;
}

/* The answers of a review-log CSV, each on its learning day: the UTC
 * offset and rollover hour say where days begin. */
static int csv_reviews(const char *path, int hour, int offset,
		       struct fsrs_opt_review **out, size_t *n, struct swot_err *err)
{
	struct revlog log;
	char *text;
	size_t len;
	if (read_file(path, REVLOG_MAX_BYTES, &text, &len, err))
		return SWOT_EIO;
	int rc = revlog_parse_csv(text, len, path, &log, err);
	free(text);
	if (rc)
		return rc;
	*out = xmalloc((log.n ? log.n : 1) * sizeof **out);
	*n = 0;
	for (size_t i = 0; i < log.n; i++) {
		const struct revlog_row *r = &log.rows[i];
		if (!revlog_is_answer(r))
			continue;
		int64_t t = r->time_ms / 1000 + offset * 60 - hour * 3600;
		int64_t day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
		(*out)[(*n)++] = (struct fsrs_opt_review){
			r->card_id, r->time_ms, day, r->rating,
			r->state == REVLOG_LEARNING};
	}
	revlog_free(&log);
	return SWOT_OK;
}

/* optimize --reviews FILE.csv: no database. */
static int optimize_csv(struct cli *cli, const char *path, int hour, int offset,
			const char *ev_s, int json)
{
	double ev[FSRS_N_WEIGHTS], def[FSRS_N_WEIGHTS];
	struct fsrs_opt_review *r = NULL;
	struct fsrs_opt_config c;
	struct outcome o = {.source = path};
	struct swot_err err = {0};
	size_t n;
	int rc;
	if (ev_s && (rc = parse_weights(cli, ev_s, ev)))
		return rc;
	fsrs_opt_config_default(&c);
	fsrs_opt_default_weights(def);
	if (csv_reviews(path, hour, offset, &r, &n, &err) ||
	    run_fit(r, n, &c, def, ev_s ? ev : NULL, &o, &err)) {
		cli_error("%s", err.msg);
		free(r);
		return SWOT_EXIT_FAIL;
	}
	if (json)
		print_json(&o);
	else
		print_text(&o, ev_s ? "given weights" : "default weights");
	free(r);
	return SWOT_EXIT_OK;
}

/* The answers being collected from the review log. */
struct collect {
	struct fsrs_opt_review *v;
	size_t n, alloc;
	int hour;
};

static int collect_row(void *ctx, const struct store_log_row *r)
{
	struct collect *c = ctx;
	if (r->kind == STORE_LOG_DRILL)
		return 0; /* practice that moved no schedule */
	ALLOC_GROW(c->v, c->n + 1, c->alloc);
	c->v[c->n++] = (struct fsrs_opt_review){
		r->card_id, r->time, learnday_of(r->time, c->hour), r->rating,
		r->kind == STORE_LOG_LEARN};
	return 0;
}

/* The scheduled answers of the store (one deck, or all), each on its
 * learning day; *out is the caller's to free. */
static int store_reviews(struct store *s, const char *deck, int hour,
			 struct fsrs_opt_review **out, size_t *n, struct swot_err *err)
{
	struct collect c = {.hour = hour};
	int rc = store_review_walk(s, deck, INT64_MIN, collect_row, &c, err);
	*out = c.v;
	*n = c.n;
	return rc;
}

/* Asks on a terminal whether to schedule with the fitted weights. */
static int confirm(const char *scope)
{
	char line[64];
	printf("Schedule %s with the fitted weights? [y/N] ", scope);
	fflush(stdout);
	if (!fgets(line, sizeof line, stdin))
		return 0;
	return line[0] == 'y' || line[0] == 'Y';
}

/* Stores the fitted weights, to 4 decimals as Anki shows them, as deck's
 * (or the global) weights setting, and recomputes the memory state of
 * every card of the deck (of every deck) from its history with them, as
 * Anki does when its weights change. */
static int apply(struct store *s, const char *deck, const double *w,
		 size_t *n_cards, struct swot_err *err)
{
	struct swot_settings set;
	struct strbuf v = STRBUF_INIT, shown = STRBUF_INIT;
	struct settings_replay k = {.s = s};
	int rc;
	for (int i = 0; i < FSRS_N_WEIGHTS; i++)
		strbuf_addf(&v, "%s%.4f", i ? " " : "", w[i]);
	settings_default(&set);
	if (!(rc = settings_parse(&set, "weights", strbuf_str(&v), err))) {
		settings_format(&set, "weights", &shown);
		rc = store_set_and_replay(s, deck ? deck : "", "weights",
					  strbuf_str(&shown), deck, settings_replay, &k,
					  n_cards, err);
	}
	settings_replay_release(&k);
	strbuf_release(&v);
	strbuf_release(&shown);
	return rc;
}

/* After a fit: applies it when asked (and when it is better). */
static int maybe_apply(struct store *s, const char *deck, const struct outcome *o,
		       int want, int json, struct swot_err *err)
{
	const char *scope = deck ? deck : "every deck";
	if (o->fit.kind == FSRS_FIT_TOO_LITTLE)
		return SWOT_OK;
	if (!(o->after.log_loss < o->before.log_loss)) {
		if (!json)
			printf("The fitted weights predict no better than the current "
			       "ones: the current ones stay.\n");
		return SWOT_OK;
	}
	if (!want && !json && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		want = confirm(scope);
	if (!want) {
		if (!json)
			printf("Not applied: `swot optimize%s%s --apply` schedules %s with "
			       "them.\n", deck ? " " : "", deck ? deck : "", scope);
		return SWOT_OK;
	}
	size_t n_cards;
	if (apply(s, deck, o->fit.w, &n_cards, err))
		return SWOT_EDB;
	if (!json)
		printf("Applied: %s now schedule%s with the fitted weights (setting "
		       "'weights'%s%s); the memory states of %zu card%s recomputed "
		       "from their history with them.\n",
		       scope, deck ? "s" : "", deck ? " of deck " : ", global",
		       deck ? deck : "", n_cards, n_cards == 1 ? "" : "s");
	return SWOT_OK;
}

static int optimize_store(struct cli *cli, const char *deck, int json, int want)
{
	struct store *s;
	struct swot_settings set;
	struct fsrs_opt_review *r = NULL;
	struct fsrs_opt_config c;
	struct outcome o = {.source = deck ? deck : "all decks"};
	struct swot_err err = {0};
	size_t n = 0;
	int rc = cli_open_store(cli, &s);
	if (rc)
		return rc;
	if ((deck && store_deck_check(s, deck, &err)) ||
	    settings_load(s, deck, &set, &err) ||
	    store_reviews(s, deck, set.rollover_hour, &r, &n, &err))
		goto fail;
	c.enable_short_term = set.fsrs.enable_short_term;
	c.n_relearning_steps = set.fsrs.n_relearning_steps;
	rc = run_fit(r, n, &c, set.fsrs.w, NULL, &o, &err);
	free(r); /* the answers are not needed to apply: the store replays */
	r = NULL;
	if (rc)
		goto fail;
	if (json)
		print_json(&o);
	else
		print_text(&o, "current weights");
	if (maybe_apply(s, deck, &o, want, json, &err))
		goto fail;
	goto out;
fail:
	rc = cli_fail(&err);
out:
	free(r);
	return rc;
}

void cmd_optimize_help(FILE *out)
{
	fputs("\nFits the 21 FSRS-6 weights to the review log (every deck, or DECK) and\n"
	      "shows how well the current and the fitted weights predict it (log loss,\n"
	      "RMSE over bins; lower is better).\n\n"
	      "  --apply            store the fitted weights (DECK's, else the global\n"
	      "                     ones) and recompute every studied card's memory\n"
	      "                     state with them; on a terminal swot asks instead\n"
	      "  --json             the figures as one JSON object\n"
	      "  --reviews FILE.csv fit a review-log CSV, with no database\n"
	      "  --rollover-hour H  with --reviews: days start at H o'clock (4)\n"
	      "  --utc-offset MIN   with --reviews: at MIN minutes from UTC (0)\n"
	      "  --evaluate W       with --reviews: score 21 weights W, no fit\n", out);
}

/* Marks an option not given (outside every range the options allow). */
#define NOT_GIVEN (-100000)

int cmd_optimize(int argc, char **argv, struct cli *cli)
{
	const char *reviews = NULL, *ev = NULL;
	int json = 0, want = 0, hour = NOT_GIVEN, offset = NOT_GIVEN, rc;
	const struct cli_opt opts[] = {
		OPT_BOOL("--json", &json),
		OPT_BOOL("--apply", &want),
		OPT_STRING("--reviews", &reviews),
		OPT_INT("--rollover-hour", &hour, 0, 23),
		OPT_INT("--utc-offset", &offset, -14 * 60, 14 * 60),
		OPT_STRING("--evaluate", &ev),
		OPT_END(),
	};
	if ((rc = cli_parse_options(cli, &argc, argv, opts, 1)) != CLI_GO_ON)
		return rc;
	const char *deck = argc ? argv[0] : NULL;
	if (reviews && (deck || want))
		return cli_usage_error(cli, "--reviews fits a file; it takes no deck "
					    "and no --apply");
	if (!reviews && (hour != NOT_GIVEN || offset != NOT_GIVEN || ev))
		return cli_usage_error(cli, "--rollover-hour, --utc-offset and "
					    "--evaluate go with --reviews FILE.csv (a "
					    "database's own settings say where its days "
					    "begin)");
	if (reviews)
		return optimize_csv(cli, reviews, hour == NOT_GIVEN ? 4 : hour,
				    offset == NOT_GIVEN ? 0 : offset, ev, json);
	return optimize_store(cli, deck, json, want);
}
