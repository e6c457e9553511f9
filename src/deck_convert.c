/*
 * deck_convert.c: telling the formats apart and handing each file to its
 * converter (see convert.h), plus what the converters share: ids made from
 * text and Anki's HTML as plain text.
 */
#include "deck_convert_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#define CONVERT_MAX_BYTES (16u << 20) /* as SWOT_DECK_MAX_BYTES */

const char *deck_format_name(enum deck_format f)
{
	switch (f) {
	case DECK_FORMAT_JSON: return "JSON";
	case DECK_FORMAT_CSV: return "CSV";
	case DECK_FORMAT_TSV: return "TSV";
	case DECK_FORMAT_QUIZLET: return "Quizlet text";
	case DECK_FORMAT_ANKI: return "Anki package";
	}
	return "JSON";
}

/* ---- ids from text ---- */

void convert_slug(const char *text, size_t max, struct strbuf *out)
{
	utf8proc_uint8_t *plain = NULL;
	const char *s = text;
	if (utf8proc_map((const utf8proc_uint8_t *)text, 0, &plain,
			 UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
				 UTF8PROC_CASEFOLD) >= 0)
		s = (const char *)plain;
	size_t start = out->len, last_word_end = start;
	int dash = 0;
	for (const char *p = s; *p; p++) {
		char c = *p;
		int keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a'), keep = 1;
		if (c == '\'' || (unsigned char)c >= 0x80)
			continue; /* "Scrooge's" is "scrooges"; other scripts drop */
		if (!keep) {
			dash = out->len > start;
			continue;
		}
		if (dash) {
			last_word_end = out->len;
			if (out->len - start + 2 > max)
				break;
			strbuf_addc(out, '-');
			dash = 0;
		}
		if (out->len - start + 1 > max) {
			/* cut back to the last whole word, if there is one */
			if (last_word_end > start) {
				out->len = last_word_end;
				out->buf[out->len] = '\0';
			}
			break;
		}
		strbuf_addc(out, c);
	}
	free(plain);
}

/* ---- Anki's HTML ---- */

static int tag_is(const char *tag, size_t n, const char *name)
{
	size_t k = strlen(name);
	return n >= k && strncasecmp(tag, name, k) == 0 &&
	       (n == k || tag[k] == ' ' || tag[k] == '/' || tag[k] == '>' || tag[k] == '\t' ||
		tag[k] == '\n');
}

/* Appends the character an entity at s stands for; returns its length,
 * or 0 when s holds none swot knows. */
static size_t entity(const char *s, struct strbuf *out)
{
	static const struct {
		const char *name, *text;
	} named[] = {
		{ "&nbsp;", " " }, { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&apos;", "'" }, { "&#39;", "'" },
		{ "&rsquo;", "\xE2\x80\x99" }, { "&lsquo;", "\xE2\x80\x98" },
		{ "&rdquo;", "\xE2\x80\x9D" }, { "&ldquo;", "\xE2\x80\x9C" },
		{ "&mdash;", "\xE2\x80\x94" }, { "&ndash;", "\xE2\x80\x93" },
		{ "&hellip;", "\xE2\x80\xA6" },
	};
	for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
		size_t k = strlen(named[i].name);
		if (strncmp(s, named[i].name, k) == 0) {
			strbuf_adds(out, named[i].text);
			return k;
		}
	}
	if (s[1] == '#') {
		char *end;
		int hex = s[2] == 'x' || s[2] == 'X';
		long v = strtol(s + 2 + hex, &end, hex ? 16 : 10);
		if (*end == ';' && v > 0 && v <= 0x10FFFF && end > s + 2 + hex) {
			utf8proc_uint8_t buf[4];
			utf8proc_ssize_t m = utf8proc_encode_char((utf8proc_int32_t)v, buf);
			if (m > 0 && utf8proc_codepoint_valid((utf8proc_int32_t)v))
				strbuf_add(out, (const char *)buf, (size_t)m);
			return (size_t)(end - s) + 1;
		}
	}
	return 0;
}

