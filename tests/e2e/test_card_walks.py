"""What swot cards, swot decks, suspend --search and export-progress print
about every card, on a generated history, each computed again here,
independently, from the same database file with Python's sqlite3.

These commands read the cards one at a time in deck order (and the log
beside them) rather than loading the collection: the history is made to
catch a walk that loses its place.  A deck updated after its import has
cards whose deck order is not the order of their row ids; two decks sort
by their ids, not their import order; a retired card, suspended cards,
cards never answered, and answers recorded at the same second (their
order then is the order they were recorded in) all sit between the rest.
Every figure must agree to the last digit."""
import json
import os
import random
import sqlite3
import struct
import sys

os.environ.setdefault("TZ", "Europe/London")
sys.path.insert(0, os.path.dirname(__file__))
from swottest import TMP, check, swot  # noqa: E402

NOW = "2026-03-02T10:00"
KIND_CODE = {"learn": 1, "review": 2, "relearn": 3, "drill": 4}
STATES = ["new", "learning", "review", "relearning"]


def deck(slug, quotes, extra=()):
    chars = [{"id": "c%d" % i, "name": "Person %d" % i,
              "summary": "Character %d of %s." % (i, slug)} for i in range(5)]
    themes = [{"id": "t%d" % i, "name": "Theme %d" % i, "summary": "Theme %d." % i}
              for i in range(3)]
    qs = [{"id": "q%d" % i, "text": "Line %d says word%d here." % (i, i),
           "speaker": "c%d" % (i % 5), "themes": ["t%d" % (i % 3)],
           "gaps": ["word%d" % i]} for i in quotes]
    cards = [{"id": "f%d" % i, "type": "typed", "prompt": "Question %d?" % i,
              "answer": "answer %d" % i, "tags": ["context" if i % 2 else "terms"]}
             for i in list(range(12)) + list(extra)]
    return {"swot_deck": 1, "id": slug, "title": slug.title(), "version": "1",
            "characters": chars, "themes": themes, "quotes": qs, "cards": cards}


def write(path, doc):
    with open(path, "w") as f:
        json.dump(doc, f)


