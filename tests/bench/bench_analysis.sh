#!/usr/bin/env bash
# bench_analysis.sh: the commands that look back over a whole history, on
# the collection bench_session.sh builds (200,000 cards, 1,000,000
# reviews; 10,000,000 with BIG=1), each against what SQLite itself takes
# to read the same data once: the sqlite3 shell summing the columns swot
# reads over the review log, and writing them as CSV in the same order.
# Median of 3 runs (wall clock; the CPU time of that run beside it, which
# a busy machine disturbs less), peak memory.  Goals (a ratio to the
# floor, by wall clock): stats and readiness within 3x, report within 4x,
# export-reviews within 2x; under 50 MB.  Never fails on timing.
# `make bench BIG=1` (or BIG=1 tests/bench/run) measures the 10,000,000-
# review history instead: about 1.3 GB, and some minutes to write.
set -u
cd "$(dirname "$0")/../.."
. tests/bench/collection.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
NOW=2026-03-02T10:00
export TZ=${TZ:-Europe/London}
if ! command -v sqlite3 >/dev/null; then
	echo "the sqlite3 shell is not installed: no floor to compare with"; exit 0
fi
reviews=1000000
[ -n "${BIG:-}" ] && reviews=10000000
make_collection "$tmp" "$NOW" "$reviews" || exit 1
db="$tmp/bench.db"
"$SWOT" --db "$db" decks >/dev/null # migrate before timing anything
sync

# "WALL KB CPU" of the median run (by wall clock) of 3 of a command,
# output discarded: seconds, peak kilobytes, user + system seconds
measure() { # COMMAND...
	local i
	for i in 1 2 3; do
		/usr/bin/time -f "%e %M %U %S" "$@" 2>&1 >/dev/null | tail -n 1
	done | sort -n | sed -n 2p | awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }'
}
floor=$(measure sqlite3 "$db" "SELECT count(*), sum(time), sum(rating), sum(duration_ms) FROM review")
csv=$(measure sqlite3 -csv "$db" \
	"SELECT card_id, time * 1000, rating, kind, duration_ms FROM review ORDER BY time, id")
echo "floor: sqlite3 scan of $reviews reviews ${floor%% *} s (CPU ${floor##* } s);" \
	"sqlite3 -csv of them ${csv%% *} s (CPU ${csv##* } s)"

report() { # LABEL GOAL BASE COMMAND...
	local label=$1 goal=$2 base=$3; shift 3
	local m; m=$(measure "$@")
	echo "$m $base" | awk -v l="$label" -v g="$goal" '{
		t = $1; kb = $2; cpu = $3; b = $4; bcpu = $6
		printf "%-18s %5.2f s %4.1fx (goal %sx)  CPU %5.2f s %4.1fx  %5.1f MB (goal < 50)\n",
			l, t, (b > 0 ? t / b : 0), g, cpu, (bcpu > 0 ? cpu / bcpu : 0), kb / 1024 }'
}
run=("$SWOT" --db "$db" --now "$NOW")
for exam in no yes; do
	if [ $exam = yes ]; then
		"${run[@]}" exam bench-1 2026-05-20 >/dev/null
		echo "-- with an exam set on a 100,000-card deck"
	else
		echo "-- no exam set"
	fi
	report "stats" 3 "$floor" "${run[@]}" stats
	report "stats --json" 3 "$floor" "${run[@]}" stats --json
	report "readiness" 3 "$floor" "${run[@]}" readiness
	report "readiness --json" 3 "$floor" "${run[@]}" readiness --json
	report "report --html" 4 "$floor" "${run[@]}" report --html "$tmp/r.html"
done
report "export-reviews" 2 "$csv" "${run[@]}" export-reviews
report "decks" 3 "$floor" "${run[@]}" decks
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
