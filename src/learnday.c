/*
 * learnday.c: Unix times to learning days and back, in local time.
 */
#include "swot/learnday.h"

#include <string.h>
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

/* The learning day of t by the C library's local time: the reference
 * that the cached path below must always agree with. */
static int64_t learnday_of_libc(int64_t t, int rollover_hour, long *gmtoff, int *ok)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!localtime_r(&tt, &tm)) {
		/* out of the zone's range: fall back to UTC days */
		*ok = 0;
		int64_t d = t / 86400;
		return t % 86400 < 0 ? d - 1 : d;
	}
	*ok = 1;
	*gmtoff = tm.tm_gmtoff;
	int64_t day = learnday_from_date((int64_t)tm.tm_year + 1900, tm.tm_mon + 1,
				      tm.tm_mday);
	return tm.tm_hour < rollover_hour ? day - 1 : day;
}

/*
 * localtime_r is slow (a lock, then the zone's rules) and the commands
 * that look back over a history ask for the learning day of a million
 * answers.  A zone's UTC offset changes a few times a year at most, so
 * the offset of each UTC day is remembered once it is known to hold for
 * the whole day; a day with a change in it always goes to the C library.
 * What is remembered belongs to the zone tzset() last set up, as
 * localtime_r's own answers do: a program that changes TZ calls tzset(),
 * which sets tzname, timezone and daylight, and those are compared (two
 * zones alike in all four, switched between in one process, would share
 * what is remembered; swot never switches zones).
 */
#define OFFSET_SLOTS 1024
static struct {
	int have_zone;
	const char *name[2];
	long timezone;
	int daylight;
	struct {
		int64_t utc_day;
		long off;
		int valid;
	} slot[OFFSET_SLOTS];
} offsets;

static int zone_is_remembered(void)
{
	return offsets.have_zone && offsets.name[0] == tzname[0] &&
	       offsets.name[1] == tzname[1] && offsets.timezone == timezone &&
	       offsets.daylight == daylight;
}

/* The UTC offset that holds all through UTC day utc_day, with *found
 * set; *found unset when the offset changes that day. */
static long day_offset(int64_t utc_day, int *found)
{
	if (!zone_is_remembered()) {
		tzset(); /* what localtime_r would do on its first call */
		memset(&offsets, 0, sizeof offsets);
		offsets.have_zone = 1;
		offsets.name[0] = tzname[0];
		offsets.name[1] = tzname[1];
		offsets.timezone = timezone;
		offsets.daylight = daylight;
	}
	size_t i = (size_t)(uint64_t)utc_day % OFFSET_SLOTS;
	if (offsets.slot[i].valid && offsets.slot[i].utc_day == utc_day) {
		*found = 1;
		return offsets.slot[i].off;
	}
	long first = 0, last = 0;
	int ok1 = 0, ok2 = 0;
	learnday_of_libc(utc_day * 86400, 0, &first, &ok1);
	learnday_of_libc(utc_day * 86400 + 86399, 0, &last, &ok2);
	*found = ok1 && ok2 && first == last;
	if (*found) {
		offsets.slot[i].utc_day = utc_day;
		offsets.slot[i].off = first;
		offsets.slot[i].valid = 1;
	}
	return first;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return a % b < 0 ? q - 1 : q;
}

int64_t learnday_of(int64_t t, int rollover_hour)
{
	int found = 0;
	long off = day_offset(floor_div(t, 86400), &found);
	if (found) /* the local date of t, less a day before the rollover hour */
		return floor_div(t + off - (int64_t)rollover_hour * 3600, 86400);
	long unused;
	int ok;
	return learnday_of_libc(t, rollover_hour, &unused, &ok);
}

int64_t learnday_start(int64_t day, int rollover_hour)
{
	/* Where the offset of that UTC day is known, the local clock reads
	 * the rollover hour at one instant: checked, since summer time may
	 * skip that hour, and then the search below finds the moment after. */
	int64_t local = day * 86400 + (int64_t)rollover_hour * 3600;
	int found = 0;
	long off = day_offset(floor_div(local, 86400), &found);
	if (found) {
		int64_t t = local - off;
		if (learnday_of(t, rollover_hour) == day &&
		    learnday_of(t - 1, rollover_hour) == day - 1)
			return t;
	}
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
