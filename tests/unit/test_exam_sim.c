/*
 * test_exam_sim.c: does exam mode help?  A simulated student follows swot
 * every day until an exam: reviews what is due, then learns new cards up
 * to the day's limit; recalls each card with probability R (FSRS's own
 * prediction), answering Good when recalled and Again when not.  The same
 * student (same seed) is run with exam mode off and on; on exam day we
 * compare the predicted recall over the whole deck (never-seen cards 0)
 * and the answers spent.  Pure: fsrs_next, exam_shorten and
 * exam_new_per_day, no store.
 *
 * With SWOT_SIM_VERBOSE set (tests/bench/bench_exam.sh) it prints a
 * table over more decks and seeds.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "swot/clock.h"
#include "swot/exam.h"
#include "swot/fsrs.h"
#include "swot/learnday.h"
#include "testhelp.h"

#define ROLLOVER 4
#define SESSION_HOUR 17

struct sim_result {
	double recall;   /* mean predicted recall at the exam, new cards 0 */
	double coverage; /* share of the deck seen */
	size_t answers;  /* every answer given before the exam */
	size_t reviews;  /* answers to cards already learned (review state) */
};

static uint64_t rng_state;

static double rng_uniform(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (double)((rng_state * UINT64_C(2685821657736338717)) >> 11) / 9007199254740992.0;
}

/* One student, n cards, the exam `days` learning days after the first
 * session, new cards base a day, reviews at most max_reviews a day. */
static struct sim_result simulate(const struct fsrs_params *p, size_t n, int days,
				  int base, int max_reviews, int exam_mode,
				  uint64_t seed)
{
	struct swot_err err;
	int64_t start;
	clock_parse("2027-03-01T17:00", &start, &err);
	int64_t day0 = learnday_of(start, ROLLOVER);
	int64_t exam_day = day0 + days;
	int64_t exam_at = learnday_start(exam_day, ROLLOVER) + 5 * 3600; /* 09:00 */
	struct fsrs_card *c = xcalloc(n, sizeof *c);
	size_t introduced = 0;
	struct sim_result res = {0, 0, 0, 0};

	rng_state = seed * UINT64_C(0x9e3779b97f4a7c15) + 1;
	for (int64_t day = day0; day < exam_day; day++) {
		int64_t now = learnday_start(day, ROLLOVER) + (SESSION_HOUR - ROLLOVER) * 3600;
		int64_t end = learnday_start(day + 1, ROLLOVER);
		int per_day = base;
		if (exam_mode)
			per_day = exam_new_per_day(base, EXAM_NEW_CAP, n - introduced, day,
						   exam_day, EXAM_LEAD_DAYS);
		int new_today = 0, reviews_today = 0;
		/* One session: answer whatever is due soonest (learning steps
		 * come back within the session), new cards when nothing is due. */
		for (int guard = 0; guard < 100000; guard++) {
			size_t pick = n;
			int64_t best = INT64_MAX;
			for (size_t i = 0; i < introduced; i++) {
				if (c[i].due < best && c[i].due < end &&
				    (c[i].state != FSRS_REVIEW || reviews_today < max_reviews)) {
					best = c[i].due;
					pick = i;
				}
			}
			if ((pick == n || best > now) && new_today < per_day && introduced < n) {
				pick = introduced++;
				fsrs_card_new(&c[pick], now);
				new_today++;
			} else if (pick == n) {
				break;
			} else if (best > now) {
				now = best; /* wait for the learning step */
			}
			struct fsrs_card *f = &c[pick];
			int elapsed = f->state == FSRS_NEW
					      ? 0
					      : (int)learnday_between(f->last_review, now, ROLLOVER);
			double r = 0.0;
			if (f->state == FSRS_NEW)
				r = 0.0; /* first sight: shown, then answered from the back */
			else
				r = fsrs_retrievability(p, (double)(now - f->last_review) / 86400.0,
							f->stability);
			int recalled = f->state == FSRS_NEW ? 1 : rng_uniform() < r;
			if (f->state == FSRS_REVIEW) {
				res.reviews++;
				reviews_today++;
			}
			res.answers++;
			fsrs_next(p, f, now, elapsed, recalled ? FSRS_GOOD : FSRS_AGAIN,
				  fsrs_fuzz_seed((int64_t)pick, f->reps), f, NULL);
			if (exam_mode)
				exam_shorten(f, now, exam_at, ROLLOVER);
			now += 20; /* seconds an answer takes */
		}
	}
	double sum = 0;
	for (size_t i = 0; i < introduced; i++)
		sum += fsrs_retrievability(
			p, (double)learnday_between(c[i].last_review, exam_at, ROLLOVER),
			c[i].stability);
	res.recall = sum / (double)n;
	res.coverage = (double)introduced / (double)n;
	free(c);
	return res;
}

