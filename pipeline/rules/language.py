"""Guessing the language of a short title from function words (``models/stopwords.json``).

Titles are too short for character n-gram models; counting each language's most frequent
function words ("the", "of" / "le", "des", "dans") is deterministic and explainable. Elided
articles ("d’Aqmi", "l’armée") count as their full form; hyphenated words ("al-Qaida") stay
whole, and a hyphenated clitic ("li-ahl", "bi-l-Nasr") counts as its prefix ("li-", "bi-") so
romanised Arabic can be told apart; the backtick of romanised ayn belongs to the word. A tie goes to the default (the article's language) when it is among the tied, else to the
language most common among the other titles of the document; a title with no evidence gets the
default.
"""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[\w`]+(?:-[\w`]+)*")


def language_candidates(text: str, stopwords: dict[str, frozenset[str]]) -> list[str]:
    """The languages whose function words occur most often in ``text`` (empty: no evidence)."""
    words = [w.lower() for w in _WORD.findall(text.replace("’", "' ").replace("'", "' "))]
    words += [w.split("-")[0] + "-" for w in words if "-" in w]
    scores = {lang: sum(1 for w in words if w in vocab) for lang, vocab in stopwords.items()}
    best = max(scores.values(), default=0)
    return sorted(lang for lang, score in scores.items() if score == best) if best else []


def choose_languages(candidates: list[list[str]], default: str | None) -> list[str | None]:
    """One language per title: the sole candidate; in a tie the default when it is among the
    candidates, else the one most frequent among the document's unambiguous titles (``None``
    when that is still a tie); the default when there is no evidence."""
    prior = Counter(c[0] for c in candidates if len(c) == 1)
    chosen: list[str | None] = []
    for options in candidates:
        if not options:
            chosen.append(default)
        elif len(options) == 1:
            chosen.append(options[0])
        else:
            ranked = sorted(options, key=lambda lang: -prior[lang])
            if default in options:
                chosen.append(default)
            else:
                chosen.append(None if prior[ranked[0]] == prior[ranked[1]] else ranked[0])
    return chosen