/* A line break, unless the text so far ends with one (or is empty). */
static void newline(struct strbuf *out)
{
	if (out->len && out->buf[out->len - 1] != '\n')
		strbuf_addc(out, '\n');
}

static void tidy(struct strbuf *sb);

void convert_html_text(const char *html, size_t *media, struct strbuf *out)
{
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = html; *p;) {
		if (*p == '<') {
			const char *e = strchr(p, '>');
			if (!e)
				break; /* a tag never closed: the rest is markup */
			const char *t = p + 1;
			size_t n = (size_t)(e - t);
			if (tag_is(t, n, "br") || tag_is(t, n, "/div") || tag_is(t, n, "/p") ||
			    tag_is(t, n, "/li") || tag_is(t, n, "/ul") || tag_is(t, n, "/ol") ||
			    tag_is(t, n, "div") || tag_is(t, n, "p") || tag_is(t, n, "ul") ||
			    tag_is(t, n, "ol") || tag_is(t, n, "/h1") || tag_is(t, n, "/h2") ||
			    tag_is(t, n, "/h3") || tag_is(t, n, "tr") || tag_is(t, n, "hr"))
				newline(&sb);
			else if (tag_is(t, n, "li"))
				newline(&sb), strbuf_adds(&sb, "- ");
			else if (tag_is(t, n, "img") || tag_is(t, n, "audio") || tag_is(t, n, "video"))
				++*media;
			else if (tag_is(t, n, "td") || tag_is(t, n, "th"))
				strbuf_addc(&sb, ' ');
			p = e + 1;
			continue;
		}
		if (*p == '&') {
			size_t k = entity(p, &sb);
			if (k) {
				p += k;
				continue;
			}
		}
		if (strncmp(p, "[sound:", 7) == 0 && strchr(p, ']')) {
			++*media;
			p = strchr(p, ']') + 1;
			continue;
		}
		strbuf_addc(&sb, *p++);
	}
	tidy(&sb);
	strbuf_adds(out, strbuf_str(&sb));
	strbuf_release(&sb);
}

/* Spaces collapsed, each line trimmed, at most one blank line in a row,
 * none at either end. */
static void tidy(struct strbuf *sb)
{
	struct strbuf t = STRBUF_INIT;
	int space = 0, blank = 0;
	for (size_t i = 0; i < sb->len; i++) {
		char c = sb->buf[i];
		if (c == '\r')
			continue;
		if (c == ' ' || c == '\t') {
			space = 1;
			continue;
		}
		if (c == '\n') {
			space = 0;
			if (t.len && t.buf[t.len - 1] == '\n')
				blank++;
			if (t.len && blank < 2)
				strbuf_addc(&t, '\n');
			continue;
		}
		if (space && t.len && t.buf[t.len - 1] != '\n')
			strbuf_addc(&t, ' ');
		space = 0;
		blank = 0;
		strbuf_addc(&t, c);
	}
	while (t.len && t.buf[t.len - 1] == '\n')
		t.buf[--t.len] = '\0';
	strbuf_reset(sb);
	strbuf_adds(sb, strbuf_str(&t));
	strbuf_release(&t);
}

/* ---- formats ---- */

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n >= k && strcasecmp(s + n - k, tail) == 0;
}

/* The separator of a sheet whose first line (after a BOM) names the kind
 * column, or 0. */
static char sheet_separator(const char *head, size_t n)
{
	if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
		head += 3, n -= 3;
	size_t e = 0;
	while (e < n && head[e] != '\n' && head[e] != '\r')
		e++;
	const char *seps = "\t;,";
	for (const char *s = seps; *s; s++) {
		size_t i = 0;
		while (i < e) {
			size_t j = i;
			while (j < e && head[j] != *s)
				j++;
			size_t a = i, b = j;
			if (b - a >= 2 && head[a] == '"' && head[b - 1] == '"')
				a++, b--;
			if (b - a == 4 && strncasecmp(head + a, "kind", 4) == 0 && j < e)
				return *s;
			i = j + 1;
		}
	}
	return 0;
}

