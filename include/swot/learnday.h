/*
 * learnday.h: learning days.  A learning day starts at the rollover hour
 * (e.g. 4 for 04:00) of a local calendar day, local meaning the zone of TZ;
 * it is numbered by that calendar date as days since 1970-01-01.  Elapsed
 * days in FSRS count learning days.  Summer-time changes are followed: a
 * day may be 23 or 25 hours long.
 */
#ifndef SWOT_LEARNDAY_H
#define SWOT_LEARNDAY_H

#include <stdint.h>

/* The learning day of Unix time t: the local date of t, less one when the
 * local clock has not yet reached rollover_hour (0..23) that day. */
int64_t learnday_of(int64_t t, int rollover_hour);

/* The Unix time learning day `day` begins: the first second whose
 * learnday_of is day (the local clock reaching rollover_hour on that
 * date, or the first moment after it when summer time skips that hour). */
int64_t learnday_start(int64_t day, int rollover_hour);

/* The day number (days since 1970-01-01) of the proleptic Gregorian date
 * y-m-d, as learning days are numbered. */
int64_t learnday_from_date(int64_t y, int m, int d);

/* Learning days from a to b (b's day less a's); negative when b is
 * before a. */
int64_t learnday_between(int64_t a, int64_t b, int rollover_hour);

#endif
