/*
 * session.c: asking cards, checking answers, grading and recording (see
 * session.h).
 *
 * One card is one call of ask(): the header, the card as its type asks
 * it, the answer, the verdict, the grade.  Everything a card needs from
 * the store is read when it comes up, so the first card shows as soon as
 * the queue is built and memory stays small whatever the collection.
 */
#include "swot/session.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "swot/check.h"
#include "swot/exam.h"
#include "swot/fsrs.h"
#include "swot/history.h"
#include "swot/learnday.h"
#include "swot/pending.h"
#include "swot/progress.h"
#include "swot/queue.h"
#include "swot/readiness.h"
#include "swot/settings.h"
#include "swot/textout.h"

/* How long an answer waits for another swot's lock before the session
 * says it is waiting (then it waits on, however long). */
#define SESSION_FIRST_WAIT_MS 1000

/* The most cards a deck may have for the header to show its forecast,
 * worked out before the first card: as many as the forecast simulates
 * whole (some 10 to 40 ms); a bigger deck's would hold the first card
 * up for a tenth of a second or more. */
#define SESSION_FORECAST_CARDS FORECAST_SAMPLE

/* The longest line taken as an answer, in bytes. */
#define SESSION_MAX_LINE 4096
#define SESSION_MAX_LINE_TEXT "4096"

/* ANSI colours, used only when opts.color. */
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"
#define C_RED "\033[31m"
#define C_GREEN "\033[32m"
#define C_YELLOW "\033[33m"
#define C_CYAN "\033[36m"
#define C_OFF "\033[0m"

/* What one deck brings to the session, loaded when first needed. */
struct deck_conf {
	char *slug;
	struct fsrs_params fsrs;
	int new_per_day, reviews_per_day;
	int leech_lapses;
	int64_t exam_at; /* 0: no exam */
	struct strlist names; /* character names and aliases */
	/* readiness for the exam: the sum of R on exam day over the deck's
	 * cards, kept up to date answer by answer, and where it started */
	double ready_sum, ready_start;
	size_t ready_n;
	/* the carry-on forecast for the exam (swot readiness's), worked out
	 * once when the deck is first needed: the header shows it */
	int has_forecast;
	double forecast;
};

/* One answer that :undo can take back. */
struct undo_rec {
	struct queue_entry e;   /* as it was asked (state before) */
	struct fsrs_card before;
	int64_t review_id;
	int first;              /* the card's first answer this session */
	int right;              /* recalled: graded Hard or better, as in swot stats */
	size_t deck;            /* index into session.decks */
	double ready_delta;     /* what the answer added to the deck's ready_sum */
};

/* How a card ended. */
enum outcome {
	OUT_GRADED,
	OUT_SKIPPED,
	OUT_UNDO,
	OUT_QUIT,
	OUT_ABANDONED
};

/* What a read gave. */
enum input {
	IN_LINE,
	IN_UNDO,
	IN_SKIP,
	IN_HINT,
	IN_QUIT,
	IN_ABANDON,
	IN_HELP /* handled by read_input */
};

struct session {
	const struct session_opts *o;
	FILE *out;
	int64_t start_ns;
	int rollover_hour;
	struct deck_conf *decks;
	size_t n_decks, alloc_decks;
	struct queue q;
	struct undo_rec *undo;
	size_t n_undo, alloc_undo;
	int64_t *seen; /* card ids answered this session */
	size_t n_seen, alloc_seen;
	struct session_result r;
	int quit_after; /* the student left the grade prompt for good */
	size_t shown; /* cards put on screen */
	int cols; /* prose is wrapped to this width (see set_cols) */
	/* timings (SWOT_TIMINGS) */
	double first_card_ms;
	double *lat_ms; /* pairs: wall-clock and CPU milliseconds */
	size_t n_lat, alloc_lat;
	int64_t graded_ns; /* when the last grade was read, 0 after timing */
	int64_t graded_cpu_ns;
};

int64_t session_clock_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* CPU time of this process: the timings report it beside the wall clock,
 * which on a busy machine also counts time spent waiting for a CPU. */
static int64_t cpu_clock_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* The session's clock: the start time given, running on in real time. */
static int64_t now_of(const struct session *s)
{
	return s->o->now + (session_clock_ns() - s->start_ns) / 1000000000;
}

/* ---- output ---- */

static void paint(struct session *s, const char *color, const char *text)
{
	if (s->o->color)
		fprintf(s->out, "%s%s%s", color, text, C_OFF);
	else
		fputs(text, s->out);
}

/* Appends text to sb, in color when the session paints. */
static void paint_sb(struct session *s, struct strbuf *sb, const char *color,
		     const char *text)
{
	if (s->o->color)
		strbuf_addf(sb, "%s%s%s", color, text, C_OFF);
	else
		strbuf_adds(sb, text);
}

/* The width of the output, asked again before each card so a resized
 * terminal is followed. */
static void set_cols(struct session *s)
{
	s->cols = s->o->width > 0 ? s->o->width : textout_columns(fileno(s->out));
}

/* Writes text (in color unless NULL) as one paragraph or more, wrapped to
 * the session's width with indent spaces before each line the wrapping
 * starts, and ends the line. */
static void say(struct session *s, const char *color, const char *text,
		int indent)
{
	struct strbuf sb = STRBUF_INIT;
	textout_wrap(&sb, text, s->cols, indent);
	if (color)
		paint(s, color, strbuf_str(&sb));
	else
		fputs(strbuf_str(&sb), s->out);
	fputc('\n', s->out);
	strbuf_release(&sb);
}

/* ---- decks ---- */

/* The settings, exam and names of deck slug, read once a session: *out
 * points into s->decks (moved when another deck is read).  0, or an
 * error with *out NULL. */
