/*
 * store_import.c: bringing decks into the store.
 *
 * An import matches the deck's cards to the stored ones by stable id in one
 * pass: the stored cards of the deck are read once (key, content hash,
 * retired, position), in the order they were written, which is deck order;
 * each card of the deck is matched to the next stored one, or through a
 * hash table when the order differs, and updated or left alone with
 * statements prepared once.  Nothing is read row by row from the database.
 *
 * New notes and cards, most of a first import, are written last, many rows
 * to a statement (per-statement work was most of the time of a plain
 * row-by-row insert), in the order the import met them, so that the next
 * import walks them in step.
 */
#include "store_int.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "swot/arena.h"

/* ---- the import ---- */

/* The letter of each kind in a note's key: "character" and "card" share
 * their first letter, and a character and a free card may share an id. */
static const char kind_letters[] = "ctqf";

/* The key letter of a kind as stored ('?' for one this swot does not know). */
static char kind_letter(const char *kind)
{
	int k = deck_note_kind_from_name(kind);
	return k < 0 ? '?' : kind_letters[k];
}

/*
 * A note of the deck being imported, stored or about to be.  A note counts
 * as updated when its own content changed: its hash differs from the one
 * stored.  One stored before notes had a hash (0) is counted as it was
 * then, when its name or one of its cards changed, and given its hash.
 */
struct imp_note {
	int64_t id;           /* 0 until a new note is given its id */
	const char *key;      /* "<kind letter>:<note id>", in the arena */
	char *name, *aliases; /* as stored; owned */
	uint64_t hash;        /* as stored (0: none yet), then the deck's */
	enum deck_note_kind kind;
	int retired, seen, counted;
	int legacy;  /* stored with no hash: counted by its name and cards */
	int revived; /* was retired: its cards count as revived */
	int hashed;  /* its hash was compared in this import */
};

/* A card of the deck as stored before the import. */
struct imp_card {
	int64_t id;
	const char *key; /* in the arena */
	uint64_t hash;
	int retired, position, seen;
};

/* Everything one store_import call shares across its decks. */
struct importer {
	struct store *s;
	int64_t now;
	struct swot_err *err;
	sqlite3_stmt *deck_get, *deck_add, *deck_set, *log_add, *note_next;
	sqlite3_stmt *notes_get, *note_set, *note_rehash, *note_retire;
	sqlite3_stmt *cards_get, *card_set, *card_move, *card_retire;
	struct store_batch note_add, card_add;
	struct strbuf key, lists[5];
};

/* Stored notes or cards, found by key in the order they are most likely
 * asked for (see LOOKAHEAD). */
struct key_walk {
	struct strmap map; /* built only when they are asked out of order */
	size_t cursor;     /* the one expected next */
	int mapped;
};

/* Per deck. */
struct imp_deck {
	int64_t id;
	struct arena arena;
	struct imp_note *notes;
	size_t n_notes, alloc_notes;
	size_t n_cards_expected; /* the deck's cards: what is most likely stored */
	struct key_walk note_walk;
	struct imp_card *cards;
	size_t n_cards;
	struct key_walk card_walk; /* the stored cards */
	size_t *new_notes, n_new_notes, alloc_new_notes; /* to insert */
	int changed;
};

static void imp_deck_release(struct imp_deck *d)
{
	for (size_t i = 0; i < d->n_notes; i++) {
		free(d->notes[i].name);
		free(d->notes[i].aliases);
	}
	free(d->notes);
	free(d->new_notes);
	free(d->cards);
	strmap_release(&d->note_walk.map);
	strmap_release(&d->card_walk.map);
	arena_release(&d->arena);
	memset(d, 0, sizeof *d);
}

static int step_done(struct importer *im, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st) == SQLITE_DONE ? SWOT_OK
						 : store_db_error(im->s, im->err, what);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

