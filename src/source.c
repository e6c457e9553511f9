/*
 * source.c: a set text read as words, indexed by word, and quotations
 * looked up in it (see source.h for what counts as a word and a place).
 *
 * Lookups go through an index from each distinct word to where it occurs:
 * an exact match starts from the quotation's rarest word; a near match
 * lets each word of the quotation vote for where the quotation would
 * start, then aligns the words around the best-voted place.  A novel and
 * a hundred quotations take milliseconds, where an edit distance against
 * every stretch of the text would take minutes.
 */
#include "swot/source.h"

#include "swot/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#define NEAR_WORDS 400 /* a piece after a cut is looked for this far on */
#define N_CANDIDATES 5 /* best-voted places a near match is aligned at */
#define NO_KEY UINT32_MAX

struct word {
	uint32_t key;    /* index of its key in the key table */
	uint32_t line;   /* from 1 */
	const char *show; /* as written */
	const char *fold; /* folded, hyphens kept */
	int joined;      /* split across lines by a hyphen */
};

struct heading {
	uint32_t line;
	struct deck_loc loc;
};

struct source_text {
	struct arena mem; /* every string the text keeps */
	struct word *w;
	size_t n, cap;
	struct strmap keys; /* each distinct key -> its index */
	size_t n_keys;
	uint32_t *post_at, *post; /* where each key occurs, grouped by key */
	struct heading *h;
	size_t n_h;
	enum deck_loc_kind kind;
	int *stanza, *stanza_line; /* per line, for a poem (else NULL) */
	size_t n_lines;
};

/* ---- characters ---- */

static int is_word_cp(utf8proc_int32_t c)
{
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return 1;
	default:
		return 0;
	}
}

static int is_apostrophe(utf8proc_int32_t c)
{
	return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC;
}

static int is_hyphen(utf8proc_int32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2011;
}

/* The code point at s[i] (U+FFFD for a bad byte) and its length. */
static size_t cp_at(const char *s, size_t len, size_t i, utf8proc_int32_t *c)
{
	if (i >= len) {
		*c = -1;
		return 0;
	}
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
					      (utf8proc_ssize_t)(len - i), c);
	if (k <= 0) {
		*c = 0xFFFD;
		return 1;
	}
	return (size_t)k;
}

/* Case-folded, accents stripped; a new string the caller frees. */
static char *fold(const char *s, size_t n)
{
	int ascii = 1;
	for (size_t i = 0; i < n && ascii; i++)
		ascii = (unsigned char)s[i] < 0x80;
	if (!ascii) {
		utf8proc_uint8_t *out = NULL;
		utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s,
						  (utf8proc_ssize_t)n, &out,
						  UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
							  UTF8PROC_STRIPMARK);
		if (k >= 0) {
			char *r = xstrdup((char *)out);
			free(out);
			return r;
		}
		free(out);
	}
	char *r = xstrndup(s, n);
	for (char *p = r; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return r;
}

/* ---- words ---- */

/* Calls emit for each word of s[0..len): as written (apostrophes made
 * straight, a hyphen at a line's end dropped), the line it starts on, and
 * whether a line-end hyphen joined it. */
typedef void (*word_fn)(void *ctx, const char *show, size_t n, size_t line, int joined);

static void words_of(const char *s, size_t len, word_fn emit, void *ctx)
{
	struct strbuf sb = STRBUF_INIT;
	size_t line = 1;
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t c, d;
		size_t k = cp_at(s, len, i, &c);
		if (!is_word_cp(c)) {
			if (c == '\n')
				line++;
			i += k;
			continue;
		}
		size_t wline = line;
		int joined = 0;
		strbuf_reset(&sb);
		for (;;) {
			strbuf_add(&sb, s + i, k);
			i += k;
			k = cp_at(s, len, i, &c);
			if (is_word_cp(c))
				continue;
			size_t k2 = cp_at(s, len, i + k, &d);
			if (is_apostrophe(c) && is_word_cp(d)) {
				strbuf_addc(&sb, '\'');
				i += k;
				k = k2;
				continue;
			}
			if (!is_hyphen(c))
				break;
			if (is_word_cp(d)) {
				strbuf_addc(&sb, '-');
				i += k;
				k = k2;
				continue;
			}
			/* "some-" at a line's end, "thing" on the next */
			size_t j = i + k;
			while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
				j++;
			if (j >= len || s[j] != '\n')
				break;
			j++;
			while (j < len && (s[j] == ' ' || s[j] == '\t'))
				j++;
			k2 = cp_at(s, len, j, &d);
			if (!is_word_cp(d))
				break;
			line++;
			joined = 1;
			i = j;
			k = k2;
		}
		emit(ctx, strbuf_str(&sb), sb.len, wline, joined);
	}
	strbuf_release(&sb);
}

