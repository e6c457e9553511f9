/*
 * progfile.c: writing and reading progress files (see progfile.h).
 */
#include "swot/progfile.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "swot/textout.h"

/* The review log's kinds as export-reviews numbers them (FSRS's CSV). */
static int kind_code(enum store_log_kind k)
{
	return k == STORE_LOG_LEARN ? 1 : k == STORE_LOG_REVIEW ? 2
				      : k == STORE_LOG_RELEARN ? 3 : 4;
}

/* ---- release ---- */

void progfile_card_release(struct progfile_card *c)
{
	free(c->id);
	free(c->note);
	strlist_release(&c->themes);
	strlist_release(&c->characters);
	strlist_release(&c->tags);
	free(c->reviews);
}

static void names_free(struct progfile_name *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].name);
	}
	free(v);
}

void progfile_deck_release(struct progfile_deck *d)
{
	free(d->id);
	free(d->title);
	free(d->version);
	free(d->hash);
	names_free(d->themes, d->n_themes);
	names_free(d->characters, d->n_characters);
	for (size_t i = 0; i < d->n_cards; i++)
		progfile_card_release(&d->cards[i]);
	free(d->cards);
}

void progfile_release(struct progfile *p)
{
	free(p->swot_version);
	free(p->name);
	free(p->student);
	for (size_t i = 0; i < p->n_decks; i++)
		progfile_deck_release(&p->decks[i]);
	free(p->decks);
	memset(p, 0, sizeof *p);
}

const struct progfile_deck *progfile_deck_find(const struct progfile *p,
					       const char *deck)
{
	for (size_t i = 0; deck && i < p->n_decks; i++)
		if (!strcmp(p->decks[i].id, deck))
			return &p->decks[i];
	return NULL;
}

/* ---- writing ---- */

/* ,"key":["a","b"] (nothing for an empty list: readers default to []) */
static void put_list(struct strbuf *sb, const char *key, const struct strlist *l)
{
	if (!l->n)
		return;
	textout_json_key(sb, key);
	strbuf_addc(sb, '[');
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			strbuf_addc(sb, ',');
		textout_json_str(sb, l->items[i]);
	}
	strbuf_addc(sb, ']');
}

/* A double that reads back as the same double (so a teacher's swot
 * predicts exactly the student's recall), in the fewest digits of 15 or
 * 17: the same bytes for the same value. */
