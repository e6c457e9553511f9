#!/usr/bin/env bash
# bench_exam.sh: what exam mode does for a simulated student (see
# tests/unit/test_exam_sim.c): predicted recall on exam day with and
# without it, and the answers and reviews spent, over several decks and
# 20 seeds each; then the time swot readiness takes on a 2,000-card deck
# with a year of history.  Never fails on figures.
set -u
cd "$(dirname "$0")/../.."
sim="$BUILD/tests/test_exam_sim"
if [ ! -x "$sim" ]; then
	make -s "$sim" >/dev/null || { echo "cannot build $sim"; exit 1; }
fi
echo "Recall on exam day (mean predicted R over the deck, unseen cards 0),"
echo "a student who recalls with probability R, 20 seeds:"
SWOT_SIM_VERBOSE=1 "$sim" | sed -n 's/^# //p'

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 - "$SWOT" "$tmp/big.db" <<'PY'
import random, sqlite3, subprocess, sys, time
swot, db = sys.argv[1], sys.argv[2]
subprocess.run([swot, "--db", db, "exam"], check=True, capture_output=True)
c = sqlite3.connect(db)
c.execute("INSERT INTO deck (slug, title, imported_at) VALUES ('big', 'Big deck', 0)")
now = 1800000000
rnd = random.Random(1)
for i in range(2000):
    kind = ("character", "theme", "quote", "card")[i % 4]
    n = c.execute("INSERT INTO note (deck_id, kind, key) VALUES (1, ?, ?)", (kind, f"n{i}")).lastrowid
    seen = i < 1500
    s = rnd.uniform(1, 120) if seen else 0
    last = now - rnd.randint(0, 90) * 86400 if seen else 0
    card = c.execute(
        "INSERT INTO card (deck_id, note_id, key, variant, type, prompt, themes, tags, hash, "
        "position, state, stability, difficulty, due, last_review) VALUES "
        "(1, ?, ?, 'v', 'basic', 'q', ?, ?, 1, ?, ?, ?, 5, ?, ?)",
        (n, f"n{i}/v", f"t{i % 12}", f"tag{i % 5}" if kind == "card" else "", i,
         2 if seen else 0, s, last + int(s * 86400) if seen else now, last)).lastrowid
    for k in range(rnd.randint(0, 8) if seen else 0):
        c.execute("INSERT INTO review (card_id, time, rating, kind, state_before, elapsed_days, "
                  "scheduled_days, stability, difficulty, duration_ms) VALUES "
                  "(?, ?, 3, 'review', 2, 1, 1, 1, 5, 8000)",
                  (card, now - rnd.randint(0, 365) * 86400))
c.commit()
subprocess.run([swot, "--db", db, "--now", str(now), "exam", "big", "2027-06-01"], check=True,
               capture_output=True)
for cmd in (["readiness", "big"], ["stats", "big"], ["report", "big", "--html", db + ".html"]):
    t = time.perf_counter()
    subprocess.run([swot, "--db", db, "--now", str(now), *cmd], check=True, capture_output=True)
    print("swot %-32s %6.0f ms (2,000 cards, about 6,000 answers)"
          % (" ".join(cmd[:2]), 1000 * (time.perf_counter() - t)))
PY
