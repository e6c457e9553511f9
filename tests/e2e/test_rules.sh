#!/usr/bin/env bash
# The module rules of HACKING.md, from the #include lines of src/ and
# include/swot/ and, with nm, the symbols each object file of the build
# uses: a pure core, SQLite only in the store, readline only in lineinput,
# cJSON only in the file-format readers, modules never calling commands nor
# printing errors, private headers kept private, no function over 80
# lines, and HACKING.md's module graph up to date.
set -u
echo 1..26 # the plan: how many checks this file runs
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
objs=$BUILD/src

# verdict NAME OFFENDERS: ok when OFFENDERS is empty, else not ok and them
verdict() {
	if [ -z "$2" ]; then
		echo "ok - $1"
	else
		echo "not ok - $1"
		printf '%s\n' "$2" | sed 's/^/#   /'
	fi
}

# includers PATTERN FILES...: the files whose #include lines match PATTERN
includers() {
	local pat=$1
	shift
	grep -lE "^#[[:space:]]*include[[:space:]]*$pat" "$@" 2>/dev/null | sort
}

# users REGEX OBJECTS...: "object: symbol" for each undefined symbol that
# matches REGEX (the whole name); nm runs once per object (see below)
users() {
	local re=$1 o
	shift
	for o in "$@"; do
		awk -v o="${o##*/}" -v re="^($re)\$" '$NF ~ re { print o ": " $NF }' \
			"$undef/${o##*/}"
	done | sort -u
}

# not_in ALLOWED...: the lines of stdin whose file (before ':' or the
# whole line) is not one of ALLOWED (file names without their folder)
not_in() {
	awk -v allowed=" $* " '{ f = $1; sub(/:$/, "", f); n = split(f, p, "/"); f = p[n]
		if (index(allowed, " " f " ") == 0) print }'
}

srcs=$(ls src/*.c src/*.h include/swot/*.h)
if ! ls "$objs"/*.o >/dev/null 2>&1; then
	echo "not ok - no object files in $objs (build first)"
	exit 1
fi
# the objects of today's sources (a build folder may keep stale ones)
all_objs=$(for f in src/*.c; do
	o=$objs/${f#src/}
	o=${o%.c}.o
	[ -f "$o" ] && echo "$o"
done)
undef=$(mktemp -d)
trap 'rm -rf "$undef"' EXIT
for o in $all_objs; do
	nm -u "$o" >"$undef/${o##*/}"
done
lib_objs=$(printf '%s\n' $all_objs | grep -vE '/(main|cli|cmd_[a-z_]*)\.o$')
cmd_objs=$(printf '%s\n' $all_objs | grep -E '/(main|cli|cmd_[a-z_]*)\.o$')

# The symbol checks see what they look for (so that an empty answer from
# nm cannot pass them all).
sees() { # NAME OFFENDERS-THAT-MUST-EXIST
	if [ -n "$2" ]; then echo "ok - $1"; else echo "not ok - $1"; fi
}
sees "nm sees the store calling SQLite" "$(users 'sqlite3_prepare_v2' "$objs"/store.o)"
sees "nm sees lineinput calling readline" "$(users 'rl_callback_read_char' "$objs"/lineinput.o)"

# 1. the pure core
core="fsrs check learnday exam"
core_files=$(for m in $core; do ls src/$m.c include/swot/$m.h; done)
bad=$(grep -HE '^#[[:space:]]*include[[:space:]]*"' $core_files |
	grep -vE '"(swot/)?(fsrs|check|learnday|exam|util)\.h"')
verdict "the core (fsrs, check, learnday, exam) includes only the core and util" "$bad"
core_objs=$(for m in $core; do echo "$objs/$m.o"; done)
verdict "the core does no I/O (no stdio, files or environment)" \
	"$(users 'f?printf|puts|fputs|fputc|putchar|fwrite|fopen|fread|fgets|getline|stdin|stdout|stderr|getenv|open|read|write' $core_objs)"
verdict "the core reads no clock (time comes in as an argument)" \
	"$(users 'time|clock_gettime|gettimeofday|clock' $core_objs)"
verdict "the core uses neither SQLite, readline nor cJSON" \
	"$(users 'sqlite3_.*|rl_.*|readline|add_history|cJSON_.*' $core_objs)"
verdict "fsrs keeps no global state (no writable data)" \
	"$(nm --defined-only "$objs"/fsrs.o | awk '$2 ~ /^[dDbB]$/ { print "fsrs.o: " $3 }')"

