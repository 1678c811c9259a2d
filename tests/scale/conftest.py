"""One local SparkSession for every scale test (the JVM starts once per session: ~15 s)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark")

from newsfold.scale.config import ScaleConfig  # noqa: E402
from newsfold.scale.session import spark_session  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEEDS = SHARED / "seeds"
NAEB = SHARED / "data" / "naeb" / "articles.json"
# Two cores, few shuffle partitions: a test's shuffles are tiny, and each partition costs a task.
TEST_CONFIG = ScaleConfig(master="local[2]", shuffle_partitions=2, window_days=30)


@pytest.fixture(scope="session")
def spark() -> Iterator[object]:
    session = spark_session(TEST_CONFIG)
    yield session
    session.stop()
