/*
 * report.c: the HTML progress report (see report.h).
 *
 * Numbers a test or a script may want carry their exact value in a
 * data-value attribute next to the rounded text.
 */
#include "swot/report.h"

#include <string.h>
#include <time.h>

#include "swot/textout.h"

static const char css[] =
	"*{box-sizing:border-box}"
	"body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d2327;"
	"max-width:60rem;margin:2rem auto;padding:0 1rem;background:#fff}"
	"h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.2rem;margin:1.6rem 0 .5rem;"
	"border-bottom:2px solid #e3e7ea;padding-bottom:.2rem}h3{font-size:1.05rem;margin:1rem 0 .3rem}"
	".meta{color:#5a6570;margin:0 0 1rem}"
	".deck{border:1px solid #e3e7ea;border-radius:8px;padding:0 1rem 1rem;margin:1rem 0;"
	"break-inside:avoid}"
	".big{display:flex;gap:2rem;flex-wrap:wrap;margin:.5rem 0}"
	".big div{min-width:9rem}.big b{display:block;font-size:2rem;line-height:1.1}"
	".big span{color:#5a6570;font-size:.85rem}"
	"table{border-collapse:collapse;width:100%;margin:.3rem 0}"
	"th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eef1f3;vertical-align:middle}"
	"th{font-weight:600;color:#5a6570;font-size:.85rem}"
	"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
	".bar{width:10rem}.count{font-weight:600}"
	".note{color:#5a6570;font-size:.9rem}"
	"svg{max-width:100%;height:auto}"
	".chart text{font:11px system-ui,sans-serif;fill:#5a6570}"
	"footer{margin-top:2rem;color:#8a949c;font-size:.8rem}"
	"@media print{body{margin:0;max-width:none;font-size:12px}"
	".deck,section{break-inside:avoid}a{color:inherit}}";

/* "54%" with its exact value in data-value, under the given id. */
static void pct(struct strbuf *sb, const char *cls, double v)
{
	strbuf_addf(sb, "<b class=\"%s\" data-value=\"%.4f\">%d%%</b>", cls, v < 0 ? 0 : v,
		    textout_pct(v));
}

/* A horizontal bar, width 160 px, for a share 0..1. */
static void svg_bar(struct strbuf *sb, double v, const char *color)
{
	if (!(v > 0))
		v = 0;
	if (v > 1)
		v = 1;
	strbuf_addf(sb,
		    "<svg width=\"160\" height=\"12\" viewBox=\"0 0 160 12\" role=\"img\" "
		    "aria-label=\"%d%%\"><rect width=\"160\" height=\"12\" rx=\"3\" "
		    "fill=\"#eef1f3\"/><rect width=\"%.1f\" height=\"12\" rx=\"3\" "
		    "fill=\"%s\"/></svg>",
		    textout_pct(v), 160 * v, color);
}

static const char *color_for(double v)
{
	return v >= 0.85 ? "#2f9e44" : v >= 0.6 ? "#f08c00" : "#e03131";
}

/* The section's head: the deck's title and its exam (or why there is none). */
static void html_exam(struct strbuf *sb, const struct progress_deck *p)
{
	const struct readiness *r = &p->r;
	char buf[64];

	strbuf_addf(sb, "<section class=\"deck\" data-deck=\"");
	textout_html(sb, p->deck);
	strbuf_adds(sb, "\">\n<h2>");
	textout_html(sb, p->title);
	strbuf_adds(sb, "</h2>\n<div class=\"countdown\" id=\"countdown-");
	textout_html(sb, p->deck);
	strbuf_adds(sb, "\">");
	if (r->has_exam) {
		local_strftime(buf, sizeof buf, "%A %d %B %Y, %H:%M", r->exam_at);
		strbuf_addf(sb,
			    "<p class=\"exam\">Exam: <b>%s</b> &middot; <b class=\"days-left\" "
			    "data-value=\"%lld\">%lld</b> %s to go</p>",
			    buf, (long long)r->days_left, (long long)r->days_left,
			    r->days_left == 1 ? "day" : "days");
	} else if (r->exam_passed) {
		local_strftime(buf, sizeof buf, "%A %d %B %Y", r->exam_passed);
		strbuf_addf(sb, "<p class=\"exam passed\">The exam on %s has passed; "
				"recall below is for now. Set the next one with <code>swot exam ",
			    buf);
		textout_html(sb, p->deck);
		strbuf_adds(sb, " YYYY-MM-DD</code>.</p>");
	} else {
		strbuf_adds(sb, "<p class=\"exam none\">No exam date set. Set one with "
				"<code>swot exam ");
		textout_html(sb, p->deck);
		strbuf_adds(sb, " YYYY-MM-DD</code> to see readiness for the day.</p>");
	}
}

