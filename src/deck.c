/*
 * deck.c: deck format 1.  A deck file goes through four steps:
 *
 *   1. raw bytes: size cap, UTF-8, then a strict JSON syntax scan that
 *      gives "FILE:LINE:COLUMN: message" (deck_json.c);
 *   2. cJSON builds the tree;
 *   3. the tree is checked against the format and copied into plain C
 *      structs, every problem reported with its place ("quotes[3] \"x\"");
 *   4. references and cross-field rules are checked, then the notes are
 *      expanded into cards (deck_expand.c).
 *
 * Steps 2 to 4 and the loading are here.  No cJSON pointer leaves this
 * file.
 */
#include "deck_int.h"

#include <cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>

#define MAX_ID_LEN 64

/* ---- problems ---- */

void deck_problems_init(struct deck_problems *p)
{
	strlist_init(&p->lines);
}

void deck_problems_release(struct deck_problems *p)
{
	strlist_release(&p->lines);
}

/* Where a problem is: a note ("quotes[12] \"weeping\"", its id read from
 * the tree only when a message needs it) or an object ("text"). */
struct where {
	const char *section;
	size_t index;      /* (size_t)-1: an object, not a list item */
	const cJSON *note; /* the note's object, for its id; may be NULL */
};

static char *shown(const char *s);

/* "PATH: quotes[12] \"weeping\": " or "PATH: text: " or "PATH: ". */
static void place_prefix(const struct ctx *c, const struct where *place, struct strbuf *sb);

static void vproblem(struct ctx *c, const struct where *place, const char *fmt,
		     va_list ap)
{
	c->n++;
	if (c->n > MAX_PROBLEMS)
		return;
	struct strbuf sb = STRBUF_INIT, shown_sb = STRBUF_INIT;
	place_prefix(c, place, &sb);
	strbuf_vaddf(&sb, fmt, ap);
	/* Keys, values and ids from the deck reach the terminal through the
	 * message: never as escape sequences. */
	strbuf_add_visible(&shown_sb, strbuf_str(&sb), 0);
	strbuf_release(&sb);
	strlist_push_owned(&c->out->lines, strbuf_detach(&shown_sb));
}

static void place_prefix(const struct ctx *c, const struct where *place, struct strbuf *sb0)
{
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
	strbuf_adds(sb0, strbuf_str(&sb));
	strbuf_release(&sb);
}

