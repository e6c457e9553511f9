/*
 * store.h: the student's SQLite store.  Only store*.c include sqlite3; the
 * handle is opaque and statements stay inside.  Every function that writes
 * does so in one transaction: it either happens whole or not at all.
 */
#ifndef SWOT_STORE_H
#define SWOT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "swot/deck.h"
#include "swot/fsrs.h"
#include "swot/history.h"
#include "swot/revlog.h"
#include "swot/util.h"

struct store;

/* How long a statement waits for another swot's lock, by default. */
#define SWOT_STORE_BUSY_TIMEOUT_MS 5000

/* ---- opening (store.c) ---- */

/*
 * Opens the store at path, creating it (and its folder) when missing, and
 * migrating it to the latest schema.  Before migrating a database that
 * already holds data, a copy is written to "<path>.bak-v<N>".  A database
 * written by a newer swot is refused with SWOT_ENEWER.  On success *out is
 * a new handle the caller closes with store_close.
 */
int store_open(const char *path, struct store **out, struct swot_err *err);

/* What a command does with the store. */
enum store_mode {
	STORE_WRITE, /* may write: the file and its folder must be writable */
	STORE_READ   /* only reads: a store swot may not write is opened read-only */
};

/*
 * store_open, for a command that only reads when mode is STORE_READ: a
 * database whose file or folder swot may not write is then opened
 * read-only (as immutable when its WAL index cannot be made), provided it
 * is a swot database at the latest schema.  With STORE_WRITE (store_open)
 * a read-only file or folder is refused with a message saying which.
 * Only an empty file or a database swot wrote is opened for writing;
 * another program's database is refused and left byte for byte as it is.
 */
int store_open_mode(const char *path, enum store_mode mode, struct store **out,
		    struct swot_err *err);
void store_close(struct store *s);

/* How long a statement waits for another swot's lock before SWOT_EBUSY
 * (5000 ms when opened). */
void store_set_busy_timeout(struct store *s, int ms);

/* The path the store was opened with (owned by the store). */
const char *store_path(const struct store *s);

/* The schema version this swot writes (the number of migrations). */
int store_schema_version(void);

/* Whether the store holds no deck yet. */
int store_is_empty(struct store *s, int *empty, struct swot_err *err);

/* ---- importing decks (store_import.c) ---- */

/* What an import did to one deck's cards. */
struct store_import_counts {
	char *deck_id;    /* owned */
	int created_deck; /* the deck was new to the store */
	size_t new_cards, updated, unchanged, retired;
	size_t revived;       /* retired cards back in the deck, history kept */
	size_t notes_updated; /* notes whose own content was edited (their
			       * note_hash changed; for a note stored before
			       * notes had a hash: an updated card or a new
			       * name), not those whose cards only show
			       * another note's edit */
};

/*
 * Imports n decks in one transaction: cards are matched by stable id; new
 * ones are added (state New, due at now, in deck order), changed ones
 * updated (schedule and history kept), ones gone from the deck retired
 * (kept, no longer shown); a retired card that comes back is revived with
 * its history.  Each new card, update, retirement and revival is counted
 * once (new + updated + unchanged + revived is the deck's card count).
 * A deck whose import changes something gets a row in the import log and
 * its title, version, source (d->path) and imported_at set; an import that
 * changes nothing writes nothing.  The decks must have distinct ids
 * (SWOT_EINVAL).  counts gets n entries (caller's array) the caller
 * releases with store_import_counts_release each.  On failure nothing is
 * written.
 */
int store_import(struct store *s, struct deck *const *decks, size_t n,
		 int64_t now, struct store_import_counts *counts,
		 struct swot_err *err);
void store_import_counts_release(struct store_import_counts *c);

/* ---- deck summaries (store_import.c) ---- */

