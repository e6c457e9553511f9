/*
 * fsrs_optimize.c: fitting FSRS-6's weights to a review history, following
 * fsrs-rs (src/dataset.rs, src/parameter_initialization.rs,
 * src/training.rs, src/inference.rs) in what the items are, which are
 * outliers, how the initial stabilities are pretrained, the model trained
 * (its clamps and its objective) and how the result is scored.  Where
 * fsrs-rs runs five epochs of mini-batch Adam, this minimises the same
 * objective (with a lighter L2 pull) nearly to its minimum with
 * Levenberg-Marquardt on exact derivatives, carried forward through each
 * card's history alongside its memory state (a large history first on
 * samples of its cards: see train).
 */
#include "swot/fsrs_optimize.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NW FSRS_N_WEIGHTS
#define D_FIRST 4  /* the weights difficulty depends on: w4..w7 */
#define D_WEIGHTS 4
#define S_MIN 0.001
#define S_MAX 36500.0
#define D_MIN 1.0
#define D_MAX 10.0
#define INIT_S_MAX 100.0
#define MAX_SEQ_LEN 256    /* fsrs-rs: longer items are not trained on */
#define MIN_TRAIN 8        /* fewer training items: the defaults */
#define MIN_FULL_TRAIN 64  /* fewer: only the initial stabilities */
#define PROB_MIN 1e-7
/* The L2 pull's strength.  fsrs-rs uses 1 with five epochs of Adam, which
 * stop short of its objective's minimum; minimised nearly to its minimum, a
 * lighter pull predicts the histories in make bench better. */
#define L2_GAMMA 0.3
/* Histories with more training items than this are fitted first on
 * samples of their cards (see train). */
#define SAMPLE_ITEMS ((size_t)1 << 16)

/* fsrs-rs's PARAMS_STDDEV: how far each weight strays across users; the
 * L2 pull towards the starting weights is scaled by it. */
static const double params_stddev[NW] = {
	6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33,
	0.3, 0.09, 0.16, 0.57, 0.25, 1.03, 0.31, 0.32, 0.14, 0.27,
};

struct fsrs_dataset {
	size_t n_cards, n_rev, n_items, n_bins;
	uint32_t *card_start;  /* n_cards + 1: card c's answers are positions
				* card_start[c] .. card_start[c + 1] - 1 */
	unsigned char *rating; /* each answer position's rating, 1..4 */
	int32_t *delta;        /* learning days since the answer before */
	uint32_t *item_pos;    /* items (answer positions) oldest first */
	uint32_t *item_card;   /* the card of each item */
	uint32_t *pos_rank;    /* each answer position's item (its index in
				* item_pos), or NO_ITEM */
	uint32_t *pos_bin;     /* an item position's RMSE bin, bins numbered
				* in key order */
};

#define NO_ITEM UINT32_MAX

void fsrs_opt_config_default(struct fsrs_opt_config *c)
{
	c->enable_short_term = 1;
	c->n_relearning_steps = 1;
}

void fsrs_opt_default_weights(double *w)
{
	struct fsrs_params p;
	fsrs_params_default(&p);
	memcpy(w, p.w, sizeof p.w);
}

size_t fsrs_dataset_items(const struct fsrs_dataset *d)
{
	return d->n_items;
}

void fsrs_dataset_free(struct fsrs_dataset *d)
{
	if (!d)
		return;
	free(d->card_start);
	free(d->rating);
	free(d->delta);
	free(d->item_pos);
	free(d->item_card);
	free(d->pos_rank);
	free(d->pos_bin);
	free(d);
}

/* ---- building the items ---- */

#define RADIX_BITS 16
#define RADIX ((size_t)1 << RADIX_BITS)

/* Digit p (16 bits, 0 the lowest) of key. */
static size_t digit(uint64_t key, int p)
{
	return (size_t)(key >> (p * RADIX_BITS)) & (RADIX - 1);
}

/* Sorts perm, a permutation of 0..n-1, stably by key[perm[i]]: a radix
 * sort, 16 bits a pass from the lowest, skipping each pass in which every
 * key has the same digit (times and card ids share their high bits).  A
 * million answers take a few passes over memory where qsort took a
 * fifth of a second of comparisons. */
static void radix_sort(uint32_t *perm, const uint64_t *key, size_t n)
{
	uint32_t *count = xcalloc(4 * RADIX, sizeof *count);
	uint32_t *tmp = xmalloc((n ? n : 1) * sizeof *tmp), *src = perm, *dst = tmp;
	for (size_t i = 0; i < n; i++)
		for (int p = 0; p < 4; p++)
			count[(size_t)p * RADIX + digit(key[i], p)]++;
	for (int p = 0; p < 4 && n; p++) {
		uint32_t *c = count + (size_t)p * RADIX, sum = 0;
		if (c[digit(key[0], p)] == n)
			continue;
		for (size_t b = 0; b < RADIX; b++) {
			uint32_t k = c[b];
			c[b] = sum;
			sum += k;
		}
		for (size_t i = 0; i < n; i++)
			dst[c[digit(key[src[i]], p)]++] = src[i];
		uint32_t *t = src;
		src = dst;
		dst = t;
	}
	if (src != perm)
		memcpy(perm, src, n * sizeof *perm);
	free(tmp);
	free(count);
}

/* A signed 64-bit value as an unsigned key in the same order. */
static uint64_t key_of(int64_t x)
{
	return (uint64_t)x ^ ((uint64_t)1 << 63);
}

/* The answers' order (a new array the caller frees): by card id, then
 * time, then as given.  Two stable sorts: by time (skipped when the
 * answers come in time order, as the store gives them), then by card. */
static uint32_t *review_order(const struct fsrs_opt_review *r, size_t n)
{
	uint32_t *perm = xmalloc((n ? n : 1) * sizeof *perm);
	uint64_t *key = xmalloc((n ? n : 1) * sizeof *key);
	int in_time_order = 1;
	for (size_t i = 0; i < n; i++) {
		perm[i] = (uint32_t)i;
		key[i] = key_of(r[i].time);
		in_time_order &= i == 0 || r[i].time >= r[i - 1].time;
	}
	if (!in_time_order)
		radix_sort(perm, key, n);
	for (size_t i = 0; i < n; i++)
		key[i] = key_of(r[i].card_id);
	radix_sort(perm, key, n);
	free(key);
	return perm;
}

/* The first of the card's answers perm[lo..hi) that it keeps: the start
 * of its last run of learning answers (fsrs-rs drops what came before a
 * reset); hi when it has none. */
static size_t last_learning_run(const struct fsrs_opt_review *r, const uint32_t *perm,
				size_t lo, size_t hi)
{
	size_t start = hi;
	for (size_t i = hi; i-- > lo;) {
		if (r[perm[i]].learning)
			start = i;
		else if (start != hi)
			break;
	}
	return start;
}

