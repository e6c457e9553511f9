/*
 * deck.c: deck format 1.  A deck file goes through four steps:
 *
 *   1. raw bytes: size cap, UTF-8, then a strict JSON syntax scan that
 *      gives "FILE:LINE:COLUMN: message" (cJSON is more lenient than JSON,
 *      and says nothing about what it expected);
 *   2. cJSON builds the tree;
 *   3. the tree is checked against the format and copied into plain C
 *      structs, every problem reported with its place ("quotes[3] \"x\"");
 *   4. references and cross-field rules are checked, then the notes are
 *      expanded into cards.
 *
 * No cJSON pointer leaves this file.
 */
#include "swot/deck.h"

#include <cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>

#define MAX_PROBLEMS 200 /* per file; the rest are counted */
#define MAX_ID_LEN 64
#define MAX_NESTING 200
#define N_DISTRACTORS 3

/* ---- problems ---- */

void deck_problems_init(struct deck_problems *p)
{
	strlist_init(&p->lines);
}

void deck_problems_release(struct deck_problems *p)
{
	strlist_release(&p->lines);
}

/*
 * The memory of a deck: every string and list in a struct deck and its
 * cards is carved from large chunks, released together by deck_free.  A
 * deck of 100,000 notes holds millions of strings; one malloc each made
 * loading and freeing it cost more than parsing it.
 */
struct deck_arena {
	struct arena_chunk *chunks;
	unsigned char *p;
	size_t left;
	size_t next_size; /* of the next chunk: they double as the deck grows */
};

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;  /* bytes mapped, when mapped */
	int mapped;   /* from mmap (large chunks), else from malloc */
};

#define ARENA_FIRST ((size_t)64 << 10)  /* a small deck stays small */
#define ARENA_LAST ((size_t)32 << 20)
#define ARENA_HUGE ((size_t)2 << 20)    /* chunks this big are mapped */
#define ARENA_HEAD ((size_t)32) /* the chunk header, rounded up for alignment */

/*
 * A chunk of at least n usable bytes.  Large ones are mapped and, where
 * the system has transparent huge pages, use them: a large deck touches
 * ~100 MB, and on virtual machines a page fault per 4 KiB cost as much as
 * all the parsing.
 */
static struct arena_chunk *chunk_new(size_t n)
{
	size_t want = ARENA_HEAD + n;
	if (want >= ARENA_HUGE) {
		size_t size = (want + ARENA_HUGE - 1) / ARENA_HUGE * ARENA_HUGE;
		void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p != MAP_FAILED) {
#ifdef MADV_HUGEPAGE
			madvise(p, size, MADV_HUGEPAGE);
#endif
			struct arena_chunk *ch = p;
			ch->size = size;
			ch->mapped = 1;
			return ch;
		}
	}
	struct arena_chunk *ch = xmalloc(want);
	ch->size = want;
	ch->mapped = 0;
	return ch;
}

static void *arena_alloc(struct deck_arena *a, size_t n, size_t align)
{
	size_t pad = a->p ? (size_t)(-(uintptr_t)a->p) & (align - 1) : 0;
	if (!a->p || pad + n > a->left) {
		if (n > a->next_size / 4) {
			/* a large block gets a chunk of its own, leaving the
			 * current one in use */
			struct arena_chunk *big = chunk_new(n);
			if (a->chunks) {
				big->next = a->chunks->next;
				a->chunks->next = big;
			} else {
				big->next = NULL;
				a->chunks = big;
			}
			return (unsigned char *)big + ARENA_HEAD;
		}
		struct arena_chunk *ch = chunk_new(a->next_size);
		ch->next = a->chunks;
		a->chunks = ch;
		a->p = (unsigned char *)ch + ARENA_HEAD;
		a->left = ch->size - ARENA_HEAD;
		if (a->next_size < ARENA_LAST)
			a->next_size *= 2;
		pad = 0;
	}
	void *r = a->p + pad;
	a->p += pad + n;
	a->left -= pad + n;
	return r;
}

static void arena_free(struct deck_arena *a)
{
	if (!a)
		return;
	for (struct arena_chunk *ch = a->chunks, *next; ch; ch = next) {
		next = ch->next;
		if (ch->mapped)
			munmap(ch, ch->size);
		else
			free(ch);
	}
	a->chunks = NULL;
	a->p = NULL;
	a->left = 0;
	a->next_size = ARENA_FIRST;
}

/* An array of n zeroed items of size bytes (NULL when n is 0). */
static void *zeroed(struct deck_arena *a, size_t n, size_t size)
{
	if (!n)
		return NULL;
	void *p = arena_alloc(a, n * size, _Alignof(max_align_t));
	memset(p, 0, n * size);
	return p;
}