struct store_deck_info {
	char *id, *title, *version; /* owned */
	size_t n_new, n_learning, n_review, n_relearning; /* live cards by state */
	size_t n_retired;
	size_t total;     /* live cards */
	size_t n_suspended; /* live cards set aside (counted in no state above) */
	char *source;       /* the file last imported from; owned, may be NULL */
	int64_t updated_at; /* Unix seconds of the last import that changed it */
};

/* Every deck in the store with a live card (a removed deck has none), by
 * id.  *out is an array of *n entries the caller frees with
 * store_deck_info_free.  What is due is queue_today's (queue.h): the
 * one definition. */
int store_list_decks(struct store *s, struct store_deck_info **out, size_t *n,
		     struct swot_err *err);

/* Removes deck from what swot asks and counts: its notes and cards are
 * retired, as an import retires what a deck no longer has, in one
 * transaction; their history stays, and importing the deck again revives
 * them.  *n gets the cards retired.  SWOT_ENOTFOUND for an unknown deck. */
int store_deck_remove(struct store *s, const char *deck, size_t *n,
		      struct swot_err *err);
void store_deck_info_free(struct store_deck_info *d, size_t n);

/* ---- cards (store_card.c) ---- */

/* A card as stored: its content, its FSRS state and its place. */
struct store_card {
	int64_t id;       /* the row id */
	char *deck_id;    /* the deck's id (slug); owned */
	struct deck_card c; /* content; c.id is the stable "<note>/<variant>" */
	struct fsrs_card f; /* FSRS state */
	int64_t buried_until; /* learning day number it is hidden until (:skip) */
	int retired;
	int position;     /* order within its deck */
	int suspended;    /* set aside: never asked until unsuspended */
};

/* Frees what c owns (not c itself). */
void store_card_release(struct store_card *c);

/* Loads the live (not retired) cards of deck, or of every deck when deck
 * is NULL, in deck then position order.  *out is an array of *n cards the
 * caller frees with store_cards_free.  An unknown deck is SWOT_ENOTFOUND.
 * Every card in memory at once: store_cards_walk goes through them one
 * at a time. */
int store_cards_load(struct store *s, const char *deck,
		     struct store_card **out, size_t *n, struct swot_err *err);

/* Called once per card; returns non-zero to stop the walk.  c is the
 * walk's: fn may keep what it owns by moving it out and zeroing c, else
 * it is freed after the call. */
typedef int (*store_card_fn)(void *ctx, struct store_card *c);

/* Walks the cards store_cards_load loads, in the same order, one at a
 * time, calling fn for each until it returns non-zero (which it
 * returns): memory holds one card, whatever the collection's size.  An
 * unknown deck is SWOT_ENOTFOUND. */
int store_cards_walk(struct store *s, const char *deck, store_card_fn fn, void *ctx,
		     struct swot_err *err);

struct store_memory_row;

/* What the reports read of a card: what it is about and its schedule,
 * none of the text it is asked with. */
struct store_card_brief {
	int64_t id;          /* the row id */
	const char *key;     /* the stable "<note>/<variant>", as it may be printed */
	enum deck_note_kind kind;
	const struct strlist *tags, *themes; /* as in struct deck_card */
	struct fsrs_card f;
	int position;        /* order within its deck (with id: deck order) */
	uint64_t hash;       /* of its content, as deck_card's */
	const char *note;    /* the note's id, as it may be printed */
	enum deck_card_type type;
	/* store_cards_walk_log's: every answer to the card, oldest first
	 * (by time, then as recorded); else NULL and 0 */
	const struct store_memory_row *log;
	size_t n_log;
};

/* Called once per card; returns non-zero to stop the walk. */
typedef int (*store_brief_fn)(void *ctx, const struct store_card_brief *c);

/* Walks the live cards of deck (a slug) in deck order (by position,
 * then id, as store_cards_load), calling fn for each until it returns
 * non-zero.  c and what
 * it points to are the walk's, valid during the call only: nothing is
 * allocated per card, so a deck of any size costs the same memory.  An
 * unknown deck is SWOT_ENOTFOUND. */
