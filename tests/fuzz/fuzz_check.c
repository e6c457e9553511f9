/*
 * fuzz_check.c: answer checking on any text.  The input is the typed
 * answer, a newline, then the accepted answer.  Invariants: normalising is
 * idempotent (check_normalize of its own result changes nothing); an
 * answer is right against itself; a verdict is one of the three; the diff
 * and a hint of every level render.
 */
#include "fuzz/fuzz.h"
#include "swot/check.h"

static void check_idempotent(const char *s)
{
	char *n1 = check_normalize(s);
	if (!n1)
		return;
	char *n2 = check_normalize(n1);
	if (!n2 || strcmp(n1, n2))
		fuzz_fail("check_normalize is not idempotent", n1);
	free(n2);
	free(n1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096) /* answers are lines; longer ones only slow the search */
		return 0;
	char *typed = fuzz_cstr(data, size);
	char *nl = strchr(typed, '\n');
	const char *accepted = nl ? nl + 1 : typed;
	if (nl)
		*nl = '\0';
	check_idempotent(typed);
	check_idempotent(accepted);

	struct check_result r;
	struct strbuf sb = STRBUF_INIT;
	check_result_init(&r);
	if (check_answer(typed, &accepted, 1, &accepted, 1, &r) == 0) {
		if (r.verdict != CHECK_WRONG && r.verdict != CHECK_ALMOST &&
		    r.verdict != CHECK_RIGHT)
			fuzz_fail("verdict out of range", typed);
		check_diff_render(&r.diff, 0, &sb);
		check_diff_render(&r.diff, 1, &sb);
	}
	char *n = check_normalize(accepted);
	if (n && *n && check_answer(accepted, &accepted, 1, NULL, 0, &r) == 0 &&
	    r.verdict != CHECK_RIGHT)
		fuzz_fail("an answer is not right against itself", accepted);
	free(n);
	const char *gaps[2] = {typed, accepted};
	check_cloze(gaps, 2, gaps + 1, 1, &r);
	for (int level = 0; level < 3; level++)
		check_hint(accepted, level, &sb);
	strbuf_release(&sb);
	check_result_release(&r);
	free(typed);
	return 0;
}
