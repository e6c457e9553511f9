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

/* A deck's speakers, to name each quote card's character. */
struct speakers {
	struct strlist quotes, speakers; /* by quote id */
};

/* The card's content, its characters, its memory and, when the log was
 * read, its answers. */
static void fill_card(struct progfile_card *c, const struct store_card_brief *sc,
		      const struct speakers *sp)
{
	c->id = xstrdup(sc->key);
	c->note = xstrdup(sc->note);
	c->kind = sc->kind;
	c->type = sc->type;
	for (size_t j = 0; j < sc->themes->n; j++)
		strlist_push(&c->themes, sc->themes->items[j]);
	for (size_t j = 0; j < sc->tags->n; j++)
		strlist_push(&c->tags, sc->tags->items[j]);
	if (sc->kind == NOTE_CHARACTER) {
		strlist_push(&c->characters, sc->note);
	} else if (sc->kind == NOTE_QUOTE) {
		long q = sorted_find(&sp->quotes, sc->note);
		if (q >= 0)
			strlist_push(&c->characters, sp->speakers.items[q]);
	}
	c->f = sc->f;
	if (sc->n_log) {
		c->reviews = xcalloc(sc->n_log, sizeof *c->reviews);
		for (size_t i = 0; i < sc->n_log; i++)
			c->reviews[i] = (struct progfile_review){
				.time = sc->log[i].time, .rating = sc->log[i].rating,
				.kind = sc->log[i].kind, .stability = sc->log[i].stability};
		c->n_reviews = sc->n_log;
	}
}

/* The deck's version hash: its live cards' ids and content hashes in
 * order, so two files have the same hash exactly when their students
 * hold the same version of the deck. */
static int hash_card(void *ctx, const struct store_card_brief *c)
{
	uint64_t *h = ctx, ch = c->hash;
	*h = fnv1a(*h, c->key, strlen(c->key) + 1);
	*h = fnv1a(*h, &ch, sizeof ch);
	return 0;
}

/* Everything of the deck but its cards (d->n_cards 0), and its speakers:
 * what comes before the cards in the file. */
static int load_head(struct store *s, const struct store_deck_info *info, int64_t now,
		     int reviews, struct progfile_deck *d, struct speakers *sp,
		     struct swot_err *err)
{
	struct progress_conf conf;
	struct forecast_basis b;
	struct strlist ti = STRLIST_INIT, tn = STRLIST_INIT, ci = STRLIST_INIT,
		       cn = STRLIST_INIT;
	uint64_t h = FNV1A_INIT;
	int found = 0, rc;

	d->id = xstrdup(info->id);
	d->title = xstrdup(info->title);
	d->version = info->version ? xstrdup(info->version) : NULL;
	if ((rc = progress_conf_load(s, info->id, &conf, err)) ||
	    (rc = store_exam_get(s, info->id, &d->exam_at, &found, err)) ||
	    (rc = store_deck_themes(s, info->id, &ti, &tn, err)) ||
	    (rc = store_deck_characters(s, info->id, &ci, &cn, err)) ||
	    (rc = store_quote_speakers(s, info->id, &sp->quotes, &sp->speakers, err)) ||
	    (rc = store_cards_walk_brief(s, info->id, hash_card, &h, err)) ||
	    /* how the student has been studying, as swot readiness sees it:
	     * the file keeps the days of the log, not the cards' part */
	    (rc = progress_basis(s, info->id, now, conf.rollover_hour, NULL, 0, &b, err)))
		goto out;
	if (!found)
		d->exam_at = 0;
	d->rollover_hour = conf.rollover_hour;
	d->desired_retention = conf.fsrs.desired_retention;
	memcpy(d->weights, conf.fsrs.w, sizeof d->weights);
	take_names(&d->themes, &d->n_themes, &ti, &tn);
	take_names(&d->characters, &d->n_characters, &ci, &cn);
	d->hash = xasprintf("%016llx", (unsigned long long)h);
	memcpy(d->study, b.day, sizeof d->study);
	d->has_study = 1;
	d->has_reviews = reviews;
out:
	strlist_release(&ti);
	strlist_release(&tn);
	strlist_release(&ci);
	strlist_release(&cn);
	return rc;
}

static void speakers_release(struct speakers *sp)
{
	strlist_release(&sp->quotes);
	strlist_release(&sp->speakers);
}

/* What the card walk of one deck hands each card to. */
struct deck_walk {
	struct progfile_deck *d;
	const struct speakers *sp;
	int (*take)(struct deck_walk *w, struct progfile_card *c, struct swot_err *err);
	struct swot_err *err;
	size_t alloc;       /* of d->cards, when they are kept */
	size_t n;           /* cards handed over so far */
	struct strbuf sb;   /* the file's bytes not yet given to the sink */
	progfile_sink sink;
	void *sink_ctx;
	size_t bytes;       /* given to the sink so far */
};

static int walk_card(void *ctx, const struct store_card_brief *sc)
{
	struct deck_walk *w = ctx;
	struct progfile_card c = {0};
	fill_card(&c, sc, w->sp);
	return w->take(w, &c, w->err);
}

/* The deck's cards, with their logs when reviews is set, to w. */
static int walk_cards(struct store *s, const char *deck, int reviews, struct deck_walk *w,
		      struct swot_err *err)
{
	return reviews ? store_cards_walk_log(s, deck, walk_card, w, err)
		       : store_cards_walk_brief(s, deck, walk_card, w, err);
}