static void bind_static(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static int str_eq(const char *a, const char *b)
{
	return a && b ? !strcmp(a, b) : a == b;
}

/* Joins l with STORE_LIST_SEP into sb (reset first). */
static const char *join_list(struct strbuf *sb, const struct strlist *l)
{
	strbuf_reset(sb);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			strbuf_addc(sb, STORE_LIST_SEP);
		strbuf_adds(sb, l->items[i]);
	}
	return strbuf_str(sb);
}

static const char *note_key(struct importer *im, enum deck_note_kind kind,
			    const char *id)
{
	strbuf_reset(&im->key);
	strbuf_addc(&im->key, kind_letters[kind]);
	strbuf_addc(&im->key, ':');
	strbuf_adds(&im->key, id);
	return strbuf_str(&im->key);
}

static struct imp_note *push_note(struct imp_deck *d)
{
	ALLOC_GROW(d->notes, d->n_notes + 1, d->alloc_notes);
	struct imp_note *n = &d->notes[d->n_notes++];
	memset(n, 0, sizeof *n);
	return n;
}

/* A column's text as a new string, or NULL when it is NULL or empty. */
static char *text_or_null(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t && *t ? xstrdup((const char *)t) : NULL;
}

/* Reads the deck's stored notes and cards into d's tables. */
static int load_existing(struct importer *im, struct imp_deck *d)
{
	int rc = SWOT_OK, step;
	sqlite3_stmt *st = im->notes_get;
	sqlite3_bind_int64(st, 1, d->id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct imp_note *n = push_note(d);
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		const char *key = (const char *)sqlite3_column_text(st, 2);
		strbuf_reset(&im->key);
		strbuf_addc(&im->key, kind_letter(kind));
		strbuf_addc(&im->key, ':');
		strbuf_adds(&im->key, key ? key : "");
		n->id = sqlite3_column_int64(st, 0);
		n->key = arena_strndup(&d->arena, im->key.buf, im->key.len);
		n->name = store_column_dup(st, 3);
		n->aliases = text_or_null(st, 4);
		n->retired = sqlite3_column_int(st, 5);
		n->hash = (uint64_t)sqlite3_column_int64(st, 6);
		n->legacy = n->hash == 0;
	}
	if (step != SQLITE_DONE)
		rc = store_db_error(im->s, im->err, "cannot read the deck's notes");
	sqlite3_reset(st);
	if (rc)
		return rc;

	size_t alloc = d->n_cards_expected;
	d->cards = xreallocarray(d->cards, alloc ? alloc : 1, sizeof *d->cards);
	st = im->cards_get;
	sqlite3_bind_int64(st, 1, d->id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(d->cards, d->n_cards + 1, alloc);
		struct imp_card *c = &d->cards[d->n_cards];
		c->id = sqlite3_column_int64(st, 0);
		const char *key = (const char *)sqlite3_column_text(st, 1);
		int len = sqlite3_column_bytes(st, 1);
		c->hash = (uint64_t)sqlite3_column_int64(st, 2);
		c->retired = sqlite3_column_int(st, 3);
		c->position = sqlite3_column_int(st, 4);
		c->seen = 0;
		c->key = arena_strndup(&d->arena, key ? key : "", (size_t)len);
		d->n_cards++;
	}
	if (step != SQLITE_DONE)
		rc = store_db_error(im->s, im->err, "cannot read the deck's cards");
	sqlite3_reset(st);
	return rc;
}

/*
 * Finding stored notes and cards.  They are stored in the order an import
 * first meets them and read back in that order, so while a deck is
 * unchanged each is simply the one after the last (or a few further on,
 * past ones the deck no longer has).  Only one out of that order (added,
 * moved) needs a hash table, which is then built once, and the walk goes
 * on from the one found.
 */
#define LOOKAHEAD 4

/* The key of items[i], an array of structs of size bytes, each with its
 * key at offset off. */
static const char *key_at(const void *items, size_t size, size_t off, size_t i)
{
	const char *k;
	memcpy(&k, (const char *)items + i * size + off, sizeof k);
	return k;
}

