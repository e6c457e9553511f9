/*
 * deck_csv.c: decks as spreadsheets (CSV, TSV) and Quizlet text exports.
 *
 * A sheet has a header row naming its columns (in any order, any case);
 * each further row is one note, its "kind" saying which: deck (one deck
 * setting: "name" the setting, "text" its value), character, theme,
 * quote, basic, typed, choice, cloze.  Lists are written with "|" between
 * items, a gap's other accepted answers after "=" ("petty pace=slow
 * pace").  See schema/README.md, "Spreadsheets".
 *
 * Parsing is libcsv's (RFC 4180: quoted cells, separators, quotes and line
 * breaks inside them); rows are numbered as a spreadsheet numbers them,
 * the header being row 1, and columns lettered A, B ... AA.
 */
#include "deck_convert_int.h"

#include <cJSON.h>
#include <csv.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The columns, in the order swot writes them. */
enum col {
	C_KIND, C_ID, C_NAME, C_TEXT, C_PROMPT, C_ANSWER, C_SPEAKER, C_WHERE, C_THEMES,
	C_GAPS, C_OPTIONS, C_ACCEPT, C_ALIASES, C_SUMMARY, C_NOTES, C_ANALYSIS, C_EXPLAIN,
	C_AO, C_TAGS, C_GROUP, C_KEY_QUOTES, C_NARRATION, N_COLS
};
static const char *const col_names[N_COLS] = {
	"kind", "id", "name", "text", "prompt", "answer", "speaker", "where", "themes",
	"gaps", "options", "accept", "aliases", "summary", "notes", "analysis", "explain",
	"ao", "tags", "group", "key_quotes", "narration"
};

enum kind { K_DECK, K_CHARACTER, K_THEME, K_QUOTE, K_BASIC, K_TYPED, K_CHOICE, K_CLOZE, N_KINDS };
static const char *const kind_names[N_KINDS] = {
	"deck", "character", "theme", "quote", "basic", "typed", "choice", "cloze"
};

/* Which columns each kind uses (beyond kind and id). */
static const unsigned long kind_cols[N_KINDS] = {
	[K_DECK] = 1ul << C_NAME | 1ul << C_TEXT,
	[K_CHARACTER] = 1ul << C_NAME | 1ul << C_ALIASES | 1ul << C_SUMMARY |
			1ul << C_NOTES | 1ul << C_GROUP,
	[K_THEME] = 1ul << C_NAME | 1ul << C_SUMMARY | 1ul << C_KEY_QUOTES,
	[K_QUOTE] = 1ul << C_TEXT | 1ul << C_SPEAKER | 1ul << C_WHERE | 1ul << C_THEMES |
		    1ul << C_GAPS | 1ul << C_ANALYSIS | 1ul << C_AO | 1ul << C_NARRATION,
	[K_BASIC] = 1ul << C_PROMPT | 1ul << C_ANSWER | 1ul << C_TAGS | 1ul << C_EXPLAIN,
	[K_TYPED] = 1ul << C_PROMPT | 1ul << C_ANSWER | 1ul << C_ACCEPT | 1ul << C_TAGS |
		    1ul << C_EXPLAIN,
	[K_CHOICE] = 1ul << C_PROMPT | 1ul << C_OPTIONS | 1ul << C_ANSWER | 1ul << C_TAGS |
		     1ul << C_EXPLAIN,
	[K_CLOZE] = 1ul << C_TEXT | 1ul << C_TAGS | 1ul << C_EXPLAIN,
};

/* The deck settings a "deck" row may set, and whether each is a list. */
static const struct {
	const char *name;
	int list;
} settings[] = {
	{ "id", 0 }, { "title", 0 }, { "version", 0 }, { "description", 0 },
	{ "licence", 0 }, { "authors", 1 }, { "text.title", 0 }, { "text.author", 0 },
	{ "text.year", 0 }, { "text.edition", 0 }, { "course.qualifications", 1 },
	{ "course.boards", 1 }, { "$schema", 0 },
};
#define N_SETTINGS (sizeof settings / sizeof *settings)

/* Where each note came from, for messages: sections in deck order. */
enum { S_CHARACTERS, S_THEMES, S_QUOTES, S_CARDS, N_SECTIONS };
static const char *const section_names[N_SECTIONS] = { "characters", "themes", "quotes", "cards" };

struct csv_places {
	size_t *rows[N_SECTIONS];
	size_t n[N_SECTIONS], alloc[N_SECTIONS];
	int col_at[N_COLS]; /* the file's column of each, or -1 */
	size_t setting_row[N_SETTINGS];
};

/* ---- reading cells ---- */

struct sheet {
	struct strlist *rows; /* each row's cells */
	size_t n, alloc;
	struct strlist cur;
	int row_started;
};

static void on_cell(void *s, size_t len, void *data)
{
	struct sheet *sh = data;
	strlist_push_owned(&sh->cur, s ? xstrndup(s, len) : xstrdup(""));
}

static void on_row(int c, void *data)
{
	(void)c;
	struct sheet *sh = data;
	ALLOC_GROW(sh->rows, sh->n + 1, sh->alloc);
	sh->rows[sh->n++] = sh->cur;
	strlist_init(&sh->cur);
}

static void sheet_release(struct sheet *sh)
{
	for (size_t i = 0; i < sh->n; i++)
		strlist_release(&sh->rows[i]);
	free(sh->rows);
	strlist_release(&sh->cur);
}

/* "A" ... "Z", "AA" ... for column i (from 0). */
static void col_letter(size_t i, char *buf)
{
	char tmp[8];
	size_t k = 0;
	i++;
	while (i && k < sizeof tmp) {
		tmp[k++] = (char)('A' + (i - 1) % 26);
		i = (i - 1) / 26;
	}
	for (size_t j = 0; j < k; j++)
		buf[j] = tmp[k - 1 - j];
	buf[k] = '\0';
}

