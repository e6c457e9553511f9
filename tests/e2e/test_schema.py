"""schema/deck.schema.json and swot lint agree on every fixture deck.

Each fixture is checked by a real JSON Schema validator (python3-jsonschema,
Draft 2020-12) and by swot lint; the verdicts must match, except for the
rules listed in SWOT_ONLY, which JSON Schema cannot express.  For those the
test asserts that swot rejects and the schema accepts, so the list stays
honest: a rule the schema learns to express must leave the list."""
import glob
import json
import os
import subprocess

import jsonschema

import swottest
from swottest import SWOT, check

# The plan: how many checks this file runs (two more per deck shipped in decks/).
print("1..%d" % (153 + 2 * len(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                       "..", "..", "decks", "*.json")))))

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
FIX = os.path.join(ROOT, "tests", "fixtures", "decks")

# Bad fixtures that are valid against the schema, and why the schema cannot
# see the problem.
SWOT_ONLY = {
    "duplicate-id.json": "ids unique within a section: uniqueItems compares whole notes, not one key of them",
    "duplicate-id-cards.json": "ids unique within a section: uniqueItems compares whole notes, not one key of them",
    "dangling-speaker.json": "a speaker must name a character of the same document: no schema keyword refers to instance data",
    "dangling-theme.json": "quote themes must name themes of the same document: no schema keyword refers to instance data",
    "gap-not-in-text.json": "a gap must occur in its quote's text: comparing two values of the instance is beyond JSON Schema",
    "gap-wrong-case.json": "a gap must occur in its quote's text: comparing two values of the instance is beyond JSON Schema",
    "gap-overlap.json": "gaps must occur apart from each other in the text: comparing values of the instance is beyond JSON Schema",
    "choice-answer-out-of-range.json": "the answer index must be below the number of options: a bound taken from another value",
    "summary-names-character.json": "a summary must not contain the character's name: comparing two values of the instance",
    "summary-names-character-without-article.json": "a summary must not contain the character's name, nor the name without its leading article: comparing two values of the instance",
    "duplicate-key.json": "a key twice in one object: JSON readers keep one of them, so the schema never sees the duplicate",
    "choice-answer-not-option.json": "an answer given as text must be one of the options: comparing two values of the instance",
    "key-quotes-unknown.json": "key_quotes must name quotes of the same document: no schema keyword refers to instance data",
}

# Bad fixtures that are not JSON at all (syntax errors, invalid UTF-8):
# there is no instance to validate, so both sides reject them by definition;
# the test checks Python's JSON reader fails too, on the same line swot
# reports for a syntax error.
NOT_JSON_PREFIXES = ("syntax-", "utf8-")


def reject_constant(c):
    raise ValueError("not JSON: " + c)


with open(os.path.join(ROOT, "schema", "deck.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
try:
    jsonschema.Draft202012Validator.check_schema(schema)
    check("the schema is a valid Draft 2020-12 schema", True)
except jsonschema.SchemaError as e:
    check("the schema is a valid Draft 2020-12 schema", False, str(e))
validator = jsonschema.Draft202012Validator(schema)

fixtures = sorted(glob.glob(os.path.join(FIX, "good", "*.json")) +
                  glob.glob(os.path.join(FIX, "bad", "*.json")) +
                  glob.glob(os.path.join(ROOT, "decks", "*.json")))
# One swot run for all of them (test_lint.py runs them one by one): each
# good file has its "FILE: ok (...)" line, each bad one its problems.
rels = [os.path.relpath(path, ROOT) for path in fixtures]
run = subprocess.run([SWOT, "lint", *rels], capture_output=True, text=True, cwd=ROOT)
check("swot lint over every fixture exits 1 (some are bad)", run.returncode == 1, run.stderr[-500:])


class Verdict:
    def __init__(self, rel):
        self.stdout = "".join(l + "\n" for l in run.stdout.splitlines()
                              if l.startswith(rel + ": "))
        self.stderr = "".join(l + "\n" for l in run.stderr.splitlines()
                              if l.startswith(rel + ":"))


seen_swot_only = set()
for path, rel in zip(fixtures, rels):
    name = os.path.basename(path)
    kind = os.path.basename(os.path.dirname(path))  # good, bad or decks
    p = Verdict(rel)
    swot_ok = p.stdout.startswith(rel + ": ok (") and not p.stderr
    with open(path, "rb") as f:
        raw = f.read()
    try:
        doc = json.loads(raw.decode("utf-8-sig"), parse_constant=reject_constant)
    except (UnicodeDecodeError, ValueError) as e:
        check("%s is not JSON to Python either, and swot rejects it" % rel,
              name.startswith(NOT_JSON_PREFIXES) and not swot_ok, str(e))
        if isinstance(e, json.JSONDecodeError):
            where = "%s:%d:" % (rel, e.lineno)
            check("swot and Python place the syntax error of %s on one line" % rel,
                  p.stderr.startswith(where), where + "\n" + p.stderr)
        continue
    errors = [e.message for e in validator.iter_errors(doc)]
    schema_ok = not errors
    if name in SWOT_ONLY and kind == "bad":
        seen_swot_only.add(name)
        check("%s: swot rejects what the schema cannot express (%s)" % (rel, SWOT_ONLY[name]),
              schema_ok and not swot_ok, "schema errors %r\nswot: %s" % (errors, p.stderr))
        continue
    check("schema and swot agree on %s (%s)" % (rel, "valid" if swot_ok else "invalid"),
          schema_ok == swot_ok,
          "schema: %s\nswot: %s" % (errors or "valid", p.stderr or p.stdout))
    if kind == "bad":
        check("%s is invalid" % rel, not swot_ok, p.stdout)
    else:
        check("%s is valid" % rel, swot_ok, p.stderr)

check("every swot-only rule has its fixture",
      seen_swot_only == set(SWOT_ONLY), str(set(SWOT_ONLY) - seen_swot_only))

raise SystemExit(1 if swottest.failed else 0)
