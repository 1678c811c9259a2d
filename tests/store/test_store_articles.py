"""Articles in a real SQLite file: round-trip, idempotency, batches, search, iteration."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfold.model import Article, Removed, Span
from newsfold.store import Store
from newsfold.store.articles import FIELDS

_text = st.text(max_size=200)
_maybe = st.none() | st.text(max_size=40)
_spans = st.lists(st.builds(Span, st.integers(0, 10**6), st.integers(0, 10**6)), max_size=6)
_removed = st.lists(
    st.builds(Removed, st.integers(0, 10**6), st.integers(0, 10**6), st.text(max_size=20), _text), max_size=4
)
articles = st.builds(
    Article,
    id=st.text(min_size=1, max_size=40),
    origin=st.text(max_size=60),
    raw=_text,
    text=_text,
    title=_maybe,
    published=_maybe,
    published_how=_maybe,
    source=_maybe,
    url=_maybe,
    dateline=_maybe,
    byline=_maybe,
    wire=_maybe,
    language=_maybe,
    paragraphs=_spans,
    sentences=_spans,
    headings=_spans,
    removed=_removed,
    markup=st.none() | _text,
)


def make(n: int, text: str = "Some words about an event.") -> Article:
    return Article(id=f"id{n}", origin=f"file{n}.txt", raw=f"raw {n}\n{text}", text=text, title=f"Title {n}")


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory):
    with Store.open(tmp_path_factory.mktemp("roundtrip") / "rt.db") as store:
        yield store


def test_every_article_field_has_a_column() -> None:
    assert set(FIELDS) == {f.name for f in dataclasses.fields(Article)}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=articles)
def test_article_round_trips_through_a_real_sqlite_file(shared_store: Store, article: Article) -> None:
    known = shared_store.get_article(article.id)
    new = shared_store.add_articles([article]) == [True]
    assert new == (known is None)
    assert shared_store.get_article(article.id) == (article if new else known)


def test_add_is_idempotent_and_reports_what_is_new(tmp_db: Path) -> None:
    with Store.open(tmp_db) as store:
        assert store.add_articles([make(1), make(2)]) == [True, True]
        assert store.add_articles([make(2), make(3), make(3)]) == [False, True, False]
        assert store.count_articles() == 3
    with Store.open(tmp_db) as store:  # persisted and still one copy each
        assert store.add_articles([make(1)]) == [False]
        assert [a.id for a in store.iter_articles()] == ["id1", "id2", "id3"]


def test_a_failing_batch_leaves_nothing_behind(tmp_db: Path) -> None:
    with Store.open(tmp_db) as store:
        store.add_articles([make(1)])
        broken = make(3)
        broken.raw = None  # NOT NULL: a bug, must raise and roll back the whole batch
        with pytest.raises(Exception, match="NOT NULL"):
            store.add_articles([make(2), broken])
        assert store.count_articles() == 1
        assert store.get_article("id2") is None


def test_get_articles_keeps_order_and_skips_unknown(tmp_db: Path) -> None:
    with Store.open(tmp_db) as store:
        store.add_articles([make(n) for n in range(1200)])
        ids = ["id1100", "nope", "id3", "id1100", "id700"]
        assert [a.id for a in store.get_articles(ids)] == ["id1100", "id3", "id700"]
        assert store.has_articles(ids) == {"id1100", "id3", "id700"}
        assert sum(1 for _ in store.iter_articles()) == 1200  # spans several pages


def test_search_ranks_title_matches_first_and_ignores_query_syntax(tmp_db: Path) -> None:
    with Store.open(tmp_db) as store:
        store.add_articles(
            [
                make(1, "Troops return to bases. Troops move."),
                Article(id="t", origin="o", raw="r", text="Something else entirely.", title="Troops return"),
                make(3, "Nothing related here."),
                make(4, "Café owners in Kyiv reopen."),
            ]
        )
        assert [a.id for a in store.search_articles("troops return")] == ["t", "id1"]
        assert [a.id for a in store.search_articles('cafe "OR NEAR( *')] == []
        assert [a.id for a in store.search_articles("cafe kyiv")] == ["id4"]  # diacritics folded
        assert store.search_articles("troops", limit=1)[0].id == "t"
        assert store.search_articles("  ... ") == []


def test_articles_are_tagged_with_the_open_run(tmp_db: Path) -> None:
    with Store.open(tmp_db) as store:
        run = store.begin_run("abc")
        store.add_articles([make(1)])
        row = store._db.execute("SELECT run_id, added FROM articles WHERE id = 'id1'").fetchone()
    assert row[0] == run and row[1].endswith("+00:00")
    db = sqlite3.connect(tmp_db)
    assert db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'words'").fetchone()[0] == 1
