/*
 * fsrs.c: the FSRS-6 scheduler, written to give the same numbers as
 * ts-fsrs 5.4.2, step for step: the same formulas in the same order of
 * operations, rounded to 8 decimals where ts-fsrs rounds, with JavaScript's
 * Math.round (halves go up).  Pure: libc and <math.h> only.
 */
#include "swot/fsrs.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_MIN 0.001
#define S_MAX 36500.0
#define INIT_S_MAX 100.0
#define W17_W18_CEILING 2.0
#define FSRS5_DEFAULT_DECAY 0.5
#define MINUTES_PER_DAY 1440
#define SECONDS_PER_DAY 86400

static const double default_w[FSRS_N_WEIGHTS] = {
	0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,
	1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014,
	1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

/* ts-fsrs's CLAMP_PARAMETERS; w17, w18 and w19 are adjusted in clip(). */
static const double weight_range[FSRS_N_WEIGHTS][2] = {
	{S_MIN, INIT_S_MAX}, {S_MIN, INIT_S_MAX}, {S_MIN, INIT_S_MAX},
	{S_MIN, INIT_S_MAX}, {1, 10}, {0.001, 4}, {0.001, 4}, {0.001, 0.75},
	{0, 4.5}, {0, 0.8}, {0.001, 3.5}, {0.001, 5}, {0.001, 0.25},
	{0.001, 0.9}, {0, 4}, {0, 1}, {1, 6}, {0, W17_W18_CEILING},
	{0, W17_W18_CEILING}, {0.01, 0.8}, {0.1, 0.8},
};

/* JavaScript's Math.round: the nearest integer, halves toward +infinity.
 * x - floor(x) is exact, so no double rounding creeps in. */
static double js_round(double x)
{
	double r = floor(x);
	return x - r >= 0.5 ? r + 1 : r;
}

/* ts-fsrs's roundTo(x, 8). */
static double round8(double x)
{
	return js_round(x * 1e8) / 1e8;
}

/* Math.min(Math.max(v, lo), hi) for the finite values the model sees. */
static double clampd(double v, double lo, double hi)
{
	v = v < lo ? lo : v;
	return v > hi ? hi : v;
}

static int mini(int a, int b)
{
	return a < b ? a : b;
}

static int maxi(int a, int b)
{
	return a > b ? a : b;
}

/* JavaScript's +x.toFixed(8) for the migration of FSRS-4.5 weights: the
 * exact decimal expansion rounded half away from zero, read back. */
static double js_to_fixed8(double x)
{
	char buf[160], out[64];
	int neg = x < 0;
	double a = fabs(x);
	if (!(a < 1e10))
		return x;
	snprintf(buf, sizeof buf, "%.90f", a);
	char *dot = strchr(buf, '.');
	long long ip = strtoll(buf, NULL, 10), fp = 0;
	for (int i = 1; i <= 8; i++)
		fp = fp * 10 + (dot[i] - '0');
	if (dot[9] >= '5' && ++fp == 100000000LL) {
		fp = 0;
		ip++;
	}
	snprintf(out, sizeof out, "%s%lld.%08lld", neg ? "-" : "", ip, fp);
	return strtod(out, NULL);
}

void fsrs_params_default(struct fsrs_params *p)
{
	memset(p, 0, sizeof *p);
	memcpy(p->w, default_w, sizeof p->w);
	p->desired_retention = 0.9;
	p->maximum_interval = 36500;
	p->learning_steps[0] = 60;
	p->learning_steps[1] = 600;
	p->n_learning_steps = 2;
	p->relearning_steps[0] = 600;
	p->n_relearning_steps = 1;
	p->enable_short_term = 1;
	p->enable_fuzz = 1;
}

void fsrs_card_new(struct fsrs_card *c, int64_t now)
{
	memset(c, 0, sizeof *c);
	c->state = FSRS_NEW;
	c->due = now;
}

void fsrs_weight_range(int i, double *lo, double *hi)
{
	if (i < 0 || i >= FSRS_N_WEIGHTS) {
		*lo = *hi = 0;
		return;
	}
	*lo = weight_range[i][0];
	*hi = weight_range[i][1];
}

/* ts-fsrs's clipParameters on the first n weights of w, in place. */
static void clip(double *w, size_t n, size_t n_relearning, int short_term)
{
	double ceiling = W17_W18_CEILING;
	if (n_relearning > 1) {
		double w11 = clampd(w[11], weight_range[11][0], weight_range[11][1]);
		double w13 = clampd(w[13], weight_range[13][0], weight_range[13][1]);
		double w14 = clampd(w[14], weight_range[14][0], weight_range[14][1]);
		double v = -(log(w11) + log(pow(2, w13) - 1) + w14 * 0.3) /
			   (double)n_relearning;
		ceiling = clampd(round8(sqrt(fmax(v, 0))), 0.01, W17_W18_CEILING);
	}
	for (size_t i = 0; i < n; i++) {
		double lo = weight_range[i][0], hi = weight_range[i][1];
		if (i == 17 || i == 18)
			hi = ceiling;
		if (i == 19 && !short_term)
			lo = 0;
		w[i] = clampd(w[i], lo, hi);
	}
}

void fsrs_params_clamp(struct fsrs_params *p)
{
	clip(p->w, FSRS_N_WEIGHTS, p->n_relearning_steps, p->enable_short_term);
}

int fsrs_params_set_weights(struct fsrs_params *p, const double *w, size_t n,
			    struct swot_err *err)
{
	double v[FSRS_N_WEIGHTS];

	if (n != 17 && n != 19 && n != 21)
		return swot_err_set(err, SWOT_EINVAL,
				    "weights: %zu given, expected 21 (FSRS-6), "
				    "19 (FSRS-5) or 17 (FSRS-4.5)", n);
	for (size_t i = 0; i < n; i++)
		if (!isfinite(w[i]))
			return swot_err_set(err, SWOT_EINVAL,
					    "weights: w[%zu] is %s, expected a finite number",
					    i, isnan(w[i]) ? "not a number" : "infinite");
	memcpy(v, w, n * sizeof *w);
	clip(v, n, p->n_relearning_steps, p->enable_short_term);
	if (n == 19) {
		v[19] = 0;
		v[20] = FSRS5_DEFAULT_DECAY;
	} else if (n == 17) {
		v[4] = js_to_fixed8(v[5] * 2 + v[4]);
		v[5] = js_to_fixed8(log(v[5] * 3 + 1) / 3);
		v[6] = js_to_fixed8(v[6] + 0.5);
		v[17] = v[18] = v[19] = 0;
		v[20] = FSRS5_DEFAULT_DECAY;
	}
	/* ts-fsrs clips the migrated set once more when it builds a scheduler */
	clip(v, FSRS_N_WEIGHTS, p->n_relearning_steps, p->enable_short_term);
	memcpy(p->w, v, sizeof v);
	return SWOT_OK;
}

int fsrs_params_check(const struct fsrs_params *p, struct swot_err *err)
{
	if (!(p->desired_retention > 0 && p->desired_retention < 1))
		return swot_err_set(err, SWOT_EINVAL,
				    "desired retention %g is out of range (0, 1)",
				    p->desired_retention);
	if (p->maximum_interval < 1 || p->maximum_interval > 36500)
		return swot_err_set(err, SWOT_EINVAL,
				    "maximum interval %d is out of range 1..36500 days",
				    p->maximum_interval);
	if (p->n_learning_steps > FSRS_MAX_STEPS ||
	    p->n_relearning_steps > FSRS_MAX_STEPS)
		return swot_err_set(err, SWOT_EINVAL, "too many steps (at most %d)",
				    FSRS_MAX_STEPS);
	for (int k = 0; k < 2; k++) {
		const int *st = k ? p->relearning_steps : p->learning_steps;
		size_t n = k ? p->n_relearning_steps : p->n_learning_steps;
		for (size_t i = 0; i < n; i++)
			if (st[i] < 60 || st[i] > 365 * SECONDS_PER_DAY || st[i] % 60)
				return swot_err_set(err, SWOT_EINVAL,
						    "%slearning step %zu (%d s) must be whole "
						    "minutes from 1m to 365d",
						    k ? "re" : "", i + 1, st[i]);
	}
	for (int i = 0; i < FSRS_N_WEIGHTS; i++)
		if (!isfinite(p->w[i]))
			return swot_err_set(err, SWOT_EINVAL,
					    "weights: w[%d] is not a finite number", i);
	return SWOT_OK;
}

/* ---- the model ---- */

/* What a review needs of the parameters, worked out once per review. */
struct model {
	const struct fsrs_params *p;
	const double *w;
	double decay, factor; /* of the forgetting curve */
	double im;            /* interval modifier */
	double d0_easy;       /* D0(Easy), the mean difficulty reverts to */
	double exp_w8;
};

/* computeDecayFactor: FACTOR = 0.9^(1/DECAY) - 1, rounded. */
static double decay_factor(const double *w, double *decay)
{
	*decay = -w[20];
	return round8(exp(pow(*decay, -1) * log(0.9)) - 1);
}

static double curve(double decay, double factor, double t, double s)
{
	return round8(pow(1 + factor * t / s, decay));
}

double fsrs_retrievability(const struct fsrs_params *p, double elapsed_days,
			   double stability)
{
	double decay, factor = decay_factor(p->w, &decay);
	return curve(decay, factor, elapsed_days, stability);
}

/* I(r) / S: the interval for stability 1 at the desired retention. */
static double interval_modifier(const struct fsrs_params *p, double decay,
				double factor)
{
	return round8((pow(p->desired_retention, 1 / decay) - 1) / factor);
}

static int interval_for(const struct fsrs_params *p, double im, double s)
{
	double ivl = js_round(s * im);
	ivl = ivl < 1 ? 1 : ivl;
	return ivl > p->maximum_interval ? p->maximum_interval : (int)ivl;
}

int fsrs_interval(const struct fsrs_params *p, double stability)
{
	double decay, factor = decay_factor(p->w, &decay);
	return interval_for(p, interval_modifier(p, decay, factor), stability);
}

uint64_t fsrs_fuzz_seed(int64_t card_id, int reps)
{
	return splitmix64_mix(splitmix64_mix((uint64_t)card_id) ^ (uint64_t)(uint32_t)reps);
}

int fsrs_fuzz_interval(const struct fsrs_params *p, int interval,
		       int elapsed_days, uint64_t seed)
{
	static const struct { double start, end, factor; } ranges[] = {
		{2.5, 7, 0.15}, {7, 20, 0.1}, {20, INFINITY, 0.05},
	};
	if (interval < 2.5)
		return interval;
	double ivl = interval, delta = 1;
	for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++)
		delta += ranges[i].factor *
			 fmax(fmin(ivl, ranges[i].end) - ranges[i].start, 0);
	ivl = fmin(ivl, (double)p->maximum_interval);
	int lo = maxi(2, (int)js_round(ivl - delta));
	int hi = mini((int)js_round(ivl + delta), p->maximum_interval);
	if (ivl > elapsed_days)
		lo = maxi(lo, elapsed_days + 1);
	lo = mini(lo, hi);
	double u = splitmix64_uniform(&seed);
	return (int)floor(u * (hi - lo + 1) + lo);
}

