/*
 * cmd_exam.c: swot exam: set, clear or list the exam date of decks.
 *
 *	swot exam DECK YYYY-MM-DD [--time HH:MM]   (or DECK 14 May 2027)
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

/* A date as a student writes it, YYYY-MM-DD or "14 May 2027" (the
 * month's name or its first three letters, any case), into iso as
 * YYYY-MM-DD.  0 when it is neither. */
static int read_date(const char *s, char iso[24])
{
	static const char *const months[] = {"january", "february", "march", "april",
					     "may", "june", "july", "august",
					     "september", "october", "november", "december"};
	int d, y, len = 0;
	char name[16];
	if (shaped(s, "9999-99-99")) {
		memcpy(iso, s, 11); /* the ten characters and their NUL */
		return 1;
	}
	if (sscanf(s, "%d %15[A-Za-z] %d%n", &d, name, &y, &len) != 3 || s[len] ||
	    y < 1000 || y > 9999 || d < 1 || d > 31)
		return 0;
	for (char *p = name; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	for (int m = 0; m < 12; m++) {
		size_t n = strlen(name);
		if (n >= 3 && !strncmp(months[m], name, n)) {
			snprintf(iso, 24, "%04d-%02d-%02d", y, m + 1, d);
			return 1;
		}
	}
	return 0;
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
	if (store_exam_list(s, &ex, &n, &err))
		return cli_fail(&err);
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
		rc = cli_fail(&err);
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

	char iso[24];
	if (!read_date(date, iso)) {
		cli_error("'%s' is not a date: use YYYY-MM-DD or, say, 14 May 2027", date);
		return SWOT_EXIT_USAGE;
	}
	date = iso;
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
		rc = cli_fail(&err);
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

/* swot exam DATE: the deck is what is missing; name the ones there are. */
static int missing_deck(struct cli *cli, const char *date)
{
	struct store *s;
	struct strlist slugs = STRLIST_INIT;
	struct swot_err err = {0};
	int rc = cli_open_store(cli, &s);
	if (rc)
		return rc;
	if (store_deck_slugs(s, &slugs, &err))
		return cli_fail(&err);
	char *names = strlist_join(&slugs, ", ");
	if (slugs.n)
		cli_usage_error(cli, "which deck is the exam for? swot exam DECK %s "
				     "(the decks: %s)", date, names);
	else
		cli_usage_error(cli, "which deck is the exam for? there is none yet: "
				     "see 'swot add'");
	free(names);
	strlist_release(&slugs);
	return SWOT_EXIT_USAGE;
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
	int rc = cli_parse_options(cli, &argc, argv, opts, 4);
	if (rc != CLI_GO_ON)
		return rc;
	/* a date alone (in one word or three): the deck is missing */
	struct strlist all = STRLIST_INIT;
	for (int i = 0; i < argc; i++)
		strlist_push(&all, argv[i]);
	char *joined = strlist_join(&all, " "), iso[24];
	strlist_release(&all);
	if (argc >= 1 && !clear && read_date(joined, iso))
		rc = missing_deck(cli, joined);
	free(joined);
	if (rc != CLI_GO_ON)
		return rc;
	if (argc == 0 && !clear && !hhmm)
		return list_exams(cli);
	if (clear) {
		if (argc != 1 || hhmm)
			return cli_usage_error(cli, "--clear takes one deck and no date");
		return clear_exam(cli, argv[0]);
	}
	if (argc < 2)
		return cli_usage_error(cli, "give the date of the exam (YYYY-MM-DD or, say, "
					    "14 May 2027)");
	/* "14 May 2027" may come as three words */
	struct strlist words = STRLIST_INIT;
	for (int i = 1; i < argc; i++)
		strlist_push(&words, argv[i]);
	char *date = strlist_join(&words, " ");
	rc = set_exam(cli, argv[0], date, hhmm ? hhmm : "09:00");
	free(date);
	strlist_release(&words);
	return rc;
}