/* The key of a word: folded, hyphens dropped (caller frees). */
static char *key_of(const char *folded)
{
	char *k = xstrdup(folded), *o = k;
	for (const char *p = folded; *p; p++)
		if (*p != '-')
			*o++ = *p;
	*o = '\0';
	return k;
}

static uint32_t key_find(const struct source_text *t, const char *key)
{
	size_t i = strmap_get(&t->keys, key, strlen(key));
	return i == STRMAP_NONE ? NO_KEY : (uint32_t)i;
}

static uint32_t key_add(struct source_text *t, const char *key)
{
	size_t n = strlen(key), i = strmap_get(&t->keys, key, n);
	if (i != STRMAP_NONE)
		return (uint32_t)i;
	strmap_put(&t->keys, arena_strndup(&t->mem, key, n), n, t->n_keys);
	return (uint32_t)t->n_keys++;
}

static void text_word(void *ctx, const char *show, size_t n, size_t line, int joined)
{
	struct source_text *t = ctx;
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 4096;
		t->w = xrealloc(t->w, t->cap * sizeof *t->w);
	}
	struct word *w = &t->w[t->n++];
	char *f = fold(show, n), *k = key_of(f);
	w->show = arena_strndup(&t->mem, show, n);
	w->fold = arena_strdup(&t->mem, f);
	w->key = key_add(t, k);
	w->line = (uint32_t)line;
	w->joined = joined;
	free(f);
	free(k);
}

static void build_index(struct source_text *t)
{
	t->post_at = xcalloc(t->n_keys + 1, sizeof *t->post_at);
	t->post = xcalloc(t->n ? t->n : 1, sizeof *t->post);
	for (size_t i = 0; i < t->n; i++)
		t->post_at[t->w[i].key + 1]++;
	for (size_t k = 0; k < t->n_keys; k++)
		t->post_at[k + 1] += t->post_at[k];
	uint32_t *fill = xcalloc(t->n_keys ? t->n_keys : 1, sizeof *fill);
	for (size_t i = 0; i < t->n; i++) {
		uint32_t k = t->w[i].key;
		t->post[t->post_at[k] + fill[k]++] = (uint32_t)i;
	}
	free(fill);
}

/* ---- headings ---- */

struct line {
	const char *s; /* trimmed of leading spaces */
	size_t n;      /* and of trailing ones */
};

static int roman_value(char c)
{
	switch (c) {
	case 'I': case 'i': return 1;
	case 'V': case 'v': return 5;
	case 'X': case 'x': return 10;
	case 'L': case 'l': return 50;
	case 'C': case 'c': return 100;
	default: return 0;
	}
}

/* The number at s (arabic, roman or a word up to twenty) followed by
 * something that is not a letter; 0 when there is none. */
