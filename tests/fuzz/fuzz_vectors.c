/*
 * fuzz_vectors.c: the FSRS reference-vectors reader (swot test-fsrs) on
 * any bytes, and the replay of whatever it accepts.  The reader takes a
 * path, so each input goes through a temporary file.  Invariants: a
 * refused file says why; an accepted one replays with every review
 * counted once, matched or not.
 */
#include <unistd.h>

#include "fuzz/fuzz.h"
#include "swot/fsrs_vectors.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (size > 65536)
		return 0;
	if (!path[0]) {
		snprintf(path, sizeof path, "/tmp/swot-fuzz-vectors-%ld.json", (long)getpid());
	}
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	struct fsrs_vectors v;
	struct swot_err err = {0};
	if (fsrs_vectors_load(path, &v, &err) == 0) {
		size_t matched = 0, mismatched = 0, n_first = 0;
		struct fsrs_vec_mismatch first[2];
		fsrs_vectors_check(&v, &matched, &mismatched, first, 2, &n_first);
		if (matched + mismatched != v.n_reviews)
			fuzz_fail("reviews not counted once each", NULL);
	} else if (!err.msg[0]) {
		fuzz_fail("a refused vectors file without a message", NULL);
	}
	fsrs_vectors_release(&v);
	unlink(path);
	return 0;
}
