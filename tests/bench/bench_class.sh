#!/usr/bin/env bash
# bench_class.sh: a student's progress file for a 400-card deck with a
# term (12 weeks) of reviews: its size; then a class of 200 such students
# (each file varied) and the time of swot class --json, the table and the
# HTML over them.  Never fails on figures.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 tests/bench/gen_deck.py 160 "$tmp/deck.json"
/usr/bin/python3 - "$SWOT" "$tmp" <<'PY'
import json, random, resource, sqlite3, subprocess, sys, time
swot, tmp = sys.argv[1], sys.argv[2]
db = tmp + "/student.db"
START, DAY, TERM = 1789400000, 86400, 84
def run(*args):
    return subprocess.run([swot, "--db", db, "--now", str(START + TERM * DAY), *args],
                          check=True, capture_output=True, text=True)
run("import", tmp + "/deck.json")
run("exam", "bench", "2027-01-15")
# A term of study written straight into the store: 20 new cards a day,
# each reviewed at growing intervals (FSRS-like), a lapse now and then.
c = sqlite3.connect(db)
rnd = random.Random(7)
cards = [r[0] for r in c.execute("SELECT id FROM card ORDER BY position")]
reviews = 0
for i, cid in enumerate(cards):
    t = START + (i // 20) * DAY + 3600 * 17
    s, lapses, reps, last, kind = 0.0, 0, 0, 0, "learn"
    while t < START + TERM * DAY:
        rating = 1 if (kind == "review" and rnd.random() < 0.1) else 3
        if rating == 1:
            lapses += 1
            s = max(0.5, s * 0.3)
        else:
            s = 2.5 if s == 0 else s * rnd.uniform(2.0, 3.0)
        c.execute("INSERT INTO review (card_id, time, rating, kind, state_before, elapsed_days,"
                  " scheduled_days, stability, difficulty, duration_ms) VALUES"
                  " (?, ?, ?, ?, 2, 0, 0, ?, 5, 4000)", (cid, t, rating, kind, s))
        reviews += 1
        reps += 1
        last = t
        kind = "relearn" if rating == 1 else "review"
        t += int(max(1, s) * DAY)
    c.execute("UPDATE card SET state = 2, stability = ?, difficulty = 5, due = ?, last_review = ?,"
              " reps = ?, lapses = ? WHERE id = ?", (s, last + int(s * DAY), last, reps, lapses, cid))
c.commit()
out = tmp + "/student.json"
run("export-progress", "bench", "--name", "Student", "--reviews", "-o", out)
size = len(open(out, "rb").read())
print("progress file: %d cards, %d reviews in a 12-week term: %.0f KB (%.0f KB without --reviews)"
      % (len(cards), reviews, size / 1024,
         len(run("export-progress", "bench", "--name", "Student").stdout) / 1024))
# 200 students: the same deck, each student's memory and log varied.
doc = json.load(open(out))
files = []
for k in range(200):
    rnd = random.Random(k)
    d = json.loads(json.dumps(doc))
    d["name"] = "Student %03d" % k
    d["student"] = "%032x" % rnd.getrandbits(128)
    keep = rnd.uniform(0.4, 1.0)
    for card in d["decks"][0]["cards"]:
        if rnd.random() > keep:
            card.update(state="new")
            for f in ("stability", "difficulty", "due", "last_review", "reps", "lapses", "log"):
                card.pop(f, None)
        elif "stability" in card:
            card["stability"] *= rnd.uniform(0.3, 1.5)
    path = "%s/s%03d.json" % (tmp, k)
    json.dump(d, open(path, "w"))
    files.append(path)
def best(*args):
    """The best of three runs: wall-clock seconds, and the CPU seconds
    (user + system) of that run, which a loaded machine inflates less."""
    runs = []
    for _ in range(3):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        p = subprocess.run([swot, "--db", tmp + "/teacher.db", "--now", str(START + TERM * DAY),
                            "class", *files, *args], capture_output=True)
        wall = time.perf_counter() - t
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        assert p.returncode == 0, p.stderr
        runs.append((wall, r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime))
    return "%.3f s (CPU %.3f s)" % min(runs)
print("swot class, 200 students x %d cards, %.0f MB of progress files:" %
      (len(cards), sum(len(open(f, "rb").read()) for f in files) / 1e6))
print("  --json   " + best("--json"))
print("  table    " + best())
print("  --html   " + best("--html", tmp + "/class.html"))
PY
