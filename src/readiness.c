/*
 * readiness.c: predicted recall on exam day, by topic (see readiness.h).
 */
#include "swot/readiness.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "swot/exam.h"
#include "swot/learnday.h"
#include "swot/textout.h"

/* A review loop that never ends would be a bug in the scheduler; this
 * bounds the simulation of one card whatever happens. */
#define KEEP_MAX_REVIEWS 400
/* Runs averaged for "keep your schedule". */
#define KEEP_RUNS 16

double readiness_card_r(const struct fsrs_params *p, const struct fsrs_card *c,
			double elapsed_days)
{
	if (c->state == FSRS_NEW || c->last_review == 0 || !(c->stability > 0))
		return 0;
	return fsrs_retrievability(p, elapsed_days < 0 ? 0 : elapsed_days, c->stability);
}

double readiness_card_at(const struct fsrs_params *p, const struct fsrs_card *c,
			 int64_t at, int rollover_hour)
{
	if (c->state == FSRS_NEW || c->last_review == 0)
		return 0;
	return readiness_card_r(p, c,
				(double)learnday_between(c->last_review, at, rollover_hour));
}

/* The expected R on the exam day of card f if the student answers every
 * review it falls due for before the exam day, at its due time (or at
 * start when overdue), recalling it with the probability FSRS predicts
 * (Good) or not (Again), with exam-aware intervals: the mean of
 * KEEP_RUNS runs seeded from the card's id (seed, its hash). */
static double keep_r(const struct fsrs_params *p, const struct fsrs_card *f0,
		     uint64_t seed, int64_t start, int64_t exam_at, int rollover)
{
	int64_t exam_day = learnday_of(exam_at, rollover);
	double sum = 0;
	for (int run = 0; run < KEEP_RUNS; run++) {
		struct fsrs_card f = *f0;
		uint64_t rng = seed + (uint64_t)run;
		for (int i = 0; i < KEEP_MAX_REVIEWS; i++) {
			int64_t t = f.due > start ? f.due : start;
			if (learnday_of(t, rollover) >= exam_day)
				break;
			int seen = f.state != FSRS_NEW && f.last_review != 0;
			int elapsed = seen ? (int)learnday_between(f.last_review, t, rollover) : 0;
			double r = seen && f.stability > 0
					   ? fsrs_retrievability(p, (double)(t - f.last_review) / 86400.0,
								 f.stability)
					   : 1.0; /* a new card is shown with its answer */
			enum fsrs_rating g = splitmix64_uniform(&rng) < r ? FSRS_GOOD : FSRS_AGAIN;
			if (fsrs_next(p, &f, t, elapsed < 0 ? 0 : elapsed, g, 0, &f, NULL))
				break;
			exam_shorten(&f, t, exam_at, rollover);
		}
		sum += readiness_card_at(p, &f, exam_at, rollover);
	}
	return sum / KEEP_RUNS;
}

/* ---- the cards, as readiness reads them ---- */

void readiness_cards_init(struct readiness_cards *cs)
{
	memset(cs, 0, sizeof *cs);
}

void readiness_cards_release(struct readiness_cards *cs)
{
	free(cs->f);
	free(cs->c);
	free(cs->keys);
	strlist_release(&cs->names);
	strmap_release(&cs->map);
	memset(cs, 0, sizeof *cs);
}

/* The number of s among cs->names, added when new. */
static uint32_t intern(struct readiness_cards *cs, const char *s)
{
	size_t len = strlen(s), k = strmap_get(&cs->map, s, len);
	if (k != STRMAP_NONE)
		return (uint32_t)k;
	k = cs->names.n;
	strlist_push(&cs->names, s);
	strmap_put(&cs->map, cs->names.items[k], len, k);
	return (uint32_t)k;
}

void readiness_cards_add(struct readiness_cards *cs, int64_t id, const char *key,
			 enum deck_note_kind kind, const struct strlist *tags,
			 const struct strlist *themes, const struct fsrs_card *f)
{
	ALLOC_GROW(cs->f, cs->n + 1, cs->alloc_f);
	ALLOC_GROW(cs->c, cs->n + 1, cs->alloc_c);
	ALLOC_GROW(cs->keys, cs->n_keys + tags->n + themes->n, cs->alloc_keys);
	struct readiness_card *c = &cs->c[cs->n];
	cs->f[cs->n++] = *f;
	c->id = id;
	c->seed = fnv1a(FNV1A_INIT, key ? key : "", key ? strlen(key) : 0);
	c->kind = kind;
	c->about = (uint32_t)cs->n_keys;
	c->n_tags = (uint32_t)tags->n;
	c->n_themes = (uint32_t)themes->n;
	for (size_t j = 0; j < tags->n; j++)
		cs->keys[cs->n_keys++] = intern(cs, tags->items[j]);
	for (size_t j = 0; j < themes->n; j++)
		cs->keys[cs->n_keys++] = intern(cs, themes->items[j]);
}

