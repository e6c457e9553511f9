/*
 * fsrs_optimize.c: fitting FSRS-6's weights to a review history, following
 * fsrs-rs (src/dataset.rs, src/parameter_initialization.rs,
 * src/training.rs, src/inference.rs) in what the items are, which are
 * outliers, how the initial stabilities are pretrained, the model trained
 * (its clamps and its objective) and how the result is scored.  Where
 * fsrs-rs runs five epochs of mini-batch Adam, this minimises the same
 * objective (with a lighter L2 pull) nearly to its minimum with
 * Levenberg-Marquardt on exact derivatives, carried forward through each
 * card's history alongside its memory state.
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

/* fsrs-rs's PARAMS_STDDEV: how far each weight strays across users; the
 * L2 pull towards the starting weights is scaled by it. */
static const double params_stddev[NW] = {
	6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33,
	0.3, 0.09, 0.16, 0.57, 0.25, 1.03, 0.31, 0.32, 0.14, 0.27,
};

struct fsrs_dataset {
	size_t n_cards, n_rev, n_items;
	size_t *card_start, *card_len; /* each card's answers in rating/delta */
	unsigned char *rating;         /* 1..4 */
	int *delta;                    /* learning days since the answer before */
	size_t *item_pos;  /* items (answer positions) oldest first */
	size_t *item_card; /* the card of each item */
	size_t *pos_card;  /* the card of each answer position */
};

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
	free(d->card_len);
	free(d->rating);
	free(d->delta);
	free(d->item_pos);
	free(d->item_card);
	free(d->pos_card);
	free(d);
}

/* ---- building the items ---- */

static int cmp_review(const void *pa, const void *pb)
{
	const struct fsrs_opt_review *a = *(const struct fsrs_opt_review *const *)pa;
	const struct fsrs_opt_review *b = *(const struct fsrs_opt_review *const *)pb;
	if (a->card_id != b->card_id)
		return a->card_id < b->card_id ? -1 : 1;
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return (a > b) - (a < b);
}

/* An item with the time that orders it among all items. */
struct item_time {
	int64_t time, card_id;
	size_t pos, card;
};

static int cmp_item_time(const void *pa, const void *pb)
{
	const struct item_time *a = pa, *b = pb;
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	if (a->card_id != b->card_id)
		return a->card_id < b->card_id ? -1 : 1;
	return (a->pos > b->pos) - (a->pos < b->pos);
}

/* The first of the card's answers [lo, hi) that it keeps: the start of
 * its last run of learning answers (fsrs-rs drops what came before a
 * reset); hi when it has none. */
static size_t last_learning_run(const struct fsrs_opt_review *const *v,
				size_t lo, size_t hi)
{
	size_t start = hi;
	for (size_t i = hi; i-- > lo;) {
		if (v[i]->learning)
			start = i;
		else if (start != hi)
			break;
	}
	return start;
}

/* Appends one card's kept answers [lo, hi) of v to d, and its items to
 * items. */
static void add_card(struct fsrs_dataset *d, const struct fsrs_opt_review *const *v,
		     size_t lo, size_t hi, struct item_time *items)
{
	size_t c = d->n_cards++;
	d->card_start[c] = d->n_rev;
	d->card_len[c] = hi - lo;
	for (size_t i = lo; i < hi; i++) {
		size_t pos = d->n_rev++;
		int64_t dt = i == lo ? 0 : v[i]->day - v[i - 1]->day;
		d->rating[pos] = (unsigned char)v[i]->rating;
		d->delta[pos] = dt > 0 ? (dt > INT32_MAX ? INT32_MAX : (int)dt) : 0;
		d->pos_card[pos] = c;
		if (i > lo && d->delta[pos] > 0)
			items[d->n_items++] = (struct item_time){
				v[i]->time, v[i]->card_id, pos, c};
	}
}

