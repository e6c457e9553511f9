/*
 * progfile_store.c: a progress file's contents gathered from the
 * student's store (see progfile_from_store in progfile.h).
 */
#include "swot/progfile.h"

#include <stdlib.h>
#include <string.h>

#include "swot/progress.h"
#include "swot/version.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Index of key in the sorted list l, or -1. */
static long sorted_find(const struct strlist *l, const char *key)
{
	char **at = l->n ? bsearch(&key, l->items, l->n, sizeof *l->items, cmp_str) : NULL;
	return at ? (long)(at - l->items) : -1;
}

static void take_names(struct progfile_name **out, size_t *n, struct strlist *ids,
		       struct strlist *names)
{
	*out = xcalloc(ids->n ? ids->n : 1, sizeof **out);
	for (size_t i = 0; i < ids->n; i++) {
		(*out)[i].id = ids->items[i];
		(*out)[i].name = names->items[i];
	}
	*n = ids->n;
	free(ids->items); /* the strings now belong to *out */
	free(names->items);
	strlist_init(ids);
	strlist_init(names);
}

/* A card's row id and its place in the deck, sorted by row id to find
 * the card each answer of the log belongs to. */
struct row_ix {
	int64_t row;
	size_t i;
};

struct log_ctx {
	struct progfile_deck *d;
	const struct row_ix *rows; /* d->n_cards of them */
	size_t last;               /* the card filled last, or SIZE_MAX */
	size_t alloc;              /* capacity of its reviews */
};

static int add_review(void *vctx, const struct store_memory_row *r)
{
	struct log_ctx *x = vctx;
	size_t lo = 0, hi = x->d->n_cards;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (x->rows[mid].row < r->card_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == x->d->n_cards || x->rows[lo].row != r->card_id)
		return 0; /* a card retired while we read: not in the file */
	size_t i = x->rows[lo].i;
	struct progfile_card *c = &x->d->cards[i];
	if (i != x->last) { /* the log comes card by card */
		x->last = i;
		x->alloc = c->n_reviews;
	}
	if (c->n_reviews == x->alloc) {
		x->alloc = x->alloc ? 2 * x->alloc : 8;
		c->reviews = xrealloc(c->reviews, x->alloc * sizeof *c->reviews);
	}
	c->reviews[c->n_reviews++] = (struct progfile_review){
		.time = r->time, .rating = r->rating, .kind = r->kind,
		.stability = r->stability};
	return 0;
}

static int cmp_row(const void *a, const void *b)
{
	int64_t x = ((const struct row_ix *)a)->row, y = ((const struct row_ix *)b)->row;
	return x < y ? -1 : x > y;
}

static int load_log(struct store *s, struct progfile_deck *d,
		    const struct store_card *cards, struct swot_err *err)
{
	struct row_ix *rows = xcalloc(d->n_cards ? d->n_cards : 1, sizeof *rows);
	for (size_t i = 0; i < d->n_cards; i++)
		rows[i] = (struct row_ix){cards[i].id, i};
	qsort(rows, d->n_cards, sizeof *rows, cmp_row);
	struct log_ctx x = {.d = d, .rows = rows, .last = (size_t)-1};
	int rc = store_card_memory_log(s, d->id, add_review, &x, err);
	free(rows);
	d->has_reviews = rc == 0;
	return rc;
}

/* The card's content, its characters and its memory. */
static void fill_card(struct progfile_card *c, const struct store_card *sc,
		      const struct strlist *quotes, const struct strlist *speakers)
{
	c->id = xstrdup(sc->c.id);
	c->note = xstrdup(sc->c.note_id);
	c->kind = sc->c.kind;
	c->type = sc->c.type;
	for (size_t j = 0; j < sc->c.themes.n; j++)
		strlist_push(&c->themes, sc->c.themes.items[j]);
	for (size_t j = 0; j < sc->c.tags.n; j++)
		strlist_push(&c->tags, sc->c.tags.items[j]);
	if (sc->c.kind == NOTE_CHARACTER) {
		strlist_push(&c->characters, sc->c.note_id);
	} else if (sc->c.kind == NOTE_QUOTE) {
		long q = sorted_find(quotes, sc->c.note_id);
		if (q >= 0)
			strlist_push(&c->characters, speakers->items[q]);
	}
	c->f = sc->f;
}