static int parse_sheet(const char *path, const char *text, size_t len, char sep,
		       struct sheet *sh, struct deck_problems *problems)
{
	struct csv_parser p;
	/* strict: a stray '"' is reported, not guessed at */
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return -1;
	csv_set_delim(&p, (unsigned char)sep);
	const char *why = NULL;
	if (csv_parse(&p, text, len, on_cell, on_row, sh) != len)
		why = "a '\"' inside a cell that does not start with one: put the whole "
		      "cell in quotes and write \"\" for each quotation mark in it";
	else if (csv_fini(&p, on_cell, on_row, sh) != 0)
		why = "a quoted cell is never closed (a '\"' is missing; write \"\" for a "
		      "quotation mark inside a quoted cell)";
	csv_free(&p);
	if (!why)
		return 0;
	char letter[8];
	col_letter(sh->cur.n, letter);
	strlist_push_owned(&problems->lines, xasprintf("%s: row %zu, column %s: %s", path,
						       sh->n + 1, letter, why));
	return -1;
}

/* ---- one row into the deck ---- */

struct conv {
	const char *path;
	struct deck_problems *problems;
	struct csv_places *pl;
	int col_of[N_COLS]; /* the file's column of each, or -1 */
	cJSON *root, *sections[N_SECTIONS];
	size_t n_problems;
	struct strlist ids[N_SECTIONS]; /* ids given or made, to keep them unique */
};