static int number_at(const char *s, size_t n)
{
	static const char *const words[] = {
		"one", "two", "three", "four", "five", "six", "seven", "eight",
		"nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
		"fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"
	};
	size_t i = 0;
	int v = 0;
	if (n && s[0] >= '0' && s[0] <= '9') {
		while (i < n && s[i] >= '0' && s[i] <= '9' && v < 100000)
			v = v * 10 + (s[i++] - '0');
	} else {
		while (i < n && roman_value(s[i]))
			i++;
		for (size_t k = 0; k < i; k++) {
			int a = roman_value(s[k]), b = k + 1 < i ? roman_value(s[k + 1]) : 0;
			v += a < b ? -a : a;
		}
		if (i == 0 || (i < n && ((s[i] >= 'a' && s[i] <= 'z') ||
					 (s[i] >= 'A' && s[i] <= 'Z')))) {
			v = 0;
			for (size_t w = 0; w < 20 && !v; w++) {
				size_t k = strlen(words[w]);
				if (n >= k && strncasecmp(s, words[w], k) == 0)
					v = (int)w + 1, i = k;
			}
		}
	}
	if (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
		return 0;
	return v > 0 && v < 10000 ? v : 0;
}

/* The number after a heading word ("ACT", "Act") at the start of l. */
static int heading_number(const struct line *l, const char *upper)
{
	size_t k = strlen(upper);
	if (l->n <= k || l->s[k] != ' ')
		return 0;
	if (strncmp(l->s, upper, k) != 0) {
		/* "Act": capital then lower case */
		if (l->s[0] != upper[0] || strncasecmp(l->s, upper, k) != 0)
			return 0;
	}
	size_t i = k;
	while (i < l->n && l->s[i] == ' ')
		i++;
	return number_at(l->s + i, l->n - i);
}

static int is_blank_line(const struct line *l)
{
	return l->n == 0;
}

static int line_is(const struct line *l, const char *s)
{
	return l->n == strlen(s) && memcmp(l->s, s, l->n) == 0;
}

/* A heading in capitals: letters, none lower case, at least three. */
static int all_capitals(const struct line *l)
{
	size_t letters = 0;
	for (size_t i = 0; i < l->n;) {
		utf8proc_int32_t c;
		size_t k = cp_at(l->s, l->n, i, &c);
		utf8proc_category_t cat = utf8proc_category(c);
		if (cat == UTF8PROC_CATEGORY_LL)
			return 0;
		if (cat == UTF8PROC_CATEGORY_LU)
			letters++;
		i += k;
	}
	return letters >= 3;
}

static void add_heading(struct source_text *t, size_t *cap, size_t line,
			struct deck_loc loc)
{
	if (t->n_h == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		t->h = xrealloc(t->h, *cap * sizeof *t->h);
	}
	t->h[t->n_h].line = (uint32_t)line;
	t->h[t->n_h].loc = loc;
	t->n_h++;
}

/* Numbered headings; a play's cleared stages.  Lines are numbered from 1
 * (ls[0] is line 1). */
static void numbered_headings(struct source_text *t, const struct line *ls, size_t nl,
			      size_t *cap)
{
	int act = 0, scene = 0, play = 0;
	for (size_t i = 0; i < nl; i++)
		if (heading_number(&ls[i], "ACT") && (i == 0 || is_blank_line(&ls[i - 1])))
			play = 1;
	for (size_t i = 0; i < nl; i++) {
		const struct line *l = &ls[i];
		int after_blank = i == 0 || is_blank_line(&ls[i - 1]);
		int v;
		if (play && (line_is(l, "[Exit.]") || line_is(l, "[Exeunt.]")) && act) {
			size_t j = i + 1;
			while (j < nl && is_blank_line(&ls[j]))
				j++;
			if (j < nl && ls[j].n >= 6 && memcmp(ls[j].s, "[Enter", 6) == 0)
				add_heading(t, cap, j + 1,
					    (struct deck_loc){ LOC_SCENE, act, ++scene, 0 });
			continue;
		}
		if (!after_blank)
			continue;
		if (play && (v = heading_number(l, "ACT"))) {
			act = v, scene = 0;
			add_heading(t, cap, i + 1, (struct deck_loc){ LOC_SCENE, act, 0, 0 });
		} else if (play && act && (v = heading_number(l, "SCENE"))) {
			/* the text's number, unless cleared stages went past it */
			scene = v > scene ? v : scene + 1;
			add_heading(t, cap, i + 1, (struct deck_loc){ LOC_SCENE, act, scene, 0 });
		} else if ((v = heading_number(l, "STAVE"))) {
			add_heading(t, cap, i + 1, (struct deck_loc){ LOC_STAVE, v, 0, 0 });
		} else if ((v = heading_number(l, "CHAPTER"))) {
			add_heading(t, cap, i + 1, (struct deck_loc){ LOC_CHAPTER, v, 0, 0 });
		}
	}
	if (t->n_h)
		t->kind = play ? LOC_SCENE : t->h[t->n_h - 1].loc.kind;
}

/* Chapters titled in capitals, numbered in order. */
static void capital_headings(struct source_text *t, const struct line *ls, size_t nl,
			     size_t *cap)
{
	size_t first = 0;
	while (first < nl && is_blank_line(&ls[first]))
		first++;
	int chapter = 0;
	for (size_t i = first + 1; i + 1 < nl; i++) {
		if (is_blank_line(&ls[i]) || !is_blank_line(&ls[i + 1]) ||
		    !is_blank_line(&ls[i - 1]) || i < 2 || !is_blank_line(&ls[i - 2]) ||
		    !all_capitals(&ls[i]))
			continue;
		add_heading(t, cap, i + 1, (struct deck_loc){ LOC_CHAPTER, ++chapter, 0, 0 });
	}
	if (t->n_h)
		t->kind = LOC_CHAPTER;
}

/* A poem: blocks of two or more lines between blank lines are stanzas. */
static void stanzas(struct source_text *t, const struct line *ls, size_t nl)
{
	t->kind = LOC_STANZA;
	t->stanza = xcalloc(nl + 1, sizeof *t->stanza);
	t->stanza_line = xcalloc(nl + 1, sizeof *t->stanza_line);
	int n = 0;
	for (size_t i = 0; i < nl;) {
		if (is_blank_line(&ls[i])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < nl && !is_blank_line(&ls[j]))
			j++;
		if (j - i >= 2) {
			n++;
			for (size_t k = i; k < j; k++) {
				t->stanza[k + 1] = n;
				t->stanza_line[k + 1] = (int)(k - i + 1);
			}
		}
		i = j;
	}
}

static void find_headings(struct source_text *t, const char *s, size_t len)
{
	size_t nl = 1;
	for (size_t i = 0; i < len; i++)
		nl += s[i] == '\n';
	struct line *ls = xcalloc(nl, sizeof *ls);
	size_t k = 0;
	for (size_t i = 0; i <= len && k < nl;) {
		size_t j = i;
		while (j < len && s[j] != '\n')
			j++;
		size_t a = i, b = j;
		while (a < b && (s[a] == ' ' || s[a] == '\t'))
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r'))
			b--;
		ls[k].s = s + a;
		ls[k].n = b - a;
		k++;
		i = j + 1;
	}
	nl = k;
	size_t cap = 0;
	numbered_headings(t, ls, nl, &cap);
	if (!t->n_h)
		capital_headings(t, ls, nl, &cap);
	if (!t->n_h)
		stanzas(t, ls, nl);
	t->n_lines = nl;
	free(ls);
}

static struct deck_loc loc_at(const struct source_text *t, size_t line)
{
	struct deck_loc none = { LOC_NONE, 0, 0, 0 };
	if (t->stanza) {
		if (line > t->n_lines || !t->stanza[line])
			return none;
		return (struct deck_loc){ LOC_STANZA, t->stanza[line], 0,
					  t->stanza_line[line] };
	}
	size_t lo = 0, hi = t->n_h; /* the last heading at or before line */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (t->h[mid].line <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return none;
	struct deck_loc l = t->h[lo - 1].loc;
	if (l.kind == LOC_SCENE && !l.scene)
		return none; /* between an act's heading and its first scene */
	return l;
}

/* ---- loading ---- */

struct source_text *source_new(const char *text, size_t len)
{
	struct source_text *t = xcalloc(1, sizeof *t);
	arena_init(&t->mem);
	strmap_init(&t->keys);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		text += 3, len -= 3;
	words_of(text, len, text_word, t);
	build_index(t);
	find_headings(t, text, len);
	return t;
}

int source_load(const char *path, struct source_text **out, struct swot_err *err)
{
	char *text = NULL;
	size_t len = 0;
	*out = NULL;
	int rc = read_file(path, SWOT_SOURCE_MAX_BYTES, &text, &len, err);
	if (rc)
		return rc;
	if (utf8proc_decompose((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len,
			       NULL, 0, 0) < 0) {
		free(text);
		return swot_err_set(err, SWOT_EINVAL,
				    "%s: not UTF-8 text: save the text as plain UTF-8", path);
	}
	*out = source_new(text, len);
	free(text);
	return 0;
}

void source_free(struct source_text *t)
{
	if (!t)
		return;
	arena_release(&t->mem);
	strmap_release(&t->keys);
	free(t->w);
	free(t->post_at);
	free(t->post);
	free(t->h);
	free(t->stanza);
	free(t->stanza_line);
	free(t);
}

size_t source_words(const struct source_text *t)
{
	return t->n;
}

enum deck_loc_kind source_kind(const struct source_text *t)
{
	return t->kind;
}

/* ---- results ---- */

void source_result_init(struct source_result *r)
{
	memset(r, 0, sizeof *r);
	r->verdict = SOURCE_NOT_FOUND;
}

void source_result_release(struct source_result *r)
{
	for (size_t i = 0; i < r->n_ops; i++)
		free(r->ops[i].word);
	free(r->ops);
	source_result_init(r);
}

static void push_op(struct source_result *r, enum source_op_kind kind, const char *word)
{
	if (r->n_ops == r->alloc) {
		r->alloc = r->alloc ? 2 * r->alloc : 32;
		r->ops = xrealloc(r->ops, r->alloc * sizeof *r->ops);
	}
	r->ops[r->n_ops].kind = kind;
	r->ops[r->n_ops].word = word ? xstrdup(word) : NULL;
	r->n_ops++;
}

/* ---- a quotation's words ---- */

struct qword {
	uint32_t key; /* NO_KEY: the text never has it */
	char *show, *fold;
};

struct piece {
	struct qword *w;
	size_t n, cap;
};

struct quote_ctx {
	const struct source_text *t;
	struct piece *p;
};

static void quote_word(void *ctx, const char *show, size_t n, size_t line, int joined)
{
	(void)line;
	(void)joined;
	struct quote_ctx *q = ctx;
	struct piece *p = q->p;
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 16;
		p->w = xrealloc(p->w, p->cap * sizeof *p->w);
	}
	struct qword *w = &p->w[p->n++];
	w->show = xstrndup(show, n);
	w->fold = fold(show, n);
	char *k = key_of(w->fold);
	w->key = key_find(q->t, k);
	free(k);
}

/* Splits quote at each ellipsis into pieces of words (empty pieces
 * dropped). */
static struct piece *pieces_of(const struct source_text *t, const char *quote,
			       size_t *n_pieces)
{
	struct piece *ps = NULL;
	size_t n = 0, len = strlen(quote);
	for (size_t i = 0; i <= len;) {
		size_t j = i, skip = 0;
		while (j < len) {
			if (j + 3 <= len && memcmp(quote + j, "\xE2\x80\xA6", 3) == 0) {
				skip = 3;
				break;
			}
			if (j + 3 <= len && memcmp(quote + j, "...", 3) == 0) {
				skip = 3;
				break;
			}
			if (j + 5 <= len && memcmp(quote + j, ". . .", 5) == 0) {
				skip = 5;
				break;
			}
			j++;
		}
		ps = xrealloc(ps, (n + 1) * sizeof *ps);
		memset(&ps[n], 0, sizeof ps[n]);
		struct quote_ctx qc = { t, &ps[n] };
		words_of(quote + i, j - i, quote_word, &qc);
		if (ps[n].n)
			n++;
		if (j >= len)
			break;
		i = j + skip;
		while (i < len && quote[i] == '.')
			i++;
	}
	*n_pieces = n;
	return ps;
}

static void pieces_free(struct piece *ps, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < ps[i].n; k++) {
			free(ps[i].w[k].show);
			free(ps[i].w[k].fold);
		}
		free(ps[i].w);
	}
	free(ps);
}

