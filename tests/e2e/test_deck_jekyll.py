#!/usr/bin/python3
"""decks/jekyll-and-hyde.json against the novella's full text.

Every quotation must be found word for word, with the text's own spelling
and punctuation (its curly quotation marks and apostrophes, its "--"
dashes), in the chapter it names: lines joined by one space, each piece of
a quotation cut with an ellipsis found in turn, close after the one
before.  The text is tests/fixtures/texts/jekyll-and-hyde.txt (copied from
the project's shared reference texts; tests/fixtures/texts/README.md
describes the edition): ten chapters, each headed by its title in
capitals.  Also checked: the counts the deck promises, every chapter
covered with its key moments, speaker cards not dominated by one
character, gaps that the rest of their card does not give away, theme
cards within their cap and a 24-line screen, the JSON Schema, and `swot
lint` and `swot lint --source` over the deck.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile

import swottest
from quotelib import STOP, placement, sections, typed_names, words
from swottest import SWOT, check

print("1..47")  # the plan: how many checks this file runs

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DECK = os.path.join(ROOT, "decks", "jekyll-and-hyde.json")
TEXT = os.path.join(ROOT, "tests", "fixtures", "texts", "jekyll-and-hyde.txt")
# The chapter headings as the text prints them, in order.
HEADINGS = ["STORY OF THE DOOR", "SEARCH FOR MR. HYDE", "DR. JEKYLL WAS QUITE AT EASE",
            "THE CAREW MURDER CASE", "INCIDENT OF THE LETTER", "INCIDENT OF DR. LANYON",
            "INCIDENT AT THE WINDOW", "THE LAST NIGHT", "DR. LANYON\u2019S NARRATIVE",
            "HENRY JEKYLL\u2019S FULL STATEMENT OF THE CASE"]


with open(DECK, encoding="utf-8") as f:
    deck = json.load(f)
with open(TEXT, encoding="utf-8") as f:
    raw = f.read()

# The chapters: each begins at its heading, a line of its own.
heads = [re.search(r"^" + re.escape(h) + r"$", raw, re.M) for h in HEADINGS]
check("the text has its ten chapter headings, in order",
      all(heads) and [h.start() for h in heads] == sorted(h.start() for h in heads),
      [h for h, m in zip(HEADINGS, heads) if not m])
chapters = sections(raw, heads, range(1, len(heads) + 1))


quotes = deck["quotes"]
qby = {q["id"]: q for q in quotes}
chars = {c["id"]: c for c in deck["characters"]}
themes = {t["id"]: t for t in deck["themes"]}

# -- the edition, licence, boards --
check("deck id is jekyll-and-hyde", deck["id"] == "jekyll-and-hyde")
check("the edition quoted is named", deck["text"].get("edition", "").strip() != "")
check("licence CC-BY-SA-4.0, authors 'The swot authors'",
      deck["licence"] == "CC-BY-SA-4.0" and deck["authors"] == ["The swot authors"])
check("boards AQA, Edexcel, OCR, Eduqas, each named with its paper in the description",
      set(deck["course"]["boards"]) == {"AQA", "Edexcel", "OCR", "Eduqas"}
      and all(s in deck["description"] for s in
              ("AQA 8702 Paper 1", "Edexcel 1ET0 Paper 2", "OCR J352 Component 01",
               "Eduqas C720 Component 2")))

# -- every quotation exactly in its chapter --
badline, badloc, notfound = placement(quotes, chapters, "chapter", "chapters")
check("every quotation is on one line with single spaces", not badline, badline)
check("every quotation gives a chapter from 1 to 10 and no other location", not badloc, badloc)
check("every quotation is found exactly in the chapter it gives, and only there",
      not notfound, "\n".join(notfound))

# -- counts and coverage --
MIN_CHARS, MIN_THEMES, MIN_QUOTES, MIN_CARDS = 7, 8, 70, 30
ncards = len(deck["cards"])
check("at least %d characters (%d)" % (MIN_CHARS, len(chars)), len(chars) >= MIN_CHARS)
check("at least %d themes (%d)" % (MIN_THEMES, len(themes)), len(themes) >= MIN_THEMES)
check("at least %d key quotations (%d)" % (MIN_QUOTES, len(quotes)), len(quotes) >= MIN_QUOTES)
check("at least %d free cards (%d)" % (MIN_CARDS, ncards), ncards >= MIN_CARDS)
per = {n: [q["id"] for q in quotes if q.get("chapter") == n] for n in range(1, 11)}
check("every chapter has at least 6 quotations",
      all(len(v) >= 6 for v in per.values()), {n: len(v) for n, v in per.items()})
# Key moments an examiner expects, by quotation id: each must be there.
MOMENTS = {
    1: ["cains-heresy", "trampled-calmly", "like-satan", "black-mail-house",
        "queer-street", "something-wrong"],
    2: ["madness-disgrace", "mr-seek", "pale-and-dwarfish", "troglodytic",
        "satans-signature"],
    3: ["moment-i-choose", "let-it-sleep"],
    4: ["singular-ferocity", "ape-like-fury", "chocolate-pall", "city-in-a-nightmare"],
    5: ["my-own-character", "drowned-city", "differently-sloped", "forge-for-a-murderer"],
    6: ["i-have-had-a-shock", "chief-of-sinners", "respect-my-silence",
        "death-or-disappearance"],
    7: ["disconsolate-prisoner", "abject-terror"],
    8: ["wild-cold-night", "like-a-rat", "lost-soul", "self-destroyer", "save-his-credit"],
    9: ["my-life-my-honour", "narrow-and-material", "o-god"],
    10: ["concealed-pleasures", "truly-two", "primitive-duality", "deformity-and-decay",
         "tenfold-more-wicked", "ugly-idol", "load-of-genial-respectability",
         "stood-aghast", "swart-growth",
         "losing-hold", "fathers-interest", "better-part", "devil-caged", "animal-within",
         "child-of-hell", "here-then"],
}
for ch, ids in MOMENTS.items():
    missing = [i for i in ids if i not in qby or qby[i].get("chapter") != ch]
    check("chapter %d has its key moments" % ch, not missing, missing)
for k in ("context", "method", "structure", "terminology"):
    n = sum(1 for c in deck["cards"] if k in c.get("tags", []))
    check("free cards tagged %s (%d)" % (k, n), n >= 4)
CONTEXT = ["respectab", "Darwin", "degenera", "fog", "Gothic", "dream", "1886",
           "shilling shocker"]
alltext = json.dumps(deck["cards"], ensure_ascii=False)
missing = [c for c in CONTEXT if c.lower() not in alltext.lower()]
check("context cards cover Victorian respectability, Darwin and degeneration, the "
      "city, science and the Gothic, the dream and the 1886 shilling shocker",
      not missing, missing)

# -- speakers and narration --
bad = [q["id"] for q in quotes
       if bool(q.get("narration")) == bool(q.get("speaker"))]
check("every quotation is either narration or has a speaker", not bad, bad)
bad = [q["id"] for q in quotes if q.get("speaker") and q["speaker"] not in chars]
check("every speaker is a character of the deck", not bad, bad)
spoken = [q["speaker"] for q in quotes if q.get("speaker")]
top = max(set(spoken), key=spoken.count)
check("no character answers more than 30%% of the who-says-this cards "
      "(%s: %d of %d)" % (top, spoken.count(top), len(spoken)),
      spoken.count(top) <= 0.3 * len(spoken))
gives = []
for q in quotes:
    if not q.get("speaker"):
        continue
    c = chars[q["speaker"]]
    for n in typed_names(c):
        if re.search(r"(?<![\w'])" + re.escape(n.lower()) + r"(?![\w])", q["text"].lower()):
            gives.append("%s:%s" % (q["id"], n))
check("no quotation names its own speaker", not gives, gives)
leaks = []
for c in chars.values():
    for n in typed_names(c):
        if re.search(r"(?<![\w'])" + re.escape(n.lower()) + r"(?![\w])", c["summary"].lower()):
            leaks.append("%s:%s" % (c["id"], n))
check("no character summary names its character", not leaks, leaks)

# -- gaps: worth remembering, and not given away by the rest of the card --
notwhole, overlap, given_away, too_big = [], [], [], []
for q in quotes:
    t = q["text"]
    spans = []
    gaps = [g if isinstance(g, str) else g["text"] for g in q["gaps"]]
    for g in gaps:
        m = re.search(r"(?<!\w)" + re.escape(g) + r"(?!\w)", t)
        if m:
            spans.append((m.start(), m.end()))
        else:
            notwhole.append("%s: %s" % (q["id"], g))
    spans.sort()
    if any(b[0] < a[1] for a, b in zip(spans, spans[1:])):
        overlap.append(q["id"])
    rest = t
    for a, b in reversed(spans):
        rest = rest[:a] + " " + rest[b:]
    shown = set(words(rest))
    if q.get("speaker"):
        shown |= set(words(chars[q["speaker"]]["name"]))
    given = [w for g in gaps for w in words(g) if w not in STOP and w in shown]
    if given:
        given_away.append("%s: %s" % (q["id"], given))
    gw = sum(len(words(g)) for g in gaps)
    if any(len(words(g)) > 6 for g in gaps) or \
            (gw * 2 > len(words(t)) and len(words(t)) > 4):
        too_big.append("%s: %s" % (q["id"], gaps))
check("every gap is whole words of its quotation", not notwhole, notwhole)
check("no quotation's gaps overlap", not overlap, overlap)
check("no word of a gap appears elsewhere in its card (quotation or speaker)",
      not given_away, "\n".join(given_away))
check("every gap is at most 6 words, and a quotation's gaps under half of it",
      not too_big, "\n".join(too_big))

# -- themes: tagged, capped, and each quotation's analysis present --
bad = [q["id"] for q in quotes
       if not (q.get("themes") and all(x in themes for x in q["themes"])
               and q.get("analysis", "").strip()
               and q.get("ao") and all(a in ("AO1", "AO2", "AO3") for a in q["ao"]))]
check("every quotation has themes of the deck, an analysis and AO1-AO3 tags", not bad, bad)
bad = [t["id"] for t in themes.values()
       if not (2 <= len(t.get("key_quotes", [])) <= 5
               and all(k in qby and t["id"] in qby[k]["themes"] for k in t["key_quotes"]))]
check("every theme names 2 to 5 key quotations, each tagged with it", not bad, bad)
few = ["%s: %d" % (t, n) for t, n in
       ((t, sum(1 for q in quotes if t in q["themes"])) for t in themes) if n < 4]
check("every theme is shown by at least 4 quotations", not few, few)

# -- free cards do not give their answers away --
given_away = []
for c in deck["cards"]:
    if c["type"] == "cloze":
        gaps = re.findall(r"\{\{(.*?)\}\}", c["text"])
        rest = set(words(re.sub(r"\{\{.*?\}\}", " ", c["text"])))
        given = [w for g in gaps for w in words(g) if w not in STOP and w in rest]
    elif c["type"] == "typed":
        given = [w for w in words(c["answer"]) if w not in STOP and w in words(c["prompt"])]
    else:
        given = []
    if given:
        given_away.append("%s: %s" % (c["id"], given))
check("no free card shows its own answer (cloze gaps, typed answers)",
      not given_away, given_away)
bad = []
for c in deck["cards"]:
    if c["type"] == "choice":
        ans = c["answer"] if isinstance(c["answer"], int) else c["options"].index(c["answer"])
        if not (len(set(c["options"])) == len(c["options"]) >= 3
                and 0 <= ans < len(c["options"])):
            bad.append(c["id"])
check("every choice card has 3 or more distinct options and a right one", not bad, bad)

# -- the JSON Schema accepts the deck --
import jsonschema  # noqa: E402  (Debian's python3-jsonschema, a test dependency)
with open(os.path.join(ROOT, "schema", "deck.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
errs = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(deck)]
check("the JSON Schema accepts the deck", not errs, "; ".join(errs[:3]))

# -- a student drilling the ten theme cards: each fits a 24-line screen
# (the status line, question and answer in at most 22 lines, leaving the
# prompt and the grade) --
tmp = tempfile.mkdtemp(prefix="swot-jekyll-")
db = os.path.join(tmp, "s.db")
subprocess.run([SWOT, "--db", db, "import", DECK], capture_output=True, check=True)
r = subprocess.run([SWOT, "--db", db, "--now", "2026-11-20T18:00", "drill",
                    "jekyll-and-hyde", "--type", "theme", "-n", "10"],
                   input="\n3\n" * 10, capture_output=True, text=True,
                   env=dict(os.environ, COLUMNS="80", NO_COLOR="1"))
blocks = re.split(r"\n(?=jekyll-and-hyde \u00b7 \d+ left \u00b7 drill)", r.stdout)[1:]
heights = [len(b.split("\npractice:")[0].split("\n")) for b in blocks]
check("drilling the ten theme cards, each is at most 22 lines (%d)" % max(heights or [0]),
      len(blocks) == 10 and max(heights) <= 22, r.stdout[-500:] + r.stderr)
shutil.rmtree(tmp)

# -- swot's own checks: lint, and lint --source against the text --
rel = os.path.relpath(DECK, ROOT)
p = subprocess.run([SWOT, "lint", rel], cwd=ROOT, capture_output=True, text=True)
check("swot lint accepts the deck", p.returncode == 0 and p.stdout.startswith(rel + ": ok ("),
      p.stdout + p.stderr)
src = os.path.relpath(TEXT, ROOT)
p = subprocess.run([SWOT, "lint", "--source", src, rel], cwd=ROOT,
                   capture_output=True, text=True)
out = p.stdout + p.stderr
check("swot lint --source exits 0", p.returncode == 0, out[:2000])
got = {m.group(1): (m.group(2), int(m.group(3)) if m.group(3) else None)
       for m in re.finditer(r'^\S+: quotes\[\d+\] "([a-z0-9-]+)": (\w[\w ]*?)'
                            r'(?: \(Chapter (\d+))?[;)]', out, re.M)}
wrong = ["%s: %s" % (q["id"], got.get(q["id"])) for q in quotes
         if got.get(q["id"]) != ("exact", q["chapter"])]
check("swot lint --source: every quotation exact, at the chapter the deck gives",
      not wrong, "\n".join(wrong[:20]) + "\n" + out[:2000])

raise SystemExit(1 if swottest.failed else 0)
