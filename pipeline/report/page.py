"""The fact-checker's report: one document's records rendered as a self-contained HTML page.

:func:`render_report` is a pure function of the JSONL records of one document (the same dict of
record lists :func:`pipeline.engine.doc_records.records_for` returns, or :meth:`pipeline.store.folder.Store.documents`
reads back). The page shows the article's headings and paragraphs with every claim shaded by its
support, footnote markers as buttons opening the endnote with its parsed sources, quotations with
speaker and cue, entity mentions by label with a panel of entities and aliases, the problems the
pipeline reported, and a header of counts with a chart of sources by outlet.

:func:`write_reports` renders every document of an output folder into one page each.

Safety: every string that comes from the input is escaped with :func:`html.escape`; a URL becomes a
link only when it is ``http(s)``; the script only moves existing nodes and sets ``textContent``.
A Content-Security-Policy admits nothing but the page's own inline style and script (by hash), so
the page makes no network request and injected markup could not run even if escaping failed.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from html import escape
from importlib import resources
from itertools import pairwise
from pathlib import Path

from ..contract import SCHEMA_VERSION
from ..store.files import write_text_atomic
from ..store.folder import Store

TOP_PROBLEMS = ("notes-not-found",)
"""Problems about the whole document, shown at the top of the page as well as in the list."""
ARTICLE_BLOCKS = {"title": "h2", "byline": "p", "heading": "h3", "body": "p", "bio": "p"}  # the page's h1 is the header
SUPPORT_TEXT = {
    "direct": "carries its own footnote",
    "inherited": "inherits the footnote of a neighbouring sentence",
    "none": "no footnote supports it",
}
CHART_BARS = 8  # outlets drawn in the chart; the rest are summed as "other outlets"
LABEL_CLASS = re.compile(r"^[A-Z_]{1,20}$")
OLDEST_SCHEMA = (1, 2)  # the first record version that lists the markers
ARCHIVE_PAGE = "index.html"
"""The archive page's file name in a folder of reports (a document named ``index`` gets its id added)."""


class ReportError(Exception):
    """A report cannot be written as asked; the message says why, in words for a user."""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _short_id(record_id: str) -> str:
    """The part of a record id after the document id (``c4``, ``n12``, ``e8``), for DOM ids."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", record_id.rpartition(":")[2])


def _label_key(label: str) -> str:
    """The label as it may appear in a class name (anything unexpected becomes ``OTHER``)."""
    return label if LABEL_CLASS.match(label) else "OTHER"


def _label_class(label: str) -> str:
    return f"ent-{_label_key(label)}"


@dataclass(frozen=True)
class Mark:
    """An annotation of characters ``start``..``end``: opening and closing markup, its nesting
    rank (lower ranks enclose higher ones) and markup to add once after its real end."""

    start: int
    end: int
    rank: int
    open: str
    close: str
    after: str = ""
    atomic: bool = False


def clip_to_atomic(marks: list[Mark]) -> list[Mark]:
    """``marks`` with every edge that falls inside an atomic mark (a marker button, which must not
    be split in two) moved out to the atomic mark's edge; a mark left empty is dropped."""
    atoms = [m for m in marks if m.atomic]
    clipped = []
    for mark in marks:
        start, end = mark.start, mark.end
        for atom in atoms if not mark.atomic else ():
            if atom.start <= start < atom.end:
                start = atom.end
            if atom.start < end <= atom.end:
                end = atom.start
        if start < end:
            clipped.append(mark if (start, end) == (mark.start, mark.end) else replace(mark, start=start, end=end))
    return clipped


