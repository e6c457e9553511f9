"""Ctrl-C pressed between two cards, after a grade is accepted and before the
next card's prompt, under a real pseudo-terminal: the answer just graded is
kept in the database (once), the interrupt is not lost (it sets the next
card aside, as Ctrl-C at a card does), the session goes on and ends
normally, and the terminal is left as it was.

To hold swot between the two cards for as long as the test needs, another
connection takes the database's write lock just before the grade is
accepted and lets go a moment after the Ctrl-C: saving the answer waits
for it (for less than the second after which swot would say it is
waiting), so the interrupt lands while the next card is on its way.  A
second round sends Ctrl-C the instant after the grade key, with no lock,
several times: wherever it lands, no graded answer is lost or doubled."""
import os
import re
import sqlite3
import sys
import time

import pexpect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sessionlib as sl  # noqa: E402
from swottest import check  # noqa: E402

print("1..16")  # the plan: how many checks this file runs

PROMPTS = [r"grade \[(\w+)\]> ", r"grade 1-4> ", r"\(Enter shows the answer\) ",
           r"gap \d+/\d+> ", r"\d-\d> ", r"\r\n> "]
HEADER = r"quiz · \d+ left[^\r\n]*\r\n"


def spawn(db):
    """swot review in a terminal, then the terminal's settings (stty -a)
    once swot has ended (the shell, which Ctrl-C reaches too, carries on)."""
    env = dict(os.environ, NO_COLOR="1", TERM="xterm")
    return pexpect.spawn("/bin/sh", ["-c", 'trap : INT; "$0" --db "$1" --now "$2" review quiz; '
                                     'echo "exit $?"; stty -a',
                                     sl.SWOT, db, sl.NOW],
                         env=env, encoding="utf-8", timeout=15, dimensions=(40, 200))


GRADES = {"again": 1, "hard": 2, "good": 3, "easy": 4}


def to_grade(p):
    """Answers the card on screen (wrongly, or by revealing it) up to its
    grade prompt; returns the keys that grade it there and the grade they
    give, (None, None) when no grade prompt came."""
    for _ in range(8):
        i = p.expect(PROMPTS)
        if i == 0:  # a grade is proposed: Enter accepts it
            return "\r", GRADES[p.match.group(1)]
        if i == 1:  # a recall card: the student grades it
            return "3\r", 3
        p.send("\r" if i == 2 else "1\r" if i == 4 else "x\r")
    return None, None


def reviews(db):
    return sl.query(db, "SELECT count(*) FROM review")[0][0]


def last_rating(db):
    return sl.query(db, "SELECT rating FROM review ORDER BY id DESC LIMIT 1")[0][0]


# ---- held between the cards by a lock, three times ----
db = sl.new_db("interrupt.db")
p = spawn(db)
kept_once, set_aside, went_on, quiet = [], [], [], []
for n in range(3):
    key, grade = to_grade(p)
    before = reviews(db)
    lock = sqlite3.connect(db, isolation_level=None, timeout=5)
    lock.execute("BEGIN IMMEDIATE")
    p.send(key)
    p.expect(r"\r\n")            # the grade line is read: swot saves it now
    p.sendintr()                 # ... and Ctrl-C comes while it waits
    time.sleep(0.3)
    lock.execute("ROLLBACK")
    lock.close()
    # the next card is asked, and set aside at once by the Ctrl-C
    try:
        p.expect(HEADER)
        p.expect(r"\(card set aside\)")
        shown = p.before
        set_aside.append(True)
    except (pexpect.TIMEOUT, pexpect.EOF):
        shown = p.before
        set_aside.append(False)
    quiet.append("another swot" not in shown and "kept as" not in shown)
    kept_once.append(reviews(db) == before + 1 and last_rating(db) == grade)
    went_on.append(p.isalive())
check("each grade is saved once, with the grade given", all(kept_once), kept_once)
check("the Ctrl-C is not lost: the next card is set aside", all(set_aside), set_aside)
check("no message about a lock or a kept answer: the grade was already taken",
      all(quiet), quiet)
check("the session is alive after each", all(went_on), went_on)
key, grade = to_grade(p)
p.send(key or "")
check("and asks the card after the one set aside, as usual",
      key is not None and p.expect([HEADER, pexpect.TIMEOUT]) == 0
      and reviews(db) == 4 and last_rating(db) == grade, p.before[-400:])
ok, bad = sl.consistent(db)
check("the database agrees with its log", ok, bad)
p.expect(PROMPTS)  # Ctrl-D typed before swot reads is not a key it sees
p.sendcontrol("d")
check("Ctrl-D still ends the session with its summary",
      p.expect([r"4 cards answered", pexpect.TIMEOUT]) == 0, p.before[-400:])
p.expect(r"exit (\d+)")
check("exit status 0, no crash", p.match.group(1) == "0", p.before[-400:])
p.expect(pexpect.EOF)
stty = p.before
check("the terminal is left sane: echo and line editing back on",
      re.search(r"(?<!-)\bicanon\b", stty) is not None
      and re.search(r"(?<!-)\becho\b", stty) is not None, stty)
p.close()
check("no answer left waiting in a pending file", not os.path.exists(db + ".pending"))

# ---- Ctrl-C the instant after the grade key, five times ----
# It lands between the cards (the next card is set aside) or, when swot
# has not read the Enter yet, at the grade prompt (the answer is kept as
# proposed, the Enter is dropped): either way the answer is saved once.
def to_proposed(p):
    """Answers cards until one proposes a grade; returns that grade."""
    for _ in range(6):
        key, grade = to_grade(p)
        if key in ("\r", None):
            return grade
        p.send(key)  # a recall card, graded as usual
        p.expect(HEADER)
    return None


db2 = sl.new_db("interrupt-fast.db")
p = spawn(db2)
saved, landed, alive = [], [], []
for n in range(5):
    grade = to_proposed(p)
    before = reviews(db2)
    p.send("\r")
    p.sendintr()
    i = p.expect([r"\(card set aside\)", r"kept as \w+", pexpect.TIMEOUT, pexpect.EOF])
    if i == 1:
        i = 1 if p.expect([HEADER, pexpect.TIMEOUT, pexpect.EOF]) == 0 else 2
    landed.append(("between the cards", "at the grade prompt", "nowhere", "swot ended")[i])
    saved.append(i < 2 and reviews(db2) == before + 1 and last_rating(db2) == grade)
    alive.append(p.isalive())
check("every graded answer is kept, once, through five Ctrl-Cs", all(saved),
      list(zip(saved, landed)))
p.expect(PROMPTS)
check("the session lives through every Ctrl-C", all(alive) and p.isalive(), alive)
p.sendcontrol("d")
check("and ends with its summary",
      p.expect([r"cards? answered", pexpect.TIMEOUT]) == 0, p.before[-400:])
p.expect(r"exit (\d+)")
check("exit status 0", p.match.group(1) == "0", p.before[-400:])
p.expect(pexpect.EOF)
check("the terminal is left sane",
      re.search(r"(?<!-)\bicanon\b", p.before) is not None, p.before)
p.close()
ok, bad = sl.consistent(db2)
check("the database agrees with its log", ok, bad)
