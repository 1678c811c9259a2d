"""One comparison of the seeds' story per session, shared by the brief tests."""

from __future__ import annotations

import pytest

from newsfold.compare import compare


@pytest.fixture(scope="session")
def seed_comparison(seed_story):
    story, articles, families, _ = seed_story
    return compare(story, articles, families)
