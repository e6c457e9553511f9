/*
 * test_clock.c: the times a user types (--now, exam dates) in
 * Europe/London: Unix seconds, dates, local times either side of the
 * summer-time change, explicit zones, and the messages for what is not a
 * time or not a real date.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "swot/clock.h"
#include "testhelp.h"

/* 00:00 UTC of 2026-01-15 and of 2026-07-15 */
#define JAN15 INT64_C(1768435200)
#define JUL15 INT64_C(1784073600)

static int64_t parse(const char *s, int *rc, char *msg)
{
	struct swot_err err = {0};
	int64_t t = -1;
	*rc = clock_parse(s, &t, &err);
	strcpy(msg, err.msg);
	return t;
}

int main(void)
{
	test_plan(19);
	setenv("TZ", "Europe/London", 1);
	tzset();
	int rc;
	char msg[SWOT_ERR_MAX];
	int64_t t;

	t = parse("1767225600", &rc, msg);
	CHECK("Unix seconds are taken as they are", rc == 0 && t == INT64_C(1767225600));
	t = parse("2026-01-15", &rc, msg);
	CHECK("a date is local midnight (winter: UTC)", rc == 0 && t == JAN15);
	t = parse("2026-07-15", &rc, msg);
	CHECK("a summer date is local midnight (BST: 23:00 UTC the day before)",
	      rc == 0 && t == JUL15 - 3600);
	t = parse("2026-01-15T09:30", &rc, msg);
	CHECK("a local time with T", rc == 0 && t == JAN15 + 9 * 3600 + 30 * 60);
	t = parse("2026-01-15 09:30:15", &rc, msg);
	CHECK("a local time with a space and seconds",
	      rc == 0 && t == JAN15 + 9 * 3600 + 30 * 60 + 15);
	t = parse("2026-07-15T09:30Z", &rc, msg);
	CHECK("Z is UTC, whatever TZ says", rc == 0 && t == JUL15 + 9 * 3600 + 30 * 60);
	t = parse("2026-07-15T09:30+02:00", &rc, msg);
	CHECK("+02:00 is two hours ahead of UTC", rc == 0 && t == JUL15 + 7 * 3600 + 30 * 60);
	t = parse("2026-07-15T09:30-05:30", &rc, msg);
	CHECK("-05:30 is five and a half hours behind UTC",
	      rc == 0 && t == JUL15 + 15 * 3600);
	t = parse("2024-02-29", &rc, msg);
	CHECK("29 February of a leap year is a date", rc == 0);

	parse("2026-02-29", &rc, msg);
	CHECK("29 February of another year is refused", rc == SWOT_EINVAL);
	CHECK_STR("and the message says it is not a real date", msg,
		  "'2026-02-29' is not a real date and time");
	parse("2026-13-01", &rc, msg);
	CHECK("month 13 is refused", rc == SWOT_EINVAL);
	parse("2026-01-15T24:00", &rc, msg);
	CHECK("hour 24 is refused", rc == SWOT_EINVAL);
	parse("tomorrow", &rc, msg);
	CHECK("a word is refused", rc == SWOT_EINVAL);
	CHECK_STR("and the message says what a time looks like", msg,
		  "'tomorrow' is not a time: use YYYY-MM-DD, "
		  "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM] or Unix seconds");
	parse("2026-01-15T09:30+1", &rc, msg);
	CHECK("a zone offset cut short is refused", rc == SWOT_EINVAL);
	parse("2026-01-15T09:30 ", &rc, msg);
	CHECK("trailing text is refused", rc == SWOT_EINVAL);

	char buf[32];
	clock_format(JUL15 + 9 * 3600, buf, sizeof buf);
	CHECK_STR("clock_format prints local time (BST)", buf, "2026-07-15 10:00");
	clock_format(JAN15 + 9 * 3600, buf, sizeof buf);
	CHECK_STR("clock_format prints local time (GMT)", buf, "2026-01-15 09:00");
	return test_done();
}
