/*
 * cmd_test_fsrs.c: swot test-fsrs VECTORS.json: replays reference vectors
 * through the scheduler and says whether every review matched.
 *
 * --repeat N (for the benchmark) replays the whole file N times and also
 * prints the replay's throughput.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "swot/cli.h"
#include "swot/fsrs_vectors.h"

#define SHOW_MISMATCHES 10

static double seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int cmd_test_fsrs(int argc, char **argv, struct cli *cli)
{
	struct fsrs_vectors v;
	struct fsrs_vec_mismatch first[SHOW_MISMATCHES];
	struct swot_err err = {0};
	int repeat = 0;
	size_t matched = 0, mismatched = 0, n_first = 0;

	const struct cli_opt opts[] = {
		OPT_INT("--repeat", &repeat, 1, 1000000),
		OPT_END(),
	};
	int rc = cli_parse_files(cli, &argc, argv, opts, 1, "vectors file to replay");
	if (rc != CLI_GO_ON)
		return rc;
	const char *path = argv[0];
	if (fsrs_vectors_load(path, &v, &err)) {
		cli_error("%s", err.msg);
		fsrs_vectors_release(&v);
		return SWOT_EXIT_FAIL;
	}
	if (repeat) {
		double t0 = seconds_now();
		for (int k = 0; k < repeat; k++)
			fsrs_vectors_check(&v, &matched, &mismatched, first,
					   SHOW_MISMATCHES, &n_first);
		double dt = seconds_now() - t0;
		double total = (double)v.n_reviews * (double)repeat;
		printf("replayed %.0f reviews in %.3f s: %.0f reviews/s\n", total, dt,
		       dt > 0 ? total / dt : 0.0);
	} else {
		fsrs_vectors_check(&v, &matched, &mismatched, first, SHOW_MISMATCHES,
				   &n_first);
	}
	printf("%zu reviews, %zu matched, %zu mismatched\n", v.n_reviews, matched,
	       mismatched);
	for (size_t i = 0; i < n_first; i++)
		printf("mismatch: %s: %s review %zu (t=%lld, rating %d): %s\n",
		       first[i].config, first[i].case_id, first[i].index + 1,
		       (long long)first[i].t, first[i].rating, first[i].detail);
	if (mismatched > n_first)
		printf("(%zu more mismatches not shown)\n", mismatched - n_first);
	int ok = !mismatched && v.n_reviews;
	fsrs_vectors_release(&v);
	return ok ? SWOT_EXIT_OK : SWOT_EXIT_FAIL;
}