static int deck_conf(struct session *s, const char *slug, struct deck_conf **out,
		     struct swot_err *err)
{
	*out = NULL;
	for (size_t i = 0; i < s->n_decks; i++)
		if (!strcmp(s->decks[i].slug, slug)) {
			*out = &s->decks[i];
			return SWOT_OK;
		}
	struct deck_conf d = {0};
	struct swot_settings set;
	int found = 0, rc;
	if ((rc = settings_load(s->o->store, slug, &set, err)))
		return rc;
	d.fsrs = set.fsrs;
	d.new_per_day = set.new_per_day;
	d.reviews_per_day = set.reviews_per_day;
	d.leech_lapses = set.leech_lapses;
	strlist_init(&d.names);
	if ((rc = store_exam_get(s->o->store, slug, &d.exam_at, &found, err)))
		return rc;
	if (!found)
		d.exam_at = 0;
	if (d.exam_at > s->o->now) {
		if ((rc = progress_tally(s->o->store, slug, &d.fsrs, d.exam_at,
					 s->rollover_hour, &d.ready_sum, &d.ready_n, err)))
			return rc;
		d.ready_start = d.ready_n ? d.ready_sum / (double)d.ready_n : 0;
		/* the forecast reads every card's memory: on a deck too big to
		 * do that before the first card, the header keeps the stop-now
		 * figure (swot decks and swot readiness give the forecast) */
		struct progress_ready pr = {0};
		if (d.ready_n <= SESSION_FORECAST_CARDS &&
		    (rc = progress_ready(s->o->store, slug, s->o->now, &pr, err)))
			return rc;
		d.has_forecast = d.ready_n <= SESSION_FORECAST_CARDS && pr.has_forecast;
		d.forecast = d.has_forecast ? pr.expected : 0;
	}
	if ((rc = store_character_names(s->o->store, slug, &d.names, err))) {
		strlist_release(&d.names);
		return rc;
	}
	d.slug = xstrdup(slug);
	ALLOC_GROW(s->decks, s->n_decks + 1, s->alloc_decks);
	s->decks[s->n_decks] = d;
	*out = &s->decks[s->n_decks++];
	return SWOT_OK;
}

static int queue_limits(void *ctx, const char *deck, struct queue_limits *out,
			struct swot_err *err)
{
	struct deck_conf *d;
	int rc = deck_conf(ctx, deck, &d, err);
	if (rc)
		return rc;
	out->new_per_day = d->new_per_day;
	out->reviews_per_day = d->reviews_per_day;
	out->exam_at = d->exam_at;
	return SWOT_OK;
}

/* ---- reading ---- */

/*
 * The session's commands, typed instead of an answer: the parser, the
 * help text and tab completion (lineinput_set_commands) all read this
 * table.  help NULL: not listed by :help.
 */
static const struct session_command {
	const char *name, *alias; /* matched ignoring case */
	enum input in;
	const char *help;
} session_commands[] = {
	{":hint", ":h", IN_HINT, "show the first letters (the grade is then at most hard)"},
	{":skip", ":s", IN_SKIP, "put this card away until tomorrow"},
	{":undo", ":u", IN_UNDO, "take back the last answer and ask that card again"},
	{":quit", ":q", IN_QUIT, "end the session (Ctrl-D too); Ctrl-C sets this card aside"},
	{":help", ":?", IN_HELP, NULL},
};
#define N_COMMANDS (sizeof session_commands / sizeof *session_commands)

/* The command line typed, or NULL. */
static const struct session_command *find_command(const char *t)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (!strcasecmp(t, session_commands[i].name) ||
		    !strcasecmp(t, session_commands[i].alias))
			return &session_commands[i];
	return NULL;
}

static void show_help(struct session *s)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "  Enter    show the answer, or accept the proposed grade\n"
			 "  1-4      grade: 1 again, 2 hard, 3 good, 4 easy\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (session_commands[i].help)
			strbuf_addf(&sb, "  %-8s %s\n", session_commands[i].name,
				    session_commands[i].help);
	strbuf_adds(&sb, "  Tab      completes commands and character names");
	say(s, NULL, strbuf_str(&sb), 11);
	strbuf_release(&sb);
}

/* Tells the reader which words tab completes besides names. */
static void set_completion(struct session *s)
{
	static const char *words[N_COMMANDS];
	for (size_t i = 0; i < N_COMMANDS; i++)
		words[i] = session_commands[i].name;
	lineinput_set_commands(s->o->in, words, N_COMMANDS);
}

/* Trims spaces at both ends, in place. */
static char *trim(char *line)
{
	while (*line == ' ' || *line == '\t')
		line++;
	size_t n = strlen(line);
	while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		line[--n] = '\0';
	return line;
}

/* Reads a line; commands are handled or returned.  *line (on IN_LINE) is
 * trimmed and owned by the caller. */
static enum input read_input(struct session *s, const char *prompt, char **line)
{
	for (;;) {
		char *raw;
		store_idle(s->o->store); /* while the student thinks */
		enum lineinput_status st = lineinput_read(s->o->in, prompt, &raw);
		*line = NULL;
		if (st == LINEINPUT_EOF)
			return IN_QUIT;
		if (st == LINEINPUT_INTERRUPT)
			return IN_ABANDON;
		if (strlen(raw) > SESSION_MAX_LINE) {
			/* a paste gone wrong: checking it would take time and
			 * memory out of all proportion */
			free(raw);
			say(s, NULL, "(that line is too long: an answer is at most "
				     SESSION_MAX_LINE_TEXT " characters; type it again)", 0);
			continue;
		}
		/* What the student typed is echoed (the diff, a message): never
		 * with its control characters live. */
		char *shown = visible_dup(raw, 0);
		free(raw);
		raw = shown;
		char *t = trim(raw);
		if (*t != ':') {
			memmove(raw, t, strlen(t) + 1);
			*line = raw;
			return IN_LINE;
		}
		const struct session_command *cmd = find_command(t);
		if (!cmd) {
			char *msg = xasprintf("%s is not a command; :help lists them", t);
			say(s, NULL, msg, 0);
			free(msg);
		}
		free(raw);
		if (cmd && cmd->in == IN_HELP)
			show_help(s);
		else if (cmd)
			return cmd->in;
	}
}

/* ---- rendering ---- */

/* The header line above each card.  One place, so the exam countdown and
 * readiness can grow here. */
