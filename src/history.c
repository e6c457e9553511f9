/*
 * history.c: replaying a card's answers through the scheduler.
 */
#include "swot/history.h"

#include "swot/learnday.h"

int history_elapsed_days(const struct fsrs_card *f, int64_t now,
			 int rollover_hour)
{
	if (!f->last_review || f->state == FSRS_NEW)
		return 0;
	int64_t d = learnday_of(now, rollover_hour) -
		    learnday_of(f->last_review, rollover_hour);
	return d > 0 ? (int)d : 0;
}

int history_replay(const struct fsrs_params *p, int rollover_hour,
		   int64_t card_id, struct history_answer *a, size_t n,
		   struct fsrs_card *card, struct swot_err *err)
{
	fsrs_card_new(card, 0);
	for (size_t i = 0; i < n; i++) {
		struct history_answer *x = &a[i];
		int elapsed = history_elapsed_days(card, x->time, rollover_hour);
		struct fsrs_log log = {0};
		x->state_before = card->state;
		x->elapsed_days = elapsed;
		if (card->state == FSRS_NEW && card->reps == 0 && !x->drill)
			card->due = x->time;
		if (x->drill) {
			x->scheduled_days = card->scheduled_days;
			x->stability = card->stability;
			x->difficulty = card->difficulty;
			continue;
		}
		if (fsrs_next(p, card, x->time, elapsed, x->rating,
			      fsrs_fuzz_seed(card_id, card->reps), card, &log))
			return swot_err_set(err, SWOT_EINVAL,
					    "card %lld, answer %zu: rating %d is not 1..4",
					    (long long)card_id, i + 1, (int)x->rating);
		x->elapsed_days = log.elapsed_days;
		x->scheduled_days = card->scheduled_days;
		x->stability = card->stability;
		x->difficulty = card->difficulty;
	}
	return SWOT_OK;
}
