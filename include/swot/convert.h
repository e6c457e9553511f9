/*
 * convert.h: the formats teachers already keep their material in, turned
 * into deck JSON, which stays the one deck format inside swot: a converted
 * deck is validated, expanded and imported exactly as a JSON one, with the
 * same stable ids.
 *
 *   CSV / TSV   one row per note (see schema/README.md, "Spreadsheets"):
 *               both ways, without loss
 *   Quizlet     a set exported as text: term and definition separated by a
 *               tab or a comma, cards by new lines or semicolons
 *   Anki        .apkg / .colpkg packages (see anki.h)
 *
 * Part of the deck module (deck_convert.c, deck_csv.c, deck_anki.c): the
 * only JSON they see is their own.
 */
#ifndef SWOT_CONVERT_H
#define SWOT_CONVERT_H

#include <stddef.h>

#include "swot/deck.h"
#include "swot/util.h"

enum deck_format {
	DECK_FORMAT_JSON,
	DECK_FORMAT_CSV,     /* comma- or semicolon-separated */
	DECK_FORMAT_TSV,
	DECK_FORMAT_QUIZLET,
	DECK_FORMAT_ANKI
};

/* "JSON", "CSV", "TSV", "Quizlet text", "Anki package". */
const char *deck_format_name(enum deck_format f);

/*
 * The format of the file at path, from its first bytes (head, n of them)
 * and its name: a zip is an Anki package, "{" JSON, a first line naming
 * the "kind" column CSV/TSV (by its separator), other text Quizlet text.
 * Returns 0, or SWOT_EINVAL with a message saying what the file is and
 * what swot reads (an SQLite database, a PDF, binary data ...).
 */
int deck_format_detect(const char *path, const char *head, size_t n,
		       enum deck_format *out, struct swot_err *err);

/* How a conversion went, for the line a command prints. */
struct deck_convert_report {
	enum deck_format format;
	size_t notes;   /* rows, cards or notes read */
	size_t skipped; /* read but not converted (each named in problems) */
	size_t media;   /* Anki: images, sounds and media files dropped */
	struct strlist skipped_notes; /* a line for each note skipped, and why */
};

/* Frees what a report holds (it may be used again). */
void deck_convert_report_release(struct deck_convert_report *r);

/* Options of a conversion. */
struct deck_convert_opts {
	int quizlet_typed; /* Quizlet cards become typed cards, not basic */
};

/*
 * Reads the file at path in whatever format it is and returns its deck
 * JSON as a new string (caller frees), or NULL with every problem found
 * appended to problems (CSV problems name the row and column as a
 * spreadsheet shows them: "row 14, column F (speaker)").  report (may be
 * NULL) is filled either way; the caller releases it.  opts may be NULL.
 */
char *deck_convert_to_json(const char *path, const struct deck_convert_opts *opts,
			   struct deck_convert_report *report,
			   struct deck_problems *problems);

/*
 * Loads a deck from a file in any format (see deck_load_file): converts
 * it, then validates and expands it.  Problems in a converted deck are
 * reported in the converted file's terms where they can be (CSV: row and
 * column).
 */
struct deck *deck_load_any(const char *path, const struct deck_convert_opts *opts,
			   struct deck_convert_report *report,
			   struct deck_problems *problems);

/*
 * Writes the deck in the file at path (any format) as CSV to out: the
 * header row, then one row per deck setting and note (see schema/README.md).
 * Returns NULL-free problems: 0 when written, else -1 with problems filled.
 */
int deck_convert_to_csv(const char *path, const struct deck_convert_opts *opts,
			struct strbuf *out, struct deck_problems *problems);

#endif