/* fsrs-rs's bins for RMSE: an item's interval, its number of long-term
 * answers and its lapses, each rounded down onto a geometric grid.  The
 * grid points of small numbers are kept, worked out once each. */
#define BIN_MEMO 1024

struct bin_grid {
	uint64_t dt[BIN_MEMO], len[BIN_MEMO], lapses[BIN_MEMO]; /* 0: not yet */
};

static uint64_t grid_dt(struct bin_grid *g, int32_t dt)
{
	uint64_t *m = dt < BIN_MEMO ? &g->dt[dt] : NULL;
	if (m && *m)
		return *m;
	uint64_t v = (uint64_t)round(2.48 * pow(3.62, floor(log(dt) / log(3.62))) * 100);
	return m ? (*m = v) : v;
}

static uint64_t grid_len(struct bin_grid *g, size_t len)
{
	uint64_t *m = len < BIN_MEMO ? &g->len[len] : NULL;
	if (m && *m)
		return *m;
	double x = (double)len;
	uint64_t v = (uint64_t)round(1.99 * pow(1.89, floor(log(x) / log(1.89))));
	return m ? (*m = v) : v;
}

static uint64_t grid_lapses(struct bin_grid *g, size_t lapses)
{
	uint64_t *m = lapses < BIN_MEMO ? &g->lapses[lapses] : NULL;
	if (!lapses)
		return 0;
	if (m && *m)
		return *m;
	double x = (double)lapses;
	uint64_t v = (uint64_t)round(1.65 * pow(1.73, floor(log(x) / log(1.73))));
	return m ? (*m = v) : v;
}

/* The items as they are found, card by card: each one's position, card,
 * time (as a key) and bin key. */
struct found_items {
	uint32_t *pos, *card;
	uint64_t *time, *bin;
	struct bin_grid grid;
};

/* Appends one card's kept answers perm[lo..hi) of r to d, and its items
 * to f. */
static void add_card(struct fsrs_dataset *d, const struct fsrs_opt_review *r,
		     const uint32_t *perm, size_t lo, size_t hi, struct found_items *f)
{
	size_t c = d->n_cards++, long_term = 0, lapses = 0;
	d->card_start[c] = (uint32_t)d->n_rev;
	for (size_t i = lo; i < hi; i++) {
		const struct fsrs_opt_review *v = &r[perm[i]];
		size_t pos = d->n_rev++;
		int64_t dt = i == lo ? 0 : v->day - r[perm[i - 1]].day;
		d->rating[pos] = (unsigned char)v->rating;
		d->delta[pos] = dt > 0 ? (dt > INT32_MAX ? INT32_MAX : (int32_t)dt) : 0;
		if (d->delta[pos] == 0)
			continue;
		long_term++;
		size_t k = d->n_items++;
		f->pos[k] = (uint32_t)pos;
		f->card[k] = (uint32_t)c;
		f->time[k] = key_of(v->time);
		f->bin[k] = grid_dt(&f->grid, d->delta[pos]) << 32 |
			    grid_len(&f->grid, long_term + 1) << 16 |
			    grid_lapses(&f->grid, lapses);
		lapses += v->rating == 1;
	}
	d->card_start[c + 1] = (uint32_t)d->n_rev;
}

/* Puts the items found in time order (then card, then position: they
 * were found in that order) and numbers their bins in key order. */
static void order_items(struct fsrs_dataset *d, struct found_items *f)
{
	size_t n = d->n_items, m = n ? n : 1, nr = d->n_rev ? d->n_rev : 1;
	uint32_t *perm = xmalloc(m * sizeof *perm);
	d->item_pos = xmalloc(m * sizeof *d->item_pos);
	d->item_card = xmalloc(m * sizeof *d->item_card);
	d->pos_rank = xmalloc(nr * sizeof *d->pos_rank);
	d->pos_bin = xmalloc(nr * sizeof *d->pos_bin);
	for (size_t i = 0; i < d->n_rev; i++)
		d->pos_rank[i] = d->pos_bin[i] = NO_ITEM;
	for (size_t k = 0; k < n; k++)
		perm[k] = (uint32_t)k;
	radix_sort(perm, f->time, n);
	for (size_t k = 0; k < n; k++) {
		d->item_pos[k] = f->pos[perm[k]];
		d->item_card[k] = f->card[perm[k]];
		d->pos_rank[d->item_pos[k]] = (uint32_t)k;
		perm[k] = (uint32_t)k;
	}
	radix_sort(perm, f->bin, n);
	d->n_bins = 0;
	for (size_t k = 0; k < n; k++) {
		if (k && f->bin[perm[k]] != f->bin[perm[k - 1]])
			d->n_bins++;
		d->pos_bin[f->pos[perm[k]]] = (uint32_t)d->n_bins;
	}
	d->n_bins += n > 0;
	free(perm);
}

int fsrs_dataset_build(const struct fsrs_opt_review *r, size_t n,
		       struct fsrs_dataset **out, struct swot_err *err)
{
	if (n >= UINT32_MAX)
		return swot_err_set(err, SWOT_EINVAL, "%zu answers: more than the "
				    "optimizer takes (%u)", n, UINT32_MAX - 1);
	for (size_t i = 0; i < n; i++)
		if (r[i].rating < 1 || r[i].rating > 4)
			return swot_err_set(err, SWOT_EINVAL,
					    "answer %zu (card %lld): rating %d is not 1..4",
					    i + 1, (long long)r[i].card_id, r[i].rating);
	uint32_t *perm = review_order(r, n);
	struct fsrs_dataset *d = xcalloc(1, sizeof *d);
	struct found_items *f = xcalloc(1, sizeof *f);
	size_t m = n ? n : 1;
	d->card_start = xmalloc((m + 1) * sizeof *d->card_start);
	d->card_start[0] = 0;
	d->rating = xmalloc(m * sizeof *d->rating);
	d->delta = xmalloc(m * sizeof *d->delta);
	f->pos = xmalloc(m * sizeof *f->pos);
	f->card = xmalloc(m * sizeof *f->card);
	f->time = xmalloc(m * sizeof *f->time);
	f->bin = xmalloc(m * sizeof *f->bin);
	for (size_t lo = 0, hi; lo < n; lo = hi) {
		for (hi = lo + 1; hi < n && r[perm[hi]].card_id == r[perm[lo]].card_id; hi++)
			;
		size_t start = last_learning_run(r, perm, lo, hi);
		if (start < hi)
			add_card(d, r, perm, start, hi, f);
	}
	free(perm);
	order_items(d, f);
	free(f->pos);
	free(f->card);
	free(f->time);
	free(f->bin);
	free(f);
	*out = d;
	return SWOT_OK;
}

