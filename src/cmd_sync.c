/*
 * cmd_sync.c: swot sync [--server URL]: this database and the school's
 * server (sync.h); and the quiet sync at the end of swot review when the
 * setting sync-after-review is on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "swot/cli.h"
#include "swot/settings.h"
#include "swot/sync.h"

/* The server given: --server, else $SWOT_SERVER (used, never
 * remembered), else NULL for the remembered one. */
static const char *given_server(const char *flag, int *remember)
{
	const char *env = getenv("SWOT_SERVER");
	*remember = flag != NULL;
	return flag ? flag : env && *env ? env : NULL;
}

static void print_result(const struct sync_result *r)
{
	printf("synced with %s as %s: %zu answer%s sent (%zu new to the server), "
	       "%zu card state%s updated, progress in %zu deck%s\n",
	       r->where, r->login, r->sent, r->sent == 1 ? "" : "s", r->added, r->cards,
	       r->cards == 1 ? "" : "s", r->progress, r->progress == 1 ? "" : "s");
	for (size_t i = 0; i < r->n_decks; i++) {
		const struct sync_deck *d = &r->decks[i];
		printf("received %s from class %s (version %d): %zu new, %zu updated, "
		       "%zu unchanged, %zu retired%s\n", d->deck, d->cls, d->version,
		       d->counts.new_cards, d->counts.updated, d->counts.unchanged,
		       d->counts.retired, d->counts.created_deck ? " (new deck)" : "");
	}
}

int cmd_sync(int argc, char **argv, struct cli *cli)
{
	const char *flag = NULL;
	const struct cli_opt opts[] = {
		OPT_STRING("--server", &flag),
		OPT_END(),
	};
	int rc = cli_parse_options(cli, &argc, argv, opts, 0);
	if (rc != CLI_GO_ON)
		return rc;
	if (flag && !*flag)
		return cli_usage_error(cli, "--server needs the server's URL");
	struct store *s;
	if ((rc = cli_open_store(cli, &s)))
		return rc;
	struct sync_opts o = {.db_path = cli->db_path, .now = cli->now};
	o.url = given_server(flag, &o.remember);
	struct sync_result r;
	struct swot_err err = {0};
	if (sync_run(s, &o, &r, &err)) {
		cli_error("not synced: %s", err.msg);
		rc = SWOT_EXIT_FAIL;
	} else {
		print_result(&r);
	}
	for (size_t i = 0; i < r.problems.n; i++)
		cli_error("a deck from the server was not imported: %s", r.problems.items[i]);
	sync_result_release(&r);
	return rc;
}

void cli_sync_after_review(struct cli *cli)
{
	struct store *s;
	struct swot_settings set;
	struct swot_err err = {0};
	char *url = NULL;
	if (cli_open_store(cli, &s) || settings_load(s, NULL, &set, &err) ||
	    !set.sync_after_review)
		return;
	struct sync_opts o = {.db_path = cli->db_path, .now = cli->now};
	o.url = given_server(NULL, &o.remember);
	if (!o.url && (sync_remembered(s, &url, &err) || !url))
		return; /* no server set: nothing to do */
	free(url);
	struct sync_result r;
	if (sync_run(s, &o, &r, &err))
		cli_error("not synced: %s", err.msg);
	sync_result_release(&r);
}
