"""swot report --html, rendered by a real headless Chromium (Debian's,
installed by `make deps`): the page loads without errors or outside
requests, a screenshot is drawn, and the DOM Chromium built shows each
section with the numbers swot readiness and stats give."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import progress_fixture as fx  # noqa: E402
import swottest  # noqa: E402
from swottest import SWOT  # noqa: E402

print("1..28")  # the plan: how many checks this file runs

CHROMIUM = "/usr/bin/chromium"
tmp = swottest.TMP
DB = os.path.join(tmp, "p.db")
HTML = os.path.join(tmp, "report.html")


def check(name, cond, extra=""):
    return swottest.check(name, cond, extra, limit=3000)


def run(*args, now=fx.NOW):
    return swottest.swot(DB, now, *args)


def chromium(*args):
    profile = tempfile.mkdtemp(dir=tmp)
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
           "--enable-logging=stderr", "--v=0", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


class Dom(HTMLParser):
    """Keeps every element's attributes and text, in order."""

    def __init__(self):
        super().__init__()
        self.els = []
        self.stack = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.els.append(el)
        if tag not in ("meta", "link", "br", "img", "input", "line", "rect"):
            self.stack.append(el)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        self.text.append(data)
        for el in self.stack:
            el["text"] += data

    def find(self, cls=None, tag=None, **attrs):
        out = []
        for el in self.els:
            a = el["attrs"]
            if cls and cls not in (a.get("class") or "").split():
                continue
            if tag and el["tag"] != tag:
                continue
            if any(a.get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            out.append(el)
        return out


if not os.access(CHROMIUM, os.X_OK):
    print("not ok - chromium is not installed (make deps installs it)")
    sys.exit(1)

fx.build(SWOT, DB)
rc, out, err = run("report", "nlmg", "--html", HTML)
check("report writes the file", rc == 0 and os.path.getsize(HTML) > 1000 and HTML in out,
      out + err)
src = open(HTML, encoding="utf-8").read()
check("the page is self-contained: no scripts, no outside resources",
      "<script" not in src.lower() and not re.search(r'(src|href)\s*=\s*"(https?:)?//', src)
      and "@import" not in src, src[:500])
check("deck text is HTML-escaped",
      "Never Let Me Go &lt;&amp;&gt;" in src and "<&>" not in src
      and "Memory &amp; loss" in src)

# Render: a screenshot and the DOM, each in a fresh headless Chromium.
png = os.path.join(tmp, "report.png")
p = chromium("--screenshot=" + png, "--window-size=1000,1600", "file://" + HTML)
check("chromium draws a screenshot", p.returncode == 0 and os.path.exists(png)
      and os.path.getsize(png) > 20000, p.stderr[-2000:])
with open(png, "rb") as f:
    check("the screenshot is a PNG", f.read(8) == b"\x89PNG\r\n\x1a\n")
p = chromium("--dump-dom", "file://" + HTML)
check("chromium dumps the DOM", p.returncode == 0 and "<html" in p.stdout, p.stderr[-2000:])
console = [l for l in p.stderr.splitlines()
           if "CONSOLE" in l or "Uncaught" in l or "net::ERR" in l]
check("the page loads without errors", not console, "\n".join(console))

dom = Dom()
dom.feed(p.stdout)
rj = json.loads(run("readiness", "nlmg", "--json")[1])
sj = json.loads(run("stats", "nlmg", "--json")[1])


def value(cls, **kw):
    els = dom.find(cls, **kw)
    return float(els[0]["attrs"]["data-value"]) if els else None


check("title names the deck",
      any(e["tag"] == "h1" and "Never Let Me Go <&>" in e["text"] for e in dom.els))
for sec in ["readiness", "forecast", "heatmap"]:
    check(f"section {sec} is there", len(dom.find(tag="section", id=sec)) == 1)
check("countdown: 14 days to the exam",
      value("days-left") == 14 and "Friday 14 May 2027, 09:00"
      in dom.find(None, id="countdown-nlmg")[0]["text"])
check("readiness now matches swot readiness",
      abs(value("readiness-now") - rj["readiness"]) < 1e-4, (value("readiness-now"), rj["readiness"]))
check("readiness if you carry on matches the forecast",
      abs(value("readiness-forecast") - rj["forecast"]["expected"]) < 1e-4)
check("coverage matches", abs(value("coverage") - rj["coverage"]) < 1e-4)
shown = "%d%%" % round(rj["readiness"] * 100)
check("the rounded readiness is what a reader sees",
      dom.find("readiness-now")[0]["text"] == shown, shown)
rows = dom.find(tag="tr", data_kind="theme")
check("a row for each theme", sorted(r["attrs"]["data-key"] for r in rows) == ["hope", "memory"])
topic_ok = True
for t in rj["topics"]:
    tr = [r for r in dom.find(tag="tr") if r["attrs"].get("data-kind") == t["kind"]
          and r["attrs"].get("data-key") == t["key"]]
    if not tr or t["name"] not in tr[0]["text"]:
        topic_ok = False
check("every topic is in the table with its name", topic_ok)
nows = [float(e["attrs"]["data-value"]) for e in dom.find("now", tag="td")]
check("topic readiness matches", len(nows) == len(rj["topics"]) and all(
    abs(a - t["readiness"]) < 1e-4 for a, t in zip(nows, rj["topics"])), nows)
weak = dom.find(tag="table", **{"class": "weakest"})
check("weakest cards listed, weakest first",
      weak and weak[0]["text"].find("loose/card") < weak[0]["text"].find("genre/card") != -1)
check("cloze answers are not given away", "altogether different" not in weak[0]["text"])
due = dom.find("due", tag="rect")
check("forecast: 30 bars with the due counts of swot stats",
      len(due) == 30 and [int(r["attrs"]["data-value"]) for r in due]
      == [d["due"] for d in sj["forecast"]])
check("forecast total", value("count", ) == sum(d["due"] for d in sj["forecast"]))
days = dom.find("day", tag="rect")
check("heatmap: a square per day with swot stats' counts",
      len(days) == len(sj["heatmap"]) and [int(r["attrs"]["data-value"]) for r in days]
      == [d["answers"] for d in sj["heatmap"]])
check("streak and retention", value("streak") == 4 and
      abs(value("retention") - sj["retention"]["days_30"]["rate"]) < 1e-4)

# Without an exam the countdown asks for a date; the report of all decks.
run("exam", "nlmg", "--clear")
rc, out, err = run("report", "--html", HTML)
src = open(HTML, encoding="utf-8").read()
check("without an exam the report asks for a date",
      rc == 0 and "No exam date set" in src and "swot exam nlmg YYYY-MM-DD" in src, err)
rc, out, err = run("report", "nlmg")
check("report without --html is a usage error", rc == 2 and "--html" in err, err)
rc, out, err = run("report", "nlmg", "--html", os.path.join(tmp, "no", "such", "dir.html"))
check("an unwritable file fails with a message", rc == 1 and "cannot write" in err, err)
shutil.rmtree(tmp, ignore_errors=True)
sys.exit(1 if swottest.failed else 0)
