/*
 * test_exam.c: exam-aware scheduling: exam_shorten, exam_new_per_day and
 * exam_days_left, with times in Europe/London (tests/run sets TZ).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "swot/clock.h"
#include "swot/exam.h"
#include "swot/learnday.h"
#include "testhelp.h"

#define DAY 86400

static int64_t at(const char *s)
{
	int64_t t = 0;
	struct swot_err err;
	if (clock_parse(s, &t, &err)) {
		printf("# bad time %s: %s\n", s, err.msg);
		exit(1);
	}
	return t;
}

/* A review card answered at now with an interval of ivl days. */
static struct fsrs_card review_card(int64_t now, int ivl, double s, int reps)
{
	struct fsrs_card c = {0};
	c.state = FSRS_REVIEW;
	c.stability = s;
	c.difficulty = 5;
	c.last_review = now;
	c.due = now + (int64_t)ivl * DAY;
	c.scheduled_days = ivl;
	c.reps = reps;
	return c;
}

static void test_shorten(void)
{
	int64_t exam = at("2027-05-14T09:00");
	int64_t now = at("2027-04-20T18:30");
	char buf[32];

	/* Lands after the exam: moved into the three days before it. */
	struct fsrs_card c = review_card(now, 40, 38.0, 5);
	exam_shorten(&c, now, exam, 4);
	clock_format(c.due, buf, sizeof buf);
	CHECK("a review after the exam moves before it", c.due < at("2027-05-14T04:00"));
	CHECK("it moves into the last three days",
	      c.due >= at("2027-05-11T04:00") && c.due < at("2027-05-14T04:00"));
	CHECK("the time of day is kept", (c.due - now) % DAY == 0 ||
					       (c.due - now + 3600) % DAY == 0);
	CHECKF(c.scheduled_days == (int)((c.due - now + DAY / 2) / DAY),
	       "scheduled_days follows the move (%d, due %s)", c.scheduled_days, buf);

	/* Due before the exam day: untouched. */
	struct fsrs_card d = review_card(now, 10, 9.0, 3), d0 = d;
	exam_shorten(&d, now, exam, 4);
	CHECK("a review before the exam is untouched",
	      d.due == d0.due && d.scheduled_days == d0.scheduled_days);

	/* Due on the exam day, before the exam's hour: still moved. */
	struct fsrs_card e = review_card(now, 0, 30.0, 4);
	e.due = at("2027-05-14T07:00");
	e.scheduled_days = 24;
	exam_shorten(&e, now, exam, 4);
	CHECK("a review on the exam day itself moves before it",
	      e.due < at("2027-05-14T04:00") && e.due >= at("2027-05-11T04:00"));

	/* After the exam: no change. */
	int64_t later = at("2027-05-20T10:00");
	struct fsrs_card f = review_card(later, 30, 28.0, 6), f0 = f;
	exam_shorten(&f, later, exam, 4);
	CHECK("after the exam scheduling is normal", f.due == f0.due);

	/* Answered inside the window: that was its last review. */
	int64_t eve2 = at("2027-05-12T20:00");
	struct fsrs_card g = review_card(eve2, 12, 11.0, 6), g0 = g;
	exam_shorten(&g, eve2, exam, 4);
	CHECK("answered two days before, no second review is forced",
	      g.due == g0.due);

	/* Answered four days before: tomorrow onwards fits. */
	int64_t d4 = at("2027-05-10T20:00");
	struct fsrs_card h = review_card(d4, 12, 11.0, 6);
	exam_shorten(&h, d4, exam, 4);
	CHECK("answered four days before, moved into the window",
	      h.due >= at("2027-05-11T04:00") && h.due < at("2027-05-14T04:00"));

	/* Deterministic, and spread over the whole window, never the eve only
	 * and never the exam day. */
	int days[3] = {0, 0, 0}, same = 1, bad = 0;
	for (int i = 0; i < 300; i++) {
		int64_t t = now + i * 97;
		struct fsrs_card a = review_card(t, 30 + i % 7, 20.0 + i * 0.37, 3 + i % 5);
		struct fsrs_card b = a;
		exam_shorten(&a, t, exam, 4);
		exam_shorten(&b, t, exam, 4);
		same &= a.due == b.due;
		int64_t k = (at("2027-05-14T04:00") - a.due + DAY - 1) / DAY;
		if (k >= 1 && k <= 3)
			days[k - 1]++;
		else
			bad++;
	}
	CHECK("the move is deterministic", same);
	CHECKF(bad == 0, "every moved review is 1-3 days before the exam (%d outside)", bad);
	CHECKF(days[0] > 50 && days[1] > 50 && days[2] > 50,
	       "spread over the window: eve %d, 2 days %d, 3 days %d", days[0],
	       days[1], days[2]);

	/* Across the change to summer time (29 March 2027, London). */
	int64_t exam2 = at("2027-04-02T09:00");
	int64_t n2 = at("2027-03-20T19:15");
	struct fsrs_card k = review_card(n2, 20, 19.0, 4);
	time_t kt0 = (time_t)k.due;
	struct tm tm0, tm;
	localtime_r(&kt0, &tm0);
	exam_shorten(&k, n2, exam2, 4);
	time_t kt = (time_t)k.due;
	localtime_r(&kt, &tm);
	CHECKF(tm.tm_hour == tm0.tm_hour && tm.tm_min == tm0.tm_min && tm.tm_mday >= 30,
	       "local time of day kept across a clock change (%02d:%02d on the %d)",
	       tm.tm_hour, tm.tm_min, tm.tm_mday);

	/* Reviews due at 03:30, late in their learning day, moved onto the
	 * 23-hour learning day of the clock change stay on their day. */
	int64_t exam3 = at("2027-03-28T09:00"); /* the eve is the short day */
	int on_day = 1;
	for (int i = 0; i < 60; i++) {
		int64_t t = at("2027-03-10T03:30") + i * 7;
		struct fsrs_card a = review_card(t, 30, 25.0 + i, 3 + i % 4);
		a.due = at("2027-04-09T03:30"); /* 23.5 hours into its learning day */
		exam_shorten(&a, t, exam3, 4);
		int64_t got = learnday_of(a.due, 4), ex = learnday_of(exam3, 4);
		on_day &= got >= ex - 3 && got <= ex - 1;
	}
	CHECK("moved reviews never reach the exam day across a short eve", on_day);

	/* The exam tomorrow: no earlier day fits; left alone. */
	int64_t eve = at("2027-05-13T10:00");
	struct fsrs_card m = review_card(eve, 5, 4.0, 3), m0 = m;
	exam_shorten(&m, eve, exam, 4);
	CHECK("with the exam tomorrow nothing moves", m.due == m0.due);
}

