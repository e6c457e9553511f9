#!/usr/bin/env bash
# swot config: listing with origins, setting global and per-deck values,
# refusing bad values (exit 1, nothing written), unsetting, unknown decks
# and keys.
set -u
echo 1..29 # the plan: how many checks this file runs
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SWOT_DB="$tmp/swot.db"
unset SWOT_NOW

# expect NAME STATUS PATTERN CMD...: CMD exits STATUS and its output (stdout
# and stderr) matches the grep -E PATTERN
expect() {
	local name=$1 want=$2 pat=$3 out rc
	shift 3
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" -eq "$want" ] && printf '%s\n' "$out" | grep -Eq -- "$pat"; then
		echo "ok - $name"
	else
		echo "not ok - $name (exit $rc, wanted $want)"
		printf '#   %s\n' "$out" | head -n 15
	fi
}
rows() {
	/usr/bin/python3 -c 'import sqlite3, sys
for r in sqlite3.connect(sys.argv[1]).execute("SELECT scope, key, value FROM setting ORDER BY 1, 2"):
    print("|".join(r), end=";")' "$SWOT_DB"
}

expect "fresh store lists the defaults" 0 '^desired-retention +default +0\.9$' "$SWOT" config
expect "the list has every key" 0 '^weights +default +0\.212 1\.2931 ' "$SWOT" config
expect "one key prints its value" 0 '^1m 10m$' "$SWOT" config learning-steps
"$SWOT" import tests/fixtures/import/small.json >/dev/null 2>&1 || echo "not ok - import the small deck"

expect "set a global value" 0 '^desired-retention = 0\.85 \(global\)$' "$SWOT" config desired-retention 0.85
expect "set steps from several words" 0 '^learning-steps = 2m 20m 1h \(global\)$' "$SWOT" config learning-steps 2m 20m 1h
expect "set a deck value" 0 '^new-per-day = 5 \(deck small-test\)$' "$SWOT" config --deck small-test new-per-day 5
expect "the deck list shows where each comes from" 0 'new-per-day +deck +5' "$SWOT" config --deck small-test
expect "... global ones too" 0 'desired-retention +global +0\.85' "$SWOT" config --deck small-test
expect "... and defaults" 0 'rollover-hour +default +4' "$SWOT" config --deck small-test
expect "the global list does not show the deck's value" 0 'new-per-day +default +20' "$SWOT" config
before=$(rows)

expect "retention 1.5 refused with the range" 1 'desired-retention: "1\.5" is not allowed; allowed: 0\.70\.\.0\.99' "$SWOT" config desired-retention 1.5
expect "rollover 24 refused with the range" 1 'allowed: 0\.\.23' "$SWOT" config rollover-hour 24
expect "negative new-per-day refused" 1 'allowed: 0\.\.9999' "$SWOT" config new-per-day -3
expect "a bad step refused" 1 'step "5x"' "$SWOT" config learning-steps 1m 5x
expect "fuzz maybe refused" 1 'allowed: on or off' "$SWOT" config fuzz maybe
expect "three weights refused" 1 'weights: 3 given, expected 21' "$SWOT" config weights 1 2 3
expect "a weight out of range refused" 1 'w\[20\] = 0\.9 is out of range 0\.1\.\.0\.8' "$SWOT" config weights \
	0.212,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,0.001,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,1.6483,0.6014,1.8729,0.5425,0.0912,0.0658,0.9
if [ "$(rows)" = "$before" ]; then echo "ok - refused values wrote nothing"; else echo "not ok - refused values wrote: $(rows)"; fi

expect "21 weights, comma separated" 0 '^weights = 0\.3 1\.2931 .* 0\.2 \(global\)$' "$SWOT" config weights \
	0.3,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,0.001,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,1.6483,0.6014,1.8729,0.5425,0.0912,0.0658,0.2
expect "fuzz off" 0 '^fuzz = off \(global\)$' "$SWOT" config fuzz off
expect "no relearning steps" 0 '^relearning-steps = none \(global\)$' "$SWOT" config relearning-steps none

expect "unknown deck fails naming the decks" 1 '^swot: --deck: no deck "nope" \(the decks are: small-test\)' "$SWOT" config --deck nope new-per-day 5
expect "unknown key is a usage error naming the keys" 2 'no setting "speed" \(the settings are: desired-retention' "$SWOT" config speed 3

expect "unset a deck value" 0 '^new-per-day unset \(deck small-test\); in force: 20 \(default\)$' "$SWOT" config --deck small-test new-per-day --unset
expect "unset again says so" 0 'was not set' "$SWOT" config --deck small-test new-per-day --unset
expect "unset a global value" 0 '^desired-retention unset \(global\); in force: 0\.9 \(default\)$' "$SWOT" config desired-retention --unset
expect "--unset with a value is a usage error" 2 '^usage: swot config' "$SWOT" config new-per-day 3 --unset
expect "--help lists the allowed values" 0 'rollover-hour +0\.\.23' "$SWOT" config --help

# the listing fits 80 columns: the 21 weights go on under the value column
out=$("$SWOT" config)
w=$(printf '%s\n' "$out" | /usr/bin/python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in sys.stdin))')
if [ "$w" -le 80 ] && printf '%s\n' "$out" | grep -Eq '^ {28}[0-9]'; then
	echo "ok - the listing fits 80 columns, the weights wrapped under the values"
else
	echo "not ok - the listing is $w columns wide"
	printf '#   %s\n' "$out" | tail -n 4
fi
