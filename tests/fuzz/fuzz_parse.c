/*
 * fuzz_parse.c: the parsers of what a user types besides answers: --now and
 * exam times (clock_parse), every setting (settings_parse), and the
 * learning-day arithmetic on the times they give.  The first byte picks
 * the setting; the rest is the text.  Invariants: a refused value leaves
 * the settings unchanged and says why; an accepted one reads back (its
 * formatted form parses to the same text again); a parsed time lies in
 * the learning day computed for it.
 */
#include "fuzz/fuzz.h"
#include "swot/clock.h"
#include "swot/learnday.h"
#include "swot/settings.h"

static void check_time(const char *text)
{
	struct swot_err err = {0};
	int64_t t;
	if (clock_parse(text, &t, &err)) {
		if (!err.msg[0])
			fuzz_fail("clock_parse refused without a message", text);
		return;
	}
	char buf[64];
	clock_format(t, buf, sizeof buf);
	for (int hour = 0; hour < 24; hour += 4) {
		int64_t day = learnday_of(t, hour);
		if (learnday_start(day, hour) > t || learnday_start(day + 1, hour) <= t)
			fuzz_fail("a time outside its learning day", text);
	}
}

static void check_setting(const char *key, const char *text)
{
	struct swot_settings s, before;
	struct swot_err err = {0};
	settings_default(&s);
	before = s;
	if (settings_parse(&s, key, text, &err)) {
		if (memcmp(&s, &before, sizeof s))
			fuzz_fail("a refused setting changed the settings", text);
		if (!err.msg[0])
			fuzz_fail("settings_parse refused without a message", text);
		return;
	}
	struct strbuf once = STRBUF_INIT, twice = STRBUF_INIT;
	settings_format(&s, key, &once);
	struct swot_settings again;
	settings_default(&again);
	if (settings_parse(&again, key, strbuf_str(&once), &err))
		fuzz_fail("a setting's own form is refused", strbuf_str(&once));
	settings_format(&again, key, &twice);
	if (strcmp(strbuf_str(&once), strbuf_str(&twice)))
		fuzz_fail("a setting does not read back", strbuf_str(&once));
	strbuf_release(&once);
	strbuf_release(&twice);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size || size > 4096)
		return 0;
	char *text = fuzz_cstr(data + 1, size - 1);
	size_t k = data[0] % (settings_n_keys() + 1);
	if (k == settings_n_keys())
		check_time(text);
	else
		check_setting(settings_key_name(k), text);
	free(text);
	return 0;
}
