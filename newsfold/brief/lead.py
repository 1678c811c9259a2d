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

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsfold.brief.lead_model import MODEL
from newsfold.compare import Comparison
from newsfold.compare.facts import content_of, content_words
from newsfold.compare.units import words
from newsfold.errors import ConfigError

_NUMBER = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A usable sentence of one fact: its group (index into comparison.groups) and unit index."""

    group: int
    unit: int


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
    """One row of FEATURES per candidate (array arithmetic where it can be: a story may have thousands)."""
    n = len(candidates)
    units, groups = comparison.units, comparison.groups
    rows = np.array([c.unit for c in candidates], dtype=np.int64)
    support = np.array([groups[c.group].fact.support for c in candidates], dtype=float)
    column = {
        "support": support,
        "support_share": support / max(comparison.sources, 1),
        "representative": np.array([c.unit == groups[c.group].members[0] for c in candidates], dtype=float),
        "fact_rank": np.array([c.group for c in candidates], dtype=float) / max(len(groups), 1),
        "position": np.array([units[m].position for m in rows.tolist()], dtype=float),
        "first": np.array([units[m].index == 0 for m in rows.tolist()], dtype=float),
        "log_index": np.log1p([units[m].index for m in rows.tolist()]),
        "soft_support": _per_unit(comparison.soft_support, rows),
        "lexical_degree": _per_unit(comparison.lexical_degree, rows),
        "centroid": _centroid_cosine(comparison.vectors, rows),
    }
    column.update(_text_columns([units[m].text for m in rows.tolist()], titles))
    table = np.zeros((n, len(FEATURES)))
    for k, name in enumerate(FEATURES):
        table[:, k] = column[name]
    return table


def _per_unit(values: np.ndarray | None, rows: np.ndarray) -> np.ndarray:
    return np.zeros(len(rows)) if values is None else np.asarray(values, dtype=float)[rows]


def _centroid_cosine(vectors: np.ndarray | None, rows: np.ndarray) -> np.ndarray:
    """Cosine of each row's vector to the story's mean sentence vector."""
    if vectors is None or not len(vectors):
        return np.zeros(len(rows))
    mean = vectors.mean(axis=0)
    return vectors[rows] @ (mean / (float(np.linalg.norm(mean)) or 1.0))


def _text_columns(texts: list[str], titles: Sequence[str | None]) -> dict[str, np.ndarray]:
    """Title overlap, length, numbers and names of each sentence."""
    bags = [content_words(t) for t in titles if t]
    bags = [b for b in bags if b]
    # mean over titles of the share of the title's words in the sentence = sum of per-word weights
    weight: dict[str, float] = {}
    for bag in bags:
        for w in bag:
            weight[w] = weight.get(w, 0.0) + 1.0 / (len(bag) * len(bags))
    cover, share, length, numbers, names = (np.zeros(len(texts)) for _ in range(5))
    for i, text in enumerate(texts):
        tokens = words(text)
        bag = content_of(tokens)
        cover[i] = sum(weight.get(w, 0.0) for w in bag)
        share[i] = sum(1 for w in bag if w in weight) / max(len(bag), 1)
        length[i] = len(tokens)
        split = text.split()
        numbers[i] = sum(1 for t in split if _NUMBER.search(t))
        names[i] = sum(1 for t in split[1:] if t[:1].isupper())
    return {
        "title_cover": cover,
        "title_share": share,
        "words": length,
        "log_words": np.log(np.maximum(length, 1)),
        "numbers": numbers,
        "names": names,
    }


def score(table: np.ndarray, model: dict | None = None) -> np.ndarray:
    """Linear score of each row (features standardised as at fitting time)."""
    model = model or MODEL
    if list(model["features"]) != list(FEATURES):
        raise ConfigError("lead_model.py was fitted on other features; rerun bench/brief_lead_fit.py --write")
    if not len(table):
        return np.zeros(0)
    z = (table - np.asarray(model["mean"])) / np.asarray(model["scale"])
    return z @ np.asarray(model["weights"]) + float(model["intercept"])
