/*
 * main.c: global options, the command table, and swot with no arguments.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "swot/cli.h"
#include "swot/clock.h"
#include "swot/version.h"

struct command {
	const char *name;
	cli_command_fn fn;
	const char *summary;
};

/* In the order `swot help` lists them. */
static const struct command commands[] = {
	{"import", cmd_import, "import FILE...          validate and import or update decks"},
	{"lint", cmd_lint, "lint FILE...            validate decks only; no database"},
	{"decks", cmd_decks, "decks [--json]          decks with new / learning / due / total, readiness"},
	{"review", cmd_review, "review [DECK]           today's due and new cards, at the prompt"},
	{"drill", cmd_drill, "drill DECK [--tag T] [--type K] [-n N]\n"
			     "                          extra practice; does not move the schedule"},
	{"exam", cmd_exam, "exam [DECK DATE [--time HH:MM] | DECK --clear]\n"
			   "                          set, clear or list exam dates"},
	{"readiness", cmd_readiness, "readiness [DECK] [--json] [--ascii]\n"
				     "                          predicted recall on exam day, by topic"},
	{"stats", cmd_stats, "stats [DECK] [--json] [--ascii]\n"
			     "                          reviews, retention, forecast, heatmap"},
	{"report", cmd_report, "report [DECK] --html FILE\n"
			       "                          a one-page progress report"},
	{"config", cmd_config, "config [--deck DECK] [KEY [VALUE | --unset]]\n"
			       "                          show or change scheduler settings"},
	{"export-reviews", cmd_export_reviews, "export-reviews [DECK]   the review log as FSRS-standard CSV"},
	{"import-reviews", cmd_import_reviews, "import-reviews FILE.csv [--json]\n"
					       "                          add a review history; replay it into the schedule"},
	{"test-fsrs", cmd_test_fsrs, "test-fsrs VECTORS.json  replay FSRS reference vectors"},
};

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("swot: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage(const char *usage)
{
	fprintf(stderr, "usage: swot %s\n", usage);
	return SWOT_EXIT_USAGE;
}

int cli_is_help(const char *arg)
{
	return !strcmp(arg, "-h") || !strcmp(arg, "--help");
}

int cli_help(const char *usage)
{
	printf("usage: swot %s\n", usage);
	return SWOT_EXIT_OK;
}

int cli_parse(int argc, char **argv, const struct cli_option *opts,
	      const char **args, int max_args, int *n_args, const char *usage)
{
	*n_args = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const struct cli_option *o;
		size_t len;
		if (cli_is_help(a))
			return cli_help(usage);
		if (a[0] != '-' || !a[1]) {
			if (*n_args == max_args) {
				cli_error("%s: unexpected argument '%s'", argv[0], a);
				return cli_usage(usage);
			}
			args[(*n_args)++] = a;
			continue;
		}
		for (o = opts; o->name; o++) {
			len = strlen(o->name);
			if (!strncmp(a, o->name, len) && (a[len] == '\0' || a[len] == '='))
				break;
		}
		if (!o->name) {
			cli_error("%s: unknown option %s", argv[0], a);
			return cli_usage(usage);
		}
		if (o->flag && a[len] == '\0') {
			*o->flag = 1;
		} else if (o->value && a[len] == '=') {
			*o->value = a + len + 1;
		} else if (o->value && i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			cli_error("%s: %s %s", argv[0], o->name,
				  o->value ? "needs a value" : "takes no value");
			return cli_usage(usage);
		}
	}
	return -1;
}

int cli_open_store(struct cli *cli, struct store **out)
{
	struct swot_err err = {0};
	if (store_open(cli->db_path, out, &err)) {
		cli_error("%s", err.msg);
		return SWOT_EXIT_FAIL;
	}
	return SWOT_EXIT_OK;
}

static void print_help(FILE *f)
{
	fprintf(f, "swot %s: revise set texts at the terminal\n\n"
		   "usage: swot [--db PATH] [--now TIME] COMMAND [ARGS]\n\n",
		SWOT_VERSION);
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(f, "  %s\n", commands[i].summary);
	fprintf(f, "  help                    this list\n\n"
		   "With no command, swot imports its shipped decks into an empty\n"
		   "database and starts today's review.\n\n"
		   "  --db PATH    the database (else $SWOT_DB, else\n"
		   "               $XDG_DATA_HOME/swot/swot.db)\n"
		   "  --now TIME   the clock: YYYY-MM-DD[THH:MM] (a date alone is noon)\n"
		   "               or Unix seconds (else $SWOT_NOW, else the real time)\n"
		   "  --version    swot's version\n\n"
		   "Exit status: 0 success, 1 failure, 2 usage error.\n");
}

