"""Named entities of the body and endnotes, their aliases clustered into one record each.

Mentions come from the model's NER, corrected by rules that generalise: endnote authors are
people and outlets organisations (the citation parser knows them); every occurrence of an acronym
defined in the text ("Front for the Liberation of Tadamakat (FLT)") is a mention, and so is the
same acronym in another language's letter order (FTL for the French name); an acronym in
parentheses right after a name the NER found defines it too ("the Zentari Front (ZUF)");
"(also known as X)" and ", known as X" add X; titles ("President", "Colonel"), a leading "the",
a possessive "’s" and trailing punctuation other than an abbreviation's period ("U.S.") are not
part of a name, and document designations ("P.L. 101-45") are no names. Names the NER cut or ran
on are made whole (:func:`merge_split_names`, :func:`cut_headline_names`, :func:`expand_name`,
:func:`place_pair_extent`), and an all-capitals word spelling a known name's initials
(:func:`name_initials`) is its acronym.

Each distinct surface form gets a label by vote over its mentions: the NER's label, plus GPE
votes for a known city or country (:mod:`pipeline.rules.places`) and for a place context ("the town
of X", "in X"). Forms are then joined, strongest evidence first, and every join is recorded:

- ``acronym`` / ``alias``: a definition in the text; ``outlet``: the outlet table;
- ``known-alias``: an international organisation's name in another language, from the table of
  ``models/organisations.json`` (:func:`organisation_aliases`);
- ``place-name``: a place and the same place with a descriptor or feature word ("Amesrar city",
  "Tinzerit Valley"), whose bare name is a mention nested in it (:func:`inner_names`), also when a
  geographic word of another language stands in front ("Adrar de Tinzerit", :func:`descriptor_names`);
- ``qualifier``: a name without the acronym or place in front of it ("ZU Peace Council" / "Peace
  Council"), when only one longer form has it;
- ``name-part``: a surname (or "ag"/"al-"/"Ould" name) matching the last name of one fuller name,
  or its first name failing that; two full names sharing a last name whose given names agree
  (:mod:`pipeline.rules.evidence`);
- ``fuzzy``: ``rapidfuzz.process.cdist`` with ``fuzz.ratio`` (vectorised, blocked by label group
  and first letter) on accent-, case- and punctuation-folded forms — spelling variants and
  transliterations, never acronyms, short single words or names whose differing words differ;
- ``transliteration``: the same consonant skeleton, first two letters and length within one.

Generic head words ("House", "Center", "Council") never join by containment or similarity.
Names already known are found again where the NER missed them (:func:`known_names`).
Containment is never fuzzy: a form whose words are a subset of another's ("Amesrar" /
"Amesrar Region", "the Front" / "the Front for the Liberation of Tadamakat") joins it only through a definition or
a name-part rule; forms of different label groups join only through a definition.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from .abbreviations import MINOR_WORDS as _MINOR_WORDS
from .abbreviations import initials_match
from .evidence import (
    designation_pattern,
    find_known,
    given_names_agree,
    is_acronym,
    is_designation,
    keep_abbreviation_period,
    similarity_allowed,
    transliterated_given,
)
from .intervals import Intervals
from .markers import MARKER
from .names import NameShape, name_shape
from .outlets import OutletTable, fold
from .places import PlaceNames

LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")
GROUP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "NORP": "NORP", "EVENT": "EVENT"}
_DEMONYM = re.compile(r"(?:ian|ean|ese|ien|ish|i|an|er)s?$")
_ARTICLE = re.compile(r"^(?:al|el|Al|El)[- ](?=[A-Z])")
_ACRONYM_WORD = re.compile(r"\b(?:[dlDL][’'])?([A-Z][A-Za-z]{2,9})\b")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str
    zone: str
    source: str = "ner"
    votes: Counter = field(default_factory=Counter)


@dataclass(frozen=True)
class EntityRules:
    """Thresholds and word lists for mention cleaning and clustering."""

    fuzzy_cutoff: float
    skeleton_min_length: int
    endnote_vote_weight: int
    titles: frozenset[str]
    titles_longest_first: tuple[str, ...]
    roles: frozenset[str]
    group_nouns: frozenset[str]
    organisation_words: frozenset[str]
    generic_heads: frozenset[str]
    designations: re.Pattern
    names: NameShape
    places: PlaceNames
    outlets: OutletTable
    context: re.Pattern
    name_left: re.Pattern
    name_right: re.Pattern
    country_stems: frozenset[str]
    foreign_place: re.Pattern
    organisations: dict[str, int]
    organisation_names: tuple[tuple[str, ...], ...]

    @classmethod
    def build(cls, settings: dict, names: dict, places: PlaceNames, outlets: OutletTable, organisation_words: list[str],
              organisations: dict) -> EntityRules:
        """``organisations``: ``models/organisations.json``, every name of an international
        organisation in its languages."""
        contexts = "|".join(re.escape(c) for c in places.contexts)
        descriptors = "|".join(re.escape(d) for d in sorted(places.foreign_descriptors, key=len, reverse=True))
        connectors = "|".join(re.escape(c) if c[-1] in "’'" else rf"{re.escape(c)}\s+" for c in places.foreign_connectors)
        entries = tuple(tuple(entry["names"]) for entry in organisations["organisations"])
        word = r"[A-Z][\w’'`-]*"
        particle = rf"(?i:{'|'.join(map(re.escape, sorted(p.lower() for p in names['name_particles'])))})"
        conjunct = rf"(?:{word}\s*(?:,|and)\s+)*"
        return cls(
            fuzzy_cutoff=settings["fuzzy_cutoff"],
            skeleton_min_length=settings["skeleton_min_length"],
            endnote_vote_weight=settings["endnote_vote_weight"],
            titles=frozenset(t.lower() for t in names["titles"]),
            titles_longest_first=tuple(sorted((t.lower() for t in names["titles"]), key=len, reverse=True)),
            roles=frozenset(names["roles"]),
            group_nouns=frozenset(names["group_nouns"]),
            organisation_words=frozenset(organisation_words),
            generic_heads=frozenset(names["generic_heads"]) | frozenset(organisation_words),
            designations=designation_pattern(names["designations"]),
            names=name_shape(names),
            places=places,
            outlets=outlets,
            context=re.compile(rf"\b(?:{contexts})(?:(?<=[’'])|\s+)(?:the\s+)?{conjunct}$", re.IGNORECASE),
            name_left=re.compile(rf"((?:{word}\s+)+)({particle}\s+)$"),
            name_right=re.compile(rf"\s+({particle}\s+)?({word})"),
            country_stems=frozenset(c[:-1] for c in places.country_keys if len(c) >= 4),
            foreign_place=re.compile(rf"(?<![\w-])(?:{descriptors})\s+(?:{connectors})?([^\W\d_][\w`’'-]*)"),
            organisations={fold(name): i for i, names in enumerate(entries) for name in names},
            organisation_names=entries,
        )


class UnionFind:
    def __init__(self, items: list[str]):
        self.parent = {item: item for item in items}

    def find(self, item: str) -> str:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True


_TRAILING_ACRONYM = re.compile(r"\s*\(\s*[A-Z][A-Za-z0-9&.\-]{1,9}\s*\)$")


def clean_mention(text: str, start: int, label: str, rules: EntityRules) -> tuple[str, int] | None:
    """Strip a leading "the", titles (people only), markers and a possessive, an acronym in
    parentheses after a name, and trailing
    punctuation except an abbreviation's period ("U.S."); ``None`` if nothing name-like is left
    or what is left is a document designation ("P.L. 101-45")."""
    changed = True
    while changed:
        changed = False
        for pattern in (r"^the\s+", r"^[’'`]\s*"):
            match = re.match(pattern, text, re.IGNORECASE)
            if match and len(text) > match.end():
                text, start, changed = text[match.end() :], start + match.end(), True
        if label == "PERSON":
            title = next((t for t in rules.titles_longest_first if text.lower().startswith(t + " ")), None)
            if title and len(text) > len(title) + 1:
                cut = len(title) + 1
                text, start, changed = text[cut:], start + cut, True
    marker = MARKER.search(text)
    if marker:  # a name ends where a footnote marker starts (cutting keeps the offsets true)
        text = text[: marker.start()]
    text = re.sub(r"\s*[’']s?$", "", text).rstrip(" ,;:")
    defined = _TRAILING_ACRONYM.search(text)
    if defined and text[: defined.start()].strip():  # "Zorvan Wells Board (ZWB)": the name, its acronym apart
        text = text[: defined.start()]
    if text.endswith(".") and not keep_abbreviation_period(text):
        text = text.rstrip(" ,.;:")
    if not text or is_designation(text, rules.designations):
        return None
    if not text or not (text[0].isupper() or text[0].isdigit() or text[:3].lower() in ("al-", "el-", "ag ")):
        return None
    return text, start


def name_initials(form: str) -> str:
    """The initials of a name's words, minor words in lower case aside ("United Zentaria" → "UZ")."""
    return "".join(w[0].upper() for w in form.split() if w[0].isupper() or w.lower() not in _MINOR_WORDS)


