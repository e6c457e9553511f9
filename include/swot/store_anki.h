/*
 * store_anki.h: an Anki collection (an SQLite database) read from memory.
 * Part of the store, the one place SQLite is used; anki.c unpacks the
 * package and asks this for the rows.  Reads nothing but the collection
 * given; never writes.
 */
#ifndef SWOT_STORE_ANKI_H
#define SWOT_STORE_ANKI_H

#include <stddef.h>
#include <stdint.h>

#include "swot/util.h"

struct store_anki;

/*
 * Opens the collection held in the len bytes at data (copied).  name
 * names it in messages.  Returns 0 and a handle in *out (close it with
 * store_anki_close), or SWOT_EINVAL when it is not an SQLite database or
 * not an Anki collection swot can read (the message says which).
 */
int store_anki_open(const void *data, size_t len, const char *name,
		    struct store_anki **out, struct swot_err *err);
void store_anki_close(struct store_anki *a);

/* The collection's schema version (col.ver). */
int store_anki_version(const struct store_anki *a);

/* A note type: its name, whether it is a cloze type, its field names. */
struct store_anki_notetype {
	int64_t id;
	char *name;
	int cloze;
	struct strlist fields;
};

/* Every note type, in a new array of *n the caller frees with
 * store_anki_notetypes_free. */
int store_anki_notetypes(struct store_anki *a, struct store_anki_notetype **out,
			 size_t *n, struct swot_err *err);
void store_anki_notetypes_free(struct store_anki_notetype *t, size_t n);

/* Every deck's id and full name ("A::B"): parallel lists the caller
 * releases; ids as decimal strings. */
int store_anki_decks(struct store_anki *a, struct strlist *ids, struct strlist *names,
		     struct swot_err *err);

/* A note as stored, valid during the callback: fields joined by 0x1f. */
struct store_anki_note {
	int64_t id, notetype, deck; /* deck: of its first card, 0 if none */
	const char *guid, *tags, *fields;
	size_t n_cards;
};
typedef int (*store_anki_note_fn)(void *ctx, const struct store_anki_note *n);
int store_anki_each_note(struct store_anki *a, store_anki_note_fn fn, void *ctx,
			 struct swot_err *err);

/* A review-log row with its card's note and ordinal. */
struct store_anki_review {
	int64_t id, card_id, note_id, ivl, last_ivl, time_ms;
	int ord, ease, factor, type;
};
typedef int (*store_anki_review_fn)(void *ctx, const struct store_anki_review *r);
int store_anki_each_review(struct store_anki *a, store_anki_review_fn fn, void *ctx,
			   struct swot_err *err);

#endif
