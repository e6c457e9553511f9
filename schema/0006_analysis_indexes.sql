-- 0006_analysis_indexes.sql: the commands that look back over the whole
-- history (stats, readiness, report, export-reviews) read it from
-- indexes alone, in one pass, never touching the tables row by row.
--
-- review_time gains every column those commands read, with the row id
-- second so that "ORDER BY time, id" is the index's own order: a
-- million-answer log is then one sequential read, where the old index
-- sent each row back to the table (random reads, ten times slower).
DROP INDEX review_time;
CREATE INDEX review_time ON review (time, id, card_id, rating, kind,
                                    state_before, duration_ms);

-- card_memory gains due, so the cards' schedules (state, due, last
-- review, stability) come from the index too.
DROP INDEX card_memory;
CREATE INDEX card_memory ON card (deck_id, retired, state, last_review,
                                  stability, due);
