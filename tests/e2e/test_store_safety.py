"""What swot does with files that are not plainly its own, writable
database: the copy kept before an upgrade (redone when a kill left it
broken), another program's SQLite file (refused, byte for byte as it was),
`report --html` aimed at a database or through a planted symlink, and
read-only databases and folders (reading commands work; writing ones say
what is wrong and what to do)."""
import glob
import hashlib
import os
import shutil
import sqlite3
import subprocess

import swottest
from swottest import SWOT, check

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
FIXTURE = os.path.join(HERE, "..", "fixtures", "import", "small.json")
tmp = swottest.TMP
NOW = "2026-01-10T09:00"
print("1..33")  # the plan: how many checks this file runs


def run(db, *args, prefix=()):
    e = {k: v for k, v in os.environ.items() if k not in ("SWOT_DB", "SWOT_NOW")}
    # prefix, when given, ends with the swot to run (as another user)
    p = subprocess.run([*(prefix or (SWOT,)), "--db", db, "--now", NOW, *args],
                       capture_output=True, text=True, env=e,
                       stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout, p.stderr


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def make_old(path, version):
    """A database as swot wrote it at schema `version`, with a deck in it."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA application_id = 1937207156")
    for sql in sorted(glob.glob(os.path.join(ROOT, "schema", "0*.sql")))[:version]:
        with open(sql, encoding="utf-8") as f:
            db.executescript(f.read())
    db.execute("INSERT INTO deck (id, slug, title, imported_at) VALUES (1, 'old', 'Old', 10)")
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    db.close()


def user_version(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("PRAGMA user_version").fetchone()[0], \
            db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


# ---- the copy before an upgrade (issue 10 item 4) ----
old = os.path.join(tmp, "old.db")
make_old(old, 4)
bak = old + ".bak-v4"
open(bak, "wb").close()  # what a kill during the copy used to leave
rc, out, err = run(old, "decks")
check("upgrade: a v4 database with an empty copy beside it opens", rc == 0, err)
check("upgrade: the empty copy was redone whole, at v4",
      os.path.getsize(bak) > 0 and user_version(bak) == (4, "ok"),
      f"size {os.path.getsize(bak)}")
check("upgrade: no temporary copy left behind", not os.path.exists(bak + ".tmp"))
check("upgrade: the database is at the latest version",
      user_version(old)[0] == len(glob.glob(os.path.join(ROOT, "schema", "0*.sql"))))

old2 = os.path.join(tmp, "old2.db")
make_old(old2, 4)
with open(old2 + ".bak-v4.tmp", "wb") as f:
    f.write(b"SQLite format 3\0 half a copy")
rc, out, err = run(old2, "decks")
check("upgrade: a half-written temporary copy is replaced",
      rc == 0 and user_version(old2 + ".bak-v4") == (4, "ok")
      and not os.path.exists(old2 + ".bak-v4.tmp"), err)

# ---- another program's database (item 5) ----
foreign = os.path.join(tmp, "foreign.db")
db = sqlite3.connect(foreign)
db.execute("CREATE TABLE card (front TEXT, back TEXT)")
db.execute("INSERT INTO card VALUES ('x', 'y')")
db.commit()
db.close()
before = digest(foreign)
for cmd in (["import", FIXTURE], ["decks"], ["stats"], ["review"]):
    rc, out, err = run(foreign, *cmd)
    check(f"foreign database: {cmd[0]} refuses it with a message",
          rc == 1 and "not a swot database" in err and foreign in err, err)
check("foreign database: byte for byte as before, still in its journal mode",
      digest(foreign) == before and not os.path.exists(foreign + "-wal"))

other = os.path.join(tmp, "other-app.db")
db = sqlite3.connect(other)
db.execute("PRAGMA user_version = 3")
db.commit()
db.close()
before = digest(other)
rc, out, err = run(other, "import", FIXTURE)
check("a database with another program's version number is refused untouched",
      rc == 1 and "not a swot database" in err and digest(other) == before, err)

text = os.path.join(tmp, "notes.txt")
with open(text, "w") as f:
    f.write("my revision notes\n" * 100)
before = digest(text)
rc, out, err = run(text, "import", FIXTURE)
check("a file that is not SQLite at all: refused, untouched",
      rc == 1 and "not a swot database" in err and digest(text) == before, err)

empty = os.path.join(tmp, "empty.db")
open(empty, "wb").close()
rc, out, err = run(empty, "import", FIXTURE)
check("an empty file becomes a swot database", rc == 0 and "20 new" in out, err)

# ---- report --html (item 6) ----
DB = os.path.join(tmp, "swot.db")
rc, out, err = run(DB, "import", FIXTURE)
check("import for the report checks", rc == 0, err)
keep = digest(DB)
rc, out, err = run(DB, "report", "--html", DB)
check("report --html the database itself: refused, exit 1",
      rc == 1 and "will not write over" in err, err)
check("report --html the database itself: the database is as it was",
      digest(DB) == keep and run(DB, "decks")[0] == 0)
copy = os.path.join(tmp, "copy.db")
shutil.copy(DB, copy)
rc, out, err = run(DB, "report", "--html", copy)
check("report --html over another SQLite file: refused", rc == 1 and digest(copy) == keep, err)

victim = os.path.join(tmp, "victim.txt")
with open(victim, "w") as f:
    f.write("precious\n")
rep = os.path.join(tmp, "rep.html")
os.symlink(victim, rep + ".tmp")
rc, out, err = run(DB, "report", "--html", rep)
with open(victim) as f:
    check("report --html: a symlink planted at FILE.tmp is not followed",
          rc == 0 and f.read() == "precious\n", err)
check("report --html: the report is written",
      os.path.exists(rep) and open(rep).read().startswith("<!DOCTYPE html>"))
check("report --html: no temporary file left beside it",
      sorted(os.listdir(tmp)).count("rep.html") == 1 and
      not [n for n in os.listdir(tmp) if n.startswith(".") and len(n) == 7])

# ---- read-only databases and folders (item 12) ----
# root may write anything, so as root the commands run as nobody.
DB = os.path.join(tmp, "ro-source.db")
check("import for the read-only checks", run(DB, "import", FIXTURE)[0] == 0)
prefix = ()
if os.geteuid() == 0:
    os.chmod(tmp, 0o755)
    prefix = ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
              swottest.for_everyone(SWOT))
    FIXTURE = swottest.for_everyone(FIXTURE)
ro_dir = os.path.join(tmp, "ro-file")
os.mkdir(ro_dir)
os.chmod(ro_dir, 0o777)
ro_db = os.path.join(ro_dir, "swot.db")
shutil.copy(DB, ro_db)
os.chmod(ro_db, 0o444)
before = digest(ro_db)
for cmd in (["stats"], ["readiness"], ["decks"], ["export-reviews"],
            ["report", "--html", os.path.join(ro_dir, "r.html")]):
    rc, out, err = run(ro_db, *cmd, prefix=prefix)
    check(f"read-only file: {cmd[0]} works", rc == 0 and not err, err)
rc, out, err = run(ro_db, "import", FIXTURE, prefix=prefix)
check("read-only file: import says the file is read-only",
      rc == 1 and "read-only" in err and ro_db in err, err)
check("read-only file: byte for byte as before", digest(ro_db) == before)

folder = os.path.join(tmp, "ro-folder")
os.mkdir(folder)
f_db = os.path.join(folder, "swot.db")
shutil.copy(DB, f_db)
os.chmod(f_db, 0o666)
os.chmod(folder, 0o555)
for cmd in (["stats"], ["decks"], ["readiness"]):
    rc, out, err = run(f_db, *cmd, prefix=prefix)
    check(f"read-only folder: {cmd[0]} works", rc == 0 and not err, err)
rc, out, err = run(f_db, "review", prefix=prefix)
check("read-only folder: review says the folder is read-only and what to do",
      rc == 1 and "folder" in err and "read-only" in err and "--db" in err
      and "attempt to write" not in err, err)
rc, out, err = run(os.path.join(folder, "new.db"), "import", FIXTURE, prefix=prefix)
check("read-only folder: a new database there is refused with the same message",
      rc == 1 and "folder" in err and "read-only" in err, err)
os.chmod(folder, 0o755)

shutil.rmtree(tmp, ignore_errors=True)
raise SystemExit(1 if swottest.failed else 0)
