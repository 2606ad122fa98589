"""``ctc_body_model``: the model's statistical components, run only on the text that needs them.

Claims, quotes and dates read body paragraphs only, so ``pipes`` (the model's components: tok2vec,
tagger, parser, attribute_ruler, lemmatizer, ner — whatever it has) run on the body blocks;
the entities stage also reads the NER's mentions in the endnotes, so ``note_pipes`` (by default
the NER, which has a tok2vec of its own in spaCy's English models) run on the endnote blocks.
Title, byline, headings, bio, boilerplate and the other zones get neither: the rules read them.

Each run of consecutive blocks of one group (with the white space between them) becomes a ``Doc``
of its own (:func:`sub_doc`: what :meth:`Span.as_doc` makes, with the sentence constraints and
the preset entities, but from the arrays); the pipes process the runs of a whole batch with
``pipe.pipe`` (a lemmatizer computes each distinct text, POS and morphology once,
:func:`lemmatize`; an attribute ruler matches its patterns once per distinct text, tag and
dependency, :class:`AttributeTable`: the same annotations at a fraction of the cost) and their annotations (tags, POS, morphology, lemmas, dependencies, entities)
are copied back onto the tokens of the one document as arrays, so every offset is still into its
text. Tokens outside the runs keep no tag and no dependency,
and the sentence starts the rules gave them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from itertools import islice

import numpy
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_KB_ID,
    ENT_TYPE,
    HEAD,
    IDX,
    LEMMA,
    MORPH,
    ORTH,
    POS,
    SENT_START,
    SPACY,
    TAG,
)
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

from ..rules.problems import problem

TOKEN_ATTRS = (TAG, POS, MORPH, LEMMA, ENT_IOB, ENT_TYPE, ENT_KB_ID)
LEMMA_KEYS = {"rule": (ORTH, POS, MORPH), "lookup": (ORTH,), "pos_lookup": (ORTH, POS)}
"""What a spaCy lemmatizer's lemma depends on, by mode (``rule``: the text, POS and morphology)."""
LOCAL_KEYS = frozenset({"ORTH", "TEXT", "LOWER", "IS_SPACE", "TAG", "DEP"})
"""Pattern keys whose value a token's text, tag and dependency label decide."""
TOKEN_ONLY = frozenset({TAG, POS, MORPH, LEMMA, DEP})
"""Attributes set on the token alone (not on its lexeme too)."""
BODY, NOTES = "body", "endnote"
SUB_BATCH = 32
"""Sub-documents a pipe processes at once, so that a long document's runs are never one batch."""
ASSIGNS = ["token.tag", "token.pos", "token.morph", "token.lemma", "token.dep", "token.head", "token.is_sent_start",
           "doc.ents", "token.ent_iob", "token.ent_type", "doc._.ctc_model_problems"]

if not Doc.has_extension("ctc_model_problems"):
    Doc.set_extension("ctc_model_problems", default=None)


def runs(doc: Doc, blocks: list[dict], kind: str) -> list[tuple[int, int]]:
    """Token ranges ``(start, end)`` of the runs of consecutive ``kind`` blocks of ``doc``."""
    starts = doc.to_array(IDX).tolist()
    found: list[tuple[int, int]] = []
    joined = False
    for block in sorted(blocks, key=lambda b: b["start"]):
        if block["kind"] != kind:
            joined = False
            continue
        start, end = bisect_left(starts, block["start"]), bisect_left(starts, block["end"])
        if end <= start:
            continue
        if joined:
            found[-1] = (found[-1][0], end)
        else:
            found.append((start, end))
        joined = True
    return found


def note_budget(blocks: list[dict], per_body_char: float, min_chars: int) -> tuple[list[dict], list[dict]]:
    """The endnote blocks the note pipes read and those they leave: in document order, notes up
    to ``per_body_char`` times the body's length in characters and at least ``min_chars``; the
    model's work on notes is so bounded by its work on the body."""
    notes = sorted((b for b in blocks if b["kind"] == NOTES), key=lambda b: b["start"])
    budget = max(min_chars, per_body_char * sum(b["end"] - b["start"] for b in blocks if b["kind"] == BODY))
    used = 0
    for i, block in enumerate(notes):
        used += block["end"] - block["start"]
        if used > budget:
            return notes[:i], notes[i:]
    return notes, []