static void cell_problem(struct conv *c, size_t row, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void cell_problem(struct conv *c, size_t row, int col, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s: row %zu", c->path, row);
	if (col >= 0 && c->col_of[col] >= 0) {
		char letter[8];
		col_letter((size_t)c->col_of[col], letter);
		strbuf_addf(&sb, ", column %s (%s)", letter, col_names[col]);
	}
	strbuf_adds(&sb, ": ");
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	strlist_push_owned(&c->problems->lines, strbuf_detach(&sb));
	c->n_problems++;
}

static const char *cell(const struct conv *c, const struct strlist *row, int col)
{
	int at = c->col_of[col];
	return at >= 0 && (size_t)at < row->n ? row->items[at] : "";
}

/* A cell's text trimmed of spaces at either end (spreadsheets add them);
 * a new string. */
static char *trimmed(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return xstrndup(s, n);
}

static void add_text(cJSON *obj, const char *key, const char *value)
{
	char *t = trimmed(value);
	if (*t)
		cJSON_AddStringToObject(obj, key, t);
	free(t);
}

/* A list cell ("a|b|c") as a JSON list of its trimmed items, or NULL when
 * empty. */
static cJSON *list_of(const char *value)
{
	char *t = trimmed(value);
	cJSON *arr = NULL;
	if (*t) {
		arr = cJSON_CreateArray();
		for (const char *s = t;;) {
			const char *e = strchr(s, '|');
			char *item = e ? xstrndup(s, (size_t)(e - s)) : xstrdup(s);
			char *it = trimmed(item);
			cJSON_AddItemToArray(arr, cJSON_CreateString(it));
			free(it);
			free(item);
			if (!e)
				break;
			s = e + 1;
		}
	}
	free(t);
	return arr;
}

static void add_list(cJSON *obj, const char *key, const char *value)
{
	cJSON *arr = list_of(value);
	if (arr)
		cJSON_AddItemToObject(obj, key, arr);
}

/* "yes", "true", "x", "1" are true; "", "no", "false", "0" are not. */
static int add_flag(struct conv *c, size_t row, int col, cJSON *obj, const char *key,
		    const char *value)
{
	char *t = trimmed(value);
	int r = 0;
	if (!strcasecmp(t, "yes") || !strcasecmp(t, "true") || !strcasecmp(t, "x") ||
	    !strcmp(t, "1") || !strcasecmp(t, "y"))
		cJSON_AddTrueToObject(obj, key);
	else if (*t && strcasecmp(t, "no") && strcasecmp(t, "false") && strcmp(t, "0") &&
		 strcasecmp(t, "n"))
		cell_problem(c, row, col, "\"%s\" is not yes or no", t), r = -1;
	free(t);
	return r;
}

/* A whole number at s (and nothing after it but what *end points at). */
static int number(const char *s, const char **end)
{
	long v = 0;
	const char *p = s;
	while (*p == ' ')
		p++;
	if (*p < '0' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9' && v < 100000)
		v = v * 10 + (*p++ - '0');
	*end = p;
	return (int)v;
}

/* Reads "Chapter 4", "4", "Stave 3", "Act 1, Scene 7[, line 35]",
 * "1.7[.35]", "Stanza 2[, line 5]" into obj's location keys. */
static int add_where(struct conv *c, size_t row, cJSON *obj, const char *value)
{
	char *t = trimmed(value);
	const char *p = t, *e;
	int ok = 1;
	if (!*t)
		goto out;
	static const char *const words[] = { "chapter", "stave", "act", "stanza" };
	int kind = -1;
	for (int k = 0; k < 4 && kind < 0; k++) {
		size_t n = strlen(words[k]);
		if (!strncasecmp(p, words[k], n) && (p[n] == ' ' || p[n] == '\t'))
			kind = k, p += n;
	}
	int a = number(p, &e), b = 0, line = 0;
	if (!a) {
		ok = 0;
		goto out;
	}
	p = e;
	if (kind < 0 && *p == '.') { /* 1.7 or 1.7.35 */
		b = number(p + 1, &e);
		if (!b) {
			ok = 0;
			goto out;
		}
		p = e;
		if (*p == '.') {
			line = number(p + 1, &e);
			if (!line) {
				ok = 0;
				goto out;
			}
			p = e;
		}
		kind = 2;
	} else if (kind == 2) {
		while (*p == ',' || *p == ' ')
			p++;
		if (strncasecmp(p, "scene", 5) || !(b = number(p + 5, &e))) {
			ok = 0;
			goto out;
		}
		p = e;
	}
	if (kind == 2 || kind == 3) {
		const char *q = p;
		while (*q == ',' || *q == ' ')
			q++;
		if (!strncasecmp(q, "line", 4) && (line = number(q + 4, &e)))
			p = e;
	}
	while (*p == ' ' || *p == '.')
		p++;
	if (*p) {
		ok = 0;
		goto out;
	}
	switch (kind) {
	case -1:
	case 0: cJSON_AddNumberToObject(obj, "chapter", a); break;
	case 1: cJSON_AddNumberToObject(obj, "stave", a); break;
	case 2:
		cJSON_AddNumberToObject(obj, "act", a);
		cJSON_AddNumberToObject(obj, "scene", b);
		break;
	case 3: cJSON_AddNumberToObject(obj, "stanza", a); break;
	}
	if (line)
		cJSON_AddNumberToObject(obj, "line", line);
out:
	if (!ok)
		cell_problem(c, row, C_WHERE,
			     "\"%s\" is not a place in the text: write \"Chapter 4\", \"Stave 3\", "
			     "\"Act 1, Scene 7\" (optionally \", line 35\") or \"Stanza 2, line 5\"",
			     t);
	free(t);
	return ok ? 0 : -1;
}

/* Gaps: "a|b=other|c": an item with "=" takes its other answers with it. */
static void add_gaps(cJSON *obj, const char *value)
{
	cJSON *items = list_of(value);
	if (!items)
		return;
	cJSON *gaps = cJSON_CreateArray();
	for (cJSON *it = items->child; it; it = it->next) {
		const char *s = it->valuestring;
		if (!strchr(s, '=')) {
			cJSON_AddItemToArray(gaps, cJSON_CreateString(s));
			continue;
		}
		cJSON *g = cJSON_CreateObject(), *acc = cJSON_CreateArray();
		int first = 1;
		for (const char *p = s;;) {
			const char *e = strchr(p, '=');
			char *part = e ? xstrndup(p, (size_t)(e - p)) : xstrdup(p);
			char *tp = trimmed(part);
			if (first)
				cJSON_AddStringToObject(g, "text", tp);
			else
				cJSON_AddItemToArray(acc, cJSON_CreateString(tp));
			first = 0;
			free(tp);
			free(part);
			if (!e)
				break;
			p = e + 1;
		}
		cJSON_AddItemToObject(g, "accept", acc);
		cJSON_AddItemToArray(gaps, g);
	}
	cJSON_Delete(items);
	cJSON_AddItemToObject(obj, "gaps", gaps);
}

/* An id made from text, unique among ids (which gets it): "-2", "-3" ...
 * after the second and later; "card-N" when the text makes none. */
static void unique_id(const char *text, size_t n, struct strlist *ids, struct strbuf *sb)
{
	strbuf_reset(sb);
	convert_slug(text, 40, sb);
	if (!sb->len)
		strbuf_addf(sb, "card-%zu", n);
	size_t base = sb->len;
	for (int k = 2;; k++) {
		int used = 0;
		for (size_t m = 0; m < ids->n && !used; m++)
			used = !strcmp(ids->items[m], strbuf_str(sb));
		if (!used)
			break;
		sb->len = base;
		strbuf_addf(sb, "-%d", k);
	}
	strlist_push(ids, strbuf_str(sb));
}

/* An id for a row: its own, else one made from from (made unique in its
 * section with "-2", "-3" ...). */
static void add_id(struct conv *c, size_t row, int section, cJSON *obj, const char *given,
		   const char *from)
{
	char *t = trimmed(given);
	struct strbuf sb = STRBUF_INIT;
	if (*t) {
		strbuf_adds(&sb, t);
		strlist_push(&c->ids[section], t);
	} else {
		convert_slug(from, 40, &sb);
		if (!sb.len) {
			cell_problem(c, row, C_ID, "no id, and none can be made from the text: "
				     "write one (lower-case letters, digits and '-')");
			goto out;
		}
		unique_id(from, row, &c->ids[section], &sb);
	}
	cJSON_AddStringToObject(obj, "id", strbuf_str(&sb));
out:
	free(t);
	strbuf_release(&sb);
}

static void place(struct csv_places *pl, int section, size_t row)
{
	ALLOC_GROW(pl->rows[section], pl->n[section] + 1, pl->alloc[section]);
	pl->rows[section][pl->n[section]++] = row;
}

static void deck_row(struct conv *c, size_t row, const struct strlist *r)
{
	char *name = trimmed(cell(c, r, C_NAME));
	size_t s = 0;
	while (s < N_SETTINGS && strcmp(settings[s].name, name) != 0)
		s++;
	if (s == N_SETTINGS) {
		struct strbuf known = STRBUF_INIT;
		for (size_t i = 0; i < N_SETTINGS; i++)
			strbuf_addf(&known, "%s%s", i ? ", " : "", settings[i].name);
		cell_problem(c, row, C_NAME, "\"%s\" is not a deck setting (a deck row sets one of: %s)",
			     name, strbuf_str(&known));
		strbuf_release(&known);
		free(name);
		return;
	}
	c->pl->setting_row[s] = row;
	const char *value = cell(c, r, C_TEXT);
	cJSON *obj = c->root;
	const char *key = settings[s].name, *dot = strchr(key, '.');
	if (dot && strcmp(key, "$schema") != 0) {
		char *parent = xstrndup(key, (size_t)(dot - key));
		obj = cJSON_GetObjectItemCaseSensitive(c->root, parent);
		if (!obj)
			obj = cJSON_AddObjectToObject(c->root, parent);
		free(parent);
		key = dot + 1;
	}
	if (cJSON_GetObjectItemCaseSensitive(obj, key)) {
		cell_problem(c, row, C_NAME, "the deck's \"%s\" is set twice", name);
	} else if (!strcmp(settings[s].name, "text.year")) {
		char *t = trimmed(value);
		char *end;
		long y = strtol(t, &end, 10);
		if (*t && !*end && end != t)
			cJSON_AddNumberToObject(obj, key, (double)y);
		else
			cell_problem(c, row, C_TEXT, "the year \"%s\" is not a whole number", t);
		free(t);
	} else if (settings[s].list) {
		cJSON *arr = list_of(value);
		cJSON_AddItemToObject(obj, key, arr ? arr : cJSON_CreateArray());
	} else {
		add_text(obj, key, value);
	}
	free(name);
}

/* A choice card's answer: the option's text, or its index (from 0). */
static void add_choice_answer(cJSON *obj, const char *value)
{
	char *t = trimmed(value);
	if (!*t) {
		free(t);
		return;
	}
	const cJSON *opts = cJSON_GetObjectItemCaseSensitive(obj, "options");
	int is_option = 0;
	for (const cJSON *o = opts ? opts->child : NULL; o && !is_option; o = o->next)
		is_option = !strcmp(o->valuestring, t);
	char *end;
	long v = strtol(t, &end, 10);
	if (!is_option && !*end && end != t && t[0] >= '0' && t[0] <= '9' && v < INT_MAX)
		cJSON_AddNumberToObject(obj, "answer", (double)v);
	else
		cJSON_AddStringToObject(obj, "answer", t);
	free(t);
}

/* How a cell becomes its key in the note's JSON. */
enum how { AS_TEXT, AS_LIST, AS_FLAG, AS_WHERE, AS_GAPS, AS_ANSWER };

/* Each kind's columns, in the order their keys are written. */
static const struct field {
	enum kind kind;
	int col;
	const char *key;
	enum how how;
} fields[] = {
	{K_CHARACTER, C_NAME, "name", AS_TEXT},
	{K_CHARACTER, C_ALIASES, "aliases", AS_LIST},
	{K_CHARACTER, C_SUMMARY, "summary", AS_TEXT},
	{K_CHARACTER, C_NOTES, "notes", AS_TEXT},
	{K_CHARACTER, C_GROUP, "group", AS_FLAG},
	{K_THEME, C_NAME, "name", AS_TEXT},
	{K_THEME, C_SUMMARY, "summary", AS_TEXT},
	{K_THEME, C_KEY_QUOTES, "key_quotes", AS_LIST},
	{K_QUOTE, C_TEXT, "text", AS_TEXT},
	{K_QUOTE, C_SPEAKER, "speaker", AS_TEXT},
	{K_QUOTE, C_WHERE, "where", AS_WHERE},
	{K_QUOTE, C_THEMES, "themes", AS_LIST},
	{K_QUOTE, C_GAPS, "gaps", AS_GAPS},
	{K_QUOTE, C_ANALYSIS, "analysis", AS_TEXT},
	{K_QUOTE, C_AO, "ao", AS_LIST},
	{K_QUOTE, C_NARRATION, "narration", AS_FLAG},
	{K_BASIC, C_PROMPT, "front", AS_TEXT},
	{K_BASIC, C_ANSWER, "back", AS_TEXT},
	{K_TYPED, C_PROMPT, "prompt", AS_TEXT},
	{K_TYPED, C_ANSWER, "answer", AS_TEXT},
	{K_TYPED, C_ACCEPT, "accept", AS_LIST},
	{K_CHOICE, C_PROMPT, "prompt", AS_TEXT},
	{K_CHOICE, C_OPTIONS, "options", AS_LIST},
	{K_CHOICE, C_ANSWER, "answer", AS_ANSWER},
	{K_CLOZE, C_TEXT, "text", AS_TEXT},
};

/* Adds the key of field f from the row's cell. */
static void add_field(struct conv *c, size_t row, cJSON *obj, const struct field *f,
		      const char *value)
{
	switch (f->how) {
	case AS_TEXT: add_text(obj, f->key, value); break;
	case AS_LIST: add_list(obj, f->key, value); break;
	case AS_FLAG: add_flag(c, row, f->col, obj, f->key, value); break;
	case AS_WHERE: add_where(c, row, obj, value); break;
	case AS_GAPS: add_gaps(obj, value); break;
	case AS_ANSWER: add_choice_answer(obj, value); break;
	}
}

static void note_row(struct conv *c, size_t row, const struct strlist *r, enum kind k)
{
	static const int section_of[N_KINDS] = { -1, S_CHARACTERS, S_THEMES, S_QUOTES,
						 S_CARDS, S_CARDS, S_CARDS, S_CARDS };
	int section = section_of[k];
	cJSON *obj = cJSON_CreateObject();
	const char *from = k == K_CHARACTER || k == K_THEME ? cell(c, r, C_NAME)
			   : k == K_QUOTE || k == K_CLOZE  ? cell(c, r, C_TEXT)
							   : cell(c, r, C_PROMPT);
	add_id(c, row, section, obj, cell(c, r, C_ID), from);
	if (section == S_CARDS) /* a card row's kind is its type */
		cJSON_AddStringToObject(obj, "type", kind_names[k]);
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		if (fields[i].kind == k)
			add_field(c, row, obj, &fields[i], cell(c, r, fields[i].col));
	if (section == S_CARDS) {
		add_list(obj, "tags", cell(c, r, C_TAGS));
		add_text(obj, "explain", cell(c, r, C_EXPLAIN));
	}
	if (!c->sections[section])
		c->sections[section] = cJSON_CreateArray();
	cJSON_AddItemToArray(c->sections[section], obj);
	place(c->pl, section, row);
}

static int blank_row(const struct strlist *r)
{
	for (size_t i = 0; i < r->n; i++)
		for (const char *p = r->items[i]; *p; p++)
			if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
				return 0;
	return 1;
}

static void one_row(struct conv *c, size_t row, const struct strlist *r)
{
	char *kind = trimmed(cell(c, r, C_KIND));
	int k = 0;
	for (char *p = kind; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	while (k < N_KINDS && strcmp(kind_names[k], kind) != 0)
		k++;
	if (k == N_KINDS) {
		cell_problem(c, row, C_KIND, *kind ? "\"%s\" is not a kind of row (deck, character, "
				       "theme, quote, basic, typed, choice or cloze)"
					   : "%sthe kind is empty (deck, character, theme, quote, "
					     "basic, typed, choice or cloze)",
			     kind);
		free(kind);
		return;
	}
	free(kind);
	/* a filled cell the kind does not use would be lost: say so */
	for (int col = C_ID + 1; col < N_COLS; col++) {
		if (kind_cols[k] & (1ul << col))
			continue;
		char *t = trimmed(cell(c, r, col));
		if (*t)
			cell_problem(c, row, col, "a %s row has no %s (leave the cell empty)",
				     kind_names[k], col_names[col]);
		free(t);
	}
	if (k == K_DECK)
		deck_row(c, row, r);
	else
		note_row(c, row, r, (enum kind)k);
}

/* Reads the header row into c->col_of. */
static int read_header(struct conv *c, const struct strlist *h)
{
	int ok = 1;
	for (int i = 0; i < N_COLS; i++)
		c->col_of[i] = -1;
	for (size_t i = 0; i < h->n; i++) {
		char *name = trimmed(h->items[i]);
		char letter[8];
		col_letter(i, letter);
		for (char *p = name; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		int col = 0;
		while (col < N_COLS && strcmp(col_names[col], name) != 0)
			col++;
		if (!*name) {
			/* an unnamed column must stay empty: checked with the rows */
		} else if (col == N_COLS) {
			strlist_push_owned(&c->problems->lines,
					   xasprintf("%s: row 1, column %s: \"%s\" is not a column swot "
						     "knows (see decks/template.csv for the columns)",
						     c->path, letter, name));
			ok = 0;
		} else if (c->col_of[col] >= 0) {
			strlist_push_owned(&c->problems->lines,
					   xasprintf("%s: row 1, column %s: the column \"%s\" appears twice",
						     c->path, letter, name));
			ok = 0;
		} else {
			c->col_of[col] = (int)i;
		}
		free(name);
	}
	if (c->col_of[C_KIND] < 0) {
		strlist_push_owned(&c->problems->lines,
				   xasprintf("%s: row 1: no \"kind\" column", c->path));
		ok = 0;
	}
	return ok;
}

/* A sheet without "deck" rows for its id and title takes them from its
 * file's name ("Year 10 Macbeth.csv": year-10-macbeth, "Year 10 Macbeth"). */
static void name_from_file(cJSON *root, const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *stem = xstrdup(base), *dot = strrchr(stem, '.');
	if (dot && dot != stem)
		*dot = '\0';
	if (!cJSON_GetObjectItemCaseSensitive(root, "id")) {
		struct strbuf sb = STRBUF_INIT;
		convert_slug(stem, 64, &sb);
		if (sb.len)
			cJSON_AddStringToObject(root, "id", strbuf_str(&sb));
		strbuf_release(&sb);
	}
	if (!cJSON_GetObjectItemCaseSensitive(root, "title") && *stem)
		cJSON_AddStringToObject(root, "title", stem);
	free(stem);
}

char *convert_csv(const char *path, const char *text, size_t len, enum deck_format f,
		  struct deck_convert_report *report, struct deck_problems *problems,
		  struct csv_places **places)
{
	struct sheet sh = { NULL, 0, 0, STRLIST_INIT, 0 };
	struct conv c;
	char *json = NULL;
	memset(&c, 0, sizeof c);
	c.path = path;
	c.problems = problems;
	c.pl = xcalloc(1, sizeof *c.pl);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		text += 3, len -= 3;
	char sep = f == DECK_FORMAT_TSV ? '\t' : ',';
	if (f == DECK_FORMAT_CSV) {
		/* ';' when the header is separated by it, as some spreadsheets
		 * save CSV */
		size_t e = 0;
		while (e < len && text[e] != '\n')
			e++;
		if (memchr(text, ';', e) && !memchr(text, ',', e))
			sep = ';';
	}
	if (parse_sheet(path, text, len, sep, &sh, problems) || !sh.n)
		goto out;
	if (!read_header(&c, &sh.rows[0]))
		goto out;
	memcpy(c.pl->col_at, c.col_of, sizeof c.col_of);
	c.root = cJSON_CreateObject();
	cJSON_AddNumberToObject(c.root, "swot_deck", 1);
	for (size_t i = 1; i < sh.n; i++) {
		const struct strlist *r = &sh.rows[i];
		if (blank_row(r))
			continue;
		for (size_t k = 0; k < r->n; k++) {
			int named = 0;
			for (int col = 0; col < N_COLS && !named; col++)
				named = c.col_of[col] == (int)k;
			char *t = trimmed(r->items[k]);
			if (!named && *t) {
				char letter[8];
				col_letter(k, letter);
				strlist_push_owned(&problems->lines,
						   xasprintf("%s: row %zu, column %s: the column has no "
							     "name in row 1, so this cell would be lost",
							     path, i + 1, letter));
				c.n_problems++;
			}
			free(t);
		}
		report->notes++;
		one_row(&c, i + 1, r);
	}
	name_from_file(c.root, path);
	for (int s = 0; s < N_SECTIONS; s++)
		if (c.sections[s]) {
			cJSON_AddItemToObject(c.root, section_names[s], c.sections[s]);
			c.sections[s] = NULL;
		}
	/* with problems in cells, the deck is still made of the rest, so the
	 * checks of the whole deck can report theirs too; the caller fails */
	json = convert_indent(cJSON_Print(c.root));
out:
	cJSON_Delete(c.root);
	for (int s = 0; s < N_SECTIONS; s++) {
		cJSON_Delete(c.sections[s]);
		strlist_release(&c.ids[s]);
	}
	sheet_release(&sh);
	if (places && json)
		*places = c.pl;
	else
		convert_csv_places_free(c.pl);
	return json;
}

void convert_csv_places_free(struct csv_places *pl)
{
	if (!pl)
		return;
	for (int s = 0; s < N_SECTIONS; s++)
		free(pl->rows[s]);
	free(pl);
}

/* The column a deck problem's message is about, or -1. */
static int col_of_message(const char *msg)
{
	static const struct {
		const char *key;
		int col;
	} keys[] = {
		{ "speaker", C_SPEAKER }, { "themes", C_THEMES }, { "gaps", C_GAPS },
		{ "gap", C_GAPS }, { "text", C_TEXT }, { "name", C_NAME },
		{ "summary", C_SUMMARY }, { "aliases", C_ALIASES }, { "notes", C_NOTES },
		{ "analysis", C_ANALYSIS }, { "ao", C_AO }, { "chapter", C_WHERE },
		{ "stave", C_WHERE }, { "act", C_WHERE }, { "scene", C_WHERE },
		{ "stanza", C_WHERE }, { "line", C_WHERE }, { "front", C_PROMPT },
		{ "prompt", C_PROMPT }, { "back", C_ANSWER }, { "answer", C_ANSWER },
		{ "options", C_OPTIONS }, { "accept", C_ACCEPT }, { "tags", C_TAGS },
		{ "explain", C_EXPLAIN }, { "id", C_ID }, { "group", C_GROUP },
		{ "key_quotes", C_KEY_QUOTES }, { "narration", C_NARRATION }, { "type", C_KIND },
	};
	const char *m = msg;
	if (!strncmp(m, "missing required key \"", 22))
		m += 21;
	if (*m == '"')
		m++;
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		size_t k = strlen(keys[i].key);
		if (!strncmp(m, keys[i].key, k) &&
		    (m[k] == '"' || m[k] == ' ' || m[k] == ':' || m[k] == '['))
			return keys[i].col;
	}
	return -1;
}

char *convert_csv_place(const struct csv_places *pl, const char *path, const char *line)
{
	size_t n = strlen(path);
	if (strncmp(line, path, n) != 0 || strncmp(line + n, ": ", 2) != 0)
		return xstrdup(line);
	const char *rest = line + n + 2;
	for (int s = 0; s < N_SECTIONS; s++) {
		size_t k = strlen(section_names[s]);
		if (strncmp(rest, section_names[s], k) != 0 || rest[k] != '[')
			continue;
		char *end;
		unsigned long i = strtoul(rest + k + 1, &end, 10);
		if (*end != ']' || i >= pl->n[s])
			break;
		const char *msg = strstr(end, ": ");
		if (!msg)
			break;
		msg += 2;
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s: row %zu", path, pl->rows[s][i]);
		int col = col_of_message(msg);
		if (col >= 0 && pl->col_at[col] >= 0) {
			char letter[8];
			col_letter((size_t)pl->col_at[col], letter);
			strbuf_addf(&sb, ", column %s (%s)", letter, col_names[col]);
		}
		strbuf_addf(&sb, ": %s", msg);
		return strbuf_detach(&sb);
	}
	/* the deck's own settings */
	for (size_t s = 0; s < N_SETTINGS; s++) {
		const char *name = settings[s].name;
		char quoted[64];
		snprintf(quoted, sizeof quoted, "\"%s\"", name);
		if (pl->setting_row[s] && (strstr(rest, quoted) == rest ||
					   (strchr(name, '.') && !strncmp(rest, name, strcspn(name, ".")))))
			return xasprintf("%s: row %zu (the deck's %s): %s", path, pl->setting_row[s],
					 name, rest);
	}
	if (!strncmp(rest, "missing required key \"", 22))
		return xasprintf("%s: %s (add a row: kind deck, name %.*s, text its value)", path,
				 rest, (int)strcspn(rest + 22, "\""), rest + 22);
	return xstrdup(line);
}

/* ---- writing ---- */

/* A cell, quoted when it must be. */
static void put_cell(struct strbuf *out, const char *s, char sep)
{
	int quote = !*s ? 0 : s[0] == ' ' || s[strlen(s) - 1] == ' ';
	for (const char *p = s; *p && !quote; p++)
		quote = *p == sep || *p == '"' || *p == '\n' || *p == '\r';
	if (!quote) {
		strbuf_adds(out, s);
		return;
	}
	strbuf_addc(out, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			strbuf_addc(out, '"');
		strbuf_addc(out, *p);
	}
	strbuf_addc(out, '"');
}

struct writer {
	const char *path;
	struct deck_problems *problems;
	struct strbuf *out;
	char *cells[N_COLS];
	int bad;
};

static void set(struct writer *w, int col, const char *s)
{
	free(w->cells[col]);
	w->cells[col] = xstrdup(s ? s : "");
}

static const char *str_of(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A list joined by "|"; an item holding "|" cannot be written. */
static void set_list(struct writer *w, int col, const cJSON *list, const char *what)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0;
	for (const cJSON *e = list ? list->child : NULL; e; e = e->next, i++) {
		const char *s = cJSON_IsString(e) ? e->valuestring : "";
		if (strchr(s, '|')) {
			strlist_push_owned(&w->problems->lines,
					   xasprintf("%s: %s: \"%s\" holds a '|', which a sheet uses "
						     "between the items of a list", w->path, what, s));
			w->bad = 1;
		}
		strbuf_addf(&sb, "%s%s", i ? "|" : "", s);
	}
	set(w, col, strbuf_str(&sb));
	strbuf_release(&sb);
}

static void flush_row(struct writer *w, char sep)
{
	for (int i = 0; i < N_COLS; i++) {
		if (i)
			strbuf_addc(w->out, sep);
		put_cell(w->out, w->cells[i] ? w->cells[i] : "", sep);
		free(w->cells[i]);
		w->cells[i] = NULL;
	}
	strbuf_adds(w->out, "\r\n");
}

static void write_where(struct writer *w, const cJSON *q)
{
	static const char *const keys[] = { "chapter", "stave", "act", "stanza" };
	static const enum deck_loc_kind kinds[] = { LOC_CHAPTER, LOC_STAVE, LOC_SCENE, LOC_STANZA };
	struct deck_loc loc = { LOC_NONE, 0, 0, 0 };
	for (int i = 0; i < 4; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(q, keys[i]);
		if (cJSON_IsNumber(v))
			loc.kind = kinds[i], loc.part = v->valueint;
	}
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(q, "scene");
	const cJSON *l = cJSON_GetObjectItemCaseSensitive(q, "line");
	if (cJSON_IsNumber(s))
		loc.scene = s->valueint;
	if (cJSON_IsNumber(l))
		loc.line = l->valueint;
	struct strbuf sb = STRBUF_INIT;
	deck_loc_format(&loc, &sb);
	set(w, C_WHERE, strbuf_str(&sb));
	strbuf_release(&sb);
}

static void write_gaps(struct writer *w, const cJSON *gaps)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0;
	for (const cJSON *g = gaps ? gaps->child : NULL; g; g = g->next, i++) {
		if (i)
			strbuf_addc(&sb, '|');
		if (cJSON_IsString(g)) {
			strbuf_adds(&sb, g->valuestring);
			continue;
		}
		strbuf_adds(&sb, str_of(g, "text") ? str_of(g, "text") : "");
		const cJSON *acc = cJSON_GetObjectItemCaseSensitive(g, "accept");
		for (const cJSON *a = acc ? acc->child : NULL; a; a = a->next)
			if (cJSON_IsString(a))
				strbuf_addf(&sb, "=%s", a->valuestring);
	}
	set(w, C_GAPS, strbuf_str(&sb));
	strbuf_release(&sb);
}

static void write_setting(struct writer *w, const char *name, const cJSON *v)
{
	if (!v)
		return;
	set(w, C_KIND, "deck");
	set(w, C_NAME, name);
	if (cJSON_IsArray(v)) {
		set_list(w, C_TEXT, v, name);
	} else if (cJSON_IsNumber(v)) {
		char buf[32];
		snprintf(buf, sizeof buf, "%g", v->valuedouble);
		set(w, C_TEXT, buf);
	} else {
		set(w, C_TEXT, cJSON_IsString(v) ? v->valuestring : "");
	}
	flush_row(w, ',');
}

static void write_flag(struct writer *w, int col, const cJSON *obj, const char *key)
{
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, key)))
		set(w, col, "yes");
}

