"""Writes decks built to make validation slow, each close to the 16 MiB
limit (or BYTES), into OUT_DIR: a list of distinct items, a list of one
item repeated, an object of unknown keys, one key repeated, quotes naming
unknown speakers beside as many characters, quotes naming unknown themes,
and notes with duplicate ids.  Each is refused (or accepted) by swot lint
in time linear in its size.

    gen_adversarial.py OUT_DIR [BYTES]
"""
import json
import os
import sys

out = sys.argv[1]
limit = int(sys.argv[2]) if len(sys.argv) > 2 else 15 << 20
os.makedirs(out, exist_ok=True)
base = {"swot_deck": 1, "id": "adversarial", "title": "Adversarial"}


def fill(_, per_item):
    """How many items of about per_item bytes fit under the limit."""
    return max(1, (limit - 200) // per_item)


def write(name, deck):
    text = json.dumps(deck)
    if len(text) > limit:
        raise SystemExit(f"{name}: {len(text)} bytes, over {limit}")
    with open(os.path.join(out, name + ".json"), "w") as f:
        f.write(text)


n = fill(None, 18)
write("distinct-authors", dict(base, authors=["Author %d" % i for i in range(n)]))
write("repeated-authors", dict(base, authors=["Same"] * fill(None, 8)))
keys = dict(base)
for i in range(fill(None, 26)):
    keys["unknownkey%d" % i] = 1
write("unknown-keys", keys)
raw = '{"swot_deck": 1, "id": "adversarial", "title": "T", ' + \
    ", ".join('"title": "T"' for _ in range(fill(None, 14))) + "}"
with open(os.path.join(out, "repeated-key.json"), "w") as f:
    f.write(raw)
n = fill(None, 150) // 2
write("unknown-speakers", dict(
    base,
    characters=[{"id": "c%d" % i, "name": "Name %d" % i, "summary": "S"} for i in range(n)],
    quotes=[{"id": "q%d" % i, "text": "words %d here" % i, "speaker": "x%d" % i,
             "gaps": ["here"]} for i in range(n)]))
write("unknown-themes", dict(
    base,
    themes=[{"id": "t%d" % i, "name": "Theme %d" % i, "summary": "S"} for i in range(n)],
    quotes=[{"id": "q%d" % i, "text": "words %d here" % i, "themes": ["x%d" % i],
             "gaps": ["here"]} for i in range(n)]))
write("duplicate-ids", dict(
    base,
    cards=[{"id": "same", "type": "basic", "front": "F", "back": "B"}] * fill(None, 60)))
