"""Per-article analyses in a real SQLite file: round-trip of a real analysis, versions, replace, integrity."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsfold.clean import clean
from newsfold.compare import CompareConfig, analysis_version, analyze
from newsfold.errors import StoreError
from newsfold.model import Origin, RawRecord
from newsfold.store import Store

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds" / "003_321157089727e079.txt"


@pytest.fixture(scope="module")
def seed_analysis():
    """One seed article (quotes, names) and its real analysis (embedding model and spaCy NER)."""
    article = clean(RawRecord(Origin(str(SEED)), SEED.read_text(encoding="utf-8")))
    return article, analyze([article], CompareConfig())[0]


def test_a_real_analysis_round_trips(tmp_db: Path, seed_analysis) -> None:
    article, analysis = seed_analysis
    assert len(analysis.sentence_vectors) > 10 and len(analysis.quote_vectors) > 0 and analysis.names
    with Store.open(tmp_db) as store:
        store.add_articles([article])
        store.save_analyses([analysis])
    with Store.open(tmp_db) as store:  # a new connection reads what the first one committed
        back = store.get_analyses([article.id, "unknown"], analysis.version)
    assert list(back) == [article.id]
    got = back[article.id]
    assert got.names == analysis.names and got.version == analysis.version
    for field in ("sentence_spans", "sentence_vectors", "quote_spans", "quote_vectors"):
        assert np.array_equal(getattr(got, field), getattr(analysis, field)), field
    assert got.sentence_vectors.dtype == np.float16  # 768 bytes per sentence
    for start, end in got.quote_spans.tolist():  # spans point into the article's text
        assert article.text[start:end].strip()


def test_another_version_is_not_returned_and_saving_again_replaces(tmp_db: Path, seed_analysis) -> None:
    article, analysis = seed_analysis
    with Store.open(tmp_db) as store:
        store.add_articles([article])
        store.save_analyses([analysis, analysis])
        assert store.count_analyses() == 1
        assert store.get_analyses([article.id], analysis_version(CompareConfig(min_words=6))) == {}
        assert analysis_version(CompareConfig(min_words=6)) != analysis.version


def test_an_analysis_needs_its_stored_article(tmp_db: Path, seed_analysis) -> None:
    _, analysis = seed_analysis
    with Store.open(tmp_db) as store, pytest.raises(StoreError, match="FOREIGN KEY"):
        store.save_analyses([analysis])
