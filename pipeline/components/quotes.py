"""``ctc_quotes``: direct quotations in the body, with speaker, reporting cue and kind.

The pure rules are :mod:`pipeline.rules.quotes` (pairing, kinds, the lexicon) and
:mod:`pipeline.rules.attribution` (speakers carried between quotations, pronouns resolved); this
module reads the parse — cue, subject, mention — registers the factory and the extensions and
sets the results on the ``Doc``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from operator import attrgetter

import numpy
from spacy.attrs import DEP, ENT_TYPE, POS
from spacy.language import Language
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from ..rules.attribution import (
    Candidate,
    Slot,
    carry_speakers,
    gender_of,
    resolve_mention,
)
from ..rules.intervals import holding
from ..rules.markers import MARKER
from ..rules.problems import problem
from ..rules.quotes import (
    QuoteRules,
    classify,
    is_label,
    is_title,
    pair_quotes,
    runs_on,
)
from .doc_text import text_of
from .rule_files import RuleFileComponent

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# a full stop between a cue and a quotation; not the stop of "Mr.", "Sen." or an initial
SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})[.!?][’'”\"]?\s+[“\"]?[A-Z]")
CLIMB = ("advcl", "xcomp", "conj", "acl", "ccomp", "relcl", "parataxis", "pcomp", "prep")


def _span_dict(span: Span | None) -> dict | None:
    return None if span is None else {"text": span.text, "start": span.start_char, "end": span.end_char}


def _capitalised_compound(token: Token) -> bool:
    """A capitalised word the tagger did not take for a name, compounded into one ("Ilse" ADJ)."""
    return token.dep_ == "compound" and token.text[:1].isupper() and token.head.pos_ == "PROPN"


class QuoteFinder:
    """Finds quotations, their cues and speakers in one parsed document."""

    def __init__(self, rules: QuoteRules):
        self.rules = rules

    def is_cue(self, doc: Doc, token: Token, quote: tuple[int, int]) -> bool:
        """A reporting verb: by its lemma when tagged a verb, else by a listed form standing where
        a cue stands (next to the quotation, or before a colon) — the small model tags "states"
        in "Fair states" as a noun; "so-called" is no cue, a particle verb needs its particle."""
        rules = self.rules
        lemma = token.lemma_.lower() if token.pos_ in ("VERB", "AUX") else token.lower_
        if lemma not in rules.cue_lemmas and token.lower_ not in rules.cue_forms:
            return False
        if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "so":
            return False
        particle = rules.particle_verbs.get(token.lemma_.lower()) or rules.particle_verbs.get(lemma)
        if particle and not (token.i + 1 < len(doc) and doc[token.i + 1].lower_ == particle):
            return False
        if not doc.has_annotation("POS") or token.pos_ in ("VERB", "AUX"):
            return True
        if token.lower_ not in rules.cue_forms:
            return False
        after = doc[token.i + 1].text if token.i + 1 < len(doc) else ""
        return after in (":", ",") or 0 <= quote[0] - token.idx - len(token.text) <= 2 or 0 <= token.idx - quote[1] <= 3

    def cue(self, doc: Doc, text: str, sentences: Span, quote: tuple[int, int], inside: list[tuple[int, int]]) -> Token | None:
        """The reporting verb nearest before the quotation (in the same sentence: no full stop
        between them), else nearest after it, outside every quotation of the sentences
        (``text``: ``doc.text``)."""
        candidates = [t for t in sentences if not any(a <= t.idx < b for a, b in inside) and self.is_cue(doc, t, quote)]
        lowered = sentences.text.lower()
        candidates += [
            t for t in sentences for phrase in self.rules.phrases
            if lowered.startswith(phrase, t.idx - sentences.start_char) and not any(a <= t.idx < b for a, b in inside)
        ]
        before = [t for t in candidates if t.idx < quote[0] and not SENTENCE_END.search(text, t.idx, quote[0] + 2)]
        if before:
            return max(before, key=lambda t: t.idx)
        return min((t for t in candidates if t.idx > quote[1]), key=lambda t: t.idx, default=None)

    def cue_span(self, doc: Doc, cue: Token) -> Span:
        """The cue as written: the verb, or the whole phrase ("According to")."""
        if not self._is_phrase(doc, cue):
            return doc[cue.i : cue.i + 1]
        longest = max(len(p) for p in self.rules.phrases)  # every token is a character at least
        text = doc[cue.i : cue.i + longest].text.lower()
        phrase = next(p for p in self.rules.phrases if text.startswith(p))
        return doc.char_span(cue.idx, cue.idx + len(phrase), alignment_mode="expand")

    def speaker(self, doc: Doc, cue: Token, quote: tuple[int, int], candidates: list[Candidate],
                inside: list[tuple[int, int]] = ()) -> tuple[Span | None, Span | None, str]:
        """``(person, mention, attribution)`` for the speaker of ``cue``: the mention is the
        words of this sentence, outside the quotations ``inside``, that name them (a name,
        pronoun or description); the person is
        the name, or what a pronoun or description resolves to among ``candidates`` (then the
        attribution is ``pronoun``), or the mention itself when it names no one else."""
        found = self._phrase_run(doc, cue) if self._is_phrase(doc, cue) else None
        if found is not None or not doc.has_annotation("DEP"):
            found = found if found is not None or self._is_phrase(doc, cue) else self._shape_speaker(doc, cue)
            return found, found, "same-sentence"
        if self._is_phrase(doc, cue):
            head = self._phrase_object(doc, cue)
        else:
            head = self._subject(cue, [quote, *inside]) or self._inverted_subject(doc, cue, quote) or self._adjacent_subject(doc, cue)
        if head is None:
            return None, None, "same-sentence"
        if head.lower_ in self.rules.pronouns:
            return self._resolve(doc, head, doc[head.i : head.i + 1], candidates, None)
        mention = self._name_of(head)
        if head.pos_ == "NOUN" and head.lower_ in self.rules.roles and doc[mention.start].lower_ == "the" and not any(
                t.pos_ == "PROPN" for t in mention):
            return self._resolve(doc, head, mention, candidates, head.lower_)
        return (mention if head.pos_ == "PROPN" else self._person_in(mention)), mention, "same-sentence"

    def _resolve(self, doc: Doc, head: Token, mention: Span, candidates: list[Candidate], role: str | None) -> tuple[Span, Span, str]:
        plural = head.lower_ in self.rules.plural_pronouns or head.tag_ in ("NNS", "NNPS")
        found = resolve_mention(mention.start_char, plural, self.rules.gender.get(head.lower_), candidates, role)
        if found is None:
            return mention, mention, "same-sentence" if role else "pronoun"
        return doc.char_span(found.start, found.end, alignment_mode="expand"), mention, "pronoun"

    def _person_in(self, mention: Span) -> Span:
        """The person's name inside a mention ("Chargé d'Affaires Elizabeth Litchfield" →
        "Elizabeth Litchfield"), else the mention."""
        doc, people = mention.doc, []
        for token in mention:  # the entities that begin in the mention, from their tokens (not all of doc.ents)
            if token.ent_iob == 3 and token.ent_type_ == "PERSON":
                end = token.i + 1
                while end < len(doc) and doc[end].ent_iob == 1:
                    end += 1
                if end <= mention.end:
                    people.append(doc[token.i : end])
        return self._strip_titles(people[-1]) if people else mention

    def candidates(self, doc: Doc) -> list[Candidate]:
        """People and groups a later pronoun may stand for: the subjects of sentences (the
        model's people, organisations and groups, and proper names it gave no label)."""
        found = []
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "NORP") or ent.root.dep_ not in SUBJECTS:
                continue
            before = doc[ent.start - 1].text if ent.start else ""
            gender = gender_of(f"{before} {ent.text}", self.rules.gender) if ent.label_ == "PERSON" else None
            found.append(Candidate(ent.start_char, ent.end_char, ent.text, ent.label_ != "PERSON", gender))
        if doc.has_annotation("DEP"):
            rows = doc.to_array([DEP, POS, ENT_TYPE])
            subjects = (rows[:, 0] == doc.vocab.strings["nsubj"]) & (rows[:, 1] == PROPN) & (rows[:, 2] == 0)
            for i in numpy.flatnonzero(subjects).tolist():  # proper-noun subjects the NER left unlabelled
                name = self._name_of(doc[i])
                before = doc[name.start - 1].text if name.start else ""
                found.append(Candidate(name.start_char, name.end_char, name.text, False,
                                       gender_of(f"{before} {name.text}", self.rules.gender)))
        return sorted(found, key=attrgetter("start"))  # resolve_mention bisects them

    def _phrase_object(self, doc: Doc, cue: Token) -> Token | None:
        """The object of "according to" (or "in the words of") in the parse."""
        span = self.cue_span(doc, cue)
        return next((t for t in doc[span.end - 1].children if t.dep_ == "pobj"), None)

    def _phrase_run(self, doc: Doc, cue: Token) -> Span | None:
        """The name-shaped words after a cue phrase, up to a comma or a lower-case word."""
        span = self.cue_span(doc, cue)
        run = []
        for token in doc[span.end : cue.sent.end]:
            if token.is_space:
                continue
            if token.text in (",", ":", ";") or not (self.rules.names.is_name_word(token.text) or token.lower_ in ("the", "of")):
                break
            run.append(token)
        return self._strip_titles(doc[run[0].i : run[-1].i + 1]) if run else None

    def _is_phrase(self, doc: Doc, cue: Token) -> bool:
        return cue.lower_ not in self.rules.cue_forms and cue.lemma_.lower() not in self.rules.cue_lemmas

    def _subject(self, cue: Token, quoted: list[tuple[int, int]]) -> Token | None:
        """The cue's own subject outside the ``quoted`` spans; for a participle without one,
        climb through the clauses it hangs on, taking only a name (or pronoun) there unless
        nothing better turns up."""
        fallback, token = None, cue
        for level in range(6):
            options = [c for c in token.children if c.dep_ in SUBJECTS and c.dep_ != "nsubjpass"]
            options += [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            options = [c for c in options if not any(a <= c.idx < b for a, b in quoted)]
            for option in options:
                if level == 0 or option.pos_ in ("PROPN", "PRON") or option.ent_type_ in ("PERSON", "ORG", "NORP"):
                    return option
                fallback = fallback or option
            if token.dep_ not in CLIMB or token.head is token:
                break
            token = token.head
        return fallback

    def _inverted_subject(self, doc: Doc, cue: Token, quote: tuple[int, int]) -> Token | None:
        """The speaker named after a cue that follows the quotation or opens the sentence
        ("…,” responded campaign chairman X", "Continued X: “…”"), however the parse tags them:
        the last word of the noun phrase right after the cue."""
        if not (0 <= cue.idx - quote[1] <= 3 or cue.i == cue.sent.start or doc[cue.i - 1].is_punct and cue.i - 1 == cue.sent.start):
            return None
        head = None
        for token in doc[cue.i + 1 : cue.sent.end]:
            if token.is_space and "\n\n" not in token.text:
                continue
            nominal = token.pos_ in ("PROPN", "NOUN", "NUM", "ADJ", "DET") or token.text[:1].isupper() or (
                head is not None and token.lower_ in self.rules.names.particles)
            if not nominal or (head is not None and token.pos_ == "DET"):
                break
            head = token
        return head if head is not None and (head.pos_ in ("PROPN", "NOUN") or head.text[:1].isupper()) else None

    def _adjacent_subject(self, doc: Doc, cue: Token) -> Token | None:
        """When the parse gives the cue no subject: the noun or name just before it, across one
        comma and an age between commas ("…, X Y, described" / "X, 58, told" / "its spokesmen
        dismissed")."""
        i = cue.i - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i >= 0 and doc[i].text == ",":
            i -= 1
        if i >= 2 and doc[i].like_num and doc[i - 1].text == ",":
            i -= 2
        if i < 0 or doc[i].pos_ not in ("PROPN", "NOUN", "PRON") or MARKER.fullmatch(doc[i].text):
            return None
        token = doc[i]
        while token.pos_ == "PROPN" and token.dep_ in ("compound", "flat") and token.head.i > token.i and token.head.i < cue.i:
            token = token.head
        return token

    def attributed(self, doc: Doc, cue: Token, quote: tuple[int, int]) -> bool:
        """Whether the quoted words are what the cue reports: their head reaches the cue without
        passing through the subject of another clause (which makes them a term being discussed)."""
        if self._is_phrase(doc, cue) or not doc.has_annotation("DEP"):
            return True
        span = doc.char_span(quote[0] + 1, quote[1], alignment_mode="expand")
        if span is None:
            return False
        token = span.root
        for _ in range(12):
            if token == cue:
                return True
            if token.dep_ in self.rules.blocking_deps or token.head is token:
                return False
            token = token.head
        return False

    def _name_of(self, head: Token) -> Span:
        """A name for a subject token: its entity, a name in apposition, or its phrase."""
        doc = head.doc
        appositions = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if head.pos_ != "PROPN" and appositions:
            head = appositions[0]
        elif head.pos_ != "PROPN" and head.dep_ == "appos" and head.head.pos_ == "PROPN":
            head = head.head
        if head.pos_ == "PROPN":
            start = head.i
            while start > 0 and self._continues_name(doc[start - 1]):
                start -= 1
            return self._strip_titles(doc[start : head.i + 1])
        if head.dep_ in ("dobj", "pobj", "compound") and head.i + 1 < len(doc) and head.head.i < head.i:
            tokens = [t.i for t in head.lefts if t.dep_ in ("det", "poss", "amod", "compound", "nummod")] + [head.i]
        else:
            tokens = [t.i for t in head.subtree if t.dep_ not in ("punct", "appos") and not t.is_space]
        tokens = [i for i in tokens if not MARKER.fullmatch(doc[i].text)]
        span = doc[min(tokens) : max(tokens) + 1]
        cut = next((t.i for t in span if t.text == "," and t.i > head.i), None)
        return doc[span.start : cut] if cut else span

    def _continues_name(self, token: Token) -> bool:
        """Whether a token to the left of a name belongs to it ("Yusuf ag", "Salem Ould")."""
        return not token.is_space and token.text not in ("’s", "'s") and token.dep_ != "poss" and not MARKER.fullmatch(token.text) and (
            token.pos_ == "PROPN" or token.text.lower() in self.rules.names.particles or _capitalised_compound(token)
        )

    def _strip_titles(self, span: Span) -> Span:
        """The name without the titles and modifiers in front of it; a title inside a run of
        capitalised words ends what goes before it ("Treasury Secretary X Y" → "X Y")."""
        start = span.start
        while start < span.end - 1 and (
            span.doc[start].text.lower() in self.rules.titles or span.doc[start].dep_ == "poss"
            or (span.doc[start].pos_ == "ADJ" and not _capitalised_compound(span.doc[start]))
            or span.doc[start].text in ("’s", "'s")
        ):
            start += 1
        lowered = [t.text.lower() for t in span.doc[start : span.end]]
        for title in sorted(self.rules.titles, key=len, reverse=True):
            words = title.split()
            for k in range(len(lowered) - len(words) - 1, -1, -1):
                if lowered[k : k + len(words)] == words:
                    return span.doc[start + k + len(words) : span.end]
        return span.doc[start : span.end]

    def _shape_speaker(self, doc: Doc, cue: Token) -> Span | None:
        """Without a parser: the name-shaped run of words just before the cue (an appositive
        between commas skipped), else just after it."""
        sent = cue.sent
        before = [t for t in doc[sent.start : cue.i] if not t.is_space]
        if before and before[-1].text == ",":
            commas = [i for i, t in enumerate(before[:-1]) if t.text == ","]
            before = before[: commas[-1]] if commas else before
        run: list[Token] = []
        for token in reversed(before):
            if self.rules.names.is_name_word(token.text) and token.text not in (",", "’s"):
                run.insert(0, token)
            else:
                break
        if not run:
            after = [t for t in doc[cue.i + 1 : sent.end] if not t.is_space]
            for token in after:
                if not self.rules.names.is_name_word(token.text):
                    break
                run.append(token)
        while run and run[0].text.lower() in self.rules.titles:
            run = run[1:]
        return doc[run[0].i : run[-1].i + 1] if run else None

    def find(self, doc: Doc) -> tuple[list[dict], list[dict]]:
        """Quote records and unbalanced-quote problems of ``doc``."""
        text, doc_id = text_of(doc), doc._.ctc_doc_id
        claims = doc._.ctc_claims or []
        bounds = ([c["start"] for c in claims], [c["end"] for c in claims])  # claims are in order and disjoint
        blocks = [b for b in doc._.ctc_blocks or [] if b["kind"] == "body"]
        candidates = self.candidates(doc)
        genders: dict[tuple[str, ...], tuple[int, str]] = {}
        for candidate in candidates:
            _know_gender(genders, candidate)
        quotes, slots, problems, running = [], [], [], False
        for n, block in enumerate(blocks):
            pairs, unmatched = pair_quotes(text, block["start"], block["end"])
            nxt = blocks[n + 1] if n + 1 < len(blocks) else None
            runs = runs_on(text, unmatched, nxt["start"] + len(text[nxt["start"] : nxt["end"]]) - len(text[nxt["start"] : nxt["end"]].lstrip())
                           if nxt else None)
            if runs is not None:
                unmatched.remove(runs)
                pairs.append((runs, block["end"]))
            problems.extend(
                problem("unbalanced-quote", f"quotation mark {text[i]} at offset {i} has no partner in its paragraph", i, i + 1)
                for i in unmatched
            )
            for k, (opened, closed) in enumerate(pairs):
                if not text[opened + 1 : closed].strip():
                    continue
                record, slot = self._record(doc, text, claims, bounds, pairs, (opened, closed), f"{doc_id}:q{len(quotes) + 1}",
                                            candidates, n, block, running and k == 0)
                quotes.append(record)
                slots.append(slot)
                self._remember(candidates, genders, record)
            running = runs is not None
        self._carry(doc, quotes, slots)
        return quotes, problems

    def _remember(self, candidates: list[Candidate], genders: dict, record: dict) -> None:
        """A speaker found is a candidate for later pronouns, with the gender its mention tells
        or else the one the latest candidate of the same last word has (``genders``, kept by
        :func:`_know_gender`)."""
        speaker = record["speaker"]
        if speaker is None:
            return
        mention = speaker.get("mention") or speaker
        gender = gender_of(f"{mention['text']} {speaker['text']}", self.rules.gender)
        known = genders.get(tuple(speaker["text"].split()[-1:]), (0, None))[1]
        plural = mention["text"].lower() in self.rules.plural_pronouns
        candidate = Candidate(speaker["start"], speaker["end"], speaker["text"], plural, gender or known)
        insort(candidates, candidate, key=attrgetter("start"))
        _know_gender(genders, candidate)

    def _carry(self, doc: Doc, quotes: list[dict], slots: list[Slot]) -> None:
        """Quotations whose sentence names no speaker (no cue, or a cue without a subject:
        "Adding, “…”") take the one of the quotation they continue."""
        has = [q["speaker"] is not None and q["kind"] != "scare" for q in quotes]
        open_ = [q["speaker"] is None and (slot.runs_on or (q["text"][:1].isupper() and len(q["text"].split()) >= 3))
                 for q, slot in zip(quotes, slots, strict=True)]
        terms = [q["kind"] == "scare" for q in quotes]
        for i, found in enumerate(carry_speakers(slots, has, open_, self.rules.continuation_max_sentence_gap, terms)):
            if found is None:
                continue
            quote, words = quotes[i], quotes[i]["text"]
            source = quotes[found[0]]
            quoted = doc.char_span(quote["start"], quote["end"], alignment_mode="expand")
            first_pos = quoted[0].pos_ if quoted is not None and len(quoted) else ""
            quote.update(kind=classify(words, first_pos, True, self.rules), attribution=found[1],
                         speaker=dict(source["speaker"]))

    def _window(self, claims: list[dict], bounds: tuple[list[int], list[int]], text: str, opened: int,
                closed: int) -> tuple[dict | None, dict | None]:
        """The first and last sentence a quotation stands in; a quotation closed by "?" or "!"
        takes in the sentence right after it, where its post-posed cue stands ("…?" X said).
        ``bounds``: the claims' starts and ends."""
        at = holding(*bounds, opened)
        first = claims[at] if at is not None else None
        k = holding(*bounds, closed)
        last = claims[k] if k is not None else first
        if k is not None and text[closed - 1 : closed] in ("?", "!") and last["end"] <= closed + 2 and k + 1 < len(claims):
            following = claims[k + 1]
            lead = re.split(r"[“\"]", following["text"], maxsplit=1)[0]
            if following["start"] <= closed + 3 and following["paragraph"] == last["paragraph"] and 0 < len(lead.split()) <= 8:
                last = following
        return first, last

    @staticmethod
    def _sentence_start(text: str, start: int, opened: int) -> int:
        """Where the quotation's own sentence starts: after the last full stop between the start
        of the sentence the parse gives it and its opening mark (the small model joins a
        sentence to a straight-quoted one after it: ``… the piers. "We …"``)."""
        ends = [m for m in SENTENCE_END.finditer(text, start, opened + 2)]
        return ends[-1].end() - 1 - (ends[-1].group()[-2:-1] in "“\"") if ends else start

    def _colon_speaker(self, doc: Doc, sentences: Span, opened: int) -> Span | None:
        """The speaker of a quotation a colon introduces without a reporting verb: a name alone
        ("X, of the Journal: “…”"), or the subject of the clause before the colon ("X has since
        apologized: “…”")."""
        before = [t for t in doc[sentences.start : sentences.end] if t.idx < opened and not t.is_space]
        if not before or before[-1].text != ":":
            return None
        words = before[:-1]
        verbs = [t for t in words if t.pos_ in ("VERB", "AUX")]
        if verbs:
            subjects = [c for c in verbs[-1].children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "PRON", "NOUN")]
            if not subjects:
                return None
            if subjects[0].lower_ in self.rules.pronouns:
                return None
            return self._name_of(subjects[0])
        if not words or len(words) > self.rules.colon_speaker_max_words or not any(
                t.pos_ == "PROPN" or t.ent_type_ == "PERSON" for t in words):
            return None
        mention = doc[words[0].i : words[-1].i + 1]
        cut = next((t.i for t in mention if t.text == ","), None)
        return doc[mention.start : cut] if cut else mention

    def _introduced(self, doc: Doc, text: str, claims: list[dict], k: int,
                    candidates: list[Candidate]) -> tuple[Span | None, Span | None]:
        """The speaker of a sentence ending in a colon just before the quotation's own, the
        ``k``-th claim ("X continued:" / "X, of the Journal:" then the quotation)."""
        first = claims[k]
        before = claims[k - 1] if k else None
        if before is None or not before["text"].rstrip().endswith(":") or before["paragraph"] < first["paragraph"] - 1:
            return None, None
        span = doc.char_span(before["start"], before["end"], alignment_mode="expand")
        if span is None:
            return None, None
        end = before["start"] + len(before["text"].rstrip())
        cue = self.cue(doc, text, span, (end, end), [])
        if cue is not None:
            person, mention, _ = self.speaker(doc, cue, (end, end), candidates)
            return person, mention
        found = self._colon_speaker(doc, span, end)
        return found, found

    def _record(self, doc: Doc, text: str, claims: list[dict], bounds: tuple[list[int], list[int]], pairs: list,
                marks: tuple[int, int], quote_id: str, candidates: list[Candidate], paragraph: int, block: dict,
                runs: bool) -> tuple[dict, Slot]:
        """The record of the quotation ``marks`` (opened in ``block``, the ``paragraph``-th body block) and its slot."""
        opened, closed = marks
        start = opened + 1 + len(text[opened + 1 : closed]) - len(text[opened + 1 : closed].lstrip())
        end = closed - len(text[opened + 1 : closed]) + len(text[opened + 1 : closed].rstrip())
        words = text[start:end]
        first, last = self._window(claims, bounds, text, opened, closed)
        begin = self._sentence_start(text, first["start"], opened) if first else 0
        sentences = doc.char_span(begin, last["end"], alignment_mode="expand") if first else None
        inside = [(a, b + 1) for a, b in pairs]
        cue = self.cue(doc, text, sentences, marks, inside) if sentences is not None else None
        joined = words
        split = next(((a, b) for a, b in pairs if a > closed and cue is not None and closed < cue.idx < a
                      and last and b < last["end"]), None)
        if split is not None:
            joined = f"{words} {text[split[0] + 1 : split[1]].strip()}"
        elif cue is not None and len(words.split()) <= self.rules.scare_max_words and not self.attributed(doc, cue, marks):
            cue = None
        if cue is not None and cue.lemma_.lower() in self.rules.naming_verbs and is_title(words, self.rules):
            cue = None
        person, mention, attribution = self.speaker(doc, cue, marks, candidates, inside) if cue is not None else (None, None, None)
        if cue is None and sentences is not None:
            person = mention = self._colon_speaker(doc, sentences, opened)
            attribution = "colon" if person is not None else None
            if person is None and not text[first["start"] : opened].strip():
                person, mention = self._introduced(doc, text, claims, _position(bounds, first), candidates)
                attribution = "colon" if person is not None else None
        quoted = doc.char_span(start, end, alignment_mode="expand")
        first_pos = quoted[0].pos_ if quoted is not None and len(quoted) else ""
        kind = classify(joined, first_pos, cue is not None or person is not None, self.rules)
        verbless = quoted is None or not any(t.pos_ in ("VERB", "AUX") for t in quoted)
        if split is None and (is_label(words) or (is_title(words, self.rules) and verbless and doc.has_annotation("POS"))):
            kind = "scare"
        if kind == "scare":
            cue = person = mention = attribution = None
        if person is None:
            attribution = None
        record = {
            "id": quote_id,
            "text": words,
            "start": start,
            "end": end,
            "kind": kind,
            "cue": _span_dict(self.cue_span(doc, cue)) if cue is not None else None,
            "speaker": {**_span_dict(person), "entity_id": None, "mention": _span_dict(mention)} if person is not None else None,
            "attribution": attribution,
            "claim_id": first["id"] if first else None,
            "footnotes": list(first["footnotes"]) if first else [],
        }
        sentence = _position(bounds, first) + (begin > first["start"]) if first else -1  # a joined sentence counts on
        lead = text[begin:opened].strip() if first else ""
        opens_paragraph = not text[block["start"] : opened].strip()
        return record, Slot(paragraph, sentence, not lead, opens_paragraph, runs, _position(bounds, last) if last else sentence)


