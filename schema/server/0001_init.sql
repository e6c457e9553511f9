-- 0001_init.sql (server): a school's classes, teachers and students, and
-- what students' swots upload to it.  Applied by `swot server init URL`
-- inside one transaction, recorded in swot.schema_version.
--
-- Who may see and change what is PostgreSQL's to enforce, not swot's:
-- every login is a member of the group role swot_student or swot_teacher,
-- each table has row-level security, and each group has only the grants
-- below.  A student's rows carry its login (student DEFAULT current_user);
-- a student inserts and reads only those, never updates or deletes an
-- answer, reads only its classes' decks and publishes none.  A teacher
-- reads the rows of the students of their own classes only.
--
-- How `swot class --server` reads a class (one query per part, each an
-- index range):
--   1. the class's students: members JOIN students WHERE class = $1
--   2. their progress documents for the deck: progress WHERE student = ANY
--      and deck = $2 (each an export-progress file of that deck without
--      its review log: progfile_parse reads it, class_add takes it)
--   3. their answers to the deck: reviews WHERE student = ANY and deck = $2
--      ORDER BY student, card, time (reviews_report), appended to the
--      progress documents' cards as their review log.

-- Group roles are the cluster's, shared by every database on it: made
-- once, kept by later inits.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'swot_student') THEN
    CREATE ROLE swot_student NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'swot_teacher') THEN
    CREATE ROLE swot_teacher NOLOGIN;
  END IF;
END
$$;