static void put_num(struct strbuf *sb, double v)
{
	char buf[40];
	if (!isfinite(v))
		v = 0;
	snprintf(buf, sizeof buf, "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, sizeof buf, "%.17g", v);
	strbuf_adds(sb, buf);
}

static void key_real(struct strbuf *sb, const char *key, double v)
{
	textout_json_key(sb, key);
	put_num(sb, v);
}

static void put_names(struct strbuf *sb, const char *key,
		      const struct progfile_name *v, size_t n)
{
	textout_json_key(sb, key);
	strbuf_addc(sb, '[');
	for (size_t i = 0; i < n; i++) {
		strbuf_adds(sb, i ? ",{" : "{");
		textout_json_key_str(sb, "id", v[i].id);
		textout_json_key_str(sb, "name", v[i].name);
		strbuf_addc(sb, '}');
	}
	strbuf_addc(sb, ']');
}

/*
 * "%.6g" of v as printf writes it, into buf (32 bytes or more); returns
 * its length.  A log's stabilities are nearly all between 0.0001 and a
 * million, where %g writes six digits without an exponent: they come
 * from one exact scaling by a power of ten and a rounding, unless v is
 * so near a power of ten or the product so near a tie between two
 * roundings that the product's own rounding error could decide; then,
 * and for every other v, printf.  A million answers make a million of
 * these.
 */
static int put_6g(char *buf, double v)
{
	static const double pow10[] = {1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2,
				       1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
	int e = -4;
	if (!(v > pow10[0] * (1 + 1e-9) && v < pow10[10] * (1 - 1e-9)))
		return snprintf(buf, 32, "%.6g", v);
	while (v >= pow10[e + 5])
		e++;
	double m = v * pow10[9 - e]; /* 5 - e digits after the point: exact scale */
	double whole = floor(m), frac = m - whole;
	if (v < pow10[e + 4] * (1 + 1e-9) || v > pow10[e + 5] * (1 - 1e-9) ||
	    fabs(frac - 0.5) < 1e-6)
		return snprintf(buf, 32, "%.6g", v);
	long digits = (long)whole + (frac > 0.5);
	if (digits >= 1000000) /* rounded up to the next power of ten */
		return snprintf(buf, 32, "%.6g", v);
	char d[6];
	for (int i = 5; i >= 0; i--, digits /= 10)
		d[i] = (char)('0' + digits % 10);
	int n = 0, point = e + 1; /* digits before the point */
	if (point <= 0) {
		buf[n++] = '0';
		buf[n++] = '.';
		for (int i = point; i < 0; i++)
			buf[n++] = '0';
		point = 0;
	}
	for (int i = 0; i < 6; i++) {
		if (i == point && point > 0)
			buf[n++] = '.';
		buf[n++] = d[i];
	}
	if (point < 6) { /* %g drops the fraction's trailing zeros, and a bare point */
		while (buf[n - 1] == '0')
			n--;
		if (buf[n - 1] == '.')
			n--;
	}
	buf[n] = '\0';
	return n;
}

static void write_card(struct strbuf *sb, const struct progfile_card *c, int log)
{
	const struct fsrs_card *f = &c->f;
	strbuf_addc(sb, '{');
	textout_json_key_str(sb, "id", c->id);
	textout_json_key_str(sb, "note", c->note);
	textout_json_key_str(sb, "kind", deck_note_kind_name(c->kind));
	textout_json_key_str(sb, "type", deck_card_type_name(c->type));
	put_list(sb, "themes", &c->themes);
	put_list(sb, "characters", &c->characters);
	put_list(sb, "tags", &c->tags);
	textout_json_key_str(sb, "state", fsrs_state_name(f->state));
	if (f->state != FSRS_NEW) {
		key_real(sb, "stability", f->stability);
		key_real(sb, "difficulty", f->difficulty);
		textout_json_key_int(sb, "due", f->due);
		textout_json_key_int(sb, "last_review", f->last_review);
		textout_json_key_int(sb, "reps", f->reps);
		textout_json_key_int(sb, "lapses", f->lapses);
	}
	if (log && c->n_reviews) {
		textout_json_keyf(sb, "log", "[");
		for (size_t i = 0; i < c->n_reviews; i++) {
			const struct progfile_review *r = &c->reviews[i];
			char stab[32];
			strbuf_adds(sb, i ? ",[" : "[");
			strbuf_add_int(sb, r->time);
			strbuf_addc(sb, ',');
			strbuf_add_int(sb, r->rating);
			strbuf_addc(sb, ',');
			strbuf_add_int(sb, kind_code(r->kind));
			strbuf_addc(sb, ',');
			/* the log feeds class statistics: 6 digits do */
			int n = put_6g(stab, isfinite(r->stability) ? r->stability : 0.0);
			strbuf_add(sb, stab, (size_t)n);
			strbuf_addc(sb, ']');
		}
		strbuf_addc(sb, ']');
	}
	strbuf_addc(sb, '}');
}

/* ,"study":{"days":[[reviews,new cards,answers,ms],...]} */
static void write_study(struct strbuf *sb, const struct progfile_deck *d)
{
	if (!d->has_study)
		return;
	textout_json_line_key(sb, "study");
	strbuf_addc(sb, '{');
	textout_json_keyf(sb, "days", "[");
	for (int i = 0; i < FORECAST_WINDOW_DAYS; i++) {
		const struct forecast_day *day = &d->study[i];
		strbuf_addf(sb, "%s[%d,%d,%d,%lld]", i ? "," : "", day->reviews, day->new_cards,
			    day->answers, (long long)day->ms);
	}
	strbuf_adds(sb, "]}");
}

void progfile_write_deck_start(struct strbuf *sb, const struct progfile_deck *d, int first)
{
	strbuf_adds(sb, first ? "\n{" : ",\n{");
	textout_json_key_str(sb, "id", d->id);
	textout_json_key_str(sb, "title", d->title);
	textout_json_key_str(sb, "version", d->version);
	textout_json_key_str(sb, "hash", d->hash);
	if (d->exam_at)
		textout_json_key_int(sb, "exam", d->exam_at);
	else
		textout_json_keyf(sb, "exam", "null");
	textout_json_key_int(sb, "rollover_hour", d->rollover_hour);
	key_real(sb, "desired_retention", d->desired_retention);
	textout_json_keyf(sb, "weights", "[");
	for (int i = 0; i < FSRS_N_WEIGHTS; i++) {
		if (i)
			strbuf_addc(sb, ',');
		put_num(sb, d->weights[i]);
	}
	strbuf_addc(sb, ']');
	textout_json_keyf(sb, "review_log", "%s", d->has_reviews ? "true" : "false");
	write_study(sb, d);
	put_names(sb, "themes", d->themes, d->n_themes);
	put_names(sb, "characters", d->characters, d->n_characters);
	textout_json_line_key(sb, "cards");
	strbuf_addc(sb, '[');
}

void progfile_write_card(struct strbuf *sb, const struct progfile_card *c, int log,
			 int first)
{
	strbuf_adds(sb, first ? "\n" : ",\n");
	write_card(sb, c, log);
}

void progfile_write_deck_end(struct strbuf *sb)
{
	strbuf_adds(sb, "]}");
}

void progfile_write_start(struct strbuf *sb, const struct progfile *p)
{
	strbuf_addc(sb, '{');
	textout_json_key_int(sb, "swot_progress", PROGFILE_FORMAT);
	textout_json_key_str(sb, "swot_version", p->swot_version);
	textout_json_key_str(sb, "name", p->name);
	textout_json_key_str(sb, "student", p->student);
	textout_json_key_int(sb, "exported_at", p->exported_at);
	textout_json_line_key(sb, "decks");
	strbuf_addc(sb, '[');
}

void progfile_write_end(struct strbuf *sb)
{
	strbuf_adds(sb, "]}\n");
}

void progfile_write(struct strbuf *sb, const struct progfile *p)
{
	progfile_write_start(sb, p);
	for (size_t i = 0; i < p->n_decks; i++) {
		const struct progfile_deck *d = &p->decks[i];
		progfile_write_deck_start(sb, d, i == 0);
		for (size_t k = 0; k < d->n_cards; k++)
			progfile_write_card(sb, &d->cards[k], d->has_reviews, k == 0);
		progfile_write_deck_end(sb);
	}
	progfile_write_end(sb);
}

/* ---- reading ---- */

/* Where a value is, for messages: "decks[0].cards[12]". */
struct where {
	char buf[96];
};

/* Sets w to in's place followed by fmt (clipped to fit). */
static void where_at(struct where *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void where_at(struct where *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->buf, sizeof w->buf, fmt, ap);
	va_end(ap);
}

static int bad(struct swot_err *err, const struct where *w, const char *key,
	       const char *what)
{
	return swot_err_set(err, SWOT_EINVAL, "%s%s%s: %s", w->buf,
			    *w->buf && key ? "." : "", key ? key : "", what);
}

/* The string at key (required unless optional; a missing optional one or
 * null gives *out NULL), copied into *out. */
static int get_str(const cJSON *o, const char *key, int optional, char **out,
		   const struct where *w, struct swot_err *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	*out = NULL;
	if ((!v || cJSON_IsNull(v)) && optional)
		return SWOT_OK;
	if (!cJSON_IsString(v) || !v->valuestring)
		return bad(err, w, key, v ? "must be a string" : "is missing");
	if (!optional && !*v->valuestring)
		return bad(err, w, key, "must not be empty");
	*out = xstrdup(v->valuestring);
	return SWOT_OK;
}

/* A number at key within [lo, hi]; a missing one is def when optional. */
static int get_num(const cJSON *o, const char *key, int optional, double def,
		   double lo, double hi, double *out, const struct where *w,
		   struct swot_err *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	*out = def;
	if (!v && optional)
		return SWOT_OK;
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) || v->valuedouble < lo ||
	    v->valuedouble > hi) {
		char what[96];
		snprintf(what, sizeof what, v ? "must be a number from %g to %g" : "is missing",
			 lo, hi);
		return bad(err, w, key, what);
	}
	*out = v->valuedouble;
	return SWOT_OK;
}

