"""The words around the numbers in swot stats and swot report: singular
and plural ("1 answer on 1 day"), and month names over the 12-week
heatmap that never run into each other when the first week is the last
of a month."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import swottest as st  # noqa: E402
from swottest import check  # noqa: E402

print("1..8")  # the plan: how many checks this file runs

HERE = os.path.dirname(os.path.abspath(__file__))
QUIZ = os.path.join(HERE, "..", "fixtures", "session", "quiz.json")
# A Friday whose heatmap starts on Monday 31 August: the first column is
# August's last day, the second column starts September.
NOW = "2026-11-20T18:00"
DB = os.path.join(st.TMP, "w.db")


def run(*args, stdin=None):
    return st.swot(DB, NOW, *args, input=stdin)


rc, out, err = run("import", QUIZ)
check("import the quiz deck", rc == 0, err)
rc, out, err = run("review", stdin="Kath\n\n")
check("one card answered", rc == 0 and "1 card answered" in out, out + err)

rc, html, err = run("report", "--html", "-")
check("report: one answer on one day, in the singular",
      rc == 0 and re.search(r">1</span> answer on 1 day;", html) is not None,
      re.findall(r"answers? on \d+ days?", html))
months = re.findall(r'<text x="(\d+)" y="12">([A-Z][a-z]{2})</text>', html)
check("report: the heatmap names Sep, Oct, Nov (August's one day gives way)",
      [m for _, m in months] == ["Sep", "Oct", "Nov"], months)
xs = [int(x) for x, _ in months]
check("report: month names at least 3 weeks apart", all(b - a >= 3 * 19 for a, b in zip(xs, xs[1:])),
      months)

rc, out, err = run("stats")
lines = out.splitlines()
i = next((n for n, l in enumerate(lines) if l.startswith("Answers, last 12 weeks")), None)
check("stats: one answer on one day, in the singular",
      i is not None and "1 on 1 day " in lines[i], out)
check("stats: the heatmap's month line names Sep, Oct, Nov",
      i is not None and lines[i + 1].split() == ["Sep", "Oct", "Nov"], out)
check("stats: September over the second week's column",
      i is not None and lines[i + 1].index("Sep") == 7, out)

raise SystemExit(1 if st.failed else 0)
