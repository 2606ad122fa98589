"""Guessing the language of a short title from function words (``models/stopwords.json``).

Titles are too short for character n-gram models; counting each language's most frequent
function words ("the", "of" / "le", "des", "dans") is deterministic and explainable. Elided
articles ("d’Aqmi", "l’armée") count as their full form; hyphenated words ("al-Qaida") stay
whole. A tie is broken by the languages of the other titles of the same document, then by the
default; a title with no evidence gets the default.
"""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def language_candidates(text: str, stopwords: dict[str, frozenset[str]]) -> list[str]:
    """The languages whose function words occur most often in ``text`` (empty: no evidence)."""
    words = [w.lower() for w in _WORD.findall(text.replace("’", "' ").replace("'", "' "))]
    scores = {lang: sum(1 for w in words if w in vocab) for lang, vocab in stopwords.items()}
    best = max(scores.values(), default=0)
    return sorted(lang for lang, score in scores.items() if score == best) if best else []


def choose_languages(candidates: list[list[str]], default: str | None) -> list[str | None]:
    """One language per title: the sole candidate, else the one most frequent among the
    document's unambiguous titles, else the default (or ``None`` when the default is not a candidate)."""
    prior = Counter(c[0] for c in candidates if len(c) == 1)
    chosen: list[str | None] = []
    for options in candidates:
        if not options:
            chosen.append(default)
        elif len(options) == 1:
            chosen.append(options[0])
        else:
            ranked = sorted(options, key=lambda lang: (-prior[lang], lang != default, lang))
            tie = prior[ranked[0]] == (prior[ranked[1]] if len(ranked) > 1 else -1)
            chosen.append(default if tie and default in options else (None if tie else ranked[0]))
    return chosen
