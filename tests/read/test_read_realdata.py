"""Real pages from ../shared/data (read in place, never copied): every one reads as an HTML record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from readkit import split

from newsfold.read import read_paths

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
SAMPLE = 40


def _norm(url: str | None) -> str:
    url = (url or "").lower().split("#")[0].split("?")[0].rstrip("/")
    return url.replace("http://", "https://").replace("://www.", "://")


@pytest.mark.skipif(not (DATA / "naeb").is_dir(), reason="shared data not present")
def test_naeb_pages_read_as_html_with_their_canonical_url():
    gold = json.loads((DATA / "naeb" / "articles.json").read_text())
    files = sorted((DATA / "naeb" / "html").glob("*.html.gz"))[:SAMPLE]
    records, errors = split(read_paths([str(f) for f in files]))
    assert errors == [] and len(records) == SAMPLE
    assert all(r.form == "html" and r.encoding for r in records)
    matched = sum(_norm(r.url) == _norm(gold[Path(r.origin.path).name[:32]]["url"]) for r in records)
    assert matched / SAMPLE >= 0.85  # 390/421 on all of NAEB; the rest name a syndicated original


@pytest.mark.skipif(not (DATA / "zyte").is_dir(), reason="shared data not present")
def test_zyte_pages_read_as_html():
    files = sorted((DATA / "zyte" / "html").glob("*.html.gz"))[:SAMPLE]
    records, errors = split(read_paths([str(f) for f in files]))
    assert errors == [] and len(records) == SAMPLE
    assert all(r.form == "html" and "<" in r.content for r in records)


@pytest.mark.skipif(not (DATA / "naeb").is_dir(), reason="shared data not present")
def test_naeb_gold_file_reads_as_an_id_to_article_map():
    records, errors = split(read_paths([str(DATA / "naeb" / "articles.json")]))
    gold = json.loads((DATA / "naeb" / "articles.json").read_text())
    assert errors == [] and len(records) == len(gold)
    first_key = next(iter(gold))
    assert records[0].origin.locator == f"key {first_key}"
    assert (records[0].title, records[0].content) == (
        gold[first_key]["title"],
        gold[first_key]["articleBody"].strip(),
    )
    assert records[0].published == gold[first_key]["date"]
