"""A class of three revises the shipped Never Let Me Go deck through real
review sessions (pipes) on simulated days, hands in progress files, and
swot class reports on them: the ranking follows their study (overall, by
topic, in what the class forgets), readiness is swot readiness's, the
JSON validates against schema/class.schema.json, the HTML rendered by a
real headless Chromium shows the JSON's numbers, and bad files each get
one line while the rest of the class is still reported."""
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sessionlib as sl  # noqa: E402
import swottest  # noqa: E402
from swottest import SWOT, TMP, check  # noqa: E402

print("1..62")  # the plan: how many checks this file runs
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
DECK = "never-let-me-go"
CHROMIUM = "/usr/bin/chromium"
START = datetime.date(2027, 3, 1)
EXAM = "2027-04-05"
NOW = "2027-03-14T20:00"  # the evening of day 13
INTERVALS = re.compile(rb"again \S+ \xc2\xb7 hard \S+ \xc2\xb7 good \S+ \xc2\xb7 easy \S+\n")
HEADER = re.compile(rb"never-let-me-go \xc2\xb7 \d+ left [^\n]*\n")


def day(n, hour=9):
    return (START + datetime.timedelta(days=n)).isoformat() + "T%02d:00" % hour


def session(db, when, grade_of):
    """One review session at `when`: every card answered (the cloze gaps
    counted from the card, a choice by number), then graded with the
    grade grade_of(front, seen_before) gives.  Returns the cards answered."""
    s = sl.Session(db, "review", now=when)
    n = 0
    today = set()
    while True:
        if not s.expect(HEADER, timeout=20):
            break
        start = s.pos
        s.send(":front")  # not a command: its reply marks the end of the front
        if not s.expect(r":front is not a command"):
            break
        front = s.buf[start:s.pos].decode()
        gaps = len(set(re.findall(r"___(\d+)___", front)))
        if re.search(r"^\s+1\) ", front, re.M):
            s.send("1")
        else:
            for _ in range(max(1, gaps)):
                s.send("x")
        if not s.expect(INTERVALS):
            break
        key = front.split("\n", 1)[0][:120]
        s.send(str(grade_of(front, key in seen[db] and key not in today)))
        seen[db].add(key)
        today.add(key)
        n += 1
    rc = s.close()
    assert rc == 0, s.err + s.text()[-2000:]
    return n


seen = {}


def good(front, before):
    return 3


def forgets_quotes(front, before):
    """Good the first time; a quote's gaps forgotten the first time they
    come back in each later session (then Good, as a student who looked)."""
    return 1 if before and "___1___" in front else 3


def student(name, days, grade_of):
    db = os.path.join(TMP, name + ".db")
    seen[db] = set()
    for args in (("import", os.path.join(ROOT, "decks", DECK + ".json")),
                 ("config", "new-per-day", "10"), ("exam", DECK, EXAM)):
        rc, out, err = swottest.swot(db, day(days[0], 8), *args)
        assert rc == 0, err
    answered = sum(session(db, day(d), grade_of) for d in days)
    path = os.path.join(TMP, name.lower() + ".json")
    rc, out, err = swottest.swot(db, NOW, "export-progress", DECK, "--name", name,
                                 "--reviews", "-o", path)
    check(name + ": export-progress writes the file", rc == 0 and os.path.exists(path),
          out + err)
    return db, path, answered


ada = student("Ada", range(0, 14), good)             # every day
ben = student("Ben", range(7, 14), forgets_quotes)   # the second week
cal = student("Cal", range(0, 3), forgets_quotes)    # three days, then nothing
check("the students answered cards in their sessions",
      ada[2] > ben[2] > cal[2] > 20, (ada[2], ben[2], cal[2]))

# ---- the progress file ----
with open(os.path.join(ROOT, "schema", "progress.schema.json")) as f:
    progress_schema = json.load(f)
import jsonschema  # noqa: E402
V = jsonschema.Draft202012Validator
for name, (db, path, _) in (("Ada", ada), ("Ben", ben), ("Cal", cal)):
    with open(path) as f:
        doc = json.load(f)
    errs = [e.message for e in V(progress_schema).iter_errors(doc)]
    check(name + "'s progress file validates against its schema", not errs, errs[:5])
text = open(ada[1], encoding="utf-8").read()
check("the file holds no path or user name", TMP not in text and
      os.environ.get("USER", "root") not in text.replace('"root"', ""), text[:300])
again = os.path.join(TMP, "again.json")
swottest.swot(ada[0], NOW, "export-progress", DECK, "--name", "Ada", "--reviews", "-o", again)
check("the same state exports the same bytes", open(again, "rb").read() == open(ada[1], "rb").read())
doc = json.loads(text)
check("each student has a random id of their own",
      len({json.load(open(p))["student"] for _, p, _ in (ada, ben, cal)}) == 3)
