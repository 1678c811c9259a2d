"""Quality floors of bench/floors.json ("clean_extraction"), checked on a small sample of the real pages."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((ROOT / "bench" / "floors.json").read_text(encoding="utf-8"))["clean_extraction"]


def _bench():
    """bench/clean_extraction.py as a module: the same loading and scoring as the full benchmark."""
    name = "bench_clean_extraction"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "clean_extraction.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scored():
    bench = _bench()
    sample = FLOORS["sample"]
    pages = bench.load_pages(sample["pages_per_corpus"])
    ours = bench.score(pages, bench.run_newsfold(pages))
    import trafilatura

    bodies = [trafilatura.extract(p.html, url=p.url, include_comments=False) or "" for p in pages]
    bare = bench.score(pages, [{"body": body, "title": None, "date": None} for body in bodies])
    return sample, ours, bare


def test_sample_meets_the_floors(scored):
    sample, ours, _ = scored
    for corpus, floors in sample["floors"].items():
        for measure, floor in floors.items():
            assert ours[corpus][measure] >= floor, (corpus, measure, ours[corpus][measure], floor)


def test_cleaning_does_not_lose_to_bare_trafilatura(scored):
    sample, ours, bare = scored
    for corpus in ("naeb", "zyte"):
        assert ours[corpus]["f1_words"] >= bare[corpus]["f1_words"] - sample["f1_tolerance"], corpus
