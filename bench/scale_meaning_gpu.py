"""The meaning layer on a GPU against a CPU: embedding throughput and end-to-end time for 1M articles.

It runs the code a Spark executor runs for the meaning layer (`dedup.meaning.embed_articles`, `centroid`,
`candidate_pairs`, `align`) on synthetic articles of real NAEB sentences, once with the GPU and once
with CUDA hidden (the same process layout an executor without a GPU has), after a warm-up each. The
1M-article time is extrapolated linearly from the measured rate (embedding is per article; ANN search
and alignment are measured too and scale ~linearly per article at fixed neighbours).

    .venv/bin/python bench/scale_meaning_gpu.py --articles 2000 --cpu-articles 300
    (on a GPU machine: --pool FILE gives the sentence pool when ../shared is not there)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAEB = ROOT / ".." / "shared" / "data" / "naeb" / "articles.json"
MILLION = 1_000_000


def sentence_pool(path: str | None) -> list[str]:
    if path:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    bodies = [r["articleBody"] for r in json.loads(NAEB.read_text(encoding="utf-8")).values()]
    return [s for b in bodies for s in re.split(r"(?<=[.!?])\s+", b) if len(s.split()) >= 6]


def articles(pool: list[str], n: int, seed: int = 5) -> list:
    """n articles of 12-30 pool sentences in paragraphs of three (NAEB bodies average ~25 sentences)."""
    from newsfold.model import Article

    rng = random.Random(seed)
    out = []
    for k in range(n):
        sents = rng.sample(pool, rng.randrange(12, 30))
        text = "\n".join(" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3))
        out.append(Article(id=f"a{k}", origin=f"bench#{k}", raw=text, text=text))
    return out


def measure(pool: list[str], n: int, chunk: int) -> dict:
    """Embed n articles in executor-sized chunks, then ANN candidates and sentence alignment."""
    import numpy as np
    import torch

    from newsfold.dedup.config import MeaningConfig
    from newsfold.dedup.meaning import align, candidate_pairs, centroid, embed_articles

    config = MeaningConfig()
    docs = articles(pool, n)
    embed_articles(docs[:64], config)  # warm-up: model load, kernels
    if torch.cuda.is_available():
        torch.cuda.synchronize()
    start = time.perf_counter()
    vectors = [v for i in range(0, n, chunk) for v in embed_articles(docs[i : i + chunk], config)]
    embed_s = time.perf_counter() - start
    sentences = sum(len(v) for v in vectors)
    start = time.perf_counter()
    cents = np.stack([centroid(v.astype(np.float16).astype(np.float32)) for v in vectors])
    pairs = candidate_pairs(cents, np.arange(n), config)
    aligned = [align(vectors[a], vectors[b], config.sentence_cosine) for a, b, _ in pairs]
    search_s = time.perf_counter() - start
    device = torch.cuda.get_device_name(0) if torch.cuda.is_available() else f"cpu x{torch.get_num_threads()}"
    rate = n / embed_s
    return {
        "device": device,
        "articles": n,
        "sentences": sentences,
        "embed_s": embed_s,
        "articles_per_s": rate,
        "sentences_per_s": sentences / embed_s,
        "ann_align_s": search_s,
        "candidate_pairs": len(pairs),
        "aligned_pairs": sum(1 for a in aligned if a),
        "million_articles_h": MILLION / rate / 3600 + search_s * MILLION / n / 3600,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000, help="articles embedded on the GPU")
    parser.add_argument("--cpu-articles", type=int, default=1_000, help="articles embedded on the CPU")
    parser.add_argument("--chunk", type=int, default=2_000, help="articles per call (an Arrow batch)")
    parser.add_argument("--pool", default=None, help="JSON list of sentences (default: NAEB from ../shared)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "scale_meaning_gpu.json"))
    parser.add_argument("--one", choices=["gpu", "cpu"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    pool = sentence_pool(args.pool)
    if args.one:
        n = args.articles if args.one == "gpu" else args.cpu_articles
        print(json.dumps(measure(pool, n, args.chunk)))
        return
    results = {kind: _child(kind, sys.argv[1:]) for kind in ("gpu", "cpu")}
    gpu, cpu = results["gpu"], results["cpu"]
    for kind, r in results.items():
        rates = f"{r['articles_per_s']:.1f} articles/s ({r['sentences_per_s']:.0f} sentences/s)"
        rest = f"ANN+align {r['ann_align_s']:.1f} s for {r['articles']}; 1M ~{r['million_articles_h']:.2f} h"
        print(f"{kind}: {r['device']}: {rates}, {rest}")
    print(f"GPU/CPU embedding throughput: x{gpu['articles_per_s'] / cpu['articles_per_s']:.1f}")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2), encoding="utf-8")


def _child(kind: str, argv: list[str]) -> dict:
    """Run one measurement in a fresh process; the CPU one cannot see the GPU."""
    env = dict(os.environ)
    if kind == "cpu":
        env["CUDA_VISIBLE_DEVICES"] = ""
    done = subprocess.run(
        [sys.executable, __file__, *argv, "--one", kind], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"{kind} run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
