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

static int strlist_has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->items[i], s))
			return 1;
	return 0;
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

static int topic_has(const struct readiness_topic *t, const struct deck_card *c)
{
	if (!strcmp(t->kind, "characters"))
		return c->kind == NOTE_CHARACTER;
	if (!strcmp(t->kind, "themes"))
		return c->kind == NOTE_THEME;
	if (!strcmp(t->kind, "quotes"))
		return c->kind == NOTE_QUOTE;
	if (!strcmp(t->kind, "cards"))
		return c->kind == NOTE_CARD && c->tags.n == 0;
	if (!strcmp(t->kind, "tag"))
		return c->kind == NOTE_CARD && strlist_has(&c->tags, t->key);
	return strlist_has(&c->themes, t->key); /* "theme" */
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The topics with at least one card: the four kinds, each tag of the
 * free cards, each theme of the deck (named ones in deck order first). */
static void build_topics(struct readiness *r, const struct store_card *cards,
			 size_t n, const struct readiness_opts *o)
{
	size_t alloc = 0;
	int kinds[4] = {0, 0, 0, 0};
	struct strlist tags = STRLIST_INIT, themes = STRLIST_INIT;
	for (size_t i = 0; i < n; i++) {
		const struct deck_card *c = &cards[i].c;
		if (cards[i].retired)
			continue;
		if (c->kind == NOTE_CARD && c->tags.n == 0)
			kinds[3] = 1;
		else if (c->kind != NOTE_CARD)
			kinds[c->kind == NOTE_CHARACTER ? 0 : c->kind == NOTE_THEME ? 1 : 2] = 1;
		for (size_t j = 0; c->kind == NOTE_CARD && j < c->tags.n; j++)
			if (!strlist_has(&tags, c->tags.items[j]))
				strlist_push(&tags, c->tags.items[j]);
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
	if (tags.n)
		qsort(tags.items, tags.n, sizeof *tags.items, cmp_str);
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
	if (themes.n)
		qsort(themes.items, themes.n, sizeof *themes.items, cmp_str);
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

void readiness_compute(struct readiness *r, const struct store_card *cards,
		       size_t n, int64_t now, int64_t exam_at,
		       const struct readiness_opts *o)
{
	const struct fsrs_params *p = o->params;
	struct fsrs_params sim = *p;
	int h = o->rollover_hour;
	memset(r, 0, sizeof *r);
	r->now = now;
	r->has_exam = exam_at > now;
	r->exam_at = exam_at > now ? exam_at : 0;
	r->exam_passed = exam_at && exam_at <= now ? exam_at : 0;
	r->at = r->has_exam ? exam_at : now;
	r->days_left = r->has_exam ? exam_days_left(now, exam_at) : 0;
	r->keep = r->keep_coverage = -1;
	r->lead_days = o->lead_days;
	sim.enable_fuzz = 0; /* the expectation, not one draw of it */

	build_topics(r, cards, n, o);
	double *now_r = xcalloc(n ? n : 1, sizeof *now_r);
	double *keep = xcalloc(n ? n : 1, sizeof *keep);
	double sum = 0, keep_sum = 0;
	size_t studied_idx = 0;

	for (size_t i = 0; i < n; i++) {
		if (cards[i].retired)
			continue;
		const struct fsrs_card *f = &cards[i].f;
		r->total++;
		int seen = f->state != FSRS_NEW && f->last_review != 0;
		if (seen) {
			r->studied++;
			now_r[i] = readiness_card_at(p, f, r->at, h);
		} else {
			r->new_left++;
		}
		sum += now_r[i];
	}

	if (r->has_exam) {
		int64_t today = learnday_of(now, h), exam_day = learnday_of(exam_at, h);
		int64_t days = exam_day - o->lead_days - today;
		if (r->new_left == 0)
			r->pace_needed = 0;
		else if (days <= 0)
			r->pace_needed = -1;
		else
			r->pace_needed = (int)(((int64_t)r->new_left + days - 1) / days);
		r->new_per_day = exam_new_per_day(o->new_per_day, o->new_cap, r->new_left,
						  today, exam_day, o->lead_days);
		/* Keep your schedule: due reviews passed, new cards at the pace. */
		size_t k = 0, seen_by_exam = 0;
		for (size_t i = 0; i < n; i++) {
			if (cards[i].retired)
				continue;
			struct fsrs_card f = cards[i].f;
			int64_t start = now;
			if (f.state == FSRS_NEW || f.last_review == 0) {
				int per = r->new_per_day > 0 ? r->new_per_day : 1;
				int64_t day = today + (int64_t)(k++ / (size_t)per);
				if (day >= exam_day) {
					keep[i] = 0;
					continue;
				}
				if (day > today)
					start = learnday_start(day, h) + 12 * 3600;
				fsrs_card_new(&f, start);
			}
			seen_by_exam++;
			keep[i] = keep_r(&sim, &f, cards[i].c.id ? cards[i].c.id : "", start,
					 exam_at, h);
			keep_sum += keep[i];
		}
		r->keep = r->total ? keep_sum / (double)r->total : 0;
		r->keep_coverage = r->total ? (double)seen_by_exam / (double)r->total : 0;
	} else {
		r->new_per_day = o->new_per_day;
	}
	r->mean = r->total ? sum / (double)r->total : 0;
	r->coverage = r->total ? (double)r->studied / (double)r->total : 0;

	for (size_t t = 0; t < r->n_topics; t++) {
		struct readiness_topic *tp = &r->topics[t];
		double s = 0, ks = 0;
		for (size_t i = 0; i < n; i++) {
			if (cards[i].retired || !topic_has(tp, &cards[i].c))
				continue;
			tp->total++;
			tp->studied += cards[i].f.state != FSRS_NEW && cards[i].f.last_review != 0;
			s += now_r[i];
			ks += keep[i];
		}
		tp->now = tp->total ? s / (double)tp->total : 0;
		tp->keep = r->has_exam && tp->total ? ks / (double)tp->total : -1;
	}

	/* The weakest studied cards. */
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
	free(now_r);
	free(keep);
}

void readiness_release(struct readiness *r)
{
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

/* The card's prompt on one line, newlines as spaces and cloze gaps
 * blanked (the weakest list must not give the answers away). */
static char *one_line(const char *s)
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

/* "  42%  ████████░░░░" */
static void pct_bar(struct strbuf *sb, double frac, int width, int ascii)
{
	strbuf_addf(sb, "%4d%%  ", textout_pct(frac));
	textout_bar(sb, frac, width, ascii);
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
		strbuf_adds(sb, "  if you stop now            ");
		pct_bar(sb, r->mean, 40, ascii);
		strbuf_adds(sb, "\n  if you keep your schedule  ");
		pct_bar(sb, r->keep, 40, ascii);
		strbuf_addc(sb, '\n');
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

	if (r->n_topics) {
		strbuf_addc(sb, '\n');
		textout_cell(sb, "By topic", 40, 0, ascii);
		strbuf_addf(sb, " %6s %7s %8s", "cards", "studied", r->has_exam ? "stop now" : "now");
		if (r->has_exam)
			strbuf_addf(sb, " %8s", "keep up");
		strbuf_addc(sb, '\n');
		for (size_t i = 0; i < r->n_topics; i++) {
			const struct readiness_topic *t = &r->topics[i];
			strbuf_adds(sb, "  ");
			textout_cell(sb, t->name, 38, 0, ascii);
			strbuf_addf(sb, " %6zu %7zu %7d%%", t->total, t->studied,
				    textout_pct(t->now));
			if (r->has_exam)
				strbuf_addf(sb, " %7d%%", textout_pct(t->keep));
			strbuf_addc(sb, '\n');
		}
	}

	if (r->n_weakest) {
		strbuf_addf(sb, "\nWeakest cards studied (recall %s)\n",
			    r->has_exam ? "on exam day" : "now");
		for (size_t i = 0; i < r->n_weakest; i++) {
			const struct store_card *c = &cards[r->weakest[i].index];
			char *prompt = one_line(c->c.prompt);
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

static void json_time(struct strbuf *sb, int64_t t)
{
	char buf[40];
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S%z", &tm);
	/* +0100 -> +01:00, as ISO 8601 and clock_parse write it */
	size_t len = strlen(buf);
	strbuf_addc(sb, '"');
	strbuf_add(sb, buf, len - 2);
	strbuf_addc(sb, ':');
	strbuf_add(sb, buf + len - 2, 2);
	strbuf_addc(sb, '"');
}

void readiness_json(struct strbuf *sb, const struct readiness *r,
		    const struct store_card *cards, const char *deck)
{
	strbuf_adds(sb, "{\"deck\":");
	textout_json_str(sb, deck);
	strbuf_adds(sb, ",\"now\":");
	json_time(sb, r->now);
	strbuf_adds(sb, ",\"exam\":");
	if (r->has_exam)
		json_time(sb, r->exam_at);
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
