/*
 * check.c: answer checking.  Text is normalised into an array of code points
 * that remembers, for each one, the bytes of the original it came from, so
 * that distances are measured on normalised text while the word diff shows
 * the words as they were written.
 */
#include "swot/check.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#define DECOMP_OPTIONS                                                       \
	(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |          \
	 UTF8PROC_STRIPMARK | UTF8PROC_IGNORE)

/* Beyond this many cells (about 2,000 by 2,000 characters) the edit
 * distance is not computed exactly: such an answer is pasted, not typed. */
#define CHECK_MAX_CELLS ((size_t)4 << 20)

/* Normalised text: cp[i] came from bytes [from[i], to[i]) of the source. */
struct ntext {
	int32_t *cp;
	size_t *from, *to;
	size_t n, alloc;
};

static void ntext_init(struct ntext *t)
{
	memset(t, 0, sizeof *t);
}

/* Room for n code points at once: a string's own length in bytes is
 * nearly always enough, so normalising it grows no array (every card's
 * text is normalised when swot cards searches). */
static void ntext_reserve(struct ntext *t, size_t n)
{
	if (n <= t->alloc)
		return;
	t->cp = xreallocarray(t->cp, n, sizeof *t->cp);
	t->from = xreallocarray(t->from, n, sizeof *t->from);
	t->to = xreallocarray(t->to, n, sizeof *t->to);
	t->alloc = n;
}

static void ntext_release(struct ntext *t)
{
	free(t->cp);
	free(t->from);
	free(t->to);
	ntext_init(t);
}

static void ntext_push(struct ntext *t, int32_t cp, size_t from, size_t to)
{
	if (t->n == t->alloc) { /* three arrays in step */
		size_t alloc = t->alloc;
		ALLOC_GROW(t->cp, t->n + 1, alloc);
		t->from = xreallocarray(t->from, alloc, sizeof *t->from);
		t->to = xreallocarray(t->to, alloc, sizeof *t->to);
		t->alloc = alloc;
	}
	t->cp[t->n] = cp;
	t->from[t->n] = from;
	t->to[t->n] = to;
	t->n++;
}

static int is_space_cp(int32_t c)
{
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return 1;
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return 1;
	default:
		return 0;
	}
}

static int is_digit_cp(int32_t c)
{
	return c >= 0 && utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

/* Quotes and apostrophes, straight or curly: dropped, so "Birling’s" and
 * "Birlings" agree.  U+02BC is a letter to Unicode but an apostrophe to
 * anyone typing it. */
static int is_quote_cp(int32_t c)
{
	switch (c) {
	case 0x0022: case 0x0027: case 0x0060: case 0x00AB: case 0x00BB:
	case 0x02BB: case 0x02BC: case 0x2018: case 0x2019: case 0x201A:
	case 0x201B: case 0x201C: case 0x201D: case 0x201E: case 0x201F:
	case 0x2032: case 0x2033: case 0x2039: case 0x203A: case 0xFF02:
	case 0xFF07:
		return 1;
	default:
		return 0;
	}
}

static int is_dash_cp(int32_t c)
{
	return c == 0x2212 /* minus sign */ ||
	       (c >= 0 && utf8proc_category(c) == UTF8PROC_CATEGORY_PD);
}

/* Decomposes s (NFKD, case-folded, marks and ignorables dropped) into raw,
 * each code point tagged with its source bytes.  -1 on invalid UTF-8. */
static int decompose(const char *s, size_t len, struct ntext *raw)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;
	int32_t buf[64];

	while (i < len) {
		if (p[i] < 0x80) { /* ASCII decomposes to itself, A-Z folded to a-z
				    * (test_check holds utf8proc to that) */
			int32_t a = p[i] >= 'A' && p[i] <= 'Z' ? p[i] + ('a' - 'A') : p[i];
			ntext_push(raw, a, i, i + 1);
			i++;
			continue;
		}
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
		if (k <= 0 || c < 0)
			return -1;
		int bound = 0;
		utf8proc_ssize_t m = utf8proc_decompose_char(c, buf, 64, DECOMP_OPTIONS, &bound);
		/* No code point decomposes into more than 18; keep the
		 * original rather than overflow should one ever do. */
		if (m < 0 || m > 64) {
			buf[0] = c;
			m = 1;
		}
		for (utf8proc_ssize_t j = 0; j < m; j++)
			ntext_push(raw, buf[j], i, i + (size_t)k);
		i += (size_t)k;
	}
	return 0;
}

/* "Gerald & Sheila" is "Gerald and Sheila"; after a maths symbol (glue)
 * no space, as the symbol swallows it when the result is normalised
 * again. */
static void push_and(struct ntext *out, size_t from, size_t to, int glue)
{
	if (out->n && out->cp[out->n - 1] != ' ' && !glue)
		ntext_push(out, ' ', from, to);
	ntext_push(out, 'a', from, to);
	ntext_push(out, 'n', from, to);
	ntext_push(out, 'd', from, to);
}

/*
 * The second step of normalisation, over decomposed code points:
 *  - letters and digits are kept;
 *  - quotes and apostrophes are dropped;
 *  - a dash is a word break, except a minus sign before a number ("-5");
 *  - a full stop is dropped ("Mr." "e.g."), except a decimal point between
 *    digits; two or more (an ellipsis, after decomposition) are a break;
 *  - a comma between digits is dropped ("1,000"), elsewhere a break;
 *  - an ampersand is the word "and";
 *  - other punctuation is a break; maths symbols (+ = < ×) are kept, with
 *    no spaces around them; other symbols (currency, degrees ...) dropped;
 *  - whitespace collapses to one space, none at either end.
 */
