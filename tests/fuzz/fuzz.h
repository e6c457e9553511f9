/*
 * fuzz.h: what every fuzz target shares.  A target defines
 * LLVMFuzzerTestOneInput; it is linked either with libFuzzer (make fuzz)
 * or with replay.c (make check), which feeds it each file of its corpus
 * and crash reproducers once.  A broken invariant calls fuzz_fail, which
 * aborts, so both drivers report it as a crash.
 */
#ifndef SWOT_FUZZ_H
#define SWOT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Prints what broke and aborts. */
static inline void fuzz_fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz invariant broken: %s: %s\n", what, detail ? detail : "");
	abort();
}

/* size bytes of data as a NUL-terminated string (cut at an inner NUL);
 * caller frees. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
