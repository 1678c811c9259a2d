"""Clustering scores against gold labels: B-cubed and pairwise P/R/F1, ARI, and merged gold events."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass


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

    b3p, b3r = _bcubed(gold, pred)
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


def _bcubed(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float]:
    """Item-averaged B-cubed precision and recall."""
    joint = Counter(zip(gold, pred, strict=True))
    gsize, psize = Counter(gold), Counter(pred)
    p = sum(n * n / psize[c] for (_, c), n in joint.items()) / len(gold)
    r = sum(n * n / gsize[g] for (g, _), n in joint.items()) / len(gold)
    return p, r


def _pairwise(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float]:
    """Precision and recall over item pairs put together."""
    joint = Counter(zip(gold, pred, strict=True))
    both = sum(n * (n - 1) / 2 for n in joint.values())
    in_pred = sum(n * (n - 1) / 2 for n in Counter(pred).values())
    in_gold = sum(n * (n - 1) / 2 for n in Counter(gold).values())
    return (both / in_pred if in_pred else 1.0), (both / in_gold if in_gold else 1.0)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0