/* next_interval: the rounded, capped interval, fuzzed when asked. */
static int next_interval(const struct model *m, double s, int elapsed,
			 uint64_t seed)
{
	int ivl = interval_for(m->p, m->im, s);
	return m->p->enable_fuzz ? fsrs_fuzz_interval(m->p, ivl, elapsed, seed) : ivl;
}

static double init_difficulty(const double *w, int g)
{
	return round8(w[4] - exp((g - 1) * w[5]) + 1);
}

static double init_stability(const double *w, int g)
{
	return fmax(w[g - 1], 0.1);
}

static double next_difficulty(const struct model *m, double d, int g)
{
	const double *w = m->w;
	double delta_d = -w[6] * (g - 3);
	double next_d = d + round8(delta_d * (10 - d) / 9);
	double mr = round8(w[7] * m->d0_easy + (1 - w[7]) * next_d);
	return clampd(mr, 1, 10);
}

static double next_recall_stability(const struct model *m, double d, double s,
				    double r, int g)
{
	const double *w = m->w;
	double hard_penalty = g == FSRS_HARD ? w[15] : 1;
	double easy_bound = g == FSRS_EASY ? w[16] : 1;
	return round8(clampd(s * (1 + m->exp_w8 * (11 - d) * pow(s, -w[9]) *
				      (exp((1 - r) * w[10]) - 1) * hard_penalty *
				      easy_bound),
			     S_MIN, S_MAX));
}