def budget_problem(left: list[dict], per_body_char: float, min_chars: int) -> dict:
    """The problem of the endnote blocks ``left`` that the note pipes did not read."""
    size = sum(b["end"] - b["start"] for b in left)
    return problem("notes-beyond-model", f"{len(left):,} endnotes ({size:,} characters) are beyond what the model reads in "
                   f"notes ({per_body_char:g} times the body's length, at least {min_chars:,} characters): their entities "
                   "are the note grammar's authors and outlets and names found elsewhere in the document",
                   left[0]["start"], left[-1]["end"])


def sub_doc(doc: Doc, head: tuple, array: numpy.ndarray, start: int, end: int) -> Doc:
    """Tokens ``start:end`` of ``doc`` as a ``Doc`` of their own with all their annotations
    (``head``/``array``: ``doc.to_array(doc._get_array_attrs())``), as :meth:`Span.as_doc` makes it
    but from the arrays alone (no ``Token`` objects, no span vector); an entity that the range
    cuts is left out."""
    rows = array[start:end].copy()
    column = head.index
    strings = doc.vocab.strings
    words = [strings[orth] for orth in rows[:, column(ORTH)].tolist()]
    sub = Doc(doc.vocab, words=words, spaces=rows[:, column(SPACY)].astype(bool).tolist())
    iob, entity = rows[:, column(ENT_IOB)], [column(a) for a in (ENT_IOB, ENT_TYPE, ENT_KB_ID)]
    inside = iob == 1
    if len(rows) and inside[0]:  # an entity begun before the range
        rows[: int(numpy.argmin(inside)) if not inside.all() else len(rows), entity] = 0
    if end < len(array) and array[end, column(ENT_IOB)] == 1 and len(rows):  # one that goes on after it
        begins = numpy.flatnonzero(iob == 3)
        rows[int(begins[-1]) if len(begins) else 0 :, entity] = 0
    sub.from_array(head, rows)
    return sub


def lemmatize(lemmatizer: Lemmatizer, docs: list[Doc], known: dict[tuple, int]) -> None:
    """Set the lemmas ``lemmatizer`` would set, computing each distinct key (:data:`LEMMA_KEYS`)
    once: ``known`` maps a key to its lemma over every batch."""
    attrs = LEMMA_KEYS[lemmatizer.mode]
    strings = docs[0].vocab.strings if docs else None
    for doc in docs:
        keys = doc.to_array(list(attrs)).reshape(len(doc), len(attrs))
        lemmas = doc.to_array([LEMMA])
        todo = numpy.flatnonzero(numpy.ones(len(doc), dtype=bool) if lemmatizer.overwrite else lemmas == 0)
        if not len(todo):
            continue
        unique, first, inverse = numpy.unique(keys[todo], axis=0, return_index=True, return_inverse=True)
        values = []
        for row, at in zip(unique.tolist(), first.tolist(), strict=True):
            key = tuple(row)
            if key not in known:  # the lemma of the key's first token
                known[key] = strings.add(lemmatizer.lemmatize(doc[int(todo[at])])[0])
            values.append(known[key])
        lemmas[todo] = numpy.array(values, dtype=lemmas.dtype)[inverse.reshape(-1)]
        doc.from_array([LEMMA], lemmas)


