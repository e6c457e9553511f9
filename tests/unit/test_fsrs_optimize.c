/*
 * test_fsrs_optimize.c: the optimizer's items (fsrs-rs's rules), its
 * derivatives against finite differences, and its fit: within the clamps,
 * better than the defaults, the same every time, the defaults kept when
 * the history is too small.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "swot/fsrs_optimize.h"
#include "testhelp.h"

#define NW FSRS_N_WEIGHTS

/* A history of n_cards cards: learnt on day d0 (a second answer the same
 * day after Again or Hard), then reviewed 3 to 12 times at 1 to 30 day
 * intervals, each rating drawn from rng. */
static struct fsrs_opt_review *simulate(size_t n_cards, uint64_t seed, size_t *n)
{
	size_t cap = n_cards * 14, k = 0;
	struct fsrs_opt_review *r = xmalloc(cap * sizeof *r);
	uint64_t rng = seed;
	for (size_t c = 0; c < n_cards; c++) {
		int64_t day = 20000 + (int64_t)(splitmix64_next(&rng) % 30), t = day * 1440;
		int g = 1 + (int)(splitmix64_next(&rng) % 4);
		r[k++] = (struct fsrs_opt_review){(int64_t)c, t, day, g, 1};
		if (g <= 2)
			r[k++] = (struct fsrs_opt_review){(int64_t)c, t + 10, day, 3, 1};
		int reviews = 3 + (int)(splitmix64_next(&rng) % 10);
		for (int i = 0; i < reviews; i++) {
			day += 1 + (int64_t)(splitmix64_next(&rng) % 30);
			double u = splitmix64_uniform(&rng);
			g = u < 0.15 ? 1 : u < 0.25 ? 2 : u < 0.9 ? 3 : 4;
			r[k++] = (struct fsrs_opt_review){(int64_t)c, day * 1440, day, g, 0};
		}
	}
	*n = k;
	return r;
}

static void test_items(void)
{
	/* card 1: learnt (twice on day 0), reviewed on day 2 twice (the second
	 * is the same day: no item), then day 5.  card 2: reviews, then a new
	 * run of learning on day 10 (a reset), then day 12: only what follows
	 * the reset counts.  card 3: no learning answer at all: dropped. */
	struct fsrs_opt_review r[] = {
		{1, 0, 0, 1, 1}, {1, 1, 0, 3, 1}, {1, 2, 2, 3, 0},
		{1, 3, 2, 3, 0}, {1, 4, 5, 1, 0},
		{2, 0, 0, 3, 1}, {2, 1, 3, 3, 0}, {2, 2, 10, 1, 1},
		{2, 3, 10, 3, 1}, {2, 4, 12, 3, 0},
		{3, 0, 0, 3, 0}, {3, 1, 4, 3, 0},
	};
	struct fsrs_dataset *d = NULL;
	struct swot_err err = {0};
	CHECK("a history builds", !fsrs_dataset_build(r, sizeof r / sizeof *r, &d, &err));
	CHECK("one item per answer on a later day than the one before, after "
	      "the last learning run; a card never learnt has none",
	      d && fsrs_dataset_items(d) == 3);
	fsrs_dataset_free(d);
	r[4].rating = 5;
	d = NULL;
	CHECK("a rating outside 1..4 is refused, naming the answer",
	      fsrs_dataset_build(r, sizeof r / sizeof *r, &d, &err) == SWOT_EINVAL &&
		      strstr(err.msg, "answer 5") && !d);
}

/* The largest relative gap between the derivatives and central finite
 * differences of the log loss at w. */
static double gradient_gap(const struct fsrs_dataset *d, const double *w)
{
	double g[NW], unused[NW], worst = 0;
	fsrs_log_loss_gradient(d, w, g);
	for (int j = 0; j < NW; j++) {
		double wp[NW], wm[NW], h = 1e-6 * fmax(1, fabs(w[j]));
		memcpy(wp, w, sizeof wp);
		memcpy(wm, w, sizeof wm);
		wp[j] += h;
		wm[j] -= h;
		double fd = (fsrs_log_loss_gradient(d, wp, unused) -
			     fsrs_log_loss_gradient(d, wm, unused)) / (2 * h);
		double gap = fabs(fd - g[j]) / fmax(1e-4, fabs(fd));
		worst = gap > worst ? gap : worst;
	}
	return worst;
}