int fsrs_dataset_build(const struct fsrs_opt_review *r, size_t n,
		       struct fsrs_dataset **out, struct swot_err *err)
{
	for (size_t i = 0; i < n; i++)
		if (r[i].rating < 1 || r[i].rating > 4)
			return swot_err_set(err, SWOT_EINVAL,
					    "answer %zu (card %lld): rating %d is not 1..4",
					    i + 1, (long long)r[i].card_id, r[i].rating);
	const struct fsrs_opt_review **v = xmalloc((n ? n : 1) * sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = &r[i];
	qsort(v, n, sizeof *v, cmp_review);
	struct fsrs_dataset *d = xcalloc(1, sizeof *d);
	size_t m = n ? n : 1;
	d->card_start = xmalloc(m * sizeof *d->card_start);
	d->card_len = xmalloc(m * sizeof *d->card_len);
	d->rating = xmalloc(m * sizeof *d->rating);
	d->delta = xmalloc(m * sizeof *d->delta);
	d->pos_card = xmalloc(m * sizeof *d->pos_card);
	struct item_time *items = xmalloc(m * sizeof *items);
	for (size_t lo = 0, hi; lo < n; lo = hi) {
		for (hi = lo + 1; hi < n && v[hi]->card_id == v[lo]->card_id; hi++)
			;
		size_t start = last_learning_run(v, lo, hi);
		if (start < hi)
			add_card(d, v, start, hi, items);
	}
	qsort(items, d->n_items, sizeof *items, cmp_item_time);
	d->item_pos = xmalloc((d->n_items ? d->n_items : 1) * sizeof *d->item_pos);
	d->item_card = xmalloc((d->n_items ? d->n_items : 1) * sizeof *d->item_card);
	for (size_t k = 0; k < d->n_items; k++) {
		d->item_pos[k] = items[k].pos;
		d->item_card[k] = items[k].card;
	}
	free(items);
	free(v);
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
	double w[NW];
};

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
		p->w[17] = s * raw * (g - 3 + w[18]);
		p->w[18] = s * raw * w[17];
		p->w[19] = -s * raw * ls;
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
			p->w[17] = -floor_s * w[18];
			p->w[18] = -floor_s * w[17];
		}
		return floor_s;
	}
	if (!p)
		return raw;
	p->s = w[11] * dp * er * w[13] * sp / (s + 1);
	p->d = -raw * w[12] / d;
	p->r = -raw * w[14];
	p->w[11] = dp * (sp - 1) * er;
	p->w[12] = -raw * ld;
	p->w[13] = w[11] * dp * er * sp * l1;
	p->w[14] = raw * (1 - r);
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
	p->w[8] = s * inc;
	p->w[9] = -s * inc * ls;
	p->w[10] = s * k * b * hp * eb * (1 - r) * ex;
	if (g == 2)
		p->w[15] = s * k * b * e * eb;
	if (g == 4)
		p->w[16] = s * k * b * e * hp;
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

/* One later answer g, t days after the one before. */
static void mem_step(const struct model *m, struct mem *x, int t, int g, int tangents)
{
	double s = x->s, d = x->d, dr_ds = 0, dr_dw20 = 0;
	/* a same-day answer does not depend on recall */
	double r = t == 0 ? 1 : curve(m, t, s, tangents ? &dr_ds : NULL, &dr_dw20);
	struct partials p = {0}, *pp = tangents ? &p : NULL;
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
	double a = ks * (p.s + p.r * dr_ds), b = ks * p.d;
	p.w[20] += p.r * dr_dw20;
	for (int j = 0; j < NW; j++)
		x->ds[j] = a * x->ds[j] + ks * p.w[j];
	for (int j = 0; j < D_WEIGHTS; j++) {
		x->ds[D_FIRST + j] += b * x->dd[j];
		x->dd[j] = dd_dd * x->dd[j] + ddw[j];
	}
}

/* ---- evaluation ---- */

/* fsrs-rs's bin of an item: (interval, reviews, lapses) rounded onto
 * geometric grids. */
