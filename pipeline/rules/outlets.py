"""Canonical outlet names: ``models/outlets.json`` (variant → canonical) plus rapidfuzz.

``models/open_outlets.json`` adds about 4,000 more from openly licensed lists (news outlets,
agencies and organisations; journals with their abbreviations — sources, commits and licences in
its ``sources`` key, rebuilt by ``models/build_open_outlets.py``): :func:`open_outlet_entries`.

An outlet is folded (accents, case, punctuation and a leading "The" removed) and looked up among
the table's names; failing an exact hit, the closest name by ``fuzz.ratio`` above the cutoff wins,
provided both names carry the same digits ("France 2" is not "France 24").
Plain ``ratio`` is used on purpose: containment-rewarding scorers would equate "Le Monde" with
"Le Monde diplomatique". Outlets the table does not know keep their written form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz, process


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Accent-, case- and punctuation-insensitive key of a name (cached: names repeat)."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    words = re.sub(r"[^\w]+", " ", stripped).split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def author_surnames(authors: Iterable[str]) -> frozenset[str]:
    """The folded last words of ``authors`` ("Lena Ortiz", "L. Ortiz" → ``{"ortiz"}``)."""
    return frozenset(words[-1] for words in (fold(a).split() for a in authors) if words)


class OutletTable:
    """Maps written outlet names to canonical ones."""

    def __init__(self, entries: list[dict], cutoff: float = 90.0, min_fuzzy_length: int = 6,
                 exact_entries: list[dict] = ()):
        """``entries`` match exactly or by similarity; ``exact_entries`` (long open lists, whose
        near neighbours are different journals: "… on Graphics" / "… on Haptics") only exactly,
        and never override ``entries``; an outlet written as an open list's canonical name without
        its leading "The" keeps its written form (the lists add the article to mastheads without one)."""
        self.cutoff = cutoff
        self.min_fuzzy_length = min_fuzzy_length
        self.by_key: dict[str, str] = {}
        for entry in entries:
            for name in [entry["canonical"], *entry["variants"]]:
                self.by_key.setdefault(fold(name), entry["canonical"])
        self.keys = list(self.by_key)
        self.open_keys: set[str] = set()
        for entry in exact_entries:
            for name in [entry["canonical"], *entry["variants"]]:
                if fold(name) not in self.by_key:
                    self.by_key[fold(name)] = entry["canonical"]
                    self.open_keys.add(fold(name))
        self._found: dict[str, str | None] = {}

    def lookup(self, outlet: str) -> str | None:
        """Canonical name from the table, or ``None`` when the outlet is unknown."""
        if outlet not in self._found:
            self._found[outlet] = self._lookup(outlet)
        return self._found[outlet]

    def _lookup(self, outlet: str) -> str | None:
        key = fold(outlet)
        written = " ".join(outlet.split())
        if key in self.open_keys and self.by_key[key] == f"The {written}":
            return written  # the masthead as written ("Daily Nation"), not an open list's "The Daily Nation"
        if key in self.by_key:
            return self.by_key[key]
        if len(key) < self.min_fuzzy_length:
            return None
        digits = re.sub(r"\D", "", key)
        for candidate, _, _ in process.extract(key, self.keys, scorer=fuzz.ratio, score_cutoff=self.cutoff, limit=3):
            if re.sub(r"\D", "", candidate) == digits:
                return self.by_key[candidate]
        return None

    def knows(self, outlet: str) -> bool:
        """Whether the table has (a close variant of) ``outlet``."""
        return self.lookup(outlet) is not None

    def canonicalize(self, outlets: list[str]) -> dict[str, str]:
        """Canonical name for each written outlet of one document.

        Outlets unknown to the table are grouped by their folded form, so "L’Independent" and
        "L’Indépendant" in one document share a name: the written variant with the most accented
        letters, then the first seen.
        """
        result: dict[str, str] = {}
        unknown: dict[str, list[str]] = {}
        for outlet in outlets:
            canonical = self.lookup(outlet)
            if canonical is not None:
                result[outlet] = canonical
            else:
                unknown.setdefault(fold(outlet), []).append(outlet)
        for variants in unknown.values():
            best = max(variants, key=lambda v: (sum(1 for c in v if ord(c) > 127), -variants.index(v)))
            result.update({v: " ".join(best.split()) for v in variants})
        return result


def open_outlet_entries(data: dict) -> list[dict]:
    """The entries of ``models/open_outlets.json`` in the format of ``models/outlets.json``, for
    ``OutletTable(..., exact_entries=...)``."""
    return [{"canonical": e["canonical"], "variants": e["variants"]} for e in data["outlets"]]
