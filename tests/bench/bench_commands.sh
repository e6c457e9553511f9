#!/usr/bin/env bash
# bench_commands.sh: every command of swot that reads the collection, on
# the 200,000-card collection with 1,000,000 reviews (collection.sh), each
# with its wall clock, CPU time (user + system) and peak memory, against
# the goal: under a second and 50 MB.  The verdict goes by the CPU time,
# which a shared machine disturbs less than the wall clock.  Median of 3
# runs of a command that only reads; one run, on a fresh copy of the
# collection, of a command that changes it.  Never fails on figures.
set -u
cd "$(dirname "$0")/../.."
. tests/bench/collection.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
NOW=2026-03-02T10:00
export TZ=${TZ:-Europe/London} COLUMNS=120
make_collection "$tmp" "$NOW" || exit 1
db="$tmp/bench.db"
"$SWOT" --db "$db" --now "$NOW" decks >/dev/null # migrate before timing anything
rm -f "$db".bak-*
cp "$db" "$tmp/pristine.db"
run=("$SWOT" --db "$db" --now "$NOW")
card=$(sqlite3 "$db" "SELECT id FROM card WHERE reps > 5 ORDER BY id LIMIT 1")
printf 'x\n' >"$tmp/answer"
"${run[@]}" export-reviews bench-1 | head -n 20001 >"$tmp/reviews.csv"
"${run[@]}" export-progress --name Ann -o "$tmp/ann.json" >/dev/null
"${run[@]}" export-progress --name Ann --reviews -o "$tmp/ann-log.json" >/dev/null

# "WALL KB CPU" of one run of a command (stdin from $input), output
# discarded; a failed command is reported, not timed
input=/dev/null
once() { # COMMAND...
	/usr/bin/time -f "%e %M %U %S" -o "$tmp/time" "$@" <"$input" >/dev/null 2>"$tmp/err" ||
		{ echo "fail"; return; }
	awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$tmp/time"
}
median() { # COMMAND...
	local i
	for i in 1 2 3; do once "$@"; done | sort -n | sed -n 2p
}
over=0
line() { # LABEL "WALL KB CPU"
	if [ "$2" = fail ]; then
		printf '%-34s failed: %s\n' "$1" "$(head -n 1 "$tmp/err")"
		over=$((over + 1))
		return
	fi
	echo "$2" | awk -v l="$1" '{
		ok = ($3 < 1 && $2 < 50 * 1024) ? "holds" : "OVER"
		printf "%-34s %5.2f s  CPU %5.2f s  %6.1f MB  (goal < 1 s, < 50 MB: %s)\n",
			l, $1, $3, $2 / 1024, ok }'
	echo "$2" | awk '{ exit !($3 >= 1 || $2 >= 50 * 1024) }' && over=$((over + 1))
}
reads() { # LABEL ARGS...: a command that only reads the collection
	local label=$1; shift
	line "$label" "$(median "${run[@]}" "$@")"
}
changes() { # LABEL ARGS...: one run on a fresh copy of the collection
	local label=$1; shift
	cp "$tmp/pristine.db" "$db"
	line "$label" "$(once "${run[@]}" "$@")"
}

echo "200,000 cards, 1,000,000 reviews ($(du -m "$db" | cut -f1) MB); the file for class:" \
	"$(( $(stat -c %s "$tmp/ann.json") / 1048576 )) MB," \
	"$(( $(stat -c %s "$tmp/ann-log.json") / 1048576 )) MB with --reviews"
reads "decks" decks
reads "decks --json" decks --json
reads "stats" stats
reads "stats --json" stats --json
reads "readiness" readiness
reads "readiness --json" readiness --json
reads "report --html" report --html "$tmp/report.html"
reads "export-reviews" export-reviews
reads "export-progress" export-progress --name Ann -o "$tmp/p.json"
reads "export-progress --reviews" export-progress --name Ann --reviews -o "$tmp/p.json"
reads "cards" cards
reads "cards --json" cards --json
reads "cards --search" cards --search word77
reads "cards --due" cards --due
reads "card ID" card "$card"
reads "config" config
reads "exam (list)" exam
reads "optimize bench-1" optimize bench-1
input="$tmp/answer"
reads "review (one answer, piped)" review
reads "drill (one answer, piped)" drill bench-1 -n 1
input=/dev/null
reads "class (one student's file)" class "$tmp/ann.json" --deck bench-1
reads "class --json (with the log)" class "$tmp/ann-log.json" --deck bench-1 --json
reads "lint bench-1.json" lint "$tmp/bench-1.json"
reads "preview bench-1.json" preview "$tmp/bench-1.json"
changes "import decks/template.json" import decks/template.json
changes "import bench-1.json (unchanged)" import "$tmp/bench-1.json"
changes "import-reviews (20,000 present)" import-reviews "$tmp/reviews.csv"
changes "suspend --search" suspend --search word777
changes "suspend ID" suspend "$card"
changes "forget ID" forget "$card"
changes "exam bench-1 DATE" exam bench-1 2026-05-20
changes "decks --remove bench-2" decks --remove bench-2 --yes
echo "$over over the goal; load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg)" \
	"on $(nproc) CPUs"
