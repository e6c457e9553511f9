/*
 * test_fsrs.c: the FSRS-6 scheduler on hand-worked values (default
 * weights unless said), parameter validation, fuzz and steps.  Values
 * marked ts-fsrs were printed by ts-fsrs 5.4.2.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "swot/fsrs.h"
#include "testhelp.h"

#define DAY 86400
#define T0 INT64_C(1750000000)

static int near(double a, double b)
{
	return fabs(a - b) <= 1e-8;
}

static struct fsrs_params params(void)
{
	struct fsrs_params p;
	fsrs_params_default(&p);
	p.enable_fuzz = 0;
	return p;
}

static struct fsrs_card card(enum fsrs_state st, double s, double d, int step)
{
	struct fsrs_card c;
	fsrs_card_new(&c, T0);
	c.state = st;
	c.stability = s;
	c.difficulty = d;
	c.step = step;
	c.last_review = T0 - 10 * DAY;
	c.reps = 5;
	c.lapses = 1;
	return c;
}

static void test_defaults(void)
{
	struct fsrs_params p;
	struct fsrs_card c;
	fsrs_params_default(&p);
	CHECK("default w0 is 0.212", p.w[0] == 0.212);
	CHECK("default w20 (decay) is 0.1542", p.w[20] == 0.1542);
	CHECK("default retention 0.9", p.desired_retention == 0.9);
	CHECK("default maximum interval 36500", p.maximum_interval == 36500);
	CHECK("default learning steps 1m 10m", p.n_learning_steps == 2 &&
	      p.learning_steps[0] == 60 && p.learning_steps[1] == 600);
	CHECK("default relearning steps 10m", p.n_relearning_steps == 1 &&
	      p.relearning_steps[0] == 600);
	CHECK("default short-term and fuzz on", p.enable_short_term && p.enable_fuzz);
	fsrs_card_new(&c, T0);
	CHECK("a new card is New, due now, with no memory",
	      c.state == FSRS_NEW && c.due == T0 && c.stability == 0 &&
	      c.difficulty == 0 && c.reps == 0 && c.last_review == 0);
	CHECK_STR("state names", fsrs_state_name(FSRS_RELEARNING), "relearning");
}

static void test_retrievability(void)
{
	struct fsrs_params p = params();
	/* FACTOR = 0.9^(-1/0.1542) - 1 = 0.98034649 (rounded); R(t, S) =
	 * (1 + FACTOR t / S)^-0.1542 */
	CHECK("R at t = S is the 0.9 the curve is built on",
	      near(fsrs_retrievability(&p, 5, 5), 0.9));
	CHECK("R(0, S) = 1", fsrs_retrievability(&p, 0, 1) == 1);
	CHECK("R(10, 5) = (1 + 0.98034649 * 2)^-0.1542 = 0.84588465",
	      near(fsrs_retrievability(&p, 10, 5), 0.84588465));
	CHECK("R(3, 2.5) = 0.88699302 (ts-fsrs)",
	      near(fsrs_retrievability(&p, 3, 2.5), 0.88699302));
	CHECK("R(100, 7.3) = 0.66258851 (ts-fsrs)",
	      near(fsrs_retrievability(&p, 100, 7.3), 0.66258851));
	CHECK("R falls with time", fsrs_retrievability(&p, 20, 5) <
	      fsrs_retrievability(&p, 10, 5));
}

static void test_interval(void)
{
	struct fsrs_params p = params();
	CHECK("at retention 0.9 the interval is S rounded", fsrs_interval(&p, 8.2956) == 8);
	CHECK("halves round up as in JavaScript", fsrs_interval(&p, 2.5) == 3);
	CHECK("at least one day", fsrs_interval(&p, 0.1) == 1);
	p.desired_retention = 0.8; /* interval modifier 3.3159598 (ts-fsrs) */
	CHECK("retention 0.8: S 10 gives round(33.159598) = 33", fsrs_interval(&p, 10) == 33);
	p.maximum_interval = 30;
	CHECK("capped by the maximum interval", fsrs_interval(&p, 10) == 30);
	p.desired_retention = 0.95; /* modifier 0.40255869 */
	p.maximum_interval = 36500;
	CHECK("retention 0.95: S 10 gives round(4.0255869) = 4", fsrs_interval(&p, 10) == 4);
}

