"""StoryState: what online clustering remembers between families and between runs.

Term statistics (document frequencies, kept incrementally), open stories with their centroids, an inverted
index from terms to recent stories, an embedding index of earlier families, and the merge history.
The pipeline loads and saves it through the store; this module never touches storage.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from newsfold import embed
from newsfold.cluster.features import FamilyFeatures


@dataclass(slots=True)
class StoryVector:
    """One story's running summary: enough to score a new family against it."""

    id: str
    terms: dict[str, float] = field(default_factory=dict)  # sum of members' unit sublinear-tf vectors
    embedding_sum: np.ndarray = field(default_factory=lambda: np.zeros(embed.DIMENSIONS, np.float32))
    entities: Counter[str] = field(default_factory=Counter)
    first_day: int | None = None
    last_day: int | None = None
    first: str | None = None
    last: str | None = None
    families: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # one per family, for the label
    keys: list[int] = field(default_factory=list)  # members' keys in StoryState.family_vectors
    norm: float = 0.0  # cached length of the idf-weighted centroid
    norm_at: int = -1  # n_docs when `norm` was computed; -1 means stale


@dataclass(slots=True, frozen=True)
class Merge:
    """Story `absorbed` was folded into story `into` when `family` bridged them."""

    into: str
    absorbed: str
    family: str
    at: str | None  # publication date of the bridging family


@dataclass(slots=True, frozen=True)
class Split:
    """Families `families` left story `story` for the new story `into` when `family` showed two events."""

    story: str
    into: str
    families: tuple[str, ...]
    family: str
    at: str | None  # publication date of the family whose arrival triggered the split


@dataclass(slots=True)
class StoryState:
    """Everything the stage needs to continue clustering where the last run stopped."""

    n_docs: int = 0
    df: Counter[str] = field(default_factory=Counter)
    stories: dict[str, StoryVector] = field(default_factory=dict)
    alias: dict[str, str] = field(default_factory=dict)  # absorbed story -> the story it was merged into
    merges: list[Merge] = field(default_factory=list)
    postings: dict[str, deque[str]] = field(default_factory=dict)
    family_story: list[str] = field(default_factory=list)  # ANN key (family sequence number) -> story
    family_ids: list[str] = field(default_factory=list)  # ANN key -> family id
    family_days: list[int | None] = field(default_factory=list)
    family_vectors: list[np.ndarray] = field(default_factory=list)  # kept so the store can persist the ANN
    ann: object | None = None  # usearch.index.Index, built lazily
    dirty: set[str] = field(default_factory=set)  # stories changed since the last save
    prior_docs: int = 1000  # set from ClusterConfig.idf_prior_docs by the stage
    # stories left in the store when the state was loaded (closed: their span ended more than the horizon
    # before the newest story): id -> (first_day, last_day), and how to fetch one if a family needs it
    spans: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    loader: Callable[[str], StoryVector | None] | None = None
    # per family: a small copy of its features (its heaviest unit-tf terms, names, title, day, articles),
    # so a story can be compared member by member and split; and the pair model's P between it and
    # earlier members of its story (family -> {earlier family: P}), each computed once and kept
    sketches: dict[str, FamilyFeatures] = field(default_factory=dict)
    links: dict[str, dict[str, float]] = field(default_factory=dict)
    family_key: dict[str, int] = field(default_factory=dict)  # family id -> its key (ANN, family_story)
    splits: list[Split] = field(default_factory=list)
    moved: set[int] = field(default_factory=set)  # keys whose story changed (split) since the last save
    dirty_sketches: set[str] = field(default_factory=set)  # sketches or links changed since the last save

    def story(self, story_id: str) -> StoryVector | None:
        """A current story by id, fetched from the store when it was left there as closed."""
        found = self.stories.get(story_id)
        if found is not None or self.loader is None or story_id not in self.spans:
            return found
        found = self.loader(story_id)
        del self.spans[story_id]
        if found is not None:
            found.keys = [k for k, s in enumerate(self.family_story) if self.resolve(s) == story_id]
            self.stories[story_id] = found
        return found

    def resolve(self, story: str) -> str:
        """Follow merges to the story that holds `story` now."""
        while story in self.alias:
            story = self.alias[story]
        return story

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency over all families seen so far."""
        return math.log((self.n_docs + self.prior_docs + 1) / (self.df.get(term, 0) + 1)) + 1.0


PERSON_KEY = "k:"


def is_person(state: StoryState, name: str) -> bool:
    """Whether NER has tagged this name as a person in some family so far."""
    return PERSON_KEY + name in state.df


def unit_tf(terms: dict[str, float]) -> dict[str, float]:
    """Sublinear term frequencies scaled to unit length (idf is applied at query time, as it drifts)."""
    tf = {t: 1.0 + math.log(c) if c >= 1 else c for t, c in terms.items()}
    norm = math.sqrt(sum(v * v for v in tf.values())) or 1.0
    return {t: v / norm for t, v in tf.items()}


def observe(state: StoryState, feats: FamilyFeatures) -> None:
    """Count the family's terms into the incremental document frequencies.

    Names seen as a person are also counted under "k:<name>", so a story's people can be told from its
    places without storing kinds per story (`similarity` asks `is_person`).
    """
    state.n_docs += 1
    state.df.update(feats.terms.keys())
    state.df.update(PERSON_KEY + e for e, kind in feats.kinds.items() if kind == "person")


def add_family(state: StoryState, story: StoryVector, feats: FamilyFeatures, max_terms: int) -> None:
    """Fold a family into a story's summary."""
    for term, value in unit_tf(feats.terms).items():
        story.terms[term] = story.terms.get(term, 0.0) + value
    if len(story.terms) > max_terms * 3 // 2:
        _prune(story, max_terms)
    story.embedding_sum += feats.embedding
    story.entities.update(feats.entities)
    story.families.append(feats.family)
    story.articles.extend(a for a in feats.articles if a not in story.articles)
    story.titles.append(feats.title)
    story.keys.append(len(state.family_ids))  # the key `online._index` is about to give this family
    story.norm_at = -1
    _extend_span(story, feats.day, feats.published)
    state.dirty.add(story.id)


