#!/usr/bin/env bash
# bench_source.sh: swot lint --source on a 160,000-word text (the three
# texts of tests/fixtures/texts repeated, each copy with its own chapter
# headings) and a deck of 100 quotations from it, 70 exact, 20 with a word
# changed and 10 invented.  Prints the time of the whole command (reading
# and indexing the text, then every lookup).  Never fails on figures.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 - "$SWOT" "$tmp" <<'PY'
import json, random, re, subprocess, sys, time
swot, tmp = sys.argv[1], sys.argv[2]
texts = [open("tests/fixtures/texts/%s.txt" % n, encoding="utf-8").read()
         for n in ("a-christmas-carol", "jekyll-and-hyde", "macbeth")]
words = lambda s: len(re.findall(r"\w+", s))
body, chapter = [], 0
while sum(words(b) for b in body) < 160000:
    for t in texts:
        for para in re.split(r"\n\s*\n", t):
            if len(para) > 400 and words(para) > 60:
                if len(body) % 40 == 0:
                    chapter += 1
                    body.append("CHAPTER %d" % chapter)
                body.append(para)
text = "\n\n".join(body) + "\n"
open(tmp + "/novel.txt", "w", encoding="utf-8").write(text)
rnd = random.Random(7)
paras = [p for p in body if not p.startswith("CHAPTER")]
quotes = []
for i in range(100):
    p = rnd.choice(paras).split()
    k = rnd.randrange(0, max(1, len(p) - 12))
    q = p[k:k + 12]
    if 70 <= i < 90:
        q[5] = "wibble"
    elif i >= 90:
        q = ["invented%d" % i, "words", "that", "no", "text", "holds", "at", "all"]
    s = " ".join(q).replace("{", "(").replace("}", ")")
    quotes.append({"id": "q%d" % i, "text": s, "gaps": [q[-1].replace("{", "(").replace("}", ")")]})
json.dump({"swot_deck": 1, "id": "bench", "title": "bench", "quotes": quotes},
          open(tmp + "/deck.json", "w"))
n = words(text)
best = None
for _ in range(3):
    t0 = time.perf_counter()
    p = subprocess.run([swot, "lint", "--source", tmp + "/novel.txt", tmp + "/deck.json"],
                       capture_output=True, text=True)
    dt = time.perf_counter() - t0
    best = dt if best is None else min(best, dt)
last = p.stdout.strip().splitlines()[-1]
print("lint --source: %d-word text, 100 quotations: %.0f ms (best of 3)" % (n, best * 1000))
print("  " + last.split(": ", 1)[1])
PY
