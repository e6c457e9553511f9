#!/usr/bin/python3
"""Deck-wide facts about decks/never-let-me-go.json.

Checks the counts the deck promises, that every reference resolves, that
every quote's gaps occur in it, that no quotation is duplicated, and that
each quotation also printed in the close reading (tests/fixtures/reference)
matches it exactly once curly quotes and spacing are normalised.  When
$SWOT has a working `lint`, the deck must pass it; when
schema/deck.schema.json exists, the deck must validate against it.
"""
import json
import os
import re
import subprocess
import sys

print("1..92")  # the plan: how many checks this file runs

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DECK = os.path.join(ROOT, "decks", "never-let-me-go.json")
CLOSE_READING = os.path.join(ROOT, "tests", "fixtures", "reference",
                             "never-let-me-go-close-reading.txt")
SCHEMA = os.path.join(ROOT, "schema", "deck.schema.json")

# Quotations taken from the close reading: each must be found in it verbatim.
FROM_CLOSE_READING = {
    "hailsham-list", "holds-baby", "didnt-fit",
    "strange-incident", "imaginary-baby", "odd-thing-crying",
    "sobs-jerk", "should-have-said", "something-extra",
    "altogether-different", "new-world", "old-kind-world",
    "broke-my-heart",
}

REQUIRED_CHARACTERS = ["Kathy H.", "Ruth", "Tommy", "Madame", "Miss Emily",
                       "Miss Lucy", "Miss Geraldine", "Keffers", "Chrissie",
                       "Rodney", "Laura"]
REQUIRED_THEMES = ["humanity", "memory", "love", "mortality", "hope", "art",
                   "control", "identity", "education", "nostalgia"]

TOP_KEYS = {"swot_deck", "id", "title", "version", "description", "text",
            "course", "authors", "licence", "characters", "themes", "quotes",
            "cards"}
CHAR_KEYS = {"id", "name", "aliases", "summary", "notes"}
THEME_KEYS = {"id", "name", "summary", "key_quotes"}
QUOTE_KEYS = {"id", "text", "speaker", "chapter", "themes", "gaps",
              "analysis", "ao", "narration"}
CARD_KEYS = {"basic": {"front", "back"}, "typed": {"prompt", "answer", "accept"},
             "cloze": {"text"}, "choice": {"prompt", "options", "answer"}}
CARD_COMMON = {"id", "type", "tags", "explain"}
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

failures = 0


def check(name, cond, detail=""):
    global failures
    if cond:
        print("ok - " + name)
    else:
        failures += 1
        print("not ok - " + name + (" (" + detail + ")" if detail else ""))


def norm(s):
    """Straight quotes for curly ones, one space for any run of spaces."""
    for a, b in (("\u2018", "'"), ("\u2019", "'"), ("\u201a", "'"),
                 ("\u201b", "'"), ("\u201c", '"'), ("\u201d", '"'),
                 ("\u201e", '"'), ("\u00a0", " ")):
        s = s.replace(a, b)
    return re.sub(r"\s+", " ", s).strip()


def words(s):
    return re.findall(r"[a-z0-9']+", norm(s).lower())


def expanded_count(deck):
    """At least this many cards: a speaker card only for dialogue."""
    n = 2 * len(deck["characters"]) + len(deck["themes"]) + len(deck["cards"])
    return n + 2 * len(deck["quotes"])


with open(DECK, encoding="utf-8") as f:
    deck = json.load(f)
with open(CLOSE_READING, encoding="utf-8") as f:
    reading = norm(f.read())

# -- shape: the keys deck format 1 allows, ids, metadata --
bad = sorted(set(deck) - TOP_KEYS) + sorted(TOP_KEYS - set(deck))
check("top-level keys are exactly those of deck format 1", not bad, ", ".join(bad))
check("swot_deck is 1", deck.get("swot_deck") == 1)
check("deck id is never-let-me-go", deck.get("id") == "never-let-me-go")
check("licence is CC-BY-SA-4.0", deck.get("licence") == "CC-BY-SA-4.0")
check("text is Never Let Me Go by Kazuo Ishiguro, 2005, in the Faber UK text",
      deck["text"] == {"title": "Never Let Me Go", "author": "Kazuo Ishiguro", "year": 2005,
                       "edition": "Faber and Faber, London, 2005 (UK text)"})
