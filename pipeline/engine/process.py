"""Processing texts into records: one document (:func:`process`, the public API) or a batch that
survives the failure of any one document (:func:`process_batch`, used by batch runs).

Components raise, the spaCy way: a library user calling ``nlp(text)`` or :func:`process` sees the
exception. A batch installs an error handler for its duration; a document on which a component
fails comes back as an error record naming the component, and the others go on. (spaCy 3.8's
parser and NER refuse ``set_error_handler``, so the handler is the pipeline's default one, which
every component without its own uses; should a statistical component raise, the batch is redone
one document at a time, component by component.)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..components import segmenter  # noqa: F401 - registers doc._.ctc_metadata and doc._.ctc_hints
from ..components.doc_text import keep_text
from ..contract import SCHEMA_VERSION
from ..ingest.read import InputError, SourceDocument, make_document
from ..rules.markers import MARKER_PATTERN
from . import DEFAULT_MODEL
from .build import build_pipeline
from .doc_records import layout_rules, pipeline_info, records_for

MAX_UNBROKEN_CHARS = 300
"""The longest stretch without a space the tokenizer is given whole. spaCy's tokenizer takes time
superlinear in such a stretch (markers glued together, brackets nested thousands deep, a line of
quotation marks), so a longer one is cut where word characters meet others and each piece is
tokenised alone (the development set's longest stretch is under 150 characters)."""
MAX_PUNCTUATION_RUN = 100
"""In a stretch so cut, a run of more punctuation than this (characters neither word nor space)
is one token, never tokenised."""
_UNBROKEN = re.compile(rf"\S{{{MAX_UNBROKEN_CHARS + 1},}}")
_PIECE = re.compile(rf"(?P<markers>(?:{MARKER_PATTERN}){{2,}})|{MARKER_PATTERN}|\w+|(?P<punctuation>(?:(?!{MARKER_PATTERN})[^\w\s])+)")

Records = dict[str, list[dict]]
"""Plain records of one document by type (document, claim, footnote, date, quote, entity), as in the JSONL."""


@cache
def default_pipeline() -> Language:
    """The default pipeline (the English model and every component), loaded once per process."""
    return build_pipeline(DEFAULT_MODEL)


def source_id(source: SourceDocument) -> str:
    """The ``doc_id`` of a document read from ``source``: 16 hex digits of the SHA-256 of its
    source path and its text, so identical texts at two paths are two documents."""
    return hashlib.sha256(f"{source.source_path}\n{source.text}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def make_doc(nlp: Language, source: SourceDocument) -> Doc:
    """The tokenised ``Doc`` of ``source``, carrying its id (:func:`source_id`) and what its
    markup says for the components: ``doc._.ctc_metadata`` (title, authors, published) and
    ``doc._.ctc_hints`` (headings, italics), and its text (:func:`keep_text`: tokenising keeps it)."""
    doc = keep_text(tokenize(nlp, source.text), source.text)
    doc._.ctc_doc_id = source_id(source)
    doc._.ctc_metadata = source.metadata
    doc._.ctc_hints = source.hints
    return doc


def tokenize(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, except that a stretch of more than :data:`MAX_UNBROKEN_CHARS`
    characters without a space is tokenised piece by piece: footnote markers (one token each, so
    ``ctc_markers`` need not merge them, and a run of markers with nothing between them one token
    in all), words, and the punctuation between them (a run longer than
    :data:`MAX_PUNCTUATION_RUN` being one token). The text is unchanged."""
    stretches = list(_UNBROKEN.finditer(text))
    if not stretches:
        return nlp.make_doc(text)
    words: list[str] = []
    spaces: list[bool] = []
    made: dict[str, list[tuple[str, bool]]] = {}  # a piece that repeats is tokenised once

    def add(piece: str) -> None:
        if piece not in made:
            made[piece] = [(token.text, bool(token.whitespace_)) for token in nlp.make_doc(piece)]
        for word, spaced in made[piece]:
            words.append(word)
            spaces.append(spaced)

    at = 0
    for stretch in stretches:
        if at < stretch.start():
            add(text[at : stretch.start()])
        for piece in _PIECE.finditer(stretch.group()):
            if piece.group("markers") or piece.group("punctuation") and len(piece.group()) > MAX_PUNCTUATION_RUN:
                words.append(piece.group())
                spaces.append(False)
            else:
                add(piece.group())
        spaces[-1] = text.startswith(" ", stretch.end())
        at = stretch.end() + spaces[-1]
    if at < len(text):
        add(text[at:])
    return Doc(nlp.vocab, words=words, spaces=spaces)


def process(data: bytes | str, name: str = "<text>", nlp: Language | None = None, max_chars: int | None = None,
            fmt: str | None = None, published: str | None = None) -> Records:
    """Records of one input: ``data`` as bytes or text, in the format ``fmt`` (``txt``, ``md``,
    ``html``) or else the one ``name``'s suffix says (anything unknown is plain text);
    ``published`` overrides the document's own publication date. Raises :class:`InputError` for
    input that cannot be read, and any component's exception."""
    nlp = nlp or default_pipeline()
    source = make_document(data.encode("utf-8") if isinstance(data, str) else data, name, max_chars, layout_rules(nlp),
                           fmt, published)
    return records_for(nlp(make_doc(nlp, source)), source, pipeline_info(nlp))


def error_record(source_path: str, stage: str, error: str, message: str, sha256: str | None = None) -> dict:
    """The errors.jsonl entry of an input that failed: where, in which stage, why; ``sha256`` of
    its bytes when they could be read."""
    return {"type": "error", "schema_version": SCHEMA_VERSION, "source_path": source_path, "sha256": sha256, "stage": stage,
            "error": error, "message": message[:500]}


def failed_result(source: SourceDocument, stage: str, error: str, message: str) -> tuple[SourceDocument, None, dict]:
    """The ``(source, None, error record)`` result of a document that failed outside its components."""
    return source, None, error_record(source.source_path, stage, error, message, source.sha256)


def batches(sources: Iterator[SourceDocument], size: int) -> Iterator[list[SourceDocument]]:
    """``sources`` in lists of ``size`` (the last may be shorter)."""
    batch: list[SourceDocument] = []
    for source in sources:
        batch.append(source)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def process_batch(nlp: Language, sources: list[SourceDocument], info: dict | None = None) -> list[tuple[SourceDocument, Records | None, dict | None]]:
    """``(source, records, None)`` or ``(source, None, error record)`` for each of ``sources``, in order."""
    failures: dict[int, tuple[str, Exception]] = {}

    def record_failure(name: str, component: object, docs: list, error: Exception) -> None:
        for doc in docs:
            failures[doc._context] = (name, error)

    info = info or pipeline_info(nlp)
    handler, nlp.default_error_handler = nlp.default_error_handler, record_failure
    try:
        made = ((make_doc(nlp, s), i) for i, s in enumerate(sources))
        docs = {i: doc for doc, i in nlp.pipe(made, as_tuples=True, batch_size=max(1, len(sources)))}
    except Exception:  # noqa: BLE001 - a component with its own error handler raised: find which, alone
        failures.clear()
        docs = {i: doc for i, s in enumerate(sources) if (doc := _alone(nlp, s, i, failures)) is not None}
    finally:
        nlp.default_error_handler = handler
    return [_result(source, docs.get(i), failures.get(i), info) for i, source in enumerate(sources)]


def _alone(nlp: Language, source: SourceDocument, i: int, failures: dict):
    """``source`` through each component in turn; the first that raises goes to ``failures[i]``."""
    doc = make_doc(nlp, source)
    for name, component in nlp.pipeline:
        try:
            doc = component(doc)
        except Exception as err:  # noqa: BLE001 - recorded as this document's failure
            failures[i] = (name, err)
            return None
    return doc


def _result(source: SourceDocument, doc, failure: tuple[str, Exception] | None, info: dict) -> tuple:
    if failure is not None or doc is None:
        stage, error = failure or ("pipeline", RuntimeError("the pipeline returned no document"))
        return source, None, error_record(source.source_path, stage, type(error).__name__, str(error), source.sha256)
    try:
        return source, records_for(doc, source, info), None
    except Exception as err:  # noqa: BLE001 - one document's records must not stop the batch
        return source, None, error_record(source.source_path, "records", type(err).__name__, str(err), source.sha256)


__all__ = ["MAX_PUNCTUATION_RUN", "MAX_UNBROKEN_CHARS", "InputError", "Records", "batches", "default_pipeline", "error_record", "failed_result",
           "make_doc", "process", "process_batch", "source_id", "tokenize"]
