"""swot lint: every bad fixture deck fails with its message and place, every
good one (and every deck shipped in decks/) passes, and the command's own
behaviour: the ok line, several files, usage, unreadable and oversized
files."""
import glob
import os
import subprocess
import tempfile

import swottest
from swottest import SWOT, check

# The plan: how many checks this file runs (one more per deck shipped in decks/).
print("1..%d" % (95 + len(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "..", "..", "decks", "*.json")))))

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
FIX = os.path.join(ROOT, "tests", "fixtures", "decks")


def run(*args, cwd=None):
    p = subprocess.run([SWOT, *args], capture_output=True, text=True, cwd=cwd)
    return p.returncode, p.stdout, p.stderr


# Each bad deck exits 1 and prints every line of its .expect file (the
# message with its place: FILE:LINE:COLUMN or FILE: section[i] "id").
bad = sorted(glob.glob(os.path.join(FIX, "bad", "*.json")))
check("there are bad fixtures", len(bad) >= 40, str(len(bad)))
for path in bad:
    name = os.path.basename(path)
    with open(path[:-5] + ".expect", encoding="utf-8") as f:
        expect = [l for l in f.read().splitlines() if l]
    rc, out, err = run("lint", "bad/" + name, cwd=FIX)
    missing = [e for e in expect if "bad/" + e not in err]
    check("lint rejects bad/%s" % name, rc == 1 and not missing and out == "",
          "exit %d; missing %r\n%s" % (rc, missing, err))

good = sorted(glob.glob(os.path.join(FIX, "good", "*.json")))
shipped = sorted(glob.glob(os.path.join(ROOT, "decks", "*.json")))
check("the template is shipped", any(p.endswith("template.json") for p in shipped))
for path in good + shipped:
    rel = os.path.relpath(path, ROOT)
    rc, out, err = run("lint", rel, cwd=ROOT)
    check("lint accepts %s" % rel,
          rc == 0 and err == "" and out.startswith(rel + ": ok ("), out + err)

# The ok line counts notes and the questions they make.
rc, out, err = run("lint", "good/base.json", cwd=FIX)
check("the ok line counts notes and questions",
      out == "good/base.json: ok (2 characters, 2 themes, 1 quote, 1 card: 10 questions)\n",
      out + err)

# Several files: each reported, exit 1 when any is bad.
rc, out, err = run("lint", "good/base.json", "bad/missing-title.json",
                   "good/minimal.json", cwd=FIX)
check("several files: each reported, exit 1 when one is bad",
      rc == 1 and out.count(": ok (") == 2 and "bad/missing-title.json: missing" in err,
      out + err)
rc, out, err = run("lint", "good/base.json", "good/minimal.json", cwd=FIX)
check("several good files exit 0", rc == 0 and out.count(": ok (") == 2, out + err)

# Every problem in a file is reported, each on its own line.
rc, out, err = run("lint", "bad/many-problems.json", cwd=FIX)
check("all problems of a file are reported", len(err.splitlines()) == 4, err)

rc, out, err = run("lint")
check("lint with no file is a usage error", rc == 2 and "usage: swot lint" in err, err)
rc, out, err = run("lint", "--frobnicate")
check("lint with an unknown option is a usage error", rc == 2, err)

tmp = tempfile.mkdtemp()
missing = os.path.join(tmp, "nope.json")
rc, out, err = run("lint", missing)
check("a missing file fails naming it", rc == 1 and missing in err, err)
check("and says it cannot be read, in swot's style",
      err.startswith(missing + ": cannot read it: no such file or directory"), err)
rc, out, err = run("lint", tmp)
check("a folder is refused, saying so",
      rc == 1 and err.startswith(tmp + ": cannot read it: is a directory"), err)

# Over the size cap (16 MiB): refused before parsing.
big = os.path.join(tmp, "big.json")
with open(big, "w") as f:
    f.write('{"swot_deck": 1, "id": "big", "title": "Big", "description": "')
    f.write("x" * (16 << 20))
    f.write('"}\n')
rc, out, err = run("lint", big)
check("a deck over 16 MiB is refused",
      rc == 1 and big + ": the file is over 16 MiB" in err, err)
os.unlink(big)

# Lint needs no database: it works with $SWOT_DB pointing nowhere useful.
env = dict(os.environ, SWOT_DB=os.path.join(tmp, "no", "such", "dir", "x.db"))
p = subprocess.run([SWOT, "lint", os.path.join(FIX, "good", "base.json")],
                   capture_output=True, text=True, env=env)
check("lint touches no database",
      p.returncode == 0 and not os.path.exists(os.path.join(tmp, "no")), p.stderr)

raise SystemExit(1 if swottest.failed else 0)