void readiness_cards_reorder(struct readiness_cards *cs, const size_t *perm)
{
	/* in place, cycle by cycle: no second copy of a large deck's cards */
	char *done = xcalloc(cs->n ? cs->n : 1, 1);
	for (size_t i = 0; i < cs->n; i++) {
		if (done[i])
			continue;
		struct fsrs_card f = cs->f[i];
		struct readiness_card c = cs->c[i];
		size_t j = i;
		for (size_t k = perm[j]; k != i; j = k, k = perm[j]) {
			cs->f[j] = cs->f[k];
			cs->c[j] = cs->c[k];
			done[j] = 1;
		}
		cs->f[j] = f;
		cs->c[j] = c;
		done[j] = 1;
	}
	free(done);
}

static int seen(const struct fsrs_card *f)
{
	return f->state != FSRS_NEW && f->last_review != 0;
}

/* ---- topics ---- */

/* Which topic each card counts in, by its kind, tags and themes: topic
 * numbers in r->topics, -1 for none. */
struct topic_map {
	int kind[DECK_NOTE_KINDS]; /* characters, themes, quotes, untagged free cards */
	int *tag;   /* by name number: free cards with that tag */
	int *theme; /* by name number: cards bearing on that theme */
};

static void add_topic(struct readiness *r, size_t *alloc, const char *kind,
		      const char *key, const char *name)
{
	ALLOC_GROW(r->topics, r->n_topics + 1, *alloc);
	struct readiness_topic *t = &r->topics[r->n_topics++];
	memset(t, 0, sizeof *t);
	t->kind = xstrdup(kind);
	t->key = xstrdup(key);
	t->name = xstrdup(name);
}

/* A name and its number, to sort names in byte order. */
struct named {
	const char *s;
	uint32_t k;
};

static int cmp_named(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->s, ((const struct named *)b)->s);
}