check("the file carries the review log", sum(len(c.get("log", [])) for c in doc["decks"][0]["cards"])
      == sl.query(ada[0], "SELECT count(*) FROM review")[0][0])


# ---- swot class ----
TEACHER = os.path.join(TMP, "teacher.db")


def klass(*args, env=None):
    e = dict(os.environ, COLUMNS="80")
    e.update(env or {})
    p = subprocess.run([SWOT, "--db", TEACHER, "--now", NOW, "class", *args],
                       capture_output=True, text=True, env=e)
    return p.returncode, p.stdout, p.stderr


files = [ada[1], ben[1], cal[1]]
rc, out, err = klass(*files, "--json")
check("class --json runs", rc == 0 and not err, err)
cj = json.loads(out)
with open(os.path.join(ROOT, "schema", "class.schema.json")) as f:
    errs = [e.message for e in V(json.load(f)).iter_errors(cj)]
check("class --json validates against its schema", not errs, errs[:5])
names = [s["name"] for s in cj["students"]]
by = {s["name"]: s for s in cj["students"]}
check("readiness follows study: Ada > Ben > Cal",
      by["Ada"]["readiness"] > by["Ben"]["readiness"] > by["Cal"]["readiness"] > 0,
      [(n, by[n]["readiness"]) for n in names])
check("the class is sorted by risk: Cal (idle and low) first", names[0] == "Cal"
      and by["Cal"]["risks"] == ["low", "idle"], cj["students"])
check("at risk first, then the least ready",
      [s["name"] for s in cj["students"]] ==
      sorted(names, key=lambda n: (not by[n]["at_risk"], by[n]["ready"])), names)
check("days studied in the last 14 and last studied",
      (by["Ada"]["days_studied_14"], by["Ben"]["days_studied_14"],
       by["Cal"]["days_studied_14"]) == (14, 7, 3)
      and by["Cal"]["last_studied"].startswith("2027-03-03"), cj["students"])
check("readiness is for the students' exam", cj["at_is"] == "exam"
      and cj["at"].startswith(EXAM + "T09:00"), cj["at"])
check("seen counts the cards each studied", by["Ada"]["seen"] > by["Ben"]["seen"] > by["Cal"]["seen"] > 0
      and by["Ada"]["cards"] == sl.query(ada[0], "SELECT count(*) FROM card")[0][0])
check("the change over 7 days: Ben, who started this week, gained; Cal did not",
      by["Ben"]["change_7d"] > 0.05 and abs(by["Cal"]["change_7d"]) < 0.02,
      (by["Ben"]["change_7d"], by["Cal"]["change_7d"]))

# A file from a swot that did not yet write the study pattern: read as
# before, its student's figure the stop-now one, starred in the table.
old_ben = os.path.join(TMP, "ben-old.json")
with open(ben[1]) as f:
    doc_old = json.load(f)
for d in doc_old["decks"]:
    d.pop("study", None)
with open(old_ben, "w") as f:
    json.dump(doc_old, f)
rc, out, err = klass(ada[1], old_ben, cal[1], "--json")
old = {s["name"]: s for s in json.loads(out)["students"]} if rc == 0 else {}
check("a file without the study pattern: no forecast, Ready is if they stop now",
      old and old["Ben"]["forecast"] is None and old["Ben"]["ready"] == old["Ben"]["readiness"]
      == by["Ben"]["readiness"] and old["Ada"]["forecast"] == by["Ada"]["forecast"], (out, err))
rc, out, err = klass(ada[1], old_ben, cal[1])
ben_row = [line for line in out.splitlines() if line[2:5] == "Ben"]
check("the table stars it and says why",
      ben_row and "%d%%*" % round(by["Ben"]["readiness"] * 100) in ben_row[0]
      and "* if they stop now: no forecast from the file" in out, out + err)

rc, out, err = klass(*files, "--json", "--at", "2027-03-20", "--threshold", "5")
c2 = json.loads(out) if rc == 0 else {}
check("--at sets the day and --threshold the risk",
      c2.get("at_is") == "given" and c2["at"].startswith("2027-03-20T09:00")
      and not any("low" in s["risks"] for s in c2["students"])
      and all(s["readiness"] > by[s["name"]]["readiness"] for s in c2["students"]), out + err)
rc, out, err = klass(*files, "--deck", "macbeth")
check("--deck names a deck no file has: one line, exit 1",
      rc == 1 and 'no file has the deck "macbeth"' in err and not out, (rc, err))

