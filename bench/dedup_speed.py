"""Whole-dedup throughput on one core: newsfold vs datasketch MinHash+LSH vs rensa fed by Python shingling.

    nice -n 10 .venv/bin/python bench/dedup_speed.py [--sizes 10000,30000,100000] [--baselines-up-to 100000]
    nice -n 10 .venv/bin/python bench/dedup_speed.py --sizes 300000 --systems newsfold --tag _300k
    .venv/bin/python bench/dedup_speed.py --plot-from _final,_300k   # one growth plot of several runs

Articles are real text: every NAEB/Zyte base and GVA article plus generated copies of random kinds
(`dedup_corpus.corpus`), so families really exist. Each (system, size) runs in a fresh child process after a
warm-up on 1,000 articles; time covers normalise + shingle + signatures + candidate search + verification
(+ family building for newsfold; its meaning layer and evidence are off, they are measured elsewhere).
Each system's input is built before the clock starts (the baselines take the texts; newsfold takes the
`Article` objects its cleaning stage makes), and newsfold's input building is reported as `input_seconds`.
Time is the child's CPU time (time.process_time; every system is single-threaded and pinned to one core),
so the figures hold on a shared, loaded machine; wall time is reported beside it.
Baselines: datasketch MinHash (128 perms, 5-word shingles) + MinHashLSH(0.8) insert and query; rensa
RMinHash from Python 5-word shingles + RMinHashLSH(0.8, 16 bands) insert and query. Reports articles/s,
MB/s, peak memory over the start, ratios, and a growth plot (bench/out/dedup_speed.png). `with_copies` is
the number of articles placed with at least one other (newsfold: members of families of two or more after
verification; baselines: articles whose LSH query returns another article, unverified).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dedup_corpus as dc

OUT = Path(__file__).resolve().parent / "out"


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def as_articles(texts: list[str]) -> list:
    """newsfold's input: `Article` objects (in the pipeline the cleaning stage has made them already)."""
    from newsfold.model import Article

    return [Article(id=str(i), origin="", raw="", text=t) for i, t in enumerate(texts)]


def run_newsfold(articles: list) -> int:
    from newsfold.dedup import DedupConfig, MeaningConfig, find_families

    result = find_families(articles, config=DedupConfig(meaning=MeaningConfig(enabled=False), evidence=False))
    return sum(len(f.members) for f in result.families if len(f.members) > 1)  # articles with a copy


def _shingles(text: str) -> list[str]:
    words = text.lower().split()
    return [" ".join(words[k : k + 5]) for k in range(max(1, len(words) - 4))]


def run_datasketch(texts: list[str]) -> int:
    from datasketch import MinHash, MinHashLSH

    lsh, hashes = MinHashLSH(threshold=0.8, num_perm=128), []
    for i, text in enumerate(texts):
        m = MinHash(num_perm=128)
        m.update_batch([s.encode() for s in _shingles(text)])
        lsh.insert(i, m)
        hashes.append(m)
    return sum(1 for m in hashes if len(lsh.query(m)) > 1)


def run_rensa(texts: list[str]) -> int:
    from rensa import RMinHash, RMinHashLSH

    lsh, hashes = RMinHashLSH(threshold=0.8, num_perm=128, num_bands=16), []
    for i, text in enumerate(texts):
        m = RMinHash(num_perm=128, seed=42)
        m.update(_shingles(text))
        lsh.insert(i, m)
        hashes.append(m)
    return sum(1 for m in hashes if len(lsh.query(m)) > 1)


SYSTEMS = {"newsfold": run_newsfold, "datasketch": run_datasketch, "rensa": run_rensa}
# Each system's input, built before the clock starts: the baselines take the texts as they are,
# newsfold takes Article objects (timed apart as `input_seconds`, not in `seconds`).
INPUTS = {"newsfold": as_articles}


def _child(name: str, texts: list[str], queue: mp.Queue) -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    prepare = INPUTS.get(name, list)
    SYSTEMS[name](prepare(texts[:1000]))  # warm-up: imports, caches, first-call costs
    start_rss = _rss_mb()
    cpu = time.process_time()
    given = prepare(texts)
    input_seconds = time.process_time() - cpu
    t, cpu = time.perf_counter(), time.process_time()
    found = SYSTEMS[name](given)
    wall, seconds = time.perf_counter() - t, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(
        {"seconds": seconds, "wall_seconds": round(wall, 2), "peak_mb_over_start": round(peak - start_rss, 1),
         "input_seconds": round(input_seconds, 2), "with_copies": found}
    )  # fmt: skip


