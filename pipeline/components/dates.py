"""``ctc_dates``: temporal expressions in the body, normalised TimeML/TIMEX3-style.

The rules are :mod:`pipeline.rules.timex` (normaliser) and :mod:`pipeline.rules.timex_spans`
(candidates); this module registers the factory and the extensions, reads the publication date
(``doc._.ctc_metadata["published"]``, an ISO date or ``None``, set from the document's metadata) and what the parse says about each
expression's sentence — a future auxiliary, quotation marks, a past-tense verb after "now", a date
used as a noun's modifier ("the January 2012 rebellion") — and sets the results on the ``Doc``.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..rules.intervals import holding
from ..rules.timex import (
    Anchor,
    TemporalRules,
    Timex,
    advance,
    normalize,
    normalize_tail,
    reference_year,
)
from ..rules.timex_spans import candidate_spans
from .doc_text import text_of
from .rule_files import RuleFileComponent


def extract_dates(doc: Doc, rules: TemporalRules) -> list[dict]:
    """Date records of ``doc`` (needs blocks, claims and entities; reads the publication date in ``doc._.ctc_metadata``)."""
    text, doc_id = text_of(doc), doc._.ctc_doc_id
    entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    anchor = Anchor(reference_year=reference_year(doc._.ctc_endnotes or []), published=_published((doc._.ctc_metadata or {}).get("published")))
    claims = doc._.ctc_claims or []
    claim_starts, claim_ends = [c["start"] for c in claims], [c["end"] for c in claims]
    records: list[dict] = []
    sentence = None
    for start, end, label, reading in candidate_spans(text, doc._.ctc_blocks or [], entities, rules):
        surface = text[start:end]
        span = doc.char_span(start, end, alignment_mode="expand")
        here = _sentence(span)
        if anchor.published and (here is None or here.start != sentence):
            anchor.year = None  # with a publication date, an explicit year governs its own sentence only
        sentence = here.start if here is not None else None
        tense = "past" if _names_an_event(span) else _tense(span, rules.tense_cues)  # "will study a September agreement": one made
        if reading:
            timex = normalize(reading, anchor, rules, label, tense=tense)
        else:
            offset, timex = normalize_tail(surface, anchor, rules, label, tense=tense)
            if offset:
                start, surface = start + offset, surface[offset:]
                span = doc.char_span(start, end, alignment_mode="expand")
        timex = _now_in_context(text, span, surface, timex, records)
        if _only_a_modifier(span, timex):
            continue
        if not _names_an_event(span):
            advance(anchor, timex)
        k = holding(claim_starts, claim_ends, start)
        claim = claims[k]["id"] if k is not None else None
        records.append({
            "id": f"{doc_id}:d{len(records) + 1}",
            "text": surface, "start": start, "end": end,
            "timex_type": timex.timex_type, "value": timex.value, "mod": timex.mod, "quant": timex.quant, "freq": timex.freq,
            "start_date": timex.start_date, "end_date": timex.end_date,
            "anchor": timex.anchor, "anchor_kind": timex.anchor_kind, "unresolved": timex.unresolved, "claim_id": claim,
        })
    return records


def _published(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _sentence(span: Span | None) -> Span | None:
    return span.sent if span is not None and span.doc.has_annotation("SENT_START") else None


def _tense(span: Span | None, cues: dict[str, set[str]]) -> str | None:
    """The tense the sentence of ``span`` speaks in, from the verb the expression depends on (and
    the verbs above it): "future" with a future auxiliary ("will", "would"), a verb of intention
    ("plans to", "scheduled"), an infinitive not under a past verb ("met to sign it on Friday" is
    told of the past), or a preposition such as "until" or "as soon as" unless the verb is in the
    past ("had not called him a suspect until Friday"); "present" for a
    present-tense verb; "past" for a past or perfect one, or a past participle modifying a noun;
    ``None`` without a parse."""
    if span is None or not span.doc.has_annotation("DEP") or span.root.dep_ == "poss":
        return None  # "Friday's ruling": a named event, whatever the verb around it
    before = span.doc[max(span.start - 3, 0) : span.start].text.lower()
    ahead = any(before.endswith(p) for p in cues["future_prepositions"])
    tense = _verb_tense(span, cues)
    return "future" if ahead and tense != "past" else tense


def _verb_tense(span: Span, cues: dict[str, set[str]]) -> str | None:
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    chain = [verb, verb.head] if verb.dep_ in ("xcomp", "ccomp") else [verb]
    auxiliaries = [c for v in chain for c in v.children if c.dep_ in ("aux", "auxpass")]
    if not any(a.lower_ in cues["future_auxiliaries"] for a in verb.children if a.dep_ == "aux") and _past_perfect(verb):
        return "past"  # "had been due to expire Friday", "had ruled … and set Friday as the deadline"
    if any(a.lower_ in cues["future_auxiliaries"] for a in auxiliaries) or any(v.lemma_ in cues["future_verbs"] for v in chain):
        return "future"
    if verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxiliaries) and verb.head.tag_ != "VBD":
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxiliaries):
        return "past"
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and not auxiliaries:
        return "past"  # a participle modifying a noun: "the year ended March 31", "shares bought Friday"
    return "present" if verb.tag_ in ("VBP", "VBZ") else None


def _past_perfect(verb: Token) -> bool:
    """Whether ``verb``, or a verb it complements or is conjoined to (three steps up at most), is in the past perfect."""
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
            return True
        if verb.dep_ not in ("xcomp", "ccomp", "conj", "acomp") or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def _names_an_event(span: Span | None) -> bool:
    """"the January 2012 rebellion": a date between a determiner and its noun names an earlier
    event, so it is read as past, and does not move the narrative to its year."""
    if span is None or span.start == 0 or span.end >= len(span.doc):
        return False
    before, after = span.doc[span.start - 1], span.doc[span.end]
    return before.lower_ in ("the", "a", "an") and after.tag_ in ("NN", "NNS", "JJ") and not span[0].like_num


def _only_a_modifier(span: Span | None, timex: Timex) -> bool:
    """"daily life", "the current stalemate": a one-word set or reference used as an adjective."""
    if span is None or len(span) != 1 or span.end >= len(span.doc):
        return False
    vague = timex.timex_type == "SET" or (timex.value or "").endswith("_REF")
    return vague and span[0].tag_ == "JJ" and span.doc[span.end].tag_ in ("NN", "NNS")


def _now_in_context(text: str, span: Span | None, surface: str, timex: Timex, records: list[dict]) -> Timex:
    """"now" in words quoted in a sentence that dates them is the time they were said; "now"
    before a verb in the past tense is the narrative's now, which the text does not date (``text``: the document's)."""
    if span is None or surface.lower() != "now" or timex.value != "PRESENT_REF":
        return timex
    sentence = _sentence(span)
    if span.end < len(span.doc) and span.doc[span.end].tag_ == "VBD":
        return Timex("DATE", unresolved="the narrative's “now” in a past-tense account, which the text does not date")
    if sentence is None:
        return timex
    before = text[sentence.start_char : span.start_char]
    said = [r for r in records if sentence.start_char <= r["start"] < span.start_char and r["start_date"] and r["anchor"] is None]
    if said and before.count("“") > before.count("”"):
        time = said[-1]
        return Timex("DATE", value=time["value"], start_date=time["start_date"], end_date=time["end_date"],
                     anchor=time["value"], anchor_kind="narrative")
    return timex


if not Doc.has_extension("ctc_dates"):
    Doc.set_extension("ctc_dates", default=None)


@Language.factory(
    "ctc_dates",
    default_config={"rules_path": None, "citation_rules_path": None},
    requires=["doc._.ctc_doc_id", "doc._.ctc_metadata", "doc._.ctc_blocks", "doc._.ctc_claims", "doc._.ctc_endnotes", "doc.ents"],
    assigns=["doc._.ctc_dates"],
)
def make_dates(nlp: Language, name: str, rules_path: str | None, citation_rules_path: str | None) -> Dates:
    return Dates({"temporal.json": rules_path, "citation_rules.json": citation_rules_path})


class Dates(RuleFileComponent):
    """Thin wrapper around :func:`extract_dates`."""

    def compile(self, data: dict) -> None:
        self.rules = TemporalRules(data["temporal.json"], data["citation_rules.json"])

    def __call__(self, doc: Doc) -> Doc:
        doc._.ctc_dates = extract_dates(doc, self.rules)
        return doc
