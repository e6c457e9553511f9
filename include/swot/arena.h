/*
 * arena.h: memory carved from large chunks and released in one go, for
 * the many small strings and arrays of a deck or an import.  A deck of
 * 100,000 notes holds millions of strings; one malloc each made loading
 * and freeing it cost more than parsing it.
 */
#ifndef SWOT_ARENA_H
#define SWOT_ARENA_H

#include <stddef.h>

struct arena_chunk;

/* Initialise with ARENA_INIT, arena_init or zeroes; arena_release frees
 * every block handed out. */
struct arena {
	struct arena_chunk *chunks;
	unsigned char *p;
	size_t left;
	size_t next_size; /* of the next chunk: they double as the arena grows */
};
#define ARENA_FIRST ((size_t)64 << 10) /* a small arena stays small */
#define ARENA_INIT { NULL, NULL, 0, ARENA_FIRST }

void arena_init(struct arena *a);
/* Frees every block at once and leaves a ready for reuse (a may be NULL). */
void arena_release(struct arena *a);
/* n bytes aligned to align (a power of two), owned by the arena. */
void *arena_alloc(struct arena *a, size_t n, size_t align);
/* An array of count zeroed items of size bytes, aligned for any type
 * (NULL when count is 0). */
void *arena_calloc(struct arena *a, size_t count, size_t size);
/* A NUL-terminated copy of the n bytes at s / of s, owned by the arena. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);

#endif