-- A teacher's login (made by add-class --teacher NAME).
CREATE TABLE swot.teachers (
  login      text PRIMARY KEY,                 -- the login role
  name       text NOT NULL UNIQUE,             -- as given: "Ms Khan"
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A class and the teacher who sees it.
CREATE TABLE swot.classes (
  name       text PRIMARY KEY,                 -- as given: "11A"
  teacher    text NOT NULL REFERENCES swot.teachers (login),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX classes_teacher ON swot.classes (teacher);

-- A student's login (made by add-student CLASS NAME).
CREATE TABLE swot.students (
  login       text PRIMARY KEY,                -- the login role
  name        text NOT NULL,                   -- as given: "Sam Jones"
  progress_id text,                            -- the student's database id
                                               -- (the SQLite store's
                                               -- student.key), set by sync
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Who is in which class (a student may be in several).
CREATE TABLE swot.members (
  class   text NOT NULL REFERENCES swot.classes (name),
  student text NOT NULL REFERENCES swot.students (login),
  PRIMARY KEY (class, student)
);
CREATE INDEX members_student ON swot.members (student);

-- Every answer a student gave, stored once: id is the answer's stable id
-- (a hash of deck, card, time and rating, the answer's identity as swot
-- import-reviews already sees it), so a sync that is repeated or
-- interrupted adds nothing twice.  Never updated: the outcome columns are
-- as the answer left them when it was uploaded.
CREATE TABLE swot.reviews (
  student        text NOT NULL DEFAULT current_user REFERENCES swot.students (login),
  id             bigint NOT NULL,
  deck           text NOT NULL,                -- the deck's id
  card           text NOT NULL,                -- stable "<note>/<variant>"
  time           bigint NOT NULL,              -- Unix seconds
  rating         smallint NOT NULL CHECK (rating BETWEEN 1 AND 4),
  kind           text NOT NULL CHECK (kind IN ('learn', 'review', 'relearn', 'drill')),
  state_before   smallint NOT NULL,
  elapsed_days   integer NOT NULL,
  scheduled_days integer NOT NULL,
  stability      double precision NOT NULL,    -- after the answer
  difficulty     double precision NOT NULL,
  duration_ms    bigint NOT NULL,
  received_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (student, id)
);
-- A class report reads each student's answers to one deck, by card then
-- time, from this index alone.
CREATE INDEX reviews_report ON swot.reviews (student, deck, card, time)
  INCLUDE (rating, kind, stability);

-- Each card's memory as the student's swot last uploaded it (replaced on
-- each sync that changed it).
CREATE TABLE swot.card_states (
  student     text NOT NULL DEFAULT current_user REFERENCES swot.students (login),
  deck        text NOT NULL,
  card        text NOT NULL,
  state       smallint NOT NULL CHECK (state BETWEEN 0 AND 3),
  stability   double precision NOT NULL,
  difficulty  double precision NOT NULL,
  due         bigint NOT NULL,                 -- Unix seconds
  last_review bigint NOT NULL,                 -- Unix seconds, 0 never
  reps        integer NOT NULL,
  lapses      integer NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (student, deck, card)
);

-- A student's progress in one deck: the progress file swot
-- export-progress writes for it (schema/progress.schema.json), without
-- the review log, which is in reviews.  Replaced by each sync.
CREATE TABLE swot.progress (
  student   text NOT NULL DEFAULT current_user REFERENCES swot.students (login),
  deck      text NOT NULL,
  doc       json NOT NULL,
  synced_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (student, deck)
);

-- A deck published to a class: each publication a new version; students
-- import the newest version of each deck of their classes.
CREATE TABLE swot.decks (
  class        text NOT NULL REFERENCES swot.classes (name),
  deck         text NOT NULL,                  -- the deck's id
  version      integer NOT NULL CHECK (version > 0),
  doc          json NOT NULL,                  -- the deck file
  published_by text NOT NULL DEFAULT current_user,
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (class, deck, version)
);

-- Makes a login role in group grp with a password given as its SCRAM
-- verifier (swot hashes it first: the password itself never reaches the
-- server).  A function, so that swot can pass names and secrets as bound
-- parameters; it runs with its caller's rights (CREATEROLE).
CREATE FUNCTION swot.create_login(login text, verifier text, grp text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF grp NOT IN ('swot_student', 'swot_teacher') THEN
    RAISE EXCEPTION 'not a swot group role: %', grp;
  END IF;
  EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', login, verifier, grp);
END
$$;
REVOKE ALL ON FUNCTION swot.create_login(text, text, text) FROM PUBLIC;

-- What each group may do at all; the policies below then choose the rows.
REVOKE ALL ON SCHEMA swot FROM PUBLIC;
GRANT USAGE ON SCHEMA swot TO swot_student, swot_teacher;
GRANT SELECT ON swot.schema_version TO swot_student, swot_teacher;
GRANT SELECT ON swot.students, swot.members, swot.decks TO swot_student;
GRANT UPDATE (progress_id) ON swot.students TO swot_student;
GRANT SELECT, INSERT ON swot.reviews TO swot_student;
GRANT SELECT, INSERT, UPDATE ON swot.card_states, swot.progress TO swot_student;
GRANT SELECT ON swot.teachers, swot.classes, swot.students, swot.members,
  swot.reviews, swot.card_states, swot.progress, swot.decks TO swot_teacher;
GRANT INSERT ON swot.decks TO swot_teacher;

ALTER TABLE swot.teachers ENABLE ROW LEVEL SECURITY;
ALTER TABLE swot.classes ENABLE ROW LEVEL SECURITY;
ALTER TABLE swot.students ENABLE ROW LEVEL SECURITY;
ALTER TABLE swot.members ENABLE ROW LEVEL SECURITY;
ALTER TABLE swot.reviews ENABLE ROW LEVEL SECURITY;
ALTER TABLE swot.card_states ENABLE ROW LEVEL SECURITY;
ALTER TABLE swot.progress ENABLE ROW LEVEL SECURITY;
ALTER TABLE swot.decks ENABLE ROW LEVEL SECURITY;

-- A student: its own rows.  (No policy reads another table's policy
-- back, so PostgreSQL never finds them recursive.)
CREATE POLICY student_self ON swot.students FOR SELECT TO swot_student
  USING (login = current_user);
CREATE POLICY student_self_id ON swot.students FOR UPDATE TO swot_student
  USING (login = current_user) WITH CHECK (login = current_user);
CREATE POLICY student_member ON swot.members FOR SELECT TO swot_student
  USING (student = current_user);
CREATE POLICY student_read ON swot.reviews FOR SELECT TO swot_student
  USING (student = current_user);
CREATE POLICY student_add ON swot.reviews FOR INSERT TO swot_student
  WITH CHECK (student = current_user);
CREATE POLICY student_own ON swot.card_states FOR ALL TO swot_student
  USING (student = current_user) WITH CHECK (student = current_user);
CREATE POLICY student_own ON swot.progress FOR ALL TO swot_student
  USING (student = current_user) WITH CHECK (student = current_user);
CREATE POLICY student_decks ON swot.decks FOR SELECT TO swot_student
  USING (class IN (SELECT m.class FROM swot.members m WHERE m.student = current_user));

-- A teacher: their classes and those classes' students.
CREATE POLICY teacher_self ON swot.teachers FOR SELECT TO swot_teacher
  USING (login = current_user);
CREATE POLICY teacher_classes ON swot.classes FOR SELECT TO swot_teacher
  USING (teacher = current_user);
CREATE POLICY teacher_members ON swot.members FOR SELECT TO swot_teacher
  USING (class IN (SELECT c.name FROM swot.classes c WHERE c.teacher = current_user));
CREATE POLICY teacher_students ON swot.students FOR SELECT TO swot_teacher
  USING (login IN (SELECT m.student FROM swot.members m));
CREATE POLICY teacher_reviews ON swot.reviews FOR SELECT TO swot_teacher
  USING (student IN (SELECT m.student FROM swot.members m));
CREATE POLICY teacher_states ON swot.card_states FOR SELECT TO swot_teacher
  USING (student IN (SELECT m.student FROM swot.members m));
CREATE POLICY teacher_progress ON swot.progress FOR SELECT TO swot_teacher
  USING (student IN (SELECT m.student FROM swot.members m));
CREATE POLICY teacher_decks ON swot.decks FOR SELECT TO swot_teacher
  USING (class IN (SELECT c.name FROM swot.classes c));
CREATE POLICY teacher_publish ON swot.decks FOR INSERT TO swot_teacher
  WITH CHECK (class IN (SELECT c.name FROM swot.classes c)
              AND published_by = current_user);