/* fsrs-rs's recency weight of the k-th of n items, oldest first. */
static double recency_weight(size_t k, size_t n)
{
	double len = n > 1 ? (double)(n - 1) : 1;
	double x = (double)k / len;
	return 0.25 + 0.75 * x * x * x;
}

/* ---- the model, with derivatives carried forward ---- */

/* What every step needs of the weights, worked out once. */
struct model {
	const double *w;
	double decay, factor, dfactor_ddecay, easy_d, exp_w8, fail_div, exp_3w5;
};

static void model_init(struct model *m, const double *w)
{
	m->w = w;
	m->decay = -w[20];
	double e = exp(log(0.9) / m->decay);
	m->factor = e - 1;
	m->dfactor_ddecay = e * (-log(0.9) / (m->decay * m->decay));
	m->exp_3w5 = exp(3 * w[5]);
	m->easy_d = w[4] - m->exp_3w5 + 1;
	m->exp_w8 = exp(w[8]);
	m->fail_div = exp(w[17] * w[18]);
}

static double clampd(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

static int inside(double x, double lo, double hi)
{
	return x >= lo && x <= hi;
}

/* Recall after t days at stability s; with dr_ds (not NULL) also its
 * derivatives by s and by w20. */
static double curve(const struct model *m, double t, double s, double *dr_ds,
		    double *dr_dw20)
{
	double base = 1 + m->factor * t / s;
	double lb = log(base), r = exp(m->decay * lb); /* cheaper than pow */
	if (!dr_ds)
		return r;
	*dr_ds = r * m->decay / base * (-m->factor * t / (s * s));
	*dr_dw20 = -r * (lb + m->decay / base * t / s * m->dfactor_ddecay);
	return r;
}

/* A card's memory, with (when tracked) its derivatives by each weight. */
struct mem {
	double s, d;
	double ds[NW];
	double dd[D_WEIGHTS]; /* difficulty depends on w4..w7 alone */
};

/* The memory after a card's first answer g. */
static void mem_first(const struct model *m, int g, struct mem *x, int tangents)
{
	const double *w = m->w;
	double s = w[g - 1], d = w[4] - exp(w[5] * (g - 1)) + 1;
	x->s = clampd(s, S_MIN, S_MAX);
	x->d = clampd(d, D_MIN, D_MAX);
	if (!tangents)
		return;
	memset(x->ds, 0, sizeof x->ds);
	memset(x->dd, 0, sizeof x->dd);
	if (inside(s, S_MIN, S_MAX))
		x->ds[g - 1] = 1;
	if (inside(d, D_MIN, D_MAX)) {
		x->dd[0] = 1;
		x->dd[1] = -(g - 1) * exp(w[5] * (g - 1));
	}
}

/* How a step's new stability depends on the old s, d, r and the weights
 * directly. */
struct partials {
	double s, d, r;
	int n;            /* the weights it depends on directly: at most 4 */
	int j[4];
	double w[4];
};

/* Records the new stability's partial derivative v by weight j. */
static void partial_w(struct partials *p, int j, double v)
{
	p->j[p->n] = j;
	p->w[p->n++] = v;
}

/* Same-day answer: FSRS-6's short-term stability.  p (NULL when no
 * derivatives are wanted) gets its partial derivatives. */
static double short_term(const double *w, double s, int g, struct partials *p)
{
	double ls = log(s);
	double raw = exp(w[17] * (g - 3 + w[18]) - w[19] * ls);
	if (g >= 2 && raw < 1) {
		if (p)
			p->s = 1;
		return s;
	}
	if (p) {
		p->s = raw * (1 - w[19]);
		partial_w(p, 17, s * raw * (g - 3 + w[18]));
		partial_w(p, 18, s * raw * w[17]);
		partial_w(p, 19, -s * raw * ls);
	}
	return s * raw;
}

/* Forgotten: the post-lapse stability, at most s / e^(w17 w18). */
static double lapse(const struct model *m, double s, double d, double r,
		    struct partials *p)
{
	const double *w = m->w;
	double ld = log(d), l1 = log1p(s);
	double er = exp((1 - r) * w[14]), dp = exp(-w[12] * ld), sp = exp(w[13] * l1);
	double raw = w[11] * dp * (sp - 1) * er, floor_s = s / m->fail_div;
	if (floor_s < raw) {
		if (p) {
			p->s = 1 / m->fail_div;
			partial_w(p, 17, -floor_s * w[18]);
			partial_w(p, 18, -floor_s * w[17]);
		}
		return floor_s;
	}
	if (!p)
		return raw;
	p->s = w[11] * dp * er * w[13] * sp / (s + 1);
	p->d = -raw * w[12] / d;
	p->r = -raw * w[14];
	partial_w(p, 11, dp * (sp - 1) * er);
	partial_w(p, 12, -raw * ld);
	partial_w(p, 13, w[11] * dp * er * sp * l1);
	partial_w(p, 14, raw * (1 - r));
	return raw;
}

/* Recalled with grade g (2..4): the stability grows. */
static double recall(const struct model *m, double s, double d, double r, int g,
		     struct partials *p)
{
	const double *w = m->w;
	double hp = g == 2 ? w[15] : 1, eb = g == 4 ? w[16] : 1, ls = log(s);
	double c = exp(-w[9] * ls), ex = exp((1 - r) * w[10]), e = ex - 1, b = 11 - d;
	double k = m->exp_w8 * c;
	double inc = k * b * e * hp * eb;
	if (!p)
		return s * (1 + inc);
	p->s = 1 + inc * (1 - w[9]);
	p->d = -s * k * e * hp * eb;
	p->r = -s * k * b * hp * eb * w[10] * ex;
	partial_w(p, 8, s * inc);
	partial_w(p, 9, -s * inc * ls);
	partial_w(p, 10, s * k * b * hp * eb * (1 - r) * ex);
	if (g == 2)
		partial_w(p, 15, s * k * b * e * eb);
	if (g == 4)
		partial_w(p, 16, s * k * b * e * hp);
	return s * (1 + inc);
}

/* The next difficulty; *dd_dd and dw[0..3] (by w4..w7; when tangents)
 * its derivatives. */
static double next_difficulty(const struct model *m, double d, int g,
			      double *dd_dd, double *dw)
{
	const double *w = m->w;
	double delta = -w[6] * (g - 3), nd = d + (10 - d) * delta / 9;
	double mean = w[7] * (m->easy_d - nd) + nd;
	*dd_dd = 0;
	if (!dw || !inside(mean, D_MIN, D_MAX))
		return clampd(mean, D_MIN, D_MAX);
	*dd_dd = (1 - w[7]) * (1 - delta / 9);
	dw[0] = w[7];
	dw[1] = w[7] * -3 * m->exp_3w5;
	dw[2] = (1 - w[7]) * (10 - d) * -(g - 3) / 9;
	dw[3] = m->easy_d - nd;
	return clampd(mean, D_MIN, D_MAX);
}

/* Recall at an answer t days after the one before, and (when tracked) its
 * derivatives by the stability before it and by w20. */
struct at {
	double r, dr_ds, dr_dw20;
};

/* The recall at an answer t days after the one before at stability s: a
 * same-day answer (t 0) is taken as recalled, with no derivatives. */
static void recall_at(const struct model *m, int t, double s, int tangents, struct at *a)
{
	a->dr_ds = a->dr_dw20 = 0;
	a->r = t == 0 ? 1 : curve(m, t, s, tangents ? &a->dr_ds : NULL, &a->dr_dw20);
}

/* One later answer g, t days after the one before, at recall *a (from
 * recall_at: the item's prediction and the step share it). */
static void mem_step(const struct model *m, struct mem *x, int t, int g,
		     const struct at *a, int tangents)
{
	double s = x->s, d = x->d, r = a->r;
	struct partials p = {.n = 0}, *pp = tangents ? &p : NULL;
	/* a same-day answer does not depend on recall */
	double ns = t == 0  ? short_term(m->w, s, g, pp)
		    : g == 1 ? lapse(m, s, d, r, pp)
			     : recall(m, s, d, r, g, pp);
	double ddw[D_WEIGHTS] = {0}, dd_dd;
	x->d = next_difficulty(m, d, g, &dd_dd, tangents ? ddw : NULL);
	x->s = clampd(ns, S_MIN, S_MAX);
	if (!tangents)
		return;
	/* the new stability's derivatives: through s, d and r (r through s,
	 * and w20 directly), plus its own; a clamped stability has none */
	double ks = inside(ns, S_MIN, S_MAX) ? 1 : 0;
	double da = ks * (p.s + p.r * a->dr_ds), db = ks * p.d;
	for (int j = 0; j < NW; j++)
		x->ds[j] *= da;
	for (int q = 0; q < p.n; q++)
		x->ds[p.j[q]] += ks * p.w[q];
	x->ds[20] += ks * (p.r * a->dr_dw20);
	for (int j = 0; j < D_WEIGHTS; j++) {
		x->ds[D_FIRST + j] += db * x->dd[j];
		x->dd[j] = dd_dd * x->dd[j] + ddw[j];
	}
}

/* ---- evaluation ---- */

/* One bin's sums: its items' predictions, outcomes and recency weights. */
struct bin_sum {
	double pred, actual, weight;
	size_t n;
};

/* RMSE over bins: each bin's mean prediction against its mean outcome,
 * weighted by the bin's total recency weight. */
static double rmse_bins(const struct bin_sum *v, size_t n)
{
	double num = 0, den = 0;
	for (size_t i = 0; i < n; i++) {
		double cnt = (double)v[i].n, p = v[i].pred, a = v[i].actual;
		num += (p / cnt - a / cnt) * (p / cnt - a / cnt) * v[i].weight;
		den += v[i].weight;
	}
	return den > 0 ? sqrt(num / den) : 0;
}

/* The log loss of predicting p (clamped away from 0 and 1) for outcome y. */
static double log_loss_of(double p, int y)
{
	p = clampd(p, PROB_MIN, 1 - PROB_MIN);
	return -(y ? log(p) : log(1 - p));
}

/* What fsrs_evaluate sums: the weighted loss, the weights, the bins. */
struct scores {
	double loss, wsum;
	struct bin_sum *bins;
};

/* Scores card c's items under m into sc.  Cards are walked in order and
 * each answer's recall predicted as its memory is carried forward, so
 * the history is read once, in place; the items' recency weights come
 * from their rank in time. */
static void score_card(const struct fsrs_dataset *d, const struct model *m, size_t c,
		       struct scores *sc)
{
	size_t start = d->card_start[c], end = d->card_start[c + 1];
	struct mem x;
	struct at a;
	mem_first(m, d->rating[start], &x, 0);
	for (size_t i = start + 1; i < end; i++) {
		recall_at(m, d->delta[i], x.s, 0, &a);
		if (d->pos_rank[i] != NO_ITEM) {
			int y = d->rating[i] > 1;
			double wt = recency_weight(d->pos_rank[i], d->n_items);
			struct bin_sum *b = &sc->bins[d->pos_bin[i]];
			sc->loss += wt * log_loss_of(a.r, y);
			sc->wsum += wt;
			b->pred += a.r;
			b->actual += y;
			b->weight += wt;
			b->n++;
		}
		if (i + 1 < end)
			mem_step(m, &x, d->delta[i], d->rating[i], &a, 0);
	}
}

void fsrs_evaluate(const struct fsrs_dataset *d, const double *w,
		   struct fsrs_metrics *out)
{
	struct scores sc = {0, 0, xcalloc(d->n_bins ? d->n_bins : 1, sizeof *sc.bins)};
	struct model m;
	model_init(&m, w);
	for (size_t c = 0; c < d->n_cards; c++)
		score_card(d, &m, c, &sc);
	out->n_items = d->n_items;
	out->log_loss = sc.wsum > 0 ? sc.loss / sc.wsum : 0;
	out->rmse_bins = rmse_bins(sc.bins, d->n_bins);
	free(sc.bins);
}

/* ---- which items train, and pretraining ---- */

/* A card's first interval: the key fsrs-rs groups first reviews by. */
struct first_key {
	int rating, dt;
	size_t card;
};

/* Sorts n first reviews, listed in card order, by rating and then first
 * interval (a stable sort: each group stays in card order). */
static void sort_first(struct first_key *k, size_t n)
{
	size_t m = n ? n : 1;
	uint32_t *perm = xmalloc(m * sizeof *perm);
	uint64_t *key = xmalloc(m * sizeof *key);
	struct first_key *sorted = xmalloc(m * sizeof *sorted);
	for (size_t i = 0; i < n; i++) {
		perm[i] = (uint32_t)i;
		key[i] = (uint64_t)k[i].rating << 32 | (uint32_t)k[i].dt;
	}
	radix_sort(perm, key, n);
	for (size_t i = 0; i < n; i++)
		sorted[i] = k[perm[i]];
	memcpy(k, sorted, n * sizeof *k);
	free(sorted);
	free(key);
	free(perm);
}

/* One group of first reviews: a rating's cards with one first interval. */
struct group {
	int dt;
	size_t lo, hi; /* in the sorted first_key array */
};

static int cmp_group(const void *pa, const void *pb)
{
	const struct group *a = pa, *b = pb;
	size_t na = a->hi - a->lo, nb = b->hi - b->lo;
	if (na != nb)
		return na < nb ? -1 : 1;
	return a->dt - b->dt;
}

/* fsrs-rs's outlier rule for one rating's groups: the smallest groups (up
 * to 5% of the rating's cards, at least 20) and any group of fewer than 6
 * or with a first interval over 100 days (365 for Easy) are dropped. */
static void filter_rating(const struct first_key *k, struct group *g, size_t ng,
			  int rating, unsigned char *keep)
{
	size_t total = 0, removed = 0;
	for (size_t i = 0; i < ng; i++)
		total += g[i].hi - g[i].lo;
	size_t limit = total / 20 > 20 ? total / 20 : 20;
	qsort(g, ng, sizeof *g, cmp_group);
	for (size_t i = 0; i < ng; i++) {
		size_t n = g[i].hi - g[i].lo;
		int ok = 0;
		if (removed + n >= limit)
			ok = n >= 6 && g[i].dt <= (rating != 4 ? 100 : 365);
		else
			removed += n;
		for (size_t j = g[i].lo; j < g[i].hi; j++)
			keep[k[j].card] = (unsigned char)ok;
	}
}

/* keep[c]: card c's items train (its first interval is no outlier). */
static void filter_outliers(const struct fsrs_dataset *d, unsigned char *keep)
{
	struct first_key *k = xmalloc((d->n_cards ? d->n_cards : 1) * sizeof *k);
	struct group *g = xmalloc((d->n_cards ? d->n_cards : 1) * sizeof *g);
	size_t nk = 0;
	memset(keep, 0, d->n_cards);
	for (size_t c = 0; c < d->n_cards; c++) {
		size_t s = d->card_start[c], e = d->card_start[c + 1];
		for (size_t i = s + 1; i < e; i++)
			if (d->delta[i] > 0) {
				k[nk++] = (struct first_key){d->rating[s], d->delta[i], c};
				break;
			}
	}
	sort_first(k, nk);
	for (size_t lo = 0; lo < nk;) {
		size_t ng = 0, hi = lo;
		while (hi < nk && k[hi].rating == k[lo].rating) {
			size_t a = hi;
			while (hi < nk && k[hi].rating == k[a].rating && k[hi].dt == k[a].dt)
				hi++;
			g[ng++] = (struct group){k[a].dt, a, hi};
		}
		filter_rating(k, g, ng, k[lo].rating, keep);
		lo = hi;
	}
	free(g);
	free(k);
}

/* A first interval's outcomes: how many, and the share recalled. */
struct recall_point {
	double dt, recall, count;
};

/* Pretraining's loss for initial stability s: count-weighted log loss of
 * the smoothed recall on the default forgetting curve, plus fsrs-rs's
 * pull towards the default. */
static double s0_loss(const struct recall_point *p, size_t n, double s, double s_def)
{
	double decay = -0.1542, factor = pow(0.9, 1 / decay) - 1, loss = 0;
	for (size_t i = 0; i < n; i++) {
		double ly = decay * log(p[i].dt / s * factor + 1), y = exp(ly);
		loss -= (p[i].recall * ly + (1 - p[i].recall) * log1p(-y)) * p[i].count;
	}
	return loss + fabs(s - s_def) / 16;
}

/* The initial stability of one first rating: the minimum of s0_loss on
 * [S_MIN, INIT_S_MAX], by golden-section search (fsrs-rs narrows the
 * same interval by thirds; both close in on the same minimum, this with
 * one loss a step instead of two), to a billionth of a day. */
static double search_s0(const struct recall_point *p, size_t n, double s_def)
{
	const double ratio = 0.6180339887498949;
	double lo = S_MIN, hi = INIT_S_MAX;
	double a = hi - ratio * (hi - lo), b = lo + ratio * (hi - lo);
	double fa = s0_loss(p, n, a, s_def), fb = s0_loss(p, n, b, s_def);
	while (hi - lo > 1e-9) {
		if (fa < fb) {
			hi = b;
			b = a;
			fb = fa;
			a = hi - ratio * (hi - lo);
			fa = s0_loss(p, n, a, s_def);
		} else {
			lo = a;
			a = b;
			fa = fb;
			b = lo + ratio * (hi - lo);
			fb = s0_loss(p, n, b, s_def);
		}
	}
	return (lo + hi) / 2;
}

/* fsrs-rs's smooth_and_fill: initial stabilities put in rating order
 * (the rating with fewer first reviews gives way), and those of ratings
 * never seen filled in from the others by fixed geometric rules.
 * s[1..4], have[1..4] and count[1..4]; returns 0, or -1 when no rating
 * was seen. */
static int smooth_and_fill(double *s, const int *have, const size_t *count, double *out)
{
	static const int pairs[6][2] = {{1, 2}, {2, 3}, {3, 4}, {1, 3}, {2, 4}, {1, 4}};
	const double w1 = 0.41, w2 = 0.54;
	int n = 0;
	for (int i = 0; i < 6; i++) {
		int a = pairs[i][0], b = pairs[i][1];
		if (have[a] && have[b] && s[a] > s[b]) {
			if (count[a] > count[b])
				s[b] = s[a];
			else
				s[a] = s[b];
		}
	}
	for (int r = 1; r <= 4; r++)
		n += have[r];
	if (n == 0)
		return -1;
	int h1 = have[1], h2 = have[2], h3 = have[3], h4 = have[4];
	double r1 = s[1], r2 = s[2], r3 = s[3], r4 = s[4];
	if (n == 1) {
		double def[NW], f = 0;
		fsrs_opt_default_weights(def);
		for (int r = 1; r <= 4; r++)
			if (have[r])
				f = s[r] / def[r - 1];
		for (int r = 1; r <= 4; r++)
			s[r] = def[r - 1] * f;
	} else if (n == 2) {
		double q = w1 / (w1 + w2 - w1 * w2);
		double q2 = w2 / (w1 + w2 - w1 * w2);
		if (h3 && h4) {
			s[2] = pow(r3, 1 / (1 - w2)) * pow(r4, 1 - 1 / (1 - w2));
			s[1] = pow(s[2], 1 / w1) * pow(r3, 1 - 1 / w1);
		} else if (h2 && h4) {
			s[3] = pow(r2, 1 - w2) * pow(r4, w2);
			s[1] = pow(r2, 1 / w1) * pow(s[3], 1 - 1 / w1);
		} else if (h2 && h3) {
			s[4] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2);
			s[1] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1);
		} else if (h1 && h4) {
			s[2] = pow(r1, q) * pow(r4, 1 - q);
			s[3] = pow(r1, 1 - q2) * pow(r4, q2);
		} else if (h1 && h3) {
			s[2] = pow(r1, w1) * pow(r3, 1 - w1);
			s[4] = pow(s[2], 1 - 1 / w2) * pow(r3, 1 / w2);
		} else if (h1 && h2) {
			s[3] = pow(r1, 1 - 1 / (1 - w1)) * pow(r2, 1 / (1 - w1));
			s[4] = pow(r2, 1 - 1 / w2) * pow(s[3], 1 / w2);
		}
	} else if (n == 3) {
		if (!h1)
			s[1] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1);
		else if (!h2)
			s[2] = pow(r1, w1) * pow(r3, 1 - w1);
		else if (!h3)
			s[3] = pow(r2, 1 - w2) * pow(r4, w2);
		else
			s[4] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2);
	}
	for (int r = 1; r <= 4; r++)
		out[r - 1] = clampd(s[r], S_MIN, INIT_S_MAX);
	return 0;
}

