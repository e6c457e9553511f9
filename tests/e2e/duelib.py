"""What is due today, computed again from a swot database with Python's
sqlite3 alone, by the definition in README.md ("What "due" means"): the
numbers `swot decks`, the session header, `swot stats` and `swot
readiness` must all show.  Shared by the tests that check them; not a test
itself (tests/run only runs test_*).

For a deck on the learning day of `now` (which starts at the rollover
hour, local time):
  learning  learning and relearning cards due before the day ends;
  due       review cards due before the day ends, oldest first, at most
            reviews-per-day less the reviews answered today;
  new       new cards in deck order, at most new-per-day less the new
            cards answered today;
  held      learning and review cards due today passed over because a card
            of the same note was answered today or comes before them;
  tomorrow  studied cards due before tomorrow ends that today does not ask.
Only live cards count: not retired, not suspended, not put away (:skip)
for today.  Within a deck one card holds each note for the day: the first
answered today, else the first in the order above (learning, then reviews,
then new cards)."""
import datetime
import sqlite3
from zoneinfo import ZoneInfo

ROLLOVER = 4  # swot's default rollover hour


def learnday(t, zone, rollover=ROLLOVER):
    """The learning day of Unix time t, as days since 1970-01-01."""
    local = datetime.datetime.fromtimestamp(t, zone)
    d = local.date() - datetime.timedelta(days=1 if local.hour < rollover else 0)
    return (d - datetime.date(1970, 1, 1)).days


def day_start(day, zone, rollover=ROLLOVER):
    """When learning day `day` starts, in Unix seconds."""
    date = datetime.date(1970, 1, 1) + datetime.timedelta(days=day)
    return int(datetime.datetime.combine(date, datetime.time(rollover),
                                         tzinfo=zone).timestamp())


def left_today(path, slug, now, zone=None, new_per_day=20, reviews_per_day=200,
               rollover=ROLLOVER):
    """The counts of deck `slug` at Unix time now, as a dict with the keys
    learning, due, new, held and tomorrow."""
    zone = zone or ZoneInfo("Europe/London")
    today = learnday(now, zone, rollover)
    start, end = day_start(today, zone, rollover), day_start(today + 1, zone, rollover)
    db = sqlite3.connect(path)
    deck = db.execute("SELECT id FROM deck WHERE slug = ?", (slug,)).fetchone()[0]
    holder, new_today, reviews_today = {}, 0, 0
    for card, note, before, kind in db.execute(
            "SELECT r.card_id, c.note_id, r.state_before, r.kind FROM review r"
            " JOIN card c ON c.id = r.card_id WHERE c.deck_id = ? AND r.time >= ?"
            " AND r.kind != 'drill' ORDER BY r.time, r.id", (deck, start)):
        new_today += before == 0
        reviews_today += kind == "review"
        holder.setdefault(note, card)

    def cards(where, order):
        return db.execute(
            "SELECT id, note_id FROM card WHERE deck_id = :deck AND retired = 0"
            " AND suspended = 0 AND buried_until <= :today AND " + where + " ORDER BY " + order,
            {"deck": deck, "today": today, "end": end}).fetchall()

    out = {"learning": 0, "due": 0, "new": 0, "held": 0}
    rooms = {"learning": None, "due": max(0, reviews_per_day - reviews_today),
             "new": max(0, new_per_day - new_today)}
    for kind, where, order in (("learning", "state IN (1, 3) AND due < :end", "due, id"),
                               ("due", "state = 2 AND due < :end", "due, id"),
                               ("new", "state = 0", "position, id")):
        room = rooms[kind]
        if room == 0:
            continue
        for card, note in cards(where, order):
            if room is not None and out[kind] >= room:
                break
            if holder.setdefault(note, card) != card:
                if kind != "new":
                    out["held"] += 1  # a new card passed over makes way for the next
                continue
            out[kind] += 1
    studied = db.execute(
        "SELECT count(*) FROM card WHERE deck_id = ? AND retired = 0 AND suspended = 0"
        " AND state > 0 AND due < ?", (deck, day_start(today + 2, zone, rollover))).fetchone()[0]
    out["tomorrow"] = studied - out["learning"] - out["due"]
    db.close()
    return out
