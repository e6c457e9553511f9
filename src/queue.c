/*
 * queue.c: today's cards, in the order they are asked (see queue.h).
 */
#include "swot/queue.h"

#include <stdlib.h>
#include <string.h>

#include "swot/exam.h"
#include "swot/learnday.h"
#include "swot/settings.h"

/* ---- lists ---- */

static void list_clear(struct queue_list *l)
{
	l->head = l->n = 0;
}

static void list_push(struct queue_list *l, const struct queue_entry *e)
{
	if (l->head && l->n == l->alloc) {
		memmove(l->items, l->items + l->head,
			(l->n - l->head) * sizeof *l->items);
		l->n -= l->head;
		l->head = 0;
	}
	ALLOC_GROW(l->items, l->n + 1, l->alloc);
	l->items[l->n++] = *e;
}

static size_t list_len(const struct queue_list *l)
{
	return l->n - l->head;
}

static int list_take(struct queue_list *l, struct queue_entry *out)
{
	if (l->head == l->n)
		return 0;
	*out = l->items[l->head++];
	if (l->head == l->n)
		l->head = l->n = 0;
	return 1;
}

/* Inserts e keeping the list sorted by due (after equal dues). */
static void list_insert_by_due(struct queue_list *l, const struct queue_entry *e)
{
	list_push(l, e);
	size_t i = l->n - 1;
	while (i > l->head && l->items[i - 1].due > e->due) {
		l->items[i] = l->items[i - 1];
		i--;
	}
	l->items[i] = *e;
}

static void list_remove_card(struct queue_list *l, int64_t card_id)
{
	size_t j = l->head;
	for (size_t i = l->head; i < l->n; i++)
		if (l->items[i].card_id != card_id)
			l->items[j++] = l->items[i];
	l->n = j;
}

/* Puts e at the front of l. */
static void list_push_front(struct queue_list *l, const struct queue_entry *e)
{
	if (l->head > 0) {
		l->items[--l->head] = *e;
		return;
	}
	list_push(l, e);
	memmove(l->items + l->head + 1, l->items + l->head,
		(l->n - l->head - 1) * sizeof *l->items);
	l->items[l->head] = *e;
}