# 2. SQLite only in the store
verdict "only store*.c and store_int.h include <sqlite3.h>" \
	"$(includers '<sqlite3\.h>' $srcs | not_in $(cd src && ls store*.c store_int.h))"
verdict "only the store's objects call SQLite" \
	"$(users 'sqlite3_.*' $all_objs | not_in $(cd src && ls store*.c | sed 's/\.c$/.o/'))"

# 2b. libpq only in the server module, every value bound: PQexec (a
# script without parameters) only for the embedded migrations
verdict "only server*.c and server_int.h include <libpq-fe.h>" \
	"$(includers '<(postgresql/)?libpq-fe\.h>' $srcs | not_in $(cd src && ls server*.c server_int.h))"
verdict "only the server's objects call libpq" \
	"$(users 'PQ.*|lo_.*' $all_objs | not_in $(cd src && ls server*.c | sed 's/\.c$/.o/'))"
verdict "PQexec runs only the server's migrations (every other statement binds its values)" \
	"$(grep -n 'PQexec(' src/*.c | grep -v '^src/server\.c:.*PQexec(s->conn, m->data)')"
sees "nm sees the server calling libpq" "$(users 'PQexecParams' "$objs"/server.o)"

# 3. readline only in lineinput
verdict "only lineinput.c includes readline" \
	"$(includers '<(readline|editline)/' $srcs | not_in lineinput.c)"
verdict "only lineinput.o calls readline" \
	"$(users 'rl_.*|readline|add_history|clear_history|read_history|write_history|append_history|history_truncate_file|history_list|history_get|using_history|stifle_history' $all_objs | not_in lineinput.o)"

# 4. cJSON only in the file-format readers: the deck module and its
# converters, the progress file and the FSRS vector reader of test-fsrs
verdict "only deck.c, the converters, progfile.c (and fsrs_vectors.c) include <cJSON.h>" \
	"$(includers '<(cjson/)?cJSON\.h>' $srcs | not_in deck.c deck_csv.c deck_anki.c progfile.c fsrs_vectors.c)"
verdict "only deck.o, the converters, progfile.o (and fsrs_vectors.o) call cJSON" \
	"$(users 'cJSON_.*' $all_objs | not_in deck.o deck_csv.o deck_anki.o progfile.o fsrs_vectors.o)"

# 5. modules never call commands
cmd_syms=$(for o in $cmd_objs; do nm --defined-only "$o" | awk '$2 ~ /^[TDBR]$/ { print $3 }'; done | sort -u | paste -sd'|')
verdict "no module calls a command (main.o, cli.o, cmd_*.o)" \
	"$([ -n "$cmd_syms" ] && users "$cmd_syms" $lib_objs)"
verdict "no module includes cli.h" \
	"$(includers '"(swot/)?cli\.h"' $srcs | grep -vE '^src/(main|cli|cmd_[a-z_]*)\.c$')"

# 6. only commands print errors or exit
verdict "no module exits" "$(users 'exit|_Exit|quick_exit' $lib_objs)"
verdict "no module writes to stderr (util.o only, for out of memory)" \
	"$(users 'stderr|perror|warn|warnx|err|errx' $lib_objs | not_in util.o)"

# 7. private headers stay private
verdict "store_int.h is included by store*.c only" \
	"$(includers '"store_int\.h"' $srcs | not_in $(cd src && ls store*.c store_int.h))"
verdict "deck_int.h is included by deck*.c only" \
	"$(includers '"deck_int\.h"' $srcs | not_in $(cd src && ls deck*.c deck_int.h))"

verdict "server_int.h is included by server*.c only" \
	"$(includers '"server_int\.h"' $srcs | not_in $(cd src && ls server*.c server_int.h))"

# 8. short functions
verdict "no function in src/ is over 80 lines (or the comment above says why)" \
	"$(awk -f tests/rules/funclen.awk src/*.c)"

# 9. the graph in HACKING.md
want=$(tests/rules/graph.sh)
have=$(sed -n '/^<!-- graph: begin/,/^<!-- graph: end/p' HACKING.md | sed '1d;$d')
verdict "HACKING.md's module graph is current (if not, run tests/rules/graph.sh --update)" \
	"$(diff <(printf '%s\n' "$have") <(printf '%s\n' "$want"))"
