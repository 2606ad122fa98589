"""Person-name recognition by shape, shared by the segmenter (author bios) and the citation parser.

A name is one to six capitalised words, with any number of particles ("ag", "al-", "Ould", "de",
"y") among them; it may not end with a particle, and a lone particle is not a name. Honorifics in
front ("Dr.", "Colonel") are allowed and dropped by :meth:`NameShape.split_names`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPLIT_AND = re.compile(r",\s*(?:and|&)\s+|\s+(?:and|&)\s+|,\s*")


@dataclass(frozen=True)
class NameShape:
    """Word lists that decide what a person's name may look like."""

    particles: frozenset[str]
    honorifics: frozenset[str]

    def is_name_word(self, word: str) -> bool:
        core = word.strip("“”\"'‘’()")
        if not core:
            return False
        if core.lower() in self.particles or core.lower().split("-")[0] + "-" in self.particles:
            return True
        return core[0].isupper() and any(c.isalpha() for c in core)

    def is_person_name(self, text: str, max_words: int = 6) -> bool:
        """Whether ``text`` has the shape of one person's name (honorifics allowed in front)."""
        words = self.strip_honorifics(text).split()
        if words and words[0] in self.honorifics:
            return False
        core = [w for w in words if w.lower() not in self.particles]
        if not words or not 1 <= len(core) <= max_words or not all(self.is_name_word(w) for w in words):
            return False
        if words[0].lower() in self.particles and len(words) == 1:
            return False
        if words[-1].lower() in self.particles:
            return False
        return all(not w[0].isdigit() for w in words) and not text.rstrip().endswith(",")

    def strip_honorifics(self, text: str) -> str:
        """``text`` without leading honorifics ("Dr. Jane Roe" → "Jane Roe")."""
        words = text.split()
        while len(words) > 1 and words[0] in self.honorifics:
            words = words[1:]
        return " ".join(words)

    def split_names(self, text: str) -> list[str] | None:
        """Split "A, B and C" into names without honorifics; ``None`` unless every part is a name."""
        parts = [p.strip() for p in _SPLIT_AND.split(text.strip()) if p.strip()]
        if not parts or not all(self.is_person_name(p) for p in parts):
            return None
        return [self.strip_honorifics(p) for p in parts]


def name_shape(rules: dict) -> NameShape:
    """Build a :class:`NameShape` from ``models/names.json`` data (``name_particles``, ``honorifics``)."""
    return NameShape(
        particles=frozenset(p.lower() for p in rules["name_particles"]),
        honorifics=frozenset(rules["honorifics"]),
    )
