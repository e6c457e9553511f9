#!/usr/bin/python3
"""decks/macbeth.json against the text it quotes.

Every quotation must be found, character for character, in the scene the
deck gives for it (act and scene in modern numbering) of
tests/fixtures/texts/macbeth.txt, the edition the deck names: the 1998
etext of the Collins text, the same file as the project's reference copy of
the public-domain texts (see tests/fixtures/texts/README.md).  Its act 2
has two scenes; the modern 2.1 to 2.3 are its scene I, split where the
stage is cleared, and 2.4 is its scene II.  A quotation joins verse lines
with one space and marks a cut with an ellipsis; each piece must be found
in order within the scene.

Also checked: the counts the deck promises, every scene of the play
quoted, references, gaps that are worth learning and not given away by
the rest of their own card, speakers and characters that do not give
their own answers away, free cards, and (when this swot has them) `swot
lint` and `swot lint --source` over the deck.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

from quotelib import typed_names

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DECK = os.path.join(ROOT, "decks", "macbeth.json")
TEXT = os.path.join(ROOT, "tests", "fixtures", "texts", "macbeth.txt")

failures = 0


def check(name, cond, detail=""):
    global failures
    if cond:
        print("ok - " + name)
    else:
        failures += 1
        print("not ok - " + name + (" (" + detail + ")" if detail else ""))
    return cond


ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}


def scenes_of(path):
    """{(act, scene): text} in modern numbering: each scene's lines, each
    stripped, joined with one space (blank lines dropped)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    raw = {}  # (act, etext scene) -> [lines]
    act = scene = None
    for line in lines:
        m = re.match(r"^ACT ([IVX]+)\.\s*$", line)
        if m:
            act, scene = ROMAN[m.group(1)], None
            continue
        m = re.match(r"^SCENE ([IVX]+)\.", line)
        if m and act:
            scene = ROMAN[m.group(1)]
            raw[(act, scene)] = []
            continue
        if act and scene and line.strip():
            raw[(act, scene)].append(line.strip())
    # The etext's 2.I is the modern 2.1 (to Macbeth's exit after "heaven
    # or to hell"), 2.2 (Lady Macbeth enters, to the knocking) and 2.3
    # (the Porter); its 2.II is the modern 2.4.
    old = raw.pop((2, 1))
    four = raw.pop((2, 2))
    cut1 = old.index("That summons thee to heaven or to hell.") + 2  # and "[Exit.]"
    cut2 = old.index("[Enter a Porter. Knocking within.]")
    assert old[cut1 - 1] == "[Exit.]" and old[cut1] == "[Enter Lady Macbeth.]"
    raw[(2, 1)], raw[(2, 2)], raw[(2, 3)] = old[:cut1], old[cut1:cut2], old[cut2:]
    raw[(2, 4)] = four
    return {k: " ".join(v) for k, v in raw.items()}


ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")


def pieces(quote):
    return ELLIPSIS.split(quote.strip())


def found_in_order(quote, text):
    at = 0
    for p in pieces(quote):
        i = text.find(p, at)
        if not p or i < 0:
            return False
        at = i + len(p)
    return True


STOP = set("""a an and are as at be but by for from had has hath have he her him his
i if in is it its me my no not o of on or our s she so that the thee their them then
there they this thou thy to too us was we what when which who will with ye you your nor
'tis""".split())


def words(s):
    return re.findall(r"[a-z0-9]+(?:['’-][a-z0-9]+)*", s.lower())


def gap_text(g):
    return g["text"] if isinstance(g, dict) else g


def swot_abilities():
    """(lint knows a quote's act and scene, lint has --source): what the
    swot under test can check, so the plan counts only checks it runs."""
    swot = os.environ.get("SWOT")
    if not swot or not os.path.exists(swot):
        return None, False, False
    probe = {"swot_deck": 1, "id": "probe", "title": "probe",
             "characters": [{"id": "x", "name": "X", "summary": "Someone."}],
             "quotes": [{"id": "q", "text": "Fair is foul", "gaps": ["foul"],
                         "speaker": "x", "act": 1, "scene": 1}]}
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "probe.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(probe, f)
        acts = subprocess.run([swot, "lint", path], capture_output=True).returncode == 0
        src = subprocess.run([swot, "lint", "--source", TEXT, path],
                             capture_output=True, text=True)
        source = acts and src.returncode == 0 and "exact" in src.stdout
    return swot, acts, source


