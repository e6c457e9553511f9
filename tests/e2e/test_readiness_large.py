"""Readiness by topic on a deck larger than the forecast's sample: the
forecast simulates an even sample of a big deck's cards (FORECAST_SAMPLE),
so each topic's "carry on" figure is the mean over the topic's cards in
that sample, near the deck's own forecast when the topics are alike, and
never the sample's sum spread over every card of the topic; a topic the
sample missed has none."""
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
ZONE = ZoneInfo(os.environ["TZ"])


def tag(i):
    """Three big tags; "late" on five cards the sample leaves out (every
    other card of 2,710 is simulated: these are at odd places)."""
    return "late" if i in (1, 3, 5, 7, 9) else ("a", "b", "c")[i % 3]


def deck():
    """2,710 cards: 100 quotes (300 cards) and 2,400 tagged free cards."""
    chars = [{"id": "c%d" % i, "name": "Person %d" % i,
              "summary": "Character %d of the large deck." % i} for i in range(4)]
    themes = [{"id": "t%d" % i, "name": "Theme %d" % i, "summary": "Theme %d." % i}
              for i in range(2)]
    quotes = [{"id": "q%d" % i, "text": "Line %d says word%d here." % (i, i),
               "speaker": "c%d" % (i % 4), "themes": ["t%d" % (i % 2)],
               "gaps": ["word%d" % i]} for i in range(100)]
    cards = [{"id": "f%d" % i, "type": "typed", "prompt": "Question %d?" % i,
              "answer": "answer %d" % i, "tags": [tag(i)]}
             for i in range(2400)]
    return {"swot_deck": 1, "id": "large", "title": "Large", "version": "1",
            "characters": chars, "themes": themes, "quotes": quotes, "cards": cards}


def write_history(path, now):
    """Every card studied alike over the last three weeks."""
    rng = random.Random(18)
    db = sqlite3.connect(path)
    rows, cards = [], []
    for (cid,) in db.execute("SELECT id FROM card ORDER BY id").fetchall():
        last = now - rng.randint(1, 20) * 86400 - rng.randint(0, 3600)
        first = last - rng.randint(2, 6) * 86400
        s = 8 + rng.random() * 8
        rows.append((cid, first, 3, "learn", 0, 0, 0, 2.0, 5.0, 6000))
        rows.append((cid, last, 3, "review", 2, 4, 4, s, 5.0, 6000))
        cards.append((2, s, 5.0, last + int(s * 86400), last, int(s), 2, cid))
    db.executemany("INSERT INTO review (card_id, time, rating, kind, state_before,"
                   " elapsed_days, scheduled_days, stability, difficulty, duration_ms)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.executemany("UPDATE card SET state = ?, stability = ?, difficulty = ?, due = ?,"
                   " last_review = ?, scheduled_days = ?, reps = ?, lapses = 0"
                   " WHERE id = ?", cards)
    db.commit()
    db.close()


def main():
    print("1..6")  # the plan: how many checks this file runs
    db = os.path.join(TMP, "large.db")
    with open(os.path.join(TMP, "large.json"), "w") as f:
        json.dump(deck(), f)
    rc, _, err = swot(db, NOW, "import", os.path.join(TMP, "large.json"))
    check("the large deck imports", rc == 0, err)
    now = int(datetime.datetime.fromisoformat(NOW).replace(tzinfo=ZONE).timestamp())
    write_history(db, now)
    swot(db, NOW, "exam", "large", "2026-04-20")
    rc, out, err = swot(db, NOW, "readiness", "--json", "large")
    got = json.loads(out) if rc == 0 else {}
    expected = (got.get("forecast") or {}).get("expected")
    check("a deck of %s cards, all studied, has a forecast" % got.get("cards"),
          got.get("cards", 0) > 2000 and expected is not None, err or got.get("forecast"))
    big = [t for t in got.get("topics", []) if t["cards"] >= 100]
    far = [(t["name"], t["carry_on"]) for t in big
           if t["carry_on"] is None or abs(t["carry_on"] - (expected or 0)) > 0.1]
    check("each big topic's carry-on figure is near the deck's forecast (%s)" % expected,
          len(big) >= 4 and not far, far)
    small = [t for t in got.get("topics", []) if t["cards"] < 100 and t["key"] != "late"]
    check("a small topic's carry-on figure is a recall, never a share of one",
          small and all(t["carry_on"] is not None and t["carry_on"] > 0.5 * (expected or 1)
                        for t in small), small)
    late = [t for t in got.get("topics", []) if t["key"] == "late"]
    check("a topic the sample missed has no carry-on figure (null)",
          len(late) == 1 and late[0]["carry_on"] is None, late)
    rc, text, err = swot(db, NOW, "readiness", "large")
    row = [line for line in text.splitlines() if "Cards tagged late" in line]
    check("and the text says so with a dash, not a percentage",
          rc == 0 and len(row) == 1 and row[0].split()[-1] == "-", row or text)


if __name__ == "__main__":
    main()
