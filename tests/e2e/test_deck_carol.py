#!/usr/bin/python3
"""decks/a-christmas-carol.json against the novella's full text.

Every quotation must be found word for word, with the text's own spelling
and punctuation, in the stave it names: lines joined by one space, each
piece of a quotation cut with an ellipsis found in turn, close after the
one before.  The text is tests/fixtures/texts/a-christmas-carol.txt (copied
from the project's shared reference texts; tests/fixtures/texts/README.md
describes the edition).  Also checked: the counts the deck promises, every
stave covered with its key moments, speaker cards not dominated by one
character, gaps that the rest of their card does not give away, every phrase in single
quotes in an analysis, summary, note or free card found in the text, theme
cards within their cap, and, when swot has them, `swot lint` and
`swot lint --source` over the deck.
"""
import json
import os
import re
import subprocess

import swottest
from quotelib import STOP, find, one_line, placement, sections, typed_names, words
from swottest import SWOT, check

print("1..41")  # the plan: how many checks this file runs

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DECK = os.path.join(ROOT, "decks", "a-christmas-carol.json")
TEXT = os.path.join(ROOT, "tests", "fixtures", "texts", "a-christmas-carol.txt")
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}


with open(DECK, encoding="utf-8") as f:
    deck = json.load(f)
with open(TEXT, encoding="utf-8") as f:
    raw = f.read()

# The staves: each begins at its heading line, "STAVE III:  THE SECOND ...".
heads = list(re.finditer(r"^STAVE ([IVX]+):", raw, re.M))
check("the text has five stave headings", [ROMAN[h.group(1)] for h in heads] == [1, 2, 3, 4, 5])
staves = sections(raw, heads, [ROMAN[h.group(1)] for h in heads])


quotes = deck["quotes"]
qby = {q["id"]: q for q in quotes}
chars = {c["id"]: c for c in deck["characters"]}
themes = {t["id"]: t for t in deck["themes"]}

# -- the edition, licence, boards --
check("deck id is a-christmas-carol", deck["id"] == "a-christmas-carol")
check("the edition quoted is named", deck["text"].get("edition", "").strip() != "")
check("licence CC-BY-SA-4.0, authors 'The swot authors'",
      deck["licence"] == "CC-BY-SA-4.0" and deck["authors"] == ["The swot authors"])
check("boards AQA, Edexcel, OCR, Eduqas, each named with its paper in the description",
      set(deck["course"]["boards"]) == {"AQA", "Edexcel", "OCR", "Eduqas"}
      and all(s in deck["description"] for s in
              ("AQA 8702 Paper 1", "Edexcel 1ET0 Paper 2", "OCR J352 Component 01",
               "Eduqas C720 Component 2")))

# -- every quotation exactly in its stave --
badline, badloc, notfound = placement(quotes, staves, "stave", "staves")
check("every quotation is on one line with single spaces", not badline, badline)
check("every quotation gives a stave from 1 to 5 and no other location", not badloc, badloc)
check("every quotation is found exactly in the stave it gives, and only there",
      not notfound, "\n".join(notfound))

# -- counts and coverage --
ncards = len(deck["cards"])
check("at least 10 characters (%d)" % len(chars), len(chars) >= 10)
check("at least 8 themes (%d)" % len(themes), len(themes) >= 8)
check("at least 70 key quotations (%d)" % len(quotes), len(quotes) >= 70)
check("at least 30 free cards (%d)" % ncards, ncards >= 30)
per = {n: [q["id"] for q in quotes if q.get("stave") == n] for n in range(1, 6)}
check("every stave has at least 8 quotations",
      all(len(v) >= 8 for v in per.values()), {n: len(v) for n, v in per.items()})
