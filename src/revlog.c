/*
 * revlog.c: the FSRS-standard review-log CSV.
 */
#include "swot/revlog.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define REVLOG_COLUMNS 5

static const char *const column_names[REVLOG_COLUMNS] = {
	"card_id", "review_time", "review_rating", "review_state",
	"review_duration",
};

/* One line [p, end) without its line end. */
struct line {
	const char *p, *end;
	size_t no;
};

static int next_line(const char **cur, const char *stop, struct line *l)
{
	if (*cur >= stop)
		return 0;
	const char *nl = memchr(*cur, '\n', (size_t)(stop - *cur));
	const char *end = nl ? nl : stop;
	l->p = *cur;
	l->end = end > *cur && end[-1] == '\r' ? end - 1 : end;
	l->no++;
	*cur = nl ? nl + 1 : stop;
	return 1;
}

/* The field of l starting at *p (up to a comma or the line end), with
 * surrounding spaces and one pair of double quotes taken off. */
static void next_field(const char **p, const char *end, const char **f,
		       size_t *n)
{
	const char *s = *p, *e = memchr(s, ',', (size_t)(end - s));
	e = e ? e : end;
	*p = e < end ? e + 1 : end + 1;
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e - s >= 2 && *s == '"' && e[-1] == '"') {
		s++;
		e--;
	}
	*f = s;
	*n = (size_t)(e - s);
}

/* Where each named column is in the header, or an error naming the one
 * missing. */
static int read_header(const struct line *l, const char *name, int *where,
		       struct swot_err *err)
{
	const char *p = l->p;
	int col = 0;
	for (int i = 0; i < REVLOG_COLUMNS; i++)
		where[i] = -1;
	/* a byte-order mark before the first name */
	if (l->end - p >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	while (p <= l->end) {
		const char *f;
		size_t n;
		next_field(&p, l->end, &f, &n);
		for (int i = 0; i < REVLOG_COLUMNS; i++)
			if (strlen(column_names[i]) == n &&
			    !memcmp(column_names[i], f, n) && where[i] < 0)
				where[i] = col;
		col++;
	}
	for (int i = 0; i < REVLOG_COLUMNS; i++)
		if (where[i] < 0)
			return swot_err_set(err, SWOT_EINVAL,
					    "%s, line 1: no '%s' column (the header must name "
					    "card_id, review_time, review_rating, review_state "
					    "and review_duration)",
					    name, column_names[i]);
	return SWOT_OK;
}

static int parse_int(const char *f, size_t n, int64_t *v)
{
	char buf[32];
	if (n == 0 || n >= sizeof buf)
		return -1;
	memcpy(buf, f, n);
	buf[n] = '\0';
	char *end;
	errno = 0;
	long long x = strtoll(buf, &end, 10);
	if (*end || errno)
		return -1;
	*v = x;
	return 0;
}

static int bad(struct swot_err *err, const char *name, size_t line,
	       const char *col, const char *f, size_t n, const char *want)
{
	return swot_err_set(err, SWOT_EINVAL, "%s, line %zu: %s '%.*s' is not %s",
			    name, line, col, (int)(n > 40 ? 40 : n), f, want);
}

/* Fills r from one data line. */
static int read_row(const struct line *l, const int *where, const char *name,
		    struct revlog_row *r, struct swot_err *err)
{
	int64_t v[REVLOG_COLUMNS];
	int seen[REVLOG_COLUMNS] = {0};
	const char *p = l->p;
	int col = 0;
	while (p <= l->end) {
		const char *f;
		size_t n;
		next_field(&p, l->end, &f, &n);
		for (int i = 0; i < REVLOG_COLUMNS; i++) {
			if (where[i] != col)
				continue;
			seen[i] = 1;
			if (parse_int(f, n, &v[i]))
				return bad(err, name, l->no, column_names[i], f, n,
					   "a whole number");
		}
		col++;
	}
	for (int i = 0; i < REVLOG_COLUMNS; i++)
		if (!seen[i])
			return swot_err_set(err, SWOT_EINVAL,
					    "%s, line %zu: no %s (expected %d columns)",
					    name, l->no, column_names[i], col > 5 ? col : 5);
	if (v[2] < 0 || v[2] > 4)
		return swot_err_set(err, SWOT_EINVAL,
				    "%s, line %zu: review_rating %lld is not 0..4",
				    name, l->no, (long long)v[2]);
	if (v[3] < 0 || v[3] > 5)
		return swot_err_set(err, SWOT_EINVAL,
				    "%s, line %zu: review_state %lld is not 0..5",
				    name, l->no, (long long)v[3]);
	if (v[1] < 0)
		return swot_err_set(err, SWOT_EINVAL,
				    "%s, line %zu: review_time %lld is before 1970",
				    name, l->no, (long long)v[1]);
	r->card_id = v[0];
	r->time_ms = v[1];
	r->rating = (int)v[2];
	r->state = v[3] == 0 ? REVLOG_LEARNING : (int)v[3];
	r->duration_ms = v[4] < 0 ? 0 : v[4];
	return SWOT_OK;
}

static int blank(const struct line *l)
{
	for (const char *p = l->p; p < l->end; p++)
		if (*p != ' ' && *p != '\t')
			return 0;
	return 1;
}

int revlog_parse_csv(const char *text, size_t len, const char *name,
		     struct revlog *out, struct swot_err *err)
{
	const char *cur = text, *stop = text + len;
	struct line l = {0};
	int where[REVLOG_COLUMNS];
	size_t cap = 0;
	int rc;

	out->rows = NULL;
	out->n = 0;
	if (memchr(text, '\0', len))
		return swot_err_set(err, SWOT_EINVAL, "%s: not a text file", name);
	do {
		if (!next_line(&cur, stop, &l))
			return swot_err_set(err, SWOT_EINVAL,
					    "%s: empty (expected a header line "
					    "card_id,review_time,review_rating,"
					    "review_state,review_duration)", name);
	} while (blank(&l));
	if ((rc = read_header(&l, name, where, err)))
		return rc;
	while (next_line(&cur, stop, &l)) {
		if (blank(&l))
			continue;
		ALLOC_GROW(out->rows, out->n + 1, cap);
		if ((rc = read_row(&l, where, name, &out->rows[out->n], err))) {
			revlog_free(out);
			return rc;
		}
		out->n++;
	}
	return SWOT_OK;
}

int revlog_is_answer(const struct revlog_row *r)
{
	return r->rating >= 1 && r->rating <= 4 && r->state != REVLOG_MANUAL;
}

void revlog_free(struct revlog *l)
{
	free(l->rows);
	l->rows = NULL;
	l->n = 0;
}
