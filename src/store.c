/*
 * store.c: opening the store, its pragmas and its migrations.
 *
 * Migrations are schema/NNNN_slug.sql, embedded in order.  Each runs in its
 * own transaction together with the bump of PRAGMA user_version, so a
 * database is always at exactly one version.  Before the first migration
 * on a database that already has data, a copy is written with VACUUM INTO.
 */
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "swot/embedded.h"

/* "swot" in ASCII: lets `file` and other tools tell a swot store. */
#define STORE_APPLICATION_ID 0x73776f74
#define STORE_BUSY_TIMEOUT_MS SWOT_STORE_BUSY_TIMEOUT_MS
#define STORE_PAGE_SIZE "16384"

int store_db_error(struct store *s, struct swot_err *err, const char *what)
{
	int ec = sqlite3_extended_errcode(s->db);
	int code = ((ec & 0xff) == SQLITE_BUSY || (ec & 0xff) == SQLITE_LOCKED)
			   ? SWOT_EBUSY
			   : SWOT_EDB;
	if (code == SWOT_EBUSY)
		return swot_err_set(err, code,
				    "%s: the database %s is in use by another swot; "
				    "try again when it has finished",
				    what, s->path);
	return swot_err_set(err, code, "%s: %s (%s)", what, sqlite3_errmsg(s->db),
			    s->path);
}

int store_rows_end(struct store *s, sqlite3_stmt *st, int step, int rc,
		   const char *what, struct swot_err *err)
{
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = store_db_error(s, err, what); /* before the finalize resets it */
	sqlite3_finalize(st);
	return rc;
}

int store_step_done(struct store *s, sqlite3_stmt *st, const char *what,
		    struct swot_err *err)
{
	int rc = sqlite3_step(st) == SQLITE_DONE ? SWOT_OK : store_db_error(s, err, what);
	sqlite3_finalize(st);
	return rc;
}

int store_prepare(struct store *s, const char *sql, sqlite3_stmt **st,
		  struct swot_err *err)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
		return store_db_error(s, err, "cannot prepare a query");
	return SWOT_OK;
}

int store_exec(struct store *s, const char *sql, struct swot_err *err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_db_error(s, err, "cannot update the database");
	return SWOT_OK;
}

int store_begin(struct store *s, struct swot_err *err)
{
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return store_db_error(s, err, "cannot start a transaction");
	return SWOT_OK;
}

int store_commit(struct store *s, struct swot_err *err)
{
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		int rc = store_db_error(s, err, "cannot commit");
		store_rollback(s);
		return rc;
	}
	return SWOT_OK;
}

void store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_end(struct store *s, sqlite3_stmt *st, int rc, struct swot_err *err)
{
	sqlite3_finalize(st);
	if (!rc)
		return store_commit(s, err);
	store_rollback(s);
	return rc;
}

int store_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (!s)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

char *store_column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

int store_schema_version(void)
{
	return (int)embedded_migrations_count;
}

static int pragma_int(struct store *s, const char *sql, int *out,
		      struct swot_err *err)
{
	sqlite3_stmt *st;
	int rc = store_prepare(s, sql, &st, err);
	if (rc)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
	} else {
		rc = store_db_error(s, err, "cannot read the database header");
	}
	sqlite3_finalize(st);
	return rc;
}

/* Creates the folders above path, as `mkdir -p` would. */
static int make_parent_dirs(const char *path, struct swot_err *err)
{
	char *dir = xstrdup(path);
	int rc = SWOT_OK;
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			rc = swot_err_set(err, SWOT_EIO, "cannot create %s: %s", dir,
					  strerror(errno));
			break;
		}
		*p = '/';
	}
	free(dir);
	return rc;
}

/* Whether path holds a whole copy of a database at schema version: a copy
 * cut short (an empty or truncated file left by a kill) is not one. */
