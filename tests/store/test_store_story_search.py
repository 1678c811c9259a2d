"""Store.find_stories (SQL) against the plain reading of its filters over every story, on real GVA stories."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

from newsfold import pipeline
from newsfold.model import Story
from newsfold.store import Store

GVA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "gva" / "gva_incidents_dev.jsonl.gz"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    """Twelve real GVA reports (several incidents, 2014-2015) folded into stories in a real SQLite file."""
    with gzip.open(GVA, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for _, line in zip(range(12), handle, strict=False)]
    folder = tmp_path_factory.mktemp("gva")
    feed = folder / "gva.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for r in rows:
            source = urlparse(r["url"]).netloc
            row = {"title": r["title"], "text": r["text"], "date": r["dct"], "source": source}
            out.write(json.dumps(row) + "\n")
    db = folder / "gva.db"
    with Store.open(db) as opened:
        pipeline.run([str(feed)], opened, pipeline.PipelineConfig(stop_after="cluster"))
    with Store.open(db) as opened:
        yield opened


def reference(store: Store, q: str, since: str | None, until: str | None, source: str | None) -> list[str]:
    """What the filters mean, evaluated in Python over every story (newest first, then id)."""
    stories = sorted(store.list_stories(), key=lambda s: (s.last or s.first or "", s.id), reverse=True)
    hits = {a.id for a in store.search_articles(q, limit=10_000)} if q else set()

    def keep(s: Story) -> bool:
        first, last = (s.first or "")[:10], (s.last or s.first or "")[:10]
        label = (s.label or "").lower()
        if q and not (hits & set(s.articles) or all(w in label for w in q.lower().split())):
            return False
        if (since and (not last or last < since)) or (until and (not first or first > until)):
            return False
        outlets = [(a.source or "").lower() for a in store.get_articles(s.articles)]
        return not source or any(source.lower() in o for o in outlets)

    return [s.id for s in stories if keep(s)]


def test_the_fixture_has_several_dated_stories(store: Store) -> None:
    stories = store.list_stories()
    assert len(stories) >= 6 and all(s.first for s in stories)
    assert len({s.first[:4] for s in stories}) >= 2
    assert any(s.first[:10] < "2014-02-16" <= (s.last or "")[:10] for s in stories)  # a multi-day span


@pytest.mark.parametrize(
    ("q", "since", "until", "source"),
    [
        ("", None, None, None),
        ("shooting", None, None, None),
        ("teen", "2014-02-01", None, None),
        ("", "2014-02-10", "2014-02-20", None),
        ("", "2014-02-16", None, None),  # inside a story's span (Bartow: 15 and 18 Feb), not at its start
        ("", None, "2014-02-05", None),
        ("", None, None, "wral"),
        ("accidental shooting", None, None, None),
        ("zzzunknownword", None, None, None),
        ('" OR NEAR(', None, None, None),
    ],
)
def test_find_stories_matches_the_filters_meaning(store: Store, q, since, until, source) -> None:
    expected = reference(store, q, since, until, source)
    found, total = store.find_stories(q, since, until, source, limit=1000, offset=0)
    assert [s.id for s in found] == expected and total == len(expected)


def test_pages_cover_the_ordered_result_once(store: Store) -> None:
    everything, total = store.find_stories(limit=1000)
    pages = [store.find_stories(limit=2, offset=k)[0] for k in range(0, total + 2, 2)]
    assert [s.id for page in pages for s in page] == [s.id for s in everything]
    assert all(store.find_stories(limit=2, offset=k)[1] == total for k in (0, total))


def test_stories_of_article_uses_the_index(store: Store) -> None:
    for story in store.list_stories():
        for article in story.articles:
            assert story.id in {s.id for s in store.stories_of_article(article)}
    assert store.stories_of_article("no-such-article") == []