static void render_header(struct session *s, const struct store_card *c,
			  const struct deck_conf *d)
{
	size_t l, r, f;
	queue_counts(&s->q, &l, &r, &f);
	/* the card on screen is counted where it came from, so the first
	 * header gives the numbers swot decks gives (queue_today) */
	if (c->f.state == FSRS_NEW)
		f++;
	else if (c->f.state == FSRS_REVIEW)
		r++;
	else
		l++;
	struct strbuf sb = STRBUF_INIT;
	/* what is left, this card and the learning ones to come back
	 * included: a number that only ever comes down, where "answered of
	 * total" grew each time a failed card came back */
	strbuf_addf(&sb, "%s · %zu left · ", c->deck_id, l + r + f);
	if (s->o->drill)
		strbuf_adds(&sb, "drill");
	else
		queue_today_text(&sb, &(struct queue_today){.learning = l, .due = r, .fresh = f},
				 " · ");
	if (d->exam_at) {
		/* The countdown and readiness, in the longest form that keeps
		 * the header within the width. */
		int64_t days = exam_days_left(now_of(s), d->exam_at);
		int ready = d->ready_n && days >= 0
				    ? textout_pct(d->ready_sum / (double)d->ready_n)
				    : -1;
		/* readiness as swot decks gives it: the forecast when there
		 * is one (fixed for the session, "~" as an estimate), else
		 * the stop-now figure, which moves with each answer */
		const char *est = "";
		if (d->has_forecast && days >= 0) {
			ready = textout_pct(d->forecast);
			est = "~";
		}
		char when[32], form[3][64];
		if (days > 1)
			snprintf(when, sizeof when, "in %lld days", (long long)days);
		else
			snprintf(when, sizeof when, days == 1 ? "tomorrow" : "today");
		if (days >= 0) {
			/* longest first: "exam in 95 days · ready ~71%", "exam
			 * 95d ~71% ready", "exam 95d ~71%" */
			snprintf(form[0], sizeof form[0], " · exam %s", when);
			snprintf(form[1], sizeof form[1], " · exam %lldd", (long long)days);
			snprintf(form[2], sizeof form[2], " · exam %lldd", (long long)days);
			if (ready >= 0) {
				size_t n0 = strlen(form[0]), n1 = strlen(form[1]),
				       n2 = strlen(form[2]);
				snprintf(form[0] + n0, sizeof form[0] - n0, " · ready %s%d%%", est,
					 ready);
				snprintf(form[1] + n1, sizeof form[1] - n1, " %s%d%% ready", est, ready);
				snprintf(form[2] + n2, sizeof form[2] - n2, " %s%d%%", est, ready);
			}
			int w = textout_width(strbuf_str(&sb)), k = 0;
			while (k < 2 && w + textout_width(form[k]) > s->cols)
				k++;
			strbuf_adds(&sb, form[k]);
		}
	}
	fputc('\n', s->out);
	say(s, C_DIM, strbuf_str(&sb), 2);
	strbuf_release(&sb);
}

/* The cloze text with each {{gap}} blanked and numbered, or filled in
 * (with colour when painting) when fill. */
static void render_cloze(struct session *s, const char *text, int fill,
			 struct strbuf *out)
{
	textout_cloze(out, text, fill, s->o->color ? C_BOLD : "", s->o->color ? C_OFF : "");
}

/* The order choice options are shown in: shuffled, the same for one card
 * at one review count.  order[i] is the option shown as number i + 1. */
static void choice_order(const struct store_card *c, size_t *order)
{
	size_t n = c->c.options.n;
	uint64_t x = fnv1a(FNV1A_INIT, c->c.id, strlen(c->c.id));
	x ^= (uint64_t)(unsigned)c->f.reps * SPLITMIX64_GAMMA;
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(splitmix64_next(&x) % i);
		size_t t = order[i - 1];
		order[i - 1] = order[j];
		order[j] = t;
	}
}

/* "1m", "6h", "8d", "3.2mo", "1.5y": how long until due. */
static void format_interval(int64_t seconds, int scheduled_days,
			    enum fsrs_state state, struct strbuf *out)
{
	if (state == FSRS_REVIEW && scheduled_days > 0) {
		int d = scheduled_days;
		if (d < 31)
			strbuf_addf(out, "%dd", d);
		else if (d < 365)
			strbuf_addf(out, "%.1fmo", d / 30.4);
		else
			strbuf_addf(out, "%.1fy", d / 365.0);
		return;
	}
	if (seconds < 60)
		seconds = 60;
	if (seconds < 3600)
		strbuf_addf(out, "%lldm", (long long)((seconds + 30) / 60));
	else if (seconds < 86400)
		strbuf_addf(out, "%lldh", (long long)((seconds + 1800) / 3600));
	else
		strbuf_addf(out, "%lldd", (long long)((seconds + 43200) / 86400));
}

static const char *const grade_names[] = {"", "again", "hard", "good", "easy"};

/* Learning days between the last review and now (0 for a new card). */
static int elapsed_days(const struct session *s, const struct fsrs_card *f,
			int64_t now)
{
	/* the replay of an imported history counts them the same way */
	return history_elapsed_days(f, now, s->rollover_hour);
}

/* What each grade would do to c at now, the exam taken into account. */
static void preview(struct session *s, const struct store_card *c,
		    const struct deck_conf *d, int64_t now, struct fsrs_card out[4])
{
	struct fsrs_log logs[4];
	fsrs_preview(&d->fsrs, &c->f, now, elapsed_days(s, &c->f, now),
		     fsrs_fuzz_seed(c->id, c->f.reps), out, logs);
	if (d->exam_at > now)
		for (int i = 0; i < 4; i++)
			exam_shorten(&out[i], now, d->exam_at, s->rollover_hour);
}

static void render_intervals(struct session *s, const struct store_card *c,
			     const struct deck_conf *d, int64_t now,
			     enum fsrs_rating proposed)
{
	if (s->o->drill) {
		say(s, C_DIM, "practice: the schedule does not move", 0);
		return;
	}
	struct fsrs_card next[4];
	struct strbuf line = STRBUF_INIT;
	preview(s, c, d, now, next);
	for (int r = 1; r <= 4; r++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s ", grade_names[r]);
		format_interval(next[r - 1].due - now, next[r - 1].scheduled_days,
				next[r - 1].state, &sb);
		if (r > 1)
			strbuf_adds(&line, " · ");
		paint_sb(s, &line, (int)proposed == r ? C_BOLD : C_DIM, strbuf_str(&sb));
		strbuf_release(&sb);
	}
	say(s, NULL, strbuf_str(&line), 0);
	strbuf_release(&line);
}

/* The summary at the end.  One place, so readiness can grow here. */
static void render_summary(struct session *s, const char *deck, int64_t now,
			   size_t due_tomorrow, size_t learning_later)
{
	int64_t secs = (session_clock_ns() - s->start_ns) / 1000000000;
	struct strbuf sb = STRBUF_INIT;
	fputc('\n', s->out);
	if (!s->shown) {
		strbuf_adds(&sb, s->o->drill ? "No cards to drill" : "Nothing is due now");
	} else if (!s->r.answers) {
		strbuf_adds(&sb, "Nothing answered");
	} else {
		strbuf_addf(&sb, "%zu card%s answered", s->r.cards,
			    s->r.cards == 1 ? "" : "s");
		if (s->r.answers != s->r.cards)
			strbuf_addf(&sb, " (%zu answers)", s->r.answers);
		strbuf_addf(&sb, ", %zu right first time (%d%%)", s->r.right_first,
			    (int)lround(100.0 * (double)s->r.right_first / (double)s->r.cards));
	}
	if (s->shown)
		strbuf_addf(&sb, " in %lldm %02llds", (long long)(secs / 60),
			    (long long)(secs % 60));
	strbuf_addc(&sb, '.');
	say(s, NULL, strbuf_str(&sb), 0);
	if (!s->o->drill && queue_held(&s->q)) {
		size_t held = queue_held(&s->q);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%zu held for tomorrow (another card of the same note is "
			    "asked today).", held);
		say(s, NULL, strbuf_str(&sb), 0);
	}
	if (learning_later) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%zu card%s still learning, due later today.",
			    learning_later, learning_later == 1 ? "" : "s");
		say(s, NULL, strbuf_str(&sb), 0);
	}
	strbuf_reset(&sb);
	strbuf_addf(&sb, "Due tomorrow%s%s: %zu card%s.", deck ? " in " : "",
		    deck ? deck : "", due_tomorrow, due_tomorrow == 1 ? "" : "s");
	say(s, NULL, strbuf_str(&sb), 0);
	/* How this session moved readiness for each exam ahead. */
	for (size_t i = 0; i < s->n_decks; i++) {
		const struct deck_conf *d = &s->decks[i];
		if (!d->ready_n || d->exam_at <= now)
			continue;
		int before = textout_pct(d->ready_start);
		int after = textout_pct(d->ready_sum / (double)d->ready_n);
		int64_t days = exam_days_left(now, d->exam_at);
		char when[32];
		if (days > 1)
			snprintf(when, sizeof when, "in %lld days", (long long)days);
		else
			snprintf(when, sizeof when, days == 1 ? "tomorrow" : "today");
		strbuf_reset(&sb);
		strbuf_addf(&sb, "Recall for the %s%sexam %s if you stop now: %d%% \u2192 %d%%",
			    deck ? "" : d->slug, deck ? "" : " ", when, before, after);
		if (after != before)
			strbuf_addf(&sb, " (%+d)", after - before);
		strbuf_addc(&sb, '.');
		say(s, NULL, strbuf_str(&sb), 0);
	}
	strbuf_release(&sb);
	fflush(s->out);
}

