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
. tests/bench/collection.sh
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
NOW=2026-03-02T10:00
export TZ=${TZ:-Europe/London}

make_collection "$tmp" "$NOW" || exit 1
db="$tmp/bench.db"
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
