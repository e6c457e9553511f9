/*
 * store_anki.c: reading an Anki collection (see store_anki.h).
 *
 * The collection is opened in memory (sqlite3_deserialize), read-only, so
 * nothing is written to disk and a hostile file cannot reach any other.
 * Anki's schema 11 keeps note types and decks as JSON in the col table
 * (read here with SQLite's own JSON functions); schema 15 and later keep
 * them in tables, each note type's kind in a protobuf blob.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "swot/store_anki.h"

struct store_anki {
	sqlite3 *db;
	char *name;
	int version;
	int tables; /* note types and decks in tables (schema 15+) */
};

static int db_error(struct store_anki *a, struct swot_err *err, const char *what)
{
	return swot_err_set(err, SWOT_EINVAL, "%s: %s: %s", a->name, what,
			    sqlite3_errmsg(a->db));
}

/* Anki's tables sort names with its "unicase" collation; reading them
 * needs one of that name. */
static int unicase(void *ctx, int n1, const void *s1, int n2, const void *s2)
{
	(void)ctx;
	int n = n1 < n2 ? n1 : n2, c = strncasecmp(s1, s2, (size_t)n);
	return c ? c : n1 - n2;
}

static int query_int(struct store_anki *a, const char *sql, int64_t *out)
{
	sqlite3_stmt *st;
	int ok = 0;
	if (sqlite3_prepare_v2(a->db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		ok = 1;
	}
	sqlite3_finalize(st);
	return ok;
}

int store_anki_open(const void *data, size_t len, const char *name,
		    struct store_anki **out, struct swot_err *err)
{
	struct store_anki *a = xcalloc(1, sizeof *a);
	int rc = SWOT_EINVAL;
	int64_t v = 0;
	*out = NULL;
	a->name = xstrdup(name);
	if (len < 100 || memcmp(data, "SQLite format 3", 16) != 0) {
		rc = swot_err_set(err, SWOT_EINVAL, "%s is not an SQLite database: the package is damaged", name);
		goto fail;
	}
	if (sqlite3_open_v2(":memory:", &a->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		rc = swot_err_set(err, SWOT_EDB, "cannot open an in-memory database");
		goto fail;
	}
	unsigned char *copy = sqlite3_malloc64(len);
	if (!copy) {
		rc = swot_err_set(err, SWOT_EDB, "out of memory reading %s", name);
		goto fail;
	}
	memcpy(copy, data, len);
	/* a collection saved in WAL mode (bytes 18 and 19 are 2) cannot be
	 * read from memory: mark the copy as a rollback-journal database */
	if (copy[18] == 2 && copy[19] == 2)
		copy[18] = copy[19] = 1;
	if (sqlite3_deserialize(a->db, "main", copy, (sqlite3_int64)len, (sqlite3_int64)len,
				SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) !=
	    SQLITE_OK) {
		rc = db_error(a, err, "cannot read the collection");
		goto fail;
	}
	sqlite3_create_collation(a->db, "unicase", SQLITE_UTF8, NULL, unicase);
	if (!query_int(a, "SELECT ver FROM col", &v)) {
		rc = swot_err_set(err, SWOT_EINVAL, "%s is not an Anki collection (it has no col table): "
			     "the package is damaged", name);
		goto fail;
	}
	a->version = (int)v;
	if (a->version < 11 || a->version > 18) {
		rc = swot_err_set(err, SWOT_EINVAL, "%s is an Anki collection of schema %d, which swot cannot "
			     "read (it reads schemas 11 to 18: Anki 2.1 to 24.x)", name, a->version);
		goto fail;
	}
	a->tables = query_int(a, "SELECT count(*) FROM sqlite_master WHERE name = 'notetypes'", &v) && v;
	*out = a;
	return 0;
fail:
	store_anki_close(a);
	return rc;
}

void store_anki_close(struct store_anki *a)
{
	if (!a)
		return;
	sqlite3_close_v2(a->db);
	free(a->name);
	free(a);
}

int store_anki_version(const struct store_anki *a)
{
	return a->version;
}

/* The protobuf varint at p[*i] (n bytes in all), *i moved past it. */
static uint64_t read_varint(const unsigned char *p, size_t n, size_t *i)
{
	uint64_t v = 0;
	for (int shift = 0; *i < n && shift < 64; shift += 7) {
		v |= (uint64_t)(p[*i] & 0x7f) << shift;
		if (!(p[(*i)++] & 0x80))
			break;
	}
	return v;
}

/* A note type's kind: field 1 (varint) of its protobuf config; 1 is cloze. */
static int config_is_cloze(const unsigned char *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint64_t key = read_varint(p, n, &i), val;
		unsigned wire = key & 7;
		if (wire == 0) {
			val = read_varint(p, n, &i);
			if ((key >> 3) == 1)
				return val == 1;
		} else if (wire == 2) {
			val = read_varint(p, n, &i);
			if (val > n - i)
				return 0;
			i += (size_t)val;
		} else if (wire == 1) {
			i += 8;
		} else if (wire == 5) {
			i += 4;
		} else {
			return 0;
		}
	}
	return 0; /* kind absent: normal */
}

static const char *const notetypes_json =
	"SELECT CAST(m.key AS INTEGER), json_extract(m.value, '$.name'), "
	"  json_extract(m.value, '$.type'), "
	"  (SELECT group_concat(name, char(31)) FROM "
	"     (SELECT json_extract(f.value, '$.name') AS name FROM json_each(m.value, '$.flds') f "
	"      ORDER BY json_extract(f.value, '$.ord'))) "
	"FROM col, json_each(col.models) m ORDER BY 1";
static const char *const notetypes_table =
	"SELECT t.id, t.name, t.config, "
	"  (SELECT group_concat(name, char(31)) FROM "
	"     (SELECT name FROM fields f WHERE f.ntid = t.id ORDER BY f.ord)) "
	"FROM notetypes t ORDER BY t.id";

int store_anki_notetypes(struct store_anki *a, struct store_anki_notetype **out,
			 size_t *n, struct swot_err *err)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(a->db, a->tables ? notetypes_table : notetypes_json, -1, &st,
			       NULL) != SQLITE_OK)
		return db_error(a, err, "cannot read its note types");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(*out, *n + 1, alloc);
		struct store_anki_notetype *t = &(*out)[(*n)++];
		memset(t, 0, sizeof *t);
		t->id = sqlite3_column_int64(st, 0);
		const unsigned char *nm = sqlite3_column_text(st, 1);
		t->name = xstrdup(nm ? (const char *)nm : "");
		if (a->tables)
			t->cloze = config_is_cloze(sqlite3_column_blob(st, 2),
						   (size_t)sqlite3_column_bytes(st, 2));
		else
			t->cloze = sqlite3_column_int(st, 2) == 1;
		const unsigned char *f = sqlite3_column_text(st, 3);
		strlist_split(&t->fields, f ? (const char *)f : "", '\x1f');
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(a, err, "cannot read its note types");
	return 0;
}

