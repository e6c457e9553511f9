/*
 * test_progfile.c: the progress file: what is written reads back the same
 * and writes the same bytes again; every kind of bad file is refused with
 * one line saying what; every prefix of a good file is refused cleanly.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "swot/progfile.h"
#include "testhelp.h"

/* A small progress file: two decks, a new card, a reviewed one with its
 * log, names with quotes and non-ASCII letters. */
static void sample(struct progfile *p)
{
	memset(p, 0, sizeof *p);
	p->format = PROGFILE_FORMAT;
	p->swot_version = xstrdup("0.1.0");
	p->name = xstrdup("Zo\xc3\xab \"Z\" O'Neil");
	p->student = xstrdup("0123456789abcdef0123456789abcdef");
	p->exported_at = 1800000000;
	p->n_decks = 2;
	p->decks = xcalloc(2, sizeof *p->decks);
	for (size_t i = 0; i < 2; i++) {
		struct progfile_deck *d = &p->decks[i];
		d->id = xstrdup(i ? "macbeth" : "never-let-me-go");
		d->title = xstrdup(i ? "Macbeth" : "Never Let Me Go");
		d->version = i ? NULL : xstrdup("2026.1");
		d->hash = xstrdup("00112233445566aa");
		d->exam_at = i ? 0 : 1801000000;
		d->rollover_hour = 4;
		d->desired_retention = 0.9;
		for (int w = 0; w < FSRS_N_WEIGHTS; w++)
			d->weights[w] = 0.1 * (w + 1) + 1.0 / 3;
		d->has_reviews = !i;
		d->has_study = !i; /* the second as an older swot wrote it */
		for (int k = 0; k < FORECAST_WINDOW_DAYS; k++)
			d->study[k] = (struct forecast_day){k % 3, k % 2, k % 3 + k % 2 + 1,
							    (k % 5) * 61234567890LL};
		d->n_themes = d->n_characters = 1;
		d->themes = xcalloc(1, sizeof *d->themes);
		d->themes[0] = (struct progfile_name){xstrdup("memory"), xstrdup("Memory & loss")};
		d->characters = xcalloc(1, sizeof *d->characters);
		d->characters[0] = (struct progfile_name){xstrdup("kathy"), xstrdup("Kathy H.")};
		d->n_cards = 2;
		d->cards = xcalloc(2, sizeof *d->cards);
		struct progfile_card *c = &d->cards[0];
		c->id = xstrdup("weeping/cloze");
		c->note = xstrdup("weeping");
		c->kind = NOTE_QUOTE;
		c->type = CARD_CLOZE;
		strlist_push(&c->themes, "memory");
		strlist_push(&c->characters, "kathy");
		c->f = (struct fsrs_card){FSRS_REVIEW, 0, 12.345678912, 5.25, 1800100000,
					  1799000000, 12, 3, 1};
		if (!i) {
			c->n_reviews = 2;
			c->reviews = xcalloc(2, sizeof *c->reviews);
			c->reviews[0] = (struct progfile_review){1798000000, 3, STORE_LOG_LEARN, 2.5};
			c->reviews[1] = (struct progfile_review){1799000000, 1, STORE_LOG_REVIEW, 12.3457};
		}
		c = &d->cards[1];
		c->id = xstrdup("genre/card");
		c->note = xstrdup("genre");
		c->kind = NOTE_CARD;
		c->type = CARD_CHOICE;
		strlist_push(&c->tags, "form");
	}
}

static char *write_str(const struct progfile *p)
{
	struct strbuf sb = STRBUF_INIT;
	progfile_write(&sb, p);
	return strbuf_detach(&sb);
}

/* The message parsing text gives, or "" when it parses. */
static char *parse_msg(const char *text)
{
	struct progfile p;
	struct swot_err err = {0};
	int rc = progfile_parse(text, strlen(text), &p, &err);
	progfile_release(&p);
	return xstrdup(rc ? err.msg : "");
}

/* The good file with the first `from` replaced by `to`. */
static char *edited(const char *good, const char *from, const char *to)
{
	const char *at = strstr(good, from);
	if (!at)
		return xstrdup("(edit not found)");
	return xasprintf("%.*s%s%s", (int)(at - good), good, to, at + strlen(from));
}

