"""Backtests swot's readiness forecast on real review histories (see
bench_forecast.sh).  backtest_forecast.py SWOT [MAX_CUTS]"""
import csv
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

SWOT = sys.argv[1]
MAX_CUTS = int(sys.argv[2]) if len(sys.argv) > 2 else 24
DAY_MS = 86400 * 1000
WINDOW = 28
# file, the zone the student's days were in
HISTORIES = [("anki-illdepence-wtfpl.csv", "UTC"),
             ("anki-kedarmhaswade-mit.csv", "Asia/Kolkata")]
tmp = tempfile.mkdtemp()


def swot(db, now, *args, zone="UTC"):
    env = dict(os.environ, TZ=zone)
    p = subprocess.run([SWOT, "--db", db, "--now", now, *args], capture_output=True,
                       text=True, env=env)
    return p.returncode, p.stdout, p.stderr


def iso(ms):
    return datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


def load(name):
    with open(os.path.join("tests", "fixtures", "revlogs", name)) as f:
        rows = [r for r in csv.reader(f)][1:]
    rows = [(int(c), int(t), int(g), int(s), int(d)) for c, t, g, s, d in rows]
    rows.sort(key=lambda r: r[1])
    return rows


def template(rows, zone):
    """A database with one deck of as many cards as the history has, and
    the history's card ids mapped onto them."""
    cards = sorted({r[0] for r in rows})
    deck = {"swot_deck": 1, "id": "history", "title": "History", "version": "1",
            "cards": [{"id": "c%d" % i, "type": "basic", "front": "Card %d" % i,
                       "back": "Back %d" % i} for i in range(len(cards))]}
    path = os.path.join(tmp, "deck.json")
    with open(path, "w") as f:
        json.dump(deck, f)
    db = os.path.join(tmp, "template.db")
    if os.path.exists(db):
        os.remove(db)
    rc, out, err = swot(db, iso(rows[0][1] - DAY_MS), "import", path, zone=zone)
    if rc:
        raise SystemExit("import failed: " + err)
    import sqlite3
    conn = sqlite3.connect(db)
    ids = [r[0] for r in conn.execute("SELECT id FROM card ORDER BY position, id")]
    conn.close()
    return db, dict(zip(cards, ids))


def is_answer(r):
    """A rating of 1..4 that is not a manual reschedule."""
    return r[2] >= 1 and r[3] != 5


def import_until(db0, rows, mapping, until, zone, weights=None):
    """A copy of db0 with the answers before until (Unix ms) imported,
    the memory states replayed with weights (None: the defaults)."""
    db = os.path.join(tmp, "cut-%d.db" % until)
    shutil.copy(db0, db)
    if weights:
        swot(db, iso(until), "config", "--deck", "history", "weights", *weights, zone=zone)
    path = os.path.join(tmp, "reviews.csv")
    with open(path, "w") as f:
        f.write("card_id,review_time,review_rating,review_state,review_duration\n")
        for r in rows:
            if r[1] < until:
                f.write("%d,%d,%d,%d,%d\n" % (mapping[r[0]], r[1], r[2], r[3], r[4]))
    rc, out, err = swot(db, iso(until), "import-reviews", path, zone=zone)
    if rc:
        raise SystemExit("import-reviews failed: " + err)
    return db