check("the description says the A-level prose paper is open book and the GCSEs closed",
      "GCSE papers are closed book" in deck["description"]
      and "open book" in deck["description"] and "All are closed book" not in deck["description"])
boards = deck["course"]["boards"]
check("boards are OCR, Eduqas, Edexcel and not AQA",
      set(boards) == {"OCR", "Eduqas", "Edexcel"} and "AQA" not in json.dumps(deck["course"]))
check("qualifications are GCSE and A-level",
      set(deck["course"]["qualifications"]) == {"GCSE", "A-level"})
check("authors is a non-empty list of strings",
      isinstance(deck["authors"], list) and deck["authors"]
      and all(isinstance(a, str) and a for a in deck["authors"]))

for section, keys in (("characters", CHAR_KEYS), ("themes", THEME_KEYS),
                      ("quotes", QUOTE_KEYS)):
    extra = [f"{x['id']}:{k}" for x in deck[section] for k in x if k not in keys]
    check(f"{section} use only known keys", not extra, ", ".join(extra))
extra = []
for card in deck["cards"]:
    allowed = CARD_COMMON | CARD_KEYS.get(card.get("type"), set())
    extra += [f"{card['id']}:{k}" for k in card if k not in allowed]
check("cards use only known keys for their type", not extra, ", ".join(extra))

for section in ("characters", "themes", "quotes", "cards"):
    ids = [x["id"] for x in deck[section]]
    badid = [i for i in ids if not ID_RE.match(i)]
    check(f"{section} ids are lower-case letters, digits and '-'", not badid, ", ".join(badid))
    dup = sorted({i for i in ids if ids.count(i) > 1})
    check(f"{section} ids are unique", not dup, ", ".join(dup))

# -- counts --
nchar, ntheme = len(deck["characters"]), len(deck["themes"])
nquote, ncard = len(deck["quotes"]), len(deck["cards"])
check(f"at least 12 characters ({nchar})", nchar >= 12)
check(f"at least 10 themes ({ntheme})", ntheme >= 10)
check(f"at least 60 quotes ({nquote})", nquote >= 60)
check(f"at least 40 free cards ({ncard})", ncard >= 40)
nexp = expanded_count(deck)
check(f"at least 250 cards once expanded ({nexp})", nexp >= 250)
names = {c["name"] for c in deck["characters"]}
missing = [n for n in REQUIRED_CHARACTERS if n not in names]
check("the issue's named characters are all present", not missing, ", ".join(missing))
theme_ids = {t["id"] for t in deck["themes"]}
missing = [t for t in REQUIRED_THEMES if t not in theme_ids]
check("the ten themes of the issue are all present", not missing, ", ".join(missing))
types = {c["type"] for c in deck["cards"]}
check("free cards use every type: basic, typed, cloze, choice",
      types == {"basic", "typed", "cloze", "choice"}, ", ".join(sorted(types)))

# -- characters: the who-is-this card must not give its answer away --
leaks = []
for ch in deck["characters"]:
    summary = norm(ch["summary"]).lower()
    for n in [ch["name"]] + ch["aliases"]:
        n = norm(n).lower().rstrip(".")
        if re.search(r"(?<![a-z])" + re.escape(n) + r"(?![a-z])", summary):
            leaks.append(f"{ch['id']}:{n}")
check("no character summary names its own character", not leaks, ", ".join(leaks))
check("every character has a summary and notes",
      all(ch["summary"].strip() and ch.get("notes", "").strip() for ch in deck["characters"]))

# -- quotes --
char_ids = {c["id"] for c in deck["characters"]}
badspk = [q["id"] for q in deck["quotes"] if "speaker" in q and q["speaker"] not in char_ids]
check("every speaker is a character of the deck", not badspk, ", ".join(badspk))
badth = [f"{q['id']}:{t}" for q in deck["quotes"] for t in q["themes"] if t not in theme_ids]
check("every quote theme is a theme of the deck", not badth, ", ".join(badth))
check("every quote has at least one theme", all(q["themes"] for q in deck["quotes"]))
nogap = [q["id"] for q in deck["quotes"] if not q["gaps"]]
check("every quote has at least one gap", not nogap, ", ".join(nogap))
badgap = [f"{q['id']}:{g}" for q in deck["quotes"] for g in q["gaps"] if g not in q["text"]]
check("every gap occurs in its quote's text", not badgap, ", ".join(badgap))
twice = [f"{q['id']}:{g}" for q in deck["quotes"] for g in q["gaps"]
         if q["text"].count(g) > 1]