REQUIRED = ["Macbeth", "Lady Macbeth", "Banquo", "the Witches", "Duncan", "Macduff",
            "Malcolm", "Lady Macduff", "Fleance", "Ross", "Hecate", "the Porter"]
TOPICS = ["King's Men", "James", "divine right", "Gunpowder", "Daemonologie",
          "Witchcraft Act", "Holinshed"]

with open(DECK, encoding="utf-8") as f:
    deck = json.load(f)
scenes = scenes_of(TEXT)
SWOT, LINT_ACTS, LINT_SOURCE = swot_abilities()
# The plan: 34 checks of the deck as a whole, two per quote (its place, its
# gaps), one per theme, required character and context topic, and swot
# lint's (one, and one per quote and one more with --source).
plan = 34 + 2 * len(deck["quotes"]) + len(deck["themes"]) + len(REQUIRED) + len(TOPICS)
plan += (1 if LINT_ACTS else 0) + (len(deck["quotes"]) + 1 if LINT_SOURCE else 0)
print("1..%d" % plan)

# -- what the deck is --
check("deck id is macbeth", deck.get("id") == "macbeth")
check("licence is CC-BY-SA-4.0", deck.get("licence") == "CC-BY-SA-4.0")
check("authors are the swot authors", deck.get("authors") == ["The swot authors"])
text = deck.get("text", {})
check("the text is Macbeth by William Shakespeare",
      text.get("title") == "Macbeth" and text.get("author") == "William Shakespeare")
check("the edition quoted is named", "Collins" in text.get("edition", "")
      and "1998" in text.get("edition", ""))
boards = deck.get("course", {}).get("boards", [])
check("the four boards that set Macbeth are named",
      sorted(boards) == ["AQA", "Edexcel", "Eduqas", "OCR"], ", ".join(boards))
desc = deck.get("description", "")
papers = ["AQA 8702 Paper 1", "Edexcel 1ET0 Paper 1", "OCR J352 Component 02",
          "Eduqas C720 Component 1"]
check("the description names each board's paper or component",
      all(p in desc for p in papers), ", ".join(p for p in papers if p not in desc))

# -- counts --
chars, themes, quotes, cards = (deck[k] for k in ("characters", "themes", "quotes", "cards"))
check(f"at least 10 characters ({len(chars)})", len(chars) >= 10)
check(f"at least 8 themes ({len(themes)})", len(themes) >= 8)
check(f"at least 70 quotes ({len(quotes)})", len(quotes) >= 70)
check(f"at least 30 free cards ({len(cards)})", len(cards) >= 30)
byname = {c["name"]: c for c in chars}
for n in REQUIRED:
    check(f"character {n} is in the deck", n in byname)
check("the Witches are a group", byname.get("the Witches", {}).get("group") is True)
for section in ("characters", "themes", "quotes", "cards"):
    ids = [x["id"] for x in deck[section]]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    check(f"{section} ids are unique", not dup, ", ".join(dup))

# -- every quotation exactly in its scene --
char_ids = {c["id"] for c in chars}
theme_ids = {t["id"] for t in themes}
for q in quotes:
    where = (q.get("act"), q.get("scene"))
    ok = where in scenes and found_in_order(q["text"], scenes[where])
    detail = ""
    if not ok:
        others = [f"{a}.{s}" for (a, s), t in sorted(scenes.items())
                  if found_in_order(q["text"], t)]
        detail = ("found in " + ", ".join(others)) if others else "not found in the text"
    check(f"quote {q['id']} is in Act {where[0]}, Scene {where[1]} exactly", ok, detail)