def _guard_memory(min_free_gb: float) -> None:
    """Stop this run (not anything else) when the shared machine runs low on memory."""
    import threading

    def watch() -> None:
        while True:
            with open("/proc/meminfo") as handle:
                free = next(int(x.split()[1]) for x in handle if x.startswith("MemAvailable")) / 2**20
            if free < min_free_gb:
                print(json.dumps({"stopped": f"MemAvailable {free:.1f} GB < {min_free_gb} GB"}), flush=True)
                os._exit(3)
            time.sleep(1)

    threading.Thread(target=watch, daemon=True).start()


def measure(name: str, texts: list[str], in_process: bool = False) -> dict:
    if in_process:  # no fork: the texts are not held twice (the 1M run on a shared machine)
        queue: mp.Queue = mp.get_context("fork").Queue()
        _child(name, texts, queue)
        result = queue.get()
        mb = sum(len(t.encode()) for t in texts) / 1e6
        seconds = result["seconds"]
        result.update(articles=len(texts), articles_per_s=round(len(texts) / seconds, 1),
                      mb_per_s=round(mb / seconds, 2), seconds=round(seconds, 2))  # fmt: skip
        return result
    queue: mp.Queue = mp.get_context("fork").Queue()
    proc = mp.get_context("fork").Process(target=_child, args=(name, texts, queue))
    proc.start()
    result = queue.get()
    proc.join()
    mb = sum(len(t.encode()) for t in texts) / 1e6
    result.update(
        articles=len(texts),
        articles_per_s=round(len(texts) / result["seconds"], 1),
        mb_per_s=round(mb / result["seconds"], 2),
        seconds=round(result["seconds"], 2),
    )
    return result


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    for name in SYSTEMS:
        pts = sorted((r["articles"], r) for r in rows if r["system"] == name)
        if pts:
            left.plot([n for n, _ in pts], [r["seconds"] for _, r in pts], "o-", label=name)
            right.plot([n for n, _ in pts], [r["peak_mb_over_start"] for _, r in pts], "o-", label=name)
    for ax, title in ((left, "seconds"), (right, "peak MB over start")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("articles")
        ax.set_title(title)
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,30000,100000")
    ap.add_argument("--baselines-up-to", type=int, default=100_000)
    ap.add_argument("--systems", default="newsfold,datasketch,rensa")
    ap.add_argument("--in-process", action="store_true", help="measure in this process (less memory)")
    ap.add_argument("--min-free-gb", type=float, default=0.0, help="stop when the machine has less available")
    ap.add_argument("--tag", default="")
    ap.add_argument(
        "--append", action="store_true", help="add to the rows already in the tag's JSON (e.g. 1M alone)"
    )
    ap.add_argument(
        "--plot-from", default="", help="tags of earlier runs (e.g. _final,_300k): one growth plot"
    )
    args = ap.parse_args()
    if args.plot_from:
        rows = [
            r
            for tag in args.plot_from.split(",")
            for r in json.loads((OUT / f"dedup_speed{tag}.json").read_text())["rows"]
        ]
        (OUT / "dedup_speed_growth.json").write_text(
            json.dumps({"rows": rows, "from": args.plot_from}, indent=1)
        )
        plot(rows, OUT / "dedup_speed_growth.png")
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.min_free_gb:
        _guard_memory(args.min_free_gb)
    texts = dc.corpus(max(sizes), seed=0)
    path = OUT / f"dedup_speed{args.tag}.json"
    rows = json.loads(path.read_text())["rows"] if args.append and path.exists() else []
    for n in sizes:
        for name in args.systems.split(","):
            if name != "newsfold" and n > args.baselines_up_to:
                continue
            row = {"system": name, **measure(name, texts[:n], args.in_process)}
            rows.append(row)
            print(json.dumps(row), flush=True)
    summary = {}
    for n in sorted({r["articles"] for r in rows}):
        by = {r["system"]: r for r in rows if r["articles"] == n}
        if "newsfold" in by:
            summary[n] = {
                f"x_{b}": round(by[b]["seconds"] / by["newsfold"]["seconds"], 2)
                for b in by
                if b != "newsfold"
            }
    OUT.mkdir(exist_ok=True)
    loadavg = os.getloadavg()
    path.write_text(json.dumps({"rows": rows, "speedup": summary, "loadavg_at_end": loadavg}, indent=1))
    plot(rows, OUT / f"dedup_speed{args.tag}.png")
    print(json.dumps({"speedup_vs_baselines": summary}))


if __name__ == "__main__":
    main()
