"""Command-line friction a student meets: an exam date given without its
deck says the deck is missing; dates as "14 May 2027" too; drill with one
deck needs no deck name; drill --tag with an unknown tag lists the tags."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from swottest import TMP, check, swot  # noqa: E402

print("1..7")  # the plan: how many checks this file runs

NOW = "2026-11-02T10:00"
db = os.path.join(TMP, "friction.db")
swot(db, NOW, "add", "never-let-me-go")

rc, out, err = swot(db, NOW, "exam", "2027-05-14")
check("exam with a date and no deck: the deck is missing, named",
      rc == 2 and "which deck is the exam for?" in err and "never-let-me-go" in err, err)
rc, out, err = swot(db, NOW, "exam", "14", "May", "2027")
check("the same for a date in words", rc == 2 and "which deck" in err, err)
rc, out, err = swot(db, NOW, "exam", "never-let-me-go", "14", "May", "2027")
check("exam DECK 14 May 2027 sets the date",
      rc == 0 and "exam on Fri 14 May 2027, 09:00" in out, out + err)
rc, out, err = swot(db, NOW, "exam", "never-let-me-go", "3 jun 2027", "--time", "13:30")
check("a month's first three letters, any case, with a time",
      rc == 0 and "Thu 03 Jun 2027, 13:30" in out, out + err)
rc, out, err = swot(db, NOW, "exam", "never-let-me-go", "14 Mai 2027")
check("a date swot cannot read: says how to write one",
      rc == 2 and "14 May 2027" in err and "YYYY-MM-DD" in err, err)
rc, out, err = swot(db, NOW, "drill", "-n", "1", input=":quit\n")
check("drill with one deck needs no deck name", rc == 0 and "drill" in out, out + err)
rc, out, err = swot(db, NOW, "drill", "--tag", "memroy", input="")
check("drill --tag with an unknown tag lists the tags there are",
      rc == 1 and 'no tag or theme "memroy"' in err and "memory" in err, err)