static char *arena_strndup(struct deck_arena *a, const char *s, size_t n)
{
	char *r = arena_alloc(a, n + 1, 1);
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

static char *arena_strdup(struct deck_arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

/* Where a problem is: a note ("quotes[12] \"weeping\"", its id read from
 * the tree only when a message needs it) or an object ("text"). */
struct where {
	const char *section;
	size_t index;      /* (size_t)-1: an object, not a list item */
	const cJSON *note; /* the note's object, for its id; may be NULL */
};

struct ctx {
	const char *path;
	struct deck_problems *out;
	size_t n;      /* problems found */
	const char *text; /* raw text, for line/column */
	size_t len;
	struct deck_arena *mem; /* the deck's memory */
	struct strbuf scratch;  /* for building strings before they go to mem */
};

static char *shown(const char *s);

static void vproblem(struct ctx *c, const struct where *place, const char *fmt,
		     va_list ap)
{
	c->n++;
	if (c->n > MAX_PROBLEMS)
		return;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s: ", c->path);
	if (place && place->index == (size_t)-1) {
		strbuf_addf(&sb, "%s: ", place->section);
	} else if (place) {
		strbuf_addf(&sb, "%s[%zu]", place->section, place->index);
		const cJSON *id = cJSON_IsObject(place->note)
					  ? cJSON_GetObjectItemCaseSensitive(place->note, "id")
					  : NULL;
		if (cJSON_IsString(id)) {
			char *shown_id = shown(id->valuestring);
			strbuf_addf(&sb, " \"%s\"", shown_id);
			free(shown_id);
		}
		strbuf_adds(&sb, ": ");
	}
	strbuf_vaddf(&sb, fmt, ap);
	strlist_push_owned(&c->out->lines, strbuf_detach(&sb));
}

static void problem(struct ctx *c, const struct where *place, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void problem(struct ctx *c, const struct where *place, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vproblem(c, place, fmt, ap);
	va_end(ap);
}

static void finish_problems(struct ctx *c)
{
	if (c->n > MAX_PROBLEMS)
		strlist_push_owned(&c->out->lines,
				   xasprintf("%s: %zu more problems not shown",
					     c->path, c->n - MAX_PROBLEMS));
}

/* Line and column (both from 1; the column counts characters, as editors
 * do) of byte offset off in c->text. */
static void line_col(const struct ctx *c, size_t off, size_t *line, size_t *col)
{
	size_t l = 1, k = 1;
	for (size_t i = 0; i < off && i < c->len; i++) {
		unsigned char b = (unsigned char)c->text[i];
		if (b == '\n') {
			l++;
			k = 1;
		} else if ((b & 0xC0) != 0x80) {
			k++;
		}
	}
	*line = l;
	*col = k;
}

static void syntax(struct ctx *c, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void syntax(struct ctx *c, size_t off, const char *fmt, ...)
{
	size_t line, col;
	line_col(c, off, &line, &col);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s:%zu:%zu: ", c->path, line, col);
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	c->n++;
	if (c->n <= MAX_PROBLEMS)
		strlist_push_owned(&c->out->lines, strbuf_detach(&sb));
	else
		strbuf_release(&sb);
}

/* ---- step 1: raw bytes ---- */

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t len;
	uint32_t v, min;
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2, v = s[0] & 0x1Fu, min = 0x80;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3, v = s[0] & 0x0Fu, min = 0x800;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4, v = s[0] & 0x07u, min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3Fu);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

static int check_utf8(struct ctx *c)
{
	const unsigned char *s = (const unsigned char *)c->text;
	int bad = 0;
	for (size_t i = 0; i < c->len;) {
		uint32_t cp;
		size_t k = utf8_seq(s + i, c->len - i, &cp);
		if (k) {
			i += k;
			continue;
		}
		if (bad < 10)
			syntax(c, i,
			       "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
			       s[i]);
		else
			c->n++;
		bad++;
		i++;
	}
	return bad == 0;
}

/* A strict JSON (RFC 8259) syntax check that says what it expected.  Stops
 * at the first error, since what follows a syntax error means little. */
struct scan {
	struct ctx *c;
	const char *s;
	size_t n, i;
	int failed;
};

static void scan_fail(struct scan *sc, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void scan_fail(struct scan *sc, size_t at, const char *fmt, ...)
{
	if (sc->failed)
		return;
	sc->failed = 1;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	syntax(sc->c, at, "%s", msg);
}

static void scan_ws(struct scan *sc)
{
	while (sc->i < sc->n) {
		char ch = sc->s[sc->i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')
			sc->i++;
		else
			break;
	}
}

/* Describes what sits at the scan position, for "found ..." */
static void found(struct scan *sc, char *buf, size_t size)
{
	if (sc->i >= sc->n) {
		snprintf(buf, size, "the end of the file");
		return;
	}
	const char *p = sc->s + sc->i;
	size_t k = 0;
	while (sc->i + k < sc->n && k < 20 &&
	       ((p[k] >= 'a' && p[k] <= 'z') || (p[k] >= 'A' && p[k] <= 'Z') ||
		(p[k] >= '0' && p[k] <= '9') || p[k] == '_'))
		k++;
	if (k == 0 && (unsigned char)p[0] < 0x20) {
		snprintf(buf, size, "the control character U+%04X", (unsigned char)p[0]);
		return;
	}
	if (k == 0) {
		size_t len = 1;
		uint32_t cp;
		size_t m = utf8_seq((const unsigned char *)p, sc->n - sc->i, &cp);
		if (m)
			len = m;
		snprintf(buf, size, "'%.*s'", (int)len, p);
	} else {
		snprintf(buf, size, "'%.*s'", (int)k, p);
	}
}

static void scan_value(struct scan *sc, int depth);

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

static int scan_hex4(struct scan *sc, size_t at, unsigned *out)
{
	unsigned v = 0;
	for (int k = 0; k < 4; k++) {
		int h = sc->i + (size_t)k < sc->n ? hexval(sc->s[sc->i + (size_t)k]) : -1;
		if (h < 0) {
			scan_fail(sc, at, "\\u must be followed by four hex digits");
			return 0;
		}
		v = v * 16 + (unsigned)h;
	}
	sc->i += 4;
	*out = v;
	return 1;
}

static void scan_string(struct scan *sc)
{
	size_t start = sc->i;
	sc->i++; /* the opening quote */
	while (sc->i < sc->n) {
		unsigned char ch = (unsigned char)sc->s[sc->i];
		if (ch == '"') {
			sc->i++;
			return;
		}
		if (ch == '\n') {
			scan_fail(sc, sc->i,
				  "line break inside a string: close the string with '\"' "
				  "or write the line break as \\n");
			return;
		}
		if (ch < 0x20) {
			scan_fail(sc, sc->i,
				  "control character U+%04X inside a string: write it as an escape (\\t, \\u%04X)",
				  ch, ch);
			return;
		}
		if (ch != '\\') {
			sc->i++;
			continue;
		}
		size_t at = sc->i;
		sc->i++;
		if (sc->i >= sc->n)
			break;
		char e = sc->s[sc->i++];
		if (strchr("\"\\/bfnrt", e))
			continue;
		if (e != 'u') {
			scan_fail(sc, at,
				  "invalid escape '\\%c' (JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
				  e);
			return;
		}
		unsigned u;
		if (!scan_hex4(sc, at, &u))
			return;
		if (u == 0) {
			scan_fail(sc, at, "\\u0000 is not allowed in a deck");
			return;
		}
		if (u >= 0xDC00 && u <= 0xDFFF) {
			scan_fail(sc, at, "\\u%04X is half of a surrogate pair with no first half", u);
			return;
		}
		if (u >= 0xD800 && u <= 0xDBFF) {
			unsigned lo = 0;
			if (sc->i + 1 < sc->n && sc->s[sc->i] == '\\' && sc->s[sc->i + 1] == 'u') {
				sc->i += 2;
				if (!scan_hex4(sc, sc->i - 2, &lo))
					return;
			}
			if (lo < 0xDC00 || lo > 0xDFFF) {
				scan_fail(sc, at, "\\u%04X must be followed by the second half of its surrogate pair", u);
				return;
			}
		}
	}
	scan_fail(sc, start, "string never closed: missing '\"'");
}

static int is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static void scan_number(struct scan *sc)
{
	size_t start = sc->i;
	const char *s = sc->s;
	if (s[sc->i] == '-')
		sc->i++;
	if (sc->i < sc->n && s[sc->i] == '0') {
		sc->i++;
		if (sc->i < sc->n && is_digit(s[sc->i])) {
			scan_fail(sc, start, "numbers must not start with 0 (write 7, not 07)");
			return;
		}
	} else if (sc->i < sc->n && is_digit(s[sc->i])) {
		while (sc->i < sc->n && is_digit(s[sc->i]))
			sc->i++;
	} else {
		scan_fail(sc, start, "invalid number: expected a digit after '-'");
		return;
	}
	if (sc->i < sc->n && s[sc->i] == '.') {
		sc->i++;
		if (!(sc->i < sc->n && is_digit(s[sc->i]))) {
			scan_fail(sc, start, "invalid number: expected a digit after '.'");
			return;
		}
		while (sc->i < sc->n && is_digit(s[sc->i]))
			sc->i++;
	}
	if (sc->i < sc->n && (s[sc->i] == 'e' || s[sc->i] == 'E')) {
		sc->i++;
		if (sc->i < sc->n && (s[sc->i] == '+' || s[sc->i] == '-'))
			sc->i++;
		if (!(sc->i < sc->n && is_digit(s[sc->i]))) {
			scan_fail(sc, start, "invalid number: expected a digit in the exponent");
			return;
		}
		while (sc->i < sc->n && is_digit(s[sc->i]))
			sc->i++;
	}
}

static int scan_word(struct scan *sc, const char *w)
{
	size_t k = strlen(w);
	if (sc->n - sc->i >= k && memcmp(sc->s + sc->i, w, k) == 0) {
		size_t j = sc->i + k;
		char ch = j < sc->n ? sc->s[j] : ' ';
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || is_digit(ch) || ch == '_')) {
			sc->i = j;
			return 1;
		}
	}
	return 0;
}

static void scan_object(struct scan *sc, int depth)
{
	char what[64];
	sc->i++; /* { */
	scan_ws(sc);
	if (sc->i < sc->n && sc->s[sc->i] == '}') {
		sc->i++;
		return;
	}
	for (;;) {
		scan_ws(sc);
		if (sc->i >= sc->n || sc->s[sc->i] != '"') {
			found(sc, what, sizeof what);
			if (sc->i < sc->n && sc->s[sc->i] == '}')
				scan_fail(sc, sc->i, "trailing comma before '}': remove the last ','");
			else if (sc->i < sc->n && sc->s[sc->i] == '\'')
				scan_fail(sc, sc->i, "keys must be in double quotes, not single quotes");
			else
				scan_fail(sc, sc->i, "expected a key in double quotes, found %s", what);
			return;
		}
		size_t key_at = sc->i;
		scan_string(sc);
		if (sc->failed)
			return;
		size_t key_len = sc->i - key_at;
		scan_ws(sc);
		if (sc->i >= sc->n || sc->s[sc->i] != ':') {
			found(sc, what, sizeof what);
			scan_fail(sc, sc->i, "expected ':' after the key %.*s, found %s",
				  (int)(key_len < 40 ? key_len : 40), sc->s + key_at, what);
			return;
		}
		sc->i++;
		scan_value(sc, depth + 1);
		if (sc->failed)
			return;
		scan_ws(sc);
		if (sc->i < sc->n && sc->s[sc->i] == ',') {
			sc->i++;
			continue;
		}
		if (sc->i < sc->n && sc->s[sc->i] == '}') {
			sc->i++;
			return;
		}
		found(sc, what, sizeof what);
		scan_fail(sc, sc->i,
			  "expected ',' or '}' after the value of %.*s, found %s%s",
			  (int)(key_len < 40 ? key_len : 40), sc->s + key_at, what,
			  sc->i < sc->n && sc->s[sc->i] == '"' ? " (a missing ','?)" : "");
		return;
	}
}

static void scan_array(struct scan *sc, int depth)
{
	char what[64];
	sc->i++; /* [ */
	scan_ws(sc);
	if (sc->i < sc->n && sc->s[sc->i] == ']') {
		sc->i++;
		return;
	}
	for (;;) {
		scan_ws(sc);
		if (sc->i < sc->n && sc->s[sc->i] == ']') {
			scan_fail(sc, sc->i, "trailing comma before ']': remove the last ','");
			return;
		}
		scan_value(sc, depth + 1);
		if (sc->failed)
			return;
		scan_ws(sc);
		if (sc->i < sc->n && sc->s[sc->i] == ',') {
			sc->i++;
			continue;
		}
		if (sc->i < sc->n && sc->s[sc->i] == ']') {
			sc->i++;
			return;
		}
		found(sc, what, sizeof what);
		scan_fail(sc, sc->i, "expected ',' or ']' in a list, found %s%s", what,
			  sc->i < sc->n && strchr("\"{[", sc->s[sc->i]) ? " (a missing ','?)" : "");
		return;
	}
}

static void scan_value(struct scan *sc, int depth)
{
	char what[64];
	scan_ws(sc);
	if (depth > MAX_NESTING) {
		scan_fail(sc, sc->i, "lists and objects nested too deeply");
		return;
	}
	if (sc->i >= sc->n) {
		scan_fail(sc, sc->i, "unexpected end of the file: expected a value");
		return;
	}
	char ch = sc->s[sc->i];
	if (ch == '{')
		scan_object(sc, depth);
	else if (ch == '[')
		scan_array(sc, depth);
	else if (ch == '"')
		scan_string(sc);
	else if (ch == '-' || is_digit(ch))
		scan_number(sc);
	else if (scan_word(sc, "true") || scan_word(sc, "false") || scan_word(sc, "null"))
		return;
	else if (ch == '\'')
		scan_fail(sc, sc->i, "strings must be in double quotes, not single quotes");
	else if (ch == '/')
		scan_fail(sc, sc->i, "comments are not allowed in JSON");
	else {
		found(sc, what, sizeof what);
		scan_fail(sc, sc->i,
			  "expected a value (a \"string\", number, {object}, [list], true, false or null), found %s",
			  what);
	}
}

static int check_syntax(struct ctx *c, const char *s, size_t n)
{
	struct scan sc = { c, s, n, 0, 0 };
	scan_ws(&sc);
	if (sc.i >= n) {
		scan_fail(&sc, sc.i, "the file is empty: expected a deck {...}");
		return 0;
	}
	scan_value(&sc, 0);
	if (!sc.failed) {
		scan_ws(&sc);
		if (sc.i < n) {
			if (s[sc.i] == '/')
				scan_fail(&sc, sc.i, "comments are not allowed in JSON");
			else
				scan_fail(&sc, sc.i, "unexpected text after the end of the deck");
		}
	}
	return !sc.failed;
}

/* ---- small string helpers ---- */

static int is_word_byte(unsigned char b)
{
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
	       (b >= '0' && b <= '9') || b >= 0x80;
}

/* Whether s holds nothing but white space (Unicode's, as JSON Schema's \S
 * sees it). */
static int is_blank(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_seq(p + i, n - i, &cp);
		if (!k)
			return 0;
		i += k;
		int space = (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) ||
			    cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
			    (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
			    cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
		if (!space)
			return 0;
	}
	return 1;
}

/* The first control character other than tab and line feed, or 0. */
static int bad_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 && *p != '\t' && *p != '\n')
			return *p;
	return 0;
}

static int id_syntax_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > MAX_ID_LEN || s[0] == '-')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'))
			return 0;
	}
	return 1;
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

