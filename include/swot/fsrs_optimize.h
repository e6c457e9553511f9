/*
 * fsrs_optimize.h: FSRS-6 weights fitted to one student's review history,
 * with fsrs-rs's data rules, pretraining, parameter clamps and metrics.
 * Pure: reviews in, weights and metrics out; no I/O, no clock, no
 * randomness (the same history always gives the same weights).
 *
 * The history becomes training items as fsrs-rs builds them: each card's
 * answers from its last run of learning answers on; an item per answer on
 * a later learning day than the one before (a card's first answer of the
 * day is what memory is tested by), holding the answers before it.  Items
 * are weighted by recency (0.25 for the oldest up to 1 for the newest).
 * Training drops fsrs-rs's outliers (rare first-interval groups), fits the
 * four initial stabilities from first reviews (pretraining), then the 21
 * weights by minimising fsrs-rs's objective (recency-weighted log loss
 * plus an L2 pull towards the starting weights, lighter than fsrs-rs's)
 * nearly to convergence with a bound-constrained Gauss-Newton
 * (Levenberg-Marquardt) method on exact forward-mode derivatives, within
 * fsrs-rs's clamps.  A history of more than 65,536 training items is
 * fitted first on samples of its cards, then on every item from there.
 */
#ifndef SWOT_FSRS_OPTIMIZE_H
#define SWOT_FSRS_OPTIMIZE_H

#include <stddef.h>
#include <stdint.h>

#include "swot/fsrs.h"
#include "swot/util.h"

/* One answer of the history. */
struct fsrs_opt_review {
	int64_t card_id;
	int64_t time;   /* any increasing clock (ms or s): orders answers */
	int64_t day;    /* the learning day it was given on */
	int rating;     /* 1..4 */
	int learning;   /* a learning answer (Anki's revlog type 0 or 1) */
};

/* fsrs-rs's options: short-term memory weights (w17..w19) trained, and
 * the number of relearning steps (bounds w17 and w18). */
struct fsrs_opt_config {
	int enable_short_term;
	size_t n_relearning_steps;
};

/* The default configuration: short-term on, one relearning step. */
void fsrs_opt_config_default(struct fsrs_opt_config *c);

/* fsrs-rs's metrics over every item: recency-weighted log loss and RMSE
 * over bins of (interval, review count, lapses). */
struct fsrs_metrics {
	double log_loss;
	double rmse_bins;
	size_t n_items;
};

/* What a fit did. */
enum fsrs_fit_kind {
	FSRS_FIT_TOO_LITTLE = 0, /* fewer than 8 training items: defaults */
	FSRS_FIT_PRETRAINED = 1, /* under 64: only the initial stabilities */
	FSRS_FIT_TRAINED = 2     /* every weight */
};

struct fsrs_fit {
	double w[FSRS_N_WEIGHTS];
	enum fsrs_fit_kind kind;
	size_t n_reviews;   /* answers used */
	size_t n_items;     /* items evaluated */
	size_t n_train;     /* items trained on (outliers dropped) */
	int iterations;     /* of the training */
};

/* The items of a history, built once, fitted and evaluated many times. */
struct fsrs_dataset;

/*
 * Builds the items of n answers (any order; ratings outside 1..4 are
 * SWOT_EINVAL naming the answer).  *out is freed with
 * fsrs_dataset_free.
 */
int fsrs_dataset_build(const struct fsrs_opt_review *r, size_t n,
		       struct fsrs_dataset **out, struct swot_err *err);
void fsrs_dataset_free(struct fsrs_dataset *d);

/* The number of items (predictions to score) in d. */
size_t fsrs_dataset_items(const struct fsrs_dataset *d);

/* fsrs-rs's evaluation of weights w on every item of d.  With no items,
 * both metrics are 0. */
void fsrs_evaluate(const struct fsrs_dataset *d, const double *w,
		   struct fsrs_metrics *out);

/* The recency-weighted log loss fsrs_evaluate reports for w, and in
 * grad (21 entries) its exact derivatives by each weight, carried forward
 * through each card's history as the fit does. */
double fsrs_log_loss_gradient(const struct fsrs_dataset *d, const double *w,
			      double *grad);

/* The number of training items fsrs-rs's outlier rule keeps of d. */
size_t fsrs_dataset_train_items(const struct fsrs_dataset *d);

/* Fits the 21 weights to d, starting (and pulled towards) fsrs-rs's
 * defaults with pretrained initial stabilities.  Always fills *fit (the
 * defaults when the history is too small, fit->kind saying so). */
void fsrs_fit(const struct fsrs_dataset *d, const struct fsrs_opt_config *c,
	      struct fsrs_fit *fit);

/* fsrs-rs's default FSRS-6 weights (equal to fsrs_params_default's). */
void fsrs_opt_default_weights(double *w);

#endif
