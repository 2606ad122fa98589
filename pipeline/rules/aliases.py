"""Named entities of the body and endnotes, their aliases clustered into one record each.

Mentions come from the model's NER, corrected by rules that generalise: endnote authors are
people and outlets organisations (the citation parser knows them); every occurrence of an acronym
defined in the text ("Front for the Liberation of Tadamakat (FLT)") is a mention, and so is the
same acronym in another language's letter order (FTL for the French name); "(also known as X)" adds X; titles
("President", "Colonel"), a leading "the" and a possessive "’s" are not part of a name.

Each distinct surface form gets a label by vote over its mentions: the NER's label, plus GPE
votes for a known city or country (:mod:`pipeline.rules.places`) and for a place context ("the town
of X", "in X"). Forms are then joined, strongest evidence first, and every join is recorded:

- ``acronym`` / ``alias``: a definition in the text; ``outlet``: the outlet table;
- ``name-part``: a surname (or "ag"/"al-"/"Ould" name) matching the last name of one fuller name,
  or two full names sharing a last name whose other parts match;
- ``fuzzy``: ``rapidfuzz.process.cdist`` with ``fuzz.ratio`` (vectorised, blocked by label) on
  accent-, case- and punctuation-folded forms — spelling variants and transliterations;
- ``transliteration``: the same consonant skeleton, first letter and length within one.

Containment is never fuzzy: a form whose words are a subset of another's ("Amesrar" /
"Amesrar Region", "the Front" / "the Front for the Liberation of Tadamakat") joins it only through a definition or
a name-part rule; forms of different label groups join only through a definition.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

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
    organisation_words: frozenset[str]
    names: NameShape
    places: PlaceNames
    outlets: OutletTable
    context: re.Pattern
    name_left: re.Pattern
    name_right: re.Pattern
    country_stems: frozenset[str]

    @classmethod
    def build(cls, settings: dict, names: dict, places: PlaceNames, outlets: OutletTable, organisation_words: list[str]) -> EntityRules:
        contexts = "|".join(re.escape(c) for c in places.contexts)
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
            organisation_words=frozenset(organisation_words),
            names=name_shape(names),
            places=places,
            outlets=outlets,
            context=re.compile(rf"\b(?:{contexts})\s+(?:the\s+)?{conjunct}$", re.IGNORECASE),
            name_left=re.compile(rf"((?:{word}\s+)+)({particle}\s+)$"),
            name_right=re.compile(rf"\s+({particle}\s+)?({word})"),
            country_stems=frozenset(c[:-1] for c in places.country_keys if len(c) >= 4),
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


def clean_mention(text: str, start: int, label: str, rules: EntityRules) -> tuple[str, int] | None:
    """Strip a leading "the", titles (people only), markers and a possessive; ``None`` if nothing
    name-like is left."""
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
    text = re.sub(r"\s*[’']s?$", "", text).rstrip(" ,.;:")
    if not text or not (text[0].isupper() or text[0].isdigit() or text[:3].lower() in ("al-", "el-", "ag ")):
        return None
    return text, start


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


def endnote_variants(text: str, blocks: list[dict], mentions: list[Mention], rules: EntityRules) -> list[tuple[Mention, str, str]]:
    """Names in endnotes the NER skipped (headlines, French titles) that spell a known name:
    capitalised runs of one to three words, after an optional elided article ("d’Tinzérit"),
    matched by ``fuzz.ratio`` or consonant skeleton; returns (mention, form matched, evidence)."""
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
                        candidates.append((start, end, text[start:end].rstrip("’'")))
    if not candidates or not heads:
        return []
    targets = list(heads)
    skeletons = _skeleton_index(targets)
    scores = process.cdist([c[2] for c in candidates], targets, scorer=fuzz.ratio, processor=fold, score_cutoff=rules.fuzzy_cutoff)
    best_columns = scores.argmax(axis=1)
    found = []
    for (start, end, surface), row, best in zip(candidates, scores, best_columns, strict=True):
        target = targets[best]
        kind = "fuzzy" if row[best] >= rules.fuzzy_cutoff and len(surface) >= 5 else None
        if kind is None:
            same = [t for t in skeletons.get(_skeleton_key(surface), []) if _same_skeleton(surface, t, rules.skeleton_min_length)]
            target, kind = (same[0], "transliteration") if same else (None, None)
        if kind and len(surface.split()) == len(target.split()) and not derived_word(surface, target):
            label = next(m.label for m in mentions if m.text == heads[target])
            found.append((Mention(start, start + len(surface), surface, label, "endnotes", "variant", Counter({label: 1})), heads[target], kind))
    return found


def _particle_name(text: str, rules: EntityRules) -> bool:
    """A person's name with a particle inside ("Yusuf ag Haddou"), whatever the NER called it."""
    words = text.split()
    return len(words) > 2 and rules.names.is_person_name(text) and any(w.lower() in rules.names.particles for w in words[1:-1])


