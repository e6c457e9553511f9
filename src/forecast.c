/*
 * forecast.c: exam-day readiness from how the student has been studying
 * (see forecast.h).
 */
#include "swot/forecast.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "swot/exam.h"
#include "swot/learnday.h"

/* ---- the basis ---- */

void forecast_basis_init(struct forecast_basis *b, int64_t now, int rollover_hour)
{
	memset(b, 0, sizeof *b);
	b->today = learnday_of(now, rollover_hour);
	b->rollover_hour = rollover_hour;
}

void forecast_basis_add(struct forecast_basis *b, const struct store_log_row *r)
{
	int64_t age = b->today - learnday_of(r->time, b->rollover_hour);
	if (age < 0 || age >= FORECAST_WINDOW_DAYS)
		return;
	struct forecast_day *d = &b->day[age];
	d->answers++;
	d->ms += r->duration_ms;
	if (r->kind == STORE_LOG_DRILL)
		return;
	if (r->state_before == FSRS_NEW)
		d->new_cards++;
	else if (r->state_before == FSRS_REVIEW || r->state_before == FSRS_RELEARNING)
		d->reviews++;
}

void forecast_basis_cards(struct forecast_basis *b, const struct fsrs_card *cards,
			  size_t n)
{
	int64_t today = learnday_start(b->today, b->rollover_hour);
	int64_t window = learnday_start(b->today - FORECAST_WINDOW_DAYS + 1, b->rollover_hour);
	for (size_t i = 0; i < n; i++) {
		const struct fsrs_card *f = &cards[i];
		if (f->state == FSRS_NEW)
			continue;
		b->overdue += f->due < today;
		b->before += f->last_review && f->last_review < window;
	}
}

static double day_weight(int age)
{
	return pow(0.5, (double)age / FORECAST_HALF_LIFE);
}

/* How much a month's study may differ from the last weeks': what
 * students' months differ by in general, and the spread of the student's
 * own weekly answers (log scale) since their first week in the window
 * (the weeks before a new student began are no pattern of theirs); and the chance
 * of a month without study, as common as a week without any was. */
static void activity_spread(struct forecast_basis *b)
{
	enum { WEEKS = FORECAST_WINDOW_DAYS / 7 };
	double lw[WEEKS], mean = 0, var = 0;
	int weeks = 0, idle = 0;
	for (int w = 0; w < WEEKS; w++) {
		double n = 0;
		for (int k = 0; k < 7; k++)
			n += b->day[w * 7 + k].answers;
		lw[w] = log1p(n);
		if (n > 0 || b->before)
			weeks = w + 1;
	}
	for (int w = 0; w < weeks; w++) {
		mean += lw[w] / weeks;
		idle += lw[w] == 0;
	}
	for (int w = 0; weeks > 1 && w < weeks; w++)
		var += (lw[w] - mean) * (lw[w] - mean) / (weeks - 1);
	/* capped: a student of a session a month has weeks of 0 and of 50
	 * answers, and a spread that wide would make most runs idle */
	double sigma = sqrt(FORECAST_ACTIVITY_SIGMA * FORECAST_ACTIVITY_SIGMA + var);
	b->activity_sigma = sigma < FORECAST_ACTIVITY_SIGMA_MAX ? sigma
								: FORECAST_ACTIVITY_SIGMA_MAX;
	b->idle_chance = weeks ? (double)idle / weeks : 1;
}

