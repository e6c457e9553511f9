/*
 * progfile.h: the progress file a student hands a teacher (swot
 * export-progress; schema/progress.schema.json): who, when, and per deck
 * each card's memory and, optionally, its review log.  Written with the
 * textout JSON helpers, read with cJSON: with deck.c and fsrs_vectors.c,
 * one of the file-format modules that include cJSON; no cJSON pointer
 * leaves this one either.
 *
 * The file holds nothing from the student's machine beyond what is here:
 * no path, no user name but the name given, no time but the export time
 * and the answers' times.  The same struct progfile always writes the
 * same bytes.
 */
#ifndef SWOT_PROGFILE_H
#define SWOT_PROGFILE_H

#include <stddef.h>
#include <stdint.h>

#include "swot/deck.h"
#include "swot/forecast.h"
#include "swot/fsrs.h"
#include "swot/store.h"
#include "swot/util.h"

/* The format this swot writes and the newest it reads. */
#define PROGFILE_FORMAT 1
/* A progress file over 64 MiB is refused unread. */
#define PROGFILE_MAX_BYTES (64u << 20)

/* One answer: when, the grade, what kind, the stability it left. */
struct progfile_review {
	int64_t time; /* Unix seconds */
	int rating;   /* 1..4 */
	enum store_log_kind kind;
	double stability;
};

/* One card and the student's memory of it. */
struct progfile_card {
	char *id;   /* stable "<note>/<variant>"; owned */
	char *note; /* the note's id; owned */
	enum deck_note_kind kind;
	enum deck_card_type type;
	struct strlist themes;     /* theme ids it bears on */
	struct strlist characters; /* character ids: a character's own cards,
				    * a quote's speaker */
	struct strlist tags;       /* a free card's tags */
	struct fsrs_card f;        /* state, stability, difficulty, due,
				    * last_review, reps, lapses */
	struct progfile_review *reviews; /* oldest first; owned */
	size_t n_reviews;
};

/* A named topic of a deck (a theme or a character). */
struct progfile_name {
	char *id, *name; /* owned */
};

struct progfile_deck {
	char *id, *title; /* owned */
	char *version;    /* the deck's version string; owned, may be NULL */
	char *hash;       /* 16 hex digits over the live cards' ids and content:
			   * equal hashes, the same deck version; owned */
	int64_t exam_at;  /* 0 without an exam date */
	int rollover_hour;
	double weights[FSRS_N_WEIGHTS]; /* the student's FSRS weights */
	double desired_retention;
	int has_reviews;  /* written with --reviews: the log is complete */
	/* how the student has been studying at export (the basis of swot
	 * readiness's forecast, with the cards): the last FORECAST_WINDOW_DAYS
	 * learning days, study[0] the export's.  Files of an older swot lack
	 * it (has_study 0) */
	int has_study;
	struct forecast_day study[FORECAST_WINDOW_DAYS];
	struct progfile_name *themes, *characters; /* in deck order; owned */
	size_t n_themes, n_characters;
	struct progfile_card *cards; /* in deck order; owned */
	size_t n_cards;
};

struct progfile {
	int format;           /* PROGFILE_FORMAT */
	char *swot_version;   /* the swot that wrote it; owned */
	char *name;           /* as the student gave it; owned */
	char *student;        /* the database's random id; owned */
	int64_t exported_at;  /* Unix seconds */
	struct progfile_deck *decks; /* owned */
	size_t n_decks;
};

/* Frees what p owns (not p) and zeroes it; safe on a zeroed struct. */
void progfile_release(struct progfile *p);
/* The same for one deck and one card. */
void progfile_deck_release(struct progfile_deck *d);
void progfile_card_release(struct progfile_card *c);

/* Appends p as a progress file (JSON, one card to a line, ending in a
 * newline) to sb. */
void progfile_write(struct strbuf *sb, const struct progfile *p);

/* The same bytes piece by piece, so a file of any size can be written as
 * its cards are read (progfile_export): progfile_write_start (p's own
 * fields, not its decks), then for each deck progfile_write_deck_start
 * (d's fields, not its cards; first for the first deck), each card with
 * progfile_write_card (log: the deck has_reviews; first for its first
 * card) and progfile_write_deck_end; at last progfile_write_end. */
void progfile_write_start(struct strbuf *sb, const struct progfile *p);
void progfile_write_deck_start(struct strbuf *sb, const struct progfile_deck *d, int first);
void progfile_write_card(struct strbuf *sb, const struct progfile_card *c, int log,
			 int first);
void progfile_write_deck_end(struct strbuf *sb);
void progfile_write_end(struct strbuf *sb);

/*
 * Parses len bytes of text (named path in messages) into *out, which the
 * caller releases with progfile_release, also after a failure.  Anything
 * that is not a whole, valid progress file of a format this swot reads is
 * SWOT_EINVAL with one line saying what ("not valid JSON: it ends early
 * (truncated?)", "a deck file, not a progress file", "written by a newer
 * swot (progress format 2; this swot reads 1)", "decks[0].cards[3]:
 * stability must be a number of 0 or more"), not prefixed with path.
 */
int progfile_parse(const char *text, size_t len, struct progfile *out,
		   struct swot_err *err);

/* As progfile_parse, reading the file at path; every message starts
 * with "path: " (SWOT_EIO when it cannot be read). */
int progfile_read(const char *path, struct progfile *out, struct swot_err *err);

/*
 * Fills *out from the store: the student's id, name (as given), the time
 * now, swot's version and, for deck (every deck when NULL), each live
 * card's memory in deck order, with its review log when reviews is set.
 * The caller releases *out with progfile_release, also after a failure.
 */
int progfile_from_store(struct store *s, const char *deck, const char *name,
			int64_t now, int reviews, struct progfile *out,
			struct swot_err *err);

/* Receives the bytes of a progress file in order, as progfile_export
 * writes them; returns 0, or fails (filling err) to stop the export. */
typedef int (*progfile_sink)(void *ctx, const char *buf, size_t len,
			     struct swot_err *err);

/* What progfile_export wrote. */
struct progfile_totals {
	size_t decks, cards;
	size_t bytes;
};

/*
 * Writes the progress file progfile_from_store and progfile_write make
 * together, the same bytes, to sink as the cards are read: one deck's
 * names and one card at a time in memory (and a few tens of KB of text),
 * whatever the collection's size.  With no deck to write (deck NULL and
 * none imported), writes nothing and *tot says 0 decks.  A failure may
 * come after some bytes went to sink.
 */
int progfile_export(struct store *s, const char *deck, const char *name, int64_t now,
		    int reviews, progfile_sink sink, void *ctx,
		    struct progfile_totals *tot, struct swot_err *err);

/* The deck of p with id deck, or NULL. */
const struct progfile_deck *progfile_deck_find(const struct progfile *p,
					       const char *deck);

#endif
