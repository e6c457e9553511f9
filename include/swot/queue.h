/*
 * queue.h: today's cards for a deck or for every deck, in the order the
 * session asks them.
 *
 * Built from the store with limits applied per deck and per learning day:
 *   - learning and relearning cards due by the end of the day, each asked
 *     once its due time has passed (before anything else);
 *   - review cards due by the end of the day, oldest first, at most
 *     reviews_per_day a day (counting the reviews already answered today);
 *   - new cards in deck order, at most new_per_day a day (counting those
 *     introduced today), paced up when an exam is set;
 *   - reviews and new cards interleaved evenly;
 *   - no two cards of one note on one learning day (counting cards
 *     answered earlier today), and no card buried (:skip) for today.
 * A card left out today by the one-card-per-note rule is held for
 * tomorrow, and counted as such (queue_held), never as due.
 *
 * The meaning of "due" (and of the counts beside it) everywhere swot
 * shows one: what today's review of the deck would ask, counted by
 * building that queue (queue_today).  `swot decks`, the session header
 * and its end, `swot stats` and `swot readiness` all read these numbers,
 * so they agree by construction:
 *   learning  learning and relearning cards due before the learning day
 *             ends (later today included);
 *   due       review cards due before the learning day ends, at most
 *             reviews-per-day less the reviews answered today;
 *   new       new cards within new-per-day (exam-paced);
 *   held      learning and review cards due today that a sibling keeps
 *             back (a card of the same note was answered today, or comes
 *             first today): asked tomorrow at the earliest.
 * Suspended cards, retired ones and cards put away (:skip) for today are
 * in none of them.
 * A learning card answered in the session comes back when it falls due;
 * when nothing else is left, one due within QUEUE_LEARN_AHEAD seconds is
 * asked early, as Anki does.  The queue holds only row ids and due times:
 * the session loads each card as it asks it.
 */
#ifndef SWOT_QUEUE_H
#define SWOT_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "swot/fsrs.h"
#include "swot/store.h"
#include "swot/util.h"

/* How far ahead a learning card is asked when nothing else is left. */
#define QUEUE_LEARN_AHEAD (20 * 60)

/* The limits of one deck (from its settings). */
struct queue_limits {
	int new_per_day;
	int reviews_per_day;
	int64_t exam_at; /* Unix seconds, 0 without an exam */
};

/* Looks up the limits of deck into *out; set by the caller of queue_build
 * so the queue does not depend on where settings live. */
typedef int (*queue_limits_fn)(void *ctx, const char *deck,
			       struct queue_limits *out, struct swot_err *err);

/* One card in the queue. */
struct queue_entry {
	int64_t card_id;
	int64_t note_id;
	int64_t due;
	enum fsrs_state state;
	size_t deck; /* index into queue.decks */
};

/* A list of entries, taken from the front. */
struct queue_list {
	struct queue_entry *items;
	size_t head, n, alloc;
};

struct queue_deck {
	char *slug; /* owned */
	struct queue_limits limits;
	int new_today;     /* new cards introduced today (answered) */
	int reviews_today; /* review cards answered today */
};

struct queue {
	struct store *store;
	char *only;          /* the deck asked for, or NULL for every deck */
	int rollover_hour;
	queue_limits_fn limits;
	void *limits_ctx;
	int fixed;           /* a fixed list (queue_init_fixed) */
	int64_t today;       /* the learning day the queue was built for */
	struct queue_deck *decks;
	size_t n_decks;
	int64_t day_end;     /* when that learning day ends */
	struct queue_list front;    /* asked before anything else (undo) */
	struct queue_list learning; /* kept sorted by due */
	struct queue_list review, fresh;
	size_t review_total, fresh_total, review_taken, fresh_taken;
	size_t held;         /* due today, kept back by a sibling (see above) */
	struct i64map notes; /* note -> the card of it asked today */
};

/*
 * Builds the queue of deck (every deck when NULL) at time now into q
 * (caller-owned; release with queue_release).  limits gives each deck's
 * limits.  An unknown deck is SWOT_ENOTFOUND.
 */