int store_cards_walk_brief(struct store *s, const char *deck, store_brief_fn fn,
			   void *ctx, struct swot_err *err);
/* The same, each card with its log, read beside the cards in one pass:
 * memory holds one card's answers at a time. */
int store_cards_walk_log(struct store *s, const char *deck, store_brief_fn fn, void *ctx,
			 struct swot_err *err);
void store_cards_free(struct store_card *cards, size_t n);

/* Loads one card by row id into *out (released by the caller). */
int store_card_get(struct store *s, int64_t id, struct store_card *out,
		   struct swot_err *err);

/* Whether a deck with this id exists (SWOT_ENOTFOUND with a message
 * naming the decks there are, when not). */
int store_deck_check(struct store *s, const char *deck, struct swot_err *err);

/* ---- reviews and the queue (store_review.c) ---- */

/* What the queue needs of a card: no content, only its place. */
struct store_queue_row {
	int64_t card_id;
	int64_t note_id;
	int64_t due;          /* Unix seconds */
	enum fsrs_state state;
	int position;
};

/* Which cards store_queue_scan walks. */
enum store_queue_scan {
	STORE_SCAN_LEARNING, /* learning and relearning, due before `before`, by due */
	STORE_SCAN_REVIEW,   /* review cards due before `before`, by due */
	STORE_SCAN_NEW       /* new cards, by position */
};

/* Called once per row; returns non-zero to stop the walk early. */
typedef int (*store_queue_fn)(void *ctx, const struct store_queue_row *row);

/*
 * Walks the live cards of one deck (by slug) of the given kind that are
 * not buried on learning day `today` (buried_until <= today), calling fn
 * for each in order until fn returns non-zero or the rows run out.  Only
 * the rows walked are read, through an index, so stopping early is cheap.
 */
int store_queue_scan(struct store *s, const char *deck,
		     enum store_queue_scan kind, int64_t today, int64_t before,
		     store_queue_fn fn, void *ctx, struct swot_err *err);

/* One answer given since some time (drill answers are left out). */
struct store_answered_row {
	int64_t card_id;
	int64_t note_id;
	enum fsrs_state state_before;
	int is_review;    /* kind 'review' */
	const char *deck; /* the card's deck (slug); valid during the call */
};
typedef void (*store_answered_fn)(void *ctx, const struct store_answered_row *row);

/* Calls fn for every non-drill answer at or after since (the start of the
 * learning day) to a card of deck, or of every deck when deck is NULL,
 * oldest first.  One walk of the day's rows whatever the number of decks. */
int store_answered_since(struct store *s, const char *deck, int64_t since,
			 store_answered_fn fn, void *ctx, struct swot_err *err);

/* The number of live new cards of deck in *n. */
int store_count_new(struct store *s, const char *deck, size_t *n,
		    struct swot_err *err);

/* The number of live studied cards of deck (every deck when NULL) due
 * before `before`, in *n. */
int store_count_due(struct store *s, const char *deck, int64_t before,
		    size_t *n, struct swot_err *err);

/* The slugs of every deck, sorted, appended to out. */
int store_deck_slugs(struct store *s, struct strlist *out,
		     struct swot_err *err);

/* The slugs of the decks with a live card (the decks store_list_decks
 * gives), sorted, appended to out. */
int store_live_deck_slugs(struct store *s, struct strlist *out, struct swot_err *err);

/* The tags and theme ids of deck's live cards, each once, appended to
 * out (what drill --tag takes). */
int store_deck_tags(struct store *s, const char *deck, struct strlist *out,
		    struct swot_err *err);

/* The deck's live character names and their aliases, appended to out
 * (for name completion and as rivals when checking who-said answers). */
int store_character_names(struct store *s, const char *deck,
			  struct strlist *out, struct swot_err *err);

