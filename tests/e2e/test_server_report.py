"""A teacher's side of the school's server against a real PostgreSQL (a
throwaway cluster, tests/pgcluster.py): swot server publish (checked as
swot lint checks a deck, versioned, refused by PostgreSQL to a student's
login and to another class's teacher), students receiving it and an
update that keeps their progress, and swot class --server: the same
report, byte for byte, as swot class over the same students' exported
progress files, after real review sessions; another class's report
refused."""
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, ".."))
import pgcluster  # noqa: E402
import sessionlib as sl  # noqa: E402
from swottest import SWOT, TMP, check  # noqa: E402

print("1..21")

DAYS = ["2026-03-%02dT%02d:%02d" % (2 + d, 8 + d % 9, 7 * d % 60) for d in range(9)]
END = "2026-03-12T19:00"   # the last sync, and the export
REPORT = "2026-03-13T08:00"  # the teacher's clock
NOBODY = os.path.join(TMP, "teacher-none.db")  # no teacher database: both reports alike


def run(db, now, *args):
    p = subprocess.run([SWOT, "--db", db, "--now", now, *args], capture_output=True,
                       text=True)
    return p.returncode, p.stdout, p.stderr


def admin_json(*args):
    p = subprocess.run([SWOT, *args, "--json"], capture_output=True, text=True, check=True)
    return json.loads(p.stdout)


def deck_file(name, d):
    path = os.path.join(TMP, name)
    with open(path, "w") as f:
        json.dump(d, f, indent=1)
    return path


def studied(db):
    return sl.query(db, "SELECT count(*) FROM card c JOIN deck d ON d.id = c.deck_id "
                        "WHERE d.slug = 'poems' AND c.reps > 0")[0][0]


def session(db, day, rnd, answers):
    """A review of the published deck from a pipe: answers typed and graded."""
    s = sl.Session(db, "review", "poems", now=day)
    for _ in range(answers):
        s.send(rnd.choice(("x", "Jekyll", "b", "1")))
        s.send(rnd.choice(("1", "3", "3", "4", "2", "3")))
    s.close()


