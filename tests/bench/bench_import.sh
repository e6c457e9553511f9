#!/usr/bin/env bash
# bench_import.sh: swot import on a deck of 100,000 notes (50,000 quotes with
# a speaker, a theme and one gap; 50,000 free basic and typed cards: about
# 200,000 cards), as whole-process figures: import into an empty database,
# re-import unchanged, peak memory.  Then the floor to compare with: the
# same file parsed with cJSON and the same rows inserted one by one by a
# minimal C program (tests/bench/floor_import.c), into swot's own schema
# and into bare tables with no index or constraint.
#
# Targets (2-core machine): first import < 1.5 s, re-import < 0.5 s, peak
# memory < 200 MB.  Figures are printed, never judged: timing is no test.
#
#   NOTES=20000 tests/bench/bench_import.sh    a smaller deck
#   RUNS=3                                      best of N runs (default 3)
set -u
SWOT=${SWOT:-./swot}
NOTES=${NOTES:-100000}
RUNS=${RUNS:-3}
PY=/usr/bin/python3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# measure LABEL COMMAND...: runs the command, leaving "SECONDS KB CPU" in
# $tmp/m (wall seconds, peak resident set, user + system seconds), with
# /usr/bin/time when there is one, else a python wrapper reading the same
# from the kernel.  CPU time shows the cost when other work shares the
# machine and stretches the wall time.
measure() {
	local label=$1
	shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%e %M %U %S' -o "$tmp/m" "$@" >"$tmp/out" 2>"$tmp/err"
		awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$tmp/m" >"$tmp/m2" && mv "$tmp/m2" "$tmp/m"
	else
		OUT="$tmp/out" $PY - "$@" >"$tmp/m" 2>"$tmp/err" <<'EOF'
import os, resource, subprocess, sys, time
t = time.monotonic()
with open(os.environ["OUT"], "w") as out:
    rc = subprocess.run(sys.argv[1:], stdout=out).returncode
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.2f %d %.2f" % (time.monotonic() - t, r.ru_maxrss, r.ru_utime + r.ru_stime))
sys.exit(rc)
EOF
	fi
	local rc=$?
	if [ $rc -ne 0 ]; then
		echo "$label: failed (exit $rc)"
		cat "$tmp/err" "$tmp/out" | head -5
		return 1
	fi
}

# best LABEL SETUP COMMAND...: the fastest of $RUNS runs (SETUP, a shell
# snippet, runs before each), and the largest peak memory seen.
best() {
	local label=$1 setup=$2
	shift 2
	local t_best="" c_best="" kb_max=0 t kb c
	for _ in $(seq "$RUNS"); do
		eval "$setup"
		measure "$label" "$@" || return 1
		read -r t kb c <"$tmp/m"
		if [ -z "$t_best" ] || awk "BEGIN{exit !($t < $t_best)}"; then t_best=$t; fi
		if [ -z "$c_best" ] || awk "BEGIN{exit !($c < $c_best)}"; then c_best=$c; fi
		[ "$kb" -gt "$kb_max" ] && kb_max=$kb
	done
	printf '%-32s %6.2f s  (cpu %5.2f s)  peak %4d MB\n' "$label" "$t_best" "$c_best" \
		$((kb_max / 1024))
	echo "$t_best $kb_max $c_best" >"$tmp/best"
}

deck="$tmp/bench.json"
$PY "$here/gen_deck.py" "$NOTES" "$deck"
db="$tmp/bench.db"
echo "deck: $NOTES notes, $(($(stat -c %s "$deck") / 1024)) KB of JSON; $RUNS runs each, best time shown"
"$SWOT" lint "$deck" | sed 's/^/lint: /'

best "lint (parse, check, expand)" ":" "$SWOT" lint "$deck" || exit 1
best "import into an empty database" 'rm -f "$db" "$db"-*' \
	"$SWOT" --db "$db" import "$deck" || exit 1
read -r t_import kb_import c_import <"$tmp/best"
sed 's/^/  /' "$tmp/out"
best "re-import, unchanged" ":" "$SWOT" --db "$db" import "$deck" || exit 1
read -r t_reimport kb_reimport c_reimport <"$tmp/best"
sed 's/^/  /' "$tmp/out"
echo "database: $(($(stat -c %s "$db") / 1024 / 1024)) MB"

# The floor: cJSON and plain prepared inserts into the same schema.
floor="$tmp/floor_import"
if cc -O2 -std=c17 -D_POSIX_C_SOURCE=200809L "$here/floor_import.c" \
	$(pkg-config --cflags --libs sqlite3 libcjson) -o "$floor" 2>"$tmp/cc"; then
	fdb="$tmp/floor.db"
	best "floor: parse + plain insert" 'rm -f "$fdb" "$fdb"-*' \
		"$floor" "$deck" "$fdb" "$root"/schema/[0-9][0-9][0-9][0-9]_*.sql || exit 1
	read -r t_floor _ c_floor <"$tmp/best"
	best "floor, bare tables (no index)" 'rm -f "$fdb" "$fdb"-*' \
		"$floor" "$deck" "$fdb" || exit 1
	read -r t_bare _ c_bare <"$tmp/best"
	awk -v a="$t_import" -v f="$t_floor" -v ac="$c_import" -v fc="$c_floor" \
		-v b="$t_bare" -v bc="$c_bare" 'BEGIN {
		printf "import / floor: %.2f wall, %.2f cpu (same schema); %.2f wall, %.2f cpu (bare)\n",
			(f > 0 ? a / f : 0), (fc > 0 ? ac / fc : 0), (b > 0 ? a / b : 0), (bc > 0 ? ac / bc : 0) }'
else
	echo "floor: cannot build floor_import.c:"
	head -3 "$tmp/cc"
fi

peak=$kb_import
[ "$kb_reimport" -gt "$peak" ] && peak=$kb_reimport
awk -v a="$t_import" -v r="$t_reimport" -v m="$peak" 'BEGIN {
	printf "targets: import %.2f s (< 1.5 s %s), re-import %.2f s (< 0.5 s %s), peak %d MB (< 200 MB %s)\n",
		a, a < 1.5 ? "met" : "missed", r, r < 0.5 ? "met" : "missed",
		m / 1024, m < 200 * 1024 ? "met" : "missed" }'
