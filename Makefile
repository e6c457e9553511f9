# swot: one non-recursive Makefile.
#
#   make            build ./swot (installing the Debian packages it needs first)
#   make run        build and start swot on the shipped decks
#   make check      every test, then every test again under ASan + UBSan
#                   (installing the test tools first)
#   make bench      the benchmarks, printing their figures
#   make install    swot, its man page, decks and schemas under PREFIX:
#                   /usr/local for root, ~/.local otherwise (DESTDIR honoured)
#   make deps       install the Debian packages swot needs to build and run
#   make deps-test  ... and those its tests and benchmarks use
#   make fuzz       the libFuzzer targets, FUZZ_SECONDS each (installs clang)
#
# V=1 shows every command in full.  WERROR= (empty) turns warnings back
# into warnings.

PREFIX ?= $(if $(filter 0,$(shell id -u)),/usr/local,$(HOME)/.local)
DATADIR := $(PREFIX)/share/swot
MANDIR := $(PREFIX)/share/man/man1
CC ?= cc
WERROR ?= -Werror
PKGS := sqlite3 libcjson readline libutf8proc libzip libzstd libpq
VERSION := $(shell sed -n 's/^\#define SWOT_VERSION "\(.*\)"/\1/p' include/swot/version.h)

WARNINGS := -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion \
	-Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wundef \
	-Wwrite-strings -Wold-style-definition -Wvla -Wno-format-nonliteral
BASE_CFLAGS := -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Iinclude -Isrc -Itests $(WARNINGS) $(WERROR) -MMD -MP
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm
OPT_CFLAGS := -O2 -g
FUZZ_CFLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_SECONDS ?= 60
SAN_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