/* ---- training ---- */

/* What training minimises: the recency-weighted log loss of the training
 * items plus fsrs-rs's L2 pull towards the starting weights w0, over the
 * total weight. */
struct objective {
	const struct fsrs_dataset *d;
	const double *weight; /* per answer position: its item's weight, or 0 */
	const size_t *cards;  /* the cards with a training item */
	const size_t *last;   /* and the position of each one's last */
	size_t n_cards;
	double wsum;
	double l2;            /* the L2 pull's strength */
	double w0[NW];
};

/* Adds one item's loss (and with g, its gradient and Gauss-Newton
 * matrix) at recall r with derivatives dr. */
static double item_loss(double r, const double *dr, int y, double wt, double *g,
			double *h)
{
	double p = clampd(r, PROB_MIN, 1 - PROB_MIN), loss = wt * log_loss_of(r, y);
	if (!g || p != r)
		return loss;
	double dl = -wt * (y ? 1 / p : -1 / (1 - p)), c = wt / (p * (1 - p));
	int nz[NW], n = 0;
	for (int j = 0; j < NW; j++) {
		g[j] += dl * dr[j];
		if (dr[j] != 0)
			nz[n++] = j;
	}
	/* the weights a card's history has not involved (the other first
	 * ratings' stabilities, Hard's or Easy's bonus before one is given)
	 * add nothing: only the others' products are summed */
	for (int a = 0; h && a < n; a++) {
		double cj = c * dr[nz[a]], *row = h + nz[a] * NW;
		for (int b = 0; b <= a; b++)
			row[nz[b]] += cj * dr[nz[b]];
	}
	return loss;
}