static double next_forget_stability(const double *w, double d, double s,
				    double r)
{
	return round8(clampd(w[11] * pow(d, -w[12]) * (pow(s + 1, w[13]) - 1) *
				     exp((1 - r) * w[14]),
			     S_MIN, S_MAX));
}

static double next_short_term_stability(const double *w, double s, int g)
{
	double sinc = pow(s, -w[19]) * exp(w[17] * (g - 3 + w[18]));
	if (g >= FSRS_HARD && sinc < 1)
		sinc = 1;
	return round8(clampd(s * sinc, S_MIN, S_MAX));
}

/* FSRSAlgorithm.next_state: difficulty and stability after grade g, t
 * days after a review that left (d, s); r is R(t, s). */
static void next_memory(const struct model *m, double d, double s, int t,
			double r, int g, double *nd, double *ns)
{
	const double *w = m->w;
	if (d == 0 && s == 0) {
		*nd = clampd(init_difficulty(w, g), 1, 10);
		*ns = init_stability(w, g);
		return;
	}
	if (t == 0 && m->p->enable_short_term) {
		*ns = next_short_term_stability(w, s, g);
	} else if (g == FSRS_AGAIN) {
		double after_fail = next_forget_stability(w, d, s, r);
		double w17 = m->p->enable_short_term ? w[17] : 0;
		double w18 = m->p->enable_short_term ? w[18] : 0;
		double floor_s = round8(s / exp(w17 * w18));
		*ns = clampd(floor_s, S_MIN, after_fail);
	} else {
		*ns = next_recall_stability(m, d, s, r, g);
	}
	*nd = next_difficulty(m, d, g);
}

