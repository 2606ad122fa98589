"""The archive page (``index.html`` beside the document pages): every document of an output folder
with its counts, problems and failures, linked to its page; the works cited most often; the
outlets; the people quoted most.

:func:`render_archive_page` is a pure function of :func:`pipeline.archive.queries.overview`'s rows,
the folder's failures and the document pages' file names. Like the document pages it is
self-contained, escapes every string from the input, links only ``http(s)`` URLs, and its
Content-Security-Policy admits only its own inline style — it has no script.
"""

from __future__ import annotations

from urllib.parse import quote

from .page import _asset, _csp_hash, _e, _url

ARCHIVE_STYLE = "archive.css"


def _table(caption: str, headings: tuple[str, ...], rows: list[str], empty: str) -> str:
    if not rows:
        return f'<section><h2>{_e(caption)}</h2><p>{_e(empty)}</p></section>'
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in headings)
    return (f'<section><h2>{_e(caption)}</h2><table><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></section>')


def _cells(*values: object) -> str:
    return "".join(f"<td>{v}</td>" for v in values)


def render_archive_page(overview: dict[str, list[dict]], failures: list[dict], pages: dict[str, str]) -> str:
    """The page for ``overview`` (documents, works, outlets, people), ``failures`` (the folder's
    error records) and ``pages`` (doc_id → the document page's file name, beside this page)."""
    documents = []
    for d in overview["documents"]:
        name = _e(d["title"] or d["source_path"])
        page = pages.get(d["doc_id"])
        link = f'<a href="{_e(quote(page))}">{name}</a>' if page else name
        flag = ' <span class="alert">notes not found</span>' if d["notes_not_found"] else ""
        documents.append(f'<tr>{_cells(link + flag, _e(d["source_path"]), _e(d["published"] or ""), d["claims"], d["notes"], d["sources"], d["quotes"], d["problems"])}</tr>')
    works = [f'<tr>{_cells(_url(w["url"]) if w["url"] else "", _e(w["title"] or ""), _e(w["outlet"] or ""), _e(w["date"] or ""), w["documents"], w["citations"])}</tr>'
             for w in overview["works"]]
    outlets = [f'<tr>{_cells(_e(o["outlet"]), o["citations"], o["works"], o["documents"])}</tr>' for o in overview["outlets"]]
    people = [f'<tr>{_cells(_e(p["name"]), p["quotes"], p["documents"])}</tr>' for p in overview["people"]]
    failed = [f'<tr>{_cells(_e(f["source_path"]), _e(f["stage"]), _e(f["message"]))}</tr>' for f in failures]
    style = _asset(ARCHIVE_STYLE)
    policy = f"default-src 'none'; style-src {_csp_hash(style)}; img-src data:; base-uri 'none'; form-action 'none'"
    totals = {"documents": len(overview["documents"]), "claims": sum(d["claims"] for d in overview["documents"]),
              "sources": sum(d["sources"] for d in overview["documents"]), "quotes": sum(d["quotes"] for d in overview["documents"]),
              "failures": len(failures)}
    counts = "".join(f'<div class="count" data-count="{k}"><span class="n">{n}</span> {k}</div>' for k, n in totals.items())
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{_e(policy)}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">'
        f'<title>Archive — documents, works, outlets, people</title><style>{style}</style></head>\n'
        f'<body><header><h1>Archive</h1><div class="counts">{counts}</div></header><main>'
        + _table("Documents", ("document", "source", "published", "claims", "notes", "sources", "quotes", "problems"),
                 documents, "No documents.")
        + _table("Failures", ("input", "stage", "message"), failed, "None.")
        + _table("Works cited most often", ("link", "title", "outlet", "date", "documents", "citations"), works, "No works.")
        + _table("Outlets", ("outlet", "citations", "works", "documents"), outlets, "No outlets.")
        + _table("People quoted most", ("person", "quotes", "documents"), people, "No attributed quotes.")
        + "</main></body></html>\n"
    )