/* One answer as the review log keeps it. */
struct store_answer {
	int64_t card_id;
	int64_t time;             /* Unix seconds */
	enum fsrs_rating rating;
	int drill;                /* practice: log only, the card is untouched */
	enum fsrs_state state_before; /* set by store_record_answer */
	int elapsed_days;
	int scheduled_days;
	double stability, difficulty; /* after the answer */
	int64_t duration_ms;
	int leech_lapses;         /* a lapse that brings the card to this many
				     lapses suspends it (0: never) */
	int suspended;            /* set by store_record_answer: this answer
				     made the card a leech and suspended it */
	int replay;   /* an answer kept while the database was held: when the
		       * card already has a review at this time, it was saved
		       * after all and nothing is written (*review_id = 0) */
};

/* Called by store_record_answer inside its transaction with the card's
 * state as stored at that moment: fills *after (the card's new state)
 * and a's elapsed_days, scheduled_days, stability and difficulty.
 * Returns 0 or a negative SWOT_E* (with err set), which rolls back. */
typedef int (*store_schedule_fn)(void *ctx, const struct fsrs_card *current,
				 struct fsrs_card *after, struct store_answer *a,
				 struct swot_err *err);

/*
 * Records an answer in one transaction: reads the card's current state
 * (into *before), lets schedule compute the new one, then writes the
 * review row (kind learn, review or relearn from the state before, or
 * drill) and, unless a->drill, the card's new state (*after).  Because
 * the state is read inside the transaction, two swots answering one card
 * both count.  *review_id gets the row's id for store_undo_answer.  A
 * database held by another swot beyond the busy timeout gives SWOT_EBUSY
 * and nothing is written.
 */
int store_record_answer(struct store *s, struct store_answer *a,
			store_schedule_fn schedule, void *ctx,
			struct fsrs_card *before, struct fsrs_card *after,
			int64_t *review_id, struct swot_err *err);

/*
 * Undoes a recorded answer in one transaction: deletes review row
 * review_id and, when before is not NULL, puts the card's state back to
 * *before exactly.  When before is not NULL and the card has been
 * answered since (by another swot), nothing changes: SWOT_EINVAL.
 */
int store_undo_answer(struct store *s, int64_t card_id, int64_t review_id,
		      const struct fsrs_card *before, struct swot_err *err);


/* Hides a card until learning day `until` (:skip). */
int store_card_bury(struct store *s, int64_t card_id, int64_t until,
		    struct swot_err *err);

/* A card drill may ask, with what ranks it. */
struct store_drill_row {
	int64_t card_id;
	int64_t note_id;
	enum fsrs_state state;
	double stability;
	int64_t last_review;
};

/*
 * The live cards of deck for a drill, filtered by tag (or theme id) when
 * tag is not NULL and by note kind ("quote", "character", "theme",
 * "card") when kind is not NULL.  *out is an array of *n rows the caller
 * frees.
 */
int store_drill_cards(struct store *s, const char *deck, const char *tag,
		      const char *kind, struct store_drill_row **out,
		      size_t *n, struct swot_err *err);

/* Called with each card's FSRS state and whether it is suspended; returns
 * non-zero to stop. */
typedef int (*store_state_fn)(void *ctx, const struct fsrs_card *f, int suspended);

/* Walks every live card of deck (of every deck when NULL), new ones
 * included, in no particular order, from an index: f has state, due,
 * last_review and stability set, the rest zero.  *n_live gets the number
 * of cards walked. */
int store_card_states(struct store *s, const char *deck, store_state_fn fn,
		      void *ctx, size_t *n_live, struct swot_err *err);

/* The write-ahead log is checkpointed (copied into the database, with an
 * fsync) once it holds this many pages. */
#define STORE_IDLE_CHECKPOINT_FRAMES 1000

/*
 * For an interactive session: SQLite no longer checkpoints inside a
 * commit (which would hold up an answer); the session calls store_idle
 * while it waits for the student instead.
 */
void store_defer_checkpoints(struct store *s);

/* Checkpoints the write-ahead log when it has grown past
 * STORE_IDLE_CHECKPOINT_FRAMES, without waiting for readers. */
