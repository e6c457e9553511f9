"""Card controls, as in Anki's browser: swot cards lists and searches
(folded as the answer check folds), swot card shows one with its history,
swot suspend / unsuspend set cards aside (never asked, counted apart),
swot forget makes a card new again keeping its history, and a card that
lapses leech-lapses times becomes a leech and is suspended, with a word in
the session."""
import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from swottest import TMP, check, swot  # noqa: E402

print("1..15")  # the plan: how many checks this file runs

NOW = "2026-11-02T10:00"
db = os.path.join(TMP, "cards.db")
swot(db, "2026-11-01T10:00", "add", "never-let-me-go")
swot(db, "2026-11-01T18:00", "review", input="1\n3\n" * 30 + ":quit\n")


def sql(q, *args):
    conn = sqlite3.connect(db)
    rows = conn.execute(q, args).fetchall()
    conn.commit()
    conn.close()
    return rows


def cards(*args):
    rc, out, err = swot(db, NOW, "cards", "--json", *args)
    return [c["id"] for c in json.loads(out)["cards"]] if rc == 0 else err


total = sql("SELECT count(*) FROM card WHERE retired = 0")[0][0]
check("swot cards lists every card", len(cards()) == total, total)
new = sql("SELECT count(*) FROM card WHERE state = 0")[0][0]
check("--new lists the new ones", len(cards("--new")) == new, new)
rc, out, err = swot(db, NOW, "cards", "--due")
due = sql("SELECT count(*) FROM card WHERE state > 0 AND due <= strftime('%s', ?)",
          "2026-11-02 10:00:00")[0][0]
check("--due as a table: a line a card, 80 columns from a pipe",
      rc == 0 and len(out.splitlines()) == due + 2 and
      all(len(line) <= 80 for line in out.splitlines()), out[:400])
curly = sql("SELECT key, prompt FROM card WHERE prompt LIKE '%’%' LIMIT 1")[0]
word = [w for w in curly[1].split() if "’" in w][0].strip(".,;:!?\"“”()")
found = cards("--search", word.replace("’", "'").upper())
check("--search folds case and quotes as the answer check does",
      curly[0] in found, (word, found[:5]))
who = sql("SELECT key FROM card WHERE type = 'who' ORDER BY position, id")
tagged = sql("SELECT key FROM card WHERE instr(char(31) || tags || char(31),"
             " char(31) || 'context' || char(31)) ORDER BY position, id")
check("--type and --tag narrow the list",
      cards("--type", "who") == [k for (k,) in who] and
      cards("--tag", "context") == [k for (k,) in tagged] and 0 < len(tagged) < total)

rc, out, err = swot(db, NOW, "card", "kathy/who")
reps = sql("SELECT count(*) FROM review r JOIN card c ON c.id = r.card_id"
           " WHERE c.key = 'kathy/who'")[0][0]
check("swot card shows the question, the answer, the memory and every review",
      rc == 0 and "answer: Kathy H." in out and "stability" in out
      and "%d review" % reps in out and out.count("  good ") + out.count("  again ") >= reps,
      out)
rc, out, err = swot(db, NOW, "card", "no-such/card")
check("an unknown card: a clear message, exit 1", rc == 1 and "no card" in err, err)

# ---- suspend, unsuspend ----
rc, out, err = swot(db, NOW, "suspend", "ruth")
n_ruth = sql("SELECT count(*) FROM card c JOIN note n ON n.id = c.note_id"
             " WHERE n.key = 'ruth'")[0][0]
check("suspend a note: all its cards",
      rc == 0 and out.startswith("%d cards suspended" % n_ruth), out + err)
sql("UPDATE card SET due = 0 WHERE key LIKE 'ruth/%' AND state > 0")
before = sql("SELECT count(*) FROM review")[0][0]
rc, out, err = swot(db, NOW, "review", input="1\n3\n" * 400 + ":quit\n")
asked = sql("SELECT count(*) FROM review r JOIN card c ON c.id = r.card_id"
            " WHERE c.key LIKE 'ruth/%' AND r.id > ?", before)[0][0]
check("a suspended card is never asked", asked == 0 and rc == 0, asked)
rc, out, err = swot(db, NOW, "decks", "--json")
d = json.loads(out)["decks"][0]
check("and counted apart by swot decks",
      d["suspended"] == n_ruth and sum(d["cards"].values()) == d["total"] - n_ruth, d)
rc, out, err = swot(db, NOW, "unsuspend", "ruth")
check("unsuspend brings them back",
      rc == 0 and not cards("--suspended"), out + err)

# ---- forget ----
hist = sql("SELECT count(*) FROM review r JOIN card c ON c.id = r.card_id"
           " WHERE c.key = 'kathy/who'")[0][0]
rc, out, err = swot(db, NOW, "forget", "kathy/who")
state = sql("SELECT state, reps, stability FROM card WHERE key = 'kathy/who'")[0]
kept = sql("SELECT count(*) FROM review r JOIN card c ON c.id = r.card_id"
           " WHERE c.key = 'kathy/who'")[0][0]
check("forget: the card is new again, its history kept",
      rc == 0 and state == (0, 0, 0.0) and kept == hist > 0, (state, hist, kept))

# ---- leeches ----
LATER = "2026-11-05T10:00"  # a day with the daily limits untouched
swot(db, LATER, "config", "leech-lapses", "3")
swot(db, LATER, "config", "new-per-day", "0")
sql("UPDATE card SET due = strftime('%s', '2030-01-01') WHERE state > 0")
sql("UPDATE card SET state = 2, stability = 5, difficulty = 5, reps = 6, lapses = 2,"
    " last_review = strftime('%s', '2026-10-20'), due = strftime('%s', '2026-11-01')"
    " WHERE key = 'tommy/who'")
rc, out, err = swot(db, LATER, "review", input="wrong answer\n1\n" + "1\n3\n" * 5 + ":quit\n")
row = sql("SELECT suspended, lapses FROM card WHERE key = 'tommy/who'")[0]
check("the third lapse makes a leech: suspended, and the session says so",
      row == (1, 3) and "a leech, so it is suspended now" in out
      and "swot unsuspend tommy/who" in out, out[-800:] + err)
check("cards --leeches lists it", cards("--leeches") == ["tommy/who"], cards("--leeches"))
rc, out, err = swot(db, NOW, "cards", "--leeches", "--due")
check("two state filters at once: usage, exit 2", rc == 2 and "one at a time" in err, err)
