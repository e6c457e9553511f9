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

/* Where the file goes: a new file replacing path, or stdout. */
struct out {
	struct replace_file file;
	int to_file;
};

static int put(void *ctx, const char *buf, size_t len, struct swot_err *err)
{
	struct out *o = ctx;
	if (o->to_file)
		return replace_file_write(&o->file, buf, len, err);
	fwrite(buf, 1, len, stdout); /* cli_run checks stdout */
	return SWOT_OK;
}

int cmd_export_progress(int argc, char **argv, struct cli *cli)
{
	const char *name = NULL, *path = NULL, *why;
	int reviews = 0, rc;
	struct store *s = NULL;
	struct out o = {.to_file = 0};
	struct progfile_totals tot;
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
	o.to_file = path && strcmp(path, "-");
	if (o.to_file && replace_file_open(&o.file, path, cli->db_path, &err))
		return cli_fail(&err);
	if (progfile_export(s, deck, name, cli->now, reviews, put, &o, &tot, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (tot.decks == 0) {
		cli_error("export-progress: no decks yet; import one with: swot import FILE");
		rc = SWOT_EXIT_FAIL;
		goto out;
	}
	if (o.to_file) {
		rc = replace_file_commit(&o.file, &err);
		o.to_file = 0;
		if (rc)
			return cli_fail(&err);
		printf("Wrote %s: %zu deck%s, %zu cards%s, %zu KB. Hand it to your teacher.\n",
		       path, tot.decks, tot.decks == 1 ? "" : "s", tot.cards,
		       reviews ? " with their reviews" : "", (tot.bytes + 1023) / 1024);
	}
out:
	if (o.to_file)
		replace_file_abort(&o.file); /* nothing half-written is left */
	return rc;
}
