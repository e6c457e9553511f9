/*
 * testhelp.h: the unit-test harness.  Each check prints one line, "ok - NAME"
 * or "not ok - NAME (FILE:LINE: CONDITION)", which tests/run counts.  A
 * test first declares how many checks it runs (TAP's plan, "1..N"), so
 * that tests/run can tell a test that stopped early, or skipped checks,
 * from one that passed.
 *
 *	test_plan(12);
 *	CHECK("retention at S days is 0.9", fabs(r - 0.9) < 1e-9);
 *	CHECKF(cond, "name %d", i);
 *	return test_done();
 */
#ifndef SWOT_TESTHELP_H
#define SWOT_TESTHELP_H

#include <stdio.h>
#include <string.h>

static int test_passed, test_failed;

#define CHECKF(cond, ...)                                                    \
	do {                                                                 \
		char test_name_[512];                                        \
		snprintf(test_name_, sizeof test_name_, __VA_ARGS__);        \
		if (cond) {                                                  \
			test_passed++;                                       \
			printf("ok - %s\n", test_name_);                     \
		} else {                                                     \
			test_failed++;                                       \
			printf("not ok - %s (%s:%d: %s)\n", test_name_,      \
			       __FILE__, __LINE__, #cond);                   \
		}                                                            \
	} while (0)

#define CHECK(name, cond) CHECKF(cond, "%s", name)

/* Compares two strings, printing both when they differ. */
#define CHECK_STR(name, got, want)                                           \
	do {                                                                 \
		const char *g_ = (got), *w_ = (want);                        \
		int same_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_;     \
		CHECK(name, same_);                                          \
		if (!same_)                                                  \
			printf("#   got:  %s\n#   want: %s\n",               \
			       g_ ? g_ : "(null)", w_ ? w_ : "(null)");      \
	} while (0)

/* Declares the number of checks the test runs; call it first. */
static inline void test_plan(int n)
{
	printf("1..%d\n", n);
}

static inline int test_done(void)
{
	fflush(stdout);
	return test_failed ? 1 : 0;
}

#endif
