/*
 * cli.h: the command line: the command table and its duties, the option
 * parser every command uses, and the helpers commands share (in cli.c).
 * Only main.c, cli.c and cmd_*.c print errors or exit.
 *
 * A new command is one src/cmd_<name>.c defining
 *
 *	int cmd_frob(int argc, char **argv, struct cli *cli)
 *	{
 *		int json = 0;
 *		const char *deck = NULL;
 *		const struct cli_opt opts[] = {
 *			OPT_BOOL("--json", &json),
 *			OPT_END(),
 *		};
 *		int rc = cli_parse_options(cli, &argc, argv, opts, 1);
 *		if (rc != CLI_GO_ON)
 *			return rc;            // --help shown, or a usage error
 *		if (argc)
 *			deck = argv[0];       // the arguments, options gone
 *		struct store *s;
 *		if ((rc = cli_open_store(cli, &s)))
 *			return rc;
 *		...                           // print to stdout; no store_close
 *		return SWOT_EXIT_OK;
 *	}
 *
 * plus its declaration below and one row in main.c's commands[]:
 *
 *	{"frob", cmd_frob, CLI_NEED_STORE, "frob [DECK] [--json]",
 *	 "frob [DECK] [--json]    what it does, in one line", NULL},
 *
 * The table does the plumbing once: the store is opened on the command's
 * first cli_open_store and closed after it returns; after every command
 * stdout is flushed and closed, and a write failure (a full disk, a
 * closed pipe) is reported as "swot: write failure on standard output:
 * ..." with exit status 1.  Usage errors all read
 *
 *	swot: frob: unknown option --jsn
 *	usage: swot frob [DECK] [--json]
 *
 * with exit status 2; --help and -h print the usage to stdout, exit 0.
 */
#ifndef SWOT_CLI_H
#define SWOT_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "swot/store.h"

/* Exit statuses. */
#define SWOT_EXIT_OK 0
#define SWOT_EXIT_FAIL 1
#define SWOT_EXIT_USAGE 2

struct cli;

/* A command: argv[0] is its name; the global options are already gone.
 * Returns the exit status. */
typedef int (*cli_command_fn)(int argc, char **argv, struct cli *cli);

/* What a command needs done around it (cli_command.flags). */
enum {
	/* Works on the database: cli_open_store opens it (once), and it is
	 * closed after the command returns. */
	CLI_NEED_STORE = 1 << 0,
	/* Only reads the database: a database swot may not write (a
	 * read-only file or folder) is opened read-only (STORE_READ). */
	CLI_READ_STORE = 1 << 1,
};

/* A row of the command table (main.c). */
struct cli_command {
	const char *name;
	cli_command_fn fn;
	unsigned flags;      /* CLI_* */
	const char *usage;   /* after "usage: swot ", e.g. "stats [DECK] [--json]" */
	const char *summary; /* its lines in 'swot help', usage first */
	/* More for --help after the usage line, or NULL. */
	void (*help)(FILE *out);
};

struct cli {
	const char *db_path; /* --db, $SWOT_DB or the default */
	int64_t now;         /* --now, $SWOT_NOW or the real clock */
	int now_given;       /* the clock was set by --now or $SWOT_NOW */
	int color;           /* stdout is a terminal and NO_COLOR is unset */
	const struct cli_command *cmd; /* the command running */
	struct store *store; /* opened by cli_open_store; closed by cli_run */
};

/*
 * Runs cmd (argv[0] is its name) with its duties: the store closed after
 * it, stdout checked and closed.  Returns the exit status.
 */
int cli_run(const struct cli_command *cmd, int argc, char **argv, struct cli *cli);

/*
 * Flushes and closes stdout.  Returns rc, or SWOT_EXIT_FAIL after printing
 * "swot: write failure on standard output: <why>" when what was written
 * did not all arrive (Git's rule: a command whose output was lost has
 * failed, whatever it thinks).  cli_run calls it after every command.
 */
int cli_check_stdout(int rc);

/* Prints "swot: <message>" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints err's message as cli_error does; returns SWOT_EXIT_FAIL. */
int cli_fail(const struct swot_err *err);