# The same definition as swot readiness, for each student.
for name, (db, _, _) in (("Ada", ada), ("Ben", ben), ("Cal", cal)):
    rc, out, err = swottest.swot(db, NOW, "readiness", DECK, "--json")
    rj = json.loads(out)
    check(name + ": class readiness is swot readiness's", rj["readiness"] == by[name]["readiness"],
          (rj["readiness"], by[name]["readiness"]))
    # the forecast the student saw when they exported, and the figure shown
    fc = rj["forecast"] and {k: rj["forecast"][k] for k in ("expected", "low", "high")}
    check(name + ": the class's forecast is the one swot readiness gave the student",
          fc and by[name]["forecast"] == fc
          and by[name]["ready"] == fc["expected"], (rj["forecast"], by[name]))
    key = "carry_on" if fc else "readiness"
    topics = {t["key"]: t[key] for t in rj["topics"] if t["kind"] == "theme"}
    mine = {t["id"]: by[name]["topics"][i] for i, t in enumerate(cj["topics"])
            if t["kind"] == "theme"}
    check(name + ": each theme's figure is swot readiness's (carry on)", topics == mine,
          (topics, mine))

# By topic: who is weakest follows study.
studied = [t for t in cj["topics"] if t["mean"] > 0]
check("topics: themes and characters of the deck", len([t for t in cj["topics"] if t["kind"] == "theme"]) == 10
      and len([t for t in cj["topics"] if t["kind"] == "character"]) >= 10, len(cj["topics"]))
check("by topic, Cal is the weakest wherever anyone has studied",
      studied and all(t["weakest"][0]["name"] == "Cal" for t in studied),
      [(t["id"], [w["name"] for w in t["weakest"]]) for t in studied if t["weakest"][0]["name"] != "Cal"])
check("by topic, Ada is stronger than Ben on most topics",
      sum(by["Ada"]["topics"][i] > by["Ben"]["topics"][i] for i, t in enumerate(cj["topics"])
          if t["mean"] > 0) > 0.8 * len(studied))
ti = {t["id"]: i for i, t in enumerate(cj["topics"])}
check("a topic's mean is the mean of its students",
      all(abs(t["mean"] - sum(s["topics"][ti[t["id"]]] for s in cj["students"]) / 3) < 1e-3
          for t in cj["topics"]))

# What the class forgets: the quotations Ben and Cal kept failing.
fg = cj["forgotten"]
check("the forgotten list is the quotes the class failed, with lapses",
      len(fg) == 10 and all(f["card"].endswith("/cloze") for f in fg)
      and all(f["recall"] <= g["recall"] for f, g in zip(fg, fg[1:])), fg)
check("forgotten cards carry their text, gaps filled in",
      all(f["text"] and "{{" not in f["text"] and "___" not in f["text"] for f in fg), fg[:2])

# The table for a terminal: 80 columns, the same numbers.
rc, out, err = klass(*files)
check("class prints a table", rc == 0 and "Student" in out and "By topic" in out
      and "What the class forgets" in out, out + err)
check("the table fits 80 columns", max(swottest_len for swottest_len in
      (len(l) for l in out.splitlines())) <= 80, max(out.splitlines(), key=len))
rows = [l for l in out.splitlines() if re.match(r"^[! ] (Ada|Ben|Cal)\b", l)]
check("the table lists the students in the JSON's order with their ready figure",
      [r[2:5] for r in rows] == names and
      all(" %d%% " % round(by[r[2:5]]["ready"] * 100) in r for r in rows), rows)
check("at-risk students are marked", rows and rows[0].startswith("! Cal") and "low, idle" in rows[0],
      rows)
rc, wide, err = klass(*files, env={"COLUMNS": "100"})
check("wider where the terminal is", max(len(l) for l in wide.splitlines()) > 80
      and max(len(l) for l in wide.splitlines()) <= 100, max(wide.splitlines(), key=len))

# ---- HTML in a real browser ----
HTML = os.path.join(TMP, "class.html")
rc, out, err = klass(*files, "--html", HTML)
check("class --html writes the page", rc == 0 and HTML in out, out + err)
src = open(HTML, encoding="utf-8").read()
check("the page is self-contained", "<script" not in src.lower()
      and not re.search(r'(src|href)\s*=\s*"(https?:)?//', src) and "<svg" in src)


def chromium(*args):
    profile = tempfile.mkdtemp(dir=TMP)
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                           "--no-first-run", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync",
                           "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                           *args], capture_output=True, text=True, timeout=120)


if not os.access(CHROMIUM, os.X_OK):
    check("chromium is installed (make deps installs it)", False)
