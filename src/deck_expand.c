/*
 * deck_expand.c: the last step of loading a deck: its notes, checked by
 * deck.c, become cards (which ones, and how each is worded, is set out in
 * deck.h), each with the content hashes the store uses to tell an edit
 * from a new card.
 */
#include "deck_int.h"

#include <stdlib.h>
#include <string.h>

#define N_DISTRACTORS 3

struct cards {
	struct deck *d;
	struct arena *mem;
	struct strbuf *sb; /* scratch */
	const char *variants[7];
	uint64_t note_hash; /* of the note being expanded, given to its cards */
	const struct strmap *theme_ids;
	/* co[a * n_themes + b]: how many quotes are tagged with both themes a
	 * and b; co[a * n_themes + a], how many with a (see distractor_pool) */
	const size_t *co;
};

enum { V_WHO, V_DESCRIBE, V_QUOTES, V_CLOZE, V_SPEAKER, V_THEME, V_CARD };

/* A new card; its strings and lists are filled by the caller, in the
 * deck's memory, and may share items with the notes (nothing in a deck is
 * freed or changed on its own). */
static struct deck_card *add_card(struct cards *cs, char *note, int variant,
				  enum deck_note_kind kind, enum deck_card_type type)
{
	struct deck *d = cs->d;
	struct deck_card *k = &d->cards[d->n_cards++]; /* zeroed by expand */
	const char *v = cs->variants[variant];
	size_t nn = strlen(note), nv = strlen(v);
	k->id = arena_alloc(cs->mem, nn + 1 + nv + 1, 1);
	memcpy(k->id, note, nn);
	k->id[nn] = '/';
	memcpy(k->id + nn + 1, v, nv + 1);
	k->note_id = note;
	k->variant = (char *)k->id + nn + 1;
	k->kind = kind;
	k->type = type;
	k->note_hash = cs->note_hash;
	return k;
}

/* The scratch buffer's text, copied into the deck; resets the buffer. */
static char *take(struct cards *cs)
{
	char *r = arena_strndup(cs->mem, strbuf_str(cs->sb), cs->sb->len);
	strbuf_reset(cs->sb);
	return r;
}

/* A list of n items (set by the caller) in the deck's memory. */
static void list_of(struct cards *cs, struct strlist *l, size_t n)
{
	l->items = arena_alloc(cs->mem, n * sizeof *l->items, _Alignof(char *));
	l->n = l->alloc = n;
}

static void one(struct cards *cs, struct strlist *l, char *s)
{
	list_of(cs, l, 1);
	l->items[0] = s;
}

static uint64_t hash_str(uint64_t h, const char *s)
{
	if (s)
		h = fnv1a(h, s, strlen(s) + 1); /* the NUL ends the field */
	else
		h = fnv1a(h, "\x1d", 1); /* absent, unlike "" */
	return h;
}

static uint64_t hash_list(uint64_t h, const struct strlist *l)
{
	uint64_t n = l->n;
	h = fnv1a(h, &n, sizeof n);
	for (size_t i = 0; i < l->n; i++)
		h = hash_str(h, l->items[i]);
	return h;
}

/* The content hash: everything the student sees or that places the card
 * (tags, themes), and nothing else. */
static void card_hash(struct deck_card *k)
{
	uint64_t h = FNV1A_INIT;
	int64_t correct = k->correct;
	h = hash_str(h, deck_card_type_name(k->type));
	h = hash_str(h, k->prompt);
	h = hash_list(h, &k->answers);
	h = hash_list(h, &k->accept);
	h = hash_list(h, &k->options);
	h = fnv1a(h, &correct, sizeof correct);
	h = hash_str(h, k->explain);
	h = hash_list(h, &k->tags);
	h = hash_list(h, &k->themes);
	k->hash = h;
}

/*
 * The note hashes: a note's own fields as written, and nothing another
 * note lends its cards (a speaker's name, a theme's quotes): an edit to a
 * note changes its hash alone.  Never 0, which the store keeps for a note
 * stored before notes had a hash.
 */
