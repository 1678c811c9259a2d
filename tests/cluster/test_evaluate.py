"""Clustering scores on small labellings worked out by hand."""

from __future__ import annotations

import pytest

from newsfold.cluster.evaluate import bcubed_interval, bcubed_items, merged_events, score


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


def test_bcubed_items_average_to_the_bcubed_scores() -> None:
    gold, pred = ["a", "a", "a", "b", "c", "c"], ["x", "x", "y", "y", "z", "x"]
    p, r = bcubed_items(gold, pred)
    s = score(gold, pred)
    assert (p.mean(), r.mean()) == (pytest.approx(s.b3_p), pytest.approx(s.b3_r))


def test_bcubed_interval_holds_the_score_and_widens_with_fewer_groups() -> None:
    # 40 topics of two events each; in every fourth topic the two events are merged
    gold, pred, topics = [], [], []
    for t in range(40):
        for e in range(2):
            for _doc in range(5):
                gold.append(f"{t}/{e}")
                pred.append(f"{t}" if t % 4 == 0 else f"{t}/{e}")
                topics.append(str(t))
    wide = bcubed_interval(gold, pred, topics)
    assert wide.value == pytest.approx(score(gold, pred).b3_f1)
    assert wide.low < wide.value < wide.high < 1.0
    # drawing single documents ignores that a topic fails as a whole: a narrower, overconfident interval
    narrow = bcubed_interval(gold, pred, [str(i) for i in range(len(gold))])
    assert narrow.high - narrow.low < wide.high - wide.low


def test_paired_interval_of_a_clustering_against_itself_is_zero() -> None:
    gold = ["a", "a", "b", "b", "c"]
    pred = ["x", "x", "x", "y", "z"]
    same = bcubed_interval(gold, pred, gold, baseline=pred)
    assert (same.value, same.low, same.high) == (0.0, 0.0, 0.0)
    better = bcubed_interval(gold, gold, gold, baseline=pred)
    assert better.value > 0 and better.low >= 0.0
