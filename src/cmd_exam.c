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

#define EXAM_USAGE "exam [DECK YYYY-MM-DD [--time HH:MM] | DECK --clear]"

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
		store_close(s);
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
	store_close(s);
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
	store_close(s);
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
	store_close(s);
	return rc;
}

int cmd_exam(int argc, char **argv, struct cli *cli)
{
	const char *pos[2] = {NULL, NULL};
	const char *hhmm = "09:00";
	int npos = 0, clear = 0, time_given = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--clear")) {
			clear = 1;
		} else if (!strcmp(a, "--time") || !strncmp(a, "--time=", 7)) {
			if (a[6] == '=') {
				hhmm = a + 7;
			} else if (i + 1 < argc) {
				hhmm = argv[++i];
			} else {
				cli_error("--time needs a value (HH:MM)");
				return cli_usage(EXAM_USAGE);
			}
			time_given = 1;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			printf("usage: swot %s\n", EXAM_USAGE);
			return SWOT_EXIT_OK;
		} else if (a[0] == '-' && a[1]) {
			cli_error("exam: unknown option %s", a);
			return cli_usage(EXAM_USAGE);
		} else if (npos < 2) {
			pos[npos++] = a;
		} else {
			cli_error("exam: too many arguments");
			return cli_usage(EXAM_USAGE);
		}
	}
	if (npos == 0 && !clear && !time_given)
		return list_exams(cli);
	if (clear) {
		if (npos != 1 || time_given) {
			cli_error("exam --clear takes one deck and no date");
			return cli_usage(EXAM_USAGE);
		}
		return clear_exam(cli, pos[0]);
	}
	if (npos != 2) {
		cli_error(npos == 1 ? "exam: give the date of the exam (YYYY-MM-DD)"
				    : "exam: give a deck and a date");
		return cli_usage(EXAM_USAGE);
	}
	return set_exam(cli, pos[0], pos[1], hhmm);
}
