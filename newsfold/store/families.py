"""Copy families in the store: the dedup stage's state (load/save) and the families and reuse it found."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

import numpy as np

from newsfold.dedup import DedupState, Link
from newsfold.embed import DIMENSIONS
from newsfold.model import AlignedPassage, Cite, CopyFamily, FamilyMember, Reuse


class FamilyTables:
    """Mixin for `Store`: the `dedup_*`, `families`, `family_*` and `reuse` tables."""

    if TYPE_CHECKING:
        _db: sqlite3.Connection
        run_id: int | None

        def transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...

    def load_dedup_state(self, num_perm: int = 128) -> DedupState:
        """Everything dedup needs to fold new articles into the families already stored."""
        state = DedupState(num_perm=num_perm)
        rows = self._db.execute(
            "SELECT article, published, exact, signature, sentences, vectors, n_vectors"
            " FROM dedup_articles ORDER BY seq"
        ).fetchall()
        if rows:
            state.extend(
                [r[0] for r in rows],
                [r[1] for r in rows],
                np.frombuffer(b"".join(r[2] for r in rows), dtype=np.uint64),
                np.frombuffer(b"".join(r[3] for r in rows), dtype=np.uint32),
                [np.frombuffer(r[4], dtype=np.uint64) for r in rows],
            )
        for seq, row in enumerate(rows):
            if row[5] is not None:
                state.vectors[seq] = np.frombuffer(row[5], dtype=np.float16).reshape(row[6], DIMENSIONS)
        state.links = [
            Link(*r) for r in self._db.execute("SELECT a, b, layer, score FROM dedup_links ORDER BY id")
        ]
        state.saved_articles, state.saved_links = len(state), len(state.links)
        return state

    def save_dedup_state(self, state: DedupState) -> None:
        """Write the articles, links and vectors added since the state was loaded, in one transaction."""
        with self.transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO dedup_articles (seq, article, published, exact, signature, sentences)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    (i, state.ids[i], state.published[i], state.exact[i : i + 1].tobytes(),
                     state.signatures[i].tobytes(), state.sentences_of(i).tobytes())
                    for i in range(state.saved_articles, len(state))
                ),
            )  # fmt: skip
            db.executemany(
                "INSERT INTO dedup_links (a, b, layer, score) VALUES (?, ?, ?, ?)",
                ((x.a, x.b, x.layer, x.score) for x in state.links[state.saved_links :]),
            )
            db.executemany(
                "UPDATE dedup_articles SET vectors = ?, n_vectors = ? WHERE seq = ?",
                (
                    (state.vectors[i].tobytes(), len(state.vectors[i]), i)
                    for i in sorted(state.unsaved_vectors)
                ),
            )
        state.saved_articles, state.saved_links = len(state), len(state.links)
        state.unsaved_vectors.clear()

    def save_families(self, families: Iterable[CopyFamily], reuse: Iterable[Reuse] = ()) -> None:
        """Store families (replacing earlier versions of them and of families they absorbed) and reuse."""
        with self.transaction() as db:
            for family in families:
                _save_family(db, family, self.run_id)
            db.execute("DELETE FROM families WHERE id NOT IN (SELECT DISTINCT family FROM family_members)")
            db.execute("DELETE FROM family_evidence WHERE family NOT IN (SELECT id FROM families)")
            db.executemany(
                "INSERT OR REPLACE INTO reuse (a, b, sentences) VALUES (?, ?, ?)",
                ((r.a, r.b, json.dumps([_passage_row(p) for p in r.sentences])) for r in reuse),
            )

    def family_of(self, article_id: str) -> str | None:
        """The id of the family holding an article, or None when dedup has not seen it."""
        row = self._db.execute(
            "SELECT family FROM family_members WHERE article = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    def get_family(self, family_id: str) -> CopyFamily | None:
        """One family with its members and evidence, or None."""
        row = self._db.execute("SELECT id, canonical FROM families WHERE id = ?", (family_id,)).fetchone()
        return self._family(row) if row else None

    def list_families(self) -> list[CopyFamily]:
        """Every family, in order of id."""
        return [self._family(r) for r in self._db.execute("SELECT id, canonical FROM families ORDER BY id")]

    def list_reuse(self) -> list[Reuse]:
        """Every partial-reuse record."""
        out = []
        for a, b, sentences in self._db.execute("SELECT a, b, sentences FROM reuse ORDER BY a, b"):
            out.append(Reuse(a, b, [_passage_from(a, b, s) for s in json.loads(sentences)]))
        return out

    def reuse_of(self, article_ids: Iterable[str]) -> list[Reuse]:
        """Partial-reuse records involving any of these articles."""
        wanted = set(article_ids)
        return [r for r in self.list_reuse() if r.a in wanted or r.b in wanted]

    def _family(self, row: tuple) -> CopyFamily:
        family = CopyFamily(id=row[0], canonical=row[1])
        family.members = [
            FamilyMember(*m)
            for m in self._db.execute(
                "SELECT article, relation, score FROM family_members WHERE family = ? ORDER BY position",
                (row[0],),
            )
        ]
        family.evidence = [
            AlignedPassage(Cite(a, a0, a1), Cite(b, b0, b1), score)
            for a, a0, a1, b, b0, b1, score in self._db.execute(
                "SELECT a, a_start, a_end, b, b_start, b_end, score FROM family_evidence"
                " WHERE family = ? ORDER BY id",
                (row[0],),
            )
        ]
        return family


def _save_family(db: sqlite3.Connection, family: CopyFamily, run_id: int | None) -> None:
    members = family.article_ids
    marks = ",".join("?" * len(members))
    db.execute(f"DELETE FROM family_members WHERE article IN ({marks})", members)
    db.execute("DELETE FROM family_evidence WHERE family = ?", (family.id,))
    db.execute(
        "INSERT OR REPLACE INTO families (id, canonical, size, run_id) VALUES (?, ?, ?, ?)",
        (family.id, family.canonical, len(members), run_id),
    )
    db.executemany(
        "INSERT INTO family_members (article, family, relation, score, position) VALUES (?, ?, ?, ?, ?)",
        ((m.article, family.id, m.relation, m.score, k) for k, m in enumerate(family.members)),
    )
    db.executemany(
        "INSERT INTO family_evidence (family, a, a_start, a_end, b, b_start, b_end, score)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ((family.id, p.a.article, p.a.start, p.a.end, p.b.article, p.b.start, p.b.end, p.score)
         for p in family.evidence),
    )  # fmt: skip


def _passage_row(p: AlignedPassage) -> list:
    return [p.a.start, p.a.end, p.b.start, p.b.end, p.score]


def _passage_from(a: str, b: str, row: list) -> AlignedPassage:
    return AlignedPassage(Cite(a, row[0], row[1]), Cite(b, row[2], row[3]), row[4])
