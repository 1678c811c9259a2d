"""Throughput of the Spark job (local[1], local[2]) against the local pipeline on the same corpus.

The corpus is built from real NAEB sentences (read from ../shared/data, never copied into the repo):
80% new articles (sentences drawn from the pool, dated over 120 days) and 20% copies of earlier ones
(exact, shuffled paragraphs, truncated). Both sides run read -> clean -> dedup -> cluster with the
meaning layer off (it is measured on a GPU by bench/scale_meaning_gpu.py); after a warm-up run, one
timed run per configuration, medians of what was timed. Peak RSS of the driver (Python) and of the
driver JVM (which in local mode also hosts the executors) is sampled every 50 ms at two corpus sizes.

    nice -n 10 .venv/bin/python bench/scale_throughput.py --sizes 1000 2000
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path

import psutil

from newsfold import pipeline
from newsfold.dedup import DedupConfig
from newsfold.scale.config import ScaleConfig
from newsfold.scale.job import run_job
from newsfold.scale.session import spark_session
from newsfold.store import Store

ROOT = Path(__file__).resolve().parents[1]
NAEB = ROOT / ".." / "shared" / "data" / "naeb" / "articles.json"
OUT = ROOT / "bench" / "out"
NO_MEANING = DedupConfig(meaning=dataclasses.replace(DedupConfig().meaning, enabled=False))


def make_corpus(folder: Path, n: int, seed: int = 1, per_file: int = 250) -> list[str]:
    """n JSONL records in files of `per_file` lines; returns the folder as the one input path."""
    rng = random.Random(seed)
    bodies = [r["articleBody"] for r in json.loads(NAEB.read_text(encoding="utf-8")).values()]
    pool = [s for b in bodies for s in re.split(r"(?<=[.!?])\s+", b) if len(s.split()) >= 6]
    made: list[dict] = []
    for k in range(n):
        day = f"2023-{9 + (k * 4 // max(n, 1)):02d}-{1 + k % 28:02d}"
        if made and rng.random() < 0.2:
            base = rng.choice(made)
            paras = base["text"].split("\n")
            kind = rng.randrange(3)
            paras = (
                paras
                if kind == 0
                else rng.sample(paras, len(paras))
                if kind == 1
                else paras[: len(paras) // 2 + 1]
            )
            made.append(
                {
                    "title": base["title"],
                    "date": base["date"],
                    "url": f"https://copy.example/{k}",
                    "text": "\n".join(paras),
                }
            )
            continue
        sents = rng.sample(pool, rng.randrange(12, 30))
        paras = [" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3)]
        made.append(
            {
                "title": sents[0][:80],
                "date": day,
                "url": f"https://news.example/{k}",
                "text": "\n".join(paras),
            }
        )
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for i in range(0, n, per_file):
        lines = (json.dumps(r) for r in made[i : i + per_file])
        (folder / f"part-{i // per_file:05d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(folder)]


class PeakRSS:
    """Samples the RSS of this process and of its JVM child every 50 ms; keeps the peaks (MiB)."""

    def __init__(self) -> None:
        self.python = self.jvm = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(0.05):
            self.python = max(self.python, me.memory_info().rss / 2**20)
            for child in me.children():
                if "java" in child.name():
                    self.jvm = max(self.jvm, child.memory_info().rss / 2**20)


def time_local(paths: list[str]) -> float:
    """Seconds for `newsfold run` (read, clean, store, dedup, cluster) on a fresh store."""
    config = pipeline.PipelineConfig(dedup=NO_MEANING, stop_after="cluster")
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.db") as store:
        start = time.perf_counter()
        report = pipeline.run(paths, store, config)
        elapsed = time.perf_counter() - start
    print(
        f"  local: {len(report.articles)} articles, {len(report.families)} families, "
        f"{len(report.stories)} stories in {elapsed:.1f} s"
    )
    return elapsed


def time_spark(master: str, runs: list[tuple[int, list[str]]], warm: list[str]) -> dict:
    """One session per master: a warm-up job, then one timed job per corpus size with peak RSS."""
    config = ScaleConfig(master=master, shuffle_partitions=4, window_days=30)
    spark = spark_session(config)
    out = tempfile.mkdtemp(prefix="scale-bench-")
    run_job(spark, warm, out, config, NO_MEANING)
    found = {}
    for n, paths in runs:
        with PeakRSS() as peak:
            start = time.perf_counter()
            report = run_job(spark, paths, out, config, NO_MEANING)
            elapsed = time.perf_counter() - start
        found[n] = {
            "seconds": elapsed,
            "articles_per_s": n / elapsed,
            "driver_python_mib": peak.python,
            "driver_jvm_mib": peak.jvm,
            "articles": report.articles,
            "families": report.families,
        }
        print(
            f"  spark {master}: {n} in {elapsed:.1f} s, python {peak.python:.0f} MiB, jvm {peak.jvm:.0f} MiB"
        )
    spark.stop()
    shutil.rmtree(out, ignore_errors=True)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50_000, 100_000])
    parser.add_argument("--local-sizes", type=int, nargs="*", default=None, help="default: every size")
    parser.add_argument("--warm", type=int, default=100, help="articles in the warm-up runs")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    warm = make_corpus(OUT / "scale_corpus_warm", args.warm, seed=9)
    runs = [(n, make_corpus(OUT / f"scale_corpus_{n}", n)) for n in args.sizes]
    results: dict = {"sizes": args.sizes, "local": {}, "spark": {}}
    local_sizes = args.sizes if args.local_sizes is None else args.local_sizes
    if local_sizes:
        time_local(warm)  # warm-up: models loaded once, as the Spark workers load theirs in the warm-up job
        for n, paths in runs:
            if n not in local_sizes:
                continue
            seconds = time_local(paths)
            results["local"][n] = {"seconds": seconds, "articles_per_s": n / seconds}
    for master in ("local[1]", "local[2]"):
        results["spark"][master] = time_spark(master, runs, warm)
    _summary(results)
    (OUT / "scale_throughput.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


def _summary(results: dict) -> None:
    for n in results["sizes"]:
        one, two = results["spark"]["local[1]"][n], results["spark"]["local[2]"][n]
        r1, r2 = one["articles_per_s"], two["articles_per_s"]
        line = f"{n} articles: spark local[1] {r1:.1f}/s, local[2] {r2:.1f}/s (x{r2 / r1:.2f} with 2 cores)"
        if n in results["local"]:
            local = results["local"][n]["articles_per_s"]
            line += f"; local pipeline {local:.1f}/s (spark local[2] / local = x{r2 / local:.2f})"
        print(line)


if __name__ == "__main__":
    main()
