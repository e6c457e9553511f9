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

#include <time.h>

/* Days since 1970-01-01 of a local date (days_from_civil). */
static int64_t civil_days(const struct tm *tm)
{
	int64_t y = tm->tm_year + 1900;
	int m = tm->tm_mon + 1, d = tm->tm_mday;
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int64_t local_date(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	return civil_days(&tm);
}

/* The learning day of t: its local date, or the day before when t is
 * before the rollover hour. */
static int64_t learnday_of(int64_t t, int rollover_hour)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	return civil_days(&tm) - (tm.tm_hour < rollover_hour);
}

/* When learning day `day` starts: the rollover hour of that local date. */
static int64_t learnday_start(int64_t day, int rollover_hour)
{
	/* Noon UTC of the day names the date without zone trouble. */
	time_t noon = (time_t)(day * 86400 + 43200);
	struct tm tm;
	gmtime_r(&noon, &tm);
	tm.tm_hour = rollover_hour;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* A small deterministic mix of the card's state, to spread the last
 * reviews of a deck over the window (splitmix64's finaliser). */
static uint64_t mix(uint64_t x)
{
	x += UINT64_C(0x9e3779b97f4a7c15);
	x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
	return x ^ (x >> 31);
}

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
	uint64_t h = mix((uint64_t)next->last_review ^
			 ((uint64_t)(unsigned)next->reps << 40) ^
			 (uint64_t)(next->stability * 1000.0));
	int64_t target = hi - (int64_t)(h % (uint64_t)(hi - lo + 1));
	/* Keep the time of day the scheduler chose within its learning day. */
	int64_t offset = next->due - learnday_start(due_day, rollover_hour);
	int64_t moved = due_day - target;
	next->due = learnday_start(target, rollover_hour) + offset;
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
	return local_date(exam_at) - local_date(now);
}