/* A remark lint shows beside "ok" (see struct deck). */
static void remark(struct ctx *c, struct deck *d, const struct where *place,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void remark(struct ctx *c, struct deck *d, const struct where *place,
		   const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	place_prefix(c, place, &sb);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	strlist_push_owned(&d->remarks, visible_dup(strbuf_str(&sb), 0));
	strbuf_release(&sb);
}

/* Whether the problems shown are at their cap: later ones are only
 * counted, so nothing costly (a "did you mean" search) is done for them. */
static int capped(const struct ctx *c)
{
	return c->n >= MAX_PROBLEMS;
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
		size_t k = deck_utf8_seq(p + i, n - i, &cp);
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

/* The first control character other than tab and line feed, or 0: C0,
 * DEL, C1 (U+009B is a terminal's CSI) and the bidirectional overrides,
 * which would reorder what the student reads. */
static int bad_control(const char *s)
{
	for (; *s; s++) {
		size_t n;
		int cp = unsafe_control_at(s, &n);
		if (cp)
			return cp;
	}
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

/* ---- step 3: the tree against the format ---- */

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
static const char *const text_keys[] = { "title", "author", "year", "edition" };
static const char *const course_keys[] = { "qualifications", "boards" };
static const char *const character_keys[] = {
	"id", "name", "aliases", "summary", "notes", "group"
};
static const char *const theme_keys[] = { "id", "name", "summary", "key_quotes" };
static const char *const quote_keys[] = {
	"id", "text", "speaker", "chapter", "stave", "act", "scene", "line", "stanza",
	"themes", "gaps", "analysis", "ao", "narration"
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
	struct strmap seen = STRMAP_INIT; /* the keys so far */
	size_t nth = 0;
	for (const cJSON *k = v->child; k; k = k->next, nth++) {
		if (strmap_add(&seen, k->string, strlen(k->string), nth) != STRMAP_NONE) {
			char *ks = shown(k->string);
			problem(c, place, "key \"%s\" appears twice", ks);
			free(ks);
			ok = 0;
		}
		if (in_names(k->string, allowed.names, allowed.n))
			continue;
		ok = 0;
		if (capped(c)) { /* counted; a suggestion would not be shown */
			problem(c, place, "unknown key");
			continue;
		}
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
	strmap_release(&seen);
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
	struct strmap seen = STRMAP_INIT; /* the items so far: linear, not
					   * quadratic, in a long list */
	out->items = count ? arena_alloc(c->mem, count * sizeof *out->items,
					 _Alignof(char *)) : NULL;
	out->n = 0;
	out->alloc = count;
	strmap_reserve(&seen, count);
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
		if (strmap_add(&seen, s, strlen(s), i) != STRMAP_NONE) {
			char *ss = shown(s);
			problem(c, place, "\"%s\" lists \"%s\" twice", key, ss);
			free(ss);
			ok = 0;
			continue;
		}
		out->items[out->n++] = arena_strdup(c->mem, s);
	}
	strmap_release(&seen);
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

/* Reads an optional true/false under key into *out (1 or 0). */
static void opt_bool(struct ctx *c, const struct where *place, const cJSON *obj,
		     const char *key, int *out)
{
	const cJSON *v = get(obj, key);
	if (!v)
		return;
	if (!cJSON_IsBool(v)) {
		problem(c, place, "\"%s\" must be true or false, not %s", key, json_type_name(v));
		return;
	}
	*out = cJSON_IsTrue(v);
}

/* Reads the id of a note and checks it is unique in its section; a
 * malformed id goes to bad_ids (when not NULL). */
static char *note_id(struct ctx *c, const struct where *place, const cJSON *obj,
		     struct strmap *seen, struct strlist *bad_ids)
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
	size_t prev = deck_id_add(seen, s, place->index);
	if (prev != (size_t)-1) {
		problem(c, place, "id \"%s\" is already used by %s[%zu]", s,
			place->section, prev);
		return NULL;
	}
	return arena_strdup(c->mem, s);
}

/* The length of an optional section (a list under key); 0 after a
 * problem when it is not a list. */
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

static const char *const section_names[] = { "characters", "themes", "quotes", "cards" };

/* The key a section is under: its own, or, when the deck has none, an
 * unknown key that is a list and most likely a misspelling of it
 * ("qoutes"), so the notes in it are checked all the same. */
static const char *section_key(const cJSON *root, const char *key)
{
	if (get(root, key))
		return key;
	for (const cJSON *k = root->child; k; k = k->next) {
		if (!cJSON_IsArray(k) || in_names(k->string, top_keys,
						  sizeof top_keys / sizeof *top_keys))
			continue;
		const char *near = closest(k->string, top_keys, sizeof top_keys / sizeof *top_keys);
		if (near && !strcmp(near, key))
			return k->string;
	}
	return key;
}

/* The top-level keys: a misspelt section says whether its contents were
 * checked as the section it most likely names. */
static void check_top_keys(struct ctx *c, const cJSON *root)
{
	const char *allowed[sizeof top_keys / sizeof *top_keys + 4];
	size_t n = 0;
	for (size_t i = 0; i < sizeof top_keys / sizeof *top_keys; i++)
		allowed[n++] = top_keys[i];
	for (size_t s = 0; s < 4; s++) {
		const char *k = section_key(root, section_names[s]);
		if (strcmp(k, section_names[s]) != 0) {
			char *ks = shown(k);
			problem(c, NULL, "unknown key \"%s\" (did you mean \"%s\"? its contents "
				"were checked as %s)", ks, section_names[s], section_names[s]);
			free(ks);
			allowed[n++] = k;
		}
	}
	/* a misspelling of a section the deck has too: its contents are not
	 * checked, and the message says so */
	for (const cJSON *k = root->child; k; k = k->next) {
		if (in_names(k->string, allowed, n))
			continue;
		const char *near = closest(k->string, section_names, 4);
		if (near && cJSON_IsArray(k)) {
			char *ks = shown(k->string);
			problem(c, NULL, "unknown key \"%s\" (did you mean \"%s\"? the deck has "
				"\"%s\" already, so the contents of \"%s\" were not checked)",
				ks, near, near, ks);
			free(ks);
			allowed[n < sizeof allowed / sizeof *allowed ? n++ : n - 1] = k->string;
		}
	}
	check_keys(c, NULL, root, (struct keys){ allowed, n }, NULL);
}

/* Reads a note of a section, an object at place, into item. */
typedef void read_note_fn(struct loading *L, void *item, const cJSON *e,
			  const struct where *place, struct strmap *ids);

/*
 * The skeleton of every section: the list under name (or a misspelling
 * of it) gets an array of *n items of size bytes, in the deck's arena or,
 * when on_heap, one the caller frees; each element gets its place (for
 * messages, now and in step 4: *places, a new array the caller frees),
 * then read_note reads it into its item when it is an object.  Returns
 * the items.
 */
static void *read_section(struct loading *L, const cJSON *root, const char *name,
			  size_t size, int on_heap, size_t *n, struct where **places,
			  struct strmap *ids, read_note_fn *read_note)
{
	struct ctx *c = L->c;
	const char *key = section_key(root, name);
	*n = section_size(c, root, key);
	char *items = on_heap ? xcalloc(*n, size) : arena_calloc(c->mem, *n, size);
	*places = xcalloc(*n, sizeof **places);
	if (!*n)
		return items;
	size_t i = 0;
	for (const cJSON *e = get(root, key)->child; e; e = e->next, i++) {
		struct where *place = &(*places)[i];
		*place = (struct where){ key, i, e };
		if (element_is_object(c, place, e))
			read_note(L, items + i * size, e, place, ids);
	}
	return items;
}

/* Checks a note's keys against keys and reads its id (as note_id). */
static char *note_begin(struct ctx *c, const struct where *place, const cJSON *e,
			struct keys keys, struct strmap *ids, struct strlist *bad_ids)
{
	check_keys(c, place, e, keys, NULL);
	return note_id(c, place, e, ids, bad_ids);
}

/* Refuses the text of key when it holds a brace, which would mark a gap
 * in the cloze cards that show it (why: where braces mean gaps). */
static void no_braces(struct ctx *c, const struct where *place, const char *key,
		      char **text, const char *why)
{
	if (*text && (strchr(*text, '{') || strchr(*text, '}'))) {
		problem(c, place, "\"%s\" must not contain '{' or '}' (%s)", key, why);
		*text = NULL;
	}
}

static void read_character(struct loading *L, void *item, const cJSON *e,
			   const struct where *place, struct strmap *ids)
{
	struct ctx *c = L->c;
	struct deck_character *ch = item;
	ch->id = note_begin(c, place, e, KEYS(character_keys), ids, &L->bad_char_ids);
	req_text(c, place, e, "name", &ch->name);
	/* the name follows its quotes in their cloze cards */
	no_braces(c, place, "name", &ch->name,
		  "braces mark the gaps of cloze cards, which show the name");
	req_text(c, place, e, "summary", &ch->summary);
	opt_text(c, place, e, "notes", &ch->notes);
	opt_list(c, place, e, "aliases", ITEM_TEXT, 0, &ch->aliases);
	opt_bool(c, place, e, "group", &ch->group);
}

static void read_theme(struct loading *L, void *item, const cJSON *e,
		       const struct where *place, struct strmap *ids)
{
	struct ctx *c = L->c;
	struct deck_theme *t = item;
	t->id = note_begin(c, place, e, KEYS(theme_keys), ids, &L->bad_theme_ids);
	req_text(c, place, e, "name", &t->name);
	req_text(c, place, e, "summary", &t->summary);
	opt_list(c, place, e, "key_quotes", ITEM_ID, 0, &t->key_quotes);
	if (t->key_quotes.n > DECK_THEME_QUOTES)
		problem(c, place, "\"key_quotes\" lists %zu quotes: a theme card shows at most %d",
			t->key_quotes.n, DECK_THEME_QUOTES);
}

/*
 * Where a quote stands: "chapter", "stave", "act" with "scene", or
 * "stanza"; "line" with an act or a stanza.  At most one kind.
 */
static void read_location(struct ctx *c, const struct where *place, const cJSON *e,
			  struct deck_quote *q)
{
	static const char *const parts[] = { "chapter", "stave", "act", "stanza" };
	static const enum deck_loc_kind kinds[] = { LOC_CHAPTER, LOC_STAVE, LOC_SCENE, LOC_STANZA };
	const char *first = NULL;
	for (size_t k = 0; k < 4; k++) {
		const cJSON *v = get(e, parts[k]);
		int n = 0;
		if (!v)
			continue;
		if (first) {
			problem(c, place, "\"%s\" and \"%s\" both place the quote: give one "
				"(chapter, stave, act and scene, or stanza)", first, parts[k]);
			continue;
		}
		first = parts[k];
		char what[32];
		snprintf(what, sizeof what, "\"%s\"", parts[k]);
		if (want_int(c, place, what, v, 1, 9999, &n)) {
			q->loc.kind = kinds[k];
			q->loc.part = n;
		}
	}
	if (q->loc.kind == LOC_CHAPTER)
		q->chapter = q->loc.part;
	const cJSON *scene = get(e, "scene"), *line = get(e, "line");
	int is_act = first && !strcmp(first, "act"), is_stanza = first && !strcmp(first, "stanza");
	if (scene && !is_act)
		problem(c, place, "\"scene\" needs an \"act\" (\"act\": 1, \"scene\": 7)");
	else if (scene)
		want_int(c, place, "\"scene\"", scene, 1, 9999, &q->loc.scene);
	else if (is_act)
		problem(c, place, "\"act\" needs a \"scene\" (\"act\": 1, \"scene\": 7)");
	if (line && !is_act && !is_stanza)
		problem(c, place, "\"line\" needs an \"act\" and \"scene\", or a \"stanza\"");
	else if (line)
		want_int(c, place, "\"line\"", line, 1, 99999, &q->loc.line);
	if (q->loc.kind == LOC_SCENE && !q->loc.scene)
		q->loc.kind = LOC_NONE; /* reported above */
}

/*
 * A quote's gaps: each the words to blank, or {"text": words, "accept":
 * [other answers]}.  The words go to q->gaps, the other answers to
 * q->gap_accept as "N:answer".
 */
static void read_gaps(struct ctx *c, const struct where *place, const cJSON *v,
		      struct deck_quote *q)
{
	if (!cJSON_IsArray(v)) {
		problem(c, place, "\"gaps\" must be a list [...], not %s", json_type_name(v));
		return;
	}
	size_t count = (size_t)cJSON_GetArraySize(v), i = 0, n_acc = 0;
	q->gaps.items = count ? arena_alloc(c->mem, count * sizeof *q->gaps.items,
						 _Alignof(char *)) : NULL;
	q->gaps.alloc = count;
	for (const cJSON *g = v->child; g; g = g->next)
		if (cJSON_IsObject(g) && cJSON_IsArray(get(g, "accept")))
			n_acc += (size_t)cJSON_GetArraySize(get(g, "accept"));
	q->gap_accept.items = n_acc ? arena_alloc(c->mem, n_acc * sizeof(char *),
						       _Alignof(char *)) : NULL;
	q->gap_accept.alloc = n_acc;
	for (const cJSON *g = v->child; g; g = g->next, i++) {
		char what[48];
		snprintf(what, sizeof what, "gaps[%zu]", i);
		const cJSON *text = g;
		if (cJSON_IsObject(g)) {
			static const char *const gap_keys[] = { "text", "accept" };
			struct where at = *place;
			check_keys(c, &at, g, KEYS(gap_keys), NULL);
			text = get(g, "text");
			snprintf(what, sizeof what, "gaps[%zu].text", i);
			if (!text) {
				problem(c, place, "gaps[%zu] has no \"text\" (the words to blank out)", i);
				continue;
			}
		} else if (!cJSON_IsString(g)) {
			problem(c, place, "gaps[%zu] must be the words to blank out, or "
				"{\"text\": words, \"accept\": [other answers]}, not %s", i,
				json_type_name(g));
			continue;
		}
		const char *s = want_text(c, place, what, text);
		if (!s)
			continue;
		for (size_t k = 0; k < q->gaps.n; k++)
			if (!strcmp(q->gaps.items[k], s)) {
				char *ss = shown(s);
				problem(c, place, "\"gaps\" lists \"%s\" twice", ss);
				free(ss);
				s = NULL;
				break;
			}
		if (!s)
			continue;
		q->gaps.items[q->gaps.n++] = arena_strdup(c->mem, s);
		const cJSON *acc = cJSON_IsObject(g) ? get(g, "accept") : NULL;
		if (!acc)
			continue;
		struct strlist alts = STRLIST_INIT;
		snprintf(what, sizeof what, "gaps[%zu].accept", i);
		if (!want_list(c, place, what, acc, ITEM_TEXT, 1, &alts))
			continue; /* (alts lives in the deck's memory) */
		for (size_t k = 0; k < alts.n; k++) {
			char *alt = xasprintf("%zu:%s", q->gaps.n, alts.items[k]);
			q->gap_accept.items[q->gap_accept.n++] = arena_strdup(c->mem, alt);
			free(alt);
		}
	}
	if (i == 0)
		problem(c, place, "\"gaps\" must have at least 1 item");
}

static void read_quote(struct loading *L, void *item, const cJSON *e,
		       const struct where *place, struct strmap *ids)
{
	struct ctx *c = L->c;
	struct deck_quote *q = item;
	q->id = note_begin(c, place, e, KEYS(quote_keys), ids, NULL);
	req_text(c, place, e, "text", &q->text);
	no_braces(c, place, "text", &q->text, "the gaps are listed in \"gaps\"");
	const cJSON *v = get(e, "speaker");
	if (v) {
		const char *s = want_id(c, place, "\"speaker\"", v);
		if (s)
			q->speaker = arena_strdup(c->mem, s);
	}
	read_location(c, place, e, q);
	opt_list(c, place, e, "themes", ITEM_ID, 0, &q->themes);
	if (!get(e, "gaps"))
		problem(c, place, "missing required key \"gaps\" (the words to blank out, e.g. [\"word\"])");
	else
		read_gaps(c, place, get(e, "gaps"), q);
	opt_text(c, place, e, "analysis", &q->analysis);
	opt_list(c, place, e, "ao", ITEM_AO, 0, &q->ao);
	opt_bool(c, place, e, "narration", &q->narration);
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

/* The types a deck's free card may have: all but CARD_WHO, the last. */
#define FREE_CARD_TYPES CARD_WHO

/* The type of free card e; NULL after a problem.  Sets f->type. */
static const char *card_type(struct ctx *c, const struct where *place, const cJSON *e,
			     struct free_card *f)
{
	const cJSON *tv = get(e, "type");
	const char *type = NULL;
	if (!tv) {
		problem(c, place, "missing required key \"type\" (basic, typed, cloze or choice)");
	} else if (cJSON_IsString(tv)) {
		for (size_t t = 0; t < FREE_CARD_TYPES; t++)
			if (strcmp(tv->valuestring, deck_card_type_names[t]) == 0)
				type = deck_card_type_names[t], f->type = (enum deck_card_type)t;
		if (!type) {
			char *ts = shown(tv->valuestring);
			const char *near = closest(tv->valuestring, deck_card_type_names, FREE_CARD_TYPES);
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
	return type;
}

/* The keys of a free card: the common ones and its type's (type NULL:
 * any card's). */
static void check_card_keys(struct ctx *c, const struct where *place, const cJSON *e,
			    const char *type, enum deck_card_type t)
{
	if (!type) {
		check_keys(c, place, e, KEYS(all_card_keys), NULL);
		return;
	}
	const char *specific[11];
	size_t ns = 0;
	for (size_t k = 0; k < 4; k++)
		specific[ns++] = card_common_keys[k];
	const char *const *extra = NULL;
	size_t nx = 0;
	switch (t) {
	case CARD_BASIC: extra = basic_keys, nx = 2; break;
	case CARD_TYPED: extra = typed_keys, nx = 3; break;
	case CARD_CLOZE: extra = cloze_keys, nx = 1; break;
	case CARD_CHOICE: extra = choice_keys, nx = 3; break;
	case CARD_WHO: break;
	}
	for (size_t k = 0; k < nx; k++)
		specific[ns++] = extra[k];
	check_keys(c, place, e, (struct keys){ specific, ns }, type);
}

/* A choice card's answer given as the option's text: its index, or -1
 * after a problem. */
static int option_named(struct ctx *c, const struct where *place, const cJSON *ov,
			const char *s)
{
	int i = 0;
	size_t n = 0;
	const char *names[64];
	for (const cJSON *o = cJSON_IsArray(ov) ? ov->child : NULL; o; o = o->next, i++) {
		if (cJSON_IsString(o) && !strcmp(o->valuestring, s))
			return i;
		if (cJSON_IsString(o) && n < 64)
			names[n++] = o->valuestring;
	}
	char *ss = shown(s);
	const char *near = NULL;
	for (size_t k = 0; k < n && !near; k++)
		if (!strcasecmp(names[k], s))
			near = names[k];
	if (!near)
		near = closest(s, names, n);
	if (near)
		problem(c, place, "\"answer\" \"%s\" is not one of the options (did you mean \"%s\"?)",
			ss, near);
	else
		problem(c, place, "\"answer\" \"%s\" is not one of the options: give the right "
			"option's text exactly, or its number from 0", ss);
	free(ss);
	return -1;
}

/* A choice card's prompt, options and the index of the right one. */
static void read_choice(struct ctx *c, struct deck *d, const struct where *place,
			const cJSON *e, struct free_card *f)
{
	req_text(c, place, e, "prompt", &f->prompt);
	const cJSON *ov = get(e, "options");
	if (!ov)
		problem(c, place, "missing required key \"options\"");
	else
		want_list(c, place, "options", ov, ITEM_TEXT, 2, &f->options);
	const cJSON *av = get(e, "answer");
	if (!av) {
		problem(c, place, "missing required key \"answer\" (the right option's text, "
			"or its number from 0)");
	} else if (cJSON_IsString(av)) {
		int k = option_named(c, place, ov, av->valuestring);
		f->correct = k < 0 ? 0 : k;
	} else if (want_int(c, place, "\"answer\"", av, 0, 1000000, &f->correct) &&
		   cJSON_IsArray(ov)) {
		int no = cJSON_GetArraySize(ov);
		if (f->correct >= no) {
			problem(c, place,
				"\"answer\" %d is not an option: options are numbered from 0, "
				"so with %d option%s the answer is 0 to %d",
				f->correct, no, no == 1 ? "" : "s", no - 1);
		} else {
			/* the number a teacher meant may be the one after */
			const cJSON *o = cJSON_GetArrayItem(ov, f->correct);
			if (cJSON_IsString(o)) {
				char *os = shown(o->valuestring);
				remark(c, d, place, "\"answer\": %d is option %d, \"%s\" "
				       "(options are numbered from 0)", f->correct, f->correct + 1, os);
				free(os);
			}
		}
	}
}

static void read_card(struct loading *L, void *item, const cJSON *e,
		      const struct where *place, struct strmap *ids)
{
	struct ctx *c = L->c;
	struct free_card *f = item;
	const char *type = card_type(c, place, e, f);
	f->type_ok = type != NULL;
	check_card_keys(c, place, e, type, f->type);
	f->id = note_id(c, place, e, ids, NULL);
	opt_list(c, place, e, "tags", ITEM_ID, 0, &f->tags);
	opt_text(c, place, e, "explain", &f->explain);
	if (!type)
		return;
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
	case CARD_CHOICE:
		read_choice(c, L->d, place, e, f);
		break;
	case CARD_WHO:
		break;
	}
}

/* The ids of each section: id -> index in it. */
struct section_ids {
	struct strmap chars, themes, quotes, cards;
};

/* Step 3 for the four sections of notes, in file order. */
static void read_notes(struct loading *L, const cJSON *root, struct section_ids *ids)
{
	struct deck *d = L->d;
	d->characters = read_section(L, root, "characters", sizeof *d->characters, 0,
				     &d->n_characters, &L->char_place, &ids->chars,
				     read_character);
	d->themes = read_section(L, root, "themes", sizeof *d->themes, 0, &d->n_themes,
				 &L->theme_place, &ids->themes, read_theme);
	d->quotes = read_section(L, root, "quotes", sizeof *d->quotes, 0, &d->n_quotes,
				 &L->quote_place, &ids->quotes, read_quote);
	/* the free cards as written: only their cards stay */
	L->free = read_section(L, root, "cards", sizeof *L->free, 1, &d->n_free,
			       &L->card_place, &ids->cards, read_card);
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
			opt_text(c, &w_text, v, "edition", &d->text_edition);
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

long deck_place_gaps(const char *text, const struct strlist *gaps,
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

/* name as summary has it, or name without its leading article (the
 * answer checker takes "butler" for "the butler"), or NULL. */
static const char *name_in(const char *summary, const char *name)
{
	if (!name)
		return NULL;
	if (find_word(summary, name, summary))
		return name;
	const char *bare = skip_article(name);
	return bare && find_word(summary, bare, summary) ? bare : NULL;
}

/* A who card must not give the answer away: no character's summary
 * names them. */
static void check_summaries(struct loading *L)
{
	struct deck *d = L->d;
	for (size_t i = 0; i < d->n_characters; i++) {
		struct deck_character *ch = &d->characters[i];
		if (!ch->summary)
			continue;
		const char *named = name_in(ch->summary, ch->name);
		for (size_t k = 0; !named && k < ch->aliases.n; k++)
			named = name_in(ch->summary, ch->aliases.items[k]);
		if (named) {
			char *ns = shown(named);
			problem(L->c, &L->char_place[i],
				"\"summary\" names the character (\"%s\"): the summary is the "
				"question of the \"who\" card, so it must not give the answer away",
				ns);
			free(ns);
		}
	}
}

/* The ids a reference may name, for "did you mean". */
struct known_ids {
	const char **chars, **themes;
	size_t nc, nt;
};

static void check_quote_refs(struct loading *L, const struct deck_quote *q,
			     const struct where *place, const struct known_ids *k,
			     struct strmap *char_ids, struct strmap *theme_ids)
{
	struct ctx *c = L->c;
	if (q->speaker && deck_id_get(char_ids, q->speaker) == (size_t)-1 &&
	    (capped(c) || !in_list(&L->bad_char_ids, q->speaker))) {
		const char *near = capped(c) ? NULL : closest(q->speaker, k->chars, k->nc);
		if (near)
			problem(c, place, "speaker \"%s\" is not a character id (did you mean \"%s\"?)",
				q->speaker, near);
		else if (k->nc == 0)
			problem(c, place, "speaker \"%s\" is not a character id (the deck has no characters)",
				q->speaker);
		else
			problem(c, place, "speaker \"%s\" is not a character id", q->speaker);
	}
	for (size_t j = 0; j < q->themes.n; j++) {
		const char *t = q->themes.items[j];
		if (deck_id_get(theme_ids, t) != (size_t)-1 ||
		    (!capped(c) && in_list(&L->bad_theme_ids, t)))
			continue;
		const char *near = capped(c) ? NULL : closest(t, k->themes, k->nt);
		if (near)
			problem(c, place, "themes: \"%s\" is not a theme id (did you mean \"%s\"?)",
				t, near);
		else if (k->nt == 0)
			problem(c, place, "themes: \"%s\" is not a theme id (the deck has no themes)", t);
		else
			problem(c, place, "themes: \"%s\" is not a theme id", t);
	}
}

static long gap_given_away(const char *text, const struct placed_gap *g, size_t n);
static void report_given_away(struct ctx *c, const struct where *place, const char *gap);

/* Every gap of a quote has its own place in the text. */
static void check_quote_gaps(struct ctx *c, const struct deck_quote *q,
			     const struct where *place)
{
	if (!q->text || !q->gaps.n)
		return;
	struct placed_gap *g = xcalloc(q->gaps.n, sizeof *g);
	int nowhere = 0;
	long bad = deck_place_gaps(q->text, &q->gaps, g, &nowhere);
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
	} else if ((bad = gap_given_away(q->text, g, q->gaps.n)) >= 0) {
		report_given_away(c, place, g[bad].gap);
	}
	free(g);
}

/* ASCII letters folded to lower case (a copy the caller frees). */
static char *folded(const char *s, size_t n)
{
	char *r = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		r[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	r[n] = '\0';
	return r;
}

/*
 * A cloze card must not give a gap away: the gap's words, whole and in
 * any case, must not stand elsewhere in what the card shows (its text
 * with the gaps blanked).  g: the n gaps placed in text, in text order.
 * Returns the index in g of the first gap given away, or -1.
 */
static long gap_given_away(const char *text, const struct placed_gap *g, size_t n)
{
	struct strbuf shown_text = STRBUF_INIT;
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		strbuf_add(&shown_text, text + at, g[i].at - at);
		strbuf_addc(&shown_text, '\n'); /* the blank: no word runs across it */
		at = g[i].at + g[i].len;
	}
	strbuf_adds(&shown_text, text + at);
	char *rest = folded(strbuf_str(&shown_text), shown_text.len);
	long found = -1;
	for (size_t i = 0; i < n && found < 0; i++) {
		char *gap = folded(g[i].gap, g[i].len);
		if (find_word(rest, gap, rest))
			found = (long)i;
		free(gap);
	}
	free(rest);
	strbuf_release(&shown_text);
	return found;
}

static void report_given_away(struct ctx *c, const struct where *place, const char *gap)
{
	char *gs = shown(gap);
	problem(c, place, "gap \"%s\" is given away: the same words stand elsewhere in "
		"the card's text (choose other words to blank, or cut the quotation)", gs);
	free(gs);
}

/* A free cloze card's gaps, placed where its {{ }} stood. */
static void check_card_gaps(struct ctx *c, const struct free_card *f,
			    const struct where *place)
{
	if (f->type != CARD_CLOZE || !f->text || !f->gaps.n)
		return;
	struct strbuf plain = STRBUF_INIT;
	struct placed_gap *g = xcalloc(f->gaps.n, sizeof *g);
	size_t n = 0;
	for (const char *p = f->text; *p;) {
		const char *e = p[0] == '{' && p[1] == '{' && n < f->gaps.n ? strstr(p + 2, "}}")
									: NULL;
		if (!e) {
			strbuf_addc(&plain, *p++);
			continue;
		}
		g[n] = (struct placed_gap){ plain.len, (size_t)(e - p - 2), n, f->gaps.items[n] };
		strbuf_add(&plain, p + 2, (size_t)(e - p - 2));
		n++;
		p = e + 2;
	}
	long bad = gap_given_away(strbuf_str(&plain), g, n);
	if (bad >= 0)
		report_given_away(c, place, g[bad].gap);
	free(g);
	strbuf_release(&plain);
}

/* A theme's key quotes are quotes of the deck. */
static void check_key_quotes(struct loading *L, struct strmap *quote_ids)
{
	struct deck *d = L->d;
	const char **names = xcalloc(d->n_quotes + 1, sizeof *names);
	size_t nq = 0;
	for (size_t i = 0; i < d->n_quotes; i++)
		if (d->quotes[i].id)
			names[nq++] = d->quotes[i].id;
	for (size_t t = 0; t < d->n_themes; t++) {
		const struct strlist *kq = &d->themes[t].key_quotes;
		for (size_t j = 0; j < kq->n; j++) {
			if (strmap_get(quote_ids, kq->items[j], strlen(kq->items[j])) != STRMAP_NONE)
				continue;
			const char *near = closest(kq->items[j], names, nq);
			if (near)
				problem(L->c, &L->theme_place[t], "key_quotes: \"%s\" is not a quote "
					"id (did you mean \"%s\"?)", kq->items[j], near);
			else
				problem(L->c, &L->theme_place[t], "key_quotes: \"%s\" is not a quote id",
					kq->items[j]);
		}
	}
	free(names);
}

static void check_references(struct loading *L, struct strmap *char_ids,
			     struct strmap *theme_ids)
{
	struct deck *d = L->d;
	struct known_ids k = { xcalloc(d->n_characters, sizeof *k.chars),
			       xcalloc(d->n_themes, sizeof *k.themes), 0, 0 };
	for (size_t i = 0; i < d->n_characters; i++)
		if (d->characters[i].id)
			k.chars[k.nc++] = d->characters[i].id;
	for (size_t i = 0; i < d->n_themes; i++)
		if (d->themes[i].id)
			k.themes[k.nt++] = d->themes[i].id;
	check_summaries(L);
	for (size_t i = 0; i < d->n_quotes; i++) {
		check_quote_refs(L, &d->quotes[i], &L->quote_place[i], &k, char_ids, theme_ids);
		check_quote_gaps(L->c, &d->quotes[i], &L->quote_place[i]);
	}
	for (size_t i = 0; i < d->n_free; i++)
		check_card_gaps(L->c, &L->free[i], &L->card_place[i]);
	free(k.chars);
	free(k.themes);
}

/* ---- loading ---- */

/*
 * cJSON allocates each node and string with its own malloc; for a large
 * deck that costs more than the parse.  While a deck is parsed its
 * allocation hooks draw from an arena released in one go afterwards (the
 * hooks are process-wide; swot is single-threaded and nothing else parses
 * JSON meanwhile).
 */
static struct arena *json_mem;

static void *json_alloc(size_t n)
{
	return arena_alloc(json_mem, n, _Alignof(max_align_t));
}

static void json_free(void *p)
{
	(void)p; /* released with the arena */
}

static cJSON *parse_json(const char *text, size_t len, struct arena *mem,
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

/*
 * Steps 2 to 4 on text that passed step 1: the tree, the notes, the
 * references, then (when nothing is wrong) the cards.  Returns the deck,
 * which the caller frees even when problems were found.
 */
static struct deck *load_tree(struct ctx *c, const char *path)
{
	struct arena json_arena = ARENA_INIT;
	struct loading L = { c, NULL, NULL, NULL, NULL, NULL, NULL,
			     STRLIST_INIT, STRLIST_INIT };
	struct section_ids ids;
	struct deck *d = NULL;
	const char *end = NULL;
	cJSON *root = parse_json(c->text, c->len, &json_arena, &end);
	if (!root) {
		deck_syntax(c, end ? (size_t)(end - c->text) : 0, "invalid JSON");
		goto out;
	}
	if (!cJSON_IsObject(root)) {
		problem(c, NULL, "a deck must be a JSON object {\"swot_deck\": 1, ...}, not %s",
			json_type_name(root));
		goto out;
	}

	d = xcalloc(1, sizeof *d);
	d->mem = xcalloc(1, sizeof *d->mem);
	arena_init(d->mem);
	c->mem = d->mem;
	d->path = arena_strdup(c->mem, path);
	L.d = d;
	check_top_keys(c, root);
	read_header(c, d, root);
	strmap_init(&ids.chars);
	strmap_init(&ids.themes);
	strmap_init(&ids.quotes);
	strmap_init(&ids.cards);
	read_notes(&L, root, &ids);
	/* the maps borrowed keys from the tree: re-point them at the copies */
	strmap_release(&ids.chars);
	strmap_release(&ids.themes);
	strmap_reserve(&ids.chars, d->n_characters);
	strmap_reserve(&ids.themes, d->n_themes);
	for (size_t i = 0; i < d->n_characters; i++)
		if (d->characters[i].id)
			deck_id_add(&ids.chars, d->characters[i].id, i);
	for (size_t i = 0; i < d->n_themes; i++)
		if (d->themes[i].id)
			deck_id_add(&ids.themes, d->themes[i].id, i);
	/* (the tree still names the notes in messages) */
	check_references(&L, &ids.chars, &ids.themes);
	check_key_quotes(&L, &ids.quotes);
	root = NULL;
	arena_release(&json_arena);
	if (c->n == 0)
		deck_expand(d, c, L.free, &ids.chars, &ids.themes);
	strmap_release(&ids.chars);
	strmap_release(&ids.themes);
	strmap_release(&ids.quotes);
	strmap_release(&ids.cards);
out:
	arena_release(&json_arena);
	free(L.char_place);
	free(L.theme_place);
	free(L.quote_place);
	free(L.card_place);
	free(L.free);
	strlist_release(&L.bad_char_ids);
	strlist_release(&L.bad_theme_ids);
	return d;
}

struct deck *deck_load_buffer(const char *path, const char *text, size_t len,
			      struct deck_problems *problems)
{
	struct ctx c = { path, problems, 0, text, len, NULL, STRBUF_INIT };
	struct deck *d = NULL;

	if (len > SWOT_DECK_MAX_BYTES) {
		problem(&c, NULL, "the file is %zu bytes: deck files are limited to %u MiB",
			len, SWOT_DECK_MAX_BYTES >> 20);
		goto out;
	}
	/* an editor's byte order mark is not part of the text */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		c.text = text + 3;
		c.len = len - 3;
	}
	if (deck_json_check(&c))
		d = load_tree(&c, path);
out:
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
	struct arena mem = ARENA_INIT;
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
	arena_release(&mem);
	return d;
}

void deck_free(struct deck *d)
{
	if (!d)
		return;
	arena_release(d->mem);
	free(d->mem);
	strlist_release(&d->remarks);
	free(d);
}