static uint64_t note_hash_start(enum deck_note_kind kind, const char *id)
{
	uint64_t h = hash_str(FNV1A_INIT, deck_note_kind_name(kind));
	return hash_str(h, id);
}

static uint64_t note_hash_end(uint64_t h)
{
	return h ? h : 1;
}

static uint64_t hash_int(uint64_t h, int64_t v)
{
	return fnv1a(h, &v, sizeof v);
}

static uint64_t character_hash(const struct deck_character *ch)
{
	uint64_t h = note_hash_start(NOTE_CHARACTER, ch->id);
	h = hash_str(h, ch->name);
	h = hash_list(h, &ch->aliases);
	h = hash_str(h, ch->summary);
	h = hash_str(h, ch->notes);
	if (ch->group) /* (only when set: older decks keep their hashes) */
		h = hash_int(h, 1);
	return note_hash_end(h);
}

static uint64_t theme_hash(const struct deck_theme *t)
{
	uint64_t h = note_hash_start(NOTE_THEME, t->id);
	h = hash_str(h, t->name);
	h = hash_str(h, t->summary);
	if (t->key_quotes.n)
		h = hash_list(h, &t->key_quotes);
	return note_hash_end(h);
}

static uint64_t quote_hash(const struct deck_quote *q)
{
	uint64_t h = note_hash_start(NOTE_QUOTE, q->id);
	h = hash_str(h, q->text);
	h = hash_str(h, q->speaker);
	h = hash_int(h, q->chapter);
	h = hash_list(h, &q->themes);
	h = hash_list(h, &q->gaps);
	h = hash_str(h, q->analysis);
	h = hash_list(h, &q->ao);
	/* the newer fields only when given: older decks keep their hashes */
	if (q->loc.kind != LOC_NONE && q->loc.kind != LOC_CHAPTER) {
		h = hash_int(h, q->loc.kind);
		h = hash_int(h, q->loc.part);
		h = hash_int(h, q->loc.scene);
	}
	if (q->loc.line)
		h = hash_int(h, q->loc.line);
	if (q->narration)
		h = hash_int(h, 1);
	if (q->gap_accept.n)
		h = hash_list(h, &q->gap_accept);
	return note_hash_end(h);
}

static uint64_t free_card_hash(const struct free_card *f)
{
	uint64_t h = note_hash_start(NOTE_CARD, f->id);
	h = hash_str(h, deck_card_type_name(f->type));
	h = hash_list(h, &f->tags);
	h = hash_str(h, f->explain);
	h = hash_str(h, f->prompt);
	h = hash_str(h, f->answer);
	h = hash_list(h, &f->accept);
	h = hash_list(h, &f->options);
	h = hash_int(h, f->correct);
	h = hash_str(h, f->text);
	h = hash_list(h, &f->gaps);
	return note_hash_end(h);
}

/* " (Madame, chapter 22)", " (Macbeth, Act 1, Scene 7)", " (Stave 3)",
 * " (Madame)" or "".  A chapter keeps the form cards have always had, so
 * the cards of older decks do not change. */
static void add_source(struct strbuf *sb, const struct deck_quote *q,
		       const char *speaker_name)
{
	struct strbuf where = STRBUF_INIT;
	if (q->loc.kind == LOC_CHAPTER && !q->loc.line)
		strbuf_addf(&where, "chapter %d", q->loc.part);
	else
		deck_loc_format(&q->loc, &where);
	if (speaker_name && where.len)
		strbuf_addf(sb, " (%s, %s)", speaker_name, strbuf_str(&where));
	else if (speaker_name)
		strbuf_addf(sb, " (%s)", speaker_name);
	else if (where.len)
		strbuf_addf(sb, " (%s)", strbuf_str(&where));
	strbuf_release(&where);
}

