/*
 * test_deck.c: deck format 1 in-process: loading from buffers, the
 * expansion of every note kind into cards (ids, types, prompts, answers,
 * distractors), content hashes, and problems with their places.
 */
#include <stdlib.h>
#include <string.h>

#include "swot/deck.h"
#include "testhelp.h"

static const char BASE[] =
	"{\"swot_deck\": 1, \"id\": \"keeper\", \"title\": \"The Lighthouse Keeper\",\n"
	" \"characters\": [\n"
	"  {\"id\": \"mara\", \"name\": \"Mara Quill\", \"aliases\": [\"Mara\", \"Miss Quill\"],\n"
	"   \"summary\": \"The keeper's daughter, who tends the lamp.\", \"notes\": \"Grows braver.\"},\n"
	"  {\"id\": \"tobin\", \"name\": \"Tobin\", \"summary\": \"A fisherman who distrusts the light.\"}],\n"
	" \"themes\": [\n"
	"  {\"id\": \"duty\", \"name\": \"Duty\", \"summary\": \"Keeping the light.\"},\n"
	"  {\"id\": \"fear\", \"name\": \"Fear\", \"summary\": \"The sea as a threat.\"},\n"
	"  {\"id\": \"love\", \"name\": \"Love\", \"summary\": \"Father and daughter.\"},\n"
	"  {\"id\": \"time\", \"name\": \"Time\", \"summary\": \"Nights and tides.\"},\n"
	"  {\"id\": \"faith\", \"name\": \"Faith\", \"summary\": \"Belief in the light.\"},\n"
	"  {\"id\": \"work\", \"name\": \"Work\", \"summary\": \"Labour.\"}],\n"
	" \"quotes\": [\n"
	"  {\"id\": \"lamp\", \"text\": \"The lamp does not ask whether I am tired.\", \"speaker\": \"mara\",\n"
	"   \"chapter\": 3, \"themes\": [\"duty\", \"work\"], \"gaps\": [\"tired\", \"lamp\"],\n"
	"   \"analysis\": \"Duty personified.\", \"ao\": [\"AO2\"]},\n"
	"  {\"id\": \"heart\", \"text\": \"My heart is an art of waiting.\", \"gaps\": [\"art\"]},\n"
	"  {\"id\": \"sea\", \"text\": \"The sea keeps what it takes.\", \"speaker\": \"tobin\",\n"
	"   \"themes\": [\"fear\"], \"gaps\": [\"keeps\"]}],\n"
	" \"cards\": [\n"
	"  {\"id\": \"setting\", \"type\": \"basic\", \"front\": \"Where?\", \"back\": \"A rock.\", \"tags\": [\"context\"]},\n"
	"  {\"id\": \"year\", \"type\": \"typed\", \"prompt\": \"Year?\", \"answer\": \"1890\", \"accept\": [\"in 1890\"],\n"
	"   \"explain\": \"Before electric lamps.\"},\n"
	"  {\"id\": \"lens\", \"type\": \"cloze\", \"text\": \"A {{Fresnel}} lens has {{rings}}.\"},\n"
	"  {\"id\": \"genre\", \"type\": \"choice\", \"prompt\": \"Genre?\", \"options\": [\"Gothic\", \"Farce\"],\n"
	"   \"answer\": 0}]}\n";

static struct deck *load(const char *text, struct deck_problems *p)
{
	deck_problems_init(p);
	return deck_load_buffer("t.json", text, strlen(text), p);
}

static const struct deck_card *card(const struct deck *d, const char *id)
{
	for (size_t i = 0; d && i < d->n_cards; i++)
		if (strcmp(d->cards[i].id, id) == 0)
			return &d->cards[i];
	return NULL;
}

static int has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i], s) == 0)
			return 1;
	return 0;
}

/* Replaces the first occurrence of from in text by to (caller frees). */
static char *edit(const char *text, const char *from, const char *to)
{
	const char *p = strstr(text, from);
	if (!p)
		abort();
	size_t a = (size_t)(p - text);
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, text, a);
	strbuf_adds(&sb, to);
	strbuf_adds(&sb, p + strlen(from));
	return strbuf_detach(&sb);
}

static int any_line(const struct deck_problems *p, const char *s)
{
	for (size_t i = 0; i < p->lines.n; i++)
		if (strstr(p->lines.items[i], s))
			return 1;
	return 0;
}

static void test_load(void)
{
	struct deck_problems p;
	struct deck *d = load(BASE, &p);
	CHECK("the base deck loads", d != NULL && p.lines.n == 0);
	if (!d) {
		for (size_t i = 0; i < p.lines.n; i++)
			printf("# %s\n", p.lines.items[i]);
		deck_problems_release(&p);
		return;
	}
	CHECK_STR("deck id", d->id, "keeper");
	CHECK_STR("deck path", d->path, "t.json");
	CHECK("notes counted", d->n_characters == 2 && d->n_themes == 6 &&
				       d->n_quotes == 3 && d->n_free == 4);
	CHECK("optional metadata left empty", d->version == NULL && d->text_year == 0 &&
						      d->licence == NULL && d->authors.n == 0);
	CHECK("quote fields", d->quotes[0].chapter == 3 && d->quotes[1].chapter == 0 &&
				      d->quotes[1].speaker == NULL &&
				      strcmp(d->quotes[0].analysis, "Duty personified.") == 0 &&
				      d->quotes[0].ao.n == 1);
	/* 2 per character, 1 per theme, quotes: lamp 3, heart 1, sea 3; 4 free */
	CHECK("card count", d->n_cards == 4 + 6 + 7 + 4);
	const char *order[] = { "mara/who", "mara/describe", "tobin/who", "tobin/describe",
				"duty/quotes", "fear/quotes", "love/quotes", "time/quotes",
				"faith/quotes", "work/quotes", "lamp/cloze", "lamp/speaker",
				"lamp/theme", "heart/cloze", "sea/cloze", "sea/speaker",
				"sea/theme", "setting/card", "year/card", "lens/card",
				"genre/card" };
	int in_order = d->n_cards == sizeof order / sizeof *order;
	for (size_t i = 0; in_order && i < d->n_cards; i++)
		in_order = strcmp(d->cards[i].id, order[i]) == 0;
	CHECK("cards come in note order with stable ids", in_order);
	int split = 1;
	for (size_t i = 0; i < d->n_cards; i++) {
		char *id = xasprintf("%s/%s", d->cards[i].note_id, d->cards[i].variant);
		split = split && strcmp(id, d->cards[i].id) == 0;
		free(id);
	}
	CHECK("id is note_id/variant", split);
	deck_free(d);
	deck_problems_release(&p);
}