/* The index of key (len bytes) among the n items (as key_at), or
 * STRMAP_NONE; the walk goes on after it. */
static size_t walk_find(struct key_walk *w, const void *items, size_t n, size_t size,
			size_t off, const char *key, size_t len)
{
	for (size_t k = 0; k < LOOKAHEAD && w->cursor + k < n; k++)
		if (!strcmp(key_at(items, size, off, w->cursor + k), key)) {
			w->cursor += k + 1;
			return w->cursor - 1;
		}
	if (!w->mapped) {
		strmap_reserve(&w->map, n);
		for (size_t i = 0; i < n; i++) {
			const char *ki = key_at(items, size, off, i);
			strmap_put(&w->map, ki, strlen(ki), i);
		}
		w->mapped = 1;
	}
	size_t i = strmap_get(&w->map, key, len);
	if (i != STRMAP_NONE)
		w->cursor = i + 1;
	return i;
}

static size_t find_note(struct imp_deck *d, const char *key, size_t len)
{
	return walk_find(&d->note_walk, d->notes, d->n_notes, sizeof *d->notes,
			 offsetof(struct imp_note, key), key, len);
}

static size_t find_card(struct imp_deck *d, const char *key)
{
	return walk_find(&d->card_walk, d->cards, d->n_cards, sizeof *d->cards,
			 offsetof(struct imp_card, key), key, strlen(key));
}

/* Makes sure the note (kind, id) is stored and live, with this name and
 * aliases; *idx gets its index in d->notes.  Its hash is checked by
 * check_note_hash, from its first card. */
static int ensure_note(struct importer *im, struct imp_deck *d,
		       struct store_import_counts *cnt, enum deck_note_kind kind,
		       const char *id, const char *name, const char *aliases,
		       size_t *idx)
{
	const char *key = note_key(im, kind, id);
	size_t i = find_note(d, key, im->key.len);
	int rc;
	if (i == (size_t)-1) {
		/* Written with the other new notes once all are known. */
		struct imp_note *n = push_note(d);
		n->key = arena_strndup(&d->arena, im->key.buf, im->key.len);
		n->kind = kind;
		n->name = name ? xstrdup(name) : NULL;
		n->aliases = *aliases ? xstrdup(aliases) : NULL;
		n->seen = n->counted = 1; /* its cards count as new */
		n->hashed = 1;            /* its hash is written with it */
		if (d->note_walk.mapped)
			strmap_put(&d->note_walk.map, n->key, im->key.len, d->n_notes - 1);
		ALLOC_GROW(d->new_notes, d->n_new_notes + 1, d->alloc_new_notes);
		d->new_notes[d->n_new_notes++] = d->n_notes - 1;
		d->changed = 1;
		*idx = d->n_notes - 1;
		return SWOT_OK;
	}
	struct imp_note *n = &d->notes[i];
	*idx = i;
	if (n->seen)
		return SWOT_OK;
	n->seen = 1;
	if (!n->retired && str_eq(n->name, name) &&
	    !strcmp(n->aliases ? n->aliases : "", aliases))
		return SWOT_OK;
	sqlite3_stmt *st = im->note_set;
	bind_static(st, 1, name);
	bind_static(st, 2, aliases);
	sqlite3_bind_int64(st, 3, n->id);
	if ((rc = step_done(im, st, "cannot update a note")))
		return rc;
	if (n->retired) {
		n->revived = 1;
	} else if (n->legacy) {
		cnt->notes_updated++;
		n->counted = 1;
	}
	n->retired = 0;
	d->changed = 1;
	return SWOT_OK;
}

/* Brings a stored note's hash to the deck's (every card of a note bears
 * the same one), counting the note as updated when its own content
 * changed: not when it was retired (its cards count as revived), nor when
 * it had no hash yet (it counts as before, by its name and cards). */