/* Levenshtein distance, for "did you mean". */
static size_t edit_distance(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	if (na > 64 || nb > 64)
		return (size_t)-1;
	size_t row[65];
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			row[j] = min3(row[j] + 1, row[j - 1] + 1, diag + cost);
			diag = up;
		}
	}
	return row[nb];
}

/* The closest of the n names to s when close enough to be a likely typo,
 * else NULL. */
static const char *closest(const char *s, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(s, names[i]);
		if (d < best_d) {
			best_d = d;
			best = names[i];
		}
	}
	size_t len = strlen(s);
	if (best && (best_d <= 2 || best_d * 3 <= len) && best_d < len)
		return best;
	/* "explanation" for "explain": a long shared start */
	best = NULL;
	size_t best_p = 0;
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(names[i]), p = 0;
		size_t shorter = k < len ? k : len;
		while (p < shorter && s[p] == names[i][p])
			p++;
		if (p >= 4 && p * 3 >= shorter * 2 && p > best_p) {
			best = names[i];
			best_p = p;
		}
	}
	return best;
}

/* A short, printable form of a user string for messages (caller frees). */
static char *shown(const char *s)
{
	size_t n = strlen(s);
	if (n <= 60)
		return xstrdup(s);
	size_t k = 57;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	char *r = xmalloc(k + 4);
	memcpy(r, s, k);
	memcpy(r + k, "...", 4);
	return r;
}

static const char *json_type_name(const cJSON *v)
{
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsBool(v))
		return "true/false";
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsArray(v))
		return "a list";
	if (cJSON_IsObject(v))
		return "an object";
	return "something else";
}

/* ---- a string -> index map for ids ---- */

struct idmap {
	const char **keys;
	size_t *vals;
	size_t cap, n;
};

static void idmap_init(struct idmap *m, size_t expect)
{
	size_t cap = 16;
	while (cap < expect * 2)
		cap *= 2;
	m->keys = xcalloc(cap, sizeof *m->keys);
	m->vals = xcalloc(cap, sizeof *m->vals);
	m->cap = cap;
	m->n = 0;
}

static void idmap_release(struct idmap *m)
{
	free(m->keys);
	free(m->vals);
	m->keys = NULL;
	m->vals = NULL;
}