# Key moments an examiner expects, by quotation id: each must be there.
MOMENTS = {
    1: ["tight-fisted", "solitary-as-an-oyster", "fellow-passengers",
        "surplus-population", "prisons-workhouses", "marleys-face",
        "chain-i-forged", "mankind-business"],
    2: ["solitary-child", "home-like-heaven", "happiness-he-gives",
        "golden-idol", "master-passion", "hide-the-light"],
    3: ["jolly-giant", "iron-frame", "god-bless-us", "vacant-seat",
        "surplus-returned", "founder-of-the-feast", "same-chance",
        "ignorance-want", "no-workhouses"],
    4: ["black-garment", "cheap-funeral", "take-care-of-themselves",
        "unwatched-unwept", "little-little-child", "neglected-grave",
        "honour-christmas"],
    5: ["light-as-a-feather", "back-payments", "raise-salary",
        "second-father", "keep-christmas-well"],
}
for st, ids in MOMENTS.items():
    missing = [i for i in ids if i not in qby or qby[i].get("stave") != st]
    check("stave %d has its key moments" % st, not missing, missing)
for k in ("context", "method", "structure", "terminology"):
    n = sum(1 for c in deck["cards"] if k in c.get("tags", []))
    check("free cards tagged %s (%d)" % (k, n), n >= 4)
CONTEXT = ["Poor Law", "workhouse", "Malthus", "Hungry Forties", "Ragged School",
           "Marshalsea", "blacking", "Christmas card"]
alltext = json.dumps(deck["cards"])
missing = [c for c in CONTEXT if c.lower() not in alltext.lower()]
check("context cards cover the Poor Law, Malthus, the Hungry Forties, Ragged "
      "Schools, Dickens's life and the Christmas revival", not missing, missing)

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
    for g in q["gaps"]:
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
    given = [w for g in q["gaps"] for w in words(g) if w not in STOP and w in shown]
    if given:
        given_away.append("%s: %s" % (q["id"], given))
    gw = sum(len(words(g)) for g in q["gaps"])
    if any(len(words(g)) > 6 for g in q["gaps"]) or \
            (gw * 2 > len(words(t)) and len(words(t)) > 4):
        too_big.append("%s: %s" % (q["id"], q["gaps"]))
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

# -- what the deck quotes in its own prose is the text's: every phrase in
# single quotes in an analysis, a character's or theme's summary or notes,
# or a free card must stand in the novella (capitals aside: a quoted word may
# open the deck's sentence), so that a cut is never hidden ("'a covetous, old
# sinner'" for "a squeezing, ... covetous, old sinner").  The phrases that
# are not the novella's are named: the Poor Law's and historians' terms, a
# prefix, the Luke 2:14 echo and the pamphlet a free card names --
NOT_THE_NOVELLA = {"peace on earth", "unions", "outdoor relief", "less eligibility",
                   "hungry forties", "un-",
                   "an appeal to the people of england, on behalf of the poor man's child"}
lower_text = one_line(raw).lower()
prose = [("quotes/" + q["id"], q.get("analysis", "")) for q in quotes]
prose += [("characters/" + c["id"], c["summary"] + " " + c.get("notes", ""))
          for c in chars.values()]
prose += [("themes/" + t["id"], t["summary"]) for t in themes.values()]
prose += [("cards/" + c["id"], c[k]) for c in deck["cards"]
          for k in ("front", "back", "prompt", "text", "explain") if k in c]
misquoted = []
for where, s in prose:
    for m in re.finditer(r"(?<!\w)'(.+?)'(?!\w)", s.replace("{{", "").replace("}}", "")):
        phrase = m.group(1).strip().lower()
        if phrase in NOT_THE_NOVELLA:
            continue
        if find(phrase, lower_text) is None and find(phrase.rstrip(".,;:!?"), lower_text) is None:
            misquoted.append("%s: '%s'" % (where, m.group(1)))
check("every phrase the deck's prose quotes in single quotes is in the text",
      not misquoted, "\n".join(misquoted))

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
                            r'(?: \(Stave (\d+))?[;)]', out, re.M)}
wrong = ["%s: %s" % (q["id"], got.get(q["id"])) for q in quotes
         if got.get(q["id"]) != ("exact", q["stave"])]
check("swot lint --source: every quotation exact, at the stave the deck gives",
      not wrong, "\n".join(wrong[:20]) + "\n" + out[:2000])

raise SystemExit(1 if swottest.failed else 0)
