"""The report in a year of five digits (the clock given as Unix seconds in
January 10001): the heatmap's months are named and the forecast's day
labels are month-day, not "?" and a year cut in half."""
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sessionlib as sl
import swottest
from swottest import TMP, check

print("1..3")  # the plan: how many checks this file runs
NOW = "253434182400"  # 10001-01-03
db = os.path.join(TMP, "far.db")
rc, out, err = sl.swot(db, NOW, "import", sl.FIXTURE)
html = os.path.join(TMP, "far.html")
rc2, out2, err2 = sl.swot(db, NOW, "report", "--html", html)
check("import and report in the year 10001", rc == 0 and rc2 == 0, err + err2)
text = open(html, encoding="utf-8").read() if os.path.exists(html) else ""
months = re.findall(r'<text x="\d+" y="12">([^<]*)</text>', text)
check("the heatmap names its months", months and all(re.fullmatch(r"[A-Z][a-z]{2}", m)
                                                     for m in months), months)
days = re.findall(r'text-anchor="middle">([^<]*)</text>', text)
check("the forecast's labels are month-day", days and days[0] == "today" and
      all(re.fullmatch(r"\d\d-\d\d", d) for d in days[1:]), days)
shutil.rmtree(TMP, ignore_errors=True)
sys.exit(1 if swottest.failed else 0)