static void test_gradient(const struct fsrs_dataset *d)
{
	double w[NW], loss, g[NW];
	struct fsrs_metrics m;
	fsrs_opt_default_weights(w);
	loss = fsrs_log_loss_gradient(d, w, g);
	fsrs_evaluate(d, w, &m);
	CHECK("the log loss with derivatives is fsrs_evaluate's",
	      fabs(loss - m.log_loss) < 1e-12);
	double gap = gradient_gap(d, w);
	CHECKF(gap < 1e-5, "derivatives match finite differences at the defaults "
			   "(worst relative gap %.1e)", gap);
	/* away from the defaults, with the short-term and lapse floors in play */
	double v[NW] = {0.5, 1.5, 4.0, 12.0, 5.5, 1.1, 2.5, 0.05, 1.6, 0.25, 1.1,
			1.9, 0.09, 0.35, 2.0, 0.45, 2.3, 0.6, 0.4, 0.2, 0.3};
	gap = gradient_gap(d, v);
	CHECKF(gap < 1e-5, "and at other weights (worst relative gap %.1e)", gap);
}

static void test_fit(const struct fsrs_dataset *d, struct fsrs_fit *out)
{
	struct fsrs_fit a, b;
	struct fsrs_opt_config c;
	struct fsrs_metrics before, after;
	double def[NW];
	int inside = 1;
	fsrs_opt_config_default(&c);
	fsrs_opt_default_weights(def);
	fsrs_fit(d, &c, &a);
	fsrs_fit(d, &c, &b);
	fsrs_evaluate(d, def, &before);
	fsrs_evaluate(d, a.w, &after);
	CHECK("a history of a few thousand answers is fully trained",
	      a.kind == FSRS_FIT_TRAINED && a.n_train <= a.n_items && a.n_train > 64);
	CHECKF(after.log_loss < before.log_loss,
	       "the fit predicts better than the defaults (log loss %.4f < %.4f)",
	       after.log_loss, before.log_loss);
	for (int j = 0; j < NW; j++) {
		double lo, hi;
		fsrs_weight_range(j, &lo, &hi);
		inside &= a.w[j] >= lo && a.w[j] <= hi;
	}
	CHECK("every fitted weight is within its range", inside && a.w[19] >= 0.01);
	CHECK("the same history gives the same weights, bit for bit",
	      !memcmp(a.w, b.w, sizeof a.w));
	CHECK("the training items are the outlier rule's",
	      fsrs_dataset_train_items(d) == a.n_train);
	*out = a;
}

static int cmp_time(const void *pa, const void *pb)
{
	const struct fsrs_opt_review *a = pa, *b = pb;
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return (a->card_id > b->card_id) - (a->card_id < b->card_id);
}

/* The answers as the store gives them (in time order) and as a file may
 * (card by card) make the same items, in the same order: the same fit. */
static void test_order(const struct fsrs_opt_review *r, size_t n, const struct fsrs_fit *a)
{
	struct fsrs_opt_review *t = xmalloc(n * sizeof *t);
	struct fsrs_dataset *d = NULL;
	struct swot_err err = {0};
	struct fsrs_opt_config c;
	struct fsrs_fit b;
	memcpy(t, r, n * sizeof *t);
	qsort(t, n, sizeof *t, cmp_time);
	fsrs_opt_config_default(&c);
	CHECK("the answers in time order build too", !fsrs_dataset_build(t, n, &d, &err));
	fsrs_fit(d, &c, &b);
	CHECK("and fit to the same weights, bit for bit, as in card order",
	      b.n_items == a->n_items && !memcmp(a->w, b.w, sizeof a->w));
	fsrs_dataset_free(d);
	free(t);
}

static void test_too_little(void)
{
	struct fsrs_opt_review r[] = {
		{1, 0, 0, 3, 1}, {1, 1, 2, 3, 0}, {2, 0, 0, 3, 1}, {2, 1, 3, 1, 0},
	};
	struct fsrs_dataset *d;
	struct swot_err err = {0};
	struct fsrs_fit f;
	struct fsrs_opt_config c;
	double def[NW];
	fsrs_opt_config_default(&c);
	fsrs_opt_default_weights(def);
	fsrs_dataset_build(r, 4, &d, &err);
	fsrs_fit(d, &c, &f);
	CHECK("too little history keeps the defaults",
	      f.kind == FSRS_FIT_TOO_LITTLE && !memcmp(f.w, def, sizeof def));
	fsrs_dataset_free(d);
}

int main(void)
{
	size_t n;
	struct fsrs_dataset *d;
	struct swot_err err = {0};
	struct fsrs_fit fit;
	test_plan(14);
	test_items();
	struct fsrs_opt_review *r = simulate(400, 17, &n);
	fsrs_dataset_build(r, n, &d, &err);
	test_gradient(d);
	test_fit(d, &fit);
	test_order(r, n, &fit);
	test_too_little();
	fsrs_dataset_free(d);
	free(r);
	return test_done();
}
