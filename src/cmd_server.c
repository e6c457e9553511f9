/*
 * cmd_server.c: swot server init|add-class|add-student|publish URL ...:
 * setting up a school's PostgreSQL server, with a URL whose login may
 * create schemas and roles, and publishing a deck to a class, with its
 * teacher's.  Each person added gets a login and a connection
 * URL holding a new password, printed here once and never again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "swot/cli.h"
#include "swot/deck.h"
#include "swot/server.h"
#include "swot/textout.h"

/* Connects to url for a server command, saying why not. */
static int connect_admin(const char *url, struct server **out)
{
	struct swot_err err = {0};
	if (server_connect(url, NULL, out, &err)) {
		cli_error("%s", err.msg);
		return SWOT_EXIT_FAIL;
	}
	return SWOT_EXIT_OK;
}

static int server_init_cmd(struct cli *cli, int argc, char **argv)
{
	struct server *s;
	struct swot_err err = {0};
	int from, to, rc;
	if (argc != 1)
		return cli_usage_error(cli, "init takes the server's URL only");
	if ((rc = connect_admin(argv[0], &s)))
		return rc;
	if (server_init(s, &from, &to, &err)) {
		cli_error("%s", err.msg);
		rc = SWOT_EXIT_FAIL;
	} else if (from == to) {
		printf("%s: swot's schema is up to date (version %d)\n", server_where(s), to);
	} else {
		printf("%s: swot's schema %s (version %d)\n", server_where(s),
		       from ? "updated" : "created", to);
	}
	server_close(s);
	return rc;
}

/* A login as JSON: {"class":..., KEY: name, "login":..., "created":...,
 * "url": ... or null}. */
static void print_login_json(const char *cls, const char *key,
			     const struct server_login *l)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "{\"class\": ");
	textout_json_str(&sb, cls);
	strbuf_addf(&sb, ", \"%s\": ", key);
	textout_json_str(&sb, l->name);
	strbuf_adds(&sb, ", \"login\": ");
	textout_json_str(&sb, l->login);
	strbuf_addf(&sb, ", \"created\": %s, \"url\": ", l->created ? "true" : "false");
	if (l->url)
		textout_json_str(&sb, l->url);
	else
		strbuf_adds(&sb, "null");
	strbuf_adds(&sb, "}\n");
	fputs(sb.buf, stdout);
	memset(sb.buf, 0, sb.len); /* it held a password */
	strbuf_release(&sb);
}

/* The new login's URL, once, or where the person's address is. */
static void print_url(const struct server_login *l)
{
	if (l->url)
		printf("Give %s this address (it holds their new password and is not "
		       "shown again):\n  %s\n", l->name, l->url);
	else
		printf("%s has a login already (%s): they keep the address they were "
		       "given.\n", l->name, l->login);
}

/* Adds class argv[1] taught by teacher, or, teacher NULL, student argv[2]
 * to it, on the server at argv[0]; prints the login made or found. */
static int add_login(char **argv, const char *teacher, int json)
{
	struct server *s;
	struct server_login l;
	struct swot_err err = {0};
	int rc;
	if ((rc = connect_admin(argv[0], &s)))
		return rc;
	if (teacher ? server_add_class(s, argv[1], teacher, &l, &err)
		    : server_add_student(s, argv[1], argv[2], &l, &err)) {
		cli_error("%s", err.msg);
		server_close(s);
		return SWOT_EXIT_FAIL;
	}
	if (json)
		print_login_json(argv[1], teacher ? "teacher" : "name", &l);
	else if (teacher)
		printf("class %s on %s: %s, taught by %s (login %s)\n", argv[1],
		       server_where(s), l.created ? "created" : "already there", l.name,
		       l.login);
	else
		printf("%s (login %s) %s class %s\n", l.name, l.login,
		       l.created ? "joined" : "was already in", argv[1]);
	if (!json)
		print_url(&l);
	server_login_release(&l);
	server_close(s);
	return SWOT_EXIT_OK;
}

