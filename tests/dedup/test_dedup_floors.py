"""Quality floors of bench/floors.json ("dedup_quality"), checked on a small sample of the real bodies."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((ROOT / "bench" / "floors.json").read_text(encoding="utf-8"))["dedup_quality"]["sample"]


def _bench():
    """bench/dedup_quality.py as a module: the same copies, negatives and scoring as the full benchmark."""
    name = "bench_dedup_quality"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "dedup_quality.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def scores():
    bench = _bench()
    items = bench.planted(FLOORS["bases"], FLOORS["negatives"])
    return bench.score(items, bench.predict_newsfold(items, FLOORS["meaning"])), bench


def test_every_copy_kind_meets_the_floor(scores):
    result, bench = scores
    floors = FLOORS["floors"]
    for kind in bench.dc.KINDS:
        assert result[kind]["f1"] >= floors["f1_every_kind"], (kind, result[kind])
    assert result["ari"] >= floors["ari"]


def test_no_hard_negative_is_merged(scores):
    result, _ = scores
    floors = FLOORS["floors"]
    assert result["hard_negatives_merged"] <= floors["hard_negatives_merged"]
    assert result["pairs_merged_across_true_families"] <= floors["pairs_merged_across_true_families"]
