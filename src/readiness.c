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
 * KEEP_RUNS runs seeded from the card's id. */
static double keep_r(const struct fsrs_params *p, const struct fsrs_card *f0,
		     const char *id, int64_t start, int64_t exam_at, int rollover)
{
	int64_t exam_day = learnday_of(exam_at, rollover);
	double sum = 0;
	for (int run = 0; run < KEEP_RUNS; run++) {
		struct fsrs_card f = *f0;
		uint64_t rng = fnv1a(FNV1A_INIT, id, strlen(id)) + (uint64_t)run;
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

static struct readiness_topic *add_topic(struct readiness *r, size_t *alloc,
					 const char *kind, const char *key,
					 const char *name)
{
	ALLOC_GROW(r->topics, r->n_topics + 1, *alloc);
	struct readiness_topic *t = &r->topics[r->n_topics++];
	memset(t, 0, sizeof *t);
	t->kind = xstrdup(kind);
	t->key = xstrdup(key);
	t->name = xstrdup(name);
	return t;
}

/* Whether c has a tag that is a topic of its own. */
static int has_topic_tag(const struct readiness *r, const struct deck_card *c)
{
	for (size_t i = 0; i < r->n_topics; i++)
		if (!strcmp(r->topics[i].kind, "tag") && strlist_has(&c->tags, r->topics[i].key))
			return 1;
	return 0;
}

static int topic_has(const struct readiness *r, const struct readiness_topic *t,
		     const struct deck_card *c)
{
	if (!strcmp(t->kind, "characters"))
		return c->kind == NOTE_CHARACTER;
	if (!strcmp(t->kind, "themes"))
		return c->kind == NOTE_THEME;
	if (!strcmp(t->kind, "quotes"))
		return c->kind == NOTE_QUOTE;
	if (!strcmp(t->kind, "cards"))
		return c->kind == NOTE_CARD && !has_topic_tag(r, c);
	if (!strcmp(t->kind, "tag"))
		return c->kind == NOTE_CARD && strlist_has(&c->tags, t->key);
	return strlist_has(&c->themes, t->key); /* "theme" */
}

/* The index of s in l, or l->n. */
static size_t index_of(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->items[i], s))
			return i;
	return l->n;
}

/* The tags of the free cards with at least READINESS_MIN_TOPIC_CARDS
 * live cards each, sorted, into big. */
static void big_tags(const struct store_card *cards, size_t n, struct strlist *big)
{
	struct strlist tags = STRLIST_INIT;
	size_t *count = NULL, alloc = 0;
	for (size_t i = 0; i < n; i++) {
		const struct deck_card *c = &cards[i].c;
		for (size_t j = 0; !cards[i].retired && c->kind == NOTE_CARD && j < c->tags.n; j++) {
			size_t k = index_of(&tags, c->tags.items[j]);
			if (k == tags.n) {
				strlist_push(&tags, c->tags.items[j]);
				ALLOC_GROW(count, tags.n, alloc);
				count[k] = 0;
			}
			count[k]++;
		}
	}
	for (size_t k = 0; k < tags.n; k++)
		if (count[k] >= READINESS_MIN_TOPIC_CARDS)
			strlist_push(big, tags.items[k]);
	strlist_sort(big);
	free(count);
	strlist_release(&tags);
}

/* The topics with at least one card: the four kinds, each tag of the
 * free cards with enough cards to be a topic (the cards of the others
 * are "Other cards"), each theme of the deck (named ones in deck order
 * first). */