static void test_characters(void)
{
	struct deck_problems p;
	struct deck *d = load(BASE, &p);
	const struct deck_card *k = card(d, "mara/who");
	CHECK("who: a who card of a character",
	      k && k->type == CARD_WHO && k->kind == NOTE_CHARACTER);
	CHECK_STR("who: the prompt is the summary", k ? k->prompt : NULL,
		  "Which character is this? The keeper's daughter, who tends the lamp.");
	CHECK("who: the answer is the name, aliases accepted",
	      k && k->answers.n == 1 && strcmp(k->answers.items[0], "Mara Quill") == 0 &&
		      k->accept.n == 2 && has(&k->accept, "Miss Quill"));
	CHECK_STR("who: notes explain", k ? k->explain : NULL, "Grows braver.");
	k = card(d, "mara/describe");
	CHECK("describe: self-graded", k && k->type == CARD_BASIC);
	CHECK_STR("describe: asks about the name", k ? k->prompt : NULL,
		  "Who is Mara Quill? Say what you know about them.");
	CHECK_STR("describe: back is summary and notes", k ? k->answers.items[0] : NULL,
		  "The keeper's daughter, who tends the lamp.\n\nGrows braver.");
	k = card(d, "tobin/describe");
	CHECK_STR("describe without notes: the summary", k ? k->answers.items[0] : NULL,
		  "A fisherman who distrusts the light.");
	k = card(d, "tobin/who");
	CHECK("who without notes or aliases", k && k->explain == NULL && k->accept.n == 0);
	deck_free(d);
	deck_problems_release(&p);
}

static void test_themes(void)
{
	struct deck_problems p;
	struct deck *d = load(BASE, &p);
	const struct deck_card *k = card(d, "duty/quotes");
	CHECK("theme: a basic card bearing on its theme",
	      k && k->type == CARD_BASIC && k->kind == NOTE_THEME && k->themes.n == 1 &&
		      strcmp(k->themes.items[0], "duty") == 0);
	CHECK_STR("theme: asks for the key quotes", k ? k->prompt : NULL,
		  "Theme: Duty. What does the text say about it, and which key quotes show it?");
	CHECK_STR("theme: back is the summary and its quotes", k ? k->answers.items[0] : NULL,
		  "Keeping the light.\n\nKey quotes:\n"
		  "- \"The lamp does not ask whether I am tired.\" (Mara Quill, chapter 3)");
	k = card(d, "love/quotes");
	CHECK_STR("theme with no quote: asks about the theme", k ? k->prompt : NULL,
		  "Theme: Love. What does the text say about it?");
	CHECK_STR("theme with no quote: back is the summary", k ? k->answers.items[0] : NULL,
		  "Father and daughter.");
	deck_free(d);
	deck_problems_release(&p);
}

static void test_quotes(void)
{
	struct deck_problems p;
	struct deck *d = load(BASE, &p);
	const struct deck_card *k = card(d, "lamp/cloze");
	CHECK("cloze: a cloze card of a quote", k && k->type == CARD_CLOZE && k->kind == NOTE_QUOTE);
	CHECK_STR("cloze: gaps marked in the text, with its source", k ? k->prompt : NULL,
		  "\"The {{lamp}} does not ask whether I am {{tired}}.\" (Mara Quill, chapter 3)");
	CHECK("cloze: answers in text order, not list order",
	      k && k->answers.n == 2 && strcmp(k->answers.items[0], "lamp") == 0 &&
		      strcmp(k->answers.items[1], "tired") == 0);
	CHECK_STR("cloze: analysis explains", k ? k->explain : NULL, "Duty personified.");
	CHECK("cloze: bears on the quote's themes",
	      k && k->themes.n == 2 && has(&k->themes, "duty") && has(&k->themes, "work"));
	k = card(d, "heart/cloze");
	CHECK_STR("cloze: a gap is placed on a whole word first", k ? k->prompt : NULL,
		  "\"My heart is an {{art}} of waiting.\"");
	CHECK("quote with no speaker: no speaker card", card(d, "heart/speaker") == NULL);
	CHECK("quote with no themes: no theme card", card(d, "heart/theme") == NULL);

	k = card(d, "lamp/speaker");
	CHECK("speaker: a who card", k && k->type == CARD_WHO);
	CHECK_STR("speaker: asks who says it", k ? k->prompt : NULL,
		  "Who says this? \"The lamp does not ask whether I am tired.\" (chapter 3)");
	CHECK("speaker: the name, aliases accepted",
	      k && strcmp(k->answers.items[0], "Mara Quill") == 0 && has(&k->accept, "Mara"));
	k = card(d, "sea/speaker");
	CHECK_STR("speaker with no chapter", k ? k->prompt : NULL,
		  "Who says this? \"The sea keeps what it takes.\"");

	k = card(d, "lamp/theme");
	CHECK("theme choice: a choice card", k && k->type == CARD_CHOICE);
	CHECK_STR("theme choice: asks which theme", k ? k->prompt : NULL,
		  "Which theme does this quote show? \"The lamp does not ask whether I am tired.\" "
		  "(Mara Quill, chapter 3)");
	if (k) {
		CHECK("theme choice: the answer and 3 distractors", k->options.n == 4);
		const char *right = k->options.items[k->correct];
		CHECK_STR("theme choice: the answer is the quote's main (first) theme", right, "Duty");
		int mine = 0;
		for (size_t i = 0; i < k->options.n; i++)
			if ((int)i != k->correct)
				mine += !strcmp(k->options.items[i], "Duty") ||
					!strcmp(k->options.items[i], "Work");
		CHECK("theme choice: no distractor is one of the quote's themes", mine == 0);
		CHECK_STR("theme choice: analysis explains", k->explain, "Duty personified.");
	}
	deck_free(d);
	deck_problems_release(&p);
}

