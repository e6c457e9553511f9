"""Writes a deck of N notes for the import benchmark: N/2 quotes (speaker,
themes, one gap) and N/2 free basic and typed cards.

    gen_deck.py N OUT.json
"""
import json
import random
import sys

n = int(sys.argv[1])
rng = random.Random(1)
words = ("memory hope art soul gallery carer donor field boat tape marsh "
         "cottage norfolk lost found quiet grey long small river").split()
characters = [{"id": "c%d" % i, "name": "Person %d" % i,
               "summary": "Character %d of the bench deck." % i} for i in range(30)]
themes = [{"id": "t%d" % i, "name": "Theme %d" % i,
           "summary": "Theme %d of the bench deck." % i} for i in range(20)]
quotes, cards = [], []
for i in range(n // 2):
    text = " ".join(rng.choice(words) for _ in range(8)) + " %d" % i
    # the gap: a word the rest of the text does not repeat (a repeated one
    # would give itself away, which swot refuses)
    w = text.split()
    gap = next((x for x in w[2:] + w[:2] if w.count(x) == 1), w[-1])
    quotes.append({"id": "q%d" % i, "text": text, "speaker": "c%d" % (i % 30),
                   "themes": ["t%d" % (i % 20)], "gaps": [gap]})
for i in range(n - n // 2):
    if i % 2:
        cards.append({"id": "b%d" % i, "type": "basic", "front": "Front %d?" % i,
                      "back": "Back %d" % i})
    else:
        cards.append({"id": "y%d" % i, "type": "typed", "prompt": "Prompt %d?" % i,
                      "answer": "answer %d" % i})
deck = {"swot_deck": 1, "id": "bench", "title": "Bench deck", "version": "1",
        "characters": characters, "themes": themes, "quotes": quotes, "cards": cards}
with open(sys.argv[2], "w") as f:
    json.dump(deck, f, separators=(",", ":"))