check("every gap occurs exactly once, so the blank is unambiguous", not twice, ", ".join(twice))
overlap = []
for q in deck["quotes"]:
    spans = sorted((q["text"].index(g), q["text"].index(g) + len(g)) for g in q["gaps"]
                   if g in q["text"])
    overlap += [q["id"] for a, b in zip(spans, spans[1:]) if b[0] < a[1]]
check("the gaps of a quote do not overlap", not overlap, ", ".join(overlap))
names_of = {c["id"]: [c["name"]] + c["aliases"] for c in deck["characters"]}
gives = []
for q in deck["quotes"]:
    for n in names_of.get(q.get("speaker"), []):
        n = norm(n).lower().rstrip(".")
        if re.search(r"(?<![a-z])" + re.escape(n) + r"(?![a-z])", norm(q["text"]).lower()):
            gives.append(f"{q['id']}:{n}")
check("no quote names its own speaker (the who-said card would give itself away)",
      not gives, ", ".join(gives))
texts = [norm(q["text"]).lower() for q in deck["quotes"]]
dup = sorted({q["id"] for q, t in zip(deck["quotes"], texts) if texts.count(t) > 1})
check("no two quotes have the same text", not dup, ", ".join(dup))
badch = [q["id"] for q in deck["quotes"]
         if not isinstance(q.get("chapter"), int) or not 1 <= q["chapter"] <= 23]
check("every quote has a chapter from 1 to 23", not badch, ", ".join(badch))
# The novel's spread: every chapter has a quotation, except the chapters
# whose key moment no two independent copies of the text yet quote in the
# same words (a quotation goes in only when two copies agree).  Each of
# those must really still be empty, so the exemption goes once it is filled.
AWAITING_TWO_COPIES = {8, 11}
quoted = {q.get("chapter") for q in deck["quotes"]}
empty = [c for c in range(1, 24) if c not in quoted and c not in AWAITING_TWO_COPIES]
check("every chapter from 1 to 23 has a quotation", not empty,
      "none from chapter " + ", ".join(map(str, empty)))
stale = sorted(AWAITING_TWO_COPIES & quoted)
check("no chapter is excused that now has a quotation", not stale, ", ".join(map(str, stale)))
# Quotations checked word for word against two independent copies, each
# at the chapter a chapter-numbered copy or guide gives for it.
VERIFIED_AT = {"invisible-audience": 4, "dream-guardian": 5, "different-from-us": 7,
               "its-evidence": 9, "possibles": 12, "not-serious": 13,
               "modelled-from-trash": 14, "radio-set": 16, "half-of-it": 19,
               "whiled-away": 20, "shameful-secret": 20, "go-too-far": 21,
               "chess-move": 10, "supposed-to-be": 23}
chapter_of = {q["id"]: q.get("chapter") for q in deck["quotes"]}
moved = [f"{i}: {chapter_of.get(i)} not {c}" for i, c in VERIFIED_AT.items() if chapter_of.get(i) != c]
check("the quotations verified this round are present at their chapters", not moved, "; ".join(moved))
trash = [q["text"] for q in deck["quotes"] if q["id"] == "modelled-from-trash"]
check("the novel's last sentence is quoted whole, at chapter 23",
      any(q.get("chapter") == 23 and q["text"] == "I just waited a bit, then turned back to the car, "
          "to drive off to wherever it was I was supposed to be." for q in deck["quotes"]))
check("Ruth's 'trash' outburst marks the sentence the copies disagree on as a cut",
      trash and trash[0] == "We’re modelled from trash. Junkies, prostitutes, winos, tramps. … That’s what we come from.")
part_two = [q["id"] for q in deck["quotes"] if 10 <= q.get("chapter", 0) <= 17]
check(f"Part Two (chapters 10-17) has at least six quotations ({len(part_two)})",
      len(part_two) >= 6)
badao = [q["id"] for q in deck["quotes"]
         if not q["ao"] or any(a not in {"AO1", "AO2", "AO3", "AO4"} for a in q["ao"])]