/* ---- recording ---- */

static void push_undo(struct session *s, const struct undo_rec *u)
{
	ALLOC_GROW(s->undo, s->n_undo + 1, s->alloc_undo);
	s->undo[s->n_undo++] = *u;
}

static int seen_index(const struct session *s, int64_t card)
{
	for (size_t i = 0; i < s->n_seen; i++)
		if (s->seen[i] == card)
			return (int)i;
	return -1;
}

/* What scheduling an answer needs, handed to the store's transaction. */
struct schedule_ctx {
	struct session *s;
	const struct store_card *c;
	const struct deck_conf *d;
	enum fsrs_rating rating;
};

/* Runs inside the answer's transaction on the card as stored then (another
 * swot may have answered it meanwhile): fills the new state and the log. */
static int schedule(void *ctx, const struct fsrs_card *current,
		    struct fsrs_card *after, struct store_answer *a,
		    struct swot_err *err)
{
	struct schedule_ctx *k = ctx;
	struct fsrs_log log = {0};
	int64_t now = a->time;
	int elapsed = elapsed_days(k->s, current, now);
	*after = *current;
	if (a->drill) {
		a->elapsed_days = elapsed;
		a->scheduled_days = current->scheduled_days;
		a->stability = current->stability;
		a->difficulty = current->difficulty;
		return SWOT_OK;
	}
	if (fsrs_next(&k->d->fsrs, current, now, elapsed, k->rating,
		      fsrs_fuzz_seed(k->c->id, current->reps), after, &log))
		return swot_err_set(err, SWOT_EINVAL,
				    "cannot schedule card %s: its memory state is impossible",
				    k->c->c.id);
	if (k->d->exam_at > now)
		exam_shorten(after, now, k->d->exam_at, k->s->rollover_hour);
	a->elapsed_days = log.elapsed_days;
	a->scheduled_days = after->scheduled_days;
	a->stability = after->stability;
	a->difficulty = after->difficulty;
	return SWOT_OK;
}

/*
 * Saves an answer, waiting however long another swot holds the database.
 * Before waiting, the answer is kept in the pending file (when keep), so
 * neither Ctrl-C while waiting (which stops the session) nor a kill loses
 * it: the next session saves it (apply_pending).
 */
static int save_answer(struct session *s, struct store_answer *a,
		       struct schedule_ctx *k, int keep, struct fsrs_card *before,
		       struct fsrs_card *after, int64_t *review_id,
		       struct swot_err *err)
{
	char *path = NULL;
	int rc;
	/* The first try is short, so the student hears within a second why
	 * nothing happens; then the usual wait, as often as it takes. */
	store_set_busy_timeout(s->o->store, SESSION_FIRST_WAIT_MS);
	while ((rc = store_record_answer(s->o->store, a, schedule, k, before, after,
					 review_id, err)) == SWOT_EBUSY) {
		store_set_busy_timeout(s->o->store, SWOT_STORE_BUSY_TIMEOUT_MS);
		if (!path) {
			path = pending_path(store_path(s->o->store));
			if (keep && (rc = pending_add(path, a, err)))
				break;
			fprintf(s->out, "(another swot is using the database: waiting to "
					"save your answer; Ctrl-C stops, keeping it for "
					"your next session)\n");
			fflush(s->out);
		}
		if (s->o->in && lineinput_take_interrupt(s->o->in)) {
			rc = swot_err_set(err, SWOT_EBUSY,
					  "stopped while another swot held %s: your "
					  "answer is kept in %s and is saved when a "
					  "session next starts",
					  store_path(s->o->store), path);
			keep = 0; /* the file stays */
			break;
		}
	}
	store_set_busy_timeout(s->o->store, SWOT_STORE_BUSY_TIMEOUT_MS);
	if (path && keep && !rc)
		rc = pending_clear(path, err);
	free(path);
	return rc;
}

/* Saves the answers a session kept in the pending file because another
 * swot held the database when it ended (by Ctrl-C or a kill); those that
 * were saved after all are recognised and not saved twice. */
static int apply_pending(struct session *s, struct swot_err *err)
{
	char *path = pending_path(store_path(s->o->store));
	struct store_answer *list = NULL;
	size_t n = 0, saved = 0;
	int rc = pending_load(path, &list, &n, err);
	for (size_t i = 0; !rc && i < n; i++) {
		struct store_card c;
		if ((rc = store_card_get(s->o->store, list[i].card_id, &c, err))) {
			if (rc == SWOT_ENOTFOUND)
				rc = SWOT_OK; /* the card is gone: nothing to save */
			continue;
		}
		struct deck_conf *d;
		rc = deck_conf(s, c.deck_id, &d, err);
		struct schedule_ctx k = {.s = s, .c = &c, .d = d, .rating = list[i].rating};
		struct fsrs_card before, after;
		int64_t id = 0;
		if (!rc) {
			list[i].leech_lapses = d->leech_lapses;
			rc = save_answer(s, &list[i], &k, 0, &before, &after, &id, err);
		}
		saved += !rc && id;
		store_card_release(&c);
	}
	if (!rc && n)
		rc = pending_clear(path, err);
	if (saved)
		fprintf(s->out, "(%zu answer%s kept from an earlier session while another "
				"swot held the database: now saved)\n",
			saved, saved == 1 ? "" : "s");
	free(list);
	free(path);
	return rc;
}

