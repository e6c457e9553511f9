"""The figures of swot stats, readiness and export-reviews on a generated
history, each computed again here, independently, from the same database
file with Python's sqlite3: every figure must agree to the last digit.

The history (a few thousand answers over most of a year, drill answers,
answers earlier today, lapses, a retired card, a second deck) is written
straight into the database, as an older swot or another program could have
left it, in an order that is not the order of time."""
import datetime
import json
import os
import random
import sqlite3
import sys
from zoneinfo import ZoneInfo

os.environ.setdefault("TZ", "Europe/London")  # swot and this file, one zone
sys.path.insert(0, os.path.dirname(__file__))
from swottest import TMP, check, swot  # noqa: E402
import duelib  # noqa: E402

NOW = "2026-03-02T10:00"
ZONE = ZoneInfo(os.environ["TZ"])
ROLLOVER = 4  # swot's default rollover hour
DECAY = 0.1542  # FSRS-6 default w[20]


def deck(slug, n):
    chars = [{"id": "c%d" % i, "name": "Person %d" % i,
              "summary": "Character %d of %s." % (i, slug)} for i in range(6)]
    themes = [{"id": "t%d" % i, "name": "Theme %d" % i,
               "summary": "Theme %d." % i} for i in range(4)]
    quotes = [{"id": "q%d" % i, "text": "Line %d says word%d here." % (i, i),
               "speaker": "c%d" % (i % 6), "themes": ["t%d" % (i % 4)],
               "gaps": ["word%d" % i]} for i in range(n)]
    cards = [{"id": "f%d" % i, "type": "typed", "prompt": "Question %d?" % i,
              "answer": "answer %d" % i, "tags": ["context" if i % 2 else "terms"]}
             for i in range(n)]
    return {"swot_deck": 1, "id": slug, "title": slug.title(), "version": "1",
            "characters": chars, "themes": themes, "quotes": quotes, "cards": cards}


def learnday(t):
    """swot's learning day of Unix time t: the local date, less a day
    before the rollover hour, as days since 1970-01-01."""
    local = datetime.datetime.fromtimestamp(t, ZONE)
    d = local.date() - datetime.timedelta(days=1 if local.hour < ROLLOVER else 0)
    return (d - datetime.date(1970, 1, 1)).days


def day_name(day):
    return (datetime.date(1970, 1, 1) + datetime.timedelta(days=day)).isoformat()