static uint64_t item_bin(const struct fsrs_dataset *d, size_t card, size_t pos)
{
	size_t start = d->card_start[card];
	double dt = d->delta[pos];
	int long_term = 0, lapses = 0;
	for (size_t i = start; i <= pos; i++) {
		long_term += d->delta[i] > 0;
		lapses += i < pos && d->rating[i] == 1 && d->delta[i] > 0;
	}
	double len = long_term + 1;
	uint64_t db = (uint64_t)round(2.48 * pow(3.62, floor(log(dt) / log(3.62))) * 100);
	uint64_t lb = (uint64_t)round(1.99 * pow(1.89, floor(log(len) / log(1.89))));
	uint64_t pb = lapses ? (uint64_t)round(1.65 * pow(1.73, floor(log(lapses) / log(1.73))))
			     : 0;
	return db << 32 | lb << 16 | pb;
}

struct bin_acc {
	uint64_t key;
	double pred, actual, weight;
};

static int cmp_bin(const void *pa, const void *pb)
{
	const struct bin_acc *a = pa, *b = pb;
	return (a->key > b->key) - (a->key < b->key);
}

/* RMSE over bins: each bin's mean prediction against its mean outcome,
 * weighted by the bin's total recency weight. */
static double rmse_bins(struct bin_acc *v, size_t n)
{
	double num = 0, den = 0;
	qsort(v, n, sizeof *v, cmp_bin);
	for (size_t i = 0, j; i < n; i = j) {
		double p = 0, a = 0, w = 0;
		for (j = i; j < n && v[j].key == v[i].key; j++) {
			p += v[j].pred;
			a += v[j].actual;
			w += v[j].weight;
		}
		double cnt = (double)(j - i);
		num += (p / cnt - a / cnt) * (p / cnt - a / cnt) * w;
		den += w;
	}
	return den > 0 ? sqrt(num / den) : 0;
}

/* Each answer position's prediction of recall (0 where none is made). */
static void predict_all(const struct fsrs_dataset *d, const double *w, double *pred)
{
	struct model m;
	struct mem x;
	model_init(&m, w);
	for (size_t c = 0; c < d->n_cards; c++) {
		size_t start = d->card_start[c], len = d->card_len[c];
		mem_first(&m, d->rating[start], &x, 0);
		pred[start] = 0;
		for (size_t i = start + 1; i < start + len; i++) {
			pred[i] = curve(&m, d->delta[i], x.s, NULL, NULL);
			mem_step(&m, &x, d->delta[i], d->rating[i], 0);
		}
	}
}

void fsrs_evaluate(const struct fsrs_dataset *d, const double *w,
		   struct fsrs_metrics *out)
{
	size_t n = d->n_items;
	double *pred = xmalloc((d->n_rev ? d->n_rev : 1) * sizeof *pred);
	struct bin_acc *bins = xmalloc((n ? n : 1) * sizeof *bins);
	double loss = 0, wsum = 0;
	predict_all(d, w, pred);
	for (size_t k = 0; k < n; k++) {
		size_t pos = d->item_pos[k];
		double p = clampd(pred[pos], PROB_MIN, 1 - PROB_MIN);
		double y = d->rating[pos] > 1, wt = recency_weight(k, n);
		loss -= wt * (y * log(p) + (1 - y) * log(1 - p));
		wsum += wt;
		bins[k] = (struct bin_acc){item_bin(d, d->item_card[k], pos), pred[pos], y, wt};
	}
	out->n_items = n;
	out->log_loss = wsum > 0 ? loss / wsum : 0;
	out->rmse_bins = rmse_bins(bins, n);
	free(bins);
	free(pred);
}

/* ---- which items train, and pretraining ---- */

/* A card's first interval: the key fsrs-rs groups first reviews by. */
struct first_key {
	int rating, dt;
	size_t card;
};