/* One card's training loss under m; with g, its derivatives too. */
static double card_loss(const struct objective *o, const struct model *m, size_t ci,
			double *g, double *h)
{
	const struct fsrs_dataset *d = o->d;
	size_t c = o->cards[ci], start = d->card_start[c];
	struct mem x;
	struct at a;
	double loss = 0, dr[NW];
	mem_first(m, d->rating[start], &x, g != NULL);
	for (size_t i = start + 1; i <= o->last[ci]; i++) {
		recall_at(m, d->delta[i], x.s, g != NULL, &a);
		if (o->weight[i] > 0) {
			if (g)
				for (int j = 0; j < NW; j++)
					dr[j] = a.dr_ds * x.ds[j] + (j == 20 ? a.dr_dw20 : 0);
			loss += item_loss(a.r, dr, d->rating[i] > 1, o->weight[i], g, h);
		}
		if (i < o->last[ci])
			mem_step(m, &x, d->delta[i], d->rating[i], &a, g != NULL);
	}
	return loss;
}

/* The objective at w; with g (and h, NW x NW, lower triangle) its
 * gradient and Gauss-Newton matrix. */
static double objective(const struct objective *o, const double *w, double *g,
			double *h)
{
	struct model m;
	double loss = 0;
	model_init(&m, w);
	if (g)
		memset(g, 0, NW * sizeof *g);
	if (h)
		memset(h, 0, NW * NW * sizeof *h);
	for (size_t ci = 0; ci < o->n_cards; ci++)
		loss += card_loss(o, &m, ci, g, h);
	for (int j = 0; j < NW; j++) {
		double dw = w[j] - o->w0[j], v = params_stddev[j] * params_stddev[j];
		loss += o->l2 * dw * dw / v;
		if (g)
			g[j] += 2 * o->l2 * dw / v;
		if (h)
			h[j * NW + j] += 2 * o->l2 / v;
	}
	if (h)
		for (int j = 0; j < NW * NW; j++)
			h[j] /= o->wsum;
	for (int j = 0; g && j < NW; j++)
		g[j] /= o->wsum;
	return loss / o->wsum;
}

