#!/usr/bin/env bash
# bench_session.sh: the session on a big collection.  Builds 200,000 cards
# (two generated decks of 100,110 cards: characters, themes, quotes with
# three cards each, free typed cards) with one `swot import`, then writes a
# history of 1,000,000 reviews straight into the database with python's
# sqlite3 (150,000 cards studied over the past year, about 3,000 due today,
# some learning, 100 answered earlier today).  Then:
#   - time to the first card: `swot review` started and quit at once, the
#     time measured inside swot (SWOT_TIMINGS) and from outside (start of
#     the process to the first card on its output), best and median of 5;
#     for every deck, and for one deck with an exam set (the header then
#     shows readiness, summed over the deck);
#   - grade -> next card: 1,000 scripted answers from a pipe, timed inside
#     swot from reading the grade to the next card on screen: p50, p99, max,
#     by the wall clock and by CPU time (on a loaded machine the wall clock
#     also counts waiting for a CPU; the load average is printed);
#   - peak memory (maximum resident set) of that session.
# Targets: first card < 50 ms, p99 < 5 ms, peak < 50 MB.  Never fails on
# timing.
set -u
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
NOW=2026-03-02T10:00
export TZ=${TZ:-Europe/London}

"$PY" - "$tmp" <<'PY'
import json, sys
out = sys.argv[1]
n_quotes, n_free = 20000, 40000
for k in (1, 2):
    chars = [{"id": "c%d" % i, "name": "Person %d" % i, "aliases": ["P%d" % i],
              "summary": "Character number %d of deck %d." % (i, k)} for i in range(50)]
    themes = [{"id": "t%d" % i, "name": "Theme %d" % i, "summary": "Theme %d." % i}
              for i in range(10)]
    quotes = [{"id": "q%d" % i, "text": "Line %d says word%d in the end." % (i, i),
               "speaker": "c%d" % (i % 50), "themes": ["t%d" % (i % 10)],
               "gaps": ["word%d" % i]} for i in range(n_quotes)]
    cards = [{"id": "f%d" % i, "type": "typed", "prompt": "Question %d?" % i,
              "answer": "answer %d" % i} for i in range(n_free)]
    json.dump({"swot_deck": 1, "id": "bench-%d" % k, "title": "Bench %d" % k,
               "version": "1", "characters": chars, "themes": themes,
               "quotes": quotes, "cards": cards},
              open("%s/bench-%d.json" % (out, k), "w"), separators=(",", ":"))
PY
db="$tmp/bench.db"
start=$(date +%s%N)
if ! "$SWOT" --db "$db" --now "$NOW" import "$tmp/bench-1.json" "$tmp/bench-2.json" >"$tmp/import.out" 2>&1; then
	echo "swot import failed:"; cat "$tmp/import.out"; exit 1
fi
echo "import of 2 decks, $(grep -o '[0-9]* new' "$tmp/import.out" | awk '{s+=$1} END {print s}') cards: $(( ($(date +%s%N) - start) / 1000000 )) ms"

now_s=$(date -d "$NOW" +%s)
day_start=$(date -d "${NOW%T*}T04:00" +%s)
"$PY" - "$db" "$now_s" "$day_start" <<'PY' || exit 1
import random, sqlite3, sys, time
db_path, now, day_start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(2)
day = 86400
t0 = time.time()
db = sqlite3.connect(db_path)
db.execute("PRAGMA synchronous = OFF")
db.execute("PRAGMA journal_mode = OFF")
db.execute("PRAGMA cache_size = -400000")
ids = [r[0] for r in db.execute("SELECT id FROM card ORDER BY id")]
random.shuffle(ids)
studied = ids[:150000]
total = 1000000
per, extra = divmod(total, len(studied))
rows, cards = [], []
for n, cid in enumerate(studied):
    k = per + (1 if n < extra else 0)
    today = n < 100  # a few answered earlier today
    t = day_start + 600 + n * 60 if today else day_start - random.randint(30, 365) * day
    times = sorted(t - i * random.randint(1, 9) * day for i in range(k)) if not today \
        else [t - (k - 1 - i) * 3 * day for i in range(k)]
    s, d = 0.0, 5.0
    for i, rt in enumerate(times):
        s = max(0.5, s * 2.0 + 1.0)
        rows.append((cid, rt, random.choice((1, 3, 3, 3, 3, 4, 2)),
                     "learn" if i == 0 else "review", 0 if i == 0 else 2,
                     0 if i == 0 else int(s), int(s), s, d, random.randint(2000, 15000)))
    r = random.random()
    if today:
        state, due = 2, now + random.randint(1, 30) * day
    elif r < 0.02:
        state, due = 2, now - random.randint(0, 10 * day)      # review due or overdue
    elif r < 0.0215:
        state, due = 1, now - random.randint(0, 3000)          # learning, due
    elif r < 0.022:
        state, due = 3, now + random.randint(60, 3000)         # relearning, later today
    else:
        state, due = 2, now + random.randint(1, 300) * day
    cards.append((state, s, d, due, times[-1], int(s), k, random.randint(0, 3), cid))