/* Many quotes: the answer each quote's main (first) theme, distractors
 * never among its own themes, the right answer spread over positions, and
 * the same choice on every load. */
static void test_distractors(void)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "{\"swot_deck\": 1, \"id\": \"d\", \"title\": \"D\", \"themes\": [");
	for (int t = 0; t < 7; t++)
		strbuf_addf(&sb, "%s{\"id\": \"t%d\", \"name\": \"Theme %d\", \"summary\": \"S.\"}",
			    t ? "," : "", t, t);
	strbuf_adds(&sb, "], \"quotes\": [");
	for (int q = 0; q < 60; q++)
		strbuf_addf(&sb, "%s{\"id\": \"q%d\", \"text\": \"Words %d here.\", \"gaps\": [\"here\"], "
			    "\"themes\": [\"t%d\", \"t%d\"]}", q ? "," : "", q, q, q % 7, (q + 3) % 7);
	strbuf_adds(&sb, "]}");
	struct deck_problems p, p2;
	struct deck *d = load(strbuf_str(&sb), &p);
	struct deck *d2 = load(strbuf_str(&sb), &p2);
	CHECK("a deck of 60 quotes loads", d && d2);
	int bad = 0, same = 1, positions[4] = { 0 };
	for (size_t i = 0; d && d2 && i < d->n_cards; i++) {
		const struct deck_card *k = &d->cards[i], *k2 = &d2->cards[i];
		if (k->type != CARD_CHOICE)
			continue;
		int q = atoi(k->note_id + 1);
		char own1[16], own2[16];
		snprintf(own1, sizeof own1, "Theme %d", q % 7);
		snprintf(own2, sizeof own2, "Theme %d", (q + 3) % 7);
		const char *right = k->options.items[k->correct];
		if (k->options.n != 4 || strcmp(right, own1)) /* the main theme */
			bad++;
		for (size_t o = 0; o < k->options.n; o++)
			if ((int)o != k->correct && (!strcmp(k->options.items[o], own1) ||
						     !strcmp(k->options.items[o], own2)))
				bad++;
		positions[k->correct]++;
		same = same && k->correct == k2->correct && k->options.n == k2->options.n;
		for (size_t o = 0; same && o < k->options.n; o++)
			same = !strcmp(k->options.items[o], k2->options.items[o]);
	}
	CHECK("the answer is the quote's main theme; distractors are never its own themes",
	      bad == 0);
	CHECK("the right answer is not always in one place",
	      positions[0] && positions[1] && positions[2] && positions[3]);
	CHECK("distractors are the same on every load", same);
	deck_free(d);
	deck_free(d2);
	deck_problems_release(&p);
	deck_problems_release(&p2);
	strbuf_release(&sb);

	/* fewer other themes than 3: as many distractors as there are */
	struct deck *d3 = load("{\"swot_deck\": 1, \"id\": \"d\", \"title\": \"D\", \"themes\": ["
			       "{\"id\": \"a\", \"name\": \"A\", \"summary\": \"S.\"},"
			       "{\"id\": \"b\", \"name\": \"B\", \"summary\": \"S.\"}],"
			       "\"quotes\": [{\"id\": \"q\", \"text\": \"x y\", \"gaps\": [\"y\"], \"themes\": [\"a\"]},"
			       "{\"id\": \"r\", \"text\": \"x y\", \"gaps\": [\"y\"], \"themes\": [\"a\", \"b\"]}]}",
			       &p);
	const struct deck_card *k = card(d3, "q/theme");
	CHECK("one other theme: two options", k && k->options.n == 2 &&
						      strcmp(k->options.items[k->correct], "A") == 0);
	CHECK("no other theme: no theme card", d3 && card(d3, "r/theme") == NULL);
	deck_free(d3);
	deck_problems_release(&p);
}