else:
    png = os.path.join(TMP, "class.png")
    p = chromium("--screenshot=" + png, "--window-size=1100,1600", "file://" + HTML)
    check("chromium draws the page", p.returncode == 0 and os.path.getsize(png) > 20000,
          p.stderr[-1500:])
    p = chromium("--dump-dom", "file://" + HTML)
    console = [l for l in p.stderr.splitlines() if "CONSOLE" in l or "net::ERR" in l]
    check("the page loads without errors", p.returncode == 0 and not console, console)
    dom = p.stdout
    trs = re.findall(r'<tr class="student[^"]*" data-student="([0-9a-f]+)"><td class="name">'
                     r'([^<]*)</td><td class="n ready" data-value="([0-9.]+)">(\d+)%', dom)
    check("the browser shows the students in the JSON's order and readiness",
          [(t[1], float(t[2])) for t in trs] ==
          [(s["name"], s["ready"]) for s in cj["students"]], trs)
    cells = re.findall(r'<rect class="cell" [^>]*data-value="([0-9.]+)" data-topic="([^"]*)" '
                       r'data-who="([^"]*)"', dom)
    want = [(s["topics"][i], t["name"], s["name"]) for s in cj["students"]
            for i, t in enumerate(cj["topics"])]
    check("the heatmap has a cell per student and topic with the JSON's value",
          [(float(v), t.replace("&amp;", "&"), w) for v, t, w in cells] == want,
          (cells[:3], want[:3]))
    means = re.findall(r'<rect class="cell mean" [^>]*data-value="([0-9.]+)"', dom)
    check("the heatmap's class row is the topics' means",
          [float(m) for m in means] == [t["mean"] for t in cj["topics"]])
    lis = re.findall(r'<li class="forgot" data-card="([^"]+)" data-value="([0-9.]+)"', dom)
    check("the forgotten quotations are the JSON's",
          [(c, float(v)) for c, v in lis] == [(f["card"], f["recall"]) for f in fg], lis)

# ---- bad input ----
bad = {}


def write(name, text):
    path = os.path.join(TMP, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    bad[name] = path
    return path


full = open(ben[1], encoding="utf-8").read()
write("truncated.json", full[: len(full) // 2])
write("deck.json", open(os.path.join(ROOT, "decks", DECK + ".json"), encoding="utf-8").read())
newer = json.loads(full)
newer["swot_progress"] = 2
write("newer.json", json.dumps(newer))
other = json.loads(full)
other["student"] = "0" * 32
other["decks"][0]["id"] = "macbeth"
write("other.json", json.dumps(other))
old = json.loads(full)
old["decks"][0]["cards"] = old["decks"][0]["cards"][5:]
old["exported_at"] += 60  # the newer export of Ben: it wins
write("ben-old-version.json", json.dumps(old))
write("garbage.json", "\x00\xff not json")
rc, out, err = klass(*files, *bad.values(), "--json")
lines = err.strip().splitlines()
check("bad files: the rest of the class is still reported", rc == 0 and out.startswith("{"),
      err)
check("one line per bad file, naming it", len(lines) == 6 and all(
      sum(l.count(os.path.join(TMP, n)) > 0 for l in lines) >= 1 for n in bad), lines)
msgs = "\n".join(lines)
check("a truncated file is called truncated", "truncated.json: not valid JSON: it ends early" in msgs,
      msgs)
check("a deck file is called a deck file", "deck.json: a deck file, not a progress file" in msgs,
      msgs)
check("a newer format says so", "newer.json: written by a newer swot (progress format 2" in msgs,
      msgs)
check("another deck says which", 'other.json: no deck "never-let-me-go" in it (it has: macbeth)'
      in msgs, msgs)
check("a duplicate student: the newer file wins, said once",
      sum("same student" in l for l in lines) == 1 and "using " + bad["ben-old-version.json"] in msgs,
      msgs)
cj2 = json.loads(out)
b2 = [s for s in cj2["students"] if s["name"] == "Ben"]
check("the other version of the deck: cards matched by id, the lack counted",
      len(cj2["students"]) == 3 and b2 and b2[0]["lacking"] == 5
      and ["swot: " + p for p in cj2["problems"]] == lines and
      b2[0]["file"] == bad["ben-old-version.json"], cj2["students"])
rc, out, err = klass(*files, bad["truncated.json"], "--strict")
check("--strict: a bad file fails the report", rc == 1 and not out and "truncated.json" in err,
      (rc, out, err))
rc, out, err = klass(bad["truncated.json"])
check("no good file at all fails", rc == 1 and "no progress file" in err, err)

sys.exit(1 if swottest.failed else 0)
