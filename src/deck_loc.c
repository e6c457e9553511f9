/*
 * deck_loc.c: how a quotation's place in its text is written for readers.
 * Shared by the cards a deck expands into, lint and preview, so a place is
 * written one way everywhere.
 */
#include "swot/deck.h"

void deck_loc_format(const struct deck_loc *loc, struct strbuf *out)
{
	switch (loc->kind) {
	case LOC_NONE:
		return;
	case LOC_CHAPTER:
		strbuf_addf(out, "Chapter %d", loc->part);
		return;
	case LOC_STAVE:
		strbuf_addf(out, "Stave %d", loc->part);
		return;
	case LOC_SCENE:
		strbuf_addf(out, "Act %d, Scene %d", loc->part, loc->scene);
		break;
	case LOC_STANZA:
		strbuf_addf(out, "Stanza %d", loc->part);
		break;
	}
	if (loc->line)
		strbuf_addf(out, ", line %d", loc->line);
}
