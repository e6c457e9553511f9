/*
 * learnday.c: Unix times to learning days and back, in local time.
 */
#include "swot/learnday.h"

#include <time.h>

/* Howard Hinnant's days_from_civil. */
int64_t learnday_from_date(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t learnday_of(int64_t t, int rollover_hour)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!localtime_r(&tt, &tm)) {
		/* out of the zone's range: fall back to UTC days */
		int64_t d = t / 86400;
		return t % 86400 < 0 ? d - 1 : d;
	}
	int64_t day = learnday_from_date((int64_t)tm.tm_year + 1900, tm.tm_mon + 1,
				      tm.tm_mday);
	return tm.tm_hour < rollover_hour ? day - 1 : day;
}

int64_t learnday_start(int64_t day, int rollover_hour)
{
	/* learnday_of never decreases with t, so search for the first second
	 * of the day around its UTC guess; zone offsets stay within a day. */
	int64_t lo = (day - 2) * 86400, hi = (day + 3) * 86400;
	while (lo < hi) {
		int64_t mid = lo + (hi - lo) / 2;
		if (learnday_of(mid, rollover_hour) >= day)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

int64_t learnday_between(int64_t a, int64_t b, int rollover_hour)
{
	return learnday_of(b, rollover_hour) - learnday_of(a, rollover_hour);
}
