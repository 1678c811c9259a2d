"""The pair model: gradient-boosted trees over the pair features, run with numpy (no sklearn at run time).

`learn.fit_pair_model` fits it with scikit-learn on the training halves; `learn.write_model_module` writes the
trees into `pair_model.py` (a Python module, so the package needs no data files). A linear model could not
combine the features the way the errors need: "shares the city but not the victim's name" and "weeks later
but names the same rare person" are interactions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import numpy as np


@dataclass(frozen=True, slots=True, eq=False)
class PairModel:
    """Binary gradient boosting: log-odds = init + rate * sum of tree leaves; trees as flat node arrays."""

    features: tuple[str, ...]  # names, in `similarity.FEATURES` order; checked on load
    init: float
    rate: float
    feature: np.ndarray  # (trees, nodes) int: split feature, -1 at leaves
    threshold: np.ndarray  # (trees, nodes) float: go left when x <= threshold
    left: np.ndarray  # (trees, nodes) int: child node; a leaf points at itself
    right: np.ndarray
    value: np.ndarray  # (trees, nodes) float: leaf value (unused at split nodes)
    depth: int

    def predict(self, rows: np.ndarray) -> np.ndarray:
        """P(same story) for each row of pair features (n, len(features))."""
        if rows.shape[0] == 0:
            return np.zeros(0)
        trees = np.arange(self.feature.shape[0])[:, None]
        node = np.zeros((self.feature.shape[0], rows.shape[0]), dtype=np.int64)
        cols = np.arange(rows.shape[0])[None, :]
        for _ in range(self.depth):  # every tree walks one level per step; leaves stay put
            split = np.maximum(self.feature[trees, node], 0)
            go_left = rows[cols, split] <= self.threshold[trees, node]
            node = np.where(go_left, self.left[trees, node], self.right[trees, node])
        logit = self.init + self.rate * self.value[trees, node].sum(axis=0)
        return 1.0 / (1.0 + np.exp(-np.clip(logit, -50.0, 50.0)))

    def to_json(self) -> str:
        """Compact JSON of the model (what `pair_model.py` holds)."""
        return json.dumps(
            {
                "features": list(self.features),
                "init": round(self.init, 6),
                "rate": self.rate,
                "depth": self.depth,
                "feature": self.feature.tolist(),
                "threshold": self.threshold.tolist(),  # exact: a rounded split moves rows across it
                "left": self.left.tolist(),
                "right": self.right.tolist(),
                "value": np.round(self.value, 6).tolist(),
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> PairModel:
        data = json.loads(text)
        return cls(
            features=tuple(data["features"]),
            init=float(data["init"]),
            rate=float(data["rate"]),
            feature=np.asarray(data["feature"], dtype=np.int64),
            threshold=np.asarray(data["threshold"], dtype=np.float64),
            left=np.asarray(data["left"], dtype=np.int64),
            right=np.asarray(data["right"], dtype=np.int64),
            value=np.asarray(data["value"], dtype=np.float64),
            depth=int(data["depth"]),
        )

    @classmethod
    def from_sklearn(cls, model, features: tuple[str, ...]) -> PairModel:
        """From a fitted binary `sklearn.ensemble.HistGradientBoostingClassifier` (numeric features only)."""
        trees = [grown[0].nodes for grown in model._predictors]
        width = max(len(t) for t in trees)
        shape = (len(trees), width)
        feature = np.full(shape, -1, dtype=np.int64)
        threshold = np.zeros(shape)
        left = np.tile(np.arange(width), (len(trees), 1))
        right = left.copy()
        value = np.zeros(shape)
        for i, nodes in enumerate(trees):
            n = len(nodes)
            split = nodes["is_leaf"] == 0
            feature[i, :n] = np.where(split, nodes["feature_idx"], -1)
            threshold[i, :n] = np.where(split, nodes["num_threshold"], 0.0)
            left[i, :n] = np.where(split, nodes["left"], np.arange(n))
            right[i, :n] = np.where(split, nodes["right"], np.arange(n))
            value[i, :n] = np.where(split, 0.0, nodes["value"])  # leaf values already carry the learning rate
        depth = int(max(t["depth"].max() for t in trees))
        init = float(np.ravel(model._baseline_prediction)[0])
        return cls(features, init, 1.0, feature, threshold, left, right, value, depth)


@cache
def shipped() -> PairModel:
    """The model fitted on the training halves and shipped in `pair_model.py`."""
    from newsfold.cluster.pair_model import MODEL_JSON
    from newsfold.cluster.similarity import FEATURES

    model = PairModel.from_json(MODEL_JSON)
    if model.features != FEATURES:
        raise RuntimeError("cluster/pair_model.py was fitted on other pair features: refit (learn.py)")
    return model