class AttributeTable:
    """An :class:`AttributeRuler`'s output, with its patterns matched once per distinct (text, tag,
    dependency) instead of once per token: a one-token pattern is decided by the token's key, and a
    pattern of more tokens (without operators) matches where each of its tokens' keys matches its
    step, found with array shifts. Later patterns win, as in the ruler. :meth:`build` gives
    ``None`` for a ruler this cannot reproduce (other pattern keys or operators, attributes of
    lexemes or extensions)."""

    def __init__(self, ruler: AttributeRuler, single: Matcher, steps: Matcher, multi: list[tuple[int, list[int]]]):
        self.ruler, self.single, self.steps, self.multi = ruler, single, steps, multi
        self.columns = sorted({attr for attrs in ruler.attrs for attr in attrs})
        self.known: dict[tuple[int, int, int], tuple[tuple[list[int], numpy.ndarray, numpy.ndarray], numpy.ndarray]] = {}

    @classmethod
    def build(cls, ruler: AttributeRuler) -> AttributeTable | None:
        if any(set(attrs) - TOKEN_ONLY for attrs in ruler.attrs):
            return None
        single, steps, multi = Matcher(ruler.vocab), Matcher(ruler.vocab), []
        for attr_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if not all(set(token) <= LOCAL_KEYS for token in pattern):
                    return None
                if len(pattern) == 1:
                    single.add(str(attr_id), [pattern])
                    continue
                first = len(steps)
                for k, token in enumerate(pattern):
                    steps.add(str(first + k), [[token]])
                multi.append((attr_id, list(range(first, first + len(pattern)))))
        return cls(ruler, single, steps, multi)

    def _learn(self, doc: Doc, rows: numpy.ndarray) -> None:
        """Match the one-token patterns and the steps on the keys ``rows`` (text, tag, dependency)
        not yet known."""
        words = [doc.vocab.strings[orth] for orth in rows[:, 0].tolist()]
        probe = Doc(doc.vocab, words=words, spaces=[True] * len(words))
        probe.from_array([TAG, DEP], rows[:, 1:])
        found: list[list[int]] = [[] for _ in words]
        for match_id, start, _ in self.single(probe, allow_missing=True, as_spans=False):
            found[start].append(int(doc.vocab.strings[match_id]))
        stepped = numpy.zeros((len(words), len(self.steps)), dtype=bool)
        for match_id, start, _ in self.steps(probe, allow_missing=True, as_spans=False):
            stepped[start, int(doc.vocab.strings[match_id])] = True
        for row, ids, steps in zip(rows.tolist(), found, stepped, strict=True):
            self.known[tuple(row)] = (self._effect(sorted(ids)), steps)

    def _effect(self, ids: list[int]) -> tuple[list[int], numpy.ndarray, numpy.ndarray]:
        """The patterns ``ids`` (in order), the values they leave and which columns they set."""
        values = numpy.zeros(len(self.columns), dtype="uint64")
        touched = numpy.zeros(len(self.columns), dtype=bool)
        for attr_id in ids:
            for attr, value in self.ruler.attrs[attr_id].items():
                values[self.columns.index(attr)], touched[self.columns.index(attr)] = value, True
        return ids, values, touched

    def _multi_matches(self, stepped: numpy.ndarray) -> dict[int, list[int]]:
        """The patterns of more tokens that apply to each token, by token index, from the steps
        each token matches (``stepped``: tokens × steps)."""
        extra: dict[int, list[int]] = {}
        for attr_id, steps in self.multi:
            size = len(steps)
            if size > len(stepped):
                continue
            begins = numpy.ones(len(stepped) - size + 1, dtype=bool)
            for k, step in enumerate(steps):
                begins &= stepped[k : len(stepped) - size + 1 + k, step]
            index = self.ruler.indices[attr_id]
            if not -size <= index < size:
                raise ValueError(f"attribute ruler pattern {attr_id} has no token {index} in a match of {size}")
            for start in numpy.flatnonzero(begins).tolist():
                extra.setdefault(start + index if index >= 0 else start + size + index, []).append(attr_id)
        return extra

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = doc.to_array([ORTH, TAG, DEP])
        unique, inverse = numpy.unique(keys, axis=0, return_inverse=True)
        rows = [tuple(row) for row in unique.tolist()]
        new = [k for k, row in enumerate(rows) if row not in self.known]
        if new:
            self._learn(doc, unique[new])
        effects = [self.known[row][0] for row in rows]
        inverse = inverse.reshape(-1)
        set_values = numpy.array([e[1] for e in effects], dtype="uint64")[inverse]
        set_where = numpy.array([e[2] for e in effects], dtype=bool)[inverse]
        values = numpy.where(set_where, set_values, doc.to_array(self.columns))
        if self.multi:
            stepped = numpy.array([self.known[row][1] for row in rows], dtype=bool)[inverse]
            for i, ids in self._multi_matches(stepped).items():
                _, assigned, touched = self._effect(sorted([*effects[inverse[i]][0], *ids]))
                values[i] = numpy.where(touched, assigned, values[i])
        doc.from_array(self.columns, values)
        return doc


