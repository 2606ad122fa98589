"""Train ``models/reference_crf.crfsuite`` (see :mod:`pipeline.rules.reference_crf`) on an AnyStyle dataset.

    python models/train_reference_crf.py tests/data/anystyle/core.xml            # train on all, write the model
    python models/train_reference_crf.py tests/data/anystyle/core.xml --folds 5  # cross-validated scores only

With ``--folds K`` nothing is written: the references are shuffled (seed 0) and split into K
parts; each part is parsed by the note grammar with a tagger trained on the other parts, and the
field scores of ``ctc-pipeline eval --anystyle`` are printed for the whole — the figure to expect on
references the model has not seen. (Scoring the shipped model on its own training file gives a
higher, optimistic figure.)
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pycrfsuite  # noqa: E402

from pipeline.commands.evaluate_references import (  # noqa: E402
    FieldCounts, default_parser, format_references_report, gold_fields, predicted_fields, read_dataset,
    reference_groups, reference_text, reference_type,
)
from pipeline.rules.citations import parse_note  # noqa: E402
from pipeline.rules.reference_crf import ReferenceTagger, sequence_features  # noqa: E402

PARAMS = {"c1": 0.1, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


def train(references: list, path: Path) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for segments in references:
        tokens = [(word, tag) for tag, text in segments if tag != "citation-number" for word in text.split()]
        trainer.append(sequence_features([w for w, _ in tokens]), [t for _, t in tokens])
    trainer.set_params(PARAMS)
    trainer.train(str(path))


def cross_validate(references: list, folds: int) -> dict:
    order = list(range(len(references)))
    random.Random(0).shuffle(order)
    parser, counts = default_parser(), FieldCounts()
    with tempfile.TemporaryDirectory() as scratch:
        for k in range(folds):
            held = set(order[k::folds])
            model = Path(scratch) / f"fold{k}.crfsuite"
            train([r for i, r in enumerate(references) if i not in held], model)
            parser.grammar.tagger = ReferenceTagger(str(model), parser.grammar.tagger_min_probability)
            for i in sorted(held):
                segments = references[i]
                parsed = parse_note(reference_text(segments), parser.grammar)
                source = parser.source_dict(parsed.sources[0], 0, "s1") if parsed.sources else None
                counts.add(reference_groups(segments) + [f"type:{reference_type(segments)}"], predicted_fields(source),
                           gold_fields(segments))
    keys = ["ctc-form", "quoted-title", "all"] + sorted(k for k in counts.references if k.startswith("type:"))
    return {"groups": {k: counts.scores(k) for k in keys if counts.references[k]}}


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("dataset", type=Path)
    args.add_argument("--folds", type=int, default=0)
    options = args.parse_args()
    references = read_dataset(options.dataset)
    if options.folds:
        print(format_references_report(cross_validate(references, options.folds)))
        return
    out = Path(__file__).with_name("reference_crf.crfsuite")
    train(references, out)
    print(f"{out}: trained on {len(references)} references")


if __name__ == "__main__":
    main()
