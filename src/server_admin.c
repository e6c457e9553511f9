/*
 * server_admin.c: classes, teachers and students on the server, each
 * person a login role with a random password that is shown once (in the
 * URL returned) and reaches the server only as its SCRAM verifier.
 */
#include "server_int.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* pg_advisory_xact_lock's key while choosing login names: "swtl". */
#define SERVER_LOGIN_LOCK "1937208428"
#define PASSWORD_CHARS 24
/* A login name: a prefix and at most this many bytes of the name. */
#define LOGIN_SLUG_MAX 40
#define NAME_MAX_BYTES 100

void server_login_release(struct server_login *l)
{
	free(l->login);
	free(l->name);
	if (l->url) /* it holds a password: leave no copy in freed memory */
		memset(l->url, 0, strlen(l->url));
	free(l->url);
	memset(l, 0, sizeof *l);
}

/* A password of PASSWORD_CHARS letters and digits from /dev/urandom
 * (about 143 bits), into buf (PASSWORD_CHARS + 1 bytes). */
static int new_password(char *buf, struct swot_err *err)
{
	static const char chars[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char raw[64];
	size_t n = 0;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return swot_err_set(err, SWOT_EIO, "cannot read /dev/urandom for a password");
	while (n < PASSWORD_CHARS) {
		ssize_t got = read(fd, raw, sizeof raw);
		if (got <= 0) {
			close(fd);
			return swot_err_set(err, SWOT_EIO,
					    "cannot read /dev/urandom for a password");
		}
		/* 248 = 4 * 62: bytes above it are dropped, so every
		 * character is equally likely */
		for (ssize_t i = 0; i < got && n < PASSWORD_CHARS; i++)
			if (raw[i] < 248)
				buf[n++] = chars[raw[i] % 62];
	}
	close(fd);
	memset(raw, 0, sizeof raw);
	buf[n] = '\0';
	return SWOT_OK;
}

/* A person's or class's name is one readable line. */
static int check_name(const char *what, const char *name, struct swot_err *err)
{
	size_t len = strlen(name);
	if (!len || strspn(name, " ") == len)
		return swot_err_set(err, SWOT_EINVAL, "%s must not be empty", what);
	if (len > NAME_MAX_BYTES)
		return swot_err_set(err, SWOT_EINVAL, "%s must be at most %d bytes", what,
				    NAME_MAX_BYTES);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return swot_err_set(err, SWOT_EINVAL,
					    "%s must not hold control characters", what);
	return SWOT_OK;
}

/* prefix and name's ASCII letters and digits, lower-cased, runs of
 * anything else one '_': "s_sam_jones" for "Sam Jones". */
static char *login_base(const char *prefix, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, prefix);
	size_t start = sb.len;
	for (const char *p = name; *p && sb.len - start < LOGIN_SLUG_MAX; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			strbuf_addc(&sb, c);
		else if (sb.len > start && sb.buf[sb.len - 1] != '_')
			strbuf_addc(&sb, '_');
	}
	while (sb.len > start && sb.buf[sb.len - 1] == '_')
		sb.buf[--sb.len] = '\0';
	if (sb.len == start)
		strbuf_adds(&sb, "user");
	return strbuf_detach(&sb);
}

/* The first of base, base_2, base_3 ... that no role of the cluster has
 * (a new string). */
static int free_login(struct server *s, const char *base, char **out,
		      struct swot_err *err)
{
	for (int i = 1; i < 10000; i++) {
		char *name = i == 1 ? xstrdup(base) : xasprintf("%s_%d", base, i);
		const char *vals[] = {name};
		PGresult *res = server_query(s, "SELECT 1 FROM pg_roles WHERE rolname = $1",
					     1, vals, "cannot list the server's roles", err);
		if (!res) {
			free(name);
			return err ? err->code : SWOT_EDB;
		}
		int taken = PQntuples(res) > 0;
		PQclear(res);
		if (!taken) {
			*out = name;
			return SWOT_OK;
		}
		free(name);
	}
	return swot_err_set(err, SWOT_EINVAL, "no free login name for %s", base);
}