check("every quote has AO tags from AO1 to AO4", not badao, ", ".join(badao))
# GCSE and Edexcel 9ET0 Component 2 assess AO1-AO4: no card may say AO5
check("no AO5 anywhere in the deck", "AO5" not in json.dumps(deck))
check("every quote has an analysis", all(q.get("analysis", "").strip() for q in deck["quotes"]))
straight = [q["id"] for q in deck["quotes"] if "'" in q["text"]]
check("quotations use the novel's curly apostrophes", not straight, ", ".join(straight))

# -- the close reading --
qids = {q["id"] for q in deck["quotes"]}
missing = sorted(FROM_CLOSE_READING - qids)
check("every quotation taken from the close reading is in the deck", not missing, ", ".join(missing))
for q in deck["quotes"]:
    if q["id"] in FROM_CLOSE_READING:
        check(f"quote {q['id']} matches the close reading exactly",
              norm(q["text"]) in reading)
# Any quote sharing eight consecutive words with the close reading must be
# printed exactly as there: catches a misquotation of a passage it prints.
rwords = " ".join(words(reading))
near = []
for q in deck["quotes"]:
    w = words(q["text"])
    shared = any(" ".join(w[i:i + 8]) in rwords for i in range(0, max(1, len(w) - 7)))
    if shared and norm(q["text"]) not in reading:
        near.append(q["id"])
check("every quotation that overlaps the close reading matches it exactly",
      not near, ", ".join(near))

# -- free cards --
badc = []
for card in deck["cards"]:
    t = card["type"]
    if t == "choice":
        opts = card["options"]
        if (len(opts) < 3 or len(set(opts)) != len(opts) or not isinstance(card["answer"], int)
                or not 0 <= card["answer"] < len(opts)):
            badc.append(card["id"])
    elif t == "cloze":
        if not re.search(r"\{\{[^{}]+\}\}", card["text"]):
            badc.append(card["id"])
    elif t == "typed":
        if not card["answer"].strip() or not isinstance(card.get("accept", []), list):
            badc.append(card["id"])
    elif t == "basic":
        if not card["front"].strip() or not card["back"].strip():
            badc.append(card["id"])
check("every free card is well formed for its type", not badc, ", ".join(badc))
untagged = [c["id"] for c in deck["cards"] if not c.get("tags")]
check("every free card has tags", not untagged, ", ".join(untagged))

# -- issue 13's review: what a student would notice --
def gap_given_away(text, gaps):
    """The gaps whose words, whole and in any case, stand elsewhere in text
    once every gap is blanked."""
    rest = text
    for g in sorted(gaps, key=len, reverse=True):
        m = re.search(r"(?<!\w)" + re.escape(g) + r"(?!\w)", rest) or re.search(re.escape(g), rest)
        if m:
            rest = rest[:m.start()] + "\n" + rest[m.end():]
    return [g for g in gaps
            if re.search(r"(?<!\w)" + re.escape(g.lower()) + r"(?!\w)", rest.lower())]


def gap_text(g):
    return g["text"] if isinstance(g, dict) else g


given = [f"{q['id']}:{g}" for q in deck["quotes"]
         for g in gap_given_away(q["text"], [gap_text(x) for x in q["gaps"]])]
for card in deck["cards"]:
    if card["type"] == "cloze":
        gaps = re.findall(r"\{\{([^{}]+)\}\}", card["text"])
        given += [f"{card['id']}:{g}" for g in
                  gap_given_away(re.sub(r"\{\{([^{}]+)\}\}", r"\1", card["text"]), gaps)]
check("no gap's words stand elsewhere on its own card (lost-corner)", not given, ", ".join(given))
worst = [q for q in deck["quotes"] if q["id"] == "worst-thing"]
check("worst-thing marks its cut with an ellipsis", worst and "…" in worst[0]["text"])
DOUBTFUL = {"really-gone", "madame-question", "love-so-simple", "ruth-if-hailsham", "perfect-carer",
            "good-carer", "believe-in-things", "always-find-out",
            "how-things-happen", "hall-of-mirrors", "sports-pavilion", "leave-hailsham-behind"}
kept = sorted(DOUBTFUL & qids)
check("the quotations the review could not confirm are gone", not kept, ", ".join(kept))
cids = {c["id"] for c in deck["cards"]}
trivia = sorted(cids & {"chapters", "born-year", "booker", "nobel-year", "time-100",
                        "remains-booker", "writing-history", "critic-literary-review",
                        "born-where", "came-to-britain", "film", "nobel-citation"})
