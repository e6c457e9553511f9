/*
 * class_server.c: the class model's second reader (see class_read_server
 * in class.h): a school's server instead of progress files.  The server
 * holds each student's progress document for each deck (a progress file
 * without its review log, as sync uploaded it) and every answer; this
 * file joins the two into the progress files the students would have
 * exported with --reviews and hands each to class_add, so the report is
 * computed and printed by the same code whatever its source.
 */
#include "swot/class.h"

#include <stdlib.h>
#include <string.h>

#include "swot/server.h"

/* The students being read, and their documents merged by student. */
struct gather {
	struct class *c;
	struct server_member *m;
	size_t n;
	struct strmap ids;    /* login -> index into m and p */
	struct progfile *p;   /* one per member, its decks from each document */
	/* the review log being attached: */
	struct strmap students; /* login -> index into c->students */
	struct strmap cards;    /* card id -> index into deck->cards */
	struct progfile_deck *deck; /* the current student's deck, or NULL */
	char *login;          /* whose cards are mapped; owned */
};

/* Moves what doc holds into *into: a student's documents are one deck
 * each, the student's progress file is all of them. */
static void merge(struct progfile *into, struct progfile *doc)
{
	if (!into->n_decks) {
		progfile_release(into);
		*into = *doc;
		memset(doc, 0, sizeof *doc);
		return;
	}
	into->decks = xreallocarray(into->decks, into->n_decks + doc->n_decks,
				    sizeof *into->decks);
	memcpy(into->decks + into->n_decks, doc->decks, doc->n_decks * sizeof *doc->decks);
	into->n_decks += doc->n_decks;
	if (doc->exported_at > into->exported_at)
		into->exported_at = doc->exported_at;
	free(doc->decks);
	doc->decks = NULL;
	doc->n_decks = 0;
	progfile_release(doc);
}

static int on_doc(void *ctx, const char *login, const char *text, size_t len)
{
	struct gather *g = ctx;
	struct progfile doc;
	struct swot_err err = {0};
	size_t i = strmap_get(&g->ids, login, strlen(login));
	if (i == STRMAP_NONE)
		return SWOT_OK; /* joined no class asked for since */
	if (progfile_parse(text, len, &doc, &err))
		strlist_push_owned(&g->c->problems, xasprintf("%s (%s): %s", login,
							      g->m[i].name, err.msg));
	else
		merge(&g->p[i], &doc);
	progfile_release(&doc);
	return SWOT_OK;
}

/* The deck c->deck of the student with login, and its cards by id. */
static void map_student(struct gather *g, const char *login)
{
	free(g->login);
	g->login = xstrdup(login);
	g->deck = NULL;
	strmap_release(&g->cards);
	strmap_init(&g->cards);
	size_t i = strmap_get(&g->students, login, strlen(login));
	if (i == STRMAP_NONE)
		return;
	struct progfile *p = &g->c->students[i].p;
	for (size_t d = 0; d < p->n_decks && !g->deck; d++)
		if (!strcmp(p->decks[d].id, g->c->deck))
			g->deck = &p->decks[d];
	if (!g->deck)
		return;
	strmap_reserve(&g->cards, g->deck->n_cards);
	for (size_t k = 0; k < g->deck->n_cards; k++)
		strmap_add(&g->cards, g->deck->cards[k].id, strlen(g->deck->cards[k].id), k);
}

/* A progress file keeps 6 digits of a logged stability: so does this
 * reader, and both sources give the same report to the last digit. */
static double as_in_file(double v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%.6g", v);
	return strtod(buf, NULL);
}

