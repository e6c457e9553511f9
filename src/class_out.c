/*
 * class_out.c: the class report written out (see class.h): the table for
 * a terminal, JSON, and the HTML page.  All three read the same computed
 * struct class, so they always agree.
 *
 * In the HTML, every number a test or a script may want carries its exact
 * value in a data-value attribute next to the rounded text.
 */
#include "swot/class.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "swot/exam.h"
#include "swot/textout.h"

/* "today", "yesterday", "9 days ago", "never": calendar days before now. */
static void format_ago(const struct class *c, int64_t t, char *buf, size_t size)
{
	if (!t) {
		snprintf(buf, size, "never");
		return;
	}
	int64_t d = exam_days_left(t, c->now);
	if (d <= 0)
		snprintf(buf, size, "today");
	else if (d == 1)
		snprintf(buf, size, "yesterday");
	else
		snprintf(buf, size, "%lld days ago", (long long)d);
}

static const char *risk_text(int risk)
{
	return risk == (CLASS_RISK_LOW | CLASS_RISK_IDLE) ? "low, idle"
	       : risk == CLASS_RISK_LOW		     ? "low"
	       : risk == CLASS_RISK_IDLE	     ? "idle"
						     : "";
}

/* A card's text for the board: newlines as spaces, cloze gaps filled in
 * (the teacher wants the whole quotation); the card id without a text. */
static char *card_text(const struct class_card *k)
{
	struct strbuf sb = STRBUF_INIT;
	if (!k->prompt)
		return xasprintf("(%s: import the deck to see its text)", k->c->id);
	for (const char *p = k->prompt; *p; p++) {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
			p++;
		else
			strbuf_addc(&sb, *p == '\n' || *p == '\t' || *p == '\r' ? ' ' : *p);
	}
	return strbuf_detach(&sb);
}

/* "Readiness on Thu 14 May 2027, 09:00 (the exam, in 14 days)" */
static void moment_line(struct strbuf *sb, const struct class *c)
{
	char when[64];
	exam_format_date(c->at, when, sizeof when);
	int64_t days = exam_days_left(c->now, c->at);
	if (c->at == c->now)
		strbuf_addf(sb, "Readiness now (%s): no exam date in the files", when);
	else
		strbuf_addf(sb, "Readiness on %s (%s, %s %lld day%s)", when,
			    c->at_exam ? "the exam" : "--at", days >= 0 ? "in" : "",
			    (long long)(days >= 0 ? days : -days),
			    days == 1 || days == -1 ? "" : "s");
	if (days < 0)
		strbuf_adds(sb, " ago");
}

/* ---- the table ---- */

/* Whether the Ready figure of s is the stop-now one where a forecast was
 * wanted (an exam ahead): marked with a star. */
static int stop_now_only(const struct class *c, const struct class_student *s)
{
	return c->at > c->now && !s->has_forecast;
}

static void print_students(struct strbuf *sb, const struct class *c, int width, int ascii)
{
	int name_w = width - 60, starred = 0;
	strbuf_adds(sb, "  ");
	textout_cell(sb, "Student", name_w, 0, ascii);
	strbuf_adds(sb, " Ready  7 days      Seen  Days/14  Last studied  Risk\n");
	for (size_t i = 0; i < c->n_students; i++) {
		const struct class_student *s = &c->students[i];
		char change[16], days[16], ago[32], seen[32];
		if (isnan(s->change))
			snprintf(change, sizeof change, "-");
		else
			snprintf(change, sizeof change, "%+d%%",
				 textout_pct(s->readiness) - textout_pct(s->readiness - s->change));
		if (s->days_active < 0)
			snprintf(days, sizeof days, "-");
		else
			snprintf(days, sizeof days, "%d", s->days_active);
		format_ago(c, s->last_studied, ago, sizeof ago);
		snprintf(seen, sizeof seen, "%zu/%zu", s->seen, c->n_cards);
		strbuf_adds(sb, s->risk ? "! " : "  ");
		textout_cell(sb, s->p.name, name_w, 0, ascii);
		starred |= stop_now_only(c, s);
		strbuf_addf(sb, " %4d%%%s %6s %9s  %7s  ", textout_pct(s->ready),
			    stop_now_only(c, s) ? "*" : " ", change, seen, days);
		textout_cell(sb, ago, 12, 0, ascii);
		strbuf_addf(sb, "  %s", risk_text(s->risk));
		while (sb->len && sb->buf[sb->len - 1] == ' ')
			sb->buf[--sb->len] = '\0';
		strbuf_addc(sb, '\n');
	}
	if (starred)
		strbuf_adds(sb, "* if they stop now: no forecast from the file (too little "
				"history, older swot)\n");
	for (size_t i = 0; i < c->n_students; i++)
		if (c->students[i].lacking)
			strbuf_addf(sb, "%s's file lacks %zu of the class's %zu cards "
				    "(another version of the deck): counted as not studied\n",
				    c->students[i].p.name, c->students[i].lacking, c->n_cards);
}