def merge_split_names(spans: list[tuple[int, int, str]], text: str, particles: frozenset[str]) -> list[tuple[int, int, str]]:
    """NER spans (start, end, label), in order, with the names the model cut in two made whole:
    two PERSON spans with only white space between, one line break at most ("Jane" / "Quist"
    across a wrapped line), and a span ending in a name particle right before a capitalised span
    ("Yusuf ag" / "Haddou"), each as one PERSON span."""
    merged: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if merged:
            first, last_end, last_label = merged[-1]
            gap = text[last_end:start]
            ends_in_particle = (last_label in LABELS and label in LABELS and text[start:start + 1].isupper()
                                and text[first:last_end].split()[-1] in particles)
            if gap.strip() == "" and gap.count("\n") <= 1 and (last_label == label == "PERSON" or ends_in_particle):
                merged[-1] = (first, end, "PERSON")
                continue
        merged.append((start, end, label))
    return merged


def cut_headline_names(mentions: list[Mention], rules: EntityRules) -> list[Mention]:
    """Endnote names the NER ran on into a headline ("Zorvan Front Overruns Base"), cut to the
    body name they start with: the longest run of leading words that spells a form named in the
    body, folded or as a transliteration (:func:`_same_skeleton`), when the word after it is no
    generic head word, particle or lower-case word (then the whole is a longer name); other
    mentions as they are."""
    body = {spelling(m.text): m for m in mentions if m.zone == "body"}
    skeletons = _skeleton_index([m.text for m in body.values()])
    particles = rules.names.particles
    result = []
    for mention in mentions:
        words = list(re.finditer(r"\S+", mention.text))
        if mention.zone == "endnotes" and mention.source == "ner" and len(words) > 1 and spelling(mention.text) not in body:
            for k in range(len(words) - 1, 0, -1):
                after = words[k].group()
                if after.lower() in rules.generic_heads or after.lower() in particles or not after[0].isupper():
                    continue
                prefix = mention.text[: words[k - 1].end()]
                hit = body.get(spelling(prefix)) or next((body[spelling(f)] for f in skeletons.get(_skeleton_key(prefix), [])
                                                        if _same_skeleton(prefix, f, rules.skeleton_min_length)), None)
                if hit:
                    mention = Mention(mention.start, mention.start + len(prefix), prefix, hit.label, mention.zone, mention.source)
                    break
        result.append(mention)
    return result


