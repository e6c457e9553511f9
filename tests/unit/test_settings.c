/*
 * test_settings.c: settings as text (ranges, normal forms) and their
 * layering in a real store: defaults, global rows, a deck's rows.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store_int.h"
#include "swot/settings.h"
#include "testhelp.h"

static char tmpdir[] = "/tmp/swot-test-settings-XXXXXX";

static const char *fmt(const struct swot_settings *s, const char *key)
{
	static struct strbuf sb = STRBUF_INIT;
	strbuf_reset(&sb);
	settings_format(s, key, &sb);
	return strbuf_str(&sb);
}

static void test_text(void)
{
	struct swot_settings s, before;
	struct swot_err err = {0};

	settings_default(&s);
	CHECK("defaults: rollover 4, 20 new, 200 reviews, fuzz on, no sync after review",
	      s.rollover_hour == 4 && s.new_per_day == 20 && s.reviews_per_day == 200 &&
	      s.fsrs.enable_fuzz && s.fsrs.desired_retention == 0.9 && !s.sync_after_review);
	CHECK("twelve keys", settings_n_keys() == 12 && settings_key_find("weights") == 11 &&
	      settings_key_find("nope") == -1);
	CHECK("retention 0.85 is taken", !settings_parse(&s, "desired-retention", "0.85", &err) &&
	      s.fsrs.desired_retention == 0.85);
	CHECK_STR("and shown as 0.85", fmt(&s, "desired-retention"), "0.85");
	before = s;
	CHECK("retention 1.5 is refused with the range",
	      settings_parse(&s, "desired-retention", "1.5", &err) == SWOT_EINVAL &&
	      strstr(err.msg, "0.70..0.99"));
	CHECK("retention \"abc\" is refused", settings_parse(&s, "desired-retention", "abc", &err) ==
	      SWOT_EINVAL);
	CHECK("rollover-hour 24 is refused with the range",
	      settings_parse(&s, "rollover-hour", "24", &err) == SWOT_EINVAL &&
	      strstr(err.msg, "0..23"));
	CHECK("new-per-day -1 is refused", settings_parse(&s, "new-per-day", "-1", &err) ==
	      SWOT_EINVAL);
	CHECK("maximum-interval 0 is refused", settings_parse(&s, "maximum-interval", "0", &err) ==
	      SWOT_EINVAL);
	CHECK("fuzz maybe is refused", settings_parse(&s, "fuzz", "maybe", &err) == SWOT_EINVAL);
	CHECK("a refused value changes nothing", !memcmp(&s, &before, sizeof s));
	CHECK("an unknown key is SWOT_ENOTFOUND naming the keys",
	      settings_parse(&s, "speed", "1", &err) == SWOT_ENOTFOUND &&
	      strstr(err.msg, "new-per-day"));
	CHECK("steps: \"none\" is no steps", !settings_parse(&s, "relearning-steps", "none", &err) &&
	      s.fsrs.n_relearning_steps == 0);
	CHECK_STR("no steps show as none", fmt(&s, "relearning-steps"), "none");
	CHECK("steps: \"5m, 1h\"", !settings_parse(&s, "learning-steps", "5m, 1h", &err) &&
	      s.fsrs.n_learning_steps == 2);
	CHECK_STR("steps show as 5m 1h", fmt(&s, "learning-steps"), "5m 1h");
	CHECK("fuzz off", !settings_parse(&s, "fuzz", "off", &err) && !s.fsrs.enable_fuzz);
	CHECK_STR("default weights show as given", fmt(&s, "weights"),
		  "0.212 1.2931 2.3065 8.2956 6.4133 0.8334 3.0194 0.001 1.8722 0.1666 0.796 "
		  "1.4835 0.0614 0.2629 1.6483 0.6014 1.8729 0.5425 0.0912 0.0658 0.1542");
	CHECK("20 weights are refused", settings_parse(&s, "weights",
	      "1 1 1 1 5 1 1 0.5 1 0.5 1 1 0.1 0.5 1 0.5 2 0.5 0.5 0.1", &err) == SWOT_EINVAL &&
	      strstr(err.msg, "20 given"));
	CHECK("a weight out of range is refused naming it", settings_parse(&s, "weights",
	      "1 1 1 1 11 1 1 0.5 1 0.5 1 1 0.1 0.5 1 0.5 2 0.5 0.5 0.1 0.2", &err) ==
	      SWOT_EINVAL && strstr(err.msg, "w[4]") && strstr(err.msg, "1..10"));
	CHECK("a weight that is not a number is refused", settings_parse(&s, "weights",
	      "1 1 1 1 nan 1 1 0.5 1 0.5 1 1 0.1 0.5 1 0.5 2 0.5 0.5 0.1 0.2", &err) ==
	      SWOT_EINVAL);
	CHECK("21 weights, commas", !settings_parse(&s, "weights",
	      "1,1,1,1,5,1,1,0.5,1,0.5,1,1,0.1,0.5,1,0.5,2,0.5,0.5,0.1,0.2", &err) &&
	      s.fsrs.w[4] == 5 && s.fsrs.w[20] == 0.2);
}

static void test_layers(void)
{
	char *path = xasprintf("%s/s.db", tmpdir);
	struct store *st = NULL;
	struct swot_err err = {0};
	struct swot_settings s;
	enum settings_origin o[12];
	char *v = NULL;
	int removed = -1;

	if (store_open(path, &st, &err)) {
		CHECKF(0, "open the store: %.200s", err.msg);
		free(path);
		return;
	}
	sqlite3_exec(st->db, "INSERT INTO deck (slug, title, imported_at) VALUES ('d1', 'D', 0)",
		     NULL, NULL, NULL);
	CHECK("no rows: the defaults", !settings_load_origins(st, "d1", &s, o, &err) &&
	      s.new_per_day == 20 && o[5] == SETTINGS_DEFAULT);
	store_setting_set(st, "", "new-per-day", "10", &err);
	store_setting_set(st, "", "desired-retention", "0.8", &err);
	store_setting_set(st, "d1", "new-per-day", "3", &err);
	store_setting_set(st, "d1", "new-per-day", "4", &err);
	CHECK("get reads back a row", !store_setting_get(st, "d1", "new-per-day", &v, &err) &&
	      v && !strcmp(v, "4"));
	free(v);
	CHECK("get of an unset key is NULL",
	      !store_setting_get(st, "d1", "fuzz", &v, &err) && v == NULL);
	CHECK("global only: global rows over defaults", !settings_load(st, NULL, &s, &err) &&
	      s.new_per_day == 10 && s.fsrs.desired_retention == 0.8);
	CHECK("deck: its rows over global ones", !settings_load_origins(st, "d1", &s, o, &err) &&
	      s.new_per_day == 4 && s.fsrs.desired_retention == 0.8 &&
	      o[5] == SETTINGS_DECK && o[0] == SETTINGS_GLOBAL && o[1] == SETTINGS_DEFAULT);
	CHECK("another deck sees the global value", !settings_load(st, "d2", &s, &err) &&
	      s.new_per_day == 10);

	/* weights are clamped to the steps in force, whatever the row order */
	store_setting_set(st, "", "weights",
			  "0.40255 1.18385 3.173 15.69105 7.1949 0.5345 1.4604 0.0046 1.54575 "
			  "0.1192 1.01925 1.9395 0.11 0.29605 2.2698 0.2315 2.9898 0.51655 0.6621 "
			  "0.0658 0.5", &err);
	store_setting_set(st, "d1", "relearning-steps", "10m 1h 2h", &err);
	CHECK("deck with three relearning steps: w17 capped at 0.2129261 (ts-fsrs)",
	      !settings_load(st, "d1", &s, &err) && fabs(s.fsrs.w[17] - 0.2129261) < 1e-9);
	CHECK("global: w17 as stored", !settings_load(st, NULL, &s, &err) &&
	      s.fsrs.w[17] == 0.51655);

	CHECK("unset removes the row", !store_setting_unset(st, "d1", "new-per-day", &removed,
							   &err) && removed == 1);
	CHECK("unset again removes nothing", !store_setting_unset(st, "d1", "new-per-day",
								  &removed, &err) && removed == 0);
	CHECK("after unset the global value shows through",
	      !settings_load(st, "d1", &s, &err) && s.new_per_day == 10);

	struct store_setting *rows;
	size_t n;
	CHECK("list every scope, by scope then key",
	      !store_settings_list(st, NULL, &rows, &n, &err) && n == 4 &&
	      !strcmp(rows[0].scope, "") && !strcmp(rows[0].key, "desired-retention") &&
	      !strcmp(rows[3].scope, "d1"));
	store_settings_free(rows, n);

	sqlite3_exec(st->db, "UPDATE setting SET value = 'lots' WHERE key = 'desired-retention'",
		     NULL, NULL, NULL);
	CHECK("a bad stored value is a clear error naming the key",
	      settings_load(st, NULL, &s, &err) == SWOT_EINVAL &&
	      strstr(err.msg, "desired-retention") && strstr(err.msg, "unset"));
	store_close(st);
	unlink(path);
	free(path);
}

int main(void)
{
	test_plan(35);
	if (!mkdtemp(tmpdir)) {
		printf("not ok - mkdtemp\n");
		return 1;
	}
	test_text();
	test_layers();
	rmdir(tmpdir);
	return test_done();
}