static int check_note_hash(struct importer *im, struct imp_deck *d,
			   struct imp_note *n, uint64_t hash,
			   struct store_import_counts *cnt)
{
	int rc;
	if (n->hashed)
		return SWOT_OK;
	n->hashed = 1;
	if (n->hash == hash)
		return SWOT_OK;
	sqlite3_stmt *st = im->note_rehash;
	sqlite3_bind_int64(st, 1, (int64_t)hash);
	sqlite3_bind_int64(st, 2, n->id);
	if ((rc = step_done(im, st, "cannot update a note")))
		return rc;
	if (!n->legacy && !n->revived && !n->counted) {
		cnt->notes_updated++;
		n->counted = 1;
		d->changed = 1;
	}
	n->hash = hash;
	return SWOT_OK;
}

/* Binds a card's content to st from column first on: variant, type,
 * prompt, answers, accept, options, correct, explain, tags, themes, hash,
 * position (the order the statements list them in). */
static void bind_content(struct importer *im, sqlite3_stmt *st, int first,
			 const struct deck_card *c, uint64_t hash, int position)
{
	bind_static(st, first, c->variant);
	bind_static(st, first + 1, deck_card_type_names[c->type]);
	bind_static(st, first + 2, c->prompt);
	bind_static(st, first + 3, join_list(&im->lists[0], &c->answers));
	bind_static(st, first + 4, join_list(&im->lists[1], &c->accept));
	bind_static(st, first + 5, join_list(&im->lists[2], &c->options));
	sqlite3_bind_int(st, first + 6, c->correct);
	bind_static(st, first + 7, c->explain);
	bind_static(st, first + 8, join_list(&im->lists[3], &c->tags));
	bind_static(st, first + 9, join_list(&im->lists[4], &c->themes));
	sqlite3_bind_int64(st, first + 10, (int64_t)hash);
	sqlite3_bind_int(st, first + 11, position);
}

/* Gives the new notes their ids, in the order they were met, and writes
 * them. */
static int insert_new_notes(struct importer *im, struct imp_deck *d)
{
	int rc, step;
	int64_t next = 0;
	if (!d->n_new_notes)
		return SWOT_OK;
	step = sqlite3_step(im->note_next);
	if (step == SQLITE_ROW)
		next = sqlite3_column_int64(im->note_next, 0) + 1;
	sqlite3_reset(im->note_next);
	if (step != SQLITE_ROW)
		return store_db_error(im->s, im->err, "cannot number new notes");
	struct store_batch *b = &im->note_add;
	for (size_t i = 0; i < d->n_new_notes; i++) {
		struct imp_note *n = &d->notes[d->new_notes[i]];
		n->id = next++;
		store_batch_int(b, n->id);
		store_batch_int(b, d->id);
		store_batch_text(b, deck_note_kind_names[n->kind]);
		store_batch_text(b, n->key + 2); /* past "<kind letter>:" */
		store_batch_text(b, n->name);
		store_batch_text(b, n->aliases ? n->aliases : "");
		store_batch_int(b, (int64_t)n->hash);
		if ((rc = store_batch_row_done(im->s, b, im->err)))
			return rc;
	}
	return store_batch_flush(im->s, b, im->err);
}

/* Makes sure every card's note is stored (note_of[i]: the note of card i),
 * new notes written, changed ones counted. */
static int import_notes(struct importer *im, struct imp_deck *d,
			const struct deck *dk, struct store_import_counts *cnt,
			size_t *note_of)
{
	int rc;
	const char *where = dk->path ? dk->path : dk->id;
	/* Every note first, so every card has its note's id.  The cards meet
	 * the notes in the order the sections did: walk them again. */
	d->note_walk.cursor = 0;
	for (size_t i = 0; i < dk->n_cards; i++) {
		const struct deck_card *c = &dk->cards[i];
		if ((unsigned)c->kind > NOTE_CARD || (unsigned)c->type > CARD_WHO) {
			rc = swot_err_set(im->err, SWOT_EINVAL,
					  "%s: card %s has an unknown kind or type",
					  where, c->id);
			return rc;
		}
		/* A note's cards come together: most share the last one's. */
		if (i && c->kind == dk->cards[i - 1].kind &&
		    !strcmp(c->note_id, dk->cards[i - 1].note_id)) {
			note_of[i] = note_of[i - 1];
			continue;
		}
		if ((rc = ensure_note(im, d, cnt, c->kind, c->note_id, NULL, "",
				      &note_of[i])))
			return rc;
		struct imp_note *n = &d->notes[note_of[i]];
		if (!n->id) /* new: written with this hash */
			n->hash = c->note_hash;
		else if ((rc = check_note_hash(im, d, n, c->note_hash, cnt)))
			return rc;
	}
	return insert_new_notes(im, d);
}

