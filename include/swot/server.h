/*
 * server.h: a school's PostgreSQL server, reached through libpq.  Only
 * server*.c include libpq (as only store*.c include SQLite); the handle
 * is opaque and every statement that carries a value binds it
 * (PQexecParams), the embedded migrations being the only fixed scripts.
 *
 * The schema is schema/server/NNNN_*.sql (embedded, applied in order by
 * server_init, recorded in swot.schema_version); 0001_init.sql says who
 * may read and write what, and how a class report reads a class.
 * Security is the server's: logins in the group roles swot_student and
 * swot_teacher, row-level security on every table.
 */
#ifndef SWOT_SERVER_H
#define SWOT_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "swot/util.h"

struct server;

/* Seconds a connection attempt may take before the server counts as
 * unreachable. */
#define SERVER_CONNECT_TIMEOUT 10
/* Reviews and card states sent in one statement. */
#define SERVER_BATCH 2000

/*
 * Connects to the server at conninfo (a postgresql:// URL or "key=value"
 * words; it may carry sslmode), with password when not NULL (else the
 * one in conninfo, if any).  On success *out is a new handle the caller
 * closes with server_close.  A server that cannot be reached or refuses
 * the login is SWOT_EIO with one line saying which server and why.
 */
int server_connect(const char *conninfo, const char *password,
		   struct server **out, struct swot_err *err);
void server_close(struct server *s);

/*
 * Splits conninfo into *bare, the same address without its password (a
 * URL stays a URL; "key=value" words stay words), and *password (NULL
 * when it has none), both new strings.  SWOT_EINVAL when it is not a
 * server address.
 */
int server_split_password(const char *conninfo, char **bare, char **password,
			  struct swot_err *err);

/* "host:port/database" of the connected server, for messages (owned by
 * s). */
const char *server_where(const struct server *s);

/* The login the connection uses (owned by s). */
const char *server_user(const struct server *s);

/* The number of server migrations this swot has. */
int server_schema_latest(void);

/*
 * Brings the server's schema up to date: each migration not yet applied,
 * in order, in its own transaction with its row in swot.schema_version
 * (two inits at once wait for each other).  *from gets the version found,
 * *to the version left.  A server newer than this swot is SWOT_ENEWER.
 * Needs a login that may create schemas and roles.
 */
int server_init(struct server *s, int *from, int *to, struct swot_err *err);

/* The server's schema version in *version (0 before server_init). */
int server_schema_version(struct server *s, int *version, struct swot_err *err);

/* A login made (or found) by server_add_class or server_add_student. */
struct server_login {
	char *login;    /* the role's name; owned */
	char *name;     /* the person's name as given; owned */
	char *url;      /* the connection URL with its new password, only when
			 * the login was made now (else NULL); owned */
	int created;    /* the class, or the student's membership, is new */
};
void server_login_release(struct server_login *l);

/*
 * Creates class cls taught by teacher (a teacher's name or login; a new
 * login is made for a name not yet known, with a random password), in one
 * transaction.  The class already taught by that teacher changes nothing
 * (created 0); taught by another is SWOT_EINVAL.
 */
int server_add_class(struct server *s, const char *cls, const char *teacher,
		     struct server_login *out, struct swot_err *err);

/*
 * Adds a student to class cls, in one transaction: name is a new
 * student's name (a login is made with a random password) or the login
 * of a student already on the server (who joins the class; no password
 * is made).  An unknown class is SWOT_ENOTFOUND.
 */
int server_add_student(struct server *s, const char *cls, const char *name,
		       struct server_login *out, struct swot_err *err);

/* ---- a student's sync (server_sync.c) ---- */

/* One answer as uploaded. */
struct server_review {
	int64_t id;          /* stable: server_review_id */
	const char *deck, *card; /* borrowed */
	int64_t time;
	int rating;
	const char *kind;    /* "learn", "review", "relearn", "drill" */
	int state_before, elapsed_days, scheduled_days;
	double stability, difficulty;
	int64_t duration_ms;
};

/* The stable id of an answer: the same deck, card, second and rating
 * always give the same id, on any machine. */
int64_t server_review_id(const char *deck, const char *card, int64_t time,
			 int rating);

