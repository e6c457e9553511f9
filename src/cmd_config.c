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
/* Room for the origin of every setting (cmd_config checks there is). */
#define CONFIG_MAX_KEYS 16

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

/* What `swot config` was asked: key and deck may be NULL; scope names
 * where a change goes, for messages. */
struct config_req {
	const char *deck, *key;
	char scope[300];
};

/* Stores the setting (its value already checked and formatted as shown). */
static int config_set(struct store *s, const struct config_req *q, const char *shown)
{
	struct swot_err err = {0};
	if (store_setting_set(s, q->deck ? q->deck : "", q->key, shown, &err))
		return cli_fail(&err);
	printf("%s = %s (%s)\n", q->key, shown, q->scope);
	return SWOT_EXIT_OK;
}

/* Removes the setting and says what is in force instead. */
static int config_unset(struct store *s, const struct config_req *q)
{
	struct swot_err err = {0};
	struct swot_settings set;
	enum settings_origin origins[CONFIG_MAX_KEYS];
	struct strbuf shown = STRBUF_INIT;
	int removed = 0;
	if (store_setting_unset(s, q->deck ? q->deck : "", q->key, &removed, &err) ||
	    settings_load_origins(s, q->deck, &set, origins, &err))
		return cli_fail(&err);
	settings_format(&set, q->key, &shown);
	printf("%s %s (%s); in force: %s (%s)\n", q->key,
	       removed ? "unset" : "was not set", q->scope, strbuf_str(&shown),
	       origin_name(origins[settings_key_find(q->key)]));
	strbuf_release(&shown);
	return SWOT_EXIT_OK;
}

/* Shows one setting's value, or every setting and where it comes from. */
static int config_show(struct store *s, const struct config_req *q)
{
	struct swot_err err = {0};
	struct swot_settings set;
	enum settings_origin origins[CONFIG_MAX_KEYS];
	if (settings_load_origins(s, q->deck, &set, origins, &err))
		return cli_fail(&err);
	if (q->key) {
		struct strbuf shown = STRBUF_INIT;
		settings_format(&set, q->key, &shown);
		printf("%s\n", strbuf_str(&shown));
		strbuf_release(&shown);
	} else {
		print_table(&set, origins);
	}
	return SWOT_EXIT_OK;
}

int cmd_config(int argc, char **argv, struct cli *cli)
{
	struct config_req q = {0};
	struct strbuf value = STRBUF_INIT, shown = STRBUF_INIT;
	int unset = 0, rc;
	struct store *s = NULL;
	struct swot_err err = {0};
	struct swot_settings set;

	const struct cli_opt opts[] = {
		OPT_STRING("--deck", &q.deck),
		OPT_BOOL("--unset", &unset),
		OPT_END(),
	};
	if ((rc = cli_parse_options(cli, &argc, argv, opts, CLI_ANY_ARGS)) != CLI_GO_ON)
		return rc;
	if (settings_n_keys() > CONFIG_MAX_KEYS)
		abort(); /* a setting was added: make CONFIG_MAX_KEYS bigger */
	q.key = argc ? argv[0] : NULL;
	if (unset && (!q.key || argc > 1))
		return cli_usage_error(cli, q.key ? "--unset takes no value"
						  : "--unset needs the setting to remove");
	settings_default(&set);
	if (q.key && settings_key_find(q.key) < 0) {
		settings_parse(&set, q.key, "", &err);
		cli_error("%s", err.msg);
		return SWOT_EXIT_USAGE;
	}
	scope_text(q.deck, q.scope, sizeof q.scope);
	/* the value may come as several words: learning-steps 1m 10m */
	for (int i = 1; i < argc; i++) {
		if (i > 1)
			strbuf_addc(&value, ' ');
		strbuf_adds(&value, argv[i]);
	}
	/* check the value before touching the store: a bad one writes nothing */
	rc = SWOT_EXIT_FAIL;
	if (argc > 1 && settings_parse(&set, q.key, strbuf_str(&value), &err)) {
		cli_error("%s", err.msg);
		goto out;
	}
	if (argc > 1)
		settings_format(&set, q.key, &shown);
	if ((rc = cli_open_store(cli, &s)))
		goto out;
	if (q.deck && store_deck_check(s, q.deck, &err)) {
		cli_error("--deck: %s", err.msg);
		rc = SWOT_EXIT_FAIL;
	} else if (argc > 1) {
		rc = config_set(s, &q, strbuf_str(&shown));
	} else if (unset) {
		rc = config_unset(s, &q);
	} else {
		rc = config_show(s, &q);
	}
out:
	strbuf_release(&value);
	strbuf_release(&shown);
	return rc;
}
