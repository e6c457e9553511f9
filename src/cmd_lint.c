/*
 * cmd_lint.c: swot lint [--source TEXT] FILE...: checks deck files against
 * deck format 1 without touching the database; with --source, looks every
 * quotation up in the set text as well.
 */
#include <stdio.h>
#include <string.h>

#include "swot/cli.h"
#include "swot/convert.h"
#include "swot/deck.h"
#include "swot/source.h"

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void print_ok(const char *path, const struct deck *d)
{
	printf("%s: ok (%zu %s, %zu %s, %zu %s, %zu %s: %zu %s)\n", path,
	       d->n_characters, plural(d->n_characters, "character", "characters"),
	       d->n_themes, plural(d->n_themes, "theme", "themes"),
	       d->n_quotes, plural(d->n_quotes, "quote", "quotes"),
	       d->n_free, plural(d->n_free, "card", "cards"),
	       d->n_cards, plural(d->n_cards, "question", "questions"));
}

/* The file name of a path, for "macbeth.txt:960". */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

struct tally {
	size_t exact, differ, missing, elsewhere;
};

/* One quotation against the text: a line on stdout (all of them there,
 * so they stay in the deck's order). */
static void check_quote(const char *path, const char *text_path,
			const struct source_text *t, const struct deck_quote *q,
			size_t index, int color, struct tally *n)
{
	static const char *const verdicts[] = { "exact", "differs", "not found" };
	struct source_result r;
	struct strbuf sb = STRBUF_INIT;
	source_result_init(&r);
	source_find(t, q->text, &r);
	strbuf_addf(&sb, "%s: quotes[%zu] \"%s\": %s", path, index, q->id,
		    verdicts[r.verdict]);
	if (r.verdict == SOURCE_NOT_FOUND) {
		strbuf_addf(&sb, " in %s", base_name(text_path));
		n->missing++;
		goto print;
	}
	strbuf_adds(&sb, " (");
	if (r.loc.kind != LOC_NONE) {
		deck_loc_format(&r.loc, &sb);
		strbuf_adds(&sb, "; ");
	}
	strbuf_addf(&sb, "%s:%zu)", base_name(text_path), r.line);
	if (r.verdict == SOURCE_DIFFERS) {
		strbuf_adds(&sb, ": ");
		source_diff_render(&r, color, &sb);
		n->differ++;
	} else {
		n->exact++;
	}
	struct deck_loc want = q->loc;
	if (want.kind == LOC_NONE && q->chapter)
		want = (struct deck_loc){ LOC_CHAPTER, q->chapter, 0, 0 };
	if (source_loc_agrees(&r.loc, &want) == 0) {
		strbuf_adds(&sb, ", but the deck says ");
		deck_loc_format(&want, &sb);
		n->elsewhere++;
	}
print:
	printf("%s\n", strbuf_str(&sb));
	strbuf_release(&sb);
	source_result_release(&r);
}

/* Every quotation of d against t; returns whether all were found where
 * the deck says. */
static int check_source(const char *path, const char *text_path,
			const struct source_text *t, const struct deck *d, int color)
{
	struct tally n = { 0, 0, 0, 0 };
	for (size_t i = 0; i < d->n_quotes; i++)
		check_quote(path, text_path, t, &d->quotes[i], i, color, &n);
	printf("%s: %zu %s against %s: %zu exact, %zu %s, %zu not found",
	       path, d->n_quotes, plural(d->n_quotes, "quote", "quotes"),
	       base_name(text_path), n.exact, n.differ,
	       plural(n.differ, "differs", "differ"), n.missing);
	if (n.elsewhere)
		printf(", %zu placed elsewhere", n.elsewhere);
	printf("\n");
	return n.missing == 0 && n.elsewhere == 0;
}

int cmd_lint(int argc, char **argv, struct cli *cli)
{
	const char *source_path = NULL;
	const struct cli_opt opts[] = {
		OPT_STRING("--source", &source_path),
		OPT_END(),
	};
	int rc = cli_parse_files(cli, &argc, argv, opts, CLI_ANY_ARGS, "deck files to check");
	if (rc != CLI_GO_ON)
		return rc;

	struct source_text *text = NULL;
	if (source_path) {
		struct swot_err err = { 0 };
		if (source_load(source_path, &text, &err))
			return cli_fail(&err);
	}
	rc = SWOT_EXIT_OK;
	for (int i = 0; i < argc; i++) {
		struct deck_problems p;
		deck_problems_init(&p);
		struct deck_convert_report r = { 0 };
		struct deck *d = deck_load_any(argv[i], NULL, &r, &p);
		if (d) {
			cli_print_conversion(stdout, argv[i], &r);
			print_ok(argv[i], d);
			for (size_t k = 0; k < d->remarks.n; k++)
				printf("%s\n", d->remarks.items[k]);
			if (text && !check_source(argv[i], source_path, text, d, cli->color))
				rc = SWOT_EXIT_FAIL;
			deck_free(d);
		} else {
			rc = SWOT_EXIT_FAIL;
			cli_print_problems(&p);
		}
		deck_problems_release(&p);
		deck_convert_report_release(&r);
	}
	source_free(text);
	return rc;
}
