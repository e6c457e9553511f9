/*
 * cmd_config.c: swot config [--deck DECK] [KEY [VALUE... | --unset]]:
 * shows the settings in force and where each comes from, shows one, sets
 * one (globally or for a deck) or removes one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "swot/cli.h"
#include "swot/settings.h"
#include "swot/textout.h"

/* The listing and the help fit 80 columns. */
#define CONFIG_WIDTH 80

static const char *origin_name(enum settings_origin o)
{
	switch (o) {
	case SETTINGS_GLOBAL: return "global";
	case SETTINGS_DECK: return "deck";
	case SETTINGS_DEFAULT: break;
	}
	return "default";
}

static void print_table(const struct swot_settings *set,
			const enum settings_origin *origins)
{
	struct strbuf v = STRBUF_INIT, line = STRBUF_INIT, out = STRBUF_INIT;
	printf("%-18s %-8s %s\n", "setting", "from", "value");
	for (size_t i = 0; i < settings_n_keys(); i++) {
		const char *key = settings_key_name(i);
		strbuf_reset(&v);
		strbuf_reset(&line);
		strbuf_reset(&out);
		settings_format(set, key, &v);
		/* a long value (the weights) goes on under the value column */
		strbuf_addf(&line, "%-18s %-8s %s", key, origin_name(origins[i]),
			    strbuf_str(&v));
		textout_wrap(&out, strbuf_str(&line), CONFIG_WIDTH, 28);
		printf("%s\n", strbuf_str(&out));
	}
	strbuf_release(&v);
	strbuf_release(&line);
	strbuf_release(&out);
}

/* "global" or "deck NAME", for messages. */
static void scope_text(const char *deck, char *buf, size_t size)
{
	if (deck)
		snprintf(buf, size, "deck %s", deck);
	else
		snprintf(buf, size, "global");
}

void cmd_config_help(FILE *out)
{
	struct strbuf line = STRBUF_INIT, text = STRBUF_INIT;
	fprintf(out, "\nsettings and their allowed values:\n");
	for (size_t k = 0; k < settings_n_keys(); k++) {
		strbuf_reset(&line);
		strbuf_reset(&text);
		strbuf_addf(&line, "  %-18s %s", settings_key_name(k), settings_key_range(k));
		textout_wrap(&text, strbuf_str(&line), CONFIG_WIDTH, 21);
		fprintf(out, "%s\n", strbuf_str(&text));
	}
	strbuf_release(&line);
	strbuf_release(&text);
}

int cmd_config(int argc, char **argv, struct cli *cli)
{
	const char *deck = NULL, *key = NULL;
	struct strbuf value = STRBUF_INIT, shown = STRBUF_INIT;
	int unset = 0, have_value = 0, rc = SWOT_EXIT_FAIL;
	struct store *s = NULL;
	struct swot_err err = {0};
	struct swot_settings set;
	enum settings_origin origins[16];
	char scope[300];

	const struct cli_opt opts[] = {
		OPT_STRING("--deck", &deck),
		OPT_BOOL("--unset", &unset),
		OPT_END(),
	};
	if ((rc = cli_parse_options(cli, &argc, argv, opts, CLI_ANY_ARGS)) != CLI_GO_ON)
		return rc;
	rc = SWOT_EXIT_FAIL;
	if (argc)
		key = argv[0];
	/* the value may come as several words: learning-steps 1m 10m */
	for (int i = 1; i < argc; i++) {
		if (have_value)
			strbuf_addc(&value, ' ');
		strbuf_adds(&value, argv[i]);
		have_value = 1;
	}
	if (unset && (!key || have_value)) {
		strbuf_release(&value);
		return cli_usage_error(cli, key ? "--unset takes no value"
						: "--unset needs the setting to remove");
	}
	if (sizeof origins / sizeof *origins < settings_n_keys())
		abort(); /* origins[] must have room for every setting */
	settings_default(&set);
	if (key && settings_key_find(key) < 0) {
		settings_parse(&set, key, "", &err);
		cli_error("%s", err.msg);
		strbuf_release(&value);
		return SWOT_EXIT_USAGE;
	}
	scope_text(deck, scope, sizeof scope);

	/* check the value before touching the store: a bad one writes nothing */
	if (have_value) {
		settings_default(&set);
		if (settings_parse(&set, key, strbuf_str(&value), &err)) {
			cli_error("%s", err.msg);
			goto out;
		}
		settings_format(&set, key, &shown);
	}

	if ((rc = cli_open_store(cli, &s)))
		goto out;
	rc = SWOT_EXIT_FAIL;
	if (deck && store_deck_check(s, deck, &err)) {
		cli_error("--deck: %s", err.msg);
		goto out;
	}
	if (have_value) {
		if (store_setting_set(s, deck ? deck : "", key, strbuf_str(&shown), &err)) {
			cli_error("%s", err.msg);
			goto out;
		}
		printf("%s = %s (%s)\n", key, strbuf_str(&shown), scope);
		rc = SWOT_EXIT_OK;
		goto out;
	}
	if (unset) {
		int removed = 0;
		if (store_setting_unset(s, deck ? deck : "", key, &removed, &err)) {
			cli_error("%s", err.msg);
			goto out;
		}
		if (settings_load_origins(s, deck, &set, origins, &err)) {
			cli_error("%s", err.msg);
			goto out;
		}
		settings_format(&set, key, &shown);
		printf("%s %s (%s); in force: %s (%s)\n", key,
		       removed ? "unset" : "was not set", scope, strbuf_str(&shown),
		       origin_name(origins[settings_key_find(key)]));
		rc = SWOT_EXIT_OK;
		goto out;
	}
	if (settings_load_origins(s, deck, &set, origins, &err)) {
		cli_error("%s", err.msg);
		goto out;
	}
	if (key) {
		settings_format(&set, key, &shown);
		printf("%s\n", strbuf_str(&shown));
	} else {
		print_table(&set, origins);
	}
	rc = SWOT_EXIT_OK;
out:
	strbuf_release(&value);
	strbuf_release(&shown);
	return rc;
}
