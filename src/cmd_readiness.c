/*
 * cmd_readiness.c: swot readiness [DECK] [--json] [--ascii]: predicted
 * recall on exam day, by topic, for one deck or each deck in turn.
 */
#include <stdio.h>
#include <string.h>

#include "swot/cli.h"
#include "swot/progress.h"
#include "swot/textout.h"

int cmd_readiness(int argc, char **argv, struct cli *cli)
{
	const char *deck = NULL;
	int json = 0, ascii = 0;
	struct store *s = NULL;
	struct strlist slugs = STRLIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct swot_err err = {0};
	int rc;

	const struct cli_opt opts[] = {
		OPT_BOOL("--ascii", &ascii),
		OPT_BOOL("--json", &json),
		OPT_END(),
	};
	if ((rc = cli_parse_options(cli, &argc, argv, opts, 1)) != CLI_GO_ON)
		return rc;
	deck = argc ? argv[0] : NULL;
	if ((rc = cli_open_store(cli, &s)))
		return rc;
	if (progress_deck_slugs(s, deck, &slugs, &err))
		goto fail;
	if (slugs.n == 0) {
		if (json)
			puts("{\"decks\":[]}");
		else
			printf("No decks yet.  Import one with: swot import FILE\n");
		goto out;
	}
	if (json && !deck)
		strbuf_adds(&sb, "{\"decks\":[");
	for (size_t i = 0; i < slugs.n; i++) {
		struct progress_deck p;
		if (progress_load(s, slugs.items[i], cli->now, &p, &err)) {
			progress_release(&p);
			goto fail;
		}
		if (json) {
			if (i)
				strbuf_addc(&sb, ',');
			readiness_json(&sb, &p.r, p.cards, p.deck);
		} else {
			if (i)
				strbuf_addc(&sb, '\n');
			readiness_text(&sb, &p.r, p.cards, p.title, p.deck, ascii);
		}
		progress_release(&p);
	}
	if (json) {
		if (!deck)
			strbuf_adds(&sb, "]}");
		strbuf_addc(&sb, '\n');
	}
	fputs(strbuf_str(&sb), stdout);
	goto out;
fail:
	cli_error("%s", err.msg);
	rc = SWOT_EXIT_FAIL;
out:
	strbuf_release(&sb);
	strlist_release(&slugs);
	return rc;
}
