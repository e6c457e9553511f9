/*
 * server_int.h: what the server's files (server*.c) share: the handle and
 * the one way they run a statement.  Nothing else includes it (libpq stays
 * inside the server module).
 */
#ifndef SWOT_SERVER_INT_H
#define SWOT_SERVER_INT_H

#include <libpq-fe.h>

#include "swot/server.h"

struct server {
	PGconn *conn;
	char *where; /* "host:port/database" */
	char *user;
	char *sslmode; /* as the conninfo gave it, or NULL */
};

/*
 * Runs sql with the n text parameters vals (NULL is SQL NULL), bound,
 * never spliced.  Returns the result (the caller PQclears it) when its
 * status is PGRES_TUPLES_OK or PGRES_COMMAND_OK; else NULL, with err set
 * to "<what>: <the server's message>" (SWOT_EIO when the connection is
 * lost, SWOT_EDB otherwise).
 */
PGresult *server_query(struct server *s, const char *sql, int n,
		       const char *const *vals, const char *what, struct swot_err *err);

/* Appends s to sb as one element of a PostgreSQL array literal (quoted
 * as array input reads it), after a ',' or the opening '{'; the caller
 * adds the closing '}'. */
void server_array_text(struct strbuf *sb, const char *s);

/* server_query for a statement whose rows are not wanted. */
int server_run(struct server *s, const char *sql, int n, const char *const *vals,
	       const char *what, struct swot_err *err);

#endif
