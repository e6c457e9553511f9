/*
 * exam.c: exam-aware scheduling (see exam.h).
 *
 * The idea: FSRS spaces reviews for long-term memory; with an exam ahead
 * what counts is recall on one day.  A review that FSRS would place on or
 * after the exam is worth more just before it, so it is pulled into the
 * last days before the exam.  New cards are paced so the whole deck has
 * been met early enough for its reviews to build up.
 */
#include "swot/exam.h"

#include <stdio.h>
#include <time.h>

#include "swot/learnday.h"
#include "swot/util.h"

void exam_shorten(struct fsrs_card *next, int64_t now, int64_t exam_at,
		  int rollover_hour)
{
	if (exam_at <= now)
		return;
	int64_t today = learnday_of(now, rollover_hour);
	int64_t exam_day = learnday_of(exam_at, rollover_hour);
	int64_t due_day = learnday_of(next->due, rollover_hour);
	if (due_day < exam_day)
		return;
	int64_t hi = exam_day - 1;
	int64_t lo = exam_day - EXAM_WINDOW_DAYS;
	/* Answered inside the window: that was its review before the exam. */
	if (today >= lo)
		return;
	uint64_t h = splitmix64_mix((uint64_t)next->last_review ^
			 ((uint64_t)(unsigned)next->reps << 40) ^
			 (uint64_t)(next->stability * 1000.0));
	int64_t target = hi - (int64_t)(h % (uint64_t)(hi - lo + 1));
	/* Keep the time of day the scheduler chose within its learning day. */
	int64_t offset = next->due - learnday_start(due_day, rollover_hour);
	int64_t moved = due_day - target;
	next->due = learnday_start(target, rollover_hour) + offset;
	/* a day shortened by a clock change must not push it a day on */
	if (learnday_of(next->due, rollover_hour) != target)
		next->due = learnday_start(target + 1, rollover_hour) - 1;
	next->scheduled_days -= (int)moved;
	if (next->scheduled_days < 1)
		next->scheduled_days = 1;
}

int exam_new_per_day(int base, int cap, size_t new_left, int64_t today,
		     int64_t exam_day, int lead_days)
{
	if (today >= exam_day || new_left == 0)
		return base;
	int64_t days = exam_day - lead_days - today;
	int64_t need = days <= 0 ? cap : ((int64_t)new_left + days - 1) / days;
	if (need > cap)
		need = cap;
	return need > base ? (int)need : base;
}

int64_t exam_days_left(int64_t now, int64_t exam_at)
{
	/* learning days that roll over at midnight are calendar days */
	return learnday_between(now, exam_at, 0);
}

void exam_countdown(int64_t days, int passed, char *buf, size_t size)
{
	if (passed && days == 0)
		snprintf(buf, size, "passed today");
	else if (passed)
		snprintf(buf, size, "passed %lld day%s ago", (long long)-days,
			 days == -1 ? "" : "s");
	else if (days > 1)
		snprintf(buf, size, "in %lld days", (long long)days);
	else
		snprintf(buf, size, days == 1 ? "tomorrow" : "today");
}

void exam_format_date(int64_t at, char *buf, size_t size)
{
	local_strftime(buf, size, "%a %d %b %Y, %H:%M", at);
}