static void fold(const struct ntext *raw, struct ntext *out)
{
	int glue = 0; /* after a maths symbol: swallow spaces */
	size_t n = raw->n;

	for (size_t i = 0; i < n; i++) {
		int32_t c = raw->cp[i];
		int32_t prev = i > 0 ? raw->cp[i - 1] : -1;
		int32_t next = i + 1 < n ? raw->cp[i + 1] : -1;
		int brk = 0;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			/* what the category switch below does with them, sooner */
			ntext_push(out, c, raw->from[i], raw->to[i]);
			glue = 0;
			continue;
		} else if (is_quote_cp(c)) {
			continue;
		} else if (is_space_cp(c)) {
			brk = 1;
		} else if (c == '&') {
			push_and(out, raw->from[i], raw->to[i], glue);
			glue = 0;
			brk = 1;
		} else if (is_dash_cp(c)) {
			int word_start = out->n == 0 || glue ||
					 out->cp[out->n - 1] == ' ';
			if (word_start && is_digit_cp(next)) {
				ntext_push(out, '-', raw->from[i], raw->to[i]);
				glue = 0;
				continue;
			}
			brk = 1;
		} else if (c == '.') {
			if (prev == '.' || next == '.') {
				brk = 1;
			} else if (is_digit_cp(prev) && is_digit_cp(next)) {
				ntext_push(out, '.', raw->from[i], raw->to[i]);
				continue;
			} else {
				continue;
			}
		} else if (c == ',') {
			if (is_digit_cp(prev) && is_digit_cp(next))
				continue;
			brk = 1;
		} else {
			switch (utf8proc_category(c)) {
			case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
			case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
			case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
			case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
				ntext_push(out, c, raw->from[i], raw->to[i]);
				glue = 0;
				continue;
			case UTF8PROC_CATEGORY_SM:
				if (out->n && out->cp[out->n - 1] == ' ')
					out->n--;
				ntext_push(out, c, raw->from[i], raw->to[i]);
				glue = 1;
				continue;
			case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD:
			case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
			case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
			case UTF8PROC_CATEGORY_PO:
				brk = 1;
				break;
			default: /* other symbols, controls, format, private */
				continue;
			}
		}
		if (brk && !glue && out->n && out->cp[out->n - 1] != ' ')
			ntext_push(out, ' ', raw->from[i], raw->to[i]);
	}
	if (out->n && out->cp[out->n - 1] == ' ')
		out->n--;
}

/* The value of an English number word from zero to ninety, or -1. */
static int number_word(const int32_t *w, size_t n)
{
	static const char *const words[] = {
		"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
		"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
		"sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
	static const char *const tens[] = {"thirty", "forty", "fifty", "sixty",
					   "seventy", "eighty", "ninety"};
	char buf[12];
	if (n < 3 || n >= sizeof buf) /* "one" to "seventeen" */
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (w[i] < 'a' || w[i] > 'z')
			return -1;
		buf[i] = (char)w[i];
	}
	buf[n] = '\0';
	/* every word of every answer comes here: the first letter spares
	 * most of the comparisons */
	for (int v = 0; v <= 20; v++)
		if (buf[0] == words[v][0] && !strcmp(buf, words[v]))
			return v;
	for (int t = 0; t < 7; t++)
		if (buf[0] == tens[t][0] && !strcmp(buf, tens[t]))
			return 30 + 10 * t;
	return -1;
}

/*
 * Numbers written as words become digits, so that "five" is "5" and
 * "twenty-one" (two words once dashes are breaks) is "21": a student may
 * write a number either way.  Each digit maps back to the words it
 * replaced, so a diff still shows what was typed.
 */
static void number_words(struct ntext *t)
{
	struct ntext out;
	ntext_init(&out);
	ntext_reserve(&out, t->n + 1);
	for (size_t i = 0; i < t->n;) {
		size_t j = i;
		while (j < t->n && t->cp[j] != ' ')
			j++;
		int v = number_word(t->cp + i, j - i);
		size_t end = j;
		if (v >= 20 && v % 10 == 0 && j + 1 < t->n) { /* "twenty one" */
			size_t k = j + 1;
			while (k < t->n && t->cp[k] != ' ')
				k++;
			int u = number_word(t->cp + j + 1, k - j - 1);
			if (u >= 1 && u <= 9) {
				v += u;
				end = k;
			}
		}
		if (v < 0) {
			for (; i < j; i++)
				ntext_push(&out, t->cp[i], t->from[i], t->to[i]);
		} else {
			if (v >= 10) /* at most ninety-nine */
				ntext_push(&out, '0' + v / 10, t->from[i], t->to[end - 1]);
			ntext_push(&out, '0' + v % 10, t->from[i], t->to[end - 1]);
			i = end;
		}
		if (i < t->n) { /* the space after the word */
			ntext_push(&out, t->cp[i], t->from[i], t->to[i]);
			i++;
		}
	}
	ntext_release(t);
	*t = out;
}

/* Normalises s into out, with number words as digits when numbers is set.
 * -1 on invalid UTF-8 (out is then empty). */
