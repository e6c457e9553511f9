/*
 * util.h: the small shared core every module uses: error reporting,
 * allocation that cannot fail, growable strings and string lists.
 */
#ifndef SWOT_UTIL_H
#define SWOT_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Error codes carried up to main.  0 is success; module functions return
 * one of these negated values and fill a struct swot_err. */
enum {
	SWOT_OK = 0,
	SWOT_EINVAL = -1, /* bad input: a deck, a value, an argument */
	SWOT_EIO = -2,    /* a file could not be read or written */
	SWOT_EDB = -3,    /* the database failed */
	SWOT_EBUSY = -4,  /* the database is held by another swot too long */
	SWOT_ENEWER = -5, /* the database comes from a newer swot */
	SWOT_ENOTFOUND = -6 /* a named deck, card or setting does not exist */
};

#define SWOT_ERR_MAX 1024

/* Filled by a failing module function; msg is lowercase, no final period,
 * ready to print after "swot: ". */
struct swot_err {
	int code;
	char msg[SWOT_ERR_MAX];
};

/* Sets err (when not NULL) and returns code, so callers can write
 * `return swot_err_set(err, SWOT_EINVAL, "...")`. */
int swot_err_set(struct swot_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Allocation wrappers: abort with a message when memory runs out. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
/* xrealloc of count items of size bytes, aborting when the product
 * overflows. */
void *xreallocarray(void *p, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* A newly allocated formatted string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable NUL-terminated byte string.  Initialise with STRBUF_INIT or
 * strbuf_init; strbuf_release frees; strbuf_detach hands the buffer to the
 * caller (who frees it) and leaves the strbuf empty. */
struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};
#define STRBUF_INIT { NULL, 0, 0 }
void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const char *data, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* v in decimal, as "%lld" writes it, without printf's cost (a progress
 * file writes millions). */
void strbuf_add_int(struct strbuf *sb, int64_t v);
/* The contents, never NULL (an empty strbuf gives ""). */
const char *strbuf_str(const struct strbuf *sb);

/* A growable list of owned strings. */
struct strlist {
	char **items;
	size_t n;
	size_t alloc;
};
#define STRLIST_INIT { NULL, 0, 0 }
void strlist_init(struct strlist *l);
void strlist_release(struct strlist *l);
/* Appends a copy of s. */
void strlist_push(struct strlist *l, const char *s);
/* Sorts l's strings in byte order. */
void strlist_sort(struct strlist *l);
/* Whether l holds a string equal to s. */
int strlist_has(const struct strlist *l, const char *s);
/* Appends s itself; the list takes ownership. */
void strlist_push_owned(struct strlist *l, char *s);
/* Joins the items with sep into a new string the caller frees. */
char *strlist_join(const struct strlist *l, const char *sep);
/* Splits s at each sep character into l (appending; empty s gives none). */
void strlist_split(struct strlist *l, const char *s, char sep);

/* strftime of t (Unix seconds) in local time: the one place swot turns
 * a time into words. */
size_t local_strftime(char *buf, size_t size, const char *fmt, int64_t t)
	__attribute__((format(strftime, 3, 0)));

/* Reads a whole file (at most max bytes) into a NUL-terminated buffer the
 * caller frees; *len gets its length.  Fails with SWOT_EIO or SWOT_EINVAL
 * (too large). */
int read_file(const char *path, size_t max, char **out, size_t *len,
	      struct swot_err *err);

/* The code point of a control character that must never reach a
 * terminal as it is at s (C0 but tab and line feed, DEL, C1, and the
 * bidirectional marks and overrides U+061C, U+200E, U+200F, U+202A..U+202E,
 * U+2066..U+2069), with its length in bytes in *len; 0 when s starts with
 * anything else. */
int unsafe_control_at(const char *s, size_t *len);

/* Appends s with each character unsafe_control_at finds (and line feed,
 * unless keep_lines) written visibly instead, as \x1b or \u202e.  For
 * printing text from a deck, a database or the keyboard. */
void strbuf_add_visible(struct strbuf *sb, const char *s, int keep_lines);

/* s as strbuf_add_visible writes it, as a new string the caller frees
 * (NULL gives NULL). */
char *visible_dup(const char *s, int keep_lines);

/* Replaces path with len bytes of data: they go to a new file in path's
 * folder (created with O_EXCL under an unpredictable name, so a symlink
 * planted there is never followed), flushed, then renamed over path, so a
 * reader sees the old file or the whole new one.  A file with the SQLite
 * header, or the file `keep` names (when not NULL), is refused
 * (SWOT_EINVAL) and left as it is.  Fails with SWOT_EIO. */
int write_file_replace(const char *path, const char *data, size_t len,
		       const char *keep, struct swot_err *err);

/* The same written in pieces, for a file too big to hold: open, write
 * as often as needed, then commit (rename over path) or abort (nothing
 * of it left, path as it was).  f->path is borrowed from the caller. */
struct replace_file {
	const char *path;
	char *tmp; /* the new file's name; owned */
	int fd;
};
int replace_file_open(struct replace_file *f, const char *path, const char *keep,
		      struct swot_err *err);
int replace_file_write(struct replace_file *f, const char *data, size_t len,
		       struct swot_err *err);
/* Closes f, and aborts it when it fails. */
int replace_file_commit(struct replace_file *f, struct swot_err *err);
void replace_file_abort(struct replace_file *f);

