-- 0005_note_hash.sql: each note's hash of its own content, as the deck
-- wrote it, so an import counts as updated the notes that were edited,
-- not every note whose cards show another note's text (a theme's card
-- lists its quotes).  0 for a note stored before this: its next import
-- fills it in without counting the note as updated.
ALTER TABLE note ADD COLUMN hash INTEGER NOT NULL DEFAULT 0;