static int normalize_as(const char *s, struct ntext *out, int numbers)
{
	struct ntext raw;
	int rc;

	size_t len = strlen(s);
	ntext_init(&raw);
	ntext_reserve(&raw, len + 1);
	ntext_reserve(out, len + 1);
	out->n = 0;
	rc = decompose(s, len, &raw);
	if (rc == 0) {
		fold(&raw, out);
		if (numbers)
			number_words(out);
	}
	ntext_release(&raw);
	return rc;
}

static int normalize(const char *s, struct ntext *out)
{
	return normalize_as(s, out, 1);
}

static void encode(const int32_t *cp, size_t n, struct strbuf *sb)
{
	utf8proc_uint8_t b[4];
	for (size_t i = 0; i < n; i++) {
		utf8proc_ssize_t k = utf8proc_encode_char(cp[i], b);
		strbuf_add(sb, (const char *)b, (size_t)k);
	}
}

char *check_normalize(const char *s)
{
	struct ntext t;
	struct strbuf sb = STRBUF_INIT;
	char *r = NULL;

	ntext_init(&t);
	if (normalize(s, &t) == 0) {
		encode(t.cp, t.n, &sb);
		r = sb.buf ? strbuf_detach(&sb) : xstrdup("");
	}
	ntext_release(&t);
	return r;
}

int check_typo_bound(size_t len)
{
	if (len <= 3)
		return 0;
	if (len <= 7)
		return 1;
	if (len <= 15)
		return 2;
	return (int)(len / 8 > INT_MAX ? INT_MAX : len / 8);
}

/* Optimal string alignment distance (Damerau-Levenshtein where no
 * substring is edited twice): insertions, deletions, substitutions and
 * transpositions of neighbours each cost one. */
static int osa_distance(const int32_t *a, size_t n, const int32_t *b, size_t m)
{
	/* What both share at either end costs nothing and need not be
	 * aligned, which keeps a long answer right even past the limit. */
	while (n && m && a[0] == b[0]) {
		a++;
		b++;
		n--;
		m--;
	}
	while (n && m && a[n - 1] == b[m - 1]) {
		n--;
		m--;
	}
	if (n == 0 || m == 0)
		return (int)(n + m > INT_MAX ? INT_MAX : n + m);
	if (n > CHECK_MAX_CELLS / m)
		return (int)((n > m ? n : m) > INT_MAX ? INT_MAX : (n > m ? n : m));

	size_t w = m + 1;
	int *rows = xmalloc(3 * w * sizeof *rows);
	int *pp = rows, *pr = rows + w, *cur = rows + 2 * w;

	for (size_t j = 0; j <= m; j++)
		pr[j] = (int)j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = (int)i;
		for (size_t j = 1; j <= m; j++) {
			int cost = a[i - 1] != b[j - 1];
			int d = pr[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (pr[j - 1] + cost < d)
				d = pr[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < d)
				d = pp[j - 2] + 1;
			cur[j] = d;
		}
		int *t = pp;
		pp = pr;
		pr = cur;
		cur = t;
	}
	int d = pr[m];
	free(rows);
	return d;
}

/* Whether a and b hold the same numbers in the same order: "2016" against
 * "2017" must never be a typo.  A number is a run of digits, with its
 * decimal point and leading minus sign. */
static int is_num_cp(const int32_t *s, size_t n, size_t i)
{
	return is_digit_cp(s[i]) ||
	       ((s[i] == '.' || s[i] == '-') && i + 1 < n && is_digit_cp(s[i + 1]));
}

static int next_number(const int32_t *s, size_t n, size_t *pos, size_t *start,
		       size_t *len)
{
	size_t i = *pos;
	while (i < n && !is_num_cp(s, n, i))
		i++;
	if (i == n) {
		*pos = n;
		return 0;
	}
	*start = i;
	while (i < n && is_num_cp(s, n, i))
		i++;
	*len = i - *start;
	*pos = i;
	return 1;
}

static int same_numbers(const struct ntext *a, const struct ntext *b)
{
	size_t pa = 0, pb = 0, sa = 0, sb = 0, la = 0, lb = 0;
	for (;;) {
		int ha = next_number(a->cp, a->n, &pa, &sa, &la);
		int hb = next_number(b->cp, b->n, &pb, &sb, &lb);
		if (ha != hb)
			return 0;
		if (!ha)
			return 1;
		if (la != lb || memcmp(a->cp + sa, b->cp + sb, la * sizeof *a->cp))
			return 0;
	}
}

static int same_text(const struct ntext *a, const struct ntext *b)
{
	/* an empty text may have no array at all */
	return a->n == b->n &&
	       (a->n == 0 || memcmp(a->cp, b->cp, a->n * sizeof *a->cp) == 0);
}