int forecast_basis_finish(struct forecast_basis *b)
{
	double w_all = 0, w_studied = 0, reviews = 0, fresh = 0, answers = 0;
	double all_answers = 0, ms = 0;
	b->days_studied = 0;
	for (int age = 0; age < FORECAST_WINDOW_DAYS; age++) {
		const struct forecast_day *d = &b->day[age];
		double w = day_weight(age);
		w_all += w;
		all_answers += d->answers;
		ms += (double)d->ms;
		if (!d->answers)
			continue;
		b->days_studied++;
		w_studied += w;
		reviews += w * d->reviews;
		fresh += w * d->new_cards;
		answers += w * d->answers;
	}
	b->study_days_per_week = 7 * w_studied / w_all;
	b->reviews_per_day = w_studied ? reviews / w_studied : 0;
	b->new_per_day = w_studied ? fresh / w_studied : 0;
	b->answers_per_session = w_studied ? answers / w_studied : 0;
	b->seconds_per_answer = all_answers ? ms / all_answers / 1000 : 0;
	/* answered against what fell due: the window's reviews, and those
	 * still waiting */
	double done = 0;
	for (int age = 0; age < FORECAST_WINDOW_DAYS; age++)
		done += b->day[age].reviews;
	b->due_done = done + (double)b->overdue > 0 ? done / (done + (double)b->overdue) : 1;
	activity_spread(b);
	return b->days_studied >= FORECAST_MIN_DAYS;
}

/* ---- the simulation ---- */

/* What a simulated student does on one day. */
struct day_plan {
	int reviews;   /* due reviews answered, at most */
	int new_cards; /* new cards met */
};

/* One simulated card. */
struct sim_card {
	struct fsrs_card f;
	int64_t last_day;  /* learning day of its last review; 0 when never */
	int seen;
	size_t input;      /* its index in the cards given */
};

struct sim {
	const struct forecast_opts *o;
	const struct forecast_basis *b;
	struct fsrs_params p;       /* fuzz off: the expectation */
	struct sim_card *start;     /* the sample as it is today */
	size_t n;                   /* sampled cards */
	double scale;               /* sample / live cards */
	int64_t today, exam_day, days; /* days simulated: today .. exam_day - 1 */
	int64_t *day_start;         /* [days + 1] */
	double weights[FORECAST_WINDOW_DAYS]; /* cumulative, for drawing a day */
	int pool[FORECAST_WINDOW_DAYS];       /* this run's days (their ages) */
	/* per run */
	struct sim_card *c;
	int *head, *next;           /* buckets of cards by due day, linked */
	size_t *backlog;            /* due cards not answered yet, oldest first */
	size_t back_first, back_len;
	size_t next_new;            /* the next new card, in deck order */
	size_t *new_order;
	size_t n_new;
	uint64_t rng;
	double activity;            /* this run's study, against the past weeks' */
	double shift;               /* this run's recall, on the log-odds scale */
	double window_r, window_reviews, window_answers;
};

/* Rounds x up or down at random, so that scaled counts keep their mean. */
static int round_random(double x, uint64_t *rng)
{
	double f = floor(x);
	return (int)f + (splitmix64_uniform(rng) < x - f);
}

/* A standard normal draw (Box-Muller). */
static double normal(uint64_t *rng)
{
	double u = splitmix64_uniform(rng), v = splitmix64_uniform(rng);
	return sqrt(-2 * log(1 - u)) * cos(6.283185307179586 * v);
}

/* p moved by shift on the log-odds scale. */
static double shifted(double p, double shift)
{
	if (shift == 0 || p <= 0 || p >= 1)
		return p;
	return 1 / (1 + exp(-(log(p / (1 - p)) + shift)));
}

static void schedule(struct sim *s, size_t i, int64_t from_day)
{
	int64_t d = learnday_of(s->c[i].f.due, s->o->rollover_hour) - s->today;
	if (d < from_day)
		d = from_day;
	if (d >= s->days)
		return; /* due after the exam: not asked again before it */
	s->next[i] = s->head[d];
	s->head[d] = (int)i;
}