def backtest(name, zone, fitted):
    """Per cut: the forecast of readiness 28 days on (the exam set then),
    from the history before the cut, and the readiness the student
    reached: the recall FSRS predicts at that moment from every answer
    they really gave until then."""
    rows = load(name)
    db0, mapping = template(rows, zone)
    first, last = rows[0][1], rows[-1][1]
    # a cut every week (the 28 days after one overlap the next's)
    cuts = list(range(first + 35 * DAY_MS, last - WINDOW * DAY_MS, 7 * DAY_MS))
    # the cuts with answers in the 28 days before them (a student at work)
    active = [c for c in cuts
              if any(c - WINDOW * DAY_MS <= r[1] < c and is_answer(r) for r in rows)]
    if len(active) > MAX_CUTS:  # evenly spread
        step = len(active) / MAX_CUTS
        active = [active[int(i * step)] for i in range(MAX_CUTS)]
    results, skipped = [], 0
    for cut in active:
        end = cut + WINDOW * DAY_MS
        before = import_until(db0, rows, mapping, cut, zone)
        weights = None
        if fitted:  # as a student would: fitted to the answers so far
            swot(before, iso(cut), "optimize", "--apply", zone=zone)
            weights = swot(before, iso(cut), "config", "--deck", "history", "weights",
                           zone=zone)[1].split()
        swot(before, iso(cut), "exam", "history", iso(end)[:10], "--time",
             iso(end)[11:16], zone=zone)
        rc, out, err = swot(before, iso(cut), "readiness", "--json", "history", zone=zone)
        r = json.loads(out) if rc == 0 else {}
        f = r.get("forecast")
        if f is None:
            skipped += 1
            continue
        # the memory the student reached, by the same parameters
        reached = import_until(db0, rows, mapping, end, zone, weights)
        rc, out, err = swot(reached, iso(end), "readiness", "--json", "history", zone=zone)
        actual = json.loads(out)["readiness"]
        window = [x for x in rows if cut <= x[1] < end and is_answer(x)]
        reviews = [x for x in window if x[3] == 2]
        results.append({"cut": iso(cut)[:10], "predicted": f["expected"], "low": f["low"],
                        "high": f["high"], "actual": actual, "stop": r["readiness"],
                        "answers": f["next_days"]["answers_per_day"],
                        "actual_answers": len(window) / WINDOW,
                        "recall": f["next_days"]["recall"],
                        "passed": (sum(x[2] > 1 for x in reviews) / len(reviews)
                                   if reviews else None)})
        os.remove(before)
        os.remove(reached)
    return results, skipped


def calibration(name, zone):
    hour, off = 4, (330 if zone == "Asia/Kolkata" else 0)
    p = subprocess.run([SWOT, "optimize", "--reviews",
                        os.path.join("tests", "fixtures", "revlogs", name),
                        "--rollover-hour", str(hour), "--utc-offset", str(off), "--json"],
                       capture_output=True, text=True)
    if p.returncode:
        return None
    return json.loads(p.stdout)


def main():
    print("Forecast backtest: a cut each week; at each, readiness 28 days on forecast")
    print("from the history before the cut, against the readiness the student reached")
    print("(FSRS's recall at that moment from every answer they really gave).")
    print("%-30s %4s %4s %8s %7s %8s %13s %13s" % (
        "history, parameters", "cuts", "skip", "MAE", "in 80%", "bias", "answers/day",
        "review pass"))
    for (name, zone), fitted in [(h, f) for h in HISTORIES for f in (False, True)]:
        res, skipped = backtest(name, zone, fitted)
        label = name.replace(".csv", "").replace("anki-", "") + \
            (" fitted" if fitted else " defaults")
        if not res:
            print("%-30s no cut to test" % label)
            continue
        mae = statistics.mean(abs(r["predicted"] - r["actual"]) for r in res) * 100
        bias = statistics.mean(r["predicted"] - r["actual"] for r in res) * 100
        inside = sum(r["low"] <= r["actual"] <= r["high"] for r in res) / len(res) * 100
        ans = statistics.mean(r["answers"] for r in res)
        real = statistics.mean(r["actual_answers"] for r in res)
        passed = [r for r in res if r["passed"] is not None]
        rec = statistics.mean(r["recall"] for r in passed) * 100 if passed else 0
        pas = statistics.mean(r["passed"] for r in passed) * 100 if passed else 0
        print("%-30s %4d %4d %5.1f pt %6.0f%% %+5.1f pt %5.1f vs %4.1f %5.1f vs %4.1f" % (
            label, len(res), skipped, mae, inside, bias, ans, real, rec, pas))
        for r in res if os.environ.get("VERBOSE") else []:
            print("    %s  forecast %5.1f%% (%5.1f-%5.1f)  reached %5.1f%%  stop %5.1f%%"
                  "  answers/day %5.1f vs %5.1f" % (
                      r["cut"], r["predicted"] * 100, r["low"] * 100, r["high"] * 100,
                      r["actual"] * 100, r["stop"] * 100, r["answers"], r["actual_answers"]))
    print()
    print("Per review: the recall FSRS predicts against what happened (swot optimize's "
          "evaluator)")
    print("%-28s %22s %22s" % ("history", "defaults: log loss/RMSE", "fitted: log loss/RMSE"))
    for name, zone in HISTORIES:
        c = calibration(name, zone)
        if not c:
            print("%-28s optimize failed" % name)
            continue
        b, a = c.get("before", {}), c.get("after", {})
        print("%-28s %12.4f / %.4f %12.4f / %.4f" % (
            name, b.get("log_loss", 0), b.get("rmse_bins", 0), a.get("log_loss", 0),
            a.get("rmse_bins", 0)))
    shutil.rmtree(tmp, ignore_errors=True)


main()