static size_t idmap_slot(const struct idmap *m, const char *key)
{
	size_t i = (size_t)fnv1a(FNV1A_INIT, key, strlen(key)) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

/* Index of key, or (size_t)-1. */
static size_t idmap_get(const struct idmap *m, const char *key)
{
	size_t i = idmap_slot(m, key);
	return m->keys[i] ? m->vals[i] : (size_t)-1;
}

/* Adds key (borrowed) -> val unless present; returns the earlier value when
 * present, else (size_t)-1. */
static size_t idmap_add(struct idmap *m, const char *key, size_t val)
{
	size_t i = idmap_slot(m, key);
	if (m->keys[i])
		return m->vals[i];
	if ((m->n + 1) * 2 > m->cap) {
		struct idmap big;
		idmap_init(&big, m->cap);
		for (size_t j = 0; j < m->cap; j++)
			if (m->keys[j]) {
				size_t s = idmap_slot(&big, m->keys[j]);
				big.keys[s] = m->keys[j];
				big.vals[s] = m->vals[j];
				big.n++;
			}
		idmap_release(m);
		*m = big;
		i = idmap_slot(m, key);
	}
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
	return (size_t)-1;
}

/* ---- step 3: the tree against the format ---- */

/* A free card as written, before expansion. */
struct free_card {
	char *id;
	enum deck_card_type type;
	int type_ok;
	struct strlist tags;
	char *explain;
	char *prompt, *answer; /* basic: front/back; typed, choice: prompt */
	struct strlist accept, options, gaps;
	int correct;
	char *text; /* cloze */
};

struct loading {
	struct ctx *c;
	struct deck *d;
	struct free_card *free;
	/* where each note was, for messages about references */
	struct where *char_place, *theme_place, *quote_place, *card_place;
	/* ids already reported as malformed: references to them are not
	 * reported again */
	struct strlist bad_char_ids, bad_theme_ids;
};

/* The keys an object may hold. */
struct keys {
	const char *const *names;
	size_t n;
};
#define KEYS(a) ((struct keys){ a, sizeof a / sizeof a[0] })

static const char *const top_keys[] = {
	"$schema", "swot_deck", "id", "title", "version", "description", "text",
	"course", "authors", "licence", "characters", "themes", "quotes", "cards"
};
static const char *const text_keys[] = { "title", "author", "year" };
static const char *const course_keys[] = { "qualifications", "boards" };
static const char *const character_keys[] = { "id", "name", "aliases", "summary", "notes" };
static const char *const theme_keys[] = { "id", "name", "summary" };
static const char *const quote_keys[] = {
	"id", "text", "speaker", "chapter", "themes", "gaps", "analysis", "ao"
};
static const char *const card_common_keys[] = { "id", "type", "tags", "explain" };
static const char *const basic_keys[] = { "front", "back" };
static const char *const typed_keys[] = { "prompt", "answer", "accept" };
static const char *const cloze_keys[] = { "text" };
static const char *const choice_keys[] = { "prompt", "options", "answer" };
static const char *const all_card_keys[] = {
	"id", "type", "tags", "explain", "front", "back", "prompt", "answer",
	"accept", "text", "options"
};

static int in_names(const char *s, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return 1;
	return 0;
}

/*
 * Checks that v is an object whose keys are all in allowed, none twice.
 * For a free card, card_type names its type and other_keys are keys of the
 * other card types (so the message can say a key belongs to another type).
 */
static int check_keys(struct ctx *c, const struct where *place, const cJSON *v,
		      struct keys allowed, const char *card_type)
{
	int ok = 1;
	for (const cJSON *k = v->child; k; k = k->next) {
		for (const cJSON *e = v->child; e != k; e = e->next)
			if (strcmp(e->string, k->string) == 0) {
				char *ks = shown(k->string);
				problem(c, place, "key \"%s\" appears twice", ks);
				free(ks);
				ok = 0;
				break;
			}
		if (in_names(k->string, allowed.names, allowed.n))
			continue;
		ok = 0;
		char *ks = shown(k->string);
		const char *near = closest(k->string, allowed.names, allowed.n);
		if (card_type && in_names(k->string, all_card_keys,
					  sizeof all_card_keys / sizeof *all_card_keys)) {
			char *list = NULL;
			struct strlist l = STRLIST_INIT;
			for (size_t i = 4; i < allowed.n; i++)
				strlist_push(&l, allowed.names[i]);
			list = strlist_join(&l, ", ");
			strlist_release(&l);
			problem(c, place, "key \"%s\" is not used by a %s card (a %s card has %s)",
				ks, card_type, card_type, list);
			free(list);
		} else if (near) {
			problem(c, place, "unknown key \"%s\" (did you mean \"%s\"?)", ks, near);
		} else {
			char *list;
			struct strlist l = STRLIST_INIT;
			for (size_t i = 0; i < allowed.n; i++)
				strlist_push(&l, allowed.names[i]);
			list = strlist_join(&l, ", ");
			strlist_release(&l);
			problem(c, place, "unknown key \"%s\" (known keys: %s)", ks, list);
			free(list);
		}
		free(ks);
	}
	return ok;
}

static const cJSON *get(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* Text rules for a string value; what names it ("\"title\"", "aliases[2]").
 * Returns the string (borrowed from the tree) or NULL after a problem. */
static const char *want_text(struct ctx *c, const struct where *place, const char *what,
			     const cJSON *v)
{
	if (!cJSON_IsString(v)) {
		problem(c, place, "%s must be a string, not %s", what, json_type_name(v));
		return NULL;
	}
	const char *s = v->valuestring;
	int cc = bad_control(s);
	if (cc) {
		problem(c, place, "%s contains the control character U+%04X", what, cc);
		return NULL;
	}
	if (is_blank(s)) {
		problem(c, place, "%s is empty", what);
		return NULL;
	}
	return s;
}

static const char *want_id(struct ctx *c, const struct where *place, const char *what,
			   const cJSON *v)
{
	const char *s = want_text(c, place, what, v);
	if (!s)
		return NULL;
	if (!id_syntax_ok(s)) {
		char *ss = shown(s);
		problem(c, place,
			"%s \"%s\" is not a valid id: use lower-case letters, digits and '-', "
			"starting with a letter or digit, at most %d characters",
			what, ss, MAX_ID_LEN);
		free(ss);
		return NULL;
	}
	return s;
}

static int want_int(struct ctx *c, const struct where *place, const char *what,
		    const cJSON *v, int lo, int hi, int *out)
{
	if (cJSON_IsNumber(v)) {
		double x = v->valuedouble;
		if (isfinite(x) && floor(x) == x && x >= lo && x <= hi) {
			*out = (int)x;
			return 1;
		}
		if (isfinite(x) && floor(x) == x) {
			problem(c, place, "%s must be a whole number from %d to %d, not %.0f",
				what, lo, hi, x);
			return 0;
		}
		problem(c, place, "%s must be a whole number from %d to %d, not %g", what, lo, hi, x);
		return 0;
	}
	problem(c, place, "%s must be a whole number from %d to %d, not %s", what, lo, hi,
		json_type_name(v));
	return 0;
}

enum item_kind { ITEM_TEXT, ITEM_ID, ITEM_AO };

/* A list of strings under key; each item checked as kind, no item twice,
 * at least min_items.  Appends the good items to out. */
static int want_list(struct ctx *c, const struct where *place, const char *key,
		     const cJSON *v, enum item_kind kind, size_t min_items,
		     struct strlist *out)
{
	if (!cJSON_IsArray(v)) {
		problem(c, place, "\"%s\" must be a list [...], not %s", key, json_type_name(v));
		return 0;
	}
	int ok = 1;
	size_t i = 0, count = (size_t)cJSON_GetArraySize(v);
	out->items = count ? arena_alloc(c->mem, count * sizeof *out->items,
					 _Alignof(char *)) : NULL;
	out->n = 0;
	out->alloc = count;
	for (const cJSON *e = v->child; e; e = e->next, i++) {
		char what[128];
		snprintf(what, sizeof what, "%s[%zu]", key, i);
		const char *s = kind == ITEM_ID ? want_id(c, place, what, e)
						: want_text(c, place, what, e);
		if (!s) {
			ok = 0;
			continue;
		}
		if (kind == ITEM_AO && !(strlen(s) == 3 && s[0] == 'A' && s[1] == 'O' &&
					 s[2] >= '1' && s[2] <= '5')) {
			char *ss = shown(s);
			problem(c, place, "%s \"%s\" is not an assessment objective (AO1 to AO5)",
				what, ss);
			free(ss);
			ok = 0;
			continue;
		}
		int dup = 0;
		for (const cJSON *f = v->child; f != e; f = f->next)
			if (cJSON_IsString(f) && strcmp(f->valuestring, s) == 0)
				dup = 1;
		if (dup) {
			char *ss = shown(s);
			problem(c, place, "\"%s\" lists \"%s\" twice", key, ss);
			free(ss);
			ok = 0;
			continue;
		}
		out->items[out->n++] = arena_strdup(c->mem, s);
	}
	if (i < min_items) {
		problem(c, place, "\"%s\" must have at least %zu item%s", key, min_items,
			min_items == 1 ? "" : "s");
		ok = 0;
	}
	return ok;
}

/* Reads an optional text field into *out (a copy). */
static void opt_text(struct ctx *c, const struct where *place, const cJSON *obj,
		     const char *key, char **out)
{
	const cJSON *v = get(obj, key);
	if (!v)
		return;
	char what[64];
	snprintf(what, sizeof what, "\"%s\"", key);
	const char *s = want_text(c, place, what, v);
	if (s)
		*out = arena_strdup(c->mem, s);
}

static void req_text(struct ctx *c, const struct where *place, const cJSON *obj,
		     const char *key, char **out)
{
	if (!get(obj, key)) {
		problem(c, place, "missing required key \"%s\"", key);
		return;
	}
	opt_text(c, place, obj, key, out);
}

static void opt_list(struct ctx *c, const struct where *place, const cJSON *obj,
		     const char *key, enum item_kind kind, size_t min_items,
		     struct strlist *out)
{
	const cJSON *v = get(obj, key);
	if (v)
		want_list(c, place, key, v, kind, min_items, out);
}

/* "quotes[12] \"weeping\"" for the note at index i of section (caller
 * frees). */

/* Reads the id of a note and checks it is unique in its section. */
static char *note_id(struct ctx *c, const struct where *place, const cJSON *obj,
		     struct idmap *seen, const char *section, size_t index,
		     struct strlist *bad_ids)
{
	const cJSON *v = get(obj, "id");
	if (!v) {
		problem(c, place, "missing required key \"id\"");
		return NULL;
	}
	const char *s = want_id(c, place, "id", v);
	if (!s) {
		if (bad_ids && cJSON_IsString(v))
			strlist_push(bad_ids, v->valuestring);
		return NULL;
	}
	size_t prev = idmap_add(seen, s, index);
	if (prev != (size_t)-1) {
		problem(c, place, "id \"%s\" is already used by %s[%zu]", s, section, prev);
		return NULL;
	}
	return arena_strdup(c->mem, s);
}

/* Iterates the objects of an optional section; returns the count. */
static size_t section_size(struct ctx *c, const cJSON *root, const char *key)
{
	const cJSON *v = get(root, key);
	if (!v)
		return 0;
	if (!cJSON_IsArray(v)) {
		problem(c, NULL, "\"%s\" must be a list [...], not %s", key, json_type_name(v));
		return 0;
	}
	return (size_t)cJSON_GetArraySize(v);
}

static int element_is_object(struct ctx *c, const struct where *place, const cJSON *e)
{
	if (cJSON_IsObject(e))
		return 1;
	problem(c, place, "must be an object {...}, not %s", json_type_name(e));
	return 0;
}

static void read_characters(struct loading *L, const cJSON *root, struct idmap *ids)
{
	struct ctx *c = L->c;
	struct deck *d = L->d;
	size_t n = section_size(c, root, "characters");
	d->characters = zeroed(c->mem, n, sizeof *d->characters);
	L->char_place = xcalloc(n, sizeof *L->char_place);
	if (!n)
		return;
	size_t i = 0;
	for (const cJSON *e = get(root, "characters")->child; e; e = e->next, i++) {
		struct deck_character *ch = &d->characters[d->n_characters++];
		struct where *place = &L->char_place[i];
		*place = (struct where){ "characters", i, e };
		if (!element_is_object(c, place, e))
			continue;
		check_keys(c, place, e, KEYS(character_keys), NULL);
		ch->id = note_id(c, place, e, ids, "characters", i, &L->bad_char_ids);
		req_text(c, place, e, "name", &ch->name);
		req_text(c, place, e, "summary", &ch->summary);
		opt_text(c, place, e, "notes", &ch->notes);
		opt_list(c, place, e, "aliases", ITEM_TEXT, 0, &ch->aliases);
	}
}

static void read_themes(struct loading *L, const cJSON *root, struct idmap *ids)
{
	struct ctx *c = L->c;
	struct deck *d = L->d;
	size_t n = section_size(c, root, "themes");
	d->themes = zeroed(c->mem, n, sizeof *d->themes);
	L->theme_place = xcalloc(n, sizeof *L->theme_place);
	if (!n)
		return;
	size_t i = 0;
	for (const cJSON *e = get(root, "themes")->child; e; e = e->next, i++) {
		struct deck_theme *t = &d->themes[d->n_themes++];
		struct where *place = &L->theme_place[i];
		*place = (struct where){ "themes", i, e };
		if (!element_is_object(c, place, e))
			continue;
		check_keys(c, place, e, KEYS(theme_keys), NULL);
		t->id = note_id(c, place, e, ids, "themes", i, &L->bad_theme_ids);
		req_text(c, place, e, "name", &t->name);
		req_text(c, place, e, "summary", &t->summary);
	}
}

static int has_brace(const char *s)
{
	return strchr(s, '{') || strchr(s, '}');
}

static void read_quotes(struct loading *L, const cJSON *root, struct idmap *ids)
{
	struct ctx *c = L->c;
	struct deck *d = L->d;
	size_t n = section_size(c, root, "quotes");
	d->quotes = zeroed(c->mem, n, sizeof *d->quotes);
	L->quote_place = xcalloc(n, sizeof *L->quote_place);
	if (!n)
		return;
	size_t i = 0;
	for (const cJSON *e = get(root, "quotes")->child; e; e = e->next, i++) {
		struct deck_quote *q = &d->quotes[d->n_quotes++];
		struct where *place = &L->quote_place[i];
		*place = (struct where){ "quotes", i, e };
		if (!element_is_object(c, place, e))
			continue;
		check_keys(c, place, e, KEYS(quote_keys), NULL);
		q->id = note_id(c, place, e, ids, "quotes", i, NULL);
		req_text(c, place, e, "text", &q->text);
		if (q->text && has_brace(q->text)) {
			problem(c, place, "\"text\" must not contain '{' or '}' "
				"(the gaps are listed in \"gaps\")");
			q->text = NULL;
		}
		const cJSON *v = get(e, "speaker");
		if (v) {
			const char *s = want_id(c, place, "\"speaker\"", v);
			if (s)
				q->speaker = arena_strdup(c->mem, s);
		}
		v = get(e, "chapter");
		if (v)
			want_int(c, place, "\"chapter\"", v, 1, 9999, &q->chapter);
		opt_list(c, place, e, "themes", ITEM_ID, 0, &q->themes);
		if (!get(e, "gaps"))
			problem(c, place, "missing required key \"gaps\" (the words to blank out, e.g. [\"word\"])");
		else
			opt_list(c, place, e, "gaps", ITEM_TEXT, 1, &q->gaps);
		opt_text(c, place, e, "analysis", &q->analysis);
		opt_list(c, place, e, "ao", ITEM_AO, 0, &q->ao);
	}
}

/* Splits a cloze text into its gaps; reports what is wrong with it. */
static int cloze_gaps(struct ctx *c, const struct where *place, const char *text,
		      struct strlist *gaps)
{
	size_t most = 0;
	for (const char *b = strstr(text, "{{"); b; b = strstr(b + 2, "{{"))
		most++;
	gaps->items = most ? arena_alloc(c->mem, most * sizeof *gaps->items,
					 _Alignof(char *)) : NULL;
	gaps->n = 0;
	gaps->alloc = most;
	const char *p = text;
	int ok = 1, n = 0;
	while (*p) {
		if (p[0] == '{' && p[1] == '{') {
			const char *s = p + 2, *e = s;
			while (*e && *e != '{' && *e != '}')
				e++;
			if (e[0] != '}' || e[1] != '}') {
				problem(c, place, "\"text\" has a {{gap}} that is not closed with }}");
				return 0;
			}
			char *g = arena_strndup(c->mem, s, (size_t)(e - s));
			if (is_blank(g)) {
				problem(c, place, "\"text\" has an empty gap {{}}");
				ok = 0;
			} else {
				gaps->items[gaps->n++] = g;
				n++;
			}
			p = e + 2;
			continue;
		}
		if (*p == '{' || *p == '}') {
			problem(c, place, "\"text\" has a '%c' that is not part of a {{gap}} "
				"(braces are only for gaps)", *p);
			return 0;
		}
		p++;
	}
	if (ok && n == 0) {
		problem(c, place, "\"text\" has no {{gap}}: put the words to fill in "
			"between {{ and }}");
		ok = 0;
	}
	return ok;
}

static const char *const type_names[] = { "basic", "typed", "cloze", "choice" };

static void read_cards(struct loading *L, const cJSON *root, struct idmap *ids)
{
	struct ctx *c = L->c;
	struct deck *d = L->d;
	size_t n = section_size(c, root, "cards");
	L->free = xcalloc(n, sizeof *L->free);
	L->card_place = xcalloc(n, sizeof *L->card_place);
	if (!n)
		return;
	size_t i = 0;
	for (const cJSON *e = get(root, "cards")->child; e; e = e->next, i++) {
		struct free_card *f = &L->free[d->n_free++];
		struct where *place = &L->card_place[i];
		*place = (struct where){ "cards", i, e };
		if (!element_is_object(c, place, e))
			continue;
		const cJSON *tv = get(e, "type");
		const char *type = NULL;
		if (!tv) {
			problem(c, place, "missing required key \"type\" (basic, typed, cloze or choice)");
		} else if (cJSON_IsString(tv)) {
			for (size_t t = 0; t < 4; t++)
				if (strcmp(tv->valuestring, type_names[t]) == 0)
					type = type_names[t], f->type = (enum deck_card_type)t;
			if (!type) {
				char *ts = shown(tv->valuestring);
				const char *near = closest(tv->valuestring, type_names, 4);
				if (near)
					problem(c, place, "\"type\" \"%s\" is not a card type (did you mean \"%s\"?)",
						ts, near);
				else
					problem(c, place, "\"type\" \"%s\" is not a card type "
						"(basic, typed, cloze or choice)", ts);
				free(ts);
			}
		} else {
			problem(c, place, "\"type\" must be a string (basic, typed, cloze or choice), not %s",
				json_type_name(tv));
		}
		f->type_ok = type != NULL;
		const char *specific[11];
		size_t ns = 0;
		for (size_t k = 0; k < 4; k++)
			specific[ns++] = card_common_keys[k];
		if (type) {
			const char *const *extra = NULL;
			size_t nx = 0;
			switch (f->type) {
			case CARD_BASIC: extra = basic_keys, nx = 2; break;
			case CARD_TYPED: extra = typed_keys, nx = 3; break;
			case CARD_CLOZE: extra = cloze_keys, nx = 1; break;
			case CARD_CHOICE: extra = choice_keys, nx = 3; break;
			case CARD_WHO: break;
			}
			for (size_t k = 0; k < nx; k++)
				specific[ns++] = extra[k];
			check_keys(c, place, e, (struct keys){ specific, ns }, type);
		} else {
			check_keys(c, place, e, KEYS(all_card_keys), NULL);
		}
		f->id = note_id(c, place, e, ids, "cards", i, NULL);
		opt_list(c, place, e, "tags", ITEM_ID, 0, &f->tags);
		opt_text(c, place, e, "explain", &f->explain);
		if (!type)
			continue;
		switch (f->type) {
		case CARD_BASIC:
			req_text(c, place, e, "front", &f->prompt);
			req_text(c, place, e, "back", &f->answer);
			break;
		case CARD_TYPED:
			req_text(c, place, e, "prompt", &f->prompt);
			req_text(c, place, e, "answer", &f->answer);
			opt_list(c, place, e, "accept", ITEM_TEXT, 0, &f->accept);
			break;
		case CARD_CLOZE:
			req_text(c, place, e, "text", &f->text);
			if (f->text && !cloze_gaps(c, place, f->text, &f->gaps))
				f->text = NULL;
			break;
		case CARD_CHOICE: {
			req_text(c, place, e, "prompt", &f->prompt);
			const cJSON *ov = get(e, "options");
			if (!ov)
				problem(c, place, "missing required key \"options\"");
			else
				want_list(c, place, "options", ov, ITEM_TEXT, 2, &f->options);
			const cJSON *av = get(e, "answer");
			if (!av) {
				problem(c, place, "missing required key \"answer\" (the index of the right option, from 0)");
			} else if (want_int(c, place, "\"answer\"", av, 0, 1000000, &f->correct) &&
				   cJSON_IsArray(ov)) {
				int no = cJSON_GetArraySize(ov);
				if (f->correct >= no)
					problem(c, place,
						"\"answer\" %d is not an option: options are numbered from 0, "
						"so with %d option%s the answer is 0 to %d",
						f->correct, no, no == 1 ? "" : "s", no - 1);
			}
			break;
		}
		case CARD_WHO:
			break;
		}
	}
}

static void read_header(struct ctx *c, struct deck *d, const cJSON *root)
{
	static const struct where w_text = { "text", (size_t)-1, NULL };
	static const struct where w_course = { "course", (size_t)-1, NULL };
	const cJSON *v = get(root, "swot_deck");
	if (!v) {
		problem(c, NULL, "missing required key \"swot_deck\" (add \"swot_deck\": 1 for deck format 1)");
	} else if (!cJSON_IsNumber(v) || v->valuedouble != SWOT_DECK_FORMAT) {
		if (cJSON_IsNumber(v))
			problem(c, NULL, "\"swot_deck\" is %g, but this swot reads deck format %d",
				v->valuedouble, SWOT_DECK_FORMAT);
		else
			problem(c, NULL, "\"swot_deck\" must be the number %d, not %s",
				SWOT_DECK_FORMAT, json_type_name(v));
	}
	v = get(root, "id");
	if (!v) {
		problem(c, NULL, "missing required key \"id\"");
	} else {
		const char *s = want_id(c, NULL, "\"id\"", v);
		if (s)
			d->id = arena_strdup(c->mem, s);
	}
	req_text(c, NULL, root, "title", &d->title);
	opt_text(c, NULL, root, "version", &d->version);
	opt_text(c, NULL, root, "description", &d->description);
	opt_text(c, NULL, root, "licence", &d->licence);
	v = get(root, "$schema");
	if (v)
		want_text(c, NULL, "\"$schema\"", v);
	opt_list(c, NULL, root, "authors", ITEM_TEXT, 0, &d->authors);
	v = get(root, "text");
	if (v) {
		if (!cJSON_IsObject(v)) {
			problem(c, NULL, "\"text\" must be an object {\"title\": ..., \"author\": ..., \"year\": ...}, not %s",
				json_type_name(v));
		} else {
			check_keys(c, &w_text, v, KEYS(text_keys), NULL);
			opt_text(c, &w_text, v, "title", &d->text_title);
			opt_text(c, &w_text, v, "author", &d->text_author);
			const cJSON *y = get(v, "year");
			if (y)
				want_int(c, &w_text, "\"year\"", y, -9999, 9999, &d->text_year);
		}
	}
	v = get(root, "course");
	if (v) {
		if (!cJSON_IsObject(v)) {
			problem(c, NULL, "\"course\" must be an object {\"qualifications\": [...], \"boards\": [...]}, not %s",
				json_type_name(v));
		} else {
			check_keys(c, &w_course, v, KEYS(course_keys), NULL);
			opt_list(c, &w_course, v, "qualifications", ITEM_TEXT, 0, &d->qualifications);
			opt_list(c, &w_course, v, "boards", ITEM_TEXT, 0, &d->boards);
		}
	}
}

/* ---- step 4: references and the rules across fields ---- */

/* Whether word occurs in s as a whole word (not inside a longer word). */
static const char *find_word(const char *s, const char *word, const char *from)
{
	size_t n = strlen(word);
	if (!n)
		return NULL;
	for (const char *p = strstr(from, word); p; p = strstr(p + 1, word)) {
		int before = p == s || !is_word_byte((unsigned char)p[-1]) ||
			     !is_word_byte((unsigned char)word[0]);
		int after = !is_word_byte((unsigned char)p[n]) ||
			    !is_word_byte((unsigned char)word[n - 1]);
		if (before && after)
			return p;
	}
	return NULL;
}

struct placed_gap {
	size_t at, len;
	size_t idx; /* in the quote's list of gaps */
	const char *gap;
};

static int cmp_gap_len(const void *a, const void *b)
{
	const struct placed_gap *x = a, *y = b;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int cmp_gap_at(const void *a, const void *b)
{
	const struct placed_gap *x = a, *y = b;
	return x->at < y->at ? -1 : x->at > y->at;
}

static int overlaps(const struct placed_gap *g, size_t k, size_t at, size_t len)
{
	for (size_t i = 0; i < k; i++)
		if (at < g[i].at + g[i].len && g[i].at < at + len)
			return 1;
	return 0;
}

/*
 * Places the gaps of a quote in its text: the longest first, each at its
 * first whole-word occurrence not taken by another gap (else at any free
 * occurrence).  Fills g (n entries) in text order.  Returns the index of a
 * gap that cannot be placed, or -1.
 */
static long place_gaps(const char *text, const struct strlist *gaps,
		       struct placed_gap *g, int *nowhere)
{
	size_t n = gaps->n;
	for (size_t i = 0; i < n; i++) {
		g[i].gap = gaps->items[i];
		g[i].idx = i;
		g[i].len = strlen(gaps->items[i]);
		g[i].at = 0;
	}
	/* the longest first (ties in list order) */
	qsort(g, n, sizeof *g, cmp_gap_len);
	for (size_t i = 0; i < n; i++) {
		const char *p = NULL;
		for (int pass = 0; pass < 2 && !p; pass++) {
			const char *from = text;
			for (;;) {
				const char *q = pass == 0 ? find_word(text, g[i].gap, from)
							  : strstr(from, g[i].gap);
				if (!q)
					break;
				if (!overlaps(g, i, (size_t)(q - text), g[i].len)) {
					p = q;
					break;
				}
				from = q + 1;
			}
		}
		if (!p) {
			*nowhere = strstr(text, g[i].gap) == NULL;
			return (long)g[i].idx;
		}
		g[i].at = (size_t)(p - text);
	}
	qsort(g, n, sizeof *g, cmp_gap_at);
	return -1;
}

static int in_list(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i], s) == 0)
			return 1;
	return 0;
}

