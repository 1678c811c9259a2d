"""Learn the pair model and tune the thresholds on labelled streams (bench/ uses it, runs do not)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from newsfold.cluster.boosted import PairModel
from newsfold.cluster.config import ClusterConfig
from newsfold.cluster.evaluate import score
from newsfold.cluster.features import FamilyFeatures
from newsfold.cluster.online import _index, assign_features, candidates
from newsfold.cluster.similarity import FEATURES, MONOTONE, pair_features, prepare
from newsfold.cluster.state import StoryState, StoryVector, add_family, observe

log = logging.getLogger(__name__)


def training_pairs(
    streams: Sequence[tuple[list[FamilyFeatures], list[str]]], config: ClusterConfig = ClusterConfig()
) -> tuple[np.ndarray, np.ndarray]:
    """Pair features (family vs candidate story) and labels; the stories are grown from the gold clusters."""
    rows, labels = [], []
    for feats, gold in streams:
        state = StoryState(prior_docs=config.idf_prior_docs)
        order = sorted(range(len(feats)), key=lambda i: (feats[i].day is None, feats[i].day or 0))
        for i in order:
            f, g = feats[i], "gold:" + gold[i]
            observe(state, f)
            query = prepare(state, f)
            seen = {s.id: s for s in candidates(state, query, config)}
            if g in state.stories:
                seen.setdefault(g, state.stories[g])  # the right story even when retrieval missed it
            for sid, story in seen.items():
                rows.append(pair_features(state, query, story))
                labels.append(sid == g)
            story = state.stories.setdefault(g, StoryVector(id=g))
            add_family(state, story, f, config.max_story_terms)
            _index(state, g, query, f, config)
    return np.asarray(rows, dtype=np.float64), np.asarray(labels, dtype=bool)


def fit_pair_model(
    parts: Sequence[tuple[np.ndarray, np.ndarray]],
    seed: int = 0,
    shares: Sequence[float] | None = None,
    max_depth: int = 3,
    min_samples_leaf: int = 40,
) -> PairModel:
    """Gradient-boosted trees on pair features; each part (one training stream) weighs the same in total.

    `shares` (one per part, default all 1) scales a part's total weight: 0.25 counts a stream a quarter.

    Equal weight per stream: GVA yields four times ECB+'s pairs, and a model fitted mostly on GVA's sparse
    days learns "same day + some shared words = same story", which does not hold on a dense news day.
    """
    from sklearn.ensemble import HistGradientBoostingClassifier

    x = np.vstack([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    largest = max(len(p[1]) for p in parts)
    shares = shares or [1.0] * len(parts)
    weight = np.concatenate(
        [np.full(len(p[1]), s * largest / len(p[1])) for p, s in zip(parts, shares, strict=True)]
    )
    # monotone in text similarity and time (see similarity.MONOTONE); depth 3 lets names, time and text
    # interact; 150 trees at rate 0.1 fit in seconds
    model = HistGradientBoostingClassifier(
        max_iter=150,
        max_depth=max_depth,
        learning_rate=0.1,
        min_samples_leaf=min_samples_leaf,
        monotonic_cst=[MONOTONE[f] for f in FEATURES],
        early_stopping=False,
        random_state=seed,
    ).fit(x, y, sample_weight=weight)
    return PairModel.from_sklearn(model, FEATURES)


def write_model_module(model: PairModel, path: Path, about: str) -> None:
    """Write the model as `pair_model.py`: its JSON, wrapped at commas so the lines stay short."""
    text = model.to_json()
    lines, line = [], ""
    for piece in text.split(","):
        if line and len(line) + len(piece) > 100:
            lines.append(line)
            line = ""
        line += piece + ","
    lines.append(line[:-1])
    body = "\n".join(lines)
    path.write_text(
        f'"""The shipped pair model (written by `cluster.learn.write_model_module`; do not edit).\n\n'
        f"{about}\n"
        f'"""\n\nMODEL_JSON = """\n{body}\n"""\n',
        encoding="utf-8",
    )


def run_stream(feats: list[FamilyFeatures], config: ClusterConfig) -> list[str]:
    """Cluster one stream from scratch; the story of each family, in input order."""
    state = StoryState()
    assign_features(feats, state, config)
    where = {fid: state.resolve(s) for fid, s in zip(state.family_ids, state.family_story, strict=True)}
    return [where[f.family] for f in feats]


def tune_thresholds(
    streams: Sequence[tuple[list[FamilyFeatures], list[str]]],
    config: ClusterConfig,
    joins: Sequence[float] = (0.3, 0.35, 0.4, 0.45, 0.5, 0.6),
    merges: Sequence[float] = (0.6, 0.7, 0.8, 0.9),
) -> tuple[ClusterConfig, float]:
    """Grid search of join/merge thresholds maximising mean B-cubed F1 over the streams."""
    best, best_f1 = config, -1.0
    for join in joins:
        for merge in merges:
            if merge < join:
                continue
            trial = replace(config, join_threshold=join, merge_threshold=merge)
            f1 = float(np.mean([score(g, run_stream(f, trial)).b3_f1 for f, g in streams]))
            log.info("join %.2f merge %.2f: B-cubed F1 %.4f", join, merge, f1)
            if f1 > best_f1:
                best, best_f1 = trial, f1
    return best, best_f1
