/*
 * class_html.c: the class report as one self-contained, printable HTML
 * page (see class.h): no script, no outside resource; the readiness by
 * topic is an inline SVG heatmap, students down, topics across.
 *
 * Every number a test or a script may want carries its exact value in a
 * data-value attribute next to the rounded text, the same value --json
 * gives.
 */
#include "swot/class.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "swot/exam.h"
#include "swot/textout.h"
#include "swot/version.h"

#define CELL_W 46
#define CELL_H 24
#define LABEL_W 170
#define HEAD_H 130

static const char css[] =
	"*{box-sizing:border-box}"
	"body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d2327;"
	"max-width:64rem;margin:2rem auto;padding:0 1rem;background:#fff}"
	"h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.2rem;margin:1.6rem 0 .5rem;"
	"border-bottom:2px solid #e3e7ea;padding-bottom:.2rem}"
	".meta{color:#5a6570;margin:0 0 .4rem}"
	"table{border-collapse:collapse;width:100%;margin:.3rem 0}"
	"th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eef1f3}"
	"th{font-weight:600;color:#5a6570;font-size:.85rem}"
	"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
	"tr.risk td{background:#fff1f0}tr.risk td.name::before{content:'! ';color:#b3261e;"
	"font-weight:700}"
	".tag{font-size:.8rem;border-radius:4px;padding:0 .3rem;background:#fbe3e1;color:#8c1d18}"
	"svg{max-width:100%;height:auto}svg text{font:11px system-ui,sans-serif;fill:#1d2327}"
	"ol.forgot li{margin:.5rem 0;break-inside:avoid}"
	"blockquote{margin:.2rem 0 0;font-size:1.1rem;font-family:Georgia,serif}"
	".note{color:#5a6570;font-size:.9rem}"
	"footer{margin-top:2rem;color:#8a949c;font-size:.8rem}"
	"@media print{body{margin:0;max-width:none;font-size:12px}"
	"section{break-inside:avoid}}";

/* <td class="n CLS" data-value="0.5368">54%</td> */
static void pct_cell(struct strbuf *sb, const char *cls, double v)
{
	strbuf_addf(sb, "<td class=\"n %s\" data-value=\"%.4f\">%d%%</td>", cls, v,
		    textout_pct(v));
}

static void student_row(struct strbuf *sb, const struct class *c,
			const struct class_student *s)
{
	char last[40];
	strbuf_addf(sb, "<tr class=\"student%s\" data-student=\"", s->risk ? " risk" : "");
	textout_html(sb, s->p.student);
	strbuf_adds(sb, "\"><td class=\"name\">");
	textout_html(sb, s->p.name);
	strbuf_adds(sb, "</td>");
	if (c->at > c->now && !s->has_forecast) /* as the table: starred */
		strbuf_addf(sb, "<td class=\"n ready\" data-value=\"%.4f\" title=\"if they stop "
				"now: no forecast from the file\">%d%%*</td>",
			    s->ready, textout_pct(s->ready));
	else
		pct_cell(sb, "ready", s->ready);
	if (isnan(s->change))
		strbuf_adds(sb, "<td class=\"n change\">&ndash;</td>");
	else
		strbuf_addf(sb, "<td class=\"n change\" data-value=\"%.4f\">%+d%%</td>", s->change,
			    textout_pct(s->readiness) - textout_pct(s->readiness - s->change));
	strbuf_addf(sb, "<td class=\"n seen\" data-value=\"%zu\">%zu/%zu</td>", s->seen,
		    s->seen, c->n_cards);
	if (s->days_active < 0)
		strbuf_adds(sb, "<td class=\"n days\">&ndash;</td>");
	else
		strbuf_addf(sb, "<td class=\"n days\" data-value=\"%d\">%d</td>", s->days_active,
			    s->days_active);
	if (s->last_studied)
		local_strftime(last, sizeof last, "%a %d %b", s->last_studied);
	else
		snprintf(last, sizeof last, "never");
	strbuf_addf(sb, "<td class=\"last\">%s</td><td class=\"risk\">", last);
	if (s->risk & CLASS_RISK_LOW)
		strbuf_adds(sb, "<span class=\"tag\">low</span> ");
	if (s->risk & CLASS_RISK_IDLE)
		strbuf_adds(sb, "<span class=\"tag\">idle</span>");
	strbuf_adds(sb, "</td></tr>\n");
}

