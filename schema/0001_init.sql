-- 0001_init.sql: the first store.  One student's decks, cards, their
-- schedules and every answer they gave.  Cards are retired, never deleted,
-- so their history outlives a deck edit.

-- A deck imported from a deck file (or shipped inside swot).
CREATE TABLE deck (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,   -- the deck's "id" in its file
  title       TEXT NOT NULL,
  version     TEXT,
  source      TEXT,                   -- the file it was last imported from
  imported_at INTEGER NOT NULL        -- Unix seconds
) STRICT;

-- A piece of knowledge: a character, theme, quote or free card.
CREATE TABLE note (
  id       INTEGER PRIMARY KEY,
  deck_id  INTEGER NOT NULL REFERENCES deck(id),
  kind     TEXT NOT NULL CHECK (kind IN ('character', 'theme', 'quote', 'card')),
  key      TEXT NOT NULL,             -- the note's id in the deck
  name     TEXT,                      -- characters and themes: the name
  aliases  TEXT NOT NULL DEFAULT '',  -- characters: aliases, U+001F between
  retired  INTEGER NOT NULL DEFAULT 0,
  UNIQUE (deck_id, kind, key)
) STRICT;

-- One question.  The content columns mirror struct deck_card; list columns
-- hold their items with U+001F between them.  The FSRS columns mirror
-- struct fsrs_card.
CREATE TABLE card (
  id             INTEGER PRIMARY KEY,
  deck_id        INTEGER NOT NULL REFERENCES deck(id),
  note_id        INTEGER NOT NULL REFERENCES note(id),
  key            TEXT NOT NULL,        -- stable id "<note-id>/<variant>"
  variant        TEXT NOT NULL,
  type           TEXT NOT NULL CHECK (type IN ('basic', 'typed', 'cloze', 'choice', 'who')),
  prompt         TEXT NOT NULL,
  answers        TEXT NOT NULL DEFAULT '',
  accept         TEXT NOT NULL DEFAULT '',
  options        TEXT NOT NULL DEFAULT '',
  correct        INTEGER NOT NULL DEFAULT 0,
  explain        TEXT,
  tags           TEXT NOT NULL DEFAULT '',
  themes         TEXT NOT NULL DEFAULT '',
  hash           INTEGER NOT NULL,     -- of the content, to see edits
  position       INTEGER NOT NULL,     -- order in the deck: new cards come in this order
  retired        INTEGER NOT NULL DEFAULT 0,
  state          INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),
  step           INTEGER NOT NULL DEFAULT 0,
  stability      REAL NOT NULL DEFAULT 0,
  difficulty     REAL NOT NULL DEFAULT 0,
  due            INTEGER NOT NULL DEFAULT 0,   -- Unix seconds
  last_review    INTEGER NOT NULL DEFAULT 0,   -- Unix seconds, 0 = never
  scheduled_days INTEGER NOT NULL DEFAULT 0,
  reps           INTEGER NOT NULL DEFAULT 0,
  lapses         INTEGER NOT NULL DEFAULT 0,
  buried_until   INTEGER NOT NULL DEFAULT 0,   -- learning day it is hidden until (:skip)
  UNIQUE (deck_id, key)
) STRICT;
CREATE INDEX card_schedule ON card (deck_id, retired, state, due);
CREATE INDEX card_note ON card (note_id);

-- Every answer, in order.  kind is what the answer was: first learning,
-- a review, relearning after a lapse, or drill (practice that moved no
-- schedule).
CREATE TABLE review (
  id             INTEGER PRIMARY KEY,
  card_id        INTEGER NOT NULL REFERENCES card(id),
  time           INTEGER NOT NULL,     -- Unix seconds
  rating         INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
  kind           TEXT NOT NULL CHECK (kind IN ('learn', 'review', 'relearn', 'drill')),
  state_before   INTEGER NOT NULL,
  elapsed_days   INTEGER NOT NULL,
  scheduled_days INTEGER NOT NULL,
  stability      REAL NOT NULL,        -- after the answer
  difficulty     REAL NOT NULL,        -- after the answer
  duration_ms    INTEGER NOT NULL      -- time taken to answer
) STRICT;
CREATE INDEX review_card ON review (card_id, time);
CREATE INDEX review_time ON review (time);

-- Scheduler and session settings.  scope is '' for global, else a deck slug.
CREATE TABLE setting (
  scope TEXT NOT NULL,
  key   TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT;

-- The exam a deck is revised for.
CREATE TABLE exam (
  deck_id INTEGER PRIMARY KEY REFERENCES deck(id),
  at      INTEGER NOT NULL                   -- Unix seconds
) STRICT;
