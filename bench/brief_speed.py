"""Brief speed: one 50-article story (real NAEB article bodies, English, Dec 2023), compare + write_brief.

    .venv/bin/python bench/brief_speed.py [--articles 50] [--runs 3]

Articles are cleaned once (not timed), each its own family, all in one story. After a warm-up run (model
loads), each run times the whole brief (compare + write_brief) and, inside it, the time spent in
`newsfold.embed.encode` (the sentence embeddings). Baseline in the same process: LexRank (TF-IDF cosine
graph + PageRank) over the same sentences, which only picks a 3-sentence summary. Prints medians and the
ratio; writes bench/out/brief_speed.json. Target (issue 6): under one second for the 50-article brief.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

import brief_rouge

from newsfold import embed
from newsfold.brief import write_brief
from newsfold.clean import clean
from newsfold.compare import compare
from newsfold.compare import units as units_module
from newsfold.model import Article, Origin, RawRecord, Story

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "naeb" / "articles.json"
OUT = Path(__file__).resolve().parent / "out"


def story_articles(n: int) -> list[Article]:
    """The first n English NAEB gold bodies of at least 1,000 characters, cleaned."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    picked = [v for v in data.values() if len(v.get("articleBody") or "") >= 1000 and v.get("title")][:n]
    return [
        clean(
            RawRecord(
                Origin(str(DATA), f"id {v['id']}"), v["articleBody"], title=v["title"], published=v["date"]
            )
        )
        for v in picked
    ]


class _Timed:
    """Wraps embed.encode to add up the seconds spent embedding."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.inner = embed.encode

    def __call__(self, texts: list[str], *args: object, **kwargs: object):
        started = time.perf_counter()
        try:
            return self.inner(texts, *args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    articles = story_articles(args.articles)
    story = Story(id="bench", label="", first=None, last=None, articles=[a.id for a in articles])
    sentences = [a.span_text(s) for a in articles for s in a.sentences]
    timed = _Timed()
    embed.encode = timed  # compare's modules call embed.encode through the module attribute
    assert units_module.embed is embed
    write_brief(story, compare(story, articles, []), articles, [])  # warm-up: model loads
    total, embedding, baseline = [], [], []
    for _ in range(args.runs):
        timed.seconds = 0.0
        started = time.perf_counter()
        write_brief(story, compare(story, articles, []), articles, [])
        total.append(time.perf_counter() - started)
        embedding.append(timed.seconds)
        started = time.perf_counter()
        brief_rouge.lexrank(sentences)
        baseline.append(time.perf_counter() - started)
    report = {
        "articles": len(articles),
        "sentences": len(sentences),
        "brief_seconds_median": round(statistics.median(total), 3),
        "embedding_seconds_median": round(statistics.median(embedding), 3),
        "lexrank_seconds_median": round(statistics.median(baseline), 3),
        "ratio_brief_vs_lexrank": round(statistics.median(total) / statistics.median(baseline), 1),
        "target_seconds": 1.0,
        "cpu_count": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "brief_speed.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
