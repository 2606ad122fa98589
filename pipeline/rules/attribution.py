"""Speakers carried between quotations, and pronouns resolved to people — pure rules over plain
positions, so they are tested on tiny tables.

A quotation whose own sentence names no speaker takes the speaker of the quotation just before
it (:func:`carry_speakers`) when the layout says it goes on speaking:

- ``previous-sentence``: the same paragraph, the quotation opening a later sentence (at most
  ``max_gap`` sentences on) — ``“…,” said X. “The market…”``;
- ``continued-paragraph``: the quotation opening the next paragraph, or a quotation of several
  paragraphs running on — news style gives a new speaker a new attribution, so an unattributed
  quotation at a paragraph's start continues the last one.

A pronoun or a description ("the spokesman") is resolved by :func:`resolve_mention` to the most
recent earlier candidate (a speaker, or a person who is a sentence's subject) of the same number
and, where titles or earlier pronouns tell it, the same gender; nothing compatible leaves it
unresolved.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    """Where a quotation stands: its paragraph and sentence numbers (of its first and last
    sentence), whether it opens its sentence or paragraph, and whether it continues a quotation
    running on from the paragraph before."""

    paragraph: int
    sentence: int
    opens_sentence: bool
    opens_paragraph: bool
    runs_on: bool = False
    last_sentence: int | None = None


def carry_speakers(slots: list[Slot], has_speaker: list[bool], open_: list[bool], max_gap: int,
                   terms: list[bool] | None = None) -> list[tuple[int, str] | None]:
    """For each quotation without a speaker that is ``open_`` to one (its sentence has no cue,
    it reads as speech): ``(index of the quotation it continues, attribution)``, else ``None``.
    The quotation continued is the nearest before it that is not one of the ``terms`` (a title
    or term in quotation marks, as in ``“…,” X told “Morning Harbour.” “…”``, speaks for no one
    and breaks no chain). A carried speaker may be carried again."""
    terms = terms or [False] * len(slots)
    known = list(has_speaker)
    carried: list[tuple[int, str] | None] = [None] * len(slots)
    for i, slot in enumerate(slots):
        j = next((j for j in range(i - 1, -1, -1) if not terms[j]), None)
        if known[i] or not open_[i] or j is None or not known[j]:
            continue
        before = slots[j]
        if slot.runs_on or (slot.paragraph == before.paragraph + 1 and slot.opens_paragraph):
            carried[i] = (j, "continued-paragraph")
        elif slot.paragraph == before.paragraph and slot.opens_sentence and 0 < slot.sentence - (
                before.sentence if before.last_sentence is None else before.last_sentence) <= max_gap:
            carried[i] = (j, "previous-sentence")
        known[i] = carried[i] is not None
    return carried


@dataclass(frozen=True)
class Candidate:
    """Someone a pronoun may stand for: where they are named, their words, how many
    (``plural``) and their gender where known (``None``)."""

    start: int
    end: int
    text: str
    plural: bool
    gender: str | None


def _start(candidate: Candidate) -> int:
    return candidate.start


def resolve_mention(position: int, plural: bool, gender: str | None, candidates: list[Candidate],
                    role: str | None = None) -> Candidate | None:
    """The most recent candidate named before ``position`` that agrees in number and does not
    contradict ``gender``; for a description, one whose words hold the same ``role`` word.
    ``candidates`` are in order of ``start`` (of two at one place, the one added first wins);
    the search starts at ``position`` by bisection and walks back until one agrees."""
    at = bisect_left(candidates, position, key=_start)
    while at > 0:
        first = bisect_left(candidates, candidates[at - 1].start, 0, at, key=_start)
        for candidate in candidates[first:at]:
            if candidate.end > position or candidate.plural != plural or (gender and candidate.gender and candidate.gender != gender):
                continue
            if role is not None and role not in candidate.text.lower().split():
                continue
            return candidate
        at = first
    return None


def gender_of(words: str, table: dict[str, str]) -> str | None:
    """The gender the words tell by a title or role ("Mrs.", "spokesman"), else ``None``."""
    found = {table[w] for w in words.lower().split() if w in table}
    return found.pop() if len(found) == 1 else None