static void build_topics(struct readiness *r, const struct store_card *cards,
			 size_t n, const struct readiness_opts *o)
{
	size_t alloc = 0;
	int kinds[4] = {0, 0, 0, 0};
	struct strlist tags = STRLIST_INIT, themes = STRLIST_INIT;
	big_tags(cards, n, &tags);
	for (size_t i = 0; i < n; i++) {
		const struct deck_card *c = &cards[i].c;
		if (cards[i].retired)
			continue;
		if (c->kind == NOTE_CARD) {
			int tagged = 0;
			for (size_t j = 0; j < c->tags.n && !tagged; j++)
				tagged = strlist_has(&tags, c->tags.items[j]);
			kinds[3] |= !tagged;
		} else {
			kinds[c->kind == NOTE_CHARACTER ? 0 : c->kind == NOTE_THEME ? 1 : 2] = 1;
		}
		for (size_t j = 0; j < c->themes.n; j++)
			if (!strlist_has(&themes, c->themes.items[j]))
				strlist_push(&themes, c->themes.items[j]);
	}
	if (kinds[0])
		add_topic(r, &alloc, "characters", "", "Characters");
	if (kinds[1])
		add_topic(r, &alloc, "themes", "", "Themes");
	if (kinds[2])
		add_topic(r, &alloc, "quotes", "", "Quotes");
	if (kinds[3])
		add_topic(r, &alloc, "cards", "", "Other cards");
	for (size_t i = 0; i < tags.n; i++) {
		char *name = xasprintf("Cards tagged %s", tags.items[i]);
		add_topic(r, &alloc, "tag", tags.items[i], name);
		free(name);
	}
	/* Named themes in the deck's order, then any others by id. */
	struct strlist done = STRLIST_INIT;
	for (size_t i = 0; o->themes && i < o->n_themes; i++) {
		if (!strlist_has(&themes, o->themes[i].id) ||
		    strlist_has(&done, o->themes[i].id))
			continue;
		char *name = xasprintf("Theme: %s", o->themes[i].name);
		add_topic(r, &alloc, "theme", o->themes[i].id, name);
		free(name);
		strlist_push(&done, o->themes[i].id);
	}
	strlist_sort(&themes);
	for (size_t i = 0; i < themes.n; i++) {
		if (strlist_has(&done, themes.items[i]))
			continue;
		char *name = xasprintf("Theme: %s", themes.items[i]);
		add_topic(r, &alloc, "theme", themes.items[i], name);
		free(name);
	}
	strlist_release(&done);
	strlist_release(&tags);
	strlist_release(&themes);
}

