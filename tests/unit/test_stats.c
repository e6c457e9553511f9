/*
 * test_stats.c: swot stats computed in-process from cards and review-log
 * rows built by hand, at a fixed time in Europe/London: cards by state,
 * the forecast, today's answers and "right first time", true retention
 * over 7 and 30 days, the streak, and the figures as the text and JSON
 * show them.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "swot/learnday.h"
#include "swot/stats.h"
#include "testhelp.h"

#define H 4 /* rollover hour */
#define DAY 86400

static int64_t now;  /* Wednesday 2026-01-14 15:00 GMT */
static int64_t today;

/* A time d learning days from today, at hh:00. */
static int64_t at(int64_t d, int hh)
{
	return learnday_start(today + d, H) + (hh - H) * 3600;
}

static struct store_card card(int64_t id, enum fsrs_state st, int64_t due, int retired)
{
	struct store_card c;
	memset(&c, 0, sizeof c);
	c.id = id;
	c.f.state = st;
	c.f.due = due;
	c.retired = retired;
	return c;
}

static struct store_log_row row(int64_t card, int64_t t, int rating,
				enum store_log_kind kind, int before)
{
	return (struct store_log_row){card, t, rating, kind, before, 10000};
}

int main(void)
{
	test_plan(22);
	setenv("TZ", "Europe/London", 1);
	tzset();
	now = INT64_C(1768402800); /* 2026-01-14 15:00 UTC */
	today = learnday_of(now, H);

	struct store_card cards[] = {
		card(1, FSRS_NEW, 0, 0),
		card(2, FSRS_NEW, 0, 0),
		card(3, FSRS_LEARNING, at(0, 16), 0),
		card(4, FSRS_REVIEW, at(-3, 12), 0),  /* overdue: counts today */
		card(5, FSRS_REVIEW, at(2, 12), 0),
		card(6, FSRS_RELEARNING, at(1, 9), 0),
		card(7, FSRS_REVIEW, at(40, 9), 0),   /* beyond the forecast */
		card(8, FSRS_REVIEW, at(1, 9), 1),    /* retired: not counted */
	};
	/* in time order: answers on days -40, -20, -2, -1 and today */
	struct store_log_row rows[] = {
		row(4, at(-40, 10), 3, STORE_LOG_REVIEW, FSRS_REVIEW), /* too old */
		row(4, at(-20, 10), 1, STORE_LOG_REVIEW, FSRS_REVIEW), /* 30 days: fail */
		row(5, at(-2, 10), 3, STORE_LOG_REVIEW, FSRS_REVIEW),  /* 7 days: pass */
		row(6, at(-1, 10), 1, STORE_LOG_REVIEW, FSRS_REVIEW),  /* 7 days: fail */
		row(3, at(0, 9), 1, STORE_LOG_LEARN, FSRS_NEW),        /* wrong first */
		row(3, at(0, 9) + 60, 3, STORE_LOG_LEARN, FSRS_LEARNING),
		row(5, at(0, 10), 2, STORE_LOG_REVIEW, FSRS_REVIEW),   /* hard: right */
		row(7, at(0, 11), 4, STORE_LOG_DRILL, FSRS_REVIEW),    /* drill apart */
		row(4, at(1, 10), 3, STORE_LOG_REVIEW, FSRS_REVIEW),   /* "future" */
	};
	struct stats s;
	stats_compute(&s, cards, sizeof cards / sizeof *cards, rows,
		      sizeof rows / sizeof *rows, now, H);

	CHECK("live cards: 7 (the retired one left out)", s.n_total == 7);
	CHECK("by state: 2 new, 1 learning, 3 review, 1 relearning",
	      s.n_new == 2 && s.n_learning == 1 && s.n_review == 3 && s.n_relearning == 1);
	CHECK("the forecast puts overdue and today's cards on today", s.forecast[0] == 2);
	CHECK("tomorrow: the relearning card", s.forecast[1] == 1);
	CHECK("in two days: one review", s.forecast[2] == 1);
	CHECK("a card due beyond the forecast is not in it", s.forecast_total == 4);
	CHECK("today: 3 answers that move the schedule", s.today_answers == 3);
	CHECK("today: on 2 cards", s.today_cards == 2);
	CHECK("right first time: the card first graded hard, not the one first "
	      "graded again", s.today_right_first == 1);
	CHECK("a drill answer is counted apart", s.today_drill == 1);
	CHECK("time today counts every answer, drill included", s.today_ms == 40000);
	CHECK("retention over 7 days: 2 of 3 review answers passed, today's included",
	      s.ret7_pass == 2 && s.ret7_total == 3);
	CHECK("retention over 30 days adds the fail of 20 days ago",
	      s.ret30_pass == 2 && s.ret30_total == 4);
	CHECK("the streak: yesterday, the day before and today", s.streak == 3 && s.streak_today);
	CHECK("the heatmap counts today's answers on today",
	      s.heat[today - s.heat_first] == 4);
	CHECK("the heatmap starts on a Monday 12 weeks back",
	      s.n_heat > 77 && s.n_heat <= 84);

	/* no answer yet today: the streak is kept until the day ends */
	struct stats y;
	stats_compute(&y, cards, 0, rows, 4, now, H);
	CHECK("with nothing answered today the streak counts to yesterday",
	      y.streak == 2 && !y.streak_today);

	struct strbuf sb = STRBUF_INIT;
	stats_text(&sb, &s, "bench deck", H, 1);
	CHECK("text: the title and the date", strstr(sb.buf, "Stats: bench deck") &&
	      strstr(sb.buf, "Wed 14 Jan 2026"));
	CHECK("text: today's line",
	      strstr(sb.buf, "Today       3 answers on 2 cards - right first time 1 of 2") != NULL);
	CHECK("text: the streak", strstr(sb.buf, "Streak      3 days\n") != NULL);
	int ascii = 1;
	for (size_t i = 0; i < sb.len; i++)
		ascii &= (unsigned char)sb.buf[i] < 0x80;
	CHECK("text with ascii set is ASCII only", ascii);
	strbuf_reset(&sb);
	stats_json(&sb, &s, "bench", H);
	CHECK("json: one object naming the deck",
	      sb.len && sb.buf[0] == '{' && sb.buf[sb.len - 1 - (sb.buf[sb.len - 1] == '\n')] == '}' &&
	      strstr(sb.buf, "\"bench\"") != NULL);
	strbuf_release(&sb);
	return test_done();
}
