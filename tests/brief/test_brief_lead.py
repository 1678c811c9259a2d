"""The learned lead scorer on the real seeds: features, the shipped model, selection limits and redundancy."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from newsfold.brief import BriefConfig, lead, summary
from newsfold.errors import ConfigError


@pytest.fixture(scope="module")
def scored(seed_story, seed_comparison):
    titles = [a.title for a in seed_story[1] if a.id in set(seed_story[0].articles)]
    candidates = summary.candidates_of(seed_comparison, BriefConfig())
    table = lead.features(seed_comparison, candidates, titles)
    return candidates, table, lead.score(table)


def test_shipped_model_matches_the_features_and_says_how_it_was_fitted() -> None:
    model = lead.MODEL
    assert model["features"] == list(lead.FEATURES)
    assert len(model["weights"]) == len(model["mean"]) == len(model["scale"]) == len(lead.FEATURES)
    assert "train" in model["fitted"] and "val not used" in model["fitted"]
    # support stays a feature the model uses, not a column it ignores
    assert model["weights"][lead.FEATURES.index("support_share")] != 0


def test_features_describe_each_candidate(seed_comparison, scored) -> None:
    candidates, table, scores = scored
    assert table.shape == (len(candidates), len(lead.FEATURES)) and np.isfinite(scores).all()
    column = {name: table[:, i] for i, name in enumerate(lead.FEATURES)}
    for row, c in enumerate(candidates):
        unit, group = seed_comparison.units[c.unit], seed_comparison.groups[c.group]
        assert column["support"][row] == group.fact.support
        assert column["first"][row] == (unit.index == 0)
        assert column["representative"][row] == (c.unit == group.members[0])
    assert column["title_cover"].max() > 0  # seed titles share words with their sentences


def test_lead_is_the_best_scored_non_redundant_candidates(seed_comparison, scored) -> None:
    candidates, _, scores = scored
    config = BriefConfig()
    lines = summary.select(seed_comparison, candidates, scores, config)
    texts = [seed_comparison.units[c.unit].text for c in candidates]
    assert config.summary_min <= len(lines) <= config.summary_max
    assert {line.text for line in lines} <= set(texts)
    # the best-scored usable candidate is always in the lead
    assert texts[int(np.argmax(scores))] in {line.text for line in lines}
    rows = [texts.index(line.text) for line in lines]
    vectors = seed_comparison.vectors[[candidates[r].unit for r in rows]]
    sims = vectors @ vectors.T
    assert (sims[~np.eye(len(rows), dtype=bool)] < config.redundancy).all()


def test_extra_lines_follow_the_threshold_and_stop_at_the_maximum(seed_comparison, scored) -> None:
    candidates, _, scores = scored
    none = summary.select(seed_comparison, candidates, scores, BriefConfig(lead_extra_score=float("inf")))
    every = summary.select(seed_comparison, candidates, scores, BriefConfig(lead_extra_score=-np.inf))
    assert len(none) == 3 and 3 < len(every) <= 6
    first = {line.text for line in none}
    assert first <= {line.text for line in every}  # extra lines add to the same three, never replace them
    assert all(line.support >= 2 for line in every if line.text not in first)


def test_a_model_fitted_on_other_features_is_refused(scored) -> None:
    other = {**lead.MODEL, "features": [*lead.MODEL["features"][1:], "other"]}
    with pytest.raises(ConfigError):
        lead.score(scored[1], other)


def test_fact_order_lead_is_still_available(seed_comparison) -> None:
    config = replace(BriefConfig(), learned_lead=False)
    lines = summary.extract(seed_comparison, config)
    assert 3 <= len(lines) <= 6 and "bases" in lines[0].text
