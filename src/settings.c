/*
 * settings.c: settings as text (parsing, checking, formatting) and their
 * layering: defaults, then global rows, then a deck's rows.
 */
#include "swot/settings.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum key_id {
	K_RETENTION,
	K_MAX_INTERVAL,
	K_LEARNING_STEPS,
	K_RELEARNING_STEPS,
	K_ROLLOVER,
	K_NEW_PER_DAY,
	K_REVIEWS_PER_DAY,
	K_FUZZ,
	K_TARGET,
	K_LEECH,
	K_SYNC,
	K_WEIGHTS, /* last: see settings_load_origins */
	K_COUNT
};

static const struct {
	const char *name, *range;
} keys[K_COUNT] = {
	[K_RETENTION] = {"desired-retention", "0.70..0.99"},
	[K_MAX_INTERVAL] = {"maximum-interval", "1..36500 (days)"},
	[K_LEARNING_STEPS] = {"learning-steps",
			      "up to 16 steps of 1m..365d, e.g. \"1m 10m\", or none"},
	[K_RELEARNING_STEPS] = {"relearning-steps",
				"up to 16 steps of 1m..365d, e.g. \"10m\", or none"},
	[K_ROLLOVER] = {"rollover-hour", "0..23"},
	[K_NEW_PER_DAY] = {"new-per-day", "0..9999"},
	[K_REVIEWS_PER_DAY] = {"reviews-per-day", "0..99999"},
	[K_FUZZ] = {"fuzz", "on or off"},
	[K_TARGET] = {"readiness-target", "0.50..0.99"},
	[K_LEECH] = {"leech-lapses", "0..99 (0: off)"},
	[K_SYNC] = {"sync-after-review", "on or off"},
	[K_WEIGHTS] = {"weights",
		       "21 numbers (FSRS-6; 17 or 19 are migrated), comma or space "
		       "separated, each within its range"},
};

void settings_default(struct swot_settings *out)
{
	memset(out, 0, sizeof *out);
	fsrs_params_default(&out->fsrs);
	out->rollover_hour = 4;
	out->new_per_day = 20;
	out->reviews_per_day = 200;
	out->readiness_target = 0.9;
	out->leech_lapses = 8;
}

size_t settings_n_keys(void)
{
	return K_COUNT;
}

const char *settings_key_name(size_t i)
{
	return i < K_COUNT ? keys[i].name : NULL;
}

const char *settings_key_range(size_t i)
{
	return i < K_COUNT ? keys[i].range : NULL;
}

int settings_key_find(const char *name)
{
	for (int i = 0; i < K_COUNT; i++)
		if (!strcmp(keys[i].name, name))
			return i;
	return -1;
}

/* A whole decimal number in lo..hi. */
static int parse_int(const char *v, long lo, long hi, int *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (end == v || *end || errno || n < lo || n > hi)
		return -1;
	*out = (int)n;
	return 0;
}

static int parse_real(const char *v, double *out)
{
	char *end;
	errno = 0;
	double d = strtod(v, &end);
	while (isspace((unsigned char)*end))
		end++;
	if (end == v || *end || errno || !isfinite(d))
		return -1;
	*out = d;
	return 0;
}

/* The shortest %g form that reads back as d. */
static void add_real(struct strbuf *out, double d)
{
	char buf[40];
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	strbuf_adds(out, buf);
}

static int parse_weights(struct fsrs_params *p, const char *v,
			 struct swot_err *err)
{
	double w[FSRS_N_WEIGHTS];
	size_t n = 0;
	const char *q = v;

	for (;;) {
		while (*q && (isspace((unsigned char)*q) || *q == ','))
			q++;
		if (!*q)
			break;
		size_t len = strcspn(q, " \t\n,");
		char tok[64];
		snprintf(tok, sizeof tok, "%.*s", (int)(len < 63 ? len : 63), q);
		if (n == FSRS_N_WEIGHTS)
			return swot_err_set(err, SWOT_EINVAL,
					    "weights: more than 21 numbers given");
		if (len > 60 || parse_real(tok, &w[n]))
			return swot_err_set(err, SWOT_EINVAL,
					    "weights: \"%s\" is not a number", tok);
		double lo, hi;
		fsrs_weight_range((int)n, &lo, &hi);
		if (w[n] < lo || w[n] > hi)
			return swot_err_set(err, SWOT_EINVAL,
					    "weights: w[%zu] = %s is out of range %g..%g", n,
					    tok, lo, hi);
		n++;
		q += len;
	}
	return fsrs_params_set_weights(p, w, n, err);
}