/* ---- exact lookup ---- */

static int same_spelling(const struct word *w,
			 const struct qword *q)
{
	if (strcmp(w->fold, q->fold) == 0)
		return 1;
	return w->joined && w->key == q->key; /* "to-\nmorrow" read as "tomorrow" */
}

/* Whether piece p stands at text word s with the same keys. */
static int keys_at(const struct source_text *t, const struct piece *p, size_t s)
{
	if (s + p->n > t->n)
		return 0;
	for (size_t i = 0; i < p->n; i++)
		if (t->w[s + i].key != p->w[i].key)
			return 0;
	return 1;
}

/* The first start in [lo, hi) where p's keys stand, or SIZE_MAX; with
 * each start tried from the rarest word's occurrences. */
static size_t find_keys(const struct source_text *t, const struct piece *p, size_t lo,
			size_t hi, size_t after)
{
	size_t rare = 0, best = SIZE_MAX;
	for (size_t i = 0; i < p->n; i++) {
		if (p->w[i].key == NO_KEY)
			return SIZE_MAX;
		size_t c = t->post_at[p->w[i].key + 1] - t->post_at[p->w[i].key];
		if (c < best)
			best = c, rare = i;
	}
	uint32_t k = p->w[rare].key;
	size_t from = (lo > after ? lo : after) + rare;
	/* the occurrences are in text order: skip to the first at from */
	uint32_t a = t->post_at[k], b = t->post_at[k + 1];
	while (a < b) {
		uint32_t mid = a + (b - a) / 2;
		if (t->post[mid] < from)
			a = mid + 1;
		else
			b = mid;
	}
	for (uint32_t j = a; j < t->post_at[k + 1]; j++) {
		size_t s = t->post[j] - rare;
		if (s >= hi)
			break;
		if (keys_at(t, p, s))
			return s;
	}
	return SIZE_MAX;
}

