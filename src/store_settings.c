/*
 * store_settings.c: the setting table: scheduler and session settings,
 * global (scope "") or per deck (scope = the deck's slug).
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

int store_setting_get(struct store *s, const char *scope, const char *key,
		      char **value, struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = store_prepare(s, "SELECT value FROM setting WHERE scope = ?1 AND key = ?2",
			       &st, err);
	*value = NULL;
	if (rc)
		return rc;
	store_bind_text(st, 1, scope);
	store_bind_text(st, 2, key);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*value = store_column_dup(st, 0);
	return store_rows_end(s, st, step, rc, "cannot read a setting", err);
}

/* Runs one bound write (scope, key[, value]) in its own transaction. */
static int write_one(struct store *s, const char *sql, const char *scope,
		     const char *key, const char *value, int *changed,
		     struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if ((rc = store_begin(s, err)))
		return rc;
	if ((rc = store_prepare(s, sql, &st, err)))
		goto fail;
	store_bind_text(st, 1, scope);
	store_bind_text(st, 2, key);
	if (value)
		store_bind_text(st, 3, value);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = store_db_error(s, err, "cannot save the setting");
		goto fail;
	}
	if (changed)
		*changed = sqlite3_changes(s->db) > 0;
	sqlite3_finalize(st);
	return store_commit(s, err);
fail:
	sqlite3_finalize(st);
	store_rollback(s);
	return rc;
}

int store_setting_set(struct store *s, const char *scope, const char *key,
		      const char *value, struct swot_err *err)
{
	return write_one(s,
			 "INSERT INTO setting (scope, key, value) VALUES (?1, ?2, ?3) "
			 "ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value",
			 scope, key, value, NULL, err);
}

int store_setting_unset(struct store *s, const char *scope, const char *key,
			int *removed, struct swot_err *err)
{
	int changed = 0;
	int rc = write_one(s, "DELETE FROM setting WHERE scope = ?1 AND key = ?2",
			   scope, key, NULL, &changed, err);
	if (removed)
		*removed = !rc && changed;
	return rc;
}

int store_settings_list(struct store *s, const char *scope,
			struct store_setting **out, size_t *n,
			struct swot_err *err)
{
	sqlite3_stmt *st = NULL;
	struct store_setting *v = NULL;
	size_t len = 0, alloc = 0;
	int rc = store_prepare(s,
			       "SELECT scope, key, value FROM setting "
			       "WHERE ?1 IS NULL OR scope = ?1 ORDER BY scope, key",
			       &st, err);
	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	store_bind_text(st, 1, scope);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(v, len + 1, alloc);
		v[len].scope = store_column_dup(st, 0);
		v[len].key = store_column_dup(st, 1);
		v[len].value = store_column_dup(st, 2);
		len++;
	}
	if (step != SQLITE_DONE) {
		rc = store_db_error(s, err, "cannot list the settings");
		store_settings_free(v, len);
	} else {
		*out = v;
		*n = len;
	}
	sqlite3_finalize(st);
	return rc;
}

void store_settings_free(struct store_setting *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].scope);
		free(v[i].key);
		free(v[i].value);
	}
	free(v);
}
