/*
 * test_check.c: answer checking, table-driven.  Each table row is one
 * "ok/not ok" line.
 */
#include "swot/check.h"

#include <stdlib.h>
#include <string.h>

#include "testhelp.h"

#define MAXN 6

/* ---- normalisation ---- */

static const struct {
	const char *name, *in, *want;
} norm_rows[] = {
	{ "case folds", "Inspector GOOLE", "inspector goole" },
	{ "accents stripped", "Émilie", "emilie" },
	{ "decomposed accents stripped", "E\xcc\x81milie", "emilie" },
	{ "sharp s folds to ss", "Straße", "strasse" },
	{ "ligature decomposes", "ﬁne", "fine" },
	{ "superscript digit kept as digit", "m²", "m2" },
	{ "curly apostrophe dropped", "Birling’s", "birlings" },
	{ "straight apostrophe dropped", "Birling's", "birlings" },
	{ "modifier-letter apostrophe dropped", "Birlingʼs", "birlings" },
	{ "curly double quotes dropped", "“Tommy”", "tommy" },
	{ "straight double quotes dropped", "\"Tommy\"", "tommy" },
	{ "guillemets dropped", "«Tommy»", "tommy" },
	{ "en dash is a break", "1939–1945", "1939 1945" },
	{ "em dash is a break", "yes—no", "yes no" },
	{ "hyphen is a break", "well-known", "well known" },
	{ "unicode hyphen is a break", "well‐known", "well known" },
	{ "non-breaking hyphen is a break", "well‑known", "well known" },
	{ "leading minus before a number kept", "-5 degrees", "-5 degrees" },
	{ "minus sign before a number kept", "−5", "-5" },
	{ "ellipsis character is a break", "look…back", "look back" },
	{ "three dots are a break", "look...back", "look back" },
	{ "trailing ellipsis removed", "and so…", "and so" },
	{ "full stops of abbreviations dropped", "Mr. Birling, e.g.", "mr birling eg" },
	{ "decimal point kept", "3.5 kg", "3.5 kg" },
	{ "thousands comma dropped", "1,000", "1000" },
	{ "comma between words is a break", "red,green", "red green" },
	{ "other punctuation removed", "What?! (Act 1; scene 2): yes/no",
	  "what act 1 scene 2 yes no" },
	{ "maths symbols kept, unspaced", "x + 1 = 2", "x+1=2" },
	{ "minus after a maths symbol kept", "x = -5", "x=-5" },
	{ "ampersand is and", "Gerald&Sheila & Eric", "gerald and sheila and eric" },
	{ "currency and degree signs dropped", "£5 at 30°", "5 at 30" },
	{ "repeated spaces collapse", "a   b\t\tc", "a b c" },
	{ "leading and trailing space trimmed", "  a b  ", "a b" },
	{ "non-breaking space is a space", "Mr\xc2\xa0" "Birling", "mr birling" },
	{ "zero-width space ignored", "Bir\xe2\x80\x8bling", "birling" },
	{ "soft hyphen ignored", "Bir\xc2\xadling", "birling" },
	{ "only punctuation is empty", " … — ! ", "" },
	{ "empty stays empty", "", "" },
	{ "numbers and letters kept", "Act 3 Scene 2", "act 3 scene 2" },
	{ "leading article kept", "The Inspector", "the inspector" },
};

static void test_normalize(void)
{
	for (size_t i = 0; i < sizeof norm_rows / sizeof norm_rows[0]; i++) {
		char *got = check_normalize(norm_rows[i].in);
		char name[200];
		snprintf(name, sizeof name, "normalize: %s", norm_rows[i].name);
		CHECK_STR(name, got, norm_rows[i].want);
		free(got);
	}
	static const char *const invalid[] = {
		"Tom\xffmy", "\xc3", "\xc0\xaf", "\xed\xa0\x80" /* surrogate */,
		"\xf4\x90\x80\x80" /* beyond U+10FFFF */,
	};
	for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
		char *got = check_normalize(invalid[i]);
		CHECKF(got == NULL, "normalize: invalid UTF-8 #%zu gives NULL", i);
		free(got);
	}
}

/* ASCII is normalised without asking utf8proc: each printable character
 * between letters must come out as its fullwidth form (U+FF01..U+FF5E,
 * which NFKD turns into it) does through utf8proc. */
static void test_ascii_fast(void)
{
	int same = 1;
	for (int c = 0x21; c <= 0x7e; c++) {
		char ascii[8], wide[8];
		unsigned fw = 0xff00u + (unsigned)(c - 0x20);
		snprintf(ascii, sizeof ascii, "a%cB", c);
		snprintf(wide, sizeof wide, "a%c%c%cB", 0xe0 | (fw >> 12), 0x80 | ((fw >> 6) & 0x3f),
			 0x80 | (fw & 0x3f));
		char *x = check_normalize(ascii), *y = check_normalize(wide);
		if (!x || !y || strcmp(x, y)) {
			printf("#   %s: %s, fullwidth: %s\n", ascii, x ? x : "NULL", y ? y : "NULL");
			same = 0;
		}
		free(x);
		free(y);
	}
	CHECK("normalize: ASCII as its fullwidth forms through utf8proc", same);
}

/* ---- typo bound ---- */