static void write_note(struct writer *w, int section, const cJSON *n)
{
	const cJSON *v;
	set(w, C_ID, str_of(n, "id"));
	switch (section) {
	case S_CHARACTERS:
		set(w, C_KIND, "character");
		set(w, C_NAME, str_of(n, "name"));
		set_list(w, C_ALIASES, cJSON_GetObjectItemCaseSensitive(n, "aliases"), "aliases");
		set(w, C_SUMMARY, str_of(n, "summary"));
		set(w, C_NOTES, str_of(n, "notes"));
		write_flag(w, C_GROUP, n, "group");
		break;
	case S_THEMES:
		set(w, C_KIND, "theme");
		set(w, C_NAME, str_of(n, "name"));
		set(w, C_SUMMARY, str_of(n, "summary"));
		set_list(w, C_KEY_QUOTES, cJSON_GetObjectItemCaseSensitive(n, "key_quotes"),
			 "key_quotes");
		break;
	case S_QUOTES:
		set(w, C_KIND, "quote");
		set(w, C_TEXT, str_of(n, "text"));
		set(w, C_SPEAKER, str_of(n, "speaker"));
		write_where(w, n);
		set_list(w, C_THEMES, cJSON_GetObjectItemCaseSensitive(n, "themes"), "themes");
		write_gaps(w, cJSON_GetObjectItemCaseSensitive(n, "gaps"));
		set(w, C_ANALYSIS, str_of(n, "analysis"));
		set_list(w, C_AO, cJSON_GetObjectItemCaseSensitive(n, "ao"), "ao");
		write_flag(w, C_NARRATION, n, "narration");
		break;
	default: {
		const char *type = str_of(n, "type");
		set(w, C_KIND, type);
		if (type && !strcmp(type, "basic")) {
			set(w, C_PROMPT, str_of(n, "front"));
			set(w, C_ANSWER, str_of(n, "back"));
		} else if (type && !strcmp(type, "cloze")) {
			set(w, C_TEXT, str_of(n, "text"));
		} else {
			set(w, C_PROMPT, str_of(n, "prompt"));
			v = cJSON_GetObjectItemCaseSensitive(n, "answer");
			if (cJSON_IsNumber(v)) {
				char buf[32];
				snprintf(buf, sizeof buf, "%d", v->valueint);
				set(w, C_ANSWER, buf);
			} else {
				set(w, C_ANSWER, str_of(n, "answer"));
			}
			set_list(w, C_ACCEPT, cJSON_GetObjectItemCaseSensitive(n, "accept"), "accept");
			set_list(w, C_OPTIONS, cJSON_GetObjectItemCaseSensitive(n, "options"), "options");
		}
		set_list(w, C_TAGS, cJSON_GetObjectItemCaseSensitive(n, "tags"), "tags");
		set(w, C_EXPLAIN, str_of(n, "explain"));
		break;
	}
	}
	flush_row(w, ',');
}