def _disjoint(mentions: list[Mention]) -> list[Mention]:
    """Mentions in document order, the first (longest) of overlapping ones kept."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _name_heads(mentions: list[Mention], rules: EntityRules) -> dict[str, str]:
    """Strings an endnote variant may match, each pointing at the form it stands for: every
    form, the name before a feature word ("Tinzerit" of "Tinzerit Valley"), a person's surname."""
    heads: dict[str, str] = {}
    for mention in mentions:
        form = mention.text
        heads.setdefault(form, form)
        words = form.split()
        if len(words) > 1 and (words[-1] in rules.places.natural_features or words[-1] in rules.places.descriptors):
            heads.setdefault(" ".join(words[:-1]), form)
        if mention.label == "PERSON" and len(words) > 1:
            heads.setdefault(words[-1], form)
    return heads


_POSSESSIVE = re.compile(r"[’']s?$")
_COMPOUND_PART = re.compile(r"(?<=[a-z]{2})-([A-Z])")


def _best_targets(surfaces: set[str], targets: list[str], cutoff: float) -> dict[str, str]:
    """For each surface, the target of the same number of words and first folded letter with the
    highest ``fuzz.ratio`` of their spellings, if it reaches ``cutoff`` (blocked so, the work is
    the pairs within a block, not every surface against every target)."""
    def block(form: str) -> tuple[int, str]:
        folded = spelling(form)
        return len(folded.split()), folded[:1]

    by_block: dict[tuple[int, str], list[str]] = defaultdict(list)
    for target in targets:
        by_block[block(target)].append(target)
    asked: dict[tuple[int, str], list[str]] = defaultdict(list)
    for surface in sorted(surfaces):
        if block(surface) in by_block:
            asked[block(surface)].append(surface)
    best: dict[str, str] = {}
    for key, group in asked.items():
        scores = process.cdist(group, by_block[key], scorer=fuzz.ratio, processor=spelling, score_cutoff=cutoff)
        for surface, row in zip(group, scores, strict=True):
            column = int(row.argmax())
            if row[column] >= cutoff:
                best[surface] = by_block[key][column]
    return best


def endnote_variants(text: str, blocks: list[dict], mentions: list[Mention], rules: EntityRules) -> list[tuple[Mention, str, str]]:
    """Names in endnotes the NER skipped (headlines, French titles) that spell a known name:
    capitalised runs of one to three words, after an optional elided article ("d’Tinzérit"), and
    the part of a hyphenated compound after a name ("Chad-Al-Nasr’s"),
    matched by ``fuzz.ratio`` (:func:`_best_targets`) or consonant skeleton, always with as many
    words; returns (mention, form matched, evidence)."""
    heads = _name_heads([m for m in mentions if m.source != "outlet"], rules)
    taken = Intervals((m.start, m.end) for m in mentions)
    candidates: list[tuple[int, int, str]] = []
    for block in (b for b in blocks if b["kind"] == "endnote"):
        for run in re.finditer(r"(?:\b[dlDL][’'])?((?:[A-Z][\w`’-]+)(?:\s+[A-Z][\w`’-]+){0,2})", text[block["start"] : block["end"]]):
            words = list(re.finditer(r"\S+", run.group(1)))
            base = block["start"] + run.start(1)
            for i in range(len(words)):
                for j in range(i, min(i + 3, len(words))):
                    start, end = base + words[i].start(), base + words[j].end()
                    if not taken.overlaps(start, end):
                        candidates.append((start, end, _POSSESSIVE.sub("", text[start:end])))
                for part in _COMPOUND_PART.finditer(words[i].group()):  # "Zorvan-Al-Nasr’s": "Al-Nasr"
                    start, end = base + words[i].start() + part.start(1), base + words[i].end()
                    if not taken.overlaps(start, end):
                        candidates.append((start, end, _POSSESSIVE.sub("", text[start:end])))
    if not candidates or not heads:
        return []
    skeletons = _skeleton_index(list(heads))
    best = _best_targets({c[2] for c in candidates}, list(heads), rules.fuzzy_cutoff)
    found, labels = [], {}
    for mention in mentions:
        labels.setdefault(mention.text, mention.label)  # the first mention's, looked up once per head, not per candidate
    for start, end, surface in candidates:
        target, kind = best.get(surface), "fuzzy"
        if target is None or len(surface) < 5:
            same = [t for t in skeletons.get(_skeleton_key(surface), []) if _same_skeleton(surface, t, rules.skeleton_min_length)]
            target, kind = (same[0], "transliteration") if same else (None, None)
        if kind and not derived_word(surface, target):
            label = labels[heads[target]]
            found.append((Mention(start, start + len(surface), surface, label, "endnotes", "variant"), heads[target], kind))
    return found


_YEAR_SUFFIX = re.compile(r"\s+of\s+\d{4}$")
_LEAD_IN = re.compile(r"([A-Z][a-z]+)\s+(?:of|for|on)\s+$")
_QUALIFIER = re.compile(r"(?<!\S)(\S+)\s+$")


def qualified_rest(form: str, rules: EntityRules) -> str | None:
    """The name ``form`` qualifies: without an acronym or known country in front ("ZU Peace
    Council" → "Peace Council") unless what is left is a generic head word alone, without the
    organisation word it starts with when two capitalised words or more are left ("Jabhat Zorvan
    al-Nasr" → "Zorvan al-Nasr"), or without a year after "of" ("Zentari Wells Act of 1990" →
    "Zentari Wells Act"); else ``None``."""
    if _YEAR_SUFFIX.search(form):
        return _YEAR_SUFFIX.sub("", form)
    pair = re.search(rf"\s+(?:in|on|for)\s+(?:the\s+)?{_PLACE},?\s+and\s+(?:the\s+)?{_PLACE}$", form)
    if pair and place_pair_extent(form, pair.start(), form[: pair.start()], rules) == len(form):
        return form[: pair.start()]
    words = form.split()
    if len(words) > 2 and words[0].lower() in rules.generic_heads and words[1][0].isupper() and words[1].lower() not in rules.generic_heads:
        return " ".join(words[1:])
    if len(words) < 2 or not (is_acronym(words[0]) or fold(words[0]) in rules.places.country_keys):
        return None
    rest = " ".join(words[1:])
    return None if fold(rest) in rules.generic_heads else rest


