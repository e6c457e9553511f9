# bench_server.sh: a school on one PostgreSQL server (a throwaway cluster,
# tests/pgcluster.py): 1,000 students in five year groups of seven classes,
# each with their own swot database holding 5,000 answers to a 400-card
# deck over the past year, all loaded through `swot sync` (four syncs at
# a time); then the time of a class report (one class of about 30) and of
# a year-group report (the admin, the seven classes of one year, about
# 200 students) with `swot class --server`, and the server's disk per
# million answers (pg_total_relation_size).  SCALE=0.1 makes it a tenth
# of the students (the answers per student stay 5,000).  Prints figures;
# asserts nothing about times.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
exec /usr/bin/python3 -u - "$tmp" <<'PY'
import concurrent.futures as cf
import json, os, random, shutil, sqlite3, statistics, subprocess, sys, time

sys.path.insert(0, os.path.join(os.getcwd(), "tests"))
import pgcluster  # noqa: E402

tmp = sys.argv[1]
SWOT = os.environ["SWOT"]
SCALE = float(os.environ.get("SCALE", "1"))
YEARS, CLASSES_PER_YEAR, REVIEWS = 5, 7, 5000
STUDENTS = max(YEARS * CLASSES_PER_YEAR, round(1000 * SCALE))
NOW = "2027-03-01T18:00"
now_s = int(subprocess.run(["date", "-d", NOW, "+%s"], capture_output=True, text=True,
                           check=True).stdout)
DAY = 86400
PARALLEL = 4


def swot(*args, db=None):
    argv = [SWOT] + (["--db", db] if db else []) + ["--now", NOW, *args]
    p = subprocess.run(argv, capture_output=True, text=True)
    if p.returncode:
        raise RuntimeError("%s: %s" % (" ".join(args[:2]), p.stderr))
    return p.stdout


def deck():
    """A 400-card deck: 12 characters, 8 themes, 112 quotes, 40 cards."""
    chars = [{"id": "c%d" % i, "name": "Person %d" % i, "summary": "Character %d." % i}
             for i in range(12)]
    themes = [{"id": "t%d" % i, "name": "Theme %d" % i, "summary": "Theme %d." % i}
              for i in range(8)]
    quotes = [{"id": "q%d" % i, "text": "Line %d says word%d at the end." % (i, i),
               "speaker": "c%d" % (i % 12), "themes": ["t%d" % (i % 8)],
               "gaps": ["word%d" % i]} for i in range(112)]
    cards = [{"id": "f%d" % i, "type": "typed", "prompt": "Question %d?" % i,
              "answer": "answer %d" % i} for i in range(40)]
    path = os.path.join(tmp, "set-text.json")
    with open(path, "w") as f:
        json.dump({"swot_deck": 1, "id": "set-text", "title": "Set text", "version": "1",
                   "characters": chars, "themes": themes, "quotes": quotes,
                   "cards": cards}, f)
    return path


