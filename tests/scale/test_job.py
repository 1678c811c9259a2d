"""The Spark job and `newsfold run` give the same families and stories on a sample (seeds + real + copies)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from newsfold import pipeline
from newsfold.model import RunReport
from newsfold.scale.config import ScaleConfig
from newsfold.scale.job import JobReport, run_job
from newsfold.store import Store

# One story window spans the whole sample. With the default 30-day windows the families agree but the
# stories do not, by design (docs/scale.md): two seed families are undated, the other seeds are dated
# 2022-02-15, 22 months before the NAEB articles. Online, undated families are placed last against every
# story and join the 2022 seed story; at scale they are placed in the last window (Dec 2023), whose
# 120-day horizon replay does not reach 2022, so they form a story of their own (measured).
# test_scale_cli.py runs the default windows on the same sample.
TEST_CONFIG = ScaleConfig(master="local[2]", shuffle_partitions=2, window_days=3650)
pytestmark = pytest.mark.slow


def _groups(rows: list, key: str) -> set[frozenset[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        found[getattr(row, key)].add(row.article_id)
    return {frozenset(v) for v in found.values()}


@pytest.fixture(scope="module")
def both(spark, sample_inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> tuple:
    out = tmp_path_factory.mktemp("spark-out")
    job = run_job(spark, sample_inputs, str(out), TEST_CONFIG)
    with Store.open(tmp_path_factory.mktemp("local") / "newsfold.db") as store:
        # Briefs are not part of the Spark job: stop where it stops (families and stories are the same).
        local = pipeline.run(sample_inputs, store, pipeline.PipelineConfig(stop_after="cluster"))
    tables = {t: spark.read.parquet(str(out / t)).collect() for t in ("families", "stories", "rejects")}
    return job, local, tables


def test_same_families_as_local_run(both: tuple[JobReport, RunReport, dict]) -> None:
    job, local, tables = both
    assert _groups(tables["families"], "family_id") == {frozenset(f.article_ids) for f in local.families}
    spark_rows = sorted((r.family_id, r.article_id, r.relation, r.score) for r in tables["families"])
    local_rows = sorted((f.id, m.article, m.relation, m.score) for f in local.families for m in f.members)
    assert spark_rows == local_rows  # ids, canonical members, relations and scores too
    assert any(len(f.members) > 1 for f in local.families)  # the sample does plant copies
    assert job.families == len(local_rows)


def test_same_stories_as_local_run(both: tuple[JobReport, RunReport, dict]) -> None:
    _, local, tables = both
    assert _groups(tables["stories"], "story_id") == {frozenset(s.articles) for s in local.stories}
    assert len({r.article_id for r in tables["stories"]}) == len(tables["stories"])  # one story per article


def test_corrupt_records_go_to_rejects(both: tuple[JobReport, RunReport, dict]) -> None:
    job, local, tables = both
    reasons = {Path(r.origin.split("#")[0]).name: r.error for r in tables["rejects"]}
    assert "copies.jsonl" in reasons and "junk.bin" in reasons
    assert {(r.origin, r.error) for r in tables["rejects"]} == {(r.origin, r.error) for r in local.rejected}
    assert job.rejects == len(local.rejected)