def copy_back(doc: Doc, parts: list[tuple[int, int, Doc]]) -> None:
    """Set the annotations of each sub-document ``(start, end, sub)`` on ``doc``'s tokens
    ``start:end``, leaving every other token's sentence start as it was."""
    parsed = any(sub.has_annotation("DEP") for _, _, sub in parts)
    attrs = [*TOKEN_ATTRS, DEP, HEAD] if parsed else [*TOKEN_ATTRS, SENT_START]
    before = doc.to_array([SENT_START])
    values = doc.to_array(attrs)
    kept = numpy.ones(len(doc), dtype=bool)
    for start, end, sub in parts:
        values[start:end] = sub.to_array(attrs)
        kept[start:end] = not sub.has_annotation("DEP")
    doc.from_array(attrs, values)
    if parsed:  # the parse set every token's sentence start; the tokens it did not parse get theirs back
        after = doc.to_array([SENT_START])
        after[kept] = before[kept]
        doc.from_array([SENT_START], after)


@Language.factory(
    "ctc_body_model",
    default_config={"pipes": [], "note_pipes": ["ner"], "note_chars_per_body_char": 2.0, "min_note_chars": 30_000},
    requires=["doc._.ctc_blocks", "token.is_sent_start"],
    assigns=ASSIGNS,
)
def make_body_model(nlp: Language, name: str, pipes: list[str], note_pipes: list[str], note_chars_per_body_char: float,
                    min_note_chars: int) -> BodyModel:
    return BodyModel(nlp, pipes, [p for p in note_pipes if p in pipes], (note_chars_per_body_char, min_note_chars))


class BodyModel:
    """Runs ``pipes`` of ``nlp`` (disabled there, so that they run only here) on the body blocks
    and ``note_pipes`` on the endnote blocks within ``budget`` (:func:`note_budget`'s two numbers);
    endnotes beyond it are reported in ``doc._.ctc_model_problems``."""

    def __init__(self, nlp: Language, pipes: list[str], note_pipes: list[str], budget: tuple[float, int]):
        self.nlp, self.pipes, self.note_pipes, self.budget = nlp, list(pipes), list(note_pipes), budget
        self.lemmas: dict[tuple, int] = {}
        self.tables: dict[str, AttributeTable | None] = {}

    def _run(self, name: str, docs: list[Doc]) -> list[Doc]:
        pipe = self.nlp.get_pipe(name)
        if isinstance(pipe, Lemmatizer) and pipe.mode in LEMMA_KEYS:
            lemmatize(pipe, docs, self.lemmas)
            return docs
        if isinstance(pipe, AttributeRuler):
            if name not in self.tables:
                self.tables[name] = AttributeTable.build(pipe)
            if self.tables[name] is not None:
                return [self.tables[name](doc) for doc in docs]
        return list(pipe.pipe(docs, batch_size=SUB_BATCH))

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 8) -> Iterator[Doc]:
        docs = iter(docs)
        while batch := list(islice(docs, batch_size)):
            self._annotate(batch)
            yield from batch

    def _annotate(self, batch: list[Doc]) -> None:
        parts: dict[int, list[tuple[int, int, Doc]]] = {i: [] for i in range(len(batch))}
        for kind, names in ((BODY, self.pipes), (NOTES, self.note_pipes)):
            if not names:
                continue
            todo = []
            for i, doc in enumerate(batch):
                head = doc._get_array_attrs()
                array = doc.to_array(head)
                blocks = doc._.ctc_blocks or []
                if kind == NOTES:
                    blocks, left = note_budget(blocks, *self.budget)
                    doc._.ctc_model_problems = [budget_problem(left, *self.budget)] if left else []
                for start, end in runs(doc, blocks, kind):
                    todo.append((i, start, end, sub_doc(doc, head, array, start, end)))
            subs = [sub for *_, sub in todo]
            for name in names:
                subs = self._run(name, subs)
            for (i, start, end, _), sub in zip(todo, subs, strict=True):
                parts[i].append((start, end, sub))
        for i, doc in enumerate(batch):
            if parts[i]:
                copy_back(doc, parts[i])
