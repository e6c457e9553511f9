"""swot review under a real pseudo-terminal (readline): every card type, the
grades proposed for wrong, almost and right answers, :undo, tab completion
of a character name, Ctrl-C and Ctrl-D, colour and NO_COLOR, history per
database, and kill -9 in the middle of a session (and while grades are
being written) losing nothing that was graded."""
import json
import os
import random
import re
import signal
import sys
import time

import pexpect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sessionlib as sl
import swottest
from swottest import check

print("1..34")  # the plan: how many checks this file runs

SGR = re.compile(r"\x1b\[[0-9;]*m")


def spawn(db, *args, color=False, now=sl.NOW):
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    if not color:
        env["NO_COLOR"] = "1"
    env["TERM"] = "xterm"
    return pexpect.spawn(sl.SWOT, ["--db", db, "--now", now, *args], env=env,
                         encoding="utf-8", timeout=10, dimensions=(40, 250))


def expect(p, name, pattern):
    try:
        p.expect(pattern)
        return True
    except (pexpect.TIMEOUT, pexpect.EOF):
        check(name, False, "waited for %r; got: %r" % (pattern, p.before[-500:]))
        return False


# ---- a whole session: every card type, grades, undo, completion ----
db = sl.new_db("pty.db")
p = spawn(db, "review")
expect(p, "first card", r"The narrator, a carer.*\r\n> ")
p.send("Kath\r")
check("who-said: right, Good proposed",
      expect(p, "who", r"right \(proposed: good\)") and
      expect(p, "who grade", r"again 1m · hard 6m · good 10m · easy \d+d\r\ngrade \[good\]> "))
p.send("\r")

expect(p, "tommy", r"A boy given to rages.*\r\n> ")
p.send("tommy\r")
expect(p, "tommy right", r"right")
p.send("\r")

# tab completes the deck's character names
expect(p, "ruth", r"likes to lead.*\r\n> ")
p.send("Ru\t")
check("tab completes a character name", expect(p, "completion", r"Ruth"))
p.send("|")
check("with nothing after it",
      expect(p, "completion end", r"\|") and p.before == "", repr(p.before))
p.send("\b")
p.send("\r")
check("the completed name is right", expect(p, "ruth right", r"right \(proposed: good\)"))
p.send("\r")

expect(p, "basic", r"Theme: Memory and loss.*\r\n\(Enter shows the answer\) ")
p.send("\r")
check("basic: the back, then grade 1-4",
      expect(p, "basic back", r"answer: Kathy holds on.*grade 1-4> "))
p.send("3\r")

# :undo at the next card's prompt
expect(p, "hope", r"Theme: Hope and deferral.*\r\n\(Enter shows the answer\) ")
before = sl.snapshot(db)
p.send("\r")
expect(p, "hope back", r"grade 1-4> ")
p.send("4\r")
expect(p, "cloze", r"\[___1___\] reason.*\r\ngap 1/1> ")
p.send(":undo\r")
check(":undo asks the card again",
      expect(p, "undo", r"\(last answer undone\).*Theme: Hope and deferral"))
check(":undo leaves the database as before that grade", sl.snapshot(db) == before)
expect(p, "hope again", r"\(Enter shows the answer\) ")
p.send("\r")
expect(p, "hope back again", r"grade 1-4> ")
p.send("3\r")

expect(p, "cloze", r"gap 1/1> ")
p.send("altogether different\r")
check("cloze: right", expect(p, "cloze right", r"right \(proposed: good\).*grade \[good\]> "))
p.send("\r")

# wrong, then almost, then right: Again, Hard, Good proposed
expect(p, "nobel", r"Nobel Prize\?.*\r\n> ")
p.send("2016\r")
check("typed wrong: Again proposed",
      expect(p, "wrong", r"wrong \(proposed: again\).*grade \[again\]> "))
