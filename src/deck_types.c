/*
 * deck_types.c: the names of card types and note kinds, the one table
 * decks, the store and messages spell each from.
 */
#include "swot/deck.h"

#include <string.h>

const char *const deck_note_kind_names[DECK_NOTE_KINDS] = {
	[NOTE_CHARACTER] = "character",
	[NOTE_THEME] = "theme",
	[NOTE_QUOTE] = "quote",
	[NOTE_CARD] = "card",
};

/* Index of name in names (n entries), or -1. */
static int name_index(const char *const *names, int n, const char *name)
{
	for (int i = 0; name && i < n; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

int deck_note_kind_from_name(const char *name)
{
	return name_index(deck_note_kind_names, DECK_NOTE_KINDS, name);
}

const char *const deck_card_type_names[DECK_CARD_TYPES] = {
	[CARD_BASIC] = "basic",
	[CARD_TYPED] = "typed",
	[CARD_CLOZE] = "cloze",
	[CARD_CHOICE] = "choice",
	[CARD_WHO] = "who",
};

int deck_card_type_from_name(const char *name)
{
	return name_index(deck_card_type_names, DECK_CARD_TYPES, name);
}

const char *deck_note_kind_name(enum deck_note_kind k)
{
	return (unsigned)k < DECK_NOTE_KINDS ? deck_note_kind_names[k] : "card";
}

const char *deck_card_type_name(enum deck_card_type t)
{
	return (unsigned)t < DECK_CARD_TYPES ? deck_card_type_names[t] : "basic";
}