def render_span(text: str, start: int, end: int, marks: list[Mark]) -> str:
    """Escaped ``text[start:end]`` with ``marks`` as properly nested elements: where two marks
    overlap without nesting, the one of higher rank is closed and reopened around the boundary."""
    inside = [m for m in marks if m.start < end and m.end > start and m.start < m.end]
    cuts = sorted({start, end} | {max(m.start, start) for m in inside} | {min(m.end, end) for m in inside})
    out: list[str] = []
    stack: list[Mark] = []
    for a, b in pairwise(cuts):
        active = sorted((m for m in inside if m.start <= a and m.end >= b), key=lambda m: (m.rank, m.start, -m.end))
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
            keep += 1
        _close(out, stack[keep:], a)
        out.extend(m.open for m in active[keep:])
        stack = active
        out.append(escape(text[a:b], quote=False))
    _close(out, stack, end)
    return "".join(out)


def _close(out: list[str], marks: list[Mark], at: int) -> None:
    for mark in reversed(marks):
        out.append(mark.close)
        if mark.end == at:
            out.append(mark.after)


def _claim_marks(claims: list[dict]) -> list[Mark]:
    marks = []
    for claim in claims:
        notes = ", ".join(map(str, claim["footnotes"]))
        title = SUPPORT_TEXT.get(claim["support"], claim["support"]) + (f" (note {notes})" if notes else "")
        css = f"claim support-{claim['support']}" if claim["support"] in SUPPORT_TEXT else "claim"
        marks.append(Mark(claim["start"], claim["end"], 0,
                          f'<span class="{css}" id="{_short_id(claim["id"])}" title="{_e(title)}">', "</span>"))
    return marks


OPENING_MARKS, CLOSING_MARKS = "“‘«\"'", "”’»\"'"


def _quote_marks(quotes: list[dict], text: str) -> list[Mark]:
    """Quotations (widened over their quotation marks, so the speaker badge follows the closing
    one), with their speaker and cue."""
    marks = []
    for quote in quotes:
        start, end = quote["start"], quote["end"]
        start -= start > 0 and text[start - 1] in OPENING_MARKS
        end += end < len(text) and text[end] in CLOSING_MARKS
        speaker, cue = quote.get("speaker"), quote.get("cue")
        said = speaker["text"] if speaker else "unattributed"
        if cue:
            said += f" ({cue['text']})"
        badge = f'<span class="quote-by{"" if speaker else " unattributed"}">{_e(said)}</span>'
        qid = _short_id(quote["id"])
        marks.append(Mark(start, end, 1,
                          f'<span class="quote kind-{_e(quote["kind"])}" data-quote="{qid}" title="quotation: {_e(said)}">',
                          "</span>", badge))
        for part, css in ((speaker, "speaker"), (cue, "cue")):
            if part:
                marks.append(Mark(part["start"], part["end"], 2, f'<span class="{css}" data-quote="{qid}">', "</span>"))
    return marks


def _entity_marks(entities: list[dict]) -> list[Mark]:
    marks = []
    for entity in entities:
        eid, label = _short_id(entity["id"]), entity["label"]
        for mention in entity["mentions"]:
            marks.append(Mark(mention["start"], mention["end"], 3,
                              f'<span class="ent {_label_class(label)}" data-entity="{eid}" title="{_e(label)}: {_e(entity["canonical"])}">',
                              "</span>"))
    return marks


def date_title(date: dict) -> str:
    """What a date's tooltip says: its type, value and modifier, and the anchor it was resolved
    against ("DATE 2013-02 · anchor 2013 (narrative)"; "as written" when it needed none), or why
    it stays unresolved."""
    if date["value"] is None:
        return f"unresolved: {date['unresolved']}"
    mod = f" {date['mod']}" if date.get("mod") else ""
    anchor = f"anchor {date['anchor']} ({date['anchor_kind']})" if date.get("anchor") else "as written"
    return f"{date['timex_type']} {date['value']}{mod} · {anchor}"


def _date_marks(dates: list[dict]) -> list[Mark]:
    return [Mark(d["start"], d["end"], 4, f'<span class="date" title="{_e(date_title(d))}" data-value="{_e(d["value"] or "")}"'
                 f' data-anchor="{_e(d.get("anchor") or "")}">', "</span>") for d in dates]