/* Matches the deck's cards to the stored ones, updating the changed;
 * the indices of cards not stored yet go to fresh[] (*n_fresh). */
static int match_cards(struct importer *im, struct imp_deck *d,
		       const struct deck *dk, struct store_import_counts *cnt,
		       const size_t *note_of, size_t *fresh, size_t *n_fresh)
{
	int rc;
	const char *where = dk->path ? dk->path : dk->id;
	for (size_t i = 0; i < dk->n_cards; i++) {
		const struct deck_card *c = &dk->cards[i];
		int position = (int)i;
		struct imp_note *note = &d->notes[note_of[i]];
		uint64_t hash = c->hash;
		size_t ci = find_card(d, c->id);

		if (ci == (size_t)-1) {
			fresh[(*n_fresh)++] = i;
			continue;
		}
		struct imp_card *old = &d->cards[ci];
		if (old->seen) {
			rc = swot_err_set(im->err, SWOT_EINVAL,
					  "%s: two cards have the id %s", where, c->id);
			return rc;
		}
		old->seen = 1;
		if (old->retired || old->hash != hash) {
			sqlite3_stmt *st = im->card_set;
			sqlite3_bind_int64(st, 1, note->id);
			bind_content(im, st, 2, c, hash, position);
			sqlite3_bind_int64(st, 14, old->id);
			if ((rc = step_done(im, st, "cannot update a card")))
				return rc;
			d->changed = 1;
			if (old->retired) {
				cnt->revived++;
			} else {
				cnt->updated++;
				if (note->legacy && !note->counted) {
					note->counted = 1;
					cnt->notes_updated++;
				}
			}
		} else {
			if (old->position != position) {
				sqlite3_stmt *st = im->card_move;
				sqlite3_bind_int(st, 1, position);
				sqlite3_bind_int64(st, 2, old->id);
				if ((rc = step_done(im, st, "cannot reorder a card")))
					return rc;
				d->changed = 1;
			}
			cnt->unchanged++;
		}
	}

	return SWOT_OK;
}

/* Retires what the deck no longer has, history and all. */
static int retire_missing(struct importer *im, struct imp_deck *d,
			  struct store_import_counts *cnt)
{
	int rc;
	for (size_t i = 0; i < d->n_cards; i++) {
		struct imp_card *old = &d->cards[i];
		if (old->seen || old->retired)
			continue;
		sqlite3_bind_int64(im->card_retire, 1, old->id);
		if ((rc = step_done(im, im->card_retire, "cannot retire a card")))
			return rc;
		cnt->retired++;
		d->changed = 1;
	}
	for (size_t i = 0; i < d->n_notes; i++) {
		struct imp_note *n = &d->notes[i];
		if (n->seen || n->retired)
			continue;
		sqlite3_bind_int64(im->note_retire, 1, n->id);
		if ((rc = step_done(im, im->note_retire, "cannot retire a note")))
			return rc;
		d->changed = 1;
	}

	return SWOT_OK;
}

/* Writes the new cards, fresh[] (n_fresh), last and in deck order: read
 * back in that order next time, they match without a lookup. */