static int is_space_byte(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/*
 * Whether the break at t->cp[i] (a space of the normalised text) was a
 * dash in src with no space beside it: "door-nail", not "door nail" or
 * "2, 4".
 */
static int dash_break(const char *src, const struct ntext *t, size_t i)
{
	int dash = 0;

	if (i == 0 || i + 1 >= t->n)
		return 0;
	for (size_t k = t->to[i - 1]; k < t->from[i + 1]; k++) {
		unsigned char c = (unsigned char)src[k];
		if (is_space_byte(c))
			return 0;
		if (c == '-' || c >= 0x80) /* a hyphen, or an en or em dash */
			dash = 1;
	}
	return dash;
}

/*
 * Whether a and b are the same words, some written joined or split: the
 * same letters in the same order, where each word of one is one word or a
 * run of whole words of the other ("everyone" and "every one", "doornail"
 * and "door-nail", "to-morrow" and "tomorrow").  Words are never cut anew
 * on both sides at once ("ab cd" is not "a bc d"), and digits never join
 * ("2, 4" is not "24"): a number keeps its form.  A spelling with other
 * letters stays a different word: "none" is not "no one".
 *
 * Returns -1 when they are not, else how many of the breaks only one side
 * has were spaces rather than hyphens: 0 for "tomorrow" and "to-morrow",
 * the same word; 1 for "everyone" and "every one", where a space joined or
 * split can as well make another word ("a part", "apart").
 */
static int same_joined(const char *a_src, const struct ntext *a,
		       const char *b_src, const struct ntext *b)
{
	size_t i = 0, j = 0;
	int a_split = 0, b_split = 0; /* a break on that side only, since the
				       * last break both share */
	int spaces = 0;

	while (i < a->n && j < b->n) {
		int sa = a->cp[i] == ' ', sb = b->cp[j] == ' ';
		if (sa && sb) {
			a_split = b_split = 0;
			i++;
			j++;
			continue;
		} else if (sa || sb) {
			const struct ntext *t = sa ? a : b;
			size_t k = sa ? i : j;
			if (k == 0 || k + 1 >= t->n ||
			    (is_digit_cp(t->cp[k - 1]) && is_digit_cp(t->cp[k + 1])))
				return -1;
			spaces += !dash_break(sa ? a_src : b_src, t, k);
			if (sa) {
				a_split = 1;
				i++;
			} else {
				b_split = 1;
				j++;
			}
		} else if (a->cp[i] != b->cp[j]) {
			return -1;
		} else {
			i++;
			j++;
		}
		if (a_split && b_split)
			return -1;
	}
	return i == a->n && j == b->n ? spaces : -1;
}

/* ---- the word diff ---- */

/* A word of normalised text: code points [k, k+len) of the ntext, shown as
 * the bytes [show, show_end) of the source. */
struct word {
	size_t k, len;
	size_t show, show_end;
	int glued; /* no whitespace between it and the word before */
};

/*
 * Splits normalised text into words and finds what to show for each: the
 * source from the end of the previous word's display to the start of the
 * next, cut at the first whitespace in between, so that punctuation stays
 * with the word it follows ("said," "well-") and opening quotes with the
 * word they open.  Returns the number of words; *out is freed by the caller.
 */
static size_t split_words(const char *src, const struct ntext *t, struct word **out)
{
	size_t n = 0, alloc = 8;
	struct word *w = xmalloc(alloc * sizeof *w);
	size_t srclen = strlen(src);

	for (size_t i = 0; i < t->n;) {
		if (t->cp[i] == ' ') {
			i++;
			continue;
		}
		size_t j = i;
		while (j < t->n && t->cp[j] != ' ')
			j++;
		ALLOC_GROW(w, n + 1, alloc);
		w[n].k = i;
		w[n].len = j - i;
		w[n].show = t->from[i];
		w[n].show_end = t->to[j - 1];
		w[n].glued = 0;
		n++;
		i = j;
	}
	/* Boundaries: the first word starts at 0, the last ends at srclen;
	 * between two words, at the first whitespace between them. */
	for (size_t i = 0; i < n; i++) {
		size_t lo = i == 0 ? 0 : w[i - 1].show_end;
		size_t hi = w[i].show;
		size_t cut = hi;
		for (size_t p = lo; p < hi; p++) {
			if (is_space_byte((unsigned char)src[p])) {
				cut = p;
				break;
			}
		}
		if (i > 0) {
			w[i - 1].show_end = cut;
			w[i].glued = cut == hi;
		}
		w[i].show = i == 0 ? 0 : cut;
	}
	if (n)
		w[n - 1].show_end = srclen;
	for (size_t i = 0; i < n; i++) {
		while (w[i].show < w[i].show_end &&
		       is_space_byte((unsigned char)src[w[i].show]))
			w[i].show++;
		while (w[i].show_end > w[i].show &&
		       is_space_byte((unsigned char)src[w[i].show_end - 1]))
			w[i].show_end--;
	}
	*out = w;
	return n;
}

static void diff_push(struct check_diff *d, enum check_op_kind kind, size_t gap,
		      int glued, char *typed, char *expected)
{
	ALLOC_GROW(d->ops, d->n + 1, d->alloc);
	d->ops[d->n].kind = kind;
	d->ops[d->n].gap = gap;
	d->ops[d->n].glued = glued;
	d->ops[d->n].typed = typed;
	d->ops[d->n].expected = expected;
	d->n++;
}

static char *word_text(const char *src, const struct word *w)
{
	return xstrndup(src + w->show, w->show_end - w->show);
}

static int word_eq(const struct ntext *a, const struct word *wa,
		   const struct ntext *b, const struct word *wb)
{
	return wa->len == wb->len &&
	       memcmp(a->cp + wa->k, b->cp + wb->k, wa->len * sizeof *a->cp) == 0;
}

/* Appends the changes typed[i0..i1) -> expected[j0..j1): all removed words
 * first, then all added ones, as git shows a changed run. */
static void diff_change(struct check_diff *d, size_t gap, const char *ts,
			const struct word *tw, size_t i0, size_t i1,
			const char *es, const struct word *ew, size_t j0, size_t j1)
{
	for (size_t i = i0; i < i1; i++)
		diff_push(d, CHECK_OP_DEL, gap, tw[i].glued,
			  word_text(ts, &tw[i]), NULL);
	for (size_t j = j0; j < j1; j++)
		diff_push(d, CHECK_OP_INS, gap, ew[j].glued, NULL,
			  word_text(es, &ew[j]));
}

static void diff_same(struct check_diff *d, size_t gap, const char *ts,
		      const struct word *tw, const char *es,
		      const struct word *ew)
{
	diff_push(d, CHECK_OP_SAME, gap, ew->glued, word_text(ts, tw),
		  word_text(es, ew));
}

/* Appends the word diff of typed (ts, normalised tn; NULL when unreadable)
 * against expected (es, en): the words both start and end with, and a
 * longest common subsequence of the words between. */
static void diff_words(struct check_diff *d, size_t gap, const char *ts,
		       const struct ntext *tn, const char *es,
		       const struct ntext *en)
{
	struct word *tw = NULL, *ew = NULL;
	size_t nt = ts ? split_words(ts, tn, &tw) : 0;
	size_t ne = split_words(es, en, &ew);
	size_t *lcs = NULL;
	size_t pre = 0, suf = 0;

	while (pre < nt && pre < ne && word_eq(tn, &tw[pre], en, &ew[pre]))
		pre++;
	while (suf < nt - pre && suf < ne - pre &&
	       word_eq(tn, &tw[nt - 1 - suf], en, &ew[ne - 1 - suf]))
		suf++;
	for (size_t k = 0; k < pre; k++)
		diff_same(d, gap, ts, &tw[k], es, &ew[k]);

	/* The middle: tw[pre..ti) against ew[pre..ej). */
	size_t ti = nt - suf, ej = ne - suf;
	size_t mt = ti - pre, me = ej - pre, w = me + 1;
	if (mt && me && mt + 1 <= CHECK_MAX_CELLS / w) {
		/* lcs[i][j]: length of the LCS of tw[pre+i..ti) and
		 * ew[pre+j..ej) */
		lcs = xcalloc((mt + 1) * w, sizeof *lcs);
		for (size_t i = mt; i-- > 0;)
			for (size_t j = me; j-- > 0;) {
				if (word_eq(tn, &tw[pre + i], en, &ew[pre + j]))
					lcs[i * w + j] = lcs[(i + 1) * w + j + 1] + 1;
				else {
					size_t x = lcs[(i + 1) * w + j];
					size_t y = lcs[i * w + j + 1];
					lcs[i * w + j] = x > y ? x : y;
				}
			}
	}
	size_t i = 0, j = 0, ci = 0, cj = 0;
	while (lcs && i < mt && j < me) {
		if (word_eq(tn, &tw[pre + i], en, &ew[pre + j]) &&
		    lcs[i * w + j] == lcs[(i + 1) * w + j + 1] + 1) {
			diff_change(d, gap, ts, tw, pre + ci, pre + i, es, ew,
				    pre + cj, pre + j);
			diff_same(d, gap, ts, &tw[pre + i], es, &ew[pre + j]);
			i++;
			j++;
			ci = i;
			cj = j;
		} else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
			i++;
		} else {
			j++;
		}
	}
	diff_change(d, gap, ts, tw, pre + ci, ti, es, ew, pre + cj, ej);
	for (size_t k = 0; k < suf; k++)
		diff_same(d, gap, ts, &tw[ti + k], es, &ew[ej + k]);
	free(lcs);
	free(tw);
	free(ew);
}

