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

#endif
