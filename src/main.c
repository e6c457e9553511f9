/*
 * main.c: global options, the command table, and swot with no arguments.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "swot/cli.h"
#include "swot/clock.h"
#include "swot/version.h"

/* In the order `swot help` lists them. */
static const struct cli_command commands[] = {
	{"import", cmd_import, CLI_NEED_STORE, "import [--typed] FILE...",
	 "import FILE...          validate and import or update decks (JSON, CSV/TSV,\n"
	 "                          Quizlet text, Anki .apkg/.colpkg)", NULL},
	{"add", cmd_add, CLI_NEED_STORE, "add [DECK...]",
	 "add [DECK...]           add decks that come with swot (decks --available)", NULL},
	{"lint", cmd_lint, 0, "lint [--source TEXT] FILE...",
	 "lint [--source TEXT] FILE...\n"
	 "                          validate decks only; no database; with --source,\n"
	 "                          check every quotation against the set text", NULL},
	{"preview", cmd_preview, 0, "preview FILE [--type K] [--note ID] [--json] [--typed]",
	 "preview FILE [--type K] [--note ID] [--json]\n"
	 "                          every question a deck asks, as a student sees it", NULL},
	{"convert", cmd_convert, 0, "convert FILE --to json|csv [-o OUT] [--typed]",
	 "convert FILE --to json|csv [-o OUT]\n"
	 "                          a CSV/TSV sheet, Quizlet export or Anki package as\n"
	 "                          deck JSON, or a deck as a sheet", NULL},
	{"decks", cmd_decks, CLI_NEED_STORE,
	 "decks [--json] | decks --available | decks --remove DECK [--yes]",
	 "decks [--json]          decks with new / learning / due / total, readiness\n"
	 "  decks --available       the decks that come with swot\n"
	 "  decks --remove DECK     stop asking a deck (its history is kept)", NULL},
	{"review", cmd_review, CLI_NEED_STORE, "review [DECK]",
	 "review [DECK]           today's due and new cards, at the prompt", NULL},
	{"drill", cmd_drill, CLI_NEED_STORE,
	 "drill [DECK] [--tag T] [--type quote|character|theme|card] [-n N]",
	 "drill [DECK] [--tag T] [--type K] [-n N]\n"
	 "                          extra practice; does not move the schedule", NULL},
	{"cards", cmd_cards, CLI_NEED_STORE,
	 "cards [DECK] [--search TEXT] [--due | --new | --learning | --suspended | --leeches]\n"
	 "                  [--tag T] [--type K] [--json]",
	 "cards [DECK] [--search TEXT] [--due|--new|--learning|--suspended|--leeches]\n"
	 "        [--tag T] [--type K] [--json]\n"
	 "                          list cards: state, due, stability, recall", NULL},
	{"card", cmd_card, CLI_NEED_STORE, "card ID",
	 "card ID                 one card: as asked, its memory, every review", NULL},
	{"suspend", cmd_suspend, CLI_NEED_STORE, "suspend ID... | suspend --search TEXT",
	 "suspend ID... | --search TEXT\n"
	 "                          never ask these cards (until unsuspend)", NULL},
	{"unsuspend", cmd_unsuspend, CLI_NEED_STORE, "unsuspend ID... | unsuspend --search TEXT",
	 "unsuspend ID... | --search TEXT\n"
	 "                          ask them again", NULL},
	{"forget", cmd_forget, CLI_NEED_STORE, "forget ID...",
	 "forget ID...            reset cards to new (their history is kept)", NULL},
	{"exam", cmd_exam, CLI_NEED_STORE,
	 "exam [DECK YYYY-MM-DD|'14 May 2027' [--time HH:MM] | DECK --clear]",
	 "exam [DECK DATE [--time HH:MM] | DECK --clear]\n"
	 "                          set, clear or list exam dates", NULL},
	{"readiness", cmd_readiness, CLI_NEED_STORE | CLI_READ_STORE, "readiness [DECK] [--json] [--ascii]",
	 "readiness [DECK] [--json] [--ascii]\n"
	 "                          predicted recall on exam day, by topic", NULL},
	{"stats", cmd_stats, CLI_NEED_STORE | CLI_READ_STORE, "stats [DECK] [--json] [--ascii]",
	 "stats [DECK] [--json] [--ascii]\n"
	 "                          reviews, retention, forecast, heatmap", NULL},
	{"report", cmd_report, CLI_NEED_STORE | CLI_READ_STORE, "report [DECK] --html FILE",
	 "report [DECK] --html FILE\n"
	 "                          a one-page progress report", NULL},
	{"config", cmd_config, CLI_NEED_STORE, "config [--deck DECK] [KEY [VALUE... | --unset]]",
	 "config [--deck DECK] [KEY [VALUE | --unset]]\n"
	 "                          show or change scheduler settings", cmd_config_help},
	{"export-reviews", cmd_export_reviews, CLI_NEED_STORE | CLI_READ_STORE, "export-reviews [DECK]",
	 "export-reviews [DECK]   the review log as FSRS-standard CSV", NULL},
	{"optimize", cmd_optimize, CLI_NEED_STORE,
	 "optimize [DECK] [--json] [--apply]\n"
	 "       swot optimize --reviews FILE.csv [--rollover-hour H] [--utc-offset MINUTES]\n"
	 "                     [--evaluate W] [--json]",
	 "optimize [DECK] [--json] [--apply]\n"
	 "                          fit the FSRS weights to your reviews", cmd_optimize_help},
	{"import-reviews", cmd_import_reviews, CLI_NEED_STORE,
	 "import-reviews FILE.csv|FILE.apkg|FILE.colpkg [--json]",
	 "import-reviews FILE [--json]\n"
	 "                          add a review history (CSV or Anki) and replay it", NULL},
	{"export-progress", cmd_export_progress, CLI_NEED_STORE,
	 "export-progress [DECK] --name NAME [-o FILE] [--reviews]",
	 "export-progress [DECK] --name NAME [-o FILE] [--reviews]\n"
	 "                          your progress as a file for your teacher", NULL},
	{"class", cmd_class, 0,
	 "class FILE... | --server URL [CLASS...] [--deck DECK] [--at DATE]\n"
	 "                  [--threshold PCT] [--json] [--html OUT] [--strict] [--ascii]",
	 "class FILE... | --server URL [CLASS...] [--json] [--html OUT]\n"
	 "                          a teacher's view of a class: progress files, or\n"
	 "                          the school's server", NULL},
	{"sync", cmd_sync, CLI_NEED_STORE, "sync [--server URL]",
	 "sync [--server URL]     send your answers to your school's server and get\n"
	 "                          your classes' decks (the URL is remembered)", NULL},
	{"server", cmd_server, 0,
	 "server init URL | server add-class URL CLASS --teacher NAME [--json]\n"
	 "       swot server add-student URL CLASS NAME [--json]\n"
	 "       swot server publish URL CLASS DECK.json",
	 "server init|add-class|add-student|publish URL ...\n"
	 "                          set up a school's PostgreSQL server: schema,\n"
	 "                          classes, logins; publish a deck to a class",
	 cmd_server_help},
	{"test-fsrs", cmd_test_fsrs, 0, "test-fsrs [--repeat N] VECTORS.json",
	 "test-fsrs VECTORS.json  replay FSRS reference vectors", NULL},
};