static void check_references(struct loading *L, struct idmap *char_ids,
			     struct idmap *theme_ids)
{
	struct ctx *c = L->c;
	struct deck *d = L->d;
	const char **char_names = xcalloc(d->n_characters, sizeof *char_names);
	const char **theme_names = xcalloc(d->n_themes, sizeof *theme_names);
	size_t nc = 0, nt = 0;
	for (size_t i = 0; i < d->n_characters; i++)
		if (d->characters[i].id)
			char_names[nc++] = d->characters[i].id;
	for (size_t i = 0; i < d->n_themes; i++)
		if (d->themes[i].id)
			theme_names[nt++] = d->themes[i].id;

	/* a who card must not give the answer away */
	for (size_t i = 0; i < d->n_characters; i++) {
		struct deck_character *ch = &d->characters[i];
		if (!ch->summary)
			continue;
		const char *named = ch->name && find_word(ch->summary, ch->name, ch->summary)
					    ? ch->name : NULL;
		for (size_t k = 0; !named && k < ch->aliases.n; k++)
			if (find_word(ch->summary, ch->aliases.items[k], ch->summary))
				named = ch->aliases.items[k];
		if (named) {
			char *ns = shown(named);
			problem(c, &L->char_place[i],
				"\"summary\" names the character (\"%s\"): the summary is the "
				"question of the \"who\" card, so it must not give the answer away",
				ns);
			free(ns);
		}
	}

