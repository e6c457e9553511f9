/*
 * exam.h: exam-aware scheduling, and how an exam date is written.  Pure:
 * no I/O, no globals; every time is
 * an argument (Unix seconds).  Learning days follow the local time zone
 * (TZ) and the rollover hour, as everywhere in swot.
 *
 * This changes when swot asks a card, never the FSRS memory model: the
 * caller runs fsrs_next as usual and then lets exam_shorten move the due
 * date.
 */
#ifndef SWOT_EXAM_H
#define SWOT_EXAM_H

#include <stddef.h>
#include <stdint.h>

#include "swot/fsrs.h"

/* How many learning days before the exam the last reviews are spread
 * over (the exam day itself is never one of them). */
#define EXAM_WINDOW_DAYS 3
/* Defaults of the pace: every card seen this many days before the exam,
 * and never more new cards a day than the cap. */
#define EXAM_LEAD_DAYS 14
#define EXAM_NEW_CAP 60

/*
 * Moves next->due (just computed by fsrs_next at now) into the last
 * EXAM_WINDOW_DAYS learning days before the exam when it would otherwise
 * fall on or after the exam's learning day, and fixes next->scheduled_days
 * to match.  The day within the window is spread deterministically from
 * the card's state, so a deck's last reviews do not all land on the eve.
 * Nothing changes when the exam is past (or at now), when the due already
 * falls before the exam day, when the card was answered inside the window
 * (its last review before the exam has happened), or when no day fits
 * between tomorrow and the eve.
 */
void exam_shorten(struct fsrs_card *next, int64_t now, int64_t exam_at,
		  int rollover_hour);

/*
 * The new cards a day needed so that new_left cards have all been seen
 * lead_days learning days before exam_day (today and exam_day are
 * learning day numbers), never below base and never above cap (base wins
 * when base > cap).  With the exam day reached or passed, base; with the
 * lead point reached but the exam still ahead, cap.
 */
int exam_new_per_day(int base, int cap, size_t new_left, int64_t today,
		     int64_t exam_day, int lead_days);

/* Whole calendar days from now's local date to exam_at's local date
 * (0 on the day, negative after). */
int64_t exam_days_left(int64_t now, int64_t exam_at);

/*
 * How far off the exam is, in the words every part of swot uses, into buf
 * (size bytes): "in 12 days", "tomorrow" or "today" for days (from
 * exam_days_left) ahead; when passed (the exam time is at or before now),
 * "passed today" or "passed 3 days ago".
 */
void exam_countdown(int64_t days, int passed, char *buf, size_t size);

/* The exam time at as swot shows it, "Fri 14 May 2027, 09:00" (local
 * time), into buf (size bytes; 32 is enough). */
void exam_format_date(int64_t at, char *buf, size_t size);

#endif