static void list_release(struct queue_list *l)
{
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* ---- which card holds each note today ---- */

/* Whether card may be shown today as far as its siblings go; if so, the
 * note is now held by card. */
static int notes_claim(struct i64map *m, int64_t note, int64_t card)
{
	const int64_t *held = i64map_add(m, note, card);
	return !held || *held == card;
}

/* ---- building ---- */

/* What a store walk fills. */
struct scan_ctx {
	struct queue *q;
	struct queue_list *list;
	size_t deck;
	size_t want; /* stop after this many (SIZE_MAX: all) */
	size_t got;
};

static int scan_row(void *ctx, const struct store_queue_row *row)
{
	struct scan_ctx *c = ctx;
	if (c->got >= c->want)
		return 1;
	if (!notes_claim(&c->q->notes, row->note_id, row->card_id)) {
		/* a new card passed over leaves its place to the next one;
		 * a due card waits for tomorrow */
		if (row->state != FSRS_NEW)
			c->q->held++;
		return 0;
	}
	struct queue_entry e = {
		.card_id = row->card_id,
		.note_id = row->note_id,
		.due = row->due,
		.state = row->state,
		.deck = c->deck,
	};
	list_push(c->list, &e);
	c->got++;
	return c->got >= c->want;
}

static void answered_row(void *ctx, const struct store_answered_row *row)
{
	struct scan_ctx *c = ctx;
	struct queue_deck *d = NULL;
	for (size_t i = 0; i < c->q->n_decks && !d; i++)
		if (!strcmp(c->q->decks[i].slug, row->deck))
			d = &c->q->decks[i];
	if (!d)
		return;
	if (row->state_before == FSRS_NEW)
		d->new_today++;
	if (row->is_review)
		d->reviews_today++;
	/* The first card answered holds its note: a sibling answered too
	 * (before this rule, or by another swot) holds nothing more. */
	notes_claim(&c->q->notes, row->note_id, row->card_id);
}

static int cmp_due(const void *a, const void *b)
{
	const struct queue_entry *x = a, *y = b;
	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	if (x->deck != y->deck)
		return x->deck < y->deck ? -1 : 1;
	return x->card_id < y->card_id ? -1 : x->card_id > y->card_id;
}

static size_t room(int limit, int used)
{
	return limit > used ? (size_t)(limit - used) : 0;
}

static int build_deck(struct queue *q, size_t i, int64_t now,
		      struct swot_err *err)
{
	struct queue_deck *d = &q->decks[i];
	struct scan_ctx c = {.q = q, .deck = i, .want = SIZE_MAX};
	int rc;

	c.list = &q->learning;
	if ((rc = store_queue_scan(q->store, d->slug, STORE_SCAN_LEARNING, q->today,
				   q->day_end, scan_row, &c, err)))
		return rc;

	c.list = &q->review;
	c.got = 0;
	c.want = room(d->limits.reviews_per_day, d->reviews_today);
	if (c.want && (rc = store_queue_scan(q->store, d->slug, STORE_SCAN_REVIEW,
					     q->today, q->day_end, scan_row, &c, err)))
		return rc;

	int per_day = d->limits.new_per_day;
	if (d->limits.exam_at > now) {
		size_t left;
		if ((rc = store_count_new(q->store, d->slug, &left, err)))
			return rc;
		per_day = exam_new_per_day(per_day, EXAM_NEW_CAP, left, q->today,
					   learnday_of(d->limits.exam_at,
						       q->rollover_hour),
					   EXAM_LEAD_DAYS);
	}
	c.list = &q->fresh;
	c.got = 0;
	c.want = room(per_day, d->new_today);
	if (c.want && (rc = store_queue_scan(q->store, d->slug, STORE_SCAN_NEW,
					     q->today, q->day_end, scan_row, &c, err)))
		return rc;
	return SWOT_OK;
}

/* Fills the lists for the learning day of now. */
static int build_day(struct queue *q, int64_t now, struct swot_err *err)
{
	int rc;
	q->today = learnday_of(now, q->rollover_hour);
	int64_t day_start = learnday_start(q->today, q->rollover_hour);
	q->day_end = learnday_start(q->today + 1, q->rollover_hour);
	list_clear(&q->front);
	list_clear(&q->learning);
	list_clear(&q->review);
	list_clear(&q->fresh);
	i64map_clear(&q->notes);
	q->held = 0;
	for (size_t i = 0; i < q->n_decks; i++) {
		struct queue_deck *d = &q->decks[i];
		d->new_today = d->reviews_today = 0;
		if ((rc = q->limits(q->limits_ctx, d->slug, &d->limits, err)))
			return rc;
	}
	/* today's answers first: they count against the limits and hold
	 * their notes */
	struct scan_ctx c = {.q = q};
	if ((rc = store_answered_since(q->store, q->only, day_start, answered_row,
				       &c, err)))
		return rc;
	for (size_t i = 0; i < q->n_decks; i++)
		if ((rc = build_deck(q, i, now, err)))
			return rc;
	/* With every deck, the oldest reviews and learning cards go first. */
	if (q->n_decks > 1 && q->learning.n > 1)
		qsort(q->learning.items, q->learning.n, sizeof *q->learning.items,
		      cmp_due);
	if (q->n_decks > 1 && q->review.n > 1)
		qsort(q->review.items, q->review.n, sizeof *q->review.items, cmp_due);
	q->review_total = list_len(&q->review);
	q->fresh_total = list_len(&q->fresh);
	q->review_taken = q->fresh_taken = 0;
	return SWOT_OK;
}

int queue_build(struct queue *q, struct store *s, const char *deck,
		int64_t now, int rollover_hour, queue_limits_fn limits,
		void *limits_ctx, struct swot_err *err)
{
	struct strlist slugs = STRLIST_INIT;
	int rc;

	memset(q, 0, sizeof *q);
	q->store = s;
	q->rollover_hour = rollover_hour;
	q->limits = limits;
	q->limits_ctx = limits_ctx;
	if (deck) {
		if ((rc = store_deck_check(s, deck, err)))
			goto out;
		q->only = xstrdup(deck);
		strlist_push(&slugs, deck);
	} else if ((rc = store_deck_slugs(s, &slugs, err))) {
		goto out;
	}
	q->n_decks = slugs.n;
	q->decks = xcalloc(slugs.n, sizeof *q->decks);
	for (size_t i = 0; i < slugs.n; i++) {
		q->decks[i].slug = slugs.items[i];
		slugs.items[i] = NULL;
	}
	rc = build_day(q, now, err);
out:
	strlist_release(&slugs);
	return rc;
}

void queue_init_fixed(struct queue *q, const struct queue_entry *entries,
		      size_t n)
{
	memset(q, 0, sizeof *q);
	q->fixed = 1;
	for (size_t i = 0; i < n; i++)
		list_push(&q->front, &entries[i]);
}

/* ---- a drill round ---- */

/* A card that may be drilled, and what places it in the round. */
struct drill_pick {
	int64_t card_id, note_id;
	enum fsrs_state state;
	double retrievability; /* at the drill's time; 0 for a new card */
	size_t rank;           /* in the weakest-first order */
};

/* Weakest first: studied cards by retrievability, then new ones. */
static int cmp_weakest(const void *a, const void *b)
{
	const struct drill_pick *x = a, *y = b;
	int xn = x->state == FSRS_NEW, yn = y->state == FSRS_NEW;
	if (xn != yn)
		return xn - yn;
	if (x->retrievability != y->retrievability)
		return x->retrievability < y->retrievability ? -1 : 1;
	return x->card_id < y->card_id ? -1 : x->card_id > y->card_id;
}

static int cmp_note_then_rank(const void *a, const void *b)
{
	const struct drill_pick *x = a, *y = b;
	if (x->note_id != y->note_id)
		return x->note_id < y->note_id ? -1 : 1;
	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* Keeps, in order, only the first pick of each note; returns how many. */
static size_t one_per_note(struct drill_pick *picks, size_t n)
{
	struct drill_pick *by_note = xcalloc(n ? n : 1, sizeof *by_note);
	unsigned char *keep = xcalloc(n ? n : 1, 1);
	for (size_t i = 0; i < n; i++) {
		picks[i].rank = i;
		by_note[i] = picks[i];
	}
	if (n > 1)
		qsort(by_note, n, sizeof *by_note, cmp_note_then_rank);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || by_note[i].note_id != by_note[i - 1].note_id)
			keep[by_note[i].rank] = 1;
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (keep[i])
			picks[kept++] = picks[i];
	free(keep);
	free(by_note);
	return kept;
}

void queue_init_drill(struct queue *q, const struct store_drill_row *rows,
		      size_t n, const struct fsrs_params *p, int64_t now,
		      size_t limit)
{
	struct drill_pick *picks = xcalloc(n ? n : 1, sizeof *picks);
	for (size_t i = 0; i < n; i++) {
		const struct store_drill_row *r = &rows[i];
		double ret = 0;
		if (r->state != FSRS_NEW && r->stability > 0) {
			double days = (double)(now - r->last_review) / 86400.0;
			ret = fsrs_retrievability(p, days > 0 ? days : 0, r->stability);
		}
		picks[i] = (struct drill_pick){ r->card_id, r->note_id, r->state, ret, 0 };
	}
	if (n > 1)
		qsort(picks, n, sizeof *picks, cmp_weakest);
	n = one_per_note(picks, n);
	if (n > limit)
		n = limit;
	struct queue_entry *e = xcalloc(n ? n : 1, sizeof *e);
	for (size_t i = 0; i < n; i++) {
		e[i].card_id = picks[i].card_id;
		e[i].state = picks[i].state;
	}
	queue_init_fixed(q, e, n);
	free(e);
	free(picks);
}

void queue_release(struct queue *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->n_decks; i++)
		free(q->decks[i].slug);
	free(q->decks);
	free(q->only);
	list_release(&q->front);
	list_release(&q->learning);
	list_release(&q->review);
	list_release(&q->fresh);
	i64map_release(&q->notes);
	memset(q, 0, sizeof *q);
}

