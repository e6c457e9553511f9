/*
 * cli.h: what main.c hands every command, and the helpers commands share.
 * Only main.c and cmd_*.c print errors or exit.
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

struct cli {
	const char *db_path; /* --db, $SWOT_DB or the default */
	int64_t now;         /* --now, $SWOT_NOW or the real clock */
	int now_given;       /* the clock was set by --now or $SWOT_NOW */
	int color;           /* stdout is a terminal and NO_COLOR is unset */
};

/* A command: argv[0] is its name; the global options are already gone.
 * Returns the exit status. */
typedef int (*cli_command_fn)(int argc, char **argv, struct cli *cli);

/* Prints "swot: <message>" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "usage: swot <usage>" to stderr and returns SWOT_EXIT_USAGE. */
int cli_usage(const char *usage);

/* Whether arg asks for help: "-h" or "--help". */
int cli_is_help(const char *arg);

/* Prints "usage: swot <usage>" to stdout (asked for with --help) and
 * returns SWOT_EXIT_OK. */
int cli_help(const char *usage);

/* An option a command takes: a flag ("--json": *flag becomes 1) or one
 * with a value ("--html FILE" or "--html=FILE": *value points into argv). */
struct cli_option {
	const char *name;
	int *flag;
	const char **value;
};

/*
 * Parses argv[1..] against opts (ended by an entry with a NULL name) and at
 * most max_args arguments, stored in args[] with their count in *n_args.
 * "-h" and "--help" print "usage: swot <usage>" to stdout.  Returns -1 when
 * the command should go on, else the exit status to return now (after a
 * usage error has been printed, or the help).
 */
int cli_parse(int argc, char **argv, const struct cli_option *opts,
	      const char **args, int max_args, int *n_args, const char *usage);

/* Opens the store, printing any error.  Returns SWOT_EXIT_OK or _FAIL. */
int cli_open_store(struct cli *cli, struct store **out);

/* Imports the decks shipped inside swot into s (used when the store is
 * empty), printing what it did to out.  Returns an exit status. */
int cli_import_shipped(struct cli *cli, struct store *s, FILE *out);

struct session_opts;
/* Runs a review or drill session with o (deck and drill fields set by
 * the command) on the store, stdin and stdout, printing any error.
 * started is session_clock_ns() when the command began.  Returns an exit
 * status.  In cmd_review.c. */
int cli_run_session(struct cli *cli, struct session_opts *o, int64_t started);

/* The commands, one per src/cmd_<name>.c. */
int cmd_import(int argc, char **argv, struct cli *cli);
int cmd_import_reviews(int argc, char **argv, struct cli *cli);
int cmd_lint(int argc, char **argv, struct cli *cli);
int cmd_decks(int argc, char **argv, struct cli *cli);
int cmd_review(int argc, char **argv, struct cli *cli);
int cmd_drill(int argc, char **argv, struct cli *cli);
int cmd_exam(int argc, char **argv, struct cli *cli);
int cmd_readiness(int argc, char **argv, struct cli *cli);
int cmd_stats(int argc, char **argv, struct cli *cli);
int cmd_report(int argc, char **argv, struct cli *cli);
int cmd_config(int argc, char **argv, struct cli *cli);
int cmd_export_reviews(int argc, char **argv, struct cli *cli);
int cmd_test_fsrs(int argc, char **argv, struct cli *cli);

#endif