static void test_first_review(void)
{
	struct fsrs_params p = params();
	struct fsrs_card c, o;
	struct fsrs_log log;
	/* D0(G) = w4 - e^((G-1) w5) + 1; S0(G) = w[G-1] */
	static const double d0[4] = {6.4133, 5.11217071, 2.11810397, 1};
	static const int64_t due[4] = {T0 + 60, T0 + 360, T0 + 600, T0 + 8 * DAY};
	for (int g = 1; g <= 4; g++) {
		fsrs_card_new(&c, T0);
		int rc = fsrs_next(&p, &c, T0, 0, (enum fsrs_rating)g, 0, &o, &log);
		CHECKF(rc == 0 && near(o.difficulty, d0[g - 1]), "new card, rating %d: D0 = %.8f", g,
		       d0[g - 1]);
		CHECKF(near(o.stability, p.w[g - 1]), "new card, rating %d: S0 = w%d", g, g - 1);
		CHECKF(o.due == due[g - 1], "new card, rating %d: due %+lld s", g,
		       (long long)(due[g - 1] - T0));
		CHECKF(o.reps == 1 && o.last_review == T0 && log.state_before == FSRS_NEW &&
		       log.retrievability == 0 && log.elapsed_days == 0,
		       "new card, rating %d: reps, last review and log", g);
	}
	fsrs_card_new(&c, T0);
	fsrs_next(&p, &c, T0, 0, FSRS_GOOD, 0, &o, NULL);
	CHECK("Good on a new card: Learning, step 1", o.state == FSRS_LEARNING && o.step == 1);
	fsrs_next(&p, &c, T0, 0, FSRS_EASY, 0, &o, NULL);
	CHECK("Easy on a new card graduates: Review, 8 days",
	      o.state == FSRS_REVIEW && o.scheduled_days == 8 && o.step == 0);
	fsrs_next(&p, &c, T0, 0, FSRS_HARD, 0, &o, NULL);
	CHECK("Hard on a new card: mean of the first two steps, round((1 + 10) / 2) = 6m",
	      o.state == FSRS_LEARNING && o.step == 0 && o.due == T0 + 360);
	p.n_learning_steps = 1;
	fsrs_next(&p, &c, T0, 0, FSRS_HARD, 0, &o, NULL);
	CHECK("Hard with one step: 1.5 times it, round(1.5) = 2m", o.due == T0 + 120);
}

static void test_review(void)
{
	struct fsrs_params p = params();
	struct fsrs_card c = card(FSRS_REVIEW, 5, 5, 0), o;
	struct fsrs_log log;
	/* R = 0.84588465; S'r = S (1 + e^w8 (11 - D) S^-w9 (e^((1-R) w10) - 1)
	 * [w15 hard] [w16 easy]); D' = w7 D0(4) + (1 - w7)(D + dD (10 - D) / 9) */
	static const double s_after[5] = {0, 1.04246152, 16.71095678, 24.4728247, 41.47065338};
	static const double d_after[5] = {0, 8.34176237, 6.66599536, 4.99022837, 3.31446137};
	static const int days[5] = {0, 0, 17, 24, 41};
	for (int g = 1; g <= 4; g++) {
		fsrs_next(&p, &c, T0, 10, (enum fsrs_rating)g, 0, &o, &log);
		CHECKF(near(o.stability, s_after[g]), "review S5 D5 after 10 days, rating %d: S' = %.8f",
		       g, s_after[g]);
		CHECKF(near(o.difficulty, d_after[g]), "review, rating %d: D' = %.8f", g, d_after[g]);
		CHECKF(near(log.retrievability, 0.84588465) && log.elapsed_days == 10 &&
		       log.state_before == FSRS_REVIEW, "review, rating %d: the log", g);
		if (g > 1)
			CHECKF(o.state == FSRS_REVIEW && o.scheduled_days == days[g] &&
			       o.due == T0 + days[g] * DAY && o.lapses == 1 && o.reps == 6,
			       "review, rating %d: %d days", g, days[g]);
	}
	fsrs_next(&p, &c, T0, 10, FSRS_AGAIN, 0, &o, NULL);
	CHECK("Again in review: min(S / e^(w17 w18), S'f) = S'f, Relearning, 10m, a lapse",
	      o.state == FSRS_RELEARNING && o.step == 0 && o.due == T0 + 600 &&
	      o.lapses == 2 && o.scheduled_days == 0);
	p.n_relearning_steps = 0;
	fsrs_next(&p, &c, T0, 10, FSRS_AGAIN, 0, &o, NULL);
	CHECK("Again without relearning steps: back to Review for a day",
	      o.state == FSRS_REVIEW && o.scheduled_days == 1 && o.lapses == 2);
	/* the interval order: hard <= good < easy even when S says otherwise */
	struct fsrs_card young = card(FSRS_REVIEW, 0.5, 9, 0), pv[4];
	struct fsrs_log logs[4];
	p = params();
	fsrs_preview(&p, &young, T0, 0, 0, pv, logs);
	CHECK("hard <= good < easy", pv[1].scheduled_days <= pv[2].scheduled_days &&
	      pv[2].scheduled_days < pv[3].scheduled_days);
}

