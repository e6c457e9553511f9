/*
 * arena.c: chunked memory released in one go (see arena.h).
 */
#include "swot/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "swot/util.h"

struct arena_chunk {
	struct arena_chunk *next;
	size_t size; /* bytes mapped, when mapped */
	int mapped;  /* from mmap (large chunks), else from malloc */
};

#define ARENA_LAST ((size_t)32 << 20)
#define ARENA_HUGE ((size_t)2 << 20) /* chunks this big are mapped */
#define ARENA_HEAD ((size_t)32) /* the chunk header, rounded up for alignment */

/*
 * A chunk of at least n usable bytes.  Large ones are mapped and, where
 * the system has transparent huge pages, use them: a large deck touches
 * ~100 MB, and on virtual machines a page fault per 4 KiB cost as much as
 * all the parsing.
 */
static struct arena_chunk *chunk_new(size_t n)
{
	size_t want = ARENA_HEAD + n;
	if (want >= ARENA_HUGE) {
		size_t size = (want + ARENA_HUGE - 1) / ARENA_HUGE * ARENA_HUGE;
		void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p != MAP_FAILED) {
#ifdef MADV_HUGEPAGE
			madvise(p, size, MADV_HUGEPAGE);
#endif
			struct arena_chunk *ch = p;
			ch->size = size;
			ch->mapped = 1;
			return ch;
		}
	}
	struct arena_chunk *ch = xmalloc(want);
	ch->size = want;
	ch->mapped = 0;
	return ch;
}

void arena_init(struct arena *a)
{
	*a = (struct arena)ARENA_INIT;
}

void *arena_alloc(struct arena *a, size_t n, size_t align)
{
	if (!a->next_size) /* zeroed rather than initialised: as ARENA_INIT */
		a->next_size = ARENA_FIRST;
	size_t pad = a->p ? (size_t)(-(uintptr_t)a->p) & (align - 1) : 0;
	if (!a->p || pad + n > a->left) {
		if (n > a->next_size / 4) {
			/* a large block gets a chunk of its own, leaving the
			 * current one in use */
			struct arena_chunk *big = chunk_new(n);
			if (a->chunks) {
				big->next = a->chunks->next;
				a->chunks->next = big;
			} else {
				big->next = NULL;
				a->chunks = big;
			}
			return (unsigned char *)big + ARENA_HEAD;
		}
		struct arena_chunk *ch = chunk_new(a->next_size);
		ch->next = a->chunks;
		a->chunks = ch;
		a->p = (unsigned char *)ch + ARENA_HEAD;
		a->left = ch->size - ARENA_HEAD;
		if (a->next_size < ARENA_LAST)
			a->next_size *= 2;
		pad = 0;
	}
	void *r = a->p + pad;
	a->p += pad + n;
	a->left -= pad + n;
	return r;
}

void arena_release(struct arena *a)
{
	if (!a)
		return;
	for (struct arena_chunk *ch = a->chunks, *next; ch; ch = next) {
		next = ch->next;
		if (ch->mapped)
			munmap(ch, ch->size);
		else
			free(ch);
	}
	arena_init(a);
}

void *arena_calloc(struct arena *a, size_t count, size_t size)
{
	if (!count)
		return NULL;
	if (size && count > SIZE_MAX / size)
		abort();
	void *p = arena_alloc(a, count * size, _Alignof(max_align_t));
	memset(p, 0, count * size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *r = arena_alloc(a, n + 1, 1);
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}