/* Every piece's words in order, each within NEAR_WORDS of the one before.
 * Fills starts[] and returns 1, or returns 0. */
static int find_exact(const struct source_text *t, const struct piece *ps, size_t np,
		      size_t *starts)
{
	size_t after = 0;
	for (;;) {
		size_t s = find_keys(t, &ps[0], 0, t->n, after);
		if (s == SIZE_MAX)
			return 0;
		starts[0] = s;
		size_t i = 1, end = s + ps[0].n;
		for (; i < np; i++) {
			size_t n = find_keys(t, &ps[i], end, end + NEAR_WORDS, end);
			if (n == SIZE_MAX)
				break;
			starts[i] = n;
			end = n + ps[i].n;
		}
		if (i == np)
			return 1;
		after = s + 1;
	}
}

static void exact_ops(const struct source_text *t, const struct piece *p, size_t s,
		      struct source_result *r, int *differs)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct word *w = &t->w[s + i];
		if (same_spelling(w, &p->w[i])) {
			push_op(r, SOURCE_SAME, w->show);
		} else {
			push_op(r, SOURCE_DECK, p->w[i].show);
			push_op(r, SOURCE_TEXT, w->show);
			*differs = 1;
		}
	}
}

/* ---- near lookup ---- */

/* The likeliest starts of p in [lo, hi), best first, in cand (at most
 * N_CANDIDATES; returns how many): each word votes for the start its
 * occurrences imply; nearby starts add a little (a dropped or added word
 * shifts the rest by one).  Very common words vote only when the piece
 * has too few others. */