/* fsrs-rs's clamps: each weight's range, w17 and w18 bounded by the
 * relearning steps, w19 at least 0.01 with short-term memory. */
static void bounds(const double *w, const struct fsrs_opt_config *c, double *lo,
		   double *hi)
{
	for (int j = 0; j < NW; j++)
		fsrs_weight_range(j, &lo[j], &hi[j]);
	double ceiling = 2;
	if (c->n_relearning_steps > 1) {
		double v = -(log(w[11]) + log(pow(2, w[13]) - 1) + w[14] * 0.3) /
			   (double)c->n_relearning_steps;
		ceiling = fmin(sqrt(fmax(v, 0.01)), 2);
	}
	hi[17] = hi[18] = ceiling;
	lo[19] = c->enable_short_term ? 0.01 : 0;
}

/* Solves a x = b for the n x n symmetric positive definite a (row
 * major, lower triangle read) by Cholesky; -1 when it is not. */
static int cholesky_solve(double *a, int n, const double *b, double *x)
{
	for (int j = 0; j < n; j++) {
		for (int k = 0; k <= j; k++) {
			double s = a[j * n + k];
			for (int i = 0; i < k; i++)
				s -= a[j * n + i] * a[k * n + i];
			if (k < j) {
				a[j * n + k] = s / a[k * n + k];
			} else {
				if (!(s > 0))
					return -1;
				a[j * n + j] = sqrt(s);
			}
		}
	}
	for (int j = 0; j < n; j++) {
		double s = b[j];
		for (int i = 0; i < j; i++)
			s -= a[j * n + i] * x[i];
		x[j] = s / a[j * n + j];
	}
	for (int j = n; j-- > 0;) {
		double s = x[j];
		for (int i = j + 1; i < n; i++)
			s -= a[i * n + j] * x[i];
		x[j] = s / a[j * n + j];
	}
	return 0;
}

/* h's entry (j, k), from its lower triangle. */
static double hess(const double *h, int j, int k)
{
	return j >= k ? h[j * NW + k] : h[k * NW + j];
}

/* Solves the damped system for the weights not held, each held weight j
 * having moved by step[j]; the solution goes into step.  -1 when the
 * system is singular or nothing is free. */
static int lm_solve(const double *g, const double *h, double lambda,
		    const unsigned char *held, double *step)
{
	double a[NW * NW], b[NW], x[NW];
	int idx[NW], n = 0;
	for (int j = 0; j < NW; j++)
		if (!held[j])
			idx[n++] = j;
	for (int p = 0; p < n; p++) {
		for (int q = 0; q <= p; q++)
			a[p * n + q] = hess(h, idx[p], idx[q]);
		a[p * n + p] += lambda * a[p * n + p] + 1e-12;
		b[p] = -g[idx[p]];
		for (int j = 0; j < NW; j++)
			if (held[j])
				b[p] -= hess(h, idx[p], j) * step[j];
	}
	if (n == 0 || cholesky_solve(a, n, b, x))
		return -1;
	for (int p = 0; p < n; p++)
		step[idx[p]] = x[p];
	return 0;
}

