/*
 * cmd_import.c: swot import FILE...: validate every file, then bring them
 * all into the store in one transaction; and the import of the decks
 * shipped inside swot.
 *
 * Every file is loaded and checked before the database is opened, so a bad
 * deck leaves the database as it was (not even created).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "swot/cli.h"
#include "swot/embedded.h"

static void print_counts(FILE *out, const struct store_import_counts *c)
{
	fprintf(out, "%s: %zu new, %zu updated", c->deck_id, c->new_cards, c->updated);
	if (c->updated || c->notes_updated)
		fprintf(out, " (%zu note%s)", c->notes_updated,
			c->notes_updated == 1 ? "" : "s");
	fprintf(out, ", %zu unchanged, %zu retired", c->unchanged, c->retired);
	if (c->revived)
		fprintf(out, ", %zu revived", c->revived);
	if (c->created_deck)
		fputs(" (new deck)", out);
	fputc('\n', out);
}

/* Imports the n loaded decks and prints what happened to out. */
static int import_decks(struct store *s, struct deck **decks, size_t n,
			int64_t now, FILE *out)
{
	struct store_import_counts *counts = xcalloc(n, sizeof *counts);
	struct swot_err err = {0};
	int rc = SWOT_EXIT_OK;
	if (store_import(s, decks, n, now, counts, &err)) {
		cli_error("nothing imported: %s", err.msg);
		rc = SWOT_EXIT_FAIL;
	} else {
		for (size_t i = 0; i < n; i++)
			print_counts(out, &counts[i]);
	}
	for (size_t i = 0; i < n; i++)
		store_import_counts_release(&counts[i]);
	free(counts);
	return rc;
}

/* Prints a file's problems, one a line, as the deck module wrote them. */
static void print_problems(const struct deck_problems *p)
{
	for (size_t i = 0; i < p->lines.n; i++)
		fprintf(stderr, "%s\n", p->lines.items[i]);
}

int cmd_import(int argc, char **argv, struct cli *cli)
{
	const struct cli_opt opts[] = {OPT_END()};
	int rc = cli_parse_options(cli, &argc, argv, opts, CLI_ANY_ARGS);
	if (rc != CLI_GO_ON)
		return rc;
	if (!argc)
		return cli_usage_error(cli, "say which deck files to import");

	size_t n = (size_t)argc, n_bad = 0;
	struct deck **decks = xcalloc(n, sizeof *decks);
	struct store *s = NULL;
	for (size_t i = 0; i < n; i++) {
		struct deck_problems p;
		deck_problems_init(&p);
		decks[i] = deck_load_file(argv[i], &p);
		if (!decks[i]) {
			print_problems(&p);
			n_bad++;
		}
		deck_problems_release(&p);
	}
	if (n_bad) {
		if (n > 1)
			cli_error("nothing imported: %zu of %zu files have problems",
				  n_bad, n);
		else
			cli_error("nothing imported: %s has problems", argv[0]);
		rc = SWOT_EXIT_FAIL;
		goto out;
	}
	if ((rc = cli_open_store(cli, &s)))
		goto out;
	rc = import_decks(s, decks, n, cli->now, stdout);
out:
	for (size_t i = 0; i < n; i++)
		if (decks[i])
			deck_free(decks[i]);
	free(decks);
	return rc;
}

int cli_import_shipped(struct cli *cli, struct store *s, FILE *out)
{
	size_t n = embedded_decks_count, loaded = 0;
	struct deck **decks = xcalloc(n, sizeof *decks);
	int rc = SWOT_EXIT_OK;
	for (size_t i = 0; i < n; i++) {
		const struct embedded_file *f = &embedded_decks[i];
		struct deck_problems p;
		char *path = xasprintf("swot:decks/%s", f->name);
		deck_problems_init(&p);
		decks[loaded] = deck_load_buffer(path, f->data, f->len, &p);
		if (decks[loaded]) {
			loaded++;
		} else {
			print_problems(&p);
			rc = SWOT_EXIT_FAIL;
		}
		deck_problems_release(&p);
		free(path);
	}
	if (rc) {
		cli_error("the decks shipped with this swot are broken; "
			  "import a deck with 'swot import FILE'");
		goto out;
	}
	if (n) {
		fprintf(out, "importing the decks shipped with swot\n");
		rc = import_decks(s, decks, n, cli->now, out);
	}
out:
	for (size_t i = 0; i < loaded; i++)
		deck_free(decks[i]);
	free(decks);
	return rc;
}
