#!/usr/bin/env bash
# Every command's --help: the usage on stdout, nothing on stderr, exit 0,
# lines within 80 columns; a wrong option or argument is named (exit 2);
# --now with a date alone is that day (noon), not the learning day before.
set -u
echo 1..55 # the plan: how many checks this file runs
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SWOT_DB="$tmp/swot.db"
unset SWOT_NOW

# widest LINES: the widest line of standard input, in characters
widest() {
	/usr/bin/python3 -c 'import sys
print(max([len(l.rstrip("\n")) for l in sys.stdin] or [0]))'
}

for cmd in import lint decks review drill exam readiness stats report config \
	export-reviews test-fsrs; do
	for flag in --help -h; do
		out=$("$SWOT" "$cmd" "$flag" 2>"$tmp/err")
		rc=$?
		if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] &&
			printf '%s\n' "$out" | head -n 1 | grep -q "^usage: swot $cmd"; then
			echo "ok - $cmd $flag: usage on stdout, exit 0"
		else
			echo "not ok - $cmd $flag: exit $rc, stdout '$(printf '%s' "$out" | head -n 1)', stderr '$(cat "$tmp/err")'"
		fi
	done
	w=$("$SWOT" "$cmd" --help | widest)
	if [ "$w" -le 80 ]; then
		echo "ok - $cmd --help fits 80 columns"
	else
		echo "not ok - $cmd --help has a line of $w columns"
	fi
done
w=$("$SWOT" help | widest)
if [ "$w" -le 80 ]; then echo "ok - swot help fits 80 columns"; else echo "not ok - swot help has a line of $w columns"; fi

# expect NAME PATTERN CMD...: CMD exits 2 and its stderr matches PATTERN
expect_usage() {
	local name=$1 pat=$2 out rc
	shift 2
	out=$("$@" 2>&1 >/dev/null)
	rc=$?
	if [ "$rc" -eq 2 ] && printf '%s\n' "$out" | grep -Eq -- "$pat"; then
		echo "ok - $name"
	else
		echo "not ok - $name (exit $rc)"
		printf '#   %s\n' "$out" | head -n 5
	fi
}
expect_usage "review names an unknown option" '^swot: review: unknown option --jsn$' "$SWOT" review --jsn
expect_usage "review takes one deck" "^swot: review: one deck at a time \('a' and 'b'\)$" "$SWOT" review a b
expect_usage "decks names what it did not expect" "^swot: decks: unexpected argument 'x'$" "$SWOT" decks x
expect_usage "drill asks for a deck" "^swot: drill: no deck to drill yet" "$SWOT" drill
expect_usage "drill names an unknown option" '^swot: drill: unknown option --tpye$' "$SWOT" drill d --tpye quote
expect_usage "lint names an unknown option" '^swot: lint: unknown option -x$' "$SWOT" lint -x f.json
expect_usage "import names an unknown option" '^swot: import: unknown option -x$' "$SWOT" import -x f.json
expect_usage "test-fsrs names an unknown option" '^swot: test-fsrs: unknown option -x$' "$SWOT" test-fsrs -x f.json
# one parser, one style: every usage error names the command and what is wrong
expect_usage "config names an unknown option" '^swot: config: unknown option -x$' "$SWOT" config -x
expect_usage "decks names an unknown option" '^swot: decks: unknown option -x$' "$SWOT" decks -x
expect_usage "exam names an unknown option" '^swot: exam: unknown option --when$' "$SWOT" exam d 2030-01-01 --when 9
expect_usage "a flag takes no value" '^swot: stats: --json takes no value$' "$SWOT" stats --json=yes
expect_usage "an option's value is missing" '^swot: drill: --tag needs a value$' "$SWOT" drill d --tag
expect_usage "a number out of range" '^swot: drill: -n 0: expected a whole number from 1 to 100000$' "$SWOT" drill d -n 0
expect_usage "the usage follows the message" '^usage: swot config \[--deck DECK\]' "$SWOT" config -x

# --now DATE (or $SWOT_NOW=DATE) is noon that day: its midnight would be
# before the 4 am rollover, in the learning day before
for how in option env; do
	if [ "$how" = option ]; then
		out=$("$SWOT" --now 2026-11-20 stats --json 2>&1)
	else
		out=$(SWOT_NOW=2026-11-20 "$SWOT" stats --json 2>&1)
	fi
	if printf '%s\n' "$out" | grep -q '"date": *"2026-11-20"'; then
		echo "ok - --now 2026-11-20 ($how) is that learning day"
	else
		echo "not ok - --now 2026-11-20 ($how) is not that learning day"
		printf '#   %s\n' "$out" | head -n 3
	fi
done
out=$("$SWOT" --now 2026-11-20T03:00 stats --json 2>&1)
if printf '%s\n' "$out" | grep -q '"date": *"2026-11-19"'; then
	echo "ok - --now with a time before the rollover is still the day before"
else
	echo "not ok - --now 2026-11-20T03:00 is not the learning day before"
fi