static int add_fresh_cards(struct importer *im, struct imp_deck *d,
			   const struct deck *dk, const size_t *note_of,
			   const size_t *fresh, size_t n_fresh)
{
	int rc;
	struct store_batch *b = &im->card_add;
	for (size_t k = 0; k < n_fresh; k++) {
		size_t i = fresh[k];
		const struct deck_card *c = &dk->cards[i];
		store_batch_int(b, d->id);
		store_batch_int(b, d->notes[note_of[i]].id);
		store_batch_text(b, c->id);
		store_batch_text(b, c->variant);
		store_batch_text(b, deck_card_type_names[c->type]);
		store_batch_text(b, c->prompt);
		store_batch_list(b, &c->answers);
		store_batch_list(b, &c->accept);
		store_batch_list(b, &c->options);
		store_batch_int(b, c->correct);
		store_batch_text(b, c->explain);
		store_batch_list(b, &c->tags);
		store_batch_list(b, &c->themes);
		store_batch_int(b, (int64_t)c->hash);
		store_batch_int(b, (int64_t)i);
		store_batch_int(b, im->now);
		if ((rc = store_batch_row_done(im->s, b, im->err)))
			return rc;
	}
	return store_batch_flush(im->s, b, im->err);
}

static int import_cards(struct importer *im, struct imp_deck *d,
			const struct deck *dk, struct store_import_counts *cnt)
{
	size_t *fresh = xmalloc((dk->n_cards ? dk->n_cards : 1) * sizeof *fresh);
	size_t *note_of = xmalloc((dk->n_cards ? dk->n_cards : 1) * sizeof *note_of);
	size_t n_fresh = 0;
	int rc = import_notes(im, d, dk, cnt, note_of);
	if (!rc)
		rc = match_cards(im, d, dk, cnt, note_of, fresh, &n_fresh);
	if (!rc)
		rc = retire_missing(im, d, cnt);
	if (!rc)
		rc = add_fresh_cards(im, d, dk, note_of, fresh, n_fresh);
	if (!rc) {
		cnt->new_cards += n_fresh;
		if (n_fresh)
			d->changed = 1;
	}
	free(fresh);
	free(note_of);
	return rc;
}

/* Characters and themes carry names; quotes are notes even when they make
 * no card.  Free cards' notes come with their cards. */
static int import_named_notes(struct importer *im, struct imp_deck *d,
			      const struct deck *dk, struct store_import_counts *cnt)
{
	int rc;
	size_t ignored;
	for (size_t i = 0; i < dk->n_characters; i++) {
		const struct deck_character *ch = &dk->characters[i];
		char *aliases = ch->aliases.n
					? strlist_join(&ch->aliases, (char[]){STORE_LIST_SEP, 0})
					: xstrdup("");
		rc = ensure_note(im, d, cnt, NOTE_CHARACTER, ch->id, ch->name, aliases,
				 &ignored);
		free(aliases);
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < dk->n_themes; i++)
		if ((rc = ensure_note(im, d, cnt, NOTE_THEME, dk->themes[i].id,
				      dk->themes[i].name, "", &ignored)))
			return rc;
	for (size_t i = 0; i < dk->n_quotes; i++)
		if ((rc = ensure_note(im, d, cnt, NOTE_QUOTE, dk->quotes[i].id, NULL, "",
				      &ignored)))
			return rc;
	return SWOT_OK;
}

/* The deck's title, version and source as imported, and the import's row
 * in the log. */
static int log_import(struct importer *im, const struct imp_deck *d,
		      const struct deck *dk, const struct store_import_counts *cnt)
{
	int rc;
	sqlite3_stmt *st = im->deck_set;
	bind_static(st, 1, dk->title);
	bind_static(st, 2, dk->version);
	bind_static(st, 3, dk->path);
	sqlite3_bind_int64(st, 4, im->now);
	sqlite3_bind_int64(st, 5, d->id);
	if ((rc = step_done(im, st, "cannot update a deck")))
		return rc;
	st = im->log_add;
	sqlite3_bind_int64(st, 1, d->id);
	sqlite3_bind_int64(st, 2, im->now);
	bind_static(st, 3, dk->path);
	bind_static(st, 4, dk->version);
	sqlite3_bind_int64(st, 5, (int64_t)cnt->new_cards);
	sqlite3_bind_int64(st, 6, (int64_t)cnt->updated);
	sqlite3_bind_int64(st, 7, (int64_t)cnt->unchanged);
	sqlite3_bind_int64(st, 8, (int64_t)cnt->retired);
	sqlite3_bind_int64(st, 9, (int64_t)cnt->revived);
	return step_done(im, st, "cannot log the import");
}