/* One Levenberg-Marquardt step from w (gradient g, matrix h) with damping
 * lambda, the new weights in wn.  Frozen weights stay; a weight at a bound
 * the gradient pushes against stays there; a weight the step would carry
 * past a bound is held at it and the others solved again, so the step is
 * the damped Newton step on the face of the box it lands on rather than
 * a clipped one. */
static int lm_step(const double *w, const double *g, const double *h, double lambda,
		   const unsigned char *frozen, const struct fsrs_opt_config *c,
		   double *wn)
{
	double lo[NW], hi[NW], step[NW] = {0};
	unsigned char held[NW];
	bounds(w, c, lo, hi);
	for (int j = 0; j < NW; j++)
		held[j] = frozen[j] || (w[j] <= lo[j] && g[j] > 0) ||
			  (w[j] >= hi[j] && g[j] < 0);
	for (int pass = 0; pass < NW; pass++) {
		int crossed = 0;
		if (lm_solve(g, h, lambda, held, step))
			return -1;
		for (int j = 0; j < NW; j++) {
			if (held[j] || inside(w[j] + step[j], lo[j], hi[j]))
				continue;
			step[j] = clampd(w[j] + step[j], lo[j], hi[j]) - w[j];
			held[j] = 1;
			crossed = 1;
		}
		if (!crossed)
			break;
	}
	for (int j = 0; j < NW; j++)
		wn[j] = w[j] + step[j];
	for (int pass = 0; pass < 2; pass++) {
		bounds(wn, c, lo, hi);
		for (int j = 0; j < NW; j++)
			wn[j] = clampd(wn[j], lo[j], hi[j]);
	}
	return 0;
}

/* Minimises o from w (clamped first) in place; returns the iterations.
 * It stops when a step gains less than a ten-thousandth of the loss (below
 * what the metrics show) or no step gains at all; the clamps and the
 * model's own floors make the loss kinked near its minimum, where
 * Gauss-Newton steps mostly fail and only wear time. */
static int minimise(const struct objective *o, const struct fsrs_opt_config *c,
		    const unsigned char *frozen, double *w)
{
	double g[NW], h[NW * NW], wn[NW], lo[NW], hi[NW], lambda = 1e-3;
	int it = 0;
	bounds(w, c, lo, hi);
	for (int j = 0; j < NW; j++)
		w[j] = clampd(w[j], lo[j], hi[j]);
	double f = objective(o, w, g, h);
	while (it < 100 && lambda < 1e6) {
		it++;
		if (lm_step(w, g, h, lambda, frozen, c, wn)) {
			lambda *= 10;
			continue;
		}
		double fn = objective(o, wn, NULL, NULL);
		if (!(fn < f)) {
			lambda *= 10;
			continue;
		}
		int done = f - fn < 1e-4 * f;
		memcpy(w, wn, sizeof wn);
		if (done)
			break;
		f = objective(o, w, g, h);
		lambda = fmax(lambda / 3, 1e-9);
	}
	return it;
}

/* The training items' weights (per answer position) and the cards they
 * are on; returns the number of training items (before the length cap). */
static size_t training_items(const struct fsrs_dataset *d, const unsigned char *keep,
			     double *weight, struct objective *o, size_t *cards,
			     size_t *last)
{
	size_t n_train = 0, j = 0;
	for (size_t k = 0; k < d->n_items; k++)
		n_train += keep[d->item_card[k]];
	memset(weight, 0, (d->n_rev ? d->n_rev : 1) * sizeof *weight);
	o->wsum = 0;
	for (size_t k = 0; k < d->n_items; k++) {
		size_t c = d->item_card[k], pos = d->item_pos[k];
		if (!keep[c])
			continue;
		double wt = recency_weight(j++, n_train);
		if (pos - d->card_start[c] + 1 > MAX_SEQ_LEN)
			continue;
		weight[pos] = wt;
		o->wsum += wt;
	}
	o->n_cards = 0;
	for (size_t c = 0; c < d->n_cards; c++) {
		size_t s = d->card_start[c], e = d->card_start[c + 1], lp = 0;
		for (size_t i = s + 1; i < e; i++)
			if (weight[i] > 0)
				lp = i;
		if (lp) {
			cards[o->n_cards] = c;
			last[o->n_cards++] = lp;
		}
	}
	o->d = d;
	o->weight = weight;
	o->cards = cards;
	o->last = last;
	return n_train;
}

/* Pretraining: the initial stability of each first rating from how often
 * the first long-term review was recalled after each first interval
 * (cards kept by the outlier rule).  s0 gets the four; have and count
 * (indexed 1..4) what was seen.  Returns -1 when no first review is. */
static int pretrain(const struct fsrs_dataset *d, const unsigned char *keep,
		    double avg_recall, double *s0, int *have, size_t *count)
{
	struct first_key *k = xmalloc((d->n_cards ? d->n_cards : 1) * sizeof *k);
	struct recall_point *p = xmalloc((d->n_cards ? d->n_cards : 1) * sizeof *p);
	double s[5] = {0}, def[NW];
	size_t nk = 0;
	fsrs_opt_default_weights(def);
	for (size_t c = 0; c < d->n_cards; c++) {
		size_t st = d->card_start[c], e = d->card_start[c + 1];
		for (size_t i = st + 1; i < e && keep[c]; i++)
			if (d->delta[i] > 0) {
				/* the outcome rides in card: recalled or not */
				k[nk++] = (struct first_key){d->rating[st], d->delta[i],
							     d->rating[i] > 1};
				break;
			}
	}
	sort_first(k, nk);
	for (int r = 1; r <= 4; r++) {
		size_t np = 0;
		count[r] = 0;
		for (size_t i = 0; i < nk;) {
			size_t j = i, ok = 0;
			for (; j < nk && k[j].rating == k[i].rating && k[j].dt == k[i].dt; j++)
				ok += k[j].card;
			if (k[i].rating == r) {
				double n = (double)(j - i), real = (double)ok / n;
				p[np++] = (struct recall_point){k[i].dt, (real * n + avg_recall) / (n + 1), n};
				count[r] += j - i;
			}
			i = j;
		}
		have[r] = np > 0;
		if (np)
			s[r] = search_s0(p, np, def[r - 1]);
	}
	free(p);
	free(k);
	return smooth_and_fill(s, have, count, s0);
}