/* ---- the schedulers ---- */

/* What the learning steps say for a rating: BasicLearningStepsStrategy. */
static void learning_step(const struct fsrs_params *p,
			  const struct fsrs_card *cur, int g, int *minutes,
			  int *next_step)
{
	int relearn = cur->state == FSRS_RELEARNING || cur->state == FSRS_REVIEW;
	const int *steps = relearn ? p->relearning_steps : p->learning_steps;
	int n = (int)(relearn ? p->n_relearning_steps : p->n_learning_steps);
	int step = cur->step;

	*minutes = 0;
	*next_step = 0;
	if (n == 0 || step >= n)
		return;
	if (cur->state == FSRS_REVIEW) {
		if (g == FSRS_AGAIN)
			*minutes = steps[maxi(0, step)] / 60;
		return;
	}
	switch (g) {
	case FSRS_AGAIN:
		*minutes = steps[0] / 60;
		break;
	case FSRS_HARD:
		if (n == 1)
			*minutes = (int)js_round(steps[0] / 60 * 1.5);
		else
			*minutes = (int)js_round((steps[0] / 60 + steps[1] / 60) / 2.0);
		*next_step = step;
		break;
	case FSRS_GOOD:
		if (step + 1 >= 0 && step + 1 < n && steps[step + 1] / 60) {
			*minutes = steps[step + 1] / 60;
			*next_step = step + 1;
		}
		break;
	default:
		break;
	}
	*minutes = maxi(0, *minutes);
	*next_step = maxi(0, *next_step);
}

/* BasicScheduler.applyLearningSteps: the next card is on a step (minutes)
 * or graduates to a day interval. */
