"""Stories in the store: the cluster stage's state (load/save) and the stories it made (list/get/merges)."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, deque
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import numpy as np

from newsfold.cluster import ClusterConfig, FamilyFeatures, Merge, Split, StoryState, StoryVector, to_story
from newsfold.model import Story

_STORY_COLUMNS = (
    "id, label, first, last, first_day, last_day, families, entities, terms, embedding_sum, titles"
)


class StoryTables:
    """Mixin for `Store`: the `stories` and `story_*` tables."""

    if TYPE_CHECKING:
        _db: sqlite3.Connection

        def transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...

    def load_story_state(self, posting_cap: int = 256, horizon_days: float | None = None) -> StoryState:
        """Everything clustering needs to go on from the last saved run.

        Only open stories are read in full: those whose span ends within `horizon_days` (default: the
        clusterer's) of the newest story, and undated ones. The others stay in the store with their span
        known; the state fetches one only if a family could still join it (an undated or back-dated family,
        or new members of a family it holds), so the stories come out as if everything had been loaded.
        """
        if horizon_days is None:
            horizon_days = ClusterConfig().horizon_days
        state = StoryState()
        meta = dict(self._db.execute("SELECT key, value FROM story_meta"))
        state.n_docs = int(meta.get("n_docs", 0))
        state.df = Counter(dict(self._db.execute("SELECT term, df FROM story_terms")))
        newest = self._db.execute("SELECT MAX(last_day) FROM stories").fetchone()[0]
        since = newest - horizon_days if newest is not None else None
        for sid, first_day, last_day in self._db.execute("SELECT id, first_day, last_day FROM stories"):
            if since is not None and last_day is not None and last_day < since:
                state.spans[sid] = (first_day, last_day)
        for row in self._db.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories WHERE last_day IS NULL OR last_day >= ?",
            (since if since is not None else -(2**62),),
        ):
            story = self._story_vector(row)
            state.stories[story.id] = story
        state.loader = self._load_story
        for into, absorbed, family, at in self._db.execute(
            "SELECT into_story, absorbed, family, at FROM story_merges ORDER BY id"
        ):
            state.alias[absorbed] = into
            state.merges.append(Merge(into, absorbed, family, at))
        for term, ids in self._db.execute("SELECT term, stories FROM story_postings"):
            state.postings[term] = deque(json.loads(ids), maxlen=posting_cap)
        for family, story, day, blob in self._db.execute(
            "SELECT family, story, day, embedding FROM story_families ORDER BY seq"
        ):
            state.family_ids.append(family)
            state.family_story.append(story)
            state.family_days.append(day)
            state.family_vectors.append(np.frombuffer(blob, dtype=np.float32))
        for key, story in enumerate(state.family_story):
            held = state.stories.get(state.resolve(story))
            if held is not None:  # a closed story gets its keys when it is fetched
                held.keys.append(key)
        state.family_key = {f: k for k, f in enumerate(state.family_ids)}
        self._load_members(state)
        return state

    def _load_members(self, state: StoryState) -> None:
        """Every family's sketch and member links, and the split history."""
        for family, text in self._db.execute("SELECT family, sketch FROM story_members"):
            data = json.loads(text)
            key = state.family_key[family]
            state.sketches[family] = FamilyFeatures(
                family=family,
                articles=data["articles"],
                title=data["title"],
                day=data["day"],
                published=data["published"],
                terms=data["terms"],
                entities=data["entities"],
                embedding=state.family_vectors[key],
                kinds=data["kinds"],
            )
            if data["links"]:
                state.links[family] = data["links"]
        state.splits.extend(self.list_story_splits())

    def _load_story(self, story_id: str) -> StoryVector | None:
        """One stored story as the clusterer holds it (for `StoryState.story`)."""
        row = self._db.execute(f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,)).fetchone()
        return None if row is None else self._story_vector(row)

    def _story_vector(self, row: tuple) -> StoryVector:
        """A `stories` row as the clusterer's StoryVector, with its articles."""
        story = _vector_from_row(row)
        story.articles = self._story_article_ids(story.id)
        return story

    def save_story_state(self, state: StoryState) -> None:
        """Write what changed since the state was loaded, in one transaction."""
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction() as db:
            saved = db.execute("SELECT COUNT(*) FROM story_families").fetchone()[0]
            db.executemany(
                "INSERT INTO story_families (seq, family, story, day, embedding) VALUES (?, ?, ?, ?, ?)",
                [
                    (
                        i,
                        state.family_ids[i],
                        state.family_story[i],
                        state.family_days[i],
                        np.asarray(state.family_vectors[i], np.float32).tobytes(),
                    )
                    for i in range(saved, len(state.family_ids))
                ],
            )
            for sid in sorted(state.dirty):
                db.execute("DELETE FROM stories WHERE id = ?", (sid,))
                if sid in state.stories:
                    self._write_story(db, state, state.stories[sid], stamp)
            db.executemany(
                "UPDATE story_families SET story = ? WHERE seq = ?",
                [(state.family_story[k], k) for k in sorted(state.moved) if k < saved],
            )
            self._save_members(db, state, stamp)
            known = {a for (a,) in db.execute("SELECT absorbed FROM story_merges")}
            db.executemany(
                "INSERT INTO story_merges (into_story, absorbed, family, at, merged) VALUES (?, ?, ?, ?, ?)",
                [
                    (m.into, m.absorbed, m.family, m.at, stamp)
                    for m in state.merges
                    if m.absorbed not in known
                ],
            )
            db.executemany("INSERT OR REPLACE INTO story_terms (term, df) VALUES (?, ?)", state.df.items())
            db.executemany(
                "INSERT OR REPLACE INTO story_postings (term, stories) VALUES (?, ?)",
                [(t, json.dumps(list(ids))) for t, ids in state.postings.items()],
            )
            db.execute(
                "INSERT OR REPLACE INTO story_meta (key, value) VALUES ('n_docs', ?)", (str(state.n_docs),)
            )
        state.dirty.clear()
        state.moved.clear()
        state.dirty_sketches.clear()

    def _save_members(self, db: sqlite3.Connection, state: StoryState, stamp: str) -> None:
        """Changed sketches and member links, and splits not stored yet."""
        db.executemany(
            "INSERT OR REPLACE INTO story_members (family, sketch) VALUES (?, ?)",
            [
                (f, _sketch_json(state.sketches[f], state.links.get(f, {})))
                for f in sorted(state.dirty_sketches)
                if f in state.sketches
            ],
        )
        known = {s for (s,) in db.execute("SELECT into_story FROM story_splits")}
        db.executemany(
            "INSERT INTO story_splits (story, into_story, families, family, at, split)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (s.story, s.into, json.dumps(list(s.families)), s.family, s.at, stamp)
                for s in state.splits
                if s.into not in known
            ],
        )

    def list_story_splits(self) -> list[Split]:
        """The split history, oldest first."""
        rows = self._db.execute(
            "SELECT story, into_story, families, family, at FROM story_splits ORDER BY id"
        )
        return [
            Split(story, into, tuple(json.loads(fams)), family, at) for story, into, fams, family, at in rows
        ]

    def list_stories(self, limit: int | None = None) -> list[Story]:
        """Stories, newest first (by last publication, then id)."""
        sql = "SELECT id, label, first, last, families, entities FROM stories ORDER BY last DESC, id DESC"
        rows = self._db.execute(sql + (" LIMIT ?" if limit else ""), (limit,) if limit else ()).fetchall()
        return [self._story_from_row(row) for row in rows]

    def count_stories(self) -> int:
        """How many stories the store holds (merged-away ones not counted)."""
        return int(self._db.execute("SELECT COUNT(*) FROM stories").fetchone()[0])

    def get_story(self, story_id: str) -> Story | None:
        """One story by id; an id that was merged away leads to the story that absorbed it."""
        seen = set()
        while story_id not in seen:
            seen.add(story_id)
            row = self._db.execute(
                "SELECT id, label, first, last, families, entities FROM stories WHERE id = ?", (story_id,)
            ).fetchone()
            if row:
                return self._story_from_row(row)
            into = self._db.execute(
                "SELECT into_story FROM story_merges WHERE absorbed = ?", (story_id,)
            ).fetchone()
            if into is None:
                return None
            story_id = into[0]
        return None

    def list_story_merges(self) -> list[Merge]:
        """The merge history, oldest first."""
        rows = self._db.execute("SELECT into_story, absorbed, family, at FROM story_merges ORDER BY id")
        return [Merge(*row) for row in rows]

    def _story_article_ids(self, story_id: str) -> list[str]:
        rows = self._db.execute(
            "SELECT article FROM story_articles WHERE story = ? ORDER BY pos", (story_id,)
        )
        return [a for (a,) in rows]

    def _story_from_row(self, row: tuple) -> Story:
        sid, label, first, last, families, entities = row
        top = Counter(json.loads(entities)).most_common(10)
        return Story(
            id=sid,
            label=label,
            first=first,
            last=last,
            articles=self._story_article_ids(sid),
            families=json.loads(families),
            entities=[e for e, _ in top],
        )

    def _write_story(self, db: sqlite3.Connection, state: StoryState, story: StoryVector, stamp: str) -> None:
        label = to_story(state, story).label
        db.execute(
            f"INSERT INTO stories ({_STORY_COLUMNS}, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                story.id,
                label,
                story.first,
                story.last,
                story.first_day,
                story.last_day,
                json.dumps(story.families),
                json.dumps(dict(story.entities), ensure_ascii=False),
                json.dumps(story.terms, ensure_ascii=False),
                np.asarray(story.embedding_sum, np.float32).tobytes(),
                json.dumps(story.titles, ensure_ascii=False),
                stamp,
            ),
        )
        db.executemany(
            "INSERT INTO story_articles (story, article, pos) VALUES (?, ?, ?)",
            [(story.id, a, i) for i, a in enumerate(story.articles)],
        )


def _sketch_json(member: FamilyFeatures, links: dict[str, float]) -> str:
    """A family's sketch and links as JSON (its embedding is stored in story_families)."""
    data = {
        "title": member.title,
        "day": member.day,
        "published": member.published,
        "articles": member.articles,
        "terms": member.terms,
        "entities": member.entities,
        "kinds": member.kinds,
        "links": links,
    }
    return json.dumps(data, ensure_ascii=False)


def _vector_from_row(row: tuple) -> StoryVector:
    """A StoryVector from a `stories` row (articles are filled by the caller)."""
    sid, _label, first, last, first_day, last_day, families, entities, terms, blob, titles = row
    return StoryVector(
        id=sid,
        terms=json.loads(terms),
        embedding_sum=np.frombuffer(blob, dtype=np.float32).copy(),
        entities=Counter(json.loads(entities)),
        first_day=first_day,
        last_day=last_day,
        first=first,
        last=last,
        families=json.loads(families),
        titles=json.loads(titles),
    )
