"""Story clustering speed: a long stream in publication order, articles/s, peak memory, growth per story.

Run: nice -n 10 .venv/bin/python bench/cluster_speed.py [N] [--members]   (N articles, default 100,000;
--members: only the CPU cost of the member-by-member checks against centroid-only placement, same stream)

The stream is built from real texts (GVA + ECB+ + NAEB bodies, ~4,200). Feature extraction (spaCy NER +
MiniLM embedding of title + lead) is measured on real texts; the clustering stage is then run on N families
whose features are light perturbations of the real ones (terms dropped and rescaled, embedding noise),
one copy of each text every `SPACING_DAYS` days, so stories open and close as in a real stream and the
number of stories grows with N. Baseline in the same process: single-pass clustering that scans every
story (what an index-free online clusterer does), on growing prefixes. Per-article times are CPU time
(`time.process_time`): on a shared machine wall time mostly measures the neighbours.
"""

from __future__ import annotations

import json
import math
import os
import random
import resource
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cluster_data as data

from newsfold.cluster import ClusterConfig, FamilyFeatures, StoryState, extract
from newsfold.cluster.online import place, with_singletons
from newsfold.cluster.state import unit_tf

SPACING_DAYS = 150  # copies of one text lie beyond the 120-day horizon: each copy is a new event
START_DAY = 735000  # 2013-05-11, an arbitrary origin
EXTRACT_SAMPLE = 300  # real texts timed through feature extraction
BLOCK = 5000  # articles per timing block
SCAN_ARTICLES = 6000  # the scanning baseline is quadratic: a prefix shows its growth


def base_features() -> list[FamilyFeatures]:
    """Features of every real text (cached by cluster_data where it can)."""
    feats = [f for pair in (data.ecbplus(), data.gva()) for s in pair for f in data.features(s)]
    naeb = json.loads((data.DATA / "naeb" / "articles.json").read_text(encoding="utf-8"))
    stream = data.Stream("naeb-all", [], [])
    for key, v in naeb.items():
        stream.articles.append(
            data.Article(id=key, origin="naeb", raw="", text=v["articleBody"], title=v["title"])
        )
    return feats + data.features(stream)


def time_extraction(feats_source: list) -> tuple[float, float]:
    """CPU seconds per article and wall articles/s through `cluster.extract` (NER + embedding), real texts."""
    tr, _ = data.gva()
    articles = tr.articles[:EXTRACT_SAMPLE]
    table = {a.id: a for a in articles}
    extract(with_singletons([], {a.id: a for a in articles[:20]}), table)  # warm-up: models loaded
    t0, c0 = time.perf_counter(), time.process_time()
    extract(with_singletons([], table), table)
    return (time.process_time() - c0) / len(articles), len(articles) / (time.perf_counter() - t0)


def perturbed(base: FamilyFeatures, copy: int, day: int, rng: random.Random) -> FamilyFeatures:
    """A light variant of a real family's features, published on `day`."""
    terms = {t: c * rng.uniform(0.7, 1.3) for t, c in base.terms.items() if rng.random() > 0.15}
    noise = np.asarray([rng.gauss(0.0, 0.02) for _ in range(base.embedding.shape[0])], np.float32)
    vec = base.embedding + noise
    return FamilyFeatures(
        family=f"{base.family}~{copy}",
        articles=[f"{base.family}~{copy}"],
        title=base.title,
        day=day,
        published=date.fromordinal(day).isoformat(),
        terms=terms or dict(base.terms),
        entities=list(base.entities),
        embedding=vec / np.linalg.norm(vec),
        kinds=dict(base.kinds),
    )


def schedule(n_base: int, total: int) -> list[tuple[int, int, int]]:
    """(day, base index, copy) for `total` articles, in publication order."""
    rng = random.Random(7)
    items = [
        (START_DAY + k * SPACING_DAYS + rng.randrange(SPACING_DAYS), i, k)
        for k in range(math.ceil(total / n_base))
        for i in range(n_base)
    ][:total]
    return sorted(items)


def run_newsfold(
    bases: list[FamilyFeatures], total: int, config: ClusterConfig = ClusterConfig()
) -> list[dict]:
    """Place `total` perturbed families online; one timing row per block."""
    rng, state = random.Random(11), StoryState()
    rows, t0, clock, rss0 = [], time.perf_counter(), 0.0, _rss_mb()
    for n, (day, i, k) in enumerate(schedule(len(bases), total), start=1):
        feats = perturbed(bases[i], k, day, rng)
        start = time.process_time()  # CPU time: the machine is shared, wall time depends on the neighbours
        place(state, feats, config)
        clock += time.process_time() - start
        if n % BLOCK == 0 or n == total:
            open_now = sum(
                1 for s in state.stories.values() if s.last_day and s.last_day >= day - config.horizon_days
            )
            rows.append(
                {
                    "articles": n,
                    "stories": len(state.stories),
                    "open_stories": open_now,
                    "ms_per_article_block": round(
                        1000 * clock / (n - (rows[-1]["articles"] if rows else 0)), 3
                    ),
                    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                    "state_mb": round(
                        _rss_mb() - rss0, 1
                    ),  # growth of resident memory since the stream began
                    "wall_s": round(time.perf_counter() - t0, 1),
                    "load_average": round(os.getloadavg()[0], 1),
                }
            )
            print(rows[-1], flush=True)
            clock = 0.0
    return rows


