"""Author lists as written before a title: "A, B and C", "Surname, Given", "Surname, I.; Surname, I.",
"Surname, I., & Surname, I.", "Surname, Given and Given Surname", with "et al." dropped.

An inverted name ("Voss, Clara", "Voss, C. R.") is returned in reading order ("Clara Voss"): a
piece of one word (its particles aside) followed by a piece of at most three given names or
initials (and the surname's particles: "Berg, Anna van den" is "Anna van den Berg") is one name. A list written in reading order ("Clara Voss, Hamid Rasheed") has no one-word pieces, so it
is left as it is. ``None`` unless every piece is a name.
"""

from __future__ import annotations

import re

from .names import NameShape

_ET_AL = re.compile(r",?\s+(?:et\s+al\.?|and\s+others)\s*$", re.IGNORECASE)
_SEPARATOR = re.compile(r"(,?\s*(?:\band\b|&)\s+|,\s*)")
_ELLIPSIS = re.compile(r",?\s*(?:\.\.\.|…)\s*")
_LEAD = re.compile(r"^(?:[-–—•]\s+|by\s+)", re.IGNORECASE)


def _clean(text: str) -> str:
    text = _LEAD.sub("", text.strip()).strip(" ,;:")
    text = _ET_AL.sub("", _ELLIPSIS.sub(", ", text))
    if text.endswith(".") and not re.search(r"(?:^|[\s.\-])[A-Z]\.$", text):
        text = text[:-1]
    return text.strip(" ,")


def _core_words(piece: str, names: NameShape) -> list[str]:
    return [w for w in piece.split() if w.lower() not in names.particles]


def _given_names(text: str, names: NameShape) -> bool:
    """Given names, or given names and the particles of the surname ("Laurens van der")."""
    words = text.split()
    k = len(words)
    while k and words[k - 1].lower() in names.particles:
        k -= 1
    return k > 0 and names.is_person_name(" ".join(words[:k]))


def _pair(text: str, names: NameShape) -> list[str] | None:
    """Split at commas and "and"; join a one-word piece and the piece after its comma ("Voss, Clara")
    into one name; ``None`` if a piece is not a name."""
    parts = _SEPARATOR.split(text)
    pieces, commas = [p.strip() for p in parts[::2]], [s.strip() == "," for s in parts[1::2]]
    result, i = [], 0
    while i < len(pieces):
        piece = pieces[i]
        if not names.is_person_name(piece):
            return None
        follower = pieces[i + 1] if i + 1 < len(pieces) else None
        if (len(_core_words(piece, names)) == 1 and follower and commas[i] and _given_names(follower, names)
                and len(_core_words(follower, names)) <= 3):  # given names; "DOJ, Harbour Court Now Open" is a title
            result.append(f"{follower} {piece}")
            i += 2
            continue
        result.append(piece)
        i += 1
    return result


def parse_authors(text: str, names: NameShape) -> list[str] | None:
    """The names of an author list (see the module docstring), honorifics dropped."""
    text = _clean(text)
    if not text:
        return None
    found = [_pair(_clean(group), names) for group in text.split(";")]
    if not found or any(not f for f in found):
        return None
    return [names.strip_honorifics(n) for f in found for n in f]
