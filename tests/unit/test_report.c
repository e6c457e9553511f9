/*
 * test_report.c: the HTML progress report built in-process from a deck
 * made by hand: deck text is escaped wherever it appears, the weakest
 * cards never give a cloze answer away, the exam countdown or the hint to
 * set one, one section per deck, and no script anywhere.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "swot/learnday.h"
#include "swot/report.h"
#include "testhelp.h"

#define H 4
#define DAY 86400

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* A studied card (reviewed days_ago days before now) or a new one. */
static void set_card(struct store_card *c, int64_t id, const char *key,
		     const char *prompt, int64_t now, int days_ago)
{
	memset(c, 0, sizeof *c);
	c->id = id;
	c->deck_id = xstrdup("lab");
	c->c.id = xstrdup(key);
	c->c.prompt = xstrdup(prompt);
	c->c.type = CARD_CLOZE;
	if (days_ago >= 0) {
		c->f.state = FSRS_REVIEW;
		c->f.stability = 3.0;
		c->f.difficulty = 5.0;
		c->f.last_review = now - days_ago * DAY;
		c->f.due = now + DAY;
		c->f.reps = 2;
	}
}

static void make_deck(struct progress_deck *p, const char *slug, const char *title,
		      int64_t now, int64_t exam_at, struct fsrs_params *params)
{
	memset(p, 0, sizeof *p);
	p->deck = xstrdup(slug);
	p->title = xstrdup(title);
	p->n_cards = 3;
	p->cards = xcalloc(3, sizeof *p->cards);
	set_card(&p->cards[0], 1, "q1/cloze", "\"It was the {{secret}} of <Hailsham>\"", now, 30);
	set_card(&p->cards[1], 2, "q2/cloze", "\"We {{lost}} it\"", now, 2);
	set_card(&p->cards[2], 3, "q3/cloze", "\"A {{new}} card\"", now, -1);
	p->exam_at = exam_at;
	p->params = *params;
	p->rollover_hour = H;
	p->new_per_day = 10;
	struct readiness_opts o = {params, H, 10, 40, 7, NULL, 0, NULL, 200, 0.9, 0, 0};
	readiness_compute(&p->r, p->cards, p->n_cards, now, exam_at, &o);
}

static void free_deck(struct progress_deck *p)
{
	for (size_t i = 0; i < p->n_cards; i++)
		store_card_release(&p->cards[i]);
	free(p->cards);
	p->cards = NULL;
	p->n_cards = 0;
	readiness_release(&p->r);
	free(p->deck);
	free(p->title);
}

int main(void)
{
	test_plan(12);
	setenv("TZ", "Europe/London", 1);
	tzset();
	int64_t now = INT64_C(1768402800); /* 2026-01-14 15:00 GMT */
	struct fsrs_params params;
	fsrs_params_default(&params);
	struct stats st;
	stats_compute(&st, NULL, 0, NULL, 0, now, H);

	struct progress_deck decks[2];
	make_deck(&decks[0], "lab", "Tom & Ruth <b>at</b> \"Hailsham\"", now, now + 30 * DAY,
		  &params);
	struct strbuf sb = STRBUF_INIT;
	report_html(&sb, decks, 1, &st, H, now);
	const char *html = strbuf_str(&sb);
	CHECK("a whole HTML document", !strncmp(html, "<!DOCTYPE html>", 15) &&
	      strstr(html, "</html>") != NULL);
	CHECK("the deck's title is escaped",
	      strstr(html, "Tom &amp; Ruth &lt;b&gt;at&lt;/b&gt;") != NULL);
	CHECK("no deck text comes through as markup", !strstr(html, "<b>at</b>") &&
	      !strstr(html, "<Hailsham>"));
	CHECK("no script anywhere", !strstr(html, "<script"));
	CHECK("one section for the deck", count(html, "<section class=\"deck\"") == 1);
	CHECK("the exam countdown says 30 days to go",
	      strstr(html, "data-value=\"30\">30</b> days to go") != NULL);
	CHECK("the weakest cards list the studied ones",
	      strstr(html, "q1/cloze") && strstr(html, "q2/cloze") && !strstr(html, "q3/cloze"));
	CHECK("a weakest card's cloze gap is blanked, not shown",
	      strstr(html, "_____") && !strstr(html, "secret") && !strstr(html, "lost"));
	CHECK("the rest of its text is escaped", strstr(html, "&lt;Hailsham&gt;") != NULL);
	free_deck(&decks[0]);

	make_deck(&decks[0], "lab", "Lab", now, 0, &params);
	make_deck(&decks[1], "other", "Other", now, 0, &params);
	strbuf_reset(&sb);
	report_html(&sb, decks, 2, &st, H, now);
	html = strbuf_str(&sb);
	CHECK("two decks: two sections", count(html, "<section class=\"deck\"") == 2);
	CHECK("two decks: the title says all decks",
	      strstr(html, "<title>swot progress report: all decks</title>") != NULL);
	CHECK("without an exam: how to set one",
	      strstr(html, "No exam date set. Set one with <code>swot exam lab YYYY-MM-DD</code>") != NULL);
	free_deck(&decks[0]);
	free_deck(&decks[1]);
	strbuf_release(&sb);
	return test_done();
}
