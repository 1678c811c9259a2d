"""Reading throughput (records/s): newsfold's readers next to naive baselines, in one process.

Corpora are built in a temporary folder from ../shared/data/naeb (never copied into the repo):
- text: the 424 gold article bodies as .txt files; baseline `open().read()` + UTF-8 decode;
- html: the 421 raw pages as .html files; same baseline;
- html.gz: the raw pages as shipped (.html.gz); baseline `gzip.open().read()` + decode;
- jsonl: the gold articles as one JSONL file; baseline `json.loads` per line;
- warc: the pages as HTML responses in one WARC.gz; baselines: bare warcio and bare fastwarc iteration.
Each measure: one warm-up, then the median of --runs runs. Run: .venv/bin/python bench/read_throughput.py
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import io
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "naeb"
OUT = ROOT / "bench" / "out" / "read_throughput.json"
sys.path.insert(0, str(ROOT))

from warcio.archiveiterator import ArchiveIterator  # noqa: E402
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from newsfold.model import RawRecord  # noqa: E402
from newsfold.read import read_paths  # noqa: E402


def build(folder: Path) -> dict[str, Path]:
    """Write the benchmark corpora under `folder`; return the input path per measure."""
    gold = json.loads((DATA / "articles.json").read_text(encoding="utf-8"))
    pages = sorted((DATA / "html").glob("*.html.gz"))
    for sub in ("text", "html"):
        (folder / sub).mkdir()
    for key, article in gold.items():
        (folder / "text" / f"{key}.txt").write_text(f"{article['title']}\n\n{article['articleBody']}\n")
    for page in pages:
        (folder / "html" / page.name.removesuffix(".gz")).write_bytes(gzip.decompress(page.read_bytes()))
    with open(folder / "articles.jsonl", "w", encoding="utf-8") as out:
        for article in gold.values():
            out.write(json.dumps({"title": article["title"], "text": article["articleBody"]}) + "\n")
    _write_warc(folder / "pages.warc.gz", pages, gold)
    return {
        "text": folder / "text",
        "html": folder / "html",
        "html.gz": DATA / "html",
        "jsonl": folder / "articles.jsonl",
        "warc": folder / "pages.warc.gz",
    }


def _write_warc(path: Path, pages: list[Path], gold: dict) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for page in pages:
            url = gold.get(page.name[:32], {}).get("url", f"https://example.org/{page.name[:32]}")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], "HTTP/1.1")
            body = io.BytesIO(gzip.decompress(page.read_bytes()))
            record = writer.create_warc_record(url, "response", payload=body, http_headers=headers)
            writer.write_record(record)


def newsfold_count(path: Path) -> int:
    """Records newsfold reads from a path (errors would be a bug in this corpus, so they fail loudly)."""
    items = list(read_paths([str(path)]))
    errors = [i for i in items if not isinstance(i, RawRecord)]
    assert not errors, errors[:3]
    return len(items)


def naive_files(folder: Path) -> int:
    count = 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rb") as handle:
            handle.read().decode("utf-8", errors="replace")
        count += 1
    return count


def naive_jsonl(path: Path) -> int:
    with open(path, encoding="utf-8") as handle:
        return sum(1 for line in handle if json.loads(line).get("text"))


def warcio_count(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(
            len(r.content_stream().read()) > 0 for r in ArchiveIterator(handle) if r.rec_type == "response"
        )


def fastwarc_count(path: Path) -> int:
    from fastwarc.warc import ArchiveIterator as FastIterator  # optional: not a newsfold dependency
    from fastwarc.warc import WarcRecordType

    with open(path, "rb") as handle:  # fastwarc detects the gzip members itself (stream_detect)
        records = FastIterator(handle, record_types=WarcRecordType.response, parse_http=True)
        return sum(len(r.reader.read()) > 0 for r in records)


def measure(run: Callable[[Path], int], path: Path, runs: int) -> dict[str, float]:
    """Median seconds and records/s over `runs` runs after one warm-up."""
    count = run(path)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run(path)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    return {"records": count, "median_s": round(median, 4), "records_per_s": round(count / median, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    plans = {
        "text": [("newsfold", newsfold_count), ("open+decode", naive_files)],
        "html": [("newsfold", newsfold_count), ("open+decode", naive_files)],
        "html.gz": [("newsfold", newsfold_count), ("gzip.open+decode", naive_files)],
        "jsonl": [("newsfold", newsfold_count), ("json.loads per line", naive_jsonl)],
        "warc": [("newsfold", newsfold_count), ("warcio bare", warcio_count)],
    }
    if importlib.util.find_spec("fastwarc") is not None:
        plans["warc"].append(("fastwarc bare", fastwarc_count))
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        inputs = build(Path(tmp))
        for form, contenders in plans.items():
            row = {name: measure(run, inputs[form], args.runs) for name, run in contenders}
            base = contenders[1][0]
            row["ratio_newsfold_to_baseline"] = round(
                row["newsfold"]["records_per_s"] / row[base]["records_per_s"], 3
            )
            results[form] = row
            _show(form, row)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"runs": args.runs, "results": results}, indent=2))
    print(f"wrote {OUT}")


def _show(form: str, row: dict) -> None:
    parts = [f"{name}: {r['records_per_s']:,.0f} rec/s" for name, r in row.items() if isinstance(r, dict)]
    print(f"{form:8} {row['newsfold']['records']:4d} records | " + " | ".join(parts), end="")
    print(f" | newsfold/baseline {row['ratio_newsfold_to_baseline']:.2f}")


if __name__ == "__main__":
    main()
