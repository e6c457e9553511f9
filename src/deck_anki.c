/*
 * deck_anki.c: an Anki package as deck JSON.  Cloze notes become cloze
 * cards (every deletion of a note a gap of one card, a hint kept after its
 * gap in brackets), other notes basic cards from their first two fields;
 * HTML becomes plain text, images and sounds are dropped and counted; the
 * note's tags and its deck's hierarchy become tags.  Each card's id is
 * "anki-" and Anki's note id, so re-importing a newer export of the same
 * Anki deck keeps progress.
 */
#include "deck_convert_int.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "swot/anki.h"

struct anki_conv {
	const char *path;
	cJSON *cards;
	struct deck_convert_report *report;
	struct deck_problems *problems;
	struct strlist decks; /* each note's deck, to title the whole */
	size_t media;
};

/* Tags from Anki's space-separated tags and the deck's "A::B" hierarchy:
 * each part made an id; none twice. */
static cJSON *tags_of(const char *tags, const char *deck)
{
	cJSON *arr = cJSON_CreateArray();
	struct strlist parts = STRLIST_INIT, seen = STRLIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	if (deck && strcmp(deck, "Default") != 0) {
		for (const char *s = deck;;) {
			const char *e = strstr(s, "::");
			strlist_push_owned(&parts, e ? xstrndup(s, (size_t)(e - s)) : xstrdup(s));
			if (!e)
				break;
			s = e + 2;
		}
	}
	struct strlist words = STRLIST_INIT;
	strlist_split(&words, tags, ' ');
	for (size_t i = 0; i < words.n; i++) {
		for (const char *s = words.items[i];;) {
			const char *e = strstr(s, "::");
			strlist_push_owned(&parts, e ? xstrndup(s, (size_t)(e - s)) : xstrdup(s));
			if (!e)
				break;
			s = e + 2;
		}
	}
	for (size_t i = 0; i < parts.n; i++) {
		strbuf_reset(&sb);
		convert_slug(parts.items[i], 64, &sb);
		int dup = !sb.len;
		for (size_t k = 0; k < seen.n && !dup; k++)
			dup = strcmp(seen.items[k], strbuf_str(&sb)) == 0;
		if (dup)
			continue;
		strlist_push(&seen, strbuf_str(&sb));
		cJSON_AddItemToArray(arr, cJSON_CreateString(strbuf_str(&sb)));
	}
	strlist_release(&words);
	strlist_release(&parts);
	strlist_release(&seen);
	strbuf_release(&sb);
	return arr;
}

/* Anki's cloze text ({{c1::answer}}, {{c2::answer::hint}}) as swot's:
 * {{answer}}, a hint after its gap in brackets, other braces made
 * parentheses.  Returns the number of gaps. */
static size_t cloze_text(const char *s, struct strbuf *out)
{
	size_t gaps = 0;
	while (*s) {
		if (s[0] == '{' && s[1] == '{' && s[2] == 'c') {
			const char *p = s + 3;
			while (*p >= '0' && *p <= '9')
				p++;
			const char *end = p > s + 3 && p[0] == ':' && p[1] == ':' ? strstr(p, "}}") : NULL;
			if (end) {
				const char *ans = p + 2, *hint = strstr(ans, "::");
				const char *ans_end = hint && hint < end ? hint : end;
				struct strbuf a = STRBUF_INIT;
				for (const char *q = ans; q < ans_end; q++)
					strbuf_addc(&a, *q == '{' ? '(' : *q == '}' ? ')' : *q);
				/* spaces (an &nbsp; at either end) stay outside the gap */
				size_t lo = 0, hi = a.len;
				while (lo < hi && (a.buf[lo] == ' ' || a.buf[lo] == '\n'))
					lo++;
				while (hi > lo && (a.buf[hi - 1] == ' ' || a.buf[hi - 1] == '\n'))
					hi--;
				if (lo == hi) {
					strbuf_adds(out, strbuf_str(&a));
				} else {
					strbuf_add(out, a.buf, lo);
					strbuf_adds(out, "{{");
					strbuf_add(out, a.buf + lo, hi - lo);
					strbuf_adds(out, "}}");
					strbuf_add(out, a.buf + hi, a.len - hi);
					gaps++;
				}
				strbuf_release(&a);
				if (hint && hint < end) {
					strbuf_adds(out, " [");
					for (const char *q = hint + 2; q < end; q++)
						strbuf_addc(out, *q == '{' ? '(' : *q == '}' ? ')' : *q);
					strbuf_addc(out, ']');
				}
				s = end + 2;
				continue;
			}
		}
		strbuf_addc(out, *s == '{' ? '(' : *s == '}' ? ')' : *s);
		s++;
	}
	return gaps;
}

