/*
 * readiness.h: how much of a deck a student would recall on exam day.
 * Pure: works on cards already loaded from the store, the exam time and
 * the scheduler's parameters; no I/O and no clock.  Rendering is in
 * readiness_text / readiness_json, onto a strbuf.
 *
 * A card's readiness is its predicted recall R(t, S) on FSRS's forgetting
 * curve, t the learning days from its last review to the moment asked
 * about (the exam, or now without one), S its stability.  A card never
 * studied counts 0; a retired card is left out.
 */
#ifndef SWOT_READINESS_H
#define SWOT_READINESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "swot/forecast.h"
#include "swot/fsrs.h"
#include "swot/queue.h"
#include "swot/store.h"
#include "swot/util.h"

#define READINESS_WEAKEST 10

/* The theme names of a deck, to name the per-theme topics. */
struct readiness_theme {
	const char *id, *name;
};

struct readiness_opts {
	const struct fsrs_params *params;
	int rollover_hour;
	int new_per_day;  /* the student's base limit */
	int new_cap;      /* exam pace cap (EXAM_NEW_CAP) */
	int lead_days;    /* see every card this many days before (EXAM_LEAD_DAYS) */
	const struct readiness_theme *themes; /* may be NULL */
	size_t n_themes;
	/* how the student has been studying (NULL: no forecast), and the
	 * limits and target of "what it takes" */
	const struct forecast_basis *basis;
	int reviews_per_day;
	double target;
	int skip_keep; /* leave out "keep your schedule" (keep stays -1): a
			* class report, a table or a header needs only the
			* stop-now and carry-on figures */
	int skip_reach; /* leave out what it takes (forecast_opts) */
};

/* Tags with fewer cards than this are not topics of their own: their
 * cards are counted with "Other cards". */
#define READINESS_MIN_TOPIC_CARDS 5

/* One line of the per-topic table. */
struct readiness_topic {
	char *kind;   /* "characters" "themes" "quotes" "cards" "tag" "theme"; owned */
	char *key;    /* the tag or theme id ("" for the first four); owned */
	char *name;   /* what a student reads: "Characters", "Theme: Memory"; owned */
	size_t total, studied;
	double now;   /* mean R at the moment asked about, if you stop now */
	double keep;  /* mean R on exam day if you keep your schedule (-1 without an exam) */
	double carry; /* expected R on exam day if you carry on as you have been
			 (-1 without a forecast) */
};

/* A studied card and its predicted recall. */
struct readiness_weak {
	size_t index; /* into the cards given to readiness_compute */
	double r;
};

struct readiness {
	int has_exam;       /* an exam is set and still ahead */
	int64_t exam_passed; /* the exam's time when it has passed, else 0 */
	int64_t now;        /* when it was computed */
	int64_t exam_at;    /* 0 without an exam */
	int64_t at;         /* the moment R is for: the exam, or now */
	int64_t days_left;  /* calendar days to the exam (0 without one) */
	size_t total;       /* live cards */
	size_t studied;     /* live cards reviewed at least once */
	size_t new_left;    /* live cards never studied */
	double mean;        /* mean R over all live cards, if you stop now */
	double coverage;    /* studied / total (0 for an empty deck) */
	double keep;        /* mean R on exam day if you keep your schedule; -1 without an exam */
	double keep_coverage; /* share of cards seen by the exam at that pace; -1 without */
	int pace_needed;    /* new cards a day to meet every card lead_days before the
			       exam (0 when none are left; -1 when that point has passed) */
	int new_per_day;    /* what swot gives: the pace within base and cap */
	int lead_days;
	/* the forecast: has_forecast when an exam is ahead and the history
	 * is enough; no_history when an exam is ahead and it is not */
	int has_forecast, no_history;
	struct forecast_basis basis;
	struct forecast forecast;
	double target;
	struct readiness_topic *topics;
	size_t n_topics;
	struct readiness_weak weakest[READINESS_WEAKEST];
	size_t n_weakest;
	/* what today's review asks of the deck (queue_today), when the caller
	 * has set it: readiness_compute does not read the store */
	struct queue_today left;
	int has_left;
};

/* The predicted recall of one card elapsed_days after its last review:
 * 0 for a card never studied. */
