/*
 * fsrs_vectors.c: reading FSRS reference vectors and replaying them, for
 * `swot test-fsrs`.  Linked into the swot binary with the commands, not
 * into the library the modules make: no module needs it.  The one file
 * besides the deck module (deck.c) that includes cJSON; no cJSON pointer
 * leaves it.
 */
#include "swot/fsrs_vectors.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#define VECTORS_MAX_BYTES (512u << 20)
#define TOLERANCE 1e-6

static int bad(struct swot_err *err, const char *path, const char *where,
	       const char *what)
{
	return swot_err_set(err, SWOT_EINVAL, "%s: %s: %s", path, where, what);
}

/* A number member of o, or -1 with *ok cleared. */
static double num(const cJSON *o, const char *key, int *ok)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!cJSON_IsNumber(v)) {
		*ok = 0;
		return -1;
	}
	return v->valuedouble;
}

static int inum(const cJSON *o, const char *key, int *ok)
{
	double d = num(o, key, ok);
	if (!(d >= -2147483648.0 && d <= 2147483647.0) || d != floor(d)) {
		*ok = 0;
		return -1;
	}
	return (int)d;
}

static int64_t lnum(const cJSON *o, const char *key, int *ok)
{
	double d = num(o, key, ok);
	if (!(fabs(d) < 9e15) || d != floor(d)) {
		*ok = 0;
		return -1;
	}
	return (int64_t)d;
}

/* Steps given as ["1m", "10m"]. */
static int read_steps(const cJSON *arr, int *steps, size_t *n,
		      struct swot_err *err)
{
	struct strbuf sb = STRBUF_INIT;
	const cJSON *s;
	int rc;
	if (!cJSON_IsArray(arr))
		return swot_err_set(err, SWOT_EINVAL, "steps are not a list");
	cJSON_ArrayForEach(s, arr) {
		if (!cJSON_IsString(s)) {
			strbuf_release(&sb);
			return swot_err_set(err, SWOT_EINVAL, "a step is not a string");
		}
		strbuf_adds(&sb, s->valuestring);
		strbuf_addc(&sb, ' ');
	}
	rc = fsrs_parse_steps(strbuf_str(&sb), steps, n, err);
	strbuf_release(&sb);
	return rc;
}

static int read_params(const cJSON *o, struct fsrs_params *p,
		       struct swot_err *err)
{
	double w[FSRS_N_WEIGHTS];
	const cJSON *wa = cJSON_GetObjectItemCaseSensitive(o, "w"), *x;
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(o, "enable_short_term");
	size_t n = 0;
	int ok = 1;

	fsrs_params_default(p);
	p->enable_fuzz = 0;
	if (!cJSON_IsObject(o))
		return swot_err_set(err, SWOT_EINVAL, "no params object");
	p->desired_retention = num(o, "request_retention", &ok);
	p->maximum_interval = inum(o, "maximum_interval", &ok);
	if (!ok)
		return swot_err_set(err, SWOT_EINVAL,
				    "request_retention or maximum_interval missing");
	if (st && !cJSON_IsBool(st))
		return swot_err_set(err, SWOT_EINVAL, "enable_short_term is not a boolean");
	p->enable_short_term = st ? cJSON_IsTrue(st) : 1;
	/* missing step lists keep ts-fsrs's defaults (1m 10m, 10m) */
	const cJSON *ls = cJSON_GetObjectItemCaseSensitive(o, "learning_steps");
	const cJSON *rs = cJSON_GetObjectItemCaseSensitive(o, "relearning_steps");
	if ((ls && read_steps(ls, p->learning_steps, &p->n_learning_steps, err)) ||
	    (rs && read_steps(rs, p->relearning_steps, &p->n_relearning_steps, err)))
		return SWOT_EINVAL;
	if (!cJSON_IsArray(wa))
		return swot_err_set(err, SWOT_EINVAL, "w is not a list");
	cJSON_ArrayForEach(x, wa) {
		if (!cJSON_IsNumber(x) || n == FSRS_N_WEIGHTS)
			return swot_err_set(err, SWOT_EINVAL,
					    "w must be 17, 19 or 21 numbers");
		w[n++] = x->valuedouble;
	}
	if (fsrs_params_set_weights(p, w, n, err))
		return SWOT_EINVAL;
	/* ts-fsrs's own bounds, wider than swot's settings allow */
	if (!(p->desired_retention > 0 && p->desired_retention <= 1))
		return swot_err_set(err, SWOT_EINVAL,
				    "request_retention must be in (0, 1]");
	if (p->maximum_interval < 1 || p->maximum_interval > 10000000)
		return swot_err_set(err, SWOT_EINVAL,
				    "maximum_interval must be 1..10000000 days");
	return SWOT_OK;
}

