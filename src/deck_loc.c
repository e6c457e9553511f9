/*
 * deck_loc.c: how a quotation's place in its text is written for readers.
 * Shared by the cards a deck expands into, lint and preview, so a place is
 * written one way everywhere.
 */
#include "swot/deck.h"

#include <stdlib.h>

void deck_gap_accepts(const struct strlist *accept, size_t gap, struct strlist *out)
{
	for (size_t i = 0; i < accept->n; i++) {
		char *end;
		unsigned long n = strtoul(accept->items[i], &end, 10);
		if (*end == ':' && end > accept->items[i] && n == gap + 1) {
			ALLOC_GROW(out->items, out->n + 1, out->alloc);
			out->items[out->n++] = end + 1;
		}
	}
}

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
