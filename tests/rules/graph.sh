#!/usr/bin/env bash
# tests/rules/graph.sh: prints swot's module graph, who includes whom, from
# the #include lines of src/ and include/swot/: one line per module,
# "module -> the modules it includes".  A module is X.c with its header
# include/swot/X.h; the store's files (store*.c, store_int.h) are one
# module, "store", the deck's (deck*.c, deck_int.h) are "deck", and so
# are class*.c "class", progfile*.c "progfile" and server*.c (with
# server_int.h) "server".
# HACKING.md shows this output; tests/e2e/test_rules.sh checks it is
# current.  --update rewrites HACKING.md's copy.
set -u
cd "$(dirname "$0")/../.."

module_of() { # a file name -> its module
	local b=${1##*/}
	b=${b%.c}
	b=${b%.h}
	case $b in
	store*) echo store ;;
	deck*) echo deck ;;
	class*) echo class ;;
	progfile*) echo progfile ;;
	server*) echo server ;;
	*) echo "$b" ;;
	esac
}

graph() {
	local f m
	for f in src/*.c src/*.h include/swot/*.h; do
		m=$(module_of "$f")
		sed -n 's/^#include "\(swot\/\)\{0,1\}\([a-z_]*\)\.h".*/\2/p' "$f" |
			while read -r inc; do
				echo "$m $(module_of "$inc")"
			done
	done | awk '$1 != $2' | sort -u |
		awk '{ deps[$1] = deps[$1] " " $2; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
		     END { for (i = 1; i <= n; i++) printf "    %-18s ->%s\n", order[i], deps[order[i]] }'
}

if [ "${1:-}" = --update ]; then
	g=$(graph)
	awk -v g="$g" '/^<!-- graph: begin/ { print; print g; skip = 1; next }
		/^<!-- graph: end/ { skip = 0 } !skip' HACKING.md >HACKING.md.tmp &&
		mv HACKING.md.tmp HACKING.md
else
	graph
fi
