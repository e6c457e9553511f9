/*
 * cmd_report.c: swot report [DECK] --html FILE: a one-page HTML progress
 * report (readiness by topic, the exam countdown, weakest cards, the
 * forecast and the heatmap) for a deck or every deck.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "swot/cli.h"
#include "swot/progress.h"
#include "swot/report.h"
#include "swot/stats.h"

/* Writes text to path (see write_file_replace: never over the database);
 * "-" is standard output. */
static int write_out(const char *path, const char *db, const char *text, size_t len)
{
	struct swot_err err = {0};
	if (!strcmp(path, "-"))
		return fwrite(text, 1, len, stdout) == len ? 0 : -1;
	if (write_file_replace(path, text, len, db, &err)) {
		cli_error("%s", err.msg);
		return -1;
	}
	return 0;
}

int cmd_report(int argc, char **argv, struct cli *cli)
{
	const char *deck = NULL, *html = NULL;
	struct store *s = NULL;
	struct strlist slugs = STRLIST_INIT;
	struct progress_deck *decks = NULL;
	size_t n_decks = 0;
	int rollover_hour = 0;
	struct swot_err err = {0};
	struct strbuf sb = STRBUF_INIT;
	struct stats st;
	int rc;

	const struct cli_opt opts[] = {
		OPT_STRING("--html", &html),
		OPT_END(),
	};
	if ((rc = cli_parse_options(cli, &argc, argv, opts, 1)) != CLI_GO_ON)
		return rc;
	deck = argc ? argv[0] : NULL;
	if (!html || !*html)
		return cli_usage_error(cli, "say where to write it with --html FILE");
	if ((rc = cli_open_store(cli, &s)))
		return rc;
	if (progress_deck_slugs(s, deck, &slugs, &err))
		goto fail;
	decks = xcalloc(slugs.n ? slugs.n : 1, sizeof *decks);
	for (; n_decks < slugs.n; n_decks++) {
		if (progress_load(s, slugs.items[n_decks], cli->now, &decks[n_decks], &err)) {
			n_decks++;
			goto fail;
		}
	}
	if (progress_stats(s, deck, cli->now, &st, &rollover_hour, &err))
		goto fail;
	report_html(&sb, decks, n_decks, &st, rollover_hour, cli->now);
	if (write_out(html, cli->db_path, sb.buf, sb.len)) {
		rc = SWOT_EXIT_FAIL;
		goto out;
	}
	if (strcmp(html, "-"))
		printf("Wrote %s: open it in a browser, or print it.\n", html);
	goto out;
fail:
	rc = cli_fail(&err);
out:
	for (size_t i = 0; i < n_decks; i++)
		progress_release(&decks[i]);
	free(decks);
	strbuf_release(&sb);
	strlist_release(&slugs);
	return rc;
}
