/*
 * test_source.c: quotations looked up in small texts held in memory: what
 * is read alike (line breaks, hyphenation, curly quotes, dashes, case), a
 * cut marked by an ellipsis, edition spellings and dropped words, and the
 * places the headings give (acts and scenes with a cleared stage, staves,
 * chapters titled in capitals, a poem's stanzas).
 */
#include <stdlib.h>
#include <string.h>

#include "swot/source.h"
#include "testhelp.h"

static struct source_text *text_of(const char *s)
{
	return source_new(s, strlen(s));
}

/* The verdict, place and diff of quote in t as one line:
 * "exact Act 2, Scene 3 @12" or "differs Chapter 1 @3: a [-b-]{+c+}". */
static char *look(const struct source_text *t, const char *quote)
{
	static const char *const v[] = { "exact", "differs", "not found" };
	struct source_result r;
	struct strbuf sb = STRBUF_INIT;
	source_result_init(&r);
	source_find(t, quote, &r);
	strbuf_adds(&sb, v[r.verdict]);
	if (r.verdict != SOURCE_NOT_FOUND) {
		if (r.loc.kind != LOC_NONE) {
			strbuf_addc(&sb, ' ');
			deck_loc_format(&r.loc, &sb);
		}
		strbuf_addf(&sb, " @%zu", r.line);
	}
	if (r.verdict == SOURCE_DIFFERS) {
		strbuf_adds(&sb, ": ");
		source_diff_render(&r, 0, &sb);
	}
	source_result_release(&r);
	return strbuf_detach(&sb);
}

#define LOOK(name, t, quote, want)                                           \
	do {                                                                 \
		char *got_ = look(t, quote);                                 \
		CHECK_STR(name, got_, want);                                 \
		free(got_);                                                  \
	} while (0)

static const char *const play =
	"THE TRAGEDY\n\n\nACT I.\n\nSCENE I. A heath.\n\n"
	"FIRST WITCH.\nWhen shall we three meet again\nIn thunder, lightning, or in rain?\n\n"
	"[Exeunt.]\n\nSCENE II. A camp.\n\nDUNCAN.\nWhat bloody man is that?\n\n"
	"ACT II.\n\nSCENE I. Court within the castle.\n\nMACBETH.\n"
	"Is this a dagger which I see before me,\nThe handle toward my hand?\n\n"
	"[Exit.]\n\n[Enter Lady Macbeth.]\n\nLADY MACBETH.\nThat which hath made them drunk\n\n"
	"[Exeunt.]\n\n[Enter a Porter. Knocking within.]\n\nPORTER.\n"
	"Here's a knocking indeed! If a man were porter of hell-\ngate, he should have "
	"old turning the key.\n\nSCENE II. Without the castle.\n\nOLD MAN.\n"
	"Threescore and ten I can remember well.\n\nACT V.\n\nSCENE V. Within the castle.\n\n"
	"MACBETH.\nTo-morrow, and to-morrow, and to-morrow,\nCreeps in this petty pace "
	"from day to day\n";

static void test_play(void)
{
	struct source_text *t = text_of(play);
	CHECK("a play's headings make it a play", source_kind(t) == LOC_SCENE);
	LOOK("act 1 scene 1, across a line break",
	     t, "When shall we three meet again in thunder", "exact Act 1, Scene 1 @9");
	LOOK("a second scene heading", t, "What bloody man is that?",
	     "exact Act 1, Scene 2 @17");
	LOOK("the text's 2.1 before the stage clears is 2.1", t,
	     "Is this a dagger which I see before me", "exact Act 2, Scene 1 @24");
	LOOK("a cleared stage and an entrance start 2.2", t,
	     "That which hath made them drunk", "exact Act 2, Scene 2 @32");
	LOOK("the next cleared stage starts 2.3; a hyphen at a line's end joins",
	     t, "If a man were porter of hell-gate", "exact Act 2, Scene 3 @39");
	LOOK("the text's scene II of act 2 is the modern 2.4", t,
	     "Threescore and ten I can remember well", "exact Act 2, Scene 4 @45");
	LOOK("a scene numbered in the text keeps its number", t,
	     "Creeps in this petty pace", "exact Act 5, Scene 5 @53");
	LOOK("a modern spelling differs, word by word", t,
	     "Tomorrow, and tomorrow, and tomorrow",
	     "differs Act 5, Scene 5 @52: [-Tomorrow-]{+To-morrow+} and "
	     "[-tomorrow-]{+to-morrow+} and [-tomorrow-]{+to-morrow+}");
	LOOK("an ellipsis marks a cut: each piece in order", t,
	     "To-morrow, and to-morrow … from day to day", "exact Act 5, Scene 5 @52");
	LOOK("three dots mark a cut too", t, "Is this a dagger... toward my hand",
	     "exact Act 2, Scene 1 @24");
	LOOK("pieces out of order are not a match", t,
	     "toward my hand … Is this a dagger", "not found");
	LOOK("a quotation the text does not have", t,
	     "All the world loves a sandwich on Tuesday", "not found");
	source_free(t);
}