/* Appends s percent-encoded but for URL-safe bytes. */
static void url_add(struct strbuf *sb, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			strbuf_addc(sb, (char)*p);
		else
			strbuf_addf(sb, "%%%02X", *p);
	}
}

/* postgresql://LOGIN:PASSWORD@HOST:PORT/DATABASE, to the server s is
 * connected to, keeping the sslmode s was given. */
static char *login_url(struct server *s, const char *login, const char *password)
{
	struct strbuf sb = STRBUF_INIT;
	const char *host = PQhost(s->conn), *port = PQport(s->conn);
	strbuf_adds(&sb, "postgresql://");
	url_add(&sb, login);
	strbuf_addc(&sb, ':');
	url_add(&sb, password);
	strbuf_addc(&sb, '@');
	if (host && strchr(host, ':') && host[0] != '/') {
		strbuf_addf(&sb, "[%s]", host); /* an IPv6 address */
	} else {
		url_add(&sb, host && *host ? host : "localhost");
	}
	if (port && *port)
		strbuf_addf(&sb, ":%s", port);
	strbuf_addc(&sb, '/');
	url_add(&sb, PQdb(s->conn));
	if (s->sslmode) {
		strbuf_adds(&sb, "?sslmode=");
		url_add(&sb, s->sslmode);
	}
	return strbuf_detach(&sb);
}

/* Makes a login role named from name in group grp, with a new password:
 * out->login, out->url.  Inside the caller's transaction. */
static int make_login(struct server *s, const char *prefix, const char *name,
		      const char *grp, struct server_login *out, struct swot_err *err)
{
	char password[PASSWORD_CHARS + 1];
	char *base = login_base(prefix, name), *login = NULL;
	int rc = free_login(s, base, &login, err);
	free(base);
	if (rc || (rc = new_password(password, err)))
		goto out;
	/* the server gets the verifier, never the password */
	char *verifier = PQencryptPasswordConn(s->conn, password, login, "scram-sha-256");
	if (!verifier) {
		rc = swot_err_set(err, SWOT_EDB, "cannot hash a password: %s",
				  PQerrorMessage(s->conn));
		goto out;
	}
	const char *vals[] = {login, verifier, grp};
	rc = server_run(s, "SELECT swot.create_login($1, $2, $3)", 3, vals,
			"cannot create the login", err);
	PQfreemem(verifier);
	if (rc)
		goto out;
	out->login = login;
	login = NULL;
	out->url = login_url(s, out->login, password);
out:
	memset(password, 0, sizeof password);
	free(login);
	return rc;
}

/* Starts the transaction of an addition, holding the login lock. */
static int begin_adding(struct server *s, struct swot_err *err)
{
	int rc = server_begin(s, err);
	if (!rc)
		rc = server_run(s, "SELECT pg_advisory_xact_lock(" SERVER_LOGIN_LOCK ")", 0,
				NULL, "cannot lock the server's logins", err);
	return rc;
}

/* Ends what begin_adding began: commits when rc is 0, else rolls back
 * and releases out.  Returns rc or the commit's error. */
static int end_adding(struct server *s, int rc, struct server_login *out,
		      struct swot_err *err)
{
	if (!rc)
		rc = server_commit(s, err);
	if (rc) {
		server_rollback(s);
		server_login_release(out);
	}
	return rc;
}

/* The one row of one column sql gives for vals, as a new string in *out
 * (NULL when there is no row). */
static int query_one(struct server *s, const char *sql, int n, const char *const *vals,
		     const char *what, char **out, struct swot_err *err)
{
	PGresult *res = server_query(s, sql, n, vals, what, err);
	if (!res)
		return err ? err->code : SWOT_EDB;
	*out = PQntuples(res) ? xstrdup(PQgetvalue(res, 0, 0)) : NULL;
	PQclear(res);
	return SWOT_OK;
}

/* The teacher named (by name or login) in out->login and out->name,
 * made when new. */
