/*
 * cmd_class.c: swot class FILE... | --server URL [CLASS...] [--deck DECK]
 * [--at DATE] [--json] [--html OUT] [--strict] [--threshold PCT]
 * [--ascii]: a teacher's view of the progress files their students handed
 * in, or of what they synced to the school's server.  This file is the
 * reader for files (the class model, its server reader and its renderers
 * are class*.c); a bad file is one line on stderr and the rest of the
 * class is still reported, unless --strict.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "swot/class.h"
#include "swot/cli.h"
#include "swot/clock.h"
#include "swot/embedded.h"
#include "swot/server.h"
#include "swot/textout.h"

struct class_args {
	const char *deck, *at, *html, *server;
	int json, strict, ascii, threshold;
	int64_t at_t;
};

/* --at into a time: a date alone is 09:00, as swot exam's default.
 * Returns an exit status, or CLI_GO_ON. */
static int check_at(struct cli *cli, struct class_args *a)
{
	struct swot_err err = {0};
	char buf[32];
	const char *at = a->at;
	if (!at)
		return CLI_GO_ON;
	if (strlen(at) == 10 && at[4] == '-' && at[7] == '-') {
		snprintf(buf, sizeof buf, "%sT09:00", at);
		at = buf;
	}
	if (clock_parse(at, &a->at_t, &err))
		return cli_usage_error(cli, "--at: %s", err.msg);
	return CLI_GO_ON;
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

/* The students of the classes named (all the login may read when none)
 * from the school's server into c.  Returns an exit status. */
static int read_server(struct class *c, const struct class_args *a, char **cls, int n)
{
	struct server *s = NULL;
	struct swot_err err = {0};
	int rc = server_connect(a->server, NULL, &s, &err);
	if (!rc)
		rc = class_read_server(c, s, (const char *const *)cls, (size_t)n, a->deck,
				       &err);
	server_close(s);
	if (rc)
		cli_error("class: %s", err.msg);
	return rc ? SWOT_EXIT_FAIL : SWOT_EXIT_OK;
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

/* The report as asked for; db is the database, never written over. */
static int render(const struct class *c, const struct class_args *a, const char *db)
{
	struct strbuf sb = STRBUF_INIT;
	struct swot_err err = {0};
	int rc = SWOT_EXIT_OK;
	if (a->html) {
		class_html(&sb, c);
		if (write_file_replace(a->html, sb.buf, sb.len, db, &err)) {
			rc = cli_fail(&err);
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
	strbuf_release(&sb); /* cli_run checks what reached stdout */
	return rc;
}

int cmd_class(int argc, char **argv, struct cli *cli)
{
	struct class_args a = {.threshold = 70};
	struct class c;
	struct swot_err err = {0};
	int rc;

	const struct cli_opt opts[] = {
		OPT_BOOL("--ascii", &a.ascii),
		OPT_STRING("--at", &a.at),
		OPT_STRING("--deck", &a.deck),
		OPT_STRING("--html", &a.html),
		OPT_BOOL("--json", &a.json),
		OPT_STRING("--server", &a.server),
		OPT_BOOL("--strict", &a.strict),
		OPT_INT("--threshold", &a.threshold, 1, 100),
		OPT_END(),
	};
	if ((rc = cli_parse_options(cli, &argc, argv, opts, CLI_ANY_ARGS)) != CLI_GO_ON ||
	    (rc = check_at(cli, &a)) != CLI_GO_ON)
		return rc;
	if (!argc && !a.server)
		return cli_usage_error(cli, "name the progress files your students handed in, "
					    "or the school's server: --server URL");
	if (a.html && !*a.html)
		return cli_usage_error(cli, "--html needs a file name");
	class_init(&c, cli->now, a.threshold / 100.0);
	if (!a.server)
		read_files(&c, (const char **)argv, argc);
	else if ((rc = read_server(&c, &a, argv, argc))) {
		print_problems(&c);
		class_release(&c);
		return rc;
	}
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
		rc = render(&c, &a, cli->db_path);
	}
	class_release(&c);
	return rc;
}