double readiness_card_r(const struct fsrs_params *p, const struct fsrs_card *c,
			double elapsed_days);

/* The predicted recall of one card at time at, elapsed time counted in
 * learning days from its last review (0 for a card never studied). */
double readiness_card_at(const struct fsrs_params *p, const struct fsrs_card *c,
			 int64_t at, int rollover_hour);

/* One card as readiness reads it: what it is about, without its text
 * (its memory is beside it, in readiness_cards.f). */
struct readiness_card {
	int64_t id;        /* the store's row id (0 when it has none) */
	uint64_t seed;     /* the hash of its stable id: seeds its simulation */
	enum deck_note_kind kind;
	uint32_t about;    /* its tags, then its themes: keys[about...] */
	uint32_t n_tags, n_themes;
};

/*
 * The cards readiness_compute_cards reads, gathered one by one (a
 * deck's live cards in deck order): about 100 bytes a card whatever its
 * text, tags and themes numbered once (names) rather than kept per card.
 * Initialise with readiness_cards_init; readiness_cards_release frees.
 */
struct readiness_cards {
	struct fsrs_card *f;       /* each card's memory, as forecast_compute reads it */
	struct readiness_card *c;  /* and what it is about */
	size_t n, alloc_f, alloc_c;
	uint32_t *keys;            /* tag and theme numbers, per card */
	size_t n_keys, alloc_keys;
	struct strlist names;      /* the tags and theme ids, by number */
	struct strmap map;         /* a name to its number */
};

void readiness_cards_init(struct readiness_cards *cs);
void readiness_cards_release(struct readiness_cards *cs);
/* Adds a live card: id its row id, key its stable id, f its memory;
 * the strings are copied when kept (each tag or theme once). */
void readiness_cards_add(struct readiness_cards *cs, int64_t id, const char *key,
			 enum deck_note_kind kind, const struct strlist *tags,
			 const struct strlist *themes, const struct fsrs_card *f);

/* Puts the cards in the order perm[0..n) gives: the card at k is then
 * the one that was at perm[k]. */
void readiness_cards_reorder(struct readiness_cards *cs, const size_t *perm);

/*
 * readiness_compute over the live cards cs (weakest[].index indexes
 * them); cs may be released once it returns.
 */
void readiness_compute_cards(struct readiness *r, const struct readiness_cards *cs,
			     int64_t now, int64_t exam_at, const struct readiness_opts *o);

/*
 * Computes the readiness of cards[0..n) (one deck, or several) at now,
 * for the exam at exam_at (0: no exam, readiness for now).  With an exam
 * in the future it also simulates "keep your schedule": every review that
 * falls due before the exam day answered on its day, recalled with the
 * probability FSRS predicts (Good, else Again), with exam-aware intervals,
 * averaged over 16 seeded runs per card; new cards introduced in order
 * at the exam pace (the best case: an upper bound, not a forecast; a
 * deck of more than FORECAST_SAMPLE cards is simulated on an even sample
 * of them).  With o->basis it also forecasts the exam day from how the
 * student has been studying (forecast.h).  r is filled for the caller to release with
 * readiness_release; cards must outlive r (weakest refers to them by
 * index).
 */
void readiness_compute(struct readiness *r, const struct store_card *cards,
		       size_t n, int64_t now, int64_t exam_at,
		       const struct readiness_opts *o);
void readiness_release(struct readiness *r);

/*
 * Appends r as text for a terminal of 80 columns to sb: title names
 * the deck ("Never Let Me Go" or "all decks"), deck the slug for the
 * hint lines (NULL for all decks); ascii avoids block characters.
 */
void readiness_text(struct strbuf *sb, const struct readiness *r,
		    const struct store_card *cards, const char *title,
		    const char *deck, int ascii);

/* Appends r as one JSON object (documented in README.md) to sb. */
void readiness_json(struct strbuf *sb, const struct readiness *r,
		    const struct store_card *cards, const char *deck);

/* A card's prompt on one line, newlines as spaces and cloze gaps blanked
 * as ___ (a list of cards must not give the answers away); the caller
 * frees it. */
char *readiness_prompt_line(const char *prompt);

#endif
