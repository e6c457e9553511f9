/*
 * cmd_class.c: swot class FILE... [--deck DECK] [--at DATE] [--json]
 * [--html OUT] [--strict] [--threshold PCT] [--ascii]: a teacher's view
 * of the progress files their students handed in.  This file is the
 * reader for files (the class model and its renderers are class*.c); a
 * bad file is one line on stderr and the rest of the class is still
 * reported, unless --strict.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "swot/class.h"
#include "swot/cli.h"
#include "swot/clock.h"
#include "swot/embedded.h"
#include "swot/textout.h"

#define CLASS_USAGE                                                              \
	"class FILE... [--deck DECK] [--at DATE] [--json] [--html OUT] [--strict]\n" \
	"                  [--threshold PCT] [--ascii]"

struct class_args {
	const char *deck, *at, *html, *threshold;
	int json, strict, ascii;
	int64_t at_t;
	double threshold_v;
};

/* --at and --threshold into numbers; returns an exit status or -1. */
static int check_args(struct class_args *a)
{
	struct swot_err err = {0};
	char buf[32];
	const char *at = a->at;
	if (at && strlen(at) == 10 && at[4] == '-' && at[7] == '-') {
		snprintf(buf, sizeof buf, "%sT09:00", at); /* as swot exam's default */
		at = buf;
	}
	if (at && clock_parse(at, &a->at_t, &err)) {
		cli_error("class: --at: %s", err.msg);
		return cli_usage(CLASS_USAGE);
	}
	a->threshold_v = 0.7;
	if (a->threshold) {
		char *end;
		long v = strtol(a->threshold, &end, 10);
		if (end == a->threshold || (*end && strcmp(end, "%")) || v < 1 || v > 100) {
			cli_error("class: --threshold '%s' is not a percentage from 1 to 100",
				  a->threshold);
			return cli_usage(CLASS_USAGE);
		}
		a->threshold_v = (double)v / 100.0;
	}
	return -1;
}

/* Each file into the class, or a line in its problems. */
static void read_files(struct class *c, const char **files, int n)
{
	for (int i = 0; i < n; i++) {
		struct progfile p;
		struct swot_err err = {0};
		if (progfile_read(files[i], &p, &err)) {
			strlist_push(&c->problems, err.msg);
			progfile_release(&p);
			continue;
		}
		class_add(c, files[i], &p);
	}
}

/* The cards' text from the teacher's copy of the deck: their database
 * when it has the deck, else the decks shipped inside swot. */
static void load_prompts(struct class *c, struct cli *cli)
{
	struct swot_err err = {0};
	struct store *s = NULL;
	if (access(cli->db_path, F_OK) == 0 && store_open(cli->db_path, &s, &err) == 0) {
		struct store_card *cards = NULL;
		size_t n = 0;
		if (store_deck_check(s, c->deck, &err) == 0 &&
		    store_cards_load(s, c->deck, &cards, &n, &err) == 0) {
			for (size_t i = 0; i < n; i++)
				class_set_prompt(c, cards[i].c.id, cards[i].c.prompt);
			store_cards_free(cards, n);
			store_close(s);
			return;
		}
		store_close(s);
	}
	for (size_t i = 0; i < embedded_decks_count; i++) {
		struct deck_problems pr;
		deck_problems_init(&pr);
		struct deck *d = deck_load_buffer(embedded_decks[i].name, embedded_decks[i].data,
						  embedded_decks[i].len, &pr);
		deck_problems_release(&pr);
		if (d && !strcmp(d->id, c->deck))
			for (size_t k = 0; k < d->n_cards; k++)
				class_set_prompt(c, d->cards[k].id, d->cards[k].prompt);
		deck_free(d);
	}
}

static void print_problems(const struct class *c)
{
	for (size_t i = 0; i < c->problems.n; i++)
		cli_error("%s", c->problems.items[i]);
}

static int render(const struct class *c, const struct class_args *a)
{
	struct strbuf sb = STRBUF_INIT;
	struct swot_err err = {0};
	int rc = SWOT_EXIT_OK;
	if (a->html) {
		class_html(&sb, c);
		if (write_file(a->html, sb.buf, sb.len, &err)) {
			cli_error("%s", err.msg);
			rc = SWOT_EXIT_FAIL;
		} else if (!a->json) {
			printf("Wrote %s: open it in a browser, or print it.\n", a->html);
		}
		strbuf_reset(&sb);
	}
	if (a->json) {
		class_json(&sb, c);
		fputs(strbuf_str(&sb), stdout);
	} else if (!a->html) {
		class_print(stdout, c, textout_columns(STDOUT_FILENO), a->ascii);
	}
	strbuf_release(&sb);
	if (fflush(stdout) || ferror(stdout)) {
		cli_error("cannot write the class report to standard output");
		rc = SWOT_EXIT_FAIL;
	}
	return rc;
}

int cmd_class(int argc, char **argv, struct cli *cli)
{
	struct class_args a = {0};
	struct class c;
	struct swot_err err = {0};
	const char **files = xcalloc((size_t)argc, sizeof *files);
	int n_files, rc;

	const struct cli_option opts[] = {
		{"--ascii", &a.ascii, NULL},
		{"--at", NULL, &a.at},
		{"--deck", NULL, &a.deck},
		{"--html", NULL, &a.html},
		{"--json", &a.json, NULL},
		{"--strict", &a.strict, NULL},
		{"--threshold", NULL, &a.threshold},
		{NULL, NULL, NULL},
	};
	if ((rc = cli_parse(argc, argv, opts, files, argc, &n_files, CLASS_USAGE)) >= 0 ||
	    (rc = check_args(&a)) >= 0) {
		free(files);
		return rc;
	}
	if (!n_files) {
		cli_error("class: name the progress files your students handed in");
		free(files);
		return cli_usage(CLASS_USAGE);
	}
	class_init(&c, cli->now, a.threshold_v);
	read_files(&c, files, n_files);
	rc = class_compute(&c, a.deck, a.at_t, &err);
	print_problems(&c);
	if (rc) {
		cli_error("class: %s", err.msg);
		rc = SWOT_EXIT_FAIL;
	} else if (a.strict && c.problems.n) {
		cli_error("class: %zu problem%s with the files (--strict): no report",
			  c.problems.n, c.problems.n == 1 ? "" : "s");
		rc = SWOT_EXIT_FAIL;
	} else {
		load_prompts(&c, cli);
		rc = render(&c, &a);
	}
	class_release(&c);
	free(files);
	return rc;
}
