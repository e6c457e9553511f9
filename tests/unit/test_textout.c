/*
 * test_textout.c: display width and word wrapping.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "swot/textout.h"
#include "testhelp.h"

static char *wrap(const char *s, int width, int indent)
{
	struct strbuf sb = STRBUF_INIT;
	textout_wrap(&sb, s, width, indent);
	char *r = xstrdup(strbuf_str(&sb));
	strbuf_release(&sb);
	return r;
}

#define CHECK_WRAP(name, s, width, indent, want)                             \
	do {                                                                 \
		char *got_ = wrap(s, width, indent);                         \
		CHECK_STR(name, got_, want);                                 \
		free(got_);                                                  \
	} while (0)

/* Every line of s at most width columns wide. */
static int fits(const char *s, int width)
{
	char *copy = xstrdup(s), *save = NULL;
	int ok = 1;
	for (char *line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		ok &= textout_width(line) <= width;
	free(copy);
	return ok;
}

/* s with its runs of spaces and newlines made single spaces. */
static char *words_of(const char *s)
{
	char *r = xmalloc(strlen(s) + 1), *o = r;
	int space = 1;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\n') {
			if (!space)
				*o++ = ' ';
			space = 1;
		} else {
			*o++ = *s;
			space = 0;
		}
	}
	if (o > r && o[-1] == ' ')
		o--;
	*o = '\0';
	return r;
}

static void test_width(void)
{
	CHECK("plain text: a column a byte", textout_width("Kathy H.") == 8);
	CHECK("accented letters: one column", textout_width("caf\u00e9") == 4);
	CHECK("combining mark: no column", textout_width("cafe\u0301") == 4);
	CHECK("wide characters: two columns", textout_width("\u65e5\u672c") == 4);
	CHECK("colour codes: no columns",
	      textout_width("\033[1mbold\033[0m \033[2m[x]\033[0m") == 8);
}

static void test_wrap(void)
{
	CHECK_WRAP("short text is unchanged", "Kathy H.", 80, 0, "Kathy H.");
	CHECK_WRAP("breaks between words", "aaa bbb ccc", 7, 0, "aaa bbb\nccc");
	CHECK_WRAP("the spaces at a break are dropped", "aaa   bbb", 5, 0, "aaa\nbbb");
	CHECK_WRAP("a line exactly the width stays", "aaa bbb", 7, 0, "aaa bbb");
	CHECK_WRAP("lines the wrapping starts are indented", "one two three four",
		   9, 2, "one two\n  three\n  four");
	CHECK_WRAP("newlines given start paragraphs, leading spaces kept",
		   "  a b\n  c d e f", 6, 3, "  a b\n  c d\n   e f");
	CHECK_WRAP("spaces inside a line are kept", "  Enter    show", 80, 0,
		   "  Enter    show");
	CHECK_WRAP("a word wider than a line is broken", "abcdefghij", 4, 0,
		   "abcd\nefgh\nij");
	CHECK_WRAP("a long word after others starts a line", "ab abcdefgh", 5, 0,
		   "ab\nabcde\nfgh");
	CHECK_WRAP("colour codes take no columns", "\033[1mabc\033[0m def", 7, 0,
		   "\033[1mabc\033[0m def");
	CHECK_WRAP("colour codes stay with their word", "\033[1mabc\033[0m def", 6, 0,
		   "\033[1mabc\033[0m\ndef");
	CHECK_WRAP("wide characters count two", "\u65e5\u672c\u8a9e \u65e5\u672c", 8,
		   0, "\u65e5\u672c\u8a9e\n\u65e5\u672c");
	CHECK_WRAP("a wide word is broken between characters",
		   "\u65e5\u672c\u8a9e\u65e5", 5, 0, "\u65e5\u672c\n\u8a9e\u65e5");
	CHECK_WRAP("combining marks stay with their letter", "cafe\u0301 caf\u00e9", 5,
		   0, "cafe\u0301\ncaf\u00e9");
	CHECK_WRAP("an indent wider than half the line is halved", "aa bb cc dd", 6,
		   5, "aa bb\n   cc\n   dd");
	CHECK_WRAP("empty text gives nothing", "", 10, 0, "");

	/* Many texts at many widths: every line fits, no word is lost. */
	static const char *const words[] = {"a", "the", "narrator", "Hailsham",
					    "caf\u00e9", "\u65e5\u672c\u8a9e",
					    "extraordinarily-long-hyphenated",
					    "\033[1mbold\033[0m", "x"};
	unsigned seed = 12345;
	int all_fit = 1, all_words = 1;
	for (int t = 0; t < 300; t++) {
		struct strbuf text = STRBUF_INIT;
		int n = 1 + t % 40;
		for (int i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			if (i)
				strbuf_adds(&text, (seed >> 20) % 7 ? " " : "  ");
			strbuf_adds(&text, words[(seed >> 16) % 9]);
		}
		int width = 20 + t % 81;
		char *w = wrap(strbuf_str(&text), width, t % 9);
		all_fit &= fits(w, width);
		char *a = words_of(strbuf_str(&text)), *b = words_of(w);
		int wide = width >= 33 + t % 9; /* no word is broken */
		all_words &= !wide || !strcmp(a, b);
		free(a);
		free(b);
		free(w);
		strbuf_release(&text);
	}
	CHECK("many texts at widths 20 to 100: every line fits", all_fit);
	CHECK("many texts: the words come out as they went in", all_words);
}

