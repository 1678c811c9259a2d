"""Fit the lead scorer (newsfold/brief/lead_model.py) and choose the lead settings, on NeuS TRAIN only.

    .venv/bin/python bench/brief_cache.py --split train      # once: the analyses, cached on disk
    .venv/bin/python bench/brief_lead_fit.py [--limit 2452] [--write]

Per train cluster: compare() (analyses from the cache), every usable sentence of every fact as a candidate
with lead.FEATURES, and its targets: the sentence's own ROUGE-1/2 recall and F against the editor's summary.
A ridge regression per target is fitted in 5 folds over clusters, so each cluster's leads are chosen with
scores from a model that never saw it; each (target, redundancy, extra-line threshold) is scored as whole
leads (ROUGE-1/2/Lsum F, summary.select, the shipped selection code) beside lead-1 and LexRank on the same
clusters. The setting with the largest worst-metric margin over the better baseline wins; its target is
refitted on all of train and, with --write, saved as newsfold/brief/lead_model.py. Val is never read.
Report: bench/out/brief_lead_fit.json.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from brief_cache import read_cache
from brief_rouge import METRICS, articles_of, lexrank, load, sentences
from rouge_score import rouge_scorer
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.linear_model import Ridge

from newsfold.brief import BriefConfig, lead, summary
from newsfold.compare import Comparison, compare
from newsfold.model import Story

OUT = Path(__file__).resolve().parent / "out"
TARGETS = ("r2_recall", "r2_f", "r12_recall", "r12_f")
REDUNDANCY = (0.6, 0.7, 0.75, 0.8, 0.85, 0.9)
EXTRA = (float("inf"), 1.0)  # extra lines past 3: none, or standardised score >= this many SDs up


@dataclass(slots=True)
class Cluster:
    """One train cluster as the fit needs it: its comparison, candidates, features and reference."""

    comparison: Comparison
    candidates: list[lead.Candidate]
    table: np.ndarray
    targets: dict[str, np.ndarray]
    reference: str
    baselines: dict[str, dict[str, float]]


def prepare(cluster: dict, scorer: rouge_scorer.RougeScorer, cache: dict, config: BriefConfig) -> Cluster:
    arts = articles_of(cluster)
    story = Story(id=cluster["cluster_id"], label="", first=None, last=None, articles=[a.id for a in arts])
    comparison = compare(story, arts, [], analyses=cache)
    candidates = summary.candidates_of(comparison, config)
    table = lead.features(comparison, candidates, [a.title for a in arts])
    reference = cluster["reference_summary"]
    rows = [scorer.score(reference, comparison.units[c.unit].text) for c in candidates]
    r1r = np.array([r["rouge1"].recall for r in rows])
    r2r = np.array([r["rouge2"].recall for r in rows])
    r1f = np.array([r["rouge1"].fmeasure for r in rows])
    r2f = np.array([r["rouge2"].fmeasure for r in rows])
    targets = {"r2_recall": r2r, "r2_f": r2f, "r12_recall": r1r + r2r, "r12_f": r1f + r2f}
    per = [sentences(a) for a in arts]
    baselines = {
        "lead-1": _rouge(scorer, reference, [s[0] for s in per if s]),
        "lexrank": _rouge(scorer, reference, lexrank([x for s in per for x in s])),
    }
    return Cluster(comparison, candidates, table, targets, reference, baselines)


def _rouge(scorer: rouge_scorer.RougeScorer, reference: str, lines: list[str]) -> dict[str, float]:
    result = scorer.score(reference, "\n".join(lines))
    return {m: result[m].fmeasure * 100 for m in METRICS}


def out_of_fold(clusters: list[Cluster], target: str, folds: int = 5, alpha: float = 1.0) -> list[np.ndarray]:
    """Each cluster's candidate scores from a ridge model fitted on the other folds (standardised)."""
    fold_of = np.arange(len(clusters)) % folds
    scores: list[np.ndarray] = [np.zeros(0)] * len(clusters)
    for k in range(folds):
        train = [c for c, f in zip(clusters, fold_of, strict=True) if f != k]
        model = fit(train, target, alpha)
        for i in np.nonzero(fold_of == k)[0].tolist():
            scores[i] = lead.score(clusters[i].table, model) if len(clusters[i].table) else np.zeros(0)
    return scores


def boosted_out_of_fold(clusters: list[Cluster], target: str, folds: int = 5) -> list[np.ndarray]:
    """The same folds with gradient-boosted trees: does a nonlinear scorer gain over the linear one?"""
    fold_of = np.arange(len(clusters)) % folds
    scores: list[np.ndarray] = [np.zeros(0)] * len(clusters)
    for k in range(folds):
        train = [c for c, f in zip(clusters, fold_of, strict=True) if f != k and len(c.table)]
        x = np.vstack([c.table for c in train])
        y = np.concatenate([c.targets[target] for c in train])
        model = HistGradientBoostingRegressor(max_iter=200, learning_rate=0.05, random_state=0).fit(x, y)
        for i in np.nonzero(fold_of == k)[0].tolist():
            scores[i] = model.predict(clusters[i].table) if len(clusters[i].table) else np.zeros(0)
    return scores


