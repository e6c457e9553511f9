-- 0011_walk_indexes.sql: the commands that go through every card of a
-- deck in its order (cards, export-progress, suspend --search) read it
-- from indexes, in one pass, never sorting 200,000 cards.
--
-- card_order is a deck's live cards by position, the row id last: "ORDER
-- BY position, id" is the index's own order.
CREATE INDEX card_order ON card (deck_id, retired, position);

-- review_card gains the row id after the time and the columns a card's
-- log is shown with (rating, kind, stability), so every card's log in
-- deck order is one pass over the index joined to card_order, where the
-- old index sent each answer back to the table.
DROP INDEX review_card;
CREATE INDEX review_card ON review (card_id, time, id, rating, kind,
                                    stability);

-- note_name finds the character a quote's speaker card names (the store
-- keeps the name, not the id), where the unique key made SQLite compare
-- every character of the deck for every quote.
CREATE INDEX note_name ON note (deck_id, kind, name);