/* ---- results ---- */

static void diff_release(struct check_diff *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->ops[i].typed);
		free(d->ops[i].expected);
	}
	free(d->ops);
	d->ops = NULL;
	d->n = d->alloc = 0;
}

void check_result_init(struct check_result *r)
{
	memset(r, 0, sizeof *r);
	r->verdict = CHECK_WRONG;
}

void check_result_release(struct check_result *r)
{
	diff_release(&r->diff);
	check_result_init(r);
}

const char *check_verdict_name(enum check_verdict v)
{
	switch (v) {
	case CHECK_RIGHT:
		return "right";
	case CHECK_ALMOST:
		return "almost";
	case CHECK_WRONG:
		break;
	}
	return "wrong";
}

/* ---- a leading article ---- */

/* The length of t's leading article and the space after it, or 0: "the",
 * "a" or "an" set off by whitespace with a word after it.  "A-level" opens
 * with a letter, not an article; "A, B or C" with a list; an answer that
 * is only "the" stays itself.  src is the text t was normalised from. */
static size_t article_len(const char *src, const struct ntext *t)
{
	static const char *const articles[] = { "the", "a", "an" };

	for (size_t a = 0; a < sizeof articles / sizeof articles[0]; a++) {
		size_t k = strlen(articles[a]), i = 0;
		if (t->n <= k + 1 || t->cp[k] != ' ')
			continue;
		while (i < k && t->cp[i] == articles[a][i])
			i++;
		if (i < k)
			continue;
		/* the break after it came from whitespace, not a dash or comma */
		utf8proc_int32_t c;
		const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)src + t->from[k];
		if (utf8proc_iterate(p, -1, &c) > 0 && is_space_cp(c))
			return k + 1;
	}
	return 0;
}

