-- 0008_student.sql: who this database's student is to a teacher: a random
-- id made once per database, so two students who both give their name as
-- "Sam" stay apart in a class report.  It says nothing about the machine
-- or its user; the name is given each time a progress file is written.
CREATE TABLE student (
  id  INTEGER PRIMARY KEY CHECK (id = 1),   -- one row
  key TEXT NOT NULL                         -- 32 random hex digits
) STRICT;
INSERT INTO student (id, key) VALUES (1, lower(hex(randomblob(16))));