static void test_bound(void)
{
	static const struct { size_t len; int want; } rows[] = {
		{ 0, 0 }, { 3, 0 }, { 4, 1 }, { 7, 1 }, { 8, 2 }, { 15, 2 },
		{ 16, 2 }, { 23, 2 }, { 24, 3 }, { 80, 10 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		CHECKF(check_typo_bound(rows[i].len) == rows[i].want,
		       "typo bound for %zu characters is %d", rows[i].len,
		       rows[i].want);
}

/* ---- check_answer ---- */

struct answer_row {
	const char *name;
	const char *typed;
	const char *accepted[MAXN]; /* the answer, then aliases; NULL ends */
	const char *rivals[MAXN];
	enum check_verdict want;
	int distance; /* -1: do not check */
	size_t matched;
};

static const struct answer_row answer_rows[] = {
	/* fair marking, with the Never Let Me Go deck's own answers: numbers
	 * as digits or words are the same; one word left out of a long
	 * answer is almost; fewer words, or a short answer, are not */
	{ "digits for a number in words", "16", { "sixteen" }, { 0 }, CHECK_RIGHT, 0, 0 },
	{ "a number in words for digits", "Two thousand and five", { "2005" }, { 0 },
	  CHECK_WRONG, -1, 0 },
	{ "eleven years is 11 years", "eleven years", { "11 years" }, { 0 },
	  CHECK_RIGHT, 0, 0 },
	{ "twenty-one is 21", "twenty-one", { "21" }, { 0 }, CHECK_RIGHT, 0, 0 },
	{ "Act two is Act 2", "Act two", { "Act 2" }, { 0 }, CHECK_RIGHT, 0, 0 },
	{ "a different number is wrong", "seventeen", { "sixteen" }, { 0 },
	  CHECK_WRONG, -1, 0 },
	{ "one word missing from a long answer is almost", "do better than expected",
	  { "do much better than expected" }, { 0 }, CHECK_ALMOST, 4, 0 },
	{ "the issue's example", "do better than expected",
	  { "do better than we expected" }, { 0 }, CHECK_ALMOST, -1, 0 },
	{ "one word missing at the end", "some form of medical almost every",
	  { "some form of medical almost every week" }, { 0 }, CHECK_ALMOST, 4, 0 },
	{ "two words missing is wrong", "some form of medical every",
	  { "some form of medical almost every week" }, { 0 }, CHECK_WRONG, -1, 0 },
	{ "a word missing from three is wrong", "different reason",
	  { "altogether different reason" }, { 0 }, CHECK_WRONG, -1, 0 },
	{ "the article of a four-word answer left out is right", "hall of mirrors",
	  { "a hall of mirrors" }, { 0 }, CHECK_RIGHT, 0, 0 },
	{ "its article and a word left out of a four-word answer is almost",
	  "hall mirrors", { "a hall of mirrors" }, { 0 }, CHECK_ALMOST, 2, 0 },
	{ "a name is never almost by a word", "Miss Emily",
	  { "Miss Emily Brent" }, { "Miss Lucy" }, CHECK_WRONG, -1, 0 },
	/* exact and normalised */
	{ "exact", "Tommy", { "Tommy" }, { 0 }, CHECK_RIGHT, 0, 0 },
	{ "case ignored", "tOMMY", { "Tommy" }, { 0 }, CHECK_RIGHT, 0, 0 },
	{ "spaces ignored", "  Inspector   Goole ", { "Inspector Goole" }, { 0 },
	  CHECK_RIGHT, 0, 0 },
	{ "punctuation ignored", "Mr Birling", { "Mr. Birling" }, { 0 },
	  CHECK_RIGHT, 0, 0 },
	{ "curly vs straight apostrophe", "Birling's", { "Birling’s" }, { 0 },
	  CHECK_RIGHT, 0, 0 },
	{ "curly quotes in a quotation", "\"We are responsible for each other\"",
	  { "“We are responsible for each other.”" }, { 0 }, CHECK_RIGHT, 0, 0 },
	{ "ellipsis char vs three dots", "look... back",
	  { "look … back" }, { 0 }, CHECK_RIGHT, 0, 0 },
	{ "ellipsis omitted", "fire and blood and anguish",
	  { "fire and blood and anguish…" }, { 0 }, CHECK_RIGHT, 0, 0 },
	{ "em dash vs hyphen", "Gerald - Sheila", { "Gerald—Sheila" }, { 0 },
	  CHECK_RIGHT, 0, 0 },
	{ "accented name typed plain", "Emilie", { "Émilie" }, { 0 },
	  CHECK_RIGHT, 0, 0 },
	{ "plain name typed accented", "Émilie", { "Emilie" }, { 0 },
	  CHECK_RIGHT, 0, 0 },
	{ "decomposed accent", "E\xcc\x81milie", { "Émilie" }, { 0 },
	  CHECK_RIGHT, 0, 0 },
	/* aliases and accept lists */
	{ "alias accepted", "Goole", { "Inspector Goole", "Goole", "the Inspector" },
	  { 0 }, CHECK_RIGHT, 0, 1 },
	{ "second alias accepted", "The inspector",
	  { "Inspector Goole", "Goole", "the Inspector" }, { 0 }, CHECK_RIGHT, 0, 2 },
	{ "leading article is ignored", "Inspector",
	  { "the Inspector" }, { 0 }, CHECK_RIGHT, 0, 0 },
	{ "typo in an alias is almost", "Gool",
	  { "Inspector Goole", "Goole" }, { 0 }, CHECK_ALMOST, 1, 1 },
	{ "wrong against every alias", "Eric",
	  { "Inspector Goole", "Goole" }, { 0 }, CHECK_WRONG, -1, 1 },
	/* a leading article on the whole answer, typed or accepted, does not
	 * matter: "the", "a" or "an" set off by a space, with a word after it */
	{ "the Porter without its article", "Porter", { "the Porter" }, { 0 },
	  CHECK_RIGHT, 0, 0 },
	{ "an article typed that the answer has not", "the Macbeth", { "Macbeth" },
	  { 0 }, CHECK_RIGHT, 0, 0 },
	{ "a name of several words without its article", "bleeding sergeant",
	  { "the bleeding sergeant" }, { "Macbeth", "the Porter" }, CHECK_RIGHT, 0, 0 },
	{ "without its article, in other capitals", "ghost of Christmas Present",
	  { "the Ghost of Christmas Present" },
	  { "the Ghost of Christmas Past", "the Ghost of Christmas Yet to Come" },
	  CHECK_RIGHT, 0, 0 },
	{ "one article for another", "a novella", { "the novella" }, { 0 },
	  CHECK_RIGHT, 0, 0 },
	{ "an for a", "an allegory", { "allegory" }, { 0 }, CHECK_RIGHT, 0, 0 },
	{ "the form as typed matched before one with another article", "the Porter",
	  { "Porter", "the Porter" }, { 0 }, CHECK_RIGHT, 0, 1 },
	{ "an alias without its article", "Inspector",
	  { "Inspector Goole", "the Inspector" }, { 0 }, CHECK_RIGHT, 0, 1 },
	{ "a typo without the article is almost", "Portr", { "the Porter" }, { 0 },
	  CHECK_ALMOST, 1, 0 },
	{ "a typo beside a rival, articles aside, is almost",
	  "Ghost of Christmas Presnt", { "the Ghost of Christmas Present" },
	  { "the Ghost of Christmas Past" }, CHECK_ALMOST, 1, 0 },
	{ "a joined word without the article", "doornail", { "a door-nail" }, { 0 },
	  CHECK_RIGHT, 0, 0 },
	{ "another character without its article is wrong", "Porter", { "Macduff" },
	  { "the Porter", "Lady Macduff" }, CHECK_WRONG, -1, 0 },
	{ "an article inside the answer still counts", "Ghost of the Christmas Present",
	  { "Ghost of Christmas Present" }, { 0 }, CHECK_WRONG, -1, 0 },
	{ "an article at the end still counts", "Porter the", { "the Porter" }, { 0 },
	  CHECK_WRONG, -1, 0 },
	{ "only one article is set aside", "the the Porter", { "Porter" }, { 0 },
	  CHECK_WRONG, -1, 0 },
	{ "an article alone is not the answer", "the", { "the Porter" }, { 0 },
	  CHECK_WRONG, -1, 0 },
	{ "an answer that is only an article stays itself", "The", { "the" }, { 0 },
	  CHECK_RIGHT, 0, 0 },
	{ "one article alone is not another", "a", { "the" }, { 0 }, CHECK_WRONG, -1, 0 },
	{ "a letter before a hyphen is no article", "level", { "A-level" }, { 0 },
	  CHECK_WRONG, -1, 0 },
	{ "a letter before a comma is no article: almost, not right", "B or C",
	  { "A, B or C" }, { 0 }, CHECK_ALMOST, 2, 0 },
	{ "a word that starts like an article", "ger", { "Anger" }, { 0 },
	  CHECK_WRONG, -1, 0 },
	{ "the numbers still count without the article", "5th", { "the 4th" },
	  { 0 }, CHECK_WRONG, -1, 0 },
	/* typo bounds */
	{ "1 edit on 3 letters is wrong", "Ean", { "Eva" }, { 0 }, CHECK_WRONG, 2, 0 },
	{ "substitution on 3 letters is wrong", "Evo", { "Eva" }, { 0 },
	  CHECK_WRONG, 1, 0 },
	{ "short word: he vs she", "he", { "she" }, { 0 }, CHECK_WRONG, 1, 0 },
	{ "1 edit on 4 letters is almost", "Eeric", { "Eric" }, { 0 },
	  CHECK_ALMOST, 1, 0 },
	{ "transposition is one edit", "Tmomy", { "Tommy" }, { 0 },
	  CHECK_ALMOST, 1, 0 },
	{ "2 edits on 5 letters is wrong", "Tomi", { "Tommy" }, { 0 },
	  CHECK_WRONG, 2, 0 },
	{ "1 edit on 7 letters is almost", "Birlng", { "Birling" }, { 0 },
	  CHECK_ALMOST, 1, 0 },
	{ "2 edits on 7 letters is wrong", "Brlng", { "Birling" }, { 0 },
	  CHECK_WRONG, 2, 0 },
	{ "3 edits on 9 letters is wrong", "Ekeword", { "Edgeworth" }, { 0 },
	  CHECK_WRONG, -1, 0 },
	{ "2 edits on 9 letters is almost", "Edgewrht", { "Edgeworth" }, { 0 },
	  CHECK_ALMOST, 2, 0 },
	{ "3 edits on 15 is wrong", "Inspectr Gol", { "Inspector Goole" }, { 0 },
	  CHECK_WRONG, 3, 0 },
	{ "2 edits on 15 is almost", "Inspectr Gole", { "Inspector Goole" }, { 0 },
	  CHECK_ALMOST, 2, 0 },
	{ "long quotation: bound is length / 8",
	  "we dont live alone we are members of one bodie",
	  { "We don’t live alone. We are members of one body." }, { 0 },
	  CHECK_ALMOST, 2, 0 },
	{ "long quotation: a wrong word is too far",
	  "we dont live together we are parts of one body",
	  { "We don’t live alone. We are members of one body." }, { 0 },
	  CHECK_WRONG, -1, 0 },
	/* numbers */
	{ "wrong year is wrong", "2016", { "2017" }, { 0 }, CHECK_WRONG, 1, 0 },
	{ "swapped digits in a year are wrong", "in 1945", { "in 1954" },
	  { 0 }, CHECK_WRONG, 1, 0 },
	{ "wrong act number is wrong", "Act 2 Scene 1", { "Act 3 Scene 1" },
	  { 0 }, CHECK_WRONG, 1, 0 },
	{ "typo beside the right numbers is almost", "Act 3 Scne 1",
	  { "Act 3 Scene 1" }, { 0 }, CHECK_ALMOST, 1, 0 },
	{ "missing number is wrong", "Chapter", { "Chapter 7" }, { 0 },
	  CHECK_WRONG, 2, 0 },
	{ "sign of a number matters", "-5 degrees", { "5 degrees" }, { 0 },
	  CHECK_WRONG, 1, 0 },
	{ "decimal point matters", "3.5 kg", { "35 kg" }, { 0 }, CHECK_WRONG, 1, 0 },
	{ "negative answer is not positive", "x = -5", { "x = 5" }, { 0 },
	  CHECK_WRONG, 1, 0 },
	{ "ampersand for and", "Gerald & Sheila", { "Gerald and Sheila" }, { 0 },
	  CHECK_RIGHT, 0, 0 },
	{ "thousands separator ignored", "1,000 soldiers", { "1000 soldiers" },
	  { 0 }, CHECK_RIGHT, 0, 0 },
	/* a word written hyphenated or not is the same answer; a space
	 * joined or split is a slip (it can make another word: "a part",
	 * "apart"), almost, number words ("one") included; digits never
	 * join; other letters stay another word */
	{ "everyone for every one", "everyone", { "every one" }, { 0 },
	  CHECK_ALMOST, 1, 0 },
	{ "every one for everyone", "every one", { "everyone" }, { 0 },
	  CHECK_ALMOST, 1, 0 },
	{ "a joined word inside a quotation", "God bless us everyone!",
	  { "God bless us, every one!" }, { 0 }, CHECK_ALMOST, 1, 0 },
	{ "a joined word in the middle", "frightened everyone away",
	  { "frightened every one away" }, { 0 }, CHECK_ALMOST, 1, 0 },
	{ "anyone for any one", "anyone", { "any one" }, { 0 }, CHECK_ALMOST, 1, 0 },
	{ "a name split by a space", "Mac beth", { "Macbeth" }, { 0 },
	  CHECK_ALMOST, 1, 0 },
	{ "a space that makes another word", "in sight", { "insight" }, { 0 },
	  CHECK_ALMOST, 1, 0 },
	{ "digits split by a comma are another number", "24", { "2, 4" }, { 0 },
	  CHECK_WRONG, -1, 0 },
	{ "digits split by a colon", "12", { "1:2" }, { 0 }, CHECK_WRONG, -1, 0 },
	{ "digits split by a dash", "12", { "1-2" }, { 0 }, CHECK_WRONG, -1, 0 },
	{ "digits split by a space", "3 5", { "35" }, { 0 }, CHECK_WRONG, -1, 0 },
	{ "a year cut in two", "1912", { "19, 12" }, { 0 }, CHECK_WRONG, -1, 0 },
	{ "doornail for door-nail", "dead as a doornail",
	  { "dead as a door-nail" }, { 0 }, CHECK_RIGHT, 0, 0 },
	{ "door nail for doornail", "door nail", { "doornail" }, { 0 },
	  CHECK_ALMOST, 1, 0 },
	{ "fellow men for fellowmen", "fellow men", { "fellowmen" }, { 0 },
	  CHECK_ALMOST, 1, 0 },
	{ "door nail for door-nail", "door nail", { "door-nail" }, { 0 },
	  CHECK_RIGHT, 0, 0 },
	{ "fellow-men for fellowmen", "fellow-men", { "fellowmen" }, { 0 },
	  CHECK_RIGHT, 0, 0 },
	{ "tomorrow for to-morrow", "tomorrow", { "to-morrow" }, { 0 },
	  CHECK_RIGHT, 0, 0 },
	{ "to-morrow for tomorrow", "to-morrow", { "tomorrow" }, { 0 },
	  CHECK_RIGHT, 0, 0 },
	{ "twentyone for twenty-one", "twentyone", { "twenty-one" }, { 0 },
	  CHECK_RIGHT, 0, 0 },
	{ "a joined alias is nearly matched", "TinyTim", { "Tim Cratchit", "Tiny Tim" },
	  { "Bob Cratchit", "Tim Cratchit" }, CHECK_ALMOST, 1, 1 },
	{ "a hyphenated alias is matched", "Tiny-Tim", { "Tim Cratchit", "TinyTim" },
	  { "Bob Cratchit", "Tim Cratchit" }, CHECK_RIGHT, 0, 1 },
	{ "none is not no one", "none", { "no one" }, { 0 }, CHECK_WRONG, -1, 0 },
	{ "no one is not none", "no one", { "none" }, { 0 }, CHECK_WRONG, -1, 0 },
	{ "a different word is still wrong", "everybody", { "every one" }, { 0 },
	  CHECK_WRONG, -1, 0 },
	{ "every one is not every two", "every two", { "everyone" }, { 0 },
	  CHECK_WRONG, -1, 0 },
	{ "words cut in other places are not joined", "fell owmen",
	  { "fellow men" }, { 0 }, CHECK_ALMOST, 2, 0 },
	{ "a joined word with a typo is still only almost", "dead as a dornail",
	  { "dead as a door-nail" }, { 0 }, CHECK_ALMOST, 2, 0 },
	/* rivals: another character's name is never a typo */
	{ "another character is wrong", "Ruth", { "Tommy" },
	  { "Ruth", "Kathy", "Tommy" }, CHECK_WRONG, -1, 0 },
	{ "near name that is a rival is wrong", "Laura", { "Lara" },
	  { "Laura", "Lara" }, CHECK_WRONG, 1, 0 },
	{ "near name with no such rival is almost", "Laura", { "Lara" },
	  { "Kathy" }, CHECK_ALMOST, 1, 0 },
	{ "typo equidistant from a rival is wrong", "Eria", { "Eric" },
	  { "Erin" }, CHECK_WRONG, 1, 0 },
	{ "typo nearer the answer than a rival is almost", "Shiela",
	  { "Sheila" }, { "Sheena", "Sybil" }, CHECK_ALMOST, 1, 0 },
	{ "rival equal to an alias is ignored", "Goole",
	  { "Inspector Goole", "Goole" }, { "Goole", "Eric" }, CHECK_RIGHT, 0, 1 },
	{ "rival spelt differently from the answer", "Emilie", { "Émilie" },
	  { "Emilie", "Emily" }, CHECK_RIGHT, 0, 0 },
	{ "far from the answer and near a rival is wrong", "Emly", { "Emilie" },
	  { "Emily" }, CHECK_WRONG, -1, 0 },
	{ "Mrs for Mr is almost when no rival is given", "Mrs Birling",
	  { "Arthur Birling", "Mr Birling" }, { 0 }, CHECK_ALMOST, 1, 1 },
	{ "Mrs for Mr is wrong when her alias is a rival", "Mrs Birling",
	  { "Arthur Birling", "Mr Birling" },
	  { "Sybil Birling", "Mrs Birling", "Sheila Birling" }, CHECK_WRONG, 1, 1 },
	/* empty */
	{ "empty answer is wrong", "", { "Tommy" }, { 0 }, CHECK_WRONG, 5, 0 },
	{ "only punctuation is wrong", "...", { "Tommy" }, { 0 }, CHECK_WRONG, 5, 0 },
};

static size_t count(const char *const *v)
{
	size_t n = 0;
	while (n < MAXN && v[n])
		n++;
	return n;
}

static void test_answers(void)
{
	struct check_result r;
	check_result_init(&r);
	for (size_t i = 0; i < sizeof answer_rows / sizeof answer_rows[0]; i++) {
		const struct answer_row *row = &answer_rows[i];
		int rc = check_answer(row->typed, row->accepted,
				      count(row->accepted), row->rivals,
				      count(row->rivals), &r);
		int good = rc == 0 && r.verdict == row->want &&
			   (row->distance < 0 || r.distance == row->distance) &&
			   r.matched == row->matched;
		CHECKF(good, "answer: %s (\"%s\" is %s)", row->name, row->typed,
		       check_verdict_name(row->want));
		if (!good)
			printf("#   got rc %d, %s, distance %d, matched %zu\n", rc,
			       check_verdict_name(r.verdict), r.distance, r.matched);
	}
	check_result_release(&r);
}

/* ---- a cast: no character is ever accepted for another ---- */

/* Each row: a character's name, then its aliases.  The checker is given
 * every other character's name and aliases as rivals, as the session does. */
static const char *const cast[][4] = {
	{ "Kathy H.", "Kathy" }, { "Tommy D.", "Tommy" }, { "Ruth" },
	{ "Miss Emily" }, { "Miss Lucy" }, { "Miss Geraldine" },
	{ "Madame", "Marie-Claude" }, { "Chrissie" }, { "Rodney" },
	{ "Keffers" }, { "Laura" }, { "Hannah" }, { "Moira B.", "Moira" },
	{ "Arthur Birling", "Mr Birling" }, { "Sybil Birling", "Mrs Birling" },
	{ "Sheila Birling", "Sheila" }, { "Eric Birling", "Eric" },
	{ "Gerald Croft", "Gerald" }, { "Inspector Goole", "the Inspector" },
	{ "Eva Smith", "Daisy Renton" }, { "Edna" },
};
#define N_CAST (sizeof cast / sizeof cast[0])

static void test_cast(void)
{
	const char *rivals[4 * N_CAST];
	struct check_result r;
	int accepted_other = 0, refused_own = 0;

	check_result_init(&r);
	for (size_t a = 0; a < N_CAST; a++) {
		size_t nr = 0, na = 0;
		while (na < 4 && cast[a][na])
			na++;
		for (size_t b = 0; b < N_CAST; b++)
			for (size_t k = 0; b != a && k < 4 && cast[b][k]; k++)
				rivals[nr++] = cast[b][k];
		for (size_t b = 0; b < N_CAST; b++)
			for (size_t k = 0; k < 4 && cast[b][k]; k++) {
				check_answer(cast[b][k], cast[a], na, rivals, nr, &r);
				if (a == b && r.verdict != CHECK_RIGHT) {
					refused_own++;
					printf("# \"%s\" refused for \"%s\"\n",
					       cast[b][k], cast[a][0]);
				}
				if (a != b && r.verdict != CHECK_WRONG) {
					accepted_other++;
					printf("# \"%s\" taken for \"%s\"\n",
					       cast[b][k], cast[a][0]);
				}
			}
	}
	CHECK("cast: every name and alias is right for its character",
	      refused_own == 0);
	CHECK("cast: no name or alias is right or almost for another",
	      accepted_other == 0);

	/* Typos of the cast still pass as almost with every rival given. */
	static const struct { const char *typed; size_t who; } typos[] = {
		{ "Tomy", 1 }, { "Kathey", 0 }, { "Miss Emilly", 3 },
		{ "Miss Geraldene", 5 }, { "Chrissy", 7 }, { "Inspecter Goole", 18 },
		{ "Sheilah", 15 }, { "Gerld", 17 },
	};
	for (size_t i = 0; i < sizeof typos / sizeof typos[0]; i++) {
		size_t a = typos[i].who, nr = 0, na = 0;
		while (na < 4 && cast[a][na])
			na++;
		for (size_t b = 0; b < N_CAST; b++)
			for (size_t k = 0; b != a && k < 4 && cast[b][k]; k++)
				rivals[nr++] = cast[b][k];
		check_answer(typos[i].typed, cast[a], na, rivals, nr, &r);
		CHECKF(r.verdict == CHECK_ALMOST, "cast: \"%s\" is almost \"%s\"",
		       typos[i].typed, cast[a][0]);
	}
	check_result_release(&r);
}

/* ---- invalid UTF-8 ---- */

static void test_invalid(void)
{
	struct check_result r;
	struct strbuf sb = STRBUF_INIT;
	const char *tommy[] = { "Tommy" };
	const char *bad[] = { "To\xffmmy", "Tommy" };

	check_result_init(&r);
	int rc = check_answer("Tom\xffmy", tommy, 1, NULL, 0, &r);
	CHECK("invalid typed bytes: SWOT_EINVAL", rc == SWOT_EINVAL);
	CHECK("invalid typed bytes: wrong", r.verdict == CHECK_WRONG);
	check_diff_render(&r.diff, 0, &sb);
	CHECK_STR("invalid typed bytes: diff shows the answer", strbuf_str(&sb),
		  "{+Tommy+}");

	rc = check_answer("\xc3", tommy, 1, NULL, 0, &r);
	CHECK("truncated sequence: SWOT_EINVAL and wrong",
	      rc == SWOT_EINVAL && r.verdict == CHECK_WRONG);

	rc = check_answer("Tommy", bad, 2, NULL, 0, &r);
	CHECK("invalid accepted form skipped", rc == 0 &&
	      r.verdict == CHECK_RIGHT && r.matched == 1);

	rc = check_answer("Tommy", tommy, 0, NULL, 0, &r);
	CHECK("no accepted form: SWOT_EINVAL and wrong",
	      rc == SWOT_EINVAL && r.verdict == CHECK_WRONG);

	check_result_release(&r);
	strbuf_release(&sb);
}

/* ---- cloze ---- */

struct cloze_row {
	const char *name;
	const char *typed[MAXN];
	size_t n_typed;
	const char *gaps[MAXN];
	enum check_verdict want;
	size_t right;
	const char *diff;
};

static const struct cloze_row cloze_rows[] = {
	{ "all gaps right", { "responsible", "each other" }, 2,
	  { "responsible", "each other" }, CHECK_RIGHT, 2,
	  "responsible | each other" },
	{ "gaps normalised", { "RESPONSIBLE!", " each  other " }, 2,
	  { "responsible", "each other" }, CHECK_RIGHT, 2,
	  "responsible | each other" },
	{ "one gap almost", { "responsable", "each other" }, 2,
	  { "responsible", "each other" }, CHECK_ALMOST, 1,
	  "[-responsable-]{+responsible+} | each other" },
	{ "one gap wrong, one right", { "guilty", "each other" }, 2,
	  { "responsible", "each other" }, CHECK_WRONG, 1,
	  "[-guilty-]{+responsible+} | each other" },
	{ "one almost, one wrong", { "responsable", "ourselves" }, 2,
	  { "responsible", "each other" }, CHECK_WRONG, 0,
	  "[-responsable-]{+responsible+} | [-ourselves-]{+each other+}" },
	{ "missing gap is wrong", { "responsible" }, 1,
	  { "responsible", "each other" }, CHECK_WRONG, 1,
	  "responsible | {+each other+}" },
	{ "gaps in the wrong order", { "each other", "responsible" }, 2,
	  { "responsible", "each other" }, CHECK_WRONG, 0,
	  "[-each other-]{+responsible+} | [-responsible-]{+each other+}" },
	{ "three gaps with a number", { "1912", "Brumley", "Birling" }, 3,
	  { "1912", "Brumley", "Birling" }, CHECK_RIGHT, 3,
	  "1912 | Brumley | Birling" },
	{ "wrong number in a gap", { "1913", "Brumley", "Birling" }, 3,
	  { "1912", "Brumley", "Birling" }, CHECK_WRONG, 2,
	  "[-1913-]{+1912+} | Brumley | Birling" },
	{ "short gap: no typo allowed", { "she" }, 1, { "he" }, CHECK_WRONG, 0,
	  "[-she-]{+he+}" },
	{ "a gap with a space joined is almost",
	  { "everyone", "Tiny Tm" }, 2, { "every one", "Tiny Tim" }, CHECK_ALMOST, 0,
	  "[-everyone-]{+every one+} | Tiny [-Tm-]{+Tim+}" },
	{ "a gap written hyphenated is right, shown as the answer",
	  { "tomorrow", "Tiny Tm" }, 2, { "to-morrow", "Tiny Tim" }, CHECK_ALMOST, 1,
	  "to-morrow | Tiny [-Tm-]{+Tim+}" },
	{ "a gap of digits split is wrong", { "1 8" }, 1, { "18" }, CHECK_WRONG, 0,
	  "[-1 8-]{+18+}" },
	{ "a gap written split is right", { "door nail" }, 1, { "door-nail" },
	  CHECK_RIGHT, 1, "door-nail" },
	{ "extra typed gaps ignored", { "a", "b", "c" }, 3, { "a", "b" },
	  CHECK_RIGHT, 2, "a | b" },
	{ "curly quotes in a gap", { "don't" }, 1, { "don’t" }, CHECK_RIGHT, 1,
	  "don’t" },
	{ "the article of a four-word gap left out is almost", { "hall of mirrors" }, 1,
	  { "a hall of mirrors" }, CHECK_ALMOST, 0, "{+a+} hall of mirrors" },
	{ "a gap's leading article is the quotation's own word", { "Porter" }, 1,
	  { "the Porter" }, CHECK_WRONG, 0, "{+the+} Porter" },
};

static void test_cloze(void)
{
	struct check_result r;
	struct strbuf sb = STRBUF_INIT;

	check_result_init(&r);
	for (size_t i = 0; i < sizeof cloze_rows / sizeof cloze_rows[0]; i++) {
		const struct cloze_row *row = &cloze_rows[i];
		int rc = check_cloze(row->typed, row->n_typed, row->gaps,
				     count(row->gaps), &r);
		strbuf_reset(&sb);
		check_diff_render(&r.diff, 0, &sb);
		int good = rc == 0 && r.verdict == row->want &&
			   r.matched == row->right &&
			   strcmp(strbuf_str(&sb), row->diff) == 0;
		CHECKF(good, "cloze: %s", row->name);
		if (!good)
			printf("#   got rc %d, %s, %zu right, diff \"%s\"\n", rc,
			       check_verdict_name(r.verdict), r.matched,
			       strbuf_str(&sb));
	}

	const char *typed[] = { "ok", "b\xffy" }, *gaps[] = { "ok", "boy" };
	int rc = check_cloze(typed, 2, gaps, 2, &r);
	CHECK("cloze: invalid UTF-8 in a gap is SWOT_EINVAL and wrong",
	      rc == SWOT_EINVAL && r.verdict == CHECK_WRONG && r.matched == 1);

	/* a gap's other accepted answers */
	const char *g2[] = { "petty pace", "day" }, *t_alt[] = { "slow pace", "day" };
	const char *alts0[] = { "slow pace", "creeping pace" };
	const char *const *alts[] = { alts0, NULL };
	size_t n_alts[] = { 2, 0 };
	rc = check_cloze_alt(t_alt, 2, g2, 2, alts, n_alts, &r);
	CHECK("cloze: a gap's other accepted answer is right",
	      rc == 0 && r.verdict == CHECK_RIGHT && r.matched == 2);
	const char *t_typo[] = { "creping pace", "day" };
	rc = check_cloze_alt(t_typo, 2, g2, 2, alts, n_alts, &r);
	CHECK("cloze: a misspelt other answer is almost", rc == 0 && r.verdict == CHECK_ALMOST);
	const char *t_other[] = { "day", "slow pace" };
	rc = check_cloze_alt(t_other, 2, g2, 2, alts, n_alts, &r);
	CHECK("cloze: another gap's alternative is not accepted",
	      rc == 0 && r.verdict == CHECK_WRONG && r.matched == 0);
	check_result_release(&r);
	strbuf_release(&sb);
}

/* ---- diff ---- */

struct diff_row {
	const char *name, *typed, *expected, *plain, *color;
};

static const struct diff_row diff_rows[] = {
	{ "one word wrong", "the wepping woman", "the weeping woman",
	  "the [-wepping-]{+weeping+} woman",
	  "the \x1b[31;9m[-wepping-]\x1b[m\x1b[32m{+weeping+}\x1b[m woman" },
	{ "words shown as written", "we dont live alone",
	  "“We don’t live alone.”", "“We don’t live alone.”", NULL },
	{ "missing word", "we are members of body",
	  "We are members of one body.",
	  "We are members of {+one+} body.", NULL },
	{ "extra word", "we are all members of one body",
	  "We are members of one body.",
	  "We are [-all-] members of one body.",
	  "We are \x1b[31;9m[-all-]\x1b[m members of one body." },
	{ "run of changed words grouped", "a b c d", "a x y d",
	  "a [-b c-]{+x y+} d", NULL },
	{ "nothing typed", "", "Inspector Goole", "{+Inspector Goole+}",
	  "\x1b[32m{+Inspector Goole+}\x1b[m" },
	{ "punctuation stays with its word", "said he, bitter",
	  "said she, bitterly", "said [-he, bitter-]{+she, bitterly+}", NULL },
	{ "typed capitals replaced by expected form", "INSPECTOR goole",
	  "Inspector Goole", "Inspector Goole", NULL },
	{ "accented word matches", "emilie dubois", "Émilie Dubois",
	  "Émilie Dubois", NULL },
	{ "dash-joined words diff by part", "well known facts",
	  "well-known fact", "well-known [-facts-]{+fact+}", NULL },
	{ "right without the article: shown as the answer", "porter", "the Porter",
	  "the Porter", NULL },
	{ "almost without the article", "Portr", "the Porter",
	  "[-Portr-]{+the Porter+}", NULL },
};

static void test_diff(void)
{
	struct check_result r;
	struct strbuf sb = STRBUF_INIT;

	check_result_init(&r);
	for (size_t i = 0; i < sizeof diff_rows / sizeof diff_rows[0]; i++) {
		const struct diff_row *row = &diff_rows[i];
		const char *acc[] = { row->expected };
		check_answer(row->typed, acc, 1, NULL, 0, &r);
		strbuf_reset(&sb);
		check_diff_render(&r.diff, 0, &sb);
		CHECK_STR(row->name, strbuf_str(&sb), row->plain);
		if (row->color) {
			char name[200];
			snprintf(name, sizeof name, "%s (colour)", row->name);
			strbuf_reset(&sb);
			check_diff_render(&r.diff, 1, &sb);
			CHECK_STR(name, strbuf_str(&sb), row->color);
		}
	}

	/* The ops themselves, for a caller that lays them out itself. */
	const char *acc[] = { "the weeping woman" };
	check_answer("the wepping woman", acc, 1, NULL, 0, &r);
	CHECK("diff ops: same, del, ins, same",
	      r.diff.n == 4 && r.diff.ops[0].kind == CHECK_OP_SAME &&
	      r.diff.ops[1].kind == CHECK_OP_DEL &&
	      strcmp(r.diff.ops[1].typed, "wepping") == 0 &&
	      !r.diff.ops[1].expected &&
	      r.diff.ops[2].kind == CHECK_OP_INS &&
	      strcmp(r.diff.ops[2].expected, "weeping") == 0 &&
	      !r.diff.ops[2].typed && r.diff.ops[3].kind == CHECK_OP_SAME);
	CHECK("diff is against the nearest accepted form",
	      check_answer("Gole", (const char *[]){ "Inspector Goole", "Goole" },
			   2, NULL, 0, &r) == 0 &&
	      r.matched == 1 && r.diff.n == 2 &&
	      strcmp(r.diff.ops[1].expected, "Goole") == 0);
	check_result_release(&r);
	CHECK("released result is empty", r.diff.n == 0 && !r.diff.ops);
	strbuf_release(&sb);
}

/* ---- hints ---- */

static const struct {
	const char *name, *answer;
	int level;
	const char *want;
} hint_rows[] = {
	{ "level 1", "Inspector Goole", 1, "I________ G____" },
	{ "level 2", "Inspector Goole", 2, "In_______ Go___" },
	{ "level 0 shows the shape", "Inspector Goole", 0, "_________ _____" },
	{ "negative level is level 0", "Eva", -3, "___" },
	{ "level beyond the word shows it", "Eva Smith", 4, "Eva Smit_" },
	{ "apostrophe kept and not a new word", "Birling’s", 1, "B______’_" },
	{ "dash starts a new word", "well-known", 1, "w___-k____" },
	{ "punctuation kept", "Yes, sir.", 1, "Y__, s__." },
	{ "accented letter is one character", "Émilie", 2, "Ém____" },
	{ "hidden accented letter is one underscore", "café", 1, "c___" },
	{ "decomposed accent follows its letter", "E\xcc\x81milie", 1, "E\xcc\x81_____" },
	{ "hidden decomposed accent dropped", "cafe\xcc\x81", 1, "c___" },
	{ "digits count", "1912", 1, "1___" },
	{ "spaces kept", "a  b", 1, "a  b" },
	{ "invalid byte is hidden", "ab\xff" "c", 1, "a___" },
};

static void test_hint(void)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < sizeof hint_rows / sizeof hint_rows[0]; i++) {
		char name[200];
		strbuf_reset(&sb);
		check_hint(hint_rows[i].answer, hint_rows[i].level, &sb);
		snprintf(name, sizeof name, "hint: %s", hint_rows[i].name);
		CHECK_STR(name, strbuf_str(&sb), hint_rows[i].want);
	}
	strbuf_release(&sb);
}