/* One card's memory as uploaded. */
struct server_card_state {
	const char *deck, *card; /* borrowed */
	int state;
	double stability, difficulty;
	int64_t due, last_review;
	int reps, lapses;
};

/* Starts, commits or rolls back the one transaction of an upload. */
int server_begin(struct server *s, struct swot_err *err);
int server_commit(struct server *s, struct swot_err *err);
void server_rollback(struct server *s);

/* Adds the answers r[0..n) not yet on the server as the login's own
 * (*added gets how many were new), in batches of SERVER_BATCH. */
int server_put_reviews(struct server *s, const struct server_review *r, size_t n,
		       size_t *added, struct swot_err *err);

/* Sets the login's card states c[0..n), writing only those that changed
 * (*changed gets how many). */
int server_put_card_states(struct server *s, const struct server_card_state *c,
			   size_t n, size_t *changed, struct swot_err *err);

/* Sets the login's progress document (JSON text) for deck and its
 * database id (progress_id; NULL leaves it). */
int server_put_progress(struct server *s, const char *deck, const char *doc,
			const char *progress_id, struct swot_err *err);

/* The login's name as its student was added (a new string), or
 * SWOT_ENOTFOUND when the login is not a student's. */
int server_student_name(struct server *s, char **name, struct swot_err *err);

/* A deck published to one of the login's classes. */
struct server_deck {
	char *cls, *deck; /* owned */
	int version;
	char *doc;        /* the deck file's text (server_deck_fetch); owned */
	size_t len;
};
void server_decks_free(struct server_deck *d, size_t n);

/* The newest version of every deck published to the login's classes, by
 * class then deck, without their text, in *out (*n of them; free with
 * server_decks_free). */
int server_decks(struct server *s, struct server_deck **out, size_t *n,
		 struct swot_err *err);

/* Downloads d's text (d->cls, d->deck, d->version) into d->doc. */
int server_deck_fetch(struct server *s, struct server_deck *d, struct swot_err *err);

/* ---- a teacher's side (server_class.c) ---- */

/*
 * Publishes deck (its id) to class cls: doc is the deck file's text,
 * already validated as swot lint does.  Each publication is the next
 * version of that deck for that class (*version gets it).  Whether the
 * login may is PostgreSQL's to say: only the class's teacher (or a login
 * that bypasses row-level security); any other refusal is SWOT_EDB with
 * the server's message.
 */
int server_publish(struct server *s, const char *cls, const char *deck,
		   const char *doc, int *version, struct swot_err *err);

/* A student of the classes asked for. */
struct server_member {
	char *login, *name; /* owned */
};
void server_members_free(struct server_member *m, size_t n);

/*
 * The students of classes cls[0..n) (every class the login sees when n
 * is 0), each once, by login, in *out (*n_out of them; free with
 * server_members_free).  A class the login does not see (not there, or
 * another teacher's: row-level security hides it) is SWOT_ENOTFOUND
 * naming it.
 */
int server_class_members(struct server *s, const char *const *cls, size_t n,
			 struct server_member **out, size_t *n_out, struct swot_err *err);

/*
 * Calls fn with each progress document (a progress file of one deck, as
 * sync uploaded it) of the students logins[0..n), for deck only when it
 * is not NULL; one query.  fn returns non-zero to stop (that is the
 * result).
 */
int server_class_progress(struct server *s, const char *const *logins, size_t n,
			  const char *deck,
			  int (*fn)(void *ctx, const char *login, const char *doc,
				    size_t len),
			  void *ctx, struct swot_err *err);

/* One answer of a card's review log as a class report reads it. */
struct server_answer {
	int64_t time;
	int rating;
	int kind;         /* 1 learn, 2 review, 3 relearn, 4 drill (as a
			   * progress file numbers them) */
	double stability; /* after the answer */
};

/*
 * Calls fn with each card's review log, oldest first (a[0..n), valid
 * during the call), of the students logins[0..n) in deck, a student's
 * cards one after another (in no set order); one query, the answers of a
 * card gathered by the server.
 */
int server_class_reviews(struct server *s, const char *const *logins, size_t n,
			 const char *deck,
			 int (*fn)(void *ctx, const char *login, const char *card,
				   const struct server_answer *a, size_t n),
			 void *ctx, struct swot_err *err);

#endif