static void expand_character(struct cards *cs, const struct deck_character *ch)
{
	cs->note_hash = character_hash(ch);
	struct deck_card *k = add_card(cs, ch->id, V_WHO, NOTE_CHARACTER, CARD_WHO);
	strbuf_addf(cs->sb, "Which character is this? %s", ch->summary);
	k->prompt = take(cs);
	one(cs, &k->answers, ch->name);
	k->accept = ch->aliases;
	k->explain = ch->notes;
	card_hash(k);

	k = add_card(cs, ch->id, V_DESCRIBE, NOTE_CHARACTER, CARD_BASIC);
	strbuf_addf(cs->sb, "%s %s? Say what you know about them.",
		    ch->group ? "Who are" : "Who is", ch->name);
	k->prompt = take(cs);
	if (ch->notes) {
		strbuf_addf(cs->sb, "%s\n\n%s", ch->summary, ch->notes);
		one(cs, &k->answers, take(cs));
	} else {
		one(cs, &k->answers, ch->summary);
	}
	card_hash(k);
}

/* nq: how many quotes the theme has; shown (n_shown of them) the ones
 * its card asks for (see pick_theme_quotes). */
static void expand_theme(struct cards *cs, const struct deck_theme *t, size_t nq,
			 const size_t *shown, size_t n_shown, const char *const *speakers)
{
	const struct deck *d = cs->d;
	cs->note_hash = theme_hash(t);
	struct deck_card *k = add_card(cs, t->id, V_QUOTES, NOTE_THEME, CARD_BASIC);
	if (nq)
		strbuf_addf(cs->sb, "Theme: %s. What does the text say about it, "
			    "and which key quotes show it?", t->name);
	else
		strbuf_addf(cs->sb, "Theme: %s. What does the text say about it?", t->name);
	k->prompt = take(cs);
	strbuf_adds(cs->sb, t->summary);
	if (n_shown)
		strbuf_adds(cs->sb, "\n\nKey quotes:");
	for (size_t i = 0; i < n_shown; i++) {
		const struct deck_quote *q = &d->quotes[shown[i]];
		strbuf_addf(cs->sb, "\n- \"%s\"", q->text);
		add_source(cs->sb, q, speakers[shown[i]]);
	}
	one(cs, &k->answers, take(cs));
	one(cs, &k->themes, t->id);
	card_hash(k);
}

/*
 * The quotes a theme's card shows, at most DECK_THEME_QUOTES: the theme's
 * key_quotes in the author's order when given; else the quotes that list
 * the theme first among their themes (their main theme), then the others
 * tagged with it, each in deck order.  mine: the theme's nq quotes in deck
 * order.  Fills out; returns how many.
 */
static size_t pick_theme_quotes(const struct deck *d, const struct deck_theme *t,
				const struct strmap *quote_ids, const size_t *mine, size_t nq,
				size_t *out)
{
	size_t n = 0;
	if (t->key_quotes.n) {
		for (size_t i = 0; i < t->key_quotes.n && n < DECK_THEME_QUOTES; i++)
			out[n++] = deck_id_get(quote_ids, t->key_quotes.items[i]);
		return n;
	}
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < nq && n < DECK_THEME_QUOTES; i++) {
			const struct deck_quote *q = &d->quotes[mine[i]];
			int first = strcmp(q->themes.items[0], t->id) == 0;
			if (first == (pass == 0))
				out[n++] = mine[i];
		}
	return n;
}

/* The quote with its gaps marked {{...}}, then its source. */
static void expand_cloze(struct cards *cs, const struct deck_quote *q,
			 const char *speaker_name)
{
	struct strbuf *sb = cs->sb;
	struct placed_gap g_small[8];
	struct placed_gap *g = q->gaps.n <= 8 ? g_small : xcalloc(q->gaps.n, sizeof *g);
	int nowhere;
	deck_place_gaps(q->text, &q->gaps, g, &nowhere);
	struct deck_card *k = add_card(cs, q->id, V_CLOZE, NOTE_QUOTE, CARD_CLOZE);
	list_of(cs, &k->answers, q->gaps.n);
	strbuf_addc(sb, '"');
	size_t at = 0;
	for (size_t i = 0; i < q->gaps.n; i++) {
		strbuf_add(sb, q->text + at, g[i].at - at);
		strbuf_addf(sb, "{{%s}}", g[i].gap);
		k->answers.items[i] = (char *)g[i].gap;
		at = g[i].at + g[i].len;
	}
	strbuf_adds(sb, q->text + at);
	strbuf_addc(sb, '"');
	add_source(sb, q, speaker_name);
	/* other accepted answers, renumbered from the list's order to the
	 * text's */
	if (q->gap_accept.n) {
		struct strbuf alt = STRBUF_INIT;
		list_of(cs, &k->accept, q->gap_accept.n);
		size_t n = 0;
		for (size_t i = 0; i < q->gaps.n; i++)
			for (size_t j = 0; j < q->gap_accept.n; j++) {
				const char *a = q->gap_accept.items[j], *colon = strchr(a, ':');
				if ((size_t)strtoul(a, NULL, 10) != g[i].idx + 1 || !colon)
					continue;
				strbuf_reset(&alt);
				strbuf_addf(&alt, "%zu:%s", i + 1, colon + 1);
				k->accept.items[n++] = arena_strndup(cs->mem, strbuf_str(&alt),
									  alt.len);
			}
		k->accept.n = n;
		strbuf_release(&alt);
	}
	if (g != g_small)
		free(g);
	k->prompt = take(cs);
	k->explain = q->analysis;
	k->themes = q->themes;
	card_hash(k);
}

static void expand_speaker(struct cards *cs, const struct deck_quote *q,
			   const char *speaker_name, const struct strlist *speaker_aliases)
{
	struct deck_card *k = add_card(cs, q->id, V_SPEAKER, NOTE_QUOTE, CARD_WHO);
	strbuf_addf(cs->sb, "Who says this? \"%s\"", q->text);
	add_source(cs->sb, q, NULL);
	k->prompt = take(cs);
	one(cs, &k->answers, (char *)speaker_name);
	k->accept = *speaker_aliases;
	k->explain = q->analysis;
	k->themes = q->themes;
	card_hash(k);
}

/* How strongly theme i goes with the quote's themes: the quotes of the
 * deck tagged with both i and one of them, summed over them. */
static size_t theme_affinity(const struct cards *cs, const struct deck_quote *q, size_t i)
{
	size_t nt = cs->d->n_themes, score = 0;
	for (size_t j = 0; j < q->themes.n; j++)
		score += cs->co[deck_id_get(cs->theme_ids, q->themes.items[j]) * nt + i];
	return score;
}

/* How many quotes are tagged with theme i. */
static size_t theme_size(const struct cards *cs, size_t i)
{
	return cs->co[i * cs->d->n_themes + i];
}

/* Whether theme a goes less with the quote's themes than theme b, each
 * measured as a share of its own quotes (score / size), so that a theme
 * with few quotes is not always the least associated. */
static int less_associated(const struct cards *cs, size_t a, size_t sa, size_t b, size_t sb)
{
	return sa * theme_size(cs, b) < sb * theme_size(cs, a);
}

/*
 * Moves the themes distractors may be drawn from to the front of cand
 * (m themes, not the quote's own; score: each one's theme_affinity) and
 * returns how many, setting *want to how many to draw.  Clearly wrong
 * first: the themes sharing no quote with the quote's themes, up to
 * N_DISTRACTORS of them, when there are two or more.  Otherwise two, drawn
 * from the themes that go with the quote's themes no more than chance (a
 * share of their quotes tagged with one of them no larger than the share
 * of the deck's quotes that are), or, when fewer than two are, the two
 * least associated.
 */
static size_t distractor_pool(const struct cards *cs, const struct deck_quote *q,
			      size_t *cand, size_t *score, size_t m, size_t *want)
{
	size_t nz = 0;
	for (size_t i = 0; i < m; i++)
		if (score[i] == 0) {
			size_t t = cand[i], u = score[i];
			cand[i] = cand[nz], score[i] = score[nz];
			cand[nz] = t, score[nz++] = u;
		}
	if (nz >= 2) {
		*want = nz < N_DISTRACTORS ? nz : N_DISTRACTORS;
		return nz;
	}
	for (size_t i = 1; i < m; i++) /* the least associated first */
		for (size_t j = i; j > 0 && less_associated(cs, cand[j], score[j],
							     cand[j - 1], score[j - 1]); j--) {
			size_t t = cand[j], u = score[j];
			cand[j] = cand[j - 1], score[j] = score[j - 1];
			cand[j - 1] = t, score[j - 1] = u;
		}
	size_t base = 0, np = 0;
	for (size_t j = 0; j < q->themes.n; j++)
		base += theme_size(cs, deck_id_get(cs->theme_ids, q->themes.items[j]));
	while (np < m && score[np] * cs->d->n_quotes <= theme_size(cs, cand[np]) * base)
		np++;
	if (np < 2)
		np = m < 2 ? m : 2;
	*want = np < 2 ? np : 2;
	return np;
}

/*
 * Fills opts with the quote's main theme (its first: the one its author
 * names first, as a theme card reads it, never a theme the quote only
 * touches on, which a student could fairly pass over for a distractor)
 * and up to N_DISTRACTORS of the deck's others (see distractor_pool),
 * then shuffles them.  Which of the pool are drawn comes from a hash of
 * the deck's id and the quote's, so that across a deck each eligible
 * theme is offered about as often as the others, not always the same few;
 * the order comes from the quote's id.  Both are the same on every load.
 * Returns how many; *correct gets the right one's index.
 */
static size_t theme_options(const struct cards *cs, const struct deck_quote *q,
			    char **opts, size_t *correct)
{
	const struct deck *d = cs->d;
	uint64_t seed = fnv1a(FNV1A_INIT, q->id, strlen(q->id));
	const char *right = q->themes.items[0];
	/* the draw that once chose the answer: kept, so each card's wrong
	 * options and their order stay as students have seen them */
	(void)splitmix64_next(&seed);
	size_t *cand = xcalloc(d->n_themes, sizeof *cand);
	size_t *score = xcalloc(d->n_themes, sizeof *score);
	size_t m = 0;
	for (size_t i = 0; i < d->n_themes; i++) {
		int mine = 0;
		for (size_t j = 0; j < q->themes.n && !mine; j++)
			mine = strcmp(d->themes[i].id, q->themes.items[j]) == 0;
		if (!mine) {
			score[m] = theme_affinity(cs, q, i);
			cand[m++] = i;
		}
	}
	size_t nd, np = distractor_pool(cs, q, cand, score, m, &nd);
	/* the deck's id, a NUL, the quote's id: the same quote id in two
	 * decks draws apart */
	uint64_t pick = fnv1a(fnv1a(FNV1A_INIT, d->id, strlen(d->id) + 1), q->id, strlen(q->id));
	for (size_t i = 0; i < nd; i++) { /* nd of the np, each as likely */
		size_t j = i + (size_t)(splitmix64_next(&pick) % (np - i));
		size_t t = cand[i];
		cand[i] = cand[j];
		cand[j] = t;
	}
	opts[0] = d->themes[deck_id_get(cs->theme_ids, right)].name;
	for (size_t i = 0; i < nd; i++)
		opts[i + 1] = d->themes[cand[i]].name;
	size_t no = nd + 1;
	*correct = 0;
	for (size_t i = no - 1; i > 0; i--) {
		size_t j = (size_t)(splitmix64_next(&seed) % (i + 1));
		char *t = opts[i];
		opts[i] = opts[j];
		opts[j] = t;
		if (*correct == i)
			*correct = j;
		else if (*correct == j)
			*correct = i;
	}
	free(cand);
	free(score);
	return no;
}

/* Which theme the quote shows: one of its themes among others from the
 * deck. */
