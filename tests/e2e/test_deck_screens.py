#!/usr/bin/python3
"""Every deck that comes with swot, as a student revising it meets it.

For each shipped deck (decks/*.json but the template):
- each theme card, drilled on a real 80x24 terminal (a pseudo-terminal),
  fits the screen: from the status line through the question, the
  "(Enter shows the answer)" prompt, the answer and the schedule line to
  the grade prompt, at most 24 rows, so the status line has not scrolled
  off while the student reads the answer (a pipe never shows the Enter
  prompt, so a count made there is one row short);
- each "Which theme?" card is answered by the quote's main theme (the
  first of its themes, the one its theme card files it under) and offers
  none of its other themes as wrong;
- no character answers more than 30% of the "Who says this?" cards;
- no free cloze gap of several words starts with an article or a number
  word ("{{one shilling}}"): a free cloze gap takes no other answers, so a
  student who writes "a shilling" or "1s" would be marked wrong; gap the
  word that matters ("one {{shilling}}");
- no gap, of a quote or a free cloze card, is the text's own title (the
  song 'Never Let Me Go' in Never Let Me Go): the deck's name answers it;
- no two gaps of a quote stand side by side with only spaces between them
  ("envy, [___1___] [___2___], who"): nothing shows where the first ends,
  so a student who types both into the first is marked wrong;
- every character's name or alias beginning "the" is right without it, and
  no alias repeats the name or another alias: swot takes "Porter" for "the
  Porter" and "Dr Jekyll" for "Dr. Jekyll", so the deck need not list both.
  Both are asked of swot itself: each form typed at a typed card of a
  scratch deck, drilled through a pipe.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import tempfile

import pexpect

from sessionlib import Session
from swottest import SWOT, check

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DECKS = sorted(p for p in glob.glob(os.path.join(ROOT, "decks", "*.json"))
               if not os.path.basename(p).startswith("template"))

print("1..%d" % (8 * len(DECKS)))


# Words that open a phrase a student could as rightly open another way.
LEADING = {"a", "an", "the", "one", "two", "three", "four", "five", "six", "seven",
           "eight", "nine", "ten", "eleven", "twelve"}


def bare(text):
    """Lower case, curly quotes straight, without the punctuation around it."""
    for x, y in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(x, y)
    return re.sub(r"\s+", " ", text).strip(" '\".,;:!?").lower()


SGR = re.compile(r"\x1b\[[?0-9;]*[A-Za-z]|\x1b[=>]|\x1b\].*?\x07")


def gap_texts(quote):
    """A quote's gaps as text (a gap may be {"text": ..., "accept": [...]})."""
    return [g["text"] if isinstance(g, dict) else g for g in quote["gaps"]]


def touching_gaps(quote):
    """Pairs of a quote's gaps with nothing but spaces between them, each gap
    found after the one before it, as swot places them."""
    text, at, spans = quote["text"], 0, []
    for g in gap_texts(quote):
        i = text.find(g, at)
        if i < 0:
            i = text.find(g)
        if i < 0:
            continue
        spans.append((i, i + len(g), g))
        at = i + len(g)
    spans.sort()
    return [(a[2], b[2]) for a, b in zip(spans, spans[1:])
            if a[1] <= b[0] and not text[a[1]:b[0]].strip()]


