"""The extraction scores on the gold-annotated sets of ``eval/`` stay above their floors.

``eval/shared`` is the shared corpus (the texts the rules were developed on); ``eval/unseen`` is the held-out set,
annotated before deckgen was run on it (``eval/README.md``). Figures are pooled as ``eval/score_set.py --micro``
pools them: a recall-like figure weighted by the gold lists (or terms) of each text, a precision by what was
extracted from it. The floors sit a little under the figures of the commit that set them; raise them with the
figures, never lower them to pass.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import yaml

from deckgen.api import confident, extract_sources
from deckgen.config import packaged_defaults
from deckgen.report import extraction_json

EVAL = Path(__file__).parent.parent / "eval"
_spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
score_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score_module)

FLOORS = {
    "shared": {"lists_found": 0.90, "item_f1": 0.92, "list_precision": 0.96, "term_recall": 0.94, "term_precision": 0.97},
    "unseen": {"lists_found": 0.85, "item_f1": 0.87, "list_precision": 0.93, "term_recall": 0.93, "term_precision": 0.93},
}
PRECISION_WEIGHT = {"list_precision": "extracted_lists", "term_precision": "extracted_terms"}


def pooled(name: str) -> dict[str, float]:
    config = packaged_defaults()
    sums: dict[str, float] = {}
    weights: dict[str, float] = {}
    for gold_path in sorted((EVAL / name / "gold").glob("*.yaml")):
        text = EVAL / name / "texts" / f"{gold_path.stem}.txt"
        extraction = confident(extract_sources([text], config), config["extract"]["min_confidence"])
        figures, _ = score_module.score(yaml.safe_load(gold_path.read_text(encoding="utf-8")),
                                        json.loads(extraction_json(extraction)))
        for key in FLOORS[name]:
            weight = figures[PRECISION_WEIGHT[key]] if key in PRECISION_WEIGHT else \
                figures["gold_terms"] if key.startswith("term") else figures["gold_lists"]
            sums[key] = sums.get(key, 0) + weight * figures[key]
            weights[key] = weights.get(key, 0) + weight
    return {key: sums[key] / weights[key] for key in sums if weights[key]}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_pooled_scores_stay_above_their_floors(name):
    figures = pooled(name)
    short = {k: round(v, 3) for k, v in figures.items() if v < FLOORS[name][k]}
    assert not short, f"eval/{name} below its floors: {short} (all: { {k: round(v, 3) for k, v in figures.items()} })"