def _marker_marks(markers: list[dict], notes_by_number: dict[int, list[dict]]) -> list[Mark]:
    marks = []
    for marker in markers:
        targets = [_short_id(note["id"]) for n in marker["numbers"] for note in notes_by_number.get(n, [])]
        missing = [str(n) for n in marker["numbers"] if n not in notes_by_number]
        css = "marker missing" if missing else "marker"
        label = f"footnote {', '.join(map(str, marker['numbers']))}" + (" (no such endnote)" if missing else "")
        marks.append(Mark(marker["start"], marker["end"], 5,
                          f'<button type="button" class="{css}" data-notes="{" ".join(targets)}" data-missing="{" ".join(missing)}" '
                          f'aria-haspopup="dialog" aria-label="{_e(label)}">', "</button>", atomic=True))
    return marks


def _field(name: str, value: object, css: str = "", flag: str = "") -> str:
    flag_html = f' <span class="flag">{_e(flag)}</span>' if flag else ""
    return f'<dt>{_e(name)}</dt><dd class="{css}">{_e(value)}{flag_html}</dd>'


def _url(url: str) -> str:
    if re.match(r"^https?://", url, re.IGNORECASE):
        return f'<a href="{_e(url)}" rel="noopener noreferrer nofollow">{_e(url)}</a>'
    return f"<code>{_e(url)}</code>"


def _source_html(source: dict, titles: dict[str, str]) -> str:
    parts = [_field("type", source["type"], "type")]
    if source["authors"]:
        parts.append(_field("authors", "; ".join(source["authors"]), "authors"))
    if source["title"]:
        parts.append(_field("title", source["title"], "title"))
    if source["outlet"]:
        canonical = source["outlet_canonical"]
        shown = source["outlet"] if not canonical or canonical == source["outlet"] else f"{canonical} (written “{source['outlet']}”)"
        parts.append(_field("outlet", shown, "outlet"))
    if source["date_raw"]:
        invalid = source["date_valid"] is False
        shown = f"{source['date']} ({source['date_raw']})" if source["date"] else source["date_raw"]
        parts.append(_field("date", shown, "date invalid" if invalid else "date", "invalid date, kept as written" if invalid else ""))
    for name in ("volume", "issue", "pages", "language"):
        if source.get(name):
            parts.append(_field(name, source[name], name))
    if source["url"]:
        parts.append(f'<dt>url</dt><dd class="url">{_url(source["url"])}</dd>')
    if source["short_form_of"]:
        target = source["short_form_of"]
        parts.append(f'<dt>short form of</dt><dd class="resolved"><a href="#{_short_id(target).split(".")[0]}">'
                     f'{_e(titles.get(target, target))}</a> <span class="flag">resolved short form</span></dd>')
    elif source["type"] == "short":
        parts.append('<dt>short form of</dt><dd class="unresolved"><span class="flag">no earlier full citation found</span></dd>')
    if source["unparsed"]:
        parts.append(_field("not parsed", source["unparsed"], "unparsed", "left unparsed"))
    return f'<dl class="source">{"".join(parts)}</dl>'


