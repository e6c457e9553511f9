"""Text from a deck, a database or the keyboard never reaches the terminal
as an escape sequence: lint and import messages show control characters
as \\x1b or \\u202e; lint refuses C1 controls, DEL and bidirectional
overrides in deck text, naming the place; cards in a database written
before that rule are shown with them made visible; a typed answer is
echoed the same way; a line far too long for an answer is refused with a
message and the session goes on."""
import json
import os
import shutil
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sessionlib as sl
import swottest
from swottest import SWOT, TMP, check

print("1..14")  # the plan: how many checks this file runs
ESC = "\x1b"
UNSAFE = ("\x1b", "\x07", "\x7f", "\u009b", "\u009d", "\u202e")


def raw(text):
    """The unsafe characters found in text."""
    return [c for c in UNSAFE if c in text]


def lint(deck, name):
    path = os.path.join(TMP, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(deck, f)
    p = subprocess.run([SWOT, "lint", path], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


base = {"swot_deck": 1, "id": "esc", "title": "Escapes",
        "cards": [{"id": "q", "type": "basic", "front": "Front", "back": "Back"}]}

osc = "\u001b]52;c;aGk=\u0007\u001b[2J"
deck = dict(base, **{osc: 1})
rc, out = lint(deck, "key.json")
check("a key holding OSC 52 and a clear-screen: refused", rc == 1, out)
check("... and the message shows it visibly, nothing raw",
      not raw(out) and "\\x1b]52;c;aGk=\\x07\\x1b[2J" in out, repr(out))

deck = json.loads(json.dumps(base))
deck["cards"][0]["type"] = "basic\u001b[31m"
rc, out = lint(deck, "type.json")
check("a bad type value with an escape: refused, shown visibly",
      rc == 1 and not raw(out) and "\\x1b[31m" in out, repr(out))

deck = json.loads(json.dumps(base))
deck["cards"][0]["id"] = "q\u001b[2J"
rc, out = lint(deck, "id.json")
check("a bad note id with an escape: refused, shown visibly",
      rc == 1 and not raw(out) and "\\x1b[2J" in out, repr(out))

for cp, label in ((0x9B, "8-bit CSI"), (0x9D, "8-bit OSC"), (0x7F, "DEL"),
                  (0x202E, "right-to-left override")):
    deck = json.loads(json.dumps(base))
    deck["cards"][0]["back"] = "Back " + chr(cp) + "2J"
    rc, out = lint(deck, f"c{cp:x}.json")
    check(f"lint refuses {label} U+{cp:04X} in deck text, naming the place",
          rc == 1 and f"U+{cp:04X}" in out and 'cards[0] "q"' in out and "back" in out
          and not raw(out), repr(out))

# A database written before the rule: the card's text holds escapes.
db = sl.new_db("old-text.db")
d = sqlite3.connect(db)
d.execute("UPDATE card SET prompt = 'Which character is this? \x1b[2J\u009b31m\u202eevil'"
          " WHERE key = 'kathy/who'")
d.execute("UPDATE card SET answers = 'Kathy H.\x1b]0;title\x07' WHERE key = 'kathy/who'")
d.commit()
d.close()
s = sl.Session(db, "review")
s.expect(r"quiz · \d+ left")
s.send("Kath\x1b[31m")
s.expect(r"again \d")
s.send("3")
rc = s.close()
text = s.text()
check("old database: the session runs", rc == 0, s.err)
check("old database: the card's escapes are shown visibly, none raw",
      not raw(text) and "\\x1b[2J\\x9b31m\\u202eevil" in text, repr(text[:600]))
check("a typed answer with an escape is echoed visibly",
      "\\x1b[31m" in text, repr(text[:800]))
p = subprocess.run([SWOT, "--db", db, "cards"], capture_output=True, text=True)
check("swot cards on the old database: nothing raw", p.returncode == 0 and not raw(p.stdout),
      repr(p.stdout[:300]) + p.stderr)

# A line far too long for an answer.
db2 = sl.new_db("long.db")
s = sl.Session(db2, "review")
s.expect(r"quiz · \d+ left")
s.send("x" * 200000)
told = s.expect(r"too long", timeout=10)
s.send("Kath")
right = s.expect(r"right \(proposed: good\)")
s.close()
check("an answer line of 200,000 characters is refused with a message",
      told is not None, s.text()[-300:])
check("... and the card is asked on: the next answer is checked",
      right is not None, s.text()[-300:])

shutil.rmtree(TMP, ignore_errors=True)
sys.exit(1 if swottest.failed else 0)
