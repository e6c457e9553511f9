"""swot readiness and swot stats on a small store with a made-up history:
the numbers, the --json shapes (validated against JSON Schemas, as
documented in README.md) and text that fits 80 columns."""
import json
import math
import os
import re
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import progress_fixture as fx  # noqa: E402
import jsonschema  # noqa: E402
import swottest  # noqa: E402
from swottest import SWOT, check  # noqa: E402

print("1..59")  # the plan: how many checks this file runs

tmp = swottest.TMP
DB = os.path.join(tmp, "p.db")
DB2 = os.path.join(tmp, "noexam.db")


def run(db, *args, now=fx.NOW):
    return swottest.swot(db, now, *args)


def width(line):
    # every character swot draws is one column wide
    return len(line)


def r_hand(t, s):
    decay = -0.1542
    factor = 0.9 ** (1 / decay) - 1
    return (1 + factor * t / s) ** decay


fx.build(SWOT, DB)
fx.build(SWOT, DB2, exam=False)

# ---- readiness --json ----
NUM = {"type": "number", "minimum": 0, "maximum": 1}
NUM_OR_NULL = {"type": ["number", "null"], "minimum": 0, "maximum": 1}
# the documented shape, published with swot
with open(os.path.join(os.path.dirname(__file__), "..", "..", "schema",
                       "readiness.schema.json")) as f:
    READINESS = json.load(f)

rc, out, err = run(DB, "readiness", "nlmg", "--json")
try:
    r = json.loads(out)
except ValueError as e:
    r = None
    check("readiness --json is JSON", False, f"{e}\n{out}{err}")
if r is not None:
    try:
        jsonschema.validate(r, READINESS)
        check("readiness --json has the documented shape", True)
    except jsonschema.ValidationError as e:
        check("readiness --json has the documented shape", False, e.message)
    # By hand, at the exam (14 May): kathy/who S 10 last 24 Apr (20 days),
    # kathy/describe S 3 last 21 Apr (23), memory S 15 last 29 Apr (15),
    # weeping/cloze S 30 last 9 Apr (35), weeping/speaker S 4 last 20 Apr (24),
    # genre S 2 last 20 Apr (24), loose S 0.5 last 30 Apr (14); 3 new.
    hand = [r_hand(20, 10), r_hand(23, 3), r_hand(15, 15), r_hand(35, 30),
            r_hand(24, 4), r_hand(24, 2), r_hand(14, 0.5)]
    mean = sum(hand) / 10
    check("readiness is the mean of R at the exam, new cards 0",
          abs(r["readiness"] - mean) < 1e-4, f"{r['readiness']} vs {mean}")
    check("counts: 10 cards, 7 studied, 3 new",
          (r["cards"], r["studied"], r["new_left"]) == (10, 7, 3), r)
    check("coverage 0.7", abs(r["coverage"] - 0.7) < 1e-4)
    check("14 days left", r["days_left"] == 14 and r["exam"].startswith("2027-05-14T09:00"))
    check("keeping the schedule beats stopping", r["keep_schedule"] > r["readiness"])
    check("pace: the last 14 days have begun", r["pace"] == {
        "needed": None, "new_per_day": 60, "lead_days": 14}, r["pace"])
    topics = {(t["kind"], t["key"]): t for t in r["topics"]}
    ch = topics.get(("characters", ""))
    check("characters topic by hand",
          ch and ch["cards"] == 3 and abs(ch["readiness"] - (hand[0] + hand[1]) / 3) < 1e-4, ch)
    th = topics.get(("theme", "hope"))
    check("theme hope through its quotes and its card",
          th and th["cards"] == 3 and th["name"] == "Theme: Hope"
          and abs(th["readiness"] - (hand[3] + hand[4]) / 3) < 1e-4, th)
    other = topics.get(("cards", ""))
    check("a tag of two cards is no topic: its cards are Other cards",
          ("tag", "context") not in topics and other and other["cards"] == 3 and
          abs(other["readiness"] - (hand[5] + hand[6]) / 3) < 1e-4, other)
    check("weakest first: loose/card then genre/card",
          [w["card"] for w in r["weakest"][:2]] == ["loose/card", "genre/card"]
          and len(r["weakest"]) == 7, r["weakest"])

