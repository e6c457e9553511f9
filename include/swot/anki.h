/*
 * anki.h: reading Anki's packages (.apkg, .colpkg): a zip holding an
 * SQLite collection (collection.anki21b compressed with zstd, else
 * collection.anki21, else collection.anki2; newer exports keep a stub
 * collection.anki2 that asks to update Anki) and a media map (JSON, or
 * zstd-compressed protobuf in newer packages).  swot reads the notes, their
 * note types, decks and tags, and the review log; media files are counted,
 * never extracted.
 *
 * Typical use:
 *     struct anki_package *p;
 *     if (anki_open(path, &p, &err)) ...
 *     anki_each_note(p, on_note, ctx, &err);
 *     anki_each_review(p, on_review, ctx, &err);
 *     anki_close(p);
 */
#ifndef SWOT_ANKI_H
#define SWOT_ANKI_H

#include <stddef.h>
#include <stdint.h>

#include "swot/util.h"

#define SWOT_ANKI_MAX_BYTES (256u << 20) /* a collection over this is refused */

struct anki_package;

/*
 * Opens the package at path.  Returns 0 and a package in *out (close it
 * with anki_close), or SWOT_EIO (cannot read it) / SWOT_EINVAL with a
 * message that says what the file is when it is not a package swot reads
 * (not a zip, a zip with no collection, a corrupt or newer collection).
 */
int anki_open(const char *path, struct anki_package **out, struct swot_err *err);
void anki_close(struct anki_package *p);

/* The collection file used ("collection.anki21b" ...), the collection's
 * schema version (11 for anki2/anki21, 18 for anki21b), and how many media
 * files the package holds. */
const char *anki_collection_file(const struct anki_package *p);
int anki_schema(const struct anki_package *p);
size_t anki_media_count(const struct anki_package *p);

/* One note, valid during the callback only. */
struct anki_note {
	int64_t id;           /* Anki's note id (its creation time in ms) */
	const char *guid;     /* Anki's globally unique id of the note */
	const char *notetype; /* "Basic", "Cloze" ... */
	int cloze;            /* a cloze note type */
	size_t n_fields;
	const char *const *fields;      /* as stored: HTML */
	const char *const *field_names; /* of the note type; "" where unknown */
	const char *tags;     /* space-separated, as Anki keeps them */
	const char *deck;     /* the deck of its first card, "A::B"; NULL if none */
	size_t n_cards;       /* cards Anki made from it */
};

/* One row of Anki's review log, valid during the callback only. */
struct anki_review {
	int64_t id;      /* the time of the review, in ms since 1970 */
	int64_t card_id; /* Anki's card id */
	int64_t note_id; /* the card's note (0 when the card is gone) */
	int ord;         /* the card's ordinal in its note (cloze: c1 is 0) */
	int ease;        /* the button: 1 again, 2 hard, 3 good, 4 easy (0: a
			  * manual reschedule) */
	int64_t ivl, last_ivl; /* days when positive, seconds when negative */
	int factor;      /* ease factor in permille */
	int64_t time_ms; /* time taken */
	int type;        /* 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual */
};

/* Calls fn for every note, in note-id order; stops when fn returns
 * non-zero and returns that.  Returns 0, fn's value or a negative SWOT_E*
 * code with err filled. */
typedef int (*anki_note_fn)(void *ctx, const struct anki_note *n);
int anki_each_note(struct anki_package *p, anki_note_fn fn, void *ctx,
		   struct swot_err *err);

/* As anki_each_note, for every review-log row in time order. */
typedef int (*anki_review_fn)(void *ctx, const struct anki_review *r);
int anki_each_review(struct anki_package *p, anki_review_fn fn, void *ctx,
		     struct swot_err *err);

#endif
