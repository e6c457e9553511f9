"""Checking a deck's quotations against a full text, for the tests of the
shipped decks: the text cut into its sections (staves, chapters), each
quotation found word for word in the section it names, lines joined by one
space, each piece of a quotation cut with an ellipsis found in turn, close
after the one before."""
import re

ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026)\s*")
# A piece of a cut quotation must start within this many characters of
# the end of the piece before it.
CUT_WINDOW = 700
# Words too common to count as giving a gap away.
STOP = {"the", "and", "a", "an", "of", "to", "in", "on", "is", "it", "his",
        "her", "him", "he", "she", "i", "you", "your", "my", "me", "as", "at",
        "be", "by", "for", "with", "that", "this", "was", "were", "not", "no",
        "or", "but", "all", "so", "from", "there", "they", "them", "their",
        "we", "us", "our", "its", "what", "if", "had", "have", "has", "do",
        "did", "will", "shall", "one", "every", "very", "more", "most"}
LOCATIONS = {"chapter", "stave", "act", "scene", "line", "stanza"}


def typed_names(c):
    """Every form of a character's name that swot takes for it: the name
    (first) and aliases, each also without a leading article ("Porter" for
    "the Porter") and with or without the full stop after Dr, Mr or Mrs.
    A deck lists none of these variants, so a test that a card does not
    give a name away must look for them all."""
    out = []
    for n in [c["name"]] + c.get("aliases", []):
        for m in (n, re.sub(r"(?i)^(the|an?)\s+(?=\S)", "", n)):
            for x in (m, re.sub(r"\b(Dr|Mr|Mrs)\.", r"\1", m),
                      re.sub(r"\b(Dr|Mr|Mrs)\b(?!\.)", r"\1.", m)):
                if x not in out:
                    out.append(x)
    return out


def one_line(s):
    return re.sub(r"\s+", " ", s).strip()


def words(s):
    return re.findall(r"[a-z0-9]+(?:['\u2019\-][a-z0-9]+)*", s.lower().replace("\u2019", "'"))


def sections(raw, heads, numbers):
    """{number: the section's text on one line}: each section runs from the
    end of its heading match to the start of the next."""
    out = {}
    for i, (h, n) in enumerate(zip(heads, numbers)):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(raw)
        out[n] = one_line(raw[h.end():end])
    return out


def find(quote, body):
    """Where each ellipsis-cut piece of quote occurs in body, in turn, each
    within CUT_WINDOW of the one before; None when there is no such place.
    Every place of a piece is tried, so a short first piece ("Spirit ...")
    that also stands earlier in the section is still found where the rest
    follows it."""
    pieces = [p for p in ELLIPSIS.split(quote) if p]

    def rest(n, pos):
        if n == len(pieces):
            return []
        i = body.find(pieces[n], pos)
        while i >= 0 and (n == 0 or i - pos <= CUT_WINDOW):
            after = rest(n + 1, i + len(pieces[n]))
            if after is not None:
                return [i] + after
            i = body.find(pieces[n], i + 1)
        return None

    return rest(0, 0)


def placement(quotes, parts, key, plural):
    """The quotations not on one line, those without a location key from
    1 to the last section (or with another kind of location), and those not
    found in their section and only there: three lists for the checks."""
    badline, badloc, notfound = [], [], []
    for q in quotes:
        t = q["text"]
        if t != one_line(t):
            badline.append(q["id"])
        n = q.get(key)
        if not (isinstance(n, int) and 1 <= n <= len(parts)) or (LOCATIONS - {key}) & set(q):
            badloc.append(q["id"])
        where = [k for k, body in parts.items() if find(t, body) is not None]
        if where != [n]:
            notfound.append("%s (%s %s): %s" % (q["id"], key, n,
                            "found in %s %s" % (plural, where) if where else "not found: " + t))
    return badline, badloc, notfound