void store_idle(struct store *s);

/* ---- settings (store_settings.c) ---- */

/* One stored setting: scope "" is global, else a deck's id (slug). */
struct store_setting {
	char *scope, *key, *value; /* owned */
};

/* The value of key in scope into *value (a new string the caller frees),
 * or NULL when it is not set there. */
int store_setting_get(struct store *s, const char *scope, const char *key,
		      char **value, struct swot_err *err);

/* Sets key to value in scope (one transaction), replacing any value. */
int store_setting_set(struct store *s, const char *scope, const char *key,
		      const char *value, struct swot_err *err);

/* Removes key from scope; *removed (when not NULL) says whether it was
 * there. */
int store_setting_unset(struct store *s, const char *scope, const char *key,
			int *removed, struct swot_err *err);

/* The settings of scope, or of every scope when scope is NULL, by scope
 * then key.  *out is an array of *n the caller frees with
 * store_settings_free. */
int store_settings_list(struct store *s, const char *scope,
			struct store_setting **out, size_t *n,
			struct swot_err *err);
void store_settings_free(struct store_setting *v, size_t n);

/* ---- what stats and readiness read (store_stats.c) ---- */

/* What an answer in the review log was. */
enum store_log_kind {
	STORE_LOG_LEARN,
	STORE_LOG_REVIEW,
	STORE_LOG_RELEARN,
	STORE_LOG_DRILL
};

/* Its name, as the review log's kind column holds it: "learn", "review",
 * "relearn" or "drill". */
const char *store_log_kind_name(enum store_log_kind k);

/* One answer from the review log. */
struct store_log_row {
	int64_t card_id;
	int64_t time;       /* Unix seconds */
	int rating;         /* 1..4 */
	enum store_log_kind kind;
	int state_before;   /* enum fsrs_state */
	int64_t duration_ms;
};

/* Called with each row of the review log; returns non-zero to stop. */
typedef int (*store_log_fn)(void *ctx, const struct store_log_row *r);

/* Walks the answers given since `since` (Unix seconds) to the cards of
 * deck (of every deck when NULL), retired cards included, in time order,
 * calling fn for each: one pass over an index, nothing held in memory.
 * For the whole log of a deck (since INT64_MIN) the deck's cards are
 * gathered first; from any other time each answer's card is looked up,
 * which is cheaper for the last weeks' answers.  SWOT_ENOTFOUND for an
 * unknown deck. */
int store_review_walk(struct store *s, const char *deck, int64_t since,
		      store_log_fn fn, void *ctx, struct swot_err *err);

/* The live themes of deck in deck order: ids and names get one entry
 * each (appended). */
int store_deck_themes(struct store *s, const char *deck, struct strlist *ids,
		      struct strlist *names, struct swot_err *err);

/* The title of deck, a new string the caller frees. */
int store_deck_title(struct store *s, const char *deck, char **title,
		     struct swot_err *err);

/* ---- exams (store_exam.c) ---- */

/* A deck's exam. */
struct store_exam {
	char *deck_id; /* the deck's slug; owned */
	char *title;   /* the deck's title; owned */
	int64_t at;    /* Unix seconds */
};

/* Sets (or moves) the exam of deck to at.  An unknown deck is
 * SWOT_ENOTFOUND. */
int store_exam_set(struct store *s, const char *deck, int64_t at,
		   struct swot_err *err);

/* Removes the exam of deck; *cleared (when not NULL) says whether there
 * was one.  An unknown deck is SWOT_ENOTFOUND. */
int store_exam_clear(struct store *s, const char *deck, int *cleared,
		     struct swot_err *err);

/* The exam of deck: *found is 1 and *at its time, or *found is 0.  An
 * unknown deck is SWOT_ENOTFOUND. */
int store_exam_get(struct store *s, const char *deck, int64_t *at, int *found,
		   struct swot_err *err);

/* Every exam set, soonest first.  *out is an array of *n entries the
 * caller frees with store_exams_free. */