bad = [q["id"] for q in quotes if "chapter" in q or "stave" in q]
check("quotes give an act and scene, not a chapter", not bad, ", ".join(bad))
bad = [q["id"] for q in quotes if "{" in q["text"] or "}" in q["text"]]
check("no quote holds a brace", not bad, ", ".join(bad))
texts = [q["text"] for q in quotes]
dup = sorted({q["id"] for q in quotes if texts.count(q["text"]) > 1})
check("no two quotes have the same text", not dup, ", ".join(dup))

# -- every scene of the play is quoted --
covered = {(q.get("act"), q.get("scene")) for q in quotes}
empty = [f"{a}.{s}" for (a, s) in sorted(scenes) if (a, s) not in covered]
check(f"every one of the play's {len(scenes)} scenes has a quotation", not empty,
      "none from " + ", ".join(empty))
check("the play has 28 scenes in modern numbering", len(scenes) == 28, str(len(scenes)))
per_act = {a: sum(1 for q in quotes if q.get("act") == a) for a in range(1, 6)}
check("every act has at least 8 quotations", min(per_act.values()) >= 8, str(per_act))

# -- references --
bad = [q["id"] for q in quotes if q.get("speaker") not in char_ids]
check("every quote has a speaker who is a character of the deck", not bad, ", ".join(bad))
bad = [f"{q['id']}:{t}" for q in quotes for t in q.get("themes", []) if t not in theme_ids]
check("every quote theme is a theme of the deck", not bad, ", ".join(bad))
bad = [q["id"] for q in quotes if not q.get("themes")]
check("every quote has at least one theme", not bad, ", ".join(bad))
bad = [q["id"] for q in quotes if len(theme_ids - set(q.get("themes", []))) < 3]
check("every quote leaves at least three other themes for its which-theme card", not bad,
      ", ".join(bad))
qthemes = {q["id"]: set(q.get("themes", [])) for q in quotes}
for t in themes:
    kq = t.get("key_quotes", [])
    badk = [k for k in kq if t["id"] not in qthemes.get(k, set())]
    check(f"theme {t['id']} has 1 to 5 key quotes, each a quote of that theme",
          1 <= len(kq) <= 5 and not badk, ", ".join(badk))
bad = [q["id"] for q in quotes
       if not q.get("ao") or any(a not in {"AO1", "AO2", "AO3", "AO4"} for a in q["ao"])]
check("AO tags are GCSE's AO1 to AO4", not bad, ", ".join(bad))
bad = [q["id"] for q in quotes if len(q.get("analysis", "")) < 80]
check("every quote has an analysis", not bad, ", ".join(bad))

# -- gaps: in the quote once, short, and not given away by the card --
names_of = {c["id"]: typed_names(c) for c in chars}
for q in quotes:
    gaps = q["gaps"]
    gtexts = [gap_text(g) for g in gaps]
    problems = []
    if not gaps:
        problems.append("no gap")
    spans = []
    for g in gtexts:
        n = q["text"].count(g)
        if n != 1:
            problems.append(f"'{g}' occurs {n} times")
            continue
        i = q["text"].index(g)
        spans.append((i, i + len(g)))
        if len(words(g)) > 6:
            problems.append(f"'{g}' is over six words")
    spans.sort()
    if any(b[0] < a[1] for a, b in zip(spans, spans[1:])):
        problems.append("gaps overlap")
    rest = q["text"]
    for a, b in reversed(spans):
        rest = rest[:a] + " " + rest[b:]
    # The cloze card shows the rest of the quote and the speaker's name.
    shown = set(words(rest)) | set(words(names_of.get(q.get("speaker"), [""])[0]))
    for g in gtexts:
        leak = [w for w in words(g) if w not in STOP and w in shown]
        if leak:
            problems.append(f"'{g}' shows '{' '.join(leak)}' elsewhere on the card")
    nq, ng = len(words(q["text"])), sum(len(words(g)) for g in gtexts)
    if ng * 2 > nq:
        problems.append(f"gaps are {ng} of {nq} words")
    for g in gaps:
        if isinstance(g, dict) and not (g.get("accept") and all(
                isinstance(a, str) and a.strip() for a in g["accept"])):
            problems.append("an accept list is empty")
    check(f"quote {q['id']} has gaps worth learning that its card does not give away",
          not problems, "; ".join(problems))

