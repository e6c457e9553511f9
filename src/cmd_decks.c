/*
 * cmd_decks.c: swot decks [--json]: the decks in the store with what
 * today's review would ask of each (queue_today: the one meaning of
 * "due"), their cards by state and their readiness as swot readiness gives it (the carry-on
 * forecast for the exam, else the mean predicted recall at the exam, or
 * now without one: progress_ready_figure), as an aligned table of at
 * most 80 columns (or the terminal's width) or as JSON (the shape is in
 * README.md and stays stable: fields are only ever added).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "swot/cli.h"
#include "swot/clock.h"
#include "swot/lineinput.h"
#include "swot/progress.h"
#include "swot/queue.h"
#include "swot/textout.h"

static void format_date(int64_t t, char *buf, size_t size)
{
	char full[32];
	clock_format(t, full, (int)sizeof full);
	snprintf(buf, size, "%.10s", full); /* the date part, local time */
}

/* The table into sb, within the width of stdout (as textout_columns). */
static void print_table(struct strbuf *sb, const struct store_deck_info *d,
			const struct queue_today *t, const struct progress_ready *ready,
			size_t n)
{
	static const char *const heads[] = {"DECK", "TITLE", "NEW", "LEARNING",
					    "DUE", "TOTAL", "READY", "UPDATED"};
	enum { N_COLS = 8, N_NUMS = 5 };
	char (*num)[N_NUMS][24] = xcalloc(n ? n : 1, sizeof *num);
	char (*dates)[16] = xcalloc(n ? n : 1, sizeof *dates);
	const char *(*cells)[N_COLS] = xcalloc(n + 1, sizeof *cells);
	int w[N_COLS] = {0};
	memcpy(cells[0], heads, sizeof heads);
	for (size_t i = 0; i < n; i++) {
		snprintf(num[i][0], 24, "%zu", t[i].fresh);
		snprintf(num[i][1], 24, "%zu", t[i].learning);
		snprintf(num[i][2], 24, "%zu", t[i].due);
		snprintf(num[i][3], 24, "%zu", d[i].total);
		snprintf(num[i][4], 24, "%d%%", textout_pct(progress_ready_figure(&ready[i])));
		format_date(d[i].updated_at, dates[i], sizeof dates[i]);
		const char *row[N_COLS] = {d[i].id, d[i].title, num[i][0], num[i][1],
					   num[i][2], num[i][3], num[i][4], dates[i]};
		memcpy(cells[i + 1], row, sizeof row);
	}
	for (size_t i = 0; i <= n; i++)
		for (int c = 0; c < N_COLS; c++)
			if (textout_width(cells[i][c]) > w[c])
				w[c] = textout_width(cells[i][c]);

	/* On a narrow terminal the title gives way first. */
	int term = textout_columns(STDOUT_FILENO), total = 0;
	for (int c = 0; c < N_COLS; c++)
		total += w[c] + (c ? 2 : 0);
	if (total > term) {
		int over = total - term, min_title = textout_width(heads[1]) + 3;
		w[1] = w[1] > min_title + over ? w[1] - over
					       : (w[1] > min_title ? min_title : w[1]);
	}

	for (size_t i = 0; i <= n; i++) { /* the headings, then a row a deck */
		for (int c = 0; c < N_COLS - 1; c++) {
			textout_cell(sb, cells[i][c], w[c], c >= 2, 0);
			strbuf_adds(sb, "  ");
		}
		strbuf_adds(sb, cells[i][N_COLS - 1]);
		strbuf_addc(sb, '\n');
	}
	free(cells);
	free(num);
	free(dates);
	for (size_t i = 0; i < n; i++) /* not due, and not forgotten either */
		if (t[i].held)
			strbuf_addf(sb, "%s: %zu held for tomorrow (another card of the same "
					"note is asked today)\n", d[i].id, t[i].held);
}

