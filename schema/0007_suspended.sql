-- 0007_suspended.sql: a card the student has set aside (swot suspend, or
-- a leech: lapsed leech-lapses times) is never asked and is counted
-- apart, until swot unsuspend.  Its schedule and history are kept.
ALTER TABLE card ADD COLUMN suspended INTEGER NOT NULL DEFAULT 0;