static void test_short_term(void)
{
	struct fsrs_params p = params();
	struct fsrs_card c = card(FSRS_LEARNING, 5, 5, 1), o;
	/* same day: S'' = S * S^-w19 * e^(w17 (G - 3 + w18)), at least S for
	 * G >= 2 */
	static const double s_after[5] = {0, 1.596818, 5, 5, 8.12960956};
	for (int g = 1; g <= 4; g++) {
		fsrs_next(&p, &c, T0, 0, (enum fsrs_rating)g, 0, &o, NULL);
		CHECKF(near(o.stability, s_after[g]), "same-day rating %d: S'' = %.8f", g,
		       s_after[g]);
	}
	fsrs_next(&p, &c, T0, 0, FSRS_GOOD, 0, &o, NULL);
	CHECK("Good on the last learning step graduates",
	      o.state == FSRS_REVIEW && o.step == 0 && o.scheduled_days == 5);
	c.step = 0;
	fsrs_next(&p, &c, T0, 0, FSRS_GOOD, 0, &o, NULL);
	CHECK("Good on step 0 moves to step 1 (10m)", o.state == FSRS_LEARNING &&
	      o.step == 1 && o.due == T0 + 600);
	c.state = FSRS_RELEARNING;
	fsrs_next(&p, &c, T0, 0, FSRS_AGAIN, 0, &o, NULL);
	CHECK("Again in relearning restarts its steps, no new lapse",
	      o.state == FSRS_RELEARNING && o.due == T0 + 600 && o.lapses == 1);
	/* a step of a day or more leaves learning with a day count */
	p.learning_steps[1] = 2 * DAY;
	c = card(FSRS_LEARNING, 5, 5, 0);
	fsrs_next(&p, &c, T0, 0, FSRS_GOOD, 0, &o, NULL);
	CHECK("a 2d step: Review, 2 scheduled days, still on step 1",
	      o.state == FSRS_REVIEW && o.scheduled_days == 2 && o.step == 1 &&
	      o.due == T0 + 2 * DAY);
}

