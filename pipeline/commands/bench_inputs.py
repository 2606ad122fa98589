"""Adversarial documents for ``bench --pathological``: each input of issue 18's list, at a size.

Every generator takes a size ``n`` (its count of repeated units: spaces, citations, brackets,
marks, markers) and returns ``(text, format)`` for :func:`pipeline.engine.process.process`. The
sizes in :data:`PATHOLOGICAL` are those the issue measured; the benchmark runs each at 1×, 4×
and 16× a sixteenth of it, so the largest is the issue's size. All text is invented.
"""

from __future__ import annotations

from collections.abc import Callable

_BODY = "Officials said the convoy was attacked near the port.[1]\n\n"


def spaces_after_title(n: int) -> tuple[str, str]:
    """One note whose (unquoted) title is followed by ``n`` spaces before its outlet."""
    return _BODY + "[1] Ana Ruiz, Convoy Hit Near The Port" + " " * n + "Coastal Wire, May 2, 2019.\n", "txt"


def chained_citations(n: int) -> tuple[str, str]:
    """One note of ``n`` wire citations chained by full stops (``… 2019. “Title,” Wire, …``)."""
    works = " ".join(f"“Convoy Report {k},” Coastal Wire, May {k % 28 + 1}, 2019." for k in range(n))
    return _BODY + "[1] " + works + "\n", "txt"


def chained_untitled(n: int) -> tuple[str, str]:
    """One note of ``n`` untitled wire stories chained by full stops (``Coastal Wire, May 2, 2019. …``)."""
    works = " ".join(f"Coastal Wire, May {k % 28 + 1}, 2019." for k in range(n))
    return _BODY + "[1] " + works + "\n", "txt"


def nested_brackets(n: int) -> tuple[str, str]:
    """A body paragraph and a note holding ``n`` nested square brackets."""
    nest = "[" * n + "x" + "]" * n
    return f"The port closed {nest} again.[1]\n\n[1] Ana Ruiz, “Port Closed {nest},” Coastal Wire, 2019.\n", "txt"


def nested_parentheses(n: int) -> tuple[str, str]:
    """A body paragraph and a note holding ``n`` nested parentheses."""
    nest = "(" * n + "x" + ")" * n
    return f"The port closed {nest} again.[1]\n\n[1] Ana Ruiz, “Port Closed {nest},” Coastal Wire, 2019.\n", "txt"


def quotation_marks(n: int) -> tuple[str, str]:
    """A line of ``n`` straight quotation marks inside a body paragraph."""
    return "The convoy was attacked.[1] " + '"' * n + "\n\n[1] Coastal Wire, May 2, 2019.\n", "txt"


def curly_quotation_marks(n: int) -> tuple[str, str]:
    """A line of ``n`` curly opening quotation marks inside a body paragraph."""
    return "The convoy was attacked.[1] " + "“" * n + "\n\n[1] Coastal Wire, May 2, 2019.\n", "txt"


def sup_markers(n: int) -> tuple[str, str]:
    """A Markdown paragraph of one sentence followed by ``n`` ``<sup>`` markers."""
    body = "The port closed." + "".join(f"<sup>{k % 3 + 1}</sup>" for k in range(n))
    notes = "".join(f"\n\n[{k}] “Port Closed,” Coastal Wire, May {k}, 2019." for k in (1, 2, 3))
    return body + notes + "\n", "md"


def bracket_markers(n: int) -> tuple[str, str]:
    """A plain-text paragraph of ``n`` markers ``[1]`` … ``[3]`` with no sentence between them."""
    body = "The port closed." + "".join(f"[{k % 3 + 1}]" for k in range(n))
    notes = "".join(f"\n\n[{k}] “Port Closed,” Coastal Wire, May {k}, 2019." for k in (1, 2, 3))
    return body + notes + "\n", "txt"


PATHOLOGICAL: dict[str, tuple[Callable[[int], tuple[str, str]], int]] = {
    "spaces-after-title": (spaces_after_title, 2_000),
    "chained-citations": (chained_citations, 400),
    "chained-untitled": (chained_untitled, 700),
    "nested-brackets": (nested_brackets, 5_000),
    "nested-parentheses": (nested_parentheses, 5_000),
    "quotation-marks": (quotation_marks, 100_000),
    "curly-quotation-marks": (curly_quotation_marks, 100_000),
    "sup-markers": (sup_markers, 50_000),
    "bracket-markers": (bracket_markers, 10_000),
}
"""name: (generator, the size issue 18 measured)."""
