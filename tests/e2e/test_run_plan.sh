#!/usr/bin/env bash
# tests/run itself: a test that declares no plan, stops before its last
# check, or runs more checks than it planned fails, even when every check
# it printed passed; a test that keeps its plan passes.
set -u
echo 1..6 # the plan: how many checks this file runs
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/b/tests" "$tmp/e2e"

# fake NAME BODY: a test program in the fake build that runs BODY
fake() {
	printf '#!/bin/sh\n%s\n' "$2" >"$tmp/b/tests/$1"
	chmod +x "$tmp/b/tests/$1"
}
fake test_kept 'echo 1..2; echo "ok - a"; echo "ok - b"'
fake test_early 'echo 1..3; echo "ok - a"; echo "ok - b"'
fake test_extra 'echo 1..1; echo "ok - a"; echo "ok - b"'
fake test_noplan 'echo "ok - a"'

out=$(E2E="$tmp/e2e" tests/run "$tmp/b" 2>&1)
rc=$?
has() { # NAME PATTERN
	if printf '%s\n' "$out" | grep -Eq -- "$2"; then
		echo "ok - $1"
	else
		echo "not ok - $1"
		printf '#   %s\n' "$out"
	fi
}
has "a test that keeps its plan passes" "^$tmp/b: test_kept: 2 passed$"
has "a test that stops early fails" "planned 3 checks but ran 2"
has "a test that runs more than planned fails" "planned 1 checks but ran 2"
has "a test with no plan fails" "test_noplan declares no plan"
has "the total counts the three failures" "^7 passed, 3 failed$"
if [ "$rc" -ne 0 ]; then echo "ok - tests/run exits non-zero"; else echo "not ok - tests/run exits non-zero"; fi