/* ,"ready": ..., "forecast": {...} or null */
static void ready_json(struct strbuf *sb, const struct progress_ready *r)
{
	strbuf_addf(sb, ",\n     \"ready\": %.4f, \"forecast\": ", progress_ready_figure(r));
	if (r->has_forecast)
		strbuf_addf(sb, "{\"expected\": %.4f, \"low\": %.4f, \"high\": %.4f}",
			    r->expected, r->low, r->high);
	else
		strbuf_adds(sb, "null");
}

static void print_json(struct strbuf *sb, const struct store_deck_info *d,
		       const struct queue_today *t, const struct progress_ready *ready,
		       size_t n, int64_t now)
{
	strbuf_addf(sb, "{\n  \"now\": %lld,\n  \"decks\": [", (long long)now);
	for (size_t i = 0; i < n; i++) {
		char date[16];
		format_date(d[i].updated_at, date, sizeof date);
		strbuf_adds(sb, i ? ",\n    {" : "\n    {");
		strbuf_adds(sb, "\"id\": ");
		textout_json_str(sb, d[i].id);
		strbuf_adds(sb, ", \"title\": ");
		textout_json_str(sb, d[i].title);
		strbuf_adds(sb, ", \"version\": ");
		textout_json_str(sb, d[i].version);
		strbuf_adds(sb, ", \"source\": ");
		textout_json_str(sb, d[i].source);
		strbuf_addf(sb,
			    ",\n     \"updated_at\": %lld, \"updated\": \"%s\",\n"
			    "     \"cards\": {\"new\": %zu, \"learning\": %zu, "
			    "\"review\": %zu, \"relearning\": %zu},\n"
			    "     \"left_today\": {\"learning\": %zu, \"due\": %zu, \"new\": %zu, "
			    "\"held\": %zu, \"tomorrow\": %zu},\n"
			    "     \"due\": %zu, \"total\": %zu, \"retired\": %zu, "
			    "\"suspended\": %zu,\n"
			    "     \"readiness\": %.4f, \"readiness_at\": %lld",
			    (long long)d[i].updated_at, date, d[i].n_new, d[i].n_learning,
			    d[i].n_review, d[i].n_relearning, t[i].learning, t[i].due,
			    t[i].fresh, t[i].held, t[i].tomorrow, t[i].due, d[i].total,
			    d[i].n_retired, d[i].n_suspended, ready[i].now,
			    (long long)(ready[i].exam_at ? ready[i].exam_at : now));
		ready_json(sb, &ready[i]);
		strbuf_addc(sb, '}');
	}
	strbuf_adds(sb, n ? "\n  ]\n}\n" : "]\n}\n");
}

/* decks --available: what swot ships, and which are in the store. */
static int available(struct store *s)
{
	struct deck **decks;
	struct store_deck_info *d = NULL;
	size_t n, n_in = 0;
	struct strlist added = STRLIST_INIT;
	struct swot_err err = {0};
	int rc = cli_shipped_decks(&decks, &n);
	if (rc)
		return rc;
	if (store_list_decks(s, &d, &n_in, &err)) {
		cli_error("%s", err.msg);
		cli_shipped_free(decks, n);
		return SWOT_EXIT_FAIL;
	}
	for (size_t i = 0; i < n_in; i++)
		strlist_push(&added, d[i].id);
	struct strbuf sb = STRBUF_INIT;
	cli_shipped_table(&sb, decks, n, &added);
	strbuf_adds(&sb, "Add one with: swot add DECK (a number or a name)\n");
	fputs(strbuf_str(&sb), stdout);
	strbuf_release(&sb);
	strlist_release(&added);
	store_deck_info_free(d, n_in);
	cli_shipped_free(decks, n);
	return SWOT_EXIT_OK;
}

/* Whether the student, asked on a terminal, says yes. */
static int confirm(const char *question)
{
	struct lineinput *li = lineinput_new(stdin, stdout, 1, NULL);
	char *line = NULL;
	int yes = lineinput_read(li, question, &line) == LINEINPUT_LINE &&
		  (!strcasecmp(line, "y") || !strcasecmp(line, "yes"));
	free(line);
	lineinput_free(li);
	return yes;
}

