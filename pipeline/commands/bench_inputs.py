"""Adversarial documents for ``bench --pathological``: each input of issue 18's list, at a size.

Every generator takes a size ``n`` (its count of repeated units: spaces, citations, brackets,
marks, markers) and returns ``(text, format)`` for :func:`pipeline.engine.process.process`. The
sizes in :data:`PATHOLOGICAL` are those the issue measured; the benchmark runs each at 1×, 4×
and 16× a sixteenth of it, so the largest is the issue's size; ``plain-article``, not adversarial,
gives the time per character of ordinary text at sizes of the same order. All text is invented.
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


def sup_markers_html(n: int) -> tuple[str, str]:
    """An HTML page whose one paragraph is a sentence followed by ``n`` linked ``<sup>`` markers."""
    sups = "".join(f'<sup><a href="#fn{k % 3 + 1}">{k % 3 + 1}</a></sup>' for k in range(n))
    notes = "".join(f'<li id="fn{k}">“Port Closed,” Coastal Wire, May {k}, 2019.</li>' for k in (1, 2, 3))
    return (f"<html><head><title>Port</title></head><body><article><p>The port closed.{sups}</p>"
            f"<h2>Notes</h2><ol>{notes}</ol></article></body></html>\n"), "html"


def bracket_markers(n: int) -> tuple[str, str]:
    """A plain-text paragraph of ``n`` markers ``[1]`` … ``[3]`` with no sentence between them."""
    body = "The port closed." + "".join(f"[{k % 3 + 1}]" for k in range(n))
    notes = "".join(f"\n\n[{k}] “Port Closed,” Coastal Wire, May {k}, 2019." for k in (1, 2, 3))
    return body + notes + "\n", "txt"


def spaced_markers(n: int) -> tuple[str, str]:
    """A plain-text paragraph of ``n`` markers ``[1]`` … ``[3]`` separated by spaces."""
    body = "The port closed." + "".join(f" [{k % 3 + 1}]" for k in range(n))
    notes = "".join(f"\n\n[{k}] “Port Closed,” Coastal Wire, May {k}, 2019." for k in (1, 2, 3))
    return body + notes + "\n", "txt"


_SYLLABLES = ("ka", "lo", "ven", "mar", "ti", "sul", "dra", "be", "no", "quin", "ros", "fal")


def _invented_name(k: int) -> str:
    """A capitalised invented word, distinct for each ``k``."""
    word = ""
    while True:
        k, digit = divmod(k, len(_SYLLABLES))
        word += _SYLLABLES[digit]
        if not k:
            return word.capitalize()
        k -= 1


def capitalised_titles(n: int) -> tuple[str, str]:
    """``n`` endnotes, cited fifty to a marker, each with a distinct title of capitalised invented names."""
    body = " ".join(f"Talks were held.[{k + 1}-{min(k + 50, n)}]" for k in range(0, n, 50))
    notes = "".join(f"\n\n[{k}] Ana Ruiz, “{_invented_name(k)} Meets {_invented_name(3 * k + 1)} In {_invented_name(7 * k + 2)},” "
                    f"Coastal Wire, May {k % 28 + 1}, 2019." for k in range(1, n + 1))
    return body + notes + "\n", "txt"


def repeated_institutions(n: int) -> tuple[str, str]:
    """One endnote of ``n`` times "Harbor Board, Office. " (every ". " a candidate boundary
    between two works, none of them ending in a field)."""
    return "The port closed.[1]\n\n[1] " + "Harbor Board, Office. " * n + "\n", "txt"


def plain_article(n: int) -> tuple[str, str]:
    """Not adversarial, for comparison: ``n`` ordinary sentences, one marker each, and their ``n``
    notes (a wire story each), in paragraphs of five sentences."""
    sentences = [f"Officials in {_invented_name(k)} said on Tuesday that {_invented_name(5 * k + 3)} had closed the port "
                 f"after the attack.[{k}]" for k in range(1, n + 1)]
    body = "\n\n".join(" ".join(sentences[i : i + 5]) for i in range(0, n, 5))
    notes = "".join(f"\n\n[{k}] Ana Ruiz, “Port Closed In {_invented_name(k)},” Coastal Wire, May {k % 28 + 1}, 2019."
                    for k in range(1, n + 1))
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
    "sup-markers-html": (sup_markers_html, 50_000),
    "bracket-markers": (bracket_markers, 10_000),
    "spaced-markers": (spaced_markers, 10_000),
    "capitalised-titles": (capitalised_titles, 4_000),
    "repeated-institutions": (repeated_institutions, 200),
    "plain-article": (plain_article, 1_600),
}
"""name: (generator, the size issue 18 measured)."""