def _rss_mb() -> float:
    """Resident memory of this process now (peak RSS includes the models loaded for extraction)."""
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def run_scan_baseline(bases: list[FamilyFeatures], total: int) -> list[dict]:
    """Single-pass tf-idf clustering that compares each family with every story (no index)."""
    rng = random.Random(11)
    centroids: list[dict[str, float]] = []
    rows, clock = [], 0.0
    for n, (day, i, k) in enumerate(schedule(len(bases), total), start=1):
        vec = unit_tf(perturbed(bases[i], k, day, rng).terms)
        start = time.process_time()
        best, best_sim = -1, 0.5
        for c, cen in enumerate(centroids):
            sim = sum(v * cen.get(t, 0.0) for t, v in vec.items())
            if sim > best_sim:
                best, best_sim = c, sim
        if best < 0:
            centroids.append(dict(vec))
        clock += time.process_time() - start
        if n % (total // 4) == 0:
            rows.append(
                {
                    "articles": n,
                    "stories": len(centroids),
                    "ms_per_article_block": round(1000 * clock / (total // 4), 3),
                }
            )
            print("scan baseline", rows[-1], flush=True)
            clock = 0.0
    return rows


def compare_member_checks(bases: list[FamilyFeatures], total: int) -> None:
    """CPU per article with and without the member-by-member checks, on the same stream, same process."""
    shipped = ClusterConfig()
    centroid_only = replace(shipped, member_candidates=0, split_threshold=-1.0)
    run_newsfold(bases[:200], 2000)  # warm-up
    out = {}
    for name, config in (("centroid only", centroid_only), ("shipped", shipped)):
        rows = run_newsfold(bases, total, config)
        out[name] = {
            "ms_per_article": [r["ms_per_article_block"] for r in rows],
            "stories": rows[-1]["stories"],
        }
    mine, theirs = (float(np.median(out[k]["ms_per_article"])) for k in ("shipped", "centroid only"))
    print(
        f"median CPU ms/article per block: shipped {mine:.2f}, centroid only {theirs:.2f} "
        f"(x{mine / theirs:.2f})"
    )
    out["load_average_end"] = round(os.getloadavg()[0], 1)
    data.write_json("cluster_speed_members", out)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    total = int(args[0]) if args else 100_000
    bases = base_features()
    if "--members" in sys.argv:  # only the member-check cost against the centroid-only placement
        compare_member_checks(bases, total)
        return
    print(f"{len(bases)} real texts as bases", flush=True)
    cpu_per_article, wall_rate = time_extraction(bases)
    rate = 1 / cpu_per_article
    print(
        f"feature extraction (spaCy NER + MiniLM, title + lead): {1000 * cpu_per_article:.0f} ms CPU per "
        f"article ({wall_rate:.1f} articles/s wall, load average {os.getloadavg()[0]:.1f})",
        flush=True,
    )
    run_newsfold(bases[:200], 2000)  # warm-up
    rows = run_newsfold(bases, total)
    scan_n = min(total, SCAN_ARTICLES)
    scan = run_scan_baseline(bases, scan_n)
    ours = [r for r in rows if r["articles"] <= scan_n]
    cluster_rate = total / sum(r["ms_per_article_block"] * BLOCK / 1000 for r in rows)
    result = {
        "articles": total,
        "extract_cpu_ms_per_article": round(1000 * cpu_per_article, 1),
        "extract_articles_per_s_cpu": round(rate, 1),
        "extract_articles_per_s_wall": round(wall_rate, 1),
        "load_average_end": round(os.getloadavg()[0], 1),
        "cluster_articles_per_s": round(cluster_rate, 1),
        "end_to_end_articles_per_s": round(1 / (1 / rate + 1 / cluster_rate), 1),
        "peak_rss_mb": rows[-1]["peak_rss_mb"],
        "blocks": rows,
        "scan_baseline": scan,
    }
    first, last = rows[0]["ms_per_article_block"], rows[-1]["ms_per_article_block"]
    both = result["end_to_end_articles_per_s"]
    print(
        f"\nnewsfold: {cluster_rate:.0f} articles/s clustering (CPU), {both} articles/s with extraction; "
        f"ms/article first block {first}, last block {last} "
        f"({rows[-1]['stories']} stories); peak RSS {rows[-1]['peak_rss_mb']} MB"
    )
    if scan and ours:
        theirs, mine = scan[-1]["ms_per_article_block"], ours[-1]["ms_per_article_block"]
        print(
            f"scan baseline at {scan[-1]['articles']} articles: {theirs} ms/article "
            f"vs newsfold {mine} (ratio {theirs / mine:.1f}x)"
        )
    data.write_json("cluster_speed", result)


if __name__ == "__main__":
    main()
