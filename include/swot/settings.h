/*
 * settings.h: the scheduler's and the session's settings.  Defaults,
 * overridden by global settings, overridden by a deck's own; stored as
 * text in the store (see store.h, settings) under these keys:
 *
 *   desired-retention  0.70..0.99     the recall FSRS aims for (0.9)
 *   maximum-interval   1..36500       days (36500)
 *   learning-steps     e.g. "1m 10m"  steps of a new card ("none": no steps)
 *   relearning-steps   e.g. "10m"     steps after a lapse
 *   rollover-hour      0..23          local hour a learning day starts (4)
 *   new-per-day        0..9999        new cards a day (20)
 *   reviews-per-day    0..99999       reviews a day (200)
 *   fuzz               on | off       spread review days a little (on)
 *   sync-after-review  on | off       swot review syncs with the school's
 *                                     server at the end (off)
 *   weights            21 numbers     FSRS-6 weights (17 or 19 are migrated)
 */
#ifndef SWOT_SETTINGS_H
#define SWOT_SETTINGS_H

#include <stddef.h>

#include "swot/fsrs.h"
#include "swot/store.h"
#include "swot/util.h"

struct swot_settings {
	struct fsrs_params fsrs;
	int rollover_hour;
	int new_per_day;
	int reviews_per_day;
	double readiness_target; /* what "what it takes" aims for */
	int leech_lapses;        /* lapses that make a card a leech (0: never) */
	int sync_after_review;   /* swot review ends with a quiet swot sync */
};

/* Where an effective setting comes from. */
enum settings_origin {
	SETTINGS_DEFAULT = 0,
	SETTINGS_GLOBAL = 1,
	SETTINGS_DECK = 2
};

void settings_default(struct swot_settings *out);

/*
 * The settings in force for deck (NULL = global only): defaults,
 * overridden by global rows, overridden by the deck's rows; weights are
 * applied last and clamped to the steps in force, as ts-fsrs does.  When
 * origins is not NULL it gets settings_n_keys() entries, the origin of
 * each key.  A stored value that no longer parses is SWOT_EINVAL naming
 * the key and its scope.
 */
int settings_load(struct store *s, const char *deck, struct swot_settings *out,
		  struct swot_err *err);
int settings_load_origins(struct store *s, const char *deck,
			  struct swot_settings *out,
			  enum settings_origin *origins, struct swot_err *err);

/* The keys, in the order `swot config` lists them. */
size_t settings_n_keys(void);
const char *settings_key_name(size_t i);
/* The allowed values of key i, for messages ("0.70..0.99"). */
const char *settings_key_range(size_t i);
/* The index of key name, or -1. */
int settings_key_find(const char *name);

/*
 * Parses value for key into *s.  A value out of range or malformed is
 * SWOT_EINVAL with a message giving the allowed range; s is then
 * unchanged.  An unknown key is SWOT_ENOTFOUND naming the keys.
 */
int settings_parse(struct swot_settings *s, const char *key, const char *value,
		   struct swot_err *err);

/* Appends key's value in s to out, in the form settings_parse reads. */
void settings_format(const struct swot_settings *s, const char *key,
		     struct strbuf *out);

/*
 * A store_replay_fn (store.h) that replays each card's history with the
 * settings in force for the card's deck, read from the store (within the
 * caller's transaction) whenever the deck changes.  Start from
 * {.s = store}; settings_replay_release frees what it keeps.
 */
struct settings_replay {
	struct store *s;
	char *deck; /* the deck whose settings set holds; owned */
	struct swot_settings set;
};
int settings_replay(void *ctx, const char *deck, int64_t card_id,
		    struct history_answer *a, size_t n, struct fsrs_card *card,
		    struct swot_err *err);
void settings_replay_release(struct settings_replay *r);

#endif
