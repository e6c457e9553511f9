"""The deck-format additions as a student meets them: a gap's other
accepted answer marked right in a session, a group character asked "Who
are ...?", a play's act and scene on the cards, a choice card answered by
the option's text; and an older deck's cards unchanged by them."""
import json
import os
import subprocess

import swottest
from swottest import SWOT, TMP, check

print("1..6")  # the plan: how many checks this file runs

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def deck(path, d):
    with open(path, "w") as f:
        json.dump(d, f)


def run(db, *args, stdin=None):
    p = subprocess.run([SWOT, "--db", db, "--now", "2026-03-02", *args], input=stdin,
                       capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


path = os.path.join(TMP, "gaps.json")
deck(path, {"swot_deck": 1, "id": "gaps", "title": "Gaps",
            "quotes": [{"id": "lamp", "text": "The lamp does not ask whether I am tired.",
                        "gaps": [{"text": "tired", "accept": ["weary"]}]}]})
db = os.path.join(TMP, "gaps.db")
run(db, "import", path)
rc, out, err = run(db, "drill", "gaps", "-n", "1", stdin="weary\n\n")
check("a gap's other accepted answer is marked right in a session",
      rc == 0 and "right" in out and "wrong" not in out, out + err)
db2 = os.path.join(TMP, "gaps2.db")
run(db2, "import", path)
rc, out, err = run(db2, "drill", "gaps", "-n", "1", stdin="sleepy\n\n")
check("an answer neither the gap nor its alternative is wrong",
      rc == 0 and "wrong" in out, out + err)

path = os.path.join(TMP, "play.json")
deck(path, {"swot_deck": 1, "id": "play", "title": "Play",
            "characters": [{"id": "witches", "name": "the Witches", "group": True,
                            "summary": "Three weird sisters on a heath."},
                           {"id": "macbeth", "name": "Macbeth", "summary": "A thane."}],
            "quotes": [{"id": "fair", "text": "Fair is foul, and foul is fair", "speaker": "witches",
                        "act": 1, "scene": 1, "gaps": ["foul is fair"]}],
            "cards": [{"id": "king", "type": "choice", "prompt": "Who was king when it was written?",
                       "options": ["Elizabeth I", "James I"], "answer": "James I"}]})
rc, out, err = run(db, "preview", path, "--json")
cards = {c["id"]: c for c in json.loads(out)} if rc == 0 else {}
check("a group character's card asks 'Who are ...?'",
      cards.get("witches/describe", {}).get("front") ==
      "Who are the Witches? Say what you know about them.", out + err)
check("a play's act and scene are on the quote's cards",
      cards.get("fair/cloze", {}).get("front", "").endswith("(the Witches, Act 1, Scene 1)") and
      cards.get("fair/speaker", {}).get("front", "").endswith("(Act 1, Scene 1)"), out + err)
check("a choice answer given as text picks that option",
      cards.get("king/card", {}).get("correct") == 1, out + err)

# an older deck: the same cards (ids, questions and answers) as before the
# additions, as the shipped deck's own preview shows
nlmg = os.path.join(ROOT, "decks", "never-let-me-go.json")
rc, out, err = run(db, "preview", nlmg, "--json")
q = {c["id"]: c for c in json.loads(out)} if rc == 0 else {}
clozes = [c["front"] for c in q.values() if c["id"].endswith("/cloze")]
with open(nlmg, encoding="utf-8") as f:
    nquotes = len(json.load(f)["quotes"])
check("the Never Let Me Go deck: a cloze card for each quotation, each still citing 'chapter N'",
      len(q) >= 250 and len(clozes) == nquotes and
      all(", chapter " in f or "(chapter " in f for f in clozes), out[-300:] + err)
