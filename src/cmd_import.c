/*
 * cmd_import.c: swot import FILE...: validate every file, then bring them
 * all into the store in one transaction; and the decks shipped inside
 * swot, listed and added.
 *
 * Every file is loaded and checked before the database is opened, so a bad
 * deck leaves the database as it was (not even created).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "swot/cli.h"
#include "swot/convert.h"
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

int cmd_import(int argc, char **argv, struct cli *cli)
{
	int typed = 0;
	const struct cli_opt opts[] = {
		OPT_BOOL("--typed", &typed),
		OPT_END(),
	};
	int rc = cli_parse_files(cli, &argc, argv, opts, CLI_ANY_ARGS, "deck files to import");
	if (rc != CLI_GO_ON)
		return rc;

	size_t n = (size_t)argc, n_bad = 0;
	struct deck **decks = xcalloc(n, sizeof *decks);
	struct store *s = NULL;
	for (size_t i = 0; i < n; i++) {
		struct deck_problems p;
		deck_problems_init(&p);
		struct deck_convert_opts o = { typed };
		struct deck_convert_report r = { 0 };
		decks[i] = deck_load_any(argv[i], &o, &r, &p);
		if (decks[i])
			cli_print_conversion(stdout, argv[i], &r);
		deck_convert_report_release(&r);
		if (!decks[i]) {
			cli_print_problems(&p);
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

int cli_shipped_decks(struct deck ***out, size_t *n)
{
	struct deck **decks = xcalloc(embedded_decks_count ? embedded_decks_count : 1,
				      sizeof *decks);
	size_t loaded = 0;
	int rc = SWOT_EXIT_OK;
	for (size_t i = 0; i < embedded_decks_count; i++) {
		const struct embedded_file *f = &embedded_decks[i];
		struct deck_problems p;
		char *path = xasprintf("swot:decks/%s", f->name);
		deck_problems_init(&p);
		if ((decks[loaded] = deck_load_buffer(path, f->data, f->len, &p))) {
			loaded++;
		} else {
			cli_print_problems(&p);
			rc = SWOT_EXIT_FAIL;
		}
		deck_problems_release(&p);
		free(path);
	}
	if (rc) {
		cli_error("the decks shipped with this swot are broken; "
			  "import a deck with 'swot import FILE'");
		cli_shipped_free(decks, loaded);
		decks = NULL;
		loaded = 0;
	}
	*out = decks;
	*n = loaded;
	return rc;
}

void cli_shipped_free(struct deck **decks, size_t n)
{
	for (size_t i = 0; decks && i < n; i++)
		deck_free(decks[i]);
	free(decks);
}

/* The shipped deck name names: its id, or its number in the list. */
static struct deck *shipped_named(struct deck **decks, size_t n, const char *name)
{
	char *end;
	long k = strtol(name, &end, 10);
	if (*name && !*end)
		return k >= 1 && (size_t)k <= n ? decks[k - 1] : NULL;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(decks[i]->id, name))
			return decks[i];
	return NULL;
}

int cli_add_shipped(struct cli *cli, struct store *s, char *const *names, size_t n_names,
		    FILE *out)
{
	struct deck **all, **chosen;
	size_t n_all, n_chosen = 0;
	int rc = cli_shipped_decks(&all, &n_all);
	if (rc)
		return rc;
	chosen = xcalloc(n_all ? n_all : 1, sizeof *chosen);
	for (size_t i = 0; names && i < n_names && !rc; i++) {
		struct deck *d = shipped_named(all, n_all, names[i]);
		if (!d) {
			struct strbuf ids = STRBUF_INIT;
			for (size_t k = 0; k < n_all; k++)
				strbuf_addf(&ids, "%s%s", k ? ", " : "", all[k]->id);
			cli_error("no shipped deck \"%s\" (swot ships: %s)", names[i],
				  strbuf_str(&ids));
			strbuf_release(&ids);
			rc = SWOT_EXIT_FAIL;
		}
		int dup = 0;
		for (size_t k = 0; d && k < n_chosen; k++)
			dup |= chosen[k] == d;
		if (d && !dup)
			chosen[n_chosen++] = d;
	}
	if (!names)
		for (size_t i = 0; i < n_all; i++)
			chosen[n_chosen++] = all[i];
	if (!rc && n_chosen)
		rc = import_decks(s, chosen, n_chosen, cli->now, out);
	free(chosen);
	cli_shipped_free(all, n_all);
	return rc;
}
