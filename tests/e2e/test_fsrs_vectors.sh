#!/usr/bin/env bash
# swot test-fsrs on the ts-fsrs 5.4.2 reference vectors: every review of
# every file matches; a changed expectation is caught and shown.
set -u
echo 1..8 # the plan: how many checks this file runs
cd "$(dirname "$0")/../.."
fx=tests/fixtures/fsrs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() { # NAME FILE EXPECTED-COUNT
	local out rc
	out=$("$SWOT" test-fsrs "$2" 2>&1)
	rc=$?
	if [ "$rc" -eq 0 ] && [ "$out" = "$3 reviews, $3 matched, 0 mismatched" ]; then
		echo "ok - $1: $3 reviews, $3 matched"
	else
		echo "not ok - $1: exit $rc"
		printf '#   %s\n' "$out" | head -n 12
	fi
}
check "seed 1 vectors" $fx/ts-fsrs-5.4.2-vectors.json 15868
check "seed 7 vectors" $fx/ts-fsrs-5.4.2-vectors-seed7.json 4010
check "stress vectors" $fx/ts-fsrs-5.4.2-stress-seed11.json 4218

# a vector with a wrong stability is reported as a mismatch, exit 1
sed 's/"stability":2.3065,/"stability":2.3066,/' $fx/ts-fsrs-5.4.2-vectors-seed7.json >"$tmp/bad.json"
out=$("$SWOT" test-fsrs "$tmp/bad.json" 2>&1)
rc=$?
if [ "$rc" -eq 1 ] && printf '%s\n' "$out" | grep -q '^4010 reviews, [0-9]* matched, [1-9][0-9]* mismatched$' &&
	printf '%s\n' "$out" | grep -q 'stability expected 2.30660000 got 2.30650000'; then
	echo "ok - a wrong expectation is a mismatch, shown expected vs actual"
else
	echo "not ok - a wrong expectation is a mismatch (exit $rc)"
	printf '#   %s\n' "$out" | head -n 5
fi

# bad input: clear errors, never a crash
"$SWOT" test-fsrs "$tmp/missing.json" >"$tmp/out" 2>&1
rc=$?
if [ "$rc" -eq 1 ] && grep -q '^swot: .*missing.json' "$tmp/out"; then
	echo "ok - a missing file is an error naming it"
else
	echo "not ok - a missing file (exit $rc)"; sed 's/^/#   /' "$tmp/out"
fi
echo '{"configs": [{"name": "x"}]}' >"$tmp/shape.json"
"$SWOT" test-fsrs "$tmp/shape.json" >"$tmp/out" 2>&1
rc=$?
if [ "$rc" -eq 1 ] && grep -q '^swot: .*shape.json: configs\[0\]' "$tmp/out"; then
	echo "ok - a malformed file is an error saying where"
else
	echo "not ok - a malformed file (exit $rc)"; sed 's/^/#   /' "$tmp/out"
fi
printf '{"configs": [' >"$tmp/trunc.json"
"$SWOT" test-fsrs "$tmp/trunc.json" >/dev/null 2>&1
rc=$?
[ "$rc" -eq 1 ] && echo "ok - truncated JSON fails with 1" || echo "not ok - truncated JSON (exit $rc)"
"$SWOT" test-fsrs >/dev/null 2>&1
rc=$?
[ "$rc" -eq 2 ] && echo "ok - no file is a usage error" || echo "not ok - no file (exit $rc)"
