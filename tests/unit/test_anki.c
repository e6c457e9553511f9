/*
 * test_anki.c: the real Anki packages in tests/fixtures/anki read through
 * anki.h: their collection file and schema, every note with its type,
 * fields, tags and deck, and the review log with each card's note and
 * ordinal (what an import of review history needs); and files that are
 * not packages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "swot/anki.h"
#include "testhelp.h"

#define EV "tests/fixtures/anki/english-vocab-2023.apkg"
#define BG "tests/fixtures/anki/bg-hashtable.colpkg"

struct notes_seen {
	size_t n, cloze, three_gaps, with_deck, fields2;
	int64_t last_id;
	int ordered;
};

static int on_note(void *ctx, const struct anki_note *n)
{
	struct notes_seen *s = ctx;
	s->ordered &= n->id > s->last_id;
	s->last_id = n->id;
	s->n++;
	s->cloze += n->cloze && !strcmp(n->notetype, "Cloze");
	s->with_deck += n->deck != NULL;
	s->fields2 += n->n_fields == 2 && !strcmp(n->field_names[0], "Text") &&
		      !strcmp(n->field_names[1], "Extra");
	s->three_gaps += n->n_fields && strstr(n->fields[0], "{{c3::") != NULL;
	return 0;
}

struct reviews_seen {
	size_t n, with_note, eases_ok;
	int64_t last;
	int ordered;
};

static int on_review(void *ctx, const struct anki_review *r)
{
	struct reviews_seen *s = ctx;
	s->ordered &= r->id >= s->last;
	s->last = r->id;
	s->n++;
	s->with_note += r->note_id != 0 && r->card_id != 0 && r->ord >= 0 && r->ord < 3;
	s->eases_ok += r->ease >= 0 && r->ease <= 4;
	return 0;
}

static int stop_at_first(void *ctx, const struct anki_note *n)
{
	(void)n;
	++*(int *)ctx;
	return 7;
}

int main(void)
{
	test_plan(18);
	struct swot_err err = { 0 };
	struct anki_package *p = NULL;

	CHECK("english-vocab-2023.apkg opens", anki_open(EV, &p, &err) == 0 && p);
	if (!p)
		return test_done();
	CHECK_STR("it reads collection.anki21, not the stub", anki_collection_file(p),
		  "collection.anki21");
	CHECK("its schema is 11", anki_schema(p) == 11);
	CHECK("it has no media", anki_media_count(p) == 0);
	struct notes_seen ns = { 0, 0, 0, 0, 0, 0, 1 };
	CHECK("its notes are read", anki_each_note(p, on_note, &ns, &err) == 0);
	CHECK("22 notes, in id order", ns.n == 22 && ns.ordered);
	CHECK("all cloze notes, with their type's two fields, Text and Extra", ns.cloze == 22 && ns.fields2 == 22);
	CHECK("each note's deck is known", ns.with_deck == 22);
	CHECK("four notes have a third deletion", ns.three_gaps == 4);
	struct reviews_seen rs = { 0, 0, 0, 0, 1 };
	CHECK("its review log is read", anki_each_review(p, on_review, &rs, &err) == 0);
	CHECK("94 reviews in time order", rs.n == 94 && rs.ordered);
	CHECK("each review has its card, note and ordinal", rs.with_note == 94 && rs.eases_ok == 94);
	int calls = 0;
	CHECK("a callback's non-zero value stops the walk and is returned",
	      anki_each_note(p, stop_at_first, &calls, &err) == 7 && calls == 1);
	anki_close(p);

	p = NULL;
	CHECK("bg-hashtable.colpkg opens", anki_open(BG, &p, &err) == 0 && p);
	if (p) {
		ns = (struct notes_seen){ 0, 0, 0, 0, 0, 0, 1 };
		CHECK("it reads the zstd collection.anki21b, schema 18",
		      !strcmp(anki_collection_file(p), "collection.anki21b") && anki_schema(p) == 18);
		anki_each_note(p, on_note, &ns, &err);
		CHECK("14 cloze notes", ns.n == 14 && ns.cloze == 14);
		anki_close(p);
	}

	p = NULL;
	int rc = anki_open("tests/fixtures/anki/README.md", &p, &err);
	CHECK("a text file is not a package, and the message says what it is",
	      rc == SWOT_EINVAL && !p && strstr(err.msg, "not an Anki package"));
	rc = anki_open("tests/fixtures/anki/no-such.apkg", &p, &err);
	CHECK("a missing file cannot be read", rc == SWOT_EIO && !p);
	return test_done();
}
