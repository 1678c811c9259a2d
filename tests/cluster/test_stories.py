"""Online stories on real articles: the seeds form one story nothing else joins; state survives a store."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsfold.cluster import ClusterConfig, FamilyFeatures, StoryState, assign_features, stories
from newsfold.model import Article
from newsfold.store import Store


def _story_of(state: StoryState) -> dict[str, str]:
    """Family id -> the story holding it now."""
    return {f: state.resolve(s) for f, s in zip(state.family_ids, state.family_story, strict=True)}


def test_seeds_are_one_story_and_nothing_else_joins(
    seed_articles: list[Article], mixed_features: list[FamilyFeatures]
) -> None:
    state = StoryState()
    assign_features(mixed_features, state)
    where = _story_of(state)
    seed_ids = {a.id for a in seed_articles}
    homes = {where[a] for a in seed_ids}
    assert len(homes) == 1, f"seeds split over {len(homes)} stories"
    story = state.stories[homes.pop()]
    assert set(story.articles) == seed_ids
    assert len(state.stories) > 20  # the background forms stories of its own
    assert "ukraine" in story.entities and "russia" in story.entities


def test_resuming_from_the_store_gives_the_same_stories(
    mixed_features: list[FamilyFeatures], tmp_db: Path
) -> None:
    whole = StoryState()
    assign_features(mixed_features, whole)
    half = len(mixed_features) // 2
    with Store.open(tmp_db) as store:
        first = StoryState()
        assign_features(mixed_features[:half], first)
        store.save_story_state(first)
    with Store.open(tmp_db) as store:
        resumed = store.load_story_state()
        assign_features(mixed_features[half:], resumed)
        store.save_story_state(resumed)
        listed = store.list_stories()
    assert _partition(whole) == _partition(resumed)
    assert {s.id for s in listed} == set(resumed.stories)
    assert [s.last or "" for s in listed] == sorted((s.last or "" for s in listed), reverse=True)


def _partition(state: StoryState) -> set[frozenset[str]]:
    return {frozenset(s.families) for s in state.stories.values()}


def test_a_bridging_family_merges_stories_and_the_merge_is_kept(
    seed_articles: list[Article], mixed_features: list[FamilyFeatures], tmp_db: Path
) -> None:
    seeds = [f for f in mixed_features if f.family in {a.id for a in seed_articles}]
    state = StoryState()
    assign_features(seeds[:3], state, replace(ClusterConfig(), join_threshold=1.01))  # never join: 3 stories
    assert len(state.stories) == 3
    assign_features(seeds[3:4], state, replace(ClusterConfig(), join_threshold=0.0, merge_threshold=0.0))
    assert len(state.stories) == 1
    assert len(state.merges) == 2
    (story,) = stories(state)
    assert len(story.families) == 4
    with Store.open(tmp_db) as store:
        store.save_story_state(state)
        assert [(m.into, m.absorbed) for m in store.list_story_merges()] == [
            (m.into, m.absorbed) for m in state.merges
        ]
        old = state.merges[0].absorbed
        found = store.get_story(old)
        assert found is not None and found.id == story.id
        assert store.count_stories() == 1


def test_cli_lists_stored_stories_newest_first(
    seed_articles: list[Article], mixed_features: list[FamilyFeatures], tmp_db: Path
) -> None:
    from typer.testing import CliRunner

    from newsfold.cli import app
    from newsfold.export import story_to_json

    state = StoryState()
    assign_features(mixed_features, state)
    with Store.open(tmp_db) as store:
        store.save_story_state(state)
        seed_story = store.get_story(_story_of(state)[seed_articles[0].id])
    assert seed_story is not None
    args = ["stories", "--db", str(tmp_db), "--limit", "500"]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "220"})
    assert result.exit_code == 0, result.output
    assert seed_story.id in result.output
    row = next(line for line in result.output.splitlines() if seed_story.id in line)
    cells = [cell.strip() for cell in row.split("│")]
    assert cells[4:6] == ["5", "5"]  # five articles, five families (each seed its own family here)
    keys = {"id", "label", "first", "last", "articles", "families", "entities"}
    assert set(story_to_json(seed_story)) == keys
