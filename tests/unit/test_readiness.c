/*
 * test_readiness.c: readiness numbers against values computed by hand on a
 * small deck with a fixed clock and a made-up review history.
 *
 * By hand: R(t, S) = (1 + factor * t / S)^decay, decay = -w20,
 * factor = 0.9^(1/decay) - 1; t counts learning days (rollover 04:00,
 * Europe/London as tests/run sets TZ).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "swot/clock.h"
#include "swot/exam.h"
#include "swot/readiness.h"
#include "testhelp.h"

#define DAY 86400

static struct fsrs_params P;

static int64_t at(const char *s)
{
	int64_t t = 0;
	struct swot_err err;
	if (clock_parse(s, &t, &err)) {
		printf("# bad time %s\n", s);
		exit(1);
	}
	return t;
}

static double hand_r(double t, double s)
{
	double decay = -P.w[20];
	double factor = pow(0.9, 1.0 / decay) - 1.0;
	return pow(1.0 + factor * t / s, decay);
}

static int near(double a, double b)
{
	return fabs(a - b) < 1e-6;
}

/* A card of the test deck; last_review 0 leaves it new. */
static void make(struct store_card *c, const char *id, enum deck_note_kind kind,
		 const char *themes, const char *tags, double s, int64_t last,
		 int64_t due, int retired)
{
	memset(c, 0, sizeof *c);
	c->deck_id = xstrdup("nlmg");
	c->c.id = xstrdup(id);
	c->c.kind = kind;
	c->c.prompt = xstrdup(id);
	strlist_split(&c->c.themes, themes, ',');
	strlist_split(&c->c.tags, tags, ',');
	c->retired = retired;
	if (last) {
		c->f.state = FSRS_REVIEW;
		c->f.stability = s;
		c->f.difficulty = 5;
		c->f.last_review = last;
		c->f.due = due;
		c->f.reps = 3;
	} else {
		c->f.state = FSRS_NEW;
		c->f.due = last;
	}
}

static const struct readiness_topic *topic(const struct readiness *r,
					   const char *kind, const char *key)
{
	for (size_t i = 0; i < r->n_topics; i++)
		if (!strcmp(r->topics[i].kind, kind) && !strcmp(r->topics[i].key, key))
			return &r->topics[i];
	return NULL;
}