def _note_html(note: dict, text: str, marks: list[Mark], numbers: dict[str, int], titles: dict[str, str]) -> str:
    nid = _short_id(note["id"])
    flags = []
    if note["kind"] == "ibid":
        if note["refers_to"]:
            target = numbers.get(note["refers_to"], "?")
            flags.append(f'<p class="resolution">Ibid. — resolves to <a href="#{_short_id(note["refers_to"])}">note {target}</a></p>')
        else:
            flags.append('<p class="resolution unresolved"><span class="flag">Ibid. with no earlier note to refer to</span></p>')
    if not note["cited_by"]:
        flags.append('<p><span class="flag">never cited in the text</span></p>')
    if note["commentary"]:
        flags.append(f'<p class="commentary">Commentary: {_e(note["commentary"])}</p>')
    if note["pinpoint"]:
        flags.append(f'<p class="pinpoint">Pinpoint: {_e(note["pinpoint"])}</p>')
    sources = "".join(_source_html(s, titles) for s in note["sources"])
    refers = f' data-refers="{_short_id(note["refers_to"])}"' if note["refers_to"] else ""
    return (f'<li class="note kind-{_e(note["kind"])}" id="{nid}" data-n="{note["n"]}"{refers}>'
            f'<p class="raw">{render_span(text, note["start"], note["end"], marks)}</p>{"".join(flags)}{sources}</li>')


def _outlet_counts(footnotes: list[dict]) -> Counter:
    return Counter((s["outlet_canonical"] or s["outlet"] or "(no outlet)") for f in footnotes for s in f["sources"])


def _chart(outlets: Counter) -> str:
    """A horizontal bar chart of sources by outlet, as inline SVG."""
    if not outlets:
        return '<p class="chart-empty">No parsed sources.</p>'
    rows = outlets.most_common(CHART_BARS)
    rest = sum(outlets.values()) - sum(count for _, count in rows)
    if rest:
        rows.append(("other outlets", rest))
    top, bar_h, label_w, bar_w = max(c for _, c in rows), 18, 190, 160
    height = bar_h * len(rows)
    bars = []
    for i, (name, count) in enumerate(rows):
        y = i * bar_h
        width = max(2, round(bar_w * count / top))
        shown = name if len(name) <= 28 else name[:27] + "…"
        bars.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{_e(shown)}</text>'
                    f'<rect x="{label_w}" y="{y + 3}" width="{width}" height="{bar_h - 6}"><title>{_e(name)}: {count}</title></rect>'
                    f'<text x="{label_w + width + 4}" y="{y + 13}">{count}</text>')
    return (f'<svg class="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 {label_w + bar_w + 40} {height}" '
            f'width="{label_w + bar_w + 40}" height="{height}"><title id="chart-title">Sources by outlet</title>{"".join(bars)}</svg>')


def _header(document: dict, claims: list[dict], footnotes: list[dict], quotes: list[dict], entities: list[dict]) -> str:
    support = Counter(c["support"] for c in claims)
    outlets = _outlet_counts(footnotes)
    title = document["title"] or Path(document["source_path"]).name
    authors = f'<p class="authors">{_e(", ".join(document["authors"]))}</p>' if document["authors"] else ""
    counts = [
        ("claims", len(claims), "claims"),
        ("claims-direct", support["direct"], "directly sourced"),
        ("claims-inherited", support["inherited"], "inherited"),
        ("claims-none", support["none"], "unsourced"),
        ("footnotes", len(footnotes), "footnotes"),
        ("sources", sum(outlets.values()), "sources"),
        ("outlets", len(outlets), "outlets"),
        ("quotes", len(quotes), "quotes"),
        ("entities", len(entities), "entities"),
        ("problems", len(document["problems"]), "problems"),
    ]
    cells = "".join(f'<div class="count" data-count="{key}"><span class="n">{n}</span> {_e(label)}</div>' for key, n, label in counts)
    pipeline = document["pipeline"]
    alerts = "".join(f'<p class="alert" role="alert">{_e(p["message"])}</p>' for p in document["problems"] if p["code"] in TOP_PROBLEMS)
    return (f'<header><h1 class="doc-title">{_e(title)}</h1>{authors}{alerts}'
            f'<p class="provenance">{_e(document["source_path"])} · {_e(document["format"])} · document {_e(document["doc_id"])} · '
            f'{_e(pipeline["package"])} {_e(pipeline["version"])} with {_e(pipeline["spacy_model"])} {_e(pipeline["spacy_model_version"])}</p>'
            f'<div class="summary"><div class="counts">{cells}</div><figure>{_chart(outlets)}'
            f'<figcaption>Sources by outlet</figcaption></figure></div>'
            f'<div class="legend" aria-label="legend"><span class="claim support-direct">direct support</span> '
            f'<span class="claim support-inherited">inherited support</span> <span class="claim support-none">no support</span> '
            f'<span class="quote">“quotation”</span><span class="quote-by">speaker (cue)</span> '
            f'<button type="button" class="marker" tabindex="-1" disabled>[n]</button> footnote</div></header>')