rc, out, err = run(DB, "readiness", "--json")
try:
    allr = json.loads(out)
    jsonschema.validate(allr, {"type": "object", "required": ["decks"],
                               "properties": {"decks": {"type": "array", "items": READINESS}}})
    check("readiness --json without a deck lists every deck", len(allr["decks"]) == 1)
except (ValueError, jsonschema.ValidationError) as e:
    check("readiness --json without a deck lists every deck", False, f"{e}\n{out}")

rc, out, err = run(DB2, "readiness", "nlmg", "--json")
r2 = json.loads(out)
check("without an exam: no exam, no keep, no pace",
      r2["exam"] is None and r2["keep_schedule"] is None and r2["pace"] is None
      and r2["days_left"] is None)
now_hand = [r_hand(6, 10), r_hand(9, 3), r_hand(1, 15), r_hand(21, 30),
            r_hand(10, 4), r_hand(10, 2), r_hand(0, 0.5)]
check("without an exam, readiness is for now",
      abs(r2["readiness"] - sum(now_hand) / 10) < 1e-4, r2["readiness"])

# ---- decks: the same readiness, at the exam or now ----
by_hand = {DB: sum(hand) / 10, DB2: sum(now_hand) / 10}
exam_db = sqlite3.connect(DB)
exam_at = exam_db.execute("SELECT at FROM exam").fetchone()[0]
exam_db.close()
for db, label, at in ((DB, "with an exam", exam_at), (DB2, "without an exam", None)):
    rc, out, err = run(db, "decks", "--json")
    js = json.loads(out) if rc == 0 else {"now": None, "decks": [{}]}
    d = js["decks"][0]
    at = at or js["now"]
    check("decks --json %s: readiness by hand, as swot readiness says" % label,
          abs(d.get("readiness", -1) - by_hand[db]) < 1e-4
          and abs(d["readiness"] - (r if db == DB else r2)["readiness"]) < 1e-4,
          out + err)
    check("decks --json %s: readiness with 4 decimals, and when it is for" % label,
          re.search(r'"readiness": [01]\.\d{4},', out) and d.get("readiness_at") == at, out)
    # READY: the carry-on forecast when swot readiness has one, else this
    fc = (r if db == DB else r2)["forecast"]
    check("decks --json %s: the forecast of swot readiness, and READY's figure" % label,
          d.get("forecast") == (fc and {k: fc[k] for k in ("expected", "low", "high")})
          and d.get("ready") == (fc["expected"] if fc else d["readiness"]), (d, fc))
    rc, out, err = run(db, "decks")
    lines = out.splitlines()
    ready = "%d%%" % round(100 * (fc["expected"] if fc else by_hand[db]))
    check("decks %s: READY column shows it" % label,
          rc == 0 and len(lines) == 2 and lines[0].split()[6] == "READY"
          and lines[1].split()[-2] == ready, out + err)
    check("decks %s: fits 80 columns" % label, all(width(x) <= 80 for x in lines), out)

# ---- readiness text ----
rc, out, err = run(DB, "readiness", "nlmg")
lines = out.splitlines()
check("readiness text exits 0", rc == 0, err)
check("readiness text fits 80 columns", all(width(l) <= 80 for l in lines),
      "\n".join(l for l in lines if width(l) > 80))
check("readiness text names the exam and days left",
      "Exam Fri 14 May 2027, 09:00" in out and "in 14 days" in out, out)
check("readiness text shows both predictions",
      "if you stop now" in out and "if you carry on as you have been" in out, out)
check("readiness text lists topics and the weakest cards",
      "Theme: Memory & loss" in out and "loose/card" in out)
check("cloze answers are not shown in the weakest list",
      "altogether different" not in out and "weeping/cloze" in out, out)
