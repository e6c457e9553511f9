"""One meaning of "due": swot decks (table and --json), the first header of
swot review (under a real pseudo-terminal) and its nothing-due message,
swot stats (text, --json and its forecast) and swot readiness (text and
--json) all show the numbers computed here, independently, from the
database file with Python's sqlite3 (duelib: the README's definition).

The store holds three decks with review histories brought in with `swot
import-reviews` (siblings overdue together, siblings answered earlier
today, a card still learning) and answers given today through a piped
session; one deck has nothing left today but cards held for tomorrow."""
import datetime
import json
import os
import random
import re
import sys
from zoneinfo import ZoneInfo

import pexpect

os.environ.setdefault("TZ", "Europe/London")  # swot and this file, one zone
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import duelib  # noqa: E402
import sessionlib as sl  # noqa: E402
from swottest import TMP, check, swot  # noqa: E402

print("1..33")  # the plan: how many checks this file runs

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
ZONE = ZoneInfo(os.environ["TZ"])
NOW = "2026-03-10T10:00"
NOW_T = int(datetime.datetime.fromisoformat(NOW).replace(tzinfo=ZONE).timestamp())
TOMORROW = "2026-03-11T10:00"
DB = os.path.join(TMP, "due.db")
DECKS = ("never-let-me-go", "quiz", "quiz-b")
LIMITS = {"never-let-me-go": (20, 200), "quiz": (20, 200), "quiz-b": (0, 200)}

# ---- the store: three decks ----
quiz = json.load(open(sl.FIXTURE, encoding="utf-8"))
quiz_b = dict(quiz, id="quiz-b", title="Quiz B")
with open(os.path.join(TMP, "quiz-b.json"), "w", encoding="utf-8") as f:
    json.dump(quiz_b, f)
rc, out, err = swot(DB, "2026-01-01T10:00", "import", sl.FIXTURE,
                    os.path.join(TMP, "quiz-b.json"),
                    os.path.join(ROOT, "decks", "never-let-me-go.json"))
assert rc == 0, err
rc, out, err = swot(DB, NOW, "config", "--deck", "quiz-b", "new-per-day", "0")
assert rc == 0, err


def card_id(deck, key):
    return sl.query(DB, "SELECT c.id FROM card c JOIN deck d ON d.id = c.deck_id"
                    " WHERE d.slug = ? AND c.key = ?", deck, key)[0][0]


# ---- their histories, as another computer would hand them over ----
DAY = 86400
rows = []


def answered(deck, key, *when, rating=3):
    """Answers to card key of deck at NOW less each of when (seconds)."""
    for i, ago in enumerate(when):
        rows.append((card_id(deck, key), (NOW_T - ago) * 1000, rating, 1 if i == 0 else 2))


# quiz: siblings overdue together; a card relearning with an overdue sibling
# (two answers a quarter of an hour apart take a new card through its
# learning steps: a review card)
for key in ("kathy/who", "kathy/describe", "tommy/who", "tommy/describe",
            "weeping/cloze", "weeping/speaker", "weeping/theme", "nobel/card", "genre/card"):
    answered("quiz", key, 30 * DAY, 30 * DAY - 900)
answered("quiz", "ruth/describe", 30 * DAY, 30 * DAY - 900)
answered("quiz", "ruth/who", 3600, rating=1)  # learning: back in a minute
# quiz-b: a card of each note answered earlier today, its siblings overdue
for key in ("kathy/who", "kathy/describe", "weeping/cloze", "weeping/speaker",
            "weeping/theme", "author/card"):
    answered("quiz-b", key, 30 * DAY, 30 * DAY - 900)
for key in ("kathy/who", "weeping/cloze", "author/card"):
    answered("quiz-b", key, 2 * 3600)
# never-let-me-go: most cards of 40 notes at different ages, a few again today
rng = random.Random(11)
keys = [k for (k,) in sl.query(DB, "SELECT c.key FROM card c JOIN deck d ON d.id = c.deck_id"
                               " WHERE d.slug = 'never-let-me-go' ORDER BY c.position")]
notes = sorted({k.split("/")[0] for k in keys})[:40]
for k in keys:
    if k.split("/")[0] in notes and rng.random() < 0.8:
        first = rng.randint(8, 40) * DAY + rng.randint(0, 3600)
        answered("never-let-me-go", k, first, first - 900, rating=rng.choice((2, 3, 3, 4)))
        if rng.random() < 0.15:
            answered("never-let-me-go", k, 3 * 3600 + rng.randint(0, 3600))
