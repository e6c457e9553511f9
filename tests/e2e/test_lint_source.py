"""swot lint --source TEXT: every quotation of a deck looked up in the full
text of Macbeth, A Christmas Carol and Jekyll and Hyde
(tests/fixtures/texts), each reported exact, differs (with its word diff)
or not found, with the act and scene, stave or chapter the text's own
headings give, checked against the deck's place for it."""
import json
import os
import subprocess

import swottest
from swottest import SWOT, TMP, check

print("1..26")  # the plan: how many checks this file runs

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
TEXTS = os.path.join(ROOT, "tests", "fixtures", "texts")
DECKS = os.path.join(ROOT, "tests", "fixtures", "source")


def lint(text, deck):
    p = subprocess.run([SWOT, "lint", "--source", os.path.join(TEXTS, text),
                        os.path.join(DECKS, deck)], capture_output=True, text=True, cwd=DECKS)
    return p.returncode, p.stdout, p.stderr


def line_of(out, quote_id):
    for l in out.splitlines():
        if '"%s":' % quote_id in l:
            return l.split(": ", 2)[2] if l.count(": ") >= 2 else l
    return None


def expect(out, quote_id, want, name):
    got = line_of(out, quote_id)
    check(name, got == want, "got  %r\nwant %r" % (got, want))


# Macbeth: the text's act 2 has two scenes; the deck cites the modern 2.1-2.4
rc, out, err = lint("macbeth.txt", "macbeth.json")
check("macbeth: exit 1 (a quote not found, one placed elsewhere)", rc == 1, out + err)
expect(out, "fair-foul", "exact (Act 1, Scene 1; macbeth.txt:75)", "macbeth: an exact quote and its scene")
expect(out, "dagger", "exact (Act 2, Scene 1; macbeth.txt:993)", "macbeth: the dagger is 2.1")
expect(out, "infirm", "exact (Act 2, Scene 2; macbeth.txt:1147)",
       "macbeth: the text's 2.1 after the stage clears is the modern 2.2")
expect(out, "porter", "exact (Act 2, Scene 3; macbeth.txt:1188)",
       "macbeth: the porter is 2.3, and hell-gate matches across its line break")
expect(out, "stepped",
       "differs (Act 3, Scene 4; macbeth.txt:2318): I am in blood [-Stepp'd-]{+Step't+} in so far "
       "that should I wade no more Returning were as tedious as go o'er",
       "macbeth: a school edition's spelling differs, with its word diff")
expect(out, "spot", "exact (Act 5, Scene 1; macbeth.txt:3462)",
       "macbeth: an ellipsis marks a cut, each piece found in order")
expect(out, "fears", "exact (Act 5, Scene 5; macbeth.txt:3819), but the deck says Act 5, Scene 4",
       "macbeth: a quote the deck places in the wrong scene")
expect(out, "invented", "not found in macbeth.txt", "macbeth: an invented quote is not found")
check("macbeth: the summary line",
      out.splitlines()[-1].endswith("8 quotes against macbeth.txt: 6 exact, 1 differs, "
                                    "1 not found, 1 placed elsewhere"), out)

rc, out, err = lint("a-christmas-carol.txt", "carol.json")
check("carol: exit 1", rc == 1, out + err)
expect(out, "oyster", "exact (Stave 1; a-christmas-carol.txt:90)",
       "carol: an exact quote in stave 1 (the contents list is not a heading)")
expect(out, "chain", "differs (Stave 1; a-christmas-carol.txt:774): I wear the [-chains-]{+chain+} "
       "I forged in life", "carol: a changed word differs")
expect(out, "every-one", "exact (Stave 3; a-christmas-carol.txt:2252)", "carol: stave 3")
expect(out, "bah", "not found in a-christmas-carol.txt",
       "carol: 'Bah! Humbug!' is not in the text as one quotation")
expect(out, "honour", "exact (Stave 4; a-christmas-carol.txt:3507), but the deck says Stave 5",
       "carol: a quote placed in the wrong stave")

rc, out, err = lint("jekyll-and-hyde.txt", "jekyll.json")
check("jekyll: exit 1", rc == 1, out + err)
expect(out, "two", "exact (Chapter 10; jekyll-and-hyde.txt:1971)",
       "jekyll: chapters titled in capitals are numbered in order")
expect(out, "trampled", "exact (Chapter 1; jekyll-and-hyde.txt:96)",
       "jekyll: a straight apostrophe matches the text's curly one")
expect(out, "ape", "differs (Chapter 4; jekyll-and-hyde.txt:663): with [-an-] ape-like fury",
       "jekyll: an added word differs")
expect(out, "invented", "not found in jekyll-and-hyde.txt", "jekyll: an invented quote")

# A deck whose quotations are all where it says exits 0.
good = {"swot_deck": 1, "id": "good", "title": "All exact",
        "quotes": [{"id": "a", "text": "Fair is foul, and foul is fair", "act": 1, "scene": 1,
                    "gaps": ["Fair is foul"]},
                   {"id": "b", "text": "Stepp'd in so far", "act": 3, "scene": 4, "gaps": ["far"]}]}
path = os.path.join(TMP, "good.json")
with open(path, "w") as f:
    json.dump(good, f)
p = subprocess.run([SWOT, "lint", "--source", os.path.join(TEXTS, "macbeth.txt"), path],
                   capture_output=True, text=True)
check("every quote found where the deck says (a variant too): exit 0",
      p.returncode == 0 and "1 exact, 1 differs, 0 not found" in p.stdout, p.stdout + p.stderr)

# The text cannot be read, or is not text.
p = subprocess.run([SWOT, "lint", "--source", os.path.join(TMP, "missing.txt"), path],
                   capture_output=True, text=True)
check("a missing text: exit 1 and says so",
      p.returncode == 1 and "missing.txt" in p.stderr and p.stdout == "", p.stderr)
binary = os.path.join(TMP, "binary.txt")
with open(binary, "wb") as f:
    f.write(b"\xff\xfe\x00text")
p = subprocess.run([SWOT, "lint", "--source", binary, path], capture_output=True, text=True)
check("a text that is not UTF-8: exit 1 and says so",
      p.returncode == 1 and "not UTF-8" in p.stderr, p.stderr)

# Without --source nothing is looked up; --source needs its value.
p = subprocess.run([SWOT, "lint", os.path.join(DECKS, "macbeth.json")], capture_output=True, text=True)
check("without --source, lint only checks the deck", p.returncode == 0 and "exact" not in p.stdout,
      p.stdout + p.stderr)
p = subprocess.run([SWOT, "lint", os.path.join(DECKS, "macbeth.json"), "--source"],
                   capture_output=True, text=True)
check("--source with no text is a usage error", p.returncode == 2, p.stderr)
