/*
 * fsrs_vectors.h: FSRS reference vectors (the shape of ts-fsrs's
 * gen-fsrs-vectors.mjs output) read from JSON and replayed through the
 * scheduler, for `swot test-fsrs`.  Not in the module library: a program
 * that reads vectors links src/fsrs_vectors.c itself, as swot does.
 */
#ifndef SWOT_FSRS_VECTORS_H
#define SWOT_FSRS_VECTORS_H

#include <stddef.h>
#include <stdint.h>

#include "swot/fsrs.h"
#include "swot/util.h"

/* The card after one review, as the reference computed it. */
struct fsrs_vec_expect {
	int state, step;
	double stability, difficulty;
	int elapsed_days, scheduled_days;
	int64_t due;
	int reps, lapses;
	int has_r; /* retrievability is given (not null) */
	double r;
};

struct fsrs_vec_review {
	int64_t t;
	int rating;
	struct fsrs_vec_expect e;
};

/* One card from new: its reviews in order. */
struct fsrs_vec_case {
	char *id; /* owned */
	struct fsrs_vec_review *reviews; /* owned, n of them */
	size_t n;
};

struct fsrs_vec_config {
	char *name; /* owned */
	struct fsrs_params params; /* fuzz off */
	struct fsrs_vec_case *cases; /* owned, n of them */
	size_t n;
};

struct fsrs_vectors {
	char *generator; /* owned; "" when the file names none */
	struct fsrs_vec_config *configs; /* owned, n of them */
	size_t n;
	size_t n_reviews; /* over every config and case */
};

/* Reads a vectors file into *out (released by the caller with
 * fsrs_vectors_release, also on failure).  SWOT_EIO when it cannot be
 * read, SWOT_EINVAL naming what is missing or malformed. */
int fsrs_vectors_load(const char *path, struct fsrs_vectors *out,
		      struct swot_err *err);
void fsrs_vectors_release(struct fsrs_vectors *v);

/* One review that did not match: which, and each field that differed as
 * "name expected X got Y" (owned text). */
struct fsrs_vec_mismatch {
	const char *config;  /* borrowed from the vectors */
	const char *case_id; /* borrowed from the vectors */
	size_t index;        /* the review's index in its case */
	int64_t t;
	int rating;
	char detail[512];
};

/*
 * Replays every case of v from a new card (learning day = UTC date,
 * rollover 0, fuzz off) and compares each review: stability, difficulty
 * and retrievability within 1e-6, the rest exactly.  *matched and
 * *mismatched count reviews; the first max_first mismatches go to
 * first[0..*n_first).  Each case continues from the scheduler's own card,
 * so a divergence shows where it starts.
 */
void fsrs_vectors_check(const struct fsrs_vectors *v, size_t *matched,
			size_t *mismatched, struct fsrs_vec_mismatch *first,
			size_t max_first, size_t *n_first);

#endif
