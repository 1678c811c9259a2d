"""Real articles for the story tests: the five seeds (read + clean) and unrelated real news around them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsfold import clean, read
from newsfold.cluster import FamilyFeatures, extract, with_singletons
from newsfold.model import Article, Origin, RawRecord

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
SEED_DAY = "2022-02-15"
# NAEB bodies (including two other Russia/Ukraine stories: hard negatives) and GVA shooting reports
N_NAEB, N_GVA = 40, 20


@pytest.fixture(scope="session")
def seed_articles(seeds_dir: Path) -> list[Article]:
    """The five seed files, read and cleaned by the real stages."""
    records = [r for r in read.read_paths([seeds_dir]) if isinstance(r, RawRecord)]
    assert len(records) == 5
    return [clean.clean(r) for r in records]


@pytest.fixture(scope="session")
def background() -> list[Article]:
    """Unrelated real articles, all dated on the seeds' day so time cannot keep them apart."""
    naeb = json.loads((DATA / "naeb" / "articles.json").read_text(encoding="utf-8"))
    chosen = [v for v in naeb.values() if _about_russia(v)]
    chosen += [v for v in naeb.values() if v not in chosen][: N_NAEB - len(chosen)]
    records = [
        RawRecord(origin=_origin("naeb", v["id"]), content=v["articleBody"], title=v["title"], published=day)
        for v in chosen
        for day in [SEED_DAY]
    ]
    with gzip.open(DATA / "gva" / "gva_incidents_dev.jsonl.gz", "rt") as handle:
        rows = [json.loads(line) for _, line in zip(range(N_GVA), handle, strict=False)]
    records += [
        RawRecord(origin=_origin("gva", r["doc_id"]), content=r["text"], title=r["title"], published=SEED_DAY)
        for r in rows
        if len(r["text"]) > 300
    ]
    return [clean.clean(r) for r in records]


@pytest.fixture(scope="session")
def mixed_features(seed_articles: list[Article], background: list[Article]) -> list[FamilyFeatures]:
    """Features of every seed and background article, each its own family (one NER and embedding pass)."""
    articles = {a.id: a for a in [*seed_articles, *background]}
    return extract(with_singletons([], articles), articles)


def _about_russia(item: dict) -> bool:
    text = item["title"] + item["articleBody"][:300]
    return any(word in text for word in ("Ukrain", "Russia", "Kremlin"))


def _origin(name: str, key: str) -> Origin:
    return Origin(f"{name}:{key}")