/* The big figures: recall if the student stops now and if they keep up,
 * how much has been studied, and the pace new cards need. */
static void html_figures(struct strbuf *sb, const struct readiness *r)
{
	strbuf_adds(sb, "</div>\n<div class=\"big readiness\">");
	strbuf_addf(sb, "<div>");
	pct(sb, "readiness-now", r->mean);
	strbuf_addf(sb, "<span>%s</span></div>",
		    r->has_exam ? "predicted recall on exam day if you stop now"
				: "predicted recall if tested now");
	if (r->has_forecast) {
		strbuf_adds(sb, "<div>");
		pct(sb, "readiness-forecast", r->forecast.expected);
		strbuf_addf(sb, "<span>if you carry on as you have been (likely "
				"<span class=\"forecast-low\">%d%%</span> to "
				"<span class=\"forecast-high\">%d%%</span>)</span></div>",
			    textout_pct(r->forecast.low), textout_pct(r->forecast.high));
	} else if (r->no_history) {
		strbuf_adds(sb, "<div class=\"forecast none\"><span>if you carry on as you "
				"have been: not enough history to forecast yet</span></div>");
	}
	strbuf_adds(sb, "<div>");
	pct(sb, "coverage", r->coverage);
	strbuf_addf(sb, "<span><span class=\"studied\">%zu</span> of "
			"<span class=\"total\">%zu</span> cards studied</span></div></div>\n",
		    r->studied, r->total);
	if (r->has_exam && r->new_left) {
		if (r->pace_needed > 0)
			strbuf_addf(sb,
				    "<p class=\"pace\">%zu new cards left: <b class=\"pace-needed\" "
				    "data-value=\"%d\">%d</b> a day meets them all %d days before "
				    "the exam (swot gives %d a day).</p>\n",
				    r->new_left, r->pace_needed, r->pace_needed, r->lead_days,
				    r->new_per_day);
		else
			strbuf_addf(sb,
				    "<p class=\"pace\">%zu new cards left and the last %d days "
				    "have begun: learn them now (swot gives %d a day).</p>\n",
				    r->new_left, r->lead_days, r->new_per_day);
	}
}

/* Readiness by topic. */
static void html_topics(struct strbuf *sb, const struct readiness *r)
{
	strbuf_adds(sb, "<h3>Readiness by topic</h3>\n<table class=\"topics\">"
			"<thead><tr><th>Topic</th><th class=\"n\">Cards</th>"
			"<th class=\"n\">Studied</th>");
	strbuf_addf(sb, "<th class=\"n\">%s</th><th></th>", r->has_exam ? "Stop now" : "Now");
	if (r->has_forecast)
		strbuf_adds(sb, "<th class=\"n\">Carry on</th>");
	strbuf_adds(sb, "</tr></thead><tbody>\n");
	for (size_t i = 0; i < r->n_topics; i++) {
		const struct readiness_topic *t = &r->topics[i];
		strbuf_adds(sb, "<tr data-kind=\"");
		textout_html(sb, t->kind);
		strbuf_adds(sb, "\" data-key=\"");
		textout_html(sb, t->key);
		strbuf_adds(sb, "\"><td>");
		textout_html(sb, t->name);
		strbuf_addf(sb, "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
				"<td class=\"n now\" data-value=\"%.4f\">%d%%</td><td class=\"bar\">",
			    t->total, t->studied, t->now, textout_pct(t->now));
		svg_bar(sb, t->now, color_for(t->now));
		strbuf_adds(sb, "</td>");
		if (r->has_forecast && t->carry < 0) /* none of its cards simulated */
			strbuf_adds(sb, "<td class=\"n carry\">-</td>");
		else if (r->has_forecast)
			strbuf_addf(sb, "<td class=\"n carry\" data-value=\"%.4f\">%d%%</td>",
				    t->carry, textout_pct(t->carry));
		strbuf_adds(sb, "</tr>\n");
	}
	strbuf_adds(sb, "</tbody></table>\n");
}

