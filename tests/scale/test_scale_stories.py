"""Window reconciliation: a window's story continues the earlier stories its replayed families came from."""

from __future__ import annotations

import pytest

from newsfold.scale.config import ScaleConfig
from newsfold.scale.stories import PLACED_SCHEMA, _reconcile

pytestmark = pytest.mark.slow


def test_replayed_families_join_stories_across_windows(spark) -> None:
    # (window, family, story at the end of the window, own, story at the end of the window's replay)
    placed = [
        (0, "f1", "sA", True, None),
        (0, "f2", "sA", True, None),
        (1, "f2", "sB", False, "sB"),  # f2 is replayed in window 1: its story there continues sA
        (1, "f3", "sB", True, None),
        (1, "f4", "sC", True, None),
        (1, "f5", "sD", True, None),
        # f5 and f4 were replayed into two stories that window 2's own family f6 then merged: a real merge
        (2, "f5", "sE", False, "sE1"),
        (2, "f4", "sE", False, "sE2"),
        (2, "f6", "sE", True, None),
        (2, "f6b", "sE", True, None),
        (2, "f7", "sF", True, None),
        # the replay alone put f6, f6b and f7 together (no history): only the story most came from continues
        (3, "f6", "sG", False, "sG"),
        (3, "f6b", "sG", False, "sG"),
        (3, "f7", "sG", False, "sG"),
        (3, "f8", "sG", True, None),
    ]
    frame = spark.createDataFrame(placed, PLACED_SCHEMA)
    rows = _reconcile(frame, ScaleConfig(shuffle_partitions=2)).collect()
    story = {r.family_id: r.story_id for r in rows}
    assert len(rows) == 9  # one row per family: its own window's story, reconciled
    assert story["f1"] == story["f2"] == story["f3"] == "sA"  # the earliest window names the story
    assert story["f4"] == story["f5"] == story["f6"] == story["f6b"] == story["f8"] == "sC"
    assert story["f7"] == "sF"  # not chained into sC by the replay of window 3