/* "on", "true", "yes" or "1" sets *out to 1; "off", "false", "no" or
 * "0" to 0; anything else returns 1. */
static int parse_switch(const char *value, int *out)
{
	if (!strcasecmp(value, "on") || !strcasecmp(value, "true") ||
	    !strcasecmp(value, "yes") || !strcmp(value, "1"))
		*out = 1;
	else if (!strcasecmp(value, "off") || !strcasecmp(value, "false") ||
		 !strcasecmp(value, "no") || !strcmp(value, "0"))
		*out = 0;
	else
		return 1;
	return 0;
}

int settings_parse(struct swot_settings *s, const char *key, const char *value,
		   struct swot_err *err)
{
	int k = settings_key_find(key);
	struct swot_settings t = *s;
	int rc = 0;

	if (k < 0) {
		struct strbuf names = STRBUF_INIT;
		for (int i = 0; i < K_COUNT; i++)
			strbuf_addf(&names, "%s%s", i ? ", " : "", keys[i].name);
		rc = swot_err_set(err, SWOT_ENOTFOUND,
				  "no setting \"%s\" (the settings are: %s)", key,
				  strbuf_str(&names));
		strbuf_release(&names);
		return rc;
	}
	switch ((enum key_id)k) {
	case K_RETENTION:
		rc = parse_real(value, &t.fsrs.desired_retention) ||
		     t.fsrs.desired_retention < 0.7 || t.fsrs.desired_retention > 0.99;
		break;
	case K_MAX_INTERVAL:
		rc = parse_int(value, 1, 36500, &t.fsrs.maximum_interval);
		break;
	case K_LEARNING_STEPS:
	case K_RELEARNING_STEPS: {
		int learning = k == K_LEARNING_STEPS;
		int *steps = learning ? t.fsrs.learning_steps : t.fsrs.relearning_steps;
		size_t *n = learning ? &t.fsrs.n_learning_steps : &t.fsrs.n_relearning_steps;
		if (!strcasecmp(value, "none")) {
			*n = 0;
			break;
		}
		struct swot_err e = {0};
		if (fsrs_parse_steps(value, steps, n, &e))
			return swot_err_set(err, SWOT_EINVAL, "%s: %s; allowed: %s", key,
					    e.msg, keys[k].range);
		break;
	}
	case K_ROLLOVER:
		rc = parse_int(value, 0, 23, &t.rollover_hour);
		break;
	case K_NEW_PER_DAY:
		rc = parse_int(value, 0, 9999, &t.new_per_day);
		break;
	case K_REVIEWS_PER_DAY:
		rc = parse_int(value, 0, 99999, &t.reviews_per_day);
		break;
	case K_FUZZ:
		rc = parse_switch(value, &t.fsrs.enable_fuzz);
		break;
	case K_LEECH:
		rc = parse_int(value, 0, 99, &t.leech_lapses);
		break;
	case K_SYNC:
		rc = parse_switch(value, &t.sync_after_review);
		break;
	case K_TARGET:
		rc = parse_real(value, &t.readiness_target) || t.readiness_target < 0.5 ||
		     t.readiness_target > 0.99;
		break;
	case K_WEIGHTS: {
		struct swot_err e = {0};
		if (parse_weights(&t.fsrs, value, &e))
			return swot_err_set(err, SWOT_EINVAL, "%s; allowed: %s", e.msg,
					    keys[k].range);
		break;
	}
	case K_COUNT:
		break;
	}
	if (rc)
		return swot_err_set(err, SWOT_EINVAL,
				    "%s: \"%.60s\" is not allowed; allowed: %s", key, value,
				    keys[k].range);
	*s = t;
	return SWOT_OK;
}