static void test_free_cards(void)
{
	struct deck_problems p;
	struct deck *d = load(BASE, &p);
	const struct deck_card *k = card(d, "setting/card");
	CHECK("basic card: front and back",
	      k && k->type == CARD_BASIC && k->kind == NOTE_CARD &&
		      strcmp(k->prompt, "Where?") == 0 && strcmp(k->answers.items[0], "A rock.") == 0);
	CHECK("free card: its tags", k && k->tags.n == 1 && strcmp(k->tags.items[0], "context") == 0);
	k = card(d, "year/card");
	CHECK("typed card: answer, accept and explain",
	      k && k->type == CARD_TYPED && strcmp(k->answers.items[0], "1890") == 0 &&
		      k->accept.n == 1 && strcmp(k->explain, "Before electric lamps.") == 0);
	k = card(d, "lens/card");
	CHECK_STR("cloze card: the text as written", k ? k->prompt : NULL,
		  "A {{Fresnel}} lens has {{rings}}.");
	CHECK("cloze card: answers are its gaps",
	      k && k->type == CARD_CLOZE && k->answers.n == 2 &&
		      strcmp(k->answers.items[0], "Fresnel") == 0 &&
		      strcmp(k->answers.items[1], "rings") == 0);
	k = card(d, "genre/card");
	CHECK("choice card: options and index",
	      k && k->type == CARD_CHOICE && k->options.n == 2 && k->correct == 0 &&
		      k->themes.n == 0 && k->explain == NULL);
	deck_free(d);
	deck_problems_release(&p);
}

static uint64_t hash_of(const struct deck *d, const char *id)
{
	const struct deck_card *k = card(d, id);
	return k ? k->hash : 0;
}

static uint64_t note_hash_of(const struct deck *d, const char *id)
{
	const struct deck_card *k = card(d, id);
	return k ? k->note_hash : 0;
}

static void test_hashes(void)
{
	struct deck_problems p;
	struct deck *a = load(BASE, &p), *b = load(BASE, &p);
	int same = a && b && a->n_cards == b->n_cards;
	for (size_t i = 0; same && i < a->n_cards; i++)
		same = a->cards[i].hash == b->cards[i].hash;
	CHECK("hashes are the same on every load", same);
	int distinct = 1;
	for (size_t i = 0; a && i < a->n_cards; i++)
		for (size_t j = i + 1; j < a->n_cards; j++)
			distinct = distinct && a->cards[i].hash != a->cards[j].hash;
	CHECK("different cards hash differently", distinct);

	/* layout and note order do not matter */
	char *spaced = edit(BASE, "\"swot_deck\": 1,", "\n\n   \"swot_deck\":1 ,\n");
	char *moved = edit(spaced, "{\"id\": \"heart\", \"text\": \"My heart is an art of waiting.\", \"gaps\": [\"art\"]},\n", "");
	char *reordered = edit(moved, "\"quotes\": [\n",
			       "\"quotes\": [\n  {\"id\": \"heart\", \"text\": \"My heart is an art of waiting.\", \"gaps\": [\"art\"]},\n");
	struct deck *c = load(reordered, &p);
	same = c != NULL && a != NULL;
	for (size_t i = 0; same && i < a->n_cards; i++)
		same = hash_of(c, a->cards[i].id) == a->cards[i].hash;
	CHECK("white space and note order leave every hash alone", same);
	same = c != NULL && a != NULL;
	for (size_t i = 0; same && i < a->n_cards; i++)
		same = note_hash_of(c, a->cards[i].id) == a->cards[i].note_hash;
	CHECK("white space and note order leave every note hash alone", same);
	free(spaced);
	free(moved);
	free(reordered);
	deck_free(c);

	/* an edit changes the cards that show it, and only those */
	char *edited = edit(BASE, "whether I am tired.", "whether I am weary or tired.");
	struct deck *e = load(edited, &p);
	CHECK("edited quote: its cloze hash changes", e && hash_of(e, "lamp/cloze") != hash_of(a, "lamp/cloze"));
	CHECK("edited quote: its speaker hash changes", e && hash_of(e, "lamp/speaker") != hash_of(a, "lamp/speaker"));
	CHECK("edited quote: its theme hash changes", e && hash_of(e, "lamp/theme") != hash_of(a, "lamp/theme"));
	CHECK("edited quote: the theme listing it changes", e && hash_of(e, "duty/quotes") != hash_of(a, "duty/quotes"));
	int others = e != NULL;
	for (size_t i = 0; others && i < a->n_cards; i++) {
		const char *id = a->cards[i].id;
		if (strncmp(id, "lamp/", 5) && strcmp(id, "duty/quotes") && strcmp(id, "work/quotes"))
			others = hash_of(e, id) == a->cards[i].hash;
	}
	CHECK("edited quote: no other card changes", others);
	CHECK("edited quote: its note hash changes, the same on each of its cards",
	      e && note_hash_of(e, "lamp/cloze") != note_hash_of(a, "lamp/cloze") &&
		      note_hash_of(e, "lamp/cloze") == note_hash_of(e, "lamp/speaker") &&
		      note_hash_of(e, "lamp/cloze") == note_hash_of(e, "lamp/theme"));
	others = e != NULL;
	for (size_t i = 0; others && i < a->n_cards; i++)
		if (strncmp(a->cards[i].id, "lamp/", 5))
			others = note_hash_of(e, a->cards[i].id) == a->cards[i].note_hash &&
				 a->cards[i].note_hash != 0;
	CHECK("edited quote: every other note hash stays, the themes' listing it too",
	      others && note_hash_of(e, "duty/quotes") == note_hash_of(a, "duty/quotes"));
	free(edited);
	deck_free(e);

	edited = edit(BASE, "\"analysis\": \"Duty personified.\"", "\"analysis\": \"Duty made a person.\"");
	e = load(edited, &p);
	CHECK("edited analysis: the quote's cards change (shown after answering)",
	      e && hash_of(e, "lamp/cloze") != hash_of(a, "lamp/cloze"));
	CHECK("edited analysis: the theme card does not", e && hash_of(e, "duty/quotes") == hash_of(a, "duty/quotes"));
	free(edited);
	deck_free(e);

	edited = edit(BASE, "\"tags\": [\"context\"]", "\"tags\": [\"context\", \"setting\"]");
	e = load(edited, &p);
	CHECK("edited tags change the card's hash", e && hash_of(e, "setting/card") != hash_of(a, "setting/card"));
	free(edited);
	deck_free(e);

	edited = edit(BASE, "\"ao\": [\"AO2\"]", "\"ao\": [\"AO1\", \"AO2\"]");
	e = load(edited, &p);
	CHECK("assessment objectives (not shown) leave hashes alone",
	      e && hash_of(e, "lamp/cloze") == hash_of(a, "lamp/cloze"));
	CHECK("assessment objectives are the quote's own: its note hash changes",
	      e && note_hash_of(e, "lamp/cloze") != note_hash_of(a, "lamp/cloze"));
	free(edited);
	deck_free(e);

	deck_free(a);
	deck_free(b);
	deck_problems_release(&p);
}

