/*
 * floor_import.c: the floor the import benchmark compares swot with: parse
 * the deck with cJSON and insert the same notes and cards into the same
 * schema (same pragmas, one transaction, prepared statements), with none of
 * swot's validation, expansion text, diffing or bookkeeping.
 *
 *   floor_import DECK.json DB SCHEMA.sql...
 *   floor_import DECK.json DB          bare tables: no index, no constraint
 */
#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static sqlite3_stmt *note_st, *card_st;
static long long position;

static long long add_note(const char *kind, const char *key, const char *name)
{
	sqlite3_bind_text(note_st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(note_st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(note_st, 3, name, -1, SQLITE_STATIC);
	if (sqlite3_step(note_st) != SQLITE_DONE)
		exit(1);
	sqlite3_reset(note_st);
	return sqlite3_last_insert_rowid(sqlite3_db_handle(note_st));
}

static void add_card(long long note, const char *id, const char *variant,
		     const char *type, const char *prompt, const char *answer)
{
	char key[256];
	snprintf(key, sizeof key, "%s/%s", id, variant);
	sqlite3_bind_int64(card_st, 1, note);
	sqlite3_bind_text(card_st, 2, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(card_st, 3, variant, -1, SQLITE_STATIC);
	sqlite3_bind_text(card_st, 4, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(card_st, 5, prompt, -1, SQLITE_STATIC);
	sqlite3_bind_text(card_st, 6, answer ? answer : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(card_st, 7, (long long)(position * 2654435761u));
	sqlite3_bind_int64(card_st, 8, position++);
	if (sqlite3_step(card_st) != SQLITE_DONE)
		exit(1);
	sqlite3_reset(card_st);
}

static const char *str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

int main(int argc, char **argv)
{
	size_t len;
	sqlite3 *db;
	if (argc < 3)
		return 2;
	char *text = slurp(argv[1], &len);
	cJSON *root = text ? cJSON_ParseWithLength(text, len) : NULL;
	if (!root || sqlite3_open(argv[2], &db) != SQLITE_OK)
		return 1;
	sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
			 "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	for (int i = 3; i < argc; i++) {
		char *sql = slurp(argv[i], &len);
		if (!sql || sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
			return 1;
		free(sql);
	}
	if (argc == 3 &&
	    sqlite3_exec(db, "CREATE TABLE deck (id INTEGER PRIMARY KEY, slug, title, "
			     "imported_at); CREATE TABLE note (id INTEGER PRIMARY KEY, "
			     "deck_id, kind, key, name); CREATE TABLE card (id INTEGER "
			     "PRIMARY KEY, deck_id, note_id, key, variant, type, prompt, "
			     "answers, hash, position)", NULL, NULL, NULL) != SQLITE_OK)
		return 1;
	sqlite3_exec(db, "BEGIN; INSERT INTO deck (id, slug, title, imported_at) "
			 "VALUES (1, 'bench', 'Bench', 0)", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO note (deck_id, kind, key, name) "
			       "VALUES (1, ?1, ?2, ?3)", -1, &note_st, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO card (deck_id, note_id, key, variant, type, "
			       "prompt, answers, hash, position) VALUES (1, ?1, ?2, ?3, "
			       "?4, ?5, ?6, ?7, ?8)", -1, &card_st, NULL);
	const cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(root, "characters")) {
		long long n = add_note("character", str(e, "id"), str(e, "name"));
		add_card(n, str(e, "id"), "who", "who", str(e, "summary"), str(e, "name"));
		add_card(n, str(e, "id"), "describe", "basic", str(e, "name"), str(e, "summary"));
	}
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(root, "themes")) {
		long long n = add_note("theme", str(e, "id"), str(e, "name"));
		add_card(n, str(e, "id"), "quotes", "basic", str(e, "name"), str(e, "summary"));
	}
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(root, "quotes")) {
		long long n = add_note("quote", str(e, "id"), NULL);
		add_card(n, str(e, "id"), "cloze", "cloze", str(e, "text"), NULL);
		add_card(n, str(e, "id"), "speaker", "who", str(e, "text"), str(e, "speaker"));
		add_card(n, str(e, "id"), "theme", "choice", str(e, "text"), NULL);
	}
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(root, "cards")) {
		long long n = add_note("card", str(e, "id"), NULL);
		const char *p = str(e, "prompt") ? str(e, "prompt") : str(e, "front");
		add_card(n, str(e, "id"), "card", str(e, "type"), p,
			 str(e, "answer") ? str(e, "answer") : str(e, "back"));
	}
	sqlite3_finalize(note_st);
	sqlite3_finalize(card_st);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return 1;
	sqlite3_close(db);
	cJSON_Delete(root);
	free(text);
	printf("%lld cards\n", position);
	return 0;
}
