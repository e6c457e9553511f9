"""swot sync against a real PostgreSQL (a throwaway cluster,
tests/pgcluster.py): 30 students syncing at once from their own databases,
every answer arriving exactly once; kill -9 at random points of a sync,
then a clean one; the server stopped in the middle of a sync; an
unreachable server; the address remembered, the password only in a file
of mode 0600; a deck published to the class received and updated keeping
progress; the quiet sync after swot review."""
import json
import os
import random
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, ".."))
import pgcluster  # noqa: E402
import sessionlib as sl  # noqa: E402
from swottest import SWOT, TMP, check, swot  # noqa: E402

print("1..31")

NOW = "2026-03-20T18:00"
STUDENTS = 30


def run(db, *args, env=None, now=NOW):
    p = subprocess.run([SWOT, "--db", db, "--now", now, *args], capture_output=True,
                       text=True, env=env)
    return p.returncode, p.stdout, p.stderr


def sync_cmd(db, *args):
    return [SWOT, "--db", db, "--now", NOW, "sync", *args]


def local_reviews(db):
    return sl.query(db, "SELECT count(*) FROM review")[0][0]


def history_csv(path, n, seed):
    """n answers to the fixture deck's 12 cards over n hours, as the
    FSRS-standard CSV import-reviews reads."""
    rnd = random.Random(seed)
    start = 1767225600000  # 2026-01-01, in ms
    with open(path, "w") as f:
        f.write("card_id,review_time,review_rating,review_state,review_duration\n")
        for k in range(n):
            f.write("%d,%d,%d,%d,%d\n" % (1 + k % 12, start + k * 3600000 + seed * 1000,
                                          rnd.choice((1, 3, 3, 3, 4, 2)),
                                          1 if k < 12 else 2, 4000 + k % 7))
    return path


TEMPLATE = []


def student_db(name, n, seed):
    """A student's database: the fixture deck (a copy of one import, with
    an id of its own) and n answers."""
    if not TEMPLATE:
        TEMPLATE.append(sl.new_db("template.db"))
    db = os.path.join(TMP, name)
    shutil.copy(TEMPLATE[0], db)
    con = sqlite3.connect(db)
    con.execute("UPDATE student SET key = lower(hex(randomblob(16)))")
    con.commit()
    con.close()
    rc, out, err = run(db, "import-reviews", history_csv(db + ".csv", n, seed))
    assert rc == 0, err
    return db


def server_count(pg, login, table="reviews"):
    return int(pg.value("SELECT count(*) FROM swot.%s WHERE student = '%s'" % (table, login)))


