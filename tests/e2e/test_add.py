"""Choosing the shipped decks: a new student's first `swot` on a terminal
lists them and asks which to add; `swot add` adds them later (by name or
number); `swot decks --available` lists them; `swot decks --remove` stops
asking a deck, asking first on a terminal, and keeps its history, which
adding the deck again brings back."""
import os
import sqlite3
import sys

import pexpect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sessionlib as sl  # noqa: E402
from swottest import TMP, check, swot  # noqa: E402

print("1..13")  # the plan: how many checks this file runs


def spawn(db, *args):
    env = dict(os.environ, NO_COLOR="1", TERM="xterm")
    return pexpect.spawn(sl.SWOT, ["--db", db, "--now", sl.NOW, *args], env=env,
                         encoding="utf-8", timeout=15, dimensions=(40, 100))


def waits(p, pattern):
    try:
        p.expect(pattern)
        return True
    except (pexpect.TIMEOUT, pexpect.EOF):
        return False


# The shipped deck's size, from its file: the count changes as the deck grows.
import json  # noqa: E402
import subprocess  # noqa: E402
NLMG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "decks",
                    "never-let-me-go.json")
N = len(json.loads(subprocess.run([sl.SWOT, "preview", NLMG, "--json"], capture_output=True,
                                  text=True, check=True).stdout))

# ---- a new student at a terminal ----
db = os.path.join(TMP, "new.db")
p = spawn(db)
# Never Let Me Go is one of several shipped decks: choose it by its number.
listed = waits(p, "The decks that come with swot:") and waits(p, r"(\d+)  never-let-me-go")
number = p.match.group(1) if listed else "1"
check("swot on a new database lists the shipped decks", listed, p.before)
check("and asks which to add", waits(p, "Which would you like\\?"), p.before)
p.sendline(number)
check("the deck chosen is added", waits(p, r"never-let-me-go: %d new" % N), p.before)
check("the new student is told how to answer", waits(p, ":help lists the commands"),
      p.before)
check("and the review starts", waits(p, r"never-let-me-go · \d+ left"), p.before)
p.sendline(":quit")
p.expect(pexpect.EOF)

db2 = os.path.join(TMP, "none.db")
p = spawn(db2)
waits(p, "Which would you like\\?")
p.sendline("")
check("Enter alone adds nothing and says how to add later",
      waits(p, r"No deck added\. Add one later with: swot add DECK") and
      waits(p, pexpect.EOF), p.before)

# ---- swot add and decks --available from a pipe ----
rc, out, err = swot(db2, sl.NOW, "add", input="")
check("swot add from a pipe with nothing named: usage, exit 2",
      rc == 2 and "decks --available" in err, err)
rc, out, err = swot(db2, sl.NOW, "add", "9", input="")
check("an unknown deck number fails, naming the decks there are",
      rc == 1 and "no shipped deck \"9\"" in err and "never-let-me-go" in err, err)
rc, out, err = swot(db2, sl.NOW, "add", "never-let-me-go", input="")
rc2, out2, err2 = swot(db2, sl.NOW, "decks", "--available", input="")
check("decks --available marks what was added",
      rc == 0 and "never-let-me-go" in out2 and "(added)" in out2, out2 + err2)

# ---- decks --remove ----
rc, out, err = swot(db, sl.NOW, "review", input="1\n3\n" * 5 + ":quit\n")
conn = sqlite3.connect(db)
answered = conn.execute("SELECT count(*) FROM review").fetchone()[0]
conn.close()
rc, out, err = swot(db, sl.NOW, "decks", "--remove", "never-let-me-go", input="")
check("decks --remove from a pipe without --yes refuses, saying how",
      rc == 1 and "--yes" in err, err)
p = spawn(db, "decks", "--remove", "never-let-me-go")
waits(p, r"\[y/N\]")
p.sendline("n")
check("on a terminal it asks first, and no keeps the deck",
      waits(p, "never-let-me-go is kept") and waits(p, pexpect.EOF), p.before)
p = spawn(db, "decks", "--remove", "never-let-me-go")
waits(p, r"\[y/N\]")
p.sendline("y")
removed = waits(p, "removed: its %d cards are no longer asked" % N) and waits(p, pexpect.EOF)
rc, out, err = swot(db, sl.NOW, "decks", input="")
check("yes removes it: no longer listed, counted or asked",
      removed and "never-let-me-go" not in out and "no decks yet" in out, out + err)
rc, out, err = swot(db, sl.NOW, "add", "never-let-me-go", input="")
conn = sqlite3.connect(db)
kept = conn.execute("SELECT count(*) FROM review").fetchone()[0]
studied = conn.execute("SELECT count(*) FROM card WHERE reps > 0 AND retired = 0").fetchone()[0]
conn.close()
check("adding it again revives it with its history",
      "%d revived" % N in out and kept == answered > 0 and studied > 0, (out, answered, kept))
