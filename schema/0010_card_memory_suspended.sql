-- 0010_card_memory_suspended.sql: the card-memory index carries whether a
-- card is suspended, so swot stats' forecast can leave suspended cards out
-- of every day (as the review queue does) and still read only the index.
DROP INDEX card_memory;
CREATE INDEX card_memory ON card (deck_id, retired, state, last_review,
                                  stability, due, suspended);