/* Unix seconds from 1970 to the year 9999. */
#define TIME_MAX 253402300799.0

static int get_time(const cJSON *o, const char *key, int optional, int64_t *out,
		    const struct where *w, struct swot_err *err)
{
	double d;
	int rc = get_num(o, key, optional, 0, 0, TIME_MAX, &d, w, err);
	*out = (int64_t)d;
	return rc;
}

static int get_int(const cJSON *o, const char *key, int optional, int lo, int hi,
		   int *out, const struct where *w, struct swot_err *err)
{
	double d;
	int rc = get_num(o, key, optional, 0, lo, hi, &d, w, err);
	*out = (int)d;
	return rc;
}

/* Index of the string at key in names[0..n), required. */
static int get_enum(const cJSON *o, const char *key, const char *const *names,
		    int n, int *out, const struct where *w, struct swot_err *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	for (int i = 0; cJSON_IsString(v) && v->valuestring && i < n; i++)
		if (!strcmp(v->valuestring, names[i])) {
			*out = i;
			return SWOT_OK;
		}
	return bad(err, w, key, v ? "is not one of the names swot knows" : "is missing");
}

/* An optional array of non-empty strings at key into l. */
static int get_list(const cJSON *o, const char *key, struct strlist *l,
		    const struct where *w, struct swot_err *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key), *it;
	if (!v)
		return SWOT_OK;
	if (!cJSON_IsArray(v))
		return bad(err, w, key, "must be a list of strings");
	cJSON_ArrayForEach(it, v) {
		if (!cJSON_IsString(it) || !it->valuestring || !*it->valuestring)
			return bad(err, w, key, "must be a list of strings");
		strlist_push(l, it->valuestring);
	}
	return SWOT_OK;
}

static int read_log(const cJSON *log, struct progfile_card *c,
		    const struct where *w, struct swot_err *err)
{
	const cJSON *r;
	int n = cJSON_GetArraySize(log), i = 0;
	if (!cJSON_IsArray(log))
		return bad(err, w, "log", "must be a list of [time, rating, kind, stability]");
	c->reviews = xcalloc(n > 0 ? (size_t)n : 1, sizeof *c->reviews);
	cJSON_ArrayForEach(r, log) {
		const cJSON *t = cJSON_GetArrayItem(r, 0), *g = cJSON_GetArrayItem(r, 1),
			    *k = cJSON_GetArrayItem(r, 2), *s = cJSON_GetArrayItem(r, 3);
		if (!cJSON_IsArray(r) || cJSON_GetArraySize(r) != 4 || !cJSON_IsNumber(t) ||
		    !cJSON_IsNumber(g) || !cJSON_IsNumber(k) || !cJSON_IsNumber(s) ||
		    !(t->valuedouble >= 0 && t->valuedouble <= TIME_MAX) ||
		    !(g->valuedouble >= 1 && g->valuedouble <= 4) ||
		    !(k->valuedouble >= 1 && k->valuedouble <= 4) ||
		    !(s->valuedouble >= 0 && s->valuedouble <= 1e9)) {
			char what[96];
			snprintf(what, sizeof what, "entry %d must be [time, rating 1-4, kind 1-4, "
				 "stability]", i);
			return bad(err, w, "log", what);
		}
		struct progfile_review *v = &c->reviews[c->n_reviews++];
		v->time = (int64_t)t->valuedouble;
		v->rating = (int)g->valuedouble;
		int kc = (int)k->valuedouble;
		v->kind = kc == 1 ? STORE_LOG_LEARN : kc == 2 ? STORE_LOG_REVIEW
			: kc == 3 ? STORE_LOG_RELEARN : STORE_LOG_DRILL;
		v->stability = s->valuedouble;
		if (i && v->time < c->reviews[i - 1].time)
			return bad(err, w, "log", "must be oldest first");
		i++;
	}
	return SWOT_OK;
}

