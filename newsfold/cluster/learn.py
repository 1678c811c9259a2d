"""Learn the pair model and tune the thresholds on labelled streams (bench/ uses it, runs do not)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from newsfold.cluster.config import ClusterConfig
from newsfold.cluster.evaluate import score
from newsfold.cluster.features import FamilyFeatures
from newsfold.cluster.online import _index, assign_features, candidates
from newsfold.cluster.similarity import pair_features, prepare
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


def fit_weights(x: np.ndarray, y: np.ndarray) -> tuple[tuple[float, ...], float]:
    """Logistic regression on pair features: (weights, bias)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=2000).fit(x, y)
    return tuple(round(float(w), 3) for w in model.coef_[0]), round(float(model.intercept_[0]), 3)


def run_stream(feats: list[FamilyFeatures], config: ClusterConfig) -> list[str]:
    """Cluster one stream from scratch; the story of each family, in input order."""
    state = StoryState()
    assign_features(feats, state, config)
    where = {fid: state.resolve(s) for fid, s in zip(state.family_ids, state.family_story, strict=True)}
    return [where[f.family] for f in feats]


def tune_thresholds(
    streams: Sequence[tuple[list[FamilyFeatures], list[str]]],
    config: ClusterConfig,
    joins: Sequence[float] = (0.2, 0.3, 0.4, 0.5, 0.6),
    merges: Sequence[float] = (0.8, 0.9, 1.01),
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
