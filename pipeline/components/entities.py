"""``ctc_entities``: named entities of the body and endnotes, their aliases clustered into one record each.

The rules are :mod:`pipeline.rules.aliases`; this module registers the factory and the extension
and sets the results on the ``Doc``.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import numpy
from spacy.attrs import DEP
from spacy.language import Language
from spacy.tokens import Doc

from ..rules.abbreviations import find_definitions, initials_match, is_permutation
from ..rules.aliases import (
    _ACRONYM_WORD,
    LABELS,
    Clusterer,
    EntityRules,
    Mention,
    _disjoint,
    _particle_name,
    _vote,
    bare_names,
    clean_mention,
    cut_headline_names,
    descriptor_names,
    endnote_variants,
    expand_name,
    inner_names,
    known_names,
    merge_split_names,
    name_initials,
    organisation_aliases,
    place_pair_extent,
    widen_long_form,
)
from ..rules.evidence import is_acronym
from ..rules.intervals import Intervals
from ..rules.outlets import OutletTable
from ..rules.places import PlaceNames
from .doc_text import text_of
from .rule_files import RuleFileComponent

_SPELLED_OUT = re.compile(r"(?<![\w.])([A-Z][A-Z&]{1,9})[\"”]?\s+\((?:the\s+)?([A-Z][\w’'-]*(?:,?\s+(?:[A-Z][\w’'-]*|of|and|for|the|on|against|in)){1,8})\)")
_OR_ACRONYM = re.compile(r"([A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|of|and|for|the|on)){1,8})\s+or\s+([A-Z]{2,10})\b")
_PARENTHESISED = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.\-]{1,9})\s*\)")
_KNOWN_AS = re.compile(r",?\s+(?:also\s+|commonly\s+|widely\s+)?(?:known|referred\s+to)\s+as\s+(?:the\s+)?", re.IGNORECASE)
_CAPITALS = re.compile(r"(?<![\w.])[A-Z]{2,6}(?![\w.])")
_ALIAS = re.compile(r"\(\s*(?:also\s+)?(?:known\s+as|a\.k\.a\.?|aka|alias|also\s+called)\s+([^)]+?)\s*\)", re.IGNORECASE)


def _zone_of(blocks: list[dict]):
    """``zone_at(pos)``: "body" or "endnotes" for a position inside such a block, else ``None``."""
    spans = [(b["start"], b["end"], "body" if b["kind"] == "body" else "endnotes") for b in blocks if b["kind"] in ("body", "endnote")]
    starts = [s for s, _, _ in spans]  # blocks are in document order and do not overlap

    def zone_at(pos: int) -> str | None:
        i = bisect_right(starts, pos) - 1
        return spans[i][2] if i >= 0 and pos < spans[i][1] else None

    return zone_at


def _entity_before(ents: list, ends: list[int], text: str, pos: int):
    """The entity that ends right before ``pos``, with only white space between, or ``None``."""
    i = bisect_right(ends, pos) - 1
    return ents[i] if i >= 0 and text[ends[i] : pos].strip() == "" else None


def _entity_at(ents: list, starts: list[int], pos: int):
    """The entity that starts at ``pos``, or ``None``."""
    i = bisect_right(starts, pos) - 1
    return ents[i] if i >= 0 and ents[i].start_char == pos else None


def collect_mentions(doc: Doc, rules: EntityRules) -> tuple[list[Mention], list[tuple[str, str, str]]]:
    """Mentions of ``doc`` and the definition pairs (kind, form, form) found in its text."""
    text, blocks = text_of(doc), doc._.ctc_blocks or []
    zone_at = _zone_of(blocks)
    ents = list(doc.ents)
    ent_ends = [e.end_char for e in ents]
    ent_starts = [e.start_char for e in ents]
    mentions: list[Mention] = []
    definitions: list[tuple[str, str, str]] = []

    def add(start: int, end: int, label: str, source: str) -> None:
        zone = zone_at(start)
        cleaned = clean_mention(text[start:end], start, label, rules) if zone else None
        if cleaned:
            surface, begin = cleaned
            mentions.append(Mention(begin, begin + len(surface), surface, label, zone, source))

    for note in doc._.ctc_endnotes or []:
        for source in note["sources"]:
            raw, base = source["raw"], source["start"]
            for author in source["authors"]:
                at = raw.find(author)
                if at >= 0:
                    add(base + at, base + at + len(author), "PERSON", "author")
            if source["outlet"]:
                at = raw.rfind(source["outlet"])
                if at >= 0:
                    add(base + at, base + at + len(source["outlet"]), "ORG", "outlet")
    for block in blocks:
        if block["kind"] not in ("body", "endnote"):
            continue
        chunk = text[block["start"] : block["end"]]
        for definition in find_definitions(chunk):
            long_end = block["start"] + definition.long_start + len(definition.long)
            long_start = widen_long_form(text, block["start"] + definition.long_start, rules)
            short_start = block["start"] + definition.short_start
            add(long_start, long_end, "ORG", "acronym")
            add(short_start, short_start + len(definition.short), "ORG", "acronym")
            definitions.append(("acronym", definition.short, text[long_start:long_end]))
        for match in _OR_ACRONYM.finditer(chunk):  # "Zentari Wells Authority or ZWA"
            short, long = match.group(2), match.group(1)
            if initials_match(short, long):
                long_start, short_start = block["start"] + match.start(1), block["start"] + match.start(2)
                add(long_start, long_start + len(long), "ORG", "acronym")
                add(short_start, short_start + len(short), "ORG", "acronym")
                definitions.append(("acronym", short, long))
        for match in _SPELLED_OUT.finditer(chunk):
            short_start, long_start = block["start"] + match.start(1), block["start"] + match.start(2)
            add(short_start, short_start + len(match.group(1)), "ORG", "acronym")
            add(long_start, long_start + len(match.group(2)), "ORG", "acronym")
            definitions.append(("acronym", match.group(1), match.group(2)))
        defined = {block["start"] + d.short_start for d in find_definitions(chunk)}
        for match in _PARENTHESISED.finditer(chunk):
            short_start = block["start"] + match.start(1)
            owner = _entity_before(ents, ent_ends, text, block["start"] + match.start())
            if short_start not in defined and is_acronym(match.group(1)) and owner is not None and owner.label_ in LABELS:
                add(owner.start_char, owner.end_char, owner.label_, "acronym")
                add(short_start, short_start + len(match.group(1)), "ORG", "acronym")
                definitions.append(("acronym", match.group(1), owner.text))
        for match in _KNOWN_AS.finditer(chunk):
            owner = _entity_before(ents, ent_ends, text, block["start"] + match.start())
            alias = _entity_at(ents, ent_starts, block["start"] + match.end())
            if owner is not None and alias is not None and owner.label_ in LABELS:
                add(alias.start_char, alias.end_char, owner.label_, "alias")
                definitions.append(("alias", owner.text, alias.text))
        for match in _ALIAS.finditer(chunk):
            alias_start = block["start"] + match.start(1)
            owner = _entity_before(ents, ent_ends, text, block["start"] + match.start())
            if owner is not None and owner.label_ in LABELS:
                add(alias_start, alias_start + len(match.group(1)), owner.label_, "alias")
                definitions.append(("alias", owner.text, match.group(1)))
    shorts = {short for kind, short, _ in definitions if kind == "acronym"}
    upper_shorts = {short.upper() for short in shorts}
    by_letters: dict[str, list[str]] = {}  # the defined acronyms by their sorted letters
    for short in sorted(shorts):
        by_letters.setdefault("".join(sorted(short.upper())), []).append(short)
    for block in blocks:
        if block["kind"] not in ("body", "endnote"):
            continue
        for match in _ACRONYM_WORD.finditer(text, block["start"], block["end"]):
            word = match.group(1)
            if not (word.isupper() or word.istitle()):
                continue
            same = word.upper() in upper_shorts
            letters = "".join(sorted(word.upper()))
            permuted = next((s for s in by_letters.get(letters, ()) if is_permutation(s, word)), None)
            if same or permuted:
                add(match.start(1), match.end(1), "ORG", "acronym")
                if permuted and not same:
                    definitions.append(("acronym", permuted, word))
    names = [(e.text, e.label_) for e in ents] + [(m.text, m.label) for m in mentions]
    long_names = {name_initials(name): (name, label) for name, label in names
                  if label in LABELS and label != "PERSON" and " " in name.strip() and not is_acronym(name)}
    used_twice: dict[str, bool] = {}  # a two-letter acronym needs its name used twice ("FM" is no "Zorvan Mirage")
    for block in blocks:
        if block["kind"] not in ("body", "endnote"):
            continue
        for match in _CAPITALS.finditer(text, block["start"], block["end"]):  # "ZU" of a known "Zorvan Union"
            name, label = long_names.get(match.group(), ("", None))
            if label and match.group() not in shorts and (len(match.group()) > 2 or used_twice.setdefault(name, text.count(name) > 1)):
                add(match.start(), match.end(), label, "acronym")
    taken = Intervals((m.start, m.end) for m in mentions)
    spans = merge_split_names([(e.start_char, e.end_char, e.label_) for e in ents], text, rules.names.particles)
    for ent_start, ent_end, ent_label in spans:
        label = ent_label if ent_label in LABELS else "PERSON" if _particle_name(text[ent_start:ent_end], rules) else None
        if label and not taken.overlaps(ent_start, ent_end):
            start, end = expand_name(text, ent_start, ent_end, label, rules)
            add(start, end, label, "ner")
    if doc.has_annotation("DEP"):
        taken = Intervals((m.start, m.end) for m in mentions)
        for start, end in people_with_roles(doc, rules):
            if not taken.overlaps(start, end):
                add(start, end, "PERSON", "ner")
    kept = _disjoint(cut_headline_names(mentions, rules))
    for mention in kept:
        _vote(mention, text, rules)
    variants = endnote_variants(text, blocks, kept, rules)
    for mention, _, _ in variants:
        _vote(mention, text, rules)
    definitions.extend((kind, target, mention.text) for mention, target, kind in variants)
    kept = _disjoint(kept + [mention for mention, _, _ in variants])
    foreign = descriptor_names(text, blocks, kept, rules)
    definitions.extend(("place-name", target, mention.text) for mention, target in foreign)
    kept = _disjoint(kept + [mention for mention, _ in foreign])
    kept = kept + known_names(text, blocks, kept + [mention for mention, _ in bare_names(kept, rules)], rules)
    for mention in kept:
        end = place_pair_extent(text, mention.end, mention.text, rules)
        if end > mention.end:
            mention.end, mention.text = end, text[mention.start : end]
    kept = _disjoint(kept)
    found, joins = organisation_aliases(text, blocks, kept, rules)
    kept = _disjoint(kept + found)
    inner = inner_names(kept, rules)
    definitions.extend(joins)
    definitions.extend(("place-name", outer, mention.text) for mention, outer in inner)
    return kept + [mention for mention, _ in inner], definitions


def people_with_roles(doc: Doc, rules: EntityRules) -> list[tuple[int, int]]:
    """Names the NER missed but the parse shows as people: a proper name with a role in
    apposition ("Salif Dembara, the president of …" / "the group's leader, Amir Haddad")."""
    found = []
    for i in numpy.flatnonzero(doc.to_array(DEP) == doc.vocab.strings["appos"]).tolist():
        token = doc[i]
        name, role = (token.head, token) if token.head.pos_ == "PROPN" else (token, token.head)
        if name.pos_ != "PROPN" or role.lower_ not in rules.roles or name.ent_type_:
            continue
        first = name.i
        while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].dep_ in ("compound", "flat") and not doc[first - 1].ent_type_:
            first -= 1
        span = doc[first : name.i + 1]
        if len(span) > 1 and rules.names.is_person_name(span.text):
            found.append((span.start_char, span.end_char))
    return found


def extract_entities(doc: Doc, clusterer: Clusterer) -> list[dict]:
    mentions, definitions = collect_mentions(doc, clusterer.rules)
    entities = clusterer.cluster(mentions, definitions)
    for i, entity in enumerate(entities, 1):
        entity["id"] = f"{doc._.ctc_doc_id}:e{i}"
    return entities


if not Doc.has_extension("ctc_entities"):
    Doc.set_extension("ctc_entities", default=None)


@Language.factory(
    "ctc_entities",
    default_config={
        "fuzzy_cutoff": 88.0,
        "skeleton_min_length": 5,
        "endnote_vote_weight": 3,
        "names_path": None,
        "places_path": None,
        "outlets_path": None,
        "citation_rules_path": None,
        "organisations_path": None,
        "outlet_cutoff": 90.0,
        "outlet_min_fuzzy_length": 6,
    },
    requires=["doc._.ctc_doc_id", "doc._.ctc_blocks", "doc._.ctc_endnotes", "doc.ents", "token.pos", "token.dep"],
    assigns=["doc._.ctc_entities"],
)
def make_entities(
    nlp: Language, name: str, fuzzy_cutoff: float, skeleton_min_length: int, endnote_vote_weight: int,
    names_path: str | None, places_path: str | None, outlets_path: str | None, citation_rules_path: str | None,
    organisations_path: str | None, outlet_cutoff: float, outlet_min_fuzzy_length: int,
) -> Entities:
    paths = {"names.json": names_path, "places.json": places_path, "outlets.json": outlets_path,
             "citation_rules.json": citation_rules_path, "organisations.json": organisations_path}
    settings = {"fuzzy_cutoff": fuzzy_cutoff, "skeleton_min_length": skeleton_min_length, "endnote_vote_weight": endnote_vote_weight}
    return Entities(paths, settings, {"cutoff": outlet_cutoff, "min_fuzzy_length": outlet_min_fuzzy_length})


class Entities(RuleFileComponent):
    """Thin wrapper around :func:`extract_entities`."""

    def __init__(self, paths: dict[str, str | None], settings: dict, outlet_settings: dict):
        self.settings, self.outlet_settings = settings, outlet_settings
        super().__init__(paths)

    def compile(self, data: dict) -> None:
        rules = EntityRules.build(self.settings, data["names.json"], PlaceNames(data["places.json"]),
                                  OutletTable(data["outlets.json"], **self.outlet_settings),
                                  data["citation_rules.json"]["organisation_words"], data["organisations.json"])
        self.clusterer = Clusterer(rules)

    def __call__(self, doc: Doc) -> Doc:
        doc._.ctc_entities = extract_entities(doc, self.clusterer)
        return doc
