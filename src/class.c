/*
 * class.c: the class model and its computation (see class.h); the
 * renderers are in class_out.c.
 */
#include "swot/class.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "swot/exam.h"
#include "swot/learnday.h"
#include "swot/readiness.h"

#define DAY 86400

void class_init(struct class *c, int64_t now, double threshold)
{
	memset(c, 0, sizeof *c);
	c->now = now;
	c->at = now;
	c->threshold = threshold;
	strmap_init(&c->card_ids);
	strlist_init(&c->problems);
}

static void student_release(struct class_student *s)
{
	free(s->source);
	progfile_release(&s->p);
	free(s->topic);
	free(s->card_r);
	free(s->card_fc);
	free(s->mine);
}

void class_release(struct class *c)
{
	for (size_t i = 0; i < c->n_students; i++)
		student_release(&c->students[i]);
	free(c->students);
	for (size_t i = 0; i < c->n_cards; i++)
		free(c->cards[i].prompt);
	free(c->cards);
	for (size_t i = 0; i < c->n_topics; i++) {
		free(c->topics[i].kind);
		free(c->topics[i].id);
		free(c->topics[i].name);
	}
	free(c->topics);
	free(c->deck);
	strmap_release(&c->card_ids);
	strlist_release(&c->problems);
	memset(c, 0, sizeof *c);
}

void class_add(struct class *c, const char *source, struct progfile *p)
{
	for (size_t i = 0; i < c->n_students; i++) {
		struct class_student *s = &c->students[i];
		if (strcmp(s->p.student, p->student))
			continue;
		int newer = p->exported_at >= s->p.exported_at;
		char *line = xasprintf("%s and %s are the same student (%s, %.8s): using %s, %s",
				       s->source, source, p->name, p->student,
				       newer ? source : s->source,
				       p->exported_at == s->p.exported_at
					       ? "given last (both exported at the same time)"
					       : "the newer");
		strlist_push_owned(&c->problems, line);
		if (newer) {
			progfile_release(&s->p);
			free(s->source);
			s->p = *p;
			s->source = xstrdup(source);
		} else {
			progfile_release(p);
		}
		memset(p, 0, sizeof *p);
		return;
	}
	if (c->n_students == c->alloc_students) {
		c->alloc_students = c->alloc_students ? 2 * c->alloc_students : 32;
		c->students = xrealloc(c->students, c->alloc_students * sizeof *c->students);
	}
	struct class_student *s = &c->students[c->n_students++];
	memset(s, 0, sizeof *s);
	s->source = xstrdup(source);
	s->p = *p;
	memset(p, 0, sizeof *p);
}

/* ---- choosing the deck ---- */

static int studied_any(const struct progfile_deck *d)
{
	for (size_t i = 0; i < d->n_cards; i++)
		if (d->cards[i].f.state != FSRS_NEW)
			return 1;
	return 0;
}

/* Every deck id in the files, each once, in the order first met. */
static void deck_ids(const struct class *c, struct strlist *ids)
{
	for (size_t i = 0; i < c->n_students; i++)
		for (size_t j = 0; j < c->students[i].p.n_decks; j++) {
			const char *id = c->students[i].p.decks[j].id;
			size_t k = 0;
			while (k < ids->n && strcmp(ids->items[k], id))
				k++;
			if (k == ids->n)
				strlist_push(ids, id);
		}
}

/* The deck every file has when there is one such, else the deck most
 * files have studied, if one leads. */