# Module sources make the library every binary links; main.c, cli.c and
# cmd_*.c make the command line on top of it, with the FSRS vector reader,
# which only test-fsrs uses.
SRC := $(wildcard src/*.c)
CMD_SRC := src/main.c src/cli.c src/fsrs_vectors.c $(wildcard src/cmd_*.c)
LIB_SRC := $(filter-out $(CMD_SRC),$(SRC))
UNIT_SRC := $(wildcard tests/unit/test_*.c)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
MIGRATIONS := $(sort $(wildcard schema/[0-9][0-9][0-9][0-9]_*.sql))
SERVER_MIGRATIONS := $(sort $(wildcard schema/server/[0-9][0-9][0-9][0-9]_*.sql))
SHIPPED_DECKS := $(filter-out decks/template.json,$(sort $(wildcard decks/*.json)))

.PHONY: all run check bench fuzz install deps deps-test deps-fuzz clean
# Keep the object files of the test programs between runs.
.SECONDARY:
all: deps swot

# Quiet by default, one line a step, as kbuild and Git print: V=1 for all.
ifeq ($(V),1)
Q :=
say :=
else
Q := @
say = @printf '  %-6s %s\n' $(1) $(2);
endif

# $(call objects,BUILDDIR,SOURCES)
objects = $(patsubst %.c,$(1)/%.o,$(2))

define build_rules
$(1)/%.o: %.c | deps-done
	@mkdir -p $$(dir $$@)
	$$(call say,CC,$$@)
	$$(Q)$$(CC) $(2) $$(BASE_CFLAGS) $$(PKG_CFLAGS) -c $$< -o $$@

$(1)/embedded.c: $(1)/embed $$(MIGRATIONS) $$(SERVER_MIGRATIONS) $$(SHIPPED_DECKS)
	$$(call say,EMBED,$$@)
	$$(Q){ $(1)/embed embedded_migrations $$(MIGRATIONS) && \
	  $(1)/embed embedded_server_migrations $$(SERVER_MIGRATIONS) | sed 1,2d && \
	  $(1)/embed embedded_decks $$(SHIPPED_DECKS) | sed 1,2d; } > $$@.tmp && mv $$@.tmp $$@

# Where make install puts the decks, for swot help; rewritten only when
# PREFIX changes, so that an install elsewhere relinks swot.
$(1)/datadir.c: FORCE
	@mkdir -p $(1)
	@printf 'const char swot_datadir[] = "%s";\n' '$$(DATADIR)' | cmp -s - $$@ || \
		printf 'const char swot_datadir[] = "%s";\n' '$$(DATADIR)' > $$@

$(1)/%.o: $(1)/%.c
	$$(call say,CC,$$@)
	$$(Q)$$(CC) $(2) -std=c17 -Iinclude -c $$< -o $$@

$(1)/embed: src/tools/embed.c
	@mkdir -p $(1)
	$$(call say,CC,$$@)
	$$(Q)$$(CC) -O1 -std=c17 $$< -o $$@

$(1)/libswot.a: $$(call objects,$(1),$$(LIB_SRC)) $(1)/embedded.o
	$$(call say,AR,$$@)
	$$(Q)rm -f $$@ && ar rcs $$@ $$^

$(1)/swot: $$(call objects,$(1),$$(CMD_SRC)) $(1)/datadir.o $(1)/libswot.a
	$$(call say,LINK,$$@)
	$$(Q)$$(CC) $(2) $$^ $$(PKG_LIBS) -o $$@

$(1)/tests/%: $(1)/tests/unit/%.o $(1)/libswot.a
	@mkdir -p $$(dir $$@)
	$$(call say,LINK,$$@)
	$$(Q)$$(CC) $(2) $$^ $$(PKG_LIBS) -o $$@

# A fuzz target linked with the replay driver instead of libFuzzer (and
# the FSRS vector reader, which is not in the library).
$(1)/fuzz/replay-%: $(1)/tests/fuzz/%.o $(1)/tests/fuzz/replay.o $(1)/src/fsrs_vectors.o $(1)/libswot.a
	@mkdir -p $$(dir $$@)
	$$(call say,LINK,$$@)
	$$(Q)$$(CC) $(2) $$^ $$(PKG_LIBS) -o $$@

$(1)/all-tests: $(1)/swot $$(patsubst tests/unit/%.c,$(1)/tests/%,$$(UNIT_SRC)) \
	$$(patsubst tests/fuzz/%.c,$(1)/fuzz/replay-%,$$(FUZZ_SRC))
endef

$(eval $(call build_rules,build,$(OPT_CFLAGS)))
$(eval $(call build_rules,build-san,$(SAN_CFLAGS)))
$(eval $(call build_rules,build-fuzz,$(FUZZ_CFLAGS)))

build-fuzz/fuzz/%: build-fuzz/tests/fuzz/%.o build-fuzz/src/fsrs_vectors.o build-fuzz/libswot.a
	@mkdir -p $(dir $@)
	$(call say,LINK,$@)
	$(Q)$(CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $^ $(PKG_LIBS) -o $@

# libFuzzer with ASan + UBSan: each target FUZZ_SECONDS seconds from its
# corpus in tests/fuzz/corpus; crashes land in tests/fuzz/crashes.
fuzz: deps-fuzz
	@$(MAKE) --no-print-directory CC=clang WERROR= \
		$(patsubst tests/fuzz/%.c,build-fuzz/fuzz/%,$(FUZZ_SRC))
	@tests/fuzz/run build-fuzz $(FUZZ_SECONDS)

swot: build/swot
	$(Q)cp build/swot swot

run: all
	./swot

# Each pass prints its own lines; tests/run sums both into the last line.
check: deps-test build/all-tests build-san/all-tests
	@tests/run build build-san

bench: all deps-test
	@tests/bench/run build

install: all
	$(Q)install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR) \
		$(DESTDIR)$(DATADIR)/decks $(DESTDIR)$(DATADIR)/schema
	$(Q)install -m 755 build/swot $(DESTDIR)$(PREFIX)/bin/swot
	$(Q)install -m 644 doc/swot.1 $(DESTDIR)$(MANDIR)/swot.1
	$(Q)install -m 644 decks/*.json $(DESTDIR)$(DATADIR)/decks
	$(Q)install -m 644 schema/*.json schema/README.md $(DESTDIR)$(DATADIR)/schema
	@echo "swot is installed: $(PREFIX)/bin/swot (man swot; decks and the deck" \
		"template in $(DATADIR))"
	@case ":$$PATH:" in *":$(PREFIX)/bin:"*) ;; \
		*) echo "$(PREFIX)/bin is not on your PATH: add it, e.g." \
			"export PATH=\"$(PREFIX)/bin:\$$PATH\"";; esac

# The Debian packages swot builds and runs with, and those only its tests
# and benchmarks use (make check and make bench install them).
BUILD_PKGS := gcc make pkg-config libsqlite3-dev libcjson-dev libreadline-dev \
	libutf8proc-dev libcsv-dev libzip-dev libzstd-dev libpq-dev
TEST_PKGS := python3 python3-pexpect python3-jsonschema chromium sqlite3 time \
	man-db mandoc zstd postgresql

# $(call apt_install,PACKAGES,WHAT THEY ARE FOR)
define apt_install
	@missing=$$(for p in $(1); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing the packages $(2):" $$missing; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
				apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
		else \
			echo "$(2) these packages; run as root:"; \
			echo "  apt-get install" $$missing; exit 1; \
		fi; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_PKGS),swot needs)
deps-test: deps
	$(call apt_install,$(TEST_PKGS),swot's tests need)
# clang and its libFuzzer runtime, for make fuzz only.
FUZZ_PKGS := clang libclang-rt-14-dev
deps-fuzz: deps
	$(call apt_install,$(FUZZ_PKGS),make fuzz needs)
deps-done: deps
.PHONY: deps-done FORCE

clean:
	rm -rf build build-san build-fuzz swot

-include $(shell find build build-san build-fuzz -name '*.d' 2>/dev/null)
