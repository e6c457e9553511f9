/*
 * cmd_exam.c: swot exam: set, clear or list the exam date of decks.
 *
 *	swot exam DECK YYYY-MM-DD [--time HH:MM]
 *	swot exam DECK --clear
 *	swot exam
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "swot/cli.h"
#include "swot/clock.h"
#include "swot/exam.h"

/* Whether s has exactly the shape of pattern, where '9' is any digit. */
static int shaped(const char *s, const char *pattern)
{
	for (; *pattern; s++, pattern++) {
		if (*pattern == '9' ? !isdigit((unsigned char)*s) : *s != *pattern)
			return 0;
	}
	return *s == '\0';
}

/* "in 12 days", "tomorrow", "today", "passed 3 days ago" into buf. */
static void format_left(int64_t now, int64_t at, char *buf, size_t size)
{
	exam_countdown(exam_days_left(now, at), at <= now, buf, size);
}

static int list_exams(struct cli *cli)
{
	struct store *s;
	struct store_exam *ex = NULL;
	size_t n = 0;
	struct swot_err err = {0};
	int rc = cli_open_store(cli, &s);
	if (rc)
		return rc;
	if (store_exam_list(s, &ex, &n, &err)) {
		cli_error("%s", err.msg);
		return SWOT_EXIT_FAIL;
	}
	if (n == 0) {
		printf("No exam dates set.  Set one with: swot exam DECK YYYY-MM-DD\n");
	} else {
		int w = 4;
		for (size_t i = 0; i < n; i++) {
			int len = (int)strlen(ex[i].deck_id);
			if (len > w)
				w = len;
		}
		printf("%-*s  %-22s  %s\n", w, "DECK", "EXAM", "WHEN");
		for (size_t i = 0; i < n; i++) {
			char when[64], left[64];
			exam_format_date(ex[i].at, when, sizeof when);
			format_left(cli->now, ex[i].at, left, sizeof left);
			printf("%-*s  %-22s  %s\n", w, ex[i].deck_id, when, left);
		}
	}
	store_exams_free(ex, n);
	return SWOT_EXIT_OK;
}

static int clear_exam(struct cli *cli, const char *deck)
{
	struct store *s;
	struct swot_err err = {0};
	int cleared = 0;
	int rc = cli_open_store(cli, &s);
	if (rc)
		return rc;
	if (store_exam_clear(s, deck, &cleared, &err)) {
		cli_error("%s", err.msg);
		rc = SWOT_EXIT_FAIL;
	} else if (cleared) {
		printf("%s: exam date cleared; scheduling is back to normal\n", deck);
	} else {
		printf("%s: no exam date was set\n", deck);
	}
	return rc;
}

static int set_exam(struct cli *cli, const char *deck, const char *date,
		    const char *hhmm)
{
	struct store *s;
	struct swot_err err = {0};
	int64_t at;
	char buf[32];

	if (!shaped(date, "9999-99-99")) {
		cli_error("'%s' is not a date: use YYYY-MM-DD", date);
		return SWOT_EXIT_USAGE;
	}
	if (!shaped(hhmm, "99:99")) {
		cli_error("--time '%s' is not a time: use HH:MM (24-hour)", hhmm);
		return SWOT_EXIT_USAGE;
	}
	snprintf(buf, sizeof buf, "%sT%s", date, hhmm);
	if (clock_parse(buf, &at, &err)) {
		cli_error("'%s %s' is not a real date and time", date, hhmm);
		return SWOT_EXIT_USAGE;
	}
	if (at <= cli->now) {
		char when[64];
		exam_format_date(at, when, sizeof when);
		cli_error("the exam time %s is already past", when);
		return SWOT_EXIT_FAIL;
	}
	int rc = cli_open_store(cli, &s);
	if (rc)
		return rc;
	if (store_exam_set(s, deck, at, &err)) {
		cli_error("%s", err.msg);
		rc = SWOT_EXIT_FAIL;
	} else {
		char when[64], left[64];
		exam_format_date(at, when, sizeof when);
		format_left(cli->now, at, left, sizeof left);
		printf("%s: exam on %s (%s)\n"
		       "Reviews that would fall after it now come in the last days "
		       "before it,\nand new cards are paced to cover the deck in "
		       "time.\nTo see how ready you are: swot readiness %s\n",
		       deck, when, left, deck);
	}
	return rc;
}

int cmd_exam(int argc, char **argv, struct cli *cli)
{
	const char *hhmm = NULL;
	int clear = 0;
	const struct cli_opt opts[] = {
		OPT_BOOL("--clear", &clear),
		OPT_STRING("--time", &hhmm),
		OPT_END(),
	};
	int rc = cli_parse_options(cli, &argc, argv, opts, 2);
	if (rc != CLI_GO_ON)
		return rc;
	if (argc == 0 && !clear && !hhmm)
		return list_exams(cli);
	if (clear) {
		if (argc != 1 || hhmm)
			return cli_usage_error(cli, "--clear takes one deck and no date");
		return clear_exam(cli, argv[0]);
	}
	if (argc != 2)
		return cli_usage_error(cli, argc == 1 ? "give the date of the exam (YYYY-MM-DD)"
						      : "give a deck and a date");
	return set_exam(cli, argv[0], argv[1], hhmm ? hhmm : "09:00");
}