/* Prints "swot: <command>: <message>" and "usage: swot <usage>" to stderr
 * and returns SWOT_EXIT_USAGE: every usage error reads so. */
int cli_usage_error(const struct cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prints "usage: swot <usage>" to stderr and returns SWOT_EXIT_USAGE. */
int cli_usage(const struct cli *cli);

struct deck_problems;
/* Prints a deck file's problems to stderr, one a line, as the deck module
 * wrote them ("file:line:column: what"). */
void cli_print_problems(const struct deck_problems *p);

/* ---- options ---- */

enum cli_opt_type { CLI_OPT_END, CLI_OPT_BOOL, CLI_OPT_STRING, CLI_OPT_INT };

/* An option a command takes; declare a table ended by OPT_END(). */
struct cli_opt {
	enum cli_opt_type type;
	const char *name; /* "--json", "-n": as typed */
	void *value;      /* int * (BOOL: set to 1; INT), const char ** (STRING) */
	long min, max;    /* INT: the allowed range */
};
/* "--json": *p becomes 1. */
#define OPT_BOOL(name, p) { CLI_OPT_BOOL, (name), (int *){p}, 0, 0 }
/* "--tag T" or "--tag=T": *p points at T (in argv); the last one counts. */
#define OPT_STRING(name, p) { CLI_OPT_STRING, (name), (const char **){p}, 0, 0 }
/* "-n N" or "-n=N": *p becomes N, a whole number from lo to hi. */
#define OPT_INT(name, p, lo, hi) { CLI_OPT_INT, (name), (int *){p}, (lo), (hi) }
#define OPT_END() { CLI_OPT_END, NULL, NULL, 0, 0 }

/* cli_parse_options: the command goes on. */
#define CLI_GO_ON (-1)
/* cli_parse_options' max_args: any number of arguments. */
#define CLI_ANY_ARGS (-1)

/*
 * Parses the command's argv (argv[0] its name) against opts.  Options may
 * stand anywhere before a "--"; an argument "-" or starting "-" and a
 * digit (a negative number) is not an option.  On success returns
 * CLI_GO_ON with the arguments that are not options, in order, in
 * argv[0..*argc) (argv[*argc] is NULL).  Otherwise returns the exit status
 * to return at once: SWOT_EXIT_OK after --help or -h printed the usage
 * (and the command's help) to stdout, SWOT_EXIT_USAGE after a usage error
 * (an unknown option, a missing or bad value, more than max_args
 * arguments unless max_args is CLI_ANY_ARGS) was printed.
 */
int cli_parse_options(struct cli *cli, int *argc, char **argv,
		      const struct cli_opt *opts, int max_args);
/* cli_parse_options for a command that reads files: with no argument, the
 * usage error "say which <what>" (what: "deck files to check"). */
int cli_parse_files(struct cli *cli, int *argc, char **argv,
		    const struct cli_opt *opts, int max_args, const char *what);

/* ---- the store and sessions ---- */

/* What a command that shows a deck or every deck was asked for. */
struct cli_view {
	const char *deck; /* NULL: every deck */
	int json;         /* --json, else text */
	int ascii;        /* --ascii: text without block characters */
};
/* Writes what the command shows into sb. */
typedef int (*cli_view_fn)(struct store *s, const struct cli_view *v, int64_t now,
			   struct strbuf *sb, struct swot_err *err);
/*
 * Runs a command that shows a deck or every deck, "NAME [DECK] [--json]
 * [--ascii]": parses its options, opens the store, and prints what fn
 * writes, or fn's error.  Returns the exit status.
 */
int cli_show(struct cli *cli, int argc, char **argv, cli_view_fn fn);

/*
 * The command's store in *out, opened on the first call (at cli->db_path)
 * and the same handle after; cli_run closes it when the command returns.
 * Prints any error.  Returns SWOT_EXIT_OK or SWOT_EXIT_FAIL.  Only for a
 * command whose row has CLI_NEED_STORE.
 */
int cli_open_store(struct cli *cli, struct store **out);
/* cli_open_store for a use that only reads, in a command that may also
 * write (decks lists, decks --remove writes): as with CLI_READ_STORE. */
int cli_open_store_read(struct cli *cli, struct store **out);

struct deck;
/* The decks shipped inside swot, parsed, in *out (*n of them, in the order
 * swot lists them); the caller frees them with cli_shipped_free.  Says
 * what is wrong (and returns SWOT_EXIT_FAIL) if one is broken. */
int cli_shipped_decks(struct deck ***out, size_t *n);
void cli_shipped_free(struct deck **decks, size_t n);

/* Imports the shipped decks named in names[0..n_names) (their ids, or
 * their numbers in that order; NULL names: every one) into s, saying what
 * it did on out; an unknown name fails, naming the decks there are. */
int cli_add_shipped(struct cli *cli, struct store *s, char *const *names, size_t n_names,
		    FILE *out);

/* The shipped decks as a table for a student (number, id, title, cards,
 * boards; "(added)" by those whose id is in added, which may be NULL). */
void cli_shipped_table(struct strbuf *sb, struct deck **decks, size_t n,
		       const struct strlist *added);

/* Shows the shipped decks and, on a terminal, asks which to add to s (a
 * new student's first question); from a pipe, says how to add one. */
int cli_choose_shipped(struct cli *cli, struct store *s);

struct deck_convert_report;
/* Prints what a conversion read ("FILE: read as Anki package: 22 notes,
 * 0 images, sounds and media files dropped") to f; nothing for JSON.  In
 * cmd_convert.c. */
void cli_print_conversion(FILE *f, const char *path, const struct deck_convert_report *r);

/* After a review: a quiet swot sync when the setting sync-after-review is
 * on and a server is set; one line on stderr when it fails (the review
 * itself has succeeded all the same).  In cmd_sync.c. */
void cli_sync_after_review(struct cli *cli);

struct session_opts;
/* Runs a review or drill session with o (deck and drill fields set by
 * the command) on the store, stdin and stdout, printing any error.
 * started is session_clock_ns() when the command began.  Returns an exit
 * status. */
int cli_run_session(struct cli *cli, struct session_opts *o, int64_t started);

/* The commands, one per src/cmd_<name>.c. */
int cmd_import(int argc, char **argv, struct cli *cli);
int cmd_import_reviews(int argc, char **argv, struct cli *cli);
int cmd_optimize(int argc, char **argv, struct cli *cli);
void cmd_optimize_help(FILE *out);
int cmd_lint(int argc, char **argv, struct cli *cli);
int cmd_preview(int argc, char **argv, struct cli *cli);
int cmd_convert(int argc, char **argv, struct cli *cli);
int cmd_decks(int argc, char **argv, struct cli *cli);
int cmd_add(int argc, char **argv, struct cli *cli);
int cmd_cards(int argc, char **argv, struct cli *cli);
int cmd_card(int argc, char **argv, struct cli *cli);
int cmd_suspend(int argc, char **argv, struct cli *cli);
int cmd_unsuspend(int argc, char **argv, struct cli *cli);
int cmd_forget(int argc, char **argv, struct cli *cli);
int cmd_review(int argc, char **argv, struct cli *cli);
int cmd_drill(int argc, char **argv, struct cli *cli);
int cmd_exam(int argc, char **argv, struct cli *cli);
int cmd_readiness(int argc, char **argv, struct cli *cli);
int cmd_stats(int argc, char **argv, struct cli *cli);
int cmd_report(int argc, char **argv, struct cli *cli);
int cmd_config(int argc, char **argv, struct cli *cli);
void cmd_config_help(FILE *out);
int cmd_export_reviews(int argc, char **argv, struct cli *cli);
int cmd_export_progress(int argc, char **argv, struct cli *cli);
int cmd_class(int argc, char **argv, struct cli *cli);
int cmd_server(int argc, char **argv, struct cli *cli);
int cmd_sync(int argc, char **argv, struct cli *cli);
void cmd_server_help(FILE *out);
int cmd_test_fsrs(int argc, char **argv, struct cli *cli);

#endif