static int choose_deck(struct class *c, struct swot_err *err)
{
	struct strlist ids = STRLIST_INIT;
	size_t best = 0, best_n = 0, ties = 0, in_all = 0, all_at = 0;
	deck_ids(c, &ids);
	for (size_t k = 0; k < ids.n; k++) {
		size_t have = 0, studied = 0;
		for (size_t i = 0; i < c->n_students; i++) {
			const struct progfile_deck *d = progfile_deck_find(&c->students[i].p,
									   ids.items[k]);
			have += d != NULL;
			studied += d && studied_any(d);
		}
		if (have == c->n_students) {
			in_all++;
			all_at = k;
		}
		if (studied > best_n) {
			best = k;
			best_n = studied;
			ties = 0;
		} else if (studied == best_n) {
			ties++;
		}
	}
	int rc = SWOT_OK;
	if (in_all == 1)
		c->deck = xstrdup(ids.items[all_at]);
	else if (ids.n && best_n && !ties)
		c->deck = xstrdup(ids.items[best]);
	else if (ids.n) {
		char *names = strlist_join(&ids, ", ");
		rc = swot_err_set(err, SWOT_EINVAL,
				  "the files hold several decks (%s): choose one with --deck DECK",
				  names);
		free(names);
	} else {
		rc = swot_err_set(err, SWOT_EINVAL, "no deck in any file");
	}
	strlist_release(&ids);
	return rc;
}

/* Leaves out the students whose file lacks the deck, saying so. */
static void keep_deck_holders(struct class *c)
{
	size_t out = 0;
	for (size_t i = 0; i < c->n_students; i++) {
		struct class_student *s = &c->students[i];
		s->deck = progfile_deck_find(&s->p, c->deck);
		if (s->deck) {
			c->students[out++] = *s;
			continue;
		}
		struct strlist have = STRLIST_INIT;
		for (size_t j = 0; j < s->p.n_decks; j++)
			strlist_push(&have, s->p.decks[j].id);
		char *names = strlist_join(&have, ", ");
		strlist_push_owned(&c->problems,
				   xasprintf("%s: no deck \"%s\" in it (it has: %s)", s->source,
					     c->deck, have.n ? names : "no deck"));
		free(names);
		strlist_release(&have);
		student_release(s);
	}
	c->n_students = out;
}

/* ---- the class's cards: the union of the files' ---- */

static long card_index(const struct class *c, const char *id)
{
	size_t k = strmap_get(&c->card_ids, id, strlen(id));
	return k == STRMAP_NONE ? -1 : (long)k;
}

/* Students are sorted first (by name, then id): the cards come in the
 * first student's deck order, then any others in the next students',
 * each described as the first file holding it has it, whatever order the
 * files were given in. */
static void build_cards(struct class *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n_students; i++)
		n += c->students[i].deck->n_cards;
	c->cards = xcalloc(n ? n : 1, sizeof *c->cards);
	strmap_reserve(&c->card_ids, c->n_students ? c->students[0].deck->n_cards : 0);
	for (size_t i = 0; i < c->n_students; i++) {
		struct class_student *s = &c->students[i];
		s->mine = xcalloc(n ? n : 1, sizeof *s->mine);
		for (size_t j = 0; j < s->deck->n_cards; j++) {
			const struct progfile_card *pc = &s->deck->cards[j];
			size_t k = strmap_add(&c->card_ids, pc->id, strlen(pc->id), c->n_cards);
			if (k == STRMAP_NONE) {
				k = c->n_cards++;
				c->cards[k].c = pc;
			}
			s->mine[k] = pc;
		}
	}
}

static int cmp_student_name(const void *a, const void *b)
{
	const struct class_student *x = a, *y = b;
	int d = strcmp(x->p.name, y->p.name);
	return d ? d : strcmp(x->p.student, y->p.student);
}

void class_set_prompt(struct class *c, const char *id, const char *prompt)
{
	long k = card_index(c, id);
	if (k >= 0 && prompt) {
		free(c->cards[k].prompt);
		c->cards[k].prompt = xstrdup(prompt);
	}
}

/* ---- one student ---- */

static void student_params(const struct progfile_deck *d, struct fsrs_params *p)
{
	struct swot_err err;
	fsrs_params_default(p);
	p->desired_retention = d->desired_retention;
	if (fsrs_params_set_weights(p, d->weights, FSRS_N_WEIGHTS, &err))
		fsrs_params_default(p); /* weights swot would refuse: its own */
}

/* readiness_compute's mean over the class's cards with the states in
 * view (c fields already set), at the class's moment; and, when the
 * file says how the student has been studying, the forecast from its
 * export, as swot readiness gave it then. */
static double mean_readiness(const struct class *c, struct class_student *s,
			     const struct store_card *view, const struct fsrs_params *p,
			     int rollover)
{
	struct readiness r;
	struct forecast_basis b;
	struct readiness_opts o = {
		.params = p,
		.rollover_hour = rollover,
		.new_per_day = 20,
		.new_cap = EXAM_NEW_CAP,
		.lead_days = EXAM_LEAD_DAYS,
		.skip_keep = 1,
		.skip_reach = 1,
	};
	int64_t from = s->p.exported_at;
	if (s->deck->has_study && c->at > from && from <= c->now) {
		forecast_basis_init(&b, from, rollover);
		memcpy(b.day, s->deck->study, sizeof b.day);
		struct fsrs_card *mem = xcalloc(c->n_cards ? c->n_cards : 1, sizeof *mem);
		for (size_t k = 0; k < c->n_cards; k++)
			mem[k] = view[k].f;
		forecast_basis_cards(&b, mem, c->n_cards);
		free(mem);
		o.basis = &b;
		readiness_compute(&r, view, c->n_cards, from, c->at, &o);
	} else if (c->at > c->now) {
		readiness_compute(&r, view, c->n_cards, c->now, c->at, &o);
	} else {
		readiness_compute(&r, view, c->n_cards, c->at, 0, &o);
	}
	double mean = r.mean;
	if (r.has_forecast) {
		s->has_forecast = 1;
		s->forecast = r.forecast.expected;
		s->forecast_low = r.forecast.low;
		s->forecast_high = r.forecast.high;
		s->card_fc = xcalloc(c->n_cards ? c->n_cards : 1, sizeof *s->card_fc);
		memcpy(s->card_fc, r.forecast.card_r, c->n_cards * sizeof *s->card_fc);
	}
	readiness_release(&r);
	return mean;
}

/* The card's memory as it was at t, from its review log. */
static void memory_at(const struct progfile_card *pc, int64_t t, struct fsrs_card *f)
{
	memset(f, 0, sizeof *f);
	for (size_t i = 0; pc && i < pc->n_reviews && pc->reviews[i].time <= t; i++) {
		if (pc->reviews[i].kind == STORE_LOG_DRILL)
			continue;
		f->state = FSRS_REVIEW;
		f->last_review = pc->reviews[i].time;
		f->stability = pc->reviews[i].stability;
	}
}

/* Learning days with an answer in the last CLASS_ACTIVE_DAYS, and the
 * time of the last answer. */
static void activity(const struct class *c, struct class_student *s, int rollover)
{
	int64_t today = learnday_of(c->now, rollover);
	char days[CLASS_ACTIVE_DAYS] = {0};
	for (size_t k = 0; k < c->n_cards; k++) {
		const struct progfile_card *pc = s->mine[k];
		if (!pc)
			continue;
		if (pc->f.state != FSRS_NEW && pc->f.last_review > s->last_studied)
			s->last_studied = pc->f.last_review;
		for (size_t i = 0; i < pc->n_reviews; i++) {
			int64_t t = pc->reviews[i].time;
			if (t > s->last_studied)
				s->last_studied = t;
			/* a local-time conversion only for the last fortnight's
			 * answers: a term's log has thousands */
			if (t > c->now || t < c->now - (CLASS_ACTIVE_DAYS + 2) * DAY)
				continue;
			int64_t ago = today - learnday_of(t, rollover);
			if (ago >= 0 && ago < CLASS_ACTIVE_DAYS)
				days[ago] = 1;
		}
	}
	s->days_active = -1;
	if (s->deck->has_reviews) {
		s->days_active = 0;
		for (int i = 0; i < CLASS_ACTIVE_DAYS; i++)
			s->days_active += days[i];
	}
}

