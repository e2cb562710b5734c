# metastat: extract statistics from clinical articles and pool them.
# `make run` and `make check` install missing Debian packages first (as root),
# then re-enter make so that pkg-config sees them.

CC       ?= cc
CFLAGS   ?= -O2 -g
CPPFLAGS ?=
LDFLAGS  ?=
PKG_CONFIG ?= pkg-config

# Libraries the programs link; cmocka only for the tests.
PKGS      = libpcre2-8 libxml-2.0 gsl jansson cairo fontconfig poppler-glib
TEST_PKGS = cmocka

WARN     = -std=c11 -Wall -Wextra -D_GNU_SOURCE
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS   := $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

# B: where objects go; BIN: where the programs go. Overridable, so that several builds
# (release, sanitized, a developer's scratch build) never write over each other.
ifdef SANITIZE
SANFLAGS = -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
B   ?= build/san
BIN ?= $(B)/bin
else
SANFLAGS =
B   ?= build/rel
BIN ?= bin
endif

ALL_CFLAGS  = $(WARN) $(CFLAGS) $(SANFLAGS)
ALL_CPPFLAGS = -Iinclude -Ilib -Iextract -Ipool $(CPPFLAGS) $(PKG_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)
LIBS = $(PKG_LIBS) -lm

# Everything but the two mains lives in static libraries: the shared one (lib/: records,
# numbers) and one per program; both programs and every test link them.
COM_SRC  = $(wildcard lib/*.c)
EX_SRC   = $(filter-out extract/main.c,$(wildcard extract/*.c))
POOL_SRC = $(filter-out pool/main.c,$(wildcard pool/*.c))
LIB_OBJ  = $(COM_SRC:%.c=$(B)/%.o) $(EX_SRC:%.c=$(B)/%.o) $(POOL_SRC:%.c=$(B)/%.o)
LIBCOM   = $(B)/libcommon.a
LIBEX    = $(B)/libextract.a
LIBPOOL  = $(B)/libpool.a
LIBA     = $(LIBEX) $(LIBPOOL) $(LIBCOM)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
PROGS    = $(BIN)/extract $(BIN)/pool

.PHONY: all deps run check test regen bench fuzz clean unit
all: $(PROGS)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(LIBCOM): $(COM_SRC:%.c=$(B)/%.o)
	@rm -f $@
	$(AR) rcs $@ $^
$(LIBEX): $(EX_SRC:%.c=$(B)/%.o)
	@rm -f $@
	$(AR) rcs $@ $^
$(LIBPOOL): $(POOL_SRC:%.c=$(B)/%.o)
	@rm -f $@
	$(AR) rcs $@ $^

$(BIN)/extract: $(B)/extract/main.o $(LIBEX) $(LIBCOM)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(BIN)/pool: $(B)/pool/main.o $(LIBPOOL) $(LIBCOM)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(B)/tests/%: tests/unit/%.c $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(TEST_CFLAGS) $(ALL_CFLAGS) -o $@ $< $(LIBA) $(ALL_LDFLAGS) $(TEST_LIBS) $(LIBS)

# One unit test alone: make unit T=test_conv
unit: $(B)/tests/$(T)
	LC_ALL=C $(B)/tests/$(T)

deps:
	@sh scripts/deps.sh

# What a reviewer runs: corpus/ -> out/.
run: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/run.sh $(BIN)

# Every test: cmocka units, then end-to-end cases; the last line is "N passed, M failed".
check: deps
	@$(MAKE) --no-print-directory test

test: all $(UNIT_BIN)
	@LC_ALL=C sh tests/run.sh $(B) $(BIN)

# Rewrite end-to-end expectations from the current build, for review with git diff.
regen: all
	@LC_ALL=C REGEN=1 sh tests/run.sh $(B) $(BIN)

bench: all
	@sh bench/run.sh $(BIN)

# Fuzzing (libFuzzer, needs clang): `make fuzz` builds one target per reader,
# build/fuzz/fuzz_{txt,xml,html,pdf}, from tests/fuzz/fuzz_*.c against the extractor library
# compiled with clang, ASan and UBSan. Run one at a time (2 shared cores), e.g.
#   build/fuzz/fuzz_xml -max_total_time=600 -rss_limit_mb=2048 -timeout=10 \
#       -artifact_prefix=tests/fuzz/crashes/ build/fuzz/corpus_xml tests/fuzz/seeds/xml
# Seeds live in tests/fuzz/seeds/<reader>/; keep crash inputs in tests/fuzz/crashes/ and add
# each, once fixed, as a regression unit test.
FUZZ_B = build/fuzz
fuzz:
	@$(MAKE) --no-print-directory CC=clang B=$(FUZZ_B) BIN=$(FUZZ_B)/bin SANITIZE=address,undefined \
		CFLAGS="-O1 -g -fsanitize=fuzzer-no-link" $(FUZZ_B)/libextract.a $(FUZZ_B)/libcommon.a
	@for f in $(wildcard tests/fuzz/fuzz_*.c); do n=$$(basename $$f .c); \
		echo "clang -fsanitize=fuzzer,address,undefined -o $(FUZZ_B)/$$n $$f"; \
		clang $(ALL_CPPFLAGS) -std=c11 -Wall -Wextra -D_GNU_SOURCE -O1 -g \
			-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -o $(FUZZ_B)/$$n $$f \
			$(FUZZ_B)/libextract.a $(FUZZ_B)/libcommon.a $(LIBS) || exit 1; done

clean:
	rm -rf build bin

-include $(LIB_OBJ:.o=.d) $(B)/extract/main.d $(B)/pool/main.d
