/*
 * deck_convert_int.h: what the converters (deck_convert.c, deck_csv.c,
 * deck_anki.c) share.  Never included outside them.
 */
#ifndef SWOT_DECK_CONVERT_INT_H
#define SWOT_DECK_CONVERT_INT_H

#include "swot/convert.h"

/* A deck id made from text: lower-case ASCII letters and digits (accents
 * dropped), every other run of characters one '-', no '-' at either end,
 * cut at a word boundary to at most max bytes; "" when nothing is left.
 * Appended to out. */
void convert_slug(const char *text, size_t max, struct strbuf *out);

/* Anki's HTML as plain text: <br>, blocks and list items as line breaks
 * ("- " before each item), entities decoded, other tags dropped, spaces
 * collapsed.  Images (<img>) and sounds ([sound:...]) are dropped and
 * counted in *media.  Appended to out. */
void convert_html_text(const char *html, size_t *media, struct strbuf *out);

/* cJSON's printed JSON indented with two spaces a level, not tabs;
 * frees json and returns a new string. */
char *convert_indent(char *json);

/* The deck JSON of an Anki package (deck_anki.c). */
char *convert_anki(const char *path, struct deck_convert_report *report,
		   struct deck_problems *problems);

/* The deck JSON of a CSV/TSV sheet or a Quizlet export (deck_csv.c),
 * held in text (len bytes).  For CSV, *rows (may be NULL) gets the row of
 * the file each note came from, for messages: see convert_csv_place. */
struct csv_places;
char *convert_csv(const char *path, const char *text, size_t len, enum deck_format f,
		  struct deck_convert_report *report, struct deck_problems *problems,
		  struct csv_places **places);
char *convert_quizlet(const char *path, const char *text, size_t len, int typed,
		      struct deck_convert_report *report, struct deck_problems *problems);

/* Rewrites a deck problem ("PATH: quotes[3] \"x\": speaker ...") in the
 * sheet's terms ("PATH: row 5, column E (speaker): ..."); a new string. */
char *convert_csv_place(const struct csv_places *pl, const char *path, const char *line);
void convert_csv_places_free(struct csv_places *pl);

/* The CSV of a deck's JSON text (deck_csv.c); problems as deck_load. */
int convert_json_to_csv(const char *path, const char *json, size_t len,
			struct strbuf *out, struct deck_problems *problems);

#endif
