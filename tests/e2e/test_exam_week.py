"""A new student's first week with an exam date, on the shipped Never Let
Me Go deck: import, set the exam, seven days of reviews from a pipe with
--now, then readiness, stats and the report.  What swot prints about the
exam (headers, summaries, readiness, stats) fits 80 columns and moves the
right way from day to day."""
import json
import os
import random
import re
import sys

import swottest

print("1..17")  # the plan: how many checks this file runs

DECK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "decks",
                    "never-let-me-go.json")
tmp = swottest.TMP
DB = os.path.join(tmp, "week.db")


def check(name, cond, extra=""):
    return swottest.check(name, cond, extra, limit=2000)


def run(now, *args, stdin=None):
    return swottest.swot(DB, now, *args, input=stdin)


rc, out, err = run("2027-03-01T17:00", "import", DECK)
check("import the deck", rc == 0, err)
rc, out, err = run("2027-03-01T17:00", "exam", "never-let-me-go", "2027-04-02")
check("set the exam", rc == 0 and "in 32 days" in out, out + err)

ready = []
headers_ok = True
for day in range(1, 8):
    rnd = random.Random(day)
    answers = "".join("\n%s\n" % ("3" if rnd.random() < 0.8 else "1") for _ in range(400))
    rc, out, err = run("2027-03-%02dT17:00" % day, "review", "never-let-me-go", stdin=answers)
    heads = [l for l in out.splitlines() if l.startswith("never-let-me-go \u00b7")]
    headers_ok &= bool(heads) and all(
        len(l) <= 80 and re.search(r" exam .*\d+%", l) for l in heads)
    m = re.search(r"Recall for the exam in (\d+) days if you stop now: (\d+)% \u2192 (\d+)%", out)
    if m:
        ready.append((int(m.group(1)), int(m.group(2)), int(m.group(3))))
    else:
        print("# day %d summary:\n# %s" % (day, "\n# ".join(out.splitlines()[-4:])))
check("every review header has the countdown and readiness within 80 columns", headers_ok)
check("every day's summary says how readiness moved", len(ready) == 7, ready)
check("the countdown goes down a day at a time", [r[0] for r in ready] == list(range(32, 25, -1)),
      ready)
check("readiness rises through the week", all(r[2] > r[1] for r in ready)
      and all(ready[i][1] == ready[i - 1][2] for i in range(1, len(ready))), ready)

now = "2027-03-07T19:00"
rj = json.loads(run(now, "readiness", "never-let-me-go", "--json")[1])
check("readiness --json agrees with the last summary", round(rj["readiness"] * 100) == ready[-1][2],
      (rj["readiness"], ready[-1]))
check("a week at the pace leaves cards to learn and a pace for them",
      rj["new_left"] > 0 and rj["pace"]["needed"] and rj["keep_schedule"] > rj["readiness"], rj)
for args in (["readiness", "never-let-me-go"], ["readiness"], ["stats", "never-let-me-go"],
             ["stats"], ["stats", "--ascii"], ["readiness", "--ascii"], ["exam"]):
    rc, out, err = run(now, *args)
    wide = [l for l in out.splitlines() if len(l) > 80]
    check("swot %s reads within 80 columns" % " ".join(args), rc == 0 and not wide and out,
          "\n".join(wide) + err)
sj = json.loads(run(now, "stats", "never-let-me-go", "--json")[1])
check("stats: a seven-day streak and answers on each day",
      sj["streak"] == {"days": 7, "today": True}
      and all(d["answers"] > 0 for d in sj["heatmap"][-7:]), sj["streak"])
rc, out, err = run(now, "report", "--html", os.path.join(tmp, "week.html"))
check("the report is written", rc == 0 and os.path.getsize(os.path.join(tmp, "week.html")) > 5000,
      err)
sys.exit(1 if swottest.failed else 0)