int store_exam_list(struct store *s, struct store_exam **out, size_t *n,
		    struct swot_err *err);
void store_exams_free(struct store_exam *e, size_t n);

/* ---- importing review histories (store_history.c) ---- */

/* What an import of a review history did. */
struct store_history_counts {
	size_t rows;          /* rows read */
	size_t added;         /* answers added to swot's cards */
	size_t present;       /* answers already in the log (re-imported) */
	size_t not_answers;   /* manual reschedules and rating-0 rows: no answer */
	size_t unknown;       /* answers to cards swot does not have */
	size_t unknown_cards; /* how many such cards */
	size_t cards;         /* cards whose memory state was recomputed */
};

/* Called once per card that gained answers, inside the import's
 * transaction, with the card's deck and its whole history (time, rating
 * and drill set), oldest first: fills each answer's outcome and *card,
 * the card's state after them (history_replay).  Returns 0 or a negative
 * SWOT_E* with err set, which rolls the import back. */
typedef int (*store_replay_fn)(void *ctx, const char *deck, int64_t card_id,
			       struct history_answer *a, size_t n,
			       struct fsrs_card *card, struct swot_err *err);

/*
 * Adds the answers of rows (card_id a card's row id, as export-reviews
 * writes it) to the review log in one transaction, then recomputes the
 * memory state of every card that gained one by replaying its history
 * through replay, rewriting what each of its answers did and the card's
 * schedule.  An answer already in the log (same card, second and rating)
 * is not added again; rows that are not answers (revlog_is_answer) and
 * answers to cards the store does not have are counted, not added.
 * Filtered/cram rows (state 4) are added as drill.  On failure nothing is
 * written.
 */
int store_import_history(struct store *s, const struct revlog_row *rows,
			 size_t n, store_replay_fn replay, void *ctx,
			 struct store_history_counts *counts,
			 struct swot_err *err);

/* The row id of the card whose stable id ("<note>/<variant>") is key, in
 * any deck (the oldest card when several decks hold it), in *id; 0 when
 * no card has it. */
int store_card_id_by_key(struct store *s, const char *key, int64_t *id,
			 struct swot_err *err);

/*
 * Sets key to value in scope ("" global, else a deck's id), then
 * recomputes the memory state of every card of deck (every deck when
 * NULL) that has answers by replaying its history through replay (which
 * sees the new setting), all in one transaction: new weights and the
 * states they give, or neither.  *n_cards gets the number of cards.
 */
int store_set_and_replay(struct store *s, const char *scope, const char *key,
			 const char *value, const char *deck,
			 store_replay_fn replay, void *ctx, size_t *n_cards,
			 struct swot_err *err);

/* ---- card controls (store_card.c) ---- */

/* The live cards id names into *ids (*n of them; the caller frees *ids):
 * a card's row id, its key ("weeping/cloze") or a note's key ("weeping",
 * every card of the note), each optionally after "DECK:".  None is
 * SWOT_ENOTFOUND with a message naming id. */
int store_cards_find(struct store *s, const char *id, int64_t **ids, size_t *n,
		     struct swot_err *err);

/* Suspends (or, with suspended 0, unsuspends) cards ids[0..n) in one
 * transaction; *changed gets how many changed. */
int store_cards_suspend(struct store *s, const int64_t *ids, size_t n, int suspended,
			size_t *changed, struct swot_err *err);

/* Resets cards ids[0..n) to new, in one transaction: their memory and
 * schedule are forgotten (not suspended, not buried), their history kept. */
int store_cards_forget(struct store *s, const int64_t *ids, size_t n,
		       struct swot_err *err);

/* One answer of a card's history. */
struct store_review {
	int64_t time;
	int rating;
	enum store_log_kind kind;
	int elapsed_days, scheduled_days;
	double stability, difficulty; /* after the answer */
	int64_t duration_ms;
};

/* Every answer given to card id, oldest first; *out is the caller's to
 * free. */
