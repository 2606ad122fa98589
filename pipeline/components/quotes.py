"""``ctc_quotes``: direct quotations in the body, with speaker, reporting cue and kind.

The rules are :mod:`pipeline.rules.quotes`; this module registers the factory and the extension
and sets the results on the ``Doc``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..rules.markers import MARKER
from ..rules.problems import problem
from ..rules.quotes import QuoteRules, classify, pair_quotes
from .rule_files import RuleFileComponent

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
CLIMB = ("advcl", "xcomp", "conj", "acl", "ccomp", "relcl", "parataxis")


def _span_dict(span: Span | None) -> dict | None:
    return None if span is None else {"text": span.text, "start": span.start_char, "end": span.end_char}


class QuoteFinder:
    """Finds quotations, their cues and speakers in one parsed document."""

    def __init__(self, rules: QuoteRules):
        self.rules = rules

    def cue(self, doc: Doc, sentences: Span, quote: tuple[int, int], inside: list[tuple[int, int]]) -> Token | None:
        """The reporting verb nearest the quotation, outside every quotation of the sentences."""
        candidates = [
            t for t in sentences
            if t.lower_ in self.rules.cue_forms and not any(a <= t.idx < b for a, b in inside)
            and (not doc.has_annotation("POS") or t.pos_ in ("VERB", "AUX"))
            and not (t.i >= 2 and doc[t.i - 1].text == "-" and doc[t.i - 2].lower_ == "so")
        ]
        lowered = sentences.text.lower()
        candidates += [
            t for t in sentences for phrase in self.rules.phrases
            if lowered.startswith(phrase, t.idx - sentences.start_char) and not any(a <= t.idx < b for a, b in inside)
        ]
        before = [t for t in candidates if t.idx < quote[0]]
        if before:
            return max(before, key=lambda t: t.idx)
        return min(candidates, key=lambda t: t.idx, default=None)

    def cue_span(self, doc: Doc, cue: Token) -> Span:
        """The cue as written: the verb, or the whole phrase ("According to")."""
        if not self._is_phrase(doc, cue):
            return doc[cue.i : cue.i + 1]
        text = doc.text[cue.idx :].lower()
        phrase = next(p for p in self.rules.phrases if text.startswith(p))
        return doc.char_span(cue.idx, cue.idx + len(phrase), alignment_mode="expand")

    def speaker(self, doc: Doc, cue: Token, quote: tuple[int, int], earlier: list[dict]) -> Span | None:
        """The span naming who speaks through ``cue`` (see the module docstring); ``earlier``
        holds the speakers already found, the first antecedents of a pronoun."""
        if self._is_phrase(doc, cue):
            return self._after_phrase(doc, cue)
        if doc.has_annotation("DEP"):
            head = self._subject(cue, quote) or self._adjacent_subject(doc, cue)
            if head is None:
                return None
            if head.lower_ in self.rules.pronouns:
                return self._antecedent(doc, head, earlier)
            return self._name_of(head)
        return self._shape_speaker(doc, cue)

    def _is_phrase(self, doc: Doc, cue: Token) -> bool:
        return cue.lower_ not in self.rules.cue_forms

    def _after_phrase(self, doc: Doc, cue: Token) -> Span | None:
        """The name after "according to": words up to the next comma or verb."""
        words = cue.sent[cue.i - cue.sent.start :]
        run = []
        for token in list(words)[2:]:
            if token.is_space:
                continue
            if token.text in (",", ":", ";") or not (self.rules.names.is_name_word(token.text) or token.lower_ in ("the", "of")):
                break
            run.append(token)
        return self._strip_titles(doc[run[0].i : run[-1].i + 1]) if run else None

    def _subject(self, cue: Token, quote: tuple[int, int]) -> Token | None:
        """The cue's own subject; for a participle without one, climb through the clauses it
        hangs on, taking only a name (or pronoun) there unless nothing better turns up."""
        fallback, token = None, cue
        for level in range(6):
            options = [c for c in token.children if c.dep_ in SUBJECTS and c.dep_ != "nsubjpass"]
            options += [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            options = [c for c in options if not quote[0] <= c.idx < quote[1]]
            for option in options:
                if level == 0 or option.pos_ in ("PROPN", "PRON") or option.ent_type_ in ("PERSON", "ORG", "NORP"):
                    return option
                fallback = fallback or option
            if token.dep_ not in CLIMB or token.head is token:
                break
            token = token.head
        return fallback

    def _adjacent_subject(self, doc: Doc, cue: Token) -> Token | None:
        """When the parse gives the cue no subject: the noun or name just before it, across one
        comma ("…, X Y, described" / "its spokesmen dismissed")."""
        i = cue.i - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i >= 0 and doc[i].text == ",":
            i -= 1
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
            token.pos_ == "PROPN" or token.text.lower() in self.rules.names.particles
        )

    def _strip_titles(self, span: Span) -> Span:
        start = span.start
        while start < span.end - 1 and (
            span.doc[start].text.lower() in self.rules.titles or span.doc[start].pos_ == "ADJ" or span.doc[start].dep_ == "poss"
            or span.doc[start].text in ("’s", "'s")
        ):
            start += 1
        return span.doc[start : span.end]

    def _antecedent(self, doc: Doc, pronoun: Token, earlier: list[dict]) -> Span | None:
        """The last speaker named before the pronoun, else the last person (or, for "they"/"it",
        organisation) the model found before it."""
        named = [s for s in earlier if s["end"] <= pronoun.idx]
        if named:
            return doc.char_span(named[-1]["start"], named[-1]["end"], alignment_mode="expand")
        labels = ("PERSON",) if pronoun.lower_ in ("he", "she") else ("PERSON", "ORG", "NORP")
        people = [e for e in doc.ents if e.label_ in labels and e.end_char <= pronoun.idx]
        return self._strip_titles(people[-1]) if people else None

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
        text, doc_id = doc.text, doc._.ctc_doc_id
        claims = doc._.ctc_claims or []
        quotes, problems = [], []
        for block in (b for b in doc._.ctc_blocks or [] if b["kind"] == "body"):
            pairs, unmatched = pair_quotes(text, block["start"], block["end"])
            problems.extend(
                problem("unbalanced-quote", f"quotation mark {text[i]} at offset {i} has no partner in its paragraph", i, i + 1)
                for i in unmatched
            )
            for opened, closed in pairs:
                if not text[opened + 1 : closed].strip():
                    continue
                earlier = [q["speaker"] for q in quotes if q["speaker"]]
                quotes.append(self._record(doc, text, claims, pairs, (opened, closed), f"{doc_id}:q{len(quotes) + 1}", earlier))
        return quotes, problems

    def _record(self, doc: Doc, text: str, claims: list[dict], pairs: list, marks: tuple[int, int], quote_id: str,
                earlier: list[dict]) -> dict:
        opened, closed = marks
        start = opened + 1 + len(text[opened + 1 : closed]) - len(text[opened + 1 : closed].lstrip())
        end = closed - len(text[opened + 1 : closed]) + len(text[opened + 1 : closed].rstrip())
        words = text[start:end]
        first = next((c for c in claims if c["start"] <= opened < c["end"]), None)
        last = next((c for c in claims if c["start"] <= closed < c["end"]), first)
        sentences = doc.char_span(first["start"], last["end"], alignment_mode="expand") if first else None
        inside = [(a, b + 1) for a, b in pairs]
        cue = self.cue(doc, sentences, marks, inside) if sentences is not None else None
        if cue is not None and len(words.split()) <= self.rules.scare_max_words and not self.attributed(doc, cue, marks):
            cue = None
        speaker = self.speaker(doc, cue, marks, earlier) if cue is not None else None
        quoted = doc.char_span(start, end, alignment_mode="expand")
        first_pos = quoted[0].pos_ if quoted is not None and len(quoted) else ""
        kind = classify(words, first_pos, cue is not None, self.rules)
        if kind == "scare":
            cue = speaker = None
        return {
            "id": quote_id,
            "text": words,
            "start": start,
            "end": end,
            "kind": kind,
            "cue": _span_dict(self.cue_span(doc, cue)) if cue is not None else None,
            "speaker": {**_span_dict(speaker), "entity_id": None} if speaker is not None else None,
            "claim_id": first["id"] if first else None,
            "footnotes": list(first["footnotes"]) if first else [],
        }


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
