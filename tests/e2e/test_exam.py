"""swot exam: set, move, list and clear a deck's exam date, and the errors."""
import os
import sqlite3
import sys

import swottest
from swottest import check

print("1..21")  # the plan: how many checks this file runs

DB = os.path.join(swottest.TMP, "t.db")
NOW = "2026-11-25T10:00"


def run(*args, now=NOW):
    return swottest.swot(DB, now, *args)


rc, out, err = run("exam")
check("exam lists none on a new store", rc == 0 and "No exam dates set" in out, out + err)

db = sqlite3.connect(DB)
db.execute("INSERT INTO deck (slug, title, imported_at) VALUES ('nlmg', 'Never Let Me Go', 0)")
db.commit()
db.close()

rc, out, err = run("exam", "nlmg", "2027-05-14")
check("exam sets a date, 09:00 by default",
      rc == 0 and "Fri 14 May 2027, 09:00" in out and "in 170 days" in out, out + err)
check("setting it says how to see readiness, on a line of its own",
      out.splitlines()[-1] == "To see how ready you are: swot readiness nlmg", out)
check("what it changes fits 80 columns with a 30-character deck id",
      all(len(l.replace("nlmg", "x" * 30)) <= 80 for l in out.splitlines()), out)
rc, out, err = run("exam")
lines = out.splitlines()
check("exam lists it with days left",
      rc == 0 and lines[0].split() == ["DECK", "EXAM", "WHEN"]
      and lines[1].startswith("nlmg") and "in 170 days" in lines[1], out + err)
check("the list fits 80 columns", all(len(l) <= 80 for l in lines), out)

rc, out, err = run("exam", "nlmg", "2027-05-14", "--time", "14:30")
check("exam --time moves it", rc == 0 and "14:30" in out, out + err)
rc, out, err = run("exam", now="2027-05-13T12:00")
check("the day before says tomorrow", "tomorrow" in out, out)
rc, out, err = run("exam", now="2027-05-14T08:00")
check("on the day says today", "today" in out, out)
rc, out, err = run("exam", now="2027-05-17T08:00")
check("after says passed", "passed 3 days ago" in out, out)

db = sqlite3.connect(DB)
at = db.execute("SELECT at FROM exam").fetchone()[0]
db.close()
check("the store holds the local time (London summer time)", at == 1810301400, str(at))

rc, out, err = run("exam", "nope", "2027-05-14")
check("unknown deck fails with a message", rc == 1 and err.startswith('swot: no deck "nope"') and 'nlmg' in err, err)
rc, out, err = run("exam", "nlmg", "14/05/2027")
check("a bad date is a usage error", rc == 2 and "YYYY-MM-DD" in err, err)
rc, out, err = run("exam", "nlmg", "2027-02-30")
check("an impossible date is refused", rc == 2 and "not a real date" in err, err)
rc, out, err = run("exam", "nlmg", "2027-05-14", "--time", "9am")
check("a bad time is a usage error", rc == 2 and "HH:MM" in err, err)
rc, out, err = run("exam", "nlmg", "2026-01-10")
check("a past date is refused", rc == 1 and "already past" in err, err)
rc, out, err = run("exam", "nlmg")
check("a deck without a date is a usage error", rc == 2 and "usage:" in err, err)
rc, out, err = run("exam", "nlmg", "--bogus")
check("an unknown option is a usage error", rc == 2, err)

rc, out, err = run("exam", "nlmg", "--clear")
check("--clear removes it", rc == 0 and "cleared" in out, out + err)
rc, out, err = run("exam", "nlmg", "--clear")
check("--clear again says none was set", rc == 0 and "no exam date was set" in out, out + err)
rc, out, err = run("exam")
check("the list is empty again", "No exam dates set" in out, out)
sys.exit(1 if swottest.failed else 0)