static void review(struct sim *s, size_t i, int64_t d, int *answers)
{
	struct sim_card *c = &s->c[i];
	int64_t t = s->day_start[d] + 12 * 3600;
	int elapsed = c->seen ? (int)(s->today + d - c->last_day) : 0;
	double r = c->seen && c->f.stability > 0
			   ? fsrs_retrievability(&s->p, elapsed, c->f.stability)
			   : 1;
	enum fsrs_rating g = splitmix64_uniform(&s->rng) < shifted(r, s->shift) ? FSRS_GOOD
										 : FSRS_AGAIN;
	if (d < FORECAST_WINDOW_DAYS) {
		s->window_r += r;
		s->window_reviews++;
	}
	fsrs_next(&s->p, &c->f, t, elapsed < 0 ? 0 : elapsed, g, 0, &c->f, NULL);
	++*answers;
	/* relearning: answered again that day until it is back in review */
	for (int k = 0; k < FSRS_MAX_STEPS && c->f.state != FSRS_REVIEW; k++) {
		t = c->f.due > t ? c->f.due : t + 60;
		fsrs_next(&s->p, &c->f, t, 0, FSRS_GOOD, 0, &c->f, NULL);
		++*answers;
	}
	exam_shorten(&c->f, t, s->o->exam_at, s->o->rollover_hour);
	c->seen = 1;
	c->last_day = s->today + d;
	schedule(s, i, d + 1);
}

static void meet_new(struct sim *s, size_t i, int64_t d, int *answers)
{
	struct sim_card *c = &s->c[i];
	int64_t t = s->day_start[d] + 12 * 3600;
	fsrs_card_new(&c->f, t);
	for (int k = 0; k <= FSRS_MAX_STEPS && c->f.state != FSRS_REVIEW; k++) {
		fsrs_next(&s->p, &c->f, t, 0, FSRS_GOOD, 0, &c->f, NULL);
		++*answers;
		t = c->f.due > t ? c->f.due : t + 60;
	}
	exam_shorten(&c->f, t, s->o->exam_at, s->o->rollover_hour);
	c->seen = 1;
	c->last_day = s->today + d;
	schedule(s, i, d + 1);
}

/* The plan of one day: carrying on (a past day drawn at random) when
 * per_day is 0, else per_day answers, reviews first. */
static struct day_plan plan_day(struct sim *s, int per_day)
{
	struct day_plan pl;
	if (per_day == 0) {
		size_t k = (size_t)(splitmix64_uniform(&s->rng) * FORECAST_WINDOW_DAYS);
		const struct forecast_day *d = &s->b->day[s->pool[k]];
		pl.reviews = round_random(d->reviews * s->scale * s->activity, &s->rng);
		pl.new_cards = round_random(d->new_cards * s->scale * s->activity, &s->rng);
		return pl;
	}
	pl.reviews = round_random(per_day * s->scale, &s->rng);
	pl.new_cards = -1; /* what is left of the answers, see run() */
	return pl;
}

/* A run's own version of the past weeks: as many days, drawn from them
 * with replacement, recent days more often.  Drawing the days of each
 * simulated day from it (not from the history itself) makes the runs
 * differ as much as the student's weeks could, not only their days. */
static void draw_pool(struct sim *s)
{
	for (int k = 0; k < FORECAST_WINDOW_DAYS; k++) {
		double u = splitmix64_uniform(&s->rng) * s->weights[FORECAST_WINDOW_DAYS - 1];
		int age = 0;
		while (age < FORECAST_WINDOW_DAYS - 1 && s->weights[age] <= u)
			age++;
		s->pool[k] = age;
	}
}

/* Answers a new card takes to reach review: one per learning step, and
 * the one that graduates it. */
static int new_card_cost(const struct fsrs_params *p)
{
	return (int)p->n_learning_steps + 1;
}

/* One run; returns the mean recall on exam day over the live cards and
 * adds each sampled card's recall to card_r (NULL: not wanted). */