def widen_long_form(text: str, start: int, rules: EntityRules) -> int:
    """Where a defined long form really starts: before an organisation word with "of", "for" or
    "on" ("Department of" in front of "Zentari Wells") and then one acronym or country in front
    ("U.Z."), which the acronym's letters do not cover."""
    lead = _LEAD_IN.search(text, max(0, start - 40), start)
    if lead and lead.group(1).lower() in rules.generic_heads:
        start = lead.start()
    qualifier = _QUALIFIER.search(text, max(0, start - 20), start)
    word = qualifier.group(1) if qualifier else ""
    if word and (word[-1].isalnum() or word[-1] == ".") and "’" not in word and "'" not in word and (
            is_acronym(word) or fold(word) in rules.places.country_keys):
        start = qualifier.start()
    return start


def known_names(text: str, blocks: list[dict], mentions: list[Mention], rules: EntityRules) -> list[Mention]:
    """Further mentions of names already known (coverage the NER misses): every known form that
    is an acronym, has two words or more, or is one word of four letters or more that is no
    generic head word, found again in body and endnote text (:func:`find_known`) where no
    mention is or only mentions inside it are (they give way to the longer name), and so is a
    name without its qualifier (:func:`qualified_rest`) or its Arabic article ("Zarqa" of
    "al-Zarqa"); each takes the label most mentions of its form carry."""
    labels: dict[str, Counter] = {}
    for mention in mentions:
        labels.setdefault(mention.text, Counter())[mention.label] += 1
    for form in list(labels):
        for short in (qualified_rest(form, rules), _ARTICLE.sub("", form)):
            if short and short != form:
                labels.setdefault(short, Counter()).update(labels[form])
    forms = [f for f in labels if is_acronym(f) or " " in f or len(f) >= 4 and f.lower() not in rules.generic_heads]
    starts = sorted((m.start, m.end) for m in mentions)
    begins, taken = [b for b, _ in starts], set(starts)
    searched = [b for b in blocks if b["kind"] in ("body", "endnote")]
    block_starts = [b["start"] for b in searched]
    found = []
    for start, end, form in find_known(text, forms, spans=[(b["start"], b["end"]) for b in searched]):
        i = bisect_left(begins, start)
        straddles = (i > 0 and starts[i - 1][1] > start) or any(e > end for b, e in starts[i : bisect_left(begins, end)])
        if not straddles and (start, end) not in taken:
            zone = "body" if searched[bisect_right(block_starts, start) - 1]["kind"] == "body" else "endnotes"
            label = labels[form].most_common(1)[0][0]
            found.append(Mention(start, end, text[start:end], label, zone, "rematch", Counter({label: 1})))
    return found


def _zone_finder(blocks: list[dict]):
    """The body and endnote blocks, and ``zone(pos)``: "body" or "endnotes" for a position in one."""
    searched = [b for b in blocks if b["kind"] in ("body", "endnote")]
    starts = [b["start"] for b in searched]

    def zone(pos: int) -> str:
        return "body" if searched[bisect_right(starts, pos) - 1]["kind"] == "body" else "endnotes"

    return searched, zone


def descriptor_names(text: str, blocks: list[dict], mentions: list[Mention], rules: EntityRules) -> list[tuple[Mention, str]]:
    """Places written with a geographic word of another language in front ("Adrar de
    Tinzérit", "Jebel Tinzerit", "l’Oued Tinzerit") whose name is known: the bare name of a
    known feature ("Tinzerit" of "Tinzerit Valley", :meth:`~pipeline.rules.places.PlaceNames.bare_name`)
    or a one-word form, compared folded, never a person's name or part of one. Each is a mention
    labelled as that form when it is a place's (else LOC), with the form it names; the NER cuts
    them at the lower-case connector."""
    people = _person_words(mentions, rules)
    heads: dict[str, Mention] = {}
    for mention in mentions:
        bare = rules.places.bare_name(mention.text)
        name = bare[1] if bare else mention.text if " " not in mention.text else None
        if name and mention.label != "PERSON" and spelling(name) not in people:
            heads.setdefault(spelling(name), mention)
    searched, zone = _zone_finder(blocks)
    found = []
    for block in searched if heads else ():
        for match in rules.foreign_place.finditer(text, block["start"], block["end"]):
            name = _POSSESSIVE.sub("", match.group(1))
            head = heads.get(spelling(name))
            if head and name[0].isupper():
                label = head.label if GROUP[head.label] == "PLACE" else "LOC"
                end = match.start(1) + len(name)
                mention = Mention(match.start(), end, text[match.start() : end], label, zone(match.start()), "rematch", Counter({label: 1}))
                found.append((mention, head.text))
    return found


def _person_words(mentions: list[Mention], rules: EntityRules) -> set[str]:
    """The spellings of the names of people among ``mentions`` and of each of their words."""
    people = set()
    for mention in mentions:
        if mention.label == "PERSON" and rules.places.bare_name(mention.text) is None:
            people.add(spelling(mention.text))
            people.update(spelling(mention.text).split())
    return people