def top_terms(weights: dict[str, float], n: int) -> list[tuple[str, float]]:
    """The n heaviest terms (by tf-idf, for a query), ties by term."""
    return sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def sketch(feats: FamilyFeatures, max_terms: int) -> FamilyFeatures:
    """The family's own contribution to a centroid (unit tf), cut to its heaviest terms; numbers kept."""
    tf = unit_tf(feats.terms)
    top = sorted(tf.items(), key=lambda kv: (-kv[1], kv[0]))[:max_terms]
    terms = dict(top) | {t: v for t, v in tf.items() if t.startswith("n:")}
    return replace(feats, terms=terms, articles=list(feats.articles))


def split_story(state: StoryState, story: StoryVector, moved: list[str], family: str, into: str) -> Split:
    """Move the families `moved` (which have sketches) out of `story` into a new story `into`."""
    new = StoryVector(id=into)
    state.stories[into] = new
    gone = set(moved)
    for fid in moved:
        member, key = state.sketches[fid], state.family_key[fid]
        _add_sketch(state, new, member, key)
        for term, value in member.terms.items():
            left = story.terms.get(term, 0.0) - value
            if left > 1e-9:
                story.terms[term] = left
            else:
                story.terms.pop(term, None)
        story.embedding_sum -= state.family_vectors[key]
        story.entities.subtract(member.entities)
        state.family_story[key] = into
        state.moved.add(key)
    story.entities = Counter({e: n for e, n in story.entities.items() if n > 0})
    kept = [i for i, f in enumerate(story.families) if f not in gone]
    story.titles = [story.titles[i] for i in kept if i < len(story.titles)]
    story.families = [story.families[i] for i in kept]
    moved_articles = {a for f in moved for a in state.sketches[f].articles}
    story.articles = [a for a in story.articles if a not in moved_articles]
    story.keys = [k for k in story.keys if state.family_ids[k] not in gone]
    _respan(state, story)
    story.norm_at = -1
    split = Split(story=story.id, into=into, families=tuple(moved), family=family, at=new.last)
    state.splits.append(split)
    state.dirty.update((story.id, into))
    return split


def _add_sketch(state: StoryState, story: StoryVector, member: FamilyFeatures, key: int) -> None:
    """Fold a member's sketch into a story (the new side of a split)."""
    for term, value in member.terms.items():
        story.terms[term] = story.terms.get(term, 0.0) + value
    story.embedding_sum += state.family_vectors[key]
    story.entities.update(member.entities)
    story.families.append(member.family)
    story.articles.extend(a for a in member.articles if a not in story.articles)
    story.titles.append(member.title)
    story.keys.append(key)
    _extend_span(story, member.day, member.published)


def _respan(state: StoryState, story: StoryVector) -> None:
    """Recompute a story's span from its members' sketches (kept as it was if one has none)."""
    members = [state.sketches.get(f) for f in story.families]
    if any(m is None for m in members):
        return
    story.first = story.last = story.first_day = story.last_day = None
    for member in members:
        _extend_span(story, member.day, member.published)


def merge_stories(state: StoryState, into: StoryVector, absorbed: StoryVector, family: str) -> Merge:
    """Fold `absorbed` into `into`, keep the history, and point the old id at the new home."""
    for term, value in absorbed.terms.items():
        into.terms[term] = into.terms.get(term, 0.0) + value
    into.embedding_sum += absorbed.embedding_sum
    into.entities.update(absorbed.entities)
    into.families.extend(absorbed.families)
    into.articles.extend(a for a in absorbed.articles if a not in into.articles)
    into.titles.extend(absorbed.titles)
    into.keys = sorted(into.keys + absorbed.keys)
    into.norm_at = -1
    _extend_span(into, absorbed.first_day, absorbed.first)
    _extend_span(into, absorbed.last_day, absorbed.last)
    del state.stories[absorbed.id]
    state.alias[absorbed.id] = into.id
    merge = Merge(into=into.id, absorbed=absorbed.id, family=family, at=into.last)
    state.merges.append(merge)
    state.dirty.update((into.id, absorbed.id))
    return merge


def _extend_span(story: StoryVector, day: int | None, published: str | None) -> None:
    """Widen the story's first/last to include a publication date."""
    if published is None:
        return
    if story.first is None or published < story.first:
        story.first, story.first_day = published, day
    if story.last is None or published > story.last:
        story.last, story.last_day = published, day


def _prune(story: StoryVector, max_terms: int) -> None:
    """Keep the heaviest terms of a big story's centroid; the tail barely moves a cosine."""
    keep = sorted(story.terms.items(), key=lambda kv: -kv[1])[:max_terms]
    story.terms = dict(keep)
