/*
 * cmd_decks.c: swot decks [--json]: the decks in the store with their cards
 * by state and their readiness (the mean predicted recall at the exam, or
 * now without one, as swot readiness gives it), as an aligned table of at
 * most 80 columns (or the terminal's width) or as JSON (the shape is in
 * README.md and stays stable: fields are only ever added).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <utf8proc.h>

#include "swot/cli.h"
#include "swot/clock.h"
#include "swot/progress.h"
#include "swot/textout.h"

/* Columns a string takes on a terminal. */
static size_t text_width(const char *s)
{
	size_t w = 0;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	while (*p) {
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0) { /* invalid UTF-8: count the byte as one column */
			w++;
			p++;
			continue;
		}
		int cw = utf8proc_charwidth(cp);
		w += cw > 0 ? (size_t)cw : 0;
		p += n;
	}
	return w;
}

/* Prints s in exactly width columns: padded with spaces, or cut with an
 * ellipsis when longer (never splitting a character). */
static void print_cell(FILE *out, const char *s, size_t width)
{
	size_t w = text_width(s);
	if (w <= width) {
		fputs(s, out);
		for (; w < width; w++)
			fputc(' ', out);
		return;
	}
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	size_t used = 0;
	while (*p && width > 0) {
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0) {
			n = 1;
			cp = '?';
		}
		int cw = utf8proc_charwidth(cp);
		size_t c = cw > 0 ? (size_t)cw : 0;
		if (used + c > width - 1)
			break;
		fwrite(p, 1, (size_t)n, out);
		used += c;
		p += n;
	}
	if (width > 0) {
		fputs("\xe2\x80\xa6", out); /* … */
		used++;
	}
	for (; used < width; used++)
		fputc(' ', out);
}

/* The terminal's width, or 80 when stdout is not a terminal. */
static size_t terminal_width(void)
{
	struct winsize ws;
	if (!isatty(STDOUT_FILENO))
		return 80;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *cols = getenv("COLUMNS");
	return cols && atoi(cols) > 0 ? (size_t)atoi(cols) : 80;
}

static void format_date(int64_t t, char *buf, size_t size)
{
	char full[32];
	clock_format(t, full, (int)sizeof full);
	snprintf(buf, size, "%.10s", full); /* the date part, local time */
}

static void print_table(FILE *out, const struct store_deck_info *d,
			const double *ready, size_t n)
{
	static const char *const heads[] = {"DECK", "TITLE", "NEW", "LEARNING",
					    "DUE", "TOTAL", "READY", "UPDATED"};
	enum { N_COLS = 8, N_NUMS = 5 };
	char (*num)[N_NUMS][24] = xcalloc(n ? n : 1, sizeof *num);
	char (*dates)[16] = xcalloc(n ? n : 1, sizeof *dates);
	size_t w[N_COLS];
	for (int c = 0; c < N_COLS; c++)
		w[c] = strlen(heads[c]);
	for (size_t i = 0; i < n; i++) {
		snprintf(num[i][0], 24, "%zu", d[i].n_new);
		snprintf(num[i][1], 24, "%zu", d[i].n_learning + d[i].n_relearning);
		snprintf(num[i][2], 24, "%zu", d[i].n_due);
		snprintf(num[i][3], 24, "%zu", d[i].total);
		snprintf(num[i][4], 24, "%d%%", textout_pct(ready[i]));
		format_date(d[i].updated_at, dates[i], sizeof dates[i]);
		size_t iw = text_width(d[i].id), tw = text_width(d[i].title);
		w[0] = iw > w[0] ? iw : w[0];
		w[1] = tw > w[1] ? tw : w[1];
		for (int c = 0; c < N_NUMS; c++)
			if (strlen(num[i][c]) > w[2 + c])
				w[2 + c] = strlen(num[i][c]);
		if (strlen(dates[i]) > w[N_COLS - 1])
			w[N_COLS - 1] = strlen(dates[i]);
	}

	/* On a narrow terminal the title gives way first. */
	size_t term = terminal_width(), total = 0;
	for (int c = 0; c < N_COLS; c++)
		total += w[c] + (c ? 2 : 0);
	if (term && total > term) {
		size_t over = total - term, min_title = strlen(heads[1]) + 3;
		w[1] = w[1] > min_title + over ? w[1] - over
						 : (w[1] > min_title ? min_title : w[1]);
	}

	for (int c = 0; c < N_COLS; c++) {
		if (c)
			fputs("  ", out);
		if (c >= 2 && c < 2 + N_NUMS)
			fprintf(out, "%*s", (int)w[c], heads[c]);
		else if (c == N_COLS - 1)
			fputs(heads[c], out);
		else
			print_cell(out, heads[c], w[c]);
	}
	fputc('\n', out);
	for (size_t i = 0; i < n; i++) {
		print_cell(out, d[i].id, w[0]);
		fputs("  ", out);
		print_cell(out, d[i].title, w[1]);
		for (int c = 0; c < N_NUMS; c++)
			fprintf(out, "  %*s", (int)w[2 + c], num[i][c]);
		fprintf(out, "  %s\n", dates[i]);
	}
	free(num);
	free(dates);
}