struct scenario {
	const char *what;
	size_t n;
	int days, base;
};

/* The mean over seeds 1..seeds of one student's run. */
static struct sim_result run(const struct fsrs_params *p, const struct scenario *sc,
			     int exam_mode, int seeds)
{
	struct sim_result m = {0, 0, 0, 0};
	size_t answers = 0, reviews = 0;
	for (int s = 1; s <= seeds; s++) {
		struct sim_result r = simulate(p, sc->n, sc->days, sc->base, 200, exam_mode,
					       (uint64_t)s);
		m.recall += r.recall / seeds;
		m.coverage += r.coverage / seeds;
		answers += r.answers;
		reviews += r.reviews;
	}
	m.answers = answers / (size_t)seeds;
	m.reviews = reviews / (size_t)seeds;
	return m;
}

static void print_pair(const char *what, double ret_off, const struct sim_result *off,
		       const struct sim_result *on)
{
	printf("#   %-30s off (retention %.2f) %5.1f%% recall, %5zu answers"
	       " (%5zu reviews)\n"
	       "#   %-30s on  (retention 0.90) %5.1f%% recall, %5zu answers"
	       " (%5zu reviews)  %+.1f points\n",
	       what, ret_off, 100 * off->recall, off->answers, off->reviews, "",
	       100 * on->recall, on->answers, on->reviews, 100 * (on->recall - off->recall));
}

/* Exam mode against the same student without it: at the same settings,
 * then against the lowest higher retention at which the student without
 * exam mode answers at least as often, so the gain is not bought with
 * effort. */
static void compare(const struct fsrs_params *p, const struct scenario *sc, int seeds,
		    int check)
{
	struct sim_result on = run(p, sc, 1, seeds);
	struct sim_result off = run(p, sc, 0, seeds);
	printf("# %s, %d new a day:\n", sc->what, sc->base);
	print_pair("same settings", p->desired_retention, &off, &on);
	if (check)
		CHECKF(on.recall > off.recall,
		       "%s: exam mode recalls more on the day (%.1f%% vs %.1f%%)", sc->what,
		       100 * on.recall, 100 * off.recall);
	struct fsrs_params q = *p;
	struct sim_result m = off;
	for (int k = 1; k <= 9 && m.answers < on.answers; k++) {
		q.desired_retention = p->desired_retention + 0.01 * k;
		m = run(&q, sc, 0, seeds);
	}
	if (m.answers >= on.answers) {
		print_pair("as many answers or more", q.desired_retention, &m, &on);
		if (check)
			CHECKF(on.recall > m.recall,
			       "%s: and more than without it for as many answers or more "
			       "(%.1f%% in %zu vs %.1f%% in %zu at retention %.2f)",
			       sc->what, 100 * on.recall, on.answers, 100 * m.recall, m.answers,
			       q.desired_retention);
	} else if (check) {
		CHECKF(0, "%s: no retention up to 0.99 spends as many answers", sc->what);
	}
}

int main(void)
{
	test_plan(4);
	struct fsrs_params p;
	fsrs_params_default(&p);
	int verbose = getenv("SWOT_SIM_VERBOSE") != NULL;
	int seeds = verbose ? 20 : 8;

	static const struct scenario fits = {"300 cards, exam in 45 days", 300, 45, 20};
	compare(&p, &fits, seeds, 1);

	/* A deck too big for 20 new a day: the pace is what counts. */
	static const struct scenario big = {"900 cards, exam in 30 days", 900, 30, 20};
	struct sim_result on = run(&p, &big, 1, seeds), off = run(&p, &big, 0, seeds);
	printf("# %s, %d new a day:\n", big.what, big.base);
	print_pair("same settings", p.desired_retention, &off, &on);
	printf("#   seen by the exam: %.0f%% off, %.0f%% on\n", 100 * off.coverage,
	       100 * on.coverage);
	CHECKF(on.coverage > 0.999 && off.coverage < 0.7,
	       "%s: exam pace meets every card, 20 a day cannot (%.0f%% vs %.0f%%)",
	       big.what, 100 * on.coverage, 100 * off.coverage);
	CHECKF(on.recall > off.recall + 0.2, "%s: recall on the day %.1f%% vs %.1f%%",
	       big.what, 100 * on.recall, 100 * off.recall);

	if (verbose) {
		static const struct scenario more[] = {
			{"100 cards, exam in 30 days", 100, 30, 20},
			{"300 cards, exam in 90 days", 300, 90, 20},
			{"500 cards, exam in 30 days", 500, 30, 20},
		};
		for (size_t i = 0; i < sizeof more / sizeof *more; i++)
			compare(&p, &more[i], seeds, 0);
	}
	return test_done();
}
