"""swot import-reviews: a review history in the FSRS-standard CSV attached
to swot's cards; each card's memory state recomputed by replaying its
history, equal to what live review sessions computed; unknown cards and
manual entries counted, not invented; a re-import adds nothing."""
import csv
import io
import json
import os
import zipfile

import sessionlib as sl
import swottest
from swottest import TMP, check

print("1..25")  # the plan: how many checks this file runs

HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.join(HERE, "..", "fixtures", "revlogs", "anki-kedarmhaswade-mit.csv")


def run(db, *args, now=sl.NOW):
    return swottest.swot(db, now, *args)


# A real history made by review sessions on five days: a wrong answer
# ("x") then a grade from a fixed cycle, so every rating occurs; then a
# drill answer.
a = sl.new_db("a.db")
grades = "3423133413"
days = ("2026-03-02T10:00", "2026-03-03T21:00", "2026-03-05T07:30",
        "2026-03-09T12:00", "2026-03-20T18:00")
for i, day in enumerate(days):
    s = sl.Session(a, "review", now=day)
    for k in range(10):
        s.send("x")
        s.send(grades[(i + k) % len(grades)])
    s.close()
s = sl.Session(a, "drill", "quiz", "--type", "character", "-n", "1", now=days[-1])
s.send("Ruth")
s.send("")
s.close()
rc, log, err = run(a, "export-reviews")
check("the sessions' history exports", rc == 0 and log.count("\n") > 10, err)
csv_a = os.path.join(TMP, "a.csv")
with open(csv_a, "w") as f:
    f.write(log)

