"""Briefs in the store: the latest brief of each story, kept as its public JSON shape."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from newsfold.brief import brief_from_json, brief_to_json
from newsfold.model import Brief


class BriefTables:
    """Mixin for `Store`: the `briefs` table."""

    if TYPE_CHECKING:
        _db: sqlite3.Connection

        def transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...

    def save_briefs(self, briefs: Iterable[Brief]) -> None:
        """Write (or replace) the brief of each story, in one transaction."""
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        rows = [(b.story, json.dumps(brief_to_json(b), ensure_ascii=False), stamp) for b in briefs]
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO briefs (story, brief, updated) VALUES (?, ?, ?)", rows)

    def get_brief(self, story_id: str) -> Brief | None:
        """The stored brief of a story, or None when none was written."""
        row = self._db.execute("SELECT brief FROM briefs WHERE story = ?", (story_id,)).fetchone()
        return brief_from_json(json.loads(row[0])) if row else None

    def count_briefs(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM briefs").fetchone()[0])
