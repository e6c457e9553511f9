/*
 * server.c: connecting to a school's PostgreSQL server, running bound
 * statements on it, and its schema migrations (schema/server/NNNN_*.sql,
 * embedded in order, each in its own transaction with its row in
 * swot.schema_version).
 */
#include "server_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "swot/embedded.h"

/* pg_advisory_xact_lock's key for migrations: "swot" in ASCII. */
#define SERVER_MIGRATION_LOCK "1937207156"

/* The first line of a libpq message, without its "FATAL:  " or "ERROR:  "
 * and trailing newline, into buf. */
static void first_line(const char *msg, char *buf, size_t size)
{
	static const char *const levels[] = {"FATAL:  ", "ERROR:  "};
	for (size_t i = 0; i < sizeof levels / sizeof *levels; i++)
		if (!strncmp(msg, levels[i], strlen(levels[i])))
			msg += strlen(levels[i]);
	size_t n = strcspn(msg, "\n");
	snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), msg);
}

/* "host:port/database", the socket folder standing for the host. */
static char *describe(PGconn *conn)
{
	const char *host = PQhost(conn), *port = PQport(conn), *db = PQdb(conn);
	return xasprintf("%s:%s/%s", host && *host ? host : "localhost",
			 port && *port ? port : "5432", db ? db : "");
}

/* The sslmode conninfo gives, or NULL (a new string). */
static char *given_sslmode(const char *conninfo)
{
	PQconninfoOption *opts = PQconninfoParse(conninfo, NULL);
	char *mode = NULL;
	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		if (!strcmp(o->keyword, "sslmode") && o->val && *o->val)
			mode = xstrdup(o->val);
	PQconninfoFree(opts);
	return mode;
}

/* libpq's notices ("schema swot already exists, skipping") are not for
 * the user: swot says what happened itself. */
static void ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

int server_connect(const char *conninfo, const char *password,
		   struct server **out, struct swot_err *err)
{
	char timeout[16], line[512];
	char *bad = NULL;
	snprintf(timeout, sizeof timeout, "%d", SERVER_CONNECT_TIMEOUT);
	PQconninfoOption *parsed = PQconninfoParse(conninfo, &bad);
	if (!parsed) {
		first_line(bad ? bad : "out of memory", line, sizeof line);
		PQfreemem(bad);
		return swot_err_set(err, SWOT_EINVAL, "not a server address: %s", line);
	}
	PQconninfoFree(parsed);
	/* later entries override what the URL (expanded from dbname) says,
	 * earlier ones are defaults it may override */
	const char *keys[] = {"connect_timeout", "client_encoding", "application_name",
			      "dbname", password ? "password" : NULL, NULL};
	const char *vals[] = {timeout, "UTF8", "swot", conninfo, password, NULL};
	PGconn *conn = PQconnectdbParams(keys, vals, 1);
	if (!conn)
		return swot_err_set(err, SWOT_EIO, "cannot reach the server: out of memory");
	if (PQstatus(conn) != CONNECTION_OK) {
		char *where = describe(conn);
		first_line(PQerrorMessage(conn), line, sizeof line);
		swot_err_set(err, SWOT_EIO, "cannot reach the server %s: %s", where, line);
		free(where);
		PQfinish(conn);
		return err ? err->code : SWOT_EIO;
	}
	PQsetNoticeProcessor(conn, ignore_notice, NULL);
	struct server *s = xcalloc(1, sizeof *s);
	s->conn = conn;
	s->where = describe(conn);
	s->user = xstrdup(PQuser(conn) ? PQuser(conn) : "");
	s->sslmode = given_sslmode(conninfo);
	*out = s;
	return SWOT_OK;
}

void server_close(struct server *s)
{
	if (!s)
		return;
	PQfinish(s->conn);
	free(s->where);
	free(s->user);
	free(s->sslmode);
	free(s);
}

const char *server_where(const struct server *s)
{
	return s->where;
}

const char *server_user(const struct server *s)
{
	return s->user;
}

PGresult *server_query(struct server *s, const char *sql, int n,
		       const char *const *vals, const char *what, struct swot_err *err)
{
	PGresult *res = PQexecParams(s->conn, sql, n, NULL, vals, NULL, NULL, 0);
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
		return res;
	char line[512];
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	first_line(msg ? msg : PQerrorMessage(s->conn), line, sizeof line);
	if (PQstatus(s->conn) != CONNECTION_OK)
		swot_err_set(err, SWOT_EIO, "%s: lost the server %s: %s", what, s->where,
			     line);
	else
		swot_err_set(err, SWOT_EDB, "%s: %s", what, line);
	PQclear(res);
	return NULL;
}

