/*
 * progress.c: loading one deck's progress (see progress.h).
 */
#include "swot/progress.h"

#include <stdlib.h>
#include <string.h>

#include "swot/exam.h"
#include "swot/forecast.h"
#include "swot/learnday.h"
#include "swot/queue.h"
#include "swot/settings.h"

int progress_conf_load(struct store *s, const char *deck, struct progress_conf *out,
		       struct swot_err *err)
{
	struct swot_settings set;
	int rc = settings_load(s, deck, &set, err);
	if (rc)
		return rc;
	out->fsrs = set.fsrs;
	out->rollover_hour = set.rollover_hour;
	out->new_per_day = set.new_per_day;
	out->reviews_per_day = set.reviews_per_day;
	out->readiness_target = set.readiness_target;
	return SWOT_OK;
}

static int basis_row(void *ctx, const struct store_log_row *r)
{
	forecast_basis_add(ctx, r);
	return 0;
}

/* A card's place in its deck, and where the walk found it. */
struct place {
	int position;
	int64_t id;
	size_t at;
};

struct gather {
	struct readiness_cards *cs;
	struct place *places;
	size_t alloc;
};

static int brief_card(void *ctx, const struct store_card_brief *c)
{
	struct gather *g = ctx;
	ALLOC_GROW(g->places, g->cs->n + 1, g->alloc);
	g->places[g->cs->n] = (struct place){c->position, c->id, g->cs->n};
	readiness_cards_add(g->cs, c->id, c->key, c->kind, c->tags, c->themes, &c->f);
	return 0;
}