# -- who-said and who-is-this cards do not answer themselves --
gives = []
for q in quotes:
    for n in names_of.get(q.get("speaker"), []):
        if re.search(r"(?<![a-z])" + re.escape(n.lower()) + r"(?![a-z])", q["text"].lower()):
            gives.append(f"{q['id']}:{n}")
check("no quote names its own speaker", not gives, ", ".join(gives))
leaks = []
for c in chars:
    for n in names_of[c["id"]]:
        if re.search(r"(?<![a-z])" + re.escape(n.lower()) + r"(?![a-z])", c["summary"].lower()):
            leaks.append(f"{c['id']}:{n}")
check("no character summary names its own character", not leaks, ", ".join(leaks))
speakers = [q["speaker"] for q in quotes]
top = max(set(speakers), key=speakers.count)
check("no character speaks more than 35% of the quotes (who-said cards)",
      speakers.count(top) * 100 <= len(speakers) * 35, f"{top}: {speakers.count(top)}")

# -- free cards --
bad = []
for c in cards:
    t = c["type"]
    if not c.get("tags"):
        bad.append(c["id"] + " has no tags")
    if t == "typed":
        answers = [c["answer"]] + c.get("accept", [])
        if any(re.search(r"(?<![a-z])" + re.escape(a.lower()) + r"(?![a-z])",
                         c["prompt"].lower()) for a in answers):
            bad.append(c["id"] + " prompt holds its answer")
    elif t == "choice":
        o = c["options"]
        a = c["answer"]
        if len(o) < 3 or len(set(o)) != len(o) or not (
                a in o if isinstance(a, str) else 0 <= a < len(o)):
            bad.append(c["id"] + " options or answer")
    elif t == "cloze":
        gapped = re.findall(r"\{\{([^{}]+)\}\}", c["text"])
        rest = set(words(re.sub(r"\{\{[^{}]+\}\}", " ", c["text"])))
        leak = [w for g in gapped for w in words(g) if w not in STOP and w in rest]
        if not gapped or leak:
            bad.append(c["id"] + " cloze " + " ".join(leak))
    elif t == "basic":
        if not c["front"].strip() or not c["back"].strip():
            bad.append(c["id"] + " empty side")
    else:
        bad.append(c["id"] + " unknown type " + t)
check("every free card is well formed and does not give its answer away", not bad,
      "; ".join(bad))
tags = [t for c in cards for t in c.get("tags", [])]
check("at least 12 context cards (AO3)", tags.count("context") >= 12, str(tags.count("context")))
check("at least 12 method, structure and terminology cards",
      sum(tags.count(t) for t in ("method", "structure", "terminology")) >= 12)
context = " ".join(json.dumps(c) for c in cards if "context" in c.get("tags", []))
for topic in TOPICS:
    check(f"a context card covers {topic}", topic in context)

# -- swot's own checks, when this swot has them --
if SWOT and not LINT_ACTS:
    print("# this swot does not know a quote's act and scene yet: swot lint not run")
if LINT_ACTS:
    r = subprocess.run([SWOT, "lint", DECK], capture_output=True, text=True)
    check("swot lint accepts the deck", r.returncode == 0, (r.stderr or r.stdout)[:300])
if LINT_SOURCE:
    r = subprocess.run([SWOT, "lint", "--source", TEXT, DECK], capture_output=True, text=True)
    lines = {m.group(1): m.group(2) for m in re.finditer(
        r'quotes\[\d+\] "([^"]+)": (.*)', r.stdout)}
    for q in quotes:
        want = f"exact (Act {q['act']}, Scene {q['scene']}; macbeth.txt:"
        got = lines.get(q["id"], "no line")
        check(f"swot lint --source finds {q['id']} exact in Act {q['act']}, Scene {q['scene']}",
              got.startswith(want) and "but the deck says" not in got, got[:200])
    last = r.stdout.strip().splitlines()[-1:] or [""]
    check("swot lint --source passes the deck", r.returncode == 0, last[0])

sys.exit(1 if failures else 0)
