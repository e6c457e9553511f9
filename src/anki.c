/*
 * anki.c: Anki packages (see anki.h): the zip (libzip), the collection in
 * it (zstd-compressed in anki21b packages), the media map, and the notes
 * with their note types and decks.  The collection's rows come from
 * store_anki.c: SQLite stays in the store.
 */
#include "swot/anki.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include <zstd.h>

#include "swot/store_anki.h"

struct anki_package {
	char *path;
	const char *collection; /* the entry used */
	struct store_anki *db;
	size_t media;
	struct store_anki_notetype *types;
	size_t n_types;
	struct strlist deck_ids, deck_names;
};

/* What a file that is not a package is, for the message. */
static const char *what_it_is(const unsigned char *head, size_t n)
{
	if (n >= 16 && memcmp(head, "SQLite format 3", 16) == 0)
		return "an SQLite database";
	if (n >= 4 && memcmp(head, "\x28\xb5\x2f\xfd", 4) == 0)
		return "zstd-compressed data";
	if (n >= 4 && memcmp(head, "%PDF", 4) == 0)
		return "a PDF document";
	if (n >= 1 && (head[0] == '{' || head[0] == '['))
		return "JSON text";
	return "neither a zip archive nor a deck";
}

static int read_entry(zip_t *z, const char *name, unsigned char **out, size_t *len,
		      struct swot_err *err, const char *path)
{
	zip_stat_t st;
	*out = NULL;
	*len = 0;
	if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
		return swot_err_set(err, SWOT_EINVAL, "%s: %s is missing from the package", path, name);
	if (st.size > SWOT_ANKI_MAX_BYTES)
		return swot_err_set(err, SWOT_EINVAL, "%s: %s is over %u MiB", path, name,
				    SWOT_ANKI_MAX_BYTES >> 20);
	zip_file_t *f = zip_fopen(z, name, 0);
	if (!f)
		return swot_err_set(err, SWOT_EINVAL, "%s: cannot read %s in the package: %s", path,
				    name, zip_strerror(z));
	unsigned char *buf = xmalloc((size_t)st.size + 1);
	zip_int64_t got = zip_fread(f, buf, st.size);
	zip_fclose(f);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		free(buf);
		return swot_err_set(err, SWOT_EINVAL, "%s: %s in the package is damaged", path, name);
	}
	*out = buf;
	*len = (size_t)st.size;
	return 0;
}

