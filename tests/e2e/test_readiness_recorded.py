"""swot readiness on a fixed collection prints what it printed when its
output was recorded (tests/fixtures/readiness/), to the last character:
text and JSON, with no exam and with one (the keep-your-schedule
simulation included), every topic (characters, themes, quotes, tags big
enough to be topics, the small ones folded into Other cards, each theme)
and the weakest cards.  The way readiness is computed may change (it has:
the cards are read without their text, topics are grouped by number);
what it prints may not, unless on purpose.

The collection is generated here, the same on every run, and its history
ends five weeks before the moment asked about: the forecast from recent
study, which has its own tests (test_forecast.py), is "not enough
history" here, so a change to it does not show in these files.

After a change meant to alter the output, record it again with
    SWOT=build/swot python3 tests/e2e/test_readiness_recorded.py --record
and say why in the commit."""
import datetime
import json
import os
import random
import sqlite3
import sys
from zoneinfo import ZoneInfo

os.environ.setdefault("TZ", "Europe/London")
sys.path.insert(0, os.path.dirname(__file__))
from swottest import TMP, check, swot  # noqa: E402

NOW = "2026-03-02T10:00"
EXAM = "2026-05-20"
ZONE = ZoneInfo(os.environ["TZ"])
RECORDED = os.path.join(os.path.dirname(__file__), "..", "fixtures", "readiness")


def tags_of(i):
    """Two tags big enough to be topics, some cards with both; two too
    small (3 and 2 cards), whose cards count as Other cards; some none."""
    if i in (3, 11, 19):
        return ["rare"]
    if i in (4, 12):
        return ["odd"]
    if i % 8 == 5:
        return []
    return [["context"], ["terms"], ["context", "terms"]][i % 3]


def deck():
    chars = [{"id": "c%d" % i, "name": "Person %d" % i,
              "summary": "Character %d of the fixed deck." % i} for i in range(8)]
    themes = [{"id": "t%d" % i, "name": "Theme number %d" % i,
               "summary": "Theme %d." % i} for i in range(5)]
    quotes = [{"id": "q%d" % i, "text": "Line %d says word%d here." % (i, i),
               "speaker": "c%d" % (i % 8),
               "themes": ["t%d" % (i % 5)] + (["t%d" % ((i + 2) % 5)] if i % 3 == 0 else []),
               "gaps": ["word%d" % i]} for i in range(60)]
    cards = []
    for i in range(50):
        card = {"id": "f%d" % i, "type": "typed", "prompt": "Question %d?" % i,
                "answer": "answer %d" % i}
        tags = tags_of(i)
        if tags:
            card["tags"] = tags
        cards.append(card)
    return {"swot_deck": 1, "id": "fixed", "title": "Fixed", "version": "1",
            "characters": chars, "themes": themes, "quotes": quotes, "cards": cards}


def write_history(path, now):
    """Answers to two thirds of the cards, the last of them five weeks
    before now; card states to match; one card retired, one suspended."""
    rng = random.Random(16)
    db = sqlite3.connect(path)
    ids = [r[0] for r in db.execute("SELECT id FROM card ORDER BY id")]
    studied = [cid for cid in ids if rng.random() < 0.67]
    rows, cards = [], []
    for cid in studied:
        k = rng.randint(1, 7)
        last = now - rng.randint(35, 200) * 86400 - rng.randint(0, 86399)
        times = sorted(last - i * rng.randint(1, 12) * 86400 for i in range(k))
        s = 0.0
        for i, t in enumerate(times):
            s = max(0.4, s * 2.1 + rng.random() * 4)
            rows.append((cid, t, rng.choice((1, 3, 3, 3, 4, 2)), "learn" if i == 0 else "review",
                         0 if i == 0 else 2, 0, int(s), s, 5.0, rng.randint(2000, 9000)))
        d = 3 + rng.random() * 6
        due = times[-1] + int(s * 86400)
        cards.append((rng.choice((2, 2, 2, 3)), s, d, due, times[-1], int(s), k,
                      rng.randint(0, 2), cid))
    db.executemany("INSERT INTO review (card_id, time, rating, kind, state_before,"
                   " elapsed_days, scheduled_days, stability, difficulty, duration_ms)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.executemany("UPDATE card SET state = ?, stability = ?, difficulty = ?, due = ?,"
                   " last_review = ?, scheduled_days = ?, reps = ?, lapses = ? WHERE id = ?",
                   cards)
    db.execute("UPDATE card SET retired = 1 WHERE id = ?", (studied[3],))
    db.execute("UPDATE card SET suspended = 1 WHERE id = ?", (studied[5],))
    db.commit()
    db.close()


def outputs(db):
    """name -> what swot prints, without an exam and then with one."""
    out = {}
    for label in ("no-exam", "exam"):
        if label == "exam":
            rc, _, err = swot(db, NOW, "exam", "fixed", EXAM)
            check("the exam is set", rc == 0, err)
        for fmt, args in (("txt", ()), ("json", ("--json",))):
            rc, text, err = swot(db, NOW, "readiness", "fixed", *args)
            check("readiness %s (%s) runs" % (" ".join(args) or "as text", label),
                  rc == 0 and text, err)
            out["%s.%s" % (label, fmt)] = text
    return out


def main():
    record = "--record" in sys.argv
    print("1..10")  # the plan: how many checks this file runs
    db = os.path.join(TMP, "fixed.db")
    with open(os.path.join(TMP, "fixed.json"), "w") as f:
        json.dump(deck(), f)
    rc, _, err = swot(db, NOW, "import", os.path.join(TMP, "fixed.json"))
    check("the fixed deck imports", rc == 0, err)
    now = int(datetime.datetime.fromisoformat(NOW).replace(tzinfo=ZONE).timestamp())
    write_history(db, now)
    got = outputs(db)
    if record:
        os.makedirs(RECORDED, exist_ok=True)
    for name, text in sorted(got.items()):
        path = os.path.join(RECORDED, name)
        if record:
            with open(path, "w") as f:
                f.write(text)
        with open(path) as f:
            want = f.read()
        diff = [(i + 1, a, b) for i, (a, b) in
                enumerate(zip(want.splitlines(), text.splitlines())) if a != b]
        check("readiness %s prints what was recorded" % name, text == want,
              "first difference (line, recorded, now): %r" %
              (diff[0] if diff else "lengths differ",))


if __name__ == "__main__":
    main()