static void skip(struct anki_conv *c, const struct anki_note *n, const char *why)
{
	c->report->skipped++;
	strlist_push_owned(&c->report->skipped_notes,
			   xasprintf("%s: note %lld (%s) skipped: %s", c->path, (long long)n->id,
				     n->notetype[0] ? n->notetype : "unknown note type", why));
}

static int on_note(void *ctx, const struct anki_note *n)
{
	struct anki_conv *c = ctx;
	struct strbuf front = STRBUF_INIT, back = STRBUF_INIT, text = STRBUF_INIT;
	c->report->notes++;
	if (n->n_fields > 0)
		convert_html_text(n->fields[0], &c->media, &front);
	if (n->n_fields > 1)
		convert_html_text(n->fields[1], &c->media, &back);
	char id[48];
	snprintf(id, sizeof id, "anki-%lld", (long long)n->id);
	cJSON *card = cJSON_CreateObject();
	cJSON_AddStringToObject(card, "id", id);
	size_t gaps = n->cloze ? cloze_text(strbuf_str(&front), &text) : 0;
	if (gaps) {
		cJSON_AddStringToObject(card, "type", "cloze");
		cJSON_AddStringToObject(card, "text", strbuf_str(&text));
		if (back.len)
			cJSON_AddStringToObject(card, "explain", strbuf_str(&back));
	} else if (front.len && back.len) {
		cJSON_AddStringToObject(card, "type", "basic");
		cJSON_AddStringToObject(card, "front", strbuf_str(&front));
		cJSON_AddStringToObject(card, "back", strbuf_str(&back));
	} else {
		skip(c, n, n->cloze ? "its text has no cloze deletion"
				    : front.len ? "its second field is empty"
						: "its first field is empty");
		cJSON_Delete(card);
		card = NULL;
	}
	if (card) {
		cJSON *tags = tags_of(n->tags, n->deck);
		if (cJSON_GetArraySize(tags))
			cJSON_AddItemToObject(card, "tags", tags);
		else
			cJSON_Delete(tags);
		cJSON_AddItemToArray(c->cards, card);
		strlist_push(&c->decks, n->deck ? n->deck : "");
	}
	strbuf_release(&front);
	strbuf_release(&back);
	strbuf_release(&text);
	return 0;
}

/* The deck most notes are in, or NULL. */
static const char *main_deck(const struct strlist *decks)
{
	const char *best = NULL;
	size_t best_n = 0;
	for (size_t i = 0; i < decks->n; i++) {
		size_t k = 0;
		for (size_t j = 0; j < decks->n; j++)
			k += strcmp(decks->items[i], decks->items[j]) == 0;
		if (k > best_n && decks->items[i][0] && strcmp(decks->items[i], "Default") != 0)
			best = decks->items[i], best_n = k;
	}
	return best;
}

char *convert_anki(const char *path, struct deck_convert_report *report,
		   struct deck_problems *problems)
{
	struct swot_err err = { 0 };
	struct anki_package *p;
	if (anki_open(path, &p, &err)) {
		strlist_push(&problems->lines, err.msg);
		return NULL;
	}
	struct anki_conv c = { path, cJSON_CreateArray(), report, problems, STRLIST_INIT, 0 };
	int rc = anki_each_note(p, on_note, &c, &err);
	report->media = anki_media_count(p) > c.media ? anki_media_count(p) : c.media;
	anki_close(p);
	char *json = NULL;
	if (rc) {
		strlist_push(&problems->lines, err.msg);
		goto out;
	}
	/* the deck's id and title from the file's name and Anki's deck */
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *stem = xstrdup(base), *dot = strrchr(stem, '.');
	if (dot && dot != stem)
		*dot = '\0';
	struct strbuf sb = STRBUF_INIT;
	convert_slug(stem, 64, &sb);
	if (!sb.len)
		strbuf_adds(&sb, "anki-deck");
	const char *deck = main_deck(&c.decks);
	cJSON *root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "swot_deck", 1);
	cJSON_AddStringToObject(root, "id", strbuf_str(&sb));
	strbuf_reset(&sb);
	if (deck) {
		for (const char *s = deck; *s; s++) {
			if (s[0] == ':' && s[1] == ':')
				strbuf_adds(&sb, " / "), s++;
			else
				strbuf_addc(&sb, *s);
		}
	} else {
		strbuf_adds(&sb, stem);
	}
	cJSON_AddStringToObject(root, "title", strbuf_str(&sb));
	char *desc = xasprintf("Converted from the Anki package %s.", base);
	cJSON_AddStringToObject(root, "description", desc);
	free(desc);
	cJSON_AddItemToObject(root, "cards", c.cards);
	c.cards = NULL;
	json = convert_indent(cJSON_Print(root));
	cJSON_Delete(root);
	strbuf_release(&sb);
	free(stem);
out:
	cJSON_Delete(c.cards);
	strlist_release(&c.decks);
	return json;
}
