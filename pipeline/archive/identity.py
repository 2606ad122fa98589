"""Cross-article identity: which cited sources are one work, which entities one archive entity.

Works. Sources with the same normalised URL (scheme, ``www.``, fragment, tracking parameters and
a trailing slash dropped) are one work. Without a URL, sources are blocked by their folded title
(at least :data:`MIN_TITLE_WORDS` words, so "Interview" or "Statement" never joins anything) and
join a work only when nothing they say contradicts it: the same outlet or none, the same date at
the precision both give ("2013" agrees with "2013-01-10") or none, a shared author surname or no
authors. A short form is the work of the source it shortens. Candidates are taken in a fixed order,
each joining the first compatible work, so the result never depends on the order of joins.

Archive entities. Entities of the same kind (people, organisations, places, groups, events) are
one archive entity when they share a *distinctive* name: a person's name of two or more words
that are not initials (never a bare surname), any other kind's name of two or more words, or one
word that is not an acronym (an acronym alone names different bodies in different articles). Two
entities of one document are never joined: the document's own clustering kept them apart. Every
join is recorded with the name it rests on.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from ..rules.aliases import GROUP
from ..rules.outlets import author_surnames, fold

MIN_TITLE_WORDS = 3
"""Shortest folded title (in words) that identifies a work on its own."""
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|smid)$", re.IGNORECASE)
_INITIAL = re.compile(r"^\w\.?$")
_ACRONYM = re.compile(r"^[A-Z][A-Z.&-]{1,9}$")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def url_key(url: str | None) -> str | None:
    """The URL normalised for comparison, or ``None`` when there is no usable URL."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    if not host:
        return None
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or ""
    return host + path + (f"?{query}" if query else "")


def title_key(title: str | None) -> str | None:
    """The folded title, or ``None`` when it is too short to identify a work alone."""
    folded = fold(title or "")
    return folded if len(folded.split()) >= MIN_TITLE_WORDS else None


def _dates_agree(a: str | None, b: str | None) -> bool:
    return not a or not b or a.startswith(b) or b.startswith(a)


@dataclass(frozen=True)
class Citation:
    """What identity needs of one source record."""

    source_id: str
    title: str | None
    authors: frozenset[str]
    outlet: str
    date: str | None
    url: str | None
    short_form_of: str | None

    @classmethod
    def of(cls, source: dict) -> Citation:
        return cls(source["id"], title_key(source.get("title")), author_surnames(source.get("authors") or []),
                   fold(source.get("outlet_canonical") or source.get("outlet") or ""),
                   source.get("date"), url_key(source.get("url")), source.get("short_form_of"))

    def agrees(self, other: Citation) -> bool:
        """Whether nothing the two say contradicts one work."""
        return ((not self.outlet or not other.outlet or self.outlet == other.outlet)
                and _dates_agree(self.date, other.date)
                and (not self.authors or not other.authors or bool(self.authors & other.authors)))


def work_ids(sources: list[dict]) -> dict[str, str]:
    """Source id → work id (``w`` + a digest of the work's first citation) for ``sources``, which
    the caller gives in a fixed order (the archive's: by source path, then record order)."""
    assigned: dict[str, str] = {}
    by_url: dict[str, str] = {}
    by_title: dict[str, list[tuple[Citation, str]]] = defaultdict(list)
    pending_short: list[Citation] = []
    for source in sources:
        citation = Citation.of(source)
        if citation.short_form_of:
            pending_short.append(citation)
            continue
        work = by_url.get(citation.url) if citation.url else None
        if work is None and citation.title:
            work = next((w for first, w in by_title[citation.title] if first.agrees(citation)), None)
        if work is None:
            work = "w" + _digest(citation.url or "|".join((citation.title or citation.source_id, citation.outlet, citation.date or "")))
            if citation.title:
                by_title[citation.title].append((citation, work))
        if citation.url:
            by_url.setdefault(citation.url, work)
        assigned[citation.source_id] = work
    for citation in pending_short:
        assigned[citation.source_id] = assigned.get(citation.short_form_of) or "w" + _digest(citation.source_id)
    return assigned


def distinctive_names(entity: dict) -> list[str]:
    """The folded names of an entity that may identify it in another article (module docstring)."""
    person = entity["label"] == "PERSON"
    names = {entity["canonical"], *(alias["text"] for alias in entity.get("aliases") or [])}
    kept = set()
    for name in names:
        words = name.split()
        if person:
            if sum(1 for w in words if not _INITIAL.match(w)) >= 2:
                kept.add(fold(name))
        elif len(words) >= 2 or not _ACRONYM.match(name):
            kept.add(fold(name))
    return sorted(k for k in kept if k)


@dataclass(frozen=True)
class Join:
    """One entity's place in an archive entity, and the name that put it there."""

    archive_id: str
    evidence: str | None


def archive_entities(entities: list[dict]) -> dict[str, Join]:
    """Entity id → its archive entity, for ``entities`` in the archive's fixed order. An archive
    entity's id is ``x`` + a digest of its first member's id."""
    joins: dict[str, Join] = {}
    members: dict[str, set[str]] = {}
    by_name: dict[tuple[str, str], str] = {}
    for entity in entities:
        group = GROUP.get(entity["label"], entity["label"])
        names = distinctive_names(entity)
        found = None
        for name in names:
            candidate = by_name.get((group, name))
            if candidate and entity["doc_id"] not in members[candidate]:
                found, evidence = candidate, f"same name: {name}"
                break
        if found is None:
            found, evidence = "x" + _digest(entity["id"]), None
            members[found] = set()
        members[found].add(entity["doc_id"])
        for name in names:
            by_name.setdefault((group, name), found)
        joins[entity["id"]] = Join(found, evidence)
    return joins