int convert_json_to_csv(const char *path, const char *json, size_t len, struct strbuf *out,
			struct deck_problems *problems)
{
	cJSON *root = cJSON_ParseWithLength(json, len);
	if (!root) {
		strlist_push_owned(&problems->lines, xasprintf("%s: invalid JSON", path));
		return -1;
	}
	struct writer w = { path, problems, out, { NULL }, 0 };
	strbuf_adds(out, "\xEF\xBB\xBF"); /* so spreadsheets read it as UTF-8 */
	for (int i = 0; i < N_COLS; i++)
		set(&w, i, col_names[i]);
	flush_row(&w, ',');
	for (size_t s = 0; s < N_SETTINGS; s++) {
		const char *name = settings[s].name, *dot = strchr(name, '.');
		const cJSON *v;
		if (dot) {
			char *parent = xstrndup(name, (size_t)(dot - name));
			v = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, parent),
							     dot + 1);
			free(parent);
		} else {
			v = cJSON_GetObjectItemCaseSensitive(root, name);
		}
		write_setting(&w, name, v);
	}
	for (int s = 0; s < N_SECTIONS; s++) {
		const cJSON *sec = cJSON_GetObjectItemCaseSensitive(root, section_names[s]);
		for (const cJSON *n = sec ? sec->child : NULL; n; n = n->next)
			write_note(&w, s, n);
	}
	cJSON_Delete(root);
	return w.bad ? -1 : 0;
}