rows.sort(key=lambda r: (r[0], r[1]))
csv = os.path.join(TMP, "history.csv")
with open(csv, "w") as f:
    f.write("card_id,review_time,review_rating,review_state,review_duration\n")
    for cid, t, rating, state in rows:
        f.write("%d,%d,%d,%d,4000\n" % (cid, t, rating, state))
rc, out, err = swot(DB, NOW, "import-reviews", csv)
check("the review history is brought in", rc == 0 and "added" in out, out + err)

# ---- and today, answers at the prompt (from a pipe) ----
rc, out, err = swot(DB, NOW, "review", "quiz", input="x\n3\n" * 3 + ":quit\n")
today_rows = sl.query(DB, "SELECT count(*) FROM review WHERE time >= ?", NOW_T)[0][0]
check("three cards answered at the prompt today", rc == 0 and today_rows == 3, out + err)


def expected(deck, now=NOW_T):
    npd, rpd = LIMITS[deck]
    return duelib.left_today(DB, deck, now, ZONE, new_per_day=npd, reviews_per_day=rpd)


want = {d: expected(d) for d in DECKS}
total = {k: sum(w[k] for w in want.values()) for k in want["quiz"]}
check("the history gives every kind of count (so nothing below holds by accident)",
      total["learning"] > 0 and total["due"] > 0 and total["new"] > 0
      and want["quiz"]["held"] > 0 and want["never-let-me-go"]["held"] > 0
      and want["quiz-b"]["held"] == 3
      and sum(want["quiz-b"][k] for k in ("learning", "due", "new")) == 0, want)
before = sl.snapshot(DB)

# ---- swot decks ----
rc, out, err = swot(DB, NOW, "decks", "--json")
js = {d["id"]: d for d in json.loads(out)["decks"]} if rc == 0 else {}
for deck in DECKS:
    got = js.get(deck, {})
    check("decks --json (%s): due, learning, new, held and tomorrow as computed" % deck,
          got.get("left_today") == want[deck] and got.get("due") == want[deck]["due"],
          (got.get("left_today"), got.get("due"), want[deck]))
rc, out, err = swot(DB, NOW, "decks")
table = {line.split()[0]: line.split() for line in out.splitlines()[1:] if line.strip()}
for deck in DECKS:
    row = table.get(deck, [])
    check("decks (%s): NEW, LEARNING and DUE are today's" % deck,
          row[-6:-3] == [str(want[deck][k]) for k in ("new", "learning", "due")],
          (row, want[deck]))
check("decks says which cards are held for tomorrow, and how many",
      all(("%s: %d held for tomorrow" % (d, want[d]["held"]) in out) == (want[d]["held"] > 0)
          for d in DECKS), out)


# ---- swot review: the first header, at a terminal ----
def first_header(*deck):
    """The numbers of the first header of swot review DECK... on a terminal
    (None when there is no card) and what it printed up to its end."""
    env = dict(os.environ, NO_COLOR="1", TERM="xterm")
    p = pexpect.spawn(sl.SWOT, ["--db", DB, "--now", NOW, "review", *deck], env=env,
                      encoding="utf-8", timeout=10, dimensions=(40, 200))
    m, text = None, ""
    try:
        p.expect(r"([a-z-]+) · (\d+) left · learning (\d+) · due (\d+) · new (\d+)"
                 r"|Nothing is due now")
        text = p.match.group(0)
        if p.match.group(1):
            m = p.match.groups()
            p.sendline(":quit")
        p.expect(pexpect.EOF)
        text += p.before
    except (pexpect.TIMEOUT, pexpect.EOF):
        text += "\n(no end) " + str(p.before)
    p.close()
    return m, text


for deck in ("never-let-me-go", "quiz"):
    m, text = first_header(deck)
    w = want[deck]
    check("review %s: the first header counts as decks does" % deck,
          m is not None and [int(x) for x in m[1:]] == [
              w["learning"] + w["due"] + w["new"], w["learning"], w["due"], w["new"]],
          (m, w, text))
m, text = first_header()
check("review of every deck: the header adds up the decks",
      m is not None and [int(x) for x in m[1:]] == [
          total["learning"] + total["due"] + total["new"], total["learning"], total["due"],
          total["new"]], (m, total))
m, text = first_header("quiz-b")
check("review quiz-b: nothing is due, and the held cards are said to be held",
      m is None and "Nothing is due now" in text
      and "3 held for tomorrow (another card of the same note is asked today)." in text, text)