with pgcluster.Cluster() as pg:
    admin = pg.url()
    subprocess.run([SWOT, "server", "init", admin], capture_output=True, check=True)
    subprocess.run([SWOT, "server", "add-class", admin, "11A", "--teacher", "Ms Khan"],
                   capture_output=True, check=True)
    logins = []
    for i in range(STUDENTS):
        p = subprocess.run([SWOT, "server", "add-student", admin, "11A", "Student %d" % i,
                            "--json"], capture_output=True, text=True, check=True)
        logins.append(json.loads(p.stdout))
    # three more, each for one test below on its own
    extra = {}
    for name in ("big", "mid", "env"):
        p = subprocess.run([SWOT, "server", "add-student", admin, "11A", name, "--json"],
                           capture_output=True, text=True, check=True)
        extra[name] = json.loads(p.stdout)

    # -- a session-made history, its sync, the address kept --
    sam = sl.new_db("sam.db")
    for i, day in enumerate(("2026-03-02T10:00", "2026-03-03T21:00", "2026-03-05T07:30")):
        s = sl.Session(sam, "review", now=day)
        for k in range(10):
            s.send("x")
            s.send("3")
        s.close()
    login = logins[0]
    rc, out, err = run(sam, "sync", "--server", login["url"])
    n = local_reviews(sam)
    check("sync sends a scripted session's answers",
          rc == 0 and "%d answers sent (%d new to the server)" % (n, n) in out
          and server_count(pg, login["login"]) == n and n >= 20, out + err)
    cards = sl.query(sam, "SELECT count(*) FROM card WHERE retired = 0")[0][0]
    check("and each card's memory, and a progress document of the deck",
          server_count(pg, login["login"], "card_states") == cards
          and server_count(pg, login["login"], "progress") == 1, out + err)
    doc = json.loads(pg.value("SELECT doc FROM swot.progress WHERE student = '%s'"
                              % login["login"]))
    check("the progress document is the deck's progress file, named as the server knows",
          doc.get("name") == "Student 0" and doc["decks"][0]["id"] == "quiz"
          and doc.get("student") == sl.query(sam, "SELECT key FROM student")[0][0]
          and pg.value("SELECT progress_id FROM swot.students WHERE login = '%s'"
                       % login["login"]) == doc.get("student"), str(doc)[:300])
    rc, out, err = run(sam, "sync")
    check("the address is remembered: a second sync sends nothing again",
          rc == 0 and "0 answers sent" in out and server_count(pg, login["login"]) == n,
          out + err)
    password = re.search(r"://[^:]+:([^@]+)@", login["url"]).group(1)
    pwfile = sam + ".server-password"
    check("the password is in a file next to the database, mode 0600",
          os.path.exists(pwfile) and stat.S_IMODE(os.stat(pwfile).st_mode) == 0o600
          and open(pwfile).read().strip() == password)
    raw = b""
    for suffix in ("", "-wal"):
        if os.path.exists(sam + suffix):
            raw += open(sam + suffix, "rb").read()
    setting = sl.query(sam, "SELECT value FROM setting WHERE key = 'server'")
    check("the database holds the address without the password",
          password.encode() not in raw and setting
          and setting[0][0] == login["url"].replace(":" + password, ""), setting)
    os.chmod(pwfile, 0o644)
    rc, out, err = run(sam, "sync")
    check("a password file others can read is refused, saying how to fix it",
          rc == 1 and "chmod 600" in err and err.count("\n") == 1, out + err)
    os.chmod(pwfile, 0o600)

    # -- 30 students at once, each from their own database --
    dbs = [student_db("s%d.db" % i, 40 + 7 * i, i) for i in range(1, STUDENTS)] + [sam]
    procs = [subprocess.Popen(sync_cmd(db, "--server", logins[(i + 1) % STUDENTS]["url"]),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i, db in enumerate(dbs[:-1])]
    t0 = time.time()
    results = [p.communicate() + (p.returncode,) for p in procs]
    elapsed = time.time() - t0
    check("29 more students sync at the same time, all succeeding",
          all(r[2] == 0 for r in results), [r for r in results if r[2]][:2])
    counts = dict(l.split("|") for l in pg.value(
        "SELECT student, count(*) FROM swot.reviews GROUP BY student").splitlines())
    want = {logins[(i + 1) % STUDENTS]["login"]: local_reviews(db)
            for i, db in enumerate(dbs[:-1])}
    want[login["login"]] = n
    check("every answer of every student arrives exactly once",
          all(int(counts.get(k, 0)) == v for k, v in want.items()) and len(counts) == 30,
          (counts, want))
    check("no answer is stored twice (one row per stable id)",
          pg.value("SELECT count(*) = count(DISTINCT (student, id)) FROM swot.reviews") == "t")
    print("# 29 concurrent syncs of %d answers took %.2f s"
          % (sum(want.values()) - n, elapsed))
    procs = [subprocess.Popen(sync_cmd(db), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for db in dbs]
    again = [p.communicate()[0] for p in procs]
    check("syncing all 30 again adds nothing",
          all("(0 new to the server)" in o for o in again)
          and int(pg.value("SELECT count(*) FROM swot.reviews")) == sum(want.values()),
          again[:2])

    # -- kill -9 at random points, then a clean sync --
    big_login = extra["big"]
    big = student_db("big.db", 3000, 99)
    probe = student_db("probe.db", 3000, 98)
    t0 = time.time()
    subprocess.run(sync_cmd(probe, "--server", logins[2]["url"]), capture_output=True)
    took = time.time() - t0
    rnd = random.Random(15)
    killed, seen = 0, set()
    for k in range(8):
        # each try starts with nothing sent, so it has the whole upload to do
        pg.value("DELETE FROM swot.reviews WHERE student = '%s'" % big_login["login"])
        con = sqlite3.connect(big)
        con.execute("DELETE FROM sync")
        con.commit()
        con.close()
        p = subprocess.Popen(sync_cmd(big, "--server", big_login["url"]),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rnd.uniform(0, took * 1.2))
        if p.poll() is None:
            p.kill()
            killed += 1
        p.wait()
        seen.add(server_count(pg, big_login["login"]))
    print("# %d of 8 syncs killed (a sync of 3000 answers takes %.2f s)" % (killed, took))
    check("a sync killed with kill -9 leaves all of its answers or none on the server",
          seen <= {0, 3000} and killed > 0, (seen, killed))
    check("the database is intact after the kills",
          sl.query(big, "PRAGMA integrity_check")[0][0] == "ok")
    # (a first sync killed every time has not remembered the server)
    rc, out, err = run(big, "sync", "--server", big_login["url"])
    check("a clean sync afterwards brings every answer, once",
          rc == 0 and server_count(pg, big_login["login"]) == local_reviews(big) == 3000,
          out + err)
    rc, out, err = run(big, "sync")
    check("and one more sends nothing new", rc == 0 and "(0 new to the server)" in out,
          out + err)

    # -- the server stopped in the middle of a sync --
    mid = student_db("mid.db", 500, 7)
    mid_login = extra["mid"]
    rc, out, err = run(mid, "sync", "--server", mid_login["url"])
    for day in ("2026-03-21T10:00",):
        s = sl.Session(mid, "review", now=day)
        for k in range(5):
            s.send("x")
            s.send("3")
        s.close()
    before = sl.snapshot(mid), sl.query(mid, "SELECT * FROM sync")
    on_server = server_count(pg, mid_login["login"])
    # a lock the sync will wait on, after it has sent its answers
    holder = subprocess.Popen(["psql", "-X", "-q", "-h", pg.dir, "-p", str(pg.port), "-U",
                               pgcluster.SUPERUSER, "-d", pg.db], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    holder.stdin.write("BEGIN; LOCK TABLE swot.progress IN ACCESS EXCLUSIVE MODE; "
                       "SELECT 'locked';\n")
    holder.stdin.flush()
    holder.stdout.readline()
    p = subprocess.Popen(sync_cmd(mid), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    for _ in range(200):
        if pg.value("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                    "'swot' AND wait_event_type = 'Lock'") == "1":
            break
        time.sleep(0.05)
    pg.halt("immediate")
    out, err = p.communicate(timeout=60)
    holder.kill()
    holder.wait()
    check("the server stopping mid-sync is one line, exit 1",
          p.returncode == 1 and err.count("\n") == 1 and "not synced" in err, out + err)
    check("and leaves the database as it was",
          (sl.snapshot(mid), sl.query(mid, "SELECT * FROM sync")) == before)
    rc, out, err = run(mid, "sync")
    check("a stopped server: one line, exit 1, nothing changed",
          rc == 1 and err.count("\n") == 1 and "cannot reach the server" in err
          and (sl.snapshot(mid), sl.query(mid, "SELECT * FROM sync")) == before, out + err)
    pg.restart()
    check("the answers sent before the stop were not kept",
          server_count(pg, mid_login["login"]) == on_server)
    rc, out, err = run(mid, "sync")
    check("once the server is back, the sync completes, every answer once",
          rc == 0 and server_count(pg, mid_login["login"]) == local_reviews(mid), out + err)

    # -- decks published to the class --
    with open(sl.FIXTURE) as f:
        deck = json.load(f)
    deck["id"] = "poems"
    deck["title"] = "Class poems"
    def publish(version, d):
        text = json.dumps(d).replace("'", "''")
        pg.value("INSERT INTO swot.decks (class, deck, version, doc) VALUES "
                 "('11A', 'poems', %d, '%s')" % (version, text))
    publish(1, deck)
    rc, out, err = run(sam, "sync")
    check("a deck published to the class arrives with the next sync",
          rc == 0 and "received poems from class 11A (version 1): %d new" % cards in out
          and "(new deck)" in out, out + err)
    s = sl.Session(sam, "review", "poems", now="2026-03-21T10:00")
    for k in range(4):
        s.send("x")
        s.send("3")
    s.close()
    studied = sl.query(sam, "SELECT count(*) FROM card c JOIN deck d ON d.id = c.deck_id "
                            "WHERE d.slug = 'poems' AND c.reps > 0")[0][0]
    deck2 = json.loads(json.dumps(deck))
    deck2["version"] = "2"
    deck2["cards"].append({"id": "extra", "type": "basic", "front": "One more?",
                           "back": "Yes", "tags": ["context"]})
    publish(2, deck2)
    rc, out, err = run(sam, "sync", now="2026-03-21T11:00")
    kept = sl.query(sam, "SELECT count(*) FROM card c JOIN deck d ON d.id = c.deck_id "
                         "WHERE d.slug = 'poems' AND c.reps > 0")[0][0]
    check("a new version arrives as an update that keeps the student's progress",
          rc == 0 and "received poems from class 11A (version 2): 1 new" in out
          and kept == studied > 0, out + err)
    rc, out, err = run(sam, "sync", now="2026-03-21T11:00")
    check("a version already received is not imported again",
          rc == 0 and "received" not in out, out + err)
    rc, out, err = run(mid, "sync")
    mid_decks = sl.query(mid, "SELECT slug FROM deck ORDER BY slug")
    check("every student of the class gets it", ("poems",) in mid_decks, mid_decks)

    # -- the quiet sync after review; $SWOT_SERVER --
    before = server_count(pg, login["login"])
    s = sl.Session(sam, "review", now="2026-03-22T10:00")
    s.send("x")
    s.send("3")
    s.close()
    check("by default swot review does not sync", server_count(pg, login["login"]) == before)
    rc, out, err = run(sam, "config", "sync-after-review", "on")
    s = sl.Session(sam, "review", now="2026-03-23T10:00")
    s.send("x")
    s.send("3")
    s.close()
    check("with sync-after-review on, a review ends with a sync",
          server_count(pg, login["login"]) == local_reviews(sam) > before + 1)
    env_db = student_db("env.db", 30, 55)
    env = dict(os.environ, SWOT_SERVER=extra["env"]["url"])
    rc, out, err = run(env_db, "sync", env=env)
    check("$SWOT_SERVER gives the server, and is not remembered",
          rc == 0 and server_count(pg, extra["env"]["login"]) == 30
          and not os.path.exists(env_db + ".server-password")
          and not sl.query(env_db, "SELECT value FROM setting WHERE key = 'server'"),
          out + err)
    rc, out, err = run(env_db, "sync")
    check("without a server set, sync says how to give one",
          rc == 1 and "swot sync --server URL" in err, out + err)
    rc, out, err = run(env_db, "sync", "--server", "postgresql://x@127.0.0.1:1/school")
    check("an unreachable server: one line, exit 1, the address not remembered",
          rc == 1 and err.count("\n") == 1 and "cannot reach the server" in err
          and not sl.query(env_db, "SELECT value FROM setting WHERE key = 'server'"),
          out + err)
    teacher = json.loads(subprocess.run(
        [SWOT, "server", "add-class", admin, "11B", "--teacher", "Mr Okafor", "--json"],
        capture_output=True, text=True).stdout)
    rc, out, err = run(env_db, "sync", "--server", teacher["url"])
    check("a teacher's login cannot sync as a student, and says so",
          rc == 1 and "t_mr_okafor is not a student's login" in err
          and err.count("\n") == 1, out + err)
    rc, out, err = run(env_db, "sync", "--server", pg.url(db="postgres"))
    check("a server without swot's schema says how to set it up",
          rc == 1 and "has no swot schema yet" in err and "swot server init" in err,
          out + err)
