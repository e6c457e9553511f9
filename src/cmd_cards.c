/*
 * cmd_cards.c: swot cards [DECK] [--search TEXT] [--due|--new|--learning|
 * --suspended|--leeches] [--tag T] [--type K] [--json]: the cards, as
 * Anki's browser lists them, at the terminal (one card: cmd_card.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "swot/check.h"
#include "swot/cli.h"
#include "swot/fsrs.h"
#include "swot/learnday.h"
#include "swot/readiness.h"
#include "swot/settings.h"
#include "swot/textout.h"

/* What `swot cards` keeps. */
struct filter {
	const char *search; /* matched after the answer check's folding */
	char *folded;
	int due, fresh, learning, suspended, leeches;
	const char *tag, *type;
	int leech_lapses;
	int64_t now;
};

static const char *state_name(const struct store_card *c)
{
	if (c->suspended)
		return "suspended";
	return fsrs_state_name(c->f.state);
}

/* Whether the folded text of s holds needle (already folded). */
static int holds(const char *s, const char *needle)
{
	char *f = check_normalize(s ? s : "");
	int yes = f && strstr(f, needle) != NULL;
	free(f);
	return yes;
}

static int matches_search(const struct store_card *c, const char *needle)
{
	if (holds(c->c.prompt, needle) || holds(c->c.note_id, needle) ||
	    holds(c->c.explain, needle))
		return 1;
	for (size_t i = 0; i < c->c.answers.n; i++)
		if (holds(c->c.answers.items[i], needle))
			return 1;
	for (size_t i = 0; i < c->c.options.n; i++)
		if (holds(c->c.options.items[i], needle))
			return 1;
	return 0;
}

static int is_leech(const struct store_card *c, const struct filter *f)
{
	return f->leech_lapses > 0 && c->f.lapses >= f->leech_lapses;
}

static int wanted(const struct store_card *c, const struct filter *f)
{
	if (f->due && (c->suspended || c->f.state == FSRS_NEW || c->f.due > f->now))
		return 0;
	if (f->fresh && (c->suspended || c->f.state != FSRS_NEW))
		return 0;
	if (f->learning && (c->suspended || (c->f.state != FSRS_LEARNING &&
					      c->f.state != FSRS_RELEARNING)))
		return 0;
	if (f->suspended && !c->suspended)
		return 0;
	if (f->leeches && !is_leech(c, f))
		return 0;
	if (f->tag && !strlist_has(&c->c.tags, f->tag) && !strlist_has(&c->c.themes, f->tag))
		return 0;
	if (f->type && strcmp(deck_card_type_name(c->c.type), f->type) &&
	    strcmp(deck_note_kind_name(c->c.kind), f->type))
		return 0;
	return !f->folded || matches_search(c, f->folded);
}


static void row_text(struct strbuf *sb, const struct store_card *c, double r,
		     const struct filter *f, int width)
{
	char due[16] = "-", stab[16] = "-", rec[8] = "-";
	if (c->f.state != FSRS_NEW) {
		local_strftime(due, sizeof due, "%Y-%m-%d", c->f.due);
		snprintf(stab, sizeof stab, "%.1fd", c->f.stability);
		snprintf(rec, sizeof rec, "%d%%", textout_pct(r));
	}
	textout_cell(sb, c->c.id, 26, 0, 0);
	strbuf_addc(sb, ' ');
	textout_cell(sb, deck_card_type_name(c->c.type), 6, 0, 0);
	strbuf_addc(sb, ' ');
	textout_cell(sb, is_leech(c, f) ? "leech" : state_name(c), 10, 0, 0);
	strbuf_addf(sb, " %-10s %7s %6s", due, stab, rec);
	if (width >= 93) {
		char *prompt = readiness_prompt_line(c->c.prompt);
		strbuf_addc(sb, ' ');
		textout_cell(sb, prompt, width - 73, 0, 0);
		free(prompt);
	}
	while (sb->len && sb->buf[sb->len - 1] == ' ')
		sb->buf[--sb->len] = '\0';
	strbuf_addc(sb, '\n');
}