static int cmd_default(int argc, char **argv, struct cli *cli);

/* swot with no command: its duties and usage are review's. */
static const struct cli_command default_command = {
	"review", cmd_default, CLI_NEED_STORE, "review [DECK]", NULL, NULL,
};

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
		   "Exit status: 0 success, 1 failure, 2 usage error.\n\n");
	/* the template of an installed swot, else the one in its sources */
	char *template = xasprintf("%s/decks/template.json", swot_datadir);
	if (access(template, R_OK))
		fprintf(f, "To write a deck, start from decks/template.json in swot's "
			   "sources\n(schema/README.md explains the format).\n");
	else
		fprintf(f, "To write a deck, start from the template:\n  %s\n"
			   "(%s/schema/README.md explains the format).\n",
			template, swot_datadir);
	free(template);
}

/*
 * The database path when neither --db nor $SWOT_DB gives one, or NULL
 * (after saying why) when there is no home to put it in: never the current
 * folder, which would scatter databases wherever swot is run.  Caller
 * frees.
 */
static char *default_db_path(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg)
		return xasprintf("%s/swot/swot.db", xdg);
	const char *home = getenv("HOME");
	if (!home || !*home) {
		/* as a login would set it: the password database's home */
		struct passwd *pw = getpwuid(getuid());
		home = pw && pw->pw_dir && *pw->pw_dir ? pw->pw_dir : NULL;
	}
	if (!home) {
		cli_error("no home folder for the database ($HOME is not set): "
			  "give --db PATH");
		return NULL;
	}
	return xasprintf("%s/.local/share/swot/swot.db", home);
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
			if (!**db) {
				cli_error("--db needs a path: '' is no file");
				return -1;
			}
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
		if (dst == db && !**dst) {
			cli_error("--db needs a path: '' is no file");
			return -1;
		}
	}
	argv[out] = NULL;
	return out;
}

