-- 0004_card_memory.sql: each card's memory (state, last review, stability)
-- by deck, so readiness for an exam is summed over a deck from the index
-- alone, without reading the cards' text.
CREATE INDEX card_memory ON card (deck_id, retired, state, last_review, stability);