def expand_name(text: str, start: int, end: int, label: str, rules: EntityRules) -> tuple[int, int]:
    """Widen a mention the NER cut short: a person's name across lower-case particles ("Yusuf ag
    Haddou", "Ibrahim Ag Assaleh"); a name with the natural feature or descriptor that follows it
    ("Tinzerit mountains", "Amesrar city", "Amesrar region")."""
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
            extra.group(1) in places.descriptors or extra.group(1) in places.administrative)):
        end += extra.end()
    return start, end


def _vote(mention: Mention, text: str, rules: EntityRules) -> None:
    """A mention's label votes: its source's label; GPE for known places, place contexts and names
    with a place descriptor ("X city", "X Region"); LOC for a name with a natural feature; NORP
    for a word formed from a country's name ("Chadian", "Somalis"); PERSON for a name with an
    inner particle ("Yusuf ag Haddou") or a title in front ("Colonel X")."""
    weight = rules.endnote_vote_weight if mention.source in ("author", "outlet") else 1
    mention.votes[mention.label] += weight
    words = mention.text.split()
    places = rules.places
    if mention.source == "ner" and len(words) > 1 and words[-1] in places.natural_features:
        mention.votes["LOC"] += 3
    if mention.source == "ner" and len(words) > 1 and (words[-1] in places.descriptors or words[-1] in places.administrative):
        mention.votes["GPE"] += 3
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
    if mention.source == "ner" and mention.label == "PERSON" and rules.context.search(text[max(0, mention.start - 60) : mention.start]):
        mention.votes["GPE"] += 3


def _words(form: str) -> list[str]:
    return fold(form).split()


def derived_word(a: str, b: str) -> bool:
    """Whether one folded form extends the other by letters other than a plural "s" ("Chad" /
    "Chadian", "Africa" / "African", "Oman" / "Omani"): a different word, never a spelling."""
    fa, fb = sorted((fold(a), fold(b)), key=len)
    return fb.startswith(fa) and fb != fa and fb != fa + "s"


def _skeleton(form: str) -> str:
    return re.sub(r"[aeiouy\s]", "", fold(form))


def _skeleton_key(form: str) -> tuple[str, str, int]:
    folded = fold(form)
    return _skeleton(form), folded[:1], len(folded.split())