static int record(struct session *s, const struct queue_entry *e,
		  const struct store_card *c, struct deck_conf *d,
		  enum fsrs_rating rating, int64_t shown_ns, struct swot_err *err)
{
	int64_t now = now_of(s);
	struct fsrs_card after;
	int rc;
	struct store_answer a = {
		.card_id = c->id,
		.time = now,
		.rating = rating,
		.drill = s->o->drill,
		.duration_ms = (session_clock_ns() - shown_ns) / 1000000,
		.leech_lapses = d->leech_lapses,
	};
	struct schedule_ctx k = {.s = s, .c = c, .d = d, .rating = rating};
	struct undo_rec u = {.e = *e, .deck = (size_t)(d - s->decks)};
	if ((rc = save_answer(s, &a, &k, 1, &u.before, &after, &u.review_id, err)))
		return rc;
	if (!s->o->drill && d->ready_n && d->exam_at > now)
		u.ready_delta = readiness_card_at(&d->fsrs, &after, d->exam_at, s->rollover_hour) -
				readiness_card_at(&d->fsrs, &u.before, d->exam_at, s->rollover_hour);

	u.first = seen_index(s, c->id) < 0;
	u.right = rating >= FSRS_HARD;
	if (u.first) {
		ALLOC_GROW(s->seen, s->n_seen + 1, s->alloc_seen);
		s->seen[s->n_seen++] = c->id;
		s->r.cards++;
		s->r.right_first += (size_t)u.right;
	}
	s->r.answers++;
	d->ready_sum += u.ready_delta;
	push_undo(s, &u);
	if (a.suspended) /* a leech: set aside, so not back today */
		fprintf(s->out, "Forgotten %d times: a leech, so it is suspended now "
				"('swot unsuspend %s' brings it back).\n",
			after.lapses, c->c.id);
	if (!s->o->drill)
		queue_answered(&s->q, e, a.suspended ? FSRS_REVIEW : after.state,
			       a.suspended ? INT64_MAX : after.due, now);
	return SWOT_OK;
}

/* Takes back the last answer: the store, the counts, and the card goes
 * to the front.  Prints why when there is nothing to undo. */
static int undo_last(struct session *s, struct swot_err *err)
{
	if (!s->n_undo) {
		fputs("nothing to undo\n", s->out);
		return SWOT_OK;
	}
	struct undo_rec *u = &s->undo[s->n_undo - 1];
	int rc = store_undo_answer(s->o->store, u->e.card_id, u->review_id,
				   s->o->drill ? NULL : &u->before, err);
	if (rc == SWOT_EINVAL) {
		/* Another swot answered the card since: that answer stands,
		 * this one can no longer be undone, and the session goes on. */
		char *note = xasprintf("(%s)\n", err->msg);
		paint(s, C_DIM, note);
		free(note);
		err->code = 0;
		err->msg[0] = '\0';
		s->n_undo--;
		return SWOT_OK;
	}
	if (rc)
		return rc;
	if (u->first) {
		int i = seen_index(s, u->e.card_id);
		if (i >= 0)
			s->seen[i] = s->seen[--s->n_seen];
		s->r.cards--;
		s->r.right_first -= (size_t)u->right;
	}
	s->r.answers--;
	s->decks[u->deck].ready_sum -= u->ready_delta;
	queue_undo(&s->q, &u->e);
	s->n_undo--;
	paint(s, C_DIM, "(last answer undone)\n");
	return SWOT_OK;
}

/* ---- asking ---- */

/* One card being asked. */
struct asking {
	struct session *s;
	const struct store_card *c;
	const struct deck_conf *d;
	size_t order_small[16];
	size_t *order;         /* choice: option shown as number i + 1 is order[i] */
	struct strlist typed;  /* what was typed, one item per input */
	size_t chosen;         /* choice: the option chosen */
	int hints;             /* hints shown so far */
	size_t hint_input;     /* the input (a cloze's gap) the last hint was for */
	int hint_level;        /* hints shown for that input: each shows more */
};

/* What a check gives besides the verdict. */
enum {
	CHECKED_DIFF = 1, /* the result holds a diff worth showing */
	CHECKED_BAD_UTF8 = 2 /* what was typed is not valid UTF-8 */
};

/*
 * How a type of card is asked, answered and shown: one row per type in
 * card_ways, so a new type of card is one row and its functions.
 */
struct card_way {
	const char *label; /* after the question: "[fill the gaps]" */
	int names;         /* Tab completes the deck's character names */
	/* The question, as shown before answering. */
	void (*question)(const struct asking *a, struct strbuf *out);
	/* Shown under the question (NULL: nothing). */
	void (*below)(const struct asking *a);
	/* The prompt of input k into buf; 0 when the card takes no input k. */
	int (*prompt)(const struct asking *a, size_t k, char *buf, size_t size);
	/* Takes the line typed at an input (and frees or keeps it); 0 when it
	 * is refused, the reason said, and the input is asked again. */
	int (*take)(struct asking *a, char *line);
	/* The answer whose first letters a hint at input k shows. */
	const char *(*hint)(const struct asking *a, size_t k);
	/* Judges what was typed into res, returning CHECKED_* flags; NULL: the
	 * student grades their own answer. */
	int (*check)(const struct asking *a, struct check_result *res);
	/* The full answer, shown after answering. */
	void (*reveal)(const struct asking *a, struct strbuf *out);
	int reveal_plain; /* the reveal carries its own emphasis */
};

static void plain_question(const struct asking *a, struct strbuf *out)
{
	strbuf_adds(out, a->c->c.prompt);
}

static void cloze_question(const struct asking *a, struct strbuf *out)
{
	render_cloze(a->s, a->c->c.prompt, 0, out);
}

static void choice_below(const struct asking *a)
{
	const struct strlist *o = &a->c->c.options;
	struct strbuf line = STRBUF_INIT;
	for (size_t i = 0; i < o->n; i++) {
		strbuf_reset(&line);
		strbuf_addf(&line, "  %zu) %s", i + 1, o->items[a->order[i]]);
		say(a->s, NULL, strbuf_str(&line), i + 1 < 10 ? 5 : 6);
	}
	strbuf_release(&line);
}

static int basic_prompt(const struct asking *a, size_t k, char *buf, size_t size)
{
	(void)a;
	return k == 0 && snprintf(buf, size, "(Enter shows the answer) ") > 0;
}

static int typed_prompt(const struct asking *a, size_t k, char *buf, size_t size)
{
	(void)a;
	return k == 0 && snprintf(buf, size, "> ") > 0;
}

static int cloze_prompt(const struct asking *a, size_t k, char *buf, size_t size)
{
	size_t n = a->c->c.answers.n;
	return k < n && snprintf(buf, size, "gap %zu/%zu> ", k + 1, n) > 0;
}

