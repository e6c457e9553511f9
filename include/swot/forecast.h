/*
 * forecast.h: readiness on exam day if the student carries on as they
 * have been, and what it would take to reach a target.  Pure: works on
 * cards and review-log rows already loaded from the store; no I/O, no
 * clock.
 *
 * The student's recent behaviour is the basis: for each of the last
 * FORECAST_WINDOW_DAYS learning days (today included), the reviews they
 * answered and the new cards they met.  The forecast simulates every day
 * from today to the exam, FORECAST_RUNS times: each simulated day is one
 * of those past days drawn at random, recent days more often (a day's
 * weight halves every FORECAST_HALF_LIFE days), so a student who studied
 * every day for a fortnight and then stopped is forecast from both.  On a
 * simulated day the due reviews are answered oldest first, as many as the
 * drawn day answered, each recalled with the probability FSRS predicts
 * (Good, else Again and a relearning answer), scheduled as swot schedules
 * them (exam-aware); then the drawn day's number of new cards is met.
 * Each run also draws how its month differs from the past weeks, as
 * real months do: a factor on the study of every day (log-normal, mean
 * 1, its spread FORECAST_ACTIVITY_SIGMA and the spread of the student's
 * own weeks, at most FORECAST_ACTIVITY_SIGMA_MAX), no study at all as
 * often as a week of the window had none, and a shift of every recall
 * from FSRS's prediction (FORECAST_RECALL_SIGMA on the log-odds scale:
 * FSRS is off by 4 to 15 points for a student).  The expected value is
 * the mean over the runs, the range their 10th to 90th percentile: on
 * real histories it held what happened about 80% of the time (README).
 * A deck of more than FORECAST_SAMPLE cards is
 * simulated on an evenly spread sample of its cards, the day's answers
 * scaled to match.
 */
#ifndef SWOT_FORECAST_H
#define SWOT_FORECAST_H

#include <stddef.h>
#include <stdint.h>

#include "swot/fsrs.h"
#include "swot/store.h"

#define FORECAST_WINDOW_DAYS 28
/* A week: on the backtest's real histories the last week foretells the
 * next month better than the last fortnight (README). */
#define FORECAST_HALF_LIFE 7.0
#define FORECAST_RUNS 64
#define FORECAST_SAMPLE 2000
/* Fewer learning days with an answer than this in the window: no forecast. */
#define FORECAST_MIN_DAYS 3
/* How much a month's study may differ from the last weeks' in general
 * (log scale), and the student's recall from FSRS's (log-odds): set so
 * the 80% range holds what happened 80% of the time on the backtest's
 * real histories (tests/bench/bench_forecast.sh). */
#define FORECAST_ACTIVITY_SIGMA 0.6
#define FORECAST_RECALL_SIGMA 0.3
#define FORECAST_ACTIVITY_SIGMA_MAX 1.0
/* Runs for each guess of "what it takes". */
#define FORECAST_REACH_RUNS 8

/* One learning day of the student's recent history. */
struct forecast_day {
	int reviews;   /* answers to cards in review or relearning */
	int new_cards; /* cards answered for the first time */
	int answers;   /* every answer (learning steps and drill included) */
	int64_t ms;    /* time spent answering */
};

/* How the student has been studying; filled by forecast_basis_add. */
struct forecast_basis {
	int64_t today;   /* learning day of now */
	int rollover_hour;
	struct forecast_day day[FORECAST_WINDOW_DAYS]; /* day[0] is today */
	size_t overdue;  /* cards due before today and not yet answered */
	size_t before;   /* cards last studied before the window */
	/* derived by forecast_basis_finish, weighted toward recent days: */
	int days_studied;
	double study_days_per_week;
	double reviews_per_day;   /* on a day studied */
	double new_per_day;       /* on a day studied */
	double answers_per_session;
	double due_done;          /* share of the due reviews answered */
	double seconds_per_answer;
	double activity_sigma;    /* spread of a month's study (log scale) */
	double idle_chance;       /* chance of a month without study */
};

void forecast_basis_init(struct forecast_basis *b, int64_t now, int rollover_hour);
/* Counts one answer of the review log (rows of any age; those outside
 * the window are ignored). */
void forecast_basis_add(struct forecast_basis *b, const struct store_log_row *r);
/* Counts the memories of the deck's live cards, cards[0..n) as they are
 * now: those due before today (overdue reviews), and those last studied
 * before the window (the student's study began before it). */
void forecast_basis_cards(struct forecast_basis *b, const struct fsrs_card *cards,
			  size_t n);
/* Derives the summary figures; 1 when there is enough history to
 * forecast from, else 0. */
int forecast_basis_finish(struct forecast_basis *b);

struct forecast_opts {
	const struct fsrs_params *params;
	int64_t now, exam_at;   /* exam_at after now */
	int rollover_hour;
	int new_per_day_limit;  /* the most new cards swot gives a day */
	int reviews_per_day_limit;
	double target;          /* readiness to reach (0.9) */
	int skip_reach;         /* leave out what it takes (reach_answers 0):
				 * a figure for a table or a header needs
				 * only the forecast, at a third of the cost */
};

struct forecast {
	double expected, low, high;   /* mean recall on exam day over the deck */
	/* the next FORECAST_WINDOW_DAYS days (or to the exam), as simulated */
	double window_recall;         /* mean predicted recall of the reviews */
	double window_recall_low, window_recall_high;
	double window_answers_per_day;
	double *card_r;               /* expected recall on exam day, per card
					 given; owned */
	/* what it takes: answers a day, every day, to reach opts.target */
	int reach_answers;            /* -1: not within the daily limits */
	double reach_minutes;
	double reach_best;            /* readiness at the daily limits */
};

/*
 * Forecasts the live cards whose memories are cards[0..n) (in deck
 * order) from basis b, which forecast_basis_finish found enough.  f is
 * the caller's, released with forecast_release.  Deterministic: the same
 * input gives the same forecast.
 */
void forecast_compute(struct forecast *f, const struct fsrs_card *cards, size_t n,
		      const struct forecast_basis *b, const struct forecast_opts *o);
void forecast_release(struct forecast *f);

#endif