static int read_review(const cJSON *o, struct fsrs_vec_review *r)
{
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(o, "expect");
	const cJSON *rv;
	int ok = cJSON_IsObject(o) && cJSON_IsObject(e);
	if (!ok)
		return -1;
	r->t = lnum(o, "t", &ok);
	r->rating = inum(o, "rating", &ok);
	r->e.state = inum(e, "state", &ok);
	r->e.step = inum(e, "step", &ok);
	r->e.stability = num(e, "stability", &ok);
	r->e.difficulty = num(e, "difficulty", &ok);
	r->e.elapsed_days = inum(e, "elapsed_days", &ok);
	r->e.scheduled_days = inum(e, "scheduled_days", &ok);
	r->e.due = lnum(e, "due", &ok);
	r->e.reps = inum(e, "reps", &ok);
	r->e.lapses = inum(e, "lapses", &ok);
	rv = cJSON_GetObjectItemCaseSensitive(e, "retrievability");
	r->e.has_r = cJSON_IsNumber(rv);
	r->e.r = r->e.has_r ? rv->valuedouble : 0;
	if (rv && !r->e.has_r && !cJSON_IsNull(rv))
		ok = 0;
	return ok ? 0 : -1;
}

static int read_config(const cJSON *o, struct fsrs_vec_config *c,
		       const char *path, size_t ci, struct swot_err *err)
{
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(o, "name");
	const cJSON *cases = cJSON_GetObjectItemCaseSensitive(o, "cases"), *k;
	char where[128];
	size_t i = 0;

	snprintf(where, sizeof where, "configs[%zu]", ci);
	if (!cJSON_IsObject(o) || !cJSON_IsString(name) || !cJSON_IsArray(cases))
		return bad(err, path, where, "expected an object with name, params and cases");
	c->name = xstrdup(name->valuestring);
	if (read_params(cJSON_GetObjectItemCaseSensitive(o, "params"), &c->params, err)) {
		char msg[SWOT_ERR_MAX];
		memcpy(msg, err->msg, sizeof msg);
		return swot_err_set(err, SWOT_EINVAL, "%s: %s: params: %.900s",
				    path, c->name, msg);
	}
	c->n = (size_t)cJSON_GetArraySize(cases);
	c->cases = xcalloc(c->n ? c->n : 1, sizeof *c->cases);
	cJSON_ArrayForEach(k, cases) {
		struct fsrs_vec_case *vc = &c->cases[i];
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(k, "id");
		const cJSON *revs = cJSON_GetObjectItemCaseSensitive(k, "reviews"), *r;
		size_t j = 0;
		snprintf(where, sizeof where, "%s: cases[%zu]", c->name, i);
		if (!cJSON_IsString(id) || !cJSON_IsArray(revs))
			return bad(err, path, where, "expected an object with id and reviews");
		vc->id = xstrdup(id->valuestring);
		vc->n = (size_t)cJSON_GetArraySize(revs);
		vc->reviews = xcalloc(vc->n ? vc->n : 1, sizeof *vc->reviews);
		cJSON_ArrayForEach(r, revs) {
			if (read_review(r, &vc->reviews[j])) {
				snprintf(where, sizeof where, "%s: reviews[%zu]", vc->id, j);
				return bad(err, path, where,
					   "expected t, rating and expect with the card's fields");
			}
			j++;
		}
		i++;
	}
	return SWOT_OK;
}

int fsrs_vectors_load(const char *path, struct fsrs_vectors *out,
		      struct swot_err *err)
{
	char *text = NULL;
	size_t len;
	cJSON *root = NULL;
	const cJSON *configs, *gen, *c;
	int rc;
	size_t i = 0;

	memset(out, 0, sizeof *out);
	out->generator = xstrdup("");
	if ((rc = read_file(path, VECTORS_MAX_BYTES, &text, &len, err)))
		return rc;
	root = cJSON_ParseWithLength(text, len);
	if (!root) {
		rc = bad(err, path, "json", "not valid JSON");
		goto out;
	}
	gen = cJSON_GetObjectItemCaseSensitive(root, "generator");
	if (cJSON_IsString(gen)) {
		free(out->generator);
		out->generator = xstrdup(gen->valuestring);
	}
	configs = cJSON_GetObjectItemCaseSensitive(root, "configs");
	if (!cJSON_IsArray(configs)) {
		rc = bad(err, path, "configs", "missing or not a list");
		goto out;
	}
	out->n = (size_t)cJSON_GetArraySize(configs);
	out->configs = xcalloc(out->n ? out->n : 1, sizeof *out->configs);
	cJSON_ArrayForEach(c, configs) {
		if ((rc = read_config(c, &out->configs[i], path, i, err)))
			goto out;
		for (size_t k = 0; k < out->configs[i].n; k++)
			out->n_reviews += out->configs[i].cases[k].n;
		i++;
	}
	rc = SWOT_OK;
out:
	cJSON_Delete(root);
	free(text);
	return rc;
}