static int read_card(const cJSON *o, struct progfile_card *c, int log,
		     const struct where *w, struct swot_err *err)
{
	int kind = 0, type = 0, state = 0, rc;
	const char *states[FSRS_STATES]; /* as write_card wrote them */
	for (int i = 0; i < FSRS_STATES; i++)
		states[i] = fsrs_state_name((enum fsrs_state)i);
	if (!cJSON_IsObject(o))
		return bad(err, w, NULL, "must be an object");
	if ((rc = get_str(o, "id", 0, &c->id, w, err)) ||
	    (rc = get_str(o, "note", 0, &c->note, w, err)) ||
	    (rc = get_enum(o, "kind", deck_note_kind_names, DECK_NOTE_KINDS, &kind, w, err)) ||
	    (rc = get_enum(o, "type", deck_card_type_names, DECK_CARD_TYPES, &type, w, err)) ||
	    (rc = get_enum(o, "state", states, FSRS_STATES, &state, w, err)) ||
	    (rc = get_list(o, "themes", &c->themes, w, err)) ||
	    (rc = get_list(o, "characters", &c->characters, w, err)) ||
	    (rc = get_list(o, "tags", &c->tags, w, err)))
		return rc;
	c->kind = (enum deck_note_kind)kind;
	c->type = (enum deck_card_type)type;
	c->f.state = (enum fsrs_state)state;
	int mem = state != FSRS_NEW; /* a new card has no memory to give */
	if ((rc = get_num(o, "stability", !mem, 0, 0, 1e9, &c->f.stability, w, err)) ||
	    (rc = get_num(o, "difficulty", !mem, 0, 0, 10, &c->f.difficulty, w, err)) ||
	    (rc = get_time(o, "due", !mem, &c->f.due, w, err)) ||
	    (rc = get_time(o, "last_review", !mem, &c->f.last_review, w, err)) ||
	    (rc = get_int(o, "reps", !mem, 0, 1000000, &c->f.reps, w, err)) ||
	    (rc = get_int(o, "lapses", !mem, 0, 1000000, &c->f.lapses, w, err)))
		return rc;
	const cJSON *lg = cJSON_GetObjectItemCaseSensitive(o, "log");
	if (lg && !log)
		return bad(err, w, "log", "is given but the deck's review_log is false");
	if (lg && (rc = read_log(lg, c, w, err)))
		return rc;
	return SWOT_OK;
}

static int read_names(const cJSON *o, const char *key, struct progfile_name **out,
		      size_t *n, const struct where *w, struct swot_err *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key), *it;
	int size = cJSON_GetArraySize(v), rc;
	if (!cJSON_IsArray(v))
		return bad(err, w, key, v ? "must be a list" : "is missing");
	*out = xcalloc(size > 0 ? (size_t)size : 1, sizeof **out);
	cJSON_ArrayForEach(it, v) {
		struct where wi;
		where_at(&wi, "%.60s.%s[%zu]", w->buf, key, *n);
		struct progfile_name *nm = &(*out)[(*n)++];
		if (!cJSON_IsObject(it))
			return bad(err, &wi, NULL, "must be an object");
		if ((rc = get_str(it, "id", 0, &nm->id, &wi, err)) ||
		    (rc = get_str(it, "name", 0, &nm->name, &wi, err)))
			return rc;
	}
	return SWOT_OK;
}

static int cmp_card_id(const void *a, const void *b)
{
	return strcmp((*(const struct progfile_card *const *)a)->id,
		      (*(const struct progfile_card *const *)b)->id);
}

/* A card id twice in one deck would count the card twice. */
static int check_unique(const struct progfile_deck *d, const struct where *w,
			struct swot_err *err)
{
	const struct progfile_card **v = xcalloc(d->n_cards ? d->n_cards : 1, sizeof *v);
	int rc = SWOT_OK;
	for (size_t i = 0; i < d->n_cards; i++)
		v[i] = &d->cards[i];
	qsort(v, d->n_cards, sizeof *v, cmp_card_id);
	for (size_t i = 1; i < d->n_cards; i++)
		if (!strcmp(v[i - 1]->id, v[i]->id)) {
			char what[160];
			snprintf(what, sizeof what, "card \"%.100s\" is there twice", v[i]->id);
			rc = bad(err, w, "cards", what);
			break;
		}
	free(v);
	return rc;
}