static void apply_learning_steps(const struct model *m,
				 const struct fsrs_card *cur, int g,
				 enum fsrs_state to_state, int64_t now,
				 int elapsed, uint64_t seed,
				 struct fsrs_card *next)
{
	int minutes, next_step;
	learning_step(m->p, cur, g, &minutes, &next_step);
	if (minutes > 0 && minutes < MINUTES_PER_DAY) {
		next->step = next_step;
		next->scheduled_days = 0;
		next->state = to_state;
		next->due = now + (int64_t)minutes * 60;
		return;
	}
	next->state = FSRS_REVIEW;
	if (minutes >= MINUTES_PER_DAY) {
		next->step = next_step;
		next->due = now + (int64_t)minutes * 60;
		next->scheduled_days = minutes / MINUTES_PER_DAY;
	} else {
		next->step = 0;
		next->scheduled_days = next_interval(m, next->stability, elapsed, seed);
		next->due = now + (int64_t)next->scheduled_days * SECONDS_PER_DAY;
	}
}

/*
 * The card after rating g of a card in review (and, without short-term,
 * of any card).  ts-fsrs works out all four ratings and then orders their
 * day intervals (without short-term: again < hard < good < easy; with it:
 * hard <= good < easy); only the ratings g's interval depends on are
 * worked out here.
 */
static void review_one(const struct model *m, const struct fsrs_card *cur,
		       int64_t now, int elapsed, double r, uint64_t seed,
		       int long_term, int g, struct fsrs_card *out)
{
	int ivl[5] = {0};
	double nd[5] = {0}, ns[5] = {0};
	int lo, hi;

	if (long_term) {
		lo = FSRS_AGAIN;
		hi = g > FSRS_HARD ? g : FSRS_HARD;
	} else if (g == FSRS_AGAIN) {
		lo = hi = FSRS_AGAIN;
	} else {
		lo = FSRS_HARD;
		hi = g > FSRS_GOOD ? g : FSRS_GOOD;
	}
	for (int k = lo; k <= hi; k++) {
		next_memory(m, cur->difficulty, cur->stability, elapsed, r, k,
			    &nd[k], &ns[k]);
		if (long_term || k != FSRS_AGAIN)
			ivl[k] = next_interval(m, ns[k], elapsed, seed);
	}
	*out = *cur;
	out->difficulty = nd[g];
	out->stability = ns[g];
	if (!long_term && g == FSRS_AGAIN) {
		apply_learning_steps(m, cur, FSRS_AGAIN, FSRS_RELEARNING, now, elapsed,
				     seed, out);
	} else {
		if (long_term) {
			ivl[1] = mini(ivl[1], ivl[2]);
			ivl[2] = maxi(ivl[2], ivl[1] + 1);
		} else {
			ivl[2] = mini(ivl[2], ivl[3]);
		}
		if (hi >= FSRS_GOOD)
			ivl[3] = maxi(ivl[3], ivl[2] + 1);
		if (hi >= FSRS_EASY)
			ivl[4] = maxi(ivl[4], ivl[3] + 1);
		out->state = FSRS_REVIEW;
		out->step = 0;
		out->scheduled_days = ivl[g];
		out->due = now + (int64_t)ivl[g] * SECONDS_PER_DAY;
	}
	if (g == FSRS_AGAIN && cur->state != FSRS_NEW)
		out->lapses++;
}

int fsrs_next(const struct fsrs_params *p, const struct fsrs_card *c,
	      int64_t now, int elapsed_days, enum fsrs_rating r,
	      uint64_t fuzz_seed, struct fsrs_card *out, struct fsrs_log *log)
{
	struct fsrs_card cur = *c;
	struct model m;
	int g = (int)r;
	double d = c->difficulty, s = c->stability, rv = 0;

	if (c->state == FSRS_NEW)
		elapsed_days = 0;
	if (g < FSRS_AGAIN || g > FSRS_EASY || elapsed_days < 0 ||
	    isnan(d) || isnan(s) ||
	    (!(d == 0 && s == 0) && (d < 1 || s < S_MIN)) ||
	    (unsigned)c->state > (unsigned)FSRS_RELEARNING) {
		*out = *c;
		return SWOT_EINVAL;
	}
	m.p = p;
	m.w = p->w;
	m.factor = decay_factor(p->w, &m.decay);
	m.im = interval_modifier(p, m.decay, m.factor);
	m.d0_easy = init_difficulty(p->w, FSRS_EASY);
	m.exp_w8 = exp(p->w[8]);
	if (s > 0)
		rv = curve(m.decay, m.factor, elapsed_days, s);
	if (log) {
		log->state_before = c->state;
		log->elapsed_days = elapsed_days;
		log->retrievability = c->state == FSRS_NEW ? 0 : rv;
	}
	cur.reps++;
	cur.last_review = now;
	cur.step = cur.step > 0 ? cur.step : 0;

	if (!p->enable_short_term || c->state == FSRS_REVIEW) {
		review_one(&m, &cur, now, elapsed_days, rv, fuzz_seed,
			   !p->enable_short_term, g, out);
	} else {
		struct fsrs_card n = cur;
		next_memory(&m, d, s, elapsed_days, rv, g, &n.difficulty, &n.stability);
		apply_learning_steps(&m, &cur, g,
				     c->state == FSRS_NEW ? FSRS_LEARNING : c->state,
				     now, elapsed_days, fuzz_seed, &n);
		*out = n;
	}
	if (log)
		log->scheduled_days = out->scheduled_days;
	return SWOT_OK;
}

