"""Evidence for joining two names of entities, and for re-finding known names: pure functions.

A join needs evidence that holds beyond string similarity:

- :func:`is_acronym` forms ("NSA", "U.S.") and short single words are never joined by similarity;
- :func:`differing_words_agree`: two names of the same length in words join by similarity only
  when every word that differs is a long, similar spelling of its partner ("Court" / "Courts"),
  never a different word ("City" / "County") or a different acronym;
- :func:`given_names_agree`: two people who share a surname are one person only when their given
  names agree, an initial standing for the name it starts ("J. Roe" / "Jane Roe"), or are one
  given name transliterated (:func:`transliterated_given`);
- :func:`is_designation`: "P.L. 101-45", "S.J.Res. 12" and "E.O." are document designations, not
  entities;
- :func:`keep_abbreviation_period`: the final period of "U.S." or "S.J.Res." is part of the name.

:func:`find_known` re-finds known names in a text, exactly or with case, accents, hyphens and
apostrophes folded, with the offsets of the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz

from .outlets import fold

_ACRONYM_LETTERS = re.compile(r"[A-Z]")
_NUMBER = re.compile(r"\d+")


def is_acronym(form: str) -> bool:
    """One word of at least two capitals, most of its letters capitals ("NSA", "U.S.", "AQMI")."""
    letters = [c for c in form if c.isalpha()]
    capitals = len(_ACRONYM_LETTERS.findall(form))
    return " " not in form.strip() and capitals >= 2 and capitals * 2 > len(letters)


def differing_words_agree(a: str, b: str, min_length: int = 4, min_ratio: float = 75.0) -> bool:
    """Whether the words in which two names differ are spellings of each other: for names of equal
    word count, each differing pair is long (``min_length`` letters), no acronym, and similar
    (``fuzz.ratio`` ≥ ``min_ratio``); numbers must be the same. Names of unequal word count pass."""
    if _NUMBER.findall(a) != _NUMBER.findall(b):
        return False
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return True
    for x, y in zip(wa, wb, strict=True):
        fx, fy = fold(x), fold(y)
        if fx == fy:
            continue
        if is_acronym(x) or is_acronym(y) or min(len(fx), len(fy)) < min_length or fuzz.ratio(fx, fy) < min_ratio:
            return False
    return True


def similarity_allowed(a: str, b: str, min_length: int = 6) -> bool:
    """Whether two forms may be joined by spelling similarity at all: neither is an acronym, a
    single-word form has ``min_length`` letters or more, and the differing words agree."""
    if is_acronym(a) or is_acronym(b):
        return False
    if any(" " not in f and len(fold(f)) < min_length for f in (a, b)):
        return False
    return differing_words_agree(a, b)


def _given_match(x: str, y: str) -> bool:
    """One given name stands for another: the same, one an initial of the other, or a spelling."""
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return x[0] == y[0] and min(len(x), len(y)) >= 4 and fuzz.ratio(x, y) >= 85


def given_names_agree(a: list[str], b: list[str]) -> bool:
    """Whether two lists of folded given names (surname removed) can name one person: every name
    of the shorter list matches, in order, a name of the longer one, and the first names match
    unless the shorter list skips a leading initial ("C. Jane" / "Jane"). No given names on
    one side agree with anything."""
    short, long = sorted((a, b), key=len)
    if not short:
        return True
    if not _given_match(short[0], long[0]) and not (len(long[0]) == 1 and len(long) > len(short)):
        return False
    i = 0
    for name in short:
        while i < len(long) and not _given_match(name, long[i]):
            i += 1
        if i == len(long):
            return False
        i += 1
    return True


def _consonants(text: str) -> str:
    return re.sub(r"[^a-z]|[aeiouy]", "", text)


def _subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(c in letters for c in short)


def transliterated_given(a: list[str], b: list[str]) -> bool:
    """Whether two given names, written with their particles ("el hadj" / "alhaji"), are one
    name transliterated: the consonants of one, run together, are those of the other in order
    with at most one more, three at least, and both start with the same letter or both with a
    vowel ("ahmad" and "hamad" are two names)."""
    x, y = "".join(a), "".join(b)
    if not x or not y:
        return False
    cx, cy = sorted((_consonants(x), _consonants(y)), key=len)
    same_start = x[0] == y[0] or x[0] in "aeiou" and y[0] in "aeiou"
    return same_start and len(cx) >= 3 and len(cy) - len(cx) <= 1 and _subsequence(cx, cy)


def designation_pattern(prefixes: Iterable[str]) -> re.Pattern:
    """A pattern for a document designation: one of ``prefixes`` alone or with a number after it."""
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s*") for p in sorted(prefixes, key=len, reverse=True))
    return re.compile(rf"^(?:{alternatives})(?:\s*(?:No\.\s*)?[A-Z]{{0,2}}\d[\w\-–.]*)?$")


def is_designation(form: str, pattern: re.Pattern) -> bool:
    """Whether ``form`` is a legislative or document designation ("P.L. 101-45", "E.O.")."""
    return bool(pattern.match(form.strip()))


def keep_abbreviation_period(text: str) -> bool:
    """Whether the final "." of ``text`` belongs to an abbreviation: its last word has another
    period inside ("U.S.", "S.J.Res.", "P.L.")."""
    last = text.split()[-1] if text.split() else ""
    return last.endswith(".") and "." in last[:-1] and any(c.isalpha() for c in last)


_ASCII_FOLD = str.maketrans({"-": " ", "`": "'"})


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)) or char
    char = base if len(base) == 1 else char
    return " " if char in "-‐‑–" else "'" if char in "’‘`ʼ" else char.lower() if len(char.lower()) == 1 else char


@lru_cache(maxsize=16)
def fold_chars(text: str) -> str:
    """``text`` lower-cased, accents removed, hyphens as spaces and apostrophes as "'", one
    character for one (so offsets into the result are offsets into ``text``)."""
    if text.isascii():
        return text.lower().translate(_ASCII_FOLD)
    return "".join(map(_fold_char, text))


_WORD_START = re.compile(r"(?<![\w.])\w+")
_WORD_CHAR = re.compile(r"\w")
_WORD_RUN = re.compile(r"\w+")


def _occurrences(haystack: str, keys: list[str], spans: list[tuple[int, int]]) -> Iterable[tuple[int, int, str]]:
    """Leftmost, longest, non-overlapping occurrences of ``keys`` in each span of ``haystack``,
    each after no word character or period and before no word character, as (start, end, key).

    The keys are indexed by their first word, so the work at a word is the keys that start with
    it (a regex alternation of all keys tries every key at every position)."""
    by_word: dict[str, list[str]] = {}
    for key in sorted(keys, key=len, reverse=True):
        first = _WORD_RUN.match(key)
        by_word.setdefault(first.group() if first else "", []).append(key)
    odd = by_word.pop("", [])
    other = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, odd)) + r")(?!\w)") if odd else None
    for span_start, span_end in spans:
        consumed = span_start
        for word in _WORD_START.finditer(haystack, span_start, span_end):
            at = word.start()
            if at < consumed:
                continue
            for key in by_word.get(word.group(), ()):
                end = at + len(key)
                if end <= span_end and haystack.startswith(key, at) and (end == span_end or not _WORD_CHAR.match(haystack, end)):
                    consumed = end
                    yield at, end, key
                    break
        if other is not None:
            for match in other.finditer(haystack, span_start, span_end):
                yield match.start(), match.end(), match.group()


def find_known(text: str, forms: Iterable[str], start: int = 0, end: int | None = None,
               spans: Iterable[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    """Every occurrence in ``text[start:end]`` (or in each of ``spans``) of a known form, longest
    first and never overlapping, as (start, end, form): acronyms match exactly, other forms also
    with case, accents, hyphens and apostrophes folded when the occurrence starts with a capital
    wherever the form does. A possessive "’s" after a name is not part of it."""
    spans = list(spans) if spans is not None else [(start, len(text) if end is None else end)]
    by_fold: dict[str, str] = {}
    for form in sorted(set(forms), key=len, reverse=True):
        by_fold.setdefault(form if is_acronym(form) else fold_chars(form), form)
    if not by_fold:
        return []
    exact = [k for k, f in by_fold.items() if k == f and is_acronym(f)]
    loose = [k for k, f in by_fold.items() if not (k == f and is_acronym(f))]
    found: list[tuple[int, int, str]] = []
    for keys, haystack in ((exact, text), (loose, fold_chars(text) if loose else text)):
        for at, stop, key in _occurrences(haystack, keys, spans) if keys else ():
            form = by_fold[key]
            if text[at].isupper() or not form[0].isupper():
                found.append((at, stop, form))
    found.sort(key=lambda f: (f[0], -f[1]))
    kept: list[tuple[int, int, str]] = []
    for item in found:
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept
