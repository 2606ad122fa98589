"""Citation and claim extraction for footnoted analysis articles, as spaCy components.

Stages, in the order they run (see ``pipeline.build``):

1. ``ingest``    read and normalise an input file (not a component: it makes the text).
2. ``segment``   ``ctc_segmenter``: title, byline, headings, body, bio, endnotes, boilerplate.
3. ``markers``   ``ctc_markers``: footnote markers ``[N]`` as tokens of their own.
4. ``sentences`` ``ctc_sentence_bounds``: sentence-boundary constraints around markers and quotes.
5. ``claims``    ``ctc_claims``: one claim per body sentence with its footnotes and support.
6. ``endnotes``  ``ctc_endnotes``: each endnote parsed into structured sources.
7. ``temporal``  ``ctc_dates``: temporal expressions normalised TIMEX3-style.
8. ``quotes``    ``ctc_quotes``: quotations with speaker, reporting cue and kind.
9. ``entities``  ``ctc_entities``: entity mentions clustered into entities with their aliases
   (``gazetteer``'s ``ctc_places`` presets country names before the NER).
10. ``linker``   ``ctc_linker``: Ibid./short forms resolved, claims linked to sources, dates,
    quotes and entities, problems.
11. ``records``/``writer``: JSONL records with stable ids and character offsets.
"""

from .contract import SCHEMA_VERSION  # noqa: F401 - re-exported

__version__ = "0.3.0"