check("review quiz-b: tomorrow's count takes the held cards in",
      "Due tomorrow in quiz-b: %d cards." % want["quiz-b"]["tomorrow"] in text, text)
check("opening and leaving the sessions answered nothing", sl.snapshot(DB) == before)

# ---- swot stats ----
for deck in DECKS + (None,):
    label = deck or "every deck"
    rc, out, err = swot(DB, NOW, "stats", "--json", *([deck] if deck else []))
    st = json.loads(out) if rc == 0 else {}
    w = want[deck] if deck else total
    check("stats --json (%s): what is left today, as computed" % label,
          st.get("left_today") == w, (st.get("left_today"), w))
    check("stats --json (%s): the forecast's today is today's learning and due cards, "
          "tomorrow takes the held ones" % label,
          [d["due"] for d in st.get("forecast", [])[:2]] == [
              w["learning"] + w["due"], w["tomorrow"]], (st.get("forecast", [])[:2], w))
rc, out, err = swot(DB, NOW, "stats", "quiz")
w = want["quiz"]
check("stats (quiz): the line a student reads",
      "Left today  learning %d · due %d · new %d · %d held for tomorrow\n"
      % (w["learning"], w["due"], w["new"], w["held"]) in out, out)

# ---- swot readiness ----
rc, out, err = swot(DB, NOW, "readiness", "--json")
rj = {d["deck"]: d for d in json.loads(out)["decks"]} if rc == 0 else {}
for deck in DECKS:
    check("readiness --json (%s): what is left today, as computed" % deck,
          rj.get(deck, {}).get("left_today") == want[deck],
          (rj.get(deck, {}).get("left_today"), want[deck]))
rc, out, err = swot(DB, NOW, "readiness", "quiz-b")
check("readiness (quiz-b): the line a student reads",
      "Left today    learning 0 · due 0 · new 0 · 3 held for tomorrow\n" in out, out)

# ---- the next day: what was held comes up ----
want2 = {d: expected(d, NOW_T + 86400) for d in DECKS}
rc, out, err = swot(DB, TOMORROW, "decks", "--json")
js = {d["id"]: d for d in json.loads(out)["decks"]} if rc == 0 else {}
check("the next day, decks --json agrees again",
      all(js.get(d, {}).get("left_today") == want2[d] for d in DECKS),
      ([js.get(d, {}).get("left_today") for d in DECKS], want2))
# quiz-b's kathy/describe, weeping/speaker and weeping/theme: one card a note
check("the next day, quiz-b's held cards are due, one card of each note",
      want2["quiz-b"]["due"] == 2 and want2["quiz-b"]["held"] == 1, want2["quiz-b"])
m = re.search(r"quiz-b +Quiz B +(\d+) +(\d+) +(\d+) ", swot(DB, TOMORROW, "decks")[1])
check("the next day, the decks table shows them due",
      m is not None and m.groups() == ("0", "0", "2"), m and m.groups())

# ---- a suspended card leaves every day of the stats forecast ----
# (a review card due from the day after tomorrow to well inside the 30-day
# forecast: the random history decides which cards those are)
later = sl.query(DB, "SELECT c.id FROM card c JOIN deck d ON d.id = c.deck_id"
                 " WHERE d.slug = 'never-let-me-go' AND c.retired = 0"
                 " AND c.suspended = 0 AND c.state = 2 AND c.due > ? AND c.due < ?"
                 " ORDER BY c.due LIMIT 1", NOW_T + 2 * DAY, NOW_T + 28 * DAY)
rc, out, err = swot(DB, NOW, "stats", "--json", "never-let-me-go")
before_st = json.loads(out) if rc == 0 else {}
if later:
    swot(DB, NOW, "suspend", str(later[0][0]))
rc, out, err = swot(DB, NOW, "stats", "--json", "never-let-me-go")
after_st = json.loads(out) if rc == 0 else {}
fb = [d["due"] for d in before_st.get("forecast", [])]
fa = [d["due"] for d in after_st.get("forecast", [])]
changed = [i for i in range(min(len(fb), len(fa))) if fb[i] != fa[i]]
check("stats --json: suspending a card due in days takes it out of that day's "
      "forecast, and only that day's",
      later and len(fb) == len(fa) and len(changed) == 1 and changed[0] >= 2
      and fb[changed[0]] - fa[changed[0]] == 1, (later, fb, fa))
