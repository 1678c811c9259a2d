"""Brief lead quality on NeuS (AllSides roundups, val split): ROUGE-1/2/Lsum against the editors' summary.

    .venv/bin/python bench/brief_rouge.py [--limit 307] [--split val|train] [--cache]

Each cluster's three outlet leads (title + lead text) are cleaned into articles, each its own family, and
folded into one story. Systems, same run, same sentences (clean's segmentation):
  newsfold   the brief's extractive lead (write_brief), every line a cited source sentence
  lead-1     the first sentence of each article (3 sentences)
  lexrank    LexRank (TF-IDF cosine graph, PageRank) over all sentences, top 3 in graph order
  fact-order the lead before the learned scorer (learned_lead=False, redundancy 0.7), same comparison
ROUGE via rouge-score 0.1.2 with use_stemmer=True (Lsum over newline-separated sentences). Prints a table and
writes bench/out/brief_rouge.json; also checks every newsfold lead line is a cited source sentence.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import statistics
import time
from pathlib import Path

import numpy as np
from rouge_score import rouge_scorer
from sklearn.feature_extraction.text import TfidfVectorizer

from newsfold.brief import BriefConfig, write_brief
from newsfold.clean import clean
from newsfold.compare import compare
from newsfold.model import Article, Origin, RawRecord, Story

NEUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "neus"
OUT = Path(__file__).resolve().parent / "out"
METRICS = ("rouge1", "rouge2", "rougeLsum")


def load(limit: int, split: str = "val") -> list[dict]:
    """The first `limit` clusters of a NeuS split (train: the lead scorer was fitted on it; val: held out)."""
    with gzip.open(NEUS / f"neus_{split}.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for _, line in zip(range(limit), f, strict=False)]


def articles_of(cluster: dict) -> list[Article]:
    out = []
    for i, a in enumerate(cluster["articles"]):
        record = RawRecord(Origin(cluster["cluster_id"], f"item {i}"), a["text"], title=a["title"])
        out.append(clean(record))
    return out


def sentences(article: Article) -> list[str]:
    return [article.span_text(s).strip() for s in article.sentences if article.span_text(s).strip()]


def lexrank(all_sentences: list[str], k: int = 3, damping: float = 0.85) -> list[str]:
    """LexRank: PageRank over the TF-IDF cosine graph of all sentences (continuous weights)."""
    if len(all_sentences) <= k:
        return all_sentences
    tfidf = TfidfVectorizer(stop_words="english").fit_transform(all_sentences)
    sim = (tfidf @ tfidf.T).toarray()
    np.fill_diagonal(sim, 0.0)
    rows = sim.sum(axis=1, keepdims=True)
    rows[rows == 0] = 1.0
    matrix = sim / rows
    n = len(all_sentences)
    score = np.full(n, 1.0 / n)
    for _ in range(50):
        score = (1 - damping) / n + damping * matrix.T @ score
    top = sorted(np.argsort(-score)[:k])
    return [all_sentences[i] for i in top]


def newsfold_lead(
    cluster_id: str, arts: list[Article], analyses: dict | None = None
) -> tuple[list[str], bool, list[str]]:
    """The shipped lead (learned scorer), whether it is faithful, and the fact-rank-order lead (before it)."""
    story = Story(id=cluster_id, label="", first=None, last=None, articles=[a.id for a in arts])
    comparison = compare(story, arts, [], analyses=analyses)
    brief = write_brief(story, comparison, arts, [])
    ranked = write_brief(story, comparison, arts, [], BriefConfig(learned_lead=False, redundancy=0.7)).summary
    texts = {a.id: a.text for a in arts}
    faithful = all(
        line.cites and all(line.text in texts[c.article][c.start : c.end] for c in line.cites)
        for line in brief.summary
    )
    return [line.text for line in brief.summary], faithful, [line.text for line in ranked]


def evaluate(clusters: list[dict], analyses: dict | None = None) -> dict:
    """ROUGE of newsfold, lead-1 and LexRank over the clusters, faithfulness and timing (the report)."""
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    scores: dict[str, dict[str, list[float]]] = {
        s: {m: [] for m in METRICS} for s in ("newsfold", "lead-1", "lexrank", "fact-order")
    }
    faithful, seconds, lengths = 0, [], []
    for cluster in clusters:
        arts = articles_of(cluster)
        per = [sentences(a) for a in arts]
        started = time.perf_counter()
        lead, ok, ranked = newsfold_lead(cluster["cluster_id"], arts, analyses)
        seconds.append(time.perf_counter() - started)
        faithful += ok
        lengths.append(len(lead))
        systems = {
            "newsfold": lead,
            "lead-1": [s[0] for s in per if s],
            "lexrank": lexrank([x for s in per for x in s]),
            "fact-order": ranked,
        }
        for name, summary in systems.items():
            result = scorer.score(cluster["reference_summary"], "\n".join(summary))
            for m in METRICS:
                scores[name][m].append(result[m].fmeasure * 100)
    table = {name: {m: round(statistics.mean(v), 2) for m, v in per.items()} for name, per in scores.items()}
    gains = {base: _gain_interval(scores["newsfold"], scores[base]) for base in ("lead-1", "lexrank")}
    return {
        "clusters": len(clusters),
        "rouge_f": table,
        "newsfold_faithful_clusters": faithful,
        "newsfold_lead_sentences_median": statistics.median(lengths),
        "newsfold_seconds_per_cluster_median": round(statistics.median(seconds), 4),
        "ratio_vs_lead1": {m: round(table["newsfold"][m] / table["lead-1"][m], 3) for m in METRICS},
        "ratio_vs_lexrank": {m: round(table["newsfold"][m] / table["lexrank"][m], 3) for m in METRICS},
        "gain_ci95": gains,
    }


def _gain_interval(
    ours: dict[str, list[float]], theirs: dict[str, list[float]], resamples: int = 2000
) -> dict[str, list[float]]:
    """Paired bootstrap over clusters: 95% interval of newsfold's mean ROUGE gain over a baseline."""
    rng = np.random.default_rng(0)
    out = {}
    for m in METRICS:
        diff = np.asarray(ours[m]) - np.asarray(theirs[m])
        means = diff[rng.integers(0, len(diff), (resamples, len(diff)))].mean(axis=1)
        out[m] = [round(float(np.percentile(means, 2.5)), 2), round(float(np.percentile(means, 97.5)), 2)]
    return out


def read_cache(split: str) -> dict:
    from brief_cache import read_cache as cached  # brief_cache imports this module: import late

    return cached(split)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=307)
    parser.add_argument("--split", choices=("val", "train"), default="val", help="train: a held-out check")
    parser.add_argument(
        "--cache", action="store_true", help="analyses from bench/brief_cache.py (same vectors)"
    )
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    logging.basicConfig(level=logging.WARNING)
    clusters = load(args.limit, args.split)
    newsfold_lead("warm", articles_of(clusters[0]))
    analyses = read_cache(args.split) if args.cache else None
    report = evaluate(clusters, analyses)
    OUT.mkdir(exist_ok=True)
    name = "brief_rouge.json" if args.split == "val" else f"brief_rouge_{args.split}.json"
    (OUT / name).write_text(json.dumps({"split": args.split, **report}, indent=2))
    print(f"{'system':10} {'R1':>6} {'R2':>6} {'RLsum':>6}")
    for name, row in report["rouge_f"].items():
        print(f"{name:10} {row['rouge1']:6.2f} {row['rouge2']:6.2f} {row['rougeLsum']:6.2f}")
    print(json.dumps({k: v for k, v in report.items() if k != "rouge_f"}))


if __name__ == "__main__":
    main()