static int cmp_first(const void *pa, const void *pb)
{
	const struct first_key *a = pa, *b = pb;
	if (a->rating != b->rating)
		return a->rating - b->rating;
	if (a->dt != b->dt)
		return a->dt - b->dt;
	return (a->card > b->card) - (a->card < b->card);
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
		size_t s = d->card_start[c], e = s + d->card_len[c];
		for (size_t i = s + 1; i < e; i++)
			if (d->delta[i] > 0) {
				k[nk++] = (struct first_key){d->rating[s], d->delta[i], c};
				break;
			}
	}
	qsort(k, nk, sizeof *k, cmp_first);
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
	double w0[NW];
};

/* Adds one item's loss (and with g, its gradient and Gauss-Newton
 * matrix) at recall r with derivatives dr. */
static double item_loss(double r, const double *dr, int y, double wt, double *g,
			double *h)
{
	double p = clampd(r, PROB_MIN, 1 - PROB_MIN);
	double loss = -wt * (y ? log(p) : log(1 - p));
	if (!g || p != r)
		return loss;
	double dl = -wt * (y ? 1 / p : -1 / (1 - p)), c = wt / (p * (1 - p));
	for (int j = 0; j < NW; j++) {
		double cj = c * dr[j];
		g[j] += dl * dr[j];
		for (int k = 0; k <= j; k++)
			h[j * NW + k] += cj * dr[k];
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
	double loss = 0, dr[NW], dr_ds = 0, dr_dw20 = 0;
	mem_first(m, d->rating[start], &x, g != NULL);
	for (size_t i = start + 1; i <= o->last[ci]; i++) {
		if (o->weight[i] > 0) {
			double r = curve(m, d->delta[i], x.s, g ? &dr_ds : NULL, &dr_dw20);
			if (g)
				for (int j = 0; j < NW; j++)
					dr[j] = dr_ds * x.ds[j] + (j == 20 ? dr_dw20 : 0);
			loss += item_loss(r, dr, d->rating[i] > 1, o->weight[i], g, h);
		}
		if (i < o->last[ci])
			mem_step(m, &x, d->delta[i], d->rating[i], g != NULL);
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
	if (g) {
		memset(g, 0, NW * sizeof *g);
		memset(h, 0, NW * NW * sizeof *h);
	}
	for (size_t ci = 0; ci < o->n_cards; ci++)
		loss += card_loss(o, &m, ci, g, h);
	for (int j = 0; j < NW; j++) {
		double dw = w[j] - o->w0[j], v = params_stddev[j] * params_stddev[j];
		loss += L2_GAMMA * dw * dw / v;
		if (g) {
			g[j] += 2 * L2_GAMMA * dw / v;
			h[j * NW + j] += 2 * L2_GAMMA / v;
		}
	}
	if (g)
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
		size_t s = d->card_start[c], e = s + d->card_len[c], lp = 0;
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
		size_t st = d->card_start[c], e = st + d->card_len[c];
		for (size_t i = st + 1; i < e && keep[c]; i++)
			if (d->delta[i] > 0) {
				/* the outcome rides in card: recalled or not */
				k[nk++] = (struct first_key){d->rating[st], d->delta[i],
							     d->rating[i] > 1};
				break;
			}
	}
	qsort(k, nk, sizeof *k, cmp_first);
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

/* Trains every weight from w (the pretrained start) in place. */
static int train(const struct fsrs_dataset *d, const unsigned char *keep,
		 const struct fsrs_opt_config *c, double *w)
{
	struct objective o;
	double *weight = xmalloc((d->n_rev ? d->n_rev : 1) * sizeof *weight);
	size_t *cards = xmalloc((d->n_cards ? d->n_cards : 1) * sizeof *cards);
	size_t *last = xmalloc((d->n_cards ? d->n_cards : 1) * sizeof *last);
	unsigned char frozen[NW] = {0};
	int it = 0;
	training_items(d, keep, weight, &o, cards, last);
	if (!c->enable_short_term) {
		w[17] = w[18] = w[19] = 0;
		memset(frozen, 1, 4);
		memset(frozen + 17, 1, 3);
	}
	memcpy(o.w0, w, sizeof o.w0);
	if (o.wsum > 0)
		it = minimise(&o, c, frozen, w);
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