static void test_long_term(void)
{
	struct fsrs_params p = params();
	struct fsrs_card c, o, pv[4];
	struct fsrs_log logs[4];
	p.enable_short_term = 0;
	p.n_learning_steps = p.n_relearning_steps = 0;
	fsrs_params_clamp(&p);
	fsrs_card_new(&c, T0);
	fsrs_preview(&p, &c, T0, 0, 0, pv, logs);
	CHECK("long-term: a new card goes straight to Review",
	      pv[0].state == FSRS_REVIEW && pv[3].state == FSRS_REVIEW);
	CHECK("long-term: again < hard < good < easy, again at least a day",
	      pv[0].scheduled_days >= 1 && pv[0].scheduled_days < pv[1].scheduled_days &&
	      pv[1].scheduled_days < pv[2].scheduled_days &&
	      pv[2].scheduled_days < pv[3].scheduled_days);
	CHECK("long-term: first intervals 1, max(1, 1 + 1), max(2, 2 + 1), max(8, 3 + 1)",
	      pv[0].scheduled_days == 1 && pv[1].scheduled_days == 2 &&
	      pv[2].scheduled_days == 3 && pv[3].scheduled_days == 8);
	c = card(FSRS_REVIEW, 5, 5, 0);
	fsrs_next(&p, &c, T0, 0, FSRS_AGAIN, 0, &o, NULL);
	CHECK("long-term: same-day Again uses the forgetting formula, not short-term",
	      o.stability < 5 && o.lapses == 2 && o.state == FSRS_REVIEW);
}

static void test_weights(void)
{
	struct fsrs_params p = params(), q;
	struct swot_err err = {0};
	double w[FSRS_N_WEIGHTS + 1];
	static const double w17[17] = {0.4072, 1.1829, 3.1262, 15.4722, 7.2102, 0.5316,
		1.0651, 0.0234, 1.616, 0.1544, 1.0824, 1.9813, 0.0953, 0.2975, 2.2042,
		0.2407, 2.9466};
	static const double w17_as21[21] = {0.4072, 1.1829, 3.1262, 15.4722, 8.2734,
		0.31783648, 1.5651, 0.0234, 1.616, 0.1544, 1.0824, 1.9813, 0.0953, 0.2975,
		2.2042, 0.2407, 2.9466, 0, 0, 0.01, 0.5};
	static const double w19[19] = {0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345,
		1.4604, 0.0046, 1.54575, 0.1192, 1.01925, 1.9395, 0.11, 0.29605, 2.2698,
		0.2315, 2.9898, 0.51655, 0.6621};
	static const double bad[21] = {200, -1, 2.3065, 8.2956, 0.5, 5, 3.0194, 1, 1.8722,
		0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 3, 3, 0, 0.01};
	static const double bad_clamped[21] = {100, 0.001, 2.3065, 8.2956, 1, 4, 3.0194,
		0.75, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729,
		2, 2, 0.01, 0.1};
	int same;

	memcpy(w, p.w, sizeof p.w);
	w[0] = 0.3;
	CHECK("21 weights are taken", !fsrs_params_set_weights(&p, w, 21, &err) && p.w[0] == 0.3);

	CHECK("17 weights (FSRS-4.5) are accepted", !fsrs_params_set_weights(&p, w17, 17, &err));
	same = 1;
	for (int i = 0; i < 21; i++)
		same &= near(p.w[i], w17_as21[i]);
	CHECK("17 weights migrate as ts-fsrs does (w4 = 2 w5 + w4, w5 = ln(3 w5 + 1) / 3, "
	      "w6 + 0.5, decay 0.5)", same);

	CHECK("19 weights (FSRS-5) are accepted", !fsrs_params_set_weights(&p, w19, 19, &err));
	CHECK("19 weights: w19 = 0 clamped to 0.01 with short-term, decay 0.5",
	      near(p.w[19], 0.01) && near(p.w[20], 0.5) && near(p.w[18], 0.6621));
	p.n_relearning_steps = 3;
	fsrs_params_set_weights(&p, w19, 19, &err);
	CHECK("three relearning steps cap w17 and w18 at 0.2129261 (ts-fsrs)",
	      near(p.w[17], 0.2129261) && near(p.w[18], 0.2129261));
	p.n_relearning_steps = 1;
	p.enable_short_term = 0;
	fsrs_params_set_weights(&p, w19, 19, &err);
	CHECK("without short-term w19 may be 0", p.w[19] == 0);
	p.enable_short_term = 1;

	fsrs_params_set_weights(&p, bad, 21, &err);
	same = 1;
	for (int i = 0; i < 21; i++)
		same &= near(p.w[i], bad_clamped[i]);
	CHECK("out-of-range weights are clamped to ts-fsrs's ranges", same);
	p.n_relearning_steps = 3;
	fsrs_params_clamp(&p);
	CHECK("clamping again after more relearning steps lowers w17 to 0.49027301",
	      near(p.w[17], 0.49027301));

	p = params();
	q = p;
	memcpy(w, p.w, sizeof p.w);
	CHECK("20 weights are refused", fsrs_params_set_weights(&p, w, 20, &err) == SWOT_EINVAL);
	CHECK("the message says how many were given and what is expected",
	      strstr(err.msg, "20 given") && strstr(err.msg, "21"));
	CHECK("22 weights are refused", fsrs_params_set_weights(&p, w, 22, &err) == SWOT_EINVAL);
	CHECK("no weights are refused", fsrs_params_set_weights(&p, w, 0, &err) == SWOT_EINVAL);
	w[3] = NAN;
	CHECK("a NaN weight is refused", fsrs_params_set_weights(&p, w, 21, &err) == SWOT_EINVAL &&
	      strstr(err.msg, "w[3]"));
	w[3] = INFINITY;
	CHECK("an infinite weight is refused",
	      fsrs_params_set_weights(&p, w, 21, &err) == SWOT_EINVAL && strstr(err.msg, "infinite"));
	CHECK("a refused set leaves the weights as they were", !memcmp(p.w, q.w, sizeof p.w));

	double lo, hi;
	fsrs_weight_range(4, &lo, &hi);
	CHECK("w4 ranges 1..10", lo == 1 && hi == 10);
	fsrs_weight_range(20, &lo, &hi);
	CHECK("w20 ranges 0.1..0.8", lo == 0.1 && hi == 0.8);
}

