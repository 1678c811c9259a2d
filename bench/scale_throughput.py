"""Throughput of the Spark job (local[1], local[2]) against the local pipeline on the same corpus.

The corpus is built from real NAEB sentences (read from ../shared/data, never copied into the repo):
80% new articles (12-30 pool sentences, each with two words replaced, dated over 120 days) and 20%
copies of earlier ones (exact, shuffled paragraphs, truncated), as JSONL files of 250 records. Both
sides run the same stages with the same settings: `--until families` is read -> clean -> copy
families (the dedup part), `--until stories` adds story clustering; the meaning layer is off on both
sides (bench/scale_meaning_gpu.py measures it) and `--segmenter rules` swaps spaCy's sentence
splitter for the regex one on both sides.

Every configuration runs in its own process after a warm-up job; what is timed is one job per size:
wall seconds, and CPU seconds of every process that did the work (the local run's own process; for
Spark the driver, its JVM and every Python worker, summed per process over the job). Sampled every
200 ms: peak RSS of the driver's Python, of the driver JVM (which in local[N] mode also runs the
tasks), of separate executor JVMs (local-cluster masters) and of the Python workers together, and the
driver JVM's peak heap in use. The load average is printed beside every wall-clock figure.

    nice -n 10 .venv/bin/python bench/scale_throughput.py --until families --segmenter rules \\
        --sizes 10000 30000 100000 --masters 'local[1]' 'local[2]'

`--pinned` runs the local pipeline and one single-core Spark master (`local[1]`) at the same time, each
pinned to its own core with one math thread (torch, BLAS): the whole job with stories at 100k articles
costs about an hour per side on this 2-core machine, so side by side is how both fit one sitting; each
side has a core to itself, so the comparison is per core.

    .venv/bin/python bench/scale_throughput.py --until stories --segmenter rules --sizes 100000 \\
        --masters 'local[1]' --pinned --name _stories100k_pinned
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
NAEB = ROOT / ".." / "shared" / "data" / "naeb" / "articles.json"
OUT = ROOT / "bench" / "out"


def make_corpus(folder: Path, n: int, seed: int = 1, per_file: int = 250) -> list[str]:
    """n JSONL records in files of `per_file` lines; returns the folder as the one input path."""
    rng = random.Random(seed)
    bodies = [r["articleBody"] for r in json.loads(NAEB.read_text(encoding="utf-8")).values()]
    pool = [s.split() for b in bodies for s in re.split(r"(?<=[.!?])\s+", b) if len(s.split()) >= 6]
    vocabulary = sorted({w for words in pool for w in words if w.isalpha() and len(w) >= 4})
    made: list[dict] = []
    for k in range(n):
        if made and rng.random() < 0.2:
            made.append(_copy_of(rng.choice(made), k, rng))
            continue
        day = f"2023-{9 + (k * 4 // max(n, 1)):02d}-{1 + k % 28:02d}"
        sents = [_reworded(words, vocabulary, rng) for words in rng.sample(pool, rng.randrange(12, 30))]
        paras = [" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3)]
        record = {
            "title": sents[0][:80],
            "date": day,
            "url": f"https://news.example/{k}",
            "text": "\n".join(paras),
        }
        made.append(record)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for i in range(0, n, per_file):
        lines = (json.dumps(r) for r in made[i : i + per_file])
        (folder / f"part-{i // per_file:05d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(folder)]


def _reworded(words: list[str], vocabulary: list[str], rng: random.Random) -> str:
    """A pool sentence with two words swapped for random ones: a new article reuses NAEB's language but
    none of its sentences verbatim, so only the planted copies share sentences (as in a real feed; a
    pool of ~10k sentences drawn as-is would chain every article into one candidate group)."""
    words = list(words)
    for _ in range(2):
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
    return " ".join(words)


def _copy_of(base: dict, k: int, rng: random.Random) -> dict:
    """An exact, paragraph-shuffled or truncated copy of an earlier record, at another URL."""
    paras = base["text"].split("\n")
    kind = rng.randrange(3)
    if kind == 1:
        paras = rng.sample(paras, len(paras))
    elif kind == 2:
        paras = paras[: len(paras) // 2 + 1]
    return {
        "title": base["title"],
        "date": base["date"],
        "url": f"https://copy.example/{k}",
        "text": "\n".join(paras),
    }


class Sampler:
    """Every 200 ms: peak RSS per role, CPU seconds per process of this process tree, driver JVM heap."""

    def __init__(self, spark: Any = None) -> None:
        self.peak = {"driver_python": 0.0, "driver_jvm": 0.0, "executor_jvms": 0.0, "python_workers": 0.0}
        self.heap_mib = 0.0
        self.cpu: dict[int, float] = {}
        self._runtime = spark._jvm.java.lang.Runtime.getRuntime() if spark is not None else None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self.cpu_before = self._cpu_now()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def cpu_seconds(self) -> float:
        """CPU used during the job: per process, last sample minus what it had used before the job."""
        return sum(s - self.cpu_before.get(pid, 0.0) for pid, s in self.cpu.items())

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self._sample()

    def _cpu_now(self) -> dict[int, float]:
        found = {}
        for proc in [psutil.Process(), *psutil.Process().children(recursive=True)]:
            try:
                times = proc.cpu_times()
                found[proc.pid] = times.user + times.system
            except psutil.Error:
                continue
        return found

    def _sample(self) -> None:
        me = psutil.Process()
        rss = {key: 0.0 for key in self.peak}
        for proc in [me, *me.children(recursive=True)]:
            try:
                mib = proc.memory_info().rss / 2**20
                times = proc.cpu_times()
                role = _role(proc, me)
            except psutil.Error:
                continue
            self.cpu[proc.pid] = max(self.cpu.get(proc.pid, 0.0), times.user + times.system)
            rss[role] += mib
        for key, value in rss.items():
            self.peak[key] = max(self.peak[key], value)
        if self._runtime is not None:
            used = (self._runtime.totalMemory() - self._runtime.freeMemory()) / 2**20
            self.heap_mib = max(self.heap_mib, used)


def _role(proc: psutil.Process, me: psutil.Process) -> str:
    if proc.pid == me.pid:
        return "driver_python"
    if proc.name() == "java":
        command = " ".join(proc.cmdline())
        return "executor_jvms" if "CoarseGrainedExecutorBackend" in command else "driver_jvm"
    return "python_workers"


def _configs(args: argparse.Namespace) -> tuple[Any, Any, Any]:
    from newsfold.clean import CleanConfig
    from newsfold.dedup import DedupConfig

    dedup = DedupConfig(meaning=dataclasses.replace(DedupConfig().meaning, enabled=False))
    return CleanConfig(segmenter=args.segmenter), dedup, None


def run_local(args: argparse.Namespace, runs: list[tuple[int, list[str]]], warm: list[str]) -> dict:
    """The local pipeline (`newsfold run --until dedup|cluster`) on a fresh store per size."""
    from newsfold import pipeline
    from newsfold.store import Store

    clean, dedup, _ = _configs(args)
    stop = {"families": "dedup", "stories": "cluster"}[args.until]
    config = pipeline.PipelineConfig(clean=clean, dedup=dedup, stop_after=stop)
    found = {}
    for n, paths in [(0, warm), *runs]:
        with (
            tempfile.TemporaryDirectory() as tmp,
            Store.open(Path(tmp) / "bench.db") as store,
            Sampler() as s,
        ):
            start, cpu = time.perf_counter(), time.process_time()
            report = pipeline.run(paths, store, config)
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        members = [len(f.members) for f in report.families]
        found[n] = _figures(n, elapsed, cpu, s, len(report.articles), members, len(report.stories))
        print(f"  local {n}: {found[n]}", file=sys.stderr, flush=True)
    found.pop(0)
    return found


def run_spark(args: argparse.Namespace, runs: list[tuple[int, list[str]]], warm: list[str]) -> dict:
    """One session for `args.master`: a warm-up job, then one timed job per size."""
    from newsfold.scale.config import ScaleConfig
    from newsfold.scale.job import run_job
    from newsfold.scale.session import spark_session

    clean, dedup, cluster = _configs(args)
    config = ScaleConfig(master=args.master, shuffle_partitions=args.shuffle_partitions)
    spark = spark_session(config)
    out = tempfile.mkdtemp(prefix="scale-bench-")
    found = {}
    for n, paths in [(0, warm), *runs]:
        with Sampler(spark) as s:
            start = time.perf_counter()
            report = run_job(spark, paths, out, config, dedup, cluster, clean, until=args.until)
            elapsed = time.perf_counter() - start
        families = spark.read.parquet(f"{out}/families").groupBy("family_id").count().collect()
        stories = (
            spark.read.parquet(f"{out}/stories").select("story_id").distinct().count()
            if args.until == "stories"
            else 0
        )
        found[n] = _figures(
            n, elapsed, s.cpu_seconds(), s, report.articles, [r["count"] for r in families], stories
        )
        found[n]["driver_jvm_heap_mib"] = s.heap_mib
        print(f"  spark {args.master} {n}: {found[n]}", file=sys.stderr, flush=True)
    spark.stop()
    shutil.rmtree(out, ignore_errors=True)
    found.pop(0)
    return found


def _figures(
    n: int, elapsed: float, cpu: float, s: Sampler, articles: int, members: list[int], stories: int
) -> dict:
    return {
        "seconds": round(elapsed, 2),
        "cpu_seconds": round(cpu, 2),
        "articles_per_s": round(n / elapsed, 2) if n else None,
        "articles_per_cpu_s": round(n / cpu, 2) if n and cpu else None,
        "load_average": os.getloadavg()[0],
        "peak_rss_mib": {k: round(v) for k, v in s.peak.items()},
        "articles": articles,
        "families": len(members),
        "copies": sum(m - 1 for m in members),
        "stories": stories,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--until", choices=("families", "stories"), default="families")
    parser.add_argument("--segmenter", choices=("spacy", "rules"), default="rules")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--local-sizes", type=int, nargs="*", default=None, help="default: every size")
    parser.add_argument("--masters", nargs="*", default=["local[1]", "local[2]"], help="MASTER[@SIZE,SIZE]")
    parser.add_argument("--name", default="", help="suffix of the results file in bench/out/")
    parser.add_argument("--shuffle-partitions", type=int, default=8)
    parser.add_argument("--warm", type=int, default=200, help="articles in each warm-up run")
    parser.add_argument("--pinned", action="store_true", help="local and local[1] at once, a core each")
    parser.add_argument("--one", choices=("local", "spark"), help=argparse.SUPPRESS)
    parser.add_argument("--master", help=argparse.SUPPRESS)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    warm = make_corpus(OUT / f"scale_corpus_warm_{args.warm}", args.warm, seed=9)
    if args.one:  # a child: one configuration, JSON on stdout
        runs = [(n, [str(OUT / f"scale_corpus_{n}")]) for n in args.sizes]
        found = (run_local if args.one == "local" else run_spark)(args, runs, warm)
        print(json.dumps(found))
        return
    for n in args.sizes:
        make_corpus(OUT / f"scale_corpus_{n}", n)
    results: dict = {"settings": vars(args), "local": {}, "spark": {}}
    local_sizes = args.sizes if args.local_sizes is None else args.local_sizes
    children: dict[tuple[str, str], list[str]] = {}
    if local_sizes:
        children["local", ""] = ["--one", "local", "--sizes", *map(str, local_sizes)]
    for spec in args.masters:
        master, _, only = spec.partition("@")  # "local[1]@100000": this master at these sizes only
        sizes = [int(n) for n in only.split(",")] if only else args.sizes
        children["spark", master] = ["--one", "spark", "--master", master, "--sizes", *map(str, sizes)]
    if args.pinned:
        found = _pinned_children(args, children)
    else:
        found = {key: _child(args, extra) for key, extra in children.items()}
    for (side, master), figures in found.items():
        if side == "local":
            results["local"] = figures
        else:
            results["spark"][master] = figures
    name = f"scale_throughput_{args.until}{args.name}.json"
    (OUT / name).write_text(json.dumps(results, indent=2), encoding="utf-8")
    _summary(results)


def _child_command(args: argparse.Namespace, extra: list[str]) -> list[str]:
    """This script as a child for one configuration, with the parent's shared settings."""
    common = ["--until", args.until, "--segmenter", args.segmenter, "--warm", str(args.warm)]
    common += ["--shuffle-partitions", str(args.shuffle_partitions)]
    return [sys.executable, __file__, *common, *extra]