rc, out, err = run(DB2, "readiness", "nlmg")
check("without an exam it asks for a date",
      "swot exam nlmg YYYY-MM-DD" in out and "No exam date set" in out, out)
rc, out, err = run(DB, "readiness", "nlmg", now="2027-05-20T10:00")
check("after the exam it says so and asks for the next",
      "The exam (Fri 14 May 2027, 09:00) has passed" in out
      and "When is the next exam?" in out, out)
rc, out, err = run(DB, "readiness", "nlmg", "--ascii")
check("readiness --ascii is plain ASCII", rc == 0 and out.isascii())
rc, out, err = run(DB, "readiness", "nope")
check("readiness of an unknown deck fails", rc == 1 and "no deck" in err, err)
rc, out, err = run(DB, "readiness", "--bogus")
check("readiness with a bad option is a usage error", rc == 2, err)

# ---- stats --json ----
DAYREC = lambda k: {"type": "object", "additionalProperties": False,
                    "required": ["date", k],
                    "properties": {"date": {"type": "string", "pattern": r"^\d{4}-\d\d-\d\d$"},
                                   k: {"type": "integer"}}}
RATE = {"type": "object", "additionalProperties": False,
        "required": ["passed", "reviews", "rate"],
        "properties": {"passed": {"type": "integer"}, "reviews": {"type": "integer"},
                       "rate": NUM_OR_NULL}}
STATS = {
    "type": "object", "additionalProperties": False,
    "required": ["deck", "date", "today", "cards", "left_today", "retention", "forecast",
                 "heatmap", "streak"],
    "properties": {
        "deck": {"type": ["string", "null"]},
        "date": {"type": "string"},
        "today": {"type": "object", "additionalProperties": False,
                  "required": ["answers", "cards", "right_first_time", "drill", "seconds"],
                  "properties": {k: {"type": "integer"} for k in
                                 ["answers", "cards", "right_first_time", "drill", "seconds"]}},
        "cards": {"type": "object", "additionalProperties": False,
                  "required": ["new", "learning", "review", "relearning", "total"],
                  "properties": {k: {"type": "integer"} for k in
                                 ["new", "learning", "review", "relearning", "total"]}},
        "left_today": {"type": "object", "additionalProperties": False,
                       "required": ["learning", "due", "new", "held", "tomorrow"],
                       "properties": {k: {"type": "integer"} for k in
                                      ["learning", "due", "new", "held", "tomorrow"]}},
        "retention": {"type": "object", "additionalProperties": False,
                      "required": ["days_7", "days_30"],
                      "properties": {"days_7": RATE, "days_30": RATE}},
        "forecast": {"type": "array", "minItems": 30, "maxItems": 30, "items": DAYREC("due")},
        "heatmap": {"type": "array", "minItems": 78, "maxItems": 84,
                    "items": DAYREC("answers")},
        "streak": {"type": "object", "additionalProperties": False,
                   "required": ["days", "today"],
                   "properties": {"days": {"type": "integer"}, "today": {"type": "boolean"}}},
    },
}
rc, out, err = run(DB, "stats", "nlmg", "--json")
try:
    st = json.loads(out)
    jsonschema.validate(st, STATS)
    check("stats --json has the documented shape", True)
except (ValueError, jsonschema.ValidationError) as e:
    st = None
    check("stats --json has the documented shape", False, f"{e}\n{out}{err}")
