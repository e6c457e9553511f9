/*
 * sync.h: swot sync: a student's store and their school's server
 * (server.h) brought together.  Up go the answers the server lacks (each
 * once: a stable id; in one server transaction, the store marking them
 * sent only after the server has committed, so a sync killed at any point
 * loses nothing and a second sends nothing twice), every card's memory
 * and a progress document per deck; down come the decks published to the
 * student's classes, imported as swot import does.  A server that cannot
 * be reached changes nothing in the store.
 *
 * The server's address is remembered in the store's settings (key
 * "server", without its password); its password, when it has one, in a
 * file of its own next to the database, readable by its owner only
 * (sync_password_path).
 */
#ifndef SWOT_SYNC_H
#define SWOT_SYNC_H

#include <stddef.h>
#include <stdint.h>

#include "swot/store.h"
#include "swot/util.h"

/* The setting (global scope) holding the server's address. */
#define SYNC_SERVER_KEY "server"

struct sync_opts {
	const char *url;      /* the server to use, which may carry its
			       * password; NULL: the one remembered */
	int remember;         /* keep url (and its password) for next time */
	const char *db_path;  /* the store's file: the password file is
			       * next to it */
	int64_t now;
};

/* A deck received. */
struct sync_deck {
	char *cls, *deck; /* owned */
	int version;
	struct store_import_counts counts;
};

struct sync_result {
	char *where;        /* the server, "host:port/database"; owned */
	char *login;        /* owned */
	size_t sent;        /* answers sent */
	size_t added;       /* of them, new to the server */
	size_t cards;       /* card states that changed on the server */
	size_t progress;    /* decks whose progress was sent */
	struct sync_deck *decks; /* received; owned */
	size_t n_decks, alloc_decks;
	struct strlist problems; /* "class 11A: deck x version 2: why", one a
				  * deck that could not be imported */
};
void sync_result_release(struct sync_result *r);

/* The password file of the database at db_path (a new string):
 * "<db_path>.server-password". */
char *sync_password_path(const char *db_path);

/* The remembered server address (a new string) in *url, NULL when none. */
int sync_remembered(struct store *s, char **url, struct swot_err *err);

/*
 * Syncs the store s with the server o->url (else the remembered one:
 * SWOT_ENOTFOUND when there is none).  *r (zeroed first; released by the
 * caller, also after a failure) says what happened.  A server that cannot
 * be reached is SWOT_EIO and leaves the store as it was.  A published
 * deck that cannot be imported is a line in r->problems, not a failure.
 */
int sync_run(struct store *s, const struct sync_opts *o, struct sync_result *r,
	     struct swot_err *err);

#endif