/* decks --remove DECK: its cards are no longer asked or counted; its
 * history stays, and adding or importing it again brings them back. */
static int remove_deck(struct cli *cli, struct store *s, const char *deck, int yes)
{
	struct swot_err err = {0};
	size_t n = 0;
	if (store_deck_check(s, deck, &err)) {
		cli_error("%s", err.msg);
		return SWOT_EXIT_FAIL;
	}
	if (!yes && !isatty(STDIN_FILENO)) {
		cli_error("decks --remove asks first; add --yes to remove %s without asking",
			  deck);
		return SWOT_EXIT_FAIL;
	}
	if (!yes) {
		char *q = xasprintf("Remove %s? Your answers are kept, and 'swot add' or "
				    "'swot import' brings it back. [y/N] ", deck);
		yes = confirm(q);
		free(q);
		if (!yes) {
			printf("%s is kept\n", deck);
			return SWOT_EXIT_OK;
		}
	}
	if (store_deck_remove(s, deck, &n, &err)) {
		cli_error("%s", err.msg);
		return SWOT_EXIT_FAIL;
	}
	(void)cli;
	printf("%s removed: its %zu cards are no longer asked; its history is kept\n", deck,
	       n);
	return SWOT_EXIT_OK;
}

int cmd_decks(int argc, char **argv, struct cli *cli)
{
	int json = 0, avail = 0, yes = 0;
	const char *remove = NULL;
	const struct cli_opt opts[] = {
		OPT_BOOL("--available", &avail),
		OPT_BOOL("--json", &json),
		OPT_STRING("--remove", &remove),
		OPT_BOOL("--yes", &yes),
		OPT_END(),
	};
	int rc = cli_parse_options(cli, &argc, argv, opts, 0);
	if (rc != CLI_GO_ON)
		return rc;
	if ((avail != 0) + (remove != NULL) + (json != 0) > 1)
		return cli_usage_error(cli, "--available, --remove and --json go alone");
	if (yes && !remove)
		return cli_usage_error(cli, "--yes goes with --remove");

	struct store *s;
	if ((rc = remove ? cli_open_store(cli, &s) : cli_open_store_read(cli, &s)))
		return rc;
	if (avail)
		return available(s);
	if (remove)
		return remove_deck(cli, s, remove, yes);
	struct store_deck_info *d = NULL;
	size_t n = 0;
	struct swot_err err = {0};
	if (store_list_decks(s, &d, &n, &err)) {
		cli_error("%s", err.msg);
		return SWOT_EXIT_FAIL;
	}
	struct progress_ready *ready = xcalloc(n ? n : 1, sizeof *ready);
	struct queue_today *today = xcalloc(n ? n : 1, sizeof *today);
	for (size_t i = 0; i < n; i++)
		if (progress_ready(s, d[i].id, cli->now, &ready[i], &err) ||
		    queue_today(s, d[i].id, cli->now, &today[i], &err)) {
			cli_error("%s: %s", d[i].id, err.msg);
			store_deck_info_free(d, n);
			free(ready);
			free(today);
			return SWOT_EXIT_FAIL;
		}

	struct strbuf sb = STRBUF_INIT;
	if (json)
		print_json(&sb, d, today, ready, n, cli->now);
	else if (n == 0)
		strbuf_adds(&sb, "no decks yet: 'swot add DECK' adds one that comes with swot\n"
				 "('swot decks --available' lists them), 'swot import FILE' "
				 "one of your own\n");
	else
		print_table(&sb, d, today, ready, n);
	fputs(strbuf_str(&sb), stdout);
	strbuf_release(&sb);
	store_deck_info_free(d, n);
	free(ready);
	free(today);
	return SWOT_EXIT_OK;
}
