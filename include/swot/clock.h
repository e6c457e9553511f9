/*
 * clock.h: reading times a user types (--now, exam dates) and printing them.
 */
#ifndef SWOT_CLOCK_H
#define SWOT_CLOCK_H

#include <stdint.h>

#include "swot/util.h"

/*
 * Parses Unix seconds ("1767225600") or an ISO-8601 time: "2026-05-01",
 * "2026-05-01T09:00", "2026-05-01 09:00:30", with an optional "Z" or
 * "+01:00".  A time without a zone is local time (TZ).  Returns SWOT_OK or
 * SWOT_EINVAL with a message saying what was expected.
 */
int clock_parse(const char *s, int64_t *out, struct swot_err *err);

/* Formats t as local "YYYY-MM-DD HH:MM" into buf (at least 17 bytes). */
void clock_format(int64_t t, char *buf, int size);

#endif
