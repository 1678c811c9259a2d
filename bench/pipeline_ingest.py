"""Articles per second of `newsfold run`'s ingest (read + clean + store in batches), on plain text and HTML.

Baselines, in the same process after a warm-up: the same read + clean with no store (what storing costs),
and the same articles stored one transaction per article (what batching saves). Inputs are files in a
temporary folder, read through `pipeline.run` exactly as the CLI does: the seeds replicated plus NAEB's gold
bodies as plain-text articles, and NAEB's HTML pages. Medians of several runs, each into a fresh SQLite file.
Run: .venv/bin/python bench/pipeline_ingest.py [--runs 3] [--pages 100] [--seed-copies 20]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "naeb"
SEEDS = ROOT / ".." / "shared" / "seeds"
OUT = ROOT / "bench" / "out" / "pipeline_ingest.json"
sys.path.insert(0, str(ROOT))

from newsfold import pipeline  # noqa: E402
from newsfold.clean import clean  # noqa: E402
from newsfold.model import Article, RawRecord  # noqa: E402
from newsfold.read import read_paths  # noqa: E402
from newsfold.store import Store  # noqa: E402

INGEST_ONLY = pipeline.PipelineConfig(stop_after="store")


def write_text_inputs(folder: Path, seed_copies: int) -> int:
    """Seeds (renamed copies) and NAEB gold articles as title/date/body text files; returns the count."""
    folder.mkdir()
    count = 0
    for i in range(seed_copies):
        for path in sorted(SEEDS.glob("*.txt")):
            # A copy with one distinguishing line, so each is a new article rather than a known one.
            (folder / f"{i}_{path.name}").write_text(f"{path.read_text()}\nCopy {i}.\n", encoding="utf-8")
            count += 1
    gold = json.loads((DATA / "articles.json").read_text(encoding="utf-8"))
    for key, item in gold.items():
        body = f"{item['title']}\n{item['date']}\n\n{item['articleBody']}"
        (folder / f"naeb_{key}.txt").write_text(body, encoding="utf-8")
        count += 1
    return count


def write_html_inputs(folder: Path, pages: int) -> int:
    """The first `pages` NAEB HTML pages, decompressed; returns the count."""
    folder.mkdir()
    paths = sorted((DATA / "html").glob("*.html.gz"))[:pages]
    for path in paths:
        (folder / path.name.removesuffix(".gz")).write_bytes(gzip.decompress(path.read_bytes()))
    return len(paths)


def newsfold_ingest(folder: Path, db: Path) -> int:
    """newsfold: pipeline.run up to the store (batches of 200 in one transaction each); articles stored."""
    with Store.open(db) as store:
        return pipeline.run([str(folder)], store, INGEST_ONLY).stored


def read_clean_only(folder: Path, db: Path) -> int:
    """Baseline: the same read + clean, nothing stored."""
    return sum(1 for item in read_paths([str(folder)]) if isinstance(item, RawRecord) and _clean(item))


def one_transaction_each(folder: Path, db: Path) -> int:
    """Baseline: the same read + clean, each article stored in its own transaction."""
    stored = 0
    with Store.open(db) as store:
        for item in read_paths([str(folder)]):
            article = _clean(item) if isinstance(item, RawRecord) else None
            if article is not None:
                stored += sum(store.add_articles([article]))
    return stored


def _clean(record: RawRecord) -> Article | None:
    article = clean(record)
    return article if article.text.strip() else None


def measure(fn: Callable[[Path, Path], int], folder: Path, scratch: Path, runs: int) -> tuple[float, int]:
    """Median articles/s over `runs` runs, each into a fresh database; and the article count."""
    rates, made = [], 0
    for run in range(runs):
        db = scratch / f"{fn.__name__}_{folder.name}_{run}.db"
        start = time.perf_counter()
        made = fn(folder, db)
        rates.append(made / (time.perf_counter() - start))
    return statistics.median(rates), made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--seed-copies", type=int, default=20)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        inputs = {
            "text": (scratch / "text", write_text_inputs(scratch / "text", args.seed_copies)),
            "html": (scratch / "html", write_html_inputs(scratch / "html", args.pages)),
        }
        newsfold_ingest(inputs["text"][0], scratch / "warmup.db")  # loads spaCy, trafilatura, caches
        for form, (folder, files) in inputs.items():
            rate, stored = measure(newsfold_ingest, folder, scratch, args.runs)
            bare, _ = measure(read_clean_only, folder, scratch, args.runs)
            single, _ = measure(one_transaction_each, folder, scratch, args.runs)
            results[form] = {
                "files": files,
                "stored": stored,
                "newsfold_articles_per_s": round(rate, 1),
                "read_clean_only_articles_per_s": round(bare, 1),
                "one_transaction_each_articles_per_s": round(single, 1),
                "ratio_vs_read_clean_only": round(rate / bare, 3),
                "ratio_vs_one_transaction_each": round(rate / single, 3),
            }
            print(f"{form}: {files} files, {stored} stored; newsfold {rate:.1f} articles/s; "
                  f"read+clean only {bare:.1f}/s (ratio {rate / bare:.2f}); "
                  f"one transaction each {single:.1f}/s (ratio {rate / single:.2f})")  # fmt: skip
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"runs": args.runs, "results": results}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
