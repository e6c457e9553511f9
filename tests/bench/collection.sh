# collection.sh: sourced by the benchmarks.  make_collection DIR NOW
# [REVIEWS] builds DIR/bench.db: 200,000 cards (two generated decks of
# 100,110 cards: characters, themes, quotes with three cards each, free
# typed cards) imported with one `swot import`, then a history of REVIEWS
# reviews (default 1,000,000) written straight into the database with
# python's sqlite3: 150,000 cards studied over the past year, about 3,000
# due at NOW, some learning, 100 answered earlier that day.
make_collection() { # DIR NOW [REVIEWS]
	local tmp=$1 NOW=$2 total=${3:-1000000} PY=/usr/bin/python3 db="$1/bench.db"
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
	start=$(date +%s%N)
	if ! "$SWOT" --db "$db" --now "$NOW" import "$tmp/bench-1.json" "$tmp/bench-2.json" >"$tmp/import.out" 2>&1; then
		echo "swot import failed:"; cat "$tmp/import.out"; return 1
	fi
	echo "import of 2 decks, $(grep -o '[0-9]* new' "$tmp/import.out" | awk '{s+=$1} END {print s}') cards: $(( ($(date +%s%N) - start) / 1000000 )) ms"

	now_s=$(date -d "$NOW" +%s)
	day_start=$(date -d "${NOW%T*}T04:00" +%s)
	"$PY" - "$db" "$now_s" "$day_start" "$total" <<'PY' || return 1
import random, sqlite3, sys, time
db_path, now, day_start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
total = int(sys.argv[4])
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
        s = min(36500.0, max(0.5, s * 2.0 + 1.0))  # the longest interval
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
}
