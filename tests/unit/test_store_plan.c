/*
 * test_store_plan.c: the queries that read a whole history, or every card
 * of a collection, keep their plans: one pass over an index in the order
 * wanted, never a lookup into the table per row (but for the cards
 * readiness, cards and export-progress read, and the last weeks of the
 * log), never a sort (EXPLAIN QUERY PLAN on a store made by the
 * migrations, as every user's is).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store_int.h"
#include "testhelp.h"

/* The plan of sql as one string, its rows' details joined by "; ". */
static char *plan(struct store *s, const char *sql)
{
	struct strbuf sb = STRBUF_INIT;
	char *q = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (sb.len)
				strbuf_adds(&sb, "; ");
			strbuf_adds(&sb, (const char *)sqlite3_column_text(st, 3));
		}
	} else {
		strbuf_addf(&sb, "cannot prepare: %s", sqlite3_errmsg(s->db));
	}
	sqlite3_finalize(st);
	free(q);
	return strbuf_detach(&sb);
}

static void check_plan(struct store *s, const char *name, const char *sql,
		       const char *must_have)
{
	char *p = plan(s, sql);
	CHECKF(strstr(p, must_have) && !strstr(p, "TEMP B-TREE") &&
		       !strstr(p, "SCAN review "),
	       "%s: %s", name, must_have);
	if (!strstr(p, must_have) || strstr(p, "TEMP B-TREE"))
		printf("#   plan: %s\n", p);
	free(p);
}

int main(void)
{
	test_plan(11);
	char dir[] = "/tmp/swot-test-plan-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char *path = xasprintf("%s/plan.db", dir);
	struct store *s = NULL;
	struct swot_err err = {0};
	CHECK("a new store opens", store_open(path, &s, &err) == 0);
	if (s) {
		check_plan(s, "the review log, every deck", STORE_SQL_REVIEW_WALK,
			   "COVERING INDEX review_time");
		check_plan(s, "the review log, one deck", STORE_SQL_REVIEW_WALK_DECK,
			   "SEARCH review USING COVERING INDEX review_time");
		check_plan(s, "the cards' schedules, every deck", STORE_SQL_CARD_STATES,
			   "COVERING INDEX card_memory");
		check_plan(s, "the cards' schedules, one deck", STORE_SQL_CARD_STATES_DECK,
			   "COVERING INDEX card_memory (deck_id=? AND retired=?)");
		/* each answer's card looked up, never the deck's cards gathered */
		char *p = plan(s, STORE_SQL_REVIEW_RECENT_DECK);
		int ok = strstr(p, "SEARCH r USING COVERING INDEX review_time (time>?)") &&
			 strstr(p, "SEARCH c USING INTEGER PRIMARY KEY (rowid=?)") &&
			 !strstr(p, "TEMP B-TREE");
		CHECK("the last weeks of one deck's log: from review_time, each answer's "
		      "card looked up", ok);
		if (!ok)
			printf("#   plan: %s\n", p);
		free(p);
		check_plan(s, "what readiness reads of one deck's cards", STORE_SQL_CARDS_BRIEF,
			   "SEARCH c USING INDEX card_order (deck_id=? AND retired=?)");
		/* swot cards and export-progress: every card in deck order, and
		 * every card's log beside it, with nothing sorted */
		check_plan(s, "the cards in deck order", STORE_SQL_CARDS_WALK,
			   "SEARCH c USING INDEX card_order (deck_id=? AND retired=?)");
		p = plan(s, STORE_SQL_CARDS_LOG);
		ok = strstr(p, "SEARCH c USING COVERING INDEX card_order (deck_id=? AND "
			       "retired=?)") &&
		     strstr(p, "SEARCH r USING COVERING INDEX review_card (card_id=?)") &&
		     !strstr(p, "TEMP B-TREE");
		CHECK("every card's log in deck order: card_order, then each card's answers "
		      "from review_card alone",
		      ok);
		if (!ok)
			printf("#   plan: %s\n", p);
		free(p);
		check_plan(s, "every deck's cards counted", STORE_SQL_DECK_COUNTS,
			   "SCAN card USING COVERING INDEX card_memory");
		p = plan(s, STORE_SQL_QUOTE_SPEAKERS);
		ok = strstr(p, "SEARCH ch USING INDEX note_name (deck_id=? AND kind=? AND "
			       "name=?)") != NULL;
		CHECK("a quote's speaker found by name, not by reading every character", ok);
		if (!ok)
			printf("#   plan: %s\n", p);
		free(p);
		store_close(s);
	}
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	unlink(path);
	unlink(wal);
	unlink(shm);
	rmdir(dir);
	free(wal);
	free(shm);
	free(path);
	return test_done();
}
