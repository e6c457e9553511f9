/*
 * cmd_convert.c: swot convert FILE --to json|csv [-o OUT] [--typed]: a
 * deck in any format swot reads (JSON, CSV/TSV, Quizlet text, Anki
 * packages) written as deck JSON or as a sheet.  What was read goes to
 * stderr, the deck to stdout or OUT (written whole or not at all).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "swot/cli.h"
#include "swot/convert.h"

/* "FILE: Anki package: 22 notes, 3 skipped, 5 media files dropped". */
void cli_print_conversion(FILE *f, const char *path, const struct deck_convert_report *r)
{
	if (r->format == DECK_FORMAT_JSON)
		return;
	fprintf(f, "%s: read as %s: %zu %s", path, deck_format_name(r->format), r->notes,
		r->format == DECK_FORMAT_ANKI ? (r->notes == 1 ? "note" : "notes")
		: r->format == DECK_FORMAT_QUIZLET ? (r->notes == 1 ? "card" : "cards")
						   : (r->notes == 1 ? "row" : "rows"));
	if (r->skipped)
		fprintf(f, ", %zu skipped", r->skipped);
	if (r->format == DECK_FORMAT_ANKI)
		fprintf(f, ", %zu image%s, sound%s and media file%s dropped", r->media,
			r->media == 1 ? "" : "s", r->media == 1 ? "" : "s", r->media == 1 ? "" : "s");
	fputc('\n', f);
	for (size_t i = 0; i < r->skipped_notes.n; i++)
		fprintf(f, "%s\n", r->skipped_notes.items[i]);
}

/* Writes text to path whole: to a temporary file beside it, then renamed
 * over it. */
static int write_whole(const char *path, const char *text, size_t len)
{
	char *tmp = xasprintf("%s.tmp-swot", path);
	FILE *f = fopen(tmp, "wb");
	int ok = f && fwrite(text, 1, len, f) == len;
	if (f && fclose(f) != 0)
		ok = 0;
	if (ok && rename(tmp, path) != 0)
		ok = 0;
	if (!ok) {
		cli_error("cannot write %s: %s", path, strerror(errno));
		remove(tmp);
	}
	free(tmp);
	return ok ? SWOT_EXIT_OK : SWOT_EXIT_FAIL;
}

int cmd_convert(int argc, char **argv, struct cli *cli)
{
	const char *to = NULL, *out_path = NULL;
	int typed = 0;
	const struct cli_opt opts[] = {
		OPT_STRING("--to", &to),
		OPT_STRING("-o", &out_path),
		OPT_BOOL("--typed", &typed),
		OPT_END(),
	};
	int rc = cli_parse_files(cli, &argc, argv, opts, 1, "file to convert");
	if (rc != CLI_GO_ON)
		return rc;
	if (!to || (strcmp(to, "json") && strcmp(to, "csv")))
		return cli_usage_error(cli, "--to json or --to csv");

	struct deck_convert_opts o = { typed };
	struct deck_convert_report r = { 0 };
	struct deck_problems p;
	struct strbuf out = STRBUF_INIT;
	deck_problems_init(&p);
	if (!strcmp(to, "json")) {
		char *json = deck_convert_to_json(argv[0], &o, &r, &p);
		if (json) {
			strbuf_adds(&out, json);
			if (out.len && out.buf[out.len - 1] != '\n')
				strbuf_addc(&out, '\n');
			free(json);
		} else {
			rc = SWOT_EXIT_FAIL;
		}
	} else if (deck_convert_to_csv(argv[0], &o, &out, &p)) {
		rc = SWOT_EXIT_FAIL;
	}
	for (size_t i = 0; i < p.lines.n; i++)
		fprintf(stderr, "%s\n", p.lines.items[i]);
	if (rc == CLI_GO_ON) {
		cli_print_conversion(stderr, argv[0], &r);
		if (out_path) {
			rc = write_whole(out_path, out.buf ? out.buf : "", out.len);
		} else {
			fwrite(strbuf_str(&out), 1, out.len, stdout);
			rc = SWOT_EXIT_OK;
		}
	} else {
		cli_error("nothing converted: %s has problems", argv[0]);
	}
	deck_problems_release(&p);
	deck_convert_report_release(&r);
	strbuf_release(&out);
	return rc;
}