def _same_skeleton(a: str, b: str, min_length: int) -> bool:
    """Transliteration variants: same consonants, first letter and word count, length within one."""
    fa, fb = fold(a), fold(b)
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
                join(short, long, "place-name")
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
        self._name_parts(keys, label, join, union)
        self._fuzzy(keys, label, join)
        return self._entities(forms, union, evidence)

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
        """Surname → the one fuller name ending in it (the NER often calls people ORG, so any
        person-shaped name qualifies, and any surname that is no known place); and two full
        names labelled PERSON that share a last name and whose other parts match."""
        particles = self.rules.names.particles
        people = [k for k in keys if label[k] == "PERSON" or label[k] in ("ORG", "NORP") and self._person_shaped(k)]

        def core(form: str) -> list[str]:
            return [w for w in _words(form) if w not in particles and w.rstrip("-") not in particles] or _words(form)

        full = [p for p in people if len(core(p)) > 1]
        full_people = [f for f in full if label[f] == "PERSON"]
        for i, a in enumerate(full_people):
            for b in full_people[i + 1 :]:
                ca, cb = core(a), core(b)
                if ca[-1] != cb[-1] or ca == cb:
                    continue
                rest_a, rest_b = " ".join(ca[:-1]), " ".join(cb[:-1])
                if set(ca) <= set(cb) or set(cb) <= set(ca) or fuzz.partial_ratio(rest_a, rest_b) >= 70:
                    join(a, b, "name-part")
        singles = [k for k in keys if len(core(k)) == 1 and (label[k] == "PERSON" or not self.rules.places.is_place(k))]
        for person in singles:
            owners = [f for f in full if core(f)[-1] == core(person)[0]]
            if owners and len({union.find(f) for f in owners}) == 1:
                join(owners[0], person, "name-part")

    def _person_shaped(self, form: str) -> bool:
        """A multi-word name of a person's shape that is no known place and has no organisation word."""
        words = form.split()
        return len(words) > 1 and self.rules.names.is_person_name(form) and not self.rules.places.is_place(form) and not any(
            w.lower() in self.rules.organisation_words for w in words)

    def _fuzzy(self, keys: list[str], label: dict, join) -> None:
        """Spelling variants within a label group, by vectorised ratio and consonant skeleton.
        Nationalities join only singular to plural: similar ones name different peoples
        ("Nigerien" / "Nigerian")."""
        blocks: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            blocks[GROUP[label[key]]].append(key)
        nationalities = {fold(form): form for form in blocks.pop("NORP", [])}
        for key, form in nationalities.items():
            if key + "s" in nationalities:
                join(form, nationalities[key + "s"], "spelling")
        for forms in blocks.values():
            if len(forms) < 2:
                continue
            scores = process.cdist(forms, forms, scorer=fuzz.ratio, processor=fold, score_cutoff=self.rules.fuzzy_cutoff)
            pairs = {(i, j, "fuzzy") for i, j in zip(*scores.nonzero(), strict=True) if i < j}
            position = {form: i for i, form in enumerate(forms)}
            for group in _skeleton_index(forms).values():
                pairs |= {tuple(sorted((position[a], position[b]))) + ("transliteration",) for a in group for b in group if a != b}
            for i, j, kind in sorted(pairs):
                a, b = forms[i], forms[j]
                if self._contained(a, b) or derived_word(a, b) or re.sub(r"\D", "", a) != re.sub(r"\D", "", b):
                    continue
                if kind == "fuzzy" and min(len(a), len(b)) >= 4:
                    join(a, b, "fuzzy", round(float(scores[i][j]), 1))
                elif kind == "transliteration" and self._same_skeleton(a, b):
                    join(a, b, "transliteration")

    def _contained(self, a: str, b: str) -> bool:
        wa, wb = set(_words(a)), set(_words(b))
        return wa != wb and (wa <= wb or wb <= wa)

    def _same_skeleton(self, a: str, b: str) -> bool:
        return _same_skeleton(a, b, self.rules.skeleton_min_length)

    def _entities(self, forms: dict, union: UnionFind, evidence: list[dict]) -> list[dict]:
        clusters: dict[str, list[str]] = defaultdict(list)
        for form in forms:
            clusters[union.find(form)].append(form)
        entities = []
        for members in clusters.values():
            mentions = sorted((m for f in members for m in forms[f]), key=lambda m: m.start)
            votes = Counter()
            for mention in mentions:
                votes.update(mention.votes)
            member_set = set(members)
            if any(e["kind"] == "name-part" and e["a"] in member_set for e in evidence):
                votes["PERSON"] += sum(votes.values()) + 1
            counts = Counter(m.text for m in mentions)
            names = [f for f in members if not (f.isupper() and len(f) <= 10)] or members
            canonical = max(names, key=lambda f: (len(f.split()), counts[f], -mentions.index(next(m for m in mentions if m.text == f))))
            entities.append({
                "canonical": canonical,
                "label": max(sorted(votes), key=lambda lab: votes[lab]),
                "aliases": [{"text": t, "count": c} for t, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))],
                "mentions": [{"start": m.start, "end": m.end, "text": m.text, "zone": m.zone} for m in mentions],
                "evidence": [e for e in evidence if e["a"] in member_set],
            })
        entities.sort(key=lambda e: e["mentions"][0]["start"])
        return entities
