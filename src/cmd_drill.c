/*
 * cmd_drill.c: swot drill [DECK] [--tag T] [--type K] [-n N]: extra
 * practice, weakest cards first, logged as drill and leaving the schedule
 * alone.  With one deck in the store, DECK may be left out.
 */
#include <stdlib.h>
#include <string.h>

#include "swot/cli.h"
#include "swot/session.h"

/* --tag T names a tag or theme the deck has; if not, say which it has. */
static int check_tag(struct cli *cli, struct store *s, const char *deck, const char *tag)
{
	struct strlist tags = STRLIST_INIT;
	struct swot_err err = {0};
	int rc = SWOT_EXIT_OK;
	if (store_deck_check(s, deck, &err) || store_deck_tags(s, deck, &tags, &err)) {
		rc = cli_fail(&err);
	} else if (!strlist_has(&tags, tag)) {
		strlist_sort(&tags);
		char *list = strlist_join(&tags, ", ");
		cli_error("%s has no tag or theme \"%s\"; it has: %s", deck, tag,
			  tags.n ? list : "none");
		free(list);
		rc = SWOT_EXIT_FAIL;
	}
	(void)cli;
	strlist_release(&tags);
	return rc;
}

int cmd_drill(int argc, char **argv, struct cli *cli)
{
	int64_t started = session_clock_ns();
	struct session_opts o = {.drill = 1};
	int limit = 0;
	const struct cli_opt opts[] = {
		OPT_STRING("--tag", &o.tag),
		OPT_STRING("--type", &o.kind),
		OPT_INT("-n", &limit, 1, 100000),
		OPT_END(),
	};
	int rc = cli_parse_options(cli, &argc, argv, opts, CLI_ANY_ARGS);
	if (rc != CLI_GO_ON)
		return rc;
	if (o.kind && strcmp(o.kind, "quote") && strcmp(o.kind, "character") &&
	    strcmp(o.kind, "theme") && strcmp(o.kind, "card"))
		return cli_usage_error(cli, "--type %s: expected quote, character, theme "
					    "or card", o.kind);
	if (argc > 1)
		return cli_usage_error(cli, "one deck at a time ('%s' and '%s')", argv[0],
				       argv[1]);
	struct store *s;
	struct strlist names = STRLIST_INIT;
	struct swot_err err = {0};
	if ((rc = cli_open_store(cli, &s)))
		return rc;
	if (!argc) { /* with one deck, that one */
		if (store_deck_slugs(s, &names, &err))
			return cli_fail(&err);
		if (names.n != 1) {
			char *list = strlist_join(&names, ", ");
			rc = cli_usage_error(cli, names.n ? "say which deck to drill (%s)"
							  : "no deck to drill yet%s: see 'swot add'",
					     list);
			free(list);
			strlist_release(&names);
			return rc;
		}
		o.deck = names.items[0];
	} else {
		o.deck = argv[0];
	}
	if (o.tag && (rc = check_tag(cli, s, o.deck, o.tag)))
		goto out;
	o.limit = (size_t)limit;
	rc = cli_run_session(cli, &o, started);
out:
	strlist_release(&names);
	return rc;
}
