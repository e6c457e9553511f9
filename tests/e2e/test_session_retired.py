"""A card retired by an import while a review is running is not asked:
the queue was built before the import, the card is read when it comes up."""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sessionlib as sl
import swottest
from swottest import check

print("1..5")  # the plan: how many checks this file runs

db = sl.new_db("retired.db")
with open(sl.FIXTURE) as f:
    deck = json.load(f)
deck["cards"] = [c for c in deck["cards"] if c["id"] != "nobel"]
smaller = os.path.join(swottest.TMP, "smaller.json")
with open(smaller, "w") as f:
    json.dump(deck, f)

s = sl.Session(db, "review")
check("the review starts", s.expect(r"The narrator, a carer") is not None, s.text())
rc, out, err = swottest.swot(db, sl.NOW, "import", smaller, stdin=subprocess.DEVNULL)
check("an import meanwhile retires a card", rc == 0 and "1 retired" in out, out + err)
s.send(":skip")
for _ in range(20):
    m = s.expect(r"quiz · \d+ left|Due tomorrow")
    if not m or m.group(0) == b"Due tomorrow":
        break
    s.send(":skip")
rc = s.close()
check("the session ends well", rc == 0, s.text()[-600:] + s.err)
check("the retired card is not asked", "Nobel Prize" not in s.text(), s.text())
check("nothing was written to it",
      sl.query(db, "SELECT count(*) FROM card WHERE key = 'nobel/card'"
               " AND buried_until != 0")[0][0] == 0)

shutil.rmtree(swottest.TMP, ignore_errors=True)
sys.exit(1 if swottest.failed else 0)