with pgcluster.Cluster() as pg:
    admin = pg.url()
    subprocess.run([SWOT, "server", "init", admin], capture_output=True, check=True)
    khan = admin_json("server", "add-class", admin, "11A", "--teacher", "Ms Khan")
    ode = admin_json("server", "add-class", admin, "11B", "--teacher", "Mr Ode")
    names = ["Ada Lovelace", "Ben Okafor", "Cal Shah", "Dee Rao"]
    students = [admin_json("server", "add-student", admin, "11A", n) for n in names]
    other = admin_json("server", "add-student", admin, "11B", "Eve Hart")

    # -- publishing --
    with open(sl.FIXTURE) as f:
        deck = json.load(f)
    deck["id"], deck["title"] = "poems", "Class poems"
    good = deck_file("poems.json", deck)
    rc, out, err = run(NOBODY, END, "server", "publish", khan["url"], "11A", good)
    check("the class's teacher publishes a deck: version 1",
          rc == 0 and "published poems" in out and "version 1" in out
          and pg.value("SELECT count(*) FROM swot.decks WHERE class = '11A'") == "1"
          and pg.value("SELECT published_by FROM swot.decks") == khan["login"], out + err)

    bad = dict(deck, quotes=deck["quotes"] + [dict(deck["quotes"][0], speaker="nobody")])
    bad_path = deck_file("bad.json", bad)
    lint = subprocess.run([SWOT, "lint", bad_path], capture_output=True, text=True)
    rc, out, err = run(NOBODY, END, "server", "publish", khan["url"], "11A", bad_path)
    lint_lines = [l for l in (lint.stdout + lint.stderr).splitlines() if l]
    check("a bad deck is refused with swot lint's messages, nothing published",
          rc == 1 and lint.returncode == 1 and lint_lines
          and all(l in err for l in lint_lines) and "nothing published" in err
          and pg.value("SELECT count(*) FROM swot.decks") == "1", err + "\n" + lint.stderr)

    rc, out, err = run(NOBODY, END, "server", "publish", students[0]["url"], "11A", good)
    check("a student's login may not publish: PostgreSQL refuses it",
          rc == 1 and "permission denied for table decks" in err
          and pg.value("SELECT count(*) FROM swot.decks") == "1", out + err)
    rc, out, err = run(NOBODY, END, "server", "publish", ode["url"], "11A", good)
    check("nor another class's teacher: row-level security refuses the row",
          rc == 1 and "row-level security" in err
          and pg.value("SELECT count(*) FROM swot.decks") == "1", out + err)

    # -- students receive it, study it over days, sync --
    dbs = []
    for i, st in enumerate(students + [other]):
        db = sl.new_db("student%d.db" % i)  # the shipped quiz too: two decks each
        dbs.append(db)
        if st is other:
            rc, out, err = run(db, DAYS[0], "server", "publish", ode["url"], "11B", good)
        rc, out, err = run(db, DAYS[0], "sync", "--server", st["url"])
        if i == 0:
            check("a student's sync receives the published deck",
                  rc == 0 and "received poems from class 11A (version 1)" in out, out + err)
    for i, db in enumerate(dbs):
        rnd = random.Random(i)
        for day in DAYS[:5 + i % 3]:
            session(db, day, rnd, 3 + rnd.randrange(4))
        run(db, DAYS[6], "sync")
    before = [studied(db) for db in dbs]

    deck2 = json.loads(json.dumps(deck))
    deck2["version"] = "2"
    deck2["cards"].append({"id": "extra", "type": "basic", "front": "One more?",
                           "back": "Yes", "tags": ["context"]})
    rc, out, err = run(NOBODY, END, "server", "publish", khan["url"], "11A",
                       deck_file("poems2.json", deck2))
    check("publishing again makes version 2", rc == 0 and "version 2" in out, out + err)
    rc, out, err = run(dbs[0], DAYS[7], "sync")
    check("the next sync imports version 2 and keeps the student's progress",
          rc == 0 and "received poems from class 11A (version 2): 1 new" in out
          and studied(dbs[0]) == before[0] > 0, out + err)
    for i, db in enumerate(dbs):
        session(db, DAYS[8], random.Random(100 + i), 4)
        rc, out, err = run(db, END, "sync")
        # a sync sends before it receives: the progress sent by this one
        # is of version 1 of the deck, the next one's of version 2
        rc, out, err = run(db, END, "sync")
    local = sum(sl.query(db, "SELECT count(*) FROM review")[0][0] for db in dbs)
    check("every answer is on the server",
          rc == 0 and int(pg.value("SELECT count(*) FROM swot.reviews")) == local > 60,
          out + err)

    # -- the class report: the server against the students' files --
    files = os.path.join(TMP, "handed-in")
    os.makedirs(files)
    for st, db in zip(students, dbs):
        # named as the server names a student's source: its login
        rc, out, err = run(db, END, "export-progress", "--name", st["name"], "--reviews",
                           "-o", os.path.join(files, st["login"]))
        assert rc == 0, err
    logins = sorted(st["login"] for st in students)

    def from_files(*args):
        p = subprocess.run([SWOT, "--db", NOBODY, "--now", REPORT, "class", *logins, *args],
                           capture_output=True, text=True, cwd=files)
        return p.returncode, p.stdout, p.stderr

    def from_server(url, *args):
        return run(NOBODY, REPORT, "class", "--server", url, *args)

    rc1, table_files, err1 = from_files()
    rc2, table_server, err2 = from_server(khan["url"], "11A")
    check("the table from the server is the table from the files, byte for byte",
          rc1 == rc2 == 0 and table_server == table_files and "4 students" in table_server
          and not err2, table_server + err2 + "\n---\n" + table_files + err1)
    rc1, json_files, err1 = from_files("--json")
    rc2, json_server, err2 = from_server(khan["url"], "11A", "--json")
    report = json.loads(json_server) if rc2 == 0 else {}
    check("and --json, byte for byte", rc1 == rc2 == 0 and json_server == json_files,
          json_server[:600] + err2 + "\n---\n" + json_files[:600] + err1)
    check("a real report: each student's answers, the last week's change, days studied",
          report.get("deck", {}).get("id") == "poems" and len(report["students"]) == 4
          and all(s["days_studied_14"] and s["days_studied_14"] >= 5
                  and s["change_7d"] is not None for s in report["students"])
          and sorted(s["file"] for s in report["students"]) == logins, json_server[:800])
    import jsonschema  # noqa: E402
    with open(os.path.join(HERE, "..", "..", "schema", "class.schema.json")) as f:
        errors = list(jsonschema.Draft202012Validator(json.load(f)).iter_errors(report))
    check("the server's report validates against schema/class.schema.json",
          report and not errors, [e.message for e in errors][:3])
    html_files = os.path.join(TMP, "files.html")
    html_server = os.path.join(TMP, "server.html")
    rc1, out1, err1 = from_files("--html", html_files)
    rc2, out2, err2 = from_server(khan["url"], "--html", html_server)
    check("and the --html page (the teacher's classes, no CLASS named)",
          rc1 == rc2 == 0 and open(html_files, "rb").read() == open(html_server, "rb").read(),
          err1 + err2)

    # -- who may read what --
    rc, out, err = from_server(khan["url"], "11B")
    check("a teacher asking for another class's report is refused, saying so",
          rc == 1 and not out and "no class 11B that %s may read" % khan["login"] in err
          and err.count("\n") == 1, out + err)
    rc, out, err = pg.psql("SELECT count(*) FROM swot.reviews WHERE student = '%s'"
                           % other["login"], url=khan["url"])
    check("it is PostgreSQL that hides 11B's answers from 11A's teacher",
          rc == 0 and out.strip() == "0"
          and int(pg.value("SELECT count(*) FROM swot.reviews WHERE student = '%s'"
                           % other["login"])) > 0, out + err)
    rc, out, err = from_server(students[0]["url"], "11A")
    check("a student's login gets no class report", rc == 1 and "permission denied" in err,
          out + err)
    rc, out, err = from_server(ode["url"], "--json")
    check("11B's teacher sees 11B only",
          rc == 0 and [s["name"] for s in json.loads(out)["students"]] == ["Eve Hart"],
          out + err)
    rc, out, err = from_server(admin, "11A", "11B", "--json")
    both = json.loads(out) if rc == 0 else {"students": []}
    check("the school's admin reports on several classes at once (a year group)",
          rc == 0 and sorted(s["name"] for s in both["students"]) == names + ["Eve Hart"],
          out + err)

    # a student who has not synced yet is named, not silently left out
    late = admin_json("server", "add-student", admin, "11A", "Fay Late")
    rc, out, err = from_server(khan["url"], "11A")
    check("a student who has not synced is named on stderr; the others are reported",
          rc == 0 and "%s (Fay Late): nothing synced yet" % late["login"] in err
          and "4 students" in out, out + err)
    rc, out, err = from_server(khan["url"], "11A", "--strict")
    check("and --strict makes that fail the report", rc == 1 and "--strict" in err, out + err)
    rc, out, err = from_server("postgresql://x@127.0.0.1:1/school", "11A")
    check("an unreachable server: one line, exit 1",
          rc == 1 and err.count("\n") == 1 and "cannot reach the server" in err, out + err)

sys.exit(1 if __import__("swottest").failed else 0)