int deck_format_detect(const char *path, const char *head, size_t n,
		       enum deck_format *out, struct swot_err *err)
{
	static const char *const reads =
		"swot reads decks as JSON, CSV or TSV sheets, Quizlet text exports and "
		"Anki .apkg/.colpkg packages";
	size_t i = 0;
	if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r'))
		i++;
	if (n >= 4 && memcmp(head, "PK\x03\x04", 4) == 0) {
		*out = DECK_FORMAT_ANKI;
		return 0;
	}
	if (n >= 16 && memcmp(head, "SQLite format 3", 16) == 0)
		return swot_err_set(err, SWOT_EINVAL,
				    "%s is an SQLite database, not a deck (an Anki collection is "
				    "read from its .apkg or .colpkg package): %s", path, reads);
	if (n >= 4 && memcmp(head, "%PDF", 4) == 0)
		return swot_err_set(err, SWOT_EINVAL, "%s is a PDF document, not a deck: %s", path,
				    reads);
	if (n >= 4 && memcmp(head, "\x28\xb5\x2f\xfd", 4) == 0)
		return swot_err_set(err, SWOT_EINVAL,
				    "%s is zstd-compressed data, not a deck: %s", path, reads);
	if (memchr(head, '\0', n))
		return swot_err_set(err, SWOT_EINVAL, "%s is binary data, not a deck: %s", path,
				    reads);
	char sep = sheet_separator(head, n);
	if (ends_with(path, ".json") || (i < n && head[i] == '{'))
		*out = DECK_FORMAT_JSON;
	else if (sep == '\t')
		*out = DECK_FORMAT_TSV;
	else if (sep)
		*out = DECK_FORMAT_CSV;
	else if (ends_with(path, ".apkg") || ends_with(path, ".colpkg"))
		*out = DECK_FORMAT_ANKI; /* not a zip: anki_open says what it is */
	else if (ends_with(path, ".csv") || ends_with(path, ".tsv"))
		return swot_err_set(err, SWOT_EINVAL,
				    "%s: the first row must name the columns, one of them \"kind\" "
				    "(see decks/template.csv)", path);
	else
		*out = DECK_FORMAT_QUIZLET;
	return 0;
}

/* ---- conversion ---- */

/* cJSON's printed JSON with two spaces for each tab it indents with, as
 * the decks in decks/ are written; frees json, returns a new string. */
char *convert_indent(char *json)
{
	struct strbuf sb = STRBUF_INIT;
	int line_start = 1;
	for (const char *p = json; *p; p++) {
		if (*p == '\t' && line_start) {
			strbuf_adds(&sb, "  ");
			continue;
		}
		line_start = *p == '\n';
		if (*p == ':' && p[1] == '\t') {
			strbuf_adds(&sb, ": ");
			p++;
			continue;
		}
		strbuf_addc(&sb, *p);
	}
	free(json);
	return strbuf_detach(&sb);
}

void deck_convert_report_release(struct deck_convert_report *r)
{
	strlist_release(&r->skipped_notes);
	memset(r, 0, sizeof *r);
}

static void push_err(struct deck_problems *problems, const struct swot_err *err)
{
	strlist_push(&problems->lines, err->msg);
}

/* The deck JSON of the file, or NULL; *places gets a CSV's row map. */
static char *to_json(const char *path, const struct deck_convert_opts *opts,
		     struct deck_convert_report *report, struct deck_problems *problems,
		     struct csv_places **places, char **text_out, size_t *len_out)
{
	struct swot_err err = { 0 };
	char *text = NULL, *json = NULL;
	size_t len = 0;
	enum deck_format f;
	*text_out = NULL;
	deck_convert_report_release(report);
	if (read_file(path, CONVERT_MAX_BYTES, &text, &len, &err)) {
		/* a file that cannot be read, or is too large: the deck reader
		 * says so in its own words */
		*len_out = (size_t)-1;
		return NULL;
	}
	if (deck_format_detect(path, text, len < 4096 ? len : 4096, &f, &err)) {
		push_err(problems, &err);
		free(text);
		return NULL;
	}
	report->format = f;
	switch (f) {
	case DECK_FORMAT_JSON:
		*text_out = text;
		*len_out = len;
		return NULL;
	case DECK_FORMAT_CSV:
	case DECK_FORMAT_TSV:
		json = convert_csv(path, text, len, f, report, problems, places);
		break;
	case DECK_FORMAT_QUIZLET:
		json = convert_quizlet(path, text, len, opts && opts->quizlet_typed, report,
				       problems);
		break;
	case DECK_FORMAT_ANKI:
		json = convert_anki(path, report, problems);
		break;
	}
	free(text);
	return json;
}

