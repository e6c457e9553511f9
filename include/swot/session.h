/*
 * session.h: the quiz session: today's review, or a drill round, asked
 * card by card at a prompt.
 *
 * The session works on a store, a line reader and a FILE *, so it runs
 * the same on a terminal, from a pipe and in tests.  Each answer is
 * committed as it is graded (card and review row in one transaction);
 * quitting or being killed loses at most the card on screen.
 *
 * At every prompt:
 *   :undo  takes back the last answer (card state and review row) and asks
 *          that card again
 *   :skip  buries the card until the next learning day
 *   :hint  shows the first letters; the proposed grade is then at most Hard
 *   :help  lists these
 *   :quit  ends the session (so does end of input, Ctrl-D)
 * Ctrl-C sets the card on screen aside (it stays due) and goes on.
 */
#ifndef SWOT_SESSION_H
#define SWOT_SESSION_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "swot/lineinput.h"
#include "swot/store.h"
#include "swot/util.h"

/* Drill rounds ask this many cards unless told otherwise. */
#define SESSION_DRILL_DEFAULT 20

struct session_opts {
	struct store *store;
	const char *deck;   /* NULL: every deck (review only) */
	int drill;          /* a drill round: logged as drill, schedule untouched */
	const char *tag;    /* drill: only cards with this tag or theme (or NULL) */
	const char *kind;   /* drill: only "quote", "character", "theme" or
			     * "card" notes (or NULL) */
	size_t limit;       /* drill: at most this many cards (0: the default) */
	int64_t now;        /* the clock when the session starts (Unix seconds);
			     * it runs on from there */
	int color;          /* ANSI colour in the output */
	int width;          /* wrap prose at this many columns (0: as
			     * textout_columns says for out, before each card) */
	FILE *out;          /* where the session writes */
	struct lineinput *in; /* where answers come from */
	const char *timings_path; /* when set, timings are written there */
	int64_t started_ns; /* CLOCK_MONOTONIC when the command started (0: now) */
};

/* What a session did, for the caller (and the summary it printed). */
struct session_result {
	size_t answers;     /* answers recorded (undone ones not counted) */
	size_t cards;       /* distinct cards answered */
	size_t right_first; /* cards whose first answer was Good or Easy */
	int quit;           /* ended by :quit or end of input, not by running out */
};

/*
 * Runs a session to its end (queue empty, :quit, end of input) and prints
 * the summary.  Returns 0, SWOT_ENOTFOUND for an unknown deck, or another
 * negative SWOT_E* when the store fails (SWOT_EBUSY when another swot held
 * the database beyond the busy timeout and retries); what was answered
 * before then is kept.  result may be NULL.
 */
int session_run(const struct session_opts *o, struct session_result *result,
		struct swot_err *err);

/* What a session says it asks of a card of type t, after the question:
 * "recall", "fill the gaps" ... (swot preview shows it too). */
const char *session_card_label(enum deck_card_type t);

/* Monotonic nanoseconds, for started_ns. */
int64_t session_clock_ns(void);

#endif
