/*
 * cli.c: what every command shares (see cli.h): running a command with its
 * duties, messages and usage, the option parser, the store, sessions.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "swot/cli.h"
#include "swot/deck.h"
#include "swot/lineinput.h"
#include "swot/session.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("swot: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_fail(const struct swot_err *err)
{
	cli_error("%s", err->msg);
	return SWOT_EXIT_FAIL;
}

int cli_show(struct cli *cli, int argc, char **argv, cli_view_fn fn)
{
	struct cli_view v = {0};
	const struct cli_opt opts[] = {
		OPT_BOOL("--ascii", &v.ascii),
		OPT_BOOL("--json", &v.json),
		OPT_END(),
	};
	struct store *s;
	int rc = cli_parse_options(cli, &argc, argv, opts, 1);
	if (rc != CLI_GO_ON || (rc = cli_open_store(cli, &s)))
		return rc;
	v.deck = argc ? argv[0] : NULL;
	struct swot_err err = {0};
	struct strbuf sb = STRBUF_INIT;
	if (fn(s, &v, cli->now, &sb, &err))
		rc = cli_fail(&err);
	else
		fputs(strbuf_str(&sb), stdout);
	strbuf_release(&sb);
	return rc;
}

int cli_usage(const struct cli *cli)
{
	fprintf(stderr, "usage: swot %s\n", cli->cmd->usage);
	return SWOT_EXIT_USAGE;
}

int cli_usage_error(const struct cli *cli, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "swot: %s: ", cli->cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return cli_usage(cli);
}

void cli_print_problems(const struct deck_problems *p)
{
	for (size_t i = 0; i < p->lines.n; i++)
		fprintf(stderr, "%s\n", p->lines.items[i]);
}

/* --help: the usage, and the command's own help, to stdout. */
static int show_help(const struct cli *cli)
{
	printf("usage: swot %s\n", cli->cmd->usage);
	if (cli->cmd->help)
		cli->cmd->help(stdout);
	return SWOT_EXIT_OK;
}

/* The option arg names (exactly, or followed by "=value"), or NULL. */
static const struct cli_opt *find_opt(const struct cli_opt *opts, const char *arg)
{
	for (const struct cli_opt *o = opts; o->type != CLI_OPT_END; o++) {
		size_t len = strlen(o->name);
		if (!strncmp(arg, o->name, len) && (arg[len] == '\0' || arg[len] == '='))
			return o;
	}
	return NULL;
}

/* Stores value for o.  Returns CLI_GO_ON or, after a usage error, its
 * status. */
static int set_opt(const struct cli *cli, const struct cli_opt *o, const char *value)
{
	if (o->type == CLI_OPT_STRING) {
		*(const char **)o->value = value;
		return CLI_GO_ON;
	}
	char *end;
	errno = 0;
	long v = strtol(value, &end, 10);
	if (!*value || *end || errno || v < o->min || v > o->max)
		return cli_usage_error(cli, "%s %s: expected a whole number from %ld to %ld",
				       o->name, value, o->min, o->max);
	*(int *)o->value = (int)v;
	return CLI_GO_ON;
}

int cli_parse_options(struct cli *cli, int *argc, char **argv,
		      const struct cli_opt *opts, int max_args)
{
	int n = 0, dashdash = 0;
	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		if (dashdash || a[0] != '-' || !a[1] || (a[1] >= '0' && a[1] <= '9')) {
			argv[n++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--")) {
			dashdash = 1;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help"))
			return show_help(cli);
		const struct cli_opt *o = find_opt(opts, a);
		if (!o)
			return cli_usage_error(cli, "unknown option %s", a);
		const char *eq = a[strlen(o->name)] == '=' ? a + strlen(o->name) + 1 : NULL;
		int rc = CLI_GO_ON;
		if (o->type == CLI_OPT_BOOL) {
			if (eq)
				return cli_usage_error(cli, "%s takes no value", o->name);
			*(int *)o->value = 1;
		} else if (eq) {
			rc = set_opt(cli, o, eq);
		} else if (i + 1 < *argc) {
			rc = set_opt(cli, o, argv[++i]);
		} else {
			return cli_usage_error(cli, "%s needs a value", o->name);
		}
		if (rc != CLI_GO_ON)
			return rc;
	}
	if (max_args != CLI_ANY_ARGS && n > max_args)
		return cli_usage_error(cli, "unexpected argument '%s'", argv[max_args]);
	argv[n] = NULL;
	*argc = n;
	return CLI_GO_ON;
}

int cli_parse_files(struct cli *cli, int *argc, char **argv,
		    const struct cli_opt *opts, int max_args, const char *what)
{
	int rc = cli_parse_options(cli, argc, argv, opts, max_args);
	if (rc == CLI_GO_ON && !*argc)
		return cli_usage_error(cli, "say which %s", what);
	return rc;
}

static int open_store(struct cli *cli, enum store_mode mode, struct store **out)
{
	struct swot_err err = {0};
	if (!(cli->cmd->flags & CLI_NEED_STORE)) {
		/* a command's row must say it uses the store */
		cli_error("%s: the command table does not give it the database",
			  cli->cmd->name);
		abort();
	}
	if (!cli->store && store_open_mode(cli->db_path, mode, &cli->store, &err)) {
		cli->store = NULL;
		return cli_fail(&err);
	}
	*out = cli->store;
	return SWOT_EXIT_OK;
}

int cli_open_store(struct cli *cli, struct store **out)
{
	return open_store(cli, cli->cmd->flags & CLI_READ_STORE ? STORE_READ : STORE_WRITE,
			  out);
}

int cli_open_store_read(struct cli *cli, struct store **out)
{
	return open_store(cli, STORE_READ, out);
}

int cli_check_stdout(int rc)
{
	const char *why = NULL;
	if (fflush(stdout))
		why = strerror(errno);
	else if (ferror(stdout))
		why = "unknown write error";
	if (fclose(stdout) && !why)
		why = strerror(errno);
	if (!why)
		return rc;
	cli_error("write failure on standard output: %s", why);
	return SWOT_EXIT_FAIL;
}

int cli_run(const struct cli_command *cmd, int argc, char **argv, struct cli *cli)
{
	cli->cmd = cmd;
	int rc = cmd->fn(argc, argv, cli);
	if (cli->store) {
		store_close(cli->store);
		cli->store = NULL;
	}
	return cli_check_stdout(rc);
}

/* The readline history of a database: next to it; caller frees. */
static char *history_path(const char *db)
{
	return xasprintf("%s.history", db);
}

int cli_run_session(struct cli *cli, struct session_opts *o, int64_t started)
{
	struct store *s;
	struct swot_err err = {0};
	int rc = cli_open_store(cli, &s);
	if (rc)
		return rc;
	char *hist = history_path(cli->db_path);
	struct lineinput *li = lineinput_new(stdin, stdout, -1, hist);
	const char *timings = getenv("SWOT_TIMINGS");
	o->store = s;
	o->now = cli->now;
	o->color = cli->color && lineinput_interactive(li); /* none from a pipe */
	o->out = stdout;
	o->in = li;
	o->timings_path = timings && *timings ? timings : NULL;
	o->started_ns = started;
	if (session_run(o, NULL, &err)) {
		rc = cli_fail(&err);
	}
	lineinput_free(li);
	free(hist);
	return rc;
}