static void students_section(struct strbuf *sb, const struct class *c)
{
	strbuf_adds(sb, "<section id=\"students\"><h2>The class</h2>\n"
			"<table><thead><tr><th>Student</th><th class=\"n\">Ready</th>"
			"<th class=\"n\">7 days</th><th class=\"n\">Seen</th>"
			"<th class=\"n\">Days studied (14)</th><th>Last studied</th>"
			"<th>Risk</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < c->n_students; i++)
		student_row(sb, c, &c->students[i]);
	strbuf_adds(sb, "</tbody></table>\n");
	for (size_t i = 0; i < c->n_students; i++)
		if (c->students[i].lacking) {
			strbuf_adds(sb, "<p class=\"note lacking\">");
			textout_html(sb, c->students[i].p.name);
			strbuf_addf(sb, "&rsquo;s file lacks %zu of the class&rsquo;s %zu cards "
				    "(another version of the deck): counted as not studied.</p>\n",
				    c->students[i].lacking, c->n_cards);
		}
	strbuf_adds(sb, "</section>\n");
}

/* Red through amber to green for 0..1, light enough to print on. */
static void heat_colour(struct strbuf *sb, double v)
{
	strbuf_addf(sb, "hsl(%d,70%%,%d%%)", (int)lround(120 * (v < 0 ? 0 : v > 1 ? 1 : v)),
		    78);
}

static void heat_cell(struct strbuf *sb, int x, int y, double v, const char *who,
		      const char *topic, const char *cls)
{
	strbuf_addf(sb, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"",
		    cls, x, y, CELL_W - 2, CELL_H - 2);
	heat_colour(sb, v);
	strbuf_addf(sb, "\" data-value=\"%.4f\" data-topic=\"", v);
	textout_html(sb, topic);
	strbuf_adds(sb, "\" data-who=\"");
	textout_html(sb, who);
	strbuf_adds(sb, "\"><title>");
	textout_html(sb, who);
	strbuf_adds(sb, ", ");
	textout_html(sb, topic);
	strbuf_addf(sb, ": %d%%</title></rect><text x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
		    "%d</text>\n",
		    textout_pct(v), x + CELL_W / 2 - 1, y + CELL_H / 2 + 3, textout_pct(v));
}

static void heatmap(struct strbuf *sb, const struct class *c)
{
	int w = LABEL_W + (int)c->n_topics * CELL_W + 10;
	int h = HEAD_H + (int)(c->n_students + 1) * CELL_H + 6;
	strbuf_addf(sb, "<svg id=\"heatmap\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		    "role=\"img\" aria-label=\"Readiness by topic, students down, topics "
		    "across\">\n", w, h, w, h);
	for (size_t t = 0; t < c->n_topics; t++) {
		int x = LABEL_W + (int)t * CELL_W + CELL_W / 2;
		strbuf_addf(sb, "<text class=\"topic\" transform=\"translate(%d %d) rotate(-50)\">",
			    x, HEAD_H - 6);
		textout_html(sb, c->topics[t].name);
		strbuf_adds(sb, "</text>\n");
	}
	for (size_t i = 0; i <= c->n_students; i++) {
		int y = HEAD_H + (int)i * CELL_H;
		const char *who = i < c->n_students ? c->students[i].p.name : "Class mean";
		strbuf_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\"%s>", LABEL_W - 8,
			    y + CELL_H / 2 + 3, i < c->n_students ? "" : " font-weight=\"700\"");
		textout_html(sb, who);
		strbuf_adds(sb, "</text>\n");
		for (size_t t = 0; t < c->n_topics; t++) {
			double v = i < c->n_students ? c->students[i].topic[t] : c->topics[t].mean;
			heat_cell(sb, LABEL_W + (int)t * CELL_W, y, v, who, c->topics[t].name,
				  i < c->n_students ? "cell" : "cell mean");
		}
	}
	strbuf_adds(sb, "</svg>\n");
}

static void topics_section(struct strbuf *sb, const struct class *c)
{
	strbuf_adds(sb, "<section id=\"topics\"><h2>Readiness by topic</h2>\n"
			"<p class=\"note\">Each theme and character: the predicted recall of "
			"its cards on the day, unseen cards counting 0. Percentages.</p>\n");
	if (c->n_topics)
		heatmap(sb, c);
	strbuf_adds(sb, "<table><thead><tr><th>Topic</th><th class=\"n\">Class</th>"
			"<th>Weakest</th></tr></thead><tbody>\n");
	for (size_t t = 0; t < c->n_topics; t++) {
		const struct class_topic *tp = &c->topics[t];
		strbuf_adds(sb, "<tr class=\"topic\" data-topic=\"");
		textout_html(sb, tp->id);
		strbuf_addf(sb, "\"><td>%s: ", !strcmp(tp->kind, "theme") ? "Theme" : "Character");
		textout_html(sb, tp->name);
		strbuf_adds(sb, "</td>");
		pct_cell(sb, "mean", tp->mean);
		strbuf_adds(sb, "<td>");
		for (size_t j = 0; j < tp->n_weakest; j++) {
			const struct class_student *s = &c->students[tp->weakest[j]];
			strbuf_adds(sb, j ? ", " : "");
			textout_html(sb, s->p.name);
			strbuf_addf(sb, " %d%%", textout_pct(s->topic[t]));
		}
		strbuf_adds(sb, "</td></tr>\n");
	}
	strbuf_adds(sb, "</tbody></table></section>\n");
}

