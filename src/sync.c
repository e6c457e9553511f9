/*
 * sync.c: swot sync (see sync.h): the order of its steps is what makes it
 * safe.  Nothing is written to the store before the server has committed
 * the upload; the store then marks what was sent; the decks come last,
 * each imported in its own transaction and recorded after it.
 */
#include "swot/sync.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "swot/deck.h"
#include "swot/progfile.h"
#include "swot/server.h"

#define PASSWORD_MAX 1024

void sync_result_release(struct sync_result *r)
{
	free(r->where);
	free(r->login);
	for (size_t i = 0; i < r->n_decks; i++) {
		free(r->decks[i].cls);
		free(r->decks[i].deck);
		store_import_counts_release(&r->decks[i].counts);
	}
	free(r->decks);
	strlist_release(&r->problems);
	memset(r, 0, sizeof *r);
}

char *sync_password_path(const char *db_path)
{
	return xasprintf("%s.server-password", db_path);
}

int sync_remembered(struct store *s, char **url, struct swot_err *err)
{
	return store_setting_get(s, "", SYNC_SERVER_KEY, url, err);
}

/* The password in the file at path into *out (NULL when there is no
 * file).  A file others may read is refused: it is no secret any more. */
static int read_password(const char *path, char **out, struct swot_err *err)
{
	struct stat st;
	char *text = NULL;
	size_t len;
	*out = NULL;
	if (stat(path, &st) != 0)
		return errno == ENOENT ? SWOT_OK
				       : swot_err_set(err, SWOT_EIO, "cannot read %s: %s", path,
						      strerror(errno));
	if (st.st_mode & 077)
		return swot_err_set(err, SWOT_EINVAL, "%s can be read by others: make it "
				    "yours alone (chmod 600 %s) or give the server's "
				    "address again", path, path);
	int rc = read_file(path, PASSWORD_MAX, &text, &len, err);
	if (rc)
		return rc;
	text[strcspn(text, "\r\n")] = '\0';
	*out = text;
	return SWOT_OK;
}

/* Writes password to the file at path, readable by its owner only: a new
 * file (mode 0600 from the start) renamed over the old. */