/* Decompresses zstd data (of unknown size) into a new buffer. */
static int unzstd(const unsigned char *in, size_t n, unsigned char **out, size_t *len)
{
	ZSTD_DStream *ds = ZSTD_createDStream();
	size_t cap = n * 4 + 4096, used = 0;
	unsigned char *buf = xmalloc(cap);
	ZSTD_inBuffer ib = { in, n, 0 };
	int ok = ds != NULL;
	while (ok) {
		if (cap - used < 4096) {
			if (cap > SWOT_ANKI_MAX_BYTES) {
				ok = 0;
				break;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		ZSTD_outBuffer ob = { buf + used, cap - used, 0 };
		size_t r = ZSTD_decompressStream(ds, &ob, &ib);
		used += ob.pos;
		if (ZSTD_isError(r)) {
			ok = 0;
		} else if (r == 0 && ib.pos == ib.size) {
			break; /* a frame ended and the input is used up */
		} else if (ib.pos == ib.size && ob.pos < ob.size) {
			ok = 0; /* truncated */
		}
	}
	ZSTD_freeDStream(ds);
	if (!ok) {
		free(buf);
		return -1;
	}
	*out = buf;
	*len = used;
	return 0;
}

/* Media files: the old map is JSON {"0": "a.jpg", ...}; the new one a
 * zstd-compressed protobuf with one entry (field 1) per file. */
static size_t count_media(const unsigned char *m, size_t n)
{
	size_t count = 0;
	if (n >= 4 && memcmp(m, "\x28\xb5\x2f\xfd", 4) == 0) {
		unsigned char *pb;
		size_t len;
		if (unzstd(m, n, &pb, &len))
			return 0;
		for (size_t i = 0; i < len;) {
			uint64_t key = pb[i++], size = 0;
			int shift = 0;
			if ((key & 7) != 2)
				break;
			while (i < len && shift < 64) {
				size |= (uint64_t)(pb[i] & 0x7f) << shift;
				shift += 7;
				if (!(pb[i++] & 0x80))
					break;
			}
			if (size > len - i)
				break;
			i += (size_t)size;
			count += (key >> 3) == 1;
		}
		free(pb);
		return count;
	}
	/* JSON: one "name" value per file after each ':' outside strings */
	int in_str = 0;
	for (size_t i = 0; i < n; i++) {
		if (in_str) {
			if (m[i] == '\\')
				i++;
			else if (m[i] == '"')
				in_str = 0;
		} else if (m[i] == '"') {
			in_str = 1;
		} else if (m[i] == ':') {
			count++;
		}
	}
	return count;
}

static int open_collection(struct anki_package *p, zip_t *z, struct swot_err *err)
{
	static const char *const names[] = {
		"collection.anki21b", "collection.anki21", "collection.anki2"
	};
	for (size_t i = 0; i < 3; i++) {
		zip_stat_t st;
		if (zip_stat(z, names[i], 0, &st) != 0)
			continue;
		unsigned char *raw, *db = NULL;
		size_t len, dlen;
		int rc = read_entry(z, names[i], &raw, &len, err, p->path);
		if (rc)
			return rc;
		if (i == 0) {
			if (unzstd(raw, len, &db, &dlen)) {
				free(raw);
				return swot_err_set(err, SWOT_EINVAL,
						    "%s: collection.anki21b is not valid zstd data: "
						    "the package is damaged", p->path);
			}
			free(raw);
		} else {
			db = raw;
			dlen = len;
		}
		char *what = xasprintf("%s: %s", p->path, names[i]);
		rc = store_anki_open(db, dlen, what, &p->db, err);
		free(what);
		free(db);
		p->collection = names[i];
		return rc;
	}
	return swot_err_set(err, SWOT_EINVAL,
			    "%s is a zip archive but not an Anki package (it holds no "
			    "collection.anki21b, collection.anki21 or collection.anki2)", p->path);
}

int anki_open(const char *path, struct anki_package **out, struct swot_err *err)
{
	struct anki_package *p = xcalloc(1, sizeof *p);
	unsigned char head[16] = { 0 }, *media = NULL;
	size_t n_head = 0, n_media = 0;
	int zerr = 0, rc;
	*out = NULL;
	p->path = xstrdup(path);
	FILE *f = fopen(path, "rb");
	if (!f) {
		rc = swot_err_set(err, SWOT_EIO, "%s: cannot read it", path);
		goto fail;
	}
	n_head = fread(head, 1, sizeof head, f);
	fclose(f);
	if (n_head < 4 || memcmp(head, "PK\x03\x04", 4) != 0) {
		rc = swot_err_set(err, SWOT_EINVAL,
				  "%s is %s, not an Anki package (.apkg or .colpkg, a zip archive)",
				  path, what_it_is(head, n_head));
		goto fail;
	}
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
	if (!z) {
		rc = swot_err_set(err, SWOT_EINVAL,
				  "%s looks like a zip archive but cannot be opened: it is damaged "
				  "or incomplete (swot reads Anki .apkg and .colpkg packages)", path);
		goto fail;
	}
	rc = open_collection(p, z, err);
	if (!rc && read_entry(z, "media", &media, &n_media, NULL, path) == 0)
		p->media = count_media(media, n_media);
	free(media);
	zip_discard(z);
	if (rc)
		goto fail;
	if ((rc = store_anki_notetypes(p->db, &p->types, &p->n_types, err)) ||
	    (rc = store_anki_decks(p->db, &p->deck_ids, &p->deck_names, err)))
		goto fail;
	*out = p;
	return 0;
fail:
	anki_close(p);
	return rc;
}

void anki_close(struct anki_package *p)
{
	if (!p)
		return;
	store_anki_close(p->db);
	store_anki_notetypes_free(p->types, p->n_types);
	strlist_release(&p->deck_ids);
	strlist_release(&p->deck_names);
	free(p->path);
	free(p);
}

const char *anki_collection_file(const struct anki_package *p)
{
	return p->collection;
}

int anki_schema(const struct anki_package *p)
{
	return store_anki_version(p->db);
}

size_t anki_media_count(const struct anki_package *p)
{
	return p->media;
}

struct note_walk {
	struct anki_package *p;
	anki_note_fn fn;
	void *ctx;
};

static int on_note(void *ctx, const struct store_anki_note *n)
{
	struct note_walk *w = ctx;
	const struct anki_package *p = w->p;
	const struct store_anki_notetype *type = NULL;
	for (size_t i = 0; i < p->n_types && !type; i++)
		if (p->types[i].id == n->notetype)
			type = &p->types[i];
	const char *deck = NULL;
	char id[32];
	snprintf(id, sizeof id, "%lld", (long long)n->deck);
	for (size_t i = 0; i < p->deck_ids.n && !deck; i++)
		if (strcmp(p->deck_ids.items[i], id) == 0)
			deck = p->deck_names.items[i];
	struct strlist fields = STRLIST_INIT, names = STRLIST_INIT;
	/* the fields keep their empty ones: split by hand */
	for (const char *s = n->fields;;) {
		const char *e = strchr(s, '\x1f');
		strlist_push_owned(&fields, e ? xstrndup(s, (size_t)(e - s)) : xstrdup(s));
		if (!e)
			break;
		s = e + 1;
	}
	for (size_t i = 0; i < fields.n; i++)
		strlist_push(&names, type && i < type->fields.n ? type->fields.items[i] : "");
	struct anki_note note = {
		n->id, n->guid, type ? type->name : "", type ? type->cloze : 0, fields.n,
		(const char *const *)fields.items, (const char *const *)names.items, n->tags,
		deck, n->n_cards
	};
	int r = w->fn(w->ctx, &note);
	strlist_release(&fields);
	strlist_release(&names);
	return r;
}

int anki_each_note(struct anki_package *p, anki_note_fn fn, void *ctx, struct swot_err *err)
{
	struct note_walk w = { p, fn, ctx };
	return store_anki_each_note(p->db, on_note, &w, err);
}

struct review_walk {
	anki_review_fn fn;
	void *ctx;
};

static int on_review(void *ctx, const struct store_anki_review *r)
{
	struct review_walk *w = ctx;
	struct anki_review v = { r->id, r->card_id, r->note_id, r->ord, r->ease, r->ivl,
				 r->last_ivl, r->factor, r->time_ms, r->type };
	return w->fn(w->ctx, &v);
}

int anki_each_review(struct anki_package *p, anki_review_fn fn, void *ctx,
		     struct swot_err *err)
{
	struct review_walk w = { fn, ctx };
	return store_anki_each_review(p->db, on_review, &w, err);
}