p.send("\r")
expect(p, "author", r"Who wrote Never Let Me Go\?.*\r\n> ")
p.send("Kazuo Ishigro\r")
check("typed almost: Hard proposed",
      expect(p, "almost", r"almost \(proposed: hard\).*grade \[hard\]> "))
p.send("\r")
expect(p, "school", r"Which school.*\r\n> ")
p.send("Hailsham\r")
check("typed right: Good proposed",
      expect(p, "right", r"right \(proposed: good\).*grade \[good\]> "))
p.send("\r")

# choice: numbered options, answered by number
expect(p, "choice", r"Which genre")
p.expect(r"1-3> ")
m = re.search(r"  (\d)\) Dystopian fiction", p.before)
check("choice: numbered options", m is not None, p.before)
p.send((m.group(1) if m else "1") + "\r")
check("choice: right", expect(p, "choice right", r"right \(proposed: good\).*grade \[good\]> "))
p.send("2\r")  # override the proposal

# Ctrl-C sets the card aside, the session goes on
expect(p, "carer", r"What is a carer\?.*\(Enter shows the answer\) ")
p.send("half typ")
p.sendintr()
check("Ctrl-C sets the card aside", expect(p, "ctrl-c", r"\(card set aside\)"))
check("and the session goes on", expect(p, "after ctrl-c", r"Donors do not.*gap 1/2> "))
check("the process is alive after Ctrl-C", p.isalive())

# Ctrl-D quits with the summary
p.sendeof()
check("Ctrl-D ends with the summary",
      expect(p, "summary", r"10 cards answered, 9 right first time \(90%\) in 0m \d\ds\.")
      and expect(p, "tomorrow", r"Due tomorrow: \d+ cards?\."))
p.expect(pexpect.EOF)
p.close()
check("exit status 0", p.exitstatus == 0, p.exitstatus)
check("NO_COLOR: no colour codes", not SGR.search(p.before or ""))

rows = sl.query(db, "SELECT c.key, r.rating FROM review r JOIN card c ON c.id = r.card_id"
                " ORDER BY r.id")
check("the log holds every grade",
      rows == [("kathy/who", 3), ("tommy/who", 3), ("ruth/who", 3),
               ("memory/quotes", 3), ("hope/quotes", 3), ("weeping/cloze", 3),
               ("nobel/card", 1), ("author/card", 2), ("school/card", 3),
               ("genre/card", 2)], rows)
check("the set-aside card was not touched",
      sl.query(db, "SELECT state, buried_until FROM card WHERE key = 'carer/card'") == [(0, 0)])
ok, bad = sl.consistent(db)
check("database consistent", ok, bad)
hist = open(db + ".history").read() if os.path.exists(db + ".history") else ""
check("readline history is kept next to the database: commands, never answers",
      ":" in hist and "Kazuo Ishigro" not in hist, hist)

# ---- colour on a terminal ----
db2 = sl.new_db("color.db")
p = spawn(db2, "review", color=True)
expect(p, "color card", r"> ")
check("colour on a terminal", SGR.search(p.before) is not None, repr(p.before[:200]))
p.send(":quit\r")
p.expect(pexpect.EOF)
p.close()
check(":quit exits 0", p.exitstatus == 0)

# answers from a pipe, output on a terminal: still no escape codes
p = pexpect.spawn("/bin/sh", ["-c", 'printf ":quit\\n" | "$0" --db "$1" --now "$2" review',
                              sl.SWOT, db2, sl.NOW],
                  env={k: v for k, v in dict(os.environ, TERM="xterm").items()
                       if k != "NO_COLOR"}, encoding="utf-8", timeout=10)
p.expect(pexpect.EOF)
check("stdin from a pipe: no colour even on a terminal", "\x1b" not in p.before,
      repr(p.before[:200]))

