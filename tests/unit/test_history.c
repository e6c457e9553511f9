/*
 * test_history.c: a card's memory state replayed from its answers: the
 * same state the scheduler reaches answer by answer (fuzz seeded from the
 * card and its review count, learning days at the rollover hour), drill
 * answers leaving the schedule alone, and a rating outside 1..4 named.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "swot/history.h"
#include "swot/learnday.h"
#include "testhelp.h"

#define H 4
#define DAY 86400

int main(void)
{
	test_plan(10);
	setenv("TZ", "Europe/London", 1);
	tzset();
	struct fsrs_params p;
	fsrs_params_default(&p);
	int64_t t0 = INT64_C(1768402800); /* 2026-01-14 15:00 GMT */
	struct swot_err err = {0};

	struct history_answer a[] = {
		{.time = t0, .rating = FSRS_GOOD},
		{.time = t0 + 600, .rating = FSRS_GOOD},
		{.time = t0 + 3 * DAY, .rating = FSRS_AGAIN},
		{.time = t0 + 3 * DAY + 60, .rating = FSRS_EASY, .drill = 1},
		{.time = t0 + 3 * DAY + 600, .rating = FSRS_GOOD},
		{.time = t0 + 9 * DAY, .rating = FSRS_HARD},
	};
	size_t n = sizeof a / sizeof *a;
	struct fsrs_card got;
	CHECK("a history of six answers replays",
	      history_replay(&p, H, 42, a, n, &got, &err) == 0);

	/* the same answers through the scheduler one by one */
	struct fsrs_card want;
	fsrs_card_new(&want, t0);
	int same_steps = 1;
	for (size_t i = 0; i < n; i++) {
		if (a[i].drill)
			continue;
		struct fsrs_log log;
		int elapsed = history_elapsed_days(&want, a[i].time, H);
		fsrs_next(&p, &want, a[i].time, elapsed, a[i].rating,
			  fsrs_fuzz_seed(42, want.reps), &want, &log);
		same_steps &= a[i].stability == want.stability &&
			      a[i].difficulty == want.difficulty &&
			      a[i].scheduled_days == want.scheduled_days;
	}
	CHECK("each answer's outcome is the scheduler's", same_steps);
	CHECK("the final state is the scheduler's",
	      got.state == want.state && got.stability == want.stability &&
	      got.difficulty == want.difficulty && got.due == want.due &&
	      got.reps == want.reps && got.lapses == want.lapses);
	CHECK("the lapse is counted", got.lapses == 1);
	CHECK("the drill answer left the state as it was",
	      a[3].stability == a[2].stability && a[3].difficulty == a[2].difficulty &&
	      a[3].scheduled_days == a[2].scheduled_days);
	CHECK("each answer records the state it found",
	      a[0].state_before == FSRS_NEW && a[2].state_before == FSRS_REVIEW);
	CHECK("elapsed days are learning days", a[5].elapsed_days ==
	      (int)(learnday_of(a[5].time, H) - learnday_of(a[4].time, H)));

	struct fsrs_card none;
	CHECK("no answers: a new card due at 0",
	      history_replay(&p, H, 42, a, 0, &none, &err) == 0 &&
	      none.state == FSRS_NEW && none.due == 0 && none.reps == 0);

	struct history_answer bad[] = {
		{.time = t0, .rating = FSRS_GOOD},
		{.time = t0 + DAY, .rating = (enum fsrs_rating)7},
	};
	CHECK("a rating of 7 is refused", history_replay(&p, H, 9, bad, 2, &none, &err) ==
	      SWOT_EINVAL);
	CHECK_STR("naming the card and the answer", err.msg,
		  "card 9, answer 2: rating 7 is not 1..4");
	return test_done();
}