/* The value of hex digit c (either case), or -1. */
int hex_digit_value(char c);

/* s after its leading article, "the", "a" or "an" (any case) and the spaces
 * after it, when a word follows; else NULL.  A pointer into s: "Porter"
 * for "the Porter", NULL for "Anne", "A-level" and "the".  The answer
 * checker takes a name without its article (check.h), so what shows or
 * completes a name must reckon with that form too. */
const char *skip_article(const char *s);

/* 64-bit FNV-1a, for content hashes; feed consecutive pieces through h. */
#define FNV1A_INIT UINT64_C(0xcbf29ce484222325)
uint64_t fnv1a(uint64_t h, const void *data, size_t n);

/*
 * Makes room for nr items in the array x, which has room for alloc (Git's
 * ALLOC_GROW): when nr exceeds alloc, x is reallocated to the larger of nr
 * and half as much again as alloc plus 16, and alloc updated.  x and alloc
 * are evaluated more than once.  Typical use, before storing item n:
 *     ALLOC_GROW(v, n + 1, alloc);
 */
#define ALLOC_NR(x) (((x) + 16) * 3 / 2)
#define ALLOC_GROW(x, nr, alloc)                                              \
	do {                                                                  \
		if ((nr) > (alloc)) {                                         \
			(alloc) = ALLOC_NR(alloc) < (nr) ? (nr) : ALLOC_NR(alloc); \
			(x) = xreallocarray((x), (alloc), sizeof *(x));       \
		}                                                             \
	} while (0)

/*
 * splitmix64 (Steele, Lea and Flood), the one generator swot uses where a
 * choice must look random yet repeat exactly: FSRS's interval fuzz, choice
 * option order, exam-window spreading, simulated reviews.  The sequences
 * are part of swot's behaviour (tests pin them): never change the
 * constants.
 */
/* The generator's step: 2^64 over the golden ratio, odd, so that adding
 * it visits every state; also what spreads small counts over 64 bits. */
#define SPLITMIX64_GAMMA UINT64_C(0x9e3779b97f4a7c15)

/* Advances *state and returns the next value. */
static inline uint64_t splitmix64_next(uint64_t *state)
{
	uint64_t z = (*state += SPLITMIX64_GAMMA);
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* The value a generator seeded with x gives first: a well-mixed hash of
 * one 64-bit value. */
static inline uint64_t splitmix64_mix(uint64_t x)
{
	return splitmix64_next(&x);
}

/* A double uniform in [0, 1) from the next value (its top 53 bits). */
static inline double splitmix64_uniform(uint64_t *state)
{
	return (double)(splitmix64_next(state) >> 11) * 0x1.0p-53;
}

/*
 * The hash table: byte strings to indices (size_t), open addressing with
 * linear probes.  Keys are borrowed: the n bytes of each must stay alive
 * and unchanged while the map holds it.  Strings are keys without their
 * NUL; i64map below keeps 64-bit ids in it as 8-byte keys.
 * Initialise with STRMAP_INIT (or strmap_init); strmap_release frees.
 */
struct strmap_slot {
	const char *key; /* NULL when empty; not owned */
	uint32_t len;    /* of key, in bytes */
	uint32_t hash;   /* low half of strmap_hash: the home slot, and a
			  * compare skipped for most keys */
	uint32_t idx;
};

struct strmap {
	struct strmap_slot *slots;
	size_t cap, n; /* cap is a power of two, kept at least 5/4 of n: a
			* smaller table stays in the caches, which matters more
			* than short probes */
};
#define STRMAP_INIT { NULL, 0, 0 }
#define STRMAP_NONE ((size_t)-1)

/* The hash of n bytes at s: FNV-1a finished with MurmurHash3's mixer. */
uint64_t strmap_hash(const char *s, size_t n);
void strmap_init(struct strmap *m);
void strmap_release(struct strmap *m);
/* Makes room for n keys in all, so a map sized up front never rehashes. */
void strmap_reserve(struct strmap *m, size_t n);
/* Empties the map, keeping its room. */
void strmap_clear(struct strmap *m);
/* The index stored for the n bytes at key, or STRMAP_NONE. */
size_t strmap_get(const struct strmap *m, const char *key, size_t n);
/* Adds key (n bytes, below 2^32; borrowed) -> idx (below 2^32).  key must
 * not be in the map yet: use strmap_add when it may be. */
void strmap_put(struct strmap *m, const char *key, size_t n, size_t idx);
/* Adds key -> idx unless key is there; returns the index already stored,
 * or STRMAP_NONE when it was added. */
size_t strmap_add(struct strmap *m, const char *key, size_t n, size_t idx);

/*
 * 64-bit ids to 64-bit values: the hash table above with each id's 8
 * bytes as its key, the ids and values kept here in the order added.
 * Initialise with I64MAP_INIT; i64map_release frees.
 */
struct i64map {
	struct strmap map; /* id -> its place in key and val */
	int64_t *key, *val;
	size_t n, alloc;
};
#define I64MAP_INIT { STRMAP_INIT, NULL, NULL, 0, 0 }
/* Adds key -> val unless key is there; returns the value already stored
 * (then nothing changes), or NULL when it was added. */
const int64_t *i64map_add(struct i64map *m, int64_t key, int64_t val);
/* Empties the map, keeping its room. */
void i64map_clear(struct i64map *m);
void i64map_release(struct i64map *m);

#endif
