/*
 * fsrs.h: the FSRS-6 scheduler, equal to ts-fsrs 5.4.2.  Pure: no I/O, no
 * clock, no globals; every time is an argument (Unix seconds).
 */
#ifndef SWOT_FSRS_H
#define SWOT_FSRS_H

#include <stddef.h>
#include <stdint.h>

#include "swot/util.h"

#define FSRS_N_WEIGHTS 21
#define FSRS_MAX_STEPS 16

enum fsrs_state {
	FSRS_NEW = 0,
	FSRS_LEARNING = 1,
	FSRS_REVIEW = 2,
	FSRS_RELEARNING = 3
};

enum fsrs_rating {
	FSRS_AGAIN = 1,
	FSRS_HARD = 2,
	FSRS_GOOD = 3,
	FSRS_EASY = 4
};

struct fsrs_params {
	double w[FSRS_N_WEIGHTS];
	double desired_retention;  /* (0, 1) */
	int maximum_interval;      /* days */
	int learning_steps[FSRS_MAX_STEPS]; /* seconds */
	size_t n_learning_steps;
	int relearning_steps[FSRS_MAX_STEPS];
	size_t n_relearning_steps;
	int enable_short_term;
	int enable_fuzz;
};

/* A card's memory and scheduling state. */
struct fsrs_card {
	enum fsrs_state state;
	int step;            /* index of the learning step the card is on */
	double stability;    /* days */
	double difficulty;   /* 1..10 */
	int64_t due;         /* Unix seconds */
	int64_t last_review; /* Unix seconds; 0 for a new card */
	int scheduled_days;
	int reps;
	int lapses;
};

/* What one review did, for the review log. */
struct fsrs_log {
	enum fsrs_state state_before;
	int elapsed_days;
	int scheduled_days;
	double retrievability; /* just before the review; 0 for a new card */
};

/* The defaults of FSRS-6: 21 default weights, retention 0.9, maximum
 * interval 36500, steps 1m 10m, relearning 10m, short-term on, fuzz on. */
void fsrs_params_default(struct fsrs_params *p);

/* A new card, due at now. */
void fsrs_card_new(struct fsrs_card *c, int64_t now);

/*
 * Sets p's weights from w[0..n): 21 (FSRS-6) as given, 19 (FSRS-5) or 17
 * (FSRS-4.5) migrated to 21 as ts-fsrs does.  Every weight is then clamped
 * to its range, which depends on p's relearning steps and short-term
 * setting: set those first.  A count other than 17, 19 or 21, or a NaN or
 * infinite weight, is SWOT_EINVAL with a message naming it; p is then
 * unchanged.
 */
int fsrs_params_set_weights(struct fsrs_params *p, const double *w, size_t n,
			    struct swot_err *err);

/* Clamps p's weights again to their ranges (as ts-fsrs does when it builds
 * a scheduler); call after changing the relearning steps or short-term
 * setting of a p whose weights are already set. */
void fsrs_params_clamp(struct fsrs_params *p);

/* The range of weight i (0..20) as ts-fsrs clamps it, with the widest
 * ceiling for w17 and w18 (2) and the short-term floor for w19. */
void fsrs_weight_range(int i, double *lo, double *hi);

/*
 * Checks the non-weight parameters: desired retention in (0, 1), maximum
 * interval 1..36500 days, at most FSRS_MAX_STEPS steps of 1 minute to 365
 * days each.  SWOT_EINVAL with a message naming what is wrong.
 */
int fsrs_params_check(const struct fsrs_params *p, struct swot_err *err);

/*
 * Reviews card c at time now with rating r and fills *out with the card
 * after it, and *log (when not NULL) with what the review did.
 * elapsed_days is the number of learning days since c->last_review,
 * computed by the caller (0 for a new card); fuzz_seed seeds the fuzz
 * when p->enable_fuzz (see fsrs_fuzz_seed).  Returns 0, or SWOT_EINVAL for
 * a rating outside 1..4, a negative elapsed_days, or a card whose memory
 * state is impossible (then *out is a copy of *c).  out may be c.
 */
int fsrs_next(const struct fsrs_params *p, const struct fsrs_card *c,
	      int64_t now, int elapsed_days, enum fsrs_rating r,
	      uint64_t fuzz_seed, struct fsrs_card *out, struct fsrs_log *log);

/* What each rating would do: out[r - 1] and logs[r - 1] are fsrs_next's
 * result for rating r.  A card fsrs_next refuses is copied unchanged. */
void fsrs_preview(const struct fsrs_params *p, const struct fsrs_card *c,
		  int64_t now, int elapsed_days, uint64_t fuzz_seed,
		  struct fsrs_card out[4], struct fsrs_log logs[4]);

/* The probability of recall after elapsed_days at stability (days), on
 * FSRS-6's forgetting curve with decay w20; rounded to 8 decimals as
 * ts-fsrs does.  stability must be positive. */
double fsrs_retrievability(const struct fsrs_params *p, double elapsed_days,
			   double stability);

/* The interval in days for a stability at p's desired retention: rounded,
 * at least 1, at most p->maximum_interval, without fuzz. */
int fsrs_interval(const struct fsrs_params *p, double stability);

/* The interval fuzzed as Anki and ts-fsrs do (2.5 days or more: within
 * +-15% up to 7 days, 10% to 20 days, 5% beyond; never more than the
 * maximum interval; more than elapsed_days when it can be), the draw taken
 * from seed alone. */
int fsrs_fuzz_interval(const struct fsrs_params *p, int interval,
		       int elapsed_days, uint64_t seed);

/*
 * Parses learning steps: whitespace- or comma-separated durations, each a
 * whole number followed by m, h or d ("1m 10m 1h 1d"), into seconds.
 * steps has room for FSRS_MAX_STEPS; *n gets the count ("" gives 0).
 * SWOT_EINVAL with a message naming the bad step.
 */
int fsrs_parse_steps(const char *text, int *steps, size_t *n,
		     struct swot_err *err);

/* Appends steps to out in the form fsrs_parse_steps reads ("1m 10m"),
 * each in the largest unit that divides it; nothing for n == 0. */
void fsrs_format_steps(const int *steps, size_t n, struct strbuf *out);

/* The fuzz seed of a card's review: from its id and the number of reviews
 * it has had, so a replay draws the same fuzz. */
uint64_t fsrs_fuzz_seed(int64_t card_id, int reps);

/* The number of states, and each one's name as progress files and swot
 * cards write it: "new", "learning", "review", "relearning" ("?" for a
 * value outside the enum).  A switch, not a table of pointers, so fsrs.o
 * keeps no writable data. */
#define FSRS_STATES 4
const char *fsrs_state_name(enum fsrs_state s);

#endif
