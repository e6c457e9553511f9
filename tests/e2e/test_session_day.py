"""A student's day at a real pseudo-terminal: the header counts down what
is left; Ctrl-C or Ctrl-D at the grade prompt keeps a checked answer with
its proposed grade (and says so); Up recalls an answer only within the
same card, and the saved history keeps only commands; a hint on a cloze's
second gap starts from that gap's first letter."""
import json
import os
import re
import sqlite3
import sys

import pexpect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from swottest import TMP, check, swot  # noqa: E402

print("1..9")  # the plan: how many checks this file runs

NOW = "2026-11-02T10:00"
deck = {"swot_deck": 1, "id": "day", "title": "Day", "version": "1", "cards": [
    {"id": "complete", "type": "cloze", "text": "Donors do not {{die}}: they {{complete}}."},
    {"id": "school", "type": "typed", "prompt": "Where did they grow up?",
     "answer": "Hailsham"},
    {"id": "carer", "type": "typed", "prompt": "What is Kathy's job?", "answer": "carer"}]}
path = os.path.join(TMP, "day.json")
with open(path, "w") as f:
    json.dump(deck, f)


def spawn(db):
    env = dict(os.environ, NO_COLOR="1", TERM="xterm")
    return pexpect.spawn(os.environ.get("SWOT", "./swot"),
                         ["--db", db, "--now", NOW, "review"], env=env,
                         encoding="utf-8", timeout=10, dimensions=(40, 120))


def step(p, line=None, control=None):
    """Sends a line (or a control key) and returns what came before the
    next prompt."""
    if control:
        p.sendcontrol(control)
    else:
        p.sendline(line)
    try:
        p.expect("> ")
        return p.before
    except (pexpect.EOF, pexpect.TIMEOUT):
        return p.before


db = os.path.join(TMP, "day.db")
swot(db, NOW, "import", path)
p = spawn(db)
p.expect("> ")
first = p.before
hint1 = step(p, ":hint")
step(p, "die")
p.send("\x1b[A")  # Up at the second gap: the first gap's answer
try:
    p.expect("die", timeout=5)
    same_card = True
except (pexpect.EOF, pexpect.TIMEOUT):
    same_card = False
p.sendcontrol("u")  # clear the recalled line
hint2 = step(p, ":hint")
check("a hint on the second gap starts from its first letter",
      "hint: d__" in hint1 and "hint: c_______" in hint2, (hint1, hint2))
check("Up recalls an answer within the same card", same_card, p.before)
graded = step(p, "complete")
kept = step(p, control="c")
check("Ctrl-C at the grade prompt keeps the checked answer, as proposed",
      "kept as hard (:undo takes it back)" in kept, kept)
p.send("\x1b[A")  # Up on the next card: the command, not the last answer
p.sendline("")
recalled = p.expect(["complete", "hint: H"])
check("Up on the next card recalls no answer from the card before",
      recalled == 1, p.before)
p.expect("> ")
step(p, "Hailsham")
p.sendcontrol("d")
p.expect(pexpect.EOF)
check("Ctrl-D at the grade prompt keeps it too and ends the session",
      "kept as hard" in p.before and "cards answered" in p.before, p.before)
conn = sqlite3.connect(db)
rows = conn.execute("SELECT c.key, r.rating FROM review r JOIN card c ON c.id = r.card_id"
                    " ORDER BY r.id").fetchall()
conn.close()
check("both kept answers are in the log with the grade proposed",
      ("complete/card", 2) in rows and ("school/card", 2) in rows, rows)
with open(db + ".history") as f:
    saved = f.read().split()
check("the saved history holds only commands", saved and
      all(line.startswith(":") for line in saved), saved)

# the counter counts down: from a pipe, some answers wrong
db2 = os.path.join(TMP, "count.db")
swot(db2, NOW, "import", path)
rc, out, err = swot(db2, NOW, "review", input="x\ny\n1\nnowhere\n1\ncarer\n\n" +
                    "die\ncomplete\n\nHailsham\n\n:quit\n")
left = [int(n) for n in re.findall(r"^day · (\d+) left", out, re.M)]
check("the header says what is left", left and left[0] == 3, out)
check("and it never goes up, even as failed cards come back",
      all(b <= a for a, b in zip(left, left[1:])) and len(left) >= 4, left)