	for (size_t i = 0; i < d->n_quotes; i++) {
		struct deck_quote *q = &d->quotes[i];
		const struct where *place = &L->quote_place[i];
		if (q->speaker && idmap_get(char_ids, q->speaker) == (size_t)-1 &&
		    !in_list(&L->bad_char_ids, q->speaker)) {
			const char *near = closest(q->speaker, char_names, nc);
			if (near)
				problem(c, place, "speaker \"%s\" is not a character id (did you mean \"%s\"?)",
					q->speaker, near);
			else if (nc == 0)
				problem(c, place, "speaker \"%s\" is not a character id (the deck has no characters)",
					q->speaker);
			else
				problem(c, place, "speaker \"%s\" is not a character id", q->speaker);
		}
		for (size_t k = 0; k < q->themes.n; k++) {
			const char *t = q->themes.items[k];
			if (idmap_get(theme_ids, t) != (size_t)-1 ||
			    in_list(&L->bad_theme_ids, t))
				continue;
			const char *near = closest(t, theme_names, nt);
			if (near)
				problem(c, place, "themes: \"%s\" is not a theme id (did you mean \"%s\"?)",
					t, near);
			else if (nt == 0)
				problem(c, place, "themes: \"%s\" is not a theme id (the deck has no themes)", t);
			else
				problem(c, place, "themes: \"%s\" is not a theme id", t);
		}
		if (q->text && q->gaps.n) {
			struct placed_gap *g = xcalloc(q->gaps.n, sizeof *g);
			int nowhere = 0;
			long bad = place_gaps(q->text, &q->gaps, g, &nowhere);
			if (bad >= 0) {
				char *gs = shown(q->gaps.items[bad]);
				if (nowhere)
					problem(c, place, "gap \"%s\" does not occur in the text "
						"(gaps must match the text exactly, with the same capitals and punctuation)",
						gs);
				else
					problem(c, place, "gap \"%s\" does not occur in the text apart from "
						"the other gaps (gaps must not overlap)", gs);
				free(gs);
			}
			free(g);
		}
	}
	free(char_names);
	free(theme_names);
}

/* ---- expansion ---- */

struct cards {
	struct deck *d;
	struct deck_arena *mem;
	struct strbuf *sb; /* scratch */
	const char *variants[7];
	uint64_t note_hash; /* of the note being expanded, given to its cards */
};

enum { V_WHO, V_DESCRIBE, V_QUOTES, V_CLOZE, V_SPEAKER, V_THEME, V_CARD };

/* A new card; its strings and lists are filled by the caller, in the
 * deck's memory, and may share items with the notes (nothing in a deck is
 * freed or changed on its own). */
static struct deck_card *add_card(struct cards *cs, char *note, int variant,
				  enum deck_note_kind kind, enum deck_card_type type)
{
	struct deck *d = cs->d;
	struct deck_card *k = &d->cards[d->n_cards++]; /* zeroed by expand */
	const char *v = cs->variants[variant];
	size_t nn = strlen(note), nv = strlen(v);
	k->id = arena_alloc(cs->mem, nn + 1 + nv + 1, 1);
	memcpy(k->id, note, nn);
	k->id[nn] = '/';
	memcpy(k->id + nn + 1, v, nv + 1);
	k->note_id = note;
	k->variant = (char *)k->id + nn + 1;
	k->kind = kind;
	k->type = type;
	k->note_hash = cs->note_hash;
	return k;
}

/* The scratch buffer's text, copied into the deck; resets the buffer. */
static char *take(struct cards *cs)
{
	char *r = arena_strndup(cs->mem, strbuf_str(cs->sb), cs->sb->len);
	strbuf_reset(cs->sb);
	return r;
}

/* A list of n items (set by the caller) in the deck's memory. */
static void list_of(struct cards *cs, struct strlist *l, size_t n)
{
	l->items = arena_alloc(cs->mem, n * sizeof *l->items, _Alignof(char *));
	l->n = l->alloc = n;
}

static void one(struct cards *cs, struct strlist *l, char *s)
{
	list_of(cs, l, 1);
	l->items[0] = s;
}

static uint64_t hash_str(uint64_t h, const char *s)
{
	if (s)
		h = fnv1a(h, s, strlen(s) + 1); /* the NUL ends the field */
	else
		h = fnv1a(h, "\x1d", 1); /* absent, unlike "" */
	return h;
}

static uint64_t hash_list(uint64_t h, const struct strlist *l)
{
	uint64_t n = l->n;
	h = fnv1a(h, &n, sizeof n);
	for (size_t i = 0; i < l->n; i++)
		h = hash_str(h, l->items[i]);
	return h;
}

/* The content hash: everything the student sees or that places the card
 * (tags, themes), and nothing else. */
static void card_hash(struct deck_card *k)
{
	uint64_t h = FNV1A_INIT;
	int64_t correct = k->correct;
	h = hash_str(h, deck_card_type_name(k->type));
	h = hash_str(h, k->prompt);
	h = hash_list(h, &k->answers);
	h = hash_list(h, &k->accept);
	h = hash_list(h, &k->options);
	h = fnv1a(h, &correct, sizeof correct);
	h = hash_str(h, k->explain);
	h = hash_list(h, &k->tags);
	h = hash_list(h, &k->themes);
	k->hash = h;
}

/*
 * The note hashes: a note's own fields as written, and nothing another
 * note lends its cards (a speaker's name, a theme's quotes): an edit to a
 * note changes its hash alone.  Never 0, which the store keeps for a note
 * stored before notes had a hash.
 */
static uint64_t note_hash_start(enum deck_note_kind kind, const char *id)
{
	uint64_t h = hash_str(FNV1A_INIT, deck_note_kind_name(kind));
	return hash_str(h, id);
}

static uint64_t note_hash_end(uint64_t h)
{
	return h ? h : 1;
}

static uint64_t hash_int(uint64_t h, int64_t v)
{
	return fnv1a(h, &v, sizeof v);
}

static uint64_t character_hash(const struct deck_character *ch)
{
	uint64_t h = note_hash_start(NOTE_CHARACTER, ch->id);
	h = hash_str(h, ch->name);
	h = hash_list(h, &ch->aliases);
	h = hash_str(h, ch->summary);
	h = hash_str(h, ch->notes);
	return note_hash_end(h);
}

static uint64_t theme_hash(const struct deck_theme *t)
{
	uint64_t h = note_hash_start(NOTE_THEME, t->id);
	h = hash_str(h, t->name);
	h = hash_str(h, t->summary);
	return note_hash_end(h);
}

