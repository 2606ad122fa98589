"""Person-name recognition by shape, shared by the segmenter (author bios) and the citation parser.

A name is one to six words, each capitalised or a lower-case particle ("ag", "al-", "Ould", "de");
it may not start with a particle and may not end with one.
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
        words = text.split()
        while words and words[0] in self.honorifics:
            words = words[1:]
        if not 1 <= len(words) <= max_words or not all(self.is_name_word(w) for w in words):
            return False
        if words[0].lower() in self.particles and len(words) == 1:
            return False
        if words[-1].lower() in self.particles:
            return False
        return all(not w[0].isdigit() for w in words) and not text.rstrip().endswith(",")

    def split_names(self, text: str) -> list[str] | None:
        """Split "A, B and C" into names; ``None`` unless every part is a person name."""
        parts = [p.strip() for p in _SPLIT_AND.split(text.strip()) if p.strip()]
        if not parts or not all(self.is_person_name(p) for p in parts):
            return None
        return parts


def name_shape(rules: dict) -> NameShape:
    """Build a :class:`NameShape` from a rules mapping with ``name_particles`` and ``honorifics``."""
    return NameShape(
        particles=frozenset(p.lower() for p in rules["name_particles"]),
        honorifics=frozenset(rules["honorifics"]),
    )