static size_t vote(const struct source_text *t, const struct piece *p, size_t lo,
		   size_t hi, uint16_t *votes, size_t *cand)
{
	size_t common = t->n / 100 > 200 ? t->n / 100 : 200, rare_words = 0;
	for (size_t i = 0; i < p->n; i++)
		if (p->w[i].key != NO_KEY &&
		    t->post_at[p->w[i].key + 1] - t->post_at[p->w[i].key] <= common)
			rare_words++;
	if (rare_words < 2)
		common = SIZE_MAX;
	size_t *touched = NULL, nt = 0, ct = 0;
	for (size_t i = 0; i < p->n; i++) {
		uint32_t k = p->w[i].key;
		if (k == NO_KEY || t->post_at[k + 1] - t->post_at[k] > common)
			continue;
		for (uint32_t j = t->post_at[k]; j < t->post_at[k + 1]; j++) {
			size_t at = t->post[j], s = at > i ? at - i : 0;
			if (at < lo || at >= hi)
				continue;
			if (votes[s] == 0) {
				if (nt == ct) {
					ct = ct ? 2 * ct : 256;
					touched = xrealloc(touched, ct * sizeof *touched);
				}
				touched[nt++] = s;
			}
			if (votes[s] < UINT16_MAX)
				votes[s]++;
		}
	}
	size_t score[N_CANDIDATES], nc = 0;
	for (size_t i = 0; i < nt; i++) {
		size_t s = touched[i], sc = 2 * (size_t)votes[s];
		for (size_t d = s > 3 ? s - 3 : 0; d <= s + 3 && d < t->n; d++)
			sc += votes[d];
		size_t k = nc < N_CANDIDATES ? nc++ : N_CANDIDATES;
		if (k == N_CANDIDATES && sc <= score[k - 1])
			continue;
		if (k == N_CANDIDATES)
			k--;
		while (k > 0 && score[k - 1] < sc) {
			score[k] = score[k - 1];
			cand[k] = cand[k - 1];
			k--;
		}
		score[k] = sc;
		cand[k] = s;
	}
	for (size_t i = 0; i < nt; i++)
		votes[touched[i]] = 0;
	free(touched);
	return nc;
}

