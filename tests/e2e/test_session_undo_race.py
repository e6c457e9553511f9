""":undo after another swot answered the same card meanwhile: the other
answer is kept whole (its review row and the card's state agree), and the
undo is refused with a message saying why."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sessionlib as sl
import swottest
from swottest import check

print("1..10")  # the plan: how many checks this file runs

db = sl.new_db("race.db")
a = sl.Session(db, "review")
check("first swot: the card is asked", a.expect(r"The narrator, a carer") is not None,
      a.text())
a.send("Kath")
check("first swot: right", a.expect(r"right \(proposed: good\)") is not None, a.text())
a.send("3")
check("first swot: the next card is asked", a.expect(r"quiz · \d+ left") is not None,
      a.text()[-400:])

# another swot, an hour later, answers the same card (learning, due again)
p = subprocess.run([swottest.SWOT, "--db", db, "--now", "2026-03-02T11:00", "review"],
                   input="Kath\n3\n", capture_output=True, text=True)
check("second swot answers the same card",
      p.returncode == 0 and "The narrator, a carer" in p.stdout
      and "1 card answered" in p.stdout, p.stdout[-600:] + p.stderr)
reps = sl.query(db, "SELECT reps FROM card WHERE key = 'kathy/who'")[0][0]
check("both answers count", reps == 2, reps)

a.send(":undo")
refused = a.expect(r"cannot undo: the card was answered again since")
goes_on = a.expect(r"quiz · \d+ left")
a.send("Tommy")
answered = a.expect(r"right \(proposed: good\)")
rc = a.close()
ok, bad = sl.consistent(db)
check("the card's state and its review rows still agree", ok, bad)
check("the second swot's answer is kept",
      sl.query(db, "SELECT reps FROM card WHERE key = 'kathy/who'")[0][0] >= 1)
check("the undo is refused, saying why", refused is not None, a.text()[-400:])
check("the session goes on after the refusal: the card on screen is asked again",
      goes_on is not None and answered is not None, a.text()[-400:])
check("and ends normally", rc == 0, a.err)

sys.exit(1 if swottest.failed else 0)
