"""Story search in SQL: text (FTS5 over the stories' articles, or words of the label), date span, outlet.

One page and the total come from the database, so listing stories costs the page, not the corpus.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from newsfold.model import Story
from newsfold.store.articles import fts_match, query_words

_COLUMNS = "s.id, s.label, s.first, s.last, s.families, s.entities"


class StorySearch:
    """Mixin for `Store`: `find_stories`. Uses `StoryTables._story_from_row` to build the stories."""

    if TYPE_CHECKING:
        _db: sqlite3.Connection

        def _story_from_row(self, row: tuple) -> Story: ...

    def find_stories(
        self,
        q: str = "",
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[Story], int]:
        """One page of matching stories, newest first (last publication, then id), and how many match.

        `q`: every word in an article of the story (FTS5) or in its label; `since`/`until`: ISO dates the
        story's span must overlap; `source`: a substring of one of its articles' outlet (case-insensitive).
        """
        where, params = _conditions(q, since, until, source)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        total = int(self._db.execute(f"SELECT COUNT(*) FROM stories AS s{clause}", params).fetchone()[0])
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM stories AS s{clause}"
            " ORDER BY COALESCE(s.last, s.first, '') DESC, s.id DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return [self._story_from_row(row) for row in rows], total

    def stories_of_article(self, article_id: str) -> list[Story]:
        """The stories holding this article (through the story_articles index), newest first."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM stories AS s JOIN story_articles AS sa ON sa.story = s.id"
            " WHERE sa.article = ? ORDER BY COALESCE(s.last, s.first, '') DESC, s.id DESC",
            (article_id,),
        ).fetchall()
        return [self._story_from_row(row) for row in rows]


def _conditions(q: str, since: str | None, until: str | None, source: str | None) -> tuple[list[str], list]:
    where: list[str] = []
    params: list = []
    words = query_words(q)
    if words:
        label = " AND ".join("instr(lower(s.label), ?) > 0" for _ in words)
        where.append(
            "(s.id IN (SELECT sa.story FROM articles_fts"
            " JOIN story_articles AS sa ON sa.article = articles_fts.id"
            f" WHERE articles_fts MATCH ?) OR ({label}))"
        )
        params += [fts_match(q), *(w.lower() for w in words)]
    if since:
        where.append("substr(COALESCE(s.last, s.first), 1, 10) >= ?")
        params.append(since[:10])
    if until:
        where.append("substr(s.first, 1, 10) <= ?")
        params.append(until[:10])
    if source:
        where.append(
            "EXISTS (SELECT 1 FROM story_articles AS sa JOIN articles AS a ON a.id = sa.article"
            " WHERE sa.story = s.id AND instr(lower(COALESCE(a.source, '')), ?) > 0)"
        )
        params.append(source.lower())
    return where, params
