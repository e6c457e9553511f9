#!/usr/bin/env bash
# bench_fsrs.sh: replays about 1,000,000 reviews (the seed-1 reference
# vectors' sequences, repeated) through swot's scheduler and, when node and
# npm are present, through ts-fsrs 5.4.2 (installed into a temporary folder),
# and prints reviews per second, swot's peak memory and the ratio.  Timing
# covers the replay only, not reading the JSON.  Never fails on timing.
set -u
cd "$(dirname "$0")/../.."
vectors=tests/fixtures/fsrs/ts-fsrs-5.4.2-vectors.json
per_pass=15868
passes=$(( (1000000 + per_pass - 1) / per_pass ))
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# swot, with its peak memory from /usr/bin/time -v, else from getrusage
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
	/usr/bin/time -v "$SWOT" test-fsrs --repeat "$passes" "$vectors" >"$tmp/c.out" 2>"$tmp/c.time"
	rc=$?
	peak_kb=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$tmp/c.time")
else
	/usr/bin/python3 - "$SWOT" "$passes" "$vectors" >"$tmp/c.out" 2>"$tmp/c.time" <<'PY'
import resource, subprocess, sys
rc = subprocess.call([sys.argv[1], "test-fsrs", "--repeat", sys.argv[2], sys.argv[3]])
print("peak_kb %d" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(rc)
PY
	rc=$?
	peak_kb=$(sed -n 's/^peak_kb //p' "$tmp/c.time")
fi
if [ "$rc" -ne 0 ]; then
	echo "swot test-fsrs failed (exit $rc):"
	head -n 5 "$tmp/c.out" "$tmp/c.time"
	exit 1
fi
c_line=$(grep '^replayed' "$tmp/c.out")
c_rate=$(printf '%s\n' "$c_line" | sed -n 's/.*: \([0-9]*\) reviews\/s$/\1/p')
echo "swot:    $c_line"
echo "swot:    $(grep 'matched' "$tmp/c.out")"
echo "swot:    peak memory ${peak_kb:-?} kB (includes the parsed vectors file)"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "ts-fsrs: skipped (node or npm not found)"
	exit 0
fi
if ! (cd "$tmp" && npm install --silent --no-audit --no-fund ts-fsrs@5.4.2 >npm.log 2>&1); then
	echo "ts-fsrs: skipped (npm install ts-fsrs@5.4.2 failed: $(tail -n 1 "$tmp/npm.log"))"
	exit 0
fi
js_line=$(cd "$tmp" && node "$OLDPWD/tests/bench/bench_fsrs.mjs" "$OLDPWD/$vectors" "$passes" 2>&1)
js_rate=$(printf '%s\n' "$js_line" | sed -n 's/.*: \([0-9]*\) reviews\/s$/\1/p')
if [ -z "$js_rate" ]; then
	echo "ts-fsrs: failed: $js_line"
	exit 0
fi
echo "ts-fsrs: $js_line"
awk -v c="$c_rate" -v j="$js_rate" 'BEGIN { printf "ratio:   swot is %.1f times ts-fsrs 5.4.2 (target: 20)\n", c / j }'
