/*
 * pending.c: the file of answers waiting for the database (see pending.h).
 * One line per answer, "card time rating drill duration_ms", after a first
 * line naming the format; appended with O_APPEND and fsync, so a kill
 * leaves at worst a last line cut short, which is skipped.
 */
#include "swot/pending.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PENDING_HEADER "swot pending answers 1\n"

char *pending_path(const char *db_path)
{
	return xasprintf("%s.pending", db_path);
}

int pending_add(const char *path, const struct store_answer *a, struct swot_err *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
		return swot_err_set(err, SWOT_EIO, "cannot keep the answer in %s: %s",
				    path, strerror(errno));
	char *line = xasprintf("%" PRId64 " %" PRId64 " %d %d %" PRId64 "\n",
			       a->card_id, a->time, (int)a->rating, a->drill ? 1 : 0,
			       a->duration_ms);
	struct strbuf sb = STRBUF_INIT;
	if (lseek(fd, 0, SEEK_END) == 0)
		strbuf_adds(&sb, PENDING_HEADER);
	strbuf_adds(&sb, line);
	int rc = SWOT_OK;
	if (write(fd, sb.buf, sb.len) != (ssize_t)sb.len || fsync(fd) != 0)
		rc = swot_err_set(err, SWOT_EIO, "cannot keep the answer in %s: %s",
				  path, strerror(errno));
	if (close(fd) != 0 && !rc)
		rc = swot_err_set(err, SWOT_EIO, "cannot keep the answer in %s: %s",
				  path, strerror(errno));
	strbuf_release(&sb);
	free(line);
	return rc;
}

/* Reads one answer line; 0 when it is whole and in range. */
static int parse_line(const char *line, struct store_answer *a)
{
	long long card, t, dur;
	int rating, drill;
	char end;
	memset(a, 0, sizeof *a);
	if (sscanf(line, "%lld %lld %d %d %lld%c", &card, &t, &rating, &drill, &dur,
		   &end) != 6 || end != '\n' || rating < 1 || rating > 4 ||
	    (drill != 0 && drill != 1) || card <= 0)
		return -1;
	a->card_id = card;
	a->time = t;
	a->rating = (enum fsrs_rating)rating;
	a->drill = drill;
	a->duration_ms = dur;
	a->replay = 1;
	return 0;
}

int pending_load(const char *path, struct store_answer **out, size_t *n,
		 struct swot_err *err)
{
	*out = NULL;
	*n = 0;
	FILE *f = fopen(path, "r");
	if (!f)
		return errno == ENOENT ? SWOT_OK
				       : swot_err_set(err, SWOT_EIO, "cannot read %s: %s",
						      path, strerror(errno));
	char *line = NULL;
	size_t cap = 0, alloc = 0;
	while (getline(&line, &cap, f) > 0) {
		struct store_answer a;
		if (parse_line(line, &a))
			continue; /* the header, or a line a kill cut short */
		if (*n == alloc) {
			alloc = alloc ? 2 * alloc : 8;
			*out = xrealloc(*out, alloc * sizeof **out);
		}
		(*out)[(*n)++] = a;
	}
	free(line);
	fclose(f);
	return SWOT_OK;
}

int pending_clear(const char *path, struct swot_err *err)
{
	if (unlink(path) != 0 && errno != ENOENT)
		return swot_err_set(err, SWOT_EIO, "cannot remove %s: %s", path,
				    strerror(errno));
	return SWOT_OK;
}
