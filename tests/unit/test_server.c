/*
 * test_server.c: what the server module does without a server: the
 * password taken out of an address (so it is never stored with it), and
 * the stable id of an answer.  tests/e2e/test_server.py and test_sync.py
 * run the rest against a real PostgreSQL.
 */
#include <stdlib.h>
#include <string.h>

#include "swot/server.h"
#include "testhelp.h"

/* Splits url; "bare|password" (password "-" when none) in buf. */
static const char *split(const char *url, char *buf, size_t size)
{
	char *bare = NULL, *password = NULL;
	struct swot_err err = {0};
	if (server_split_password(url, &bare, &password, &err))
		snprintf(buf, size, "error: %.400s", err.msg);
	else
		snprintf(buf, size, "%s|%s", bare, password ? password : "-");
	free(bare);
	free(password);
	return buf;
}

int main(void)
{
	char buf[512];
	test_plan(11);
	CHECK_STR("a URL's password is taken out of it",
		  split("postgresql://s_sam:S3cret@school.example:5432/swot", buf, sizeof buf),
		  "postgresql://s_sam@school.example:5432/swot|S3cret");
	CHECK_STR("sslmode and other parameters stay",
		  split("postgresql://s_sam:pw@h/db?sslmode=require&connect_timeout=5", buf,
			sizeof buf),
		  "postgresql://s_sam@h/db?sslmode=require&connect_timeout=5|pw");
	CHECK_STR("a percent-encoded password is decoded",
		  split("postgres://u:p%40ss%3Aw@h/db", buf, sizeof buf),
		  "postgres://u@h/db|p@ss:w");
	CHECK_STR("a password parameter is taken out too",
		  split("postgresql://u@h/db?password=xyz&sslmode=verify-full", buf, sizeof buf),
		  "postgresql://u@h/db?sslmode=verify-full|xyz");
	CHECK_STR("an address without a password is left as it is",
		  split("postgresql://u@h:5433/db", buf, sizeof buf), "postgresql://u@h:5433/db|-");
	CHECK_STR("key=value words lose only the password",
		  split("host=h user=u password=p dbname=d", buf, sizeof buf),
		  "user='u' dbname='d' host='h'|p");
	CHECK("something that is not an address is refused",
	      !strncmp(split("host=h nonsense", buf, sizeof buf), "error: not a server address",
		       27));

	int64_t a = server_review_id("nlmg", "kathy/who", 1700000000, 3);
	CHECK("an answer's id is the same every time",
	      a == server_review_id("nlmg", "kathy/who", 1700000000, 3));
	CHECK("and positive (PostgreSQL's bigint)", a > 0);
	CHECK("another second, rating or card is another answer",
	      a != server_review_id("nlmg", "kathy/who", 1700000001, 3) &&
		      a != server_review_id("nlmg", "kathy/who", 1700000000, 4) &&
		      a != server_review_id("nlmg", "kathy/describe", 1700000000, 3));
	CHECK("the same card id in another deck is another answer",
	      a != server_review_id("macbeth", "kathy/who", 1700000000, 3));
	return test_done();
}