/* t without its leading article when articles do not matter, else t: a
 * view into t's arrays, never released. */
static struct ntext bare_of(const char *src, const struct ntext *t, int articles)
{
	struct ntext v = *t;
	size_t k = articles ? article_len(src, t) : 0;

	if (k) { /* an empty text may have no arrays to offset */
		v.cp += k;
		v.from += k;
		v.to += k;
		v.n -= k;
	}
	v.alloc = 0;
	return v;
}

/* The accepted forms of one answer: src[i] normalised as full[i] (ok[i]
 * when readable) and without its leading article as bare[i] (a view into
 * full[i]; the same as full[i] when articles do not matter). */
struct forms {
	const char *const *src;
	struct ntext *full, *bare;
	int *ok;
	size_t n;
	int articles;
};

/* Normalises accepted[0..n) into f; returns the index of the first
 * readable form, or SIZE_MAX when none is.  Release with forms_release. */
static size_t forms_init(struct forms *f, const char *const *accepted, size_t n,
			 int articles)
{
	size_t first = SIZE_MAX;

	f->src = accepted;
	f->n = n;
	f->articles = articles;
	f->full = xcalloc(n, sizeof *f->full);
	f->bare = xcalloc(n, sizeof *f->bare);
	f->ok = xcalloc(n, sizeof *f->ok);
	for (size_t i = 0; i < n; i++) {
		ntext_init(&f->full[i]);
		f->ok[i] = accepted[i] && normalize(accepted[i], &f->full[i]) == 0;
		if (!f->ok[i])
			continue;
		f->bare[i] = bare_of(accepted[i], &f->full[i], articles);
		if (first == SIZE_MAX)
			first = i;
	}
	return first;
}

static void forms_release(struct forms *f)
{
	for (size_t i = 0; i < f->n; i++)
		ntext_release(&f->full[i]);
	free(f->full);
	free(f->bare);
	free(f->ok);
}

/* Whether a rival (another character's name, not one of the accepted
 * forms) is within distance da of the typed tb, articles set aside as for
 * the forms. */
static int rival_as_near(const struct ntext *tb, int da, const struct forms *f,
			 const char *const *rivals, size_t n_rivals)
{
	struct ntext rn;
	int beaten = 0;
	ntext_init(&rn);
	for (size_t r = 0; r < n_rivals && !beaten; r++) {
		int same = 0;
		if (!rivals[r] || normalize(rivals[r], &rn) != 0)
			continue;
		struct ntext rb = bare_of(rivals[r], &rn, f->articles);
		for (size_t i = 0; i < f->n && !same; i++)
			same = f->ok[i] && same_text(&rb, &f->bare[i]);
		if (!same && osa_distance(tb->cp, tb->n, rb.cp, rb.n) <= da)
			beaten = 1;
	}
	ntext_release(&rn);
	return beaten;
}

/* An answer of this many words or more is almost right with one of them
 * left out: a student who recalls all but a word of a long quotation has
 * nearly learned it. */
#define CHECK_MISSING_WORD_MIN 4

static size_t count_words(const struct ntext *t)
{
	size_t n = t->n > 0;
	for (size_t i = 0; i < t->n; i++)
		n += t->cp[i] == ' ';
	return n;
}

/* The length of the one word of form fn that typed tn leaves out, all the
 * others there in order, when the form as the deck writes it has at least
 * CHECK_MISSING_WORD_MIN words (`words`, its leading article included: an
 * article that does not matter is no word left out); 0 when typed is not
 * that. */
static int missing_word(const char *ts, const struct ntext *tn, const char *fs,
			const struct ntext *fn, size_t words)
{
	struct word *tw, *fw;
	size_t nt = split_words(ts, tn, &tw), nf = split_words(fs, fn, &fw);
	int len = 0;
	if (words >= CHECK_MISSING_WORD_MIN && nt + 1 == nf) {
		size_t i = 0;
		while (i < nt && word_eq(tn, &tw[i], fn, &fw[i]))
			i++;
		size_t k = i; /* the word left out */
		while (i < nt && word_eq(tn, &tw[i], fn, &fw[i + 1]))
			i++;
		if (i == nt)
			len = (int)fw[k].len;
	}
	free(tw);
	free(fw);
	return len;
}

/* The accepted form nearest to typed (*nearest, at *dn edits) and the
 * nearest that typed is almost (*almost, at *da; SIZE_MAX when none): a
 * typo within the bound with the same numbers, or one word left out.
 * Measured without leading articles when they do not matter (tb, bare);
 * a form equal to typed as written comes first. */
static void nearest_forms(const char *typed, const struct ntext *tn,
			  const struct ntext *tb, const struct forms *f,
			  size_t *nearest, int *dn, size_t *almost, int *da)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->ok[i] && same_text(tn, &f->full[i])) {
			*nearest = i;
			*dn = 0;
			return;
		}
	for (size_t i = 0; i < f->n; i++) {
		if (!f->ok[i])
			continue;
		const struct ntext *b = &f->bare[i];
		int di = osa_distance(tb->cp, tb->n, b->cp, b->n);
		if (di < *dn) {
			*dn = di;
			*nearest = i;
		}
		if (di > 0 && di <= check_typo_bound(b->n) && di < *da &&
		    same_numbers(tb, b)) {
			*da = di;
			*almost = i;
		}
	}
	for (size_t i = 0; *dn > 0 && *almost == SIZE_MAX && i < f->n; i++) {
		int len = f->ok[i] ? missing_word(typed, tb, f->src[i], &f->bare[i],
						  count_words(&f->full[i]))
				   : 0;
		if (len > 0) {
			*almost = i;
			*da = len;
		}
	}
}

