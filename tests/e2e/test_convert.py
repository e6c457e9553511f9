"""Teachers' own formats: a spreadsheet filled from decks/template.csv
(linted with errors by row and column, imported, edited, re-imported with
progress kept, converted to JSON and back without loss), the two real Anki
packages in tests/fixtures/anki (converted and imported, the counts checked
against the collection inside with sqlite3), Quizlet exports in each
separator style, swot preview, and files swot cannot read."""
import csv
import io
import json
import os
import sqlite3
import subprocess
import zipfile

import swottest
from swottest import SWOT, TMP, check

print("1..45")  # the plan: how many checks this file runs

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
ANKI = os.path.join(ROOT, "tests", "fixtures", "anki")
NOW = "2026-03-02"


def run(*args, db=None):
    cmd = [SWOT] + (["--db", db, "--now", NOW] if db else []) + list(args)
    p = subprocess.run(cmd, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def read_sheet(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def write_sheet(path, rows, delimiter=","):
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)


def norm(x):
    """A deck with empty lists dropped: [] and no list mean the same."""
    if isinstance(x, dict):
        return {k: norm(v) for k, v in x.items() if v != []}
    if isinstance(x, list):
        return [norm(v) for v in x]
    return x


# ---- the template sheet ----
template = os.path.join(ROOT, "decks", "template.csv")
rows = read_sheet(template)
head = rows[0]
check("the template sheet names its columns, kind first",
      head[0] == "kind" and {"id", "name", "text", "speaker", "where", "themes", "gaps",
                             "answer", "options", "tags", "analysis"} <= set(head), head)
rc, out, err = run("lint", template)
check("the template sheet lints", rc == 0 and ": ok (" in out, out + err)
rc, tj, err = run("preview", os.path.join(ROOT, "decks", "template.json"), "--json")
rc2, cj, err2 = run("preview", template, "--json")
check("the template sheet asks the template deck's questions, with the same ids",
      rc == 0 and rc2 == 0 and json.loads(tj) == json.loads(cj), err + err2)

# ---- a teacher fills it in ----
col = {name: i for i, name in enumerate(head)}


def row(**cells):
    r = [""] * len(head)
    for k, v in cells.items():
        r[col[k]] = v
    return r


sheet = [head,
         row(kind="deck", name="id", text="keeper"),
         row(kind="deck", name="title", text="The Lighthouse Keeper"),
         row(kind="character", name="Mara Quill", aliases="Mara",
             summary="The keeper's daughter, who tends the lamp."),
         row(kind="character", id="tobin", name="Tobin", summary="A fisherman, wary of the light."),
         row(kind="theme", name="Duty", summary="Keeping the light burning whatever it costs."),
         row(kind="quote", text="The lamp does not ask whether I am tired.", speaker="mara-quill",
             where="Chapter 3", themes="duty", gaps="tired=weary|lamp", analysis="Duty over self."),
         row(kind="quote", id="storm", text="Blow, winds, and crack your cheeks!", speaker="tobin",
             where="Act 3, Scene 2", gaps="crack"),
         row(kind="basic", prompt="Where is the story set?", answer="On a rock lighthouse.",
             tags="setting"),
         row(kind="choice", id="genre", prompt="Genre?", options="Gothic|Comedy|Tragedy",
             answer="Gothic"),
         row(kind="typed", id="year", prompt="When was the lamp lit?", answer="1901",
             accept="in 1901"),
         row(kind="cloze", text="The light turns every {{ten}} seconds.")]
mine = os.path.join(TMP, "keeper.csv")

# first with mistakes: each named by row and column, all at once
bad = [list(r) for r in sheet]
bad[6][col["speaker"]] = "marra-quill"
bad[7][col["where"]] = "Act three"
bad[9][col["kind"]] = "choise"
write_sheet(mine, bad)
rc, out, err = run("lint", mine)
check("a sheet's problems name the row and column a spreadsheet shows",
      rc == 1 and
      "keeper.csv: row 7, column G (speaker): speaker \"marra-quill\" is not a character id "
      "(did you mean \"mara-quill\"?)" in err and
      "keeper.csv: row 8, column H (where): \"Act three\" is not a place in the text" in err and
      "keeper.csv: row 10, column A (kind): \"choise\" is not a kind of row" in err, err)

write_sheet(mine, sheet)
rc, out, err = run("lint", mine)
check("the filled sheet lints", rc == 0 and "keeper.csv: ok (2 characters, 1 theme, 2 quotes, "
      "4 cards" in out, out + err)
rc, out, err = run("preview", mine, "--note", "the-lamp-does-not-ask-whether-i-am-tired")
check("an id left blank is made from the text; a gap's other answer is shown",
      rc == 0 and "gap 2: tired (also accepted: weary)" in out and
      '"The [___1___] does not ask whether I am [___2___]." (Mara Quill, chapter 3)' in out,
      out + err)

db = os.path.join(TMP, "keeper.db")
rc, out, err = run("import", mine, db=db)
check("the sheet imports", rc == 0 and "read as CSV: 11 rows" in out and
      "keeper: 13 new" in out, out + err)

# a review, so there is progress to keep
rc, out, err = run("drill", "keeper", "--type", "card", "-n", "1", db=db)
con = sqlite3.connect(db)
cards_before = con.execute("SELECT count(*) FROM card").fetchone()[0]
reviews_before = con.execute("SELECT count(*) FROM review").fetchone()[0]
con.close()

# an edited row: the quote's analysis; re-import says 1 updated, keeps ids
edited = [list(r) for r in sheet]
edited[6][col["analysis"]] = "Duty over self, and over sleep."
write_sheet(mine, edited)
rc, out, err = run("import", mine, db=db)
check("an edited row re-imports as its note updated, the rest unchanged",
      rc == 0 and "keeper: 0 new, 2 updated (1 note), 11 unchanged, 0 retired" in out, out + err)
con = sqlite3.connect(db)
check("no card is added or lost by the edit, and no review",
      con.execute("SELECT count(*) FROM card").fetchone()[0] == cards_before and
      con.execute("SELECT count(*) FROM review").fetchone()[0] == reviews_before)
con.close()

# JSON and back: nothing lost
rc, j1, err = run("convert", mine, "--to", "json")
jpath = os.path.join(TMP, "keeper.json")
with open(jpath, "w") as f:
    f.write(j1)
rc2, c2, err2 = run("convert", jpath, "--to", "csv")
cpath = os.path.join(TMP, "keeper2.csv")
with open(cpath, "w", encoding="utf-8") as f:
    f.write(c2)
rc3, j3, err3 = run("convert", cpath, "--to", "json")
check("sheet to JSON to sheet to JSON: the same deck",
      rc == rc2 == rc3 == 0 and json.loads(j1) == json.loads(j3), err + err2 + err3)
rc, p1, _ = run("preview", mine, "--json")
rc2, p2, _ = run("preview", cpath, "--json")
check("... and the same questions", rc == rc2 == 0 and json.loads(p1) == json.loads(p2))

# the shipped deck both ways: every field of a real deck survives
nlmg = os.path.join(ROOT, "decks", "never-let-me-go.json")
rc, c1, err = run("convert", nlmg, "--to", "csv")
npath = os.path.join(TMP, "nlmg.csv")
with open(npath, "w", encoding="utf-8") as f:
    f.write(c1)
rc2, j2, err2 = run("convert", npath, "--to", "json")
with open(nlmg, encoding="utf-8") as f:
    original = json.load(f)
check("the Never Let Me Go deck to a sheet and back: nothing lost",
      rc == rc2 == 0 and norm(original) == norm(json.loads(j2)), err + err2)

# a ';'-separated sheet and a TSV, as some spreadsheets save them; a BOM
for name, delim in (("semi.csv", ";"), ("tabs.tsv", "\t")):
    p = os.path.join(TMP, name)
    write_sheet(p, sheet, delimiter=delim)
    rc, out, err = run("lint", p)
    check("a %s sheet lints" % ("';'-separated" if delim == ";" else "tab-separated"),
          rc == 0 and "ok (2 characters" in out, out + err)
p = os.path.join(TMP, "bom.csv")
with open(p, "w", encoding="utf-8-sig", newline="") as f:
    csv.writer(f).writerows(sheet)
rc, out, err = run("lint", p)
check("a sheet with a byte order mark lints", rc == 0, out + err)
# quoted cells with commas, quotes and line breaks
tricky = [list(r) for r in sheet]
tricky[5][col["summary"]] = 'Keeping the light, "always", burning,\nwhatever it costs.'
write_sheet(p, tricky)
rc, out, err = run("convert", p, "--to", "json")
check("a quoted cell keeps its commas, quotes and line break",
      rc == 0 and json.loads(out)["themes"][0]["summary"] ==
      'Keeping the light, "always", burning,\nwhatever it costs.', out + err)
with open(p, "w", encoding="utf-8") as f:
    f.write("kind,id,name,summary\ncharacter,x,\"Unclosed,A summary\n")
rc, out, err = run("lint", p)
check("an unclosed quoted cell is named by row and column",
      rc == 1 and "row 2, column C: a quoted cell is never closed" in err, err)
with open(p, "w", encoding="utf-8") as f:
    f.write("kind,id,name,summary,colour\ncharacter,x,X,A summary of x.,red\n")
rc, out, err = run("lint", p)
check("an unknown column is named", rc == 1 and
      "row 1, column E: \"colour\" is not a column swot knows" in err, err)
with open(p, "w", encoding="utf-8") as f:
    f.write("kind,id,name,summary,speaker\ncharacter,x,X,A summary of x.,someone\n")
rc, out, err = run("lint", p)
check("a cell its row's kind does not use is an error, not dropped",
      rc == 1 and "row 2, column E (speaker): a character row has no speaker" in err, err)

# ---- Anki ----
def collection_counts(pkg):
    """Notes and cloze deletions per note, read with sqlite3 from the
    collection inside the package (anki21b is zstd-compressed)."""
    with zipfile.ZipFile(pkg) as z:
        names = z.namelist()
        if "collection.anki21b" in names:
            raw = subprocess.run(["zstd", "-d", "-c"], input=z.read("collection.anki21b"),
                                 capture_output=True, check=True).stdout
        else:
            raw = z.read("collection.anki21")
    path = os.path.join(TMP, "collection.db")
    with open(path, "wb") as f:
        f.write(raw)
    if raw[18] == 2:  # saved in WAL mode: read it as a plain database
        with open(path, "r+b") as f:
            f.seek(18)
            f.write(b"\x01\x01")
    con = sqlite3.connect(path)
    notes = con.execute("SELECT id, flds FROM notes").fetchall()
    con.close()
    return notes


for pkg, deck in (("english-vocab-2023.apkg", "english-vocab-2023"),
                  ("bg-hashtable.colpkg", "bg-hashtable")):
    path = os.path.join(ANKI, pkg)
    notes = collection_counts(path)
    rc, out, err = run("convert", path, "--to", "json")
    d = json.loads(out) if rc == 0 else {"cards": []}
    check("%s converts: one card per note of the collection (%d)" % (pkg, len(notes)),
          rc == 0 and len(d["cards"]) == len(notes), err)
    check("%s: every card is a cloze card with an Anki note's id" % pkg,
          all(c["type"] == "cloze" for c in d["cards"]) and
          {c["id"] for c in d["cards"]} == {"anki-%d" % n for n, _ in notes})
    check("%s: the report line counts the notes" % pkg,
          "read as Anki package: %d notes" % len(notes) in err, err)
    adb = os.path.join(TMP, deck + ".db")
    rc, out, err = run("import", path, db=adb)
    check("%s imports with a question per note" % pkg,
          rc == 0 and "%s: %d new" % (deck, len(notes)) in out, out + err)
    rc, out, err = run("import", path, db=adb)
    check("%s re-imports unchanged" % pkg,
          rc == 0 and "%s: 0 new, 0 updated, %d unchanged" % (deck, len(notes)) in out, out + err)

rc, out, err = run("convert", os.path.join(ANKI, "english-vocab-2023.apkg"), "--to", "json")
cards = json.loads(out)["cards"]
three = [c for c in cards if c["text"].startswith("{{Infringe")]
check("a cloze note with three deletions gives three gaps",
      len(three) == 1 and three[0]["text"].count("{{") == 3, three)
check("HTML becomes text: entities decoded, <br> a line break, no tags left",
      all("<" not in c["text"] and "&nbsp;" not in c["text"] for c in cards) and
      any("\n" in c.get("explain", "") for c in cards))
check("the deck hierarchy becomes tags",
      all(c.get("tags") == ["spoken-languages", "english", "vocab", "2023"] for c in cards),
      cards[0].get("tags"))

# ---- Quizlet ----
quizlet = {
    "tab, new line": "Photosynthesis\tHow plants make food from light\nOsmosis\tWater moving through a membrane\n",
    "comma, new line": "Photosynthesis,How plants make food from light\nOsmosis,Water moving through a membrane\n",
    "tab, semicolon": "Photosynthesis\tHow plants make food from light;Osmosis\tWater moving through a membrane;",
    "comma, semicolon": "Photosynthesis,How plants make food from light;Osmosis,Water moving through a membrane",
}
for style, text in quizlet.items():
    p = os.path.join(TMP, "biology.txt")
    with open(p, "w", encoding="utf-8") as f:
        f.write(text)
    qdb = os.path.join(TMP, "q-%s.db" % style.replace(", ", "-").replace(" ", ""))
    rc, out, err = run("import", p, db=qdb)
    rc2, pj, _ = run("preview", p, "--json")
    cards = json.loads(pj) if rc2 == 0 else []
    check("Quizlet (%s) imports two cards" % style,
          rc == 0 and "biology: 2 new" in out and
          [c["front"] for c in cards] == ["Photosynthesis", "Osmosis"] and
          cards[1]["answers"] == ["Water moving through a membrane"], out + err)
rc, out, err = run("preview", p, "--typed", "--type", "typed")
check("Quizlet with --typed makes typed cards",
      rc == 0 and "[1/2] photosynthesis/card  type the answer" in out, out + err)

# ---- preview ----
rc, out, err = run("preview", os.path.join(ROOT, "decks", "template.json"), "--type", "choice")
check("preview shows a choice card's options in order and the answer",
      rc == 0 and "1) The Poor Law Amendment Act 1834   <- the answer" in out, out + err)
rc, out, err = run("preview", os.path.join(ROOT, "decks", "template.json"), "--note", "nobody")
check("preview of a note the deck lacks fails", rc == 1 and "no note \"nobody\"" in err, err)

# ---- files swot cannot read ----
p = os.path.join(TMP, "notes.pdf")
with open(p, "wb") as f:
    f.write(b"%PDF-1.4\n...")
rc, out, err = run("import", p, db=os.path.join(TMP, "x.db"))
check("a PDF: says what it is and what swot reads",
      rc == 1 and "is a PDF document, not a deck: swot reads decks as JSON, CSV or TSV sheets, "
      "Quizlet text exports and Anki .apkg/.colpkg packages" in err, err)
p = os.path.join(TMP, "broken.apkg")
with open(os.path.join(ANKI, "english-vocab-2023.apkg"), "rb") as f:
    data = f.read()
with open(p, "wb") as f:
    f.write(data[:len(data) // 2])
rc, out, err = run("lint", p)
check("a truncated package: damaged, not a JSON error",
      rc == 1 and "damaged or incomplete" in err and "expected a value" not in err, err)
p = os.path.join(TMP, "other.zip")
with zipfile.ZipFile(p, "w") as z:
    z.writestr("readme.txt", "hello")
rc, out, err = run("lint", p)
check("a zip that is not a package says so",
      rc == 1 and "is a zip archive but not an Anki package" in err, err)
p = os.path.join(TMP, "data.sqlite")
con = sqlite3.connect(p)
con.execute("CREATE TABLE t (x)")
con.commit()
con.close()
rc, out, err = run("lint", p)
check("an SQLite database says so", rc == 1 and "is an SQLite database, not a deck" in err, err)
rc, out, err = run("convert", os.path.join(ROOT, "decks", "template.json"))
check("convert without --to is a usage error", rc == 2, err)
out_path = os.path.join(TMP, "out.json")
rc, out, err = run("convert", os.path.join(ANKI, "bg-hashtable.colpkg"), "--to", "json",
                   "-o", out_path)
check("convert -o writes the file whole",
      rc == 0 and out == "" and json.load(open(out_path))["id"] == "bg-hashtable", err)