#define CHECK_BAD(name, from, to, want)                                      \
	do {                                                                 \
		char *t_ = edited(good, from, to), *m_ = parse_msg(t_);      \
		CHECK_STR(name, m_, want);                                   \
		free(t_);                                                    \
		free(m_);                                                    \
	} while (0)

/* Whether text parses into a file that writes good again. */
static int reads_as(const char *text, const char *good)
{
	struct progfile q;
	struct swot_err err = {0};
	int rc = progfile_parse(text, strlen(text), &q, &err);
	char *again = rc ? NULL : write_str(&q);
	int same = again && !strcmp(again, good);
	if (!same)
		printf("#   %s\n", rc ? err.msg : "written otherwise");
	free(again);
	progfile_release(&q);
	return same;
}

/* A file is read a card at a time when it is laid out as JSON may be,
 * and as a whole when it is not as swot writes it: the same either way. */
static void test_layouts(const char *good)
{
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = good; *p; p++) { /* spaces and a line before each key */
		if (*p == ',' && p[1] == '"')
			strbuf_adds(&sb, " ,\n\t ");
		else if (*p == ':' && p[-1] == '"')
			strbuf_adds(&sb, " : ");
		else
			strbuf_addc(&sb, *p);
	}
	CHECK("a file laid out otherwise reads the same", reads_as(sb.buf, good));
	char *esc = edited(good, "\"cards\":", "\"c\\u0061rds\":");
	CHECK("a key written with an escape reads the same", reads_as(esc, good));
	free(esc);
	strbuf_release(&sb);
}

/* A log's stabilities are written as printf's %.6g writes them, whatever
 * their size: near powers of ten, near ties, with exponents. */
static void test_log_numbers(void)
{
	static const double edge[] = {1e-4, 1.0000001e-4, 9.999999e-5, 0.5, 1, 10, 36500,
				      999999.5, 999999.4, 9.9999996, 9.9999994, 123456.5,
				      12.34565, 0.000123456, 1e6, 2.675, 1.0000005, 0, 1e-9,
				      3.5e7, 0.00099999995, 99999.95};
	enum { N = 4000 };
	struct progfile p;
	sample(&p);
	struct progfile_card *c = &p.decks[0].cards[0];
	free(c->reviews);
	c->reviews = xcalloc(N, sizeof *c->reviews);
	c->n_reviews = N;
	uint64_t rng = 7;
	for (size_t i = 0; i < N; i++) {
		double v = i < sizeof edge / sizeof *edge ? edge[i]
			 : splitmix64_uniform(&rng) * pow(10, (double)(i % 13) - 5);
		if (i % 7 == 0 && i >= sizeof edge / sizeof *edge) /* x.5 in the 7th digit */
			v = floor(v * 1e3) / 1e3 + 5e-7;
		c->reviews[i] = (struct progfile_review){1798000000 + (int64_t)i, 3,
							 STORE_LOG_REVIEW, v};
	}
	char *text = write_str(&p);
	const char *at = strstr(text, "\"log\":[");
	size_t same = 0;
	if (at)
		at += strlen("\"log\":["); /* the first answer's [ */
	for (size_t i = 0; at && i < N; i++, at = strchr(at + 1, '[')) {
		char want[40], got[40] = "";
		if (sscanf(at, "[%*d,%*d,%*d,%39[^]]]", got) == 1) {
			snprintf(want, sizeof want, "%.6g", c->reviews[i].stability);
			same += !strcmp(got, want);
			if (strcmp(got, want))
				printf("#   %.17g: %s, printf: %s\n", c->reviews[i].stability, got,
				       want);
		}
	}
	CHECKF(same == N, "a log's stabilities as %%.6g writes them (%zu of %d)", same, N);
	free(text);
	progfile_release(&p);
}