static uint64_t quote_hash(const struct deck_quote *q)
{
	uint64_t h = note_hash_start(NOTE_QUOTE, q->id);
	h = hash_str(h, q->text);
	h = hash_str(h, q->speaker);
	h = hash_int(h, q->chapter);
	h = hash_list(h, &q->themes);
	h = hash_list(h, &q->gaps);
	h = hash_str(h, q->analysis);
	h = hash_list(h, &q->ao);
	return note_hash_end(h);
}

static uint64_t free_card_hash(const struct free_card *f)
{
	uint64_t h = note_hash_start(NOTE_CARD, f->id);
	h = hash_str(h, deck_card_type_name(f->type));
	h = hash_list(h, &f->tags);
	h = hash_str(h, f->explain);
	h = hash_str(h, f->prompt);
	h = hash_str(h, f->answer);
	h = hash_list(h, &f->accept);
	h = hash_list(h, &f->options);
	h = hash_int(h, f->correct);
	h = hash_str(h, f->text);
	h = hash_list(h, &f->gaps);
	return note_hash_end(h);
}

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* " (Madame, chapter 22)", " (chapter 22)", " (Madame)" or "". */
static void add_source(struct strbuf *sb, const struct deck_quote *q,
		       const char *speaker_name)
{
	if (speaker_name && q->chapter)
		strbuf_addf(sb, " (%s, chapter %d)", speaker_name, q->chapter);
	else if (speaker_name)
		strbuf_addf(sb, " (%s)", speaker_name);
	else if (q->chapter)
		strbuf_addf(sb, " (chapter %d)", q->chapter);
}

static void expand_character(struct cards *cs, const struct deck_character *ch)
{
	cs->note_hash = character_hash(ch);
	struct deck_card *k = add_card(cs, ch->id, V_WHO, NOTE_CHARACTER, CARD_WHO);
	strbuf_addf(cs->sb, "Which character is this? %s", ch->summary);
	k->prompt = take(cs);
	one(cs, &k->answers, ch->name);
	k->accept = ch->aliases;
	k->explain = ch->notes;
	card_hash(k);

	k = add_card(cs, ch->id, V_DESCRIBE, NOTE_CHARACTER, CARD_BASIC);
	strbuf_addf(cs->sb, "Who is %s? Say what you know about them.", ch->name);
	k->prompt = take(cs);
	if (ch->notes) {
		strbuf_addf(cs->sb, "%s\n\n%s", ch->summary, ch->notes);
		one(cs, &k->answers, take(cs));
	} else {
		one(cs, &k->answers, ch->summary);
	}
	card_hash(k);
}

static void expand_theme(struct cards *cs, const struct deck_theme *t,
			 const size_t *quotes, size_t nq, const char *const *speakers)
{
	const struct deck *d = cs->d;
	cs->note_hash = theme_hash(t);
	struct deck_card *k = add_card(cs, t->id, V_QUOTES, NOTE_THEME, CARD_BASIC);
	if (nq)
		strbuf_addf(cs->sb, "Theme: %s. What does the text say about it, "
			    "and which key quotes show it?", t->name);
	else
		strbuf_addf(cs->sb, "Theme: %s. What does the text say about it?", t->name);
	k->prompt = take(cs);
	strbuf_adds(cs->sb, t->summary);
	if (nq)
		strbuf_adds(cs->sb, "\n\nKey quotes:");
	for (size_t i = 0; i < nq; i++) {
		const struct deck_quote *q = &d->quotes[quotes[i]];
		strbuf_addf(cs->sb, "\n- \"%s\"", q->text);
		add_source(cs->sb, q, speakers[quotes[i]]);
	}
	one(cs, &k->answers, take(cs));
	one(cs, &k->themes, t->id);
	card_hash(k);
}

static void expand_quote(struct cards *cs, const struct deck_quote *q,
			 const char *speaker_name, const struct strlist *speaker_aliases,
			 const struct idmap *theme_ids)
{
	const struct deck *d = cs->d;
	struct strbuf *sb = cs->sb;
	cs->note_hash = quote_hash(q);

	/* cloze */
	struct placed_gap g_small[8];
	struct placed_gap *g = q->gaps.n <= 8 ? g_small : xcalloc(q->gaps.n, sizeof *g);
	int nowhere;
	place_gaps(q->text, &q->gaps, g, &nowhere);
	struct deck_card *k = add_card(cs, q->id, V_CLOZE, NOTE_QUOTE, CARD_CLOZE);
	list_of(cs, &k->answers, q->gaps.n);
	strbuf_addc(sb, '"');
	size_t at = 0;
	for (size_t i = 0; i < q->gaps.n; i++) {
		strbuf_add(sb, q->text + at, g[i].at - at);
		strbuf_addf(sb, "{{%s}}", g[i].gap);
		k->answers.items[i] = (char *)g[i].gap;
		at = g[i].at + g[i].len;
	}
	strbuf_adds(sb, q->text + at);
	strbuf_addc(sb, '"');
	add_source(sb, q, speaker_name);
	if (g != g_small)
		free(g);
	k->prompt = take(cs);
	k->explain = q->analysis;
	k->themes = q->themes;
	card_hash(k);

	/* speaker */
	if (q->speaker) {
		k = add_card(cs, q->id, V_SPEAKER, NOTE_QUOTE, CARD_WHO);
		strbuf_addf(sb, "Who says this? \"%s\"", q->text);
		add_source(sb, q, NULL);
		k->prompt = take(cs);
		one(cs, &k->answers, (char *)speaker_name);
		k->accept = *speaker_aliases;
		k->explain = q->analysis;
		k->themes = q->themes;
		card_hash(k);
	}

	/* theme: one of its themes among others from the deck */
	if (q->themes.n && d->n_themes > q->themes.n) {
		uint64_t seed = fnv1a(FNV1A_INIT, q->id, strlen(q->id));
		const char *right = q->themes.items[splitmix(&seed) % q->themes.n];
		size_t cand_small[64];
		size_t *cand = d->n_themes <= 64 ? cand_small : xcalloc(d->n_themes, sizeof *cand);
		size_t m = 0;
		for (size_t i = 0; i < d->n_themes; i++) {
			int mine = 0;
			for (size_t j = 0; j < q->themes.n && !mine; j++)
				mine = strcmp(d->themes[i].id, q->themes.items[j]) == 0;
			if (!mine)
				cand[m++] = i;
		}
		size_t nd = m < N_DISTRACTORS ? m : N_DISTRACTORS;
		for (size_t i = 0; i < nd; i++) {
			size_t j = i + (size_t)(splitmix(&seed) % (m - i));
			size_t t = cand[i];
			cand[i] = cand[j];
			cand[j] = t;
		}
		char *opts[N_DISTRACTORS + 1];
		opts[0] = d->themes[idmap_get(theme_ids, right)].name;
		for (size_t i = 0; i < nd; i++)
			opts[i + 1] = d->themes[cand[i]].name;
		size_t no = nd + 1, correct = 0;
		for (size_t i = no - 1; i > 0; i--) {
			size_t j = (size_t)(splitmix(&seed) % (i + 1));
			char *t = opts[i];
			opts[i] = opts[j];
			opts[j] = t;
			if (correct == i)
				correct = j;
			else if (correct == j)
				correct = i;
		}
		if (cand != cand_small)
			free(cand);
		k = add_card(cs, q->id, V_THEME, NOTE_QUOTE, CARD_CHOICE);
		strbuf_addf(sb, "Which theme does this quote show? \"%s\"", q->text);
		add_source(sb, q, speaker_name);
		k->prompt = take(cs);
		list_of(cs, &k->options, no);
		for (size_t i = 0; i < no; i++)
			k->options.items[i] = opts[i];
		k->correct = (int)correct;
		k->explain = q->analysis;
		k->themes = q->themes;
		card_hash(k);
	}
}

static void expand_free(struct cards *cs, const struct free_card *f)
{
	cs->note_hash = free_card_hash(f);
	struct deck_card *k = add_card(cs, f->id, V_CARD, NOTE_CARD, f->type);
	switch (f->type) {
	case CARD_BASIC:
	case CARD_TYPED:
		k->prompt = f->prompt;
		one(cs, &k->answers, f->answer);
		k->accept = f->accept;
		break;
	case CARD_CLOZE:
		k->prompt = f->text;
		k->answers = f->gaps;
		break;
	case CARD_CHOICE:
		k->prompt = f->prompt;
		k->options = f->options;
		k->correct = f->correct;
		break;
	case CARD_WHO:
		break;
	}
	k->explain = f->explain;
	k->tags = f->tags;
	card_hash(k);
}

