"""Direct quotations in the body, with speaker, reporting cue and kind.

Quotations are paired per paragraph (curly “…”, guillemets «…», straight "…" by position, and a
straight mark with a curly one), so an unclosed quotation mark can never swallow the rest of the
document: it is reported as an ``unbalanced-quote`` problem instead — unless the quotation runs
on into a paragraph that opens with a quotation mark (:func:`runs_on`). A quotation's
``start``/``end`` span its words, without the marks. The cue is a reporting verb
(``models/reporting.json``, by lemma or listed form) nearest the quotation in its sentence(s),
outside any quotation; the speaker is found in the parse by ``ctc_quotes`` and carried or
resolved by :mod:`pipeline.rules.attribution`.

``kind``: ``statement`` (an utterance), ``fragment`` (a few words attributed to a source) or
``scare`` (quotation marks around a term, attributed to no one); codes (:func:`is_label`) and
verbless names or titles (:func:`is_title`) are never statements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import NameShape, name_shape

OPENERS = {"“": "”", "«": "»"}
CLOSERS = {v: k for k, v in OPENERS.items()}
_MARKS = re.compile("[" + "".join(OPENERS) + "".join(CLOSERS) + '"]')


def pair_quotes(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], list[int]]:
    """Outermost quotation spans ``(open, close)`` (positions of the marks) in ``text[start:end]``
    and the positions of marks that have no partner. A straight mark may open or close a curly
    one ("…” / “…"), as mixed marks in copied text do."""
    pairs, unmatched, stack = [], [], []
    for mark in _MARKS.finditer(text, start, end):
        i, ch = mark.start(), mark.group()
        if ch in OPENERS:
            stack.append((i, OPENERS[ch]))
        elif ch in CLOSERS:
            if stack and (stack[-1][1] == ch or (ch == "”" and stack[-1][1] == '"')):
                opened, _ = stack.pop()
                if not stack:
                    pairs.append((opened, i))
            else:
                unmatched.append(i)
        elif ch == '"':
            closes_curly = stack and stack[-1][1] == "”" and i > start and not text[i - 1].isspace() and (
                i + 1 >= end or not text[i + 1].isalnum())
            if stack and (stack[-1][1] == '"' or closes_curly):
                opened, _ = stack.pop()
                if not stack:
                    pairs.append((opened, i))
            elif i + 1 < end and not text[i + 1].isspace() and (i == start or not text[i - 1].isalnum()):
                stack.append((i, '"'))
            else:
                unmatched.append(i)
    unmatched.extend(pos for pos, _ in stack)
    return pairs, sorted(unmatched)


def runs_on(text: str, unmatched: list[int], next_start: int | None) -> int | None:
    """The opening mark of a quotation that runs on into the next paragraph: the last unpaired
    mark of its paragraph opens a quotation and the next paragraph (starting at ``next_start``)
    opens with a quotation mark, as a quotation of several paragraphs is written."""
    if not unmatched or next_start is None or text[next_start : next_start + 1] not in ("“", "«", '"'):
        return None
    last = unmatched[-1]
    opening = text[last] in OPENERS or (text[last] == '"' and last + 1 < len(text) and not text[last + 1].isspace())
    return last if opening else None


@dataclass(frozen=True)
class QuoteRules:
    """Reporting verbs and the limits that tell statements, fragments and scare quotes apart."""

    cue_forms: frozenset[str]
    cue_lemmas: frozenset[str]
    particle_verbs: dict[str, str]
    naming_verbs: frozenset[str]
    phrases: tuple[str, ...]
    pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    titles: frozenset[str]
    roles: frozenset[str]
    gender: dict[str, str]
    clause_min_words: int
    scare_max_words: int
    colon_speaker_max_words: int
    continuation_max_sentence_gap: int
    blocking_deps: frozenset[str]
    noun_phrase_starts: frozenset[str]
    title_small_words: frozenset[str]
    names: NameShape

    @classmethod
    def from_data(cls, data: dict, names: dict) -> QuoteRules:
        return cls(
            cue_forms=frozenset(form for forms in data["verbs"].values() for form in forms),
            cue_lemmas=frozenset(data["verbs"]),
            particle_verbs=dict(data["particle_verbs"]),
            naming_verbs=frozenset(data["naming_verbs"]),
            phrases=tuple(p.lower() for p in data["phrases"]),
            pronouns=frozenset(data["speaker_pronouns"]),
            plural_pronouns=frozenset(data["plural_pronouns"]),
            titles=frozenset(t.lower() for t in names["titles"]),
            roles=frozenset(names["roles"]),
            gender={w.lower(): g for g, words in names["gender_words"].items() for w in words},
            clause_min_words=data["clause_min_words"],
            scare_max_words=data["scare_max_words"],
            colon_speaker_max_words=data["colon_speaker_max_words"],
            continuation_max_sentence_gap=data["continuation_max_sentence_gap"],
            blocking_deps=frozenset(data["clause_blocking_deps"]),
            noun_phrase_starts=frozenset(data["noun_phrase_starts"]),
            title_small_words=frozenset(data["title_small_words"]),
            names=name_shape(names),
        )


def is_title(words: str, rules: QuoteRules) -> bool:
    """Whether quoted words are a name, title or slogan: every word capitalised but the small
    ones ("Naval Support Activity", "Stronger Together"), no sentence punctuation inside."""
    tokens = words.strip().rstrip(",").split()
    if not tokens or re.search(r"[.!?;:]", words.strip().rstrip(".,")):
        return False
    return all(t[:1].isupper() or t[:1].isdigit() or t.lower() in rules.title_small_words for t in tokens)


def is_label(words: str) -> bool:
    """Whether quoted words are a code rather than speech: one token with digits, a handle or
    hashtag, or inner capitals ("@someone", "a1b2", "camelCase")."""
    word = words.strip().rstrip(".,")
    return " " not in word and bool(re.fullmatch(r"[@#]\w+|[\w-]*\d[\w-]*|[a-z]+[A-Z]\w*", word))


def classify(words: str, first_pos: str, attributed: bool, rules: QuoteRules) -> str:
    """``statement``, ``fragment`` or ``scare`` for the words of a quotation.

    Attributed words are a statement when they open like a sentence (a capital, three words or
    more) or form a clause of ``clause_min_words`` or more; short ones, and quoted noun phrases
    ("a choice between …"), are fragments. Unattributed words are a
    statement only as a full sentence, else scare quotes.
    """
    count = len(words.split())
    sentence = words[:1].isupper() and count >= 3
    if attributed:
        clause = count >= rules.clause_min_words and first_pos not in rules.noun_phrase_starts
        return "statement" if sentence or clause else "fragment"
    ends = bool(re.search(r"[.!?…][’'”\"]?,?$", words.strip()))
    return "statement" if sentence and ends else "scare"