/* ---- asking ---- */

int queue_next(struct queue *q, int64_t now, struct queue_entry *out,
	       struct swot_err *err)
{
	int rc;
	if (!q->fixed && learnday_of(now, q->rollover_hour) != q->today &&
	    (rc = build_day(q, now, err)))
		return rc;
	if (list_take(&q->front, out))
		return 1;
	if (list_len(&q->learning) && q->learning.items[q->learning.head].due <= now)
		return list_take(&q->learning, out);

	size_t nr = list_len(&q->review), nf = list_len(&q->fresh);
	if (nr && nf) {
		/* the list that is further behind its share goes next */
		int review = q->review_taken * q->fresh_total <=
			     q->fresh_taken * q->review_total;
		if (review) {
			q->review_taken++;
			return list_take(&q->review, out);
		}
		q->fresh_taken++;
		return list_take(&q->fresh, out);
	}
	if (nr) {
		q->review_taken++;
		return list_take(&q->review, out);
	}
	if (nf) {
		q->fresh_taken++;
		return list_take(&q->fresh, out);
	}
	if (list_len(&q->learning) &&
	    q->learning.items[q->learning.head].due <= now + QUEUE_LEARN_AHEAD)
		return list_take(&q->learning, out);
	return 0;
}

void queue_answered(struct queue *q, const struct queue_entry *e,
		    enum fsrs_state state, int64_t due, int64_t now)
{
	(void)now;
	if (q->fixed)
		return;
	if (e->deck < q->n_decks) {
		if (e->state == FSRS_NEW)
			q->decks[e->deck].new_today++;
		else if (e->state == FSRS_REVIEW)
			q->decks[e->deck].reviews_today++;
	}
	notes_claim(&q->notes, e->note_id, e->card_id);
	if ((state == FSRS_LEARNING || state == FSRS_RELEARNING) && due < q->day_end) {
		struct queue_entry back = *e;
		back.state = state;
		back.due = due;
		list_remove_card(&q->learning, e->card_id);
		list_insert_by_due(&q->learning, &back);
	}
}

