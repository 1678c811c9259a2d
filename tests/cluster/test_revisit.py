"""Member-by-member checks on real reports: a story holding two same-kind events is split, and kept so."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np

from newsfold.cluster import ClusterConfig, StoryState, assign_features, extract, with_singletons
from newsfold.cluster.revisit import _halves
from newsfold.model import Article
from newsfold.store import Store

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
TOPIC = 7  # ECB+ topic 7: two Klitschko title defences (against Rahman, later against Thompson)


def _topic_reports() -> tuple[dict[str, Article], dict[str, str]]:
    """The topic's reports, first event first (the order in which one story swallows the other)."""
    with gzip.open(DATA / "ecbplus" / "ecbplus_topics_1-35.jsonl.gz", "rt") as handle:
        rows = [r for r in map(json.loads, handle) if r["topic"] == TOPIC]
    rows.sort(key=lambda r: (r["cluster_id"].endswith("plus"), r["doc_id"]))
    articles = {
        r["doc_id"]: Article(
            id=r["doc_id"], origin="ecbplus", raw=r["text"], text=r["text"] or r["title"], title=r["title"]
        )
        for r in rows
    }
    return articles, {r["doc_id"]: r["cluster_id"] for r in rows}


def test_a_story_holding_two_events_is_split_and_the_split_is_stored(tmp_db: Path) -> None:
    articles, gold = _topic_reports()
    assert len(set(gold.values())) == 2
    feats = extract(with_singletons([], articles), articles)
    # every family joins its best story and members are not scored at join time: the second title
    # defence's first report chains into the first one's story, as a centroid-only clusterer does
    chained = replace(ClusterConfig(), join_threshold=0.0, member_candidates=0)
    state = StoryState()
    placed = assign_features(feats, state, chained)
    assert state.splits, "the mixed story was never split"
    events_per_story = Counter(len({gold[f] for f in s.families}) for s in state.stories.values())
    assert set(events_per_story) == {1}, f"a story still holds two events: {events_per_story}"
    assert placed == [state.resolve(state.family_story[state.family_key[f.family]]) for f in feats]
    without = StoryState()
    assign_features(feats, without, replace(chained, split_threshold=-1.0))
    assert len(without.stories) == 1  # without the split check, one story holds both events
    with Store.open(tmp_db) as store:
        store.save_story_state(state)
        assert store.list_story_splits() == state.splits
        stored = {frozenset(s.families) for s in store.list_stories()}
        resumed = store.load_story_state()
    assert stored == {frozenset(s.families) for s in state.stories.values()}
    assert resumed.links == state.links
    assert {f: s.terms for f, s in resumed.sketches.items()} == {
        f: s.terms for f, s in state.sketches.items()
    }


def test_average_link_halves_find_the_block_not_holding_the_first_member() -> None:
    labels = np.array([0, 1, 1, 0, 1, 0])
    near = np.where(labels[:, None] == labels[None, :], 0.9, 0.1)
    near[2, 4] = near[4, 2] = 0.5  # a weaker pair inside a block does not break it
    np.fill_diagonal(near, 1.0)
    assert np.flatnonzero(_halves(near)).tolist() == [1, 2, 4]