/* progfile_from_store's: the card joins the deck's. */
static int keep_card(struct deck_walk *w, struct progfile_card *c, struct swot_err *err)
{
	struct progfile_deck *d = w->d;
	(void)err;
	ALLOC_GROW(d->cards, d->n_cards + 1, w->alloc);
	d->cards[d->n_cards++] = *c; /* what c owns moves to the deck */
	w->n++;
	return 0;
}

/* A few tens of KB of the file at a time go to the sink. */
#define SINK_BYTES 65536

static int flush(struct deck_walk *w, size_t at_least, struct swot_err *err)
{
	if (w->sb.len < at_least || !w->sb.len)
		return 0;
	int rc = w->sink(w->sink_ctx, w->sb.buf, w->sb.len, err);
	w->bytes += w->sb.len;
	strbuf_reset(&w->sb);
	return rc;
}

/* progfile_export's: the card is written, then forgotten. */
static int write_out_card(struct deck_walk *w, struct progfile_card *c, struct swot_err *err)
{
	progfile_write_card(&w->sb, c, w->d->has_reviews, w->n == 0);
	w->n++;
	progfile_card_release(c);
	return flush(w, SINK_BYTES, err);
}

/* The decks in the store, when deck names one that is there. */
static int list_decks(struct store *s, const char *deck, struct store_deck_info **info,
		      size_t *n, struct swot_err *err)
{
	int rc;
	if (deck && (rc = store_deck_check(s, deck, err)))
		return rc;
	return store_list_decks(s, info, n, err);
}

/* Whether info is a deck to write: deck, or every deck when NULL. */
static int wanted(const struct store_deck_info *info, const char *deck)
{
	return !deck || !strcmp(info->id, deck);
}

static void file_head(struct progfile *out, const char *name, int64_t now)
{
	memset(out, 0, sizeof *out);
	out->format = PROGFILE_FORMAT;
	out->swot_version = xstrdup(SWOT_VERSION);
	out->name = xstrdup(name);
	out->exported_at = now;
}

int progfile_from_store(struct store *s, const char *deck, const char *name,
			int64_t now, int reviews, struct progfile *out,
			struct swot_err *err)
{
	struct store_deck_info *info = NULL;
	size_t n = 0;
	int rc;

	file_head(out, name, now);
	if ((rc = store_student_id(s, &out->student, err)) ||
	    (rc = list_decks(s, deck, &info, &n, err)))
		return rc;
	out->decks = xcalloc(n ? n : 1, sizeof *out->decks);
	for (size_t i = 0; i < n && !rc; i++) {
		if (!wanted(&info[i], deck))
			continue;
		struct speakers sp = {STRLIST_INIT, STRLIST_INIT};
		struct deck_walk w = {.d = &out->decks[out->n_decks++], .sp = &sp,
				      .take = keep_card, .err = err};
		rc = load_head(s, &info[i], now, reviews, w.d, &sp, err);
		if (!rc)
			rc = walk_cards(s, info[i].id, reviews, &w, err);
		speakers_release(&sp);
	}
	store_deck_info_free(info, n);
	return rc;
}

/* One deck, head, cards and end, into w's text and sink. */
static int export_deck(struct store *s, const struct store_deck_info *info, int64_t now,
		       int reviews, int first, struct deck_walk *w, struct swot_err *err)
{
	struct progfile_deck d = {0};
	struct speakers sp = {STRLIST_INIT, STRLIST_INIT};
	int rc = load_head(s, info, now, reviews, &d, &sp, err);
	if (!rc) {
		w->d = &d;
		w->sp = &sp;
		w->n = 0;
		progfile_write_deck_start(&w->sb, &d, first);
		rc = walk_cards(s, info->id, reviews, w, err);
	}
	if (!rc)
		progfile_write_deck_end(&w->sb);
	progfile_deck_release(&d);
	speakers_release(&sp);
	return rc;
}

int progfile_export(struct store *s, const char *deck, const char *name, int64_t now,
		    int reviews, progfile_sink sink, void *ctx,
		    struct progfile_totals *tot, struct swot_err *err)
{
	struct progfile head;
	struct store_deck_info *info = NULL;
	struct deck_walk w = {.take = write_out_card, .err = err, .sb = STRBUF_INIT,
			      .sink = sink, .sink_ctx = ctx};
	size_t n = 0;
	int rc;

	memset(tot, 0, sizeof *tot);
	file_head(&head, name, now);
	if ((rc = store_student_id(s, &head.student, err)) ||
	    (rc = list_decks(s, deck, &info, &n, err)))
		goto out;
	for (size_t i = 0; i < n && !rc; i++) {
		if (!wanted(&info[i], deck))
			continue;
		if (!tot->decks)
			progfile_write_start(&w.sb, &head);
		rc = export_deck(s, &info[i], now, reviews, !tot->decks, &w, err);
		tot->decks++;
		tot->cards += w.n;
	}
	if (!rc && tot->decks) {
		progfile_write_end(&w.sb);
		rc = flush(&w, 0, err);
	}
	tot->bytes = w.bytes;
out:
	strbuf_release(&w.sb);
	store_deck_info_free(info, n);
	progfile_release(&head);
	return rc;
}