def _entity_panel(entities: list[dict]) -> str:
    labels = sorted({_label_key(e["label"]) for e in entities})
    boxes = "".join(f'<label><input type="checkbox" class="label-filter" value="{label}" checked> '
                    f'<span class="ent ent-{label}">{label}</span></label>' for label in labels)
    items = []
    for entity in sorted(entities, key=lambda e: (-len(e["mentions"]), e["canonical"].casefold())):
        aliases = ", ".join(f"{a['text']} ×{a['count']}" for a in entity["aliases"])
        items.append(f'<li data-label="{_label_key(entity["label"])}"><button type="button" class="entity" aria-pressed="false" '
                     f'data-entity="{_short_id(entity["id"])}"><span class="ent {_label_class(entity["label"])}">{_e(entity["label"])}</span> '
                     f'<span class="name">{_e(entity["canonical"])}</span> <span class="mentions">{len(entity["mentions"])}</span></button>'
                     f'<div class="aliases">{_e(aliases)}</div></li>')
    return (f'<aside id="entities" aria-label="Entities"><h2>Entities</h2>'
            f'<input type="search" id="entity-filter" placeholder="Filter by name or alias" aria-label="Filter entities by name or alias">'
            f'<fieldset class="labels"><legend>Labels shown</legend>{boxes}</fieldset>'
            f'<p id="entity-status" role="status" aria-live="polite"></p><ul id="entity-list">{"".join(items)}</ul></aside>')


def _problems(document: dict, notes_by_number: dict[int, list[dict]]) -> str:
    if not document["problems"]:
        return '<section id="problems"><h2>Problems</h2><p>None reported.</p></section>'
    items = []
    for p in document["problems"]:
        note = notes_by_number.get(p["footnote"]) if p["footnote"] is not None else None
        link = f' <a href="#{_short_id(note[0]["id"])}">note {p["footnote"]}</a>' if note else ""
        items.append(f'<li><code>{_e(p["code"])}</code> {_e(p["message"])}{link}</li>')
    return f'<section id="problems"><h2>Problems</h2><ul>{"".join(items)}</ul></section>'