def bare_names(mentions: list[Mention], rules: EntityRules) -> list[tuple[Mention, str]]:
    """The bare name inside each natural feature's name ("Tinzerit" of "Tinzerit Valley" or of
    "Adrar de Tinzerit", :meth:`~pipeline.rules.places.PlaceNames.bare_name`) as a mention nested
    in it, with the form it is nested in; never a person's name or part of one ("Haddou" of
    "Jebel Haddou" beside "Yusuf Haddou")."""
    people = _person_words(mentions, rules)
    found = []
    for mention in mentions:
        bare = rules.places.bare_name(mention.text)
        if bare and spelling(bare[1]) not in people:
            at, name = bare
            label = max(sorted(mention.votes), key=lambda lab: mention.votes[lab]) if mention.votes else mention.label
            found.append((Mention(mention.start + at, mention.start + at + len(name), name, label, mention.zone, "inner",
                                  Counter({label: 1})), mention.text))
    return found


def inner_names(mentions: list[Mention], rules: EntityRules) -> list[tuple[Mention, str]]:
    """The :func:`bare_names` the text also writes alone, as a mention of the same spelling or a
    spelling variant ("Tinzerit", "Tinzérit", "Tinzerrit" in a headline): then it is a name of the
    place, as "Silicon" of "Silicon Valley" or "Rocky" of "Rocky Mountains" is not."""
    alone: dict[str, list[str]] = defaultdict(list)
    for form in dict.fromkeys(m.text for m in mentions):
        alone[spelling(form)[:1]].append(form)

    def stands_alone(name: str) -> bool:
        return any(spelling(name) == spelling(word) or fuzz.ratio(spelling(name), spelling(word)) >= rules.fuzzy_cutoff
                   and similarity_allowed(name, word, 5) for word in alone.get(spelling(name)[:1], []))

    return [(mention, outer) for mention, outer in bare_names(mentions, rules) if stands_alone(mention.text)]


def organisation_aliases(text: str, blocks: list[dict], mentions: list[Mention], rules: EntityRules) -> tuple[list[Mention], list[tuple[str, str, str]]]:
    """Names of an international organisation in other languages (``models/organisations.json``)
    when the text names it: the other names found in body and endnote text where no mention is
    (:func:`find_known`; an acronym of four letters or more also written as a word, "Cedeao" for
    "CEDEAO", accents folded), as ORG mentions, and a ``known-alias`` definition joining each,
    and each other name the text already has, to the first form the text has."""
    present: dict[int, list[str]] = defaultdict(list)
    for form in dict.fromkeys(m.text for m in mentions):
        entry = rules.organisations.get(fold(form))
        if entry is not None:
            present[entry].append(form)
    joins = [("known-alias", forms[0], other) for forms in present.values() for other in forms[1:]]
    wanted: dict[str, str] = {}
    for entry, forms in present.items():
        have = {fold(f) for f in forms}
        for name in rules.organisation_names[entry]:
            if fold(name) not in have:
                wanted.setdefault(name, forms[0])
                if is_acronym(name) and len(name) >= 4:
                    wanted.setdefault(name.capitalize(), forms[0])
    if not wanted:
        return [], joins
    searched, zone = _zone_finder(blocks)
    taken = Intervals((m.start, m.end) for m in mentions)
    found = []
    for start, end, name in find_known(text, wanted, spans=[(b["start"], b["end"]) for b in searched]):
        if not taken.overlaps(start, end):
            found.append(Mention(start, end, text[start:end], "ORG", zone(start), "rematch", Counter({"ORG": 1})))
            joins.append(("known-alias", wanted[name], text[start:end]))
    return found, joins


def _particle_name(text: str, rules: EntityRules) -> bool:
    """A person's name with a particle inside ("Yusuf ag Haddou"), whatever the NER called it."""
    words = text.split()
    return len(words) > 2 and rules.names.is_person_name(text) and any(w.lower() in rules.names.particles for w in words[1:-1])


def expand_name(text: str, start: int, end: int, label: str, rules: EntityRules) -> tuple[int, int]:
    """Widen a mention the NER cut short: a person's name across lower-case particles ("Yusuf ag
    Haddou", "Ibrahim Ag Assaleh"); a name with the natural feature, descriptor or facility word
    that follows it ("Tinzerit mountains", "Amesrar city", "Amesrar region", "Amesrar Palace
    hotel"); a place with the event word after it ("Amesrar talks")."""
    particles = rules.names.particles
    if label == "PERSON":
        left = rules.name_left.search(text[max(0, start - 40) : start])
        if left and left.group(2).strip().lower() in particles:
            start -= len(left.group(0))
        right = rules.name_right.match(text[end : end + 40])
        last = text[start:end].split()[-1].lower()
        if right and right.group(2)[:1].isupper() and (right.group(1) or last in particles):
            end += right.end()
    extra = re.match(r" ([A-Za-z]+)\b", text[end : end + 20])
    places = rules.places
    if extra and (extra.group(1) in places.natural_features or label != "PERSON" and (
            extra.group(1) in places.descriptors or extra.group(1) in places.administrative or extra.group(1) in places.facilities)
            or label in ("GPE", "LOC") and extra.group(1) in places.events):
        end += extra.end()
    return start, end


_PLACE = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}"
_PLACE_PAIR = re.compile(rf"\s+(?:in|on|for)\s+(?:the\s+)?({_PLACE}),?\s+and\s+(?:the\s+)?({_PLACE})")


def place_pair_extent(text: str, end: int, form: str, rules: EntityRules) -> int:
    """Where a name that ends in a generic head word ends when two known places joined by "and"
    follow it after "in", "on" or "for" ("Zorvan Group on Chad and Niger"): a mandate's full
    name; else ``end``."""
    words = form.split()
    if not words or words[-1].lower() not in rules.generic_heads:
        return end
    match = _PLACE_PAIR.match(text, end)
    if not match or not rules.places.is_place(match.group(1)):
        return end
    for word in re.finditer(r"\S+", match.group(2)):  # the shortest known place: "Chad" of "Chad Pursuant To"
        if rules.places.is_place(match.group(2)[: word.end()]):
            return match.start(2) + word.end()
    return end


