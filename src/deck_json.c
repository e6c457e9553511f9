/*
 * deck_json.c: step 1 of loading a deck, the raw bytes: UTF-8, then a
 * strict JSON syntax scan that gives "FILE:LINE:COLUMN: message".  cJSON
 * (which builds the tree afterwards) is more lenient than JSON and says
 * nothing about what it expected; this scan runs first so that a student
 * editing a deck by hand is told where and what.
 */
#include "deck_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAX_NESTING 200

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

void deck_syntax(struct ctx *c, size_t off, const char *fmt, ...)
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

size_t deck_utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
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
		size_t k = deck_utf8_seq(s + i, c->len - i, &cp);
		if (k) {
			i += k;
			continue;
		}
		if (bad < 10)
			deck_syntax(c, i,
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
	deck_syntax(sc->c, at, "%s", msg);
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
		size_t m = deck_utf8_seq((const unsigned char *)p, sc->n - sc->i, &cp);
		if (m)
			len = m;
		snprintf(buf, size, "'%.*s'", (int)len, p);
	} else {
		snprintf(buf, size, "'%.*s'", (int)k, p);
	}
}

static void scan_value(struct scan *sc, int depth);

static int scan_hex4(struct scan *sc, size_t at, unsigned *out)
{
	unsigned v = 0;
	for (int k = 0; k < 4; k++) {
		int h = sc->i + (size_t)k < sc->n ? hex_digit_value(sc->s[sc->i + (size_t)k]) : -1;
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

/* Passes the digits at the scan position; there must be one at least,
 * else the number that began at start is "expected a digit <where>". */
static int scan_digits(struct scan *sc, size_t start, const char *where)
{
	if (!(sc->i < sc->n && is_digit(sc->s[sc->i]))) {
		scan_fail(sc, start, "invalid number: expected a digit %s", where);
		return 0;
	}
	while (sc->i < sc->n && is_digit(sc->s[sc->i]))
		sc->i++;
	return 1;
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
	} else if (!scan_digits(sc, start, "after '-'")) {
		return;
	}
	if (sc->i < sc->n && s[sc->i] == '.') {
		sc->i++;
		if (!scan_digits(sc, start, "after '.'"))
			return;
	}
	if (sc->i < sc->n && (s[sc->i] == 'e' || s[sc->i] == 'E')) {
		sc->i++;
		if (sc->i < sc->n && (s[sc->i] == '+' || s[sc->i] == '-'))
			sc->i++;
		scan_digits(sc, start, "in the exponent");
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

/* Whether the scan stands on a curly double quotation mark (U+201C or
 * U+201D), which word processors put where JSON wants '"'. */
static int at_curly_quote(const struct scan *sc)
{
	const unsigned char *p = (const unsigned char *)sc->s + sc->i;
	return sc->i + 3 <= sc->n && p[0] == 0xE2 && p[1] == 0x80 &&
	       (p[2] == 0x9C || p[2] == 0x9D);
}

/* After a string that ended at value_end: more text follows on the same
 * line, so the string ended at a '"' meant to be part of it. */
static int text_after_string(const struct scan *sc, size_t value_at, size_t value_end)
{
	if (value_at >= sc->n || sc->s[value_at] != '"' || sc->i >= sc->n)
		return 0;
	for (size_t k = value_end; k < sc->i; k++)
		if (sc->s[k] == '\n')
			return 0;
	unsigned char ch = (unsigned char)sc->s[sc->i];
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || is_digit((char)ch) ||
	       ch >= 0x80 || ch == '\'' || ch == '"' || ch == '!' || ch == '?' || ch == '.';
}

#define QUOTE_HINT ": a '\"' inside the text ends the string there: write \\\" for " \
		   "a quotation mark inside text"
#define CURLY_HINT "curly quotes: JSON needs straight double quotes (\"title\", not " \
		   "\u201ctitle\u201d); a word processor may have changed them, so edit " \
		   "the deck in a plain-text editor"

/*
 * Scans a value of an object (close '}'; key_len bytes at key its key) or
 * a list (close ']'; key NULL) and what follows it.  Whether a ',' did,
 * so that another member follows; after close, or a failure, 0.
 */
static int scan_item(struct scan *sc, int depth, char close, const char *key,
		     size_t key_len)
{
	size_t value_at = sc->i;
	scan_value(sc, depth + 1);
	if (sc->failed)
		return 0;
	size_t value_end = sc->i;
	scan_ws(sc);
	if (sc->i < sc->n && sc->s[sc->i] == ',') {
		sc->i++;
		return 1;
	}
	if (sc->i < sc->n && sc->s[sc->i] == close) {
		sc->i++;
		return 0;
	}
	char what[64];
	found(sc, what, sizeof what);
	/* what may start the next member, where only a ',' was forgotten */
	const char *starts = close == '}' ? "\"" : "\"{[";
	const char *hint = text_after_string(sc, value_at, value_end) ? QUOTE_HINT
			   : sc->i < sc->n && strchr(starts, sc->s[sc->i]) ? " (a missing ','?)"
									    : "";
	if (key)
		scan_fail(sc, sc->i, "expected ',' or '}' after the value of %.*s, found %s%s",
			  (int)(key_len < 40 ? key_len : 40), key, what, hint);
	else
		scan_fail(sc, sc->i, "expected ',' or ']' in a list, found %s%s", what, hint);
	return 0;
}

/* Passes the opening bracket; whether close follows it at once (an empty
 * object or list, passed too). */
static int scan_open(struct scan *sc, char close)
{
	sc->i++;
	scan_ws(sc);
	if (sc->i < sc->n && sc->s[sc->i] == close) {
		sc->i++;
		return 1;
	}
	return 0;
}

static void scan_object(struct scan *sc, int depth)
{
	char what[64];
	if (scan_open(sc, '}'))
		return;
	for (;;) {
		scan_ws(sc);
		if (sc->i >= sc->n || sc->s[sc->i] != '"') {
			found(sc, what, sizeof what);
			if (sc->i < sc->n && sc->s[sc->i] == '}')
				scan_fail(sc, sc->i, "trailing comma before '}': remove the last ','");
			else if (sc->i < sc->n && sc->s[sc->i] == '\'')
				scan_fail(sc, sc->i, "keys must be in double quotes, not single quotes");
			else if (at_curly_quote(sc))
				scan_fail(sc, sc->i, "a key in " CURLY_HINT);
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
		scan_ws(sc);
		if (!scan_item(sc, depth, '}', sc->s + key_at, key_len))
			return;
	}
}

static void scan_array(struct scan *sc, int depth)
{
	if (scan_open(sc, ']'))
		return;
	do {
		scan_ws(sc);
		if (sc->i < sc->n && sc->s[sc->i] == ']') {
			scan_fail(sc, sc->i, "trailing comma before ']': remove the last ','");
			return;
		}
	} while (scan_item(sc, depth, ']', NULL, 0));
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
	else if (at_curly_quote(sc))
		scan_fail(sc, sc->i, "a string in " CURLY_HINT);
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

int deck_json_check(struct ctx *c)
{
	return check_utf8(c) && check_syntax(c, c->text, c->len);
}