static void test_problems(void)
{
	struct deck_problems p;
	struct deck *d = load("{\"swot_deck\": 1,\n \"id\": \"x\"\n \"title\": \"t\"}", &p);
	CHECK("syntax error: no deck, one problem", d == NULL && p.lines.n == 1);
	CHECK_STR("syntax error: file, line, column and what was expected",
		  p.lines.n ? p.lines.items[0] : NULL,
		  "t.json:3:2: expected ',' or '}' after the value of \"id\", found '\"' (a missing ','?)");
	deck_problems_release(&p);

	d = load("{\"swot_deck\": 1, \"id\": \"x\", \"title\": \"\xc3\xa9t\xc3\xa9 \xff\"}", &p);
	CHECK_STR("invalid UTF-8: the column counts characters",
		  p.lines.n ? p.lines.items[0] : NULL,
		  "t.json:1:43: invalid UTF-8 (byte 0xFF): save the file as UTF-8");
	deck_problems_release(&p);

	char *twice = edit(BASE, "\"speaker\": \"tobin\"", "\"speaker\": \"toby\"");
	char *thrice = edit(twice, "\"gaps\": [\"keeps\"]", "\"gaps\": [\"kept\"]");
	char *four = edit(thrice, "\"answer\": 0}", "\"answer\": 5}");
	d = load(four, &p);
	CHECK("every problem is reported", d == NULL && p.lines.n == 3);
	CHECK("dangling speaker, with a suggestion",
	      any_line(&p, "t.json: quotes[2] \"sea\": speaker \"toby\" is not a character id (did you mean \"tobin\"?)"));
	CHECK("gap not in the text", any_line(&p, "t.json: quotes[2] \"sea\": gap \"kept\" does not occur in the text"));
	CHECK("choice answer out of range", any_line(&p, "t.json: cards[3] \"genre\": \"answer\" 5 is not an option"));
	free(twice);
	free(thrice);
	free(four);
	deck_problems_release(&p);

	/* a file of free cards alone, or of nothing, is a deck */
	d = load("{\"swot_deck\": 1, \"id\": \"x\", \"title\": \"t\"}", &p);
	CHECK("a deck with no sections loads, with no cards", d && d->n_cards == 0 && p.lines.n == 0);
	deck_free(d);
	deck_problems_release(&p);

	/* the size cap applies to buffers too */
	size_t big = SWOT_DECK_MAX_BYTES + 1;
	char *buf = xmalloc(big);
	memset(buf, ' ', big);
	deck_problems_init(&p);
	d = deck_load_buffer("big.json", buf, big, &p);
	CHECK("a buffer over the cap is refused",
	      d == NULL && p.lines.n == 1 && strstr(p.lines.items[0], "limited to 16 MiB"));
	free(buf);
	deck_problems_release(&p);

	deck_problems_init(&p);
	d = deck_load_file("/nonexistent/deck.json", &p);
	CHECK("a missing file is a problem naming it",
	      d == NULL && p.lines.n == 1 && strstr(p.lines.items[0], "/nonexistent/deck.json"));
	deck_problems_release(&p);

	/* more than 200 problems: the rest are counted */
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "{\"swot_deck\": 1, \"id\": \"x\", \"title\": \"t\", \"themes\": [");
	for (int i = 0; i < 250; i++)
		strbuf_addf(&sb, "%s{\"id\": \"T%d\", \"name\": \"n\", \"summary\": \"s\"}", i ? "," : "", i);
	strbuf_adds(&sb, "]}");
	d = load(strbuf_str(&sb), &p);
	CHECK("problems past 200 are counted, not listed",
	      d == NULL && p.lines.n == 201 && strstr(p.lines.items[200], "50 more problems"));
	strbuf_release(&sb);
	deck_problems_release(&p);
}

/* A deck big enough for the loader's large-memory paths (mapped chunks, a
 * theme card listing thousands of quotes). */
