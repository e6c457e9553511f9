#!/usr/bin/python3
"""Every deck that comes with swot, as a student revising it meets it.

For each shipped deck (decks/*.json but the template):
- each theme card, drilled at the prompt in an 80-column pipe, fits a
  24-line screen: the status line, question and answer in at most 22
  lines, leaving the prompt and the grade;
- each "Which theme?" card is answered by the quote's main theme (the
  first of its themes, the one its theme card files it under) and offers
  none of its other themes as wrong;
- no character answers more than 30% of the "Who says this?" cards;
- no free cloze gap of several words starts with an article or a number
  word ("{{one shilling}}"): a free cloze gap takes no other answers, so a
  student who writes "a shilling" or "1s" would be marked wrong; gap the
  word that matters ("one {{shilling}}");
- no gap, of a quote or a free cloze card, is the text's own title (the
  song 'Never Let Me Go' in Never Let Me Go): the deck's name answers it.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import tempfile

from swottest import SWOT, check

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DECKS = sorted(p for p in glob.glob(os.path.join(ROOT, "decks", "*.json"))
               if not os.path.basename(p).startswith("template"))

print("1..%d" % (5 * len(DECKS)))


# Words that open a phrase a student could as rightly open another way.
LEADING = {"a", "an", "the", "one", "two", "three", "four", "five", "six", "seven",
           "eight", "nine", "ten", "eleven", "twelve"}


def bare(text):
    """Lower case, curly quotes straight, without the punctuation around it."""
    for x, y in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(x, y)
    return re.sub(r"\s+", " ", text).strip(" '\".,;:!?").lower()


def drill_heights(path, deck):
    """The height of each theme card drilled at 80 columns, by theme."""
    tmp = tempfile.mkdtemp(prefix="swot-screens-")
    try:
        db = os.path.join(tmp, "s.db")
        subprocess.run([SWOT, "--db", db, "import", path], capture_output=True, check=True)
        n = len(deck["themes"])
        r = subprocess.run([SWOT, "--db", db, "--now", "2026-11-20T18:00", "drill", deck["id"],
                            "--type", "theme", "-n", str(n)],
                           input="\n3\n" * n, capture_output=True, text=True,
                           env=dict(os.environ, COLUMNS="80"))
        blocks = re.split(r"\n(?=%s · \d+ left · drill)" % re.escape(deck["id"]), r.stdout)[1:]
        out = {}
        for b in blocks:
            lines = b.split("\npractice:")[0].split("\n")
            m = re.match(r"Theme: (.*?)\. What does", lines[1] if len(lines) > 1 else "")
            out[m.group(1) if m else lines[1:2]] = len(lines)
        return out
    finally:
        shutil.rmtree(tmp)


for path in DECKS:
    name = os.path.basename(path)
    with open(path, encoding="utf-8") as f:
        deck = json.load(f)
    heights = drill_heights(path, deck)
    tall = ["%s (%d lines)" % (t, h) for t, h in heights.items() if h > 22]
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
             for g in (x["text"] if isinstance(x, dict) else x for x in q["gaps"])
             if bare(g) in titles]
    named += ["%s: {{%s}}" % (c["id"], g) for c in deck.get("cards", []) if c["type"] == "cloze"
              for g in re.findall(r"\{\{(.*?)\}\}", c["text"]) if bare(g) in titles]
    check(f"{name}: no gap is the text's own title, which the deck's name gives away",
          not named, ", ".join(named))