static void test_check(void)
{
	struct fsrs_params p = params();
	struct swot_err err = {0};
	CHECK("the defaults pass", fsrs_params_check(&p, &err) == 0);
	p.desired_retention = 1;
	CHECK("retention 1 is out of range", fsrs_params_check(&p, &err) == SWOT_EINVAL &&
	      strstr(err.msg, "retention"));
	p.desired_retention = 0;
	CHECK("retention 0 is out of range", fsrs_params_check(&p, &err) == SWOT_EINVAL);
	p.desired_retention = NAN;
	CHECK("retention NaN is out of range", fsrs_params_check(&p, &err) == SWOT_EINVAL);
	p = params();
	p.maximum_interval = 0;
	CHECK("maximum interval 0 is out of range", fsrs_params_check(&p, &err) == SWOT_EINVAL &&
	      strstr(err.msg, "maximum interval"));
	p = params();
	p.learning_steps[0] = 30;
	CHECK("a 30 s step is refused", fsrs_params_check(&p, &err) == SWOT_EINVAL);
	p = params();
	p.w[7] = NAN;
	CHECK("a NaN weight fails the check", fsrs_params_check(&p, &err) == SWOT_EINVAL);
}

static void test_refused(void)
{
	struct fsrs_params p = params();
	struct fsrs_card c = card(FSRS_REVIEW, 5, 5, 0), o;
	CHECK("rating 0 is refused", fsrs_next(&p, &c, T0, 1, (enum fsrs_rating)0, 0, &o, NULL) ==
	      SWOT_EINVAL);
	CHECK("rating 5 is refused", fsrs_next(&p, &c, T0, 1, (enum fsrs_rating)5, 0, &o, NULL) ==
	      SWOT_EINVAL);
	CHECK("negative elapsed days are refused",
	      fsrs_next(&p, &c, T0, -1, FSRS_GOOD, 0, &o, NULL) == SWOT_EINVAL);
	c.difficulty = 0.5;
	CHECK("difficulty below 1 is refused, the card copied",
	      fsrs_next(&p, &c, T0, 1, FSRS_GOOD, 0, &o, NULL) == SWOT_EINVAL &&
	      !memcmp(&o, &c, sizeof c));
	c.difficulty = NAN;
	CHECK("a NaN difficulty is refused", fsrs_next(&p, &c, T0, 1, FSRS_GOOD, 0, &o, NULL) ==
	      SWOT_EINVAL);
	c = card(FSRS_REVIEW, 5, 5, 0);
	o = c;
	CHECK("out may be the card itself", fsrs_next(&p, &c, T0, 10, FSRS_GOOD, 0, &c, NULL) == 0 &&
	      c.reps == o.reps + 1 && c.scheduled_days == 24);
}