static int cmp_weak(const void *a, const void *b)
{
	const struct readiness_weak *x = a, *y = b;
	if (x->r != y->r)
		return x->r < y->r ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * Keep your schedule (the best case): due reviews passed, new cards at the
 * pace.  keep[i] gets card i's recall on exam day, or -1 for a card not
 * simulated: a deck of more than FORECAST_SAMPLE cards is simulated on an
 * even sample, as the forecast is.
 */
static void keep_schedule(struct readiness *r, const struct store_card *cards, size_t n,
			  const struct readiness_opts *o, double *keep)
{
	struct fsrs_params sim = *o->params;
	int h = o->rollover_hour;
	int64_t today = learnday_of(r->now, h), exam_day = learnday_of(r->exam_at, h);
	size_t stride = r->total > FORECAST_SAMPLE
				? (r->total + FORECAST_SAMPLE - 1) / FORECAST_SAMPLE
				: 1;
	size_t k = 0, live = 0, seen_by_exam = 0, simulated = 0;
	double keep_sum = 0;
	sim.enable_fuzz = 0; /* the expectation, not one draw of it */
	for (size_t i = 0; i < n; i++) {
		keep[i] = -1;
		if (cards[i].retired)
			continue;
		int sampled = live++ % stride == 0;
		struct fsrs_card f = cards[i].f;
		int64_t start = r->now;
		if (f.state == FSRS_NEW || f.last_review == 0) {
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
		keep[i] = keep_r(&sim, &f, cards[i].c.id ? cards[i].c.id : "", start,
				 r->exam_at, h);
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
static void carry_on(struct readiness *r, const struct store_card *cards, size_t n,
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
	};
	forecast_compute(&r->forecast, cards, n, &r->basis, &fo);
	r->has_forecast = 1;
}

/* Each topic's cards, studied cards and mean recall (now, kept up,
 * carried on). */
static void topic_totals(struct readiness *r, const struct store_card *cards, size_t n,
			 const double *now_r, const double *keep)
{
	for (size_t t = 0; t < r->n_topics; t++) {
		struct readiness_topic *tp = &r->topics[t];
		double s = 0, ks = 0, cs = 0;
		size_t kn = 0;
		for (size_t i = 0; i < n; i++) {
			if (cards[i].retired || !topic_has(r, tp, &cards[i].c))
				continue;
			tp->total++;
			tp->studied += cards[i].f.state != FSRS_NEW && cards[i].f.last_review != 0;
			s += now_r[i];
			if (keep[i] >= 0) {
				ks += keep[i];
				kn++;
			}
			if (r->has_forecast)
				cs += r->forecast.card_r[i];
		}
		tp->now = tp->total ? s / (double)tp->total : 0;
		tp->keep = r->has_exam && kn ? ks / (double)kn : -1;
		tp->carry = r->has_forecast && tp->total ? cs / (double)tp->total : -1;
	}
}

/* The weakest studied cards. */
static void weakest(struct readiness *r, const struct store_card *cards, size_t n,
		    const double *now_r)
{
	size_t studied_idx = 0;
	struct readiness_weak *all = xcalloc(r->studied ? r->studied : 1, sizeof *all);
	for (size_t i = 0; i < n; i++) {
		const struct fsrs_card *f = &cards[i].f;
		if (cards[i].retired || f->state == FSRS_NEW || f->last_review == 0)
			continue;
		all[studied_idx].index = i;
		all[studied_idx++].r = now_r[i];
	}
	qsort(all, studied_idx, sizeof *all, cmp_weak);
	r->n_weakest = studied_idx < READINESS_WEAKEST ? studied_idx : READINESS_WEAKEST;
	memcpy(r->weakest, all, r->n_weakest * sizeof *all);
	free(all);
}

void readiness_compute(struct readiness *r, const struct store_card *cards,
		       size_t n, int64_t now, int64_t exam_at,
		       const struct readiness_opts *o)
{
	const struct fsrs_params *p = o->params;
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

	build_topics(r, cards, n, o);
	double *now_r = xcalloc(n ? n : 1, sizeof *now_r);
	double *keep = xcalloc(n ? n : 1, sizeof *keep);
	double sum = 0;
	for (size_t i = 0; i < n; i++) {
		keep[i] = -1;
		if (cards[i].retired)
			continue;
		const struct fsrs_card *f = &cards[i].f;
		r->total++;
		if (f->state != FSRS_NEW && f->last_review != 0) {
			r->studied++;
			now_r[i] = readiness_card_at(p, f, r->at, o->rollover_hour);
		} else {
			r->new_left++;
		}
		sum += now_r[i];
	}
	if (r->has_exam) {
		pace(r, o);
		if (!o->skip_keep)
			keep_schedule(r, cards, n, o, keep);
		if (o->basis)
			carry_on(r, cards, n, o);
	}
	r->mean = r->total ? sum / (double)r->total : 0;
	r->coverage = r->total ? (double)r->studied / (double)r->total : 0;
	topic_totals(r, cards, n, now_r, keep);
	weakest(r, cards, n, now_r);
	free(now_r);
	free(keep);
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

static void json_num(struct strbuf *sb, double v)
{
	if (v < 0 || !isfinite(v))
		strbuf_adds(sb, "null");
	else
		strbuf_addf(sb, "%.4f", v);
}

/* ,"forecast":{...},"to_reach":{...} (each null without a forecast) */
static void forecast_json(struct strbuf *sb, const struct readiness *r)
{
	const struct forecast *f = &r->forecast;
	const struct forecast_basis *b = &r->basis;
	strbuf_adds(sb, ",\"forecast\":");
	if (!r->has_forecast) {
		strbuf_adds(sb, "null,\"to_reach\":null");
		return;
	}
	strbuf_adds(sb, "{\"expected\":");
	json_num(sb, f->expected);
	strbuf_adds(sb, ",\"low\":");
	json_num(sb, f->low);
	strbuf_adds(sb, ",\"high\":");
	json_num(sb, f->high);
	strbuf_addf(sb, ",\"basis\":{\"days\":%d,\"days_studied\":%d,"
			"\"study_days_per_week\":%.2f,\"due_done\":%.4f,"
			"\"new_per_day\":%.2f,\"reviews_per_day\":%.2f,"
			"\"answers_per_session\":%.2f,\"seconds_per_answer\":%.1f}",
		    FORECAST_WINDOW_DAYS, b->days_studied, b->study_days_per_week, b->due_done,
		    b->new_per_day, b->reviews_per_day, b->answers_per_session,
		    b->seconds_per_answer);
	strbuf_adds(sb, ",\"next_days\":{\"recall\":");
	json_num(sb, f->window_recall);
	strbuf_adds(sb, ",\"low\":");
	json_num(sb, f->window_recall_low);
	strbuf_adds(sb, ",\"high\":");
	json_num(sb, f->window_recall_high);
	strbuf_addf(sb, ",\"answers_per_day\":%.2f}}", f->window_answers_per_day);
	strbuf_adds(sb, ",\"to_reach\":{\"target\":");
	json_num(sb, r->target);
	if (f->reach_answers > 0)
		strbuf_addf(sb, ",\"answers_per_day\":%d,\"minutes_per_day\":%.1f",
			    f->reach_answers, f->reach_minutes);
	else
		strbuf_adds(sb, ",\"answers_per_day\":null,\"minutes_per_day\":null");
	strbuf_adds(sb, ",\"best\":");
	json_num(sb, f->reach_best);
	strbuf_addc(sb, '}');
}

void readiness_json(struct strbuf *sb, const struct readiness *r,
		    const struct store_card *cards, const char *deck)
{
	strbuf_adds(sb, "{\"deck\":");
	textout_json_str(sb, deck);
	strbuf_adds(sb, ",\"now\":");
	textout_json_time(sb, r->now);
	strbuf_adds(sb, ",\"exam\":");
	if (r->has_exam)
		textout_json_time(sb, r->exam_at);
	else
		strbuf_adds(sb, "null");
	strbuf_adds(sb, ",\"days_left\":");
	if (r->has_exam)
		strbuf_addf(sb, "%lld", (long long)r->days_left);
	else
		strbuf_adds(sb, "null");
	strbuf_addf(sb, ",\"cards\":%zu,\"studied\":%zu,\"new_left\":%zu", r->total,
		    r->studied, r->new_left);
	strbuf_adds(sb, ",\"readiness\":");
	json_num(sb, r->mean);
	strbuf_adds(sb, ",\"coverage\":");
	json_num(sb, r->coverage);
	strbuf_adds(sb, ",\"keep_schedule\":");
	json_num(sb, r->keep);
	strbuf_adds(sb, ",\"keep_coverage\":");
	json_num(sb, r->keep_coverage);
	forecast_json(sb, r);
	strbuf_adds(sb, ",\"pace\":");
	if (r->has_exam) {
		strbuf_adds(sb, "{\"needed\":");
		if (r->pace_needed >= 0)
			strbuf_addf(sb, "%d", r->pace_needed);
		else
			strbuf_adds(sb, "null");
		strbuf_addf(sb, ",\"new_per_day\":%d,\"lead_days\":%d}", r->new_per_day,
			    r->lead_days);
	} else {
		strbuf_adds(sb, "null");
	}
	strbuf_adds(sb, ",\"topics\":[");
	for (size_t i = 0; i < r->n_topics; i++) {
		const struct readiness_topic *t = &r->topics[i];
		strbuf_adds(sb, i ? ",{\"kind\":" : "{\"kind\":");
		textout_json_str(sb, t->kind);
		strbuf_adds(sb, ",\"key\":");
		textout_json_str(sb, t->key);
		strbuf_adds(sb, ",\"name\":");
		textout_json_str(sb, t->name);
		strbuf_addf(sb, ",\"cards\":%zu,\"studied\":%zu,\"readiness\":", t->total,
			    t->studied);
		json_num(sb, t->now);
		strbuf_adds(sb, ",\"keep_schedule\":");
		json_num(sb, t->keep);
		strbuf_adds(sb, ",\"carry_on\":");
		json_num(sb, t->carry);
		strbuf_addc(sb, '}');
	}
	strbuf_adds(sb, "],\"weakest\":[");
	for (size_t i = 0; i < r->n_weakest; i++) {
		const struct store_card *c = &cards[r->weakest[i].index];
		strbuf_adds(sb, i ? ",{\"card\":" : "{\"card\":");
		textout_json_str(sb, c->c.id);
		strbuf_adds(sb, ",\"deck\":");
		textout_json_str(sb, c->deck_id);
		strbuf_adds(sb, ",\"prompt\":");
		textout_json_str(sb, c->c.prompt);
		strbuf_adds(sb, ",\"recall\":");
		json_num(sb, r->weakest[i].r);
		strbuf_addc(sb, '}');
	}
	strbuf_adds(sb, "]}");
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