static void expand_theme_choice(struct cards *cs, const struct deck_quote *q,
				const char *speaker_name)
{
	char *opts[N_DISTRACTORS + 1];
	size_t correct;
	size_t no = theme_options(cs, q, opts, &correct);
	struct deck_card *k = add_card(cs, q->id, V_THEME, NOTE_QUOTE, CARD_CHOICE);
	strbuf_addf(cs->sb, "Which theme does this quote show? \"%s\"", q->text);
	add_source(cs->sb, q, speaker_name);
	k->prompt = take(cs);
	list_of(cs, &k->options, no);
	for (size_t i = 0; i < no; i++)
		k->options.items[i] = opts[i];
	k->correct = (int)correct;
	k->explain = q->analysis;
	k->themes = q->themes;
	card_hash(k);
}

static void expand_quote(struct cards *cs, const struct deck_quote *q,
			 const char *speaker_name, const struct strlist *speaker_aliases,
			 int ask_speaker)
{
	cs->note_hash = quote_hash(q);
	expand_cloze(cs, q, speaker_name);
	if (ask_speaker)
		expand_speaker(cs, q, speaker_name, speaker_aliases);
	if (q->themes.n && cs->d->n_themes > q->themes.n)
		expand_theme_choice(cs, q, speaker_name);
}

/*
 * Which quotes get a "Who says this?" card (ask[i]): those with a speaker
 * that are not narration, and no character more than DECK_SPEAKER_SHARE
 * per cent of them, or always naming the narrator would pass.  The share
 * is kept by the largest cap m on each character's cards (the first m in
 * deck order are kept) under which the biggest is within the share; a
 * deck with too few speakers for any cap to work (three or fewer) keeps
 * them all.  who[i]: the speaker's character index.
 */
static void pick_speaker_cards(const struct deck *d, const size_t *who, int *ask)
{
	size_t nc = d->n_characters, most = 0;
	size_t *n = xcalloc(nc ? nc : 1, sizeof *n);
	for (size_t i = 0; i < d->n_quotes; i++) {
		ask[i] = d->quotes[i].speaker && !d->quotes[i].narration;
		if (ask[i] && ++n[who[i]] > most)
			most = n[who[i]];
	}
	size_t cap = most;
	for (size_t m = most; m >= 1; m--) {
		size_t total = 0;
		for (size_t c = 0; c < nc; c++)
			total += n[c] < m ? n[c] : m;
		if (100 * m <= (size_t)DECK_SPEAKER_SHARE * total) {
			cap = m;
			break;
		}
	}
	memset(n, 0, (nc ? nc : 1) * sizeof *n);
	for (size_t i = 0; i < d->n_quotes; i++)
		if (ask[i] && ++n[who[i]] > cap)
			ask[i] = 0;
	free(n);
}

static void expand_free(struct cards *cs, const struct free_card *f)
{
	cs->note_hash = free_card_hash(f);
	struct deck_card *k = add_card(cs, f->id, V_CARD, NOTE_CARD, f->type);
	switch (f->type) {
	case CARD_BASIC:
	case CARD_TYPED:
		k->prompt = f->prompt;
		one(cs, &k->answers, f->answer);
		k->accept = f->accept;
		break;
	case CARD_CLOZE:
		k->prompt = f->text;
		k->answers = f->gaps;
		break;
	case CARD_CHOICE:
		k->prompt = f->prompt;
		k->options = f->options;
		k->correct = f->correct;
		break;
	case CARD_WHO:
		break;
	}
	k->explain = f->explain;
	k->tags = f->tags;
	card_hash(k);
}

/* co (n_themes squared, zeroed): for each pair of themes, how many quotes
 * are tagged with both; co[t * n_themes + t], how many with t. */
static void count_co_themes(const struct deck *d, const struct strmap *theme_ids, size_t *co)
{
	size_t nt = d->n_themes;
	for (size_t i = 0; i < d->n_quotes; i++) {
		const struct strlist *th = &d->quotes[i].themes;
		for (size_t a = 0; a < th->n; a++)
			for (size_t b = 0; b < th->n; b++)
				co[deck_id_get(theme_ids, th->items[a]) * nt +
				   deck_id_get(theme_ids, th->items[b])]++;
	}
}