static int cmp_place(const void *a, const void *b)
{
	const struct place *x = a, *y = b;
	if (x->position != y->position)
		return x->position < y->position ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* The live cards of deck into cs in deck order (by position, then id,
 * as store_cards_load gives them): the readiness sums, samples and ties
 * follow it. */
static int load_cards(struct store *s, const char *deck, struct readiness_cards *cs,
		      struct swot_err *err)
{
	struct gather g = {cs, NULL, 0};
	int rc = store_cards_walk_brief(s, deck, brief_card, &g, err);
	if (!rc && cs->n) {
		size_t *perm = xcalloc(cs->n ? cs->n : 1, sizeof *perm);
		qsort(g.places, cs->n, sizeof *g.places, cmp_place);
		for (size_t k = 0; k < cs->n; k++)
			perm[k] = g.places[k].at;
		readiness_cards_reorder(cs, perm);
		free(perm);
	}
	free(g.places);
	return rc;
}

int progress_basis(struct store *s, const char *deck, int64_t now, int rollover,
		   const struct fsrs_card *cards, size_t n, struct forecast_basis *b,
		   struct swot_err *err)
{
	/* the last weeks of the log */
	forecast_basis_init(b, now, rollover);
	int rc = store_review_walk(s, deck,
				   learnday_start(b->today - FORECAST_WINDOW_DAYS + 1, rollover),
				   basis_row, b, err);
	if (rc)
		return rc;
	forecast_basis_cards(b, cards, n);
	return SWOT_OK;
}

/* What readiness_compute_cards needs of the settings set and the basis
 * b (both borrowed), with swot's pace before an exam. */
static struct readiness_opts conf_opts(const struct progress_conf *set,
					       const struct forecast_basis *b)
{
	return (struct readiness_opts){
		.params = &set->fsrs,
		.rollover_hour = set->rollover_hour,
		.new_per_day = set->new_per_day,
		.new_cap = EXAM_NEW_CAP,
		.lead_days = EXAM_LEAD_DAYS,
		.basis = b,
		.reviews_per_day = set->reviews_per_day,
		.target = set->readiness_target,
	};
}

/* The readiness of the cards cs into out->r, with the settings set. */
static int compute(struct store *s, const struct readiness_cards *cs,
		   const struct progress_conf *set, int64_t now,
		   struct progress_deck *out, struct swot_err *err)
{
	struct forecast_basis basis;
	int rc = progress_basis(s, out->deck, now, set->rollover_hour, cs->f, cs->n, &basis,
				err);
	if (rc)
		return rc;
	struct readiness_opts o = conf_opts(set, &basis);
	o.themes = out->themes;
	o.n_themes = out->theme_ids.n;
	readiness_compute_cards(&out->r, cs, now, out->exam_at, &o);
	if ((rc = queue_today(s, out->deck, now, &out->r.left, err)))
		return rc;
	out->r.has_left = 1;
	return SWOT_OK;
}

int progress_load(struct store *s, const char *deck, int64_t now,
		  struct progress_deck *out, struct swot_err *err)
{
	struct progress_conf set;
	struct readiness_cards cs;
	int found = 0, rc;

	memset(out, 0, sizeof *out);
	strlist_init(&out->theme_ids);
	strlist_init(&out->theme_names);
	readiness_cards_init(&cs);
	out->deck = xstrdup(deck);
	if ((rc = store_deck_title(s, deck, &out->title, err)) ||
	    (rc = progress_conf_load(s, deck, &set, err)))
		goto out;
	out->params = set.fsrs;
	out->rollover_hour = set.rollover_hour;
	out->new_per_day = set.new_per_day;
	/* the cards' memories and what they are about, never their text */
	if ((rc = load_cards(s, deck, &cs, err)) ||
	    (rc = store_exam_get(s, deck, &out->exam_at, &found, err)))
		goto out;
	if (!found)
		out->exam_at = 0;
	if ((rc = store_deck_themes(s, deck, &out->theme_ids, &out->theme_names, err)))
		goto out;
	out->themes = xcalloc(out->theme_ids.n ? out->theme_ids.n : 1, sizeof *out->themes);
	for (size_t i = 0; i < out->theme_ids.n; i++) {
		out->themes[i].id = out->theme_ids.items[i];
		out->themes[i].name = out->theme_names.items[i];
	}
	if ((rc = compute(s, &cs, &set, now, out, err)))
		goto out;
	/* the weakest cards are shown as asked: only they are loaded whole */
	out->cards = xcalloc(out->r.n_weakest ? out->r.n_weakest : 1, sizeof *out->cards);
	for (size_t i = 0; i < out->r.n_weakest; i++) {
		if ((rc = store_card_get(s, cs.c[out->r.weakest[i].index].id, &out->cards[i],
					 err)))
			goto out;
		out->n_cards++;
		out->r.weakest[i].index = i;
	}
out:
	readiness_cards_release(&cs);
	return rc;
}

void progress_release(struct progress_deck *p)
{
	readiness_release(&p->r);
	store_cards_free(p->cards, p->n_cards);
	free(p->themes);
	strlist_release(&p->theme_ids);
	strlist_release(&p->theme_names);
	free(p->deck);
	free(p->title);
	memset(p, 0, sizeof *p);
}

/* What progress_tally adds up, card by card.  The cards come sorted by
 * last review, so the learning day of the last one is kept: most cards
 * then need no local-time conversion at all. */
struct tally {
	const struct fsrs_params *p;
	int64_t at_day;
	int rollover_hour;
	int64_t day, day_from, day_to; /* learning day `day` is [from, to) */
	double sum;
};

static int tally_card(void *ctx, const struct fsrs_card *f, int suspended)
{
	(void)suspended; /* a suspended card is still known, or not, on the day */
	struct tally *t = ctx;
	if (f->state == FSRS_NEW || f->last_review == 0)
		return 0;
	if (f->last_review < t->day_from || f->last_review >= t->day_to) {
		t->day = learnday_of(f->last_review, t->rollover_hour);
		t->day_from = learnday_start(t->day, t->rollover_hour);
		t->day_to = learnday_start(t->day + 1, t->rollover_hour);
	}
	t->sum += readiness_card_r(t->p, f, (double)(t->at_day - t->day));
	return 0;
}

int progress_tally(struct store *s, const char *deck, const struct fsrs_params *p,
		   int64_t at, int rollover_hour, double *sum, size_t *n,
		   struct swot_err *err)
{
	/* schedules only, never the cards' text: the session calls this
	 * before its first card, on decks of any size */
	struct tally t = {.p = p, .at_day = learnday_of(at, rollover_hour),
			  .rollover_hour = rollover_hour};
	*sum = 0;
	*n = 0;
	int rc = store_card_states(s, deck, tally_card, &t, n, err);
	if (!rc)
		*sum = t.sum;
	return rc;
}

int progress_readiness(struct store *s, const char *deck, int64_t now,
		       double *out, int64_t *exam_at, struct swot_err *err)
{
	struct progress_conf set;
	int64_t at = 0;
	int found = 0, rc;
	double sum = 0;
	size_t n = 0;

	*out = 0;
	*exam_at = 0;
	if ((rc = progress_conf_load(s, deck, &set, err)))
		return rc;
	if ((rc = store_exam_get(s, deck, &at, &found, err)))
		return rc;
	if (found && at > now) /* as readiness_compute: a past exam is no target */
		*exam_at = at;
	if ((rc = progress_tally(s, deck, &set.fsrs, *exam_at ? *exam_at : now,
				 set.rollover_hour, &sum, &n, err)))
		return rc;
	*out = n ? sum / (double)n : 0;
	return SWOT_OK;
}

/* The forecast of a deck with an exam ahead (out->exam_at set). */
static int ready_forecast(struct store *s, const char *deck, int64_t now,
			  const struct progress_conf *set, struct progress_ready *out,
			  struct swot_err *err)
{
	struct readiness_cards cs;
	struct forecast_basis basis;
	struct readiness r;
	readiness_cards_init(&cs);
	int rc = load_cards(s, deck, &cs, err);
	if (!rc)
		rc = progress_basis(s, deck, now, set->rollover_hour, cs.f, cs.n, &basis, err);
	if (rc) {
		readiness_cards_release(&cs);
		return rc;
	}
	struct readiness_opts o = conf_opts(set, &basis);
	o.skip_keep = o.skip_reach = 1;
	readiness_compute_cards(&r, &cs, now, out->exam_at, &o);
	out->now = r.mean;
	out->has_forecast = r.has_forecast;
	if (r.has_forecast) {
		out->expected = r.forecast.expected;
		out->low = r.forecast.low;
		out->high = r.forecast.high;
	}
	readiness_release(&r);
	readiness_cards_release(&cs);
	return SWOT_OK;
}

int progress_ready(struct store *s, const char *deck, int64_t now,
		   struct progress_ready *out, struct swot_err *err)
{
	struct progress_conf set;
	int64_t at = 0;
	int found = 0, rc;
	double sum = 0;
	size_t n = 0;

	memset(out, 0, sizeof *out);
	if ((rc = progress_conf_load(s, deck, &set, err)))
		return rc;
	if ((rc = store_exam_get(s, deck, &at, &found, err)))
		return rc;
	if (found && at > now) { /* as readiness_compute: a past exam is no target */
		out->exam_at = at;
		return ready_forecast(s, deck, now, &set, out, err);
	}
	if ((rc = progress_tally(s, deck, &set.fsrs, now, set.rollover_hour, &sum, &n, err)))
		return rc;
	out->now = n ? sum / (double)n : 0;
	return SWOT_OK;
}

double progress_ready_figure(const struct progress_ready *r)
{
	return r->has_forecast ? r->expected : r->now;
}

int progress_deck_slugs(struct store *s, const char *deck,
			struct strlist *slugs, struct swot_err *err)
{
	if (deck) {
		strlist_push(slugs, deck);
		return SWOT_OK;
	}
	return store_live_deck_slugs(s, slugs, err);
}

static int stats_card(void *ctx, const struct fsrs_card *f, int suspended)
{
	stats_add_card(ctx, f, suspended);
	return 0;
}

static int stats_row(void *ctx, const struct store_log_row *r)
{
	stats_add_review(ctx, r);
	return 0;
}

int progress_stats(struct store *s, const char *deck, int64_t now,
		   struct stats *out, int *rollover_hour, struct swot_err *err)
{
	struct progress_conf set;
	struct stats_acc acc;
	size_t n = 0;
	int rc;
	if ((rc = progress_conf_load(s, deck, &set, err)))
		return rc;
	/* both walks read indexes only, and keep nothing per card or row */
	stats_begin(&acc, out, now, set.rollover_hour);
	if (!(rc = store_card_states(s, deck, stats_card, &acc, &n, err)))
		rc = store_review_walk(s, deck, INT64_MIN, stats_row, &acc, err);
	stats_end(&acc);
	struct queue_today t;
	if (!rc && !(rc = queue_today(s, deck, now, &t, err)))
		stats_set_today(out, &t);
	*rollover_hour = set.rollover_hour;
	return rc;
}