static int backup_is_whole(const char *path, int version)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int whole = 0;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT (SELECT user_version FROM pragma_user_version),"
				   " (SELECT quick_check FROM pragma_quick_check)",
			       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		whole = sqlite3_column_int(st, 0) == version &&
			!strcmp((const char *)sqlite3_column_text(st, 1), "ok");
	sqlite3_finalize(st);
	sqlite3_close(db);
	return whole;
}

/* Flushes path's content to the disk, so a rename after it publishes a
 * whole file even across a power cut. */
static int sync_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

/* Keeps a copy of the database as it was before migrating from version
 * from.  The copy is written under a temporary name and renamed into
 * place only when whole, so a kill leaves no copy rather than a broken
 * one; a whole copy from an earlier attempt is kept, a broken one redone. */
static int backup_before_migrating(struct store *s, int from,
				   struct swot_err *err)
{
	char *bak = xasprintf("%s.bak-v%d", s->path, from);
	char *tmp = xasprintf("%s.tmp", bak);
	sqlite3_stmt *st = NULL;
	int rc = SWOT_OK;
	if (backup_is_whole(bak, from))
		goto out;
	/* VACUUM INTO refuses a file with content: a temporary copy left by
	 * a kill goes first. */
	if (unlink(tmp) != 0 && errno != ENOENT) {
		rc = swot_err_set(err, SWOT_EIO, "cannot remove %s: %s", tmp,
				  strerror(errno));
		goto out;
	}
	if ((rc = store_prepare(s, "VACUUM INTO ?1", &st, err)))
		goto out;
	sqlite3_bind_text(st, 1, tmp, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = store_db_error(s, err, "cannot keep a copy before upgrading");
		goto out;
	}
	if (sync_file(tmp) != 0 || rename(tmp, bak) != 0)
		rc = swot_err_set(err, SWOT_EIO,
				  "cannot keep a copy before upgrading: %s: %s", bak,
				  strerror(errno));
out:
	sqlite3_finalize(st);
	if (rc)
		unlink(tmp);
	free(tmp);
	free(bak);
	return rc;
}

static int migrate(struct store *s, struct swot_err *err)
{
	int version, rc;
	int latest = store_schema_version();
	if ((rc = pragma_int(s, "PRAGMA user_version", &version, err)))
		return rc;
	if (version > latest)
		return swot_err_set(err, SWOT_ENEWER,
				    "%s was written by a newer swot (schema %d; this "
				    "swot knows up to %d): upgrade swot to use it",
				    s->path, version, latest);
	if (version == latest)
		return SWOT_OK;
	if (version > 0 && (rc = backup_before_migrating(s, version, err)))
		return rc;
	for (int v = version; v < latest; v++) {
		const struct embedded_file *m = &embedded_migrations[v];
		if ((rc = store_begin(s, err)))
			return rc;
		if (sqlite3_exec(s->db, m->data, NULL, NULL, NULL) != SQLITE_OK) {
			char what[256];
			snprintf(what, sizeof what, "migration %s failed", m->name);
			rc = store_db_error(s, err, what);
			store_rollback(s);
			return rc;
		}
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
		if ((rc = store_exec(s, sql, err))) {
			store_rollback(s);
			return rc;
		}
		if ((rc = store_commit(s, err)))
			return rc;
	}
	return SWOT_OK;
}

/* The folder path is in ("." for a bare name); caller frees. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Whether this process may write to path (a file or a folder). */
static int writable(const char *path)
{
	return access(path, W_OK) == 0;
}

/* Reads the header fields that say whose database this is. */
static int read_identity(struct store *s, int *app_id, int *version,
			 int *objects, struct swot_err *err)
{
	int rc;
	if ((rc = pragma_int(s, "PRAGMA application_id", app_id, err)) ||
	    (rc = pragma_int(s, "PRAGMA user_version", version, err)) ||
	    (rc = pragma_int(s, "SELECT count(*) FROM sqlite_schema", objects, err))) {
		if ((sqlite3_extended_errcode(s->db) & 0xff) == SQLITE_NOTADB)
			return swot_err_set(err, SWOT_EDB,
					    "%s is not a swot database (not an SQLite "
					    "file); it was left as it is",
					    s->path);
		return rc;
	}
	return SWOT_OK;
}