/* Anki's fuzz range for an interval, written out independently. */
static void anki_range(double ivl, int elapsed, int max, int *lo, int *hi)
{
	double delta = 1;
	if (ivl > 2.5)
		delta += 0.15 * (fmin(ivl, 7) - 2.5);
	if (ivl > 7)
		delta += 0.1 * (fmin(ivl, 20) - 7);
	if (ivl > 20)
		delta += 0.05 * (ivl - 20);
	ivl = fmin(ivl, max);
	*lo = (int)fmax(2, floor(ivl - delta + 0.5));
	*hi = (int)fmin(floor(ivl + delta + 0.5), max);
	if (ivl > elapsed && *lo < elapsed + 1)
		*lo = elapsed + 1;
	if (*lo > *hi)
		*lo = *hi;
}

static void test_fuzz(void)
{
	struct fsrs_params p;
	int in_range = 1, unchanged_small = 1, hit_lo = 0, hit_hi = 0, det = 1;
	fsrs_params_default(&p);
	for (int ivl = 1; ivl <= 400; ivl++) {
		int lo, hi;
		anki_range(ivl, 0, p.maximum_interval, &lo, &hi);
		for (uint64_t s = 0; s < 300; s++) {
			uint64_t seed = fsrs_fuzz_seed((int64_t)s, ivl);
			int f = fsrs_fuzz_interval(&p, ivl, 0, seed);
			if (ivl < 3)
				unchanged_small &= f == ivl;
			else
				in_range &= f >= lo && f <= hi;
			if (ivl == 50) {
				hit_lo |= f == lo;
				hit_hi |= f == hi;
			}
			det &= f == fsrs_fuzz_interval(&p, ivl, 0, seed);
		}
	}
	CHECK("intervals under 2.5 days are not fuzzed", unchanged_small);
	CHECK("fuzzed intervals stay in Anki's ranges (15% to 7d, 10% to 20d, 5% beyond)",
	      in_range);
	CHECK("the fuzz reaches both ends of a range (50 days: 47..53)", hit_lo && hit_hi);
	CHECK("the same seed gives the same fuzz", det);
	p.maximum_interval = 100;
	int capped = 1;
	for (uint64_t s = 0; s < 500; s++)
		capped &= fsrs_fuzz_interval(&p, 100, 0, s) <= 100;
	CHECK("the fuzz never passes the maximum interval", capped);
	int past_elapsed = 1;
	for (uint64_t s = 0; s < 500; s++)
		past_elapsed &= fsrs_fuzz_interval(&p, 30, 29, s) >= 30;
	CHECK("a fuzzed interval is longer than the days already elapsed", past_elapsed);
	CHECK("the seed depends on card and review count",
	      fsrs_fuzz_seed(1, 1) != fsrs_fuzz_seed(1, 2) &&
	      fsrs_fuzz_seed(1, 1) != fsrs_fuzz_seed(2, 1) &&
	      fsrs_fuzz_seed(7, 3) == fsrs_fuzz_seed(7, 3));

	/* through fsrs_next */
	struct fsrs_params q;
	struct fsrs_card c = card(FSRS_REVIEW, 40, 5, 0), a, b;
	fsrs_params_default(&q);
	int same = 1, varied = 0, first = -1;
	for (int64_t id = 1; id <= 200; id++) {
		uint64_t seed = fsrs_fuzz_seed(id, c.reps);
		fsrs_next(&q, &c, T0, 40, FSRS_GOOD, seed, &a, NULL);
		fsrs_next(&q, &c, T0, 40, FSRS_GOOD, seed, &b, NULL);
		same &= !memcmp(&a, &b, sizeof a);
		if (first < 0)
			first = a.scheduled_days;
		varied |= a.scheduled_days != first;
		same &= a.due == T0 + (int64_t)a.scheduled_days * DAY;
	}
	CHECK("fsrs_next with fuzz: same seed, same card", same);
	CHECK("fsrs_next with fuzz: different cards spread", varied);
}