static int import_deck(struct importer *im, const struct deck *dk,
		       struct store_import_counts *cnt)
{
	struct imp_deck d = {0};
	int rc = SWOT_OK, step;
	int meta_changed = 0;

	cnt->deck_id = xstrdup(dk->id);
	sqlite3_stmt *st = im->deck_get;
	bind_static(st, 1, dk->id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		d.id = sqlite3_column_int64(st, 0);
		meta_changed = !str_eq((const char *)sqlite3_column_text(st, 1), dk->title) ||
			       !str_eq((const char *)sqlite3_column_text(st, 2), dk->version);
	} else if (step != SQLITE_DONE) {
		rc = store_db_error(im->s, im->err, "cannot look up a deck");
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc)
		goto out;

	if (step == SQLITE_DONE) {
		st = im->deck_add;
		bind_static(st, 1, dk->id);
		bind_static(st, 2, dk->title);
		bind_static(st, 3, dk->version);
		bind_static(st, 4, dk->path);
		sqlite3_bind_int64(st, 5, im->now);
		if ((rc = step_done(im, st, "cannot add a deck")))
			goto out;
		d.id = sqlite3_last_insert_rowid(im->s->db);
		cnt->created_deck = 1;
		d.changed = 1;
	} else {
		/* Sized for the deck as it is now, most likely what is stored:
		 * growing arrays of this size costs more than filling them. */
		size_t notes = dk->n_characters + dk->n_themes + dk->n_quotes +
			       dk->n_free;
		d.alloc_notes = notes + 16;
		d.notes = xmalloc(d.alloc_notes * sizeof *d.notes);
		d.n_cards_expected = dk->n_cards + 16;
		if ((rc = load_existing(im, &d)))
			goto out;
	}

	if ((rc = import_named_notes(im, &d, dk, cnt)))
		goto out;
	if ((rc = import_cards(im, &d, dk, cnt)))
		goto out;

	if (!d.changed && !meta_changed)
		goto out;
	rc = log_import(im, &d, dk, cnt);
out:
	imp_deck_release(&d);
	return rc;
}

static void importer_release(struct importer *im)
{
	sqlite3_stmt **all[] = {
		&im->deck_get,  &im->deck_add,  &im->deck_set,   &im->log_add,
		&im->note_next, &im->notes_get, &im->note_set,   &im->note_retire,
		&im->note_rehash,
		&im->cards_get, &im->card_set,  &im->card_move,  &im->card_retire,
	};
	for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
		sqlite3_finalize(*all[i]);
		*all[i] = NULL;
	}
	store_batch_release(&im->note_add);
	store_batch_release(&im->card_add);
	strbuf_release(&im->key);
	for (size_t i = 0; i < 5; i++)
		strbuf_release(&im->lists[i]);
}