def student_db(template, i):
    """The template database with a student's own id and a year of answers."""
    path = os.path.join(tmp, "s%04d.db" % i)
    shutil.copy(template, path)
    rnd = random.Random(i)
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous = OFF")
    db.execute("UPDATE student SET key = ?", ("%032x" % rnd.getrandbits(128),))
    ids = [r[0] for r in db.execute("SELECT id FROM card WHERE retired = 0 ORDER BY id")]
    studied = ids[:len(ids) * 95 // 100]
    per, extra = divmod(REVIEWS, len(studied))
    rows, cards = [], []
    for n, cid in enumerate(studied):
        k = per + (n < extra)
        times = sorted(rnd.sample(range(now_s - 365 * DAY, now_s - 3600), k))
        s, d = 0.0, 5.0
        for j, t in enumerate(times):
            g = rnd.choice((1, 3, 3, 3, 3, 4, 2))
            s = max(0.5, s * (0.4 if g == 1 else 1.8) + 1.0)
            rows.append((cid, t, g, "learn" if j == 0 else "relearn" if g == 1 else "review",
                         0 if j == 0 else 2, 0 if j == 0 else 3, int(s), s, d, 4000 + j))
        cards.append((s, d, times[-1] + int(s * DAY), times[-1], int(s), k,
                      sum(1 for r in rows[-k:] if r[2] == 1), cid))
    db.executemany("INSERT INTO review (card_id, time, rating, kind, state_before,"
                   " elapsed_days, scheduled_days, stability, difficulty, duration_ms)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.executemany("UPDATE card SET state = 2, stability = ?, difficulty = ?, due = ?,"
                   " last_review = ?, scheduled_days = ?, reps = ?, lapses = ?"
                   " WHERE id = ?", cards)
    db.commit()
    db.close()
    return path


def timed(fn, *args):
    t0 = time.time()
    out = fn(*args)
    return time.time() - t0, out


def report_times(url, classes, runs=3):
    """Seconds of each of runs reports, and how many students they had."""
    secs, n = [], 0
    for _ in range(runs):
        dt, out = timed(swot, "class", "--server", url, *classes, "--json")
        secs.append(dt)
        n = len(json.loads(out)["students"])
    return secs, n


with pgcluster.Cluster() as pg:
    admin = pg.url()
    swot("server", "init", admin)
    # five year groups, seven classes each, the students dealt round them
    classes = ["Y%d-%c" % (7 + y, "ABCDEFG"[c]) for y in range(YEARS)
               for c in range(CLASSES_PER_YEAR)]
    teachers = {}
    for k, cls in enumerate(classes):
        teachers[cls] = json.loads(swot("server", "add-class", admin, cls, "--teacher",
                                        "Teacher %d" % k, "--json"))["url"]
    t0 = time.time()
    with cf.ThreadPoolExecutor(PARALLEL) as ex:
        logins = list(ex.map(lambda i: json.loads(swot(
            "server", "add-student", admin, classes[i % len(classes)], "Student %04d" % i,
            "--json")), range(STUDENTS)))
    print("%d students in %d classes: logins made in %.1f s" %
          (STUDENTS, len(classes), time.time() - t0))

    template = os.path.join(tmp, "template.db")
    swot("import", deck(), db=template)
    t0 = time.time()
    dbs = [student_db(template, i) for i in range(STUDENTS)]
    print("%d student databases, %d answers each: written in %.1f s" %
          (STUDENTS, REVIEWS, time.time() - t0))

    def sync(i):
        t = time.time()
        out = swot("sync", "--server", logins[i]["url"], db=dbs[i])
        if "%d answers sent (%d new" % (REVIEWS, REVIEWS) not in out:
            raise RuntimeError("sync %d: %s" % (i, out))
        return time.time() - t
    t0 = time.time()
    with cf.ThreadPoolExecutor(PARALLEL) as ex:
        each = list(ex.map(sync, range(STUDENTS)))
    wall = time.time() - t0
    total = int(pg.value("SELECT count(*) FROM swot.reviews"))
    print("sync: %d answers from %d students in %.0f s, %d at a time: %.0f answers/s "
          "(one student's sync: median %.2f s, slowest %.2f s)" %
          (total, STUDENTS, wall, PARALLEL, total / wall, statistics.median(each),
           max(each)))
    pg.psql("VACUUM ANALYZE")

    cls = classes[0]
    secs, n = report_times(teachers[cls], [cls])
    print("class report, %s's teacher, %d students (%d answers): %.2f s "
          "(best of 3; each %s)" % (cls, n, n * REVIEWS, min(secs),
                                     ", ".join("%.2f" % s for s in secs)))
    year = classes[:CLASSES_PER_YEAR]
    secs, n = report_times(admin, year)
    print("year-group report, the admin, %d classes, %d students (%d answers): %.2f s "
          "(best of 3; each %s)" % (len(year), n, n * REVIEWS, min(secs),
                                     ", ".join("%.2f" % s for s in secs)))

    sizes = {t: int(pg.value("SELECT pg_total_relation_size('swot.%s')" % t))
             for t in ("reviews", "card_states", "progress")}
    print("disk: reviews %.0f MB (%.0f MB per million answers, with its indexes), "
          "card_states %.0f MB, progress %.0f MB; the database %.0f MB" %
          (sizes["reviews"] / 1e6, sizes["reviews"] / 1e6 / (total / 1e6),
           sizes["card_states"] / 1e6, sizes["progress"] / 1e6,
           int(pg.value("SELECT pg_database_size(current_database())")) / 1e6))
PY
