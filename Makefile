# swot: one non-recursive Makefile.
#
#   make            build ./swot (installing missing Debian packages first)
#   make run        build and start swot on the shipped decks
#   make check      every test, then every test again under ASan + UBSan
#   make bench      the benchmarks, printing their figures
#   make install    PREFIX=/usr/local (DESTDIR honoured)
#   make deps       install the Debian packages swot and its tests need
#
# WERROR= (empty) turns warnings back into warnings.

PREFIX ?= /usr/local
CC ?= cc
WERROR ?= -Werror
PKGS := sqlite3 libcjson readline libutf8proc
VERSION := $(shell sed -n 's/^\#define SWOT_VERSION "\(.*\)"/\1/p' include/swot/version.h)

WARNINGS := -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion \
	-Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wundef \
	-Wwrite-strings -Wold-style-definition -Wvla -Wno-format-nonliteral
BASE_CFLAGS := -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Iinclude -Isrc -Itests $(WARNINGS) $(WERROR) -MMD -MP
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
OPT_CFLAGS := -O2 -g
SAN_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

# Module sources make the library every binary links; main.c and cmd_*.c
# make the command line on top of it.
SRC := $(wildcard src/*.c)
CMD_SRC := src/main.c src/cli.c $(wildcard src/cmd_*.c)
LIB_SRC := $(filter-out $(CMD_SRC),$(SRC))
UNIT_SRC := $(wildcard tests/unit/test_*.c)
MIGRATIONS := $(sort $(wildcard schema/[0-9][0-9][0-9][0-9]_*.sql))
SHIPPED_DECKS := $(filter-out decks/template.json,$(sort $(wildcard decks/*.json)))

.PHONY: all run check bench install deps clean
# Keep the object files of the test programs between runs.
.SECONDARY:
all: deps swot

# $(call objects,BUILDDIR,SOURCES)
objects = $(patsubst %.c,$(1)/%.o,$(2))

define build_rules
$(1)/%.o: %.c | deps-done
	@mkdir -p $$(dir $$@)
	$$(CC) $(2) $$(BASE_CFLAGS) $$(PKG_CFLAGS) -c $$< -o $$@

$(1)/embedded.c: $(1)/embed $$(MIGRATIONS) $$(SHIPPED_DECKS)
	{ $(1)/embed embedded_migrations $$(MIGRATIONS) && \
	  $(1)/embed embedded_decks $$(SHIPPED_DECKS) | sed 1,2d; } > $$@.tmp && mv $$@.tmp $$@

$(1)/embedded.o: $(1)/embedded.c
	$$(CC) $(2) -std=c17 -Iinclude -c $$< -o $$@

$(1)/embed: src/tools/embed.c
	@mkdir -p $(1)
	$$(CC) -O1 -std=c17 $$< -o $$@

$(1)/libswot.a: $$(call objects,$(1),$$(LIB_SRC)) $(1)/embedded.o
	rm -f $$@ && ar rcs $$@ $$^

$(1)/swot: $$(call objects,$(1),$$(CMD_SRC)) $(1)/libswot.a
	$$(CC) $(2) $$^ $$(PKG_LIBS) -o $$@

$(1)/tests/%: $(1)/tests/unit/%.o $(1)/libswot.a
	@mkdir -p $$(dir $$@)
	$$(CC) $(2) $$^ $$(PKG_LIBS) -o $$@

$(1)/all-tests: $(1)/swot $$(patsubst tests/unit/%.c,$(1)/tests/%,$$(UNIT_SRC))
endef

$(eval $(call build_rules,build,$(OPT_CFLAGS)))
$(eval $(call build_rules,build-san,$(SAN_CFLAGS)))

swot: build/swot
	cp build/swot swot

run: all
	./swot

# Each pass prints its own lines; tests/run sums both into the last line.
check: deps build/all-tests build-san/all-tests
	@tests/run build build-san

bench: all
	@tests/bench/run build

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/swot/decks
	install -m 755 build/swot $(DESTDIR)$(PREFIX)/bin/swot
	install -m 644 decks/*.json $(DESTDIR)$(PREFIX)/share/swot/decks

# The Debian packages swot builds with and its tests use.
DEB_PKGS := gcc make pkg-config libsqlite3-dev libcjson-dev libreadline-dev \
	libutf8proc-dev python3 python3-pexpect python3-jsonschema chromium
deps:
	@missing=$$(for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing:" $$missing; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
				apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
		else \
			echo "swot needs these packages; run as root:"; \
			echo "  apt-get install" $$missing; exit 1; \
		fi; \
	fi
deps-done: deps
.PHONY: deps-done

clean:
	rm -rf build build-san swot

-include $(shell find build build-san -name '*.d' 2>/dev/null)