static void student_compute(const struct class *c, struct class_student *s,
			    struct store_card *view)
{
	struct fsrs_params p;
	int h = s->deck->rollover_hour;
	student_params(s->deck, &p);
	s->card_r = xcalloc(c->n_cards ? c->n_cards : 1, sizeof *s->card_r);
	for (size_t k = 0; k < c->n_cards; k++) {
		const struct progfile_card *pc = s->mine[k];
		memset(&view[k].f, 0, sizeof view[k].f);
		if (pc)
			view[k].f = pc->f;
		else
			s->lacking++;
		s->seen += view[k].f.state != FSRS_NEW;
		s->card_r[k] = readiness_card_at(&p, &view[k].f, c->at, h);
	}
	s->readiness = mean_readiness(c, s, view, &p, h);
	s->ready = s->has_forecast ? s->forecast : s->readiness;
	s->change = NAN;
	if (s->deck->has_reviews && c->n_cards) {
		/* the same mean of readiness_card_at over the cards, from the
		 * memory of a week ago (the first figure is readiness_compute's
		 * own; this one needs no topics) */
		double then = 0;
		for (size_t k = 0; k < c->n_cards; k++) {
			struct fsrs_card f;
			memory_at(s->mine[k], c->now - CLASS_CHANGE_DAYS * DAY, &f);
			then += readiness_card_at(&p, &f, c->at, h);
		}
		s->change = s->readiness - then / (double)c->n_cards;
	}
	activity(c, s, h);
	s->risk = 0;
	if (s->ready < c->threshold && c->at > c->now &&
	    c->at - c->now <= CLASS_NEAR_DAYS * DAY)
		s->risk |= CLASS_RISK_LOW;
	if (!s->last_studied || c->now - s->last_studied >= CLASS_IDLE_DAYS * DAY)
		s->risk |= CLASS_RISK_IDLE;
}

/* At risk first, then the least ready. */
static int cmp_risk(const void *a, const void *b)
{
	const struct class_student *x = a, *y = b;
	if (!x->risk != !y->risk)
		return x->risk ? -1 : 1;
	if (x->ready != y->ready)
		return x->ready < y->ready ? -1 : 1;
	return cmp_student_name(a, b);
}

/* ---- the moment ---- */

/* The exam date most students have that is still ahead (the earliest of
 * equals), or 0. */
static int64_t common_exam(const struct class *c)
{
	int64_t best = 0;
	size_t best_n = 0;
	for (size_t i = 0; i < c->n_students; i++) {
		int64_t e = c->students[i].deck->exam_at;
		size_t n = 0;
		if (e <= c->now)
			continue;
		for (size_t j = 0; j < c->n_students; j++)
			n += c->students[j].deck->exam_at == e;
		if (n > best_n || (n == best_n && e < best)) {
			best = e;
			best_n = n;
		}
	}
	return best;
}

/* ---- topics and what the class forgets ---- */

static const char *topic_name(const struct class *c, int character, const char *id)
{
	for (size_t i = 0; i < c->n_students; i++) {
		const struct progfile_deck *d = c->students[i].deck;
		const struct progfile_name *v = character ? d->characters : d->themes;
		size_t n = character ? d->n_characters : d->n_themes;
		for (size_t j = 0; j < n; j++)
			if (!strcmp(v[j].id, id))
				return v[j].name;
	}
	return id;
}

/* The theme or character ids the cards bear on: the first student's
 * deck order first, then any others in card order.  Each id is looked
 * up in a hash map: a deck of 100,000 cards and 50 characters made a
 * list search of every card against every id. */
static void topic_ids(const struct class *c, int character, struct strlist *ids)
{
	struct strlist used = STRLIST_INIT;
	struct strmap seen = STRMAP_INIT, taken = STRMAP_INIT;
	for (size_t k = 0; k < c->n_cards; k++) {
		const struct strlist *l = character ? &c->cards[k].c->characters
						    : &c->cards[k].c->themes;
		for (size_t j = 0; j < l->n; j++)
			if (strmap_add(&seen, l->items[j], strlen(l->items[j]), used.n) ==
			    STRMAP_NONE)
				strlist_push(&used, l->items[j]);
	}
	/* the keys of seen are the cards' strings; ids gets copies */
	for (size_t i = 0; i < c->n_students && i < 1; i++) {
		const struct progfile_deck *d = c->students[i].deck;
		size_t n = character ? d->n_characters : d->n_themes;
		for (size_t j = 0; j < n; j++) {
			const char *id = character ? d->characters[j].id : d->themes[j].id;
			size_t u = strmap_get(&seen, id, strlen(id));
			if (u != STRMAP_NONE && strmap_add(&taken, used.items[u],
							   strlen(used.items[u]), u) == STRMAP_NONE)
				strlist_push(ids, id);
		}
	}
	for (size_t j = 0; j < used.n; j++)
		if (strmap_get(&taken, used.items[j], strlen(used.items[j])) == STRMAP_NONE)
			strlist_push(ids, used.items[j]);
	strmap_release(&seen);
	strmap_release(&taken);
	strlist_release(&used);
}