# The same deck in a new database: the history brought over.
b = sl.new_db("b.db")
rc, out, err = run(b, "import-reviews", csv_a, now="2026-03-10T12:00")
rows = list(csv.reader(io.StringIO(log)))[1:]
n_cards = len({r[0] for r in rows})
check("import-reviews succeeds", rc == 0, err)
check("the history has every rating and several days",
      {r[2] for r in rows} == {"1", "2", "3", "4"}
      and len({int(r[1]) // 86400000 for r in rows}) >= 4, rows)
check("it reports every answer added, to how many cards",
      f"added    {len(rows):6d} answers to {n_cards} cards" in out, out)
cards_a, reviews_a = sl.snapshot(a)
cards_b, reviews_b = sl.snapshot(b)
check("every card's memory state equals what the sessions computed",
      cards_a == cards_b, [(x, y) for x, y in zip(cards_a, cards_b) if x != y][:3])
strip = [r[1:] for r in reviews_a], [r[1:] for r in reviews_b]
check("every answer's logged outcome equals the sessions' log", strip[0] == strip[1],
      [(x, y) for x, y in zip(*strip) if x != y][:3])
check("the imported database is consistent", sl.consistent(b)[0], sl.consistent(b)[1])

rc, out, err = run(b, "import-reviews", csv_a, "--json")
got = json.loads(out) if rc == 0 else {}
check("a re-import adds nothing and says the answers are there already",
      got.get("added") == 0 and got.get("present") == len(rows) and got.get("cards") == 0,
      out + err)
check("a re-import leaves the database as it was", sl.snapshot(b) == (cards_b, reviews_b))

# A real Anki history: its cards are not swot's, so nothing is invented;
# map its first cards onto the deck's cards and those answers come in.
with open(REAL) as f:
    real = list(csv.reader(f))
header, body = real[0], real[1:]
ids = [r[0] for r in sl.query(b, "SELECT id FROM card ORDER BY id")]
anki = []
for r in body:
    if r[0] not in anki:
        anki.append(r[0])
mapping = dict(zip(anki, ids[:10]))
mapped = [[str(mapping.get(r[0], r[0]))] + r[1:] for r in body]
real_csv = os.path.join(TMP, "real.csv")
with open(real_csv, "w") as f:
    f.write(",".join(header) + "\n" + "".join(",".join(r) + "\n" for r in mapped))
c = sl.new_db("c.db")
rc, out, err = run(c, "import-reviews", real_csv, "--json", now="2026-03-10T12:00")
got = json.loads(out) if rc == 0 else {}
answers = [r for r in body if r[2] != "0" and r[3] != "5"]
known = [r for r in answers if r[0] in mapping]
want = {"rows": len(body), "added": len(known),
        "unknown": len(answers) - len(known),
        "unknown_cards": len({r[0] for r in answers}) - len(mapping),
        "not_answers": len(body) - len(answers), "cards": len(mapping)}
check("a real history's counts match the file (added, unknown, skipped)",
      all(got.get(k) == v for k, v in want.items()), f"{got} vs {want}")
db_rows = sl.query(c, "SELECT count(*), count(DISTINCT card_id) FROM review")[0]
check("the review log holds exactly the answers to known cards",
      db_rows == (len(known), len(mapping)), db_rows)
drills = sl.query(c, "SELECT count(*) FROM review WHERE kind = 'drill'")[0][0]
check("filtered (cram) answers come in as drill",
      drills == sum(1 for r in known if r[3] == "4"), drills)
last = sl.query(c, "SELECT c.stability, c.difficulty, c.last_review,"
                   " (SELECT r.stability FROM review r WHERE r.card_id = c.id"
                   "  AND r.kind != 'drill' ORDER BY r.time DESC, r.id DESC LIMIT 1),"
                   " (SELECT max(r.time) FROM review r WHERE r.card_id = c.id"
                   "  AND r.kind != 'drill') FROM card c WHERE c.reps > 0")
check("each card's state is its last answer's outcome",
      len(last) == 10 and all(s == rs and lr == t and s > 0 and 1 <= d <= 10
                              for s, d, lr, rs, t in last), last[:3])
check("the database with the real history is consistent", sl.consistent(c)[0],
      sl.consistent(c)[1])
rc, out, err = run(c, "import-reviews", real_csv)
check("the text report names the unknown cards and the manual entries",
      rc == 0 and f"{want['unknown']} answers to {want['unknown_cards']} cards swot does not have"
      in out and f"{want['not_answers']} manual reschedules" in out
      and f"present  {len(known):6d}" in out, out)

# Bad input: where and what, exit 1, nothing written.
before = sl.snapshot(b)
bad = os.path.join(TMP, "bad.csv")
with open(bad, "w") as f:
    f.write(log.splitlines()[0] + "\n" + log.splitlines()[1] + "\n1,2,7,1,0\n")
rc, out, err = run(b, "import-reviews", bad)
check("a bad rating fails naming the file, line and value",
      rc == 1 and "bad.csv, line 3: review_rating 7 is not 0..4" in err, err)
with open(bad, "w") as f:
    f.write("card,time\n1,2\n")
rc, out, err = run(b, "import-reviews", bad)
check("a file without the FSRS header fails saying which column is missing",
      rc == 1 and "line 1: no 'card_id' column" in err, err)
rc, out, err = run(b, "import-reviews", os.path.join(TMP, "nosuch.csv"))
check("a missing file fails naming it", rc == 1 and "nosuch.csv" in err, err)
rc, out, err = run(b, "import-reviews")
check("no file is a usage error", rc == 2 and "usage: swot import-reviews" in err, err)
check("failed imports wrote nothing", sl.snapshot(b) == before)

# An Anki package: its review log goes to the cards swot made of its notes
# (the note's first card, ordinal 0); the counts are checked against the
# collection inside the package, read here with Python's sqlite3.
APKG = os.path.join(HERE, "..", "fixtures", "anki", "english-vocab-2023.apkg")
anki_db = sl.new_db("anki.db")
rc, out, err = run(anki_db, "import", APKG)
check("the Anki package imports as a deck", rc == 0, out + err)
with zipfile.ZipFile(APKG) as z:
    coll = os.path.join(TMP, "collection.anki21")
    with open(coll, "wb") as f:
        f.write(z.read("collection.anki21"))
rows = sl.query(coll, "SELECT r.id, r.cid, r.ease, r.type, r.factor, c.ord, c.nid"
                      " FROM revlog r LEFT JOIN cards c ON c.id = r.cid")
keys = {k for (k,) in sl.query(anki_db, "SELECT key FROM card")}
answers = [r for r in rows if 1 <= r[2] <= 4 and r[3] != 4]
mine = [r for r in answers if r[5] == 0 and "anki-%d/card" % r[6] in keys]
want = {"rows": len(rows), "not_answers": len(rows) - len(answers), "added": len(mine),
        "unknown": len(answers) - len(mine),
        "unknown_cards": len({r[1] for r in answers if r not in mine}),
        "cards": len({r[6] for r in mine})}
rc, out, err = run(anki_db, "import-reviews", APKG, "--json", now="2026-03-10T12:00")
got = json.loads(out) if rc == 0 else {}
check("import-reviews FILE.apkg: counts match the package's review log "
      "(its notes' first cards in, their other cards counted as not swot's)",
      all(got.get(k) == v for k, v in want.items()) and want["added"] > 0, (got, want))
logged = sl.query(anki_db, "SELECT c.key, r.time, r.rating, r.kind FROM review r"
                           " JOIN card c ON c.id = r.card_id ORDER BY r.time")
check("each Anki answer is on its note's card, at its second, with its button",
      sorted((k, t, g) for k, t, g, _ in logged)
      == sorted(("anki-%d/card" % r[6], r[0] // 1000, r[2]) for r in mine),
      logged[:3])
last = sl.query(anki_db, "SELECT c.stability, (SELECT r.stability FROM review r"
                         " WHERE r.card_id = c.id AND r.kind != 'drill'"
                         " ORDER BY r.time DESC, r.id DESC LIMIT 1) FROM card c"
                         " WHERE c.reps > 0")
check("the cards' memory states are replayed from those answers",
      len(last) == want["cards"] and all(a == b and a > 0 for a, b in last)
      and sl.consistent(anki_db)[0], last[:3])
rc, out, err = run(anki_db, "import-reviews", APKG, "--json")
got = json.loads(out) if rc == 0 else {}
check("re-importing the package adds nothing",
      got.get("added") == 0 and got.get("present") == want["added"], out + err)
