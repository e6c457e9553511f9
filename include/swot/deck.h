/*
 * deck.h: deck format 1 (see schema/README.md): loading, validation and
 * expansion of notes into cards.  Only the deck module (deck.c, deck_json.c,
 * deck_expand.c) sees JSON; everything here is plain C owned by the
 * struct deck.
 */
#ifndef SWOT_DECK_H
#define SWOT_DECK_H

#include <stddef.h>
#include <stdint.h>

#include "swot/util.h"

#define SWOT_DECK_FORMAT 1
#define SWOT_DECK_MAX_BYTES (16u << 20) /* a deck file over 16 MiB is refused */

/* What a card was made from. */
enum deck_note_kind {
	NOTE_CHARACTER,
	NOTE_THEME,
	NOTE_QUOTE,
	NOTE_CARD /* a free card written by the teacher */
};
#define DECK_NOTE_KINDS 4

/* Each note kind's name, indexed by enum deck_note_kind, as the store and
 * messages spell it ("character" ... "card").  In deck_types.c. */
extern const char *const deck_note_kind_names[DECK_NOTE_KINDS];

/* The note kind called name, or -1. */
int deck_note_kind_from_name(const char *name);

/* How a card is asked and answered. */
enum deck_card_type {
	CARD_BASIC,  /* self-graded: front, Enter reveals the back, grade 1-4 */
	CARD_TYPED,  /* type the answer; checked against answers + accept */
	CARD_CLOZE,  /* text with {{gaps}}; type each gap */
	CARD_CHOICE, /* numbered options; answer by number */
	CARD_WHO     /* typed, with the deck's character names completing */
};
#define DECK_CARD_TYPES 5

/* Each card type's name, indexed by enum deck_card_type, as decks, the
 * store and messages spell it ("basic" ... "who"; a deck's own cards never
 * have the last, CARD_WHO, which swot makes).  In deck_types.c. */
extern const char *const deck_card_type_names[DECK_CARD_TYPES];

/* The card type called name (as in deck_card_type_names), or -1. */
int deck_card_type_from_name(const char *name);

struct deck_character {
	char *id, *name, *summary, *notes; /* notes may be NULL */
	struct strlist aliases;
	int group; /* a group ("the Witches"): "Who are ...?" */
};

/* At most this many quotes on a theme's card (and in its key_quotes). */
#define DECK_THEME_QUOTES 5

/* No character answers more than this share (in %) of a deck's "Who says
 * this?" cards (see the speaker variant below). */
#define DECK_SPEAKER_SHARE 30

struct deck_theme {
	char *id, *name, *summary;
	struct strlist key_quotes; /* quote ids (at most 5), may be empty */
};

/* Where a quotation stands in its text: at most one kind per quote. */
enum deck_loc_kind {
	LOC_NONE,    /* not given */
	LOC_CHAPTER, /* prose: "chapter": N */
	LOC_STAVE,   /* A Christmas Carol: "stave": N */
	LOC_SCENE,   /* plays: "act": N, "scene": N, optional "line" */
	LOC_STANZA   /* poems: "stanza": N, optional "line" */
};

struct deck_loc {
	enum deck_loc_kind kind;
	int part;  /* the chapter, stave, act or stanza number */
	int scene; /* plays: the scene within the act */
	int line;  /* plays and poems: 0 when not given */
};

/* The other accepted answers of gap `gap` (from 0) of a cloze card,
 * from its accept list ("N:answer"), appended to out (borrowed strings:
 * out's items point into accept; release out with free(out->items)). */
void deck_gap_accepts(const struct strlist *accept, size_t gap, struct strlist *out);

/* Appends a location as a reader sees it: "Chapter 4", "Stave 3",
 * "Act 1, Scene 7", "Act 1, Scene 7, line 35", "Stanza 2, line 5".
 * Appends nothing for LOC_NONE. */
void deck_loc_format(const struct deck_loc *loc, struct strbuf *out);

struct deck_quote {
	char *id, *text, *speaker, *analysis; /* speaker, analysis may be NULL */
	int chapter;                          /* 0 when not given */
	struct deck_loc loc;                  /* kind LOC_NONE when not given;
					       * "chapter" fills both */
	int narration;                        /* the narrator's, not dialogue */
	/* other accepted answers of the gaps: "N:answer", N the gap's place
	 * in gaps from 1 (empty when none) */
	struct strlist gap_accept;
	struct strlist themes, gaps, ao;
};