void queue_undo(struct queue *q, const struct queue_entry *e)
{
	if (e->deck < q->n_decks) {
		struct queue_deck *d = &q->decks[e->deck];
		if (e->state == FSRS_NEW && d->new_today > 0)
			d->new_today--;
		else if (e->state == FSRS_REVIEW && d->reviews_today > 0)
			d->reviews_today--;
	}
	list_remove_card(&q->learning, e->card_id);
	list_remove_card(&q->front, e->card_id);
	list_push_front(&q->front, e);
}

void queue_push_front(struct queue *q, const struct queue_entry *e)
{
	list_push_front(&q->front, e);
}

void queue_counts(const struct queue *q, size_t *learning, size_t *review,
		  size_t *fresh)
{
	size_t l = list_len(&q->learning), r = list_len(&q->review),
	       f = list_len(&q->fresh);
	for (size_t i = q->front.head; i < q->front.n; i++) {
		enum fsrs_state st = q->front.items[i].state;
		if (st == FSRS_NEW)
			f++;
		else if (st == FSRS_REVIEW)
			r++;
		else
			l++;
	}
	*learning = l;
	*review = r;
	*fresh = f;
}

size_t queue_held(const struct queue *q)
{
	return q->held;
}

int queue_due_tomorrow(struct queue *q, size_t *n, struct swot_err *err)
{
	size_t l, r, f, all = 0;
	int rc = store_count_due(q->store, q->only,
				 learnday_start(q->today + 2, q->rollover_hour), &all, err);
	queue_counts(q, &l, &r, &f);
	*n = !rc && all > l + r ? all - l - r : 0;
	return rc;
}

int queue_settings_limits(void *ctx, const char *deck, struct queue_limits *out,
			  struct swot_err *err)
{
	struct store *s = ctx;
	struct swot_settings set;
	int64_t exam_at = 0;
	int found = 0, rc;
	if ((rc = settings_load(s, deck, &set, err)) ||
	    (rc = store_exam_get(s, deck, &exam_at, &found, err)))
		return rc;
	out->new_per_day = set.new_per_day;
	out->reviews_per_day = set.reviews_per_day;
	out->exam_at = found ? exam_at : 0;
	return SWOT_OK;
}

int queue_today(struct store *s, const char *deck, int64_t now,
		struct queue_today *out, struct swot_err *err)
{
	struct swot_settings global;
	struct queue q;
	int rc;
	memset(out, 0, sizeof *out);
	if ((rc = settings_load(s, NULL, &global, err)))
		return rc;
	rc = queue_build(&q, s, deck, now, global.rollover_hour, queue_settings_limits, s,
			 err);
	if (!rc) {
		queue_counts(&q, &out->learning, &out->due, &out->fresh);
		out->held = queue_held(&q);
		rc = queue_due_tomorrow(&q, &out->tomorrow, err);
	}
	queue_release(&q);
	return rc;
}

int64_t queue_next_learning_due(const struct queue *q)
{
	return list_len(&q->learning) ? q->learning.items[q->learning.head].due : 0;
}

void queue_today_json(struct strbuf *sb, const struct queue_today *t)
{
	strbuf_addf(sb,
		    "{\"learning\":%zu,\"due\":%zu,\"new\":%zu,\"held\":%zu,"
		    "\"tomorrow\":%zu}",
		    t->learning, t->due, t->fresh, t->held, t->tomorrow);
}

void queue_today_text(struct strbuf *sb, const struct queue_today *t, const char *sep)
{
	strbuf_addf(sb, "learning %zu%sdue %zu%snew %zu", t->learning, sep, t->due, sep,
		    t->fresh);
	if (t->held)
		strbuf_addf(sb, "%s%zu held for tomorrow", sep, t->held);
}