/* The deck's version hash: its live cards' ids and content hashes in
 * order, so two files have the same hash exactly when their students
 * hold the same version of the deck. */
static char *deck_hash(const struct store_card *cards, size_t n)
{
	uint64_t h = FNV1A_INIT;
	for (size_t i = 0; i < n; i++) {
		uint64_t ch = cards[i].c.hash;
		h = fnv1a(h, cards[i].c.id, strlen(cards[i].c.id) + 1);
		h = fnv1a(h, &ch, sizeof ch);
	}
	return xasprintf("%016llx", (unsigned long long)h);
}

static int load_deck(struct store *s, const struct store_deck_info *info, int64_t now,
		     int reviews, struct progfile_deck *d, struct swot_err *err)
{
	struct progress_conf conf;
	struct store_card *cards = NULL;
	size_t n = 0;
	struct strlist ti = STRLIST_INIT, tn = STRLIST_INIT, ci = STRLIST_INIT,
		       cn = STRLIST_INIT, quotes = STRLIST_INIT, speakers = STRLIST_INIT;
	int found = 0, rc;

	d->id = xstrdup(info->id);
	d->title = xstrdup(info->title);
	d->version = info->version ? xstrdup(info->version) : NULL;
	if ((rc = progress_conf_load(s, info->id, &conf, err)) ||
	    (rc = store_exam_get(s, info->id, &d->exam_at, &found, err)) ||
	    (rc = store_deck_themes(s, info->id, &ti, &tn, err)) ||
	    (rc = store_deck_characters(s, info->id, &ci, &cn, err)) ||
	    (rc = store_quote_speakers(s, info->id, &quotes, &speakers, err)) ||
	    (rc = store_cards_load(s, info->id, &cards, &n, err)))
		goto out;
	if (!found)
		d->exam_at = 0;
	d->rollover_hour = conf.rollover_hour;
	d->desired_retention = conf.fsrs.desired_retention;
	memcpy(d->weights, conf.fsrs.w, sizeof d->weights);
	take_names(&d->themes, &d->n_themes, &ti, &tn);
	take_names(&d->characters, &d->n_characters, &ci, &cn);
	d->hash = deck_hash(cards, n);
	d->cards = xcalloc(n ? n : 1, sizeof *d->cards);
	for (size_t i = 0; i < n; i++)
		fill_card(&d->cards[d->n_cards++], &cards[i], &quotes, &speakers);
	/* how the student has been studying, as swot readiness sees it */
	struct forecast_basis b;
	struct fsrs_card *mem = xcalloc(n ? n : 1, sizeof *mem);
	for (size_t i = 0; i < n; i++)
		mem[i] = cards[i].f;
	rc = progress_basis(s, info->id, now, conf.rollover_hour, mem, n, &b, err);
	free(mem);
	if (rc)
		goto out;
	memcpy(d->study, b.day, sizeof d->study);
	d->has_study = 1;
	if (reviews)
		rc = load_log(s, d, cards, err);
out:
	store_cards_free(cards, n);
	strlist_release(&ti);
	strlist_release(&tn);
	strlist_release(&ci);
	strlist_release(&cn);
	strlist_release(&quotes);
	strlist_release(&speakers);
	return rc;
}

int progfile_from_store(struct store *s, const char *deck, const char *name,
			int64_t now, int reviews, struct progfile *out,
			struct swot_err *err)
{
	struct store_deck_info *info = NULL;
	size_t n = 0;
	int rc;

	memset(out, 0, sizeof *out);
	out->format = PROGFILE_FORMAT;
	out->swot_version = xstrdup(SWOT_VERSION);
	out->name = xstrdup(name);
	out->exported_at = now;
	if ((rc = store_student_id(s, &out->student, err)))
		return rc;
	if (deck && (rc = store_deck_check(s, deck, err)))
		return rc;
	if ((rc = store_list_decks(s, &info, &n, err)))
		return rc;
	out->decks = xcalloc(n ? n : 1, sizeof *out->decks);
	for (size_t i = 0; i < n && !rc; i++) {
		if (deck && strcmp(info[i].id, deck))
			continue;
		rc = load_deck(s, &info[i], now, reviews, &out->decks[out->n_decks++], err);
	}
	store_deck_info_free(info, n);
	return rc;
}