/*
 * One card as the store keeps it and the session asks it.  Field use by type:
 *   BASIC:  prompt = front, answers[0] = back
 *   TYPED:  prompt, answers[0] = the answer, accept = other accepted answers
 *   WHO:    prompt, answers[0] = the character's name, accept = aliases
 *   CLOZE:  prompt = text with each gap written {{gap}}, answers = the gaps
 *           in order, accept = other accepted answers of a gap, each
 *           written "N:answer" with N the gap's number from 1 (see
 *           deck_gap_accepts)
 *   CHOICE: prompt, options, correct = index into options
 * explain is shown after answering (a quote's analysis, a card's
 * explanation) and may be NULL.
 *
 * The variants (deck_load fills deck->cards in this order: characters,
 * themes, quotes, free cards, each in file order):
 *   character "who"      WHO    the summary; answer the name, accept aliases
 *                               (explain: the notes)
 *             "describe" BASIC  the name; back the summary and notes
 *   theme     "quotes"   BASIC  the theme; back its summary and at most
 *                               DECK_THEME_QUOTES quotes: its key_quotes,
 *                               else those whose first theme it is, then
 *                               its others, in deck order.  Made for every theme, even
 *                               one no quote links to yet (the back is then
 *                               the summary alone), so a theme's card does
 *                               not come and go as quotes are edited.
 *   quote     "cloze"    CLOZE  the quote, its gaps marked {{...}}, then
 *                               "(Speaker, chapter N)" when known
 *             "speaker"  WHO    only when it has a speaker, is not
 *                               narration, and its speaker is within
 *                               DECK_SPEAKER_SHARE of the deck's speaker
 *                               cards (the first ones in deck order kept)
 *             "theme"    CHOICE only when it has themes and the deck has
 *                               others: one of its themes among up to 3
 *                               distractors sharing no quote with its
 *                               themes (else 2 of those going with them
 *                               no more than chance), drawn from the
 *                               deck's and quote's ids, ordered from the
 *                               quote's id
 *   free card "card"     its own type (cloze answers: its {{gaps}})
 * hash covers the type, prompt, answers, accept, options, correct,
 * explain, tags and themes: an edit a student would see changes it, while
 * moving notes around or editing other notes does not (except where a
 * card shows them: a theme's quote list, a choice card's theme names).
 * note_hash covers the note's own fields as written and nothing else (a
 * character's name, aliases, summary, notes; a theme's name, summary; a
 * quote's text, speaker id, chapter, themes, gaps, analysis, ao; a free
 * card's fields), the same on every card of the note, and is never 0:
 * editing a quote changes the theme card that lists it (hash) but not the
 * theme's note_hash, so the import can tell which notes were edited.
 */
struct deck_card {
	char *id;      /* stable: "<note-id>/<variant>", e.g. "weeping/cloze" */
	char *note_id; /* "weeping" */
	char *variant; /* "who" "describe" "quotes" "cloze" "speaker" "theme" "card" */
	enum deck_note_kind kind;
	enum deck_card_type type;
	char *prompt;
	char *explain;
	struct strlist answers, accept, options;
	int correct;
	struct strlist tags;   /* free cards: their tags */
	struct strlist themes; /* theme ids the card bears on (quotes, themes) */
	uint64_t hash;         /* of everything the student sees */
	uint64_t note_hash;    /* of its note's own content (0 when read back
				* from the store, which keeps it per note) */
};

struct arena;

/*
 * A loaded deck.  Every string and list in it, its notes' and its cards',
 * lives in memory the deck owns (lists and strings may be shared between
 * cards and notes): read them, copy what you keep, never free or grow one;
 * deck_free releases everything at once.
 */
struct deck {
	char *path; /* where it was loaded from, for messages */
	char *id, *title, *version, *description; /* version, description may be NULL */
	char *text_title, *text_author;           /* may be NULL */
	int text_year;                            /* 0 when not given */
	char *text_edition;                       /* may be NULL */
	char *licence;                            /* may be NULL */
	struct strlist qualifications, boards, authors;
	struct deck_character *characters;
	size_t n_characters;
	struct deck_theme *themes;
	size_t n_themes;
	struct deck_quote *quotes;
	size_t n_quotes;
	size_t n_free; /* free cards written in the deck */
	/* Lines lint shows beside "ok", each "FILE: place: remark": what a
	 * teacher should see before a class does (a choice card's answer given
	 * as a number, shown as the option it picks).  Owned by the deck. */
	struct strlist remarks;
	struct deck_card *cards; /* the expansion, filled by deck_load */
	size_t n_cards;
	struct arena *mem; /* private: the memory of all the above */
};

/* The problems found in one deck file, each a full line ready to print:
 * "FILE:LINE:COLUMN: message" for JSON syntax, "FILE: place: message"
 * for the rest (e.g. `decks/x.json: quotes[12] "weeping": speaker "madam"
 * is not a character id`). */
struct deck_problems {
	struct strlist lines;
};
void deck_problems_init(struct deck_problems *p);
void deck_problems_release(struct deck_problems *p);

/*
 * Parses, validates and expands a deck held in memory (len bytes of text).
 * path names it in messages.  Returns a new deck the caller frees with
 * deck_free, or NULL with every problem found appended to problems.
 */
struct deck *deck_load_buffer(const char *path, const char *text, size_t len,
			      struct deck_problems *problems);

/* As deck_load_buffer, reading the file at path (refusing files over
 * SWOT_DECK_MAX_BYTES). */
struct deck *deck_load_file(const char *path, struct deck_problems *problems);

void deck_free(struct deck *d);

/* Names used in messages and the store: "character", "basic" ... */
const char *deck_note_kind_name(enum deck_note_kind k);
const char *deck_card_type_name(enum deck_card_type t);

#endif