/* The database path when neither --db nor $SWOT_DB gives one; caller frees. */
static char *default_db_path(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg)
		return xasprintf("%s/swot/swot.db", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.local/share/swot/swot.db", home && *home ? home : ".");
}

/* Takes --db and --now (and their VALUE) out of argv wherever they stand
 * before a "--", so `swot review --now ...` works as well as
 * `swot --now ... review`.  Returns the new argc, or -1 on a usage error. */
static int take_global_options(int argc, char **argv, const char **db,
			       const char **now)
{
	int out = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **dst = NULL;
		if (!strcmp(a, "--")) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (!strcmp(a, "--db"))
			dst = db;
		else if (!strcmp(a, "--now"))
			dst = now;
		else if (!strncmp(a, "--db=", 5)) {
			*db = a + 5;
			continue;
		} else if (!strncmp(a, "--now=", 6)) {
			*now = a + 6;
			continue;
		}
		if (!dst) {
			argv[out++] = argv[i];
			continue;
		}
		if (i + 1 >= argc) {
			cli_error("%s needs a value", a);
			return -1;
		}
		*dst = argv[++i];
	}
	argv[out] = NULL;
	return out;
}

/* swot with no command: import the shipped decks into an empty store, then
 * today's review. */
static int run_default(struct cli *cli)
{
	struct store *s;
	int empty = 0, rc;
	struct swot_err err = {0};
	if ((rc = cli_open_store(cli, &s)))
		return rc;
	if (store_is_empty(s, &empty, &err)) {
		cli_error("%s", err.msg);
		store_close(s);
		return SWOT_EXIT_FAIL;
	}
	if (empty)
		rc = cli_import_shipped(cli, s, stdout);
	store_close(s);
	if (rc)
		return rc;
	if (empty) /* a new student: say how a session works */
		printf("Type each answer and press Enter; :help lists the commands, "
		       ":quit stops.\n");
	char *argv[] = {(char *)"review", NULL};
	return cmd_review(1, argv, cli);
}

int main(int argc, char **argv)
{
	const char *db = getenv("SWOT_DB"), *now = getenv("SWOT_NOW");
	char *db_default = NULL;
	struct cli cli = {0};
	int rc;

	if (db && !*db)
		db = NULL;
	if (now && !*now)
		now = NULL;
	if ((argc = take_global_options(argc, argv, &db, &now)) < 0)
		return SWOT_EXIT_USAGE;
	if (argc > 1 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version"))) {
		printf("swot %s\n", SWOT_VERSION);
		return SWOT_EXIT_OK;
	}
	if (argc > 1 && (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
			 !strcmp(argv[1], "-h"))) {
		print_help(stdout);
		return SWOT_EXIT_OK;
	}

	cli.db_path = db ? db : (db_default = default_db_path());
	cli.now = (int64_t)time(NULL);
	if (now) {
		struct swot_err err = {0};
		char noon[32];
		/* A date alone means that day at noon: its midnight would fall
		 * before the rollover hour, in the learning day before. */
		if (strlen(now) == 10 && now[4] == '-' && now[7] == '-') {
			snprintf(noon, sizeof noon, "%sT12:00", now);
			now = noon;
		}
		if (clock_parse(now, &cli.now, &err)) {
			cli_error("--now: %s", err.msg);
			free(db_default);
			return SWOT_EXIT_USAGE;
		}
		cli.now_given = 1;
	}
	const char *no_color = getenv("NO_COLOR");
	cli.color = isatty(STDOUT_FILENO) && !(no_color && *no_color);

	if (argc < 2) {
		rc = run_default(&cli);
		goto out;
	}
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
		if (!strcmp(argv[1], commands[i].name)) {
			rc = commands[i].fn(argc - 1, argv + 1, &cli);
			goto out;
		}
	}
	cli_error("'%s' is not a swot command; see 'swot help'", argv[1]);
	rc = SWOT_EXIT_USAGE;
out:
	free(db_default);
	return rc;
}