/* The share of training items recalled. */
static double average_recall(const struct fsrs_dataset *d, const unsigned char *keep)
{
	size_t n = 0, ok = 0;
	for (size_t k = 0; k < d->n_items; k++)
		if (keep[d->item_card[k]]) {
			n++;
			ok += d->rating[d->item_pos[k]] > 1;
		}
	return n ? (double)ok / (double)n : 0;
}

/* The objective of every stride-th card of o, with o's weights; its L2
 * pull scaled by the share of the recency weight the sample holds, so
 * that it estimates o's.  cards and last: room for o's cards. */
static void sample_objective(const struct objective *o, size_t stride, size_t *cards,
			     size_t *last, struct objective *s)
{
	*s = *o;
	s->n_cards = 0;
	s->wsum = 0;
	for (size_t ci = 0; ci < o->n_cards; ci += stride) {
		cards[s->n_cards] = o->cards[ci];
		last[s->n_cards++] = o->last[ci];
		for (size_t i = o->d->card_start[o->cards[ci]]; i <= o->last[ci]; i++)
			s->wsum += o->weight[i];
	}
	s->cards = cards;
	s->last = last;
	s->l2 = o->l2 * s->wsum / o->wsum;
}

/* Trains every weight from w (the pretrained start) in place; returns
 * the iterations.  Each iteration passes over every training item, most of
 * them only walk from the pretrained start towards the minimum, and a
 * sample of the cards shows the way there nearly as well: so a history of
 * more than SAMPLE_ITEMS items is fitted first on every k-th card (about
 * SAMPLE_ITEMS items), then from there on a sample four times larger, and
 * so on, and last on every item.  That last fit starts near its minimum
 * and stops by the same rule as ever: the weights are the whole
 * history's, to the same tolerance, for a few passes over it instead of a
 * dozen.  Smaller histories are fitted on every item from the start. */
static int train(const struct fsrs_dataset *d, const unsigned char *keep,
		 const struct fsrs_opt_config *c, double *w)
{
	struct objective o, sub;
	double *weight = xmalloc((d->n_rev ? d->n_rev : 1) * sizeof *weight);
	size_t *cards = xmalloc((d->n_cards ? d->n_cards : 1) * sizeof *cards);
	size_t *last = xmalloc((d->n_cards ? d->n_cards : 1) * sizeof *last);
	size_t *sub_cards = xmalloc((d->n_cards ? d->n_cards : 1) * sizeof *sub_cards);
	size_t *sub_last = xmalloc((d->n_cards ? d->n_cards : 1) * sizeof *sub_last);
	unsigned char frozen[NW] = {0};
	int it = 0;
	size_t n_train = training_items(d, keep, weight, &o, cards, last);
	o.l2 = L2_GAMMA;
	if (!c->enable_short_term) {
		w[17] = w[18] = w[19] = 0;
		memset(frozen, 1, 4);
		memset(frozen + 17, 1, 3);
	}
	memcpy(o.w0, w, sizeof o.w0);
	for (size_t size = SAMPLE_ITEMS; o.wsum > 0 && size < n_train; size *= 4) {
		sample_objective(&o, (n_train + size - 1) / size, sub_cards, sub_last, &sub);
		if (sub.wsum > 0)
			it += minimise(&sub, c, frozen, w);
	}
	if (o.wsum > 0)
		it += minimise(&o, c, frozen, w);
	free(sub_last);
	free(sub_cards);
	free(last);
	free(cards);
	free(weight);
	return it;
}

void fsrs_fit(const struct fsrs_dataset *d, const struct fsrs_opt_config *c,
	      struct fsrs_fit *fit)
{
	unsigned char *keep = xmalloc(d->n_cards ? d->n_cards : 1);
	double s0[4];
	int have[5] = {0};
	size_t count[5] = {0}, n_train = 0, n_first = 0;

	memset(fit, 0, sizeof *fit);
	fsrs_opt_default_weights(fit->w);
	fit->n_reviews = d->n_rev;
	fit->n_items = d->n_items;
	filter_outliers(d, keep);
	for (size_t k = 0; k < d->n_items; k++)
		n_train += keep[d->item_card[k]];
	for (size_t c2 = 0; c2 < d->n_cards; c2++)
		n_first += keep[c2];
	fit->n_train = n_train;
	if (n_train < MIN_TRAIN ||
	    pretrain(d, keep, average_recall(d, keep), s0, have, count)) {
		free(keep);
		return;
	}
	memcpy(fit->w, s0, sizeof s0);
	fit->kind = FSRS_FIT_PRETRAINED;
	if (n_train > n_first && n_train >= MIN_FULL_TRAIN) {
		double s[5] = {0, fit->w[0], fit->w[1], fit->w[2], fit->w[3]};
		fit->iterations = train(d, keep, c, fit->w);
		for (int r = 1; r <= 4; r++)
			s[r] = fit->w[r - 1];
		smooth_and_fill(s, have, count, fit->w);
		fit->kind = FSRS_FIT_TRAINED;
	}
	free(keep);
}

double fsrs_log_loss_gradient(const struct fsrs_dataset *d, const double *w,
			      double *grad)
{
	struct objective o = {.d = d};
	double *weight = xcalloc(d->n_rev ? d->n_rev : 1, sizeof *weight);
	size_t *cards = xmalloc((d->n_cards ? d->n_cards : 1) * sizeof *cards);
	size_t *last = xcalloc(d->n_cards ? d->n_cards : 1, sizeof *last);
	double h[NW * NW], loss = 0;
	struct model m;
	for (size_t k = 0; k < d->n_items; k++) {
		size_t pos = d->item_pos[k], c = d->item_card[k];
		weight[pos] = recency_weight(k, d->n_items);
		o.wsum += weight[pos];
		last[c] = pos > last[c] ? pos : last[c];
	}
	for (size_t c = 0; c < d->n_cards; c++) {
		if (!last[c])
			continue;
		last[o.n_cards] = last[c]; /* o.n_cards <= c: already read */
		cards[o.n_cards++] = c;
	}
	o.weight = weight;
	o.cards = cards;
	o.last = last;
	model_init(&m, w);
	memset(grad, 0, NW * sizeof *grad);
	memset(h, 0, sizeof h);
	for (size_t ci = 0; ci < o.n_cards; ci++)
		loss += card_loss(&o, &m, ci, grad, h);
	for (int j = 0; j < NW && o.wsum > 0; j++)
		grad[j] /= o.wsum;
	free(last);
	free(cards);
	free(weight);
	return o.wsum > 0 ? loss / o.wsum : 0;
}

size_t fsrs_dataset_train_items(const struct fsrs_dataset *d)
{
	unsigned char *keep = xmalloc(d->n_cards ? d->n_cards : 1);
	size_t n = 0;
	filter_outliers(d, keep);
	for (size_t k = 0; k < d->n_items; k++)
		n += keep[d->item_card[k]];
	free(keep);
	return n;
}