int server_run(struct server *s, const char *sql, int n, const char *const *vals,
	       const char *what, struct swot_err *err)
{
	PGresult *res = server_query(s, sql, n, vals, what, err);
	if (!res)
		return err ? err->code : SWOT_EDB;
	PQclear(res);
	return SWOT_OK;
}

void server_array_text(struct strbuf *sb, const char *s)
{
	strbuf_adds(sb, sb->len ? ",\"" : "{\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_addc(sb, '\\');
		strbuf_addc(sb, *s);
	}
	strbuf_addc(sb, '"');
}

int server_schema_latest(void)
{
	return (int)embedded_server_migrations_count;
}

int server_schema_version(struct server *s, int *version, struct swot_err *err)
{
	/* two statements: a query naming a table that is not there fails
	 * when planned, whatever a CASE around it says */
	static const char *const steps[] = {
		"SELECT to_regclass('swot.schema_version') IS NOT NULL",
		"SELECT coalesce(max(version), 0) FROM swot.schema_version",
	};
	*version = 0;
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
		PGresult *res = server_query(s, steps[i], 0, NULL,
					     "cannot read the server's schema version", err);
		if (!res)
			return err ? err->code : SWOT_EDB;
		const char *v = PQgetvalue(res, 0, 0);
		int stop = i == 0 && strcmp(v, "t");
		if (i == 1)
			*version = atoi(v);
		PQclear(res);
		if (stop)
			break;
	}
	return SWOT_OK;
}

/* The version table, made once (the lock keeps two inits apart). */
static int make_version_table(struct server *s, struct swot_err *err)
{
	static const char *const steps[] = {
		"BEGIN",
		"SELECT pg_advisory_xact_lock(" SERVER_MIGRATION_LOCK ")",
		"CREATE SCHEMA IF NOT EXISTS swot",
		"CREATE TABLE IF NOT EXISTS swot.schema_version ("
		" version integer PRIMARY KEY,"
		" name text NOT NULL,"
		" applied_at timestamptz NOT NULL DEFAULT now())",
		"COMMIT",
	};
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
		if (server_run(s, steps[i], 0, NULL, "cannot create swot's schema", err)) {
			server_rollback(s);
			return err ? err->code : SWOT_EDB;
		}
	return SWOT_OK;
}

/* Applies migration v (0-based) unless another init has; *done says
 * whether it ran here. */
static int apply_one(struct server *s, int v, int *done, struct swot_err *err)
{
	const struct embedded_file *m = &embedded_server_migrations[v];
	char num[16], what[300];
	int version, rc;
	snprintf(num, sizeof num, "%d", v + 1);
	snprintf(what, sizeof what, "server migration %s failed", m->name);
	*done = 0;
	if ((rc = server_begin(s, err)) ||
	    (rc = server_run(s, "SELECT pg_advisory_xact_lock(" SERVER_MIGRATION_LOCK ")",
			     0, NULL, what, err)) ||
	    (rc = server_schema_version(s, &version, err)))
		goto out;
	if (version > v)
		goto out;
	/* a fixed script of several statements, as written in schema/server:
	 * the one place a statement is not run with PQexecParams */
	PGresult *res = PQexec(s->conn, m->data);
	if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK) {
		char line[512];
		const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
		first_line(msg ? msg : PQerrorMessage(s->conn), line, sizeof line);
		rc = swot_err_set(err, SWOT_EDB, "%s: %s", what, line);
		PQclear(res);
		goto out;
	}
	PQclear(res);
	const char *vals[] = {num, m->name};
	if ((rc = server_run(s, "INSERT INTO swot.schema_version (version, name) "
			     "VALUES ($1::integer, $2)", 2, vals, what, err)) ||
	    (rc = server_commit(s, err)))
		goto out;
	*done = 1;
out:
	if (rc || !*done)
		server_rollback(s);
	return rc;
}

int server_init(struct server *s, int *from, int *to, struct swot_err *err)
{
	int latest = server_schema_latest(), rc, done;
	if ((rc = make_version_table(s, err)) || (rc = server_schema_version(s, from, err)))
		return rc;
	if (*from > latest)
		return swot_err_set(err, SWOT_ENEWER,
				    "the server %s has swot's schema %d, newer than this "
				    "swot's (%d): upgrade swot", s->where, *from, latest);
	for (int v = *from; v < latest; v++)
		if ((rc = apply_one(s, v, &done, err)))
			return rc;
	return server_schema_version(s, to, err);
}

