/*
 * cmd_lint.c: swot lint FILE...: checks deck files against deck format 1
 * without touching the database.
 */
#include <stdio.h>
#include <string.h>

#include "swot/cli.h"
#include "swot/deck.h"

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int cmd_lint(int argc, char **argv, struct cli *cli)
{
	const struct cli_opt opts[] = {OPT_END()};
	int rc = cli_parse_options(cli, &argc, argv, opts, CLI_ANY_ARGS);
	if (rc != CLI_GO_ON)
		return rc;
	if (!argc)
		return cli_usage_error(cli, "say which deck files to check");

	int bad = 0;
	for (int i = 0; i < argc; i++) {
		struct deck_problems p;
		deck_problems_init(&p);
		struct deck *d = deck_load_file(argv[i], &p);
		if (d) {
			printf("%s: ok (%zu %s, %zu %s, %zu %s, %zu %s: %zu %s)\n",
			       argv[i], d->n_characters,
			       plural(d->n_characters, "character", "characters"),
			       d->n_themes, plural(d->n_themes, "theme", "themes"),
			       d->n_quotes, plural(d->n_quotes, "quote", "quotes"),
			       d->n_free, plural(d->n_free, "card", "cards"),
			       d->n_cards, plural(d->n_cards, "question", "questions"));
			deck_free(d);
		} else {
			bad = 1;
			for (size_t k = 0; k < p.lines.n; k++)
				fprintf(stderr, "%s\n", p.lines.items[k]);
		}
		deck_problems_release(&p);
	}
	return bad ? SWOT_EXIT_FAIL : SWOT_EXIT_OK;
}