static int read_weights(const cJSON *o, struct progfile_deck *d,
			const struct where *w, struct swot_err *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "weights"), *it;
	int i = 0;
	if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != FSRS_N_WEIGHTS)
		return bad(err, w, "weights", "must be a list of 21 numbers");
	cJSON_ArrayForEach(it, v) {
		if (!cJSON_IsNumber(it) || !isfinite(it->valuedouble) ||
		    fabs(it->valuedouble) > 1000)
			return bad(err, w, "weights", "must be a list of 21 numbers");
		d->weights[i++] = it->valuedouble;
	}
	return SWOT_OK;
}

/* One day of "study": four whole numbers of 0 or more. */
static int read_study_day(const cJSON *a, struct forecast_day *day)
{
	double v[4];
	int n = 0;
	const cJSON *it;
	if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) != 4)
		return -1;
	cJSON_ArrayForEach(it, a) {
		if (!cJSON_IsNumber(it) || !(it->valuedouble >= 0) ||
		    it->valuedouble > (n == 3 ? 1e15 : 1e9) ||
		    it->valuedouble != floor(it->valuedouble))
			return -1;
		v[n++] = it->valuedouble;
	}
	day->reviews = (int)v[0];
	day->new_cards = (int)v[1];
	day->answers = (int)v[2];
	day->ms = (int64_t)v[3];
	return 0;
}

/* "study", when there (files of an older swot lack it). */
static int read_study(const cJSON *o, struct progfile_deck *d, const struct where *w,
		      struct swot_err *err)
{
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(o, "study"), *it;
	if (!st)
		return SWOT_OK;
	int i = 0;
	if (!cJSON_IsObject(st))
		return bad(err, w, "study", "must be an object");
	const cJSON *days = cJSON_GetObjectItemCaseSensitive(st, "days");
	if (!cJSON_IsArray(days) || cJSON_GetArraySize(days) != FORECAST_WINDOW_DAYS)
		return bad(err, w, "study.days", "must be a list of 28 days");
	cJSON_ArrayForEach(it, days)
		if (read_study_day(it, &d->study[i++]))
			return bad(err, w, "study.days",
				   "each day must be 4 whole numbers of 0 or more");
	d->has_study = 1;
	return SWOT_OK;
}

/* Not for a parse card by card (see split_file): parse the whole file. */
#define SPLIT_AGAIN 1

/* Where a deck's cards are when they are not in its tree: spans of the
 * file's text, each one card's JSON (see split_file). */
struct card_spans {
	const char *text;
	size_t *at, *len;
	size_t n, alloc;
};

/* Card k of spans, parsed on its own, into c; SPLIT_AGAIN when it is not
 * valid JSON (the whole file is then parsed again, for the message). */
static int read_span(const struct card_spans *spans, size_t k, struct progfile_card *c,
		     int log, const struct where *w, struct swot_err *err)
{
	cJSON *o = cJSON_ParseWithLength(spans->text + spans->at[k], spans->len[k]);
	if (!o)
		return SPLIT_AGAIN;
	int rc = read_card(o, c, log, w, err);
	cJSON_Delete(o);
	return rc;
}

/* The cards of deck d: from cards (its tree's), or from spans when not
 * NULL (the tree's list is then empty). */
static int read_cards(const cJSON *cards, const struct card_spans *spans,
		      struct progfile_deck *d, const struct where *w, struct swot_err *err)
{
	const cJSON *it = cards ? cards->child : NULL;
	size_t n = spans ? spans->n : (size_t)cJSON_GetArraySize(cards);
	int rc = SWOT_OK;
	d->cards = xcalloc(n ? n : 1, sizeof *d->cards);
	for (size_t k = 0; k < n && !rc; k++) {
		struct where wc;
		where_at(&wc, "%.60s.cards[%zu]", w->buf, d->n_cards);
		struct progfile_card *c = &d->cards[d->n_cards++];
		if (spans) {
			rc = read_span(spans, k, c, d->has_reviews, &wc, err);
		} else {
			rc = read_card(it, c, d->has_reviews, &wc, err);
			it = it->next;
		}
	}
	return rc;
}

