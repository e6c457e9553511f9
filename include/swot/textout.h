/*
 * textout.h: small helpers for what swot writes for people and programs:
 * display width of UTF-8 text, padded and clipped cells, bars of block
 * characters, and JSON and HTML escaping.
 */
#ifndef SWOT_TEXTOUT_H
#define SWOT_TEXTOUT_H

#include <stddef.h>
#include <stdint.h>

#include "swot/util.h"

/* Prose is wrapped at most this wide, however wide the terminal. */
#define TEXTOUT_MAX_COLUMNS 100

/* The terminal columns s takes (wide characters count 2, combining 0,
 * ANSI escape sequences such as colours 0). */
int textout_width(const char *s);

/*
 * The width to wrap prose written to fd at: the terminal's width when fd
 * is a terminal, otherwise $COLUMNS when it is a sane number (20 to 1000),
 * otherwise 80; never more than TEXTOUT_MAX_COLUMNS nor less than 20.
 */
int textout_columns(int fd);

/*
 * Appends s to sb word-wrapped to lines of at most width columns (as
 * textout_width counts them).  Lines break at spaces, and the spaces at a
 * break are dropped; a word wider than a line is broken between
 * characters.  Lines the wrapping starts begin with indent spaces (at most
 * half the width); each newline in s ends a line as given and starts a new
 * paragraph, whose leading spaces are kept.  Adds no final newline.
 */
void textout_wrap(struct strbuf *sb, const char *s, int width, int indent);

/* Appends s to sb, clipped with "…" (or "..." when ascii) to at most width
 * columns, then padded with spaces to exactly width (on the left when
 * right_align). */
void textout_cell(struct strbuf *sb, const char *s, int width, int right_align,
		  int ascii);

/* Appends a bar width columns wide, filled to frac (0..1) in eighths of a
 * column with block characters, the rest light shade; ascii uses '#' and
 * '.' instead. */
void textout_bar(struct strbuf *sb, double frac, int width, int ascii);

/* Appends s as a JSON string, quotes included (NULL gives null): always
 * valid UTF-8 JSON, each byte that does not begin a valid UTF-8 character
 * given as U+FFFD, control characters and DEL as \u escapes. */
void textout_json_str(struct strbuf *sb, const char *s);

/* Appends t (Unix seconds) as a JSON string of local ISO-8601 time with
 * its offset: "2027-05-14T09:00:00+01:00". */
void textout_json_time(struct strbuf *sb, int64_t t);

/* Appends v with four decimals, or null when it is not finite. */
void textout_json_num(struct strbuf *sb, double v);

/* Appends "key": to the JSON object being written, after a ',' unless it
 * is the object's first (sb ends with its '{'). */
void textout_json_key(struct strbuf *sb, const char *key);
/* The same, the key beginning a line of its own (a member holding a long
 * array, so that a file reads a line an item). */
void textout_json_line_key(struct strbuf *sb, const char *key);
/* A member: the key, then s as by textout_json_str or v as by
 * textout_json_num. */
void textout_json_key_str(struct strbuf *sb, const char *key, const char *s);
void textout_json_key_num(struct strbuf *sb, const char *key, double v);
/* A member whose value is the whole number v. */
void textout_json_key_int(struct strbuf *sb, const char *key, int64_t v);
/* A member whose value is written by fmt, as strbuf_addf writes it (a
 * number in a format of its own, null, a nested object's opening). */
void textout_json_keyf(struct strbuf *sb, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Appends s with & < > " ' escaped for HTML text and attributes. */
void textout_html(struct strbuf *sb, const char *s);

/* Appends a cloze card's text with each {{gap}} blanked and numbered,
 * "[___1___]", as a session asks it; or, when fill, with each gap's words
 * between on and off (colour codes, or ""), as it shows the answer. */
void textout_cloze(struct strbuf *sb, const char *text, int fill, const char *on,
		   const char *off);

/* A percentage 0..100 rounded to a whole number, for display. */
int textout_pct(double frac);

#endif
