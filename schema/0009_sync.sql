-- 0009_sync.sql: what this database has sent to its school's server (swot
-- sync), so each sync sends only what is new.  The server stores each
-- answer once whatever is sent twice; this only saves sending it again.
CREATE TABLE sync (
  id           INTEGER PRIMARY KEY CHECK (id = 1),   -- one row
  server       TEXT NOT NULL,      -- where the marks below hold: the
                                   -- server's URL without its password
  reviews_sent INTEGER NOT NULL,   -- every review up to this id is there
  undone       INTEGER NOT NULL DEFAULT 0,  -- answers undone since: see below
  synced_at    INTEGER NOT NULL    -- Unix seconds of the last sync
) STRICT;

-- An undone answer's id is given to the next answer (SQLite reuses the
-- highest row id), so an undo moves the mark back before it; the count
-- lets a sync that read the log before the undo leave the mark alone.
CREATE TRIGGER review_undone AFTER DELETE ON review
BEGIN
  UPDATE sync SET reviews_sent = min(reviews_sent, old.id - 1),
                  undone = undone + 1;
END;

-- The newest version of each deck received from a class on the server:
-- a sync imports a published deck only when a newer version appears, so
-- a deck the student removed stays removed until the teacher updates it.
CREATE TABLE sync_deck (
  class   TEXT NOT NULL,
  deck    TEXT NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (class, deck)
) STRICT;
