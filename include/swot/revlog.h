/*
 * revlog.h: review histories in the FSRS-standard CSV that fsrs-rs, the
 * srs-benchmark and `swot export-reviews` use:
 *
 *     card_id,review_time,review_rating,review_state,review_duration
 *
 * review_time is Unix milliseconds, review_rating 1..4 (0 marks a manual
 * reschedule), review_state Anki's revlog type + 1 (1 learning, 2 review,
 * 3 relearning, 4 filtered/cram, 5 manual), review_duration milliseconds.
 * Pure: text in, rows out.
 */
#ifndef SWOT_REVLOG_H
#define SWOT_REVLOG_H

#include <stddef.h>
#include <stdint.h>

#include "swot/util.h"

enum revlog_state {
	REVLOG_LEARNING = 1,
	REVLOG_REVIEW = 2,
	REVLOG_RELEARNING = 3,
	REVLOG_FILTERED = 4,
	REVLOG_MANUAL = 5
};

struct revlog_row {
	int64_t card_id;
	int64_t time_ms;     /* Unix milliseconds */
	int rating;          /* 0..4 */
	int state;           /* enum revlog_state (0 is read as learning) */
	int64_t duration_ms;
};

/* Rows parsed from a CSV; rows is owned (revlog_free). */
struct revlog {
	struct revlog_row *rows;
	size_t n;
};

/*
 * Parses CSV text of len bytes (the header line first, its five columns
 * in any order, extra columns ignored; CRLF line ends read).  name is
 * what messages call the file.  A malformed line is SWOT_EINVAL with a
 * message giving name, line number and what is wrong; *out is then
 * empty.  On success the caller frees *out with revlog_free.
 */
int revlog_parse_csv(const char *text, size_t len, const char *name,
		     struct revlog *out, struct swot_err *err);

/* Whether a row is an answer (rating 1..4, not a manual entry). */
int revlog_is_answer(const struct revlog_row *r);

void revlog_free(struct revlog *l);

#endif
