/*
 * test_util.c: the shared helpers: the string map, the arena, splitmix64
 * and ALLOC_GROW.
 */
#include <stdint.h>
#include <stdlib.h>

#include "swot/arena.h"
#include "swot/util.h"
#include "testhelp.h"

static void test_strmap(void)
{
	struct strmap m = STRMAP_INIT;
	char keys[5000][16];
	CHECK("an empty map finds nothing", strmap_get(&m, "q1/cloze", 8) == STRMAP_NONE);
	/* ids that differ in one digit, the case raw FNV clusters */
	for (size_t i = 0; i < 5000; i++) {
		snprintf(keys[i], sizeof keys[i], "q%zu/cloze", i);
		strmap_put(&m, keys[i], strlen(keys[i]), i);
	}
	int all = 1;
	for (size_t i = 0; i < 5000; i++)
		all &= strmap_get(&m, keys[i], strlen(keys[i])) == i;
	CHECK("5000 keys put through growth are all found", all);
	CHECK("a key not put is not found", strmap_get(&m, "q5000/cloze", 11) == STRMAP_NONE);
	CHECK("a prefix of a key is not the key", strmap_get(&m, "q12/cloz", 8) == STRMAP_NONE);
	CHECK("the length counts, not the NUL",
	      strmap_get(&m, "q12/clozeXYZ", 9) == 12);
	CHECK("strmap_add returns the index already there",
	      strmap_add(&m, keys[7], strlen(keys[7]), 99) == 7);
	CHECK("strmap_add adds a new key", strmap_add(&m, "new", 3, 42) == STRMAP_NONE &&
	      strmap_get(&m, "new", 3) == 42);
	CHECK("the map keeps at least a fifth of its slots free", m.cap >= m.n + m.n / 4);
	strmap_release(&m);
	CHECK("a released map is empty", m.n == 0 && m.cap == 0 && !m.slots);
}

static void test_arena(void)
{
	struct arena a = {0}; /* zeroes work as ARENA_INIT */
	char *s = arena_strdup(&a, "weeping");
	CHECK_STR("arena_strdup copies", s, "weeping");
	CHECK_STR("arena_strndup stops at n", arena_strndup(&a, "weeping", 4), "weep");
	int ok = 1;
	for (int i = 0; i < 100000; i++) {
		double *d = arena_alloc(&a, sizeof *d, _Alignof(double));
		ok &= ((uintptr_t)d % _Alignof(double)) == 0;
		*d = i;
	}
	CHECK("blocks are aligned as asked", ok);
	unsigned char *big = arena_calloc(&a, 3 << 20, 1); /* a chunk of its own */
	CHECK("a large zeroed block is zeroed", big[0] == 0 && big[(3 << 20) - 1] == 0);
	CHECK_STR("earlier strings survive later chunks", s, "weeping");
	CHECK("arena_calloc of nothing is NULL", arena_calloc(&a, 0, 8) == NULL);
	arena_release(&a);
	CHECK("a released arena is ready again", a.chunks == NULL && a.next_size == ARENA_FIRST);
	arena_release(&a);
}

static void test_splitmix(void)
{
	/* The reference sequence of splitmix64 seeded with 0 (Vigna's
	 * splitmix64.c); swot's fuzz and shuffles rest on it. */
	uint64_t st = 0;
	CHECK("first value from seed 0", splitmix64_next(&st) == UINT64_C(0xe220a8397b1dcdaf));
	CHECK("second value from seed 0", splitmix64_next(&st) == UINT64_C(0x6e789e6aa1b965f4));
	CHECK("third value from seed 0", splitmix64_next(&st) == UINT64_C(0x06c45d188009454f));
	CHECK("splitmix64_mix is the first value of a generator seeded so",
	      splitmix64_mix(0) == UINT64_C(0xe220a8397b1dcdaf));
	st = 12345;
	int in = 1;
	for (int i = 0; i < 1000; i++) {
		double u = splitmix64_uniform(&st);
		in &= u >= 0 && u < 1;
	}
	CHECK("uniform values fall in [0, 1)", in);
}

static void test_alloc_grow(void)
{
	int *v = NULL;
	size_t n = 0, alloc = 0;
	for (int i = 0; i < 1000; i++) {
		ALLOC_GROW(v, n + 1, alloc);
		v[n++] = i;
	}
	int ok = alloc >= n;
	for (size_t i = 0; i < n; i++)
		ok &= v[i] == (int)i;
	CHECK("ALLOC_GROW keeps room and contents", ok);
	size_t before = alloc;
	ALLOC_GROW(v, 10, alloc);
	CHECK("ALLOC_GROW never shrinks", alloc == before);
	ALLOC_GROW(v, 100000, alloc);
	CHECK("ALLOC_GROW makes room for a jump", alloc >= 100000);
	v[99999] = 1;
	free(v);
}

static void test_i64map(void)
{
	struct i64map m = I64MAP_INIT;
	int ok = 1;
	for (int64_t k = 1; k <= 5000; k++) /* past several growths */
		ok &= i64map_add(&m, k * 7919, k) == NULL;
	CHECK("i64map_add adds each new key", ok && m.n == 5000 && m.n <= m.alloc);
	const int64_t *v = i64map_add(&m, 12 * 7919, -1);
	CHECK("i64map_add keeps and returns the value already there", v && *v == 12);
	size_t alloc = m.alloc;
	i64map_clear(&m);
	CHECK("i64map_clear empties the map and keeps its room",
	      m.n == 0 && m.alloc == alloc && i64map_add(&m, 12 * 7919, 5) == NULL);
	i64map_release(&m);
	CHECK("i64map_release leaves an empty map", m.n == 0 && !m.alloc && !m.key);
}

static void test_skip_article(void)
{
	static const struct { const char *in, *want; } rows[] = {
		{ "the Porter", "Porter" }, { "The  Witches", "Witches" },
		{ "a novella", "novella" }, { "An aside", "aside" },
		{ "the", NULL }, { "the ", NULL }, { "Anne", NULL }, { "Theo", NULL },
		{ "A-level", NULL }, { "Porter", NULL }, { "", NULL },
		{ "Ghost of the Future", NULL },
	};
	int ok = 1;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const char *got = skip_article(rows[i].in);
		if (rows[i].want ? !got || strcmp(got, rows[i].want) : got != NULL) {
			printf("#   \"%s\": got %s\n", rows[i].in, got ? got : "NULL");
			ok = 0;
		}
	}
	CHECK("skip_article: a leading the, a or an before a word, nothing else", ok);
}

int main(void)
{
	test_plan(29);
	test_strmap();
	test_arena();
	test_splitmix();
	test_alloc_grow();
	test_i64map();
	test_skip_article();
	return test_done();
}
