/*
 * cmd_export_progress.c: swot export-progress [DECK] --name NAME [-o FILE]
 * [--reviews]: the progress file a student hands their teacher, for
 * `swot class` (see progfile.h for what it holds and does not).
 */
#include <stdio.h>
#include <string.h>

#include "swot/cli.h"
#include "swot/progfile.h"

#define NAME_MAX_BYTES 100

/* A name a teacher can read on one line: not empty, no control
 * characters, not too long.  Returns a message, or NULL when it is fine. */
static const char *bad_name(const char *name)
{
	size_t len = strlen(name);
	if (!len || strspn(name, " ") == len)
		return "--name must not be empty";
	if (len > NAME_MAX_BYTES)
		return "--name must be at most 100 bytes";
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return "--name must not hold control characters";
	return NULL;
}

int cmd_export_progress(int argc, char **argv, struct cli *cli)
{
	const char *name = NULL, *path = NULL, *why;
	int reviews = 0, rc;
	struct store *s = NULL;
	struct progfile p = {0};
	struct strbuf sb = STRBUF_INIT;
	struct swot_err err = {0};

	const struct cli_opt opts[] = {
		OPT_STRING("--name", &name),
		OPT_BOOL("--reviews", &reviews),
		OPT_STRING("-o", &path),
		OPT_END(),
	};
	if ((rc = cli_parse_options(cli, &argc, argv, opts, 1)) != CLI_GO_ON)
		return rc;
	const char *deck = argc ? argv[0] : NULL;
	if (!name)
		return cli_usage_error(cli, "say whose progress it is with --name NAME "
					    "(your teacher sees it)");
	if ((why = bad_name(name)))
		return cli_usage_error(cli, "%s", why);
	if (path && !*path)
		return cli_usage_error(cli, "-o needs a file name");
	if ((rc = cli_open_store(cli, &s)))
		return rc;
	if (progfile_from_store(s, deck, name, cli->now, reviews, &p, &err))
		goto fail;
	if (p.n_decks == 0) {
		cli_error("export-progress: no decks yet; import one with: swot import FILE");
		rc = SWOT_EXIT_FAIL;
		goto out;
	}
	progfile_write(&sb, &p);
	if (path && strcmp(path, "-")) {
		if (write_file_replace(path, sb.buf, sb.len, cli->db_path, &err))
			goto fail;
		size_t cards = 0;
		for (size_t i = 0; i < p.n_decks; i++)
			cards += p.decks[i].n_cards;
		printf("Wrote %s: %zu deck%s, %zu cards%s, %zu KB. Hand it to your teacher.\n",
		       path, p.n_decks, p.n_decks == 1 ? "" : "s", cards,
		       reviews ? " with their reviews" : "", (sb.len + 1023) / 1024);
	} else {
		fwrite(sb.buf, 1, sb.len, stdout); /* cli_run checks stdout */
	}
	goto out;
fail:
	rc = cli_fail(&err);
out:
	strbuf_release(&sb);
	progfile_release(&p);
	return rc;
}