enum { STEP_SAME, STEP_SUB, STEP_DECK, STEP_TEXT, STEP_START };

/*
 * Aligns p with the text words [a, b): all of p, any stretch of the text
 * (the words before and after it are free).  Appends the ops to r; *start
 * gets the first text word used.  Returns the number of words alike.
 */
static size_t align(const struct source_text *t, const struct piece *p, size_t a,
		    size_t b, struct source_result *r, size_t *start)
{
	size_t m = p->n, w = b - a, cols = w + 1;
	int *score = xcalloc((m + 1) * cols, sizeof *score);
	unsigned char *step = xcalloc((m + 1) * cols, 1);
	for (size_t j = 0; j <= w; j++)
		step[j] = STEP_START;
	for (size_t i = 1; i <= m; i++) {
		score[i * cols] = -(int)i;
		step[i * cols] = STEP_DECK;
		for (size_t j = 1; j <= w; j++) {
			int same = t->w[a + j - 1].key == p->w[i - 1].key;
			int best = score[(i - 1) * cols + j - 1] + (same ? 2 : -1);
			unsigned char how = same ? STEP_SAME : STEP_SUB;
			if (score[(i - 1) * cols + j] - 1 > best)
				best = score[(i - 1) * cols + j] - 1, how = STEP_DECK;
			if (score[i * cols + j - 1] - 1 > best)
				best = score[i * cols + j - 1] - 1, how = STEP_TEXT;
			score[i * cols + j] = best;
			step[i * cols + j] = how;
		}
	}
	size_t end = 0;
	for (size_t j = 1; j <= w; j++)
		if (score[m * cols + j] > score[m * cols + end])
			end = j;
	/* walk back, then write the steps in order */
	unsigned char *path = xmalloc(m + w + 1);
	size_t np = 0, i = m, j = end, alike = 0;
	while (i > 0 && step[i * cols + j] != STEP_START) {
		unsigned char how = step[i * cols + j];
		path[np++] = how;
		if (how == STEP_SAME || how == STEP_SUB)
			i--, j--;
		else if (how == STEP_DECK)
			i--;
		else
			j--;
	}
	*start = a + j;
	i = 0;
	for (size_t k = np; k-- > 0;) {
		const struct word *tw = &t->w[a + j];
		switch (path[k]) {
		case STEP_SAME:
			if (same_spelling(tw, &p->w[i])) {
				push_op(r, SOURCE_SAME, tw->show);
				alike++;
			} else {
				push_op(r, SOURCE_DECK, p->w[i].show);
				push_op(r, SOURCE_TEXT, tw->show);
			}
			i++, j++;
			break;
		case STEP_SUB:
			push_op(r, SOURCE_DECK, p->w[i].show);
			push_op(r, SOURCE_TEXT, tw->show);
			i++, j++;
			break;
		case STEP_DECK:
			push_op(r, SOURCE_DECK, p->w[i].show);
			i++;
			break;
		default:
			push_op(r, SOURCE_TEXT, tw->show);
			j++;
			break;
		}
	}
	free(path);
	free(score);
	free(step);
	return alike;
}

/* Looks each piece up near the one before, allowing differences.  Returns
 * 1 when every piece was found (ops appended), else 0. */
