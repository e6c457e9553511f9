#!/usr/bin/env bash
# make install puts swot, its man page, its decks and schemas where a user
# finds them; the man page renders cleanly; make and make run ask only for
# the packages swot needs, make check adds the test tools (checked with a
# dpkg-query that says nothing is installed and an apt-get that only
# writes down what it was asked for).
set -u
cd "$(dirname "$0")/../.."
echo "1..12"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; make -s swot >/dev/null 2>&1' EXIT
check() { # NAME COMMAND...
	local name=$1; shift
	if "$@" >"$tmp/out" 2>&1; then echo "ok - $name"; else
		echo "not ok - $name"; sed 's/^/# /' "$tmp/out" | head -20; fi
}

# ---- make install, into a prefix of its own ----
prefix="$tmp/prefix"
make -s install PREFIX="$prefix" >"$tmp/install.out" 2>&1
check "make install succeeds and says where swot went" \
	grep -q "swot is installed: $prefix/bin/swot" "$tmp/install.out"
check "it says when that folder is not on the PATH" \
	grep -q "$prefix/bin is not on your PATH" "$tmp/install.out"
check "the installed swot runs" "$prefix/bin/swot" --version
check "the shipped decks, the template and the schemas are under share/swot" \
	test -f "$prefix/share/swot/decks/never-let-me-go.json" -a \
	-f "$prefix/share/swot/decks/template.json" -a \
	-f "$prefix/share/swot/schema/deck.schema.json" -a \
	-f "$prefix/share/swot/schema/README.md"
check "swot help names the installed template" \
	grep -q "$prefix/share/swot/decks/template.json" <("$prefix/bin/swot" help)
check "the man page is installed" test -f "$prefix/share/man/man1/swot.1"

# ---- the man page ----
check "man renders it without a warning" \
	bash -c "MANWIDTH=80 man --warnings -l doc/swot.1 2>&1 >/dev/null | grep . && exit 1 || exit 0"
check "lexgrog finds its name line" bash -c "lexgrog doc/swot.1 | grep -q 'swot - revise'"
check "it documents every command swot help lists" bash -c '
	for c in $(build/swot help | sed -n "s/^  \([a-z][a-z-]*\) .*/\1/p"); do
		[ "$c" = test-fsrs ] && continue
		grep -q "^\.B swot $c\b\|^\.B swot $c$" doc/swot.1 || { echo "missing: $c"; exit 1; }
	done'
if command -v mandoc >/dev/null; then
	check "mandoc -Tlint finds nothing to fix" bash -c \
		"mandoc -Tlint -W warning doc/swot.1 | grep . && exit 1 || exit 0"
else
	echo "ok - mandoc -Tlint (skipped: mandoc is not installed)"
fi

# ---- what make and make check install ----
mkdir -p "$tmp/bin"
printf '#!/bin/sh\nexit 1\n' >"$tmp/bin/dpkg-query"
printf '#!/bin/sh\necho "$*" >>%s/apt.log\n' "$tmp" >"$tmp/bin/apt-get"
printf '#!/bin/sh\necho 0\n' >"$tmp/bin/id"
chmod +x "$tmp/bin/"*
PATH="$tmp/bin:$PATH" make -s deps >/dev/null 2>&1
check "make (and make run) install only what swot builds and runs with" bash -c "
	grep -q 'install .*libsqlite3-dev' $tmp/apt.log &&
	! grep -q 'pexpect\|jsonschema\|chromium' $tmp/apt.log"
rm -f "$tmp/apt.log"
PATH="$tmp/bin:$PATH" make -s deps-test >/dev/null 2>&1
check "make check adds the test tools" bash -c "
	grep -q 'install .*python3-pexpect.*chromium' $tmp/apt.log"
