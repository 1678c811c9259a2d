"""Main-text F1, title and date accuracy of newsfold's clean() next to bare trafilatura and htmldate.

Pages with ground truth: ../shared/data/naeb (title, date, body) and ../shared/data/zyte (body).
F1 as Zyte's article-extraction-benchmark defines it: per page, TP/FP/FN over multisets of n-grams
(n=1: words, the headline figure here; n=4: Zyte's shingles), normalised per page; precision and recall
are means over pages and F1 is their harmonic mean.
Run: .venv/bin/python bench/clean_extraction.py [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
OUT = ROOT / "bench" / "out" / "clean_extraction.json"
sys.path.insert(0, str(ROOT))

from newsfold.clean import clean, normalize_for_matching  # noqa: E402
from newsfold.clean.html import date_evidence, parse_markup  # noqa: E402
from newsfold.model import Origin, RawRecord  # noqa: E402

_TOKEN = re.compile(r"\w+")


@dataclass(slots=True)
class Page:
    """One benchmark page and its gold fields (None where the set has none)."""

    corpus: str
    key: str
    html: str
    url: str | None
    body: str
    title: str | None = None
    date: str | None = None


def load_pages(limit: int | None = None) -> list[Page]:
    """NAEB pages (every one whose HTML is present) then Zyte pages; `limit` takes that many of each."""
    pages: list[Page] = []
    naeb = json.loads((DATA / "naeb" / "articles.json").read_text(encoding="utf-8"))
    for key, gold in list(naeb.items())[: limit or None]:
        path = DATA / "naeb" / "html" / f"{key}.html.gz"
        if path.exists():
            html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            pages.append(
                Page("naeb", key, html, gold.get("url"), gold["articleBody"], gold["title"], gold["date"])
            )
    zyte = json.loads((DATA / "zyte" / "ground-truth.json").read_text(encoding="utf-8"))
    for key, gold in list(zyte.items())[: limit or None]:
        path = DATA / "zyte" / "html" / f"{key}.html.gz"
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        pages.append(Page("zyte", key, html, gold.get("url"), gold["articleBody"]))
    return pages


def tp_fp_fn(true: str, pred: str, n: int) -> tuple[float, float, float]:
    """Zyte's string_shingle_matching: counts over n-gram multisets, normalised to sum to 1."""
    true_grams, pred_grams = _grams(true, n), _grams(pred, n)
    tp = sum((true_grams & pred_grams).values())
    fp = sum((pred_grams - true_grams).values())
    fn = sum((true_grams - pred_grams).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _grams(text: str, n: int) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def f1_score(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Mean precision and recall over pages (Zyte's rules for empty cases) and their harmonic mean."""
    precision = statistics.mean(_ratio(tp, fp, fn, fp) for tp, fp, fn in counts if tp + fp > 0)
    recall = statistics.mean(_ratio(tp, fp, fn, fn) for tp, fp, fn in counts if tp + fn > 0)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / (precision + recall)}


def _ratio(tp: float, fp: float, fn: float, miss: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + miss) if tp + miss else 0.0


def same_title(gold: str | None, found: str | None) -> bool:
    """Titles match when their matching forms agree, case aside."""
    return (
        bool(gold and found)
        and normalize_for_matching(gold).casefold() == normalize_for_matching(found).casefold()
    )


def same_day(gold: str | None, found: str | None) -> bool:
    """Dates match on the calendar day."""
    return bool(gold and found) and gold[:10] == found[:10]


def run_newsfold(pages: list[Page]) -> list[dict]:
    """newsfold's clean() on each page: body, title, date and how it was found."""
    results = []
    for page in pages:
        record = RawRecord(origin=Origin(page.key), content=page.html, form="html", url=page.url)
        article = clean(record)
        results.append({"body": article.text, "title": article.title, "date": article.published})
        results[-1]["how"] = article.published_how
    return results


def date_ceiling(pages: list[Page], ours: list[dict], base: list[dict]) -> float:
    """Share of NAEB pages where ANY date evidence (ours, htmldate's default, JSON-LD, meta, URL) hits gold.

    No rule that picks among this evidence can score higher; NAEB's gold has year typos and local-time days.
    """
    hits = []
    for page, mine, bare in zip(pages, ours, base, strict=True):
        if page.corpus != "naeb":
            continue
        dates = [
            mine["date"],
            bare["date"],
            *(d for d, _ in date_evidence(parse_markup(page.html), None, page.url)),
        ]
        hits.append(any(same_day(page.date, d) for d in dates))
    return statistics.mean(hits)


def run_baseline(pages: list[Page]) -> list[dict]:
    """Bare trafilatura.extract for body and title, bare htmldate.find_date for the date."""
    import htmldate
    import trafilatura

    results = []
    for page in pages:
        body = trafilatura.extract(page.html, url=page.url, include_comments=False) or ""
        meta = trafilatura.extract_metadata(page.html, default_url=page.url)
        date = htmldate.find_date(page.html, url=page.url)
        results.append({"body": body, "title": meta.title if meta else None, "date": date})
    return results


def score(pages: list[Page], results: list[dict]) -> dict[str, dict[str, float]]:
    """Per corpus: word F1, shingle F1, title and date accuracy (where the corpus has gold for them)."""
    report: dict[str, dict[str, float]] = {}
    for corpus in sorted({page.corpus for page in pages}):
        pairs = [(p, r) for p, r in zip(pages, results, strict=True) if p.corpus == corpus]
        row = {"pages": len(pairs)}
        row["f1_words"] = f1_score([tp_fp_fn(p.body, r["body"], 1) for p, r in pairs])["f1"]
        row["f1_shingles"] = f1_score([tp_fp_fn(p.body, r["body"], 4) for p, r in pairs])["f1"]
        if any(p.title for p, _ in pairs):
            row["title_acc"] = statistics.mean(same_title(p.title, r["title"]) for p, r in pairs)
            row["date_acc"] = statistics.mean(same_day(p.date, r["date"]) for p, r in pairs)
        report[corpus] = row
    return report


def _timed(function, pages: list[Page]) -> tuple[list[dict], float]:
    start = time.perf_counter()
    results = function(pages)
    return results, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="pages per corpus (default: all)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    pages = load_pages(args.limit)
    run_newsfold(pages[:3]), run_baseline(pages[:3])  # warm-up: imports, models, caches
    ours, ours_s = _timed(run_newsfold, pages)
    base, base_s = _timed(run_baseline, pages)
    report = {"newsfold": score(pages, ours), "baseline": score(pages, base)}
    report["seconds"] = {"newsfold": ours_s, "baseline": base_s}
    report["date_how"] = dict(Counter(r["how"] for r in ours))
    report["naeb_date_ceiling"] = date_ceiling(pages, ours, base)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2), encoding="utf-8")
    _print_table(report)


def _print_table(report: dict) -> None:
    print(f"{'corpus':<6} {'measure':<12} {'newsfold':>9} {'baseline':>9} {'ratio':>7}")
    for corpus, row in report["newsfold"].items():
        for measure, value in row.items():
            if measure == "pages":
                continue
            base = report["baseline"][corpus][measure]
            print(f"{corpus:<6} {measure:<12} {value:>9.3f} {base:>9.3f} {value / base if base else 0:>7.3f}")
    seconds = report["seconds"]
    print(f"seconds: newsfold {seconds['newsfold']:.1f}  baseline {seconds['baseline']:.1f}")
    print(f"date found by: {report['date_how']}")
    print(f"NAEB date ceiling (any evidence hits gold): {report['naeb_date_ceiling']:.3f}")


if __name__ == "__main__":
    main()
