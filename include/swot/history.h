/*
 * history.h: a card's memory state recomputed from its answers, the FSRS
 * way: replaying them, oldest first, through the scheduler from a new
 * card.  Pure: no I/O, no clock.
 */
#ifndef SWOT_HISTORY_H
#define SWOT_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "swot/fsrs.h"
#include "swot/util.h"

/* One answer of a card's history.  time, rating and drill are read; the
 * rest is what the answer did, filled in by history_replay. */
struct history_answer {
	int64_t time;             /* Unix seconds */
	enum fsrs_rating rating;
	int drill;                /* practice: the schedule does not move */
	enum fsrs_state state_before;
	int elapsed_days;         /* learning days since the last answer */
	int scheduled_days;
	double stability, difficulty; /* after the answer */
};

/*
 * Replays the n answers a (sorted by time) of card card_id under p, with
 * learning days starting at rollover_hour, as a review session would have
 * given them (the same fuzz, from the card id and its review count), and
 * leaves the card's state in *card (a new card, due at 0, when n is 0 or
 * every answer is a drill).  Fills each answer's outcome.  SWOT_EINVAL for
 * a rating outside 1..4, naming the answer.
 */
int history_replay(const struct fsrs_params *p, int rollover_hour,
		   int64_t card_id, struct history_answer *a, size_t n,
		   struct fsrs_card *card, struct swot_err *err);

/* Learning days between a card's last review and now (0 for a new card),
 * as the scheduler counts them. */
int history_elapsed_days(const struct fsrs_card *f, int64_t now,
			 int rollover_hour);

#endif
