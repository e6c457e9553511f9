"""swot review and swot drill driven from a pipe: every card type, the
grades proposed for wrong, almost and right answers, :undo, :skip, the
learning cards coming back, end of input, no escape codes; drill leaves
the schedule alone."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sessionlib as sl
import swottest
from swottest import check

print("1..60")  # the plan: how many checks this file runs

INTERVALS = r"again \d+m · hard \d+m · good \d+m · easy \d+d\n"

db = sl.new_db("pipe.db")
s = sl.Session(db, "review")


def step(name, prompt_rx, answer, verdict=None, grade=""):
    """Waits for a card, answers it and grades it."""
    m = s.expect(prompt_rx)
    if not check(name + ": the card is asked", m is not None, s.text()[-600:]):
        return False
    s.send(answer)
    if verdict:
        check(name + ": " + verdict, s.expect(re.escape(verdict)) is not None,
              s.text()[-600:])
        check(name + ": the intervals of each grade", s.expect(INTERVALS) is not None,
              s.text()[-400:])
    s.send(grade)
    return True


check("the header names the deck and what is left, the card on screen counted",
      s.expect(r"quiz · 12 left · learning 0 · due 0 · new 12\n") is not None, s.text())
step("who-said by alias", r"The narrator, a carer", "Kath", "right (proposed: good)")
step("who-said misspelt", r"A boy given to rages", "Tomy", "almost (proposed: hard)")
check("almost shows the word diff", "  [-Tomy-]{+Tommy+}\n" in s.text(),
      s.text()[-400:])
step("who-said, another character's name", r"likes to lead", "Kathy",
     "wrong (proposed: again)")
m = s.expect(r"Theme: Memory and loss")
s.send("")
check("basic: Enter shows the back", s.expect(r"answer: Kathy holds on") is not None,
      s.text()[-400:])
s.send("3")

# :undo after grading the next basic card leaves the database as before
s.expect(r"Theme: Hope and deferral")
before = sl.snapshot(db)
s.send("")
s.send("4")
check("the cloze card blanks its gap",
      s.expect(r'"I was weeping for an \[___1___\] reason\."') is not None, s.text()[-400:])
s.send(":undo")
check(":undo says so", s.expect(r"\(last answer undone\)") is not None, s.text()[-300:])
check(":undo asks the card again", s.expect(r"Theme: Hope and deferral") is not None,
      s.text()[-300:])
check(":undo leaves the database as before that grade", sl.snapshot(db) == before)
s.send("")
s.send("3")

step("cloze", r"\[___1___\] reason", "altogether different", "right (proposed: good)")
step("typed, wrong", r"Nobel Prize\?", "2016", "wrong (proposed: again)")
step("typed, almost", r"Who wrote Never Let Me Go\?", "Kazuo Ishigro",
     "almost (proposed: hard)")
step("typed, right", r"Which school", "hailsham", "right (proposed: good)")

m = s.expect(r"  (\d)\) Dystopian fiction\n")
check("choice: numbered options", m is not None, s.text()[-400:])
if m:
    s.send(m.group(1).decode())
    check("choice: by number", s.expect(r"right \(proposed: good\)") is not None)
    s.send("")

s.expect(r"What is a carer\?")
s.send(":skip")
check(":skip", s.expect(r"\(skipped until tomorrow\)") is not None, s.text()[-300:])

s.expect(r"Donors do not \[___1___\]: they \[___2___\]\.")
s.send("die")
s.send("completed")
check("a two-gap cloze checks each gap", s.expect(r"almost \(proposed: hard\)") is not None,
      s.text()[-400:])
s.send("")

# new cards done: the learning ones come back within the session
check("learning cards come back in the same session",
      s.expect(r"quiz · \d+ left · learning \d+ · due 0 · new 0\n") is not None,
      s.text()[-400:])
rc = s.close()
out = s.text()
check("end of input ends the session with a summary",
      rc == 0 and re.search(r"11 cards answered, 9 right first time \(82%\) in 0m \d\ds\.\n"
                            r"(\d+ cards? still learning, due later today\.\n)?"
                            r"Due tomorrow: \d+ cards?\.\n$", out) is not None,
      out[-400:] + s.err)
check("no escape codes from a pipe", "\x1b" not in out)
import json
p = subprocess.run([sl.SWOT, "--db", db, "--now", sl.NOW, "stats", "--json"],
                   capture_output=True, text=True)
today = json.loads(p.stdout)["today"] if p.returncode == 0 else {}
check("the summary's right first time is swot stats' (Hard or better)",
      (today.get("cards"), today.get("right_first_time")) == (11, 9), p.stdout[:300] + p.stderr)

rows = sl.query(db, "SELECT c.key, r.rating, r.kind FROM review r JOIN card c"
                " ON c.id = r.card_id ORDER BY r.id")
check("each answer is in the log with its grade",
      rows == [("kathy/who", 3, "learn"), ("tommy/who", 2, "learn"),
               ("ruth/who", 1, "learn"), ("memory/quotes", 3, "learn"),
               ("hope/quotes", 3, "learn"), ("weeping/cloze", 3, "learn"),
               ("nobel/card", 1, "learn"), ("author/card", 2, "learn"),
               ("school/card", 3, "learn"), ("genre/card", 3, "learn"),
               ("complete/card", 2, "learn")], rows)
ok, bad = sl.consistent(db)
check("every card's state agrees with its log; integrity_check ok", ok, bad)
buried = sl.query(db, "SELECT key FROM card WHERE buried_until > 0")
check(":skip buried the card", buried == [("carer/card",)], buried)

# the skipped card stays away today, and is back tomorrow
s = sl.Session(db, "review", now="2026-03-02T10:30")
s.close()
check("a skipped card is not asked again today", "What is a carer?" not in s.text(),
      s.text()[:400])
s = sl.Session(db, "review", now="2026-03-03T10:00")
s.close()
check("and is back the next day", " · new 1\n" in s.text(), s.text()[:600])

# drill: logged as drill, schedule untouched
before_cards = sl.snapshot(db)[0]
s = sl.Session(db, "drill", "quiz", "--type", "character", "-n", "2")
check("drill header", s.expect(r"quiz · 2 left · drill\n") is not None, s.text())
s.send("Ruth")
s.send("")
s.send("Tommy")
s.send("")
rc = s.close()
check("drill ends after -n cards", rc == 0 and "2 cards answered" in s.text(), s.text())
check("drill does not move the schedule", sl.snapshot(db)[0] == before_cards)
kinds = sl.query(db, "SELECT kind, count(*) FROM review WHERE kind = 'drill'")
check("drill answers are logged as drill", kinds == [("drill", 2)], kinds)

# drill: --tag picks the cards, the weakest (lowest recall now) first
s = sl.Session(db, "drill", "quiz", "--tag", "context", now="2026-03-04T10:00")
check("drill --tag: only the tagged cards, the one answered wrong first",
      s.expect(r"quiz · 4 left · drill\nIn which year did the author win") is not None,
      s.text()[:400])
s.send(":skip")
check("drill :skip just skips (nothing is put away until tomorrow)",
      s.expect(r"\(skipped\)\n") is not None and "until tomorrow" not in s.text(),
      s.text()[-300:])
s.close()
check("drill :skip buries nothing",
      sl.query(db, "SELECT count(*) FROM card WHERE buried_until > 0 "
               "AND key = 'nobel/card'") == [(0,)])

p = subprocess.run([sl.SWOT, "--db", db, "drill", "quiz", "--tag", "context", "--type",
                    "character"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
check("drill with nothing to ask says so", p.returncode == 0 and
      "No cards to drill." in p.stdout, p.stdout + p.stderr)

# drill: one card per note in a round (a quote's who-said card would give
# its fill-the-gaps answer away)
s = sl.Session(db, "drill", "quiz", "-n", "100", now="2026-03-05T10:00")
for _ in range(150):
    s.send("x")
    s.send("3")
s.close()
notes = sl.query(db, "SELECT c.note_id FROM review r JOIN card c ON c.id = r.card_id"
                     " WHERE r.kind = 'drill' AND r.time = ?", 1772704800)
check("a drill round asks at most one card of each note",
      len(notes) > 3 and len(notes) == len(set(notes)), notes)

# the deck's settings set the day's limits
db5 = sl.new_db("settings.db")
p = subprocess.run([sl.SWOT, "--db", db5, "config", "--deck", "quiz", "new-per-day", "3"],
                   capture_output=True, text=True)
check("config new-per-day for the deck", p.returncode == 0, p.stderr)
s = sl.Session(db5, "review")
s.close()
check("new-per-day limits the new cards", "quiz · 3 left · learning 0 · due 0 · new 3\n" in s.text(),
      s.text()[:300])

# another swot holding the database: the answer waits, says why, and lands
import sqlite3
import threading
import time
db6 = sl.new_db("busy.db")
s = sl.Session(db6, "review")
s.expect(r"The narrator, a carer")
holder = sqlite3.connect(db6, isolation_level=None)
holder.execute("BEGIN IMMEDIATE")
s.send("Kath")
s.send("")
time.sleep(1.5)  # past the second swot waits before saying so
holder.execute("ROLLBACK")
holder.close()
check("a held database: the session says it is waiting",
      s.expect(r"\(another swot is using the database: waiting to save your answer") is not None,
      s.text()[-300:])
check("and the answer lands once it is free", s.expect(r"A boy given to rages") is not None,
      s.text()[-300:])
s.close()
check("the answer is in the log once",
      sl.query(db6, "SELECT count(*) FROM review") == [(1,)])

# two sessions at once on one database: nothing lost, nothing corrupted
db7 = sl.new_db("two.db")
a = sl.Session(db7, "review")
b = sl.Session(db7, "review")
for sess in (a, b):
    sess.expect(r"quiz · \d+ left")
for i in range(8):
    for sess in (a, b):
        sess.send("x")
        sess.send("3")
ra, rb = a.close(), b.close()
n = sl.query(db7, "SELECT count(*) FROM review")[0][0]
ok, bad = sl.consistent(db7)
check("two sessions at once: both finish, all 16 answers logged, database consistent",
      ra == 0 and rb == 0 and n == 16 and ok, (ra, rb, n, bad, a.err, b.err))

# errors
p = subprocess.run([sl.SWOT, "--db", db, "review", "nope"], capture_output=True,
                   text=True, stdin=subprocess.DEVNULL)
check("an unknown deck is named", p.returncode == 1 and "no deck \"nope\"" in p.stderr,
      p.stderr)
two = os.path.join(sl.TMP, "two-decks.db")
for deck in (sl.FIXTURE, "decks/never-let-me-go.json"):
    swottest.swot(two, sl.NOW, "import", deck)
p = subprocess.run([sl.SWOT, "--db", two, "drill"], capture_output=True, text=True)
check("drill with two decks asks which, naming them", p.returncode == 2 and
      "usage: swot drill" in p.stderr and "never-let-me-go" in p.stderr, p.stderr)
p = subprocess.run([sl.SWOT, "--db", db, "drill", "quiz", "--type", "poem"],
                   capture_output=True, text=True)
check("drill --type is checked", p.returncode == 2 and "--type poem" in p.stderr, p.stderr)

# swot with no arguments once a shipped deck is added: today's review
new = os.path.join(sl.TMP, "new.db")
p = subprocess.run([sl.SWOT, "--db", new, "--now", sl.NOW, "add", "never-let-me-go"],
                   capture_output=True, text=True, stdin=subprocess.DEVNULL)
added = p.returncode == 0 and "(new deck)" in p.stdout
p = subprocess.run([sl.SWOT, "--db", new, "--now", sl.NOW], capture_output=True,
                   text=True, stdin=subprocess.DEVNULL)
check("swot add, then swot alone starts a review",
      added and p.returncode == 0 and re.search(r" · \d+ left", p.stdout)
      and "Nothing answered in" in p.stdout, p.stdout[-600:] + p.stderr)

sys.exit(1 if swottest.failed else 0)
