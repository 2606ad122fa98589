"""Abbreviations defined in the text: "long form (SHORT)" pairs, pure functions over a string.

The matcher follows Schwartz & Hearst (2003), "A simple algorithm for identifying abbreviation
definitions in biomedical text": the short form's characters are matched right to left inside
the words before the parenthesis, its first character at the start of a word, and the shortest
such long form wins. Acronyms kept in another language's word order (FTL for
"Front for the Liberation of Tadamakat", from a French name) fail that test; they are accepted when
the initials of the long form's words cover most of the acronym's letters in any order.
:func:`is_permutation` links such acronyms across languages (FLT / FTL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SHORT = re.compile(r"\(\s*([A-Z][A-Za-z0-9&\-.]{1,9})(?:['’]s)?\s*\)")  # "X's (ABC's)" defines ABC
_STOP = re.compile(r"[;:()\[\]\n“”\"]|(?<![A-Z])\.(?=\s|$)")  # a period after a capital ("U.S.") ends no sentence
MINOR_WORDS = frozenset({"of", "the", "for", "and", "in", "on", "to", "de", "du", "des", "la", "le", "al", "el", "a", "an", "at"})


@dataclass(frozen=True)
class Definition:
    """``long`` defines ``short``; offsets are into the text searched; ``ordered`` is False for
    an acronym matched by initials in another order."""

    short: str
    short_start: int
    long: str
    long_start: int
    ordered: bool


def _is_short_form(candidate: str) -> bool:
    capitals = sum(1 for c in candidate if c.isupper())
    return capitals >= 2 and len(candidate) <= 10 and not candidate.isdigit()


def _match_ordered(short: str, long: str) -> int | None:
    """Start index in ``long`` of the Schwartz–Hearst match of ``short``, or ``None``."""
    s, l_ = len(short) - 1, len(long) - 1
    while s >= 0:
        char = short[s].lower()
        if not char.isalnum():
            s -= 1
            continue
        while l_ >= 0 and (long[l_].lower() != char or (s == 0 and l_ > 0 and long[l_ - 1].isalnum())):
            l_ -= 1
        if l_ < 0:
            return None
        s, l_ = s - 1, l_ - 1
    return long.rfind(" ", 0, l_ + 2) + 1 if l_ >= 0 else 0


def _initials(words: list[str]) -> list[str]:
    letters = []
    for word in words:
        for part in re.split(r"[-‐]", word):
            core = part.strip("`’'\"“”()")
            if core and core.lower() not in MINOR_WORDS and core[0].isalpha():
                letters.append(core[0].upper())
    return letters


def _match_unordered(short: str, words: list[str]) -> int | None:
    """Number of trailing words whose initials cover ≥ 75% of the acronym's letters, or ``None``."""
    letters = [c for c in short.upper() if c.isalpha()]
    if len(letters) < 3:
        return None
    for size in range(len(letters) - 1, min(len(words), len(letters) + 4) + 1):
        window = words[len(words) - size :]
        if not window or window[0].lower() in MINOR_WORDS:
            continue
        initials = _initials(window)
        covered = sum(1 for c in set(letters) if c in initials)
        if covered / len(set(letters)) >= 0.75 and len(initials) <= len(letters) + 1 and initials[0] in letters:
            return size
    return None


def _match_initials(short: str, words: list[str]) -> int | None:
    """Index of the first word when the words before the parenthesis start, right to left, with
    the acronym's letters (a minor word that does not is skipped, and the first letter is a
    content word's): "European Economic Area" for EEA, where character matching alone stops at
    "Economic Area"."""
    letters = [c.lower() for c in short if c.isalpha()]
    i = len(words) - 1
    for k, letter in reversed(list(enumerate(letters))):
        while i >= 0 and words[i].lower() in MINOR_WORDS and (k == 0 or words[i][:1].lower() != letter):
            i -= 1
        if i < 0 or words[i].strip("`’'\"“”()")[:1].lower() != letter:
            return None
        i -= 1
    return i + 1


def find_definitions(text: str) -> list[Definition]:
    """Every "long form (SHORT)" definition in ``text``."""
    found = []
    for match in _SHORT.finditer(text):
        short = match.group(1) if "." in match.group(1)[:-1] else match.group(1).rstrip(".")  # "U.S." keeps its period
        if not _is_short_form(short):
            continue
        before = re.sub(r"['’]s$", "", text[: match.start()].rstrip())
        stops = [m.end() for m in _STOP.finditer(before)]
        cut = stops[-1] if stops else 0
        spans = [(m.start(), m.group()) for m in re.finditer(r"\S+", before[cut:])]
        spans = [(cut + start, word) for start, word in spans[-min(len(short) + 5, len(short) * 2) :]]
        if not spans:
            continue
        words = [word for _, word in spans]
        joined = " ".join(words)
        offset = _match_ordered(short, joined)
        initials = _match_initials(short, words)
        if initials is not None:
            first = initials
        elif offset is not None:
            first = joined[:offset].count(" ")
            while first > 0 and words[first].lower() in MINOR_WORDS:
                earlier = [i for i in range(first) if words[i][:1].lower() == short[0].lower() and words[i].lower() not in MINOR_WORDS]
                if not earlier:
                    break
                first = earlier[-1]
        else:
            size = _match_unordered(short, words)
            first = None if size is None else len(words) - size
        if first is None:
            continue
        start = spans[first][0]
        long = before[start:].rstrip(" ,")
        if " " in long.strip() and len(long) > len(short):
            found.append(Definition(short, match.start(1), long, start, offset is not None))
    return found


def initials_match(short: str, long: str) -> bool:
    """Whether an acronym's letters are the initials of a name's words, minor words aside
    ("U.S." / "United States", "ZFA" / "Zentari Front of Action")."""
    letters = [c for c in short.upper() if c.isalpha()]
    return len(letters) >= 2 and " " in long.strip() and _initials(long.split()) == letters


def is_permutation(a: str, b: str) -> bool:
    """Whether two acronyms of four letters or more use the same letters in another order."""
    a, b = a.upper(), b.upper()
    return a != b and len(a) >= 4 and a.isalpha() and b.isalpha() and sorted(a) == sorted(b)
