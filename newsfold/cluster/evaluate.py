"""Clustering scores against gold labels: B-cubed and pairwise P/R/F1, ARI, and merged gold events.

`bcubed_interval` says how far a B-cubed F1 can be trusted: a test half of 17 ECB+ topics is a small
sample, and a score 0.02 below a target may or may not be a real miss.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(slots=True, frozen=True)
class Scores:
    """How a clustering compares with the gold one."""

    b3_p: float
    b3_r: float
    b3_f1: float
    pair_p: float
    pair_r: float
    pair_f1: float
    ari: float
    events: int
    merged_events: int  # gold events whose majority shares a predicted cluster with another's majority
    clusters: int


def score(gold: Sequence[str], pred: Sequence[str]) -> Scores:
    """All scores for one labelling (same order, one label per item)."""
    from sklearn.metrics import adjusted_rand_score

    p, r = bcubed_items(gold, pred)
    b3p, b3r = float(p.mean()), float(r.mean())
    pp, pr = _pairwise(gold, pred)
    return Scores(
        b3_p=b3p,
        b3_r=b3r,
        b3_f1=_f1(b3p, b3r),
        pair_p=pp,
        pair_r=pr,
        pair_f1=_f1(pp, pr),
        ari=float(adjusted_rand_score(gold, pred)),
        events=len(set(gold)),
        merged_events=merged_events(gold, pred),
        clusters=len(set(pred)),
    )


def merged_events(gold: Sequence[str], pred: Sequence[str]) -> int:
    """Gold events whose items are at least half in a predicted cluster that holds another such event."""
    size = Counter(gold)
    joint = Counter(zip(gold, pred, strict=True))
    holders: defaultdict[str, set[str]] = defaultdict(set)
    for (g, p), n in joint.items():
        if 2 * n >= size[g]:
            holders[p].add(g)
    return len({g for events in holders.values() if len(events) > 1 for g in events})


@dataclass(slots=True, frozen=True)
class Interval:
    """A bootstrap percentile interval around a full-sample value."""

    value: float
    low: float
    high: float


def bcubed_items(gold: Sequence[str], pred: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Each item's B-cubed precision and recall; their means are `score`'s b3_p and b3_r."""
    joint = Counter(zip(gold, pred, strict=True))
    gsize, psize = Counter(gold), Counter(pred)
    p = np.array([joint[g, c] / psize[c] for g, c in zip(gold, pred, strict=True)])
    r = np.array([joint[g, c] / gsize[g] for g, c in zip(gold, pred, strict=True)])
    return p, r


def bcubed_interval(
    gold: Sequence[str],
    pred: Sequence[str],
    groups: Sequence[str],
    baseline: Sequence[str] | None = None,
    draws: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> Interval:
    """Bootstrap interval of B-cubed F1, or of F1(pred) - F1(baseline) when a baseline is given.

    Groups (an ECB+ topic, a GVA incident) are drawn with replacement, never single items: the items of
    one group succeed or fail together (a topic whose two events merge costs all its reports), so
    drawing items would understate the spread. Each item keeps the precision and recall it has in the
    full clustering; a draw re-averages them. Both clusterings see the same draws (a paired comparison).
    """
    names, index = np.unique(np.asarray(groups), return_inverse=True)
    runs = [bcubed_items(gold, pred)] + ([bcubed_items(gold, baseline)] if baseline is not None else [])
    # per group: item count and sums of item precision/recall for each clustering
    count = np.bincount(index, minlength=len(names)).astype(float)
    sums = [(np.bincount(index, p, len(names)), np.bincount(index, r, len(names))) for p, r in runs]
    rng = np.random.default_rng(seed)
    # how often each group is drawn, per draw: a (draws x groups) matrix of multiplicities
    weights = rng.multinomial(len(names), np.full(len(names), 1 / len(names)), size=draws).astype(float)
    n = weights @ count

    def f1s(p_sum: np.ndarray, r_sum: np.ndarray) -> np.ndarray:
        p, r = weights @ p_sum / n, weights @ r_sum / n
        return np.where(p + r > 0, 2 * p * r / np.maximum(p + r, 1e-12), 0.0)

    full = [_f1(float(p.mean()), float(r.mean())) for p, r in runs]
    samples = f1s(*sums[0]) - (f1s(*sums[1]) if baseline is not None else 0.0)
    value = full[0] - (full[1] if baseline is not None else 0.0)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(samples, [tail, 100 - tail])
    return Interval(value, float(low), float(high))


def _pairwise(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float]:
    """Precision and recall over item pairs put together."""
    joint = Counter(zip(gold, pred, strict=True))
    both = sum(n * (n - 1) / 2 for n in joint.values())
    in_pred = sum(n * (n - 1) / 2 for n in Counter(pred).values())
    in_gold = sum(n * (n - 1) / 2 for n in Counter(gold).values())
    return (both / in_pred if in_pred else 1.0), (both / in_gold if in_gold else 1.0)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0
