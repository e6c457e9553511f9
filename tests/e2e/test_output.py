"""What swot writes arrives, or swot says it did not: every command run
with stdout on a full disk (/dev/full) fails with a message; JSON is valid
UTF-8 whatever a deck's path holds; the database path is never empty and
never the current folder by accident (--db '', SWOT_DB='', $HOME unset)."""
import json
import os
import shutil
import subprocess
import tempfile

import sessionlib as sl
import swottest  # noqa: E402
from swottest import SWOT, TMP, check

# the plan: 25 checks, and 4 more for $HOME where the test can be another user
print("1..%d" % (25 + (4 if os.getuid() == 0 else 0)))

db = sl.new_db("output.db")
HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..", "fixtures", "fsrs")


def run_full(*args, stdin=None):
    """swot ARGS with stdout on /dev/full: exit status, stderr."""
    with open("/dev/full", "w") as full:
        p = subprocess.run([SWOT, "--db", db, "--now", sl.NOW, *args], stdout=full,
                           stderr=subprocess.PIPE, input=stdin, text=True)
    return p.returncode, p.stderr


# ---- every command checks its output ----
for args in (["stats", "--json"], ["stats"], ["readiness", "--json"], ["readiness"],
             ["decks"], ["decks", "--json"], ["lint", sl.FIXTURE], ["config"],
             ["config", "new-per-day"], ["exam"], ["export-reviews"],
             ["drill", "quiz", "--help"], ["help"], ["--version"]):
    rc, err = run_full(*args)
    check("swot %s >/dev/full fails saying so" % " ".join(args),
          rc == 1 and "swot: write failure on standard output: No space left on device"
          in err, "exit %d: %s" % (rc, err))
rc, err = run_full("review", stdin=":quit\n")
check("swot review >/dev/full fails saying so",
      rc == 1 and "write failure on standard output" in err, "exit %d: %s" % (rc, err))
rc, err = run_full("report", "--html", "-")
check("swot report --html - >/dev/full fails saying so",
      rc == 1 and "write failure on standard output" in err, "exit %d: %s" % (rc, err))
p = subprocess.run([SWOT, "--db", db, "--now", sl.NOW, "stats", "--json"],
                   capture_output=True, text=True)
check("stats --json to a pipe still succeeds", p.returncode == 0 and not p.stderr, p.stderr)

# ---- JSON stays valid UTF-8 whatever the input ----
raw_dir = os.path.join(TMP.encode(), b"caf\xe9")  # a Latin-1 folder name
os.mkdir(raw_dir)
raw_deck = os.path.join(raw_dir, b"quiz.json")
shutil.copy(sl.FIXTURE, raw_deck)
db2 = os.path.join(TMP, "latin1.db")
p = subprocess.run([SWOT.encode(), b"--db", db2.encode(), b"--now", sl.NOW.encode(),
                    b"import", raw_deck], capture_output=True)
check("a deck under a non-UTF-8 path imports", p.returncode == 0, p.stderr)
p = subprocess.run([SWOT, "--db", db2, "--now", sl.NOW, "decks", "--json"],
                   capture_output=True)
try:
    js = json.loads(p.stdout.decode("utf-8", errors="strict"))
    source = js["decks"][0]["source"]
except (ValueError, KeyError, IndexError) as e:
    js, source = None, repr(e)
check("decks --json with a non-UTF-8 path is valid UTF-8 JSON",
      p.returncode == 0 and js is not None, p.stdout[:300])
check("... the byte that is no character shows as U+FFFD",
      isinstance(source, str) and "caf\ufffd" in source, source)

# ---- the database path: never empty ----
cwd = tempfile.mkdtemp(prefix="swot-cwd-")
env = {k: v for k, v in os.environ.items() if k != "SWOT_DB"}
p = subprocess.run([SWOT, "--db", "", "import", sl.FIXTURE], capture_output=True,
                   text=True, cwd=cwd, env=env)
check("--db '' is refused", p.returncode == 2 and "--db needs a path" in p.stderr
      and "new deck" not in p.stdout, p.stdout + p.stderr)
p = subprocess.run([SWOT, "--db=", "decks"], capture_output=True, text=True, cwd=cwd, env=env)
check("--db= is refused", p.returncode == 2 and "--db needs a path" in p.stderr, p.stderr)
p = subprocess.run([SWOT, "import", sl.FIXTURE], capture_output=True, text=True, cwd=cwd,
                   env=dict(env, SWOT_DB=""))
check("SWOT_DB='' is refused", p.returncode == 1 and "$SWOT_DB is empty" in p.stderr
      and "new deck" not in p.stdout, p.stdout + p.stderr)
check("... and nothing was written where swot ran", os.listdir(cwd) == [], os.listdir(cwd))
p = subprocess.run([SWOT, "--db", os.path.join(cwd, "x.db"), "decks"], capture_output=True,
                   text=True, cwd=cwd, env=dict(env, SWOT_DB=""))
check("--db wins over an empty SWOT_DB", p.returncode == 0, p.stderr)


# ---- the database path: never the current folder for want of $HOME ----
def as_user(uid, gid):
    def become():
        os.setgid(gid)
        os.setuid(uid)
    return become


bare = {k: v for k, v in os.environ.items()
        if k not in ("HOME", "XDG_DATA_HOME", "SWOT_DB")}
if os.getuid() != 0:
    print("# not root: the $HOME tests need another user; skipped")
else:
    shared_swot = swottest.for_everyone(SWOT)
    for name, uid, want in (("a user whose home is /nonexistent", 65534, "/nonexistent"),
                            ("a user the password database does not know", 54321,
                             "no home folder")):
        cwd = tempfile.mkdtemp(prefix="swot-home-")
        os.chmod(cwd, 0o777)
        p = subprocess.run([shared_swot, "decks"], capture_output=True, text=True,
                           cwd=cwd, env=bare, preexec_fn=as_user(uid, uid))
        check("$HOME unset, %s: refused, naming why" % name,
              p.returncode == 1 and want in p.stderr, "exit %d: %s" % (p.returncode, p.stderr))
        check("$HOME unset, %s: no database in the current folder" % name,
              os.listdir(cwd) == [], os.listdir(cwd))
        shutil.rmtree(cwd)