static int write_password(const char *path, const char *password, struct swot_err *err)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	size_t len = strlen(password);
	int fd = mkstemp(tmp), rc = SWOT_OK; /* mkstemp: 0600 */
	if (fd < 0) {
		rc = swot_err_set(err, SWOT_EIO, "cannot write %s: %s", path, strerror(errno));
		free(tmp);
		return rc;
	}
	if (fchmod(fd, 0600) != 0 || write(fd, password, len) != (ssize_t)len ||
	    write(fd, "\n", 1) != 1 || fsync(fd) != 0)
		rc = SWOT_EIO;
	if (close(fd) != 0 || (!rc && rename(tmp, path) != 0))
		rc = SWOT_EIO;
	if (rc) {
		swot_err_set(err, SWOT_EIO, "cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return rc;
}

/* Answers on their way up: a batch at a time. */
struct upload {
	struct server *srv;
	struct server_review *batch;
	size_t n;
	int64_t last_id; /* the highest row id read */
	size_t sent, added;
	struct swot_err *err;
};

static int upload_flush(struct upload *u)
{
	int rc = server_put_reviews(u->srv, u->batch, u->n, &u->added, u->err);
	for (size_t i = 0; i < u->n; i++) {
		free((char *)u->batch[i].deck);
		free((char *)u->batch[i].card);
	}
	u->sent += u->n;
	u->n = 0;
	return rc;
}

static int upload_review(void *ctx, const struct store_sync_review *r)
{
	struct upload *u = ctx;
	u->batch[u->n++] = (struct server_review){
		.id = server_review_id(r->deck, r->card, r->time, r->rating),
		.deck = xstrdup(r->deck),
		.card = xstrdup(r->card),
		.time = r->time,
		.rating = r->rating,
		.kind = !strcmp(r->kind, "learn")     ? "learn"
			: !strcmp(r->kind, "relearn") ? "relearn"
			: !strcmp(r->kind, "drill")   ? "drill"
						      : "review",
		.state_before = r->state_before,
		.elapsed_days = r->elapsed_days,
		.scheduled_days = r->scheduled_days,
		.stability = r->stability,
		.difficulty = r->difficulty,
		.duration_ms = r->duration_ms,
	};
	u->last_id = r->id;
	return u->n == SERVER_BATCH ? upload_flush(u) : SWOT_OK;
}

/* Every live card's memory, gathered. */
struct states {
	struct server_card_state *c;
	size_t n, alloc;
};

static int gather_state(void *ctx, const struct store_sync_card *c)
{
	struct states *st = ctx;
	ALLOC_GROW(st->c, st->n + 1, st->alloc);
	st->c[st->n++] = (struct server_card_state){
		.deck = xstrdup(c->deck),
		.card = xstrdup(c->card),
		.state = (int)c->f.state,
		.stability = c->f.stability,
		.difficulty = c->f.difficulty,
		.due = c->f.due,
		.last_review = c->f.last_review,
		.reps = c->f.reps,
		.lapses = c->f.lapses,
	};
	return SWOT_OK;
}

static void states_release(struct states *st)
{
	for (size_t i = 0; i < st->n; i++) {
		free((char *)st->c[i].deck);
		free((char *)st->c[i].card);
	}
	free(st->c);
}

/* Each deck's progress document: the progress file of that deck alone,
 * without its review log (the answers are rows of their own). */
static int upload_progress(struct store *s, struct server *srv, const char *name,
			   int64_t now, struct sync_result *r, struct swot_err *err)
{
	struct progfile p = {0};
	struct strbuf sb = STRBUF_INIT;
	int rc = progfile_from_store(s, NULL, name, now, 0, &p, err);
	for (size_t i = 0; !rc && i < p.n_decks; i++) {
		struct progfile one = p;
		one.decks = &p.decks[i];
		one.n_decks = 1;
		strbuf_reset(&sb);
		progfile_write(&sb, &one);
		rc = server_put_progress(srv, p.decks[i].id, sb.buf, p.student, err);
		r->progress += !rc;
	}
	strbuf_release(&sb);
	progfile_release(&p);
	return rc;
}

/* Everything up, in one server transaction; then the mark in the store. */
static int upload(struct store *s, struct server *srv, const char *bare,
		  const char *name, int64_t now, struct sync_result *r, struct swot_err *err)
{
	struct store_sync_state last;
	struct upload u = {.srv = srv, .err = err};
	struct states st = {0};
	int rc = store_sync_get(s, &last, err);
	if (rc)
		return rc;
	int64_t after = last.server && !strcmp(last.server, bare) ? last.reviews_sent : 0;
	u.last_id = after;
	u.batch = xcalloc(SERVER_BATCH, sizeof *u.batch);
	if ((rc = server_begin(srv, err)) ||
	    (rc = store_sync_reviews(s, after, upload_review, &u, err)) ||
	    (u.n && (rc = upload_flush(&u))) ||
	    (rc = store_sync_cards(s, gather_state, &st, err)) ||
	    (rc = server_put_card_states(srv, st.c, st.n, &r->cards, err)) ||
	    (rc = upload_progress(s, srv, name, now, r, err)) ||
	    (rc = server_commit(srv, err)))
		goto out;
	r->sent = u.sent;
	r->added = u.added;
	/* only now: a sync killed before this line sends these again, and
	 * the server keeps each answer once */
	rc = store_sync_mark(s, bare, u.last_id, last.undone, now, err);
out:
	if (rc) {
		server_rollback(srv);
		for (size_t i = 0; i < u.n; i++) {
			free((char *)u.batch[i].deck);
			free((char *)u.batch[i].card);
		}
	}
	free(u.batch);
	states_release(&st);
	store_sync_state_release(&last);
	return rc;
}

/* Imports deck d (downloaded) and records its version; a deck that does
 * not load is a line in r->problems. */
static int receive_deck(struct store *s, struct server *srv, struct server_deck *d,
			int64_t now, struct sync_result *r, struct swot_err *err)
{
	struct deck_problems p;
	struct store_import_counts counts = {0};
	char *path = xasprintf("%s/%s (version %d)", d->cls, d->deck, d->version);
	int rc = server_deck_fetch(srv, d, err);
	deck_problems_init(&p);
	struct deck *deck = rc ? NULL : deck_load_buffer(path, d->doc, d->len, &p);
	if (!rc && !deck) {
		strlist_push_owned(&r->problems,
				   xasprintf("%s", p.lines.n ? p.lines.items[0] : path));
	} else if (!rc && !(rc = store_import(s, &deck, 1, now, &counts, err)) &&
		   !(rc = store_sync_deck_set(s, d->cls, d->deck, d->version, err))) {
		ALLOC_GROW(r->decks, r->n_decks + 1, r->alloc_decks);
		r->decks[r->n_decks++] = (struct sync_deck){
			xstrdup(d->cls), xstrdup(d->deck), d->version, counts};
		memset(&counts, 0, sizeof counts);
	}
	store_import_counts_release(&counts);
	if (deck)
		deck_free(deck);
	deck_problems_release(&p);
	free(path);
	return rc;
}

/* The decks of the student's classes newer than those received. */
static int receive(struct store *s, struct server *srv, int64_t now,
		   struct sync_result *r, struct swot_err *err)
{
	struct server_deck *d;
	size_t n;
	int rc = server_decks(srv, &d, &n, err);
	for (size_t i = 0; !rc && i < n; i++) {
		int have;
		if (!(rc = store_sync_deck_version(s, d[i].cls, d[i].deck, &have, err)) &&
		    have < d[i].version)
			rc = receive_deck(s, srv, &d[i], now, r, err);
	}
	server_decks_free(d, n);
	return rc;
}

/* Keeps url and its password for the next sync; a password file left by
 * another server goes. */
static int remember(struct store *s, const char *bare, const char *password,
		    const char *was, const char *path, struct swot_err *err)
{
	int rc = store_setting_set(s, "", SYNC_SERVER_KEY, bare, err);
	if (!rc && password)
		rc = write_password(path, password, err);
	else if (!rc && was && strcmp(was, bare))
		unlink(path);
	return rc;
}

/* A server with swot's schema, and the login a student's: its name as
 * the server knows it in *name (a new string). */
static int check_server(struct server *srv, char **name, struct swot_err *err)
{
	int version;
	int rc = server_schema_version(srv, &version, err);
	if (!rc && !version)
		return swot_err_set(err, SWOT_ENOTFOUND, "%s has no swot schema yet: its "
				    "administrator sets it up with swot server init",
				    server_where(srv));
	return rc ? rc : server_student_name(srv, name, err);
}

int sync_run(struct store *s, const struct sync_opts *o, struct sync_result *r,
	     struct swot_err *err)
{
	char *was = NULL, *bare = NULL, *password = NULL, *path = NULL, *name = NULL;
	struct server *srv = NULL;
	memset(r, 0, sizeof *r);
	int rc = sync_remembered(s, &was, err);
	if (rc)
		goto out;
	if (!o->url && !was) {
		rc = swot_err_set(err, SWOT_ENOTFOUND, "no server to sync with: give its "
				  "address once, swot sync --server URL");
		goto out;
	}
	if ((rc = server_split_password(o->url ? o->url : was, &bare, &password, err)))
		goto out;
	path = sync_password_path(o->db_path);
	/* the kept password is the remembered server's only */
	if (!password && was && !strcmp(was, bare) && (rc = read_password(path, &password, err)))
		goto out;
	if ((rc = server_connect(bare, password, &srv, err)))
		goto out;
	r->where = xstrdup(server_where(srv));
	r->login = xstrdup(server_user(srv));
	if ((rc = check_server(srv, &name, err)) ||
	    (rc = upload(s, srv, bare, name, o->now, r, err)) ||
	    (o->remember && (rc = remember(s, bare, password, was, path, err))))
		goto out;
	rc = receive(s, srv, o->now, r, err);
out:
	server_close(srv);
	if (password)
		memset(password, 0, strlen(password));
	free(password);
	free(was);
	free(bare);
	free(path);
	free(name);
	return rc;
}