def screen_rows(text):
    """The terminal rows a stretch of output fills on an 80-column screen:
    each line at least one row, a longer line wraps onto more."""
    rows = 0
    for line in SGR.sub("", text).replace("\r\n", "\n").replace("\r", "").split("\n"):
        rows += max(1, -(-len(line) // 80))
    return rows


def drill_heights(path, deck):
    """For each theme card drilled on a real 80x24 terminal, by theme: how
    many rows the screen needs from the status line down to the grade
    prompt, the prompt that waits while the student reads the answer.  On
    a terminal the line editor shows "(Enter shows the answer)" and echoes
    the Enter, a row that a pipe never prints."""
    tmp = tempfile.mkdtemp(prefix="swot-screens-")
    try:
        db = os.path.join(tmp, "s.db")
        subprocess.run([SWOT, "--db", db, "import", path], capture_output=True, check=True)
        n = len(deck["themes"])
        env = dict(os.environ, TERM="xterm", NO_COLOR="1")
        env.pop("COLUMNS", None)
        p = pexpect.spawn(SWOT, ["--db", db, "--now", "2026-11-20T18:00", "drill", deck["id"],
                                 "--type", "theme", "-n", str(n)],
                          env=env, encoding="utf-8", timeout=20, dimensions=(24, 80))
        status = re.escape(deck["id"]) + r" · \d+ left · drill"
        out = {}
        try:
            for _ in range(n):
                p.expect(status)
                top = p.after
                p.expect(r"\(Enter shows the answer\) ")
                question = top + p.before + p.after
                p.sendline("")
                p.expect(r"grade [^\n]*> ")
                screen = question + p.before + p.after
                m = re.search(r"Theme: (.*?)\. What does", question)
                out[m.group(1) if m else question[:40]] = screen_rows(screen)
                p.sendline("3")
        except (pexpect.TIMEOUT, pexpect.EOF):
            pass
        p.close(force=True)
        return out
    finally:
        shutil.rmtree(tmp)


def marked(probes):
    """How swot marks each probe, a pair (accepted forms, typed answer): each
    becomes a typed card of a scratch deck, drilled through a pipe, typed
    at its own prompt.  The verdicts ("right", "almost", "wrong"; None if
    never asked), in the order of probes."""
    tmp = tempfile.mkdtemp(prefix="swot-names-")
    try:
        cards = [{"id": "p%d" % i, "type": "typed", "prompt": "probe %d" % i,
                  "answer": forms[0], "accept": forms[1:]}
                 for i, (forms, typed) in enumerate(probes)]
        path = os.path.join(tmp, "names.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"swot_deck": 1, "id": "names", "title": "Names", "version": "1",
                       "cards": cards}, f)
        db = os.path.join(tmp, "s.db")
        subprocess.run([SWOT, "--db", db, "import", path], capture_output=True, check=True)
        s = Session(db, "drill", "names", "-n", str(len(probes)), env={"NO_COLOR": "1"})
        verdicts = [None] * len(probes)
        while True:
            m = s.expect(r"probe (\d+)  \[type the answer\]\n")
            if not m:
                break
            k = int(m.group(1))
            s.send(probes[k][1])
            v = s.expect(r"(right|almost|wrong) \(proposed")
            verdicts[k] = v.group(1).decode() if v else None
            s.send("")
        s.close()
        return verdicts
    finally:
        shutil.rmtree(tmp)


def name_probes(deck):
    """For each character: each of its names beginning "the" typed without
    it, against all its names; each alias typed against each name listed
    before it alone.  Two lists of (probe, what it shows)."""
    bare, repeats = [], []
    for c in deck.get("characters", []):
        forms = [c["name"]] + c.get("aliases", [])
        for f in forms:
            m = re.match(r"(?i)the\s+(.+)", f)
            if m:
                bare.append(((forms, m.group(1)), "%s: %s" % (c["id"], f)))
        for i in range(1, len(forms)):
            for j in range(i):
                repeats.append((([forms[j]], forms[i]),
                                "%s: %r repeats %r" % (c["id"], forms[i], forms[j])))
    return bare, repeats


for path in DECKS:
    name = os.path.basename(path)
    with open(path, encoding="utf-8") as f:
        deck = json.load(f)
    heights = drill_heights(path, deck)
    tall = ["%s (%d rows)" % (t, h) for t, h in heights.items() if h > 24]
    check(f"{name}: each of its {len(deck['themes'])} theme cards fits a 24-line screen",
          len(heights) == len(deck["themes"]) and not tall,
          ", ".join(tall) or "drilled %d of %d" % (len(heights), len(deck["themes"])))

    r = subprocess.run([SWOT, "preview", path, "--json"], capture_output=True, text=True)
    cards = json.loads(r.stdout) if r.returncode == 0 else []
    theme_name = {t["id"]: t["name"] for t in deck.get("themes", [])}
    themes_of = {q["id"]: q.get("themes", []) for q in deck.get("quotes", [])}
    wrong = []
    for c in cards:
        if not c["id"].endswith("/theme") or c["kind"] != "quote":
            continue
        own = themes_of[c["note"]]
        right = c["options"][c["correct"]]
        others = [o for i, o in enumerate(c["options"]) if i != c["correct"]]
        if right != theme_name[own[0]] or any(o in {theme_name[t] for t in own} for o in others):
            wrong.append(c["note"])
    check(f"{name}: every which-theme card is answered by its quote's main theme, "
          "with none of its own themes offered as wrong",
          cards and not wrong, ", ".join(wrong[:10]))

    who = [c["answers"][0] for c in cards if c["id"].endswith("/speaker")]
    top = max(set(who), key=who.count) if who else None
    share = who.count(top) / len(who) if who else 0
    check(f"{name}: no character answers more than 30% of the who-says-this cards "
          f"({top}: {who.count(top) if who else 0} of {len(who)})", who and share <= 0.30)

    loose = []
    for c in deck.get("cards", []):
        if c["type"] != "cloze":
            continue
        for g in re.findall(r"\{\{(.*?)\}\}", c["text"]):
            w = g.split()
            if len(w) > 1 and w[0].lower() in LEADING:
                loose.append("%s: {{%s}}" % (c["id"], g))
    check(f"{name}: no free cloze gap of several words starts with an article or a "
          "number word (a student could rightly write it another way)",
          not loose, ", ".join(loose))

    titles = {bare(deck["title"]), bare(deck.get("text", {}).get("title", deck["title"]))}
    named = ["%s: %s" % (q["id"], g) for q in deck.get("quotes", [])
             for g in gap_texts(q)
             if bare(g) in titles]
    named += ["%s: {{%s}}" % (c["id"], g) for c in deck.get("cards", []) if c["type"] == "cloze"
              for g in re.findall(r"\{\{(.*?)\}\}", c["text"]) if bare(g) in titles]
    check(f"{name}: no gap is the text's own title, which the deck's name gives away",
          not named, ", ".join(named))

    touching = ["%s: %s / %s" % (q["id"], a, b) for q in deck.get("quotes", [])
                for a, b in touching_gaps(q)]
    check(f"{name}: no two gaps of a quote stand side by side with only spaces between",
          not touching, ", ".join(touching))

    bare_probes, repeat_probes = name_probes(deck)
    verdicts = marked([p for p, _ in bare_probes + repeat_probes])
    v_bare, v_repeat = verdicts[:len(bare_probes)], verdicts[len(bare_probes):]
    refused = ["%s (%s)" % (what, v) for (_, what), v in zip(bare_probes, v_bare)
               if v != "right"]
    check(f"{name}: each of its {len(bare_probes)} names and aliases beginning 'the' "
          "is right without it", not refused, ", ".join(refused))
    twice = [what for (_, what), v in zip(repeat_probes, v_repeat) if v == "right"]
    unasked = sum(v is None for v in v_repeat)
    check(f"{name}: no alias repeats the name or another alias (swot takes one for the "
          "other)", not twice and not unasked,
          ", ".join(twice) + (" (%d not asked)" % unasked if unasked else ""))