static void test_columns(void)
{
	int fd[2];
	if (pipe(fd)) {
		CHECK("a pipe for the columns tests", 0);
		return;
	}
	unsetenv("COLUMNS");
	CHECK("not a terminal, no $COLUMNS: 80", textout_columns(fd[1]) == 80);
	setenv("COLUMNS", "60", 1);
	CHECK("not a terminal: $COLUMNS", textout_columns(fd[1]) == 60);
	setenv("COLUMNS", "300", 1);
	CHECK("a wide $COLUMNS is capped", textout_columns(fd[1]) == TEXTOUT_MAX_COLUMNS);
	setenv("COLUMNS", "5", 1);
	CHECK("a silly $COLUMNS is ignored", textout_columns(fd[1]) == 80);
	setenv("COLUMNS", "72x", 1);
	CHECK("a $COLUMNS that is not a number is ignored", textout_columns(fd[1]) == 80);
	unsetenv("COLUMNS");
	close(fd[0]);
	close(fd[1]);
}

static void test_cloze_and_json(void)
{
	struct strbuf sb = STRBUF_INIT;
	textout_cloze(&sb, "It was {{the best}} of {{times}}", 0, "", "");
	CHECK_STR("a cloze blanked and numbered", strbuf_str(&sb),
		  "It was [___1___] of [___2___]");
	strbuf_reset(&sb);
	textout_cloze(&sb, "It was {{the best}} of {{times", 1, "<", ">");
	CHECK_STR("a cloze filled in, an unclosed gap left as it is", strbuf_str(&sb),
		  "It was <the best> of {{times");
	strbuf_reset(&sb);
	strbuf_addc(&sb, '{');
	textout_json_key_str(&sb, "name", "Ada \"A\"");
	textout_json_key_num(&sb, "ready", 0.53676);
	textout_json_key_num(&sb, "change", NAN);
	textout_json_key_str(&sb, "file", NULL);
	strbuf_addc(&sb, '}');
	CHECK_STR("JSON members: commas between, numbers to 4 places, null", strbuf_str(&sb),
		  "{\"name\":\"Ada \\\"A\\\"\",\"ready\":0.5368,\"change\":null,\"file\":null}");
	strbuf_release(&sb);
}

int main(void)
{
	test_plan(31);
	test_width();
	test_wrap();
	test_columns();
	test_cloze_and_json();
	return test_done();
}