def _vote(mention: Mention, text: str, rules: EntityRules) -> None:
    """A mention's label votes: its source's label; GPE for known places, place contexts and names
    with a place descriptor ("X city", "X Region"); LOC for a name with a natural feature; FAC
    for one with a facility word ("X hotel"), EVENT for one with an event word ("X talks"); NORP
    for a word formed from a country's name ("Chadian", "Somalis"); PERSON for a name with an
    inner particle ("Yusuf ag Haddou") or a title in front ("Colonel X"); ORG for a "person"
    with an organisation or generic word ("X Administration") and GPE for one led by a country
    or an acronym ("U.S. Gulf"); NORP for a "person" in the plural whose singular qualifies a
    noun elsewhere ("the Zentaris" beside "Zentari fighters"), and for a one-word "person" or
    "organisation" before a people's noun ("Zentari tribesmen", "the Zarkani clan")."""
    weight = rules.endnote_vote_weight if mention.source in ("author", "outlet") else 1
    mention.votes[mention.label] += weight
    words = mention.text.split()
    places = rules.places
    if mention.source == "ner" and len(words) > 1 and words[-1] in places.natural_features:
        mention.votes["LOC"] += 3
    if mention.source == "ner" and len(words) > 1 and (words[-1] in places.descriptors or words[-1] in places.administrative):
        mention.votes["GPE"] += 3
    if mention.source == "ner" and len(words) > 1 and words[-1] in places.facilities:
        mention.votes["FAC"] += 3
    if mention.source == "ner" and len(words) > 1 and words[-1] in places.events:
        mention.votes["EVENT"] += 3
    folded = fold(mention.text)
    if mention.source == "ner" and len(words) == 1 and _DEMONYM.search(mention.text) and folded not in places.country_keys and any(
            folded[:k] in rules.country_stems for k in range(3, len(folded))):
        mention.votes["NORP"] += 3
    before = text[max(0, mention.start - 25) : mention.start].split()
    if mention.source == "ner" and (_particle_name(mention.text, rules) or (
        rules.names.is_person_name(mention.text) and before and before[-1].lower() in rules.titles)
    ):
        mention.votes["PERSON"] += 3
    if mention.source == "ner" and mention.label in ("PERSON", "ORG", "NORP") and rules.places.is_place(mention.text):
        mention.votes["GPE"] += 2
    if mention.source in ("ner", "variant") and mention.label == "PERSON" and rules.context.search(text[max(0, mention.start - 60) : mention.start]):
        mention.votes["GPE"] += 3
    after = re.match(r"\s+([a-z]+)", text[mention.end : mention.end + 20])
    if mention.source == "ner" and mention.label in ("PERSON", "ORG") and len(words) == 1 and after and after.group(1) in rules.group_nouns:
        mention.votes["NORP"] += 3
    if mention.source == "ner" and mention.label == "PERSON" and len(words) == 1 and mention.text.endswith("s") and re.search(
            rf"\b{re.escape(mention.text[:-1])} [a-z]", text):
        mention.votes["NORP"] += 3
    if mention.source == "ner" and mention.label == "PERSON" and not _particle_name(mention.text, rules):
        if any(w.lower() in rules.generic_heads for w in words):
            mention.votes["ORG"] += 2
        elif len(words) > 1 and (fold(words[0]) in places.country_keys or is_acronym(words[0])):
            mention.votes["GPE"] += 2


def _words(form: str) -> list[str]:
    return fold(form).split()


def derived_word(a: str, b: str) -> bool:
    """Whether one folded form extends the other by letters other than a plural "s" ("Chad" /
    "Chadian", "Africa" / "African", "Oman" / "Omani"): a different word, never a spelling."""
    fa, fb = sorted((fold(a), fold(b)), key=len)
    return fb.startswith(fa) and fb != fa and fb != fa + "s"


_DOUBLED = re.compile(r"(\w)\1+")
_TRANSLIT_MARK = re.compile(r"(?<=\w)[`’'‘ʿʾ](?=\w)")


@lru_cache(maxsize=8192)
def spelling(form: str) -> str:
    """:func:`~pipeline.rules.outlets.fold` after dropping the marks of a transliteration inside
    words (ayn and hamza as "`" or "’": "al-Zar`ida" → "al zarida", as "Al-Zarida" folds)."""
    return fold(_TRANSLIT_MARK.sub("", form))


def _skeleton(form: str) -> str:
    return re.sub(r"[aeiouy\s]", "", spelling(form))


def _skeleton_key(form: str) -> tuple[str, str, int]:
    folded = spelling(form)
    return _skeleton(form), folded[:1], len(folded.split())


def _same_skeleton(a: str, b: str, min_length: int) -> bool:
    """Transliteration variants: same consonants, first letter and word count, length within one."""
    fa, fb = spelling(a), spelling(b)
    return min(len(fa), len(fb)) >= min_length and abs(len(fa) - len(fb)) <= 1 and _skeleton_key(a) == _skeleton_key(b)


def _skeleton_index(forms: list[str]) -> dict[tuple, list[str]]:
    index: dict[tuple, list[str]] = defaultdict(list)
    for form in forms:
        index[_skeleton_key(form)].append(form)
    return index


