"""Lead sentence scorer: features of each candidate sentence -> a learned score (weights in lead_model.py).

    candidates = summary.candidates_of(comparison, config)  # usable sentences of the facts
    table = features(comparison, candidates, titles)         # one row of FEATURES per candidate
    scores = score(table)                                    # higher: more like the editor's summary

The weights (lead_model.py, generated) are a linear model fitted on NeuS train clusters by
bench/brief_lead_fit.py (target: the sentence's own ROUGE-2 F against the editor's summary); val was never
used to fit or choose anything.
Support (independent sources) stays a feature, next to position, centrality, title overlap and length.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from newsfold.brief.lead_model import MODEL
from newsfold.compare import Comparison
from newsfold.compare.facts import content_words
from newsfold.compare.units import words
from newsfold.errors import ConfigError

_NUMBER = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A usable sentence of one fact: its group (index into comparison.groups) and unit index."""

    group: int
    unit: int


def _unit_features(comparison: Comparison, titles: list[set[str]], centroid: np.ndarray) -> Callable:
    """A function (group index, unit index) -> feature dict, closed over story-level values."""
    units, groups = comparison.units, comparison.groups
    vectors = comparison.vectors
    sources = max(comparison.sources, 1)
    n_groups = max(len(groups), 1)
    soft = comparison.soft_support if comparison.soft_support is not None else np.zeros(len(units))
    lexical = comparison.lexical_degree if comparison.lexical_degree is not None else np.zeros(len(units))
    every_title: set[str] = set().union(*titles)

    def row(g: int, m: int) -> dict[str, float]:
        unit, group = units[m], groups[g]
        bag = content_words(unit.text)
        tokens = unit.text.split()
        cover = [len(bag & t) / len(t) for t in titles if t]
        return {
            "support": float(group.fact.support),
            "support_share": group.fact.support / sources,
            "representative": float(m == group.members[0]),
            "fact_rank": g / n_groups,
            "position": unit.position,
            "first": float(unit.index == 0),
            "log_index": math.log1p(unit.index),
            "soft_support": float(soft[m]),
            "lexical_degree": float(lexical[m]),
            "centroid": float(vectors[m] @ centroid) if vectors is not None and len(vectors) else 0.0,
            "title_cover": float(np.mean(cover)) if cover else 0.0,
            "title_share": len(bag & every_title) / max(len(bag), 1),
            "words": float(len(words(unit.text))),
            "log_words": math.log(max(len(words(unit.text)), 1)),
            "numbers": float(sum(1 for t in tokens if _NUMBER.search(t))),
            "names": float(sum(1 for t in tokens[1:] if t[:1].isupper())),
        }

    return row


FEATURES = (
    "support",
    "support_share",
    "representative",
    "fact_rank",
    "position",
    "first",
    "log_index",
    "soft_support",
    "lexical_degree",
    "centroid",
    "title_cover",
    "title_share",
    "words",
    "log_words",
    "numbers",
    "names",
)


def features(
    comparison: Comparison, candidates: Sequence[Candidate], titles: Sequence[str | None] = ()
) -> np.ndarray:
    """One row of FEATURES per candidate."""
    title_bags = [content_words(t) for t in titles if t]
    vectors = comparison.vectors
    centroid = np.zeros(0)
    if vectors is not None and len(vectors):
        mean = vectors.mean(axis=0)
        centroid = mean / (float(np.linalg.norm(mean)) or 1.0)
    row = _unit_features(comparison, title_bags, centroid)
    table = np.zeros((len(candidates), len(FEATURES)))
    for i, c in enumerate(candidates):
        values = row(c.group, c.unit)
        table[i] = [values[name] for name in FEATURES]
    return table


def score(table: np.ndarray, model: dict | None = None) -> np.ndarray:
    """Linear score of each row (features standardised as at fitting time)."""
    model = model or MODEL
    if list(model["features"]) != list(FEATURES):
        raise ConfigError("lead_model.py was fitted on other features; rerun bench/brief_lead_fit.py --write")
    if not len(table):
        return np.zeros(0)
    z = (table - np.asarray(model["mean"])) / np.asarray(model["scale"])
    return z @ np.asarray(model["weights"]) + float(model["intercept"])
