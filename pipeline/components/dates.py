"""``ctc_dates``: temporal expressions in the body, normalised TimeML/TIMEX3-style.

The rules are :mod:`pipeline.rules.timex`; this module registers the factory and the extension
and sets the results on the ``Doc``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..rules.problems import fail_soft
from ..rules.resources import load_json
from ..rules.timex import Anchor, TemporalRules, _INTO_EVENT, advance, candidate_spans, normalize, reference_year


def extract_dates(doc: Doc, rules: TemporalRules) -> list[dict]:
    """Date records of ``doc`` (needs blocks, claims and entities)."""
    text, doc_id = doc.text, doc._.ctc_doc_id
    entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    anchor = Anchor(reference_year=reference_year(doc._.ctc_endnotes or []))
    claims = doc._.ctc_claims or []
    records = []
    for start, end, label in candidate_spans(text, doc._.ctc_blocks or [], entities, rules):
        into = _INTO_EVENT.match(text, end)
        if into:
            end = into.end()
        surface = text[start:end]
        if not (re.search(r"\d", surface) or rules.temporal_words.search(surface) or re.search(rules.month, surface, re.IGNORECASE)
                or rules.deictic_pattern.search(surface)):
            continue
        timex = normalize(surface, anchor, rules, label)
        advance(anchor, timex)
        claim = next((c["id"] for c in claims if c["start"] <= start < c["end"]), None)
        records.append({
            "id": f"{doc_id}:d{len(records) + 1}",
            "text": surface, "start": start, "end": end,
            "timex_type": timex.timex_type, "value": timex.value, "mod": timex.mod,
            "start_date": timex.start_date, "end_date": timex.end_date,
            "anchor": timex.anchor, "unresolved": timex.unresolved, "claim_id": claim,
        })
    return records


for _name in ("ctc_dates", "ctc_published"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory(
    "ctc_dates",
    default_config={"rules_path": None, "citation_rules_path": None},
    requires=["doc._.ctc_blocks", "doc._.ctc_claims", "doc._.ctc_endnotes", "doc.ents"],
    assigns=["doc._.ctc_dates"],
)
def make_dates(nlp: Language, name: str, rules_path: str | None, citation_rules_path: str | None) -> "Dates":
    months = load_json(citation_rules_path or "citation_rules.json")["months"]
    return Dates(TemporalRules(load_json(rules_path or "temporal.json"), months))


class Dates:
    """Thin wrapper around :func:`extract_dates`."""

    def __init__(self, rules: TemporalRules):
        self.rules = rules

    @fail_soft
    def __call__(self, doc: Doc) -> Doc:
        doc._.ctc_dates = extract_dates(doc, self.rules)
        return doc