# SIGTERM at the prompt: swot gives the terminal back (echo and line
# editing on again) before it dies
import termios
p = spawn(db2, "review")
expect(p, "sigterm card", r"\r\n> ")
raw = termios.tcgetattr(p.child_fd)[3]
os.kill(p.pid, signal.SIGTERM)
p.expect(pexpect.EOF)
lflag = termios.tcgetattr(p.child_fd)[3]
p.close()
check("SIGTERM ends swot by that signal", p.signalstatus == signal.SIGTERM,
      (p.exitstatus, p.signalstatus))
check("and the terminal is given back", not (raw & termios.ECHO) and
      (lflag & termios.ECHO) and (lflag & termios.ICANON), (raw, lflag))

# ---- kill -9 in the middle of a session ----
db3 = sl.new_db("kill.db")
p = spawn(db3, "review")
for answer in ["Kathy", "Tommy", "Ruth"]:
    expect(p, "kill: card", r"\r\n> ")
    p.send(answer + "\r")
    expect(p, "kill: grade", r"grade \[good\]> ")
    p.send("\r")
expect(p, "kill: fourth card", r"Theme: Memory and loss.*\(Enter shows the answer\) ")
p.send("\r")
expect(p, "kill: fourth back", r"grade 1-4> ")
os.kill(p.pid, signal.SIGKILL)
p.expect(pexpect.EOF)
p.close()
rows = sl.query(db3, "SELECT c.key FROM review r JOIN card c ON c.id = r.card_id ORDER BY r.id")
check("after kill -9 every graded answer is there and nothing else",
      rows == [("kathy/who",), ("tommy/who",), ("ruth/who",)], rows)
ok, bad = sl.consistent(db3)
check("after kill -9 integrity_check passes and cards agree with the log", ok, bad)
p = spawn(db3, "review")
check("a restart asks the card on screen at the kill, not the graded ones",
      expect(p, "restart", r"quiz · \d+ left · learning 3 · due 0 · new 9\r\n"
                           r"Theme: Memory and loss.*\(Enter shows the answer\) "))
p.sendeof()
p.expect(pexpect.EOF)
p.close()

# ---- kill -9 at random moments while grades are being written ----
db4 = sl.new_db("stress.db")
random.seed(6)
script = "\n".join(["x", "1"] * 40) + "\n"
worst = []
for i in range(8):
    s = sl.Session(db4, "review", now="2026-03-02T10:%02d" % (i * 5))
    s.expect(r"quiz · ")  # started
    try:
        s.p.stdin.write(script.encode())
        s.p.stdin.flush()
    except BrokenPipeError:
        pass
    s.expect(r"quiz · ")  # one answer in: the kill lands among the others
    time.sleep(random.uniform(0.0, 0.05))
    s.p.kill()
    s.p.wait()
    ok, bad = sl.consistent(db4)
    if not ok:
        worst.append((i, bad))
n = sl.query(db4, "SELECT count(*) FROM review")[0][0]
check("8 sessions killed at random moments leave a consistent database (%d answers)" % n,
      not worst and n >= 8, worst)

# ---- tab completes a name from after its leading article ----
porter = os.path.join(swottest.TMP, "porter.json")
with open(porter, "w") as f:
    json.dump({"swot_deck": 1, "id": "porter", "title": "The Porter", "version": "1",
               "characters": [{"id": "porter", "name": "the Porter",
                               "summary": "Keeps the gate at Inverness."}]}, f)
db5 = os.path.join(swottest.TMP, "porter.db")
swottest.swot(db5, sl.NOW, "import", porter)
p = spawn(db5, "drill", "porter", "--type", "character")
expect(p, "porter card", r"Keeps the gate at Inverness\.  \[who\?\]\r\n> ")
p.send("Por\t|")
check("tab completes 'the Porter' from 'Por' as 'Porter'",
      expect(p, "porter completion", r"\|") and p.before.endswith("Porter"), repr(p.before))
p.send("\b\r")
check("the completed name without its article is right",
      expect(p, "porter right", r"right \(proposed: good\)"))
p.sendeof()
p.close()

sys.exit(1 if swottest.failed else 0)
