/*
 * fuzz_progfile.c: the progress file reader (swot class) on any bytes,
 * and the class report over whatever it accepts.  Invariants: a refused
 * file says why; an accepted one writes bytes that read back and write
 * the same bytes again; the class over it is computed and written as
 * JSON, or refused with a message.
 */
#include "fuzz/fuzz.h"
#include "swot/class.h"
#include "swot/progfile.h"

/* The class report over p (taken over), as swot class --json would. */
static void class_over(struct progfile *p)
{
	struct class c;
	struct swot_err err = {0};
	struct strbuf sb = STRBUF_INIT;
	class_init(&c, 1800000000, 0.7);
	class_add(&c, "fuzz.json", p);
	if (class_compute(&c, NULL, 0, &err) == 0) {
		class_json(&sb, &c);
		class_html(&sb, &c);
	} else if (!err.msg[0]) {
		fuzz_fail("a class refused without a message", NULL);
	}
	strbuf_release(&sb);
	class_release(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct progfile p, q;
	struct swot_err err = {0};
	if (size > (1u << 20))
		return 0;
	if (progfile_parse((const char *)data, size, &p, &err)) {
		if (!err.msg[0])
			fuzz_fail("a refused progress file without a message", NULL);
		progfile_release(&p);
		return 0;
	}
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	progfile_write(&a, &p);
	if (progfile_parse(a.buf, a.len, &q, &err))
		fuzz_fail("what the writer wrote does not read back", err.msg);
	progfile_write(&b, &q);
	if (a.len != b.len || memcmp(a.buf, b.buf, a.len))
		fuzz_fail("written twice, not the same bytes", NULL);
	progfile_release(&q);
	strbuf_release(&a);
	strbuf_release(&b);
	class_over(&p);
	progfile_release(&p);
	return 0;
}