static void test_preview(void)
{
	struct fsrs_params p = params();
	struct fsrs_card cards[3] = {card(FSRS_REVIEW, 12, 4, 0), card(FSRS_LEARNING, 2, 6, 1),
				     card(FSRS_NEW, 0, 0, 0)};
	int all = 1;
	for (int k = 0; k < 3; k++) {
		struct fsrs_card pv[4], o;
		struct fsrs_log logs[4], log;
		fsrs_preview(&p, &cards[k], T0, 3, 0, pv, logs);
		for (int g = 1; g <= 4; g++) {
			fsrs_next(&p, &cards[k], T0, 3, (enum fsrs_rating)g, 0, &o, &log);
			all &= !memcmp(&o, &pv[g - 1], sizeof o) &&
			       log.scheduled_days == logs[g - 1].scheduled_days &&
			       log.retrievability == logs[g - 1].retrievability;
		}
	}
	CHECK("preview gives what fsrs_next gives for each rating", all);
}

static void test_steps(void)
{
	int st[FSRS_MAX_STEPS];
	size_t n = 99;
	struct swot_err err = {0};
	struct strbuf sb = STRBUF_INIT;

	CHECK("\"1m 10m 1h 1d\" parses", !fsrs_parse_steps("1m 10m 1h 1d", st, &n, &err) &&
	      n == 4 && st[0] == 60 && st[1] == 600 && st[2] == 3600 && st[3] == 86400);
	CHECK("\"\" is no steps", !fsrs_parse_steps("", st, &n, &err) && n == 0);
	CHECK("commas separate too", !fsrs_parse_steps(" 5m,30m ", st, &n, &err) && n == 2 &&
	      st[1] == 1800);
	CHECK("\"5x\" is refused naming it", fsrs_parse_steps("1m 5x", st, &n, &err) == SWOT_EINVAL &&
	      strstr(err.msg, "\"5x\""));
	CHECK("\"m\" is refused", fsrs_parse_steps("m", st, &n, &err) == SWOT_EINVAL);
	CHECK("\"1.5m\" is refused", fsrs_parse_steps("1.5m", st, &n, &err) == SWOT_EINVAL);
	CHECK("\"10mm\" is refused", fsrs_parse_steps("10mm", st, &n, &err) == SWOT_EINVAL);
	CHECK("\"0m\" is refused", fsrs_parse_steps("0m", st, &n, &err) == SWOT_EINVAL &&
	      strstr(err.msg, "range"));
	CHECK("\"400d\" is refused", fsrs_parse_steps("400d", st, &n, &err) == SWOT_EINVAL);
	CHECK("\"99999999999m\" is refused",
	      fsrs_parse_steps("99999999999m", st, &n, &err) == SWOT_EINVAL);
	CHECK("17 steps are too many",
	      fsrs_parse_steps("1m 1m 1m 1m 1m 1m 1m 1m 1m 1m 1m 1m 1m 1m 1m 1m 1m", st, &n,
			       &err) == SWOT_EINVAL && strstr(err.msg, "too many"));
	fsrs_parse_steps("1m 10m 1h 1d 90m 1440m", st, &n, &err);
	fsrs_format_steps(st, n, &sb);
	CHECK_STR("steps format back in their largest unit", strbuf_str(&sb),
		  "1m 10m 1h 1d 90m 1d");
	strbuf_reset(&sb);
	fsrs_format_steps(st, 0, &sb);
	CHECK_STR("no steps format as nothing", strbuf_str(&sb), "");
	strbuf_release(&sb);
}

int main(void)
{
	test_plan(125);
	test_defaults();
	test_retrievability();
	test_interval();
	test_first_review();
	test_review();
	test_short_term();
	test_long_term();
	test_weights();
	test_check();
	test_refused();
	test_fuzz();
	test_preview();
	test_steps();
	return test_done();
}