static int choice_prompt(const struct asking *a, size_t k, char *buf, size_t size)
{
	return k == 0 && snprintf(buf, size, "1-%zu> ", a->c->c.options.n) > 0;
}

static int take_typed(struct asking *a, char *line)
{
	strlist_push_owned(&a->typed, line);
	return 1;
}

static int take_choice(struct asking *a, char *line)
{
	size_t n = a->c->c.options.n;
	char *end;
	long v = strtol(line, &end, 10);
	int ok = *line && !*end && v >= 1 && (size_t)v <= n;
	if (ok)
		a->chosen = a->order[v - 1];
	else
		fprintf(a->s->out, "type a number from 1 to %zu\n", n);
	free(line);
	return ok;
}

/* The index of a choice card's right option, or -1 when it has none. */
static long right_option(const struct store_card *c)
{
	return c->c.correct >= 0 && (size_t)c->c.correct < c->c.options.n
		       ? c->c.correct : -1;
}

static const char *first_answer(const struct asking *a, size_t k)
{
	(void)k;
	return a->c->c.answers.n ? a->c->c.answers.items[0] : "";
}

static const char *gap_answer(const struct asking *a, size_t k)
{
	return k < a->c->c.answers.n ? a->c->c.answers.items[k] : "";
}

static const char *choice_answer(const struct asking *a, size_t k)
{
	long r = right_option(a->c);
	return r >= 0 ? a->c->c.options.items[r] : first_answer(a, k);
}

/* A typed answer against the answer and the accepted ones; rivals
 * (may be NULL) are the names that would be a different answer. */
static int check_typed_against(const struct asking *a, const struct strlist *rivals,
			       struct check_result *res)
{
	const struct deck_card *k = &a->c->c;
	struct strlist acc = STRLIST_INIT;
	int flags = 0;
	for (size_t i = 0; i < k->answers.n; i++)
		strlist_push(&acc, k->answers.items[i]);
	for (size_t i = 0; i < k->accept.n; i++)
		strlist_push(&acc, k->accept.items[i]);
	if (acc.n) {
		if (check_answer(a->typed.n ? a->typed.items[0] : "",
				 (const char *const *)acc.items, acc.n,
				 rivals ? (const char *const *)rivals->items : NULL,
				 rivals ? rivals->n : 0, res) != 0)
			flags |= CHECKED_BAD_UTF8;
		flags |= CHECKED_DIFF;
	}
	strlist_release(&acc);
	return flags;
}

static int check_typed(const struct asking *a, struct check_result *res)
{
	return check_typed_against(a, NULL, res);
}

static int check_who(const struct asking *a, struct check_result *res)
{
	return check_typed_against(a, &a->d->names, res);
}

static int check_gaps(const struct asking *a, struct check_result *res)
{
	const struct strlist *gaps = &a->c->c.answers;
	/* each gap's other accepted answers, from the card's accept list */
	struct strlist *alt = xcalloc(gaps->n + 1, sizeof *alt);
	const char *const **alts = xcalloc(gaps->n + 1, sizeof *alts);
	size_t *n_alts = xcalloc(gaps->n + 1, sizeof *n_alts);
	for (size_t g = 0; g < gaps->n; g++) {
		deck_gap_accepts(&a->c->c.accept, g, &alt[g]);
		alts[g] = (const char *const *)alt[g].items;
		n_alts[g] = alt[g].n;
	}
	int bad = check_cloze_alt((const char *const *)a->typed.items, a->typed.n,
				  (const char *const *)gaps->items, gaps->n, alts, n_alts,
				  res) != 0;
	for (size_t g = 0; g < gaps->n; g++)
		free(alt[g].items); /* the items are the card's */
	free(alt);
	free(alts);
	free(n_alts);
	return CHECKED_DIFF | (bad ? CHECKED_BAD_UTF8 : 0);
}

static int check_choice(const struct asking *a, struct check_result *res)
{
	res->verdict = (int)a->chosen == a->c->c.correct ? CHECK_RIGHT : CHECK_WRONG;
	return 0;
}

static void reveal_first(const struct asking *a, struct strbuf *out)
{
	if (a->c->c.answers.n)
		strbuf_adds(out, a->c->c.answers.items[0]);
}

static void reveal_gaps(const struct asking *a, struct strbuf *out)
{
	render_cloze(a->s, a->c->c.prompt, 1, out);
}

static void reveal_choice(const struct asking *a, struct strbuf *out)
{
	long r = right_option(a->c);
	if (r >= 0)
		strbuf_adds(out, a->c->c.options.items[r]);
}

static const struct card_way card_ways[] = {
	[CARD_BASIC] = {"recall", 0, plain_question, NULL, basic_prompt, take_typed,
			first_answer, NULL, reveal_first, 0},
	[CARD_TYPED] = {"type the answer", 0, plain_question, NULL, typed_prompt,
			take_typed, first_answer, check_typed, reveal_first, 0},
	[CARD_CLOZE] = {"fill the gaps", 0, cloze_question, NULL, cloze_prompt,
			take_typed, gap_answer, check_gaps, reveal_gaps, 1},
	[CARD_CHOICE] = {"choose", 0, plain_question, choice_below, choice_prompt,
			 take_choice, choice_answer, check_choice, reveal_choice, 0},
	[CARD_WHO] = {"who?", 1, plain_question, NULL, typed_prompt, take_typed,
		      first_answer, check_who, reveal_first, 0},
};

const char *session_card_label(enum deck_card_type t)
{
	return (unsigned)t < DECK_CARD_TYPES ? card_ways[t].label : "";
}

static void render_front(const struct asking *a, const struct card_way *w)
{
	struct session *s = a->s;
	struct strbuf sb = STRBUF_INIT, line = STRBUF_INIT;
	w->question(a, &sb);
	paint_sb(s, &line, C_BOLD, strbuf_str(&sb));
	strbuf_adds(&line, "  ");
	strbuf_reset(&sb);
	strbuf_addf(&sb, "[%s]", w->label);
	paint_sb(s, &line, C_DIM, strbuf_str(&sb));
	say(s, NULL, strbuf_str(&line), 0);
	if (w->below)
		w->below(a);
	strbuf_release(&line);
	strbuf_release(&sb);
	fflush(s->out);
}

/* Times the card just shown (SWOT_TIMINGS): from the last grade, or for
 * the first card from the start. */
static void note_shown(struct session *s)
{
	if (s->graded_ns) {
		ALLOC_GROW(s->lat_ms, s->n_lat + 2, s->alloc_lat);
		s->lat_ms[s->n_lat++] = (double)(session_clock_ns() - s->graded_ns) / 1e6;
		s->lat_ms[s->n_lat++] = (double)(cpu_clock_ns() - s->graded_cpu_ns) / 1e6;
		s->graded_ns = 0;
	} else if (s->first_card_ms < 0) {
		s->first_card_ms = (double)(session_clock_ns() - s->start_ns) / 1e6;
	}
}