/* Refuses anything but an empty database or one swot wrote: another
 * program's database must not be stamped, switched to WAL or given
 * tables.  An empty file is what a first run (or a kill before the first
 * table) leaves. */
static int check_identity(struct store *s, int app_id, int version,
			  int objects, struct swot_err *err)
{
	if (app_id == STORE_APPLICATION_ID ||
	    (app_id == 0 && version == 0 && objects == 0))
		return SWOT_OK;
	return swot_err_set(err, SWOT_EDB,
			    "%s is not a swot database (it belongs to another "
			    "program); it was left as it is: give swot another "
			    "file with --db",
			    s->path);
}

/* Builds the URI that opens path read-only, or as immutable: a WAL
 * database in a folder swot may not write cannot get the -shm file a
 * plain read-only open needs.  Caller frees. */
static char *read_only_uri(const char *path, int immutable)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			strbuf_addf(&sb, "%%%02X", (unsigned char)*p);
		else
			strbuf_addc(&sb, *p);
	}
	strbuf_adds(&sb, immutable ? "?mode=ro&immutable=1" : "?mode=ro");
	return strbuf_detach(&sb);
}

/* Opens a store swot may not write (the file or its folder read-only) for
 * reading: it must be a swot database at the latest schema, as it cannot
 * be upgraded. */
static int open_read_only(struct store *s, struct swot_err *err)
{
	int app_id = 0, version = 0, objects = 0, rc = SWOT_EDB;
	for (int immutable = 0; immutable < 2 && rc; immutable++) {
		char *uri = read_only_uri(s->path, immutable);
		if (s->db)
			sqlite3_close_v2(s->db);
		s->db = NULL;
		if (sqlite3_open_v2(uri, &s->db,
				    SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
				    NULL) != SQLITE_OK) {
			rc = swot_err_set(err, SWOT_EDB, "cannot open %s: %s", s->path,
					  s->db ? sqlite3_errmsg(s->db) : "out of memory");
		} else {
			sqlite3_extended_result_codes(s->db, 1);
			sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
			rc = read_identity(s, &app_id, &version, &objects, err);
		}
		free(uri);
	}
	if (rc)
		return rc;
	if (app_id != STORE_APPLICATION_ID)
		return swot_err_set(err, SWOT_EDB, "%s is not a swot database", s->path);
	if (version > store_schema_version())
		return migrate(s, err); /* reports SWOT_ENEWER */
	if (version < store_schema_version())
		return swot_err_set(err, SWOT_EIO,
				    "%s is read-only and was written by an older swot: "
				    "make it writable (chmod u+w, and its folder) once "
				    "so swot can upgrade it",
				    s->path);
	return SWOT_OK;
}

/* Says why a database swot must write cannot be: SQLite would otherwise
 * open it read-only and fail later with "attempt to write a readonly
 * database". */
static int check_writable(const char *path, struct swot_err *err)
{
	char *dir = folder_of(path);
	int rc = SWOT_OK;
	if (access(path, F_OK) == 0 && !writable(path))
		rc = swot_err_set(err, SWOT_EIO,
				  "cannot write to %s: the file is read-only "
				  "(check its permissions)",
				  path);
	else if (access(dir, F_OK) == 0 && !writable(dir))
		rc = swot_err_set(err, SWOT_EIO,
				  "cannot write to %s: its folder %s is read-only, and "
				  "swot keeps its journal files beside the database; "
				  "make the folder writable or give another path with --db",
				  path, dir);
	free(dir);
	return rc;
}

