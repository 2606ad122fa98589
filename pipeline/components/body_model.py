"""``ctc_body_model``: the model's statistical components, run only on the text that needs them.

Claims, quotes and dates read body paragraphs only, so ``pipes`` (the model's components: tok2vec,
tagger, parser, attribute_ruler, lemmatizer, ner — whatever it has) run on the body blocks;
the entities stage also reads the NER's mentions in the endnotes, so ``note_pipes`` (by default
the NER, which has a tok2vec of its own in spaCy's English models) run on the endnote blocks.
Title, byline, headings, bio, boilerplate and the other zones get neither: the rules read them.

Each run of consecutive blocks of one group (with the white space between them) becomes a ``Doc``
of its own (:func:`sub_doc`: what :meth:`Span.as_doc` makes, with the sentence constraints and
the preset entities, but from the arrays); the pipes process the runs of a whole batch with
``pipe.pipe`` (a lemmatizer computes each distinct text, POS and morphology once:
:func:`lemmatize`) and their annotations (tags, POS, morphology, lemmas, dependencies, entities)
are copied back onto the tokens of the one document as arrays, so every offset is still into its
text. Tokens outside the runs keep no tag and no dependency,
and the sentence starts the rules gave them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from itertools import islice

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, SENT_START, SPACY, TAG
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

TOKEN_ATTRS = (TAG, POS, MORPH, LEMMA, ENT_IOB, ENT_TYPE, ENT_KB_ID)
LEMMA_KEYS = {"rule": (ORTH, POS, MORPH), "lookup": (ORTH,), "pos_lookup": (ORTH, POS)}
"""What a spaCy lemmatizer's lemma depends on, by mode (``rule``: the text, POS and morphology)."""
BODY, NOTES = "body", "endnote"
ASSIGNS = ["token.tag", "token.pos", "token.morph", "token.lemma", "token.dep", "token.head", "token.is_sent_start",
           "doc.ents", "token.ent_iob", "token.ent_type"]


def runs(doc: Doc, blocks: list[dict], kind: str) -> list[tuple[int, int]]:
    """Token ranges ``(start, end)`` of the runs of consecutive ``kind`` blocks of ``doc``."""
    starts = [t.idx for t in doc]
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
        todo = numpy.ones(len(doc), dtype=bool) if lemmatizer.overwrite else lemmas == 0
        for i in numpy.flatnonzero(todo).tolist():
            key = tuple(keys[i].tolist())
            if key not in known:
                known[key] = strings.add(lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = known[key]
        doc.from_array([LEMMA], lemmas)


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
    default_config={"pipes": [], "note_pipes": ["ner"]},
    requires=["doc._.ctc_blocks", "token.is_sent_start"],
    assigns=ASSIGNS,
)
def make_body_model(nlp: Language, name: str, pipes: list[str], note_pipes: list[str]) -> BodyModel:
    return BodyModel(nlp, pipes, [p for p in note_pipes if p in pipes])


class BodyModel:
    """Runs ``pipes`` of ``nlp`` (disabled there, so that they run only here) on the body blocks
    and ``note_pipes`` on the endnote blocks."""

    def __init__(self, nlp: Language, pipes: list[str], note_pipes: list[str]):
        self.nlp, self.pipes, self.note_pipes = nlp, list(pipes), list(note_pipes)
        self.lemmas: dict[tuple, int] = {}

    def _run(self, name: str, docs: list[Doc]) -> list[Doc]:
        pipe = self.nlp.get_pipe(name)
        if isinstance(pipe, Lemmatizer) and pipe.mode in LEMMA_KEYS:
            lemmatize(pipe, docs, self.lemmas)
            return docs
        return list(pipe.pipe(docs, batch_size=max(1, len(docs))))

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
                for start, end in runs(doc, doc._.ctc_blocks or [], kind):
                    todo.append((i, start, end, sub_doc(doc, head, array, start, end)))
            subs = [sub for *_, sub in todo]
            for name in names:
                subs = self._run(name, subs)
            for (i, start, end, _), sub in zip(todo, subs, strict=True):
                parts[i].append((start, end, sub))
        for i, doc in enumerate(batch):
            if parts[i]:
                copy_back(doc, parts[i])