static double run(struct sim *s, uint64_t seed, int per_day, double *card_r)
{
	memcpy(s->c, s->start, s->n * sizeof *s->c);
	for (int64_t d = 0; d < s->days; d++)
		s->head[d] = -1;
	s->back_first = s->back_len = 0;
	s->next_new = 0;
	s->rng = seed;
	draw_pool(s);
	s->activity = 1;
	s->shift = 0;
	if (per_day == 0) { /* carrying on: how this month may differ */
		double sa = s->b->activity_sigma, sr = FORECAST_RECALL_SIGMA;
		s->activity = exp(sa * normal(&s->rng) - sa * sa / 2);
		s->shift = sr * normal(&s->rng);
		if (splitmix64_uniform(&s->rng) < s->b->idle_chance)
			s->activity = 0;
	}
	for (size_t i = 0; i < s->n; i++) {
		if (!s->c[i].seen)
			continue;
		int64_t d = learnday_of(s->c[i].f.due, s->o->rollover_hour) - s->today;
		if (d < 0)
			s->backlog[s->back_len++] = i; /* overdue: in the order given */
		else
			schedule(s, i, 0);
	}
	int new_limit = s->o->new_per_day_limit;
	for (int64_t d = 0; d < s->days; d++) {
		struct day_plan pl = plan_day(s, per_day);
		/* the day's due cards join the backlog, oldest first */
		for (int i = s->head[d]; i >= 0; i = s->next[i])
			s->backlog[(s->back_first + s->back_len++) % s->n] = (size_t)i;
		int answers = 0, reviewed = 0;
		while (reviewed < pl.reviews && s->back_len) {
			size_t i = s->backlog[s->back_first];
			s->back_first = (s->back_first + 1) % s->n;
			s->back_len--;
			review(s, i, d, &answers);
			reviewed++;
		}
		int fresh = pl.new_cards;
		if (fresh < 0) { /* a budget of answers: new cards with what is left */
			int left = round_random(per_day * s->scale, &s->rng) - answers;
			fresh = left > 0 ? left / new_card_cost(&s->p) : 0;
			int cap = round_random(new_limit * s->scale, &s->rng);
			if (fresh > cap)
				fresh = cap;
		}
		for (int k = 0; k < fresh && s->next_new < s->n_new; k++)
			meet_new(s, s->new_order[s->next_new++], d, &answers);
		if (d < FORECAST_WINDOW_DAYS)
			s->window_answers += answers / s->scale;
	}
	double sum = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct sim_card *c = &s->c[i];
		double r = c->seen && c->f.stability > 0
				   ? fsrs_retrievability(&s->p, (double)(s->exam_day - c->last_day),
							 c->f.stability)
				   : 0;
		sum += r;
		if (card_r)
			card_r[c->input] += r;
	}
	return s->n ? sum / (double)s->n : 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The sample: every live card of a small deck, else an even spread. */
static void sim_init(struct sim *s, const struct fsrs_card *cards, size_t n,
		     const struct forecast_basis *b, const struct forecast_opts *o)
{
	memset(s, 0, sizeof *s);
	s->o = o;
	s->b = b;
	s->p = *o->params;
	s->p.enable_fuzz = 0;
	size_t live = n;
	size_t stride = live > FORECAST_SAMPLE ? (live + FORECAST_SAMPLE - 1) / FORECAST_SAMPLE : 1;
	s->start = xcalloc(live ? live : 1, sizeof *s->start);
	s->new_order = xcalloc(live ? live : 1, sizeof *s->new_order);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k++ % stride)
			continue;
		struct sim_card *c = &s->start[s->n];
		c->f = cards[i];
		c->input = i;
		c->seen = c->f.state != FSRS_NEW && c->f.last_review != 0;
		if (c->seen)
			c->last_day = learnday_of(c->f.last_review, o->rollover_hour);
		else
			s->new_order[s->n_new++] = s->n;
		s->n++;
	}
	s->scale = live ? (double)s->n / (double)live : 1;
	s->today = b->today;
	s->exam_day = learnday_of(o->exam_at, o->rollover_hour);
	s->days = s->exam_day > s->today ? s->exam_day - s->today : 0;
	s->day_start = xcalloc((size_t)s->days + 1, sizeof *s->day_start);
	for (int64_t d = 0; d <= s->days; d++)
		s->day_start[d] = learnday_start(s->today + d, o->rollover_hour);
	double cum = 0;
	for (int age = 0; age < FORECAST_WINDOW_DAYS; age++)
		s->weights[age] = cum += day_weight(age);
	s->c = xcalloc(s->n ? s->n : 1, sizeof *s->c);
	s->head = xcalloc((size_t)s->days + 1, sizeof *s->head);
	s->next = xcalloc(s->n ? s->n : 1, sizeof *s->next);
	s->backlog = xcalloc(s->n ? s->n : 1, sizeof *s->backlog);
}

