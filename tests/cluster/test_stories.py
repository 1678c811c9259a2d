"""Online stories on real articles: the seeds form one story nothing else joins; state survives a store."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from newsfold.cluster import ClusterConfig, FamilyFeatures, StoryState, assign_features, stories
from newsfold.model import Article
from newsfold.store import Store

SEED_DAY = "2022-02-15"  # the day conftest gives the background articles (checked below)


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


def test_resume_loads_open_stories_only_and_gives_the_same_stories(
    seed_articles: list[Article], mixed_features: list[FamilyFeatures], tmp_db: Path
) -> None:
    # run 1: three seeds and half the background on the seed day; run 2, 200 days later (beyond the
    # 120-day horizon): the other half of the background, plus the last two seeds back-dated to the seed
    # day (a late feed), which must still find the seed story although it was left in the store as closed
    seed_ids = [a.id for a in seed_articles]
    day = date.fromisoformat(SEED_DAY).toordinal()
    seeds = [replace(f, day=day, published=SEED_DAY) for f in mixed_features if f.family in seed_ids]
    others = [f for f in mixed_features if f.family not in seed_ids]
    assert {f.day for f in others} == {day}
    later_day = day + 200
    published = date.fromordinal(later_day).isoformat()
    late = [replace(f, day=later_day, published=published) for f in others[1::2]]
    first = [*seeds[:3], *others[::2]]
    straight = StoryState()  # the same three batches without the store
    for batch in (first, late, seeds[3:]):
        assign_features(batch, straight)
    with Store.open(tmp_db) as store:
        state = StoryState()
        assign_features(first, state)
        store.save_story_state(state)
        # run 1 + the newer stories of run 2 so far: run 1's stories are now closed
        assign_features(late, state)
        store.save_story_state(state)
    with Store.open(tmp_db) as store:
        resumed = store.load_story_state()
        assert resumed.spans, "closed stories should stay in the store"
        assert not set(resumed.spans) & set(resumed.stories)
        assert all(s.first_day == later_day for s in resumed.stories.values())
        assign_features(seeds[3:], resumed)
        store.save_story_state(resumed)
        stored = {frozenset(s.families) for s in store.list_stories()}
    assert stored == _partition(straight)
    assert frozenset(f.family for f in seeds) in stored  # the back-dated seeds reached the closed story
