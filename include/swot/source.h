/*
 * source.h: a set text in plain UTF-8, indexed so that quotations can be
 * looked up in it (`swot lint --source`).
 *
 * The text and every quotation are read as words: letters and digits, an
 * apostrophe between letters kept (straight or curly, "Step't"), a hyphen
 * between letters kept ("To-morrow"), a hyphen at the end of a line joining
 * the word split across the lines, and everything else (punctuation,
 * quotation marks, dashes, line breaks) a word break.  Case is ignored.
 * A quotation matches exactly when its words are the text's words in
 * order; it "differs" when most of its words are found together but some
 * are spelt otherwise, missing or added (an edition's spelling, a dropped
 * word).  An ellipsis ("…" or "...") marks a cut: each piece is looked up
 * in turn, a little way after the one before.
 *
 * Where a match stands comes from the text's own headings, each on a line
 * after a blank line: "ACT I." and "SCENE II." (plays), "STAVE III:"
 * (A Christmas Carol), "CHAPTER 4" / "Chapter IV"; a text with none of
 * these whose chapters are titled in capitals (a line in capitals after at
 * least two blank lines and before a blank line, not the text's first
 * line) has its chapters numbered in order.  In a play, a stage cleared by
 * "[Exit.]" or "[Exeunt.]" and entered again ("[Enter ...") starts a new
 * scene, as modern editions number them: an old text's act 2 scene 1 that
 * runs through the dagger, the murder and the porter is the modern 2.1,
 * 2.2 and 2.3, and its scene 2 the modern 2.4.  A text with no headings
 * at all is a poem: its stanzas are the blocks of two or more lines
 * between blank lines, and lines are counted within a stanza.
 */
#ifndef SWOT_SOURCE_H
#define SWOT_SOURCE_H

#include <stddef.h>

#include "swot/deck.h"
#include "swot/util.h"

#define SWOT_SOURCE_MAX_BYTES (64u << 20) /* a text over 64 MiB is refused */

struct source_text;

/* Reads and indexes the text at path.  Returns 0 and a new text in *out
 * (free it with source_free), or SWOT_EIO / SWOT_EINVAL (not UTF-8, too
 * large) with err filled. */
int source_load(const char *path, struct source_text **out, struct swot_err *err);

/* As source_load, from len bytes of text (copied). */
struct source_text *source_new(const char *text, size_t len);

void source_free(struct source_text *t);

/* How many words the text has. */
size_t source_words(const struct source_text *t);

/* What the text's headings divide it into: LOC_SCENE (a play),
 * LOC_STAVE, LOC_CHAPTER, or LOC_STANZA (no headings: a poem). */
enum deck_loc_kind source_kind(const struct source_text *t);

enum source_verdict {
	SOURCE_EXACT,    /* every word as the text has it */
	SOURCE_DIFFERS,  /* found, with words spelt otherwise, dropped or added */
	SOURCE_NOT_FOUND
};

/* One step of a word diff of the quotation against the text. */
enum source_op_kind {
	SOURCE_SAME, /* both */
	SOURCE_DECK, /* in the quotation, not in the text */
	SOURCE_TEXT, /* in the text, not in the quotation */
	SOURCE_CUT   /* an ellipsis in the quotation: words left out */
};

struct source_op {
	enum source_op_kind kind;
	char *word; /* as written (the text's form for SOURCE_SAME); NULL
		     * for SOURCE_CUT */
};

/* A caller-owned result: source_result_init before use, release after. */
struct source_result {
	enum source_verdict verdict;
	size_t line;         /* the line of the file where the match starts */
	struct deck_loc loc; /* its place from the text's headings (kind
			      * LOC_NONE when the headings say nothing there) */
	struct source_op *ops; /* the diff, in order; n_ops 0 when not found */
	size_t n_ops, alloc;
};

void source_result_init(struct source_result *r);
void source_result_release(struct source_result *r);

/* Looks quote (UTF-8) up in t and fills r (reset first). */
void source_find(const struct source_text *t, const char *quote,
		 struct source_result *r);

/*
 * Appends the diff of r in the style of git's --word-diff: the words both
 * share as the text writes them, "[-deck's words-]" and "{+text's words+}"
 * (color: red struck through and green instead of the brackets), " … "
 * for a cut.
 */
void source_diff_render(const struct source_result *r, int color, struct strbuf *out);

/*
 * Whether the place the text gives (found) agrees with the place the deck
 * gives (want): 1 agrees, 0 disagrees, -1 cannot tell (the deck gives no
 * place, or one of another kind than the text's headings, or a play's
 * line, which editions number differently).  Chapters and staves are the
 * same kind of division here.
 */
int source_loc_agrees(const struct deck_loc *found, const struct deck_loc *want);

#endif
