"""Fair marking, as a student sees it in a session from a pipe: a number
typed as digits or words is right either way, one word left out of a long
answer is almost (and the diff shows which), and on a screen without
colour the diff still marks what was typed and what was expected; a word
written with a space joined ("everyone" for "every one") is almost, not
wrong; a leading
article does not matter ("Porter" for "the Porter") but in a cloze gap,
the quotation's own words, it does."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from swottest import TMP, check, swot  # noqa: E402

print("1..9")  # the plan: how many checks this file runs

deck = {"swot_deck": 1, "id": "marking", "title": "Marking", "version": "1",
        "cards": [
            {"id": "cottages", "type": "typed", "prompt": "How old are they at the Cottages?",
             "answer": "sixteen"},
            {"id": "nobel", "type": "typed", "prompt": "Which year's Nobel prize?",
             "answer": "2017"},
            {"id": "donors", "type": "typed", "prompt": "What do the donors do?",
             "answer": "do much better than expected"},
            {"id": "carer", "type": "typed", "prompt": "Who narrates?",
             "answer": "Tommy"},
            {"id": "tim", "type": "typed", "prompt": "What are Tiny Tim's last words?",
             "answer": "God bless Us, Every One!"},
        ]}
path = os.path.join(TMP, "marking.json")
with open(path, "w") as f:
    json.dump(deck, f)
db = os.path.join(TMP, "marking.db")
rc, out, err = swot(db, "2026-11-02T10:00", "import", path)
rc, out, err = swot(db, "2026-11-02T10:00", "review",
                    input="16\n\ntwenty seventeen\n\ndo better than expected\n\nTomy\n\nGod bless us everyone\n\n:quit\n",
                    env=dict(os.environ, NO_COLOR="1"))
def verdict(prompt):
    """The verdict printed after the card whose question is prompt."""
    at = out.find(prompt)
    return out[at:].split("\n")[1].split(" ")[0] if at >= 0 else None


check("16 for sixteen is right", verdict("How old are they at the Cottages?") == "right",
      out[:600])
check("a year in words is not read as a number: wrong",
      verdict("Which year's Nobel prize?") == "wrong", out[:900])
check("one word left out of a long answer is almost",
      verdict("What do the donors do?") == "almost", out)
check("the diff marks the word left out in brackets, with no colour",
      "do {+much+} better than expected" in out and "\x1b[" not in out, out)
check("a misspelling shows both, bracketed: [-Tomy-]{+Tommy+}",
      "[-Tomy-]{+Tommy+}" in out, out)
check("everyone for Every One is almost (a space joined), not wrong",
      verdict("What are Tiny Tim's last words?") == "almost", out)


# A leading article: "Porter" typed at every card of a deck whose
# character, typed answer and cloze gap are all "the Porter".
deck = {"swot_deck": 1, "id": "porter", "title": "The Porter", "version": "1",
        "characters": [
            {"id": "porter", "name": "the Porter", "summary": "Keeps the gate at Inverness."}],
        "cards": [
            {"id": "gate", "type": "typed", "prompt": "Who keeps the gate?",
             "answer": "the Porter"},
            {"id": "gap", "type": "cloze", "text": "{{the Porter}} keeps the gate at Inverness."},
        ]}
path = os.path.join(TMP, "porter.json")
with open(path, "w") as f:
    json.dump(deck, f)
db = os.path.join(TMP, "porter.db")
rc, out, err = swot(db, "2026-11-02T10:00", "import", path)
rc, out, err = swot(db, "2026-11-02T10:00", "review", input="Porter\n\n" * 3 + ":quit\n",
                    env=dict(os.environ, NO_COLOR="1"))
check("Porter for the character 'the Porter' is right",
      verdict("Keeps the gate at Inverness.  [who?]") == "right", out)
check("Porter for the typed answer 'the Porter' is right",
      verdict("Who keeps the gate?") == "right", out)
check("in a cloze gap the article counts: Porter for {{the Porter}} is wrong, {+the+} shown",
      verdict("keeps the gate at Inverness.  [fill the gaps]") == "wrong"
      and "{+the+} Porter" in out, out)