static int find_near(const struct source_text *t, const struct piece *ps, size_t np,
		     struct source_result *r)
{
	uint16_t *votes = xcalloc(t->n + 1, sizeof *votes);
	size_t lo = 0, hi = t->n;
	int ok = 1;
	for (size_t i = 0; i < np && ok; i++) {
		const struct piece *p = &ps[i];
		size_t cand[N_CANDIDATES];
		size_t nc = p->n < 3 ? 0 : vote(t, p, lo, hi, votes, cand);
		/* each candidate aligned; the one most alike kept */
		struct source_result best;
		size_t best_alike = 0, first = 0;
		source_result_init(&best);
		for (size_t k = 0; k < nc; k++) {
			size_t s = cand[k], f = 0;
			size_t a = s > p->n / 2 + 3 ? s - p->n / 2 - 3 : 0;
			size_t b = s + p->n + p->n / 2 + 3;
			if (a < lo)
				a = lo;
			if (b > hi)
				b = hi;
			struct source_result tmp;
			source_result_init(&tmp);
			size_t alike = align(t, p, a, b, &tmp, &f);
			if (alike > best_alike) {
				source_result_release(&best);
				best = tmp;
				best_alike = alike;
				first = f;
			} else {
				source_result_release(&tmp);
			}
		}
		if (best_alike * 10 < p->n * 6) {
			source_result_release(&best);
			ok = 0;
			break;
		}
		if (i)
			push_op(r, SOURCE_CUT, NULL);
		if (i == 0)
			r->line = t->w[first].line;
		size_t used = 0;
		for (size_t k = 0; k < best.n_ops; k++) {
			used += best.ops[k].kind != SOURCE_DECK;
			push_op(r, best.ops[k].kind, best.ops[k].word);
		}
		source_result_release(&best);
		lo = first + used;
		hi = lo + NEAR_WORDS + p->n < t->n ? lo + NEAR_WORDS + p->n : t->n;
	}
	free(votes);
	return ok;
}

void source_find(const struct source_text *t, const char *quote, struct source_result *r)
{
	source_result_release(r);
	size_t np = 0;
	struct piece *ps = pieces_of(t, quote, &np);
	if (!np || !t->n)
		goto out;
	size_t *starts = xcalloc(np, sizeof *starts);
	int differs = 0;
	if (find_exact(t, ps, np, starts)) {
		for (size_t i = 0; i < np; i++) {
			if (i)
				push_op(r, SOURCE_CUT, NULL);
			exact_ops(t, &ps[i], starts[i], r, &differs);
		}
		r->line = t->w[starts[0]].line;
		r->verdict = differs ? SOURCE_DIFFERS : SOURCE_EXACT;
	} else if (find_near(t, ps, np, r)) {
		r->verdict = SOURCE_DIFFERS;
	} else {
		source_result_release(r);
	}
	free(starts);
	if (r->verdict != SOURCE_NOT_FOUND)
		r->loc = loc_at(t, r->line);
out:
	pieces_free(ps, np);
}

void source_diff_render(const struct source_result *r, int color, struct strbuf *out)
{
	for (size_t i = 0; i < r->n_ops;) {
		enum source_op_kind kind = r->ops[i].kind;
		/* "[-stepp'd-]{+Step't+}": a replacement reads as one */
		if (i && !(kind == SOURCE_TEXT && r->ops[i - 1].kind == SOURCE_DECK))
			strbuf_addc(out, ' ');
		if (kind == SOURCE_CUT) {
			strbuf_adds(out, "\xE2\x80\xA6");
			i++;
			continue;
		}
		if (kind == SOURCE_SAME) {
			strbuf_adds(out, r->ops[i].word);
			i++;
			continue;
		}
		int deck = kind == SOURCE_DECK;
		strbuf_adds(out, color ? (deck ? "\x1b[31;9m" : "\x1b[32m") : (deck ? "[-" : "{+"));
		size_t k = i;
		for (; k < r->n_ops && r->ops[k].kind == kind; k++) {
			if (k != i)
				strbuf_addc(out, ' ');
			strbuf_adds(out, r->ops[k].word);
		}
		i = k;
		strbuf_adds(out, color ? "\x1b[m" : (deck ? "-]" : "+}"));
	}
}

int source_loc_agrees(const struct deck_loc *found, const struct deck_loc *want)
{
	if (want->kind == LOC_NONE || found->kind == LOC_NONE)
		return -1;
	int prose_f = found->kind == LOC_CHAPTER || found->kind == LOC_STAVE;
	int prose_w = want->kind == LOC_CHAPTER || want->kind == LOC_STAVE;
	if (prose_f && prose_w)
		return found->part == want->part;
	if (found->kind != want->kind)
		return -1;
	if (want->kind == LOC_SCENE)
		return found->part == want->part && found->scene == want->scene;
	return found->part == want->part && (!want->line || want->line == found->line);
}