static int read_deck(const cJSON *o, const struct card_spans *spans,
		     struct progfile_deck *d, const struct where *w, struct swot_err *err)
{
	int rc;
	if (!cJSON_IsObject(o))
		return bad(err, w, NULL, "must be an object");
	const cJSON *exam = cJSON_GetObjectItemCaseSensitive(o, "exam");
	const cJSON *log = cJSON_GetObjectItemCaseSensitive(o, "review_log");
	if ((rc = get_str(o, "id", 0, &d->id, w, err)) ||
	    (rc = get_str(o, "title", 0, &d->title, w, err)) ||
	    (rc = get_str(o, "version", 1, &d->version, w, err)) ||
	    (rc = get_str(o, "hash", 0, &d->hash, w, err)) ||
	    (rc = get_int(o, "rollover_hour", 0, 0, 23, &d->rollover_hour, w, err)) ||
	    (rc = get_num(o, "desired_retention", 0, 0, 0.01, 0.99, &d->desired_retention,
			  w, err)) ||
	    (rc = read_weights(o, d, w, err)))
		return rc;
	if (!cJSON_IsBool(log))
		return bad(err, w, "review_log", log ? "must be true or false" : "is missing");
	d->has_reviews = cJSON_IsTrue(log);
	if (exam && !cJSON_IsNull(exam) && (rc = get_time(o, "exam", 0, &d->exam_at, w, err)))
		return rc;
	if ((rc = read_study(o, d, w, err)) ||
	    (rc = read_names(o, "themes", &d->themes, &d->n_themes, w, err)) ||
	    (rc = read_names(o, "characters", &d->characters, &d->n_characters, w, err)))
		return rc;
	const cJSON *cards = cJSON_GetObjectItemCaseSensitive(o, "cards");
	if (!cJSON_IsArray(cards))
		return bad(err, w, "cards", cards ? "must be a list" : "is missing");
	if ((rc = read_cards(cards, spans, d, w, err)))
		return rc;
	return check_unique(d, w, err);
}

/* Where cJSON stopped, as "line L, column C" or "it ends early". */
static int bad_json(const char *text, size_t len, struct swot_err *err)
{
	const char *at = cJSON_GetErrorPtr();
	size_t off = at && at >= text && at <= text + len ? (size_t)(at - text) : len;
	size_t rest = off;
	while (rest < len && (text[rest] == ' ' || text[rest] == '\n' ||
			      text[rest] == '\r' || text[rest] == '\t'))
		rest++;
	/* cJSON may stop inside the value cut short rather than at the
	 * end: a file whose last character cannot end one was cut */
	size_t last = len;
	while (last > 0 && strchr(" \t\r\n", text[last - 1]))
		last--;
	if (rest >= len || (last > 0 && text[last - 1] != '}' && text[last - 1] != ']'))
		return swot_err_set(err, SWOT_EINVAL,
				    "not valid JSON: it ends early (truncated?)");
	int line = 1, col = 1;
	for (size_t i = 0; i < off; i++) {
		if (text[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			col++;
		}
	}
	return swot_err_set(err, SWOT_EINVAL, "not valid JSON (line %d, column %d)", line,
			    col);
}

/* The top level: what the file is, its format, who and when. */
static int read_top(const cJSON *root, struct progfile *out, struct swot_err *err)
{
	struct where w = {""};
	const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "swot_progress");
	int rc;
	if (!cJSON_IsObject(root))
		return swot_err_set(err, SWOT_EINVAL, "not a swot progress file (not a JSON object)");
	if (!fmt && cJSON_GetObjectItemCaseSensitive(root, "swot_deck"))
		return swot_err_set(err, SWOT_EINVAL, "a deck file, not a progress file");
	if (!fmt)
		return swot_err_set(err, SWOT_EINVAL,
				    "not a swot progress file (no \"swot_progress\" key)");
	if (!cJSON_IsNumber(fmt) || fmt->valuedouble < 1 || fmt->valuedouble > 1e6 ||
	    fmt->valuedouble != floor(fmt->valuedouble))
		return swot_err_set(err, SWOT_EINVAL, "swot_progress must be a format number");
	out->format = (int)fmt->valuedouble;
	if (out->format > PROGFILE_FORMAT)
		return swot_err_set(err, SWOT_EINVAL,
				    "written by a newer swot (progress format %d; this swot "
				    "reads %d): update swot to read it",
				    out->format, PROGFILE_FORMAT);
	if ((rc = get_str(root, "swot_version", 0, &out->swot_version, &w, err)) ||
	    (rc = get_str(root, "name", 0, &out->name, &w, err)) ||
	    (rc = get_str(root, "student", 0, &out->student, &w, err)) ||
	    (rc = get_time(root, "exported_at", 0, &out->exported_at, &w, err)))
		return rc;
	return SWOT_OK;
}

/* ---- reading a large file a card at a time ---- */

/*
 * A progress file of 200,000 cards and a million answers is some 50 MB;
 * as one cJSON tree it took 900 MB.  split_file finds, in the text, each
 * deck's cards (without parsing them): the file without them (the
 * skeleton: its decks' "cards" lists left empty) is parsed as one tree,
 * each card on its own, one at a time.  Anything the splitter does not
 * expect (not the layout swot writes: an escape in a key, a key twice,
 * deep nesting, text after the end) leaves the file to the whole parse,
 * as does any fault cJSON finds, so every message is what it was.
 */
#define SPLIT_DEPTH 64

struct split {
	char *skeleton; /* owned */
	size_t len;
	struct card_spans *decks; /* owned, one per deck */
	size_t n_decks, alloc;
};

static void split_release(struct split *sp)
{
	for (size_t i = 0; i < sp->n_decks; i++) {
		free(sp->decks[i].at);
		free(sp->decks[i].len);
	}
	free(sp->decks);
	free(sp->skeleton);
}

/* A cursor over the text; ok drops to 0 at the first surprise. */
struct scan {
	const char *t;
	size_t len, i;
	int ok;
};

