/*
 * textout.c: display width, cells, bars and escaping (see textout.h).
 */
#include "swot/textout.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

/* The bytes of the character or ANSI escape sequence at s (at least one)
 * and, in *w, the columns it takes. */
static size_t step(const char *s, int *w)
{
	const unsigned char *p = (const unsigned char *)s;
	if (*p == 0x1b) { /* ESC [ parameters final, or ESC and one byte */
		*w = 0;
		if (p[1] != '[')
			return p[1] ? 2 : 1;
		size_t n = 2;
		while (p[n] && (p[n] < 0x40 || p[n] > 0x7e))
			n++;
		return p[n] ? n + 1 : n;
	}
	if (*p < 0x80) { /* ASCII, as utf8proc_charwidth has it, without the lookup */
		*w = *p >= 0x20 && *p < 0x7f;
		return 1;
	}
	utf8proc_int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
	if (n <= 0) { /* a stray byte: one column, as terminals show it */
		*w = 1;
		return 1;
	}
	int cw = utf8proc_charwidth(cp);
	*w = cw > 0 ? cw : 0;
	return (size_t)n;
}

int textout_width(const char *s)
{
	int w = 0;
	while (*s) {
		int cw;
		s += step(s, &cw);
		w += cw;
	}
	return w;
}

int textout_columns(int fd)
{
	int cols = 80;
	struct winsize ws;
	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
		cols = ws.ws_col;
	} else {
		const char *env = getenv("COLUMNS");
		char *end = NULL;
		long v = env && *env ? strtol(env, &end, 10) : 0;
		if (end && !*end && v >= 20 && v <= 1000)
			cols = (int)v;
	}
	if (cols > TEXTOUT_MAX_COLUMNS)
		cols = TEXTOUT_MAX_COLUMNS;
	return cols < 20 ? 20 : cols;
}

static void add_spaces(struct strbuf *sb, int n)
{
	static const char spaces[] = "                                ";
	for (; n > 0; n -= (int)sizeof spaces - 1)
		strbuf_add(sb, spaces, n < (int)sizeof spaces - 1 ? (size_t)n : sizeof spaces - 1);
}

void textout_wrap(struct strbuf *sb, const char *s, int width, int indent)
{
	if (width < 1)
		width = 1;
	if (indent > width / 2)
		indent = width / 2;
	if (indent < 0)
		indent = 0;
	int col = 0, words = 0; /* columns used on this line; a word is on it */
	const char *p = s;
	while (*p) {
		if (*p == '\n') {
			strbuf_addc(sb, '\n');
			col = words = 0;
			p++;
			continue;
		}
		/* the spaces before the next word, then the word */
		const char *sp = p;
		while (*p == ' ' || *p == '\t')
			p++;
		int n_sp = (int)(p - sp);
		const char *word = p;
		int ww = 0;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n') {
			int cw;
			p += step(p, &cw);
			ww += cw;
		}
		if (p == word) { /* spaces ending a line: kept while they fit */
			if (col + n_sp <= width) {
				add_spaces(sb, n_sp);
				col += n_sp;
			}
			continue;
		}
		if (words && col + n_sp + ww > width) {
			strbuf_addc(sb, '\n');
			add_spaces(sb, indent);
			col = indent;
			n_sp = 0;
		}
		if (col + n_sp + ww <= width) {
			add_spaces(sb, n_sp);
			strbuf_add(sb, word, (size_t)(p - word));
			col += n_sp + ww;
		} else {
			/* wider than a line: broken between characters */
			if (col + n_sp < width) {
				add_spaces(sb, n_sp);
				col += n_sp;
			}
			const char *line = word; /* where this line's part began */
			for (const char *q = word; q < p;) {
				int cw;
				size_t n = step(q, &cw);
				if (col + cw > width && q != line) {
					strbuf_addc(sb, '\n');
					add_spaces(sb, indent);
					col = indent;
					line = q;
				}
				strbuf_add(sb, q, n);
				col += cw;
				q += n;
			}
		}
		words = 1;
	}
}

void textout_cell(struct strbuf *sb, const char *s, int width, int right_align,
		  int ascii)
{
	const char *ell = ascii ? "..." : "\u2026";
	int ell_w = ascii ? 3 : 1;
	int w = textout_width(s);
	struct strbuf cell = STRBUF_INIT;
	if (w > width) {
		/* Copy whole characters while they fit before the ellipsis. */
		const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
		int used = 0;
		while (*p) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
			int cw = n > 0 ? utf8proc_charwidth(cp) : 1;
			if (n <= 0)
				n = 1;
			if (cw < 0)
				cw = 0;
			if (used + cw > width - ell_w)
				break;
			strbuf_add(&cell, (const char *)p, (size_t)n);
			used += cw;
			p += n;
		}
		while (cell.len && cell.buf[cell.len - 1] == ' ')
			cell.buf[--cell.len] = '\0';
		strbuf_adds(&cell, ell);
		s = strbuf_str(&cell);
		w = textout_width(s);
	}
	if (right_align)
		add_spaces(sb, width - w);
	strbuf_adds(sb, s);
	if (!right_align)
		add_spaces(sb, width - w);
	strbuf_release(&cell);
}

