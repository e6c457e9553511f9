"""The readiness forecast ("if you carry on as you have been") for students
who revise the shipped deck through real sessions from a pipe, day after
day on swot's clock: one who studies hard for two weeks and then stops,
one who studies every day, and a new student with five short sessions."""
import datetime
import json
import os
import re
import subprocess
import sys

os.environ.setdefault("TZ", "Europe/London")
sys.path.insert(0, os.path.dirname(__file__))
from swottest import SWOT, TMP, check, swot  # noqa: E402

print("1..14")  # the plan: how many checks this file runs

START = datetime.date(2026, 9, 7)
EXAM = "2026-11-16"  # ten weeks after the first day
DECK = "never-let-me-go"


def day(n, hour=18):
    return (START + datetime.timedelta(days=n)).isoformat() + "T%02d:00" % hour


def study(db, n, answers):
    """One session on day n: each card answered "1" and graded Good, at
    most `answers` cards, as a student working through the queue."""
    script = "1\n3\n" * answers + ":quit\n"
    p = subprocess.run([SWOT, "--db", db, "--now", day(n), "review"], input=script,
                       capture_output=True, text=True)
    return p.returncode


def readiness(db, n):
    rc, out, err = swot(db, day(n, 20), "readiness", "--json", DECK)
    return json.loads(out) if rc == 0 else {"error": err}


def new_student(name):
    db = os.path.join(TMP, name + ".db")
    rc, out, err = swot(db, day(0, 9), "import", "decks/never-let-me-go.json")
    swot(db, day(0, 9), "exam", DECK, EXAM)
    return db


# Hard for two weeks, then nothing for two.
hard = new_student("hard")
for n in range(14):
    study(hard, n, 80)  # hard, but not the whole deck daily
after_two = readiness(hard, 13)
after_four = readiness(hard, 27)
f2, f4 = after_two.get("forecast") or {}, after_four.get("forecast") or {}
check("after two weeks of study there is a forecast with its range",
      f2 and f2["low"] <= f2["expected"] <= f2["high"], after_two)
check("two weeks' stop brings the forecast down",
      f4 and f4["expected"] < f2["expected"] - 0.05, (f2.get("expected"), f4.get("expected")))
check("after the stop the forecast is far below the best case",
      f4 and f4["expected"] < after_four["keep_schedule"] - 0.2,
      (f4.get("expected"), after_four.get("keep_schedule")))
check("the stop shows in the basis: fewer days studied a week",
      f4 and f4["basis"]["study_days_per_week"] < f2["basis"]["study_days_per_week"],
      (f2.get("basis"), f4.get("basis")))
rc, text, err = swot(hard, day(27, 20), "readiness", DECK)
check("the text says it: carry on, the range, what it takes",
      "if you carry on as you have been" in text and "likely" in text
      and "a day from now gets you to 90%" in text, text)

# Every day, whatever swot gives.
steady = new_student("steady")
for n in range(28):
    study(steady, n, 400)
r = readiness(steady, 27)
f = r.get("forecast") or {}
check("studying every day at swot's pace: near the best case",
      f and abs(f["expected"] - r["keep_schedule"]) < 0.1, (f.get("expected"), r.get("keep_schedule")))
check("and far above the student who stopped",
      f and f4 and f["expected"] > f4["expected"] + 0.2, (f.get("expected"), f4.get("expected")))
check("identical histories give identical forecasts",
      readiness(steady, 27) == r)

# A new student: five short sessions.
fresh = new_student("fresh")
for n in (0, 1, 3, 4, 6):
    study(fresh, n, 3)
r = readiness(fresh, 6)
f = r.get("forecast")
check("a new student never reads 99%: no forecast yet, or a modest one",
      (f is None or f["high"] < 0.9) and r.get("readiness", 1) < 0.1, r)
rc, text, err = swot(fresh, day(6, 20), "readiness", DECK)
check("a new student's text has no 99% in it", "99%" not in text, text)
rc, out, err = swot(fresh, day(6, 20), "decks", "--json")
d = json.loads(out)["decks"][0] if rc == 0 else {}
check("swot decks gives the new student the same figure, never 99%",
      d.get("forecast") == (f and {k: f[k] for k in ("expected", "low", "high")})
      and d.get("ready") == (f["expected"] if f else r["readiness"]) and d["ready"] < 0.9,
      (d, f))

# One figure everywhere: the student who stopped sees the forecast of swot
# readiness in swot decks and in the review header.
rc, out, err = swot(hard, day(27, 20), "decks")
row = out.splitlines()[1].split() if rc == 0 and len(out.splitlines()) > 1 else []
check("swot decks' READY is the carry-on forecast",
      row and row[-2] == "%d%%" % round(f4["expected"] * 100), (out, f4.get("expected")))
p = subprocess.run([SWOT, "--db", hard, "--now", day(27, 20), "review", DECK],
                   input=":quit\n", capture_output=True, text=True)
head = [line for line in p.stdout.splitlines() if line.startswith(DECK + " \u00b7")]
check("the review header shows it, marked as an estimate",
      head and re.search(r" exam .*~%d%%" % round(f4["expected"] * 100), head[0]), p.stdout[:400])
first = new_student("first")
study(first, 0, 3)
r = readiness(first, 0)
check("after one session: not enough history to forecast",
      r.get("forecast") is None and r.get("to_reach") is None, r)