/* The accepted form that typed is with words joined or split
 * (same_joined), the one with fewest spaces joined or split, that count in
 * *spaces; or SIZE_MAX.  Compared before number words become digits:
 * "every one" is "every 1" after that, and "everyone" must still be it. */
static size_t joined_form(const char *typed, const struct forms *f, int *spaces)
{
	struct ntext tl, fl;
	size_t found = SIZE_MAX;

	ntext_init(&tl);
	ntext_init(&fl);
	if (normalize_as(typed, &tl, 0) == 0) {
		struct ntext tb = bare_of(typed, &tl, f->articles);
		for (size_t i = 0; i < f->n && (found == SIZE_MAX || *spaces); i++) {
			if (!f->ok[i] || normalize_as(f->src[i], &fl, 0) != 0)
				continue;
			struct ntext fb = bare_of(f->src[i], &fl, f->articles);
			int n = same_joined(typed, &tb, f->src[i], &fb);
			if (n >= 0 && (found == SIZE_MAX || n < *spaces)) {
				found = i;
				*spaces = n;
			}
		}
	}
	ntext_release(&tl);
	ntext_release(&fl);
	return found;
}

/* One answer against its accepted forms; appends the diff to d with gap.
 * articles: whether a leading article on the whole answer, typed or
 * accepted, does not matter (not for a cloze gap, the quotation's own
 * words).  Returns 0 or SWOT_EINVAL as check_answer. */
static int check_one(const char *typed, const char *const *accepted,
		     size_t n_accepted, const char *const *rivals,
		     size_t n_rivals, int articles, size_t gap,
		     enum check_verdict *verdict, int *distance, size_t *matched,
		     struct check_diff *d)
{
	struct ntext tn, an;
	struct forms f;
	int rc = 0;
	size_t nearest, almost = SIZE_MAX;
	int dn = INT_MAX, da = INT_MAX;

	*verdict = CHECK_WRONG;
	*distance = 0;
	*matched = 0;
	if (n_accepted == 0)
		return SWOT_EINVAL;
	ntext_init(&tn);
	ntext_init(&an);
	int typed_ok = typed && normalize(typed, &tn) == 0;
	struct ntext tb = bare_of(typed_ok ? typed : "", &tn, articles && typed_ok);

	nearest = forms_init(&f, accepted, n_accepted, articles);
	if (nearest == SIZE_MAX) {
		if (typed_ok)
			diff_words(d, gap, typed, &tn, "", &an);
		rc = SWOT_EINVAL;
		goto out;
	}
	if (!typed_ok) {
		diff_words(d, gap, NULL, NULL, accepted[nearest], &f.full[nearest]);
		*distance = (int)f.full[nearest].n;
		*matched = nearest;
		rc = SWOT_EINVAL;
		goto out;
	}

	nearest_forms(typed, &tn, &tb, &f, &nearest, &dn, &almost, &da);
	int spaces = 0;
	size_t joined = dn > 0 ? joined_form(typed, &f, &spaces) : SIZE_MAX;
	if (joined != SIZE_MAX && spaces > 0) {
		/* A space joined or split is a slip, as a typo is: almost,
		 * unless the letters are nearer to something else already. */
		if (almost == SIZE_MAX) {
			almost = joined;
			da = spaces;
		}
		joined = SIZE_MAX;
	}
	if (joined != SIZE_MAX || (dn == 0 && !same_text(&tn, &f.full[nearest]))) {
		/* Right with words hyphenated or not, or with another leading
		 * article or none: the diff shows the answer's words, all
		 * matching, as it does for any right gap of a cloze. */
		size_t m = joined != SIZE_MAX ? joined : nearest;
		*verdict = CHECK_RIGHT;
		*matched = m;
		diff_words(d, gap, accepted[m], &f.full[m], accepted[m], &f.full[m]);
		goto out;
	} else if (dn == 0) {
		*verdict = CHECK_RIGHT;
	} else if (almost != SIZE_MAX) {
		/* A rival as near as the accepted form makes it a guess
		 * between two names, not a typo. */
		if (!rival_as_near(&tb, da, &f, rivals, n_rivals)) {
			*verdict = CHECK_ALMOST;
			nearest = almost;
			dn = da;
		}
	}
	*distance = dn;
	*matched = nearest;
	diff_words(d, gap, typed, &tn, accepted[nearest], &f.full[nearest]);
out:
	forms_release(&f);
	ntext_release(&tn);
	ntext_release(&an);
	return rc;
}

int check_answer(const char *typed, const char *const *accepted,
		 size_t n_accepted, const char *const *rivals, size_t n_rivals,
		 struct check_result *out)
{
	check_result_release(out);
	return check_one(typed, accepted, n_accepted, rivals, n_rivals, 1, 0,
			 &out->verdict, &out->distance, &out->matched,
			 &out->diff);
}