static void row_json(struct strbuf *sb, const struct store_card *c, double r,
		     const struct filter *f, int first)
{
	strbuf_adds(sb, first ? "\n  {\"id\": " : ",\n  {\"id\": ");
	textout_json_str(sb, c->c.id);
	strbuf_addf(sb, ", \"row\": %lld, \"deck\": ", (long long)c->id);
	textout_json_str(sb, c->deck_id);
	strbuf_adds(sb, ", \"type\": ");
	textout_json_str(sb, deck_card_type_name(c->c.type));
	strbuf_adds(sb, ", \"state\": ");
	textout_json_str(sb, state_name(c));
	strbuf_addf(sb, ", \"suspended\": %s, \"leech\": %s, \"lapses\": %d, \"reps\": %d",
		    c->suspended ? "true" : "false", is_leech(c, f) ? "true" : "false",
		    c->f.lapses, c->f.reps);
	if (c->f.state == FSRS_NEW)
		strbuf_adds(sb, ", \"due\": null, \"stability\": null, \"recall\": null");
	else
		strbuf_addf(sb, ", \"due\": %lld, \"stability\": %.4f, \"recall\": %.4f",
			    (long long)c->f.due, c->f.stability, r);
	strbuf_adds(sb, ", \"prompt\": ");
	textout_json_str(sb, c->c.prompt);
	strbuf_adds(sb, "}");
}

/* The settings of the deck a card is in, for its recall and leech mark. */
static int load_settings(struct store *s, const char *deck, struct swot_settings *set)
{
	struct swot_err err = {0};
	if (settings_load(s, deck, set, &err))
		return cli_fail(&err);
	return SWOT_EXIT_OK;
}

/* What the walk writes the rows with. */
struct listing {
	const struct filter *f;
	const struct swot_settings *set;
	int json, width;
	size_t shown;
	struct strbuf sb; /* rows not yet written out */
};

/* A screenful of rows or so at a time: the list of every card never sits
 * in memory at once. */
#define FLUSH_BYTES 65536

static int list_card(void *ctx, struct store_card *c)
{
	struct listing *l = ctx;
	if (!wanted(c, l->f))
		return 0;
	double r = readiness_card_at(&l->set->fsrs, &c->f, l->f->now, l->set->rollover_hour);
	if (l->json)
		row_json(&l->sb, c, r, l->f, !l->shown);
	else
		row_text(&l->sb, c, r, l->f, l->width);
	l->shown++;
	if (l->sb.len >= FLUSH_BYTES) {
		fwrite(l->sb.buf, 1, l->sb.len, stdout); /* cli_run checks stdout */
		strbuf_reset(&l->sb);
	}
	return 0;
}

int cmd_cards(int argc, char **argv, struct cli *cli)
{
	struct filter f = {0};
	int json = 0, rc;
	const struct cli_opt opts[] = {
		OPT_BOOL("--due", &f.due),
		OPT_BOOL("--json", &json),
		OPT_BOOL("--learning", &f.learning),
		OPT_BOOL("--leeches", &f.leeches),
		OPT_BOOL("--new", &f.fresh),
		OPT_STRING("--search", &f.search),
		OPT_BOOL("--suspended", &f.suspended),
		OPT_STRING("--tag", &f.tag),
		OPT_STRING("--type", &f.type),
		OPT_END(),
	};
	if ((rc = cli_parse_options(cli, &argc, argv, opts, 1)) != CLI_GO_ON)
		return rc;
	if (f.due + f.fresh + f.learning + f.suspended + f.leeches > 1)
		return cli_usage_error(cli, "--due, --new, --learning, --suspended and --leeches "
					    "go one at a time");
	const char *deck = argc ? argv[0] : NULL;
	struct store *s;
	struct swot_settings set;
	struct swot_err err = {0};
	if ((rc = cli_open_store(cli, &s)) || (rc = load_settings(s, deck, &set)))
		return rc;
	f.now = cli->now;
	f.leech_lapses = set.leech_lapses;
	f.folded = f.search ? check_normalize(f.search) : NULL;
	struct listing l = {.f = &f, .set = &set, .json = json, .width = textout_columns(1),
			    .sb = STRBUF_INIT};
	if (json)
		strbuf_adds(&l.sb, "{\"cards\": [");
	else
		strbuf_addf(&l.sb, "%-26s %-6s %-10s %-10s %7s %6s%s\n", "ID", "TYPE", "STATE",
			    "DUE", "STABLE", "RECALL", l.width >= 93 ? " QUESTION" : "");
	if (store_cards_walk(s, deck, list_card, &l, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (json)
		strbuf_adds(&l.sb, l.shown ? "\n]}\n" : "]}\n");
	else
		strbuf_addf(&l.sb, "%zu %s\n", l.shown, l.shown == 1 ? "card" : "cards");
	fwrite(l.sb.buf, 1, l.sb.len, stdout);
out:
	strbuf_release(&l.sb);
	free(f.folded);
	return rc;
}
