/*
 * check.h: answer checking for typed, who-said and cloze cards.  Pure: libc
 * and utf8proc, no I/O beyond filling a strbuf, no globals.
 *
 * An answer is compared after normalisation (check_normalize): compatibility
 * decomposition, case folding, accents stripped, quotes and apostrophes
 * dropped, dashes, slashes, ellipses and other punctuation turned into word
 * breaks, "&" read as "and", whitespace collapsed; letters, digits, decimal
 * points, minus signs and maths symbols kept.  Equal after that is right.
 * A close misspelling is "almost": an optimal-string-alignment
 * Damerau-Levenshtein distance within check_typo_bound() of an accepted
 * form, provided the numbers in both are the same and no rival is as near.
 * Words written hyphenated or not are right ("doornail" for "door-nail",
 * "tomorrow" for "to-morrow"); a space joined or split is almost
 * ("everyone" for "every one"): the same letters in the same order,
 * compared before number words become digits.  Digits never join.
 *
 * check_answer sets aside a leading article on the whole answer, typed or
 * accepted: "the", "a" or "an", followed by whitespace and another word.
 * "Porter" is "the Porter", "the Macbeth" is "Macbeth", "a novella" is
 * "the novella", so a deck need not list a name with and without it; typos,
 * words left out and rivals are measured without it too.  An article
 * inside or at the end of the answer counts, as does a letter joined by a
 * dash ("A-level") or followed by a comma, and an answer that is only an
 * article stays itself.  A cloze gap is the quotation's own words, so
 * there the article counts ("Porter" for the gap "the Porter" is wrong).
 * check_normalize keeps articles.
 */
#ifndef SWOT_CHECK_H
#define SWOT_CHECK_H

#include <stddef.h>

#include "swot/util.h"

enum check_verdict { CHECK_WRONG, CHECK_ALMOST, CHECK_RIGHT };

/* One step of a word-level diff between what was typed and what was
 * expected.  Words are compared in normalised form but carried as written. */
enum check_op_kind {
	CHECK_OP_SAME, /* the word matches: typed and expected both set */
	CHECK_OP_DEL,  /* typed but not expected: typed set, expected NULL */
	CHECK_OP_INS,  /* expected but not typed: expected set, typed NULL */
	CHECK_OP_GAP   /* cloze: the boundary before gap `gap` (never first) */
};

struct check_op {
	enum check_op_kind kind;
	size_t gap;     /* cloze: which gap the word belongs to; 0 otherwise */
	int glued;      /* written with no space before it ("known" in
			 * "well-known"): typed's for DEL, else expected's */
	char *typed;    /* the word as the student typed it, or NULL */
	char *expected; /* the word as the answer writes it, or NULL */
};

/* Owned by the check_result that holds it. */
struct check_diff {
	struct check_op *ops;
	size_t n, alloc;
};

struct check_result {
	enum check_verdict verdict;
	int distance;   /* edits from the nearest accepted answer (cloze: sum
			 * over the gaps) */
	size_t matched; /* index into accepted of the nearest accepted answer
			 * (cloze: the number of gaps answered right) */
	struct check_diff diff; /* word-level ops, typed vs expected */
};

/* A caller-owned result: init before first use, release when done.  A
 * result can be passed to check_answer/check_cloze again; it is reset. */
void check_result_init(struct check_result *r);
void check_result_release(struct check_result *r);

/* Name of a verdict: "wrong", "almost", "right". */
const char *check_verdict_name(enum check_verdict v);

/*
 * Checks typed against accepted[0..n_accepted) (the answer, then its
 * aliases or accept list).  rivals[0..n_rivals) are answers that must never
 * be accepted for this one: for a who-said or character card, every name
 * and alias of the deck's characters (aliases matter: "Mrs Birling" is one
 * edit from "Mr Birling").  A typed answer as near to a rival as to the
 * accepted form it is almost is wrong.  A rival that normalises to one of
 * the accepted forms (leading articles aside) is ignored, so the caller may
 * pass the whole cast, this character included.  rivals may be NULL when n_rivals is 0.
 *
 * Fills out (verdict, distance, matched, and the diff of typed against
 * accepted[matched]).  Returns 0, or SWOT_EINVAL when typed is not valid
 * UTF-8 (out is then wrong, with a diff showing the whole expected answer:
 * tell the student their answer could not be read) or when n_accepted is 0.
 * An accepted form or rival that is itself not valid UTF-8 is skipped.
 */
int check_answer(const char *typed, const char *const *accepted,
		 size_t n_accepted, const char *const *rivals, size_t n_rivals,
		 struct check_result *out);

/*
 * Checks the gaps of a cloze card: typed[i] against gaps[i], each on its own
 * (typed answers beyond n_gaps are ignored; a missing one is empty, so
 * wrong).  All right gives right; any gap wrong gives wrong; otherwise
 * almost.  distance sums the gaps, matched counts the gaps right, and the
 * diff covers every gap, a CHECK_OP_GAP op between them.  Returns 0, or
 * SWOT_EINVAL when a typed gap is not valid UTF-8 (that gap is wrong).
 */
int check_cloze(const char *const *typed, size_t n_typed,
		const char *const *gaps, size_t n_gaps,
		struct check_result *out);

/*
 * As check_cloze, with other accepted answers for each gap: alts[g] holds
 * n_alts[g] answers accepted for gap g besides gaps[g] (alts may be NULL
 * when no gap has any).
 */
int check_cloze_alt(const char *const *typed, size_t n_typed,
		    const char *const *gaps, size_t n_gaps,
		    const char *const *const *alts, const size_t *n_alts,
		    struct check_result *out);

/*
 * Appends the diff to out.  Plain (color 0), in the style of git's
 * --word-diff: "the [-wepping-]{+weeping+} woman"; cloze gaps are separated
 * by " | ".  color 1: removed words in red, added in green, no brackets.
 * Words that match are written as the answer writes them.
 */
void check_diff_render(const struct check_diff *d, int color,
		       struct strbuf *out);

/*
 * Appends a hint for answer to out: in each word (words are separated by
 * spaces and dashes) the first `level` letters or digits are shown and the
 * rest become '_'; punctuation and spaces are kept.  Level 0 shows only the
 * shape.  "Inspector Goole", 1 gives "I________ G____".  One '_' per
 * character (a letter and its accents count once), whatever its UTF-8
 * length.  Bytes that are not valid UTF-8 count as hidden characters.
 */
void check_hint(const char *answer, int level, struct strbuf *out);

/*
 * The normalised form of s (see the top of this file), as a new string the
 * caller frees, or NULL when s is not valid UTF-8.
 */
char *check_normalize(const char *s);

/* The most edits a normalised answer of len characters may be off by and
 * still count as almost: 0 up to 3 characters, 1 up to 7, 2 up to 15, then
 * len / 8. */
int check_typo_bound(size_t len);

#endif
