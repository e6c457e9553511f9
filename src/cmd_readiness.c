/*
 * cmd_readiness.c: swot readiness [DECK] [--json] [--ascii]: predicted
 * recall on exam day, by topic, for one deck or each deck in turn.
 */
#include "swot/cli.h"
#include "swot/progress.h"
#include "swot/textout.h"

/* One deck's readiness into sb, after a separator when it is not the
 * first. */
static int show_deck(struct store *s, const char *slug, int first, const struct cli_view *v,
		     int64_t now, struct strbuf *sb, struct swot_err *err)
{
	struct progress_deck p;
	int rc = progress_load(s, slug, now, &p, err);
	if (!rc && v->json) {
		if (!first)
			strbuf_addc(sb, ',');
		readiness_json(sb, &p.r, p.cards, p.deck);
	} else if (!rc) {
		if (!first)
			strbuf_addc(sb, '\n');
		readiness_text(sb, &p.r, p.cards, p.title, p.deck, v->ascii);
	}
	progress_release(&p);
	return rc;
}

static int show_readiness(struct store *s, const struct cli_view *v, int64_t now,
			  struct strbuf *sb, struct swot_err *err)
{
	struct strlist slugs = STRLIST_INIT;
	int rc = progress_deck_slugs(s, v->deck, &slugs, err);
	if (rc)
		goto out;
	if (slugs.n == 0) {
		strbuf_adds(sb, v->json ? "{\"decks\":[]}\n"
					: "No decks yet.  Import one with: swot import FILE\n");
		goto out;
	}
	if (v->json && !v->deck)
		strbuf_adds(sb, "{\"decks\":[");
	for (size_t i = 0; !rc && i < slugs.n; i++)
		rc = show_deck(s, slugs.items[i], i == 0, v, now, sb, err);
	if (v->json) {
		if (!v->deck)
			strbuf_adds(sb, "]}");
		strbuf_addc(sb, '\n');
	}
out:
	strlist_release(&slugs);
	return rc;
}

int cmd_readiness(int argc, char **argv, struct cli *cli)
{
	return cli_show(cli, argc, argv, show_readiness);
}