void fsrs_preview(const struct fsrs_params *p, const struct fsrs_card *c,
		  int64_t now, int elapsed_days, uint64_t fuzz_seed,
		  struct fsrs_card out[4], struct fsrs_log logs[4])
{
	for (int g = FSRS_AGAIN; g <= FSRS_EASY; g++)
		if (fsrs_next(p, c, now, elapsed_days, (enum fsrs_rating)g,
			      fuzz_seed, &out[g - 1], &logs[g - 1]))
			memset(&logs[g - 1], 0, sizeof logs[g - 1]);
}

/* ---- steps ---- */

int fsrs_parse_steps(const char *text, int *steps, size_t *n,
		     struct swot_err *err)
{
	const char *p = text;
	size_t k = 0;

	for (;;) {
		while (*p && (isspace((unsigned char)*p) || *p == ','))
			p++;
		if (!*p)
			break;
		const char *start = p;
		long long v = 0;
		int unit = 0;
		while (isdigit((unsigned char)*p) && v < 1000000)
			v = v * 10 + (*p++ - '0');
		switch (*p) {
		case 'm': unit = 60; break;
		case 'h': unit = 3600; break;
		case 'd': unit = SECONDS_PER_DAY; break;
		default: break;
		}
		if (p == start || !unit || (p[1] && !isspace((unsigned char)p[1]) &&
					    p[1] != ',')) {
			size_t len = strcspn(start, " \t\n,");
			return swot_err_set(err, SWOT_EINVAL,
					    "step \"%.*s\": expected a whole number and "
					    "a unit m, h or d, e.g. 10m 1h 1d",
					    (int)(len > 40 ? 40 : len), start);
		}
		p++;
		if (v < 1 || v * unit > 365LL * SECONDS_PER_DAY)
			return swot_err_set(err, SWOT_EINVAL,
					    "step \"%.*s\" is out of range 1m..365d",
					    (int)(p - start), start);
		if (k == FSRS_MAX_STEPS)
			return swot_err_set(err, SWOT_EINVAL,
					    "too many steps (at most %d)", FSRS_MAX_STEPS);
		steps[k++] = (int)(v * unit);
	}
	*n = k;
	return SWOT_OK;
}

void fsrs_format_steps(const int *steps, size_t n, struct strbuf *out)
{
	for (size_t i = 0; i < n; i++) {
		int s = steps[i];
		if (i)
			strbuf_addc(out, ' ');
		if (s % SECONDS_PER_DAY == 0)
			strbuf_addf(out, "%dd", s / SECONDS_PER_DAY);
		else if (s % 3600 == 0)
			strbuf_addf(out, "%dh", s / 3600);
		else if (s % 60 == 0)
			strbuf_addf(out, "%dm", s / 60);
		else
			strbuf_addf(out, "%ds", s);
	}
}

const char *fsrs_state_name(enum fsrs_state s)
{
	switch (s) {
	case FSRS_NEW: return "new";
	case FSRS_LEARNING: return "learning";
	case FSRS_REVIEW: return "review";
	case FSRS_RELEARNING: return "relearning";
	}
	return "?";
}