def _child(args: argparse.Namespace, extra: list[str]) -> dict:
    """Run one configuration in a fresh process (its own JVM, models and CPU accounting)."""
    done = subprocess.run(_child_command(args, extra), check=True, stdout=subprocess.PIPE, text=True)
    return {int(k): v for k, v in json.loads(done.stdout.strip().splitlines()[-1]).items()}


def _pinned_children(args: argparse.Namespace, children: dict) -> dict:
    """Every configuration at once, each pinned to its own core with one math thread."""
    if len(children) > len(os.sched_getaffinity(0)) or any(m not in ("", "local[1]") for _, m in children):
        raise SystemExit("--pinned needs one core per configuration and single-core Spark masters")
    threads = {k: "1" for k in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")}
    env = {**os.environ, **threads}
    running = {}
    for core, (key, extra) in zip(sorted(os.sched_getaffinity(0)), children.items(), strict=False):
        running[key] = subprocess.Popen(
            _child_command(args, extra),
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            preexec_fn=lambda core=core: os.sched_setaffinity(0, {core}),  # children (JVM, workers) inherit
        )
    found = {}
    for key, proc in running.items():
        out, _ = proc.communicate()
        if proc.returncode:
            raise SystemExit(f"{key} failed with exit code {proc.returncode}")
        found[key] = {int(k): v for k, v in json.loads(out.strip().splitlines()[-1]).items()}
    return found


def _summary(results: dict) -> None:
    for n in results["settings"]["sizes"]:
        line = [f"{n} articles:"]
        if n in results["local"]:
            r = results["local"][n]
            line.append(f"local {r['articles_per_s']}/s ({r['articles_per_cpu_s']}/cpu-s)")
        for master, found in results["spark"].items():
            if n not in found:
                continue
            r = found[n]
            line.append(f"spark {master} {r['articles_per_s']}/s ({r['articles_per_cpu_s']}/cpu-s)")
        print("; ".join(line))


if __name__ == "__main__":
    main()