/* The themes' cards, each with the quotes pick_theme_quotes chooses. */
static void expand_themes(struct cards *cs, const char *const *speakers)
{
	const struct deck *d = cs->d;
	/* the quotes of each theme, in deck order */
	size_t *count = xcalloc(d->n_themes + 1, sizeof *count);
	size_t total = 0;
	for (size_t i = 0; i < d->n_quotes; i++)
		for (size_t k = 0; k < d->quotes[i].themes.n; k++) {
			count[deck_id_get(cs->theme_ids, d->quotes[i].themes.items[k]) + 1]++;
			total++;
		}
	for (size_t t = 0; t < d->n_themes; t++)
		count[t + 1] += count[t];
	size_t *by_theme = xcalloc(total ? total : 1, sizeof *by_theme);
	size_t *fill = xcalloc(d->n_themes ? d->n_themes : 1, sizeof *fill);
	for (size_t i = 0; i < d->n_quotes; i++)
		for (size_t k = 0; k < d->quotes[i].themes.n; k++) {
			size_t t = deck_id_get(cs->theme_ids, d->quotes[i].themes.items[k]);
			by_theme[count[t] + fill[t]++] = i;
		}
	struct strmap quote_ids = STRMAP_INIT;
	strmap_reserve(&quote_ids, d->n_quotes);
	for (size_t i = 0; i < d->n_quotes; i++)
		deck_id_add(&quote_ids, d->quotes[i].id, i);
	for (size_t t = 0; t < d->n_themes; t++) {
		size_t shown[DECK_THEME_QUOTES];
		size_t nq = count[t + 1] - count[t];
		size_t ns = pick_theme_quotes(d, &d->themes[t], &quote_ids, by_theme + count[t],
					      nq, shown);
		expand_theme(cs, &d->themes[t], nq, shown, ns, speakers);
	}
	strmap_release(&quote_ids);
	free(count);
	free(by_theme);
	free(fill);
}

void deck_expand(struct deck *d, struct ctx *c, const struct free_card *free_cards,
		 const struct strmap *char_ids, const struct strmap *theme_ids)
{
	static const char *const variant_names[] = {
		"who", "describe", "quotes", "cloze", "speaker", "theme", "card"
	};
	size_t nt = d->n_themes ? d->n_themes : 1, nq = d->n_quotes ? d->n_quotes : 1;
	size_t *co = xcalloc(nt * nt, sizeof *co);
	count_co_themes(d, theme_ids, co);
	struct cards cs = { d, c->mem, &c->scratch, { NULL }, 0, theme_ids, co };
	for (size_t v = 0; v < 7; v++)
		cs.variants[v] = arena_strdup(c->mem, variant_names[v]);
	size_t most = 2 * d->n_characters + d->n_themes + 3 * d->n_quotes + d->n_free;
	d->cards = arena_alloc(c->mem, (most ? most : 1) * sizeof *d->cards,
			       _Alignof(struct deck_card));
	memset(d->cards, 0, (most ? most : 1) * sizeof *d->cards);

	const char **speakers = xcalloc(nq, sizeof *speakers);
	const struct strlist **aliases = xcalloc(nq, sizeof *aliases);
	size_t *who = xcalloc(nq, sizeof *who);
	int *ask = xcalloc(nq, sizeof *ask);
	static const struct strlist none = STRLIST_INIT;
	for (size_t i = 0; i < d->n_quotes; i++) {
		aliases[i] = &none;
		if (d->quotes[i].speaker) {
			who[i] = deck_id_get(char_ids, d->quotes[i].speaker);
			speakers[i] = d->characters[who[i]].name;
			aliases[i] = &d->characters[who[i]].aliases;
		}
	}
	pick_speaker_cards(d, who, ask);

	for (size_t i = 0; i < d->n_characters; i++)
		expand_character(&cs, &d->characters[i]);
	expand_themes(&cs, speakers);
	for (size_t i = 0; i < d->n_quotes; i++)
		expand_quote(&cs, &d->quotes[i], speakers[i], aliases[i], ask[i]);
	for (size_t i = 0; i < d->n_free; i++)
		expand_free(&cs, &free_cards[i]);

	free(speakers);
	free(aliases);
	free(who);
	free(ask);
	free(co);
}