static int server_add_class_cmd(struct cli *cli, int argc, char **argv, int json,
				const char *teacher)
{
	if (argc != 2)
		return cli_usage_error(cli, "add-class takes the server's URL and a class name");
	if (!teacher)
		return cli_usage_error(cli, "say who teaches the class: --teacher NAME");
	return add_login(argv, teacher, json);
}

static int server_add_student_cmd(struct cli *cli, int argc, char **argv, int json)
{
	if (argc != 3)
		return cli_usage_error(cli, "add-student takes the server's URL, a class "
					    "and the student's name (or login)");
	return add_login(argv, NULL, json);
}

/* The deck at path, checked as swot lint checks it, published to a
 * class: what is checked is the text sent, read once. */
static int server_publish_cmd(struct cli *cli, int argc, char **argv)
{
	struct server *s = NULL;
	struct deck_problems p;
	struct swot_err err = {0};
	struct deck *d = NULL;
	char *text = NULL;
	size_t len = 0;
	int version, rc = SWOT_EXIT_FAIL;
	if (argc != 3)
		return cli_usage_error(cli, "publish takes the server's URL, a class and a "
					    "deck file");
	deck_problems_init(&p);
	if (read_file(argv[2], SWOT_DECK_MAX_BYTES, &text, &len, &err)) {
		cli_error("%s", err.msg);
		goto out;
	}
	if (!(d = deck_load_buffer(argv[2], text, len, &p))) {
		cli_print_problems(&p);
		cli_error("nothing published: %s has problems (swot lint shows them too)",
			  argv[2]);
		goto out;
	}
	if (connect_admin(argv[0], &s))
		goto out;
	if (server_publish(s, argv[1], d->id, text, &version, &err)) {
		cli_error("%s", err.msg);
		goto out;
	}
	printf("published %s (\"%s\") to class %s on %s: version %d; its students "
	       "get it on their next sync\n", d->id, d->title, argv[1], server_where(s),
	       version);
	rc = SWOT_EXIT_OK;
out:
	server_close(s);
	deck_free(d);
	deck_problems_release(&p);
	free(text);
	return rc;
}

void cmd_server_help(FILE *out)
{
	fprintf(out,
		"\n"
		"  init URL                  create or update swot's schema, roles and\n"
		"                            row-level security on the server\n"
		"  add-class URL CLASS --teacher NAME [--json]\n"
		"                            a class, and a login for its teacher if new\n"
		"  add-student URL CLASS NAME [--json]\n"
		"                            a login for a student in CLASS (NAME a login\n"
		"                            already there: that student joins CLASS)\n"
		"  publish URL CLASS DECK.json\n"
		"                            the deck, checked as swot lint does, to CLASS:\n"
		"                            a new version its students get on their next\n"
		"                            sync (URL: the class's teacher)\n"
		"\n"
		"URL is postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=...],\n"
		"a login that may create schemas and roles (publish: the class's teacher).  A new login's address,\n"
		"with its password, is printed once: hand it to its owner.\n");
}

int cmd_server(int argc, char **argv, struct cli *cli)
{
	int json = 0;
	const char *teacher = NULL;
	const struct cli_opt opts[] = {
		OPT_BOOL("--json", &json),
		OPT_STRING("--teacher", &teacher),
		OPT_END(),
	};
	int rc = cli_parse_options(cli, &argc, argv, opts, CLI_ANY_ARGS);
	if (rc != CLI_GO_ON)
		return rc;
	if (!argc)
		return cli_usage_error(cli, "say what to do: init, add-class, add-student or "
					    "publish");
	const char *what = argv[0];
	if (teacher && strcmp(what, "add-class"))
		return cli_usage_error(cli, "--teacher goes with add-class");
	if (!strcmp(what, "init"))
		return server_init_cmd(cli, argc - 1, argv + 1);
	if (!strcmp(what, "add-class"))
		return server_add_class_cmd(cli, argc - 1, argv + 1, json, teacher);
	if (!strcmp(what, "add-student"))
		return server_add_student_cmd(cli, argc - 1, argv + 1, json);
	if (!strcmp(what, "publish"))
		return server_publish_cmd(cli, argc - 1, argv + 1);
	return cli_usage_error(cli, "'%s' is not a server command (init, add-class, "
				    "add-student, publish)", what);
}