void fsrs_vectors_release(struct fsrs_vectors *v)
{
	for (size_t i = 0; v->configs && i < v->n; i++) {
		struct fsrs_vec_config *c = &v->configs[i];
		for (size_t k = 0; c->cases && k < c->n; k++) {
			free(c->cases[k].id);
			free(c->cases[k].reviews);
		}
		free(c->cases);
		free(c->name);
	}
	free(v->configs);
	free(v->generator);
	memset(v, 0, sizeof *v);
}

/* Days since 1970-01-01 of t's UTC date. */
static int64_t utc_day(int64_t t)
{
	return t / 86400 - (t % 86400 < 0);
}

static void add_int(struct strbuf *sb, const char *name, int64_t want,
		    int64_t got)
{
	if (want != got)
		strbuf_addf(sb, "%s%s expected %lld got %lld", sb->len ? ", " : "",
			    name, (long long)want, (long long)got);
}

static void add_real(struct strbuf *sb, const char *name, double want,
		     double got)
{
	if (!(fabs(want - got) <= TOLERANCE))
		strbuf_addf(sb, "%s%s expected %.8f got %.8f", sb->len ? ", " : "",
			    name, want, got);
}

void fsrs_vectors_check(const struct fsrs_vectors *v, size_t *matched,
			size_t *mismatched, struct fsrs_vec_mismatch *first,
			size_t max_first, size_t *n_first)
{
	struct strbuf sb = STRBUF_INIT;

	*matched = *mismatched = *n_first = 0;
	for (size_t ci = 0; ci < v->n; ci++) {
		const struct fsrs_vec_config *cfg = &v->configs[ci];
		for (size_t k = 0; k < cfg->n; k++) {
			const struct fsrs_vec_case *vc = &cfg->cases[k];
			struct fsrs_card card;
			if (!vc->n)
				continue;
			fsrs_card_new(&card, vc->reviews[0].t);
			for (size_t j = 0; j < vc->n; j++) {
				const struct fsrs_vec_review *r = &vc->reviews[j];
				const struct fsrs_vec_expect *e = &r->e;
				struct fsrs_log log = {0};
				int elapsed = card.state == FSRS_NEW || !card.last_review ? 0 :
					      (int)(utc_day(r->t) - utc_day(card.last_review));
				int was_new = card.state == FSRS_NEW;
				strbuf_reset(&sb);
				if (fsrs_next(&cfg->params, &card, r->t, elapsed,
					      (enum fsrs_rating)r->rating, 0, &card, &log))
					strbuf_addf(&sb, "the scheduler refused the review");
				add_int(&sb, "state", e->state, card.state);
				add_int(&sb, "step", e->step, card.step);
				add_real(&sb, "stability", e->stability, card.stability);
				add_real(&sb, "difficulty", e->difficulty, card.difficulty);
				add_int(&sb, "elapsed_days", e->elapsed_days, log.elapsed_days);
				add_int(&sb, "scheduled_days", e->scheduled_days,
					card.scheduled_days);
				add_int(&sb, "due", e->due, card.due);
				add_int(&sb, "reps", e->reps, card.reps);
				add_int(&sb, "lapses", e->lapses, card.lapses);
				if (e->has_r == was_new)
					strbuf_addf(&sb, "%sretrievability expected %s got %s",
						    sb.len ? ", " : "",
						    e->has_r ? "a number" : "null",
						    was_new ? "null" : "a number");
				else if (e->has_r)
					add_real(&sb, "retrievability", e->r, log.retrievability);
				if (!sb.len) {
					(*matched)++;
					continue;
				}
				(*mismatched)++;
				if (*n_first < max_first) {
					struct fsrs_vec_mismatch *m = &first[(*n_first)++];
					m->config = cfg->name;
					m->case_id = vc->id;
					m->index = j;
					m->t = r->t;
					m->rating = r->rating;
					snprintf(m->detail, sizeof m->detail, "%s", sb.buf);
				}
			}
		}
	}
	strbuf_release(&sb);
}
