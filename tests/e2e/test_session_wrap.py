"""The session's prose is word-wrapped: from a pipe every line it prints on
the shipped deck (many cards of every kind, hints, help, diffs, the
summary) is at most 80 display columns, or $COLUMNS; on a terminal it
follows the terminal's width, up to 100 columns; words are not broken."""
import os
import re
import sys
import unicodedata

import pexpect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sessionlib as sl
import swottest
from swottest import check

print("1..16")  # the plan: how many checks this file runs

SGR = re.compile(r"\x1b\[[0-9;]*[A-Za-z]|\x1b.")
NOW = "2026-11-20T18:00"

# One round of answers; repeated, it walks through cards of every type
# (a number for a choice, words for the rest, grades, commands).
ROUND = ["Kathy", ":hint", "1", "", "3",
         "an answer typed at great length that is wrong from start to finish,"
         " so its word diff runs on far beyond the width of the screen", "",
         ":help", "2", ":no-such-command-with-a-remarkably-long-name-to-show", "4", "1"]


def width(line):
    w = 0
    for ch in SGR.sub("", line):
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cc"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w


def run(db, args, rounds, env=None):
    e = dict(os.environ)
    e.pop("COLUMNS", None)
    e.update(env or {})
    return swottest.swot(db, NOW, *args, input="\n".join(ROUND * rounds) + "\n",
                         env=e, timeout=120)


def too_wide(out, cols):
    return [(width(l), l) for l in out.split("\n") if width(l) > cols]


db = os.path.join(sl.TMP, "wrap.db")
swottest.swot(db, NOW, "add", "never-let-me-go")
rc, out, err = run(db, [], 30)
check("swot alone reviews the deck added", rc == 0 and "answer: " in out,
      err + out[-500:])
bad = too_wide(out, 80)
check("review from a pipe: every line at most 80 columns", not bad, bad[:5])

rc, out, err = run(db, ["drill", "never-let-me-go", "-n", "400"], 200)
cards = out.count("answer: ")
check("a drill from a pipe shows many cards", rc == 0 and cards >= 150,
      "%d cards; %s" % (cards, err + out[-500:]))
bad = too_wide(out, 80)
check("drill from a pipe: every line at most 80 columns", not bad, bad[:5])
long_ones = sum(1 for para in out.split("\n\n") if max(map(width, para.split("\n"))) > 70)
check("the long prose is there, wrapped (lines near the width)", long_ones >= 50, long_ones)
for what, rx in [("help", r"  :hint    show"), ("hint", r"hint: "),
                 ("a word diff", r"\[-an"), ("a choice", r"\n  1\) "),
                 ("a cloze", r"\[___1___\]"), ("the summary", r"cards answered")]:
    check("the drill shows " + what, re.search(rx, out) is not None)

# Words are kept whole: a known long explanation reads the same joined up.
m = re.search(r"answer: Kathy H\.\n((?:.+\n)+?)(?:again|practice)", out)
check("an explanation is wrapped at spaces only",
      m is not None and " ".join(m.group(1).split()).startswith(
          "Ishiguro's first-person, retrospective narrator. Her calm, chatty voice,")
      and all(width(l) <= 80 for l in m.group(1).split("\n")),
      m.group(1) if m else out[:800])

rc, out, err = run(db, ["drill", "never-let-me-go", "-n", "10"], 8, {"COLUMNS": "20"})
verdicts = [l for l in out.split("\n") if re.match(r"(right|wrong|almost) \(proposed", l)]
check("at 20 columns the verdict line is wrapped too",
      rc == 0 and verdicts and all(width(l) <= 20 for l in verdicts), verdicts[:5] or err)

rc, out, err = run(db, ["drill", "never-let-me-go", "-n", "60"], 40, {"COLUMNS": "50"})
bad = too_wide(out, 50)
check("from a pipe with COLUMNS=50: every line at most 50 columns",
      rc == 0 and out.count("answer: ") >= 20 and not bad, bad[:5] or err)


def pty_lines(cols):
    """Everything a drill of character cards printed on a terminal cols
    wide, as lines."""
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    env["TERM"] = "xterm"
    env["NO_COLOR"] = "1"
    p = pexpect.spawn(sl.SWOT, ["--db", db, "--now", NOW, "drill", "never-let-me-go",
                                "--type", "character", "-n", "6"], env=env,
                      encoding="utf-8", timeout=20, dimensions=(40, cols))
    seen = []
    try:
        for _ in range(6):
            p.expect(r"\n> ")
            seen.append(p.before)
            p.sendline("Kathy")
            p.expect(r"grade \[\w+\]> ")
            seen.append(p.before)
            p.sendline("3")
        p.expect(pexpect.EOF)
        seen.append(p.before)
    except (pexpect.TIMEOUT, pexpect.EOF):
        seen.append(p.before if isinstance(p.before, str) else "")
    p.close()
    return [l.rstrip("\r") for l in "\n".join(seen).split("\n")]


lines = pty_lines(60)
prose = [l for l in lines if "Which character" in l or "answer:" in l]
check("on a 60-column terminal: every line at most 60 columns",
      prose and all(width(l) <= 60 for l in lines),
      [l for l in lines if width(l) > 60][:5] or lines[:10])
lines = pty_lines(250)
widest = max((width(l) for l in lines), default=0)
check("on a 250-column terminal: lines up to 100 columns, no more",
      80 < widest <= 100, widest)

sys.exit(1 if swottest.failed else 0)
