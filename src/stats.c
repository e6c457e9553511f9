/*
 * stats.c: review statistics and their terminal charts (see stats.h).
 */
#include "swot/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "swot/learnday.h"
#include "swot/textout.h"

#define CHART_ROWS 6


/* Monday 0 .. Sunday 6 of a day number (1970-01-01 was a Thursday). */
static int weekday(int64_t day)
{
	int64_t w = (day + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

/* The calendar date a day number names, as struct tm (UTC fields). */
static void day_tm(int64_t day, struct tm *tm)
{
	time_t t = (time_t)(day * 86400 + 43200);
	gmtime_r(&t, tm);
}

void stats_day_date(int64_t day, int rollover_hour, char *buf, size_t size)
{
	(void)rollover_hour; /* a learning day is named by its calendar date */
	struct tm tm;
	day_tm(day, &tm);
	strftime(buf, size, "%Y-%m-%d", &tm);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_today(const void *a, const void *b)
{
	const struct stats_answer *x = a, *y = b;
	if (x->card_id != y->card_id)
		return x->card_id < y->card_id ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The learning day of t.  Rows come in time order, so the day of the last
 * one is kept and most rows need no local-time conversion at all. */
static int64_t day_of(struct stats_acc *a, int64_t t)
{
	if (t < a->day_from || t >= a->day_to) {
		a->day = learnday_of(t, a->h);
		a->day_from = learnday_start(a->day, a->h);
		a->day_to = learnday_start(a->day + 1, a->h);
	}
	return a->day;
}

void stats_begin(struct stats_acc *a, struct stats *s, int64_t now, int rollover_hour)
{
	int h = rollover_hour;
	memset(a, 0, sizeof *a);
	memset(s, 0, sizeof *s);
	a->s = s;
	a->h = h;
	a->day_from = a->day_to = INT64_MIN; /* no day kept yet */
	s->now = now;
	s->today = learnday_of(now, h);
	for (int d = 0; d <= STATS_FORECAST_DAYS; d++)
		a->forecast_start[d] = learnday_start(s->today + d, h);
	a->start7 = learnday_start(s->today - 6, h);
	a->start30 = learnday_start(s->today - 29, h);
	s->heat_first = s->today - weekday(s->today) - 7 * (STATS_HEAT_WEEKS - 1);
	s->n_heat = (size_t)(s->today - s->heat_first + 1);
}

void stats_add_card(struct stats_acc *a, const struct fsrs_card *f, int suspended)
{
	struct stats *s = a->s;
	s->n_total++;
	switch (f->state) {
	case FSRS_NEW: s->n_new++; return;
	case FSRS_LEARNING: s->n_learning++; break;
	case FSRS_REVIEW: s->n_review++; break;
	case FSRS_RELEARNING: s->n_relearning++; break;
	}
	if (suspended)
		return;
	/* The forecast day: the first day whose end is after due (overdue
	 * cards count today), found among the days' starts, not by a
	 * local-time conversion per card. */
	int lo = 0, hi = STATS_FORECAST_DAYS;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (f->due < a->forecast_start[mid + 1])
			hi = mid;
		else
			lo = mid + 1;
	}
	if (lo < STATS_FORECAST_DAYS) {
		s->forecast[lo]++;
		s->forecast_total++;
	}
}

void stats_add_review(struct stats_acc *a, const struct store_log_row *r)
{
	struct stats *s = a->s;
	int64_t day = day_of(a, r->time);
	if (day > s->today)
		return; /* answered "in the future" of a --now clock */
	if (!a->n_days || a->days[a->n_days - 1] != day) {
		ALLOC_GROW(a->days, a->n_days + 1, a->alloc_days);
		a->days[a->n_days++] = day;
	}
	if (day >= s->heat_first) {
		s->heat[day - s->heat_first]++;
		s->heat_total++;
	}
	if (day == s->today) {
		s->today_ms += r->duration_ms;
		if (r->kind == STORE_LOG_DRILL) {
			s->today_drill++;
		} else {
			s->today_answers++;
			ALLOC_GROW(a->today, a->n_today + 1, a->alloc_today);
			a->today[a->n_today] = (struct stats_answer){
				.card_id = r->card_id, .order = a->n_today, .rating = r->rating};
			a->n_today++;
		}
	}
	if (r->kind == STORE_LOG_REVIEW && r->state_before == FSRS_REVIEW) {
		if (r->time >= a->start30) {
			s->ret30_total++;
			s->ret30_pass += r->rating > 1;
		}
		if (r->time >= a->start7) {
			s->ret7_total++;
			s->ret7_pass += r->rating > 1;
		}
	}
}

void stats_end(struct stats_acc *a)
{
	struct stats *s = a->s;
	/* Today's cards: the first answer to each decides "right first time". */
	if (a->n_today) /* qsort wants an array, even of none */
		qsort(a->today, a->n_today, sizeof *a->today, cmp_today);
	for (size_t i = 0; i < a->n_today; i++) {
		if (i && a->today[i].card_id == a->today[i - 1].card_id)
			continue;
		s->today_cards++;
		s->today_right_first += a->today[i].rating > 1;
	}
	/* The streak: distinct days with an answer, counted back. */
	if (a->n_days)
		qsort(a->days, a->n_days, sizeof *a->days, cmp_i64);
	int64_t want = s->today;
	s->streak_today = a->n_days && a->days[a->n_days - 1] == s->today;
	if (!s->streak_today)
		want = s->today - 1;
	for (size_t i = a->n_days; i-- > 0;) {
		if (a->days[i] == want) {
			s->streak++;
			want--;
		} else if (a->days[i] < want) {
			break;
		}
	}
	free(a->days);
	free(a->today);
	memset(a, 0, sizeof *a);
}

void stats_set_today(struct stats *s, const struct queue_today *t)
{
	s->left = *t;
	s->has_left = 1;
	s->forecast[0] = t->learning + t->due;
	s->forecast[1] = t->tomorrow;
	s->forecast_total = 0;
	for (int d = 0; d < STATS_FORECAST_DAYS; d++)
		s->forecast_total += s->forecast[d];
}

void stats_compute(struct stats *s, const struct store_card *cards, size_t n,
		   const struct store_log_row *rows, size_t n_rows, int64_t now,
		   int rollover_hour)
{
	struct stats_acc a;
	stats_begin(&a, s, now, rollover_hour);
	for (size_t i = 0; i < n; i++)
		if (!cards[i].retired)
			stats_add_card(&a, &cards[i].f, cards[i].suspended);
	for (size_t i = 0; i < n_rows; i++)
		stats_add_review(&a, &rows[i]);
	stats_end(&a);
}

/* ---- text ---- */

static void duration(struct strbuf *sb, int64_t ms)
{
	int64_t sec = (ms + 500) / 1000;
	if (sec >= 3600)
		strbuf_addf(sb, "%lldh %02lldm", (long long)(sec / 3600),
			    (long long)(sec % 3600 / 60));
	else if (sec >= 60)
		strbuf_addf(sb, "%lldm %02llds", (long long)(sec / 60), (long long)(sec % 60));
	else
		strbuf_addf(sb, "%llds", (long long)sec);
}

static void pct_of(struct strbuf *sb, size_t a, size_t b)
{
	if (b == 0)
		strbuf_adds(sb, "no reviews");
	else
		strbuf_addf(sb, "%d%% (%zu of %zu)", textout_pct((double)a / (double)b), a, b);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* The forecast as vertical bars, two columns a day. */
static void forecast_chart(struct strbuf *sb, const struct stats *s, int ascii)
{
	static const char *const eighths[] = {" ", "\u2581", "\u2582", "\u2583", "\u2584",
					      "\u2585", "\u2586", "\u2587", "\u2588"};
	size_t max = 0;
	for (int d = 0; d < STATS_FORECAST_DAYS; d++)
		if (s->forecast[d] > max)
			max = s->forecast[d];
	strbuf_addf(sb, "Due in the next %d days: %zu %s\n", STATS_FORECAST_DAYS,
		    s->forecast_total, plural(s->forecast_total, "review", "reviews"));
	if (max == 0) {
		strbuf_adds(sb, "  nothing due; new cards are next\n");
		return;
	}
	for (int row = CHART_ROWS; row >= 1; row--) {
		if (row == CHART_ROWS)
			strbuf_addf(sb, "%5zu %s", max, ascii ? "+" : "\u2524");
		else
			strbuf_addf(sb, "      %s", ascii ? "|" : "\u2502");
		for (int d = 0; d < STATS_FORECAST_DAYS; d++) {
			size_t c = s->forecast[d];
			/* eighths of a row, at least one for a day with any */
			long units = (long)((double)c * CHART_ROWS * 8 / (double)max + 0.5);
			if (c && units < 1)
				units = 1;
			long below = (long)(row - 1) * 8;
			strbuf_addc(sb, ' ');
			if (ascii) {
				long rows_full = (units + 4) / 8;
				if (c && rows_full < 1)
					rows_full = 1;
				strbuf_addc(sb, rows_full >= row ? '#' : ' ');
			} else if (units >= below + 8) {
				strbuf_adds(sb, eighths[8]);
			} else if (units > below) {
				strbuf_adds(sb, eighths[units - below]);
			} else {
				strbuf_addc(sb, ' ');
			}
		}
		/* no trailing spaces */
		while (sb->len && sb->buf[sb->len - 1] == ' ')
			sb->buf[--sb->len] = '\0';
		strbuf_addc(sb, '\n');
	}
	strbuf_addf(sb, "    0 %s", ascii ? "+" : "\u2514");
	for (int d = 0; d < STATS_FORECAST_DAYS * 2; d++)
		strbuf_adds(sb, ascii ? "-" : "\u2500");
	strbuf_adds(sb, "\n       today");
	/* Labels under every 7th day: column of day d is 8 + 2d. */
	int col = 12;
	for (int d = 7; d < STATS_FORECAST_DAYS; d += 7) {
		char lab[16];
		int c = 7 + 2 * d;
		snprintf(lab, sizeof lab, "+%d", d);
		for (; col < c; col++)
			strbuf_addc(sb, ' ');
		strbuf_adds(sb, lab);
		col += (int)strlen(lab);
	}
	strbuf_adds(sb, "  days\n");
}

/* The heatmap: a row per weekday, a column per week, three columns each. */
static void heatmap(struct strbuf *sb, const struct stats *s, int ascii)
{
	static const char *const uni[] = {"\u00b7", "\u2591", "\u2592", "\u2593", "\u2588"};
	static const char *const asc[] = {".", "-", "+", "*", "#"};
	static const char *const names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	const char *const *cell = ascii ? asc : uni;
	size_t max = 0;
	int active = 0;
	for (size_t i = 0; i < s->n_heat; i++) {
		if (s->heat[i] > max)
			max = s->heat[i];
		active += s->heat[i] > 0;
	}
	strbuf_addf(sb, "Answers, last %d weeks: %zu on %d %s   less ", STATS_HEAT_WEEKS,
		    s->heat_total, active, active == 1 ? "day" : "days");
	for (int l = 0; l < 5; l++)
		strbuf_adds(sb, cell[l]);
	strbuf_adds(sb, " more\n");
	/* Month names over the first week of each month: week w's cells
	 * start at column 4 + 3w. */
	char months[4 + 3 * STATS_HEAT_WEEKS + 8];
	memset(months, ' ', sizeof months);
	int prev = -1, end = 0;
	for (int w = 0; w < STATS_HEAT_WEEKS; w++) {
		struct tm tm;
		day_tm(s->heat_first + 7 * w, &tm);
		int col = 4 + 3 * w;
		/* the first column's month gives way when the next column starts
		 * a new one: there is no room for both names */
		struct tm next;
		day_tm(s->heat_first + 7 * (w + 1), &next);
		int skip = w == 0 && next.tm_mon != tm.tm_mon;
		if (tm.tm_mon != prev && col >= end && !skip) {
			char mon[8];
			strftime(mon, sizeof mon, "%b", &tm);
			memcpy(months + col, mon, strlen(mon));
			end = col + (int)strlen(mon) + 1;
		}
		prev = tm.tm_mon;
	}
	months[end > 0 ? end - 1 : 0] = '\0';
	strbuf_adds(sb, months);
	strbuf_addc(sb, '\n');
	for (int d = 0; d < 7; d++) {
		strbuf_adds(sb, names[d]);
		for (int w = 0; w < STATS_HEAT_WEEKS; w++) {
			size_t i = (size_t)(7 * w + d);
			if (i >= s->n_heat)
				break;
			size_t c = s->heat[i];
			int level = c == 0 ? 0 : 1 + (int)((c - 1) * 4 / (max ? max : 1));
			if (level > 4)
				level = 4;
			strbuf_addc(sb, ' ');
			strbuf_adds(sb, cell[level]);
			strbuf_adds(sb, cell[level]);
		}
		strbuf_addc(sb, '\n');
	}
}

void stats_text(struct strbuf *sb, const struct stats *s, const char *title,
		int rollover_hour, int ascii)
{
	const char *dot = ascii ? " - " : " \u00b7 ";
	char date[32];
	struct tm tm;
	(void)rollover_hour;
	day_tm(s->today, &tm);
	strftime(date, sizeof date, "%a %d %b %Y", &tm);

	strbuf_adds(sb, "Stats: ");
	int room = 80 - 7 - 2 - (int)strlen(date);
	textout_cell(sb, title, room, 0, ascii);
	strbuf_addf(sb, "  %s\n\n", date);

	strbuf_addf(sb, "Today       %zu %s on %zu %s", s->today_answers,
		    plural(s->today_answers, "answer", "answers"), s->today_cards,
		    plural(s->today_cards, "card", "cards"));
	if (s->today_cards)
		strbuf_addf(sb, "%sright first time %zu of %zu", dot, s->today_right_first,
			    s->today_cards);
	strbuf_adds(sb, dot);
	duration(sb, s->today_ms);
	if (s->today_drill)
		strbuf_addf(sb, " (+%zu drill)", s->today_drill);
	strbuf_adds(sb, "\n");
	strbuf_addf(sb, "Cards       %zu new%s%zu learning%s%zu review%s%zu relearning%s%zu in all\n",
		    s->n_new, dot, s->n_learning, dot, s->n_review, dot, s->n_relearning,
		    dot, s->n_total);
	if (s->has_left) {
		strbuf_adds(sb, "Left today  ");
		queue_today_text(sb, &s->left, dot);
		strbuf_addc(sb, '\n');
	}
	strbuf_adds(sb, "Retention   7 days ");
	pct_of(sb, s->ret7_pass, s->ret7_total);
	strbuf_adds(sb, dot);
	strbuf_adds(sb, "30 days ");
	pct_of(sb, s->ret30_pass, s->ret30_total);
	strbuf_addc(sb, '\n');
	strbuf_addf(sb, "Streak      %d %s", s->streak, s->streak == 1 ? "day" : "days");
	if (s->streak && !s->streak_today)
		strbuf_adds(sb, " (answer a card today to keep it)");
	strbuf_adds(sb, "\n\n");
	forecast_chart(sb, s, ascii);
	strbuf_addc(sb, '\n');
	heatmap(sb, s, ascii);
}

/* ---- JSON ---- */

static void json_rate(struct strbuf *sb, size_t pass, size_t total)
{
	strbuf_addf(sb, "{\"passed\":%zu,\"reviews\":%zu,\"rate\":", pass, total);
	if (total)
		strbuf_addf(sb, "%.4f}", (double)pass / (double)total);
	else
		strbuf_adds(sb, "null}");
}

void stats_json(struct strbuf *sb, const struct stats *s, const char *deck,
		int rollover_hour)
{
	char date[16];
	stats_day_date(s->today, rollover_hour, date, sizeof date);
	strbuf_adds(sb, "{\"deck\":");
	textout_json_str(sb, deck);
	strbuf_addf(sb, ",\"date\":\"%s\"", date);
	strbuf_addf(sb,
		    ",\"today\":{\"answers\":%zu,\"cards\":%zu,\"right_first_time\":%zu,"
		    "\"drill\":%zu,\"seconds\":%lld}",
		    s->today_answers, s->today_cards, s->today_right_first, s->today_drill,
		    (long long)((s->today_ms + 500) / 1000));
	strbuf_addf(sb,
		    ",\"cards\":{\"new\":%zu,\"learning\":%zu,\"review\":%zu,"
		    "\"relearning\":%zu,\"total\":%zu}",
		    s->n_new, s->n_learning, s->n_review, s->n_relearning, s->n_total);
	strbuf_adds(sb, ",\"retention\":{\"days_7\":");
	json_rate(sb, s->ret7_pass, s->ret7_total);
	strbuf_adds(sb, ",\"days_30\":");
	json_rate(sb, s->ret30_pass, s->ret30_total);
	strbuf_adds(sb, "}");
	if (s->has_left) {
		strbuf_adds(sb, ",\"left_today\":");
		queue_today_json(sb, &s->left);
	}
	strbuf_adds(sb, ",\"forecast\":[");
	for (int d = 0; d < STATS_FORECAST_DAYS; d++) {
		stats_day_date(s->today + d, rollover_hour, date, sizeof date);
		strbuf_addf(sb, "%s{\"date\":\"%s\",\"due\":%zu}", d ? "," : "", date,
			    s->forecast[d]);
	}
	strbuf_adds(sb, "],\"heatmap\":[");
	for (size_t i = 0; i < s->n_heat; i++) {
		stats_day_date(s->heat_first + (int64_t)i, rollover_hour, date, sizeof date);
		strbuf_addf(sb, "%s{\"date\":\"%s\",\"answers\":%zu}", i ? "," : "", date,
			    s->heat[i]);
	}
	strbuf_addf(sb, "],\"streak\":{\"days\":%d,\"today\":%s}}", s->streak,
		    s->streak_today ? "true" : "false");
}
