"""swot import and swot decks end to end: new, unchanged, updated with
history kept, retired and revived cards; decks as a table and as JSON; the
three ways an import fails (bad deck, read-only database, database from a
newer swot), each leaving the database byte for byte as it was; and `swot`
alone on an empty database importing the shipped decks."""
import copy
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess

import swottest
from swottest import SWOT, check

print("1..58")  # the plan: how many checks this file runs

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "fixtures", "import", "small.json")
tmp = swottest.TMP
DB = os.path.join(tmp, "swot.db")
NOW = "2026-01-10T09:00"


def run(*args, db=DB, now=NOW, env=None, prefix=()):
    e = dict(os.environ)
    e.pop("SWOT_DB", None)
    e.pop("SWOT_NOW", None)
    e.update(env or {})
    p = subprocess.run([*prefix, SWOT, "--db", db, "--now", now, *args],
                       capture_output=True, text=True, env=e,
                       stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout, p.stderr


def counts(out, deck="small-test"):
    """The figures of an import's line for deck, as a dict."""
    for line in out.splitlines():
        if line.startswith(deck + ":"):
            return {k: int(n) for n, k in
                    re.findall(r"(\d+) (new|updated|unchanged|retired|revived)", line)}
    return {}


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def files_state(path):
    """The database and its companions (-wal, -shm), as hashes."""
    return {s: sha(path + s) for s in ("", "-wal", "-shm")
            if os.path.exists(path + s)}


def write_deck(deck, name):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        json.dump(deck, f, indent=1)
    return path


def q(sql, *args):
    db = sqlite3.connect(DB)
    rows = db.execute(sql, args).fetchall()
    db.close()
    return rows


with open(FIXTURE) as f:
    base = json.load(f)

# ---- first import ----
rc, out, err = run("import", FIXTURE)
c = counts(out)
total = c.get("new", 0)
check("import: exit 0", rc == 0, out + err)
check("import: every card new", total > 0 and c == {"new": total, "updated": 0,
                                                    "unchanged": 0, "retired": 0}, out)
check("import: the line names the deck and says it is new",
      re.fullmatch(r"small-test: \d+ new, 0 updated, 0 unchanged, 0 retired \(new deck\)\n",
                   out) is not None, out)
check("import: as many cards stored as reported",
      q("SELECT count(*) FROM card")[0][0] == total)

# ---- decks --json ----
rc, out, err = run("decks", "--json")
try:
    js = json.loads(out)
except ValueError:
    js = None
check("decks --json: valid JSON", rc == 0 and js is not None, out + err)
if js:
    d = js["decks"][0] if js["decks"] else {}
    check("decks --json: one deck with id, title, version",
          len(js["decks"]) == 1 and d["id"] == "small-test"
          and d["title"] == "A Small Test Deck" and d["version"] == "1", out)
    check("decks --json: cards by state", d["cards"] == {
        "new": total, "learning": 0, "review": 0, "relearning": 0}, out)
    check("decks --json: due, total, retired",
          d["due"] == 0 and d["total"] == total and d["retired"] == 0, out)
    check("decks --json: updated date", d["updated"] == "2026-01-10"
          and isinstance(d["updated_at"], int), out)
    check("decks --json: readiness 0 before any study, for now (no exam)",
          d["readiness"] == 0 and d["readiness_at"] == js["now"]
          and '"readiness": 0.0000,' in out, out)

# ---- decks table ----
rc, out, err = run("decks")
lines = out.splitlines()
check("decks: a header and a row", rc == 0 and len(lines) == 2
      and lines[0].split() == ["DECK", "TITLE", "NEW", "LEARNING", "DUE", "TOTAL", "READY",
                               "UPDATED"]
      and lines[1].startswith("small-test  A Small Test Deck"), out + err)
ends = lambda line: [m.end() for m in re.finditer(r"\S+", line)]
check("decks: numbers right-aligned under their headings",
      len(lines) == 2 and ends(lines[0])[2:7] == ends(lines[1])[-6:-1], out)
check("decks: nothing studied yet, 0% ready", len(lines) == 2 and lines[1].split()[-2] == "0%",
      out)
long_title = copy.deepcopy(base)
long_title["id"] = "long-title"
long_title["title"] = "A Deck Whose Title Goes On " * 4
rc, out, err = run("import", write_deck(long_title, "long.json"), db=os.path.join(tmp, "long.db"))
rc, out, err = run("decks", db=os.path.join(tmp, "long.db"))
check("decks: a long title is cut to keep the table within 80 columns",
      rc == 0 and all(len(x) <= 80 for x in out.splitlines()) and "\u2026" in out, out + err)

# ---- second import: nothing changes ----
before = files_state(DB)
rc, out, err = run("import", FIXTURE, now="2026-01-11T09:00")
check("re-import: every card unchanged",
      rc == 0 and counts(out) == {"new": 0, "updated": 0, "unchanged": total, "retired": 0},
      out + err)
check("re-import: the database file is untouched", files_state(DB) == before)

# ---- the student has answered some cards ----
db = sqlite3.connect(DB)
for key in ("plain/cloze", "weeping/cloze", "gallery/cloze", "gallery/speaker"):
    db.execute("UPDATE card SET state = 2, stability = 7.25, reps = 2, due = 1768500000,"
               " last_review = 1768000000 WHERE key = ?", (key,))
    db.execute("INSERT INTO review (card_id, time, rating, kind, state_before,"
               " elapsed_days, scheduled_days, stability, difficulty, duration_ms)"
               " SELECT id, 1768000000, 3, 'review', 2, 1, 7, 7.25, 5, 3000"
               " FROM card WHERE key = ?", (key,))
db.commit()
db.close()

# ---- edit one quote's text (a quote in no theme: only its own cards) ----
edited = copy.deepcopy(base)
edited["quotes"][2]["text"] = "The morning was grey, and the playing field was empty."
path = write_deck(edited, "edited.json")
n_plain = q("SELECT count(*) FROM card WHERE key LIKE 'plain/%'")[0][0]
rc, out, err = run("import", path, now="2026-01-12T09:00")
check("edit: that quote's cards updated, the rest unchanged",
      rc == 0 and counts(out) == {"new": 0, "updated": n_plain,
                                  "unchanged": total - n_plain, "retired": 0}, out + err)
check("edit: reported as one note", "(1 note)" in out, out)
row = q("SELECT prompt, state, stability, reps, due FROM card WHERE key = 'plain/cloze'")[0]
check("edit: new text stored", "playing field" in row[0], row)
check("edit: schedule kept", row[1:] == (2, 7.25, 2, 1768500000), row)
check("edit: history kept", q("SELECT count(*) FROM review r JOIN card c ON c.id = r.card_id"
                              " WHERE c.key = 'plain/cloze'")[0][0] == 1)

# ---- edit a quote in a theme: its theme's card lists it, so it changes too ----
edited2 = copy.deepcopy(edited)
edited2["quotes"][0]["text"] = "I was weeping for an altogether different reason, Madame."
path = write_deck(edited2, "edited2.json")
n_weeping = q("SELECT count(*) FROM card WHERE key LIKE 'weeping/%'")[0][0]
n_themes = len(base["quotes"][0]["themes"])
hashes = dict(q("SELECT kind || ':' || key, hash FROM note"))
rc, out, err = run("import", path, now="2026-01-12T10:00")
c = counts(out)
check("edit in a theme: the quote's cards and its themes' cards updated",
      rc == 0 and c.get("updated") == n_weeping + n_themes
      and c.get("unchanged") == total - n_weeping - n_themes, out + err)
check("edit in a theme: one note edited, so one note updated",
      re.search(r"\b%d updated \(1 note\)," % (n_weeping + n_themes), out), out)
check("edit in a theme: the theme's card lists the new text",
      all("different reason, Madame" in a for (a,) in
          q("SELECT answers FROM card WHERE key IN (%s)"
            % ",".join("'%s/quotes'" % t for t in base["quotes"][0]["themes"])))
      and n_themes > 0)
hashes2 = dict(q("SELECT kind || ':' || key, hash FROM note"))
check("edit in a theme: only the quote's note has a new hash",
      [k for k in hashes if hashes[k] != hashes2.get(k)] == ["quote:weeping"]
      and 0 not in hashes.values(), (hashes, hashes2))
check("edit in a theme: history kept",
      q("SELECT state, reps FROM card WHERE key = 'weeping/cloze'")[0] == (2, 2)
      and q("SELECT count(*) FROM review r JOIN card c ON c.id = r.card_id"
            " WHERE c.key = 'weeping/cloze'")[0][0] == 1)

# ---- remove a quote: its cards retired, history kept ----
removed = copy.deepcopy(edited2)
removed["quotes"] = [x for x in removed["quotes"] if x["id"] != "gallery"]
path = write_deck(removed, "removed.json")
n_gallery = q("SELECT count(*) FROM card WHERE key LIKE 'gallery/%'")[0][0]
rc, out, err = run("import", path, now="2026-01-13T09:00")
c = counts(out)
check("remove: the quote's cards retired", rc == 0 and c.get("retired") == n_gallery
      and c.get("new") == 0, out + err)
check("remove: retired rows kept with their history",
      q("SELECT count(*) FROM card WHERE key LIKE 'gallery/%' AND retired = 1")[0][0] == n_gallery
      and q("SELECT count(*) FROM review r JOIN card c ON c.id = r.card_id"
            " WHERE c.key LIKE 'gallery/%'")[0][0] == 2)
rc, out, err = run("decks", "--json", now="2026-01-13T09:00")
d = json.loads(out)["decks"][0] if rc == 0 else {}
check("remove: decks counts only live cards, and the retired",
      d.get("retired") == n_gallery and d.get("total") == total - n_gallery, out + err)

# ---- put it back: revived with its history ----
rc, out, err = run("import", FIXTURE, now="2026-01-14T09:00")
c = counts(out)
check("revive: the quote's cards revived", rc == 0 and c.get("revived") == n_gallery
      and c.get("retired") == 0 and c.get("new") == 0, out + err)
check("revive: schedule and history back",
      q("SELECT state, reps, retired FROM card WHERE key = 'gallery/cloze'")[0] == (2, 2, 0)
      and q("SELECT count(*) FROM review r JOIN card c ON c.id = r.card_id"
            " WHERE c.key LIKE 'gallery/%'")[0][0] == 2)
rc, out, err = run("decks", "--json", now="2026-01-20T09:00")
d = json.loads(out)["decks"][0]
# the four reviews are gallery/cloze and gallery/speaker, both of one note,
# and two cards of other notes: one of the gallery pair waits for tomorrow
check("decks --json: reviewed cards counted as review and due, a sibling held",
      d["cards"]["review"] == 4 and d["due"] == 3 and d["left_today"]["held"] == 1
      and d["total"] == total and d["cards"]["new"] == total - 4, out)
check("decks --json: reviewed cards make the deck partly ready",
      0 < d["readiness"] < 4 / total, out)

# ---- notes stored before notes had a hash: filled in, not counted ----
db = sqlite3.connect(DB)
db.execute("UPDATE note SET hash = 0")
db.commit()
db.close()
n_log = q("SELECT count(*) FROM import_log")[0][0]
rc, out, err = run("import", FIXTURE, now="2026-01-21T09:00")
check("no hash yet: unchanged cards, no note counted",
      rc == 0 and counts(out) == {"new": 0, "updated": 0, "unchanged": total, "retired": 0}
      and "note" not in out, out + err)
check("no hash yet: hashes filled in, nothing logged",
      q("SELECT count(*) FROM note WHERE hash = 0")[0][0] == 0
      and q("SELECT count(*) FROM import_log")[0][0] == n_log)

# ---- failures leave the database byte for byte as it was ----
bad = copy.deepcopy(base)
bad["quotes"][0]["speaker"] = "madam"
bad["title"] = "Changed"
bad_path = write_deck(bad, "bad.json")
before = files_state(DB)
rc, out, err = run("import", path, bad_path)
check("bad deck: exit 1", rc == 1, out + err)
check("bad deck: the problem names the file, the place and what is wrong",
      "bad.json" in err and "weeping" in err and "madam" in err, err)
check("bad deck: says nothing was imported", "nothing imported" in err and out == "", err)
check("bad deck: database byte for byte as before", files_state(DB) == before)

fresh = os.path.join(tmp, "never", "made.db")
rc, out, err = run("import", bad_path, db=fresh)
check("bad deck: no database created", rc == 1 and not os.path.exists(fresh)
      and not os.path.exists(os.path.dirname(fresh)), err)

rc, out, err = run("import", os.path.join(tmp, "missing.json"))
check("missing file: exit 1 naming it", rc == 1 and "missing.json" in err, err)

rc, out, err = run("import", FIXTURE, FIXTURE)
check("the same deck twice in one import is refused", rc == 1 and "small-test" in err
      and files_state(DB) == before, err)

# A read-only database file.  root may write any file, so as root the
# command runs as nobody, who can read the file but not write it.
ro = os.path.join(tmp, "ro")
os.mkdir(ro)
ro_db = os.path.join(ro, "swot.db")
shutil.copy(DB, ro_db)
os.chmod(ro_db, 0o444)
prefix = ()
if os.geteuid() == 0:
    os.chmod(tmp, 0o755)
    os.chmod(ro, 0o755)
    prefix = ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")
if prefix and not shutil.which("setpriv"):
    print("# no setpriv (util-linux): the read-only case needs a non-root user")
    swottest.failed += 1
    print("not ok - read-only database: cannot run as another user")
else:
    before = files_state(ro_db)
    rc, out, err = run("import", path, db=ro_db, prefix=prefix)
    check("read-only database: exit 1", rc == 1, out + err)
    check("read-only database: a clear message", "read-only" in err and ro_db in err, err)
    check("read-only database: byte for byte as before", files_state(ro_db) == before)

# A database from a newer swot.
new_db = os.path.join(tmp, "newer.db")
shutil.copy(DB, new_db)
db = sqlite3.connect(new_db)
db.execute("PRAGMA user_version = 999")
db.commit()
db.close()
before = files_state(new_db)
rc, out, err = run("import", path, db=new_db)
check("newer database: exit 1", rc == 1, out + err)
check("newer database: says to upgrade swot", "newer swot" in err, err)
check("newer database: byte for byte as before", files_state(new_db) == before)

# ---- a free card may share its id with a character: two notes ----
same_db = os.path.join(tmp, "same-id", "swot.db")
same = copy.deepcopy(base)
same["cards"].append({"id": "ruth", "type": "basic", "front": "Who tells the story?",
                      "back": "Kathy"})
same_path = write_deck(same, "same-id.json")
rc, out, err = run("import", same_path, db=same_db)
check("same id as a character: imported", rc == 0, out + err)
con = sqlite3.connect(same_db)
kinds = con.execute("SELECT c.key, n.kind FROM card c JOIN note n ON n.id = c.note_id "
                    "WHERE c.key LIKE 'ruth/%' ORDER BY c.key").fetchall()
con.close()
check("same id as a character: the free card has a note of its own",
      ("ruth/card", "card") in kinds and ("ruth/who", "character") in kinds, kinds)
rc, out, err = run("import", same_path, db=same_db)
check("same id as a character: importing again changes nothing",
      rc == 0 and counts(out).get("unchanged") == total + 1 and "note" not in out,
      out + err)

# ---- usage ----
rc, out, err = run("import")
check("import with no file: usage, exit 2", rc == 2 and "usage" in err, err)
rc, out, err = run("decks", "--bogus")
check("decks with a bad option: usage, exit 2", rc == 2 and "usage" in err, err)

# ---- swot alone on an empty database offers the shipped decks ----
empty_db = os.path.join(tmp, "empty", "swot.db")
rc, out, err = run(db=empty_db)
shipped = sorted(os.listdir(os.path.join(HERE, "..", "..", "decks"))) \
    if os.path.isdir(os.path.join(HERE, "..", "..", "decks")) else []
shipped = [f[:-5] for f in shipped if f.endswith(".json") and f != "template.json"]
check("swot alone from a pipe: lists every shipped deck and adds none",
      rc == 0 and all(re.search(r"^ +\d+  %s " % re.escape(i), out, re.M) for i in shipped)
      and "swot add DECK" in out and " new," not in out, out + err)
rc, out, err = run("add", *shipped, db=empty_db)
rc2, out2, err2 = run("decks", "--json", db=empty_db)
ids = sorted(x["id"] for x in json.loads(out2)["decks"]) if rc2 == 0 else None
check("swot add: every shipped deck named is imported", ids is not None
      and ids == sorted(shipped) and all(x["total"] > 0 for x in json.loads(out2)["decks"]),
      out + err + out2 + err2)
check("swot add: says what it imported",
      all(re.search(r"^%s: \d+ new" % re.escape(i), out, re.M) for i in ids or []), out)
rc, out3, err3 = run(db=empty_db)
check("swot alone after that starts a review, adding nothing", " new," not in out3
      and "The decks that come with swot" not in out3, out3[:300])
check("the first-run tip is not shown again", ":help lists" not in out3, out3[:300])

shutil.rmtree(tmp, ignore_errors=True)
raise SystemExit(1 if swottest.failed else 0)