static void test_new_per_day(void)
{
	/* 30 days to go, lead 14: 16 days to meet every card. */
	CHECK("a small deck keeps the base", exam_new_per_day(20, 60, 300, 100, 130, 14) == 20);
	CHECKF(exam_new_per_day(20, 60, 600, 100, 130, 14) == 38,
	       "600 cards in 16 days need 38 a day (%d)",
	       exam_new_per_day(20, 60, 600, 100, 130, 14));
	CHECK("never above the cap", exam_new_per_day(20, 60, 5000, 100, 130, 14) == 60);
	CHECK("past the lead point, the cap", exam_new_per_day(20, 60, 50, 120, 130, 14) == 60);
	CHECK("nothing left, the base", exam_new_per_day(20, 60, 0, 120, 130, 14) == 20);
	CHECK("exam passed, the base", exam_new_per_day(20, 60, 500, 131, 130, 14) == 20);
	CHECK("exam day, the base", exam_new_per_day(20, 60, 500, 130, 130, 14) == 20);
	CHECK("lead 0: up to the eve", exam_new_per_day(10, 60, 300, 100, 130, 0) == 10);
	CHECK("base above the cap wins", exam_new_per_day(80, 60, 5000, 100, 130, 14) == 80);
	CHECK("exact division", exam_new_per_day(5, 60, 32, 100, 130, 14) == 5 &&
				       exam_new_per_day(1, 60, 32, 100, 130, 14) == 2);
}

static void test_days_left(void)
{
	int64_t exam = at("2027-05-14T09:00");
	CHECK("days left counts dates", exam_days_left(at("2027-05-13T23:59"), exam) == 1);
	CHECK("the day itself is 0", exam_days_left(at("2027-05-14T08:00"), exam) == 0);
	CHECK("after, negative", exam_days_left(at("2027-05-16T08:00"), exam) == -2);
	CHECK("across the clock change", exam_days_left(at("2027-03-27T12:00"),
							 at("2027-03-30T09:00")) == 3);
}

static void test_countdown(void)
{
	char buf[48];
	static const struct { int64_t days; int passed; const char *want; } cases[] = {
		{12, 0, "in 12 days"}, {2, 0, "in 2 days"}, {1, 0, "tomorrow"},
		{0, 0, "today"}, {0, 1, "passed today"}, {-1, 1, "passed 1 day ago"},
		{-3, 1, "passed 3 days ago"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		exam_countdown(cases[i].days, cases[i].passed, buf, sizeof buf);
		CHECKF(!strcmp(buf, cases[i].want), "countdown %lld%s: %s",
		       (long long)cases[i].days, cases[i].passed ? " passed" : "", buf);
	}
	exam_format_date(at("2027-05-14T09:00"), buf, sizeof buf);
	CHECK_STR("an exam date as swot writes it", buf, "Fri 14 May 2027, 09:00");
}

int main(void)
{
	test_plan(37);
	test_shorten();
	test_new_per_day();
	test_days_left();
	test_countdown();
	return test_done();
}
