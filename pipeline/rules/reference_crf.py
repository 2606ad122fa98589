"""A sequence tagger for the references the hand-written grammar does not claim.

A linear-chain CRF (python-crfsuite) labels each white-space token of a reference with an
AnyStyle field (author, title, container-title, journal, date, volume, pages, publisher,
location, url, …); contiguous tokens with one label are one field. It is trained on AnyStyle's
``core.xml`` by ``models/train_reference_crf.py`` and shipped as ``models/reference_crf.crfsuite``.

The grammar stays first (notes in the CTC form, Ibid., cues and commentary are its job); the
tagger is asked only about a piece the grammar left as commentary, and its answer is kept only
when it looks like a reference: it opens with the authors, editors or title; it has a title (with
its quotation marks balanced), a year, and an author, a container or a publisher; and its
sequence probability is at least ``min_probability`` (``reference_tagger`` in
``models/citation_rules.json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby

_STRIP = ".,;:()[]\"“”‘’'«»"
_OPENING = frozenset({"author", "editor", "title", "citation-number"})
_FIELD = {"author": "authors", "title": "title", "container-title": "outlet", "journal": "outlet", "date": "date_raw",
          "volume": "volume", "pages": "pages", "url": "url", "doi": "url", "publisher": "publisher", "location": "place",
          "editor": "editors"}


def _shape(word: str) -> str:
    shape = re.sub(r"\d", "9", re.sub(r"[a-z]", "a", re.sub(r"[A-Z]", "A", word)))
    return re.sub(r"(.)\1+", r"\1\1", shape)


_YEAR = re.compile(r"\(?(?:1[5-9]|20)\d\d[a-z]?\)?[.,;:]?")
_URL = re.compile(r"(?:https?://|www\.|doi)", re.I)
_INITIAL = re.compile(r"[A-Z]\.[,;]?")
_RANGE = re.compile(r"\d+[-–]\d+")


@lru_cache(maxsize=1 << 16)
def _own(word: str) -> dict:
    """What token ``word`` says by itself (computed once per distinct word: the dict is shared,
    never to be changed)."""
    core = word.strip(_STRIP)
    return {
        "w": core.lower(), "shape": _shape(word), "suf3": core[-3:].lower(), "pre3": core[:3].lower(),
        "last": word[-1:], "first": word[:1], "year": bool(_YEAR.fullmatch(word)), "num": core.isdigit(),
        "range": bool(_RANGE.search(word)), "url": bool(_URL.match(word)),
        "quote_open": word[:1] in "“\"‘«", "quote_close": word.rstrip(".,;:")[-1:] in "”\"’»",
        "initial": bool(_INITIAL.fullmatch(word)), "cap": core[:1].isupper(), "paren": "(" in word or ")" in word,
    }


def sequence_features(words: list[str]) -> list[dict]:
    """Features of each token: the word, its shape and affixes, year/number/range/URL/initial
    flags, quotes and parentheses, its position, and the word, shape and last character of two
    neighbours each side. Each token's own features are computed once, not once per neighbour."""
    own = [_own(word) for word in words]
    n, sequence = len(words), []
    for i, mine in enumerate(own):
        features = {"bias": 1.0, **mine, "pos": str(min(i // 3, 10)), "rel": str(round(i / max(1, n) * 10))}
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                other = own[j]
                features.update({f"{d}w": other["w"], f"{d}shape": other["shape"], f"{d}last": other["last"]})
            else:
                features[f"{d}w"] = "BOS" if d < 0 else "EOS"
        sequence.append(features)
    return sequence


@dataclass
class TaggedReference:
    """The fields a tagging gives: written text per field (authors as one string), and its probability."""

    fields: dict[str, str]
    probability: float
    first: str | None = None


class ReferenceTagger:
    """Wraps a trained ``pycrfsuite.Tagger``."""

    def __init__(self, model_path: str, min_probability: float):
        import pycrfsuite

        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(model_path)
        self.min_probability = min_probability

    def tag(self, text: str) -> TaggedReference:
        words = text.split()
        if not words:
            return TaggedReference({}, 0.0)
        self.tagger.set(sequence_features(words))
        labels = self.tagger.tag()
        fields: dict[str, str] = {}
        for label, run in groupby(zip(labels, words, strict=True), key=lambda pair: pair[0]):
            name, value = _FIELD.get(label), " ".join(word for _, word in run)
            if name == "authors" and name in fields:
                fields[name] += " " + value  # authors interrupted by another label
            elif name and name not in fields:
                fields[name] = value
        return TaggedReference(fields, self.tagger.probability(labels), labels[0])

    def accepts(self, tagged: TaggedReference) -> bool:
        fields = tagged.fields
        has_year = bool(re.search(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)", fields.get("date_raw", "")))
        title = fields.get("title", "")
        balanced = title.count("“") == title.count("”") and title.count("«") == title.count("»")
        return (tagged.probability >= self.min_probability and bool(title) and balanced and has_year
                and tagged.first in _OPENING and bool({"authors", "outlet", "publisher"} & set(fields)))
