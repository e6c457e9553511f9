/*
 * progress.h: everything the progress commands (readiness, stats, report)
 * and the session summary need about one deck, loaded from the store in
 * one call: its exam, themes, settings and readiness, and the cards the
 * readiness names.
 */
#ifndef SWOT_PROGRESS_H
#define SWOT_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

#include "swot/forecast.h"
#include "swot/fsrs.h"
#include "swot/readiness.h"
#include "swot/stats.h"
#include "swot/store.h"
#include "swot/util.h"

/* The settings the progress commands use, for a deck or (deck NULL) for
 * all of them. */
struct progress_conf {
	struct fsrs_params fsrs;
	int rollover_hour;
	int new_per_day;
	int reviews_per_day;
	double readiness_target;
};

/* The settings in force for deck (NULL: the global ones). */
int progress_conf_load(struct store *s, const char *deck, struct progress_conf *out,
		       struct swot_err *err);

struct progress_deck {
	char *deck;              /* slug; owned */
	char *title;             /* owned */
	struct store_card *cards; /* the cards r names (r.weakest[i].index
				   * indexes them), whole; owned */
	size_t n_cards;
	int64_t exam_at;         /* 0 without an exam */
	struct fsrs_params params;
	int rollover_hour;
	int new_per_day;
	struct strlist theme_ids, theme_names;
	struct readiness_theme *themes; /* views into the lists above; owned array */
	struct readiness r;      /* readiness at now (for the exam when set) */
};

/* Loads deck (a slug) at now into *out, which the caller releases with
 * progress_release (also after a failure).  An unknown deck is
 * SWOT_ENOTFOUND. */
int progress_load(struct store *s, const char *deck, int64_t now,
		  struct progress_deck *out, struct swot_err *err);
void progress_release(struct progress_deck *p);

/* The sum of the predicted recall at `at` over the live cards of deck
 * into *sum and their count into *n (readiness is *sum / *n), for a
 * caller that then follows answers one by one with readiness_card_at. */
int progress_tally(struct store *s, const char *deck, const struct fsrs_params *p,
		   int64_t at, int rollover_hour, double *sum, size_t *n,
		   struct swot_err *err);

/* A deck's readiness as readiness_compute's mean gives it (the mean
 * predicted recall over its live cards, 0 for a card never studied) at
 * its exam when one is set and still ahead, else at now, into *out (0 for
 * a deck with no live card); *exam_at gets the exam's time, or 0 without
 * one ahead.  Summed with progress_tally from the cards' schedules alone,
 * with the deck's own settings. */
int progress_readiness(struct store *s, const char *deck, int64_t now,
		       double *out, int64_t *exam_at, struct swot_err *err);

/* How the student has been studying deck at now (the basis of the
 * forecast, forecast.h): the last weeks of its review log, and
 * forecast_basis_cards over cards[0..n) (the memories of the deck's live
 * cards).  *b is initialised here, not finished. */
int progress_basis(struct store *s, const char *deck, int64_t now, int rollover,
		   const struct fsrs_card *cards, size_t n, struct forecast_basis *b,
		   struct swot_err *err);

/* A deck's readiness figures for a table or a header: swot readiness's
 * own (the same computation, without its topics, best case and what it
 * takes). */
struct progress_ready {
	double now;        /* if you stop now: the mean predicted recall at
			    * the exam (or now, without one ahead) */
	int64_t exam_at;   /* the exam, 0 without one ahead */
	int has_forecast;  /* an exam ahead and history enough to forecast */
	double expected, low, high; /* if you carry on as you have been: the
				     * expected value and its 80% range */
};

/* Fills *out for deck at now, with the deck's own settings.  The cost is
 * swot readiness's forecast without what it takes: call it once per deck
 * (a session does, at its start), not per card. */
int progress_ready(struct store *s, const char *deck, int64_t now,
		   struct progress_ready *out, struct swot_err *err);

/* The figure "ready" means wherever swot shows one number (swot decks'
 * READY, the session header, swot class): the carry-on forecast's
 * expected value when there is one, else the stop-now readiness. */
double progress_ready_figure(const struct progress_ready *r);

/* The decks a report command covers, appended to slugs: deck itself when
 * not NULL, else every deck in the store. */
int progress_deck_slugs(struct store *s, const char *deck,
			struct strlist *slugs, struct swot_err *err);

/* The stats of deck (every deck when NULL) at now, from its live cards and
 * its whole review log, with the settings in force; *rollover_hour gets
 * the rollover hour they were computed with. */
int progress_stats(struct store *s, const char *deck, int64_t now,
		   struct stats *out, int *rollover_hour, struct swot_err *err);

#endif
