"""Articles in the store: add (idempotent by content id), get, iterate, count and full-text search."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from newsfold.model import Article, Removed, Span

# Every Article field has a column; run_id and added say when and by which run it arrived.
FIELDS = (
    "id",
    "origin",
    "raw",
    "text",
    "title",
    "published",
    "published_how",
    "source",
    "url",
    "dateline",
    "byline",
    "wire",
    "language",
    "paragraphs",
    "sentences",
    "headings",
    "removed",
    "markup",
)
_SPAN_FIELDS = ("paragraphs", "sentences", "headings")
_SELECT = ", ".join(FIELDS)
_INSERT = (
    f"INSERT INTO articles ({_SELECT}, run_id, added) VALUES ({', '.join('?' * (len(FIELDS) + 2))})"
    # only a known id is a no-op; any other constraint failure is a bug and must raise
    " ON CONFLICT (id) DO NOTHING"
)
# SQLite's default limit on bound parameters is 32766 (>= 3.32); stay far below it.
_IDS_PER_QUERY = 500
_PAGE = 500  # articles per query while iterating: bounded memory, no long-lived read cursor


class ArticleTables:
    """Mixin for `Store`: the `articles` table and its full-text index `articles_fts`."""

    if TYPE_CHECKING:
        _db: sqlite3.Connection
        run_id: int | None

        def transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...

    def add_articles(self, articles: Iterable[Article]) -> list[bool]:
        """Store a batch in one transaction; True where the article is new, False where its id is known."""
        added = datetime.now(UTC).isoformat(timespec="seconds")
        rows = [(*_to_row(article), self.run_id, added) for article in articles]
        with self.transaction() as db:
            return [db.execute(_INSERT, row).rowcount == 1 for row in rows]

    def get_article(self, article_id: str) -> Article | None:
        """One article by id, or None."""
        row = self._db.execute(f"SELECT {_SELECT} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _from_row(row) if row else None

    def get_articles(self, ids: Iterable[str]) -> list[Article]:
        """The articles with these ids, in the order asked; unknown ids are left out."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, Article] = {}
        for start in range(0, len(wanted), _IDS_PER_QUERY):
            chunk = wanted[start : start + _IDS_PER_QUERY]
            marks = ", ".join("?" * len(chunk))
            for row in self._db.execute(f"SELECT {_SELECT} FROM articles WHERE id IN ({marks})", chunk):
                found[row[0]] = _from_row(row)
        return [found[i] for i in wanted if i in found]

    def has_articles(self, ids: Iterable[str]) -> set[str]:
        """Which of these ids are stored."""
        wanted = list(dict.fromkeys(ids))
        known: set[str] = set()
        for start in range(0, len(wanted), _IDS_PER_QUERY):
            chunk = wanted[start : start + _IDS_PER_QUERY]
            marks = ", ".join("?" * len(chunk))
            known.update(
                i for (i,) in self._db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
            )
        return known

    def iter_articles(self) -> Iterator[Article]:
        """Every stored article in the order it was added, a page at a time."""
        last = 0
        while True:
            rows = self._db.execute(
                f"SELECT rowid, {_SELECT} FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, _PAGE)
            ).fetchall()
            for row in rows:
                yield _from_row(row[1:])
            if len(rows) < _PAGE:
                return
            last = rows[-1][0]

    def count_articles(self) -> int:
        """How many articles are stored."""
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def search_articles(self, query: str, limit: int = 20) -> list[Article]:
        """Articles whose title or text hold every word of `query`, best match (BM25, title x5) first."""
        match = fts_match(query)
        if not match or limit <= 0:
            return []
        rows = self._db.execute(
            f"SELECT {', '.join('a.' + f for f in FIELDS)} FROM articles_fts"
            " JOIN articles AS a ON a.id = articles_fts.id"
            " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 0.0, 5.0, 1.0) LIMIT ?",
            (match, limit),
        ).fetchall()
        return [_from_row(row) for row in rows]


def query_words(query: str) -> list[str]:
    """The words of a user's search text (letters, digits, underscore), in order."""
    return re.findall(r"\w+", query)


def fts_match(query: str) -> str:
    """An FTS5 MATCH string holding every word of `query`; empty when it has none.

    Each word is quoted, so user text is never parsed as FTS5 query syntax (AND, NEAR, *, quotes).
    """
    return " ".join(f'"{word}"' for word in query_words(query))


def _spans_json(spans: list[Span]) -> str:
    return json.dumps([[s.start, s.end] for s in spans])


def _to_row(article: Article) -> tuple:
    """Column values in FIELDS order; spans and removals as compact JSON."""
    removed = [{"start": r.start, "end": r.end, "reason": r.reason, "text": r.text} for r in article.removed]
    values = {name: getattr(article, name) for name in FIELDS}
    for name in _SPAN_FIELDS:
        values[name] = _spans_json(values[name])
    values["removed"] = json.dumps(removed, ensure_ascii=False)
    return tuple(values[name] for name in FIELDS)


def _from_row(row: tuple) -> Article:
    """An Article from column values in FIELDS order."""
    values = dict(zip(FIELDS, row, strict=True))
    for name in _SPAN_FIELDS:
        values[name] = [Span(start, end) for start, end in json.loads(values[name])]
    values["removed"] = [Removed(**item) for item in json.loads(values["removed"])]
    return Article(**values)
