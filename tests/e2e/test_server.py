"""swot server init / add-class / add-student on a real PostgreSQL (a
throwaway cluster, tests/pgcluster.py), and the security PostgreSQL
itself enforces: each student's and teacher's login is tried with psql
against the rows it must not read, change or write."""
import json
import re
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pgcluster  # noqa: E402
from swottest import SWOT, check  # noqa: E402

print("1..36")


def server(*args):
    p = subprocess.run([SWOT, "server", *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def url_of(out):
    """The postgresql:// address add-class / add-student printed."""
    lines = [w for w in out.split() if w.startswith("postgresql://")]
    return lines[0] if lines else None


with pgcluster.Cluster() as pg:
    admin = pg.url()
    rc, out, err = server("init", admin)
    check("init creates swot's schema", rc == 0 and "schema created (version 1)" in out,
          out + err)
    rc, out, err = server("init", admin)
    check("init again changes nothing and says so",
          rc == 0 and "up to date (version 1)" in out and not err, out + err)
    check("each migration is recorded once",
          pg.value("SELECT count(*) FROM swot.schema_version") == "1")
    check("init made the group roles",
          pg.value("SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles "
                   "WHERE rolname IN ('swot_student', 'swot_teacher')")
          == "swot_student,swot_teacher")
    check("every swot table has row-level security",
          pg.value("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                   "c.relnamespace WHERE n.nspname = 'swot' AND c.relkind = 'r' AND "
                   "c.relname <> 'schema_version' AND NOT c.relrowsecurity") == "0")

    rc, out, err = server("add-class", admin, "11A", "--teacher", "Ms Khan")
    khan = url_of(out)
    check("add-class makes the class and a login for its teacher, printing its URL",
          rc == 0 and "class 11A" in out and khan and "t_ms_khan:" in khan, out + err)
    rc, out, err = server("add-class", admin, "11B", "--teacher", "Mr Okafor", "--json")
    j = json.loads(out) if rc == 0 else {}
    okafor = j.get("url")
    check("add-class --json gives the login and its URL",
          j.get("class") == "11B" and j.get("login") == "t_mr_okafor"
          and j.get("created") is True and okafor, out + err)
    rc, out, err = server("add-class", admin, "11C", "--teacher", "Ms Khan", "--json")
    j = json.loads(out) if rc == 0 else {}
    check("a teacher's second class reuses the login and shows no password again",
          j.get("login") == "t_ms_khan" and j.get("url") is None, out + err)
    rc, out, err = server("add-class", admin, "11A", "--teacher", "Mr Okafor")
    check("a class taught by another teacher is refused",
          rc == 1 and "already taught by t_ms_khan" in err and not out, out + err)

    students = {}
    for cls, name in (("11A", "Sam Jones"), ("11A", "Ana Silva"), ("11B", "Sam Jones")):
        rc, out, err = server("add-student", admin, cls, name, "--json")
        j = json.loads(out) if rc == 0 else {}
        students[(cls, name)] = j
    sam, ana, sam2 = (students[k] for k in (("11A", "Sam Jones"), ("11A", "Ana Silva"),
                                             ("11B", "Sam Jones")))
    check("add-student makes a login per student, two Sams apart",
          sam.get("login") == "s_sam_jones" and sam2.get("login") == "s_sam_jones_2"
          and ana.get("login") == "s_ana_silva", students)
    rc, out, err = server("add-student", admin + "?sslmode=disable", "11B", "Lee Chan",
                          "--json")
    lee = json.loads(out) if rc == 0 else {}
    rc2, out2, err2 = pg.psql("SELECT current_user", url=lee.get("url", "x"))
    check("the URL printed keeps the sslmode the setup URL gave, and works",
          lee.get("url", "").endswith("/school?sslmode=disable") and out2 == "s_lee_chan",
          out + err + out2 + err2)
    rc, out, err = server("add-student", admin, "11C", "s_ana_silva")
    check("a student's login joins another class with no new password",
          rc == 0 and "joined class 11C" in out and "postgresql://" not in out, out + err)
    rc, out, err = server("add-student", admin, "12Z", "Lee")
    check("a student for a class that does not exist is refused",
          rc == 1 and "no class 12Z" in err, out + err)
    rc, out, err = server("add-student", admin, "11A", "Bad\nName")
    check("a name with a control character is refused",
          rc == 1 and "control characters" in err, out + err)
    check("passwords are stored as SCRAM verifiers",
          pg.value("SELECT bool_and(rolpassword LIKE 'SCRAM-SHA-256$%') FROM pg_authid "
                   "WHERE rolname IN ('s_sam_jones', 's_ana_silva', 't_ms_khan')") == "t")
    rc, out, err = pg.psql("SELECT current_user", url=sam["url"])
    check("a student's URL logs in as that student", rc == 0 and out == "s_sam_jones",
          out + err)
    rc, out, err = pg.psql("SELECT 1", url=re.sub(r"(://[^:]+:)[^@]+@", r"\1wrong@",
                                                  sam["url"]))
    check("a wrong password is refused", rc != 0 and "password" in err, out + err)

    # Rows of Sam's own, written as Sam: allowed.
    rc, out, err = pg.psql(
        "INSERT INTO swot.reviews (id, deck, card, time, rating, kind, state_before, "
        "elapsed_days, scheduled_days, stability, difficulty, duration_ms) VALUES "
        "(1, 'nlmg', 'kathy/who', 1700000000, 3, 'learn', 0, 0, 0, 2.3, 5.1, 4000);"
        "INSERT INTO swot.card_states (deck, card, state, stability, difficulty, due, "
        "last_review, reps, lapses) VALUES ('nlmg', 'kathy/who', 2, 2.3, 5.1, "
        "1700200000, 1700000000, 1, 0);"
        "INSERT INTO swot.progress (deck, doc) VALUES ('nlmg', '{}')", url=sam["url"])
    check("a student writes its own review, card state and progress", rc == 0, err)
    rc, out, err = pg.psql("SELECT count(*) FROM swot.reviews", url=sam["url"])
    check("and reads its own review back", out == "1", out + err)
    rc, out, err = pg.psql(
        "INSERT INTO swot.reviews (student, id, deck, card, time, rating, kind, "
        "state_before, elapsed_days, scheduled_days, stability, difficulty, duration_ms) "
        "VALUES ('s_sam_jones', 2, 'nlmg', 'x/who', 1, 3, 'learn', 0, 0, 0, 1, 1, 1)",
        url=ana["url"])
    check("a student cannot write a review as another student",
          rc != 0 and "row-level security" in err, out + err)

    for table in ("reviews", "card_states", "progress"):
        rc, out, err = pg.psql("SELECT count(*) FROM swot.%s" % table, url=ana["url"])
        check("a student cannot read another student's %s" % table,
              rc == 0 and out == "0"
              and pg.value("SELECT count(*) FROM swot.%s" % table) == "1", out + err)
    rc, out, err = pg.psql("UPDATE swot.card_states SET stability = 99 RETURNING 1",
                           url=ana["url"])
    check("a student cannot change another student's card state",
          rc == 0 and out == ""
          and pg.value("SELECT stability FROM swot.card_states") == "2.3", out + err)
    rc, out, err = pg.psql("UPDATE swot.reviews SET rating = 4", url=sam["url"])
    check("a student cannot change a review once written, even its own",
          rc != 0 and "permission denied" in err, out + err)
    rc, out, err = pg.psql("DELETE FROM swot.reviews", url=ana["url"])
    check("a student cannot delete reviews",
          rc != 0 and "permission denied" in err
          and pg.value("SELECT count(*) FROM swot.reviews") == "1", out + err)
    rc, out, err = pg.psql("SELECT login FROM swot.students ORDER BY 1", url=sam["url"])
    check("a student sees only itself among the students", out == "s_sam_jones", out + err)

    deck = json.dumps({"swot_deck": 1, "id": "mini"})
    rc, out, err = pg.psql("INSERT INTO swot.decks (class, deck, version, doc) VALUES "
                           "('11A', 'mini', 1, '%s')" % deck, url=sam["url"])
    check("a student cannot publish a deck", rc != 0 and "permission denied" in err,
          out + err)
    rc, out, err = pg.psql("INSERT INTO swot.decks (class, deck, version, doc) VALUES "
                           "('11A', 'mini', 1, '%s')" % deck, url=khan)
    check("a teacher publishes to their own class", rc == 0, out + err)
    rc, out, err = pg.psql("INSERT INTO swot.decks (class, deck, version, doc) VALUES "
                           "('11A', 'mini', 2, '%s')" % deck, url=okafor)
    check("a teacher cannot publish to another teacher's class",
          rc != 0 and "row-level security" in err, out + err)
    rc, out, err = pg.psql("SELECT count(*) FROM swot.decks", url=sam2["url"])
    check("a student reads no deck of a class it is not in", out == "0", out + err)
    rc, out, err = pg.psql("SELECT count(*) FROM swot.decks", url=sam["url"])
    check("a student reads its class's deck", out == "1", out + err)

    rc, out, err = pg.psql("SELECT count(*) FROM swot.reviews", url=khan)
    check("a teacher reads their class's reviews", rc == 0 and out == "1", out + err)
    rc, out, err = pg.psql("SELECT (SELECT count(*) FROM swot.reviews) || ',' || "
                           "(SELECT count(*) FROM swot.progress) || ',' || "
                           "(SELECT count(*) FROM swot.members WHERE class = '11A')",
                           url=okafor)
    check("a teacher reads nothing of another teacher's class",
          rc == 0 and out == "0,0,0", out + err)
    rc, out, err = pg.psql("INSERT INTO swot.reviews (student, id, deck, card, time, "
                           "rating, kind, state_before, elapsed_days, scheduled_days, "
                           "stability, difficulty, duration_ms) VALUES ('s_sam_jones', 9, "
                           "'nlmg', 'x/who', 1, 3, 'learn', 0, 0, 0, 1, 1, 1)", url=khan)
    check("a teacher cannot write a student's review",
          rc != 0 and "permission denied" in err, out + err)

    rc, out, err = server("init", "postgresql://nobody@127.0.0.1:1/x")
    check("an unreachable server is one line, exit 1",
          rc == 1 and err.count("\n") == 1 and "cannot reach the server 127.0.0.1:1/x"
          in err, out + err)