/* Validates a converted deck: its problems (in the converted file's terms)
 * join those of the conversion.  Returns the deck, or NULL when anything
 * was wrong (converting or validating). */
static struct deck *check_converted(const char *path, const char *json, size_t converting,
				    const struct csv_places *places, struct deck_problems *problems)
{
	struct deck_problems p;
	deck_problems_init(&p);
	struct deck *d = deck_load_buffer(path, json, strlen(json), &p);
	for (size_t i = 0; i < p.lines.n; i++)
		strlist_push_owned(&problems->lines,
				   places ? convert_csv_place(places, path, p.lines.items[i])
					  : xstrdup(p.lines.items[i]));
	deck_problems_release(&p);
	if (d && places)
		for (size_t i = 0; i < d->remarks.n; i++) {
			char *r = convert_csv_place(places, path, d->remarks.items[i]);
			free(d->remarks.items[i]);
			d->remarks.items[i] = r;
		}
	if (d && converting) {
		deck_free(d);
		d = NULL;
	}
	return d;
}

/*
 * The file converted to deck JSON (*json, or NULL) and the deck it makes
 * (or NULL after a problem).  A JSON deck is not converted: its own text
 * in *text (len bytes), or *len (size_t)-1 when the file cannot be read;
 * both for the caller to read as a deck.  report may be NULL.
 */
static struct deck *convert_checked(const char *path, const struct deck_convert_opts *opts,
				    struct deck_convert_report *report,
				    struct deck_problems *problems, char **json, char **text,
				    size_t *len)
{
	struct deck_convert_report r = { 0 };
	struct csv_places *places = NULL;
	size_t before = problems->lines.n;
	*len = 0;
	*json = to_json(path, opts, report ? report : &r, problems, &places, text, len);
	struct deck *d = *json ? check_converted(path, *json, problems->lines.n - before, places,
						 problems) : NULL;
	convert_csv_places_free(places);
	deck_convert_report_release(&r);
	return d;
}

char *deck_convert_to_json(const char *path, const struct deck_convert_opts *opts,
			   struct deck_convert_report *report, struct deck_problems *problems)
{
	char *json, *text;
	size_t len;
	struct deck *d = convert_checked(path, opts, report, problems, &json, &text, &len);
	if (text) { /* already JSON: checked all the same */
		d = deck_load_buffer(path, text, len, problems);
		if (!d) {
			free(text);
			text = NULL;
		}
		deck_free(d);
		return text;
	}
	if (len == (size_t)-1) {
		deck_free(deck_load_file(path, problems));
		return NULL;
	}
	if (!d) {
		free(json);
		return NULL;
	}
	deck_free(d);
	return json;
}

struct deck *deck_load_any(const char *path, const struct deck_convert_opts *opts,
			   struct deck_convert_report *report, struct deck_problems *problems)
{
	char *json, *text;
	size_t len;
	struct deck *d = convert_checked(path, opts, report, problems, &json, &text, &len);
	free(json);
	if (text || len == (size_t)-1) {
		free(text);
		return deck_load_file(path, problems); /* its own reading and limits */
	}
	return d;
}

int deck_convert_to_csv(const char *path, const struct deck_convert_opts *opts,
			struct strbuf *out, struct deck_problems *problems)
{
	char *json = deck_convert_to_json(path, opts, NULL, problems);
	if (!json)
		return -1;
	int rc = convert_json_to_csv(path, json, strlen(json), out, problems);
	free(json);
	return rc;
}
