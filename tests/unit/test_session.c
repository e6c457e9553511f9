/*
 * test_session.c: a review session run in-process on a real database,
 * its answers read from a file and its output written to memory: each
 * type of card asked as its row of the session's table says (label,
 * prompt, check, answer shown), the commands of the session's own table
 * (:help listing them, an unknown one named, :hint, :undo), and what was
 * recorded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "swot/deck.h"
#include "swot/lineinput.h"
#include "swot/session.h"
#include "swot/store.h"
#include "testhelp.h"

static const char deck_json[] =
	"{\"swot_deck\": 1, \"id\": \"lab\", \"title\": \"Lab\", \"cards\": ["
	"{\"id\": \"t1\", \"type\": \"typed\", \"prompt\": \"Capital of France?\","
	" \"answer\": \"Paris\"},"
	"{\"id\": \"c1\", \"type\": \"choice\", \"prompt\": \"Two and two?\","
	" \"options\": [\"three\", \"four\", \"five\"], \"answer\": 1},"
	"{\"id\": \"z1\", \"type\": \"cloze\", \"text\": \"The {{cat}} sat on the {{mat}}\"},"
	"{\"id\": \"b1\", \"type\": \"basic\", \"front\": \"Front side\", \"back\": \"Back side\"}"
	"]}";

/* What each line answers, in the order the session asks. */
static const char answers[] =
	":help\n"     /* t1: the commands */
	":bogus\n"    /* t1: not a command */
	"Pari\n"      /* t1: almost */
	"\n"          /* t1: the proposed grade (hard) */
	"9\n"         /* c1: not an option */
	"2\n"         /* c1: some option */
	"3\n"         /* c1: good */
	":hint\n"     /* z1 gap 1 */
	"cat\n"       /* z1 gap 1 */
	"mat\n"       /* z1 gap 2 */
	"\n"          /* z1: the proposed grade, at most hard after a hint */
	"\n"          /* b1: Enter shows the answer */
	":undo\n"     /* b1's grade prompt: take back z1's answer */
	"cat\n"       /* z1 again */
	"mat\n"
	"3\n"
	"\n"          /* b1 */
	"4\n";

static int count_rows(void *ctx, const struct store_log_row *r)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

int main(void)
{
	test_plan(17);
	char dir[] = "/tmp/swot-test-session-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	char *path = xasprintf("%s/t.db", dir);
	struct store *s = NULL;
	struct swot_err err = {0};
	struct deck_problems p;
	deck_problems_init(&p);
	struct deck *d = deck_load_buffer("lab.json", deck_json, strlen(deck_json), &p);
	struct store_import_counts counts = {0};
	int64_t now = INT64_C(1768402800); /* 2026-01-14 15:00 UTC */
	CHECK("the deck loads, the store opens and takes it",
	      d && store_open(path, &s, &err) == 0 &&
	      store_import(s, &d, 1, now - 3600, &counts, &err) == 0);
	store_import_counts_release(&counts);
	deck_free(d);
	deck_problems_release(&p);

	FILE *in = fmemopen((void *)answers, sizeof answers - 1, "r");
	char *text = NULL;
	size_t text_len = 0;
	FILE *out = open_memstream(&text, &text_len);
	struct lineinput *li = lineinput_new(in, out, 0, NULL);
	struct session_opts o = {.store = s, .deck = "lab", .now = now, .width = 80,
				 .out = out, .in = li};
	struct session_result r = {0};
	int rc = s ? session_run(&o, &r, &err) : -1;
	lineinput_free(li);
	fclose(in);
	fclose(out);
	CHECK("the session runs to its end", rc == 0);
	if (!text)
		text = xstrdup("");

	CHECK("each card shows its type's label",
	      strstr(text, "Capital of France?  [type the answer]") &&
	      strstr(text, "Two and two?  [choose]") &&
	      strstr(text, "The [___1___] sat on the [___2___]  [fill the gaps]") &&
	      strstr(text, "Front side  [recall]"));
	CHECK(":help lists the commands from the table",
	      strstr(text, "  :hint    show the first letters") &&
	      strstr(text, "  :undo    take back the last answer") &&
	      strstr(text, "  Tab      completes commands and character names"));
	CHECK("an unknown command is named", strstr(text, ":bogus is not a command; :help lists them") != NULL);
	CHECK("a typed answer one letter out is almost right",
	      strstr(text, "almost (proposed: hard)") != NULL);
	CHECK("the typed card's answer is shown", strstr(text, "answer: Paris") != NULL);
	CHECK("a choice out of range is asked again",
	      strstr(text, "type a number from 1 to 3") != NULL);
	CHECK("the choice card shows the right option", strstr(text, "answer: four") != NULL);
	CHECK("a hint shows the start of the gap", strstr(text, "hint: c") != NULL);
	CHECK("after a hint the proposal is at most hard",
	      strstr(text, "right (proposed: hard, after a hint)") != NULL);
	CHECK("the cloze answer is the filled text",
	      strstr(text, "answer: The cat sat on the mat") != NULL);
	CHECK("the basic card shows its back", strstr(text, "answer: Back side") != NULL);
	CHECK(":undo takes the answer back", strstr(text, "(last answer undone)") != NULL);
	CHECK("the result counts 4 answers on 4 cards (the undone one not counted)",
	      r.answers == 4 && r.cards == 4);
	int rows = 0;
	CHECK("the review log holds the 4 answers",
	      s && store_review_walk(s, "lab", 0, count_rows, &rows, &err) == 0 && rows == 4);
	CHECK("the summary says how it went", strstr(text, "4 cards answered") != NULL);
	if (test_failed)
		printf("# the session wrote:\n# %s\n", text);

	store_close(s);
	free(text);
	unlink(path);
	rmdir(dir);
	free(path);
	return test_done();
}