static int find_teacher(struct server *s, const char *teacher,
			struct server_login *out, struct swot_err *err)
{
	const char *vals[] = {teacher};
	int rc = query_one(s, "SELECT login FROM swot.teachers WHERE name = $1 OR login = $1 "
			   "ORDER BY login = $1 DESC LIMIT 1", 1, vals,
			   "cannot read the teachers", &out->login, err);
	if (rc)
		return rc;
	if (out->login)
		return query_one(s, "SELECT name FROM swot.teachers WHERE login = $1", 1,
				 (const char *const[]){out->login}, "cannot read the teachers",
				 &out->name, err);
	out->name = xstrdup(teacher);
	if ((rc = make_login(s, "t_", teacher, "swot_teacher", out, err)))
		return rc;
	const char *row[] = {out->login, teacher};
	return server_run(s, "INSERT INTO swot.teachers (login, name) VALUES ($1, $2)", 2,
			  row, "cannot add the teacher", err);
}

/* How adding someone to class cls begins: cls and name (what: "the
 * teacher's name") checked, the logins locked in a transaction begun,
 * the class's teacher read into *teacher (a new string; NULL when there is
 * no class cls yet). */
static int begin_class(struct server *s, const char *cls, const char *what,
		       const char *name, char **teacher, struct swot_err *err)
{
	int rc;
	if ((rc = check_name("the class name", cls, err)) ||
	    (rc = check_name(what, name, err)) || (rc = begin_adding(s, err)))
		return rc;
	return query_one(s, "SELECT teacher FROM swot.classes WHERE name = $1", 1,
			 (const char *const[]){cls}, "cannot read the classes", teacher, err);
}

int server_add_class(struct server *s, const char *cls, const char *teacher,
		     struct server_login *out, struct swot_err *err)
{
	char *had = NULL;
	int rc;
	memset(out, 0, sizeof *out);
	if ((rc = begin_class(s, cls, "the teacher's name", teacher, &had, err)) ||
	    (rc = find_teacher(s, teacher, out, err)))
		goto out;
	if (had && strcmp(had, out->login)) {
		rc = swot_err_set(err, SWOT_EINVAL, "class %s is already taught by %s", cls,
				  had);
		goto out;
	}
	if (!had) {
		const char *row[] = {cls, out->login};
		if ((rc = server_run(s, "INSERT INTO swot.classes (name, teacher) "
				     "VALUES ($1, $2)", 2, row, "cannot add the class", err)))
			goto out;
		out->created = 1;
	}
out:
	free(had);
	return end_adding(s, rc, out, err);
}

int server_add_student(struct server *s, const char *cls, const char *name,
		       struct server_login *out, struct swot_err *err)
{
	char *found = NULL;
	int rc;
	memset(out, 0, sizeof *out);
	if ((rc = begin_class(s, cls, "the student's name", name, &found, err)))
		goto out;
	if (!found) {
		rc = swot_err_set(err, SWOT_ENOTFOUND, "no class %s on the server %s (add it "
				  "with swot server add-class)", cls, s->where);
		goto out;
	}
	free(found);
	if ((rc = query_one(s, "SELECT name FROM swot.students WHERE login = $1", 1,
			    (const char *const[]){name}, "cannot read the students", &found,
			    err)))
		goto out;
	if (found) { /* a student already on the server joins this class */
		out->login = xstrdup(name);
		out->name = found;
		found = NULL;
	} else {
		out->name = xstrdup(name);
		if ((rc = make_login(s, "s_", name, "swot_student", out, err)) ||
		    (rc = server_run(s, "INSERT INTO swot.students (login, name) VALUES ($1, $2)",
				     2, (const char *const[]){out->login, name},
				     "cannot add the student", err)))
			goto out;
	}
	PGresult *res = server_query(s, "INSERT INTO swot.members (class, student) "
				     "VALUES ($1, $2) ON CONFLICT DO NOTHING", 2,
				     (const char *const[]){cls, out->login},
				     "cannot add the student to the class", err);
	if (!res) {
		rc = err ? err->code : SWOT_EDB;
		goto out;
	}
	out->created = atoi(PQcmdTuples(res)) > 0;
	PQclear(res);
out:
	free(found);
	return end_adding(s, rc, out, err);
}