int server_begin(struct server *s, struct swot_err *err)
{
	return server_run(s, "BEGIN", 0, NULL, "cannot start a transaction on the server",
			  err);
}

int server_commit(struct server *s, struct swot_err *err)
{
	PGresult *res = server_query(s, "COMMIT", 0, NULL, "cannot commit on the server",
				     err);
	if (!res)
		return err ? err->code : SWOT_EDB;
	/* a transaction a statement had aborted "commits" as ROLLBACK */
	int ok = !strcmp(PQcmdStatus(res), "COMMIT");
	PQclear(res);
	return ok ? SWOT_OK
		  : swot_err_set(err, SWOT_EDB, "the server rolled the transaction back");
}

void server_rollback(struct server *s)
{
	if (PQtransactionStatus(s->conn) != PQTRANS_IDLE) {
		PGresult *res = PQexecParams(s->conn, "ROLLBACK", 0, NULL, NULL, NULL, NULL, 0);
		PQclear(res);
	}
}

/* s[0..n) with %XX decoded (a new string). */
static char *percent_decode(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (s[i] == '%' && i + 2 < n && (hi = hex_digit_value(s[i + 1])) >= 0 &&
		    (lo = hex_digit_value(s[i + 2])) >= 0) {
			strbuf_addc(&sb, (char)(hi * 16 + lo));
			i += 2;
		} else {
			strbuf_addc(&sb, s[i]);
		}
	}
	return strbuf_detach(&sb);
}

/* A URL's password: in its user information ("user:secret@") or as a
 * "password=" parameter; the URL without it in *bare. */
static void split_url(const char *url, char **bare, char **password)
{
	const char *auth = strstr(url, "://") + 3;
	size_t auth_len = strcspn(auth, "/?");
	const char *at = NULL;
	for (const char *p = auth; p < auth + auth_len; p++)
		if (*p == '@')
			at = p;
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, url, (size_t)(auth - url));
	const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
	if (colon) {
		*password = percent_decode(colon + 1, (size_t)(at - colon - 1));
		strbuf_add(&sb, auth, (size_t)(colon - auth));
		auth = at;
	}
	/* the rest, leaving out any password=... parameter */
	const char *q = strchr(auth, '?');
	strbuf_add(&sb, auth, q ? (size_t)(q - auth) : strlen(auth));
	for (char sep = '?'; q && *q;) {
		const char *item = q + 1;
		size_t len = strcspn(item, "&");
		if (!strncmp(item, "password=", 9)) {
			free(*password);
			*password = percent_decode(item + 9, len - 9);
		} else if (len) {
			strbuf_addc(&sb, sep);
			strbuf_add(&sb, item, len);
			sep = '&';
		}
		q = item[len] ? item + len : NULL;
	}
	*bare = strbuf_detach(&sb);
}

/* "key=value" words: every option given but the password, quoted. */
static void split_words(PQconninfoOption *opts, char **bare, char **password)
{
	struct strbuf sb = STRBUF_INIT;
	for (PQconninfoOption *o = opts; o->keyword; o++) {
		if (!o->val)
			continue;
		if (!strcmp(o->keyword, "password")) {
			*password = xstrdup(o->val);
			continue;
		}
		strbuf_addf(&sb, "%s%s='", sb.len ? " " : "", o->keyword);
		for (const char *v = o->val; *v; v++) {
			if (*v == '\'' || *v == '\\')
				strbuf_addc(&sb, '\\');
			strbuf_addc(&sb, *v);
		}
		strbuf_addc(&sb, '\'');
	}
	*bare = strbuf_detach(&sb);
}

int server_split_password(const char *conninfo, char **bare, char **password,
			  struct swot_err *err)
{
	char *bad = NULL, line[512];
	*bare = *password = NULL;
	PQconninfoOption *opts = PQconninfoParse(conninfo, &bad);
	if (!opts) {
		first_line(bad ? bad : "out of memory", line, sizeof line);
		PQfreemem(bad);
		return swot_err_set(err, SWOT_EINVAL, "not a server address: %s", line);
	}
	if (!strncmp(conninfo, "postgresql://", 13) || !strncmp(conninfo, "postgres://", 11))
		split_url(conninfo, bare, password);
	else
		split_words(opts, bare, password);
	PQconninfoFree(opts);
	return SWOT_OK;
}