int store_card_reviews(struct store *s, int64_t id, struct store_review **out,
		       size_t *n, struct swot_err *err);

/* ---- what a progress file tells a teacher (store_progress.c) ---- */

/* This database's student id (32 random hex digits, made once by the
 * migration that added it), a new string the caller frees. */
int store_student_id(struct store *s, char **out, struct swot_err *err);

/* The live characters of deck in deck order: ids and names get one entry
 * each (appended).  An unknown deck is SWOT_ENOTFOUND. */
int store_deck_characters(struct store *s, const char *deck, struct strlist *ids,
			  struct strlist *names, struct swot_err *err);

/* Who speaks each quote of deck that has a speaker: quotes gets the
 * quote's id and speakers the character's id, one entry each (appended),
 * by quote id. */
int store_quote_speakers(struct store *s, const char *deck, struct strlist *quotes,
			 struct strlist *speakers, struct swot_err *err);

/* One answer with the memory it left. */
struct store_memory_row {
	int64_t card_id;   /* the card's row id (struct store_card.id) */
	int64_t time;      /* Unix seconds */
	int rating;        /* 1..4 */
	enum store_log_kind kind;
	double stability;  /* after the answer (a drill leaves it as it was) */
};

/* Calls fn for every answer to a live card of deck, by card row id then
 * time; stops with fn's non-zero return (which it returns). */
int store_card_memory_log(struct store *s, const char *deck,
			  int (*fn)(void *ctx, const struct store_memory_row *r),
			  void *ctx, struct swot_err *err);

/* ---- what swot sync has sent to a school's server (store_sync.c) ---- */

/* The last sync. */
struct store_sync_state {
	char *server;         /* its URL without password; owned; NULL: never */
	int64_t reviews_sent; /* every review up to this id is on the server */
	int64_t undone;       /* answers undone so far (see store_sync_mark) */
	int64_t synced_at;    /* Unix seconds */
};
void store_sync_state_release(struct store_sync_state *st);

/* The last sync into *out (zeroed, server NULL, before the first). */
int store_sync_get(struct store *s, struct store_sync_state *out,
		   struct swot_err *err);

/*
 * Records a sync with server at now: every review up to reviews_sent is
 * on it, unless an answer has been undone since undone was read (its id
 * may since be another answer's): then the mark stays where the undo put
 * it, and the next sync sends those reviews again (the server keeps each
 * once).  A sync with another server than the last starts from 0.
 */
int store_sync_mark(struct store *s, const char *server, int64_t reviews_sent,
		    int64_t undone, int64_t now, struct swot_err *err);

/* One answer for the server: its row id, deck and card ids, and all it
 * recorded. */
struct store_sync_review {
	int64_t id;
	const char *deck, *card; /* valid during the call */
	int64_t time;
	int rating;
	const char *kind;        /* "learn", "review", "relearn", "drill" */
	int state_before, elapsed_days, scheduled_days;
	double stability, difficulty;
	int64_t duration_ms;
};

/* Calls fn for every review with a row id above after, by id, from one
 * read of the log; stops with fn's non-zero return (which it returns). */
int store_sync_reviews(struct store *s, int64_t after,
		       int (*fn)(void *ctx, const struct store_sync_review *r),
		       void *ctx, struct swot_err *err);

/* One live card's memory for the server. */
struct store_sync_card {
	const char *deck, *card; /* valid during the call */
	struct fsrs_card f;
};

/* Calls fn for every live card of every deck, by deck and card. */
int store_sync_cards(struct store *s,
		     int (*fn)(void *ctx, const struct store_sync_card *c),
		     void *ctx, struct swot_err *err);

/* The version of deck last received from class cls in *version (0:
 * never). */
int store_sync_deck_version(struct store *s, const char *cls, const char *deck,
			    int *version, struct swot_err *err);

/* Records that version of deck was received from class cls. */
int store_sync_deck_set(struct store *s, const char *cls, const char *deck,
			int version, struct swot_err *err);

#endif