static enum outcome outcome_of(enum input in)
{
	switch (in) {
	case IN_UNDO:
		return OUT_UNDO;
	case IN_SKIP:
		return OUT_SKIPPED;
	case IN_ABANDON:
		return OUT_ABANDONED;
	default:
		return OUT_QUIT;
	}
}

static void show_hint(struct session *s, const char *answer, int level)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "hint: ");
	check_hint(answer, level, &sb);
	say(s, C_CYAN, strbuf_str(&sb), 6);
	strbuf_release(&sb);
}

static enum fsrs_rating parse_grade(const char *line)
{
	if (!line[1] && line[0] >= '1' && line[0] <= '4')
		return (enum fsrs_rating)(line[0] - '0');
	for (int r = 1; r <= 4; r++)
		if (!strcasecmp(line, grade_names[r]))
			return (enum fsrs_rating)r;
	return 0;
}

/* Reads the card's inputs; IN_LINE when it is answered, else the command
 * that ended it. */
static enum input read_answer(struct asking *a, const struct card_way *w)
{
	char prompt[64];
	for (size_t k = 0; w->prompt(a, k, prompt, sizeof prompt);) {
		char *line;
		enum input in = read_input(a->s, prompt, &line);
		if (in == IN_HINT) { /* each gap's hints start from its first letter */
			if (!a->hints || a->hint_input != k) {
				a->hint_input = k;
				a->hint_level = 0;
			}
			a->hints++;
			show_hint(a->s, w->hint(a, k), ++a->hint_level);
			continue;
		}
		if (in != IN_LINE)
			return in;
		if (w->take(a, line))
			k++;
	}
	return IN_LINE;
}

/* Says how the answer did (with what differs, when something was typed)
 * and returns the grade proposed for it. */
static enum fsrs_rating judge(const struct asking *a, const struct card_way *w)
{
	struct session *s = a->s;
	static const char *const verdict_color[] = {C_RED, C_YELLOW, C_GREEN};
	static const char *const verdict_text[] = {"wrong", "almost", "right"};
	struct check_result res;
	check_result_init(&res);
	int flags = w->check(a, &res);
	if (flags & CHECKED_BAD_UTF8)
		fputs("(your answer could not be read: it is not valid UTF-8)\n", s->out);
	enum fsrs_rating proposed = res.verdict == CHECK_RIGHT    ? FSRS_GOOD
				    : res.verdict == CHECK_ALMOST ? FSRS_HARD
								  : FSRS_AGAIN;
	if (a->hints && proposed > FSRS_HARD)
		proposed = FSRS_HARD;
	/* wrapped like the rest, so a narrow terminal keeps it whole */
	struct strbuf verdict = STRBUF_INIT;
	paint_sb(s, &verdict, verdict_color[res.verdict], verdict_text[res.verdict]);
	strbuf_addf(&verdict, " (proposed: %s%s)", grade_names[proposed],
		    a->hints ? ", after a hint" : "");
	say(s, NULL, strbuf_str(&verdict), 0);
	strbuf_release(&verdict);
	int typed_something = 0;
	for (size_t i = 0; i < a->typed.n; i++)
		typed_something |= a->typed.items[i][0] != '\0';
	if ((flags & CHECKED_DIFF) && res.verdict != CHECK_RIGHT && typed_something &&
	    res.diff.n) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_adds(&sb, "  ");
		check_diff_render(&res.diff, s->o->color, &sb);
		say(s, NULL, strbuf_str(&sb), 2);
		strbuf_release(&sb);
	}
	check_result_release(&res);
	return proposed;
}

/* The full answer and the explanation. */
static void reveal(const struct asking *a, const struct card_way *w)
{
	struct session *s = a->s;
	struct strbuf sb = STRBUF_INIT, ans = STRBUF_INIT;
	w->reveal(a, &sb);
	/* one paragraph hangs under its first word; a back of several (a
	 * theme's quotes) starts each at the margin */
	strbuf_adds(&ans, "answer: ");
	if (w->reveal_plain)
		strbuf_adds(&ans, strbuf_str(&sb));
	else
		paint_sb(s, &ans, C_BOLD, strbuf_str(&sb));
	say(s, NULL, strbuf_str(&ans), strchr(strbuf_str(&sb), '\n') ? 0 : 8);
	strbuf_release(&ans);
	strbuf_release(&sb);
	const char *explain = a->c->c.explain;
	if (explain && *explain)
		say(s, C_DIM, explain, 0);
}

/* Shows what each grade would do and reads the grade into *rating. */
static enum outcome read_grade(struct session *s, const struct store_card *c,
			       const struct deck_conf *d, enum fsrs_rating proposed,
			       enum fsrs_rating *rating)
{
	render_intervals(s, c, d, now_of(s), proposed);
	for (;;) {
		char prompt[64], *line;
		if (proposed)
			snprintf(prompt, sizeof prompt, "grade [%s]> ",
				 grade_names[proposed]);
		else
			snprintf(prompt, sizeof prompt, "grade 1-4> ");
		enum input in = read_input(s, prompt, &line);
		if (in == IN_HINT) {
			fputs("the answer is shown already\n", s->out);
			continue;
		}
		if ((in == IN_ABANDON || in == IN_QUIT) && proposed) {
			/* the answer was checked: leaving the prompt (a reflex
			 * Ctrl-C, Ctrl-D, :quit) keeps it, as proposed */
			fprintf(s->out, "\nkept as %s (:undo takes it back)\n",
				grade_names[proposed]);
			*rating = proposed;
			s->quit_after = in == IN_QUIT;
			s->graded_ns = session_clock_ns();
			s->graded_cpu_ns = cpu_clock_ns();
			return OUT_GRADED;
		}
		if (in != IN_LINE)
			return outcome_of(in);
		enum fsrs_rating r = *line ? parse_grade(line) : proposed;
		free(line);
		if (r) {
			*rating = r;
			s->graded_ns = session_clock_ns();
			s->graded_cpu_ns = cpu_clock_ns();
			return OUT_GRADED;
		}
		say(s, NULL, proposed ? "grade 1 again, 2 hard, 3 good, 4 easy (Enter "
					"accepts the proposed one)"
				      : "grade 1 again, 2 hard, 3 good, 4 easy", 6);
	}
}

/* Asks c as its type asks it: the question, the answer, the verdict, the
 * grade.  On OUT_GRADED *rating is the grade. */