/* s as a JSON string (or null). */
static void json_str(FILE *out, const char *s)
{
	if (!s) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

static void print_json(FILE *out, const struct store_deck_info *d,
		       const double *ready, const int64_t *exam_at, size_t n,
		       int64_t now)
{
	fprintf(out, "{\n  \"now\": %lld,\n  \"decks\": [", (long long)now);
	for (size_t i = 0; i < n; i++) {
		char date[16];
		format_date(d[i].updated_at, date, sizeof date);
		fputs(i ? ",\n    {" : "\n    {", out);
		fputs("\"id\": ", out);
		json_str(out, d[i].id);
		fputs(", \"title\": ", out);
		json_str(out, d[i].title);
		fputs(", \"version\": ", out);
		json_str(out, d[i].version);
		fputs(", \"source\": ", out);
		json_str(out, d[i].source);
		fprintf(out,
			",\n     \"updated_at\": %lld, \"updated\": \"%s\",\n"
			"     \"cards\": {\"new\": %zu, \"learning\": %zu, "
			"\"review\": %zu, \"relearning\": %zu},\n"
			"     \"due\": %zu, \"total\": %zu, \"retired\": %zu,\n"
			"     \"readiness\": %.4f, \"readiness_at\": %lld}",
			(long long)d[i].updated_at, date, d[i].n_new, d[i].n_learning,
			d[i].n_review, d[i].n_relearning, d[i].n_due, d[i].total,
			d[i].n_retired, ready[i],
			(long long)(exam_at[i] ? exam_at[i] : now));
	}
	fputs(n ? "\n  ]\n}\n" : "]\n}\n", out);
}

int cmd_decks(int argc, char **argv, struct cli *cli)
{
	int json = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = 1;
		} else if (cli_is_help(argv[i])) {
			return cli_help("decks [--json]");
		} else {
			cli_error("decks: unexpected %s '%s'",
				  argv[i][0] == '-' ? "option" : "argument", argv[i]);
			return cli_usage("decks [--json]");
		}
	}

	struct store *s;
	struct store_deck_info *d = NULL;
	size_t n = 0;
	struct swot_err err = {0};
	int rc = cli_open_store(cli, &s);
	if (rc)
		return rc;
	if (store_list_decks(s, cli->now, &d, &n, &err)) {
		cli_error("%s", err.msg);
		store_close(s);
		return SWOT_EXIT_FAIL;
	}
	double *ready = xcalloc(n ? n : 1, sizeof *ready);
	int64_t *exam_at = xcalloc(n ? n : 1, sizeof *exam_at);
	for (size_t i = 0; i < n; i++)
		if (progress_readiness(s, d[i].id, cli->now, &ready[i], &exam_at[i], &err)) {
			cli_error("%s: %s", d[i].id, err.msg);
			store_close(s);
			store_deck_info_free(d, n);
			free(ready);
			free(exam_at);
			return SWOT_EXIT_FAIL;
		}
	store_close(s);

	if (json)
		print_json(stdout, d, ready, exam_at, n, cli->now);
	else if (n == 0)
		printf("no decks yet: 'swot import FILE...' adds one, and 'swot' "
		       "alone adds the decks shipped with swot\n");
	else
		print_table(stdout, d, ready, n);
	store_deck_info_free(d, n);
	free(ready);
	free(exam_at);
	if (fflush(stdout) != 0) {
		cli_error("cannot write the deck list");
		return SWOT_EXIT_FAIL;
	}
	return SWOT_EXIT_OK;
}
