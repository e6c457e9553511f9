"""swot export-reviews: the review log as the FSRS-standard CSV, every
answer once, oldest first, drill answers as state 4."""
import csv
import io

import sessionlib as sl
import swottest
from swottest import check

print("1..8")  # the plan: how many checks this file runs

db = sl.new_db("export.db")


def run(*args):
    return swottest.swot(db, sl.NOW, *args)


rc, out, err = run("export-reviews")
check("an empty log is just the header",
      rc == 0 and out == "card_id,review_time,review_rating,review_state,review_duration\n",
      out + err)

# Answer the first few cards of a review (whatever they are: Enter takes
# the proposed grade), then drill two character cards.
s = sl.Session(db, "review")
for _ in range(6):
    s.send("x")
    s.send("")
s.close()
s = sl.Session(db, "drill", "quiz", "--type", "character", "-n", "2")
for _ in range(2):
    s.send("Ruth")
    s.send("")
s.close()

rows = sl.query(db, "SELECT card_id, time, rating, kind, duration_ms FROM review"
                    " ORDER BY time, id")
rc, out, err = run("export-reviews")
check("export succeeds", rc == 0, err)
got = list(csv.reader(io.StringIO(out)))
check("the header names the FSRS columns",
      got and got[0] == ["card_id", "review_time", "review_rating", "review_state",
                         "review_duration"], got[:1])
state = {"learn": 1, "review": 2, "relearn": 3, "drill": 4}
want = [[str(c), str(t * 1000), str(r), str(state[k]), str(d)] for c, t, r, k, d in rows]
check("one row per answer, in order, times in milliseconds", got[1:] == want,
      f"{got[1:4]} vs {want[:3]}")
check("the log holds learning and drill answers",
      {r[3] for r in got[1:]} >= {"1", "4"}, {r[3] for r in got[1:]})

rc, out2, err = run("export-reviews", "quiz")
check("export of one deck gives the same rows", rc == 0 and out2 == out, err)
rc, out, err = run("export-reviews", "nosuch")
check("an unknown deck fails naming the decks there are",
      rc == 1 and "nosuch" in err and "quiz" in err and out == "", err)
rc, out, err = run("export-reviews", "a", "b")
check("two decks is a usage error", rc == 2 and "usage: swot export-reviews" in err, err)