/* The card's text for the board, its gaps filled in. */
static void board_text(struct strbuf *sb, const struct class_card *k)
{
	if (!k->prompt) {
		strbuf_adds(sb, "<span class=\"note\">(import the deck to see this card&rsquo;s "
				"text)</span>");
		return;
	}
	struct strbuf t = STRBUF_INIT;
	for (const char *p = k->prompt; *p; p++) {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
			p++;
		else
			strbuf_addc(&t, *p);
	}
	textout_html(sb, strbuf_str(&t));
	strbuf_release(&t);
}

static void forgot_section(struct strbuf *sb, const struct class *c)
{
	strbuf_adds(sb, "<section id=\"forgotten\"><h2>What the class forgets</h2>\n"
			"<p class=\"note\">The studied cards with the lowest predicted recall "
			"among the students who studied them.</p>\n<ol class=\"forgot\">\n");
	for (size_t i = 0; i < c->n_forgot; i++) {
		const struct class_forgot *f = &c->forgot[i];
		const struct class_card *k = &c->cards[f->card];
		strbuf_adds(sb, "<li class=\"forgot\" data-card=\"");
		textout_html(sb, k->c->id);
		strbuf_addf(sb, "\" data-value=\"%.4f\"><b>%d%%</b> recall &middot; %d lapse%s "
			    "&middot; studied by %zu &middot; <code>",
			    f->recall, textout_pct(f->recall), f->lapses, f->lapses == 1 ? "" : "s",
			    f->studied);
		textout_html(sb, k->c->id);
		strbuf_adds(sb, "</code><blockquote>");
		board_text(sb, k);
		strbuf_adds(sb, "</blockquote></li>\n");
	}
	strbuf_adds(sb, "</ol></section>\n");
}

static void header(struct strbuf *sb, const struct class *c)
{
	char when[64], now[64];
	size_t at_risk = 0;
	for (size_t i = 0; i < c->n_students; i++)
		at_risk += c->students[i].risk != 0;
	exam_format_date(c->at, when, sizeof when);
	local_strftime(now, sizeof now, "%d %b %Y, %H:%M", c->now);
	strbuf_adds(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
			"<title>Class report: ");
	textout_html(sb, c->title);
	strbuf_addf(sb, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n<h1>Class: ", css);
	textout_html(sb, c->title);
	strbuf_addf(sb, "</h1>\n<p class=\"meta\"><span id=\"students-count\" data-value=\"%zu\">"
		    "%zu student%s</span>, <span id=\"at-risk\" data-value=\"%zu\">%zu at risk"
		    "</span> &middot; readiness on <time id=\"at\" data-value=\"%lld\">%s</time>%s"
		    " &middot; made %s</p>\n",
		    c->n_students, c->n_students, c->n_students == 1 ? "" : "s", at_risk, at_risk,
		    (long long)c->at, when,
		    c->at_exam ? " (the exam)" : c->at == c->now ? " (now: no exam date)" : "", now);
	if (c->at > c->now)
		strbuf_adds(sb, "<p class=\"meta\">Ready: the forecast if they carry on as they "
				"have been (swot readiness's); * if they stop now, where the file "
				"gives no forecast.</p>\n");
	strbuf_addf(sb, "<p class=\"meta\">At risk: Ready below %d%% with the exam within "
		    "%d days (<span class=\"tag\">low</span>), or no study in %d days "
		    "(<span class=\"tag\">idle</span>).</p>\n</header>\n",
		    textout_pct(c->threshold), CLASS_NEAR_DAYS, CLASS_IDLE_DAYS);
}

void class_html(struct strbuf *sb, const struct class *c)
{
	header(sb, c);
	students_section(sb, c);
	topics_section(sb, c);
	forgot_section(sb, c);
	if (c->problems.n) {
		strbuf_adds(sb, "<section id=\"problems\"><h2>Files left out or replaced</h2><ul>\n");
		for (size_t i = 0; i < c->problems.n; i++) {
			strbuf_adds(sb, "<li>");
			textout_html(sb, c->problems.items[i]);
			strbuf_adds(sb, "</li>\n");
		}
		strbuf_adds(sb, "</ul></section>\n");
	}
	strbuf_adds(sb, "<footer>swot " SWOT_VERSION " &middot; swot class</footer>\n"
			"</body>\n</html>\n");
}
