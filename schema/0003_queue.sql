-- 0003_queue.sql: the order new cards are introduced in, read through an
-- index so building today's queue never sorts a whole deck.
CREATE INDEX card_new_order ON card (deck_id, retired, state, position);