/* Sets up a store swot may write: pragmas, its stamp, migrations. */
static int open_read_write(struct store *s, struct swot_err *err)
{
	int rc, app_id, version, objects;
	if ((rc = check_writable(s->path, err)) || (rc = make_parent_dirs(s->path, err)))
		return rc;
	/* one thread uses a connection: no mutex around each call (a report
	 * makes millions) */
	if (sqlite3_open_v2(s->path, &s->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK)
		return swot_err_set(err, SWOT_EDB, "cannot open %s: %s", s->path,
				    s->db ? sqlite3_errmsg(s->db) : "out of memory");
	/* SQLite quietly opens a file it may not write read-only; every later
	 * step would then fail with a puzzling message, so say it here. */
	if (sqlite3_db_readonly(s->db, "main") == 1)
		return swot_err_set(err, SWOT_EIO,
				    "cannot write to %s: the file is read-only "
				    "(check its permissions)",
				    s->path);
	sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(s->db, 1);

	/* Refuse what is not a swot store before changing anything in it. */
	if ((rc = read_identity(s, &app_id, &version, &objects, err)) ||
	    (rc = check_identity(s, app_id, version, objects, err)))
		return rc;
	if (version > store_schema_version())
		return migrate(s, err); /* reports SWOT_ENEWER */
	/* A new database gets 16 KiB pages: a deck import writes and reads a
	 * quarter as many pages (and system calls) as with 4 KiB, a fifth
	 * less time on a large deck, while an answer still writes only a
	 * few pages.  The size is fixed once the file has content. */
	if (app_id == 0 && version == 0 &&
	    (rc = store_exec(s, "PRAGMA page_size = " STORE_PAGE_SIZE, err)))
		return rc;
	if ((rc = store_exec(s, "PRAGMA journal_mode = WAL", err)) ||
	    (rc = store_exec(s, "PRAGMA synchronous = NORMAL", err)) ||
	    (rc = store_exec(s, "PRAGMA foreign_keys = ON", err)))
		return rc;
	if (app_id == 0 &&
	    (rc = store_exec(s, "PRAGMA application_id = 1937207156", err)))
		return rc;
	return migrate(s, err);
}

int store_open_mode(const char *path, enum store_mode mode, struct store **out,
		    struct swot_err *err)
{
	struct store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	char *dir = folder_of(path);
	int read_only = mode == STORE_READ && access(path, F_OK) == 0 &&
			(!writable(path) || !writable(dir));
	free(dir);
	int rc = read_only ? open_read_only(s, err) : open_read_write(s, err);
	if (rc) {
		store_close(s);
		return rc;
	}
	*out = s;
	return SWOT_OK;
}

int store_open(const char *path, struct store **out, struct swot_err *err)
{
	return store_open_mode(path, STORE_WRITE, out, err);
}

void store_close(struct store *s)
{
	if (!s)
		return;
	if (s->db)
		sqlite3_close_v2(s->db);
	free(s->path);
	free(s);
}

void store_set_busy_timeout(struct store *s, int ms)
{
	sqlite3_busy_timeout(s->db, ms);
}

const char *store_path(const struct store *s)
{
	return s->path;
}

int store_is_empty(struct store *s, int *empty, struct swot_err *err)
{
	sqlite3_stmt *st;
	int rc = store_prepare(s, "SELECT count(*) FROM deck", &st, err);
	if (rc)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		*empty = sqlite3_column_int(st, 0) == 0;
	else
		rc = store_db_error(s, err, "cannot count decks");
	sqlite3_finalize(st);
	return rc;
}

/* ---- inserting many rows to a statement ---- */

void store_batch_init(struct store_batch *b, const char *head, int cols,
		      const char *what)
{
	memset(b, 0, sizeof *b);
	b->head = head;
	b->what = what;
	b->cols = cols;
	b->vals = xcalloc((size_t)BATCH_ROWS * (size_t)cols, sizeof *b->vals);
}

static void batch_drop_values(struct store_batch *b)
{
	for (int i = 0; i < b->n; i++)
		if (b->vals[i].own)
			free((char *)b->vals[i].text);
	b->n = 0;
}

void store_batch_release(struct store_batch *b)
{
	if (!b->vals)
		return;
	batch_drop_values(b);
	sqlite3_finalize(b->full);
	free(b->vals);
	memset(b, 0, sizeof *b);
}

void store_batch_text(struct store_batch *b, const char *s)
{
	b->vals[b->n++] = (struct bval){.text = s, .type = s ? BV_TEXT : BV_NULL};
}

void store_batch_owned(struct store_batch *b, char *s)
{
	b->vals[b->n++] = (struct bval){.text = s, .type = BV_TEXT, .own = 1};
}

void store_batch_int(struct store_batch *b, int64_t v)
{
	b->vals[b->n++] = (struct bval){.i = v, .type = BV_INT};
}

static int batch_prepare(struct store *s, const struct store_batch *b, int rows,
			 sqlite3_stmt **st, struct swot_err *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_adds(&sql, b->head);
	strbuf_adds(&sql, " VALUES ");
	for (int r = 0; r < rows; r++) {
		strbuf_adds(&sql, r ? ",(" : "(");
		for (int c = 0; c < b->cols; c++)
			strbuf_adds(&sql, c ? ",?" : "?");
		strbuf_addc(&sql, ')');
	}
	int rc = store_prepare(s, strbuf_str(&sql), st, err);
	strbuf_release(&sql);
	return rc;
}

int store_batch_flush(struct store *s, struct store_batch *b, struct swot_err *err)
{
	int rows = b->n / b->cols, rc;
	sqlite3_stmt *st;
	if (!rows)
		return SWOT_OK;
	if (rows == BATCH_ROWS) {
		if (!b->full && (rc = batch_prepare(s, b, rows, &b->full, err)))
			return rc;
		st = b->full;
	} else if ((rc = batch_prepare(s, b, rows, &st, err))) {
		return rc;
	}
	for (int i = 0; i < b->n; i++) {
		const struct bval *v = &b->vals[i];
		if (v->type == BV_INT)
			sqlite3_bind_int64(st, i + 1, v->i);
		else if (v->type == BV_TEXT)
			sqlite3_bind_text(st, i + 1, v->text, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, i + 1);
	}
	rc = sqlite3_step(st) == SQLITE_DONE
		     ? SWOT_OK
		     : store_db_error(s, err, b->what);
	if (st == b->full)
		sqlite3_reset(st);
	else
		sqlite3_finalize(st);
	batch_drop_values(b);
	return rc;
}

int store_batch_row_done(struct store *s, struct store_batch *b, struct swot_err *err)
{
	if (b->n == BATCH_ROWS * b->cols)
		return store_batch_flush(s, b, err);
	return SWOT_OK;
}

/* Most lists are empty or hold one item, which need no copy. */
void store_batch_list(struct store_batch *b, const struct strlist *l)
{
	if (l->n == 0)
		store_batch_text(b, "");
	else if (l->n == 1)
		store_batch_text(b, l->items[0]);
	else
		store_batch_owned(b, strlist_join(l, (char[]){STORE_LIST_SEP, 0}));
}

/* SQLite's page cache while a transaction rewrites much of the store (the
 * log replayed, a deck's cards retired): with the default 2 MB, the pages
 * it changes spill to the WAL and are read back again and again (on a
 * million answers, 13 s of system time); 64 MB keeps most of them in
 * memory, and the peak no higher than the fit's own.  *old gets the size
 * to go back to (none when it cannot be read). */
#define REWRITE_CACHE_KB 65536

void store_cache_for_rewrite(struct store *s, int64_t *old)
{
	sqlite3_stmt *st = NULL;
	char sql[64];
	*old = 0;
	if (sqlite3_prepare_v2(s->db, "PRAGMA cache_size", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		*old = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", REWRITE_CACHE_KB);
	if (*old)
		sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

void store_cache_restore(struct store *s, int64_t old)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", (long long)old);
	if (old)
		sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}
