"""Clustering scores on small labellings worked out by hand."""

from __future__ import annotations

import pytest

from newsfold.cluster.evaluate import merged_events, score


def test_perfect_clustering_scores_one() -> None:
    s = score(["a", "a", "b", "c"], ["x", "x", "y", "z"])
    assert (s.b3_f1, s.pair_f1, s.ari, s.merged_events) == (1.0, 1.0, 1.0, 0)


def test_bcubed_and_pairwise_by_hand() -> None:
    # gold {1,2,3} {4}; predicted {1,2} {3,4}
    s = score(["a", "a", "a", "b"], ["x", "x", "y", "y"])
    # B3 precision: items 1,2 -> 1; item 3 -> 1/2; item 4 -> 1/2 => 3/4
    assert s.b3_p == pytest.approx(0.75)
    # B3 recall: items 1,2 -> 2/3; item 3 -> 1/3; item 4 -> 1 => (2/3+2/3+1/3+1)/4
    assert s.b3_r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    # pairs predicted: (1,2) (3,4); gold pairs: (1,2) (1,3) (2,3)
    assert (s.pair_p, s.pair_r) == (pytest.approx(0.5), pytest.approx(1 / 3))


def test_merged_events_counts_events_that_share_a_cluster() -> None:
    # events a and b mostly in cluster x: both merged; c alone in y; d split but not merged
    assert merged_events(["a", "a", "b", "b", "c", "d", "d"], ["x", "x", "x", "x", "y", "z", "w"]) == 2
    assert merged_events(["a", "b"], ["x", "y"]) == 0