def write_history(path, now):
    rng = random.Random(7)
    db = sqlite3.connect(path)
    ids = [r[0] for r in db.execute("SELECT id FROM card ORDER BY id")]
    rng.shuffle(ids)
    studied = ids[: len(ids) * 3 // 4]
    today = datetime.datetime.fromtimestamp(now, ZONE).replace(
        hour=ROLLOVER, minute=0, second=0).timestamp()
    rows, cards = [], []
    for n, cid in enumerate(studied):
        k = rng.randint(1, 9)
        times = sorted(int(today) - rng.randint(0, 300) * 86400 - rng.randint(0, 86399)
                       for _ in range(k))
        if n % 17 == 0:  # answered earlier today, some more than once
            times.append(int(today) + 600 + n)
            if n % 34 == 0:
                times.append(int(today) + 1200 + n)
        s = 0.0
        for i, t in enumerate(times):
            kind = "learn" if i == 0 else rng.choice(("review", "review", "relearn", "drill"))
            before = 0 if i == 0 else rng.choice((1, 2, 2, 2, 3))
            rating = rng.choice((1, 2, 3, 3, 3, 4))
            s = max(0.3, s * 1.8 + rng.random() * 3)
            rows.append((cid, t, rating, kind, before, 0, int(s), s, 5.0,
                         rng.randint(1500, 20000)))
        state = rng.choice((1, 2, 2, 2, 2, 3))
        due = now + rng.randint(-5, 40) * 86400 + rng.randint(-3600, 3600)
        cards.append((state, s, 5.0, due, times[-1], n % 3, cid))
    rng.shuffle(rows)  # the log's row order is not the order of time
    db.executemany("INSERT INTO review (card_id, time, rating, kind, state_before,"
                   " elapsed_days, scheduled_days, stability, difficulty, duration_ms)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.executemany("UPDATE card SET state = ?, stability = ?, difficulty = ?, due = ?,"
                   " last_review = ?, lapses = ? WHERE id = ?", cards)
    db.execute("UPDATE card SET retired = 1 WHERE id = ?", (studied[0],))
    db.commit()
    db.close()


def expected_stats(path, slug, now):
    db = sqlite3.connect(path)
    deck_filter = "" if slug is None else \
        " AND c.deck_id = (SELECT id FROM deck WHERE slug = '%s')" % slug
    today = learnday(now)
    out = {"today": {}, "cards": {}}
    live = db.execute("SELECT c.state, c.due FROM card c WHERE c.retired = 0" +
                      deck_filter).fetchall()
    out["cards"] = {"new": sum(s == 0 for s, _ in live),
                    "learning": sum(s == 1 for s, _ in live),
                    "review": sum(s == 2 for s, _ in live),
                    "relearning": sum(s == 3 for s, _ in live), "total": len(live)}
    forecast = [0] * 30
    for state, due in live:
        if state == 0:
            continue
        d = max(0, learnday(due) - today)
        if d < 30:
            forecast[d] += 1
    # today's are what today's review asks, and what it leaves (a sibling
    # answered today holds its note) comes tomorrow: duelib's definition
    slugs = [slug] if slug else [r[0] for r in db.execute("SELECT slug FROM deck")]
    left = [duelib.left_today(path, s, now, ZONE) for s in slugs]
    forecast[0] = sum(x["learning"] + x["due"] for x in left)
    forecast[1] = sum(x["tomorrow"] for x in left)
    out["forecast"] = forecast
    log = db.execute("SELECT r.card_id, r.time, r.rating, r.kind, r.state_before,"
                     " r.duration_ms FROM review r JOIN card c ON c.id = r.card_id"
                     " WHERE 1" + deck_filter + " ORDER BY r.time, r.id").fetchall()
    answers = cards = right = drill = ms = 0
    first = set()
    days = set()
    heat = {}
    ret = {7: [0, 0], 30: [0, 0]}
    for cid, t, rating, kind, before, dur in log:
        day = learnday(t)
        if day > today:
            continue
        days.add(day)
        heat[day] = heat.get(day, 0) + 1
        if day == today:
            ms += dur
            if kind == "drill":
                drill += 1
            else:
                answers += 1
                if cid not in first:
                    first.add(cid)
                    cards += 1
                    right += rating > 1
        if kind == "review" and before == 2:
            for window in (7, 30):
                if day >= today - (window - 1):
                    ret[window][1] += 1
                    ret[window][0] += rating > 1
    out["today"] = {"answers": answers, "cards": cards, "right_first_time": right,
                    "drill": drill, "seconds": (ms + 500) // 1000}
    out["retention"] = ret
    weekday = (today + 3) % 7
    heat_first = today - weekday - 7 * 11
    out["heatmap"] = [(day_name(d), heat.get(d, 0)) for d in range(heat_first, today + 1)]
    streak, want = 0, today if today in days else today - 1
    while want in days:
        streak, want = streak + 1, want - 1
    out["streak"] = {"days": streak, "today": today in days}
    db.close()
    return out


def expected_readiness(path, slug, now):
    db = sqlite3.connect(path)
    rows = db.execute("SELECT c.state, c.last_review, c.stability, n.kind, c.tags, c.themes"
                      " FROM card c JOIN deck d ON d.id = c.deck_id"
                      " JOIN note n ON n.id = c.note_id"
                      " WHERE c.retired = 0 AND d.slug = ? ORDER BY c.position, c.id",
                      (slug,)).fetchall()
    db.close()
    factor = 0.9 ** (-1 / DECAY) - 1
    total = 0.0
    studied = 0
    topics = {}  # (kind, key) -> [cards, studied, sum of recall]
    split = lambda v: v.split("\x1f") if v else []  # noqa: E731
    tag_cards = {}
    for _, _, _, kind, tags, _ in rows:
        for tag in split(tags) if kind == "card" else []:
            tag_cards[tag] = tag_cards.get(tag, 0) + 1
    big = {t for t, n in tag_cards.items() if n >= 5}  # smaller tags: Other cards
    for state, last, s, kind, tags, themes in rows:
        r = 0.0
        if state != 0 and last != 0:
            studied += 1
            t = max(0, learnday(now) - learnday(last))
            r = (1 + factor * t / s) ** -DECAY if s > 0 else 0
        total += r
        keys = {("theme", th) for th in split(themes)}
        if kind == "card":
            mine = {("tag", t) for t in split(tags) if t in big}
            keys |= mine or {("cards", "")}
        else:
            keys.add(({"character": "characters", "theme": "themes",
                       "quote": "quotes"}[kind], ""))
        for k in keys:
            v = topics.setdefault(k, [0, 0, 0.0])
            v[0] += 1
            v[1] += state != 0 and last != 0
            v[2] += r
    return {"cards": len(rows), "studied": studied,
            "readiness": "%.4f" % (total / len(rows)),
            "coverage": "%.4f" % (studied / len(rows)),
            "topics": {k: [v[0], v[1], "%.4f" % (v[2] / v[0])] for k, v in topics.items()}}


def main():
    print("1..25")  # the plan: how many checks this file runs
    db = os.path.join(TMP, "analysis.db")
    for slug, n in (("alpha", 300), ("beta", 120)):
        with open(os.path.join(TMP, slug + ".json"), "w") as f:
            json.dump(deck(slug, n), f)
    rc, out, err = swot(db, NOW, "import", os.path.join(TMP, "alpha.json"),
                        os.path.join(TMP, "beta.json"))
    check("the two generated decks import", rc == 0, err)
    now = int(datetime.datetime.fromisoformat(NOW).replace(tzinfo=ZONE).timestamp())
    write_history(db, now)

    for slug in (None, "alpha", "beta"):
        label = slug or "every deck"
        rc, out, err = swot(db, NOW, "stats", "--json", *([slug] if slug else []))
        got = json.loads(out) if rc == 0 else {}
        want = expected_stats(db, slug, now)
        check("stats --json (%s): today's answers, cards, right first time, drill, time"
              % label, got.get("today") == want["today"], (got.get("today"), want["today"]))
        check("stats --json (%s): cards by state" % label,
              got.get("cards") == want["cards"], (got.get("cards"), want["cards"]))
        ret = got.get("retention", {})
        check("stats --json (%s): true retention over 7 and 30 days" % label,
              [ret.get("days_7", {}).get("passed"), ret.get("days_7", {}).get("reviews"),
               ret.get("days_30", {}).get("passed"), ret.get("days_30", {}).get("reviews")]
              == want["retention"][7] + want["retention"][30],
              (ret, want["retention"]))
        check("stats --json (%s): the 30-day forecast" % label,
              [d["due"] for d in got.get("forecast", [])] == want["forecast"],
              ([d["due"] for d in got.get("forecast", [])], want["forecast"]))
        check("stats --json (%s): the heatmap, day by day" % label,
              [(d["date"], d["answers"]) for d in got.get("heatmap", [])] == want["heatmap"])
        check("stats --json (%s): the streak" % label,
              got.get("streak") == want["streak"], (got.get("streak"), want["streak"]))

    for slug in ("alpha", "beta"):
        rc, out, err = swot(db, NOW, "readiness", "--json", slug)
        got = json.loads(out) if rc == 0 else {}
        want = expected_readiness(db, slug, now)
        check("readiness --json %s: cards, studied, mean recall, coverage" % slug,
              [got.get("cards"), got.get("studied"), "%.4f" % got.get("readiness", -1),
               "%.4f" % got.get("coverage", -1)]
              == [want["cards"], want["studied"], want["readiness"], want["coverage"]],
              (got.get("readiness"), want))
        topics = {(t["kind"], t["key"]): [t["cards"], t["studied"], "%.4f" % t["readiness"]]
                  for t in got.get("topics", [])}
        check("readiness --json %s: every topic's cards, studied cards and mean recall" % slug,
              topics == want["topics"], (topics, want["topics"]))

    for slug in (None, "beta"):
        rc, out, err = swot(db, NOW, "export-reviews", *([slug] if slug else []))
        conn = sqlite3.connect(db)
        rows = conn.execute(
            "SELECT r.card_id, r.time * 1000, r.rating,"
            " CASE r.kind WHEN 'learn' THEN 1 WHEN 'review' THEN 2"
            " WHEN 'relearn' THEN 3 ELSE 4 END, r.duration_ms"
            " FROM review r JOIN card c ON c.id = r.card_id JOIN deck d ON d.id = c.deck_id"
            " WHERE ? IS NULL OR d.slug = ? ORDER BY r.time, r.id", (slug, slug)).fetchall()
        conn.close()
        want = ["card_id,review_time,review_rating,review_state,review_duration"] + \
            [",".join(str(v) for v in r) for r in rows]
        check("export-reviews (%s): every answer, in time order, as the log holds it"
              % (slug or "every deck"), rc == 0 and out.splitlines() == want,
              "%d lines, want %d" % (len(out.splitlines()), len(want)))


if __name__ == "__main__":
    main()
