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

/* Binds a string or NULL. */
int store_bind_text(sqlite3_stmt *st, int i, const char *s);
/* A column's text as a new string (NULL for SQL NULL); caller frees. */
char *store_column_dup(sqlite3_stmt *st, int i);

/* Writes a card's FSRS state (store_review.c); SWOT_ENOTFOUND when there
 * is no card id. */
int store_write_card_state(struct store *s, int64_t id,
			   const struct fsrs_card *f, struct swot_err *err);

#endif