static int on_log(void *ctx, const char *login, const char *card,
		  const struct server_answer *a, size_t n)
{
	struct gather *g = ctx;
	if (!g->login || strcmp(g->login, login))
		map_student(g, login);
	size_t k = g->deck ? strmap_get(&g->cards, card, strlen(card)) : STRMAP_NONE;
	if (k == STRMAP_NONE)
		return SWOT_OK; /* a card retired from the student's deck */
	struct progfile_card *pc = &g->deck->cards[k];
	free(pc->reviews);
	pc->reviews = xcalloc(n ? n : 1, sizeof *pc->reviews);
	pc->n_reviews = n;
	for (size_t i = 0; i < n; i++)
		pc->reviews[i] = (struct progfile_review){
			.time = a[i].time,
			.rating = a[i].rating,
			.kind = a[i].kind == 1   ? STORE_LOG_LEARN
				: a[i].kind == 2 ? STORE_LOG_REVIEW
				: a[i].kind == 3 ? STORE_LOG_RELEARN
						 : STORE_LOG_DRILL,
			.stability = as_in_file(a[i].stability),
		};
	return SWOT_OK;
}

/* Each member with a document into the class; a line for the others. */
static void add_members(struct gather *g)
{
	for (size_t i = 0; i < g->n; i++) {
		if (!g->p[i].n_decks) {
			strlist_push_owned(&g->c->problems,
					   xasprintf("%s (%s): nothing synced yet", g->m[i].login,
						     g->m[i].name));
			continue;
		}
		/* the name the school gave, as the server has it now */
		free(g->p[i].name);
		g->p[i].name = xstrdup(g->m[i].name);
		class_add(g->c, g->m[i].login, &g->p[i]);
	}
}

/* Every student's answers to the class's deck, as their review logs:
 * complete, as a file exported with --reviews. */
static int attach_logs(struct gather *g, struct server *s, struct swot_err *err)
{
	struct class *c = g->c;
	const char **logins = xcalloc(c->n_students ? c->n_students : 1, sizeof *logins);
	for (size_t i = 0; i < c->n_students; i++) {
		logins[i] = c->students[i].source;
		strmap_add(&g->students, logins[i], strlen(logins[i]), i);
	}
	int rc = server_class_reviews(s, logins, c->n_students, c->deck, on_log, g, err);
	for (size_t i = 0; !rc && i < c->n_students; i++) {
		struct progfile *p = &c->students[i].p;
		for (size_t d = 0; d < p->n_decks; d++)
			if (!strcmp(p->decks[d].id, c->deck))
				p->decks[d].has_reviews = 1;
	}
	free(logins);
	return rc;
}

static void gather_release(struct gather *g)
{
	for (size_t i = 0; i < g->n; i++)
		progfile_release(&g->p[i]);
	free(g->p);
	server_members_free(g->m, g->n);
	strmap_release(&g->ids);
	strmap_release(&g->students);
	strmap_release(&g->cards);
	free(g->login);
}

int class_read_server(struct class *c, struct server *s, const char *const *cls,
		      size_t n, const char *deck, struct swot_err *err)
{
	struct gather g = {.c = c};
	strmap_init(&g.ids);
	strmap_init(&g.students);
	strmap_init(&g.cards);
	int rc = server_class_members(s, cls, n, &g.m, &g.n, err);
	if (rc)
		goto out;
	g.p = xcalloc(g.n ? g.n : 1, sizeof *g.p);
	const char **logins = xcalloc(g.n ? g.n : 1, sizeof *logins);
	for (size_t i = 0; i < g.n; i++) {
		logins[i] = g.m[i].login;
		strmap_add(&g.ids, logins[i], strlen(logins[i]), i);
	}
	rc = server_class_progress(s, logins, g.n, deck, on_doc, &g, err);
	free(logins);
	if (rc)
		goto out;
	add_members(&g);
	if (!c->n_students)
		rc = swot_err_set(err, SWOT_EINVAL, "no student of %s has synced yet",
				  n == 1 ? cls[0] : "these classes");
	else if (!(rc = class_choose_deck(c, deck, err)))
		rc = attach_logs(&g, s, err);
out:
	gather_release(&g);
	return rc;
}
