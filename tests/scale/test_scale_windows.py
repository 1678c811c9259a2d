"""The Spark job's windowed story placement equals its one-machine reference on a real dated stream.

110 real GVA reports (Jan-Jun 2013, gold incidents) in 14-day windows that each replay 30 days: the
stream crosses a dozen window boundaries, so the replay, the prior idf and the reconcile all take part.
How close that scheme stays to the online clusterer is measured in bench/scale_windows.py.
"""

from __future__ import annotations

import gzip
import json
import pickle
from collections import defaultdict
from pathlib import Path

import pytest

from newsfold.cluster import ClusterConfig, extract
from newsfold.model import Article, CopyFamily, FamilyMember
from newsfold.scale.config import ScaleConfig
from newsfold.scale.stories import (
    FEATURES_SCHEMA,
    _place,
    _reconcile,
    _windows,
    window_range,
    windowed_stories,
)

pytestmark = pytest.mark.slow
GVA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "gva" / "gva_incidents_dev.jsonl.gz"
CONFIG = ScaleConfig(master="local[2]", shuffle_partitions=2, window_days=14, context_days=30)


@pytest.fixture(scope="module")
def stream() -> list:
    """Features of the first half-year of GVA reports, in date order (one family per article)."""
    with gzip.open(GVA, "rt") as handle:
        rows = [json.loads(line) for line in handle]
    rows = sorted((r for r in rows if r["dct"] < "2013-07"), key=lambda r: (r["dct"], r["doc_id"]))
    rows = list({r["doc_id"]: r for r in rows}.values())  # a report listed under two incidents, once
    articles = {
        r["doc_id"]: Article(
            id=r["doc_id"], origin="gva", raw=r["text"], text=r["text"], title=r["title"], published=r["dct"]
        )
        for r in rows
    }
    families = [CopyFamily(id=a, canonical=a, members=[FamilyMember(a, "canonical", 1.0)]) for a in articles]
    return extract(families, articles, ClusterConfig())


def test_spark_windows_equal_the_reference(spark, stream: list) -> None:
    cluster_config = ClusterConfig()
    windows = {window_range(f.day, CONFIG.window_days, CONFIG.context_days)[0] for f in stream}
    assert len(stream) > 100 and len(windows) >= 10  # the test must cross many window boundaries
    rows = [(f.family, f.day, f"{i:012d}", pickle.dumps(f)) for i, f in enumerate(stream)]
    feats = spark.createDataFrame(rows, FEATURES_SCHEMA)
    placed = _place(_windows(feats, CONFIG, cluster_config), CONFIG, cluster_config)
    found = {r.family_id: r.story_id for r in _reconcile(placed, CONFIG).collect()}
    expected = windowed_stories(stream, cluster_config, CONFIG.window_days, CONFIG.context_days)
    assert found == expected
    # ... and stories really continue across windows (one story holds families of several windows)
    spans: dict[str, set[int]] = defaultdict(set)
    for f in stream:
        spans[expected[f.family]].add(window_range(f.day, CONFIG.window_days, CONFIG.context_days)[0])
    assert max(len(s) for s in spans.values()) >= 2


def test_reference_without_prior_idf_or_with_the_old_reconcile_differs(stream: list) -> None:
    """The two ablations change the result here, so the equality above checks both mechanisms."""
    cluster_config = ClusterConfig()
    shipped = windowed_stories(stream, cluster_config, CONFIG.window_days, CONFIG.context_days)
    no_prior = windowed_stories(
        stream, cluster_config, CONFIG.window_days, CONFIG.context_days, prior_idf=False
    )
    old = windowed_stories(stream, cluster_config, CONFIG.window_days, CONFIG.context_days, reconcile="all")
    assert _groups(no_prior) != _groups(shipped)
    assert _groups(old) != _groups(shipped)


def _groups(labels: dict[str, str]) -> set[frozenset[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for family, story in labels.items():
        found[story].add(family)
    return {frozenset(v) for v in found.values()}
