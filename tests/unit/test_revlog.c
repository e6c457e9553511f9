/*
 * test_revlog.c: review histories in the FSRS-standard CSV: the header's
 * columns in any order (extra ones ignored), CRLF and blank lines, a
 * byte-order mark, what counts as an answer, and the message for each
 * kind of malformed input, naming the file and the line.
 */
#include <string.h>

#include "swot/revlog.h"
#include "testhelp.h"

static int parse(const char *text, struct revlog *l, char *msg)
{
	struct swot_err err = {0};
	int rc = revlog_parse_csv(text, strlen(text), "h.csv", l, &err);
	strcpy(msg, err.msg);
	return rc;
}

int main(void)
{
	test_plan(16);
	struct revlog l;
	char msg[SWOT_ERR_MAX];

	int rc = parse("card_id,review_time,review_rating,review_state,review_duration\n"
		       "17,1795629600000,3,1,5400\n"
		       "17,1795630200000,0,5,0\n", &l, msg);
	CHECK("a standard file parses", rc == 0 && l.n == 2);
	CHECK("its first row", l.n == 2 && l.rows[0].card_id == 17 &&
	      l.rows[0].time_ms == INT64_C(1795629600000) && l.rows[0].rating == 3 &&
	      l.rows[0].state == REVLOG_LEARNING && l.rows[0].duration_ms == 5400);
	CHECK("a graded answer is an answer", l.n == 2 && revlog_is_answer(&l.rows[0]));
	CHECK("a manual reschedule is not", l.n == 2 && !revlog_is_answer(&l.rows[1]));
	revlog_free(&l);

	rc = parse("\xef\xbb\xbfreview_rating,extra,card_id,review_duration,review_state,review_time\r\n"
		   "\r\n"
		   "4,x,9,-5,0,1000\r\n", &l, msg);
	CHECK("columns in another order, an extra one, CRLF, a blank line and a BOM",
	      rc == 0 && l.n == 1);
	CHECK("each value read from its own column",
	      l.n == 1 && l.rows[0].card_id == 9 && l.rows[0].rating == 4 &&
	      l.rows[0].time_ms == 1000);
	CHECK("state 0 is read as learning, a negative duration as 0",
	      l.n == 1 && l.rows[0].state == REVLOG_LEARNING && l.rows[0].duration_ms == 0);
	revlog_free(&l);

	rc = parse("", &l, msg);
	CHECK("an empty file is refused", rc == SWOT_EINVAL && strstr(msg, "h.csv: empty") == msg);
	rc = parse("card_id,review_time,review_rating,review_state\n", &l, msg);
	CHECK_STR("a header without a column names it", msg,
		  "h.csv, line 1: no 'review_duration' column (the header must name "
		  "card_id, review_time, review_rating, review_state and review_duration)");
	rc = parse("card_id,review_time,review_rating,review_state,review_duration\n"
		   "1,2,3,1,4\n1,2,x3,1,4\n", &l, msg);
	CHECK("a value that is not a number is refused", rc == SWOT_EINVAL && l.n == 0);
	CHECK_STR("with the line and the column", msg,
		  "h.csv, line 3: review_rating 'x3' is not a whole number");
	rc = parse("card_id,review_time,review_rating,review_state,review_duration\n"
		   "1,2,7,1,4\n", &l, msg);
	CHECK_STR("a rating out of range", msg, "h.csv, line 2: review_rating 7 is not 0..4");
	rc = parse("card_id,review_time,review_rating,review_state,review_duration\n"
		   "1,2,3,6,4\n", &l, msg);
	CHECK_STR("a state out of range", msg, "h.csv, line 2: review_state 6 is not 0..5");
	rc = parse("card_id,review_time,review_rating,review_state,review_duration\n"
		   "1,-2,3,1,4\n", &l, msg);
	CHECK_STR("a time before 1970", msg, "h.csv, line 2: review_time -2 is before 1970");
	rc = parse("card_id,review_time,review_rating,review_state,review_duration\n"
		   "1,2,3\n", &l, msg);
	CHECK("a short line is refused", rc == SWOT_EINVAL && strstr(msg, "line 2: no review_state"));
	const char nul[] = "card_id\0";
	struct swot_err err = {0};
	rc = revlog_parse_csv(nul, sizeof nul - 1, "h.csv", &l, &err);
	CHECK_STR("a file with a NUL byte is not text", err.msg, "h.csv: not a text file");
	return test_done();
}
