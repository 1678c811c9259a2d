"""Quality floor on a small labelled sample (ECB+ test topics); full figures: bench/cluster_quality.py."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from newsfold.cluster import ClusterConfig, extract, with_singletons
from newsfold.cluster.evaluate import score
from newsfold.cluster.learn import run_stream
from newsfold.model import Article

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / ".." / "shared" / "data"


def test_ecbplus_sample_meets_the_floor() -> None:
    floors = json.loads((REPO / "bench" / "floors.json").read_text(encoding="utf-8"))["cluster_quality"][
        "sample"
    ]
    with gzip.open(DATA / "ecbplus" / "ecbplus_topics_1-35.jsonl.gz", "rt") as handle:
        rows = [r for r in map(json.loads, handle) if r["topic"] in floors["ecbplus_topics"]]
    rows.sort(key=lambda r: r["doc_id"])
    articles = {
        r["doc_id"]: Article(
            id=r["doc_id"], origin="ecbplus", raw=r["text"], text=r["text"] or r["title"], title=r["title"]
        )
        for r in rows
    }
    feats = extract(with_singletons([], articles), articles)
    scores = score([r["cluster_id"] for r in rows], run_stream(feats, ClusterConfig()))
    assert scores.b3_f1 >= floors["floors"]["b3_f1"], scores
    assert scores.merged_events <= floors["floors"]["merged_events"], scores