/* The weakest cards studied, cloze gaps blanked. */
static void html_weakest(struct strbuf *sb, const struct progress_deck *p)
{
	const struct readiness *r = &p->r;
	strbuf_addf(sb, "<h3>Weakest cards studied%s</h3>\n",
		    r->has_exam ? " (recall on exam day)" : "");
	if (r->n_weakest == 0) {
		strbuf_adds(sb, "<p class=\"note weakest none\">No card studied yet.</p>\n");
	} else {
		strbuf_adds(sb, "<table class=\"weakest\"><thead><tr><th class=\"n\">Recall</th>"
				"<th>Card</th><th>Question</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < r->n_weakest; i++) {
			const struct store_card *c = &p->cards[r->weakest[i].index];
			strbuf_addf(sb, "<tr><td class=\"n\" data-value=\"%.4f\">%d%%</td><td><code>",
				    r->weakest[i].r, textout_pct(r->weakest[i].r));
			textout_html(sb, c->c.id);
			strbuf_adds(sb, "</code></td><td>");
			/* cloze gaps blanked: the report must not give answers away */
			for (const char *s = c->c.prompt ? c->c.prompt : ""; *s; s++) {
				const char *end;
				if (s[0] == '{' && s[1] == '{' && (end = strstr(s + 2, "}}"))) {
					strbuf_adds(sb, "_____");
					s = end + 1;
				} else {
					char one[2] = {*s, '\0'};
					textout_html(sb, one);
				}
			}
			strbuf_adds(sb, "</td></tr>\n");
		}
		strbuf_adds(sb, "</tbody></table>\n");
	}
}

static void deck_section(struct strbuf *sb, const struct progress_deck *p, int64_t now)
{
	(void)now;
	html_exam(sb, p);
	html_figures(sb, &p->r);
	html_topics(sb, &p->r);
	html_weakest(sb, p);
	strbuf_adds(sb, "</section>\n");
}

/* "MM-DD" of a "YYYY-MM-DD" date, whatever the year's digits (10000 and
 * on have five). */
static const char *month_day(const char *date)
{
	const char *dash = strchr(date + 1, '-');
	return dash ? dash + 1 : date;
}

static void forecast_svg(struct strbuf *sb, const struct stats *st, int rollover_hour)
{
	size_t max = 1;
	for (int d = 0; d < STATS_FORECAST_DAYS; d++)
		if (st->forecast[d] > max)
			max = st->forecast[d];
	const int w = 18, gap = 4, h = 120, left = 34, top = 10;
	int width = left + STATS_FORECAST_DAYS * (w + gap) + 10;
	strbuf_addf(sb,
		    "<svg class=\"chart\" id=\"forecast-chart\" width=\"%d\" height=\"%d\" "
		    "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"due cards per day\">",
		    width, h + top + 30, width, h + top + 30);
	strbuf_addf(sb, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c9d0d6\"/>",
		    left - 4, top + h, width - 6, top + h);
	strbuf_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%zu</text>", left - 8,
		    top + 8, max);
	strbuf_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>", left - 8, top + h);
	for (int d = 0; d < STATS_FORECAST_DAYS; d++) {
		char date[16];
		stats_day_date(st->today + d, rollover_hour, date, sizeof date);
		double bh = (double)st->forecast[d] * h / (double)max;
		int x = left + d * (w + gap);
		strbuf_addf(sb,
			    "<rect class=\"due\" data-date=\"%s\" data-value=\"%zu\" x=\"%d\" "
			    "y=\"%.1f\" width=\"%d\" height=\"%.1f\" rx=\"2\" fill=\"#4263eb\">"
			    "<title>%s: %zu due</title></rect>",
			    date, st->forecast[d], x, top + h - bh, w, bh, date, st->forecast[d]);
		if (d % 7 == 0)
			strbuf_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
				    x + w / 2, top + h + 16, d == 0 ? "today" : month_day(date));
	}
	strbuf_adds(sb, "</svg>\n");
}

static void heatmap_svg(struct strbuf *sb, const struct stats *st, int rollover_hour)
{
	static const char *const shade[] = {"#eef1f3", "#c5e8cc", "#8fd19e", "#40a95a",
					    "#1b6e32"};
	static const char *const days[] = {"Mon", "", "Wed", "", "Fri", "", "Sun"};
	size_t max = 0;
	for (size_t i = 0; i < st->n_heat; i++)
		if (st->heat[i] > max)
			max = st->heat[i];
	const int cell = 16, gap = 3, left = 34, top = 20;
	int width = left + STATS_HEAT_WEEKS * (cell + gap) + 10;
	int height = top + 7 * (cell + gap) + 4;
	strbuf_addf(sb,
		    "<svg class=\"chart\" id=\"heatmap-chart\" width=\"%d\" height=\"%d\" "
		    "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"answers per day\">",
		    width, height, width, height);
	/* Month names over the first week of each month. */
	int prev = -1;
	for (int w = 0; w < STATS_HEAT_WEEKS; w++) {
		char date[16], mon[8];
		stats_day_date(st->heat_first + 7 * w, rollover_hour, date, sizeof date);
		const char *md = month_day(date);
		int m = (md[0] - '0') * 10 + (md[1] - '0');
		/* the first column's month gives way when the next column starts a
		 * new one: the two names would overlap */
		char next[16];
		stats_day_date(st->heat_first + 7 * (w + 1), rollover_hour, next, sizeof next);
		int skip = w == 0 && memcmp(month_day(next), md, 2) != 0;
		if (m != prev && !skip) {
			struct tm tm = {0};
			tm.tm_mon = m - 1;
			tm.tm_mday = 1;
			tm.tm_year = 100;
			strftime(mon, sizeof mon, "%b", &tm);
			strbuf_addf(sb, "<text x=\"%d\" y=\"12\">%s</text>",
				    left + w * (cell + gap), mon);
		}
		prev = m;
	}
	for (int d = 0; d < 7; d++)
		if (*days[d])
			strbuf_addf(sb, "<text x=\"0\" y=\"%d\">%s</text>",
				    top + d * (cell + gap) + cell - 4, days[d]);
	for (size_t i = 0; i < st->n_heat; i++) {
		char date[16];
		size_t c = st->heat[i];
		int level = c == 0 ? 0 : 1 + (int)((c - 1) * 4 / (max ? max : 1));
		if (level > 4)
			level = 4;
		stats_day_date(st->heat_first + (int64_t)i, rollover_hour, date, sizeof date);
		int w = (int)(i / 7), d = (int)(i % 7);
		strbuf_addf(sb,
			    "<rect class=\"day\" data-date=\"%s\" data-value=\"%zu\" x=\"%d\" "
			    "y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\" fill=\"%s\">"
			    "<title>%s: %zu answer%s</title></rect>",
			    date, c, left + w * (cell + gap), top + d * (cell + gap), cell, cell,
			    shade[level], date, c, c == 1 ? "" : "s");
	}
	strbuf_adds(sb, "</svg>\n");
}

