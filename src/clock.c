/*
 * clock.c: parsing and formatting times given on the command line.
 */
#include "swot/clock.h"
#include "swot/learnday.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : mdays[m - 1];
}

int clock_parse(const char *s, int64_t *out, struct swot_err *err)
{
	const char *p = s;
	int y, mo, d, h = 0, mi = 0, sec = 0;
	int bad = 0;

	if (*s && strspn(s, "0123456789") == strlen(s) && strlen(s) <= 12) {
		*out = strtoll(s, NULL, 10);
		return SWOT_OK;
	}
	if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) ||
	    *p++ != '-' || digits(&p, 2, &d))
		bad = 1;
	if (!bad && (*p == 'T' || *p == ' ')) {
		p++;
		if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi))
			bad = 1;
		else if (*p == ':' && (p++, digits(&p, 2, &sec)))
			bad = 1;
	}
	if (!bad && (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) ||
		     h > 23 || mi > 59 || sec > 59))
		return swot_err_set(err, SWOT_EINVAL, "'%s' is not a real date and time", s);

	int zoned = 0, off = 0;
	if (!bad && *p == 'Z') {
		zoned = 1;
		p++;
	} else if (!bad && (*p == '+' || *p == '-')) {
		int sign = *p++ == '-' ? -1 : 1, oh = 0, om = 0;
		if (digits(&p, 2, &oh) || *p++ != ':' || digits(&p, 2, &om) || oh > 23 || om > 59)
			bad = 1;
		else
			off = sign * (oh * 3600 + om * 60);
		zoned = 1;
	}
	if (bad || *p)
		return swot_err_set(err, SWOT_EINVAL,
				    "'%s' is not a time: use YYYY-MM-DD, "
				    "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM] or Unix seconds", s);
	if (zoned) {
		*out = learnday_from_date(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - off;
		return SWOT_OK;
	}
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	if (t == (time_t)-1)
		return swot_err_set(err, SWOT_EINVAL, "'%s' is out of range", s);
	*out = (int64_t)t;
	return SWOT_OK;
}

void clock_format(int64_t t, char *buf, int size)
{
	local_strftime(buf, (size_t)size, "%Y-%m-%d %H:%M", t);
}