/* swot with no command: on an empty store, the shipped decks to choose
 * from; then today's review. */
static int cmd_default(int argc, char **argv, struct cli *cli)
{
	struct store *s;
	int empty = 0, rc;
	struct swot_err err = {0};
	if ((rc = cli_open_store(cli, &s)))
		return rc;
	if (store_is_empty(s, &empty, &err)) {
		cli_error("%s", err.msg);
		return SWOT_EXIT_FAIL;
	}
	if (empty) { /* a new student: which decks, then how a session works */
		if ((rc = cli_choose_shipped(cli, s)))
			return rc;
		if (store_is_empty(s, &empty, &err)) {
			cli_error("%s", err.msg);
			return SWOT_EXIT_FAIL;
		}
		if (empty)
			return SWOT_EXIT_OK;
		printf("Type each answer and press Enter; :help lists the commands, "
		       ":quit stops.\n");
	}
	return cmd_review(argc, argv, cli);
}

int main(int argc, char **argv)
{
	const char *db = getenv("SWOT_DB"), *now = getenv("SWOT_NOW");
	char *db_default = NULL;
	struct cli cli = {0};
	int rc;

	if (now && !*now)
		now = NULL;
	if ((argc = take_global_options(argc, argv, &db, &now)) < 0)
		return SWOT_EXIT_USAGE;
	if (argc > 1 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version"))) {
		printf("swot %s\n", SWOT_VERSION);
		return cli_check_stdout(SWOT_EXIT_OK);
	}
	if (argc > 1 && (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
			 !strcmp(argv[1], "-h"))) {
		print_help(stdout);
		return cli_check_stdout(SWOT_EXIT_OK);
	}

	if (db && !*db) {
		/* an empty path would be a temporary database, gone at exit */
		cli_error("$SWOT_DB is empty: set it to the database's path, or unset it");
		return SWOT_EXIT_FAIL;
	}
	if (!db && !(db = db_default = default_db_path()))
		return SWOT_EXIT_FAIL;
	cli.db_path = db;
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
		char *review[] = {(char *)"review", NULL};
		rc = cli_run(&default_command, 1, review, &cli);
		goto out;
	}
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
		if (!strcmp(argv[1], commands[i].name)) {
			rc = cli_run(&commands[i], argc - 1, argv + 1, &cli);
			goto out;
		}
	}
	cli_error("'%s' is not a swot command; see 'swot help'", argv[1]);
	rc = SWOT_EXIT_USAGE;
out:
	free(db_default);
	return rc;
}