static void print_topics(struct strbuf *sb, const struct class *c, int width, int ascii)
{
	int name_w = 30;
	strbuf_adds(sb, "\nBy topic                          class  weakest\n");
	for (size_t t = 0; t < c->n_topics; t++) {
		const struct class_topic *tp = &c->topics[t];
		struct strbuf line = STRBUF_INIT, weak = STRBUF_INIT;
		char *name = xasprintf("%s: %s", !strcmp(tp->kind, "theme") ? "Theme" : "Character",
				       tp->name);
		strbuf_adds(&line, "  ");
		textout_cell(&line, name, name_w, 0, ascii);
		strbuf_addf(&line, " %5d%%  ", textout_pct(tp->mean));
		for (size_t j = 0; j < tp->n_weakest; j++) {
			const struct class_student *s = &c->students[tp->weakest[j]];
			strbuf_addf(&weak, "%s%s %d%%", j ? ", " : "", s->p.name,
				    textout_pct(s->topic[t]));
		}
		textout_cell(&line, strbuf_str(&weak), width - name_w - 11, 0, ascii);
		while (line.len && line.buf[line.len - 1] == ' ')
			line.buf[--line.len] = '\0';
		strbuf_adds(sb, strbuf_str(&line));
		strbuf_addc(sb, '\n');
		free(name);
		strbuf_release(&line);
		strbuf_release(&weak);
	}
}

static void print_forgot(struct strbuf *sb, const struct class *c, int width)
{
	if (!c->n_forgot)
		return;
	strbuf_adds(sb, "\nWhat the class forgets (recall among those who studied it)\n");
	for (size_t i = 0; i < c->n_forgot; i++) {
		const struct class_forgot *f = &c->forgot[i];
		const struct class_card *k = &c->cards[f->card];
		char *text = card_text(k);
		strbuf_addf(sb, "%4d%%  %d lapse%s, studied by %zu  ", textout_pct(f->recall),
			    f->lapses, f->lapses == 1 ? "" : "s", f->studied);
		strbuf_adds(sb, k->c->id);
		strbuf_addc(sb, '\n');
		/* the whole text, for the board: wrapped, never cut */
		struct strbuf w = STRBUF_INIT;
		textout_wrap(&w, text, width - 7, 0);
		for (const char *line = strbuf_str(&w); *line;) {
			const char *end = strchr(line, '\n');
			size_t n = end ? (size_t)(end - line) : strlen(line);
			strbuf_adds(sb, "       ");
			strbuf_add(sb, line, n);
			strbuf_addc(sb, '\n');
			line += n + (end != NULL);
		}
		strbuf_release(&w);
		free(text);
	}
}

void class_print(FILE *out, const struct class *c, int width, int ascii)
{
	struct strbuf sb = STRBUF_INIT;
	size_t at_risk = 0;
	if (width < 80)
		width = 80;
	for (size_t i = 0; i < c->n_students; i++)
		at_risk += c->students[i].risk != 0;
	strbuf_adds(&sb, "Class: ");
	textout_cell(&sb, c->title, width - 40, 0, ascii);
	while (sb.len && sb.buf[sb.len - 1] == ' ')
		sb.buf[--sb.len] = '\0';
	strbuf_addf(&sb, " %s %zu student%s, %zu at risk\n", ascii ? "-" : "\u00b7",
		    c->n_students, c->n_students == 1 ? "" : "s", at_risk);
	moment_line(&sb, c);
	if (c->at > c->now)
		strbuf_adds(&sb, "\nReady: the forecast if they carry on as they have been "
				 "(swot readiness's)");
	strbuf_addf(&sb, "\n! at risk: below %d%%, the exam within %d days (low); "
		    "no study in %d days (idle)\n\n",
		    textout_pct(c->threshold), CLASS_NEAR_DAYS, CLASS_IDLE_DAYS);
	print_students(&sb, c, width, ascii);
	print_topics(&sb, c, width, ascii);
	print_forgot(&sb, c, width);
	fputs(strbuf_str(&sb), out);
	strbuf_release(&sb);
}

/* ---- JSON ---- */