static int importer_prepare(struct importer *im)
{
	struct {
		sqlite3_stmt **st;
		const char *sql;
	} q[] = {
		{&im->deck_get, "SELECT id, title, version FROM deck WHERE slug = ?1"},
		{&im->deck_add, "INSERT INTO deck (slug, title, version, source, "
				"imported_at) VALUES (?1, ?2, ?3, ?4, ?5)"},
		{&im->deck_set, "UPDATE deck SET title = ?1, version = ?2, source = ?3, "
				"imported_at = ?4 WHERE id = ?5"},
		{&im->log_add, "INSERT INTO import_log (deck_id, time, source, version, "
			       "new_cards, updated, unchanged, retired, revived) "
			       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
		{&im->notes_get, "SELECT id, kind, key, name, aliases, retired, hash "
				 "FROM note NOT INDEXED WHERE deck_id = ?1"},
		{&im->note_next, "SELECT coalesce(max(id), 0) FROM note"},
		{&im->note_set, "UPDATE note SET name = ?1, aliases = ?2, retired = 0 "
				"WHERE id = ?3"},
		{&im->note_rehash, "UPDATE note SET hash = ?1 WHERE id = ?2"},
		{&im->note_retire, "UPDATE note SET retired = 1 WHERE id = ?1"},
		/* In table order: one pass over the rows beats a lookup per
		 * row through an index on deck_id. */
		{&im->cards_get, "SELECT id, key, hash, retired, position "
				 "FROM card NOT INDEXED WHERE deck_id = ?1"},
		{&im->card_set, "UPDATE card SET note_id = ?1, variant = ?2, type = ?3, "
				"prompt = ?4, answers = ?5, accept = ?6, options = ?7, "
				"correct = ?8, explain = ?9, tags = ?10, themes = ?11, "
				"hash = ?12, position = ?13, retired = 0 WHERE id = ?14"},
		{&im->card_move, "UPDATE card SET position = ?1 WHERE id = ?2"},
		{&im->card_retire, "UPDATE card SET retired = 1 WHERE id = ?1"},
	};
	for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
		int rc = store_prepare(im->s, q[i].sql, q[i].st, im->err);
		if (rc)
			return rc;
	}
	store_batch_init(&im->note_add, "INSERT INTO note (id, deck_id, kind, key, name, "
			 "aliases, hash)", 7, "cannot add notes and cards");
	store_batch_init(&im->card_add, "INSERT INTO card (deck_id, note_id, key, variant, type, "
			 "prompt, answers, accept, options, correct, explain, tags, "
			 "themes, hash, position, due)", 16,
			 "cannot add notes and cards");
	return SWOT_OK;
}

int store_import(struct store *s, struct deck *const *decks, size_t n,
		 int64_t now, struct store_import_counts *counts,
		 struct swot_err *err)
{
	struct importer im = {.s = s, .now = now, .err = err};
	int rc;

	memset(counts, 0, n * sizeof *counts);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(decks[i]->id, decks[j]->id))
				return swot_err_set(err, SWOT_EINVAL,
						    "%s and %s are both the deck \"%s\"",
						    decks[j]->path ? decks[j]->path : "a deck",
						    decks[i]->path ? decks[i]->path : "a deck",
						    decks[i]->id);
	/*
	 * Every value the CHECK constraints of note and card guard (kind,
	 * type, state) comes from this file's own tables, and every note and
	 * deck id a row refers to was read or written in this transaction, so
	 * the per-row checks are turned off while importing: the IN-list
	 * checks alone rebuild a little table on every statement, and they
	 * and the foreign-key lookups were a fifth of a large import.  Both
	 * pragmas act when statements are prepared or outside a transaction,
	 * hence here, and both are set back before returning.
	 */
	if ((rc = store_exec(s, "PRAGMA foreign_keys = OFF", err)) ||
	    (rc = store_exec(s, "PRAGMA ignore_check_constraints = ON", err)))
		goto out;
	if ((rc = importer_prepare(&im)))
		goto out;
	if ((rc = store_begin(s, err)))
		goto out;
	for (size_t i = 0; i < n && !rc; i++)
		rc = import_deck(&im, decks[i], &counts[i]);
	if (rc)
		store_rollback(s);
	else
		rc = store_commit(s, err);
out:
	importer_release(&im);
	sqlite3_exec(s->db, "PRAGMA ignore_check_constraints = OFF", NULL, NULL, NULL);
	sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	if (rc)
		for (size_t i = 0; i < n; i++)
			store_import_counts_release(&counts[i]);
	return rc;
}

void store_import_counts_release(struct store_import_counts *c)
{
	if (!c)
		return;
	free(c->deck_id);
	memset(c, 0, sizeof *c);
}