/* Sorts the names numbered ids[0..n) in byte order. */
static void sort_ids(const struct readiness_cards *cs, uint32_t *ids, size_t n)
{
	struct named *v = xcalloc(n ? n : 1, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = (struct named){cs->names.items[ids[i]], ids[i]};
	qsort(v, n, sizeof *v, cmp_named);
	for (size_t i = 0; i < n; i++)
		ids[i] = v[i].k;
	free(v);
}

/* The tags of free cards with at least READINESS_MIN_TOPIC_CARDS live
 * cards each (big[k] set for name k), in byte order into ids; *n gets
 * how many. */
static void big_tags(const struct readiness_cards *cs, char *big, uint32_t *ids,
		     size_t *n)
{
	size_t *count = xcalloc(cs->names.n ? cs->names.n : 1, sizeof *count);
	for (size_t i = 0; i < cs->n; i++)
		for (uint32_t j = 0; cs->c[i].kind == NOTE_CARD && j < cs->c[i].n_tags; j++)
			count[cs->keys[cs->c[i].about + j]]++;
	*n = 0;
	for (size_t k = 0; k < cs->names.n; k++)
		if ((big[k] = count[k] >= READINESS_MIN_TOPIC_CARDS))
			ids[(*n)++] = (uint32_t)k;
	sort_ids(cs, ids, *n);
	free(count);
}

/* Which kinds of card there are (kinds[3]: free cards with no big tag)
 * and which names are themes of a card (theme[k] set). */
static void kinds_and_themes(const struct readiness_cards *cs, const char *big,
			     int *kinds, char *theme)
{
	for (size_t i = 0; i < cs->n; i++) {
		const struct readiness_card *c = &cs->c[i];
		const uint32_t *k = &cs->keys[c->about];
		if (c->kind == NOTE_CARD) {
			int tagged = 0;
			for (uint32_t j = 0; j < c->n_tags && !tagged; j++)
				tagged = big[k[j]];
			kinds[3] |= !tagged;
		} else {
			kinds[c->kind == NOTE_CHARACTER ? 0 : c->kind == NOTE_THEME ? 1 : 2] = 1;
		}
		for (uint32_t j = 0; j < c->n_themes; j++)
			theme[k[c->n_tags + j]] = 1;
	}
}

/* One "theme" topic for name k, when it is a theme and has none yet. */
static void theme_topic(struct readiness *r, size_t *alloc, struct topic_map *m,
			const char *theme, size_t k, const char *id, const char *name)
{
	if (!theme[k] || m->theme[k] >= 0)
		return;
	char *title = xasprintf("Theme: %s", name);
	m->theme[k] = (int)r->n_topics;
	add_topic(r, alloc, "theme", id, title);
	free(title);
}

/* The topics with at least one card: the four kinds, each tag of the
 * free cards with enough cards to be a topic (the cards of the others
 * are "Other cards"), each theme of the deck (named ones in deck order
 * first, then any others by id); m says which topic a card counts in. */
static void build_topics(struct readiness *r, const struct readiness_cards *cs,
			 const struct readiness_opts *o, struct topic_map *m)
{
	static const char *const kind_topic[4][2] = {
		{"characters", "Characters"}, {"themes", "Themes"},
		{"quotes", "Quotes"}, {"cards", "Other cards"}};
	static const enum deck_note_kind kind_of[4] = {NOTE_CHARACTER, NOTE_THEME, NOTE_QUOTE,
						       NOTE_CARD};
	size_t alloc = 0, nn = cs->names.n ? cs->names.n : 1, n_big = 0, n_themes = 0;
	int kinds[4] = {0, 0, 0, 0};
	char *big = xcalloc(nn, 1), *theme = xcalloc(nn, 1);
	uint32_t *ids = xcalloc(nn, sizeof *ids);
	m->tag = xcalloc(nn, sizeof *m->tag);
	m->theme = xcalloc(nn, sizeof *m->theme);
	for (size_t k = 0; k < nn; k++)
		m->tag[k] = m->theme[k] = -1;
	big_tags(cs, big, ids, &n_big);
	kinds_and_themes(cs, big, kinds, theme);
	for (int k = 0; k < 4; k++) {
		m->kind[kind_of[k]] = kinds[k] ? (int)r->n_topics : -1;
		if (kinds[k])
			add_topic(r, &alloc, kind_topic[k][0], "", kind_topic[k][1]);
	}
	for (size_t i = 0; i < n_big; i++) {
		const char *tag = cs->names.items[ids[i]];
		char *name = xasprintf("Cards tagged %s", tag);
		m->tag[ids[i]] = (int)r->n_topics;
		add_topic(r, &alloc, "tag", tag, name);
		free(name);
	}
	for (size_t i = 0; o->themes && i < o->n_themes; i++) {
		size_t k = strmap_get(&cs->map, o->themes[i].id, strlen(o->themes[i].id));
		if (k != STRMAP_NONE)
			theme_topic(r, &alloc, m, theme, k, o->themes[i].id, o->themes[i].name);
	}
	for (size_t k = 0; k < cs->names.n; k++)
		if (theme[k] && m->theme[k] < 0)
			ids[n_themes++] = (uint32_t)k;
	sort_ids(cs, ids, n_themes);
	for (size_t i = 0; i < n_themes; i++)
		theme_topic(r, &alloc, m, theme, ids[i], cs->names.items[ids[i]],
			    cs->names.items[ids[i]]);
	free(big);
	free(theme);
	free(ids);
}

/*
 * Keep your schedule (the best case): due reviews passed, new cards at the
 * pace.  keep[i] gets card i's recall on exam day, or -1 for a card not
 * simulated: a deck of more than FORECAST_SAMPLE cards is simulated on an
 * even sample, as the forecast is.
 */
static void keep_schedule(struct readiness *r, const struct readiness_cards *cs,
			  const struct readiness_opts *o, double *keep)
{
	struct fsrs_params sim = *o->params;
	int h = o->rollover_hour;
	int64_t today = learnday_of(r->now, h), exam_day = learnday_of(r->exam_at, h);
	size_t stride = r->total > FORECAST_SAMPLE
				? (r->total + FORECAST_SAMPLE - 1) / FORECAST_SAMPLE
				: 1;
	size_t k = 0, seen_by_exam = 0, simulated = 0;
	double keep_sum = 0;
	sim.enable_fuzz = 0; /* the expectation, not one draw of it */
	for (size_t i = 0; i < cs->n; i++) {
		keep[i] = -1;
		int sampled = i % stride == 0;
		struct fsrs_card f = cs->f[i];
		int64_t start = r->now;
		if (!seen(&f)) {
			int per = r->new_per_day > 0 ? r->new_per_day : 1;
			int64_t day = today + (int64_t)(k++ / (size_t)per);
			if (day >= exam_day) {
				keep[i] = sampled ? 0 : -1;
				simulated += (size_t)sampled;
				continue;
			}
			if (day > today)
				start = learnday_start(day, h) + 12 * 3600;
			fsrs_card_new(&f, start);
		}
		seen_by_exam++;
		if (!sampled)
			continue;
		keep[i] = keep_r(&sim, &f, cs->c[i].seed, start, r->exam_at, h);
		keep_sum += keep[i];
		simulated++;
	}
	r->keep = simulated ? keep_sum / (double)simulated : 0;
	r->keep_coverage = r->total ? (double)seen_by_exam / (double)r->total : 0;
}

/* The pace: new cards a day needed, and what swot gives. */
static void pace(struct readiness *r, const struct readiness_opts *o)
{
	int h = o->rollover_hour;
	int64_t today = learnday_of(r->now, h), exam_day = learnday_of(r->exam_at, h);
	int64_t days = exam_day - o->lead_days - today;
	if (r->new_left == 0)
		r->pace_needed = 0;
	else if (days <= 0)
		r->pace_needed = -1;
	else
		r->pace_needed = (int)(((int64_t)r->new_left + days - 1) / days);
	r->new_per_day = exam_new_per_day(o->new_per_day, o->new_cap, r->new_left, today,
					  exam_day, o->lead_days);
}

/* Carry on as you have been, from o->basis (forecast.h). */
static void carry_on(struct readiness *r, const struct readiness_cards *cs,
		     const struct readiness_opts *o)
{
	r->basis = *o->basis;
	if (!forecast_basis_finish(&r->basis)) {
		r->no_history = 1;
		return;
	}
	struct forecast_opts fo = {
		.params = o->params,
		.now = r->now,
		.exam_at = r->exam_at,
		.rollover_hour = o->rollover_hour,
		.new_per_day_limit = r->new_per_day,
		.reviews_per_day_limit = o->reviews_per_day,
		.target = o->target,
		.skip_reach = o->skip_reach,
	};
	forecast_compute(&r->forecast, cs->f, cs->n, &r->basis, &fo);
	r->has_forecast = 1;
}

/* What a topic's cards add up to, while they are counted. */
struct topic_sum {
	double now, keep, carry;
	size_t keep_n, carry_n;
	size_t last; /* 1 + the card counted last: a card counts once */
};

static void topic_add(struct readiness *r, struct topic_sum *ts, int t, size_t i,
		      const struct readiness_cards *cs, const double *now_r,
		      const double *keep, size_t stride)
{
	if (t < 0 || ts[t].last == i + 1)
		return;
	ts[t].last = i + 1;
	r->topics[t].total++;
	r->topics[t].studied += (size_t)seen(&cs->f[i]);
	ts[t].now += now_r[i];
	if (keep[i] >= 0) {
		ts[t].keep += keep[i];
		ts[t].keep_n++;
	}
	if (r->has_forecast && i % stride == 0) { /* a card the forecast simulated */
		ts[t].carry += r->forecast.card_r[i];
		ts[t].carry_n++;
	}
}

/* Each topic's cards, studied cards and mean recall (now, kept up,
 * carried on), in one pass over the cards: each topic's sums add its
 * cards in card order.  Kept up and carried on are means over the
 * topic's cards that were simulated: of a deck of more than
 * FORECAST_SAMPLE cards, an even sample (none for a topic the sample
 * missed: -1). */
static void topic_totals(struct readiness *r, const struct readiness_cards *cs,
			 const struct topic_map *m, const double *now_r,
			 const double *keep)
{
	size_t stride = cs->n > FORECAST_SAMPLE ? (cs->n + FORECAST_SAMPLE - 1) / FORECAST_SAMPLE
						: 1;
	struct topic_sum *ts = xcalloc(r->n_topics ? r->n_topics : 1, sizeof *ts);
	for (size_t i = 0; i < cs->n; i++) {
		const struct readiness_card *c = &cs->c[i];
		const uint32_t *k = &cs->keys[c->about];
		int tagged = 0;
		for (uint32_t j = 0; c->kind == NOTE_CARD && j < c->n_tags; j++) {
			tagged |= m->tag[k[j]] >= 0;
			topic_add(r, ts, m->tag[k[j]], i, cs, now_r, keep, stride);
		}
		if (!tagged)
			topic_add(r, ts, m->kind[c->kind], i, cs, now_r, keep, stride);
		for (uint32_t j = 0; j < c->n_themes; j++)
			topic_add(r, ts, m->theme[k[c->n_tags + j]], i, cs, now_r, keep, stride);
	}
	for (size_t t = 0; t < r->n_topics; t++) {
		struct readiness_topic *tp = &r->topics[t];
		tp->now = tp->total ? ts[t].now / (double)tp->total : 0;
		tp->keep = r->has_exam && ts[t].keep_n ? ts[t].keep / (double)ts[t].keep_n : -1;
		tp->carry = r->has_forecast && ts[t].carry_n ? ts[t].carry / (double)ts[t].carry_n
							     : -1;
	}
	free(ts);
}

/* Whether studied card a is weaker than b: lower recall, then first. */
static int weaker(const struct readiness_weak *a, const struct readiness_weak *b)
{
	return a->r < b->r || (a->r == b->r && a->index < b->index);
}

/* The READINESS_WEAKEST weakest studied cards, weakest first: kept in
 * order as the cards go by, never a sort of them all. */
static void weakest(struct readiness *r, const struct readiness_cards *cs,
		    const double *now_r)
{
	r->n_weakest = 0;
	for (size_t i = 0; i < cs->n; i++) {
		if (!seen(&cs->f[i]))
			continue;
		struct readiness_weak w = {.index = i, .r = now_r[i]};
		size_t at = r->n_weakest;
		if (at == READINESS_WEAKEST && !weaker(&w, &r->weakest[at - 1]))
			continue;
		if (at < READINESS_WEAKEST)
			r->n_weakest++;
		else
			at--;
		for (; at > 0 && weaker(&w, &r->weakest[at - 1]); at--)
			r->weakest[at] = r->weakest[at - 1];
		r->weakest[at] = w;
	}
}

void readiness_compute_cards(struct readiness *r, const struct readiness_cards *cs,
			     int64_t now, int64_t exam_at, const struct readiness_opts *o)
{
	const struct fsrs_params *p = o->params;
	struct topic_map m;
	memset(r, 0, sizeof *r);
	r->now = now;
	r->has_exam = exam_at > now;
	r->exam_at = exam_at > now ? exam_at : 0;
	r->exam_passed = exam_at && exam_at <= now ? exam_at : 0;
	r->at = r->has_exam ? exam_at : now;
	r->days_left = r->has_exam ? exam_days_left(now, exam_at) : 0;
	r->keep = r->keep_coverage = -1;
	r->lead_days = o->lead_days;
	r->target = o->target;
	r->new_per_day = o->new_per_day;

	build_topics(r, cs, o, &m);
	size_t n = cs->n;
	double *now_r = xcalloc(n ? n : 1, sizeof *now_r);
	double *keep = xcalloc(n ? n : 1, sizeof *keep);
	double sum = 0;
	for (size_t i = 0; i < n; i++) {
		keep[i] = -1;
		r->total++;
		if (seen(&cs->f[i])) {
			r->studied++;
			now_r[i] = readiness_card_at(p, &cs->f[i], r->at, o->rollover_hour);
		} else {
			r->new_left++;
		}
		sum += now_r[i];
	}
	if (r->has_exam) {
		pace(r, o);
		if (!o->skip_keep)
			keep_schedule(r, cs, o, keep);
		if (o->basis)
			carry_on(r, cs, o);
	}
	r->mean = r->total ? sum / (double)r->total : 0;
	r->coverage = r->total ? (double)r->studied / (double)r->total : 0;
	topic_totals(r, cs, &m, now_r, keep);
	weakest(r, cs, now_r);
	free(m.tag);
	free(m.theme);
	free(now_r);
	free(keep);
}

void readiness_compute(struct readiness *r, const struct store_card *cards,
		       size_t n, int64_t now, int64_t exam_at,
		       const struct readiness_opts *o)
{
	struct readiness_cards cs;
	size_t *from = xcalloc(n ? n : 1, sizeof *from);
	readiness_cards_init(&cs);
	for (size_t i = 0; i < n; i++) {
		if (cards[i].retired)
			continue;
		from[cs.n] = i;
		readiness_cards_add(&cs, cards[i].id, cards[i].c.id, cards[i].c.kind,
				    &cards[i].c.tags, &cards[i].c.themes, &cards[i].f);
	}
	readiness_compute_cards(r, &cs, now, exam_at, o);
	/* back to the caller's numbering, retired cards included */
	for (size_t k = 0; k < r->n_weakest; k++)
		r->weakest[k].index = from[r->weakest[k].index];
	if (r->has_forecast) {
		double *card_r = xcalloc(n ? n : 1, sizeof *card_r);
		for (size_t i = 0; i < cs.n; i++)
			card_r[from[i]] = r->forecast.card_r[i];
		free(r->forecast.card_r);
		r->forecast.card_r = card_r;
	}
	readiness_cards_release(&cs);
	free(from);
}

void readiness_release(struct readiness *r)
{
	forecast_release(&r->forecast);
	for (size_t i = 0; i < r->n_topics; i++) {
		free(r->topics[i].kind);
		free(r->topics[i].key);
		free(r->topics[i].name);
	}
	free(r->topics);
	r->topics = NULL;
	r->n_topics = 0;
}

/* ---- text ---- */


/* "  42%  ████████░░░░" */
static void pct_bar(struct strbuf *sb, double frac, int width, int ascii)
{
	strbuf_addf(sb, "%4d%%  ", textout_pct(frac));
	textout_bar(sb, frac, width, ascii);
}

/* Whole minutes, at least one. */
static int minutes(double m)
{
	return m < 1 ? 1 : (int)(m + 0.5);
}

/* "if you carry on as you have been", its range and basis, and what it
 * takes to reach the target. */
static void forecast_text(struct strbuf *sb, const struct readiness *r, int ascii)
{
	const struct forecast *f = &r->forecast;
	const struct forecast_basis *b = &r->basis;
	if (r->no_history) {
		strbuf_adds(sb, "  if you carry on as you have been: not enough history to "
				"forecast yet\n"
				"  (it takes a few days of study; keep to the pace below)\n");
		return;
	}
	if (!r->has_forecast)
		return;
	strbuf_adds(sb, "  if you carry on as you have been ");
	pct_bar(sb, f->expected, 30, ascii);
	strbuf_addf(sb, "\n%37slikely %d%% to %d%%\n", "", textout_pct(f->low),
		    textout_pct(f->high));
	strbuf_addf(sb, "  (last %d days: %d %s studied, %.0f %s and %.0f new %s a day)\n",
		    FORECAST_WINDOW_DAYS, b->days_studied, b->days_studied == 1 ? "day" : "days",
		    b->answers_per_session, b->answers_per_session == 1 ? "answer" : "answers",
		    b->new_per_day, b->new_per_day == 1 ? "card" : "cards");
	if (f->reach_answers > 0)
		strbuf_addf(sb, "About %d answers (%d %s) a day from now gets you to %d%%.\n",
			    f->reach_answers, minutes(f->reach_minutes),
			    minutes(f->reach_minutes) == 1 ? "minute" : "minutes",
			    textout_pct(r->target));
	else
		strbuf_addf(sb,
			    "Your daily limits reach about %d%% at most by the exam, short of "
			    "%d%%:\nraise new-per-day with swot config.\n",
			    textout_pct(f->reach_best), textout_pct(r->target));
}

/* The table of topics, when the deck has any. */
static void topics_text(struct strbuf *sb, const struct readiness *r, int ascii)
{
	if (!r->n_topics)
		return;
	strbuf_addc(sb, '\n');
	textout_cell(sb, "By topic", 40, 0, ascii);
	strbuf_addf(sb, " %6s %7s %8s", "cards", "studied", r->has_exam ? "stop now" : "now");
	if (r->has_forecast)
		strbuf_addf(sb, " %8s", "carry on");
	strbuf_addc(sb, '\n');
	for (size_t i = 0; i < r->n_topics; i++) {
		const struct readiness_topic *t = &r->topics[i];
		strbuf_adds(sb, "  ");
		textout_cell(sb, t->name, 38, 0, ascii);
		strbuf_addf(sb, " %6zu %7zu", t->total, t->studied);
		if (!t->studied)
			strbuf_addf(sb, " %8s", "not started");
		else if (r->has_forecast && t->carry < 0) /* none of it simulated */
			strbuf_addf(sb, " %7d%% %8s", textout_pct(t->now), "-");
		else if (r->has_forecast)
			strbuf_addf(sb, " %7d%% %7d%%", textout_pct(t->now),
				    textout_pct(t->carry));
		else
			strbuf_addf(sb, " %7d%%", textout_pct(t->now));
		strbuf_addc(sb, '\n');
	}
}

/* The weakest cards studied, when there are any. */
static void weakest_text(struct strbuf *sb, const struct readiness *r,
			 const struct store_card *cards, int ascii)
{
	if (!r->n_weakest)
		return;
	strbuf_addf(sb, "\nWeakest cards studied (recall %s)\n",
		    r->has_exam ? "on exam day" : "now");
	for (size_t i = 0; i < r->n_weakest; i++) {
		const struct store_card *c = &cards[r->weakest[i].index];
		char *prompt = readiness_prompt_line(c->c.prompt);
		strbuf_addf(sb, "%4d%%  ", textout_pct(r->weakest[i].r));
		textout_cell(sb, c->c.id, 24, 0, ascii);
		strbuf_addc(sb, ' ');
		textout_cell(sb, prompt, 47, 0, ascii);
		while (sb->len && sb->buf[sb->len - 1] == ' ')
			sb->buf[--sb->len] = '\0';
		strbuf_addc(sb, '\n');
		free(prompt);
	}
}

void readiness_text(struct strbuf *sb, const struct readiness *r,
		    const struct store_card *cards, const char *title,
		    const char *deck, int ascii)
{
	const char *dot = ascii ? "-" : "\u00b7";
	char when[64];

	strbuf_adds(sb, "Readiness: ");
	textout_cell(sb, title, 68, 0, ascii);
	while (sb->len && sb->buf[sb->len - 1] == ' ')
		sb->buf[--sb->len] = '\0';
	strbuf_addc(sb, '\n');
	if (r->has_exam) {
		char left[48];
		exam_format_date(r->exam_at, when, sizeof when);
		exam_countdown(r->days_left, 0, left, sizeof left);
		strbuf_addf(sb, "Exam %s %s %s\n\n", when, dot, left);
		strbuf_adds(sb, "Predicted recall on exam day\n");
		strbuf_adds(sb, "  if you stop now                  ");
		pct_bar(sb, r->mean, 30, ascii);
		strbuf_addc(sb, '\n');
		forecast_text(sb, r, ascii);
	} else {
		exam_format_date(r->now, when, sizeof when);
		if (r->exam_passed) {
			char was[64];
			exam_format_date(r->exam_passed, was, sizeof was);
			strbuf_addf(sb, "The exam (%s) has passed: recall if tested now\n\n", was);
		} else {
			strbuf_addf(sb, "No exam date set: recall if tested now (%s)\n\n", when);
		}
		strbuf_adds(sb, "Predicted recall now       ");
		pct_bar(sb, r->mean, 40, ascii);
		strbuf_addc(sb, '\n');
	}
	strbuf_addf(sb, "Cards studied %zu of %zu (%d%%)", r->studied, r->total,
		    textout_pct(r->coverage));
	if (r->has_exam && r->new_left) {
		strbuf_addf(sb, "; %zu new left\n", r->new_left);
		if (r->pace_needed > 0)
			strbuf_addf(sb,
				    "Pace needed   %d new a day to meet every card %d days "
				    "before the exam\n"
				    "              (swot gives you %d a day)\n",
				    r->pace_needed, r->lead_days, r->new_per_day);
		else
			strbuf_addf(sb,
				    "Pace needed   the %d days before the exam have begun: "
				    "learn the rest now\n"
				    "              (swot gives you %d a day)\n",
				    r->lead_days, r->new_per_day);
	} else {
		strbuf_addc(sb, '\n');
	}
	if (r->has_left) {
		strbuf_adds(sb, "Left today    ");
		queue_today_text(sb, &r->left, ascii ? " - " : " \u00b7 ");
		strbuf_addc(sb, '\n');
	}

	topics_text(sb, r, ascii);
	weakest_text(sb, r, cards, ascii);
	if (!r->has_exam)
		strbuf_addf(sb, "\nWhen is the %sexam?  Set it with: swot exam %s YYYY-MM-DD\n",
			    r->exam_passed ? "next " : "", deck ? deck : "DECK");
	else if (r->studied == 0)
		strbuf_addf(sb, "\nStart with: swot review%s%s\n", deck ? " " : "",
			    deck ? deck : "");
}

/* ---- JSON ---- */

/* "key": v with four decimals, or null when v is negative (none) or not
 * finite. */
static void key_num(struct strbuf *sb, const char *key, double v)
{
	if (v < 0 || !isfinite(v))
		textout_json_keyf(sb, key, "null");
	else
		textout_json_key_num(sb, key, v);
}

/* "forecast":{...},"to_reach":{...} (each null without a forecast) */
static void forecast_json(struct strbuf *sb, const struct readiness *r)
{
	const struct forecast *f = &r->forecast;
	const struct forecast_basis *b = &r->basis;
	if (!r->has_forecast) {
		textout_json_keyf(sb, "forecast", "null");
		textout_json_keyf(sb, "to_reach", "null");
		return;
	}
	textout_json_keyf(sb, "forecast", "{");
	key_num(sb, "expected", f->expected);
	key_num(sb, "low", f->low);
	key_num(sb, "high", f->high);
	textout_json_keyf(sb, "basis", "{");
	textout_json_keyf(sb, "days", "%d", FORECAST_WINDOW_DAYS);
	textout_json_keyf(sb, "days_studied", "%d", b->days_studied);
	textout_json_keyf(sb, "study_days_per_week", "%.2f", b->study_days_per_week);
	textout_json_keyf(sb, "due_done", "%.4f", b->due_done);
	textout_json_keyf(sb, "new_per_day", "%.2f", b->new_per_day);
	textout_json_keyf(sb, "reviews_per_day", "%.2f", b->reviews_per_day);
	textout_json_keyf(sb, "answers_per_session", "%.2f", b->answers_per_session);
	textout_json_keyf(sb, "seconds_per_answer", "%.1f}", b->seconds_per_answer);
	textout_json_keyf(sb, "next_days", "{");
	key_num(sb, "recall", f->window_recall);
	key_num(sb, "low", f->window_recall_low);
	key_num(sb, "high", f->window_recall_high);
	textout_json_keyf(sb, "answers_per_day", "%.2f}}", f->window_answers_per_day);
	textout_json_keyf(sb, "to_reach", "{");
	key_num(sb, "target", r->target);
	if (f->reach_answers > 0) {
		textout_json_keyf(sb, "answers_per_day", "%d", f->reach_answers);
		textout_json_keyf(sb, "minutes_per_day", "%.1f", f->reach_minutes);
	} else {
		textout_json_keyf(sb, "answers_per_day", "null");
		textout_json_keyf(sb, "minutes_per_day", "null");
	}
	key_num(sb, "best", f->reach_best);
	strbuf_addc(sb, '}');
}

/* "pace":{...}, null without an exam */
static void pace_json(struct strbuf *sb, const struct readiness *r)
{
	if (!r->has_exam) {
		textout_json_keyf(sb, "pace", "null");
		return;
	}
	textout_json_keyf(sb, "pace", "{");
	if (r->pace_needed >= 0)
		textout_json_keyf(sb, "needed", "%d", r->pace_needed);
	else
		textout_json_keyf(sb, "needed", "null");
	textout_json_keyf(sb, "new_per_day", "%d", r->new_per_day);
	textout_json_keyf(sb, "lead_days", "%d}", r->lead_days);
}

static void topics_json(struct strbuf *sb, const struct readiness *r)
{
	textout_json_keyf(sb, "topics", "[");
	for (size_t i = 0; i < r->n_topics; i++) {
		const struct readiness_topic *t = &r->topics[i];
		strbuf_adds(sb, i ? ",{" : "{");
		textout_json_key_str(sb, "kind", t->kind);
		textout_json_key_str(sb, "key", t->key);
		textout_json_key_str(sb, "name", t->name);
		textout_json_keyf(sb, "cards", "%zu", t->total);
		textout_json_keyf(sb, "studied", "%zu", t->studied);
		key_num(sb, "readiness", t->now);
		key_num(sb, "keep_schedule", t->keep);
		key_num(sb, "carry_on", t->carry);
		strbuf_addc(sb, '}');
	}
	strbuf_addc(sb, ']');
}

static void weakest_json(struct strbuf *sb, const struct readiness *r,
			 const struct store_card *cards)
{
	textout_json_keyf(sb, "weakest", "[");
	for (size_t i = 0; i < r->n_weakest; i++) {
		const struct store_card *c = &cards[r->weakest[i].index];
		strbuf_adds(sb, i ? ",{" : "{");
		textout_json_key_str(sb, "card", c->c.id);
		textout_json_key_str(sb, "deck", c->deck_id);
		textout_json_key_str(sb, "prompt", c->c.prompt);
		key_num(sb, "recall", r->weakest[i].r);
		strbuf_addc(sb, '}');
	}
	strbuf_addc(sb, ']');
}

void readiness_json(struct strbuf *sb, const struct readiness *r,
		    const struct store_card *cards, const char *deck)
{
	strbuf_addc(sb, '{');
	textout_json_key_str(sb, "deck", deck);
	textout_json_key(sb, "now");
	textout_json_time(sb, r->now);
	textout_json_key(sb, "exam");
	if (r->has_exam)
		textout_json_time(sb, r->exam_at);
	else
		strbuf_adds(sb, "null");
	if (r->has_exam)
		textout_json_keyf(sb, "days_left", "%lld", (long long)r->days_left);
	else
		textout_json_keyf(sb, "days_left", "null");
	textout_json_keyf(sb, "cards", "%zu", r->total);
	textout_json_keyf(sb, "studied", "%zu", r->studied);
	textout_json_keyf(sb, "new_left", "%zu", r->new_left);
	key_num(sb, "readiness", r->mean);
	key_num(sb, "coverage", r->coverage);
	key_num(sb, "keep_schedule", r->keep);
	key_num(sb, "keep_coverage", r->keep_coverage);
	forecast_json(sb, r);
	pace_json(sb, r);
	textout_json_key(sb, "left_today");
	if (r->has_left)
		queue_today_json(sb, &r->left);
	else
		strbuf_adds(sb, "null");
	topics_json(sb, r);
	weakest_json(sb, r, cards);
	strbuf_addc(sb, '}');
}

char *readiness_prompt_line(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = s ? s : ""; *p; p++) {
		const char *end;
		if (p[0] == '{' && p[1] == '{' && (end = strstr(p + 2, "}}"))) {
			strbuf_adds(&sb, "___");
			p = end + 1;
		} else if (*p == '\n' || *p == '\t' || *p == '\r') {
			strbuf_addc(&sb, ' ');
		} else {
			strbuf_addc(&sb, *p);
		}
	}
	return strbuf_detach(&sb);
}