void textout_bar(struct strbuf *sb, double frac, int width, int ascii)
{
	static const char *const eighths[] = {"", "\u258f", "\u258e", "\u258d",
					      "\u258c", "\u258b", "\u258a", "\u2589"};
	if (!(frac > 0))
		frac = 0;
	if (frac > 1)
		frac = 1;
	int units = (int)lround(frac * width * 8);
	int full = units / 8, part = units % 8, used = full;
	for (int i = 0; i < full; i++)
		strbuf_adds(sb, ascii ? "#" : "\u2588");
	if (part && used < width) {
		strbuf_adds(sb, ascii ? (part >= 4 ? "#" : ".") : eighths[part]);
		used++;
	}
	for (; used < width; used++)
		strbuf_adds(sb, ascii ? "." : "\u2591");
}

void textout_json_str(struct strbuf *sb, const char *s)
{
	if (!s) {
		strbuf_adds(sb, "null");
		return;
	}
	strbuf_addc(sb, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = 1;
		const unsigned char *run = p; /* printable ASCII goes as it is, at once */
		while (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
			p++;
		if (p > run) {
			strbuf_add(sb, (const char *)run, (size_t)(p - run));
			continue;
		}
		switch (*p) {
		case '"': strbuf_adds(sb, "\\\""); break;
		case '\\': strbuf_adds(sb, "\\\\"); break;
		case '\n': strbuf_adds(sb, "\\n"); break;
		case '\r': strbuf_adds(sb, "\\r"); break;
		case '\t': strbuf_adds(sb, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				strbuf_addf(sb, "\\u%04x", *p);
			} else if (*p < 0x80) {
				strbuf_addc(sb, (char)*p);
			} else if ((n = utf8proc_iterate(p, -1, &cp)) > 0) {
				strbuf_add(sb, (const char *)p, (size_t)n);
			} else {
				/* JSON is UTF-8: a byte that does not begin a
				 * character (a file name from a system that is
				 * not UTF-8) becomes U+FFFD, written as the
				 * character itself so that what is read back
				 * writes the same bytes */
				strbuf_adds(sb, "\xef\xbf\xbd");
				n = 1;
			}
		}
		p += n;
	}
	strbuf_addc(sb, '"');
}

void textout_html(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': strbuf_adds(sb, "&amp;"); break;
		case '<': strbuf_adds(sb, "&lt;"); break;
		case '>': strbuf_adds(sb, "&gt;"); break;
		case '"': strbuf_adds(sb, "&quot;"); break;
		case '\'': strbuf_adds(sb, "&#39;"); break;
		default: strbuf_addc(sb, *s);
		}
	}
}

int textout_pct(double frac)
{
	if (!(frac > 0))
		return 0;
	int p = (int)lround(frac * 100.0);
	return p == 100 && frac < 1 ? 99 : p; /* 100% means all */
}

void textout_json_time(struct strbuf *sb, int64_t t)
{
	char buf[40];
	local_strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S%z", t);
	/* +0100 -> +01:00, as ISO 8601 and clock_parse write it */
	size_t len = strlen(buf);
	strbuf_addc(sb, '"');
	strbuf_add(sb, buf, len - 2);
	strbuf_addc(sb, ':');
	strbuf_add(sb, buf + len - 2, 2);
	strbuf_addc(sb, '"');
}

void textout_cloze(struct strbuf *sb, const char *text, int fill, const char *on,
		   const char *off)
{
	size_t gap = 0;
	for (const char *p = text; *p;) {
		const char *open = strstr(p, "{{");
		const char *close = open ? strstr(open + 2, "}}") : NULL;
		if (!open || !close) {
			strbuf_adds(sb, p);
			break;
		}
		strbuf_add(sb, p, (size_t)(open - p));
		gap++;
		if (fill) {
			strbuf_adds(sb, on);
			strbuf_add(sb, open + 2, (size_t)(close - open - 2));
			strbuf_adds(sb, off);
		} else {
			strbuf_addf(sb, "[___%zu___]", gap);
		}
		p = close + 2;
	}
}

void textout_json_num(struct strbuf *sb, double v)
{
	if (!isfinite(v))
		strbuf_adds(sb, "null");
	else
		strbuf_addf(sb, "%.4f", v);
}

/* "key": after a ',' unless it is the object's first, then brk (a line
 * break or nothing) */
static void json_key(struct strbuf *sb, const char *key, const char *brk)
{
	if (sb->len && sb->buf[sb->len - 1] != '{')
		strbuf_addc(sb, ',');
	strbuf_adds(sb, brk);
	textout_json_str(sb, key);
	strbuf_addc(sb, ':');
}

void textout_json_key(struct strbuf *sb, const char *key)
{
	json_key(sb, key, "");
}

void textout_json_line_key(struct strbuf *sb, const char *key)
{
	json_key(sb, key, "\n");
}

void textout_json_key_str(struct strbuf *sb, const char *key, const char *s)
{
	textout_json_key(sb, key);
	textout_json_str(sb, s);
}

void textout_json_key_num(struct strbuf *sb, const char *key, double v)
{
	textout_json_key(sb, key);
	textout_json_num(sb, v);
}

void textout_json_key_int(struct strbuf *sb, const char *key, int64_t v)
{
	textout_json_key(sb, key);
	strbuf_add_int(sb, v);
}

void textout_json_keyf(struct strbuf *sb, const char *key, const char *fmt, ...)
{
	va_list ap;
	textout_json_key(sb, key);
	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}
