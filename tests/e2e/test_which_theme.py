#!/usr/bin/python3
"""The "Which theme?" cards of every deck that comes with swot, as
`swot preview --json` shows them, hold the rule a student relies on:

- no wrong option is one of the quote's own themes;
- when two or more of the deck's themes share no quotation with the
  quote's themes, every wrong option is one of those; otherwise every
  wrong option goes with the quote's themes no more than chance (the
  share of its quotations tagged with one of them is no larger than the
  share of the deck's), unless fewer than two do (then the two least
  associated);
- no theme is a wrong option on more than 40% of the deck's which-theme
  cards (decks of six themes or more), so eliminating the usual wrong
  answer does not pass.
"""
import glob
import json
import os
import subprocess
from collections import Counter

from swottest import SWOT, check

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DECKS = sorted(p for p in glob.glob(os.path.join(ROOT, "decks", "*.json"))
               if not os.path.basename(p).startswith("template"))
SHARE = 40

print("1..%d" % (3 * len(DECKS)))


def allowed(deck, own):
    """The themes a card of a quote tagged `own` may offer as wrong."""
    quotes = [q.get("themes", []) for q in deck["quotes"]]
    size = Counter(t for ts in quotes for t in ts)
    score = {t["id"]: sum(ts.count(t["id"]) * sum(ts.count(o) for o in own) for ts in quotes)
             for t in deck["themes"] if t["id"] not in own}
    clear = [t for t, s in score.items() if s == 0]
    if len(clear) >= 2:
        return set(clear)
    base = sum(size[o] for o in own)
    low = [t for t, s in score.items() if s * len(quotes) <= size[t] * base]
    if len(low) >= 2:
        return set(low)
    # the two least associated, ties included
    ratio = sorted(score[t] / size[t] if size[t] else 0 for t in score)
    cut = ratio[min(1, len(ratio) - 1)]
    return {t for t in score if (score[t] / size[t] if size[t] else 0) <= cut}


for path in DECKS:
    name = os.path.basename(path)
    with open(path, encoding="utf-8") as f:
        deck = json.load(f)
    r = subprocess.run([SWOT, "preview", path, "--json"], capture_output=True, text=True)
    cards = [c for c in (json.loads(r.stdout) if r.returncode == 0 else [])
             if c["kind"] == "quote" and c["id"].endswith("/theme")]
    by_name = {t["name"]: t["id"] for t in deck["themes"]}
    themes_of = {q["id"]: q.get("themes", []) for q in deck["quotes"]}

    own_wrong, unclear, offered = [], [], Counter()
    for c in cards:
        own = themes_of[c["note"]]
        wrong = [by_name[o] for i, o in enumerate(c["options"]) if i != c["correct"]]
        offered.update(wrong)
        if any(t in own for t in wrong):
            own_wrong.append(c["note"])
        elif not set(wrong) <= allowed(deck, own):
            unclear.append("%s offers %s" % (c["note"], ", ".join(wrong)))
    check(f"{name}: {len(cards)} which-theme cards, none offering one of the quote's "
          "own themes as wrong", cards and not own_wrong, ", ".join(own_wrong[:10]) or r.stderr)
    check(f"{name}: every wrong option shares no quotation with the quote's themes, "
          "or (when too few do) goes with them no more than chance",
          cards and not unclear, "; ".join(unclear[:5]))
    top, most = offered.most_common(1)[0] if offered else ("", 0)
    check(f"{name}: no theme is a wrong option on more than {SHARE}% of the which-theme "
          f"cards ({top}: {most} of {len(cards)})",
          cards and (len(deck["themes"]) < 6 or 100 * most <= SHARE * len(cards)))