/* Topic ti's figures from its cards (indices into c->cards). */
static void topic_compute(struct class *c, struct class_topic *t, size_t ti,
			  const size_t *cards)
{
	double sum = 0;
	for (size_t i = 0; i < c->n_students; i++) {
		struct class_student *s = &c->students[i];
		double r = 0;
		const double *fig = s->card_fc ? s->card_fc : s->card_r;
		for (size_t j = 0; j < t->cards; j++)
			r += fig[cards[j]];
		s->topic[ti] = t->cards ? r / (double)t->cards : 0;
		sum += s->topic[ti];
	}
	t->mean = c->n_students ? sum / (double)c->n_students : 0;
	/* the weakest students: a short selection, students in risk order */
	for (size_t i = 0; i < c->n_students; i++) {
		size_t at = t->n_weakest;
		while (at > 0 && c->students[t->weakest[at - 1]].topic[ti] > c->students[i].topic[ti])
			at--;
		if (at >= CLASS_WEAKEST)
			continue;
		size_t end = t->n_weakest < CLASS_WEAKEST ? t->n_weakest : CLASS_WEAKEST - 1;
		memmove(&t->weakest[at + 1], &t->weakest[at], (end - at) * sizeof *t->weakest);
		t->weakest[at] = i;
		if (t->n_weakest < CLASS_WEAKEST)
			t->n_weakest++;
	}
}

/* Each topic's cards (indices into c->cards), in one pass over the
 * cards: topic first + j's into cards[first + j], allocs its room. */
static void topic_cards(struct class *c, int character, const struct strlist *ids,
			size_t first, size_t **cards, size_t *allocs)
{
	struct strmap at = STRMAP_INIT;
	for (size_t j = 0; j < ids->n; j++)
		strmap_add(&at, ids->items[j], strlen(ids->items[j]), first + j);
	for (size_t k = 0; k < c->n_cards; k++) {
		const struct strlist *l = character ? &c->cards[k].c->characters
						    : &c->cards[k].c->themes;
		for (size_t j = 0; j < l->n; j++) {
			size_t ti = strmap_get(&at, l->items[j], strlen(l->items[j]));
			if (ti == STRMAP_NONE)
				continue;
			struct class_topic *t = &c->topics[ti];
			if (t->cards && cards[ti][t->cards - 1] == k)
				continue; /* a card counts once for a topic */
			ALLOC_GROW(cards[ti], t->cards + 1, allocs[ti]);
			cards[ti][t->cards++] = k;
		}
	}
	strmap_release(&at);
}

static void build_topics(struct class *c)
{
	struct strlist ids[2] = {STRLIST_INIT, STRLIST_INIT};
	topic_ids(c, 0, &ids[0]);
	topic_ids(c, 1, &ids[1]);
	size_t n = ids[0].n + ids[1].n;
	c->topics = xcalloc(n + 1, sizeof *c->topics);
	size_t **cards = xcalloc(n + 1, sizeof *cards), *allocs = xcalloc(n + 1, sizeof *allocs);
	for (size_t i = 0; i < c->n_students; i++)
		c->students[i].topic = xcalloc(n + 1, sizeof(double));
	for (int character = 0; character < 2; character++)
		for (size_t j = 0; j < ids[character].n; j++) {
			struct class_topic *t = &c->topics[c->n_topics];
			t->kind = xstrdup(character ? "character" : "theme");
			t->id = xstrdup(ids[character].items[j]);
			t->name = xstrdup(topic_name(c, character, t->id));
			c->n_topics++;
		}
	topic_cards(c, 0, &ids[0], 0, cards, allocs);
	topic_cards(c, 1, &ids[1], ids[0].n, cards, allocs);
	for (size_t ti = 0; ti < n; ti++) {
		topic_compute(c, &c->topics[ti], ti, cards[ti]);
		free(cards[ti]);
	}
	free(cards);
	free(allocs);
	strlist_release(&ids[0]);
	strlist_release(&ids[1]);
}

