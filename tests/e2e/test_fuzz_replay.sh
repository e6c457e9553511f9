#!/usr/bin/env bash
# Replays every fuzz target's committed corpus and crash reproducers
# (tests/fuzz/corpus/TARGET, tests/fuzz/crashes/TARGET) once through the
# target built without libFuzzer ($BUILD/fuzz/replay-TARGET), so a fixed
# crash or a broken invariant (e.g. normalisation not idempotent) stays
# fixed, in the normal and the sanitizer build alike.
cd "$(dirname "$0")/../.."
build=${BUILD:-build}
targets=$(ls "$build"/fuzz/replay-fuzz_* 2>/dev/null | wc -l)
echo "1..$((targets + 1))" # the plan: a check per target, and their number
n=0
for bin in "$build"/fuzz/replay-fuzz_*; do
	[ -x "$bin" ] || continue
	t=${bin##*/replay-}
	n=$((n + 1))
	if out=$("$bin" "tests/fuzz/corpus/$t" "tests/fuzz/crashes/$t" 2>&1); then
		echo "$out" | grep '^ok - '
	else
		echo "not ok - $t: an input crashed or broke an invariant"
		echo "$out" | grep -v '^replay: ' | head -20 | sed 's/^/# /'
		echo "# last input: $(echo "$out" | grep '^replay: ' | tail -1)"
	fi
done
[ "$n" -ge 4 ] && echo "ok - four fuzz targets replayed" || echo "not ok - only $n fuzz targets built"