def write_history(path, now):
    rng = random.Random(11)
    db = sqlite3.connect(path)
    ids = [r[0] for r in db.execute("SELECT id FROM card ORDER BY id")]
    rng.shuffle(ids)
    studied = ids[: len(ids) * 2 // 3]
    rows, cards = [], []
    for n, cid in enumerate(studied):
        times = sorted(now - rng.randint(1, 200) * 86400 - rng.randint(0, 86399)
                       for _ in range(rng.randint(1, 6)))
        if n % 5 == 0:
            times.append(times[-1])  # two answers in the same second
        s = 0.0
        for i, t in enumerate(times):
            s = max(0.1, s * 1.7 + rng.random() * 2.5)  # not whole numbers
            kind = "learn" if i == 0 else rng.choice(("review", "relearn", "drill"))
            rows.append((cid, t, rng.choice((1, 2, 3, 3, 4)), kind, 0 if i == 0 else 2,
                         0, int(s), s, 4 + rng.random(), rng.randint(1000, 9000)))
        cards.append((rng.choice((1, 2, 2, 3)), s, 4 + rng.random(),
                      now + rng.randint(-9, 30) * 86400, times[-1], len(times),
                      n % 4, cid))
    rng.shuffle(rows)  # recorded in no particular order
    db.executemany("INSERT INTO review (card_id, time, rating, kind, state_before,"
                   " elapsed_days, scheduled_days, stability, difficulty, duration_ms)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.executemany("UPDATE card SET state = ?, stability = ?, difficulty = ?, due = ?,"
                   " last_review = ?, reps = ?, lapses = ? WHERE id = ?", cards)
    db.execute("UPDATE card SET retired = 1 WHERE id = ?", (studied[1],))
    db.execute("UPDATE card SET suspended = 1 WHERE id IN (?, ?, ?)",
               (studied[2], studied[3], ids[-1]))
    db.commit()
    db.close()


def live_cards(db, slug=None):
    """The live cards in deck order: deck id, then position, then row id."""
    return db.execute(
        "SELECT c.id, d.slug, c.key, n.key, n.kind, c.type, c.themes, c.tags,"
        " c.state, c.stability, c.difficulty, c.due, c.last_review, c.reps,"
        " c.lapses, c.suspended, c.hash, c.prompt, c.answers, c.note_id"
        " FROM card c JOIN deck d ON d.id = c.deck_id JOIN note n ON n.id = c.note_id"
        " WHERE c.retired = 0 AND (? IS NULL OR d.slug = ?)"
        " ORDER BY d.slug, c.position, c.id", (slug, slug)).fetchall()


def num(v):
    """A progress file's number: the fewest of 15 or 17 digits that read
    back as v."""
    s = "%.15g" % v
    return s if float(s) == v else "%.17g" % v


def fnv1a(h, data):
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def expected_progress(path, slug):
    db = sqlite3.connect(path)
    split = lambda v: v.split("\x1f") if v else []  # noqa: E731
    speakers = dict(db.execute(
        "SELECT q.key, ch.key FROM card sp JOIN deck d ON d.id = sp.deck_id"
        " JOIN note q ON q.id = sp.note_id AND q.kind = 'quote'"
        " JOIN note ch ON ch.deck_id = sp.deck_id AND ch.kind = 'character'"
        " AND ch.retired = 0 AND ch.name = sp.answers"
        " WHERE d.slug = ? AND sp.variant = 'speaker' AND sp.retired = 0", (slug,)))
    h = 0xcbf29ce484222325
    cards = []
    for (cid, _, key, note, kind, typ, themes, tags, state, s, d, due, last, reps,
         lapses, _, chash, _, _, _) in live_cards(db, slug):
        h = fnv1a(h, key.encode() + b"\0")
        h = fnv1a(h, struct.pack("<Q", chash & 0xFFFFFFFFFFFFFFFF))
        c = '{"id":%s,"note":%s,"kind":%s,"type":%s' % (
            json.dumps(key), json.dumps(note), json.dumps(kind), json.dumps(typ))
        chars = [note] if kind == "character" else \
            [speakers[note]] if kind == "quote" and note in speakers else []
        for name, v in (("themes", split(themes)), ("characters", chars),
                        ("tags", split(tags))):
            if v:
                c += ',"%s":[%s]' % (name, ",".join(json.dumps(x) for x in v))
        c += ',"state":"%s"' % STATES[state]
        if state:
            c += ',"stability":%s,"difficulty":%s,"due":%d,"last_review":%d,' \
                 '"reps":%d,"lapses":%d' % (num(s), num(d), due, last, reps, lapses)
        log = db.execute("SELECT time, rating, kind, stability FROM review"
                         " WHERE card_id = ? ORDER BY time, id", (cid,)).fetchall()
        if log:
            c += ',"log":[%s]' % ",".join(
                "[%d,%d,%d,%s]" % (t, r, KIND_CODE[k], "%.6g" % st)
                for t, r, k, st in log)
        cards.append(c + "}")
    db.close()
    return "%016x" % h, cards


def main():
    print("1..13")
    db = os.path.join(TMP, "walks.db")
    now = 1772445600  # NOW in Europe/London
    # "zeta" is imported first, so its row ids come before "alpha"'s
    write(os.path.join(TMP, "zeta.json"), deck("zeta", range(10)))
    write(os.path.join(TMP, "alpha.json"), deck("alpha", range(10)))
    rc, _, err = swot(db, NOW, "import", os.path.join(TMP, "zeta.json"),
                      os.path.join(TMP, "alpha.json"))
    check("two generated decks import", rc == 0, err)
    # a second version with cards between the first's: their row ids are
    # the highest, their places in the middle
    write(os.path.join(TMP, "zeta.json"), deck("zeta", [0, 1, 2, 50, 51, 3, 4, 5, 6, 7, 8, 9],
                                               extra=(40, 41)))
    rc, _, err = swot(db, NOW, "import", os.path.join(TMP, "zeta.json"))
    check("the updated deck imports", rc == 0, err)
    write_history(db, now)
    sql = sqlite3.connect(db)
    order = [r[0] for r in sql.execute(
        "SELECT id FROM card WHERE deck_id = (SELECT id FROM deck WHERE slug = 'zeta')"
        " AND retired = 0 ORDER BY position, id")]
    check("the history has cards whose deck order is not their row order",
          order != sorted(order), order)

    want = live_cards(sql)
    rc, out, err = swot(db, NOW, "cards", "--json")
    got = json.loads(out)["cards"] if rc == 0 else []
    check("cards --json: every live card, in deck order",
          [(c["row"], c["deck"], c["id"]) for c in got] == [(w[0], w[1], w[2]) for w in want],
          err or out[:2000])
    fields = lambda w: (w[5], "suspended" if w[15] else STATES[w[8]], w[15] == 1, w[14],  # noqa: E731
                        w[13], None if w[8] == 0 else w[11],
                        None if w[8] == 0 else round(w[9], 4), w[17])
    check("cards --json: each card's type, state, lapses, reps, due, stability and question",
          [(c["type"], c["state"], c["suspended"], c["lapses"], c["reps"], c["due"],
            c["stability"], c["prompt"]) for c in got] == [fields(w) for w in want])
    rc, out, err = swot(db, NOW, "cards", "alpha", env=dict(os.environ, COLUMNS="80"))
    lines = out.splitlines()
    check("cards DECK: one line per card of the deck, in order, then the count",
          rc == 0 and [ln.split()[0] for ln in lines[1:-1]] ==
          [w[2] for w in want if w[1] == "alpha"] and
          lines[-1] == "%d cards" % sum(w[1] == "alpha" for w in want), out + err)
    rc, out, err = swot(db, NOW, "cards", "--suspended", "--json")
    check("cards --suspended: the suspended cards",
          rc == 0 and [c["row"] for c in json.loads(out)["cards"]] ==
          [w[0] for w in want if w[15]], out + err)

    rc, out, err = swot(db, NOW, "decks", "--json")
    counts = {d["id"]: (d["total"], d["retired"], d["suspended"], d["cards"]["new"])
              for d in json.loads(out)["decks"]} if rc == 0 else {}
    exp = {slug: tuple(sql.execute(
        "SELECT sum(retired = 0), sum(retired = 1), sum(retired = 0 AND suspended = 1),"
        " sum(retired = 0 AND suspended = 0 AND state = 0) FROM card"
        " WHERE deck_id = (SELECT id FROM deck WHERE slug = ?)", (slug,)).fetchone())
        for slug in ("alpha", "zeta")}
    check("decks --json: each deck's live, retired, suspended and new cards",
          counts == exp, (counts, exp))

    for slug, reviews in (("zeta", True), ("alpha", False)):
        args = ["export-progress", slug, "--name", "Ann"] + (["--reviews"] if reviews else [])
        rc, out, err = swot(db, NOW, *args)
        lines = out.split("\n")
        head = json.loads(out)["decks"][0] if rc == 0 else {}
        h, cards = expected_progress(db, slug)
        if not reviews:
            cards = [c[:c.index(',"log":')] + "}" if ',"log":' in c else c for c in cards]
        # a card to a line, a comma after it, the last one closing the
        # deck's cards and the file's decks
        got_cards = [ln[:-1] if ln.endswith(",") else ln[:-4] if ln.endswith("]}]}") else ln
                     for ln in lines if ln.startswith('{"id":') and '"note":' in ln] \
            if rc == 0 else []
        check("export-progress %s%s: the deck's hash over its cards in deck order"
              % (slug, " --reviews" if reviews else ""), head.get("hash") == h,
              (head.get("hash"), h))
        check("export-progress %s%s: every card line, as written here from the database"
              % (slug, " --reviews" if reviews else ""),
              got_cards == cards,
              "\n".join(a + "\n" + b for a, b in zip(got_cards, cards) if a != b)[:3000])

    # suspend --search: the cards whose question or an answer holds the
    # text (all of it ASCII here, so folding it is lowering it)
    needle = "word1"
    hits = [w[0] for w in want if not w[15] and (needle in w[17].lower() or any(
        needle in a.lower() for a in w[18].split("\x1f")))]
    rc, out, err = swot(db, NOW, "suspend", "--search", needle)
    now_suspended = {r[0] for r in sql.execute("SELECT id FROM card WHERE suspended = 1")}
    check("suspend --search: the cards holding the text, and those only",
          rc == 0 and now_suspended == set(hits) | {w[0] for w in want if w[15]},
          out + err)
    sql.close()


main()