static int cmp_forgot(const void *a, const void *b)
{
	const struct class_forgot *x = a, *y = b;
	if (x->recall != y->recall)
		return x->recall < y->recall ? -1 : 1;
	if (x->lapses != y->lapses)
		return x->lapses > y->lapses ? -1 : 1;
	return x->card < y->card ? -1 : x->card > y->card;
}

/* The studied cards with the lowest mean recall among the students who
 * studied them, the most lapses first among equals. */
static void build_forgot(struct class *c)
{
	struct class_forgot *all = xcalloc(c->n_cards ? c->n_cards : 1, sizeof *all);
	size_t n = 0;
	for (size_t k = 0; k < c->n_cards; k++) {
		struct class_forgot f = {.card = k};
		double sum = 0;
		for (size_t i = 0; i < c->n_students; i++) {
			const struct progfile_card *pc = c->students[i].mine[k];
			if (!pc || pc->f.state == FSRS_NEW)
				continue;
			f.studied++;
			f.lapses += pc->f.lapses;
			sum += c->students[i].card_r[k];
		}
		if (!f.studied)
			continue;
		f.recall = sum / (double)f.studied;
		all[n++] = f;
	}
	qsort(all, n, sizeof *all, cmp_forgot);
	c->n_forgot = n < CLASS_FORGOTTEN ? n : CLASS_FORGOTTEN;
	memcpy(c->forgot, all, c->n_forgot * sizeof *all);
	free(all);
}

int class_choose_deck(struct class *c, const char *deck, struct swot_err *err)
{
	if (!c->n_students)
		return swot_err_set(err, SWOT_EINVAL, "no progress file to report on");
	if (deck) {
		c->deck = xstrdup(deck);
		return SWOT_OK;
	}
	return choose_deck(c, err);
}

int class_compute(struct class *c, const char *deck, int64_t at, struct swot_err *err)
{
	int rc;
	if (!c->deck && (rc = class_choose_deck(c, deck, err)))
		return rc;
	keep_deck_holders(c);
	if (!c->n_students)
		return swot_err_set(err, SWOT_EINVAL, "no file has the deck \"%s\"", c->deck);
	qsort(c->students, c->n_students, sizeof *c->students, cmp_student_name);
	for (size_t i = 0; i < c->n_students; i++) /* qsort moved them */
		c->students[i].deck = progfile_deck_find(&c->students[i].p, c->deck);
	const struct class_student *newest = &c->students[0];
	for (size_t i = 1; i < c->n_students; i++)
		if (c->students[i].p.exported_at > newest->p.exported_at)
			newest = &c->students[i];
	c->title = newest->deck->title;
	c->version = newest->deck->version;
	c->at_given = at != 0;
	c->at = at ? at : common_exam(c);
	c->at_exam = !at && c->at;
	if (!c->at)
		c->at = c->now;

	build_cards(c);
	struct store_card *view = xcalloc(c->n_cards ? c->n_cards : 1, sizeof *view);
	for (size_t k = 0; k < c->n_cards; k++) {
		/* a view: the strings and lists stay the file's */
		const struct progfile_card *pc = c->cards[k].c;
		view[k].c.id = pc->id;
		view[k].c.note_id = pc->note;
		view[k].c.kind = pc->kind;
		view[k].c.type = pc->type;
		view[k].c.themes = pc->themes;
		view[k].c.tags = pc->tags;
	}
	for (size_t i = 0; i < c->n_students; i++)
		student_compute(c, &c->students[i], view);
	free(view);
	qsort(c->students, c->n_students, sizeof *c->students, cmp_risk);
	for (size_t i = 0; i < c->n_students; i++)
		c->students[i].deck = progfile_deck_find(&c->students[i].p, c->deck);
	build_topics(c);
	build_forgot(c);
	return SWOT_OK;
}