/* ---- robustness ---- */

static void test_long(void)
{
	struct check_result r;
	size_t n = 20000;
	char *big = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		big[i] = i % 6 == 5 ? ' ' : (char)('a' + i % 7);
	big[n] = '\0';
	const char *acc[] = { big };

	check_result_init(&r);
	CHECK("very long answer equal to itself is right",
	      check_answer(big, acc, 1, NULL, 0, &r) == 0 &&
	      r.verdict == CHECK_RIGHT);
	big[10] = 'z';
	CHECK("very long answer with a difference is not right",
	      check_answer(big, (const char *[]){ "a short answer" }, 1, NULL, 0,
			   &r) == 0 && r.verdict == CHECK_WRONG);
	check_result_release(&r);
	free(big);
}

/* Forms that normalise to nothing (punctuation only) compared with each
 * other: no comparison of empty arrays may touch a null pointer. */
static void test_empty_forms(void)
{
	struct check_result r;
	check_result_init(&r);
	CHECK("a typo stays almost beside an accepted form of punctuation only",
	      check_answer("Tomy", (const char *[]){ "Tommy", "?" }, 2,
			   (const char *[]){ "!" }, 1, &r) == 0 &&
	      r.verdict == CHECK_ALMOST);
	check_result_release(&r);
}

int main(void)
{
	test_plan(247);
	test_normalize();
	test_ascii_fast();
	test_bound();
	test_answers();
	test_cast();
	test_invalid();
	test_cloze();
	test_diff();
	test_hint();
	test_long();
	test_empty_forms();
	return test_done();
}