static void test_prose(void)
{
	struct source_text *t = text_of(
		"A CAROL\n\nCONTENTS\n\nStave I: Marley's Ghost\nStave II: The First\n\n"
		"STAVE I:  MARLEY'S GHOST\n\nMarley was dead: to begin with.\n"
		"\u201cBah!\u201d said Scrooge, \u201cHumbug!\u201d\n\n"
		"STAVE II:  THE FIRST OF THE THREE SPIRITS\n\nIt was a strange figure\u2014like a "
		"child: yet not so like a child as like an old man, viewed through some super-\n"
		"natural medium.\n");
	CHECK("staves", source_kind(t) == LOC_STAVE);
	LOOK("a stave", t, "Marley was dead: to begin with.", "exact Stave 1 @10");
	LOOK("curly quotes and what is said between them", t,
	     "\"Bah!\" said Scrooge, \"Humbug!\"", "exact Stave 1 @11");
	LOOK("a dash is a word break, however written", t,
	     "It was a strange figure -- like a child", "exact Stave 2 @15");
	LOOK("a dropped word differs", t, "like a child: yet not like a child",
	     "differs Stave 2 @15: like a child yet not {+so+} like a child");
	LOOK("an added word differs", t, "viewed through some very supernatural medium",
	     "differs Stave 2 @15: viewed through some [-very-] supernatural medium");
	LOOK("words the text joins across a line by a hyphen", t,
	     "viewed through some supernatural medium", "exact Stave 2 @15");
	source_free(t);

	t = text_of("THE STRANGE CASE\n\nby Someone\n\n\n\nSTORY OF THE DOOR\n\n\n"
		    "Mr. Utterson the lawyer was a man of a rugged countenance.\n\n"
		    "SIGNED\n\n\n\nSEARCH FOR MR. HYDE\n\n"
		    "\u201cIf he be Mr. Hyde,\u201d he had thought, \u201cI shall be Mr. Seek.\u201d\n");
	CHECK("chapters titled in capitals", source_kind(t) == LOC_CHAPTER);
	LOOK("the first titled chapter is chapter 1", t,
	     "a man of a rugged countenance", "exact Chapter 1 @10");
	LOOK("a signature after one blank line is no chapter", t,
	     "I shall be Mr. Seek", "exact Chapter 2 @18");
	LOOK("curly apostrophes and straight ones are one", t,
	     "If he be Mr. Hyde, he had thought", "exact Chapter 2 @18");
	source_free(t);
}

static void test_poem(void)
{
	struct source_text *t = text_of(
		"Ozymandias\n\nPercy Bysshe Shelley\n\n"
		"I met a traveller from an antique land,\nWho said\u2014\u201cTwo vast and trunkless legs of stone\n"
		"Stand in the desert. . . . Near them, on the sand,\n\n"
		"And on the pedestal, these words appear:\nMy name is Ozymandias, King of Kings;\n");
	CHECK("a text with no headings is a poem", source_kind(t) == LOC_STANZA);
	LOOK("a stanza and its line", t, "Two vast and trunkless legs of stone",
	     "exact Stanza 1, line 2 @6");
	LOOK("the second stanza", t, "My name is Ozymandias, King of Kings",
	     "exact Stanza 2, line 2 @10");
	struct deck_loc found = { LOC_STANZA, 2, 0, 2 }, want = { LOC_STANZA, 2, 0, 2 };
	CHECK("a stanza and line agree", source_loc_agrees(&found, &want) == 1);
	want.line = 3;
	CHECK("another line does not", source_loc_agrees(&found, &want) == 0);
	source_free(t);

	struct deck_loc scene = { LOC_SCENE, 2, 1, 0 }, w2 = { LOC_SCENE, 2, 1, 40 };
	CHECK("a play's line is not checked", source_loc_agrees(&scene, &w2) == 1);
	w2.scene = 2;
	CHECK("another scene disagrees", source_loc_agrees(&scene, &w2) == 0);
	struct deck_loc stave = { LOC_STAVE, 3, 0, 0 }, ch = { LOC_CHAPTER, 3, 0, 0 };
	CHECK("a chapter number agrees with a stave", source_loc_agrees(&stave, &ch) == 1);
	struct deck_loc none = { LOC_NONE, 0, 0, 0 };
	CHECK("no place given: cannot tell", source_loc_agrees(&stave, &none) == -1);
	CHECK("a scene against a stave: cannot tell", source_loc_agrees(&stave, &scene) == -1);
}

static void test_formats(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct deck_loc l[] = {
		{ LOC_CHAPTER, 4, 0, 0 }, { LOC_STAVE, 3, 0, 0 }, { LOC_SCENE, 1, 7, 0 },
		{ LOC_SCENE, 1, 7, 35 }, { LOC_STANZA, 2, 0, 5 }, { LOC_NONE, 0, 0, 0 },
	};
	const char *want[] = { "Chapter 4", "Stave 3", "Act 1, Scene 7",
			       "Act 1, Scene 7, line 35", "Stanza 2, line 5", "" };
	for (size_t i = 0; i < sizeof l / sizeof *l; i++) {
		strbuf_reset(&sb);
		deck_loc_format(&l[i], &sb);
		CHECK_STR(want[i][0] ? want[i] : "no place writes nothing", strbuf_str(&sb), want[i]);
	}
	strbuf_release(&sb);

	struct source_text *t = text_of("");
	LOOK("an empty text has nothing", t, "anything at all", "not found");
	source_free(t);
	t = text_of("Some words here and there.\n");
	LOOK("an empty quotation is not found", t, "", "not found");
	LOOK("only an ellipsis is not found", t, "…", "not found");
	source_free(t);
}

int main(void)
{
	test_plan(43);
	test_play();
	test_prose();
	test_poem();
	test_formats();
	return test_done();
}