db.execute("BEGIN")
# indexes dropped and built again afterwards: far faster than row by row
indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                     " AND tbl_name IN ('card', 'review') AND sql IS NOT NULL").fetchall()
for name, _ in indexes:
    db.execute('DROP INDEX "%s"' % name)
db.executemany("INSERT INTO review (card_id, time, rating, kind, state_before, elapsed_days,"
               " scheduled_days, stability, difficulty, duration_ms)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
db.executemany("UPDATE card SET state = ?, stability = ?, difficulty = ?, due = ?,"
               " last_review = ?, scheduled_days = ?, reps = ?, lapses = ? WHERE id = ?", cards)
for _, sql in indexes:
    db.execute(sql)
db.commit()
db.execute("PRAGMA journal_mode = WAL")
db.close()
print("history: %d reviews on %d cards written in %.1f s" % (len(rows), len(cards), time.time() - t0))
PY
echo "database: $(du -m "$db" | cut -f1) MB"
# the generator leaves ~100 MB of dirty pages: flush them so the session's
# writes are not held up by writeback of someone else's
sync

# time to the first card, 5 runs: inside swot and from outside
first_card() { # LABEL [DECK]
	"$PY" - "$SWOT" "$db" "$NOW" "$tmp/t" "$@" <<'PY'
import os, statistics, subprocess, sys, time
swot, db, now, tfile, label = sys.argv[1:6]
deck = sys.argv[6:]
inside, outside = [], []
for i in range(5):
    env = dict(os.environ, SWOT_TIMINGS=tfile, NO_COLOR="1")
    t0 = time.perf_counter()
    p = subprocess.Popen([swot, "--db", db, "--now", now, "review", *deck],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    buf = b""
    while b"]\n" not in buf:  # the card's "[type]" tag ends its first line
        chunk = os.read(p.stdout.fileno(), 4096)
        if not chunk:
            break
        buf += chunk
    outside.append((time.perf_counter() - t0) * 1000)
    p.communicate(b":quit\n")
    for line in open(tfile):
        if line.startswith("first_card_ms"):
            inside.append(float(line.split()[1]))
print("first card, %s (inside swot): best %.1f ms, median %.1f ms (target < 50 ms)"
      % (label, min(inside), statistics.median(inside)))
print("first card, %s (process start to screen): best %.1f ms, median %.1f ms"
      % (label, min(outside), statistics.median(outside)))
PY
}
first_card "every deck"
"$SWOT" --db "$db" --now "$NOW" exam bench-1 2026-05-20 >/dev/null
first_card "a 100,000-card deck with an exam" bench-1
"$SWOT" --db "$db" exam bench-1 --clear >/dev/null

# 1,000 answers from a pipe.  "1" then "3" is a valid answer and grade at
# every prompt of every card type, so the script never falls out of step.
"$PY" -c "print('1\n3\n' * 1000, end='')" >"$tmp/script"
"$SWOT" --db "$db" config reviews-per-day 5000 >/dev/null
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
	SWOT_TIMINGS="$tmp/t" /usr/bin/time -v "$SWOT" --db "$db" --now "$NOW" review \
		<"$tmp/script" >"$tmp/out" 2>"$tmp/time"
	peak_kb=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$tmp/time")
else
	SWOT_TIMINGS="$tmp/t" "$SWOT" --db "$db" --now "$NOW" review <"$tmp/script" >"$tmp/out"
	peak_kb=
fi
"$PY" - "$tmp/t" "${peak_kb:-}" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.startswith("grade_next_ms")]
if not rows:
    print("grade -> next: no timings written"); sys.exit(1)
for label, col in (("wall clock", 1), ("CPU time", 3)):
    v = sorted(float(r[col]) for r in rows)
    pick = lambda q: v[min(len(v) - 1, int(q * len(v)))]
    print("grade -> next card over %d answers, %s: p50 %.2f ms, p99 %.2f ms, max %.2f ms"
          " (target p99 < 5 ms)" % (len(v), label, pick(0.5), pick(0.99), v[-1]))
if sys.argv[2]:
    print("peak memory of the session: %.1f MB (target < 50 MB)" % (int(sys.argv[2]) / 1024))
PY
tail -n 2 "$tmp/out" | sed 's/^/session: /'
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
