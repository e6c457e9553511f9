"""Shared by the end-to-end tests: one "ok - NAME" or "not ok - NAME" line
per check, swot run on a database at a fixed time, a scratch folder.  Not a
test itself (tests/run only runs test_*)."""
import os
import shutil
import subprocess
import tempfile

SWOT = os.environ.get("SWOT", "./swot")
TMP = tempfile.mkdtemp(prefix="swot-test-")
failed = 0


def for_everyone(path):
    """A copy of the file at path that any user can read (and run, if it
    runs): the tests that run swot as another user must not depend on the
    folder the sources were checked out into being open to that user."""
    folder = tempfile.mkdtemp(prefix="swot-shared-")
    os.chmod(folder, 0o755)
    copy = os.path.join(folder, os.path.basename(path))
    shutil.copy(path, copy)
    os.chmod(copy, 0o755)
    return copy


def check(name, cond, extra="", limit=None):
    """Prints "ok - NAME" or "not ok - NAME" followed by extra as "# "
    lines (at most limit characters of them, if given); returns cond."""
    global failed
    if cond:
        print("ok - " + name)
    else:
        failed += 1
        print("not ok - " + name)
        if extra:
            text = str(extra).replace("\n", "\n# ")
            print("# " + (text if limit is None else text[:limit]))
    return cond


def swot(db, now, *args, **kw):
    """Runs swot --db DB --now NOW ARGS, passing kw to subprocess.run:
    exit status, stdout, stderr."""
    p = subprocess.run([SWOT, "--db", db, "--now", now, *args],
                       capture_output=True, text=True, **kw)
    return p.returncode, p.stdout, p.stderr
