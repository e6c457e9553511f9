#!/usr/bin/env bash
# bench_lint_adversarial.sh: swot lint on decks built to make validation
# slow (tests/bench/gen_adversarial.py: long lists, many unknown keys, a
# key repeated, unknown speakers and themes against as many characters and
# themes, duplicate ids), each near the 16 MiB limit.  Prints the time of
# each and the worst.  Target: every one under 2 s (validation is linear in
# the file; import takes the same path).
#
#   BYTES=4000000 tests/bench/bench_lint_adversarial.sh    smaller decks
set -u
SWOT=${SWOT:-./swot}
PY=/usr/bin/python3
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PY" "$here/gen_adversarial.py" "$tmp" ${BYTES:-} || exit 1
worst=0 worst_name=
for f in "$tmp"/*.json; do
	name=${f##*/}
	start=$EPOCHREALTIME
	timeout 300 "$SWOT" lint "$f" >/dev/null 2>&1
	rc=$?
	t=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
	size=$(stat -c %s "$f")
	printf '  %-24s %9d bytes  %6.2f s  (exit %d)\n' "${name%.json}" "$size" "$t" "$rc"
	if awk -v t="$t" -v w="$worst" 'BEGIN { exit !(t > w) }'; then
		worst=$t worst_name=${name%.json}
	fi
done
printf 'worst case: %s, %.2f s (target < 2 s)\n' "$worst_name" "$worst"