/* ---- Quizlet ---- */

/* One Quizlet card ("term<sep>definition", trimmed) into cards; returns 0,
 * or -1 after a problem. */
static int quizlet_card(const char *path, char *t, size_t card, char term_sep, int typed,
			struct strlist *ids, cJSON *cards, struct deck_problems *problems)
{
	char *sep = strchr(t, term_sep);
	if (!sep) {
		strlist_push_owned(&problems->lines,
				   xasprintf("%s: card %zu (\"%.40s\"): no %s between the term "
					     "and its definition", path, card, t,
					     term_sep == '\t' ? "tab" : "comma"));
		return -1;
	}
	*sep = '\0';
	char *term = trimmed(t), *def = trimmed(sep + 1);
	int rc = 0;
	if (!*term || !*def) {
		strlist_push_owned(&problems->lines,
				   xasprintf("%s: card %zu: the %s is empty", path, card,
					     *term ? "definition" : "term"));
		rc = -1;
	} else {
		struct strbuf sb = STRBUF_INIT;
		cJSON *o = cJSON_CreateObject();
		unique_id(term, card, ids, &sb);
		cJSON_AddStringToObject(o, "id", strbuf_str(&sb));
		cJSON_AddStringToObject(o, "type", typed ? "typed" : "basic");
		cJSON_AddStringToObject(o, typed ? "prompt" : "front", term);
		cJSON_AddStringToObject(o, typed ? "answer" : "back", def);
		cJSON_AddItemToArray(cards, o);
		strbuf_release(&sb);
	}
	free(term);
	free(def);
	return rc;
}