void store_anki_notetypes_free(struct store_anki_notetype *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].name);
		strlist_release(&t[i].fields);
	}
	free(t);
}

/* Runs sql, handing each row to row(st, ctx) until one returns nonzero,
 * which is returned as it is; a failure of the query says what (as "cannot
 * read its notes"). */
static int each_row(struct store_anki *a, const char *sql, const char *what,
		    int (*row)(sqlite3_stmt *st, void *ctx), void *ctx, struct swot_err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(a->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(a, err, what);
	int rc, r = 0;
	while (!r && (rc = sqlite3_step(st)) == SQLITE_ROW)
		r = row(st, ctx);
	sqlite3_finalize(st);
	if (r)
		return r;
	return rc == SQLITE_DONE ? 0 : db_error(a, err, what);
}

static const char *text_or_empty(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

static int deck_row(sqlite3_stmt *st, void *ctx)
{
	struct strlist **lists = ctx; /* ids, names */
	strlist_push(lists[0], text_or_empty(st, 0));
	strlist_push(lists[1], text_or_empty(st, 1));
	return 0;
}

int store_anki_decks(struct store_anki *a, struct strlist *ids, struct strlist *names,
		     struct swot_err *err)
{
	const char *sql = a->tables
		? "SELECT id, replace(name, char(31), '::') FROM decks ORDER BY id"
		: "SELECT d.key, json_extract(d.value, '$.name') FROM col, json_each(col.decks) d";
	struct strlist *lists[2] = {ids, names};
	return each_row(a, sql, "cannot read its decks", deck_row, lists, err);
}

/* The caller's function for each note, or for each review, and its
 * argument. */
struct each_ctx {
	store_anki_note_fn note; /* NULL: each review */
	store_anki_review_fn review;
	void *ctx;
};

static const char *const notes_sql =
	"SELECT n.id, n.mid, n.guid, n.tags, n.flds, "
	"  (SELECT c.did FROM cards c WHERE c.nid = n.id ORDER BY c.ord LIMIT 1), "
	"  (SELECT count(*) FROM cards c WHERE c.nid = n.id) "
	"FROM notes n ORDER BY n.id";

static const char *const reviews_sql =
	"SELECT r.id, r.cid, coalesce(c.nid, 0), coalesce(c.ord, 0), r.ease, r.ivl, "
	"  r.lastIvl, r.factor, r.time, r.type "
	"FROM revlog r LEFT JOIN cards c ON c.id = r.cid ORDER BY r.id";

/* A row of notes_sql or of reviews_sql, to the caller's function. */
static int each_ctx_row(sqlite3_stmt *st, void *ctx)
{
	const struct each_ctx *e = ctx;
	if (e->note) {
		struct store_anki_note n = {
			sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
			sqlite3_column_int64(st, 5), text_or_empty(st, 2),
			text_or_empty(st, 3), text_or_empty(st, 4),
			(size_t)sqlite3_column_int64(st, 6)
		};
		return e->note(e->ctx, &n);
	}
	struct store_anki_review v = {
		sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
		sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 5),
		sqlite3_column_int64(st, 6), sqlite3_column_int64(st, 8),
		sqlite3_column_int(st, 3), sqlite3_column_int(st, 4),
		sqlite3_column_int(st, 7), sqlite3_column_int(st, 9)
	};
	return e->review(e->ctx, &v);
}

int store_anki_each_note(struct store_anki *a, store_anki_note_fn fn, void *ctx,
			 struct swot_err *err)
{
	struct each_ctx e = {.note = fn, .ctx = ctx};
	return each_row(a, notes_sql, "cannot read its notes", each_ctx_row, &e, err);
}

int store_anki_each_review(struct store_anki *a, store_anki_review_fn fn, void *ctx,
			   struct swot_err *err)
{
	struct each_ctx e = {.review = fn, .ctx = ctx};
	return each_row(a, reviews_sql, "cannot read its review log", each_ctx_row, &e, err);
}