check("trivia and uncited cards are cut", not trivia, ", ".join(trivia))
madame = [c for c in deck["characters"] if c["id"] == "madame"][0]
check("Madame's summary no longer has her weep again", "weeps again" not in madame["summary"])
guardian = [c for c in deck["cards"] if c["id"] == "critic-guardian"]
check("the Guardian review is cited by critic, title, paper and date",
      guardian and all(s in guardian[0]["front"] for s in
                       ("M. John Harrison", "'Clone alone'", "The Guardian", "26 February 2005")))
context = " ".join(c.get("front", "") + c.get("back", "") for c in deck["cards"])
check("context cards: the NHS and welfare state, transplants, why they never run",
      all(w in context for w in ("NHS", "welfare state", "kidney transplant", "never run")))
bad = [t["id"] for t in deck["themes"]
       if not 1 <= len(t.get("key_quotes", [])) <= 5
       or any(t["id"] not in next(q["themes"] for q in deck["quotes"] if q["id"] == k)
              for k in t.get("key_quotes", []) if k in qids)
       or any(k not in qids for k in t.get("key_quotes", []))]
check("every theme names one to five key quotes, each tagged with it", not bad, ", ".join(bad))
kathy = [q["id"] for q in deck["quotes"] if q.get("speaker") == "kathy" and not q.get("narration")]
check("Kathy's narration is marked: only her spoken lines are dialogue",
      sorted(kathy) == ["office-beyond", "way-too-late"], ", ".join(kathy))
themes_of = {q["id"]: q["themes"] for q in deck["quotes"]}


def text_of_quote(qid):
    return next((q["text"] for q in deck["quotes"] if q["id"] == qid), "")


fixed = all(t in themes_of.get(q, []) for q, t in (
    ("imaginary-baby", "nostalgia"), ("sobs-jerk", "nostalgia"), ("flapping-plastic", "control"),
    ("flapping-plastic", "humanity"), ("still-a-carer", "control"),
    ("old-kind-world", "memory"), ("doing-shakespeare", "humanity"), ("vital-organs", "nostalgia"),
    ("dream-defer", "control"), ("revealed-soul", "identity"), ("tiny-animals", "humanity"),
    ("none-could-have-babies", "education"), ("didnt-fit", "education"),
    ("exploring-freedom", "identity"), ("private-nooks", "humanity"),
    ("where-you-were", "mortality"), ("brought-for-purpose", "education"), ("good-lives", "humanity"),
    ("good-lives", "mortality"), ("brought-for-purpose", "humanity"), ("decent-lives", "mortality"),
    ("square-circle", "nostalgia"), ("organs-from-nowhere", "nostalgia"),
    ("loved-all-our-lives", "humanity"), ("strange-incident", "nostalgia"),
    ("mirror", "education"), ("imaginary-baby", "mortality"), ("modelled-from-trash", "hope"),
    ("whiled-away", "art"), ("shaking-rage", "art"), ("brought-for-purpose", "nostalgia"),
    ("radio-set", "hope"), ("radio-set", "mortality"), ("supposed-to-be", "memory"),
    ("office-beyond", "mortality")))
check("the themes the review found offered as wrong answers are tagged", fixed)
main_theme = all(themes_of.get(q, [""])[0] == t for q, t in (
    ("doing-shakespeare", "love"), ("after-the-war", "nostalgia"), ("no-going-back", "nostalgia")))
check("the Shakespeare tantrum is answered Love, Miss Emily on post-war science the 'old kind world'",
      main_theme)
gone = sorted(qids & {"late-night", "walkmans-sales", "hunched-sobbing", "track-three",
                      "framed-doorway"})
check("the chapter 6 trivia and the title-giving tape line are cut", not gone, ", ".join(gone))
check("Miss Emily's 'lucky pawns', now confirmed in two copies, is quoted",
      "You were lucky pawns." in text_of_quote("lucky-pawns"))
shapes = {c["id"] for c in deck["cards"] if "exam" in c.get("tags", [])}
check("a card gives each board's question shape (OCR, Eduqas, Edexcel)",
      {"exam-ocr", "exam-eduqas", "exam-edexcel"} <= shapes)
check("holding-each-other quotes its clause whole ('stop us from being swept away')",
      "stop us from being swept away" in text_of_quote("holding-each-other"))