static void test_large(void)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "{\"swot_deck\": 1, \"id\": \"big\", \"title\": \"Big\", "
		    "\"characters\": [{\"id\": \"c\", \"name\": \"Cal\", \"summary\": \"S.\"}], "
		    "\"themes\": [{\"id\": \"a\", \"name\": \"A\", \"summary\": \"S.\"}, "
		    "{\"id\": \"b\", \"name\": \"B\", \"summary\": \"S.\"}], \"quotes\": [");
	for (int i = 0; i < 8000; i++)
		strbuf_addf(&sb, "%s{\"id\": \"q%d\", \"text\": \"Line %d of many.\", \"speaker\": \"c\", "
			    "\"themes\": [\"a\"], \"gaps\": [\"many\"]}", i ? "," : "", i, i);
	strbuf_adds(&sb, "], \"cards\": [");
	for (int i = 0; i < 8000; i++)
		strbuf_addf(&sb, "%s{\"id\": \"k%d\", \"type\": \"typed\", \"prompt\": \"P%d\", "
			    "\"answer\": \"A%d\"}", i ? "," : "", i, i, i);
	strbuf_adds(&sb, "]}");
	struct deck_problems p;
	struct deck *d = load(strbuf_str(&sb), &p);
	CHECK("a deck of 16,000 notes loads", d && d->n_cards == 2 + 2 + 8000 * 3 + 8000);
	const struct deck_card *k = card(d, "a/quotes");
	CHECK("its theme card shows the first five of its 8000 quotes",
	      k && strstr(k->answers.items[0], "\"Line 4 of many.\" (Cal)") != NULL &&
		      strstr(k->answers.items[0], "\"Line 5 of many.\"") == NULL);
	k = card(d, "q7999/cloze");
	CHECK_STR("its last quote's cloze", k ? k->prompt : NULL, "\"Line 7999 of {{many}}.\" (Cal)");
	k = card(d, "k7999/card");
	CHECK("its last free card", k && strcmp(k->answers.items[0], "A7999") == 0);
	deck_free(d);
	deck_problems_release(&p);
	strbuf_release(&sb);
}

/* How many lines of s start with "- " (a theme card's quotes). */
static int listed(const char *s)
{
	int n = 0;
	for (const char *p = s; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		n += p[0] == '-' && p[1] == ' ';
	return n;
}

/* A theme card shows at most five quotes: key_quotes when given, else the
 * quotes whose first theme it is, then the others, in deck order. */
static void test_theme_cap(void)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "{\"swot_deck\": 1, \"id\": \"d\", \"title\": \"D\", \"themes\": ["
		    "{\"id\": \"a\", \"name\": \"A\", \"summary\": \"S.\"},"
		    "{\"id\": \"b\", \"name\": \"B\", \"summary\": \"S.\"%s}], \"quotes\": [");
	char *keyed = NULL;
	for (int q = 0; q < 9; q++)
		strbuf_addf(&sb, "%s{\"id\": \"q%d\", \"text\": \"Words %d here.\", \"gaps\": [\"here\"], "
			    "\"themes\": [%s]}", q ? "," : "", q, q,
			    q % 3 == 2 ? "\"a\", \"b\"" : "\"b\", \"a\"");
	strbuf_adds(&sb, "]}");
	char *plain = xasprintf(strbuf_str(&sb), "");
	keyed = xasprintf(strbuf_str(&sb), ", \"key_quotes\": [\"q7\", \"q0\"]");
	struct deck_problems p;
	struct deck *d = load(plain, &p);
	const struct deck_card *k = card(d, "a/quotes");
	const char *back = k ? k->answers.items[0] : NULL;
	CHECK("theme cap: nine quotes, five shown", back && listed(back) == 5);
	CHECK("theme cap: the quotes whose first theme it is come first, in deck order",
	      back && strstr(back, "Key quotes:\n- \"Words 2 here.\"\n- \"Words 5 here.\"\n"
				   "- \"Words 8 here.\"\n- \"Words 0 here.\"\n- \"Words 1 here.\""));
	CHECK_STR("theme cap: still asks for key quotes", k ? k->prompt : NULL,
		  "Theme: A. What does the text say about it, and which key quotes show it?");
	k = card(d, "b/quotes");
	CHECK("theme cap: the other theme's first five", k && listed(k->answers.items[0]) == 5 &&
		      strstr(k->answers.items[0], "- \"Words 6 here.\"") &&
		      !strstr(k->answers.items[0], "Words 2 here"));
	deck_free(d);
	deck_problems_release(&p);
	d = load(keyed, &p);
	k = card(d, "b/quotes");
	CHECK_STR("key_quotes: the author's quotes, in the author's order",
		  k ? k->answers.items[0] : NULL,
		  "S.\n\nKey quotes:\n- \"Words 7 here.\"\n- \"Words 0 here.\"");
	CHECK("key_quotes: the card keeps its id", k && strcmp(k->id, "b/quotes") == 0);
	deck_free(d);
	deck_problems_release(&p);
	free(plain);
	free(keyed);
	strbuf_release(&sb);
}

static size_t count_answer(const struct deck *d, const char *name, size_t *all)
{
	size_t n = 0;
	*all = 0;
	for (size_t i = 0; d && i < d->n_cards; i++)
		if (strcmp(d->cards[i].variant, "speaker") == 0) {
			(*all)++;
			n += strcmp(d->cards[i].answers.items[0], name) == 0;
		}
	return n;
}

/* Speaker cards: none for narration, and no character answers more than
 * 30% of them (the first ones in deck order are kept). */