for _name in ("ctc_quotes", "ctc_quote_problems"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory(
    "ctc_quotes",
    default_config={"rules_path": None, "names_path": None},
    requires=["doc._.ctc_doc_id", "doc._.ctc_blocks", "doc._.ctc_claims", "doc.ents", "token.pos", "token.dep"],
    assigns=["doc._.ctc_quotes", "doc._.ctc_quote_problems"],
)
def make_quotes(nlp: Language, name: str, rules_path: str | None, names_path: str | None) -> Quotes:
    return Quotes({"reporting.json": rules_path, "names.json": names_path})


class Quotes(RuleFileComponent):
    """Thin wrapper around :meth:`QuoteFinder.find`."""

    def compile(self, data: dict) -> None:
        self.finder = QuoteFinder(QuoteRules.from_data(data["reporting.json"], data["names.json"]))

    def __call__(self, doc: Doc) -> Doc:
        doc._.ctc_quotes, doc._.ctc_quote_problems = self.finder.find(doc)
        return doc


def _position(bounds: tuple[list[int], list[int]], claim: dict) -> int:
    """The index of ``claim`` among the claims whose starts and ends are ``bounds`` (in order, disjoint)."""
    return bisect_left(bounds[0], claim["start"])


def _know_gender(genders: dict[tuple[str, ...], tuple[int, str]], candidate: Candidate) -> None:
    """Keep in ``genders``, by last word, the gender of the latest candidate (by position, the
    later added of two at one place) that has one."""
    if candidate.gender:
        key = tuple(candidate.text.split()[-1:])
        if key not in genders or candidate.start >= genders[key][0]:
            genders[key] = (candidate.start, candidate.gender)
