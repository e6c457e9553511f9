"""Builds a small store for the progress tests (readiness, stats, report):
one deck with characters, themes, quotes and free cards, a made-up review
history and fixed times.  Used by tests/e2e/test_progress.py and
test_report.py; the store is written through swot (to migrate it) and
then filled with sqlite3."""
import calendar
import os
import sqlite3
import subprocess

SEP = "\x1f"
DAY = 86400


def utc(y, mo, d, h=0, mi=0):
    return calendar.timegm((y, mo, d, h, mi, 0))


# Europe/London is GMT until 28 March 2027, BST after.  "now" is
# 2027-04-30 18:00 BST; the exam 2027-05-14 09:00 BST.
NOW = "2027-04-30T18:00"
NOW_T = utc(2027, 4, 30, 17)
EXAM = "2027-05-14"
EXAM_T = utc(2027, 5, 14, 8)

# (note kind, note key, name, card key, variant, type, prompt, themes, tags,
#  state, stability, last review (days before now, at 15:00 BST), lapses)
CARDS = [
    ("character", "kathy", "Kathy H.", "kathy/who", "who", "who",
     "A carer for almost twelve years; she narrates.", [], [], 2, 10.0, 6, 0),
    ("character", "kathy", "Kathy H.", "kathy/describe", "describe", "basic",
     "Kathy H.", [], [], 2, 3.0, 9, 1),
    ("character", "ruth", "Ruth", "ruth/who", "who", "who",
     "Kathy's friend who <pretends> & \"plays\" along.", [], [], 0, 0, None, 0),
    ("theme", "memory", "Memory & loss", "memory/quotes", "quotes", "basic",
     "Memory & loss: key quotes", ["memory"], [], 2, 15.0, 1, 0),
    ("theme", "hope", "Hope", "hope/quotes", "quotes", "basic",
     "Hope: key quotes", ["hope"], [], 0, 0, None, 0),
    ("quote", "weeping", None, "weeping/cloze", "cloze", "cloze",
     "I was weeping for an {{altogether different reason}}.", ["memory", "hope"], [],
     2, 30.0, 21, 0),
    ("quote", "weeping", None, "weeping/speaker", "speaker", "who",
     "Who says: \"I was weeping...\"", ["memory", "hope"], [], 2, 4.0, 10, 2),
    ("card", "nobel", None, "nobel/card", "card", "typed",
     "When did Ishiguro win the Nobel prize?", [], ["context"], 0, 0, None, 0),
    ("card", "genre", None, "genre/card", "card", "basic",
     "What genre is the novel?", [], ["context", "form"], 2, 2.0, 10, 0),
    ("card", "loose", None, "loose/card", "card", "basic",
     "An untagged card", [], [], 1, 0.5, 0, 0),
]

# Answers: (card key, days before now, hour BST, rating, kind, state_before,
# duration ms).  Today (30 April) and the days before, for stats.
LOG = [
    ("kathy/who", 20, 15, 3, "learn", 0, 9000),
    ("kathy/who", 6, 15, 3, "review", 2, 6000),
    ("kathy/describe", 15, 15, 3, "learn", 0, 12000),
    ("kathy/describe", 9, 15, 1, "review", 2, 20000),
    ("kathy/describe", 9, 15, 3, "relearn", 3, 8000),
    ("memory/quotes", 5, 15, 3, "learn", 0, 15000),
    ("memory/quotes", 1, 15, 3, "review", 2, 7000),
    ("weeping/cloze", 40, 15, 3, "learn", 0, 10000),
    ("weeping/cloze", 21, 15, 4, "review", 2, 5000),
    ("weeping/speaker", 12, 15, 3, "learn", 0, 4000),
    ("weeping/speaker", 10, 15, 2, "review", 2, 9000),
    ("genre/card", 11, 15, 3, "learn", 0, 3000),
    ("genre/card", 10, 15, 3, "review", 2, 3000),
    ("loose/card", 0, 9, 1, "learn", 0, 30000),
    ("loose/card", 0, 9, 3, "learn", 1, 12000),
    ("kathy/who", 0, 10, 3, "drill", 2, 4000),
    ("genre/card", 2, 15, 1, "review", 2, 6000),
    ("genre/card", 2, 15, 3, "relearn", 3, 6000),
    ("genre/card", 3, 15, 3, "review", 2, 6000),
    ("memory/quotes", 3, 15, 3, "review", 2, 6000),
]


def at_days_before(days, hour):
    return NOW_T - days * DAY + (hour - 18) * 3600


def build(swot, db, exam=True):
    """Creates the store at db; returns nothing.  Sets the exam unless
    exam is False."""
    subprocess.run([swot, "--db", db, "exam"], check=True, capture_output=True)
    c = sqlite3.connect(db)
    c.execute("INSERT INTO deck (slug, title, version, imported_at) "
              "VALUES ('nlmg', 'Never Let Me Go <&>', '1', 0)")
    deck = c.execute("SELECT id FROM deck WHERE slug = 'nlmg'").fetchone()[0]
    notes = {}
    ids = {}
    for pos, (kind, nkey, name, key, variant, typ, prompt, themes, tags, state, s,
              last, lapses) in enumerate(CARDS):
        if (kind, nkey) not in notes:
            cur = c.execute("INSERT INTO note (deck_id, kind, key, name) VALUES (?, ?, ?, ?)",
                            (deck, kind, nkey, name))
            notes[(kind, nkey)] = cur.lastrowid
        lr = 0 if last is None else at_days_before(last, 15)
        due = NOW_T if last is None else lr + max(1, round(s)) * DAY
        if state == 1:
            due = NOW_T - 3600
        cur = c.execute(
            "INSERT INTO card (deck_id, note_id, key, variant, type, prompt, answers, "
            "themes, tags, hash, position, state, step, stability, difficulty, due, "
            "last_review, scheduled_days, reps, lapses) VALUES "
            "(?, ?, ?, ?, ?, ?, 'x', ?, ?, 1, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)",
            (deck, notes[(kind, nkey)], key, variant, typ, prompt, SEP.join(themes),
             SEP.join(tags), pos, state, s, 5.0 if state else 0.0, due, lr,
             max(1, round(s)) if state == 2 else 0, 0 if state == 0 else 3, lapses))
        ids[key] = cur.lastrowid
    for key, days, hour, rating, kind, before, ms in LOG:
        c.execute("INSERT INTO review (card_id, time, rating, kind, state_before, "
                  "elapsed_days, scheduled_days, stability, difficulty, duration_ms) "
                  "VALUES (?, ?, ?, ?, ?, 0, 0, 1, 5, ?)",
                  (ids[key], at_days_before(days, hour), rating, kind, before, ms))
    c.commit()
    c.close()
    if exam:
        subprocess.run([swot, "--db", db, "--now", NOW, "exam", "nlmg", EXAM],
                       check=True, capture_output=True)


if __name__ == "__main__":
    import sys
    build(sys.argv[1], sys.argv[2], exam=len(sys.argv) < 4)