char *convert_quizlet(const char *path, const char *text, size_t len, int typed,
		      struct deck_convert_report *report, struct deck_problems *problems)
{
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		text += 3, len -= 3;
	/* term and definition: a tab when there is one, else a comma; cards:
	 * new lines, or semicolons when the text is one line of them */
	char term_sep = memchr(text, '\t', len) ? '\t' : ',';
	size_t lines = 0;
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n' && i + 1 < len && text[i + 1] != '\n')
			lines++;
	char card_sep = lines == 0 && memchr(text, ';', len) ? ';' : '\n';
	cJSON *cards = cJSON_CreateArray();
	struct strlist ids = STRLIST_INIT;
	size_t n_bad = 0, card = 0;
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && text[j] != card_sep)
			j++;
		char *raw = xstrndup(text + i, j - i), *t = trimmed(raw);
		free(raw);
		i = j + 1;
		if (*t) {
			card++;
			report->notes++;
			n_bad += quizlet_card(path, t, card, term_sep, typed, &ids, cards, problems) != 0;
		}
		free(t);
	}
	char *json = NULL;
	if (!n_bad) {
		const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		char *stem = xstrdup(base), *dot = strrchr(stem, '.');
		struct strbuf sb = STRBUF_INIT;
		if (dot && dot != stem)
			*dot = '\0';
		cJSON *root = cJSON_CreateObject();
		cJSON_AddNumberToObject(root, "swot_deck", 1);
		convert_slug(stem, 64, &sb);
		cJSON_AddStringToObject(root, "id", sb.len ? strbuf_str(&sb) : "quizlet-set");
		cJSON_AddStringToObject(root, "title", stem);
		cJSON_AddItemToObject(root, "cards", cards);
		cards = NULL;
		json = convert_indent(cJSON_Print(root));
		cJSON_Delete(root);
		strbuf_release(&sb);
		free(stem);
	}
	cJSON_Delete(cards);
	strlist_release(&ids);
	return json;
}
