/*
 * cmd_preview.c: swot preview FILE [--type K] [--note ID] [--json]: every
 * question a deck will ask, as a student sees it (the gaps blanked, the
 * options in the deck's order), with its answer, without a database: a
 * teacher reads the whole deck's questions before giving it out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "swot/cli.h"
#include "swot/convert.h"
#include "swot/session.h"
#include "swot/textout.h"

/* Appends s, each line after the first indented as the card's lines are. */
static void indented(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		strbuf_addc(sb, *s);
		if (*s == '\n' && s[1] && s[1] != '\n')
			strbuf_adds(sb, "  ");
	}
}

static void print_card(const struct deck_card *c, size_t i, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	printf("[%zu/%zu] %s  %s (%s)\n", i + 1, n, c->id, session_card_label(c->type),
	       deck_note_kind_name(c->kind));
	if (c->type == CARD_CLOZE)
		textout_cloze(&sb, c->prompt, 0, "", "");
	else
		strbuf_adds(&sb, c->prompt);
	struct strbuf line = STRBUF_INIT;
	indented(&line, strbuf_str(&sb));
	printf("  %s\n", strbuf_str(&line));
	strbuf_release(&line);
	switch (c->type) {
	case CARD_CLOZE:
		for (size_t g = 0; g < c->answers.n; g++) {
			struct strlist alt = STRLIST_INIT;
			deck_gap_accepts(&c->accept, g, &alt);
			printf("  gap %zu: %s", g + 1, c->answers.items[g]);
			if (alt.n) {
				char *j = strlist_join(&alt, ", ");
				printf(" (also accepted: %s)", j);
				free(j);
			}
			printf("\n");
			free(alt.items); /* the items are the card's */
		}
		break;
	case CARD_CHOICE:
		for (size_t k = 0; k < c->options.n; k++)
			printf("  %zu) %s%s\n", k + 1, c->options.items[k],
			       (int)k == c->correct ? "   <- the answer" : "");
		break;
	default:
		strbuf_reset(&sb);
		indented(&sb, c->answers.n ? c->answers.items[0] : "");
		printf("  answer: %s\n", strbuf_str(&sb));
		if (c->accept.n) {
			char *j = strlist_join(&c->accept, ", ");
			printf("  also accepted: %s\n", j);
			free(j);
		}
		break;
	}
	if (c->explain) {
		strbuf_reset(&sb);
		indented(&sb, c->explain);
		printf("  explain: %s\n", strbuf_str(&sb));
	}
	if (c->tags.n) {
		char *j = strlist_join(&c->tags, ", ");
		printf("  tags: %s\n", j);
		free(j);
	}
	printf("\n");
	strbuf_release(&sb);
}

static void json_list(struct strbuf *sb, const char *key, const struct strlist *l)
{
	strbuf_addf(sb, ", \"%s\": [", key);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			strbuf_adds(sb, ", ");
		textout_json_str(sb, l->items[i]);
	}
	strbuf_addc(sb, ']');
}

static void json_card(struct strbuf *sb, const struct deck_card *c)
{
	struct strbuf shown = STRBUF_INIT;
	if (c->type == CARD_CLOZE)
		textout_cloze(&shown, c->prompt, 0, "", "");
	else
		strbuf_adds(&shown, c->prompt);
	strbuf_adds(sb, "{\"id\": ");
	textout_json_str(sb, c->id);
	strbuf_adds(sb, ", \"note\": ");
	textout_json_str(sb, c->note_id);
	strbuf_addf(sb, ", \"kind\": \"%s\", \"type\": \"%s\", \"front\": ",
		    deck_note_kind_name(c->kind), deck_card_type_name(c->type));
	textout_json_str(sb, strbuf_str(&shown));
	json_list(sb, "answers", &c->answers);
	json_list(sb, "accept", &c->accept);
	if (c->type == CARD_CHOICE) {
		json_list(sb, "options", &c->options);
		strbuf_addf(sb, ", \"correct\": %d", c->correct);
	}
	strbuf_adds(sb, ", \"explain\": ");
	textout_json_str(sb, c->explain); /* null when there is none */
	json_list(sb, "tags", &c->tags);
	strbuf_addc(sb, '}');
	strbuf_release(&shown);
}

static int wanted(const struct deck_card *c, const char *type, const char *note)
{
	if (note && strcmp(c->note_id, note) != 0)
		return 0;
	if (type && strcmp(deck_card_type_name(c->type), type) != 0 &&
	    strcmp(deck_note_kind_name(c->kind), type) != 0)
		return 0;
	return 1;
}

int cmd_preview(int argc, char **argv, struct cli *cli)
{
	const char *type = NULL, *note = NULL;
	int json = 0, typed = 0;
	const struct cli_opt opts[] = {
		OPT_STRING("--type", &type),
		OPT_STRING("--note", &note),
		OPT_BOOL("--json", &json),
		OPT_BOOL("--typed", &typed),
		OPT_END(),
	};
	int rc = cli_parse_files(cli, &argc, argv, opts, 1, "deck file to preview");
	if (rc != CLI_GO_ON)
		return rc;
	if (type && deck_card_type_from_name(type) < 0 && deck_note_kind_from_name(type) < 0)
		return cli_usage_error(cli, "--type %s: expected basic, typed, cloze, choice, who, "
				       "character, theme, quote or card", type);

	struct deck_convert_opts o = { typed };
	struct deck_problems p;
	deck_problems_init(&p);
	struct deck *d = deck_load_any(argv[0], &o, NULL, &p);
	if (!d) {
		for (size_t k = 0; k < p.lines.n; k++)
			fprintf(stderr, "%s\n", p.lines.items[k]);
		deck_problems_release(&p);
		return SWOT_EXIT_FAIL;
	}
	deck_problems_release(&p);
	size_t n = 0, shown = 0;
	for (size_t i = 0; i < d->n_cards; i++)
		n += wanted(&d->cards[i], type, note) ? 1 : 0;
	if (note && !n) {
		cli_error("%s has no note \"%s\"%s", argv[0], note, type ? " with such cards" : "");
		deck_free(d);
		return SWOT_EXIT_FAIL;
	}
	struct strbuf sb = STRBUF_INIT;
	if (json)
		strbuf_adds(&sb, "[");
	else
		printf("%s: %s: %zu question%s\n\n", argv[0], d->title, n, n == 1 ? "" : "s");
	for (size_t i = 0; i < d->n_cards; i++) {
		const struct deck_card *c = &d->cards[i];
		if (!wanted(c, type, note))
			continue;
		if (json) {
			strbuf_adds(&sb, shown ? ",\n " : "\n ");
			json_card(&sb, c);
		} else {
			print_card(c, shown, n);
		}
		shown++;
	}
	if (json) {
		strbuf_adds(&sb, "\n]\n");
		fputs(strbuf_str(&sb), stdout);
	}
	strbuf_release(&sb);
	deck_free(d);
	return SWOT_EXIT_OK;
}