int queue_build(struct queue *q, struct store *s, const char *deck,
		int64_t now, int rollover_hour, queue_limits_fn limits,
		void *limits_ctx, struct swot_err *err);
void queue_release(struct queue *q);

/* Makes q (caller-owned; release with queue_release) a fixed list of
 * entries asked in order, with no day and no limits: a drill round. */
void queue_init_fixed(struct queue *q, const struct queue_entry *entries,
		      size_t n);

/*
 * Makes q (caller-owned; release with queue_release) a drill round of
 * rows, the live cards of a deck as store_drill_cards gives them: the
 * weakest first (lowest retrievability at now under p, then the cards
 * never studied, ties by card id), one card per note (one card of a note
 * gives its siblings away: the cloze answer is in the who-said card), at
 * most limit cards.
 */
void queue_init_drill(struct queue *q, const struct store_drill_row *rows,
		      size_t n, const struct fsrs_params *p, int64_t now,
		      size_t limit);

/*
 * The next card to ask at time now into *out: returns 1, or 0 when the
 * queue is done.  The entry leaves the queue.  When now is on a later
 * learning day than the queue was built for, the queue is built afresh
 * first.  Negative SWOT_E* on a database error.
 */
int queue_next(struct queue *q, int64_t now, struct queue_entry *out,
	       struct swot_err *err);

/*
 * Tells the queue e was answered at now and is now in state `state`, due
 * at `due`: a card still learning and due before the end of the day
 * comes back; the day's counts move.
 */
void queue_answered(struct queue *q, const struct queue_entry *e,
		    enum fsrs_state state, int64_t due, int64_t now);

/*
 * Undoes queue_answered for e (whose state before the answer is
 * e->state): the counts move back, a comeback is withdrawn, and e is put
 * at the front to be asked next.
 */
void queue_undo(struct queue *q, const struct queue_entry *e);

/* Puts e back at the front (an abandoned prompt, a database error). */
void queue_push_front(struct queue *q, const struct queue_entry *e);

/* What is left: learning cards (due or not), reviews, new cards. */
void queue_counts(const struct queue *q, size_t *learning, size_t *review,
		  size_t *fresh);

/* Cards due today that a sibling holds back until tomorrow. */
size_t queue_held(const struct queue *q);

/* Into *n: the studied cards due by the end of tomorrow (as seen from the
 * learning day q was built for) that q does not hold any more: what is
 * left for tomorrow once q is done, held cards included. */
int queue_due_tomorrow(struct queue *q, size_t *n, struct swot_err *err);

/* Today's counts of a deck (every deck when NULL): the one definition of
 * "due" described at the top of this file. */
struct queue_today {
	size_t learning, due, fresh, held;
	size_t tomorrow; /* studied cards due by the end of tomorrow that
			    today's review does not ask (held ones included) */
};

/* Appends t as the JSON object every command's "left_today" is:
 * {"learning","due","new","held","tomorrow"}. */
void queue_today_json(struct strbuf *sb, const struct queue_today *t);
/* Appends t in the words of the session header, each part after the
 * first after sep: "learning 2 · due 14 · new 10 · 3 held for tomorrow"
 * (the held part only when some are). */
void queue_today_text(struct strbuf *sb, const struct queue_today *t, const char *sep);

/*
 * A queue_limits_fn reading the limits from the settings and the exam
 * date in store (ctx, a struct store *): those in force for each deck.
 */
int queue_settings_limits(void *ctx, const char *deck, struct queue_limits *out,
			  struct swot_err *err);

/*
 * Counts what a review of deck (every deck when NULL) started at now would
 * ask, into *out, by building its queue with the limits of the settings
 * (queue_settings_limits) and the global rollover hour, as the session
 * does.  An unknown deck is SWOT_ENOTFOUND.
 */
int queue_today(struct store *s, const char *deck, int64_t now,
		struct queue_today *out, struct swot_err *err);

/* The soonest due time of a learning card left (0 when none). */
int64_t queue_next_learning_due(const struct queue *q);

#endif