static void ws(struct scan *c)
{
	while (c->i < c->len && strchr(" \t\r\n", c->t[c->i]) && c->t[c->i])
		c->i++;
}

static int at(struct scan *c, char ch)
{
	ws(c);
	return c->ok && c->i < c->len && c->t[c->i] == ch;
}

static void expect(struct scan *c, char ch)
{
	if (at(c, ch))
		c->i++;
	else
		c->ok = 0;
}

/* Past a string; *plain whether it holds no escape. */
static void skip_string(struct scan *c, int *plain)
{
	*plain = 1;
	expect(c, '"');
	while (c->ok && c->i < c->len && c->t[c->i] != '"') {
		const char *q = memchr(c->t + c->i, '"', c->len - c->i);
		const char *e = memchr(c->t + c->i, '\\', (q ? (size_t)(q - c->t) : c->len) - c->i);
		if (!e) { /* no escape before the next quote: straight there */
			c->i = q ? (size_t)(q - c->t) : c->len;
			break;
		}
		*plain = 0;
		c->i = (size_t)(e - c->t) + 2;
	}
	if (c->i >= c->len)
		c->ok = 0;
	c->i++;
}

/* Whether ch ends a number or a literal. */
static int ends_scalar(char ch)
{
	switch (ch) {
	case ',': case ']': case '}': case ':': case ' ': case '\t': case '\r': case '\n':
	case '"': case '[': case '{': case '\0':
		return 1;
	default:
		return 0;
	}
}

/* Past one value, of any kind (cJSON checks it later). */
static void skip_value(struct scan *c)
{
	int depth = 0, plain;
	ws(c);
	while (c->ok) {
		char ch = c->i < c->len ? c->t[c->i] : '\0';
		if (c->i >= c->len) {
			c->ok = 0;
		} else if (ch == '"') {
			skip_string(c, &plain);
		} else if (ch == '[' || ch == '{') {
			if (++depth >= SPLIT_DEPTH)
				c->ok = 0;
			c->i++;
		} else if (ch == ']' || ch == '}') {
			if (depth-- <= 0)
				c->ok = 0;
			c->i++;
		} else if (depth && (ch == ',' || ch == ':' || strchr(" \t\r\n", ch))) {
			c->i++;
		} else { /* a number or a literal; a NUL or a stray byte stops it */
			size_t from = c->i;
			while (c->i < c->len && !ends_scalar(c->t[c->i]))
				c->i++;
			if (c->i == from)
				c->ok = 0;
		}
		if (depth <= 0)
			break;
	}
}

/* The next key of an object (after its { or a ,): whether it is name;
 * the cursor after its colon. */
static int key_is(struct scan *c, const char *name)
{
	int plain;
	ws(c);
	size_t from = c->i + 1;
	skip_string(c, &plain);
	size_t n = c->ok ? c->i - 1 - from : 0; /* before the closing quote */
	expect(c, ':');
	if (!plain)
		c->ok = 0;
	return c->ok && n == strlen(name) && !memcmp(c->t + from, name, n);
}

/* Past a comma between members or elements: whether there was one. */
static int more(struct scan *c)
{
	if (!at(c, ','))
		return 0;
	c->i++;
	return 1;
}

/* The elements of the list at the cursor into d; the skeleton sk gets
 * the text up to its [ (from *copied on), and *copied moves to its ]. */
static void split_list(struct scan *c, struct card_spans *d, struct strbuf *sk,
		       size_t *copied)
{
	ws(c);
	size_t open = c->i;
	expect(c, '[');
	if (!c->ok)
		return;
	if (!at(c, ']'))
		do {
			ws(c);
			size_t from = c->i;
			skip_value(c);
			size_t had = d->alloc;
			ALLOC_GROW(d->at, d->n + 1, d->alloc);
			if (d->alloc != had) /* the two arrays in step */
				d->len = xreallocarray(d->len, d->alloc, sizeof *d->len);
			d->at[d->n] = from;
			d->len[d->n++] = c->i - from;
		} while (c->ok && more(c));
	if (!at(c, ']')) {
		c->ok = 0;
		return;
	}
	strbuf_add(sk, c->t + *copied, open + 1 - *copied);
	*copied = c->i++;
}

/* One deck object: its "cards" list into d (a list of anything else stays
 * in the skeleton, for read_deck to refuse). */
static void split_deck(struct scan *c, struct card_spans *d, struct strbuf *sk,
		       size_t *copied)
{
	int seen = 0;
	expect(c, '{');
	if (c->ok && !at(c, '}'))
		do {
			if (!key_is(c, "cards") || !at(c, '['))
				skip_value(c);
			else if (seen++)
				c->ok = 0;
			else
				split_list(c, d, sk, copied);
		} while (c->ok && more(c));
	expect(c, '}');
}

/* Finds each deck's cards in text (see above); 0, or -1 when the whole
 * file is to be parsed instead. */