class Clusterer:
    """Joins surface forms into entities; every join records its evidence."""

    def __init__(self, rules: EntityRules):
        self.rules = rules

    def cluster(self, mentions: list[Mention], definitions: list[tuple[str, str, str]]) -> list[dict]:
        forms: dict[str, list[Mention]] = defaultdict(list)
        for mention in mentions:
            forms[mention.text].append(mention)
        label = {form: self._label(ms) for form, ms in forms.items()}
        keys = list(forms)
        union = UnionFind(keys)
        evidence: list[dict] = []

        def join(a: str, b: str, kind: str, score: float | None = None) -> None:
            if union.union(a, b):
                evidence.append({"kind": kind, "a": a, "b": b, "score": score})

        by_fold: dict[str, list[str]] = defaultdict(list)
        for form in keys:
            by_fold[fold(form)].append(form)
        for same in by_fold.values():
            for other in same[1:]:
                join(same[0], other, "spelling")
        folded = {fold(k): k for k in keys}
        for long in keys:
            short = long.rsplit(" ", 1)[0]
            if short != long and short in forms and self.rules.places.same_place(short, long):
                unit = self._unit_named(short, forms) if long[len(short) + 1 :] in self.rules.places.descriptors else None
                join(short, unit or long, "place-name")
            bare = _ARTICLE.sub("", long)
            if bare != long and fold(bare) in folded:
                join(folded[fold(bare)], long, "article")
        for kind, a, b in definitions:
            fa, fb = self._form(a, folded), self._form(b, folded)
            if fa and fb:
                join(fa, fb, kind)
        canonical_outlets = defaultdict(list)
        for form in keys:
            if any(m.source == "outlet" for m in forms[form]) or label[form] == "ORG" and self.rules.outlets.lookup(form):
                canonical_outlets[self.rules.outlets.lookup(form) or fold(form)].append(form)
        for group in canonical_outlets.values():
            for other in group[1:]:
                join(group[0], other, "outlet")
        owners: dict[str, list[str]] = defaultdict(list)
        mandates: dict[str, list[str]] = defaultdict(list)
        for form in keys:
            rest = qualified_rest(form, self.rules)
            if rest:  # a mandate ("X on A and B") names one body, a qualifier one of several
                (mandates if _PLACE_PAIR.fullmatch(form, len(rest)) else owners)[rest].append(form)
        for rest in sorted(set(owners) | set(mandates)):
            same = (owners[rest] if len(owners[rest]) == 1 else []) + mandates[rest] + ([rest] if rest in forms else [])
            for other in same[1:]:
                join(same[0], other, "qualifier")
        self._initials(keys, join, union)
        self._name_parts(keys, label, join, union)
        self._fuzzy(keys, label, join)
        return self._entities(forms, union, evidence)

    def _unit_named(self, short: str, forms: dict) -> str | None:
        """The one form "X province" (an administrative word in lower case) beside "X city": a
        text that tells the city apart names the province by the bare X."""
        units = [f"{short} {word}" for word in self.rules.places.administrative if word.islower() and f"{short} {word}" in forms]
        return units[0] if len(units) == 1 else None

    def _initials(self, keys: list[str], join, union: UnionFind) -> None:
        """An acronym no definition explains joins the one name (one entity so far) whose words'
        initials are its letters ("U.S." / "United States"), indexed by those initials."""
        by_initials: dict[str, list[str]] = defaultdict(list)
        for form in keys:
            if " " in form and not is_acronym(form):
                by_initials[name_initials(form)].append(form)
        for form in keys:
            if is_acronym(form):
                longs = [f for f in by_initials.get(re.sub(r"[^A-Z]", "", form.upper()), []) if initials_match(form, f)]
                if longs and len({union.find(f) for f in longs}) == 1 and union.find(form) != union.find(longs[0]):
                    join(longs[0], form, "acronym")

    def _form(self, written: str, folded: dict[str, str]) -> str | None:
        """The surface form a definition's written name stands for (by folded text)."""
        cleaned = clean_mention(written, 0, "ORG", self.rules)
        return folded.get(fold(cleaned[0]) if cleaned else fold(written))

    def _label(self, mentions: list[Mention]) -> str:
        votes = Counter()
        for mention in mentions:
            votes.update(mention.votes)
        return max(sorted(votes), key=lambda lab: votes[lab])

    def _name_parts(self, keys: list[str], label: dict, join, union: UnionFind) -> None:
        """People's names that are parts of one another, indexed by surname and first name.

        Two full names with the same surname join when their given names agree
        (:func:`~pipeline.rules.evidence.given_names_agree`) and no third name with that surname
        agrees with one but not the other ("J. Roe" between "Jane Roe" and "John Roe" stays
        apart). A single name joins the one fuller name ending in it (the NER often calls
        people ORG, so any person-shaped name qualifies, and any surname that is no known place),
        or, failing that, the one full name starting with it ("Jane" of "Jane Roe"); never a
        generic head word ("House" of "White House")."""
        particles = self.rules.names.particles

        def core(form: str) -> list[str]:
            return [w for w in _words(form) if w not in particles and w.rstrip("-") not in particles] or _words(form)

        def given(form: str) -> list[str]:
            words = _words(form)[:-1]
            while words and words[-1] in particles:
                words.pop()
            return words

        people = [k for k in keys if label[k] == "PERSON" or label[k] in ("ORG", "NORP") and self._person_shaped(k)]
        full = [p for p in people if len(core(p)) > 1 and not any(is_acronym(w) for w in p.split())]
        by_surname: dict[str, list[str]] = defaultdict(list)
        by_first: dict[str, list[str]] = defaultdict(list)
        for form in full:
            by_surname[core(form)[-1]].append(form)
            by_first[core(form)[0]].append(form)
        for same in by_surname.values():
            agree = {(a, b) for a in same for b in same
                     if a != b and (given_names_agree(core(a)[:-1], core(b)[:-1]) or transliterated_given(given(a), given(b)))}
            partners: dict[str, set[str]] = defaultdict(set)
            for a, b in agree:
                partners[a].add(b)
            for a, b in sorted(agree):
                if all((b, c) in agree for c in partners[a] - {b}) and all((a, c) in agree for c in partners[b] - {a}):
                    join(a, b, "name-part")
        singles = [k for k in keys if len(core(k)) == 1 and fold(k) not in self.rules.generic_heads
                   and not is_acronym(k) and (label[k] == "PERSON" or not self.rules.places.is_place(k))]
        for person in singles:
            word = core(person)[0]
            owners = by_surname.get(word) or ([f for f in by_first.get(word, []) if label[f] == "PERSON"] if label[person] == "PERSON" else [])
            if owners and len({union.find(f) for f in owners}) == 1:
                join(owners[0], person, "name-part")

    def _person_shaped(self, form: str) -> bool:
        """A multi-word name of a person's shape that is no known place and has no organisation or
    generic word, acronym or place name in it."""
        words = form.split()
        return len(words) > 1 and self.rules.names.is_person_name(form) and not self.rules.places.is_place(form) and not any(
            w.lower() in self.rules.generic_heads or is_acronym(w) or self.rules.places.is_place(w) for w in words)

    def _fuzzy(self, keys: list[str], label: dict, join) -> None:
        """Spelling variants within a label group, by vectorised ratio (blocked by first folded
        letter, so work per form is bounded by its block) and by consonant skeleton, when
        :func:`~pipeline.rules.evidence.similarity_allowed` (no acronyms, no short single words,
        differing words similar; a place's transliteration may have five letters, "Tamzit" /
        "Tamzet", and so may a place written with a letter doubled, "Tamal" / "Tammal").
        Nationalities join only singular to plural: similar ones name different peoples
        ("Nigerien" / "Nigerian")."""
        blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
        groups: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            groups[GROUP[label[key]]].append(key)
        nationalities = {fold(form): form for form in groups.pop("NORP", [])}
        for key, form in nationalities.items():
            if key + "s" in nationalities:
                join(form, nationalities[key + "s"], "spelling")
        for group, forms in groups.items():
            for form in forms:
                blocks[(group, fold(form)[:1])].append(form)
            for same in _skeleton_index(forms).values():
                for a, b in ((a, b) for x, a in enumerate(same) for b in same[x + 1 :]):
                    if self._may_join(a, b, 5 if group == "PLACE" else 6) and self._same_skeleton(a, b) and fold(a)[:2] == fold(b)[:2]:
                        join(a, b, "transliteration")
            if group == "PLACE":  # "Tamal" / "Tammal": a letter written once or twice
                doubled: dict[str, list[str]] = defaultdict(list)
                for form in forms:
                    doubled[_DOUBLED.sub(r"\1", spelling(form))].append(form)
                for same in doubled.values():
                    for other in same[1:]:
                        if self._may_join(same[0], other, 5):
                            join(same[0], other, "spelling")
        for forms in blocks.values():
            if len(forms) < 2:
                continue
            scores = process.cdist(forms, forms, scorer=fuzz.ratio, processor=spelling, score_cutoff=self.rules.fuzzy_cutoff)
            for i, j in zip(*scores.nonzero(), strict=True):
                if i < j and self._may_join(forms[i], forms[j]):
                    join(forms[i], forms[j], "fuzzy", round(float(scores[i][j]), 1))

    def _may_join(self, a: str, b: str, min_length: int = 6) -> bool:
        """Similarity may join two forms: allowed by the evidence rules (single words of
        ``min_length`` letters or more), no containment, no derived word, no generic head word
        on either side."""
        generic = self.rules.generic_heads
        return (similarity_allowed(a, b, min_length) and not self._contained(a, b) and not derived_word(a, b)
                and fold(a) not in generic and fold(b) not in generic)

    def _contained(self, a: str, b: str) -> bool:
        wa, wb = set(_words(a)), set(_words(b))
        return wa != wb and (wa <= wb or wb <= wa)

    def _same_skeleton(self, a: str, b: str) -> bool:
        return _same_skeleton(a, b, self.rules.skeleton_min_length)

    def _entities(self, forms: dict, union: UnionFind, evidence: list[dict]) -> list[dict]:
        clusters: dict[str, list[str]] = defaultdict(list)
        for form in forms:
            clusters[union.find(form)].append(form)
        evidence_of: dict[str, list[dict]] = defaultdict(list)
        for item in evidence:
            evidence_of[union.find(item["a"])].append(item)
        entities = []
        for root, members in clusters.items():
            mentions = sorted((m for f in members for m in forms[f]), key=lambda m: (m.start, -m.end))
            votes = Counter()
            for mention in mentions:
                votes.update(mention.votes)
            if any(e["kind"] == "name-part" for e in evidence_of[root]):
                votes["PERSON"] += sum(votes.values()) + 1
            counts = Counter(m.text for m in mentions)
            first = {}
            for i, mention in enumerate(mentions):
                first.setdefault(mention.text, i)
            names = [f for f in members if not (f.isupper() and len(f) <= 10)] or members
            in_body = {m.text for m in mentions if m.zone == "body"}  # the article's own name before an endnote's
            canonical = max(names, key=lambda f: (f in in_body, len(f.split()), counts[f], -first[f]))
            entities.append({
                "canonical": canonical,
                "label": max(sorted(votes), key=lambda lab: votes[lab]),
                "aliases": [{"text": t, "count": c} for t, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))],
                "mentions": [{"start": m.start, "end": m.end, "text": m.text, "zone": m.zone} for m in mentions],
                "evidence": evidence_of[root],
            })
        entities.sort(key=lambda e: e["mentions"][0]["start"])
        return entities
