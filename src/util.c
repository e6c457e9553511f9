/*
 * util.c: errors, allocation, strbuf, strlist, the string map, whole-file
 * reads.
 */
#include "swot/util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int swot_err_set(struct swot_err *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		err->code = code;
	}
	return code;
}

static void out_of_memory(size_t n)
{
	fprintf(stderr, "swot: out of memory (%zu bytes)\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *xcalloc(size_t count, size_t n)
{
	void *p = calloc(count ? count : 1, n ? n : 1);
	if (!p)
		out_of_memory(count * n);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

void *xreallocarray(void *p, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		out_of_memory(SIZE_MAX);
	return xrealloc(p, count * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	return strbuf_detach(&sb);
}

void strbuf_init(struct strbuf *sb)
{
	sb->buf = NULL;
	sb->len = sb->alloc = 0;
}

void strbuf_release(struct strbuf *sb)
{
	free(sb->buf);
	strbuf_init(sb);
}

char *strbuf_detach(struct strbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");
	strbuf_init(sb);
	return p;
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

static void strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	if (need <= sb->alloc)
		return;
	ALLOC_GROW(sb->buf, need, sb->alloc);
}

void strbuf_add(struct strbuf *sb, const char *data, size_t n)
{
	strbuf_grow(sb, n);
	memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void strbuf_adds(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addc(struct strbuf *sb, char c)
{
	strbuf_grow(sb, 1); /* JSON writers call this millions of times: no memcpy */
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

void strbuf_add_int(struct strbuf *sb, int64_t v)
{
	char buf[24], *p = buf + sizeof buf;
	/* the magnitude as unsigned, so INT64_MIN has one too */
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	strbuf_add(sb, p, (size_t)(buf + sizeof buf - p));
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	/* Format straight into the spare room, and only when that is too
	 * small grow and format again: most pieces fit the first time, and
	 * formatting is what deck expansion spends its time on. */
	va_list ap2;
	va_copy(ap2, ap);
	strbuf_grow(sb, 64);
	size_t avail = sb->alloc - sb->len;
	int n = vsnprintf(sb->buf + sb->len, avail, fmt, ap);
	if (n < 0) {
		sb->buf[sb->len] = '\0';
	} else {
		if ((size_t)n >= avail) {
			strbuf_grow(sb, (size_t)n);
			vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap2);
		}
		sb->len += (size_t)n;
	}
	va_end(ap2);
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

const char *strbuf_str(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

void strlist_init(struct strlist *l)
{
	l->items = NULL;
	l->n = l->alloc = 0;
}

void strlist_release(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
	strlist_init(l);
}

void strlist_push_owned(struct strlist *l, char *s)
{
	ALLOC_GROW(l->items, l->n + 1, l->alloc);
	l->items[l->n++] = s;
}

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void strlist_sort(struct strlist *l)
{
	if (l->n)
		qsort(l->items, l->n, sizeof *l->items, cmp_strp);
}

int strlist_has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->items[i], s))
			return 1;
	return 0;
}

void strlist_push(struct strlist *l, const char *s)
{
	strlist_push_owned(l, xstrdup(s));
}

char *strlist_join(const struct strlist *l, const char *sep)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			strbuf_adds(&sb, sep);
		strbuf_adds(&sb, l->items[i]);
	}
	return strbuf_detach(&sb);
}

void strlist_split(struct strlist *l, const char *s, char sep)
{
	if (!s || !*s)
		return;
	for (;;) {
		const char *e = strchr(s, sep);
		if (!e) {
			strlist_push(l, s);
			return;
		}
		strlist_push_owned(l, xstrndup(s, (size_t)(e - s)));
		s = e + 1;
	}
}

int read_file(const char *path, size_t max, char **out, size_t *len,
	      struct swot_err *err)
{
	int rc = SWOT_OK;
	struct strbuf sb = STRBUF_INIT;
	FILE *f = fopen(path, "rb");
	if (!f)
		return swot_err_set(err, SWOT_EIO, "%s: %s", path, strerror(errno));
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (sb.len + n > max) {
			rc = swot_err_set(err, SWOT_EINVAL,
					  "%s: file is larger than %zu bytes",
					  path, max);
			goto out;
		}
		strbuf_add(&sb, chunk, n);
	}
	if (ferror(f)) {
		rc = swot_err_set(err, SWOT_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	*len = sb.len;
	*out = strbuf_detach(&sb);
out:
	fclose(f);
	if (rc)
		strbuf_release(&sb);
	return rc;
}

int unsafe_control_at(const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	*len = 1;
	if ((p[0] < 0x20 && p[0] && p[0] != '\t' && p[0] != '\n') || p[0] == 0x7f)
		return p[0];
	*len = 2;
	if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
		return p[1];
	if (p[0] == 0xd8 && p[1] == 0x9c)
		return 0x061c;
	*len = 3;
	if (p[0] == 0xe2 && p[1] == 0x80 &&
	    (p[2] == 0x8e || p[2] == 0x8f || (p[2] >= 0xaa && p[2] <= 0xae)))
		return 0x2000 | (p[2] - 0x80);
	if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)
		return 0x2040 | (p[2] - 0x80);
	*len = 1;
	return 0;
}

void strbuf_add_visible(struct strbuf *sb, const char *s, int keep_lines)
{
	while (*s) {
		/* a run of printable ASCII, tabs and kept line feeds, at once */
		size_t n = 0;
		while ((s[n] >= 0x20 && s[n] < 0x7f) || s[n] == '\t' || (s[n] == '\n' && keep_lines))
			n++;
		if (n) {
			strbuf_add(sb, s, n);
			s += n;
			continue;
		}
		n = 1;
		int cp = *s == '\n' ? (keep_lines ? 0 : '\n') : unsafe_control_at(s, &n);
		if (!cp) {
			strbuf_addc(sb, *s++);
			continue;
		}
		if (cp < 0x100)
			strbuf_addf(sb, "\\x%02x", (unsigned)cp);
		else
			strbuf_addf(sb, "\\u%04x", (unsigned)cp);
		s += n;
	}
}

char *visible_dup(const char *s, int keep_lines)
{
	if (!s)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	strbuf_add_visible(&sb, s, keep_lines);
	return sb.buf ? strbuf_detach(&sb) : xstrdup("");
}

/* Whether path names an existing file that must not be replaced: the
 * one keep names (the same inode, whatever the spelling) or a database. */
static int must_keep(const char *path, const char *keep)
{
	struct stat a, b;
	if (stat(path, &a) != 0)
		return 0;
	if (keep && stat(keep, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		return 1;
	char head[16] = {0};
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	size_t n = fread(head, 1, sizeof head, f);
	fclose(f);
	return n == sizeof head && !memcmp(head, "SQLite format 3", 16);
}

/* Creates a new file beside path with O_EXCL and a random name, filling
 * tmp (a buffer of strlen(path) + 8 bytes); returns its descriptor. */
static int create_beside(const char *path, char *tmp)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	for (int tries = 0; tries < 100; tries++) {
		/* mkstemp would do, but the name must keep path's folder and a
		 * leading dot, so a half-written file is hidden. */
		memcpy(tmp, path, dirlen);
		tmp[dirlen] = '.';
		strcpy(tmp + dirlen + 1, "XXXXXX");
		int fd = mkstemp(tmp);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

/*
 * The new file of the replace_file being written, removed if a signal ends
 * swot before it is committed or aborted: Ctrl-C during a long export, or
 * the file-size limit, would otherwise leave a hidden half-written file
 * beside the real one.  One at a time: swot writes one such file at once.
 */
static char *volatile in_flight;
static const int ending_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGXFSZ};
static struct sigaction before[sizeof ending_signals / sizeof *ending_signals];

static void remove_in_flight(int sig)
{
	char *tmp = in_flight;
	if (tmp && tmp[0])
		unlink(tmp); /* async-signal-safe */
	signal(sig, SIG_DFL);
	raise(sig);
}

static void watch_in_flight(char *tmp)
{
	struct sigaction sa;

	if (in_flight)
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = remove_in_flight;
	sigemptyset(&sa.sa_mask);
	in_flight = tmp;
	for (size_t i = 0; i < sizeof ending_signals / sizeof *ending_signals; i++) {
		sigaction(ending_signals[i], NULL, &before[i]);
		if (before[i].sa_handler != SIG_IGN) /* nohup's stays */
			sigaction(ending_signals[i], &sa, NULL);
	}
}

static void unwatch_in_flight(const char *tmp)
{
	if (!tmp || in_flight != tmp)
		return;
	for (size_t i = 0; i < sizeof ending_signals / sizeof *ending_signals; i++)
		sigaction(ending_signals[i], &before[i], NULL);
	in_flight = NULL;
}

int replace_file_open(struct replace_file *f, const char *path, const char *keep,
		      struct swot_err *err)
{
	f->path = path;
	f->tmp = NULL;
	f->fd = -1;
	if (must_keep(path, keep))
		return swot_err_set(err, SWOT_EINVAL,
				    "will not write over %s: it is a database", path);
	f->tmp = xmalloc(strlen(path) + 9);
	f->tmp[0] = '\0';
	watch_in_flight(f->tmp); /* before the file exists: no moment unwatched */
	f->fd = create_beside(path, f->tmp);
	if (f->fd < 0) {
		int rc = swot_err_set(err, SWOT_EIO, "cannot write %s: %s", path,
				      strerror(errno));
		unwatch_in_flight(f->tmp);
		free(f->tmp);
		f->tmp = NULL;
		return rc;
	}
	return SWOT_OK;
}

int replace_file_write(struct replace_file *f, const char *data, size_t len,
		       struct swot_err *err)
{
	for (size_t done = 0; done < len;) {
		ssize_t w = write(f->fd, data + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return swot_err_set(err, SWOT_EIO, "cannot write %s: %s", f->path,
					    w < 0 ? strerror(errno) : "nothing written");
		done += (size_t)w;
	}
	return SWOT_OK;
}

int replace_file_commit(struct replace_file *f, struct swot_err *err)
{
	/* mkstemp makes the file 0600; a report is for sharing. */
	mode_t mask = umask(0);
	umask(mask);
	int rc = SWOT_OK;
	if (fchmod(f->fd, 0666 & ~mask) != 0 || fsync(f->fd) != 0)
		rc = SWOT_EIO;
	if (close(f->fd) != 0)
		rc = SWOT_EIO;
	f->fd = -1;
	if (!rc && rename(f->tmp, f->path) != 0)
		rc = SWOT_EIO;
	if (rc) {
		swot_err_set(err, SWOT_EIO, "cannot write %s: %s", f->path, strerror(errno));
		unlink(f->tmp);
	}
	unwatch_in_flight(f->tmp);
	free(f->tmp);
	f->tmp = NULL;
	return rc;
}

void replace_file_abort(struct replace_file *f)
{
	if (f->fd >= 0)
		close(f->fd);
	if (f->tmp)
		unlink(f->tmp);
	unwatch_in_flight(f->tmp);
	free(f->tmp);
	f->tmp = NULL;
	f->fd = -1;
}

int write_file_replace(const char *path, const char *data, size_t len,
		       const char *keep, struct swot_err *err)
{
	struct replace_file f;
	int rc = replace_file_open(&f, path, keep, err);
	if (!rc && (rc = replace_file_write(&f, data, len, err)))
		replace_file_abort(&f);
	else if (!rc)
		rc = replace_file_commit(&f, err);
	return rc;
}

int hex_digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

const char *skip_article(const char *s)
{
	static const char *const articles[] = { "the", "a", "an" };

	for (size_t a = 0; a < sizeof articles / sizeof articles[0]; a++) {
		size_t k = strlen(articles[a]);
		if (strncasecmp(s, articles[a], k) != 0 || (s[k] != ' ' && s[k] != '\t'))
			continue;
		const char *w = s + k;
		while (*w == ' ' || *w == '\t')
			w++;
		return *w ? w : NULL;
	}
	return NULL;
}

uint64_t fnv1a(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

/* ---- the string map ---- */

/* On its own, FNV's low bits (the ones a slot index takes) hardly differ
 * between keys such as "q123/cloze" and "q124/cloze", and the probes pile
 * up: MurmurHash3's finaliser spreads them. */
uint64_t strmap_hash(const char *s, size_t n)
{
	uint64_t h = fnv1a(FNV1A_INIT, s, n);
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return h;
}

void strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof *m);
}

void strmap_release(struct strmap *m)
{
	free(m->slots);
	memset(m, 0, sizeof *m);
}

void strmap_reserve(struct strmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 256;
	while (cap < n + n / 4)
		cap *= 2;
	if (cap == m->cap)
		return;
	/* a slot keeps the low half of its key's hash: enough for any home
	 * slot, so growing never reads a key */
	struct strmap_slot *slots = xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < m->cap; i++) {
		struct strmap_slot *o = &m->slots[i];
		if (!o->key)
			continue;
		size_t j = o->hash & (cap - 1);
		while (slots[j].key)
			j = (j + 1) & (cap - 1);
		slots[j] = *o;
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

void strmap_clear(struct strmap *m)
{
	if (m->cap)
		memset(m->slots, 0, m->cap * sizeof *m->slots);
	m->n = 0;
}

/* The slot holding key, or the empty slot where it would go (the map has
 * at least one slot). */
static size_t strmap_slot(const struct strmap *m, const char *key, size_t n,
			  uint32_t h)
{
	size_t j = h & (m->cap - 1);
	for (; m->slots[j].key; j = (j + 1) & (m->cap - 1)) {
		const struct strmap_slot *s = &m->slots[j];
		if (s->hash == h && s->len == n && !memcmp(s->key, key, n))
			break;
	}
	return j;
}

size_t strmap_get(const struct strmap *m, const char *key, size_t n)
{
	if (!m->cap)
		return STRMAP_NONE;
	const struct strmap_slot *s =
		&m->slots[strmap_slot(m, key, n, (uint32_t)strmap_hash(key, n))];
	return s->key ? s->idx : STRMAP_NONE;
}

void strmap_put(struct strmap *m, const char *key, size_t n, size_t idx)
{
	if (m->n + 1 + (m->n + 1) / 4 > m->cap)
		strmap_reserve(m, m->n + 1);
	uint32_t h = (uint32_t)strmap_hash(key, n);
	size_t j = h & (m->cap - 1);
	while (m->slots[j].key)
		j = (j + 1) & (m->cap - 1);
	m->slots[j] = (struct strmap_slot){key, (uint32_t)n, h, (uint32_t)idx};
	m->n++;
}

size_t strmap_add(struct strmap *m, const char *key, size_t n, size_t idx)
{
	size_t had = strmap_get(m, key, n);
	if (had == STRMAP_NONE)
		strmap_put(m, key, n, idx);
	return had;
}

/* ---- ids in the map ---- */

const int64_t *i64map_add(struct i64map *m, int64_t key, int64_t val)
{
	size_t i = strmap_get(&m->map, (const char *)&key, sizeof key);
	if (i != STRMAP_NONE)
		return &m->val[i];
	if (m->n == m->alloc) {
		/* the map's keys point into key: moved, they are put again */
		m->alloc = m->alloc ? 2 * m->alloc : 256;
		m->key = xreallocarray(m->key, m->alloc, sizeof *m->key);
		m->val = xreallocarray(m->val, m->alloc, sizeof *m->val);
		strmap_clear(&m->map);
		strmap_reserve(&m->map, m->alloc);
		for (size_t j = 0; j < m->n; j++)
			strmap_put(&m->map, (const char *)&m->key[j], sizeof *m->key, j);
	}
	m->key[m->n] = key;
	m->val[m->n] = val;
	strmap_put(&m->map, (const char *)&m->key[m->n], sizeof *m->key, m->n);
	m->n++;
	return NULL;
}

void i64map_clear(struct i64map *m)
{
	strmap_clear(&m->map);
	m->n = 0;
}

void i64map_release(struct i64map *m)
{
	strmap_release(&m->map);
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof *m);
}

size_t local_strftime(char *buf, size_t size, const char *fmt, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	return strftime(buf, size, fmt, &tm);
}