def fit(clusters: list[Cluster], target: str, alpha: float = 1.0) -> dict:
    """Ridge on standardised features; the score is standardised too, so thresholds read in SDs."""
    x = np.vstack([c.table for c in clusters if len(c.table)])
    y = np.concatenate([c.targets[target] for c in clusters if len(c.table)])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    ridge = Ridge(alpha=alpha).fit((x - mean) / scale, y)
    spread = float(np.std(ridge.predict((x - mean) / scale))) or 1.0
    return {
        "features": list(lead.FEATURES),
        "mean": mean.round(6).tolist(),
        "scale": scale.round(6).tolist(),
        "weights": (ridge.coef_ / spread).round(6).tolist(),
        "intercept": round(float((ridge.intercept_ - float(np.mean(y))) / spread), 6),
    }


def leads_rouge(
    clusters: list[Cluster], scores: list[np.ndarray], config: BriefConfig, scorer, memo: dict
) -> dict[str, float]:
    """Mean ROUGE F of the leads summary.select picks with these scores, and the median lead length."""
    totals = {m: [] for m in METRICS}
    lengths = []
    for i, (cluster, s) in enumerate(zip(clusters, scores, strict=True)):
        lines = [f.text for f in summary.select(cluster.comparison, cluster.candidates, s, config)]
        key = (i, tuple(lines))
        if key not in memo:
            memo[key] = _rouge(scorer, cluster.reference, lines)
        for m in METRICS:
            totals[m].append(memo[key][m])
        lengths.append(len(lines))
    row = {m: round(statistics.mean(v), 2) for m, v in totals.items()}
    return {**row, "median_lines": statistics.median(lengths)}


def margin(row: dict[str, float], baselines: dict[str, dict[str, float]]) -> float:
    """The worst metric's lead over the better of the two baselines."""
    return min(row[m] - max(b[m] for b in baselines.values()) for m in METRICS)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=2452)
    parser.add_argument("--write", action="store_true", help="save the chosen model to lead_model.py")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    logging.basicConfig(level=logging.WARNING)
    started = time.process_time()
    cache = read_cache("train")
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    base = BriefConfig()
    clusters = [prepare(c, scorer, cache, base) for c in load(args.limit, "train")]
    print(f"{len(clusters)} clusters prepared, {time.process_time() - started:.0f} s CPU")
    baselines = {
        name: {m: round(statistics.mean(c.baselines[name][m] for c in clusters), 2) for m in METRICS}
        for name in ("lead-1", "lexrank")
    }
    memo: dict = {}
    ranked = BriefConfig(learned_lead=False, redundancy=0.7)  # the lead as shipped before the scorer
    rank_rows = [summary.extract(c.comparison, ranked) for c in clusters]
    rank = {m: 0.0 for m in METRICS}
    for c, lines in zip(clusters, rank_rows, strict=True):
        r = _rouge(scorer, c.reference, [f.text for f in lines])
        for m in METRICS:
            rank[m] += r[m] / len(clusters)
    grid = []
    for target in TARGETS:
        oof = out_of_fold(clusters, target)
        for redundancy in REDUNDANCY:
            for extra in EXTRA:
                config = BriefConfig(redundancy=redundancy, lead_extra_score=extra)
                row = leads_rouge(clusters, oof, config, scorer, memo)
                row = {"target": target, "redundancy": redundancy, "extra": extra, **row}
                row["margin"] = round(margin(row, baselines), 2)
                grid.append(row)
                print(json.dumps(row))
    best = max(grid, key=lambda r: r["margin"])
    config = BriefConfig(redundancy=best["redundancy"])  # boosted scores are not standardised: 3 lines
    boosted = leads_rouge(clusters, boosted_out_of_fold(clusters, best["target"]), config, scorer, memo)
    print("boosted trees, same target and redundancy", json.dumps(boosted))
    model = fit(clusters, best["target"])
    model["fitted"] = f"ridge on {len(clusters)} NeuS train clusters, target {best['target']}; val not used"
    report = {
        "clusters": len(clusters),
        "baselines": baselines,
        "rank_order_lead": {m: round(v, 2) for m, v in rank.items()},
        "grid_out_of_fold": grid,
        "chosen": best,
        "boosted_same_setting": boosted,
        "model": model,
        "cpu_s": round(time.process_time() - started, 1),
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "brief_lead_fit.json").write_text(json.dumps(report, indent=2))
    print("baselines", json.dumps(baselines), "rank order", json.dumps(report["rank_order_lead"]))
    print("chosen", json.dumps(best))
    if args.write:
        write_model(model)


def write_model(model: dict) -> None:
    """Write newsfold/brief/lead_model.py: the weights as a Python literal, so they ship with the package."""
    path = Path(lead.__file__).with_name("lead_model.py")
    header = (
        '"""Generated by bench/brief_lead_fit.py --write: the lead scorer\'s fitted weights (do not edit)."""'
    )
    path.write_text(f"{header}\n\nMODEL = {model!r}\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", str(path)], check=False)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