static void test_speaker_cap(void)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "{\"swot_deck\": 1, \"id\": \"d\", \"title\": \"D\", \"characters\": [");
	for (int c = 0; c < 5; c++)
		strbuf_addf(&sb, "%s{\"id\": \"c%d\", \"name\": \"Cee %d\", \"summary\": \"S.\"}",
			    c ? "," : "", c, c);
	strbuf_adds(&sb, "], \"quotes\": [");
	/* c0, the narrator: 12 narrated quotes and 10 spoken; c1-c4: 2 each */
	for (int q = 0; q < 30; q++)
		strbuf_addf(&sb, "%s{\"id\": \"q%d\", \"text\": \"Words %d here.\", \"gaps\": [\"here\"], "
			    "\"speaker\": \"c%d\"%s}", q ? "," : "", q, q, q < 22 ? 0 : 1 + (q - 22) / 2,
			    q < 12 ? ", \"narration\": true" : "");
	strbuf_adds(&sb, "]}");
	struct deck_problems p;
	struct deck *d = load(strbuf_str(&sb), &p);
	size_t all, narrator = count_answer(d, "Cee 0", &all);
	CHECK("speaker: no card for narration", d && !card(d, "q0/speaker") && !card(d, "q11/speaker"));
	CHECK("speaker: narration still shows its speaker on the cloze card",
	      d && strstr(card(d, "q0/cloze")->prompt, "(Cee 0)"));
	CHECKF(all && 100 * narrator <= 30 * all,
	       "speaker: the narrator answers %zu of %zu, at most 30%%", narrator, all);
	CHECK("speaker: the narrator keeps the first cards in deck order",
	      d && narrator == 3 && card(d, "q12/speaker") && card(d, "q14/speaker") &&
		      !card(d, "q15/speaker"));
	CHECK("speaker: every other character keeps all", all == narrator + 8);
	CHECK("speaker: a kept card's id is unchanged",
	      d && strcmp(card(d, "q29/speaker")->id, "q29/speaker") == 0);
	deck_free(d);
	deck_problems_release(&p);
	strbuf_release(&sb);
}

/* A distractor shares no quote with the quote's themes; with too few such
 * themes, the least associated make up two. */
static void test_clear_distractors(void)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "{\"swot_deck\": 1, \"id\": \"d\", \"title\": \"D\", \"themes\": [");
	for (int t = 0; t < 6; t++)
		strbuf_addf(&sb, "%s{\"id\": \"t%d\", \"name\": \"T%d\", \"summary\": \"S.\"}",
			    t ? "," : "", t, t);
	/* t0 goes with t1 (often) and t2 (once); t3, t4, t5 never with t0 */
	strbuf_adds(&sb, "], \"quotes\": ["
		    "{\"id\": \"a\", \"text\": \"x y\", \"gaps\": [\"y\"], \"themes\": [\"t0\"]},"
		    "{\"id\": \"b\", \"text\": \"x y\", \"gaps\": [\"y\"], \"themes\": [\"t0\", \"t1\"]},"
		    "{\"id\": \"c\", \"text\": \"x y\", \"gaps\": [\"y\"], \"themes\": [\"t1\", \"t0\"]},"
		    "{\"id\": \"e\", \"text\": \"x y\", \"gaps\": [\"y\"], \"themes\": [\"t2\", \"t0\"]},"
		    "{\"id\": \"f\", \"text\": \"x y\", \"gaps\": [\"y\"], \"themes\": [\"t3\", \"t4\", \"t5\"]},"
		    "{\"id\": \"g\", \"text\": \"x y\", \"gaps\": [\"y\"], \"themes\": [\"t3\", \"t1\"]}]}");
	struct deck_problems p;
	struct deck *d = load(strbuf_str(&sb), &p);
	const struct deck_card *k = card(d, "a/theme");
	int bad = !k || k->options.n != 4;
	for (size_t o = 0; k && o < k->options.n; o++)
		if ((int)o != k->correct)
			bad += !strcmp(k->options.items[o], "T1") || !strcmp(k->options.items[o], "T2");
	CHECK("distractors: never a theme that shares a quote with the quote's themes", bad == 0);
	k = card(d, "f/theme");
	/* t3-t5: t0, t2 share nothing with them; t1 shares g with t3 */
	bad = !k || k->options.n != 3;
	for (size_t o = 0; k && o < k->options.n; o++)
		if ((int)o != k->correct)
			bad += !strcmp(k->options.items[o], "T1");
	CHECK("distractors: two clearly wrong themes make a three-option card", bad == 0);
	k = card(d, "b/theme");
	/* t2 and t3 share quotes with t0 or t1; t4 and t5 share none */
	bad = !k || k->options.n != 3;
	for (size_t o = 0; k && o < k->options.n; o++)
		if ((int)o != k->correct)
			bad += !strcmp(k->options.items[o], "T0") || !strcmp(k->options.items[o], "T1") ||
			       !strcmp(k->options.items[o], "T2") || !strcmp(k->options.items[o], "T3");
	CHECK("distractors: two clearly wrong of four others", bad == 0);
	deck_free(d);
	deck_problems_release(&p);
	strbuf_release(&sb);
}

/* A deck whose themes all share quotes (nothing is clearly wrong), one of
 * them with few quotes: deck id, then 63 quotes over t0-t6 covering every
 * pair, then 3 tagged with t7 and one of t0, t3, t5. */
