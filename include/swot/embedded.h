/*
 * embedded.h: files built into the binary by src/tools/embed.c: the
 * schema migrations (schema/NNNN_*.sql, in order), the server's
 * (schema/server/NNNN_*.sql) and the shipped decks (every
 * decks/NAME.json but the authoring template).
 */
#ifndef SWOT_EMBEDDED_H
#define SWOT_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name; /* the file's base name, e.g. "0001_init.sql" */
	const char *data; /* its bytes, NUL-terminated */
	size_t len;
};

extern const struct embedded_file embedded_migrations[];
extern const size_t embedded_migrations_count;
extern const struct embedded_file embedded_server_migrations[];
extern const size_t embedded_server_migrations_count;
extern const struct embedded_file embedded_decks[];
extern const size_t embedded_decks_count;

#endif
