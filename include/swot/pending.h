/*
 * pending.h: answers kept in a file beside the database while another swot
 * holds it, so that no graded answer is lost however long the lock lasts.
 * The file, "<database>.pending", gains a line per answer before the
 * session waits for the database, and is removed once they are all saved;
 * the next session saves what a quit or a kill left there (an answer that
 * was saved after all is recognised by its card and time and not saved
 * twice).
 */
#ifndef SWOT_PENDING_H
#define SWOT_PENDING_H

#include <stddef.h>

#include "swot/store.h"
#include "swot/util.h"

/* The pending file of the database at db_path; caller frees. */
char *pending_path(const char *db_path);

/* Appends a's card, time, rating, drill flag and duration to the file at
 * path and flushes it to the disk.  SWOT_EIO when it cannot. */
int pending_add(const char *path, const struct store_answer *a, struct swot_err *err);

/* Reads the answers in the file at path into *out (an array of *n the
 * caller frees; none when there is no file).  A line that cannot be read
 * (cut short by a kill while being written) is skipped. */
int pending_load(const char *path, struct store_answer **out, size_t *n,
		 struct swot_err *err);

/* Removes the file at path (no file is not an error). */
int pending_clear(const char *path, struct swot_err *err);

#endif