if st:
    check("today: 2 answers on 1 card, none right first time, 1 drill, 46 s",
          st["today"] == {"answers": 2, "cards": 1, "right_first_time": 0, "drill": 1,
                          "seconds": 46}, st["today"])
    check("cards by state", st["cards"] == {"new": 3, "learning": 1, "review": 6,
                                            "relearning": 0, "total": 10}, st["cards"])
    # review-state answers: last 7 days (from 24 Apr 04:00): kathy/who 24 Apr
    # (3), memory 29 Apr (3), genre 28 Apr (1), genre 27 Apr (3), memory 27 Apr (3)
    check("retention over 7 days: 4 of 5",
          st["retention"]["days_7"] == {"passed": 4, "reviews": 5, "rate": 0.8},
          st["retention"]["days_7"])
    check("retention over 30 days: 7 of 9",
          st["retention"]["days_30"]["passed"] == 7 and st["retention"]["days_30"]["reviews"] == 9,
          st["retention"]["days_30"])
    check("forecast starts today", st["forecast"][0]["date"] == "2027-04-30")
    check("forecast: today holds the overdue and learning cards",
          st["forecast"][0]["due"] == 4, st["forecast"][:3])
    check("forecast total is the live studied cards due within 30 days",
          sum(d["due"] for d in st["forecast"]) == 7)
    check("heatmap ends today", st["heatmap"][-1] == {"date": "2027-04-30", "answers": 3},
          st["heatmap"][-1])
    check("heatmap starts on a Monday 11 weeks back", st["heatmap"][0]["date"] == "2027-02-08",
          st["heatmap"][0])
    check("heatmap counts every answer in it",
          sum(d["answers"] for d in st["heatmap"]) == len(fx.LOG))
    check("streak of 4 days including today", st["streak"] == {"days": 4, "today": True},
          st["streak"])

rc, out, err = run(DB, "stats", "nlmg")
lines = out.splitlines()
check("stats text fits 80 columns", rc == 0 and all(width(l) <= 80 for l in lines),
      "\n".join(l for l in lines if width(l) > 80) + err)
check("stats text has every part",
      all(s in out for s in ["Today", "Cards", "Retention", "Streak", "Due in the next 30 days",
                             "Answers, last 12 weeks", "Mon", "Sun"]), out)
check("stats draws with block characters", "\u2588" in out)
rc, out, err = run(DB, "stats", "--ascii")
check("stats --ascii is plain ASCII", rc == 0 and out.isascii() and "#" in out, out)
check("stats without a deck covers all decks", "all decks" in out)
rc, out, err = run(DB, "stats", "nope")
check("stats of an unknown deck fails", rc == 1 and "no deck" in err, err)

# The review session: countdown and readiness in the header (the forecast
# swot readiness gives, as the session starts), and how readiness moved in
# the summary.
fc_before = json.loads(run(DB, "readiness", "nlmg", "--json")[1])["forecast"]
p = subprocess.run([SWOT, "--db", DB, "--now", fx.NOW, "review", "nlmg"],
                   input="\n3\n" * 40, capture_output=True, text=True)
head = [l for l in p.stdout.splitlines() if l.startswith("nlmg \u00b7")]
check("review header shows the exam countdown and readiness",
      head and fc_before and "exam in 14 days" in head[0]
      and head[0].endswith(" \u00b7 ready ~%d%%" % round(fc_before["expected"] * 100)),
      p.stdout[:800] + p.stderr)
check("review headers fit 80 columns", all(len(l) <= 80 for l in head))
summ = [l for l in p.stdout.splitlines() if l.startswith("Recall for the exam in 14 days if you stop now")]
check("the summary says how readiness moved",
      len(summ) == 1 and "\u2192" in summ[0], p.stdout[-600:])
if summ:
    before, after = [int(x) for x in __import__("re").findall(r"(\d+)%", summ[0])]
    rj = json.loads(run(DB, "readiness", "nlmg", "--json")[1])
    check("the summary's readiness after the session is swot readiness's",
          after == round(rj["readiness"] * 100) and after > before, (summ[0], rj["readiness"]))

# An empty store.
EMPTY = os.path.join(tmp, "empty.db")
rc, out, err = run(EMPTY, "stats", "--json")
check("stats on an empty store", rc == 0 and json.loads(out)["cards"]["total"] == 0, out + err)
rc, out, err = run(EMPTY, "readiness")
check("readiness on an empty store says how to start", rc == 0 and "swot import" in out, out + err)
sys.exit(1 if swottest.failed else 0)