@cache
def _asset(name: str) -> str:
    return resources.files("pipeline.report").joinpath("assets", name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def render_report(records: dict[str, list[dict]]) -> str:
    """The report page for one document's records (see the module docstring)."""
    document = records["document"][0]
    text = document["text"]
    claims, footnotes = records.get("claim", []), records.get("footnote", [])
    quotes, dates, entities = records.get("quote", []), records.get("date", []), records.get("entity", [])
    notes_by_number: dict[int, list[dict]] = {}
    for note in footnotes:
        notes_by_number.setdefault(note["n"], []).append(note)
    marks = clip_to_atomic(_claim_marks(claims) + _quote_marks(quotes, text) + _entity_marks(entities) + _date_marks(dates)
                           + _marker_marks(document["markers"], notes_by_number))
    note_marks = _entity_marks(entities)
    article = []
    for block in document["blocks"]:
        tag = ARTICLE_BLOCKS.get(block["kind"])
        if tag:
            article.append(f'<{tag} class="block-{block["kind"]}">{render_span(text, block["start"], block["end"], marks)}</{tag}>')
    numbers = {note["id"]: note["n"] for note in footnotes}
    titles = {s["id"]: f"note {note['n']}: {s['title'] or s['raw']}" for note in footnotes for s in note["sources"]}
    titles.update({s["id"]: f"bibliography: {s['title'] or s['raw']}" for s in document.get("bibliography", [])})
    notes = "".join(_note_html(note, text, note_marks, numbers, titles) for note in footnotes)
    style, script = _asset("report.css"), _asset("report.js")
    policy = (f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; "
              "img-src data:; base-uri 'none'; form-action 'none'")
    title = document["title"] or Path(document["source_path"]).name
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(policy)}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="icon" href="data:,"><title>{_e(title)} — claims and sources</title><style>{style}</style></head>\n'
        f'<body>{_header(document, claims, footnotes, quotes, entities)}<div class="layout"><main>'
        f'<article aria-label="Article">{"".join(article)}</article>{_problems(document, notes_by_number)}'
        f'<section id="endnotes"><h2>Endnotes and parsed sources</h2><ol class="notes">{notes}</ol></section></main>'
        f'{_entity_panel(entities)}</div>'
        f'<dialog id="note-dialog" aria-labelledby="note-dialog-title"><h2 id="note-dialog-title">Footnote</h2>'
        f'<div class="dialog-body"></div><button type="button" class="close">Close</button></dialog>'
        f"<script>{script}</script></body></html>\n"
    )


def file_name(source_path: str, doc_id: str, clashing: set[str]) -> str:
    """``<input file stem>.html``, with the document id added when two inputs share a stem."""
    stem = _stem(source_path)
    return f"{stem}-{doc_id}.html" if stem in clashing else f"{stem}.html"


MAX_STEM = 100
"""Longest stem of a report's file name in characters (file systems allow 255 bytes): a longer
one is cut and given 8 hex digits of its hash, so two long names stay apart."""


def _stem(source_path: str) -> str:
    stem = re.sub(r"[^\w.-]+", "_", Path(source_path).stem).strip("._") or "document"
    if len(stem) <= MAX_STEM:
        return stem
    return f"{stem[: MAX_STEM - 9]}-{hashlib.sha256(stem.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def write_reports(outdir: Path, target: Path) -> list[Path]:
    """Render every document in the output folder ``outdir``: into the file ``target`` when it
    ends in ``.html`` (there must be exactly one document), else into the folder ``target``."""
    store = Store(outdir)
    sources = list(store.index().documents)
    single = target.suffix.lower() == ".html"
    if single and len(sources) != 1:
        raise ReportError(f"{target} names one file but {outdir} holds {len(sources)} documents; give a folder instead")
    stems = Counter(_stem(path) for path in sources)
    clashing = {stem for stem, count in stems.items() if count > 1} | {ARCHIVE_PAGE.removesuffix(".html")}
    written, pages = [], {}
    for records in store.documents():
        document = records["document"][0]
        version = tuple(int(part) for part in document["schema_version"].split(".")[:2])
        if version < OLDEST_SCHEMA:
            raise ReportError(f"{outdir} holds records of schema {document['schema_version']}, older than this "
                              f"version's {SCHEMA_VERSION}; refresh it with: ctc-pipeline run --force -o {outdir} …")
        path = target if single else target / file_name(document["source_path"], document["doc_id"], clashing)
        write_text_atomic(path, render_report(records))
        written.append(path)
        pages[document["doc_id"]] = path.name
    if not single:
        written.append(write_archive_page(outdir, target / ARCHIVE_PAGE, pages))
    return written


def write_archive_page(outdir: Path, path: Path, pages: dict[str, str]) -> Path:
    """Bring the folder's archive index up to date and render its archive page into ``path``."""
    from ..archive.index import open_index, update_index
    from ..archive.queries import overview
    from .archive_page import render_archive_page

    update_index(outdir)
    with open_index(outdir) as db:
        rows = overview(db)
    write_text_atomic(path, render_archive_page(rows, Store(outdir).errors(), pages))
    return path
