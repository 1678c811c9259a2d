"""Articles per second of read + clean, on plain text and on HTML; bare trafilatura is the HTML baseline.

Inputs: the five seeds replicated, the NAEB gold bodies written out as plain-text articles, and NAEB's
HTML pages. Each measure is the median of several runs after a warm-up, in one process.
Run: .venv/bin/python bench/clean_throughput.py [--runs 3] [--pages 100]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "naeb"
SEEDS = ROOT / ".." / "shared" / "seeds"
OUT = ROOT / "bench" / "out" / "clean_throughput.json"
sys.path.insert(0, str(ROOT))

from newsfold.clean import CleanConfig, clean  # noqa: E402
from newsfold.model import RawRecord  # noqa: E402
from newsfold.read import read_bytes  # noqa: E402

Input = tuple[str, bytes]  # (name, bytes): what a reader is given


def seed_inputs(copies: int) -> list[Input]:
    """The five seed files, each `copies` times."""
    files = sorted(SEEDS.glob("*.txt"))
    return [(f"{i}_{path.name}", path.read_bytes()) for i in range(copies) for path in files]


def naeb_text_inputs() -> list[Input]:
    """NAEB gold articles as plain-text files: title line, date line, blank line, body."""
    gold = json.loads((DATA / "articles.json").read_text(encoding="utf-8"))
    return [
        (f"{key}.txt", f"{g['title']}\n{g['date']}\n\n{g['articleBody']}".encode()) for key, g in gold.items()
    ]


def naeb_html_inputs(pages: int) -> list[Input]:
    """The first `pages` NAEB HTML pages, as the bytes a reader would see."""
    paths = sorted((DATA / "html").glob("*.html.gz"))[:pages]
    return [(path.name.removesuffix(".gz"), gzip.decompress(path.read_bytes())) for path in paths]


def read_and_clean(inputs: list[Input], config: CleanConfig) -> int:
    """newsfold: read each input and clean every record it yields; returns articles made."""
    made = 0
    for name, data in inputs:
        for item in read_bytes(data, name):
            if isinstance(item, RawRecord):
                clean(item, config)
                made += 1
    return made


def bare_trafilatura(inputs: list[Input]) -> int:
    """Baseline: trafilatura.extract with metadata on each page, nothing else."""
    import trafilatura

    for _, data in inputs:
        trafilatura.extract(
            data.decode("utf-8", errors="replace"), with_metadata=True, include_comments=False
        )
    return len(inputs)


def articles_per_second(run: Callable[[], int], runs: int) -> float:
    """Median articles/s over `runs` runs (the caller has warmed up)."""
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        made = run()
        rates.append(made / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=100, help="NAEB HTML pages per run")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    spacy, rules = CleanConfig(), CleanConfig(segmenter="rules")
    seeds, texts, pages = seed_inputs(40), naeb_text_inputs(), naeb_html_inputs(args.pages)
    read_and_clean(seeds[:5] + pages[:3], spacy), bare_trafilatura(pages[:3])  # warm-up
    rows = {
        "seeds x40 (text)": articles_per_second(lambda: read_and_clean(seeds, spacy), args.runs),
        "seeds x40 (text, rules splitter)": articles_per_second(
            lambda: read_and_clean(seeds, rules), args.runs
        ),
        "NAEB gold bodies (text)": articles_per_second(lambda: read_and_clean(texts, spacy), args.runs),
        "NAEB pages (html)": articles_per_second(lambda: read_and_clean(pages, spacy), args.runs),
        "NAEB pages (html), bare trafilatura": articles_per_second(
            lambda: bare_trafilatura(pages), args.runs
        ),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"articles_per_s": rows, "runs": args.runs, "pages": args.pages}, indent=2))
    for name, rate in rows.items():
        print(f"{name:<38} {rate:>8.1f} articles/s")
    html, base = rows["NAEB pages (html)"], rows["NAEB pages (html), bare trafilatura"]
    print(f"HTML ratio newsfold/trafilatura: {html / base:.2f}")


if __name__ == "__main__":
    main()
