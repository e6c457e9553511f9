/*
 * deck_int.h: what the deck module's own files share (deck.c validates,
 * deck_json.c scans the raw text, deck_expand.c makes the cards).  Never
 * included outside deck*.c.  No cJSON type appears here: only deck.c
 * reads the tree.
 */
#ifndef SWOT_DECK_INT_H
#define SWOT_DECK_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "swot/arena.h"
#include "swot/deck.h"

#define MAX_PROBLEMS 200 /* per file; the rest are counted */

/* The state of one load: where problems go and whose memory is filled. */
struct ctx {
	const char *path;
	struct deck_problems *out;
	size_t n;         /* problems found */
	const char *text; /* raw text, for line/column */
	size_t len;
	struct arena *mem;    /* the deck's memory */
	struct strbuf scratch;  /* for building strings before they go to mem */
};

/* The index of an id in a map of ids, or STRMAP_NONE; adding returns the
 * index already there, or STRMAP_NONE when id was added. */
static inline size_t deck_id_get(const struct strmap *m, const char *id)
{
	return strmap_get(m, id, strlen(id));
}
static inline size_t deck_id_add(struct strmap *m, const char *id, size_t i)
{
	return strmap_add(m, id, strlen(id), i);
}

/* A free card as written, before expansion. */
struct free_card {
	char *id;
	enum deck_card_type type;
	int type_ok;
	struct strlist tags;
	char *explain;
	char *prompt, *answer; /* basic: front/back; typed, choice: prompt */
	struct strlist accept, options, gaps;
	int correct;
	char *text; /* cloze */
};

/* ---- deck_json.c: step 1, the raw bytes ---- */

/* UTF-8, then a strict JSON (RFC 8259) syntax scan of c->text that says
 * where ("FILE:LINE:COLUMN: ...") and what it expected.  Returns 1 when
 * the text is one well-formed JSON value, else 0 with the problems added
 * to c. */
int deck_json_check(struct ctx *c);

/* Adds the problem "PATH:LINE:COLUMN: message" at byte offset off of
 * c->text. */
void deck_syntax(struct ctx *c, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0; *cp
 * gets its code point. */
size_t deck_utf8_seq(const unsigned char *s, size_t n, uint32_t *cp);

/* ---- deck.c: the rules that expansion relies on ---- */

/* A gap of a quote placed in its text. */
struct placed_gap {
	size_t at, len;
	size_t idx; /* in the quote's list of gaps */
	const char *gap;
};

/*
 * Places the gaps of a quote in its text: the longest first, each at its
 * first whole-word occurrence not taken by another gap (else at any free
 * occurrence).  Fills g (n entries) in text order.  Returns the index of a
 * gap that cannot be placed, or -1 (*nowhere then says whether it occurs
 * in the text at all).
 */
long deck_place_gaps(const char *text, const struct strlist *gaps,
		     struct placed_gap *g, int *nowhere);

/* ---- deck_expand.c: step 4, notes into cards ---- */

/*
 * Fills d->cards from a deck with no problems: characters, themes,
 * quotes, then the free cards, each in file order (see deck.h).  The ids
 * maps index d->characters and d->themes; every string goes to c->mem.
 */
void deck_expand(struct deck *d, struct ctx *c, const struct free_card *free_cards,
		 const struct strmap *char_ids, const struct strmap *theme_ids);

#endif