swot = os.environ.get("SWOT")
cards = None
if swot and os.path.exists(swot):
    r = subprocess.run([swot, "preview", DECK, "--json"], capture_output=True, text=True)
    cards = json.loads(r.stdout) if r.returncode == 0 else None
check("swot preview lists the deck's cards", cards is not None)
cards = cards or []
speaker = [c for c in cards if c["id"].endswith("/speaker")]
counts = {}
for c in speaker:
    counts[c["answers"][0]] = counts.get(c["answers"][0], 0) + 1
top = max(counts.items(), key=lambda kv: kv[1]) if counts else ("", 0)
check(f"no character answers more than 30% of the {len(speaker)} speaker cards "
      f"({top[0]}: {top[1]})", speaker and 10 * top[1] <= 3 * len(speaker))
narrated = {q["id"] for q in deck["quotes"] if q.get("narration")}
check("no speaker card for a narrated quotation",
      cards and not [c["id"] for c in speaker if c["note"] in narrated])
theme_cards = [c for c in cards if c["id"].endswith("/quotes")]
long_ = [c["id"] for c in theme_cards if c["answers"][0].count('\n- "') > 5]
check("theme cards list at most five quotations", theme_cards and not long_, ", ".join(long_))
keyed = {t["id"]: t["key_quotes"] for t in deck["themes"]}
text_of = {q["id"]: q["text"] for q in deck["quotes"]}
wrong = []
for c in theme_cards:
    lines = [x for x in c["answers"][0].split("\n") if x.startswith('- "')]
    if len(lines) != len(keyed[c["note"]]) or not all(
            x.startswith('- "' + text_of[k] + '" (') for x, k in zip(lines, keyed[c["note"]])):
        wrong.append(c["note"])
check("each theme card shows its key_quotes in the author's order", theme_cards and not wrong,
      ", ".join(wrong))
names = {t["name"]: t["id"] for t in deck["themes"]}
shares = []
for c in cards:
    if c["id"].endswith("/theme"):
        own = set(themes_of[c["note"]])
        shares += [c["note"] for i, o in enumerate(c["options"])
                   if i != c["correct"] and names[o] in own]
check("no which-theme card offers one of the quote's own themes as wrong",
      cards and not shares, ", ".join(shares))

# a student drilling the theme cards: each fits a 24-line screen (the
# status line, question and answer in at most 22 lines, leaving the
# prompt and grade)
if swot and os.path.exists(swot):
    import tempfile
    tmp = tempfile.mkdtemp(prefix="swot-nlmg-")
    db = os.path.join(tmp, "s.db")
    subprocess.run([swot, "--db", db, "import", DECK], capture_output=True, check=True)
    r = subprocess.run([swot, "--db", db, "--now", "2026-11-20T18:00", "drill",
                        "never-let-me-go", "--type", "theme", "-n", "10"],
                       input="\n3\n" * 10, capture_output=True, text=True,
                       env=dict(os.environ, COLUMNS="80"))
    blocks = re.split(r"\n(?=never-let-me-go · \d+ left · drill)", r.stdout)[1:]
    heights = [len(b.split("\npractice:")[0].split("\n")) for b in blocks]
    check(f"drilling the ten theme cards, each is at most 22 lines ({max(heights or [0])})",
          len(blocks) == 10 and max(heights) <= 22, r.stdout[-500:] + r.stderr)
    import shutil
    shutil.rmtree(tmp)
else:
    check("drilling the theme cards needs $SWOT", False)

# -- the JSON Schema and swot's own validator, when present --
if os.path.exists(SCHEMA):
    try:
        import jsonschema
        with open(SCHEMA, encoding="utf-8") as f:
            schema = json.load(f)
        errs = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(deck)] \
            if hasattr(jsonschema, "Draft202012Validator") else \
            [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(deck)]
        check("the JSON Schema accepts the deck", not errs, "; ".join(errs[:3]))
    except ImportError:
        check("jsonschema is available to check the schema", False, "python3-jsonschema missing")

if swot and os.path.exists(swot):
    r = subprocess.run([swot, "lint", DECK], capture_output=True, text=True)
    if "not available in this build" in r.stderr:
        print("# swot lint is not available in this build; skipped")
    else:
        check("swot lint accepts the deck", r.returncode == 0,
              (r.stderr or r.stdout).strip()[:300])

sys.exit(1 if failures else 0)
