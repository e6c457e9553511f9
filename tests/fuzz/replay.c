/*
 * replay.c: runs a fuzz target without libFuzzer, once over each file
 * named on the command line (a folder stands for the files in it), so the
 * normal and sanitizer builds replay the committed corpora and crash
 * reproducers in `make check`.  Prints "ok - TARGET: N inputs" for
 * tests/run; a crash or a broken invariant aborts on the input, named on
 * stderr first.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz/fuzz.h"
#include "swot/util.h"

static size_t replay_file(const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	struct swot_err err = {0};
	if (read_file(path, (size_t)64 << 20, &buf, &len, &err)) {
		fprintf(stderr, "replay: %s\n", err.msg);
		exit(1);
	}
	fprintf(stderr, "replay: %s\n", path);
	/* A copy of exactly len bytes, so ASan sees a read past the end. */
	uint8_t *data = xmalloc(len ? len : 1);
	memcpy(data, buf, len);
	free(buf);
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t replay_path(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return 0; /* an absent folder: no reproducers yet */
	if (!S_ISDIR(sb.st_mode))
		return replay_file(path);
	DIR *dir = opendir(path);
	struct strlist names = STRLIST_INIT;
	struct dirent *e;
	size_t n = 0;
	if (!dir)
		return 0;
	while ((e = readdir(dir)))
		if (e->d_name[0] != '.')
			strlist_push(&names, e->d_name);
	closedir(dir);
	if (names.n)
		qsort(names.items, names.n, sizeof *names.items, by_name);
	for (size_t i = 0; i < names.n; i++) {
		char *p = xasprintf("%s/%s", path, names.items[i]);
		n += replay_file(p);
		free(p);
	}
	strlist_release(&names);
	return n;
}

int main(int argc, char **argv)
{
	size_t n = 0;
	const char *name = strrchr(argv[0], '/');
	name = name ? name + 1 : argv[0];
	for (int i = 1; i < argc; i++)
		n += replay_path(argv[i]);
	printf("ok - %s: %zu inputs replayed\n", name, n);
	return 0;
}
