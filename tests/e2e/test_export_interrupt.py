#!/usr/bin/python3
"""Ctrl-C (or SIGTERM) while swot export-progress writes a large file:
swot writes into a hidden new file beside the one asked for and renames it
only when whole, so an export cut short must leave the old file as it was
and no hidden half-written file behind, however often it is interrupted."""
import json
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from swottest import SWOT, TMP, check, swot  # noqa: E402

ROUNDS = 3
print("1..%d" % (3 * ROUNDS + 1))

NOW = "2026-11-02T10:00"
# A deck big enough that writing its progress file takes a while: 30,000
# quotes make 90,000 cards.
n = 30000
deck = {"swot_deck": 1, "id": "big", "title": "Big", "version": "1",
        "characters": [{"id": "c%d" % i, "name": "Person %d" % i,
                        "summary": "Person number %d." % i} for i in range(20)],
        "themes": [{"id": "t%d" % i, "name": "Theme %d" % i, "summary": "Theme %d." % i}
                   for i in range(5)],
        "quotes": [{"id": "q%d" % i, "text": "Line %d says word%d in the end." % (i, i),
                    "speaker": "c%d" % (i % 20), "themes": ["t%d" % (i % 5)],
                    "gaps": ["word%d" % i]} for i in range(n)]}
path = os.path.join(TMP, "big.json")
with open(path, "w") as f:
    json.dump(deck, f)
db = os.path.join(TMP, "big.db")
rc, out, err = swot(db, NOW, "import", path)
out_dir = os.path.join(TMP, "out")
os.mkdir(out_dir)
target = os.path.join(out_dir, "progress.json")
with open(target, "w") as f:
    f.write("the teacher's old copy\n")
check("the deck imports", rc == 0, err)


def hidden():
    return [name for name in os.listdir(out_dir) if name.startswith(".")]


for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGINT)[:ROUNDS]:
    p = subprocess.Popen([SWOT, "--db", db, "--now", NOW, "export-progress",
                          "--name", "Sam", "-o", target],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Wait for the new file to appear, then interrupt while it is written.
    deadline = time.monotonic() + 20
    while not hidden() and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    caught = bool(hidden()) and p.poll() is None
    p.send_signal(sig)
    p.wait()
    check("%s arrived while the file was being written" % sig.name, caught,
          "swot ended (%s) before it could be interrupted" % p.returncode)
    check("after %s no hidden half-written file is left" % sig.name,
          not hidden(), ", ".join(hidden()))
    with open(target) as f:
        check("after %s the old file is as it was" % sig.name,
              f.read() == "the teacher's old copy\n")
