/*
 * store_int.h: what the store's own files share.  Never included outside
 * store*.c.
 */
#ifndef SWOT_STORE_INT_H
#define SWOT_STORE_INT_H

#include <sqlite3.h>

#include "swot/store.h"

/* The separator of list columns (answers, accept, options, tags ...). */
#define STORE_LIST_SEP '\x1f'

/*
 * The queries of the commands that look back over the whole history
 * (stats, readiness, report, export-reviews, the session's header).  Each
 * is one pass over a covering index, in the order wanted: never a lookup
 * into a table per row, never a sort.  tests/unit/test_store_plan.c holds
 * them to that with EXPLAIN QUERY PLAN.
 */
/* The review log in time order; ?1 since, ?2 the deck's slug. */
#define STORE_SQL_REVIEW_WALK                                                   \
	"SELECT card_id, time, rating, kind, state_before, duration_ms "        \
	"FROM review WHERE time >= ?1 ORDER BY time, id"
/* The unary + keeps SQLite from walking review_card card by card instead,
 * which would need a sort afterwards. */
#define STORE_SQL_REVIEW_WALK_DECK                                              \
	"SELECT card_id, time, rating, kind, state_before, duration_ms "        \
	"FROM review WHERE time >= ?1 AND +card_id IN "                         \
	"(SELECT id FROM card WHERE deck_id = "                                 \
	"(SELECT id FROM deck WHERE slug = ?2)) ORDER BY time, id"
/* The same from a recent time (the last weeks: a few thousand answers at
 * most): each answer's card is looked up, where the query above first
 * gathers every card of the deck. */
#define STORE_SQL_REVIEW_RECENT_DECK                                            \
	"SELECT card_id, time, rating, kind, state_before, duration_ms "        \
	"FROM review r WHERE time >= ?1 AND EXISTS (SELECT 1 FROM card c "      \
	"WHERE c.id = r.card_id AND c.deck_id = "                               \
	"(SELECT id FROM deck WHERE slug = ?2)) ORDER BY time, id"
/* The live cards' schedules; ?1 the deck's slug. */
#define STORE_SQL_CARD_STATES                                                   \
	"SELECT state, due, last_review, stability, suspended FROM card "       \
	"WHERE retired = 0"
#define STORE_SQL_CARD_STATES_DECK                                              \
	"SELECT state, due, last_review, stability, suspended FROM card "       \
	"WHERE deck_id = (SELECT id FROM deck WHERE slug = ?1) AND retired = 0"
/* What readiness reads of a deck's live cards; ?1 the deck's slug.  Not
 * covering (a card's tags and themes are in the table), but a search of
 * the deck's own cards, in deck order as card_order holds them: never a
 * sort (a sorter spilling to disk cost as much as reading them). */
#define STORE_SQL_CARDS_BRIEF                                                   \
	"SELECT c.id, c.key, n.kind, c.tags, c.themes, c.state, c.step, "       \
	"c.stability, c.difficulty, c.due, c.last_review, c.scheduled_days, "   \
	"c.reps, c.lapses, c.position, c.hash, n.key, c.type "                  \
	"FROM card c JOIN note n ON n.id = c.note_id "                          \
	"WHERE c.deck_id = (SELECT id FROM deck WHERE slug = ?1) AND c.retired = 0 " \
	"ORDER BY c.position, c.id"

/* A card's columns, in the order read_card (store_card.c) reads them,
 * from card c, deck d and note n. */
#define STORE_SQL_CARD_COLUMNS                                                  \
	"SELECT c.id, d.slug, c.key, n.key, c.variant, n.kind, c.type, "        \
	"c.prompt, c.explain, c.answers, c.accept, c.options, c.correct, "      \
	"c.tags, c.themes, c.hash, c.state, c.step, c.stability, c.difficulty, " \
	"c.due, c.last_review, c.scheduled_days, c.reps, c.lapses, "            \
	"c.buried_until, c.retired, c.position, c.suspended "
/* The live cards of deck ?1 (every deck when NULL) in deck order: the
 * decks by slug, each deck's cards from card_order, already by position
 * and id, so 200,000 cards are never sorted (the CROSS JOINs keep the
 * loops in that order). */
#define STORE_SQL_CARDS_WALK                                                    \
	STORE_SQL_CARD_COLUMNS                                                  \
	"FROM deck d CROSS JOIN card c ON c.deck_id = d.id "                    \
	"JOIN note n ON n.id = c.note_id "                                      \
	"WHERE c.retired = 0 AND (?1 IS NULL OR d.slug = ?1) "                  \
	"ORDER BY d.slug, c.position, c.id"
/* Every answer to those cards in the same order, then by time and id:
 * review_card holds what is read, each card's answers in that order. */
#define STORE_SQL_CARDS_LOG                                                     \
	"SELECT c.id, r.time, r.rating, r.kind, r.stability "                   \
	"FROM deck d CROSS JOIN card c ON c.deck_id = d.id "                    \
	"CROSS JOIN review r ON r.card_id = c.id "                              \
	"WHERE c.retired = 0 AND (?1 IS NULL OR d.slug = ?1) "                  \
	"ORDER BY d.slug, c.position, c.id, r.time, r.id"

/* Every deck's cards counted by retired and state (swot decks): a few
 * rows from one pass over card_memory, in its order, never the table. */
#define STORE_SQL_DECK_COUNTS                                                   \
	"SELECT deck_id, retired, state, count(*), sum(suspended) "             \
	"FROM card GROUP BY deck_id, retired, state"
/* Who speaks each quote of deck ?1.  The store keeps no speaker id: a
 * quote's "speaker" card answers with the character's name, which names
 * one character note, found through note_name. */
