"""Shared by the session tests: a store with the session fixture deck, a
session driven through a pipe, snapshots of the database.  Not a test
itself (tests/run only runs test_*)."""
import os
import re
import select
import sqlite3
import subprocess
import time

from swottest import SWOT, TMP, swot

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "fixtures", "session", "quiz.json")
NOW = "2026-03-02T10:00"


def new_db(name):
    """A fresh database holding the fixture deck."""
    path = os.path.join(TMP, name)
    rc, out, err = swot(path, NOW, "import", FIXTURE)
    assert rc == 0, err
    return path


def snapshot(path):
    """Every card's schedule and every review row, for comparing."""
    db = sqlite3.connect(path)
    cards = db.execute(
        "SELECT id, state, step, stability, difficulty, due, last_review,"
        " scheduled_days, reps, lapses, buried_until FROM card ORDER BY id").fetchall()
    reviews = db.execute("SELECT * FROM review ORDER BY id").fetchall()
    db.close()
    return cards, reviews


def query(path, sql, *args):
    db = sqlite3.connect(path)
    rows = db.execute(sql, args).fetchall()
    db.close()
    return rows


def consistent(path):
    """integrity_check passes and each card's reps equals its scheduled
    answers in the log: no card moved without its row, no row without the
    card moving."""
    ok = query(path, "PRAGMA integrity_check")[0][0] == "ok"
    bad = query(path, "SELECT c.key, c.reps, (SELECT count(*) FROM review r"
                " WHERE r.card_id = c.id AND r.kind != 'drill') n FROM card c"
                " WHERE c.reps != n")
    return ok and not bad, bad


class Session:
    """swot with its stdin and stdout pipes: not a terminal."""

    def __init__(self, db, *args, now=NOW, env=None):
        e = dict(os.environ)
        e.pop("NO_COLOR", None)
        if env:
            e.update(env)
        self.p = subprocess.Popen([SWOT, "--db", db, "--now", now, *args],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=e)
        self.buf = b""
        self.pos = 0

    def send(self, line):
        self.p.stdin.write(line.encode() + b"\n")
        self.p.stdin.flush()

    def _fill(self, timeout):
        r, _, _ = select.select([self.p.stdout], [], [], timeout)
        if not r:
            return False
        data = os.read(self.p.stdout.fileno(), 65536)
        if not data:
            return None
        self.buf += data
        return True

    def expect(self, pattern, timeout=10):
        """Waits for pattern after what was matched so far; returns the
        match or None."""
        rx = re.compile(pattern.encode() if isinstance(pattern, str) else pattern)
        end = time.time() + timeout
        while True:
            m = rx.search(self.buf, self.pos)
            if m:
                self.pos = m.end()
                return m
            left = end - time.time()
            if left <= 0 or self._fill(left) is None:
                m = rx.search(self.buf, self.pos)
                if m:
                    self.pos = m.end()
                return m

    def text(self):
        return self.buf.decode(errors="replace")

    def close(self, timeout=10):
        """Ends input (like Ctrl-D) and waits: the exit status."""
        self.p.stdin.close()
        end = time.time() + timeout
        while self._fill(max(0.0, end - time.time())):
            pass
        rc = self.p.wait(timeout)
        self.err = self.p.stderr.read().decode(errors="replace")
        return rc
