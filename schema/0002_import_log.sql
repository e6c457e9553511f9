-- 0002_import_log.sql: a record of every import that changed a deck, so a
-- teacher or student can see when a deck was last updated and what each
-- update did.  An import that changes nothing writes nothing.
CREATE TABLE import_log (
  id         INTEGER PRIMARY KEY,
  deck_id    INTEGER NOT NULL REFERENCES deck(id),
  time       INTEGER NOT NULL,          -- Unix seconds
  source     TEXT,                      -- the file imported (or the shipped deck)
  version    TEXT,                      -- the deck's version in that file
  new_cards  INTEGER NOT NULL,
  updated    INTEGER NOT NULL,          -- content changed, schedule kept
  unchanged  INTEGER NOT NULL,
  retired    INTEGER NOT NULL,          -- gone from the deck, kept with history
  revived    INTEGER NOT NULL           -- retired before, back in the deck
) STRICT;
CREATE INDEX import_log_deck ON import_log (deck_id, time);