int check_cloze(const char *const *typed, size_t n_typed,
		const char *const *gaps, size_t n_gaps,
		struct check_result *out)
{
	return check_cloze_alt(typed, n_typed, gaps, n_gaps, NULL, NULL, out);
}

int check_cloze_alt(const char *const *typed, size_t n_typed,
		    const char *const *gaps, size_t n_gaps,
		    const char *const *const *alts, const size_t *n_alts,
		    struct check_result *out)
{
	int rc = 0, any_wrong = 0;

	check_result_release(out);
	for (size_t g = 0; g < n_gaps; g++) {
		const char *t = g < n_typed && typed[g] ? typed[g] : "";
		enum check_verdict v;
		int dist;
		size_t m;

		if (g > 0)
			diff_push(&out->diff, CHECK_OP_GAP, g, 0, NULL, NULL);
		/* the gap, then its other accepted answers */
		size_t na = alts && n_alts ? n_alts[g] : 0;
		const char **acc = xcalloc(na + 1, sizeof *acc);
		acc[0] = gaps[g];
		for (size_t k = 0; k < na; k++)
			acc[k + 1] = alts[g][k];
		if (check_one(t, acc, na + 1, NULL, 0, 0, g, &v, &dist, &m, &out->diff) != 0)
			rc = SWOT_EINVAL;
		free(acc);
		if (v == CHECK_RIGHT)
			out->matched++;
		if (v == CHECK_WRONG)
			any_wrong = 1;
		if (dist > INT_MAX - out->distance)
			out->distance = INT_MAX;
		else
			out->distance += dist;
	}
	if (n_gaps == 0)
		return SWOT_EINVAL;
	out->verdict = any_wrong ? CHECK_WRONG
		       : out->matched == n_gaps ? CHECK_RIGHT : CHECK_ALMOST;
	return rc;
}

/* ---- rendering ---- */

#define RED "\x1b[31;9m" /* red and struck through: not by colour alone */
#define GREEN "\x1b[32m"
#define RESET "\x1b[m"

/* Appends the run of ops of one kind starting at *i, in one bracket, and
 * leaves *i on its last op. */
static void render_run(const struct check_diff *d, size_t *i, int color,
		       struct strbuf *out)
{
	enum check_op_kind kind = d->ops[*i].kind;
	int del = kind == CHECK_OP_DEL;

	/* the brackets always: colour (or a terminal without it) must not be
	 * the only way to tell what was typed from what was expected */
	if (color)
		strbuf_adds(out, del ? RED : GREEN);
	strbuf_adds(out, del ? "[-" : "{+");
	for (size_t k = *i; k < d->n && d->ops[k].kind == kind; k++) {
		if (k > *i && !d->ops[k].glued)
			strbuf_addc(out, ' ');
		strbuf_adds(out, del ? d->ops[k].typed : d->ops[k].expected);
		*i = k;
	}
	strbuf_adds(out, del ? "-]" : "+}");
	if (color)
		strbuf_adds(out, RESET);
}

void check_diff_render(const struct check_diff *d, int color,
		       struct strbuf *out)
{
	int need_space = 0;

	for (size_t i = 0; i < d->n; i++) {
		const struct check_op *op = &d->ops[i];
		enum check_op_kind prev = i ? d->ops[i - 1].kind : CHECK_OP_GAP;
		if (op->kind == CHECK_OP_GAP) {
			strbuf_adds(out, need_space ? " | " : "| ");
			need_space = 0;
			continue;
		}
		/* A removed run followed by its replacement reads as one
		 * change, "[-wepping-]{+weeping+}"; "well-known" stays
		 * joined where both halves match. */
		if (need_space &&
		    !(op->kind == CHECK_OP_INS && prev == CHECK_OP_DEL) &&
		    !(op->kind == CHECK_OP_SAME && prev == CHECK_OP_SAME &&
		      op->glued))
			strbuf_addc(out, ' ');
		if (op->kind == CHECK_OP_SAME)
			strbuf_adds(out, op->expected);
		else
			render_run(d, &i, color, out);
		need_space = 1;
	}
}

/* ---- hints ---- */

void check_hint(const char *answer, int level, struct strbuf *out)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)answer;
	size_t len = strlen(answer), i = 0;
	int shown = 0;     /* letters shown or hidden so far in this word */
	int last_shown = 0; /* whether the last letter was shown */

	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
		if (k <= 0 || c < 0) {
			/* An unreadable byte: one hidden character. */
			strbuf_addc(out, '_');
			shown++;
			last_shown = 0;
			i++;
			continue;
		}
		switch (utf8proc_category(c)) {
		case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
		case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
		case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
		case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
			if (is_quote_cp(c))
				goto keep;
			last_shown = shown < level;
			if (last_shown)
				strbuf_add(out, answer + i, (size_t)k);
			else
				strbuf_addc(out, '_');
			shown++;
			break;
		case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
		case UTF8PROC_CATEGORY_ME:
			/* An accent belongs to its letter. */
			if (last_shown)
				strbuf_add(out, answer + i, (size_t)k);
			break;
		default:
			if (is_space_cp(c) || is_dash_cp(c))
				shown = 0;
		keep:
			last_shown = 0;
			strbuf_add(out, answer + i, (size_t)k);
			break;
		}
		i += (size_t)k;
	}
}
