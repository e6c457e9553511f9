/*
 * test_learnday.c: learning days in Europe/London, across the summer-time
 * changes of 2025 (30 March 01:00 UTC forward, 26 October 01:00 UTC back)
 * and at the rollover hour.
 */
#include <stdlib.h>
#include <time.h>

#include "swot/learnday.h"
#include "testhelp.h"

#define HOUR 3600
#define DAY 86400
/* 00:00 UTC of some 2025 dates */
#define JAN15 INT64_C(1736899200)
#define MAR30 INT64_C(1743292800)
#define OCT26 INT64_C(1761436800)

int main(void)
{
	test_plan(20);
	setenv("TZ", "Europe/London", 1);
	tzset();
	int64_t d_jan15 = JAN15 / DAY, d_mar30 = MAR30 / DAY, d_oct26 = OCT26 / DAY;

	/* winter: local = UTC */
	CHECK("winter: 03:59:59 belongs to the day before (rollover 4)",
	      learnday_of(JAN15 + 4 * HOUR - 1, 4) == d_jan15 - 1);
	CHECK("winter: 04:00 starts the day", learnday_of(JAN15 + 4 * HOUR, 4) == d_jan15);
	CHECK("winter: learnday_start is 04:00 GMT", learnday_start(d_jan15, 4) == JAN15 + 4 * HOUR);
	CHECK("rollover 0: midnight starts the day", learnday_of(JAN15, 0) == d_jan15 &&
	      learnday_of(JAN15 - 1, 0) == d_jan15 - 1);

	/* spring forward: 01:00 GMT becomes 02:00 BST */
	CHECK("spring day starts at 04:00 BST = 03:00 UTC",
	      learnday_start(d_mar30, 4) == MAR30 + 3 * HOUR);
	CHECK("spring: 03:59:59 BST is still the day before",
	      learnday_of(MAR30 + 3 * HOUR - 1, 4) == d_mar30 - 1);
	CHECK("spring: 04:00 BST is the new day", learnday_of(MAR30 + 3 * HOUR, 4) == d_mar30);
	CHECK("the learning day across the spring change (from 04:00 on the 29th) lasts 23 hours",
	      learnday_start(d_mar30, 4) - learnday_start(d_mar30 - 1, 4) == 23 * HOUR);
	CHECK("the next one lasts 24 hours",
	      learnday_start(d_mar30 + 1, 4) - learnday_start(d_mar30, 4) == 24 * HOUR);
	CHECK("rollover 1 on the spring day (01:00 never shows): starts at 02:00 BST",
	      learnday_start(d_mar30, 1) == MAR30 + 1 * HOUR &&
	      learnday_of(MAR30 + HOUR - 1, 1) == d_mar30 - 1);

	/* fall back: 02:00 BST becomes 01:00 GMT */
	CHECK("autumn day starts at 04:00 GMT = 04:00 UTC",
	      learnday_start(d_oct26, 4) == OCT26 + 4 * HOUR);
	CHECK("the autumn learning day (from 04:00 on the 25th) lasts 25 hours",
	      learnday_start(d_oct26, 4) - learnday_start(d_oct26 - 1, 4) == 25 * HOUR);
	CHECK("rollover 1 on the autumn day: the first 01:00 (BST) starts it",
	      learnday_start(d_oct26, 1) == OCT26 && learnday_of(OCT26 + HOUR + 30 * 60, 1) ==
	      d_oct26);
	CHECK("autumn: 23:30 BST on the 25th at rollover 0 is still the 25th",
	      learnday_of(OCT26 - HOUR / 2 - HOUR, 0) == d_oct26 - 1);

	/* elapsed days */
	CHECK("03:00 to 05:00 the same morning is one learning day (rollover 4)",
	      learnday_between(JAN15 + 3 * HOUR, JAN15 + 5 * HOUR, 4) == 1);
	CHECK("05:00 to 03:00 the next morning is none",
	      learnday_between(JAN15 + 5 * HOUR, JAN15 + DAY + 3 * HOUR, 4) == 0);
	CHECK("across the spring change, 20:00 to 20:00 is one day",
	      learnday_between(MAR30 - DAY + 20 * HOUR, MAR30 + 19 * HOUR, 4) == 1);

	/* every hour of 2025 and every rollover hour: the day contains t */
	int contains = 1, round_trip = 1;
	for (int r = 0; r < 24; r += 1)
		for (int64_t t = JAN15 - 15 * DAY; t < JAN15 + 351 * DAY; t += HOUR + 17 * 60) {
			int64_t d = learnday_of(t, r);
			contains &= learnday_start(d, r) <= t && t < learnday_start(d + 1, r);
		}
	for (int r = 0; r < 24; r += 5)
		for (int64_t d = d_jan15; d < d_jan15 + 365; d++)
			round_trip &= learnday_of(learnday_start(d, r), r) == d &&
				      learnday_of(learnday_start(d, r) - 1, r) == d - 1;
	CHECK("every time of 2025 lies in its learning day, any rollover hour", contains);
	CHECK("learnday_of(learnday_start(d)) is d and the second before is d - 1", round_trip);

	setenv("TZ", "UTC", 1);
	tzset();
	CHECK("in UTC with rollover 0 the learning day is the UTC date",
	      learnday_of(MAR30 + 5, 0) == d_mar30 && learnday_of(MAR30 - 5, 0) == d_mar30 - 1);
	return test_done();
}