static void sim_release(struct sim *s)
{
	free(s->start);
	free(s->new_order);
	free(s->day_start);
	free(s->c);
	free(s->head);
	free(s->next);
	free(s->backlog);
}

/* Expected readiness with per_day answers every day. */
static double reach_with(struct sim *s, int per_day)
{
	double sum = 0;
	for (int k = 0; k < FORECAST_REACH_RUNS; k++)
		sum += run(s, splitmix64_mix((uint64_t)0x7265616368 + (uint64_t)k), per_day, NULL);
	return sum / FORECAST_REACH_RUNS;
}

/* The fewest answers a day that reach the target, within the limits. */
static void what_it_takes(struct forecast *f, struct sim *s)
{
	const struct forecast_opts *o = s->o;
	int most = o->reviews_per_day_limit + o->new_per_day_limit * new_card_cost(&s->p);
	f->reach_best = reach_with(s, most);
	if (f->reach_best < o->target) {
		f->reach_answers = -1;
		return;
	}
	int lo = 1, hi = most;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (reach_with(s, mid) >= o->target)
			hi = mid;
		else
			lo = mid + 1;
	}
	f->reach_answers = lo;
	/* under a second an answer means no real timing (answers piped in):
	 * then a typical ten seconds */
	double secs = s->b->seconds_per_answer >= 1 ? s->b->seconds_per_answer : 10;
	f->reach_minutes = lo * secs / 60;
}

void forecast_compute(struct forecast *f, const struct fsrs_card *cards, size_t n,
		      const struct forecast_basis *b, const struct forecast_opts *o)
{
	struct sim s;
	double runs[FORECAST_RUNS], window[FORECAST_RUNS];
	memset(f, 0, sizeof *f);
	f->card_r = xcalloc(n ? n : 1, sizeof *f->card_r);
	sim_init(&s, cards, n, b, o);
	double sum = 0, wsum = 0, answers = 0;
	for (int k = 0; k < FORECAST_RUNS; k++) {
		s.window_r = s.window_reviews = s.window_answers = 0;
		runs[k] = run(&s, splitmix64_mix((uint64_t)k + 1u), 0, f->card_r);
		window[k] = s.window_reviews ? s.window_r / s.window_reviews : 0;
		sum += runs[k];
		wsum += window[k];
		int64_t wdays = s.days < FORECAST_WINDOW_DAYS ? s.days : FORECAST_WINDOW_DAYS;
		answers += wdays ? s.window_answers / (double)wdays : 0;
	}
	for (size_t i = 0; i < n; i++)
		f->card_r[i] /= FORECAST_RUNS;
	f->expected = sum / FORECAST_RUNS;
	f->window_recall = wsum / FORECAST_RUNS;
	f->window_answers_per_day = answers / FORECAST_RUNS;
	qsort(runs, FORECAST_RUNS, sizeof *runs, cmp_double);
	qsort(window, FORECAST_RUNS, sizeof *window, cmp_double);
	/* the 10th and 90th percentiles of the runs */
	f->low = runs[FORECAST_RUNS / 10];
	f->high = runs[FORECAST_RUNS - 1 - FORECAST_RUNS / 10];
	f->window_recall_low = window[FORECAST_RUNS / 10];
	f->window_recall_high = window[FORECAST_RUNS - 1 - FORECAST_RUNS / 10];
	if (!o->skip_reach)
		what_it_takes(f, &s);
	sim_release(&s);
}

void forecast_release(struct forecast *f)
{
	free(f->card_r);
	memset(f, 0, sizeof *f);
}