static void json_student(struct strbuf *sb, const struct class *c, size_t i)
{
	const struct class_student *s = &c->students[i];
	strbuf_addc(sb, '{');
	textout_json_key_str(sb, "name", s->p.name);
	textout_json_key_str(sb, "student", s->p.student);
	textout_json_key_str(sb, "file", s->source);
	textout_json_key(sb, "exported_at");
	textout_json_time(sb, s->p.exported_at);
	textout_json_key_num(sb, "readiness", s->readiness);
	textout_json_key_num(sb, "ready", s->ready);
	textout_json_key(sb, "forecast");
	if (s->has_forecast) {
		strbuf_addc(sb, '{');
		textout_json_key_num(sb, "expected", s->forecast);
		textout_json_key_num(sb, "low", s->forecast_low);
		textout_json_key_num(sb, "high", s->forecast_high);
		strbuf_addc(sb, '}');
	} else {
		strbuf_adds(sb, "null");
	}
	textout_json_key_num(sb, "change_7d", s->change);
	textout_json_keyf(sb, "seen", "%zu", s->seen);
	textout_json_keyf(sb, "cards", "%zu", c->n_cards);
	textout_json_keyf(sb, "lacking", "%zu", s->lacking);
	if (s->days_active < 0)
		textout_json_keyf(sb, "days_studied_14", "null");
	else
		textout_json_keyf(sb, "days_studied_14", "%d", s->days_active);
	textout_json_key(sb, "last_studied");
	if (s->last_studied)
		textout_json_time(sb, s->last_studied);
	else
		strbuf_adds(sb, "null");
	textout_json_keyf(sb, "at_risk", "%s", s->risk ? "true" : "false");
	textout_json_keyf(sb, "risks", "[");
	if (s->risk & CLASS_RISK_LOW)
		strbuf_adds(sb, "\"low\"");
	if (s->risk & CLASS_RISK_IDLE)
		strbuf_adds(sb, s->risk & CLASS_RISK_LOW ? ",\"idle\"" : "\"idle\"");
	strbuf_addc(sb, ']');
	textout_json_keyf(sb, "topics", "[");
	for (size_t t = 0; t < c->n_topics; t++) {
		if (t)
			strbuf_addc(sb, ',');
		textout_json_num(sb, s->topic[t]);
	}
	strbuf_adds(sb, "]}");
}

static void json_topic(struct strbuf *sb, const struct class *c, size_t ti)
{
	const struct class_topic *t = &c->topics[ti];
	strbuf_addc(sb, '{');
	textout_json_key_str(sb, "kind", t->kind);
	textout_json_key_str(sb, "id", t->id);
	textout_json_key_str(sb, "name", t->name);
	textout_json_keyf(sb, "cards", "%zu", t->cards);
	textout_json_key_num(sb, "mean", t->mean);
	textout_json_keyf(sb, "weakest", "[");
	for (size_t j = 0; j < t->n_weakest; j++) {
		const struct class_student *s = &c->students[t->weakest[j]];
		strbuf_adds(sb, j ? ",{" : "{");
		textout_json_key_str(sb, "name", s->p.name);
		textout_json_key_str(sb, "student", s->p.student);
		textout_json_key_num(sb, "readiness", s->topic[ti]);
		strbuf_addc(sb, '}');
	}
	strbuf_adds(sb, "]}");
}

static void json_forgot(struct strbuf *sb, const struct class *c, size_t i)
{
	const struct class_forgot *f = &c->forgot[i];
	const struct class_card *k = &c->cards[f->card];
	strbuf_addc(sb, '{');
	textout_json_key_str(sb, "card", k->c->id);
	textout_json_key_str(sb, "note", k->c->note);
	textout_json_key_str(sb, "kind", deck_note_kind_name(k->c->kind));
	char *text = k->prompt ? card_text(k) : NULL;
	textout_json_key_str(sb, "text", text); /* NULL: null */
	free(text);
	textout_json_keyf(sb, "studied_by", "%zu", f->studied);
	textout_json_key_num(sb, "recall", f->recall);
	textout_json_keyf(sb, "lapses", "%d}", f->lapses);
}

/* "key":[ then item(i) for each i below n, a line each, then ] */
static void json_lines(struct strbuf *sb, const struct class *c, const char *key, size_t n,
		       void (*item)(struct strbuf *sb, const struct class *c, size_t i))
{
	textout_json_line_key(sb, key);
	strbuf_addc(sb, '[');
	for (size_t i = 0; i < n; i++) {
		strbuf_adds(sb, i ? ",\n" : "\n");
		item(sb, c, i);
	}
	strbuf_addc(sb, ']');
}

void class_json(struct strbuf *sb, const struct class *c)
{
	strbuf_addc(sb, '{');
	textout_json_keyf(sb, "swot_class", "%d", CLASS_FORMAT);
	textout_json_keyf(sb, "deck", "{");
	textout_json_key_str(sb, "id", c->deck);
	textout_json_key_str(sb, "title", c->title);
	textout_json_key_str(sb, "version", c->version);
	textout_json_keyf(sb, "cards", "%zu}", c->n_cards);
	textout_json_key(sb, "now");
	textout_json_time(sb, c->now);
	textout_json_key(sb, "at");
	textout_json_time(sb, c->at);
	textout_json_key_str(sb, "at_is", c->at_given ? "given" : c->at_exam ? "exam" : "now");
	textout_json_key_num(sb, "threshold", c->threshold);
	json_lines(sb, c, "students", c->n_students, json_student);
	json_lines(sb, c, "topics", c->n_topics, json_topic);
	json_lines(sb, c, "forgotten", c->n_forgot, json_forgot);
	textout_json_line_key(sb, "problems");
	strbuf_addc(sb, '[');
	for (size_t i = 0; i < c->problems.n; i++) {
		if (i)
			strbuf_addc(sb, ',');
		textout_json_str(sb, c->problems.items[i]);
	}
	strbuf_adds(sb, "]}\n");
}