int main(void)
{
	struct progfile p, q;
	struct swot_err err = {0};
	test_plan(25);

	sample(&p);
	char *good = write_str(&p);
	int rc = progfile_parse(good, strlen(good), &q, &err);
	CHECK("a written file parses", rc == 0);
	char *again = write_str(&q);
	CHECK_STR("and writes the same bytes again", again, good);
	CHECK("the name and id come back", !strcmp(q.name, p.name) && !strcmp(q.student, p.student));
	CHECK("the memory comes back", q.n_decks == 2 && q.decks[0].cards[0].f.stability == 12.345678912 &&
	      q.decks[0].cards[0].f.lapses == 1 && q.decks[0].cards[1].f.state == FSRS_NEW);
	CHECK("the log comes back", q.decks[0].cards[0].n_reviews == 2 &&
	      q.decks[0].cards[0].reviews[1].kind == STORE_LOG_REVIEW &&
	      q.decks[0].cards[0].reviews[1].rating == 1);
	CHECK("a deck without --reviews has no log", !q.decks[1].has_reviews &&
	      q.decks[1].cards[0].n_reviews == 0 && !strstr(strstr(good, "macbeth"), "\"log\""));
	CHECK("the study pattern comes back, and a file without it reads as before",
	      q.decks[0].has_study && !memcmp(q.decks[0].study, p.decks[0].study,
					       sizeof p.decks[0].study) &&
	      !q.decks[1].has_study && !strstr(strstr(good, "macbeth"), "\"study\""));
	CHECK("progfile_deck_find", progfile_deck_find(&q, "macbeth") == &q.decks[1] &&
	      !progfile_deck_find(&q, "nope"));
	progfile_release(&q);
	free(again);

	char *m = parse_msg("{\"swot_deck\":1,\"id\":\"x\"}");
	CHECK_STR("a deck file", m, "a deck file, not a progress file");
	free(m);
	m = parse_msg("[1,2]");
	CHECK_STR("not an object", m, "not a swot progress file (not a JSON object)");
	free(m);
	CHECK_BAD("a newer format", "\"swot_progress\":1", "\"swot_progress\":7",
		  "written by a newer swot (progress format 7; this swot reads 1): update swot to read it");
	CHECK_BAD("a bad state", "\"state\":\"review\"", "\"state\":\"lost\"",
		  "decks[0].cards[0].state: is not one of the names swot knows");
	CHECK_BAD("a negative stability", "\"stability\":12.345678912", "\"stability\":-1",
		  "decks[0].cards[0].stability: must be a number from 0 to 1e+09");
	CHECK_BAD("a log entry out of shape", "[1799000000,1,2,", "[1799000000,9,2,",
		  "decks[0].cards[0].log: entry 1 must be [time, rating 1-4, kind 1-4, stability]");
	CHECK_BAD("a study day out of shape", "\"days\":[[0,0,1,0],", "\"days\":[[0,-1,1,0],",
		  "decks[0].study.days: each day must be 4 whole numbers of 0 or more");
	CHECK_BAD("study days not 28", "\"days\":[[0,0,1,0],", "\"days\":[",
		  "decks[0].study.days: must be a list of 28 days");
	CHECK_BAD("a card twice", "\"genre/card\"", "\"weeping/cloze\"",
		  "decks[0].cards: card \"weeping/cloze\" is there twice");
	CHECK_BAD("a missing name", "\"name\":\"Zo", "\"nom\":\"Zo",
		  "name: is missing");
	CHECK_BAD("weights not 21", "\"weights\":[", "\"weights\":[1,",
		  "decks[0].weights: must be a list of 21 numbers");
	CHECK_BAD("not JSON", "\"decks\":[", "\"decks\":[,",
		  "not valid JSON (line 2, column 10)");

	/* Every prefix is refused, with a message, and without a crash or
	 * a leak (the sanitizer build checks the second). */
	size_t len = strlen(good) - 1, refused = 0, truncated = 0; /* but "\n" */
	for (size_t n = 0; n < len; n++) {
		struct progfile r;
		struct swot_err e = {0};
		refused += progfile_parse(good, n, &r, &e) != 0 && e.msg[0];
		truncated += strstr(e.msg, "truncated") != NULL;
		progfile_release(&r);
	}
	CHECK("every prefix of a good file is refused", refused == len);
	CHECKF(truncated > len * 9 / 10, "a cut file is called truncated (%zu of %zu)", truncated,
	       len);
	test_layouts(good);
	free(good);
	progfile_release(&p);
	test_log_numbers();
	return test_done();
}
