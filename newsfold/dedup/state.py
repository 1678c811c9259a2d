"""What dedup remembers between runs, so new articles join old families without recomputing the corpus.

Per known article: its exact key, MinHash signature, distinct sentence hashes and (when the meaning
layer looked at it) its sentence vectors; plus the verified copy links that joined two components.
The store persists this object; the stage only reads and extends it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(slots=True, frozen=True)
class Link:
    """A verified copy relation between two known articles (indices into the state)."""

    a: int
    b: int
    layer: str  # "exact", "near", "contained", "paraphrase"
    score: float


@dataclass(slots=True)
class DedupState:
    """Signatures, sentence hashes, vectors and links of every article dedup has seen."""

    num_perm: int = 128
    ids: list[str] = field(default_factory=list)
    published: list[str | None] = field(default_factory=list)
    exact: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    signatures: np.ndarray | None = None  # uint32 (n, num_perm)
    sentences: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))  # distinct, per article
    sentence_offsets: np.ndarray = field(default_factory=lambda: np.zeros(1, np.int64))
    vectors: dict[int, np.ndarray] = field(default_factory=dict)  # article index -> sentence vectors
    links: list[Link] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    # what the store already holds, so saving writes only what changed
    saved_articles: int = 0
    saved_links: int = 0
    unsaved_vectors: set[int] = field(default_factory=set)
    _ends: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), np.int64), repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    def sentences_of(self, i: int) -> np.ndarray:
        return self.sentences[self.sentence_offsets[i] : self.sentence_offsets[i + 1]]

    def set_vectors(self, i: int, vectors: np.ndarray) -> None:
        """Keep an article's sentence vectors (float16: half the memory, alignment does not notice)."""
        self.vectors[i] = vectors.astype(np.float16)
        self.unsaved_vectors.add(i)

    def link_ends(self) -> np.ndarray:
        """(a, b) of every link as an int64 array, kept in step with `links` (built once, then appended)."""
        if len(self._ends) > len(self.links):  # links were replaced (the store loads them)
            self._ends = np.zeros((0, 2), np.int64)
        if len(self._ends) < len(self.links):
            tail = [(x.a, x.b) for x in self.links[len(self._ends) :]]
            self._ends = np.concatenate((self._ends, np.array(tail, dtype=np.int64).reshape(-1, 2)))
        return self._ends

    def extend(
        self,
        ids: list[str],
        published: list[str | None],
        exact: np.ndarray,
        signatures: np.ndarray,
        sentences: list[np.ndarray],
    ) -> None:
        """Append new articles (their distinct sentence hashes given per article)."""
        sizes = np.array([len(s) for s in sentences], dtype=np.int64)
        flat = np.concatenate(sentences) if sentences else np.zeros(0, np.uint64)
        self.extend_flat(ids, published, exact, signatures, flat, np.concatenate(([0], np.cumsum(sizes))))

    def extend_flat(
        self,
        ids: list[str],
        published: list[str | None],
        exact: np.ndarray,
        signatures: np.ndarray,
        sentences: np.ndarray,
        sentence_offsets: np.ndarray,
    ) -> None:
        """Append new articles, their distinct sentence hashes as one flat array with row offsets."""
        base = len(self.ids)
        self.ids.extend(ids)
        self.published.extend(published)
        self.index.update({a: base + i for i, a in enumerate(ids)})
        # no copies when the arrays already have the stored types (a 100k-article batch's signatures
        # are 51 MB)
        self.exact = np.concatenate((self.exact, exact.astype(np.uint64, copy=False)))
        sigs = signatures.astype(np.uint32, copy=False).reshape(len(ids), self.num_perm)
        self.signatures = sigs if self.signatures is None else np.concatenate((self.signatures, sigs))
        self.sentences = np.concatenate((self.sentences, sentences.astype(np.uint64, copy=False)))
        tail = self.sentence_offsets[-1] + np.asarray(sentence_offsets[1:], dtype=np.int64)
        self.sentence_offsets = np.concatenate((self.sentence_offsets, tail))
