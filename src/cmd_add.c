/*
 * cmd_add.c: swot add [DECK...]: add decks shipped inside swot to the
 * database, by id or by their number in `swot decks --available`; with
 * none named, on a terminal, the list and a question.  The list and the
 * question are also what swot asks a new student (main.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "swot/cli.h"
#include "swot/deck.h"
#include "swot/lineinput.h"
#include "swot/textout.h"

/* The ids of the decks in s, into ids. */
static int decks_in_store(struct store *s, struct strlist *ids)
{
	struct store_deck_info *d = NULL;
	size_t n = 0;
	struct swot_err err = {0};
	if (store_list_decks(s, &d, &n, &err))
		return cli_fail(&err);
	for (size_t i = 0; i < n; i++)
		strlist_push(ids, d[i].id);
	store_deck_info_free(d, n);
	return SWOT_EXIT_OK;
}

void cli_shipped_table(struct strbuf *sb, struct deck **decks, size_t n,
		       const struct strlist *added)
{
	int w_id = 4, w_title = 5;
	for (size_t i = 0; i < n; i++) {
		if (textout_width(decks[i]->id) > w_id)
			w_id = textout_width(decks[i]->id);
		if (textout_width(decks[i]->title) > w_title)
			w_title = textout_width(decks[i]->title);
	}
	if (w_title > 30)
		w_title = 30;
	strbuf_addf(sb, "  #  ");
	textout_cell(sb, "DECK", w_id, 0, 0);
	strbuf_adds(sb, "  ");
	textout_cell(sb, "TITLE", w_title, 0, 0);
	strbuf_adds(sb, "  CARDS  BOARDS\n");
	for (size_t i = 0; i < n; i++) {
		const struct deck *d = decks[i];
		strbuf_addf(sb, "%3zu  ", i + 1);
		textout_cell(sb, d->id, w_id, 0, 0);
		strbuf_adds(sb, "  ");
		textout_cell(sb, d->title, w_title, 0, 0);
		strbuf_addf(sb, "  %5zu  ", d->n_cards);
		for (size_t k = 0; k < d->boards.n; k++)
			strbuf_addf(sb, "%s%s", k ? ", " : "", d->boards.items[k]);
		if (added && strlist_has(added, d->id))
			strbuf_adds(sb, "  (added)");
		strbuf_addc(sb, '\n');
	}
}

int cli_choose_shipped(struct cli *cli, struct store *s)
{
	struct deck **decks;
	size_t n;
	struct strlist added = STRLIST_INIT, picked = STRLIST_INIT;
	int rc = cli_shipped_decks(&decks, &n);
	if (rc)
		return rc;
	if ((rc = decks_in_store(s, &added)))
		goto out;
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "The decks that come with swot:\n");
	cli_shipped_table(&sb, decks, n, &added);
	fputs(strbuf_str(&sb), stdout);
	strbuf_release(&sb);
	if (!isatty(STDIN_FILENO)) {
		printf("Add one with: swot add DECK (a number or a name)\n");
		goto out;
	}
	struct lineinput *li = lineinput_new(stdin, stdout, 1, NULL);
	char *line = NULL;
	enum lineinput_status st = lineinput_read(
		li, "Which would you like? Numbers or names, with spaces between: ", &line);
	lineinput_free(li);
	if (st != LINEINPUT_LINE) {
		printf("\nNo deck added. Add one later with: swot add DECK\n");
		goto out;
	}
	for (char *tok = strtok(line, " ,\t"); tok; tok = strtok(NULL, " ,\t"))
		strlist_push(&picked, tok);
	free(line);
	if (!picked.n)
		printf("No deck added. Add one later with: swot add DECK\n");
	else
		rc = cli_add_shipped(cli, s, picked.items, picked.n, stdout);
out:
	strlist_release(&picked);
	strlist_release(&added);
	cli_shipped_free(decks, n);
	return rc;
}

int cmd_add(int argc, char **argv, struct cli *cli)
{
	struct store *s;
	const struct cli_opt opts[] = {OPT_END()};
	int rc = cli_parse_options(cli, &argc, argv, opts, CLI_ANY_ARGS);
	if (rc != CLI_GO_ON)
		return rc;
	if (!argc && !isatty(STDIN_FILENO))
		return cli_usage_error(cli, "name the decks to add ('swot decks --available' "
					    "lists them)");
	if ((rc = cli_open_store(cli, &s)))
		return rc;
	if (!argc)
		return cli_choose_shipped(cli, s);
	return cli_add_shipped(cli, s, argv, (size_t)argc, stdout);
}