static int split_file(const char *text, size_t len, struct split *sp)
{
	struct scan c = {text, len, 0, 1};
	struct strbuf sk = STRBUF_INIT;
	size_t copied = 0;
	int seen = 0;
	memset(sp, 0, sizeof *sp);
	expect(&c, '{');
	if (c.ok && !at(&c, '}'))
		do {
			if (!key_is(&c, "decks")) {
				skip_value(&c);
				continue;
			}
			seen++;
			expect(&c, '[');
			if (c.ok && !at(&c, ']'))
				do {
					ALLOC_GROW(sp->decks, sp->n_decks + 1, sp->alloc);
					struct card_spans *d = &sp->decks[sp->n_decks++];
					*d = (struct card_spans){.text = text};
					split_deck(&c, d, &sk, &copied);
				} while (c.ok && more(&c));
			expect(&c, ']');
		} while (c.ok && more(&c));
	expect(&c, '}');
	ws(&c);
	if (!c.ok || c.i != len || seen != 1) {
		strbuf_release(&sk);
		split_release(sp);
		memset(sp, 0, sizeof *sp);
		return -1;
	}
	strbuf_add(&sk, text + copied, len - copied);
	sp->len = sk.len;
	sp->skeleton = strbuf_detach(&sk);
	return 0;
}

/* The file from its tree root; each deck's cards from spans[i] when
 * spans is not NULL. */
static int read_root(const cJSON *root, const struct card_spans *spans, size_t n_spans,
		     struct progfile *out, struct swot_err *err)
{
	int rc;
	if ((rc = read_top(root, out, err)))
		return rc;
	const cJSON *decks = cJSON_GetObjectItemCaseSensitive(root, "decks"), *it;
	if (!cJSON_IsArray(decks))
		return swot_err_set(err, SWOT_EINVAL, "decks %s",
				    decks ? "must be a list" : "is missing");
	int n = cJSON_GetArraySize(decks);
	if (spans && (size_t)n != n_spans)
		return SPLIT_AGAIN;
	out->decks = xcalloc(n > 0 ? (size_t)n : 1, sizeof *out->decks);
	cJSON_ArrayForEach(it, decks) {
		struct where w;
		size_t i = out->n_decks++;
		where_at(&w, "decks[%zu]", i);
		if ((rc = read_deck(it, spans ? &spans[i] : NULL, &out->decks[i], &w, err)))
			return rc;
	}
	for (size_t i = 0; i < out->n_decks; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(out->decks[i].id, out->decks[j].id))
				return swot_err_set(err, SWOT_EINVAL,
						    "deck \"%.100s\" is there twice",
						    out->decks[i].id);
	return SWOT_OK;
}

/* The whole file as one tree: every message as cJSON finds the first
 * fault, whatever it is. */
static int parse_whole(const char *text, size_t len, struct progfile *out,
		       struct swot_err *err)
{
	cJSON *root = cJSON_ParseWithLength(text, len);
	if (!root)
		return bad_json(text, len, err);
	int rc = read_root(root, NULL, 0, out, err);
	cJSON_Delete(root);
	return rc;
}

/* Whether every card span of the file is valid JSON. */
static int spans_parse(const struct split *sp)
{
	for (size_t i = 0; i < sp->n_decks; i++)
		for (size_t k = 0; k < sp->decks[i].n; k++) {
			cJSON *o = cJSON_ParseWithLength(sp->decks[i].text + sp->decks[i].at[k],
							 sp->decks[i].len[k]);
			if (!o)
				return 0;
			cJSON_Delete(o);
		}
	return 1;
}

/* The file with each card parsed on its own (split_file): memory for
 * one card's tree at a time.  SPLIT_AGAIN when some part is not valid
 * JSON: the whole file then says where.  A fault in what a card says is
 * reported only once every card has been found valid JSON, as a parse of
 * the whole file would. */
static int parse_split(const struct split *sp, struct progfile *out, struct swot_err *err)
{
	cJSON *root = cJSON_ParseWithLength(sp->skeleton, sp->len);
	if (!root)
		return SPLIT_AGAIN;
	int rc = read_root(root, sp->decks, sp->n_decks, out, err);
	cJSON_Delete(root);
	if (rc && rc != SPLIT_AGAIN && !spans_parse(sp))
		rc = SPLIT_AGAIN;
	return rc;
}

int progfile_parse(const char *text, size_t len, struct progfile *out,
		   struct swot_err *err)
{
	struct split sp;
	memset(out, 0, sizeof *out);
	if (split_file(text, len, &sp) == 0) {
		int rc = parse_split(&sp, out, err);
		split_release(&sp);
		if (rc != SPLIT_AGAIN)
			return rc;
		progfile_release(out);
	}
	return parse_whole(text, len, out, err);
}

int progfile_read(const char *path, struct progfile *out, struct swot_err *err)
{
	char *text = NULL;
	size_t len = 0;
	memset(out, 0, sizeof *out);
	int rc = read_file(path, PROGFILE_MAX_BYTES, &text, &len, err);
	if (rc)
		return rc;
	if ((rc = progfile_parse(text, len, out, err))) {
		char msg[SWOT_ERR_MAX];
		snprintf(msg, sizeof msg, "%s", err->msg);
		swot_err_set(err, rc, "%s: %s", path, msg);
	}
	free(text);
	return rc;
}
