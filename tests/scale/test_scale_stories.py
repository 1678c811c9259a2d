"""Window reconciliation: stories that share a family across window boundaries become one story."""

from __future__ import annotations

import pytest

from newsfold.scale.config import ScaleConfig
from newsfold.scale.stories import _reconcile

pytestmark = pytest.mark.slow


def test_context_families_join_stories_across_windows(spark) -> None:
    placed = [
        (0, "f1", "sA", True),
        (0, "f2", "sA", True),
        (1, "f2", "sB", False),  # f2 is context in window 1: its story there continues sA
        (1, "f3", "sB", True),
        (1, "f4", "sC", True),
        (1, "f5", "sD", True),
        (2, "f5", "sE", False),  # f5 and f6 were apart in window 1 but meet in window 2
        (2, "f4", "sE", False),
        (2, "f6", "sE", True),
        (2, "f7", "sF", True),
    ]
    frame = spark.createDataFrame(placed, "window long, family string, story string, own boolean")
    rows = _reconcile(frame, ScaleConfig(shuffle_partitions=2)).collect()
    story = {r.family_id: r.story_id for r in rows}
    assert len(rows) == 7  # one row per family: its own window's story, reconciled
    assert story["f1"] == story["f2"] == story["f3"] == "sA"  # the earliest window names the story
    assert story["f4"] == story["f5"] == story["f6"] == "sC"
    assert story["f7"] == "sF"
