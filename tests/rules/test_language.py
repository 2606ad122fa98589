"""Table-driven tests of :mod:`pipeline.rules.language`: ``language_candidates`` and ``choose_languages``.

Every person, place, outlet and sentence below is invented. Rows marked ``xfail(strict=True)`` keep the result a demanding
user expects; their ``reason`` describes the defect in the current code.
"""

from __future__ import annotations

import pytest

from pipeline.rules.language import choose_languages, language_candidates


def xfail(reason: str):
    return pytest.mark.xfail(reason=reason, strict=True)


# ================================================================================================
# language
# ================================================================================================

TITLES = [
    pytest.param("Why the Ceasefire Collapsed in the Hills", ["en"], id="english"),
    pytest.param("A New Front on the Coast", ["en"], id="english-short-words"),
    pytest.param("L’armée reprend le contrôle du port", ["fr"], id="french-elision"),
    pytest.param("Les rebelles quittent la ville", ["fr"], id="french"),
    pytest.param("L’offensive d’hiver", ["fr"], id="french-elided-articles-only"),
    pytest.param("Los rebeldes toman el control de la frontera", ["es"], id="spanish"),
    pytest.param("La ofensiva de los rebeldes", ["es"], id="spanish-short"),
    pytest.param("Die Miliz und der Krieg im Norden", ["de"], id="german"),
    pytest.param("La crisis en Korvana", ["es", "fr"], id="tie-spanish-french"),
    pytest.param("Korvana: Harbor Seized", [], id="no-evidence"),
    pytest.param("Yusuf al-Karimi", [], id="hyphenated-particle-stays-whole"),
    pytest.param("", [], id="empty"),
    pytest.param(
        "Three Soldiers Die in Ambush Near Tarvella", ["en"], id="english-headline-with-die",
        marks=xfail("'in' is a function word of English, German and Italian, so the only evidence is a "
                    "three-way tie ['de', 'en', 'it']; choose_languages settles it on the default only"),
    ),
]


@pytest.mark.parametrize(("title", "expected"), TITLES)
def test_language_candidates(stopwords, title, expected):
    assert language_candidates(title, stopwords) == expected


CHOICES = [
    pytest.param([["en"], ["fr"], ["es"], ["de"]], "en", ["en", "fr", "es", "de"], id="sole-candidates"),
    pytest.param([[], ["fr"]], "en", ["en", "fr"], id="no-evidence-gets-default"),
    pytest.param([[]], None, [None], id="no-evidence-no-default"),
    pytest.param([["es", "fr"], ["fr"], ["fr"], ["es"]], "en", ["fr", "fr", "fr", "es"],
                 id="tie-broken-by-other-titles"),
    pytest.param([["es", "fr"], ["es"]], "fr", ["fr", "es"], id="default-wins-a-tie-it-is-part-of"),
    pytest.param([["en", "fr"]], "en", ["en"], id="tie-without-prior-default-candidate"),
    pytest.param([["es", "fr"]], "en", [None], id="tie-without-prior-default-not-candidate"),
    pytest.param([["es", "fr"], ["fr"], ["es"]], "es", ["es", "fr", "es"], id="tied-prior-falls-back-to-default"),
    pytest.param([], "en", [], id="no-titles"),
]


@pytest.mark.parametrize(("candidates", "default", "expected"), CHOICES)
def test_choose_languages(candidates, default, expected):
    assert choose_languages(candidates, default) == expected


DOCUMENT_TITLES = [
    pytest.param(
        ["La crisis en Korvana", "Los rebeldes toman el puerto", "La ofensiva de los rebeldes"], "en",
        ["es", "es", "es"], id="spanish-document-resolves-tie",
    ),
    pytest.param(
        ["La crisis en Korvana", "Les rebelles quittent la ville", "L’armée reprend le port"], "en",
        ["fr", "fr", "fr"], id="french-document-resolves-tie",
    ),
    pytest.param(
        ["Harbor Seized", "Why the Ceasefire Collapsed"], "en", ["en", "en"], id="no-evidence-and-english",
    ),
    pytest.param(
        ["A Raid on Port Ellis", "L’armée reprend le port", "Les rebelles quittent la ville"], "en",
        ["en", "fr", "fr"], id="english-title-in-french-heavy-document",
    ),
]


@pytest.mark.parametrize(("titles", "default", "expected"), DOCUMENT_TITLES)
def test_document_languages(stopwords, titles, default, expected):
    assert choose_languages([language_candidates(t, stopwords) for t in titles], default) == expected