static enum outcome ask(struct session *s, const struct store_card *c,
			const struct deck_conf *d, enum fsrs_rating *rating)
{
	const struct card_way *w = &card_ways[c->c.type];
	struct asking a = {.s = s, .c = c, .d = d, .typed = STRLIST_INIT};
	size_t n_opt = c->c.options.n;
	a.order = n_opt > 16 ? xmalloc(n_opt * sizeof *a.order) : a.order_small;
	if (c->c.type == CARD_CHOICE)
		choice_order(c, a.order);
	lineinput_forget_answers(s->o->in);
	render_front(&a, w);
	note_shown(s);
	lineinput_set_names(s->o->in, w->names || c->c.kind == NOTE_CHARACTER
					      ? &d->names : NULL);
	enum input in = read_answer(&a, w);
	enum outcome out;
	if (in == IN_LINE) {
		enum fsrs_rating proposed = w->check ? judge(&a, w) : 0;
		reveal(&a, w);
		out = read_grade(s, c, d, proposed, rating);
	} else {
		out = outcome_of(in);
	}
	strlist_release(&a.typed);
	if (a.order != a.order_small)
		free(a.order);
	fflush(s->out);
	return out;
}

/* ---- the loop ---- */

/* A drill round of the deck (see queue_init_drill). */
static int build_drill(struct session *s, struct swot_err *err)
{
	struct store_drill_row *rows;
	size_t n;
	struct deck_conf *d;
	int rc = deck_conf(s, s->o->deck, &d, err);
	if (rc)
		return rc;
	if ((rc = store_drill_cards(s->o->store, s->o->deck, s->o->tag, s->o->kind,
				    &rows, &n, err)))
		return rc;
	queue_init_drill(&s->q, rows, n, &d->fsrs, now_of(s),
			 s->o->limit ? s->o->limit : SESSION_DRILL_DEFAULT);
	free(rows);
	return SWOT_OK;
}

static void write_timings(struct session *s)
{
	FILE *f = fopen(s->o->timings_path, "w");
	if (!f)
		return;
	fprintf(f, "first_card_ms %.3f\n", s->first_card_ms);
	for (size_t i = 0; i + 1 < s->n_lat; i += 2)
		fprintf(f, "grade_next_ms %.3f cpu %.3f\n", s->lat_ms[i], s->lat_ms[i + 1]);
	fclose(f);
}

/* Asks the card of e and acts on how it ended (the grade recorded, the
 * card skipped, the last answer undone...); s->r.quit is set on :quit. */
static int run_card(struct session *s, const struct queue_entry *e,
		    struct swot_err *err)
{
	const struct session_opts *o = s->o;
	struct store_card c;
	enum fsrs_rating rating = 0;
	int rc = store_card_get(o->store, e->card_id, &c, err);
	if (rc)
		return rc == SWOT_ENOTFOUND ? SWOT_OK : rc; /* gone meanwhile */
	if (c.retired) { /* retired meanwhile by an import */
		store_card_release(&c);
		return SWOT_OK;
	}
	struct deck_conf *d;
	if ((rc = deck_conf(s, c.deck_id, &d, err))) {
		store_card_release(&c);
		return rc;
	}
	set_cols(s);
	render_header(s, &c, d);
	s->shown++;
	int64_t shown_ns = session_clock_ns();
	switch (ask(s, &c, d, &rating)) {
	case OUT_GRADED:
		rc = record(s, e, &c, d, rating, shown_ns, err);
		if (s->quit_after)
			s->r.quit = 1;
		break;
	case OUT_SKIPPED:
		if (!o->drill)
			rc = store_card_bury(o->store, c.id,
					     learnday_of(now_of(s), s->rollover_hour) + 1, err);
		if (!rc)
			paint(s, C_DIM, o->drill ? "(skipped)\n" : "(skipped until tomorrow)\n");
		break;
	case OUT_UNDO:
		queue_push_front(&s->q, e);
		rc = undo_last(s, err);
		break;
	case OUT_ABANDONED:
		paint(s, C_DIM, "(card set aside)\n");
		break;
	case OUT_QUIT:
		s->r.quit = 1;
		break;
	}
	store_card_release(&c);
	return rc;
}

/* The learning day's rollover, then the queue: a drill round or today's
 * cards. */
static int start(struct session *s, struct swot_err *err)
{
	const struct session_opts *o = s->o;
	/* the learning day is the same for every deck */
	struct swot_settings global;
	int rc = settings_load(o->store, NULL, &global, err);
	if (rc)
		return rc;
	s->rollover_hour = global.rollover_hour;
	if ((rc = apply_pending(s, err)))
		return rc;
	if (!o->drill)
		return queue_build(&s->q, o->store, o->deck, now_of(s), s->rollover_hour,
				   queue_limits, s, err);
	if (!o->deck)
		return swot_err_set(err, SWOT_EINVAL, "a drill needs a deck");
	if ((rc = store_deck_check(o->store, o->deck, err)))
		return rc;
	return build_drill(s, err);
}

/* The summary, with what is due tomorrow. */
static void finish(struct session *s)
{
	const struct session_opts *o = s->o;
	struct swot_err e2 = {0};
	size_t tomorrow = 0, l, r, f;
	int64_t now = now_of(s);
	if (!o->drill)
		queue_due_tomorrow(&s->q, &tomorrow, &e2);
	else
		store_count_due(o->store, o->deck,
				learnday_start(learnday_of(now, s->rollover_hour) + 2,
					       s->rollover_hour),
				&tomorrow, &e2);
	queue_counts(&s->q, &l, &r, &f);
	render_summary(s, o->deck, now, tomorrow, o->drill || s->r.quit ? 0 : l);
}

int session_run(const struct session_opts *o, struct session_result *result,
		struct swot_err *err)
{
	struct session s = {0};
	int rc;
	s.o = o;
	s.out = o->out;
	s.start_ns = o->started_ns ? o->started_ns : session_clock_ns();
	s.first_card_ms = -1;
	set_cols(&s);
	set_completion(&s);
	store_defer_checkpoints(o->store);
	if ((rc = start(&s, err)))
		goto out;
	for (;;) {
		struct queue_entry e;
		int got = queue_next(&s.q, now_of(&s), &e, err);
		if (got < 0) {
			rc = got;
			goto out;
		}
		if (!got)
			break;
		if ((rc = run_card(&s, &e, err)) || s.r.quit)
			goto out;
	}
	rc = SWOT_OK;
out:
	if (!rc || s.r.answers)
		finish(&s);
	if (o->timings_path)
		write_timings(&s);
	if (result)
		*result = s.r;
	queue_release(&s.q);
	for (size_t i = 0; i < s.n_decks; i++) {
		free(s.decks[i].slug);
		strlist_release(&s.decks[i].names);
	}
	free(s.decks);
	free(s.undo);
	free(s.seen);
	free(s.lat_ms);
	return rc;
}