int main(void)
{
	test_plan(28);
	fsrs_params_default(&P);
	int64_t now = at("2027-04-30T18:00");
	int64_t exam = at("2027-05-14T09:00"); /* 14 learning days after now */
	/* Last reviews at 15:00 local, so learning days are calendar days. */
	int64_t d20 = at("2027-04-24T15:00"); /* 20 days before the exam */
	int64_t l1 = at("2027-04-09T15:00"); /* 35 days before the exam, 21 before now */
	int64_t l2 = at("2027-04-29T15:00"); /* 15 before the exam, 1 before now */
	int64_t l3 = at("2027-04-20T15:00"); /* 24 before the exam, 10 before now */

	struct store_card cards[8];
	make(&cards[0], "kathy/who", NOTE_CHARACTER, "", "", 10.0, d20, d20 + 10 * DAY, 0);
	make(&cards[1], "memory/quotes", NOTE_THEME, "memory", "", 15.0, l2, l2 + 15 * DAY, 0);
	make(&cards[2], "weeping/cloze", NOTE_QUOTE, "memory,humanity", "", 30.0, l1,
	     l1 + 30 * DAY, 0);
	make(&cards[3], "weeping/speaker", NOTE_QUOTE, "memory,humanity", "", 4.0, l3,
	     l3 + 4 * DAY, 0);
	make(&cards[4], "nobel/card", NOTE_CARD, "", "context", 0, 0, 0, 0);
	make(&cards[5], "genre/card", NOTE_CARD, "", "context,form", 2.0, l3, l3 + 2 * DAY, 0);
	make(&cards[6], "loose/card", NOTE_CARD, "", "", 0, 0, 0, 0);
	make(&cards[7], "gone/card", NOTE_CARD, "", "context", 50.0, l2, l2 + 50 * DAY, 1);

	/* By hand, at the exam. */
	double r0 = hand_r(20, 10), r1 = hand_r(15, 15), r2 = hand_r(35, 30),
	       r3 = hand_r(24, 4), r5 = hand_r(24, 2);
	double mean = (r0 + r1 + r2 + r3 + 0 + r5 + 0) / 7.0;

	struct readiness_theme names[] = {{"humanity", "Humanity"}, {"memory", "Memory and loss"}};
	struct readiness_opts o = {&P, 4, 20, EXAM_NEW_CAP, EXAM_LEAD_DAYS, names, 2, NULL, 200, 0.9, 0, 0};
	struct readiness r;
	readiness_compute(&r, cards, 8, now, exam, &o);

	CHECK("R at S days is 0.9 (the definition of S)", near(r1, 0.9));
	/* The same four worked out on paper with w20 = 0.1542. */
	CHECKF(fabs(P.w[20] - 0.1542) > 1e-12 ||
		       (near(r0, 0.84588465) && near(r2, 0.88906464) &&
			near(r3, 0.74271745) && near(r5, 0.67523665)),
	       "hand values with the default w20 (%.8f %.8f %.8f %.8f)", r0, r2, r3, r5);
	CHECKF(r.total == 7 && r.studied == 5 && r.new_left == 2,
	       "retired cards left out: %zu cards, %zu studied, %zu new", r.total,
	       r.studied, r.new_left);
	CHECKF(near(r.mean, mean), "overall readiness is the mean with new cards 0 (%.6f vs %.6f)",
	       r.mean, mean);
	CHECK("coverage 5 of 7", near(r.coverage, 5.0 / 7.0));
	CHECKF(r.days_left == 14, "14 days left (%lld)", (long long)r.days_left);
	CHECK("has an exam", r.has_exam && r.exam_at == exam && r.at == exam);

	const struct readiness_topic *t;
	t = topic(&r, "characters", "");
	CHECK("characters topic", t && t->total == 1 && near(t->now, r0));
	t = topic(&r, "themes", "");
	CHECK("themes topic", t && t->total == 1 && near(t->now, r1));
	t = topic(&r, "quotes", "");
	CHECK("quotes topic", t && t->total == 2 && t->studied == 2 && near(t->now, (r2 + r3) / 2));
	/* tags with fewer than READINESS_MIN_TOPIC_CARDS cards are no topic
	 * of their own: their cards are "Other cards" */
	CHECK("a tag of 2 live cards is folded into Other cards",
	      !topic(&r, "tag", "context") && !topic(&r, "tag", "form"));
	t = topic(&r, "cards", "");
	CHECK("Other cards: the untagged card and the small tags' (retired left out)",
	      t && t->total == 3 && t->studied == 1 && near(t->now, r5 / 3) &&
		      !strcmp(t->name, "Other cards"));
	t = topic(&r, "theme", "memory");
	CHECK("theme memory through its quotes and its own card",
	      t && t->total == 3 && near(t->now, (r1 + r2 + r3) / 3) &&
		      !strcmp(t->name, "Theme: Memory and loss"));
	t = topic(&r, "theme", "humanity");
	CHECK("theme humanity through its quotes", t && t->total == 2 && near(t->now, (r2 + r3) / 2));
	CHECK("named themes come in deck order",
	      r.n_topics >= 2 && !strcmp(r.topics[r.n_topics - 2].key, "humanity") &&
		      !strcmp(r.topics[r.n_topics - 1].key, "memory"));

	/* Weakest: genre (S 2), speaker (S 4), kathy, cloze, memory. */
	CHECK("five studied cards in the weakest list", r.n_weakest == 5);
	CHECK("the weakest first", r.n_weakest == 5 && r.weakest[0].index == 5 &&
					   r.weakest[1].index == 3 && r.weakest[2].index == 0 &&
					   near(r.weakest[0].r, r5));
	CHECK("and the strongest last", r.n_weakest == 5 && r.weakest[4].index == 1);

	/* Pace: 2 new cards, 14 days left and 14 days' lead: the point passed. */
	CHECKF(r.pace_needed == -1 && r.new_per_day == EXAM_NEW_CAP,
	       "lead point passed: learn the rest now (%d, %d)", r.pace_needed, r.new_per_day);

	/* Keep your schedule beats stopping, topic by topic. */
	CHECKF(r.keep > r.mean, "keeping the schedule beats stopping (%.3f > %.3f)", r.keep,
	       r.mean);
	CHECK("every card seen by the exam at that pace", near(r.keep_coverage, 1.0));
	int all_better = 1;
	for (size_t i = 0; i < r.n_topics; i++)
		all_better &= r.topics[i].keep >= r.topics[i].now;
	CHECK("and in every topic", all_better);
	double stop = r.mean;
	readiness_release(&r);

	/* Without "keep your schedule" (the class report): the same figure. */
	o.skip_keep = 1;
	readiness_compute(&r, cards, 8, now, exam, &o);
	CHECK("skip_keep: the same readiness, no keep figure",
	      r.mean == stop && r.has_exam && r.keep < 0 && r.topics[0].keep < 0);
	readiness_release(&r);
	o.skip_keep = 0;

	/* Pace with time to spare: 30 days before the exam, lead 14. */
	readiness_compute(&r, cards, 8, at("2027-04-14T18:00"), exam, &o);
	CHECKF(r.pace_needed == 1 && r.new_per_day == 20,
	       "pace with time to spare: 1 needed, base 20 given (%d, %d)", r.pace_needed,
	       r.new_per_day);
	readiness_release(&r);

	/* No exam: readiness now, at 18:00 on 30 April. */
	readiness_compute(&r, cards, 8, now, 0, &o);
	double n0 = hand_r(6, 10), n1 = hand_r(1, 15), n2 = hand_r(21, 30),
	       n3 = hand_r(10, 4), n5 = hand_r(10, 2);
	CHECK("without an exam, no exam", !r.has_exam && r.at == now && r.keep < 0);
	CHECKF(near(r.mean, (n0 + n1 + n2 + n3 + n5) / 7.0), "readiness now (%.6f)", r.mean);
	readiness_release(&r);

	/* An exam in the past counts as none. */
	readiness_compute(&r, cards, 8, at("2027-06-01T12:00"), exam, &o);
	CHECK("a past exam counts as none", !r.has_exam && r.keep < 0 && r.exam_passed == exam);
	readiness_release(&r);

	/* An empty deck. */
	readiness_compute(&r, cards, 0, now, exam, &o);
	CHECK("an empty deck is 0, not NaN", r.total == 0 && r.mean == 0 && r.coverage == 0);
	readiness_release(&r);

	for (size_t i = 0; i < 8; i++)
		store_card_release(&cards[i]);
	return test_done();
}