static void expand(struct deck *d, struct ctx *c, const struct free_card *free_cards,
		   const struct idmap *char_ids, const struct idmap *theme_ids)
{
	static const char *const variant_names[] = {
		"who", "describe", "quotes", "cloze", "speaker", "theme", "card"
	};
	struct cards cs = { d, c->mem, &c->scratch, { NULL }, 0 };
	for (size_t v = 0; v < 7; v++)
		cs.variants[v] = arena_strdup(c->mem, variant_names[v]);
	size_t most = 2 * d->n_characters + d->n_themes + 3 * d->n_quotes + d->n_free;
	d->cards = arena_alloc(c->mem, (most ? most : 1) * sizeof *d->cards,
			       _Alignof(struct deck_card));
	memset(d->cards, 0, (most ? most : 1) * sizeof *d->cards);

	const char **speakers = xcalloc(d->n_quotes ? d->n_quotes : 1, sizeof *speakers);
	const struct strlist **aliases = xcalloc(d->n_quotes ? d->n_quotes : 1, sizeof *aliases);
	static const struct strlist none = STRLIST_INIT;
	for (size_t i = 0; i < d->n_quotes; i++) {
		aliases[i] = &none;
		if (d->quotes[i].speaker) {
			const struct deck_character *ch =
				&d->characters[idmap_get(char_ids, d->quotes[i].speaker)];
			speakers[i] = ch->name;
			aliases[i] = &ch->aliases;
		}
	}
	/* the quotes of each theme, in deck order */
	size_t *count = xcalloc(d->n_themes + 1, sizeof *count);
	size_t total = 0;
	for (size_t i = 0; i < d->n_quotes; i++)
		for (size_t k = 0; k < d->quotes[i].themes.n; k++) {
			count[idmap_get(theme_ids, d->quotes[i].themes.items[k]) + 1]++;
			total++;
		}
	for (size_t t = 0; t < d->n_themes; t++)
		count[t + 1] += count[t];
	size_t *by_theme = xcalloc(total ? total : 1, sizeof *by_theme);
	size_t *fill = xcalloc(d->n_themes ? d->n_themes : 1, sizeof *fill);
	for (size_t i = 0; i < d->n_quotes; i++)
		for (size_t k = 0; k < d->quotes[i].themes.n; k++) {
			size_t t = idmap_get(theme_ids, d->quotes[i].themes.items[k]);
			by_theme[count[t] + fill[t]++] = i;
		}

	for (size_t i = 0; i < d->n_characters; i++)
		expand_character(&cs, &d->characters[i]);
	for (size_t t = 0; t < d->n_themes; t++)
		expand_theme(&cs, &d->themes[t], by_theme + count[t], count[t + 1] - count[t],
			     speakers);
	for (size_t i = 0; i < d->n_quotes; i++)
		expand_quote(&cs, &d->quotes[i], speakers[i], aliases[i], theme_ids);
	for (size_t i = 0; i < d->n_free; i++)
		expand_free(&cs, &free_cards[i]);

	free(speakers);
	free(aliases);
	free(count);
	free(by_theme);
	free(fill);
}

/* ---- loading ---- */

/*
 * cJSON allocates each node and string with its own malloc; for a large
 * deck that costs more than the parse.  While a deck is parsed its
 * allocation hooks draw from an arena released in one go afterwards (the
 * hooks are process-wide; swot is single-threaded and nothing else parses
 * JSON meanwhile).
 */
static struct deck_arena *json_mem;

static void *json_alloc(size_t n)
{
	return arena_alloc(json_mem, n, _Alignof(max_align_t));
}

static void json_free(void *p)
{
	(void)p; /* released with the arena */
}

static cJSON *parse_json(const char *text, size_t len, struct deck_arena *mem,
			 const char **end)
{
	cJSON_Hooks hooks = { json_alloc, json_free };
	json_mem = mem;
	cJSON_InitHooks(&hooks);
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, end, 0);
	cJSON_InitHooks(NULL);
	json_mem = NULL;
	return root;
}

struct deck *deck_load_buffer(const char *path, const char *text, size_t len,
			      struct deck_problems *problems)
{
	struct deck_arena json_arena = { NULL, NULL, 0, ARENA_FIRST };
	struct ctx c = { path, problems, 0, text, len, NULL, STRBUF_INIT };
	struct deck *d = NULL;
	cJSON *root = NULL;
	struct loading L = { &c, NULL, NULL, NULL, NULL, NULL, NULL,
			     STRLIST_INIT, STRLIST_INIT };
	struct idmap char_ids, theme_ids, quote_ids, card_ids;
	int maps = 0;

	if (len > SWOT_DECK_MAX_BYTES) {
		problem(&c, NULL, "the file is %zu bytes: deck files are limited to %u MiB",
			len, SWOT_DECK_MAX_BYTES >> 20);
		goto out;
	}
	/* an editor's byte order mark is not part of the text */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
		c.text = text;
		c.len = len;
	}
	if (!check_utf8(&c) || !check_syntax(&c, text, len))
		goto out;
	const char *end = NULL;
	root = parse_json(text, len, &json_arena, &end);
	if (!root) {
		syntax(&c, end ? (size_t)(end - text) : 0, "invalid JSON");
		goto out;
	}
	if (!cJSON_IsObject(root)) {
		problem(&c, NULL, "a deck must be a JSON object {\"swot_deck\": 1, ...}, not %s",
			json_type_name(root));
		goto out;
	}

	d = xcalloc(1, sizeof *d);
	d->mem = xcalloc(1, sizeof *d->mem);
	d->mem->next_size = ARENA_FIRST;
	c.mem = d->mem;
	d->path = arena_strdup(c.mem, path);
	L.d = d;
	check_keys(&c, NULL, root, KEYS(top_keys), NULL);
	read_header(&c, d, root);
	idmap_init(&char_ids, 16);
	idmap_init(&theme_ids, 16);
	idmap_init(&quote_ids, 16);
	idmap_init(&card_ids, 16);
	maps = 1;
	read_characters(&L, root, &char_ids);
	read_themes(&L, root, &theme_ids);
	read_quotes(&L, root, &quote_ids);
	read_cards(&L, root, &card_ids);
	/* the maps borrowed keys from the tree: re-point them at the copies */
	idmap_release(&char_ids);
	idmap_release(&theme_ids);
	idmap_init(&char_ids, d->n_characters);
	idmap_init(&theme_ids, d->n_themes);
	for (size_t i = 0; i < d->n_characters; i++)
		if (d->characters[i].id)
			idmap_add(&char_ids, d->characters[i].id, i);
	for (size_t i = 0; i < d->n_themes; i++)
		if (d->themes[i].id)
			idmap_add(&theme_ids, d->themes[i].id, i);
	/* (the tree still names the notes in messages) */
	check_references(&L, &char_ids, &theme_ids);
	root = NULL;
	arena_free(&json_arena);
	if (c.n == 0)
		expand(d, &c, L.free, &char_ids, &theme_ids);

out:
	arena_free(&json_arena);
	if (maps) {
		idmap_release(&char_ids);
		idmap_release(&theme_ids);
		idmap_release(&quote_ids);
		idmap_release(&card_ids);
	}
	free(L.char_place);
	free(L.theme_place);
	free(L.quote_place);
	free(L.card_place);
	free(L.free);
	strlist_release(&L.bad_char_ids);
	strlist_release(&L.bad_theme_ids);
	strbuf_release(&c.scratch);
	finish_problems(&c);
	if (c.n) {
		deck_free(d);
		return NULL;
	}
	return d;
}

/* "PATH: cannot read it: no such file or directory" (strerror's text in
 * lower case, as swot's messages are). */
static void push_read_error(struct deck_problems *problems, const char *path, int e)
{
	char *msg = xasprintf("%s: cannot read it: %s", path, strerror(e));
	char *reason = msg + strlen(path) + strlen(": cannot read it: ");
	if (*reason >= 'A' && *reason <= 'Z' && reason[1] >= 'a' && reason[1] <= 'z')
		*reason = (char)(*reason - 'A' + 'a');
	strlist_push_owned(&problems->lines, msg);
}

struct deck *deck_load_file(const char *path, struct deck_problems *problems)
{
	struct deck_arena mem = { NULL, NULL, 0, ARENA_FIRST };
	struct deck *d = NULL;
	char *text = NULL;
	size_t len = 0;
	FILE *f = fopen(path, "rb");
	struct stat st;
	if (!f || fstat(fileno(f), &st) != 0) {
		push_read_error(problems, path, errno);
		goto out;
	}
	/* the size is a hint (the file may change): read up to one byte past
	 * the cap to see a file over it */
	size_t want = st.st_size > 0 && (uintmax_t)st.st_size <= SWOT_DECK_MAX_BYTES
			      ? (size_t)st.st_size : SWOT_DECK_MAX_BYTES;
	size_t cap = want + 1;
	text = arena_alloc(&mem, cap + 1, 1);
	for (;;) {
		size_t got = fread(text + len, 1, cap - len, f);
		len += got;
		if (len < cap || got == 0)
			break;
		if (len > SWOT_DECK_MAX_BYTES)
			break;
		/* larger than stat said: grow */
		size_t bigger = cap * 2 > SWOT_DECK_MAX_BYTES + 1 ? SWOT_DECK_MAX_BYTES + 1 : cap * 2;
		char *t = arena_alloc(&mem, bigger + 1, 1);
		memcpy(t, text, len);
		text = t;
		cap = bigger;
	}
	if (ferror(f)) {
		push_read_error(problems, path, errno);
		goto out;
	}
	if (len > SWOT_DECK_MAX_BYTES) {
		strlist_push_owned(&problems->lines,
				   xasprintf("%s: the file is over %u MiB: deck files are limited to %u MiB",
					     path, SWOT_DECK_MAX_BYTES >> 20,
					     SWOT_DECK_MAX_BYTES >> 20));
		goto out;
	}
	text[len] = '\0';
	d = deck_load_buffer(path, text, len, problems);
out:
	if (f)
		fclose(f);
	arena_free(&mem);
	return d;
}

void deck_free(struct deck *d)
{
	if (!d)
		return;
	arena_free(d->mem);
	free(d->mem);
	free(d);
}

const char *deck_note_kind_name(enum deck_note_kind k)
{
	switch (k) {
	case NOTE_CHARACTER: return "character";
	case NOTE_THEME: return "theme";
	case NOTE_QUOTE: return "quote";
	case NOTE_CARD: return "card";
	}
	return "card";
}

const char *deck_card_type_name(enum deck_card_type t)
{
	switch (t) {
	case CARD_BASIC: return "basic";
	case CARD_TYPED: return "typed";
	case CARD_CLOZE: return "cloze";
	case CARD_CHOICE: return "choice";
	case CARD_WHO: return "who";
	}
	return "basic";
}