#define STORE_SQL_QUOTE_SPEAKERS                                                \
	"SELECT q.key, ch.key FROM card sp "                                    \
	"JOIN deck d ON d.id = sp.deck_id "                                     \
	"JOIN note q ON q.id = sp.note_id AND q.kind = 'quote' "                \
	"JOIN note ch ON ch.deck_id = sp.deck_id AND ch.kind = 'character' "    \
	"  AND ch.retired = 0 AND ch.name = sp.answers "                        \
	"WHERE d.slug = ?1 AND sp.variant = 'speaker' AND sp.retired = 0 "      \
	"ORDER BY q.key"

/* A 64 MB page cache for a transaction that rewrites much of the store,
 * *old the size store_cache_restore goes back to (store.c says why). */
void store_cache_for_rewrite(struct store *s, int64_t *old);
void store_cache_restore(struct store *s, int64_t old);

struct store {
	sqlite3 *db;
	char *path;
	int wal_frames; /* frames in the WAL, once store_defer_checkpoints */
};

/* Sets err from the connection's last error: "<what>: <sqlite message>".
 * Returns SWOT_EBUSY when the database was locked, else SWOT_EDB. */
int store_db_error(struct store *s, struct swot_err *err, const char *what);

/* Prepares sql; on failure fills err and returns non-zero. */
int store_prepare(struct store *s, const char *sql, sqlite3_stmt **st,
		  struct swot_err *err);

/* Runs sql (no parameters, no rows). */
int store_exec(struct store *s, const char *sql, struct swot_err *err);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK.  store_begin waits out the busy
 * timeout, then fails with SWOT_EBUSY and a message naming the database. */
int store_begin(struct store *s, struct swot_err *err);
int store_commit(struct store *s, struct swot_err *err);
void store_rollback(struct store *s);
/* Ends the transaction store_begin opened, finalizing st (may be NULL)
 * first: commits when rc is 0, else rolls back.  Returns rc, or the
 * commit's error. */
int store_end(struct store *s, sqlite3_stmt *st, int rc, struct swot_err *err);

/* The kind of a review row from its kind column ("learn", "review",
 * "relearn", "drill"). */
enum store_log_kind store_log_kind_of(const char *k);
/* The kind of an answer given in state before, or of a drill. */
enum store_log_kind store_log_kind_for(int drill, enum fsrs_state before);

/* Reads a card's FSRS state from nine columns from col on: state, step,
 * stability, difficulty, due, last_review, scheduled_days, reps, lapses
 * (the card table's order).  A state swot does not know reads as new. */
void store_column_fsrs(sqlite3_stmt *st, int col, struct fsrs_card *f);

/* Ends a read of st's rows that stopped at step, with rc a row's
 * callback's return: finalizes st and returns rc, or, when SQLite failed
 * (step neither SQLITE_DONE, every row read, nor SQLITE_ROW, the reader
 * stopped early or wanted one row), its error as "what: ...". */
int store_rows_end(struct store *s, sqlite3_stmt *st, int step, int rc,
		   const char *what, struct swot_err *err);
/* Runs st, a statement that gives no rows, and finalizes it: 0, or
 * SQLite's error as "what: ...". */
int store_step_done(struct store *s, sqlite3_stmt *st, const char *what,
		    struct swot_err *err);

/* Binds a string or NULL. */
int store_bind_text(sqlite3_stmt *st, int i, const char *s);
/* A column's text as a new string (NULL for SQL NULL); caller frees. */
char *store_column_dup(sqlite3_stmt *st, int i);

/* Writes a card's FSRS state (store_review.c); SWOT_ENOTFOUND when there
 * is no card id. */
int store_write_card_state(struct store *s, int64_t id,
			   const struct fsrs_card *f, struct swot_err *err);
/* The statement that writes a card's FSRS columns (store_write_card_state
 * prepares it for one card; a loop over many prepares it once), and one
 * write of card id's from f through it. */
int store_card_state_prepare(struct store *s, sqlite3_stmt **st, struct swot_err *err);
int store_card_state_write(struct store *s, sqlite3_stmt *st, int64_t id,
			   const struct fsrs_card *f, struct swot_err *err);

/* ---- inserting many rows to a statement (store.c) ---- */

#define BATCH_ROWS 64

/* One value waiting to be bound. */
struct bval {
	const char *text; /* not owned, or owned when own is set */
	int64_t i;
	enum { BV_NULL, BV_INT, BV_TEXT } type;
	int own;
};

/* Rows of an INSERT waiting to be written, BATCH_ROWS to a statement:
 * per-statement work was most of the time of a plain row-by-row insert.
 * head is the statement up to VALUES; each row has cols values. */
struct store_batch {
	const char *head;
	const char *what; /* names the rows in an error: "cannot add ..." */
	int cols;
	sqlite3_stmt *full; /* BATCH_ROWS rows, prepared when first needed */
	struct bval *vals;  /* BATCH_ROWS * cols */
	int n;              /* values held */
};

void store_batch_init(struct store_batch *b, const char *head, int cols,
		      const char *what);
/* Drops the rows not written and the prepared statement. */
void store_batch_release(struct store_batch *b);
/* The next value of the row being filled: text (borrowed: it must live
 * until the rows are written; NULL binds NULL), text the batch frees, an
 * integer, or a list column (items joined by STORE_LIST_SEP). */
void store_batch_text(struct store_batch *b, const char *s);
void store_batch_owned(struct store_batch *b, char *s);
void store_batch_int(struct store_batch *b, int64_t v);
void store_batch_list(struct store_batch *b, const struct strlist *l);
/* Ends a row: writes the rows held when they fill a statement. */
int store_batch_row_done(struct store *s, struct store_batch *b, struct swot_err *err);
/* Writes the rows held. */
int store_batch_flush(struct store *s, struct store_batch *b, struct swot_err *err);

#endif
