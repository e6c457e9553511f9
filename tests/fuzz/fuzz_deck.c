/*
 * fuzz_deck.c: the deck loader, validation and expansion on any bytes.
 * Besides not crashing: a deck is either loaded or refused with at least
 * one problem, never both; every card of a loaded deck has an id made of
 * its note and variant, a prompt, a choice card's answer among its
 * options, and a cloze card as many {{blanks}} as answers.
 */
#include "fuzz/fuzz.h"
#include "swot/deck.h"

static void check_cards(const struct deck *d)
{
	for (size_t i = 0; i < d->n_cards; i++) {
		const struct deck_card *c = &d->cards[i];
		if (!c->id || !c->note_id || !c->variant || !c->prompt)
			fuzz_fail("card without id or prompt", c->id);
		size_t n = strlen(c->note_id);
		if (strncmp(c->id, c->note_id, n) || c->id[n] != '/' ||
		    strcmp(c->id + n + 1, c->variant))
			fuzz_fail("card id is not note/variant", c->id);
		if (c->type == CARD_CLOZE) {
			size_t gaps = 0;
			for (const char *b = strstr(c->prompt, "{{"); b; b = strstr(b + 2, "{{"))
				gaps++;
			if (gaps != c->answers.n)
				fuzz_fail("a cloze card's blanks and answers differ", c->id);
		}
		if (c->type == CARD_CHOICE &&
		    (c->correct < 0 || (size_t)c->correct >= c->options.n))
			fuzz_fail("choice answer out of range", c->id);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct deck_problems p;
	deck_problems_init(&p);
	struct deck *d = deck_load_buffer("fuzz.json", (const char *)data, size, &p);
	if (d && p.lines.n)
		fuzz_fail("a loaded deck with problems", p.lines.items[0]);
	if (!d && !p.lines.n)
		fuzz_fail("a refused deck without a problem", NULL);
	if (d)
		check_cards(d);
	deck_free(d);
	deck_problems_release(&p);
	return 0;
}
