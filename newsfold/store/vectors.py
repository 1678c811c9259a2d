"""Per-article analysis in the store: sentence and quote vectors (float16 blobs) and NER name votes."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

import numpy as np

from newsfold.compare import ArticleAnalysis
from newsfold.embed import DIMENSIONS

_IDS_PER_QUERY = 500  # far below SQLite's bound-parameter limit


class AnalysisTables:
    """Mixin for `Store`: the `article_analysis` table."""

    if TYPE_CHECKING:
        _db: sqlite3.Connection

        def transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...

    def save_analyses(self, analyses: Iterable[ArticleAnalysis]) -> None:
        """Write (or replace) each article's analysis of its version, in one transaction."""
        rows = [
            (
                x.article,
                x.version,
                np.ascontiguousarray(x.sentence_spans, dtype=np.int32).tobytes(),
                np.ascontiguousarray(x.sentence_vectors, dtype=np.float16).tobytes(),
                np.ascontiguousarray(x.quote_spans, dtype=np.int32).tobytes(),
                np.ascontiguousarray(x.quote_vectors, dtype=np.float16).tobytes(),
                json.dumps(x.names, ensure_ascii=False, sort_keys=True),
            )
            for x in analyses
        ]
        if not rows:
            return
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO article_analysis VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def get_analyses(self, article_ids: Iterable[str], version: str) -> dict[str, ArticleAnalysis]:
        """The stored analyses of `version` for these articles (article id -> analysis; absent: none)."""
        ids = list(dict.fromkeys(article_ids))
        found: dict[str, ArticleAnalysis] = {}
        for at in range(0, len(ids), _IDS_PER_QUERY):
            chunk = ids[at : at + _IDS_PER_QUERY]
            rows = self._db.execute(
                "SELECT article, version, sentence_spans, sentence_vectors, quote_spans, quote_vectors, names"
                f" FROM article_analysis WHERE version = ? AND article IN ({', '.join('?' * len(chunk))})",
                (version, *chunk),
            )
            found.update((row[0], _from_row(row)) for row in rows)
        return found

    def count_analyses(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM article_analysis").fetchone()[0])


def _from_row(row: tuple) -> ArticleAnalysis:
    return ArticleAnalysis(
        article=row[0],
        version=row[1],
        sentence_spans=np.frombuffer(row[2], dtype=np.int32).reshape(-1, 2),
        sentence_vectors=np.frombuffer(row[3], dtype=np.float16).reshape(-1, DIMENSIONS),
        quote_spans=np.frombuffer(row[4], dtype=np.int32).reshape(-1, 2),
        quote_vectors=np.frombuffer(row[5], dtype=np.float16).reshape(-1, DIMENSIONS),
        names=json.loads(row[6]),
    )