void settings_format(const struct swot_settings *s, const char *key,
		     struct strbuf *out)
{
	switch ((enum key_id)settings_key_find(key)) {
	case K_RETENTION:
		add_real(out, s->fsrs.desired_retention);
		break;
	case K_MAX_INTERVAL:
		strbuf_addf(out, "%d", s->fsrs.maximum_interval);
		break;
	case K_LEARNING_STEPS:
	case K_RELEARNING_STEPS: {
		int learning = !strcmp(key, keys[K_LEARNING_STEPS].name);
		size_t n = learning ? s->fsrs.n_learning_steps : s->fsrs.n_relearning_steps;
		if (!n)
			strbuf_adds(out, "none");
		fsrs_format_steps(learning ? s->fsrs.learning_steps : s->fsrs.relearning_steps,
				  n, out);
		break;
	}
	case K_ROLLOVER:
		strbuf_addf(out, "%d", s->rollover_hour);
		break;
	case K_NEW_PER_DAY:
		strbuf_addf(out, "%d", s->new_per_day);
		break;
	case K_REVIEWS_PER_DAY:
		strbuf_addf(out, "%d", s->reviews_per_day);
		break;
	case K_FUZZ:
		strbuf_adds(out, s->fsrs.enable_fuzz ? "on" : "off");
		break;
	case K_TARGET:
		add_real(out, s->readiness_target);
		break;
	case K_LEECH:
		strbuf_addf(out, "%d", s->leech_lapses);
		break;
	case K_SYNC:
		strbuf_adds(out, s->sync_after_review ? "on" : "off");
		break;
	case K_WEIGHTS:
		for (int i = 0; i < FSRS_N_WEIGHTS; i++) {
			if (i)
				strbuf_addc(out, ' ');
			add_real(out, s->fsrs.w[i]);
		}
		break;
	case K_COUNT:
	default:
		break;
	}
}

int settings_load_origins(struct store *s, const char *deck,
			  struct swot_settings *out,
			  enum settings_origin *origins, struct swot_err *err)
{
	struct store_setting *rows = NULL;
	size_t n = 0;
	/* the row in force for each key: global, then the deck's */
	const struct store_setting *use[K_COUNT] = {0};
	enum settings_origin from[K_COUNT] = {0};
	int rc;

	settings_default(out);
	if ((rc = store_settings_list(s, NULL, &rows, &n, err)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		int k = settings_key_find(rows[i].key);
		int global = !rows[i].scope[0];
		if (k < 0 || !(global || (deck && !strcmp(rows[i].scope, deck))))
			continue;
		if (global && from[k] == SETTINGS_DECK)
			continue;
		use[k] = &rows[i];
		from[k] = global ? SETTINGS_GLOBAL : SETTINGS_DECK;
	}
	/* in key order, so weights come last: their clamping depends on the
	 * steps in force */
	for (int key = 0; key < K_COUNT; key++) {
		if (!use[key])
			continue;
		struct swot_err e = {0};
		if (settings_parse(out, keys[key].name, use[key]->value, &e)) {
			rc = swot_err_set(err, SWOT_EINVAL,
					  "the stored setting %s%s%s is invalid (%.700s); "
					  "change it or unset it with swot config",
					  keys[key].name, use[key]->scope[0] ? " of deck " : "",
					  use[key]->scope, e.msg);
			goto out;
		}
	}
	fsrs_params_clamp(&out->fsrs);
	if (origins)
		memcpy(origins, from, sizeof from);
out:
	store_settings_free(rows, n);
	return rc;
}

int settings_load(struct store *s, const char *deck, struct swot_settings *out,
		  struct swot_err *err)
{
	return settings_load_origins(s, deck, out, NULL, err);
}

int settings_replay(void *ctx, const char *deck, int64_t card_id,
		    struct history_answer *a, size_t n, struct fsrs_card *card,
		    struct swot_err *err)
{
	struct settings_replay *k = ctx;
	int rc;
	if (!k->deck || strcmp(k->deck, deck)) {
		free(k->deck);
		k->deck = NULL;
		if ((rc = settings_load(k->s, deck, &k->set, err)))
			return rc;
		k->deck = xstrdup(deck);
	}
	return history_replay(&k->set.fsrs, k->set.rollover_hour, card_id, a, n,
			      card, err);
}

void settings_replay_release(struct settings_replay *r)
{
	free(r->deck);
	r->deck = NULL;
}
