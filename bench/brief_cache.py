"""Per-article analyses (MiniLM vectors, NER votes) of NeuS clusters, cached on disk for lead grids.

    .venv/bin/python bench/brief_cache.py --split train   # all 2,452 train clusters
    .venv/bin/python bench/brief_cache.py --split val     # all 307 val clusters

Writes bench/out/brief_cache_{split}.pkl: article id -> ArticleAnalysis, the same analysis compare() would
compute itself (float16 vectors either way, so a brief from the cache equals one computed from nothing).
bench/brief_lead_fit.py and bench/brief_rouge.py --cache read it, so a grid never re-encodes a sentence.
"""

from __future__ import annotations

import argparse
import logging
import os
import pickle
import time
from pathlib import Path

from brief_rouge import articles_of, load

from newsfold.compare import CompareConfig, analyze
from newsfold.compare.analysis import ArticleAnalysis

OUT = Path(__file__).resolve().parent / "out"


def cache_path(split: str) -> Path:
    return OUT / f"brief_cache_{split}.pkl"


def read_cache(split: str) -> dict[str, ArticleAnalysis]:
    """The cached analyses of a split, or {} when there are none yet."""
    path = cache_path(split)
    if not path.exists():
        return {}
    with path.open("rb") as f:
        return pickle.load(f)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=("val", "train"), default="train")
    parser.add_argument("--limit", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=64, help="clusters analysed per encode call")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    logging.basicConfig(level=logging.WARNING)
    clusters = load(args.limit, args.split)
    cached = read_cache(args.split)
    started = time.process_time()
    todo = [a for c in clusters for a in articles_of(c)]
    todo = list({a.id: a for a in todo if a.id not in cached}.values())
    for i in range(0, len(todo), args.batch * 3):
        cached.update((x.article, x) for x in analyze(todo[i : i + args.batch * 3], CompareConfig()))
        done = min(i + args.batch * 3, len(todo))
        print(f"{done}/{len(todo)} articles, {time.process_time() - started:.0f} s CPU")
    OUT.mkdir(exist_ok=True)
    with cache_path(args.split).open("wb") as f:
        pickle.dump(cached, f)
    print(f"{len(cached)} analyses in {cache_path(args.split)}")


if __name__ == "__main__":
    main()