static struct deck *load_crowded(const char *id, struct strbuf *sb, struct deck_problems *p)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "{\"swot_deck\": 1, \"id\": \"%s\", \"title\": \"D\", \"themes\": [", id);
	for (int t = 0; t < 8; t++)
		strbuf_addf(sb, "%s{\"id\": \"t%d\", \"name\": \"T%d\", \"summary\": \"S.\"}",
			    t ? "," : "", t, t);
	strbuf_adds(sb, "], \"quotes\": [");
	for (int q = 0; q < 66; q++) {
		int a = q < 63 ? q % 7 : 7, b = q < 63 ? (a + 1 + (q / 7) % 3) % 7 : (q - 63) * 3 % 8;
		strbuf_addf(sb, "%s{\"id\": \"q%d\", \"text\": \"x y\", \"gaps\": [\"y\"], "
			    "\"themes\": [\"t%d\", \"t%d\"]}", q ? "," : "", q, a, b);
	}
	strbuf_adds(sb, "]}");
	return load(strbuf_str(sb), p);
}

/* With no clearly wrong theme, distractors are drawn from every theme
 * that goes with the quote's themes no more than chance, evenly: the
 * theme with fewest quotes is not offered on most cards; the draw is per
 * deck and quote, and the same on every load. */
static void test_spread_distractors(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct deck_problems p, p2, p3;
	struct deck *d = load_crowded("d", &sb, &p), *d2 = load_crowded("d", &sb, &p2);
	struct deck *e = load_crowded("e", &sb, &p3);
	size_t n = 0, offered[8] = { 0 };
	int bad = 0, same = 1, differ = 0;
	for (size_t i = 0; d && d2 && e && i < d->n_cards; i++) {
		const struct deck_card *k = &d->cards[i];
		if (k->type != CARD_CHOICE)
			continue;
		const struct deck_card *k2 = card(d2, k->id), *ke = card(e, k->id);
		const struct strlist *own = &d->quotes[atoi(k->note_id + 1)].themes;
		n++;
		bad += k->options.n != 3;
		for (size_t o = 0; o < k->options.n; o++) {
			if ((int)o == k->correct)
				continue;
			offered[k->options.items[o][1] - '0']++;
			for (size_t t = 0; t < own->n; t++)
				bad += k->options.items[o][1] == own->items[t][1];
		}
		same = same && k2 && k2->correct == k->correct;
		for (size_t o = 0; same && o < k->options.n; o++)
			same = !strcmp(k->options.items[o], k2->options.items[o]);
		for (size_t o = 0; ke && o < k->options.n; o++)
			differ += strcmp(k->options.items[o], ke->options.items[o]) != 0;
	}
	size_t most = 0;
	for (int t = 0; t < 8; t++)
		most = offered[t] > offered[most] ? (size_t)t : most;
	CHECK("spread: 66 which-theme cards of two distractors, none the quote's own",
	      n == 66 && bad == 0);
	CHECKF(n && 100 * offered[most] <= 40 * n,
	       "spread: no theme is offered on more than 40%% (T%zu on %zu of %zu; T7 on %zu)",
	       most, offered[most], n, offered[7]);
	CHECK("spread: the same distractors on every load", same);
	CHECK("spread: the same quote ids in another deck draw other distractors", differ > 0);
	deck_free(d);
	deck_free(d2);
	deck_free(e);
	deck_problems_release(&p);
	deck_problems_release(&p2);
	deck_problems_release(&p3);
	strbuf_release(&sb);
}

/* A gap whose words stand elsewhere on its card is refused, naming it. */
static void test_gap_given_away(void)
{
	struct deck_problems p;
	char *q = edit(BASE, "\"text\": \"The sea keeps what it takes.\"",
		       "\"text\": \"The sea keeps what it takes, and what the Sea keeps stays.\"");
	char *qg = edit(q, "\"gaps\": [\"keeps\"]", "\"gaps\": [\"what it takes\", \"sea keeps\"]");
	struct deck *d = load(qg, &p);
	CHECK("gap given away: refused", d == NULL && p.lines.n == 1);
	CHECK_STR("gap given away: the message names the quote and the gap",
		  p.lines.n ? p.lines.items[0] : NULL,
		  "t.json: quotes[2] \"sea\": gap \"sea keeps\" is given away: the same words stand "
		  "elsewhere in the card's text (choose other words to blank, or cut the quotation)");
	deck_problems_release(&p);
	char *c = edit(BASE, "A {{Fresnel}} lens has {{rings}}.", "A {{Fresnel}} lens has {{rings}}: "
		       "Fresnel's rings.");
	d = load(c, &p);
	CHECK("gap given away in a free cloze card: refused",
	      d == NULL && any_line(&p, "t.json: cards[2] \"lens\": gap \"Fresnel\" is given away"));
	deck_problems_release(&p);
	char *ok = edit(BASE, "A {{Fresnel}} lens has {{rings}}.", "A {{Fresnel}} lens has {{rings}}: "
			"a Fresnelish ring.");
	d = load(ok, &p);
	CHECK("a gap inside a longer word is not given away", d != NULL && p.lines.n == 0);
	deck_free(d);
	deck_problems_release(&p);
	free(q);
	free(qg);
	free(c);
	free(ok);
}

static void test_names(void)
{
	CHECK_STR("kind name", deck_note_kind_name(NOTE_QUOTE), "quote");
	CHECK_STR("kind name card", deck_note_kind_name(NOTE_CARD), "card");
	CHECK_STR("type name who", deck_card_type_name(CARD_WHO), "who");
	CHECK_STR("type name choice", deck_card_type_name(CARD_CHOICE), "choice");
}

int main(void)
{
	test_plan(88 + 19 + 4);
	test_load();
	test_characters();
	test_themes();
	test_quotes();
	test_distractors();
	test_free_cards();
	test_hashes();
	test_problems();
	test_large();
	test_theme_cap();
	test_speaker_cap();
	test_clear_distractors();
	test_spread_distractors();
	test_gap_given_away();
	test_names();
	return test_done();
}
