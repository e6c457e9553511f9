/*
 * stats.h: what a student has done and what is coming: today's answers,
 * cards by state, true retention, the forecast of due cards, a heatmap of
 * answers and the current streak.  Pure: computed from cards and review
 * log rows already loaded from the store, and a time; rendering onto a
 * strbuf as terminal text (Unicode blocks or plain ASCII) or JSON.
 */
#ifndef SWOT_STATS_H
#define SWOT_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "swot/queue.h"
#include "swot/store.h"
#include "swot/util.h"

#define STATS_FORECAST_DAYS 30
#define STATS_HEAT_WEEKS 12

struct stats {
	int64_t now;
	int64_t today;          /* learning day of now */
	/* today: answers that moved the schedule (drill counted apart) */
	size_t today_answers, today_cards, today_right_first, today_drill;
	int64_t today_ms;       /* time spent answering today, drill included */
	/* live cards by state */
	size_t n_new, n_learning, n_review, n_relearning, n_total;
	/* true retention: review-state answers passed (Hard or better) */
	size_t ret7_pass, ret7_total, ret30_pass, ret30_total;
	/* what today's review would ask (queue_today), once stats_set_today
	 * has set it */
	struct queue_today left;
	int has_left;
	/* due cards per learning day from today: today's are left.learning
	 * and left.due, and what today does not ask (held ones) comes
	 * tomorrow */
	size_t forecast[STATS_FORECAST_DAYS];
	size_t forecast_total;
	/* answers per learning day, from heat_first (a Monday) to today */
	int64_t heat_first;
	size_t heat[STATS_HEAT_WEEKS * 7];
	size_t n_heat;          /* days from heat_first to today inclusive */
	size_t heat_total;
	/* learning days in a row with an answer, ending today (or
	 * yesterday when nothing has been answered yet today) */
	int streak;
	int streak_today;       /* today is one of them */
};

/* The running state of a computation of stats: begin, add every live
 * card and every row of the review log (in time order), end.  Nothing is
 * kept per card or per row but today's answers and the days with one, so
 * a history of any length takes little memory. */
struct stats_answer {
	int64_t card_id;
	size_t order;  /* among today's answers */
	int rating;
};

struct stats_acc {
	struct stats *s;
	int h;
	int64_t start7, start30;
	int64_t forecast_start[STATS_FORECAST_DAYS + 1];
	int64_t day, day_from, day_to;  /* the last row's learning day, [from, to) */
	int64_t *days;                  /* days with an answer, each once in a row */
	size_t n_days, alloc_days;
	struct stats_answer *today;
	size_t n_today, alloc_today;
};

/* Starts computing s at now; a is the caller's, released by stats_end. */
void stats_begin(struct stats_acc *a, struct stats *s, int64_t now, int rollover_hour);
/* Counts one live card: f's state, and its due in the forecast unless it
 * is suspended (the queue will not ask it). */
void stats_add_card(struct stats_acc *a, const struct fsrs_card *f, int suspended);
/* Counts one answer; rows must come in time order. */
void stats_add_review(struct stats_acc *a, const struct store_log_row *r);
/* Finishes s and frees what a holds. */
void stats_end(struct stats_acc *a);

/* Sets what today's review asks, t (the one definition of due, from
 * queue_today), in s after stats_end: the forecast's first two days then
 * follow it. */
void stats_set_today(struct stats *s, const struct queue_today *t);

/* Computes s from the live cards[0..n) and the review log rows[0..n_rows)
 * (in time order) at now, through the functions above. */
void stats_compute(struct stats *s, const struct store_card *cards, size_t n,
		   const struct store_log_row *rows, size_t n_rows, int64_t now,
		   int rollover_hour);

/* Appends s as terminal text, at most 80 columns wide, to sb; title names
 * the deck ("all decks" for several); ascii avoids every non-ASCII
 * character. */
void stats_text(struct strbuf *sb, const struct stats *s, const char *title,
		int rollover_hour, int ascii);

/* Appends s as one JSON object (documented in README.md) to sb; deck is
 * the slug or NULL for all decks. */
void stats_json(struct strbuf *sb, const struct stats *s, const char *deck,
		int rollover_hour);

/* The local date of a learning day as "YYYY-MM-DD" into buf (11 bytes). */
void stats_day_date(int64_t day, int rollover_hour, char *buf, size_t size);

#endif