void report_html(struct strbuf *sb, const struct progress_deck *decks, size_t n,
		 const struct stats *st, int rollover_hour, int64_t now)
{
	char buf[64];
	strbuf_adds(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			"<title>swot progress report: ");
	if (n == 1)
		textout_html(sb, decks[0].title);
	else
		strbuf_adds(sb, "all decks");
	strbuf_addf(sb, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n<h1>", css);
	strbuf_adds(sb, "Progress report: ");
	if (n == 1)
		textout_html(sb, decks[0].title);
	else
		strbuf_adds(sb, "all decks");
	local_strftime(buf, sizeof buf, "%A %d %B %Y, %H:%M", now);
	strbuf_addf(sb, "</h1>\n<p class=\"meta\">Made by swot on <time>%s</time>. "
			"Recall is FSRS's prediction from the answers given so far; a card "
			"never studied counts 0.</p>\n</header>\n",
		    buf);

	strbuf_adds(sb, "<main>\n<section id=\"readiness\">\n");
	if (n == 0)
		strbuf_adds(sb, "<p class=\"note\">No decks yet.</p>\n");
	for (size_t i = 0; i < n; i++)
		deck_section(sb, &decks[i], now);
	strbuf_adds(sb, "</section>\n");

	strbuf_addf(sb,
		    "<section id=\"forecast\">\n<h2>Due in the next %d days</h2>\n"
		    "<p class=\"note\"><span class=\"count\" data-value=\"%zu\">%zu</span> "
		    "review%s, today's overdue ones included.</p>\n",
		    STATS_FORECAST_DAYS, st->forecast_total, st->forecast_total,
		    st->forecast_total == 1 ? "" : "s");
	forecast_svg(sb, st, rollover_hour);
	strbuf_adds(sb, "</section>\n");

	int active = 0;
	for (size_t i = 0; i < st->n_heat; i++)
		active += st->heat[i] > 0;
	struct strbuf ret = STRBUF_INIT;
	if (st->ret30_total) {
		double rate = (double)st->ret30_pass / (double)st->ret30_total;
		strbuf_addf(&ret, "<b class=\"retention\" data-value=\"%.4f\">%d%%</b>", rate,
			    textout_pct(rate));
	} else {
		strbuf_adds(&ret, "not measured yet");
	}
	strbuf_addf(sb,
		    "<section id=\"heatmap\">\n<h2>Answers, last %d weeks</h2>\n"
		    "<p class=\"note\"><span class=\"count\" data-value=\"%zu\">%zu</span> "
		    "answer%s on %d day%s; streak <b class=\"streak\" data-value=\"%d\">%d</b> "
		    "%s; retention over the last 30 days %s.</p>\n",
		    STATS_HEAT_WEEKS, st->heat_total, st->heat_total,
		    st->heat_total == 1 ? "" : "s", active, active == 1 ? "" : "s", st->streak,
		    st->streak, st->streak == 1 ? "day" : "days", strbuf_str(&ret));
	strbuf_release(&ret);
	heatmap_svg(sb, st, rollover_hour);
	strbuf_adds(sb, "</section>\n</main>\n<footer>swot: revise set texts at the "
			"terminal. This page has no scripts and works offline.</footer>\n"
			"</body>\n</html>\n");
}
